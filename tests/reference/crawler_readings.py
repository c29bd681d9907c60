"""The crawler reading of :mod:`hanpipe.builtin.clean._mixed` as plain Python, with a dict of states
per character: the reference its kernel is tested against (jitted and as ``py_func``)."""

from __future__ import annotations

import math
from collections.abc import Callable

from hanpipe._charmodel import ASTRAL_SCORE, GB_FOUR_BYTE_SCORE, LATIN1
from hanpipe.builtin.clean._mixed import (
    _PINYIN_LATIN1,
    _SIGNS,
    HIDDEN_MARGIN,
    LONE_LETTER,
    MARGIN,
    SWITCH,
    _pairs,
    _scores,
    _utf8_lead,
    crawled_as,
    single_byte,
)

_PLAIN = -2
_BETWEEN = -1
_FOUR_2 = -3
_FOUR_3 = -4


def _feed(
    state: int, data: bytes, pairs: list[list[float]], scores: list[float], four: bool
) -> tuple[int, float] | None:
    """Read ``data`` in the target encoding from ``state``: (new state, log-probability), None if invalid.

    ``four``: GB18030 four-byte sequences (lead, digit, lead, digit) are read too.
    """
    total = 0.0
    for b in data:
        if state == _BETWEEN:
            if b < 0x80:
                # a run holds an ASCII character only alone between others: a letter there is rare
                total += scores[b] + (LONE_LETTER if 0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A else 0.0)
            elif 0x81 <= b <= 0xFE:
                state = b
            else:
                return None
        elif state == _FOUR_2:
            if not 0x81 <= b <= 0xFE:
                return None
            state = _FOUR_3
        elif state == _FOUR_3:
            if not 0x30 <= b <= 0x39:
                return None
            total += GB_FOUR_BYTE_SCORE
            state = _BETWEEN
        elif four and 0x30 <= b <= 0x39:
            state = _FOUR_2
        else:
            if b < 0x40 or b > 0xFE:
                return None
            v = pairs[state - 0x81][b - 0x40]
            if v != v:  # NaN: no character
                return None
            total += v
            state = _BETWEEN
    return state, total


def _prefix_state(prefix: bytes) -> int:
    """0: ``prefix`` begins no valid UTF-8 sequence; 1: it begins one; 2: it is one."""
    lead = _utf8_lead(prefix[0])
    if lead is None:
        return 0
    need, lo, hi = lead
    for k in range(1, len(prefix)):
        if not ((lo <= prefix[k] <= hi) if k == 1 else (0x80 <= prefix[k] <= 0xBF)):
            return 0
    return 2 if len(prefix) == need + 1 else 1


def _after(prefix: bytes, data: bytes) -> bytes | None:
    """The bytes taken one by one that may still begin valid UTF-8 after ``data``; None if the crawler
    would have read ``prefix + data`` as UTF-8 (so it did not take those bytes one by one)."""
    if len(data) > 1:
        return b""  # a whole UTF-8 character: a lead byte, which ends any sequence begun before it
    if prefix:
        grown = prefix + data
        state = _prefix_state(grown)
        if state == 2:
            return None
        if state == 1:
            return grown
    return data if data[0] >= 0x80 and _prefix_state(data) == 1 else b""


_State = tuple[int, bytes]


def _steps(
    state: _State,
    opts: list[bytes],
    plain: float,
    pairs: list[list[float]],
    scores: list[float],
    four: bool,
    crawler: bool,
) -> list[tuple[_State, float, int]]:
    """``(new state, log-probability, option)`` for one character from ``state``; option -1 keeps it.

    A state is the target encoding's (plain text, between two characters,
    after a lead byte ``x``, inside a four-byte sequence) and the bytes
    taken one by one that may still begin valid UTF-8 (``crawler`` only).
    """
    where, prefix = state
    out: list[tuple[_State, float, int]] = []
    if where in (_PLAIN, _BETWEEN):
        out.append(((_PLAIN, b""), plain, -1))
    start = _BETWEEN if where == _PLAIN else where
    entry = -SWITCH if where == _PLAIN else 0.0
    for k, data in enumerate(opts):
        after = _after(prefix, data) if crawler else b""
        if after is None:
            continue
        fed = _feed(start, data, pairs, scores, four)
        if fed is not None:
            out.append(((fed[0], after), entry + fed[1], k))
    return out


