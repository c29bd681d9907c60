"""The number kernel: one pass over the code points finds every numeric expression.

``find_numbers`` walks a uint32 array of code points once and writes one row
per numeric expression into ``out`` (int64, ``NFIELDS`` columns): its span,
the span of the numeral proper, its value as ``mantissa * 10**exponent``
(exact: units such as 万 and 亿 only move the exponent), flags, and for ranges
and fractions a second value. Character classes come in as lookup tables
built by ``tables()``, so the kernels hold no strings. On the same pass it
records the ASCII digits that a Latin letter follows (``_glued``: 2.4GHz,
3 kg), where the quantity extractor looks for units in Latin letters; the
rows go into a Fortran-order buffer from the wrapper, so that each column
the extractors test is contiguous.

Each construct has its kernel, in the order the scan meets them: a numeral
(``_numeral``: a Chinese digit string, an approximate pair or a numeral of
digits and units, ``_unit_numeral``, with Arabic digits read by ``_arabic``);
what makes it no number (``_not_a_number``); its sign and approximation
words (``_sign``, ``_approx_prefix``); a fraction or percent sign
(``_fraction_or_percent``); the second end of a range (``_range``);
approximation words after it (``_approx_suffix``); and whether a lone
Chinese numeral counts (``_lone_counts``). ``_expression`` chains them for one
row. They call each other, so they share this file (numba's cache does not
look across files), and allocate nothing (``allocates=False``: array
arguments are then handed over without reference counting, so a helper
costs no more than the code written out). A pass of its own over the rows
after the scan (``words``) drops those that are words rather than numbers
(万一十分, 千万一定, 一点一点) and unsigns a date's range dash (5日-8日), so the
scan stays the one its plain-Python reference describes.

The kernels never raise and never wrap: a mantissa that would pass 18 digits
sets ``OVERFLOW`` and the wrapper recomputes that row exactly in Python.
Every loop advances, and each numeral is read at most three times (a range
end, an approximate pair's two readings), so the scan is linear.
"""

from __future__ import annotations

import numpy as np

from ..._jit import jit
from ...batch import SEPARATOR
from .idioms import APPROX_WORDS

__all__ = ["NFIELDS", "find_numbers", "marks", "neighbours", "numeral", "tables", "words"]

# character classes (table ``cls``)
ARABIC = 1
CNDIGIT = 2
SMALL = 3  # 十百千: val is the exponent
BIG = 4  # 万亿兆: val is the exponent
DOT = 5  # . and ．: a decimal point only after digits, or before them after an opener (.5)
TENS = 6  # 廿卅卌: a digit and 十 in one character (val is the digit: 廿 = 二十)

# follower flags (table ``flg``)
WEAK_OK = 1  # a lone Chinese numeral followed by this is a number
LATIN = 2
ALNUM = 4
ADVERB_NEXT = 8  # 千万 followed by one of these is an adverb
DOT_OPEN = 16  # a "." right after this and before a digit is a decimal point (.5, (.5), =.5)
UNIT_LETTER = 32  # a Latin letter, µ or μ: Arabic digits right before one may carry a unit (2.4GHz, 3 kg)
YI_BEFORE = 64  # 一 right after this ends a word (万一, 统一, 唯一): see :func:`words`

# row flags
NEG = 1
PERCENT = 2
FRACTION = 4
RANGE = 8
APPROX = 16
OVERFLOW = 32
CHINESE = 64
PLAIN = 128  # Arabic digits only: no separator, no decimal point, no unit
DIGITSTR = 256  # Chinese digits read one by one (二〇二三)
PERMILLE = 512
DOTTED = 1024  # internal: 1.2.3, an IP address or version: not a number
LONE = 2048  # one Chinese character (三, 百): kept only in a number's context
HASBIG = 4096  # contains 万, 亿 or 兆
BIGTAIL = 8192  # ends in 万, 亿 or 兆 (its exponent is ``tail``)
CODE = 16384  # a group of a code (021-12345678, 978-7-111): an identifier, not a count
HINEG = 32768  # a range's high end is below zero too (-8~-2℃, 零下8到零下2度)

NFIELDS = 12
START, END, CSTART, CEND, MANT, EXP, FLAGS, LO_N, LO_E, HI_N, HI_E, TAIL = range(NFIELDS)

MAXN = 999_999_999_999_999_999

_C = {
    ch: ord(ch)
    for ch in "分之%％‰第数數几幾负負-−－/到至~～—–点點约約近逾超过過至少"
    "大将將接上余餘多左右下文兆赫字瓦帕比位焦伏一壹.．,，"
}
C_FEN = _C["分"]
C_ZHI = _C["之"]
C_PCT = _C["%"]
C_PCT_W = _C["％"]
C_PERMILLE = _C["‰"]
C_DI = _C["第"]
C_SHU = _C["数"]
C_SHU_T = _C["數"]
C_JI = _C["几"]
C_LAI, C_LAI_T = ord("来"), ord("來")
C_YING = ord("英")
C_LIANG, C_LIANG_T = ord("两"), ord("兩")
#: 参 (人参) begins no numeral; 家 and 级 after a financial digit make a name or a word (陆家嘴, 拾级)
C_CAN, C_JIA, C_JI2, C_JI2_T, C_XIAO = (ord(c) for c in "参家级級小")
C_JI_T = _C["幾"]
C_FU = _C["负"]
C_FU_T = _C["負"]
C_MINUS = _C["-"]
C_MINUS_U = _C["−"]
C_MINUS_W = _C["－"]
C_SLASH = _C["/"]
C_SLASH_W = ord("／")
C_DEGREE = ord("℃")
C_DE = ord("的")
C_DAO = _C["到"]
C_ZHI4 = _C["至"]
C_TILDE = _C["~"]
C_TILDE_W = _C["～"]
C_EMDASH = _C["—"]
C_ENDASH = _C["–"]
C_DIAN = _C["点"]
C_DIAN_T = _C["點"]
C_YUE = _C["约"]
C_YUE_T = _C["約"]
C_NIAN_MARK, C_YUE_MARK, C_RI, C_HAO, C_HAO_T = (ord(c) for c in "年月日号號")
C_QI_WEEK, C_XING, C_BAI_WEEK, C_LI, C_LI_T = (ord(c) for c in "期星拜礼禮")
C_JIN = _C["近"]
#: negations that make 超过 after them an upper bound (不超过)
NEGATION_CHARS = "不未没沒勿"
C_BU, C_WEI, C_MEI, C_MEI_T, C_WU4 = (ord(c) for c in NEGATION_CHARS)
C_NENG, C_KE3 = ord("能"), ord("可")
#: the words of two characters that end in 约 or 近 (预约, 最近: :data:`.idioms.APPROX_WORDS`), packed
#: (first << 16 | second); only these, not every key of the idiom table (口约 is there, from 六道口)
APPROX_PAIRS = np.array(sorted(ord(w[0]) * 65536 + ord(w[1]) for w in APPROX_WORDS), dtype=np.int64)
#: verbs between 约 and a number that leave it about (约为1400万, 约有300人, 约达5000元, 大约是5000人)
ABOUT_JOINER_CHARS = "为為有达達是"
ABOUT_JOINERS = np.array(sorted(ord(c) for c in ABOUT_JOINER_CHARS), dtype=np.int64)
#: words of must or may between a negation and 超过 (不得超过, 不可超过): still an upper bound
BOUND_MODAL_CHARS = "得可能应應宜准準许許会會要需有"
BOUND_MODALS = np.array(sorted(ord(c) for c in BOUND_MODAL_CHARS), dtype=np.int64)
#: a table's unit header: 单位：百万元, （千元）
C_DANWEI_DAN, C_DANWEI_DAN_T, C_DANWEI_WEI = (ord(c) for c in "单單位")
C_COLON_W, C_COLON, C_OPEN_W, C_OPEN, C_CLOSE_W, C_CLOSE = (ord(c) for c in "：:（(）)")
C_YU4 = _C["逾"]
C_CHAO = _C["超"]
C_GUO = _C["过"]
C_GUO_T = _C["過"]
C_SHAO = _C["少"]
C_DA = _C["大"]
C_JIANG = _C["将"]
C_JIANG_T = _C["將"]
C_JIE = _C["接"]
C_SHANG = _C["上"]
C_YU = _C["余"]
C_YU_T = _C["餘"]
C_DUO = _C["多"]
C_ZUO = _C["左"]
C_YOU = _C["右"]
C_XIA = _C["下"]
C_WEN = _C["文"]
C_ZHAO = _C["兆"]
C_NIAN = ord("年")
C_NIAN_T = ord("秊")
C_WU = ord("午")
C_CHEN = ord("晨")
C_BAN = ord("半")
C_ZHONG = ord("钟")
C_ZHONG_T = ord("鐘")
C_ZHENG = ord("整")
C_KE = ord("刻")
C_CHENG = ord("成")
C_YI3 = ord("以")
C_QIAN = ord("千")
C_WAN = ord("万")
C_WAN_T = ord("萬")
C_YI8 = ord("亿")
C_YI8_T = ord("億")
C_MONEY = ord("钱")
C_MONEY_T = ord("錢")
C_JIAO = ord("角")
C_MAO = ord("毛")
C_KUAI = ord("块")
C_KUAI_T = ord("塊")
C_YUAN = ord("元")
C_YUAN2 = ord("圆")
C_YUAN3 = ord("圓")
C_GE = ord("个")
C_GE_T = ord("個")
C_LING = ord("零")
C_YI1 = _C["一"]
C_TEN = ord("十")
C_TWO, C_THREE, C_FOUR, C_FIVE = (ord(c) for c in "二三四五")
C_YI1_F = _C["壹"]
C_DOT = _C["."]
#: what stands between the documents of a batch: the scan treats it as the start or end of a text
C_SEPARATOR = ord(SEPARATOR)
C_DOT_W = _C["．"]
C_COMMA = _C[","]
C_COMMA_W = _C["，"]
C_DUN = ord("、")
#: financial (uppercase) digits and small units: in a numeral written in ordinary numerals a
#: financial digit begins a word (3億參數, 五十參加, 3億陸續), see :func:`_financial_stop`
FINANCIAL = "壹贰貳叁叄參参肆伍陆陸柒捌玖拾佰仟"
_FIN = tuple(ord(c) for c in FINANCIAL)
(C_F0, C_F1, C_F2, C_F3, C_F4, C_F5, C_F6, C_F7, C_F8, C_F9, C_F10, C_F11, C_F12, C_F13, C_F14, C_F15, C_F16) = _FIN
#: after 兆, what makes it mega- (兆赫, 兆字节, 兆瓦; 百兆宽带, 千兆光纤, 兆像素), not 10**12 (2兆网购: trillion)
_ZHAO_NOT = "赫字瓦帕比位焦伏宽寬光带帶像"
ZHAO_NOT = np.array(sorted(ord(c) for c in _ZHAO_NOT), dtype=np.int64)
#: a score, not a range (比分2-3, 以98-102不敌): 比分 (比數, 比数) just before, or a word of winning or
#: losing right after; one character, or two packed as ``first * 65536 + second``
C_BI = ord("比")
#: the words of a score, read by the number scan here and by the time reading (``dates._score``)
SCORE_BEFORE_WORDS = ("比分", "比數", "比数")
SCORE_AFTER_CHARS = "战戰击擊胜勝负負输輸赢贏"
SCORE_AFTER_WORDS = tuple(
    "不敌 不敵 取胜 取勝 落败 落敗 告负 告負 逆转 逆轉 力克 险胜 險勝 大胜 大勝 完胜 完勝 惜败 惜敗 憾负 憾負 "
    "轻取 輕取 横扫 橫掃 战平 戰平 打平 逼平 拿下 赢下 贏下 胜出 勝出 获胜 獲勝".split()
)
SCORE_SECOND = np.array(sorted(ord(w[1]) for w in SCORE_BEFORE_WORDS), dtype=np.int64)
SCORE_AFTER = np.array(sorted(ord(c) for c in SCORE_AFTER_CHARS), dtype=np.int64)
SCORE_AFTER2 = np.array(sorted(ord(w[0]) * 65536 + ord(w[1]) for w in SCORE_AFTER_WORDS), dtype=np.int64)
#: after 千 that follows Arabic digits, what makes it kilo- (千焦, 千卡, 千帕, 千瓦, 千伏, 千赫: 1725千焦 is
#: 1725 kJ, not 1725000 and no unit)
_QIAN_NOT = "焦卡帕瓦伏赫"
QIAN_NOT = np.array(sorted(ord(c) for c in _QIAN_NOT), dtype=np.int64)
#: what a fraction written with a slash may be of (1/2杯, 1/4个洋葱, 1/2片, 1/2茶匙, 1/2小时) or names
#: (1/4决赛, a quarter-final): not 3/4人, 4/5岁 (3 or 4)
#: units that make a ones pair a range (三十七八度, 五六尺) though no lone numeral counts them
#: (百度, 三尺): see :func:`_ones_pair`
PAIR_UNITS = np.array(sorted(ord(c) for c in "度尺寸"), dtype=np.int64)
_PORTION_UNITS = "杯勺匙碗片个個块塊斤瓶袋包茶汤湯小大颗顆根决決"
PORTION_UNITS = np.array(sorted(ord(c) for c in _PORTION_UNITS), dtype=np.int64)
#: after a unit with kilo- (千卡, 千焦), what ends its word though a Han character: 千瓦时, 千焦耳, 千赫兹,
#: 千卡的, 千卡热量, 千焦能量
KILO_WORD_NEXT = np.array(sorted(ord(c) for c in "时時耳兹茲的每以左热熱能"), dtype=np.int64)

#: characters after which a lone Chinese numeral (三, 两, 十) counts as a number:
#: measure words and units, plus 大/方 (三大挑战, 三方面). Not 度 (百度), 章 (九章),
#: 角 (三角形), 行/业/花 (千行百业, 百花齐放), 美 (十全十美), 星 (三星, 七星). 分 only as 分钟
#: (十分 is "very"). Where the numeral and its follower make a word or an idiom (三头六臂,
#: 两口子, 五花八门), :data:`LONE_STOP_WORDS` keeps the numeral unread.
WEAK_FOLLOWERS = (
    "个個家款张張台臺次年月天日号號位名人种種项項步块塊层層类類场場条條件份倍成届屆"
    "颗顆轮輪句篇本部辆輛架所座只隻套组組点點岁歲周週小分秒米克公元片段页頁"
    "集支枚例批级級代季期股码碼户戶线線元圆圓毛大方"
    # measure words (issue 14); 一 alone is never read before them (一口气, 一把手, 一道, 一样)
    "间間栋棟幢口头頭匹棵株朵根枝把双雙对對副首幅封笔筆趟遍顿頓阵陣番粒宗单單盒樽转轉餐"
    "节節门門道扇盏盞具尊滴桶箱瓶杯碗袋罐串束捆堆群处處样樣尾则則辑輯册冊卷"
    "斤亩畝"  # Chinese measures (三斤, 五亩; not 千斤, a burden); not 尺 or 寸, which make words (三尺讲台)
    "蚊"  # Hong Kong's dollar in Cantonese (三十幾蚊)
)

