"""The number kernel against its plain-Python reference, compiled and interpreted."""

from __future__ import annotations

from fractions import Fraction

import cn2an
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hanpipe.builtin.extract import _kernels as K
from hanpipe.builtin.extract.numerals import number_rows, number_scan
from hanpipe.document import Document
from tests.reference import extract_numbers as ref

KERNELS = [pytest.param(K.find_numbers, id="jit"), pytest.param(K.find_numbers.py_func, id="py_func")]
FLAG_NAMES = {
    K.PERCENT: "percent",
    K.PERMILLE: "permille",
    K.FRACTION: "fraction",
    K.RANGE: "range",
    K.APPROX: "approx",
    K.NEG: "neg",
    K.CODE: "code",
}


def call_kernel(text: str, kernel=K.find_numbers, room: int | None = None) -> list[list[int]]:
    """The kernel's rows for ``text``: calls from where the last one stopped, with ``room`` rows
    of output each (a row per character by default, so one call reads the text)."""
    return call_kernel_glued(text, kernel, room)[0]


def call_kernel_glued(text: str, kernel=K.find_numbers, room: int | None = None) -> tuple[list[list[int]], list[int]]:
    """The kernel's rows for ``text`` as :func:`call_kernel` makes them, and the glued digits it
    records on the way (with room for exactly ``len(text) // 2 + 1``, as ``number_arrays`` gives)."""
    cps = Document.from_text(text).code_points
    cls, val, flg = K.tables()
    out = np.zeros((len(text) + 1 if room is None else room, K.NFIELDS), dtype=np.int64)
    glued = np.full(len(text) // 2 + 1, -1, dtype=np.int64)
    rows: list[list[int]] = []
    pos = nglued = 0
    while True:
        cnt, pos, nglued = kernel(cps, pos, cls, val, flg, out, glued, nglued)
        rows.extend(out[:cnt].tolist())
        if pos >= len(text):
            assert nglued <= len(glued)
            return rows, glued[:nglued].tolist()


def kernel_rows(text: str, kernel=K.find_numbers) -> list[tuple]:
    """Kernel rows as the reference writes them: (start, end, value, high, kinds)."""
    out = []
    for r in call_kernel(text, kernel):
        start, end, _cs, _ce, mant, exp, flags, _ln, _le, hi_n, hi_e, _tail = r
        value = Fraction(mant) * Fraction(10) ** exp
        if flags & K.NEG:
            value = -value
        high = Fraction(hi_n) * Fraction(10) ** hi_e if flags & (K.RANGE | K.FRACTION) else None
        if flags & K.HINEG:
            high = -high
        kinds = frozenset(name for bit, name in FLAG_NAMES.items() if flags & bit)
        out.append((start, end, value, high, kinds, bool(flags & K.OVERFLOW)))
    return out


def scan(text: str):
    """The number scan of a new document holding ``text``."""
    return number_scan(Document.from_text(text))


def assert_same(text: str, kernel=K.find_numbers) -> None:
    got = kernel_rows(text, kernel)
    want = ref.find_numbers(text)
    assert [g[:2] for g in got] == [w[:2] for w in want], text
    for g, w in zip(got, want):
        if g[5]:  # overflow: the wrapper recomputes; the reference has the exact value
            continue
        assert g[2:5] == w[2:5], (text, text[g[0] : g[1]])


CASES = {
    "1.8万亿": 1_800_000_000_000,
    "1750亿": 175_000_000_000,
    "两千亿": 200_000_000_000,
    "5000亿": 500_000_000_000,
    "3千万": 30_000_000,
    "1200万": 12_000_000,
    "一亿二千万": 120_000_000,
    "一千零五": 1005,
    "十五": 15,
    "一百一十": 110,
    "三千五": 3500,
    "一万五": 15000,
    "二〇二三": 2023,
    "1,234": 1234,
    # one digit right after a unit is its next place, as in 两万五 (hand-checked)
    "3万5": 35_000,
    "1亿2": 120_000_000,
    "3千5": 3500,
    "3百5": 350,
    "3万5千": 35_000,
    "3万零5": 30_005,
    "3千零5": 3005,
    "3千5万": 35_000_000,
    "2万3千5": 23_500,
    "10万5": 105_000,
    "3万50": 30_050,
    "3万5000": 35_000,
    "1,200万": 12_000_000,
    ".5": Fraction(1, 2),
    ".25万": 2500,
    "１２３": 123,
    "壹佰贰拾叁": 123,
    "叁仟": 3000,
    "3亿5000万": 350_000_000,
    "五万亿": 5_000_000_000_000,
    "三点一四": Fraction(314, 100),
    "1,234,567.89": Fraction(123456789, 100),
    "负5": -5,
    "-3.5": Fraction(-7, 2),
    "9999999999999999999": 9999999999999999999,
    "两个亿": 200_000_000,
    "一个亿": 100_000_000,
    "1.5个亿": 150_000_000,
    "三千五个亿": 350_000_000_000,
}


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize(("text", "value"), list(CASES.items()))
def test_extract_kernel_value(kernel, text: str, value) -> None:
    rows = [r for r in kernel_rows(text, kernel) if not r[5]]
    if text == "9999999999999999999":
        assert kernel_rows(text, kernel)[0][5]  # flagged, never wrapped
        assert scan(text)[0].value == value  # the wrapper recomputes exactly
        return
    assert len(rows) == 1 and rows[0][:2] == (0, len(text)), rows
    assert rows[0][2] == value
    assert ref.find_numbers(text)[0][2] == value


SHAPES = {
    # text: (surface, low, high, kinds)
    "百分之八十五": ("百分之八十五", 85, None, {"percent"}),
    "百分之0.5": ("百分之0.5", Fraction(1, 2), None, {"percent"}),
    "85％的": ("85％", 85, None, {"percent"}),
    "三分之一": ("三分之一", 1, 3, {"fraction"}),
    "8亿到10亿的用户": ("8亿到10亿", 800_000_000, 1_000_000_000, {"range"}),
    "15亿-20亿": ("15亿-20亿", 1_500_000_000, 2_000_000_000, {"range"}),
    "7到8成": ("7到8", 7, 8, {"range"}),
    "两三个": ("两三", 2, 3, {"range", "approx"}),
    "三五百块": ("三五百", 300, 500, {"range", "approx"}),
    "30余款": ("30余", 30, None, {"approx"}),
    "一千多块": ("一千多", 1000, None, {"approx"}),
    "近百台": ("近百", 100, None, {"approx"}),
    "超过100人": ("超过100", 100, None, {"approx"}),
    "约2万美元": ("约2万", 20000, None, {"approx"}),
    "100人左右": ("100", 100, None, set()),
    "100左右": ("100左右", 100, None, {"approx"}),
    "8亿到": ("8亿", 800_000_000, None, set()),
    # the units after 多/余 multiply the number before them (hand-checked)
    "100多万元": ("100多万", 1_000_000, None, {"approx"}),
    "300余万台": ("300余万", 3_000_000, None, {"approx"}),
    "50多万": ("50多万", 500_000, None, {"approx"}),
    "十多亿": ("十多亿", 1_000_000_000, None, {"approx"}),
    "三千多万": ("三千多万", 30_000_000, None, {"approx"}),
    "二十余萬": ("二十余萬", 200_000, None, {"approx"}),
    "2万多亿元": ("2万多亿", 2_000_000_000_000, None, {"approx"}),
    "120多万亿": ("120多万亿", 120_000_000_000_000, None, {"approx"}),
    "两百多个亿": ("两百多个亿", 20_000_000_000, None, {"approx"}),
    "1亿多万": ("1亿多", 100_000_000, None, {"approx"}),  # units do not fall back
    "10多个": ("10多", 10, None, {"approx"}),
    "10到20多万": ("10到20多万", 100_000, 200_000, {"range", "approx"}),
    "5到10多万": ("5到10多万", 50_000, 100_000, {"range", "approx"}),
    # a leading decimal point
    ".5%": (".5%", Fraction(1, 2), None, {"percent"}),
    "(.5)": (".5", Fraction(1, 2), None, set()),
    "为 .75": (".75", Fraction(3, 4), None, set()),
    "$.99": (".99", Fraction(99, 100), None, set()),
    "-.5": ("-.5", Fraction(-1, 2), None, {"neg"}),
}


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize("text", list(SHAPES))
def test_extract_kernel_shapes(kernel, text: str) -> None:
    surface, low, high, kinds = SHAPES[text]
    rows = kernel_rows(text, kernel)
    assert len(rows) == 1, rows
    start, end, value, hi, got_kinds, _ = rows[0]
    assert text[start:end] == surface
    assert (value, hi, set(got_kinds)) == (low, high, kinds)
    assert_same(text, kernel)


NOT_NUMBERS = [
    "第六届",
    "一蹴而就",
    "千行百业",
    "一步一步",
    "百花齐放",
    "百度",
    "九章云极",
    "三角形",
    "GPT-4",
    "GPT43.5",
    "H100",
    "数十个",
    "几十亿",
    "亿亿亿亿",
    "一个",
    "一是",
    "1.2.3.4",
    "5G",
    "一个亿万富翁",
    "几个亿",
]


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a full-width comma is never a thousands separator; an ASCII one needs three digits after it
        ("1，234", [("1", 1), ("234", 234)]),
        ("分别为5，100元", [("5", 5), ("100", 100)]),
        ("5,10元", [("5", 5), ("10", 10)]),
        ("1,2345", [("1", 1), ("2345", 2345)]),
        ("1234,567", [("1234", 1234), ("567", 567)]),
        ("12,345,67", [("12,345", 12345), ("67", 67)]),
        ("5，000万元", []),  # neither 5 nor 000万 is the amount
        ("1，050元和2，3", [("2", 2), ("3", 3)]),
        # digit groups of phone numbers are no ranges
        ("(02)2345-6789", [("02", 2), ("2345", 2345), ("6789", 6789)]),
        ("（02）2345-6789", [("02", 2), ("2345", 2345), ("6789", 6789)]),
        ("02-2712-3456", [("02", 2), ("2712", 2712), ("3456", 3456)]),
        ("010-6552 1234", [("010", 10), ("6552", 6552), ("1234", 1234)]),
        ("0755-8888 6666", [("0755", 755), ("8888", 8888), ("6666", 6666)]),
        ("0912-345-678", [("0912", 912), ("345", 345), ("678", 678)]),
        ("2020-2022年", [("2020-2022", 2020)]),
        ("第(1)10-20页", [("1", 1), ("10", 10), ("20", 20)]),
        ("（单位：元）10-20", [("10-20", 10)]),
        # a dot is a decimal point only after a space, a bracket, an operator or a sign
        ("v.5", []),
        ("A.5", []),
        ("增长.5%", []),
        ("3..5", [("3", 3), ("5", 5)]),
        ("。.5", [("5", 5)]),
        ("1.2.5", []),
        # no amount is zero of a unit
        ("0万5", [("0", 0), ("5", 5)]),
        ("0.0亿", [("0.0", 0)]),
        ("1亿0万", [("1亿0", 100_000_000)]),
        # a lone digit before 角钱, 角 and fen, 分钱; a lone 一 before a unit of money and 钱
        ("五角钱", [("五", 5)]),
        ("五角五分", [("五", 5)]),
        ("五分钱", [("五", 5)]),
        ("一毛钱", [("一", 1)]),
        ("一块钱", [("一", 1)]),
        ("三角形", []),
        ("五角", []),
        ("五分", []),
        ("一块", []),
        # 零十 after a unit is 零一十; 十 right after 百 or 千 is 一十 (cn2an reads both)
        ("一千零十人", [("一千零十", 1010)]),
        ("一千零十一", [("一千零十一", 1011)]),
        ("一万零百一十一", [("一万零百一十一", 10111)]),
        ("一百十一", [("一百十一", 111)]),
        ("两千十", [("两千十", 2010)]),
        ("一百十", [("一百十", 110)]),
        ("零十个", [("十", 10)]),  # 零十 at the start is no numeral; 十个 is
        # 廿, 卅, 卌: a digit and 十; alone, as 十, only in a number's context
        ("廿三", [("廿三", 23)]),
        ("卅年", [("卅", 30)]),
        ("卌个", [("卌", 40)]),
        ("一百廿", [("一百廿", 120)]),
        ("廿", []),
        ("二廿", []),
        # a lone numeral after 负 is negative, unless a word goes on from it
        ("负一", [("负一", -1)]),
        ("负十，", [("负十", -10)]),
        ("负一层", [("负一", -1)]),
        ("负一定责任", []),
        ("胜负十分明显", []),
        ("负一点责任", []),
        ("负万", []),
        # decimals after 百 or 千, Chinese or Arabic; not into a clock's 分, 刻 or 钟
        ("一百点123", [("一百点123", Fraction(100123, 1000))]),
        ("一百点五万", [("一百点五万", 1_005_000)]),
        ("三千点5分", [("三千", 3000), ("5", 5)]),
        ("十点五", [("十", 10)]),
        # 一成 is one tenth at a clause's end or before 的, 以 ...; 一成不变 is an idiom
        ("增长一成", [("一", 1)]),
        ("一成以上", [("一", 1)]),
        ("一成不变", []),
        ("一成员", []),
    ],
)
def test_extract_kernel_rows(kernel, text: str, want: list) -> None:
    rows = kernel_rows(text, kernel)
    assert [(text[r[0] : r[1]], r[2]) for r in rows] == [(s, Fraction(v)) for s, v in want]
    assert_same(text, kernel)


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_extract_kernel_not_numbers(kernel, text: str) -> None:
    assert kernel_rows(text, kernel) == []
    assert ref.find_numbers(text) == []


