"""Number, money, percent and quantity entities: examples, peers' vectors, cn2an under hypothesis."""

from __future__ import annotations

import json
import math
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanpipe.builtin.extract.numerals import parse_number
from hanpipe.document import Document
from hanpipe.errors import InputError
from hanpipe.pipeline import Pipeline

VECTORS = json.loads((Path(__file__).resolve().parents[2] / "cases" / "extract_peer_vectors.json").read_text("utf-8"))
NUMERIC = ["number", "percent", "money", "quantity", "date", "time"]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(clean=None, convert=None, segment=None, extract=NUMERIC, entry_points=False)


def entities(pipeline: Pipeline, text: str) -> list:
    return list(pipeline.extract(Document.from_text(text)).entities)


def one(pipeline: Pipeline, text: str, kind: str):
    found = [e for e in entities(pipeline, text) if e.kind == kind]
    assert len(found) == 1, (text, entities(pipeline, text))
    return found[0]


@pytest.mark.parametrize(
    ("text", "kind", "surface", "value", "unit"),
    [
        ("参数达到了1.8万亿个", "quantity", "1.8万亿个", 1_800_000_000_000, "个"),
        ("已经达到1750亿，", "number", "1750亿", 175_000_000_000, None),
        ("首个两千亿参数", "number", "两千亿", 200_000_000_000, None),
        ("费用大概是1200万美元，", "money", "1200万美元", 12_000_000, "USD"),
        ("用1250万美金去训练", "money", "1250万美金", 12_500_000, "USD"),
        ("开销约2萬美元。", "money", "约2萬美元", 20_000, "USD"),
        ("售价¥30，", "money", "¥30", 30, "CNY"),
        ("US$5.5 per", "money", "US$5.5", 5.5, "USD"),
        ("10港元", "money", "10港元", 10, "HKD"),
        ("3欧元", "money", "3欧元", 3, "EUR"),
        ("3日元", "money", "3日元", 3, "JPY"),
        ("3英镑", "money", "3英镑", 3, "GBP"),
        ("3新台币", "money", "3新台币", 3, "TWD"),
        ("人民币3元", "money", "人民币3元", 3, "CNY"),
        ("85%的能力", "percent", "85%", 0.85, None),
        ("85％的能力", "percent", "85％", 0.85, None),
        ("百分之八十五的", "percent", "百分之八十五", 0.85, None),
        ("百分之0.5的", "percent", "百分之0.5", 0.005, None),
        ("上涨了5个百分点", "percent", "5个百分点", 0.05, "pp"),
        ("使用3584张H100", "quantity", "3584张", 3584, "张"),
        ("超400家，", "quantity", "超400家", 400, "家"),
        ("达30余款。", "quantity", "30余款", 30, "款"),
        ("一场4.4级地震", "quantity", "4.4级", 4.4, "级"),
        ("用时11分钟就", "quantity", "11分钟", 11, "分钟"),
        ("实现15秒内", "quantity", "15秒", 15, "秒"),
        ("超过100人，", "quantity", "超过100人", 100, "人"),
        ("三分之一的", "number", "三分之一", 1 / 3, None),
        ("三点一四", "number", "三点一四", 3.14, None),
        ("负5度", "quantity", "负5度", -5, "度"),
        ("零下5度", "quantity", "零下5度", -5, "度"),
        ("1,234元", "money", "1,234元", 1234, "CNY"),
        ("1,234人", "quantity", "1,234人", 1234, "人"),
        ("１２３人", "quantity", "１２３人", 123, "人"),
        ("壹佰贰拾叁元", "money", "壹佰贰拾叁元", 123, "CNY"),
        ("共3千万", "number", "3千万", 30_000_000, None),
        ("千万元", "money", "千万元", 10_000_000, "CNY"),
        ("一九五七年", "date", "一九五七年", "1957", None),
        ("编号二〇二三", "number", "二〇二三", 2023, None),
        ("有5000亿", "number", "5000亿", 500_000_000_000, None),
    ],
)
def test_extract_numbers_examples(pipeline: Pipeline, text, kind, surface, value, unit) -> None:
    ent = one(pipeline, text, kind)
    assert (ent.text, ent.unit) == (surface, unit)
    assert ent.value == value or (isinstance(value, float) and math.isclose(ent.value, value))
    assert text[ent.start : ent.end] == surface


@pytest.mark.parametrize(
    ("text", "surface", "low", "high", "unit"),
    [
        ("8亿到10亿的用户", "8亿到10亿", 800_000_000, 1_000_000_000, None),
        ("15亿-20亿", "15亿-20亿", 1_500_000_000, 2_000_000_000, None),
        ("7到8成", "7到8成", 0.7, 0.8, None),  # 成 is a tenth: 70 % to 80 %
        ("两三个人", "两三个", 2, 3, "个"),
        ("三五百块", "三五百块", 300, 500, "CNY"),
        ("未来两到三年", "两到三年", 2, 3, "年"),
    ],
)
def test_extract_numbers_ranges(pipeline: Pipeline, text, surface, low, high, unit) -> None:
    ents = [e for e in entities(pipeline, text) if e.text == surface]
    assert len(ents) == 1, entities(pipeline, text)
    ent = ents[0]
    assert (ent.attrs["low"], ent.attrs["high"], ent.value, ent.unit) == (low, high, low, unit)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("30余款", "30余款"),
        ("一千多块的芯片", "一千多块"),
        ("近百台", "近百台"),
        ("约2万美元", "约2万美元"),
        ("超过100人", "超过100人"),
        ("逾千人", "逾千人"),
        ("100人左右", "100人左右"),
        ("500上下", "500上下"),
    ],
)
def test_extract_numbers_approx(pipeline: Pipeline, text, surface) -> None:
    ents = [e for e in entities(pipeline, text) if e.text == surface]
    assert len(ents) == 1 and ents[0].attrs["approx"] is True, entities(pipeline, text)


