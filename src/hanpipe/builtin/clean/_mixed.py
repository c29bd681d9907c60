"""Crawler mojibake that is not one clean layer: GBK or Big5 bytes read as UTF-8 where they happened to be valid.

A crawler that does not know a page's encoding often decodes it as UTF-8 and,
where a byte does not begin a valid UTF-8 sequence, falls back to Latin-1
(or cp1252) for that one byte. A GBK or Big5 page read that way comes out
as Latin-1 mojibake (``´óÄ£ÐÍ``) broken by odd characters wherever two to
four bytes happened to form valid UTF-8 (``Ä£`` is ``C4 A3``: ``ģ``), with
soft hyphens (byte ``AD``) and C1 controls (``80``-``9F``) in between.

Every character of such a text stands for bytes in one of few ways: itself
(text that was never garbled), one byte (Latin-1, or cp1252's specials), or
its UTF-8 bytes. A character of ``U+0080``-``U+00FF`` may be either of the
last two (``´`` is ``B4`` or ``C2 B4``). :func:`readings` picks, for a run of
such characters, the most probable way through those choices with the
double-byte table of the target encoding (:func:`hanpipe._charmodel.gb_table`
or :func:`~hanpipe._charmodel.big5_tables`): a Viterbi pass whose state is
"plain text", "between two characters of the target encoding" or "after
a lead byte ``x``", so at most four states live after any character and
the pass is linear. Entering a garbled stretch from plain text costs
``SWITCH``. A reading is kept only if the crawler would have made exactly
that text of those bytes (:func:`crawled_as`): a byte read as Latin-1 does
not begin a valid UTF-8 sequence.
"""

from __future__ import annotations

import functools

import numpy as np

from ..._charmodel import (
    ASTRAL_SCORE,
    GB_FOUR_BYTE_SCORE,
    LATIN1,
    PINYIN_LATIN1_LETTERS,
    big5_tables,
    char_scores,
    gb_table,
)
from ..._jit import jit
from ..._text import encode_utf32_le

__all__ = ["SWITCH", "crawled_as", "readings"]

#: cost of entering a garbled stretch from plain text (log-probability)
SWITCH = 1.0
#: extra cost of an ASCII letter kept alone between non-ASCII characters
LONE_LETTER = -4.0
#: a choice whose best reading is within this of another choice's is unsure (log-probability)
MARGIN = 3.0
#: the same where one of the two is a character of ``U+0080``-``U+00FF`` read as two UTF-8 bytes: the
#: crawler hid a ``C2`` or ``C3`` byte in it, which the reading must guess from the characters around
HIDDEN_MARGIN = 8.0

#: cp1252's specials back to their byte
_CP1252 = {ord(bytes([b]).decode("cp1252")): b for b in range(0x80, 0xA0) if bytes([b]).decode("cp1252", "ignore")}

_PINYIN_LATIN1 = frozenset(map(ord, PINYIN_LATIN1_LETTERS))
#: signs of Chinese web text that, among mojibake, are more likely bytes of it; cp1252's specials but
#: the quotes, ellipsis and dash that Chinese text uses
_SIGNS = frozenset(map(ord, "©®°±·×÷")) | (frozenset(_CP1252) - frozenset(map(ord, "“”‘’…—")))
#: full-width Latin letters, digits and signs other than Chinese punctuation: rare in a GBK or Big5 page
FULL_WIDTH_LETTER = -12.0

# where the reading stands in the target encoding: plain text, between two characters, inside a GB18030
# four-byte sequence (after a lead and a digit, after the third byte), or after the lead byte itself
_PLAIN = -2
_BETWEEN = -1
_FOUR_2 = -3
_FOUR_3 = -4


def single_byte(cp: int) -> int:
    """The byte a crawler read as ``chr(cp)`` on its own, or -1."""
    if cp < 0x100:
        return cp
    return _CP1252.get(cp, -1)


