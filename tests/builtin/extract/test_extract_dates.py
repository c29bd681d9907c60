"""Date and time entities: ISO 8601 values, ranges, relative years."""

from __future__ import annotations

import datetime as dt

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanpipe.builtin.extract.dates import DateExtractor
from hanpipe.document import Document
from hanpipe.errors import ConfigError
from hanpipe.pipeline import Pipeline


def run(text: str, **date_options) -> list:
    extract = [{"engine": "date", **date_options}, "time", "number", "quantity"]
    p = Pipeline(clean=None, convert=None, segment=None, extract=extract, entry_points=False)
    return [e for e in p.extract(Document.from_text(text)).entities if e.kind in ("date", "time")]


@pytest.mark.parametrize(
    ("text", "kind", "surface", "value"),
    [
        ("于2023年9月22日举办", "date", "2023年9月22日", "2023-09-22"),
        ("在9月22日于广州", "date", "9月22日", "--09-22"),
        ("早在2017年，", "date", "2017年", "2017"),
        ("2023年11月", "date", "2023年11月", "2023-11"),
        ("今年3月份发布", "date", "今年3月份", None),
        ("日期:2023-11-24--oracle", "date", "2023-11-24", "2023-11-24"),
        ("2023/5/6", "date", "2023/5/6", "2023-05-06"),
        ("发布日期:2023-05-20 13:21:01  浏览", "time", "2023-05-20 13:21:01", "2023-05-20T13:21:01"),
        ("下午16:00:55开始", "time", "下午16:00:55", "16:00:55"),  # the span takes the part of the day, as with 点
        ("9:30开会", "time", "9:30", "09:30"),
        ("7月6日至8日，", "date", "7月6日至8日", "--07-06/--07-08"),
        ("7月6日至8月2日", "date", "7月6日至8月2日", "--07-06/--08-02"),
        ("2020年至2022年", "date", "2020年至2022年", "2020/2022"),
        ("二〇二三年九月二十二日", "date", "二〇二三年九月二十二日", "2023-09-22"),
        ("6月、7月的时候", "date", "6月", "--06"),
    ],
)
def test_extract_dates_examples(text: str, kind: str, surface: str, value) -> None:
    found = [e for e in run(text) if e.kind == kind]
    assert found, run(text)
    ent = found[0]
    assert (ent.text, ent.value) == (surface, value)


@pytest.mark.parametrize("text", ["2月30日", "13月1日", "2023-13-01", "25:61", "第3月", "0000年", "0000-01-01"])
def test_extract_dates_invalid_are_not_dates(text: str) -> None:
    assert run(text) == []


def test_extract_dates_relative_needs_a_reference() -> None:
    (ent,) = run("去年年底，GPT出现")
    assert ent.text == "去年年底" and ent.value is None
    assert ent.attrs["relative"] is True and ent.attrs["offset_years"] == -1
    (ent,) = run("去年年底，GPT出现", reference_date="2023-11-24")
    assert ent.value == "2022" and ent.attrs["part"] == "底"
    (ent,) = run("今年3月份发布", reference_date="2023-11-24")
    assert ent.value == "2023-03"


@pytest.mark.parametrize("bad", ["soon", "2024-13-01", 20240315, 2024.0, ["2024-03-15"]])
def test_extract_dates_bad_reference(bad) -> None:
    with pytest.raises(ConfigError, match="reference_date"):
        Pipeline(clean=None, convert=None, segment=None, extract=[{"engine": "date", "reference_date": bad}])
    with pytest.raises(ConfigError, match="reference_date"):
        DateExtractor(reference_date=bad)


def test_extract_dates_reference_forms() -> None:
    for ref in ("2024-03-15", dt.date(2024, 3, 15), dt.datetime(2024, 3, 15, 23, 59)):
        (ent,) = run("明天见", reference_date=ref)
        assert ent.value == "2024-03-16"


def test_extract_dates_year_is_not_a_duration() -> None:
    p = Pipeline(clean=None, convert=None, segment=None, extract=["quantity"], entry_points=False)
    ents = list(p.extract(Document.from_text("2023年和十年")).entities)
    assert [(e.text, e.attrs.get("duration")) for e in ents] == [("十年", "P10Y")]


