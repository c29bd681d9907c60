"""Cleaner ``mojibake``: undo a wrong decoding, only where the undo is lossless.

Kinds repaired (``Edit.reason`` names the kind):

* ``utf8-as-gbk``: UTF-8 bytes decoded as GBK / GB18030 / cp936 (``鍩虹``,
  ``锟斤拷`` — the latter is two U+FFFD and is restored as such, to be flagged
  as damaged);
* ``utf8-as-latin1``: UTF-8 decoded as Latin-1 or cp1252 (``å¤§æ¨¡åž‹``);
* ``gbk-as-latin1`` / ``big5-as-latin1``: GB18030 or Big5 bytes decoded as
  Latin-1 or cp1252 (``´óÄ£ÐÍ``), also by a crawler that read the bytes as
  UTF-8 wherever they happened to be valid (``´óģÐÍ``, :mod:`._mixed`):
  characters whose bytes the reading is unsure of, and stretches of a text of
  that kind that no reading restores, are flagged in ``meta["damaged"]``;
* ``gbk-byte-shift``: GBK text decoded one byte out of step after a lost
  byte (``樗钊氲礁`` for ``深入到各``, :mod:`._byteshift`); the lost
  characters are flagged in ``meta["damaged"]``.

A candidate is a run of characters that could be such mis-decoded bytes. It
is re-encoded the way it was mis-decoded and decoded strictly the right way;
any error means no repair. A repair is made only where the result is much more
probable than the run under the character model of
:mod:`hanpipe._charmodel` (common Han characters instead of rare ones or
Latin letters). Once a text holds evidence of one kind (at least
``DOC_EVIDENCE`` Han characters restored by confident repairs), runs too short
or too plain to be confident about are repaired as that kind when the result
gains ``WEAK_GAIN`` — or any gain, if at least half of the candidate
characters were already repaired as that kind (a whole garbled text).

Where to look: UTF-8 read as GBK always holds a signature triple of
characters (see :func:`._classes.gbk_classes`); Latin-1 readings are looked for only
if the text has a Latin-1 letter that Chinese text would not hold by itself.
One kernel pass (``find_signs``) finds both, in a text whose class scan
(:mod:`._work`) says one is there; in a text without either, the pass looks
only for byte-shifted runs, and only if the scan saw a rare two-byte
character soon after a ``?`` or U+FFFD.

Each repair is split at the points where the mis-decoded and the restored
characters share a byte boundary, so every restored character is aligned to
exactly the garbled characters that carried its bytes. Linear time: every
candidate is decoded once, in windows that do not overlap.

The batch form looks for both signs once over a batch's joined text (a
Latin-1 letter, a signature triple that reads better as UTF-8; U+FDD0
between the documents is in no table and is not an ASCII letter, as at the
start of a text) and runs the per-document pass on the documents that show
one: which readings are taken depends on evidence gathered over the whole
document. A document without either sign has no candidate, so it comes
back unchanged.
"""

from __future__ import annotations

import functools
import re

import numpy as np

from ..._align import alignment_of_edits
from ..._charmodel import ASTRAL_SCORE, PINYIN_LETTERS, char_scores
from ..._text import table
from ...batch import Batch
from ...document import Document, Edit
from ._batch import groups, mark_damaged, rewrite_documents
from ._byteshift import Shift, run_rows, shifted_runs
from ._classes import LATIN_ONLY, PINYIN_LATIN1, gbk_classes
from ._kernels import find_signs
from ._mixed import readings
from ._work import MOJIBAKE_SIGNS, SHIFT, work

__all__ = ["MojibakeCleaner"]

#: a confident repair yields characters this probable on average
MIN_MEAN = -11.5
#: and explain the bytes this much better than the garbled run (log-probability)
MIN_GAIN = 6.0
#: and are more probable per character by this much
MIN_MEAN_GAIN = 0.5
#: Han characters restored by confident repairs that make a text "of that kind"
DOC_EVIDENCE = 4
#: extra cost of an ASCII letter alone between non-ASCII characters (鳂I業)
LONE_LETTER = -4.0
#: a reading that is not confident needs at least this gain
WEAK_GAIN = 4.0
#: log-probability bonus for readings of the kind a text has most evidence of
KIND_BONUS = 8.0
#: characters decoded at first when following a UTF-8-as-GBK candidate (doubles while valid)
WINDOW = 16

