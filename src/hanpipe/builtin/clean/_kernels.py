"""Numba kernels of the clean stage: which passes could have work, runs of a character class, the
signs of mojibake, pinyin annotations after a character, byte-shifted runs, and the alignment that
edits make.

Each reads code points once and writes rows into an array the caller gives;
none looks across U+FDD0 (a batch's separator is in no table), so each works
on a batch's joined text as on the documents one by one.
"""

from __future__ import annotations

import numpy as np

from ..._jit import jit
from ..._text import SPACE
from ...batch import SEPARATOR

__all__ = [
    "classes_seen",
    "delete_runs",
    "find_annotations",
    "find_pinyin",
    "find_signs",
    "shift_candidates",
    "shift_rereads",
    "table_runs",
]

#: what stands between the documents of a batch: the scan reads it as the start of a text
C_SEPARATOR = ord(SEPARATOR)


@jit(inline="always", allocates=False)
def _ascii_letter(c: int) -> bool:
    return 0x41 <= c <= 0x5A or 0x61 <= c <= 0x7A


# -- which passes could have work (see ._work, which builds the table and names the bits) ---------

#: bits of the class table ``classes_seen`` reads (one per class of characters some pass looks for)
K_LATIN_ONLY = 1 << 0
K_PINYIN_LATIN1 = 1 << 1
K_LEAD_CONT = 1 << 2
K_CONT_LEAD = 1 << 3
K_CONT_CONT = 1 << 4
K_LOSS = 1 << 5
K_REPLACEMENT = 1 << 6
K_AMPERSAND = 1 << 7
K_LINE_END = 1 << 8
K_SPACE = 1 << 9
K_WIDE = 1 << 10
K_TONE = 1 << 11
K_PARENTHESIS = 1 << 12
K_HAN = 1 << 13
K_RARE = 1 << 14
K_SHIFT_RARE = 1 << 15
#: bits ``classes_seen`` adds for what it finds in context
K_LATIN_SIGN = 1 << 16
K_TRIPLE = 1 << 17
K_QUESTION_HAN = 1 << 18
K_SHIFT = 1 << 19


@jit(allocates=False)
def classes_seen(cps: np.ndarray, classes: np.ndarray, reach: int) -> int:
    """The bits of ``classes`` (a uint16 table of the BMP) of every code point, or-ed, with four more.

    ``K_LATIN_SIGN``: a character of class ``K_LATIN_ONLY``, or of
    ``K_PINYIN_LATIN1`` first or after anything but an ASCII letter (flag 1
    of :func:`find_signs`). ``K_TRIPLE``: a character of ``K_LEAD_CONT``, then
    ``K_CONT_LEAD``, then ``K_CONT_CONT`` (flag 2 of :func:`find_signs`).
    ``K_QUESTION_HAN``: a ``?`` next to a character of ``K_HAN``. ``K_SHIFT``: a
    character of ``K_SHIFT_RARE`` at most ``reach`` characters after a ``?`` or
    U+FFFD (where :func:`shift_candidates` begins a run). Code points beyond
    the BMP are in no class.
    """
    n = cps.shape[0]
    seen = 0
    mark = -1  # the last '?' or U+FFFD
    for i in range(n):
        c = cps[i]
        if c > 0xFFFF:
            continue
        k = int(classes[c])
        if not k:
            continue
        seen |= k
        if k & K_SHIFT_RARE and mark >= 0 and i - mark <= reach:
            seen |= K_SHIFT
        if c == 0x3F or c == 0xFFFD:
            mark = i
        if k & K_LATIN_ONLY or (k & K_PINYIN_LATIN1 and (i == 0 or not _ascii_letter(cps[i - 1]))):
            seen |= K_LATIN_SIGN
        if (
            k & K_LEAD_CONT
            and i + 2 < n
            and cps[i + 1] <= 0xFFFF
            and classes[cps[i + 1]] & K_CONT_LEAD
            and cps[i + 2] <= 0xFFFF
            and classes[cps[i + 2]] & K_CONT_CONT
        ):
            seen |= K_TRIPLE
        if c == 0x3F and (
            (i > 0 and cps[i - 1] <= 0xFFFF and classes[cps[i - 1]] & K_HAN)
            or (i + 1 < n and cps[i + 1] <= 0xFFFF and classes[cps[i + 1]] & K_HAN)
        ):
            seen |= K_QUESTION_HAN
    return seen


