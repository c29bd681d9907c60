"""Numba kernels of the decode stage: score bytes under each candidate encoding.

Each ``score_*`` kernel walks the bytes once, as the codec would decode them,
and adds up the log-probability of every character (looked up in
``bmp``, the per-code-point table of :mod:`hanpipe._charmodel`, or in a
double-byte pair table). It writes into ``out`` (float64, length
``N_OUT``): the score, the number of invalid byte sequences, the number of
characters, 1.0 if the bytes end inside an incomplete character, (Big5
only) the number of pairs that only Big5-HKSCS decodes, and (UTF-8 only) what
Latin letters placed as in Latin words add (``OUT_LATIN``, see
:mod:`hanpipe.builtin.decode.latin`). Kernels never raise:
every index is checked against the length first.

``data`` is a uint8 array or a ``bytes`` object: the detector hands its
samples over as they are (``np.frombuffer`` costs as much as a call).

What the detector runs per sample is one call: ``detect_sample`` ranks the
candidates itself and stops each losing walk as soon as it can no longer
matter (a walk's sum only falls, and by at least a known amount per byte);
``utf8_evidence`` scores sure UTF-8 for the binary check. ``score_all`` scores
every candidate to the end: the step-by-step reference the tests hold
``detect_sample`` to.
"""

from __future__ import annotations

import numpy as np

from ..._jit import jit

__all__ = [
    "CANDIDATES",
    "N_OUT",
    "OUT_CHARS",
    "OUT_ERRORS",
    "OUT_HKSCS",
    "OUT_PARTIAL",
    "OUT_SCORE",
    "candidate_total",
    "count_marks",
    "count_repeats",
    "detect_sample",
    "score_all",
    "score_big5",
    "score_cp1252",
    "score_gb18030",
    "score_utf8",
    "score_utf16",
    "score_utf16_script",
    "utf8_evidence",
]

OUT_SCORE = 0
OUT_ERRORS = 1
OUT_CHARS = 2
OUT_PARTIAL = 3
OUT_HKSCS = 4
#: UTF-8 only: what the Latin letters placed as in a Latin word add when each scores ``LATIN_IN_WORD``
#: (``candidate_total`` adds it to valid UTF-8, as it adds the bonus of continuation bytes)
OUT_LATIN = 5
N_OUT = 6

#: the rows of ``score_all``'s output
CANDIDATES = ("utf-8", "gb18030", "big5", "utf-16-le", "utf-16-be", "cp1252")

#: what the byte walks take: a uint8 array, or the bytes themselves
Bytes = np.ndarray | bytes

ASTRAL = -16.0
GB_FOUR = -14.0
#: a cutoff no score goes below: walk to the end
NO_CUTOFF = -np.inf
#: a Latin letter placed as in a Latin word, in cp1252 (``latin.IN_WORD``) and in UTF-8
LATIN_IN_WORD = -2.5
LEAD0 = 0x81
TRAIL0 = 0x40


@jit
def _cp_score(bmp: np.ndarray, cp: int) -> float:
    if cp < 0x10000:
        return float(bmp[cp])
    return ASTRAL


@jit(inline="always")
def _can_stop(score: float, errors: int, unread: int, cutoff: float, error_cost: float, per_byte: float) -> bool:
    """Whether a walk that has summed ``score`` with ``errors`` invalid sequences, ``unread`` bytes before
    its end, must end with a raw total (``binary.row_total``) below ``cutoff``.

    ``per_byte`` (<= 0) is the most one unread byte can add: a character of k bytes scores at most k
    times it, an invalid sequence (up to 3 bytes) costs ``ERROR_COST`` and a character cut at the end
    (up to 3 bytes unread) ``PARTIAL_COST``, both more than three bytes' worth; 0.0 assumes nothing.
    """
    return score - error_cost * errors + per_byte * unread < cutoff


@jit
def score_utf8(data: Bytes, bmp: np.ndarray, out: np.ndarray) -> None:
    """Strict UTF-8, as Python's codec: no overlongs, surrogates or code points past U+10FFFF."""
    _utf8(data, bmp, NO_CUTOFF, 0.0, 0.0, out)