CLOCK_ROWS = {
    # text: the rows' surfaces and values; 点 before digits that run into 十 is no decimal point
    "三点二十分": [("三", 3), ("二十", 20)],
    "三点五十分": [("三", 3), ("五十", 50)],
    "十二点四十五分": [("十二", 12), ("四十五", 45)],
    "零点三十分": [("零", 0), ("三十", 30)],
    "三点一四": [("三点一四", Fraction(314, 100))],
    "三点零五分": [("三点零五", Fraction(305, 100))],
    "一点五万人": [("一点五万", 15000)],
    "一七二零点一": [("一七二零点一", Fraction(17201, 10))],
    # a lone 一 is a row before 点半, 点钟 or 点整 (no Han character after 整) or after a day part;
    # after 一点 the minutes are a row
    "一点半": [("一", 1)],
    "一点二十": [("二十", 20)],
    "一点十五分": [("十五", 15)],
    "下午一点": [("一", 1)],
    "凌晨一点": [("一", 1)],
    "一点钟": [("一", 1)],
    "一点鐘": [("一", 1)],
    "一点整，": [("一", 1)],
    "一点整": [("一", 1)],
    "一点整理": [],
    "差一点整个": [],
    "一点半点": [],
    "一点": [],
    "好一点": [],
    "这一点十分重要": [],
    "晚一点": [],
}


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize("text", list(CLOCK_ROWS))
def test_extract_kernel_clock_points(kernel, text: str) -> None:
    rows = kernel_rows(text, kernel)
    assert [(text[r[0] : r[1]], r[2]) for r in rows] == CLOCK_ROWS[text]
    assert_same(text, kernel)


