"""Follow-ups of issue 14: financial digits that begin a word, 叄, decades, 成, lone numerals
before measure words.

Expected values are written by hand, taken from cn2an (an independent reader of Chinese
numerals) or from OpenCC's own conversion; the kernel is checked compiled and as plain
Python against the reference in ``tests/reference/extract_numbers.py``.
"""

from __future__ import annotations

import cn2an
import numpy as np
import opencc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hanpipe
from hanpipe.builtin.extract import _kernels as K
from hanpipe.numbers import parse
from tests.builtin.extract.test_extract_number_kernel import KERNELS, assert_same, kernel_rows
from tests.reference import extract_numbers as ref


def entities(text: str, kind: str) -> list[tuple[str, object]]:
    return [(e.text, e.value) for e in hanpipe.extract(text) if e.kind == kind]


# -- 1. a financial digit after a number in ordinary numerals begins a word ---------------


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("3億參數", "3億", 300_000_000),
        ("1750億參", "1750億", 175_000_000_000),
        ("約1750億參數的模型", "約1750億", 175_000_000_000),
        ("五十參加", "五十", 50),
        ("3億陸續上線", "3億", 300_000_000),
        ("一千參考", "一千", 1000),
        ("两万叁", "两万", 20000),
        ("五十肆意", "五十", 50),
        ("100萬伍", "100萬", 1_000_000),
        ("2亿贰", "2亿", 200_000_000),
    ],
)
def test_followups_financial_digit_begins_a_word(kernel, text: str, surface: str, value: int) -> None:
    rows = kernel_rows(text, kernel)
    assert [(text[r[0] : r[1]], r[2]) for r in rows] == [(surface, value)]


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("壹佰參拾", "壹佰參拾", 130),  # the numeral is financial: its digits go on
        ("伍萬參仟", "伍萬參仟", 53000),
        ("叁佰伍拾", "叁佰伍拾", 350),
        ("3億參仟萬", "3億參仟萬", 330_000_000),  # a unit follows the digit
        ("十參萬", "十參萬", 130_000),
        ("參拾", "參拾", 30),  # a financial digit that begins the numeral
        ("壹億參", "壹億參", 130_000_000),  # 1亿3, in financial digits
    ],
)
def test_followups_financial_digit_goes_on(kernel, text: str, surface: str, value: int) -> None:
    rows = kernel_rows(text, kernel)
    assert [(text[r[0] : r[1]], r[2]) for r in rows] == [(surface, value)]


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize("text", ["二參數", "兩參加", "二〇參考", "三點參考", "一百點參考"])
def test_followups_financial_digit_is_no_decimal_or_digit(kernel, text: str) -> None:
    """No row reads the 參 of 參數/參加/參考: not as a digit of a string, a pair or a decimal."""
    for start, end, *_ in kernel_rows(text, kernel):
        assert "參" not in text[start:end], text
    assert_same(text, kernel)


def test_followups_financial_money_and_numbers() -> None:
    assert entities("3億參數", "number") == [("3億", 300_000_000)]
    assert entities("GPT-3有1750億參數", "number") == [("1750億", 175_000_000_000)]
    assert entities("壹佰參拾元", "money") == [("壹佰參拾元", 130)]


@pytest.mark.parametrize(
    ("text", "value"),
    [("五十伍元", 55), ("一千零伍元", 1005), ("二十叁元", 23), ("三百伍拾元", 350), ("壹佰參拾元", 130)],
)
def test_followups_financial_digit_before_money_unit(text: str, value: int) -> None:
    """Before 元 a financial digit goes on an ordinary numeral: the amount is read whole."""
    assert entities(text, "money") == [(text, value)]


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("十叁个", []),  # neither 十 alone nor 叁个 = 3: the digit that ended 十 begins nothing
        ("以3億參股", [("3億", 300_000_000)]),  # 參股: to take a stake
        ("1750億參", [("1750億", 175_000_000_000)]),
        ("兩百參與者", [("兩百", 200)]),
    ],
)
def test_followups_financial_digit_begins_no_number(text: str, numbers: list) -> None:
    found = [(e.kind, e.text, e.value) for e in hanpipe.extract(text) if e.kind != "keyword"]
    assert found == [("number", t, v) for t, v in numbers]