@jit
def _utf8(data: Bytes, bmp: np.ndarray, cutoff: float, error_cost: float, per_byte: float, out: np.ndarray) -> bool:
    """``score_utf8``, stopping once the bytes hold an invalid sequence and the most the walk can still
    end with is below ``cutoff`` (see ``_can_stop``); True if it stopped there."""
    n = len(data)
    score = 0.0
    latin = 0.0
    errors = 0
    chars = 0
    partial = 0
    cut = False
    i = 0
    while i < n:
        if errors and _can_stop(score, errors, n - i, cutoff, error_cost, per_byte):
            cut = True
            break
        b = int(data[i])
        if b < 0x80:
            score += bmp[b]
            chars += 1
            i += 1
            continue
        if 0xC2 <= b <= 0xDF:
            need = 1
            lo = 0x80
            hi = 0xBF
            cp = b & 0x1F
        elif 0xE0 <= b <= 0xEF:
            need = 2
            lo = 0xA0 if b == 0xE0 else 0x80
            hi = 0x9F if b == 0xED else 0xBF
            cp = b & 0x0F
        elif 0xF0 <= b <= 0xF4:
            need = 3
            lo = 0x90 if b == 0xF0 else 0x80
            hi = 0x8F if b == 0xF4 else 0xBF
            cp = b & 0x07
        else:
            errors += 1
            i += 1
            continue
        j = i + 1
        ok = True
        k = 0
        while k < need:
            if j >= n:
                break
            c = int(data[j])
            if k == 0:
                if c < lo or c > hi:
                    ok = False
                    break
            elif c < 0x80 or c > 0xBF:
                ok = False
                break
            cp = (cp << 6) | (c & 0x3F)
            j += 1
            k += 1
        if not ok:
            errors += 1
            i = j
            continue
        if k < need:  # ran out of bytes inside a valid prefix
            partial = 1
            break
        s = _cp_score(bmp, cp)
        if need == 1 and cp < _LATIN_CASE.shape[0] and _LATIN_CASE[cp] != 0 and s < LATIN_IN_WORD:
            if _utf8_latin_word(data, i, j, _LATIN_CASE[cp] == 2):
                latin += LATIN_IN_WORD - s
        score += s
        chars += 1
        i = j
    _finish(out, score, errors, chars, partial, 0)
    out[OUT_LATIN] = latin
    return cut


def _latin_case() -> np.ndarray:
    """Per code point below U+0180: 1 for a lowercase letter of cp1252 (Latin-1's and Œ Š Ž Ÿ, the letters
    of the languages of Western Europe), 2 for an uppercase one, 0 for anything else. Latin Extended-A's
    other letters are left out: their UTF-8 lead bytes 0xC4 and 0xC5 are rows of common GBK characters."""
    case = np.zeros(0x180, dtype=np.uint8)
    for cp in [*range(0xC0, 0x100), 0x152, 0x153, 0x160, 0x161, 0x178, 0x17D, 0x17E]:
        ch = chr(cp)
        if ch.isalpha():
            case[cp] = 1 if ch.islower() else 2
    return case


_LATIN_CASE = _latin_case()


@jit(inline="always")
def _ascii_lower(b: int) -> bool:
    return 0x61 <= b <= 0x7A


@jit(inline="always")
def _ascii_letter(b: int) -> bool:
    return 0x61 <= b <= 0x7A or 0x41 <= b <= 0x5A


@jit
def _utf8_latin_word(data: Bytes, i: int, j: int, upper: bool) -> bool:
    """Whether the Latin letter of UTF-8 bytes ``data[i:j]`` stands as in a Latin word: a capital with no
    ASCII letter before it and two lowercase ones after it; a lowercase letter with two ASCII letters
    around it (lowercase ones and the capital that begins their word before it, lowercase ones after it).
    The cp1252 walk's rule (``_latin_word``) for one letter, but for the word-final one: a GB18030 or Big5
    character may end before a space, so there it is no evidence."""
    n = len(data)
    right = 0
    while right < 2 and j + right < n and _ascii_lower(int(data[j + right])):
        right += 1
    if upper:
        return (i == 0 or not _ascii_letter(int(data[i - 1]))) and right >= 2
    left = 0
    while left < 2 and i - 1 - left >= 0 and _ascii_lower(int(data[i - 1 - left])):
        left += 1
    k = i - 1 - left
    if left < 2 and k >= 0 and 0x41 <= int(data[k]) <= 0x5A and (k == 0 or not _ascii_letter(int(data[k - 1]))):
        left += 1
    return left + right >= 2


