"""The classes of characters the clean-up passes look for, as tables of the BMP (and patterns).

They live here because two kinds of reader share them: each pass, which
scans for its class, and :mod:`._work`, whose one scan of a document tells
which passes could find anything in it.
"""

from __future__ import annotations

import functools

import numpy as np

from ..._charmodel import PINYIN_LATIN1_LETTERS
from ..._text import table

__all__ = [
    "FULL",
    "KEEP_FULL_WIDTH",
    "LATIN_LETTERS",
    "LATIN_ONLY",
    "PINYIN_LATIN1",
    "RARE",
    "RARE_TABLE",
    "SPACE_OR_INVISIBLE",
    "WIDE_SIGNS",
    "WIDE_TABLE",
    "gbk_classes",
]

# -- spaces and invisible characters (the ``spaces`` pass) ----------------------

#: what the ``spaces`` pass changes: no-break, typographic and ideographic spaces, zero-width
#: characters, soft hyphens, BOMs, C0 controls but tab, line feed and CR, DEL and C1 controls but NEL
SPACE_OR_INVISIBLE = table(
    ranges=[
        (0xA0, 0xA0),
        (0x2000, 0x200F),
        (0x202F, 0x202F),
        (0x205F, 0x2064),
        (0x3000, 0x3000),
        (0x00, 0x08),
        (0x0B, 0x0C),
        (0x0E, 0x1F),
        (0x7F, 0x84),
        (0x86, 0x9F),
        (0xAD, 0xAD),
        (0xFEFF, 0xFEFF),
    ]
)


# -- full width (the ``width`` pass) ----------------------------------------------

#: Chinese punctuation that stays full width (also 。“”、 and the like, which
#: are outside the full-width block anyway)
KEEP_FULL_WIDTH = "，：；？！（）"
FULL = "".join(chr(c) for c in range(0xFF01, 0xFF5F) if chr(c) not in KEEP_FULL_WIDTH)
WIDE_SIGNS = {
    "\uffe0": "\xa2",
    "\uffe1": "\xa3",
    "\uffe2": "\xac",
    "\uffe3": "\xaf",
    "\uffe4": "\xa6",
    "\uffe5": "\xa5",
    "\uffe6": "\u20a9",
}
#: what the ``width`` pass changes
WIDE_TABLE = table(FULL + "".join(WIDE_SIGNS))

# -- rare characters next to Han (the ``damaged`` pass) -------------------------

#: box-drawing characters, CJK radicals and private-use characters (a pattern's character class)
RARE = "\u2500-\u257f\u2e80-\u2eff\ue000-\uf8ff"
RARE_TABLE = table(ranges=[(0x2500, 0x257F), (0x2E80, 0x2EFF), (0xE000, 0xF8FF)])
#: lone surrogates: halves of characters that a str can hold but no encoding can write
SURROGATE_TABLE = table(ranges=[(0xD800, 0xDFFF)])

# -- the signs of mojibake (the ``mojibake`` pass) ---------------------------------

#: a Latin-1 letter or sign that Chinese text does not use by itself (pinyin letters count only
#: outside a word): without one, no run has a confident Latin-1 reading
LATIN_LETTERS = table(ranges=[(0xA1, 0xFF)]) & ~table("\xa9\xae\xb0\xb1\xb7\xd7\xf7")
PINYIN_LATIN1 = table(PINYIN_LATIN1_LETTERS)
#: Latin-1 letters and signs that count wherever they stand; pinyin letters count outside a word
LATIN_ONLY = LATIN_LETTERS & ~PINYIN_LATIN1


@functools.lru_cache(maxsize=1)
def gbk_classes() -> tuple[np.ndarray, np.ndarray, np.ndarray, frozenset[str]]:
    """The signature of UTF-8 Chinese read as GBK, and the characters a fragment can start with.

    Two three-byte UTF-8 characters ``L C C L C C`` read as GBK pair up as
    ``(L C) (C L) (C C)``: three characters whose GB18030 bytes are a lead and
    a continuation, a continuation and a lead, two continuations. Any run
    of three or more Chinese characters in UTF-8 holds such a triple. Returns
    the three classes as BMP tables, and the possible first characters.
    """
    lead_cont: list[str] = []
    cont_lead: list[str] = []
    cont_cont: list[str] = []
    starts: list[str] = []
    for b1 in range(0x81, 0xFF):
        for b2 in [*range(0x40, 0x7F), *range(0x80, 0xFF)]:
            ch = bytes((b1, b2)).decode("gb18030", errors="ignore")
            if len(ch) != 1:
                continue
            if 0xC2 <= b1 <= 0xF4 and 0x80 <= b2 <= 0xBF:
                starts.append(ch)
                if 0xE1 <= b1 <= 0xEF:
                    lead_cont.append(ch)
            if 0x80 <= b1 <= 0xBF and 0xE1 <= b2 <= 0xEF:
                cont_lead.append(ch)
            if 0x80 <= b1 <= 0xBF and 0x80 <= b2 <= 0xBF:
                cont_cont.append(ch)
    return table(lead_cont), table(cont_lead), table(cont_cont), frozenset(starts)
