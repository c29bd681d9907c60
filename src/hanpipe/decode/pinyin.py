"""Cleaner ``pinyin``: remove the pinyin annotations converter sites insert.

Converter sites write a tone-marked syllable after characters:
``引領(lǐng)``, ``網(wǎng)``. An annotation is removed when

* it is one syllable in parentheses (ASCII or full width),
* the syllable has exactly one tone mark and is a well-formed pinyin
  syllable (an initial and a final from the pinyin table), and
* something other than a space or a line start comes before it.

Real parentheses therefore stay: ``字符串(token)``, ``(GPT-4)``,
``(也有报道为5000亿)``, ``(AI)``. Where bytes were lost, the annotation
follows a ``?`` or U+FFFD, sometimes without its ``(`` (``因?yàn)``); it is
removed too, and the character before it is listed in ``meta["damaged"]``
(source coordinates), as is an ASCII letter or symbol that carried an
annotation and is followed by a Han character (``A(chǔ)軟件``: the letter is
what is left of a Han character).
"""

from __future__ import annotations

import re

import regex

from ..document import Document
from ._apply import delete_spans
from .damage import add_damaged

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
    return word in _SYLLABLES


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


_SYLLABLES = _toned_syllables()
_SYLLABLE_RE = _trie_pattern(_SYLLABLES)
#: an annotation: a syllable in parentheses right after something that is not a space or '('
_ANNOTATION = re.compile(f"[(\uff08](?<=[^\\s(\uff08][(\uff08])(?:{_SYLLABLE_RE})[)\uff09]")
#: an annotation whose '(' was lost with the bytes of the character before it
_ORPHAN = re.compile(f"[?\ufffd]((?:{_SYLLABLE_RE})[)\uff09])")


_NOT_HAN = re.compile("[^\u4e00-\u9fff]")


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


class PinyinCleaner:
    """Remove pinyin annotations after characters; keep every real parenthesis."""

    name = "pinyin"

    def clean(self, doc: Document) -> Document:
        text = doc.text
        if "(" not in text and ")" not in text and "\uff08" not in text and "\uff09" not in text:
            return doc
        spans = [m.span() for m in _ANNOTATION.finditer(text)]
        damaged: list[tuple[int, int]] = []
        # the character before each annotation, all in one string: find the few that are not Han
        befores = "".join([text[start - 1] for start, _ in spans])
        for k in (m.start() for m in _NOT_HAN.finditer(befores)):
            start, end = spans[k]
            before, after = befores[k], text[end : end + 1]
            if before in "?\ufffd" or (not _is_han(before) and after and _is_han(after)):
                damaged.append((start - 1, start))
        orphans = [m.span(1) for m in _ORPHAN.finditer(text)] if "?" in text or "\ufffd" in text else []
        if orphans:
            damaged += [(s - 1, s) for s, _ in orphans]
            spans = sorted(spans + orphans)
        if not spans:
            return doc
        sources = [doc.source_span(s, e) for s, e in damaged]
        return add_damaged(delete_spans(doc, spans, step=self.name, reason="pinyin"), sources)
