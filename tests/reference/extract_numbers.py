"""Slow, obvious Python version of the number kernel (``hanpipe.builtin.extract._kernels.find_numbers``).

Spans follow the same documented rules as the kernel; values are computed
independently: a numeral is cut into tokens and evaluated by splitting at its
largest unit (``left * unit + right``) with exact ``Fraction`` arithmetic,
instead of the kernel's single left-to-right pass over mantissa/exponent
pairs. ``find_numbers(text)`` returns ``(start, end, value, high, kinds)`` tuples,
with ``kinds`` a set of names: percent, permille, fraction, range, approx, neg, code.
"""

from __future__ import annotations

import re
from fractions import Fraction

import regex

DIGITS = {}
for _d, _chars in enumerate(
    ("零〇○", "一壹", "二贰貳两兩", "三叁叄參参", "四肆", "五伍", "六陆陸", "七柒", "八捌", "九玖")
):
    for _c in _chars:
        DIGITS[_c] = _d
SMALL = {"十": 1, "拾": 1, "百": 2, "佰": 2, "千": 3, "仟": 3}
TENS = {"廿": 2, "卄": 2, "卅": 3, "卌": 4}  # 二十, 三十, 四十 in one character
BIG = {"万": 4, "萬": 4, "亿": 8, "億": 8, "兆": 12}
ARABIC = {str(d): d for d in range(10)} | {chr(0xFF10 + d): d for d in range(10)}
WEAK_FOLLOWERS = set(
    "个個家款张張台臺次年月天日号號位名人种種项項步块塊层層类類场場条條件份倍成届屆"
    "颗顆轮輪句篇本部辆輛架所座只隻套组組点點岁歲周週小分秒米克公元片段页頁"
    "集支枚例批级級代季期股码碼户戶线線元圆圓毛大方"
    "间間栋棟幢口头頭匹棵株朵根枝把双雙对對副首幅封笔筆趟遍顿頓阵陣番粒宗单單盒樽转轉餐"
    "节節门門道扇盏盞具尊滴桶箱瓶杯碗袋罐串束捆堆群处處样樣尾则則辑輯册冊卷"
    "斤亩畝"  # Chinese measures (三斤, 五亩); not 尺 or 寸, which make words (三尺讲台, 三寸不烂之舌)
    "蚊"  # Hong Kong's dollar in Cantonese
)
#: a lone numeral and its follower inside one of these words is no number (三头六臂, 五花八门)
LONE_STOP_WORDS = set(
    "三头六 三頭六 二头肌 二頭肌 三头肌 三頭肌 四头肌 四頭肌 两头 兩頭 千头 千頭 九头 九頭 "
    "两口子 兩口子 小两口 小兩口 老两口 老兩口 百口 "
    "三番 两样 兩樣 六根 二副 三副 二道 五道口 三门峡 三門峽 花八门 花八門 千门 千門 八阵图 八陣圖 "
    "九转 九轉 千转 千轉 百转 百轉 九尾 七匹狼 百把 千把 千杯 千堆 四处 四處 二把手 二则 二則 零封 "
    "千斤 九斤老".split()
)


def stop_word(text: str, s: int) -> bool:
    """The lone numeral at ``s`` and the next character are inside a word of LONE_STOP_WORDS."""
    return (
        text[s : s + 2] in LONE_STOP_WORDS
        or text[s : s + 3] in LONE_STOP_WORDS
        or (s > 0 and text[s - 1 : s + 2] in LONE_STOP_WORDS)
    )


def fin_ends(text: str, j: int, before: str) -> bool:
    """The Chinese digit at ``j`` ends the numeral whose text so far is ``before``."""
    return text[j] in FINANCIAL and not any(c in FINANCIAL for c in before) and text[j + 1 : j + 2] not in UNIT_CHARS


def ones_pair(text: str, s: int, end: int, k: str, kinds: set, value: Fraction | None) -> tuple[int, int] | None:
    """The Chinese numeral text[s:end] ends in a unit and a digit d, and d + 1 follows (not 两, not a
    financial digit): an approximate range. ``(place, end)``: the place of the two digits (0 after
    十: 二十四五岁, with a measure word, 万 or 亿 after; one below the unit after 百, 千 or 万, whose
    place is written after the pair: 一百二三十, 三千五六百, 三万五六千) and where the pair ends."""
    n = len(text)
    if k == "arabic" or kinds & {"range", "fraction", "percent", "permille", "neg"} or end >= n:
        return None
    if value is None or value.denominator != 1 or end - 2 < s:
        return None
    last, nxt, unit = text[end - 1], text[end], text[end - 2]
    if klass(last) != "digit" or klass(nxt) != "digit" or nxt in FINANCIAL | set("两兩"):
        return None
    if not (1 <= DIGITS[last] and DIGITS[nxt] == DIGITS[last] + 1):
        return None
    if unit in "十拾":
        after = text[end + 1 : end + 2]
        counted = after != "" and after in WEAK_FOLLOWERS | set("万萬亿億度尺寸")  # not 十四五规划
        return (0, end + 1) if counted else None
    exponent = SMALL.get(unit, BIG.get(unit, 0) if unit in "万萬" else 0)
    if exponent < 2:
        return None
    written = text[end + 1 : end + 2]
    if SMALL.get(written, -1) != exponent - 1 or (written in FINANCIAL) != (unit in FINANCIAL):
        return None  # 一百二三: the place must be written after the pair
    after = text[end + 2 : end + 3]
    if after and (klass(after) is not None or after in ".．") and after not in "万萬亿億":
        return None
    return exponent - 1, end + 2


