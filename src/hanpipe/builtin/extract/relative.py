"""Relative dates: 今天, 明天, 下周一, 上个月, 去年, 3天后, 两周前 (kind ``date``).

What is written is kept in ``attrs`` (``relative`` is True) as offsets from
the day of writing, and valued when the date extractor has a
``reference_date``; without one the value is ``None``.

==========================================  ===============================  ===================
written                                     attrs                            value
==========================================  ===============================  ===================
今天 明天 后天 大后天 昨天 前天 大前天          offset_days (0, 1, 2, 3, -1 ...)  2024-03-16
3天后, 两天前, 一天以后, 十天之前               offset_days (3, -2, 1, -10)      2024-03-18
两周前, 三个星期后, 一个礼拜后                  offset_days (-14, 21, 7)         2024-03-01
下周一, 上周五, 本周五, 这周三, 上星期天         offset_weeks, weekday (1 to 7)   2024-03-18
下周, 上个星期, 本周                           offset_weeks                     2024-W12 (ISO week)
上个月, 下个月, 本月, 上月                      offset_months                    2024-02
下个月5号, 上月底                              offset_months, day or part       2024-04-05, 2024-02
三个月后, 一个月前                             offset_months                    2024-06
今年, 去年, 明年, 前年, 后年 (年底, 3月5日 ...)   offset_years, month, day, part   2023, 2023-03-05
5年前, 一年后                                 offset_years                     2019
今年上半年, 去年第四季度, 明年一季度, 今年首季     offset_years, half or quarter    2024-H1, 2023-Q4
==========================================  ===============================  ===================

The same kernel pass finds the anchors of absolute periods (:func:`find_periods`):
quarters (2024年第一季度 → ``2024-Q1``, 三季度 → ``Q3``, 2024Q1, Q1 2024, 前三季度 →
``Q1/Q3``) and halves (2024年下半年 → ``2024-H2``, 上半年 → ``H1``, H1 2024), and the
dots after digits that dotted dates begin with (read in :mod:`.dates`).

Weeks start on Monday (ISO 8601); 星期天, 周日 and 礼拜天 are day 7. A written
day that the reference makes impossible (明年2月29日 from 2024) keeps its span
and its attrs but no value, with ``attrs["invalid"] = True``: a date that is
not on the calendar is never a value.

Words are found from a few anchor characters (天, 周, 週, 星, 拜, 月, 年) right
after a character that may begin them (今天, 上周, 去年), in one kernel pass
(:func:`hanpipe.builtin.extract._kernels.marks`), and a look at the characters around
each hit; counts (3天后) from the number scan's rows. The cost is linear. Words that
only look like relative dates are left alone: 之前天气, 最后天堂 (前天, 后天 in
other words), 先天后天性, 这周围, 周边, 周年, 本周末, 登上月球, 以前年轻,
下周一起 (together), 第一天后, 三五天后 (approximate counts).
"""

from __future__ import annotations

import calendar
import datetime as dt
import operator
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from . import _kernels as K
from .numerals import ROW_BY_ROW, Rows

__all__ = ["anchors", "find_periods", "find_relative", "period_after", "resolve"]

#: one relative date: (start, end, attrs)
Hit = tuple[int, int, dict[str, Any]]
_START = operator.itemgetter(0)

