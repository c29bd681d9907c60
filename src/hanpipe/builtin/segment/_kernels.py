"""Numba kernels of the ``jieba`` segmenter: arrays in, counts or statuses out.

The dictionary is a double-array trie over dense character codes (``charmap``
maps a code point to its code, 0 for a character no word contains; ``_trie``
builds and changes it). Per slot, ``flags`` says whether the prefix is a word
(jieba's ``FREQ[w]`` non-zero) and whether the HMM must split it. The trie's
names are re-exported here.

``full_text`` is jieba's full mode (``cut_all=True``): every dictionary word
of every position, walked as jieba walks its word graph. ``pos_text`` is
``jieba.posseg``'s cut up to its tagging HMM: words with tags, and the Han
runs that the HMM (``_posseg``) cuts and tags marked for it.

``cut_joined`` is ``segment_text`` (and ``search_expand``) for one short
text in one call, writing the words themselves (or, with ``JOINED_SPANS``,
their spans). The kernels allocate nothing (``allocates=False``): arrays
pass between them without reference counts, and a call unboxes its
arguments faster.

Everything here follows jieba 0.42.1 operation for operation, including the
order of floating-point additions and the way ties are broken, so the routes
are the same to the last bit.
"""

from __future__ import annotations

import numpy as np

from ..._jit import jit
from ..._text import SPACE
from ._trie import ERR_CAPACITY, FREE, NO_CHILDREN, RESERVED, ROOT_CHECK, dat_build, dat_insert

__all__ = [
    "ERR_CAPACITY",
    "FORCE_SPLIT",
    "FREE",
    "NO_CHILDREN",
    "RESERVED",
    "ROOT_CHECK",
    "TAG_ENG",
    "TAG_HMM",
    "TAG_M",
    "TAG_X",
    "WORD",
    "cut_joined",
    "dat_build",
    "dat_insert",
    "dat_lookup",
    "full_text",
    "max_block",
    "next_cut",
    "pos_text",
    "search_expand",
    "segment_text",
]

WORD = 1  # flags: the prefix is a word with non-zero frequency
FORCE_SPLIT = 2  # flags: the HMM must not emit this word whole (jieba's del_word)

_END, _OUTSIDE, _WORD = 0, 1, 2  # what segment_text finds at a position

HAN_FIRST = 0x4E00
HAN_LAST = 0x9FD5
MIN_FLOAT = -3.14e100
ST_B, ST_M, ST_E, ST_S = 0, 1, 2, 3

# -- segmentation ---------------------------------------------------------------
#
# The segmentation kernels read the trie as ``bc``, an (M, 2) int32 array of
# (base, check) rows, so that a step touches one cache line, and ``wscore``,
# jieba's ``log(freq) - logtotal`` per slot (NaN where the prefix is no
# word): the route adds it to the score of the rest, as jieba does.
#
# A block is a maximal run of jieba's ``re_han_default`` characters; no word
# crosses its ends. The route is computed over the whole text at once, with
# the characters between blocks as barriers. ``off`` is added to positions
# when a span is written.


@jit(allocates=False)
def _step_bc(bc, s, c):
    """The child of slot ``s`` on code ``c``, or -1."""
    if c <= 0:
        return -1
    t = bc[s, 0] + c
    if t < 0 or t >= bc.shape[0]:
        return -1
    if bc[t, 1] == s:
        return t
    return -1


@jit(allocates=False)
def _walk_bc(codes, start, end, bc):
    s = 0
    for i in range(start, end):
        s = _step_bc(bc, s, codes[i])
        if s < 0:
            return -1
    return s


@jit(allocates=False)
def _ascii_alnum(c):
    return (48 <= c <= 57) or (65 <= c <= 90) or (97 <= c <= 122)


@jit(allocates=False)
def _in_block(c):
    """jieba's ``re_han_default``: Han U+4E00..U+9FD5, ASCII letters and digits, ``+#&._%-``."""
    if HAN_FIRST <= c <= HAN_LAST:
        return True
    if c < 128:
        return _ascii_alnum(c) or c == 43 or c == 35 or c == 38 or c == 46 or c == 95 or c == 37 or c == 45
    return False


@jit(allocates=False)
def _put(out_s, out_e, k, s, e):
    if k < 0 or k >= out_s.shape[0] or k >= out_e.shape[0]:
        return ERR_CAPACITY
    out_s[k] = s
    out_e[k] = e
    return k + 1


@jit(allocates=False)
def next_cut(cps, start, target):
    """Where a chunk that starts at ``start`` may end: at least ``target`` characters on, just after a
    character outside the blocks that is not ``\\r`` (or at the end). No token crosses such a point."""
    n = cps.shape[0]
    e = start + target
    if e >= n:
        return n
    while e < n:
        c = cps[e - 1]
        if c != 13 and not _in_block(c):
            return e
        e += 1
    return n


@jit(allocates=False)
def max_block(cps):
    """The length of the longest block of ``cps`` (what the scratch arrays must hold)."""
    best = 0
    run = 0
    for i in range(cps.shape[0]):
        if _in_block(cps[i]):
            run += 1
            if run > best:
                best = run
        else:
            run = 0
    return best


@jit(allocates=False)
def _put_hmm_word(codes, bc, wscore, flags, s, e, off, out_s, out_e, k):
    """One word of the HMM: whole, or char by char if the user deleted it (jieba's force split)."""
    if e - s > 1:
        node = _walk_bc(codes, s, e, bc)
        if node >= 0 and flags[node] & FORCE_SPLIT:
            for i in range(s, e):
                k = _put(out_s, out_e, k, off + i, off + i + 1)
            return k
    return _put(out_s, out_e, k, off + s, off + e)


