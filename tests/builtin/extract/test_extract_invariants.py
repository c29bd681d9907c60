"""Properties every extracted entity keeps, on text made of numerals, units, separators and Han.

* its span: ``doc.text[e.start:e.end] == e.text``;
* its magnitude: a number, amount or quantity written with 万, 亿 or 兆 as a multiplier is at
  least 10**4 (less the decimals written: 0.5万 = 5000), or is flagged approximate;
* its calendar: every date value (and the date in a time value) is a day, month, week or year
  that exists; a date with no value is a relative one or flagged ``invalid``.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from fractions import Fraction

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import hanpipe
from hanpipe.document import Document

DEFAULT = hanpipe.Pipeline(convert=None, segment=None, clean=None, entry_points=False)
KINDS = ["number", "percent", "money", "quantity", "date", "time", "email", "url", "phone"]

PIECES = [
    *"0123456789",
    "12",
    "100",
    "2024",
    "3.5",
    ".5",
    "0.5",
    *"一二三四五六七八九十百千两零〇壹",
    *"万亿兆萬億",
    "多",
    "余",
    "个",
    *"块毛角分元钱",
    "美元",
    *"人台家年月日号点半",
    "分钟",
    *",，.-()（）%~到至、。 ",
    "今天",
    "明天",
    "后天",
    "下周",
    "上个月",
    "明年",
    "去年",
    "天后",
    "前",
    "后",
    *"的是在大约近超第数",
    "GPT",
    "电话",
    "+852",
    "010-",
]
ALPHABET = "0123456789.,，-()%一二三五八十百千万亿兆多余个块毛角分元钱人年月日号天周前后今明下上的是大约 a"
texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=16).map("".join),
    st.text(alphabet=ALPHABET, max_size=40),
)
SETTINGS = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])

MULTIPLIERS = "万萬亿億兆"
_DECIMALS = re.compile(r"(?:[.．]|[点點])([0-9０-９零〇○一二两兩三四五六七八九]+)")


def _decimals(text: str) -> int:
    """How many digits stand after a decimal point in ``text`` (0.05万 → 2, 三点一四万 → 2)."""
    return max((len(m.group(1)) for m in _DECIMALS.finditer(text)), default=0)


def _exact(value: object) -> Fraction:
    if isinstance(value, float):
        return Fraction(Decimal(repr(value)))
    if isinstance(value, Decimal):
        return Fraction(value)
    assert isinstance(value, int), value
    return Fraction(value)


def check_magnitude(ent) -> None:
    if ent.kind not in ("number", "money", "quantity") or not any(c in ent.text for c in MULTIPLIERS):
        return
    attrs = ent.attrs
    if attrs.get("approx") or "denominator" in attrs:  # flagged, or a fraction (万分之一)
        return
    value = attrs.get("high", ent.value) if "high" in attrs else ent.value  # 3千到5万: the 万 is the high end's
    if value is None:  # too large to hold: flagged overflow
        assert attrs.get("overflow"), ent
        return
    magnitude = abs(_exact(value))
    assert magnitude == 0 or magnitude >= Fraction(10) ** (4 - _decimals(ent.text)), ent


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def real_date(part: str) -> bool:
    """``part`` names a day, month, ISO week or year that exists."""
    if m := re.fullmatch(r"(\d{4})", part):
        return 1 <= int(m[1]) <= 9999
    if m := re.fullmatch(r"(\d{4})-(\d{2})", part):
        return 1 <= int(m[1]) <= 9999 and 1 <= int(m[2]) <= 12
    if m := re.fullmatch(r"(\d{4})-W(\d{2})", part):
        try:
            dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            return False
        return True
    if m := re.fullmatch(r"--(\d{2})", part):
        return 1 <= int(m[1]) <= 12
    if m := re.fullmatch(r"--(\d{2})-(\d{2})", part):
        try:
            dt.date(2000, int(m[1]), int(m[2]))  # a leap year: --02-29 exists
        except ValueError:
            return False
        return True
    if m := re.fullmatch(r"---(\d{2})", part):
        return 1 <= int(m[1]) <= 31
    if _ISO_DAY.fullmatch(part):
        try:
            dt.date.fromisoformat(part)
        except ValueError:
            return False
        return True
    return False


def real_time(value: str) -> bool:
    date, _, clock = value.rpartition("T")
    if date and not real_date(date):
        return False
    m = re.fullmatch(r"(\d{2}):(\d{2})(?::(\d{2}))?", clock)
    if not m:
        return False
    hour, minute, second = int(m[1]), int(m[2]), int(m[3] or 0)
    return (hour < 24 or (hour == 24 and minute == second == 0)) and minute < 60 and second <= 60


def check_calendar(ent) -> None:
    if ent.kind == "date":
        if ent.value is None:
            assert ent.attrs.get("relative") or ent.attrs.get("invalid"), ent
            return
        assert not ent.attrs.get("invalid"), ent
        assert all(real_date(part) for part in ent.value.split("/")), ent
    elif ent.kind == "time":
        assert ent.value is not None and real_time(ent.value), ent


def check(doc: Document) -> None:
    for ent in doc.entities:
        assert doc.text[ent.start : ent.end] == ent.text, ent
        check_magnitude(ent)
        check_calendar(ent)


@SETTINGS
@given(texts)
@example("融资100多万元，销量300余万台，3万5，1亿2，0万5，0.5万")
@example("分别为5，100元，5，000万元，.5%，三块五毛二，八毛")
@example("明年2月29日，2月30日，13月1日，下个月31号")
def test_extract_invariants_default_extractors(text: str) -> None:
    check(DEFAULT.extract(Document.from_text(text)))


references = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))


@SETTINGS
@given(texts, references)
@example("明年2月29日，下个月31号，去年2月29日", dt.date(2024, 3, 31))
@example("明年，下周，3天后，大后天", dt.date(9999, 12, 31))
@example("去年，上周一，前天，5年前", dt.date(1, 1, 1))
def test_extract_invariants_relative_dates(text: str, reference: dt.date) -> None:
    """Against any reference date, including the ends of the calendar, no value is a day that does not exist."""
    extract = [{"engine": "date", "reference_date": reference}, "time", "number", "quantity", "money"]
    pipeline = hanpipe.Pipeline(convert=None, segment=None, clean=None, extract=extract, entry_points=False)
    check(pipeline.extract(Document.from_text(text)))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=16).map("".join))
def test_extract_invariants_each_extractor_alone(text: str) -> None:
    """Each extractor on its own (no overlap resolution to hide a wrong reading) keeps the invariants."""
    doc = Document.from_text(text)
    for kind in KINDS:
        pipeline = hanpipe.Pipeline(convert=None, segment=None, clean=None, extract=[kind], entry_points=False)
        check(pipeline.extract(doc))


def test_extract_invariants_checks_are_not_empty() -> None:
    """The checks reject what the extractors once produced (hand-written wrong entities)."""
    from hanpipe.document import Entity

    wrong = [
        Entity("number", 0, 5, "100多万", value=100, attrs={"approx": False}),
        Entity("number", 0, 3, "3万5", value=30005 // 10, attrs={"approx": False}),
        Entity("date", 0, 7, "明年2月29日", value="2025-02-29", attrs={"relative": True}),
        Entity("date", 0, 5, "2月30日", value="--02-30", attrs={}),
        Entity("date", 0, 2, "下周", value="2024-W60", attrs={"relative": True}),
        Entity("time", 0, 5, "25:00", value="25:00", attrs={}),
    ]
    for ent in wrong:
        try:
            check_magnitude(ent)
            check_calendar(ent)
        except AssertionError:
            continue
        raise AssertionError(f"not caught: {ent}")