def pair_units(text: str, q: int) -> tuple[int, int]:
    """The exponent of the 万 and 亿 at ``q`` (rising) and where they end; ``(-1, q)`` when a numeral
    character or 分之 follows them (二十四五万五千, 二十四五万分之一 are no pair)."""
    shift, floor = 0, 0
    while text[q : q + 1] in ("万", "萬", "亿", "億") and BIG[text[q]] > floor:
        floor = BIG[text[q]]
        shift += floor
        q += 1
    if shift and (klass(text[q : q + 1]) in ("digit", "small", "tens", "big") or text[q : q + 2] == "分之"):
        return -1, q
    return shift, q


#: what is weighed in liang (一两酒: one liang, no pair of 1 to 2), spelled out
LIANG_GOODS = set("酒白黄黃茶肉米饭飯面麵银銀金油盐鹽糖")

SCORE_AFTER = set("战戰击擊胜勝负負输輸赢贏")
SCORE_AFTER2 = set(
    "不敌 不敵 取胜 取勝 落败 落敗 告负 告負 逆转 逆轉 力克 险胜 險勝 大胜 大勝 完胜 完勝 惜败 惜敗 憾负 憾負 "
    "轻取 輕取 横扫 橫掃 战平 戰平 打平 逼平 拿下 赢下 贏下 胜出 勝出 获胜 獲勝".split()
)


def score(text: str, s: int, e2: int) -> bool:
    """The numbers a dash joins at text[s:e2] are a score: 比分 (比數, 比数) among the five characters
    before, or a word of winning or losing right after."""
    first = s
    while True:
        if any(w in text[max(0, first - 5) : first] for w in ("比分", "比數", "比数")):
            return True
        listed = re.search(r"[0-9０-９]+[-:：][0-9０-９]+[、，,]$", text[:first])  # 比分25-20、23-25
        if listed is None:
            break
        first = listed.start()
    return (text[e2 : e2 + 1] in SCORE_AFTER and e2 < len(text)) or text[e2 : e2 + 2] in SCORE_AFTER2


def unit_header(text: str, s: int, end: int) -> bool:
    """The units text[s:end] name a table's unit: after 单位： (單位, :), or alone in parentheses with
    what follows them up to a closing one within five characters, no numeral among them."""
    prev = text[s - 1 : s]
    if prev in ("：", ":"):
        return text[max(0, s - 3) : s - 1] in ("单位", "單位")
    if prev not in ("（", "("):
        return False
    for j in range(end, min(len(text), end + 5)):
        if text[j] in "）)":
            return True
        if klass(text[j]) is not None:
            return False
    return False


def digit_run(text: str, j: int, before: str) -> int:
    """End of the Chinese digits from ``j`` that go on a numeral whose text so far is ``before``."""
    r = j
    while r < len(text) and klass(text[r]) == "digit" and not fin_ends(text, r, before + text[j:r]):
        r += 1
    return r


ZHAO_NOT = set("赫字瓦帕比位焦伏宽寬光带帶像")
#: after 一: a measure word, or what makes a word of 一 (一直, 一起, 一平 ...)
YI_NEXT = WEAK_FOLLOWERS | set("致般直切定起样樣些律旦再向共时時手同下点點滴半边邊道平")
QIAN_NOT = set("焦卡帕瓦伏赫")  # 1725千焦: kilo-
#: financial digits and small units; one of the digits goes on a numeral only after one of
#: these in the same numeral or before a unit or a unit of money (壹佰參拾, 3億參仟萬, 五十伍元;
#: not 3億參數, 五十參加), and begins none right after a numeral's character (十叁个)
FINANCIAL = set("壹贰貳叁叄參参肆伍陆陸柒捌玖拾佰仟")
UNIT_CHARS = set("十百千拾佰仟万萬亿億兆元圆圓角分")
#: what may follow the financial character a numeral begins at (陆仟, 陆万, 贰零, 陆元, 拾月)
FINANCIAL_NEXT = set("零〇○万萬亿億兆元圆圓角分整年月日号號") | FINANCIAL


def financial_alone(text: str, s: int) -> bool:
    """No numeral begins at the financial character at ``s``: none of FINANCIAL_NEXT follows it (nor a
    measure word but 家, 级 or 小); 参 begins none at all."""
    c, nxt = text[s], text[s + 1 : s + 2]
    if c not in FINANCIAL:
        return False
    if c == "参":
        return True
    if nxt and nxt in WEAK_FOLLOWERS and nxt not in "家级級小":
        return False  # 叁件, 伍箱; not 陆家嘴, 拾级
    return nxt not in FINANCIAL_NEXT


PREFIX2 = ("超过", "超過", "至少", "大约", "大約", "将近", "將近", "接近")
PREFIX1 = set("约約近逾超")
RANGE_SEPS = set("到至~～")
DASHES = set("-—–")
#: a "." between one of these and a digit is a decimal point (.5)
DOT_OPENERS = set(" \t\n\r\u3000([{<=~:,;+-\"'（【《〈「『＝～：，、；＋“‘≈±$¥￥€£＄−－")


def bounded(text: str, q: int) -> bool:
    """The 超过, 超 or 逾 at ``q`` negated (不超过), also through a word of must or may (不得超过, 不可超过)."""
    negations = "不未没沒勿"
    before = text[q - 1 : q] if q >= 1 else ""
    if before == "能" and text[q - 2 : q - 1] == "可":  # 不可能超过
        return q >= 3 and text[q - 3] in negations
    return bool(before) and (
        before in negations or (before in "得可能应應宜准準许許会會要需有" and q >= 2 and text[q - 2] in negations)
    )


def is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"


def lead_zero(text: str, j: int) -> bool:
    """Digits at ``j`` starting with 0 and going on: 010, 02, 000."""
    return text[j : j + 1] in ("0", "０") and text[j + 1 : j + 2] in ARABIC and j + 1 < len(text)


def is_latin(c: str) -> bool:
    return ("A" <= c <= "Z") or ("a" <= c <= "z")