@jit(allocates=False)
def _enter(bp, at, lo, v_lo, t_lo, hi, v_hi, t_hi, em):
    """The best way into a state at ``bp[at]``, from state ``lo`` or ``hi`` (with transition
    log-probabilities ``t_lo``, ``t_hi`` into it); notes it in ``bp``.

    jieba takes the max of ``(prob, state)`` tuples: on a tie the state
    whose letter sorts last (``hi``) wins. ``prob`` adds as jieba adds.
    """
    p_lo = v_lo + t_lo + em
    p_hi = v_hi + t_hi + em
    if p_hi >= p_lo:
        bp[at] = hi
        return p_hi
    bp[at] = lo
    return p_lo


@jit(inline="always", allocates=False)
def _viterbi(cps, codes, a, b, off, start_p, trans, emit, bc, wscore, flags, bp, states, out_s, out_e, k):
    """jieba's ``finalseg.__cut`` over the Han run ``cps[a:b]``."""
    n = b - a
    c = cps[a] - HAN_FIRST
    vb = start_p[ST_B] + emit[c, ST_B]
    vm = start_p[ST_M] + emit[c, ST_M]
    ve = start_p[ST_E] + emit[c, ST_E]
    vs = start_p[ST_S] + emit[c, ST_S]
    # the transitions as locals: the compiler cannot tell that writing ``bp`` leaves ``trans`` alone
    eb, sb = trans[ST_E, ST_B], trans[ST_S, ST_B]
    bm, mm = trans[ST_B, ST_M], trans[ST_M, ST_M]
    be, me = trans[ST_B, ST_E], trans[ST_M, ST_E]
    es, ss = trans[ST_E, ST_S], trans[ST_S, ST_S]
    for t in range(1, n):
        c = cps[a + t] - HAN_FIRST
        at = t * 4
        # B <- E, S ; M <- B, M ; E <- B, M ; S <- E, S, the state whose letter sorts last second
        nb = _enter(bp, at + ST_B, ST_E, ve, eb, ST_S, vs, sb, emit[c, ST_B])
        nm = _enter(bp, at + ST_M, ST_B, vb, bm, ST_M, vm, mm, emit[c, ST_M])
        ne = _enter(bp, at + ST_E, ST_B, vb, be, ST_M, vm, me, emit[c, ST_E])
        ns = _enter(bp, at + ST_S, ST_E, ve, es, ST_S, vs, ss, emit[c, ST_S])
        vb, vm, ve, vs = nb, nm, ne, ns
    state = ST_S if vs >= ve else ST_E
    states[n - 1] = state
    for t in range(n - 1, 0, -1):
        state = int(bp[t * 4 + state])  # int: int8 arithmetic would wrap as plain Python
        states[t - 1] = state
    begin = 0
    nexti = 0
    for i in range(n):
        pos = states[i]
        if pos == ST_B:
            begin = i
        elif pos == ST_E:
            k = _put_hmm_word(codes, bc, wscore, flags, a + begin, a + i + 1, off, out_s, out_e, k)
            nexti = i + 1
        elif pos == ST_S:
            k = _put_hmm_word(codes, bc, wscore, flags, a + i, a + i + 1, off, out_s, out_e, k)
            nexti = i + 1
    if nexti < n:
        k = _put_hmm_word(codes, bc, wscore, flags, a + nexti, b, off, out_s, out_e, k)
    return k


@jit(inline="always", allocates=False)
def _skip_split(cps, a, b, off, out_s, out_e, k):
    """``finalseg.re_skip.split`` over a non-Han run: ``[a-zA-Z0-9]+(?:\\.\\d+)?%?`` and the gaps."""
    gap = a
    pos = a
    while pos < b:
        if not _ascii_alnum(cps[pos]):
            pos += 1
            continue
        j = pos + 1
        while j < b and _ascii_alnum(cps[j]):
            j += 1
        if j + 1 < b and cps[j] == 46 and 48 <= cps[j + 1] <= 57:
            j += 2
            while j < b and 48 <= cps[j] <= 57:
                j += 1
        if j < b and cps[j] == 37:
            j += 1
        if gap < pos:
            k = _put(out_s, out_e, k, off + gap, off + pos)
        k = _put(out_s, out_e, k, off + pos, off + j)
        gap = j
        pos = j
    if gap < b:
        k = _put(out_s, out_e, k, off + gap, off + b)
    return k


@jit(inline="always", allocates=False)
def _finalseg(cps, codes, a, b, off, start_p, trans, emit, bc, wscore, flags, bp, states, out_s, out_e, k):
    """jieba's ``finalseg.cut``: Viterbi over Han runs, ``re_skip`` over the rest."""
    i = a
    while i < b:
        han = HAN_FIRST <= cps[i] <= HAN_LAST
        j = i + 1
        while j < b and (HAN_FIRST <= cps[j] <= HAN_LAST) == han:
            j += 1
        if han:
            k = _viterbi(cps, codes, i, j, off, start_p, trans, emit, bc, wscore, flags, bp, states,
                         out_s, out_e, k)
        else:
            k = _skip_split(cps, i, j, off, out_s, out_e, k)
        i = j
    return k


