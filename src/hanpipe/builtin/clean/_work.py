"""Which clean-up passes could have work in a text: one scan of its code points, kept with the document.

Most documents give most passes nothing to do: a page has no HTML
reference, no full-width letter, no pinyin annotation, no mojibake. Each
pass still had to look, and on a short document the look (a kernel call, a
regular expression, a few NumPy calls) cost more than the text. Instead one
kernel, :func:`._kernels.classes_seen`, reads the document's code points once
against a table of the BMP whose bits are the classes of characters the
passes look for, and the or of the bits (:func:`work`, kept with the document
as ``doc.view(...)``, so the passes share one scan) tells each pass whether it
could find anything. A pass whose bits are missing hands the document back as
it came.

The bits are necessary conditions, never sufficient ones: a pass whose bits
are there looks as before. For each pass (``tests/builtin/clean/test_work.py``
checks the claim on the seeds and on random texts):

* ``mojibake``: a Latin-1 sign or a signature triple (what its own sign scan
  :func:`._kernels.find_signs` looks for), else a rare two-byte GBK character
  soon after a ``?`` or U+FFFD, where a byte-shifted run begins (what
  :func:`._kernels.shift_candidates` looks for first);
* ``entities``: ``&``; ``newlines``: CR, NEL, U+2028 or U+2029;
* ``spaces``: a character of its class table; ``width``: likewise;
* ``pinyin``: a tone-marked letter (every syllable it removes has one) and a
  parenthesis (ASCII or full width);
* ``damaged``: U+FFFD, a ``?`` next to a Han character, a rare character
  (box drawing, CJK radicals, private use) or a lone surrogate (one class
  bit for the last two).

A pass that edits the text makes a new document, whose first look scans
again: what an edit brings in (``&#x3f;`` becomes ``?``) is seen. A text of
more than :data:`SCAN_MOST` characters is not scanned: every pass looks, as
the scans would cost more than they spare.

The batch forms do not use it (a batch of many documents holds most
classes somewhere, so a scan of its joined text would cost without sparing
anything), except ``damaged``'s, which it spares two regular-expression
scans of the batch.

The table is made on first use from the passes' classes of characters (:mod:`._classes`).
"""

from __future__ import annotations

import numpy as np

from ..._charmodel import PINYIN_LETTERS
from ..._text import table
from ...document import Document
from ._byteshift import LOOK_BACK, LOSS_REACH, rare_doubles
from ._classes import LATIN_ONLY, PINYIN_LATIN1, RARE_TABLE, SPACE_OR_INVISIBLE, WIDE_TABLE, gbk_classes
from ._kernels import (
    K_AMPERSAND,
    K_CONT_CONT,
    K_CONT_LEAD,
    K_HAN,
    K_LATIN_ONLY,
    K_LATIN_SIGN,
    K_LEAD_CONT,
    K_LINE_END,
    K_LOSS,
    K_PARENTHESIS,
    K_PINYIN_LATIN1,
    K_QUESTION_HAN,
    K_RARE,
    K_REPLACEMENT,
    K_SHIFT,
    K_SHIFT_RARE,
    K_SPACE,
    K_TONE,
    K_TRIPLE,
    K_WIDE,
    classes_seen,
)

__all__ = [
    "DAMAGED",
    "ENTITIES",
    "LINE_ENDS",
    "MOJIBAKE_SIGNS",
    "SHIFT",
    "SPACES",
    "WIDE",
    "class_table",
    "has_pinyin",
    "work",
]

#: what each pass needs one of (``pinyin`` needs both of its own, see :func:`has_pinyin`)
MOJIBAKE_SIGNS = K_LATIN_SIGN | K_TRIPLE
SHIFT = K_SHIFT
ENTITIES = K_AMPERSAND
LINE_ENDS = K_LINE_END
SPACES = K_SPACE
WIDE = K_WIDE
DAMAGED = K_REPLACEMENT | K_QUESTION_HAN | K_RARE
_PINYIN = K_TONE | K_PARENTHESIS

_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
#: every tone-marked letter of a pinyin syllable (ü alone marks no tone)
_TONE_MARKED = PINYIN_LETTERS.replace("ü", "")

#: how far after a mark of a lost byte a byte-shifted run may begin
_REACH = LOSS_REACH + LOOK_BACK

_classes: np.ndarray | None = None


def class_table() -> np.ndarray:
    """The uint16 table of the BMP that :func:`._kernels.classes_seen` reads, made on first use."""
    global _classes
    if _classes is None:
        _classes = _make_table()
    return _classes


def _make_table() -> np.ndarray:
    lead_cont, cont_lead, cont_cont, _ = gbk_classes()
    out = np.zeros(0x10000, dtype=np.uint16)
    for bit, chars in (
        (K_LATIN_ONLY, LATIN_ONLY),
        (K_PINYIN_LATIN1, PINYIN_LATIN1),
        (K_LEAD_CONT, lead_cont),
        (K_CONT_LEAD, cont_lead),
        (K_CONT_CONT, cont_cont),
        (K_LOSS, table("?\ufffd")),
        (K_REPLACEMENT, table("\ufffd")),
        (K_AMPERSAND, table("&")),
        (K_LINE_END, table("\r\x85\u2028\u2029")),
        (K_SPACE, SPACE_OR_INVISIBLE),
        (K_WIDE, WIDE_TABLE),
        (K_TONE, table(_TONE_MARKED)),
        (K_PARENTHESIS, table("()\uff08\uff09")),
        (K_HAN, table(ranges=_HAN_RANGES)),
        (K_RARE, RARE_TABLE | table(ranges=[(0xD800, 0xDFFF)])),
        (K_SHIFT_RARE, rare_doubles()),
    ):
        out[np.asarray(chars, dtype=bool)] |= np.uint16(bit)
    out.flags.writeable = False
    return out


def _scan(doc: Document) -> int:
    return int(classes_seen(doc.code_points, _classes if _classes is not None else class_table(), _REACH))


#: a longer text is not scanned: every pass looks (the scan, and again after each pass that edits,
#: cost a 4 MB page a third more than the looks it spared)
SCAN_MOST = 1 << 16
#: every class bit: each pass looks
_EVERY = (1 << 32) - 1


def work(doc: Document) -> int:
    """The class bits of ``doc.text`` (see the module docstring), scanned once per document; every bit
    for a text of more than :data:`SCAN_MOST` characters."""
    if len(doc.text) > SCAN_MOST:
        return _EVERY
    return doc.view(_scan)


def has_pinyin(bits: int) -> bool:
    """Whether a text with class ``bits`` could hold a pinyin annotation: a tone mark and a parenthesis."""
    return bits & _PINYIN == _PINYIN