def test_extract_kernel_resumes_when_output_fills() -> None:
    text = "1 " * 10_000
    rows = number_rows(Document.from_text(text).code_points)
    assert len(rows) == 10_000
    assert rows[:, K.START].tolist() == list(range(0, 20_000, 2))


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize("room", [1, 2, 3])
def test_extract_kernel_resumes_with_little_room(kernel, room: int) -> None:
    """Called again from where a full output stopped, the kernel finds what one call finds."""
    text = "约3584张、1200万美元、三五百人、85%到90%、第六届、GPT-4和二〇二三年"
    assert call_kernel(text, kernel, room) == call_kernel(text, kernel)
    assert [(r[K.START], r[K.END]) for r in call_kernel(text, kernel, room)] == [
        (0, 5),  # 约3584
        (7, 12),  # 1200万
        (15, 18),  # 三五百
        (20, 27),  # 85%到90%
        (38, 42),  # 二〇二三 (第六 is an ordinal, 4 part of a name)
    ]


def test_extract_kernel_seeds_match_reference(seed_texts: dict[str, str]) -> None:
    for text in seed_texts.values():
        assert_same(text)


# -- hypothesis ---------------------------------------------------------------


def chinese(n: int) -> str:
    """A Chinese numeral written by cn2an (an independent writer)."""
    return cn2an.an2cn(n)


