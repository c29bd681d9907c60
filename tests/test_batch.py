"""The batch path gives every input what processing it alone gives it; a failure costs only its input."""

from __future__ import annotations

import random
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hanpipe
from hanpipe import Document, Entity, ErrorRecord, Pipeline
from hanpipe.batch import SEPARATOR, Batch, BatchResult, join_entities, owners, split_entities, split_tokens
from hanpipe.document import Edit, Entities, Tokens
from tests.strategies import SEED_TEXTS, any_text, mixed_text

PIPELINE = Pipeline()
WITH_KEYWORDS = Pipeline(extract=[*hanpipe.config.DEFAULT.extract, "keyword"])

#: inputs that have broken engines before: controls, lone surrogates, the separator itself, huge runs
HOSTILE = (
    "",
    SEPARATOR,
    f"前{SEPARATOR}后 1200万元",
    "a\x00b\ud800c",
    "1" * 3000,
    "年" * 500 + "2024年3月",
    "&amp;" * 50,
    "\r\n" * 40,
    "領(lǐng)" * 20,
    "\ufffd" * 30,
)


def _windows(seed: int, count: int) -> list[str]:
    """Windows of the seed pages cut at random points (numbers, dates and words cut in two)."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        page = rng.choice(SEED_TEXTS)
        start = rng.randrange(len(page))
        out.append(page[start : start + rng.choice((1, 3, 20, 80, 300, 1500))])
    return out


def _same(alone: Document | ErrorRecord, batched: Document | ErrorRecord) -> None:
    """``batched`` is what processing the input alone gave, field for field."""
    assert type(alone) is type(batched)
    if isinstance(alone, ErrorRecord):
        assert (alone.error, alone.message, alone.stage, alone.engine) == (
            batched.error,  # type: ignore[union-attr]
            batched.message,  # type: ignore[union-attr]
            batched.stage,  # type: ignore[union-attr]
            batched.engine,  # type: ignore[union-attr]
        )
        return
    assert isinstance(batched, Document)
    assert batched.source == alone.source
    assert batched.text == alone.text
    assert (batched.alignment is None) == (alone.alignment is None)
    if alone.alignment is not None:
        assert batched.alignment is not None
        assert np.array_equal(batched.alignment, alone.alignment)
    assert batched.meta == alone.meta
    assert batched.token_spans == alone.token_spans
    assert batched.words == alone.words
    assert batched.entities.to_dicts() == alone.entities.to_dicts()


def _check(pipeline: Pipeline, inputs: list[Any]) -> None:
    batched = pipeline.process_batch(inputs)
    assert len(batched) == len(inputs)
    for data, result in zip(inputs, batched):
        _same(pipeline.run_one(0, data), result)


@pytest.mark.parametrize("seed", range(6))
def test_batch_equals_alone_on_seed_windows(seed: int) -> None:
    _check(PIPELINE, _windows(seed, 60))


def test_batch_equals_alone_on_seed_windows_as_bytes_in_several_encodings() -> None:
    inputs: list[Any] = []
    for i, text in enumerate(_windows(99, 40)):
        encoding = ("utf-8", "gb18030", "big5", "utf-16")[i % 4]
        inputs.append(text.encode(encoding, errors="replace"))
    _check(PIPELINE, inputs)


def test_batch_equals_alone_on_hostile_inputs() -> None:
    _check(PIPELINE, [*HOSTILE, *_windows(7, 10), *HOSTILE])


def test_batch_equals_alone_with_keywords() -> None:
    _check(WITH_KEYWORDS, _windows(3, 30))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(mixed_text, any_text, st.sampled_from(HOSTILE), st.binary(max_size=60)), max_size=12))
def test_batch_equals_alone_on_any_inputs(inputs: list[Any]) -> None:
    _check(PIPELINE, inputs)


def test_pipe_gives_what_process_gives_with_small_batches() -> None:
    inputs = _windows(11, 30)
    piped = list(PIPELINE.pipe(inputs, chunksize=7, batch_bytes=500))
    for data, result in zip(inputs, piped, strict=True):
        _same(PIPELINE.process(data), result)


def test_workers_get_smaller_batches_by_default() -> None:
    light = Pipeline(clean=[], convert=None, segment=None, extract=[])
    inputs = ["字" * 1000] * 600  # 600,000 characters
    assert [len(g) for g in light.pipe_batches(inputs)] == [600]  # one batch of at most 1 MiB
    # batches of 256 KiB: 263 inputs reach 262,144 characters
    assert [len(g) for g in light.pipe_batches(inputs, workers=2)] == [263, 263, 74]


# -- a failure inside a batch -----------------------------------------------------------


class FailsOnBad:
    """An extractor whose batch form fails for the whole batch when one document says 坏."""

    name = "fails-on-bad"

    def extract(self, doc: Document) -> list[Entity]:
        if "坏" in doc.text:
            raise RuntimeError("bad document")
        i = doc.text.find("好")
        return [] if i < 0 else [Entity("good", i, i + 1, "好")]

    def extract_batch(self, batch: Batch) -> list[Entity]:
        return self.extract(batch.joined)


class Crosses:
    """A segmenter whose batch form makes one token of the whole batch: invalid, so each document runs alone."""

    name = "crosses"

    def segment(self, text: str) -> Tokens:
        return Tokens.from_arrays(np.arange(len(text)), np.arange(1, len(text) + 1))

    def segment_batch(self, batch: Batch) -> Tokens:
        return Tokens.from_arrays([0], [len(batch.text)])


class _Plugin:
    @hanpipe.hookimpl
    def hanpipe_register_extractors(self, register):  # type: ignore[no-untyped-def]
        register(FailsOnBad)

    @hanpipe.hookimpl
    def hanpipe_register_segmenters(self, register):  # type: ignore[no-untyped-def]
        register(Crosses)


def test_a_failing_batch_form_costs_only_the_input_at_fault() -> None:
    p = Pipeline(extract=["fails-on-bad", "money"], segment="crosses", plugins=[_Plugin()], entry_points=False)
    inputs = ["好 100元", "坏", "又好", "坏了 5元", "10元"]
    results = p.process_batch(inputs, first_index=10)
    assert [type(r).__name__ for r in results] == ["Document", "ErrorRecord", "Document", "ErrorRecord", "Document"]
    assert [r.index for r in results if isinstance(r, ErrorRecord)] == [11, 13]
    bad = results[1]
    assert isinstance(bad, ErrorRecord) and bad.engine == "fails-on-bad" and "bad document" in bad.message
    good = results[0]
    assert isinstance(good, Document)
    assert [(e.kind, e.text) for e in good.entities] == [("good", "好"), ("money", "100元")]
    assert good.token_spans == [(i, i + 1) for i in range(len("好 100元"))]  # the per-document segmentation
    assert [r.index for r in p.pipe(inputs) if isinstance(r, ErrorRecord)] == [1, 3]


def test_process_batch_records_inputs_of_the_wrong_type_in_place() -> None:
    results = PIPELINE.process_batch(["一", 5, b"\xe4\xba\x8c"])  # type: ignore[list-item]
    assert isinstance(results[1], ErrorRecord) and results[1].error == "InputError" and results[1].index == 1
    assert [r.text for r in results if isinstance(r, Document)] == ["一", "二"]


# -- the helpers --------------------------------------------------------------------------


def test_batch_positions() -> None:
    batch = Batch([Document.from_text(t) for t in ("ab", "", "cde")])
    assert batch.text == f"ab{SEPARATOR}{SEPARATOR}cde"
    assert batch.starts.tolist() == [0, 3, 4, 8]
    assert batch.joinable
    assert not Batch([Document.from_text(f"x{SEPARATOR}y")]).joinable
    assert owners(batch, np.array([0, 1, 2, 4, 3]), np.array([2, 3, 3, 7, 3])).tolist() == [0, -1, -1, 2, 1]


def test_split_tokens_drops_separators_and_refuses_tokens_across_a_bound() -> None:
    batch = Batch([Document.from_text(t) for t in ("ab", "", "cde")])
    got = split_tokens(batch, Tokens.from_arrays([0, 2, 3, 4, 6], [2, 3, 4, 6, 7]))
    assert [list(zip(t.starts.tolist(), t.ends.tolist())) for t in got] == [[(0, 2)], [], [(0, 2), (2, 3)]]
    with pytest.raises(ValueError, match="crosses"):
        split_tokens(batch, Tokens.from_arrays([1], [5]))


def _split_naive(lengths: list[int], spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]] | None:
    """Each document's spans by the definition: a span lies in one document (its separator alone is
    dropped), documents in text order; None where split_tokens must refuse."""
    starts = [0]
    for n in lengths:
        starts.append(starts[-1] + n + 1)
    out: list[list[tuple[int, int]]] = [[] for _ in lengths]
    last = -1
    for a, b in spans:
        doc = next((i for i in range(len(lengths)) if starts[i] <= a <= starts[i] + lengths[i]), None)
        if doc is None or b > starts[doc] + lengths[doc]:
            if doc is not None and doc < len(lengths) - 1 and a == starts[doc] + lengths[doc] and b == a + 1:
                continue  # the separator after a document
            return None
        if doc < last:
            return None
        last = doc
        out[doc].append((a - starts[doc], b - starts[doc]))
    return out


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, 4), min_size=1, max_size=5),
    st.lists(st.tuples(st.integers(-1, 25), st.integers(0, 3)), max_size=12),
    st.booleans(),
)
def test_split_tokens_equals_the_definition(lengths: list[int], raw: list[tuple[int, int]], ordered: bool) -> None:
    """In text order or not, tiling the text or not, separators included: each document's tokens, or an error."""
    batch = Batch([Document.from_text("x" * n) for n in lengths])
    spans = [(a, min(a + k, len(batch.text))) for a, k in raw if a <= len(batch.text)]
    if ordered:
        spans.sort()
    expected = _split_naive(lengths, spans)
    tokens = Tokens.from_arrays([a for a, _ in spans], [b for _, b in spans])
    if expected is None:
        with pytest.raises(ValueError):
            split_tokens(batch, tokens)
        return
    got = split_tokens(batch, tokens)
    assert [list(zip(t.starts.tolist(), t.ends.tolist())) for t in got] == expected