_DAYS = {"今": 0, "明": 1, "昨": -1, "后": 2, "後": 2, "前": -2}
#: a character before 前/后 that makes them the end of another word (之前, 最后, 皇后)
_QIANHOU_WORDS = frozenset(
    "之以提事目面当當此眼空生从從向往跟战戰赛賽课課考婚产產术術睡饭飯会會"
    "然最随隨先今背落稍午其而身幕善滞滯延皇王太过過日年月天周週"
)
#: a character after 前天/后天 that makes 天 the start of another word (天然, 天使, 后天性)
_TIAN_WORDS = frozenset("然使才地津文堂赋賦涯猫貓府主性")
#: a character after 前年/后年 that makes 年 the start of another word (年轻, 年代)
_NIAN_WORDS = frozenset("轻輕纪紀代度份级級限会會龄齡薪华華迈邁头頭")
_WEEK_OFFSET = {"上": -1, "下": 1, "本": 0, "这": 0, "這": 0}
#: before 上 or 下 these make a word (马上, 晚上, 以下): no week or month follows
_SHANGXIA_WORDS = frozenset("马馬晚早网網线線以之加身路会會界际際实實地天乡鄉底手私眼当當一两兩陛部留剩放拿写寫接落")
_WEEKDAYS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7}
#: a weekday character and the next one that make a word instead (下周一起, 本周三天)
_WEEKDAY_WORDS = frozenset(
    "一起 一直 一定 一样 一樣 一般 一些 一下 一次 一共 一点 一點 一周 一天 一个 一個 一批 一步 "
    "二天 三天 四天 五天 六天 日报 日報 日子 日常 日程 天气 天氣 天天 天内 天內".split()
)
#: after 周/星期 with no weekday, these make another word (周围, 周年, 本周末)
_WEEK_WORDS = frozenset("围圍边邊长長转轉年岁歲期刊末")
#: after 上月/下月/本月 these make another word (月球, 月亮)
_MONTH_WORDS = frozenset("球亮光台臺饼餅色食牙宫宮")
#: after a year word: 去年年底, 今年初 (not 今年中国: 中 and 末 only after 年)
_YEAR_PARTS = ("年底", "年初", "年中", "年末", "底", "初")
_PART_FIRST = frozenset(p[0] for p in _YEAR_PARTS)
#: after a month word: 上个月底, 本月初, 上月末
_MONTH_PARTS = ("底", "初", "末")
_YEARS = {"今": 0, "去": -1, "明": 1, "前": -2, "后": 2, "後": 2}
_BEFORE_AFTER = {"前": -1, "后": 1, "後": 1}
#: numeral characters: 一 after one of these is part of a larger count (二十一天后)
_NUMERAL = frozenset("0123456789０１２３４５６７８９零〇一二两兩三四五六七八九十百千万萬亿億多余几幾")
#: before 一天, 一周 ...: an ordinal or a determiner, not a count (第一天后, 同一天)
_NOT_COUNT = frozenset("第每同这這那哪某唯单單统統")
_COUNT_UNITS = (
    ("个星期", "w"),
    ("個星期", "w"),
    ("个礼拜", "w"),
    ("個禮拜", "w"),
    ("星期", "w"),
    ("礼拜", "w"),
    ("禮拜", "w"),
    ("个月", "m"),
    ("個月", "m"),
    ("天", "d"),
    ("周", "w"),
    ("週", "w"),
    ("年", "y"),
)


def _table(chars: str) -> np.ndarray:
    table = np.zeros(65536, dtype=bool)
    table[[ord(c) for c in chars]] = True
    return table


#: a count row is followed by a one-character unit and a direction (3天后, 5年以前), by 个 and
#: 月/星期/礼拜 (三个月后), or by 星期/礼拜 (两星期前)
_UNIT1 = _table("天周週年")
_DIRECTION1 = _table("前后後以之")
_GE = _table("个個")
_AFTER_GE = _table("月星礼禮")
_WEEK_FIRST = _table("星礼禮")
_WEEK_SECOND = _table("期拜")
#: the same pairs as sets: per first character, the second characters that make a pair
_SECOND_CPS: dict[int, frozenset[int]] = {}
for _firsts, _seconds in (("天周週年", "前后後以之"), ("个個", "月星礼禮"), ("星礼禮", "期拜")):
    for _c in _firsts:
        _SECOND_CPS[ord(_c)] = _SECOND_CPS.get(ord(_c), frozenset()) | frozenset(map(ord, _seconds))
#: anchor characters (bit per kind) and the characters that may stand right before each;
#: besides the relative words, the pass finds a period (一季度, 第3季, 首季, 上半年: the
#: 季 or 半), a Q or H period (Q3, H1: the digit) and a dot after a digit (2021.3.15)
_DAY, _WEEK, _MONTH, _YEAR = 1, 2, 4, 8
RELATIVE = _DAY | _WEEK | _MONTH | _YEAR
DOT, PERIOD, LETTER_PERIOD = 16, 32, 64
_MARK = np.zeros(65536, dtype=np.uint8)
_PRE = np.zeros(65536, dtype=np.uint8)
for _chars, _bit, _before in (
    ("天", _DAY, "今明昨后後前一"),
    ("周週星拜", _WEEK, "上下本这這个個一礼禮"),
    ("月", _MONTH, "上下本个個"),
    ("年", _YEAR, "今去明前后後一"),
    (".", DOT, "0123456789"),
    ("季", PERIOD, "一二三四1234首"),
    ("半", PERIOD, "上下"),
    ("1234", LETTER_PERIOD, "QH"),
):
    _MARK[[ord(c) for c in _chars]] = _bit
    for _c in _before:
        _PRE[ord(_c)] |= _bit
