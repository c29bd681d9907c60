"""Phone numbers (and the e-mail and URL extractors beside them)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanpipe.builtin.extract.contacts import _EMAIL, _URL, email_matches, url_matches
from hanpipe.document import Document
from hanpipe.pipeline import Pipeline


def run(text: str, kinds=("phone", "email", "url", "number")) -> list:
    p = Pipeline(clean=None, convert=None, segment=None, extract=list(kinds), entry_points=False)
    return list(p.extract(Document.from_text(text)).entities)


@pytest.mark.parametrize(
    ("text", "surface", "value", "kind"),
    [
        ("热线:156 0057 2229 投诉", "156 0057 2229", "15600572229", "mobile"),
        ("电话15600572229。", "15600572229", "15600572229", "mobile"),
        ("电话156-0057-2229。", "156-0057-2229", "15600572229", "mobile"),
        ("致电+86 156 0057 2229", "+86 156 0057 2229", "15600572229", "mobile"),
        ("致电+8615600572229", "+8615600572229", "15600572229", "mobile"),
        ("客服400-800-1234", "400-800-1234", "4008001234", "service"),
        ("拨打800 820 8820", "800 820 8820", "8008208820", "service"),
        ("座机010-62345678转", "010-62345678", "010-62345678", "landline"),
        ("座机(0755)26345678", "(0755)26345678", "0755-26345678", "landline"),
        ("座机0571 8765432", "0571 8765432", "0571-8765432", "landline"),
        # Taiwan, Hong Kong, Macau and mainland landline forms (hand-checked)
        ("电话(02)2345-6789", "(02)2345-6789", "02-23456789", "landline"),
        ("电话(02)2712-3456。", "(02)2712-3456", "02-27123456", "landline"),
        ("电话02-2712-3456", "02-2712-3456", "02-27123456", "landline"),
        ("电话（07）2345 6789", "（07）2345 6789", "07-23456789", "landline"),
        ("电话+886 2 2712 3456", "+886 2 2712 3456", "02-27123456", "landline"),
        ("手机0912-345-678", "0912-345-678", "0912345678", "mobile"),
        ("手机+886 912 345 678", "+886 912 345 678", "0912345678", "mobile"),
        ("电话(852) 2888 1234", "(852) 2888 1234", "+852-28881234", "landline"),
        ("电话(853) 2888 1234", "(853) 2888 1234", "+853-28881234", "landline"),
        ("电话+852 2888 1234", "+852 2888 1234", "+852-28881234", "landline"),
        ("手机+852 9123 4567", "+852 9123 4567", "+852-91234567", "mobile"),
        ("电话（+852）2888-1234", "（+852）2888-1234", "+852-28881234", "landline"),
        ("座机010-6552 1234", "010-6552 1234", "010-65521234", "landline"),
        ("座机(010)62345678", "(010)62345678", "010-62345678", "landline"),
        ("座机0755-8888 6666", "0755-8888 6666", "0755-88886666", "landline"),
        ("座机+86 10 6552 1234", "+86 10 6552 1234", "010-65521234", "landline"),
    ],
)
def test_extract_contacts_phone(text: str, surface: str, value: str, kind: str) -> None:
    phones = [e for e in run(text) if e.kind == "phone"]
    assert len(phones) == 1, run(text)
    assert (phones[0].text, phones[0].value, phones[0].attrs["type"]) == (surface, value, kind)
    assert phones[0].attrs["region"] == _region(value)
    assert not [e for e in run(text) if e.kind == "number" and e.start < phones[0].end and phones[0].start < e.end]


def _region(value: str) -> str:
    """The region by hand: Taiwan area codes are one digit after the 0 (02-, 07-), mobiles 09."""
    if value.startswith("+852"):
        return "HK"
    if value.startswith("+853"):
        return "MO"
    if value.startswith("09") or (value[0] == "0" and value[2] == "-"):
        return "TW"
    return "CN"


@pytest.mark.parametrize(
    "text",
    ["订单号123456789012345", "12345678901", "2023-05-20", "版本10.0.1", "0912-345678", "2020-2022年", "第3-5页"],
)
def test_extract_contacts_not_phones(text: str) -> None:
    assert [e for e in run(text) if e.kind == "phone"] == []


def test_extract_contacts_digits_inside_addresses_are_not_numbers() -> None:
    ents = run("见http://www.hqwc.cn/news/217188.html或email:809451989@qq.com")
    assert [(e.kind, e.text) for e in ents] == [
        ("url", "http://www.hqwc.cn/news/217188.html"),
        ("email", "809451989@qq.com"),
    ]


DEFAULT = ["number", "percent", "money", "quantity", "date", "time", "email", "url", "phone"]


def _groups(draw, sizes: tuple[int, ...], first: str = "23456789") -> list[str]:
    out = []
    for k, size in enumerate(sizes):
        lead = draw(st.sampled_from(first)) if k == 0 else draw(st.sampled_from("0123456789"))
        out.append(lead + "".join(draw(st.sampled_from("0123456789")) for _ in range(size - 1)))
    return out


@st.composite
def phones(draw) -> tuple[str, str]:
    """A phone number in one of the written forms, with its value built by hand."""
    form = draw(st.sampled_from(["tw", "tw-dash", "hk", "hk+", "cn", "cn()", "cn+"]))
    sep = draw(st.sampled_from(["-", " ", ""]))
    if form in ("tw", "tw-dash"):
        area = draw(st.sampled_from("2345678"))
        a, b = _groups(draw, (4, 4))
        head = f"(0{area})" if form == "tw" else f"0{area}-"
        return f"{head}{a}{sep}{b}", f"0{area}-{a}{b}"
    if form in ("hk", "hk+"):
        code = draw(st.sampled_from(["852", "853"]))
        a, b = _groups(draw, (4, 4), first="2369")
        head = f"({code}) " if form == "hk" else f"+{code} "
        return f"{head}{a}{sep}{b}", f"+{code}-{a}{b}"
    area = draw(st.sampled_from(["10", "21", "755", "571", "28"]))
    a, b = _groups(draw, (draw(st.sampled_from((3, 4))), 4))
    if form == "cn":
        return f"0{area}-{a}{sep}{b}", f"0{area}-{a}{b}"
    if form == "cn()":
        return f"(0{area}){a}{sep}{b}", f"0{area}-{a}{b}"
    return f"+86 {area} {a}{sep}{b}", f"0{area}-{a}{b}"


@settings(max_examples=200, deadline=None)
@given(phones(), st.sampled_from(["电话", "请拨打", "联系：", "Tel: ", ""]), st.sampled_from(["。", "，谢谢", " ", ""]))
def test_extract_contacts_phone_property(phone: tuple[str, str], before: str, after: str) -> None:
    """Every phone form is one phone entity with its digits as value; no number, range or amount
    is read over its digits with the default extractors."""
    surface, value = phone
    text = f"{before}{surface}{after}"
    ents = run(text, DEFAULT)
    found = [(e.kind, e.text, e.value) for e in ents if e.kind == "phone"]
    assert found == [("phone", surface, value)], ents
    start = len(before)
    end = start + len(surface)
    assert not [e for e in ents if e.kind != "phone" and e.start < end and start < e.end], ents


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 -()（）+＋852电话a，", max_size=60))
def test_extract_contacts_phone_runs_lose_nothing(text: str) -> None:
    """Looking for phones only inside digit runs finds what the whole pattern finds over the whole text."""
    from hanpipe.builtin.extract.contacts import _PHONE, PhoneExtractor
    from hanpipe.document import Document

    want = [(m.start(), m.end()) for m in _PHONE.finditer(text)]
    found = PhoneExtractor().extract(Document.from_text(text))
    # short service numbers after a label (电话110) are read at run starts, not by _PHONE
    got = [(e.start, e.end) for e in found if not (e.text.isdigit() and len(e.text) <= 8)]
    assert got == want


# -- addresses and URLs looked for only at their anchors --------------------------------------------

_PIECES = ["@", "a", "Z", "9", ".", "-", "_", "+", "%", "com", "cn", "://", "http", "HTTPS", "hTtp", "www.", "/", "?",
           "(", ")", " ", "中", "，", "x@y.io", "http://a.cn/p?q=1", "www.b.com.", "https://c.org/(d)"]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_extract_contacts_anchored_matches_equal_finditer(text: str) -> None:
    """Looking only at each ``@``, ``www.`` and ``://`` finds what scanning every position does."""
    spans = [m.span() for m in email_matches(text)]
    assert spans == [m.span() for m in _EMAIL.finditer(text)]
    spans = [m.span() for m in url_matches(text)]
    assert spans == [m.span() for m in _URL.finditer(text)]


@pytest.mark.parametrize(
    ("text", "emails", "urls"),
    [
        ("写信到 Li.Ming@Example.COM 或 a@b", ["Li.Ming@Example.COM"], []),
        ("a@b.com@c.org", ["a@b.com"], []),  # the second @ is in no address of its own
        (".x@y.com", [".x@y.com"], []),  # found, then dropped by the extractor (it starts with a dot)
        ("见http://a.cn/?u=http://b.cn。", [], ["http://a.cn/?u=http://b.cn"]),
        ("xhttp://a.cn 和 www.b.com", [], ["www.b.com"]),  # a scheme after a letter is no URL start
        ("HTTPS://A.CN/x", [], ["HTTPS://A.CN/x"]),
    ],
)
def test_extract_contacts_anchored_matches_by_hand(text: str, emails: list[str], urls: list[str]) -> None:
    assert [m.group() for m in email_matches(text)] == emails
    assert [m.group() for m in url_matches(text)] == urls
