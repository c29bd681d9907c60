"""Numba kernels of jieba.posseg's tagging HMM: cut and tag the Han runs ``pos_text`` marked.

The model's arrays are described in ``_posmodel``. The Viterbi pass follows
``jieba.posseg.viterbi`` step for step: at each character the candidate
states are the character's own (every state for a character the table lacks)
that some live state before it leads to; if none is, every state those
states lead to. A state's score is ``V[t-1][y0] + trans[y0, y] + emit`` added
in that order, the best ``y0`` taken with ties to the larger state number (a
``max`` over ``(probability, state)`` tuples), and so is the last state. The
route is then read as ``POSTokenizer.__cut`` reads it: ``B`` opens a word,
``E`` closes it with ``E``'s tag, ``S`` is a word alone, and what is left
open at the end is one word with the tag of its first state.

:func:`pair_classes` serves ``cut_pos``: it gives the tokens with the same
word and tag one class and spells each class once, so that one ``(word, tag)``
tuple per class is made in Python.

Kernels never raise: they return a count or a status.
"""

from __future__ import annotations

import numpy as np

from ..._jit import jit
from ._strings import class_slot, span_hash

__all__ = ["ERR_CAPACITY", "ERR_MODEL", "ERR_ROOM", "pair_classes", "pos_expand", "viterbi_run"]

ERR_CAPACITY = -1  # an output or scratch array is too short
ERR_ROOM = -2  # the path history needs more room: call again with a longer ``hist_state``/``hist_bp``
ERR_MODEL = -3  # no state can follow (jieba's own tables never get here)
TAG_HMM = -1
HAN_FIRST = 0x4E00
HAN_LAST = 0x9FD5
POS_B, POS_M, POS_E, POS_S = 0, 1, 2, 3


MIN_FLOAT = -3.14e100
NO_WAY = -np.inf  # ``trans`` where jieba has no transition


@jit
def _load_emit(c, em_ptr, em_state, em_val, emrow):
    """Put character ``c``'s emission log-probabilities in ``emrow`` (``MIN_FLOAT`` elsewhere)."""
    for j in range(em_ptr[c], em_ptr[c + 1]):
        emrow[em_state[j]] = em_val[j]


@jit
def _clear_emit(c, em_ptr, em_state, emrow):
    """Undo :func:`_load_emit`."""
    for j in range(em_ptr[c], em_ptr[c + 1]):
        emrow[em_state[j]] = MIN_FLOAT


@jit
def _best_from(y, prev, n_prev, v_prev, trans, em):
    """The best way into state ``y``: ``(score, previous state, whether any transition leads to y)``."""
    best = 0.0
    best_y0 = -1
    reach = False
    for i in range(n_prev):
        y0 = prev[i]
        tr = trans[y0, y]
        if tr != NO_WAY:
            reach = True
        p = v_prev[y0] + tr + em
        if best_y0 < 0 or p > best or (p == best and y0 > best_y0):
            best = p
            best_y0 = y0
    return best, best_y0, reach