def readings_reference(
    text: str, target: str, crawler: bool = True
) -> tuple[list[tuple[int, int, bytes, list[int]]], list[int]]:
    """Garbled stretches of ``text`` under the most probable reading, and where it is unsure.

    Each stretch is ``(start, end, bytes, byte lengths)``. The unsure
    positions are those of characters where another choice reads within
    ``MARGIN`` of the best: whether and how they were garbled is not known
    for sure. ``target``
    is ``"gbk"`` (GB18030's double-byte table) or ``"big5"`` (Big5-HKSCS).
    Characters the reading keeps as they are lie outside every stretch. A
    stretch's bytes decode in the target encoding (each pair has a
    character) and the crawler would have read them as the stretch.

    The best reading comes from a forward pass; a backward pass gives, for
    every character and choice, the best reading through that choice
    (max-marginals), so the margin of each choice costs one more pass.
    """
    pairs = _pairs(target)
    scores = _scores()
    four = target == "gbk"
    n = len(text)
    options: list[list[bytes]] = []
    plains: list[float] = []
    prev_letter: bool | None = False  # None: the previous character is not ASCII
    for idx, ch in enumerate(text):
        cp = ord(ch)
        opts: list[bytes] = []
        single = single_byte(cp)
        if single >= 0x30:
            opts.append(bytes((single,)))
        if crawler and cp >= 0x80 and not 0xD800 <= cp <= 0xDFFF:
            opts.append(ch.encode("utf-8"))
        options.append(opts)
        plain = scores[cp] if cp < 0x10000 else ASTRAL_SCORE
        if (cp in _PINYIN_LATIN1 and not prev_letter) or cp in _SIGNS:
            plain = LATIN1  # a pinyin letter stands after a letter; signs (·×÷) seldom among mojibake
        elif prev_letter is None and ch.isascii() and ch.isalpha() and idx + 1 < n and not text[idx + 1].isascii():
            plain += LONE_LETTER  # a letter alone between two other characters: more likely a trail byte
        prev_letter = ch.isascii() and ch.isalpha() if ch.isascii() else None
        plains.append(plain)
    forward: list[dict[_State, float]] = [{(_PLAIN, b""): 0.0}]
    # the steps from each state the forward pass reaches, kept for the backward pass and the best path
    moves: list[dict[_State, list[tuple[_State, float, int]]]] = []
    for i in range(n):
        new: dict[_State, float] = {}
        here_moves: dict[_State, list[tuple[_State, float, int]]] = {}
        for state, score in forward[i].items():
            here_moves[state] = steps = _steps(state, options[i], plains[i], pairs, scores, four, crawler)
            for to, gained, _ in steps:
                if score + gained > new.get(to, -math.inf):
                    new[to] = score + gained
        if not new:
            return [], []
        forward.append(new)
        moves.append(here_moves)
    backward: list[dict[_State, float]] = [{}] * (n + 1)
    backward[n] = {s: 0.0 for s in forward[n] if s[0] in (_PLAIN, _BETWEEN)}
    if not backward[n]:
        return [], []
    unsure: list[bool] = [False] * n
    for i in range(n - 1, -1, -1):
        here: dict[_State, float] = {}
        through: dict[int, float] = {}  # option -> best total through it
        after = backward[i + 1]
        steps_from = moves[i]
        for state, score in forward[i].items():
            for to, gained, k in steps_from[state]:
                rest = after.get(to)
                if rest is None:
                    continue
                if gained + rest > here.get(state, -math.inf):
                    here[state] = gained + rest
                if score + gained + rest > through.get(k, -math.inf):
                    through[k] = score + gained + rest
        backward[i] = here
        ranked = sorted(through, key=lambda k: through[k], reverse=True)
        if len(ranked) > 1:
            margin = through[ranked[0]] - through[ranked[1]]
            hidden = 0x80 <= ord(text[i]) <= 0xFF and (
                ranked[0] == len(options[i]) - 1 or ranked[1] == len(options[i]) - 1
            )
            unsure[i] = margin < (HIDDEN_MARGIN if hidden else MARGIN)
        if i and _split_unsure(forward[i], here):
            unsure[i - 1] = unsure[i] = True
    # the choices of the best reading, read from the start (a tie between choices breaks the same way)
    picks = _best_path(
        moves, backward, lambda i, state: _steps(state, options[i], plains[i], pairs, scores, four, crawler)
    )
    out: list[tuple[int, int, bytes, list[int]]] = []
    i = 0
    while i < n:
        if picks[i] < 0:
            i += 1
            continue
        j = i
        while j < n and picks[j] >= 0:
            j += 1
        pieces = [options[k][picks[k]] for k in range(i, j)]
        data = b"".join(pieces)
        lengths = [len(p) for p in pieces]
        if not crawler or crawled_as(data, lengths):
            out.append((i, j, data, lengths))
        i = j
    return out, [k for k in range(n) if unsure[k]]


def _split_unsure(forward: dict[_State, float], backward: dict[_State, float]) -> bool:
    """Whether two readings that split the bytes differently at this boundary are within ``MARGIN``.

    A hidden byte read one way or the other moves every pair after it until
    an ASCII byte brings both readings into step: the characters on either
    side of such a boundary are unsure, whatever their own choices.
    """
    best: dict[int, float] = {}
    for state, score in forward.items():
        rest = backward.get(state)
        if rest is not None:
            where = _BETWEEN if state[0] == _PLAIN else state[0]
            best[where] = max(best.get(where, -math.inf), score + rest)
    if len(best) < 2:
        return False
    top = sorted(best.values(), reverse=True)
    return top[0] - top[1] < MARGIN


def _best_path(
    moves: list[dict[_State, list[tuple[_State, float, int]]]],
    backward: list[dict[_State, float]],
    more: Callable[[int, _State], list[tuple[_State, float, int]]],
) -> list[int]:
    """The choice for each character along one best reading, followed from the start.

    ``moves[i]`` holds the steps (:func:`_steps`) from each state the forward pass reached at ``i``;
    ``more(i, state)`` makes them for another state.
    """
    state: _State = (_PLAIN, b"")
    picks: list[int] = []
    for i in range(len(moves)):
        best = -math.inf
        step: tuple[_State, int] = ((_PLAIN, b""), -1)
        steps = moves[i].get(state)
        for to, gained, k in more(i, state) if steps is None else steps:
            rest = backward[i + 1].get(to)
            if rest is not None and gained + rest > best:
                best = gained + rest
                step = (to, k)
        state, k = step
        picks.append(k)
    return picks