# A financial character begins a numeral only before another one, 万 or 亿, 零, a unit of money, 整 or a
# mark of a date: amounts are written in them throughout. Else it is a word's (a name, 收拾, 队伍).


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("陆家嘴", []),  # a place: no 6 家
        ("伍家岗区", []),
        ("陆小凤", []),  # a name: no 6
        ("拾级而上", []),  # 拾: to pick up, to climb
        ("收拾一百间", [("一百", 100)]),  # not 拾一 = 11 and 百 = 100
        ("他收拾三次", [("三", 3)]),  # not 拾三 = 13
        ("入伍三年", [("三", 3)]),
        ("陆", []),
        ("陆个", [("陆", 6)]),  # a measure word after it: a count, as invoices write them
        ("捌号", [("捌", 8)]),  # a mark of a date may follow: 捌号 is the 8th
        ("陆万", [("陆万", 60_000)]),
        ("陆元", [("陆", 6)]),  # the numeral; money reads 元 after it
        ("伍角", []),  # as 五角: a lone digit before 角 needs 钱 (not 五角星)
        ("伍佰", [("伍佰", 500)]),
        ("贰零贰肆", [("贰零贰肆", 2024)]),
        ("拾月", [("拾", 10)]),
        ("壹億參", [("壹億參", 130_000_000)]),
    ],
)
def test_followups_financial_character_alone_begins_no_number(kernel, text: str, rows: list) -> None:
    got = [(text[r[0] : r[1]], r[2]) for r in kernel_rows(text, kernel)]
    assert got == rows
    assert_same(text, kernel)


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        ("他收拾三次", "quantity", [("三次", 3)]),
        ("收拾一百间", "quantity", [("一百间", 100)]),
        ("陆家嘴金融城", "quantity", []),
        ("人民币陆仟伍佰元整", "money", [("人民币陆仟伍佰元", 6500)]),
        ("贰零贰肆年拾月", "date", [("贰零贰肆年拾月", "2024-10")]),
    ],
)
def test_followups_financial_character_alone_entities(text: str, kind: str, found: list) -> None:
    assert [(e.text, e.value) for e in hanpipe.process(text).entities if e.kind == kind] == found


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        ("3億參仟萬", "number", [("3亿参仟万", 330_000_000)]),  # before: 3亿 and 仟万 = 10**7
        ("叁仟參佰元", "money", [("叁仟参佰元", 3300)]),
        ("3億參數", "number", [("3亿", 300_000_000)]),  # 参数 is still a word
        ("五十參加", "number", [("五十", 50)]),
    ],
)
def test_followups_financial_san_survives_conversion(text: str, kind: str, found: list) -> None:
    """OpenCC's t2s writes 參 as 参: converted, the financial 3 is still read (and 参数, 参加 are words)."""
    assert opencc.OpenCC("t2s").convert("參") == "参"
    assert [(e.text, e.value) for e in hanpipe.process(text).entities if e.kind == kind] == found


FINANCIAL_DIGITS = "壹贰貳叁叄參肆伍陆陸柒捌玖"
WORD_AFTER = "數加考与與续續意"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(11, 999_999_999), st.sampled_from(FINANCIAL_DIGITS), st.sampled_from(WORD_AFTER))
def test_followups_financial_digit_never_appended(value: int, digit: str, word: str) -> None:
    """An ordinary numeral of two characters or more (cn2an writes it) followed by a financial
    digit that begins a word reads as the numeral alone, with cn2an's value."""
    numeral = cn2an.an2cn(value)
    text = numeral + digit + word
    rows = kernel_rows(text)
    assert rows and rows[0][:3] == (0, len(numeral), value), text


# -- 2. 叄 and every financial form OpenCC's Traditional directions write -----------------


@pytest.mark.parametrize(("text", "value"), [("叄拾萬元", 300_000), ("叄佰元", 300), ("壹仟叄佰元", 1300)])
def test_followups_san_variant_money(text: str, value: int) -> None:
    assert entities(text, "money") == [(text, value)]


