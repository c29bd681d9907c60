"""Date and time entities: ISO 8601 values, ranges, relative years."""

from __future__ import annotations

import pytest

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
