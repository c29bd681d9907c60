"""Text as code points, and characters of a class found with numpy instead of a regular-expression scan.

A character-class scan with ``re`` reads about 120 million characters a
second; encoding the text to UTF-32 and indexing a 65,536-entry table is
several times faster, and most passes find nothing on most pages. Code
points beyond the BMP are looked up as U+FFFF (never in a table).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np

__all__ = ["code_points", "find_runs", "hits", "merge_spans", "replacement_spans", "table"]


def code_points(text: str) -> np.ndarray:
    """``text`` as a read-only uint32 array of code points (lone surrogates included).

    Engines that share a document's code points read ``Document.code_points``,
    which computes them once per document.
    """
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def table(chars: Iterable[str] = (), ranges: Iterable[tuple[int, int]] = ()) -> np.ndarray:
    """A boolean table of the BMP: True for ``chars`` and the inclusive code point ``ranges``."""
    out = np.zeros(0x10000, dtype=bool)
    for ch in chars:
        if ord(ch) < 0xFFFF:
            out[ord(ch)] = True
    for lo, hi in ranges:
        out[lo : min(hi, 0xFFFE) + 1] = True
    return out


def hits(cps: np.ndarray, lut: np.ndarray) -> np.ndarray:
    """Positions of the characters in ``lut``."""
    return np.flatnonzero(lut[np.minimum(cps, 0xFFFF)])


def find_runs(cps: np.ndarray, lut: np.ndarray) -> list[tuple[int, int]]:
    """``(start, end)`` of every maximal run of characters in ``lut``."""
    idx = hits(cps, lut)
    if not len(idx):
        return []
    breaks = np.flatnonzero(np.diff(idx) != 1) + 1
    starts = idx[np.concatenate(([0], breaks))]
    ends = idx[np.concatenate((breaks - 1, [len(idx) - 1]))] + 1
    return list(zip(starts.tolist(), ends.tolist()))


def merge_spans(spans: Iterable[tuple[int, int] | list[int]]) -> list[list[int]]:
    """Sorted, merged ``[start, end]`` pairs (touching spans join)."""
    out: list[list[int]] = []
    for s, e in sorted((int(a), int(b)) for a, b in spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return out


def replacement_spans(text: str) -> list[list[int]]:
    """``[start, end]`` of every run of U+FFFD in ``text``."""
    return [list(m.span()) for m in _REPLACEMENT.finditer(text)] if "\ufffd" in text else []


_REPLACEMENT = re.compile("\ufffd++")
