"""Date forms beyond the plain Chinese ones: day-first numeric dates and the region that settles
them, English month names, dotted and spaced dates, a day alone, datetimes, fiscal years,
two-digit years, quarters and halves. Every expected value is checked by hand against a
calendar; the properties render a date with Python's own calendar and read it back."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanpipe.batch import Batch, split_entities
from hanpipe.builtin.extract.dates import DateExtractor, TimeExtractor, dates_and_times
from hanpipe.document import Document, Entities
from hanpipe.errors import ConfigError
from hanpipe.pipeline import Pipeline
from tests.builtin.clean.test_linear import assert_linear, cycle

ALL = ["phone", "url", "email", "time", "date", "money", "percent", "quantity", "number"]


def run(text: str, **options: Any) -> list[tuple[str, str, Any]]:
    """``(kind, text, value)`` of every entity the numeric and contact extractors keep."""
    extract: list[Any] = [{"engine": e, **options} if e in ("date", "time") and options else e for e in ALL]
    p = Pipeline(clean=None, convert=None, segment=None, extract=extract, entry_points=False)
    return [(e.kind, e.text, e.value) for e in p.extract(Document.from_text(text)).entities]


def dates(text: str, **options: Any) -> list[tuple[str, str, Any]]:
    return [r for r in run(text, **options) if r[0] in ("date", "time")]


def entity(text: str, **options: Any) -> Any:
    time_options = {k: v for k, v in options.items() if k == "region"}
    extract: list[Any] = [{"engine": "date", **options}, {"engine": "time", **time_options}]
    p = Pipeline(clean=None, convert=None, segment=None, extract=extract, entry_points=False)
    (ent,) = p.extract(Document.from_text(text)).entities.to_list()
    return ent


# -- hand-checked readings ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # day-first numeric dates (Hong Kong, Macau): the first field past 12 is the day
        ("截止日期：25/12/2024。", [("date", "25/12/2024", "2024-12-25")]),
        ("於31/1/2023起生效", [("date", "31/1/2023", "2023-01-31")]),
        ("25-12-2024", [("date", "25-12-2024", "2024-12-25")]),
        ("29/2/2024", [("date", "29/2/2024", "2024-02-29")]),
        ("13/13/2024", []),  # neither field can be the month
        ("30/2/2024", []),  # 30 February: neither order is on the calendar
        # the second field past 12 is the day (month first, as US pages write it)
        ("12/25/2024", [("date", "12/25/2024", "2024-12-25")]),
        # with a time: one value, kind time
        ("25/12/2024 18:30", [("time", "25/12/2024 18:30", "2024-12-25T18:30")]),
        ("25/12/2024 18:30:05", [("time", "25/12/2024 18:30:05", "2024-12-25T18:30:05")]),
        # English month names, any case, with or without a dot
        ("5-Jan-2020", [("date", "5-Jan-2020", "2020-01-05")]),
        ("Jan 5, 2020", [("date", "Jan 5, 2020", "2020-01-05")]),
        ("5 January 2020", [("date", "5 January 2020", "2020-01-05")]),
        ("January 2020", [("date", "January 2020", "2020-01")]),
        ("Sept. 5, 2020", [("date", "Sept. 5, 2020", "2020-09-05")]),
        ("SEPT 30 2021", [("date", "SEPT 30 2021", "2021-09-30")]),
        ("5 dec 2023", [("date", "5 dec 2023", "2023-12-05")]),
        ("Dec. 2023", [("date", "Dec. 2023", "2023-12")]),
        ("5th January 2020", [("date", "5th January 2020", "2020-01-05")]),
        ("on the 21st of March 2021", [("date", "21st of March 2021", "2021-03-21")]),
        ("May 5", [("date", "May 5", "--05-05")]),
        ("Feb 29, 2024", [("date", "Feb 29, 2024", "2024-02-29")]),
        ("Jan. 5, 2020 10:42 pm", [("time", "Jan. 5, 2020 10:42 pm", "2020-01-05T22:42")]),
        ("5 Jan 2020 12:05 AM", [("time", "5 Jan 2020 12:05 AM", "2020-01-05T00:05")]),
        # dotted and spaced forms
        ("2021. 3. 15.", [("date", "2021. 3. 15.", "2021-03-15")]),
        ("2021.3.15", [("date", "2021.3.15", "2021-03-15")]),
        ("2021.03.15 出刊", [("date", "2021.03.15", "2021-03-15")]),
        ("25.12.2024", [("date", "25.12.2024", "2024-12-25")]),
        ("2021 年 3 月 15 日", [("date", "2021 年 3 月 15 日", "2021-03-15")]),
        ("2021 年 3 月", [("date", "2021 年 3 月", "2021-03")]),
        ("2021年 3月 15日", [("date", "2021年 3月 15日", "2021-03-15")]),
        ("2023年3 月 5 日", [("date", "2023年3 月 5 日", "2023-03-05")]),
        ("3 月 15 日", [("date", "3 月 15 日", "--03-15")]),
        # a day of the month alone
        ("15日，会议开幕", [("date", "15日", "---15")]),
        ("他在25日晚抵达", [("date", "25日", "---25")]),
        ("新华社北京8日电", [("date", "8日", "---08")]),
        ("二十日上午", [("date", "二十日", "---20")]),
        # a date and a time of day as one value
        ("2024-05-20T10:42", [("time", "2024-05-20T10:42", "2024-05-20T10:42")]),
        ("2024年5月20日 10:42", [("time", "2024年5月20日 10:42", "2024-05-20T10:42")]),
        ("2024/5/20 下午3点", [("time", "2024/5/20 下午3点", "2024-05-20T15:00")]),
        ("2021. 3. 15. 10:42", [("time", "2021. 3. 15. 10:42", "2021-03-15T10:42")]),
        ("2021.3.15 09:05:30", [("time", "2021.3.15 09:05:30", "2021-03-15T09:05:30")]),
        # fiscal and school years
        ("2023/24年度", [("date", "2023/24年度", "2023/2024")]),
        ("2023-24财年", [("date", "2023-24财年", "2023/2024")]),
        ("2023/2024學年", [("date", "2023/2024學年", "2023/2024")]),
        ("1999/00年度", [("date", "1999/00年度", "1999/2000")]),
        ("2023/25年度", []),  # not one year to the next
        # two-digit years where the context makes them years
        ("98年入行", [("date", "98年", "1998")]),
        ("08年", [("date", "08年", "2008")]),
        ("在98年3月", [("date", "98年3月", "1998-03")]),
        ("从98年到08年", [("date", "98年", "1998"), ("date", "08年", "2008")]),
        ("05年底", [("date", "05年", "2005")]),
        # quarters and halves
        ("2024年第一季度", [("date", "2024年第一季度", "2024-Q1")]),
        ("2024年一季度", [("date", "2024年一季度", "2024-Q1")]),
        ("二〇二四年第三季度", [("date", "二〇二四年第三季度", "2024-Q3")]),
        ("三季度营收", [("date", "三季度", "Q3")]),
        ("第3季度", [("date", "第3季度", "Q3")]),
        ("2024年第3季", [("date", "2024年第3季", "2024-Q3")]),
        ("前三季度", [("date", "前三季度", "Q1/Q3")]),
        ("2024年前三季度", [("date", "2024年前三季度", "2024-Q1/2024-Q3")]),
        # a range or a list of quarters is the stretch it names, never its last quarter alone
        ("1-2季度", [("date", "1-2季度", "Q1/Q2")]),
        ("第1-2季度", [("date", "第1-2季度", "Q1/Q2")]),
        ("一至三季度", [("date", "一至三季度", "Q1/Q3")]),
        ("第一至第三季度", [("date", "第一至第三季度", "Q1/Q3")]),
        ("2024年1-3季度营收", [("date", "2024年1-3季度", "2024-Q1/2024-Q3")]),
        ("2024年一、二季度营收", [("date", "2024年一、二季度", "2024-Q1/2024-Q2")]),
        ("一、二、三季度", [("date", "一、二、三季度", "Q1/Q3")]),
        ("一、三季度", [("date", "三季度", "Q3")]),  # no one stretch: the quarter its numeral names
        ("三至一季度", []),  # a range that goes down
        # quarters written whole on both sides of the joiner: each its own
        ("第一季度至第三季度", [("date", "第一季度", "Q1"), ("date", "第三季度", "Q3")]),
        ("一季度、二季度", [("date", "一季度", "Q1"), ("date", "二季度", "Q2")]),
        ("11-2季度", []),  # 2 ends a longer number
        ("Q3营收", [("date", "Q3", "Q3")]),
        ("2024Q1", [("date", "2024Q1", "2024-Q1")]),
        ("2024 Q1", [("date", "2024 Q1", "2024-Q1")]),
        ("Q1 2024", [("date", "Q1 2024", "2024-Q1")]),
        ("2024年Q4", [("date", "2024年Q4", "2024-Q4")]),
        ("H1 2024", [("date", "H1 2024", "2024-H1")]),
        ("2024H2", [("date", "2024H2", "2024-H2")]),
        ("上半年", [("date", "上半年", "H1")]),
        ("2024年下半年", [("date", "2024年下半年", "2024-H2")]),
        ("2023上半年度", [("date", "2023上半年度", "2023-H1")]),
        # Traditional script
        ("2021年3月15日", [("date", "2021年3月15日", "2021-03-15")]),
        ("2024年第一季", [("date", "2024年第一季", "2024-Q1")]),
        ("2023-24財年", [("date", "2023-24財年", "2023/2024")]),
        ("2024年首季度", [("date", "2024年首季度", "2024-Q1")]),
        ("二〇二一年下半年", [("date", "二〇二一年下半年", "2021-H2")]),
        ("98年畢業", [("date", "98年", "1998")]),
        ("第一季GDP增長", [("date", "第一季", "Q1")]),
        ("首季業績", [("date", "首季", "Q1")]),
        ("上半年業績", [("date", "上半年", "H1")]),
        ("2024年1半年", [("date", "2024年", "2024")]),  # 1 before 半 is no 上 or 下: the year alone
        # a part of the day sets the hour of a time with a colon, as it does with 点 (hand-checked)
        ("晚上7:30入场", [("time", "晚上7:30", "19:30")]),
        ("下午 3:00开会", [("time", "下午 3:00", "15:00")]),
        ("凌晨3:30", [("time", "凌晨3:30", "03:30")]),
        ("中午12:30", [("time", "中午12:30", "12:30")]),
        ("3:00 PM", [("time", "3:00 PM", "15:00")]),
        # ... and written with one character (早, 晚; each was a quantity of 8 点), but not after a word it ends
        ("早8点到晚8点营业", [("time", "早8点", "08:00"), ("time", "晚8点", "20:00")]),
        ("晚8:30开始", [("time", "晚8:30", "20:30")]),
        ("晚12点", [("time", "晚12点", "00:00")]),
        ("最晚8点到", []),  # no time: the part of the day is not said
        ("今天比昨天晚1点下班", [("date", "今天", None), ("date", "昨天", None)]),  # an hour later
        ("银行早9点到晚5点", [("time", "早9点", "09:00"), ("time", "晚5点", "17:00")]),  # 晚 is said of 5 to 12
        ("晚5点半见面", [("time", "晚5点半", "17:30")]),  # was 05:30
        ("晚上5点下班", [("time", "晚上5点", "17:00")]),  # was 05:00
        ("晚上4点才睡", [("time", "晚上4点", "04:00")]),  # late at night
        ("当晚9点", [("time", "当晚9点", "21:00")]),
        ("昨早8时许", [("time", "昨早8时", "08:00")]),
        ("今早8点", [("time", "今早8点", "08:00")]),
        ("明晚8点见", [("time", "明晚8点", "20:00")]),
        ("8:30am出发", [("time", "8:30am", "08:30")]),
        ("12:00 AM", [("time", "12:00 AM", "00:00")]),
        # ... and the other end of a range it begins
        ("晚上8:00-10:00", [("time", "晚上8:00", "20:00"), ("time", "10:00", "22:00")]),
        ("下午1点至3点", [("time", "下午1点", "13:00"), ("time", "3点", "15:00")]),
        ("9:00-17:00营业", [("time", "9:00", "09:00"), ("time", "17:00", "17:00")]),
        # ... and joined by a word (before, the minutes and the next hour were a range, 19:45 a number)
        ("会议时间为19:00至19:45", [("time", "19:00", "19:00"), ("time", "19:45", "19:45")]),
        ("上午9:00至11:00", [("time", "上午9:00", "09:00"), ("time", "11:00", "11:00")]),
        ("晚上8:00到10:00", [("time", "晚上8:00", "20:00"), ("time", "10:00", "22:00")]),
        # hours of 24 stay as written, and so does a range's end the first's part would put before it
        ("晚上17:30", [("time", "晚上17:30", "17:30")]),
        ("上午8:00-18:00", [("time", "上午8:00", "08:00"), ("time", "18:00", "18:00")]),
        ("晚上22:00-6:00", [("time", "晚上22:00", "22:00"), ("time", "6:00", "06:00")]),
        ("夜间22:00-6:00", [("time", "夜间22:00", "22:00"), ("time", "6:00", "06:00")]),
        ("凌晨5:00-8:00", [("time", "凌晨5:00", "05:00"), ("time", "8:00", "08:00")]),
        ("上午11:00-1:00", [("time", "上午11:00", "11:00"), ("time", "1:00", "01:00")]),
        ("2024年5月20日下午3:00", [("time", "2024年5月20日下午3:00", "2024-05-20T15:00")]),
        # a year and a month with one dot; 2023.5 and a number with a unit stay numbers
        ("2023.10", [("date", "2023.10", "2023-10")]),
        ("任职时间：2023.12—2024.03", [("date", "2023.12", "2023-12"), ("date", "2024.03", "2024-03")]),
        ("营收2023.10万元", []),
        ("2023.5", []),
        ("v2023.10", []),
        ("2023.13", []),
        ("2023.10-2024.06", [("date", "2023.10", "2023-10"), ("date", "2024.06", "2024-06")]),
        ("建筑面积2000.12平方米", []),  # what stands around it makes it a number
        # the two ends of a span: what stands outside either end will do
        ("项目周期为2023.06-2023.09。", [("date", "2023.06", "2023-06"), ("date", "2023.09", "2023-09")]),
        ("2023.10-2024.06在某公司", [("date", "2023.10", "2023-10"), ("date", "2024.06", "2024-06")]),
        ("晚上8:00 - 10:00", [("time", "晚上8:00", "20:00"), ("time", "10:00", "22:00")]),
        ("金价2034.12，上涨0.3%", []),
        # a month of the lunar calendar is no Gregorian date
        ("农历八月十五", []),
        ("2024年农历八月十五", [("date", "2024年", "2024")]),
    ],
)
def test_dates_forms_examples(text: str, want: list[tuple[str, str, Any]]) -> None:
    assert dates(text) == want


@pytest.mark.parametrize(
    "text",
    [
        # scores, fractions, ratios: no year, no date
        "得分3/5",
        "1/2的人",
        "12/13",
        "比例为12/13",
        "3/5/7",
        # phone numbers and amounts
        "电话010-6552-1234",
        "12-34-5678",
        "15日元",
        "花了25.12元",
        # versions and addresses
        "版本1.2.3",
        "v2021.3.15",
        "2021.3.15.1",
        "192.168.1.1",
        "Python 3.11.2",
        # counts of years and days
        "3年",
        "在3年",
        "10年来",
        "有20年",
        "近20年",
        "30年",
        "用了10年",
        "90年代",
        "3日内",
        "近5日",
        "一日三餐",
        "7日游",
        "第15日",
        "每日",
        "15日以内",  # a day alone at the end of a text is a day (tests/builtin/extract/test_day_dates.py)
        # words that only look like quarters or halves
        "《歌手》第三季",
        "第三季末",
        "第一季",
        "首季冠军",
        "四季如春",
        "每季度",
        "上一季度",
        "马上半年就过去了",
        # a character that may stand before 季 is no 上 or 下 of a half, and the reverse
        "上季度",
        "下季",
        "本季度业绩",
        "1半年",
        "首半年",
        "三半年",
        "一半年",
        "Q3：如何退款？",
        "Q1.",
        "Q10",
        "AQ1",
        "H1",
        "H2O",
        "H1N1",
        "<h1>",
        "使用3584张H100芯片",
        # English words that are not months
        "5 may be",
        "may 5",
        "in March",
        "Japan 2020",
        "GPT-4 Jan",
    ],
)
def test_dates_forms_not_dates(text: str) -> None:
    assert dates(text) == []


def test_dates_forms_two_digit_year_attrs() -> None:
    ent = entity("98年入行")
    assert (ent.value, ent.attrs) == ("1998", {"approx": True, "two_digit_year": True})
    assert entity("在39年").value == "2039" and entity("在40年").value == "1940"  # the pivot


def test_dates_forms_fiscal_attrs() -> None:
    assert entity("2023/24年度").attrs == {"fiscal": True}
    assert entity("2023/2024學年").attrs == {"academic": True}


def test_dates_forms_quarter_attrs() -> None:
    assert entity("2024年第一季度").attrs == {"quarter": 1}
    assert entity("上半年").attrs == {"half": 1}
    assert entity("前三季度").attrs == {"quarter": 3, "range": True}


def test_dates_forms_amount_stays_money() -> None:
    assert run("花了15日元") == [("money", "15日元", 15)]


# -- ambiguity and region --------------------------------------------------------------------


def test_dates_forms_ambiguous_without_region() -> None:
    """05/06/2024 is 5 June (day first) or 6 May (month first): no value, both readings kept."""
    ent = entity("05/06/2024")
    assert ent.value is None
    assert ent.attrs == {"ambiguous": True, "day_first": "2024-06-05", "month_first": "2024-05-06"}


@pytest.mark.parametrize(
    ("region", "value", "order"),
    [
        ("hk", "2024-06-05", "dmy"),
        ("mo", "2024-06-05", "dmy"),
        ("us", "2024-05-06", "mdy"),
        ("HK", "2024-06-05", "dmy"),
    ],
)
def test_dates_forms_region_settles(region: str, value: str, order: str) -> None:
    ent = entity("05/06/2024", region=region)
    assert ent.value == value
    assert ent.attrs == {"order": order, "region": region.lower()}


@pytest.mark.parametrize("region", ["cn", "tw", None])
def test_dates_forms_region_without_custom(region: str | None) -> None:
    assert entity("05/06/2024", region=region).value is None


def test_dates_forms_region_settles_a_datetime() -> None:
    assert entity("05/06/2024 18:30", region="hk").value == "2024-06-05T18:30"
    assert entity("05/06/2024 18:30", region="us").value == "2024-05-06T18:30"
    ent = entity("05/06/2024 18:30")
    assert ent.value is None and ent.attrs["day_first"] == "2024-06-05T18:30"


def test_dates_forms_region_leaves_one_way_dates() -> None:
    """A date with only one calendar reading keeps it whatever the region."""
    assert entity("12/25/2024", region="hk").value == "2024-12-25"
    assert entity("25/12/2024", region="us").value == "2024-12-25"
    assert entity("05/05/2024").value == "2024-05-05"  # both orders agree
    assert entity("05/05/2024").attrs == {}


def test_dates_forms_dotted_ambiguous() -> None:
    assert entity("2.3.2024").value is None
    assert entity("2.3.2024", region="hk").value == "2024-03-02"


def test_dates_forms_shared_reading_is_not_changed() -> None:
    """The region settles on copies: the reading shared by both extractors keeps its ambiguity."""
    doc = Document.from_text("05/06/2024")
    DateExtractor(region="hk").extract(doc)
    assert doc.view(dates_and_times).dates[2] == [None]
    assert DateExtractor().extract(doc)[0].value is None


@pytest.mark.parametrize("bad", ["uk", "", 852, ["hk"]])
def test_dates_forms_bad_region(bad: Any) -> None:
    with pytest.raises(ConfigError, match="region"):
        DateExtractor(region=bad)
    with pytest.raises(ConfigError, match="region"):
        TimeExtractor(region=bad)


# -- relative years with a half or a quarter ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("今年上半年", "2024-H1"),
        ("去年下半年", "2023-H2"),
        ("去年第四季度", "2023-Q4"),
        ("明年一季度", "2025-Q1"),
        ("今年首季", "2024-Q1"),
        ("今年第一季", "2024-Q1"),
    ],
)
def test_dates_forms_relative_periods(text: str, value: str) -> None:
    ent = entity(text, reference_date="2024-03-15")
    assert (ent.text, ent.value) == (text, value)
    assert ent.attrs["relative"] is True


# -- batches -------------------------------------------------------------------------------


def test_dates_forms_batch_equals_alone() -> None:
    texts = ["25/12/2024 18:30，", "Jan 5, 2020", "2021. 3. 15.", "2024年第一季度", "05/06/2024", "98年入行", "15日，"]
    docs = [Document.from_text(t) for t in texts]
    batch = Batch(docs)
    for extractor in (DateExtractor(region="hk"), TimeExtractor(), DateExtractor()):
        alone = [[(e.text, e.value, dict(e.attrs)) for e in extractor.extract(d)] for d in docs]
        joined = split_entities(batch, Entities.of(extractor.extract_batch(batch)))
        assert [[(e.text, e.value, dict(e.attrs)) for e in part] for part in joined] == alone


# -- properties ------------------------------------------------------------------------------

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip


def forms(d: dt.date) -> dict[str, str]:
    """``d`` written in each supported form (by hand, from Python's calendar)."""
    name = MONTHS[d.month - 1]
    return {
        "chinese": f"{d.year}年{d.month}月{d.day}日",
        "spaced": f"{d.year} 年 {d.month} 月 {d.day} 日",
        "dotted": f"{d.year}.{d.month}.{d.day}",
        "dotted-spaced": f"{d.year}. {d.month}. {d.day}.",
        "dotted-padded": f"{d.year}.{d.month:02d}.{d.day:02d}",
        "day-first": f"{d.day}/{d.month}/{d.year}",
        "day-first-dash": f"{d.day:02d}-{d.month:02d}-{d.year}",
        "day-first-dotted": f"{d.day}.{d.month}.{d.year}",
        "english-dmy": f"{d.day} {name} {d.year}",
        "english-abbr": f"{d.day}-{name[:3]}-{d.year}",
        "english-mdy": f"{name} {d.day}, {d.year}",
        "english-upper": f"{name[:3].upper()}. {d.day}, {d.year}",
        "iso": d.isoformat(),
    }


FORMS = list(forms(dt.date(2000, 1, 1)))
days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))


