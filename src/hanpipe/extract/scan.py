"""One kernel scan per text, shared by every numeric extractor.

``scan(text)`` runs the number kernel once and returns :class:`Num` rows with
exact Python values. It is cached on the text, so the number, money, percent,
quantity, date and time extractors of one pipeline run read one scan.
"""

from __future__ import annotations

import functools
from decimal import Decimal, localcontext
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


_CN_DIGITS = {
    c: d
    for d, cs in enumerate(("零〇○", "一壹", "二贰貳两兩", "三叁參", "四肆", "五伍", "六陆陸", "七柒", "八捌", "九玖"))
    for c in cs
}
_CN_SMALL = {"十": 1, "拾": 1, "百": 2, "佰": 2, "千": 3, "仟": 3}
_CN_BIG = {"万": 4, "萬": 4, "亿": 8, "億": 8, "兆": 12}


def _fallback(text: str) -> Any:
    with localcontext() as ctx:
        ctx.prec = 4 * MAX_DIGITS
        return _fallback_exact(text)


def _fallback_exact(text: str) -> Any:
    """Exact value of a numeral whose mantissa passed 18 digits (the kernel flags those).

    The same left-to-right reading as the kernel, in Python's unbounded
    ``Decimal``; ``None`` past ``MAX_DIGITS`` integer digits.
    """
    total = sec = cur = Decimal(0)
    max_big = 0
    unit_before = 0
    last = ""
    i = 0
    n = len(text)
    if any(c in "点點" for c in text):
        return None
    if all(ch in _CN_DIGITS for ch in text):  # 二〇二三…: digits one by one
        return None if len(text) > MAX_DIGITS else int("".join(str(_CN_DIGITS[ch]) for ch in text))
    while i < n:
        c = text[i]
        if c in "0123456789０１２３４５６７８９":
            j = i
            while j < n and (text[j].isdigit() or text[j] in ".．,，"):
                j += 1
            digits = "".join(str(int(ch)) if ch.isdigit() else ("." if ch in ".．" else "") for ch in text[i:j])
            if len(digits.split(".")[0].lstrip("0")) > MAX_DIGITS:
                return None
            cur = Decimal(digits)
            last, unit_before = "num", 0
            i = j
            continue
        if c in _CN_DIGITS:
            d = _CN_DIGITS[c]
            if d:
                unit_before = unit_before if last == "unit" else 0
                cur = Decimal(d)
                last = "cn"
            else:
                last = "zero"
        elif c in _CN_SMALL:
            sec += (cur if last in ("num", "cn") else 1) * Decimal(10) ** _CN_SMALL[c]
            cur = Decimal(0)
            last, unit_before = "unit", _CN_SMALL[c]
        elif c in _CN_BIG:
            e = _CN_BIG[c]
            if last == "cn" and 2 <= unit_before <= 3:
                cur *= Decimal(10) ** (unit_before - 1)
            part = sec + cur if (sec or cur or last in ("num", "cn")) else (Decimal(1) if not total else Decimal(0))
            if e > max_big:
                total = (total + part) * Decimal(10) ** e
                max_big = e
            else:
                total += part * Decimal(10) ** e
            sec = cur = Decimal(0)
            last, unit_before = "unit", e
        else:
            break
        i += 1
    if last == "cn" and unit_before >= 2:
        cur *= Decimal(10) ** (unit_before - 1)
    value = total + sec + cur
    if value != 0 and value.adjusted() >= MAX_DIGITS:
        return None
    return int(value) if value == value.to_integral_value() else value


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
    result: list[Num] = []
    append = result.append
    slow = K.NEG | K.OVERFLOW | K.RANGE | K.FRACTION
    pow10 = _POW10
    for r in rows.tolist():
        start, end, cstart, cend, mant, exp, flags, _lo_n, _lo_e, hi_n, hi_e, tail = r
        if not flags & slow and 0 <= exp < 19:  # the common case: a plain integer
            append(Num(start, end, cstart, cend, mant * pow10[exp], None, flags, tail))
            continue
        neg = bool(flags & K.NEG)
        if flags & K.OVERFLOW:
            value = None
            if not flags & (K.RANGE | K.FRACTION | K.PERCENT | K.PERMILLE):
                value = _fallback(text[cstart:cend])
                if value is not None and neg:
                    value = -value
            high = None
        else:
            value = exact(mant, exp, neg)
            high = exact(hi_n, hi_e) if flags & (K.RANGE | K.FRACTION) else None
        append(Num(start, end, cstart, cend, value, high, flags, tail))
    return tuple(result)


_POW10 = [10**k for k in range(19)]


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
        value = None if flags & K.RANGE else _fallback(text)
        if value is None:
            raise InputError(f"numeral {text[:40]!r} has more than {MAX_DIGITS} digits")
        return value
    if flags & K.RANGE:
        return exact(lo_n, lo_e), exact(mant, exp)
    return exact(mant, exp)
