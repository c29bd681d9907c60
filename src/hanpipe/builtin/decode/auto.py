"""Detector ``auto``: which encoding made these bytes, from as few as 16 of them.

Order of evidence:

1. a byte-order mark (UTF-8, UTF-32, UTF-16) decides;
2. bytes that are strict UTF-8 with at least eight multi-byte characters are
   UTF-8 (no other candidate produces that by chance);
3. otherwise every candidate — UTF-8, GB18030 (which covers GBK and GB2312),
   Big5 / Big5-HKSCS, UTF-16-LE and UTF-16-BE without BOM, and cp1252 for
   European text (:mod:`hanpipe.builtin.decode.latin`) — is scored on the
   first KiB (more while undecided) by a numba kernel that walks the bytes as the
   codec would and adds up the log-probability of each character under the
   character model of :mod:`hanpipe._charmodel` (jieba's and OpenCC's
   frequencies for Han characters, fixed scores for other classes; accented
   letters placed as in Latin words score as :mod:`~hanpipe.builtin.decode.latin`
   says, in cp1252 and in valid UTF-8). An invalid byte sequence costs
   ``ERROR_COST``; the highest total wins.

Then the same sample (the first KiB after a BOM or for sure UTF-8) is asked
whether it is text at all (:mod:`hanpipe.builtin.decode.binary`). Binary input sets
``meta["binary"] = True`` and is decoded as UTF-8 with replacement
characters, whatever the encoding guess; with a forced encoding it is decoded
as told and flagged all the same.

``meta["confidence"]`` is the winner's probability against the runner-up
(a logistic function of the score gap; 1.0 for a BOM or long valid UTF-8)
times the probability that the bytes are text at all (about 0 for binary
input and for text in 8-bit encodings hanpipe does not read). A forced
encoding has confidence 1.0. Bytes that decode in no candidate are decoded
with replacement characters, and their spans are listed in
``meta["damaged"]`` as ``[start, end]`` pairs in **source** coordinates
(positions in ``Document.source``), which later passes never move; for
binary input so are the control characters and the short printable runs
between them. Nothing here raises on any input but a forced encoding that
Python does not know (:class:`~hanpipe.errors.DecodeError`).

Two paths reach the same decision. :func:`_examine_full` takes the steps above
one by one and is the reference; :func:`_examine` and ``AutoDecoder.decode``
are what runs, for a cost per document that short documents can bear: one
kernel call per sample (``K.detect_sample``) ranks the candidates and stops
scoring those that can no longer matter, and a page whose first text model is
clear evidence of text goes straight to its Document. Their sums are the
reference's, in the same order, so the results are equal to the bit
(``tests/builtin/decode/test_fast_path.py``).
"""

from __future__ import annotations

import codecs
import functools
import math

import numpy as np

from ..._charmodel import ERROR_COST, PARTIAL_COST, big5_tables, char_scores, gb_table
from ..._text import replacement_spans
from ...document import Document
from ...errors import DecodeError
from . import _kernels as K
from .binary import (
    Evidence,
    assess,
    binary_damage,
    candidate_llr,
    clearly_text,
    pattern_loglik,
    text_probability,
    utf8_llr,
)
from .latin import IN_WORD, latin_table
from .latin import PRIOR as LATIN_PRIOR

__all__ = ["AutoDecoder", "detect", "sniff"]

#: detection looks at the first 1 KiB, and further while the best candidate
#: leads the runner-up by less than ``DECISIVE_GAP`` nats
SCAN_STEPS = (1024, 8 * 1024, 64 * 1024)
MAX_SCAN_BYTES = SCAN_STEPS[-1]
DECISIVE_GAP = 30.0
#: strict UTF-8 with this many continuation bytes is UTF-8 without scoring
UTF8_SURE_EXTRA = 16
#: pure ASCII without NUL this long is ASCII (shorter, it might be UTF-16 Han)
ASCII_SURE_BYTES = 256
#: bonus per continuation byte of valid UTF-8 (chance rarely makes them)
UTF8_EXTRA_BONUS = 0.5
#: per UTF-16 character, when every byte is ASCII: log(P(both bytes < 0x80 | Han in UTF-16)) ~ log(0.3)
ASCII_UTF16_COST = 1.2
#: log-prior of each candidate: breaks ties, and asks UTF-16 without BOM for
#: a little more evidence than the byte-oriented encodings
PRIOR = {"utf-8": 1.0, "gb18030": 0.5, "big5": 0.0, "utf-16-le": -4.0, "utf-16-be": -4.5, "cp1252": LATIN_PRIOR}

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: first bytes of the marks: any other first byte means there is none
_BOM_LEADS = frozenset(bom[0] for bom, _ in _BOMS)
#: the confidence is the logistic of the gap, capped here
GAP_CAP = 50.0
_BIG5 = K.CANDIDATES.index("big5")


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """What ``K.detect_sample`` takes besides the bytes: the character model's tables, and the weights."""
    bmp, gb, (big5, hk_only) = char_scores(), gb_table(), big5_tables()
    return bmp, gb, big5, hk_only, latin_table(), _weights(bmp, gb, big5)


