"""Cleaner ``damaged`` and ``meta["damaged"]``: spans of the source where bytes were lost.

Lone surrogates (which a ``str`` may hold, but no encoding writes) are listed too.

Spans are ``[start, end]`` pairs in **source** coordinates (positions in
``Document.source``), sorted and merged. Source coordinates do not move when
later passes edit the text; ``Document.alignment`` maps text positions to them.

The batch form scans a batch's joined text once: U+FDD0 between the
documents is neither Han, '?', a comma nor a rare character, so every
pattern and every look at a neighbour stops at it as at the end of a text.
"""

from __future__ import annotations

import re

from ..._text import replacement_spans
from ...batch import Batch
from ...document import Document
from ._batch import mark_damaged
from ._classes import RARE, RARE_TABLE, SURROGATE_TABLE
from ._kernels import K_QUESTION_HAN, K_RARE, K_REPLACEMENT
from ._scan import find_runs
from ._work import DAMAGED, work

__all__ = ["DamageCleaner"]


# -- the pass ----------------------------------------------------------------

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: what bytes lost mid-character leave behind: replacement characters; a '?' that stands for a
#: lost character, with Han characters after it that end in a stray letter (規?臻g至) or inside a
#: word right before a comma (非?,); box-drawing characters, CJK radicals and private-use
#: characters next to Han (峁┓⻊?)
_QUESTION = re.compile(f"\\?(?:[{_HAN}]{{1,4}}+[a-z](?=[{_HAN}])|(?<=[{_HAN}]\\?)(?=[,，、]))")
_RARE_RUN = re.compile(f"[{RARE}]++\\??+")
_HAN_RE = re.compile(f"[{_HAN}]")


class DamageCleaner:
    """List damaged spans (U+FFFD, byte-loss fragments, lone surrogates) in ``meta["damaged"]``; the text is
    not changed."""

    name = "damaged"

    def clean(self, doc: Document) -> Document:
        if not work(doc) & DAMAGED:
            return doc
        found = _damaged(doc)
        if not found:
            return doc
        return doc.with_damaged(zip(*doc.source_spans([s for s, _ in found], [e for _, e in found])))

    def clean_batch(self, batch: Batch) -> list[Document]:
        if not work(batch.joined) & DAMAGED:
            return list(batch.docs)
        return mark_damaged(batch, list(batch.docs), _damaged(batch.joined))


def _damaged(doc: Document) -> list[tuple[int, int]]:
    """The damaged spans of ``doc.text``, in text positions (each pattern looked for only if the text's
    class bits say it could be there)."""
    text = doc.text
    bits = work(doc)
    found: list[tuple[int, int]] = []
    if bits & K_REPLACEMENT:
        found += [(s, e) for s, e in replacement_spans(text)]
    if bits & K_QUESTION_HAN:
        found += [m.span() for m in _QUESTION.finditer(text)]
    if bits & K_RARE:  # rare characters or lone surrogates
        cps = doc.code_points
        found += find_runs(cps, SURROGATE_TABLE)
        for start, stop in find_runs(cps, RARE_TABLE):
            m = _RARE_RUN.match(text, start)  # the run and a '?' after it
            end = m.end() if m else stop
            if _HAN_RE.match(text, max(0, start - 1), start) or _HAN_RE.match(text, end):
                found.append((start, end))
    return found
