"""Pinyin annotations found by a regular expression: the plain reference for the numba scan.

An annotation is ``(syllable)`` or ``（syllable）`` right after a character
that is not whitespace (``str.isspace``) or an opening parenthesis; the
syllable is one of ``hanpipe.builtin.clean.pinyin``'s toned syllables.
"""

from __future__ import annotations

import re

from hanpipe.builtin.clean.pinyin import _tables


def annotation_spans(text: str) -> list[tuple[int, int]]:
    words = "|".join(re.escape(w) for w in sorted(_tables()[0], key=len, reverse=True))
    pattern = re.compile(f"(?<=[^\\s(\\uff08\\ufdd0])[(\\uff08](?:{words})[)\\uff09]")
    return [m.span() for m in pattern.finditer(text)]