_CP1252_SPECIALS = "".join(ch for b in range(0x80, 0xA0) if (ch := bytes([b]).decode("cp1252", errors="ignore")))
#: cp1252's specials back to the Latin-1 character of their byte
_TO_LATIN1 = {ord(bytes([b]).decode("cp1252")): b for b in range(0x80, 0xA0) if bytes([b]).decode("cp1252", "ignore")}
_LATIN_CLASS = "\\x80-\\xff" + re.escape(_CP1252_SPECIALS)
#: a run of characters that are single bytes under Latin-1/cp1252; ASCII
#: letters and digits inside (double-byte trail bytes, GB18030 four-byte
#: digits) only between such characters, or last
_LATIN_RUN = re.compile(
    f"[{_LATIN_CLASS}](?:[{_LATIN_CLASS}]|[\\x30-\\x39\\x40-\\x7e](?=[{_LATIN_CLASS}]))*+[\\x30-\\x39\\x40-\\x7e]?"
)
_LONE_LETTER = re.compile("(?<=[^\\x00-\\x7f])[A-Za-z](?=[^\\x00-\\x7f])")
_NON_ASCII_RUN = re.compile("[^\\x00-\\x7f]++[\\x40-\\x7e]?")
_ASCII_LETTERS = table(ranges=[(0x41, 0x5A), (0x61, 0x7A)])