@jit(allocates=False)
def table_runs(cps: np.ndarray, lut: np.ndarray, out: np.ndarray) -> int:
    """``(start, end)`` rows of the maximal runs of code points that ``lut`` holds.

    ``lut`` is a table of the BMP (65,536 flags); code points beyond it are in
    no table. Writes into ``out`` (at least ``(len(cps) + 1) // 2`` rows) and
    returns how many rows.
    """
    n = cps.shape[0]
    count = 0
    i = 0
    while i < n:
        c = cps[i]
        if c > 0xFFFF or not lut[c]:
            i += 1
            continue
        j = i + 1
        while j < n and cps[j] <= 0xFFFF and lut[cps[j]]:
            j += 1
        out[count, 0] = i
        out[count, 1] = j
        count += 1
        i = j + 1  # cps[j] ends the run: not in the table
    return count


@jit(allocates=False)
def find_signs(
    cps: np.ndarray,
    lead_cont: np.ndarray,
    cont_lead: np.ndarray,
    cont_cont: np.ndarray,
    letters: np.ndarray,
    pinyin: np.ndarray,
    out: np.ndarray,
) -> int:
    """``(position, flags)`` rows where mojibake may begin, in text order.

    Flag 1: a character of ``letters`` (Latin-1 letters and signs Chinese text
    does not hold), or of ``pinyin`` (Latin-1 pinyin letters) outside a word:
    first in the text or after anything but an ASCII letter. Flag 2: the
    signature triple of UTF-8 read as GBK starts here, a character of
    ``lead_cont``, then of ``cont_lead``, then of ``cont_cont``. The tables
    are BMP tables; ``out`` needs ``len(cps)`` rows; returns how many rows.
    """
    n = cps.shape[0]
    count = 0
    for i in range(n):
        c = cps[i]
        if c > 0xFFFF:
            continue
        flags = 0
        if letters[c] or (pinyin[c] and (i == 0 or not _ascii_letter(cps[i - 1]))):
            flags = 1
        if (
            lead_cont[c]
            and i + 2 < n
            and cps[i + 1] <= 0xFFFF
            and cont_lead[cps[i + 1]]
            and cps[i + 2] <= 0xFFFF
            and cont_cont[cps[i + 2]]
        ):
            flags |= 2
        if flags:
            out[count, 0] = i
            out[count, 1] = flags
            count += 1
    return count


@jit
def find_annotations(
    cps: np.ndarray,
    child_start: np.ndarray,
    child_cp: np.ndarray,
    child_node: np.ndarray,
    final: np.ndarray,
    out: np.ndarray,
) -> int:
    """Spans of ``(syllable)`` right after a character that is not a space (``str.isspace``, the
    shared table ``hanpipe._text.SPACE``), '(' or U+FDD0 (pinyin annotations): never at the start
    of a text or of a batch's document.

    The syllables are a trie: node ``k``'s children are ``child_cp[child_start[k]:child_start[k + 1]]``
    (code points) leading to ``child_node[...]``; ``final[k]`` marks a whole syllable. Writes
    ``(start, end)`` rows into ``out`` (at least ``len(cps) // 3 + 1`` rows) and returns how many.
    """
    n = cps.shape[0]
    count = 0
    i = 1
    while i < n:
        c = int(cps[i])
        if c != 0x28 and c != 0xFF08:
            i += 1
            continue
        prev = int(cps[i - 1])
        if (prev < SPACE.shape[0] and SPACE[prev]) or prev == 0x28 or prev == 0xFF08 or prev == C_SEPARATOR:
            i += 1
            continue
        node = 0
        j = i + 1
        matched = False
        while j < n:
            d = int(cps[j])
            if d == 0x29 or d == 0xFF09:
                matched = final[node] != 0
                break
            nxt = -1
            for k in range(child_start[node], child_start[node + 1]):
                if int(child_cp[k]) == d:
                    nxt = int(child_node[k])
                    break
            if nxt < 0:
                break
            node = nxt
            j += 1
        if matched and count < out.shape[0]:
            out[count, 0] = i
            out[count, 1] = j + 1
            count += 1
            i = j + 1
        else:
            i += 1
    return count


