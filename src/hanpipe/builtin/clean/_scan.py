"""Runs of a character class in code points, for the clean-up passes (one kernel call each)."""

from __future__ import annotations

import numpy as np

from ._kernels import table_runs

__all__ = ["find_runs"]


def find_runs(cps: np.ndarray, lut: np.ndarray) -> list[tuple[int, int]]:
    """``(start, end)`` of every maximal run of characters in ``lut`` (a table of the BMP, ``hanpipe._text.table``)."""
    out = np.empty(((len(cps) + 1) // 2, 2), dtype=np.int64)
    count = table_runs(cps, lut, out)
    return [(s, e) for s, e in out[:count].tolist()]
