"""Numbers that are phones only after a phone label: eight digits without an area or country
code (Hong Kong and Macau write 2345 6789), and a mainland landline whose local number begins
with 0 or 1 (flagged ``invalid``); hand-checked cases and properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hanpipe

LOCAL = {"type": "local"}
BAD = {"type": "landline", "region": "CN", "invalid": True}


def phones(text: str) -> list[tuple[str, str, dict]]:
    return [(e.text, e.value, dict(e.attrs)) for e in hanpipe.extract(text) if e.kind == "phone"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("聯絡電話 9123 4567", [("9123 4567", "91234567", LOCAL)]),
        ("電話：2345 6789", [("2345 6789", "23456789", LOCAL)]),
        ("Tel: 2345 6789", [("2345 6789", "23456789", LOCAL)]),
        ("电话 2888 1234", [("2888 1234", "28881234", LOCAL)]),
        ("电话 2888 1234。", [("2888 1234", "28881234", LOCAL)]),
        ("电话：2345-6789", [("2345-6789", "23456789", LOCAL)]),
        ("電話：23456789", [("23456789", "23456789", LOCAL)]),
        ("热线 6234 5678，", [("6234 5678", "62345678", LOCAL)]),
        ("傳真：2345 6789", [("2345 6789", "23456789", {**LOCAL, "fax": True})]),
        (
            "電話：2345 6789、2345 6790",
            [("2345 6789", "23456789", LOCAL), ("2345 6790", "23456790", LOCAL)],
        ),
        # an area code before a local number that begins with 0 or 1: written wrong
        ("传真：021-12345678", [("021-12345678", "021-12345678", {**BAD, "fax": True})]),
        ("电话：010-1234567", [("010-1234567", "010-1234567", BAD)]),
        ("电话：(021)12345678", [("(021)12345678", "021-12345678", BAD)]),
        ("电话：0755-0234 5678", [("0755-0234 5678", "0755-02345678", BAD)]),
        # what was read before stays as it was
        (
            "传真：021-62345678",
            [("021-62345678", "021-62345678", {"type": "landline", "region": "CN", "fax": True})],
        ),
        ("FAX 95105588", [("95105588", "95105588", {"type": "service", "region": "CN", "fax": True})]),
        ("服务热线：95588。", [("95588", "95588", {"type": "service", "region": "CN"})]),
        ("拨打110 120", [("110", "110", {"type": "service"})]),
        ("(852) 2888 1234", [("(852) 2888 1234", "+852-28881234", {"type": "landline", "region": "HK"})]),
    ],
)
def test_phones_labelled_read(text: str, want: list) -> None:
    assert phones(text) == want
    ents = hanpipe.extract(text)
    for e in ents:  # a phone is never also a number or a number range
        if e.kind != "phone":
            assert not any(p.start < e.end and e.start < p.end for p in ents if p.kind == "phone"), ents


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        # no label: too ambiguous (a count, a code, two numbers)
        ("2345 6789", [2345, 6789]),
        ("共2345 6789", [2345, 6789]),
        ("021-12345678", None),
        # after a label but no phone of eight digits
        ("Tel: 2345 6789 1234", [2345, 6789, 1234]),
        ("电话：1234 5678。", None),  # a local number never begins with 1
        ("电话：0234 5678", None),
        ("电话：2345 678", None),
        ("电话：2345 6789.5", None),
        ("电话号码共2345 6789条", None),  # no label right before the digits
        ("电话：1234 5678", None),  # nor a short number cut from a longer one
    ],
)
def test_phones_labelled_not_read(text: str, numbers: list[int] | None) -> None:
    assert phones(text) == []
    if numbers is not None:
        assert [e.value for e in hanpipe.extract(text) if e.kind == "number"] == numbers


LABELS = ["电话：", "電話：", "聯絡電話 ", "Tel: ", "TEL:", "热线 ", "客服電話: ", "传真：", "Fax: "]


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(LABELS),
    st.sampled_from("23456789"),
    st.text(alphabet="0123456789", min_size=7, max_size=7),
    st.sampled_from([" ", "-", ""]),
    st.sampled_from(["", "。", "，谢谢", " 或"]),
)
def test_phones_labelled_local_property(label: str, first: str, rest: str, sep: str, after: str) -> None:
    """Eight digits (2 to 9 first; 2 to 8 in one piece) after a phone label are one local phone
    whose value is the digits, and no other entity overlaps it, in extract and process."""
    digits = first + rest
    if not sep and first == "9":
        return  # 9xxxxxxx in one piece is a service number (95105588)
    written = digits[:4] + sep + digits[4:]
    text = f"{label}{written}{after}"
    start = len(label)
    for ents in (hanpipe.extract(text), list(hanpipe.process(text).entities)):
        got = [(e.start, e.end, e.value, e.attrs["type"]) for e in ents if e.kind == "phone"]
        assert got == [(start, start + len(written), digits, "local")], ents
        assert not [e for e in ents if e.kind != "phone" and e.start < start + len(written) and start < e.end]


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(LABELS),
    st.sampled_from(["010", "021", "020", "0755", "0571"]),
    st.sampled_from("01"),
    st.text(alphabet="0123456789", min_size=6, max_size=7),
    st.sampled_from(["-", " ", ""]),
)
def test_phones_labelled_invalid_property(label: str, area: str, first: str, rest: str, sep: str) -> None:
    """An area code and a local number beginning with 0 or 1 after a label: one phone flagged
    ``invalid``, never a number from the area code (021 is no 21)."""
    text = f"{label}{area}{sep}{first}{rest}"
    ents = hanpipe.extract(text)
    got = [(e.value, e.attrs.get("invalid")) for e in ents if e.kind == "phone"]
    assert got == [(f"{area}-{first}{rest}", True)], ents
    assert [e for e in ents if e.kind != "phone"] == []
