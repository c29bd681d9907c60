"""``convert_batch``: one kernel call for a batch, and for each document exactly what ``convert`` gives it."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hanpipe import Document, Edit
from hanpipe.batch import SEPARATOR, Batch
from hanpipe.builtin.convert import opencc
from hanpipe.builtin.convert.opencc import OpenCCConverter
from hanpipe.testing import check_alignment
from tests.conftest import SEED_PATHS, TRADITIONAL_SEEDS
from tests.strategies import any_text, mixed_text

#: the Traditional seed pages, one after the other: documents are windows of it
TRADITIONAL = "".join(
    p.read_bytes().decode("utf-8", errors="replace") for p in SEED_PATHS if p.name in TRADITIONAL_SEEDS
)

#: overrides that lengthen, shorten, keep, hold the separator in a key or a value, or start inside a phrase
OVERRIDES = {
    "電腦": "计算机",
    "網際網路": "网",
    "軟": "軟",
    "頭": "脑袋瓜",
    "體" + SEPARATOR + "軟": "X",
    "腦": "腦" + SEPARATOR,
}

#: engine key -> (variant, overrides)
SETUPS = {
    "t2s": ("t2s", None),
    "tw2sp": ("tw2sp", None),
    "hk2s": ("hk2s", None),
    "tw2sp+overrides": ("tw2sp", OVERRIDES),
    "t2s+overrides": ("t2s", OVERRIDES),
}
ENGINES = {key: OpenCCConverter(variant=variant, overrides=table) for key, (variant, table) in SETUPS.items()}

#: pieces that hold phrases, the overrides' keys and the separator, to be cut across documents
PIECES = ["軟體", "網際網路", "電腦", "頭髮", "著作", "這個", SEPARATOR, *OVERRIDES]


def _edited(text: str) -> Document:
    """A document an earlier stage edited: two characters removed in front, so it has an alignment."""
    return Document.from_text("　 " + text).apply_edits([Edit(0, 2, "", "clean")], step="clean")


@st.composite
def documents(draw: st.DrawFn) -> Document:
    kind = draw(st.sampled_from(["window", "window", "window", "pieces", "any", "mixed"]))
    if kind == "window":
        start = draw(st.integers(0, len(TRADITIONAL) - 1))
        text = TRADITIONAL[start : start + draw(st.integers(0, 120))]
    elif kind == "pieces":
        text = "".join(draw(st.lists(st.sampled_from(PIECES).map(lambda p: p[: len(p) // 2] or p), max_size=4)))
        text += "".join(draw(st.lists(st.sampled_from(PIECES), max_size=3)))
    elif kind == "any":
        text = draw(any_text)
    else:
        text = draw(mixed_text)
    form = draw(st.sampled_from(["plain", "edited", "converted"]))
    if form == "edited":
        return _edited(text)
    if form == "converted":  # a document that already went through a converter: its meta names the variant
        return Document.from_text(text, variant=draw(st.sampled_from(["t2s", "tw2sp"])))
    return Document.from_text(text)


def _official_takes(text: str) -> bool:
    """Whether the official binding reads all of ``text``: it stops at NUL and cannot take a lone surrogate."""
    return "\x00" not in text and not any("\ud800" <= ch <= "\udfff" for ch in text)


def _same(got: Document, alone: Document, doc: Document) -> None:
    assert got.source == alone.source
    assert got.text == alone.text
    assert (got.alignment is None) == (alone.alignment is None)
    if got.alignment is not None:
        assert got.alignment.tolist() == alone.alignment.tolist()
    assert got.meta == alone.meta
    if alone is doc:
        assert got is doc
    check_alignment(got)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(sorted(SETUPS)), docs=st.lists(documents(), max_size=12))
def test_convert_batch_equals_convert_of_each_document(key, docs, official):
    engine = ENGINES[key]
    got = engine.convert_batch(Batch(docs))
    assert len(got) == len(docs)
    for doc, out in zip(docs, got):
        _same(out, engine.convert(doc), doc)
        if SETUPS[key][1] is None and _official_takes(doc.text):
            assert out.text == official(SETUPS[key][0]).convert(doc.text)


def test_convert_batch_of_random_cuts_of_the_seeds(seed_texts, official):
    """Batches cut at random points from all five seeds (as the contract does, at every variant)."""
    rng = np.random.default_rng(7)
    whole = "".join(seed_texts.values())
    for variant in ("t2s", "tw2s", "tw2sp", "hk2s"):
        engine = OpenCCConverter(variant=variant)
        for _ in range(20):
            cuts = np.sort(rng.integers(0, len(whole), size=2 * rng.integers(1, 30)))
            docs = [Document.from_text(whole[a:b]) for a, b in zip(cuts[::2], cuts[1::2])]
            got = engine.convert_batch(Batch(docs))
            for doc, out in zip(docs, got):
                _same(out, engine.convert(doc), doc)
                if _official_takes(doc.text):
                    assert out.text == official(variant).convert(doc.text)


@pytest.mark.parametrize(
    ("variant", "texts", "expected"),
    [
        # a phrase cut by the document bound is converted as two texts: 軟體 → 软件 only when whole
        ("tw2sp", ["這個軟", "體很好"], ["这个软", "体很好"]),
        ("tw2sp", ["這個軟體很好"], ["这个软件很好"]),
        # a phrase that keeps 著 (著作) does not reach across the bound either
        ("tw2sp", ["著", "作"], ["着", "作"]),
        ("tw2sp", ["著作"], ["著作"]),
        # a length-changing phrase (網際網路 → 互联网), cut and whole
        ("tw2sp", ["網際", "網路"], ["网际", "网络"]),
        ("tw2sp", ["網際網路", "網際網路"], ["互联网", "互联网"]),
        # empty documents, and documents with nothing to convert
        ("t2s", ["", "頭髮", "", "abc"], ["", "头发", "", "abc"]),
    ],
)
def test_convert_batch_never_joins_documents(variant, texts, expected):
    docs = [Document.from_text(t) for t in texts]
    assert [d.text for d in OpenCCConverter(variant=variant).convert_batch(Batch(docs))] == expected


def test_convert_batch_override_keys_with_the_separator_match_inside_a_document_only():
    engine = OpenCCConverter(variant="t2s", overrides={"電" + SEPARATOR + "腦": "X"})
    docs = [Document.from_text(t) for t in ("電", "腦", "電" + SEPARATOR + "腦")]
    batch = Batch(docs)
    assert not batch.joinable  # the pipeline would run the last one alone; the batch form need not
    assert [d.text for d in engine.convert_batch(batch)] == ["电", "脑", "X"]


def test_convert_batch_counts_changes_per_document():
    """``meta["repairs"]`` holds each document's own count: 頭→头 and 髮→发 are two, 髮 alone one."""
    docs = [Document.from_text(t) for t in ("頭髮", "abc", "髮", "头发")]
    got = OpenCCConverter(variant="t2s").convert_batch(Batch(docs))
    assert [d.meta.get("repairs") for d in got] == [
        [{"step": "convert:opencc", "edits": 2}],
        None,
        [{"step": "convert:opencc", "edits": 1}],
        None,
    ]
    assert all(d.meta["variant"] == "t2s" for d in got)


def test_convert_batch_keeps_documents_with_nothing_to_convert():
    """Their text and source are the objects they were; only meta gains the script."""
    docs = [Document.from_text(t, variant="t2s") for t in ("大模型时代", "", "plain ascii")]
    got = OpenCCConverter(variant="t2s").convert_batch(Batch(docs))
    for out, doc in zip(got, docs):
        assert out.text is doc.text and out.source is doc.source and out.alignment is doc.alignment
        assert out.meta == {**doc.meta, "script": out.meta["script"]}
    assert [d.meta["script"]["script"] for d in got] == ["simplified", "neither", "neither"]


def test_convert_batch_runs_one_kernel_call(monkeypatch):
    calls = []
    kernel = opencc.convert_kernel

    def counting(*args):
        calls.append(args[1].shape[0] - 1)  # documents in the call
        return kernel(*args)

    monkeypatch.setattr(opencc, "convert_kernel", counting)
    docs = [Document.from_text(t) for t in ("頭髮", "軟體", "abc", "")]
    OpenCCConverter(variant="tw2sp").convert_batch(Batch(docs))
    assert calls == [4]


def test_convert_batch_of_nothing():
    assert OpenCCConverter().convert_batch(Batch([])) == []