@jit
def score_gb18030(data: Bytes, bmp: np.ndarray, pairs: np.ndarray, out: np.ndarray) -> None:
    """GB18030: ASCII, double-byte pairs from ``pairs``, and four-byte sequences."""
    _double_byte(data, bmp, pairs, _NO_HK, True, NO_CUTOFF, 0.0, 0.0, out)


@jit
def score_big5(data: Bytes, bmp: np.ndarray, pairs: np.ndarray, hk_only: np.ndarray, out: np.ndarray) -> None:
    """Big5 with the Big5-HKSCS extension; ``out[4]`` counts HKSCS-only pairs."""
    _double_byte(data, bmp, pairs, hk_only, False, NO_CUTOFF, 0.0, 0.0, out)


#: ``hk_only`` for the GB18030 scorer (never read)
_NO_HK = np.zeros((1, 1), dtype=np.uint8)


@jit
def _double_byte(
    data: Bytes,
    bmp: np.ndarray,
    pairs: np.ndarray,
    hk_only: np.ndarray,
    gb: bool,
    cutoff: float,
    error_cost: float,
    per_byte: float,
    out: np.ndarray,
) -> bool:
    """The walk GB18030 (``gb``) and Big5 share: ASCII bytes, and a lead byte 0x81..0xFE with a
    trail byte whose pair scores ``pairs[lead - 0x81, trail - 0x40]`` (NaN: it decodes to nothing).

    Trail bytes are 0x40..0xFE but 0x7F for GB18030, 0x40..0x7E and 0xA1..0xFE for Big5.
    GB18030 also has four-byte sequences (a digit 0x30..0x39 second); Big5 counts the pairs
    that only Big5-HKSCS decodes (``hk_only``) in ``out[4]``. (The codec's steps written as
    helper kernels returning ``(width, score)`` made the walk two to four times slower.)
    The walk stops once the most it can still end with is below ``cutoff`` (see ``_can_stop``) and
    then returns True.
    """
    out[:] = 0.0
    return _double_byte_on(data, 0, len(data), bmp, pairs, hk_only, gb, cutoff, error_cost, per_byte, out) < 0


@jit
def _double_byte_on(
    data: Bytes,
    start: int,
    stop: int,
    bmp: np.ndarray,
    pairs: np.ndarray,
    hk_only: np.ndarray,
    gb: bool,
    cutoff: float,
    error_cost: float,
    per_byte: float,
    out: np.ndarray,
) -> int:
    """``_double_byte`` from byte ``start``, which begins a character, with the sums so far in ``out``,
    to the first character that begins at ``stop`` or later (it reads that far into the bytes after
    ``stop``). Returns where it stopped, or -1 if it stopped at ``cutoff``; ``out`` holds the sums."""
    n = len(data)
    trail_hi = 0x80 if gb else 0xA1  # where the upper trail range starts
    score = out[OUT_SCORE]
    errors = int(out[OUT_ERRORS])
    chars = int(out[OUT_CHARS])
    partial = int(out[OUT_PARTIAL])
    hk = int(out[OUT_HKSCS])
    cut = False
    i = start
    stop = min(stop, n)
    while i < stop:
        if _can_stop(score, errors, n - i, cutoff, error_cost, per_byte):
            cut = True
            break
        b = int(data[i])
        if b < 0x80:
            score += bmp[b]
            chars += 1
            i += 1
            continue
        if b == 0x80 or b == 0xFF:
            errors += 1
            i += 1
            continue
        if i + 1 >= n:
            partial = 1
            break
        c = int(data[i + 1])
        if gb and 0x30 <= c <= 0x39:
            if i + 3 >= n:
                partial = 1
                break
            d = int(data[i + 2])
            e = int(data[i + 3])
            if 0x81 <= d <= 0xFE and 0x30 <= e <= 0x39:
                index = (b - 0x81) * 12600 + (c - 0x30) * 1260 + (d - 0x81) * 10 + (e - 0x30)
                if index <= 39419:
                    score += GB_FOUR
                    chars += 1
                    i += 4
                    continue
                if 189000 <= index <= 1237575:
                    score += ASTRAL
                    chars += 1
                    i += 4
                    continue
            errors += 1
            i += 1
            continue
        if (0x40 <= c <= 0x7E) or (trail_hi <= c <= 0xFE):
            s = pairs[b - LEAD0, c - TRAIL0]
            if not np.isnan(s):
                score += s
                chars += 1
                if not gb:
                    hk += int(hk_only[b - LEAD0, c - TRAIL0])
                i += 2
                continue
        errors += 1
        i += 1
    _finish(out, score, errors, chars, partial, hk)
    if cut:
        return -1
    return n if partial else i


