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
A day-part word sets the hour of a time with a colon too (晚上7:30 →
``19:30``), as a.m. or p.m. after it does (3:00 PM), and a range's second
end takes the part of the day of its first (晚上8:00-10:00, 下午1点至3点 →
``22:00``, ``15:00``). A month after 农历 (or 阴历, 旧历) is of the lunar
calendar: no Gregorian date is read from it.

More forms, each with its value:

=============================================  ==========================  =====================
written                                        value                       attrs
=============================================  ==========================  =====================
25/12/2024, 25-12-2024, 25.12.2024             2024-12-25                  order: dmy
12/25/2024                                     2024-12-25                  order: mdy
05/06/2024 (both orders are dates)             None; hk/mo 2024-06-05,     ambiguous, day_first,
                                               us 2024-05-06               month_first
5-Jan-2020, Jan 5, 2020, 5th January 2020      2020-01-05
January 2020, Dec. 2023                        2020-01, 2023-12
2021.3.15, 2021. 3. 15., 2021 年 3 月 15 日     2021-03-15
15日 (a day alone)                             ---15
2024年5月20日 10:42, 25/12/2024 18:30           2024-05-20T10:42 (kind time)
2023/24年度, 2023-24财年, 2023/2024學年          2023/2024                   fiscal or academic
98年入行, 08年, 在98年3月                        1998, 2008, 1998-03         approx, two_digit_year
2024年第一季度, 2024Q1, Q1 2024, 三季度, 第3季度   2024-Q1, Q3                 quarter
前三季度                                       Q1/Q3                       quarter, range
2024年下半年, H1 2024, 上半年                    2024-H2, 2024-H1, H1        half
=============================================  ==========================  =====================

How ambiguity is settled. A numeric date with the year last takes the order in
which it is on the calendar: a first field past 12 is the day (25/12/2024), a
second field past 12 is the day (12/25/2024). When both orders are dates and
differ (05/06/2024), nothing on the page says which, so the value is ``None``
and ``attrs`` holds ``ambiguous`` with both readings, ``day_first`` and
``month_first``; the date and time extractors' ``region`` option settles it
(``hk``, ``mo``: day first; ``us``: month first; ``cn``, ``tw``: no custom,
as mainland and Taiwan pages write the year first), giving ``attrs`` ``order``
and ``region``. A numeric date needs a four-digit year (1000 to 2999): 3/5,
1/2 and 12/13 are scores, fractions or ratios, never dates.

A two-digit year is read only where the context makes it a year: a month
after it (98年3月), a leading zero (08年), a word before it (在, 于, 从, 自,
至, 到, 那, 是) or an event after it (入行, 毕业, 出生, 起, 底, 初 ...), and
never with a count's word before or after it (近20年, 10年来, 30年内); 00 to
39 are 2000 to 2039 and 40 to 99 are 1940 to 1999 (``TWO_DIGIT_PIVOT``),
flagged ``approx``. A year of the Republic of China is 1911 years on, with ``attrs["era"] = "ROC"``:
after 民國 (民國88年9月21日 → ``1999-09-21``, 民國113年 → ``2024``) or as three digits from 100
with a month after them, as Taiwan writes dates (112年3月15日 → ``2023-03-15``). So is a year
of a reign (康熙五十年 → ``1711``, approximate, as a reign's year began with the lunar new year,
and its months are lunar and not read; 昭和64年1月7日 → ``1989-01-07``; ``attrs["era"]`` the reign,
see :data:`.numerals.REIGNS`).
A day alone (15日, 截至15日, 廿三日 → ``---15``, ``---23``) is a
day wherever it stands, also at the end of a text, but not after a count's word (近,
第, 每, 连续, 历时, 推迟), before one that makes a count or another word (日内, 日以内,
日均, 日元, 日本, 日游, 日报, 日后), or as 一日 to 九日 in Chinese numerals (one day).
N号 is also a line, a building or a player (10号线, 3号楼), so it is a day only after a
word of time (于, 在, 到, 至, 从, 自) and before the end of a sentence, a part of the day,
起, 前, 后 or 举行. Two days make one range like other dates (5日至8日, 5日-8日, 5至8日,
7月6至8日 → ``---05/---08``, ``--07-06/--07-08``, ``range``); a compact range before
到货, 送达 or 完成 (3-5日到货) is a count of days and is not read. Months likewise after a
year (2023年5-8月 → ``2023-05/2023-08``); 5-8月 alone may be a count of months and is not
read. 一月 before a day is January (一月十日 → ``--01-10``).
Quarters and halves without a year are ``Q3`` and ``H1``; 第三季 and 首季
need a year, 度 or a business word after them (第一季GDP, 首季業績): alone they
may be a show's third season; H1 needs a year (a heading),
Q3 alone is no label (Q3：); a relative year takes them (今年上半年 →
``2024-H1`` against a reference in 2024). English month names are read in any
case, with or without a dot, but a lower-case one needs a year (5 may be).

Relative dates (今天, 下周一, 上个月, 去年年底, 3天后; see
:mod:`hanpipe.builtin.extract.relative`) are marked ``attrs["relative"]`` and get a
value only when the extractor has a ``reference_date`` (a ``datetime.date``
or an ISO string). No value is ever a day off the calendar: 2月30日 is not a
date, and a relative date the reference makes impossible (明年2月29日 from
2024) has no value and ``attrs["invalid"]``.

Dates are read from the scan rows (a year row followed by 年, a month row by
月, a day row by 日/号), so they cost a few comparisons per number; dotted
dates, quarters and halves from the anchors that the relative-date pass finds
in the same kernel pass (a dot after a digit, 季, 半, the digit of Q3), and
English dates from rows with a month-like word across a space; the
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

from ...batch import SEPARATOR, ExtractJoined
from ...document import Document, Entities, Entity
from ...errors import ConfigError, InputError
from . import _kernels as K
from .numerals import (
    CUT_FROM,
    JI_WORDS,
    REIGNS,
    ROW_BY_ROW,
    TERM_BEFORE_DAY,
    Rows,
    arabic_cores,
    counts_years,
    cut,
    in_spans,
    is_han,
    latin_unit_at,
    number_scan,
    parse_number,
    roc_bare_year,
    sentence_months,
    title_spans,
    year_after_yu,
)
from .relative import DOT, LETTER_PERIOD, PERIOD, RELATIVE, Hit, anchors, find_periods, find_relative, resolve

__all__ = ["DateExtractor", "TimeExtractor"]

PRIORITY_DATE = 50
PRIORITY_TIME = 55

_ISO = regex.compile(
    r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?!\d)(?:(?:T|[ \t]{1,3})(\d{1,2}):(\d{2})(?::(\d{2}))?(?![\d:]))?"
)
_TIME = regex.compile(r"(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?(?![\d:：])")
#: a time of day after a date: T10:42, 10:42:05, 10:42 pm
_CLOCK_TAIL = r"(?:(?:T|,?[ \t]{1,3})(\d{1,2}):(\d{2})(?::(\d{2}))?(?![\d:])(?:[ ]?([AaPp])\.?[Mm]\.?(?![A-Za-z]))?)?"
#: a numeric date with the year last: 25/12/2024, 12/25/2024, 25-12-2024 (which field is the
#: day is settled by :func:`_day_month`)
_DMY = regex.compile(r"(\d{1,2})([-/])(\d{1,2})\2(\d{4})(?![\d]|[-/.]\d)" + _CLOCK_TAIL)
#: dotted dates: 2021.3.15, 2021. 3. 15., 2021.03.15 (year first); 25.12.2024 (year last)
_DOTTED_YMD = regex.compile(r"(\d{4})\.[ ]?(\d{1,2})\.[ ]?(\d{1,2})(?!\d|\.\d)\.?" + _CLOCK_TAIL)
_DOTTED_DMY = regex.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d|\.\d)" + _CLOCK_TAIL)
#: Chinese dates with spaces between the parts: 2021 年 3 月 15 日, 2021 年 3 月, 3 月 15 日
_SPACED = regex.compile(
    r"(?:(\d{4})[ ]{0,2}年(?:[ ]{0,2}(\d{1,2})[ ]{0,2}月份?(?:[ ]{0,2}(\d{1,2})[ ]{0,2}[日号號])?)?"
    r"|(\d{1,2})[ ]{0,2}月份?(?:[ ]{0,2}(\d{1,2})[ ]{0,2}[日号號])?)"
)
#: fiscal and school years: 2023/24年度, 2023-24财年, 2023/2024學年
_FISCAL = regex.compile(r"(\d{4})[-/](\d{4}|\d{2})(?!\d)[ ]?(财政年度|財政年度|年度|财年|財年|学年度|學年度|学年|學年)")
_MONTH_WORDS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_MONTH_NAME = (
    r"((?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))(?![A-Za-z])\.?"
)
_ORDINAL = r"(?i:st|nd|rd|th)?"
#: a day with an ordinal suffix right before a month name (5th January)
_ORDINAL_DAY = regex.compile(r"(?<![\dA-Za-z])\d{1,2}(?i:st|nd|rd|th)[ ](?:of[ ])?$")
#: English dates, day first: 5 January 2020, 5-Jan-2020, 5 Jan. 2020, 5 January
_EN_DMY = regex.compile(
    r"(\d{1,2})"
    + _ORDINAL
    + r"(?:[ ]{1,2}|-)(?:of[ ])?"
    + _MONTH_NAME
    + r"(?:,?(?:[ ]{1,2}|-)(\d{4})(?!\d))?"
    + _CLOCK_TAIL
)
#: English dates, month first: Jan 5, 2020, January 5 2020, Sept. 5, January 2020, Jan-2020
_EN_MDY = regex.compile(
    _MONTH_NAME
    + r"(?:[ ]{0,2}(\d{1,2})"
    + _ORDINAL
    + r"(?![\d:])(?:(?:,[ ]{0,2}|[ ]{1,2})(\d{4})(?!\d))?|(?:[ ]{1,2}|-|,[ ])(\d{4})(?!\d))"
    + _CLOCK_TAIL
)
_RANGE_SEP = "至到-~～—–"
_RANGE_SEPS = frozenset(_RANGE_SEP)
_DAY_MARK = "日号號"
_DAY_MARKS = frozenset(_DAY_MARK)  # a set: the empty string is in no set (it is in every str)
#: a date or time row is followed by one of these
_AFTER = frozenset("年月-/:：点點时時")
#: the hour of a Chinese clock time is followed by one of these
_CLOCK = frozenset("点點时時")
_FEN_FEN, _KE = ord("分"), ord("刻")
_NIAN, _YUE, _FEN, _RI, _YI = ord("年"), ord("月"), ord("份"), ord("日"), ord("一")
_DAI = ord("代")
#: after 年代, what leaves it a decade: no Han character, or one of these (年代初, 年代的)
_IS_DECADE_NEXT = np.ones(65536, dtype=bool)
_IS_DECADE_NEXT[0x3400:0xA000] = False
_IS_DECADE_NEXT[[ord(c) for c in "初末中后後以的至到起里裡和与與及或"]] = True
_DECADE_NEXT_L: list[bool] = _IS_DECADE_NEXT.tolist()
_OTHER_AFTER = frozenset("-/ ")
_IS_DAY_MARK = np.zeros(65536, dtype=bool)
_IS_DAY_MARK[[ord(c) for c in _DAY_MARK]] = True
_IS_AFTER = np.zeros(65536, dtype=bool)
_IS_AFTER[[ord(c) for c in _AFTER]] = True
_IS_DATE_AFTER = np.zeros(65536, dtype=bool)
_IS_DATE_AFTER[[ord(c) for c in _AFTER - _CLOCK]] = True
_IS_DATE_AFTER[[ord(c) for c in _DAY_MARK + " "]] = True  # 15日, 2021 年: visited for a date, not a clock time
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
    "晚上": _hours((5, 11, 12), (12, 12, 12), (0, 4, 0), (17, 23, 0)),
    "晚间": _hours((6, 11, 12), (12, 12, 12), (18, 23, 0)),
    "夜里": _hours((7, 11, 12), (12, 12, 12), (0, 5, 0), (19, 23, 0)),
    "夜间": _hours((7, 11, 12), (12, 12, 12), (0, 5, 0), (19, 23, 0)),
    "今晚": _hours((0, 0, 0), (6, 11, 12), (12, 12, 12), (18, 23, 0)),
    "昨晚": _hours((0, 0, 0), (6, 11, 12), (12, 12, 12), (18, 23, 0)),
    "明晚": _hours((0, 0, 0), (6, 11, 12), (12, 12, 12), (18, 23, 0)),
    "当晚": _hours((0, 0, 0), (6, 11, 12), (12, 12, 12), (18, 23, 0)),
    "當晚": _hours((0, 0, 0), (6, 11, 12), (12, 12, 12), (18, 23, 0)),
    "今早": _MORNING,
    "明早": _MORNING,
    "昨早": _MORNING,
    "半夜": _NIGHT,
    "深夜": _NIGHT,
    "午夜": _NIGHT,
}
#: the parts of the day written with one character right before the hour (早8点, 晚8点) ...
SHORT_DAY_PARTS = {"早": _hours((5, 11, 0)), "晚": _hours((5, 11, 12), (12, 12, 12))}
#: ... unless a word ends with it (最晚8点, 较早8点, 今早: the hour's part of the day is not said)
_NOT_BEFORE_SHORT_PART = frozenset("最较較更太稍过過很越不提趁赶趕早晚今昨明当當比")


