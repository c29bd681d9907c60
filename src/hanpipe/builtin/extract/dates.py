"""Extractors ``date`` and ``time``, built on the document's number scan.

Values are ISO 8601: ``2023``, ``2023-09``, ``2023-09-22``, ``--09-22`` (no
year), ``--09`` (month only), ranges ``--07-06/--07-08``; times ``13:21:01``,
date and time together ``2023-05-20T13:21:01`` (kind ``time``).

Chinese clock times are read too: 下午三点 → ``15:00``, 晚上8点半 →
``20:30``, 3点15分 → ``03:15``, 15时30分, 三点二十分, 三点一刻, 八点整, 三点钟,
10点30分20秒 → ``10:30:20``. The span takes the day-part word (上午, 下午,
晚上, 凌晨 ...), and a full date right before it (2023年5月20日下午3点 →
``2023-05-20T15:00``). An hour alone (三点, 15时) is not a time without a
day-part word: 三点建议 is three suggestions. A Chinese decimal (三点一四)
stays a number; one is read as a time only before 零N分 or 一刻/三刻
(三点零五分), or after a day-part word. 一点 alone is "a little"; 一点半,
一点二十分 and 下午一点 are times, 一点十分 is not read (这一点十分重要).

Relative dates (今天, 下周一, 上个月, 去年年底, 3天后; see
:mod:`hanpipe.builtin.extract.relative`) are marked ``attrs["relative"]`` and get a
value only when the extractor has a ``reference_date`` (a ``datetime.date``
or an ISO string). No value is ever a day off the calendar: 2月30日 is not a
date, and a relative date the reference makes impossible (明年2月29日 from
2024) has no value and ``attrs["invalid"]``.

Dates are read from the scan rows (a year row followed by 年, a month row by
月, a day row by 日/号), so they cost a few comparisons per number; the
numeric ISO form is matched with an anchored, bounded pattern only where a
four-digit row is followed by ``-`` or ``/``. Only rows followed by 年, 月,
``-``, ``/``, ``:``, 点 or 时 (and Chinese decimals followed by 分 or 刻) are
visited, each reading a few characters, and plain Chinese dates are read for
all rows at once with array tests before the loop. Both extractors share one
reading of a document: :func:`dates_and_times`, asked for as
``doc.view(dates_and_times)``, which reads the rows of ``doc.view(number_scan)``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
import regex

from ...batch import ExtractJoined
from ...document import Document, Entities, Entity
from ...errors import ConfigError, InputError
from . import _kernels as K
from .numerals import Rows, arabic_cores, number_scan, parse_number
from .relative import Hit, find_relative, resolve

__all__ = ["DateExtractor", "TimeExtractor"]

PRIORITY_DATE = 50
PRIORITY_TIME = 55

_ISO = regex.compile(
    r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?!\d)(?:(?:T|[ \t]{1,3})(\d{1,2}):(\d{2})(?::(\d{2}))?(?![\d:]))?"
)
_TIME = regex.compile(r"(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?(?![\d:：])")
_RANGE_SEP = "至到-~～—–"
_DAY_MARK = "日号號"
#: a date or time row is followed by one of these
_AFTER = frozenset("年月-/:：点點时時")
#: the hour of a Chinese clock time is followed by one of these
_CLOCK = frozenset("点點时時")
_FEN_FEN, _KE = ord("分"), ord("刻")
_NIAN, _YUE, _FEN = ord("年"), ord("月"), ord("份")
_IS_DAY_MARK = np.zeros(65536, dtype=bool)
_IS_DAY_MARK[[ord(c) for c in _DAY_MARK]] = True
_IS_AFTER = np.zeros(65536, dtype=bool)
_IS_AFTER[[ord(c) for c in _AFTER]] = True
_IS_DATE_AFTER = np.zeros(65536, dtype=bool)
_IS_DATE_AFTER[[ord(c) for c in _AFTER - _CLOCK]] = True
_IS_POINT = np.zeros(65536, dtype=bool)
_IS_POINT[[ord("点"), ord("點")]] = True
_IS_YI = np.zeros(65536, dtype=bool)
_IS_YI[[ord("一"), ord("壹")]] = True
_BAD = K.RANGE | K.APPROX | K.PERCENT | K.PERMILLE | K.NEG | K.FRACTION | K.OVERFLOW


def _hours(*spans: tuple[int, int, int]) -> tuple[int, ...]:
    """An hour table: ``table[h]`` is the hour ``h`` (0 to 24) on the 24-hour clock, or -1.

    Each span ``(first, last, shift)`` maps ``first..last`` to ``h + shift`` (mod 24)."""
    table = [-1] * 25
    for first, last, shift in spans:
        for h in range(first, last + 1):
            table[h] = (h + shift) % 24
    return tuple(table)


_MORNING = _hours((0, 12, 0))
_NIGHT = _hours((9, 11, 12), (12, 12, 12), (0, 4, 0), (21, 23, 0))
#: words for a part of the day before a clock hour (下午三点 = 15:00); "12" is noon
#: in 上午/中午/下午 and midnight in 晚上/凌晨/半夜
DAY_PARTS: dict[str, tuple[int, ...]] = {
    "凌晨": _hours((0, 6, 0), (12, 12, 12)),
    "早上": _MORNING,
    "早晨": _MORNING,
    "清晨": _MORNING,
    "上午": _MORNING,
    "中午": _hours((11, 12, 0), (1, 3, 12), (13, 15, 0)),
    "下午": _hours((1, 11, 12), (12, 23, 0)),
    "傍晚": _hours((4, 8, 12), (16, 20, 0)),
    "晚上": _hours((6, 11, 12), (12, 12, 12), (0, 5, 0), (18, 23, 0)),
    "晚间": _hours((6, 11, 12), (12, 12, 12), (18, 23, 0)),
    "夜里": _hours((7, 11, 12), (12, 12, 12), (0, 5, 0), (19, 23, 0)),
    "夜间": _hours((7, 11, 12), (12, 12, 12), (0, 5, 0), (19, 23, 0)),
    "今晚": _hours((6, 11, 12), (12, 12, 12), (18, 23, 0)),
    "半夜": _NIGHT,
    "深夜": _NIGHT,
    "午夜": _NIGHT,
}
_CN_SMALL = {c: d for d, cs in enumerate(("零〇", "一", "二两", "三", "四", "五", "六", "七", "八", "九")) for c in cs}
_ARABIC = frozenset("0123456789０１２３４５６７８９")
_MINUTE_CHARS = frozenset(_CN_SMALL) | frozenset("十") | _ARABIC
#: after 十分 as minutes (三点十分的), since 十分 before a word is "very" (这三点十分重要)
_AFTER_TEN_FEN = frozenset("的前后左到至许")
#: 整 after the hour is "sharp" (八点整), unless it begins a word (三点整理)
_ZHENG_WORDS = frozenset("理合体個个数數改齐齊顿頓治形装裝洁潔套修编編容")


def _small_number(s: str) -> int | None:
    """0 to 59 as written in a clock time: 05, 30, 五, 零五, 十, 十五, 二十, 二十五."""
    if not s:
        return None
    if all(c in _ARABIC for c in s):
        return int(s) if len(s) <= 2 else None
    d = [_CN_SMALL.get(c, -1) if c != "十" else 10 for c in s]
    if len(d) == 1:
        return d[0] if d[0] > 0 else None
    if len(d) == 2:
        if s[0] in "零〇" and 1 <= d[1] <= 9:
            return d[1]
        if d[0] == 10 and 1 <= d[1] <= 9:
            return 10 + d[1]
        if 2 <= d[0] <= 5 and d[1] == 10:
            return 10 * d[0]
        return None
    if len(d) == 3 and 2 <= d[0] <= 5 and d[1] == 10 and 1 <= d[2] <= 9:
        return 10 * d[0] + d[2]
    return None


def _is_ideograph(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def _count_then(text: str, p: int, word: str) -> tuple[int, int] | None:
    """``(value, end)`` of a clock count (0 to 59) at ``p`` followed by ``word`` (分, 秒),
    not by 分钟, 秒钟 or 分之."""
    q = p
    while q < len(text) and q - p < 3 and text[q] in _MINUTE_CHARS:
        q += 1
    if q == p or text[q : q + 1] != word or text[q + 1 : q + 2] in ("钟", "鐘", "之"):
        return None
    v = _small_number(text[p:q])
    if v is None or v >= 60:
        return None
    return v, q + 1


def _minutes(text: str, p: int) -> tuple[int, int | None, int, bool] | None:
    """What follows the hour's 点 or 时 at ``p``: ``(minute, second, end, marked)``;
    ``marked`` when minutes (N分, 半, 一刻, 三刻), 整 or 点钟 say it is a clock time.
    ``None`` where it cannot be one (一点半点)."""
    c = text[p : p + 1]
    if c in ("钟", "鐘") and text[p - 1 : p] in ("点", "點"):
        return 0, None, p + 1, True  # 三点钟
    if c == "半":
        if text[p + 1 : p + 2] in ("点", "點"):
            return None  # 一点半点: a little
        return 30, None, p + 1, True
    if c == "整" and text[p + 1 : p + 2] not in _ZHENG_WORDS:
        return 0, None, p + 1, True
    if c in ("一", "三") and text[p + 1 : p + 2] == "刻":
        return (15 if c == "一" else 45), None, p + 2, True
    got = _count_then(text, p, "分")
    if got is not None:
        minute, end = got
        after = text[end : end + 1]
        if text[p:end] == "十分" and after and _is_ideograph(after) and after not in _AFTER_TEN_FEN:
            return 0, None, p, False  # 这三点十分重要: very
        sec = _count_then(text, end, "秒")
        if sec is not None:
            return minute, sec[0], sec[1], True
        return minute, None, end, True
    return 0, None, p, False


def _clock_at(text: str, hour: int, start: int, p: int, *, strict: bool = False) -> Found | None:
    """The clock time whose hour (as written) starts at ``start`` and whose 点 or 时 ends at ``p``.

    Without a day-part word before it, it needs minutes, 半, 刻 or 整 (三点 alone is
    three items); ``strict`` (the hour and minutes read as a decimal, 三点零五分) also
    wants the minutes to begin with 零 or be 一刻/三刻."""
    got = _minutes(text, p)
    if got is None or hour > 24:
        return None
    minute, second, end, marked = got
    table = DAY_PARTS.get(text[start - 2 : start]) if start >= 2 else None
    if table is not None:
        hour = table[hour]
        if hour < 0:
            return None
        start -= 2
    elif not marked or (strict and text[p] != "零" and text[p + 1 : p + 2] != "刻"):
        return None
    if hour == 24 and (minute or second):
        return None
    value = f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if second is not None else "")
    return Found("time", start, end, value, {})


def _clock(text: str, rows: Rows, i: int) -> Found | None:
    """A Chinese clock time at row ``i``: an hour followed by 点 or 时 (下午三点, 3点15分,
    15时30分, 八点半), a Chinese decimal followed by 分 or 刻 (三点零五分, 三点一刻),
    or the minutes after 一点 (一点二十分)."""
    if rows.flags_l[i] & (_BAD | K.DIGITSTR) or rows.start_l[i] != rows.cstart_l[i]:
        return None
    cstart, cend = rows.cstart_l[i], rows.cend_l[i]
    if text[cend : cend + 1] in _CLOCK:
        if not rows.isint[i] or rows.end_l[i] != cend or cend - cstart > 3:
            return None
        if text[cstart] in _ARABIC and cend - cstart > 2:
            return None
        return _clock_at(text, int(rows.ints[i]), cstart, cend + 1)
    if rows.isint[i]:  # 一点二十分: 一 is no row, its minutes are
        if text[cstart - 2 : cstart] in ("一点", "一點", "壹点", "壹點"):
            return _clock_at(text, 1, cstart - 2, cstart)
        return None
    core = text[cstart:cend]
    at = max(core.find("点"), core.find("點"))
    if at <= 0 or at > 3:
        return None
    try:
        hour = parse_number(core[:at])
    except InputError:
        return None
    if not isinstance(hour, int):
        return None
    return _clock_at(text, hour, cstart, cstart + at + 1, strict=True)


class Found(NamedTuple):
    kind: str
    start: int
    end: int
    value: str | None
    attrs: dict[str, Any]


class _Cols:
    """Per row: its value as a year (-1 if none) and as a day or month (0 if none), as arrays,
    and as lists, made when first read (only the dates read row by row read them)."""

    def __init__(self, year_col: np.ndarray, small_col: np.ndarray) -> None:
        self.year_col = year_col
        self.small_col = small_col

    @functools.cached_property
    def years(self) -> list[int]:
        made: list[int] = self.year_col.tolist()
        return made

    @functools.cached_property
    def smalls(self) -> list[int]:
        made: list[int] = self.small_col.tolist()
        return made


def _cols(text: str, rows: Rows) -> _Cols:
    """A year is a four-character integer (2023, 二〇二三) with no prefix; a day or
    month an integer from 1 to 31 written with at most 3 characters, with no prefix or suffix."""
    width = rows.cend - rows.cstart
    ok = ((rows.flags & _BAD) == 0) & rows.isint & (rows.start == rows.cstart)
    small = ok & (width <= 3) & (rows.end == rows.cend) & (rows.ints >= 1) & (rows.ints <= 31)
    four = np.flatnonzero(ok & (width == 4))
    digits = ((rows.flags[four] & K.DIGITSTR) != 0) | arabic_cores(rows, four, 4)
    digits &= rows.ints[four] >= 1  # 0000年 is no year
    years = np.full(len(rows), -1, dtype=np.int64)
    years[four[digits]] = rows.ints[four[digits]]
    smalls = np.where(small, rows.ints, 0)
    return _Cols(years, smalls)


class _Plain(NamedTuple):
    """Dates read with array tests: the row each starts at (ascending), where it ends, the
    index of the first row after it, and its ISO value."""

    rows: np.ndarray
    end: np.ndarray
    next: np.ndarray
    values: list[str]


_NO_PLAIN = _Plain(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), [])


def _plain_dates(rows: Rows, cols: _Cols) -> _Plain:
    """The dates that :func:`_part` reads at a row followed by 年 or 月, found with array
    tests, where the date needs no further look: a day of 1 to 28 and no second row right
    after a separator (a possible range)."""
    n = len(rows)
    if not n:
        return _NO_PLAIN
    start, cend, cafter, after2 = rows.start, rows.cend, rows.cafter, rows.after2
    years, smalls = cols.year_col, cols.small_col
    last = n - 1
    i = np.flatnonzero((cafter == _NIAN) | (cafter == _YUE))
    has_y = (years[i] >= 0) & (cafter[i] == _NIAN)
    j = i + has_y
    jc = np.minimum(j, last)
    pos = np.where(has_y, cend[i] + 1, start[i])
    has_m = (j < n) & (start[jc] == pos) & (smalls[jc] >= 1) & (smalls[jc] <= 12) & (cafter[jc] == _YUE)
    pos = np.where(has_m, cend[jc] + 1 + (after2[jc] == _FEN), pos)
    k = j + has_m
    kc = np.minimum(k, last)
    has_d = has_m & (k < n) & (start[kc] == pos) & (smalls[kc] >= 1) & _IS_DAY_MARK[cafter[kc]]
    pos = np.where(has_d, cend[kc] + 1, pos)
    nxt = k + has_d
    ok = (has_y | has_m) & (~has_d | (smalls[kc] <= 28))
    ok &= ~((nxt < n) & (start[np.minimum(nxt, last)] == pos + 1))
    at = np.flatnonzero(ok)
    # each date as one number, (year * 13 + month) * 32 + day with 0 for a part not written,
    # so that each different date is written out once
    ymd = np.where(has_y[at], years[i[at]], 0) * 13 + np.where(has_m[at], smalls[jc[at]], 0)
    ymd = ymd * 32 + np.where(has_d[at], smalls[kc[at]], 0)
    keys = ymd.tolist()
    iso = dict.fromkeys(keys, "")
    for key in iso:
        ym, d = divmod(key, 32)
        y, m = divmod(ym, 13)
        iso[key] = _iso(y or None, m or None, d or None)
    return _Plain(i[at], pos[at], nxt[at], list(map(iso.__getitem__, keys)))


class _Part(NamedTuple):
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    next: int  # index of the first row after it


def _part(text: str, rows: Rows, cols: _Cols, i: int, *, day_only: bool = False) -> _Part | None:
    """A Chinese date (年/月/日) starting at row ``i``."""
    starts, cends = rows.start_l, rows.cend_l
    years, smalls = cols.years, cols.smalls
    n = len(starts)
    y = m = d = None
    j = i
    pos = cends[i]
    if years[i] >= 0 and text.startswith("年", pos):
        y = years[i]
        pos += 1
        j = i + 1
    if j < n and starts[j] == (pos if y is not None else starts[i]):
        mv = smalls[j]
        if mv and mv <= 12 and text.startswith("月", cends[j]):
            m = mv
            pos = cends[j] + 1
            if text.startswith("份", pos):
                pos += 1
            j += 1
            if j < n and starts[j] == pos:
                dv = smalls[j]
                if dv and text[cends[j] : cends[j] + 1] in _DAY_MARK and cends[j] < len(text):
                    d = dv
                    pos = cends[j] + 1
                    j += 1
    if y is None and m is None:
        if not day_only:
            return None
        dv = smalls[i]
        if not dv or text[cends[i] : cends[i] + 1] not in _DAY_MARK or cends[i] >= len(text):
            return None
        return _Part(starts[i], cends[i] + 1, None, None, dv, i + 1)
    return _Part(starts[i], pos, y, m, d, j)


def _iso(y: int | None, m: int | None, d: int | None) -> str:
    if y is None:
        return f"--{m:02d}" + (f"-{d:02d}" if d else "") if m else f"---{d:02d}"
    out = f"{y:04d}"
    if m:
        out += f"-{m:02d}"
        if d:
            out += f"-{d:02d}"
    return out


def _valid(y: int | None, m: int | None, d: int | None) -> bool:
    if m is None or d is None or (1 <= m <= 12 and 1 <= d <= 28):
        return True
    try:
        dt.date(y or 2000, m, d)  # 2000 is a leap year: --02-29 stays valid
    except ValueError:
        return False
    return True


class Readings(NamedTuple):
    """The dates and the times read from a text, each kind as columns ``(start, end, value, attrs)``
    in the order they were read; relative dates come last, with no value."""

    dates: tuple[list[int], list[int], list[str | None], list[dict[str, Any]]]
    times: tuple[list[int], list[int], list[str | None], list[dict[str, Any]]]


def dates_and_times(doc: Document) -> Readings:
    """The dates and times in ``doc.text``, read from its number scan; relative dates come
    last, with no value (the date extractor values them).

    The ``date`` and ``time`` extractors share one reading: each asks ``doc.view(dates_and_times)``.
    """
    text = doc.text
    rows = doc.view(number_scan)
    d_start: list[int] = []
    d_end: list[int] = []
    d_value: list[str | None] = []
    d_attrs: list[dict[str, Any]] = []
    t_start: list[int] = []
    t_end: list[int] = []
    t_value: list[str | None] = []
    t_attrs: list[dict[str, Any]] = []

    def date(start: int, end: int, value: str | None, attrs: dict[str, Any]) -> None:
        d_start.append(start)
        d_end.append(end)
        d_value.append(value)
        d_attrs.append(attrs)

    def time(found: Found) -> None:
        t_start.append(found.start)
        t_end.append(found.end)
        t_value.append(found.value)
        t_attrs.append(found.attrs)

    last_date = False  # whether the last reading is a date (the last in the dates' columns)
    consumed = 0
    i = 0
    n = len(rows)
    cols = _cols(text, rows)
    plain = _plain_dates(rows, cols)
    # only a row followed by 年, 月, -, /, :, 点 or 时 can begin a date or a time, or a
    # Chinese decimal followed by 分 or 刻 (三点零五分), or a number after 一点 (一点二十分)
    visit = _IS_AFTER[rows.cafter]
    if n:
        visit |= ((rows.cafter == _FEN_FEN) | (rows.cafter == _KE)) & ((rows.flags & K.CHINESE) != 0) & ~rows.isint
        visit |= _IS_POINT[rows.before] & _IS_YI[rows.before2]
    at = np.flatnonzero(visit) if n else np.zeros(0, dtype=np.int64)
    clocks = (~_IS_DATE_AFTER[rows.cafter[at]]).tolist()
    # the visits that begin a plain date (the plain columns end in a row that is none), and
    # for each the visit read next: the first at or past the row after the date that starts
    # at or past its end (a visit before either is passed over, whatever it is)
    where = np.searchsorted(plain.rows, at)
    is_plain = np.append(plain.rows, -1)[where] == at
    p_end, p_next = np.append(plain.end, 0)[where], np.append(plain.next, 0)[where]
    then = np.maximum(np.searchsorted(at, p_next), np.searchsorted(rows.start[at], p_end))
    # a run of plain dates, each read right before the next, is read at once: up to the first
    # visit that is not (a plain date, read with the run, or another, read on its own after it)
    chained = is_plain & (then == np.arange(len(at)) + 1)
    breaks = np.flatnonzero(~chained)
    run_end = np.append(breaks, len(at) - 1)[np.searchsorted(breaks, np.arange(len(at)))]
    at_l, plain_l, then_l, run_l = at.tolist(), is_plain.tolist(), then.tolist(), run_end.tolist()
    starts_at, ends_at, nexts_at = rows.start[at].tolist(), p_end.tolist(), p_next.tolist()
    values_at = list(map([*plain.values, ""].__getitem__, where.tolist()))
    k = 0
    visits = len(at_l)
    while k < visits:
        c = at_l[k]
        if c < i:
            k += 1
            continue
        i = c
        start_c = starts_at[k]
        if start_c < consumed:
            i += 1
            k += 1
            continue
        if plain_l[k]:
            last = run_l[k]
            stop = last + 1 if plain_l[last] else last
            d_start.extend(starts_at[k:stop])
            d_end.extend(ends_at[k:stop])
            d_value.extend(values_at[k:stop])
            d_attrs.extend({} for _ in range(k, stop))
            last_date = True
            consumed = ends_at[stop - 1]
            i = nexts_at[stop - 1]
            k = then_l[stop - 1] if stop == last + 1 else stop
            continue
        k += 1
        if clocks[k - 1]:
            hour = _clock(text, rows, i)
            if hour is not None:
                if (
                    last_date
                    and len(d_value[-1] or "") == 10  # a full date, YYYY-MM-DD
                    and text[d_end[-1] : hour.start] in ("", " ")
                ):
                    # 2023年5月20日下午3点: date and time together, as 2023-05-20 15:00
                    hour = hour._replace(start=d_start[-1], value=f"{d_value[-1]}T{hour.value}")
                time(hour)
                last_date = False
                consumed = hour.end
            i += 1
            continue
        cstart, cend = rows.cstart_l[i], rows.cend_l[i]
        nxt = text[cend : cend + 1]
        if nxt in ("-", "/") and cols.years[i] >= 0:
            m = _ISO.match(text, cstart)
            if m and _valid(int(m[1]), int(m[3]), int(m[4])) and 1 <= int(m[3]) <= 12:
                ymd = f"{m[1]}-{int(m[3]):02d}-{int(m[4]):02d}"
                if m[5] is not None and int(m[5]) < 24 and int(m[6]) < 60 and (m[7] is None or int(m[7]) < 61):
                    clock_value = f"{int(m[5]):02d}:{m[6]}" + (f":{m[7]}" if m[7] else "")
                    time(Found("time", cstart, m.end(), f"{ymd}T{clock_value}", {}))
                date(cstart, m.end(4), ymd, {})
                last_date = True
                consumed = m.end()
                i += 1
                continue
        if nxt in (":", "："):
            m = _TIME.match(text, cstart)
            if m and start_c == cstart and int(m[1]) < 24 and int(m[2]) < 60 and (m[3] is None or int(m[3]) < 61):
                if not (cstart > 0 and text[cstart - 1] in ":："):
                    clock_value = f"{int(m[1]):02d}:{m[2]}" + (f":{m[3]}" if m[3] else "")
                    time(Found("time", cstart, m.end(), clock_value, {}))
                    last_date = False
                    consumed = m.end()
                    i += 1
                    continue
        part = _part(text, rows, cols, i)
        if part is None or not _valid(part.year, part.month, part.day):
            i += 1
            continue
        start, end, j = part.start, part.end, part.next
        value = _iso(part.year, part.month, part.day)
        attrs: dict[str, Any] = {}
        if end < len(text) and text[end] in _RANGE_SEP and j < n and rows.start_l[j] == end + 1:
            second = _part(text, rows, cols, j, day_only=part.day is not None)
            if second is not None:
                y2 = second.year if second.year is not None else part.year
                m2 = second.month if second.month is not None else part.month
                d2 = second.day
                if (
                    (second.year is None or part.year is not None)
                    and _valid(y2, m2, d2)
                    and (part.day is None or d2 is not None)
                ):
                    value = f"{value}/{_iso(y2, m2, d2)}"
                    attrs["range"] = True
                    end = second.end
                    j = second.next
        date(start, end, value, attrs)
        last_date = True
        consumed = end
        i = max(j, i + 1)
    hits = _relative(doc, rows, cols)
    if hits:
        d_start.extend([h[0] for h in hits])
        d_end.extend([h[1] for h in hits])
        d_value.extend([None] * len(hits))
        d_attrs.extend([h[2] for h in hits])
    return Readings((d_start, d_end, d_value, d_attrs), (t_start, t_end, t_value, t_attrs))


def _relative(doc: Document, rows: Rows, cols: _Cols) -> list[Hit]:
    """Relative dates (今天, 下周一, 去年3月), with the readers of a month and a day they may take."""
    text = doc.text

    def part_at(pos: int) -> tuple[int, int | None, int] | None:
        k = bisect.bisect_right(rows.start_l, pos) - 1
        if k >= 0 and rows.start_l[k] == pos:
            part = _part(text, rows, cols, k)
            if part is not None and part.year is None and part.month and _valid(None, part.month, part.day):
                return part.month, part.day, part.end
        return None

    def day_at(pos: int) -> tuple[int, int] | None:
        k = bisect.bisect_right(rows.start_l, pos) - 1
        if k >= 0 and rows.start_l[k] == pos and cols.smalls[k]:
            cend = rows.cend_l[k]
            if cend < len(text) and text[cend] in _DAY_MARK:
                return cols.smalls[k], cend + 1
        return None

    return find_relative(text, doc.code_points, rows, cols.year_col, part_at, day_at)


def _reference(value: object) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ConfigError(
        f"date engine: option 'reference_date' must be a datetime.date or an ISO date string "
        f"such as '2023-09-22', or None; got {value!r}"
    )


class DateExtractor(ExtractJoined):
    """Calendar dates and date ranges; relative dates (今天, 下周一, 去年) are valued
    against ``reference_date`` (see :mod:`hanpipe.builtin.extract.relative`)."""

    name = "date"
    priority = PRIORITY_DATE

    def __init__(self, reference_date: dt.date | str | None = None) -> None:
        self.reference = _reference(reference_date)

    def extract(self, doc: Document) -> Sequence[Entity]:
        starts, ends, values, attrs = doc.view(dates_and_times).dates
        reference = self.reference
        if reference is not None and attrs and attrs[-1].get("relative"):
            resolved = [resolve(a, reference) if a.get("relative") else (v, a) for v, a in zip(values, attrs)]
            values = [v for v, _ in resolved]
            attrs = [a for _, a in resolved]
        return _entities(doc.text, "date", starts, ends, values, attrs)


class TimeExtractor(ExtractJoined):
    """Times of day, alone or after a date (``2023-05-20T13:21:01``)."""

    name = "time"
    priority = PRIORITY_TIME

    def extract(self, doc: Document) -> Sequence[Entity]:
        return _entities(doc.text, "time", *doc.view(dates_and_times).times)


def _entities(
    text: str, kind: str, starts: list[int], ends: list[int], values: list[str | None], attrs: list[Any]
) -> Sequence[Entity]:
    return Entities(kind, starts, ends, [text[s:e] for s, e in zip(starts, ends)], values, None, attrs)
