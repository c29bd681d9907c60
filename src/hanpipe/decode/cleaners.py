"""Clean-up passes run after decoding."""

from __future__ import annotations

import regex

from ..document import Document, Edit

__all__ = ["NewlineCleaner"]

_CR = regex.compile(r"\r\n?")


class NewlineCleaner:
    """CRLF and CR to LF."""

    name = "newlines"

    def clean(self, doc: Document) -> Document:
        edits = [Edit(m.start(), m.end(), "\n", "newline") for m in _CR.finditer(doc.text)]
        return doc.apply_edits(edits, step=self.name)
