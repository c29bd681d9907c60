"""Detector ``auto``: which encoding made these bytes, from as few as 16 of them.

Order of evidence:

1. a byte-order mark (UTF-8, UTF-32, UTF-16) decides;
2. bytes that are strict UTF-8 with at least eight multi-byte characters are
   UTF-8 (no other candidate produces that by chance);
3. otherwise every candidate — UTF-8, GB18030 (which covers GBK and GB2312),
   Big5 / Big5-HKSCS, UTF-16-LE and UTF-16-BE without BOM — is scored on the
   first KiB (more while undecided) by a numba kernel that walks the bytes as the
   codec would and adds up the log-probability of each character under the
   character model of :mod:`hanpipe.decode._model` (jieba's and OpenCC's
   frequencies for Han characters, fixed scores for other classes). A
   invalid byte sequence costs ``ERROR_COST``; the highest total wins.

``meta["confidence"]`` is the winner's probability against the runner-up
(a logistic function of the score gap), 1.0 for a BOM or long valid UTF-8.
Bytes that decode in no candidate are decoded with replacement characters,
and their spans are listed in ``meta["damaged"]`` as ``[start, end]`` pairs
in **source** coordinates (positions in ``Document.source``), which later
passes never move. Nothing here raises on any input but a forced encoding
that Python does not know (:class:`~hanpipe.errors.DecodeError`).
"""

from __future__ import annotations

import codecs
import math

import numpy as np

from ..document import Document
from ..errors import DecodeError
from . import _kernels as K
from ._model import big5_tables, char_scores, gb_table
from .damage import replacement_spans

__all__ = ["AutoDetector", "detect", "sniff"]

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
#: an invalid byte sequence costs as much as this many nats of log-probability
ERROR_COST = 25.0
#: bytes that end inside a character (a cut page, or the wrong encoding)
PARTIAL_COST = 10.0
#: per UTF-16 character, when every byte is ASCII: log(P(both bytes < 0x80 | Han in UTF-16)) ~ log(0.3)
ASCII_UTF16_COST = 1.2
#: log-prior of each candidate: breaks ties, and asks UTF-16 without BOM for
#: a little more evidence than the byte-oriented encodings
PRIOR = {"utf-8": 1.0, "gb18030": 0.5, "big5": 0.0, "utf-16-le": -4.0, "utf-16-be": -4.5}

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _scores(sample: bytes) -> tuple[dict[str, tuple[float, int, int, int]], dict[str, int]]:
    """encoding -> (score, invalid sequences, characters, HKSCS-only pairs); encoding -> ends inside a character."""
    data = np.frombuffer(sample, dtype=np.uint8)
    out = np.zeros((len(K.CANDIDATES), K.N_OUT), dtype=np.float64)
    pairs, hk_only = big5_tables()
    K.score_all(data, char_scores(), gb_table(), pairs, hk_only, out)
    result: dict[str, tuple[float, int, int, int]] = {}
    partial: dict[str, int] = {}
    for name, row in zip(K.CANDIDATES, out.tolist()):
        result[name] = (row[K.OUT_SCORE], int(row[K.OUT_ERRORS]), int(row[K.OUT_CHARS]), int(row[K.OUT_HKSCS]))
        partial[name] = int(row[K.OUT_PARTIAL])
    score, errors, chars, _ = result["utf-8"]
    if not errors:  # valid multi-byte UTF-8 is itself evidence: +1 per three-byte character
        result["utf-8"] = (score + UTF8_EXTRA_BONUS * (len(sample) - chars), errors, chars, 0)
    return result, partial


def detect(data: bytes) -> tuple[str, float]:
    """The encoding of ``data`` and the confidence in it (no BOM handling)."""
    if not data:
        return "utf-8", 1.0
    for size in SCAN_STEPS:  # undecided (ASCII markup, a cut page): look further
        name, confidence, gap = _decide(data[:size])
        if len(data) <= size or gap >= DECISIVE_GAP:
            break
    return name, confidence


def _decide(sample: bytes) -> tuple[str, float, float]:
    """(encoding, confidence, score gap to the runner-up) for ``sample``."""
    scores, partial = _scores(sample)
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
    confidence = 1.0 / (1.0 + math.exp(-min(gap, 50.0)))
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


def sniff(data: bytes) -> tuple[str, float]:
    """The encoding of ``data`` and the confidence in it, as ``AutoDetector`` decides, without decoding."""
    bom = _bom(data)
    if bom is not None:
        return bom[1], 1.0
    if _sure_utf8(data) is not None:
        return "utf-8", 1.0
    return detect(data)


class AutoDetector:
    """Detect the encoding of Chinese web bytes and decode them."""

    name = "auto"

    def decode(self, data: bytes, *, encoding: str | None) -> Document:
        if encoding is not None:
            return self._forced(data, encoding)
        bom = _bom(data)
        if bom is not None:
            return _finish(data[len(bom[0]) :], bom[1], 1.0, bom=True)
        text = _sure_utf8(data)
        if text is not None:
            return Document.from_text(text, encoding="utf-8", confidence=1.0)
        enc, confidence = detect(data)
        return _finish(data, enc, confidence)

    def _forced(self, data: bytes, encoding: str) -> Document:
        try:
            codecs.lookup(encoding)
        except LookupError as exc:
            raise DecodeError(
                f"unknown encoding {encoding!r}; give a Python codec name such as 'gb18030' or 'big5'",
                encoding=encoding,
            ) from exc
        return _finish(data, encoding, 1.0)


def _finish(data: bytes, encoding: str, confidence: float, *, bom: bool = False) -> Document:
    try:
        text = data.decode(encoding, errors="replace")
    except Exception as exc:  # a text codec that rejects bytes input (e.g. 'rot13')
        raise DecodeError(f"encoding {encoding!r} cannot decode bytes: {exc}", encoding=encoding) from exc
    meta: dict[str, object] = {"encoding": encoding, "confidence": confidence}
    if bom:
        meta["bom"] = True
    damaged = replacement_spans(text)
    if damaged:
        meta["damaged"] = damaged
    return Document.from_text(text, **meta)
