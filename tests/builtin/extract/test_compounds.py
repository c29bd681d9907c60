"""Measures written in two or more units (4分32秒, 1小时20分钟, 3年6个月, 3斤2两, 1米75): one
quantity each, hand-checked, and a property over generated durations checked by arithmetic."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hanpipe

NUMERIC = ["number", "quantity", "money", "percent", "date", "time"]


def numeric(text: str) -> list[tuple[str, str, object, str | None]]:
    return [(e.kind, e.text, e.value, e.unit) for e in hanpipe.extract(text, NUMERIC)]


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit", "duration"),
    [
        # before: 4 (a bare number) and 32秒
        ("全程用时4分32秒", "4分32秒", 272, "秒", "PT4M32S"),
        ("用时1分钟30秒", "1分钟30秒", 90, "秒", "PT1M30S"),
        # before: 2小时 and the bare number 30
        ("他跑了2小时30分，第一", "2小时30分", 150, "分", "PT2H30M"),
        ("比赛用时1小时20分钟", "1小时20分钟", 80, "分钟", "PT1H20M"),
        ("他跑了1小时20分30秒", "1小时20分30秒", 4830, "秒", "PT1H20M30S"),
        ("判处有期徒刑3年6个月", "3年6个月", 42, "个月", "P3Y6M"),
        ("宝宝1岁3个月了", "1岁3个月", 15, "个月", "P1Y3M"),
        ("用时3天2小时", "3天2小时", 74, "小时", "P3DT2H"),
        ("歷時2小時15分鐘", "2小時15分鐘", 135, "分鐘", "PT2H15M"),
        ("判处有期徒刑1年零2个月", "1年零2个月", 14, "个月", "P1Y2M"),  # 零 between the parts
        ("判处有期徒刑三年零六个月", "三年零六个月", 42, "个月", "P3Y6M"),
        ("用了1个小时20分钟", "1个小时20分钟", 80, "分钟", "PT1H20M"),
        # a first part of 一, which alone is never read (before: 零六个月 alone, 6 months)
        ("判处有期徒刑一年零六个月", "一年零六个月", 18, "个月", "P1Y6M"),
        ("孩子一岁零三个月了", "一岁零三个月", 15, "个月", "P1Y3M"),
        ("全程一小时三十分钟", "一小时三十分钟", 90, "分钟", "PT1H30M"),
        ("用时一分钟30秒", "一分钟30秒", 90, "秒", "PT1M30S"),
    ],
)
def test_compounds_time(text: str, surface: str, value: int, unit: str, duration: str) -> None:
    (e,) = [e for e in hanpipe.extract(text, NUMERIC)]
    assert (e.kind, e.text, e.value, e.unit, e.attrs["duration"]) == ("quantity", surface, value, unit, duration)


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("他身高1米75，体重70公斤", "1米75", 1.75, "米"),  # before: 1米 and the number 75
        ("身高2米11的中锋", "2米11", 2.11, "米"),
        ("身高1米65左右", "1米65左右", 1.65, "米"),
        ("买了3斤2两猪肉", "3斤2两", 3.2, "斤"),  # before: the numbers 3 and 2
        ("身长5尺3寸", "5尺3寸", 5.3, "尺"),
        ("腰围2尺4", "2尺4", 2.4, "尺"),  # before: 2尺 and the number 4
    ],
)
def test_compounds_tenths_and_heights(text: str, surface: str, value: float, unit: str) -> None:
    got = [g for g in numeric(text) if g[1] == surface]
    assert got == [("quantity", surface, value, unit)], numeric(text)


def test_compounds_approximate() -> None:
    (e,) = hanpipe.extract("约1小时20分钟", NUMERIC)
    assert (e.text, e.value, e.attrs["approx"], e.attrs["duration"]) == ("约1小时20分钟", 80, True, "PT1H20M")
    (e,) = hanpipe.extract("全程耗时1小时20分左右。", NUMERIC)
    assert (e.text, e.value, e.attrs["approx"], e.attrs["qualifier"]) == ("1小时20分左右", 80, True, "左右")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a part as large as one of the unit before it: no compound
        ("2小时75分", [("quantity", "2小时", 2, "小时"), ("number", "75", 75, None)]),
        # a year and a count of months (not one duration)
        ("2020年6个月", [("date", "2020年", "2020", None), ("quantity", "6个月", 6, "个月")]),
        # a clock time's minutes and seconds
        ("下午3点15分20秒", [("time", "下午3点15分20秒", "15:15:20", None)]),
        # a price per metre, not a height
        ("每1米75元", [("quantity", "1米", 1, "米"), ("money", "75元", 75, "CNY")]),
        # months then no smaller part
        ("3个月20天", [("quantity", "3个月", 3, "个月"), ("quantity", "20天", 20, "天")]),
        # units of no compound side by side
        ("3斤2个", [("quantity", "3斤", 3, "斤"), ("quantity", "2个", 2, "个")]),
        # 两 before a measure word is two (pieces), no liang
        ("这件T恤39.9两件", [("number", "39.9", 39.9, None), ("quantity", "两件", 2, "件")]),
        # digits after a length that is no height: another number, or m² and m³ written 米2, 米3
        ("前方200米3号楼", [("quantity", "200米", 200, "米"), ("number", "3", 3, None)]),
        ("卧室面积15米2", [("quantity", "15米", 15, "米"), ("number", "2", 2, None)]),
        ("长3米5的竹竿", [("quantity", "3米", 3, "米"), ("number", "5", 5, None)]),
        # so many units each (5 days of 8 hours), and a relative date's span (read by the dates)
        ("每周5天8小时工作制", [("quantity", "5天", 5, "天"), ("quantity", "8小时", 8, "小时")]),
        ("已于3年6个月前支付", [("date", "3年6个月前", None, None)]),  # 42 months before
        # 一 with no second part after it stays unread, as 一 before a unit always is
        ("一天三次", [("quantity", "三次", 3, "次")]),
        ("他上一年级", []),
        # a decimal first part
        ("1.5小时20分钟", [("quantity", "1.5小时", 1.5, "小时"), ("quantity", "20分钟", 20, "分钟")]),
    ],
)
def test_compounds_not_read(text: str, want: list) -> None:
    assert numeric(text) == want


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("买了3斤猪肉", "3斤", 3, "斤"),  # before: the number 3
        ("十一两银子", "十一两", 11, "两"),
        ("种了500亩地", "500亩", 500, "亩"),
        ("55寸电视", "55寸", 55, "寸"),
        ("10磅重", "10磅", 10, "磅"),  # a pound, a point of type or grams of paper: no symbol
        ("一块6英尺长的木板", "6英尺", 6, "英尺"),
        ("开了3个小时的会", "3个小时", 3, "个小时"),  # hours (before: 3 个)
    ],
)
def test_compounds_chinese_and_imperial_units(text: str, surface: str, value: int, unit: str) -> None:
    assert [g for g in numeric(text) if g[0] == "quantity"] == [("quantity", surface, value, unit)]
    assert "symbol" not in hanpipe.extract(text, ["quantity"])[0].attrs or unit == "英尺"


def test_compounds_words_that_begin_with_a_unit() -> None:
    assert numeric("请了2个小时工打扫卫生") == [("quantity", "2个", 2, "个")]  # hourly workers
    assert numeric("这双鞋38尺码偏小") == [("number", "38", 38, None)]  # a size


@pytest.mark.parametrize("text", ["喝了一两白酒", "一两银子", "称了一两茶叶"])
def test_compounds_one_liang_is_no_pair_of_one_to_two(text: str) -> None:
    """一两 before what is weighed in liang is one liang, not 1 to 2 (it was the range 1–2; a lone
    一 is not read before a unit, so nothing is)."""
    assert not [g for g in numeric(text) if g[1].startswith("一两")]


def test_compounds_one_or_two_stays_a_pair() -> None:
    assert numeric("来了一两个人") == [("quantity", "一两个", 1, "个")]
    assert [e.attrs["high"] for e in hanpipe.extract("打了一两天", NUMERIC)] == [2]


@pytest.mark.parametrize("text", ["2024两会特别报道", "苹果9.9两斤", "纸巾25两包", "这件T恤39.9两件"])
def test_compounds_two_is_no_liang(text: str) -> None:
    """两 after a number and before a word other than what is weighed in liang is two (两会, 两斤)."""
    assert not [g for g in numeric(text) if g[3] in ("两", "兩")]


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 99),
    st.sampled_from([("小时", "分钟", 60, "TH", "TM"), ("分", "秒", 60, "TM", "TS"), ("年", "个月", 12, "Y", "M")]),
    st.integers(1, 59),
    st.sampled_from(["全程用", "共", "历时", ""]),
    st.sampled_from(["完成", "，", "。", ""]),
)
def test_compounds_durations_property(big: int, units: tuple, small: int, before: str, after: str) -> None:
    """``N unit M smaller`` is one quantity of ``N × factor + M`` of the smaller unit, with both parts in
    its ISO 8601 duration, whenever M is less than the factor."""
    large, smaller, factor, d1, d2 = units
    small %= factor
    if small == 0:
        small = 1
    text = f"{before}{big}{large}{small}{smaller}{after}"
    (e,) = [e for e in hanpipe.extract(text, NUMERIC)]
    want = f"PT{big}{d1[1]}{small}{d2[1]}" if d1.startswith("T") else f"P{big}{d1}{small}{d2}"
    assert (e.text, e.value, e.unit, e.attrs["duration"]) == (
        f"{big}{large}{small}{smaller}", big * factor + small, smaller, want
    ), text


PIECES = "1 2 3 12 75 0 零 一 三 年 个月 天 小时 个小时 分 分钟 秒 斤 两 尺 寸 米 每 前 左右 的 号 ， 5".split()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=16).map("".join))
def test_compounds_few_rows_read_from_lists_as_from_columns(text: str) -> None:
    """A scan of a few rows finds its compounds from the rows' lists; from the columns it finds the same."""
    from unittest import mock

    from hanpipe.builtin.extract import numbers
    from hanpipe.builtin.extract.numerals import value_scan
    from hanpipe.document import Document

    lists = numbers._compounds(text, value_scan(Document.from_text(text)))
    with mock.patch.object(numbers, "ROW_BY_ROW", 0):
        columns = numbers._compounds(text, value_scan(Document.from_text(text)))
    assert lists == columns