@jit(inline="always", allocates=False)
def _is_han(c: int) -> bool:
    return 0x4E00 <= c <= 0x9FFF or 0x3400 <= c <= 0x4DBF or 0xF900 <= c <= 0xFAFF


@jit(inline="always")
def _syllable_close(
    cps: np.ndarray, j: int, child_start: np.ndarray, child_cp: np.ndarray, child_node: np.ndarray, final: np.ndarray
) -> int:
    """Where the ``)`` or ``）`` right after a whole syllable of the trie starting at ``j`` is; -1 if none."""
    n = cps.shape[0]
    node = 0
    while j < n:
        d = int(cps[j])
        if d == 0x29 or d == 0xFF09:
            return j if final[node] != 0 else -1
        nxt = -1
        for k in range(child_start[node], child_start[node + 1]):
            if int(child_cp[k]) == d:
                nxt = int(child_node[k])
                break
        if nxt < 0:
            return -1
        node = nxt
        j += 1
    return -1


@jit
def find_pinyin(
    cps: np.ndarray,
    child_start: np.ndarray,
    child_cp: np.ndarray,
    child_node: np.ndarray,
    final: np.ndarray,
    out: np.ndarray,
) -> tuple[int, int]:
    """Everything the pinyin pass removes and flags, in one pass: ``(start, end, damaged)`` rows.

    Two kinds of span, in text order:

    * an annotation, what :func:`find_annotations` finds (``(syllable)`` right
      after a character that is not a space, '(' or U+FDD0); ``damaged`` is the
      position of the character before it when that is ``?`` or U+FFFD, or is
      not Han while a Han character follows the annotation (what is left of a
      character whose bytes were lost), else -1;
    * an annotation whose ``(`` was lost: ``syllable)`` right after a ``?`` or
      U+FFFD, whose position is ``damaged``.

    Han is U+4E00-9FFF, U+3400-4DBF and U+F900-FAFF. The trie is
    :func:`find_annotations`'s. Writes the rows as the columns of ``out`` (shape
    ``(3, m)``, ``m`` at least ``len(cps) // 3 + 1``: starts, ends and damaged
    positions each contiguous) and returns (rows, rows with a damaged position).
    """
    n = cps.shape[0]
    count = 0
    flagged = 0
    i = 0
    while i < n and count < out.shape[1]:
        c = int(cps[i])
        if c == 0x3F or c == 0xFFFD:
            close = _syllable_close(cps, i + 1, child_start, child_cp, child_node, final)
            if close > i + 1:
                out[0, count] = i + 1
                out[1, count] = close + 1
                out[2, count] = i
                count += 1
                flagged += 1
                i = close + 1
                continue
        elif (c == 0x28 or c == 0xFF08) and i > 0:
            prev = int(cps[i - 1])
            if not ((prev < SPACE.shape[0] and SPACE[prev]) or prev == 0x28 or prev == 0xFF08 or prev == C_SEPARATOR):
                close = _syllable_close(cps, i + 1, child_start, child_cp, child_node, final)
                if close > i + 1:
                    damaged = -1
                    if (
                        prev == 0x3F
                        or prev == 0xFFFD
                        or (not _is_han(prev) and close + 1 < n and _is_han(int(cps[close + 1])))
                    ):
                        damaged = i - 1
                        flagged += 1
                    out[0, count] = i
                    out[1, count] = close + 1
                    out[2, count] = damaged
                    count += 1
                    i = close + 1
                    continue
        i += 1
    return count, flagged


# -- byte-shift damage (see ._byteshift, which holds the thresholds and documents them) ----------


@jit(inline="always", allocates=False)
def _is_double(double: np.ndarray, c: int) -> bool:
    return c < 0x10000 and double[c]