def _short_part(text: str, start: int) -> tuple[int, ...] | None:
    """The hours of the one-character part of the day right before ``start`` (早, 晚), if it is one:
    only the hours it is said of (早5点 to 早11点, 晚5点 to 晚12点; 晚1点 is an hour later)."""
    if start < 1 or text[start - 1] not in SHORT_DAY_PARTS:
        return None
    if start >= 2 and text[start - 2] in _NOT_BEFORE_SHORT_PART:
        return None
    return SHORT_DAY_PARTS[text[start - 1]]


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


#: the lunar calendar's names: a month or a day after one is no Gregorian date (农历八月十五)
_LUNAR = frozenset("农历 阴历 旧历 農曆 陰曆 舊曆".split())
#: between the two ends of a range of times (晚上8:00-10:00, 下午1点至3点)
_TIME_JOINERS = frozenset("-－—–~～至到")
#: the last time read with a part of the day written in hours of 12: where it ends, the part's
#: table of hours, and the hour it was read as
Carry = tuple[int, tuple[int, ...], int]


def _day_part(text: str, start: int, hour: int, carry: Carry | None) -> tuple[int, int, bool]:
    """The hour of a clock time whose hour ``hour`` (as written) begins at ``start``, as the part
    of the day sets it: ``(hour, where the time's span begins, whether a part of the day was
    read)``.

    The word right before it (下午3点, 晚上 7:30) sets it, unless it is an hour that part has
    not (晚上17:30: written in hours of 24, it stays). Else the part of the time that ``carry``
    says ends right before a joiner sets it (晚上8:00-10:00: 10:00 is 22:00) if the hour it
    gives comes after that time's (上午11:00-1:00 stays 01:00, 晚上22:00-6:00 is written in
    hours of 24: 06:00)."""
    if start >= 2:
        word_start = start - 2 if text[start - 2 : start] in DAY_PARTS else -1
        if word_start < 0 and text[start - 1] == " " and start >= 3 and text[start - 3 : start - 1] in DAY_PARTS:
            word_start = start - 3
        if word_start >= 0:  # an hour the part has not: one of 24 stays (晚上17:30), 下午0点 is none
            table = DAY_PARTS[text[word_start : word_start + 2]]
            return (table[hour] if table[hour] >= 0 or hour <= 12 else hour), word_start, True
    short = _short_part(text, start)
    if short is not None and (short[hour] >= 0 or hour > 12):  # 早8点, 晚8点; not 晚1点 (an hour later)
        return (short[hour] if short[hour] >= 0 else hour), start - 1, True
    if carry is not None and carry[0] < start and text[carry[0] : start].strip(" ") in _TIME_JOINERS:
        carried = carry[1][hour]
        if carried >= carry[2]:
            return carried, start, True
    return hour, start, False


def _carried(text: str, found: Found, written: int, carry: Carry | None) -> Carry | None:
    """What ``carry`` becomes after the time ``found``, whose hour was written ``written``: its own
    part of the day, or the one it was read with at the end of a range, if the hour was written
    in hours of 12; else none."""
    if written > 12:
        return None
    hour = int((found.value or "").rpartition("T")[2][:2] or -1)
    table: tuple[int, ...] | None = DAY_PARTS.get(text[found.start : found.start + 2])
    if table is None:
        table = _short_part(text, found.start + 1)
    if table is not None:
        return found.end, table, hour
    if carry is not None and carry[0] < found.start and text[carry[0] : found.start].strip(" ") in _TIME_JOINERS:
        return found.end, carry[1], hour
    return None


def _clock_at(
    text: str, hour: int, start: int, p: int, *, strict: bool = False, carry: Carry | None = None
) -> Found | None:
    """The clock time whose hour (as written) starts at ``start`` and whose 点 or 时 ends at ``p``.

    Without a day-part word before it (or a time with one, at the other end of a range:
    ``carry``), it needs minutes, 半, 刻 or 整 (三点 alone is three items); ``strict`` (the hour
    and minutes read as a decimal, 三点零五分) also wants the minutes to begin with 零 or be
    一刻/三刻."""
    got = _minutes(text, p)
    if got is None or hour > 24:
        return None
    minute, second, end, marked = got
    hour, start, parted = _day_part(text, start, hour, carry)
    if hour < 0:
        return None
    if not parted and not marked and not strict and _hour_alone(text, hour, start, p):
        parted = True
    if not parted and (not marked or (strict and text[p] != "零" and text[p + 1 : p + 2] != "刻")):
        return None
    if hour == 24 and (minute or second):
        return None
    value = f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if second is not None else "")
    some = text[end : end + 1]
    nxt = text[end + 1 : end + 2]
    if not marked and some in _SOME_MINUTES and nxt not in _SOME_MINUTES[some]:
        more = nxt in ("分", "钟", "鐘")  # 下午三点几分, 晚上八点多: some minutes past the hour, about
        return Found("time", start, end + 1 + more, value, {"approx": True})
    return Found("time", start, end, value, {})


#: what names a code right before digits (取件码8-3-2045, 验证码：3-2-1024): no day-first date there
_CODE_BEFORE = regex.compile(r"[码碼][：:\s]?$")
#: before a clock time, words that make it approximate (约16时40分)
_ABOUT = frozenset({"约", "約", "大约", "大約"})
#: a joiner and an hour of 时 after an hour: the end of a range of hours (8时至20时) ...
_HOUR_RANGE_END = regex.compile(r"\s?[至到~～\-－—]\s?([0-9]{1,2})[时時]")
#: ... and its start before one (10时至12时)
_HOUR_RANGE_START = regex.compile(r"[0-9]{1,2}[时時]\s?[至到~～\-－—]\s?$")
#: before an hour with 时, what makes it hours counted (运行了20时, 长达15时, 时效24时)
_COUNTED_HOURS_AFTER = frozenset("了达達续續历歷共行效长長")  # not 计: 预计8时至20时
#: the last characters of words of a day (今天, 明天, 周六) before an hour with 时
_DAY_WORD_ENDS = frozenset("天")
#: before 0点, days that make it midnight (今天0点, 周六0点)
_MIDNIGHT_AFTER = frozenset("天日号號晚夜六于於在从從至到")
_DAY_MARKS_BEFORE_HOUR = frozenset("日号號")
#: after an hour with no minutes, 几 and 多 say some minutes past it (三点几分, 八点多): the time is
#: approximate, unless the next character makes a word with them (三点几乎, 三点多数, 八点多云)
_SOME_MINUTES = {
    **dict.fromkeys("几幾", JI_WORDS),
    **dict.fromkeys("多", frozenset("数數少种種次个個名家项項位元人样樣么麼年亏虧云雲雨余餘")),
}
#: after 0点 or 零点, what makes it no midnight (零点几秒, 零点五)
_NOT_MIDNIGHT_NEXT = frozenset("几幾多一二三四五六七八九")


def _hour_alone(text: str, hour: int, start: int, p: int) -> bool:
    """Whether an hour with 时 or 点 and nothing after it is a clock time all the same: 时 after a
    date's day or a day's word (2024年1月21日16时, 3月20日24时, 明天6时), 时 with an hour of 13 to 24
    (20时起), in a range of hours with 时 (6时到8时, 10时至12时), unless hours are counted (运行了20时);
    or midnight after a day, 于 or the like, or at a clause's start (11月11日0点, 于0时开始, 0点开抢;
    not 评分为0点, 0点5, 零点几秒)."""
    mark = text[p - 1]
    prev = text[start - 1] if start >= 1 else ""
    dated = start >= 2 and prev in _DAY_MARKS_BEFORE_HOUR and text[start - 2].isdigit()
    if hour == 0:  # after a date's day, a day or a clause's start; not 评分为0点, 0点5 (a decimal)
        nxt = text[p : p + 1]
        return (dated or prev in _MIDNIGHT_AFTER or not is_han(prev)) and not (
            nxt in _NOT_MIDNIGHT_NEXT or nxt.isdigit()
        )
    if mark not in ("时", "時") or prev in _COUNTED_HOURS_AFTER:
        return False  # 运行了20时, 长达15时: hours counted
    if hour >= 13 or dated or prev in _DAY_WORD_ENDS:
        return True  # 20时起; 1月21日16时; 明天6时
    if _HOUR_RANGE_START.search(text, max(0, start - 6), start) is not None:
        return True  # 10时至12时
    m = _HOUR_RANGE_END.match(text, p)
    return m is not None and int(m[1]) <= 24  # 6时到8时


def _clock(text: str, rows: Rows, i: int, carry: Carry | None = None) -> Found | None:
    """A Chinese clock time at row ``i``: an hour followed by 点 or 时 (下午三点, 3点15分,
    15时30分, 八点半), a Chinese decimal followed by 分 or 刻 (三点零五分, 三点一刻),
    or the minutes after 一点 (一点二十分)."""
    about = rows.start_l[i] != rows.cstart_l[i] and text[rows.start_l[i] : rows.cstart_l[i]] in _ABOUT
    flags = rows.flags_l[i] & ~K.APPROX if about else rows.flags_l[i]
    if flags & (_BAD | K.DIGITSTR) or (rows.start_l[i] != rows.cstart_l[i] and not about):
        return None
    cstart, cend = rows.cstart_l[i], rows.cend_l[i]
    if about:  # 约16时40分: the time, about
        if not (text[cend : cend + 1] in _CLOCK and rows.isint[i] and rows.end_l[i] == cend and cend - cstart <= 2):
            return None
        found = _clock_at(text, int(rows.ints[i]), cstart, cend + 1, carry=carry)
        if found is None:
            return None
        return Found("time", rows.start_l[i], found.end, found.value, {"approx": True})
    if text[cend : cend + 1] in _CLOCK:
        if not rows.isint[i] or rows.end_l[i] != cend or cend - cstart > 3:
            return None
        if text[cstart] in _ARABIC and cend - cstart > 2:
            return None
        return _clock_at(text, int(rows.ints[i]), cstart, cend + 1, carry=carry)
    if rows.isint[i]:  # 一点二十分: 一 is no row, its minutes are
        if text[cstart - 2 : cstart] in ("一点", "一點", "壹点", "壹點"):
            return _clock_at(text, 1, cstart - 2, cstart, carry=carry)
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
    return _clock_at(text, hour, cstart, cstart + at + 1, strict=True, carry=carry)


class Found(NamedTuple):
    kind: str
    start: int
    end: int
    value: str | None
    attrs: dict[str, Any]


class _Cols:
    """Per row: its value as a year (-1 if none) and as a day or month (0 if none), as arrays
    and as lists, each made from the other when first read (only the dates read row by row
    read the lists; a scan of a few rows is read as lists, :func:`_cols_by_row`)."""

    def __init__(self, year_col: np.ndarray | None, small_col: np.ndarray | None) -> None:
        if year_col is not None and small_col is not None:
            self.year_col = year_col
            self.small_col = small_col

    @classmethod
    def of_lists(cls, years: list[int], smalls: list[int]) -> _Cols:
        out = cls(None, None)
        out.years = years
        out.smalls = smalls
        return out

    @functools.cached_property
    def years(self) -> list[int]:
        made: list[int] = self.year_col.tolist()
        return made

    @functools.cached_property
    def smalls(self) -> list[int]:
        made: list[int] = self.small_col.tolist()
        return made

    @functools.cached_property
    def year_col(self) -> np.ndarray:
        return np.array(self.years, dtype=np.int64)

    @functools.cached_property
    def small_col(self) -> np.ndarray:
        return np.array(self.smalls, dtype=np.int64)


def _cols(text: str, rows: Rows) -> _Cols:
    """A year is a four-character integer (2023, 二〇二三) with no prefix, not before 年代 (a
    decade: 1990年代); a day or
    month an integer from 1 to 31 written with at most 3 characters, with no prefix or suffix."""
    if not len(rows):
        return _Cols(_NO_ROWS, _NO_ROWS)
    if len(rows) <= ROW_BY_ROW:
        return _cols_by_row(text, rows)
    width = rows.cend - rows.cstart
    ok = ((rows.flags & _BAD) == 0) & rows.isint & (rows.start == rows.cstart)
    small = ok & (width <= 3) & (rows.end == rows.cend) & (rows.ints >= 1) & (rows.ints <= 31)
    decade = (rows.cafter == _NIAN) & (rows.after2 == _DAI) & (rows.end == rows.cend)
    if decade.any():  # 1990年代, 1990年代初: the 1990s (not 2023年代表大会, 2023年代工)
        cps = rows.cps
        third = cps[np.minimum(rows.end + 2, len(cps) - 1)]
        third = np.where(rows.end + 2 < len(cps), third, 0)
        decade &= _IS_DECADE_NEXT[np.minimum(third, 65535)] | (third >= 65536)
    four = np.flatnonzero(ok & (width == 4) & ~decade)
    digits = (rows.flags[four] & K.DIGITSTR) != 0
    if not digits.all():  # the cores of the rest looked at (most years are digit strings)
        rest = np.flatnonzero(~digits)
        digits[rest] = arabic_cores(rows, four[rest], 4)
    digits &= rows.ints[four] >= 1  # 0000年 is no year
    years = np.full(len(rows), -1, dtype=np.int64)
    years[four[digits]] = rows.ints[four[digits]]
    _counted_years(text, rows, years, np.flatnonzero((years >= 0) & (rows.cafter == _NIAN)).tolist())
    smalls = np.where(small, rows.ints, 0)
    return _Cols(years, smalls)