@pytest.mark.parametrize(
    "text",
    [
        "第六届大会",
        "一蹴而就",
        "千行百业",
        "一步一步去做",
        "百度",
        "九章云极",
        "GPT-4",
        "三角形",
        "一个模型",
        "十分重要",
        "万一失败",
        "千万不要",
        "三三两两",
        "十全十美",
        "百分百",
    ],
)
def test_extract_numbers_not_numbers(pipeline: Pipeline, text: str) -> None:
    assert entities(pipeline, text) == []


@pytest.mark.parametrize(
    "text",
    [
        # codes: digit groups joined by dashes are identifiers, not counts (a number 21 is a wrong value)
        "021-12345678",
        "订单号 2023-0815-77",
        "ISBN 978-7-111-54742-6",
        "编号12-34-56",
        "GB/T 7714-2015",
        "型号 A-12-345",
        "比分3-1",
        "股票代码：000001",
        "腾讯控股(00700.HK)",
        "楼号１２－０３",
        # a fraction or one of so many written with a slash: neither number is a count
        "超过2/3的企业",
        "比例为2/3",
        # ordinals: the numerals a range or a list adds to 第 are ordinals too, none a count of pages or names
        "见第3-5页",
        "第3至5页",
        "第3到5页",
        "第3~5章",
        "第十至十二届",
        "第3、5、7页",
        "第一、二名",
        "第3—5条",
        "第1－3名",
    ],
)
def test_extract_numbers_codes_and_ordinals(pipeline: Pipeline, text: str) -> None:
    """No number, money, percent or quantity is read from a code or an ordinal's range or list."""
    assert [e for e in entities(pipeline, text) if e.kind in ("number", "money", "percent", "quantity")] == []


@pytest.mark.parametrize(
    ("text", "kind", "surface", "low", "high"),
    [
        # what stays: ranges go up, decimals and thousands separators are no code, dates read their groups
        ("共3-5页", "quantity", "3-5页", 3, 5),
        ("100-200元", "money", "100-200元", 100, 200),
        ("2023-2024年", "number", "2023-2024", 2023, 2024),
        ("5-1,200元", "money", "5-1,200元", 5, 1200),
        ("第3名，5名选手", "quantity", "5名", None, None),
    ],
)
def test_extract_numbers_not_codes(pipeline: Pipeline, text: str, kind: str, surface: str, low, high) -> None:
    e = one(pipeline, text, kind)
    assert (e.text, e.attrs.get("low"), e.attrs.get("high")) == (surface, low, high)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a dash between two amounts with their units is no minus sign: both are read as written
        ("回购1000万股-2000万股", [("1000万股", 10_000_000), ("2000万股", 20_000_000)]),
        ("价格区间：10元-15元", [("10元", 10), ("15元", 15)]),
        ("控球率60%-40%", [("60%", 0.6), ("40%", 0.4)]),
        ("温度20℃-25℃", [("20℃", 20), ("25℃", 25)]),
        ("温度-5度", [("-5度", -5)]),
        # a minus after a range or list word, or after another unit, stays a minus
        ("气温-10℃至-2℃", [("-10℃", -10), ("-2℃", -2)]),
        ("北京今日气温-15~-5℃", [("-15~-5℃", -15)]),  # one range, both ends below zero
        ("两项指标分别增长3%和-2%", [("两项", 2), ("3%", 0.03), ("-2%", -0.02)]),
        ("1月份-5℃左右", [("1月份", "--01"), ("-5℃左右", -5)]),
        # two amounts joined by a dash or a slash, read as two
        ("每满300-50元", [("300", 300), ("50元", 50)]),
        ("门票100/80元", [("100", 100), ("80元", 80)]),
        ("门票80/120元", [("80", 80), ("120元", 120)]),
        ("气温-3/5℃", [("-3", -3), ("5℃", 5)]),
        ("300公里-400公里", [("300公里", 300), ("400公里", 400)]),
        ("晴 -14℃/-3℃", [("-14℃", -14), ("-3℃", -3)]),
        ("偏北风4-3级", [("4", 4), ("3级", 3)]),
    ],
)
def test_extract_numbers_dash_between_amounts(pipeline: Pipeline, text: str, want: list) -> None:
    assert [(e.text, e.value) for e in entities(pipeline, text)] == want


