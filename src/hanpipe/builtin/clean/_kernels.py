"""Numba kernels of the clean stage: runs of a character class, the signs of mojibake, and pinyin
annotations after a character.

Each reads code points once and writes rows into an array the caller gives;
none looks across U+FDD0 (a batch's separator is in no table), so each works
on a batch's joined text as on the documents one by one.
"""

from __future__ import annotations

import numpy as np

from ..._jit import jit
from ..._text import SPACE
from ...batch import SEPARATOR

__all__ = ["find_annotations", "find_signs", "table_runs"]

#: what stands between the documents of a batch: the scan reads it as the start of a text
C_SEPARATOR = ord(SEPARATOR)


@jit(allocates=False)
def table_runs(cps: np.ndarray, lut: np.ndarray, out: np.ndarray) -> int:
    """``(start, end)`` rows of the maximal runs of code points that ``lut`` holds.

    ``lut`` is a table of the BMP (65,536 flags); code points beyond it are in
    no table. Writes into ``out`` (at least ``(len(cps) + 1) // 2`` rows) and
    returns how many rows.
    """
    n = cps.shape[0]
    count = 0
    i = 0
    while i < n:
        c = cps[i]
        if c > 0xFFFF or not lut[c]:
            i += 1
            continue
        j = i + 1
        while j < n and cps[j] <= 0xFFFF and lut[cps[j]]:
            j += 1
        out[count, 0] = i
        out[count, 1] = j
        count += 1
        i = j + 1  # cps[j] ends the run: not in the table
    return count


@jit(inline="always", allocates=False)
def _ascii_letter(c: int) -> bool:
    return 0x41 <= c <= 0x5A or 0x61 <= c <= 0x7A


@jit(allocates=False)
def find_signs(
    cps: np.ndarray,
    lead_cont: np.ndarray,
    cont_lead: np.ndarray,
    cont_cont: np.ndarray,
    letters: np.ndarray,
    pinyin: np.ndarray,
    out: np.ndarray,
) -> int:
    """``(position, flags)`` rows where mojibake may begin, in text order.

    Flag 1: a character of ``letters`` (Latin-1 letters and signs Chinese text
    does not hold), or of ``pinyin`` (Latin-1 pinyin letters) outside a word:
    first in the text or after anything but an ASCII letter. Flag 2: the
    signature triple of UTF-8 read as GBK starts here, a character of
    ``lead_cont``, then of ``cont_lead``, then of ``cont_cont``. The tables
    are BMP tables; ``out`` needs ``len(cps)`` rows; returns how many rows.
    """
    n = cps.shape[0]
    count = 0
    for i in range(n):
        c = cps[i]
        if c > 0xFFFF:
            continue
        flags = 0
        if letters[c] or (pinyin[c] and (i == 0 or not _ascii_letter(cps[i - 1]))):
            flags = 1
        if (
            lead_cont[c]
            and i + 2 < n
            and cps[i + 1] <= 0xFFFF
            and cont_lead[cps[i + 1]]
            and cps[i + 2] <= 0xFFFF
            and cont_cont[cps[i + 2]]
        ):
            flags |= 2
        if flags:
            out[count, 0] = i
            out[count, 1] = flags
            count += 1
    return count


@jit
def find_annotations(
    cps: np.ndarray,
    child_start: np.ndarray,
    child_cp: np.ndarray,
    child_node: np.ndarray,
    final: np.ndarray,
    out: np.ndarray,
) -> int:
    """Spans of ``(syllable)`` right after a character that is not a space (``str.isspace``, the
    shared table ``hanpipe._text.SPACE``), '(' or U+FDD0 (pinyin annotations): never at the start
    of a text or of a batch's document.

    The syllables are a trie: node ``k``'s children are ``child_cp[child_start[k]:child_start[k + 1]]``
    (code points) leading to ``child_node[...]``; ``final[k]`` marks a whole syllable. Writes
    ``(start, end)`` rows into ``out`` (at least ``len(cps) // 3 + 1`` rows) and returns how many.
    """
    n = cps.shape[0]
    count = 0
    i = 1
    while i < n:
        c = int(cps[i])
        if c != 0x28 and c != 0xFF08:
            i += 1
            continue
        prev = int(cps[i - 1])
        if (prev < SPACE.shape[0] and SPACE[prev]) or prev == 0x28 or prev == 0xFF08 or prev == C_SEPARATOR:
            i += 1
            continue
        node = 0
        j = i + 1
        matched = False
        while j < n:
            d = int(cps[j])
            if d == 0x29 or d == 0xFF09:
                matched = final[node] != 0
                break
            nxt = -1
            for k in range(child_start[node], child_start[node + 1]):
                if int(child_cp[k]) == d:
                    nxt = int(child_node[k])
                    break
            if nxt < 0:
                break
            node = nxt
            j += 1
        if matched and count < out.shape[0]:
            out[count, 0] = i
            out[count, 1] = j + 1
            count += 1
            i = j + 1
        else:
            i += 1
    return count
