"""Where the phone extractor looks: runs of digits, spaces, dashes, brackets and plus signs that begin
with a digit, found in one pass over the code points.

``phone_runs(cps)`` gives the spans ``PATTERN.finditer`` finds in the text of the code points
``cps`` (the tests compare the two): a match begins at a digit and takes every run character
after it, so each maximal run of run characters holds at most one, from its first digit to its
end, when that is three characters or more. ``\\d`` is the ``regex`` module's own (every Unicode
decimal digit), read from the module itself into the table the kernel takes. The scan reads
each character once; it replaced a ``finditer`` over each batch, which tested every position.
"""

from __future__ import annotations

import functools

import numpy as np
import regex

from ..._jit import jit
from ..._text import from_code_points

__all__ = ["DIGIT", "PATTERN", "RUN", "phone_runs", "run_table"]

#: what ``phone_runs`` finds: every phone number lies in such a run (with the bracket or plus sign
#: before it), and every short service number begins one
PATTERN = regex.compile(r"\d[\d()（）+＋ \-]{2,}")

#: the table's bits: a digit (``\d``), and a character a run may hold after its first digit
DIGIT = 1
RUN = 2
#: the run characters that are not digits
_OTHERS = "()（）+＋ -"
#: a match is at least this long
_SHORTEST = 3


@functools.cache
def run_table() -> np.ndarray:
    """uint8 over every code point (lone surrogates too): ``DIGIT | RUN`` for ``\\d``, ``RUN`` for the others."""
    out = np.zeros(0x110000, dtype=np.uint8)
    every = from_code_points(np.arange(0x110000, dtype=np.uint32))
    digits = [m.start() for m in regex.finditer(r"\d", every)]
    out[np.array(digits, dtype=np.int64)] = DIGIT | RUN
    for ch in _OTHERS:
        out[ord(ch)] |= RUN
    out.flags.writeable = False
    return out


@jit
def _runs(cps: np.ndarray, table: np.ndarray, out: np.ndarray) -> int:
    """Write ``(start, end)`` of each match into ``out``; return how many."""
    n = cps.shape[0]
    count = 0
    i = 0
    while i < n:
        if table[cps[i]] & DIGIT:
            j = i + 1
            while j < n and table[cps[j]] & RUN:
                j += 1
            if j - i >= _SHORTEST:
                out[count, 0] = i
                out[count, 1] = j
                count += 1
            i = j  # a later start inside the run would end where it ends, shorter
        else:
            i += 1
    return count


def phone_runs(cps: np.ndarray) -> list[tuple[int, int]]:
    """The spans of the phone-run pattern in the text of the code points ``cps``, in order."""
    out = np.empty((cps.shape[0] // _SHORTEST + 1, 2), dtype=np.int64)
    count = _runs(cps, run_table(), out)
    return [(s, e) for s, e in out[:count].tolist()]
