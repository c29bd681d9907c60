"""Extractors ``number``, ``percent``, ``money`` and ``quantity``.

All four read the document's number scan without the groups of codes,
``doc.view(value_scan)`` (see :mod:`.numerals`: the kernel runs once per
document, whichever extractor asks first; 021-12345678 and 978-7-111-54742-6
hold no count), and look only at the few characters around each row, so together they
stay linear. Rows are picked with array tests over the scan's columns (the code points
next to each row against lookup tables, the words after it looked up for all
rows at once with :class:`_Words`), and the common shapes (a number with or
without a qualifier, a percentage, an amount and its currency word, a number
and its unit) are made as columns: values, qualifiers (:func:`qualifiers`) and
attrs (:func:`row_attrs`) for all rows at once, so a row costs a few list
items, not a call. What needs a closer look (ranges of percentages, 块, jiao
and fen, a currency before the amount, 左右 after a unit) is read row by row
with the functions below, which are also the reference the columns are tested against. A scan
of a few rows (``ROW_BY_ROW``, most short documents) is read wholly with those functions, row by
row, picking the rows the columns pick: there the dozens of array calls cost more than the rows.
Overlaps resolve by ``priority``: money and percent (40) over quantity (30)
over number (10); dates and times (50, 55) and contacts (100) above all.

Values: ``int`` when integral, ``float`` when a float holds the decimal
exactly as written, ``Decimal`` otherwise. A range's ``value`` is its low end;
``attrs`` has ``low`` and ``high``. ``attrs["approx"]`` marks 约/近/超过/逾/
余/多/左右/上下 and adjacent-numeral ranges (两三个); ``attrs["qualifier"]``
holds the words as written. 个 between a numeral and 亿 is read through (两个亿
= 2亿, 1.5个亿), except before 万 (一个亿万富翁).

万 and 亿 after 多 or 余 multiply the number before them (100多万元 → 1000000
CNY, 300余万台, 2万多亿, 两百多个亿; qualifier 多). One digit right after a unit
is its next place, in Arabic as in Chinese (3万5 = 两万五 = 35000, 1亿2 =
120000000, 3千5 = 3500; 3万5千 = 35000, 3万零5 = 30005, 3万50 = 30050).
A thousands separator is an ASCII comma followed by exactly three digits
(1,200万); a full-width comma never is one (分别为5，100元 is 5 and 100元), and
where one stands before 0 and digits (5，000万) neither side is read. A leading
decimal point reads after a space, bracket, operator or currency sign (.5% →
0.005, $.99); after a letter it is no decimal (v.5), and after a Han character
(增长.5%) it may end a sentence, so the digits after it are not read. Hyphenated
digit groups of phone numbers are no ranges: a dash range never has a group
that starts with 0 (010-6552), follows a dash and digits (02-2712-3456) or a
bracketed group ((02)2345-6789).

An amount in yuan (元, 块) takes the jiao (角, 毛) and fen (分) written after it,
one digit each: 六十四万零一百四十三元一角七分 → 640143.17, 5元2角 → 5.2,
十元零五分 → 10.05. After 块 a lone digit is the jiao and after 毛 the fen,
whatever follows (三块五 → 3.5, 三块五买了一瓶水 → 3.5, 三块五毛二 → 3.52), unless
a measure word, a numeral or a word follows the digit: 三块一斤 (3 a jin),
三块五十个, 3块50, 三块五花肉 are 3. Jiao and fen alone are money too: 八毛 →
0.8, 五毛钱, 五角钱, 五角五分, 五分钱 → 0.05 (角 needs 钱 or fen after it and 分
needs 钱: 三角形, 五分 are not money). 多 after an amount in yuan makes it
approximate (三块多钱). A lone 一 is an amount only before 钱 (一块钱, 一毛钱).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping, Sequence
from decimal import Context, Decimal
from itertools import repeat
from typing import Any

import numpy as np
import regex

from ...batch import Batch, ExtractJoined, owners
from ...document import Document, Entities, Entity
from . import _kernels as K
from .idioms import APPROX_WORDS, pack_chars, two_char_words
from .numerals import (
    LATIN_CASELESS,
    LATIN_UNITS,
    REIGNS,
    ROW_BY_ROW,
    SENTENCE_TERMS,
    TERM_BEFORE_DAY,
    Num,
    Rows,
    arabic_cores,
    char_at,
    counts_years,
    cut,
    roc_bare_year,
    sentence_months,
    value_scan,
    year_after_yu,
)
from .numerals import is_han as _is_han  # one name, as the module has always called it

__all__ = ["MoneyExtractor", "NumberExtractor", "PercentExtractor", "QuantityExtractor"]

PRIORITY_NUMBER = 10
PRIORITY_QUANTITY = 30
PRIORITY_MONEY = 40
PRIORITY_PERCENT = 40

#: currency words after the amount, longest first where one prefixes another
CURRENCY_AFTER: dict[str, str] = {
    "美元": "USD",
    "美金": "USD",
    "港元": "HKD",
    "港币": "HKD",
    "港幣": "HKD",
    "欧元": "EUR",
    "歐元": "EUR",
    "日元": "JPY",
    "日圆": "JPY",
    "日圓": "JPY",
    "英镑": "GBP",
    "英鎊": "GBP",
    "新台币": "TWD",
    "新台幣": "TWD",
    "新臺幣": "TWD",
    "台币": "TWD",
    "台幣": "TWD",
    "人民币": "CNY",
    "人民幣": "CNY",
    "澳元": "AUD",
    "澳币": "AUD",
    "加元": "CAD",
    "加币": "CAD",
    "韩元": "KRW",
    "韓元": "KRW",
    "泰铢": "THB",
    "泰銖": "THB",
    "卢布": "RUB",
    "盧布": "RUB",
    "瑞士法郎": "CHF",
    "新加坡元": "SGD",
    "新币": "SGD",
    "澳门币": "MOP",
    "澳門幣": "MOP",
    "澳门元": "MOP",
    "澳門元": "MOP",
    "葡币": "MOP",
    "葡幣": "MOP",
    "块钱": "CNY",
    "塊錢": "CNY",
    "元": "CNY",
    "圆": "CNY",
    "块": "CNY",
    "塊": "CNY",
    "蚊": "HKD",  # Hong Kong's dollar as Cantonese says it (一百蚊, $50蚊); not before 子 (mosquitoes)
}
#: currency words that may stand before the amount (港币两千九百六十元)
CURRENCY_WORDS_BEFORE: tuple[str, ...] = tuple(
    sorted((w for w, c in CURRENCY_AFTER.items() if len(w) >= 2 and w not in ("块钱", "塊錢")), key=len, reverse=True)
)
#: currency words that only say "units of money" and yield to a named currency before the amount
GENERIC = frozenset({"元", "圆", "块", "塊", "块钱", "塊錢"})
_CURRENCY_FIRST = frozenset(w[0] for w in CURRENCY_AFTER)
#: currency signs before the amount, longest first
CURRENCY_BEFORE: tuple[tuple[str, str], ...] = (
    ("US$", "USD"),
    ("HK$", "HKD"),
    ("NT$", "TWD"),
    ("MOP$", "MOP"),
    ("CA$", "CAD"),
    ("AU$", "AUD"),
    ("NZ$", "NZD"),
    ("S$", "SGD"),
    ("A$", "AUD"),
    ("C$", "CAD"),
    ("RMB", "CNY"),
    # ISO 4217 codes as pages write them before an amount (USD 1.2 million, EUR 500); not CAD (the
    # software: CAD 2024) nor CNY (Chinese New Year: CNY 2024)
    *((code, code) for code in ("USD", "EUR", "GBP", "JPY", "HKD", "TWD", "SGD", "AUD", "MOP", "CHF", "KRW")),
    ("$", "USD"),
    ("＄", "USD"),
    ("¥", "CNY"),
    ("￥", "CNY"),
    ("€", "EUR"),
    ("£", "GBP"),
)

#: measure words and units; the value is the duration designator, if any
UNITS: dict[str, str | None] = {}
for _u in (
    "个 個 家 款 张 張 台 臺 次 位 名 人 种 種 项 項 步 块 塊 层 層 类 類 场 場 条 條 件 份 倍 届 屆 "
    "颗 顆 轮 輪 句 篇 本 部 辆 輛 架 所 座 只 隻 套 组 組 点 點 岁 歲 周岁 周歲 週歲 虚岁 虛歲 "
    "米 克 片 段 页 頁 集 支 枚 例 批 "
    "级 級 代 季 期 股 户 戶 条 艘 吨 噸 升 度 公里 千米 厘米 毫米 平方米 平方公里 立方米 千克 公斤 "
    "千瓦 瓦 伏 赫兹 字节 "
    # measure words (hand-checked against common lists, with those usual in Hong Kong and Taiwan)
    "间 間 栋 棟 幢 口 头 頭 匹 棵 株 朵 根 枝 把 双 雙 对 對 副 首 幅 封 笔 筆 趟 遍 顿 頓 阵 陣 番 "
    "粒 宗 单 單 盒 樽 转 轉 餐 节 節 门 門 道 扇 盏 盞 具 尊 滴 桶 箱 瓶 杯 碗 袋 罐 串 束 捆 堆 群 "
    "列 处 處 样 樣 章 尾 则 則 辑 輯 册 冊 卷 台次 人次 "
    # Chinese measures of weight, length and area (3斤, 2两, 5尺, 55寸, 500亩), and 磅 (a pound, a
    # point of type or grams of paper: no symbol)
    "斤 两 兩 尺 寸 丈 亩 畝 磅 "
    # scores and ratings (92.5分, 4.8星, 五星级)
    "分 星 星级 星級"
).split():
    UNITS[_u] = None
#: physical and digital units written in Chinese or as symbols, with their normalized symbol
SYMBOLS: dict[str, str] = {
    **dict.fromkeys(("英寸", "英吋", "吋"), "in"),
    **dict.fromkeys(("毫升", "亳升"), "mL"),
    **dict.fromkeys(("升", "公升"), "L"),
    **dict.fromkeys(("毫米", "公厘"), "mm"),
    **dict.fromkeys(("厘米", "公分", "釐米"), "cm"),
    **dict.fromkeys(("米", "公尺"), "m"),
    **dict.fromkeys(("千米", "公里"), "km"),
    **dict.fromkeys(("纳米", "奈米", "納米"), "nm"),
    "微米": "µm",
    **dict.fromkeys(("千克", "公斤"), "kg"),
    "克": "g",
    "毫克": "mg",
    **dict.fromkeys(("吨", "噸", "公吨", "公噸"), "t"),
    "千瓦": "kW",
    **dict.fromkeys(("瓦", "瓦特"), "W"),
    "兆瓦": "MW",
    **dict.fromkeys(("千瓦时", "千瓦時"), "kWh"),
    **dict.fromkeys(("瓦时", "瓦時"), "Wh"),
    "焦耳": "J",  # not 焦 or 帕 alone: 5千焦炭 is coke, 8千帕萨特 cars
    **dict.fromkeys(("千焦", "千焦耳"), "kJ"),
    **dict.fromkeys(("千卡", "大卡"), "kcal"),
    "卡路里": "cal",
    "帕斯卡": "Pa",
    "千帕": "kPa",
    "毫米汞柱": "mmHg",
    "百帕": "hPa",
    "兆帕": "MPa",
    **dict.fromkeys(("伏", "伏特"), "V"),
    "千伏": "kV",
    "毫安": "mA",
    **dict.fromkeys(("毫安时", "毫安時"), "mAh"),
    **dict.fromkeys(("赫兹", "赫茲"), "Hz"),
    **dict.fromkeys(("千赫", "千赫兹", "千赫茲"), "kHz"),
    **dict.fromkeys(("兆赫", "兆赫兹", "兆赫茲"), "MHz"),
    **dict.fromkeys(("字节", "位元組"), "B"),
    **dict.fromkeys(("平方米", "平方公尺", "平米", "㎡"), "m²"),
    **dict.fromkeys(("平方公里", "平方千米", "㎢"), "km²"),
    **dict.fromkeys(("立方米", "立方公尺", "㎥"), "m³"),
    **dict.fromkeys(("平方厘米", "㎠"), "cm²"),
    **dict.fromkeys(("平方英尺", "平方呎"), "ft²"),
    # the unit symbols of one character (CJK Compatibility)
    "㎞": "km",
    "㎝": "cm",
    "㎜": "mm",
    "㎏": "kg",
    "㎎": "mg",
    "㎖": "mL",
    "㎘": "kL",
    **dict.fromkeys(("℃", "°C", "°c", "摄氏度", "攝氏度"), "°C"),
    **dict.fromkeys(("℉", "°F", "华氏度", "華氏度"), "°F"),
    **dict.fromkeys(("分贝", "分貝"), "dB"),
    "英里": "mi",
    "英尺": "ft",
    **dict.fromkeys(("英亩", "英畝"), "ac"),
    "盎司": "oz",
    **dict.fromkeys(("加仑", "加侖"), "gal"),
    "海里": "nmi",
    **dict.fromkeys(("公顷", "公頃"), "ha"),
}
for _u in SYMBOLS:
    UNITS.setdefault(_u, None)
#: units read only where the numeral and what follows say so (:func:`_in_context`)
CONTEXT_UNITS = frozenset("分 星 对 對 两 兩 日".split())
for _u, _d in (
    ("年", "Y"),
    ("个月", "M"),
    ("個月", "M"),
    ("周年", "Y"),  # 成立75周年: an anniversary counts years, not weeks
    ("週年", "Y"),
    ("周", "W"),
    ("週", "W"),
    ("星期", "W"),
    ("天", "D"),
    ("日", "D"),  # in context only: a term of days (顺延30日, 15日内), not a day of a month
    ("小时", "TH"),
    ("小時", "TH"),
    ("个小时", "TH"),  # 3个小时: hours, not 3 个
    ("個小時", "TH"),
    ("分钟", "TM"),
    ("分鐘", "TM"),
    ("秒钟", "TS"),
    ("秒鐘", "TS"),
    ("秒", "TS"),
):
    UNITS[_u] = _d
_UNIT_LENGTHS = sorted({len(u) for u in UNITS}, reverse=True)
_UNIT_FIRST = frozenset(u[0] for u in UNITS)
#: a measure word followed by this is part of a noun (17万家庭)
NOT_UNIT = frozenset(
    "家庭 家用 家电 家電 人民 人才 人类 人類 人工 期间 期間 部分 点击 點擊 所示 所以 所有 "
    # words that begin with a measure word added for issue 14 (5根据 is no count of roots)
    "间隔 間隔 间接 間接 间距 間距 口罩 口岸 口径 口徑 口号 口號 口碑 口味 口袋 头部 頭部 头发 頭髮 头条 頭條 "
    "头版 頭版 头号 頭號 头等 頭等 头脑 頭腦 匹配 根据 根據 根本 根源 把握 把关 把關 双方 雙方 双向 雙向 "
    "双边 雙邊 双重 雙重 双赢 雙贏 对于 對於 对此 對此 对比 對比 对手 對手 对象 對象 对话 對話 对外 對外 "
    "对应 對應 对接 對接 对方 對方 对待 對待 对称 對稱 对抗 對抗 对冲 對沖 副总 副總 副主 副部 副作 副院 "
    "副局 副市 副省 副县 副縣 副校 副教 副会 副會 副处 副處 副书 副書 副董 副行 副秘 副理 首次 首个 首個 "
    "首批 首家 首都 首先 首席 首页 首頁 首发 首發 首位 首款 首期 首届 首屆 首日 首轮 首輪 首映 首付 首相 "
    "首长 首長 首部 首选 首選 首创 首創 首度 幅度 封面 封装 封裝 封锁 封鎖 封闭 封閉 封顶 封頂 笔记 筆記 "
    "笔者 筆者 笔试 筆試 遍布 遍佈 遍及 顿时 頓時 阵容 陣容 阵地 陣地 阵营 陣營 番茄 番号 番號 番外 宗教 "
    "宗旨 宗师 宗師 单位 單位 单元 單元 单独 單獨 单身 單身 单价 單價 单品 單品 单车 單車 单场 單場 单日 "
    "單日 单月 單月 单季 單季 单笔 單筆 单次 單次 单个 單個 单项 單項 单一 單一 单纯 單純 单向 單向 单打 "
    "單打 单调 單調 单词 單詞 单机 單機 单边 單邊 单方 單方 单体 單體 盒子 转载 轉載 转化 轉化 转型 轉型 "
    "转移 轉移 转换 轉換 转变 轉變 转为 轉為 转向 轉向 转账 轉賬 转发 轉發 转让 轉讓 转达 轉達 转入 轉入 "
    "转出 轉出 转速 轉速 转会 轉會 转折 轉折 转基 轉基 转运 轉運 转播 轉播 转交 轉交 转给 轉給 餐厅 餐廳 "
    "餐饮 餐飲 餐具 餐馆 餐館 餐桌 节日 節日 节目 節目 节约 節約 节点 節點 节能 節能 节奏 節奏 节省 節省 "
    "门户 門戶 门店 門店 门票 門票 门槛 門檻 门口 門口 门诊 門診 门类 門類 道路 道德 道理 道歉 道具 群体 "
    "群體 群众 群眾 群组 群組 列表 列入 列为 列為 处理 處理 处于 處於 处罚 處罰 处长 處長 样本 樣本 样品 "
    "樣品 样式 樣式 样子 樣子 章节 章節 章程 尾声 尾聲 尾款 尾巴 尾部 则是 則是 则为 則為 则可 則可 则有 "
    "則有 则在 則在 则会 則會 则由 則由 则以 則以 则将 則將 分别 分別 分析 分享 分配 分布 分佈 分为 分為 "
    "分成 分开 分開 分子 分类 分類 分支 分公 分行 分局 分店 分部 分组 分組 分期 分化 分离 分離 分解 分散 "
    "分割 分工 分红 分紅 分手 分量 分秒 分辨 分数 分數 分担 分擔 分流 分裂 分歧 分区 分區 分会 分會 分钱 "
    "分錢 星球 星座 星系 星际 星際 星空 星光 星辰 星云 星雲 箱子 瓶子 杯子 袋子 罐头 罐頭 堆积 "
    "堆積 串联 串聯 把手 处在 處在 道教 门派 門派 具有 具备 具備 具体 具體 尊重 尊敬 样的 樣的 "
    # 90年代, 八十年代: a decade, no duration of 90 years; 三年级: a school grade, no three years
    "年代 年级 年級 "
    # 38尺码: a size, 尺寸 and 尺度 words
    "尺码 尺碼 尺寸 尺度".split()
)


def _qualifier(text: str, num: Num) -> str | None:
    words = []
    pre = text[num.start : num.cstart].removesuffix("零下").rstrip("负負-−－")
    if pre and pre not in ("百分之", "千分之"):
        words.append(pre)
    post = text[num.cend : num.end].lstrip("%％‰")
    if post[:1] in ("多", "余", "餘"):
        post = post[0]  # 100多万: the units after 多 belong to the number, not to the qualifier
    if post:
        words.append(post)
    return "".join(words) or None


_PLAIN_ATTRS = K.APPROX | K.RANGE | K.NEG | K.PERCENT | K.PERMILLE
_NOT_YEAR = K.RANGE | K.FRACTION | K.PERCENT | K.NEG | K.APPROX


def _attrs(text: str, num: Num) -> dict[str, Any]:
    flags = num.flags
    if not flags & _PLAIN_ATTRS and num.value is not None and num.start == num.cstart and num.end == num.cend:
        return {"approx": False}
    attrs: dict[str, Any] = {"approx": bool(flags & K.APPROX)}
    q = _qualifier(text, num)
    if q:
        attrs["qualifier"] = q
    if flags & K.RANGE:
        attrs["low"] = num.value
        attrs["high"] = num.high
    if num.value is None:
        attrs["overflow"] = True
    return attrs


def is_year(text: str, num: Num) -> bool:
    """A four-digit year (2023, 二〇二三) rather than a count (1300年之久, :func:`.counts_years`)."""
    if num.flags & _NOT_YEAR:
        return False
    core = text[num.cstart : num.cend]
    if not (len(core) == 4 and (core.isdigit() or bool(num.flags & K.DIGITSTR))):
        return False
    nian = text[num.end : num.end + 1] == "年"
    return not (nian and type(num.value) is int and counts_years(text, num.start, num.end + 1, num.value))


def _unit_after(text: str, pos: int) -> str | None:
    if text[pos : pos + 1] not in _UNIT_FIRST:
        return None
    for n in _UNIT_LENGTHS:
        word = text[pos : pos + n]
        if len(word) == n and word in UNITS:
            if text[pos : pos + 2] in NOT_UNIT:
                return None
            if word in _ANNIVERSARY and text[pos + n : pos + n + 1] in _NOT_ANNIVERSARY_NEXT:
                continue  # 近两周年化收益率: two weeks, annualized; 三周年轻人: three weeks
            if word in ("个小时", "個小時") and text[pos + n : pos + n + 1] == "工":
                continue  # 2个小时工: two hourly workers
            return word
    return None


#: 周年 counts years (成立75周年), unless 年 begins a word (年化, 年轻): then 周 counts weeks
_ANNIVERSARY = frozenset({"周年", "週年"})
_NOT_ANNIVERSARY_NEXT = frozenset("化轻輕")


#: after 元, what makes a word of it (元宵, 元旦, 元素, 元首, 元老, 元器件): no yuan (正月十五元宵节)
_YUAN_WORD_NEXT = "宵旦素首老帅帥朝气氣件器音凶兇勋勳"
#: after a lone small Chinese digit and 元, what makes a term of them (三元锂电池, 三元催化, 二元论,
#: 二元函数): no yuan; after any other amount a price stays one (9.9元锂电池, 30元函数计算器)
_YUAN_TERM_NEXT = "锂鋰催论論函"
_TERM_DIGITS = frozenset("一二两兩三四五六七八九")
#: after 圆, words of geometry that make it a circle (两圆相切, 三圆两两相交, 两圆的圆心): no yuan
_ROUND_AFTER = regex.compile("(?:两两|兩兩)?(?:相切|相交|外切|内切|內切|外离|外離|内含|內含|的?圆心|的?圓心)")
#: ... or a term of algebra (二元一次方程, 三元一次方程组, 二元二次不等式): N unknowns of degree M
_ALGEBRA_AFTER_YUAN = regex.compile("[一二两兩三四五六七八九高]次(?:方程|函数|函數|多项式|多項式|不等式)")


def _currency_after(text: str, pos: int, start: int) -> str | None:
    """The currency word right after the amount ``text[start:pos]``, if any."""
    if text[pos : pos + 1] not in _CURRENCY_FIRST:
        return None
    if text[pos] == "蚊" and text[pos + 1 : pos + 2] in _MOSQUITO_NEXT:
        return None  # 三蚊子, 蚊香: mosquitoes
    for n in (4, 3, 2, 1):
        word = text[pos : pos + n]
        if word in CURRENCY_AFTER:
            if word == "元" and text[pos + 1 : pos + 2] in _YUAN_WORD_NEXT and text[pos + 1 : pos + 2]:
                return None
            if word in ("块", "塊") and _named_after_yuan(text, pos + 1) is None:  # 20块美金 is money
                verb = start - 1 if text[start - 1 : start] == "了" else start  # 切成了八块
                if text[verb - 1 : verb] in _INTO and text[verb - 2 : verb - 1] in _CUT:
                    return None  # 切成三块, 分成两块: pieces
                nxt = text[pos + 1 : pos + 2]
                latin = _LATIN_WORD.match(text, pos + 1) if nxt.isascii() and nxt.isalpha() else None
                if latin is not None and latin[0].upper() not in _NOT_PIECES_AFTER:
                    return None  # 2000块GPU, 8块A100, 10块SSD: pieces of hardware, not yuan (20块RMB is)
                later = text[pos + 2 : pos + 3]
                half = nxt == "半" and not (_is_han(later) and later not in _AFTER_HALF_YUAN)  # not 两块半西瓜
                about = text[pos + 1 : pos + 3] == "左右" or half  # 25块左右, 三块半 are money
                if nxt and "\u4e00" <= nxt <= "\u9fff" and nxt not in _NUMERAL_CHARS and not about:
                    after = text[pos + 2 : pos + 3]
                    if nxt not in ("多", "余") or (_is_han(after) and after not in _AFTER_MORE):
                        return None  # 一千多块芯片: chips, not yuan (十块三毛, 三块多 stay money)
            return word
    return None


_LATIN_WORD = regex.compile("[A-Za-z][A-Za-z0-9]*")
#: after 蚊, what makes it a mosquito (蚊子, 蚊香, 蚊帐)
_MOSQUITO_NEXT = frozenset("子虫蟲香帐帳叮蝇蠅")
#: Latin words after 块 that leave it money besides a currency's code (:data:`CURRENCY_AFTER_YUAN`): 3块ok吗,
#: 100块cash
_NOT_PIECES_AFTER = frozenset(("OK", "CASH"))
#: after 块半, what leaves it money (三块半钱, 十三块半一斤, 三块半左右); another Han character makes the
#: 块 pieces (两块半西瓜)
_AFTER_HALF_YUAN = frozenset("钱錢一左的呢吧啊了买買卖賣")
#: a verb of cutting or dividing and 成 or 为 before an amount in 块: pieces (切成三块, 分为两块), no yuan;
#: not 砍 or 折, which bargain and discount a price (砍成三块)
_CUT = frozenset("切分掰剁撕拆碎裂锯鋸劈割摔剪揉捏搓")
_INTO = frozenset("成为為")
_NUMERAL_CHARS = frozenset("零〇一二两兩三四五六七八九十")
#: the characters of each Chinese digit but 0, ordinary and financial (参: OpenCC's t2s for 參)
_CN_DIGITS = ("", "一壹", "二贰貳两兩", "三叁叄參参", "四肆", "五伍", "六陆陸", "七柒", "八捌", "九玖")
_CN_DIGIT_CHARS = {c: d for d, cs in enumerate(("零〇", *_CN_DIGITS[1:])) for c in cs}


def _scale(value: Any, exp: int) -> Any:
    """``value * 10**exp`` exactly (percent → fraction)."""
    if value is None:
        return None
    d = Decimal(value).scaleb(exp) if not isinstance(value, float) else Decimal(repr(value)).scaleb(exp)
    if d == d.to_integral_value():
        return int(d)
    f = float(d)
    return f if Decimal(repr(f)) == d else d


_BEFORE_LAST = frozenset(w[-1] for w in CURRENCY_WORDS_BEFORE) | frozenset(s[-1] for s, _ in CURRENCY_BEFORE)


def _table(chars: Iterable[str]) -> np.ndarray:
    """A lookup table over BMP code points: True for ``chars``."""
    table = np.zeros(65536, dtype=bool)
    table[[ord(c) for c in chars]] = True
    return table


_IS_UNIT_FIRST = _table(_UNIT_FIRST)


def _pairs(words: Iterable[str]) -> np.ndarray:
    """The first two characters of each word of two or more, as sorted ``c1 * 65536 + c2`` codes."""
    return np.array(sorted({ord(w[0]) * 65536 + ord(w[1]) for w in words if len(w) >= 2}), dtype=np.int64)


def _word_after(rows: Rows, singles: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """Rows followed by a one-character word in ``singles`` or by the start of a longer word in ``pairs``."""
    return singles[rows.after] | np.isin(rows.after * 65536 + rows.after2, pairs)


_CURRENCY_SINGLE = _table(w for w in CURRENCY_AFTER if len(w) == 1)
_CURRENCY_PAIRS = _pairs(CURRENCY_AFTER)
_IS_BEFORE_LAST = _table(_BEFORE_LAST)
_IS_SUB_UNIT = _table("毛角分")
_PP_PAIRS = _pairs(("个百分点", "個百分點", "百分点", "个基点", "個基點", "基点", "基點"))
_PCT = K.PERCENT | K.PERMILLE
_NOT_AMOUNT = K.PERCENT | K.PERMILLE | K.FRACTION


class _Words:
    """Words to look for at many positions of a text at once: the longest that starts at each.

    Each word's characters are packed 16 bits apiece into one uint64 code (BMP
    characters, at most four); a position's code for each length is looked up
    in that length's sorted codes, longest first, as ``text[pos:pos + n] in words``
    would be tried.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self.words = sorted(set(words))
        by_length: dict[int, list[tuple[int, int]]] = {}
        for k, w in enumerate(self.words):
            if not 1 <= len(w) <= 4 or max(map(ord, w)) >= 65536:
                raise ValueError(f"a word to look up has one to four BMP characters, got {w!r}")
            by_length.setdefault(len(w), []).append((pack_chars(w), k))
        self.longest = max(by_length)
        self.tables = [
            (n, np.array([c for c, _ in pairs], dtype=np.uint64), np.array([k for _, k in pairs], dtype=np.int64))
            for n, pairs in sorted(((n, sorted(pairs)) for n, pairs in by_length.items()), reverse=True)
        ]

    def at(self, cps: np.ndarray, pos: np.ndarray) -> np.ndarray:
        """The index in ``words`` of the longest word starting at each position, -1 where none does."""
        found = np.full(len(pos), -1, dtype=np.int64)
        if not len(pos):
            return found
        chars = [char_at(cps, pos + k).astype(np.uint64) for k in range(self.longest)]
        for n, codes, ids in self.tables:
            code = chars[0]
            for k in range(1, n):
                code = (code << np.uint64(16)) | chars[k]
            at = np.minimum(np.searchsorted(codes, code), len(codes) - 1)
            hit = (codes[at] == code) & (found < 0)
            found[hit] = ids[at[hit]]
        return found


