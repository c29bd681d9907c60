"""Quantities with physical and digital units, measure words, scores and ratings (issue 14).

Every expected value, unit and symbol below is written by hand; the property draws its
units from a table written here, not from the extractor's.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hanpipe
from hanpipe.builtin.extract.numbers import QuantityExtractor
from hanpipe.document import Document
from tests.builtin.clean.test_linear import assert_linear, cycle


def quantities(text: str) -> list[tuple[str, object, str | None, str | None]]:
    return [(e.text, e.value, e.unit, e.attrs.get("symbol")) for e in hanpipe.extract(text) if e.kind == "quantity"]


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit", "symbol"),
    [
        ("屏幕5.5英寸", "5.5英寸", 5.5, "英寸", "in"),
        ("厚度仅2.5mm，", "2.5mm", 2.5, "mm", "mm"),
        ("主频2.4GHz", "2.4GHz", 2.4, "GHz", "GHz"),
        ("采样率48kHz。", "48kHz", 48, "kHz", "kHz"),
        ("内存128GB", "128GB", 128, "GB", "GB"),
        ("电池3.7V", "3.7V", 3.7, "V", "V"),
        ("气温25℃", "25℃", 25, "℃", "°C"),
        ("气温25°C", "25°C", 25, "°C", "°C"),
        ("零下5℃", "零下5℃", -5, "℃", "°C"),
        ("喝了500毫升水", "500毫升", 500, "毫升", "mL"),
        ("步行2公里", "2公里", 2, "公里", "km"),
        ("体重75公斤", "75公斤", 75, "公斤", "kg"),
        ("功率10kW", "10kW", 10, "kW", "kW"),
        ("1TB硬盘", "1TB", 1, "TB", "TB"),
        ("100Mbps宽带", "100Mbps", 100, "Mbps", "Mbps"),
        ("5000mAh电池", "5000mAh", 5000, "mAh", "mAh"),
        ("刷新率60Hz", "60Hz", 60, "Hz", "Hz"),
        ("电压220V", "220V", 220, "V", "V"),
        ("1.5L的瓶子", "1.5L", 1.5, "L", "L"),
        ("长30cm", "30cm", 30, "cm", "cm"),
        ("重3 kg", "3 kg", 3, "kg", "kg"),
        ("主频2.4ghz", "2.4ghz", 2.4, "ghz", "GHz"),
        ("主频2.4GHZ", "2.4GHZ", 2.4, "GHZ", "GHz"),
        ("电站10MW", "10MW", 10, "MW", "MW"),
        ("激光10mW", "10mW", 10, "mW", "mW"),
        ("1Gb颗粒", "1Gb", 1, "Gb", "Gb"),
        ("时速120km/h", "120km/h", 120, "km/h", "km/h"),
        ("血糖5.6mmol/L", "5.6mmol/L", 5.6, "mmol/L", "mmol/L"),
        ("2mmol", "2mmol", 2, "mmol", "mmol"),
        ("剂量10mg/kg", "10mg/kg", 10, "mg/kg", "mg/kg"),  # a unit per unit
        ("1,000mAh", "1,000mAh", 1000, "mAh", "mAh"),
        ("噪音-5dB", "-5dB", -5, "dB", "dB"),
        ("台湾100公尺", "100公尺", 100, "公尺", "m"),
        ("身高180公分", "180公分", 180, "公分", "cm"),
        ("6.1英吋螢幕", "6.1英吋", 6.1, "英吋", "in"),
        ("面积100平方米", "100平方米", 100, "平方米", "m²"),
        ("60分贝", "60分贝", 60, "分贝", "dB"),
        ("7nm工艺", "7nm", 7, "nm", "nm"),
    ],
)
def test_units_read(text: str, surface: str, value: object, unit: str, symbol: str) -> None:
    assert quantities(text) == [(surface, value, unit, symbol)]


def test_units_ranges() -> None:
    ents = [e for e in hanpipe.extract("重3-5kg，长20~30cm") if e.kind == "quantity"]
    assert [(e.text, e.value, e.attrs["low"], e.attrs["high"], e.attrs["symbol"]) for e in ents] == [
        ("3-5kg", 3, 3, 5, "kg"),
        ("20~30cm", 20, 20, 30, "cm"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "5G网络",  # a generation, not 5 gigabytes
        "3M公司",  # a company; a lone M is mega-something or a name, never read
        "跑了5s",  # seconds or a model name: ambiguous
        "4K屏幕",
        "7B参数",
        "GPT-4GB",
        "H100GB",
        "v1.5GB",
        "3v3篮球",
        "1.2.3GB",
        "10mw",  # milliwatt or megawatt: the case would say, lower case does not
        "10w粉丝",  # 万 in web writing, not watts
        "5A景区",  # a grade of scenic area
        "长3 m",  # one letter after a space: too likely a word
        "2mmx",
        "5-3kg",
    ],
)
def test_units_not_read(text: str) -> None:
    assert quantities(text) == []


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("3间房", "3间", 3, "间"),
        ("5栋楼", "5栋", 5, "栋"),
        ("2幢别墅", "2幢", 2, "幢"),
        ("一家三口人", "三口", 3, "口"),
        ("5头牛", "5头", 5, "头"),
        ("3匹马", "3匹", 3, "匹"),
        ("10棵树", "10棵", 10, "棵"),
        ("3株幼苗", "3株", 3, "株"),
        ("5朵花", "5朵", 5, "朵"),
        ("2根绳子", "2根", 2, "根"),
        ("3枝笔", "3枝", 3, "枝"),
        ("2把椅子", "2把", 2, "把"),
        ("3双鞋", "3双", 3, "双"),
        ("2对夫妇", "2对", 2, "对"),
        ("2副眼镜", "2副", 2, "副"),
        ("3首歌", "3首", 3, "首"),
        ("5幅画", "5幅", 5, "幅"),
        ("2封信", "2封", 2, "封"),
        ("3笔交易", "3笔", 3, "笔"),
        ("跑了2趟", "2趟", 2, "趟"),
        ("读了3遍", "3遍", 3, "遍"),
        ("3顿饭", "3顿", 3, "顿"),
        ("5粒药", "5粒", 5, "粒"),
        ("3宗案件", "3宗", 3, "宗"),
        ("2單交易", "2單", 2, "單"),
        ("3盒饼干", "3盒", 3, "盒"),
        ("2樽水", "2樽", 2, "樽"),
        ("3餐", "3餐", 3, "餐"),
        ("3節課", "3節", 3, "節"),
        ("2门课", "2门", 2, "门"),
        ("5道题", "5道", 5, "道"),
        ("3扇门", "3扇", 3, "扇"),
        ("2盞燈", "2盞", 2, "盞"),
        ("5滴水", "5滴", 5, "滴"),
        ("3瓶酒", "3瓶", 3, "瓶"),
        ("2杯咖啡", "2杯", 2, "杯"),
        ("5袋米", "5袋", 5, "袋"),
        ("5列火车", "5列", 5, "列"),
        ("3处房产", "3处", 3, "处"),
        ("5尾鱼", "5尾", 5, "尾"),
        ("兩則新聞", "兩則", 2, "則"),
        ("12則新聞", "12則", 12, "則"),
        ("一家5口人", "5口", 5, "口"),
        ("3間屋", "3間", 3, "間"),
        ("2棟大廈", "2棟", 2, "棟"),
        ("3轉", "3轉", 3, "轉"),
        ("5000人次", "5000人次", 5000, "人次"),
        ("100台次", "100台次", 100, "台次"),
    ],
)
def test_units_measure_words(text: str, surface: str, value: int, unit: str) -> None:
    assert [(s, v, u) for s, v, u, _ in quantities(text)] == [(surface, value, unit)]


@pytest.mark.parametrize(
    "text",
    [
        "增长5根据统计",
        "3对比",
        "第2首次",
        "5笔记本",
        "3单位",
        "2转为",
        "5节目",
        "3门店",
        "2道路",
        "3处理",
        "5具有",
        "3则是",
        "2双方",
        "5口罩",
        "3分析",
        "5分别",
        "3星座",
    ],
)
def test_units_words_after_a_number_are_no_measure_words(text: str) -> None:
    """A measure word that begins a noun or a word after the number is not read as one."""
    assert quantities(text) == []


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("评分92.5分", "92.5分", 92.5, "分"),
        ("评分4.8星", "4.8星", 4.8, "星"),
        ("考了九十五分", "九十五分", 95, "分"),
        ("得了3分，", "3分", 3, "分"),
        ("5星好评", "5星", 5, "星"),
    ],
)
def test_units_scores(text: str, surface: str, value: object, unit: str) -> None:
    assert [(s, v, u) for s, v, u, _ in quantities(text)] == [(surface, value, unit)]


def test_units_score_with_its_scale() -> None:
    ents = [e for e in hanpipe.extract("评分9.1分（满分10分），92.5分(滿分100分)") if e.kind == "quantity"]
    assert [(e.text, e.value, e.attrs.get("out_of")) for e in ents] == [
        ("9.1分", 9.1, 10),
        ("10分", 10, None),
        ("92.5分", 92.5, 100),
        ("100分", 100, None),
    ]


@pytest.mark.parametrize(
    ("text", "surface", "value", "qualifier"),
    [
        ("约2.5mm", "约2.5mm", 2.5, "约"),
        ("约3 kg", "约3 kg", 3, "约"),
        ("超过100GB", "超过100GB", 100, "超过"),
        ("5kg左右", "5kg左右", 5, "左右"),
        ("大約-5dB", "大約-5dB", -5, "大約"),
        ("约25℃", "约25℃", 25, "约"),
    ],
)
def test_units_approximate(text: str, surface: str, value: object, qualifier: str) -> None:
    ents = hanpipe.extract(text)
    assert [(e.kind, e.text, e.value, e.attrs["approx"], e.attrs["qualifier"]) for e in ents] == [
        ("quantity", surface, value, True, qualifier)
    ]


@pytest.mark.parametrize(
    ("text", "kind", "surface", "value"),
    [
        ("三分天下", None, None, None),  # one Chinese numeral before 分 or 星: a word or a name
        ("七分饱", None, None, None),
        ("三星手机", None, None, None),
        ("五星红旗", None, None, None),
        ("十分重要", None, None, None),
        ("3对1", None, None, None),
        ("用时1分30秒", "quantity", "1分30秒", 90),  # minutes and seconds: 1分 is no score; 90 秒 in all
        ("等了5分钟", "quantity", "5分钟", 5),  # a duration
        ("五分钱", "money", "五分钱", 0.05),  # fen with 钱 is money
        ("3点15分", "time", "3点15分", "03:15"),  # a clock time
    ],
)
def test_units_fen_and_xing_in_context(text: str, kind: str | None, surface: str | None, value: object) -> None:
    ents = hanpipe.extract(text)
    assert not [e for e in ents if e.kind == "quantity" and e.unit in ("分", "星", "对")], ents
    if kind is not None:
        assert (kind, surface, value) in [(e.kind, e.text, e.value) for e in ents], ents


#: by hand: spelling in lower case → symbol; read in any letter case
CASELESS = {
    "mm": "mm", "cm": "cm", "km": "km", "kg": "kg", "mg": "mg", "ml": "mL", "hz": "Hz", "khz": "kHz",
    "mhz": "MHz", "ghz": "GHz", "gb": "GB", "tb": "TB", "mb": "MB", "kb": "KB", "mah": "mAh", "kwh": "kWh",
    "kw": "kW", "mbps": "Mbps", "gbps": "Gbps", "db": "dB", "rpm": "rpm", "fps": "fps",
}  # fmt: skip
#: by hand: the spellings whose case means something else (bits, not bytes; MB per second)
CASE_MEANS = {"Kb": "Kb", "Mb": "Mb", "Gb": "Gb", "Tb": "Tb", "MBps": "MB/s", "kB": "KB"}


@st.composite
def spelled(draw) -> str:
    word = draw(st.sampled_from(sorted(CASELESS)))
    return "".join(c.upper() if draw(st.booleans()) else c for c in word)


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, 10**6),
    st.one_of(st.none(), st.integers(0, 999)),
    spelled(),
    st.sampled_from(["", " "]),
    st.sampled_from(["容量", "约为", "，", "(", ""]),
    st.sampled_from(["。", "的", "，", " ", ")", ""]),
)
def test_units_any_case_property(whole: int, frac: int | None, unit: str, space: str, before: str, after: str) -> None:
    """Any Arabic number and unit, in any letter case, glued or after a space, reads that
    value and the unit's symbol, and no number of the default extractors overlaps it."""
    number = str(whole) if frac is None else f"{whole}.{frac}"
    surface = f"{number}{space}{unit}"
    text = f"{before}{surface}{after}"
    ents = hanpipe.extract(text)
    found = [e for e in ents if e.kind == "quantity"]
    about = before == "约为"  # about, its words part of the quantity
    start = 0 if about else len(before)
    assert [(e.start, e.text, e.unit) for e in found] == [(start, text[start : len(before) + len(surface)], unit)], ents
    assert found[0].attrs["approx"] is about
    assert Decimal(str(found[0].value)) == Decimal(number)
    assert found[0].attrs["symbol"] == CASE_MEANS.get(unit, CASELESS[unit.lower()])
    assert [e for e in ents if e is not found[0] and e.start < found[0].end and found[0].start < e.end] == []


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 9999), st.sampled_from(["英寸", "毫升", "公里", "公斤", "℃", "间", "栋", "首", "分"]))
def test_units_process_keeps_one_reading(n: int, unit: str) -> None:
    """Through the whole pipeline a number and its unit are one quantity, never also a number."""
    text = f"共有{n}{unit}。"
    ents = list(hanpipe.process(text).entities)
    assert [(e.kind, e.value, e.unit) for e in ents] == [("quantity", n, unit)], ents


#: hostile inputs of the quantity extractor: a digit before a unit letter everywhere
HOSTILE = {
    "glued-units": cycle("1GB"),
    "spaced-units": cycle("1 kg "),
    "dotted-digits": cycle("1.1."),
    "long-letter-runs": cycle("9mmmmmmmmm"),
    "range-chains": cycle("1-2-3kg"),
    "digit-run-then-unit": lambda n: "1" * (n - 2) + "GB",
    "scores": cycle("5分"),
    "measure-words": cycle("3间"),
}


@pytest.mark.parametrize("shape", list(HOSTILE))
def test_units_work_grows_linearly(shape: str) -> None:
    extractor = QuantityExtractor()
    assert_linear(lambda t: extractor.extract(Document.from_text(t)), HOSTILE[shape])