def is_alnum(c: str) -> bool:
    return is_latin(c) or "0" <= c <= "9"


def klass(c: str) -> str | None:
    if c in ARABIC:
        return "arabic"
    if c in DIGITS:
        return "digit"
    if c in SMALL:
        return "small"
    if c in TENS:
        return "tens"
    if c in BIG:
        return "big"
    return None


def decimal_at(text: str, j: int, before: str) -> bool:
    """点 at ``j`` is a decimal point: Chinese digits follow, and 十 does not follow them
    (三点二十分 is three o'clock and twenty minutes); ``before``: the numeral so far."""
    if text[j : j + 1] not in ("点", "點") or klass(text[j + 1 : j + 2] or " ") != "digit":
        return False
    r = digit_run(text, j + 1, before)
    return r > j + 1 and text[r : r + 1] not in ("十", "拾")


def clock_one(text: str, s: int) -> bool:
    """A lone 一 that is the hour of a clock time: 一点半 (not 一点半点), 一点钟, 一点整 (not
    一点整理), 下午一点; not 一点 (a little)."""
    if text[s + 1 : s + 2] not in ("点", "點"):
        return False
    if s > 0 and text[s - 1] in "午晨":
        return True
    if text[s + 2 : s + 3] in ("钟", "鐘"):
        return True
    if text[s + 2 : s + 3] == "整":
        return not ("\u4e00" <= text[s + 3 : s + 4] <= "\u9fff")
    return text[s + 2 : s + 3] == "半" and text[s + 3 : s + 4] not in ("点", "點")


def one_money(text: str, s: int) -> bool:
    """A lone 一 before a unit of money and 钱 (一块钱, 一毛钱), or a yuan word and its jiao (一元五角,
    一块五毛) or fen after 零 (一元零五分)."""
    unit = text[s + 1 : s + 2]
    if unit and unit in "毛角块塊元圆圓分" and text[s + 2 : s + 3] in ("钱", "錢") and text[s + 2 : s + 3]:
        return True
    if not unit or unit not in "块塊元圆圓":
        return False
    digit = ("digit", "arabic")
    if klass(text[s + 2 : s + 3] or " ") in digit and text[s + 3 : s + 4] in ("角", "毛") and text[s + 3 : s + 4]:
        after = text[s + 4 : s + 5]  # no word of 角 or 毛: 三角形, 五角星, 八角和香叶
        return not is_han(after or " ") or after in "钱錢" or klass(after) in digit
    return text[s + 2 : s + 3] == "零" and klass(text[s + 3 : s + 4] or " ") in digit and text[s + 4 : s + 5] == "分"


#: a measure in two units that begins with 一: each first unit and the units of the part after it
ONE_COMPOUND = {
    **dict.fromkeys(("年", "岁", "歲"), ("个月", "個月")),
    "天": ("小时", "小時", "个小时", "個小時"),
    **dict.fromkeys(("小时", "小時", "个小时", "個小時"), ("分钟", "分鐘", "分")),
    **dict.fromkeys(("分钟", "分鐘"), ("秒",)),
}


def one_compound(text: str, s: int) -> bool:
    """A lone 一 that begins a measure in two units: 一年零六个月, 一岁三个月, 一小时三十分钟."""
    for first, nexts in ONE_COMPOUND.items():
        if text.startswith(first, s + 1):
            p = s + 1 + len(first)
            if text[p : p + 1] == "零":
                p += 1
            q = p
            while q < len(text) and klass(text[q]) in ("digit", "small", "arabic"):
                q += 1
            return q > p and text.startswith(nexts, q)
    return False


#: units after which a half is read (一年半, 一个半小时), and what may follow the half where a Han
#: character might make a word with it (一年半的; not 一年半导体)
HALF_UNITS = (
    "年 岁 歲 周岁 周歲 週歲 天 小时 小時 个月 個月 周 週 星期 分钟 分鐘 斤 公斤 千克 吨 噸 亩 畝 米 公里 倍 圈"
).split()
AFTER_HALF = set("的了后後时時以之左多前内內才就还還里裏间間来來起止至到、")


def one_half(text: str, s: int) -> bool:
    """A lone 一 before a unit and 半 (一年半, 一天半), or before 个, 半 and an hour or a month (一个半小时)."""

    def ends(p: int) -> bool:
        return p >= len(text) or not is_han(text[p]) or text[p] in AFTER_HALF

    if text[s + 1 : s + 3] in ("个半", "個半"):
        word = next((w for w in ("小时", "小時", "钟头", "鐘頭", "月") if text.startswith(w, s + 3)), None)
        return word is not None and ends(s + 3 + len(word))
    return any(text.startswith(unit + "半", s + 1) and ends(s + 2 + len(unit)) for unit in HALF_UNITS)


def first_day(text: str, s: int) -> bool:
    """A lone 一 after 月 and before 日 or 号: the first day of a month (十月一日)."""
    return s >= 1 and text[s - 1] == "月" and text[s + 1 : s + 2] in ("日", "号", "號") and s + 1 < len(text)


def small_change(text: str, e: int) -> bool:
    """五角钱, 五角五分, 五分钱 after a lone digit ending at ``e``; not 三角形, 五分."""
    if text[e : e + 2] in ("角钱", "角錢", "分钱", "分錢"):
        return True
    return (
        text[e : e + 1] == "角"
        and klass(text[e + 1 : e + 2] or " ") in ("digit", "arabic")
        and text[e + 2 : e + 3] == "分"
    )


# -- reading one numeral ------------------------------------------------------