_UNITS_BY_FIRST: dict[str, list[tuple[str, str]]] = {}
for _unit, _code in _COUNT_UNITS:
    _UNITS_BY_FIRST.setdefault(_unit[0], []).append((_unit, _code))
_BAD = K.RANGE | K.APPROX | K.PERCENT | K.PERMILLE | K.NEG | K.FRACTION | K.OVERFLOW | K.DIGITSTR


def _count_attrs(unit: str, n: int) -> dict[str, Any]:
    if unit == "d":
        return {"relative": True, "offset_days": n}
    if unit == "w":
        return {"relative": True, "offset_days": 7 * n}
    if unit == "m":
        return {"relative": True, "offset_months": n}
    return {"relative": True, "offset_years": n}


def _direction(text: str, p: int) -> tuple[int, int] | None:
    """``(sign, end)`` of 前/后 at ``p``, after an optional 以 or 之 (3天以后); not 前后 (around)."""
    if text[p : p + 1] in ("以", "之"):
        p += 1
    sign = _BEFORE_AFTER.get(text[p : p + 1])
    if sign is None or text[p + 1 : p + 2] in _BEFORE_AFTER:
        return None
    return sign, p + 1


def _one(text: str, start: int) -> bool:
    """一 at ``start`` counts one unit: no numeral, ordinal or determiner right before it."""
    before = text[start - 1 : start] if start > 0 else ""
    return text[start : start + 1] == "一" and before not in _NUMERAL and before not in _NOT_COUNT


def _day_at(text: str, at: int, out: list[Hit]) -> None:
    c = text[at - 1]
    offset = _DAYS.get(c)
    if offset is not None:
        start = at - 1
        if c in "前后後" and text[at - 2 : at - 1] == "大" and at >= 2:
            out.append((at - 2, at + 1, {"relative": True, "offset_days": offset + (1 if offset > 0 else -1)}))
        elif c not in "前后後" or (
            text[at - 2 : at - 1] not in _QIANHOU_WORDS and text[at + 1 : at + 2] not in _TIAN_WORDS
        ):
            out.append((start, at + 1, {"relative": True, "offset_days": offset}))
    elif c == "一" and _one(text, at - 1):
        got = _direction(text, at + 1)
        if got is not None:
            out.append((at - 1, got[1], {"relative": True, "offset_days": got[0]}))


def _prefix(text: str, at: int) -> tuple[int, int] | None:
    """``(offset, start)`` of 上/下/本/这 (上上, 下下; 个 between) ending right before ``at``."""
    p = at
    if text[p - 1 : p] in ("个", "個") and p >= 1:
        p -= 1
    c = text[p - 1 : p] if p >= 1 else ""
    offset = _WEEK_OFFSET.get(c)
    if offset is None:
        return None
    start = p - 1
    before = text[start - 1 : start] if start >= 1 else ""
    if c in ("上", "下") and before == c:
        return 2 * offset, start - 1
    if c in ("上", "下") and before in _SHANGXIA_WORDS:
        return None
    return offset, start


def _week_at(text: str, at: int, anchor: str, out: list[Hit]) -> None:
    if anchor == "星":
        if text[at + 1 : at + 2] != "期":
            return
        word_start, word_end = at, at + 2
    elif anchor == "拜":
        if text[at - 1 : at] not in ("礼", "禮"):
            return
        word_start, word_end = at - 1, at + 1
    else:
        word_start, word_end = at, at + 1
    if (text[word_start - 1 : word_start] == "一" and word_start >= 1) or (
        text[word_start - 2 : word_start] in ("一个", "一個") and word_start >= 2
    ):
        one = word_start - 1 if text[word_start - 1] == "一" else word_start - 2
        if _one(text, one):
            got = _direction(text, word_end)
            if got is not None:
                out.append((one, got[1], {"relative": True, "offset_days": 7 * got[0]}))
        return
    pre = _prefix(text, word_start)
    if pre is None:
        return
    offset, start = pre
    day = _WEEKDAYS.get(text[word_end : word_end + 1])
    if day is not None and text[word_end : word_end + 2] not in _WEEKDAY_WORDS:
        out.append((start, word_end + 1, {"relative": True, "offset_weeks": offset, "weekday": day}))
    elif text[word_end : word_end + 1] not in _WEEK_WORDS:
        out.append((start, word_end, {"relative": True, "offset_weeks": offset}))