@pytest.mark.parametrize(
    ("text", "surface", "approx"),
    [
        # 不超过 is an upper bound: 超过 (more than) is not its qualifier, and the number is as written
        ("募集资金总额不超过20亿元。", "20亿元", False),
        ("持股比例不超过5%。", "5%", False),
        ("未超过3%", "3%", False),
        ("没超过100人", "100人", False),
        ("超过20亿元", "超过20亿元", True),
        ("逾3000人", "逾3000人", True),
    ],
)
def test_extract_numbers_not_more_than(pipeline: Pipeline, text: str, surface: str, approx: bool) -> None:
    (e,) = [e for e in entities(pipeline, text) if e.kind in ("money", "percent", "quantity")]
    assert (e.text, e.attrs["approx"], "qualifier" in e.attrs) == (surface, approx, approx)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # 周岁 is an age (full years), no count of weeks; 年级 a school grade, no count of years
        ("年满18周岁", [("quantity", "18周岁", 18, None)]),
        ("3周岁以下儿童免票", [("quantity", "3周岁", 3, None)]),
        ("三年级二班", [("number", "三", 3, None)]),
        ("工作了3周", [("quantity", "3周", 3, "P3W")]),
        # an anniversary counts years (成立75周年 was 75 weeks); 3周 stays weeks
        ("成立75周年", [("quantity", "75周年", 75, "P75Y")]),
        ("结婚10週年", [("quantity", "10週年", 10, "P10Y")]),
        ("工作3周", [("quantity", "3周", 3, "P3W")]),
        # a year of the Republic of China is no count of years: a date, 1911 years on
        ("民國113年起", [("date", "民國113年", "2024", None)]),
        ("中华民国38年", [("date", "民国38年", "1949", None)]),
    ],
)
def test_extract_numbers_age_and_grade(pipeline: Pipeline, text: str, want: list) -> None:
    got = [(e.kind, e.text, e.value, e.attrs.get("duration")) for e in entities(pipeline, text)]
    assert got == want


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [
        # a dollar sign after a currency's name is that currency's dollar, not the US dollar
        ("每盒售價港幣$98。", "港幣$98", "HKD"),
        ("新台幣$350", "新台幣$350", "TWD"),
        ("澳門幣$50", "澳門幣$50", "MOP"),
        ("澳門幣500元", "澳門幣500元", "MOP"),
        ("新加坡元S$88", "S$88", "SGD"),
        ("A$100", "A$100", "AUD"),
        ("MOP$30", "MOP$30", "MOP"),
        ("CA$80", "CA$80", "CAD"),  # not A$ (AUD) after a C
        ("AU$50", "AU$50", "AUD"),
        ("NZ$50", "NZ$50", "NZD"),
        ("售价$99.9", "$99.9", "USD"),
        # an ISO code before the amount (was a bare number)
        ("USD 1.2 million", "USD 1.2 million", "USD"),
        ("EUR 500", "EUR 500", "EUR"),
        ("售价HKD 98", "HKD 98", "HKD"),
    ],
)
def test_extract_numbers_named_dollars(pipeline: Pipeline, text: str, surface: str, code: str) -> None:
    e = one(pipeline, text, "money")
    assert (e.text, e.unit) == (surface, code)


def test_extract_numbers_iso_code_needs_its_own_letters(pipeline: Pipeline) -> None:
    assert one(pipeline, "USD 1.2 million", "money").value == 1_200_000
    assert [e.kind for e in entities(pipeline, "XUSD 5")] == ["number"]  # another code: no dollar


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a year of the Republic of China is 1911 years after the Gregorian (民國88年 was 1988)
        ("民國88年9月21日", [("民國88年9月21日", "1999-09-21")]),
        ("民国80年出生", [("民国80年", "1991")]),
        ("民國9年", [("民國9年", "1920")]),
        ("民國100年1月1日", [("民國100年1月1日", "2011-01-01")]),
        # three digits from 100 with a month after them, as Taiwan writes dates (was 112 years)
        ("本案於112年3月15日公告", [("112年3月15日", "2023-03-15")]),
        ("成立105年3月", [("105年3月", "2016-03")]),
        # the second end of a range of such years (was 112 years)
        ("民國100年至112年", [("民國100年", "2011"), ("112年", "2023")]),
        ("民國88年至99年", [("民國88年", "1999"), ("99年", "2010")]),
        # in Chinese numerals after 民國 (was the number 112)
        ("民國一百一十二年", [("民國一百一十二年", "2023")]),
        ("中華民國一百一十二年三月十五日", [("民國一百一十二年三月十五日", "2023-03-15")]),
        # a fiscal year, 年度 (112年度 was 112 years)
        ("112年度預算", [("112年度", "2023")]),
        ("民國100年度", [("民國100年度", "2011")]),
        ("民國七十年代經濟起飛", []),  # a decade, no year (the 1980s)
        # no era and no month: a count of years, and a two-digit year stays Gregorian
        ("工作了112年", []),
        ("98年3月5日", [("98年3月5日", "1998-03-05")]),
    ],
)
def test_extract_numbers_roc_years(pipeline: Pipeline, text: str, want: list) -> None:
    dates = [e for e in entities(pipeline, text) if e.kind == "date"]
    assert [(e.text, e.value) for e in dates] == want
    assert all(e.attrs.get("era") == "ROC" for e in dates if "98年3月" not in e.text)


