"""A scan of a few rows is read row by row (``numbers.ROW_BY_ROW``), with the functions the
columns are tested against; a longer one from the columns. Both ways give the same entities,
values of the same type and attrs in the same order, and the row-by-row way picks the rows the
columns pick (tenths before 成 among them, which ``_percent`` alone does not check)."""

from __future__ import annotations

from typing import Any
from unittest import mock

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from hanpipe.builtin.extract import contacts, dates, numbers, numerals, relative
from hanpipe.builtin.extract.numerals import Rows, number_arrays, number_scan
from hanpipe.document import Document
from tests.builtin.extract.test_extract_array_paths import ALPHABET, PIECES, typed

EXTRACTORS = {
    "number": numbers.NumberExtractor,
    "percent": numbers.PercentExtractor,
    "money": numbers.MoneyExtractor,
    "quantity": numbers.QuantityExtractor,
}
#: pieces around 成, 百分点, jiao and fen, scores and Latin units, beside those of the array-path tests
MORE_PIECES = (
    "成 三成 七八成 九成九 成员 八成是 3.5成 30成 个百分点 百分点 百分點 分之 左右 一千多块 芯片 三块五 五毛二 斤 "
    "满分 （满分10分） 9.1分 分 星 对 2.4GHz 5kg 3 kg GPT-4 1,200万 5，000 .5% $.99"
).split()
texts = st.one_of(
    st.text(alphabet=ALPHABET + "成", max_size=60),
    st.lists(st.sampled_from(PIECES + MORE_PIECES), max_size=14).map("".join),
)
SETTINGS = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def entities(kind: str, text: str, row_by_row: int) -> list[tuple[Any, ...]]:
    with mock.patch.object(numbers, "ROW_BY_ROW", row_by_row):
        return typed(EXTRACTORS[kind]().extract(Document.from_text(text)))


@SETTINGS
@given(texts)
@example("七八成三成一成，三成员，九成九，五成熟，八成是，3.5成，30成，2成")
@example("上涨3个百分点，下降0.5百分点，约-5%，3.5%-4.5%，5‰，百分之八十五")
@example("三块五，五毛二，八毛，五分钱，三角形，港币100元，US$5，一千多块芯片，100多万元")
@example("3个月左右，2019-2020年，9.1分（满分10分），4.8星，3对，2.4GHz，3 kg，5公斤上下文")
@example("0斤两两，七斤八两，八亩三分地，建于960年，預計114年完工，第90+3分钟，128号3栋，第25次三双，时速350公里")
@pytest.mark.parametrize("kind", sorted(EXTRACTORS))
def test_extract_row_by_row_equals_columns(kind: str, text: str) -> None:
    assert entities(kind, text, 10**9) == entities(kind, text, 0)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("三成", [("三成", 0.3, None)]),
        ("七八成", [("七八成", 0.7, (0.7, 0.8))]),
        ("十成", [("十成", 1, None)]),
        ("涨了2成", [("2成", 0.2, None)]),
        ("九成九", [("九成九", 0.99, None)]),  # one digit more: hundredths
        # 成 that makes a word, or 八成 "most likely", or a tenth written with more after it
        ("三成员", []),
        ("五成熟", []),
        ("八成是", []),
        ("三成二十", [("三成", 0.3, None)]),
        ("3.5成", []),
        ("30成", []),
    ],
)
@pytest.mark.parametrize("row_by_row", [0, 10**9])
def test_extract_row_by_row_tenths(text: str, want: list[Any], row_by_row: int) -> None:
    """Hand-checked tenths before 成, read the same from the rows and from the columns."""
    with mock.patch.object(numbers, "ROW_BY_ROW", row_by_row):
        found = numbers.PercentExtractor().extract(Document.from_text(text))
    got = [(e.text, e.value, (e.attrs["low"], e.attrs["high"]) if "low" in e.attrs else None) for e in found]
    assert got == want
    assert all(e.attrs["tenths"] for e in found)