def _month_at(text: str, at: int, out: list[Hit], day_at: Callable[[int], tuple[int, int] | None]) -> None:
    before = text[at - 1]
    if before in ("个", "個") and at >= 2 and _one(text, at - 2):
        got = _direction(text, at + 1)
        if got is not None:
            out.append((at - 2, got[1], {"relative": True, "offset_months": got[0]}))
    elif (before in _WEEK_OFFSET and not (before in "这這" or text[at + 1 : at + 2] in _MONTH_WORDS)) or (
        before in ("个", "個")
    ):
        pre = _prefix(text, at)
        if pre is not None:
            offset, start = pre
            attrs: dict[str, Any] = {"relative": True, "offset_months": offset}
            end = at + 1
            if text[end : end + 1] == "份":
                end += 1
            if text[end : end + 1] in _MONTH_PARTS:
                attrs["part"] = text[end]
                end += 1
            else:
                day = day_at(end)
                if day is not None:
                    attrs["day"], end = day
            out.append((start, end, attrs))


def _year_at(text: str, at: int, out: list[Hit], part_at: Callable[[int], tuple[int, int | None, int] | None]) -> None:
    c = text[at - 1]
    offset = _YEARS.get(c)
    start = at - 1
    if c == "一" and _one(text, at - 1):
        got = _direction(text, at + 1)
        if got is not None:
            out.append((start, got[1], {"relative": True, "offset_years": got[0]}))
        offset = None
    elif offset is not None and c in "前后後":
        if text[at - 2 : at - 1] == "大" and at >= 2:
            offset += 1 if offset > 0 else -1
            start -= 1
        elif (
            text[at - 2 : at - 1] in _QIANHOU_WORDS
            or text[at - 2 : at - 1] in _NUMERAL
            or text[at + 1 : at + 2] in _NIAN_WORDS
        ):
            offset = None
    if offset is not None:
        end = at + 1
        attrs: dict[str, Any] = {"relative": True, "offset_years": offset}
        nxt = text[end : end + 1]
        period = period_after(text, end) if nxt in _PERIOD_FIRST else None
        if period is not None:
            attrs[period[0]] = period[1]
            end = period[2]
        elif nxt in _PART_FIRST:
            for part in _YEAR_PARTS:
                if text.startswith(part, end):
                    attrs["part"] = part[-1]
                    end += len(part)
                    break
        elif nxt in _NUMERAL:
            part_read = part_at(end)
            if part_read is not None:
                attrs["month"] = part_read[0]
                if part_read[1] is not None:
                    attrs["day"] = part_read[1]
                end = part_read[2]
        out.append((start, end, attrs))


def _counts(text: str, rows: Rows, years: Sequence[int], out: list[Hit]) -> None:
    """3天后, 两周前, 三个月后, 5年前: a plain count before a unit and 前/后; with the counts of
    larger units before it (3年6个月后, 一年零三个月前, 两周零3天后)."""
    if not len(rows):
        return
    for i in _count_rows(rows):
        end = rows.end_l[i]
        for unit, code in _UNITS_BY_FIRST[text[end]]:
            if text.startswith(unit, end):
                if code == "y" and years[i] >= 0:
                    break  # 2000年前: a year
                got = _direction(text, end + len(unit))
                if got is not None:
                    parts = _larger_parts(text, rows, years, i, {code: int(rows.ints[i])})
                    if parts is not None:
                        out.append((parts[0], got[1], _compound_attrs(parts[1], got[0])))
                break


#: the units of a count from the largest, and the characters that may join two counts (3年零6个月)
_RANK = {"y": 0, "m": 1, "w": 2, "d": 3}
_JOINERS = ("零", "又")


def _larger_parts(
    text: str, rows: Rows, years: Sequence[int], i: int, counts: dict[str, int]
) -> tuple[int, dict[str, int]] | None:
    """Where the count of row ``i`` begins with the counts of larger units written right before it
    (3年6个月, 1年零3个月, 两周又3天, 一个月零三天), and all of them by unit; None when a larger unit
    stands before it whose count is not one (第一年零三个月后, 98年3个月后: no offset from today)."""
    start = rows.start_l[i]
    smallest = next(iter(counts))
    while True:
        joint = start - 1 if start > 0 and text[start - 1] in _JOINERS else start
        unit = next(
            (
                (u, code)
                for u, code in _COUNT_UNITS
                if _RANK[code] < _RANK[smallest] and code not in counts and text.startswith(u, joint - len(u))
            ),
            None,
        )
        if unit is None:
            return start, counts
        word, code = unit
        before = joint - len(word)
        j = i - 1
        if j >= 0 and rows.end_l[j] == before and _whole_count(rows, j):
            n = int(rows.ints_l[j])
            if code == "y" and (years[j] >= 0 or n >= _MOST_YEARS):
                return None  # 2020年3个月后, 98年3个月后: a year, not a count of years
            counts[code], start, i = n, rows.start_l[j], j
        elif before >= 1 and _one(text, before - 1):
            counts[code], start = 1, before - 1  # 一个月零三天后: 一 is no row
        else:
            return None
        smallest = code


