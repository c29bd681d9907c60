"""What is not text is not Chinese: tell binary data from text, in any encoding.

A sample of the bytes (what the detector looked at: the first KiB, more
when it looked further) is explained two ways, and the explanations compared
as a log-likelihood ratio per byte, in nats (``Evidence.llr``):

* **text**: the best of several text models — the character model of
  :mod:`hanpipe._charmodel` under each candidate encoding (UTF-8,
  GB18030, Big5, UTF-16-LE, UTF-16-BE, and cp1252 as
  :mod:`~hanpipe.builtin.decode.latin` reads it); UTF-8 text of any script
  (:func:`~hanpipe._charmodel.utf8_text_scores`: valid UTF-8 is itself
  evidence); and UTF-16 text of one alphabet the model does not know (text
  characters of the sample's most common 128-code-point block score at least
  ``log(1/256)``, and naming the block costs ``log(512)`` nats). Invalid
  sequences cost ``ERROR_COST`` each, as in detection;
* **binary**: each byte repeats the one before (fill), or the one 2 or 4
  before (a pattern: a table of records), or is any byte value, half and
  half — except that a known format signature at the start
  (:data:`SIGNATURES`) is one of ``len(SIGNATURES)`` equally likely
  beginnings, so it counts for binary. Without the fill, a run of one byte
  (``01 01 01``) would read as text: one letter repeated (``āāā`` in UTF-16).

Control bytes need no rule of their own: the character model gives a control
character ``CONTROL`` (-20), far below the -6.2 of a random byte, unless a
UTF-16 reading explains the byte (the zero high byte of ASCII in UTF-16).

The sample is **binary** when ``llr < THRESHOLD`` and it holds marks:
control bytes (C0 but tab, line feed, VT, form feed, CR and ESC; DEL) or
padding (a run of ``PADDING_RUN`` or more of one byte value >= 0x80), at
least one and ``MARK_SHARE`` of the sample. Text in an 8-bit encoding
hanpipe does not read (cp1251 Russian, cp1253 Greek, Shift-JIS) reads
badly in every model but holds no control bytes: it gets a low confidence
(``text_probability``), not the binary flag.

Binary input decoded by the ``auto`` detector is decoded as UTF-8 with
replacement characters, which invents no character: readable ASCII stays,
everything else is U+FFFD. :func:`binary_damage` lists the spans that are
not readable text.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

import numpy as np

from ..._charmodel import ERROR_COST, PARTIAL_COST, big5_tables, char_scores, gb_table, text_chars, utf8_text_scores
from ..._text import code_points, table
from . import _kernels as K
from .latin import IN_WORD, latin_table

__all__ = [
    "SIGNATURES",
    "THRESHOLD",
    "Evidence",
    "assess",
    "binary_damage",
    "clearly_text",
    "fill_loglik",
    "pattern_loglik",
    "row_total",
    "text_probability",
    "utf8_llr",
]

#: the binary model: a byte repeats the one before (fill: ``00 00 00``, ``ff ff``) half the
#: time, and is any of the 256 values otherwise
FILL_REPEAT = math.log(0.5 + 0.5 / 256)
FILL_OTHER = math.log(0.5 / 256)

#: Per-byte log-likelihood ratio, text over binary, below which bytes with marks are binary.
#: Measured with this module (best text model, ``llr``) on 157,000 windows of the five seeds
#: (16, 20, 40, 60 and 4096 bytes, UTF-8, GB18030, UTF-16-LE/BE, Big5) against random bytes
#: and zlib, gzip, bz2 and lzma output of the seeds:
#:
#: ================================  ======  ======  ======  ======
#: sample                            min     0.1 %   median  max
#: ================================  ======  ======  ======  ======
#: seed windows, 16-60 bytes          -1.04    0.55    2.3
#: seed windows, 4 KiB                 1.40            2.3
#: random bytes, 16                                  -1.84    0.39
#: random bytes, 64                                  -2.46   -1.29
#: random bytes, 1 KiB                               -2.80   -2.56
#: compressed, 64-byte slices                        -2.46   -1.27
#: compressed, 1 KiB slices                          -2.82   -2.55
#: ================================  ======  ======  ======  ======
#:
#: The lowest text windows are the seeds' own damaged fragments (``槲覀兌贾溃竽P``,
#: bytes lost in the crawl). -1.5 leaves 0.46 nats a byte below the lowest of them and 2
#: below 99.9 % of the windows, and sits 1 nat a byte above the median of random and
#: compressed data from 64 bytes on: every random KiB is flagged, 99.7 % of random
#: 64-byte samples, about 60 % of 16-byte ones (short binary is mostly ambiguous).
THRESHOLD = -1.5
#: marks (control or padding bytes) needed besides: at least one, and this share of the sample
MARK_SHARE = 0.01
#: a run of one byte value >= 0x80 this long is padding (0xFF fill), not text
PADDING_RUN = 4
#: naming the block of the one-alphabet UTF-16 model: one of 512 blocks of 128 code points
BLOCK_COST = math.log(512)
#: a text character of that block scores at least this (one of 128 letters, or ASCII: half and half)
BLOCK_FLOOR = -math.log(256)
#: ``text_probability`` is the logistic of ``size * (llr - THRESHOLD)``; above ``CLEAR`` nats
#: of evidence the models that detection did not run are not run either
CLEAR = 12.0
#: printable runs shorter than this between damaged spans of binary input are damaged too
#: (``strings(1)`` reads runs of four characters or more)
MIN_STRING = 4

#: Magic numbers of common binary formats, at offset 0.
SIGNATURES: dict[str, bytes] = {
    "png": b"\x89PNG\r\n\x1a\n",
    "gzip": b"\x1f\x8b",
    "zip": b"PK\x03\x04",
    "pdf": b"%PDF-",
    "elf": b"\x7fELF",
    "jpeg": b"\xff\xd8\xff",
    "gif": b"GIF8",
    "bzip2": b"BZh",
    "xz": b"\xfd7zXZ\x00",
    "7z": b"7z\xbc\xaf\x27\x1c",
    "zstd": b"\x28\xb5\x2f\xfd",
    "sqlite": b"SQLite format 3\x00",
    "java-class": b"\xca\xfe\xba\xbe",
    "wasm": b"\x00asm",
    "ole2": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    "rar": b"Rar!\x1a\x07",
    "ogg": b"OggS",
    "mach-o": b"\xcf\xfa\xed\xfe",
    "pe": b"MZ",
}

#: control bytes that text does not hold (tab, LF, VT, FF, CR and ESC are text)
_CONTROL_BYTES = np.zeros(256, dtype=np.uint8)
_CONTROL_BYTES[[*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F]] = 1
#: characters of binary input that are not readable text: U+FFFD, those controls, C1, noncharacters
_NOT_TEXT = table(
    "\ufffd\x7f\ufffe",
    ranges=[(0x00, 0x08), (0x0E, 0x1A), (0x1C, 0x1F), (0x80, 0x9F), (0xFDD0, 0xFDEF), (0xFFFF, 0xFFFF)],
)

#: the text models, in the order ``assess`` scores them
MODELS = (*K.CANDIDATES, "utf-8-any", "utf-16-le-alphabet", "utf-16-be-alphabet")


@dataclasses.dataclass(frozen=True)
class Evidence:
    """How much a sample of bytes reads like text rather than binary data."""

    #: log-likelihood ratio per byte (nats), best text model over binary
    llr: float
    #: bytes in the sample
    size: int
    #: control and padding bytes in the sample (counted only when ``llr`` is low)
    marks: int = 0
    #: the text model that explains the sample best
    model: str = ""
    #: the format whose signature the sample starts with
    signature: str | None = None

    @property
    def binary(self) -> bool:
        return self.llr < THRESHOLD and self.marks >= max(1.0, MARK_SHARE * self.size)

    @property
    def text_probability(self) -> float:
        """Probability that the sample is text: :func:`text_probability` of ``llr`` over ``size`` bytes."""
        return text_probability(self.llr, self.size)


def text_probability(llr: float, size: int) -> float:
    """Probability that ``size`` bytes with a text-over-binary ratio of ``llr`` nats a byte are text,
    with even prior odds at ``THRESHOLD`` nats a byte.

    An infinite ``llr`` (no bytes to weigh, or a byte-order mark taken at its word) is 1.0,
    also for an empty sample, where ``size * llr`` would be NaN.
    """
    if llr == math.inf:
        return 1.0
    x = size * (llr - THRESHOLD)
    return 1.0 / (1.0 + math.exp(-min(max(x, -50.0), 50.0)))


def clearly_text(llr: float, size: int) -> bool:
    """Whether a ratio of ``llr`` over ``size`` bytes is ``CLEAR`` evidence of text on its own: then
    no other model is run, and the bytes are text (not binary) whatever the others would say."""
    return size * (llr - THRESHOLD) >= CLEAR


def row_total(row: Sequence[float] | np.ndarray) -> float:
    """A text model's log-probability from its kernel row (a list, or an array row): the score, less
    ``ERROR_COST`` per invalid sequence and ``PARTIAL_COST`` for a character cut at the end."""
    return row[K.OUT_SCORE] - ERROR_COST * row[K.OUT_ERRORS] - PARTIAL_COST * row[K.OUT_PARTIAL]


def _total(row: np.ndarray) -> float:
    return float(row_total(row))


def fill_loglik(repeats: int, size: int) -> float:
    """Log-probability of ``size`` bytes as binary when ``repeats`` of them equal the byte before."""
    return repeats * FILL_REPEAT + (size - repeats) * FILL_OTHER


#: what reading ``data`` as a repeating pattern of 2 or 4 bytes rather than a fill costs (``00 01 02
#: ff`` over and over: a table of records), in nats: a fill reads as it did
PERIOD_COST = math.log(4)


def pattern_loglik(repeats: tuple[int, int, int], size: int) -> float:
    """Log-probability of ``size`` bytes as binary with ``repeats`` (``K.count_repeats``: bytes equal to
    the one 1, 2 and 4 before): each byte repeats the one before (fill), or the one 2 or 4 before (a
    repeating pattern), or is random; the best of the three readings."""
    r1, r2, r4 = repeats
    return max(fill_loglik(r1, size), fill_loglik(max(r2, r4), size) - PERIOD_COST)


def binary_loglik(data: np.ndarray) -> float:
    """Log-probability of ``data`` as binary (:func:`pattern_loglik`)."""
    return pattern_loglik(K.count_repeats(data), data.shape[0])


def utf8_llr(sample: bytes) -> float:
    """The per-byte ratio of ``sample`` under the first text model tried: UTF-8 text of any script
    (:func:`~hanpipe._charmodel.utf8_text_scores`), one kernel call."""
    size = len(sample)
    score, errors, partial, repeats = K.utf8_evidence(sample, utf8_text_scores())
    return (score - ERROR_COST * errors - PARTIAL_COST * partial - pattern_loglik(repeats, size)) / size


def candidate_llr(out: np.ndarray, sample: bytes) -> float:
    """The best per-byte ratio among ``score_all``'s rows for ``sample`` (the character model only)."""
    best = max(row_total(row) for row in out.tolist())
    return (best - binary_loglik(np.frombuffer(sample, dtype=np.uint8))) / len(sample)


