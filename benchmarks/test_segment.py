"""Segmentation beside jieba (the reference) and rjieba (a Rust port that is not exact).

Each group compares like with like: strings with HMM (``segment``), strings
without HMM (``segment-nohmm``), search mode (``segment-search``), full mode
(``segment-full``, beside jieba's ``cut_all=True`` only) and spans only
(``segment-offsets``, ours as int32 arrays, rjieba's ``tokenize``).
jieba is slow, so it runs one timed round. Before timing, our output is
checked against jieba's on the first part of the corpus.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from hanpipe.builtin.segment.jieba import JiebaSegmenter

CHECK_CHARS = 100_000


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


@pytest.fixture(scope="module")
def engine() -> JiebaSegmenter:
    return JiebaSegmenter()


def _peer(name: str) -> Any:
    if name == "jieba":
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        return jieba
    return pytest.importorskip(name)


def _run(measure: Any, text: str, role: str, fn: Callable[[str], Any], rounds: int = 3) -> None:
    fn(text[:CHECK_CHARS])  # warm up: JIT, dictionary loading
    out = measure(fn, text, nbytes=_size(text), role=role, rounds=rounds)
    assert len(out) > 0


def _checked(engine_fn: Callable[[str], list[str]], jieba_fn_name: str, text: str, **kwargs: Any) -> None:
    jieba = _peer("jieba")
    sample = text[:CHECK_CHARS]
    assert engine_fn(sample) == getattr(jieba, jieba_fn_name)(sample, **kwargs)


@pytest.mark.benchmark(group="segment")
@pytest.mark.parametrize("role", ["hanpipe", "jieba", "rjieba"])
def test_segment_strings_hmm(measure: Any, corpus_mixed: str, engine: JiebaSegmenter, role: str) -> None:
    if role == "hanpipe":
        _checked(engine.cut, "lcut", corpus_mixed)
        _run(measure, corpus_mixed, role, engine.cut)
    elif role == "jieba":
        _run(measure, corpus_mixed, role, _peer("jieba").lcut, rounds=1)
    else:
        rjieba = _peer("rjieba")
        _run(measure, corpus_mixed, role, rjieba.cut)


@pytest.mark.benchmark(group="segment-nohmm")
@pytest.mark.parametrize("role", ["hanpipe", "jieba", "rjieba"])
def test_segment_strings_no_hmm(measure: Any, corpus_mixed: str, engine: JiebaSegmenter, role: str) -> None:
    if role == "hanpipe":
        _checked(lambda t: engine.cut(t, hmm=False), "lcut", corpus_mixed, HMM=False)
        _run(measure, corpus_mixed, role, lambda t: engine.cut(t, hmm=False))
    elif role == "jieba":
        jieba = _peer("jieba")
        _run(measure, corpus_mixed, role, lambda t: jieba.lcut(t, HMM=False), rounds=1)
    else:
        rjieba = _peer("rjieba")
        _run(measure, corpus_mixed, role, lambda t: rjieba.cut(t, hmm=False))


@pytest.mark.benchmark(group="segment-search")
@pytest.mark.parametrize("role", ["hanpipe", "jieba", "rjieba"])
def test_segment_search(measure: Any, corpus_mixed: str, engine: JiebaSegmenter, role: str) -> None:
    if role == "hanpipe":
        _checked(lambda t: engine.cut(t, mode="search"), "lcut_for_search", corpus_mixed)
        _run(measure, corpus_mixed, role, lambda t: engine.cut(t, mode="search"))
    elif role == "jieba":
        _run(measure, corpus_mixed, role, _peer("jieba").lcut_for_search, rounds=1)
    else:
        rjieba = _peer("rjieba")
        _run(measure, corpus_mixed, role, rjieba.cut_for_search)


@pytest.mark.benchmark(group="segment-full")
@pytest.mark.parametrize("role", ["hanpipe", "jieba"])
def test_segment_full(measure: Any, corpus_mixed: str, engine: JiebaSegmenter, role: str) -> None:
    if role == "hanpipe":
        _checked(lambda t: engine.cut(t, mode="full"), "lcut", corpus_mixed, cut_all=True)
        _run(measure, corpus_mixed, role, lambda t: engine.cut(t, mode="full"))
    else:
        jieba = _peer("jieba")
        _run(measure, corpus_mixed, role, lambda t: jieba.lcut(t, cut_all=True), rounds=1)


@pytest.mark.benchmark(group="segment-offsets")
@pytest.mark.parametrize("role", ["hanpipe", "rjieba"])
def test_segment_offsets(measure: Any, corpus_mixed: str, engine: JiebaSegmenter, role: str) -> None:
    if role == "hanpipe":
        _run(measure, corpus_mixed, role, lambda t: engine.segment(t).starts)
    else:
        rjieba = _peer("rjieba")
        _run(measure, corpus_mixed, role, rjieba.tokenize)


@pytest.mark.benchmark(group="segment-traditional")
@pytest.mark.parametrize("role", ["hanpipe", "jieba", "rjieba"])
def test_segment_traditional_pages(measure: Any, corpus_traditional: str, engine: JiebaSegmenter, role: str) -> None:
    """Traditional pages segmented as they are (no conversion): long runs of characters missing
    from jieba's dictionary go through the HMM."""
    if role == "hanpipe":
        _checked(engine.cut, "lcut", corpus_traditional)
        _run(measure, corpus_traditional, role, engine.cut)
    elif role == "jieba":
        _run(measure, corpus_traditional, role, _peer("jieba").lcut, rounds=1)
    else:
        rjieba = _peer("rjieba")
        _run(measure, corpus_traditional, role, rjieba.cut)


