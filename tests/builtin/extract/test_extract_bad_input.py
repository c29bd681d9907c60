"""Hostile input: never a crash, never a wrapped value, spans always true to the text."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanpipe.builtin.extract import ENGINES as EXTRACT_ENGINES
from hanpipe.document import Document
from hanpipe.pipeline import Pipeline

EXTRACTORS = tuple(ref.load() for ref in EXTRACT_ENGINES)

KINDS = [cls.name for cls in EXTRACTORS if cls.name != "keyword"]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(clean=None, convert=None, segment=None, extract=KINDS, entry_points=False)


def run(pipeline: Pipeline, text: str) -> list:
    return list(pipeline.extract(Document.from_text(text)).entities)


def test_extract_bad_ten_thousand_digits(pipeline: Pipeline) -> None:
    (ent,) = run(pipeline, "1" * 10_000)
    assert ent.kind == "number" and ent.value is None and ent.attrs["overflow"] is True
    (ent,) = run(pipeline, "１" * 10_000 + "人")
    assert ent.value is None and ent.attrs["overflow"] is True


def test_extract_bad_beyond_64_bits_is_exact(pipeline: Pipeline) -> None:
    (ent,) = run(pipeline, "共99999999999999999999")  # 20 digits: past int64
    assert ent.value == 99999999999999999999 and type(ent.value) is int
    (ent,) = run(pipeline, "共123456789012345678901234亿")
    assert ent.value == 123456789012345678901234 * 10**8
    (ent,) = run(pipeline, "九千九百九十九万九千九百九十九亿九千九百九十九万九千九百九十九个")
    assert ent.value == 9999_9999_9999_9999


def test_extract_bad_units_only(pipeline: Pipeline) -> None:
    assert run(pipeline, "亿" * 10_000) == []
    assert run(pipeline, "万亿" * 5_000) == [] or all(e.value is not None for e in run(pipeline, "万亿" * 5_000))


def test_extract_bad_open_range(pipeline: Pipeline) -> None:
    ents = run(pipeline, "用户有8亿到")
    assert [(e.text, e.value) for e in ents] == [("8亿", 800_000_000)]


@pytest.mark.parametrize(
    "text",
    "约 约约约 左右左右 超过 百分之 分之一 多多多 余余 负 负负5 --5 近近百 %%% 第第".split(),
)
def test_extract_bad_unbalanced_qualifiers(pipeline: Pipeline, text: str) -> None:
    for ent in run(pipeline, text * 50):
        assert ent.text == (text * 50)[ent.start : ent.end]


@pytest.mark.parametrize(
    "text",
    [
        "a" * 100_000 + "@",
        "a@" * 50_000,
        "a." * 50_000 + "@b",
        "a@b." * 25_000,
        "http://" + "a" * 100_000,
        "1." * 50_000,
        "1," * 50_000,
        "两三" * 10_000,
        "百分之" * 10_000,
        "1到" * 30_000,
        "1-" * 30_000,
        "156 " * 25_000,
        "7月" * 30_000,
        "块五" * 50_000,
        "三块五" * 30_000,
        "元零五分" * 25_000,
        "1元2角3分" * 15_000,
        "点半" * 100_000,
        "3点半" * 50_000,
        "一点" * 50_000,
        "下午一点" * 25_000,
        "三点零五分" * 20_000,
        "三点二十分" * 20_000,
        "三点" + "二" * 100_000 + "十",
        "零点" * 50_000,
        "点十分" * 30_000,
        "两个亿" * 30_000,
        "个亿" * 50_000,
        "2个亿万" * 25_000,
        "1亿2个亿" * 20_000,
    ],
    ids=lambda t: repr(t[:8]),
)
def test_extract_bad_long_inputs(pipeline: Pipeline, text: str) -> None:
    for ent in run(pipeline, text):
        assert ent.text == text[ent.start : ent.end]


def _check(ents: list, text: str) -> None:
    by_kind: dict[str, list] = {}
    for ent in ents:
        assert text[ent.start : ent.end] == ent.text
        by_kind.setdefault(ent.kind, []).append(ent)
    for kind, items in by_kind.items():
        items.sort(key=lambda e: e.start)
        for a, b in itertools.pairwise(items):
            assert a.end <= b.start, (kind, a, b)


NUMERIC_CHARS = list("0123456789.,，%-:/@年月日至到万亿千百十一二两三零约近多余个元美超过第 a点时分半刻整午角毛块")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(NUMERIC_CHARS), max_size=60))
def test_extract_bad_any_numeric_text(text: str) -> None:
    p = Pipeline(clean=None, convert=None, segment=None, extract=KINDS, entry_points=False)
    _check(list(p.extract(Document.from_text(text)).entities), text)


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=80))
def test_extract_bad_any_text(text: str) -> None:
    p = Pipeline(clean=None, convert=None, segment=None, extract=KINDS, entry_points=False)
    _check(list(p.extract(Document.from_text(text)).entities), text)
