"""One kernel scan per text, shared by every numeric extractor.

``scan(text)`` runs the number kernel once and returns :class:`Num` rows with
exact Python values. It is cached on the text, so the number, money, percent,
quantity, date and time extractors of one pipeline run read one scan.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import Any, NamedTuple

import numpy as np

from ..errors import InputError
from . import _kernels as K

__all__ = ["Num", "exact", "parse_number", "scan"]

_TABLES = K.tables()
_CAP = 4096
#: values with more integer digits than this are flagged, not built
MAX_DIGITS = 64


class Num(NamedTuple):
    """One numeric expression: spans, exact value(s) and kernel flags."""

    start: int  # with prefixes (约, 负, 百分之...)
    end: int  # with suffixes (%, 余, 左右)
    cstart: int
    cend: int
    value: Any  # low end for ranges; None when too large
    high: Any  # high end of a range, denominator of a fraction, else None
    flags: int
    tail: int  # exponent of trailing units (10亿 → 8)

    @property
    def approx(self) -> bool:
        return bool(self.flags & K.APPROX)

    @property
    def is_range(self) -> bool:
        return bool(self.flags & K.RANGE)

    def has(self, flag: int) -> bool:
        return bool(self.flags & flag)


def exact(mant: int, exp: int, neg: bool = False) -> Any:
    """``mant * 10**exp`` as an int, a float that round-trips, or a Decimal."""
    if mant == 0:
        return 0
    if exp >= 0:
        if len(str(mant)) + exp > MAX_DIGITS:
            return None
        v: Any = mant * 10**exp
    else:
        d = Decimal(mant).scaleb(exp)
        f = float(d)
        v = f if Decimal(repr(f)) == d else d
    return -v if neg else v


def _fallback(text: str, tail: int) -> Any:
    """Exact value of an Arabic numeral the kernel flagged as too long for int64."""
    digits = []
    for ch in text:
        if "0" <= ch <= "9":
            digits.append(ch)
        elif "０" <= ch <= "９":
            digits.append(chr(ord(ch) - 0xFEE0))
        elif ch in ".．":
            digits.append(".")
        elif ch in ",，":
            continue
        else:
            break
    s = "".join(digits).strip(".")
    if not s or s.count(".") > 1:
        return None
    intpart = s.split(".")[0].lstrip("0")
    if len(intpart) + tail > MAX_DIGITS:
        return None
    d = Decimal(s).scaleb(tail)
    return int(d) if d == d.to_integral_value() else d


def _codepoints(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def raw_rows(text: str, kernel: Any = None) -> np.ndarray:
    """The kernel's rows for ``text`` (int64, ``NFIELDS`` columns)."""
    kernel = kernel or K.scan
    cps = _codepoints(text)
    cls, val, flg = _TABLES
    parts = []
    pos = 0
    out = np.zeros((_CAP, K.NFIELDS), dtype=np.int64)
    while True:
        cnt, pos = kernel(cps, pos, cls, val, flg, out)
        parts.append(out[:cnt].copy())
        if pos >= len(cps):
            break
    return np.concatenate(parts) if len(parts) > 1 else parts[0]


@functools.lru_cache(maxsize=4)
def scan(text: str) -> tuple[Num, ...]:
    """Every numeric expression in ``text``, in order."""
    rows = raw_rows(text)
    result = []
    for r in rows.tolist():
        start, end, cstart, cend, mant, exp, flags, _lo_n, _lo_e, hi_n, hi_e, tail = r
        neg = bool(flags & K.NEG)
        if flags & K.OVERFLOW:
            value = None
            if not flags & (K.CHINESE | K.RANGE | K.FRACTION):
                value = _fallback(text[cstart:cend], tail)
                if value is not None and neg:
                    value = -value
            high = None
        else:
            value = exact(mant, exp, neg)
            high = exact(hi_n, hi_e) if flags & (K.RANGE | K.FRACTION) else None
        result.append(Num(start, end, cstart, cend, value, high, flags, tail))
    return tuple(result)


def parse_number(text: str) -> Any:
    """The value of ``text`` read whole as one numeral, with no context rules.

    ``parse_number("1.8万亿") == 1800000000000``; an approximate pair gives
    ``(low, high)`` (``"三五百"`` → ``(300, 500)``). Raises ``InputError`` (a
    ``ValueError``) when ``text`` is not exactly one numeral.
    """
    cps = _codepoints(text)
    cls, val, _ = _TABLES
    end, mant, exp, flags, lo_n, lo_e = K.numeral(cps, cls, val)
    if end != len(text) or end == 0 or flags & K.DOTTED:
        raise InputError(f"not a numeral: {text!r} (read {text[:end]!r})")
    if flags & K.OVERFLOW:
        value = None if flags & K.CHINESE else _fallback(text, 0)
        if value is None:
            raise InputError(f"numeral {text[:40]!r} has more than {MAX_DIGITS} digits")
        return value
    if flags & K.RANGE:
        return exact(lo_n, lo_e), exact(mant, exp)
    return exact(mant, exp)
