"""Part-of-speech tags and keywords beside jieba.posseg, jieba_fast.posseg and jieba.analyse.

Groups: ``pos`` and ``pos-nohmm`` (``(word, tag)`` pairs: ``cut_pos`` beside
``jieba.posseg.lcut`` and ``jieba_fast.posseg.lcut``), ``pos-nohmm-corpus``
(the same without the HMM on the first :data:`CORPUS_CHARS` characters of the
bench corpus, where the per-call costs weigh less), ``keywords-tfidf``,
``keywords-tfidf-pos`` (with ``allowPOS``) and ``keywords-textrank``
(``hanpipe.keywords`` beside ``jieba.analyse``). jieba.posseg is slow
(a few thousand characters a second on Traditional text, whose rare characters
go through its tagging HMM), so every group runs on the first :data:`CHARS`
characters of each seed, the peers for one round; the peer runs first and our
output is checked against jieba's before it is timed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest

import hanpipe
from hanpipe.builtin.segment.jieba import JiebaSegmenter

CHARS = 300  # from each seed
CORPUS_CHARS = 50_000  # of the mixed bench corpus, for pos-nohmm-corpus (jieba.posseg takes about 0.1 s)
POS = ("ns", "n", "vn", "v", "nr")
_JIEBA_OUT: dict[str, Any] = {}  # group -> jieba's output, for our check


@pytest.fixture(scope="module")
def text(seed_texts: dict[str, str]) -> str:
    """The first :data:`CHARS` characters of each seed, Simplified and Traditional."""
    return "\n".join(t[:CHARS] for t in seed_texts.values())


@pytest.fixture(scope="module")
def engine() -> JiebaSegmenter:
    return JiebaSegmenter()


def _peer(name: str) -> Any:
    module = pytest.importorskip(name)
    module.setLogLevel(logging.WARNING)
    module.initialize()
    return module


def _pairs(result: Any) -> list[tuple[str, str]]:
    return [(p.word, p.flag) for p in result]


def _time(measure: Any, group: str, role: str, fn: Callable[[str], Any], text: str,
          check: Callable[[Any], Any] = lambda out: out) -> None:
    fn(text[:50])  # warm up: JIT, dictionaries, models
    if role == "hanpipe":
        want = _JIEBA_OUT.get(group)
        if want is not None:
            assert check(fn(text)) == want
    out = measure(fn, text, nbytes=len(text.encode("utf-8")), role=role, rounds=3 if role == "hanpipe" else 1)
    if role == "jieba":
        _JIEBA_OUT[group] = check(out)


@pytest.mark.benchmark(group="pos")
@pytest.mark.parametrize("role", ["jieba", "jieba_fast", "hanpipe"])
def test_pos_hmm(measure: Any, text: str, engine: JiebaSegmenter, role: str) -> None:
    if role == "hanpipe":
        _time(measure, "pos", role, engine.cut_pos, text)
    else:
        _peer(role)
        posseg = pytest.importorskip(f"{role}.posseg")
        _time(measure, "pos", role, posseg.lcut, text, _pairs)


@pytest.mark.benchmark(group="pos-nohmm")
@pytest.mark.parametrize("role", ["jieba", "jieba_fast", "hanpipe"])
def test_pos_no_hmm(measure: Any, text: str, engine: JiebaSegmenter, role: str) -> None:
    if role == "hanpipe":
        _time(measure, "pos-nohmm", role, lambda t: engine.cut_pos(t, hmm=False), text)
    else:
        _peer(role)
        posseg = pytest.importorskip(f"{role}.posseg")
        _time(measure, "pos-nohmm", role, lambda t: posseg.lcut(t, HMM=False), text, _pairs)


@pytest.mark.benchmark(group="pos-nohmm-corpus")
@pytest.mark.parametrize("role", ["jieba", "hanpipe"])
def test_pos_no_hmm_corpus(measure: Any, corpus_mixed: str, engine: JiebaSegmenter, role: str) -> None:
    text = corpus_mixed[:CORPUS_CHARS]
    if role == "hanpipe":
        _time(measure, "pos-nohmm-corpus", role, lambda t: engine.cut_pos(t, hmm=False), text)
    else:
        _peer(role)
        posseg = pytest.importorskip(f"{role}.posseg")
        _time(measure, "pos-nohmm-corpus", role, lambda t: posseg.lcut(t, HMM=False), text, _pairs)


KEYWORDS = {
    "keywords-tfidf": ("tfidf", None),
    "keywords-tfidf-pos": ("tfidf", POS),
    "keywords-textrank": ("textrank", None),
}


@pytest.mark.parametrize("group", sorted(KEYWORDS))
@pytest.mark.parametrize("role", ["jieba", "hanpipe"])
def test_keywords(measure: Any, benchmark: Any, text: str, group: str, role: str) -> None:
    benchmark.group = group
    method, pos = KEYWORDS[group]
    if role == "hanpipe":
        _time(measure, group, role, lambda t: hanpipe.keywords(t, 20, method, pos), text)
        return
    analyse = pytest.importorskip("jieba.analyse")
    _peer("jieba")
    ranker = analyse.extract_tags if method == "tfidf" else analyse.textrank
    options = {} if pos is None else {"allowPOS": pos}
    _time(measure, group, role, lambda t: ranker(t, topK=20, withWeight=True, **options), text,
          lambda out: [tuple(p) for p in out])
