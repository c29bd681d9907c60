"""Segmenter ``jieba-ref``: jieba itself, the reference the ``jieba`` engine must equal.

jieba is imported when the engine is built, not when the plugin registers.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from ..document import Tokens
from ..errors import ConfigError

__all__ = ["JiebaRefSegmenter", "check_mode"]

MODES = ("default", "search")


def check_mode(mode: str) -> None:
    if mode not in MODES:
        raise ConfigError(f"segment mode must be one of {', '.join(MODES)}; got {mode!r}")


class JiebaRefSegmenter:
    """``jieba.lcut`` / ``jieba.lcut_for_search`` with offsets."""

    name = "jieba-ref"

    def __init__(
        self, *, hmm: bool = True, mode: str = "default", userdict: str | os.PathLike[str] | None = None
    ) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        check_mode(mode)
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
        spans = [(s, e) for _, s, e in self.tokenizer.tokenize(text, mode="search", HMM=self.hmm)]
        return Tokens.from_arrays([s for s, _ in spans], [e for _, e in spans])