#: words of two or three characters in which a lone numeral stands before one of
#: :data:`WEAK_FOLLOWERS` without counting it: the numeral first (三头六臂, 二头肌, 两口子,
#: 百把人: about a hundred) or second (五花八门, 小两口). Simplified and Traditional forms.
LONE_STOP_WORDS = (
    "三头六 三頭六 二头肌 二頭肌 三头肌 三頭肌 四头肌 四頭肌 两头 兩頭 千头 千頭 九头 九頭 "
    "两口子 兩口子 小两口 小兩口 老两口 老兩口 百口 "
    "三番 两样 兩樣 六根 二副 三副 二道 五道口 三门峡 三門峽 花八门 花八門 千门 千門 八阵图 八陣圖 "
    "九转 九轉 千转 千轉 百转 百轉 九尾 七匹狼 百把 千把 千杯 千堆 四处 四處 二把手 二则 二則 零封 "
    "千斤 九斤老"
).split()


#: characters that make a word with 一 after them (万一 in case, 统一, 唯一, 同一, 单一, 专一,
#: 划一, 归一, 合一, 如一, 不一, 之一 one of):
#: no number begins at that 一 (万一十分, 统一十分, 唯一千万 hold none). 第一 is an
#: ordinal, read apart; a fraction (三分之一) begins at its first numeral, never at its 一.
YI_WORD_BEFORE = "万萬统統唯同单單专專划劃归歸合如不之"
#: characters that make a word with 一 before them (一致, 一般, 一直, 一定, 一样, 一点, 一滴, 一平):
#: after 点 such a 一 is no decimal digit (一点一点 bit by bit, 三点一致 is no 3.1), nor is it the
#: abbreviated next place after a unit (3万一平 is 30000 a square metre, 1万一直 no 11000)
YI_WORD_AFTER = np.array(
    sorted({ord(c) for c in "致般直切定起样樣些律旦再向共时時手同下点點滴半边邊道平"}), dtype=np.int64
)


def _pack_word(word: str) -> int:
    """A word of two or three BMP characters as one int64 (16 bits a character)."""
    cs = [ord(c) for c in word] + [0] * (3 - len(word))
    return (cs[0] << 32) | (cs[1] << 16) | cs[2]


#: :data:`LONE_STOP_WORDS` packed and sorted, for the scan's binary search
LONE_STOPS = np.array(sorted({_pack_word(w) for w in LONE_STOP_WORDS}), dtype=np.int64)


#: characters after which a "." followed by a digit opens a decimal (.5%, 为 .5, (.5), $.99):
#: spaces, opening brackets, operators, separators and currency signs. After a Han character
#: the dot may end a sentence (增长.5%): the digits after it are not read at all; after
#: anything else (a letter, a digit, 。, %) the dot is no decimal point.
DOT_OPENERS = " \t\n\r\u3000([{<=~:,;+-\"'（【《〈「『＝～：，、；＋“‘≈±$¥￥€£＄−－"


def tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(cls, val, flg)``: class, value and follower flags of each BMP code point."""
    cls = np.zeros(65536, dtype=np.int8)
    val = np.zeros(65536, dtype=np.int8)
    flg = np.zeros(65536, dtype=np.int8)
    for d in range(10):
        for base in (0x30, 0xFF10):
            cls[base + d] = ARABIC
            val[base + d] = d
    digits = {
        0: "零〇○",  # ○ (white circle) stands for 〇 in many documents: 二○一八年
        1: "一壹",
        2: "二贰貳两兩",
        3: "三叁叄參参",  # 叄: OpenCC's Traditional (s2t, s2tw) for 叁; 参: its Simplified (t2s) for 參
        4: "四肆",
        5: "五伍",
        6: "六陆陸",
        7: "七柒",
        8: "八捌",
        9: "九玖",
    }
    for d, chars in digits.items():
        for ch in chars:
            cls[ord(ch)] = CNDIGIT
            val[ord(ch)] = d
    for ch, d in (("廿", 2), ("卄", 2), ("卅", 3), ("卌", 4)):
        cls[ord(ch)] = TENS
        val[ord(ch)] = d
    cls[ord(".")] = DOT
    cls[ord("．")] = DOT
    for chars, exp, klass in (
        ("十拾", 1, SMALL),
        ("百佰", 2, SMALL),
        ("千仟", 3, SMALL),
        ("万萬", 4, BIG),
        ("亿億", 8, BIG),
        ("兆", 12, BIG),
    ):
        for ch in chars:
            cls[ord(ch)] = klass
            val[ord(ch)] = exp
    for ch in WEAK_FOLLOWERS:
        flg[ord(ch)] |= WEAK_OK
    for ch in "不别別要莫勿记記注务務":
        flg[ord(ch)] |= ADVERB_NEXT
    for ch in YI_WORD_BEFORE:
        flg[ord(ch)] |= YI_BEFORE
    for c in range(ord("A"), ord("Z") + 1):
        flg[c] |= LATIN | ALNUM
        flg[c + 32] |= LATIN | ALNUM
    for c in range(ord("0"), ord("9") + 1):
        flg[c] |= ALNUM
    for c in (*range(ord("A"), ord("Z") + 1), *range(ord("a"), ord("z") + 1), ord("µ"), ord("μ")):
        flg[c] |= UNIT_LETTER
    for ch in DOT_OPENERS:
        flg[ord(ch)] |= DOT_OPEN
    return cls, val, flg


@jit(allocates=False)
def _norm(n: int, e: int) -> tuple[int, int]:
    if n == 0:
        return 0, 0
    while n % 10 == 0:
        n //= 10
        e += 1
    return n, e


@jit(allocates=False)
def _add(n1: int, e1: int, n2: int, e2: int) -> tuple[int, int, bool]:
    """``n1e1 + n2e2`` exactly; ``ok`` is False where the mantissa would pass MAXN."""
    if n1 == 0:
        return n2, e2, True
    if n2 == 0:
        return n1, e1, True
    if e1 < e2:
        n1, e1, n2, e2 = n2, e2, n1, e1
    k = e1 - e2
    if k > 18:
        return 0, 0, False
    p = 1
    for _ in range(k):
        p *= 10
    if n1 > MAXN // p:
        return 0, 0, False
    a = n1 * p
    if a > MAXN - n2:
        return 0, 0, False
    n, e = _norm(a + n2, e2)
    return n, e, True


@jit(allocates=False)
def _less(n1: int, e1: int, n2: int, e2: int) -> bool:
    """``n1e1 < n2e2`` for non-negative values in normal form."""
    if n1 == 0 or n2 == 0:
        return n1 == 0 and n2 != 0
    d1 = 0
    t = n1
    while t > 0:
        t //= 10
        d1 += 1
    d2 = 0
    t = n2
    while t > 0:
        t //= 10
        d2 += 1
    m1 = d1 + e1  # magnitude: number of integer digits
    m2 = d2 + e2
    if m1 != m2:
        return m1 < m2
    # same magnitude: compare digit strings left-aligned
    while d1 < d2:
        n1 *= 10
        d1 += 1
    while d2 < d1:
        n2 *= 10
        d2 += 1
    return n1 < n2


@jit(allocates=False)
def _cls(cps: np.ndarray, j: int, cls: np.ndarray) -> int:
    c = cps[j]
    return int(cls[c]) if c < 65536 else 0


@jit(allocates=False)
def _is_financial(c: int) -> bool:
    """A financial digit or small unit (壹贰叁, 拾佰仟: :data:`FINANCIAL`)."""
    return (
        c == C_F0 or c == C_F1 or c == C_F2 or c == C_F3 or c == C_F4 or c == C_F5 or c == C_F6 or c == C_F7
        or c == C_F8 or c == C_F9 or c == C_F10 or c == C_F11 or c == C_F12 or c == C_F13 or c == C_F14
        or c == C_F15 or c == C_F16
    )  # fmt: skip


@jit(allocates=False)
def _financial_stop(cps: np.ndarray, j: int, n: int, cls: np.ndarray, fin: bool) -> bool:
    """Whether the Chinese digit at ``j`` ends a numeral rather than continuing it: a financial
    digit (參, 陸, 壹 ...) continues a numeral only if the numeral has a financial character
    already (``fin``: 壹佰參拾) or a unit or a unit of money follows the digit (3億參仟萬,
    五十伍元: 元, 圆, 圓, 角, 分); else it begins a word (3億參數, 五十參加, 3億陸續, 三點參考)
    and the numeral ends before it (nor does the digit begin one: :func:`_not_a_number`)."""
    if fin or not _is_financial(cps[j]):
        return False
    if j + 1 >= n:
        return True
    c = cps[j + 1]
    k = _cls(cps, j + 1, cls)
    return not (k == SMALL or k == BIG or _money_unit(c))


@jit(allocates=False)
def _money_unit(c: int) -> bool:
    """元, 圆, 圓, 角 or 分: a unit of money that a financial digit goes on to."""
    return c == C_YUAN or c == C_YUAN2 or c == C_YUAN3 or c == C_JIAO or c == C_FEN


@jit(allocates=False)
def _financial_alone(cps: np.ndarray, s: int, n: int, cls: np.ndarray, val: np.ndarray, flg: np.ndarray) -> bool:
    """Whether the financial character at ``s`` (陆, 拾 ...: :data:`FINANCIAL`) is one no numeral begins
    at: amounts in financial characters are written in them throughout (陆仟伍佰, 叁拾元, 贰零贰肆年), so
    one that none follows, nor 万 or 亿, 零, a unit of money (元, 圆, 圓, 角, 分), 整 or a mark of a date
    (年月日号), is a word's (陆家嘴, 收拾, 拾级, 队伍): 收拾一百间 reads 一百间, not 拾一. A measure word but
    家, 级 and 小 may follow it (叁件, 伍箱 on an invoice; not 陆家嘴, 伍家岗, 拾级, 陆小凤); 参 (t2s for
    參) begins none at all (人参, 海参万元一斤): it only goes on a numeral (3亿参仟万)."""
    c0 = cps[s]
    if not _is_financial(c0):
        return False
    if c0 == C_CAN or s + 1 >= n:
        return True
    c = cps[s + 1]
    k = _cls(cps, s + 1, cls)
    if _is_financial(c) or k == BIG or (k == CNDIGIT and val[c] == 0):
        return False
    if c < 65536 and (flg[c] & WEAK_OK) != 0 and not (c == C_JIA or c == C_JI2 or c == C_JI2_T or c == C_XIAO):
        return False  # 叁件, 伍箱, 陆个月; not 陆家嘴, 伍家岗, 拾级而上, 陆小凤
    return not (_money_unit(c) or c == C_ZHENG or _date_mark(c))


@jit(allocates=False)
def _decimal_at(cps: np.ndarray, j: int, n: int, cls: np.ndarray, val: np.ndarray, fin: bool) -> bool:
    """A Chinese decimal point at ``j``: 点 with digits after it that do not run into 十
    (三点一四 is 3.14; 三点二十分 is a time, three and twenty); ``fin`` as for
    :func:`_financial_stop` (三点參考: no decimal)."""
    if not (j + 1 < n and (cps[j] == C_DIAN or cps[j] == C_DIAN_T) and _cls(cps, j + 1, cls) == CNDIGIT):
        return False
    r = j + 1
    while r < n and _cls(cps, r, cls) == CNDIGIT and not _financial_stop(cps, r, n, cls, fin):
        fin = fin or _is_financial(cps[r])
        r += 1
    if r == j + 1:
        return False
    return not (r < n and _cls(cps, r, cls) == SMALL and val[cps[r]] == 1)


@jit(allocates=False)
def _unit_point(cps: np.ndarray, j: int, n: int, cls: np.ndarray, fin: bool) -> int:
    """How many digits follow a decimal point 点 at ``j`` that comes right after 百 or 千
    (一百点五, 一百点123): Chinese digits or Arabic ones, not both, and not running into
    十, 分, 刻 or 钟, as clock times do, and Chinese ones ending at a financial digit that
    :func:`_financial_stop` ends a numeral at; 0 where it is no decimal point."""
    if not (j + 1 < n and (cps[j] == C_DIAN or cps[j] == C_DIAN_T)):
        return 0
    k = _cls(cps, j + 1, cls)
    if k != CNDIGIT and k != ARABIC:
        return 0
    r = j + 1
    while r < n and _cls(cps, r, cls) == k and not (k == CNDIGIT and _financial_stop(cps, r, n, cls, fin)):
        fin = fin or _is_financial(cps[r])
        r += 1
    if r == j + 1:
        return 0
    if r < n:
        c = cps[r]
        if c == C_FEN or c == C_KE or c == C_ZHONG or c == C_ZHONG_T or (_cls(cps, r, cls) == SMALL and c < 65536):
            return 0
        if k == ARABIC and (c == C_DOT or c == C_DOT_W or c == C_COMMA):
            return 0
    return r - j - 1


@jit(allocates=False)
def _clock_one(cps: np.ndarray, s: int, n: int) -> bool:
    """一 at ``s`` as the hour of a clock time: 一点半 (not 一点半点), 一点钟, 一点整 (not
    一点整理: no Han character after 整) and 下午一点; not 一点 (a little). (一点二十分 is
    read from its minutes' row.)"""
    if not (s + 1 < n and (cps[s + 1] == C_DIAN or cps[s + 1] == C_DIAN_T)):
        return False
    if s > 0 and (cps[s - 1] == C_WU or cps[s - 1] == C_CHEN):
        return True  # 上午, 中午, 下午, 凌晨, 早晨, 清晨
    if s + 2 < n and (cps[s + 2] == C_ZHONG or cps[s + 2] == C_ZHONG_T):
        return True
    if s + 2 < n and cps[s + 2] == C_ZHENG:
        return not (s + 3 < n and 0x4E00 <= cps[s + 3] <= 0x9FFF)
    if s + 2 < n and cps[s + 2] == C_BAN:
        return not (s + 3 < n and (cps[s + 3] == C_DIAN or cps[s + 3] == C_DIAN_T))
    return False


@jit(allocates=False)
def _small_change(cps: np.ndarray, e: int, n: int, cls: np.ndarray) -> bool:
    """A jiao or fen amount after the digit that ends at ``e``: 角钱, 角 and N分, 分钱
    (五角钱, 五角五分, 五分钱; not 三角形 or 五分)."""
    if e + 1 >= n:
        return False
    money = cps[e + 1] == C_MONEY or cps[e + 1] == C_MONEY_T
    if cps[e] == C_JIAO:
        k = _cls(cps, e + 1, cls)
        return money or (e + 2 < n and (k == CNDIGIT or k == ARABIC) and cps[e + 2] == C_FEN)
    return cps[e] == C_FEN and money


@jit(allocates=False)
def _jiao_ends(cps: np.ndarray, q: int, n: int, cls: np.ndarray) -> bool:
    """Whether 角 or 毛 ends a jiao amount before ``q``: at the end, before 钱, a digit (of its fen) or no Han
    character; not before one that makes a word of it (三角形, 五角星, 三角铁, 八角和香叶)."""
    if q >= n or not _is_han(cps[q]) or cps[q] == C_MONEY or cps[q] == C_MONEY_T:
        return True
    k = _cls(cps, q, cls)
    return k == CNDIGIT or k == ARABIC


@jit(allocates=False)
def _one_money(cps: np.ndarray, s: int, n: int, cls: np.ndarray) -> bool:
    """一 at ``s`` before a unit of money and 钱 (一块钱, 一元钱, 一毛钱, 一角钱, 一分钱), or a yuan
    word and its jiao (一元五角, 一块五毛; not 一块三角形, see :func:`_jiao_ends`) or fen after 零
    (一元零五分)."""
    if s + 2 >= n:
        return False
    c = cps[s + 1]
    yuan = c == C_KUAI or c == C_KUAI_T or c == C_YUAN or c == C_YUAN2 or c == C_YUAN3
    if cps[s + 2] == C_MONEY or cps[s + 2] == C_MONEY_T:
        return yuan or c == C_MAO or c == C_JIAO or c == C_FEN
    if not yuan or s + 3 >= n:
        return False
    k = _cls(cps, s + 2, cls)
    if (k == CNDIGIT or k == ARABIC) and (cps[s + 3] == C_JIAO or cps[s + 3] == C_MAO):
        return _jiao_ends(cps, s + 4, n, cls)
    if cps[s + 2] != C_LING or s + 4 >= n or cps[s + 4] != C_FEN:
        return False
    k = _cls(cps, s + 3, cls)
    return k == CNDIGIT or k == ARABIC


#: a measure in two units that begins with 一 (一年零六个月, 一小时三十分钟): each first unit, and the
#: units its next part may have, as words of up to three characters (:func:`_pack3`)
ONE_COMPOUND = {
    "年": "个月 個月",
    "岁": "个月 個月",
    "歲": "个月 個月",
    "天": "小时 小時 个小时 個小時",
    "小时": "分钟 分鐘 分",
    "小時": "分钟 分鐘 分",
    "个小时": "分钟 分鐘 分",
    "個小時": "分钟 分鐘 分",
    "分钟": "秒",
    "分鐘": "秒",
}


def _pack3(word: str) -> int:
    key = 0
    for c in word:
        key = (key << 16) | ord(c)
    return key


#: units a half may follow (3年半 is 3.5 years, 5岁半 5.5, 1吨半 1.5 t); the extractors read the half
HALF_UNITS = (
    "年 岁 歲 周岁 周歲 週歲 天 小时 小時 个月 個月 周 週 星期 分钟 分鐘 斤 公斤 千克 吨 噸 亩 畝 米 公里 倍 圈"
).split()
#: after the half, what may follow it (一年半的, 5岁半后) where a Han character might begin a word with 半
#: (3年半导体: no half)
AFTER_HALF = "的了后後时時以之左多前内內才就还還里裏间間来來起止至到、"
#: after 个 and a half, the units the half is of (两个半小时: 2.5 hours; 三个半月: 3.5 months)
HALF_OF = ("小时", "小時", "钟头", "鐘頭", "月")
_HALF_FIRST = np.array([_pack3(w) for w in HALF_UNITS], dtype=np.int64)
_HALF_FIRST_LEN = np.array([len(w) for w in HALF_UNITS], dtype=np.int64)
_HALF_OF = np.array([_pack3(w) for w in HALF_OF], dtype=np.int64)
_HALF_OF_LEN = np.array([len(w) for w in HALF_OF], dtype=np.int64)
_AFTER_HALF_CPS = np.array(sorted(ord(c) for c in AFTER_HALF), dtype=np.int64)


_ONE_FIRST = np.array([_pack3(w) for w in ONE_COMPOUND], dtype=np.int64)
_ONE_FIRST_LEN = np.array([len(w) for w in ONE_COMPOUND], dtype=np.int64)
_ONE_NEXTS = [[*v.split(), "", "", "", ""][:4] for v in ONE_COMPOUND.values()]  # four each, "" for none
_ONE_NEXT = np.array([[_pack3(w) for w in words] for words in _ONE_NEXTS], dtype=np.int64)
_ONE_NEXT_LEN = np.array([[len(w) for w in words] for words in _ONE_NEXTS], dtype=np.int64)


@jit(allocates=False)
def _word_is(cps: np.ndarray, p: int, n: int, key: int, length: int) -> bool:
    """Whether the word packed in ``key`` (:func:`_pack3`) of ``length`` characters is at ``p``."""
    if length == 0 or p + length > n:
        return False
    got = 0
    for j in range(p, p + length):
        if cps[j] >= 65536:
            return False
        got = (got << 16) | int(cps[j])
    return got == key


@jit(allocates=False)
def _one_compound(cps: np.ndarray, s: int, n: int, cls: np.ndarray) -> bool:
    """一 at ``s`` as the first part of a measure in two units (:data:`ONE_COMPOUND`): its unit, 零 or
    nothing, a numeral and a smaller unit (一年零六个月, 一岁三个月, 一小时三十分钟). Else the part after it
    would be read alone (六个月 for 一年零六个月)."""
    for i in range(_ONE_FIRST.shape[0]):
        if not _word_is(cps, s + 1, n, _ONE_FIRST[i], _ONE_FIRST_LEN[i]):
            continue
        p = s + 1 + _ONE_FIRST_LEN[i]
        if p < n and cps[p] == C_LING:
            p += 1
        q = p
        while q < n:
            k = _cls(cps, q, cls)
            if not (k == CNDIGIT or k == SMALL or k == ARABIC):
                break
            q += 1
        if q == p:
            return False
        for j in range(_ONE_NEXT.shape[1]):
            if _word_is(cps, q, n, _ONE_NEXT[i, j], _ONE_NEXT_LEN[i, j]):
                return True
        return False
    return False


@jit(allocates=False)
def _one_half(cps: np.ndarray, s: int, n: int) -> bool:
    """一 at ``s`` before a unit a half may follow and 半 (一年半, 一天半), or before 个, 半 and the unit
    the half is of (一个半小时, 一个半月); a word ending there (not 一年半导体, 一个半月饼)."""
    if s + 3 < n and (cps[s + 1] == C_GE or cps[s + 1] == C_GE_T) and cps[s + 2] == C_BAN:
        for i in range(_HALF_OF.shape[0]):
            if _word_is(cps, s + 3, n, _HALF_OF[i], _HALF_OF_LEN[i]):
                return _ends_half(cps, s + 3 + _HALF_OF_LEN[i], n)
        return False
    for i in range(_HALF_FIRST.shape[0]):
        p = s + 1 + _HALF_FIRST_LEN[i]
        if p < n and cps[p] == C_BAN and _word_is(cps, s + 1, n, _HALF_FIRST[i], _HALF_FIRST_LEN[i]):
            if _ends_half(cps, p + 1, n):
                return True
    return False


@jit(allocates=False)
def _ends_half(cps: np.ndarray, p: int, n: int) -> bool:
    """Whether a half's word ends before ``p``: the text's end, no Han character, or one of :data:`AFTER_HALF`."""
    return p >= n or not _is_han(cps[p]) or _in_sorted(_AFTER_HALF_CPS, int(cps[p]))


@jit(allocates=False)
def _first_day(cps: np.ndarray, s: int, n: int) -> bool:
    """一 at ``s`` as the first day of a month: after 月, before 日 or 号 (十月一日, 九月一号)."""
    if s < 1 or s + 1 >= n or cps[s - 1] != C_YUE_MARK:
        return False
    c = cps[s + 1]
    return c == C_RI or c == C_HAO or c == C_HAO_T


@jit(allocates=False)
def _one_tenth(cps: np.ndarray, s: int, n: int) -> bool:
    """一 at ``s`` before 成 as one tenth: 一成 at the end of a clause or before 的, 以, 左, 上, 至
    or 到 (增长一成, 一成以上); not 一成不变 or 一成员."""
    if not (s + 1 < n and cps[s + 1] == C_CHENG):
        return False
    if s + 2 >= n:
        return True
    c = cps[s + 2]
    return not _is_han(c) or c == C_DE or c == C_YI3 or c == C_ZUO or c == C_SHANG or c == C_ZHI4 or c == C_DAO


@jit(allocates=False)
def _packed_in(key: int) -> bool:
    """Whether ``key`` (:func:`_pack_word`) is in :data:`LONE_STOPS`."""
    return _has_key(LONE_STOPS, key)


@jit(allocates=False)
def _stop_word(cps: np.ndarray, s: int, n: int) -> bool:
    """Whether the lone numeral at ``s`` and the character after it are part of one of
    :data:`LONE_STOP_WORDS` (三头六臂, 两口子, 五花八门)."""
    if s + 1 >= n or cps[s] >= 65536 or cps[s + 1] >= 65536:
        return False
    key = (int(cps[s]) << 32) | (int(cps[s + 1]) << 16)
    if _packed_in(key):
        return True
    if s + 2 < n and cps[s + 2] < 65536 and _packed_in(key | int(cps[s + 2])):
        return True
    p = _before(cps, s, 1)
    return 0 < p < 65536 and _packed_in((p << 32) | (int(cps[s]) << 16) | int(cps[s + 1]))


@jit(allocates=False)
def _is_adigit(c: int) -> bool:
    return (48 <= c <= 57) or (0xFF10 <= c <= 0xFF19)


@jit(allocates=False)
def _is_han(c: int) -> bool:
    return (0x4E00 <= c <= 0x9FFF) or (0x3400 <= c <= 0x4DBF)


@jit(allocates=False)
def _is_dash(c: int) -> bool:
    return c == C_MINUS or c == C_MINUS_U or c == C_MINUS_W or c == C_EMDASH or c == C_ENDASH


@jit(allocates=False)
def _lead_zero(cps: np.ndarray, j: int, n: int) -> bool:
    """Arabic digits at ``j`` that begin with a 0 and go on (010, 0755, 02): a code, not a count."""
    return j + 1 < n and (cps[j] == 48 or cps[j] == 0xFF10) and _is_adigit(cps[j + 1])


@jit(allocates=False)
def _before(cps: np.ndarray, s: int, back: int) -> int:
    """The code point ``back`` places before ``s``; 0 before the start of the text or of a batch's document."""
    if s < back:
        return 0
    for k in range(1, back + 1):
        if cps[s - k] == C_SEPARATOR:
            return 0
    return int(cps[s - back])


@jit(allocates=False)
def _ge_yi(cps: np.ndarray, j: int, n: int) -> bool:
    """个 at ``j`` before 亿, read through (两个亿 = 两亿, 两百多个亿); not before 亿万 (一个亿万富翁)."""
    return (
        j + 1 < n
        and (cps[j] == C_GE or cps[j] == C_GE_T)
        and (cps[j + 1] == C_YI8 or cps[j + 1] == C_YI8_T)
        and not (j + 2 < n and (cps[j + 2] == C_WAN or cps[j + 2] == C_WAN_T))
    )


# -- one numeral ------------------------------------------------------------------


@jit(allocates=False)
def _adigit(c: int) -> int:
    """The value of an Arabic digit, ASCII or full-width."""
    return int(c) - 48 if c <= 57 else int(c) - 0xFF10


@jit(allocates=False)
def _push_digit(mant: int, zeros: int, d: int, flags: int) -> tuple[int, int, int]:
    """Digit ``d`` written after ``mant``: ``(mantissa, zeros, flags)``.

    Zeros wait in ``zeros`` until a nonzero digit follows them (trailing zeros
    become the exponent); past 18 digits the mantissa is 1 and ``OVERFLOW`` is set.
    """
    if d == 0:
        return mant, zeros + 1, flags
    for _ in range(zeros + 1):
        if mant > MAXN // 10:
            return 1, 0, flags | OVERFLOW
        mant *= 10
    if mant > MAXN - d:
        return 1, 0, flags | OVERFLOW
    return mant + d, 0, flags


@jit(allocates=False)
def _thousands_sep(cps: np.ndarray, j: int, n: int) -> bool:
    """An ASCII comma at ``j`` with exactly three digits after it (1,200; not 5,10 or 1,2345)."""
    return (
        cps[j] == C_COMMA
        and j + 4 <= n
        and _is_adigit(cps[j + 1])
        and _is_adigit(cps[j + 2])
        and _is_adigit(cps[j + 3])
        and (j + 4 == n or not _is_adigit(cps[j + 4]))
    )


@jit(allocates=False)
def _decimal_point(cps: np.ndarray, j: int, n: int) -> bool:
    """A ``.`` or ``．`` at ``j`` with a digit after it."""
    return j + 1 < n and (cps[j] == C_DOT or cps[j] == C_DOT_W) and _is_adigit(cps[j + 1])


@jit(allocates=False)
def _arabic(cps: np.ndarray, j: int, n: int) -> tuple[int, int, int, int]:
    """Arabic digits at ``j`` (or a leading decimal point): thousands separators, one decimal point.

    A thousands separator is an ASCII comma with exactly three digits after it
    (1,200 and 1,234,567, not 5,10); a full-width comma (，) never is one: Chinese
    writes it between clauses (分别为5，100元). Returns ``(end, mantissa, exponent, flags)``.
    """
    mant = 0
    zeros = 0
    flags = PLAIN
    group = 0  # digits since the start or the last separator
    seps = False
    while j < n:
        if _is_adigit(cps[j]):
            mant, zeros, flags = _push_digit(mant, zeros, _adigit(cps[j]), flags)
            group += 1
        elif ((not seps and 1 <= group <= 3) or (seps and group == 3)) and _thousands_sep(cps, j, n):
            seps = True
            flags &= ~PLAIN
            group = 0
        else:
            break
        j += 1
    frac = 0
    if _decimal_point(cps, j, n):
        flags &= ~PLAIN
        j += 1
        while j < n and _is_adigit(cps[j]):
            mant, zeros, flags = _push_digit(mant, zeros, _adigit(cps[j]), flags)
            frac += 1
            j += 1
        if _decimal_point(cps, j, n):
            # 1.2.3: a version or an address, not a number; swallow it whole
            while j < n and (_is_adigit(cps[j]) or cps[j] == C_DOT or cps[j] == C_DOT_W):
                j += 1
            return j, 0, 0, DOTTED
    if mant == 0:
        return j, 0, 0, flags
    return j, mant, zeros - frac, flags


@jit(allocates=False)
def _cn_digits(
    cps: np.ndarray, j: int, n: int, cls: np.ndarray, val: np.ndarray, mant: int, fin: bool
) -> tuple[int, int, int, bool]:
    """The Chinese digits at ``j`` written one by one after ``mant`` (二〇二三, the 一四 of 三点一四),
    up to a financial digit that :func:`_financial_stop` ends them at (``fin`` as there).

    Returns ``(end, mantissa, digits read, ok)``; ``ok`` is False where the
    mantissa would pass 18 digits (it stops growing there).
    """
    ok = True
    r = j
    while r < n and _cls(cps, r, cls) == CNDIGIT and not _financial_stop(cps, r, n, cls, fin):
        fin = fin or _is_financial(cps[r])
        if mant > MAXN // 10:
            ok = False
        else:
            mant = mant * 10 + int(val[cps[r]])
        r += 1
    return r, mant, r - j, ok


# what the reader of a numeral read last
READ_NOTHING = 0
READ_ARABIC = 1  # Arabic digits
READ_DIGIT = 2  # a Chinese digit
READ_SMALL = 3  # 十, 百, 千
READ_BIG = 4  # 万, 亿, 兆
READ_ZERO = 5  # 零 or 〇, once or more


@jit(allocates=False)
def _arabic_may_follow(prev: int, before_zero: int, after_point: bool, have_cur: bool, ntok: int, arabic: bool) -> bool:
    """Arabic digits continue only a numeral that began with them, after a unit (3万5) or
    a unit and 零 (3万零5); not after digits (三十5) or a decimal."""
    if prev == READ_ARABIC or prev == READ_DIGIT or after_point or have_cur:
        return False
    if prev == READ_ZERO and before_zero != READ_SMALL and before_zero != READ_BIG:
        return False
    return ntok == 0 or arabic


@jit(allocates=False)
def _kilo(cps: np.ndarray, j: int, n: int) -> bool:
    """千 at ``j`` as kilo- of the unit after it (千焦, 千卡, 千帕, 千瓦, 千伏, 千赫: :data:`QIAN_NOT`) where
    the unit ends a word: no Han character after it but 时, 耳, 兹 (千瓦时, 千焦耳, 千赫兹) or 的, 每,
    以, 左 (2千卡车, 5千卡片, 8千帕萨特 are counts of trucks, cards and cars)."""
    if not (j + 1 < n and _in_sorted(QIAN_NOT, cps[j + 1])):
        return False
    if j + 2 >= n:
        return True
    c = cps[j + 2]
    return not _is_han(c) or _in_sorted(KILO_WORD_NEXT, c)


C_BAI_H = ord("百")
C_PA = ord("帕")


@jit(allocates=False)
def _hecto(cps: np.ndarray, j: int, n: int) -> bool:
    """百 at ``j`` as hecto- of 帕 after it (960百帕 is 960 hPa), where 帕 ends a word as :func:`_kilo` says."""
    if not (j + 1 < n and cps[j + 1] == C_PA):
        return False
    return j + 2 >= n or not _is_han(cps[j + 2]) or _in_sorted(KILO_WORD_NEXT, cps[j + 2])


@jit(allocates=False)
def _mega(cps: np.ndarray, j: int, n: int) -> bool:
    """兆 at ``j`` as mega- (兆赫, 兆字节, 兆瓦 ...), not 10**12."""
    return j + 1 < n and _in_sorted(ZHAO_NOT, cps[j + 1])


@jit(allocates=False)
def _big_unit_follows(ntok: int, sec_tok: int, max_big: int, last_big: int, e_b: int, sec_n: int, cur_n: int) -> bool:
    """Whether a big unit of exponent ``e_b`` (万 4, 亿 8, 兆 12) continues the numeral read so far."""
    if sec_tok == 0:
        if max_big == 0:
            return ntok == 0  # 万亿 at the start is one 万亿; 零万 is no numeral
        return e_b > max_big  # not 亿亿
    if max_big >= e_b >= last_big:
        return False  # 1万1万: a unit repeats without a larger one between
    return sec_n != 0 or cur_n != 0  # 0万, 0.0亿: no amount is zero of a unit


@jit(allocates=False)
def _close_section(tot_n: int, tot_e: int, p_n: int, p_e: int, e_b: int, max_big: int) -> tuple[int, int, bool]:
    """``tot`` once a big unit of exponent ``e_b`` closes the section ``p`` before it: a unit
    larger than any before multiplies all that was read (两千万亿 = 两千万 × 亿), a smaller
    one only its section (3亿5000万 = 3亿 + 5000 × 万). ``ok`` as for :func:`_add`."""
    if e_b > max_big:
        t_n, t_e, ok = _add(tot_n, tot_e, p_n, p_e)
        return t_n, t_e + e_b, ok
    return _add(tot_n, tot_e, p_n, p_e + e_b)


@jit(allocates=False)
def _sum(tot_n: int, tot_e: int, sec_n: int, sec_e: int, cur_n: int, cur_e: int) -> tuple[int, int, bool]:
    """``tot + sec + cur`` exactly; ``ok`` is False where a mantissa would pass MAXN."""
    v_n, v_e, ok1 = _add(tot_n, tot_e, sec_n, sec_e)
    v_n, v_e, ok2 = _add(v_n, v_e, cur_n, cur_e)
    return v_n, v_e, ok1 and ok2


#: the flags of a string that is one numeral as a whole: no character follows it
_NO_FLAGS = np.zeros(0, dtype=np.int8)


@jit(allocates=False)
def _one_each(cps: np.ndarray, j: int, n: int, flg: np.ndarray) -> bool:
    """Whether the 一 at ``j`` stands before a measure word (一次, 一个): "once", "each", or begins a
    word (一直, 一起, 一平: :data:`YI_WORD_AFTER`), which a number ending in a unit does not take as
    its abbreviated next place (3万一平 is no 31000)."""
    if j + 1 >= n or flg.shape[0] == 0:
        return False
    nx = cps[j + 1]
    return (nx < flg.shape[0] and (flg[nx] & WEAK_OK) != 0) or _yi_word_after(nx)


@jit(allocates=False)
def _unit_numeral(
    cps: np.ndarray, s: int, n: int, cls: np.ndarray, val: np.ndarray, override: int, fin: bool, flg: np.ndarray
) -> tuple[int, int, int, int, int, int]:
    """One numeral of digits and units (Arabic, Chinese or mixed) at ``s``, read left to right.

    The value is kept in three parts, each a mantissa and an exponent: ``tot``,
    what the big units (万, 亿, 兆) have closed; ``sec``, the section since the
    last of them (digits times 十, 百, 千); ``cur``, the digits being read.
    Returns ``(end, mantissa, exponent, flags, tail, tokens)``; ``tail`` is the
    exponent the trailing units contribute (10亿 → 8), ``tokens`` how many
    digits/units/digit-runs it read. ``override`` replaces the value of the
    first Chinese digit (the low reading of 三五百). ``fin`` True reads financial digits
    after ordinary numerals too (:func:`_financial_stop` never ends the numeral): a string
    that is one numeral as a whole (十壹) has no word after it. ``flg``: the scan's flags, for
    what follows a digit (empty for a string that is one numeral as a whole).
    """
    tot_n, tot_e, sec_n, sec_e, cur_n, cur_e = 0, 0, 0, 0, 0, 0
    have_cur = False
    max_big, last_big, last_small = 0, 99, 99
    prev = READ_NOTHING
    prev_unit = 0  # the exponent of the last unit read
    unit_before_cur = 0  # the unit right before the current digit (两万五: 4), which gives it its place
    after_point = False
    arabic = False  # began with Arabic digits
    big_start = False  # began with 万/亿: only more big units may follow (万亿, not 万一)
    zero_at, zeros_run, before_zero = -1, 0, READ_NOTHING
    sec_tok = 0  # digits and small units since the last big unit
    # fin: a financial digit or small unit was read (壹佰參拾), see _financial_stop
    ok = True
    flags, tail, ntok = 0, 0, 0
    j = s
    while j < n:
        k = _cls(cps, j, cls)
        if k == DOT:  # .5: a leading decimal point (the scan checks what stands before it)
            k = ARABIC if j == s and _decimal_point(cps, j, n) else 0
        if k == 0:
            if READ_ARABIC <= prev <= READ_SMALL and _ge_yi(cps, j, n):
                j += 1  # 两个亿 = 两亿
                continue
            count = _unit_point(cps, j, n, cls, fin) if prev == READ_SMALL and last_small >= 2 and not arabic else 0
            if count == 0:
                break
            # 一百点五, 一百点123: the decimals after 百 or 千 are the current digit
            frac, good = 0, True
            for r in range(j + 1, j + 1 + count):
                d = int(val[cps[r]]) if _cls(cps, r, cls) == CNDIGIT else _adigit(cps[r])
                if frac > MAXN // 10:
                    good = False
                else:
                    frac = frac * 10 + d
            ok = ok and good
            cur_n, cur_e = _norm(frac, -count)
            after_point = True
            unit_before_cur = 0
            j += 1 + count
            prev = READ_DIGIT
            tail = 0
            have_cur = True
            sec_tok += 1
            ntok += 1
            continue
        if big_start and k != BIG:
            break
        c = cps[j]
        if k == ARABIC:
            if not _arabic_may_follow(prev, before_zero, after_point, have_cur, ntok, arabic):
                break
            j2, cur_n, cur_e, af = _arabic(cps, j, n)
            if af & DOTTED:
                return j2, 0, 0, DOTTED, 0, 1
            flags |= af & (OVERFLOW | PLAIN) if ntok == 0 else af & OVERFLOW
            arabic = True
            # one digit right after a unit is its next place, as in 两万五 (3万5 = 35000, 3千5 = 3500)
            unit_before_cur = prev_unit if j2 == j + 1 and (prev == READ_SMALL or prev == READ_BIG) else 0
            if j2 + 1 < n and cps[j2] == 32 and _cls(cps, j2 + 1, cls) == BIG:
                j2 += 1  # 1 万, 177.1 亿: one space before the unit
            j = j2
            prev = READ_ARABIC
        elif k == CNDIGIT:
            if prev == READ_ARABIC or prev == READ_DIGIT or after_point or have_cur:
                break
            if j > s and _financial_stop(cps, j, n, cls, fin):
                break  # 3億參數: 參 begins a word
            fin = fin or _is_financial(c)
            d = override if override >= 0 and j == s else int(val[c])
            if d == 1 and prev_unit >= 2 and (prev == READ_SMALL or prev == READ_BIG) and _one_each(cps, j, n, flg):
                break  # 10万一次, 3万一个人, 一百一个: 一 and a measure word ("once", "each"), not 10万一 = 101000
            flags |= CHINESE
            j += 1
            point = _decimal_at(cps, j, n, cls, val, fin)
            if d == 0 and not point:
                if prev != READ_ZERO:
                    zero_at, zeros_run, before_zero = j - 1, 0, prev
                zeros_run += 1
                prev = READ_ZERO
                ntok += 1
                continue
            unit_before_cur = prev_unit if prev == READ_SMALL or prev == READ_BIG else 0
            cur_n, cur_e = d, 0
            if point:  # 三点一四: the decimal digits join the current digit
                j, cur_n, count, good = _cn_digits(cps, j + 1, n, cls, val, d, fin)
                cur_n, cur_e = _norm(cur_n, -count)
                ok = ok and good
                after_point = True
                unit_before_cur = 0
            prev = READ_DIGIT
        elif k == TENS:  # 廿, 卅: a digit and 十
            if prev == READ_ARABIC or prev == READ_DIGIT or after_point or have_cur or last_small <= 1:
                break
            if prev == READ_ZERO and before_zero != READ_SMALL and before_zero != READ_BIG:
                break
            sec_n, sec_e, good = _add(sec_n, sec_e, int(val[c]), 1)
            ok = ok and good
            last_small = 1
            sec_tok += 1
            prev, prev_unit, tail = READ_SMALL, 1, 1
            flags |= CHINESE
            ntok += 1
            j += 1
            continue
        elif k == SMALL:
            u = int(val[c])
            if after_point or u >= last_small:
                break  # 十百
            if c == C_QIAN and j > s and _cls(cps, j - 1, cls) == ARABIC and _kilo(cps, j, n):
                break  # 1725千焦, 300千瓦时: kilo-, the unit's (三千瓦 stays 3000 瓦)
            if c == C_BAI_H and j > s and _cls(cps, j - 1, cls) == ARABIC and _hecto(cps, j, n):
                break  # 960百帕: hecto-, the unit's (hPa)
            fin = fin or _is_financial(c)
            if prev == READ_ZERO:
                if (before_zero != READ_SMALL and before_zero != READ_BIG) or u > 2:
                    break  # 零十 stands for 零一十 after a unit (一千零十, 一万零百一十一), nowhere else
            elif not have_cur and ntok > 0 and not (prev == READ_SMALL and u == 1 and ntok >= 2):
                break  # 百十 (about a hundred); but 一百十一 is 一百一十一
            m_n, m_e = (cur_n, cur_e) if have_cur else (1, 0)  # 十二: one ten
            sec_n, sec_e, good = _add(sec_n, sec_e, m_n, m_e + u)
            ok = ok and good
            cur_n, cur_e, have_cur = 0, 0, False
            last_small = u
            sec_tok += 1
            prev, prev_unit, tail = READ_SMALL, u, u
            flags |= CHINESE
            ntok += 1
            j += 1
            continue
        else:  # BIG
            e_b = int(val[c])
            if c == C_ZHAO and (ntok == 0 or _mega(cps, j, n)):
                break
            if have_cur and (prev == READ_DIGIT or prev == READ_ARABIC) and 2 <= unit_before_cur <= 3 and cur_e == 0:
                cur_e = unit_before_cur - 1  # 三千五万 = 3500万 (3千5万 too)
            p_n, p_e, good = _add(sec_n, sec_e, cur_n, cur_e)
            ok = ok and good
            if not _big_unit_follows(ntok, sec_tok, max_big, last_big, e_b, sec_n, cur_n):
                break
            if sec_tok == 0 and max_big == 0:
                p_n, p_e = 1, 0  # 万亿 at the start: one 万亿
                big_start = True
            tot_n, tot_e, good = _close_section(tot_n, tot_e, p_n, p_e, e_b, max_big)
            ok = ok and good
            tail = tail + e_b if e_b > max_big and prev == READ_BIG else e_b  # 万亿: 12
            max_big = max(max_big, e_b)
            sec_n, sec_e, cur_n, cur_e, have_cur = 0, 0, 0, 0, False
            sec_tok = 0
            last_big, last_small = e_b, 99
            prev, prev_unit = READ_BIG, e_b
            after_point = False
            flags |= CHINESE | HASBIG
            ntok += 1
            j += 1
            continue
        # a digit or a run of Arabic digits is the current digit
        tail = 0
        have_cur = True
        sec_tok += 1
        ntok += 1
    if j > s and (cps[j - 1] == C_GE or cps[j - 1] == C_GE_T):
        j -= 1  # 1亿2个亿: the 亿 after 个 was not read, nor is the 个
    if prev == READ_ZERO and ntok > zeros_run:
        j = zero_at  # 一百零 ends before its 零
        ntok -= zeros_run
        prev = before_zero
    if ntok == 0:
        return s, 0, 0, 0, 0, 0
    if have_cur and (prev == READ_DIGIT or prev == READ_ARABIC) and unit_before_cur >= 2 and cur_e == 0:
        cur_e = unit_before_cur - 1  # 三千五 = 3500, 一万五 = 15000, 3万5 = 35000, 1亿2 = 120000000
    v_n, v_e, good = _sum(tot_n, tot_e, sec_n, sec_e, cur_n, cur_e)
    if not (ok and good):
        flags |= OVERFLOW
    if ntok == 1 and prev != READ_ARABIC and not after_point and (flags & CHINESE):
        flags |= LONE
    if prev == READ_BIG:
        flags |= BIGTAIL
    return j, v_n, v_e, flags, tail, ntok


@jit(allocates=False)
def _digit_string(
    cps: np.ndarray, s: int, r: int, n: int, cls: np.ndarray, val: np.ndarray, has_zero: bool, fin: bool
) -> tuple[int, int, int, int, int, int, int, int]:
    """Chinese digits ``cps[s:r]`` read one by one (二〇二三, 一九五七年), with decimals after
    点 (一七二零点一). Without a zero, and not before 年, the string is ``LONE``: 三三两两 is an idiom."""
    # ``fin`` is the run's: it ends where the scan of the run ended
    _, mant, _, ok = _cn_digits(cps, s, n, cls, val, 0, fin)
    e = 0
    if _decimal_at(cps, r, n, cls, val, fin):
        r, mant, count, good = _cn_digits(cps, r + 1, n, cls, val, mant, fin)
        ok = ok and good
        e = -count
    m, e = _norm(mant, e)
    fl = DIGITSTR | CHINESE
    if not ok:
        fl |= OVERFLOW
    if not has_zero and not (r < n and (cps[r] == C_NIAN or cps[r] == C_NIAN_T)):
        fl |= LONE
    return r, m, e, fl, 0, 2, 0, 0


#: what is weighed in liang: after 一两 (一两酒, 一两银子) the 两 is a liang, no second digit of 1 to 2
LIANG_GOODS = "酒白黄黃茶肉米饭飯面麵银銀金油盐鹽糖"
_LIANG_GOODS = np.array(sorted(ord(c) for c in LIANG_GOODS), dtype=np.int64)


@jit(allocates=False)
def _liang_weighed(cps: np.ndarray, q: int, n: int) -> bool:
    """Whether the 两 at ``q`` is a liang of something weighed so (一两酒), not the digit two."""
    return (cps[q] == C_LIANG or cps[q] == C_LIANG_T) and q + 1 < n and _in_sorted(_LIANG_GOODS, int(cps[q + 1]))


@jit(allocates=False)
def _approx_pair(
    cps: np.ndarray, s: int, n: int, cls: np.ndarray, val: np.ndarray, d1: int, fin: bool, flg: np.ndarray
) -> tuple[int, int, int, int, int, int, int, int]:
    """Two neighbouring Chinese digits at ``s`` for an approximate amount (两三个, 三五百):
    the numeral read with the second digit is the high end, with the first the low end."""
    end, hn, he, hf, htail, hk = _unit_numeral(cps, s + 1, n, cls, val, -1, fin, flg)
    _, ln, le, _, _, _ = _unit_numeral(cps, s + 1, n, cls, val, d1, fin, flg)
    return end, hn, he, (hf | RANGE | APPROX | CHINESE) & ~LONE, htail, hk + 1, ln, le


@jit(allocates=False)
def _numeral(
    cps: np.ndarray, s: int, n: int, cls: np.ndarray, val: np.ndarray, whole: bool, flg: np.ndarray
) -> tuple[int, int, int, int, int, int, int, int]:
    """The numeral at ``s``: a Chinese digit string, an approximate pair, or digits and units.
    ``whole``: the text is one numeral, with no word after it (``fin`` of :func:`_unit_numeral`).

    Returns ``(end, mantissa, exponent, flags, tail, tokens, low_mantissa, low_exponent)``.
    """
    if s + 1 < n and _cls(cps, s, cls) == CNDIGIT and _cls(cps, s + 1, cls) == CNDIGIT:
        r = s
        has_zero = False
        fin = whole
        while r < n and _cls(cps, r, cls) == CNDIGIT and not (r > s and _financial_stop(cps, r, n, cls, fin)):
            has_zero = has_zero or val[cps[r]] == 0
            fin = fin or _is_financial(cps[r])
            r += 1
        if r - s >= 3 or (has_zero and r - s >= 2):
            return _digit_string(cps, s, r, n, cls, val, has_zero, fin)
        d1 = int(val[cps[s]])
        d2 = int(val[cps[s + 1]])
        if r - s == 2 and (d2 == d1 + 1 or (d1 == 3 and d2 == 5)) and not _liang_weighed(cps, s + 1, n):
            return _approx_pair(cps, s, n, cls, val, d1, whole, flg)
    end, m, e, fl, tail, k = _unit_numeral(cps, s, n, cls, val, -1, whole, flg)
    return end, m, e, fl, tail, k, 0, 0


# -- what stands around a numeral -----------------------------------------------------


@jit(allocates=False)
def _dot_skip(cps: np.ndarray, i: int, n: int, flg: np.ndarray) -> int:
    """Where the scan goes on from a ``.`` at ``i``, or -1 where it opens a number as a
    leading decimal point (.5, (.5%), =.5); the dot of 1.5 never starts a row.

    After a Han character (增长.5%) the dot may end a sentence or be a decimal point:
    the digits after it are passed over, read neither way.
    """
    if not (i + 1 < n and _is_adigit(cps[i + 1])):
        return i + 1
    before = _before(cps, i, 1)
    if before == 0 and (i == 0 or cps[i - 1] == C_SEPARATOR):
        before = 32  # the start of a text opens a number as a space does
    if before < 65536 and (flg[before] & DOT_OPEN) != 0:
        return -1
    if not _is_han(before):
        return i + 1
    i += 1
    while i < n and (_is_adigit(cps[i]) or cps[i] == C_DOT or cps[i] == C_DOT_W):
        i += 1
    return i


@jit(allocates=False)
def _hyphen(c: int) -> bool:
    """A dash that may join the digit groups of a code (021-1234, 978-7-111)."""
    return c == C_MINUS or c == C_MINUS_U or c == C_MINUS_W or c == C_ENDASH or c == C_EMDASH


@jit(allocates=False)
def _chain(cps: np.ndarray, c: int, n: int, flg: np.ndarray) -> tuple[int, int, bool]:
    """The chain of digit groups joined by single dashes or slashes that holds the digit at ``c``:
    ``(start, end, code)``, ``code`` when the chain is one.

    A chain is as long as it goes both ways (021-12345678, 978-7-111-54742-6, 3-1, 2/3). It is a
    code, its groups identifiers or parts of a fraction and not counts, when it is not part
    of a decimal or a thousands separator's number (a ``.``, or a ``,`` after a digit, before
    it; a ``.`` or ``,`` and a digit after it: 1.5-3, 1-1.5, 5-1,200) and it is one group of
    three digits or more that begins with 0 (000001, a stock code; 00700.HK; not 01, a
    label or a month), or two groups or more with three groups or more, a group that begins
    with 0 and goes on, or a letter and a dash, dot or underscore before it (A-12-345, a model's
    name); or two groups with no Han character, % or ℃ after them (a unit makes them two
    amounts: 每满300-50元, 4-3级, 80/120元, -3/5℃, but one digit over a greater one before a measure word
    or 英寸 is a fraction of it: 1/2杯, 3/4英寸), joined by a slash (2/3, a fraction; also
    before 的: 超过2/3的企业) or by a dash, the second no greater than the first (3-1, 7714-2015;
    a range goes up: 3-5). A date's groups are read by the date extractor.
    """
    start = c
    while start > 0 and (
        _is_adigit(cps[start - 1]) or (start > 1 and _joiner(cps[start - 1]) and _is_adigit(cps[start - 2]))
    ):
        start -= 1
    slashed = False
    j = start
    groups = 0
    zero = long_zero = False
    first_end = second = second_end = start
    while True:  # at the first digit of a group
        g = j
        while j < n and _is_adigit(cps[j]):
            j += 1
        zero = zero or (j - g >= 2 and _adigit(cps[g]) == 0)
        long_zero = long_zero or (j - g >= 3 and _adigit(cps[g]) == 0)
        if groups == 0:
            first_end = j
        elif groups == 1:
            second, second_end = g, j
        groups += 1
        if not (j + 1 < n and _joiner(cps[j]) and _is_adigit(cps[j + 1])):
            break
        slashed = slashed or cps[j] == C_SLASH or cps[j] == C_SLASH_W
        j += 1
    prev = _before(cps, start, 1)
    prev2 = _before(cps, start, 2)
    if (
        (groups < 2 and not long_zero)
        or prev == C_DOT
        or prev == C_DOT_W
        or (prev == C_COMMA and _is_adigit(prev2))
        or (j + 1 < n and (cps[j] == C_DOT or cps[j] == C_DOT_W or cps[j] == C_COMMA) and _is_adigit(cps[j + 1]))
    ):
        return start, j, False
    named = (prev == C_MINUS or prev == C_DOT or prev == 95) and prev2 < 65536 and (flg[prev2] & LATIN) != 0
    if named or groups >= 3 or zero:
        return start, j, True
    if not slashed and _score(cps, start, j, n):
        return start, j, True  # 比分2-3, 以98-102不敌: a score, as 3-1 is
    # a unit after two groups makes them two amounts: 每满300-50元, 4-3级, 80/120元, -3/5℃
    after = cps[j] if j < n else 0
    if slashed and first_end == start + 1 and second_end == second + 1 and _adigit(cps[start]) < _adigit(cps[second]):
        if after == C_YING or _in_sorted(PORTION_UNITS, after):
            return start, j, True  # 1/2杯, 3/4英寸: a fraction of the unit (unread), not 1 and 2 杯
    if _unit_like(after) and not (after == C_DE and slashed):
        return start, j, False
    if slashed:  # 2/3, 超过2/3的企业, 3/4: a fraction, neither group a count
        return start, j, True
    return start, j, _not_above(cps, start, first_end, second, second_end)  # 3-1, 7714-2015; 3-5 is a range


@jit(allocates=False)
def _unit_like(c: int) -> bool:
    """A Han character, % or ℃: what may be the unit of the amount before it."""
    return _is_han(c) or c == C_PCT or c == C_PCT_W or c == C_DEGREE


@jit(allocates=False)
def _joiner(c: int) -> bool:
    """What joins two digit groups of a chain: a dash or a slash."""
    return _hyphen(c) or c == C_SLASH or c == C_SLASH_W


@jit(allocates=False)
def _not_above(cps: np.ndarray, a: int, a_end: int, b: int, b_end: int) -> bool:
    """Whether the digits ``cps[b:b_end]`` are no greater than ``cps[a:a_end]`` (neither begins with 0)."""
    if b_end - b != a_end - a:
        return b_end - b < a_end - a
    for k in range(a_end - a):
        x = _adigit(cps[a + k])
        y = _adigit(cps[b + k])
        if x != y:
            return y < x
    return True


@jit(allocates=False)
def _ordinal_end(cps: np.ndarray, end: int, n: int, cls: np.ndarray, val: np.ndarray, flg: np.ndarray) -> int:
    """Where an ordinal whose numeral ends at ``end`` ends: with the numerals a range or a list
    adds to it (第3-5页, 第一至三届, 第3、5、7名: ordinals all, none a count)."""
    j = end
    while j + 1 < n:
        c = cps[j]
        if not (_is_dash(c) or c == C_TILDE or c == C_TILDE_W or c == C_ZHI4 or c == C_DAO or c == C_DUN):
            break
        k = _cls(cps, j + 1, cls)
        if k == 0 or k == DOT:
            break
        e = _numeral(cps, j + 1, n, cls, val, False, flg)[0]
        if e <= j + 1:
            break
        j = e
    return j


@jit(allocates=False)
def _name_skip(cps: np.ndarray, s: int, n: int, flg: np.ndarray) -> int:
    """Where the scan goes on when the Arabic digits at ``s`` belong to a name (GPT-4, H100,
    python3.8, after a letter, or after a letter and ``-``, ``.`` or ``_``), else -1."""
    prev = _before(cps, s, 1)
    prev2 = _before(cps, s, 2)
    if not (
        prev < 65536
        and (
            (flg[prev] & LATIN) != 0
            or ((prev == C_MINUS or prev == C_DOT or prev == 95) and prev2 < 65536 and (flg[prev2] & LATIN) != 0)
        )
    ):
        return -1
    j = s
    while j < n and (_is_adigit(cps[j]) or cps[j] == C_DOT):
        j += 1
    return j


@jit(allocates=False)
def _not_a_number(
    cps: np.ndarray,
    s: int,
    end: int,
    n: int,
    k: int,
    fl: int,
    ntok: int,
    cls: np.ndarray,
    val: np.ndarray,
    flg: np.ndarray,
) -> int:
    """Where the scan goes on when the numeral ``cps[s:end]`` (of class ``k``) is no number, else -1."""
    prev = _before(cps, s, 1)
    prev2 = _before(cps, s, 2)
    if fl & DOTTED:
        return end  # 1.2.3
    if prev == C_DI:
        return _ordinal_end(cps, end, n, cls, val, flg)  # 第六届, 第3-5页: ordinals
    if k == CNDIGIT and _is_financial(cps[s]) and 0 < prev < 65536 and cls[prev] != 0 and cls[prev] != DOT:
        return end  # 1750億參數, 十叁个: the digit that ended the numeral before begins a word
    if (prev == C_SHU or prev == C_SHU_T or prev == C_JI or prev == C_JI_T) and (k == SMALL or k == BIG):
        return end  # 数十, 几百: vague
    if (k == SMALL or k == BIG) and _only_units(cps, s, end, cls) and _unit_header(cps, s, end, n, cls):
        return end  # （单位：百万元）: a table's unit, no amount
    if _financial_alone(cps, s, n, cls, val, flg):
        return s + 1  # 陆家嘴, 收拾一百间 (拾一 is no 11: 一百间 is read), 拾级而上: a name or a word
    if k != ARABIC:
        return -1
    if end < n and cps[end] < 65536 and (flg[cps[end]] & LATIN) != 0 and ntok == 1:
        # 5G, 3D: part of a name
        j = end
        while j < n and cps[j] < 65536 and (flg[cps[j]] & ALNUM) != 0:
            j += 1
        return j
    if (_is_adigit(cps[end - 1]) and end + 2 < n and cps[end] == C_COMMA_W and _lead_zero(cps, end + 1, n)) or (
        prev == C_COMMA_W and _is_adigit(prev2) and _lead_zero(cps, s, n)
    ):
        # 5，000万: a full-width comma is no thousands separator, yet 000万 is no amount
        # either; neither side is read rather than read wrong
        return end
    return -1


@jit(allocates=False)
def _sign(cps: np.ndarray, s: int, end: int, k: int, cls: np.ndarray, flg: np.ndarray) -> int:
    """Where the sign of the numeral ``cps[s:end]`` begins (负, 零下, or a minus before Arabic
    digits that is no hyphen: not after a letter, a digit, ``/``, ``.`` or a bracket, nor between
    two amounts of one unit, 10元-15元, 20℃-25℃); ``s`` if none."""
    prev = _before(cps, s, 1)
    prev2 = _before(cps, s, 2)
    if prev == C_FU or prev == C_FU_T:
        return s - 1
    if prev == C_XIA and prev2 == C_LING:
        return s - 2  # 零下5度
    if (
        (prev == C_MINUS or prev == C_MINUS_U or prev == C_MINUS_W)
        and k == ARABIC
        and not (
            prev2 < 65536
            and (
                (flg[prev2] & ALNUM) != 0
                or (prev2 == C_SLASH and _is_adigit(_before(cps, s, 3)))
                or prev2 == C_DOT
                or prev2 == 41
                or prev2 == 0xFF09
            )
        )
        and not _same_unit(cps, s, end, cls)
    ):
        return s - 1
    return s


@jit(allocates=False)
def _same_unit(cps: np.ndarray, s: int, end: int, cls: np.ndarray) -> bool:
    """Whether the dash before the numeral ``cps[s:end]`` joins two amounts of one unit: the one to
    three characters after the numeral stand right before the dash too, after a numeral's
    character (10元-15元, 1000万股-2000万股, 300公里-400公里, 60%-40%). Such a dash is no minus
    sign; 温度-5度, 1月份-5℃ and 5℃至-3℃ keep theirs."""
    dash = s - 1
    n = cps.shape[0]
    for k in range(1, 4):
        if dash - k - 1 < 0 or end + k > n:
            return False
        same = True
        for q in range(k):
            c = cps[dash - k + q]
            if c != cps[end + q] or c == C_SEPARATOR:
                same = False
                break
        if same and _cls(cps, dash - k - 1, cls) != 0:
            return True
    return False


@jit(allocates=False)
def _digits_back(cps: np.ndarray, q: int) -> int:
    """Where the run of digits ending at ``q`` (going back) stops: the position before its first
    digit (-1 at the text's start), or -2 when ``cps[q]`` is no digit."""
    if q < 0 or not _is_adigit(cps[q]):
        return -2
    while q >= 0 and _is_adigit(cps[q]):
        q -= 1
    return q


@jit(allocates=False)
def _score(cps: np.ndarray, s: int, e2: int, n: int) -> bool:
    """Whether the two numbers a dash joins at ``cps[s:e2]`` are a score (比分2-3, 2-3不敌): 比分 among
    the five characters before it or before the first of the scores listed before it (比分25-20、23-25),
    or a word of winning or losing right after (:data:`SCORE_AFTER`)."""
    first = s
    for _ in range(8):  # 比分25-20、23-25: back over the scores listed before, to the first
        for p in range(max(0, first - 5), first - 1):
            if cps[p] == C_BI and _in_sorted(SCORE_SECOND, cps[p + 1]):
                return True
        q = first - 1
        if q < 1 or not (cps[q] == C_DUN or cps[q] == C_COMMA_W or cps[q] == C_COMMA):
            break
        q = _digits_back(cps, q - 1)
        if q < 1 or not (cps[q] == C_MINUS or cps[q] == 58 or cps[q] == 0xFF1A):
            break
        q = _digits_back(cps, q - 1)
        if q == -2:
            break
        first = q + 1
    if e2 >= n:
        return False
    if _in_sorted(SCORE_AFTER, cps[e2]):
        return True
    return e2 + 1 < n and _in_sorted(SCORE_AFTER2, cps[e2] * 65536 + cps[e2 + 1])


@jit(allocates=False)
def _in_sorted(table: np.ndarray, c: int) -> bool:
    i = np.searchsorted(table, c)
    return i < table.shape[0] and table[i] == c


@jit(allocates=False)
def _negated(c: int) -> bool:
    """不, 未, 没, 沒 or 勿: before 超过 it makes an upper bound."""
    return c == C_BU or c == C_WEI or c == C_MEI or c == C_MEI_T or c == C_WU4


@jit(allocates=False)
def _bounded(cps: np.ndarray, q: int) -> bool:
    """Whether the 超过, 超 or 逾 at ``q`` is negated, so an upper bound: 不超过, 未超过, and through a word
    of must or may between them, 不得超过, 不可超过, 不能超過, 不应超过, 没有超过, 不可能超过."""
    c = _before(cps, q, 1)
    if c == C_NENG and _before(cps, q, 2) == C_KE3:  # 不可能超过
        return _negated(_before(cps, q, 3))
    return _negated(c) or (_in_sorted(BOUND_MODALS, c) and _negated(_before(cps, q, 2)))


@jit(allocates=False)
def _prefix2(cps: np.ndarray, p: int, a: int, b: int) -> bool:
    return p >= 2 and cps[p - 2] == a and cps[p - 1] == b


@jit(allocates=False)
def _approx_prefix(cps: np.ndarray, p: int, lone_unit: bool, exp: int) -> int:
    """Where an approximation word ending at ``p`` begins (超过, 至少, 大约, 将近, 接近; 约,
    近, 逾, 超; 上 before a lone 百 or larger unit: 上百, 上万, not 上十); ``p`` if none.
    超过, 超 and 逾 after 不, 未 or 没 are none: 不超过 is at most, not more than."""
    if p >= 2 and _in_sorted(ABOUT_JOINERS, cps[p - 1]) and (cps[p - 2] == C_YUE or cps[p - 2] == C_YUE_T):
        # 约为, 约有, 约达 (大约为): about, through a verb
        return p - 3 if _prefix2(cps, p - 1, C_DA, cps[p - 2]) else p - 2
    if _prefix2(cps, p, C_CHAO, C_GUO) or _prefix2(cps, p, C_CHAO, C_GUO_T):
        return p if _bounded(cps, p - 2) else p - 2
    if p >= 1 and (cps[p - 1] == C_CHAO or cps[p - 1] == C_YU4) and _bounded(cps, p - 1):
        return p
    if (
        _prefix2(cps, p, C_ZHI4, C_SHAO)
        or _prefix2(cps, p, C_DA, C_YUE)
        or _prefix2(cps, p, C_DA, C_YUE_T)
        or _prefix2(cps, p, C_JIANG, C_JIN)
        or _prefix2(cps, p, C_JIANG_T, C_JIN)
        or _prefix2(cps, p, C_JIE, C_JIN)
    ):
        return p - 2
    if p >= 1:
        q = cps[p - 1]
        if (
            q == C_YUE
            or q == C_YUE_T
            or q == C_JIN
            or q == C_YU4
            or q == C_CHAO
            or (q == C_SHANG and lone_unit and exp >= 2)
        ):
            return p - 1
    return p



@jit(allocates=False)
def _fraction_or_percent(
    cps: np.ndarray, n: int, cls: np.ndarray, val: np.ndarray, flg: np.ndarray, k: int, row: np.ndarray
) -> bool:
    """分之 and the numeral after it (三分之一; 百分之八十五 is a percent, 千分之三 a permille),
    or a ``%``, ``％`` or ``‰`` sign, after the number in ``row``. Returns whether a
    percent sign was read; sets ``CEND``, the end of the numeral before any sign."""
    end = row[END]
    fl = row[FLAGS]
    row[CEND] = end
    if end + 2 < n and cps[end] == C_FEN and cps[end + 1] == C_ZHI and (fl & (RANGE | NEG)) == 0:
        e2, m2, x2, f2, _, _, _, _ = _numeral(cps, end + 2, n, cls, val, False, flg)
        if e2 > end + 2 and (f2 & (DOTTED | RANGE)) == 0:
            mant, exp = row[MANT], row[EXP]
            lone_small = (fl & LONE) != 0 and k == SMALL and mant == 1
            if lone_small and exp == 2:
                fl = (fl & ~LONE) | PERCENT
            elif lone_small and exp == 3:
                fl = (fl & ~LONE) | PERMILLE
            else:
                fl = (fl & ~LONE) | FRACTION
                row[HI_N], row[HI_E] = mant, exp  # the denominator
            row[FLAGS] = fl | (f2 & (OVERFLOW | CHINESE))
            row[MANT], row[EXP], row[TAIL] = m2, x2, 0
            row[END] = row[CEND] = e2
        return False
    if end < n and (cps[end] == C_PCT or cps[end] == C_PCT_W or cps[end] == C_PERMILLE):
        row[FLAGS] = (fl & ~LONE) | (PERMILLE if cps[end] == C_PERMILLE else PERCENT)
        row[END] = end + 1
        return cps[end] != C_PERMILLE
    return False


@jit(allocates=False)
def _range(
    cps: np.ndarray,
    s: int,
    n: int,
    cls: np.ndarray,
    val: np.ndarray,
    flg: np.ndarray,
    k: int,
    pct: bool,
    row: np.ndarray,
) -> None:
    """The second end of a range after the number in ``row``: 8亿到10亿, 3.5%-4.5% (``pct``:
    both ends carry the sign), 3到5% (the sign after the range), 8到10亿 (8亿 to 10亿), -5~3℃ (a
    negative low end, joined by a word or a tilde), -8~-2℃ and 零下8到零下2度 (both ends below zero,
    so joined, the high end nearer zero: ``HINEG``). Minutes and the next clock's hour are none
    (19:00至19:45: two times)."""
    fl = row[FLAGS]
    end = row[END]
    if (fl & (RANGE | FRACTION | PERMILLE | OVERFLOW)) != 0 or (not pct and (fl & PERCENT) != 0) or end + 1 >= n:
        return
    sep = cps[end]
    dash = sep == C_MINUS or sep == C_EMDASH or sep == C_ENDASH
    word = sep == C_DAO or sep == C_ZHI4 or sep == C_TILDE or sep == C_TILDE_W
    prev = _before(cps, s, 1)
    if dash and (
        _lead_zero(cps, s, n)
        or _lead_zero(cps, end + 1, n)
        or ((_is_dash(prev) or prev == 41 or prev == 0xFF09) and _is_adigit(_before(cps, s, 2)))
    ):
        # digit groups of a phone number or a code, not a range: 010-6552, (02)2345-6789,
        # 02-2712-3456 (a group after a group and a dash, or after a bracketed one)
        dash = False
    if not (word or (dash and k == ARABIC)):
        return
    hs = end + 1  # where the high end's numeral begins, after its sign
    if word and (fl & NEG) != 0:
        hs += _high_sign(cps, hs, n)
    e2, m2, x2, f2, t2, _, _, _ = _numeral(cps, hs, n, cls, val, False, flg)
    pct2 = e2 < n and (cps[e2] == C_PCT or cps[e2] == C_PCT_W)
    if (
        e2 <= hs
        or (f2 & (DOTTED | RANGE | OVERFLOW)) != 0
        or (dash and _cls(cps, end + 1, cls) != ARABIC)
        or (dash and e2 < n and (cps[e2] == C_MINUS or cps[e2] == 58))
        or ((prev == 58 or prev == C_COLON_W) and e2 < n and (cps[e2] == 58 or cps[e2] == C_COLON_W))
        or (pct and not pct2)
        or (dash and _score(cps, s, e2, n))
    ):
        return
    lo_n, lo_e = row[MANT], row[EXP]
    if hs > end + 1:  # -8~-2℃: both below zero, the high end nearer zero
        if not _less(m2, x2, lo_n, lo_e):
            return
        fl |= HINEG
    elif (fl & NEG) == 0 or dash:  # -5~3℃, 零下5至3度: below zero, after a word, a low end goes up to any
        if (fl & HASBIG) == 0 and t2 > 0 and ((f2 & BIGTAIL) != 0 or row[TAIL] == 0) and _less(lo_n, lo_e + t2, m2, x2):
            lo_e += t2  # 8到10亿: 8亿 to 10亿; 七千到九千亿: 七千亿 to 九千亿
        if not _less(lo_n, lo_e, m2, x2):
            return  # after a dash, as the numbers are written: -3-5℃ is a range, -5-3℃ none
    row[MANT], row[EXP], row[HI_N], row[HI_E] = lo_n, lo_e, m2, x2
    fl = (fl & ~(LONE | BIGTAIL | PLAIN)) | RANGE | (f2 & (CHINESE | HASBIG | BIGTAIL))
    row[END] = row[CEND] = e2
    row[TAIL] = t2
    if pct2:
        fl |= PERCENT
        row[END] = e2 + 1
    row[FLAGS] = fl


@jit(allocates=False)
def _high_sign(cps: np.ndarray, hs: int, n: int) -> int:
    """The length of the sign of a range's high end at ``hs``, after a low end below zero and a word
    or a tilde: a minus before an Arabic digit, 负, or 零下; 0 if none."""
    if hs + 1 >= n:
        return 0
    c = cps[hs]
    if (c == C_MINUS or c == C_MINUS_U or c == C_MINUS_W) and _is_adigit(cps[hs + 1]):
        return 1
    if c == C_FU or c == C_FU_T:
        return 1
    return 2 if c == C_LING and cps[hs + 1] == C_XIA else 0


@jit(allocates=False)
def _units_after_more(cps: np.ndarray, q: int, n: int, floor: int) -> tuple[int, int]:
    """The 万 and 亿 after 多 or 余 at ``q``, in rising order and above ``floor`` (100多万, 2万多亿,
    两百多个亿): ``(the exponent they add, end)``."""
    if _ge_yi(cps, q, n):
        q += 1  # 多个亿; not 多个亿万富翁
    shift = 0
    while q < n:
        c = cps[q]
        if c == C_WAN or c == C_WAN_T:
            e_b = 4
        elif c == C_YI8 or c == C_YI8_T:
            e_b = 8
        else:
            break
        if e_b <= floor:
            break
        floor = e_b
        shift += e_b
        q += 1
    return shift, q


@jit(allocates=False)
def _ones_pair(
    cps: np.ndarray, n: int, k: int, cls: np.ndarray, val: np.ndarray, flg: np.ndarray, row: np.ndarray
) -> None:
    """A Chinese numeral ending in a unit and a digit, then the next digit: an approximate range of the
    two, made of ``row`` in place.

    - After 十 the digits are ones, and a measure word, 万 or 亿 must follow the pair
      (二十四五岁, 三十七八块钱, 十一二岁: 24–25; not 十四五规划, the plan, nor 他今年三十一二).
    - After 百, 千 or 万 the digit stands for the place below (一百二 is 120, 三千五 is 3,500), and the
      unit of that place must follow the pair (一百二三十人: 120–130; 三千五六百元, 三万五六千).

    万 and 亿 after the pair are its units (二十四五万: 240,000 to 250,000; 一千二三百万). Not before
    another numeral character, and not 两 (十一两 is eleven liang) nor a financial digit (十一贰數)."""
    fl = row[FLAGS]
    e = row[END]
    if k == ARABIC or (fl & (RANGE | FRACTION | PERCENT | PERMILLE | NEG)) != 0 or e != row[CEND] or e >= n:
        return
    if e - 2 < row[CSTART] or _cls(cps, e - 1, cls) != CNDIGIT or _cls(cps, e, cls) != CNDIGIT:
        return
    if cps[e] == C_LIANG or cps[e] == C_LIANG_T or _is_financial(cps[e]):
        return  # 十一两 (eleven liang); 十一贰數: a financial digit after ordinary numerals begins a word
    d = val[cps[e - 1]]
    if d < 1 or val[cps[e]] != d + 1:
        return
    unit = _cls(cps, e - 2, cls)
    place = -1  # the place of the pair's digits: 0 for ones, 1 for tens ...
    if unit == SMALL and val[cps[e - 2]] == 1:
        place = 0
        if row[EXP] != 0:
            return
        q = e + 1
    elif (unit == SMALL and val[cps[e - 2]] > 1) or (unit == BIG and val[cps[e - 2]] == 4):
        place = val[cps[e - 2]] - 1
        if not (e + 1 < n and _cls(cps, e + 1, cls) == SMALL and val[cps[e + 1]] == place):
            return  # 一百二三: the place must be written after the pair
        if _is_financial(cps[e + 1]) != _is_financial(cps[e - 2]) or row[EXP] > place:
            return
        q = e + 2
    else:
        return
    shift = 0
    if q < n and (cps[q] == C_WAN or cps[q] == C_WAN_T or cps[q] == C_YI8 or cps[q] == C_YI8_T):
        shift, q = _units_after_more(cps, q, n, 0)  # 二十四五万: 240,000 to 250,000
        if q < n and (_numeral_char(int(cps[q]), cls) or (cps[q] == C_FEN and q + 1 < n and cps[q + 1] == C_ZHI)):
            return  # 二十四五万五千, 二十四五万分之一: no pair
    elif q < n and _cls(cps, q, cls) != 0:
        return
    elif place == 0 and not (_counted_next(cps, q, n, flg) or (q < n and _in_sorted(PAIR_UNITS, int(cps[q])))):
        return  # 十四五规划 (the plan), 他今年三十一二: a measure word, 万 or 亿 must follow the pair
    row[HI_N], row[HI_E] = row[MANT] + 10 ** (place - row[EXP]), row[EXP] + shift
    row[FLAGS] = fl | RANGE | APPROX
    if shift > 0:
        row[EXP] += shift
        row[TAIL] = shift
        row[FLAGS] |= HASBIG | BIGTAIL
    elif place > 0:
        row[TAIL] = place  # it ends in that place's unit, as 一百三十 does: 一百二三十多块
    row[END] = q
    row[CEND] = q


@jit(allocates=False)
def _counted_next(cps: np.ndarray, q: int, n: int, flg: np.ndarray) -> bool:
    """Whether 万, 亿 or a measure word (:data:`WEAK_FOLLOWERS`) is at ``q``: what makes the 来 or 几
    before it part of an amount (一百来万, 三十来岁), not a verb (三十来自北京) or a word (二十几乎)."""
    if q >= n:
        return False
    c = cps[q]
    return c == C_WAN or c == C_WAN_T or c == C_YI8 or c == C_YI8_T or (c < 65536 and (flg[c] & WEAK_OK) != 0)


@jit(allocates=False)
def _approx_suffix(cps: np.ndarray, n: int, k: int, flg: np.ndarray, row: np.ndarray) -> None:
    """余 or 多 after a number of ten or more (30余款, 100多万: the units after them multiply
    the whole number), or 来 and 几 before 万, 亿 or a measure word (一百来万, 二十几岁, 十来个),
    or 左右 and 上下 (not 上下文), after the number in ``row``."""
    fl = row[FLAGS]
    end = row[END]
    if (fl & (FRACTION | PERCENT | PERMILLE)) != 0 or end >= n:
        return
    sx = cps[end]
    lai = sx == C_LAI or sx == C_LAI_T
    vague = sx == C_JI or sx == C_JI_T or (lai and not (end + 1 < n and _date_mark(cps[end + 1])))  # not 来年
    if sx == C_YU or sx == C_YU_T or sx == C_DUO or (vague and _counted_next(cps, end + 1, n, flg)):
        tail = row[TAIL]
        top_n, top_e = (row[HI_N], row[HI_E]) if fl & RANGE else (row[MANT], row[EXP])
        if not (tail > 0 or (k == ARABIC and ((fl & OVERFLOW) != 0 or not _less(top_n, top_e, 10, 0)))):
            return
        fl |= APPROX
        end += 1
        shift, q = _units_after_more(cps, end, n, tail if fl & BIGTAIL else 0)
        if shift > 0:
            row[EXP] += shift
            if fl & RANGE:
                row[HI_E] += shift
            row[TAIL] = (tail if fl & BIGTAIL else 0) + shift
            fl |= HASBIG | BIGTAIL
            end = q
    elif end + 1 < n and (
        (sx == C_ZUO and cps[end + 1] == C_YOU)
        or (sx == C_SHANG and cps[end + 1] == C_XIA and not (end + 2 < n and cps[end + 2] == C_WEN))
    ):
        fl |= APPROX
        end += 2
    row[FLAGS] = fl
    row[END] = end


@jit(allocates=False)
def _adverb(cps: np.ndarray, s: int, end: int, n: int, flg: np.ndarray) -> bool:
    """千万 before 不, 别, 要 ... is an adverb (千万不要), not ten million."""
    return (
        end == s + 2
        and cps[s] == C_QIAN
        and cps[s + 1] == C_WAN
        and end < n
        and cps[end] < 65536
        and (flg[cps[end]] & ADVERB_NEXT) != 0
    )


@jit(allocates=False)
def _only_units(cps: np.ndarray, s: int, end: int, cls: np.ndarray) -> bool:
    """Whether ``cps[s:end]`` is units alone (百万, 千), no digit."""
    for j in range(s, end):
        k = _cls(cps, j, cls)
        if k != SMALL and k != BIG:
            return False
    return True


@jit(allocates=False)
def _unit_header(cps: np.ndarray, s: int, end: int, n: int, cls: np.ndarray) -> bool:
    """Whether the units ``cps[s:end]`` (百万, 千) name a table's unit rather than an amount: after 单位： (or
    單位, or :), or alone in parentheses with what follows them (（千元）, (百万美元)); no numeral before
    the closing parenthesis, which comes within five characters."""
    prev = _before(cps, s, 1)
    if prev == C_COLON_W or prev == C_COLON:
        d = _before(cps, s, 3)
        return (d == C_DANWEI_DAN or d == C_DANWEI_DAN_T) and _before(cps, s, 2) == C_DANWEI_WEI
    if prev != C_OPEN_W and prev != C_OPEN:
        return False
    for j in range(end, min(n, end + 5)):
        c = cps[j]
        if c == C_CLOSE_W or c == C_CLOSE:
            return True
        if _cls(cps, j, cls) != 0:
            return False
    return False


@jit(allocates=False)
def _lone_counts(
    cps: np.ndarray, s: int, n: int, k: int, lone_unit: bool, cls: np.ndarray, flg: np.ndarray, row: np.ndarray
) -> bool:
    """Whether a lone Chinese numeral (三, 百) in ``row`` is a number: in a number's context
    (上百, a measure word after it: 三个, 三分钟, 五角钱), or 一 as an hour or an amount."""
    fl = row[FLAGS]
    end = row[END]
    if (fl & APPROX) and lone_unit:
        return True
    if fl & NEG:
        # 负一, 负十 and 负一层 are numbers; 负一定 (to bear a certain ...), 负十分 and 负一点 are not
        if k == BIG or (fl & DIGITSTR) != 0:
            return False
        if end >= n or not _is_han(cps[end]):
            return True
        nx = cps[end]
        if (
            nx == C_DIAN
            or nx == C_DIAN_T
            or (nx == C_FEN and not (end + 1 < n and (cps[end + 1] == C_ZHONG or cps[end + 1] == C_ZHONG_T)))
        ):
            return False
        return (flg[nx] & WEAK_OK) != 0 and not (end == s + 1 and _stop_word(cps, s, n))
    yi = cps[s] == C_YI1 or cps[s] == C_YI1_F
    if k != BIG and (fl & NEG) == 0 and not yi and end < n:
        if fl & DIGITSTR:
            return False
        if k == CNDIGIT and end == s + 1 and _small_change(cps, end, n, cls):
            return True  # 五角钱, 五角五分, 五分钱 (not 三角形, 五分)
        nx = cps[end]
        if nx == C_FEN and not (end + 1 < n and (cps[end + 1] == C_ZHONG or cps[end + 1] == C_ZHONG_T)):
            return False  # 十分 (very), 百分点; 三分钟 stays
        return nx < 65536 and (flg[nx] & WEAK_OK) != 0 and not (end == s + 1 and _stop_word(cps, s, n))
    if yi and end == s + 1 and (fl & NEG) == 0:
        if _clock_one(cps, s, n) or _one_money(cps, s, n, cls) or _first_day(cps, s, n):
            return True
        return _one_tenth(cps, s, n) or _one_compound(cps, s, n, cls) or _one_half(cps, s, n)
    return False


# -- the scan ------------------------------------------------------------------------


@jit(allocates=False)
def _expression(
    cps: np.ndarray, s: int, n: int, k: int, cls: np.ndarray, val: np.ndarray, flg: np.ndarray, row: np.ndarray
) -> tuple[int, bool]:
    """The numeric expression whose numeral starts at ``s`` (of class ``k``), written to ``row``.

    Returns where the scan goes on and whether ``row`` holds a number.
    """
    end, mant, exp, fl, tail, ntok, lo_n, lo_e = _numeral(cps, s, n, cls, val, False, flg)
    if end <= s:
        return s + 1, False
    skip = _not_a_number(cps, s, end, n, k, fl, ntok, cls, val, flg)
    if skip >= 0:
        return skip, False
    hi_n, hi_e = 0, 0
    if fl & RANGE:  # an approximate pair (三五百): the numeral's value is its high end
        hi_n, hi_e, mant, exp = mant, exp, lo_n, lo_e
    start = _sign(cps, s, end, k, cls, flg)
    if start < s:
        fl |= NEG
    lone_unit = (fl & LONE) != 0 and (k == SMALL or k == BIG)
    approx = _approx_prefix(cps, start, lone_unit, exp)
    if approx < start:
        fl |= APPROX
    row[START], row[END], row[CSTART] = approx, end, s
    row[MANT], row[EXP], row[FLAGS], row[HI_N], row[HI_E], row[TAIL] = mant, exp, fl, hi_n, hi_e, tail
    pct = _fraction_or_percent(cps, n, cls, val, flg, k, row)
    _range(cps, s, n, cls, val, flg, k, pct, row)
    _ones_pair(cps, n, k, cls, val, flg, row)
    _approx_suffix(cps, n, k, flg, row)
    if _adverb(cps, s, row[END], n, flg):
        return row[END], False
    if row[FLAGS] & LONE and not _lone_counts(cps, s, n, k, lone_unit, cls, flg, row):
        return row[END], False
    row[LO_N], row[LO_E] = row[MANT], row[EXP]
    return row[END], True


@jit(allocates=False)
def _glued(cps: np.ndarray, lo: int, hi: int, n: int, flg: np.ndarray, glued: np.ndarray, cnt: int) -> int:
    """Adds to ``glued`` (from entry ``cnt`` on) each ASCII digit of ``cps[lo:hi]`` that a
    ``UNIT_LETTER`` follows, right after it or after one space (2.4GHz, 3 kg: where a unit in
    Latin letters may follow a number). Returns the new count; positions past the room of
    ``glued`` are counted, not written."""
    for p in range(lo, hi):
        c = cps[p]
        if c < 48 or c > 57 or p + 1 >= n:
            continue
        nxt = cps[p + 1]
        if nxt == 32 and p + 2 < n:
            nxt = cps[p + 2]
        if nxt < 65536 and (flg[nxt] & UNIT_LETTER) != 0:
            if cnt < glued.shape[0]:
                glued[cnt] = p
            cnt += 1
    return cnt


@jit(allocates=False)
def find_numbers(
    cps: np.ndarray,
    pos: int,
    cls: np.ndarray,
    val: np.ndarray,
    flg: np.ndarray,
    out: np.ndarray,
    glued: np.ndarray,
    nglued: int,
) -> tuple[int, int, int]:
    """Numeric expressions in ``cps[pos:]``, one row each in ``out``; and in ``glued`` (from
    entry ``nglued`` on), the ASCII digits that a Latin letter follows, as :func:`_glued` finds them.

    Returns ``(count, next_pos, nglued)``; when ``out`` fills up before the end, call again
    from ``next_pos`` with the ``nglued`` returned. Every ASCII digit lies in a stretch the
    scan passes over at once (a numeral, a name it skips, a dot), and each stretch is
    looked at for glued digits once, after it is read: the scan stays one pass. A digit
    that a letter follows has a non-digit after it, so ``glued`` needs room for
    ``len(cps) // 2 + 1`` positions at most.
    """
    n = cps.shape[0]
    cnt = 0
    i = pos
    chain_end = -1  # the last chain of digit groups looked at ends here; ``code``: whether it is one
    code = False
    while i < n:
        if cnt >= out.shape[0]:
            return cnt, i, nglued
        k = _cls(cps, i, cls)
        if k == 0:  # on to the next character of a numeral's class, in a loop of its own
            i += 1
            while i < n and (cps[i] >= 65536 or cls[cps[i]] == 0):
                i += 1
            continue
        s = i
        if k == DOT:
            skip = _dot_skip(cps, i, n, flg)
            if skip >= 0:
                i = skip
                nglued = _glued(cps, s, i, n, flg, glued, nglued)
                continue
            k = ARABIC
        if k == ARABIC:
            skip = _name_skip(cps, i, n, flg)
            if skip >= 0:
                i = skip
                nglued = _glued(cps, s, i, n, flg, glued, nglued)
                continue
        i, found = _expression(cps, i, n, k, cls, val, flg, out[cnt])
        if found:
            c = out[cnt, CSTART]
            if _is_adigit(cps[c]):
                if c >= chain_end:
                    _, chain_end, code = _chain(cps, c, n, flg)
                if code:
                    out[cnt, FLAGS] |= CODE
            cnt += 1
        nglued = _glued(cps, s, i, n, flg, glued, nglued)
    return cnt, n, nglued


@jit(allocates=False)
def numeral(cps: np.ndarray, cls: np.ndarray, val: np.ndarray) -> tuple[int, int, int, int, int, int]:
    """The numeral at the start of ``cps`` with no context rules.

    Returns ``(end, mantissa, exponent, flags, low_mantissa, low_exponent)``.
    """
    n = cps.shape[0]
    if n == 0:
        return 0, 0, 0, 0, 0, 0
    end, m, e, fl, _tail, _k, lo_n, lo_e = _numeral(cps, 0, n, cls, val, True, _NO_FLAGS)
    return end, m, e, fl, lo_n, lo_e


@jit(allocates=False)
def marks(cps: np.ndarray, mark: np.ndarray, pre: np.ndarray, out: np.ndarray) -> int:
    """Positions ``i`` where ``mark[cps[i]] & pre[cps[i - 1]]`` is not 0, written to ``out``.

    One pass for the relative-date words (明天, 上周, 去年: an anchor character and the
    one before it). Returns how many there are; when that is more than ``out`` holds,
    only the first ``len(out)`` are written and the caller calls again with more room.
    """
    n = cps.shape[0]
    cap = out.shape[0]
    cnt = 0
    for i in range(1, n):
        c = cps[i]
        if c < 65536 and mark[c] != 0:
            p = cps[i - 1]
            if p < 65536 and (mark[c] & pre[p]) != 0:
                if cnt < cap:
                    out[cnt] = i
                cnt += 1
    return cnt


#: the columns :func:`neighbours` writes: the code points at END, END + 1, CEND, START - 1 and START - 2
AFTER, AFTER2, CAFTER, BEFORE, BEFORE2 = range(5)


@jit(allocates=False)
def _code_at(cps: np.ndarray, pos: int) -> int:
    """The code point at ``pos``; 0 outside ``cps`` and past the BMP."""
    if pos < 0 or pos >= cps.shape[0]:
        return 0
    c = int(cps[pos])
    return c if c < 65536 else 0


@jit(allocates=False)
def neighbours(cps: np.ndarray, rows: np.ndarray, out: np.ndarray) -> None:
    """The code points around each row of :func:`find_numbers` (``rows``), one row of ``out`` each.

    Columns ``AFTER``, ``AFTER2``, ``CAFTER``, ``BEFORE`` and ``BEFORE2``: the code points at
    ``END``, ``END + 1``, ``CEND``, ``START - 1`` and ``START - 2``, 0 outside the text and past
    the BMP (the separator between a batch's documents is returned as it is: it is no
    character that any lookup table holds).
    """
    for i in range(rows.shape[0]):
        end = rows[i, END]
        start = rows[i, START]
        out[i, AFTER] = _code_at(cps, end)
        out[i, AFTER2] = _code_at(cps, end + 1)
        out[i, CAFTER] = _code_at(cps, rows[i, CEND])
        out[i, BEFORE] = _code_at(cps, start - 1)
        out[i, BEFORE2] = _code_at(cps, start - 2)


@jit(allocates=False)
def _date_mark(c: int) -> bool:
    return c == C_NIAN_MARK or c == C_YUE_MARK or c == C_RI or c == C_HAO or c == C_HAO_T


@jit(allocates=False)
def _yi_word_after(c: int) -> bool:
    """Whether ``c`` makes a word with 一 before it (:data:`YI_WORD_AFTER`)."""
    for w in YI_WORD_AFTER:
        if w == c:
            return True
    return False


@jit(allocates=False)
def _numeral_char(c: int, cls: np.ndarray) -> bool:
    if c <= 0 or c >= 65536:
        return False
    k = cls[c]
    return k == CNDIGIT or k == SMALL or k == BIG or k == TENS


@jit(allocates=False)
def _has_key(keys: np.ndarray, key: int | np.uint64) -> bool:
    """Whether the sorted ``keys`` hold ``key`` (binary search)."""
    m = keys.shape[0]
    lo, hi = 0, m  # the first key not below ``key``
    while lo < hi:
        mid = (lo + hi) // 2
        if keys[mid] < key:
            lo = mid + 1
        else:
            hi = mid
    return lo < m and keys[lo] == key


@jit(allocates=False)
def _in_idiom(cps: np.ndarray, start: int, end: int, idioms: np.ndarray) -> bool:
    """Whether ``cps[start:end]`` lies inside an idiom of four characters or a name of three of ``idioms``
    (sorted keys of BMP code points, 16 bits each: :func:`.idioms.pack_chars`); a name is none where
    its last character and the next make a word of two characters that ``idioms`` holds (五棵松树)."""
    n = cps.shape[0]
    if idioms.shape[0] == 0:
        return False
    for width in range(3, 5):
        if end - start > width:
            continue
        for a in range(max(0, end - width), min(start, n - width) + 1):
            key = np.uint64(0)
            bmp = True
            for j in range(a, a + width):
                c = cps[j]
                if c >= 65536:
                    bmp = False
                    break
                key = (key << np.uint64(16)) | np.uint64(c)
            if not bmp or not _has_key(idioms, key):
                continue
            if width == 3 and a + 3 < n and cps[a + 3] < 65536:
                word = (np.uint64(cps[a + 2]) << np.uint64(16)) | np.uint64(cps[a + 3])
                if _has_key(idioms, word):
                    continue  # 五棵松树: the name's last character begins a word
            return True
    return False


#: before N后, what makes it a value reached, then something after it (升到80后又降了, 得了90后): no generation
GENERATION_NOT_BEFORE = np.array(sorted(ord(c) for c in "到了至达達过過降升为為超破回跌涨漲得"), dtype=np.int64)
C_ZHI_TO = ord("至")
#: after N后 (80后), what makes 后 begin a word (80后面, 80后来): no generation
GENERATION_NOT_NEXT = np.array(sorted(ord(c) for c in "面来來续續边邊方期半"), dtype=np.int64)
C_HOU = ord("后")
C_HOU_T = ord("後")


@jit(allocates=False)
def _generation(cps: np.ndarray, s: int, cs: int, ce: int, end: int, n: int, cls: np.ndarray) -> bool:
    """Whether the row ``cps[s:end]`` (numeral ``cps[cs:ce]``) names a generation by the decade or
    half-decade of its birth: two digits, Arabic or Chinese (80后, 95后, 00后, 八零后, 九零後), then
    后, and no digit, point or 第 before (第80后, 1980后), nor a value's verb (升到80后, 得了90后), nor a
    word 后 begins after (80后面, 30后来)."""
    if s != cs or end != ce or ce != cs + 2 or ce >= n or not (cps[ce] == C_HOU or cps[ce] == C_HOU_T):
        return False
    a, b = int(cps[cs]), int(cps[cs + 1])
    if a >= 65536 or b >= 65536:
        return False
    arabic = cls[a] == ARABIC and cls[b] == ARABIC
    chinese = cls[a] == CNDIGIT and cls[b] == CNDIGIT
    if not (arabic or chinese):
        return False
    prev = _before(cps, cs, 1)
    if 0 < prev < 65536 and (cls[prev] != 0 or prev == C_DI or _in_sorted(GENERATION_NOT_BEFORE, prev)):
        prev2 = _before(cps, cs, 2)
        if not (prev == C_ZHI_TO and (prev2 == C_HOU or prev2 == C_HOU_T)):  # 90后至00后: a range of them
            return False
    nxt = int(cps[ce + 1]) if ce + 1 < n else 0
    return not (_in_sorted(GENERATION_NOT_NEXT, nxt) or _numeral_char(nxt, cls))


#: what follows a five-year plan's name (十四五规划, 十三五时期, 十二五期间, 十四五以来), as pairs
#: ``first * 65536 + second``; or a closing quote (“十四五”)
PLAN_NEXT = np.array(
    sorted(
        ord(w[0]) * 65536 + ord(w[1])
        for w in (
            "规划 規劃 时期 時期 期间 期間 期末 期初 以来 以來 开局 開局 收官 末期 初期 中期 计划 計劃 目标 目標"
        ).split()
    ),
    dtype=np.int64,
)
PLAN_QUOTES = np.array(sorted(ord(c) for c in "“”「」『』《》\""), dtype=np.int64)


@jit(allocates=False)
def _plan_name(cps: np.ndarray, cs: int, ce: int, n: int) -> bool:
    """Whether the numeral ``cps[cs:ce]`` is the 十一 to 十五 of a five-year plan's name, 十一五 to 十五五:
    十 and a digit from 1 to 5 alone, then 五, in quotes or before a word of a plan (十四五规划,
    “十三五”, 十二五期间); not after 第. 十四五岁 is 14 to 15 years, 年方十四五 an age."""
    if ce != cs + 2 or cps[cs] != C_TEN or ce >= n or cps[ce] != C_FIVE:
        return False
    d = cps[cs + 1]
    if not (d == C_YI1 or d == C_TWO or d == C_THREE or d == C_FOUR or d == C_FIVE):
        return False
    prev = _before(cps, cs, 1)
    if prev == C_DI:
        return False
    if _in_sorted(PLAN_QUOTES, prev) or (ce + 1 < n and _in_sorted(PLAN_QUOTES, int(cps[ce + 1]))):
        return True
    return ce + 2 < n and _in_sorted(PLAN_NEXT, int(cps[ce + 1]) * 65536 + int(cps[ce + 2]))


#: what names an aircraft's or a missile's model before a dash and its number (歼-20, 运-20, 东风-41):
#: characters that do so at the start of a word, and words of two characters that do so anywhere ...
MODEL_FIRST = np.array(sorted(ord(c) for c in "运運直强強教"), dtype=np.int64)
#: ... and characters that name one wherever they stand (歼-20与歼-16)
MODEL_ONLY = np.array(sorted(ord(c) for c in "歼殲轰轟"), dtype=np.int64)
MODEL_WORDS = np.array(
    sorted(
        ord(w[0]) * 65536 + ord(w[1])
        for w in "东风 東風 红旗 紅旗 鹰击 鷹擊 巨浪 长征 長征 翼龙 翼龍 彩虹 霹雳 霹靂 枭龙 梟龍 猎鹰 獵鷹".split()
    ),
    dtype=np.int64,
)


C_XIAN = ord("线")
C_XIAN_T = ord("線")
C_DENG = ord("等")
#: after a pair and 等, what makes them tiers (一二等座, 二三等奖)
TIER_AFTER_DENG = np.array(sorted(ord(c) for c in "奖獎座舱艙品级級"), dtype=np.int64)


@jit(allocates=False)
def _tier_pair(cps: np.ndarray, s: int, cs: int, ce: int, end: int, n: int, fl: int, cls: np.ndarray) -> bool:
    """Whether the row is a pair of two Chinese digits (一二, 三四) that names tiers: before 线
    (一二线城市) or 等 and a prize, a seat or a class (二三等奖, 一二等座)."""
    if (fl & RANGE) == 0 or s != cs or ce != cs + 2 or end != ce or end >= n:
        return False
    if _cls(cps, cs, cls) != CNDIGIT or _cls(cps, cs + 1, cls) != CNDIGIT:
        return False
    c = cps[end]
    if c == C_XIAN or c == C_XIAN_T:
        return True
    return c == C_DENG and end + 1 < n and _in_sorted(TIER_AFTER_DENG, int(cps[end + 1]))


@jit(allocates=False)
def _model_before(cps: np.ndarray, s: int) -> bool:
    """Whether a model's name ends right before the dash at ``s`` (歼-20, 东风-41; not 温度-5 or 一直-5)."""
    a = _before(cps, s, 1)
    b = _before(cps, s, 2)
    if 0 < b < 65536 and 0 < a < 65536 and _in_sorted(MODEL_WORDS, b * 65536 + a):
        return True
    return _in_sorted(MODEL_ONLY, a) or (_in_sorted(MODEL_FIRST, a) and not _is_han(b))


@jit(allocates=False)
def _approx_after(cps: np.ndarray, ce: int, end: int) -> bool:
    """Whether a word of approximation follows the numeral in its row (100多万, 三十来岁, 二十几岁)."""
    for j in range(ce, end):
        c = cps[j]
        if c == C_DUO or c == C_YU or c == C_YU_T or c == C_LAI or c == C_LAI_T or c == C_JI or c == C_JI_T:
            return True
    return False


@jit(allocates=False)
def _approx_word(cps: np.ndarray, s: int, idioms: np.ndarray) -> bool:
    """Whether the 约 or 近 at ``s`` ends a word of two characters of ``idioms`` with the character
    before it (预约, 签约, 最近: :data:`.idioms.APPROX_WORDS`) that is not the end of a word of two
    characters itself (损失约, 综合约: :func:`.idioms.approx_blockers`)."""
    c = cps[s]
    if not (c == C_YUE or c == C_YUE_T or c == C_JIN):
        return False
    x = _before(cps, s, 1)
    if not (0 < x < 65536) or not _in_sorted(APPROX_PAIRS, x * 65536 + c):
        return False
    w = _before(cps, s, 2)
    return not (0 < w < 65536 and _has_key(idioms, (np.uint64(w) << np.uint64(16)) | np.uint64(x)))


@jit(allocates=False)
def words(
    cps: np.ndarray, rows: np.ndarray, cls: np.ndarray, flg: np.ndarray, idioms: np.ndarray, keep: np.ndarray
) -> int:
    """The rows of :func:`find_numbers` that are words, not numbers, marked ``False`` in ``keep``;
    returns how many. Run on the scan's rows after it, as a pass of its own:

    - a row of Chinese numerals inside a four-character idiom or a name of ``idioms`` (:mod:`.idioms`:
      七零八落, 十万火急, 成千上万; 三元里, 五台山);
    - a numeral that begins at a 一 ending a word (:data:`YI_WORD_BEFORE`: 万一十分, 统一千万),
      or at a weekday's digit (星期二十点, 礼拜三十分);
    - 千万 before a Chinese numeral, the adverb (千万十分, 千万一定: the scan reads 千万一);
    - a Chinese decimal whose one decimal digit 一 begins a word (一点一点, 三点一致);
    - the name of a five-year plan, 十一五 to 十五五 (十四五规划), see :func:`_plan_name`;
    - a generation named by its decade of birth (80后, 九零后), see :func:`_generation`;
    - a number after a model's name and a dash (歼-20, 东风-41), see :func:`_model_before`;
    - a pair of digits that names tiers (一二线城市, 二三等奖), see :func:`_tier_pair`;
    - a lone financial digit that ends a word of two characters of ``idioms`` with the one before
      it (队伍, 大陆, 收拾: :func:`.idioms.financial_words`).

    And 约 or 近 before a number is no approximation where it ends a word (预约6月12日, 签约5年, 最近3天:
    :func:`_approx_word`): the row's ``START`` and ``FLAGS`` are rewritten in place.

    And a minus right after a digit's 年, 月, 日 or 号 (5日-8日, 2月28日-3月2日) is a range
    dash, not a sign: the row is made unsigned (its ``START`` and ``FLAGS`` rewritten in place).
    """
    n = cps.shape[0]
    dropped = 0
    name_end = -1  # the end of the last plan's name: a row in it is part of the name (十三五期间: no 五期)
    for i in range(rows.shape[0]):
        keep[i] = True
        s, cs, ce, fl = rows[i, START], rows[i, CSTART], rows[i, CEND], rows[i, FLAGS]
        if cs < name_end:
            keep[i] = False
            dropped += 1
            continue
        c = int(cps[cs])
        prev = _before(cps, cs, 1)
        prev2 = _before(cps, cs, 2)
        minus = cps[s] == C_MINUS or cps[s] == C_MINUS_U or cps[s] == C_MINUS_W
        if (fl & NEG) != 0 and s == cs - 1 and minus and _date_mark(prev2) and 48 <= _before(cps, cs, 3) <= 57:
            rows[i, START] = cs
            rows[i, FLAGS] = fl & ~NEG
            continue
        # 约 or 近 right before the numeral, or 约 and a verb (约为)
        before_verb = s == cs - 2 and _in_sorted(ABOUT_JOINERS, cps[cs - 1])
        word_approx = (fl & APPROX) != 0 and (s == cs - 1 or before_verb) and not _approx_after(cps, ce, rows[i, END])
        if word_approx and _approx_word(cps, s, idioms):
            s = cs  # 预约6月12日, 签约5年, 最近3天, 合约为3年: the word's 约 or 近, no approximation
            fl &= ~APPROX
            rows[i, START] = s
            rows[i, FLAGS] = fl
        if c < 65536 and cls[c] != ARABIC and cls[c] != DOT and _in_idiom(cps, s, rows[i, END], idioms):
            keep[i] = False
            dropped += 1
            continue
        if _tier_pair(cps, s, cs, ce, rows[i, END], n, fl, cls):
            keep[i] = False  # 一二线城市, 二三等奖: tiers, no count of 2 to 3
            dropped += 1
            continue
        if (fl & NEG) != 0 and s == cs - 1 and minus and _model_before(cps, s):
            keep[i] = False  # 歼-20, 东风-41: a model's name, no number below zero
            dropped += 1
            continue
        if _generation(cps, s, cs, ce, rows[i, END], n, cls):
            keep[i] = False  # 80后, 九零后: a generation, no number
            dropped += 1
            continue
        if s != cs or c >= 65536 or cls[c] == 0 or cls[c] == ARABIC or cls[c] == DOT:
            continue
        if (
            ce == cs + 1
            and _is_financial(c)
            and 0 < prev < 65536
            and not _money_unit(_code_at(cps, ce))
            and _has_key(idioms, (prev << 16) | c)
        ):
            keep[i] = False  # 队伍集合, 登陆台湾: the digit ends a word, no 5 集 or 6 台 (金额为伍元 is money)
            dropped += 1
            continue
        word = False
        if cls[c] == CNDIGIT and 0 < prev < 65536:
            if c == C_YI1 and (flg[prev] & YI_BEFORE) != 0:
                word = True  # 万一十分, 统一千万
            elif (prev == C_QI_WEEK and prev2 == C_XING) or (prev == C_BAI_WEEK and (prev2 == C_LI or prev2 == C_LI_T)):
                word = True  # 星期二十点, 礼拜三十分
        if not word and c == C_QIAN and cs + 1 < n and (cps[cs + 1] == C_WAN or cps[cs + 1] == C_WAN_T):
            if ce == cs + 2:
                word = ce < n and _numeral_char(int(cps[ce]), cls)  # 千万十分
            elif ce == cs + 3 and cls[cps[cs + 2]] == CNDIGIT:
                word = True  # 千万一定: no 千万 and a next digit
        if not word and _plan_name(cps, cs, ce, n):
            word = True  # 十四五规划, “十三五”时期
            name_end = ce + 1
        if (
            not word
            and ce - cs >= 3
            and cps[ce - 1] == C_YI1
            and (cps[ce - 2] == C_DIAN or cps[ce - 2] == C_DIAN_T)
            and ce < n
            and _yi_word_after(int(cps[ce]))
        ):
            word = True  # 一点一点, 三点一致
        if word:
            keep[i] = False
            dropped += 1
    return dropped