@given(st.lists(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 5)), max_size=5), min_size=1, max_size=6))
def test_join_then_split_entities_gives_each_document_its_own(spans: list[list[tuple[int, int]]]) -> None:
    texts = ["字" * 40 for _ in spans]
    batch = Batch([Document.from_text(t) for t in texts])
    parts = [
        Entities.of(Entity("x", s, min(s + n, 40), texts[i][s : min(s + n, 40)]) for s, n in sorted(doc_spans))
        for i, doc_spans in enumerate(spans)
    ]
    joined = join_entities(batch, parts)
    joined.check(batch.text)
    assert [p.to_dicts() for p in split_entities(batch, joined)] == [p.to_dicts() for p in parts]


@given(st.lists(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 5)), max_size=5), min_size=1, max_size=6))
def test_split_entities_places_them_in_each_documents_source(spans: list[list[tuple[int, int]]]) -> None:
    """With ``sources``, each entity's source span is what its document's ``source_spans`` gives: through the
    alignment where the document has one (every other document here had a character deleted), else its span."""
    docs = []
    for k in range(len(spans)):
        doc = Document.from_text("字" * 41)
        docs.append(doc.apply_edits([Edit(3, 4, "")], step="cut") if k % 2 else Document.from_text("字" * 40))
    batch = Batch(docs)
    parts = [
        Entities.of(Entity("x", s, min(s + n, 40), "字" * (min(s + n, 40) - s)) for s, n in sorted(doc_spans))
        for doc_spans in spans
    ]
    for doc, part in zip(docs, split_entities(batch, join_entities(batch, parts), sources=True)):
        assert list(zip(part.source_start.tolist(), part.source_end.tolist())) == list(
            zip(*doc.source_spans(part.start.tolist(), part.end.tolist()))
        )