@jit
def _finish(out: np.ndarray, score: float, errors: int, chars: int, partial: int, hk: int) -> None:
    """Write a candidate's row of ``out``."""
    out[OUT_SCORE] = score
    out[OUT_ERRORS] = errors
    out[OUT_CHARS] = chars
    out[OUT_PARTIAL] = partial
    out[OUT_HKSCS] = hk
    out[OUT_LATIN] = 0.0


#: ``text`` for the plain UTF-16 scorer (block -1: never read)
_NO_FLAGS = np.zeros(1, dtype=np.uint8)


@jit
def score_utf16(data: Bytes, bmp: np.ndarray, big_endian: bool, out: np.ndarray) -> None:
    """UTF-16 in either byte order; unpaired surrogates are errors."""
    _utf16(data, bmp, big_endian, _NO_FLAGS, -1, 0.0, NO_CUTOFF, 0.0, 0.0, out)


@jit
def score_utf16_script(
    data: Bytes,
    bmp: np.ndarray,
    big_endian: bool,
    text: np.ndarray,
    block: int,
    floor: float,
    out: np.ndarray,
) -> None:
    """``score_utf16``, but text characters (``text[cp] != 0``) of one 128-code-point ``block``
    score at least ``floor``: UTF-16 text of one alphabet the character model does not know.

    A character repeated right after itself keeps its own score: an alphabet is not written
    as one letter over and over, while fill bytes (``01 01 01 01``) would read exactly so.
    """
    _utf16(data, bmp, big_endian, text, block, floor, NO_CUTOFF, 0.0, 0.0, out)


@jit
def _utf16(
    data: Bytes,
    bmp: np.ndarray,
    big_endian: bool,
    text: np.ndarray,
    block: int,
    floor: float,
    cutoff: float,
    error_cost: float,
    per_byte: float,
    out: np.ndarray,
) -> bool:
    """``score_utf16_script``, stopping once the most it can still end with is below ``cutoff`` (see
    ``_can_stop``); True if it stopped there."""
    n = len(data)
    score = 0.0
    errors = 0
    chars = 0
    partial = 0
    prev = -1
    i = 0
    cut = False
    while i + 1 < n:
        if _can_stop(score, errors, n - i, cutoff, error_cost, per_byte):
            cut = True
            break
        if big_endian:
            u = (int(data[i]) << 8) | int(data[i + 1])
        else:
            u = (int(data[i + 1]) << 8) | int(data[i])
        if 0xD800 <= u <= 0xDBFF:
            if i + 3 >= n:
                partial = 1
                i = n
                break
            if big_endian:
                v = (int(data[i + 2]) << 8) | int(data[i + 3])
            else:
                v = (int(data[i + 3]) << 8) | int(data[i + 2])
            prev = -1
            if 0xDC00 <= v <= 0xDFFF:
                score += ASTRAL
                chars += 1
                i += 4
                continue
            errors += 1
            i += 2
            continue
        if 0xDC00 <= u <= 0xDFFF:
            prev = -1
            errors += 1
            i += 2
            continue
        s = float(bmp[u])
        if (u >> 7) == block and u != prev and text[u] != 0 and s < floor:
            s = floor
        score += s
        chars += 1
        prev = u
        i += 2
    if i == n - 1:  # one byte left over (not a stop at the cutoff)
        partial = 1
    _finish(out, score, errors, chars, partial, 0)
    return cut


