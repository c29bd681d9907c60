"""Token strings from token spans: one string object per distinct word.

A million tokens of text hold a few tens of thousands of distinct words.
:func:`token_strings` numbers equal tokens alike in a kernel, spells each
distinct word once and fills the list with references to those strings: the
list is small, and making it takes less time than a string per token.
``Tokens.strings`` and the ``jieba`` segmenter's ``cut`` both use it.
"""

from __future__ import annotations

import numpy as np

from ..._jit import jit
from ..._text import code_points, from_code_points
from ...errors import InputError

__all__ = ["class_slot", "join_tokens", "span_hash", "token_classes", "token_strings"]

#: characters that may separate tokens in one joined string; the first the text lacks is used
_SEPARATORS = ("\x00", "\uffff", "\U0010ffff", "\ufdd0")
ERR_CAPACITY = -1


def token_strings(text: str, arrays: list[np.ndarray]) -> list[str]:
    """The strings of the tokens of ``text``, one string object per distinct word.

    ``arrays`` is ``[starts, ends]`` or ``[starts, ends, code points of text]``.
    It is emptied on entry and each array dropped once read, and the list is
    filled a slice at a time, so that a caller who passes its only references
    never holds those arrays and the list at once.
    """
    starts, ends = arrays[0], arrays[1]
    cps = arrays[2] if len(arrays) > 2 else None
    arrays.clear()
    count = starts.shape[0]
    if count <= FEW:  # a short text: lists and slices cost less than array calls
        return _sliced(text, starts.tolist(), ends.tolist())
    if cps is None:
        cps = code_points(text)
    if int(starts.min()) < 0 or int(ends.max()) > cps.shape[0] or bool((starts > ends).any()):
        raise InputError(f"token spans fall outside the text (length {cps.shape[0]})")
    classes = np.empty(count, dtype=np.int32)
    distinct, first = token_classes(cps, starts, ends, count, classes)
    first = first[:distinct]
    first_s, first_e = starts[first], ends[first]
    del starts, ends, first
    words = np.empty(distinct, dtype=object)
    words[:] = _spelled(text, cps, first_s, first_e)
    del cps, first_s, first_e
    out: list[str] = [""] * count
    for a in range(0, count, _SLICE):
        out[a : a + _SLICE] = words[classes[a : a + _SLICE]].tolist()
    return out


_SLICE = 1 << 16
#: up to this many tokens, slicing the text and a dict of equal words cost less than the kernels
FEW = 64


def _sliced(text: str, starts: list[int], ends: list[int]) -> list[str]:
    """The tokens sliced from ``text``, equal words sharing one string object."""
    if starts and (min(starts) < 0 or max(ends) > len(text)):  # a span that ends before it starts reads ""
        raise InputError(f"token spans fall outside the text (length {len(text)})")
    seen: dict[str, str] = {}
    return [seen.setdefault(w, w) for w in map(text.__getitem__, map(slice, starts, ends))]