# -- Chinese clock times --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("下午三点开会", "下午三点", "15:00"),
        ("晚上8点半，", "晚上8点半", "20:30"),
        ("上午10点30分", "上午10点30分", "10:30"),
        ("3点15分到", "3点15分", "03:15"),
        ("15时30分", "15时30分", "15:30"),
        ("凌晨2点", "凌晨2点", "02:00"),
        ("三点二十分", "三点二十分", "03:20"),
        ("八点十分，", "八点十分", "08:10"),
        ("十二点四十五分", "十二点四十五分", "12:45"),
        ("二十三点五十九分", "二十三点五十九分", "23:59"),
        ("三点零五分", "三点零五分", "03:05"),
        ("3点05分", "3点05分", "03:05"),
        ("三点一刻", "三点一刻", "03:15"),
        ("四点三刻", "四点三刻", "04:45"),
        ("两点半", "两点半", "02:30"),
        ("一点半", "一点半", "01:30"),
        ("在一点整，", "一点整", "01:00"),
        ("一点钟出发", "一点钟", "01:00"),
        ("一点十五分", "一点十五分", "01:15"),
        ("下午一点", "下午一点", "13:00"),
        ("中午一点", "中午一点", "13:00"),
        ("中午12点", "中午12点", "12:00"),
        ("下午12点半", "下午12点半", "12:30"),
        ("晚上12点", "晚上12点", "00:00"),
        ("零点三十分", "零点三十分", "00:30"),
        ("八点整出发", "八点整", "08:00"),
        ("三点钟见", "三点钟", "03:00"),
        ("下午五点钟", "下午五点钟", "17:00"),
        ("24点整", "24点整", "24:00"),
        ("10点30分20秒", "10点30分20秒", "10:30:20"),
        ("下午3时", "下午3时", "15:00"),
        ("傍晚6点", "傍晚6点", "18:00"),
        ("今晚九点", "今晚九点", "21:00"),
        ("深夜11点", "深夜11点", "23:00"),
        ("下午16点", "下午16点", "16:00"),
    ],
)
def test_extract_dates_clock_times(text: str, surface: str, value: str) -> None:
    found = run(text)
    assert [(e.kind, e.text, e.value) for e in found] == [("time", surface, value)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("2023年5月20日下午3点开会", [("time", "2023年5月20日下午3点", "2023-05-20T15:00")]),
        ("2023年5月20日 15时30分", [("time", "2023年5月20日 15时30分", "2023-05-20T15:30")]),
        ("二〇二三年九月二十二日上午十点", [("time", "二〇二三年九月二十二日上午十点", "2023-09-22T10:00")]),
        # no year: the date and the time stay apart (ISO 8601 has no --05-20T15:00)
        ("5月20日下午3点", [("date", "5月20日", "--05-20"), ("time", "下午3点", "15:00")]),
        ("2023年5月下午3点", [("date", "2023年5月", "2023-05"), ("time", "下午3点", "15:00")]),
        ("2023年5月20日，下午3点", [("date", "2023年5月20日", "2023-05-20"), ("time", "下午3点", "15:00")]),
    ],
)
def test_extract_dates_clock_after_a_date(text: str, want: list) -> None:
    assert [(e.kind, e.text, e.value) for e in run(text)] == want


@pytest.mark.parametrize(
    "text",
    [
        "三点建议",  # three suggestions: a bare hour is no time
        "3点",
        "3时",  # 15时 is 15:00: an hour of 13 or more with 时 is a clock's (test_fourth_pass)
        "这三点十分重要",  # 十分 = very
        "一点半点",  # a little
        "好一点",
        "三点整理",
        "一点整理一下",
        "差一点整个人摔倒",
        "下午25点",
        "下午0点",
        "3点15分钟",
        "一时半会",
        "3小时",
        "3时钟",
        "第3点半",
        "三点五分",  # a decimal (3.5) and no 零: not read as 03:05
    ],
)
def test_extract_dates_clock_not_times(text: str) -> None:
    assert [e for e in run(text) if e.kind == "time"] == []


def test_extract_dates_clock_decimal_stays_a_number() -> None:
    p = Pipeline(clean=None, convert=None, segment=None, extract=["number", "time"], entry_points=False)
    ents = list(p.extract(Document.from_text("圆周率约为三点一四，")).entities)
    assert [(e.kind, e.text, e.value) for e in ents] == [("number", "约为三点一四", 3.14)]  # 约为: about


CN = "零一二三四五六七八九"