def _weights(bmp: np.ndarray, gb: np.ndarray, big5: np.ndarray) -> np.ndarray:
    """``PRIOR``, the costs above, and the most one byte can add to each walk (see ``K._can_stop``):
    an ASCII byte, a character over its width in bytes, whichever is highest. 0.0 (no bound) if a
    character could score above 0, or three bytes' worth outweigh an invalid or cut character."""
    weights = np.zeros(K.N_WEIGHTS, dtype=np.float64)
    weights[: len(K.CANDIDATES)] = [PRIOR[name] for name in K.CANDIDATES]
    weights[K.W_UTF8_BONUS] = UTF8_EXTRA_BONUS
    weights[K.W_ERROR_COST] = ERROR_COST
    weights[K.W_PARTIAL_COST] = PARTIAL_COST
    weights[K.W_ASCII_UTF16_COST] = ASCII_UTF16_COST
    weights[K.W_GAP_CAP] = GAP_CAP
    weights[K.W_LATIN_IN_WORD] = IN_WORD
    ascii_byte = float(bmp[:0x80].max())
    per_byte = {
        K.W_PER_BYTE_UTF8: max(
            ascii_byte, float(bmp[0x80:0x800].max()) / 2, float(bmp[0x800:].max()) / 3, K.ASTRAL / 4
        ),
        K.W_PER_BYTE_GB: max(ascii_byte, float(np.nanmax(gb)) / 2, K.GB_FOUR / 4, K.ASTRAL / 4),
        K.W_PER_BYTE_BIG5: max(ascii_byte, float(np.nanmax(big5)) / 2),
        K.W_PER_BYTE_UTF16: max(float(bmp.max()) / 2, K.ASTRAL / 4),
        K.W_PER_BYTE_CP1252: max(float(np.nanmax(latin_table()[:2])), IN_WORD),
    }
    for index, bound in per_byte.items():
        if bound <= 0.0 and 3 * -bound <= min(ERROR_COST, PARTIAL_COST):
            weights[index] = bound
    weights.flags.writeable = False
    return weights


def _rows(sample: bytes) -> np.ndarray:
    """``score_all``'s output for ``sample``: one row per candidate."""
    out = np.zeros((len(K.CANDIDATES), K.N_OUT), dtype=np.float64)
    pairs, hk_only = big5_tables()
    data = np.frombuffer(sample, dtype=np.uint8)
    K.score_all(data, char_scores(), gb_table(), pairs, hk_only, latin_table(), IN_WORD, out)
    return out


def _scores(
    sample: bytes, out: np.ndarray | None = None
) -> tuple[dict[str, tuple[float, int, int, int]], dict[str, int]]:
    """encoding -> (score, invalid sequences, characters, HKSCS-only pairs); encoding -> ends inside a character."""
    if out is None:
        out = _rows(sample)
    result: dict[str, tuple[float, int, int, int]] = {}
    partial: dict[str, int] = {}
    for name, row in zip(K.CANDIDATES, out.tolist()):
        result[name] = (row[K.OUT_SCORE], int(row[K.OUT_ERRORS]), int(row[K.OUT_CHARS]), int(row[K.OUT_HKSCS]))
        partial[name] = int(row[K.OUT_PARTIAL])
    score, errors, chars, _ = result["utf-8"]
    if not errors:  # valid multi-byte UTF-8 is itself evidence: +1 per three-byte character; Latin words too
        latin = float(out[K.CANDIDATES.index("utf-8"), K.OUT_LATIN])
        result["utf-8"] = (score + UTF8_EXTRA_BONUS * (len(sample) - chars) + latin, errors, chars, 0)
    return result, partial


def detect(data: bytes) -> tuple[str, float]:
    """The encoding of ``data`` and the confidence in it (no BOM handling, no binary check)."""
    name, confidence, _, _ = _scan(bytes(data))
    return name, confidence


def _detect(data: bytes) -> tuple[str, float, bytes, np.ndarray]:
    """(encoding, confidence, the sample decided on, its candidate rows)."""
    sample = data[:0]
    out = np.zeros((len(K.CANDIDATES), K.N_OUT), dtype=np.float64)
    if not data:
        return "utf-8", 1.0, sample, out
    for size in SCAN_STEPS:  # undecided (ASCII markup, a cut page): look further
        sample = data[:size]
        out = _rows(sample)
        name, confidence, gap = _decide(sample, out)
        if len(data) <= size or gap >= DECISIVE_GAP:
            break
    return name, confidence, sample, out


