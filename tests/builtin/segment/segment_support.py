"""Helpers shared by the segment tests: jieba as the oracle, small dictionaries."""

from __future__ import annotations

import logging
from pathlib import Path

import jieba
import jieba.finalseg

from hanpipe.builtin.segment import _dict
from hanpipe.builtin.segment.jieba import JiebaSegmenter

jieba.setLogLevel(logging.WARNING)


def new_tokenizer(dictionary: Path | None = None) -> jieba.Tokenizer:
    tok = jieba.Tokenizer() if dictionary is None else jieba.Tokenizer(str(dictionary))
    tok.initialize()
    return tok


class ForceSplitGuard:
    """jieba keeps deleted words in one process-wide set; restore it after a test that deletes words."""

    def __enter__(self) -> ForceSplitGuard:
        self.saved = set(jieba.finalseg.Force_Split_Words)
        return self

    def __exit__(self, *exc: object) -> None:
        jieba.finalseg.Force_Split_Words.clear()
        jieba.finalseg.Force_Split_Words.update(self.saved)


def write_dict(path: Path, words: dict[str, int]) -> Path:
    path.write_text("".join(f"{w} {f} n\n" for w, f in words.items()), encoding="utf-8")
    return path


def engine_for(dictionary: Path | None = None, **options: object) -> JiebaSegmenter:
    return JiebaSegmenter(dictionary=dictionary, **options)  # type: ignore[arg-type]


def hmm_tables() -> tuple:
    d = _dict.default_dictionary()
    return d.start_p, d.trans, d.emit
