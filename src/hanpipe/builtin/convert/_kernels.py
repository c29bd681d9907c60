"""Numba kernels of the convert stage: maximum forward matching over a compiled trie.

Text is a uint32 array of code points. A trie is the tuple of arrays of
:class:`hanpipe.builtin.convert._data.Trie` (``Trie.arrays()``), in that order. The
kernels never raise and never allocate: the wrapper passes every buffer in,
sized from the dictionaries' growth bound, and the kernels return a status.
"""

from __future__ import annotations

import numpy as np

from ..._jit import jit

__all__ = ["DRY", "OK", "OVERFLOW", "TEXT", "TRACK", "convert_kernel", "longest_match", "scan_mask"]

OK = 0
OVERFLOW = 1  # an output buffer was too small; the wrapper's bound is wrong

# modes of a conversion pass
DRY = 0  # write nothing; stop at the first change
TEXT = 1  # write the converted text
TRACK = 2  # write the text and where each character came from

_NO_RANK = 2**31 - 1


@jit
def scan_mask(cps, root_slot, slot_mask):
    """The OR of ``slot_mask`` over every code point of ``cps`` that starts a key."""
    mask = np.int64(0)
    limit = root_slot.shape[0]
    for i in range(cps.shape[0]):
        c = np.int64(cps[i])
        if c < limit:
            s = root_slot[c]
            if s >= 0:
                mask |= slot_mask[s]
    return mask


@jit
def longest_match(cps, i, end, level, root_slot, root_node, child_start, child_cp, child_node, node_value, node_rank):
    """``(length, value)`` of the best key of ``level`` at ``cps[i:end]``, or ``(0, -1)``.

    Best means lowest rank, then longest: a ``short_circuit`` group's first
    matching member wins, a ``union``'s longest match wins.
    """
    c = np.int64(cps[i])
    if c >= root_slot.shape[0]:
        return 0, -1
    s = root_slot[c]
    if s < 0:
        return 0, -1
    node = root_node[level, s]
    if node < 0:
        return 0, -1
    best_len = 0
    best_val = -1
    best_rank = _NO_RANK
    j = i + 1
    while True:
        v = node_value[node]
        if v >= 0:
            r = node_rank[node]
            if r <= best_rank:
                best_rank = r
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