@pytest.mark.parametrize("config", ["s2t", "s2tw", "s2hk", "s2twp"])
def test_followups_opencc_financial_forms_are_read(config: str) -> None:
    """Every character OpenCC writes for 零壹贰叁肆伍陆柒捌玖, 拾佰仟万亿 and 两 is read."""
    digits = opencc.OpenCC(config).convert("零壹贰叁肆伍陆柒捌玖")
    units = opencc.OpenCC(config).convert("拾佰仟万亿")
    two = opencc.OpenCC(config).convert("两")
    for d, ch in enumerate(digits[1:], start=1):
        assert entities(f"{ch}佰元", "money") == [(f"{ch}佰元", d * 100)], ch
    assert entities(f"壹{digits[0]}壹", "number") == [(f"壹{digits[0]}壹", 101)]
    for exp, u in zip((1, 2, 3, 4, 8), units, strict=True):
        assert entities(f"壹{u}元", "money") == [(f"壹{u}元", 10**exp)], u
    assert entities(f"{two}百元", "money") == [(f"{two}百元", 200)]


# -- 3. a decade is no duration, nor a year -------------------------------------------------


@pytest.mark.parametrize("text", ["90年代", "八十年代", "九十年代初", "一九九〇年代", "在80年代的香港"])
def test_followups_decade_is_no_duration_or_year(text: str) -> None:
    found = [e for e in hanpipe.extract(text) if e.kind in ("quantity", "date")]
    assert found == [], [(e.kind, e.text, e.value) for e in found]


def test_followups_decade_of_a_year_is_a_decade() -> None:
    """1990年代 is the decade ``199`` (ISO 8601's reduced precision), neither 1990 nor 1990 years."""
    found = [(e.kind, e.text, e.value) for e in hanpipe.extract("1990年代") if e.kind in ("quantity", "date")]
    assert found == [("date", "1990年代", "199")]


@pytest.mark.parametrize(
    ("text", "kind", "surface", "value"),
    [
        ("2023年代表大会", "date", "2023年", "2023"),  # 年 and then 代表: a year
        ("工作了3年", "quantity", "3年", 3),
        ("1990年", "date", "1990年", "1990"),
    ],
)
def test_followups_year_stays(text: str, kind: str, surface: str, value: object) -> None:
    assert entities(text, kind) == [(surface, value)]


# -- 4. 成 is no measure word --------------------------------------------------------------


@pytest.mark.parametrize("text", ["三成员", "八成是", "九成九", "3成", "十成", "增长三成"])
def test_followups_cheng_is_no_quantity(text: str) -> None:
    assert entities(text, "quantity") == []


def test_followups_cheng_tenths_stay_percent() -> None:
    assert entities("增长三成", "percent") == [("三成", 0.3)]
    assert entities("三成员国", "number") == [("三", 3)]  # three member states


# -- 5. a lone numeral before a measure word, and the words it makes -----------------------


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("一家三口人", "三口", 3),
        ("兩則新聞", "兩則", 2),
        ("三间房", "三间", 3),
        ("五棵树", "五棵", 5),
        ("两双鞋", "两双", 2),
        ("三首歌", "三首", 3),
        ("两封信", "两封", 2),
        ("跑了三趟", "三趟", 3),
        ("读了三遍", "三遍", 3),
        ("三杯水", "三杯", 3),
        ("两瓶酒", "两瓶", 2),
        ("四扇门", "四扇", 4),
        ("三尊佛像", "三尊", 3),
        ("两门课", "两门", 2),
        ("三道题", "三道", 3),
        ("五节课", "五节", 5),
        ("三匹马", "三匹", 3),
        ("三頭牛", "三頭", 3),
        ("十根", "十根", 10),
        ("百群", "百群", 100),
    ],
)
def test_followups_lone_numeral_measure_words(text: str, surface: str, value: int) -> None:
    assert entities(text, "quantity") == [(surface, value)]