# -- what workers send back ---------------------------------------------------------------


@pytest.mark.parametrize(
    "pipeline", [PIPELINE, Pipeline(segment=None), Pipeline(extract=[])], ids=["all", "unsegmented", "no-extract"]
)
def test_packed_results_unpack_to_the_same_results(pipeline: Pipeline) -> None:
    import pickle

    from hanpipe.batch import BatchResult

    inputs: list[Any] = [*_windows(5, 25), 7, b"\xff\xfe\x00", "", *HOSTILE]
    results = pipeline.process_batch(inputs)
    assert any(isinstance(r, Document) and r.alignment is not None for r in results)
    assert any(isinstance(r, Document) and r.alignment is None for r in results)
    back = pickle.loads(pickle.dumps(BatchResult(results))).documents()
    # as a worker sends it: what the parent holds stays behind
    sent = pickle.loads(pickle.dumps(BatchResult(results).shed_inputs(inputs)))
    str_documents = sum(isinstance(r, Document) and isinstance(x, str) for r, x in zip(results, inputs))
    assert sent.source.count(None) == str_documents
    assert None in sent.text
    shed = sent.restore_inputs(inputs).documents()
    assert len(back) == len(shed) == len(results)
    for before, after_shed in zip(results, shed):
        if isinstance(before, ErrorRecord):
            assert after_shed == before
        else:
            _same(before, after_shed)
            assert after_shed.text == before.text and after_shed.source == before.source
    for before, after in zip(results, back):
        if isinstance(before, ErrorRecord):
            assert after == before
        else:
            _same(before, after)
            assert (after.tokens is None) == (before.tokens is None)