@jit(inline="always", allocates=False)
def _flush_buf(cps, codes, a, b, off, start_p, trans, emit, bc, wscore, flags, bp, states, out_s, out_e, k):
    """A run ``[a, b)`` of one-character route words, as ``__cut_DAG`` yields it."""
    if b - a == 1:
        return _put(out_s, out_e, k, off + a, off + b)
    node = _walk_bc(codes, a, b, bc)
    if node >= 0 and wscore[node] == wscore[node]:
        for i in range(a, b):
            k = _put(out_s, out_e, k, off + i, off + i + 1)
        return k
    return _finalseg(cps, codes, a, b, off, start_p, trans, emit, bc, wscore, flags, bp, states, out_s, out_e, k)


@jit(inline="always", allocates=False)
def _route(codes, n, bc, wscore, logtotal, score, nxt):
    """jieba's ``get_DAG`` and ``calc`` over the whole text: ``nxt[i]`` ends the best word at ``i``.

    ``codes[i] < 0`` marks a character outside the blocks: no word crosses
    it and its score is 0.0, which is jieba's ``route[N]`` for the block
    before it. Within a block jieba keeps
    ``max((log(freq) - logtotal + route[x + 1], x) for x in DAG[i])``: the
    same sum in the same order (``wscore`` holds the first difference), and
    on a tie the larger ``x``.
    """
    score[n] = 0.0
    for idx in range(n - 1, -1, -1):
        if codes[idx] < 0:
            score[idx] = 0.0
            nxt[idx] = idx + 1
            continue
        best = 0.0
        end = -1
        s = 0
        x = idx
        while x < n:
            s = _step_bc(bc, s, codes[x])
            if s < 0:
                break
            w = wscore[s]
            if w == w:  # a word (NaN marks a prefix that is none)
                sc = w + score[x + 1]
                if end < 0 or sc >= best:
                    best = sc
                    end = x
            x += 1
        if end < 0:  # not a word: jieba's DAG[i] = [i], with freq ``or 1``
            best = 0.0 - logtotal + score[idx + 1]
            end = idx
        score[idx] = best
        nxt[idx] = end + 1


@jit(allocates=False)
def segment_text(cps, charmap, bc, wscore, flags, logtotal, start_p, trans, emit, hmm,
                 codes, score, nxt, bp, states, out_s, out_e):
    """``jieba.lcut(text, HMM=hmm)`` as spans.

    ``cps`` are the text's code points (uint32). Scratch arrays, for ``n`` =
    ``len(cps)`` and ``L`` = ``max_block(cps)``: ``codes`` (int32, n),
    ``score`` (float64, n + 1), ``nxt`` (int32, n + 1), ``bp`` (int8 or
    int32, 4L), ``states`` (int8 or int32, L). Writes token spans to ``out_s`` / ``out_e``
    (int32, at least n) and returns their number, or ``ERR_CAPACITY`` if an
    array is too short.
    """
    n = cps.shape[0]
    if (emit.shape[1] != 4 or emit.shape[0] <= HAN_LAST - HAN_FIRST or start_p.shape[0] != 4
            or trans.shape[0] != 4 or trans.shape[1] != 4 or bc.shape[1] != 2
            or wscore.shape[0] < bc.shape[0] or flags.shape[0] < bc.shape[0]
            or codes.shape[0] < n or score.shape[0] < n + 1 or nxt.shape[0] < n + 1
            or states.shape[0] * 4 > bp.shape[0]):
        return ERR_CAPACITY
    nmap = charmap.shape[0]
    longest = 0
    run = 0
    for i in range(n):
        c = cps[i]
        if _in_block(c):
            codes[i] = charmap[c] if c < nmap else 0
            run += 1
            if run > longest:
                longest = run
        else:
            codes[i] = -1
            run = 0
    if states.shape[0] < longest:
        return ERR_CAPACITY
    _route(codes, n, bc, wscore, logtotal, score, nxt)
    k = 0
    x = 0
    y = 0
    buf = -1  # start of the pending run [buf, x)
    while k >= 0:
        # what starts at x: the end, a character outside the blocks, a word that joins the pending
        # run (HMM: one character; no HMM: one ASCII letter or digit), or another word
        if x >= n:
            kind = _END
        elif codes[x] < 0:
            kind = _OUTSIDE
        else:
            y = nxt[x]
            if y - x == 1 and (hmm or _ascii_alnum(cps[x])):
                if buf < 0:
                    buf = x
                x = y
                continue
            kind = _WORD
        if buf >= 0:
            # the pending run ends: __cut_DAG's HMM over it (a run of one character needs none),
            # __cut_DAG_NO_HMM's one token (a called flush is inlined once, here)
            if hmm and x - buf > 1:
                k = _flush_buf(cps, codes, buf, x, 0, start_p, trans, emit, bc, wscore, flags, bp, states,
                               out_s, out_e, k)
            else:
                k = _put(out_s, out_e, k, buf, x)
            buf = -1
        if kind == _END:
            break
        if kind == _OUTSIDE:
            # one token a character, but \r\n together
            width = 2 if cps[x] == 13 and x + 1 < n and cps[x + 1] == 10 else 1
            k = _put(out_s, out_e, k, x, x + width)
            x += width
        else:
            k = _put(out_s, out_e, k, x, y)
            x = y
    return k


@jit(allocates=False)
def _walk_cp(cps, start, end, charmap, bc):
    """The slot of the code points ``cps[start:end]``, or -1."""
    nmap = charmap.shape[0]
    s = 0
    for i in range(start, end):
        c = cps[i]
        s = _step_bc(bc, s, charmap[c] if c < nmap else 0)
        if s < 0:
            return -1
    return s