@pytest.mark.parametrize(
    "text",
    [
        "一口气",
        "一口咬定",
        "三头六臂",
        "三頭六臂",
        "一门心思",
        "一把手",
        "一道",
        "一样",
        "一处",
        "一般",
        "一边",
        "一直",
        "一旦",
        "一同",
        "一向",
        "一手",
        "一头雾水",
        "一尾",
        "一星半点",
        "十分",
        "万一",
        "二头肌",
        "练三头肌",
        "两口子",
        "小两口",
        "老兩口",
        "五花八门",
        "百把人",
        "千把块",
        "千头万绪",
        "六根清净",
        "九转大肠",
        "七匹狼",
        "三门峡",
        "没什么两样",
        "二道贩子",
        "千杯不醉",
        "三星手机",
        "九章",
        "百口莫辩",
        "千门万户",
        "船上的二副",
        "四处奔波",
        "四處奔波",
        "公司的二把手",
        "百转千回",
        "一则成本高，二则周期长",
    ],
)
def test_followups_lone_numeral_idioms_not_read(text: str) -> None:
    found = [e for e in hanpipe.extract(text) if e.kind in ("number", "quantity", "money", "percent")]
    assert found == [], [(e.kind, e.text) for e in found]


def test_followups_san_fan_wu_ci() -> None:
    """三番五次: a set phrase (again and again), no count at all (:data:`.idioms.PHRASES`)."""
    assert entities("三番五次", "quantity") == []


def test_followups_stop_words_packed() -> None:
    """Every stop word packs into LONE_STOPS, and the packing keeps words apart."""
    assert len(K.LONE_STOPS) == len(set(K.LONE_STOP_WORDS))
    assert sorted(K.LONE_STOPS.tolist()) == K.LONE_STOPS.tolist()
    assert set(K.LONE_STOP_WORDS) == ref.LONE_STOP_WORDS


# -- the kernel and its reference on texts with all of the above ---------------------------

pieces = st.sampled_from(
    [
        "3億", "1750億", "五十", "一千", "二", "兩", "三", "十", "百", "千", "壹佰", "伍萬", "3", "二〇",
        "參", "叄", "叁", "陸", "壹", "肆", "拾", "仟", "萬", "億", "數", "加", "考", "續",
        "口", "头", "頭", "则", "則", "把", "门", "道", "样", "番", "杯", "转", "尾", "根", "副",
        "子", "六臂", "肌", "峡", "花", "小", "人", "元", "點", "点", "年", "代", "成", "，", " ",
    ]
)  # fmt: skip
texts = st.lists(pieces, max_size=12).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_followups_kernel_equals_reference(text: str) -> None:
    assert_same(text)


@settings(max_examples=100, deadline=None)
@given(texts)
def test_followups_kernel_py_func_equals_reference(text: str) -> None:
    assert_same(text, K.find_numbers.py_func)


@pytest.mark.parametrize("kernel", [pytest.param(K.numeral, id="jit"), pytest.param(K.numeral.py_func, id="py_func")])
@pytest.mark.parametrize(("text", "value"), [("十壹", 11), ("二十參", 23), ("一百零參", 103), ("一二參", 123)])
def test_followups_whole_numeral_reads_financial_digits(kernel, text: str, value: int) -> None:
    """A text that is one numeral as a whole has no word after it: its financial digits are read
    (cn2an reads 十壹 as 11 too)."""
    cps = np.array([ord(c) for c in text], dtype=np.uint32)
    end, mant, exp, _flags, _lo_n, _lo_e = kernel(cps, *K.tables()[:2])
    assert (end, mant * 10**exp) == (len(text), value)
    assert cn2an.cn2an(text.replace("參", "叁"), "smart") == value  # cn2an knows 叁, not 參


def test_followups_parse_reads_financial_digits() -> None:
    assert parse("十壹", "strict") == 11
    assert parse("二十叁", "strict") == 23


