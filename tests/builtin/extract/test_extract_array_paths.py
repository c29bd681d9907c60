"""The extractors pick rows with array tests and make entities from columns; the row-by-row
readings (``numbers._number``, ``_percent``, ``_money``, ``_quantity``, ``_qualifier``,
``_scale``, ``dates._part``) are their references and must give the same entities, values of
the same type and attrs in the same order. A scan of a few rows is read row by row
(``numbers.ROW_BY_ROW``), so these tests make the extractors use the columns whatever the
number of rows (:func:`by_columns`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from unittest import mock

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from hanpipe.builtin.extract import _kernels as K
from hanpipe.builtin.extract import dates, numbers
from hanpipe.builtin.extract.numerals import Rows, arabic_cores, value_scan
from hanpipe.document import Document, Entity

ALPHABET = (
    "0123456789０１.,，%％‰-/~～ :：年月日号號份至到约近逾超过余多左右上下文半导岁吨国宵素"
    "个個家款张台次位名人种项步块塊层米克度公里千厘毫平方立斤瓦赫兹字节周天小时分钟秒庭用民期间部所以"
    "零〇一两二三四五六七八九十百千万亿之负第美元金港币欧英镑新台人民$¥今去明底初GHab"
    "毛角钱錢圆瑞士法郎加坡韩泰铢RMBUSK€£－−萬億點"
)
#: pieces that make numbers, units, currencies and dates when put side by side
PIECES = [
    *(
        "2 3 4 12 30 31 29 2023 二〇二三 1.5 两 三十 十二 一千多 约 近 超过 负 余 多 到 至 - / ~ : "
        "年 月 日 号 份 个 個 个月 家 家庭 人 人民币 块 块钱 元 美元 港币 欧元 $ US$ ¥ 分钟 小时 秒 天 周 "
        "米 公里 平方米 左右 上下 文 百分点 个百分点 % ‰ 分之 今年 去年 明年 年底 G , 。"
        " 0.05 12.345 1234567890123456 99999999999999999999 三块五 十元 五毛 八角 五分 钱 毛利 零 零下 百分之 千分之"
        " 三分之一 瑞士法郎 新加坡元 新台币 港元 日元 英镑 块钱 RMB HK$ NT$ € £ 公斤 平方公里 个月 星期 万 亿 多万 余万"
        " 2024 3 3月 5日 将近 至少 逾 - − － 万元 亿元 人民币"
    ).split(),
    " ",
]
date_texts = st.lists(
    st.one_of(
        st.sampled_from(
            ["2023年", "二〇二三年", "0000年", "年", "今年", "1.5", "约", "号", "份", "至", "到", "-", "个"]
        ),
        st.integers(0, 14).map(lambda m: f"{m}月"),
        st.integers(0, 33).map(lambda d: f"{d}日"),
    ),
    max_size=8,
).map("".join)
texts = st.one_of(
    st.text(alphabet=ALPHABET, max_size=60),
    st.lists(st.sampled_from(PIECES), max_size=14).map("".join),
)
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def scan(text: str) -> Rows:
    return value_scan(Document.from_text(text))


def typed(entities: Any) -> list[tuple[Any, ...]]:
    """Entities as rows that tell 1 from 1.0 and Decimal("0.5") from 0.5, and attrs' order."""
    return [(e.kind, e.start, e.end, e.text, repr(e.value), e.unit, repr(e.attrs)) for e in entities]


def by_columns(extractor: Any, doc: Document) -> Any:
    """The extractor's entities made from the columns, however few the rows."""
    with mock.patch.object(numbers, "ROW_BY_ROW", 0):
        return extractor.extract(doc)


def _number_row_by_row(text: str) -> list[Entity]:
    out = []
    for num in scan(text):
        if num.flags & (K.PERCENT | K.PERMILLE):
            continue
        value, attrs = numbers._number(text, num)
        out.append(Entity("number", num.start, num.end, text[num.start : num.end], value, None, attrs))
    return out


@SETTINGS
@given(texts)
def test_extract_array_paths_number(text: str) -> None:
    doc = Document.from_text(text)
    assert typed(by_columns(numbers.NumberExtractor(), doc)) == typed(_number_row_by_row(text))


