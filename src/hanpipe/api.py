"""One-call conveniences over a cached default Pipeline."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from .config import PipelineConfig
from .document import Document, Entity
from .pipeline import Pipeline

__all__ = ["convert", "decode", "extract", "process", "segment"]


@functools.lru_cache(maxsize=16)
def _cached(config: PipelineConfig) -> Pipeline:
    return Pipeline.from_config(config)


def pipeline_for(**config: Any) -> Pipeline:
    """A Pipeline for ``config`` (as for :class:`Pipeline`), built once per process for each distinct config."""
    return _cached(PipelineConfig.of(**config))


def process(data: bytes | str, **config: Any) -> Document:
    """Run the whole pipeline on one input; ``config`` as for :class:`Pipeline`."""
    return pipeline_for(**config).process(data)


def decode(data: bytes | str, encoding: str | None = None) -> Document:
    """Bytes (or str) to clean text: encoding detection and the clean-up passes."""
    return pipeline_for(convert=None, segment=None, extract=None).decode(data, encoding)


def convert(text: str, variant: str = "t2s") -> str:
    """Traditional to Simplified text (``variant``: t2s, tw2s, tw2sp, hk2s)."""
    p = pipeline_for(clean=None, segment=None, extract=None, convert_variant=variant)
    return p.convert(Document.from_text(text)).text


def segment(text: str, hmm: bool = True, mode: str = "default") -> list[str]:
    """Words of ``text`` as jieba gives them.

    ``mode="search"`` adds sub-words (``jieba.lcut_for_search``); ``mode="full"``
    gives every dictionary word found (``jieba.lcut(text, cut_all=True)``).
    """
    p = pipeline_for(clean=None, convert=None, extract=None, segment_hmm=hmm, segment_mode=mode)
    return p.segment(Document.from_text(text)).words


def extract(text: str, kinds: str | Iterable[str] | None = None) -> list[Entity]:
    """Entities in ``text`` from the default extractors, or the ones named in ``kinds`` (a name or a list)."""
    config: dict[str, Any] = {"clean": None, "convert": None}
    if kinds is not None:
        config["extract"] = list(kinds) if isinstance(kinds, (list, tuple)) else kinds
    p = pipeline_for(**config)
    return list(p.extract(Document.from_text(text)).entities)