@settings(max_examples=300, deadline=None)
@given(days, st.sampled_from(FORMS), st.sampled_from(["在{}，", "於{}舉行", "{}", "Date: {} ok"]))
def test_dates_forms_property_date(d: dt.date, form: str, frame: str) -> None:
    """Any date in any supported form reads back its ISO value (day-first forms with region hk)."""
    written = forms(d)[form]
    assert dates(frame.format(written), region="hk") == [("date", written, d.isoformat())]


@settings(max_examples=200, deadline=None)
@given(days, st.sampled_from(FORMS), st.integers(0, 23), st.integers(0, 59))
def test_dates_forms_property_datetime(d: dt.date, form: str, hour: int, minute: int) -> None:
    """A time of day after a full date makes one datetime value."""
    if form == "iso":
        written = f"{d.isoformat()}T{hour:02d}:{minute:02d}"
    else:
        written = f"{forms(d)[form]} {hour}:{minute:02d}"
    want = f"{d.isoformat()}T{hour:02d}:{minute:02d}"
    assert dates(f"在{written}，", region="hk") == [("time", written, want)]


@settings(max_examples=200, deadline=None)
@given(days)
def test_dates_forms_property_ambiguity(d: dt.date) -> None:
    """d/m/y reads day first in hk and month first in us where both are dates; no value without a region."""
    written = f"{d.day}/{d.month}/{d.year}"
    other = None
    if d.day <= 12:
        try:
            other = dt.date(d.year, d.day, d.month).isoformat()
        except ValueError:
            other = None
    hk = entity(written, region="hk")
    us = entity(written, region="us")
    plain = entity(written)
    assert hk.value == d.isoformat()
    if other is None or other == d.isoformat():
        assert us.value == d.isoformat() and plain.value == d.isoformat()
    else:
        assert us.value == other and plain.value is None