#: a count of years in a compound before 前/后 is below this (98年3个月后 is the year 1998)
_MOST_YEARS = 50


def _whole_count(rows: Rows, j: int) -> bool:
    """Whether row ``j`` is a plain whole count of at least 1, or 零 and a digit after a unit (零一个月)."""
    bad = rows.flags_l[j] & _BAD
    joined = bad == K.DIGITSTR and rows.end_l[j] - rows.start_l[j] == 2 and bool(_JOINED_AFTER[rows.before_l[j]])
    return (
        (not bad or joined)
        and rows.start_l[j] == rows.cstart_l[j]
        and rows.end_l[j] == rows.cend_l[j]
        and bool(rows.isint_l[j])
        and rows.ints_l[j] >= 1
    )


def _compound_attrs(counts: dict[str, int], sign: int) -> dict[str, Any]:
    """The offsets of a count by unit: one unit as written (offset_years ...); years with months in
    months, weeks with days in days, and months or years with days as months and days."""
    if len(counts) == 1:
        ((code, n),) = counts.items()
        return _count_attrs(code, sign * n)
    months = 12 * counts.get("y", 0) + counts.get("m", 0)
    days = 7 * counts.get("w", 0) + counts.get("d", 0)
    attrs: dict[str, Any] = {"relative": True}
    if months:
        attrs["offset_months"] = sign * months
    if days:
        attrs["offset_days"] = sign * days
    return attrs


def _count_rows(rows: Rows) -> list[int]:
    """The rows :func:`_counts` reads: a plain whole number of at least 1, followed by a unit
    and a direction (their first two characters); row by row for a scan of a few rows."""
    if len(rows) > ROW_BY_ROW:
        after, after2 = rows.after, rows.after2
        pick = (_UNIT1[after] & _DIRECTION1[after2]) | (_GE[after] & _AFTER_GE[after2])
        pick |= _WEEK_FIRST[after] & _WEEK_SECOND[after2]
        bad = rows.flags & _BAD
        joined = (bad == K.DIGITSTR) & (rows.end - rows.start == 2) & _JOINED_AFTER[rows.before]
        pick &= ((bad == 0) | joined) & rows.isint & (rows.start == rows.cstart)
        pick &= (rows.end == rows.cend) & (rows.ints >= 1)
        return np.flatnonzero(pick).tolist()
    return [
        i
        for i, (a1, a2) in enumerate(zip(rows.after_l, rows.after2_l))
        if a2 in _SECOND_CPS.get(a1, ()) and _whole_count(rows, i)
    ]


#: the last character of a count's unit: a digit string of two right after it is 零 and a digit
#: (一年零三个月后), read as the digit
_JOINED_AFTER = _table("年月周週期拜天")


_QUARTER_NUMBER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4, "首": 1}
#: before N季度 these make it another quarter (每一季度, 上一季度, 这三季度) or a count (两季度)
_NOT_BEFORE_QUARTER = frozenset("每各这這那哪同上下本近头頭两兩几幾多数數个個该該另")
_YEAR_DIGITS = {
    c: d for d, cs in enumerate(("0〇零", "1一", "2二", "3三", "4四", "5五", "6六", "7七", "8八", "9九")) for c in cs
}
_ASCII_DIGITS = frozenset("0123456789")
#: after a Q or H period with no year, these make it a label (Q3：, Q3. in a list of questions)
_LABEL_AFTER = frozenset(":：.、)）]】")


def _is_ascii_letter(c: str) -> bool:
    return ("a" <= c <= "z") or ("A" <= c <= "Z")


def year_before(text: str, pos: int) -> tuple[int, int] | None:
    """``(year, start)`` of a four-digit year ending right before ``pos`` (2024, 二〇二四),
    with 年 between or nothing (2024年第一季度, 2024上半年, 2024Q1)."""
    q = pos - 1 if text[pos - 1 : pos] == "年" else pos
    if q < 4:
        return None
    chars = text[q - 4 : q]
    arabic = all(c in _ASCII_DIGITS for c in chars)
    if not arabic and not all(c in _YEAR_DIGITS and c not in _ASCII_DIGITS for c in chars):
        return None
    before = text[q - 5 : q - 4] if q >= 5 else ""
    if before in _YEAR_DIGITS or before in ("．", "."):
        return None
    year = int("".join(str(_YEAR_DIGITS[c]) for c in chars))
    return (year, q - 4) if year >= 1 else None