@jit(allocates=False)
def shift_candidates(
    cps: np.ndarray,
    double: np.ndarray,
    scores: np.ndarray,
    rare: float,
    reach: int,
    gap: int,
    tail: int,
    out: np.ndarray,
) -> int:
    """``(start, end)`` rows of the stretches of rare two-byte characters after a ``?`` or U+FFFD.

    For each mark (``?``, U+FFFD) past the last stretch: the first character
    of ``double`` scoring below ``rare`` within ``reach`` characters after it,
    then on over the run of ``double`` characters, giving up at more than
    ``gap`` others between two rare ones; kept if the run ends at most
    ``tail`` characters after its last rare one. Writes into ``out`` (at
    least ``len(cps) // 2 + 1`` rows: a mark and a character per row) and
    returns how many rows.
    """
    n = cps.shape[0]
    count = 0
    done = 0
    for mark in range(n):
        c = cps[mark]
        if (c != 0x3F and c != 0xFFFD) or mark < done:
            continue
        k = mark + 1
        stop = min(n, mark + 1 + reach)
        while k < stop:
            cp = cps[k]
            if cp == C_SEPARATOR:  # a mark reaches no further than its own text
                k = stop
                break
            if _is_double(double, cp) and scores[cp] < rare:
                break
            k += 1
        if k >= stop:
            continue
        last_rare = k
        e = k + 1
        while e < n:
            cp = cps[e]
            if not _is_double(double, cp):
                break
            if scores[cp] < rare:
                if e - last_rare - 1 > gap:
                    break
                last_rare = e
            e += 1
        done = e
        run_end = e
        while run_end < n and run_end - last_rare <= tail + 1:
            if not _is_double(double, cps[run_end]):
                break
            run_end += 1
        if run_end - last_rare - 1 <= tail and (run_end >= n or not _is_double(double, cps[run_end])):
            out[count, 0] = k
            out[count, 1] = run_end
            count += 1
            done = run_end
    return count


@jit(inline="always", allocates=False)
def _loss_before(cps: np.ndarray, start: int, reach: int) -> bool:
    """A ``?`` or U+FFFD among the ``reach`` characters before ``start``, in its own text."""
    for i in range(start - 1, max(0, start - reach) - 1, -1):
        c = cps[i]
        if c == C_SEPARATOR:
            return False
        if c == 0x3F or c == 0xFFFD:
            return True
    return False


@jit(inline="always", allocates=False)
def _span_score(cps: np.ndarray, scores: np.ndarray, start: int, stop: int) -> float:
    total = 0.0
    for i in range(start, stop):
        c = cps[i]
        total += scores[c] if c < 0x10000 else -16.0
    return total


@jit(allocates=False)
def _reread(
    cps: np.ndarray,
    double: np.ndarray,
    scores: np.ndarray,
    enc: np.ndarray,
    dec: np.ndarray,
    start: int,
    stop: int,
    very_rare: float,
    fixed: np.ndarray,
    at: int,
    stats: np.ndarray,
) -> int:
    """``cps[start:stop]`` as GBK bytes, re-read from the second byte on, two bytes a character.

    Returns how many characters the re-read makes (0: the bytes do not re-read
    so), writing them at ``fixed[at:]`` when ``at >= 0``. ``stats`` gets the
    sum of their scores, whether a lone byte is left at the end (1.0, a lost
    character's lead byte) and how many score below ``very_rare``.
    """
    skipped = False
    pending = -1
    made = 0
    total = 0.0
    very = 0
    for i in range(start, stop):
        c = np.int64(cps[i])
        if c < 0x80:
            code = c  # one byte
            width = 1
        elif _is_double(double, c):
            code = np.int64(enc[c])  # lead << 8 | trail
            width = 2
        else:
            return 0  # GBK cannot encode it
        for j in range(width):
            b = (code >> (8 * (width - 1 - j))) & 0xFF
            if not skipped:
                skipped = True
            elif pending < 0:
                pending = b
            else:
                d = np.int64(dec[pending * 256 + b])
                if d == 0:
                    return 0  # not a character of two bytes: out of step, or no character at all
                total += scores[d]
                if scores[d] < very_rare:
                    very += 1
                if at >= 0:
                    fixed[at + made] = d
                made += 1
                pending = -1
    stats[0] = total
    stats[1] = 1.0 if pending >= 0 else 0.0
    stats[2] = very
    return made