def cn_count(n: int) -> str:
    """0 to 59 as said on a clock, written by hand: 五 → 零五, 15 → 十五, 20 → 二十, 34 → 三十四."""
    if n < 10:
        return "零" + CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN[tens]) + "十" + (CN[ones] if ones else "")


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 23), st.integers(0, 59), st.booleans())
def test_extract_dates_clock_property(hour: int, minute: int, chinese: bool) -> None:
    """H点M分 (Arabic, or Chinese as said) is HH:MM; M = 0 is written 整."""
    if chinese:
        h = cn2an.an2cn(hour)
        m = "整" if minute == 0 else cn_count(minute) + "分"
    else:
        h = str(hour)
        m = "整" if minute == 0 else f"{minute}分"
    text = f"{h}点{m}"
    if text == "一点十分":  # as 这一点十分重要: not read
        return
    assert [(e.kind, e.text, e.value) for e in run(f"在{text}，")] == [("time", text, f"{hour:02d}:{minute:02d}")]


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 11), st.sampled_from([("下午", 12), ("上午", 0), ("晚上", 12)]), st.booleans())
def test_extract_dates_clock_day_parts(hour: int, part: tuple[str, int], half: bool) -> None:
    word, shift = part
    if word == "晚上" and hour < 6:
        return  # 晚上1点 is 01:00
    text = f"{word}{hour}点" + ("半" if half else "")
    want = f"{hour + shift:02d}:{30 if half else 0:02d}"
    assert [(e.kind, e.text, e.value) for e in run(f"在{text}，")] == [("time", text, want)]


# -- relative dates ---------------------------------------------------------------

FRIDAY = "2024-03-15"  # a Friday; its ISO week is 2024-W11 (Monday 2024-03-11)


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        # days (hand-checked against a calendar)
        ("明天见", "明天", "2024-03-16"),
        ("昨天发布", "昨天", "2024-03-14"),
        ("后天开会", "后天", "2024-03-17"),
        ("前天上线", "前天", "2024-03-13"),
        ("今天上线", "今天", "2024-03-15"),
        ("大后天", "大后天", "2024-03-18"),
        ("大前天", "大前天", "2024-03-12"),
        ("3天后交付", "3天后", "2024-03-18"),
        ("三天前", "三天前", "2024-03-12"),
        ("一天以后", "一天以后", "2024-03-16"),
        ("十天之前", "十天之前", "2024-03-05"),
        ("二十一天后", "二十一天后", "2024-04-05"),
        ("20天后", "20天后", "2024-04-04"),
        # weeks: Monday first; 星期天, 周日 are day 7
        ("下周一发布", "下周一", "2024-03-18"),
        ("上周五", "上周五", "2024-03-08"),
        ("本周五", "本周五", "2024-03-15"),
        ("这周三", "这周三", "2024-03-13"),
        ("上星期天", "上星期天", "2024-03-10"),
        ("下个星期二", "下个星期二", "2024-03-19"),
        ("上礼拜六", "上礼拜六", "2024-03-09"),
        ("本周日", "本周日", "2024-03-17"),
        ("下下周三", "下下周三", "2024-03-27"),
        ("下周", "下周", "2024-W12"),
        ("上个星期", "上个星期", "2024-W10"),
        ("两周前", "两周前", "2024-03-01"),
        ("一周后", "一周后", "2024-03-22"),
        ("三个星期后", "三个星期后", "2024-04-05"),
        # months
        ("上个月", "上个月", "2024-02"),
        ("下个月", "下个月", "2024-04"),
        ("本月", "本月", "2024-03"),
        ("这个月", "这个月", "2024-03"),
        ("上月底", "上月底", "2024-02"),
        ("下个月5号", "下个月5号", "2024-04-05"),
        ("上上个月", "上上个月", "2024-01"),
        ("三个月后", "三个月后", "2024-06"),
        ("一个月前", "一个月前", "2024-02"),
        ("十个月后", "十个月后", "2025-01"),
        # years
        ("去年", "去年", "2023"),
        ("明年", "明年", "2025"),
        ("今年", "今年", "2024"),
        ("前年", "前年", "2022"),
        ("后年", "后年", "2026"),
        ("大前年", "大前年", "2021"),
        ("5年前", "5年前", "2019"),
        ("一年后", "一年后", "2025"),
        ("明年3月5日", "明年3月5日", "2025-03-05"),
        ("去年年底", "去年年底", "2023"),
        ("明年2月29日", "明年2月29日", None),  # 2025 has no 29 February
    ],
)
def test_extract_dates_relative(text: str, surface: str, value) -> None:
    found = [e for e in run(text, reference_date=FRIDAY) if e.kind == "date"]
    assert [(e.text, e.value) for e in found] == [(surface, value)], found
    assert found[0].attrs["relative"] is True