PER_CALL_SIZES = (200, 1024)


def _strings_of_about(text: str, size: int, count: int = 500) -> list[str]:
    """``count`` consecutive pieces of ``text`` of about ``size`` bytes of UTF-8 each."""
    step = max(1, size // 3)  # Chinese text: about three bytes a character
    return [text[i * step : (i + 1) * step] for i in range(count)]


@pytest.mark.parametrize("size", PER_CALL_SIZES)
@pytest.mark.parametrize("role", ["hanpipe", "rjieba"])
def test_segment_one_string_per_call(measure: Any, benchmark: Any, corpus_mixed: str, role: str, size: int) -> None:
    """One call per short string, as most people call jieba: ``hanpipe.segment`` beside ``rjieba.cut``."""
    import hanpipe

    benchmark.group = f"segment-per-call-{size}B"
    pieces = _strings_of_about(corpus_mixed, size)
    fn = hanpipe.segment if role == "hanpipe" else _peer("rjieba").cut
    fn(pieces[0])

    def run() -> int:
        return sum(len(fn(p)) for p in pieces)

    assert measure(run, nbytes=sum(_size(p) for p in pieces), role=role, rounds=5) > 0


@pytest.mark.parametrize("size", PER_CALL_SIZES)
@pytest.mark.parametrize(("role", "mode"), [("hanpipe", "default"), ("rjieba", "default"), ("hanpipe", "search"),
                                            ("rjieba", "search")])
def test_segment_engine_cut_per_call(measure: Any, benchmark: Any, corpus_mixed: str, engine: JiebaSegmenter,
                                     role: str, mode: str, size: int) -> None:
    """One call per short string to the engine's own ``cut`` (default and search mode) beside
    rjieba's ``cut`` and ``cut_for_search``."""
    benchmark.group = f"segment-cut-per-call-{mode}-{size}B"
    pieces = _strings_of_about(corpus_mixed, size)
    if role == "hanpipe":
        fn = engine.cut if mode == "default" else lambda t: engine.cut(t, mode="search")
    else:
        rjieba = _peer("rjieba")
        fn = rjieba.cut if mode == "default" else rjieba.cut_for_search
    fn(pieces[0])

    def run() -> int:
        return sum(len(fn(p)) for p in pieces)

    assert measure(run, nbytes=sum(_size(p) for p in pieces), role=role, rounds=5) > 0


@pytest.mark.parametrize("size", PER_CALL_SIZES)
@pytest.mark.parametrize("role", ["hanpipe", "rjieba"])
def test_segment_engine_offsets_per_call(measure: Any, benchmark: Any, corpus_mixed: str, engine: JiebaSegmenter,
                                         role: str, size: int) -> None:
    """One call per short string to the engine's ``segment`` (the spans a Pipeline keeps for each
    document) beside rjieba's ``tokenize`` (its spans as tuples)."""
    benchmark.group = f"segment-offsets-per-call-{size}B"
    pieces = _strings_of_about(corpus_mixed, size)
    fn: Callable[[str], Any] = engine.segment if role == "hanpipe" else _peer("rjieba").tokenize
    fn(pieces[0])

    def run() -> int:
        return sum(len(fn(p)) for p in pieces)

    assert measure(run, nbytes=sum(_size(p) for p in pieces), role=role, rounds=5) > 0
