"""One-call conveniences over a cached default Pipeline."""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable
from typing import Any, Literal, overload

from .config import PipelineConfig
from .document import Document, Entity
from .errors import ConfigError, InputError
from .pipeline import Pipeline

__all__ = ["convert", "decode", "extract", "keywords", "process", "segment"]


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


def _stage_engine(stage: str, **options: Any) -> Any:
    """The engine of the pipeline that runs ``stage`` alone (after decode) with ``options``.

    A call per short string is how most people call a segmenter or a
    converter, so the engine is looked up by the plain options first.
    """
    try:
        return _engine_by_options(stage, *(item for pair in options.items() for item in pair))
    except TypeError:  # an option that cannot be a key: built the long way, to fail or succeed as it should
        return _engine_by_options.__wrapped__(stage, *(item for pair in options.items() for item in pair))


@functools.lru_cache(maxsize=64, typed=True)
def _engine_by_options(stage: str, *flat: Any) -> Any:
    switched_off = {name: None for name in ("clean", "convert", "segment", "extract") if name != stage}
    options = {f"{stage}_{key}": value for key, value in zip(flat[::2], flat[1::2])}
    return pipeline_for(**switched_off, **options).engine(stage)


def process(data: bytes | str, **config: Any) -> Document:
    """Run the whole pipeline on one input; ``config`` as for :class:`Pipeline`."""
    return pipeline_for(**config).process(data)


def decode(data: bytes | str, encoding: str | None = None) -> Document:
    """Bytes (or str) to clean text: encoding detection and the clean-up passes."""
    return _decoding().decode(data, encoding)


@functools.cache
def _decoding() -> Pipeline:
    """The pipeline of decode(): detection and the clean-up passes (looked up once, not per call)."""
    return pipeline_for(convert=None, segment=None, extract=None)


def convert(text: str, variant: str = "t2s") -> str:
    """Convert text with OpenCC's configuration ``variant``: to Simplified (t2s, tw2s, tw2sp, hk2s, hk2sp),
    to Traditional (s2t, s2tw, s2twp, s2hk, s2hkp), between Traditional standards (t2tw, t2hk, tw2t, hk2t)
    or Japanese kanji (t2jp, jp2t); see docs/convert.md."""
    if not isinstance(text, str):
        raise InputError(f"convert() takes str, got {type(text).__name__}")
    try:
        engine = _CONVERTERS[variant]
    except (KeyError, TypeError):  # built (or refused) the long way the first time
        engine = _stage_engine("convert", variant=variant)
        if type(variant) is str:
            _CONVERTERS[variant] = engine
    return engine.convert_text(text)[0]


#: the engines of one call at a time by their plain options, looked up before anything is built:
#: a dict lookup is most of what a call on a short string may cost besides the work
_CONVERTERS: dict[str, Any] = {}
_SEGMENTERS: dict[tuple[bool, bool, str], Any] = {}


@overload
def segment(text: str, hmm: bool = True, mode: str = "default", *, pos: Literal[False] = False) -> list[str]: ...


@overload
def segment(text: str, hmm: bool = True, mode: str = "default", *, pos: Literal[True]) -> list[tuple[str, str]]: ...


def segment(text: str, hmm: bool = True, mode: str = "default", *, pos: bool = False) -> Any:
    """Words of ``text`` as jieba gives them.

    ``mode="search"`` adds sub-words (``jieba.lcut_for_search``); ``mode="full"``
    gives every dictionary word found (``jieba.lcut(text, cut_all=True)``).
    ``pos=True`` gives ``(word, tag)`` pairs, ``jieba.posseg.lcut(text, HMM=hmm)``
    as tuples (default mode only).
    """
    if not isinstance(text, str):
        raise InputError(f"segment() takes str, got {type(text).__name__}")
    key = (hmm is True, hmm is False, mode)  # hmm=1 is no bool: it takes the long way and fails there
    try:
        engine = _SEGMENTERS[key]
    except (KeyError, TypeError):
        engine = _stage_engine("segment", hmm=hmm, mode=mode)
        if key[0] != key[1] and type(mode) is str:
            _SEGMENTERS[key] = engine
    if pos is True:
        if mode != "default":
            raise ConfigError(f"segment(pos=True) tags the default mode only (jieba.posseg has no {mode} mode)")
        return engine.cut_pos(text)
    if pos is not False:
        raise ConfigError(f"segment() option 'pos' must be True or False, got {pos!r}")
    return engine.cut(text)


def keywords(
    text: str,
    top_k: int | None = 20,
    method: str = "tfidf",
    pos: Collection[str] | None = None,
) -> list[tuple[str, float]]:
    """The ``top_k`` keywords of ``text`` as ``(word, weight)``, best first (``top_k=None``: all).

    ``method="tfidf"`` is ``jieba.analyse.extract_tags(text, topK, withWeight=True,
    allowPOS=pos)``; ``method="textrank"`` is ``jieba.analyse.textrank(...)``,
    whose ``pos`` defaults to ``("ns", "n", "vn", "v")``. ``pos`` keeps only words
    with those part-of-speech tags (then the text is segmented as
    ``jieba.posseg`` segments it). Words of equal weight keep jieba's order:
    first occurrence for TF-IDF, first appearance in a co-occurrence pair for
    TextRank. The text is ranked as given (no clean-up, no conversion).
    """
    if not isinstance(text, str):
        raise InputError(f"keywords() takes str, got {type(text).__name__}")
    if pos is not None and (isinstance(pos, str) or not isinstance(pos, Collection)):
        raise ConfigError(f"keywords() option 'pos' must be a list of tags such as ['n', 'v'], got {pos!r}")
    allow = None if pos is None else tuple(pos)
    p = _keyword_pipeline(top_k, method, allow)
    found = [e for e in p.extract(p.segment(Document.from_text(text))).entities if e.kind == "keyword"]
    found.sort(key=lambda e: e.attrs["rank"])
    return [(e.text, e.value) for e in found]


@functools.lru_cache(maxsize=32)
def _keyword_pipeline(top_k: int | None, method: str, pos: tuple[str, ...] | None) -> Pipeline:
    """The pipeline that segments (with tags where the ranking needs them) and ranks keywords."""
    tagged = method == "textrank" or bool(pos)
    extractor = {"engine": "keyword", "top_k": top_k, "method": method, "pos": pos}
    return pipeline_for(clean=None, convert=None, segment_pos=tagged, extract=[extractor])


def extract(text: str, kinds: str | Iterable[str] | None = None) -> list[Entity]:
    """Entities in ``text`` from the default extractors, or the ones named in ``kinds`` (a name or a list)."""
    config: dict[str, Any] = {"clean": None, "convert": None}
    if kinds is not None:
        config["extract"] = list(kinds) if isinstance(kinds, (list, tuple)) else kinds
    p = pipeline_for(**config)
    return list(p.extract(Document.from_text(text)).entities)