@jit(allocates=False)
def dat_lookup(codes, bc):
    """The slot of the whole of ``codes`` (int32 character codes), or -1."""
    return _walk_bc(codes, 0, codes.shape[0], bc)


@jit(allocates=False)
def search_expand(cps, charmap, bc, wscore, in_s, in_e, count, out_s, out_e):
    """``cut_for_search`` over spans: the dictionary 2- and 3-grams of longer words, then the word.

    Returns the number of spans written (at most twice the text's length),
    or ``ERR_CAPACITY``.
    """
    if count > in_s.shape[0] or count > in_e.shape[0]:
        return ERR_CAPACITY
    k = 0
    n = cps.shape[0]
    for w in range(count):
        s = in_s[w]
        e = in_e[w]
        if s < 0 or e > n or s > e:
            return ERR_CAPACITY
        ln = e - s
        if ln > 2:
            for i in range(ln - 1):
                node = _walk_cp(cps, s + i, s + i + 2, charmap, bc)
                if node >= 0 and wscore[node] == wscore[node]:
                    k = _put(out_s, out_e, k, s + i, s + i + 2)
        if ln > 3:
            for i in range(ln - 2):
                node = _walk_cp(cps, s + i, s + i + 3, charmap, bc)
                if node >= 0 and wscore[node] == wscore[node]:
                    k = _put(out_s, out_e, k, s + i, s + i + 3)
        k = _put(out_s, out_e, k, s, e)
        if k < 0:
            return k
    return k


# -- one short text, one call ------------------------------------------------------
#
# A call per sentence or line is how most people segment, and there a kernel
# call's fixed cost (numba unboxes each argument) and the wrapper's weigh
# more than the work. ``cut_joined`` does for one short text what
# ``segment_text`` (and ``search_expand``), or ``full_text``, and the
# wrapper's list of strings did in several calls, with few arguments: the HMM's small tables in one
# array (``model``), the options in one integer, every scratch and output
# array in one buffer. It writes the words themselves, joined by a separator
# the text lacks: the wrapper decodes that once and splits it.
#
# With ``JOINED_DISTINCT`` it writes each distinct word once, in order of
# first appearance, and numbers the tokens by word (``classes``), so that
# the wrapper makes one string per distinct word, as ``_strings`` does for
# longer texts.
#
# With ``JOINED_SPANS`` it writes the tokens' spans instead of their words,
# starts then ends at the start of ``work`` (as int32): the wrapper copies
# them into the two arrays of a ``Tokens``, and the text's words are made
# only when someone reads them.

JOINED_WORK = 36  # 32-bit entries of ``work`` per character (and ``JOINED_FIXED`` more)
JOINED_FIXED = 12
JOINED_CLASSES = 24  # the classes start at int32 entry ``JOINED_CLASSES * n + JOINED_CLASSES_FIXED``
JOINED_CLASSES_FIXED = 5
JOINED_HMM = 1  # ``opts``: the HMM on
JOINED_SEARCH = 2  # ``opts``: search mode
JOINED_DISTINCT = 4  # ``opts``: each distinct word once, and the classes
JOINED_FULL = 8  # ``opts``: full mode (``cut_all``); the HMM and search bits play no part
JOINED_SPANS = 16  # ``opts``: the tokens' spans instead of their words (no separator, no distinct words)
JOINED_SEP = 32  # ``opts``: the separator's code point times this
NOT_CONTIGUOUS = -2  # ``_join_contiguous``: the tokens do not cover the text one after the other
JOINED_COUNT = 1 << 32  # with ``JOINED_DISTINCT``, the result is ``m + JOINED_COUNT * tokens``
HASH_LIMIT = (1 << 40) - 1  # word hashes stay below 2**40, so ``h * 1000003`` fits in an int64