# -- a table's unit header is no amount ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("（单位：百万元）", []),  # was 1000000 CNY
        ("单位:千元", []),
        ("單位：億元", []),
        ("营业收入(百万元)", []),
        ("（千美元）", []),
        ("单位：十万元", []),
        ("奖金百万元", [("百万元", 1_000_000)]),  # no header: an amount
        ("月薪过千元", [("千元", 1000)]),
        ("每千元收费3元", [("千元", 1000), ("3元", 3)]),
        ("（约千元）", [("约千元", 1000)]),  # 约 makes it an amount
        ("（百万元，2023年）", [("百万元", 1_000_000)]),  # no closing parenthesis after the unit
        ("（10万元）", [("10万元", 100_000)]),  # digits: an amount
    ],
)
def test_followups_unit_header_is_no_amount(text: str, found: list) -> None:
    assert [(e.text, e.value) for e in hanpipe.process(text).entities if e.kind == "money"] == found


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize("text", ["（单位：百万元）", "单位:千元", "(百万美元)", "奖金百万元", "（约千元）"])
def test_followups_unit_header_kernel_equals_reference(kernel, text: str) -> None:
    assert_same(text, kernel)


# -- 来 and 几 make an amount approximate; 二十四五 is a range -------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "surface", "value", "approx"),
    [
        ("一百来万", "number", "一百来万", 1_000_000, True),  # was 100
        ("八百几万", "number", "八百几万", 8_000_000, True),  # was 800
        ("二十几万元", "money", "二十几万元", 200_000, True),  # was the number 20
        ("十几万", "number", "十几万", 100_000, True),
        ("三十来岁", "quantity", "三十来岁", 30, True),
        ("二十几个", "quantity", "二十几个", 20, True),
        ("十来个", "quantity", "十来个", 10, True),
        ("其中三十来自北京", "number", "三十", 30, False),  # 来自: a verb
        ("增长二十几乎翻倍", "number", "二十", 20, False),  # 几乎: a word
    ],
)
def test_followups_lai_and_ji_are_approximate(text: str, kind: str, surface: str, value: int, approx: bool) -> None:
    found = [(e.kind, e.text, e.value, e.attrs.get("approx")) for e in hanpipe.extract(text) if e.kind != "keyword"]
    assert found == [(kind, surface, value, approx)]