@jit(allocates=False)
def shift_rereads(
    cps: np.ndarray,
    double: np.ndarray,
    scores: np.ndarray,
    enc: np.ndarray,
    dec: np.ndarray,
    runs: np.ndarray,
    nruns: int,
    look_back: int,
    loss_reach: int,
    margin: float,
    min_gain: float,
    min_gain_per_char: float,
    min_mean: float,
    single_gain: float,
    rare_share: int,
    very_rare: float,
    tried: np.ndarray,
    stats: np.ndarray,
    rows: np.ndarray,
    fixed: np.ndarray,
) -> int:
    """The candidate ``runs`` (rows of :func:`shift_candidates`) that read much better one byte on.

    ``enc`` gives a two-byte GBK character's bytes (lead << 8 | trail), ``dec``
    the character of two bytes (``lead * 256 + trail``; 0 for none). Each run
    is tried from up to ``look_back`` characters before its first rare one,
    scored over the same span, the best start kept (the later on a tie); the
    thresholds are :mod:`._byteshift`'s. Writes rows ``(start, stop, head,
    first fixed, end of fixed, dangling)`` into ``rows`` (``nruns`` rows) and
    the re-read characters into ``fixed``; ``tried`` (``look_back + 1``
    floats) and ``stats`` (3 floats) are work space. Returns how many rows.
    """
    n = cps.shape[0]
    count = 0
    used = 0
    last = 0
    for r in range(nruns):
        first = runs[r, 0]
        end = runs[r, 1]
        stop = end + 1 if end < n and 0x40 <= cps[end] <= 0x7E else end
        base = first
        while base > max(last, first - look_back) and _is_double(double, cps[base - 1]):
            base -= 1
        if not _loss_before(cps, first, loss_reach + first - base):
            continue
        best = -1
        best_total = 0.0
        for start in range(base, first + 1):
            tried[start - base] = -np.inf
            made = _reread(cps, double, scores, enc, dec, start, stop, very_rare, fixed, -1, stats)
            if made == 0:
                continue
            total = _span_score(cps, scores, base, start) + stats[0]
            tried[start - base] = total
            if best < 0 or total >= best_total:
                best = start
                best_total = total
        if best < 0:
            continue
        start = best
        made = _reread(cps, double, scores, enc, dec, start, stop, very_rare, fixed, used, stats)
        fixed_score = stats[0]
        gain = fixed_score - _span_score(cps, scores, start, stop)
        head = start
        for s in range(base, first + 1):
            if tried[s - base] >= best_total - margin:
                head = s
                break
        if gain < min_gain or gain < min_gain_per_char * made or fixed_score / made < min_mean:
            continue
        if (made == 1 and gain < single_gain) or not _loss_before(cps, head, loss_reach):
            continue
        if stats[2] * rare_share > made:
            continue  # a reading with that many very rare characters is no better a text
        if head > 0 and cps[head - 1] == 0x3F:
            head -= 1
        rows[count, 0] = start
        rows[count, 1] = stop
        rows[count, 2] = head
        rows[count, 3] = used
        rows[count, 4] = used + made
        rows[count, 5] = 1 if stats[1] > 0.0 else 0
        count += 1
        used += made
        last = stop
    return count


# -- alignments of edits --------------------------------------------------------


@jit(allocates=False)
def delete_runs(cps: np.ndarray, starts: np.ndarray, ends: np.ndarray, kept: np.ndarray, out: np.ndarray) -> int:
    """``cps`` without the sorted, non-overlapping spans ``[starts, ends)``, and the alignment of the result.

    Writes the kept code points into ``kept`` and the alignment (what
    :func:`edit_alignment` makes of the deletions) into ``out`` (shape
    ``(2, m + 1)`` for ``m`` kept code points); returns ``m``. An ``out`` of
    no columns asks for the kept code points alone.
    """
    n = cps.shape[0]
    count = starts.shape[0]
    aligned = out.shape[1] > 0
    pos = 0
    old = 0
    for i in range(count + 1):
        s = starts[i] if i < count else n
        for j in range(old, s):
            kept[pos] = cps[j]
            if aligned:
                out[0, pos] = j
                out[1, pos] = j
            pos += 1
        if i < count:
            old = ends[i]
    if not aligned:
        return pos
    out[0, pos] = n
    out[1, pos] = n
    at = 0
    old = 0
    last = -1
    for i in range(count):
        at += starts[i] - old
        old = ends[i]
        if at != last:
            out[0, at] = starts[i]
        last = at
    return pos
