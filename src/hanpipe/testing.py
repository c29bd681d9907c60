"""Contract tests for plugin authors.

Subclass the contract for your engine's stage in your own test suite and
implement ``make_engine``; pytest collects the inherited tests::

    from hanpipe.testing import SegmenterContract

    class TestMySegmenter(SegmenterContract):
        def make_engine(self):
            return MySegmenter()

One contract per stage: :class:`DecoderContract`, :class:`CleanerContract`,
:class:`ConverterContract`, :class:`SegmenterContract`,
:class:`ExtractorContract`. Each checks that the engine's class follows its
stage's protocol (the check the registry makes when the engine is
registered, plus the signature of the stage's method), and runs the engine on
``samples`` through the same wrapper the pipeline uses, so a result the
pipeline would refuse fails the test with the pipeline's own message. Add the
texts your engine must handle with ``samples = SAMPLES + ("...",)``.

An engine with a batch form (``clean_batch``, ``convert_batch``,
``segment_batch``, ``extract_batch``) is also run on random batches —
documents cut from the samples at random points, empty documents, documents
of one character — and each document's batch result must equal what the
per-document method gives it (``test_batch_results_equal_per_document``).
"""

from __future__ import annotations

import random
from typing import Any, ClassVar

import numpy as np

from .batch import Batch, split_entities
from .document import Document, Edit, Tokens
from .hookspecs import check_engine_class, check_signature
from .registry import Engine, EngineInfo