#: ``latin`` rows and classes (see :func:`hanpipe.builtin.decode.latin.latin_table`)
_L_SCORE = 0
_L_RUN = 1
_L_CLASS = 2
_OTHER_CLASS = 0
_LOWER = 1
_UPPER = 2
_APOSTROPHE = 3
_ASCII_LOWER = 4
_ASCII_UPPER = 5
_SHARP_S = 0xDF


@jit
def score_cp1252(data: Bytes, latin: np.ndarray, in_word: float, out: np.ndarray) -> None:
    """cp1252 (Latin-1 with punctuation in 0x80..0x9F) as :mod:`hanpipe.builtin.decode.latin` scores it."""
    _cp1252(data, latin, in_word, NO_CUTOFF, 0.0, 0.0, out)


@jit(inline="always")
def _cls(data: Bytes, latin: np.ndarray, i: int) -> int:
    return int(latin[_L_CLASS, int(data[i])])


@jit
def _latin_word(data: Bytes, latin: np.ndarray, i: int, j: int) -> bool:
    """Whether the run of high bytes ``data[i:j]`` (one or two) is Latin letters placed as in a word."""
    n = len(data)
    first = _cls(data, latin, i)
    if first != _LOWER and first != _UPPER and first != _APOSTROPHE:
        return False
    if j - i == 2 and (first == _APOSTROPHE or _cls(data, latin, i + 1) != _LOWER):
        return False
    right = 0  # lowercase ASCII letters after the run, up to two
    while right < 2 and j + right < n and _cls(data, latin, j + right) == _ASCII_LOWER:
        right += 1
    before = _cls(data, latin, i - 1) if i > 0 else _OTHER_CLASS
    if first == _UPPER:  # a capital begins a word, in lowercase or in capitals (ÉCOLE)
        if before == _ASCII_LOWER or before == _ASCII_UPPER:
            return False
        caps = 0
        while j - i == 1 and caps < 2 and j + caps < n and _cls(data, latin, j + caps) == _ASCII_UPPER:
            caps += 1
        return right >= 2 or caps >= 2
    if first == _APOSTROPHE:
        return (before == _ASCII_LOWER or before == _ASCII_UPPER) and right >= 1
    left = 0  # lowercase ASCII letters before the run, and the capital that begins their word
    while left < 2 and i - 1 - left >= 0 and _cls(data, latin, i - 1 - left) == _ASCII_LOWER:
        left += 1
    if left < 2 and i - 1 - left >= 0 and _cls(data, latin, i - 1 - left) == _ASCII_UPPER:
        k = i - 2 - left
        if k < 0 or (_cls(data, latin, k) != _ASCII_LOWER and _cls(data, latin, k) != _ASCII_UPPER):
            left += 1
    need = 1 if j - i == 2 and int(data[i + 1]) == _SHARP_S else 2
    if left + right >= need:
        return True
    # one letter that ends a word (là, où): GB18030 and Big5 cannot end a character there
    return j - i == 1 and left >= 1 and (j == n or _word_end(int(data[j])))


@jit(inline="always")
def _word_end(b: int) -> bool:
    """Whether byte ``b`` after a letter ends the word: ASCII but neither a letter nor a digit."""
    return b < 0x80 and not (0x30 <= b <= 0x39 or 0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A)