@jit
def viterbi_run(cps, a, b, st_pos, start, trans, live, succ_ptr, succ, cs_ptr, cs, em_ptr, em_state, em_val,
                v_prev, v_cur, emrow, mark, prev, cur, bp, hist_ptr, hist_state, hist_bp, route):
    """The best state of each character of the Han run ``cps[a:b]``, written to ``route[:b - a]``.

    Scratch of ``S`` (the number of states) entries: ``v_prev``, ``v_cur``
    (float64), ``emrow`` (float64, all ``MIN_FLOAT`` on entry and on return),
    ``mark`` (int8, all 0 on entry and on return), ``prev``, ``cur``, ``bp`` (int16).
    ``hist_ptr`` (int32, ``b - a + 1``) and ``hist_state``/``hist_bp`` (int16)
    hold each step's states and their best predecessors. Returns 0, or
    ``ERR_CAPACITY``, ``ERR_ROOM`` or ``ERR_MODEL``.
    """
    n = b - a
    ns = start.shape[0]
    cap = hist_state.shape[0]
    if (n <= 0 or hist_ptr.shape[0] < n + 1 or route.shape[0] < n or hist_bp.shape[0] < cap
            or v_prev.shape[0] < ns or v_cur.shape[0] < ns or emrow.shape[0] < ns or mark.shape[0] < ns
            or prev.shape[0] < ns or cur.shape[0] < ns or bp.shape[0] < ns or trans.shape[0] < ns
            or trans.shape[1] < ns):
        return ERR_CAPACITY
    h = 0
    m = 0
    hist_ptr[0] = 0
    c = cps[a] - HAN_FIRST
    _load_emit(c, em_ptr, em_state, em_val, emrow)
    lo = cs_ptr[c]
    hi = cs_ptr[c + 1]
    count = hi - lo if hi > lo else ns
    for j in range(count):
        y = cs[lo + j] if hi > lo else j
        if h >= cap:
            _clear_emit(c, em_ptr, em_state, emrow)
            return ERR_ROOM
        v_cur[y] = start[y] + emrow[y]
        cur[m] = y
        m += 1
        hist_state[h] = y
        hist_bp[h] = -1
        h += 1
    _clear_emit(c, em_ptr, em_state, emrow)
    hist_ptr[1] = h
    for t in range(1, n):
        n_prev = 0
        for j in range(m):
            y = cur[j]
            v_prev[y] = v_cur[y]
            if live[y]:
                prev[n_prev] = y
                n_prev += 1
        if n_prev == 0:
            return ERR_MODEL
        c = cps[a + t] - HAN_FIRST
        _load_emit(c, em_ptr, em_state, em_val, emrow)
        lo = cs_ptr[c]
        hi = cs_ptr[c + 1]
        m = 0
        status = 0
        # the character's own states that a live state leads to ...
        for j in range(lo, hi):
            y = cs[j]
            best, best_y0, reach = _best_from(y, prev, n_prev, v_prev, trans, emrow[y])
            if reach:
                if h >= cap:
                    status = ERR_ROOM
                    break
                v_cur[y] = best
                cur[m] = y
                m += 1
                hist_state[h] = y
                hist_bp[h] = best_y0
                h += 1
        if m == 0 and status == 0:
            # ... or, for a character the table lacks or where none is, every state they lead to:
            # pushed along the transitions (a state none leads to into y scores -inf, and never wins)
            for i in range(n_prev):
                y0 = prev[i]
                v0 = v_prev[y0]
                for j in range(succ_ptr[y0], succ_ptr[y0 + 1]):
                    y = succ[j]
                    p = v0 + trans[y0, y] + emrow[y]
                    if mark[y] == 0:
                        mark[y] = 1
                        v_cur[y] = p
                        bp[y] = y0
                        cur[m] = y
                        m += 1
                    elif p > v_cur[y] or (p == v_cur[y] and y0 > bp[y]):
                        v_cur[y] = p
                        bp[y] = y0
            for j in range(m):
                y = cur[j]
                mark[y] = 0
                if h >= cap:
                    status = ERR_ROOM
                    continue
                hist_state[h] = y
                hist_bp[h] = bp[y]
                h += 1
        _clear_emit(c, em_ptr, em_state, emrow)
        if status != 0:
            return status
        hist_ptr[t + 1] = h
    # the best last state, then back along the predecessors
    state = -1
    best = 0.0
    for j in range(m):
        y = cur[j]
        if state < 0 or v_cur[y] > best or (v_cur[y] == best and y > state):
            best = v_cur[y]
            state = y
    for t in range(n - 1, -1, -1):
        route[t] = state
        found = -1
        for j in range(hist_ptr[t], hist_ptr[t + 1]):
            if hist_state[j] == state:
                found = j
                break
        if found < 0:
            return ERR_MODEL  # pragma: no cover - every state of a step is in its history
        state = hist_bp[found]
    return 0


