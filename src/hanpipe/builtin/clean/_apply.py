"""Delete many spans of a document at once, as ``Document.apply_edits`` would.

(The clean passes' other edits go through ``doc.apply_edits(edits, step=...,
aligned=alignment_of_edits)``: the shared one-pass kernel
:func:`hanpipe._align.alignment_of_edits` makes the alignment the core's
:func:`hanpipe.document.edits_alignment` defines with a dozen numpy passes.)

:func:`delete_spans` deletes many spans at once, making the new text from
code points: a page of converter output has hundreds of pinyin annotations,
and the pinyin pass already holds the text as code points
(``doc.code_points``), so one kernel pass (:func:`._kernels.delete_runs`)
makes the new code points and the alignment, one decode the new text
instead of a join of slices, and the new document starts with its code points.

It makes exactly what ``doc.apply_edits`` makes
(``tests/builtin/clean/test_apply.py``); spans that are not sorted,
non-overlapping and inside the text go to ``doc.apply_edits``, which says
what is wrong with them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..._text import from_code_points
from ...document import Document, Edit
from ._kernels import delete_runs

__all__ = ["delete_checked", "delete_spans"]


def _valid(starts: np.ndarray, ends: np.ndarray, n: int) -> bool:
    return not (
        bool((starts > ends).any()) or int(starts[0]) < 0 or int(ends[-1]) > n or bool((starts[1:] < ends[:-1]).any())
    )


def delete_spans(
    doc: Document,
    spans: Sequence[tuple[int, int]] | np.ndarray,
    *,
    step: str,
    reason: str = "",
) -> Document:
    """Delete sorted, non-overlapping ``(start, end)`` spans of ``doc.text``."""
    arr = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
    if not len(arr):
        return doc
    starts, ends = np.ascontiguousarray(arr[:, 0]), np.ascontiguousarray(arr[:, 1])
    if not _valid(starts, ends, len(doc.text)):  # the core builds the text (and reports bad spans)
        return doc.apply_edits([Edit(int(s), int(e), "", reason) for s, e in arr.tolist()], step=step)
    return delete_checked(doc, starts, ends, step=step)


def delete_checked(doc: Document, starts: np.ndarray, ends: np.ndarray, *, step: str) -> Document:
    """:func:`delete_spans` of spans known to be sorted, non-overlapping and inside the text (a kernel's
    rows), given as contiguous int64 arrays of starts and ends; at least one."""
    n = len(doc.text)
    kept = np.empty(n, dtype=np.uint32)
    inner = np.empty((2, n + 1), dtype=np.int32)
    m = delete_runs(np.ascontiguousarray(doc.code_points), starts, ends, kept, inner)
    if m == n:  # every span is empty
        return doc.rewrite(doc.text, None, step=step, count=len(starts))
    new_cps = kept[:m]
    return doc.rewrite(from_code_points(new_cps), inner[:, : m + 1], step=step, count=len(starts), code_points=new_cps)