@functools.lru_cache(maxsize=2)
def _pairs(target: str) -> list[list[float]]:
    """Pair scores as nested lists (``NaN``: no character), indexed ``[lead - 0x81][trail - 0x40]``."""
    table = gb_table() if target == "gbk" else big5_tables()[0]
    codec = "gb18030" if target == "gbk" else "big5hkscs"
    rows = [[float(x) for x in row] for row in table.tolist()]
    for lead, row in enumerate(rows):
        for trail, v in enumerate(row):
            if v == v and v > FULL_WIDTH_LETTER:
                ch = bytes((lead + 0x81, trail + 0x40)).decode(codec, "replace")
                if len(ch) == 1 and "\uff01" <= ch <= "\uff5e" and ch not in "，：；？！（）％～":
                    row[trail] = FULL_WIDTH_LETTER
    return rows


@functools.lru_cache(maxsize=1)
def _scores() -> list[float]:
    return [float(x) for x in char_scores().tolist()]


def _utf8_lead(b: int) -> tuple[int, int, int] | None:
    """For a UTF-8 lead byte: how many bytes follow it, and the range of the first of them; else None."""
    if 0xC2 <= b <= 0xDF:
        return 1, 0x80, 0xBF
    if 0xE0 <= b <= 0xEF:
        return 2, (0xA0 if b == 0xE0 else 0x80), (0x9F if b == 0xED else 0xBF)
    if 0xF0 <= b <= 0xF4:
        return 3, (0x90 if b == 0xF0 else 0x80), (0x8F if b == 0xF4 else 0xBF)
    return None


def utf8_length(data: bytes | bytearray, i: int) -> int:
    """Length of the valid UTF-8 sequence at ``data[i]`` (2 to 4), or 0 if none starts there."""
    lead = _utf8_lead(data[i])
    if lead is None:
        return 0
    need, lo, hi = lead
    if i + need >= len(data) or not lo <= data[i + 1] <= hi:
        return 0
    if any(not 0x80 <= data[i + k] <= 0xBF for k in range(2, need + 1)):
        return 0
    return need + 1


def crawled_as(data: bytes, lengths: list[int]) -> bool:
    """True if a crawler reading ``data`` would split it into characters of these byte ``lengths``.

    A byte of ``0x80`` or more taken on its own must not begin valid UTF-8,
    and a longer piece must be one valid UTF-8 sequence.
    """
    pos = 0
    for n in lengths:
        if n == 1:
            if data[pos] >= 0x80 and utf8_length(data, pos):
                return False
        elif utf8_length(data, pos) != n:
            return False
        pos += n
    return True



# -- the reading, as one kernel call per window -----------------------------------------------------

#: a state is one int: where the reading stands (``_PLAIN``, ...) plus 8, shifted past the bytes taken
#: one by one that may still begin valid UTF-8 (their count in bits 24-25, the bytes below it)
_WHERE_SHIFT = 32
_PLAIN_KEY = (_PLAIN + 8) << _WHERE_SHIFT
#: the code points below this have their own row in the tables of single bytes and signs
_TABLE_END = 0x2200
#: bits of the signs table: a pinyin letter of Latin-1, a sign seldom among mojibake
_K_PINYIN = 1
_K_SIGN = 2


