"""Cleaner ``damaged`` and ``meta["damaged"]``: spans of the source where bytes were lost.

Spans are ``[start, end]`` pairs in **source** coordinates (positions in
``Document.source``), sorted and merged. Source coordinates do not move when
later passes edit the text; ``Document.alignment`` maps text positions to them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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
_RARE = "\u2500-\u257f\u2e80-\u2eff\ue000-\uf8ff"
#: what bytes lost mid-character leave behind; every alternative starts with a fixed character class
_DAMAGE = re.compile(
    "\ufffd++"  # replacement characters
    # a '?' that stands for a lost character: Han characters after it end in a stray letter (規?臻g至),
    # or it sits inside a word, right before a comma (非?,)
    f"|\\?(?:[{_HAN}]{{1,4}}+[a-z](?=[{_HAN}])|(?<=[{_HAN}]\\?)(?=[,，、]))"
    # box-drawing characters, CJK radicals and private-use characters (峁┓⻊?): damage only next to Han
    f"|[{_RARE}]++\\??+"
)
_HAN_RE = re.compile(f"[{_HAN}]")


class DamageCleaner:
    """List damaged spans (U+FFFD, byte-loss fragments) in ``meta["damaged"]``; the text is not changed."""

    name = "damaged"

    def clean(self, doc: Document) -> Document:
        text = doc.text
        spans = []
        for m in _DAMAGE.finditer(text):
            start, end = m.span()
            if text[start] not in "\ufffd?" and not (
                _HAN_RE.match(text, start - 1 if start else 0, start) or _HAN_RE.match(text, end)
            ):
                continue
            spans.append(doc.source_span(start, end))
        return add_damaged(doc, spans)