def _counted_years(text: str, rows: Rows, years: Any, picked: list[int]) -> None:
    """No plain year for the rows of ``picked`` (each a year before 年) that count years
    (:func:`.counts_years`) or are years before the common era (公元前1046年, :func:`_common_era_year`)."""
    for i in picked:
        start = rows.start_l[i]
        if text[max(0, start - 2) : start] == "元前" or counts_years(text, start, rows.cend_l[i] + 1, years[i]):
            years[i] = -1


def _cols_by_row(text: str, rows: Rows) -> _Cols:
    """:func:`_cols` row by row, for a scan of a few rows."""
    years: list[int] = []
    smalls: list[int] = []
    n = len(text)
    columns = (
        rows.start_l, rows.end_l, rows.cstart_l, rows.cend_l, rows.flags_l, rows.isint_l, rows.ints_l,
        rows.cafter_l, rows.after2_l,
    )  # fmt: skip
    for s, e, cs, ce, fl, isint, v, ca, a2 in zip(*columns):
        ok = isint and not fl & _BAD and s == cs
        width = ce - cs
        smalls.append(v if ok and width <= 3 and e == ce and 1 <= v <= 31 else 0)
        year = -1
        if ok and width == 4 and v >= 1:
            decade = ca == _NIAN and a2 == _DAI and e == ce
            if decade:  # 1990年代, 1990年代初: the 1990s (not 2023年代表大会, 2023年代工)
                third = ord(text[e + 2]) if e + 2 < n else 0
                decade = third >= 65536 or _DECADE_NEXT_L[third]
            if not decade and (fl & K.DIGITSTR or all(c in _ARABIC for c in text[cs : cs + 4])):
                year = v
        years.append(year)
    _counted_years(text, rows, years, [i for i, y in enumerate(years) if y >= 0 and rows.cafter_l[i] == _NIAN])
    return _Cols.of_lists(years, smalls)


class _Plain(NamedTuple):
    """Dates read with array tests: the row each starts at (ascending), where it ends, the
    index of the first row after it, and its ISO value."""

    rows: np.ndarray
    end: np.ndarray
    next: np.ndarray
    values: list[str]
    #: the rows that would begin a plain date but for a space in it or right after it
    spaced: frozenset[int] = frozenset()


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
    # 2021年 3月, 2021年3 月: the spaced reader reads on
    nc = np.minimum(nxt, last)
    # 7月6至8日: a range of days (one range row) read by _part's caller
    ok &= ~((nxt < n) & (start[nc] == pos) & ((rows.flags[nc] & K.RANGE) != 0))
    space = rows.cps[np.minimum(pos, len(rows.cps) - 1)] == 32
    space |= (nxt < n) & (start[nc] == pos) & (rows.cafter[nc] == 32)
    spaced = frozenset(i[space & (has_y | has_m)].tolist())
    ok &= ~space
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
    return _Plain(i[at], pos[at], nxt[at], list(map(iso.__getitem__, keys)), spaced)


def _plain_by_row(rows: Rows, cols: _Cols) -> tuple[dict[int, tuple[int, int, str]], frozenset[int]]:
    """:func:`_plain_dates` row by row, for a scan of a few rows: per row that begins a plain
    date, ``(end, next, value)``; and the rows that would but for a space."""
    n = len(rows)
    last = n - 1
    text = rows.text
    ncps = len(text)
    start, cend, flags = rows.start_l, rows.cend_l, rows.flags_l
    cafter, after2 = rows.cafter_l, rows.after2_l
    years, smalls = cols.years, cols.smalls
    plain: dict[int, tuple[int, int, str]] = {}
    spaced: list[int] = []
    for i in range(n):
        ca = cafter[i]
        if ca != _NIAN and ca != _YUE:
            continue
        has_y = years[i] >= 0 and ca == _NIAN
        j = i + has_y
        jc = min(j, last)
        pos = cend[i] + 1 if has_y else start[i]
        has_m = j < n and start[jc] == pos and 1 <= smalls[jc] <= 12 and cafter[jc] == _YUE
        if has_m:
            pos = cend[jc] + 1 + (after2[jc] == _FEN)
        k = j + has_m
        kc = min(k, last)
        has_d = has_m and k < n and start[kc] == pos and smalls[kc] >= 1 and cafter[kc] in _DAY_MARK_CPS
        if has_d:
            pos = cend[kc] + 1
        if not (has_y or has_m):
            continue
        nxt = k + has_d
        nc = min(nxt, last)
        follows = nxt < n and start[nc] == pos
        if text[min(pos, ncps - 1)] == " " or (follows and cafter[nc] == 32):
            spaced.append(i)  # 2021年 3月, 2021年3 月: the spaced reader reads on
            continue
        if has_d and smalls[kc] > 28:
            continue
        if (nxt < n and start[nc] == pos + 1) or (follows and flags[nc] & K.RANGE):
            continue  # a possible range; 7月6至8日: a range of days read by _part's caller
        plain[i] = (
            pos,
            nxt,
            _iso(years[i] if has_y else None, smalls[jc] if has_m else None, smalls[kc] if has_d else None),
        )
    return plain, frozenset(spaced)


_DAY_MARK_CPS = frozenset(map(ord, _DAY_MARK))


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


def _date(y: int, m: int, d: int) -> str | None:
    """``YYYY-MM-DD``, or ``None`` when the day is not on the calendar (or the year is 0)."""
    if y < 1 or not 1 <= m <= 12 or not _valid(y, m, d) or not 1 <= d <= 31:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


#: a.m. or p.m. after a time of day (3:00 PM, 8:30pm, 10:00 a.m.)
_HALF_DAY = regex.compile(r"[ ]?([AaPp])\.?[Mm]\.?(?![A-Za-z])")


#: a score, not a time (比分21:19, 3:1战胜): the number scan's words of a score
_SCORE_BEFORE = K.SCORE_BEFORE_WORDS
#: a period of a game right before a pair (第一局21:19, 首盘6:4, 决胜局以15:13, 上半场2:1), with the
#: word of a score, if any, between them
_PERIOD = r"(?:(?:第[0-9一二三四五六七八九十]{1,3}|首|决胜|決勝)[局盘盤]|[上下]半[场場])"
_SCORE_PERIOD = regex.compile(_PERIOD + r"(?P<said>比分|以|打出)?\s?$")
#: a list of games: another period and pair right after this pair, or a pair right before this period
_PERIOD_NEXT = regex.compile(r"[，,、；;]\s?" + _PERIOD + r"(?:比分|以|打出)?\s?\d{1,2}[:：]\d{1,2}")
_PAIR_BEFORE = regex.compile(r"\d{1,2}[:：]\d{1,2}[，,、；;]\s?$")
#: after a game's pair, the words of its result (首局21:17拿下, 上半场2:1领先)
_PERIOD_RESULT = tuple(
    "拿下 赢下 贏下 输掉 輸掉 丢掉 丟掉 领先 領先 落后 落後 胜出 勝出 获胜 獲勝 取胜 取勝 落败 落敗 告负 告負".split()
)


def _clause_after(text: str, end: int) -> str:
    """The dozen characters after ``end``, up to the end of its sentence (决胜局15:12，台灣隊勝出)."""
    after = text[end : end + 12]
    cut = min((after.find(c) for c in "。；;！!？?\n" if c in after), default=len(after))
    return after[:cut]


def _game_score(text: str, period: Any, start: int, end: int) -> bool:
    """Whether the pair at ``text[start:end]`` after a game's ``period`` (a match of ``_SCORE_PERIOD``)
    is that game's score, not the time it began (决胜局19:30打响, 公安部第3局10:15发布): a word of a
    score between them (第二局以15:21), a one-digit second number no clock writes (第三盘6:4), a result
    after it in its sentence (首局21:17拿下, 決勝局15:12，台灣隊勝出), or a list of games (第一局21:19，第二局19:21)."""
    second = regex.search(r"\d+$", text[start:end])
    return (
        period["said"] is not None
        or (second is not None and len(second[0]) == 1)
        or any(w in _clause_after(text, end) for w in _PERIOD_RESULT)
        or _PERIOD_NEXT.match(text, end) is not None
        or _PAIR_BEFORE.search(text, max(0, period.start() - 8), period.start()) is not None
    )
#: after a pair, what makes it a clock time though a period of a game is before it (第二局14:00开始)
_CLOCK_NEXT = frozenset("开開举舉结結入准起至到前后後-－—–~～")


def _clock_like(text: str, end: int) -> bool:
    """Whether the pair ending at ``end`` reads as a clock time: minutes 00 (14:00) or a word of a
    schedule or a range after it (15:30开赛, 9:00-12:00)."""
    return text[end - 2 : end] == "00" or (end < len(text) and text[end] in _CLOCK_NEXT)


_SCORE_AFTER = frozenset(K.SCORE_AFTER_CHARS)
_SCORE_AFTER2 = frozenset(K.SCORE_AFTER_WORDS)


def _score(text: str, start: int, end: int, way: int = 0) -> bool:
    """Whether the pair of numbers at ``text[start:end]`` is a score: 比分 among the five characters
    before it or a period of a game right before it (第一局, 首盘, 上半场), or a word of winning or
    losing right after it (as the number scan's ``_score``), or
    a score before or after it in a list (比分21:12、21:17; 以21:19、21:15击败). ``way``: look along
    the list backwards only (-1), forwards only (1), or both (0)."""
    before = text[max(0, start - 5) : start]
    if any(w in before for w in _SCORE_BEFORE):
        return True
    if _RATIO_BEFORE.search(text, max(0, start - 8), start) is not None or _RATIO_AFTER.match(text, end):
        return True  # 师生比约为1:14, 按1:50的比例: a ratio
    period = _SCORE_PERIOD.search(text, max(0, start - 8), start)
    if period is not None and not _clock_like(text, end) and _game_score(text, period, start, end):
        return True
    if ((text[end : end + 1] in _SCORE_AFTER and end < len(text)) or text[end : end + 2] in _SCORE_AFTER2) and not (
        _clock_like(text, end) or _day_part_before(text, start)
    ):
        return True  # 21:19拿下; not 凌晨2:30拿下, 15:00拿下
    if way <= 0:
        prev = _SCORE_LISTED.search(text, max(0, start - 12), start)
        if prev is not None and (_no_clock(prev[1], text, end) or _score(text, prev.start(1), prev.end(1), -1)):
            return True
    if way >= 0:
        nxt = _SCORE_NEXT.match(text, end)
        if nxt is not None and (_no_clock(nxt[1], text, end) or _score(text, nxt.start(1), nxt.end(1), 1)):
            return True
    return False


#: labels of a time of day before a colon (时间：10:00, 营业时间：9:00-21:00, 时间段:14:00-18:00)
_TIME_LABELS = ("时间", "時間", "时段", "時段", "时刻", "時刻", "间段", "間段")


def _time_label(text: str, colon: int) -> bool:
    """Whether a label of a time of day ends right before the colon at ``colon`` (not 时长, 用时: a duration)."""
    return text[colon - 2 : colon] in _TIME_LABELS


def _day_part_before(text: str, start: int) -> bool:
    """Whether a word of a part of the day stands right before ``start`` (凌晨2:30, 晚上 8:00)."""
    at = start - 1 if text[start - 1 : start] == " " else start
    return text[at - 2 : at] in DAY_PARTS


#: a ratio's words right before a pair, with up to two words of being or about between (师生比约为1:14,
#: 男女比例为1:1, 配比1:3, 两者之比为2:1, 师生比大约是1:18, 生师比已达1:25) ...
_RATIO_BEFORE = regex.compile(
    r"(?:比例|比值|之比|配比|[生女男率重师師]比)"
    r"(?:大约|大約|大概|约为|約為|已经|已經|达到|達到|为|為|是|约|約|达|達|仅|僅|已|则|則){0,2}[：:]?\s?$"
)
#: ... or right after it (按1:50的比例稀释)
_RATIO_AFTER = regex.compile(r"的?比例|比值")


def _no_clock(pair: str, text: str, end: int) -> bool:
    """Whether ``pair``, listed beside the pair that ends at ``end``, is one no clock writes, which makes
    the list one of scores: a colon and one digit after it (11:9), an hour past 24 or minutes past 59
    (25:23, 8:75); not a dash's pair (楼号3-5), nor beside a pair that reads as a clock (14:00)."""
    if "-" in pair or _clock_like(text, end):
        return False
    first, _, second = pair.replace("：", ":").partition(":")
    return len(second) != 2 or int(first) > 24 or int(second) > 59


#: a pair of numbers, then a list's comma, right before a score; and a comma, then a pair, after one
_SCORE_LISTED = regex.compile(r"(?<![\d:：])(\d{1,3}[:：\-]\d{1,3})[、，,]\s?$")
_SCORE_NEXT = regex.compile(r"[、，,]\s?(\d{1,3}[:：\-]\d{1,3})(?![\d:：])")


