"""Clean-up pass ``webclean``: removes page furniture, line by line, and records what it removed.

Furniture is text of the page that is not the article: share prompts,
breadcrumbs, editor and credit lines, bylines, disclaimers, copyright and
reprint notices, report and complaint lines, buttons, cut-off teasers, and
blocks of links to other pages under a heading such as 相关文章. A line is
removed whole, with the blank lines after it, through ``Document.apply_edits``
so the alignment to the source stays true; ``meta["webclean"]`` lists each
removed line as ``{"kind": ..., "source_span": [start, end]}`` in the
document's ``source``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Literal

import hanpipe
from hanpipe import Document, Edit

from ._rules import classify, fold, is_heading, is_link_line, is_short_label

__all__ = ["KINDS", "WebCleaner", "find_furniture", "hanpipe_register_cleaners"]

Kind = Literal[
    "share", "breadcrumb", "editor", "credit", "disclaimer", "copyright", "report", "ui", "teaser", "links"
]
#: every kind of furniture the pass knows, in the order its rules try them
KINDS: tuple[str, ...] = (
    "ui", "share", "breadcrumb", "teaser", "disclaimer", "copyright", "report", "editor", "credit", "links"
)
#: how many short lines just above a block of links are taken into it (site names, buttons)
LINES_ABOVE = 3


def _lines(text: str) -> list[tuple[int, int, int, int]]:
    """(line start, line end without its line break, content start, content end) of every line."""
    out = []
    pos, n = 0, len(text)
    while pos <= n:
        end = text.find("\n", pos)
        if end < 0:
            end = n
        line = text[pos:end]
        lead = len(line) - len(line.lstrip())
        trail = len(line.rstrip())
        out.append((pos, end, pos + lead, pos + max(trail, lead)))
        pos = end + 1
    return out


def find_furniture(text: str) -> list[tuple[int, str]]:
    """(line index, kind) of every furniture line of ``text``, lines split at ``\\n``, in order."""
    lines = _lines(text)
    folded = [fold(text[s:e]) for _, _, s, e in lines]
    kinds: list[str | None] = [classify(s) for s in folded]
    i, count = 0, len(lines)
    floor = 0  # the first line after the last block of links: no line is looked at twice
    while i < count:
        if kinds[i] is not None or not is_heading(folded[i]):
            i += 1
            continue
        # a block of links: the heading, then titles, cut-off teasers and other furniture, blank lines between
        last, j = i, i + 1
        while j < count:
            if folded[j] and not (kinds[j] is not None or is_link_line(folded[j])):
                break
            if folded[j]:
                last = j
            j += 1
        if last == i and j < count:
            i += 1  # the heading is followed by prose: a section of the article, not a list of links
            continue
        for k in range(i, last + 1):
            if folded[k] and kinds[k] is None:
                kinds[k] = "links"
        # a few short lines just above the heading (a site name, a button) go with it
        k, taken = i - 1, 0
        while k >= floor and taken < LINES_ABOVE:
            if folded[k] and kinds[k] is None:
                if not is_short_label(folded[k]):
                    break
                kinds[k] = "links"
                taken += 1
            k -= 1
        i = floor = last + 1
    return [(i, kind) for i, kind in enumerate(kinds) if kind is not None]


class WebCleaner:
    """Removes page furniture; ``keep`` names kinds to leave in the text (see :data:`KINDS`)."""

    name: ClassVar[str] = "webclean"

    def __init__(self, *, keep: tuple[Kind, ...] = ()) -> None:
        unknown = sorted(set(keep) - set(KINDS))
        if unknown:
            raise hanpipe.ConfigError(f"webclean: unknown kinds {unknown}; kinds: {', '.join(KINDS)}")
        self.keep = frozenset(keep)

    def clean(self, doc: Document) -> Document:
        text = doc.text
        found = [(i, kind) for i, kind in find_furniture(text) if kind not in self.keep]
        if not found:
            return doc
        lines = _lines(text)
        blank = [s == e for _, _, s, e in lines]
        drop = [False] * len(lines)
        for i, _ in found:
            drop[i] = True
        after = False  # the blank lines after a removed line go with it
        for i in range(len(lines)):
            if drop[i]:
                after = True
            elif blank[i]:
                drop[i] = after
            else:
                after = False
        i = len(lines) - 1  # furniture up to the end takes the blank lines above it: the text ends with the article
        if drop[i]:
            while i >= 0 and (drop[i] or blank[i]):
                drop[i] = True
                i -= 1
        spans: list[list[int]] = []  # [start, end] of each run of removed lines, with their line breaks
        for i, (start, end, _, _) in enumerate(lines):
            if not drop[i]:
                continue
            stop = min(end + 1, len(text))
            if spans and spans[-1][1] == start:
                spans[-1][1] = stop
            elif stop > start:
                spans.append([start, stop])
        starts = [lines[i][2] for i, _ in found]
        ends = [lines[i][3] for i, _ in found]
        src_starts, src_ends = doc.source_spans(starts, ends)
        record: list[dict[str, Any]] = [
            {"kind": kind, "source_span": [s, e]} for (_, kind), s, e in zip(found, src_starts, src_ends)
        ]
        out = doc.apply_edits([Edit(s, e, "", self.name) for s, e in spans], step=self.name)
        return out.with_meta(webclean=[*doc.meta.get("webclean", ()), *record])


@hanpipe.hookimpl
def hanpipe_register_cleaners(register: Callable[[type], None]) -> None:
    register(WebCleaner)