@pytest.mark.parametrize(
    ("text", "kind", "surface", "low", "high"),
    [
        ("二十四五岁", "quantity", "二十四五岁", 24, 25),  # was 24 and 五岁 (5 years old)
        ("三十七八块钱", "money", "三十七八块钱", 37, 38),  # was 37 and 8 CNY
        ("十一二岁", "quantity", "十一二岁", 11, 12),
        ("一百二十三四个", "quantity", "一百二十三四个", 123, 124),
        ("二十四五万元的车", "money", "二十四五万元", 240000, 250000),  # was 24 and 50,000 CNY
        ("十一二亿人口", "quantity", "十一二亿人", 1_100_000_000, 1_200_000_000),
        ("体温三十七八度", "quantity", "三十七八度", 37, 38),  # was the number 37
        ("二十四五斤", "quantity", "二十四五斤", 24, 25),
        # after 百, 千 or 万 the pair is of the place below, written after it
        ("来了一百二三十人", "quantity", "一百二三十人", 120, 130),  # was 120 and 30 人
        ("三千五六百元", "money", "三千五六百元", 3500, 3600),  # was 3500 and 600 CNY
        ("两百三四十块钱", "money", "两百三四十块钱", 230, 240),
        ("投资一千二三百万元", "money", "一千二三百万元", 12_000_000, 13_000_000),  # was 1200 and 3,000,000 CNY
        ("月薪三万五六千", "money", "三万五六千", 35_000, 36_000),  # pay, without 元
        ("电费大概一百二三十多块", "money", "一百二三十多块", 120, 130),  # 多 after the place's unit, as 一百三十多块
        ("游客有一千五六百余人", "quantity", "一千五六百余人", 1500, 1600),
    ],
)
def test_followups_ones_pair_is_a_range(text: str, kind: str, surface: str, low: int, high: int) -> None:
    (e,) = [e for e in hanpipe.extract(text) if e.kind != "keyword"]
    assert (e.kind, e.text, e.value, e.attrs["low"], e.attrs["high"], e.attrs["approx"]) == (
        kind, surface, low, low, high, True
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("十一两", [("quantity", "十一两", 11)]),  # 两: eleven liang, no pair
        ("二十四五六", [("number", "二十四", 24), ("number", "五六", 5)]),  # a third digit: no pair of the first
        ("二十四", [("number", "二十四", 24)]),
        ("二十四五万五千", [("number", "二十四", 24), ("number", "五万五千", 55000)]),  # a numeral after 万: no pair
        ("二十四五万分之一", [("number", "二十四", 24), ("number", "五万分之一", 1 / 50000)]),  # nor a fraction
        ("十四五规划", []),  # no measure word after the pair: no range 14-15, and a plan's name
        ("三十一二", [("number", "三十一", 31)]),
        ("一百二三", [("number", "一百二", 120)]),  # the place below 百 not written: no pair
        ("一百二三百", [("number", "一百二", 120), ("number", "三百", 300)]),  # nor another place
        ("一百二三十五", [("number", "一百二", 120), ("number", "三十五", 35)]),  # nor a digit after it
    ],
)
def test_followups_ones_pair_needs_the_next_digit_alone(text: str, found: list) -> None:
    assert [(e.kind, e.text, e.value) for e in hanpipe.extract(text) if e.kind != "keyword"] == found


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize(
    "text",
    (
        "一百来万 二十几岁 三十来自 二十四五岁 十一两 十一贰數 几拾八% 三十七八块钱 "
        "二十四五万元 二十四五万五千 约二十四五万 十一二亿人 三十七八度 三十七八万亿 十四五规划 二十四五万分之一 "
        "一百二三十人 三千五六百元 一千二三百万 三万五六千 一百二三 一百二三十五 壹佰贰叁拾 一百二三十多人 "
        "一元五角二分 一块五毛 一元零五分 一块钱 一圆钱 一块五 一块三角形 一块八角和 一块五角的 一块5毛2 "
        "一百二三十多万 一千五六百余人 一千二三百来人 一年零六个月 一岁三个月 一小时三十分钟 一分钟30秒 一天三次 "
        "一个小时二十分 一年级 一年零"
    ).split(),
)
def test_followups_approx_and_pairs_kernel_equals_reference(kernel, text: str) -> None:
    assert_same(text, kernel)


# -- 一 that begins a word after a unit is no abbreviated next place ------------------------


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("3万一平", "3万", 30_000),  # 30000 a square metre (was 31000)
        ("存款1万一直没动过", "1万", 10_000),  # 一直: always (was 11000)
        ("每平米5万一起步", "5万", 50_000),  # 一起: from (was 51000)
        ("10万一次", "10万", 100_000),  # a measure word, as before
        ("存款1万一", "1万一", 11_000),  # nothing after 一: the next place, 11000
        ("一万一", "一万一", 11_000),
    ],
)
def test_followups_yi_word_after_a_unit(text: str, surface: str, value: int) -> None:
    assert entities(text, "number") == [(surface, value)]


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize("text", ["3万一平", "1万一直", "5万一起", "3万一", "一百一个"])
def test_followups_yi_word_after_kernel_equals_reference(kernel, text: str) -> None:
    assert_same(text, kernel)