@jit(allocates=False)
def cut_joined(data, charmap, bc, wscore, flags, model, emit, opts, work):
    """jieba's words of the text ``data`` (its UTF-32-LE bytes) as code points, one separator
    between two words, at the start of ``work``: ``jieba.lcut`` (``lcut_for_search`` with
    ``JOINED_SEARCH``, ``lcut(text, cut_all=True)`` with ``JOINED_FULL``, whose empty tokens are
    empty strings between two separators).

    ``data`` is a bytes object (numba unboxes one faster than an array) or
    a uint8 array. ``model`` (float64, 6 x 4) is the HMM's start row, its
    four transition rows and ``logtotal`` at ``[5, 0]``. ``opts`` is
    ``JOINED_HMM`` (on or not) + ``JOINED_SEARCH`` or ``JOINED_FULL`` (or
    neither) + ``JOINED_DISTINCT`` (or not; not with ``JOINED_FULL``) +
    ``JOINED_SEP`` times the separator, or + ``JOINED_SPANS`` for spans.
    ``work`` (uint32, ``JOINED_WORK * n + JOINED_FIXED`` entries, an even
    number, for ``n`` characters) holds the output, then the code points and
    the scratch arrays. Returns the number ``m`` of code points written (0
    only for an empty text), or ``ERR_CAPACITY`` if an array is too short
    (or, in full mode, the text has more tokens or characters than fit).
    With ``JOINED_DISTINCT`` the words written are the distinct ones, the
    result is ``m + JOINED_COUNT * tokens``, and each token's word number is
    in ``work.view(int32)`` from ``JOINED_CLASSES * n + JOINED_CLASSES_FIXED``.
    With ``JOINED_SPANS`` the result is the number ``count`` of tokens, their
    starts in ``work.view(int32)[:count]`` and their ends in
    ``[count : 2 * count]`` (full mode: the pieces of its tokens, as
    ``full_text`` writes them, without the join marks).
    """
    n = len(data) // 4
    if (work.shape[0] < JOINED_WORK * n + JOINED_FIXED or work.shape[0] % 2 or model.shape[0] < 6
            or model.shape[1] < 4):
        return ERR_CAPACITY
    # 32-bit units: out [0, 8n), score [8n, 10n + 2) as float64, code points [10n + 2, 11n + 2),
    # then the int32 scratch: 13n + 3 entries for the spans, then 12n + 7 for the classes
    score = work.view(np.float64)[4 * n : 5 * n + 1]
    cps = work[10 * n + 2 : 11 * n + 2]
    for i in range(n):
        q = 4 * i
        cps[i] = np.uint32(data[q]) | (np.uint32(data[q + 1]) << 8) | (np.uint32(data[q + 2]) << 16)
    ints = work.view(np.int32)[11 * n + 2 :]
    sep = opts // JOINED_SEP
    if opts & JOINED_FULL:
        # pieces of the pending run (n each), then spans and join marks, as many as fit
        room = (ints.shape[0] - 2 * n) // 3
        count = full_text(cps, charmap, bc, wscore, ints[:n], ints[n : 2 * n], ints[2 * n : 2 * n + room],
                          ints[2 * n + room : 2 * n + 2 * room], ints[2 * n + 2 * room : 2 * n + 3 * room])
        if count < 0 or count > room:
            return ERR_CAPACITY
        if opts & JOINED_SPANS:
            return _spans_to_front(ints[2 * n : 2 * n + room], ints[2 * n + room : 2 * n + 2 * room], count,
                                   work.view(np.int32))
        return _join_full(cps, ints[2 * n : 2 * n + room], ints[2 * n + room : 2 * n + 2 * room],
                          ints[2 * n + 2 * room : 2 * n + 3 * room], count, sep, work)
    codes = ints[:n]
    nxt = ints[n : 2 * n + 1]
    out_s = ints[2 * n + 1 : 3 * n + 1]
    out_e = ints[3 * n + 1 : 4 * n + 1]
    bp = ints[4 * n + 1 : 8 * n + 1]
    states = ints[8 * n + 1 : 9 * n + 1]
    count = segment_text(cps, charmap, bc, wscore, flags, model[5, 0], model[0], model[1:5], emit,
                         opts & JOINED_HMM != 0, codes, score, nxt, bp, states, out_s, out_e)
    if count < 0:
        return count
    if opts & JOINED_SEARCH:
        wide_s = ints[9 * n + 1 : 11 * n + 2]
        wide_e = ints[11 * n + 2 : 13 * n + 3]
        count = search_expand(cps, charmap, bc, wscore, out_s, out_e, count, wide_s, wide_e)
        if count < 0:
            return count
        out_s = wide_s
        out_e = wide_e
    if opts & JOINED_SPANS:
        return _spans_to_front(out_s, out_e, count, work.view(np.int32))
    if opts & JOINED_DISTINCT:
        # classes and first tokens (at most 2n + 1 each), and a hash table of at least 2 * count slots
        classes = ints[13 * n + 3 : 15 * n + 4]
        first = ints[15 * n + 4 : 17 * n + 5]
        table = ints[17 * n + 5 :]
        m = _join_distinct(cps, out_s, out_e, count, sep, classes, first, table, work)
        if m < 0:
            return m
        return m + JOINED_COUNT * count
    if not opts & JOINED_SEARCH:
        m = _join_contiguous(cps, out_s, out_e, count, sep, codes, work)
        if m != NOT_CONTIGUOUS:
            return m
    return _join_words(cps, out_s, out_e, 0, count, sep, work, 0)


@jit(allocates=False)
def _spans_to_front(src_s, src_e, count, out):
    """``src_s[:count]`` then ``src_e[:count]`` into ``out[: 2 * count]``; returns ``count`` or
    ``ERR_CAPACITY``. The sources may lie in ``out`` past the entries written: each entry is read
    before an entry at its place is written, as long as ``src_s`` starts past ``out[0]`` and ``src_e``
    past ``out[count]`` (``cut_joined``'s spans always do)."""
    if count < 0 or count > src_s.shape[0] or count > src_e.shape[0] or 2 * count > out.shape[0]:
        return ERR_CAPACITY
    for i in range(count):
        out[i] = src_s[i]
    for i in range(count):
        out[count + i] = src_e[i]
    return count


@jit(allocates=False)
def _join_contiguous(cps, out_s, out_e, count, sep, mark, out):
    """The tokens into ``out`` with a separator between two, where they cover the text one after
    the other (as the default mode's do): the text copied once, a separator before each token's
    first character but the text's, written without a branch. Returns the code points written,
    ``NOT_CONTIGUOUS`` where the tokens do not cover the text so, or ``ERR_CAPACITY``."""
    n = cps.shape[0]
    if count > out_s.shape[0] or count > out_e.shape[0] or mark.shape[0] < n or out.shape[0] < 2 * n:
        return ERR_CAPACITY
    for i in range(n):
        mark[i] = 0
    prev = 0
    for k in range(count):
        s = out_s[k]
        e = out_e[k]
        if s != prev or e <= s or e > n:
            return NOT_CONTIGUOUS
        mark[s] = 1
        prev = e
    if prev != n:
        return NOT_CONTIGUOUS
    if n:
        mark[0] = 0
    m = 0
    for i in range(n):
        out[m] = sep  # kept only where a token starts
        m += mark[i]
        out[m] = cps[i]
        m += 1
    return m