def _pick(values: Sequence[Any], indices: list[int]) -> list[Any]:
    """``[values[i] for i in indices]``."""
    if len(indices) < 2:
        return [values[i] for i in indices]
    return list(operator.itemgetter(*indices)(values))


def _columns(
    kind: str,
    rows: Rows,
    starts: np.ndarray,
    ends: np.ndarray,
    values: list[Any],
    units: list[Any] | None,
    attrs: list[Any],
) -> Entities:
    """Entities of ``kind`` made from columns; their texts are cut from the scanned text (:func:`cut`)."""
    return Entities(kind, starts, ends, cut(rows.text, rows.cps, starts, ends), values, units, attrs)


def _merge(made: Entities, rows: np.ndarray, found: list[tuple[int, Entity]]) -> Entities:
    """``made`` (the entities of ``rows``, ascending) and ``found`` ((row, entity) pairs, rows
    ascending and none of them in ``rows``), in the order of the rows.

    The few found entities are put in between: each list column is copied once, a stretch at a
    time, not gathered through a permutation of all the rows.
    """
    if not found:
        return made
    extra = Entities.of([e for _, e in found])
    at = np.searchsorted(rows, np.array([i for i, _ in found], dtype=np.int64)).tolist()
    columns: list[Any] = [
        np.insert(ours, at, theirs) if isinstance(ours, np.ndarray) else _interleave(ours, theirs, at)
        for ours, theirs in zip(made._columns(), extra._columns())
    ]
    return Entities(*columns)


def _interleave(ours: list[Any], theirs: list[Any], at: list[int]) -> list[Any]:
    """``ours`` with ``theirs[k]`` put before ``ours[at[k]]`` (``at`` ascending)."""
    out: list[Any] = []
    last = 0
    for k, item in zip(at, theirs):
        out += ours[last:k]
        out.append(item)
        last = k
    out += ours[last:]
    return out


_IS_SIGN = _table("负負-−－")
_IS_PCT_SIGN = _table("%％‰")
_IS_MORE = _table("多余餘")
_IS_BAI_QIAN = _table("百千")
_LING, _XIA, _FEN, _ZHI = (ord(c) for c in "零下分之")


def qualifiers(rows: Rows) -> tuple[list[str | None], np.ndarray]:
    """The qualifier of every row (``_qualifier``; ``None`` for none) and which rows have one.

    Made from the columns once per scan, whichever extractor asks first.
    """
    got = rows.derived.get("qualifiers")
    if got is None:
        got = rows.derived["qualifiers"] = _qualifier_column(rows)
    return got


def _qualifier_column(rows: Rows) -> tuple[list[str | None], np.ndarray]:
    n = len(rows)
    quals: list[str | None] = [None] * n
    has = np.zeros(n, dtype=bool)
    # words before or after the numeral; a lone percent sign after it (85%) is none
    sign_only = (rows.end == rows.cend + 1) & _IS_PCT_SIGN[rows.cafter]
    at = np.flatnonzero((rows.start < rows.cstart) | ((rows.cend < rows.end) & ~sign_only))
    if not len(at):
        return quals, has
    cps, text = rows.cps, rows.text
    s, cs, ce, e = rows.start[at], rows.cstart[at], rows.cend[at], rows.end[at]
    # the words before the numeral less its sign (负, -, 零下), and none if they are 百分之 or 千分之
    pre = cs - 2 * ((cs - s >= 2) & (char_at(cps, cs - 2) == _LING) & (char_at(cps, cs - 1) == _XIA))
    while (sign := (pre > s) & _IS_SIGN[char_at(cps, pre - 1)]).any():
        pre -= sign
    word = (pre - s == 3) & _IS_BAI_QIAN[char_at(cps, s)] & (char_at(cps, s + 1) == _FEN)
    pre = np.where(word & (char_at(cps, s + 2) == _ZHI), s, pre)
    # the words after it less a percent sign; of 多万 only 多 (the 万 belongs to the number)
    post = ce.copy()
    while (sign := (post < e) & _IS_PCT_SIGN[char_at(cps, post)]).any():
        post += sign
    post_end = np.where((post < e) & _IS_MORE[char_at(cps, post)], post + 1, e)
    some = (pre > s) | (post_end > post)
    spans = zip(s[some].tolist(), pre[some].tolist(), post[some].tolist(), post_end[some].tolist())
    for i, (a, b, c, d) in zip(at[some].tolist(), spans):
        quals[i] = text[a:b] + text[c:d]
    has[at[some]] = True
    return quals, has


def row_attrs(rows: Rows, idx: np.ndarray) -> list[dict[str, Any]]:
    """``_attrs(rows.text, rows[i])`` for each row ``i`` of ``idx``, a new dict each, made from the columns."""
    quals, has = qualifiers(rows)
    flags = rows.flags[idx]
    out: list[dict[str, Any]] = list(map(dict, repeat(_NOT_APPROX, len(idx))))
    approx = (flags & K.APPROX) != 0
    usual = ((flags & K.RANGE) == 0) & ~rows.none[idx]
    # a qualifier (约, 超过, 多, 左右): approx and the words as written
    at = np.flatnonzero(usual & has[idx])
    for k, a, i in zip(at.tolist(), approx[at].tolist(), idx[at].tolist()):
        out[k] = {"approx": a, "qualifier": quals[i]}
    for k in np.flatnonzero(usual & approx & ~has[idx]).tolist():
        out[k] = {"approx": True}
    # ranges and values too large to hold
    at = np.flatnonzero(~usual)
    values, highs = rows.values, rows.highs
    for k, i, fl in zip(at.tolist(), idx[at].tolist(), flags[at].tolist()):
        attrs: dict[str, Any] = {"approx": bool(fl & K.APPROX)}
        q = quals[i]
        if q:
            attrs["qualifier"] = q
        if fl & K.RANGE:
            attrs["low"] = values[i]
            attrs["high"] = highs[i]
        if values[i] is None:
            attrs["overflow"] = True
        out[k] = attrs
    return out