def _mode_block(data: np.ndarray, big_endian: bool) -> int:
    """The most common 128-code-point block of ``data`` read as UTF-16, ASCII's block aside."""
    m = data.shape[0] // 2 * 2
    units = data[:m].view(">u2" if big_endian else "<u2")
    counts = np.bincount(units >> 7, minlength=512)
    counts[0] = 0
    return int(np.argmax(counts))


def assess(sample: bytes, *, quick: float | None = None) -> Evidence:
    """The text-or-binary evidence of ``sample``.

    ``quick`` is the per-byte ratio of some text model on this sample, if the
    caller has one (detection scores the candidates anyway): when it alone
    is ``CLEAR`` evidence of text, no other model is run.
    """
    size = len(sample)
    if not size:
        return Evidence(llr=math.inf, size=0)
    if quick is None:
        quick = utf8_llr(sample)
    if clearly_text(quick, size):
        return Evidence(llr=quick, size=size)
    data = np.frombuffer(sample, dtype=np.uint8)
    binary = binary_loglik(data)
    out = np.zeros((len(MODELS), K.N_OUT), dtype=np.float64)
    pairs, hk_only = big5_tables()
    K.score_all(data, char_scores(), gb_table(), pairs, hk_only, latin_table(), IN_WORD, out[: len(K.CANDIDATES)])
    k = len(K.CANDIDATES)
    K.score_utf8(data, utf8_text_scores(), out[k])
    totals = [_total(row) for row in out[: k + 1]]
    for big_endian, row in ((False, out[k + 1]), (True, out[k + 2])):
        if size >= 2:
            K.score_utf16_script(
                data, char_scores(), big_endian, text_chars(), _mode_block(data, big_endian), BLOCK_FLOOR, row
            )
            totals.append(_total(row) - BLOCK_COST)
        else:
            totals.append(-math.inf)
    best = int(np.argmax(totals))
    total = totals[best]
    signature = next((name for name, magic in SIGNATURES.items() if sample.startswith(magic)), None)
    if signature is not None:  # binary: one of len(SIGNATURES) beginnings, then fill and random bytes
        binary = binary_loglik(data[len(SIGNATURES[signature]) :]) - math.log(len(SIGNATURES))
    marks = int(K.count_marks(data, _CONTROL_BYTES, PADDING_RUN))
    return Evidence(llr=(total - binary) / size, size=size, marks=marks, model=MODELS[best], signature=signature)


