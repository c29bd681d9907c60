"""Date and time entities: ISO 8601 values, ranges, relative years."""

from __future__ import annotations

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
        ("下午16:00:55开始", "time", "16:00:55", "16:00:55"),
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


@pytest.mark.parametrize("text", ["2月30日", "13月1日", "2023-13-01", "25:61", "第3月"])
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


def test_extract_dates_bad_reference() -> None:
    with pytest.raises(ConfigError, match="reference_date"):
        Pipeline(clean=None, convert=None, segment=None, extract=[{"engine": "date", "reference_date": "soon"}])


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
        "15时",
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
    assert [(e.kind, e.text, e.value) for e in ents] == [("number", "三点一四", 3.14)]


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
