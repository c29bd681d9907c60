"""Plain-Python versions of the binary-evidence kernels in ``hanpipe.builtin.decode._kernels``."""

from __future__ import annotations

from hanpipe._charmodel import ASTRAL_SCORE, char_scores, text_chars

#: control bytes text does not hold, spelled out: C0 but tab, LF, VT, FF, CR, ESC; and DEL
CONTROL_BYTES = frozenset([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])


def count_repeats(data: bytes) -> tuple[int, int, int]:
    """Bytes equal to the one 1, 2 and 4 places before them."""
    return tuple(sum(1 for i in range(k, len(data)) if data[i] == data[i - k]) for k in (1, 2, 4))  # type: ignore[return-value]


def count_marks(data: bytes, min_run: int) -> int:
    """Control bytes, and bytes of runs of one value >= 0x80 at least ``min_run`` long."""
    marks = sum(1 for b in data if b in CONTROL_BYTES)
    i = 0
    while i < len(data):
        j = i
        while j < len(data) and data[j] == data[i]:
            j += 1
        if data[i] >= 0x80 and j - i >= min_run:
            marks += j - i
        i = j
    return marks


def score_utf16_script(data: bytes, big_endian: bool, block: int, floor: float) -> float | None:
    """The UTF-16 score with text characters of ``block`` raised to ``floor`` unless repeating the one before.

    None if ``data`` is not strict UTF-16.
    """
    try:
        text = data.decode("utf-16-be" if big_endian else "utf-16-le")
    except UnicodeDecodeError:
        return None
    table = char_scores()
    flags = text_chars()
    total = 0.0
    prev = None
    for ch in text:
        cp = ord(ch)
        if cp >= 0x10000:
            total += ASTRAL_SCORE
            prev = None  # a pair: the kernel remembers the last BMP unit only
            continue
        score = float(table[cp])
        if cp // 128 == block and flags[cp] and ch != prev:
            score = max(score, floor)
        total += score
        prev = ch
    return total