@functools.lru_cache(maxsize=2)
def _pair_array(target: str) -> np.ndarray:
    return np.array(_pairs(target), dtype=np.float64)


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Character scores, the single byte of each code point below ``_TABLE_END`` (-1: none), its sign bits."""
    single = np.full(_TABLE_END, -1, dtype=np.int16)
    single[:0x100] = np.arange(0x100)
    for cp, b in _CP1252.items():
        single[cp] = b
    signs = np.zeros(_TABLE_END, dtype=np.uint8)
    signs[list(_PINYIN_LATIN1)] |= _K_PINYIN
    signs[list(_SIGNS)] |= _K_SIGN
    return char_scores().astype(np.float64), single, signs


@jit(inline="always", allocates=False)
def _lead(b: int) -> tuple[int, int, int]:
    """For a UTF-8 lead byte: how many bytes follow it and the range of the first of them; else (0, 0, 0)."""
    if 0xC2 <= b <= 0xDF:
        return 1, 0x80, 0xBF
    if 0xE0 <= b <= 0xEF:
        return 2, (0xA0 if b == 0xE0 else 0x80), (0x9F if b == 0xED else 0xBF)
    if 0xF0 <= b <= 0xF4:
        return 3, (0x90 if b == 0xF0 else 0x80), (0x8F if b == 0xF4 else 0xBF)
    return 0, 0, 0


@jit(inline="always", allocates=False)
def _after(prefix: int, d: int, length: int) -> int:
    """The bytes taken one by one that may still begin valid UTF-8 after an option of ``length`` bytes
    whose first is ``d``, as a state's low bits; -1 if the crawler would have read the prefix and ``d``
    as UTF-8 (so it did not take them one by one)."""
    if length > 1:
        return 0  # a whole UTF-8 character: a lead byte, which ends any sequence begun before it
    count = prefix >> 24
    if count:
        first = (prefix >> 16) & 0xFF
        need, lo, hi = _lead(first)
        grown = count + 1
        for k in range(1, grown):
            b = d if k == count else (prefix >> (16 - 8 * k)) & 0xFF
            if not ((lo <= b <= hi) if k == 1 else (0x80 <= b <= 0xBF)):
                need = 0
                break
        if need:
            if grown == need + 1:
                return -1
            return (grown << 24) | (prefix & 0xFFFFFF) | (d << (16 - 8 * count))
    if 0xC2 <= d <= 0xF4:
        return (1 << 24) | (d << 16)
    return 0


@jit(inline="always", allocates=False)
def _feed(
    state: int, opt: np.ndarray, length: int, pairs: np.ndarray, scores: np.ndarray, four: bool
) -> tuple[int, float, bool]:
    """Read an option's bytes in the target encoding from ``state``: (new state, log-probability, valid)."""
    total = 0.0
    for t in range(length):
        b = opt[t]
        if state == _BETWEEN:
            if b < 0x80:
                # a run holds an ASCII character only alone between others: a letter there is rare
                total += scores[b] + (LONE_LETTER if 0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A else 0.0)
            elif 0x81 <= b <= 0xFE:
                state = b
            else:
                return state, total, False
        elif state == _FOUR_2:
            if not 0x81 <= b <= 0xFE:
                return state, total, False
            state = _FOUR_3
        elif state == _FOUR_3:
            if not 0x30 <= b <= 0x39:
                return state, total, False
            total += GB_FOUR_BYTE_SCORE
            state = _BETWEEN
        elif four and 0x30 <= b <= 0x39:
            state = _FOUR_2
        else:
            if b < 0x40 or b > 0xFE:
                return state, total, False
            v = pairs[state - 0x81, b - 0x40]
            if v != v:  # NaN: no character
                return state, total, False
            total += v
            state = _BETWEEN
    return state, total, True


@jit(inline="always", allocates=False)
def _steps(
    key: int,
    opts: np.ndarray,
    lengths: np.ndarray,
    count: int,
    plain: float,
    pairs: np.ndarray,
    scores: np.ndarray,
    four: bool,
    crawler: bool,
    to: np.ndarray,
    gains: np.ndarray,
    picks: np.ndarray,
) -> int:
    """The steps for one character from state ``key`` into ``to``, ``gains``, ``picks`` (the option
    taken, -1 keeps the character); returns how many."""
    where = (key >> _WHERE_SHIFT) - 8
    prefix = key & 0xFFFFFFFF
    m = 0
    if where == _PLAIN or where == _BETWEEN:
        to[m] = _PLAIN_KEY
        gains[m] = plain
        picks[m] = -1
        m += 1
    start = _BETWEEN if where == _PLAIN else where
    entry = -SWITCH if where == _PLAIN else 0.0
    for k in range(count):
        after = _after(prefix, opts[k, 0], lengths[k]) if crawler else 0
        if after < 0:
            continue
        state, total, valid = _feed(start, opts[k], lengths[k], pairs, scores, four)
        if valid:
            to[m] = ((state + 8) << _WHERE_SHIFT) | after
            gains[m] = entry + total
            picks[m] = k
            m += 1
    return m