def period_after(text: str, pos: int) -> tuple[str, int, int] | None:
    """A half or a quarter written right after a year at ``pos``: ``(key, n, end)`` with key
    ``half`` or ``quarter`` (上半年, 下半年度, 第一季度, 三季度, 第3季, 首季, Q3)."""
    c = text[pos : pos + 1]
    if c in ("上", "下") and text.startswith("半年", pos + 1):
        end = pos + 3 + (text[pos + 3 : pos + 4] == "度")
        return "half", 1 if c == "上" else 2, end
    p = pos + (c == "第")
    n = _QUARTER_NUMBER.get(text[p : p + 1])
    if n is not None and text[p + 1 : p + 2] == "季" and not (c == "第" and text[p] == "首"):
        end = p + 2 + (text[p + 2 : p + 3] == "度")
        if end == p + 3 or c == "第" or text[p] == "首":
            return "quarter", n, end
        return None
    if c == "Q" and text[pos + 1 : pos + 2] in ("1", "2", "3", "4"):
        after = text[pos + 2 : pos + 3]
        if not (after in _ASCII_DIGITS or _is_ascii_letter(after)):
            return "quarter", int(text[pos + 1]), pos + 2
    return None


_PERIOD_FIRST = frozenset("上下第一二三四1234首Q")


def _iso_period(year: int | None, letter: str, n: int) -> str:
    return f"{year:04d}-{letter}{n}" if year is not None else f"{letter}{n}"


#: one period: (start, end, value, attrs)
Period = tuple[int, int, str, dict[str, Any]]


#: after 第一季 or 首季 with no year and no 度, words that make it a quarter of the year
#: (第一季GDP, 首季業績), not a season of a show (《歌手》第三季)
_BUSINESS_WORDS = frozenset(
    "GDP 业绩 業績 财报 財報 营收 營收 收入 盈利 利润 利潤 经济 經濟 增长 增長 销售 銷售 出口 进口 進口".split()
)


def _is_business(text: str, end: int) -> bool:
    return (
        text[end : end + 1] in _BUSINESS_WORDS or text[end : end + 2] in _BUSINESS_WORDS or text[end : end + 3] == "GDP"
    )


def _quarter_at(text: str, p: int) -> Period | None:
    """The quarter whose 季 is at ``p`` (第一季度, 一季度, 第3季, 首季, 前三季度, with a year before)."""
    numeral = text[p - 1]
    n = _QUARTER_NUMBER[numeral]
    start = p - 1
    before = text[start - 1 : start] if start else ""
    low = n
    at = start - (before == "第")
    if text[at - 1 : at] in _QUARTER_JOINERS and at >= 2 and numeral != "首":
        # the last of a range or a list (1-3季度, 一至三季度, 一、二季度): the quarters from the first
        stretch = _quarters_before(text, start)
        if stretch is None:
            return None
        low, start = stretch
    elif before == "第" and numeral != "首":
        start -= 1
    elif before == "前" and numeral in "二三四234":
        start -= 1
        low = 1  # 前三季度: the first three quarters
    elif before in _NOT_BEFORE_QUARTER or before in _NUMERAL or before == "第":
        return None
    end = p + 1
    if text[end : end + 1] == "度":
        end += 1
    year = year_before(text, start)
    if end == p + 1 and year is None and not _is_business(text, end):
        return None  # 第三季, 首季 with no year and no 度: a season of a show, the first season
    if year is not None:
        start = year[1]
    y = year[0] if year is not None else None
    if low != n:
        return start, end, f"{_iso_period(y, 'Q', low)}/{_iso_period(y, 'Q', n)}", {"quarter": n, "range": True}
    return start, end, _iso_period(y, "Q", n), {"quarter": n}


#: what joins the quarters of a range or a list before 季度 (1-3季度, 一至三季度, 一、二季度)
_QUARTER_JOINERS = frozenset("-−－—–~～至到、")
_RANGE_JOINERS = _QUARTER_JOINERS - {"、"}


