"""Extractors ``email``, ``url`` and ``phone``.

Every pattern starts only where a run of its characters starts (a negative
look-behind) and consumes runs possessively, so no input makes it backtrack:
the scan is linear in the length of the text. The phone patterns have only
bounded quantifiers, so each start position costs a constant.

Contacts have the highest priority: digits inside an address or a phone
number are not numbers of their own.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..document import Document, Entity

__all__ = ["EmailExtractor", "PhoneExtractor", "UrlExtractor"]

PRIORITY_CONTACT = 100

_EMAIL = regex.compile(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]++@[A-Za-z0-9\-]++(?:\.[A-Za-z0-9\-]++)++")
_URL = regex.compile(r"(?<![A-Za-z0-9])(?:[Hh][Tt][Tt][Pp][Ss]?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]++")
_PHONE = regex.compile(
    r"(?<![\d+＋])"
    r"(?:"
    r"(?P<cc>(?:\+|＋|00)86[ \-]?)?(?P<mobile>1[3-9]\d[ \-]?\d{4}[ \-]?\d{4})"
    r"|(?P<free>[48]00[ \-]?\d{3}[ \-]?\d{4})"
    r"|(?P<area>\(0\d{2,3}\)|0\d{2,3})[ \-]?(?P<local>[2-9]\d{6,7})"
    r")(?![\d])"
)
_URL_TRAILING = ".,;:!?'\")]"


class EmailExtractor:
    """E-mail addresses; the value is the address in lower case."""

    name = "email"
    priority = PRIORITY_CONTACT

    def extract(self, doc: Document) -> Iterator[Entity]:
        for m in _EMAIL.finditer(doc.text):
            text = m.group()
            tld = text.rsplit(".", 1)[1]
            if len(tld) < 2 or not tld.isalpha() or text.startswith("."):
                continue
            yield Entity("email", m.start(), m.end(), text, value=text.lower())


class UrlExtractor:
    """http(s) and www. URLs; trailing sentence punctuation is not part of them."""

    name = "url"
    priority = PRIORITY_CONTACT

    def extract(self, doc: Document) -> Iterator[Entity]:
        for m in _URL.finditer(doc.text):
            text = m.group().rstrip(_URL_TRAILING)
            if text.count("(") > text.count(")"):
                text = text[: text.index("(")] if "(" in text else text
            if len(text) <= len("www.") or text.endswith("://"):
                continue
            value = text if "://" in text else "http://" + text
            yield Entity("url", m.start(), m.start() + len(text), text, value=value)


class PhoneExtractor:
    """Mainland mobiles (+86 or not, spaces or dashes), landlines with area code, 400/800 numbers.

    The value is the digits alone: ``15600572229``, ``4008001234``, and
    ``010-12345678`` for landlines (area code, dash, local number).
    ``attrs["type"]`` is ``mobile``, ``landline`` or ``service``.
    """

    name = "phone"
    priority = PRIORITY_CONTACT

    def extract(self, doc: Document) -> Iterator[Entity]:
        text = doc.text
        for m in _PHONE.finditer(text):
            if m["mobile"]:
                value, kind = _digits(m["mobile"]), "mobile"
            elif m["free"]:
                value, kind = _digits(m["free"]), "service"
            else:
                value, kind = f"{_digits(m['area'])}-{m['local']}", "landline"
            yield Entity("phone", m.start(), m.end(), m.group(), value=value, attrs={"type": kind})


def _digits(s: str) -> str:
    return "".join(ch for ch in s if ch.isdigit())