@jit
def _convert_pass(src, spos, n, level, trie, bounds, frozen, nseg, dst, dpos, mode):
    """One conversion over ``src[:n]``, segment by segment, into ``dst``.

    Matches never cross a segment boundary; frozen segments are copied.
    ``mode`` is ``DRY`` (write nothing, stop at the first change: ``changes``
    is then 0 or 1), ``TEXT`` (write the text) or ``TRACK`` (also write the
    positions ``dpos``). Unless dry, ``bounds`` is rewritten to the segments'
    places in ``dst``. Returns ``(length, changes, same_lengths, status)``.
    """
    t_slot = trie[0]
    t_root = trie[2]
    t_start = trie[3]
    t_cp = trie[4]
    t_child = trie[5]
    t_value = trie[6]
    t_rank = trie[7]
    value_start = trie[8]
    value_cps = trie[9]
    cap = dst.shape[0]
    o = 0
    changes = 0
    same_lengths = True
    a = bounds[0]
    dry = mode == DRY
    track = mode == TRACK
    for k in range(nseg):
        b = bounds[k + 1]
        if dry:
            if frozen[k]:
                a = b
                continue
        else:
            bounds[k] = o
            if frozen[k]:
                if o + (b - a) > cap:
                    return o, changes, same_lengths, OVERFLOW
                for i in range(a, b):
                    dst[o] = src[i]
                    if track:
                        dpos[o] = spos[i]
                    o += 1
                a = b
                continue
        i = a
        while i < b:
            # the best key at src[i:b]: longest_match, written out (a call per character
            # costs more than the walk, since every array argument is reference-counted)
            length = 0
            v = -1
            c = np.int64(src[i])
            if c < t_slot.shape[0] and t_slot[c] >= 0 and t_root[level, t_slot[c]] >= 0:
                node = t_root[level, t_slot[c]]
                best_rank = _NO_RANK
                j = i + 1
                while True:
                    if t_value[node] >= 0 and t_rank[node] <= best_rank:
                        best_rank = t_rank[node]
                        length = j - i
                        v = t_value[node]
                    if j >= b:
                        break
                    lo = t_start[node]
                    stop = t_start[node + 1]
                    if lo == stop:
                        break
                    target = np.int64(src[j])
                    hi = stop
                    while lo < hi:
                        mid = (lo + hi) >> 1
                        if t_cp[mid] < target:
                            lo = mid + 1
                        else:
                            hi = mid
                    if lo == stop or t_cp[lo] != target:
                        break
                    node = t_child[lo]
                    j += 1
            if length == 0:
                if not dry:
                    if o >= cap:
                        return o, changes, same_lengths, OVERFLOW
                    dst[o] = src[i]
                    if track:
                        dpos[o] = spos[i]
                    o += 1
                i += 1
                continue
            vs = value_start[v]
            kk = value_start[v + 1] - vs
            differs = kk != length
            if not differs:
                for q in range(kk):
                    if np.int64(value_cps[vs + q]) != np.int64(src[i + q]):
                        differs = True
                        break
            if differs:
                if dry:
                    return 0, 1, same_lengths, OK
                changes += 1
                if kk != length:
                    same_lengths = False
            if not dry:
                if o + kk > cap:
                    return o, changes, same_lengths, OVERFLOW
                for q in range(kk):
                    dst[o + q] = value_cps[vs + q]
                if track:
                    for q in range(kk):
                        dpos[o + q] = spos[i + (q * length) // kk]
                o += kk
            i += length
        a = b
    if dry:
        return n, 0, same_lengths, OK
    bounds[nseg] = o
    if track:
        dpos[o] = spos[n]
    return o, changes, same_lengths, OK


@jit
def _segment(cps, n, trie, seg_level, otrie, use_overrides, bounds, frozen, seg_value):
    """Cut ``cps[:n]`` into segments; returns their count.

    Overrides are found first (leftmost, then longest) and become frozen
    segments, ``seg_value`` naming the override value. Between them, when
    ``seg_level >= 0``, OpenCC's maximum-match segmentation cuts each
    dictionary match into a segment of its own and gathers the characters in
    between into one segment.
    """
    t_slot = trie[0]
    t_root = trie[2]
    t_start = trie[3]
    t_cp = trie[4]
    t_child = trie[5]
    t_value = trie[6]
    t_rank = trie[7]
    o_slot = otrie[0]
    o_root = otrie[2]
    o_start = otrie[3]
    o_cp = otrie[4]
    o_child = otrie[5]
    o_value = otrie[6]
    o_rank = otrie[7]
    nseg = 0
    bounds[0] = 0
    gap = 0  # start of the text not yet cut
    i = 0 if use_overrides else n
    while i <= n:
        olen = 0
        oval = -1
        if i < n:
            # the best override at cps[i:n] (longest_match, written out)
            c = np.int64(cps[i])
            if c < o_slot.shape[0] and o_slot[c] >= 0 and o_root[0, o_slot[c]] >= 0:
                node = o_root[0, o_slot[c]]
                best_rank = _NO_RANK
                j = i + 1
                while True:
                    v = o_value[node]
                    if v >= 0 and o_rank[node] <= best_rank:
                        best_rank = o_rank[node]
                        olen = j - i
                        oval = v
                    if j >= n:
                        break
                    lo = o_start[node]
                    stop = o_start[node + 1]
                    if lo == stop:
                        break
                    target = np.int64(cps[j])
                    hi = stop
                    while lo < hi:
                        mid = (lo + hi) >> 1
                        if o_cp[mid] < target:
                            lo = mid + 1
                        else:
                            hi = mid
                    if lo == stop or o_cp[lo] != target:
                        break
                    node = o_child[lo]
                    j += 1
        if olen == 0 and i < n:
            i += 1
            continue
        # cut the gap [gap, i)
        if seg_level >= 0:
            j = gap
            pending = gap
            while j < i:
                # the longest key at cps[j:i] (longest_match, written out)
                slen = 0
                c = np.int64(cps[j])
                if c < t_slot.shape[0] and t_slot[c] >= 0 and t_root[seg_level, t_slot[c]] >= 0:
                    node = t_root[seg_level, t_slot[c]]
                    best_rank = _NO_RANK
                    k2 = j + 1
                    while True:
                        if t_value[node] >= 0 and t_rank[node] <= best_rank:
                            best_rank = t_rank[node]
                            slen = k2 - j
                        if k2 >= i:
                            break
                        lo = t_start[node]
                        stop = t_start[node + 1]
                        if lo == stop:
                            break
                        target = np.int64(cps[k2])
                        hi = stop
                        while lo < hi:
                            mid = (lo + hi) >> 1
                            if t_cp[mid] < target:
                                lo = mid + 1
                            else:
                                hi = mid
                        if lo == stop or t_cp[lo] != target:
                            break
                        node = t_child[lo]
                        k2 += 1
                if slen == 0:
                    j += 1
                    continue
                if pending < j:
                    frozen[nseg] = False
                    nseg += 1
                    bounds[nseg] = j
                frozen[nseg] = False
                nseg += 1
                bounds[nseg] = j + slen
                j += slen
                pending = j
            if pending < i:
                frozen[nseg] = False
                nseg += 1
                bounds[nseg] = i
        elif gap < i:
            frozen[nseg] = False
            nseg += 1
            bounds[nseg] = i
        if i >= n:
            break
        frozen[nseg] = True
        seg_value[nseg] = oval
        nseg += 1
        bounds[nseg] = i + olen
        i += olen
        gap = i
    return nseg


@jit
def _apply_overrides(src, spos, n, otrie, bounds, frozen, seg_value, nseg, dst, dpos, track):
    """Write each frozen segment's override value; copy the rest."""
    value_start = otrie[8]
    value_cps = otrie[9]
    cap = dst.shape[0]
    o = 0
    changes = 0
    same_lengths = True
    a = bounds[0]
    for k in range(nseg):
        b = bounds[k + 1]
        bounds[k] = o
        if frozen[k]:
            v = seg_value[k]
            vs = value_start[v]
            kk = value_start[v + 1] - vs
            length = b - a
            if o + kk > cap:
                return o, changes, same_lengths, OVERFLOW
            differs = kk != length
            if not differs:
                for q in range(kk):
                    if np.int64(value_cps[vs + q]) != np.int64(src[a + q]):
                        differs = True
                        break
            if differs:
                changes += 1
                if kk != length:
                    same_lengths = False
            for q in range(kk):
                dst[o + q] = value_cps[vs + q]
                if track:
                    dpos[o + q] = spos[a + (q * length) // kk]
            o += kk
        else:
            if o + (b - a) > cap:
                return o, changes, same_lengths, OVERFLOW
            for i in range(a, b):
                dst[o] = src[i]
                if track:
                    dpos[o] = spos[i]
                o += 1
        a = b
    bounds[nseg] = o
    if track:
        dpos[o] = spos[n]
    return o, changes, same_lengths, OK


@jit
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
    steps = 0
    changes = 0
    same_lengths = True
    # normalization: each level over the whole text
    for p in range(normalization.shape[0]):
        bounds[0] = 0
        bounds[1] = n
        frozen[0] = False
        n, ch, same, status = _convert_pass(src, spos, n, normalization[p], trie, bounds, frozen, 1, dst, dpos, mode)
        if status != OK:
            return status, -1, n, changes, same_lengths
        changes += ch
        same_lengths = same_lengths and same
        steps += 1
        in_b = not in_b
        src, spos = (buf_b, pos_b) if in_b else (buf_a, pos_a)
        dst, dpos = (buf_a, pos_a) if in_b else (buf_b, pos_b)
    if cutting and (bounds.shape[0] < n + 2 or frozen.shape[0] < n + 1 or seg_value.shape[0] < n + 1):
        return OVERFLOW, -1, n, changes, same_lengths
    nseg = _segment(src, n, trie, seg_level, otrie, use_overrides, bounds, frozen, seg_value)
    if use_overrides:
        n, ch, same, status = _apply_overrides(src, spos, n, otrie, bounds, frozen, seg_value, nseg, dst, dpos, track)
        if status != OK:
            return status, -1, n, changes, same_lengths
        changes += ch
        same_lengths = same_lengths and same
        steps += 1
        in_b = not in_b
        src, spos = (buf_b, pos_b) if in_b else (buf_a, pos_a)
        dst, dpos = (buf_a, pos_a) if in_b else (buf_b, pos_b)
    for p in range(chain.shape[0]):
        n, ch, same, status = _convert_pass(src, spos, n, chain[p], trie, bounds, frozen, nseg, dst, dpos, mode)
        if status != OK:
            return status, -1, n, changes, same_lengths
        changes += ch
        same_lengths = same_lengths and same
        steps += 1
        in_b = not in_b
        src, spos = (buf_b, pos_b) if in_b else (buf_a, pos_a)
        dst, dpos = (buf_a, pos_a) if in_b else (buf_b, pos_b)
    if steps == 0:
        for i in range(n):
            buf_a[i] = cps[i]
    return OK, 1 if in_b else 0, n, changes, same_lengths
