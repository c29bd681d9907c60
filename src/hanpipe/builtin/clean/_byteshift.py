"""Byte-shift damage: GBK text decoded one byte out of step after a lost byte.

When a byte of a GBK page is lost (or one too many is read), the decoder
pairs each trail byte with the next character's lead byte: ``深入到各行各業``
(``CB EE C8 EB B5 BD B8 F7 D0 D0 B8 F7 98 49``) with the trail byte ``E9``
of a lost character before it reads ``樗钊氲礁餍懈鳂I`` — rare characters,
until an ASCII byte (here ``49``, the trail of ``業``, read as ``I``) brings
it back into step. Re-reading the run's bytes without its first byte gives
the text back, but for the lost character.

Where to look: the ends of runs of characters that GBK encodes in two
bytes (with one ASCII character after them that may be a trail byte) made
of characters that are rare under the character model
(:mod:`hanpipe._charmodel`); numpy finds them in one pass over a text
(:func:`candidate_runs`), so a good text costs a few array operations.
A run is re-read only if the shifted reading is much more probable:
``MIN_GAIN`` in all and ``MIN_GAIN_PER_CHAR`` a character, its characters
``MIN_MEAN`` on average, few of them very rare, and only after a mark of
the loss (``?`` or U+FFFD, ``LOSS_REACH``). Each run is encoded and
decoded at most ``LOOK_BACK + 1`` times, from starts a few characters
apart: linear time.

Lost characters: the one whose trail byte begins the run (with a ``?``
before the run, which stands for its lead byte), and, where the run ends
without the ASCII character that brings it into step, the one whose lead
byte ends it. Both are reported as spans of the run to flag as damaged;
nothing is invented for them. A re-read character that is itself rare
most likely holds a byte that was changed as well: it is flagged too.
"""

from __future__ import annotations

import functools

import numpy as np

from ..._charmodel import char_scores
from ..._text import table

__all__ = ["Shift", "shifted_runs"]

#: a character this improbable or less is rare
RARE = -9.0
#: starts of the damage whose readings are within this of the best are as likely (log-probability)
MARGIN = 4.0
#: at most one re-read character in this many may be very rare
RARE_SHARE = 4
VERY_RARE = -11.0
#: a re-read character less probable than this is flagged: a byte changed besides the one lost, maybe
DOUBTFUL = -10.0
#: what a full-width letter, digit or sign counts (the model's class score is that of punctuation)
FULL_WIDTH = -12.0
#: a re-read run is this much more probable in all (log-probability)
MIN_GAIN = 10.0
#: and by this much per character of the re-read text
MIN_GAIN_PER_CHAR = 2.5
#: and its characters are this probable on average
MIN_MEAN = -9.5
#: a run re-read as one character (two garbled characters) needs this gain: two rare characters
#: (删除, 乇涞) re-read as some common one by chance more often than longer runs
SINGLE_GAIN = 18.0
#: a run is re-read only with a ``?`` or U+FFFD (where a decoder met the lost byte) this many
#: characters before it at most: rare characters in a row are what text of rare characters is made
#: of too, and some of them re-read as common ones by chance
LOSS_REACH = 6
#: the fewest rare characters a run looked at holds
MIN_RUN = 1
#: the damage may begin this many characters before the first rare one
LOOK_BACK = 2
#: and end this many after the last one (common characters made by chance), as may a gap inside
TAIL = 3
GAP = 2


class Shift:
    """One run re-read: ``text[start:end]`` becomes ``fixed``; ``lost`` are spans to flag as damaged."""

    __slots__ = ("end", "fixed", "lost", "start")

    def __init__(self, start: int, end: int, fixed: str, lost: list[tuple[int, int]]) -> None:
        self.start = start
        self.end = end
        self.fixed = fixed
        self.lost = lost

    def pieces(self) -> list[tuple[int, int, str]]:
        """``(start, end, replacement)``: each re-read character in place of the garbled one holding its lead byte.

        The garbled characters after the last one (the ASCII trail byte, or
        the character holding a lost character's lead byte) go with it.
        """
        n = len(self.fixed)
        out = [(self.start + k, self.start + k + 1, self.fixed[k]) for k in range(n - 1)]
        out.append((self.start + n - 1, self.end, self.fixed[n - 1]))
        return out


@functools.lru_cache(maxsize=1)
def _double() -> np.ndarray:
    """A table of the BMP: the characters GBK encodes in two bytes."""
    chars = []
    for lead in range(0x81, 0xFF):
        for trail in (*range(0x40, 0x7F), *range(0x80, 0xFF)):
            try:
                chars.append(bytes((lead, trail)).decode("gbk"))
            except UnicodeDecodeError:
                continue
    return table(chars)


@functools.lru_cache(maxsize=1)
def _scores() -> np.ndarray:
    """The character model's scores, full-width ASCII but Chinese punctuation counted rare: GBK text seldom has it."""
    scores = char_scores().astype(np.float64)
    for cp in range(0xFF01, 0xFF5F):
        if chr(cp) not in "，：；？！（）％～":
            scores[cp] = min(scores[cp], FULL_WIDTH)
    return scores


def _score(text: str) -> float:
    scores = _scores()
    return float(sum(scores[ord(ch)] if ord(ch) < 0x10000 else -16.0 for ch in text))