def read_arabic(text: str, j: int) -> tuple[int, Fraction | None, bool]:
    """Arabic digits with 3-digit groups after an ASCII comma (never ，) and one decimal point,
    or a decimal point and digits alone (.5); ``None`` for 1.2.3."""
    n = len(text)
    digits = ""
    seps = False
    group = 0
    while j < n:
        c = text[j]
        if c in ARABIC:
            digits += str(ARABIC[c])
            group += 1
            j += 1
        elif c == "," and ((not seps and 1 <= group <= 3) or (seps and group == 3)):
            nxt = text[j + 1 : j + 5]
            if len(nxt) >= 3 and all(ch in ARABIC for ch in nxt[:3]) and (len(nxt) == 3 or nxt[3] not in ARABIC):
                seps = True
                group = 0
                j += 1
            else:
                break
        else:
            break
    plain = not seps
    frac = ""
    if j + 1 < n and text[j] in ".．" and text[j + 1] in ARABIC:
        plain = False
        j += 1
        while j < n and text[j] in ARABIC:
            frac += str(ARABIC[text[j]])
            j += 1
        if j + 1 < n and text[j] in ".．" and text[j + 1] in ARABIC:
            while j < n and (text[j] in ARABIC or text[j] in ".．"):
                j += 1
            return j, None, False
    value = Fraction(int(digits or "0")) + (Fraction(int(frac), 10 ** len(frac)) if frac else 0)
    return j, value, plain


def tokens(text: str, s: int, override: int | None = None) -> tuple[int, list[tuple[str, Fraction | int]], bool]:
    """Tokens of the numeral at ``s``: ('num', v), ('small', e), ('big', e), ('zero', 0), ('point', v).

    Returns ``(end, tokens, dotted)``. Stops where the next character cannot
    continue a well-formed numeral.
    """
    n = len(text)
    toks: list[tuple[str, Fraction | int]] = []
    j = s
    last_small = 99
    max_big = 0
    started_arabic = False
    after_point = False
    while j < n:
        c = text[j]
        k = klass(c)
        prev = toks[-1][0] if toks else None
        if toks and toks[0][0] == "big" and k != "big":
            break  # 万一 is "in case"; 万 and 亿 start a numeral only before more units (万亿)
        has_cur = prev in ("num", "anum", "adig", "point")
        if (
            c in ("个", "個")
            and prev in ("num", "anum", "adig", "point", "small", "tens")
            and text[j + 1 : j + 2] in ("亿", "億")
            and text[j + 2 : j + 3] not in ("万", "萬")
        ):
            j += 1  # 两个亿 is 两亿 (一个亿万富翁 is not)
            continue
        if k is None and not toks and c in ".．" and text[j + 1 : j + 2] in ARABIC:
            k = "arabic"  # .5
        if k is None and c in "点點" and prev == "small" and last_small >= 2 and not started_arabic:
            # 一百点五, 一百点123: decimals right after 百 or 千, all Chinese or all Arabic digits,
            # and not running into 十, 分, 刻 or 钟 (clock times)
            kind = klass(text[j + 1 : j + 2] or " ")
            r = j + 1
            if kind == "digit":
                r = digit_run(text, j + 1, text[s:j])
            else:
                while r < n and klass(text[r]) == kind:
                    r += 1
            after = text[r : r + 1]
            if (
                r > j + 1
                and kind in ("digit", "arabic")
                and after not in ("分", "刻", "钟", "鐘")
                and (not after or klass(after) != "small")
                and not (kind == "arabic" and after in (".", "．", ","))
            ):
                frac = "".join(str(DIGITS[ch] if kind == "digit" else ARABIC[ch]) for ch in text[j + 1 : r])
                toks.append(("point", Fraction(int(frac), 10 ** len(frac))))
                after_point = True
                j = r
                continue
        if k is None:
            break
        if k == "tens":
            last_word = next((t[0] for t in reversed(toks) if t[0] != "zero"), None)
            if has_cur or prev == "arabic" or after_point or last_small <= 1:
                break
            if prev == "zero" and last_word not in ("small", "big"):
                break
            toks.append(("tens", TENS[c]))
            last_small = 1
            j += 1
            continue
        if k == "arabic":
            last_word = next((t[0] for t in reversed(toks) if t[0] != "zero"), None)
            if prev in ("num", "anum", "adig", "point") or (toks and not started_arabic):
                break
            if prev == "zero" and last_word not in ("small", "big"):
                break  # 3万零5 goes on; a zero after a digit does not
            if not toks:
                started_arabic = True
            j2, v, _ = read_arabic(text, j)
            if v is None:
                return j2, [], True
            # a single digit right after a unit abbreviates its next place (3万5 as 两万五)
            kind = "adig" if j2 == j + 1 and prev in ("small", "big") else "anum"
            if text[j2 : j2 + 1] == " " and j2 + 1 < n and klass(text[j2 + 1]) == "big":
                j2 += 1  # 1 万
            toks.append((kind, v))
            j = j2
            continue
        if k == "digit":
            if has_cur or prev == "arabic" or after_point:
                break
            if j > s and fin_ends(text, j, text[s:j]):
                break  # 3億參數: 參 begins a word
            d = DIGITS[c] if not (override is not None and j == s) else override
            after_yi = text[j + 1 : j + 2]
            if d == 1 and prev in ("small", "big") and toks[-1][1] >= 2 and after_yi and after_yi in YI_NEXT:
                break  # 10万一次, 一百一个, 3万一平, 1万一直: not the next place of 10万一
            j += 1
            if d == 0 and not decimal_at(text, j, text[s:j]):
                toks.append(("zero", 0))
                continue
            if decimal_at(text, j, text[s:j]):
                frac = ""
                q = digit_run(text, j + 1, text[s : j + 1])
                frac = "".join(str(DIGITS[ch]) for ch in text[j + 1 : q])
                j = q
                toks.append(("point", Fraction(d) + Fraction(int(frac), 10 ** len(frac))))
                after_point = True
            else:
                toks.append(("num", Fraction(d)))
            continue
        if k == "small":
            u = SMALL[c]
            if after_point or u >= last_small:
                break
            after_unit = text[j + 2 : j + 3]
            # not 2千卡车; 千卡热量 is kcal
            unit_ends = not after_unit or not is_han(after_unit) or after_unit in "时時耳兹茲的每以左热熱能"
            kilo = text[j + 1 : j + 2] in QIAN_NOT and j + 1 < n and unit_ends
            if c == "千" and j > s and klass(text[j - 1]) == "arabic" and kilo:
                break  # 1725千焦: the unit's kilo-
            if c == "百" and j > s and klass(text[j - 1]) == "arabic" and text[j + 1 : j + 2] == "帕" and unit_ends:
                break  # 960百帕: the unit's hecto-
            if prev == "zero":
                last_word = next((t[0] for t in reversed(toks) if t[0] != "zero"), None)
                if last_word not in ("small", "big") or u > 2:
                    break  # 一千零十 is 一千零一十; 零十 at the start is no numeral
            elif not has_cur and toks and not (prev in ("small", "tens") and u == 1 and len(toks) >= 2):
                break  # 百十; but 一百十一 is 一百一十一
            toks.append(("small", u))
            last_small = u
            j += 1
            continue
        # big
        e = BIG[c]
        if c == "兆" and (not toks or (text[j + 1 : j + 2] in ZHAO_NOT and j + 1 < n)):
            break
        since_big = []
        for t in reversed(toks):
            if t[0] == "big":
                break
            since_big.append(t)
        section_empty = not any(t[0] != "zero" for t in since_big)
        bigs = [int(t[1]) for t in toks if t[0] == "big"]
        if section_empty and toks:
            if not bigs:
                break  # 零万
            if e <= max_big:
                break  # 亿亿
        if not section_empty and bigs and bigs[-1] <= e <= max_big:
            break  # 1万1万
        if not section_empty and evaluate(since_big[::-1], top=False) == 0:
            break  # 0万: zero of a unit
        toks.append(("big", e))
        max_big = max(max_big, e)
        last_small = 99
        after_point = False
        j += 1
    if j > s and text[j - 1] in ("个", "個"):
        j -= 1  # 1亿2个亿: the 亿 after 个 was not read, nor is the 个
    if any(t[0] != "zero" for t in toks):
        while toks[-1][0] == "zero":
            toks.pop()
            j -= 1
    return j, toks, False


