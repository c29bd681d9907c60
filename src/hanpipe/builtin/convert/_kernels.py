"""Numba kernels of the convert stage: maximum forward matching over a compiled trie.

Text is a uint32 array of code points. A batch is one such array and an int64
array ``starts``: document ``d`` is ``cps[starts[d]:starts[d + 1] - 1]``. The
position between two documents is never read, and each document is converted
as a text of its own, so no match, segment or override crosses a document
bound whatever the dictionaries hold. A trie is the tuple of arrays of
:class:`hanpipe.builtin.convert._data.Trie` (``Trie.arrays()``), in that
order.

The kernels never raise and never allocate: the wrapper passes every buffer
in, sized from the dictionaries' growth bound, and the kernels return a
status. So they are compiled without numba's runtime (``allocates=False``),
which lets every pass call :func:`best_key`, the one trie walk, once per
character at no cost beyond the walk itself (the helpers are inlined).

A variant's program (its trie, the overrides' trie and the lists of levels)
reaches the kernels packed into one int64 array (:func:`pack_program`) and
is unpacked there into views: numba's dispatcher inspects every array of a
call, about 40 ns each and more inside tuples, and the twenty arrays of the
two tries made a call on a short text cost more than its conversion.

One text at a time (a line, a paragraph: how most people call a converter)
goes through :func:`convert_one`, which takes the text's UTF-32 bytes and
one work array and cuts every buffer from it: three arguments to check
instead of eleven. Both kernels convert a document with the same inlined
body, :func:`_convert_document`.

A conversion pass is one body, :func:`_convert_pass`, with a mode. It is
inlined with the mode a constant into :func:`_dry_pass` and twice into
:func:`_write_pass` (with and without positions), so each of the three
compiles to a loop without the others' branches.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..._jit import jit
from ._script import FIELD, LEVEL_LIMIT, SIMPLIFIED_BIT

__all__ = [
    "AT",
    "CHANGES",
    "DRY",
    "HAN",
    "LENGTH",
    "OK",
    "ONE_BYTES_PER_ITEM",
    "ONE_SLACK",
    "OVERFLOW",
    "POSITIONS_AT",
    "RESULT_COLUMNS",
    "SAME_LENGTHS",
    "SIMPLIFIED",
    "TEXT",
    "TRACK",
    "TRADITIONAL",
    "best_key",
    "convert_kernel",
    "convert_one",
    "pack_program",
    "scan",
    "start_levels",
]

OK = 0
OVERFLOW = 1  # an output buffer was too small; the wrapper's bound is wrong

# modes of a conversion pass
DRY = 0  # write nothing; stop at the first change
TEXT = 1  # write the converted text
TRACK = 2  # write the text and where each character came from

# columns of convert_kernel's results, one row per document
AT = 0  # where the converted text starts in out, or -1 when nothing changed
POSITIONS_AT = 1  # where its positions start in out_pos, or -1 when none were written
LENGTH = 2  # the converted text's length
CHANGES = 3  # how many replacements changed the text
SAME_LENGTHS = 4  # 1 when every replacement kept its length
SIMPLIFIED = 5  # how many characters of the document are Simplified-only (see _script)
TRADITIONAL = 6  # how many are Traditional-only
HAN = 7  # how many are Han ideographs
RESULT_COLUMNS = 8

_LEVELS = (np.int64(1) << np.int64(LEVEL_LIMIT)) - np.int64(1)  # the level bits of a start mask
_FIELD_MASK = (np.int64(1) << np.int64(FIELD)) - np.int64(1)  # one packed counter of scan
_SCAN_CHUNK = (1 << FIELD) - 1  # the most characters a packed counter takes without a carry

_NO_RANK = 2**31 - 1

# a packed program is ``index``, ``masks`` and ``words`` one after the other in one int64 array:
# ``words`` (int32, two to an item) holds these pieces in order, ``masks`` the two tries' start
# masks, and ``index`` where each piece starts, shapes and flags
_TRIE_PIECES = 9  # a trie's arrays but start_mask, root_node flattened
_NORMALIZATION = 2 * _TRIE_PIECES  # the pieces after the two tries
_CHAIN = _NORMALIZATION + 1
_KEEPS = _NORMALIZATION + 2  # per level, 1 if it keeps lengths
_SEG_REDUNDANT = _NORMALIZATION + 3  # per chain level, 1 if segmentation cannot change it alone
_PIECES = _NORMALIZATION + 4
_MASKS = _PIECES + 1  # index[_MASKS + k]: where trie k's start mask starts in masks (3 entries)
_SHAPES = _MASKS + 3  # index[_SHAPES + 2 * k], [+ 1]: the shape of trie k's root_node
_SEGMENTATION = _SHAPES + 4  # the segmentation level, or -1
_HAS_OVERRIDES = _SEGMENTATION + 1
_OVERRIDES_KEEP = _SEGMENTATION + 2  # 1 if every override keeps its length
_WORDS_AT = _SEGMENTATION + 3  # where words starts in the packed program (masks starts at _INDEX)
_INDEX = _SEGMENTATION + 4


def pack_program(
    trie: Sequence[np.ndarray],
    otrie: Sequence[np.ndarray],
    normalization: np.ndarray,
    segmentation: int,
    chain: np.ndarray,
    keeps: np.ndarray,
    seg_redundant: np.ndarray,
    has_overrides: bool,
    overrides_keep: bool,
) -> np.ndarray:
    """A program for :func:`convert_kernel` and :func:`convert_one`, one int64 array (plain Python, run once per
    converter).

    ``trie`` and ``otrie`` are ``Trie.arrays()`` of the dictionaries and of
    the overrides; the rest is as :class:`~hanpipe.builtin.convert._data.Program`
    has it.
    """
    pieces: list[np.ndarray] = []
    for arrays in (trie, otrie):
        root_slot, _, root_node, *rest = arrays
        pieces += [root_slot, root_node.ravel(), *rest]
    pieces += [normalization, chain, keeps, seg_redundant]
    index = np.zeros(_INDEX, dtype=np.int64)
    index[1 : _PIECES + 1] = np.cumsum([len(piece) for piece in pieces])
    index[_MASKS + 1] = len(trie[1])
    index[_MASKS + 2] = len(trie[1]) + len(otrie[1])
    index[_SHAPES : _SHAPES + 2] = trie[2].shape
    index[_SHAPES + 2 : _SHAPES + 4] = otrie[2].shape
    index[_SEGMENTATION] = segmentation
    index[_HAS_OVERRIDES] = has_overrides
    index[_OVERRIDES_KEEP] = overrides_keep
    words = np.concatenate([np.asarray(piece).astype(np.int32) for piece in pieces])
    if words.shape[0] % 2:
        words = np.append(words, np.int32(0))
    masks = np.concatenate([trie[1], otrie[1]]).astype(np.int64)
    index[_WORDS_AT] = _INDEX + masks.shape[0]
    return np.concatenate([index, masks, words.view(np.int64)])


@jit(inline="always", allocates=False)
def _split_program(program):
    """``(words, masks, index)`` of a packed program, as views."""
    index = program[:_INDEX]
    at = index[_WORDS_AT]
    return program[at:].view(np.int32), program[_INDEX:at], index


@jit(inline="always", allocates=False)
def _piece(words, index, p):
    return words[index[p] : index[p + 1]]


@jit(inline="always", allocates=False)
def _unpack_trie(words, masks, index, k):
    """The arrays of trie ``k`` (0: the dictionaries, 1: the overrides) of a packed program, as views."""
    p = k * _TRIE_PIECES
    root_node = _piece(words, index, p + 1).reshape((index[_SHAPES + 2 * k], index[_SHAPES + 2 * k + 1]))
    return (
        _piece(words, index, p),
        masks[index[_MASKS + k] : index[_MASKS + k + 1]],
        root_node,
        _piece(words, index, p + 2),
        _piece(words, index, p + 3),
        _piece(words, index, p + 4),
        _piece(words, index, p + 5),
        _piece(words, index, p + 6),
        _piece(words, index, p + 7),
        _piece(words, index, p + 8),
    )


@jit(allocates=False)
def start_levels(cps, start_mask):
    """A bit mask of the levels that have a key starting with some code point of ``cps``."""
    mask = np.int64(0)
    limit = start_mask.shape[0]
    for i in range(cps.shape[0]):
        c = np.int64(cps[i])
        if c < limit:
            mask |= start_mask[c]
    return mask & _LEVELS


@jit(allocates=False)
def _scan_chunk(cps, start_mask):
    """``(mask, packed)``: the OR of ``cps``' start masks and their class bits summed, at most ``_SCAN_CHUNK`` of them.

    A loop over a whole array with two accumulators, which the compiler
    vectorizes (the same loop over ``range(a, b)`` of a longer array ran
    three times slower).
    """
    mask = np.int64(0)
    packed = np.int64(0)
    limit = start_mask.shape[0]
    for i in range(cps.shape[0]):
        c = np.int64(cps[i])
        if c < limit:
            m = start_mask[c]
            mask |= m
            packed += m >> SIMPLIFIED_BIT
    return mask, packed


@jit(inline="always", allocates=False)
def scan(cps, start_mask):
    """``(levels, simplified, traditional, han)`` of ``cps`` in one pass over ``start_mask``.

    ``levels`` is :func:`start_levels`' mask; the three counts are the code
    points whose mask has the Simplified-only, Traditional-only and Han bit
    (:mod:`hanpipe.builtin.convert._script`). Those bits lie ``FIELD`` apart,
    so ``mask >> SIMPLIFIED_BIT`` adds each to its own counter of one int64
    (:func:`_scan_chunk`), read out every ``_SCAN_CHUNK`` characters, before
    a counter could carry into the next: the loop costs little more than
    :func:`start_levels`' one.
    """
    mask = np.int64(0)
    simplified = 0
    traditional = 0
    han = 0
    n = cps.shape[0]
    a = 0
    while a < n:
        b = min(n, a + _SCAN_CHUNK)
        m, packed = _scan_chunk(cps[a:b], start_mask)
        mask |= m
        simplified += packed & _FIELD_MASK
        traditional += (packed >> FIELD) & _FIELD_MASK
        han += packed >> (2 * FIELD)
        a = b
    return mask & _LEVELS, simplified, traditional, han


@jit(inline="always", allocates=False)
def best_key(
    cps, i, end, level, root_slot, start_mask, root_node, child_start, child_cp, child_node, node_value, node_rank
):
    """``(length, value)`` of the best key of ``level`` at ``cps[i:end]``, or ``(0, -1)``; ``i < end``.

    The arrays are the first eight of a :class:`~hanpipe.builtin.convert._data.Trie`.
    Best means lowest rank, then longest: a ``short_circuit`` group's first
    matching member wins, a ``union``'s longest match wins. Whether a key of
    ``level`` starts here is one look at ``start_mask``: most characters
    start none of the level's keys, and going through ``root_slot`` and
    ``root_node`` to learn it cost a quarter of tw2sp's time.
    """
    best_len = 0
    best_val = -1
    c = np.int64(cps[i])
    if c < start_mask.shape[0] and (start_mask[c] >> level) & 1:
        node = root_node[level, root_slot[c]]
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


@jit(inline="always", allocates=False)
def _convert_pass(src, spos, n, level, trie, bounds, frozen, nseg, dst, dpos, mode):
    """One conversion over ``src[:n]``, segment by segment, into ``dst``.

    Matches never cross a segment boundary; frozen segments are copied.
    ``mode`` is ``DRY`` (write nothing, stop at the first change: ``changes``
    is then 0 or 1), ``TEXT`` (write the text) or ``TRACK`` (also write the
    positions ``dpos``); callers pass it as a constant. Unless dry,
    ``bounds`` is rewritten to the segments' places in ``dst``.
    Returns ``(length, changes, same_lengths, status)``.
    """
    t_slot, t_mask, t_root, t_start, t_cp, t_child, t_value, t_rank, value_start, value_cps = trie
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
            length, v = best_key(src, i, b, level, t_slot, t_mask, t_root, t_start, t_cp, t_child, t_value, t_rank)
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


@jit(allocates=False)
def _dry_pass(src, pos, n, level, trie, bounds, frozen, nseg):
    """Whether a pass of ``level`` over the segments of ``src[:n]`` would change it (``pos`` is not read)."""
    _, changes, _, _ = _convert_pass(src, pos, n, level, trie, bounds, frozen, nseg, src, pos, DRY)
    return changes != 0


@jit(allocates=False)
def _write_pass(src, spos, n, level, trie, bounds, frozen, nseg, dst, dpos, track):
    """:func:`_convert_pass` writing the text, and its positions if ``track``."""
    if track:
        return _convert_pass(src, spos, n, level, trie, bounds, frozen, nseg, dst, dpos, TRACK)
    return _convert_pass(src, spos, n, level, trie, bounds, frozen, nseg, dst, dpos, TEXT)


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
    between into one segment. Without either, the text is one segment.
    """
    t_slot, t_mask, t_root, t_start, t_cp, t_child, t_value, t_rank, _, _ = trie
    o_slot, o_mask, o_root, o_start, o_cp, o_child, o_value, o_rank, _, _ = otrie
    nseg = 0
    bounds[0] = 0
    gap = 0  # start of the text not yet cut
    i = 0 if use_overrides else n
    while i <= n:
        olen = 0
        oval = -1
        if i < n:
            olen, oval = best_key(cps, i, n, 0, o_slot, o_mask, o_root, o_start, o_cp, o_child, o_value, o_rank)
            if olen == 0:
                i += 1
                continue
        # cut the gap [gap, i)
        if seg_level >= 0:
            j = gap
            pending = gap
            while j < i:
                slen, _ = best_key(
                    cps, j, i, seg_level, t_slot, t_mask, t_root, t_start, t_cp, t_child, t_value, t_rank
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


@jit(inline="always", allocates=False)
def _writes_positions(step, n_norm, n_over, normalization, chain, keeps, okeeps, track):
    """Whether step ``step`` of :func:`_run` writes positions: they are tracked and its level can change lengths."""
    if not track:
        return False
    if step < n_norm:
        return not keeps[normalization[step]]
    if step < n_norm + n_over:
        return not okeeps
    return not keeps[chain[step - n_norm - n_over]]


@jit(allocates=False)
def _run(
    src,
    trie,
    keeps,
    normalization,
    seg_level,
    chain,
    otrie,
    okeeps,
    use_overrides,
    track,
    out,
    out_pos,
    buf,
    pos,
    bounds,
    frozen,
    seg_value,
):
    """Run the levels ``normalization``, then overrides if ``use_overrides``, then ``chain`` over one text ``src``.

    ``seg_level`` is -1 to treat the text (or each stretch between overrides)
    as one segment. Without overrides a dry run comes first: a text that no
    pass would change is left alone (``changes`` 0, nothing written), and
    when normalization would change nothing it is not run and the dry run's
    segments are kept. The steps alternate between ``out`` and ``buf``, so
    that the last one writes ``out``. With ``track``, the steps whose level
    can change lengths (``keeps[level]`` false; ``okeeps`` for the
    overrides) write positions, alternating between ``out_pos`` and ``pos``
    so that the last one writes ``out_pos``; the other steps leave them where
    they are. ``src`` must have the buffers' type; it is read, never written.
    Returns ``(status, length, changes, same_lengths, tracked)``: the text is
    ``out[:length]``, and if ``tracked``, ``out_pos[:length + 1]`` maps it
    into ``src``.
    """
    n = src.shape[0]
    cutting = seg_level >= 0 or use_overrides
    if n > buf.shape[0] or (track and n + 1 > pos.shape[0]):
        return OVERFLOW, n, 0, True, False
    if bounds.shape[0] < (n + 2 if cutting else 2) or frozen.shape[0] < (n + 1 if cutting else 1):
        return OVERFLOW, n, 0, True, False
    n_norm = normalization.shape[0]
    nseg = -1  # the segments of the current text, once cut
    whole = np.int64(1)  # normalization's one segment (a literal 1 would compile each pass twice)
    if not use_overrides:
        changed = False
        for p in range(n_norm):
            bounds[0] = 0
            bounds[1] = n
            frozen[0] = False
            if _dry_pass(src, pos, n, normalization[p], trie, bounds, frozen, whole):
                changed = True
                break
        if not changed:
            n_norm = 0  # normalization would change nothing: skip it, so the text stays as cut here
            nseg = _segment(src, n, trie, seg_level, otrie, use_overrides, bounds, frozen, seg_value)
            # last level first: each is tried on the text as it is, so any order tells whether one would
            # change it, and the last (OpenCC's characters) finds a change soonest
            for p in range(chain.shape[0] - 1, -1, -1):
                if _dry_pass(src, pos, n, chain[p], trie, bounds, frozen, nseg):
                    changed = True
                    break
        if not changed:
            return OK, n, 0, True, False
    n_over = 1 if use_overrides else 0
    steps = n_norm + n_over + chain.shape[0]
    moves = 0  # how many steps write positions
    for step in range(steps):
        if _writes_positions(step, n_norm, n_over, normalization, chain, keeps, okeeps, track):
            moves += 1
    # the first step reads the input itself; each writes where the last one ends in out (out_pos)
    cur = src
    cur_pos = out_pos if moves % 2 == 0 else pos
    if moves:
        if n + 1 > cur_pos.shape[0]:
            return OVERFLOW, n, 0, True, False
        for i in range(n + 1):
            cur_pos[i] = i
    moved = 0
    changes = 0
    same_lengths = True
    for step in range(steps):
        dst = out if (steps - 1 - step) % 2 == 0 else buf
        writes = _writes_positions(step, n_norm, n_over, normalization, chain, keeps, okeeps, track)
        dpos = cur_pos
        if writes:
            moved += 1
            dpos = out_pos if (moves - moved) % 2 == 0 else pos
        if step < n_norm:
            # normalization: each level over the whole text
            bounds[0] = 0
            bounds[1] = n
            frozen[0] = False
            n, ch, same, status = _write_pass(
                cur, cur_pos, n, normalization[step], trie, bounds, frozen, whole, dst, dpos, writes
            )
        else:
            if nseg < 0:
                # cut the text as normalization left it, once for the steps that follow
                if cutting and (bounds.shape[0] < n + 2 or frozen.shape[0] < n + 1 or seg_value.shape[0] < n + 1):
                    return OVERFLOW, n, changes, same_lengths, False
                nseg = _segment(cur, n, trie, seg_level, otrie, use_overrides, bounds, frozen, seg_value)
            if step < n_norm + n_over:
                n, ch, same, status = _apply_overrides(
                    cur, cur_pos, n, otrie, bounds, frozen, seg_value, nseg, dst, dpos, writes
                )
            else:
                level = chain[step - n_norm - n_over]
                n, ch, same, status = _write_pass(cur, cur_pos, n, level, trie, bounds, frozen, nseg, dst, dpos, writes)
        if status != OK:
            return status, n, changes, same_lengths, False
        changes += ch
        same_lengths = same_lengths and same
        cur = dst
        cur_pos = dpos
    if steps == 0:
        if n > out.shape[0]:
            return OVERFLOW, n, 0, True, False
        for i in range(n):
            out[i] = src[i]
    return OK, n, changes, same_lengths, moves > 0


@jit(inline="always", allocates=False)
def _unpack_program(program):
    """``(trie, otrie, normalization, chain, keeps, seg_redundant, segmentation, has_overrides, okeeps)`` of a
    packed program, as views and numbers."""
    words, masks, index = _split_program(program)
    return (
        _unpack_trie(words, masks, index, 0),
        _unpack_trie(words, masks, index, 1),
        _piece(words, index, _NORMALIZATION),
        _piece(words, index, _CHAIN),
        _piece(words, index, _KEEPS),
        _piece(words, index, _SEG_REDUNDANT),
        index[_SEGMENTATION],
        index[_HAS_OVERRIDES] != 0,
        index[_OVERRIDES_KEEP] != 0,
    )


@jit(inline="always", allocates=False)
def _convert_document(
    src,
    trie,
    otrie,
    normalization,
    chain,
    keeps,
    seg_redundant,
    segmentation,
    has_overrides,
    okeeps,
    out,
    out_pos,
    buf,
    pos,
    bounds,
    frozen,
    seg_value,
):
    """Convert one non-empty document ``src`` into ``out`` (and ``out_pos``), as :func:`convert_kernel` says.

    Returns ``(status, length, changes, same_lengths, tracked, simplified,
    traditional, han)``; ``changes`` 0 means nothing was written.
    """
    mask, simplified, traditional, han = scan(src, trie[1])
    n_norm = normalization.shape[0]
    n_chain = chain.shape[0]
    norm_bits = np.int64(0)
    for p in range(n_norm):
        norm_bits |= np.int64(1) << np.int64(normalization[p])
    use_overrides = has_overrides and ((mask & norm_bits) != 0 or start_levels(src, otrie[1]) != 0)
    first = n_norm + n_chain  # the first level that can match
    for p in range(n_norm + n_chain):
        level = normalization[p] if p < n_norm else chain[p - n_norm]
        if (mask >> np.int64(level)) & 1:
            first = p
            break
    if first == n_norm + n_chain and not use_overrides:
        return OK, src.shape[0], 0, True, False, simplified, traditional, han
    norm = normalization[min(first, n_norm) :]
    c0 = min(max(first - n_norm, 0), n_chain)
    rest = chain[c0:]
    seg_level = segmentation
    if rest.shape[0] == 0 or (rest.shape[0] == 1 and seg_redundant[c0]):
        seg_level = -1
    track = use_overrides and not okeeps
    for p in range(norm.shape[0]):
        track = track or not keeps[norm[p]]
    for p in range(rest.shape[0]):
        track = track or not keeps[rest[p]]
    status, length, changes, same_lengths, tracked = _run(
        src,
        trie,
        keeps,
        norm,
        seg_level,
        rest,
        otrie,
        okeeps,
        use_overrides,
        track,
        out,
        out_pos,
        buf,
        pos,
        bounds,
        frozen,
        seg_value,
    )
    return status, length, changes, same_lengths, tracked, simplified, traditional, han


@jit(allocates=False)
def convert_kernel(
    cps,
    starts,
    program,
    out,
    out_pos,
    buf,
    pos,
    bounds,
    frozen,
    seg_value,
    results,
):
    """Convert each document of a batch: one row of ``results`` per document.

    ``program`` is a variant's program and its overrides, from
    :func:`pack_program`: ``normalization`` and ``chain``
    list levels of the trie, ``segmentation`` is a level or -1,
    ``keeps[level]`` says a level keeps lengths and ``seg_redundant[i]`` that
    segmentation cannot change ``chain[i]`` run alone; the overrides' trie
    (level 0) is used if there are overrides.

    Each document runs the levels from the first one with a key starting in
    it (earlier ones cannot change it), with the overrides if one of them
    could match, and with positions tracked if a level that runs can change
    lengths. Converted documents are written one after the other: the text
    at ``out[AT:AT + LENGTH]``, its positions (when its length changed) at
    ``out_pos[POSITIONS_AT:POSITIONS_AT + LENGTH + 1]``, mapping into the
    document. A document that nothing changed has ``AT`` -1 and leaves no
    trace. ``buf``, ``pos``, ``bounds``, ``frozen`` and ``seg_value`` are
    the work space of one document at a time: with ``growth`` the most
    characters one input character can become, they need ``growth`` times
    the longest document plus 2 items, and ``out`` and ``out_pos`` need
    ``growth`` times all documents plus one per document. ``results`` has
    ``len(starts) - 1`` rows of ``RESULT_COLUMNS`` int64; the columns
    ``SIMPLIFIED``, ``TRADITIONAL`` and ``HAN`` count the document's
    characters by script (:func:`scan`, in the pass that picks the levels).
    Returns ``(status, document, written)``: ``(OK, -1, characters written
    to out)``, or the status of the document that failed.
    """
    n_docs = starts.shape[0] - 1
    if results.shape[0] < n_docs or results.shape[1] < RESULT_COLUMNS:
        return OVERFLOW, 0, 0
    trie, otrie, normalization, chain, keeps, seg_redundant, segmentation, has_overrides, okeeps = _unpack_program(
        program
    )
    o = 0  # where the next converted text goes in out
    q = 0  # and its positions in out_pos
    for d in range(n_docs):
        s = starts[d]
        e = starts[d + 1] - 1
        results[d, AT] = -1
        results[d, POSITIONS_AT] = -1
        results[d, LENGTH] = e - s
        results[d, CHANGES] = 0
        results[d, SAME_LENGTHS] = 1
        results[d, SIMPLIFIED] = 0
        results[d, TRADITIONAL] = 0
        results[d, HAN] = 0
        if e <= s:
            continue
        status, length, changes, same_lengths, tracked, simplified, traditional, han = _convert_document(
            cps[s:e],
            trie,
            otrie,
            normalization,
            chain,
            keeps,
            seg_redundant,
            segmentation,
            has_overrides,
            okeeps,
            out[o:],
            out_pos[q:],
            buf,
            pos,
            bounds,
            frozen,
            seg_value,
        )
        results[d, SIMPLIFIED] = simplified
        results[d, TRADITIONAL] = traditional
        results[d, HAN] = han
        if status != OK:
            return status, d, o
        if changes == 0:
            continue
        results[d, AT] = o
        results[d, LENGTH] = length
        results[d, CHANGES] = changes
        o += length
        if not same_lengths:
            results[d, SAME_LENGTHS] = 0
            if tracked:
                results[d, POSITIONS_AT] = q
                q += length + 1
    return OK, -1, o


#: how many bytes of work space :func:`convert_one` needs per item of its regions, and in all besides
ONE_BYTES_PER_ITEM = 25  # out, out_pos, buf, pos, bounds, seg_value: 4 bytes each; frozen: 1
ONE_SLACK = 64  # the regions start at multiples of 8 bytes


@jit(inline="always", allocates=False)
def _region(work, at, nbytes):
    """``work[at:at + nbytes]`` and where the next region starts (a multiple of 8)."""
    return work[at : at + nbytes], (at + nbytes + 7) & ~7


@jit(allocates=False)
def convert_one(data, program, work):
    """Convert one text given as UTF-32-LE bytes ``data``, in one uint8 array ``work``: a short text's fast path.

    :func:`convert_kernel` on a batch of one text takes eleven arguments,
    and numba checks each array of a call (tens of nanoseconds apiece), which
    a text of a few hundred bytes notices. Here the text comes as the bytes
    its encoder made, and the output and work arrays are cut from ``work``:
    ``out`` first, so the converted text is the first ``4 * length`` bytes
    of ``work`` (uint32 code points in the machine's order), then
    ``out_pos`` (int32), ``buf``, ``pos``, ``bounds``, ``frozen``,
    ``seg_value`` and the text's code points. With ``n`` characters, each of
    the seven regions gets ``(len(work) - 4 * n - ONE_SLACK) // ONE_BYTES_PER_ITEM``
    items, which must be ``growth * (n + 1) + 2`` (as :func:`convert_kernel`
    needs for a batch of one); a smaller ``work`` gives ``OVERFLOW``.

    Returns ``(status, length, changes, same_lengths, positions_at,
    simplified, traditional, han)``: as :func:`convert_kernel`'s row of the
    text, with ``positions_at`` the byte offset in ``work`` of the int32
    positions (``length + 1`` of them) or -1 when none were written.
    """
    n = len(data) // 4
    size = work.shape[0] - 4 * n - ONE_SLACK
    items = size // ONE_BYTES_PER_ITEM if size > 0 else 0
    if items < 2 or len(data) != 4 * n:
        return OVERFLOW, n, 0, True, -1, 0, 0, 0
    at = 0
    raw, at = _region(work, at, 4 * items)
    out = raw.view(np.uint32)
    pos_at = at
    raw, at = _region(work, at, 4 * items)
    out_pos = raw.view(np.int32)
    raw, at = _region(work, at, 4 * items)
    buf = raw.view(np.uint32)
    raw, at = _region(work, at, 4 * items)
    pos = raw.view(np.int32)
    raw, at = _region(work, at, 4 * items)
    bounds = raw.view(np.int32)
    frozen_raw, at = _region(work, at, items)
    frozen = frozen_raw.view(np.bool_)
    raw, at = _region(work, at, 4 * items)
    seg_value = raw.view(np.int32)
    raw, at = _region(work, at, 4 * n)
    cps = raw.view(np.uint32)
    for i in range(n):
        b = 4 * i
        cps[i] = (
            np.uint32(data[b])
            | (np.uint32(data[b + 1]) << np.uint32(8))
            | (np.uint32(data[b + 2]) << np.uint32(16))
            | (np.uint32(data[b + 3]) << np.uint32(24))
        )
    if n == 0:
        return OK, 0, 0, True, -1, 0, 0, 0
    trie, otrie, normalization, chain, keeps, seg_redundant, segmentation, has_overrides, okeeps = _unpack_program(
        program
    )
    status, length, changes, same_lengths, tracked, simplified, traditional, han = _convert_document(
        cps,
        trie,
        otrie,
        normalization,
        chain,
        keeps,
        seg_redundant,
        segmentation,
        has_overrides,
        okeeps,
        out,
        out_pos,
        buf,
        pos,
        bounds,
        frozen,
        seg_value,
    )
    return status, length, changes, same_lengths, pos_at if tracked else -1, simplified, traditional, han