def _colon_clock(text: str, cstart: int, m: Any, carry: Carry | None) -> tuple[int, int, str] | None:
    """The time of a match of ``_TIME`` at ``cstart`` (7:30, 19:30:05): ``(start, end, value)``.

    A part of the day before it sets the hour (晚上7:30 → 19:30, 下午 3:00 → 15:00; also at the
    end of a range it began, ``carry``), as a.m. or p.m. after it does (3:00 PM → 15:00); an
    hour neither can be (下午25:00, 13:00 PM) gives ``None``."""
    hour, minute, second = int(m[1]), int(m[2]), m[3]
    if hour >= 24 or minute >= 60 or (second is not None and int(second) >= 61) or _score(text, cstart, m.end()):
        return None
    end = m.end()
    half = _HALF_DAY.match(text, end)
    parted, start, _ = _day_part(text, cstart, hour, carry)
    if half is not None:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half[1] in "Pp" else 0)
        end = half.end()
    elif parted < 0:  # 下午0:30: no hour of the afternoon
        return None
    else:
        hour = parted
    return start, end, f"{hour:02d}:{minute:02d}" + (f":{second}" if second else "")


def _clock_of(m: Any, first: int) -> str | None:
    """The time of day in groups ``first`` to ``first + 3`` of a match of ``_CLOCK_TAIL``
    (hour, minute, second, a or p), or ``None`` when there is none or it is off the clock."""
    if m[first] is None:
        return None
    h, mi, sec, half = int(m[first]), int(m[first + 1]), m[first + 2], m[first + 3]
    if half is not None:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if half in "Pp" else 0)
    if h > 23 or mi > 59 or (sec is not None and int(sec) > 60):
        return None
    return f"{h:02d}:{mi:02d}" + (f":{sec}" if sec is not None else "")


def _day_month(a: int, b: int, y: int) -> tuple[str | None, dict[str, Any]] | None:
    """A numeric date ``a/b/y`` with the year last: ``(value, attrs)``, or ``None`` if neither
    order is a date. When only one order is a date (25/12/2024: no month 25) it is the value,
    with ``attrs["order"]`` ``dmy`` or ``mdy``; when both are (05/06/2024) the value is ``None``
    and ``attrs`` holds ``ambiguous`` and both readings, for the extractor's ``region`` to settle."""
    dmy, mdy = _date(y, b, a), _date(y, a, b)
    if dmy is None and mdy is None:
        return None
    if dmy == mdy or mdy is None:
        return dmy, ({} if dmy == mdy else {"order": "dmy"})
    if dmy is None:
        return mdy, {"order": "mdy"}
    return None, {"ambiguous": True, "day_first": dmy, "month_first": mdy}


def _with_clock(value: str | None, attrs: dict[str, Any], clock: str) -> tuple[str | None, dict[str, Any]]:
    """A date reading with a time of day after it, as one datetime reading."""
    if attrs.get("ambiguous"):
        return None, {
            **attrs,
            "day_first": f"{attrs['day_first']}T{clock}",
            "month_first": f"{attrs['month_first']}T{clock}",
        }
    return f"{value}T{clock}", dict(attrs)


def _ascii_alnum(c: str) -> bool:
    """An ASCII letter or digit (``str.isalnum`` is true of Han characters too)."""
    return c.isascii() and c.isalnum()


def _spaced(text: str, start: int) -> tuple[int, str] | None:
    """A Chinese date with spaces between its parts at ``start`` (2021 年 3 月 15 日):
    ``(end, value)``; ``None`` when there is none, or no space in it (the row loop reads those)."""
    m = _SPACED.match(text, start)
    if m is None or " " not in m[0]:
        return None
    if m[1] is not None:
        y, mo, d = int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None
        if y < 1:
            return None
    else:
        y, mo, d = None, int(m[4]), int(m[5]) if m[5] else None
    if (mo is not None and not 1 <= mo <= 12) or (d is not None and (d < 1 or not _valid(y, mo, d))):
        return None
    return m.end(), _iso(y, mo, d)


#: after a two-digit year's 年, words that make it a year (98年入行, 08年底, 98年的时候)
_YEAR_EVENTS = (
    "入行", "入职", "入職", "毕业", "畢業", "出生", "加入", "入学", "入學", "成立", "创立", "創立", "创办", "創辦",
    "开始", "開始", "起", "时", "時", "的时候", "的時候", "底", "初", "末", "春", "夏", "秋", "冬", "上半年",
    "下半年", "第", "入伍", "退休", "结婚", "結婚", "发布", "發布", "上市", "推出", "正式",
)  # fmt: skip
#: before a two-digit year, characters that make it a year (在98年, 从08年, 於98年)
_YEAR_CUES = frozenset("在于於从從自至到那是")
#: after 年, characters that make a two-digit number a count of years (10年来, 20年前, 30年内, 10年了)
_DURATION_AFTER = frozenset("来來前后後以之内內间間多余餘左了里裡")
#: before it, characters that make it a count (近20年, 长达10年, 第10年, 这10年, 满18年)
_DURATION_BEFORE = frozenset("近约約达達满滿了有过過第每数數几幾这這历歷期为為用花长長共整足逾超")
#: a two-digit year 00 to 39 is 2000 to 2039, 40 to 99 is 1940 to 1999
TWO_DIGIT_PIVOT = 40


def _decade_at(text: str, pos: int) -> bool:
    """代 at ``pos``, right after 年, makes a decade (80年代, 80年代初; not 08年代表)."""
    if text[pos : pos + 1] != "代":
        return False
    after = text[pos + 1 : pos + 2]
    return not after or _IS_DECADE_NEXT[min(ord(after), 65535)] or ord(after) > 65535


def _month_day_after(text: str, rows: Rows, cols: _Cols, i: int) -> tuple[int | None, int | None, int, int]:
    """The month and day written right after row ``i`` and its 年 (98年3月5日): ``(month, day, end,
    next row)``, None for what is not there."""
    pos = rows.cend_l[i] + 1
    month = day = None
    j = i + 1
    if j < len(rows) and rows.start_l[j] == pos and cols.smalls[j] and cols.smalls[j] <= 12:
        if text.startswith("月", rows.cend_l[j]):
            month, pos, j = cols.smalls[j], rows.cend_l[j] + 1, j + 1
            if j < len(rows) and rows.start_l[j] == pos and cols.smalls[j]:
                if text[rows.cend_l[j] : rows.cend_l[j] + 1] in _DAY_MARKS:
                    day, pos, j = cols.smalls[j], rows.cend_l[j] + 1, j + 1
    return month, day, pos, j


#: after a month in Chinese numerals and 初, the digits of a lunar month's first ten days (九月初九;
#: 9月初三周内 is early September)
_LUNAR_DAYS = frozenset("一二三四五六七八九十")
#: a year of the Republic of China (民國113年) is 1911 years after the Gregorian one
ROC_OFFSET = 1911
_ROC = ("民國", "民国")
#: a year of the Republic of China and a joiner: what makes the year after it one too (民國100年至112年)
_ROC_BEFORE = regex.compile(r"民[國国][0-9]{1,3}年(?:[0-9]{1,2}月(?:[0-9]{1,2}[日号號])?)?\s?[至到~～\-－—]\s?$")


def _roc_year(text: str, rows: Rows, cols: _Cols, i: int) -> tuple[int, int, str, dict[str, Any], int] | None:
    """A year of the Republic of China, with the month and day after it: after 民國 (民國88年9月21日 is
    1999-09-21, 民國113年 and 民國一百一十三年 2024) or after such a year and a joiner (民國100年至112年),
    or three digits from 100 with a month or 度 after them (112年3月15日, 112年度, as Taiwan writes
    dates and fiscal years). ``(start, end, value, attrs, next row)``, or None."""
    cstart, cend = rows.cstart_l[i], rows.cend_l[i]
    reign = REIGNS.get(text[cstart - 2 : cstart]) if cstart >= 2 else None
    if reign is not None:
        return _reign_year(text, rows, cols, i, reign)
    if cstart >= 2 and text[cstart - 2 : cstart] in _COMMON_ERA:
        return _common_era_year(text, rows, i)
    if year_after_yu(text, cstart, cend) and rows.start_l[i] == cstart and not rows.flags_l[i] & _BAD:
        return cstart, cend + 1, _iso(rows.values[i], None, None), {}, i + 1  # 建立于960年: the year alone
    digits = text[cstart:cend]
    named = cstart >= 2 and text[cstart - 2 : cstart] in _ROC  # 民國 is part of the span
    arabic = 1 <= len(digits) <= 3 and digits.isascii() and digits.isdigit()
    value = rows.values[i]
    # in Chinese numerals after 民國 only (民國一百一十二年)
    if not (arabic or (named and type(value) is int and 1 <= value <= 200)) or rows.flags_l[i] & _BAD:
        return None
    era = named or _ROC_BEFORE.search(text, max(0, cstart - 24), cstart) is not None
    if not era and (text[max(0, cstart - 2) : cstart] in ("公元", "西元") or text[cstart - 1 : cstart] == "前"):
        return None  # 公元100年3月, 公元前104年5月: the common era
    month, day, pos, j = _month_day_after(text, rows, cols, i)
    if month is None and text[pos : pos + 1] == "代":
        return None  # 民國七十年代: a decade
    fiscal = month is None and text[pos : pos + 1] == "度"  # 112年度: Taiwan's fiscal year
    bare = month is None and roc_bare_year(text, cstart, cend)  # 預計114年完工, 115年底
    if not era and not (len(digits) == 3 and digits[0] == "1" and (month is not None or fiscal or bare)):
        return None
    year = ROC_OFFSET + value
    if value < 1 or not _valid(year, month, day):
        return None
    return (cstart - 2 if named else cstart), pos + fiscal, _iso(year, month, day), {"era": "ROC"}, j


def _reign_year(
    text: str, rows: Rows, cols: _Cols, i: int, reign: tuple[int, int]
) -> tuple[int, int, str, dict[str, Any], int] | None:
    """A year of a reign (:data:`.numerals.REIGNS`) right before row ``i``: 康熙五十年 is 1711, 光绪二十一年
    1895 (``attrs["era"]`` the reign's name as written); none past the reign's years (乾隆八十年).

    A Chinese reign's year began with the lunar new year, so its number is the Gregorian year
    that holds most of it (``approx``), and its months are lunar: only the year is read. The
    Japanese eras from 大正 on count Gregorian years, months and days (昭和64年1月7日)."""
    cstart = rows.cstart_l[i]
    value = rows.values[i]
    first, years = reign
    if type(value) is not int or not 1 <= value <= years or rows.flags_l[i] & _BAD:
        return None
    era = text[cstart - 2 : cstart]
    year = first - 1 + value
    if era not in GREGORIAN_REIGNS:
        return cstart - 2, rows.cend_l[i] + 1, _iso(year, None, None), {"era": era, "approx": True}, i + 1
    month, day, pos, j = _month_day_after(text, rows, cols, i)
    if not _valid(year, month, day):
        return None
    return cstart - 2, pos, _iso(year, month, day), {"era": era}, j


#: a century (19世纪, 二十世纪), with a decade after it (19世纪80年代), or a decade of a year (1990年代)
_CENTURY = regex.compile(
    r"(?<![0-9一二三四五六七八九十前])(?P<c>1[0-9]|2[01]|[1-9]|十[一二三四五六七八九]?|二十一?|[一二三四五六七八九])世[纪紀]"
    r"(?:(?P<d>[1-9]0|[一二三四五六七八九]十)年代)?"
)
_DECADE = regex.compile(r"(?<![0-9.])(?P<y>1[0-9]{2}|20[0-9])0年代")


def _centuries(text: str) -> list[Extra]:
    """Centuries and decades (ISO 8601's reduced precision): 19世纪 → ``18`` (the 1800s; ``century``),
    19世纪80年代 → ``188`` and 1990年代 → ``199`` (``decade``). Not 公元前 ones, nor a decade named
    without its century (80年代), nor 上世纪, which needs the day of writing."""
    out = []
    taken = -1  # where the last reading ended: a decade after its century is read with it
    for at in _found_at(text, ("世纪", "世紀", "年代")):
        if at < taken:
            continue
        if text[at] == "年":
            m = _DECADE.match(text, max(0, at - 4))
            if m is not None and m.end() == at + 2:
                out.append(Extra(m.start(), m.end(), m["y"], {"decade": True}))
            continue
        m = next((m for s in (at - 3, at - 2, at - 1) if s >= 0 and (m := _CENTURY.match(text, s))), None)
        if m is None or text[m.start() - 1 : m.start()] in ("上", "本", "前"):
            continue
        century = parse_number(m["c"])
        if not isinstance(century, int) or not 1 <= century <= 21:
            continue
        if m["d"] is None:
            out.append(Extra(m.start(), m.end(), f"{century - 1:02d}", {"century": True}))
        else:
            decade = parse_number(m["d"]) // 10
            out.append(Extra(m.start(), m.end(), f"{century - 1:02d}{decade}", {"decade": True}))
        taken = m.end()
    return out


def _found_at(text: str, words: tuple[str, ...]) -> list[int]:
    """Where each of ``words`` stands in ``text``, in order (found with ``str.find``)."""
    out = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            out.append(at)
            at = text.find(word, at + 1)
    return sorted(out)


