"""Numba kernels of the clean stage: find pinyin annotations after a character."""

from __future__ import annotations

import numpy as np

from ..._jit import jit
from ..._text import SPACE
from ...batch import SEPARATOR

__all__ = ["find_annotations"]

#: what stands between the documents of a batch: the scan reads it as the start of a text
C_SEPARATOR = ord(SEPARATOR)


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