@jit(inline="always", allocates=False)
def _find(keys: np.ndarray, lo: int, hi: int, key: int) -> int:
    for q in range(lo, hi):
        if keys[q] == key:
            return q
    return -1


@jit
def crawler_viterbi(
    cps: np.ndarray,
    crawler: bool,
    four: bool,
    pairs: np.ndarray,
    scores: np.ndarray,
    single: np.ndarray,
    signs: np.ndarray,
    picks: np.ndarray,
    unsure: np.ndarray,
    room: int = 8,
) -> bool:
    """The choices of the best reading of ``cps`` into ``picks`` (-1 keeps a character, else its option:
    the single byte first, then the UTF-8 bytes) and the unsure characters into ``unsure``; False if no
    reading exists. See :func:`readings`.

    The work arrays are made here and the reading runs in :func:`_viterbi`, which allocates nothing (so
    its helpers pass arrays for free); it asks for more room for states, seldom, by returning -1. The
    first room is ``room`` states per character.
    """
    n = cps.size
    opts = np.zeros((n, 2, 4), dtype=np.int64)
    lengths = np.empty((n, 2), dtype=np.int64)
    counts = np.empty(n, dtype=np.int64)
    plains = np.empty(n, dtype=np.float64)
    starts = np.empty(n + 2, dtype=np.int64)
    steps = np.empty(9, dtype=np.int64)
    floats = np.empty(6, dtype=np.float64)
    room = room * (n + 1)
    while True:
        keys = np.empty(room, dtype=np.int64)
        score = np.empty(room, dtype=np.float64)
        rest = np.empty(room, dtype=np.float64)
        unsure[:] = False
        done = _viterbi(
            cps, crawler, four, pairs, scores, single, signs, picks, unsure,
            opts, lengths, counts, plains, keys, score, rest, starts, steps, floats,
        )  # fmt: skip
        if done >= 0:
            return done == 1
        room *= 2