@pytest.mark.parametrize(
    ("text", "reference", "value"),
    [
        ("下个月", "2023-12-31", "2024-01"),
        ("上个月", "2024-01-01", "2023-12"),
        ("明天", "2023-12-31", "2024-01-01"),
        ("昨天", "2024-03-01", "2024-02-29"),
        ("下周一", "2024-03-17", "2024-03-18"),  # from a Sunday: the next ISO week begins the next day
        ("本周日", "2024-03-11", "2024-03-17"),
        ("本周", "2024-01-03", "2024-W01"),  # 2024-W01 begins on Monday 2024-01-01
        ("下周", "2024-12-30", "2025-W02"),  # 2024-12-30 is in 2025-W01
        ("明年2月29日", "2023-05-01", "2024-02-29"),
        ("下个月31号", "2024-03-15", None),  # April has 30 days
        ("下个月31号", "2024-04-15", "2024-05-31"),
    ],
)
def test_extract_dates_relative_edges(text: str, reference: str, value) -> None:
    (ent,) = [e for e in run(text, reference_date=reference) if e.kind == "date"]
    assert ent.value == value
    assert ent.attrs.get("invalid", False) is (value is None)


def test_extract_dates_relative_edges_week_before_first() -> None:
    (ent,) = run("上周", reference_date="2024-01-03")
    assert ent.value == "2023-W52"


def test_extract_dates_relative_without_reference() -> None:
    found = run("明天、下周一、上个月、3天后和明年2月29日")
    assert [(e.text, e.value) for e in found] == [
        ("明天", None),
        ("下周一", None),
        ("上个月", None),
        ("3天后", None),
        ("明年2月29日", None),
    ]
    attrs = [dict(e.attrs) for e in found]
    assert attrs[0] == {"relative": True, "offset_days": 1}
    assert attrs[1] == {"relative": True, "offset_weeks": 1, "weekday": 1}
    assert attrs[2] == {"relative": True, "offset_months": -1}
    assert attrs[3] == {"relative": True, "offset_days": 3}
    assert attrs[4] == {"relative": True, "offset_years": 1, "month": 2, "day": 29}


@pytest.mark.parametrize(
    "text",
    [
        "之前天气很好",
        "最后天堂",
        "先天后天性",
        "这周围的人",
        "周边城市",
        "建国七十周年",
        "本周末去",
        "登上月球",
        "以前年轻",
        "第一天后",
        "周一",
        "马上周五",
        "做礼拜",
        "三五天后",
        "3天前后",
        "2000年前",
        "几年前",
        "数天后",
    ],
)
def test_extract_dates_not_relative(text: str) -> None:
    assert [e for e in run(text, reference_date=FRIDAY) if e.attrs.get("relative")] == []


def test_extract_dates_relative_week_word_before_together() -> None:
    assert [(e.text, e.value) for e in run("下周一起去", reference_date=FRIDAY)] == [("下周", "2024-W12")]


references = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31))


@settings(max_examples=150, deadline=None)
@given(references, st.integers(1, 500), st.sampled_from(["后", "前", "以后", "之前"]), st.booleans())
def test_extract_dates_relative_days_property(reference: dt.date, n: int, word: str, chinese: bool) -> None:
    count = cn2an.an2cn(n) if chinese else str(n)
    if count == "一":
        return  # 一天后 is covered by the examples
    text = f"{count}天{word}"
    sign = 1 if word.endswith("后") else -1
    want = dt.date.fromordinal(reference.toordinal() + sign * n).isoformat()
    assert [(e.text, e.value) for e in run(f"在{text}，", reference_date=reference)] == [(text, want)]


WEEK_WORDS = {"上周": -1, "下周": 1, "本周": 0, "这周": 0, "上上周": -2, "下下周": 2, "上个星期": -1, "下星期": 1}
DAY_NAMES = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "日"}


@settings(max_examples=150, deadline=None)
@given(references, st.sampled_from(sorted(WEEK_WORDS)), st.integers(1, 7))
def test_extract_dates_relative_weeks_property(reference: dt.date, word: str, weekday: int) -> None:
    """上周五 is the Friday of the ISO week before the reference's (by the ISO calendar, not by arithmetic)."""
    year, week, _ = reference.isocalendar()
    monday = dt.date.fromisocalendar(year, week, 1)
    target_year, target_week, _ = dt.date.fromordinal(monday.toordinal() + 7 * WEEK_WORDS[word]).isocalendar()
    want = dt.date.fromisocalendar(target_year, target_week, weekday).isoformat()
    text = f"{word}{DAY_NAMES[weekday]}"
    assert [(e.text, e.value) for e in run(f"在{text}，", reference_date=reference)] == [(text, want)]


@settings(max_examples=150, deadline=None)
@given(references, st.integers(1, 30), st.sampled_from(["后", "前"]))
def test_extract_dates_relative_months_property(reference: dt.date, n: int, word: str) -> None:
    """N个月后 is the month N steps away, counted one month at a time."""
    year, month = reference.year, reference.month
    for _ in range(n):
        if word == "后":
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        else:
            year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    text = f"{n}个月{word}"
    assert [(e.text, e.value) for e in run(f"在{text}，", reference_date=reference)] == [
        (text, f"{year:04d}-{month:02d}")
    ]
