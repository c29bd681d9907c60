"""Inputs that must neither crash nor go quadratic: every one gives tokens covering the text."""

from __future__ import annotations

import jieba
import pytest

from hanpipe import InputError, Pipeline
from hanpipe.builtin.segment.jieba import JiebaSegmenter


@pytest.fixture(scope="module")
def engine() -> JiebaSegmenter:
    return JiebaSegmenter()


def covers(text: str, engine: JiebaSegmenter) -> list[str]:
    tokens = engine.segment(text)
    words = tokens.strings(text)
    assert "".join(words) == text
    assert (tokens.ends > tokens.starts).all()
    return words


def test_bad_input_empty(engine: JiebaSegmenter) -> None:
    assert covers("", engine) == []
    assert engine.cut("") == []
    assert engine.cut("", mode="search") == []
    assert engine.cut("", mode="full") == []
    assert len(JiebaSegmenter(mode="full").segment("")) == 0


@pytest.mark.slow
def test_bad_input_megabyte_of_han_without_punctuation(engine: JiebaSegmenter) -> None:
    unit = "我们在北京大学研究大规模语言模型的训练方法和推理效率问题"
    text = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
    words = covers(text, engine)
    # the unit repeats, so the segmentation inside it does too (away from the seams)
    head = jieba.lcut(text[:20_000])
    assert words[: len(head) - 5] == head[:-5]


@pytest.mark.slow
def test_bad_input_megabyte_of_one_character(engine: JiebaSegmenter) -> None:
    for ch in ("的", "a", "口"):
        text = ch * 1_000_000
        words = covers(text, engine)
        small = ch * 2000
        assert engine.cut(small) == jieba.lcut(small)
        assert len(words) >= 1


@pytest.mark.parametrize(
    "text",
    [
        "\ud800",
        "前\udfff后",
        "北京\ud83d大学",
        "\x00",
        "中\x00国\x01\x02\x1f\x7f人",
        "\r",
        "\r\n\r\n",
        "\n\r",
        "\ufeff中国",
        "\U0010ffff\U000e0001",
        "ab\u200dcd",
    ],
)
def test_bad_input_odd_code_points_equal_jieba(engine: JiebaSegmenter, text: str) -> None:
    assert covers(text, engine) == jieba.lcut(text)
    assert engine.cut(text, hmm=False) == jieba.lcut(text, HMM=False)
    assert engine.cut(text, mode="search") == jieba.lcut_for_search(text)
    assert engine.cut(text, mode="full") == jieba.lcut(text, cut_all=True)
    assert JiebaSegmenter(mode="full").segment(text).strings(text) == jieba.lcut(text, cut_all=True)


@pytest.mark.parametrize("value", [b"bytes", None, 3, ["list"]])
def test_bad_input_not_str(engine: JiebaSegmenter, value: object) -> None:
    with pytest.raises(InputError):
        engine.segment(value)  # type: ignore[arg-type]
    with pytest.raises(InputError):
        engine.cut(value)  # type: ignore[arg-type]


def test_bad_input_unknown_mode() -> None:
    from hanpipe import ConfigError

    with pytest.raises(ConfigError):
        JiebaSegmenter(mode="all")
    with pytest.raises(ConfigError):
        JiebaSegmenter().cut("中国", mode="all")


def test_bad_input_through_the_pipeline() -> None:
    pipe = Pipeline(segment="jieba", convert=None, extract=None, entry_points=False)
    doc = pipe("中\x00国\ud800人民")
    assert "".join(doc.words) == doc.text


@pytest.mark.parametrize("ch", ["的", "a", "口", " ", "\x00", "\ud800", "，"])
def test_bad_input_full_mode_long_run_of_one_character(engine: JiebaSegmenter, ch: str) -> None:
    """100,000 of one character in full mode: linear time, and as jieba's output on shorter runs goes."""
    text = ch * 100_000
    words = engine.cut(text, mode="full")
    # jieba's token count grows linearly with the run: extrapolate it from two short runs
    short, longer = (jieba.lcut(ch * m, cut_all=True) for m in (3000, 3001))
    assert engine.cut(ch * 3000, mode="full") == short
    slope = len(longer) - len(short)
    assert len(words) == len(short) + slope * (len(text) - 3000)
    if slope == 0:  # one token for the whole run
        assert short == [ch * 3000] and words == [text]
    else:
        assert words[:100] == short[:100] and words[-100:] == short[-100:]
    assert "".join(JiebaSegmenter(mode="full").segment(text).strings(text)).count(ch) >= len(text)
