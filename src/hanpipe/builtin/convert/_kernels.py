"""Numba kernels of the convert stage: maximum forward matching over a compiled trie.

Text is a uint32 array of code points. A trie is the tuple of arrays of
:class:`hanpipe.builtin.convert._data.Trie` (``Trie.arrays()``), in that order. The
kernels never raise and never allocate: the wrapper passes every buffer in,
sized from the dictionaries' growth bound, and the kernels return a status.
So they are compiled without numba's runtime (``allocates=False``), which
lets every pass call :func:`best_key`, the one trie walk, once per character
at no cost beyond the walk itself (the helpers are inlined).
"""

from __future__ import annotations

import numpy as np

from ..._jit import jit

__all__ = ["DRY", "OK", "OVERFLOW", "TEXT", "TRACK", "best_key", "convert_kernel", "start_levels"]

OK = 0
OVERFLOW = 1  # an output buffer was too small; the wrapper's bound is wrong

# modes of a conversion pass
DRY = 0  # write nothing; stop at the first change
TEXT = 1  # write the converted text
TRACK = 2  # write the text and where each character came from

_NO_RANK = 2**31 - 1


@jit(allocates=False)
def start_levels(cps, root_slot, slot_mask):
    """A bit mask of the levels that have a key starting with some code point of ``cps``."""
    mask = np.int64(0)
    limit = root_slot.shape[0]
    for i in range(cps.shape[0]):
        c = np.int64(cps[i])
        if c < limit:
            s = root_slot[c]
            if s >= 0:
                mask |= slot_mask[s]
    return mask


@jit(inline="always", allocates=False)
def best_key(cps, i, end, level, root_slot, root_node, child_start, child_cp, child_node, node_value, node_rank):
    """``(length, value)`` of the best key of ``level`` at ``cps[i:end]``, or ``(0, -1)``; ``i < end``.

    The arrays are those of a :class:`~hanpipe.builtin.convert._data.Trie`.
    Best means lowest rank, then longest: a ``short_circuit`` group's first
    matching member wins, a ``union``'s longest match wins.
    """
    best_len = 0
    best_val = -1
    c = np.int64(cps[i])
    node = -1
    if c < root_slot.shape[0] and root_slot[c] >= 0:
        node = root_node[level, root_slot[c]]
    if node >= 0:
        best_rank = _NO_RANK
        j = i + 1
        while True:
            v = node_value[node]
            if v >= 0 and node_rank[node] <= best_rank:
                best_rank = node_rank[node]
                best_len = j - i
                best_val = v
            if j >= end:
                break
            lo = child_start[node]
            stop = child_start[node + 1]
            if lo == stop:
                break
            target = np.int64(cps[j])
            hi = stop
            while lo < hi:
                mid = (lo + hi) >> 1
                if child_cp[mid] < target:
                    lo = mid + 1
                else:
                    hi = mid
            if lo == stop or child_cp[lo] != target:
                break
            node = child_node[lo]
            j += 1
    return best_len, best_val


@jit(inline="always", allocates=False)
def _copy(src, spos, a, b, dst, dpos, o, track):
    """Copy ``src[a:b]`` (and, if ``track``, its positions) to ``dst`` at ``o``; the new ``o``, or -1 if full."""
    if o + (b - a) > dst.shape[0]:
        return -1
    for i in range(a, b):
        dst[o] = src[i]
        if track:
            dpos[o] = spos[i]
        o += 1
    return o


@jit(inline="always", allocates=False)
def _differs(value_start, value_cps, v, src, i, length):
    """Whether value ``v`` differs from ``src[i:i + length]``."""
    vs = value_start[v]
    if value_start[v + 1] - vs != length:
        return True
    for q in range(length):
        if np.int64(value_cps[vs + q]) != np.int64(src[i + q]):
            return True
    return False