def _decide(sample: bytes, out: np.ndarray | None = None) -> tuple[str, float, float]:
    """(encoding, confidence, score gap to the runner-up) for ``sample``."""
    scores, partial = _scores(sample, out)
    ascii_only = sample.isascii()

    def total(name: str) -> float:
        score, errors, chars, _ = scores[name]
        score += PRIOR[name] - ERROR_COST * errors - PARTIAL_COST * partial[name]
        if ascii_only and name.startswith("utf-16"):
            score -= ASCII_UTF16_COST * chars  # Han in UTF-16 rarely has only bytes below 0x80
        return score

    ranked = sorted(scores, key=total, reverse=True)
    best_name = ranked[0]
    _, best_err, best_chars, hk = scores[best_name]
    gap = total(best_name) - total(ranked[1])
    confidence = 1.0 / (1.0 + math.exp(-min(gap, GAP_CAP)))
    if best_err:
        confidence *= max(0.0, 1.0 - best_err / max(1, best_chars))
    if best_name == "big5" and hk:
        best_name = "big5hkscs"
    return best_name, round(confidence, 4), gap


def _bom(data: bytes) -> tuple[bytes, str] | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return bom, enc
    return None


def _sure_utf8(data: bytes) -> str | None:
    """The text, if ``data`` is strict UTF-8 no other candidate could have made (see the module doc)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if len(data) - len(text) >= UTF8_SURE_EXTRA or (
        len(data) >= ASCII_SURE_BYTES and data.isascii() and b"\x00" not in data[:MAX_SCAN_BYTES]
    ):
        return text
    return None


class _Decision:
    """What the detector decided about some bytes, before decoding them."""

    __slots__ = ("bom", "confidence", "encoding", "evidence", "text")

    def __init__(
        self, encoding: str, confidence: float, evidence: Evidence, *, bom: int = 0, text: str | None = None
    ) -> None:
        self.evidence = evidence
        self.bom = bom
        self.text = text  # the decoded text, when deciding made it
        if evidence.binary:  # decoded as UTF-8 with replacement characters: no character is invented
            self.encoding = "utf-8"
            self.bom = 0
            self.text = None
        else:
            self.encoding = encoding
        self.confidence = round(confidence * evidence.text_probability, 4)


def _marked(data: bytes, bom: bytes, encoding: str) -> _Decision:
    """The decision for ``data`` that starts with the byte-order mark ``bom`` of ``encoding``."""
    body = data[len(bom) :]
    if encoding.startswith("utf-32"):  # no text model reads UTF-32: the mark is taken at its word
        return _Decision(encoding, 1.0, Evidence(llr=math.inf, size=len(body)), bom=len(bom))
    return _Decision(encoding, 1.0, assess(body[: SCAN_STEPS[0]]), bom=len(bom))


def _examine_full(data: bytes) -> _Decision:
    """The detector's decision, step by step as the module doc tells it: the reference for :func:`_examine`."""
    bom = _bom(data)
    if bom is not None:
        return _marked(data, *bom)
    text = _sure_utf8(data)
    if text is not None:
        return _Decision("utf-8", 1.0, assess(data[: SCAN_STEPS[0]]), text=text)
    enc, confidence, sample, out = _detect(data)
    quick = candidate_llr(out, sample) if sample else None
    return _Decision(enc, confidence, assess(sample, quick=quick))


def _examine(data: bytes) -> _Decision:
    """:func:`_examine_full`'s decision (the same encoding, confidence, evidence and text), for less per call.

    Most documents are short, so what a call costs besides the scan counts: a first byte that
    starts no mark skips the mark checks, and :func:`_weigh` scores a sample in one kernel call.
    Every sum is taken in the same order as the full path's, so the floats are the same to the bit.
    """
    if data and data[0] in _BOM_LEADS:
        bom = _bom(data)
        if bom is not None:
            return _marked(data, *bom)
    encoding, confidence, sample, llr, text = _weigh(data)
    return _Decision(encoding, confidence, assess(sample, quick=llr if sample else None), text=text)


def _weigh(data: bytes) -> tuple[str, float, bytes, float, str | None]:
    """For ``data`` without a byte-order mark: (encoding, the detector's confidence, the sample it
    decided on, the per-byte ratio of the first text model on that sample, the text if deciding
    decoded it).

    For sure UTF-8 the model is UTF-8 text of any script (:func:`~.binary.utf8_llr`), as ``assess``
    tries first; otherwise the best candidate of detection (:func:`~.binary.candidate_llr`).
    """
    text = _sure_utf8(data)
    if text is not None:
        sample = data[: SCAN_STEPS[0]]
        return "utf-8", 1.0, sample, utf8_llr(sample), text
    encoding, confidence, sample, llr = _scan(data)
    return encoding, confidence, sample, llr, None