@jit
def _cp1252(
    data: Bytes, latin: np.ndarray, in_word: float, cutoff: float, error_cost: float, per_byte: float, out: np.ndarray
) -> bool:
    """``score_cp1252``, stopping once the most it can still end with is below ``cutoff`` (see
    ``_can_stop``); True if it stopped there.

    ASCII scores ``latin[0]``; a run of one or two high bytes ``in_word`` a byte if ``_latin_word``,
    ``latin[0]`` otherwise; a run of three or more ``latin[1]``; an undefined byte (NaN) is an invalid
    sequence. A run is known to be longer than two from its third byte, so no byte is read twice.
    """
    n = len(data)
    score = 0.0
    errors = 0
    chars = 0
    i = 0
    cut = False
    while i < n:
        if _can_stop(score, errors, n - i, cutoff, error_cost, per_byte):
            cut = True
            break
        b = int(data[i])
        if b < 0x80:
            score += latin[_L_SCORE, b]
            chars += 1
            i += 1
            continue
        if i + 2 < n and int(data[i + 1]) >= 0x80 and int(data[i + 2]) >= 0x80:  # a long run
            while i < n and int(data[i]) >= 0x80:
                if _can_stop(score, errors, n - i, cutoff, error_cost, per_byte):
                    cut = True
                    break
                s = latin[_L_RUN, int(data[i])]
                if np.isnan(s):
                    errors += 1
                else:
                    score += s
                    chars += 1
                i += 1
            if cut:
                break
            continue
        j = i + 2 if i + 1 < n and int(data[i + 1]) >= 0x80 else i + 1
        word = _latin_word(data, latin, i, j)
        while i < j:
            s = latin[_L_SCORE, int(data[i])]
            if np.isnan(s):
                errors += 1
            else:
                score += in_word if word else s
                chars += 1
            i += 1
    _finish(out, score, errors, chars, 0, 0)
    return cut


@jit
def count_repeats(data: Bytes) -> tuple[int, int, int]:
    """How many bytes equal the byte before them, the byte 2 before them, and the byte 4 before them
    (the binary model's fill and repeating patterns)."""
    r1, r2, r4 = 0, 0, 0
    for i in range(1, len(data)):
        c = data[i]
        if c == data[i - 1]:
            r1 += 1
        if i >= 2 and c == data[i - 2]:
            r2 += 1
        if i >= 4 and c == data[i - 4]:
            r4 += 1
    return r1, r2, r4


@jit
def count_marks(data: Bytes, control: np.ndarray, min_run: int) -> int:
    """Bytes that text does not hold: controls (``control[b] != 0``), and runs of one byte
    value >= 0x80 at least ``min_run`` long (padding)."""
    n = len(data)
    marks = 0
    i = 0
    while i < n:
        b = int(data[i])
        if control[b] != 0:
            marks += 1
            i += 1
            continue
        j = i + 1
        if b >= 0x80:
            while j < n and int(data[j]) == b:
                j += 1
            if j - i >= min_run:
                marks += j - i
        i = j
    return marks


@jit
def score_all(
    data: Bytes,
    bmp: np.ndarray,
    gb_pairs: np.ndarray,
    big5_pairs: np.ndarray,
    hk_only: np.ndarray,
    latin: np.ndarray,
    in_word: float,
    out: np.ndarray,
) -> None:
    """Every candidate in one call (one dispatch): rows of ``out`` are ``CANDIDATES``.

    Calls ``_double_byte`` itself rather than through ``score_gb18030`` and
    ``score_big5``: one call less each, which short inputs notice.
    """
    _utf8(data, bmp, NO_CUTOFF, 0.0, 0.0, out[0])
    _double_byte(data, bmp, gb_pairs, _NO_HK, True, NO_CUTOFF, 0.0, 0.0, out[1])
    _double_byte(data, bmp, big5_pairs, hk_only, False, NO_CUTOFF, 0.0, 0.0, out[2])
    _utf16(data, bmp, False, _NO_FLAGS, -1, 0.0, NO_CUTOFF, 0.0, 0.0, out[3])
    _utf16(data, bmp, True, _NO_FLAGS, -1, 0.0, NO_CUTOFF, 0.0, 0.0, out[4])
    _cp1252(data, latin, in_word, NO_CUTOFF, 0.0, 0.0, out[5])