numerals = st.one_of(
    st.integers(0, 10**12).map(str),
    st.integers(1, 10**9).map(lambda n: f"{n:,}"),
    st.tuples(st.integers(0, 9999), st.integers(0, 999)).map(lambda t: f"{t[0]}.{t[1]:03d}".rstrip("0").rstrip(".")),
    st.integers(1, 10**12).map(chinese),
    st.tuples(st.integers(1, 9999), st.sampled_from(["万", "亿", "千万", "万亿", "千"])).map(lambda t: f"{t[0]}{t[1]}"),
    st.sampled_from(
        [
            "两三",
            "三五百",
            "一两亿",
            "七八十",
            "二〇二三",
            "三点一四",
            "百",
            "十",
            "万亿",
            "三点二十",
            "一点半",
            "一点十五",
            "3万5",
            "1亿2",
            "3千5",
            "3万零5",
            ".5",
            "1,200",
            "0755",
            "02",
            "一千零十",
            "一万零百一十一",
            "一百十一",
            "一千十",
            "廿三",
            "卅",
            "一百廿",
            "一千零廿",
            "一百点123",
            "一百点五",
            "三千点5",
            "十点五",
            "一百点30分",
            "一成",
            "七八成",
        ]
    ),
)
prefixes = st.sampled_from(["", "", "约", "近", "超过", "逾", "负", "-", "第", "数", "百分之", "大约"])
suffixes = st.sampled_from(
    [
        "",
        "",
        "%",
        "余",
        "多",
        "左右",
        "分之三",
        "到9",
        "到十亿",
        "-20",
        "多万",
        "余亿",
        "多个亿",
        "多万亿",
        "，000",
        "-6789",
    ]
)
fillers = st.sampled_from(
    [
        "",
        "个",
        "人",
        "家",
        "年",
        "张",
        "的",
        "是",
        "，",
        " ",
        "a",
        "GPT",
        "月",
        "日",
        "亿",
        "点",
        "点半",
        "点二十",
        "下午",
        ")",
        "-",
        ".",
        "万",
        "5",
        "成",
        "成不变",
        "定",
        "层",
        "刻",
        "斤",
        "亩",
        "斤顶",
        "年半",
        "个半小时",
        "个半月饼",
    ]
)
expressions = st.tuples(prefixes, numerals, suffixes, fillers).map("".join)
separators = st.sampled_from(["。", "，", "的", " ", "和", "a"])
texts = st.lists(st.tuples(expressions, separators).map("".join), max_size=6).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_extract_kernel_equals_reference(text: str) -> None:
    assert_same(text)