@pytest.mark.parametrize("text", ["公元100年", "公元前104年", "西元100年", "民國113年"])
def test_extract_numbers_year_of_an_era_is_no_count_of_years(pipeline: Pipeline, text: str) -> None:
    """A year after the name of its era is no duration (公元100年 was a quantity of 100 years)."""
    assert not [e for e in entities(pipeline, text) if e.kind == "quantity"]
    # among many rows, read from the columns (ROW_BY_ROW), alike
    many = "，".join(f"{i}个" for i in range(1, 80)) + "，" + text + "，活了100年"
    assert [e.text for e in entities(pipeline, many) if e.kind == "quantity" and "年" in e.text] == ["100年"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # 千 between Arabic digits and 焦, 卡, 帕, 瓦, 伏 or 赫 is kilo-: before, 1725千焦 was the number
        # 1725000 with no unit, and 300千瓦时 300000 瓦 (power, not energy)
        ("能量1725千焦", ("1725千焦", 1725, "千焦", "kJ")),
        ("热量230千卡", ("230千卡", 230, "千卡", "kcal")),
        ("每份150大卡", ("150大卡", 150, "大卡", "kcal")),
        ("胎压250千帕", ("250千帕", 250, "千帕", "kPa")),
        ("用电300千瓦时", ("300千瓦时", 300, "千瓦时", "kWh")),
        ("功率3千瓦", ("3千瓦", 3, "千瓦", "kW")),
        ("强度40兆帕", ("40兆帕", 40, "兆帕", "MPa")),
        ("做功5焦耳", ("5焦耳", 5, "焦耳", "J")),
        # in Chinese numerals 千 stays a numeral's, the value the same
        ("三千瓦", ("三千瓦", 3000, "瓦", "W")),
        ("5千克", ("5千克", 5000, "克", "g")),
    ],
)
def test_extract_numbers_kilo_units(pipeline: Pipeline, text: str, want: tuple) -> None:
    e = one(pipeline, text, "quantity")
    assert (e.text, e.value, e.unit, e.attrs["symbol"]) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the second end of a range of dollars is the first end's dollar (it was USD)
        ("月薪港幣$12,000至$15,000", [("港幣$12,000", 12000, "HKD"), ("$15,000", 15000, "HKD")]),
        ("港幣$12,000 - $15,000", [("港幣$12,000", 12000, "HKD"), ("$15,000", 15000, "HKD")]),
        ("新台幣$300~$500", [("新台幣$300", 300, "TWD"), ("$500", 500, "TWD")]),
        ("HK$100至$200", [("HK$100", 100, "HKD"), ("$200", 200, "HKD")]),
        ("NT$300、$500", [("NT$300", 300, "TWD"), ("$500", 500, "TWD")]),
        ("$100至$200", [("$100", 100, "USD"), ("$200", 200, "USD")]),
        # no range: a later dollar sign is on its own
        ("港幣$98，另加$20", [("港幣$98", 98, "HKD"), ("$20", 20, "USD")]),
    ],
)
def test_extract_numbers_range_of_named_dollars(pipeline: Pipeline, text: str, want: list) -> None:
    assert [(e.text, e.value, e.unit) for e in entities(pipeline, text) if e.kind == "money"] == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # N unit 半 is N and a half (hand-checked); 半 that begins a word (半导体) is no half
        ("刑期为3年半。", ("3年半", 3.5, "年", "P3.5Y")),
        ("5岁半的孩子", ("5岁半", 5.5, "岁", None)),
        ("1吨半", ("1吨半", 1.5, "吨", None)),
        ("小火炖1个半小时。", ("1个半小时", 1.5, "小时", "PT1.5H")),
        ("两个半小时", ("两个半小时", 2.5, "小时", "PT2.5H")),
        ("三个半月", ("三个半月", 3.5, "个月", "P3.5M")),
        ("3年半导体", ("3年", 3, "年", "P3Y")),
        ("5家半导体公司", ("5家", 5, "家", None)),
    ],
)
def test_extract_numbers_and_a_half(pipeline: Pipeline, text: str, want: tuple) -> None:
    e = one(pipeline, text, "quantity")
    assert (e.text, e.value, e.unit, e.attrs.get("duration")) == want


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        # one digit after 成 counts hundredths (hand-checked); one that begins a word does not
        ("他以三成二的得票率當選。", "三成二", 0.32),
        ("三成五的股份", "三成五", 0.35),
        ("九成九", "九成九", 0.99),
        ("七成一线城市", "七成", 0.7),
        ("九成五新", "九成五", 0.95),  # condition of used goods
        ("增长三成", "三成", 0.3),
    ],
)
def test_extract_numbers_tenths_and_hundredths(pipeline: Pipeline, text: str, surface: str, value: float) -> None:
    e = one(pipeline, text, "percent")
    assert (e.text, float(e.value)) == (surface, value)
    assert [x for x in entities(pipeline, text) if x.kind == "number"] == []


@pytest.mark.parametrize(
    ("text", "surface", "value", "code"),
    [
        # an English scale word after an amount with a currency sign is part of it (hand-checked)
        ("公司获得US$3.5 million融资。", "US$3.5 million", 3_500_000, "USD"),
        ("营收达RMB 2.5 billion。", "RMB 2.5 billion", 2_500_000_000, "CNY"),
        ("$100 thousand", "$100 thousand", 100_000, "USD"),
        ("US$ 2 Million", "US$ 2 Million", 2_000_000, "USD"),
    ],
)
def test_extract_numbers_english_scale(pipeline: Pipeline, text: str, surface: str, value: int, code: str) -> None:
    e = one(pipeline, text, "money")
    assert (e.text, e.value, e.unit) == (surface, value, code)
    assert type(e.value) is int


def test_extract_numbers_zhao_before_wang_is_trillion(pipeline: Pipeline) -> None:
    """兆 before 宽带 is mega-; before 网购 or 网路 it is 10**12, as Taiwan writes amounts."""
    assert one(pipeline, "2兆网购市场", "number").value == 2 * 10**12
    assert one(pipeline, "开通了100兆宽带", "number").value == 100


@pytest.mark.parametrize(
    ("text", "money"),
    [
        # 元 that begins a word is no yuan (hand-checked); a voucher or a monthly card still costs yuan
        ("正月十五元宵节", []),
        ("两元素", []),
        ("三元锂电池", []),  # ternary lithium: was 3 CNY
        ("三元催化器", []),
        ("二元论", []),
        ("二元函数", []),
        ("这支笔三元", [("三元", 3)]),
        # after any other amount a price stays one
        ("9.9元锂电池", [("9.9元", 9.9)]),
        ("缴纳50元论文查重费", [("50元", 50)]),
        ("两元酸梅汤", [("两元", 2)]),
        ("50元代金券", [("50元", 50)]),
        ("30元月卡", [("30元", 30)]),
    ],
)
def test_extract_numbers_yuan_words(pipeline: Pipeline, text: str, money: list) -> None:
    assert [(e.text, e.value) for e in entities(pipeline, text) if e.kind == "money"] == money


