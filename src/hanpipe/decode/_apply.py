"""Apply many deletions and same-length replacements at once, vectorized.

:meth:`Document.apply_edits` builds the alignment edit by edit, which costs
a few microseconds per edit; a page of converter output has thousands of
pinyin annotations. :func:`apply_spans` makes the same text and the same
alignment (``tests/decode/test_apply.py`` checks it against
``apply_edits``) with numpy, then hands both to :meth:`Document.rewrite`,
which composes the alignment and records the step. Edits of any other shape
go through ``apply_edits``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..document import LEFT, RIGHT, Document, Edit

__all__ = ["apply_spans", "delete_spans"]

#: below this many edits the plain path is as fast
MIN_VECTOR = 64


def apply_spans(doc: Document, edits: Sequence[Edit], *, step: str) -> Document:
    """``doc.apply_edits(edits, step=step)`` for sorted, non-overlapping edits."""
    if not edits:
        return doc
    if len(edits) < MIN_VECTOR or any(e.replacement and len(e.replacement) != e.end - e.start for e in edits):
        return doc.apply_edits(edits, step=step)
    starts = np.fromiter((e.start for e in edits), dtype=np.int64, count=len(edits))
    ends = np.fromiter((e.end for e in edits), dtype=np.int64, count=len(edits))
    if not _valid(starts, ends, len(doc.text)):
        return doc.apply_edits(edits, step=step)  # let the core report the bad edit
    reps = [e.replacement for e in edits]
    return _apply(doc, starts, ends, reps, step)


def delete_spans(
    doc: Document,
    spans: Sequence[tuple[int, int]] | np.ndarray,
    *,
    step: str,
    reason: str = "",
    cps: np.ndarray | None = None,
) -> Document:
    """Delete sorted, non-overlapping ``(start, end)`` spans: ``apply_edits`` with empty replacements.

    ``cps`` (the text as uint32 code points), when the caller has it, makes the new text faster.
    """
    arr = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
    if not len(arr):
        return doc
    if len(arr) < MIN_VECTOR:
        return doc.apply_edits([Edit(int(s), int(e), "", reason) for s, e in arr.tolist()], step=step)
    starts, ends = arr[:, 0].copy(), arr[:, 1].copy()
    if not _valid(starts, ends, len(doc.text)):
        return doc.apply_edits([Edit(int(s), int(e), "", reason) for s, e in arr.tolist()], step=step)
    return _apply(doc, starts, ends, None, step, cps)


def _valid(starts: np.ndarray, ends: np.ndarray, n: int) -> bool:
    return not ((starts[1:] < ends[:-1]).any() or (starts > ends).any() or starts[0] < 0 or ends[-1] > n)


def _apply(
    doc: Document,
    starts: np.ndarray,
    ends: np.ndarray,
    reps: list[str] | None,
    step: str,
    cps: np.ndarray | None = None,
) -> Document:
    text = doc.text
    n = len(text)
    count = len(starts)
    new_text = ""
    if reps is None:
        if cps is None:
            begin = [0, *ends.tolist()]
            stop = [*starts.tolist(), n]
            new_text = "".join([text[a:b] for a, b in zip(begin, stop)])
        deleted = np.ones(count, dtype=bool)
    else:
        begin = [0, *ends.tolist()]
        stop = [*starts.tolist(), n]
        pieces = [text[begin[0] : stop[0]]]
        for k, rep in enumerate(reps):
            pieces.append(rep)
            pieces.append(text[begin[k + 1] : stop[k + 1]])
        new_text = "".join(pieces)
        deleted = np.array([not r for r in reps], dtype=bool)
    if reps is None and cps is not None:
        if not (ends - starts).any():
            return doc.rewrite(text, None, step=step, count=count)
    elif len(new_text) == n:  # every edit keeps its length: the alignment does not change
        return doc.rewrite(new_text, None, step=step, count=count)
    # positions removed: the union of the deleted spans (a difference array)
    del_starts = starts[deleted]
    del_ends = ends[deleted]
    delta = np.zeros(n + 1, dtype=np.int32)
    real = del_ends > del_starts  # spans that delete something: their starts (and ends) are distinct
    delta[del_starts[real]] += 1
    delta[del_ends[real]] -= 1
    keep = np.cumsum(delta[:-1], dtype=np.int32) == 0
    if reps is None and cps is not None:
        new_text = cps[keep].tobytes().decode("utf-32-le", "surrogatepass")
    kept = np.flatnonzero(keep).astype(np.int32)
    right = np.empty(len(kept) + 1, dtype=np.int32)
    right[:-1] = kept
    right[-1] = n
    left = right.copy()
    # the boundary after a deletion ends where the (first of adjacent) deletion(s) began; the
    # deletions do not overlap, so the kept positions before one are its start less those deleted before
    removed_before = np.concatenate(([0], np.cumsum(del_ends - del_starts)[:-1]))
    at = del_starts - removed_before
    first = np.ones(len(at), dtype=bool)
    first[1:] = at[1:] != at[:-1]
    left[at[first]] = del_starts[first]
    alignment = np.empty((2, len(kept) + 1), dtype=np.int32)
    alignment[LEFT] = left
    alignment[RIGHT] = right
    return doc.rewrite(new_text, alignment, step=step, count=count)
