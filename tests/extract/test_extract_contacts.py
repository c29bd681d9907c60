"""Phone numbers (and the e-mail and URL extractors beside them)."""

from __future__ import annotations

import pytest

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
    ],
)
def test_extract_contacts_phone(text: str, surface: str, value: str, kind: str) -> None:
    phones = [e for e in run(text) if e.kind == "phone"]
    assert len(phones) == 1, run(text)
    assert (phones[0].text, phones[0].value, phones[0].attrs["type"]) == (surface, value, kind)
    assert not [e for e in run(text) if e.kind == "number" and e.start < phones[0].end and phones[0].start < e.end]


@pytest.mark.parametrize("text", ["订单号123456789012345", "12345678901", "2023-05-20", "版本10.0.1"])
def test_extract_contacts_not_phones(text: str) -> None:
    assert [e for e in run(text) if e.kind == "phone"] == []


def test_extract_contacts_digits_inside_addresses_are_not_numbers() -> None:
    ents = run("见http://www.hqwc.cn/news/217188.html或email:809451989@qq.com")
    assert [(e.kind, e.text) for e in ents] == [
        ("url", "http://www.hqwc.cn/news/217188.html"),
        ("email", "809451989@qq.com"),
    ]
