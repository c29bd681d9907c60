"""Extractors ``date`` and ``time``, built on the shared number scan.

Values are ISO 8601: ``2023``, ``2023-09``, ``2023-09-22``, ``--09-22`` (no
year), ``--09`` (month only), ranges ``--07-06/--07-08``; times ``13:21:01``,
date and time together ``2023-05-20T13:21:01`` (kind ``time``). Relative
years (今年, 去年年底, 明年) are marked ``attrs["relative"]`` and get a value
only when the extractor has a ``reference_date``.

Dates are read from the scan rows (a year row followed by 年, a month row by
月, a day row by 日/号), so they cost a few comparisons per number; the
numeric ISO form is matched with an anchored, bounded pattern only where a
four-digit row is followed by ``-`` or ``/``. Only rows followed by 年, 月,
``-``, ``/`` or ``:`` are visited, and plain Chinese dates are read for all
rows at once with array tests before the loop.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

import numpy as np
import regex

from ..document import Document, Entities, Entity
from ..errors import ConfigError
from . import _kernels as K
from .scan import Rows, scan

__all__ = ["DateExtractor", "TimeExtractor"]

PRIORITY_DATE = 50
PRIORITY_TIME = 55

_ISO = regex.compile(
    r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?!\d)(?:(?:T|[ \t]{1,3})(\d{1,2}):(\d{2})(?::(\d{2}))?(?![\d:]))?"
)
_TIME = regex.compile(r"(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?(?![\d:：])")
_RANGE_SEP = "至到-~～—–"
_DAY_MARK = "日号號"
_RELATIVE = {"今年": 0, "去年": -1, "明年": 1}
_YEAR_PARTS = ("年底", "年初", "年中", "年末", "底", "初")
#: a date or time row is followed by one of these
_AFTER = frozenset("年月-/:：")
_NIAN, _YUE, _FEN = ord("年"), ord("月"), ord("份")
_IS_DAY_MARK = np.zeros(65536, dtype=bool)
_IS_DAY_MARK[[ord(c) for c in _DAY_MARK]] = True
_IS_AFTER = np.zeros(65536, dtype=bool)
_IS_AFTER[[ord(c) for c in _AFTER]] = True
_BAD = K.RANGE | K.APPROX | K.PERCENT | K.PERMILLE | K.NEG | K.FRACTION | K.OVERFLOW


class Found(NamedTuple):
    kind: str
    start: int
    end: int
    value: str | None
    attrs: dict[str, Any]


class _Cols(NamedTuple):
    """Per row: its value as a year (-1 if none) and as a day or month (0 if none), as lists."""

    years: list[int]
    smalls: list[int]


def _cols(text: str, rows: Rows) -> _Cols:
    """A year is a four-character integer (2023, 二〇二三) with no prefix; a day or
    month an integer from 1 to 31 written with at most 3 characters, with no prefix or suffix."""
    width = rows.cend - rows.cstart
    ok = ((rows.flags & _BAD) == 0) & rows.isint & (rows.start == rows.cstart)
    small = ok & (width <= 3) & (rows.end == rows.cend) & (rows.ints >= 1) & (rows.ints <= 31)
    four = np.flatnonzero(ok & (width == 4))
    digits = (rows.flags[four] & K.DIGITSTR) != 0
    digits |= np.array([text[rows.cstart_l[i] : rows.cend_l[i]].isdigit() for i in four.tolist()], dtype=bool).reshape(
        -1
    )
    years = np.full(len(rows), -1, dtype=np.int64)
    years[four[digits]] = rows.ints[four[digits]]
    return _Cols(years.tolist(), np.where(small, rows.ints, 0).tolist())


def _plain_dates(rows: Rows, cols: _Cols) -> dict[int, tuple[int, int, str]]:
    """``{row: (end, next row, ISO value)}`` for the dates that :func:`_part` reads at a row
    followed by 年 or 月, found with array tests, where the date needs no further look: a
    day of 1 to 28 and no second row right after a separator (a possible range)."""
    n = len(rows)
    if not n:
        return {}
    start, cend, cafter, after2 = rows.start, rows.cend, rows.cafter, rows.after2
    years, smalls = np.array(cols.years, dtype=np.int64), np.array(cols.smalls, dtype=np.int64)
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
    values = [
        _iso(y if hy else None, m if hm else None, d if hd else None)
        for y, m, d, hy, hm, hd in zip(
            years[i[at]].tolist(),
            smalls[jc[at]].tolist(),
            smalls[kc[at]].tolist(),
            has_y[at].tolist(),
            has_m[at].tolist(),
            has_d[at].tolist(),
        )
    ]
    return dict(zip(i[at].tolist(), zip(pos[at].tolist(), nxt[at].tolist(), values)))


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
    years, smalls = cols
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


@functools.lru_cache(maxsize=4)
def find(text: str, reference: dt.date | None = None) -> tuple[Found, ...]:
    """Dates and times in ``text`` (cached: ``date`` and ``time`` share one call)."""
    rows = scan(text)
    found: list[Found] = []
    consumed = 0
    i = 0
    n = len(rows)
    starts, cstarts, cends = rows.start_l, rows.cstart_l, rows.cend_l
    cols = _cols(text, rows)
    plain = _plain_dates(rows, cols)
    # only a row followed by 年, 月, -, / or : can begin a date or a time
    for c in np.flatnonzero(_IS_AFTER[rows.cafter]).tolist() if n else ():
        if c < i:
            continue
        i = c
        if starts[i] < consumed:
            i += 1
            continue
        quick = plain.get(i)
        if quick is not None:
            end, j, value = quick
            found.append(Found("date", starts[i], end, value, {}))
            consumed = end
            i = max(j, i + 1)
            continue
        cstart, cend = cstarts[i], cends[i]
        nxt = text[cend : cend + 1]
        if nxt in ("-", "/") and cols.years[i] >= 0:
            m = _ISO.match(text, cstart)
            if m and _valid(int(m[1]), int(m[3]), int(m[4])) and 1 <= int(m[3]) <= 12:
                date = f"{m[1]}-{int(m[3]):02d}-{int(m[4]):02d}"
                if m[5] is not None and int(m[5]) < 24 and int(m[6]) < 60 and (m[7] is None or int(m[7]) < 61):
                    clock = f"{int(m[5]):02d}:{m[6]}" + (f":{m[7]}" if m[7] else "")
                    found.append(Found("time", cstart, m.end(), f"{date}T{clock}", {}))
                    found.append(Found("date", cstart, m.end(4), date, {}))
                else:
                    end = m.end(4)
                    found.append(Found("date", cstart, end, date, {}))
                consumed = m.end()
                i += 1
                continue
        if nxt in (":", "："):
            m = _TIME.match(text, cstart)
            if m and starts[i] == cstart and int(m[1]) < 24 and int(m[2]) < 60 and (m[3] is None or int(m[3]) < 61):
                if not (cstart > 0 and text[cstart - 1] in ":："):
                    clock = f"{int(m[1]):02d}:{m[2]}" + (f":{m[3]}" if m[3] else "")
                    found.append(Found("time", cstart, m.end(), clock, {}))
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
        if end < len(text) and text[end] in _RANGE_SEP and j < n and starts[j] == end + 1:
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
        found.append(Found("date", start, end, value, attrs))
        consumed = end
        i = max(j, i + 1)
    found.extend(_relative(text, rows, cols, reference))
    return tuple(found)


def _relative(text: str, rows: Rows, cols: _Cols, reference: dt.date | None) -> Iterator[Found]:
    # 今年, 去年 and 明年 found from the 年s: one fast search for one character
    hits: dict[str, list[int]] = {word: [] for word in _RELATIVE}
    at = text.find("年", 1)
    while at >= 0:
        hit = hits.get(text[at - 1 : at + 1])
        if hit is not None:
            hit.append(at - 1)
        at = text.find("年", at + 1)
    for word, offset in _RELATIVE.items():
        last = 0
        for pos in hits[word]:
            if pos < last:
                continue
            end = pos + 2
            part_word = None
            for p in _YEAR_PARTS:
                if text.startswith(p, end):
                    part_word = p
                    end += len(p)
                    break
            month = day = None
            if part_word is None:
                k = bisect.bisect_right(rows.start_l, end) - 1
                if k >= 0 and rows.start_l[k] == end:
                    part = _part(text, rows, cols, k)
                    if part is not None and part.year is None and _valid(None, part.month, part.day):
                        month, day, end = part.month, part.day, part.end
            attrs: dict[str, Any] = {"relative": True, "offset_years": offset}
            if part_word:
                attrs["part"] = part_word.lstrip("年")
            value = None
            if reference is not None:
                value = _iso(reference.year + offset, month, day)
            elif month:
                attrs["month"] = month
                if day:
                    attrs["day"] = day
            yield Found("date", pos, end, value, attrs)
            last = end


def _reference(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ConfigError(f"reference_date must be an ISO date such as '2023-09-22', got {value!r}") from exc


class DateExtractor:
    """Calendar dates and date ranges; relative years need ``reference_date``."""

    name = "date"
    priority = PRIORITY_DATE

    def __init__(self, reference_date: Any = None) -> None:
        self.reference = _reference(reference_date)

    def extract(self, doc: Document) -> Sequence[Entity]:
        return _entities(doc.text, find(doc.text, self.reference), "date")


class TimeExtractor:
    """Times of day, alone or after a date (``2023-05-20T13:21:01``)."""

    name = "time"
    priority = PRIORITY_TIME

    def extract(self, doc: Document) -> Sequence[Entity]:
        return _entities(doc.text, find(doc.text, None), "time")


def _entities(text: str, found: tuple[Found, ...], kind: str) -> Sequence[Entity]:
    mine = [f for f in found if f.kind == kind]
    starts = [f.start for f in mine]
    ends = [f.end for f in mine]
    return Entities(
        kind,
        starts,
        ends,
        [text[s:e] for s, e in zip(starts, ends)],
        [f.value for f in mine],
        None,
        [f.attrs for f in mine],
    )
