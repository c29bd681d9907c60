"""The character model behind detection and mojibake repair.

Every candidate decoding of some bytes is scored by the log-probability of
the characters it yields under a unigram model of Chinese web text. Han
characters get their frequency from two named sources, computed on first use
and cached on disk (:func:`hanpipe._cache.cached`, stage ``decode``):

* Simplified: the word frequencies of jieba's dictionary (``jieba/dict.txt``),
  summed per character;
* Traditional: the same words converted by OpenCC's ``s2t`` configuration,
  summed per character.

The two distributions are mixed half and half, so Simplified and Traditional
text both score high and mis-decoded bytes (rare characters, controls,
private-use code points) score low. Other characters get a fixed log
probability by class (ASCII, CJK punctuation, Latin-1, controls, ...).

Byte tables for the kernels map every GB18030 and Big5 double-byte pair to
the score of the character it decodes to (``NaN`` where the pair does not
decode), so detection can score bytes without decoding them.

Telling text from binary data (:mod:`hanpipe.builtin.decode.binary`) also needs text
in scripts the model does not know: :func:`text_chars` marks the characters
a text of any script is made of, and :func:`utf8_text_scores` scores them as
a UTF-8 text of unknown language would.
"""

from __future__ import annotations

import functools
import importlib.util
import math
from importlib import metadata
from pathlib import Path
from typing import BinaryIO

import numpy as np

from ._cache import cache_key, cached
from ._text import code_points

__all__ = [
    "ASTRAL_SCORE",
    "ERROR_COST",
    "GB_FOUR_BYTE_SCORE",
    "PARTIAL_COST",
    "big5_tables",
    "char_scores",
    "gb_table",
    "jieba_dict_path",
    "text_chars",
    "utf8_text_scores",
]

MODEL_VERSION = "3"

#: log-probability of any character outside the BMP (emoji, rare Han)
ASTRAL_SCORE = -16.0
#: an invalid byte sequence costs as much as this many nats of log-probability
ERROR_COST = 25.0
#: bytes that end inside a character (a cut page, or the wrong encoding)
PARTIAL_COST = 10.0
#: a GB18030 four-byte sequence: a character outside GBK's double-byte set
GB_FOUR_BYTE_SCORE = -14.0

HAN_SHARE = 0.85  # share of Han characters in Chinese web text
HAN_FLOOR = 1e-9  # probability mass given to a Han character neither source has

# Fixed scores by class (natural log).
ASCII_PRINT = -5.0
ASCII_SPACE = -4.0
CJK_PUNCT = -5.0
PINYIN_LETTER = -7.0
WEB_SYMBOL = -7.0
LATIN1 = -12.0
OTHER = -15.0
CONTROL = -20.0
PRIVATE = -22.0
SURROGATE = -30.0
REPLACEMENT = -14.0

WEB_SYMBOLS = "\xa0©®°±·×÷"
#: every letter of pinyin with a mark: the tone-marked vowels, n and m, and ü
PINYIN_LETTERS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
#: those of them in Latin-1 (a crawler makes them of one byte)
PINYIN_LATIN1_LETTERS = "".join(ch for ch in PINYIN_LETTERS if ch <= "\xff")
CJK_PUNCTUATION = "，。、；：？！“”‘’「」『』（）《》〈〉【】〔〕…—·～－﹏・"

#: lead bytes 0x81..0xFE
LEAD0 = 0x81
N_LEAD = 0xFF - LEAD0
#: trail bytes 0x40..0xFE
TRAIL0 = 0x40
N_TRAIL = 0xFF - TRAIL0




def _is_han(cp: int) -> bool:
    return 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF


def _class_score(cp: int) -> float:
    if cp < 0x80:
        if cp in (0x09, 0x0A, 0x0D, 0x20):
            return ASCII_SPACE
        if cp < 0x20 or cp == 0x7F:
            return CONTROL
        return ASCII_PRINT
    if cp < 0xA0:
        return CONTROL
    ch = chr(cp)
    if ch in WEB_SYMBOLS:
        return WEB_SYMBOL
    if ch in PINYIN_LETTERS:
        return PINYIN_LETTER
    if ch in CJK_PUNCTUATION or 0x3000 <= cp <= 0x301F or 0xFF01 <= cp <= 0xFF5E or 0x2010 <= cp <= 0x2027:
        return CJK_PUNCT
    if cp <= 0xFF:
        return LATIN1
    if 0xE000 <= cp <= 0xF8FF:
        return PRIVATE
    if 0xD800 <= cp <= 0xDFFF:
        return SURROGATE
    if cp == 0xFFFD:
        return REPLACEMENT
    if cp in (0xFFFE, 0xFFFF):
        return CONTROL
    return OTHER


