"""Cleaner ``pinyin``: remove the pinyin annotations converter sites insert.

Converter sites write a tone-marked syllable after characters:
``引領(lǐng)``, ``網(wǎng)``. An annotation is removed when

* it is one syllable in parentheses (ASCII or full width),
* the syllable has exactly one tone mark and is a well-formed pinyin
  syllable (an initial and a final from the pinyin table), and
* something other than a space, '(' or the start of the text comes before it.

The scan is the numba kernel ``find_pinyin`` walking a trie of every
toned syllable over the text's code points, one call per text: it finds the
annotations (as ``find_annotations``, which ``tests/reference/decode_pinyin.py``
checks against a regular expression), those whose ``(`` was lost, and the
characters to flag before them (``tests/builtin/clean/test_pinyin_kernel.py``
checks it against a plain-Python reference). A text without a tone-marked
letter and a parenthesis is not scanned (:mod:`._work`).

Real parentheses therefore stay: ``字符串(token)``, ``(GPT-4)``,
``(也有报道为5000亿)``, ``(AI)``. Where bytes were lost, the annotation
follows a ``?`` or U+FFFD, sometimes without its ``(`` (``因?yàn)``); it is
removed too, and the character before it is listed in ``meta["damaged"]``
(source coordinates), as is an ASCII letter or symbol that carried an
annotation and is followed by a Han character (``A(chǔ)軟件``: the letter is
what is left of a Han character).

The batch form scans a batch's joined text once. The kernel reads U+FDD0,
between the documents, as the start of a text (no annotation right after
it), and no syllable holds it, so nothing found crosses a document bound.
"""

from __future__ import annotations

import functools

import numpy as np
import regex

from ...batch import Batch
from ...document import Document
from ._apply import delete_checked
from ._batch import mark_damaged, rewrite_documents
from ._kernels import find_pinyin
from ._work import has_pinyin, work

__all__ = ["PinyinCleaner", "is_pinyin_syllable"]

_SYLLABLE = regex.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:a|ai|an|ang|ao|e|ei|en|eng|er|o|ong|ou|"
    r"i|ia|ian|iang|iao|ie|in|ing|iong|iu|"
    r"u|ua|uai|uan|uang|ue|ui|un|uo|"
    r"ü|üe|üan|ün)"
    r"|n|ng|m|hm|hng"
)

_TONES = {"a": "āáǎà", "e": "ēéěè", "i": "īíǐì", "o": "ōóǒò", "u": "ūúǔù", "ü": "ǖǘǚǜ", "n": "ńňǹ", "m": "ḿ"}
_INITIALS = ["", "zh", "ch", "sh", *"bpmfdtnlgkhjqxrzcsyw"]
_FINALS = (
    "a ai an ang ao e ei en eng er o ong ou i ia ian iang iao ie in ing iong iu "
    "u ua uai uan uang ue ui un uo ü üe üan ün"
).split()


def is_pinyin_syllable(word: str) -> bool:
    """One tone-marked pinyin syllable (``lǐng``, ``wǎng``); ``token`` and ``ai`` are not."""
    return word in _tables()[0]


def _toned_syllables() -> frozenset[str]:
    bases = {i + f for i in _INITIALS for f in _FINALS} | {"n", "ng", "m", "hm", "hng"}
    out = set()
    for base in bases:
        if _SYLLABLE.fullmatch(base) is None:
            continue
        for k, ch in enumerate(base):
            for toned in _TONES.get(ch, ""):
                out.add(base[:k] + toned + base[k + 1 :])
    return frozenset(out)


def _trie_arrays(words: frozenset[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The trie of ``words`` as arrays for the kernel: CSR children (code point, node) and finals."""
    children: list[dict[int, int]] = [{}]
    final = [False]
    for word in sorted(words):
        node = 0
        for ch in word:
            nxt = children[node].get(ord(ch))
            if nxt is None:
                nxt = len(children)
                children[node][ord(ch)] = nxt
                children.append({})
                final.append(False)
            node = nxt
        final[node] = True
    starts = np.zeros(len(children) + 1, dtype=np.int32)
    cps: list[int] = []
    nodes: list[int] = []
    for k, kids in enumerate(children):
        starts[k] = len(cps)
        for cp, child in sorted(kids.items()):
            cps.append(cp)
            nodes.append(child)
    starts[-1] = len(cps)
    return starts, np.array(cps, dtype=np.uint32), np.array(nodes, dtype=np.int32), np.array(final, dtype=np.uint8)


@functools.cache
def _tables() -> tuple[frozenset[str], tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """Toned syllables and their trie for the kernel; built on first use."""
    syllables = _toned_syllables()
    return syllables, _trie_arrays(syllables)


class PinyinCleaner:
    """Remove pinyin annotations after characters; keep every real parenthesis."""

    name = "pinyin"

    def clean(self, doc: Document) -> Document:
        if not has_pinyin(work(doc)):
            return doc
        starts, ends, damaged = _annotations(doc)
        if not len(starts):
            return doc
        out = delete_checked(doc, starts, ends, step=self.name)
        if damaged:
            out = out.with_damaged(zip(*doc.source_spans([a for a, _ in damaged], [b for _, b in damaged])))
        return out

    def clean_batch(self, batch: Batch) -> list[Document]:
        text = batch.text
        if "(" not in text and ")" not in text and "\uff08" not in text and "\uff09" not in text:
            return list(batch.docs)  # a look for a character costs less than the class scan of a whole batch
        starts, ends, damaged = _annotations(batch.joined)
        docs = rewrite_documents(batch, starts, ends, None, step=self.name)
        return mark_damaged(batch, docs, damaged)


_NONE = np.zeros(0, dtype=np.int64)


def _annotations(doc: Document) -> tuple[np.ndarray, np.ndarray, list[tuple[int, int]]]:
    """The annotations of ``doc.text`` (sorted, as contiguous arrays of starts and ends) and the damaged spans
    before some of them."""
    cps = doc.code_points
    out = np.empty((3, len(cps) // 3 + 1), dtype=np.int64)
    found, flagged = find_pinyin(cps, *_tables()[1], out)
    if not found:
        return _NONE, _NONE, []
    starts, ends = out[0, :found], out[1, :found]
    if not flagged:
        return starts, ends, []
    marks = out[2, :found]
    return starts, ends, [(p, p + 1) for p in marks[marks >= 0].tolist()]
