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

import regex

from ..document import Document, Edit
from .damage import add_damaged

__all__ = ["PinyinCleaner", "is_pinyin_syllable"]

TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PLAIN = "aaaaeeeeiiiioooouuuuüüüünnnm"
_UNTONE = str.maketrans(TONED, _PLAIN)
_LETTERS = "a-zü" + TONED

_SYLLABLE = regex.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:a|ai|an|ang|ao|e|ei|en|eng|er|o|ong|ou|"
    r"i|ia|ian|iang|iao|ie|in|ing|iong|iu|"
    r"u|ua|uai|uan|uang|ue|ui|un|uo|"
    r"ü|üe|üan|ün)"
    r"|n|ng|m|hm|hng"
)

_ANNOTATION = regex.compile(f"[(\uff08]([{_LETTERS}]{{1,6}}+)[)\uff09]")
#: an annotation whose '(' was lost with the bytes of the character before it
_ORPHAN = regex.compile(f"(?<=[?\ufffd])([{_LETTERS}]{{1,6}}+)[)\uff09]")


def is_pinyin_syllable(word: str) -> bool:
    """One tone-marked pinyin syllable (``lǐng``, ``wǎng``); ``token`` and ``ai`` are not."""
    if sum(1 for ch in word if ch in TONED) != 1:
        return False
    return _SYLLABLE.fullmatch(word.translate(_UNTONE)) is not None


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


class PinyinCleaner:
    """Remove pinyin annotations after characters; keep every real parenthesis."""

    name = "pinyin"

    def clean(self, doc: Document) -> Document:
        text = doc.text
        if "(" not in text and ")" not in text and "\uff08" not in text and "\uff09" not in text:
            return doc
        edits: list[Edit] = []
        damaged: list[tuple[int, int]] = []
        for m in _ANNOTATION.finditer(text):
            start = m.start()
            if start == 0 or not is_pinyin_syllable(m.group(1)):
                continue
            before = text[start - 1]
            if before.isspace() or before in "(\uff08":
                continue
            edits.append(Edit(start, m.end(), "", "pinyin"))
            after = text[m.end() : m.end() + 1]
            if before in "?\ufffd" or (not _is_han(before) and after and _is_han(after)):
                damaged.append((start - 1, start))
        for m in _ORPHAN.finditer(text):
            if is_pinyin_syllable(m.group(1)):
                edits.append(Edit(m.start(), m.end(), "", "pinyin-orphan"))
                damaged.append((m.start() - 1, m.start()))
        if not edits:
            return doc
        edits.sort(key=lambda e: e.start)
        spans = [doc.source_span(s, e) for s, e in damaged]
        return add_damaged(doc.apply_edits(edits, step=self.name), spans)
