"""Extractor ``simhash``: a 64-bit SimHash fingerprint of a document's words, for near-duplicate detection.

The fingerprint is computed on the words the pipeline's segmenter gives
(``needs_tokens = True``), after clean-up and conversion, so a Traditional
page and its Simplified copy get the same one. Words without a letter or
digit (punctuation, white space) are left out, and Latin letters are
lowered, so layout and punctuation changes do not count. Each word is
hashed with BLAKE2b (8 bytes), and each run of ``shingle`` consecutive words
combines its words' hashes (:func:`shingle_hashes`), so the fingerprint is
the same in every process and on every machine. Bit ``i`` of the
fingerprint is set when more than half of the shingles have bit ``i`` set
(Charikar's SimHash, every shingle weighing one per occurrence).

The extractor returns one entity of kind ``simhash`` over the whole text,
its value the fingerprint as 16 hex digits. :func:`group_near_duplicates`
groups a batch of fingerprints whose Hamming distance is at most
``max_distance``.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import ClassVar

import numpy as np

import hanpipe
from hanpipe import Document, Entity

__all__ = [
    "SimHashExtractor",
    "fingerprint",
    "fingerprint_of",
    "group_near_duplicates",
    "hamming",
    "hanpipe_register_extractors",
    "shingle_hashes",
    "word_hash",
]

BITS = 64
#: odd 64-bit constants: the golden ratio, and splitmix64's two multipliers
_GOLDEN, _M1, _M2 = 0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB
#: word -> the 64-bit hash of its lowered form, or -1 for a word without a letter or digit
_WORDS: dict[str, int] = {}
_WORDS_MAX = 1 << 20  # past this many distinct words, hashes are computed and not kept


def word_hash(word: str) -> int:
    """BLAKE2b (8 bytes, little-endian) of the lowered word; -1 when the word has no letter or digit."""
    if not any(c.isalnum() for c in word):
        return -1
    digest = hashlib.blake2b(word.lower().encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


def _word_hashes(words: Iterable[str]) -> np.ndarray:
    known = _WORDS
    out = []
    for w in words:
        h = known.get(w)
        if h is None:
            h = word_hash(w)
            if len(known) < _WORDS_MAX:
                known[w] = h
        if h >= 0:
            out.append(h)
    return np.array(out, dtype=np.uint64)


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser on every element (wrapping uint64 arithmetic)."""
    x = (x ^ (x >> np.uint64(30))) * np.uint64(_M1)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(_M2)
    return x ^ (x >> np.uint64(31))


def shingle_hashes(words: Iterable[str], shingle: int = 2) -> np.ndarray:
    """The 64-bit hash of every run of ``shingle`` consecutive words (one run when there are fewer).

    Words without a letter or digit are left out. A run ``w1 … wk`` hashes
    to ``h = H(w1)``, then ``h = mix(h * GOLDEN + H(wj))`` for each next word,
    where ``H`` is :func:`word_hash` and ``mix`` splitmix64's finaliser, all
    modulo 2**64: stable across processes and machines, and each distinct
    word goes through BLAKE2b once per process.
    """
    h = _word_hashes(words)
    k = min(shingle, len(h))
    if k == 0:
        return h
    n = len(h) - k + 1
    acc = h[:n].copy()
    with np.errstate(over="ignore"):
        for j in range(1, k):
            acc = _mix(acc * np.uint64(_GOLDEN) + h[j : j + n])
    return acc


def fingerprint(words: Iterable[str], shingle: int = 2) -> int | None:
    """The 64-bit SimHash of ``words``' shingles, or None when there is no word with a letter or digit."""
    return _simhash(shingle_hashes(words, shingle))


def _simhash(hashes: np.ndarray) -> int | None:
    if not len(hashes):
        return None
    # bit i of each little-endian 64-bit hash is column i
    bits = np.unpackbits(hashes.astype("<u8").view(np.uint8).reshape(-1, 8), axis=1, bitorder="little")
    ones = bits.sum(axis=0, dtype=np.int64)
    majority = (2 * ones > len(hashes)).astype(np.uint8)
    return int.from_bytes(np.packbits(majority, bitorder="little").tobytes(), "little")


