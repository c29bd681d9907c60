"""Numerals as functions: read a whole string as one number, write a number in Chinese.

``parse("一千零十") == 1010`` reads a string that is one numeral and nothing
else; ``to_chinese(1010) == "一千零一十"`` writes one. The modes and styles are
those cn2an users know (``cn2an.cn2an(x, mode)`` and ``cn2an.an2cn(x, style)``):

=========  =================================================================
mode       what ``parse`` accepts
=========  =================================================================
strict     numerals written in full as ``to_chinese`` writes them (一十一 or
           十一, 零十 for 零一十), financial digits (壹贰叁, 拾佰仟),
           amounts in 元, 角 and 分 (壹拾壹元壹角), 廿 and 卅, 负, 点
normal     also colloquial forms (三万五, 一百二, 一百十一, 两千六), 〇, 两,
           幺 and 仨, digits read one by one (一二三, 一七二零点一), 元 or 圆
           at the end
smart      also Arabic digits alone or mixed in (10.1万, 100万三千, 一百点123)
direct     digits read one by one, returned as a string that keeps leading
           zeros (零一二 → ``"012"``)
=========  =================================================================

The value of every form but the digit strings comes from the number kernel
that reads numerals in running text (:mod:`hanpipe.builtin.extract._kernels`),
so a numeral has one value wherever it is read. A whole string is read as it
stands: a lone ``十`` is 10 here, where running text needs a number's context
(三个, 近百). Invalid strings raise :class:`~hanpipe.errors.InputError` (a
``ValueError``) naming the string and what was wrong.

Values are exact: an int for a whole number, a float for a decimal when the
float's shortest repr is the decimal as written, else a :class:`~decimal.Decimal`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from .builtin.extract.numerals import parse_number
from .errors import InputError

__all__ = ["MODES", "STYLES", "parse", "to_chinese"]

MODES = ("strict", "normal", "smart", "direct")
STYLES = ("low", "up", "rmb", "direct")

_LOW_DIGITS = "零一二三四五六七八九"
_UP_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_DIGIT = {c: d for d, c in enumerate(_LOW_DIGITS)} | {c: d for d, c in enumerate(_UP_DIGITS) if d}
#: digits and units beyond the strict set that normal and smart modes accept
_NORMAL_DIGIT = {"〇": 0, "○": 0, "两": 2, "幺": 1, "仨": 3}
_SMALL_UNITS = "十拾百佰千仟"
_STRICT_CHARS = frozenset(_LOW_DIGITS + _UP_DIGITS + _SMALL_UNITS + "万亿廿卅")
_NORMAL_CHARS = _STRICT_CHARS | frozenset("〇○两幺仨兆卌")
_ARABIC = frozenset("0123456789.")
#: Traditional and full-width forms folded before reading (the kernel reads most of them
#: itself; folding keeps the mode checks to one alphabet)
_FOLD = str.maketrans(
    {
        **{chr(0xFF10 + d): str(d) for d in range(10)},
        "．": ".",
        "－": "-",
        "−": "-",
        "貳": "贰",
        "參": "叁",
        "叄": "叁",
        "陸": "陆",
        "兩": "两",
        "萬": "万",
        "億": "亿",
        "負": "负",
        "點": "点",
        "圓": "圆",
        "卄": "廿",
    }
)
_FOLDED = re.compile(f"[{''.join(re.escape(chr(c)) for c in sorted(_FOLD))}]")
#: to compare a strict numeral with the canonical writing: financial to plain, 廿 to 二十
_PLAIN = str.maketrans(
    {**{c: _LOW_DIGITS[d] for c, d in _DIGIT.items()}, "拾": "十", "佰": "百", "仟": "千", "廿": "二十", "卅": "三十"}
)
_MONEY_END = ("元整", "圆整", "元正", "圆正")
#: the most digits parse() reads before or after the point (the number scan's limit)
_MAX_READ = 64


def parse(text: str, mode: str = "smart") -> Any:
    """The number that ``text`` is, read whole as one numeral.

    ``mode`` is ``"strict"``, ``"normal"``, ``"smart"`` (the default: every
    form) or ``"direct"`` (digits one by one, returned as a string); see the
    module docstring. Raises :class:`~hanpipe.errors.InputError` (a
    ``ValueError``) when ``text`` is not one numeral in that mode.

    >>> parse("一千零十"), parse("负一"), parse("廿三"), parse("10.1万")
    (1010, -1, 23, 101000)
    >>> parse("壹拾壹元壹角壹分")
    11.11
    """
    if not isinstance(text, str):
        raise InputError(f"parse() reads a str, not {type(text).__name__}: {text!r}; write numbers with to_chinese()")
    if mode not in MODES:
        raise InputError(f"no numeral mode {mode!r}; modes: {', '.join(MODES)}")
    s = text.strip()
    if _FOLDED.search(s):
        s = s.translate(_FOLD)
    if mode == "direct":
        return _direct(text, s)
    neg = False
    if s[:1] == "负" or (mode == "smart" and s[:1] == "-" and not s[1:2] == "-"):
        neg, s = True, s[1:]
    s, cents = _money(text, s, mode)
    if cents is not None and not s:
        value: Any = 0
    else:
        value = _number(text, s, mode)
    if cents is not None:
        value = _exact(Decimal(str(value)) + Decimal(cents).scaleb(-2))
    return -value if neg else value


def _fail(text: str, why: str) -> InputError:
    return InputError(f"not a numeral: {text!r} ({why})")


def _money(text: str, s: str, mode: str) -> tuple[str, int | None]:
    """``s`` without its 元 and the cents its 角 and 分 give (壹元贰角叁分: 23), ``None`` without them."""
    if s.endswith(_MONEY_END):
        return s[:-2], None
    cents: int | None = None
    if len(s) >= 2 and s[-1] == "分" and s[-2] in _DIGIT:
        cents = _DIGIT[s[-2]]
        s = s[:-2]
        if s[-1:] == "零" and s[-2:-1] in ("元", "圆"):
            s = s[:-1]  # 壹元零伍分
    if len(s) >= 2 and s[-1] == "角" and s[-2] in _DIGIT:
        cents = (cents or 0) + 10 * _DIGIT[s[-2]]
        s = s[:-2]
    if s[-1:] in ("元", "圆"):
        if cents is None and mode == "strict":
            raise _fail(text, "元 alone at the end is read in normal and smart modes; strict wants 元整")
        s = s[:-1]
        if not s:
            raise _fail(text, "元 with no amount")
    elif cents is not None and s:
        raise _fail(text, "角 and 分 follow an amount in 元")
    return s, cents


def _number(text: str, s: str, mode: str) -> Any:
    if not s:
        raise _fail(text, "empty")
    if "点" in s:
        whole, _, frac = s.partition("点")
        if not whole or not frac or "点" in frac:
            raise _fail(text, "a decimal point 点 needs digits on both sides, once")
        if len(frac) > _MAX_READ:
            raise _fail(text, f"more than {_MAX_READ} decimals")
        if mode == "smart" and frac.isascii() and frac.isdigit():
            digits = frac
        else:
            digits = "".join(str(_digit(text, c, mode)) for c in frac)
        if mode == "strict" and (digits[-1] == "0" or len(digits) > 16):
            raise _fail(text, "in strict mode the decimals end in a digit other than 零, at most 16 of them")
        base = _integer(text, whole, mode)
        if isinstance(base, float | Decimal) or "." in whole:
            raise _fail(text, "two decimal points")
        return _exact(Decimal(base) + Decimal(int(digits)).scaleb(-len(digits)))
    return _integer(text, s, mode)


def _digit(text: str, c: str, mode: str) -> int:
    d = _DIGIT.get(c)
    if d is None and mode != "strict":
        d = _NORMAL_DIGIT.get(c)
    if d is None:
        raise _fail(text, f"{c!r} is no digit in {mode} mode")
    return d


def _integer(text: str, s: str, mode: str) -> Any:
    """The value of the part before 点: a digit string, or a numeral read by the kernel."""
    if mode == "smart" and len(s) <= _MAX_READ and _PLAIN_ARABIC.fullmatch(s):
        if "." not in s:
            return int(s)  # 1234, 12.5: as Python reads them
        if len(s) <= 16 and s.rstrip("0")[-1] != ".":
            return float(s)  # at most 15 digits: the float whose shortest repr is s
        return _exact(Decimal(s))
    other = _NOT_READ[mode].search(s)  # a character this mode does not read
    if other:
        raise _fail(text, f"{other.group()!r} is not read in {mode} mode")
    if mode != "strict" and len(s) >= 2 and _ALL_DIGITS.fullmatch(s):
        if len(s) > _MAX_READ:
            raise _fail(text, f"more than {_MAX_READ} digits")
        return int(s.translate(_AS_ARABIC))  # 一二三, 一七二零: one by one
    try:
        value = parse_number(s.translate(_NORMAL_ONE) if "幺" in s or "仨" in s else s)
    except InputError as err:
        raise _fail(text, str(err)) from None
    if isinstance(value, tuple):
        raise _fail(text, "an approximate pair (三五百) is a range, not one number")
    if mode == "strict":
        full = _int_chinese(value, _LOW_DIGITS, "十百千")
        if _canonical(s) != _canonical(full):
            raise _fail(text, f"strict mode reads numerals written in full; {value} is {full}")
    return value


_NORMAL_ONE = str.maketrans({"幺": "一", "仨": "三"})


def _class(chars: Iterable[str]) -> str:
    """A regular-expression character class body for ``chars`` (one class: no backtracking)."""
    return "".join(re.escape(c) for c in sorted(chars))


#: per mode, the first character the mode does not read
_NOT_READ = {
    "strict": re.compile(f"[^{_class(_STRICT_CHARS)}]"),
    "normal": re.compile(f"[^{_class(_NORMAL_CHARS)}]"),
    "smart": re.compile(f"[^{_class(_NORMAL_CHARS | _ARABIC)}]"),
}
_PLAIN_ARABIC = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_ALL_DIGITS = re.compile(f"[{_class([*_DIGIT, *_NORMAL_DIGIT])}]+")
_AS_ARABIC = str.maketrans({c: str(d) for c, d in (_DIGIT | _NORMAL_DIGIT).items()})


def _canonical(s: str) -> str:
    """A strict numeral in plain digits, with the forms strict mode lets vary written one way:
    一十 at the start, 零一十 and 零一百 (一千零十 is 一千零一十), and no 零 between 亿 and a
    section in 万 (一亿零五万 or 一亿五万; but 一亿零五千, since 一亿五千 may be 一亿五千万)."""
    s = s.translate(_PLAIN)
    if s.startswith("十"):
        s = "一" + s
    s = s.replace("零十", "零一十").replace("零百", "零一百")
    at = s.find("亿零")
    if at >= 0 and "万" in s[at:]:
        s = s[: at + 1] + s[at + 2 :]
    return s


def _exact(d: Decimal) -> Any:
    """An int for a whole ``d``, a float when its shortest repr is ``d``, else ``d``."""
    if d == d.to_integral_value():
        return int(d)
    f = float(d)
    return f if Decimal(repr(f)) == d.normalize() else d.normalize()


def _direct(text: str, s: str) -> str:
    sign = ""
    if s[:1] in ("负", "-"):
        sign, s = "-", s[1:]
    out = []
    for c in s:
        if c in "点.":
            out.append(".")
        elif c.isascii() and c.isdigit():
            out.append(c)
        else:
            out.append(str(_digit(text, c, "direct")))
    r = "".join(out)
    if not r or r.count(".") > 1 or r[0] == "." or r[-1] == ".":
        raise _fail(text, "direct mode reads digits and at most one point between them")
    return sign + r


# -- writing -----------------------------------------------------------------------

#: the most integer digits a numeral can be written with: units go up to 千万亿 (10**15)
MAX_DIGITS = 16


def to_chinese(value: Any, style: str = "low") -> str:
    """``value`` written as a Chinese numeral.

    ``style``: ``"low"`` (一百零五点二), ``"up"`` (financial digits: 壹佰零伍点贰),
    ``"rmb"`` (an amount: 壹佰零伍元贰角, cut after 分) or ``"direct"`` (digit by
    digit: 一零五点二). ``value`` is an int, a float, a :class:`~decimal.Decimal`
    or a string of Arabic digits (``"012"``, ``"-3.50"``: a string keeps its zeros).
    Raises :class:`~hanpipe.errors.InputError` for anything else, and for more than
    16 integer digits (no Chinese unit is larger than 千万亿).

    >>> to_chinese(1010), to_chinese(11, "up"), to_chinese(1.2, "rmb"), to_chinese("012", "direct")
    ('一千零一十', '壹拾壹', '壹元贰角', '零一二')
    """
    if style not in STYLES:
        raise InputError(f"no numeral style {style!r}; styles: {', '.join(STYLES)}")
    digits = _as_digits(value)
    neg = digits.startswith("-")
    digits = digits.lstrip("-")
    whole, _, frac = digits.partition(".")
    if style == "direct":
        out = "".join(_LOW_DIGITS[int(c)] for c in whole)
        if frac:
            out += "点" + "".join(_LOW_DIGITS[int(c)] for c in frac)
        return ("负" if neg else "") + out
    n = int(whole)
    if len(str(n)) > MAX_DIGITS:
        raise InputError(f"{value!r} has more than {MAX_DIGITS} integer digits: no Chinese unit is that large")
    if style == "rmb":
        out = _rmb(n, frac)
    else:
        names, units = (_LOW_DIGITS, "十百千") if style == "low" else (_UP_DIGITS, "拾佰仟")
        out = _int_chinese(n, names, units)
        if style == "low" and out.startswith("一十"):
            out = out[1:]
        if frac:
            out += "点" + "".join(names[int(c)] for c in frac)
    return ("负" if neg and out not in ("零", "零元整") else "") + out


def _as_digits(value: Any) -> str:
    """``value`` as ``-?digits(.digits)?``, as written (floats by their shortest repr)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        raise InputError(f"to_chinese() writes an int, float, Decimal or str of digits, not {type(value).__name__}")
    if type(value) is float and value == value and abs(value) < 1e16:
        r = repr(value)
        if "e" not in r:
            return r
    if isinstance(value, int):
        if abs(value) >= 10**_MAX_READ:
            raise InputError(f"an int of more than {_MAX_READ} digits is not written: {str(value)[:20]}...")
        return str(value)
    if isinstance(value, str):
        s = value.strip()
        body = s[1:] if s[:1] == "-" else s
        whole, _, frac = body.partition(".")
        if not (whole.isascii() and whole.isdigit()) or ("." in body and not (frac.isascii() and frac.isdigit())):
            raise InputError(f"not a number written in Arabic digits: {value!r}")
        if len(s) > 2 * _MAX_READ + 2:
            raise InputError(f"more than {_MAX_READ} digits before or after the point: {s[:20]}...")
        return s
    try:
        d = Decimal(repr(value)) if isinstance(value, float) else value
        if not d.is_finite():
            raise InputError(f"{value!r} is no finite number")
        return format(d, "f")
    except (InvalidOperation, ValueError) as err:
        raise InputError(f"not a number: {value!r}") from err