def test_extract_row_by_row_few_rows_take_no_column() -> None:
    """A scan of a few rows makes no column of attrs or qualifiers; a longer one does."""
    short = "营收1200万美元，增长85%，3584张，2.5亿"
    long = "，".join(f"{k}万美元和{k}%和{k}张" for k in range(1, 40))
    assert (
        len(number_scan(Document.from_text(short))) <= numbers.ROW_BY_ROW < len(number_scan(Document.from_text(long)))
    )
    calls = []
    real = numbers.row_attrs

    def counted(rows: Rows, idx: np.ndarray) -> Any:
        calls.append(len(idx))
        return real(rows, idx)

    with mock.patch.object(numbers, "row_attrs", counted):
        for make in EXTRACTORS.values():
            assert make().extract(Document.from_text(short))
        assert not calls
        for make in EXTRACTORS.values():
            assert make().extract(Document.from_text(long))
        assert calls


@pytest.mark.parametrize("text", ["", "没有数字的一句话", "GPT-4o", "x"])
def test_extract_row_by_row_empty_scan_columns(text: str) -> None:
    """A text with no number row has empty columns of the dtypes a scan with rows has."""
    rows = number_scan(Document.from_text(text))
    full = number_scan(Document.from_text("3个"))
    assert len(rows) == 0 and rows.values == [] and rows.highs == []
    for name in ("none", "ints", "isint", "after", "after2", "cafter", "before", "before2", "start", "flags"):
        assert getattr(rows, name).shape == (0,) and getattr(rows, name).dtype == getattr(full, name).dtype, name
    assert rows.glued.tolist() == number_arrays(Document.from_text(text).code_points)[1].tolist()
    for make in EXTRACTORS.values():
        assert not make().extract(Document.from_text(text))


DATE_PIECES = (
    "2023年 3月 2021 年 3 月 5 日 7月6至8日 2021年3 月 5月 20日 下午 三点 半 15:30 2023-05-20 13:21:01 05/06/2024 "
    "5日至8日 一月十日 1990年代 2023年代表 年代初 23年 2019-2020年 2023年5-8月 份 号 日 今天 下周一 去年 3天后 "
    "两周前 三个月后 5年前 两星期前 Jan 5, 2020 Jan. 5 5-Jan-2020 March 2020 5th January 2024年2月29日 2月30日 "
    "13月 0月 32日 28日 一点二十分 三点零五分 2021.3.15 2021. 3. 15. 25.12.2024 1.8 . 一季度 第3季 首季 Q3 H1 "
    "上半年 下半年 2024年第一季度 2024Q1 今年上半年"
).split()
date_texts = st.one_of(
    st.text(alphabet=ALPHABET + "点时刻半晚今明周星期礼拜代初Jan", max_size=60),
    st.lists(st.sampled_from(PIECES + DATE_PIECES + [" ", "年", "月", "日"]), max_size=16).map("".join),
)


def row_by_row(limit: int) -> Any:
    """Scans of up to ``limit`` rows read row by row, in every module that reads them so."""
    from contextlib import ExitStack

    stack = ExitStack()
    for module in (numbers, dates, relative):
        stack.enter_context(mock.patch.object(module, "ROW_BY_ROW", limit))
    return stack


@SETTINGS
@given(date_texts)
@example("2021年 3月，2021年3 月，2021年 3月5日，3月 5日，5月 20日下午，2023年3月 ")
@example("7月6至8日，5日至8日，2023年5-8月份，一月十日，2024年一月十日，1990年代，2023年代表大会")
@example("Jan 5, 2020，5 January 2020，Jan. 5，5-Jan-2020，5th January 2020，3天后，两周前，三个月后")
@example("2023年5月20日下午3点，2023年5月20日 14:30，2020年2021年-2022年2023年，2月30日至3月1日")
@example("2021.3.15，2021. 3. 15.，25.12.2024，1.8万，今年上半年，2024年第一季度，Q3：，H1营收，下周一，去年3月")
def test_extract_row_by_row_dates(text: str) -> None:
    """Dates and times read from a scan of a few rows row by row equal those read from the columns."""
    with row_by_row(10**9):
        rows = dates.dates_and_times(Document.from_text(text))
    with row_by_row(0):
        cols = dates.dates_and_times(Document.from_text(text))
    assert repr(rows) == repr(cols)