@jit(inline="always", allocates=False)
def _put_word(cps, s, e, separate, sep, out, m, cap):
    """The code points ``s:e`` into ``out`` from ``m``, after a separator if ``separate``; returns the
    new ``m``, or ``ERR_CAPACITY`` for a span outside the text or one that would pass ``cap``."""
    if s < 0 or e > cps.shape[0] or s > e or m + (e - s) + 1 > cap:
        return ERR_CAPACITY
    if separate:
        out[m] = sep
        m += 1
    for i in range(s, e):
        out[m] = cps[i]
        m += 1
    return m


@jit(allocates=False)
def _join_words(cps, out_s, out_e, w, stop, sep, out, m):
    """Tokens ``w`` to ``stop - 1`` into ``out`` from ``m``, a separator before each but the first
    of the output; returns the new ``m`` or ``ERR_CAPACITY``."""
    cap = min(out.shape[0], 8 * cps.shape[0])  # search mode writes at most 8 entries a character (2 by default)
    for k in range(w, stop):
        m = _put_word(cps, out_s[k], out_e[k], m != 0, sep, out, m, cap)
        if m == ERR_CAPACITY:
            break
    return m


@jit(allocates=False)
def _join_full(cps, out_s, out_e, join, count, sep, out):
    """Full mode's tokens into ``out``, a separator between two: a span marked in ``join``
    continues the token before it (no separator), and an empty span is an empty token.
    Returns the code points written or ``ERR_CAPACITY``."""
    n = cps.shape[0]
    if count > out_s.shape[0] or count > out_e.shape[0] or count > join.shape[0]:
        return ERR_CAPACITY
    cap = min(out.shape[0], 8 * n)
    m = 0
    for k in range(count):
        m = _put_word(cps, out_s[k], out_e[k], k != 0 and not join[k], sep, out, m, cap)
        if m == ERR_CAPACITY:
            break
    return m


@jit(allocates=False)
def _join_distinct(cps, out_s, out_e, count, sep, classes, first, table, out):
    """Each distinct word among the tokens once, in order of first appearance, into ``out``; the
    word number of each token in ``classes``. Returns the code points written or ``ERR_CAPACITY``."""
    if count > classes.shape[0] or count > first.shape[0]:
        return ERR_CAPACITY
    size = 1
    while size < 2 * count:
        size *= 2
    if size > table.shape[0]:
        return ERR_CAPACITY
    mask = size - 1
    for i in range(size):
        table[i] = -1
    u = 0
    m = 0
    for k in range(count):
        s = out_s[k]
        e = out_e[k]
        h = np.int64(e - s)
        for p in range(s, e):
            h = ((h * 1000003) ^ np.int64(cps[p])) & HASH_LIMIT
        slot = (h ^ (h >> 17)) & mask
        found = -1
        while table[slot] >= 0:
            c = table[slot]
            j = first[c]
            s2 = out_s[j]
            if out_e[j] - s2 == e - s:
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
            found = u
            table[slot] = u
            first[u] = k
            u += 1
            m = _join_words(cps, out_s, out_e, k, k + 1, sep, out, m)
            if m < 0:
                return m
        classes[k] = found
    return m


# -- full mode ------------------------------------------------------------------
#
# jieba's ``cut(text, cut_all=True)``. Blocks are the same as in the other
# modes. In a block, each position yields its dictionary words of two or
# more characters, except where it has a single candidate (one word, or no
# word and so the character alone) and lies past the end of the last token:
# then the candidate is yielded even if it is one character. A candidate so
# taken that starts with an ASCII letter or digit goes to a pending run
# instead, yielded as one token before the next character that is none (or
# at the block's end), after the words yielded meanwhile. The run's pieces
# need not touch (a word yielded meanwhile may have covered the characters
# between them), so a token is written as one or more spans: ``out_join``
# is 1 on a span that continues the token of the span before it.
#
# Outside the blocks, each whitespace character (Python's ``\s``, the table
# ``hanpipe._text.SPACE``; ``\r\n`` as one) is a token, and so is each
# stretch between two of them, between the run's start and the first, and
# between the last and the run's end, even when empty: an empty token is an
# empty span.


@jit(allocates=False)
def _put_full(out_s, out_e, out_join, k, s, e, join):
    """Write span ``k`` if it fits; the count goes on either way (the caller retries with more room)."""
    if k < out_s.shape[0]:
        out_s[k] = s
        out_e[k] = e
        out_join[k] = join
    return k + 1


@jit(allocates=False)
def _full_gap(cps, a, b, out_s, out_e, out_join, k):
    """Full mode over ``cps[a:b]``, characters outside the blocks."""
    piece = a
    i = a
    while i < b:
        c = cps[i]
        if c == 13 and i + 1 < b and cps[i + 1] == 10:
            width = 2
        elif c < SPACE.shape[0] and SPACE[c]:
            width = 1
        else:
            i += 1
            continue
        k = _put_full(out_s, out_e, out_join, k, piece, i, 0)
        k = _put_full(out_s, out_e, out_join, k, i, i + width, 0)
        i += width
        piece = i
    return _put_full(out_s, out_e, out_join, k, piece, b, 0)


