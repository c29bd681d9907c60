"""Deleting spans from code points makes exactly what ``Document.apply_edits`` makes."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from hanpipe import Document, Edit
from hanpipe.builtin.clean._apply import delete_spans


@st.composite
def doc_and_edits(draw: st.DrawFn) -> tuple[Document, list[Edit]]:
    text = draw(st.text(st.sampled_from("ab(x)字\u00a0\U0001f600"), max_size=80))
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


@settings(max_examples=200, deadline=None)
@given(doc_and_edits())
def test_delete_spans_equals_apply_edits(case: tuple[Document, list[Edit]]) -> None:
    doc, edits = case
    spans = [(e.start, e.end) for e in edits]
    fast = delete_spans(doc, spans, step="s")
    slow = doc.apply_edits([Edit(s, e, "") for s, e in spans], step="s")
    assert fast.text == slow.text and fast.meta == slow.meta
    # the new document's code points, made with its text, are its text's
    expected = np.frombuffer(fast.text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    np.testing.assert_array_equal(fast.code_points, expected)
    if slow.alignment is None:
        assert fast.alignment is None
    else:
        np.testing.assert_array_equal(fast.alignment, slow.alignment)