@SETTINGS
@given(date_texts)
@example("2021年 3月，2021年3 月，7月6至8日，2023年5月20日，1990年代，二〇二三年，0000年，2023年2月29日")
def test_extract_row_by_row_date_columns(text: str) -> None:
    """Each row-by-row reading equals its array form: years and days, visits, plain dates, counts."""
    rows = number_scan(Document.from_text(text))
    by_row = dates._cols_by_row(text, rows)
    with mock.patch.object(dates, "ROW_BY_ROW", -1):
        by_cols = dates._cols(text, rows)
    assert (by_row.years, by_row.smalls) == (by_cols.years, by_cols.smalls)
    assert by_row.year_col.tolist() == by_cols.year_col.tolist()
    assert dates._visits_by_row(rows) == dates._visits(rows).tolist()
    plain, spaced = dates._plain_by_row(rows, by_row)
    want = dates._plain_dates(rows, by_cols)
    assert plain == {
        i: (e, n, v) for i, e, n, v in zip(want.rows.tolist(), want.end.tolist(), want.next.tolist(), want.values)
    }
    assert spaced == want.spaced
    with mock.patch.object(relative, "ROW_BY_ROW", -1):
        by_arrays = relative._count_rows(rows)
    assert relative._count_rows(rows) == by_arrays


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("2021年 3月", [("2021年 3月", "2021-03")]),
        ("2023年5月20日", [("2023年5月20日", "2023-05-20")]),
        ("7月6至8日", [("7月6至8日", "--07-06/--07-08")]),
        ("1990年代", [("1990年代", "199")]),  # a decade
        ("2023年代表大会", [("2023年", "2023")]),
        ("Jan 5, 2020", [("Jan 5, 2020", "2020-01-05")]),
        ("3天后", [("3天后", None)]),
    ],
)
@pytest.mark.parametrize("limit", [0, 10**9])
def test_extract_row_by_row_dates_hand_checked(text: str, want: list[Any], limit: int) -> None:
    with row_by_row(limit):
        found = dates.DateExtractor().extract(Document.from_text(text))
    assert [(e.text, e.value) for e in found] == want


VALUE_PIECES = (
    "99999999999999999999 9223372036854775807 9223372036854775808 18446744073709551616 0.0 0.000 00 "
    "3.14159265358979323846 0.1234567890123456789 123456789012345.6 1234567890123456.7 .5 -3到-5 3到5 3-5 "
    "一千万亿亿 九千九百九十九万亿亿亿 约-5 负三分之一 三分之二 100多万 3万5 2.5万亿 1,234,567.89 "
    "0.00000000000000000000001 1" + "0" * 70
).split()


@SETTINGS
@given(st.lists(st.sampled_from(PIECES + VALUE_PIECES), max_size=12).map("".join))
@example("9223372036854775807，9223372036854775808，0.000，1234567890123456.7，3到-5，负三分之一")
@example("九千九百九十九万亿亿亿，1" + "0" * 70 + "，123456789012345.6到123456789012345.7")
def test_extract_row_by_row_values(text: str) -> None:
    """The values of a scan made row by row are those the array arithmetic and ``exact`` make:
    the same types, the same None, and the same int64 columns."""
    raw, _ = number_arrays(Document.from_text(text).code_points)
    want = numerals._values(text, raw)
    got = numerals._values_by_row(text, raw)
    assert [repr(v) for v in got[0]] == [repr(v) for v in want[0]]
    assert [repr(v) for v in got[1]] == [repr(v) for v in want[1]]
    for g, w in zip(got[2:], want[2:]):
        assert g.dtype == w.dtype and g.tolist() == w.tolist()


@pytest.mark.parametrize(
    ("text", "values", "highs"),
    [
        ("9223372036854775807", [9223372036854775807], [None]),
        ("9223372036854775808", [9223372036854775808], [None]),
        ("0.125", [0.125], [None]),
        ("3到5", [3], [5]),
        ("1.5到2.5", [1.5], [2.5]),
        ("三分之二", [2], [3]),
        ("-1/3", [-1, 3], [None, None]),
    ],
)
def test_extract_row_by_row_values_hand_checked(text: str, values: list[Any], highs: list[Any]) -> None:
    raw, _ = number_arrays(Document.from_text(text).code_points)
    got = numerals._values_by_row(text, raw)
    assert [(type(v), v) for v in got[0]] == [(type(v), v) for v in values]
    assert got[1] == highs