@settings(max_examples=100, deadline=None)
@given(st.integers(1000, 2998), st.sampled_from(["年第{}季度", "年{}季度", "Q{}", "年第{}季"]), st.integers(1, 4))
def test_dates_forms_property_quarter(year: int, form: str, quarter: int) -> None:
    numeral = "一二三四"[quarter - 1] if "季" in form else str(quarter)
    written = f"{year}" + form.format(numeral)
    assert dates(f"在{written}，") == [("date", written, f"{year}-Q{quarter}")]


# -- linear work on hostile inputs -----------------------------------------------------------


def read(text: str) -> object:
    return dates_and_times(Document.from_text(text))


HOSTILE = {
    "dots-after-digits": cycle("1."),
    "dotted-dates": cycle("2021. 3. 15."),
    "dotted-almost": cycle("2021.3."),
    "slashes": cycle("05/06/"),
    "day-first": cycle("25/12/2024 "),
    "month-words": cycle("5 Jan "),
    "month-first": cycle("Jan 5, "),
    "ordinal-days": cycle("5th of "),
    "quarters": cycle("第一季度"),
    "halves": cycle("上半年"),
    "letters": cycle("Q1 "),
    "days": cycle("15日，"),
    "two-digit-years": cycle("98年"),
    "fiscal": cycle("2023/24年度"),
    "spaced": cycle("2021 年 "),
}


@pytest.mark.parametrize("shape", list(HOSTILE))
def test_dates_forms_work_grows_linearly(shape: str) -> None:
    assert_linear(read, HOSTILE[shape])