# -- a score is no range and no time: joined by a dash, a code (as 3-1 always was); by a colon, two numbers --


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("最终比分2-3", []),  # was the range 2-3; a code, as 比分3-1 always was
        ("以98-102不敌对手", []),
        ("比分25-20、23-25、25-18", []),  # 23-25 was a range
        ("比分21:19", [("number", "21", 21), ("number", "19", 19)]),  # was the time 21:19
        ("比分21:12、21:17", [("number", "21", 21), ("number", "12", 12), ("number", "21", 21), ("number", "17", 17)]),
        ("以3:1战胜", [("number", "3", 3), ("number", "1", 1)]),
        # a list of scores before a word of winning (the first was the time 21:19)
        (
            "以21:19、21:15击败",
            [("number", "21", 21), ("number", "19", 19), ("number", "21", 21), ("number", "15", 15)],
        ),
        ("会议14:00、15:00各一场", [("time", "14:00", "14:00"), ("time", "15:00", "15:00")]),
        # a period of a game before the pair (each was a time)
        # a list of games (before, each was a time)
        (
            "第一局21:19，第二局19:21",
            [("number", "21", 21), ("number", "19", 19), ("number", "19", 19), ("number", "21", 21)],
        ),
        ("首局21:17拿下", [("number", "21", 21), ("number", "17", 17)]),
        ("上半场2:1领先", [("number", "2", 2), ("number", "1", 1)]),
        ("决胜局以15:13", [("number", "15", 15), ("number", "13", 13)]),
        ("第三盘6:4", [("number", "6", 6), ("number", "4", 4)]),  # minutes of one digit: no clock
        ("決勝局15:12，台灣隊勝出", [("number", "15", 15), ("number", "12", 12)]),  # a result in its sentence
        # no game, or a clock time after the period (minutes 00, a word of a schedule): a time
        ("邮局8:00开门", [("time", "8:00", "08:00")]),
        ("第二局14:00开始", [("time", "14:00", "14:00")]),
        ("象棋比赛第三局15:30开赛", [("time", "15:30", "15:30")]),
        ("全场19:30准时开演", [("time", "19:30", "19:30")]),
        ("决胜局19:30打响", [("time", "19:30", "19:30")]),  # a period alone does not make a score
        ("公安部第3局10:15发布通告", [("time", "10:15", "10:15")]),
        ("早场10:30开始", [("time", "10:30", "10:30")]),
        # no score: a range and a time stay
        ("价格5-10元", [("money", "5-10元", 5)]),
        ("以5-10人为一组", [("quantity", "5-10人", 5)]),
        ("会议21:00开始", [("time", "21:00", "21:00")]),
    ],
)
def test_followups_score_is_no_range_or_time(text: str, found: list) -> None:
    assert [(e.kind, e.text, e.value) for e in hanpipe.extract(text) if e.kind != "keyword"] == found


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize(
    "text", "最终比分2-3 以98-102不敌 比分25-20、23-25 2-3天 比分为1-２、3-4 19:00至19:45 9：00到11：30".split()
)
def test_followups_score_kernel_equals_reference(kernel, text: str) -> None:
    assert_same(text, kernel)


# -- one digit over a greater one before a measure word is a fraction of it --------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("加入1/2杯牛奶", []),  # was 1 and 2 杯: a fraction of a cup, unread
        ("1/3个西瓜", []),
        ("3/4英寸", []),  # was 4 inches
        ("80/120元", [("number", "80", 80), ("money", "120元", 120)]),  # two amounts, as before
        ("-3/5℃", [("number", "-3", -3), ("quantity", "5℃", 5)]),
        ("5/3杯", [("number", "5", 5), ("quantity", "3杯", 3)]),  # no fraction below one: two amounts
    ],
)
def test_followups_fraction_of_a_unit(text: str, found: list) -> None:
    assert [(e.kind, e.text, e.value) for e in hanpipe.extract(text) if e.kind != "keyword"] == found


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize("text", ["加入1/2杯", "3/4英寸", "80/120元", "2/3的", "0/0的", "5/3杯"])
def test_followups_fraction_of_a_unit_kernel_equals_reference(kernel, text: str) -> None:
    assert_same(text, kernel)


# -- a range may start below zero -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "surface", "low", "high"),
    [
        ("气温-5~3℃", "quantity", "-5~3℃", -5, 3),  # was -5 with no unit and 3℃
        ("零下5至3度", "quantity", "零下5至3度", -5, 3),
        ("-5至10", "number", "-5至10", -5, 10),
    ],
)
def test_followups_range_from_below_zero(text: str, kind: str, surface: str, low: int, high: int) -> None:
    (e,) = [e for e in hanpipe.extract(text) if e.kind != "keyword"]
    assert (e.kind, e.text, e.value, e.attrs["low"], e.attrs["high"]) == (kind, surface, low, low, high)