def evaluate(toks: list[tuple[str, Fraction | int]], top: bool = True) -> Fraction:
    """Value by splitting at the largest big unit: ``value(left) * 10**e + value(right)``.

    ``top``: this part ends the numeral, where 一万五 abbreviates (三千五 = 3500
    abbreviates anywhere: 三千五万 = 3500万).
    """
    bigs = [(t[1], i) for i, t in enumerate(toks) if t[0] == "big"]
    if bigs:
        e = max(b[0] for b in bigs)
        i = [b[1] for b in bigs if b[0] == e][-1]
        left, right = toks[:i], toks[i + 1 :]
        lv = evaluate(left, top=False) if left else Fraction(1)
        if top and len(right) == 1 and right[0][0] in ("num", "adig"):
            # 一万五 = 15000: a lone digit right after the unit is its next place
            return lv * 10**e + right[0][1] * 10 ** (e - 1)
        return lv * 10**e + (evaluate(right, top) if right else 0)
    total = Fraction(0)
    cur = Fraction(0)
    last_unit = 0
    prev_kind = None
    digit_after_unit = False
    for kind, v in toks:
        if kind in ("num", "anum", "adig", "point"):
            cur = Fraction(v)
            digit_after_unit = prev_kind == "small"
        elif kind == "small":
            total += (cur if prev_kind in ("num", "anum", "adig", "point") else 1) * 10**v
            cur = Fraction(0)
            last_unit = int(v)
        elif kind == "tens":
            total += Fraction(int(v)) * 10
            cur = Fraction(0)
            last_unit = 1
            kind = "small"
        prev_kind = kind
    if prev_kind in ("num", "adig") and last_unit >= 2 and digit_after_unit and cur < 10 and cur.denominator == 1:
        cur = cur * 10 ** (last_unit - 1)  # 三千五 = 3500
    return total + cur


def numeral(text: str, s: int, override: int | None = None) -> tuple[int, Fraction | None, dict]:
    """``(end, value, info)`` of the numeral at ``s``; info: tokens, chinese, lone, plain, tail, dotted."""
    end, toks, dotted = tokens(text, s, override)
    if dotted:
        return end, None, {"dotted": True}
    if not toks:
        return s, None, {}
    chinese = any(klass(ch) in ("digit", "small", "big", "tens") for ch in text[s:end])
    tail = 0
    for kind, v in reversed(toks):
        if kind == "big":
            tail += int(v)
        elif kind == "small" and tail == 0:
            tail = int(v)
            break
        elif kind == "tens" and tail == 0:
            tail = 1
            break
        else:
            break
    info = {
        "chinese": chinese,
        "lone": len(toks) == 1 and chinese and toks[0][0] != "point",
        "tail": tail,
        "has_big": any(t[0] == "big" for t in toks),
        "big_tail": toks[-1][0] == "big",
        "ntok": len(toks),
        "dotted": False,
    }
    return end, evaluate(toks), info


