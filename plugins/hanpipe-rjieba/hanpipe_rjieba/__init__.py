"""Segmenter ``rjieba``: jieba's algorithm in Rust (the ``rjieba`` package) as a hanpipe engine.

Fast, but not token for token jieba: with the HMM on, rjieba keeps runs of
Latin letters and digits joined by ``-`` or ``.`` (``GPT-4``, ``qq.com``,
``2023-05-20``) as one word where jieba splits them. The README gives the
measured agreement on the seeds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ClassVar

import numpy as np

import hanpipe
from hanpipe import Tokens

__all__ = ["RjiebaSegmenter", "hanpipe_register_segmenters"]

# rjieba takes UTF-8, which cannot hold a lone surrogate: such a code point
# is cut out and becomes a word of its own, as jieba makes it.
_SURROGATES = re.compile(r"[\ud800-\udfff]+")


class RjiebaSegmenter:
    """``segment(text) -> Tokens`` and ``cut(text) -> list[str]`` with rjieba.

    Option: ``hmm`` (rjieba's ``hmm``, jieba's ``HMM``): find words missing
    from the dictionary with the hidden Markov model.
    """

    name: ClassVar[str] = "rjieba"

    def __init__(self, *, hmm: bool = True) -> None:
        import rjieba  # imported when a pipeline builds this engine, not when plugins are listed

        self.hmm = hmm
        self._cut: Callable[..., list[str]] = rjieba.cut

    def cut(self, text: str) -> list[str]:
        """The words of ``text``; they concatenate to ``text``."""
        if not _SURROGATES.search(text):
            return self._cut(text, hmm=self.hmm)
        words: list[str] = []
        pos = 0
        for m in _SURROGATES.finditer(text):
            if m.start() > pos:
                words.extend(self._cut(text[pos : m.start()], hmm=self.hmm))
            words.extend(m.group())
            pos = m.end()
        if pos < len(text):
            words.extend(self._cut(text[pos:], hmm=self.hmm))
        return words

    def segment(self, text: str) -> Tokens:
        """Token spans of ``text``.

        rjieba's words partition the text, so each span ends at the running
        sum of the word lengths. This takes half the time of rjieba's
        ``tokenize``, which builds a tuple per word, and gives the same spans
        (the tests check both).
        """
        words = self.cut(text)
        lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        ends = np.cumsum(lengths)
        if len(words) and int(ends[-1]) != len(text):
            raise ValueError(f"rjieba's words cover {int(ends[-1])} of {len(text)} characters")
        return Tokens.from_arrays(ends - lengths, ends)


@hanpipe.hookimpl
def hanpipe_register_segmenters(register: Callable[[type], None]) -> None:
    register(RjiebaSegmenter)