def test_packed_results_without_alignments() -> None:
    import pickle

    from hanpipe.batch import BatchResult

    results = PIPELINE.process_batch(["甲乙", "", "abc"])
    assert all(isinstance(r, Document) and r.alignment is None for r in results)
    for before, after in zip(results, pickle.loads(pickle.dumps(BatchResult(results))).documents(), strict=True):
        _same(before, after)


def test_two_workers_give_what_one_gives() -> None:
    inputs = [*_windows(21, 40), *HOSTILE]
    one = list(PIPELINE.pipe(inputs, chunksize=9))
    two = list(PIPELINE.pipe(inputs, workers=2, chunksize=9))
    for a, b in zip(one, two, strict=True):
        _same(a, b)


def test_to_arrow_has_one_row_per_input_with_each_documents_fields() -> None:
    import json

    inputs: list[Any] = ["共1200万元，增长3.5%", 42, "我来到北京", ""]
    result = PIPELINE.process_columns(inputs)
    table = result.to_arrow()
    assert table.num_rows == 4
    rows = table.to_pylist()
    assert [r["text"] for r in rows] == ["共1200万元，增长3.5%", None, "我来到北京", ""]
    assert [r["error"] for r in rows] == [None, "InputError", None, None]
    assert rows[2]["token_starts"] == [0, 1, 3] and rows[2]["token_ends"] == [1, 3, 5]  # 我 / 来到 / 北京
    money = [e for e in rows[0]["entities"] if e["kind"] == "money"]
    assert [(e["text"], json.loads(e["value"]), e["unit"]) for e in money] == [("1200万元", 12000000, "CNY")]
    for row, doc in zip(rows, result.documents()):
        if isinstance(doc, Document):
            assert json.loads(row["meta"]) == doc.to_dict()["meta"]
            got = [
                {**e, "value": json.loads(e["value"]) if e["value"] else None, "attrs": json.loads(e["attrs"])}
                for e in row["entities"]
            ]
            assert got == doc.entities.to_dicts()


