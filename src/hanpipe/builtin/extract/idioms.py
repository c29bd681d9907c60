"""Four-character idioms that hold a numeral: their numerals are no numbers (七零八落, 十万火急, 胡说八道).

The idioms are the entries of jieba's dictionary (``jieba/dict.txt``) tagged
``i`` (成语), four characters long, with a numeral character among them:
about 2,200. A row of the number scan whose numeral lies inside an occurrence
of one is a word, not a number (:func:`._kernels.words`): before this,
七零八落 was the number 708, 十成九稳 109 %, 胡说八道 a quantity of 8 道 and
五月飞霜 a date. Entries so tagged that are plain phrases with a count
(:data:`LITERAL`: 今明两年, 五次犯规) are left out; set phrases tagged otherwise (:data:`PHRASES`:
三番五次, 三天两头, 十有八九) are added.

So are the numerals of the names in :data:`NAMES`: places and brands of three
characters whose numeral and the character after it read as an amount
(三元里 was 3 CNY, 五台山 5 台, 十三陵 the number 13). They were chosen by hand
from jieba's dictionary and the names news writes most, leaving out those that
are as often a plain count (三家店, 十三行, 三棵树). A name is none where its last
character begins a word of jieba's dictionary with the next (五棵松树, 十日谈判,
三元里程费, 四道关卡: counts), unless that next character is one a place's name
is often followed by (:data:`PLACE_NEXT`: 五台山上, 五台山区). Those words go in
with the keys, as keys of two characters.

And so are the lone financial digits that end a word of two characters with the character before
them (:func:`financial_words`: 队伍, 大陆, 收拾, 登陆, 放肆): before this, 队伍集合 was 5 集, 登陆台湾
6 台 and 大陆架 6 架. The words are jieba's with a frequency of :data:`FINANCIAL_FLOOR` or more,
and their Traditional forms in :data:`FINANCIAL_TRADITIONAL`.

The kernel looks the idioms and names up as sorted ``uint64`` keys, three or
four BMP code points of 16 bits each (:func:`pack_chars`). They are built from the
dictionary on first use and kept in hanpipe's on-disk cache, keyed by the
dictionary file.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import BinaryIO

import numpy as np

from ..._cache import cache_key, cached
from ..._charmodel import jieba_dict_path

__all__ = [
    "APPROX_WORDS",
    "FINANCIAL_FLOOR",
    "FINANCIAL_NOT",
    "FINANCIAL_TRADITIONAL",
    "LITERAL",
    "NAMES",
    "NUMERAL_CHARS",
    "PHRASES",
    "PLACE_NEXT",
    "approx_blockers",
    "financial_words",
    "idiom_keys",
    "idioms",
    "name_blockers",
    "pack_chars",
    "two_char_words",
]

#: the format of the cached keys (a new number when their making changes)
FORMAT = "5"
#: characters that make an idiom one of these: ordinary and financial digits, units, 两, 廿, 卅
NUMERAL_CHARS = frozenset("零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟廿卅")
#: set phrases with a numeral that count nothing, tagged otherwise in jieba's dictionary (m, nz) or not
#: held by it: 三番五次 (again and again), 三天两头 (often), 十有八九 (most likely), 九天 (the heavens);
#: shopping days (双十一), days of the lunar month (初一十五) and terms of algebra (一元二次方程)
PHRASES = frozenset(
    "三番五次 三番两次 三番兩次 五次三番 三天两头 三天兩頭 十有八九 九天揽月 九天攬月 双十一 雙十一 双十二 雙十二 "
    "腊八节 臘八節 初一十五 一元二次 二元二次".split()
)
#: words that end in 约 or 近 and are no "about" or "nearly" (预约6月12日, 签约5年, 最近3天): the number
#: after one is exact, unless the character before it makes a word of its own with the one before it
#: (损失约2000万, 综合约5000元: :func:`approx_blockers`); not 和约, as 和 is as often "and" (和约3000名)
APPROX_WORDS = frozenset(
    "预约 預約 签约 簽約 节约 節約 合约 合約 邀约 邀約 特约 特約 相约 相約 制约 制約 契约 契約 公约 公約 条约 條約 "
    "婚约 婚約 赴约 赴約 履约 履約 违约 違約 解约 解約 失约 失約 租约 租約 守约 守約 毁约 毀約 践约 踐約 续约 續約 "
    "立约 立約 缔约 締約 如约 如約 爽约 爽約 隐约 隱約 要约 要約 最近 附近 邻近 鄰近 靠近 亲近 親近 贴近 貼近 临近 臨近"
    .split()
)
#: entries tagged as idioms that are phrases with a count meant as one
LITERAL = frozenset({"今明两年", "今明两天", "五次犯规", "千人在线", "二级缓存", "两次曝光", "二次破碎", "六口之家"})

#: names of places and brands whose numeral and the character after it read as an amount
NAMES = frozenset(
    "三元里 三元桥 三元橋 三元区 三元區 五台山 五台县 五台縣 十三陵 五棵松 三道沟 三道溝 七台河 "
    "三台山 九台市 九台区 九台區 三家村 三座门 三座門 四道关 四道關 六道口 九日山 十六铺 十六鋪 十八梯 "
    "九间堂 九間堂 四季青 千代田 千家峒 六本木 八佰伴 五十铃 五十鈴 十日谈 十日談 十三香".split()
)
#: what often follows a place's name, so a word it makes with the name's last character does not undo the name
PLACE_NEXT = frozenset("上下里內内外前后後边邊旁附区區县縣市镇鎮村乡鄉路街站口景寺庙廟脚腳顶頂中的")

#: financial digits (壹 to 玖, 拾, 佰, 仟, and the Traditional forms)
FINANCIAL_DIGITS = frozenset("壹贰貳叁叄參参肆伍陆陸柒捌玖拾佰仟")
#: the least frequency in jieba's dictionary of a word that ends in a financial digit (:func:`financial_words`)
FINANCIAL_FLOOR = 5
#: Traditional forms of the most frequent of those words, which jieba's dictionary does not hold
FINANCIAL_TRADITIONAL = frozenset("隊伍 大陸 登陸 內陸 著陸 水陸 海陸 歐陸 撿拾 揀拾".split())
#: words of the dictionary that end in a financial digit after a word that stands before counts as
#: often (数量为伍件, 计为叁张 on an invoice): left out
FINANCIAL_NOT = frozenset("为伍 為伍 不壹 第叁 第伍 几伍".split())


def idioms(path: Path | None = None) -> list[str]:
    """The idioms, in dictionary order: four characters, tagged ``i``, a numeral character among them."""
    out = []
    with open(path or jieba_dict_path(), encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3 and parts[2] == "i" and len(parts[0]) == 4 and parts[0] not in LITERAL:
                word = parts[0]
                if any(c in NUMERAL_CHARS for c in word) and all(ord(c) < 0x10000 for c in word):
                    out.append(word)
    return out


def name_blockers(path: Path | None = None) -> list[str]:
    """Words of two characters of jieba's dictionary that begin with the last character of a name of
    :data:`NAMES` and end with none of :data:`PLACE_NEXT` (松树, 谈判, 里程, 关卡)."""
    lasts = {name[-1] for name in NAMES}
    out = []
    with open(path or jieba_dict_path(), encoding="utf-8") as fh:
        for line in fh:
            word = line.split(" ", 1)[0]
            if len(word) == 2 and word[0] in lasts and word[1] not in PLACE_NEXT and ord(word[1]) < 0x10000:
                out.append(word)
    return out


def financial_words(path: Path | None = None) -> list[str]:
    """Words of two characters of jieba's dictionary (frequency :data:`FINANCIAL_FLOOR` or more) that
    end in a financial digit after a character that is no numeral (队伍, 大陆, 收拾, 放肆), but
    :data:`FINANCIAL_NOT`, and :data:`FINANCIAL_TRADITIONAL`."""
    out = sorted(FINANCIAL_TRADITIONAL)
    with open(path or jieba_dict_path(), encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) < 2 or len(parts[0]) != 2 or int(parts[1]) < FINANCIAL_FLOOR:
                continue
            first, last = parts[0][0], parts[0][1]
            if last in FINANCIAL_DIGITS and first not in NUMERAL_CHARS and ord(first) < 0x10000:
                if parts[0] in FINANCIAL_NOT:
                    continue
                out.append(parts[0])
    return out


def approx_blockers(path: Path | None = None) -> list[str]:
    """Words of two characters of jieba's dictionary that end with the first character of a word of
    :data:`APPROX_WORDS` (损失, 综合, 持续, 成立): before 约 such a word is whole, and 约 is "about"."""
    firsts = {w[0] for w in APPROX_WORDS}
    out = []
    with open(path or jieba_dict_path(), encoding="utf-8") as fh:
        for line in fh:
            word = line.split(" ", 1)[0]
            if len(word) == 2 and word[1] in firsts and ord(word[0]) < 0x10000 and word not in APPROX_WORDS:
                out.append(word)
    return out


@functools.cache
def two_char_words() -> frozenset[str]:
    """The keys of two characters among :func:`idiom_keys`, as words (for lookups in Python)."""
    return frozenset(chr(int(k) >> 16) + chr(int(k) & 0xFFFF) for k in idiom_keys().tolist() if k < 1 << 32)


def pack_chars(word: str) -> int:
    """Up to four BMP characters as one unsigned 64-bit key, 16 bits each, the first in the highest:
    an idiom's key here, a unit's or currency word's in :mod:`.numbers`."""
    key = 0
    for c in word:
        key = (key << 16) | ord(c)
    return key