def _scan(data: bytes) -> tuple[str, float, bytes, float]:
    """:func:`_detect` for less per call: (encoding, confidence, the sample decided on, its ``candidate_llr``).

    ``K.detect_sample`` ranks the candidates as :func:`_decide` does, with the same sums in the same
    order, and stops scoring those that can no longer matter; its gap is exact up to ``GAP_CAP``.
    """
    if not data:
        return "utf-8", 1.0, data, 0.0
    tables = _tables()
    for size in SCAN_STEPS:  # undecided (ASCII markup, a cut page): look further
        sample = data[:size]
        best, gap, errors, chars, hk, raw, repeats = K.detect_sample(sample, *tables, sample.isascii())
        if len(data) <= size or gap >= DECISIVE_GAP:
            break
    confidence = 1.0 / (1.0 + math.exp(-min(gap, GAP_CAP)))
    if errors:
        confidence *= max(0.0, 1.0 - errors / max(1, chars))
    name = "big5hkscs" if best == _BIG5 and hk else K.CANDIDATES[best]
    return name, round(confidence, 4), sample, (raw - pattern_loglik(repeats, len(sample))) / len(sample)


def sniff(data: bytes) -> tuple[str, float]:
    """The encoding of ``data`` and the confidence in it, as ``AutoDecoder`` decides, without decoding."""
    decision = _examine(bytes(data))
    return decision.encoding, decision.confidence


class AutoDecoder:
    """Detect the encoding of Chinese web bytes and decode them; flag bytes that are not text."""

    name = "auto"

    def decode(self, data: bytes, *, encoding: str | None) -> Document:
        if type(data) is not bytes:  # a bytearray or memoryview: the kernels and codecs take bytes
            data = bytes(data)
        if encoding is not None:
            return self._forced(data, encoding)
        if not data:  # no bytes: the empty text in every encoding, without doubt
            return Document.from_text("", encoding="utf-8", confidence=1.0)
        if data[0] in _BOM_LEADS:
            return _decided(data, _examine(data))
        encoding, confidence, sample, llr, text = _weigh(data)
        if clearly_text(llr, len(sample)):  # almost every page: straight to the Document (see _clear)
            return _clear(data, encoding, confidence, sample, llr, text)
        return _decided(data, _Decision(encoding, confidence, assess(sample, quick=llr), text=text))

    def _forced(self, data: bytes, encoding: str) -> Document:
        try:
            codecs.lookup(encoding)
        except LookupError as exc:
            raise DecodeError(
                f"unknown encoding {encoding!r}; give a Python codec name such as 'gb18030' or 'big5'",
                encoding=encoding,
            ) from exc
        text = _decode(data, encoding)
        return _document(text, encoding, 1.0, binary=assess(data[: SCAN_STEPS[0]]).binary)


def _clear(data: bytes, encoding: str, confidence: float, sample: bytes, llr: float, text: str | None) -> Document:
    """The Document :func:`_decided` makes of ``data`` (without a byte-order mark) when the first text
    model alone is clear evidence of text (:func:`_weigh`'s ``llr``), without the objects it goes through.

    Then ``assess`` runs no other model, so the bytes are not binary, and the confidence is the
    detector's times ``text_probability(llr)``, rounded as ``_Decision`` rounds it.
    """
    if text is None:
        text = _decode(data, encoding)
    return _document(text, encoding, round(confidence * text_probability(llr, len(sample)), 4))


def _decided(data: bytes, decision: _Decision) -> Document:
    """``data`` decoded as ``decision`` says."""
    text = decision.text if decision.text is not None else _decode(data[decision.bom :], decision.encoding)
    return _document(
        text, decision.encoding, decision.confidence, binary=decision.evidence.binary, bom=bool(decision.bom)
    )


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding, errors="replace")
    except Exception as exc:  # a text codec that rejects bytes input (e.g. 'rot13')
        raise DecodeError(f"encoding {encoding!r} cannot decode bytes: {exc}", encoding=encoding) from exc


def _document(text: str, encoding: str, confidence: float, *, binary: bool = False, bom: bool = False) -> Document:
    meta: dict[str, object] = {"encoding": encoding, "confidence": confidence}
    if bom:
        meta["bom"] = True
    if binary:  # U+FFFD is damage to binary_damage too, so its spans hold every replacement run
        meta["binary"] = True
        damaged = binary_damage(text)
    else:
        damaged = replacement_spans(text)
    if damaged:
        meta["damaged"] = damaged
    return Document.from_text(text, **meta)  # the fast constructor: no dataclass __init__ per document
