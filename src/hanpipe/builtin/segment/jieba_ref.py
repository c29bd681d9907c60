"""Segmenter ``jieba-ref``: jieba itself, the reference the ``jieba`` engine must equal.

jieba is imported when the engine is built, not when the plugin registers.

jieba gives no offsets in full mode (``cut_all=True``); there each token is
placed where it next occurs from the previous token's start (an empty token
at the previous token's end), so the strings are jieba's and the spans
plausible. A token that occurs nowhere in the text (jieba may join ASCII
letters and digits that do not touch) is placed as the longest pieces of it
found in turn.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from typing import Any

from ...batch import SegmentJoined
from ...document import Tokens
from ._modes import check_hmm, check_mode

__all__ = ["JiebaRefSegmenter"]

class JiebaRefSegmenter(SegmentJoined):
    """``jieba.lcut`` / ``jieba.lcut_for_search`` / ``jieba.lcut(cut_all=True)`` with offsets."""

    name = "jieba-ref"

    def __init__(
        self, *, hmm: bool = True, mode: str = "default", userdict: str | os.PathLike[str] | None = None
    ) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        check_mode(mode)
        check_hmm(hmm)
        self.hmm = bool(hmm)
        self.mode = mode
        self.tokenizer: Any
        if userdict is None:
            self.tokenizer = jieba.dt
        else:
            self.tokenizer = jieba.Tokenizer()
            self.tokenizer.load_userdict(os.fspath(userdict))

    def segment(self, text: str) -> Tokens:
        if self.mode == "default":
            return Tokens.from_words(self.tokenizer.cut(text, HMM=self.hmm))
        if self.mode == "full":
            return _placed(text, self.tokenizer.cut(text, cut_all=True))
        spans = [(s, e) for _, s, e in self.tokenizer.tokenize(text, mode="search", HMM=self.hmm)]
        return Tokens.from_arrays([s for s, _ in spans], [e for _, e in spans])


def _placed(text: str, words: Iterable[str]) -> Tokens:
    """Spans for overlapping words in order: each where it next occurs from the previous word's start."""
    starts: list[int] = []
    ends: list[int] = []
    start = end = 0
    for word in words:
        if not word:
            starts.append(end)
            ends.append(end)
            continue
        at = text.find(word, start)
        if at < 0:
            at = text.find(word)
        if at >= 0:
            start, end = at, at + len(word)
            starts.append(start)
            ends.append(end)
            continue
        rest = word
        while rest:
            size = len(rest)
            while size > 1 and text.find(rest[:size], start) < 0:
                size -= 1
            at = text.find(rest[:size], start)
            if at < 0:
                at = text.find(rest[:size])
            start, end = max(at, 0), max(at, 0) + size
            starts.append(start)
            ends.append(end)
            rest = rest[size:]
    return Tokens.from_arrays(starts, ends)