def test_followups_range_after_a_dash_below_zero() -> None:
    (e,) = [e for e in hanpipe.extract("气温-3-5℃") if e.kind != "keyword"]  # as before: -3 to 5
    assert (e.kind, e.text, e.attrs["low"], e.attrs["high"]) == ("quantity", "-3-5℃", -3, 5)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("温度-5-3℃", [("number", "-5", -5), ("quantity", "3℃", 3)]),  # after a dash, as written: no range
        ("5℃至-3℃", [("quantity", "5℃", 5), ("quantity", "-3℃", -3)]),  # a high end below zero: two
    ],
)
def test_followups_range_from_below_zero_not_read(text: str, found: list) -> None:
    assert [(e.kind, e.text, e.value) for e in hanpipe.extract(text) if e.kind != "keyword"] == found


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize("text", ["气温-5~3℃", "零下5至3度", "-5至10", "温度-5-3℃", "-10~-5℃", "负五到五"])
def test_followups_range_from_below_zero_kernel_equals_reference(kernel, text: str) -> None:
    assert_same(text, kernel)


# -- what a review of the rules above on new sentences found, pinned ------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        # a financial digit before a measure word, as invoices write counts (陆 and 伍 stay a name's)
        ("数量：叁件", "quantity", [("叁件", 3)]),
        ("电脑贰台", "quantity", [("贰台", 2)]),
        ("房租叁个月", "quantity", [("叁个月", 3)]),
        ("上海陆家嘴金融区", "quantity", []),
        ("乙方交付货物伍箱", "quantity", [("伍箱", 5)]),
        # 参 begins no numeral: 人参, 海参
        ("这种海参万元一斤", "money", []),
        ("人参亿元级产业园", "money", []),
        ("长白山人参年产值", "quantity", []),
        # 来年 is next year
        ("剩下的三十万来年再付", "number", [("三十万", 300_000)]),
        # kilo- only where the unit ends a word: trucks, cards and cars are counted
        ("全市投放了2千卡车", "number", [("2千", 2000)]),
        ("印制了5千卡片", "number", [("5千", 5000)]),
        ("今年卖出了8千帕萨特", "number", [("8千", 8000)]),
        ("年产5千焦炭", "number", [("5千", 5000)]),
        # 周年 before 化 or 轻 is 周 and a word
        ("近两周年化收益率为3.2%", "quantity", [("近两周", 2)]),
        ("过去三周年轻人求职", "quantity", [("三周", 3)]),
        # a slash between counts of people or years is "or": two amounts as before, no fraction
        ("适合3/4人使用", "quantity", [("4人", 4)]),
        ("4/5岁的孩子", "quantity", [("5岁", 5)]),
        ("取1/4个洋葱切碎", "quantity", []),
        # a price before 锂, 论, 函 stays one; only 三元锂电池 and the like are terms
        ("一瓶5元酸奶", "money", [("5元", 5)]),
        ("他欠我500元催了好几次", "money", [("500元", 500)]),
        ("30元函数计算器", "money", [("30元", 30)]),
        # CAD and CNY before a number are software and the New Year
        ("CAD 2024软件教程", "money", []),
        ("CNY 2024 celebration", "money", []),
    ],
)
def test_followups_review_cases(text: str, kind: str, found: list) -> None:
    assert [(e.text, e.value) for e in hanpipe.process(text).entities if e.kind == kind] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("1日起10日止", [("1日", "---01"), ("10日", "---10")]),  # from the 1st to the 10th
        ("原定4日的会议延5日召开", [("4日", "---04"), ("5日", "---05")]),  # moved to the 5th
        ("公元100年3月", [("公元100年", "0100"), ("3月", "--03")]),  # the common era, not 民國100年
        ("公元前104年5月", [("公元前104年", "-0103"), ("5月", "--05")]),
    ],
)
def test_followups_review_dates(text: str, found: list) -> None:
    assert [(e.text, e.value) for e in hanpipe.process(text).entities if e.kind == "date"] == found


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize(
    "text", ["叁件", "贰台", "陆家", "海参万元", "三十万来年", "2千卡车", "230千卡", "3/4人", "1/4个", "5千焦炭"]
)
def test_followups_review_kernel_equals_reference(kernel, text: str) -> None:
    assert_same(text, kernel)