def test_extract_numbers_code_dates_stay(pipeline: Pipeline) -> None:
    """A date is a chain of groups too: the date extractor still reads it, and no number is left."""
    ents = entities(pipeline, "2023-12-07发布，订单2023-0815-77")
    assert [(e.kind, e.text, e.value) for e in ents] == [("date", "2023-12-07", "2023-12-07")]


def test_extract_numbers_richest_reading_wins(pipeline: Pipeline) -> None:
    ents = entities(pipeline, "训练成本1200万美元，有3584张芯片，2023年9月22日")
    assert [(e.kind, e.text) for e in ents] == [
        ("money", "1200万美元"),
        ("quantity", "3584张"),
        ("date", "2023年9月22日"),
    ]


def test_extract_numbers_value_types(pipeline: Pipeline) -> None:
    assert type(one(pipeline, "共2.0个", "quantity").value) is int
    assert type(one(pipeline, "0.5版", "number").value) is float
    from decimal import Decimal

    long = one(pipeline, "值为0.12345678901234567890123的", "number").value
    assert isinstance(long, Decimal) and long == Decimal("0.12345678901234567890123")


# -- peers' published vectors ---------------------------------------------------


def _cases(name: str):
    for case in VECTORS[name]:
        fails = case["expect"] == "fail"
        marks = [pytest.mark.xfail(strict=True, reason=case.get("why", ""))] if fails else []
        yield pytest.param(case, marks=marks, id=case["text"])


@pytest.mark.parametrize("case", list(_cases("cn2an")))
def test_extract_numbers_cn2an_vectors(case) -> None:
    got = parse_number(case["text"])
    assert got == case["value"] or math.isclose(got, case["value"], rel_tol=1e-12)


@pytest.mark.parametrize("case", list(_cases("jionlp_money")))
def test_extract_numbers_jionlp_money_vectors(pipeline: Pipeline, case) -> None:
    money = [e for e in entities(pipeline, case["text"]) if e.kind == "money"]
    assert len(money) == 1
    ent = money[0]
    assert ent.unit == case["unit"]
    assert ent.value == case["value"] or math.isclose(ent.value, case["value"], rel_tol=1e-12)
    if "surface" in case:
        assert ent.text == case["surface"]
    if "low" in case:
        assert (ent.attrs["low"], ent.attrs["high"]) == (case["low"], case["high"])


def test_extract_numbers_parse_rejects_non_numerals() -> None:
    for bad in ("", "abc", "三个", "1.2.3"):
        with pytest.raises(InputError):
            parse_number(bad)
    assert parse_number("三五百") == (300, 500)


# -- cn2an under hypothesis ---------------------------------------------------

integers = st.integers(min_value=0, max_value=10**15)
#: a numeral, and the integer cn2an wrote it from (None for the others)
numerals = st.one_of(
    integers.map(lambda n: (cn2an.an2cn(n, "low"), n)),
    integers.map(lambda n: (cn2an.an2cn(n, "up"), n)),
    integers.map(lambda n: (str(n), n)),
    st.tuples(st.integers(0, 10**6), st.integers(1, 99)).map(lambda t: (f"{t[0]}.{t[1]:02d}", None)),
    st.tuples(st.integers(1, 9999), st.sampled_from(["万", "亿"])).map(lambda t: (f"{t[0]}{t[1]}", None)),
    st.tuples(st.integers(1, 999), st.integers(1, 9), st.sampled_from(["万", "亿"])).map(
        lambda t: (f"{t[0]}.{t[1]}{t[2]}", None)
    ),
)


def _cn2an_smart(text: str, written: int | None) -> Any:
    """cn2an's smart reading of ``text``; for a numeral cn2an wrote but cannot read back (its 一亿一千,
    written from 100001000, is 不符合格式的数据 to its reader), the integer it wrote."""
    try:
        return cn2an.cn2an(text, "smart")
    except ValueError:
        if written is None:
            raise
        return written


def test_cn2an_cannot_read_its_own_writing_of_an_empty_wan_section() -> None:
    assert cn2an.an2cn(100_001_000) == "一亿一千"
    with pytest.raises(ValueError):
        cn2an.cn2an("一亿一千", "smart")
    assert parse_number("一亿一千") == _cn2an_smart("一亿一千", 100_001_000) == 100_001_000


@settings(max_examples=150, deadline=None)
@given(numerals)
def test_extract_numbers_equal_cn2an_smart(numeral: tuple[str, int | None]) -> None:
    text, written = numeral
    want = _cn2an_smart(text, written)
    got = parse_number(text)
    assert got == want or math.isclose(got, want, rel_tol=1e-12), (text, got, want)


@settings(max_examples=60, deadline=None)
@given(numerals)
def test_extract_numbers_in_text_equal_cn2an_smart(numeral: tuple[str, int | None]) -> None:
    text, written = numeral
    doc = Document.from_text(f"总共{text}，")
    p = Pipeline(clean=None, convert=None, segment=None, extract=["number"], entry_points=False)
    ents = list(p.extract(doc).entities)
    want = _cn2an_smart(text, written)
    lone = len(text) == 1 and not text.isdigit()
    if lone:  # a lone Chinese character needs a number's context (三个, 近百)
        assert ents == []
        return
    assert len(ents) == 1 and ents[0].text == text
    assert ents[0].value == want or math.isclose(ents[0].value, want, rel_tol=1e-12)