def _signs(cps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where mojibake may begin: (Latin-1 letters or signs a Chinese text would not put there by
    itself, starts of the UTF-8-as-GBK signature triple), positions in text order."""
    out = np.empty((len(cps), 2), dtype=np.int64)
    count = find_signs(cps, *gbk_classes()[:3], LATIN_ONLY, PINYIN_LATIN1, out)
    rows = out[:count]
    return rows[(rows[:, 1] & 1) != 0, 0], rows[(rows[:, 1] & 2) != 0, 0]


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


@functools.lru_cache(maxsize=1)
def _score_list() -> list[float]:
    return [float(x) for x in char_scores().tolist()]


def _score(text: str) -> float:
    """Log-probability of ``text``; a lone ASCII letter between two other characters costs more."""
    table = _score_list()
    total = sum(table[cp] if cp < 0x10000 else ASTRAL_SCORE for cp in map(ord, text))
    return total + LONE_LETTER * len(_LONE_LETTER.findall(text))


def _mean(text: str) -> float:
    return _score(text) / len(text) if text else 0.0


def _byte_lengths(text: str, encoding: str | list[int]) -> list[int]:
    if isinstance(encoding, list):
        return encoding  # the byte length of each character, as a mixed reading chose them
    if encoding == "latin":
        return [1] * len(text)
    out: list[int] = []
    for i, ch in enumerate(text):
        try:
            out.append(len(ch.encode(encoding, "surrogatepass")))
        except UnicodeEncodeError:
            if not i:
                raise
            # the second code point of one character: Big5-HKSCS decodes four byte pairs to two code
            # points each (0x8862 is Ê and a macron), which encode only together
            out[-1] = len(text[i - 1 : i + 1].encode(encoding, "surrogatepass"))
            out.append(0)
    return out


def _aligned_edits(
    start: int, garbled: str, bad_enc: str | list[int], fixed: str, good_enc: str, reason: str
) -> list[Edit]:
    """Edits that turn ``garbled`` (at ``start``) into ``fixed``, split at shared byte boundaries."""
    return [
        Edit(start + g0, start + g1, fixed[f0:f1], reason)
        for g0, g1, f0, f1 in _segments(garbled, bad_enc, fixed, good_enc)
        if garbled[g0:g1] != fixed[f0:f1]
    ]


class _Candidate:
    __slots__ = ("end", "fixed", "gain", "garbled", "in_word", "kind", "pieces", "start", "strong", "unsure")

    def __init__(self, start: int, garbled: str, fixed: str, kind: str, strong: bool, gain: float) -> None:
        self.start = start
        self.end = start + len(garbled)
        self.garbled = garbled
        self.fixed = fixed
        self.kind = kind
        self.strong = strong
        self.gain = gain
        self.in_word = False  # pinyin letters only, right after an ASCII letter
        self.pieces: list[Edit] | None = None  # the edits, where made by a mixed reading
        self.unsure: list[int] = []  # garbled characters whose bytes a mixed reading is not sure of


_KIND_ENCODINGS = {
    "utf8-as-gbk": ("gb18030", "utf-8"),
    "utf8-as-latin1": ("latin", "utf-8"),
    "gbk-as-latin1": ("latin", "gb18030"),
    "big5-as-latin1": ("latin", "big5hkscs"),
}

#: Latin-1 and cp1252 characters that are not letters of a European word
_NOT_IN_WORDS = frozenset(
    ch for ch in _CP1252_SPECIALS + "".join(map(chr, range(0x80, 0xC0))) + "\xd7\xf7" if not ch.isalpha()
)

#: Latin-1 characters common in Chinese web text in their own right
_PLAIN_SYMBOLS = frozenset("\xa0\xa9\xae\xb0\xb1\xb7\xd7\xf7")


#: quotes, dashes and the ellipsis: they stand next to a word (“Übergänge”, «Ärger»), so at either end of
#: a run they tell nothing
_BESIDE_WORDS = "“”‘’„‚«»‹›…—–"


def _un_european(before: str, garbled: str) -> bool:
    """A sign, control or mid-word capital after an ASCII letter (pythonÓë): no European word looks so."""
    if any(ch in _NOT_IN_WORDS for ch in garbled.strip(_BESIDE_WORDS)):
        return True
    prev = before
    for ch in garbled:
        if ch.isupper() and prev.islower() and prev.isascii():
            return True
        prev = ch
    return False


def _judge(garbled: str, fixed: str, kind: str, before: str = "") -> tuple[float, bool]:
    """(gain in log-probability, confident on its own); a gain of 0 or less: no repair."""
    if fixed == garbled:
        return 0.0, False
    if kind == "utf8-as-gbk" and fixed and set(fixed) <= {"\ufffd"} and len(garbled) >= 3:
        return 1.0, True  # 锟斤拷: U+FFFD bytes read as GBK
    # both explain the same bytes: compare their total log-probabilities
    fixed_mean, garbled_mean = _mean(fixed), _mean(garbled)
    gain = _score(fixed) - _score(garbled)
    if gain <= 0.0:
        return gain, False
    strong = gain >= MIN_GAIN and fixed_mean >= MIN_MEAN
    if kind == "utf8-as-gbk":
        han = sum(1 for ch in fixed if _is_han(ch))
        strong = strong and han >= 2 and fixed_mean >= garbled_mean + MIN_MEAN_GAIN
    elif kind == "utf8-as-latin1":
        strong = strong or any(_is_han(ch) for ch in fixed)
    else:
        # a run of symbols only (·¢²¼, ©®) is repaired only in a text with evidence of the kind
        letters = sum(1 for ch in garbled if "\xa1" <= ch <= "\xff" and ch not in _PLAIN_SYMBOLS)
        strong = strong and letters >= 1 and sum(1 for ch in garbled if ch >= "\x80") >= 2
        # one character of two Latin-1 letters is as likely a European word (Größe): not on its own
        strong = strong and (sum(1 for ch in fixed if _is_han(ch)) >= 2 or _un_european(before, garbled))
    return gain, strong


def _latin_candidates(text: str) -> list[list[_Candidate]]:
    """For each run of Latin-1/cp1252 characters, the lossless readings that are more probable."""
    found: list[list[_Candidate]] = []
    for m in _LATIN_RUN.finditer(text):
        run = m.group()
        if len(run) < 2:
            continue
        before = text[m.start() - 1 : m.start()]
        if before.isascii() and before.isalpha() and _pinyin_only(run):
            continue  # the "án" of "lián": pinyin, never confidently GBK (and never weakly, see _resolve)
        raw = run.translate(_TO_LATIN1).encode("latin-1", errors="ignore")
        if len(raw) != len(run):
            continue
        options: list[_Candidate] = []
        # the run may begin or end with cp1252 punctuation that is text of its
        # own (“ ” … —), or end with an ASCII character that is not a trail byte
        n = len(run)
        starts = [0]
        while len(starts) < 3 and len(starts) < n and run[len(starts) - 1] in _CP1252_SPECIALS:
            starts.append(len(starts))
        ends = [n]
        while len(ends) < 3 and n - len(ends) > 0:
            last = run[n - len(ends)]
            if not (last in _CP1252_SPECIALS or last < "\x80"):
                break
            ends.append(n - len(ends))
        bodies = [(a, b) for a in starts for b in ends if b - a >= 2]
        for kind, codec in (("utf8-as-latin1", "utf-8"),):
            for a, b in bodies:
                try:
                    fixed = raw[a:b].decode(codec)
                except UnicodeDecodeError:
                    continue
                gain, strong = _judge(run[a:b], fixed, kind)
                if gain > 0.0:
                    c = _Candidate(m.start() + a, run[a:b], fixed, kind, strong, gain)
                    prev = text[c.start - 1 : c.start]
                    c.in_word = prev.isascii() and prev.isalpha() and _pinyin_only(c.garbled)
                    options.append(c)
        if options:
            found.append(options)
    return found


#: a run of non-ASCII characters, with single ASCII characters that may be trail bytes inside or last
_MIXED_RUN = re.compile(
    "[^\\x00-\\x7f](?:[^\\x00-\\x7f]|[\\x30-\\x39\\x40-\\x7e](?=[^\\x00-\\x7f]))*+[\\x30-\\x39\\x40-\\x7e]?"
)
#: a mixed reading looks this many characters around the Latin-1 signs of a run
REACH = 8

#: characters of two UTF-8 bytes that a plain Latin-1/cp1252 decoding does not make (pinyin letters aside)
_TWO_BYTE_RE = re.compile(
    "[^\\x00-\\xff" + re.escape(_CP1252_SPECIALS) + "\\u0800-\\U0010ffff" + PINYIN_LETTERS + "]"
)

#: characters a crawler makes of one byte or of a two-byte UTF-8 sequence
_MIXED_SIGNS = table(_CP1252_SPECIALS, ranges=[(0x80, 0x7FF)]).astype(bool)

_MIXED_KINDS = (("gbk-as-latin1", "gbk", "gb18030"), ("big5-as-latin1", "big5", "big5hkscs"))


def _windows(text: str, signs: list[int]) -> list[tuple[int, int]]:
    """Stretches of the non-ASCII runs around Latin-1 signs: signs closer than ``REACH`` share one."""
    out: list[tuple[int, int]] = []
    k = 0
    for m in _MIXED_RUN.finditer(text):
        while k < len(signs) and signs[k] < m.start():
            k += 1
        lo = hi = -1
        while k < len(signs) and signs[k] < m.end():
            p = signs[k]
            if lo >= 0 and p - hi > REACH:
                out.append((max(m.start(), lo - REACH), min(m.end(), hi + REACH + 1)))
                lo = -1
            if lo < 0:
                lo = p
            hi = p
            k += 1
        if lo >= 0:
            out.append((max(m.start(), lo - REACH), min(m.end(), hi + REACH + 1)))
    return out


def mixed_signs(cps: np.ndarray) -> np.ndarray:
    """Where a crawler's reading may have left a character (``U+0080``-``U+07FF``, cp1252's specials), in
    text order; not a pinyin letter right after an ASCII letter, which is pinyin (``lǐng``, ``wǎng``)."""
    bmp = np.minimum(cps, 0xFFFF)
    mixed = _MIXED_SIGNS[bmp] & (cps < 0x10000)
    after_letter = np.concatenate(([False], _ASCII_LETTERS[bmp[:-1]]))
    return np.flatnonzero(mixed & ~(after_letter & _PINYIN_TABLE[bmp]))


def _mixed_candidates(text: str, cps: np.ndarray) -> tuple[list[list[_Candidate]], list[_Candidate]]:
    """GBK or Big5 pages a crawler read as UTF-8 where valid, else as Latin-1/cp1252 (see :mod:`._mixed`).

    Looked for (in a text with a Latin-1 sign) around every character a
    crawler makes of one byte or of two UTF-8 bytes (``U+0080``-``U+07FF``,
    cp1252's specials). One candidate per window and encoding: the window's
    garbled stretches restored, the characters between them kept. Also
    returns the readings that restore nothing more probable: in a text of
    their kind, what they cover cannot be recovered.

    A window without a character of two UTF-8 bytes may also be a plain
    Latin-1/cp1252 decoding; both are tried. In a text that holds no such
    character anywhere, the crawler's reading of it is not confident by
    itself (``é`` read as ``C3 A9`` could as well be a European word); in a
    text that does, the plain reading is unsure wherever the crawler's is.
    """
    found: list[list[_Candidate]] = []
    lost: list[_Candidate] = []
    signs = mixed_signs(cps)
    crawled = None  # whether the text holds a character of two UTF-8 bytes: looked up once, when needed
    for a, b in _windows(text, signs.tolist()):
        window = text[a:b]
        points = cps[a:b].astype(np.int64)
        pure = _TWO_BYTE_RE.search(window) is None
        if pure and crawled is None:
            crawled = _TWO_BYTE_RE.search(text) is not None
        options: list[_Candidate] = []
        for kind, target, codec in _MIXED_KINDS:
            read = readings(window, target, True, points)
            c = _mixed_candidate(text, a, read, kind, codec)
            if c is not None and c.gain > 0.0:
                c.strong = c.strong and (not pure or bool(crawled))
                options.append(c)
            elif c is not None:
                lost.append(c)
            if pure:
                p = _mixed_candidate(text, a, readings(window, target, False, points), kind, codec)
                if p is not None and p.gain > 0.0:
                    if crawled:
                        p.unsure = sorted(set(p.unsure) | {a + k for k in read[1]})
                    options.append(p)
        if options:
            found.append(options)
    return found, lost


def _mixed_candidate(
    text: str,
    a: int,
    read: tuple[list[tuple[int, int, bytes, list[int]]], list[int]],
    kind: str,
    codec: str,
) -> _Candidate | None:
    """The candidate of one reading of the window at ``a``: its stretches restored, the rest kept.

    None if the reading restores nothing; a gain of 0 or less if it is not more probable.
    """
    stretches, doubt = read
    pieces: list[Edit] = []
    fixed_parts: list[str] = []
    last = first = -1
    for i, j, data, lengths in stretches:
        try:
            fixed = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if len(fixed) > j - i:
            continue  # more characters than it came from (UTF-8 Han read as GBK): not a crawler's stretch
        if first < 0:
            first = a + i
        else:
            fixed_parts.append(text[last : a + i])
        fixed_parts.append(fixed)
        last = a + j
        aligned = _aligned_edits(a + i, text[a + i : a + j], lengths, fixed, codec, kind)
        if any(len(e.replacement) > e.end - e.start for e in aligned):
            aligned = [Edit(a + i, a + j, fixed, kind)]  # a piece would grow: the stretch as one edit
        pieces.extend(aligned)
    if first < 0 or not pieces:
        return None
    garbled, fixed_all = text[first:last], "".join(fixed_parts)
    gain, strong = _judge(garbled, fixed_all, kind, text[first - 1 : first])
    # Latin-1 letters kept between the restored stretches: European words run together (côtécôté)
    kept = "".join(fixed_parts[1::2])
    strong = strong and not any("\xc0" <= ch <= "\xff" for ch in kept)
    c = _Candidate(first, garbled, fixed_all, kind, strong, gain)
    c.pieces = pieces
    c.unsure = [a + k for k in doubt]
    prev = text[first - 1 : first]
    c.in_word = prev.isascii() and prev.isalpha() and _pinyin_only(garbled)
    return c


def _gbk_fragment(text: str, start: int, limit: int) -> tuple[int, str, int]:
    """Longest prefix of ``text[start:limit]`` whose GB18030 bytes are complete UTF-8.

    Returns (end, decoded, where to look next). The window doubles while
    the bytes stay valid, so a long run is encoded O(1) times per character.
    """
    stop = min(limit, start + WINDOW)
    while True:
        chunk = text[start:stop]
        raw = _gb(chunk)
        if raw is None:
            return start, "", start + 1
        try:
            raw.decode("utf-8")
            good = len(raw)
            truncated = False
        except UnicodeDecodeError as exc:
            good = exc.start
            truncated = exc.reason == "unexpected end of data"
        if stop < limit and (good == len(raw) or truncated):
            stop = min(limit, start + 2 * (stop - start))
            continue
        break
    # character boundaries (in bytes) up to ``good``; the last one that is also a UTF-8 boundary ends the fragment
    bounds = [0]
    for ch in chunk:
        nxt = bounds[-1] + len(_gb(ch) or b"????")
        if nxt > good:
            break
        bounds.append(nxt)
    k = len(bounds) - 1
    while k > 0 and bounds[k] < good and 0x80 <= raw[bounds[k]] <= 0xBF:
        k -= 1
    end = start + k
    decoded = raw[: bounds[k]].decode("utf-8") if k else ""
    return end, decoded, start + len(bounds) - 1  # the character holding the first bad byte may start a fragment


def _segments(garbled: str, bad_enc: str | list[int], fixed: str, good_enc: str) -> list[tuple[int, int, int, int]]:
    """``(g0, g1, f0, f1)``: pieces of ``garbled`` and ``fixed`` that carry the same bytes."""
    a = _byte_lengths(garbled, bad_enc)
    b = _byte_lengths(fixed, good_enc)
    out: list[tuple[int, int, int, int]] = []
    i = j = ai = bj = gi = fj = 0
    while i < len(a) or j < len(b):
        if ai <= bj and i < len(a):
            ai += a[i]
            i += 1
        else:
            bj += b[j]
            j += 1
        if ai == bj:
            out.append((gi, i, fj, j))
            gi, fj = i, j
    return out


def _trim(garbled: str, fixed: str, start: int) -> tuple[str, str, int, int]:
    """Drop pieces at either end that read better garbled: good text the fragment ran into."""
    segs = _segments(garbled, "gb18030", fixed, "utf-8")

    def worse(seg: tuple[int, int, int, int]) -> bool:
        g, f = garbled[seg[0] : seg[1]], fixed[seg[2] : seg[3]]
        return g == f or _mean(f) * len(f) <= _mean(g) * len(g)

    lo, hi = 0, len(segs)
    while lo < hi and worse(segs[lo]):
        lo += 1
    while hi > lo and worse(segs[hi - 1]):
        hi -= 1
    if lo == hi:
        return "", "", start, start
    g0, f0 = segs[lo][0], segs[lo][2]
    g1, f1 = segs[hi - 1][1], segs[hi - 1][3]
    return garbled[g0:g1], fixed[f0:f1], start + g0, start + g1


def _gb(chunk: str) -> bytes | None:
    try:
        return chunk.encode("gb18030")
    except UnicodeEncodeError:
        return None


#: how far before the signature triple a fragment may start, in characters
LOOK_BACK = 8


def _gbk_candidates(
    text: str, cps: np.ndarray, relaxed: bool, taken: list[tuple[int, int]], triples: list[int]
) -> list[list[_Candidate]]:
    """UTF-8-as-GBK fragments: found by their signature ``triples`` or, ``relaxed``, every non-ASCII run."""
    found: list[list[_Candidate]] = []
    starts = gbk_classes()[3]
    pos = 0
    ti = 0
    if relaxed:
        anchors = ((m.start(), m.start()) for m in _NON_ASCII_RUN.finditer(text))
    else:
        anchors = ((p, _quick_start(text, p)) for p in triples)
    run_end: _RunEnds | None = None  # made at the first anchor: most texts have none
    for anchor, first in anchors:
        if anchor < pos or first < 0:
            continue
        if run_end is None:
            run_end = _RunEnds(text, cps)
        limit = run_end(anchor)
        start = end = first
        decoded = ""
        # the earliest possible start (a lead-and-continuation character) whose fragment reaches the anchor
        for s in range(max(pos, anchor - LOOK_BACK if not relaxed else anchor), anchor + 1):
            if s != anchor and text[s] not in starts:
                continue
            end, decoded, _ = _gbk_fragment(text, s, limit)
            if end > anchor:
                start = s
                break
        else:
            pos = max(pos, anchor + 1)
            continue
        pos = max(end, anchor + 1)
        while ti < len(taken) and taken[ti][1] <= start:
            ti += 1
        if ti < len(taken) and taken[ti][0] < end:
            continue
        garbled, decoded, start, end = _trim(text[start:end], decoded, start)
        if not decoded:
            continue
        gain, strong = _judge(garbled, decoded, "utf8-as-gbk")
        if gain > 0.0 and (strong or relaxed):
            found.append([_Candidate(start, garbled, decoded, "utf8-as-gbk", strong, gain)])
    return found


def _quick_start(text: str, p: int) -> int:
    """``p`` if the triple there reads better as UTF-8, else -1 (most triples in good text)."""
    garbled = text[p : p + 3]
    raw = _gb(garbled)
    if raw is None:
        return -1
    try:
        fixed = raw.decode("utf-8")
    except UnicodeDecodeError:
        return -1
    return p if _score(fixed) > _score(garbled) else -1


class _RunEnds:
    """Where ``_NON_ASCII_RUN.match(text, start)`` ends (``start + 1`` without a match), for any ``start``.

    Matching the pattern at every anchor would read the rest of the run each
    time: quadratic in a long run without ASCII, which holds an anchor every
    few characters. The runs are found once with numpy instead; each lookup
    is a binary search. A match from anywhere inside a run ends where the run
    ends (the repetition is possessive), plus one trailing ``[\\x40-\\x7e]``.
    """

    __slots__ = ("_ends", "_starts", "_text")

    def __init__(self, text: str, cps: np.ndarray) -> None:
        self._text = text
        idx = np.flatnonzero(cps >= 0x80)
        breaks = np.flatnonzero(np.diff(idx) != 1) + 1
        self._starts = idx[np.concatenate(([0], breaks))] if len(idx) else idx
        self._ends = idx[np.concatenate((breaks - 1, [len(idx) - 1]))] + 1 if len(idx) else idx

    def __call__(self, start: int) -> int:
        k = int(np.searchsorted(self._starts, start, side="right")) - 1
        if k < 0 or start >= int(self._ends[k]):
            return start + 1  # an ASCII character: no match
        end = int(self._ends[k])
        if end < len(self._text) and "\x40" <= self._text[end] <= "\x7e":
            end += 1
        return end


class MojibakeCleaner:
    """Repair UTF-8, GBK and Big5 text that was decoded with the wrong codec."""

    name = "mojibake"

    def clean(self, doc: Document) -> Document:
        text = doc.text
        if text.isascii():
            return doc
        cps = doc.code_points
        bits = work(doc)
        if not bits & MOJIBAKE_SIGNS:
            # no candidate of any wrong decoding: only byte-shifted runs, soon after a mark of a lost byte
            return self._shifted(doc, cps) if bits & SHIFT else doc
        latin_signs, triples = _signs(cps)
        mixed, unreadable = _mixed_candidates(text, cps) if len(latin_signs) else ([], [])
        candidates = _overlapping(_latin_candidates(text) + mixed) if len(latin_signs) else []
        candidates += _gbk_candidates(text, cps, False, [], triples.tolist())
        evidence: dict[str, int] = {}
        first = _resolve(candidates, {})
        covered: dict[str, int] = {}
        for c in first:
            evidence[c.kind] = evidence.get(c.kind, 0) + max(1, sum(1 for ch in c.fixed if _is_han(ch)))
            covered[c.kind] = covered.get(c.kind, 0) + len(c.garbled)
        latin = sum(len(options[0].garbled) for options in candidates if options[0].kind != "utf8-as-gbk")
        # kinds the text is mostly made of: weak readings need only be more probable
        mostly = {k for k, v in covered.items() if k != "utf8-as-gbk" and 2 * v >= latin}
        gbk_chars = sum(len(c.garbled) for c in first if c.kind == "utf8-as-gbk")
        non_ascii = len(text) - len(text.encode("ascii", "ignore"))
        if evidence.get("utf8-as-gbk", 0) >= DOC_EVIDENCE and 2 * gbk_chars >= non_ascii:
            # a text mostly of that kind: also the runs too short or too plain to be confident about
            taken = sorted((c.start, c.end) for options in candidates for c in options)
            candidates += _gbk_candidates(text, cps, True, taken, [])
        if "utf8-as-gbk" in covered and 2 * covered["utf8-as-gbk"] >= non_ascii:
            mostly.add("utf8-as-gbk")
        chosen = _resolve(candidates, evidence, mostly)
        lost = _unread(candidates + [[c] for c in unreadable], chosen, evidence)
        shifts = _free(shifted_runs(text, cps), chosen)
        if not chosen and not shifts:
            return doc.with_damaged(zip(*doc.source_spans(*zip(*lost)))) if lost else doc
        edits: list[Edit] = []
        for shift in shifts:
            edits.extend(Edit(a, b, r, "gbk-byte-shift") for a, b, r in shift.pieces())
            lost.extend(shift.lost)
        unsure: list[int] = []
        for c in chosen:
            if c.pieces is not None:
                edits.extend(c.pieces)
                unsure.extend(c.unsure)
                continue
            bad, good = _KIND_ENCODINGS[c.kind]
            edits.extend(_aligned_edits(c.start, c.garbled, bad, c.fixed, good, c.kind))
        edits.sort(key=lambda e: e.start)
        out = doc.apply_edits(edits, step=self.name, aligned=alignment_of_edits)
        # bytes a crawler's reading left in doubt (the restored characters that hold them),
        # stretches a text of that kind holds that no reading restores, characters a byte shift lost
        spans = [(p, p + 1) for p in unsure] + lost
        if spans:
            out = out.with_damaged(zip(*doc.source_spans(*zip(*spans))))
        if chosen and ("?" in out.text or "\ufffd" in out.text):
            out = self._shifted(out)  # a byte shift under the layer just undone shows only now
        return out

    def _shifted(self, doc: Document, cps: np.ndarray | None = None) -> Document:
        """``doc`` with the byte-shifted runs of its text re-read, their lost characters flagged (``cps``: its
        code points, if at hand)."""
        return self._reread(doc, shifted_runs(doc.text, cps))

    def _reread(self, doc: Document, shifts: list[Shift]) -> Document:
        """``doc`` with ``shifts`` (in its text's positions) put in, their lost characters flagged."""
        if not shifts:
            return doc
        edits = [Edit(a, b, r, "gbk-byte-shift") for shift in shifts for a, b, r in shift.pieces()]
        lost = [span for shift in shifts for span in shift.lost]
        out = doc.apply_edits(edits, step=self.name, aligned=alignment_of_edits)
        return out.with_damaged(zip(*doc.source_spans(*zip(*lost)))) if lost else out

    def clean_batch(self, batch: Batch) -> list[Document]:
        docs = list(batch.docs)
        text = batch.text
        if text.isascii():
            return docs
        cps = batch.joined.code_points
        latin, triples = _signs(cps)
        gbk = np.array([p for p in triples.tolist() if _quick_start(text, p) >= 0], dtype=np.int64)
        signs = np.sort(np.concatenate([latin, gbk]))
        # a document with a sign of a wrong decoding is cleaned on its own, as clean() does
        marked = {i for i, _, _ in groups(batch, signs, signs + 1)}
        # runs a byte shift may have garbled, after a mark of a lost byte, read over the batch at once: no
        # mark reaches past U+FDD0 and no run holds it, so each document's are those its own text gives
        runs = run_rows(text, cps)
        shifts = shifted_runs(text, cps, runs) if len(runs) else []
        starts = np.array([shift.start for shift in shifts], dtype=np.int64)
        found = {i: shifts[a:b] for i, a, b in groups(batch, starts, starts + 1)}
        reread: list[int] = []  # documents whose shifted runs are all clean() would do: re-read at once, below
        for i in sorted(marked.union(i for i, _, _ in groups(batch, runs[:, 0], runs[:, 1]))):
            doc = docs[i]
            bits = work(doc)
            if i in marked or bits & MOJIBAKE_SIGNS:
                docs[i] = self.clean(doc)
            elif bits & SHIFT and i in found:
                reread.append(i)
        if reread:  # what _reread does to each, over the batch's text: the same edits, the same flags
            shifts = [shift for i in reread for shift in found[i]]
            pieces = [piece for shift in shifts for piece in shift.pieces()]
            edits = np.array([(a, b) for a, b, _ in pieces], dtype=np.int64).reshape(-1, 2)
            edited = rewrite_documents(batch, edits[:, 0], edits[:, 1], [r for _, _, r in pieces], step=self.name)
            edited = mark_damaged(batch, edited, [span for shift in shifts for span in shift.lost])
            for i in reread:
                docs[i] = edited[i]
        return docs


def _free(shifts: list[Shift], chosen: list[_Candidate]) -> list[Shift]:
    """The byte-shifted runs that no chosen repair overlaps."""
    taken = sorted((c.start, c.end) for c in chosen)
    out: list[Shift] = []
    k = 0
    for shift in shifts:
        while k < len(taken) and taken[k][1] <= shift.start:
            k += 1
        if k < len(taken) and taken[k][0] < shift.end:
            continue
        out.append(shift)
    return out


def _overlapping(candidates: list[list[_Candidate]]) -> list[list[_Candidate]]:
    """Runs whose readings overlap become one run: one reading is taken for them, the most probable."""
    spans = sorted(
        ((min(c.start for c in options), max(c.end for c in options), options) for options in candidates),
        key=lambda t: t[0],
    )
    out: list[list[_Candidate]] = []
    end = -1
    for start, stop, options in spans:
        if out and start < end:
            out[-1] = out[-1] + options
            end = max(end, stop)
        else:
            out.append(list(options))
            end = stop
    return out


def _unread(
    candidates: list[list[_Candidate]], chosen: list[_Candidate], evidence: dict[str, int]
) -> list[tuple[int, int]]:
    """Mixed readings left garbled in a text with evidence of their kind: ``(start, end)`` to flag."""
    taken = sorted((c.start, c.end) for c in chosen)
    left = sorted(
        (c.start, c.end)
        for options in candidates
        for c in options
        if c.pieces is not None and evidence.get(c.kind, 0) >= DOC_EVIDENCE
    )
    out: list[tuple[int, int]] = []
    k = 0
    for start, end in left:
        while k < len(taken) and taken[k][1] <= start:
            k += 1
        if k < len(taken) and taken[k][0] < end:
            continue
        out.append((start, end))
    return out


_PINYIN = frozenset(PINYIN_LETTERS)
_PINYIN_TABLE = table(PINYIN_LETTERS)


def _pinyin_only(garbled: str) -> bool:
    return all(ch < "\x80" or ch in _PINYIN for ch in garbled)


def _resolve(
    candidates: list[list[_Candidate]], evidence: dict[str, int], mostly: frozenset[str] | set[str] = frozenset()
) -> list[_Candidate]:
    """One reading per run, then no overlaps.

    A run takes its most probable confident reading; the kind the text has
    most evidence of counts ``KIND_BONUS`` more. Without a confident reading,
    a run takes a reading of a kind the text has evidence of.
    """
    dominant = max(evidence, key=lambda k: evidence[k]) if evidence else None

    def rank(c: _Candidate) -> float:
        return c.gain + (KIND_BONUS if c.kind == dominant else 0.0)

    keep: list[_Candidate] = []
    for options in candidates:
        usable = [
            c
            for c in options
            if c.strong
            or (
                evidence.get(c.kind, 0) >= DOC_EVIDENCE
                and c.garbled[0] != "\xa0"  # a no-break space before a word, not a rare GBK lead byte
                and not c.in_word  # the í of píng is pinyin, not a GBK lead byte
                and (c.kind in mostly or c.gain >= WEAK_GAIN)
            )
        ]
        if usable:
            keep.append(max(usable, key=rank))
    keep.sort(key=lambda c: (c.start, -(c.end - c.start)))
    out: list[_Candidate] = []
    last = 0
    for c in keep:
        if c.start >= last:
            out.append(c)
            last = c.end
    return out
