"""One-call conveniences over a cached default Pipeline."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from .config import PipelineConfig
from .document import Document, Entity
from .errors import InputError
from .pipeline import Pipeline

__all__ = ["convert", "decode", "extract", "process", "segment"]


@functools.lru_cache(maxsize=16)
def _cached(config: PipelineConfig) -> Pipeline:
    return Pipeline.from_config(config)


def pipeline_for(**config: Any) -> Pipeline:
    """A Pipeline for ``config`` (as for :class:`Pipeline`), built once per process for each distinct config.

    Building a PipelineConfig costs more than a short text's processing, so
    the call's plain arguments are looked up first (by type too: ``hmm=1`` is
    not ``hmm=True``, and fails as it should).
    """
    flat = [item for pair in sorted(config.items()) for item in pair]
    try:
        return _by_config(*flat)
    except TypeError:  # a value that cannot be a key (a list, a dict): the configuration is built
        return _cached(PipelineConfig.of(**config))


@functools.lru_cache(maxsize=64, typed=True)
def _by_config(*flat: Any) -> Pipeline:
    return _cached(PipelineConfig.of(**dict(zip(flat[::2], flat[1::2]))))


def _stage_pipeline(stage: str, **options: Any) -> Pipeline:
    """The pipeline that runs ``stage`` alone (after decode) with ``options``."""
    switched_off = {name: None for name in ("clean", "convert", "segment", "extract") if name != stage}
    return pipeline_for(**switched_off, **{f"{stage}_{key}": value for key, value in options.items()})


def process(data: bytes | str, **config: Any) -> Document:
    """Run the whole pipeline on one input; ``config`` as for :class:`Pipeline`."""
    return pipeline_for(**config).process(data)


def decode(data: bytes | str, encoding: str | None = None) -> Document:
    """Bytes (or str) to clean text: encoding detection and the clean-up passes."""
    return pipeline_for(convert=None, segment=None, extract=None).decode(data, encoding)


def convert(text: str, variant: str = "t2s") -> str:
    """Traditional to Simplified text (``variant``: t2s, tw2s, tw2sp, hk2s)."""
    if not isinstance(text, str):
        raise InputError(f"convert() takes str, got {type(text).__name__}")
    return _stage_pipeline("convert", variant=variant).engine("convert").convert_text(text)[0]


def segment(text: str, hmm: bool = True, mode: str = "default") -> list[str]:
    """Words of ``text`` as jieba gives them.

    ``mode="search"`` adds sub-words (``jieba.lcut_for_search``); ``mode="full"``
    gives every dictionary word found (``jieba.lcut(text, cut_all=True)``).
    """
    if not isinstance(text, str):
        raise InputError(f"segment() takes str, got {type(text).__name__}")
    return _stage_pipeline("segment", hmm=hmm, mode=mode).engine("segment").cut(text)


def extract(text: str, kinds: str | Iterable[str] | None = None) -> list[Entity]:
    """Entities in ``text`` from the default extractors, or the ones named in ``kinds`` (a name or a list)."""
    config: dict[str, Any] = {"clean": None, "convert": None}
    if kinds is not None:
        config["extract"] = list(kinds) if isinstance(kinds, (list, tuple)) else kinds
    p = pipeline_for(**config)
    return list(p.extract(Document.from_text(text)).entities)