@pytest.mark.parametrize(
    ("text", "surface", "low", "high"),
    [
        ("增长3.5%-4.5%之间", "3.5%-4.5%", 0.035, 0.045),
        ("增长3%到5%", "3%到5%", 0.03, 0.05),
        ("增长3到5%", "3到5%", 0.03, 0.05),
    ],
)
def test_extract_numbers_percent_ranges(pipeline: Pipeline, text, surface, low, high) -> None:
    ent = one(pipeline, text, "percent")
    assert (ent.text, ent.attrs["low"], ent.attrs["high"]) == (surface, low, high)


def test_extract_numbers_separators_do_not_mix(pipeline: Pipeline) -> None:
    ents = entities(pipeline, "售价¥1,299，100美元一桶")
    assert [(e.kind, e.text, e.value) for e in ents] == [("money", "¥1,299", 1299), ("money", "100美元", 100)]


@pytest.mark.parametrize("case", list(_cases("jionlp_extract_money")))
def test_extract_numbers_jionlp_money_in_sentences(pipeline: Pipeline, case) -> None:
    money = [[e.text, e.start, e.end] for e in entities(pipeline, case["text"]) if e.kind == "money"]
    assert money == case["money"]


# -- money with jiao and fen ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("六十四万零一百四十三元一角七分", "六十四万零一百四十三元一角七分", 640143.17),
        ("十块三毛", "十块三毛", 10.3),
        ("十块五", "十块五", 10.5),
        ("只要三块五，", "三块五", 3.5),
        ("三块五毛", "三块五毛", 3.5),
        ("三块五毛钱一斤", "三块五毛钱", 3.5),
        ("三块五一斤", "三块五", 3.5),
        ("5元2角", "5元2角", 5.2),
        ("5元2角3分", "5元2角3分", 5.23),
        ("5元3分", "5元3分", 5.03),
        ("十元零五分", "十元零五分", 10.05),
        ("两块两毛", "两块两毛", 2.2),
        ("5塊2毛", "5塊2毛", 5.2),
        ("人民币3元2角", "人民币3元2角", 3.2),
        ("约3元5角", "约3元5角", 3.5),
        ("负5元2角", "负5元2角", -5.2),
        ("5元0角", "5元0角", 5),
        ("壹佰贰拾叁元肆角伍分", "壹佰贰拾叁元肆角伍分", 123.45),
        # a lone digit after 毛 is the fen, after 块 the jiao whatever verb follows (hand-checked)
        ("三块五毛二", "三块五毛二", 3.52),
        ("3块5毛2", "3块5毛2", 3.52),
        ("三块五买了一瓶水", "三块五", 3.5),
        ("十块五就卖", "十块五", 10.5),
        ("两块八毛", "两块八毛", 2.8),
        ("三块五毛二分", "三块五毛二分", 3.52),
        # jiao and fen alone
        ("八毛", "八毛", 0.8),
        ("8毛", "8毛", 0.8),
        ("五毛钱", "五毛钱", 0.5),
        ("五毛二买的", "五毛二", 0.52),
        ("五角钱", "五角钱", 0.5),
        ("5角钱", "5角钱", 0.5),
        ("五角五分", "五角五分", 0.55),
        ("五分钱", "五分钱", 0.05),
        ("一毛钱", "一毛钱", 0.1),
        ("一分钱", "一分钱", 0.01),
        ("一块钱", "一块钱", 1),
        # 一 and a yuan word before its jiao (一元五角二分 was 0.52: the 一元 was left out)
        ("花了一元五角二分", "一元五角二分", 1.52),
        ("一块五毛钱", "一块五毛钱", 1.5),
        ("一元零五分", "一元零五分", 1.05),
        # a digit before a word that counts nothing is still the jiao (9块9包邮 was 9 CNY and 9)
        ("9块9包邮", "9块9", 9.9),
        ("九块九包邮", "九块九", 9.9),
        ("三块五包括运费", "三块五", 3.5),
    ],
)
def test_extract_numbers_money_sub_units(pipeline: Pipeline, text, surface, value) -> None:
    ent = one(pipeline, text, "money")
    assert (ent.text, ent.value, ent.unit) == (surface, value, "CNY")
    assert type(ent.value) is type(value)
    assert [e.kind for e in entities(pipeline, text)] == ["money"]


def test_extract_numbers_money_sub_units_exact() -> None:
    p = Pipeline(clean=None, convert=None, segment=None, extract=["money"], entry_points=False)
    (ent,) = p.extract(Document.from_text("12345678901234567元9角9分")).entities
    assert ent.value == Decimal("12345678901234567.99") and isinstance(ent.value, Decimal)
    (ent,) = p.extract(Document.from_text("1" * 30 + "元2角3分")).entities
    assert ent.value == Decimal("1" * 30 + ".23")


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("三块五花肉", "三块", 3),  # 五花肉 (pork belly), not five jiao
        ("5元3分钟", "5元", 5),
        ("10元3个", "10元", 10),
        ("100元5分析", "100元", 100),
        ("1.5元3角", "1.5元", 1.5),  # sub-units follow a whole number of yuan only
        ("三五百块五", "三五百块", 300),  # nor a range
        ("3美元5角", "3美元", 3),
        ("5元3分之一", "5元", 5),
        ("三块一斤", "三块", 3),  # a digit before a measure word counts (3 yuan a jin)
        ("十块一个", "十块", 10),
        ("三块五十个", "三块", 3),
        ("3块50", "3块", 3),
        ("三块五折", "三块", 3),
        ("十块一起付", "十块", 10),
    ],
)
def test_extract_numbers_money_not_sub_units(pipeline: Pipeline, text, surface, value) -> None:
    ent = one(pipeline, text, "money")
    assert (ent.text, ent.value) == (surface, value)


CN_DIGITS = "零一二三四五六七八九"


