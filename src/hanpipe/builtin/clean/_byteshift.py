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
(:mod:`hanpipe._charmodel`); a kernel finds them in one pass over a
text's code points (:func:`candidate_runs`), and a text without a ``?`` or
U+FFFD is not looked at. A run is re-read only if the shifted reading is much more probable:
``MIN_GAIN`` in all and ``MIN_GAIN_PER_CHAR`` a character, its characters
``MIN_MEAN`` on average, few of them very rare, and only after a mark of
the loss (``?`` or U+FFFD, ``LOSS_REACH``). Each run is encoded and
decoded at most ``LOOK_BACK + 2`` times, from starts a few characters
apart, by a second kernel (:func:`._kernels.shift_rereads`, GBK as two
tables): linear time.

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
from ..._text import code_points, from_code_points, table
from ._kernels import shift_candidates, shift_rereads

__all__ = ["Shift", "candidate_runs", "rare_doubles", "run_rows", "shifted_runs"]

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


@functools.lru_cache(maxsize=1)
def _codec() -> tuple[np.ndarray, np.ndarray]:
    """GBK for the kernels: the two bytes of each two-byte character (``lead << 8 | trail``, a table of
    the BMP) and the character of each two bytes (``lead * 256 + trail``; 0 where there is none)."""
    enc = np.zeros(0x10000, dtype=np.uint16)
    dec = np.zeros(0x10000, dtype=np.uint32)
    for lead in range(0x81, 0xFF):
        for trail in range(0x100):
            try:
                ch = bytes((lead, trail)).decode("gbk")
            except UnicodeDecodeError:
                continue
            dec[lead * 256 + trail] = ord(ch)
    for cp in np.flatnonzero(_double()).tolist():
        code = chr(cp).encode("gbk")
        enc[cp] = code[0] << 8 | code[1]
    return enc, dec


def rare_doubles() -> np.ndarray:
    """A table of the BMP: the two-byte GBK characters rarer than ``RARE``, one of which begins every
    stretch :func:`candidate_runs` finds."""
    return _double() & (_scores() < RARE)


_NO_RUNS = np.zeros((0, 2), dtype=np.int64)


def _runs(cps: np.ndarray) -> np.ndarray:
    """:func:`candidate_runs` of code points, as ``(start, end)`` rows."""
    out = np.empty((len(cps) // 2 + 1, 2), dtype=np.int64)
    count = shift_candidates(cps, _double(), _scores(), RARE, LOSS_REACH + LOOK_BACK, GAP, TAIL, out)
    return out[:count]


def candidate_runs(text: str, cps: np.ndarray | None = None) -> list[tuple[int, int]]:
    """``(start, end)``: stretches of rare two-byte GBK characters soon after a mark of a lost byte.

    A shifted decoder stays out of step to the end of a run of two-byte
    characters (an ASCII byte brings it back), so damage is the end of a
    run: rare characters (below ``RARE``), with at most ``GAP`` others
    between two of them (common ones made by chance), ending at most
    ``TAIL`` characters before the run does, the first of them at most
    ``LOSS_REACH + LOOK_BACK`` characters after a ``?`` or U+FFFD. One
    kernel pass over the code points (``cps``, the text's if given) finds
    them; each run is read once, from the first mark before it.
    """
    return [(a, b) for a, b in run_rows(text, cps).tolist()]


def run_rows(text: str, cps: np.ndarray | None = None) -> np.ndarray:
    """:func:`candidate_runs` as ``(start, end)`` rows of an int64 array."""
    if "?" not in text and "\ufffd" not in text:
        return _NO_RUNS
    return _runs(code_points(text) if cps is None else cps)


def shifted_runs(text: str, cps: np.ndarray | None = None, runs: np.ndarray | None = None) -> list[Shift]:
    """The runs of ``text`` that read much better one byte shifted, re-read.

    ``cps`` are the text's code points, and ``runs`` its candidate runs
    (:func:`run_rows`), if the caller has them. The damage
    may begin up to ``LOOK_BACK`` characters before the first rare
    character (a shifted pair can be a common character by chance): each
    of those starts is tried, scored over the same span, the best kept
    (the later of two that score the same).
    """
    if "?" not in text and "\ufffd" not in text:
        return []  # no mark of a lost byte: nothing is re-read
    if cps is None:
        cps = code_points(text)
    if runs is None:
        runs = _runs(cps)
    if not len(runs):
        return []
    enc, dec = _codec()
    rows = np.empty((len(runs), 6), dtype=np.int64)
    room = int((runs[:, 1] - runs[:, 0]).sum()) + len(runs) * (LOOK_BACK + 1)
    fixed = np.empty(room, dtype=np.uint32)
    count = shift_rereads(
        cps, _double(), _scores(), enc, dec, runs, len(runs), LOOK_BACK, LOSS_REACH, MARGIN, MIN_GAIN,
        MIN_GAIN_PER_CHAR, MIN_MEAN, SINGLE_GAIN, RARE_SHARE, VERY_RARE,
        np.empty(LOOK_BACK + 1), np.empty(3), rows, fixed,
    )  # fmt: skip
    if not count:
        return []
    doubtful = (_scores()[fixed[: int(rows[count - 1, 4])]] < DOUBTFUL).tolist()
    found: list[Shift] = []
    for start, stop, head, a, b, dangling in rows[:count].tolist():
        # the lost character, the re-read ones that are themselves rare (a byte changed besides the one lost),
        # and where a lost character's lead byte ends the run, it with a decoder's replacement character
        lost = [(head, start + 1)]
        lost += [(start + k, start + k + 1) for k in range(1, b - a) if doubtful[a + k]]
        if dangling:
            lost.append((stop - 1, stop + 1 if text[stop : stop + 1] == "\ufffd" else stop))
        found.append(Shift(start, stop, from_code_points(fixed[a:b]), lost))
    return found