@SETTINGS
@given(texts)
def test_extract_row_by_row_rows_iterate_as_indexed(text: str) -> None:
    """Iterating a scan gives the rows that indexing it gives, whichever is read first."""
    rows = number_scan(Document.from_text(text))
    first = rows[len(rows) // 2] if len(rows) else None
    assert list(rows) == [rows[i] for i in range(len(rows))]
    again = number_scan(Document.from_text(text))
    assert [again[i] for i in range(len(again))] == list(again) == list(rows)
    if first is not None:
        assert first in list(rows)


LIST_COLUMNS = (
    "start",
    "end",
    "cstart",
    "cend",
    "flags",
    "after",
    "after2",
    "cafter",
    "before",
    "before2",
    "ints",
    "isint",
)


@SETTINGS
@given(texts, st.sampled_from([-1, 10**9]))
def test_extract_row_by_row_list_columns(text: str, limit: int) -> None:
    """Each column read as a list (``start_l`` ...) holds what its array holds, however many rows
    (a scan of a few rows makes them all at once, a longer one each when first read)."""
    with mock.patch.object(numerals, "ROW_BY_ROW", limit):
        rows = number_scan(Document.from_text(text))
    for name in LIST_COLUMNS:
        assert getattr(rows, f"{name}_l") == getattr(rows, name).tolist(), name
    assert rows.tail_l == [num.tail for num in rows]


LATIN_WORDS = (
    "2.4 GHz ghz GHZ 128 GB Gb gb 5000 mAh 3 kg KG mg/dl mg/L 10mg/kg km/h m/s kb/s/ 5 m L V W w "
    "GPT-4 5G 4K60 3v3 H100 v1.5 1,200 ,5 .5 - ~ 至 到 约 左右 上下 µm μm inches lbs % &#xff0c; x _ 0 7"
)
LATIN_PIECES = [*LATIN_WORDS.split(), " ", "-", "/"]
latin_texts = st.one_of(
    st.text(alphabet="0123456789 .,-~/kmgGHzMBbLlVWwAhsµμ_xy至约左右", max_size=40),
    st.lists(st.sampled_from(LATIN_PIECES), max_size=14).map("".join),
)


@SETTINGS
@given(latin_texts)
@example("2.4GHz，128GB，5000mAh，3 kg，3 m，10mg/kg，km/h，3-5kg，-5dB，GPT-4GB，H100GB，&#xff0c;，5kg/，2mmx")
def test_extract_row_by_row_latin_units(text: str) -> None:
    """Quantities with units in Latin letters read a digit at a time equal those read with array filters."""
    cps = Document.from_text(text).code_points
    glued = number_scan(Document.from_text(text)).glued
    with mock.patch.object(numbers, "ROW_BY_ROW", -1):
        want = typed(numbers._latin_quantities(text, cps, glued))
    assert typed(numbers._latin_by_row(text, cps, glued) if len(cps) >= 2 else []) == want
    for at in range(len(text) + 1 if text else 0):
        assert numbers._known_run(text, at) == bool(numbers._known_runs(cps, np.array([at]))[0]), at


CONTACT_PIECES = [
    *"a b@ @ x.cn .com www. WWW. http:// HTTPS:// :// / 。 ， 联系 邮箱 mail@example.com".split(),
    " ",
    ".",
]


@SETTINGS
@given(st.lists(st.sampled_from(CONTACT_PIECES), max_size=10).map("".join))
@example("邮箱：Mail@Example.com，网址 www.example.com。HTTPS://A.CN/x 与 WWW.EXAMPLE.COM")
def test_extract_row_by_row_contacts_need_their_mark(text: str) -> None:
    """A text with no ``@`` has no e-mail address and one with neither ``://`` nor ``www.`` no URL:
    the extractors that skip the pattern there find what the pattern finds."""
    doc = Document.from_text(text)
    assert typed(contacts.EmailExtractor().extract(doc)) == typed(contacts.EmailExtractor._found(text))
    assert typed(contacts.UrlExtractor().extract(doc)) == typed(contacts.UrlExtractor._found(text))


@pytest.mark.parametrize(
    ("text", "emails", "urls"),
    [
        ("邮箱：Mail@Example.com。", ["mail@example.com"], []),
        ("访问 www.example.com。", [], ["http://www.example.com"]),
        ("见HTTPS://A.CN/x", [], ["HTTPS://A.CN/x"]),
        ("没有地址，只有 example.com 和 WWW.EXAMPLE.COM", [], []),
    ],
)
def test_extract_row_by_row_contacts_hand_checked(text: str, emails: list[str], urls: list[str]) -> None:
    doc = Document.from_text(text)
    assert [e.value for e in contacts.EmailExtractor().extract(doc)] == emails
    assert [e.value for e in contacts.UrlExtractor().extract(doc)] == urls
