"""Extractors ``email`` and ``url``.

Every pattern starts only where a run of its characters starts (a negative
look-behind) and consumes runs possessively, so no input makes it backtrack:
the scan is linear in the length of the text.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..document import Document, Entity

__all__ = ["EmailExtractor", "UrlExtractor"]

_EMAIL = regex.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]++@[A-Za-z0-9\-]++(?:\.[A-Za-z0-9\-]++)++"
)
_URL = regex.compile(
    r"(?<![A-Za-z0-9])(?:[Hh][Tt][Tt][Pp][Ss]?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]++"
)
_URL_TRAILING = ".,;:!?'\")]"


class EmailExtractor:
    """E-mail addresses; the value is the address in lower case."""

    name = "email"

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

    def extract(self, doc: Document) -> Iterator[Entity]:
        for m in _URL.finditer(doc.text):
            text = m.group().rstrip(_URL_TRAILING)
            if text.count("(") > text.count(")"):
                text = text[: text.index("(")] if "(" in text else text
            if len(text) <= len("www.") or text.endswith("://"):
                continue
            value = text if "://" in text else "http://" + text
            yield Entity("url", m.start(), m.start() + len(text), text, value=value)
