"""Clean-up passes on characters: references, line ends, spaces and controls, width.

Each pass finds what it changes with one linear regular expression (no
backtracking: single character classes and possessive runs) and hands the
changes to :meth:`Document.apply_edits` (the alignment made by the one-pass
kernel :func:`hanpipe._align.alignment_of_edits`), which keeps the alignment
to the source and records the step in ``meta["repairs"]``. A pass does not look at
a document whose class scan (:mod:`._work`) shows none of its characters.

The batch forms (:class:`~hanpipe.builtin.clean._batch.EditsJoined`) run the
same scan once over a batch's joined text. U+FDD0, between the documents, is
in no pattern's character class, and every look at a neighbouring character
(a legacy reference's next character, the emoji around a zero-width joiner)
finds no match in it, as at the start or end of a text: nothing found
crosses a document bound, and each document gets the edits it gets alone.
"""

from __future__ import annotations

import html.entities
import re

from ...document import Document, Edit
from ._batch import EditsJoined
from ._classes import FULL, SPACE_OR_INVISIBLE, WIDE_SIGNS, WIDE_TABLE
from ._scan import find_runs
from ._work import ENTITIES, LINE_ENDS, SPACES, WIDE

__all__ = ["EntityCleaner", "NewlineCleaner", "SpaceCleaner", "WidthCleaner"]

# -- HTML / XML character references -------------------------------------

_NAMED = html.entities.html5  # 'amp;' -> '&', and legacy names without ';'
_LONGEST_NAME = max(len(k) for k in _NAMED)
_REF = re.compile(
    rf"&(?:#[xX]([0-9a-fA-F]{{1,8}}+);?|#([0-9]{{1,10}}+);?|([A-Za-z][A-Za-z0-9]{{0,{_LONGEST_NAME - 1}}}+;?))"
)


def _numeric(value: int) -> str | None:
    """The character a numeric reference stands for, as HTML parsers read it; None if none."""
    if 0x80 <= value <= 0x9F:
        try:
            return bytes([value]).decode("cp1252")
        except UnicodeDecodeError:
            return None
    if value == 0 or value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
        return None
    return chr(value)


def _named(name: str, after: str) -> tuple[str, int] | None:
    """(replacement, length of the name used) for ``&name``; legacy names work without ';'."""
    if name.endswith(";"):
        rep = _NAMED.get(name)
        if rep is not None:
            return rep, len(name)
        name = name[:-1]
    # a legacy name without ';' (``&nbsp``, ``&amp``) only when no letter or digit follows
    if name in _NAMED and not (after.isalnum() or after == "="):
        return _NAMED[name], len(name)
    return None


class EntityCleaner(EditsJoined):
    """HTML and XML character references: named (``&nbsp;``), decimal and hex (``&#xff0c;``)."""

    name = "entities"
    needs = ENTITIES

    def find(self, doc: Document) -> list[Edit]:
        text = doc.text
        if "&" not in text:
            return []
        edits: list[Edit] = []
        for m in _REF.finditer(text):
            hexa, dec, name = m.group(1), m.group(2), m.group(3)
            if hexa is not None or dec is not None:
                rep = _numeric(int(hexa, 16) if hexa is not None else int(dec))
                if rep is not None:
                    edits.append(Edit(m.start(), m.end(), rep, "numeric-reference"))
                continue
            # the next character, or U+FDD0 after a batch's document: neither is a letter, digit or '='
            found = _named(name, text[m.end() : m.end() + 1])
            if found is not None:
                rep, used = found
                edits.append(Edit(m.start(), m.start() + 1 + used, rep, "named-reference"))
        return edits


# -- line ends -------------------------------------------------------------

_CR = re.compile("\r\n?|[\x85\u2028\u2029]")


class NewlineCleaner(EditsJoined):
    """CRLF, CR, NEL and the Unicode line/paragraph separators to LF."""

    name = "newlines"
    needs = LINE_ENDS

    def find(self, doc: Document) -> list[Edit]:
        text = doc.text
        if "\r" not in text and "\x85" not in text and "\u2028" not in text and "\u2029" not in text:
            return []
        return [Edit(m.start(), m.end(), "\n", "newline") for m in _CR.finditer(text)]


# -- spaces, invisible characters, controls ----------------------------------

#: no-break, typographic and ideographic spaces become one ASCII space each
_SPACE_CHARS = "\xa0\u2000-\u200a\u202f\u205f\u3000"
_SPACES = re.compile(f"[{_SPACE_CHARS}]++")
#: zero-width characters, soft hyphens, stray BOMs, C0 controls other than
#: tab and line feed (CR is the newlines pass's), DEL and C1 controls; a
#: zero-width joiner stays inside emoji sequences
_INVISIBLE_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\xad\u200b-\u200f\u2060-\u2064\ufeff"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]++")
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f]")


def _joins_emoji(text: str, start: int, end: int) -> bool:
    """A lone zero-width joiner between two emoji (👨\u200d👩) is part of the emoji.

    Not at the start or end of a text, nor next to U+FDD0 (not an emoji).
    """
    return (
        end - start == 1
        and text[start] == "\u200d"
        and start > 0
        and _EMOJI.match(text, start - 1) is not None
        and _EMOJI.match(text, end) is not None
    )


class SpaceCleaner(EditsJoined):
    """NBSP and ideographic spaces to ASCII space; zero-width characters, stray BOMs and controls removed."""

    name = "spaces"
    needs = SPACES

    def find(self, doc: Document) -> list[Edit]:
        text = doc.text
        edits: list[Edit] = []
        for base, end in find_runs(doc.code_points, SPACE_OR_INVISIBLE):  # a run may hold both kinds
            piece = text[base:end]
            for m in _SPACES.finditer(piece):
                edits.append(Edit(base + m.start(), base + m.end(), " " * (m.end() - m.start()), "space"))
            for m in _INVISIBLE.finditer(piece):
                start, end = base + m.start(), base + m.end()
                if not _joins_emoji(text, start, end):
                    edits.append(Edit(start, end, "", "invisible"))
        edits.sort(key=lambda e: e.start)
        return edits


# -- full width ------------------------------------------------------------

_HALF = {ord(c): chr(ord(c) - 0xFEE0) for c in FULL} | {ord(k): v for k, v in WIDE_SIGNS.items()}


class WidthCleaner(EditsJoined):
    """Full-width ASCII letters, digits and symbols to half width; Chinese punctuation stays."""

    name = "width"
    needs = WIDE

    def find(self, doc: Document) -> list[Edit]:
        text = doc.text
        runs = find_runs(doc.code_points, WIDE_TABLE)
        return [Edit(a, b, text[a:b].translate(_HALF), "half-width") for a, b in runs]