def full_numeral(text: str, s: int) -> tuple[int, Fraction | None, Fraction | None, dict]:
    """A numeral with digit strings (二〇二三) and approximate pairs (三五百 = 300–500)."""
    n = len(text)
    if s + 1 < n and klass(text[s]) == "digit" and klass(text[s + 1]) == "digit":
        r = digit_run(text, s + 1, text[s])
        run = text[s:r]
        if len(run) >= 3 or (len(run) == 2 and any(DIGITS[c] == 0 for c in run)):
            # digit by digit; without a zero only before 年 (一九五七年), else an idiom (三三两两)
            lone_digits = not any(DIGITS[c] == 0 for c in run)
            value = Fraction(int("".join(str(DIGITS[c]) for c in run)))
            if decimal_at(text, r, run):
                q = digit_run(text, r + 1, run)
                frac = "".join(str(DIGITS[c]) for c in text[r + 1 : q])
                value += Fraction(int(frac), 10 ** len(frac))
                r = q
            return (
                r,
                value,
                None,
                {
                    "chinese": True,
                    "lone": lone_digits and text[r : r + 1] not in ("年", "秊"),
                    "tail": 0,
                    "ntok": len(run),
                    "digitstr": True,
                    "dotted": False,
                },
            )
        d1, d2 = DIGITS[run[0]], DIGITS[run[-1]]
        liang = run[-1] in "两兩" and text[r : r + 1] != "" and text[r] in LIANG_GOODS  # 一两酒: a liang
        if len(run) == 2 and (d2 == d1 + 1 or (d1, d2) == (3, 5)) and not liang:
            end, high, info = numeral(text, s + 1)
            _, low, _ = numeral(text, s + 1, override=d1)
            info = dict(info, lone=False, pair=True)
            return end, low, high, info
    end, v, info = numeral(text, s)
    return end, v, None, info


# -- finding the numbers ---------------------------------------------------------

#: what joins the numerals of an ordinal's range or list (第3-5页, 第一至三届, 第3、5名)
ORDINAL_JOINERS = set("-−－—–~～至到、")
#: a chain of digit groups joined by single dashes, as long as it goes both ways
CHAIN = regex.compile(r"(?<![0-9０-９])(?<![0-9０-９][-−－–—/／])[0-9０-９]++(?:[-−－–—/／][0-9０-９]++)*+")


def ordinal_end(text: str, end: int) -> int:
    """Past the numerals a range or a list adds to an ordinal whose numeral ends at ``end``."""
    j = end
    while j + 1 < len(text) and text[j] in ORDINAL_JOINERS and klass(text[j + 1]) is not None:
        e2 = full_numeral(text, j + 1)[0]
        if e2 <= j + 1:
            break
        j = e2
    return j


def same_unit(text: str, dash: int, end: int) -> bool:
    """The one to three characters after the numeral ending at ``end`` stand right before ``dash``
    too, after a numeral's character: two amounts of one unit (10元-15元, 300公里-400公里)."""
    for k in (1, 2, 3):
        if dash - k - 1 < 0 or end + k > len(text):
            return False
        c = text[dash - k - 1]
        if text[dash - k : dash] == text[end : end + k] and (klass(c) is not None or c in ".．"):
            return True
    return False


def code_spans(text: str) -> list[tuple[int, int]]:
    """The chains of digit groups in ``text`` that are codes, not ranges: not inside a decimal or a
    thousands-separated number, and one group of three digits or more that starts with 0
    (000001; 01 is a label), or two groups or more and three groups or more, a group that starts
    with 0 and goes on or a letter and -, . or _ before; or two groups with no Han character, %
    or ℃ after them (的 after a slash aside), joined by a slash or by a dash with the second no
    greater than the first."""
    out = []
    for m in CHAIN.finditer(text):
        groups = regex.split(r"[-−－–—/／]", m.group())
        slashed = "/" in m.group() or "／" in m.group()
        a, b = m.start(), m.end()
        before = text[a - 1] if a > 0 else ""
        before2 = text[a - 2] if a > 1 else ""
        after = text[b : b + 2]
        zero = any(len(g) >= 2 and ARABIC[g[0]] == 0 for g in groups)
        long_zero = len(groups[0]) >= 3 and ARABIC[groups[0][0]] == 0
        if (len(groups) < 2 and not long_zero) or before in (".", "．") or (before == "," and before2 in ARABIC):
            continue
        if len(after) == 2 and after[0] in ".．," and after[1] in ARABIC:
            continue
        values = [int("".join(str(ARABIC[c]) for c in g)) for g in groups]
        named = before in ("-", ".", "_") and is_latin(before2)
        after = text[b : b + 1]
        fraction_of_unit = slashed and [len(g) for g in groups] == [1, 1] and values[0] < values[1]
        if zero or named or len(groups) >= 3 or (not slashed and score(text, a, b)):
            out.append((a, b))  # 比分2-3: a score is a code too
        elif fraction_of_unit and after and after in "杯勺匙碗片个個块塊斤瓶袋包英茶汤湯小大颗顆根决決":
            out.append((a, b))  # 1/2杯, 3/4英寸: a fraction of the unit, unread
        elif (is_han(after) or after in ("%", "％", "℃")) and not (slashed and after == "的"):
            continue  # a unit: two amounts (每满300-50元, 80/120元)
        elif slashed or values[1] <= values[0]:
            out.append((a, b))  # 2/3, 超过2/3的; 3-1
    return out