def _build() -> np.ndarray:
    words = (*idioms(), *PHRASES, *NAMES, *name_blockers(), *financial_words(), *APPROX_WORDS, *approx_blockers())
    keys = np.array(sorted({pack_chars(w) for w in words}), dtype=np.uint64)
    keys.flags.writeable = False
    return keys


def _load(path: Path) -> np.ndarray:
    keys = np.load(path, allow_pickle=False)
    if keys.dtype != np.uint64 or keys.ndim != 1 or bool((keys[1:] <= keys[:-1]).any()):
        raise ValueError(f"{path} holds no sorted idiom keys")
    keys.flags.writeable = False
    return keys


def _save(keys: np.ndarray, fh: BinaryIO) -> None:
    np.save(fh, keys)


@functools.cache
def idiom_keys() -> np.ndarray:
    """The keys (:func:`pack_chars`) of the idioms and :data:`PHRASES`, of :data:`NAMES`, of the words that undo a name
    (:func:`name_blockers`), of the words that end in a financial digit (:func:`financial_words`) and
    of :data:`APPROX_WORDS` and :func:`approx_blockers`, sorted, for :func:`._kernels.words`."""
    key = cache_key(
        FORMAT,
        jieba_dict_path(),
        ",".join(sorted(LITERAL)),
        ",".join(sorted(NAMES)),
        ",".join(sorted(PHRASES)),
        ",".join(sorted(APPROX_WORDS)),
        "".join(sorted(PLACE_NEXT)),
        "".join(sorted(NUMERAL_CHARS)),
        ",".join(sorted(FINANCIAL_TRADITIONAL)),
        ",".join(sorted(FINANCIAL_NOT)),
        str(FINANCIAL_FLOOR),
    )
    return cached("extract", "idioms", key, build=_build, load=_load, save=_save, suffix=".npy")