def _quarters_before(text: str, start: int) -> tuple[int, int] | None:
    """For the quarter numeral at ``start``, after a joiner (and 第): ``(first quarter, where the
    range or the list begins)``, or None when it names quarters that are no one stretch.

    A range goes up (1-3季度, 第一至第三季度) and ends the walk back; a list goes up one
    quarter at a time (一、二、三季度). A list that skips a quarter (一、三季度) is read as
    before, the last quarter alone (Q3): it does name that quarter, and a quarter in it
    holds no count (三季 is no quantity there); so is a quarter after one written whole
    (第一季度至第三季度: each is read). A numeral that is part of a longer number (11-2季度)
    or a range that goes down names no quarter.
    """
    last = _QUARTER_NUMBER[text[start]]
    k = start
    while True:
        at = k - (text[k - 1 : k] == "第")
        if not (at >= 2 and text[at - 1] in _QUARTER_JOINERS):
            break
        joiner, numeral = text[at - 1], text[at - 2]
        value = _QUARTER_NUMBER.get(numeral)
        if value is None or numeral == "首":
            break  # 第一季度至第三季度, 一季度、二季度: a quarter of its own before the joiner
        if at >= 3 and text[at - 3] in _NUMERAL:
            return None
        if joiner == "、" and value != last - 1:
            return (last, k) if k < start else (last, start - (text[start - 1 : start] == "第"))
        if joiner in _RANGE_JOINERS and value >= last:
            return None
        last, k = value, at - 2
        if joiner in _RANGE_JOINERS:
            break
    return last, k - (text[k - 1 : k] == "第")


def _half_at(text: str, p: int) -> Period | None:
    """The half whose 半 is at ``p`` (上半年, 2024年下半年, 上半年度)."""
    if text[p + 1 : p + 2] != "年":
        return None
    start = p - 1
    if text[start - 1 : start] in _SHANGXIA_WORDS and start:
        return None  # 马上半年: 马上 and 半年
    end = p + 2 + (text[p + 2 : p + 3] == "度")
    n = 1 if text[start] == "上" else 2
    year = year_before(text, start)
    if year is not None:
        return year[1], end, _iso_period(year[0], "H", n), {"half": n}
    return start, end, _iso_period(None, "H", n), {"half": n}


def _letter_at(text: str, p: int) -> Period | None:
    """The Q or H period whose digit is at ``p``: 2024Q1, 2024 Q1, 2024年Q3, Q3 2024, H1 2024;
    Q3 alone (not a label, Q3：); H1 only with a year (alone it is a heading, or hydrogen)."""
    letter, n = text[p - 1], int(text[p])
    start, end = p - 1, p + 1
    if (letter == "H" and n > 2) or (start and _is_ascii_letter(text[start - 1])):
        return None
    after = text[end : end + 1]
    if after in _ASCII_DIGITS or _is_ascii_letter(after) or after in ("'", "’"):
        return None
    lead = start - (text[start - 1 : start] == " " and start >= 1)
    year = year_before(text, lead) if lead >= 4 else None
    if year is not None:
        start = year[1]
        y: int | None = year[0]
    else:
        q = end + (after in (" ", "-"))
        digits = text[q : q + 4]
        if len(digits) == 4 and all(c in _ASCII_DIGITS for c in digits) and text[q + 4 : q + 5] not in _ASCII_DIGITS:
            y, end = int(digits), q + 4
        elif letter == "H" or after in _LABEL_AFTER or (start and text[start - 1] in _ASCII_DIGITS):
            return None
        else:
            y = None
    if y is not None and y < 1:
        return None
    return start, end, _iso_period(y, letter, n), {"half" if letter == "H" else "quarter": n}


def find_periods(text: str, at: np.ndarray | list[int], kinds: np.ndarray | list[int]) -> list[Period]:
    """Quarters and halves: ``at`` are the positions of their anchors (from :func:`anchors`) and
    ``kinds`` their bits (``PERIOD`` for 季 and 半, ``LETTER_PERIOD`` for the digit of Q3);
    arrays, or lists when there are few."""
    out: list[Period] = []
    last = 0
    at_l = at if isinstance(at, list) else at.tolist()
    kinds_l = kinds if isinstance(kinds, list) else kinds.tolist()
    for p, kind in zip(at_l, kinds_l):
        # the anchors of 季 and 半 share one bit, and so the characters that may stand before
        # either: 上季度 and 1半年 are neither a quarter nor a half
        if kind & LETTER_PERIOD:
            hit = _letter_at(text, p)
        elif text[p] == "季":
            hit = _quarter_at(text, p) if text[p - 1] in _QUARTER_NUMBER else None
        else:
            hit = _half_at(text, p) if text[p - 1] in "上下" else None
        if hit is not None and hit[0] >= last:
            out.append(hit)
            last = hit[1]
    return out


