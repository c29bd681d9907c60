"""The alignment of the text that edits make, in one pass: a helper engines share.

:func:`hanpipe.document.edits_alignment` defines, with a dozen array
operations, the alignment of a text made by sorted, non-overlapping edits;
:func:`edit_alignment` writes the same array in one pass, which on a big text
is most of what an edit that changes lengths costs, and on a short one a
single call instead of a dozen. The core keeps to the definition (importing
it loads no compiler); engines that edit big texts use this.
"""

from __future__ import annotations

import numpy as np

from ._jit import jit

__all__ = ["alignment_of_edits", "edit_alignment"]


def alignment_of_edits(n_old: int, starts: np.ndarray, ends: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """:func:`hanpipe.document.edits_alignment` of valid edits (sorted, non-overlapping, inside the text)."""
    starts = np.ascontiguousarray(starts, dtype=np.int64)
    ends = np.ascontiguousarray(ends, dtype=np.int64)
    lengths = np.ascontiguousarray(lengths, dtype=np.int64)
    m = n_old + int(lengths.sum()) - int((ends - starts).sum())
    out = np.empty((2, m + 1), dtype=np.int32)
    edit_alignment(n_old, starts, ends, lengths, out)
    return out


@jit(allocates=False)
def edit_alignment(n_old: int, starts: np.ndarray, ends: np.ndarray, lengths: np.ndarray, out: np.ndarray) -> None:
    """:func:`hanpipe.document.edits_alignment` in one pass: the alignment into the old text (``n_old``
    characters) of the text that sorted, non-overlapping edits make, written into ``out``.

    Edit ``i`` replaces ``[starts[i], ends[i])`` with ``lengths[i]`` characters;
    ``out`` has shape ``(2, m + 1)`` for the new text's length ``m``. Untouched
    positions map to themselves, position ``j`` of a replacement of ``k``
    characters for a span of ``s`` to ``start + j * s // k``; on the left, the
    boundary behind a deletion maps to where the deletion (the first of
    adjacent ones) began.
    """
    count = starts.shape[0]
    pos = 0
    old = 0
    for i in range(count):
        s = starts[i]
        k = lengths[i]
        for j in range(old, s):
            out[0, pos] = j
            out[1, pos] = j
            pos += 1
        span = ends[i] - s
        for w in range(k):
            v = s + (w * span) // k
            out[0, pos] = v
            out[1, pos] = v
            pos += 1
        old = ends[i]
    for j in range(old, n_old):
        out[0, pos] = j
        out[1, pos] = j
        pos += 1
    out[0, pos] = n_old
    out[1, pos] = n_old
    pos = 0
    old = 0
    last = -1
    for i in range(count):
        pos += starts[i] - old + lengths[i]
        old = ends[i]
        if lengths[i] == 0:
            if pos != last:
                out[0, pos] = starts[i]
            last = pos