@settings(max_examples=60, deadline=None)
@given(texts)
def test_extract_kernel_py_func_equals_reference(text: str) -> None:
    assert_same(text, K.find_numbers.py_func)


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet="0123456789.,，%-到至万亿千百十一二两三零〇○余多约近第个年的 a分之点上下()（）半午v$角毛钱块"
        "廿卅负成刻钟定、－—～０５股℃岁：不未超过逾单位:陆拾叁参佰仟家焦瓦几来比分/杯英战胜平~四五七八度斤酒银元圆萬−負预签最附"
        "为為有达達是大得可能应勿約蚊幾",
        max_size=40,
    )
)
def test_extract_kernel_any_text(text: str) -> None:
    """On any mix of numeral characters: same rows compiled and interpreted, and as the reference."""
    assert kernel_rows(text) == kernel_rows(text, K.find_numbers.py_func)
    assert_same(text)
    for row in call_kernel(text):
        assert 0 <= row[K.START] <= row[K.CSTART] <= row[K.CEND] <= row[K.END] <= len(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", "a", "A-", "第", ".", "1,", "，", "约", "到", "_"]),
            st.lists(st.text(alphabet="0123456789０", min_size=1, max_size=4), min_size=1, max_size=4),
            st.sampled_from(["-", "－", "—", "–", "−", "/", "／"]),
            st.sampled_from(["", ".5", ",200", "元", "页", "、3", "-", "%"]),
        ).map(lambda t: t[0] + t[2].join(t[1]) + t[3]),
        max_size=4,
    ).map(" ".join)
)
def test_extract_kernel_codes_equal_reference(text: str) -> None:
    """Chains of digit groups in every context: the same rows and CODE flags as the reference."""
    assert_same(text)
    assert kernel_rows(text) == kernel_rows(text, K.find_numbers.py_func)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # hand-checked: which rows' numerals are groups of a code
        ("021-12345678", ["021", "12345678"]),
        ("978-7-111-54742-6", ["978", "7", "111", "54742", "6"]),
        ("3-1", ["3", "1"]),
        ("12-12", ["12", "12"]),
        ("000001", ["000001"]),  # a stock code
        ("00700.HK", ["00700"]),
        ("0.5", []),
        ("2/3", ["2", "3"]),  # a fraction: neither is a count
        ("3/18层", []),  # a unit after them: two amounts, as 80/120元 and -3/5℃ are
        ("超过2/3的企业", ["2", "3"]),
        ("01 前言", []),  # two digits: a label or a month, read as 1
        ("3-5", []),  # a range
        ("1-1.5", []),  # a decimal's range
        ("0-5", []),  # one digit 0 is no leading zero
        ("A-12-345", ["345"]),  # the name's own digits are no row
        ("RMB100-200元", []),  # letters right before the digits are a currency's, no name's
        ("1.9-3-1", []),  # part of a decimal
        ("99999999999999999999-100000000000000000000", []),  # greater: a range, however long
        ("100000000000000000000-99999999999999999999", ["100000000000000000000", "99999999999999999999"]),
    ],
)
def test_extract_kernel_codes_examples(text: str, codes: list[str]) -> None:
    rows = call_kernel(text)
    got = [text[r[K.CSTART] : r[K.CEND]] for r in rows if r[K.FLAGS] & K.CODE]
    assert got == codes, [(text[r[K.CSTART] : r[K.CEND]], r[K.FLAGS]) for r in rows]


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize(
    ("text", "signed"),
    [
        # hand-checked: a dash after an amount and its unit joins two amounts; elsewhere it is a minus
        ("1000万股-2000万股", []),
        ("3亿元-3.5亿元", []),
        ("20℃-25℃", []),
        ("60%-40%", []),
        ("30岁-40岁", []),
        ("温度-5度", ["5"]),
        ("北京-5度", ["5"]),
        ("夜间 -5度", ["5"]),
        ("20度，夜间-5度", ["5"]),
        ("比上年-3.5%", ["3.5"]),
        ("300公里-400公里", []),  # a unit of two characters, repeated
        ("-14℃/-3℃", ["14", "3"]),  # a minus after a slash that follows no digit
    ],
)
def test_extract_kernel_minus_after_amount(kernel, text: str, signed: list[str]) -> None:
    rows = call_kernel(text, kernel)
    assert [text[r[K.CSTART] : r[K.CEND]] for r in rows if r[K.FLAGS] & K.NEG] == signed
    assert_same(text, kernel)