@jit(allocates=False)
def _full_block(cps, a, b, charmap, bc, wscore, piece_s, piece_e, out_s, out_e, out_join, k):
    """Full mode over the block ``cps[a:b]``; ``piece_s`` / ``piece_e`` hold the pending run."""
    nmap = charmap.shape[0]
    covered = a  # positions before it lie in the last token (jieba's ``old_j + 1``)
    pending = 0  # pieces of the pending run
    for p in range(a, b):
        eng = _ascii_alnum(cps[p])
        if pending and not eng:
            for q in range(pending):
                k = _put_full(out_s, out_e, out_join, k, piece_s[q], piece_e[q], 0 if q == 0 else 1)
            pending = 0
        # the words starting at p: how many, the first end and the last end (exclusive)
        count = 0
        first = p + 1
        last = p + 1
        s = 0
        x = p
        while x < b:
            c = cps[x]
            s = _step_bc(bc, s, charmap[c] if c < nmap else 0)
            if s < 0:
                break
            w = wscore[s]
            if w == w:
                if count == 0:
                    first = x + 1
                last = x + 1
                count += 1
            x += 1
        if count <= 1 and p >= covered:
            # one candidate (a word, or the character alone) past the last token
            if eng:
                if pending and piece_e[pending - 1] == p:
                    piece_e[pending - 1] = first
                else:
                    if pending >= piece_s.shape[0] or pending >= piece_e.shape[0]:
                        return ERR_CAPACITY
                    piece_s[pending] = p
                    piece_e[pending] = first
                    pending += 1
            else:
                k = _put_full(out_s, out_e, out_join, k, p, first, 0)
            covered = first
        elif count == 1:
            if first > p + 1:
                k = _put_full(out_s, out_e, out_join, k, p, first, 0)
                covered = first
        elif count > 1:
            s = 0
            for x in range(p, last):
                c = cps[x]
                s = _step_bc(bc, s, charmap[c] if c < nmap else 0)
                if x > p and wscore[s] == wscore[s]:
                    k = _put_full(out_s, out_e, out_join, k, p, x + 1, 0)
            covered = last
    for q in range(pending):
        k = _put_full(out_s, out_e, out_join, k, piece_s[q], piece_e[q], 0 if q == 0 else 1)
    return k


@jit(allocates=False)
def full_text(cps, charmap, bc, wscore, piece_s, piece_e, out_s, out_e, out_join):
    """``jieba.lcut(text, cut_all=True)`` as spans, in jieba's order.

    ``cps`` are the text's code points (uint32). ``piece_s`` / ``piece_e``
    (int32, as long as the longest block, ``len(cps)`` will do) are scratch.
    Writes spans to ``out_s`` / ``out_e`` (int32) and ``out_join`` (int8, 1
    where a span continues the token before it; see above) and returns the
    number of spans the text has. If that is more than the output arrays
    hold, only the first ones were written: call again with arrays that
    long. Returns ``ERR_CAPACITY`` if the arrays differ in length or the
    scratch arrays are too short.

    There are at most ``3 * len(cps)`` spans plus the number of dictionary
    words in the text (counted at every position): a block position yields
    one span or its words, a run of ``r`` characters outside the blocks
    ``2r + 1``.
    """
    n = cps.shape[0]
    if (bc.shape[1] != 2 or wscore.shape[0] < bc.shape[0] or out_e.shape[0] != out_s.shape[0]
            or out_join.shape[0] != out_s.shape[0]):
        return ERR_CAPACITY
    k = 0
    i = 0
    while i < n:
        inside = _in_block(cps[i])
        j = i + 1
        while j < n and _in_block(cps[j]) == inside:
            j += 1
        if inside:
            k = _full_block(cps, i, j, charmap, bc, wscore, piece_s, piece_e, out_s, out_e, out_join, k)
            if k < 0:
                return k
        else:
            k = _full_gap(cps, i, j, out_s, out_e, out_join, k)
        i = j
    return k


# -- part-of-speech tags ------------------------------------------------------------
#
# ``jieba.posseg.lcut(text, HMM=hmm)`` differs from ``jieba.lcut`` in four ways:
#
# * its blocks are ``re_han_internal``, the blocks above without ``%`` and ``-``;
# * a run of one-character route words that is no word goes to ``__cut_detail``:
#   Han runs to the tagging HMM, the rest split into ``[.0-9]+`` (``m``),
#   ``[a-zA-Z0-9]+`` (``eng``) and the characters between (``x``);
# * without the HMM, a run of one-character ASCII letters and digits is ``eng``;
# * every other token is tagged by the dictionary (``word_tag_tab``), ``x`` where
#   the word has no tag, and characters outside the blocks are ``x``.
#
# Tag codes index the dictionary's tag names; the first three are fixed.

TAG_X = 0
TAG_ENG = 1
TAG_M = 2
TAG_HMM = -1  # a Han run for the tagging HMM to cut and tag


@jit(allocates=False)
def _in_pos_block(c):
    """jieba.posseg's ``re_han_internal``: Han U+4E00..U+9FD5, ASCII letters and digits, ``+#&._``."""
    if HAN_FIRST <= c <= HAN_LAST:
        return True
    if c < 128:
        return _ascii_alnum(c) or c == 43 or c == 35 or c == 38 or c == 46 or c == 95
    return False


@jit(allocates=False)
def _put_tag(out_s, out_e, out_t, k, s, e, t):
    if k < 0 or k >= out_s.shape[0] or k >= out_e.shape[0] or k >= out_t.shape[0]:
        return ERR_CAPACITY
    out_s[k] = s
    out_e[k] = e
    out_t[k] = t
    return k + 1


@jit(allocates=False)
def _word_tag(codes, a, b, bc, tag):
    """The dictionary's tag of ``[a, b)`` (``x`` where it has none)."""
    node = _walk_bc(codes, a, b, bc)
    if node < 0 or node >= tag.shape[0]:
        return TAG_X
    return tag[node]