@jit(allocates=False)
def _viterbi(
    cps: np.ndarray,
    crawler: bool,
    four: bool,
    pairs: np.ndarray,
    scores: np.ndarray,
    single: np.ndarray,
    signs: np.ndarray,
    picks: np.ndarray,
    unsure: np.ndarray,
    opts: np.ndarray,
    lengths: np.ndarray,
    counts: np.ndarray,
    plains: np.ndarray,
    keys: np.ndarray,
    score: np.ndarray,
    rest: np.ndarray,
    starts: np.ndarray,
    steps: np.ndarray,
    floats: np.ndarray,
) -> int:
    """:func:`crawler_viterbi` in the arrays it gives: 1 done, 0 no reading, -1 more room for states."""
    n = cps.size
    prev = 0  # 0: an ASCII character not a letter, 1: an ASCII letter, 2: not ASCII
    for i in range(n):
        cp = cps[i]
        c = 0
        byte = cp if cp < 0x100 else (single[cp] if cp < _TABLE_END else -1)
        if byte >= 0x30:
            opts[i, 0, 0] = byte
            lengths[i, 0] = 1
            c = 1
        if crawler and cp >= 0x80 and not 0xD800 <= cp <= 0xDFFF:
            if cp < 0x800:
                opts[i, c, 0] = 0xC0 | (cp >> 6)
                opts[i, c, 1] = 0x80 | (cp & 0x3F)
                lengths[i, c] = 2
            elif cp < 0x10000:
                opts[i, c, 0] = 0xE0 | (cp >> 12)
                opts[i, c, 1] = 0x80 | ((cp >> 6) & 0x3F)
                opts[i, c, 2] = 0x80 | (cp & 0x3F)
                lengths[i, c] = 3
            else:
                opts[i, c, 0] = 0xF0 | (cp >> 18)
                opts[i, c, 1] = 0x80 | ((cp >> 12) & 0x3F)
                opts[i, c, 2] = 0x80 | ((cp >> 6) & 0x3F)
                opts[i, c, 3] = 0x80 | (cp & 0x3F)
                lengths[i, c] = 4
            c += 1
        counts[i] = c
        plain = scores[cp] if cp < 0x10000 else ASTRAL_SCORE
        bits = signs[cp] if cp < _TABLE_END else 0
        letter = 0x41 <= cp <= 0x5A or 0x61 <= cp <= 0x7A
        if ((bits & _K_PINYIN) != 0 and prev != 1) or (bits & _K_SIGN) != 0:
            plain = LATIN1  # a pinyin letter stands after a letter; signs (·×÷) seldom among mojibake
        elif prev == 2 and letter and i + 1 < n and cps[i + 1] >= 0x80:
            plain += LONE_LETTER  # a letter alone between two other characters: more likely a trail byte
        prev = (1 if letter else 0) if cp < 0x80 else 2
        plains[i] = plain

    # a character's steps (to which state, taking which option), its choices in the order first reached
    to, took, order = steps[:3], steps[3:6], steps[6:]
    gains, through = floats[:3], floats[3:]
    # the forward pass: the states reached after each character (``starts[i]`` to ``starts[i + 1]``), in
    # the order first reached, with the best score of reaching them
    keys[0] = _PLAIN_KEY
    score[0] = 0.0
    starts[0] = 0
    starts[1] = top = 1
    for i in range(n):
        lo, hi = starts[i], starts[i + 1]
        here, sizes = opts[i], lengths[i]
        for j in range(lo, hi):
            m = _steps(keys[j], here, sizes, counts[i], plains[i], pairs, scores, four, crawler, to, gains, took)
            for s in range(m):
                v = score[j] + gains[s]
                q = _find(keys, hi, top, to[s])
                if q >= 0:
                    if v > score[q]:
                        score[q] = v
                elif v > -np.inf:
                    if top == keys.size:
                        return -1
                    keys[top] = to[s]
                    score[top] = v
                    top += 1
        if top == hi:
            return 0
        starts[i + 2] = top

    # the backward pass: the best score from each state to the end (-inf: none), and for each character
    # the best reading through each of its choices (max-marginals), which gives its margin
    rest[:top] = -np.inf
    ended = False
    for j in range(starts[n], starts[n + 1]):
        where = (keys[j] >> _WHERE_SHIFT) - 8
        if where == _PLAIN or where == _BETWEEN:
            rest[j] = 0.0
            ended = True
    if not ended:
        return 0
    for i in range(n - 1, -1, -1):
        through[:] = -np.inf
        reached = 0
        lo, hi, nxt = starts[i], starts[i + 1], starts[i + 2]
        here, sizes = opts[i], lengths[i]
        for j in range(lo, hi):
            m = _steps(keys[j], here, sizes, counts[i], plains[i], pairs, scores, four, crawler, to, gains, took)
            for s in range(m):
                q = _find(keys, hi, nxt, to[s])
                if q < 0 or rest[q] == -np.inf:
                    continue
                if gains[s] + rest[q] > rest[j]:
                    rest[j] = gains[s] + rest[q]
                v = score[j] + gains[s] + rest[q]
                k = took[s] + 1
                if v > through[k]:
                    if through[k] == -np.inf:
                        order[reached] = k
                        reached += 1
                    through[k] = v
        if reached > 1:
            # the best two choices, the first reached winning a tie
            first = order[0]
            for r in range(1, reached):
                if through[order[r]] > through[first]:
                    first = order[r]
            second = -1
            for r in range(reached):
                k = order[r]
                if k != first and (second < 0 or through[k] > through[second]):
                    second = k
            last = counts[i]  # the UTF-8 bytes' choice, plus one
            hidden = 0x80 <= cps[i] <= 0xFF and (first == last or second == last)
            unsure[i] = through[first] - through[second] < (HIDDEN_MARGIN if hidden else MARGIN)
        if i and _split(keys, score, rest, lo, hi):
            unsure[i - 1] = unsure[i] = True

    # the choices of the best reading, read from the start (a tie between choices breaks the same way)
    key = _PLAIN_KEY
    for i in range(n):
        best = -np.inf
        step, pick = _PLAIN_KEY, -1
        m = _steps(key, opts[i], lengths[i], counts[i], plains[i], pairs, scores, four, crawler, to, gains, took)
        for s in range(m):
            q = _find(keys, starts[i + 1], starts[i + 2], to[s])
            if q >= 0 and rest[q] > -np.inf and gains[s] + rest[q] > best:
                best = gains[s] + rest[q]
                step, pick = to[s], took[s]
        key = step
        picks[i] = pick
    return 1


