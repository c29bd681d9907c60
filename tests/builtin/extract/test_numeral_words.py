"""Words that begin or end with a numeral character (万一, 统一, 十分, 一致, 千万 the adverb,
星期二) hold no number, also run together (万一十分, 统一十分, 千万一定); hand-checked cases,
readings that must stay, and a property over runs of such words."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hanpipe

NUMERIC = ["number", "quantity", "money", "percent", "date", "time"]


def numeric(text: str) -> list[tuple[str, str, object]]:
    return [(e.kind, e.text, e.value) for e in hanpipe.extract(text, NUMERIC)]


@pytest.mark.parametrize(
    "text",
    [
        # a word ending in 一, then a numeral word
        "万一十分",
        "统一十分",
        "唯一十分",
        "同一千万",
        "单一万分",
        "专一十足",
        "划一百般",
        "归一千秋",
        "合一万岁",
        "始终如一十分难得",
        "万一万一",
        "萬一十分",
        "統一十分",
        "原因之一十分重要",
        # a weekday, then a numeral word
        "星期二十分",
        "星期二三思",
        "礼拜三十分",
        "禮拜三十足",
        # the adverb 千万 before a numeral word
        "千万一定要",
        "千万十分小心",
        "千万三思",
        "千万一致",
        "千万千万要小心",
        # a numeral word after 一点 (a little): no decimal
        "一点一点地",
        "一点一滴",
        "三点一致",  # no 3.1 (三点, three points, is left unread with it)
        "有一点一般",
        # the words alone
        "十分一致",
        "万一",
        "统一",
        "十分",
        # the name of a five-year plan (十一五 to 十五五), not 11 to 15
        "“十四五”规划开局之年",
        "十三五时期经济稳步增长",
        "十五五规划建议",
        "十一五以来",
        "“十二五”",
        "十三五期间",  # 五期 was 5 期
        "十二五期末",
        # a generation by its decade of birth (each was a number: 80, 0, 95)
        "我们80后都是这样",
        "90后、00后成为消费主力",
        "95后员工",
        "八零后的回忆",
        "九零後",
        "年龄在90后至00后之间",  # a range of generations
    ],
)
def test_numeral_words_not_read(text: str) -> None:
    assert numeric(text) == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # numbers next to these words, and numerals these rules must leave alone
        ("统一10万元", [("money", "10万元", 100000)]),
        ("一万一千", [("number", "一万一千", 11000)]),
        ("十万一千", [("number", "十万一千", 101000)]),
        ("3万一千", [("number", "3万一千", 31000)]),
        ("千万一千次", [("quantity", "千万一千次", 10001000)]),
        ("三分之一", [("number", "三分之一", 1 / 3)]),
        ("百分之一", [("percent", "百分之一", 0.01)]),
        ("三点一四", [("number", "三点一四", 3.14)]),
        ("一点五倍", [("quantity", "一点五倍", 1.5)]),
        ("气温升高一点一度", [("quantity", "一点一度", 1.1)]),
        ("投资千万", [("number", "千万", 10000000)]),
        ("统一了三十个", [("quantity", "三十个", 30)]),
        ("万一有100人", [("quantity", "100人", 100)]),
        ("同一天有二十人", [("quantity", "二十人", 20)]),
        ("星期二有二十人", [("quantity", "二十人", 20)]),
        # the shape of a plan's name before a measure word or date mark is an amount, or two
        ("他十四五岁", [("quantity", "十四五岁", 14)]),
        ("来了十四五个人", [("quantity", "十四五个", 14)]),
        ("第十三五", []),  # no plan: 第 before it (an ordinal the scan leaves)
        ("十六五规划", [("number", "十六", 16)]),  # 十六 begins no plan's name
        # no plan's word nor quotes: an age (14 to 15 is left for a measure word to say)
        ("他十四五那年", [("number", "十四", 14)]),
        ("年方十四五", [("number", "十四", 14)]),
        # 后 that begins a word, or more digits: no generation
        ("80后面的数字", [("number", "80", 80)]),
        ("1980后", [("number", "1980", 1980)]),
        ("12.80后", [("number", "12.80", 12.8)]),
        ("考试得了90后，他很开心", [("number", "90", 90)]),  # a value reached, then something after it
        ("温度升到80后又降了下来", [("number", "80", 80)]),
        ("30天后", [("date", "30天后", None)]),
    ],
)
def test_numeral_words_leave_numbers(text: str, want: list) -> None:
    got = numeric(text)
    assert [(k, t) for k, t, _ in got] == [(k, t) for k, t, _ in want]
    for (_, _, v), (_, _, w) in zip(got, want, strict=True):
        assert v == pytest.approx(w)


#: words that are no numbers, whatever stands around them
WORDS = (
    "万一 统一 唯一 同一 单一 专一 划一 归一 合一 如一 不一 十分 一致 一般 一直 一切 一定 一起 一样 "
    "一些 一律 一旦 万万 百般 万分 一再 十足 千秋 万岁 一半 一向 一共 一时 万事 三思 四处 一手 一同 "
    "一下 星期一 星期二 礼拜三 統一 萬一"
).split()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4), st.booleans())
def test_numeral_words_property(words: list[str], adverb: bool) -> None:
    """A run of words that are no numbers holds no numeric entity; nor does it after the adverb
    千万 when it begins with a numeral character (千万十分, 千万一定)."""
    text = "".join(words)
    assert numeric(text) == [], text
    if adverb and text[0] in "一二三四五六七八九十百千万":
        assert numeric("千万" + text) == [], "千万" + text


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet="万统唯之一二三四五十百千点點星期礼拜日月年-5致定滴人个规“ 08零后面第.至到队伍陆拾收大登元集台为"
        "约近预签损失最多",
        max_size=30,
    )
)
def test_numeral_words_pass_compiled_equals_python(text: str) -> None:
    """The words pass gives the same rows and marks compiled and as plain Python."""
    from hanpipe.builtin.extract import _kernels as K
    from hanpipe.builtin.extract.idioms import idiom_keys
    from hanpipe.builtin.extract.numerals import _TABLES

    cls, val, flg = _TABLES
    cps = np.array([ord(c) for c in text], dtype=np.uint32)
    out = np.zeros((64, K.NFIELDS), dtype=np.int64, order="F")
    glued = np.empty(len(cps) // 2 + 1, dtype=np.int64)
    cnt, _pos, _ng = K.find_numbers(cps, 0, cls, val, flg, out, glued, 0)
    results = []
    for words in (K.words, K.words.py_func):
        rows = out[:cnt].copy(order="F")
        keep = np.empty(cnt, dtype=np.bool_)
        dropped = words(cps, rows, cls, flg, idiom_keys(), keep)
        assert dropped == int((~keep).sum())
        results.append((rows.tolist(), keep.tolist()))
    assert results[0] == results[1]