def anchors(cps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The anchor positions of the text (one kernel pass) and, for each, its kind's bit
    (``RELATIVE`` bits, ``DOT``, ``PERIOD``, ``LETTER_PERIOD``)."""
    at = np.empty(max(64, len(cps) // 128), dtype=np.int64)
    count = K.marks(cps, _MARK, _PRE, at)
    if count > len(at):
        at = np.empty(count, dtype=np.int64)
        K.marks(cps, _MARK, _PRE, at)
    at = at[:count]
    if not count:
        return at, np.zeros(0, dtype=np.uint8)
    return at, _MARK[cps[at]] & _PRE[cps[at - 1]]


def find_relative(
    text: str,
    at: np.ndarray | list[int],
    rows: Rows,
    years: Sequence[int],
    part_at: Callable[[int], tuple[int, int | None, int] | None],
    day_at: Callable[[int], tuple[int, int] | None],
) -> list[Hit]:
    """The relative dates of ``text``, leftmost first, none overlapping another (the longer wins).

    ``at`` are the positions of the relative anchors (from :func:`anchors`; an array, or a list
    when there are few) and ``rows`` the text's number scan; ``years`` marks
    the rows that are four-digit years; ``part_at(pos)`` reads a month (and day)
    starting at ``pos`` as ``(month, day, end)``, ``day_at(pos)`` a day (``5号``) as
    ``(day, end)``.
    """
    out: list[Hit] = []
    for a in at if isinstance(at, list) else at.tolist():
        c = text[a]
        if c == "天":
            _day_at(text, a, out)
        elif c == "月":
            _month_at(text, a, out, day_at)
        elif c == "年":
            _year_at(text, a, out, part_at)
        else:
            _week_at(text, a, c, out)
    _counts(text, rows, years, out)
    if len(out) < 2:
        return out
    out.sort(key=_START)  # stable, by start alone: a C-level key
    kept = [out[0]]
    for hit in out[1:]:
        if hit[0] >= kept[-1][1]:
            kept.append(hit)
        elif hit[0] == kept[-1][0] and hit[1] > kept[-1][1]:
            kept[-1] = hit  # the same start: the longer wins
    return kept


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + month - 1 + n
    return k // 12, k % 12 + 1


def _year(year: int) -> int:
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise ValueError(f"year {year} is out of range")
    return year


def resolve(attrs: dict[str, Any], reference: dt.date) -> tuple[str | None, dict[str, Any]]:
    """The ISO value of a relative date against ``reference``, and its attrs
    (``invalid`` added when the written day is not on the calendar, or past year 1 or 9999)."""
    try:
        if "offset_days" in attrs:
            day = reference
            if "offset_months" in attrs:  # 1个月零5天后: the months first, on the nearest day that is
                year, month = _add_months(reference.year, reference.month, attrs["offset_months"])
                day = dt.date(_year(year), month, min(reference.day, calendar.monthrange(year, month)[1]))
            return (day + dt.timedelta(days=attrs["offset_days"])).isoformat(), attrs
        if "offset_weeks" in attrs:
            monday = reference - dt.timedelta(days=reference.weekday()) + dt.timedelta(weeks=attrs["offset_weeks"])
            if "weekday" in attrs:
                return (monday + dt.timedelta(days=attrs["weekday"] - 1)).isoformat(), attrs
            year, week, _ = monday.isocalendar()
            return f"{_year(year):04d}-W{week:02d}", attrs
        if "offset_months" in attrs:
            year, month = _add_months(reference.year, reference.month, attrs["offset_months"])
            if "day" in attrs:
                return dt.date(year, month, attrs["day"]).isoformat(), attrs
            return f"{_year(year):04d}-{month:02d}", attrs
        year = _year(reference.year + attrs["offset_years"])
        if "half" in attrs:
            return f"{year:04d}-H{attrs['half']}", attrs
        if "quarter" in attrs:
            return f"{year:04d}-Q{attrs['quarter']}", attrs
        if "month" not in attrs:
            return f"{year:04d}", attrs
        if "day" not in attrs:
            return f"{year:04d}-{attrs['month']:02d}", attrs
        return dt.date(year, attrs["month"], attrs["day"]).isoformat(), attrs
    except (ValueError, OverflowError):  # 明年2月29日 from 2024; a year past 9999
        return None, {**attrs, "invalid": True}
