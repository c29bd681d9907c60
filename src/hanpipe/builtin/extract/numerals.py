"""The number scan: every numeric expression of a document, read once for all numeric extractors.

``number_scan(doc)`` runs the number kernel (:func:`._kernels.find_numbers`)
over the document's code points and returns its :class:`Rows`: :class:`Num`
rows with exact Python values, also held as columns for array selection.
The number, money, percent, quantity, date and time extractors each ask the
document for it, ``doc.view(number_scan)``: the first to ask runs the kernel,
the others read the same rows, and a new document (a stage that changed the
text) is scanned afresh.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from decimal import Decimal, localcontext
from typing import Any, NamedTuple, overload

import numpy as np
import regex

from ..._text import code_points, from_code_points
from ...document import Document
from ...errors import InputError
from . import _kernels as K
from .idioms import idiom_keys

__all__ = [
    "ROW_BY_ROW",
    "Num",
    "Rows",
    "arabic_cores",
    "char_at",
    "cut",
    "exact",
    "number_arrays",
    "number_rows",
    "number_scan",
    "parse_number",
    "value_scan",
]

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
    for d, cs in enumerate(
        ("零〇○", "一壹", "二贰貳两兩", "三叁叄參参", "四肆", "五伍", "六陆陸", "七柒", "八捌", "九玖")
    )
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
            while j < n and (text[j].isdigit() or text[j] in ".．,"):
                j += 1
            digits = "".join(str(int(ch)) if ch.isdigit() else ("." if ch in ".．" else "") for ch in text[i:j])
            if len(digits.split(".")[0].lstrip("0")) > MAX_DIGITS:
                return None
            cur = Decimal(digits)
            if j == i + 1 and last == "unit":  # 3万5: one digit after a unit, as 两万五
                last = "cn"
            else:
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


def _integral(d: Decimal) -> Any:
    return int(d) if d == d.to_integral_value() else d


def _units_after_approx(suffix: str) -> int:
    """The exponent of the units after 多 or 余 in a row's suffix (多万 → 4, 余个亿 → 8, 多 → 0)."""
    if suffix[:1] not in ("多", "余", "餘"):
        return 0
    return sum(_CN_BIG.get(c, 0) for c in suffix[1:])


def _codepoints(text: str) -> np.ndarray:
    return code_points(text)


def number_rows(cps: np.ndarray) -> np.ndarray:
    """The number kernel's rows for the code points ``cps``: int64, ``K.NFIELDS`` columns, in text
    order (held column by column, see :func:`number_arrays`)."""
    return number_arrays(cps)[0]