@SETTINGS
@given(texts)
@example("3个月左右，5年，2023年，3块，17万家庭，10平方公里，3到5天，三个星期，11分钟，5公斤上下文，约20人")
@example("兩到三年，2019-2020年，1999至2001年，1.5到2年，约3到5个月，三到五周，2到3小时，10-20秒，二〇一九至二〇二〇年")
@example("1000到1200年，2998-3000年，3至5年左右，30到40分钟，1到2.5天，-3到5年")
@example("时速350公里，每小时60公里，每秒340米，建于960年，于300年内，第90+3分钟，3+2天，限速120公里")
def test_extract_array_paths_quantity(text: str) -> None:
    doc = Document.from_text(text)
    rows = [num for num in scan(text) if not num.flags & (K.PERCENT | K.PERMILLE | K.FRACTION)]
    # compound measures (4分32秒) replace their parts' quantities whichever way the parts were
    # read, from one pass of their own (tested in test_compounds.py)
    compounds = [(c.start, c.end) for c in numbers._compounds(text, scan(text))]

    def in_compound(e: Entity) -> bool:
        return any(a <= e.start and e.end <= b for a, b in compounds)

    want = [e for num in rows if (e := numbers._quantity(text, num)) is not None and not in_compound(e)]
    # units in Latin letters (0GB, 2.4GHz) come from a scan of their own, tested in test_units.py
    latin = {(e.start, e.end) for e in numbers._latin_quantities(text, doc.code_points, scan(text).glued)}
    got = [
        e
        for e in by_columns(numbers.QuantityExtractor(), doc)
        if (e.start, e.end) not in latin and not in_compound(e)
    ]
    assert typed(got) == typed(want)


@SETTINGS
@given(texts)
@example("3元多，十元五角，100元零5分，五毛钱，港币100元，US$5，新台币 177.1 亿元，三块五，一千多块芯片")
@example("5元2角，三块多钱，100元多少，2元余，八毛，五分钱，三角形，1.5元，3到5元，约100元")
@example("萬二元，万二块，一百蚊，三十几蚊，蚊子，约新台币12亿元，逾人民币50亿元")
def test_extract_array_paths_money(text: str) -> None:
    doc = Document.from_text(text)
    rows = [num for num in scan(text) if not num.flags & (K.PERCENT | K.PERMILLE | K.FRACTION)]
    want = [e for num in rows if (e := numbers._money(text, num)) is not None]
    assert typed(by_columns(numbers.MoneyExtractor(), doc)) == typed(want)


@SETTINGS
@given(st.one_of(texts, date_texts))
@example("2月30日至3月1日")
@example("2023年2月29日，2024年2月29日，4月31号")
@example("2020年2021年2022年，2023年5月20日下午3点，2023年5月20日 14:30，2023年5月2023-05-20")
@example("2020年2021年-2022年2023年，7月6日至8日2024年3月，2024年3月5日下午三点半2025年")
def test_extract_array_paths_dates(text: str) -> None:
    with mock.patch.object(dates, "ROW_BY_ROW", -1):  # the arrays, however few the rows
        fast = dates.dates_and_times(Document.from_text(text))
        with mock.patch.object(dates, "_plain_dates", lambda rows, cols: dates._NO_PLAIN):
            slow = dates.dates_and_times(Document.from_text(text))
    assert slow == fast


@SETTINGS
@given(texts)
def test_extract_array_paths_percent(text: str) -> None:
    doc = Document.from_text(text)
    found = by_columns(numbers.PercentExtractor(), doc)
    # every percent row, and every row followed by 个百分点 or 百分点, is read
    starts = {e.start for e in found}
    for num in scan(text):
        if num.flags & (K.PERCENT | K.PERMILLE):
            assert num.start in starts
        elif not num.flags & K.FRACTION and text.startswith(("个百分点", "個百分點", "百分点", "百分點"), num.end):
            assert num.start in starts


