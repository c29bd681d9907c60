"""A day of the month alone (15日, 于15号, 廿三日) and ranges of days (5日至8日, 5至8日):
day dates wherever they stand, not counts of days; hand-checked cases and properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hanpipe
from hanpipe.document import Document
from hanpipe.pipeline import Pipeline

_PIPE = Pipeline(
    clean=None, convert=None, segment=None, extract=["date", "time", "number", "quantity", "money"], entry_points=False
)


def found(text: str) -> list[tuple[str, str, object, dict]]:
    return [(e.kind, e.text, e.value, dict(e.attrs)) for e in _PIPE.extract(Document.from_text(text)).entities]


def dates(text: str) -> list[tuple[str, object, dict]]:
    return [(t, v, a) for k, t, v, a in found(text) if k == "date"]


RANGE = {"range": True}


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a day alone at the end of a text, after a word of time, before punctuation or a verb
        ("15日", [("15日", "---15", {})]),
        ("截至15日", [("15日", "---15", {})]),
        ("于15日", [("15日", "---15", {})]),
        ("於15日", [("15日", "---15", {})]),
        ("到15日", [("15日", "---15", {})]),
        ("从15日", [("15日", "---15", {})]),
        ("15日，", [("15日", "---15", {})]),
        ("会议定于15日举行", [("15日", "---15", {})]),
        ("自15日起", [("15日", "---15", {})]),
        ("新华社北京8日电", [("8日", "---08", {})]),
        ("于1日", [("1日", "---01", {})]),
        ("31日", [("31日", "---31", {})]),
        # Chinese day numerals, 十日 on: 廿 is 二十, 卅 is 三十
        ("二十三日", [("二十三日", "---23", {})]),
        ("廿三日", [("廿三日", "---23", {})]),
        ("卅日", [("卅日", "---30", {})]),
        ("卅一日", [("卅一日", "---31", {})]),
        ("廿日，", [("廿日", "---20", {})]),
        ("十五日", [("十五日", "---15", {})]),
        ("三月廿三日", [("三月廿三日", "--03-23", {})]),
        ("三月卅日", [("三月卅日", "--03-30", {})]),
        # 一月 (January), which the number scan leaves unread alone (one month)
        ("一月十日", [("一月十日", "--01-10", {})]),
        ("一月三日，", [("一月三日", "--01-03", {})]),
        ("一月三十一日", [("一月三十一日", "--01-31", {})]),
        ("2024年一月十日", [("2024年一月十日", "2024-01-10", {})]),
        ("一月3号", [("一月3号", "--01-03", {})]),
        # N号 after a word of time, before a sentence's end, a part of the day or 起
        ("于15号", [("15号", "---15", {})]),
        ("截至15號，", [("15號", "---15", {})]),
        ("在25号晚上", [("25号", "---25", {})]),
        ("从3号起", [("3号", "---03", {})]),
        # ranges of days, as 7月6日至8日 (--07-06/--07-08) without the month
        ("5日至8日", [("5日至8日", "---05/---08", RANGE)]),
        ("5日-8日", [("5日-8日", "---05/---08", RANGE)]),
        ("5日~8日", [("5日~8日", "---05/---08", RANGE)]),
        ("5日到8日，", [("5日到8日", "---05/---08", RANGE)]),
        ("5至8日", [("5至8日", "---05/---08", RANGE)]),
        ("5~8日", [("5~8日", "---05/---08", RANGE)]),
        ("5-8日举行", [("5-8日", "---05/---08", RANGE)]),
        ("5～31日", [("5～31日", "---05/---31", RANGE)]),
        ("十五日至二十日", [("十五日至二十日", "---15/---20", RANGE)]),
        ("于二十至二十五日", [("二十至二十五日", "---20/---25", RANGE)]),
        ("5日至8日内", [("5日至8日", "---05/---08", RANGE)]),
        ("于5号至8号", [("5号至8号", "---05/---08", RANGE)]),
        ("从3号到5号，", [("3号到5号", "---03/---05", RANGE)]),
        # with the month (and year) before them
        ("7月6至8日", [("7月6至8日", "--07-06/--07-08", RANGE)]),
        ("7月6日-8日", [("7月6日-8日", "--07-06/--07-08", RANGE)]),
        ("2024年3月5至8日", [("2024年3月5至8日", "2024-03-05/2024-03-08", RANGE)]),
        ("2024年2月28日-3月2日", [("2024年2月28日-3月2日", "2024-02-28/2024-03-02", RANGE)]),
        ("2024年3月5日至8日", [("2024年3月5日至8日", "2024-03-05/2024-03-08", RANGE)]),
        # a range of months after a year, as 2020年至2022年 and 3月至5月
        ("2023年5-8月", [("2023年5-8月", "2023-05/2023-08", RANGE)]),
        ("2023年5至8月，", [("2023年5至8月", "2023-05/2023-08", RANGE)]),
        ("2023年5-8月份", [("2023年5-8月份", "2023-05/2023-08", RANGE)]),
        ("2023年3-15月", [("2023年", "2023", {})]),
        # two days that make no range are two days
        ("30日至2日", [("30日", "---30", {}), ("2日", "---02", {})]),
        ("5日、8日", [("5日", "---05", {}), ("8日", "---08", {})]),
    ],
)
def test_day_dates_read(text: str, want: list[tuple[str, str, dict]]) -> None:
    assert dates(text) == want


@pytest.mark.parametrize(
    "text",
    [
        # counts of days
        "15日内",
        "15日以内",
        "连续15日",
        "15日均",
        "历时15日",
        "推迟3日",
        "再过3日",
        "履行期限顺延30日",  # a term (was the 30th)
        "自收到之日起15日",
        "交货期延期7日",
        "为期15日",
        "近5日",
        "第15日",
        "每月15日",
        "3日后",
        "15个日",
        "3-5日到货",
        "1至3日送达",
        "三至五日",  # three to five days
        "一日",
        "九日",
        "两日",
        # yen and words
        "15日元",
        "7日游",
        # not days of the month
        "0日",
        "32日",
        "5至40日",
        # N号 without a word of time, or before a word: a line, a building, a player, a size
        "15号",
        "15号，",
        "10号线",
        "于3号楼",
        "在5号位",
        "穿10号。",
        "5号至8号",
        "3-5号，",
        # a range of months without a year may be a count of months
        "5-8月",
        # 一 of another word before 月
        "统一月",
        "第一月三日",
    ],
)
def test_day_dates_not_read(text: str) -> None:
    assert dates(text) == []


@pytest.mark.parametrize(
    ("text", "kind", "surface", "value"),
    [
        ("15日内", "quantity", "15日", 15),  # a count of days (was the number 15)
        ("3-5日到货", "number", "3-5", 3),
        ("5日至8日元", "money", "8日元", 8),
        ("5日至8", "number", "8", 8),  # a range sign with no day after it: no range
        ("今日-5℃", "quantity", "-5℃", -5),  # a minus after 今日 is still a sign
        ("气温-5℃", "quantity", "-5℃", -5),
    ],
)
def test_day_dates_leave_the_other_readings(text: str, kind: str, surface: str, value: object) -> None:
    assert (kind, surface, value) in [(k, t, v) for k, t, v, _ in found(text)]


@pytest.mark.parametrize(
    ("text", "surface", "days"),
    [
        # a term or a count of days is a duration (each was a bare number)
        ("履行期限顺延30日", "30日", 30),
        ("自收到之日起15日内付款", "15日", 15),
        ("交货期延期7日", "7日", 7),
        ("须在3日内完成", "3日", 3),
        ("3日内。", "3日", 3),
        ("历时15日", "15日", 15),
        ("为期3日的会议", "3日", 3),
        ("连续3日上涨", "3日", 3),
        ("近5日", "近5日", 5),
        ("员工入职满30日后方可申请转正", "30日", 30),
        ("本次降雨已持续逾10日", "逾10日", 10),
        ("每隔3日换一次药", "3日", 3),
        ("展期共3日", "3日", 3),
        ("经过9日的审理", "9日", 9),
        ("30日内无理由退货", "30日", 30),
    ],
)
def test_day_dates_counts_of_days_are_durations(text: str, surface: str, days: int) -> None:
    (e,) = [e for e in hanpipe.extract(text) if e.kind in ("quantity", "number", "date")]
    assert (e.kind, e.text, e.value, e.unit, e.attrs["duration"]) == ("quantity", surface, days, "日", f"P{days}D")


def test_day_dates_counts_of_days_among_many_rows() -> None:
    """Among more rows than are read one by one (the columns' path), the same counts of days and days."""
    many = "，".join(f"{i}个" for i in range(1, 80)) + "，履行期限顺延30日，定于15日举行，签约后10日内付款"
    got = [(e.kind, e.text) for e in hanpipe.extract(many) if "日" in e.text]
    assert got == [("quantity", "30日"), ("date", "15日"), ("quantity", "10日")]


@pytest.mark.parametrize(
    "text",
    [
        "每月15日发工资", "32日", "第15日", "定于15日举行", "5至40日", "15日元",
        # a character of a term word ending another word, 左右 after a day, 内 beginning a word
        "中共10日宣布", "不过10日凌晨", "最迟15日前提交", "请传达3日召开的会议精神", "接近15日时",
        "工资于每月10日左右发放", "15日內地新增確診病例", "日本10日内阁会议通过", "3日内蒙古发生地震",
    ],
)  # fmt: skip
def test_day_dates_no_duration_elsewhere(text: str) -> None:
    assert not [e for e in hanpipe.extract(text) if e.kind == "quantity" and e.unit == "日"]


def test_day_dates_no_number_left_in_a_range() -> None:
    """A range of days leaves no number (8, or -8 from 5日-8日) behind."""
    for text in ("5日至8日", "5日-8日", "5至8日", "5~8日", "7月6日-8日", "2024年2月28日-3月2日"):
        assert [k for k, *_ in found(text)] == ["date"], found(text)


_CUES = ["", "于", "於", "截至", "到", "至", "在", "从", "從", "自", "定于"]
_ENDS = ["", "，", "。", "、", " ", "举行", "上午", "起", "召开", "（星期五）"]


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 31), st.sampled_from(_CUES), st.sampled_from(_ENDS), st.sampled_from("日号號"))
def test_day_dates_property_day_alone(day: int, cue: str, end: str, mark: str) -> None:
    text = f"{cue}{day}{mark}{end}"
    got = dates(text)
    if mark == "日" or (cue and cue[-1] in "于於至到在从從自"):
        assert got == [(f"{day}{mark}", f"---{day:02d}", {})], text
    else:
        assert got == [], text  # N号 needs a word of time before it