def _spelled(text: str, cps: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> list[str]:
    """``[text[s:e] for s, e in zip(starts, ends)]``: the tokens joined by a separator the text
    lacks, each followed by it, decoded once and split, where such a separator exists."""
    sep = next((s for s in _SEPARATORS if s not in text), None)
    if sep is None:
        return [text[s:e] for s, e in zip(starts.tolist(), ends.tolist())]
    count = starts.shape[0]
    out = np.empty(int((ends - starts).sum()) + count, dtype=np.uint32)
    m = join_tokens(cps, starts, ends, count, ord(sep), out)
    if m < 0:
        raise InputError(f"could not build token strings (status {m})")  # pragma: no cover
    words = from_code_points(out[:m]).split(sep)
    words.pop()
    return words


@jit
def join_tokens(cps, starts, ends, count, sep, out):
    """The tokens' code points, each followed by ``sep``; decode and split on ``sep`` for strings.

    Returns the number of code points written, or ``ERR_CAPACITY``.
    """
    m = 0
    n = cps.shape[0]
    cap = out.shape[0]
    if count > starts.shape[0] or count > ends.shape[0]:
        return ERR_CAPACITY
    for w in range(count):
        s = starts[w]
        e = ends[w]
        if s < 0 or e > n or s > e or m + (e - s) + 1 > cap:
            return ERR_CAPACITY
        for i in range(s, e):
            out[m] = cps[i]
            m += 1
        out[m] = sep
        m += 1
    return m


# -- equal tokens, one string ------------------------------------------------------
#
# A text of a million tokens has a few tens of thousands of distinct words.
# ``token_classes`` numbers equal tokens alike (an open-addressing hash table
# over their code points, grown as classes appear), so that one string per
# distinct word is made and the word list repeats references to it.

HASH_MASK = (1 << 40) - 1  # hashes stay below 2**40, so ``h * 8388617`` fits in an int64
SINGLE_LIMIT = 1 << 16


@jit
def span_hash(cps, s, e, seed):
    """A hash of ``cps[s:e]`` started from ``seed`` (below ``2**40``)."""
    h = np.int64(seed)
    for p in range(s, e):
        h = ((h * 8388617) ^ np.int64(cps[p])) & HASH_MASK
    return h


@jit
def _token_hash(cps, s, e):
    return span_hash(cps, s, e, np.int64(e) - np.int64(s))


@jit
def class_slot(h, mask):
    """The first slot of ``h``'s probe sequence in a table of ``mask + 1`` slots."""
    return (h ^ (h >> 17)) & mask


@jit
def token_classes(cps, starts, ends, count, classes):
    """Give equal tokens one class, numbered in order of first appearance.

    Sets ``classes[i]`` for tokens ``0..count-1``; returns the number of
    classes and, for each, its first token (an int64 array at least that long).
    """
    size = 1024
    table = np.full(size, -1, dtype=np.int64)
    first = np.empty(size // 2, dtype=np.int64)
    hashes = np.empty(size // 2, dtype=np.int64)
    # one-character tokens of the Basic Multilingual Plane (most tokens of text the HMM
    # segments) find their class by their code point, without hashing
    single = np.full(SINGLE_LIMIT, -1, dtype=np.int64)
    u = 0
    for i in range(count):
        s = starts[i]
        e = ends[i]
        one = e - s == 1 and cps[s] < SINGLE_LIMIT
        if one and single[cps[s]] >= 0:
            classes[i] = single[cps[s]]
            continue
        h = _token_hash(cps, s, e)
        mask = size - 1
        slot = class_slot(h, mask)
        found = -1
        while not one and table[slot] >= 0:
            c = table[slot]
            if hashes[c] == h:
                j = first[c]
                s2 = starts[j]
                if ends[j] - s2 == e - s:
                    same = True
                    for q in range(e - s):
                        if cps[s + q] != cps[s2 + q]:
                            same = False
                            break
                    if same:
                        found = c
                        break
            slot = (slot + 1) & mask
        if found >= 0:
            classes[i] = found
            continue
        if u + 1 > size // 2:  # keep the table at most half full: double it and place every class again
            size *= 2
            mask = size - 1
            table = np.full(size, -1, dtype=np.int64)
            grown_first = np.empty(size // 2, dtype=np.int64)
            grown_hashes = np.empty(size // 2, dtype=np.int64)
            grown_first[:u] = first[:u]
            grown_hashes[:u] = hashes[:u]
            first = grown_first
            hashes = grown_hashes
            for c in range(u):
                slot = class_slot(hashes[c], mask)
                while table[slot] >= 0:
                    slot = (slot + 1) & mask
                table[slot] = c
            slot = class_slot(h, mask)
            while table[slot] >= 0:
                slot = (slot + 1) & mask
        if one:
            single[cps[s]] = u
        else:
            table[slot] = u
        first[u] = i
        hashes[u] = h
        classes[i] = u
        u += 1
    return u, first