def binary_damage(text: str) -> list[list[int]]:
    """``[start, end]`` spans of ``text`` (decoded binary input) that are not readable text.

    U+FFFD, control characters and noncharacters are damaged, and so are the
    printable runs shorter than ``MIN_STRING`` between them.
    """
    cps = code_points(text)
    bad = _NOT_TEXT[np.minimum(cps, 0xFFFF)] | (cps == 0xFFFF)  # 0xFFFF stands for the astral planes in tables
    if not bad.any():
        return []
    starts, ends = _runs(~bad)
    short = starts[ends - starts < MIN_STRING]
    if len(short):  # short readable runs join the damage around them
        bad = bad.copy()
        lengths = (ends - starts)[ends - starts < MIN_STRING]
        bad[np.repeat(short, lengths) + _ranks(lengths)] = True
    starts, ends = _runs(bad)
    return [[s, e] for s, e in zip(starts.tolist(), ends.tolist())]


def _runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends of the runs of True in ``mask``."""
    padded = np.concatenate(([False], mask, [False])).view(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return edges[0::2], edges[1::2]


def _ranks(lengths: np.ndarray) -> np.ndarray:
    """``0..n-1`` for each ``n`` in ``lengths``, concatenated."""
    total = int(lengths.sum())
    offsets = np.repeat(np.cumsum(lengths) - lengths, lengths)
    return np.arange(total) - offsets