def test_to_arrow_of_an_unsegmented_batch_has_null_tokens() -> None:
    rows = Pipeline(segment=None).process_columns(["一二三", "四"]).to_arrow().to_pylist()
    assert [r["token_starts"] for r in rows] == [None, None]


# -- grouping inputs into batches -----------------------------------------------------------


@pytest.mark.parametrize(("chunksize", "batch_bytes"), [(1, 1 << 20), (3, 1 << 20), (1000, 25), (7, 40), (64, 1)])
def test_batches_keep_every_input_once_in_order_within_their_bounds(chunksize: int, batch_bytes: int) -> None:
    from hanpipe._workers import batches

    inputs = [("字" * (i % 13)).encode() for i in range(500)]
    groups = [g for g in batches(enumerate(inputs), chunksize, batch_bytes) if g]
    assert [item for g in groups for item in g] == list(enumerate(inputs))
    for g in groups:
        assert len(g) <= chunksize
        assert sum(len(d) for _, d in g[:-1]) < batch_bytes  # a batch closes on the input that reaches the bound


def test_batches_raise_the_iterables_failure_after_the_inputs_before_it() -> None:
    from hanpipe._workers import batches

    def inputs() -> Any:
        yield from (b"a", b"b", b"c")
        raise KeyError("the source broke")

    seen: list[Any] = []
    with pytest.raises(KeyError, match="the source broke"):
        for g in batches(enumerate(inputs()), 2, 1 << 20):
            seen.extend(g)
    assert seen == [(0, b"a"), (1, b"b"), (2, b"c")]


def test_batches_close_early_when_the_next_input_is_slow() -> None:
    import time

    from hanpipe._workers import LINGER, batches

    def inputs() -> Any:
        yield b"first"
        time.sleep(20 * LINGER)
        yield b"second"

    groups = [g for g in batches(enumerate(inputs()), 100, 1 << 20) if g]
    assert groups == [[(0, b"first")], [(1, b"second")]]


