"""The cp1252 candidate: European text in Windows-1252 / Latin-1 is not Chinese.

French, German, Spanish, Portuguese, Italian or Swedish text in cp1252 is
ASCII letters with a high byte here and there where an accented letter goes
(``caf\\xe9``, ``Gr\\xf6\\xdfe``, ``se\\xf1or``). Read as GB18030 or Big5,
such a byte takes the ASCII letter after it as a trail byte and makes a Han
character (``cr鑝e``), or is invalid before a space or punctuation. The
character model of :mod:`hanpipe._charmodel` scores an accented letter in
Chinese web text (``LATIN1``, -12), so one Han character of two bytes often
beat an accented letter and the letter after it: Latin text came out as
invented Chinese with a high confidence.

The cp1252 walk (``_kernels._cp1252``) reads a byte as cp1252 decodes it and
scores it on the footing of the others, the character model's ASCII scores
and ``ERROR_COST`` for the five bytes cp1252 leaves undefined, but for high
bytes it asks where they stand:

* a run of one or two high bytes that are Latin letters placed as in a Latin
  word scores ``IN_WORD`` a byte: a lowercase letter with at least two ASCII
  letters around it (lowercase ones, and a capital that begins the word, before
  it; lowercase ones after it), or a lowercase letter alone that ends a word
  after an ASCII letter (``là``, ``où``: a space, punctuation or the end of
  the bytes after it, where no GB18030 or Big5 character ends), a capital
  that begins a word (no ASCII letter before it) followed by two lowercase
  letters or, alone, by two capitals (``ÉCOLE``), a pair whose second
  letter is lowercase (``üß`` needs one letter around it, others two), and
  the apostrophe 0x92 between letters (``don\\x92t``);
* any other high byte in a run of one or two scores the character model's
  score of its cp1252 character, but at most ``OUTSIDE``;
* a run of three or more high bytes, which Latin text hardly holds but
  Chinese and UTF-8 always do, scores at most ``RUN`` a byte.

European text in UTF-8 meets the same trap: ``ä`` (C3 A4) is also GBK's
盲, ``ñ`` (C3 B1) 帽, ``û`` (C3 BB) 没, so a short text with a few such
letters reads well as GB18030. The UTF-8 walk adds, to valid UTF-8 only,
what a cp1252 letter (of Latin-1, or Œ Š Ž Ÿ) placed as in a Latin word
would add scored ``IN_WORD`` (``_kernels.OUT_LATIN``; a letter that ends a
word is no evidence there, as a GB18030 character may end before a space).

Calibrated on 257,000 windows of the five seeds (4, 8, 12, 16, 24 and 64
bytes, every character; GB18030, and Big5 for what it encodes) against the
other candidates, and on the Latin sentences of
``tests/builtin/decode/test_latin.py``: no Chinese window reads better as
cp1252 (the closest, the Big5 window ``与C+`` that reads ``ÉOC+``, stays
2.3 nats behind its winner), and every Latin sentence reads best as cp1252
(the closest, ``le cœur léger``, by 1.8 nats).
"""

from __future__ import annotations

import functools

import numpy as np

from ..._charmodel import char_scores
from . import _kernels as K

__all__ = ["IN_WORD", "OUTSIDE", "PRIOR", "RUN", "latin_table"]

#: a high byte that is a Latin letter placed as in a Latin word: the accented letter and the
#: evidence that the ASCII letters around it make a word (about one letter in twelve); the UTF-8
#: walk gives the same to such a letter of two bytes (``_kernels.OUT_LATIN``)
IN_WORD = K.LATIN_IN_WORD
#: the most any other high byte in a run of one or two scores
OUTSIDE = -12.0
#: the most a byte of a run of three or more high bytes scores
RUN = -16.0
#: log-prior of the candidate: below every Chinese encoding, above UTF-16 without a BOM
PRIOR = -2.0

#: ``latin_table()`` rows
ROW_SCORE = 0
ROW_RUN = 1
ROW_CLASS = 2
#: classes of ``ROW_CLASS``
OTHER = 0
LOWER = 1
UPPER = 2
APOSTROPHE = 3
ASCII_LOWER = 4
ASCII_UPPER = 5

#: the Latin letters of cp1252 outside Latin-1: Š Œ Ž š œ ž Ÿ
_CP1252_LETTERS = (0x8A, 0x8C, 0x8E, 0x9A, 0x9C, 0x9E, 0x9F)


@functools.lru_cache(maxsize=1)
def latin_table() -> np.ndarray:
    """float64 ``(3, 256)``: per byte, its score in a run of one or two (``ROW_SCORE``; ASCII as the
    character model has it), in a longer run of high bytes (``ROW_RUN``), NaN where cp1252 leaves the
    byte undefined, and its class (``ROW_CLASS``: ``LOWER``/``UPPER`` Latin letter, ``APOSTROPHE``,
    ``ASCII_LOWER``/``ASCII_UPPER``, or ``OTHER``)."""
    bmp = char_scores()
    table = np.full((3, 256), np.nan, dtype=np.float64)
    table[ROW_CLASS] = OTHER
    for b in range(256):
        try:
            ch = bytes((b,)).decode("cp1252")
        except UnicodeDecodeError:
            continue
        score = float(bmp[ord(ch)])
        if b < 0x80:
            table[ROW_SCORE, b] = table[ROW_RUN, b] = score
            if ch.isascii() and ch.isalpha():
                table[ROW_CLASS, b] = ASCII_LOWER if ch.islower() else ASCII_UPPER
            continue
        table[ROW_SCORE, b] = min(score, OUTSIDE)
        table[ROW_RUN, b] = min(score, RUN)
        if (b >= 0xC0 and b not in (0xD7, 0xF7)) or b in _CP1252_LETTERS:
            table[ROW_CLASS, b] = LOWER if ch.islower() else UPPER
        elif b == 0x92:
            table[ROW_CLASS, b] = APOSTROPHE
    table.flags.writeable = False
    return table