__all__ = [
    "BYTE_SAMPLES",
    "SAMPLES",
    "CleanerContract",
    "ConverterContract",
    "DecoderContract",
    "ExtractorContract",
    "SegmenterContract",
    "check_alignment",
    "check_signature",
    "random_batches",
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

#: bytes every decoder must take: empty, UTF-8, GB18030, Big5, UTF-16 with a
#: byte-order mark, UTF-8 with a BOM, bytes valid in no encoding, every byte
#: value, an encoded lone surrogate
BYTE_SAMPLES: tuple[bytes, ...] = (
    b"",
    "大模型时代，小模型还有机会吗？".encode(),
    "大模型时代，小模型还有机会吗？".encode("gb18030"),
    "ChatGPT引領的大模型時代".encode("big5"),
    "表情😀与𠀀字".encode("utf-16"),
    "\ufeff中文".encode(),
    b"\xff\xfe\xfd\x80\x81abc\xc3",
    bytes(range(256)),
    "a\ud800b".encode("utf-8", "surrogatepass"),
)

#: how the pipeline calls each stage's method: positional and keyword arguments
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


def random_batches(texts: tuple[str, ...], rounds: int, seed: int = 0) -> list[list[str]]:
    """Batches of documents cut from ``texts`` at random points, with empty and one-character documents."""
    rng = random.Random(seed)
    whole = "".join(texts)
    batches = [list(texts)]
    for _ in range(rounds):
        docs = []
        for _ in range(rng.randint(1, 12)):
            roll = rng.random()
            if roll < 0.1 or not whole:
                docs.append("")
            elif roll < 0.25:
                docs.append(rng.choice(whole))
            else:
                start = rng.randrange(len(whole))
                docs.append(whole[start : start + rng.randint(1, 80)])
        batches.append(docs)
    return batches


class _Contract:
    #: the stage whose protocol the engine follows
    stage: ClassVar[str] = ""
    #: the texts the engine is run on; extend with ``SAMPLES + (...)``
    samples: ClassVar[tuple[str, ...]] = SAMPLES
    #: how many random batches the batch form is checked on
    batch_rounds: ClassVar[int] = 40

    def make_engine(self) -> Any:
        raise NotImplementedError("implement make_engine() to return your engine")

    def checked_engine(self) -> Engine:
        """``make_engine()`` wrapped as the pipeline wraps it: results are checked, failures are PluginErrors."""
        impl = self.make_engine()
        cls = type(impl)
        return Engine(EngineInfo(self.stage, cls.name, cls, f"{cls.__module__}.{cls.__qualname__}"), impl)

    def test_has_a_name(self) -> None:
        name = type(self.make_engine()).name
        assert isinstance(name, str) and name

    def test_follows_the_protocol(self) -> None:
        cls = type(self.make_engine())
        check_engine_class(self.stage, cls, plugin=cls.__module__)  # raises ConfigError saying what is wrong


class _BatchContract(_Contract):
    """The stages with a batch form: clean, convert, segment, extract."""

    def batch_documents(self, texts: list[str]) -> list[Document]:
        """The documents a batch of ``texts`` is made of, as the stage receives them."""
        return [Document.from_text(t) for t in texts]

    def same_results(self, batch: Batch, got: Any, expected: list[Any]) -> None:
        raise NotImplementedError

    def test_batch_results_equal_per_document(self) -> None:
        """Each document's result in a batch is what the per-document method gives it.

        With a batch form, that form is checked; without one, the pipeline's
        way of running the engine over a batch a document at a time.
        """
        engine = self.checked_engine()
        for texts in random_batches(self.samples, self.batch_rounds):
            batch = Batch(self.batch_documents(texts))
            if not batch.joinable:
                continue
            expected = [engine.on(d) for d in batch]
            if engine.has_batch_form:
                got = engine.batch(batch)
            else:
                got, failed = engine.run_batch(batch)
                assert not failed, failed
            self.same_results(batch, got, expected)


class DecoderContract(_Contract):
    stage = "decode"
    #: the bytes the engine is run on; extend with ``BYTE_SAMPLES + (...)``
    byte_samples: ClassVar[tuple[bytes, ...]] = BYTE_SAMPLES

    def test_any_bytes_give_a_document_with_a_true_alignment(self) -> None:
        engine = self.checked_engine()
        for data in self.byte_samples:
            doc = engine(data, encoding=None)  # a DecodeError is allowed; any other failure is a PluginError
            check_alignment(doc)
            encoding = doc.meta.get("encoding")
            assert encoding is None or isinstance(encoding, str)
            confidence = doc.meta.get("confidence")
            assert confidence is None or 0.0 <= confidence <= 1.0

    def test_empty_bytes_give_an_empty_text(self) -> None:
        assert self.checked_engine()(b"", encoding=None).text == ""

    def test_a_forced_encoding_is_used(self) -> None:
        engine = self.checked_engine()
        for text in self.samples:
            for encoding in ("utf-8", "gb18030"):
                try:
                    data = text.encode(encoding)
                except UnicodeEncodeError:
                    continue
                assert engine(data, encoding=encoding).source == text, (encoding, text)


class SegmenterContract(_BatchContract):
    stage = "segment"

    def test_spans_are_int32_and_inside_the_text(self) -> None:
        engine = self.make_engine()
        for text in self.samples:
            tokens = engine.segment(text)
            assert isinstance(tokens, Tokens)
            assert tokens.starts.dtype == np.int32 and tokens.ends.dtype == np.int32
            assert all(0 <= s < e <= len(text) for s, e in zip(tokens.starts.tolist(), tokens.ends.tolist()))

    def test_empty_text_has_no_tokens(self) -> None:
        assert len(self.make_engine().segment("")) == 0

    def test_results_pass_the_pipeline_checks(self) -> None:
        engine = self.checked_engine()
        for text in self.samples:
            engine(text)

    def same_results(self, batch: Batch, got: Any, expected: list[Any]) -> None:
        for doc, tokens, alone in zip(batch, got, expected):
            assert tokens.starts.tolist() == alone.starts.tolist(), doc.text
            assert tokens.ends.tolist() == alone.ends.tolist(), doc.text


def _edited(text: str) -> Document:
    """A document an earlier stage has edited: two spaces removed in front of ``text``."""
    return Document.from_text("  " + text).apply_edits([Edit(0, 2, "", "contract")], step="contract")


class _DocumentContract(_BatchContract):
    """Cleaners and converters: a Document in, a Document out, edited through apply_edits/rewrite."""

    def test_returns_a_document_with_a_true_alignment(self) -> None:
        engine = self.make_engine()
        method = getattr(engine, self.stage)
        for text in self.samples:
            doc = method(Document.from_text(text))
            assert isinstance(doc, Document)
            assert doc.source == text
            check_alignment(doc)

    def test_keeps_what_earlier_stages_did(self) -> None:
        engine = self.checked_engine()
        for text in self.samples:
            before = _edited(text)
            doc = engine(before)  # the source must not change
            check_alignment(doc)
            kept = doc.meta.get("repairs", [])[:1]
            assert kept == [{"step": "contract", "edits": 1}], "the meta of earlier stages was lost"

    def test_results_pass_the_pipeline_checks(self) -> None:
        engine = self.checked_engine()
        for text in self.samples:
            engine(Document.from_text(text))

    def batch_documents(self, texts: list[str]) -> list[Document]:
        return [_edited(t) if i % 3 == 1 else Document.from_text(t) for i, t in enumerate(texts)]

    def same_results(self, batch: Batch, got: Any, expected: list[Any]) -> None:
        assert len(got) == len(expected)
        for doc, out, alone in zip(batch, got, expected):
            assert out.source == alone.source
            assert out.text == alone.text, doc.text
            assert (out.alignment is None) == (alone.alignment is None), doc.text
            if out.alignment is not None:
                assert out.alignment.tolist() == alone.alignment.tolist(), doc.text
            assert out.meta == alone.meta, doc.text


class ConverterContract(_DocumentContract):
    stage = "convert"

    def test_empty_text_stays_empty(self) -> None:
        assert self.make_engine().convert(Document.from_text("")).text == ""


class CleanerContract(_DocumentContract):
    stage = "clean"


def _one_per_character(text: str) -> Tokens:
    return Tokens.from_arrays(np.arange(len(text)), np.arange(1, len(text) + 1))


class ExtractorContract(_BatchContract):
    stage = "extract"

    def _documents(self, engine: Any, texts: Any = None) -> list[Document]:
        """Documents of ``texts`` (the samples by default), with tokens if ``engine`` needs them."""
        docs = [Document.from_text(text) for text in (self.samples if texts is None else texts)]
        if getattr(engine, "needs_tokens", False):  # one token per character stands in for a segmenter
            docs = [d.with_tokens(_one_per_character(d.text)) for d in docs]
        return docs

    def test_entities_match_the_text(self) -> None:
        engine = self.make_engine()
        for doc in self._documents(engine):
            for ent in engine.extract(doc):
                assert doc.text[ent.start : ent.end] == ent.text
                assert ent.kind

    def test_results_pass_the_pipeline_checks(self) -> None:
        engine = self.checked_engine()
        for doc in self._documents(engine.impl):
            engine(doc)

    def batch_documents(self, texts: list[str]) -> list[Document]:
        return self._documents(self.make_engine(), texts)

    def same_results(self, batch: Batch, got: Any, expected: list[Any]) -> None:
        for doc, ents, alone in zip(batch, split_entities(batch, got), expected):
            assert sorted(map(_row, ents)) == sorted(map(_row, alone)), doc.text


def _row(entity: Any) -> tuple[Any, ...]:
    """An entity as a sortable row (its value and attrs as text)."""
    return (entity.start, entity.end, entity.kind, entity.text, repr(entity.value), entity.unit, repr(entity.attrs))