@settings(max_examples=150, deadline=None)
@given(
    st.integers(2, 10**9),
    st.integers(0, 9),
    st.integers(0, 9),
    st.booleans(),
    st.sampled_from(["元", "块"]),
    st.sampled_from(["角", "毛"]),
)
def test_extract_numbers_money_sub_units_property(yuan, jiao, fen, chinese, word, tenth) -> None:
    """N元J角F分 is ``N + J/10 + F/100`` exactly, and the span is the whole amount."""
    if chinese:
        text = f"{cn2an.an2cn(yuan)}{word}{CN_DIGITS[jiao]}{tenth}{CN_DIGITS[fen]}分"
    else:
        text = f"{yuan}{word}{jiao}{tenth}{fen}分"
    p = Pipeline(clean=None, convert=None, segment=None, extract=NUMERIC, entry_points=False)
    ents = list(p.extract(Document.from_text(f"共{text}。")).entities)
    assert [(e.kind, e.text) for e in ents] == [("money", text)]
    value = ents[0].value
    got = Fraction(repr(value)) if isinstance(value, float) else Fraction(value)
    assert got == Fraction(yuan * 100 + jiao * 10 + fen, 100)


# -- N个亿 ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "surface", "value", "unit"),
    [
        ("两个亿卢布", "money", "两个亿卢布", 200_000_000, "RUB"),
        ("先挣一个亿，", "number", "一个亿", 100_000_000, None),
        ("亏了十个亿", "number", "十个亿", 1_000_000_000, None),
        ("融资1.5个亿", "number", "1.5个亿", 150_000_000, None),
        ("投入2个亿元", "money", "2个亿元", 200_000_000, "CNY"),
        ("三千五个亿", "number", "三千五个亿", 350_000_000_000, None),
        ("五個億", "number", "五個億", 500_000_000, None),
    ],
)
def test_extract_numbers_ge_yi(pipeline: Pipeline, text, kind, surface, value, unit) -> None:
    ent = one(pipeline, text, kind)
    assert (ent.text, ent.value, ent.unit) == (surface, value, unit)
    assert len(entities(pipeline, text)) == 1


def test_extract_numbers_ge_yi_ranges(pipeline: Pipeline) -> None:
    ent = one(pipeline, "两三个亿", "number")
    assert (ent.text, ent.attrs["low"], ent.attrs["high"]) == ("两三个亿", 200_000_000, 300_000_000)
    ent = one(pipeline, "一到两个亿", "number")
    assert (ent.text, ent.attrs["low"], ent.attrs["high"]) == ("一到两个亿", 100_000_000, 200_000_000)


@pytest.mark.parametrize("text", ["一个亿万富翁", "几个亿", "第一个亿", "这个亿"])
def test_extract_numbers_ge_yi_not_read(pipeline: Pipeline, text: str) -> None:
    assert entities(pipeline, text) == []


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 9999), st.booleans())
def test_extract_numbers_ge_yi_property(n: int, chinese: bool) -> None:
    """N个亿 has the value of N亿 and its whole span."""
    written = cn2an.an2cn(n) if chinese else str(n)
    text = f"{written}个亿"
    assert parse_number(text) == parse_number(f"{written}亿") == n * 10**8


# -- 多/余 between a number and 万/亿 -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "surface", "value", "unit", "qualifier"),
    [
        ("融资100多万元，", "money", "100多万元", 1_000_000, "CNY", "多"),
        ("销量300余万台", "quantity", "300余万台", 3_000_000, "台", "余"),
        ("达到50多万，", "number", "50多万", 500_000, None, "多"),
        ("亏损十多亿元", "money", "十多亿元", 1_000_000_000, "CNY", "多"),
        ("三千多万人", "quantity", "三千多万人", 30_000_000, "人", "多"),
        ("GDP为120多万亿元", "money", "120多万亿元", 120_000_000_000_000, "CNY", "多"),
        ("约2万多亿元", "money", "约2万多亿元", 2_000_000_000_000, "CNY", "约多"),
        ("花了两百多个亿", "number", "两百多个亿", 20_000_000_000, None, "多"),
        ("二十余萬美元", "money", "二十余萬美元", 200_000, "USD", "余"),
        ("3万多元", "money", "3万多元", 30_000, "CNY", "多"),  # already right; stays
        ("10多个人", "quantity", "10多个", 10, "个", "多"),  # 多 before a measure word: no multiplier
    ],
)
def test_extract_numbers_approx_before_units(pipeline: Pipeline, text, kind, surface, value, unit, qualifier) -> None:
    ent = one(pipeline, text, kind)
    assert (ent.text, ent.value, ent.unit) == (surface, value, unit)
    assert ent.attrs["approx"] is True and ent.attrs["qualifier"] == qualifier
    assert [e.text for e in entities(pipeline, text)] == [surface]


@settings(max_examples=150, deadline=None)
@given(
    st.integers(10, 9999),
    st.sampled_from(["多", "余"]),
    st.sampled_from([("万", 4), ("亿", 8), ("万亿", 12), ("个亿", 8)]),
    st.sampled_from([("元", "money", "CNY"), ("台", "quantity", "台"), ("", "number", None)]),
    st.booleans(),
)
def test_extract_numbers_approx_before_units_property(n, marker, unit, tail, chinese) -> None:
    """N多万 / N余亿 ... is N * 10**e, flagged approximate, for N written in digits or in Chinese
    (in Chinese 多 follows a unit: 一百一十多万, not 十一多万)."""
    word, exp = unit
    after, kind, code = tail
    if chinese:
        n -= n % 10
    written = cn2an.an2cn(n) if chinese else str(n)
    text = f"{written}{marker}{word}{after}"
    p = Pipeline(clean=None, convert=None, segment=None, extract=NUMERIC, entry_points=False)
    ents = list(p.extract(Document.from_text(f"共{text}。")).entities)
    assert [(e.kind, e.text, e.value, e.unit) for e in ents] == [(kind, text, n * 10**exp, code)]
    assert ents[0].attrs["approx"] is True


