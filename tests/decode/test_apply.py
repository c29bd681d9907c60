"""The vectorized edit path makes exactly what ``Document.apply_edits`` makes."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from hanpipe import Document, Edit
from hanpipe.decode import _apply
from hanpipe.decode._apply import apply_spans, delete_spans


@st.composite
def doc_and_edits(draw: st.DrawFn) -> tuple[Document, list[Edit]]:
    text = draw(st.text(st.sampled_from("ab(x)字\u00a0"), max_size=80))
    doc = Document.from_text(text)
    if draw(st.booleans()):  # start from a document that already has an alignment
        doc = doc.apply_edits([Edit(0, min(1, len(text)), "")], step="pre") if text else doc
    n = len(doc.text)
    cuts = sorted(draw(st.lists(st.integers(0, n), max_size=40)))
    edits = []
    general = draw(st.booleans())
    for a, b in zip(cuts[::2], cuts[1::2]):
        kind = draw(st.integers(0, 2 if general else 1))
        if kind == 0:
            edits.append(Edit(a, b, ""))
        elif kind == 1:
            edits.append(Edit(a, b, "Z" * (b - a)))
        else:  # any length, insertions included
            edits.append(Edit(a, b, draw(st.text(st.sampled_from("XY"), min_size=0, max_size=5))))
    return doc, edits


@settings(max_examples=300, deadline=None)
@given(doc_and_edits())
def test_apply_spans_equals_apply_edits(case: tuple[Document, list[Edit]]) -> None:
    doc, edits = case
    old = _apply.MIN_VECTOR
    _apply.MIN_VECTOR = 0
    try:
        fast = apply_spans(doc, edits, step="s")
    finally:
        _apply.MIN_VECTOR = old
    slow = doc.apply_edits(edits, step="s")
    assert fast.text == slow.text
    assert fast.meta == slow.meta
    if slow.alignment is None:
        assert fast.alignment is None
    else:
        assert fast.alignment is not None
        np.testing.assert_array_equal(fast.alignment, slow.alignment)


@settings(max_examples=200, deadline=None)
@given(doc_and_edits())
def test_delete_spans_equals_apply_edits(case: tuple[Document, list[Edit]]) -> None:
    doc, edits = case
    spans = [(e.start, e.end) for e in edits]
    old = _apply.MIN_VECTOR
    _apply.MIN_VECTOR = 0
    try:
        fast = delete_spans(doc, spans, step="s")
    finally:
        _apply.MIN_VECTOR = old
    slow = doc.apply_edits([Edit(s, e, "") for s, e in spans], step="s")
    assert fast.text == slow.text and fast.meta == slow.meta
    if slow.alignment is None:
        assert fast.alignment is None
    else:
        np.testing.assert_array_equal(fast.alignment, slow.alignment)