_NOT_APPROX: dict[str, Any] = {"approx": False}
_P10_I64 = np.array([10**k for k in range(19)], dtype=np.int64)
_P10_F64 = np.array([10.0**k for k in range(23)])


def _shifted(rows: Rows, idx: np.ndarray, shift: np.ndarray) -> list[Any]:
    """``_scale(rows.values[i], s)`` for each row ``i`` of ``idx`` and shift ``s`` (percent → fraction).

    A value of at most 15 digits (``mant * 10**exp`` from the scan) moved by at most 22
    places is an int where the result is whole and else the float nearest to it,
    whose shortest repr is that decimal, as ``_scale`` makes it; other values go through ``_scale``.
    """
    mant, exp, flags = rows.mant[idx], rows.exp[idx] + shift, rows.flags[idx]
    ok = ((flags & (K.OVERFLOW | K.RANGE | K.FRACTION)) == 0) & (mant >= 0) & (mant < 10**15)
    ok &= (exp >= -22) & (exp <= 3)
    sign = np.where((flags & K.NEG) != 0, -1, 1)
    down = np.clip(-exp, 0, 18)
    whole = ok & ((exp >= 0) | (mant == 0) | ((-exp <= 18) & (mant % _P10_I64[down] == 0)))
    ints = sign * np.where(exp >= 0, mant * _P10_I64[np.clip(exp, 0, 3)], mant // _P10_I64[down])
    out: list[Any] = (sign * (mant / _P10_F64[np.clip(-exp, 0, 22)])).tolist()
    for k, v in zip(np.flatnonzero(whole).tolist(), ints[whole].tolist()):
        out[k] = v
    values = rows.values
    for k, i, s in zip(np.flatnonzero(~ok).tolist(), idx[~ok].tolist(), shift[~ok].tolist()):
        out[k] = _scale(values[i], s)
    return out


class NumberExtractor(ExtractJoined):
    """Numbers: Arabic, Chinese, mixed, ranges, fractions, with qualifiers."""

    name = "number"
    priority = PRIORITY_NUMBER

    def extract(self, doc: Document) -> Sequence[Entity]:
        return _numbers(doc.text, doc.view(value_scan))


def _numbers(text: str, rows: Rows) -> Sequence[Entity]:
    """The numbers among the rows (all but percentages), made from the columns; fractions row by row.

    A scan of a few rows (:data:`ROW_BY_ROW`) is read row by row, as its reference does.
    """
    if not len(rows):
        return []
    if len(rows) <= ROW_BY_ROW:
        nums = [num for num in rows if not num.flags & _PCT]
        read = [_number(text, num) for num in nums]
        starts = [num.start for num in nums]
        ends = [num.end for num in nums]
        texts = [text[s:e] for s, e in zip(starts, ends)]
        return Entities("number", starts, ends, texts, [v for v, _ in read], None, [a for _, a in read])
    kept = np.flatnonzero((rows.flags & _PCT) == 0)
    values = _pick(rows.values, kept.tolist())
    attrs = row_attrs(rows, kept)
    for k in np.flatnonzero((rows.flags[kept] & K.FRACTION) != 0).tolist():
        values[k], attrs[k] = _number(text, rows[int(kept[k])])
    return _columns("number", rows, rows.start[kept], rows.end[kept], values, None, attrs)


def _number(text: str, num: Num) -> tuple[Any, dict[str, Any]]:
    """The value and attrs of a number with a qualifier, a sign, a range or a fraction."""
    attrs = _attrs(text, num)
    value = num.value
    if num.flags & K.FRACTION:
        attrs = dict(attrs)
        attrs["numerator"] = num.value
        attrs["denominator"] = num.high
        value = _divide(num.value, num.high)
    return value, attrs


def _divide(a: Any, b: Any) -> Any:
    if a is None or not b:
        return None
    q = Decimal(str(a)) / Decimal(str(b))
    if q == q.to_integral_value():
        return int(q)
    return float(q)


class PercentExtractor(ExtractJoined):
    """Percentages as fractions (85% → 0.85); percentage points get unit ``pp``."""

    name = "percent"
    priority = PRIORITY_PERCENT

    def extract(self, doc: Document) -> Sequence[Entity]:
        text = doc.text
        found = _percents(text, doc.view(value_scan))
        if "折" not in text:
            return found
        discounts = _discounts(text)
        return Entities.concat([Entities.of(found), Entities.of(discounts)]) if discounts else found


#: a discount: the share of the price paid, in tenths (8折, 7.5折, 八折) or in hundredths (95折, 九五折)
_DISCOUNT = regex.compile(
    r"(?:(?<![0-9.])(?P<d>[1-9](?:\.[0-9])?|[1-9][1-9])|(?<![一二三四五六七八九十两兩])(?P<c>[一二三四五六七八九两兩]{1,2}))折$"
)
#: after 折, what makes a word of it (三折叠, 折腾, 折旧, 折合): no discount
_NOT_DISCOUNT_NEXT = frozenset("叠疊腾騰旧舊磨射线線返算合页頁纸紙痕断斷服戟")
#: before the digits, what makes 折 an act of a play, a twist or a fold (第三折, 一波三折, 折成三折); a digit
#: after 折 makes a count too (七折八扣, 四折一楔子)
_NOT_DISCOUNT_BEFORE = frozenset("第波成")
_CN_DIGIT_VALUES = {c: d for d, cs in enumerate(_CN_DIGITS) for c in cs}


def _discounts(text: str) -> list[Entity]:
    """Discounts, as the share of the price paid (打8折 → 0.8, 九五折 → 0.95, 7.5折 → 0.75, 打对折 → 0.5;
    attrs ``discount``): one or two digits before 折, found at each 折."""
    out = []
    at = text.find("折", 1)
    while at > 0:
        m = _DISCOUNT.search(text, max(0, at - 3), at + 1)
        after = text[at + 1 : at + 2]
        if m is not None and text[m.start() - 1 : m.start()] in _NOT_DISCOUNT_BEFORE and m.start():
            m = None  # 第三折, 一波三折, 折成三折: an act, a twist, a fold
        if m is not None and after not in _NOT_DISCOUNT_NEXT and not (after and after in _CN_DIGIT_VALUES):
            digits = m["d"] or "".join(str(_CN_DIGIT_VALUES[c]) for c in m["c"])
            if "." in digits or len(digits) == 1:
                value = _scale(Decimal(digits), -1)
            else:
                value = _scale(int(digits), -2)
            attrs = {"approx": False, "discount": True}
            out.append(Entity("percent", m.start(), at + 1, m[0], value=value, attrs=attrs))
        elif text[at - 1] in "对對" and (text[at - 2 : at - 1] == "打" or text[at - 3 : at - 1] in ("打个", "打個")):
            attrs = {"approx": False, "discount": True}  # 打对折, 打个对折: half the price
            out.append(Entity("percent", at - 1, at + 1, text[at - 1 : at + 1], value=0.5, attrs=attrs))
        at = text.find("折", at + 1)
    return out


def _percents(text: str, rows: Rows) -> Sequence[Entity]:
    """Rows with a percent or permille sign or word, rows followed by 百分点, and tenths (三成).

    A percentage that is no range is made from the columns; ranges, 百分点 and 成 row by row,
    and every row of a scan of a few rows (:data:`ROW_BY_ROW`).
    """
    if not len(rows):
        return []
    if len(rows) <= ROW_BY_ROW:
        return _percents_by_row(text, rows)
    flags = rows.flags
    signed = (flags & _PCT) != 0
    points = ((flags & (K.FRACTION | _PCT)) == 0) & np.isin(rows.after * 65536 + rows.after2, _PP_PAIRS)
    points |= ((flags & _NOT_TENTH) == 0) & (rows.after == _CHENG) & ~_IS_NOT_TENTH_NEXT[rows.after2]
    about = rows.after == _ZUO  # 5%左右: approximate, read row by row
    fast = np.flatnonzero(signed & ((flags & (K.RANGE | K.OVERFLOW)) == 0) & ~about)
    made = _columns(
        "percent",
        rows,
        rows.start[fast],
        rows.end[fast],
        _shifted(rows, fast, np.where((flags[fast] & K.PERCENT) != 0, -2, -3)),
        None,
        row_attrs(rows, fast),
    )
    slow = np.flatnonzero((signed & (((flags & (K.RANGE | K.OVERFLOW)) != 0) | about)) | points)
    return _merge(made, fast, [(i, e) for i in slow.tolist() if (e := _percent(text, rows[i])) is not None])


def _percents_by_row(text: str, rows: Rows) -> list[Entity]:
    """:func:`_percents` row by row: the rows it picks, each read with :func:`_percent`."""
    out = []
    for num, after, after2 in zip(rows, rows.after_l, rows.after2_l):
        fl = num.flags
        if not (
            fl & _PCT
            or (not fl & K.FRACTION and after * 65536 + after2 in _PP_PAIR_SET)
            or (not fl & _NOT_TENTH and after == _CHENG and not _NOT_TENTH_NEXT_L[after2])
        ):
            continue
        e = _percent(text, num)
        if e is not None:
            out.append(e)
    return out


_CHENG = ord("成")
#: rows that are no tenths before 成: signed, fractions, negative, too large to tell, with 万 or 亿
_NOT_TENTH = K.FRACTION | _PCT | K.NEG | K.OVERFLOW | K.HASBIG
#: after 成, these make a word of it (三成员, 成为, 成本, 成千上万) or make 八成 "most likely"
#: (八成是, 八成会): no tenth is read there
_IS_NOT_TENTH_NEXT = _table(
    "员員为為功本立果绩績就都交长長型熟年人分份品效败敗语語千百万萬群批套像色形家名事器材全真行文章对對双雙片堆倍"
    "是会會要又不没沒也还還在得能"
)
# 成0, 成零, 成十: not read (三成二 is 32 %, :func:`_tenth`)
_IS_NOT_TENTH_NEXT[[0x30, 0xFF10, *(ord(c) for c in "零〇十")]] = True
#: one digit after 成 that counts hundredths (三成二 = 32 %), with its value
_HUNDREDTH = {
    **{str(d): d for d in range(1, 10)},
    **{chr(0xFF10 + d): d for d in range(1, 10)},
    **{c: d for d, cs in enumerate(_CN_DIGITS) for c in cs},
}
_NOT_TENTH_NEXT_L: list[bool] = _IS_NOT_TENTH_NEXT.tolist()
_PP_PAIR_SET = frozenset(_PP_PAIRS.tolist())


def _tenth(text: str, num: Num) -> Entity | None:
    """三成 (30 %), 七八成 (70-80 %): a count of tenths, at most ten, written whole."""
    top = num.high if num.is_range else num.value
    if not isinstance(top, int) or not 0 <= top <= 10 or not isinstance(num.value, int):
        return None  # 3.5成, 30成: not read
    end = num.end + 1
    attrs = dict(_attrs(text, num))
    attrs["tenths"] = True
    if num.is_range:
        attrs["low"] = _scale(num.value, -1)
        attrs["high"] = _scale(num.high, -1)
    d = _HUNDREDTH.get(text[end : end + 1])
    if d is not None and top < 10:
        after = text[end + 1 : end + 2]
        if ("\u4e00" <= after <= "\u9fff" and after not in _AFTER_HALF and after != "新") or (
            after in _HUNDREDTH or after.isdigit()
        ):
            d = None  # 七成一线城市: 一 begins a word; 三成二十: more than one digit
    if d is not None and not num.is_range:  # 三成二: 32 %, 九成九: 99 %
        end += 1
        value = _scale(num.value * 10 + d, -2)
        return Entity("percent", num.start, end, text[num.start : end], value=value, attrs=attrs)
    return Entity("percent", num.start, end, text[num.start : end], value=_scale(num.value, -1), attrs=attrs)


def _percent(text: str, num: Num) -> Entity | None:
    """The percentage of one row: a percent or permille row, a number followed by 百分点, or tenths (三成)."""
    if text[num.end : num.end + 1] == "成" and not num.flags & _PCT:
        return _tenth(text, num)
    if num.flags & _PCT:
        exp = -2 if num.flags & K.PERCENT else -3
        attrs = dict(_attrs(text, num))
        if num.is_range:
            attrs["low"] = _scale(num.value, exp)
            attrs["high"] = _scale(num.high, exp)
        attrs, end = _about(text, num.end, attrs)
        return Entity("percent", num.start, end, text[num.start : end], value=_scale(num.value, exp), attrs=attrs)
    end = num.end
    for word, exp, unit in _POINTS:
        if text.startswith(word, end):
            if unit == "bp" and not _rates_before(text, num.start):
                return None  # 取三个基点, 设立了3个基点: base points, no basis points
            end += len(word)
            attrs = dict(_attrs(text, num))
            if num.is_range:
                attrs["low"] = _scale(num.value, exp)
                attrs["high"] = _scale(num.high, exp)
            return Entity(
                "percent", num.start, end, text[num.start : end], value=_scale(num.value, exp), unit=unit, attrs=attrs
            )
    return None


#: words of rates and their moves, one of which stands before basis points in their clause (利率下调50个基点,
#: 加息25基点, 收益率上行10个基点, LPR下调10个基点)
_RATE_WORDS = regex.compile("[息率债債差调調升降涨漲跌]|LPR|MLF|上行|下行|收窄|走阔|走闊")
RATE_REACH = 12


def _rates_before(text: str, start: int) -> bool:
    """Whether a word of rates (:data:`_RATE_WORDS`) stands within :data:`RATE_REACH` characters before
    ``start``, in its clause."""
    clause = _SENTENCE_END.split(text[max(0, start - RATE_REACH) : start])[-1]
    return _RATE_WORDS.search(clause) is not None


#: percentage points (3个百分点 → 0.03 pp) and basis points (50个基点 → 0.005 bp): the word, the power of
#: ten of one, the unit
_POINTS = tuple(
    (word, exp, unit)
    for words, exp, unit in (("个百分点 個百分點 百分点 百分點", -2, "pp"), ("个基点 個基點 基点 基點", -4, "bp"))
    for word in words.split()
)


class MoneyExtractor:
    """Amounts of money in units of their currency (1200万美元 → 12000000 USD).

    元, 块 and 圆 alone are the renminbi (CNY), except in a page written in Traditional
    characters (``meta["script"]``, counted by the convert stage): there they are the
    dollar of Taiwan, Hong Kong or Macau as often, and an amount that names no currency
    of its own has none (``unit`` None). The page's other amounts do not say which: 約合
    新台幣 and 即人民幣 name the currency an amount is converted to.
    """

    name = "money"
    priority = PRIORITY_MONEY

    def extract(self, doc: Document) -> Sequence[Entity]:
        rows = doc.view(value_scan)
        found = _with_salaries(doc.text, _amounts(doc.text, rows), rows)
        return _bare_yuan(Entities.of(found), None) if found and written_traditional(doc) else found

    def extract_batch(self, batch: Batch) -> Entities:
        rows = batch.joined.view(value_scan)
        found = Entities.of(_with_salaries(batch.text, _amounts(batch.text, rows), rows))
        traditional = np.fromiter(map(written_traditional, batch.docs), dtype=bool, count=len(batch))
        if not len(found) or not traditional.any():
            return found
        return _bare_yuan(found, traditional[owners(batch, found.start, found.end)])


#: pay written with k for thousands or w for ten thousands (月薪8-12K, 15k-25k·14薪, 月入2W, 年薪20w+)
_SALARY = regex.compile(
    r"(?<![0-9A-Za-z.])([0-9]+(?:\.[0-9]+)?)([kKwW]?)(?:\s?[-~～至到]\s?([0-9]+(?:\.[0-9]+)?))?([kKwW])(\+?)(?![A-Za-z0-9])"
)
#: words of pay (and rent, budgets) before such an amount, within :data:`SALARY_REACH` characters of one
#: sentence, or 薪 right after it (40-70K·16薪)
_SALARY_WORDS = (
    "薪", "工资", "工資", "月入", "年入", "收入", "待遇", "税前", "稅前", "税后", "稅後", "底薪", "年终奖", "年終獎",
    "房租", "租金", "月租", "预算", "預算",
)  # fmt: skip
#: where the look for a word of pay stops: a clause's or a sentence's end, a document's bound
_SENTENCE_END = regex.compile("[。？！；，,?!;\n\ufdd0]")
SALARY_REACH = 8
_SALARY_FACTOR = {"k": 1000, "w": 10000}


def _salaries(text: str) -> list[Entity]:
    """Pay written with k or w (月薪8-12K → 8,000 to 12,000 CNY, 月入2W → 20,000 CNY, 年薪20w+), read only
    where a word of pay stands right before it or 薪 right after (65W is a power, 8K a resolution).
    Each end takes the letter of the last unless it has its own (15k-25k); ``+`` after is approximate."""
    out = []
    for m in _salary_matches(text):
        start, end = m.span()
        before = _SENTENCE_END.split(text[max(0, start - SALARY_REACH) : start])[-1]  # nor past a clause's end
        after = _SENTENCE_END.split(text[end : end + 4])[0]
        nxt = text[end : end + 1]
        if nxt in _NOT_SALARY_NEXT or (nxt == "的" and not before.endswith(_SALARY_WORDS)):
            continue
        if before.endswith("第") or not (any(w in before for w in _SALARY_WORDS) or "薪" in after):
            continue
        if m[3] is None and m[2]:  # 8K-: one amount and its letter, what follows is no second end
            continue
        last = _SALARY_FACTOR[m[4].lower()]
        first = _SALARY_FACTOR[m[2].lower()] if m[2] else last
        unit = "CNY"
        if text[start - 1 : start] in ("$", "＄"):  # 月薪得$18K: dollars, as the sign says
            start, unit = start - 1, "USD"
        low = _times_decimal(m[1], first)
        attrs: dict[str, Any] = {"approx": bool(m[5])}
        if m[5]:
            attrs["qualifier"] = "+"
        if m[3] is not None:
            high = _times_decimal(m[3], last)
            if not low < high:
                continue
            attrs["low"], attrs["high"] = low, high
        attrs, end = _about(text, end, attrs)
        out.append(Entity("money", start, end, text[start:end], value=low, unit=unit, attrs=attrs))
    return out


#: what an amount of pay is written with
_SALARY_CHARS = frozenset("0123456789.-~～至到 kKwW+")
#: a digit and k or w: where an amount of pay ends (few texts hold one; finding them is a fast scan)
_DIGIT_KW = regex.compile(r"[0-9][kKwW]")


def _salary_matches(text: str) -> list[Any]:
    """The matches of :data:`_SALARY` in ``text``: the pattern runs only around each digit followed by
    k or w (:data:`_DIGIT_KW`), from the start of the amount there to its end, not over the whole text."""
    out: list[Any] = []
    done = 0  # where the last look ended: matches start after it
    n = len(text)
    for hit in _DIGIT_KW.finditer(text):
        a, b = hit.start(), hit.end()
        if b <= done:
            continue
        while a > done and text[a - 1] in _SALARY_CHARS:
            a -= 1  # back to the start of the amount
        while b < n and text[b] in _SALARY_CHARS:
            b += 1  # on to its end, and one character past it, which the pattern looks at
        for m in _SALARY.finditer(text, max(a, done), b + 1):
            out.append(m)
            done = m.end()
        done = max(done, b)
    return out


def _times_decimal(digits: str, factor: int) -> Any:
    """``digits`` (a decimal as written) times ``factor``: an int when whole, else the float that holds it."""
    d = Decimal(digits) * factor
    return int(d) if d == d.to_integral_value() else float(d)


def _with_salaries(text: str, found: Sequence[Entity], rows: Rows) -> Sequence[Entity]:
    """``found`` and the pay written with k or w in ``text`` (:func:`_salaries`) or as a bare amount after a
    word of pay or price (:func:`_bare_pay`), in order of start."""
    pay = _bare_pay(text, rows, found)
    if "k" in text or "K" in text or "w" in text or "W" in text:
        pay += _salaries(text)
    if not pay:
        return found
    taken = [(e.start, e.end) for e in pay]
    kept = [e for e in found if not any(a < e.end and e.start < b for a, b in taken)]
    return sorted([*kept, *pay], key=operator.attrgetter("start"))


#: words of pay and prices right before an amount that names no currency (月薪6500, 年薪30万, 底薪3000,
#: 总价320万): the amount is money, in yuan
_PAY_WORDS = (
    "月薪", "年薪", "底薪", "时薪", "時薪", "日薪", "周薪", "週薪", "薪资", "薪資", "薪水", "薪酬", "工资", "工資",
    "月入", "年入", "税前", "稅前", "税后", "稅後", "总价", "總價", "首付", "首付款", "售价", "售價", "租金", "月租",
    "房租", "报价", "報價", "到手价", "到手價",
)  # fmt: skip
#: one character that may stand between the word and the amount (月薪为6500, 总价：320万, 月薪达8000, 工资才3000,
#: 月薪 8000)
_PAY_JOINERS = frozenset("为為是：:达達在才仅僅只就 ")
_PAY_LAST = frozenset(w[-1] for w in _PAY_WORDS)
_IS_PAY_LAST = _table(_PAY_LAST)
_IS_PAY_JOINER = _table(_PAY_JOINERS)
#: after such an amount, Han characters that leave it one (月薪6500起, 8000以上, 5000左右, 3000的工作)
_PAY_NEXT = frozenset("起以左上至到的每一")


def _bare_pay(text: str, rows: Rows, found: Sequence[Entity]) -> list[Entity]:
    """Amounts with no currency word right after a word of pay or price (月薪6500 → 6,500 CNY, 年薪30万,
    月薪5000-7000, 总价：320万), or after one joiner (月薪为6500); not with a unit or another word
    after them (工资3个月, 月薪3倍) and not where ``found`` has an amount already."""
    if not len(rows):
        return []
    if len(rows) > ROW_BY_ROW:
        near = _IS_PAY_LAST[rows.before] | (_IS_PAY_JOINER[rows.before] & _IS_PAY_LAST[rows.before2])
        candidates: Iterable[int] = np.flatnonzero(near).tolist()
    else:
        candidates = [
            i
            for i, (c, c2) in enumerate(zip(rows.before_l, rows.before2_l))
            if _IS_PAY_LAST[c] or (_IS_PAY_JOINER[c] and _IS_PAY_LAST[c2])
        ]
    out: list[Entity] = []
    taken: list[tuple[int, int]] | None = None
    for i in candidates:
        num = rows[i]
        at = num.start - 1 if text[num.start - 1 : num.start] in _PAY_JOINERS else num.start
        if not any(at >= len(w) and text.startswith(w, at - len(w)) for w in _PAY_WORDS):
            continue
        nxt = text[num.end : num.end + 1]
        if num.value is None or num.flags & (_PCT | K.FRACTION | K.NEG) or nxt in _NOT_PAY_NEXT:
            continue
        if (_is_han(nxt) and nxt not in _PAY_NEXT) or _unit_after(text, num.end) is not None:
            continue  # 工资3个月, 月薪3倍
        if taken is None:
            ents = Entities.of(found)
            taken = list(zip(ents.start.tolist(), ents.end.tolist()))
        if any(a < num.end and num.start < b for a, b in taken):
            continue
        attrs = dict(_attrs(text, num))
        surface = text[num.start : num.end]
        out.append(Entity("money", num.start, num.end, surface, value=num.value, unit="CNY", attrs=attrs))
    return out


#: after an amount, signs that make it no pay (月薪30%, 首付3成 is read as tenths)
_NOT_PAY_NEXT = frozenset("%％‰成、")


def written_traditional(doc: Document) -> bool:
    """Whether the convert stage found ``doc`` written in Traditional characters."""
    script = doc.meta.get("script")
    return isinstance(script, Mapping) and script.get("script") == "traditional"


#: the US dollar named with an amount (US$58, 58美元)
_USD_NAMED = ("US", "美", "USD")
#: the renminbi named with an amount (人民币300元, RMB 300元, ￥300元): its 元 is the renminbi in any script
_CNY_NAMED = ("人民币", "人民幣", "RMB", "rmb", "CNY", "¥", "￥")


def _bare_yuan(found: Entities, where: np.ndarray | None) -> Entities:
    """``found`` with no currency for the amounts in CNY that name no renminbi, and for those in USD
    written with a bare dollar sign (車仔麵要成$58: Hong Kong's dollar as often), among the entities
    ``where`` marks (all when None)."""
    units = list(found.unit)
    changed = False
    for k, (unit, text) in enumerate(zip(units, found.text)):
        if where is not None and not where[k]:
            continue
        bare_yuan = unit == "CNY" and not any(w in text for w in _CNY_NAMED)
        bare_dollar = unit == "USD" and ("$" in text or "＄" in text) and not any(w in text for w in _USD_NAMED)
        if bare_yuan or bare_dollar:
            units[k] = None
            changed = True
    if not changed:
        return found
    return Entities(found.kind, found.start, found.end, found.text, found.value, units, found.attrs)


def _amounts(text: str, rows: Rows) -> Sequence[Entity]:
    """Rows next to a currency word or sign, and amounts in jiao and fen.

    An amount followed by a currency word is made from the columns unless what
    stands around it needs a closer look: 块 (maybe a measure word), a generic
    word (元) after a currency sign or word that may name the currency, or
    jiao, fen or 多 after a yuan word; those, and the rest, row by row, as are all the rows
    of a scan of a few rows (:data:`ROW_BY_ROW`).
    """
    if not len(rows):
        return []
    if len(rows) <= ROW_BY_ROW:
        return [e for num in rows if not num.flags & _NOT_AMOUNT and (e := _money(text, num)) is not None]
    # the character before the amount, past one space (新台币 177.1 亿元)
    before = np.where(rows.before == 32, rows.before2, rows.before)
    candidates = np.flatnonzero(
        ((rows.flags & _NOT_AMOUNT) == 0)
        & (_word_after(rows, _CURRENCY_SINGLE, _CURRENCY_PAIRS) | _IS_BEFORE_LAST[before] | _IS_SUB_UNIT[rows.after])
    )
    word = _CURRENCY_WORDS.at(rows.cps, rows.end[candidates])
    end = rows.end[candidates] + _CURRENCY_LEN[word]
    simple = (
        (word >= 0)
        & ~_CURRENCY_BY_ROW[word]
        & ~(_CURRENCY_GENERIC[word] & _IS_BEFORE_LAST[before[candidates]])
        & ~(_CURRENCY_YUAN[word] & _IS_AFTER_YUAN[char_at(rows.cps, end)])
        & ~(_CURRENCY_YUAN[word] & _IS_YUAN_WORD_NEXT[char_at(rows.cps, end)])
        & ~(_CURRENCY_YUAN[word] & _IS_YUAN_TERM_NEXT[char_at(rows.cps, end)])  # read row by row
        & (char_at(rows.cps, end) != _ZUO)  # 120元左右: approximate, read row by row
        & ~_IS_PLACE_BEFORE[rows.before[candidates]]  # 萬二元: read row by row
    )
    fast = candidates[simple]
    made = _columns(
        "money",
        rows,
        rows.start[fast],
        end[simple],
        _pick(rows.values, fast.tolist()),
        _pick(_CURRENCY_CODES, word[simple].tolist()),
        row_attrs(rows, fast),
    )
    # with no currency word after it nor a sign or word before it, only jiao or fen (八毛) may
    # make a row money, and only a one-character digit from 1 to 9 with nothing after it
    change = (
        rows.isint[candidates]
        & (rows.ints[candidates] >= 1)
        & (rows.ints[candidates] <= 9)
        & (rows.cend[candidates] == rows.cstart[candidates] + 1)
        & (rows.end[candidates] == rows.cend[candidates])
    )
    hopeless = (word < 0) & ~_IS_BEFORE_LAST[before[candidates]] & ~change
    slow = candidates[~simple & ~hopeless].tolist()
    return _merge(made, fast, [(i, e) for i in slow if (e := _money(text, rows[i])) is not None])


def _word_before(text: str, at: int) -> str | None:
    """The currency word (not a generic one, 元) that ends at ``at``, if any."""
    for w in CURRENCY_WORDS_BEFORE:
        if at >= len(w) and text.startswith(w, at - len(w)) and w not in GENERIC:
            return w
    return None


#: what joins the two ends of a range of amounts, each with its sign (港幣$12,000至$15,000)
_AMOUNT_JOINERS = frozenset("-－—–~～至到、或")
_AMOUNT_CHARS = frozenset("0123456789,.，０１２３４５６７８９万萬亿億千百")


def _range_dollar(text: str, sign: int) -> str | None:
    """The currency of the dollar sign at ``sign`` that the first end of its range names (HKD for the
    second $ of 港幣$12,000至$15,000 and of HK$100至$200), if any."""
    first = _first_end_sign(text, sign)
    if first < 0:
        return None
    for named_sign, code in CURRENCY_BEFORE:
        if (
            len(named_sign) > 1
            and named_sign[-1] == text[first]
            and text.startswith(named_sign, first + 1 - len(named_sign))
        ):
            return code
    named = _word_before(text, first)
    return None if named is None else CURRENCY_AFTER[named]


def _first_end_sign(text: str, sign: int) -> int:
    """Where the sign of the first end of a range ends, given the sign of its second end at ``sign``
    ($15,000 of 港幣$12,000至$15,000): past a joiner and an amount (spaces allowed around the
    joiner), the position of that end's own sign; -1 where there is none."""
    j = sign - 1
    while j >= 0 and text[j] == " ":
        j -= 1
    if j < 0 or text[j] not in _AMOUNT_JOINERS:
        return -1
    j -= 1
    while j >= 0 and text[j] == " ":
        j -= 1
    digits = j
    while j >= 0 and text[j] in _AMOUNT_CHARS:
        j -= 1
    if j == digits or j < 0 or text[j] not in ("$", "＄"):
        return -1
    return j


def _money(text: str, num: Num) -> Entity | None:
    start, end = num.start, num.end
    if num.cend - num.cstart == 1 and text[num.start - 1 : num.start] in _PLACE_BEFORE and num.start:
        return None  # 萬二蚊 (12,000), 千五块: the next place of a numeral cut short, not 2 or 5
    code = None
    word = _currency_after(text, num.end, num.start)
    if word is not None:
        code = CURRENCY_AFTER[word]
        end = num.end + len(word)
    before = None
    at = num.start - 1 if text[num.start - 1 : num.start] == " " else num.start  # 新台币 177.1 亿元
    if at > 0 and text[at - 1] in _BEFORE_LAST:
        for sign, c in CURRENCY_BEFORE:
            if at >= len(sign) and text.startswith(sign, at - len(sign)):
                if (
                    sign[0].isalpha()
                    and text[at - len(sign) - 1 : at - len(sign)].isascii()
                    and (text[at - len(sign) - 1 : at - len(sign)].isalpha())
                ):
                    continue  # XA$: a letter before the sign's letters makes another sign (or none)
                before = (sign, c)
                if sign in ("$", "＄"):  # 港幣$98, 新台幣$350: the word before the sign names the dollar
                    named = _word_before(text, at - 1)
                    if named is not None:
                        before = (named + sign, CURRENCY_AFTER[named])
                    else:  # 港幣$12,000至$15,000, HK$100至$200: the range's first end names the dollar
                        before = (sign, _range_dollar(text, at - 1) or c)
                break
        else:
            for w in CURRENCY_WORDS_BEFORE:
                if at >= len(w) and text.startswith(w, at - len(w)):
                    before = (w, CURRENCY_AFTER[w])
                    break
    if before is not None and (code is None or word in GENERIC):
        code = before[1]
        start = at - len(before[0])
    if (
        word in _YUAN
        and num.cend - num.cstart == 1
        and (
            (text[num.cstart] in _TERM_DIGITS and text[end : end + 1] in _YUAN_TERM_NEXT and end < len(text))
            or ((text[num.cstart] in _TERM_DIGITS or "2" <= text[num.cstart] <= "9")
            and _ALGEBRA_AFTER_YUAN.match(text, end))
        )
    ):
        return None  # 三元锂电池, 二元论, 二元一次方程, 2元一次方程: a term, no yuan
    if code is None:
        return _small_change(text, num)
    if word == "圆" and before is None and (text[max(0, start - 2) : start] == "月亮" or _ROUND_AFTER.match(text, end)):
        return None  # 十五的月亮十六圆, 两圆相切: round, no yuan
    attrs = _attrs(text, num)
    if before is not None and start < num.start:  # 約新台幣12億元, 逾人民币50亿元: about, before the currency
        about = _approx_word_before(text, start)
        if about is not None:
            start -= len(about)
            attrs = {**attrs, "approx": True, "qualifier": about + (attrs.get("qualifier") or "")}
    value = num.value
    scale = _SCALE.match(text, num.end) if word is None and before is not None and num.end == num.cend else None
    if scale is not None and value is not None:  # US$3.5 million: the scale word is part of the amount
        factor = _SCALES[scale[1].lower()]
        value = _times(value, factor)
        if num.is_range:
            attrs = {**attrs, "low": _times(num.value, factor), "high": _times(num.high, factor)}
        end = scale.end()
    if word in _YUAN and before is None:
        name = _named_after_yuan(text, end)
        if name is not None:  # 15元人民币, 300元新台幣
            code, end = CURRENCY_AFTER_YUAN[name], end + len(name)
    if word in _YUAN and isinstance(value, int) and not num.flags & K.RANGE:
        sub = _sub_units(text, end, word in ("块", "塊"))
        after_half = text[end + 1 : end + 2]
        if sub is None and text[end : end + 1] == "半" and word in ("块", "塊") and not (
            _is_han(after_half) and after_half not in _AFTER_HALF_YUAN
        ):
            sub = 50, end + 1  # 十三块半: and a half
        if sub is not None:
            cents, end = sub
            value = _cents(value * 100 + (-cents if value < 0 else cents))
        if num.end == num.cend:
            attrs, end = _more(text, end, attrs)
    attrs, end = _about(text, end, attrs)
    return Entity("money", start, end, text[start:end], value=value, unit=code, attrs=attrs)


#: English scale words after an amount with a currency sign before it (US$3.5 million, RMB 2.5 bn)
_SCALE = regex.compile(r" ?(thousand|million|billion|trillion|mn|bn)(?![A-Za-z])", regex.IGNORECASE)
_SCALES = {"thousand": 10**3, "million": 10**6, "mn": 10**6, "billion": 10**9, "bn": 10**9, "trillion": 10**12}


def _times(value: Any, factor: int) -> Any:
    """``value`` times ``factor``, exactly: an int when the product is whole (3.5 million is 3500000)."""
    product = Decimal(str(value)) * factor
    return int(product) if product == product.to_integral_value() else float(product)


def _more(text: str, end: int, attrs: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """多 or 余 after an amount in yuan (三块多, 三块五毛多钱): approximate, in the span."""
    c = text[end : end + 1]
    nxt = text[end + 1 : end + 2]
    if c not in ("多", "余", "餘") or (nxt not in _AFTER_MORE and _is_han(nxt)):
        return attrs, end
    attrs = dict(attrs)
    attrs["approx"] = True
    attrs["qualifier"] = (attrs.get("qualifier") or "") + c
    end += 1
    if text[end : end + 1] in ("钱", "錢"):
        end += 1
    return attrs, end


def _about(text: str, end: int, attrs: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """左右 right after an amount or a percentage (120元左右, 增长5%左右): approximate, in the span."""
    if text[end : end + 2] != "左右":
        return attrs, end
    return {**attrs, "approx": True, "qualifier": (attrs.get("qualifier") or "") + "左右"}, end + 2


_ZUO = ord("左")
#: after 多 that ends an amount (三块多钱, 三块多一点); not 多少, 多种
_AFTER_MORE = frozenset("钱錢一的了吧呢啊呀")


def _small_change(text: str, num: Num) -> Entity | None:
    """An amount in jiao or fen with no yuan before it: 八毛 → 0.8, 五毛钱, 五毛二 → 0.52,
    五角钱, 五角五分, 五分钱 → 0.05 (CNY). One digit; 角 needs 钱 or fen after it, 分 needs 钱
    (三角形, 五分 are no money), and 毛 no word after it (毛利, 毛巾)."""
    value = num.value
    if (
        not isinstance(value, int)
        or not 1 <= value <= 9
        or num.cend != num.cstart + 1
        or num.end != num.cend
        or num.flags & (K.RANGE | K.NEG)
    ):
        return None
    at = num.cend
    unit = text[at : at + 1]
    if unit == "毛" and text[at + 1 : at + 2] in _MAO_WORDS:
        return None
    sub = _sub_units(text, num.cstart, False, jiao_only=True)
    if sub is None:
        return None
    cents, end = sub
    money = text[end - 1] in ("钱", "錢")
    if unit == "分" and not money:
        return None
    if unit == "角" and not money and text[end - 1] != "分":
        return None
    attrs, end = _more(text, end, _attrs(text, num))
    return Entity("money", num.start, end, text[num.start : end], value=_cents(cents), unit="CNY", attrs=attrs)


#: 毛 followed by one of these is a word (毛利 gross profit, 毛巾 towel), not ten fen
_MAO_WORDS = frozenset(
    "利重巾衣病泽澤发髮孔绒絨笔筆皮坯收估料毯线線毛织織驴驢躁糙竹细細边邊囊虫蟲茸豆遂骨片猴呢尖茶血票"
)


#: the yuan words that 角/毛 and 分 may follow (六十四万零一百四十三元一角七分)
_YUAN = frozenset({"元", "圆", "块", "塊"})
#: one digit of a sub-unit amount
_SUB_DIGIT = _CN_DIGIT_CHARS | {str(d): d for d in range(10)} | {chr(0xFF10 + d): d for d in range(10)}
#: characters that may follow 分 (五分钱, 三分的): not the rest of a word (分析, 分钟)
_SUB_END = frozenset("钱錢的一了吧呢啊呀左上多整")
#: after a lone digit that could be the jiao of 三块五 (or the fen of 五毛二), these say the
#: digit counts something else: a measure word or unit (三块一斤, 十块五块, 三块五折), a numeral
#: unit or digit (三块五十个, 3块50)
_NOT_LONE_SUB = (
    frozenset(K.WEAK_FOLLOWERS)
    | frozenset(u[0] for u in UNITS)
    | frozenset("斤两兩瓶杯碗盒包袋箱罐听聽串根粒双雙对對打棵头頭匹桶折瓣餐顿頓趟回遍声聲")
    | frozenset("十百千万亿拾佰仟萬億0123456789０１２３４５６７８９")
)
#: after the amount, what makes the k a measure's, not pay (15k公里, 4K投影仪, 3k字, 10k步, 5k粉丝):
#: a measure word or unit, or a word of what is measured; and 的 but right after the word of pay
#: (月薪8K的工作; 预算紧张，买了8K的显示器)
_NOT_SALARY_NEXT = _NOT_LONE_SUB | frozenset("字行步赞讚粉屏视視显顯投摄攝像帧幀页頁公")
#: a digit and the character after it that make a word (三块五花肉, 十块一起)
_DIGIT_WORDS = frozenset(
    "五花 五金 五官 五星 五彩 五湖 五味 一些 一样 一樣 一起 一下 一点 一點 一直 一定 一般 一共 一边 一邊 一同 "
    "一切 一旦 一向 一致 一体 一體 一再 一律 一并 一流 一线 一手 一口 一路 一生 一时 一家 一面 一半 一旁 一带 "
    "一度 一味 一心 一齐 一概 一番 一阵 一系 一身 三明 三角 三思 四周 四处 八卦 九州 十足 七彩 二手 两者 两边 "
    "两岸 两国 两地 两会 两手".split()
)

#: words that begin with a measure word of :data:`_NOT_LONE_SUB` and count nothing, so a digit
#: before one is still a sub-unit (9块9包邮, 三块五包括运费); not 瓶装 and the like, whose digit
#: counts the pack (39块6瓶装)
_WORDS_AFTER_SUB = frozenset("包邮 包郵 包括 包含 包装 包裝 回来 回來 回去 顿时 頓時 双方 雙方".split())


def _cents(cents: int) -> Any:
    """``cents / 100`` exactly: an int, a float that holds it as written, or a Decimal."""
    if cents % 100 == 0:
        return cents // 100
    d = Decimal(cents).scaleb(-2, Context(prec=len(str(cents)) + 2))
    f = float(d)
    return f if Decimal(repr(f)) == d else d


def _sub_end(text: str, pos: int) -> bool:
    c = text[pos : pos + 1]
    return not c or not ("\u4e00" <= c <= "\u9fff") or c in _SUB_END


def _lone_sub(text: str, p: int) -> bool:
    """The digit at ``p`` stands alone as a sub-unit (三块五买了, 五毛二的, 9块9包邮), not as a count
    (三块一斤), the start of a number (三块五十个, 3块50) or of a word (三块五花肉)."""
    c = text[p + 1 : p + 2]
    if not c or text[p + 1 : p + 3] in _WORDS_AFTER_SUB:
        return True
    return c not in _NOT_LONE_SUB and text[p : p + 2] not in _DIGIT_WORDS


def _sub_units(text: str, pos: int, colloquial: bool, *, jiao_only: bool = False) -> tuple[int, int] | None:
    """Jiao and fen after a yuan word at ``pos`` (or from the jiao digit at ``pos``,
    ``jiao_only``): ``(cents, end)``, or ``None``.

    ``N角`` or ``N毛`` (tenths), then ``N分`` (hundredths; ``零N分`` right after the
    yuan word), then 钱 (三块五毛钱). A lone digit after 块 is the jiao (十块五 =
    10.5, 三块五买了一瓶水 = 3.5) and after 毛 the fen (三块五毛二 = 3.52), unless a
    measure word, a numeral or a word follows it (三块一斤, 三块五十个, 三块五花肉).
    One digit per sub-unit.
    """
    cents = 0
    end = pos
    p = pos
    jiao = False
    d = _SUB_DIGIT.get(text[p : p + 1])
    if d is not None and text[p + 1 : p + 2] in ("角", "毛"):
        cents = 10 * d
        jiao = text[p + 1] == "毛"
        p = end = p + 2
        d = _SUB_DIGIT.get(text[p : p + 1])
    elif d == 0 and text[p + 2 : p + 3] == "分" and not jiao_only:
        p += 1  # 一元零五分
        d = _SUB_DIGIT.get(text[p : p + 1])
    if (
        d is not None
        and text[p + 1 : p + 2] == "分"
        and text[p + 2 : p + 3] not in ("钟", "鐘", "之")
        and _sub_end(text, p + 2)
    ):
        cents += d
        end = p + 2
    elif d and (jiao or (end == pos and colloquial)) and _lone_sub(text, p):
        cents += d if jiao else 10 * d  # 五毛二, 三块五
        end = p + 1
    if end == pos:
        return None
    if text[end : end + 1] in ("钱", "錢"):
        end += 1
    return cents, end


class QuantityExtractor(ExtractJoined):
    """A number with its measure word or unit (3584张, 11分钟); durations get ISO 8601.

    ``unit`` is the word as written. Physical and digital units also carry
    ``attrs["symbol"]``, normalized: 5.5英寸 → in, 500毫升 → mL, 25℃ and 25°C → °C,
    2.4GHz, 2.4ghz and 2.4GHZ → GHz, 3 kg → kg. Units in Latin letters are read in any
    case where case carries no meaning; where it does (MW and mW, GB and Gb, W and the w
    that writes 万) only the spellings that say one thing are read, and a lone M, G, K,
    B, A, s or h is never a unit (3M公司, 5G网络, 4K, 7B参数, 5A景区, 5s), nor g before a word of
    mobile networks (5g网络; 50g is grams). The unit must
    be a whole token (2mmx is nothing; 2mmol is mmol), and after a space it needs two
    letters or more (3 kg, not 3 m). Scores and ratings are quantities in 分 and 星
    (92.5分, 4.8星; ``attrs["out_of"]`` from （满分10分）) after Arabic digits or a numeral
    of two characters or more, not before a digit (1分30秒) nor after a clock's 点 (3点15分).
    """

    name = "quantity"
    priority = PRIORITY_QUANTITY

    def extract(self, doc: Document) -> Sequence[Entity]:
        return _quantities(doc.text, doc.view(value_scan))


def _quantities(text: str, rows: Rows) -> Sequence[Entity]:
    """Quantities with a unit in Latin letters (:func:`_latin_quantities`), the rows
    followed by a measure word or unit (:func:`_unit_quantities`) and compound measures
    (:func:`_compounds`: 4分32秒, 1米75), in text order."""
    latin = _latin_quantities(text, rows.cps, rows.glued)
    found = _unit_quantities(text, rows)
    compounds = _compounds(text, rows)
    if "米" in text:
        compounds = sorted([*compounds, *_chinese_heights(text)], key=operator.attrgetter("start"))
    if "半" in text:
        latin = sorted([*latin, *_halves(text)], key=operator.attrgetter("start"))
    terms = sentence_months(text)
    if terms:  # 有期徒刑八月: eight months
        latin = sorted([*latin, *(_months(text, *term) for term in terms)], key=operator.attrgetter("start"))
    if not latin and not compounds:
        return found
    both = Entities.concat([Entities.of(found), Entities.of(latin)])
    if compounds:  # a compound replaces the quantities of its parts
        inside = np.zeros(len(both), dtype=bool)
        for c in compounds:
            inside |= (both.start >= c.start) & (both.end <= c.end)
        both = Entities.concat([both.take(np.flatnonzero(~inside)), Entities.of(compounds)])
    return both.take(np.argsort(both.start, kind="stable"))


#: units of time a half alone may be of (半小时, 半个月, 半年), with the unit of the quantity
_HALF_ALONE = {
    **dict.fromkeys(("小时", "个小时", "钟头", "个钟头"), "小时"),
    **dict.fromkeys(("小時", "個小時", "鐘頭", "個鐘頭"), "小時"),
    "分钟": "分钟", "分鐘": "分鐘", "秒钟": "秒", "秒鐘": "秒", "秒": "秒", "个月": "个月", "個月": "個月", "年": "年",
}  # fmt: skip
_HALF_ALONE_LONGEST = max(map(len, _HALF_ALONE))
#: before a half, what makes it part of another word or a number's (上半年, 下半年, 大半年, 一个半小时, 两年半)
_NOT_BEFORE_HALF = frozenset("上下前后後大多过過个個一二两兩三四五六七八九十百千万零〇0123456789")
#: after the unit of a half, what makes it another word (半年报 is a report, 半年度; 半分钟 stays); 前 and
#: 后 after it make a relative date (:data:`_RELATIVE_NEXT`)
_NOT_AFTER_HALF = frozenset("报報度刊")


def _months(text: str, start: int, end: int, months: int) -> Entity:
    """The term of ``months`` written ``text[start:end]`` (八月 after 徒刑), as a quantity of months."""
    attrs = {"approx": False, "duration": f"P{months}M"}
    return Entity("quantity", start, end, text[start:end], value=months, unit="月", attrs=attrs)


def _halves(text: str) -> list[Entity]:
    """Half of a unit of time, with no number before it: 半小时 (0.5 小时, PT0.5H), 半个月, 半年, 半分钟;
    with 多 after, approximate (半年多). Not 上半年, 大半年, 一个半小时 (the number scan's), 半年报."""
    out = []
    at = text.find("半")
    while at >= 0:
        if not (at and text[at - 1] in _NOT_BEFORE_HALF):
            for n in range(_HALF_ALONE_LONGEST, 0, -1):
                word = text[at + 1 : at + 1 + n]
                if len(word) == n and word in _HALF_ALONE:
                    end = at + 1 + n
                    if text[end : end + 1] not in _NOT_AFTER_HALF or end == len(text):
                        if text[end : end + 1] in _RELATIVE_NEXT and end < len(text):
                            break  # 半年前, 半小时后: a date or a time from now, which the dates do not read
                        unit = _HALF_ALONE[word]
                        attrs: dict[str, Any] = {"approx": False}
                        if text[end : end + 1] in ("多", "余", "餘") and end < len(text):
                            attrs = {"approx": True, "qualifier": text[end]}
                            end += 1
                        attrs["duration"] = _duration(0.5, _UNIT_DESIGNATORS[unit])
                        out.append(Entity("quantity", at, end, text[at:end], value=0.5, unit=unit, attrs=attrs))
                    break
        at = text.find("半", at + 1)
    return out


#: units of time and age and the next smaller unit each may be followed by in a compound
#: (1小时20分钟, 4分32秒, 3年6个月, 1岁3个月), with how many of it make one of the larger
_TIME_PARTS: dict[str, tuple[frozenset[str], int]] = {
    **dict.fromkeys(("年", "岁", "歲"), (frozenset(("个月", "個月")), 12)),
    "天": (frozenset(("小时", "小時", "个小时", "個小時")), 24),
    **dict.fromkeys(("小时", "小時", "个小时", "個小時"), (frozenset(("分钟", "分鐘", "分")), 60)),
    **dict.fromkeys(("分钟", "分鐘", "分"), (frozenset(("秒", "秒钟", "秒鐘")), 60)),
}
#: each part's ISO 8601 designator in a compound (岁 counts years, 个小时 hours)
_PART_DESIGNATORS = {
    **dict.fromkeys(("年", "岁", "歲"), "Y"),
    **dict.fromkeys(("个月", "個月"), "M"),
    "天": "D",
    **dict.fromkeys(("小时", "小時", "个小时", "個小時"), "TH"),
    **dict.fromkeys(("分钟", "分鐘", "分"), "TM"),
    **dict.fromkeys(("秒", "秒钟", "秒鐘"), "TS"),
}
#: units whose next smaller unit is a tenth of them (3斤2两 is 3.2斤, 5尺3寸 5.3尺)
_TENTH_PARTS = {"斤": frozenset("两兩"), "尺": frozenset("寸"), "丈": frozenset("尺")}
#: units followed by bare digits that are their decimals, as heights and waists are said (1米75 is
#: 1.75 m, 2尺4 2.4 chi), with the whole numbers they are said after
_DECIMAL_PARTS = {"米": frozenset((1, 2)), "尺": frozenset(range(1, 7))}
#: what may follow a height's decimals (1米75的, 1米8高, 1米65左右) besides punctuation
_AFTER_HEIGHT = frozenset("的高个個左上多")
_COMPOUND_FIRST_CODES = frozenset(ord(u[0]) for u in (*_TIME_PARTS, *_TENTH_PARTS, *_DECIMAL_PARTS, "秒"))
_COMPOUND_FIRST = _table(chr(c) for c in _COMPOUND_FIRST_CODES)
#: after a duration, what makes it a relative date (3年6个月前, 2年3个月后)
_RELATIVE_NEXT = frozenset("前后後")
#: flags of a row that is no part of a compound: a range, a fraction, a percentage, a sign
_NOT_PART = K.RANGE | K.FRACTION | K.PERCENT | K.PERMILLE | K.NEG
#: after a number, what makes the next a clock's minutes (3点15分20秒 is a time, 用时3天2小时 no)
_CLOCK_MARKS = frozenset("点點时時:：")


def _after_clock(text: str, start: int) -> bool:
    """Whether a clock's hour stands right before ``start`` (3点, 10时, 12:)."""
    if start < 2 or text[start - 1] not in _CLOCK_MARKS:
        return False
    c = text[start - 2]
    return c.isdigit() or c in _NUMERAL_CHARS or c in "十两兩"


def _compounds(text: str, rows: Rows) -> list[Entity]:
    """Measures written in two or more units, each part right after the last (one entity each):

    - time and age, the value counted in the last unit written, ``duration`` in ISO 8601:
      1小时20分钟 is 80 分钟 (PT1H20M), 4分32秒 272 秒 (PT4M32S), 3年6个月 42 个月 (P3Y6M);
    - 斤 and 两, 尺 and 寸, 丈 and 尺: tenths, the value in the first unit (3斤2两 is 3.2 斤);
    - a height or a waist: 1 or 2 米, or 1 to 6 尺, and one or two bare digits, its decimals (1米75 is
      1.75 米, 2米11 2.11 米, 2尺4 2.4 尺), with nothing but punctuation, 的, 高, 个, 多, 左右 or 上下
      after (200米3号楼, 15米2 and 1米75元 are none).

    Each part is a whole number with no range, sign or fraction, and smaller than what makes
    one of the unit before it (2小时75分 is none).
    """
    n = len(rows)
    if n < 2:
        return []
    if n <= ROW_BY_ROW:  # a few rows: their lists, as every reader of such a scan
        starts, ends, after = rows.start_l, rows.end_l, rows.after_l
        firsts: list[int] = [
            i for i in range(n - 1) if 1 <= starts[i + 1] - ends[i] <= 3 and after[i] in _COMPOUND_FIRST_CODES
        ]
    else:
        gap = rows.start[1:] - rows.end[:-1]
        firsts = np.flatnonzero((gap >= 1) & (gap <= 3) & _COMPOUND_FIRST[rows.after[:-1]]).tolist()
    out: list[Entity] = []
    reach = 0  # where the last compound ends: a part of it begins no other
    for i in firsts:
        if rows.start_l[i] < reach:
            continue
        found = _compound(text, rows, i)
        if found is not None:
            out.append(found)
            reach = found.end
    return out


def _part(rows: Rows, i: int, *, first: bool = False) -> Num | None:
    """Row ``i`` as a part of a compound: a whole number with no range, fraction or sign, and
    approximate only as the first part (约1小时20分)."""
    num = rows[i]
    if num.flags & _NOT_PART or type(num.value) is not int or (not first and num.flags & K.APPROX):
        return None
    return num


def _compound(text: str, rows: Rows, i: int) -> Entity | None:
    """The compound measure whose first part is row ``i``, or None."""
    first = _part(rows, i, first=True)
    if first is None or _after_clock(text, first.start) or "每" in text[max(0, first.start - 2) : first.start]:
        return None  # 3点15分20秒 is a time; 每周5天8小时 is 5 days of 8 hours
    unit = _unit_after(text, first.end)
    if unit is None or (unit == "年" and is_year(text, first)):
        return None
    if first.flags & K.APPROX and first.start == first.cstart:
        return None  # 1小时多, 3年余: the approximation is the first part's alone
    pos = first.end + len(unit)
    if unit in _DECIMAL_PARTS or unit in _HUNDREDTHS:
        found = _decimal_compound(text, rows, i + 1, first, unit, pos)
        if found is not None or (unit in _DECIMAL_PARTS and unit not in _TENTH_PARTS):
            return found  # 2尺4, 9秒83; else 5尺3寸 is read as tenths
    if unit in _TENTH_PARTS:
        nxt = _part(rows, i + 1) if i + 1 < len(rows) and rows.start_l[i + 1] == pos else None
        small = None if nxt is None else text[nxt.end : nxt.end + 1]
        if nxt is None or small not in _TENTH_PARTS[unit] or not 0 < nxt.value < 10:
            return None
        value = _decimal_value(f"{first.value}.{nxt.value}")
        return _compound_entity(text, first, nxt.end + 1, value, unit, {})
    parts = [(first.value, unit)]
    j = i + 1
    end = pos
    while unit in _TIME_PARTS and j < len(rows):
        if text[end : end + 1] == "零" and rows.start_l[j] == end + 1:
            end += 1  # 1年零2个月: 零 between the parts
        if rows.start_l[j] != end:
            break
        smaller, many = _TIME_PARTS[unit]
        nxt = _part(rows, j)
        word = None if nxt is None else _unit_after(text, nxt.end)
        if nxt is None or word not in smaller or nxt.value >= many:
            break
        parts.append((nxt.value, word))
        unit, end, j = word, nxt.end + len(word), j + 1
    if len(parts) < 2 or text[end : end + 1] in _RELATIVE_NEXT:
        return None  # 3年6个月前: a relative date's span, read by the dates
    total = parts[0][0]
    for (value, _), (_, larger) in zip(parts[1:], parts):
        total = total * _TIME_PARTS[larger][1] + value
    if unit in _HUNDREDTHS and j < len(rows) and rows.start_l[j] == end:  # 1分52秒85: hundredths of the seconds
        digits = _hundredths(text, rows, j)
        if digits is not None:
            total = _decimal_value(f"{total}.{digits}")
            parts[-1] = (f"{parts[-1][0]}.{digits}", unit)
            end += len(digits)
    return _compound_entity(text, first, end, total, unit, {"duration": _iso_duration(parts)})


#: units whose hundredths may follow them in two digits, as results in sport are written (9秒83, 8米35)
_HUNDREDTHS = frozenset(("秒", "米"))


def _hundredths(text: str, rows: Rows, j: int) -> str | None:
    """The two ASCII digits of row ``j``, if they are the hundredths of the unit before them: no unit,
    measure word, letter, digit or point after them (200米35秒, 5米20层 are two amounts)."""
    nxt = rows[j]
    digits = text[nxt.start : nxt.cend]
    if nxt.flags & (_NOT_PART | K.APPROX) or nxt.end != nxt.cend or len(digits) != 2 or not digits.isdigit():
        return None
    after = text[nxt.cend : nxt.cend + 1]
    if (after.isascii() and after.isalnum()) or after in (".", "．") or (_is_han(after) and after not in _AFTER_RESULT):
        return None
    return digits


#: what may follow a result's hundredths (9秒83的成绩, 9秒83夺冠, 8米35获得, 10秒05刷新, 12秒91平了纪录);
#: any other Han character makes the digits a count of their own (3秒23号, 10米15楼, 5米20元)
_AFTER_RESULT = frozenset("的夺奪获獲刷创創打破位排名居成拿摘赢贏胜勝跑跳完并並和与與平追")


def _decimal_compound(text: str, rows: Rows, j: int, first: Num, unit: str, pos: int) -> Entity | None:
    """1米75: the row ``j`` at ``pos``, one or two ASCII digits that nothing counted follows; or two
    digits after a whole number below 100 and 秒 or 米, hundredths (9秒83, 8米35: :func:`_hundredths`)."""
    if j >= len(rows) or rows.start_l[j] != pos:
        return None
    if first.value not in _DECIMAL_PARTS.get(unit, ()):
        whole = type(first.value) is int and 0 <= first.value < 100
        digits = _hundredths(text, rows, j) if whole and unit in _HUNDREDTHS else None
        if digits is None:
            return None
        value = _decimal_value(f"{first.value}.{digits}")
        more = {"symbol": SYMBOLS[unit]} if unit in SYMBOLS else {"duration": f"PT{value}S"}
        return _compound_entity(text, first, pos + 2, value, unit, more)
    nxt = rows[j]
    digits = text[pos : nxt.cend]
    about = text[nxt.cend : nxt.end] in ("左右", "上下")  # 1米65左右: read with the whole height
    if nxt.flags & _NOT_PART or (nxt.flags & K.APPROX and not about) or nxt.start != nxt.cstart:
        return None
    if not (0 < len(digits) <= 2 and digits.isascii() and digits.isdigit()):
        return None
    after = text[nxt.cend : nxt.cend + 1]
    if (after.isalnum() and after not in _AFTER_HEIGHT) or (after and after in ".．"):
        return None  # 200米3号楼, 500米6号线, 15米2 (m²), 50米3 (m³): no height
    value = _decimal_value(f"{first.value}.{digits}")
    return _compound_entity(text, first, nxt.cend, value, unit, {"symbol": SYMBOLS[unit]} if unit in SYMBOLS else {})


#: a height in Chinese numerals: 一 or 两 米 and one or two digits, its decimals (一米七五, 一米八零,
#: 两米零五), with nothing after but punctuation or :data:`_AFTER_HEIGHT` (个 only in 个子, 多 making
#: it approximate); no numeral or 每 before (十一米五, 每一米八个孔)
_CHINESE_HEIGHT = regex.compile(
    r"(?<![零〇一二两兩三四五六七八九十百千万萬每])([一两兩二])米"
    r"([一二三四五六七八九][零〇一二三四五六七八九]|零[一二三四五六七八九]|[一二三四五六七八九])"
)


def _chinese_heights(text: str) -> list[Entity]:
    """Heights in Chinese numerals (一米七五 is 1.75 米, 两米一 2.1 米), as 1米75 is read in digits."""
    out = []
    for m in _CHINESE_HEIGHT.finditer(text):
        end = m.end()
        after = text[end : end + 1]
        counted = after in ("个", "個") and text[end + 1 : end + 2] != "子"
        if (after.isalnum() and after not in _AFTER_HEIGHT) or counted:
            continue  # 一米八个人, 一米五宽: no height
        whole = 1 if m[1] == "一" else 2
        value = _decimal_value(f"{whole}.{''.join(str(_CN_DIGIT_CHARS[c]) for c in m[2])}")
        attrs: dict[str, Any] = {"approx": after == "多", "symbol": SYMBOLS["米"]}
        if after == "多":
            end += 1  # 一米七多
        end = _about_after(text, end, attrs)
        out.append(Entity("quantity", m.start(), end, text[m.start() : end], value=value, unit="米", attrs=attrs))
    return out


_ABOUT_FIRST = frozenset("左上")


def _about_after(text: str, end: int, attrs: dict[str, Any]) -> int:
    """The end of a quantity ending at ``end`` with the 左右 or 上下 after it (not 上下文), marked in
    ``attrs`` as approximate with that qualifier."""
    for word in ("左右", "上下"):
        if text.startswith(word, end) and not text.startswith("文", end + 2):
            attrs["approx"] = True
            attrs["qualifier"] = (attrs.get("qualifier") or "") + word
            return end + 2
    return end


def _compound_entity(text: str, first: Num, end: int, value: Any, unit: str, more: dict[str, Any]) -> Entity:
    attrs = {**_attrs(text, first), **more}
    end = _about_after(text, end, attrs)
    return Entity("quantity", first.start, end, text[first.start : end], value=value, unit=unit, attrs=attrs)


def _iso_duration(parts: list[tuple[int, str]]) -> str:
    """P3Y6M, PT1H20M30S, P3DT2H: the parts' designators in order, T before the first of the day's."""
    date = "".join(f"{v}{_PART_DESIGNATORS[w]}" for v, w in parts if not _PART_DESIGNATORS[w].startswith("T"))
    clock = "".join(f"{v}{_PART_DESIGNATORS[w][1]}" for v, w in parts if _PART_DESIGNATORS[w].startswith("T"))
    return f"P{date}" + (f"T{clock}" if clock else "")


def _unit_quantities(text: str, rows: Rows) -> Sequence[Entity]:
    """Rows followed by a measure word or unit, made from the columns (a range's duration too:
    两到三年 → P2Y/P3Y); 块 (maybe money), 左右 or 上下 after the unit, ranges before 年 that may
    be ranges of years (2019-2020年) and units read in context (分, 星) row by row, as are all
    the rows of a scan of a few rows (:data:`ROW_BY_ROW`)."""
    if not len(rows):
        return []
    if len(rows) <= ROW_BY_ROW:
        return [e for num in rows if not num.flags & _NOT_AMOUNT and (e := _quantity(text, num)) is not None]
    flags = rows.flags
    candidates = ((flags & _NOT_AMOUNT) == 0) & _IS_UNIT_FIRST[rows.after]
    # 2023年 is a year, not a quantity of years
    years = np.flatnonzero(
        candidates & (rows.after == ord("年")) & ((flags & _NOT_YEAR) == 0) & (rows.cend - rows.cstart == 4)
    )
    digits = ((flags[years] & K.DIGITSTR) != 0) | arabic_cores(rows, years, 4)
    candidates[years[digits]] = False
    # 民國113年: a year of the Republic of China, not 113 years
    # 民國113年, 公元100年, 公元前104年: a year of an era, not 113 years
    b, b2 = rows.before, rows.before2
    era = ((b2 == ord("民")) & _IS_GUO[b]) | (_IS_GONG_XI[b2] & (b == ord("元")))
    era |= (b2 == ord("元")) & (b == ord("前"))
    candidates &= ~((rows.after == ord("年")) & era)
    # a unit, and not the start of a noun (17万家庭)
    cand = np.flatnonzero(candidates)
    pair = rows.after[cand] * 65536 + rows.after2[cand]
    cand = cand[_NOT_UNIT_PAIRS[np.minimum(np.searchsorted(_NOT_UNIT_PAIRS, pair), len(_NOT_UNIT_PAIRS) - 1)] != pair]
    unit = _UNIT_WORDS.at(rows.cps, rows.end[cand])
    end = rows.end[cand] + _UNIT_LEN[unit]
    durations = _UNIT_DURATION[unit]
    ranged = (flags[cand] & K.RANGE) != 0
    # a range before 年 that may be one of years (2019-2020年) is looked at row by row
    years_range = ranged & _UNIT_YEAR[unit] & rows.isint[cand] & (rows.ints[cand] >= 1000) & (rows.ints[cand] <= 2999)
    simple = (unit >= 0) & ~_UNIT_KUAI[unit] & ~_LOOK_CLOSER[char_at(rows.cps, end)] & ~years_range
    simple &= ~_UNIT_CONTEXT[unit] & ~_UNIT_BY_ROW[unit]
    # after 于 a year's 年 (建于960年), after + a match's minute (第90+3分钟): row by row
    simple &= ~_IS_CLOSER_BEFORE[rows.before[cand]]
    fast = cand[simple]
    units = _pick(_UNIT_NAMES, unit[simple].tolist())
    values = _pick(rows.values, fast.tolist())
    attrs = row_attrs(rows, fast)
    highs = rows.highs
    timed = np.flatnonzero(durations[simple])
    for k, i, r in zip(timed.tolist(), fast[timed].tolist(), ranged[simple][timed].tolist()):
        designator = _UNIT_DESIGNATORS[units[k]]
        duration = _duration(values[k], designator)
        attrs[k]["duration"] = f"{duration}/{_duration(highs[i], designator)}" if r else duration
    starts = rows.start[fast]
    for k in np.flatnonzero(_UNIT_HAS_SYMBOL[unit[simple]]).tolist():
        attrs[k]["symbol"] = SYMBOLS[units[k]]
        if attrs[k]["symbol"] in _DISTANCES:  # 时速350公里: a speed
            units[k] = _speed(text, int(starts[k]), units[k], attrs[k])
    made = _columns("quantity", rows, starts, end[simple], values, units, attrs)
    # N日 with no cue on either side is a day of the month (most dates): not read row by row
    days = (unit == _DAY_UNIT) & ~_IS_DAYS_CUE_LAST[char_at(rows.cps, rows.cstart[cand] - 1)]
    days &= ~_IS_WITHIN_FIRST[char_at(rows.cps, end)]
    slow = cand[~simple & (unit >= 0) & ~days].tolist()
    return _merge(made, fast, [(i, e) for i in slow if (e := _quantity(text, rows[i])) is not None])


#: before N年, words that make it a year of an era (民國113年, 民国38年, 公元100年), not a count of years
_ERAS = frozenset({"民國", "民国", "公元", "西元", "元前", *REIGNS})  # 元前: 公元前; 康熙五十年 is a year
#: the parts of an address written as a number and a unit: building, floor, unit, room, section, phase
_ADDRESS_UNITS = frozenset("栋 棟 幢 座 层 層 楼 樓 单元 單元 室 段 期".split())
#: before such a part, a measure word of buildings after a letter (A座12层, B栋3层; 一座3层小楼 and 6栋18层
#: count floors)
_BUILDING_BEFORE = frozenset("座栋棟幢")
#: two characters before such a part that end another part (2单元501室, 3号楼12层)
_PART_BEFORE = frozenset(("单元", "單元", "号楼", "號樓"))
#: before 期, the last character of the name of an estate (碧桂园二期, 万科城三期; 分三期 counts)
_ESTATE_LAST = frozenset("园園城苑府湾灣邸庭")


_IS_GUO = _table("國国")
#: before a row, what its quantity is read row by row after: 于 (建于960年), a word of a plan (預計114年),
#: + (第90+3分钟), an address's part (128号3栋, 3号楼12层, 信义路五段, 万科城三期)
_IS_CLOSER_BEFORE = _table("于於+号號期元楼樓路街道计計定估畫劃" + "".join(_BUILDING_BEFORE | _ESTATE_LAST))
_IS_GONG_XI = _table("公西")
#: after the unit, what the row-by-row reading looks at: 左右, 上下, and a half (3年半)
#: and a rate (340米/秒), a year's part (115年底: a year of the Republic), and a Chinese digit
#: (七斤八两: :data:`_CHINESE_PART_NEXT`)
# and 年化, 年轻 after 周年 (:data:`_ANNIVERSARY`), 工 after 个小时
_LOOK_CLOSER = _table(["左", "上", "半", "化", "轻", "輕", "工", "/", "底", "初", *_TERM_DIGITS])
#: units a half may follow (3年半 is 3.5 years, 5岁半 5.5, 1吨半 1.5 t)
HALF_UNITS = frozenset(K.HALF_UNITS)
#: after 个 and a half, the unit the half is of (两个半小时: 2.5 hours; 三个半月: 3.5 months), as the quantity's unit
_HALF_OF = dict(zip(K.HALF_OF, ("小时", "小時", "小时", "小時", "个月")))
#: after the half, what may follow it (3年半的, 5岁半后; not 3年半导体)
_AFTER_HALF = frozenset(K.AFTER_HALF)
#: units of goods, whose half may stand before the goods (三斤半苹果, 两亩半玉米) ...
_GOODS_HALF = frozenset("斤 公斤 千克 吨 噸 亩 畝".split())
#: ... unless 半 begins a word there (半导体, 半价, 半成品, 半岛, 半年)
_HALF_WORD = frozenset("导導价價成岛島年天月夜数數径徑场場山身边邊路截")
#: after 斤 or 亩, a Chinese digit (:data:`_TERM_DIGITS`) and a smaller unit: a measure in two units the
#: compound reader does not read in Chinese numerals (七斤八两, 三斤两两, 八亩三分地), so no first part alone
_CHINESE_PART_NEXT = {"斤": frozenset("两兩"), "亩": frozenset("分"), "畝": frozenset("分")}


def _half(text: str, unit: str, end: int, num: Num) -> tuple[str, int] | None:
    """The unit and the end of a quantity whose unit at ``end`` is followed by 半: ``N unit 半``
    is N and a half (3年半, 5岁半, 两个半小时); ``None`` if there is no such half."""
    if text[end : end + 1] != "半" or num.flags & K.RANGE or type(num.value) is not int:
        return None
    if unit in ("个", "個"):
        for word in K.HALF_OF:
            if text.startswith(word, end + 1):
                of = _HALF_OF[word]
                return (of if unit == "个" or of == "小時" else "個月"), end + 1 + len(word)
    nxt = text[end + 1 : end + 2]
    if unit not in HALF_UNITS and unit not in ("个", "個"):
        return None
    if "\u4e00" <= nxt <= "\u9fff" and nxt not in _AFTER_HALF and (unit not in _GOODS_HALF or nxt in _HALF_WORD):
        return None
    return unit, end + 1


#: units of time after a slash that make a unit a rate, and their symbols (340米/秒 → m/s, 70公里/小时 → km/h)
_PER_TIME = {
    "小时": "h", "小時": "h", "分钟": "min", "分鐘": "min", "秒钟": "s", "秒鐘": "s",
    "秒": "s", "分": "min", "时": "h", "時": "h", "天": "d", "日": "d",
}  # fmt: skip


#: what may follow the unit of time of a rate (350公里/小时的速度); any other Han character makes it a
#: word's first character (3万件/天猫旗舰店, 500克/日本进口)
_AFTER_PER = frozenset("的左上以之内內或和至到及")


#: words of speed before a distance, and the unit of time they make it per (时速350公里, 每小时60公里,
#: 限速60公里, 每秒340米)
_SPEED_WORDS = {
    "时速": "小时", "時速": "小時", "每小时": "小时", "每小時": "小時", "限速": "小时",
    "秒速": "秒", "每秒钟": "秒", "每秒鐘": "秒", "每秒": "秒",
}  # fmt: skip
_SPEED_LAST = frozenset(w[-1] for w in _SPEED_WORDS)
#: the symbols of distances a speed word makes a rate
_DISTANCES = frozenset(("km", "m", "mi", "nmi"))
#: how far before a distance a speed word may end (时速不得超过120公里), with only these words between
_SPEED_REACH = 8
_SPEED_FILLERS = regex.compile(
    "(?:最高|最快|最低|平均|大约|大約|约|約|为|為|是|达到|達到|可达|可達|高达|高達|达|達|仅|僅|只有|只|保持|"
    "限制在|控制在|在|不得超过|不得超過|不能超过|不能超過|不超过|不超過|超过|超過|不低于|不低於|低于|低於|"
    "以|走|跑|飞|飛|行驶|行駛|移动|移動|前进|前進|了|的|将近|將近|接近|近|逾)*"
)


def _speed(text: str, start: int, unit: str, attrs: dict[str, Any]) -> str:
    """``unit``, or the rate it is in after a word of speed (时速350公里: 公里/小时; 时速350km: km/h),
    ``attrs["symbol"]`` made the rate's (km/h). The word ends at most ``_SPEED_REACH`` characters before the quantity's
    ``start``, with Han characters only between: no number, no punctuation."""
    if attrs.get("symbol") not in _DISTANCES:
        return unit
    for at in range(start, max(0, start - _SPEED_REACH) - 1, -1):
        if at < start and not _is_han(text[at]):
            return unit
        if at >= 2 and text[at - 1] in _SPEED_LAST:
            word = next((w for w in _SPEED_WORDS if text.startswith(w, at - len(w))), None)
            if word is not None:
                if _SPEED_FILLERS.fullmatch(text, at, start) is None:
                    return unit  # 限速路段全长12公里, 时速表显示已行驶了300公里: a length
                per = _SPEED_WORDS[word]
                attrs["symbol"] = f"{attrs['symbol']}/{_PER_TIME[per]}"
                return attrs["symbol"] if unit.isascii() else f"{unit}/{per}"
    return unit


def _per_time_at(text: str, word: str, at: int) -> bool:
    """Whether the unit of time ``word`` stands at ``at`` and ends a word there."""
    nxt = text[at + len(word) : at + len(word) + 1]
    return text.startswith(word, at) and (not _is_han(nxt) or nxt in _AFTER_PER)


def _quantity(text: str, num: Num) -> Entity | None:
    unit = _unit_after(text, num.end)
    if unit is None:
        return None
    if unit == "年" and (
        is_year(text, num)
        or _year_range(num)
        or text[num.start - 2 : num.start] in _ERAS
        or year_after_yu(text, num.start, num.cend)
        or roc_bare_year(text, num.start, num.cend)
    ):
        return None
    if unit in ("块", "塊") and _currency_after(text, num.end, num.start):
        return None
    if unit in ("双", "雙") and text[num.start : num.end] == "三" and _triple_double(text, num.start, num.end + 1):
        return None  # 三双数据, 第25次三双: a triple-double in basketball, no three pairs
    if unit in _ADDRESS_UNITS and _address_part(text, num.start, unit):
        return None  # 128号3栋, A座12层, 信义路五段: a building, a floor, a section of an address, no count
    if unit in _MINUTES and text[num.start - 1 : num.start] == "+" and _ADDED_TIME.search(text, 0, num.start):
        return None  # 第90+3分钟: the minute of a match's added time, no duration (5+2分钟 is one)
    if unit in CONTEXT_UNITS and not _in_context(text, num, unit):
        return None
    end = num.end + len(unit)
    if unit in _CHINESE_PART_NEXT and text[end : end + 1] in _TERM_DIGITS and end < len(text):
        if text[end + 1 : end + 2] in _CHINESE_PART_NEXT[unit]:
            return None  # 七斤八两: 7.8 斤, unread; not 7 斤
    value = num.value
    half = _half(text, unit, end, num)
    if half is not None:
        unit, end = half
        value += 0.5
    attrs = dict(_attrs(text, num))
    if unit in SYMBOLS:
        attrs["symbol"] = SYMBOLS[unit]
    if text[end : end + 1] == "/" and half is None:
        per = next((w for w in _PER_TIME if _per_time_at(text, w, end + 1)), None)
        if per is not None:  # 340米/秒, 70公里/小时, 78次/分: a rate
            if "symbol" in attrs:
                attrs["symbol"] = f"{attrs['symbol']}/{_PER_TIME[per]}"
            unit, end = f"{unit}/{per}", end + 1 + len(per)
    elif "symbol" in attrs:
        unit = _speed(text, num.start, unit, attrs)
    if text[end : end + 1] in _ABOUT_FIRST:
        end = _about_after(text, end, attrs)
    if unit == "分" and text[end : end + 3] in _OUT_OF_OPEN:
        out_of = _OUT_OF.match(text, end)  # 9.1分（满分10分）
        if out_of is not None:
            attrs["out_of"] = _decimal_value(out_of["n"])
    designator = UNITS.get(unit)  # none for a rate
    if designator is not None:
        attrs["duration"] = "/".join(
            _duration(v, designator) for v in ((value, num.high) if num.is_range else (value,))
        )
    return Entity("quantity", num.start, end, text[num.start : end], value=value, unit=unit, attrs=attrs)


_MINUTES = frozenset(("分钟", "分鐘", "分"))
_ADDED_TIME = regex.compile(r"第[0-9]{1,3}\+$")


def _triple_double(text: str, start: int, end: int) -> bool:
    """Whether 三双 at ``start:end`` is basketball's triple-double: before 数据, or after 次 or a verb of
    scoring (拿下, 砍下, 打出, 贡献, 收获)."""
    return text.startswith(("数据", "數據", "的数据", "的數據"), end) or text[max(0, start - 2) : start] in (
        "拿下", "砍下", "打出", "贡献", "貢獻", "收获", "收穫", "轰下", "轟下",
    ) or text[start - 1 : start] in ("次",)


def _address_part(text: str, start: int, unit: str) -> bool:
    """Whether the number at ``start`` and its ``unit`` name a part of an address, not a count of them: after
    a house number (128号3栋; not a day, 5月1号3栋), after 单元 or 号楼, after a building named by a letter
    (A座12层), after a phase of an estate (万科城三期5栋); a phase after an estate's name (碧桂园二期), a
    section in Chinese numerals after a road (信义路五段; 河道3段 counts)."""
    if start < 2:
        return False
    prev = text[start - 1]
    if unit == "期":
        return prev in _ESTATE_LAST
    if unit == "段":
        return prev in "路街道" and not text[start].isascii()
    if text[start - 2 : start] in _PART_BEFORE:
        return True
    if prev in ("号", "號"):
        digits = start - 1
        while digits > 0 and text[digits - 1].isascii() and text[digits - 1].isdigit():
            digits -= 1
        return digits < start - 1 and (digits == 0 or text[digits - 1] != "月")
    if prev == "期":
        numeral = text[start - 2]
        counted = numeral.isdigit() or numeral in _TERM_DIGITS or numeral == "十"
        return start >= 3 and counted and text[start - 3] in _ESTATE_LAST
    before = text[start - 2]
    return prev in _BUILDING_BEFORE and before.isascii() and before.isalpha()


#: the full mark written after a score: 9.1分（满分10分）, 92.5分(滿分100分)
_OUT_OF = regex.compile(r"[(（][满滿]分 ?(?P<n>[0-9]{1,4}(?:\.[0-9]{1,2})?) ?分?[)）]")
_OUT_OF_OPEN = frozenset(b + m + "分" for b in "(（" for m in "满滿")


def _year_range(num: Num) -> bool:
    """A range of two years before 年 (2019-2020年, 2019至2020年): a span of years, not a count of them."""
    return (
        num.is_range
        and isinstance(num.value, int)
        and isinstance(num.high, int)
        and 1000 <= num.value < num.high <= 2999
        and not num.flags & K.APPROX
    )


#: before N日, words that make it a count of days (历时3日, 推迟3日, 连续3日, 为期3日, 已满3日); one
#: character is too little (中共10日, 不过10日, 最迟15日, 传达3日 are days of the month)
_DAYS_BEFORE_WORDS = tuple(
    "历时 歷時 耗时 耗時 用时 用時 为期 為期 连续 連續 持续 持續 共计 共計 总共 總共 长达 長達 推迟 推遲 "
    "延迟 延遲 逾期 超过 超過 再过 再過 经过 經過 间隔 間隔 需要 只需 仅需 僅需 "
    "已满 未满 未滿 不满 不滿 届满 屆滿 拘留".split()
) + SENTENCE_TERMS  # 拘役五十日, 拘留十日
#: one character before N日 that makes it a count of days (满30日, 逾10日, 每隔3日, 共3日, 近7日),
#: unless the character before it makes another word of it (圆满, 中共, 接近: the 15th)
_DAYS_BEFORE = {
    **dict.fromkeys("满滿", "圆圓美"),
    **dict.fromkeys("逾隔", ""),
    "共": "中公",
    "近": "接靠临臨将將附",
}
#: after N日, 内 and the words it begins (15日内地, 10日内阁会议, 3日内蒙古, 7日内存): no term of days
_WITHIN = ("内", "內", "之内", "之內", "以内", "以內")
_INNER_WORDS = frozenset(
    "内地 內地 内阁 內閣 内蒙 內蒙 内江 內江 内湖 內湖 内政 內政 内存 內存 内部 內部 内容 內容 内外 內外 "
    "内科 內科 内衣 內衣 内战 內戰 内需 內需 内线 內線 内网 內網 内资 內資 内陆 內陸 内销 內銷 内涵 內涵 "
    "内心 內心 内幕 內幕 内务 內務 内伤 內傷 内饰 內飾 内燃 內燃 内乱 內亂 内耗 內耗 内卷 內卷 内向 內向 "
    "内在 內在 内置 內置 内含 內含 内核 內核 内河 內河 内环 內環 内马 內馬 内华 內華 内瓦 內瓦".split()
)
#: after N两, what leaves it a weight in liang (3两酒, 十一两银子, 2两重); before any other word
#: (两斤, 两包, 两会) 两 is two
_AFTER_LIANG = frozenset(K.LIANG_GOODS + "重多左半的")


#: the last character of every cue before N日, and the first of every word of a term after it
_DAYS_CUE_LAST = frozenset(w[-1] for w in (*TERM_BEFORE_DAY, *_DAYS_BEFORE_WORDS, *_DAYS_BEFORE))
_WITHIN_FIRST = frozenset(w[0] for w in _WITHIN)
_IS_DAYS_CUE_LAST = _table(_DAYS_CUE_LAST)
_IS_WITHIN_FIRST = _table(_WITHIN_FIRST)


def _days_in_context(text: str, num: Num) -> bool:
    """Whether N日 at the row ``num`` counts days: after a word of a term or a count (顺延30日, 历时3日,
    近3日, 满30日), or before 内 that begins no word (10日内付款, 3日内。; not 15日内地)."""
    day = num.end + 1
    if text[num.cstart - 1 : num.cstart] not in _DAYS_CUE_LAST and text[day : day + 1] not in _WITHIN_FIRST:
        return False  # most days of the month: no cue on either side
    before = text[max(0, num.cstart - 3) : num.cstart]  # 近3日: before its qualifier
    if before.endswith(TERM_BEFORE_DAY) or before.endswith(_DAYS_BEFORE_WORDS):
        return True
    other = _DAYS_BEFORE.get(before[-1:])
    if other is not None and not (before[-2:-1] and before[-2:-1] in other):
        return True
    return any(text.startswith(w, day) for w in _WITHIN) and text[day : day + 2] not in _INNER_WORDS


def _in_context(text: str, num: Num, unit: str) -> bool:
    """Whether 分 (a score), 星 (a rating), 对 (pairs), 两 (a liang) or 日 (days) after the row ``num`` is that unit.

    分 and 星 follow Arabic digits (92.5分, 4.8星) or a numeral of two or more characters
    (九十五分); after one Chinese numeral they are words or names (三分天下, 七分饱, 三星, 五星红旗).
    None of them is read before a digit or numeral (1分30秒, 3分5, 3对1: a duration
    and a score of two sides). 两 is a liang only before what is weighed so (3两酒) or no word. 分 after 点 or 时
    is a clock time's minutes (3点15分). 日 counts days in a term (顺延30日, 15日内, 历时3日);
    elsewhere N日 is a day of the month.
    """
    after = text[num.end + len(unit) : num.end + len(unit) + 1]
    if after and (after in _SUB_DIGIT or after in _NUMERAL_CHARS or after in "十百千两兩"):
        return False
    if unit in ("两", "兩"):  # 39.9两斤, 25两包, 2024两会: two of something, no liang
        core = text[num.cstart : num.cend]
        return not (core.isascii() and len(core.split(".")[0]) > 3) and (
            not after or not after.isalnum() or after in _AFTER_LIANG
        )
    if unit == "日":
        return _days_in_context(text, num)
    if unit in ("对", "對"):
        return True
    core = text[num.cstart : num.cend]
    if num.flags & (K.RANGE | K.NEG) or not (core.replace(".", "").isdigit() or len(core) >= 2):
        return False
    if unit == "分":
        before = text[num.start - 1 : num.start]
        return before not in ("点", "點", "时", "時", ":", "：")
    return True


def _duration(value: Any, designator: str) -> str:
    if designator.startswith("T"):
        return f"PT{value}{designator[1]}"
    return f"P{value}{designator}"


#: currency words after an amount, and per word: its length, its code, and whether it is 块
#: (maybe a measure word), generic (元: a currency named before the amount wins) or yuan
#: (jiao and fen may follow); each table has one more entry, for no word (index -1)
_CURRENCY_WORDS = _Words(CURRENCY_AFTER)
_CURRENCY_CODES = [CURRENCY_AFTER[w] for w in _CURRENCY_WORDS.words]
_CURRENCY_LEN = np.array([len(w) for w in _CURRENCY_WORDS.words] + [0], dtype=np.int64)
#: currency words whose amounts are read row by row: 块 (pieces or money), 圆 (round or money), 蚊 (or mosquitoes)
_CURRENCY_BY_ROW = np.array([w in ("块", "塊", "圆", "蚊") for w in _CURRENCY_WORDS.words] + [False])
_CURRENCY_GENERIC = np.array([w in GENERIC for w in _CURRENCY_WORDS.words] + [False])
_CURRENCY_YUAN = np.array([w in _YUAN for w in _CURRENCY_WORDS.words] + [False])
#: a currency named right after an amount in yuan, 元 or 块 (15元人民币, 300元新台币): the amount's currency
#: (20块美金, 10元加币); not 加元, since 加 after an amount may be "plus" (100元加元器件费), nor 新币,
#: as often new notes (发行10元新币); none before 种 (100元加币种: 币种 is a kind of currency)
CURRENCY_AFTER_YUAN = {
    **{w: c for w, c in CURRENCY_AFTER.items() if w not in GENERIC and w not in ("加元", "新币")},
    # a currency's code (20块USD, 40块HKD, 100元RMB)
    **{code: code for code in ("USD", "HKD", "TWD", "CNY")}, "RMB": "CNY", "NTD": "TWD",
}
_NAMES_AFTER_YUAN = tuple(CURRENCY_AFTER_YUAN)


def _named_after_yuan(text: str, pos: int) -> str | None:
    """The currency's name of :data:`CURRENCY_AFTER_YUAN` at ``pos``, unless 种 follows it (币种)."""
    if not text.startswith(_NAMES_AFTER_YUAN, pos):
        return None
    for name in _NAMES_AFTER_YUAN:
        if text.startswith(name, pos):
            return None if text[pos + len(name) : pos + len(name) + 1] in ("种", "種") else name
    return None
#: after a yuan word, these may begin jiao, fen, 多 or a currency's name (十元五角, 三元多, 15元人民币)
_IS_AFTER_YUAN = _table([*_SUB_DIGIT, "多", "余", "餘", *(w[0] for w in CURRENCY_AFTER_YUAN)])
_IS_YUAN_WORD_NEXT = _table(_YUAN_WORD_NEXT)
_IS_YUAN_TERM_NEXT = _table([*_YUAN_TERM_NEXT, *_TERM_DIGITS, "高"])  # and the degree of a term of algebra
#: units and measure words, and per unit: its length, whether it is 块 (maybe money) and
#: whether it has a duration; one more entry for no unit (index -1)
_UNIT_WORDS = _Words(UNITS)
_UNIT_NAMES = _UNIT_WORDS.words
_DAY_UNIT = _UNIT_NAMES.index("日")
_UNIT_LEN = np.array([len(u) for u in _UNIT_NAMES] + [0], dtype=np.int64)
_UNIT_KUAI = np.array([u in ("块", "塊") for u in _UNIT_NAMES] + [False])
_UNIT_DURATION = np.array([UNITS[u] is not None for u in _UNIT_NAMES] + [False])
_UNIT_YEAR = np.array([u == "年" for u in _UNIT_NAMES] + [False])
_UNIT_DESIGNATORS = {u: d for u, d in UNITS.items() if d is not None}
_UNIT_CONTEXT = np.array([u in CONTEXT_UNITS for u in _UNIT_NAMES] + [False])
#: units whose quantities are read row by row: 双 (三双, a triple-double, :func:`_triple_double`)
_UNIT_BY_ROW = np.array([u in ("双", "雙") for u in _UNIT_NAMES] + [False])
_UNIT_HAS_SYMBOL = np.array([u in SYMBOLS for u in _UNIT_NAMES] + [False])
_NOT_UNIT_PAIRS = _pairs(NOT_UNIT)


_LATIN_LONGEST = max(map(len, (*LATIN_UNITS, *LATIN_CASELESS)))
_IS_UNIT_CHAR = _table([*"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ/", "µ", "μ"])
_IS_ALNUM = _table("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_IS_ONE_LETTER_UNIT = _table(u for u in (*LATIN_UNITS, *LATIN_CASELESS) if len(u) == 1)
#: a unit character folded to one byte: ASCII letters to lower case, µ and μ to 0x7F
_FOLD = np.arange(65536, dtype=np.int64) & 0xFF
_FOLD[ord("A") : ord("Z") + 1] += 32
_FOLD[[ord("µ"), ord("μ")]] = 0x7F


def _fold_code(word: str) -> int:
    code = 0
    for c in word:
        code = code * 256 + int(_FOLD[ord(c)])
    return code


#: the folded codes of every unit spelling, for :func:`_known_runs`
_STEPS = np.arange(16, dtype=np.int64)
#: powers of 256 by exponent; a negative exponent (past the run) indexes from the end and is masked
_P256 = np.array([256**k for k in range(8)] + [0] * 8, dtype=np.int64)
_LATIN_CODES = np.array(sorted({_fold_code(w) for w in (*LATIN_UNITS, *LATIN_CASELESS)}), dtype=np.int64)
_IS_LATIN_FIRST = _table({u[0] for u in LATIN_UNITS} | {c for u in LATIN_CASELESS for c in (u[0], u[0].upper())})
#: the same tables as sets of code points, and the folded byte of each unit character
_LATIN_FIRST_CPS = frozenset(np.flatnonzero(_IS_LATIN_FIRST).tolist())
_UNIT_CHAR_CPS = frozenset(np.flatnonzero(_IS_UNIT_CHAR).tolist())
_ONE_LETTER_CPS = frozenset(np.flatnonzero(_IS_ONE_LETTER_UNIT).tolist())
_ALNUM_CPS = frozenset(np.flatnonzero(_IS_ALNUM).tolist())
_FOLD_UNIT = {c: int(_FOLD[c]) for c in _UNIT_CHAR_CPS}
_LATIN_CODE_SET = frozenset(_LATIN_CODES.tolist())
#: an Arabic decimal as a unit's number is written: digits, thousands groups, a fraction
_PLAIN_NUMBER = regex.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})++|[0-9]++)(?:\.[0-9]++)?+")
_RANGE_MARKS = frozenset("-~～—－至到")
#: after g, what makes it a mobile network's generation or gigabytes (5g网络, 4g手机, 10g流量, 64g内存)
_NETWORK_NEXT = frozenset("网網信手基套流时時技频頻版全芯模终終用卡和双雙吗嗎内內存运運硬空的")
#: values before g that name a mobile network's generation or a Wi-Fi band (5g, 2.4g), not grams
_NETWORK_G = frozenset((2, 3, 4, 5, 6, 2.4, 5.8))


def _grams(text: str, value: Any, end: int) -> bool:
    """Whether a number and g that ends at ``end`` are grams (白糖50g, 面粉200g): not a network's
    generation or a Wi-Fi band (5g, 2.4g), not gigabytes (128g, a power of two from 64), and no word
    of phones, data or storage after it (10g流量, 64g的u盘)."""
    if value in _NETWORK_G or text[end : end + 1] in _NETWORK_NEXT:
        return False
    return not (type(value) is int and value >= 64 and value & (value - 1) == 0)
#: after a unit of length, the powers that make it one of area or volume (m², km², cm³)
_SQUARE_CUBE = ("²", "³")
_LENGTHS = frozenset(("m", "mm", "cm", "km", "nm", "µm", "in"))
#: approximation words before a number, two-character ones first
_ABOUT_WORDS = ("大约", "大約", "约", "約")
_APPROX_BEFORE = (
    # 约 and a verb (约为, 大约是: :data:`._kernels.ABOUT_JOINER_CHARS`), as the number scan reads them
    *(a + j for a in _ABOUT_WORDS for j in K.ABOUT_JOINER_CHARS),
    "超过", "超過", "至少", "大约", "大約", "将近", "將近", "接近", "约", "約", "近", "逾", "超",
)  # fmt: skip


def _word_of(text: str, q: str, at: int) -> bool:
    """Whether the approximation word ``q`` at ``at`` ends a word with the character before it, as the
    number scan's words pass reads it (预约, 最近; not 损失约: :func:`._kernels._approx_word`)."""
    if q[0] not in ("约", "約", "近") or at < 1:  # 约为 too: 合约为3年
        return False
    return text[at - 1 : at + 1] in APPROX_WORDS and (at < 2 or text[at - 2 : at] not in two_char_words())


_NEGATIONS = frozenset(K.NEGATION_CHARS)
_BOUND_MODALS = frozenset(K.BOUND_MODAL_CHARS)


def _bounded(text: str, at: int) -> bool:
    """Whether the 超过, 超 or 逾 at ``at`` is negated, an upper bound (不超过, 不得超过, 不可能超过), as the
    number scan reads it (:func:`._kernels._bounded`)."""
    c = text[at - 1] if at >= 1 else ""
    if c == "能" and text[at - 2 : at - 1] == "可":
        return at >= 3 and text[at - 3] in _NEGATIONS
    return c in _NEGATIONS or (c in _BOUND_MODALS and at >= 2 and text[at - 2] in _NEGATIONS)


def _approx_word_before(text: str, at: int) -> str | None:
    """The approximation word (:data:`_APPROX_BEFORE`) that ends at ``at``, as the number scan reads one
    before a number: not 约 that ends a word (预约), nor 超过 after a negation (不超过)."""
    for q in _APPROX_BEFORE:
        if at >= len(q) and text.startswith(q, at - len(q)) and not _word_of(text, q, at - len(q)):
            return None if q[0] in "超逾" and _bounded(text, at - len(q)) else q
    return None


_MINUS = frozenset("-−－")
#: a place's unit right before a lone digit: the numeral began with it, a one left unsaid (萬二 is 12,000)
_PLACE_BEFORE = frozenset("万萬千仟亿億")
_IS_PLACE_BEFORE = _table(_PLACE_BEFORE)


def _latin_quantities(text: str, cps: np.ndarray, glued: np.ndarray) -> list[Entity]:
    """A number followed by a unit in Latin letters (2.4GHz, 128GB, 5000mAh, ``3 kg``): value,
    unit as written and ``attrs["symbol"]`` normalized.

    The number scan skips digits glued to Latin letters (GPT-4, 5G), so these are found here,
    from ``glued``: the positions of the ASCII digits that a letter follows, right after them
    or after a space, which the number scan records as it passes them (``Rows.glued``). Those
    followed by a letter that may start a unit are looked at all at once; then per candidate,
    the run of unit characters must be a whole token (nothing alphanumeric after it) that the
    tables know, and the number before it an Arabic decimal that no letter, digit or dot
    stands before (H100GB is no 100 GB). A dash or tilde between two numbers makes a range
    (3-5kg), after anything else a dash is a minus sign (-5dB). Each candidate reads a bounded
    window: linear.
    """
    n = len(cps)
    if n < 2 or not len(glued):
        return []
    if len(glued) <= ROW_BY_ROW:
        return _latin_by_row(text, cps, glued)
    digits = glued
    spaced = cps[digits + 1] == 32
    at = digits + 1 + spaced
    keep = _IS_LATIN_FIRST[np.minimum(cps[np.minimum(at, n - 1)], 0xFFFF)]  # past the end: the space itself
    digits, spaced, at = digits[keep], spaced[keep], at[keep]
    # one letter alone (the c of &#xff0c;) is a unit only if it is m, L, V or W
    second = char_at(cps, at + 1)
    keep = _IS_UNIT_CHAR[second] | (_IS_ONE_LETTER_UNIT[char_at(cps, at)] & ~_IS_ALNUM[second])
    digits, spaced, at = digits[keep], spaced[keep], at[keep]
    keep = _known_runs(cps, at)
    if not keep.any():
        return []
    found: list[Entity] = []
    for d, u, sp in zip(digits[keep].tolist(), at[keep].tolist(), spaced[keep].tolist()):
        e = _latin_quantity(text, d, u, sp)
        if e is not None:
            found.append(e)
    return found


def _latin_by_row(text: str, cps: np.ndarray, glued: np.ndarray) -> list[Entity]:
    """:func:`_latin_quantities` a digit at a time, for a text with few glued digits: the same
    filters (:func:`_known_run` for :func:`_known_runs`), then :func:`_latin_quantity`."""
    n = len(cps)
    found: list[Entity] = []
    for d in glued.tolist():
        spaced = text[d + 1] == " "
        at = d + 1 + spaced
        if _code(text, min(at, n - 1), n) not in _LATIN_FIRST_CPS:  # past the end: the space itself
            continue
        second = _code(text, at + 1, n)
        if not (second in _UNIT_CHAR_CPS or (_code(text, at, n) in _ONE_LETTER_CPS and second not in _ALNUM_CPS)):
            continue
        if not _known_run(text, at):
            continue
        e = _latin_quantity(text, d, at, spaced)
        if e is not None:
            found.append(e)
    return found


def _code(text: str, pos: int, n: int) -> int:
    """The code point at ``pos`` as :func:`char_at` reads it: 0 outside the text and past the BMP."""
    if not 0 <= pos < n:
        return 0
    c = ord(text[pos])
    return c if c < 65536 else 0


def _known_run(text: str, at: int) -> bool:
    """:func:`_known_runs` at one position."""
    n = len(text)
    width = _LATIN_LONGEST + 1
    chars = [_code(text, at + k, n) for k in range(width)]
    length = next((k for k, c in enumerate(chars) if c not in _UNIT_CHAR_CPS), width)
    if not 1 <= length < width or chars[length] in _ALNUM_CPS:
        return False
    code = 0
    for c in chars[:length]:
        code = code * 256 + _FOLD_UNIT[c]
    if code in _LATIN_CODE_SET:
        return True
    head = chars.index(47) if 47 in chars[:length] else length
    code = 0
    for c in chars[:head]:
        code = code * 256 + _FOLD_UNIT[c]
    return head < length and code in _LATIN_CODE_SET


def _known_runs(cps: np.ndarray, at: np.ndarray) -> np.ndarray:
    """Whether the run of unit characters at each position is a whole token that the unit
    tables know in some case (or whose part before a slash they know): a filter on all
    candidates at once, so that :func:`_latin_quantity` reads only likely ones."""
    width = _LATIN_LONGEST + 1
    chars = char_at(cps, at[:, None] + _STEPS[:width]).reshape(len(at), width)
    unit = _IS_UNIT_CHAR[chars]
    length = np.where(unit.all(axis=1), width, unit.argmin(axis=1))
    slash = chars == 47
    head = np.where(slash.any(axis=1), slash.argmax(axis=1), width)
    after = np.take_along_axis(chars, np.minimum(length, width - 1)[:, None], axis=1)[:, 0]
    whole = (length >= 1) & (length < width) & ~_IS_ALNUM[after]
    folded = _FOLD[chars]
    code = (folded * np.where(_STEPS[:width] < length[:, None], _P256[length[:, None] - 1 - _STEPS[:width]], 0)).sum(1)
    head = np.minimum(head, length)
    code_head = (folded * np.where(_STEPS[:width] < head[:, None], _P256[head[:, None] - 1 - _STEPS[:width]], 0)).sum(1)
    return whole & (np.isin(code, _LATIN_CODES) | ((head < length) & np.isin(code_head, _LATIN_CODES)))


def _latin_quantity(text: str, d: int, u: int, spaced: bool) -> Entity | None:
    """The quantity whose number ends with the digit at ``d`` and whose unit starts at ``u``."""
    end = u
    limit = min(len(text), u + _LATIN_LONGEST + 1)
    while end < limit and _is_unit_char(text[end]):
        end += 1
    if end - u > _LATIN_LONGEST or (end < len(text) and _is_alnum(text[end])):
        return None  # a word, or a name (5G网络 reads no unit; 3v3, 4K60)
    word = text[u:end].rstrip("/")
    end = u + len(word)
    symbol = LATIN_UNITS.get(word) or LATIN_CASELESS.get(word.lower())
    if symbol is None and "/" in word:  # 10mg/kg: a unit per unit, or the unit before the slash (5mg/tab)
        head, per = word.split("/", 1)
        symbol = LATIN_UNITS.get(head) or LATIN_CASELESS.get(head.lower())
        per_symbol = LATIN_UNITS.get(per) or LATIN_CASELESS.get(per.lower())
        if symbol is not None and per_symbol is not None and "/" not in per_symbol:
            symbol = f"{symbol}/{per_symbol}"
        else:
            word = head
            end = u + len(word)
    if symbol is None or (spaced and len(word) < 2):
        return None
    if text[end : end + 1] in _SQUARE_CUBE and symbol in _LENGTHS:  # 65m², 5m³: an area, a volume
        word += text[end]
        symbol += text[end]
        end += 1
    start = d + 1
    floor = max(0, d - 40)
    while start > floor and ("0" <= text[start - 1] <= "9" or text[start - 1] in ".,"):
        start -= 1
    while start <= d and not "0" <= text[start] <= "9":
        start += 1  # a leading separator (,5GB) is not the number's
    m = _PLAIN_NUMBER.fullmatch(text, start, d + 1)
    if m is None:
        return None  # 1.2.3GB, 1,2GB
    before = text[start - 1 : start]
    if before == "/" and text[start - 2 : start - 1].isascii() and text[start - 2 : start - 1].isalpha():
        return None  # 186.5mg/100ml: the measure a concentration is per, not an amount
    low_text = None
    qstart = start
    if before in _RANGE_MARKS:
        low_end = start - 1
        low_start = low_end
        while low_start > max(0, low_end - 40) and ("0" <= text[low_start - 1] <= "9" or text[low_start - 1] in ".,"):
            low_start -= 1
        if low_start < low_end:
            low_m = _PLAIN_NUMBER.fullmatch(text, low_start, low_end)
            outer = text[low_start - 1 : low_start]
            if low_m is None or (outer and (_is_alnum(outer) or outer in ".-")):
                return None
            low_text, qstart = low_m.group(), low_start
        elif before in _MINUS:
            outer = text[start - 2 : start - 1]
            if outer and (_is_alnum(outer) or outer in ".-"):
                return None  # GPT-4GB, a-5mm
            qstart = start - 1
        elif before not in ("至", "到") or symbol == "W":
            return None  # ~5GB with nothing before: no range; 扩展至1600L is 1600 L (涨到100W: 万, no watts)
    elif before and (_is_alnum(before) or before in "._"):
        return None  # H100GB, v1.5GB
    value = _decimal_value(m.group())
    if word == "g" and not _grams(text, value, end):
        return None  # 5g网络, 128g内存: a mobile network or gigabytes, no grams
    attrs: dict[str, Any] = {"approx": False, "symbol": symbol}
    quals = []
    about = _approx_word_before(text, qstart)  # the words the number scan reads before a number (约, 超过)
    if about is not None:
        qstart -= len(about)
        quals.append(about)
    if text.startswith(("左右", "上下"), end):
        quals.append(text[end : end + 2])
        end += 2
    if quals:
        attrs["approx"] = True
        attrs["qualifier"] = "".join(quals)
    if low_text is not None:
        low = _decimal_value(low_text)
        if not low < value:
            return None  # 5-3kg: no range
        attrs["low"], attrs["high"] = low, value
        value = low
    elif before in _MINUS:
        value = -value  # a minus sign: no range, as it was read above
    word = _speed(text, qstart, word, attrs)
    return Entity("quantity", qstart, end, text[qstart:end], value=value, unit=word, attrs=attrs)


def _decimal_value(digits: str) -> Any:
    """The value of an Arabic decimal with thousands commas: an int, or the float that holds it, or a Decimal."""
    d = Decimal(digits.replace(",", ""))
    if d == d.to_integral_value():
        return int(d)
    f = float(d)
    return f if Decimal(repr(f)) == d else d


def _is_unit_char(c: str) -> bool:
    return ("a" <= c <= "z") or ("A" <= c <= "Z") or c in "/µμ"


def _is_alnum(c: str) -> bool:
    return c < "\x80" and (c.isalnum() or c == "_")
