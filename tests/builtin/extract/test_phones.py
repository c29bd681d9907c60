"""Phones beyond the mainland mobile (issue 14): Hong Kong, Macau and Taiwan forms, grouped
mainland landlines, short service numbers after a phone label, fax lines; through the
default extractors, a phone is never also a number, a range, an amount or a date."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

import hanpipe
from hanpipe.builtin.extract import contacts
from hanpipe.document import Document
from tests.builtin.clean.test_linear import SIZES, _CountingPattern, cycle, tracing

#: (text, surface, value, type, region or None, fax); values written by hand
CASES = [
    ("澳门电话(853) 2888 1234。", "(853) 2888 1234", "+853-28881234", "landline", "MO", False),
    ("香港热线+852 2345 6789", "+852 2345 6789", "+852-23456789", "landline", "HK", False),
    ("香港(852)23456789", "(852)23456789", "+852-23456789", "landline", "HK", False),
    ("台北(02)2712-3456", "(02)2712-3456", "02-27123456", "landline", "TW", False),
    ("台北02-2712-3456", "02-2712-3456", "02-27123456", "landline", "TW", False),
    ("高雄(07)123-4567", "(07)123-4567", "07-1234567", "landline", "TW", False),
    ("高雄07-123-4567。", "07-123-4567", "07-1234567", "landline", "TW", False),
    ("北京010-6552 1234", "010-6552 1234", "010-65521234", "landline", "CN", False),
    ("深圳0755-8888 8888", "0755-8888 8888", "0755-88888888", "landline", "CN", False),
    ("北京(010)65521234", "(010)65521234", "010-65521234", "landline", "CN", False),
    ("服务热线：95588。", "95588", "95588", "service", "CN", False),
    ("举报电话：12321", "12321", "12321", "service", "CN", False),
    ("客服電話: 400-820-8820", "400-820-8820", "4008208820", "service", "CN", False),
    ("免费热线800-820-8820", "800-820-8820", "8008208820", "service", "CN", False),
    ("咨询电话 10086，", "10086", "10086", "service", "CN", False),
    ("紧急情况请拨打110", "110", "110", "service", None, False),
    ("Hotline: 999", "999", "999", "service", None, False),
    ("传真：010-6552 1234", "010-6552 1234", "010-65521234", "landline", "CN", True),
    ("傳真號碼：(02)2712-3456", "(02)2712-3456", "02-27123456", "landline", "TW", True),
    ("Fax: +852 2345 6789", "+852 2345 6789", "+852-23456789", "landline", "HK", True),
    ("FAX 95105588", "95105588", "95105588", "service", "CN", True),
]


@pytest.mark.parametrize(("text", "surface", "value", "kind", "region", "fax"), CASES)
def test_phones_read(text: str, surface: str, value: str, kind: str, region: str | None, fax: bool) -> None:
    ents = hanpipe.extract(text)
    phones = [e for e in ents if e.kind == "phone"]
    assert [(e.text, e.value, e.attrs["type"], e.attrs.get("region")) for e in phones] == [
        (surface, value, kind, region)
    ], ents
    assert phones[0].attrs.get("fax", False) is fax
    assert text[phones[0].start : phones[0].end] == surface
    assert [e for e in ents if e.kind != "phone"] == []


def test_phones_listed_after_a_label() -> None:
    ents = hanpipe.extract("请拨打110或120，热线12345、12315。")
    assert [(e.kind, e.value) for e in ents] == [
        ("phone", "110"),
        ("phone", "120"),
        ("phone", "12345"),
        ("phone", "12315"),
    ]


def test_phone_then_fax_each_labelled() -> None:
    ents = hanpipe.extract("电话：010-6552 1234，传真：010-6552 1235")
    assert [(e.value, e.attrs.get("fax", False)) for e in ents] == [("010-65521234", False), ("010-65521235", True)]


@pytest.mark.parametrize(
    ("text", "kind", "surface"),
    [
        ("价格95588元", "money", "95588元"),
        ("客服：100人", "quantity", "100人"),
        ("热线增至120个", "quantity", "120个"),
        ("客服电话1,200", "number", "1,200"),
        ("热线：95.5%", "percent", "95.5%"),
        ("会议于2024-05-20召开", "date", "2024-05-20"),
        ("2019-2020年", "number", "2019-2020"),
        ("比分3-1", None, None),
        ("版本1.2.3发布", None, None),
        ("身份证号110101199003071234", "number", "110101199003071234"),
        ("订单号123456789012345", "number", "123456789012345"),
        ("第3-5页", None, None),
        ("0912-345678", None, None),
        ("电话：12", "number", "12"),
    ],
)
def test_phones_not_read(text: str, kind: str | None, surface: str | None) -> None:
    """Amounts, counts, dates, year ranges, scores, versions and ID-like digits are no phones."""
    ents = hanpipe.extract(text)
    assert [e for e in ents if e.kind == "phone"] == [], ents
    if kind is not None:
        assert (kind, surface) in [(e.kind, e.text) for e in ents], ents


LABELS = ["服务热线：", "举报电话：", "客服電話: ", "Tel: ", "拨打", "热线 ", "传真："]


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(LABELS),
    st.sampled_from(["1", "9"]),
    st.text(alphabet="0123456789", min_size=2, max_size=4),
    st.sampled_from(["", "。", "，谢谢", "转2", " 或"]),
)
def test_phones_short_number_property(label: str, lead: str, rest: str, after: str) -> None:
    """Any short service number (three to six digits, 1 or 9 first) after a phone label is one
    phone whose value is its digits, and no other entity overlaps it, in extract and process."""
    digits = lead + rest
    text = f"{label}{digits}{after}"
    start = len(label)
    for ents in (hanpipe.extract(text), list(hanpipe.process(text).entities)):
        phones = [e for e in ents if e.kind == "phone"]
        assert [(e.start, e.end, e.value) for e in phones] == [(start, start + len(digits), digits)], ents
        assert phones[0].attrs.get("fax", False) is label.startswith("传真")
        assert not [e for e in ents if e.kind != "phone" and e.start < start + len(digits) and start < e.end]


def _grouped(draw, n: int, first: str = "23456789") -> str:
    return draw(st.sampled_from(first)) + "".join(draw(st.sampled_from("0123456789")) for _ in range(n - 1))


@st.composite
def regional(draw) -> tuple[str, str]:
    """A Hong Kong, Macau, Taiwan or grouped mainland number as written, and its value by hand."""
    form = draw(st.sampled_from(["hk()", "hk+", "tw()", "tw-", "tw7", "cn", "cn()"]))
    sep = draw(st.sampled_from([" ", "-", ""]))
    if form.startswith("hk"):
        code = draw(st.sampled_from(["852", "853"]))
        a, b = _grouped(draw, 4), _grouped(draw, 4, "0123456789")
        head = f"({code})" + draw(st.sampled_from([" ", ""])) if form == "hk()" else f"+{code} "
        return f"{head}{a}{sep}{b}", f"+{code}-{a}{b}"
    if form.startswith("tw"):
        area = draw(st.sampled_from("2345678"))
        a = _grouped(draw, 3 if form == "tw7" else 4, "123456789")
        b = _grouped(draw, 4, "0123456789")
        head = f"0{area}-" if form == "tw-" else f"(0{area})"
        return f"{head}{a}{sep}{b}", f"0{area}-{a}{b}"
    area = draw(st.sampled_from(["10", "21", "755", "571"]))
    a, b = _grouped(draw, 4), _grouped(draw, 4, "0123456789")
    head = f"0{area}-" if form == "cn" else f"(0{area})"
    return f"{head}{a}{sep}{b}", f"0{area}-{a}{b}"


@settings(max_examples=200, deadline=None)
@given(
    regional(),
    st.sampled_from(["电话", "傳真：", "Tel: ", "联系", ""]),
    st.sampled_from(["。", "，2024-05-20", " ", ""]),
)
def test_phones_regional_property(phone: tuple[str, str], before: str, after: str) -> None:
    """Every regional form is one phone with its value, fax only after a fax label, and no
    number, range, amount or date over its digits, in extract and in process."""
    surface, value = phone
    text = f"{before}{surface}{after}"
    start, end = len(before), len(before) + len(surface)
    for ents in (hanpipe.extract(text), list(hanpipe.process(text).entities)):
        phones = [(e.start, e.end, e.value, e.attrs.get("fax", False)) for e in ents if e.kind == "phone"]
        assert phones == [(start, end, value, before == "傳真：")], ents
        assert not [e for e in ents if e.kind != "phone" and e.start < end and start < e.end], ents


#: the reference for short numbers: a label, then the digits, looked for over the whole text
#: (slow: the label alternation is tried at every position; the extractor looks only at runs)
_SHORT_REFERENCE = regex.compile(
    r"(?:传真|傳真|[Ff]ax|FAX|电话|電話|热线|熱線|专线|專線|客服|拨打|撥打|致电|致電|[Tt]el|TEL|[Pp]hone|PHONE"
    r"|[Hh]otline|HOTLINE)(?:号码|號碼|号|號)?[.:：]? ?(1[0-9]{2,4}|9[0-9]{2,7})(?![0-9]|[.,．][0-9]|[%％\-])"
)
#: and each one listed right after it (110或120, 12345、12315)
_SHORT_LISTED = regex.compile(r"(?:或|和|及|、|/|，|, ?)(1[0-9]{2,4}|9[0-9]{2,7})(?![0-9]|[.,．][0-9]|[%％\-])")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*"0123456789 -:：，。人转a", "电话", "热线", "Tel", "传真", "号码", "客服"]), max_size=30)
)
def test_phones_short_numbers_found_at_run_starts(parts: list[str]) -> None:
    """Looking for short numbers only where a digit run starts after a label's last character
    finds what the label-first pattern finds over the whole text, with the numbers listed after
    one (before a Han character other than 转 neither reads: 客服：100人)."""
    text = "".join(parts)

    def stands(m: regex.Match[str]) -> bool:
        return not ("\u4e00" <= text[m.end() : m.end() + 1] <= "\u9fff" and text[m.end()] != "转")

    want = []
    for m in _SHORT_REFERENCE.finditer(text):
        if not stands(m):
            continue
        want.append((m.start(1), m.end(1)))
        listed = _SHORT_LISTED.match(text, m.end())  # 电话100，110: a list goes on after the first
        while listed is not None and stands(listed):
            want.append((listed.start(1), listed.end(1)))
            listed = _SHORT_LISTED.match(text, listed.end())
    found = contacts.PhoneExtractor().extract(Document.from_text(text))
    got = [(e.start, e.end) for e in found if e.attrs["type"] == "service" and len(e.text) <= 8 and e.text.isdigit()]
    assert got == want


#: hostile inputs of the phone extractor: labels, digit runs and brackets packed end to end
HOSTILE = {
    "labels": cycle("电话："),
    "label-digits": cycle("热线123"),
    "label-long-runs": lambda n: "Tel: " + "1 " * (n // 2),
    "chained-shorts": cycle("热线110或"),
    "labels-before-runs": cycle("传真：12345678 "),
    "short-lists": cycle("拨打110或"),
    "fax-labels": cycle("传真：1"),
    "brackets": cycle("(852)("),
    "digit-runs": cycle("0-1 2-"),
}


class _Bounded(_CountingPattern):
    """A counting pattern whose scans read up to ``endpos``, not to the end of the string:
    the phone extractor looks for labels in a window of a few characters before a number."""

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[Any]:
        self._tally[0] += min(endpos, len(string)) - pos + 1
        return self._pattern.finditer(string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        self._tally[0] += min(endpos, len(string)) - pos + 1
        return self._pattern.search(string, pos, endpos)


@pytest.mark.parametrize("shape", list(HOSTILE))
def test_phones_work_grows_linearly(shape: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Lines run plus characters read by the phone patterns, per input character, stay flat
    over an eight-fold size increase (as tests/builtin/clean/test_linear.py counts them)."""
    tally = [0]
    for name in ("_PHONE", "_SHORT", "_SHORT_NEXT", "_FAX_BEFORE", "_LABEL_BEFORE"):  # the runs: one kernel call
        monkeypatch.setattr(contacts, name, _Bounded(getattr(contacts, name), tally))
    extractor = contacts.PhoneExtractor()
    per_char = []
    for n in SIZES:
        text = HOSTILE[shape](n)
        tally[0] = 0
        with tracing(tally):
            extractor.extract(Document.from_text(text))
        per_char.append(tally[0] / len(text))
    assert per_char[-1] <= 1.25 * per_char[0] + 0.5, [round(x, 2) for x in per_char]