def test_extract_kernel_tables_dtype() -> None:
    cls, _val, _flg = K.tables()
    assert cls.dtype == np.int8 and cls.shape == (65536,)


# -- digits glued to Latin letters, recorded by the same pass --------------------------

#: the letters after which a digit is glued: ASCII letters, the micro sign and Greek mu
UNIT_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZµμ")


def glued_reference(text: str) -> list[int]:
    """Plain Python: each ASCII digit that a letter of UNIT_LETTERS follows, right after it or
    after one space."""
    out = []
    for p, c in enumerate(text):
        if not "0" <= c <= "9" or p + 1 >= len(text):
            continue
        nxt = text[p + 1]
        if nxt == " " and p + 2 < len(text):
            nxt = text[p + 2]
        if nxt in UNIT_LETTERS:
            out.append(p)
    return out


GLUED = {
    # text: the glued digits, hand-checked
    "2.4GHz和128GB": [2, 9],
    "5000mAh电池": [3],
    "重3 kg，长5 m": [1, 7],
    "3-5kg": [2],
    "GPT-4o和H100GB": [4, 10],  # in names the scan skips: still recorded (the unit reader judges)
    "v1.5GB": [3],
    ".5mm": [1],  # a leading decimal point
    "增长.5%和.5G": [7],  # a dot after a Han character: the digits after it are passed over
    "1,200mAh": [4],
    "5G网络": [0],
    "3  kg": [],  # two spaces
    "3\u3000kg": [],  # an ideographic space
    "3 ": [],
    "3 5": [],
    "10": [],
    "3５kg": [],  # a full-width digit before the letter
    "5µm和5μm": [0, 4],
    "1GB2GB3": [0, 3],
    "一二三GB": [],
    "年3": [],
    "": [],
}


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize(("text", "want"), list(GLUED.items()))
def test_extract_kernel_glued_digits(kernel, text: str, want: list[int]) -> None:
    """Hand-checked: the digits a Latin letter follows, recorded as the scan passes them."""
    assert glued_reference(text) == want
    assert call_kernel_glued(text, kernel)[1] == want


