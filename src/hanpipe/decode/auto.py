"""Detector ``auto``: BOM, strict UTF-8, then GB18030 against Big5."""

from __future__ import annotations

import codecs

from ..document import Document
from ..errors import DecodeError

__all__ = ["AutoDetector"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _damaged(text: str) -> list[list[int]]:
    spans: list[list[int]] = []
    start = text.find("\ufffd")
    while start >= 0:
        end = start + 1
        while end < len(text) and text[end] == "\ufffd":
            end += 1
        spans.append([start, end])
        start = text.find("\ufffd", end)
    return spans


class AutoDetector:
    """Detect the encoding of Chinese web bytes and decode them."""

    name = "auto"

    def decode(self, data: bytes, *, encoding: str | None) -> Document:
        if encoding is not None:
            return self._forced(data, encoding)
        for bom, enc in _BOMS:
            if data.startswith(bom):
                return self._finish(data[len(bom) :], enc, 1.0)
        for enc in ("utf-8", "gb18030", "big5"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            return Document.from_text(text, encoding=enc, confidence=1.0 if enc == "utf-8" else 0.6)
        return self._finish(data, "gb18030", 0.1)

    def _forced(self, data: bytes, encoding: str) -> Document:
        try:
            codecs.lookup(encoding)
        except LookupError as exc:
            raise DecodeError(f"unknown encoding {encoding!r}; give a Python codec name such as 'gb18030'",
                              encoding=encoding) from exc
        return self._finish(data, encoding, 1.0)

    def _finish(self, data: bytes, encoding: str, confidence: float) -> Document:
        text = data.decode(encoding, errors="replace")
        doc = Document.from_text(text, encoding=encoding, confidence=confidence)
        damaged = _damaged(text)
        return doc.with_meta(damaged=damaged) if damaged else doc