def jieba_dict_path() -> Path:
    """jieba's ``dict.txt``, found without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the character model reads jieba's dictionary; install it: pip install jieba")
    return Path(next(iter(spec.submodule_search_locations))).resolve() / "dict.txt"


def _jieba_words() -> tuple[list[str], list[float]]:
    path = jieba_dict_path()
    words: list[str] = []
    freqs: list[float] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split(" ")
            if len(parts) >= 2 and parts[1].strip().isdigit():
                words.append(parts[0])
                freqs.append(float(parts[1]))
    return words, freqs


def _char_freq(words: list[str], freqs: list[float]) -> np.ndarray:
    counts = np.zeros(0x10000, dtype=np.float64)
    joined = "".join(words)
    cps = code_points(joined)
    lengths = np.fromiter((len(w) for w in words), dtype=np.int64, count=len(words))
    weights = np.repeat(np.asarray(freqs, dtype=np.float64), lengths)
    bmp = cps < 0x10000
    np.add.at(counts, cps[bmp].astype(np.int64), weights[bmp])
    return counts


def _build_char_scores() -> np.ndarray:
    import opencc

    words, freqs = _jieba_words()
    simplified = _char_freq(words, freqs)
    converted = opencc.OpenCC("s2t").convert("\n".join(words)).split("\n")
    if len(converted) != len(words):  # a conversion that changed line structure: keep the words as they are
        converted = words
    traditional = _char_freq(converted, freqs)
    han = np.array([_is_han(cp) for cp in range(0x10000)])
    mix = np.zeros(0x10000, dtype=np.float64)
    for dist in (simplified, traditional):
        total = dist[han].sum()
        if total > 0:
            mix += 0.5 * np.where(han, dist, 0.0) / total
    scores = np.empty(0x10000, dtype=np.float32)
    for cp in range(0x10000):
        if han[cp]:
            scores[cp] = math.log(HAN_SHARE * max(mix[cp], HAN_FLOOR))
        else:
            scores[cp] = _class_score(cp)
    return scores


def _opencc_version() -> str:
    try:
        return metadata.version("opencc")
    except metadata.PackageNotFoundError:  # pragma: no cover - a dependency
        return "0"


def _load_scores(path: Path) -> np.ndarray:
    arr = np.load(path, allow_pickle=False)
    if arr.shape != (0x10000,) or arr.dtype != np.float32:
        raise ValueError(f"{path} holds a {arr.dtype} array of shape {arr.shape}, not the character model")
    return arr


def _save_scores(arr: np.ndarray, fh: BinaryIO) -> None:
    np.save(fh, arr)


@functools.lru_cache(maxsize=1)
def char_scores() -> np.ndarray:
    """Log-probability of every BMP code point (float32, 65,536 entries)."""
    key = cache_key(MODEL_VERSION, jieba_dict_path(), f"opencc {_opencc_version()}")
    return cached(
        "decode", "charmodel", key, build=_build_char_scores, load=_load_scores, save=_save_scores, suffix=".npy"
    )


def _pair_table(codec: str, trails: range | list[int]) -> np.ndarray:
    table = np.full((N_LEAD, N_TRAIL), np.nan, dtype=np.float32)
    scores = char_scores()
    for lead in range(LEAD0, 0xFF):
        for trail in trails:
            try:
                chars = bytes((lead, trail)).decode(codec)
            except UnicodeDecodeError:
                continue
            table[lead - LEAD0, trail - TRAIL0] = sum(
                float(scores[ord(c)]) if ord(c) < 0x10000 else ASTRAL_SCORE for c in chars
            )
    return table


@functools.lru_cache(maxsize=1)
def gb_table() -> np.ndarray:
    """Score of each GB18030 double-byte pair, ``[lead - 0x81, trail - 0x40]``."""
    return _pair_table("gb18030", [*range(0x40, 0x7F), *range(0x80, 0xFF)])


@functools.lru_cache(maxsize=1)
def big5_tables() -> tuple[np.ndarray, np.ndarray]:
    """Score of each pair as Big5-HKSCS decodes it, and a flag for pairs plain Big5 does not decode."""
    trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    plain = _pair_table("big5", trails)
    hk = _pair_table("big5hkscs", trails)
    only_hk = np.isnan(plain) & ~np.isnan(hk)
    return hk, only_hk.astype(np.uint8)


@functools.lru_cache(maxsize=1)
def text_chars() -> np.ndarray:
    """uint8 flag per BMP code point: an assigned letter, mark, digit, punctuation, symbol or space.

    Controls, surrogates, private-use and unassigned code points are 0: what
    bytes decoded in the wrong way (or not text at all) turn into.
    """
    import unicodedata

    flags = np.zeros(0x10000, dtype=np.uint8)
    for cp in range(0x10000):
        cat = unicodedata.category(chr(cp))
        flags[cp] = cat[0] in "LMNPS" or cat == "Zs"
    flags[0xE000:0xF900] = 0
    return flags


@functools.lru_cache(maxsize=1)
def utf8_text_scores() -> np.ndarray:
    """:func:`char_scores` where UTF-8 text of an unknown language scores at least as well.

    Valid UTF-8 is itself evidence of text: a text character of two UTF-8
    bytes gets at least ``-log(1920)`` (one of the code points U+0080..U+07FF),
    one of three bytes ``-log(61440)``. Random bytes are seldom valid UTF-8,
    so this lets Cyrillic, Greek or Thai in UTF-8 count as text without
    making random bytes any more probable under GB18030, Big5 or UTF-16.
    """
    scores = char_scores().copy()
    text = text_chars().astype(bool)
    cps = np.arange(0x10000)
    two = text & (cps >= 0x80) & (cps < 0x800)
    three = text & (cps >= 0x800)
    scores[two] = np.maximum(scores[two], -math.log(0x800 - 0x80))
    scores[three] = np.maximum(scores[three], -math.log(0x10000 - 0x800))
    return scores
