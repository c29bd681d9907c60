"""Cleaner ``damaged`` and ``meta["damaged"]``: spans of the source where bytes were lost.

Spans are ``[start, end]`` pairs in **source** coordinates (positions in
``Document.source``), sorted and merged. Source coordinates do not move when
later passes edit the text; ``Document.alignment`` maps text positions to them.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from ..document import Document

__all__ = ["DamageCleaner", "add_damaged", "merge_spans"]


def merge_spans(spans: Iterable[tuple[int, int] | list[int]]) -> list[list[int]]:
    """Sorted, merged ``[start, end]`` pairs (touching spans join)."""
    out: list[list[int]] = []
    for s, e in sorted((int(a), int(b)) for a, b in spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return out


def add_damaged(doc: Document, source_spans: Iterable[tuple[int, int]]) -> Document:
    """``doc`` with ``source_spans`` added to ``meta["damaged"]``."""
    spans = list(source_spans)
    if not spans:
        return doc
    merged = merge_spans([*doc.meta.get("damaged", ()), *spans])
    return doc.with_meta(damaged=merged)


# -- the pass ----------------------------------------------------------------

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: what bytes lost mid-character leave behind
_DAMAGE = regex.compile(
    "\ufffd++"  # replacement characters
    # a '?' that stands for a lost character: Han characters after it end in a stray letter (規?臻g至)
    f"|\\?[{_HAN}]{{1,4}}+[a-z](?=[{_HAN}])"
    # a '?' inside a word, right before a comma (非?,)
    f"|(?<=[{_HAN}])\\?(?=[,，、])"
    # box-drawing characters, CJK radicals and private-use characters next to Han (峁┓⻊?)
    f"|(?<=[{_HAN}])[\u2500-\u257f\u2e80-\u2eff\ue000-\uf8ff]++\\??+"
    f"|[\u2500-\u257f\u2e80-\u2eff\ue000-\uf8ff]++\\??+(?=[{_HAN}])"
)


class DamageCleaner:
    """List damaged spans (U+FFFD, byte-loss fragments) in ``meta["damaged"]``; the text is not changed."""

    name = "damaged"

    def clean(self, doc: Document) -> Document:
        spans = [doc.source_span(m.start(), m.end()) for m in _DAMAGE.finditer(doc.text)]
        return add_damaged(doc, spans)
