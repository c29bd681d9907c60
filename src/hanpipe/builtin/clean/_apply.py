"""Delete many spans at once, making the new text from code points.

A page of converter output has hundreds of pinyin annotations; the pinyin
pass already holds the text as code points (``doc.code_points``), so the new
text is one gather and one decode instead of a join of slices, and the new
document starts with its code points. The alignment is the core's
(:func:`hanpipe.document.edits_alignment`), so the result is exactly what
``doc.apply_edits`` with empty replacements makes (``tests/decode/test_apply.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..._text import from_code_points
from ...document import Document, Edit, edits_alignment

__all__ = ["delete_spans"]


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
    starts, ends = arr[:, 0].copy(), arr[:, 1].copy()
    n = len(doc.text)
    valid = not ((starts[1:] < ends[:-1]).any() or (starts > ends).any() or starts[0] < 0 or ends[-1] > n)
    if not valid:  # the core builds the text (and reports bad spans)
        return doc.apply_edits([Edit(int(s), int(e), "", reason) for s, e in arr.tolist()], step=step)
    if not (ends - starts).any():
        return doc.rewrite(doc.text, None, step=step, count=len(arr))
    delta = np.zeros(n + 1, dtype=np.int32)
    real = ends > starts
    delta[starts[real]] += 1
    delta[ends[real]] -= 1
    new_cps = doc.code_points[np.cumsum(delta[:-1], dtype=np.int32) == 0]
    new_text = from_code_points(new_cps)
    alignment = edits_alignment(n, starts, ends, np.zeros(len(arr), dtype=np.int64))
    return doc.rewrite(new_text, alignment, step=step, count=len(arr), code_points=new_cps)