def number_arrays(cps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The number kernel's rows for ``cps`` (as :func:`number_rows`), and the positions of the
    ASCII digits a Latin letter follows (``K._glued``; int64, ascending), from the same pass.

    The rows are held column by column (Fortran order): the extractors read them a column at
    a time (``rows.start``, ``rows.flags`` ...), and a contiguous column is read several times
    faster than one strided across the rows' twelve fields.
    """
    cls, val, flg = _TABLES
    parts = []
    pos = 0
    # a row takes one character at least: a short text needs no more room than its length
    # (zeroing the full room costs more than scanning a sentence)
    out = np.zeros((min(_CAP, len(cps) + 1), K.NFIELDS), dtype=np.int64, order="F")
    glued = np.empty(len(cps) // 2 + 1, dtype=np.int64)
    nglued = 0
    while True:
        cnt, pos, nglued = K.find_numbers(cps, pos, cls, val, flg, out, glued, nglued)
        parts.append(out[:cnt].copy(order="F"))
        if pos >= len(cps):
            break
    # no two glued digits stand side by side, so the count never passes the room
    if len(parts) == 1:
        raw = parts[0]
    else:
        raw = np.empty((sum(len(p) for p in parts), K.NFIELDS), dtype=np.int64, order="F")
        np.concatenate(parts, out=raw)
    # rows that are words (万一十分, 千万一定, 一点一点, 七零八落) go; a date's range dash is no sign (5日-8日)
    if not len(raw):
        return raw, glued[:nglued]
    keep = np.empty(len(raw), dtype=np.bool_)
    if K.words(cps, raw, cls, flg, idiom_keys(), keep):
        raw = np.asfortranarray(raw[keep])
    return raw, glued[:nglued]


#: flags whose rows need more than ``mant * 10**exp``
_SLOW = K.NEG | K.OVERFLOW | K.RANGE | K.FRACTION
#: flags whose rows' values are not made with array arithmetic (a range's two ends are)
_NOT_PLAIN = K.NEG | K.OVERFLOW | K.FRACTION
_POW10 = [10**k for k in range(19)]
_POW10_I64 = np.array(_POW10, dtype=np.int64)
_I64_MAX = np.iinfo(np.int64).max
_POW10_F64 = np.array([10.0**k for k in range(23)])


#: before N日, words that make it a term of days (顺延30日, 延期7日, 自收到之日起15日), read by the dates
#: (no day of the month) and the quantities (a duration); not 延 or 起 alone (延5日召开 is on the 5th,
#: 1日起10日止 from the 1st to the 10th)
TERM_BEFORE_DAY = ("顺延", "順延", "延期", "之日起")


def is_han(c: str) -> bool:
    """Whether ``c`` (one character, or none) is a Han character of the basic CJK block."""
    return "\u4e00" <= c <= "\u9fff" if c else False


#: after a four-digit number and 年, words that make it a count of years (1300年之久) ...
_YEARS_AFTER = ("之久",)
#: ... or, after a word of length or of having before it, history (有着1300年的历史, 长达2000年历史)
_YEARS_HISTORY = ("的历史", "的歷史", "历史", "歷史", "的悠久历史", "的悠久歷史")
_YEARS_BEFORE = frozenset("着著有近约約达達逾超")
#: before it, what makes it a count however it goes on (距今2000年)
_YEARS_SINCE = ("距今",)
#: a number of years greater than this before 前 is no year written now: a count (5000年前)
YEAR_PAST_MOST = 2100


def counts_years(text: str, start: int, nian_end: int, value: int) -> bool:
    """Whether the four-digit number ``value`` at ``start``, whose 年 ends at ``nian_end``, counts years
    rather than naming one: 1300年之久, 有着1300年的历史, 距今2000年, 5000年前 (the dates read no
    year there, the quantities a duration; 1949年的历史 and 2000年前 stay years)."""
    after = text[nian_end : nian_end + 6]
    if after.startswith(_YEARS_AFTER) or text[max(0, start - 2) : start] in _YEARS_SINCE:
        return True
    if after.startswith(_YEARS_HISTORY) and start >= 1 and text[start - 1] in _YEARS_BEFORE:
        return True
    return value > YEAR_PAST_MOST and after[:1] == "前" and after[:2] != "前后"  # 2500年前后: about the year


#: units written in Latin letters, in the case they are written, and their normalized symbol.
#: Case carries meaning where it must (MW megawatt, mW milliwatt; Gb gigabit, GB gigabyte);
#: where it does not, :data:`LATIN_CASELESS` reads the unit in any case (ghz, GHZ).
LATIN_UNITS: dict[str, str] = {
    "m": "m", "L": "L", "l": "L", "V": "V", "v": "V", "W": "W", "MW": "MW", "mW": "mW", "GW": "GW", "g": "g",
    "mV": "mV", "mA": "mA", "Ah": "Ah", "Wh": "Wh", "Pa": "Pa", "kPa": "kPa", "MPa": "MPa",
    "Kb": "Kb", "Mb": "Mb", "Gb": "Gb", "Tb": "Tb", "kB": "KB", "MBps": "MB/s", "μm": "µm", "µm": "µm",
}  # fmt: skip
#: units read in any case: the lower-case spelling and the symbol
LATIN_CASELESS: dict[str, str] = {
    "mm": "mm", "cm": "cm", "km": "km", "nm": "nm", "kg": "kg", "mg": "mg", "ml": "mL", "cc": "cc",
    "hz": "Hz", "khz": "kHz", "mhz": "MHz", "ghz": "GHz", "thz": "THz",
    "kb": "KB", "mb": "MB", "gb": "GB", "tb": "TB", "pb": "PB",
    "bps": "bps", "kbps": "kbps", "mbps": "Mbps", "gbps": "Gbps",
    "kb/s": "KB/s", "mb/s": "MB/s", "gb/s": "GB/s", "km/h": "km/h", "m/s": "m/s",
    "mah": "mAh", "kwh": "kWh", "kw": "kW", "kv": "kV", "db": "dB", "rpm": "rpm", "fps": "fps",
    "mmol": "mmol", "mmol/l": "mmol/L", "mg/l": "mg/L", "mg/dl": "mg/dL", "dpi": "dpi", "ppi": "ppi",
    "ppm": "ppm", "inch": "in", "inches": "in", "lb": "lb", "lbs": "lb", "oz": "oz", "mph": "mph",
    "mmhg": "mmHg",
}  # fmt: skip
_LATIN_LETTERS = regex.compile("[A-Za-z]+")


def latin_unit_at(text: str, pos: int) -> bool:
    """Whether a unit in Latin letters (cm, kg, GHz) is the word at ``pos``."""
    m = _LATIN_LETTERS.match(text, pos)
    return m is not None and (m[0] in LATIN_UNITS or m[0].lower() in LATIN_CASELESS)


#: words of a sentence before a number of months written without 个 (有期徒刑八月, 缓刑三月, 拘役五月), as
#: courts in Taiwan and some on the mainland write a term
SENTENCE_TERMS = ("徒刑", "缓刑", "緩刑", "拘役", "管制")
_TERM_MONTHS = regex.compile("[一二两兩三四五六七八九十]{1,3}月")


def sentence_months(text: str) -> list[tuple[int, int, int]]:
    """``(start, end, months)``: terms of months in Chinese numerals right after a word of a sentence,
    without 个 (有期徒刑八月 → 8 months, 徒刑十一月 → 11), in order. In Arabic digits the month is one of
    the year (缓刑8月到期: August)."""
    if "刑" not in text and "拘役" not in text and "管制" not in text:
        return []
    out = []
    for word in SENTENCE_TERMS:
        at = text.find(word)
        while at >= 0:
            m = _TERM_MONTHS.match(text, at + 2)
            if m is not None:
                try:
                    months = parse_number(m[0][:-1])
                except ValueError:
                    months = None
                if isinstance(months, int) and 1 <= months <= 12:
                    out.append((m.start(), m.end(), months))
            at = text.find(word, at + 1)
    return sorted(out)


#: after the 年 of a year, what makes it a span of years (于500年前, 于300年内, 于200多年): no year named
_SPAN_AFTER_YEAR = frozenset("内內后後前以之来來间間多余餘里裡中半期头頭")


def _span_after(text: str, pos: int) -> bool:
    """Whether the 年 before ``pos`` ends a span of years: a word of a span after it (于500年前, 300年内,
    500年左右, 100年上下; not 115年上路)."""
    return text[pos : pos + 1] in _SPAN_AFTER_YEAR or text[pos : pos + 2] in ("左右", "上下")


#: before 于, what makes a comparison or a state of it (高于300年, 相当于800年, 处于, 介于, 属于, 对于): a span
_COMPARED_BY_YU = frozenset("高低大小多少等介处處属屬对對当當优優劣胜勝强強弱长長短超过過")


def _after_yu(text: str, cstart: int) -> bool:
    """Whether 于 or 於 of a time stands right before ``cstart``: not one of a comparison (高于, 相当于)."""
    return cstart >= 1 and text[cstart - 1] in "于於" and text[cstart - 2 : cstart - 1] not in _COMPARED_BY_YU


def year_after_yu(text: str, cstart: int, cend: int) -> bool:
    """Whether the number ``text[cstart:cend]`` before 年 names a year of the common era of three Arabic
    digits from 200, after 于 or 於 (北宋建立于960年, 始建于589年), as history writes them; not with a
    word of a span after 年 (于500年前, 于300年内, 500年一遇), not after a word of comparison (高于300年,
    相当于800年), and not from 100 to 199, which Taiwan writes for years of the Republic (於112年完成)."""
    digits = text[cstart:cend]
    return (
        _after_yu(text, cstart)
        and not text.startswith("一遇", cend + 1)
        and len(digits) == 3
        and "2" <= digits[0] <= "9"
        and digits.isascii()
        and digits.isdigit()
        and text[cend : cend + 1] == "年"
        and not _span_after(text, cend + 1)
    )


#: the years of the Republic of China a text may name without 民國 (100 is 2011, 130 is 2041)
ROC_BARE = range(100, 131)
#: before such a year, words of a plan or a time (預計114年完工, 於115年上路) ...
_ROC_BEFORE_WORDS = ("预计", "預計", "预定", "預定", "计划", "計畫", "計劃", "预估", "預估")
#: ... or after its 年, a part of the year (114年底, 115年初)
_ROC_PART_AFTER = frozenset("底初")


def roc_bare_year(text: str, cstart: int, cend: int) -> bool:
    """Whether the three digits ``text[cstart:cend]`` before 年 are a year of the Republic of China written
    without 民國 or a month, as Taiwan writes them: from 100 to 130, after 於 or 于 or a word of a plan
    (預計114年完工, 於115年上路) or before 底 or 初 (115年底); a span after 年 (於100年內) is none."""
    digits = text[cstart:cend]
    if not (len(digits) == 3 and digits.isascii() and digits.isdigit() and int(digits) in ROC_BARE):
        return False
    if text[cend : cend + 1] != "年" or _span_after(text, cend + 1):
        return False
    return (
        text[cend + 1 : cend + 2] in _ROC_PART_AFTER
        or _after_yu(text, cstart)
        or text[max(0, cstart - 2) : cstart] in _ROC_BEFORE_WORDS
    )


#: reigns whose years Chinese history writes by number (康熙五十年 is 1711): the name, as written in
#: Simplified and in Traditional characters, its first year and how many years it had (the common
#: reigns of the Ming and Qing, three of the Tang, and the Japanese eras since Meiji)
REIGNS: dict[str, tuple[int, int]] = {
    **dict.fromkeys(("洪武",), (1368, 31)),
    **dict.fromkeys(("永乐", "永樂"), (1403, 22)),
    **dict.fromkeys(("宣德",), (1426, 10)),
    **dict.fromkeys(("正统", "正統"), (1436, 14)),
    **dict.fromkeys(("成化",), (1465, 23)),
    **dict.fromkeys(("弘治",), (1488, 18)),
    **dict.fromkeys(("正德",), (1506, 16)),
    **dict.fromkeys(("嘉靖",), (1522, 45)),
    **dict.fromkeys(("隆庆", "隆慶"), (1567, 6)),
    **dict.fromkeys(("万历", "萬曆", "萬歷"), (1573, 48)),
    **dict.fromkeys(("天启", "天啟", "天啓"), (1621, 7)),
    **dict.fromkeys(("崇祯", "崇禎"), (1628, 17)),
    **dict.fromkeys(("顺治", "順治"), (1644, 18)),
    **dict.fromkeys(("康熙",), (1662, 61)),
    **dict.fromkeys(("雍正",), (1723, 13)),
    **dict.fromkeys(("乾隆",), (1736, 60)),
    **dict.fromkeys(("嘉庆", "嘉慶"), (1796, 25)),
    **dict.fromkeys(("道光",), (1821, 30)),
    **dict.fromkeys(("咸丰", "咸豐"), (1851, 11)),
    **dict.fromkeys(("同治",), (1862, 13)),
    **dict.fromkeys(("光绪", "光緒"), (1875, 34)),
    **dict.fromkeys(("宣统", "宣統"), (1909, 3)),
    **dict.fromkeys(("贞观", "貞觀"), (627, 23)),
    **dict.fromkeys(("开元", "開元"), (713, 29)),
    **dict.fromkeys(("天宝", "天寶"), (742, 15)),
    **dict.fromkeys(("明治",), (1868, 45)),
    **dict.fromkeys(("大正",), (1912, 15)),
    **dict.fromkeys(("昭和",), (1926, 64)),
    **dict.fromkeys(("平成",), (1989, 31)),
    **dict.fromkeys(("令和",), (2019, 99)),
}


class Rows(Sequence[Num]):
    """The number scan of one text: a sequence of :class:`Num`, also held as columns.

    The extractors select rows with array masks over the columns and build
    entities only for the rows they keep; ``Num`` rows are made on request.
    Columns: ``start``, ``end``, ``cstart``, ``cend`` and ``flags`` (arrays,
    and as lists with ``_l``, made when first read, as is ``tail_l``); ``mant`` and ``exp`` (the kernel's mantissa
    and exponent, arrays); ``values`` and ``highs`` (lists); ``none``
    (value is ``None``); ``ints`` and ``isint`` (the values that are ints
    within int64); ``after``, ``after2``, ``cafter``, ``before`` and
    ``before2``, the code points at ``end``, ``end + 1``, ``cend``,
    ``start - 1`` and ``start - 2`` (0 outside the text or past the BMP); these and
    ``ints``, ``isint`` also as lists with ``_l``, made when first read (the readers
    of a scan of a few rows read lists, :data:`ROW_BY_ROW`).
    ``text`` and ``cps`` are the text scanned and its code points; ``glued`` the positions of
    the ASCII digits a Latin letter follows (where a unit in Latin letters may begin), from the same scan;
    ``derived`` holds columns the extractors derive from these and share
    (each made once per scan, by the first extractor that asks).
    """

    __slots__ = (
        "_made",
        "_raw",
        "after",
        "after2",
        "after2_l",
        "after_l",
        "before",
        "before2",
        "before2_l",
        "before_l",
        "cafter",
        "cafter_l",
        "cend",
        "cend_l",
        "cps",
        "cstart",
        "cstart_l",
        "derived",
        "end",
        "end_l",
        "exp",
        "flags",
        "flags_l",
        "glued",
        "highs",
        "ints",
        "ints_l",
        "isint",
        "isint_l",
        "mant",
        "none",
        "start",
        "start_l",
        "tail_l",
        "text",
        "values",
    )

    def __init__(self, text: str, raw: np.ndarray, cps: np.ndarray, glued: np.ndarray | None = None) -> None:
        self.text, self.cps = text, cps
        self.derived: dict[str, Any] = {}
        self._raw = raw
        self.glued = number_arrays(cps)[1] if glued is None else glued
        self._made: dict[int, Num] | None = None
        if not len(raw):  # most short texts: no array call at all
            self.values: list[Any] = []
            self.highs: list[Any] = []
            self.none, self.ints, self.isint = _NO_BOOLS, _NO_INTS, _NO_BOOLS
            self.start = self.end = self.cstart = self.cend = self.flags = self.mant = self.exp = _NO_INTS
            self.after = self.after2 = self.cafter = self.before = self.before2 = _NO_INTS
            return
        self.start, self.end, self.cstart, self.cend = (raw[:, k] for k in (K.START, K.END, K.CSTART, K.CEND))
        self.flags = raw[:, K.FLAGS]
        self.mant, self.exp = raw[:, K.MANT], raw[:, K.EXP]
        near = np.empty((len(raw), 5), dtype=np.int64, order="F")  # columns, read one at a time
        K.neighbours(cps, raw, near)
        self.after, self.after2, self.cafter = near[:, K.AFTER], near[:, K.AFTER2], near[:, K.CAFTER]
        self.before, self.before2 = near[:, K.BEFORE], near[:, K.BEFORE2]
        if len(raw) > ROW_BY_ROW:
            self.values, self.highs, self.none, self.ints, self.isint = _values(text, raw)
            return
        # a few rows, read as lists by every reader: all the lists at once
        columns = raw.T.tolist()
        self.start_l, self.end_l, self.cstart_l, self.cend_l = (columns[k] for k in (K.START, K.END, K.CSTART, K.CEND))
        self.flags_l, self.tail_l = columns[K.FLAGS], columns[K.TAIL]
        codes = near.T.tolist()
        self.after_l, self.after2_l, self.cafter_l = codes[K.AFTER], codes[K.AFTER2], codes[K.CAFTER]
        self.before_l, self.before2_l = codes[K.BEFORE], codes[K.BEFORE2]
        self.values, self.highs, self.none, self.ints, self.isint = _values_by_row(text, raw, columns)

    start_l: list[int]
    after_l: list[int]
    after2_l: list[int]
    cafter_l: list[int]
    before_l: list[int]
    before2_l: list[int]
    ints_l: list[int]
    isint_l: list[bool]
    end_l: list[int]
    cstart_l: list[int]
    cend_l: list[int]
    flags_l: list[int]
    tail_l: list[int]

    def __getattr__(self, name: str) -> list[int]:
        """A column as a list (``start_l``, ``after_l`` ...), made on first use: Python reads the slot after that."""
        column = _LISTS.get(name)
        if column is None:
            if name not in _ARRAY_LISTS:
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
            made: list[int] = getattr(self, name[:-2]).tolist()
            setattr(self, name, made)
            return made
        made = self._raw[:, column].tolist()
        setattr(self, name, made)
        return made

    def __len__(self) -> int:
        return len(self.values)

    def __iter__(self) -> Iterator[Num]:
        """Every row as a :class:`Num`, all made at once the first time (a reader row by row reads them all)."""
        made = self._made
        if made is None or len(made) < len(self.values):
            rows = zip(
                self.start_l, self.end_l, self.cstart_l, self.cend_l, self.values, self.highs, self.flags_l, self.tail_l
            )
            made = self._made = dict(enumerate(map(Num._make, rows)))
        return iter(made.values())

    @overload
    def __getitem__(self, i: int) -> Num: ...

    @overload
    def __getitem__(self, i: slice) -> list[Num]: ...

    def __getitem__(self, i: int | slice) -> Num | list[Num]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        made = self._made
        if made is None:
            made = self._made = {}
        num = made.get(i)
        if num is None:  # made once, whichever extractors read row i
            num = made[i] = Num(
                self.start_l[i],
                self.end_l[i],
                self.cstart_l[i],
                self.cend_l[i],
                self.values[i],
                self.highs[i],
                self.flags_l[i],
                self.tail_l[i],
            )
        return num


#: the columns of a scan with no rows (empty: shared by every such scan)
_NO_INTS = np.zeros(0, dtype=np.int64)
_NO_BOOLS = np.zeros(0, dtype=bool)

#: the array columns :class:`Rows` holds as lists too (``after_l`` ...), made on first use
_ARRAY_LISTS = frozenset(("after_l", "after2_l", "cafter_l", "before_l", "before2_l", "ints_l", "isint_l"))

#: the columns :class:`Rows` holds as lists too, made on first use
_LISTS = {
    "start_l": K.START,
    "end_l": K.END,
    "cstart_l": K.CSTART,
    "cend_l": K.CEND,
    "flags_l": K.FLAGS,
    "tail_l": K.TAIL,
}


def char_at(cps: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """The code points at ``pos``; 0 outside the text and past the BMP."""
    if not len(cps):
        return np.zeros(len(pos), dtype=np.int64)
    c = cps[np.clip(pos, 0, len(cps) - 1)].astype(np.int64)
    return np.where((pos >= 0) & (pos < len(cps)) & (c < 65536), c, 0)


#: up to this many rows in a scan, the extractors read each row in Python (with the functions
#: the columns are tested against): a row costs a few µs that way, the columns some dozens of
#: array calls (tens of µs) whatever their length, which a document of a few sentences does not
#: repay. Measured on pieces of the seeds, the six numeric extractors together break even at
#: about 200 rows; the columns keep every longer scan (a batch's)
ROW_BY_ROW = 64

#: from this many pieces on, :func:`cut` gathers them with numpy instead of slicing one at a time
CUT_FROM = 256


def cut(text: str, cps: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> list[str]:
    """``[text[s:e] for s, e in zip(starts, ends)]``, where ``cps`` are the code points of ``text``
    and ``starts``, ``ends`` int arrays of spans inside it.

    Many pieces are gathered into one buffer of code points, each followed by a NUL, made into one
    string and split at the NULs: a C-level loop, a third faster than slicing each (a piece that
    holds a NUL of its own sends the text the slow way).
    """
    n = len(starts)
    if n < CUT_FROM:
        return [text[s:e] for s, e in zip(starts.tolist(), ends.tolist())]
    lengths = ends - starts
    seg = lengths + 1
    base = np.cumsum(seg) - seg  # where each piece begins in the buffer
    src = np.arange(int(base[-1] + seg[-1]), dtype=np.int64) + np.repeat(starts - base, seg)
    joined = cps[np.minimum(src, len(cps) - 1)]
    joined[base + lengths] = 0
    if np.count_nonzero(joined == 0) != n:
        return [text[s:e] for s, e in zip(starts.tolist(), ends.tolist())]
    pieces = from_code_points(joined).split("\x00")
    pieces.pop()  # after the last NUL
    return pieces


_IS_ARABIC = np.zeros(65536, dtype=bool)
_IS_ARABIC[[*range(0x30, 0x3A), *range(0xFF10, 0xFF1A)]] = True


def arabic_cores(rows: Rows, idx: np.ndarray, width: int) -> np.ndarray:
    """Whether the ``width`` characters from ``cstart`` of each row of ``idx`` are all Arabic digits.

    For a row whose numeral has ``width`` characters this is
    ``text[cstart:cend].isdigit()``: the scan reads no digits but ASCII and full-width ones.
    """
    ok = np.ones(len(idx), dtype=bool)
    at = rows.cstart[idx]
    for k in range(width):
        ok &= _IS_ARABIC[char_at(rows.cps, at + k)]
    return ok


def _plain_values(mant: np.ndarray, exp: np.ndarray, plain: np.ndarray) -> tuple[np.ndarray, np.ndarray, Any, Any]:
    """For the values ``mant * 10**exp`` of the ``plain`` rows (no sign, overflow or fraction):
    which are ints within int64 (``fits``) and the ints (0 elsewhere), and which are decimals of at
    most 15 significant digits (``short``) with their floats. The correctly rounded quotient of
    such a decimal is the float whose shortest repr is the decimal as written, which is what
    :func:`exact` returns for it."""
    fast = plain & (exp >= 0) & (exp < 19)
    power = _POW10_I64[np.where(fast, exp, 0)]
    fits = fast & (mant >= 0) & (mant <= _I64_MAX // power)
    ints = np.multiply(mant, power, out=np.zeros(len(mant), dtype=np.int64), where=fits)
    short = plain & (exp < 0) & (exp >= -22) & (mant > 0) & (mant < 10**15)
    return fits, ints, short, mant / _POW10_F64[np.where(short, -exp, 0)]


def _values(text: str, raw: np.ndarray) -> tuple[list[Any], list[Any], np.ndarray, np.ndarray, np.ndarray]:
    """Exact Python values (low ends), high ends, which values are ``None`` (too large),
    and the values that are ints within int64 as an array, with their mask.

    Values of up to 18 digits and short decimals, the ends of ranges among them, are made with
    array arithmetic (:func:`_plain_values`); the rest row by row with :func:`exact`."""
    mant, exp, flags = raw[:, K.MANT], raw[:, K.EXP], raw[:, K.FLAGS]
    plain = (flags & _NOT_PLAIN) == 0
    fits, ints, short, quotients = _plain_values(mant, exp, plain)
    isint = fits.copy()
    values: list[Any] = ints.tolist()
    if short.any():
        at = np.flatnonzero(short)
        for i, v in zip(at.tolist(), quotients[at].tolist()):
            values[i] = v
    highs: list[Any] = [None] * len(values)
    ranges = np.flatnonzero(plain & ((flags & K.RANGE) != 0))
    if len(ranges):
        hi_n, hi_e = raw[ranges, K.HI_N], raw[ranges, K.HI_E]
        h_fits, h_ints, h_short, h_quotients = _plain_values(hi_n, hi_e, np.ones(len(ranges), dtype=bool))
        columns = (ranges, h_fits, h_ints, h_short, h_quotients, hi_n, hi_e)
        for i, fit, whole, sh, quotient, n_, e_ in zip(*(c.tolist() for c in columns)):
            highs[i] = whole if fit else quotient if sh else exact(n_, e_)
    none = np.zeros(len(values), dtype=bool)
    rest = np.flatnonzero(~(fits | short)).tolist()
    if not rest:
        return values, highs, none, ints, isint
    flags_l, mant_l, exp_l, hi_n_l, hi_e_l = (raw[:, k].tolist() for k in (K.FLAGS, K.MANT, K.EXP, K.HI_N, K.HI_E))
    cstart_l, cend_l = raw[:, K.CSTART].tolist(), raw[:, K.CEND].tolist()
    for i in rest:
        fl, m, e = flags_l[i], mant_l[i], exp_l[i]
        if not fl & _SLOW and 0 <= e < 19:  # a plain integer past int64
            values[i] = m * _POW10[e]
            continue
        neg = bool(fl & K.NEG)
        if fl & K.OVERFLOW:
            value = None
            if not fl & (K.RANGE | K.FRACTION | K.PERCENT | K.PERMILLE):
                value = _fallback(text[cstart_l[i] : cend_l[i]])
                shift = _units_after_approx(text[cend_l[i] : raw[i, K.END]])
                if value is not None and shift:
                    scaled = Decimal(value).scaleb(shift)
                    value = None if scaled.adjusted() >= MAX_DIGITS else _integral(scaled)
                if value is not None and neg:
                    value = -value
            values[i] = value
            none[i] = value is None
        else:
            values[i] = exact(m, e, neg)
            none[i] = values[i] is None
            if fl & (K.RANGE | K.FRACTION):
                highs[i] = exact(hi_n_l[i], hi_e_l[i], bool(fl & K.HINEG))  # -8~-2℃
        v = values[i]
        if isinstance(v, int) and -(2**63) <= v < 2**63:
            ints[i] = v
            isint[i] = True
    return values, highs, none, ints, isint


_POW10_F = [10.0**k for k in range(23)]


def _values_by_row(
    text: str, raw: np.ndarray, columns: list[list[int]] | None = None
) -> tuple[list[Any], list[Any], np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_values` row by row, for a scan of a few rows: the same values, each made as the
    array arithmetic makes it (an int within int64, the quotient of a short decimal) or with
    :func:`exact` and the fallback. ``columns``: ``raw``'s columns as lists, when the caller has them."""
    if columns is None:
        columns = raw.T.tolist()
    values: list[Any] = []
    highs: list[Any] = []
    none: list[bool] = []
    ints: list[int] = []
    isint: list[bool] = []
    read = (K.FLAGS, K.MANT, K.EXP, K.HI_N, K.HI_E, K.CSTART, K.CEND, K.END)
    for fl, m, e, hi_n, hi_e, cs, ce, end in zip(*(columns[k] for k in read)):
        value: Any
        high: Any = None
        whole = False
        read_high = True  # a plain range's high end as the arrays make it
        if not fl & _NOT_PLAIN and 0 <= e < 19 and 0 <= m <= _I64_MAX // _POW10[e]:
            value, whole = m * _POW10[e], True
        elif not fl & _NOT_PLAIN and -22 <= e < 0 and 0 < m < 10**15:
            value = m / _POW10_F[-e]
        elif not fl & _SLOW and 0 <= e < 19:  # a plain integer past int64
            value = m * _POW10[e]
        elif fl & K.OVERFLOW:
            value = None
            if not fl & (K.RANGE | K.FRACTION | K.PERCENT | K.PERMILLE):
                value = _fallback(text[cs:ce])
                shift = _units_after_approx(text[ce:end])
                if value is not None and shift:
                    scaled = Decimal(value).scaleb(shift)
                    value = None if scaled.adjusted() >= MAX_DIGITS else _integral(scaled)
                if value is not None and fl & K.NEG:
                    value = -value
            whole = isinstance(value, int) and -(2**63) <= value < 2**63
        else:
            value = exact(m, e, bool(fl & K.NEG))
            if fl & (K.RANGE | K.FRACTION):
                high, read_high = exact(hi_n, hi_e, bool(fl & K.HINEG)), False
            whole = isinstance(value, int) and -(2**63) <= value < 2**63
        if read_high and fl & K.RANGE and not fl & _NOT_PLAIN:
            if 0 <= hi_e < 19 and 0 <= hi_n <= _I64_MAX // _POW10[hi_e]:
                high = hi_n * _POW10[hi_e]
            elif -22 <= hi_e < 0 and 0 < hi_n < 10**15:
                high = hi_n / _POW10_F[-hi_e]
            else:
                high = exact(hi_n, hi_e)
        values.append(value)
        highs.append(high)
        none.append(value is None)
        ints.append(value if whole else 0)
        isint.append(whole)
    return (
        values,
        highs,
        np.array(none, dtype=bool),
        np.array(ints, dtype=np.int64),
        np.array(isint, dtype=bool),
    )


def number_scan(doc: Document) -> Rows:
    """Every numeric expression in ``doc.text``, in order.

    Extractors read it as ``doc.view(number_scan)``, which runs it once per document.
    """
    cps = doc.code_points
    raw, glued = number_arrays(cps)
    text = doc.text
    if len(raw) and "10" in text and ("^" in text or _SUPERSCRIPT.search(text)):
        raw, glued = _powers_of_ten(text, raw, glued)
    return Rows(text, raw, cps, glued)


#: a power of ten, after a number and a times sign (12.5×10^9, 6.02×10²³, 1.5x10^-3) or alone
#: (10^6): the power moves the number's exponent
_POWER = regex.compile(
    r"(?:(?<![0-9.])([0-9]+(?:\.[0-9]+)?) ?[×xX*] ?)?(?<![0-9.^])10"
    r"(?:\^\(?([-−]?[0-9]{1,3})\)?|(⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}))(?![0-9⁰¹²³⁴⁵⁶⁷⁸⁹])"
)
_SUPERSCRIPT = regex.compile("10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]")
_FROM_SUPERSCRIPT = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")
#: flags of a number that takes no power of ten (a range, a fraction, a percentage, a code's group)
_NO_POWER = K.RANGE | K.FRACTION | K.PERCENT | K.PERMILLE | K.OVERFLOW | K.CODE | K.DOTTED


def _powers_of_ten(text: str, raw: np.ndarray, glued: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``raw`` with each number written with a power of ten read as one (12.5×10^9 is 12,500,000,000,
    where the scan found 12.5, 10 and 9): its row takes the power into its exponent and the span up
    to it, and the rows of the 10 and the power go; so do the glued digits in it (the 8 of
    3×10^8 m/s is no 8 m)."""
    drop: list[int] = []
    spans: list[tuple[int, int]] = []
    cstart = raw[:, K.CSTART]
    for m in _POWER.finditer(text):
        first = m.start(1) if m[1] is not None else m.start()
        (at,) = np.flatnonzero(cstart == first)[:1].tolist() or (-1,)
        if at < 0 or raw[at, K.FLAGS] & _NO_POWER or raw[at, K.END] != raw[at, K.CEND]:
            continue
        if raw[at, K.CEND] != (m.end(1) if m[1] is not None else first + 2):
            continue
        inside = at + 1
        while inside < len(raw) and raw[inside, K.START] < m.end():
            inside += 1
        if raw[inside - 1, K.END] > m.end():
            continue  # a numeral that goes on past the power: not this reading
        power = int((m[2] or m[3].translate(_FROM_SUPERSCRIPT)).replace("−", "-"))
        if m[1] is None:
            raw[at, K.MANT], raw[at, K.EXP] = 1, power
        else:
            raw[at, K.EXP] += power
        raw[at, K.END] = raw[at, K.CEND] = m.end()
        raw[at, K.FLAGS] &= ~(K.PLAIN | K.LONE)
        raw[at, K.TAIL] = 0
        drop.extend(range(at + 1, inside))
        spans.append((first, m.end()))
    if spans and len(glued):
        glued = glued[[not any(a <= g < b for a, b in spans) for g in glued.tolist()]]
    return (np.asfortranarray(np.delete(raw, drop, axis=0)) if drop else raw), glued


def value_scan(doc: Document) -> Rows:
    """:func:`number_scan` without the groups of codes (``K.CODE``: 021-12345678, 978-7-111-54742-6)
    and the decimals whose digits are not said (:func:`_unsaid`: 零点几秒, 一点几米): the rows the number,
    percent, money and quantity extractors read, as ``doc.view(value_scan)``. Dates read every row
    (2024-05-01 is a chain of groups, and a date; 三点几分 the hour 3)."""
    rows = doc.view(number_scan)
    if not len(rows):
        return rows
    text = rows.text
    unsaid = ("几" in text or "幾" in text) and _unsaid(rows)
    named = _named(rows)
    if "《" in text:
        named += _titled(rows)
    if len(rows) <= ROW_BY_ROW:
        if not unsaid and not named and not any(f & K.CODE for f in rows.flags_l):
            return rows
    elif not unsaid and not named and not (rows.flags & K.CODE).any():
        return rows
    raw = rows._raw
    keep = (raw[:, K.FLAGS] & K.CODE) == 0
    for i in (*(unsaid or ()), *named):
        keep[i] = False
    return Rows(text, np.asfortranarray(raw[keep]), rows.cps, rows.glued)


#: names of stock indexes that end in a number (沪深300, 标普500, 中证1000, 日经225): no count
INDEX_NAMES = (
    "标普 標普 沪深 滬深 中证 中證 上证 上證 深证 深證 创业板 創業板 科创 科創 北证 北證 国证 國證 "
    "日经 日經 富时 富時 罗素 羅素 纳斯达克 納斯達克 纳指 納指 道琼斯 道瓊斯"
).split()
_INDEX_LAST = np.zeros(65536, dtype=bool)
_INDEX_LAST[[ord(name[-1]) for name in INDEX_NAMES]] = True
_INDEX_LAST_CPS = frozenset(ord(name[-1]) for name in INDEX_NAMES)


def _named(rows: Rows) -> list[int]:
    """The rows that are the number of an index's name (:data:`INDEX_NAMES`): two to four Arabic
    digits right after it, no digit, point or measure word after them (上证3000点 is a level, 沪深300只
    a count). Looked for only at rows after a name's last character."""
    if len(rows) <= ROW_BY_ROW:
        at = [i for i, b in enumerate(rows.before_l) if b in _INDEX_LAST_CPS]
    else:
        at = np.flatnonzero(_INDEX_LAST[np.minimum(rows.before, 0xFFFF)]).tolist()
    text = rows.text
    out = []
    for i in at:
        cs, ce = rows.cstart_l[i], rows.cend_l[i]
        digits = text[cs:ce]
        if (
            rows.start_l[i] == cs
            and rows.end_l[i] == ce
            and 2 <= len(digits) <= 4
            and digits.isascii()
            and digits.isdigit()
            and text[ce : ce + 1] not in _DIGIT_OR_POINT
            and text[ce : ce + 1] not in _INDEX_COUNTED
            and any(text.startswith(name, cs - len(name)) for name in INDEX_NAMES)
        ):
            out.append(i)
    return out


#: the longest name of a book, film or song (in 《》) whose numbers are words of the name: 《长安三万里》,
#: 《1984》, 《八佰》, 《十万个为什么》, 《一千零一夜》
TITLE_MOST = 10
#: words of the title of a document, a contract or a project, whose numbers are its facts (《关于拨付3000万元的
#: 通知》, 《500万元借款合同》, 《年产10万吨项目》)
_DOCUMENT_WORDS = (
    "关于 關於 通知 报告 報告 办法 辦法 规定 規定 条例 條例 决定 決定 意见 意見 方案 规划 規劃 纲要 綱要 公告 "
    "细则 細則 标准 標準 指南 年鉴 年鑑 统计 統計 预算 預算 决算 決算 合同 协议 協議 合约 合約 协定 協定 "
    "项目 項目 预案 預案 批复 批覆 公报 公報 计划 計劃 章程 清单 清單"
).split()


def title_spans(text: str) -> list[tuple[int, int]]:
    """The names of books, films and songs in ``text``, as ``(start, end)`` inside their 《》: at most
    :data:`TITLE_MOST` characters, none of them a word of a document's title (:data:`_DOCUMENT_WORDS`)."""
    spans = []
    at = text.find("《")
    while at >= 0:
        close = text.find("》", at + 1, at + TITLE_MOST + 2)
        name = text[at + 1 : close] if close > 0 else ""
        if name and "《" not in name and not any(w in name for w in _DOCUMENT_WORDS):
            spans.append((at + 1, close))
        at = text.find("《", at + 1)
    return spans


def in_spans(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` lies inside one of ``spans`` (disjoint, in order: :func:`title_spans`)."""
    k = bisect.bisect_right(spans, (start, _AFTER_ALL)) - 1
    return k >= 0 and end <= spans[k][1]


_AFTER_ALL = 1 << 62  # greater than any position: (start, _AFTER_ALL) sorts after every span starting at start


def _titled(rows: Rows) -> list[int]:
    """The rows inside the name of a book, film or song (:func:`title_spans`): numbers, amounts and measures
    in such a name count nothing (《长安三万里》). A title's year is read by the dates (《2023年政府工作报告》)."""
    spans = title_spans(rows.text)
    if not spans:
        return []
    return [i for i, (s, e) in enumerate(zip(rows.start_l, rows.end_l)) if in_spans(s, e, spans)]


_DIGIT_OR_POINT = frozenset("0123456789.")
#: after an index's name and a number, what makes the number a level or a count (上证3000点, 沪深300只股票)
_INDEX_COUNTED = frozenset("点點只隻家种種个個支位年天日元亿億万萬名倍次股")


_POINTS = (ord("点"), ord("點"))
_JI = (ord("几"), ord("幾"))
_POINTS_AND_JI = np.array([*_POINTS, *_JI], dtype=np.int64)


def _unsaid(rows: Rows) -> list[int]:
    """The rows of decimals whose digits are not said: a numeral before 点几 (零点几秒 is no 0 and 点, 一点几米
    no 1 点), or one that goes on with 几 after its point (零点零几 is no 0.0)."""
    text = rows.text
    if len(rows) > ROW_BY_ROW:  # the rows a 点 or 几 follows, with array calls; then those alone
        at = np.flatnonzero(np.isin(rows.after, _POINTS_AND_JI)).tolist()
    else:
        at = range(len(rows))
    after_l, after2_l, cstart_l, cend_l, end_l = rows.after_l, rows.after2_l, rows.cstart_l, rows.cend_l, rows.end_l
    columns = ((i, after_l[i], after2_l[i], cstart_l[i], cend_l[i], end_l[i]) for i in at)
    return [
        i
        for i, a1, a2, cs, ce, e in columns
        if ((a1 in _POINTS and a2 in _JI) or (a1 in _JI and ("点" in text[cs:ce] or "點" in text[cs:ce])))
        and text[e + 1 + (a1 in _POINTS) : e + 2 + (a1 in _POINTS)] not in JI_WORDS
    ]


#: after 几, what makes it a word or a count of its own (这三点几乎都做到了, 这三点几十年来: 三点 are three points)
JI_WORDS = frozenset("乎何十百千万萬")


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
