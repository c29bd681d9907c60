"""Plain-Python scoring of bytes under one encoding, through Python's own codecs.

The reference for the numba kernels in ``hanpipe.builtin.decode._kernels``: decode
strictly with the codec, then add up the character model's score of each
character. GB18030 four-byte sequences score ``GB_FOUR_BYTE_SCORE`` (or
``ASTRAL_SCORE`` beyond the BMP), as in the kernel; Big5 is scored as
Big5-HKSCS decodes it.
"""

from __future__ import annotations

from hanpipe._charmodel import ASTRAL_SCORE, GB_FOUR_BYTE_SCORE, char_scores

CODEC = {"big5": "big5hkscs"}


def reference_score(data: bytes, encoding: str) -> float | None:
    """Score of ``data`` decoded strictly with ``encoding``; None if it does not decode."""
    codec = CODEC.get(encoding, encoding)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    table = char_scores()
    total = 0.0
    for ch in text:
        cp = ord(ch)
        if codec == "gb18030" and cp >= 0x80 and len(ch.encode("gb18030")) == 4:
            total += ASTRAL_SCORE if cp >= 0x10000 else GB_FOUR_BYTE_SCORE
        elif cp >= 0x10000:
            total += ASTRAL_SCORE
        else:
            total += float(table[cp])
    return total