@jit(allocates=False)
def _is_digit_or_dot(c):
    return (48 <= c <= 57) or c == 46


@jit(allocates=False)
def _pos_detail(cps, a, b, out_s, out_e, out_t, k):
    """``__cut_detail`` over ``[a, b)``: Han runs marked for the HMM; ``re_skip_detail`` over the rest."""
    i = a
    while i < b and k >= 0:
        if HAN_FIRST <= cps[i] <= HAN_LAST:
            j = i + 1
            while j < b and HAN_FIRST <= cps[j] <= HAN_LAST:
                j += 1
            k = _put_tag(out_s, out_e, out_t, k, i, j, TAG_HMM)
            i = j
            continue
        j = i + 1
        while j < b and not (HAN_FIRST <= cps[j] <= HAN_LAST):
            j += 1
        # ([.0-9]+|[a-zA-Z0-9]+) and the pieces between, over [i, j)
        gap = i
        p = i
        while p < j:
            c = cps[p]
            if _is_digit_or_dot(c):
                q = p + 1
                while q < j and _is_digit_or_dot(cps[q]):
                    q += 1
                t = TAG_M
            elif _ascii_alnum(c):
                q = p + 1
                while q < j and _ascii_alnum(cps[q]):
                    q += 1
                t = TAG_ENG
            else:
                p += 1
                continue
            if gap < p:
                k = _put_tag(out_s, out_e, out_t, k, gap, p, TAG_X)
            k = _put_tag(out_s, out_e, out_t, k, p, q, t)
            gap = q
            p = q
        if gap < j:
            k = _put_tag(out_s, out_e, out_t, k, gap, j, TAG_X)
        i = j
    return k


@jit(allocates=False)
def _pos_flush(cps, codes, a, b, bc, wscore, tag, out_s, out_e, out_t, k):
    """A run ``[a, b)`` of one-character route words (``__cut_DAG``'s ``buf``)."""
    if b - a == 1:
        return _put_tag(out_s, out_e, out_t, k, a, b, _word_tag(codes, a, b, bc, tag))
    node = _walk_bc(codes, a, b, bc)
    if node >= 0 and wscore[node] == wscore[node]:  # the run is a word: one token a character
        for i in range(a, b):
            k = _put_tag(out_s, out_e, out_t, k, i, i + 1, _word_tag(codes, i, i + 1, bc, tag))
        return k
    return _pos_detail(cps, a, b, out_s, out_e, out_t, k)


@jit(allocates=False)
def pos_text(cps, charmap, bc, wscore, tag, logtotal, hmm, codes, score, nxt, out_s, out_e, out_t):
    """``jieba.posseg.lcut(text, HMM=hmm)`` as tagged spans, Han runs for the HMM marked ``TAG_HMM``.

    ``cps`` are the text's code points (uint32); ``tag`` (int16) the tag code
    of each trie slot. Scratch: ``codes`` (int32, n), ``score`` (float64,
    n + 1), ``nxt`` (int32, n + 1). Writes spans and tag codes to ``out_s``,
    ``out_e`` (int32) and ``out_t`` (int16), at least n long; returns their
    number, or ``ERR_CAPACITY``.
    """
    n = cps.shape[0]
    if (bc.shape[1] != 2 or wscore.shape[0] < bc.shape[0] or codes.shape[0] < n or score.shape[0] < n + 1
            or nxt.shape[0] < n + 1):
        return ERR_CAPACITY
    nmap = charmap.shape[0]
    for i in range(n):
        c = cps[i]
        if _in_pos_block(c):
            codes[i] = charmap[c] if c < nmap else 0
        else:
            codes[i] = -1
    _route(codes, n, bc, wscore, logtotal, score, nxt)
    k = 0
    x = 0
    buf = -1  # start of the pending run [buf, x)
    while x < n and k >= 0:
        if codes[x] < 0:
            if buf >= 0:
                if hmm:
                    k = _pos_flush(cps, codes, buf, x, bc, wscore, tag, out_s, out_e, out_t, k)
                else:
                    k = _put_tag(out_s, out_e, out_t, k, buf, x, TAG_ENG)
                buf = -1
            width = 2 if cps[x] == 13 and x + 1 < n and cps[x + 1] == 10 else 1
            k = _put_tag(out_s, out_e, out_t, k, x, x + width, TAG_X)
            x += width
            continue
        y = nxt[x]
        if hmm:
            if y - x == 1:
                if buf < 0:
                    buf = x
            else:
                if buf >= 0:
                    k = _pos_flush(cps, codes, buf, x, bc, wscore, tag, out_s, out_e, out_t, k)
                    buf = -1
                k = _put_tag(out_s, out_e, out_t, k, x, y, _word_tag(codes, x, y, bc, tag))
        else:
            if y - x == 1 and _ascii_alnum(cps[x]):
                if buf < 0:
                    buf = x
            else:
                if buf >= 0:
                    k = _put_tag(out_s, out_e, out_t, k, buf, x, TAG_ENG)
                    buf = -1
                k = _put_tag(out_s, out_e, out_t, k, x, y, _word_tag(codes, x, y, bc, tag))
        x = y
    if buf >= 0 and k >= 0:
        if hmm:
            k = _pos_flush(cps, codes, buf, n, bc, wscore, tag, out_s, out_e, out_t, k)
        else:
            k = _put_tag(out_s, out_e, out_t, k, buf, n, TAG_ENG)
    return k
