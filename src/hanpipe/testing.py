"""Contract tests for plugin authors.

Subclass the contract for your engine's stage in your own test suite and
implement ``make_engine``; pytest collects the inherited tests::

    from hanpipe.testing import SegmenterContract

    class TestMySegmenter(SegmenterContract):
        def make_engine(self):
            return MySegmenter()
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .document import Document, Tokens

__all__ = [
    "SAMPLES",
    "CleanerContract", "ConverterContract", "ExtractorContract", "SegmenterContract",
    "check_alignment",
]

#: short texts every engine must handle: empty, Simplified, Traditional, mixed
#: scripts, whitespace, controls, a lone surrogate and an emoji
SAMPLES: tuple[str, ...] = (
    "",
    "大模型时代，小模型还有机会吗？",
    "ChatGPT引領的大模型時代，規模達到1200萬美元。",
    "GPT-4 于 2023年3月14日 发布, 联系 a@b.com 或 http://example.com/x",
    "  \n\t  ",
    "a\x00b\x1fc\ud800d",
    "表情😀与𠀀字",
)


def check_alignment(doc: Document) -> None:
    """Assert the structural invariants of ``doc.alignment``."""
    if doc.alignment is None:
        assert len(doc.text) == len(doc.source)
        return
    align = doc.alignment
    assert align.dtype == np.int32 and align.shape == (2, len(doc.text) + 1)
    assert (np.diff(align, axis=1) >= 0).all(), "alignment must not go backwards"
    assert (align[0] <= align[1]).all(), "a boundary cannot end after it starts"
    assert align.min() >= 0 and align.max() <= len(doc.source)
    assert align[0, -1] <= len(doc.source) and align[1, 0] >= 0


class _Contract:
    def make_engine(self) -> Any:
        raise NotImplementedError("implement make_engine() to return your engine")

    def test_has_a_name(self) -> None:
        name = type(self.make_engine()).name
        assert isinstance(name, str) and name


class SegmenterContract(_Contract):
    def test_spans_are_int32_and_inside_the_text(self) -> None:
        engine = self.make_engine()
        for text in SAMPLES:
            tokens = engine.segment(text)
            assert isinstance(tokens, Tokens)
            assert tokens.starts.dtype == np.int32 and tokens.ends.dtype == np.int32
            assert all(0 <= s < e <= len(text) for s, e in zip(tokens.starts.tolist(), tokens.ends.tolist()))

    def test_empty_text_has_no_tokens(self) -> None:
        assert len(self.make_engine().segment("")) == 0


class ConverterContract(_Contract):
    def test_returns_a_document_with_a_true_alignment(self) -> None:
        engine = self.make_engine()
        for text in SAMPLES:
            doc = engine.convert(Document.from_text(text))
            assert isinstance(doc, Document)
            assert doc.source == text
            check_alignment(doc)

    def test_empty_text_stays_empty(self) -> None:
        assert self.make_engine().convert(Document.from_text("")).text == ""


class CleanerContract(_Contract):
    def test_returns_a_document_with_a_true_alignment(self) -> None:
        engine = self.make_engine()
        for text in SAMPLES:
            doc = engine.clean(Document.from_text(text))
            assert isinstance(doc, Document)
            assert doc.source == text
            check_alignment(doc)


class ExtractorContract(_Contract):
    def test_entities_match_the_text(self) -> None:
        engine = self.make_engine()
        for text in SAMPLES:
            doc = Document.from_text(text)
            if getattr(engine, "needs_tokens", False):
                doc = doc.with_tokens(Tokens.from_arrays(np.arange(len(text)), np.arange(1, len(text) + 1)))
            for ent in engine.extract(doc):
                assert doc.text[ent.start : ent.end] == ent.text
                assert ent.kind