@jit
def utf8_evidence(data: Bytes, bmp: np.ndarray) -> tuple[float, float, float, tuple[int, int, int]]:
    """``score_utf8`` and ``count_repeats`` in one call, the first text model and the binary one:
    (score, invalid sequences, 1.0 if the bytes end inside a character, repeated bytes)."""
    out = np.empty(N_OUT, dtype=np.float64)
    _utf8(data, bmp, NO_CUTOFF, 0.0, 0.0, out)
    return out[OUT_SCORE], out[OUT_ERRORS], out[OUT_PARTIAL], count_repeats(data)


#: ``detect_sample``'s ``weights``: each candidate's log-prior (in ``CANDIDATES`` order), then these
W_UTF8_BONUS = len(CANDIDATES)
W_ERROR_COST = W_UTF8_BONUS + 1
W_PARTIAL_COST = W_UTF8_BONUS + 2
W_ASCII_UTF16_COST = W_UTF8_BONUS + 3
W_GAP_CAP = W_UTF8_BONUS + 4
#: the most one byte not yet read can add, per walk: UTF-8, GB18030, Big5, UTF-16, cp1252 (see ``_can_stop``)
W_PER_BYTE_UTF8 = W_UTF8_BONUS + 5
W_PER_BYTE_GB = W_UTF8_BONUS + 6
W_PER_BYTE_BIG5 = W_UTF8_BONUS + 7
W_PER_BYTE_UTF16 = W_UTF8_BONUS + 8
W_PER_BYTE_CP1252 = W_UTF8_BONUS + 9
#: the score of a Latin letter in a word, in the cp1252 walk
W_LATIN_IN_WORD = W_UTF8_BONUS + 10
N_WEIGHTS = W_UTF8_BONUS + 11
#: the rows of the UTF-16 candidates
_UTF16_LE_ROW = 3
_UTF16_BE_ROW = 4
#: GB18030 and Big5 are both scored this far before the one ahead is scored to the end
RACE_BYTES = 64


@jit
def candidate_total(row: np.ndarray, i: int, size: int, ascii_only: bool, weights: np.ndarray) -> float:
    """The detector's total for candidate ``i`` from its row: the score (with the bonus of valid UTF-8),
    its prior, less the cost of invalid sequences, of a cut character and, in UTF-16, of ASCII-only bytes."""
    score = row[OUT_SCORE]
    if i == 0 and row[OUT_ERRORS] == 0:
        score = score + weights[W_UTF8_BONUS] * (size - row[OUT_CHARS]) + row[OUT_LATIN]
    score += weights[i] - weights[W_ERROR_COST] * row[OUT_ERRORS] - weights[W_PARTIAL_COST] * row[OUT_PARTIAL]
    if ascii_only and (i == _UTF16_LE_ROW or i == _UTF16_BE_ROW):
        score -= weights[W_ASCII_UTF16_COST] * row[OUT_CHARS]
    return score


@jit
def _raw(row: np.ndarray, weights: np.ndarray) -> float:
    """A row's raw total (``binary.row_total``), in the same order of operations."""
    return row[OUT_SCORE] - weights[W_ERROR_COST] * row[OUT_ERRORS] - weights[W_PARTIAL_COST] * row[OUT_PARTIAL]


@jit
def _cutoff(out: np.ndarray, done: np.ndarray, size: int, ascii_only: bool, weights: np.ndarray) -> float:
    """A bound under which a candidate still being scored can neither win, come within ``weights[W_GAP_CAP]``
    of the candidates scored to the end (``done``), nor have the best raw total; one nat to spare."""
    raw = NO_CUTOFF
    best = NO_CUTOFF
    top_prior = NO_CUTOFF
    for i in range(out.shape[0]):
        top_prior = max(top_prior, weights[i])
        if done[i]:
            row = out[i]
            raw = max(raw, _raw(row, weights))
            best = max(best, candidate_total(row, i, size, ascii_only, weights))
    return min(raw, best - weights[W_GAP_CAP] - top_prior) - 1.0