def _int_chinese(n: int, names: str, units: str) -> str:
    """``0 <= n < 10**16`` in full: 万 and 亿 sections, 零 where a section's leading places are empty."""
    groups = _groups(names, units)
    if n < 10**4:
        return groups[n]
    if n >= 10**8:
        head, rest = divmod(n, 10**8)
        out = _int_chinese(head, names, units) + "亿"
        if rest:
            out += (names[0] if rest < 10**7 else "") + _int_chinese(rest, names, units)
        return out
    head, rest = divmod(n, 10**4)
    out = groups[head] + "万"
    if rest:
        out += (names[0] if rest < 1000 else "") + groups[rest]
    return out


_GROUPS: dict[str, list[str]] = {}


def _groups(names: str, units: str) -> list[str]:
    """Every number below 10**4 written with ``names`` and ``units``, made on first use."""
    made = _GROUPS.get(units)
    if made is None:
        made = _GROUPS[units] = [_group(k, names, units) for k in range(10**4)]
    return made


def _group(n: int, names: str, units: str) -> str:
    """``0 <= n < 10**4``: 一千零一, 一十 (the caller drops the 一 at the start of a numeral)."""
    if n == 0:
        return names[0]
    out = ""
    zero = False
    for place in (3, 2, 1, 0):
        d = n // 10**place % 10
        if d:
            out += (names[0] if zero and out else "") + names[d] + (units[place - 1] if place else "")
            zero = False
        else:
            zero = True
    return out


def _rmb(n: int, frac: str) -> str:
    """An amount in 元, 角 and 分 (cut, not rounded, after 分), as cheques write it."""
    yuan = _int_chinese(n, _UP_DIGITS, "拾佰仟")
    jiao = int(frac[0]) if frac else 0
    fen = int(frac[1]) if len(frac) > 1 else 0
    if not jiao and not fen:
        return yuan + "元整"
    out = "" if n == 0 else yuan + "元"
    if jiao:
        out += _UP_DIGITS[jiao] + "角"
    elif n:
        out += "零"
    if fen:
        out += _UP_DIGITS[fen] + "分"
    return out
