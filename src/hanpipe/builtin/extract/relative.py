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
==========================================  ===============================  ===================

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

import datetime as dt
from collections.abc import Callable
from typing import Any

import numpy as np

from . import _kernels as K
from .numerals import Rows

__all__ = ["find_relative", "resolve"]

#: one relative date: (start, end, attrs)
Hit = tuple[int, int, dict[str, Any]]

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
#: anchor characters (bit per kind) and the characters that may stand right before each
_DAY, _WEEK, _MONTH, _YEAR = 1, 2, 4, 8
_MARK = np.zeros(65536, dtype=np.uint8)
_PRE = np.zeros(65536, dtype=np.uint8)
for _chars, _bit, _before in (
    ("天", _DAY, "今明昨后後前一"),
    ("周週星拜", _WEEK, "上下本这這个個一礼禮"),
    ("月", _MONTH, "上下本个個"),
    ("年", _YEAR, "今去明前后後一"),
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
        if nxt in _PART_FIRST:
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


def _counts(text: str, rows: Rows, years: np.ndarray, out: list[Hit]) -> None:
    """3天后, 两周前, 三个月后, 5年前: a plain count before a unit and 前/后."""
    if not len(rows):
        return
    after, after2 = rows.after, rows.after2
    pick = (_UNIT1[after] & _DIRECTION1[after2]) | (_GE[after] & _AFTER_GE[after2])
    pick |= _WEEK_FIRST[after] & _WEEK_SECOND[after2]
    pick &= ((rows.flags & _BAD) == 0) & rows.isint & (rows.start == rows.cstart)
    pick &= (rows.end == rows.cend) & (rows.ints >= 1)
    for i in np.flatnonzero(pick).tolist():
        end = rows.end_l[i]
        for unit, code in _UNITS_BY_FIRST[text[end]]:
            if text.startswith(unit, end):
                if code == "y" and years[i] >= 0:
                    break  # 2000年前: a year
                got = _direction(text, end + len(unit))
                if got is not None:
                    out.append((rows.start_l[i], got[1], _count_attrs(code, got[0] * int(rows.ints[i]))))
                break


def find_relative(
    text: str,
    cps: np.ndarray,
    rows: Rows,
    years: np.ndarray,
    part_at: Callable[[int], tuple[int, int | None, int] | None],
    day_at: Callable[[int], tuple[int, int] | None],
) -> list[Hit]:
    """The relative dates of ``text``, leftmost first, none overlapping another (the longer wins).

    ``cps`` are the text's code points and ``rows`` its number scan; ``years`` (an array) marks
    the rows that are four-digit years; ``part_at(pos)`` reads a month (and day)
    starting at ``pos`` as ``(month, day, end)``, ``day_at(pos)`` a day (``5号``) as
    ``(day, end)``.
    """
    out: list[Hit] = []
    at = np.empty(max(64, len(text) // 512), dtype=np.int64)
    count = K.marks(cps, _MARK, _PRE, at)
    if count > len(at):
        at = np.empty(count, dtype=np.int64)
        K.marks(cps, _MARK, _PRE, at)
    for a in at[:count].tolist():
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
    out.sort(key=lambda h: (h[0], -h[1]))
    kept = [out[0]]
    for hit in out[1:]:
        if hit[0] >= kept[-1][1]:
            kept.append(hit)
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
            return (reference + dt.timedelta(days=attrs["offset_days"])).isoformat(), attrs
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
        if "month" not in attrs:
            return f"{year:04d}", attrs
        if "day" not in attrs:
            return f"{year:04d}-{attrs['month']:02d}", attrs
        return dt.date(year, attrs["month"], attrs["day"]).isoformat(), attrs
    except (ValueError, OverflowError):  # 明年2月29日 from 2024; a year past 9999
        return None, {**attrs, "invalid": True}