@jit
def detect_sample(
    data: Bytes,
    bmp: np.ndarray,
    gb_pairs: np.ndarray,
    big5_pairs: np.ndarray,
    hk_only: np.ndarray,
    latin: np.ndarray,
    weights: np.ndarray,
    ascii_only: bool,
) -> tuple[int, float, float, float, float, float, tuple[int, int, int]]:
    """Rank the candidates for ``data``: (best row, gap to the runner-up, the best row's invalid sequences,
    characters and HKSCS-only pairs, the highest raw total of any row, repeated bytes: ``count_repeats``).

    The best is the first of the highest ``candidate_total``; the raw total is the score less the costs
    (``binary.row_total``). GB18030 and Big5 are scored over the first ``RACE_BYTES``, then the one
    ahead to the end (the order changes how soon the others stop, not what comes out). Every other
    walk stops as soon as the most it could still end with (``_can_stop``: its sums so far, plus at
    most ``weights[W_PER_BYTE_*]`` for each byte it has not read) is below ``_cutoff`` of the
    candidates already scored to the end. A stopped candidate cannot win, have the best raw total or
    come within ``weights[W_GAP_CAP]`` of the best, and is left out of the ranking: the gap is exact
    below that cap, at least the cap above it (infinite when every other walk stopped), and everything
    else is what scoring every candidate to the end gives.
    UTF-8 is stopped only after an invalid sequence (valid UTF-8 earns a bonus at the end).
    """
    n = len(data)
    error_cost = weights[W_ERROR_COST]
    out = np.zeros((len(CANDIDATES), N_OUT), dtype=np.float64)
    done = np.zeros(len(CANDIDATES), dtype=np.bool_)
    # GB18030 and Big5 race over the first RACE_BYTES; the one ahead is scored to the end first
    gb_at = _double_byte_on(data, 0, RACE_BYTES, bmp, gb_pairs, _NO_HK, True, NO_CUTOFF, 0.0, 0.0, out[1])
    big5_at = _double_byte_on(data, 0, RACE_BYTES, bmp, big5_pairs, hk_only, False, NO_CUTOFF, 0.0, 0.0, out[2])
    gb_first = _raw(out[1], weights) >= _raw(out[2], weights)
    for big5 in (not gb_first, gb_first):
        cutoff = _cutoff(out, done, n, ascii_only, weights)
        if big5:
            at = _double_byte_on(data, big5_at, n, bmp, big5_pairs, hk_only, False, cutoff, error_cost,
                                 weights[W_PER_BYTE_BIG5], out[2])
            done[2] = at >= 0
        else:
            at = _double_byte_on(data, gb_at, n, bmp, gb_pairs, _NO_HK, True, cutoff, error_cost,
                                 weights[W_PER_BYTE_GB], out[1])
            done[1] = at >= 0
    cutoff = _cutoff(out, done, n, ascii_only, weights)
    done[0] = not _utf8(data, bmp, cutoff, error_cost, weights[W_PER_BYTE_UTF8], out[0])
    per_byte = weights[W_PER_BYTE_UTF16]
    cutoff = _cutoff(out, done, n, ascii_only, weights)
    done[3] = not _utf16(data, bmp, False, _NO_FLAGS, -1, 0.0, cutoff, error_cost, per_byte, out[3])
    cutoff = _cutoff(out, done, n, ascii_only, weights)
    done[4] = not _utf16(data, bmp, True, _NO_FLAGS, -1, 0.0, cutoff, error_cost, per_byte, out[4])
    cutoff = _cutoff(out, done, n, ascii_only, weights)
    done[5] = not _cp1252(data, latin, weights[W_LATIN_IN_WORD], cutoff, error_cost, weights[W_PER_BYTE_CP1252],
                          out[5])
    best = 0
    top = NO_CUTOFF
    raw = NO_CUTOFF
    for i in range(len(CANDIDATES)):
        if not done[i]:  # stopped: below every bound that matters, whatever its row holds
            continue
        total = candidate_total(out[i], i, n, ascii_only, weights)
        if total > top:
            best = i
            top = total
        raw = max(raw, _raw(out[i], weights))
    runner_up = NO_CUTOFF
    for i in range(len(CANDIDATES)):
        if i != best and done[i]:
            runner_up = max(runner_up, candidate_total(out[i], i, n, ascii_only, weights))
    row = out[best]
    return best, top - runner_up, row[OUT_ERRORS], row[OUT_CHARS], row[OUT_HKSCS], raw, count_repeats(data)