@jit(inline="always", allocates=False)
def _put(value_start, value_cps, v, spos, i, length, dst, dpos, o, track):
    """Write value ``v``, which replaces ``src[i:i + length]``, to ``dst`` at ``o``; the new ``o``, or -1 if full.

    With ``track``, its characters map to the replaced ones spread evenly.
    """
    vs = value_start[v]
    kk = value_start[v + 1] - vs
    if o + kk > dst.shape[0]:
        return -1
    for q in range(kk):
        dst[o + q] = value_cps[vs + q]
        if track:
            dpos[o + q] = spos[i + (q * length) // kk]
    return o + kk


@jit(allocates=False)
def _convert_pass(src, spos, n, level, trie, bounds, frozen, nseg, dst, dpos, mode):
    """One conversion over ``src[:n]``, segment by segment, into ``dst``.

    Matches never cross a segment boundary; frozen segments are copied.
    ``mode`` is ``DRY`` (write nothing, stop at the first change: ``changes``
    is then 0 or 1), ``TEXT`` (write the text) or ``TRACK`` (also write the
    positions ``dpos``). Unless dry, ``bounds`` is rewritten to the segments'
    places in ``dst``. Returns ``(length, changes, same_lengths, status)``.
    """
    root_slot, _, root_node, child_start, child_cp, child_node, node_value, node_rank, value_start, value_cps = trie
    o = 0
    changes = 0
    same_lengths = True
    a = bounds[0]
    dry = mode == DRY
    track = mode == TRACK
    for k in range(nseg):
        b = bounds[k + 1]
        if not dry:
            bounds[k] = o
        if frozen[k]:
            if not dry:
                o = _copy(src, spos, a, b, dst, dpos, o, track)
                if o < 0:
                    return 0, changes, same_lengths, OVERFLOW
            a = b
            continue
        i = a
        while i < b:
            length, v = best_key(
                src, i, b, level, root_slot, root_node, child_start, child_cp, child_node, node_value, node_rank
            )
            if length == 0:
                if not dry:  # one character: _copy's loop and checks cost a few percent here
                    if o >= dst.shape[0]:
                        return 0, changes, same_lengths, OVERFLOW
                    dst[o] = src[i]
                    if track:
                        dpos[o] = spos[i]
                    o += 1
                i += 1
                continue
            if _differs(value_start, value_cps, v, src, i, length):
                if dry:
                    return 0, 1, same_lengths, OK
                changes += 1
                if value_start[v + 1] - value_start[v] != length:
                    same_lengths = False
            if not dry:
                o = _put(value_start, value_cps, v, spos, i, length, dst, dpos, o, track)
                if o < 0:
                    return 0, changes, same_lengths, OVERFLOW
            i += length
        a = b
    if dry:
        return n, 0, same_lengths, OK
    bounds[nseg] = o
    if track:
        dpos[o] = spos[n]
    return o, changes, same_lengths, OK


@jit(inline="always", allocates=False)
def _cut(bounds, frozen, nseg, end, fixed):
    """End segment ``nseg`` at ``end``, frozen if ``fixed``; the new count of segments."""
    frozen[nseg] = fixed
    bounds[nseg + 1] = end
    return nseg + 1


@jit(allocates=False)
def _segment(cps, n, trie, seg_level, otrie, use_overrides, bounds, frozen, seg_value):
    """Cut ``cps[:n]`` into segments; returns their count.

    Overrides are found first (leftmost, then longest) and become frozen
    segments, ``seg_value`` naming the override value. Between them, when
    ``seg_level >= 0``, OpenCC's maximum-match segmentation cuts each
    dictionary match into a segment of its own and gathers the characters in
    between into one segment.
    """
    root_slot, _, root_node, child_start, child_cp, child_node, node_value, node_rank, _, _ = trie
    o_slot, _, o_root, o_start, o_cp, o_child, o_value, o_rank, _, _ = otrie
    nseg = 0
    bounds[0] = 0
    gap = 0  # start of the text not yet cut
    i = 0 if use_overrides else n
    while i <= n:
        olen = 0
        oval = -1
        if i < n:
            olen, oval = best_key(cps, i, n, 0, o_slot, o_root, o_start, o_cp, o_child, o_value, o_rank)
            if olen == 0:
                i += 1
                continue
        # cut the gap [gap, i)
        if seg_level >= 0:
            j = gap
            pending = gap
            while j < i:
                slen, _ = best_key(
                    cps, j, i, seg_level, root_slot, root_node, child_start, child_cp, child_node, node_value, node_rank
                )
                if slen == 0:
                    j += 1
                    continue
                if pending < j:
                    nseg = _cut(bounds, frozen, nseg, j, False)
                nseg = _cut(bounds, frozen, nseg, j + slen, False)
                j += slen
                pending = j
            if pending < i:
                nseg = _cut(bounds, frozen, nseg, i, False)
        elif gap < i:
            nseg = _cut(bounds, frozen, nseg, i, False)
        if i >= n:
            break
        seg_value[nseg] = oval
        nseg = _cut(bounds, frozen, nseg, i + olen, True)
        i += olen
        gap = i
    return nseg


@jit(allocates=False)
def _apply_overrides(src, spos, n, otrie, bounds, frozen, seg_value, nseg, dst, dpos, track):
    """Write each frozen segment's override value; copy the rest."""
    value_start = otrie[8]
    value_cps = otrie[9]
    o = 0
    changes = 0
    same_lengths = True
    a = bounds[0]
    for k in range(nseg):
        b = bounds[k + 1]
        bounds[k] = o
        if frozen[k]:
            v = seg_value[k]
            if _differs(value_start, value_cps, v, src, a, b - a):
                changes += 1
                if value_start[v + 1] - value_start[v] != b - a:
                    same_lengths = False
            o = _put(value_start, value_cps, v, spos, a, b - a, dst, dpos, o, track)
        else:
            o = _copy(src, spos, a, b, dst, dpos, o, track)
        if o < 0:
            return 0, changes, same_lengths, OVERFLOW
        a = b
    bounds[nseg] = o
    if track:
        dpos[o] = spos[n]
    return o, changes, same_lengths, OK


@jit(allocates=False)
def convert_kernel(
    cps,
    trie,
    normalization,
    seg_level,
    chain,
    otrie,
    use_overrides,
    track,
    buf_a,
    pos_a,
    buf_b,
    pos_b,
    bounds,
    frozen,
    seg_value,
):
    """Run a variant's program over ``cps``.

    ``normalization`` and ``chain`` list the levels to run (the wrapper
    leaves out those that cannot match); ``seg_level`` is -1 to treat the
    whole text (or each stretch between overrides) as one segment. Without
    overrides a dry run comes first: text that no pass would change (most
    Simplified text) is left alone, and ``final`` is -1. Otherwise the result
    is in ``buf_a`` when ``final`` is 0, else in ``buf_b``; with ``track``
    its alignment to ``cps`` is in ``pos_a``/``pos_b``. ``cps`` must have the
    buffers' type (writable); it is read, never written.
    Returns ``(status, final, length, changes, same_lengths)``.
    """
    n = cps.shape[0]
    # segments: one per character at most when cutting, else the whole text
    cutting = seg_level >= 0 or use_overrides
    if n > buf_a.shape[0] or (track and n + 1 > pos_a.shape[0]):
        return OVERFLOW, -1, n, 0, True
    if bounds.shape[0] < (n + 2 if cutting else 2) or frozen.shape[0] < (n + 1 if cutting else 1):
        return OVERFLOW, -1, n, 0, True
    if not use_overrides:
        changed = False
        for p in range(normalization.shape[0]):
            bounds[0] = 0
            bounds[1] = n
            frozen[0] = False
            _, ch, _, _ = _convert_pass(cps, pos_a, n, normalization[p], trie, bounds, frozen, 1, buf_b, pos_b, DRY)
            if ch:
                changed = True
                break
        if not changed:
            nseg = _segment(cps, n, trie, seg_level, otrie, False, bounds, frozen, seg_value)
            for p in range(chain.shape[0]):
                _, ch, _, _ = _convert_pass(cps, pos_a, n, chain[p], trie, bounds, frozen, nseg, buf_b, pos_b, DRY)
                if ch:
                    changed = True
                    break
        if not changed:
            return OK, -1, n, 0, True
    mode = TRACK if track else TEXT
    if track:
        for i in range(n + 1):
            pos_a[i] = i
    # the first step reads the input itself; then the steps alternate between the buffers
    src = cps
    spos = pos_a
    dst = buf_b
    dpos = pos_b
    in_b = False  # whether the text so far is in buf_b
    changes = 0
    same_lengths = True
    n_norm = normalization.shape[0]
    n_over = 1 if use_overrides else 0
    steps = n_norm + n_over + chain.shape[0]
    nseg = 1
    for step in range(steps):
        if step < n_norm:
            # normalization: each level over the whole text
            bounds[0] = 0
            bounds[1] = n
            frozen[0] = False
            level = normalization[step]
            n, ch, same, status = _convert_pass(src, spos, n, level, trie, bounds, frozen, 1, dst, dpos, mode)
        else:
            if step == n_norm:
                # cut the text as normalization left it, once for the steps that follow
                if cutting and (bounds.shape[0] < n + 2 or frozen.shape[0] < n + 1 or seg_value.shape[0] < n + 1):
                    return OVERFLOW, -1, n, changes, same_lengths
                nseg = _segment(src, n, trie, seg_level, otrie, use_overrides, bounds, frozen, seg_value)
            if step < n_norm + n_over:
                n, ch, same, status = _apply_overrides(
                    src, spos, n, otrie, bounds, frozen, seg_value, nseg, dst, dpos, track
                )
            else:
                level = chain[step - n_norm - n_over]
                n, ch, same, status = _convert_pass(src, spos, n, level, trie, bounds, frozen, nseg, dst, dpos, mode)
        if status != OK:
            return status, -1, n, changes, same_lengths
        changes += ch
        same_lengths = same_lengths and same
        in_b = not in_b
        src, spos = (buf_b, pos_b) if in_b else (buf_a, pos_a)
        dst, dpos = (buf_a, pos_a) if in_b else (buf_b, pos_b)
    if steps == 0:
        for i in range(n):
            buf_a[i] = cps[i]
    return OK, 1 if in_b else 0, n, changes, same_lengths