@jit
def pos_expand(cps, in_s, in_e, in_t, count, st_pos, st_tag, start, trans, live, succ_ptr, succ, cs_ptr, cs,
               em_ptr, em_state, em_val, v_prev, v_cur, emrow, mark, prev, cur, bp, hist_ptr, hist_state, hist_bp,
               route, out_s, out_e, out_t):
    """Copy ``count`` tagged spans, cutting and tagging each one marked ``TAG_HMM`` (a Han run).

    ``st_tag`` gives each state's tag code. Scratch as for :func:`viterbi_run`,
    with ``hist_ptr`` and ``route`` as long as the longest marked run. Returns
    the number of spans written, or a status (``ERR_ROOM``: call again with
    longer history arrays).
    """
    if count > in_s.shape[0] or count > in_e.shape[0] or count > in_t.shape[0] or st_tag.shape[0] < start.shape[0]:
        return ERR_CAPACITY
    k = 0
    n = cps.shape[0]
    cap = out_s.shape[0]
    if out_e.shape[0] < cap or out_t.shape[0] < cap:
        return ERR_CAPACITY
    for w in range(count):
        s = in_s[w]
        e = in_e[w]
        if s < 0 or e > n or s > e:
            return ERR_CAPACITY
        if in_t[w] != TAG_HMM:
            if k >= cap:
                return ERR_CAPACITY
            out_s[k] = s
            out_e[k] = e
            out_t[k] = in_t[w]
            k += 1
            continue
        for i in range(s, e):
            if not (HAN_FIRST <= cps[i] <= HAN_LAST):
                return ERR_CAPACITY
        status = viterbi_run(cps, s, e, st_pos, start, trans, live, succ_ptr, succ, cs_ptr, cs, em_ptr, em_state,
                             em_val, v_prev, v_cur, emrow, mark, prev, cur, bp, hist_ptr, hist_state, hist_bp, route)
        if status < 0:
            return status
        m = e - s
        begin = 0
        nexti = 0
        for i in range(m):
            y = route[i]
            p = st_pos[y]
            if p == POS_B:
                begin = i
            elif p == POS_E or p == POS_S:
                if k >= cap:
                    return ERR_CAPACITY
                out_s[k] = s + (begin if p == POS_E else i)
                out_e[k] = s + i + 1
                out_t[k] = st_tag[y]
                k += 1
                nexti = i + 1
        if nexti < m:
            if k >= cap:
                return ERR_CAPACITY
            out_s[k] = s + nexti
            out_e[k] = e
            out_t[k] = st_tag[route[nexti]]
            k += 1
    return k


@jit
def _pair_hash(cps, s, e, t):
    return span_hash(cps, s, e, np.int64(t) + 1)


@jit
def pair_classes(cps, starts, ends, tags, n_tags, count, sep, table, classes, first, joined, done, u, m):
    """Give the tokens with the same word and tag one class, numbered in order of first appearance.

    Token ``i`` is ``cps[starts[i]:ends[i]]`` with tag code ``tags[i]`` (below
    ``n_tags``). Writes ``classes[i]`` (int32, ``count``) and the first token
    of each class to ``first`` (int32, ``count``); with ``sep >= 0`` also each
    class's code points followed by ``sep`` to ``joined`` (uint32, the length
    of the distinct words plus one per class), so that one decode and one
    split spell all the classes.

    ``table`` (int32, all -1 on entry) is an open-addressing hash table of the
    classes, its length a power of two, kept at most half full. The work
    resumes where a call with a smaller table stopped: ``done`` tokens are
    classed, into ``u`` classes whose words take ``m`` code points of
    ``joined`` (all 0 for a first call). Returns ``(u, m, done)``: all tokens
    are done when ``done == count``; before that the table is half full and
    a call with one twice as long goes on. ``(ERR_CAPACITY, 0, done)`` where
    a token, a tag or an array is out of range.
    """
    n = cps.shape[0]
    size = table.shape[0]
    mask = size - 1
    if (count < 0 or count > starts.shape[0] or count > ends.shape[0] or count > tags.shape[0]
            or classes.shape[0] < count or first.shape[0] < count or size < 2 or size & mask != 0
            or done < 0 or done > count or u < 0 or u > done or u > size // 2 or m < 0 or m > joined.shape[0]):
        return ERR_CAPACITY, 0, done
    for c in range(u):  # the classes found so far, into this table
        j = first[c]
        if j < 0 or j >= done:
            return ERR_CAPACITY, 0, done
        slot = class_slot(_pair_hash(cps, starts[j], ends[j], tags[j]), mask)
        while table[slot] >= 0:
            slot = (slot + 1) & mask
        table[slot] = c
    cap = joined.shape[0]
    for i in range(done, count):
        s = starts[i]
        e = ends[i]
        t = tags[i]
        if s < 0 or e > n or s > e or t < 0 or t >= n_tags:
            return ERR_CAPACITY, 0, i
        slot = class_slot(_pair_hash(cps, s, e, t), mask)
        found = -1
        while table[slot] >= 0:  # ends: the table is at most half full
            c = table[slot]
            j = first[c]
            s2 = starts[j]
            if tags[j] == t and ends[j] - s2 == e - s:
                same = True
                for q in range(e - s):
                    if cps[s + q] != cps[s2 + q]:
                        same = False
                        break
                if same:
                    found = c
                    break
            slot = (slot + 1) & mask
        if found < 0:
            if u + 1 > size // 2:
                return u, m, i  # full: go on with a longer table
            if sep >= 0:
                if m + (e - s) + 1 > cap:
                    return ERR_CAPACITY, 0, i
                for p in range(s, e):
                    joined[m] = cps[p]
                    m += 1
                joined[m] = sep
                m += 1
            table[slot] = u
            first[u] = i
            found = u
            u += 1
        classes[i] = found
    return u, m, count