_COUNTS = ["近", "连续", "历时", "为期", "每", "第", "共", "满", "约"]


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 31), st.sampled_from(_COUNTS), st.sampled_from(["", "，", "内", "以内", "之内", "后"]))
def test_day_dates_property_counts(day: int, count: str, end: str) -> None:
    assert dates(f"{count}{day}日{end}") == []
    assert dates(f"{day}日{end}") == (
        [] if end[:1] in ("内", "以", "之", "后") else [(f"{day}日", f"---{day:02d}", {})]
    )


_CN_DIGITS = "〇一二三四五六七八九"


def _chinese_day(day: int, tens_char: bool) -> str:
    """A day of 10 to 31 in Chinese numerals: 十五, 二十三 or 廿三, 三十 or 卅."""
    tens, ones = divmod(day, 10)
    if tens == 1:
        head = "十"
    elif tens_char:
        head = "廿" if tens == 2 else "卅"
    else:
        head = _CN_DIGITS[tens] + "十"
    return head + (_CN_DIGITS[ones] if ones else "")


@settings(max_examples=100, deadline=None)
@given(st.integers(10, 31), st.booleans(), st.sampled_from(["", "，"]), st.integers(1, 12) | st.none())
def test_day_dates_property_chinese(day: int, tens_char: bool, end: str, month: int | None) -> None:
    written = _chinese_day(day, tens_char)
    if month is None:
        assert dates(f"{written}日{end}") == [(f"{written}日", f"---{day:02d}", {})]
    else:
        mw = ("十" + _CN_DIGITS[month - 10].replace("〇", "")) if month >= 10 else _CN_DIGITS[month]
        valid = not (month == 2 and day > 29) and not (month in (4, 6, 9, 11) and day == 31)
        want = [(f"{mw}月{written}日", f"--{month:02d}-{day:02d}", {})] if valid else None
        if want is not None:
            assert dates(f"{mw}月{written}日{end}") == want


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 30),
    st.integers(1, 30),
    st.sampled_from(["日至{}日", "日-{}日", "日~{}日", "日到{}日", "至{}日", "-{}日", "~{}日", "～{}日"]),
    st.sampled_from(["", "，", "举行", "内"]),
)
def test_day_dates_property_ranges(low: int, span: int, form: str, end: str) -> None:
    high = min(31, low + span)
    if high == low:
        return
    text = f"{low}{form.format(high)}{end}"
    surface = text[: len(text) - len(end)]
    got = dates(text)
    if end == "内" and form[0] != "日":
        assert got == [], text  # 5至8日内: a count of days
    else:
        assert got == [(surface, f"---{low:02d}/---{high:02d}", RANGE)], text
