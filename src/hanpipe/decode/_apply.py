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
from ._scan import remember

__all__ = ["apply_spans", "delete_spans"]

#: below this many edits the plain path is as fast
MIN_VECTOR = 64


def apply_spans(doc: Document, edits: Sequence[Edit], *, step: str) -> Document:
    """``doc.apply_edits(edits, step=step)`` for sorted, non-overlapping edits."""
    if not edits:
        return doc
    if len(edits) < MIN_VECTOR:
        return doc.apply_edits(edits, step=step)
    starts = np.fromiter((e.start for e in edits), dtype=np.int64, count=len(edits))
    ends = np.fromiter((e.end for e in edits), dtype=np.int64, count=len(edits))
    if not _valid(starts, ends, len(doc.text)):
        return doc.apply_edits(edits, step=step)  # let the core report the bad edit
    reps = [e.replacement for e in edits]
    if any(r and len(r) != e.end - e.start for r, e in zip(reps, edits)):
        return _apply_general(doc, starts, ends, reps, step)
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
        new_cps = cps[keep]
        new_text = new_cps.tobytes().decode("utf-32-le", "surrogatepass")
        remember(new_text, new_cps)
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


def _apply_general(doc: Document, starts: np.ndarray, ends: np.ndarray, reps: list[str], step: str) -> Document:
    """Replacements of any length, as ``edits_alignment`` aligns them.

    The new text is gaps and replacements in turn (2 E + 1 segments). A gap
    position maps to its old position; position ``j`` of a replacement of
    ``k`` characters for a span of ``s`` maps to ``start + j * s // k``.
    """
    text = doc.text
    n = len(text)
    count = len(starts)
    begin = np.concatenate(([0], ends))
    stop = np.concatenate((starts, [n]))
    pieces = [text[int(begin[0]) : int(stop[0])]]
    for i, rep in enumerate(reps):
        pieces.append(rep)
        pieces.append(text[int(begin[i + 1]) : int(stop[i + 1])])
    new_text = "".join(pieces)
    k = np.fromiter((len(r) for r in reps), dtype=np.int64, count=count)
    span = ends - starts
    if (k == span).all():
        return doc.rewrite(new_text, None, step=step, count=count)
    seg_len = np.empty(2 * count + 1, dtype=np.int64)
    seg_len[0::2] = stop - begin
    seg_len[1::2] = k
    seg_base = np.empty_like(seg_len)
    seg_base[0::2] = begin
    seg_base[1::2] = starts
    seg_start = np.concatenate(([0], np.cumsum(seg_len)[:-1]))
    m = int(seg_len.sum())
    right = np.empty(m + 1, dtype=np.int32)
    # every position first as if in a gap: its segment's base plus its offset in the segment
    right[:-1] = np.arange(m, dtype=np.int32) + np.repeat((seg_base - seg_start).astype(np.int32), seg_len)
    right[-1] = n
    # then the (few) replacement positions: spread over the span they replace
    rep_of = np.repeat(np.arange(count), k)
    if len(rep_of):
        rep_start = seg_start[1::2]
        within = np.arange(len(rep_of), dtype=np.int64) - np.repeat(np.cumsum(k) - k, k)
        right[rep_start[rep_of] + within] = starts[rep_of] + (within * span[rep_of]) // k[rep_of]
    left = right.copy()
    # after a deletion, the next boundary ends where the first of adjacent deletions began
    dele = np.flatnonzero(k == 0)
    at = seg_start[2 * dele + 2] if len(dele) else dele
    first = np.ones(len(at), dtype=bool)
    first[1:] = at[1:] != at[:-1]
    left[at[first]] = starts[dele][first]
    alignment = np.empty((2, m + 1), dtype=np.int32)
    alignment[LEFT] = left
    alignment[RIGHT] = right
    return doc.rewrite(new_text, alignment, step=step, count=count)