def hamming(a: int, b: int) -> int:
    """The number of bits in which two fingerprints differ."""
    return (a ^ b).bit_count()


def fingerprint_of(doc: Document) -> int | None:
    """The fingerprint the ``simhash`` extractor attached to ``doc``, or None."""
    for entity in doc.entities:
        if entity.kind == "simhash":
            return int(entity.value, 16)
    return None


class SimHashExtractor:
    """One ``simhash`` entity over the whole text; value: the fingerprint as 16 hex digits.

    Option ``shingle`` (1 to 8, default 2): how many consecutive words make
    one feature. Attributes of the entity: ``shingle`` and ``features`` (how
    many shingles were hashed). A text without a word that holds a letter or
    digit gets no entity.
    """

    name: ClassVar[str] = "simhash"
    needs_tokens: ClassVar[bool] = True

    def __init__(self, *, shingle: int = 2) -> None:
        if not 1 <= shingle <= 8:
            raise hanpipe.ConfigError(f"simhash: shingle must be 1 to 8 words, got {shingle}")
        self.shingle = shingle

    def extract(self, doc: Document) -> Iterator[Entity]:
        if doc.tokens is None:
            raise hanpipe.InputError(
                "simhash needs the text's words: run it in a Pipeline with a segmenter, or pass doc.with_tokens(...)"
            )
        hashes = shingle_hashes(doc.words, self.shingle)
        value = _simhash(hashes)
        if value is None:
            return
        attrs = {"shingle": self.shingle, "features": len(hashes)}
        yield Entity("simhash", 0, len(doc.text), doc.text, value=f"{value:016x}", attrs=attrs)


def group_near_duplicates(fingerprints: Sequence[int | str], max_distance: int = 3) -> list[list[int]]:
    """Indices of ``fingerprints`` grouped where fingerprints lie within ``max_distance`` bits of each other.

    Fingerprints are ints or hex strings. Groups are the connected
    components of "within ``max_distance``" (so two members of one group
    may be farther apart, through a third); only groups of two or more are
    returned, each sorted, in order of their first index.

    Pigeonhole bands: the 64 bits are cut into ``max_distance + 1`` bands,
    and two fingerprints within ``max_distance`` bits agree on at least one
    whole band, so only fingerprints sharing a band value are compared.
    Equal fingerprints are joined first and compared once. The work is
    linear in the batch plus the pairs that share a band.
    """
    if not 0 <= max_distance < BITS:
        raise ValueError(f"max_distance must be 0 to {BITS - 1}, got {max_distance}")
    values = [int(f, 16) if isinstance(f, str) else int(f) for f in fingerprints]
    for v in values:
        if not 0 <= v < 1 << BITS:
            raise ValueError(f"a fingerprint must be a 64-bit unsigned value, got {v}")
    parent = list(range(len(values)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    first: dict[int, int] = {}
    for i, v in enumerate(values):
        if v in first:
            union(first[v], i)
        else:
            first[v] = i
    distinct = list(first.items())
    bands = max_distance + 1
    bounds = [BITS * b // bands for b in range(bands + 1)]
    for lo, hi in itertools.pairwise(bounds):
        mask = (1 << (hi - lo)) - 1
        buckets: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for v, i in distinct:
            buckets[(v >> lo) & mask].append((v, i))
        for members in buckets.values():
            for x in range(len(members) - 1):
                vx, ix = members[x]
                for vy, iy in members[x + 1 :]:
                    if (vx ^ vy).bit_count() <= max_distance:
                        union(ix, iy)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(values)):
        groups[find(i)].append(i)
    return sorted((g for g in groups.values() if len(g) > 1), key=lambda g: g[0])


@hanpipe.hookimpl
def hanpipe_register_extractors(register: Callable[[type], None]) -> None:
    register(SimHashExtractor)