def candidate_runs(text: str) -> list[tuple[int, int]]:
    """``(start, end)``: stretches of rare two-byte GBK characters soon after a mark of a lost byte.

    A shifted decoder stays out of step to the end of a run of two-byte
    characters (an ASCII byte brings it back), so damage is the end of a
    run: rare characters (below ``RARE``), with at most ``GAP`` others
    between two of them (common ones made by chance), ending at most
    ``TAIL`` characters before the run does, the first of them at most
    ``LOSS_REACH + LOOK_BACK`` characters after a ``?`` or U+FFFD. The
    marks are found by ``str.find``; each run is read once from the first
    mark before it, so the scan is linear, and a text without a mark costs
    two searches.
    """
    double = _double()
    scores = _scores()
    n = len(text)
    out: list[tuple[int, int]] = []
    done = 0
    for mark in _marks(text):
        if mark < done:
            continue
        # the first rare two-byte character in reach
        k = mark + 1
        stop = min(n, mark + 1 + LOSS_REACH + LOOK_BACK)
        while k < stop:
            cp = ord(text[k])
            if cp < 0x10000 and double[cp] and scores[cp] < RARE:
                break
            k += 1
        else:
            continue
        # on to the end of its run: note the last rare character, give up at a gap too wide
        last_rare = k
        e = k + 1
        while e < n:
            cp = ord(text[e])
            if not (cp < 0x10000 and double[cp]):
                break
            if scores[cp] < RARE:
                if e - last_rare - 1 > GAP:
                    break
                last_rare = e
            e += 1
        done = e
        # the run ends within TAIL of the last rare character (it did not stop at a wide gap)
        run_end = e
        while run_end < n and run_end - last_rare <= TAIL + 1:
            cp = ord(text[run_end])
            if not (cp < 0x10000 and double[cp]):
                break
            run_end += 1
        if run_end - last_rare - 1 <= TAIL and (run_end >= n or not _is_double(text[run_end])):
            out.append((k, run_end))
            done = run_end
    return out


def _is_double(ch: str) -> bool:
    return ord(ch) < 0x10000 and bool(_double()[ord(ch)])


def _marks(text: str) -> list[int]:
    """Positions of ``?`` and U+FFFD in ``text``, in order."""
    found: list[int] = []
    for mark in ("?", "\ufffd"):
        at = text.find(mark)
        while at >= 0:
            found.append(at)
            at = text.find(mark, at + 1)
    found.sort()
    return found


def _loss_before(text: str, start: int, reach: int = LOSS_REACH) -> bool:
    """A ``?`` or U+FFFD at most ``reach`` characters before ``start``: where a decoder met the lost byte."""
    before = text[max(0, start - reach) : start]
    return "?" in before or "\ufffd" in before


def _reread(text: str, start: int, stop: int) -> tuple[str, bool] | None:
    """``text[start:stop]`` re-read one byte on: (text, whether a lost character's lead byte ends it)."""
    try:
        raw = text[start:stop].encode("gbk")
    except UnicodeEncodeError:
        return None
    body = raw[1:]
    dangling = len(body) % 2 == 1
    if dangling:
        body = body[:-1]
    try:
        fixed = body.decode("gbk")
    except UnicodeDecodeError:
        return None
    if not fixed or len(fixed) * 2 != len(body):
        return None  # out of step throughout: every re-read character has two bytes
    return fixed, dangling


def shifted_runs(text: str) -> list[Shift]:
    """The runs of ``text`` that read much better one byte shifted, re-read.

    The damage may begin up to ``LOOK_BACK`` characters before the first
    rare character (a shifted pair can be a common character by chance):
    each of those starts is tried, scored over the same span, the best kept.
    """
    found: list[Shift] = []
    double = _double()
    last = 0
    for first, end in candidate_runs(text):
        tail = text[end : end + 1]
        stop = end + 1 if tail and "\x40" <= tail <= "\x7e" else end
        base = first  # back over at most LOOK_BACK characters of the same run
        while base > max(last, first - LOOK_BACK) and ord(text[base - 1]) < 0x10000 and double[ord(text[base - 1])]:
            base -= 1
        if not _loss_before(text, first, LOSS_REACH + first - base):
            continue  # no mark of the loss before any start that could be tried
        tried: list[tuple[float, int, str, bool]] = []
        for start in range(base, first + 1):
            read = _reread(text, start, stop)
            if read is not None:  # scored over the same span: what lies before ``start`` is kept
                tried.append((_score(text[base:start]) + _score(read[0]), start, *read))
        if not tried:
            continue
        total, start, fixed, dangling = max(tried)
        gain = _score(fixed) - _score(text[start:stop])
        # another start that reads almost as well: where the damage begins is not sure
        head = min(t[1] for t in tried if t[0] >= total - MARGIN)
        if gain < MIN_GAIN or gain < MIN_GAIN_PER_CHAR * len(fixed) or _score(fixed) / len(fixed) < MIN_MEAN:
            continue
        if (len(fixed) == 1 and gain < SINGLE_GAIN) or not _loss_before(text, head):
            continue
        if sum(1 for ch in fixed if _score(ch) < VERY_RARE) * RARE_SHARE > len(fixed):
            continue  # a reading with that many very rare characters is no better a text
        head = head - 1 if head and text[head - 1] == "?" else head
        lost = [(head, start + 1)]
        lost += [(start + k, start + k + 1) for k, ch in enumerate(fixed) if k and _score(ch) < DOUBTFUL]
        if dangling:  # with the replacement character a decoder may have put for the lost trail byte
            lost.append((stop - 1, stop + 1 if text[stop : stop + 1] == "\ufffd" else stop))
        found.append(Shift(start, stop, fixed, lost))
        last = stop
    return found
