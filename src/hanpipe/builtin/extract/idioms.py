"""Four-character idioms that hold a numeral: their numerals are no numbers (七零八落, 十万火急, 胡说八道).

The idioms are the entries of jieba's dictionary (``jieba/dict.txt``) tagged
``i`` (成语), four characters long, with a numeral character among them:
about 2,200. A row of the number scan whose numeral lies inside an occurrence
of one is a word, not a number (:func:`._kernels.words`): before this,
七零八落 was the number 708, 十成九稳 109 %, 胡说八道 a quantity of 8 道 and
五月飞霜 a date. Entries so tagged that are plain phrases with a count
(:data:`LITERAL`: 今明两年, 五次犯规) are left out.

The kernel looks the idioms up as sorted ``uint64`` keys, four BMP code
points of 16 bits each (:func:`pack_chars`). They are built from the
dictionary on first use and kept in hanpipe's on-disk cache, keyed by the
dictionary file.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import BinaryIO

import numpy as np

from ..._cache import cache_key, cached
from ..._charmodel import jieba_dict_path

__all__ = ["LITERAL", "NUMERAL_CHARS", "idiom_keys", "idioms", "pack_chars"]

#: the format of the cached keys (a new number when their making changes)
FORMAT = "1"
#: characters that make an idiom one of these: ordinary and financial digits, units, 两, 廿, 卅
NUMERAL_CHARS = frozenset("零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟廿卅")
#: entries tagged as idioms that are phrases with a count meant as one
LITERAL = frozenset({"今明两年", "今明两天", "五次犯规", "千人在线", "二级缓存", "两次曝光", "二次破碎", "六口之家"})


def idioms(path: Path | None = None) -> list[str]:
    """The idioms, in dictionary order: four characters, tagged ``i``, a numeral character among them."""
    out = []
    with open(path or jieba_dict_path(), encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3 and parts[2] == "i" and len(parts[0]) == 4 and parts[0] not in LITERAL:
                word = parts[0]
                if any(c in NUMERAL_CHARS for c in word) and all(ord(c) < 0x10000 for c in word):
                    out.append(word)
    return out


def pack_chars(word: str) -> int:
    """Up to four BMP characters as one unsigned 64-bit key, 16 bits each, the first in the highest:
    an idiom's key here, a unit's or currency word's in :mod:`.numbers`."""
    key = 0
    for c in word:
        key = (key << 16) | ord(c)
    return key


def _build() -> np.ndarray:
    keys = np.array(sorted({pack_chars(w) for w in idioms()}), dtype=np.uint64)
    keys.flags.writeable = False
    return keys


def _load(path: Path) -> np.ndarray:
    keys = np.load(path, allow_pickle=False)
    if keys.dtype != np.uint64 or keys.ndim != 1 or bool((keys[1:] <= keys[:-1]).any()):
        raise ValueError(f"{path} holds no sorted idiom keys")
    keys.flags.writeable = False
    return keys


def _save(keys: np.ndarray, fh: BinaryIO) -> None:
    np.save(fh, keys)


@functools.cache
def idiom_keys() -> np.ndarray:
    """The idioms' keys (:func:`pack_chars`), sorted, for :func:`._kernels.words`."""
    key = cache_key(FORMAT, jieba_dict_path(), ",".join(sorted(LITERAL)), "".join(sorted(NUMERAL_CHARS)))
    return cached("extract", "idioms", key, build=_build, load=_load, save=_save, suffix=".npy")