# -- one digit after 万, 亿, 千 -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("存款3万5，", "3万5", 35_000),  # 月薪3万5 is pay (money): test_seventh_pass.py
        ("融资1亿2", "1亿2", 120_000_000),
        ("花了3千5", "3千5", 3500),
        ("共3万5千", "3万5千", 35_000),
        ("共3万零5", "3万零5", 30_005),
        ("两万五", "两万五", 25_000),  # already right; stays
        ("3万50", "3万50", 30_050),  # two digits are no abbreviation
        ("1万1", "1万1", 11_000),
    ],
)
def test_extract_numbers_digit_after_unit(pipeline: Pipeline, text, surface, value) -> None:
    ent = one(pipeline, text, "number")
    assert (ent.text, ent.value) == (surface, value)


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 9999), st.integers(1, 9), st.sampled_from([("万", 4), ("亿", 8), ("千", 3)]))
def test_extract_numbers_digit_after_unit_property(a: int, d: int, unit) -> None:
    """A·unit·d (3万5) is a * 10**e + d * 10**(e-1), as 两万五; 万 and 千 forms equal cn2an's Chinese reading."""
    word, exp = unit
    if word == "千":
        a = a % 9 + 1
    text = f"{a}{word}{d}"
    want = a * 10**exp + d * 10 ** (exp - 1)
    assert parse_number(text) == want
    if word != "亿":  # cn2an misreads 一亿二
        assert cn2an.cn2an(f"{cn2an.an2cn(a)}{word}{CN_DIGITS[d]}", "smart") == want


# -- commas and leading dots ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("分别为5，100元", [("number", "5", 5), ("money", "100元", 100)]),
        ("5,10元", [("number", "5", 5), ("money", "10元", 10)]),
        ("1，234人", [("number", "1", 1), ("quantity", "234人", 234)]),
        ("1,200万元", [("money", "1,200万元", 12_000_000)]),
        ("共1,234,567人", [("quantity", "1,234,567人", 1_234_567)]),
        ("5，000万元", []),  # 5000万 written with a clause comma: read neither side rather than wrong
        ("增长了.5%", []),
        ("利率为 .5%", [("percent", ".5%", 0.005)]),
        ("(.5)", [("number", ".5", 0.5)]),
        ("$.99", [("money", "$.99", 0.99)]),
        ("v.5", []),
        ("A.5版", []),
        ("图3.5", [("number", "3.5", 3.5)]),
    ],
)
def test_extract_numbers_commas_and_dots(pipeline: Pipeline, text: str, want) -> None:
    assert [(e.kind, e.text, e.value) for e in entities(pipeline, text)] == want


@pytest.mark.parametrize(("text", "surface", "value"), [("三块多", "三块多", 3), ("五毛多钱", "五毛多钱", 0.5)])
def test_extract_numbers_money_more(pipeline: Pipeline, text, surface, value) -> None:
    ent = one(pipeline, text, "money")
    assert (ent.text, ent.value, ent.attrs["approx"]) == (surface, value, True)


@pytest.mark.parametrize("text", ["三角形", "五分", "八角", "得了五分", "八毛利润", "三块多少", "五角星"])
def test_extract_numbers_not_small_change(pipeline: Pipeline, text: str) -> None:
    assert [e for e in entities(pipeline, text) if e.kind == "money"] == []


FOLLOWERS = ["买了一瓶水", "的", "。", "，", "一斤", "就能买到", ""]
COUNTS = ["斤", "个", "瓶", "十个", "0"]


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 999),
    st.integers(1, 9),
    st.one_of(st.none(), st.integers(1, 9)),
    st.booleans(),
    st.sampled_from(FOLLOWERS),
)
def test_extract_numbers_colloquial_money_property(yuan, jiao, fen, chinese, after) -> None:
    """Y块J (and Y块J毛F) is Y + J/10 (+ F/100) whatever follows, but a word or verb.
    (A lone 一 is an amount only before 钱: 一块钱; 一块五 is not read.)"""
    if chinese and yuan == 1:
        yuan = 2
    digits = CN_DIGITS if chinese else "0123456789"
    written = cn2an.an2cn(yuan) if chinese else str(yuan)
    if fen is None:
        amount = f"{written}块{digits[jiao]}"
        cents = yuan * 100 + jiao * 10
    else:
        amount = f"{written}块{digits[jiao]}毛{digits[fen]}"
        cents = yuan * 100 + jiao * 10 + fen
    ent = one(
        Pipeline(clean=None, convert=None, segment=None, extract=NUMERIC, entry_points=False),
        f"只要{amount}{after}",
        "money",
    )
    got = Fraction(repr(ent.value)) if isinstance(ent.value, float) else Fraction(ent.value)
    assert (ent.text, got) == (amount, Fraction(cents, 100))


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 999), st.integers(1, 9), st.sampled_from(COUNTS))
def test_extract_numbers_colloquial_money_counts_property(yuan, n, count) -> None:
    """Y块N斤: the digit counts the goods (Y yuan for N jin), it is no jiao."""
    text = f"只要{yuan}块{n}{count}"
    ent = one(Pipeline(clean=None, convert=None, segment=None, extract=NUMERIC, entry_points=False), text, "money")
    assert (ent.text, ent.value) == (f"{yuan}块", yuan)