@jit(inline="always", allocates=False)
def _split(keys: np.ndarray, score: np.ndarray, rest: np.ndarray, lo: int, hi: int) -> bool:
    """Whether two readings that split the bytes differently at this boundary are within ``MARGIN``.

    A hidden byte read one way or the other moves every pair after it until
    an ASCII byte brings both readings into step: the characters on either
    side of such a boundary are unsure, whatever their own choices. Plain
    text counts as between two characters.
    """
    best = -np.inf
    group = 0
    for j in range(lo, hi):
        if rest[j] > -np.inf and score[j] + rest[j] > best:
            best = score[j] + rest[j]
            group = _group(keys[j])
    second = -np.inf
    found = False
    for j in range(lo, hi):
        if rest[j] > -np.inf and _group(keys[j]) != group:
            found = True
            second = max(second, score[j] + rest[j])
    return found and best - second < MARGIN


@jit(inline="always", allocates=False)
def _group(key: int) -> int:
    """Where a state stands, plain text counted as between two characters."""
    where = (key >> _WHERE_SHIFT) - 8
    return _BETWEEN if where == _PLAIN else where


def _option(cp: int, pick: int, crawler: bool) -> bytes:
    """The bytes of option ``pick`` of the character ``cp`` (as :func:`crawler_viterbi` numbers them)."""
    byte = single_byte(cp)
    if byte >= 0x30:
        if pick == 0:
            return bytes((byte,))
        pick -= 1
    return chr(cp).encode("utf-8", "surrogatepass")


def readings(
    text: str, target: str, crawler: bool = True, cps: np.ndarray | None = None
) -> tuple[list[tuple[int, int, bytes, list[int]]], list[int]]:
    """Garbled stretches of ``text`` under the most probable reading, and where it is unsure.

    Each stretch is ``(start, end, bytes, byte lengths)``. The unsure
    positions are those of characters where another choice reads within
    ``MARGIN`` of the best: whether and how they were garbled is not known
    for sure. ``target`` is ``"gbk"`` (GB18030's double-byte table) or
    ``"big5"`` (Big5-HKSCS). Characters the reading keeps as they are lie
    outside every stretch. A stretch's bytes decode in the target encoding
    (each pair has a character) and the crawler would have read them as the
    stretch. ``crawler=False`` reads every character as one byte (a plain
    Latin-1/cp1252 decoding).

    The best reading comes from a forward pass; a backward pass gives, for
    every character and choice, the best reading through that choice
    (max-marginals), so the margin of each choice costs one more pass.
    ``cps``: ``text``'s code points (int64), if the caller has them.
    """
    if cps is None:
        cps = np.frombuffer(encode_utf32_le(text, "surrogatepass")[0], dtype=np.uint32).astype(np.int64)
    n = cps.size
    picks = np.empty(n, dtype=np.int64)
    unsure = np.zeros(n, dtype=np.bool_)
    scores, single, signs = _tables()
    if not crawler_viterbi(cps, crawler, target == "gbk", _pair_array(target), scores, single, signs, picks, unsure):
        return [], []
    chosen = picks.tolist()
    out: list[tuple[int, int, bytes, list[int]]] = []
    i = 0
    while i < n:
        if chosen[i] < 0:
            i += 1
            continue
        j = i
        while j < n and chosen[j] >= 0:
            j += 1
        pieces = [_option(ord(text[k]), chosen[k], crawler) for k in range(i, j)]
        data = b"".join(pieces)
        lengths = [len(p) for p in pieces]
        if not crawler or crawled_as(data, lengths):
            out.append((i, j, data, lengths))
        i = j
    return out, [k for k, doubt in enumerate(unsure.tolist()) if doubt]