@pytest.mark.parametrize("kernel", KERNELS)
def test_extract_kernel_glued_digits_across_calls(kernel) -> None:
    """When ``out`` fills up and the scan is called again from where it stopped, every glued
    digit is recorded once, in order, and the rows are those of one call."""
    text = "3GB、4 kg、5mm、六个、7L，" * 7 + "8MB"
    one_call, want = call_kernel_glued(text, kernel)
    rows, got = call_kernel_glued(text, kernel, room=1)
    assert got == want == glued_reference(text)
    assert rows == one_call


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(alphabet="0123456789.,-~ GgBbkKmMµμ万一十年%元(a/_", max_size=40),
    st.sampled_from([K.find_numbers, K.find_numbers.py_func]),
    st.sampled_from([None, 1, 2]),
)
def test_extract_kernel_glued_digits_any_text(text: str, kernel, room: int | None) -> None:
    """On any mix of digits, letters, spaces and numeral characters, with any room for rows:
    the glued digits are the plain reference's, compiled and interpreted."""
    assert call_kernel_glued(text, kernel, room)[1] == glued_reference(text)


def test_extract_kernel_number_arrays_in_parts() -> None:
    """Past the wrapper's room for rows the scan goes on in parts: the rows, held column by
    column, are those of one call with room for all, and the glued digits those of the reference."""
    from hanpipe.builtin.extract import numerals

    text = "3GB和二十五个、7 kg，" * (numerals._CAP // 2 + 7)
    raw, glued = numerals.number_arrays(Document.from_text(text).code_points)
    rows, want_glued = call_kernel_glued(text)
    assert len(rows) > numerals._CAP
    assert raw.flags.f_contiguous and raw.tolist() == rows
    assert glued.tolist() == want_glued == glued_reference(text)


def test_extract_kernel_unit_letters_flagged() -> None:
    """Every letter that may begin a unit in Latin letters is one the scan records digits before,
    so the quantity extractor loses no candidate to the kernel's filter."""
    from hanpipe.builtin.extract import numbers

    _cls, _val, flg = K.tables()
    flagged = {chr(c) for c in np.flatnonzero((flg & K.UNIT_LETTER) != 0).tolist()}
    assert flagged == UNIT_LETTERS
    firsts = {chr(c) for c in np.flatnonzero(numbers._IS_LATIN_FIRST).tolist()}
    assert firsts <= flagged


big_numerals = st.one_of(
    st.integers(10**18, 10**40).map(str),
    st.tuples(st.integers(10**18, 10**30).map(str), st.sampled_from(["万", "亿", "万亿", "千万"])).map("".join),
    st.integers(10**18, 10**40).map(lambda n: "".join("〇一二三四五六七八九"[int(d)] for d in str(n)) + "年"),
    st.tuples(st.integers(10**18, 10**30), st.integers(1, 9999)).map(lambda t: f"{t[0]}亿{t[1]}万"),
)


@settings(max_examples=100, deadline=None)
@given(big_numerals)
def test_extract_kernel_overflow_recomputed_exactly(text: str) -> None:
    """Past 18 significant digits the kernel flags the row and Python recomputes it: never a wrapped value."""
    rows = scan(text)
    (want,) = ref.find_numbers(text)
    assert len(rows) == 1 and (rows[0].start, rows[0].end) == want[:2]
    assert rows[0].value == want[2]


# -- the relative-date anchor kernel --------------------------------------------------


def kernel_marks(text: str, kernel, room: int) -> list[int]:
    from hanpipe.builtin.extract import relative

    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    out = np.zeros(room, dtype=np.int64)
    count = kernel(cps, relative._MARK, relative._PRE, out)
    if count > room:
        out = np.zeros(count, dtype=np.int64)
        assert kernel(cps, relative._MARK, relative._PRE, out) == count
    return out[:count].tolist()


MARK_KERNELS = [pytest.param(K.marks, id="jit"), pytest.param(K.marks.py_func, id="py_func")]


@pytest.mark.parametrize("kernel", MARK_KERNELS)
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("明天和去年", [1, 4]),
        ("上周五、下个月、本月", [1, 6, 9]),
        ("天年月", []),  # nothing before the first anchor
        ("三天后", []),  # counts are read from the number rows
        ("𠀀天今天", [3]),  # an astral character is one position
    ],
)
def test_extract_kernel_marks_examples(kernel, text: str, want: list[int]) -> None:
    assert kernel_marks(text, kernel, 1) == want == ref.marks(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="天周週星期拜礼月年今明昨后前一上下本这个去大三a𠀀 ", max_size=60), st.integers(0, 4))
def test_extract_kernel_marks_equal_reference(text: str, room: int) -> None:
    """Compiled and interpreted, with too little room or enough: the reference's positions."""
    want = ref.marks(text)
    assert kernel_marks(text, K.marks, room) == want
    assert kernel_marks(text, K.marks.py_func, room) == want