#: words of about before a clock time (约9:30, 约为9:30, 大约是7:40): an approximate time
_ABOUT_CLOCK = frozenset(a + j for a in ("约", "約", "大约", "大約") for j in ("", *K.ABOUT_JOINER_CHARS))
#: what names the common era before a year (公元618年), and before the common era (公元前221年)
_COMMON_ERA = frozenset({"公元", "西元", "元前"})


def _common_era_year(text: str, rows: Rows, i: int) -> tuple[int, int, str, dict[str, Any], int] | None:
    """A year of one to three digits after 公元 or 西元 (公元618年 → ``0618``; one of four is read as every
    such year is), or of up to four after 公元前 or 西元前, before the common era (公元前221年 → ``-0220``,
    公元前1046年 → ``-1045``, as ISO 8601 counts: 1 BCE is year 0; ``attrs["era"]`` ``"BCE"``). The
    year alone: the months of such years are the writer's calendar's."""
    cstart = rows.cstart_l[i]
    value = rows.values[i]
    if type(value) is not int or not 1 <= value <= 9999 or rows.flags_l[i] & _BAD or rows.start_l[i] != cstart:
        return None
    if text[cstart - 2 : cstart] != "元前":
        if value > 999:
            return None
        return cstart - 2, rows.cend_l[i] + 1, _iso(value, None, None), {}, i + 1
    if text[cstart - 3 : cstart - 2] not in ("公", "西") or cstart < 3:
        return None
    return cstart - 3, rows.cend_l[i] + 1, f"-{value - 1:04d}", {"era": "BCE"}, i + 1


#: the reigns that count Gregorian years, months and days
GREGORIAN_REIGNS = frozenset({"大正", "昭和", "平成", "令和"})
#: a day named by its month and day with a middle dot (3·15晚会, 9·11事件, “5·12”汶川地震), in quotes or
#: with a word of an event in its clause; not after 第 (第1·2节课)
_DOTTED_DAY = regex.compile(r"(1[0-2]|0?[1-9])[·・•](3[01]|[12][0-9]|0?[1-9])(?![0-9.·・•])")
_MIDDLE_DOTS = "·・•"


def _middle_dots(text: str) -> list[int]:
    """Where the middle dots of ``text`` stand with a digit on each side (not a name's dot, 约翰·史密斯, nor a
    bullet), in order; found with ``str.find``, many times faster than a pattern's character class."""
    out = []
    for dot in _MIDDLE_DOTS:
        at = text.find(dot, 1)
        while at > 0:
            if "0" <= text[at - 1] <= "9" and "0" <= text[at + 1 : at + 2] <= "9":
                out.append(at)
            at = text.find(dot, at + 1)
    return sorted(out)
_EVENT = regex.compile(
    r"[^，。；！？,;!?\n]{0,6}?(?:晚会|晚會|事件|地震|惨案|慘案|大案|暴雨|洪水|洪災|洪灾|车祸|車禍|火灾|火災|"
    r"爆炸|空难|空難|袭击|襲擊|纪念|紀念|消费者|消費者|行动|行動|大促|购物节|購物節|特大)"
)
_QUOTES = frozenset("“「『\"")
_NOT_BEFORE_DOTTED = frozenset("0123456789.·・•第")


def _middle_dot_days(text: str) -> list[Extra]:
    """Days written as month, a middle dot and the day, in quotes or before a word of an event
    (3·15晚会 → ``--03-15``, where it was 3 and 15; 约翰福音3·16 and 第1·2节 are none). Looked for
    at each middle dot only."""
    out = []
    last = 0
    for at in _middle_dots(text):
        for s in (at - 2, at - 1):
            if s < last or s < 0 or (s > 0 and text[s - 1] in _NOT_BEFORE_DOTTED):
                continue
            m = _DOTTED_DAY.match(text, s)
            if m is None:
                continue
            month, day = int(m[1]), int(m[2])
            named = text[s - 1 : s] in _QUOTES or _EVENT.match(text, m.end()) is not None
            if named and _valid(None, month, day):
                out.append(Extra(m.start(), m.end(), _iso(None, month, day), {}))
                last = m.end()
            break
    return out


#: a season across two years, right before 赛季, 賽季 or 球季 (2023-24赛季, 2023/2024赛季, 23/24赛季)
_SEASON = regex.compile(r"(?<![0-9.])((?:19|20)?[0-9]{2})\s?[-/–—~～]\s?((?:19|20)?[0-9]{2})\s?$")
_SEASON_WORDS = ("赛季", "賽季", "球季")


def _season_matches(text: str) -> list[Any]:
    """The matches of :data:`_SEASON` that end right before a word of a season, in order."""
    found = []
    for word in _SEASON_WORDS:
        at = text.find(word)
        while at >= 0:
            m = _SEASON.search(text, max(0, at - 14), at)
            if m is not None:
                found.append(m)
            at = text.find(word, at + 2)
    return sorted(found, key=lambda m: m.start())


def _seasons(text: str) -> list[Extra]:
    """Seasons across two years, a range of the two (2023-24赛季 → ``2023/2024``, where it was the
    numbers 2023 and 24); the second year must follow the first. Looked for before each word of a
    season (found with ``str.find``: a pattern over the whole text costs a hundred times more)."""
    out = []
    for m in _season_matches(text):
        first, second = m[1], m[2]
        if len(first) == 2:  # 98/99赛季: the century as two-digit years are read (98年 is 1998)
            first = ("19" if int(first) >= 50 else "20") + first
        if len(second) == 2:
            second = first[:2] + second if first[2:] != "99" else str(int(first[:2]) + 1) + second
        if int(second) != int(first) + 1:
            continue
        out.append(Extra(m.start(), m.end(2), f"{first}/{second}", {"range": True}))
    return out


#: the first year of a reign or of the Republic of China, written 元年 (康熙元年, 民国元年, 令和元年)
_FIRST_YEAR = regex.compile("(" + "|".join(sorted({*REIGNS, *_ROC, "公元", "西元"})) + ")元年")


def _first_years(text: str, dates: tuple[list[int], list[int], list[Any], list[dict[str, Any]]]) -> list[Extra]:
    """The first years of reigns, of the Republic of China and of the common era (康熙元年 is 1662,
    approximately, as :func:`_reign_year` reads the others; 民国元年 1912; 公元元年 0001), with the
    month and day read right after one that counts Gregorian months (民国元年1月1日 → 1912-01-01,
    令和元年5月1日 → 2019-05-01)."""
    starts, ends, values, _ = dates
    out = []
    for m in _FIRST_YEAR.finditer(text):
        era = m[1]
        attrs: dict[str, Any]
        if era in _ROC:
            year, attrs, gregorian = ROC_OFFSET + 1, {"era": "ROC"}, True
        elif era in ("公元", "西元"):
            year, attrs, gregorian = 1, {}, False  # 公元元年: the year 1 of the common era
        else:
            year, gregorian = REIGNS[era][0], era in GREGORIAN_REIGNS
            attrs = {"era": era} if gregorian else {"era": era, "approx": True}
        end, value = m.end(), _iso(year, None, None)
        k = bisect.bisect_left(starts, end)
        if gregorian and k < len(starts) and starts[k] == end:
            after = values[k] or ""
            month_day = regex.fullmatch(r"--([0-9]{2})(?:-([0-9]{2}))?", after)
            if month_day is not None:
                month, day = int(month_day[1]), int(month_day[2] or 0) or None
                if _valid(year, month, day):
                    end, value = ends[k], _iso(year, month, day)
        out.append(Extra(m.start(), end, value, attrs))
    return out


def _two_digit_year(text: str, rows: Rows, cols: _Cols, i: int) -> tuple[int, str, dict[str, Any], int] | None:
    """A year written with two digits (98年入行, 08年, 在98年, 98年3月): ``(end, value, attrs,
    next row)``, or ``None`` where the context does not make it a year (10年来, 有20年, 30年)."""
    cstart, cend = rows.cstart_l[i], rows.cend_l[i]
    digits = text[cstart:cend]
    if not ("0" <= digits[0] <= "9" and "0" <= digits[1] <= "9") or rows.flags_l[i] & _BAD:
        return None
    before = text[cstart - 1 : cstart] if cstart else ""
    if before in _DURATION_BEFORE or _ascii_alnum(before) or before in (".", "．", "-", "/"):
        return None
    month, day, pos, j = _month_day_after(text, rows, cols, i)
    if month is None:
        if text[pos : pos + 1] in _DURATION_AFTER or _decade_at(text, pos):
            return None
        if digits[0] != "0" and before not in _YEAR_CUES and not text.startswith(_YEAR_EVENTS, pos):
            return None
    yy = int(digits)
    year = (2000 if yy < TWO_DIGIT_PIVOT else 1900) + yy
    if not _valid(year, month, day):
        return None
    return pos, _iso(year, month, day), {"approx": True, "two_digit_year": True}, j


#: before N日, characters that make it a count of days or another word (近3日, 第15日, 每日,
#: 历时3日, 推迟3日, 再过3日)
_NOT_BEFORE_DAY = frozenset(
    "近每第数數几幾前后後这這那连連续續共满滿历歷期为為了约約余餘逾超达達计計多个個半月号號周週星礼禮初廿"
    "时時假留迟遲长長过過隔需用"
)
_NOT_BEFORE_DAY |= frozenset(".．-/")
#: after N日, characters that make it a count of days or another word (15日元, 3日内, 7日游, 日本)
_NOT_AFTER_DAY = frozenset("元圆圓币幣本语語文报報均常内內游遊间間期子益以后後前来來之左多余餘里裡")
_NOT_AFTER_DAY |= frozenset("光照晒曬蚀蝕记記志誌程")
#: after N日, words of a news dateline or a notice that leave it a day though their first character makes
#: another word with 日 (新华社3日报道: reported on the 3rd, 3日报名, 10日报到, 3日报纸; 日报 is a daily)
_DATELINE_WORDS = frozenset("报道 報道 报导 報導 报名 報名 报到 報到 报纸 報紙 报告 報告".split())
#: after a day, what makes it yen (15日元)
_YEN = frozenset("元圆圓币幣")
#: N号 is also a line, a building, a player or a size (10号线, 3号楼, 穿10号): it is a day only
#: after one of these words of time (于15号, 截至15号, 从5号) and before the end of a sentence, a
#: part of the day, or one of the words after the second character (15号起, 15号前, 15号举行)
_HAO_BEFORE = frozenset("于於在到至从從自止是")
_HAO_AFTER = frozenset("上下早晚凌中夜起前后後开開举舉召当當") | frozenset(_RANGE_SEP)


def _day_end(text: str, end: int, mark: str) -> bool:
    """Whether what follows a day ``N日`` or ``N号`` ending at ``end`` leaves it a day of the month."""
    after = text[end : end + 1]
    if not after or after == SEPARATOR:
        return True  # the end of a text: 截至15日, 于15日
    if mark == "日":
        return after not in _NOT_AFTER_DAY or text[end : end + 2] in _DATELINE_WORDS
    return after in _HAO_AFTER or not (after.isalnum() or after == "_")


def _lone_day(text: str, rows: Rows, cols: _Cols, i: int) -> str | None:
    """A day of the month alone (15日, 截至15日, 于15号 → ``---15``), not a count of days (3日内,
    近5日, 历时3日), yen (15日元), 一日 (one day) or a number (10号线): a Chinese numeral is
    read from 十日 on, and N号 needs a word of time before it (:data:`_HAO_BEFORE`)."""
    day = cols.smalls[i]
    if not day:
        return None
    cstart, cend = rows.cstart_l[i], rows.cend_l[i]
    if day < 10 and text[cstart] not in _ARABIC:
        return None
    before = text[cstart - 1 : cstart] if cstart else ""
    if before in _NOT_BEFORE_DAY or _ascii_alnum(before) or text.endswith(TERM_BEFORE_DAY, 0, cstart):
        return None
    mark = text[cend]
    if mark != "日" and (before not in _HAO_BEFORE or text[cstart - 2 : cstart - 1] in _DAY_MARKS):
        return None  # 5号至8号 with no word of time before it: neither is read
    if not _day_end(text, cend + 1, mark):
        return None
    return f"---{day:02d}"


#: after a compact range of days (3-5日), what makes it a count: 3-5日到货, 1-3日送达, 3至5日完成
_NOT_AFTER_DAYS = frozenset("到达達送发發出完")


#: before 一月, characters that make 一 part of another numeral or word (十一月, 第一月, 统一月)
_NOT_BEFORE_JANUARY = frozenset("十拾〇零一二两三四五六七八九百第每统統唯单單同")


def _january(text: str, cols: _Cols, i: int, cstart: int, cend: int) -> str | None:
    """一月 and the day after it (一月十日, 一月三日 → ``--01-10``, ``--01-03``): the number scan
    leaves 一 before 月 unread (一月 alone may be one month), so the day's row reads it."""
    day = cols.smalls[i]
    if not day or text[cend : cend + 1] not in _DAY_MARKS or text[cend + 1 : cend + 2] in _YEN:
        return None
    before = text[cstart - 3 : cstart - 2]
    if before in _NOT_BEFORE_JANUARY or _ascii_alnum(before):
        return None
    return f"--01-{day:02d}"