def test_the_cycle_collector_is_held_during_a_batch_and_restored_after(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    pipeline = Pipeline()
    seen: list[bool] = []
    read = Pipeline._read

    def recording(self: Pipeline, data: object, encoding: object) -> object:
        seen.append(gc.isenabled())
        return read(self, data, encoding)

    monkeypatch.setattr(Pipeline, "_read", recording)
    was = gc.isenabled()
    try:
        gc.enable()
        docs = pipeline.process_batch(["中文文本", b"\xff\xfe\x00", 42])  # type: ignore[list-item]
        assert len(docs) == 3 and gc.isenabled()
        assert seen == [False, False, False]
        gc.disable()
        pipeline.process_batch(["中文"])
        assert not gc.isenabled()  # left off when it was off
        gc.enable()
        result = BatchResult(docs)
        rows = Entities.rows
        seen.clear()

        def recording_rows(self: Entities, start: int, stop: int) -> Entities:
            seen.append(gc.isenabled())
            return rows(self, start, stop)

        monkeypatch.setattr(Entities, "rows", recording_rows)
        assert [type(d) for d in result.documents()] == [type(d) for d in docs]
        unpacked = sum(isinstance(d, Document) for d in docs)  # 42 is an error record, not unpacked
        assert unpacked >= 1 and seen == [False] * unpacked and gc.isenabled()
        seen.clear()
        pipeline.process("共1200万元")  # one document at a time, likewise
        assert seen == [False] and gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()


# -- a batch after an engine: what it derives, taken from the batch before ----------------------------


def _fresh(batch: Batch) -> tuple[str, bool, list[int], list[int]]:
    """What a batch derives, computed from its documents alone."""
    text = SEPARATOR.join(d.text for d in batch.docs)
    starts = [0]
    for d in batch.docs:
        starts.append(starts[-1] + len(d.text) + 1)
    return text, text.count(SEPARATOR) == max(len(batch.docs) - 1, 0), starts, [ord(c) for c in text]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(any_text, st.sampled_from(["", SEPARATOR, "甲乙"])), min_size=1, max_size=12),
    st.lists(st.tuples(st.integers(0, 11), st.one_of(any_text, st.just(SEPARATOR))), max_size=12),
    st.booleans(),
)
def test_batch_after_an_engine_equals_a_fresh_batch(texts: list[str], edits: list[tuple[int, str]], seen: bool) -> None:
    """Whatever documents change (or keep their text with new meta), the new batch's text, joinability,
    starts and code points are those of a batch made from its documents, spliced or joined anew; a
    batch whose documents are all the same objects is the same batch."""
    for splice in (1, hanpipe.batch.SPLICE_CHARS):  # splice whatever changed; the default rule
        before = Batch([Document.from_text(t) for t in texts])
        if seen:  # the engine looked at the joined text and its code points, and asked whether it is joinable
            before.joined.code_points  # noqa: B018
            before.joinable  # noqa: B018
        else:
            before.text  # noqa: B018
        docs = list(before.docs)
        for i, text in edits:
            if i < len(docs):
                docs[i] = Document.from_text(text) if text else docs[i].with_meta(touched=True)
        default, hanpipe.batch.SPLICE_CHARS = hanpipe.batch.SPLICE_CHARS, splice
        try:
            after = before.after(docs)
        finally:
            hanpipe.batch.SPLICE_CHARS = default
        if all(a is b for a, b in zip(before.docs, docs)):
            assert after is before
        text, joinable, starts, cps = _fresh(after)
        assert after.text == text
        assert after.joinable == joinable
        assert after.starts.tolist() == starts
        assert after.joined.code_points.tolist() == cps


def test_batch_after_by_hand() -> None:
    a, b, c = (Document.from_text(t) for t in ("甲乙", "", "丙"))
    before = Batch([a, b, c])
    assert before.joined.code_points.tolist() == [ord(x) for x in "甲乙\ufdd0\ufdd0丙"]
    assert before.joinable
    after = before.after([a, Document.from_text("x\ufdd0y"), c])
    assert after.text == "甲乙\ufdd0x\ufdd0y\ufdd0丙"
    assert not after.joinable  # a document holds the separator now
    again = after.after([a, b, c])  # and loses it again
    assert again.joinable
    assert after.joined.code_points.tolist() == [ord(x) for x in after.text]
    assert before.after([a, b]).text == "甲乙\ufdd0"  # one fewer document (one failed): joined anew


def _texts_of(results: list[Any]) -> list[Any]:
    """A ``finish`` for the tests: each document's text, error records as they are."""
    return [r if isinstance(r, ErrorRecord) else ("done", r.text) for r in results]


@pytest.mark.parametrize("workers", [1, 2])
def test_finish_runs_on_every_result_where_it_is_made(workers: int) -> None:
    inputs: list[Any] = [*_windows(9, 20), 7, "", b"\xff\xfe\x00"]  # 7 fails in the parent, before any worker
    expected = [r if isinstance(r, ErrorRecord) else ("done", r.text) for r in PIPELINE.process_batch(inputs)]
    groups = list(PIPELINE.pipe_batches(inputs, workers=workers, chunksize=4, finish=_texts_of))
    got = [r for group in groups for r in group]
    assert len(got) == len(expected)
    for a, b in zip(expected, got):
        if isinstance(a, ErrorRecord):
            assert isinstance(b, ErrorRecord) and (a.error, a.message) == (b.error, b.message)
        else:
            assert a == b


def test_finish_must_be_a_function() -> None:
    with pytest.raises(hanpipe.ConfigError, match="finish must be a function"):
        next(PIPELINE.pipe_batches(["x"], finish="json"))  # type: ignore[arg-type]
