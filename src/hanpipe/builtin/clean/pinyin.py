"""Cleaner ``pinyin``: remove the pinyin annotations converter sites insert.

Converter sites write a tone-marked syllable after characters:
``引領(lǐng)``, ``網(wǎng)``. An annotation is removed when

* it is one syllable in parentheses (ASCII or full width),
* the syllable has exactly one tone mark and is a well-formed pinyin
  syllable (an initial and a final from the pinyin table), and
* something other than a space, '(' or the start of the text comes before it.

The scan is the numba kernel ``find_annotations`` walking a trie of every
toned syllable over the text's code points (``tests/reference/decode_pinyin.py``
is the regular-expression reference it is tested against).

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
import re

import numpy as np
import regex

from ...batch import Batch
from ...document import Document
from ._apply import delete_spans
from ._batch import mark_damaged, rewrite_documents
from ._kernels import find_annotations

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


def _trie_pattern(words: frozenset[str]) -> str:
    """A regular expression matching exactly ``words``, as a trie: no alternative is tried twice."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not optional else "(?:" + "|".join(branches) + ")"
        if optional:
            body = ("(?:" + "|".join(branches) + ")" if len(branches) > 1 else body) + "?"
        return body

    return emit(trie)


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
def _tables() -> tuple[frozenset[str], tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray], re.Pattern[str]]:
    """Toned syllables, their trie for the kernel, and the pattern of an annotation
    whose '(' was lost with the bytes of the character before it; built on first use."""
    syllables = _toned_syllables()
    orphan = re.compile(f"(?:{_trie_pattern(syllables)})[)\uff09]")
    return syllables, _trie_arrays(syllables), orphan


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


class PinyinCleaner:
    """Remove pinyin annotations after characters; keep every real parenthesis."""

    name = "pinyin"

    def clean(self, doc: Document) -> Document:
        spans, damaged = _annotations(doc)
        if not len(spans):
            return doc
        sources = list(zip(*doc.source_spans([a for a, _ in damaged], [b for _, b in damaged])))
        return delete_spans(doc, spans, step=self.name, reason="pinyin").with_damaged(sources)

    def clean_batch(self, batch: Batch) -> list[Document]:
        spans, damaged = _annotations(batch.joined)
        docs = rewrite_documents(batch, spans[:, 0], spans[:, 1], None, step=self.name)
        return mark_damaged(batch, docs, damaged)


_NONE = np.zeros((0, 2), dtype=np.int64)


def _annotations(doc: Document) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """The annotations of ``doc.text`` (sorted ``(start, end)`` rows) and the damaged spans before some of them."""
    text = doc.text
    if "(" not in text and ")" not in text and "\uff08" not in text and "\uff09" not in text:
        return _NONE, []
    cps = doc.code_points
    out = np.empty((len(cps) // 3 + 1, 2), dtype=np.int64)
    found = find_annotations(cps, *_tables()[1], out)
    spans = out[:found]
    damaged: list[tuple[int, int]] = []
    # the few annotations after something other than a common Han character
    prev = cps[spans[:, 0] - 1] if found else cps[:0]
    for k in np.flatnonzero((prev < 0x4E00) | (prev > 0x9FFF)).tolist():
        start, end = int(spans[k, 0]), int(spans[k, 1])
        before, after = text[start - 1], text[end : end + 1]
        if before in "?\ufffd" or (not _is_han(before) and after and _is_han(after)):
            damaged.append((start - 1, start))
    if "?" in text or "\ufffd" in text:
        marks = np.flatnonzero((cps == 0x3F) | (cps == 0xFFFD)).tolist()
        orphans = [m.span() for p in marks if (m := _tables()[2].match(text, p + 1)) is not None]
        if orphans:
            damaged += [(s, e) for s, e in ((s - 1, s) for s, _ in orphans)]
            spans = np.concatenate([spans, np.array(orphans, dtype=np.int64).reshape(-1, 2)])
            spans = spans[np.argsort(spans[:, 0], kind="stable")]
    return spans, damaged