def _day_range(text: str, rows: Rows, i: int, *, after_month: bool = False) -> tuple[int, str] | None:
    """A range of days written as one range row before 日 or 号 (5至8日, 5-8日, 5~8号 →
    ``---05/---08``, read with the month before it by the caller), as ``(end, value)``:
    both days integers from 1 to 31, the first before the second, with the day's own tests
    before and after it (:func:`_lone_day`) and none of :data:`_NOT_AFTER_DAYS` after it."""
    flags = rows.flags_l[i]
    if flags & (_BAD & ~K.RANGE) or not flags & K.RANGE:
        return None
    low, high = rows.values[i], rows.highs[i]
    if type(low) is not int or type(high) is not int or not 1 <= low < high <= 31:
        return None
    cstart, cend = rows.cstart_l[i], rows.cend_l[i]
    if rows.start_l[i] != cstart or rows.end_l[i] != cend or text[cend : cend + 1] not in _DAY_MARKS:
        return None
    if flags & K.CHINESE and low < 10:
        return None  # 三至五日: three to five days
    if after_month:
        return cend + 1, ""
    before = text[cstart - 1 : cstart] if cstart else ""
    if before in _NOT_BEFORE_DAY or _ascii_alnum(before):
        return None
    mark = text[cend]
    if mark != "日" and before not in _HAO_BEFORE:
        return None
    if not _day_end(text, cend + 1, mark) or text[cend + 1 : cend + 2] in _NOT_AFTER_DAYS:
        return None
    return cend + 1, f"---{low:02d}/---{high:02d}"


def _month_pair(text: str, rows: Rows, i: int) -> tuple[int, int] | None:
    """The two months of a range row followed by 月 right after a year (2023年5-8月, 2023年5至8月):
    integers from 1 to 12, the first before the second, or ``None``. Without a year, 5-8月
    is not read (it may be a count of months)."""
    flags = rows.flags_l[i]
    if flags & (_BAD & ~K.RANGE) or not flags & K.RANGE:
        return None
    low, high = rows.values[i], rows.highs[i]
    if type(low) is not int or type(high) is not int or not 1 <= low < high <= 12:
        return None
    cstart, cend = rows.cstart_l[i], rows.cend_l[i]
    if rows.start_l[i] != cstart or rows.end_l[i] != cend or text[cend : cend + 1] != "月":
        return None
    return low, high


def _second_day(text: str, rows: Rows, cols: _Cols, end: int, j: int) -> tuple[int, int] | None:
    """The day that ends a range of days begun by a day alone ending at ``end``: the row ``j``
    right after a range sign (5日至8日, 5日-8日, 5号到8号), as ``(day, end)``."""
    if j >= len(rows) or text[end : end + 1] not in _RANGE_SEPS or rows.start_l[j] != end + 1:
        return None
    day, cend = cols.smalls[j], rows.cend_l[j]
    if not day or (day < 10 and text[end + 1] not in _ARABIC):
        return None  # 5日至八日: a Chinese numeral below 十 is a count (一日, 八日)
    if text[cend : cend + 1] not in _DAY_MARKS or text[cend + 1 : cend + 2] in _YEN:
        return None  # 5日至8日内 is a range of days of the month as well, 8日元 yen
    return day, cend + 1


class Extra(NamedTuple):
    """A reading made apart from the row loop (English, dotted, periods): a date, and
    the datetime it is part of (``clock_end`` > ``end``) if a time of day follows."""

    start: int
    end: int
    value: str | None
    attrs: dict[str, Any]
    clock_end: int = -1
    clock_value: str | None = None
    clock_attrs: dict[str, Any] | None = None


def _year_ok(y: int) -> bool:
    return 1000 <= y <= 2999


def _dated(start: int, end: int, value: str | None, attrs: dict[str, Any], m: Any, clock_group: int) -> Extra:
    clock = _clock_of(m, clock_group)
    if clock is None or (value is None and not attrs.get("ambiguous")):
        return Extra(start, end, value, attrs)
    tv, ta = _with_clock(value, attrs, clock)
    return Extra(start, end, value, attrs, m.end(), tv, ta)


def _dotted(text: str, cps: np.ndarray, dots: np.ndarray | list[int]) -> list[Extra]:
    """Dotted dates (2021.3.15, 2021. 3. 15., 25.12.2024) at the dots found after a digit: only
    a dot with another dot two to four characters on is looked at. ``dots``: an array, or a
    list when there are few."""
    n = len(cps)
    if not len(dots) or n < 5:
        return []
    if isinstance(dots, list):
        ahead_l = [
            p for p in dots if "." in (text[min(p + 2, n - 1)], text[min(p + 3, n - 1)], text[min(p + 4, n - 1)])
        ]
    else:
        ahead = np.zeros(len(dots), dtype=bool)
        for k in (2, 3, 4):
            ahead |= cps[np.minimum(dots + k, n - 1)] == 46
        ahead_l = dots[ahead].tolist()
    out = _year_months(text, dots if isinstance(dots, list) else dots.tolist(), set(ahead_l))
    out += _dotted_days(text, ahead_l)
    return sorted(out, key=lambda e: e.start) if len(out) > 1 else out


#: around a year and a month with a dot (2023.10), what may stand: the start or the end of a
#: text, a space, punctuation, or a word of a span of time; anything else (面积2000.12平方米,
#: 金价2034.12, 2023.10万元) makes it a number
_AROUND_YEAR_MONTH = frozenset(" \t\n\r\u3000：:（()），,、；;。—–-~～至到起止从從自于於")
_YEAR_MONTH = regex.compile(r"(?<![\d.．])(\d{4})\.(\d{2})")
#: between the two ends of a span of months (2023.06-2023.09, 2023.12—2024.03)
_SPAN_JOINERS = frozenset("-—–~～至到")


def _year_months(text: str, dots: list[int], taken: set[int]) -> list[Extra]:
    """A year and a month written with one dot (2023.10, 任职时间：2023.12—2024.03): ``YYYY-MM``.
    Four digits for the year (1900 to 2099), two for the month (01 to 12), and only a space,
    punctuation or a word of a span of time around them (:data:`_AROUND_YEAR_MONTH`); 2023.5,
    面积2000.12平方米, 金价2034.12 and 1900.10 cm stay numbers."""
    found: list[tuple[int, int, str, bool, bool]] = []  # start, end, value, whether before and after may stand
    for p in dots:
        if p in taken or p < 4:
            continue
        m = _YEAR_MONTH.match(text, p - 4)
        if m is None or m.end(1) != p:
            continue
        before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
        year, month = int(m[1]), int(m[2])
        if not (1900 <= year <= 2099 and 1 <= month <= 12) or after == ".":
            continue  # 2023.10.: a number at a sentence's end
        ok_before = not before or (before in _AROUND_YEAR_MONTH and before != "-")
        unit_after = after == " " and latin_unit_at(text, m.end() + 1)  # 1900.10 cm: a length
        ok_after = not after or (after in _AROUND_YEAR_MONTH and not unit_after)
        found.append((m.start(), m.end(), f"{year:04d}-{month:02d}", ok_before, ok_after))
    out: list[Extra] = []
    for k, (start, end, value, ok_before, ok_after) in enumerate(found):
        # the two ends of a range (2023.06-2023.09, 2023.10-2024.06在...): what stands outside either end will do
        prev = found[k - 1] if k and found[k - 1][1] + 1 == start and text[start - 1] in _SPAN_JOINERS else None
        nxt = found[k + 1] if k + 1 < len(found) and end + 1 == found[k + 1][0] and text[end] in _SPAN_JOINERS else None
        if prev is not None:
            ok = prev[3] or ok_after
        elif nxt is not None:
            ok = ok_before or nxt[4]
        else:
            ok = ok_before and ok_after
        if ok:
            out.append(Extra(start, end, value, {}))
    return out


def _dotted_days(text: str, ahead_l: list[int]) -> list[Extra]:
    """The dotted dates with a day (2021.3.15, 25.12.2024) at the dots ``ahead_l``."""
    n = len(text)
    out: list[Extra] = []
    last = 0
    for p in ahead_l:
        q = p
        while q > 0 and p - q < 5 and "0" <= text[q - 1] <= "9":
            q -= 1
        if q < last or p - q == 5 or (q and (text[q - 1] in "．.-/" or _ascii_alnum(text[q - 1]))):
            continue
        if p - q == 4:
            m = _DOTTED_YMD.match(text, q)
            if m is None or not _year_ok(int(m[1])):
                continue
            value = _date(int(m[1]), int(m[2]), int(m[3]))
            if value is None:
                continue
            hit = _dated(q, m.end(3) + (text[m.end(3) : m.end(3) + 1] == "."), value, {}, m, 4)
        elif p - q <= 2:
            m = _DOTTED_DMY.match(text, q)
            if m is None or not _year_ok(int(m[3])):
                continue
            read = _day_month(int(m[1]), int(m[2]), int(m[3]))
            if read is None:
                continue
            hit = _dated(q, m.end(3), read[0], read[1], m, 4)
        else:
            continue
        if m.end() < n and _ascii_alnum(text[m.end()]):
            continue  # 2021.3.15a, a version
        out.append(hit)
        last = max(hit.end, hit.clock_end)
    return out


def _table(chars: str) -> np.ndarray:
    table = np.zeros(65536, dtype=bool)
    table[[ord(c) for c in chars]] = True
    return table