@SETTINGS
@given(texts)
@example("约-5%，百分之八十五，3.5%-4.5%，5‰，0.05%，100%，12.345%，3个百分点，1234567890123456%")
def test_extract_array_paths_percent_row_by_row(text: str) -> None:
    doc = Document.from_text(text)
    # the rows the row-by-row reading picks (a fraction before 个百分点 is none: 三分之一个百分点)
    want = numbers._percents_by_row(text, scan(text))
    assert typed(by_columns(numbers.PercentExtractor(), doc)) == typed(want)


@SETTINGS
@given(texts)
@example("约-5%，约零下5度，超过三分之一，100多万元，约3万多元，约百分之三十，千分之五，5%左右，近-3")
def test_extract_array_paths_qualifiers(text: str) -> None:
    rows = scan(text)
    quals, has = numbers.qualifiers(rows)
    want = [numbers._qualifier(text, num) for num in rows]
    assert quals == want
    assert has.tolist() == [q is not None for q in want]
    assert typed_attrs(numbers.row_attrs(rows, np.arange(len(rows)))) == typed_attrs(
        [numbers._attrs(text, num) for num in rows]
    )


def typed_attrs(attrs: list[Any]) -> list[str]:
    return [repr(a) for a in attrs]


@SETTINGS
@given(texts)
def test_extract_array_paths_shifted_values(text: str) -> None:
    """Percent and permille values from the columns are what ``_scale`` makes of each value."""
    rows = scan(text)
    idx = np.arange(len(rows))
    for shift in (-2, -3):
        got = numbers._shifted(rows, idx, np.full(len(rows), shift))
        want = [numbers._scale(v, shift) for v in rows.values]
        assert [repr(v) for v in got] == [repr(v) for v in want]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("85%", 0.85),
        ("100%", 1),
        ("250%", 2.5),
        ("-5%", -0.05),
        ("0.05%", 0.0005),
        ("12.345%", 0.12345),
        ("5‰", 0.005),
        ("1234567890123456%", 12345678901234.56),
        ("99999999999999999%", Decimal("999999999999999.99")),
        ("0.99999999999999999%", Decimal("0.0099999999999999999")),
    ],
)
def test_extract_array_paths_percent_values(text: str, want: object) -> None:
    """Hand-checked: a whole fraction is an int, one a float holds as written that float, else a Decimal;
    from the columns and row by row."""
    for found in (
        by_columns(numbers.PercentExtractor(), Document.from_text(text)),
        numbers.PercentExtractor().extract(Document.from_text(text)),
    ):
        (ent,) = found
        assert type(ent.value) is type(want) and ent.value == want


@SETTINGS
@given(texts)
def test_extract_array_paths_four_digit_cores(text: str) -> None:
    rows = scan(text)
    four = np.flatnonzero(rows.cend - rows.cstart == 4)
    got = arabic_cores(rows, four, 4).tolist()
    assert got == [text[rows.cstart_l[i] : rows.cend_l[i]].isdigit() for i in four.tolist()]


WORDS = ["元", "美元", "美金", "新台币", "新台幣", "瑞士法郎", "新加坡元", "块", "块钱", "台币"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="元美金新台币幣瑞士法郎加坡块钱𠀀\ufdd0x", max_size=30))
def test_extract_array_paths_words_longest_first(text: str) -> None:
    """``_Words.at`` finds at each position the longest word, as trying ``text[pos:pos + n]`` does."""
    words = numbers._Words(WORDS)
    cps = Document.from_text(text).code_points
    pos = np.arange(len(text) + 2, dtype=np.int64) - 1
    got = words.at(cps, pos).tolist()
    for p, k in zip(pos.tolist(), got):
        want = next((w for n in (4, 3, 2, 1) if p >= 0 and (w := text[p : p + n]) in WORDS and len(w) == n), None)
        assert (words.words[k] if k >= 0 else None) == want, (text, p)


def test_extract_array_paths_words_reject_what_cannot_be_packed() -> None:
    with pytest.raises(ValueError, match="one to four BMP"):
        numbers._Words(["五个字的词"])
    with pytest.raises(ValueError, match="one to four BMP"):
        numbers._Words(["𠀀"])