def find_numbers(text: str) -> list[tuple[int, int, Fraction | None, Fraction | None, frozenset[str]]]:
    n = len(text)
    out = []
    codes = code_spans(text)
    i = 0
    while i < n:
        k = klass(text[i])
        if k is None and text[i] in ".．" and text[i + 1 : i + 2] in ARABIC:
            before = text[i - 1] if i > 0 else " "
            if before in DOT_OPENERS:
                k = "arabic"  # .5, (.5%), =.5
            elif is_han(before):  # 增长.5%: a sentence end or a decimal point, so nothing is read
                i += 1
                while i < n and (text[i] in ARABIC or text[i] in ".．"):
                    i += 1
                continue
        if k is None:
            i += 1
            continue
        s = i
        prev = text[s - 1] if s > 0 else ""
        prev2 = text[s - 2] if s > 1 else ""
        if k == "arabic" and (is_latin(prev) or (prev in ("-", ".", "_") and is_latin(prev2))):
            j = s
            while j < n and (text[j] in ARABIC or text[j] == "."):
                j += 1
            i = j
            continue
        end, value, high, info = full_numeral(text, s)
        if end <= s:
            i = s + 1
            continue
        if info.get("dotted"):
            i = end
            continue
        if prev == "第":
            i = ordinal_end(text, end)
            continue
        if prev in "数數几幾" and prev and k in ("small", "big"):
            i = end
            continue
        if k == "digit" and text[s] in FINANCIAL and prev and klass(prev) is not None:
            i = end  # 1750億參數, 十叁个: no number begins at the digit that ended one
            continue
        units_only = all(klass(c) in ("small", "big") for c in text[s:end])
        if k in ("small", "big") and units_only and unit_header(text, s, end):
            i = end  # （单位：百万元）: a table's unit
            continue
        if financial_alone(text, s):
            i = s + 1  # 陆家嘴, 收拾一百间: a word's character, the scan goes on after it
            continue
        if k == "arabic" and end < n and is_latin(text[end]) and info["ntok"] == 1:
            j = end
            while j < n and is_alnum(text[j]):
                j += 1
            i = j
            continue
        if k == "arabic" and (
            (text[end - 1] in ARABIC and text[end : end + 1] == "，" and lead_zero(text, end + 1))
            or (prev == "，" and prev2 in ARABIC and lead_zero(text, s))
        ):
            i = end  # 5，000万: neither 5 nor 000万 is the amount
            continue
        kinds = set()
        lone = info["lone"]
        if info.get("pair"):
            kinds |= {"range", "approx"}
        start = s
        if prev in ("负", "負"):
            kinds.add("neg")
            start = s - 1
        elif prev == "下" and prev2 == "零":
            kinds.add("neg")
            start = s - 2
        elif (
            prev in ("-", "−", "－")
            and k == "arabic"
            and not (prev2 and (is_alnum(prev2) or prev2 in ".)）" or (prev2 == "/" and text[s - 3 : s - 2] in ARABIC)))
            and not same_unit(text, s - 1, end)
        ):
            kinds.add("neg")
            start = s - 1
        lone_unit = lone and k in ("small", "big")
        if start >= 2 and text[start - 1] in "为為有达達是" and text[start - 2] in "约約":
            kinds.add("approx")  # 约为1400万, 大约有300人
            start -= 3 if start >= 3 and text[start - 3] == "大" else 2
        elif start >= 3 and text[start - 2 : start] in ("超过", "超過") and bounded(text, start - 2):
            pass  # 不超过 is at most: no approximation word
        elif start >= 2 and text[start - 1] in "超逾" and bounded(text, start - 1):
            pass
        elif text[max(0, start - 2) : start] in PREFIX2 and start >= 2:
            kinds.add("approx")
            start -= 2
        elif start >= 1 and (
            text[start - 1] in PREFIX1 or (text[start - 1] == "上" and lone_unit and text[s] not in "十拾")
        ):
            kinds.add("approx")
            start -= 1
        tail = info["tail"]
        big_tail = bool(info.get("big_tail"))
        pct_sign = False
        if text[end : end + 2] == "分之" and end + 2 < n and not kinds & {"range", "neg"}:
            e2, v2, _, i2 = full_numeral(text, end + 2)
            if e2 > end + 2 and not i2.get("dotted") and not i2.get("pair"):
                if lone and k == "small" and value == 100:
                    kinds.add("percent")
                elif lone and k == "small" and value == 1000:
                    kinds.add("permille")
                else:
                    kinds.add("fraction")
                    high = value
                lone = False
                value, tail, end = v2, 0, e2
        elif end < n and text[end] in "%％":
            kinds.add("percent")
            pct_sign = True
            lone = False
            end += 1
        elif end < n and text[end] == "‰":
            kinds.add("permille")
            lone = False
            end += 1
        if (
            not kinds & {"range", "fraction", "permille"}
            and (pct_sign or "percent" not in kinds)
            and end + 1 < n
            and value is not None
        ):
            sep = text[end]
            dash = sep in DASHES
            if dash and (
                lead_zero(text, s) or lead_zero(text, end + 1) or (prev and prev in "-−－—–)）" and prev2 in ARABIC)
            ):
                dash = False  # phone digit groups: 010-6552, (02)2345-6789, 02-2712-3456
            if sep in RANGE_SEPS or (dash and k == "arabic"):
                hs = end + 1  # the high end's numeral, after its sign: -8~-2℃, 零下8到零下2度
                if sep in RANGE_SEPS and "neg" in kinds and hs + 1 < n:
                    if (text[hs] in "-−－" and text[hs + 1] in ARABIC) or text[hs] in "负負":
                        hs += 1
                    elif text[hs : hs + 2] == "零下":
                        hs += 2
                e2, v2, _, i2 = full_numeral(text, hs)
                pct2 = text[e2 : e2 + 1] in ("%", "％") and e2 < n
                if (
                    (pct2 or not pct_sign)
                    and e2 > hs
                    and not i2.get("dotted")
                    and not i2.get("pair")
                    and v2 is not None
                    and not (dash and klass(text[end + 1]) != "arabic")
                    and not (dash and e2 < n and text[e2] in "-:")
                    and not (prev in (":", "：") and text[e2 : e2 + 1] in (":", "："))  # 19:00至19:45: clocks
                    and not (dash and score(text, s, e2))
                ):
                    low = value
                    t2 = i2["tail"]
                    neg = "neg" in kinds  # -5~3℃: a low end below zero, after a word or a tilde only
                    lifts = not info.get("has_big") and t2 > 0 and (i2.get("big_tail") or tail == 0)
                    below = neg and not dash  # after a dash, as written: -3-5℃ a range, -5-3℃ none
                    if hs > end + 1:  # both below zero: the high end nearer zero
                        ok, high_value = v2 < low, -v2
                    else:
                        if not below and lifts and low * 10**t2 < v2:
                            low = low * 10**t2  # 8到10亿, 七千到九千亿
                        ok, high_value = below or low < v2, v2
                    if ok:
                        value, high = low, high_value
                        kinds.add("range")
                        lone = False
                        end = e2
                        tail = t2
                        big_tail = bool(i2.get("big_tail"))
                        if pct2:
                            kinds.add("percent")
                            end = e2 + 1
        pair = ones_pair(text, s, end, k, kinds, value)
        pair_shift, pair_end = pair_units(text, pair[1]) if pair else (-1, end)
        if pair and pair_shift >= 0:  # 二十四五岁: 24–25; 一百二三十: 120–130
            kinds |= {"range", "approx"}
            high = value + 10 ** pair[0]
            end = pair[1]
            if pair_shift:  # 二十四五万: 240,000 to 250,000
                value, high, end = value * 10**pair_shift, high * 10**pair_shift, pair_end
                tail, big_tail = pair_shift, True
            elif pair[0]:
                tail = pair[0]  # it ends in that place's unit: 一百二三十多块
        if not kinds & {"fraction", "percent", "permille"} and end < n:
            sx = text[end]
            top = high if "range" in kinds else value
            counted_next = text[end + 1 : end + 2] != "" and text[end + 1] in WEAK_FOLLOWERS | set("万萬亿億")
            lai_word = sx in "来來" and text[end + 1 : end + 2] in ("年", "月", "日", "号", "號")  # 来年
            vague = sx in "来來几幾" and counted_next and not lai_word  # 一百来万, 二十几岁; not 三十来自
            if (sx in "余餘多" or vague) and (tail > 0 or (k == "arabic" and top is not None and top >= 10)):
                kinds.add("approx")
                end += 1
                # 100多万, 2万多亿, 两百多个亿: units after 多 multiply, rising, above the numeral's last unit
                q = end
                if (
                    text[q : q + 1] in ("个", "個")
                    and text[q + 1 : q + 2] in ("亿", "億")
                    and text[q + 2 : q + 3] not in ("万", "萬")
                ):
                    q += 1
                floor = tail if big_tail else 0
                shift = 0
                while text[q : q + 1] in ("万", "萬", "亿", "億"):
                    e = BIG[text[q]]
                    if e <= floor:
                        break
                    floor = e
                    shift += e
                    q += 1
                if shift:
                    end = q
                    if value is not None:
                        value = value * 10**shift
                    if high is not None:
                        high = high * 10**shift
            elif text[end : end + 2] == "左右" or (text[end : end + 2] == "上下" and text[end + 2 : end + 3] != "文"):
                kinds.add("approx")
                end += 2
        if text[s:end] == "千万" and text[end : end + 1] and text[end] in "不别別要莫勿记記注务務":
            i = end  # 千万不要: an adverb
            continue
        if lone:
            ok = False
            if "approx" in kinds and lone_unit:
                ok = True
            elif "neg" in kinds:
                # 负一, 负十, 负一层; not 负一定 (to bear a certain ...), 负十分, 负一点
                nxt = text[end : end + 1]
                if k == "big" or info.get("digitstr"):
                    ok = False
                elif not nxt or not is_han(nxt):
                    ok = True
                else:
                    ok = (
                        nxt in WEAK_FOLLOWERS
                        and nxt not in "点點"
                        and not (nxt == "分" and text[end + 1 : end + 2] not in ("钟", "鐘"))
                        and not (end == s + 1 and stop_word(text, s))
                    )
            elif k != "big" and "neg" not in kinds and text[s] not in "一壹" and end < n and not info.get("digitstr"):
                ok = (
                    text[end] in WEAK_FOLLOWERS
                    and not (text[end] == "分" and text[end + 1 : end + 2] not in ("钟", "鐘"))
                    and not (end == s + 1 and stop_word(text, s))
                )
                if k == "digit" and end == s + 1 and small_change(text, end):
                    ok = True
            elif text[s] in "一壹" and "neg" not in kinds:
                ok = (
                    clock_one(text, s)
                    or (end == s + 1 and one_money(text, s))
                    or (end == s + 1 and one_compound(text, s))
                    or (end == s + 1 and one_half(text, s))
                    or (end == s + 1 and first_day(text, s))
                    or (
                        end == s + 1
                        and text[s + 1 : s + 2] == "成"
                        and (
                            s + 2 >= n or not is_han(text[s + 2]) or text[s + 2] in "的以左上至到"
                        )  # 增长一成, 一成以上; not 一成不变
                    )
                )
            if not ok:
                i = end if end > s else s + 1
                continue
        if "neg" in kinds and value is not None:
            value = -value
        if any(a <= s < b for a, b in codes):
            kinds.add("code")
        out.append((start, end, value, high, frozenset(kinds)))
        i = end
    return out


# -- relative-date anchors ------------------------------------------------------

#: anchor character -> the characters that may stand right before it (relative dates)
ANCHORS = {
    "天": "今明昨后後前一",
    "周": "上下本这這个個一礼禮",
    "週": "上下本这這个個一礼禮",
    "星": "上下本这這个個一礼禮",
    "拜": "上下本这這个個一礼禮",
    "月": "上下本个個",
    "年": "今去明前后後一",
}


def marks(text: str) -> list[int]:
    """Positions of anchor characters right after one of their prefix characters."""
    return [i for i in range(1, len(text)) if text[i] in ANCHORS and text[i - 1] in ANCHORS[text[i]]]