_LETTER = _table("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_LETTER_OR_DOT = _table("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")
_SEP_BEFORE = _table(" -.")
_SEP_AFTER = _table(" -")
_SEP_CHARS = frozenset(" -.")


def _pairs(words: list[str]) -> np.ndarray:
    return np.array(sorted({ord(w[0]) * 128 + ord(w[1]) for w in words}), dtype=np.int64)


#: the first two letters of a month name, and its last two (lower case): a number row is
#: looked at as part of an English date only where the word across from it has them
_MONTH_STARTS = _pairs(list(_MONTH_WORDS))
_MONTH_ENDS = _pairs([w[-2:] for w in _MONTH_WORDS])
_MONTH_STARTS_SET = frozenset(_MONTH_STARTS.tolist())
_MONTH_ENDS_SET = frozenset(_MONTH_ENDS.tolist())
_LETTER_CPS = frozenset(np.flatnonzero(_LETTER).tolist())
_LETTER_OR_DOT_CPS = frozenset(np.flatnonzero(_LETTER_OR_DOT).tolist())
_SEP_BEFORE_CPS = frozenset(np.flatnonzero(_SEP_BEFORE).tolist())
_SEP_AFTER_CPS = frozenset(np.flatnonzero(_SEP_AFTER).tolist())


def _english(text: str, rows: Rows) -> list[Extra]:
    """Dates with an English month name: 5 January 2020, 5-Jan-2020, Jan 5, 2020, January 2020.

    Looked at only where a number row has, across a space, a dash or a dot, a word that
    begins (after the row) or ends (before it) as a month name does."""
    if not len(rows):
        return []
    cps = rows.cps
    n = len(cps)
    if len(rows) <= ROW_BY_ROW:
        if not any(
            text[s - 1 : s] in _SEP_CHARS or text[e : e + 1] in _SEP_CHARS for s, e in zip(rows.cstart_l, rows.cend_l)
        ):  # a few rows: looked at in Python first, cheaper than the array calls
            return []
        return _english_read(text, rows, *_english_near_by_row(text, rows))
    # the code points at start - 1, start - 2, cend and end + 1 (cend + 1 when no suffix)
    b1, b2, a1, a2 = rows.before, rows.before2, rows.cafter, rows.after2
    before = _SEP_BEFORE[b1] & _LETTER_OR_DOT[b2]
    after = _SEP_AFTER[a1] & _LETTER[a2]
    near = np.flatnonzero(before | after)
    if not len(near):
        return []
    near = near[(rows.start[near] == rows.cstart[near]) & (~after[near] | (rows.end[near] == rows.cend[near]))]
    if not len(near):
        return []
    cstart, cend = rows.cstart[near], rows.cend[near]
    b1, b2 = b1[near], b2[near]
    last = np.where(b2 == 46, cstart - 3, cstart - 2)  # Jan. 5: the word ends before the dot
    ends = (cps[np.maximum(last - 1, 0)].astype(np.int64) | 32) * 128 + (cps[np.maximum(last, 0)] | 32)
    before = before[near] & (cstart >= 3) & np.isin(ends, _MONTH_ENDS)
    starts = (cps[np.minimum(cend + 1, n - 1)].astype(np.int64) | 32) * 128 + (cps[np.minimum(cend + 2, n - 1)] | 32)
    after = after[near] & (cend + 2 < n) & np.isin(starts, _MONTH_STARTS)
    pick = np.flatnonzero(before | after)
    return _english_read(text, rows, near[pick].tolist(), before[pick].tolist(), after[pick].tolist())


def _english_near_by_row(text: str, rows: Rows) -> tuple[list[int], list[bool], list[bool]]:
    """The rows :func:`_english` reads, and whether the month may be before or after each,
    found row by row for a scan of a few rows."""
    n = len(text)
    picked: list[int] = []
    befores: list[bool] = []
    afters: list[bool] = []
    columns = (
        rows.before_l, rows.before2_l, rows.cafter_l, rows.after2_l, rows.start_l,
        rows.cstart_l, rows.end_l, rows.cend_l,
    )  # fmt: skip
    for i, (b1, b2, a1, a2, s, cs, e, ce) in enumerate(zip(*columns)):
        before = b1 in _SEP_BEFORE_CPS and b2 in _LETTER_OR_DOT_CPS
        after = a1 in _SEP_AFTER_CPS and a2 in _LETTER_CPS
        if not (before or after) or s != cs or (after and e != ce):
            continue
        if before:
            last = cs - 3 if b2 == 46 else cs - 2  # Jan. 5: the word ends before the dot
            code = (ord(text[max(last - 1, 0)]) | 32) * 128 + (ord(text[max(last, 0)]) | 32)
            before = cs >= 3 and code in _MONTH_ENDS_SET
        if after:
            code = (ord(text[min(ce + 1, n - 1)]) | 32) * 128 + (ord(text[min(ce + 2, n - 1)]) | 32)
            after = ce + 2 < n and code in _MONTH_STARTS_SET
        if before or after:
            picked.append(i)
            befores.append(before)
            afters.append(after)
    return picked, befores, afters


def _english_read(text: str, rows: Rows, near: list[int], befores: list[bool], afters: list[bool]) -> list[Extra]:
    """The English dates at the rows ``near``, where the month may stand before or after each."""
    out: list[Extra] = []
    last_end = 0
    for i, before, after in zip(near, befores, afters):
        cs = rows.cstart_l[i]
        if cs < last_end or not rows.isint[i] or rows.ints[i] < 1:
            continue
        hit = None
        if after and not (cs and _ascii_alnum(text[cs - 1])):
            m = _EN_DMY.match(text, cs)
            if m is not None:
                hit = _english_hit(cs, m, day_group=1, month_group=2, year_group=3)
        if hit is None and before:
            q = cs - 1
            while q > 0 and cs - q <= 3 and text[q - 1] in " .-,":
                q -= 1
            word_end = q
            while q > 0 and word_end - q < 9 and _is_ascii_letter(text[q - 1]):
                q -= 1
            if word_end - q >= 3 and not (q and _is_ascii_letter(text[q - 1])):
                d = _ORDINAL_DAY.search(text, max(0, q - 10), q)  # 5th January 2020: no row for 5th
                if d is not None:
                    m = _EN_DMY.match(text, d.start())
                    if m is not None and m.start(2) == q:
                        hit = _english_hit(d.start(), m, day_group=1, month_group=2, year_group=3)
            if hit is None and word_end - q >= 3 and not (q and _is_ascii_letter(text[q - 1])):
                m = _EN_MDY.match(text, q)
                if m is not None and m.end(1) <= cs:
                    hit = _english_hit(q, m, day_group=2, month_group=1, year_group=3 if m[3] else 4, clock_group=5)
        if hit is not None:
            out.append(hit)
            last_end = max(hit.end, hit.clock_end)
    return out


def _is_ascii_letter(c: str) -> bool:
    return ("a" <= c <= "z") or ("A" <= c <= "Z")


def _english_hit(
    start: int, m: Any, *, day_group: int, month_group: int, year_group: int, clock_group: int = 4
) -> Extra | None:
    word = m[month_group]
    month = _MONTH_WORDS.get(word.lower())
    day = int(m[day_group]) if m[day_group] else None
    year = int(m[year_group]) if m[year_group] else None
    if month is None or (year is None and word.islower()) or (year is not None and not _year_ok(year)):
        return None  # "5 may be", "march 5": a lower-case month word needs a year
    if day is None and year is None:
        return None
    if day is not None and (not 1 <= day <= 31 or not _valid(year, month, day)):
        return None
    end = max(m.end(g) for g in (day_group, month_group, year_group) if m[g] is not None)
    value = _iso(year, month, day)
    if year is None or day is None:
        return Extra(start, end, value, {})
    return _dated(start, end, value, {}, m, clock_group)


def _merge(
    cols: tuple[list[int], list[int], list[Any], list[dict[str, Any]]],
    extras: list[tuple[int, int, Any, dict[str, Any]]],
) -> None:
    """Put ``extras`` (sorted by start) into the columns (sorted, none overlapping), each in place
    of the readings it covers whole; one that cuts a reading short is dropped."""
    starts, ends, values, attrs = cols
    keep: list[tuple[int, int, tuple[int, int, Any, dict[str, Any]]]] = []
    last = -1
    for hit in extras:
        s, e = hit[0], hit[1]
        if s < last:
            continue
        k0 = bisect.bisect_right(ends, s)
        k1 = bisect.bisect_left(starts, e)
        if any(starts[k] < s or ends[k] > e for k in range(k0, k1)):
            continue
        keep.append((k0, k1, hit))
        last = e
    for k0, k1, hit in reversed(keep):  # from the last, so the places before stay where they are
        starts[k0:k1] = [hit[0]]
        ends[k0:k1] = [hit[1]]
        values[k0:k1] = [hit[2]]
        attrs[k0:k1] = [hit[3]]


class Readings(NamedTuple):
    """The dates and the times read from a text, each kind as columns ``(start, end, value, attrs)``
    in the order they were read; relative dates come last, with no value."""

    dates: tuple[list[int], list[int], list[str | None], list[dict[str, Any]]]
    times: tuple[list[int], list[int], list[str | None], list[dict[str, Any]]]
    #: whether a reading is an ambiguous numeric date (05/06/2024), for ``region`` to settle
    ambiguous: bool = False


def dates_and_times(doc: Document) -> Readings:
    """The dates and times in ``doc.text``, read from its number scan; relative dates come
    last, with no value (the date extractor values them).

    The ``date`` and ``time`` extractors share one reading: each asks ``doc.view(dates_and_times)``.
    """
    text = doc.text
    rows = doc.view(number_scan)
    marked, kinds = anchors(doc.code_points)
    if not len(rows) and not len(marked) and "元年" not in text:  # no number, no word a date is read from
        return Readings(([], [], [], []), ([], [], [], []))
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
    carry: Carry | None = None  # the last time read with a part of the day, for the end of a range
    ambiguous = False
    consumed = 0
    i = 0
    n = len(rows)
    cols = _cols(text, rows)
    if n <= ROW_BY_ROW:  # a few rows: the same schedule made row by row
        at_l, clocks, plain_l, then_l, run_l, starts_at, ends_at, nexts_at, values_at, spaced_rows = _schedule_by_row(
            rows, cols
        )
    elif len(at := _visits(rows)):
        plain = _plain_dates(rows, cols)
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
        spaced_rows = plain.spaced
    else:  # no row can begin a date or a time: none is read from the rows
        at_l = []
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
            d_attrs.extend([{} for _ in range(k, stop)])
            last_date = True
            consumed = ends_at[stop - 1]
            i = nexts_at[stop - 1]
            k = then_l[stop - 1] if stop == last + 1 else stop
            continue
        k += 1
        if clocks[k - 1]:
            hour = _clock(text, rows, i, carry)
            if hour is not None:
                carry = _carried(text, hour, rows.ints_l[i] if rows.isint_l[i] else 13, carry)
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
            if not (cstart and text[cstart - 1] in "-/.．"):
                m = _FISCAL.match(text, cstart)
                if m is not None:
                    fy, fy_end = int(m[1]), int(m[2])
                    if fy_end == (fy + 1 if len(m[2]) == 4 else (fy + 1) % 100) and _year_ok(fy):
                        kind = "academic" if m[3][0] in "学學" else "fiscal"
                        date(cstart, m.end(), f"{fy:04d}/{fy + 1:04d}", {kind: True})
                        last_date = False
                        consumed = m.end()
                        i += 1
                        continue
        if nxt in (":", "："):
            m = _TIME.match(text, cstart)
            about = start_c < cstart and text[start_c:cstart] in _ABOUT_CLOCK  # 约为9:30开始: about 9:30
            on_clock = m is not None and int(m[1]) < 24 and int(m[2]) < 60 and (m[3] is None or int(m[3]) < 61)
            if on_clock and (start_c == cstart or about):
                # after a colon, a time only after a label of time (时间：10:00; not 比分：3:1, 杠杆：1:50,
                # nor the tail of a longer chain, 1:12:30)
                labelled = cstart > 0 and text[cstart - 1] in ":："
                hm = None if labelled and not _time_label(text, cstart - 1) else _colon_clock(text, cstart, m, carry)
                if hm is not None:
                    start_t, end_t, clock_value = hm
                    hhmm = Found("time", start_t, end_t, clock_value, {})
                    if about and start_t == cstart:
                        hhmm = Found("time", start_c, end_t, clock_value, {"approx": True})
                    carry = _carried(text, hhmm, int(m[1]), carry)
                    if last_date and len(d_value[-1] or "") == 10 and text[d_end[-1] : start_t] in (" ", "T", ""):
                        if start_t < cstart or text[d_end[-1] : start_t]:
                            # 2024年5月20日 10:42, 2024年5月20日下午3:00: date and time together
                            hhmm = Found("time", d_start[-1], end_t, f"{d_value[-1]}T{clock_value}", {})
                    time(hhmm)
                    last_date = False
                    consumed = end_t
                    i += 1
                    continue
        # a form read past the plain ones: a day-first date (a small row before - or /), a
        # two-digit year, a day alone, or a date with spaces in it (2021 年, 2023年3 月)
        named_era = text[cstart - 2 : cstart] if cstart >= 2 else ""
        roc_cue = nxt == "年" and (
            named_era in _ROC
            or named_era in REIGNS
            or (named_era in _COMMON_ERA and (cend - cstart <= 3 or named_era == "元前"))
            or (  # 2024年 is never one: no look around it
                cend - cstart <= 3
                and (cend - cstart == 3 or _ROC_BEFORE.search(text, max(0, cstart - 24), cstart) is not None)
            )
        )
        if nxt in _OTHER_AFTER or (nxt == "年" and cend - cstart == 2) or roc_cue or i in spaced_rows:
            if (
                nxt in ("-", "/")
                and cols.smalls[i]
                and cend - cstart <= 2
                and start_c == cstart
                and not (cstart and (text[cstart - 1] in "-/.．:" or _ascii_alnum(text[cstart - 1])))
                and not _CODE_BEFORE.search(text[max(0, cstart - 4) : cstart])  # 取件码8-3-2045: a code
            ):
                m = _DMY.match(text, cstart)
                read = _day_month(int(m[1]), int(m[3]), int(m[4])) if m is not None and _year_ok(int(m[4])) else None
                if m is not None and read is not None:
                    dm_value, dm_attrs = read
                    ambiguous |= "ambiguous" in dm_attrs
                    clock = _clock_of(m, 5)
                    if clock is not None:
                        tv, ta = _with_clock(dm_value, dm_attrs, clock)
                        time(Found("time", cstart, m.end(), tv, ta))
                    date(cstart, m.end(4), dm_value, dm_attrs)
                    last_date = dm_value is not None
                    consumed = m.end() if clock is not None else m.end(4)
                    i += 1
                    continue
            if nxt in ("年", "月", " ") and " " in text[cend : cend + 4]:
                spaced = _spaced(text, cstart)
                if spaced is not None:
                    date(cstart, spaced[0], spaced[1], {})
                    last_date = True
                    consumed = spaced[0]
                    i += 1
                    continue
            roc = _roc_year(text, rows, cols, i) if nxt == "年" and start_c == cstart else None
            if roc is not None:
                date(roc[0], roc[1], roc[2], roc[3])
                last_date = True
                consumed = roc[1]
                i = max(roc[4], i + 1)
                continue
            if nxt == "年" and cend - cstart == 2 and start_c == cstart:
                short = _two_digit_year(text, rows, cols, i)
                if short is not None:
                    date(cstart, short[0], short[1], short[2])
                    last_date = True
                    consumed = short[0]
                    i = max(short[3], i + 1)
                    continue
        part = _part(text, rows, cols, i)
        if part is None and nxt in _DAY_MARKS:
            if rows.flags_l[i] & K.RANGE:
                span = _day_range(text, rows, i)
                if span is not None:  # 5至8日
                    date(cstart, span[0], span[1], {"range": True})
                    last_date = False
                    consumed = span[0]
            elif text[cstart - 2 : cstart] == "一月" and start_c == cstart:
                january = _january(text, cols, i, cstart, cend)
                if january is not None:  # 一月十日; 2024年一月十日 with the year read before it
                    start_j, value_j = cstart - 2, january
                    if last_date and d_end[-1] == start_j and len(d_value[-1] or "") == 4 and not d_attrs[-1]:
                        start_j, value_j = d_start.pop(), f"{d_value.pop()}{january[1:]}"
                        d_end.pop()
                        d_attrs.pop()
                    date(start_j, cend + 1, value_j, {})
                    last_date = False
                    consumed = cend + 1
            else:
                day = _lone_day(text, rows, cols, i)
                if day is not None:
                    end = cend + 1
                    day_attrs: dict[str, Any] = {}
                    to = _second_day(text, rows, cols, end, i + 1)
                    if to is not None and to[0] > cols.smalls[i]:  # 5日至8日
                        day, end, day_attrs = f"{day}/---{to[0]:02d}", to[1], {"range": True}
                    date(cstart, end, day, day_attrs)
                    last_date = False
                    consumed = end
            i += 1
            continue
        if part is None or not _valid(part.year, part.month, part.day):
            i += 1
            continue
        start, end, j = part.start, part.end, part.next
        value = _iso(part.year, part.month, part.day)
        attrs: dict[str, Any] = {}
        if part.month is None and part.year is not None and j < n and rows.start_l[j] == end:
            months = _month_pair(text, rows, j)  # 2023年5-8月
            if months is not None:
                value = f"{_iso(part.year, months[0], None)}/{_iso(part.year, months[1], None)}"
                attrs["range"] = True
                end, j = rows.cend_l[j] + 1, j + 1
                end += text.startswith("份", end)
        elif part.month is not None and part.day is None and j < n and rows.start_l[j] == end:
            span = _day_range(text, rows, j, after_month=True)  # 7月6至8日
            if span is not None:
                low, high = rows.values[j], rows.highs[j]
                if _valid(part.year, part.month, low) and _valid(part.year, part.month, high):
                    value = f"{_iso(part.year, part.month, low)}/{_iso(part.year, part.month, high)}"
                    attrs["range"] = True
                    end, j = span[0], j + 1
        if not attrs and end < len(text) and text[end] in _RANGE_SEP and j < n and rows.start_l[j] == end + 1:
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
    if d_start and ("历" in text or "曆" in text or "初" in text):
        # 农历八月十五, 九月初九: a month of the lunar calendar, which no Gregorian value states
        keep = [
            k
            for k, (a, b) in enumerate(zip(d_start, d_end))
            if text[a - 2 : a] not in _LUNAR
            and not (text[b : b + 1] == "初" and text[b + 1 : b + 2] in _LUNAR_DAYS and is_han(text[a : a + 1]))
        ]
        d_start, d_end = [d_start[k] for k in keep], [d_end[k] for k in keep]
        d_value, d_attrs = [d_value[k] for k in keep], [d_attrs[k] for k in keep]
    dates = (d_start, d_end, d_value, d_attrs)
    times = (t_start, t_end, t_value, t_attrs)
    at = marked
    found = len(at) > 0
    extras = _english(text, rows)
    if "元年" in text:
        extras += _first_years(text, dates)
    if "季" in text:  # one character is looked for faster than three words
        extras += _seasons(text)
    if "·" in text or "・" in text or "•" in text:
        extras += _middle_dot_days(text)
    if "世纪" in text or "世紀" in text or "年代" in text:
        extras += _centuries(text)
    # a few anchors are sorted by kind in Python (as lists), many with array masks
    few = len(at) <= ROW_BY_ROW
    marks = list(zip(at.tolist(), kinds.tolist())) if found and few else []
    if found:
        extras += _dotted(text, doc.code_points, [p for p, k in marks if k & DOT] if few else at[(kinds & DOT) != 0])
    if extras:
        extras.sort(key=lambda e: e.start)
        ambiguous |= any("ambiguous" in e.attrs for e in extras)
        _merge(dates, [(e.start, e.end, e.value, e.attrs) for e in extras])
        clocked = [(e.start, e.clock_end, e.clock_value, e.clock_attrs or {}) for e in extras if e.clock_end > e.end]
        if clocked:
            _merge(times, clocked)
    periods: list[tuple[int, int, str, dict[str, Any]]] = []
    if found and few:
        picked = [(p, k) for p, k in marks if k & (PERIOD | LETTER_PERIOD)]
        if picked:
            periods = find_periods(text, [p for p, _ in picked], [k for _, k in picked])
        relative_at: np.ndarray | list[int] = [p for p, k in marks if k & RELATIVE]
    elif found:
        pick = (kinds & (PERIOD | LETTER_PERIOD)) != 0
        if pick.any():
            periods = find_periods(text, at[pick], kinds[pick])
        relative_at = at[(kinds & RELATIVE) != 0]
    else:
        relative_at = at
    hits = _relative(doc, rows, cols, relative_at)
    if periods:
        if hits:  # 今年上半年 is one relative date: 上半年 alone is not read again
            hit_starts = [h[0] for h in hits]
            hit_ends = [h[1] for h in hits]
            periods = [
                p for p in periods if bisect.bisect_left(hit_starts, p[1]) == bisect.bisect_right(hit_ends, p[0])
            ]
        _merge(dates, periods)
    if hits:
        d_start.extend([h[0] for h in hits])
        d_end.extend([h[1] for h in hits])
        d_value.extend([None] * len(hits))
        d_attrs.extend([h[2] for h in hits])
    if "《" in text and d_start:
        _drop_named(text, dates)
    if d_start:
        _drop_terms(text, dates)
    return Readings(dates, times, ambiguous)


def _drop_terms(text: str, dates: tuple[list[Any], ...]) -> None:
    """Take out of ``dates`` (its columns, in place) the months that are terms of a sentence
    (:func:`.numerals.sentence_months`: 有期徒刑八月 was ``--08``), read as quantities."""
    terms = {start for start, _, _ in sentence_months(text)}
    if terms:
        _drop(dates, [k for k, (s, v) in enumerate(zip(dates[0], dates[2])) if s in terms and v and len(v) == 4])


def _drop(dates: tuple[list[Any], ...], out: list[int]) -> None:
    """Take the rows ``out`` out of ``dates``' columns, in place."""
    if out:
        gone = set(out)
        for column in dates:
            column[:] = [x for k, x in enumerate(column) if k not in gone]


def _drop_named(text: str, dates: tuple[list[Any], ...]) -> None:
    """Take out of ``dates`` (its columns, in place) the dates without a year in the name of a book, film or
    song (《十月围城》, 《四月物语》, 《明天会更好》): words of a name. A year is a fact (《2002年的第一场雪》)."""
    spans = title_spans(text)
    if not spans:
        return
    _drop(dates, [
        k
        for k, (s, e, v) in enumerate(zip(dates[0], dates[1], dates[2]))
        if in_spans(s, e, spans) and (v is None or v.startswith("--"))
    ])


def _schedule_by_row(rows: Rows, cols: _Cols) -> tuple[Any, ...]:
    """What :func:`dates_and_times` reads its rows with, made row by row for a scan of a few
    rows: the visits (:func:`_visits_by_row`), whether each is read for a clock time, whether
    it begins a plain date (:func:`_plain_by_row`), the visit read after the date, the last
    visit of its run of plain dates, and its start, end, next row and value; and the rows
    that would begin a plain date but for a space."""
    at = _visits_by_row(rows)
    if not at:
        return [], [], [], [], [], [], [], [], [], frozenset()
    plain, spaced = _plain_by_row(rows, cols)
    cafter = rows.cafter_l
    clocks = [cafter[i] not in _DATE_AFTER_CPS for i in at]
    start = rows.start_l
    starts_at = [start[i] for i in at]
    none = (0, 0, "")
    read = [plain.get(i, none) for i in at]
    is_plain = [i in plain for i in at]
    ends_at = [r[0] for r in read]
    nexts_at = [r[1] for r in read]
    values_at = [r[2] for r in read]
    m = len(at)
    then = [max(bisect.bisect_left(at, p_next), bisect.bisect_left(starts_at, p_end)) for p_end, p_next, _ in read]
    run_end = [0] * m
    brk = m - 1
    for k in range(m - 1, -1, -1):
        if not (is_plain[k] and then[k] == k + 1):
            brk = k
        run_end[k] = brk
    return at, clocks, is_plain, then, run_end, starts_at, ends_at, nexts_at, values_at, spaced


def _visits_by_row(rows: Rows) -> list[int]:
    """:func:`_visits` row by row, for a scan of a few rows."""
    if not len(rows):
        return []
    out = []
    columns = (
        rows.cafter_l, rows.after2_l, rows.before_l, rows.before2_l, rows.flags_l,
        rows.isint_l, rows.end_l, rows.cend_l,
    )  # fmt: skip
    for i, (ca, a2, b1, b2, fl, isint, e, ce) in enumerate(zip(*columns)):
        if (
            ca in _AFTER_CPS
            or ((ca == _FEN_FEN or ca == _KE) and fl & K.CHINESE and not isint)
            or (b1 in _POINT_CPS and b2 in _YI_CPS)
            or (ca in _DAY_MARK_CPS and e == ce and (b1 != _YUE or b2 == _YI))
            or (ca == 32 and (a2 == _NIAN or a2 == _YUE))
        ):
            out.append(i)
    return out


def _codes(table: np.ndarray) -> frozenset[int]:
    return frozenset(np.flatnonzero(table).tolist())


_AFTER_CPS = _codes(_IS_AFTER)
_DATE_AFTER_CPS = _codes(_IS_DATE_AFTER)
_POINT_CPS = _codes(_IS_POINT)
_YI_CPS = _codes(_IS_YI)


def _visits(rows: Rows) -> np.ndarray:
    """The rows a date or a time may begin at: a row followed by 年, 月, -, /, :, 点 or 时, a
    Chinese decimal followed by 分 or 刻 (三点零五分), a number after 一点 (一点二十分), a day
    alone (15日, 一月十日) and a number before a space and 年 or 月 (2021 年 3 月)."""
    if not len(rows):
        return _NO_ROWS
    cafter, before = rows.cafter, rows.before
    visit = _IS_AFTER[cafter]
    visit |= ((cafter == _FEN_FEN) | (cafter == _KE)) & ((rows.flags & K.CHINESE) != 0) & ~rows.isint
    visit |= _IS_POINT[before] & _IS_YI[rows.before2]
    day_row = _IS_DAY_MARK[cafter] & (rows.end == rows.cend)
    visit |= day_row & ((before != _YUE) | (rows.before2 == _YI))  # 15日 alone, 一月十日
    visit |= (cafter == 32) & ((rows.after2 == _NIAN) | (rows.after2 == _YUE))  # 2021 年 3 月
    return np.flatnonzero(visit)


_NO_ROWS = np.zeros(0, dtype=np.int64)


def _relative(doc: Document, rows: Rows, cols: _Cols, at: np.ndarray | list[int]) -> list[Hit]:
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

    return find_relative(text, at, rows, cols.years, part_at, day_at)


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


#: the order a region writes a numeric date with the year last in; ``None``: no custom
#: that settles 05/06/2024 (mainland and Taiwan pages write the year first)
REGIONS: dict[str | None, str | None] = {None: None, "cn": None, "tw": None, "hk": "dmy", "mo": "dmy", "us": "mdy"}


def _region(engine: str, value: object) -> str | None:
    if isinstance(value, str) and value.lower() in REGIONS:
        return value.lower()
    if value is None:
        return None
    known = ", ".join(sorted(r for r in REGIONS if r))
    raise ConfigError(
        f"{engine} engine: option 'region' must be one of {known} (day first: hk, mo; month first: us), "
        f"or None; got {value!r}"
    )


def _settle(
    values: list[str | None], attrs: list[dict[str, Any]], region: str | None
) -> tuple[list[str | None], list[dict[str, Any]]]:
    """The values of ambiguous numeric dates (05/06/2024) as ``region`` writes them, on copies."""
    order = REGIONS[region]
    if order is None:
        return values, attrs
    key = "day_first" if order == "dmy" else "month_first"
    values, attrs = list(values), list(attrs)
    for k, a in enumerate(attrs):
        if a.get("ambiguous"):
            values[k] = a[key]
            attrs[k] = {"order": order, "region": region}
    return values, attrs


class DateExtractor(ExtractJoined):
    """Calendar dates, date ranges and periods; relative dates (今天, 下周一, 去年) are valued
    against ``reference_date`` (see :mod:`hanpipe.builtin.extract.relative`); ``region``
    (``hk``, ``mo``: day first; ``us``: month first; ``cn``, ``tw``, None: neither) settles
    numeric dates that read both ways (05/06/2024), which otherwise have no value and
    ``attrs["ambiguous"]``."""

    name = "date"
    priority = PRIORITY_DATE

    def __init__(self, reference_date: dt.date | str | None = None, region: str | None = None) -> None:
        self.reference = _reference(reference_date)
        self.region = _region("date", region)

    def extract(self, doc: Document) -> Sequence[Entity]:
        readings = doc.view(dates_and_times)
        starts, ends, values, attrs = readings.dates
        if readings.ambiguous and self.region is not None:
            values, attrs = _settle(values, attrs, self.region)
        reference = self.reference
        if reference is not None and attrs and attrs[-1].get("relative"):
            resolved = [resolve(a, reference) if a.get("relative") else (v, a) for v, a in zip(values, attrs)]
            values = [v for v, _ in resolved]
            attrs = [a for _, a in resolved]
        return _entities(doc, "date", starts, ends, values, attrs)


class TimeExtractor(ExtractJoined):
    """Times of day, alone or after a date (``2023-05-20T13:21:01``); ``region`` settles a
    numeric date that reads both ways before a time (05/06/2024 18:30), as the date extractor's does."""

    name = "time"
    priority = PRIORITY_TIME

    def __init__(self, region: str | None = None) -> None:
        self.region = _region("time", region)

    def extract(self, doc: Document) -> Sequence[Entity]:
        readings = doc.view(dates_and_times)
        starts, ends, values, attrs = readings.times
        if readings.ambiguous and self.region is not None:
            values, attrs = _settle(values, attrs, self.region)
        return _entities(doc, "time", starts, ends, values, attrs)


def _entities(
    doc: Document, kind: str, starts: list[int], ends: list[int], values: list[str | None], attrs: list[Any]
) -> Sequence[Entity]:
    text = doc.text
    if not starts:
        return []
    if len(starts) < CUT_FROM:
        return Entities(kind, starts, ends, [text[s:e] for s, e in zip(starts, ends)], values, None, attrs)
    s, e = np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64)
    return Entities(kind, s, e, cut(text, doc.code_points, s, e), values, None, attrs)
