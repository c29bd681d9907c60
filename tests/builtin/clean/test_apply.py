"""``Document.apply_edits`` with the shared alignment kernel, and the clean stage's delete, make exactly
what ``Document.apply_edits`` makes by default; the kernels, jitted and as plain Python, make what the
core's array definition ``edits_alignment`` makes."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanpipe import Document, Edit
from hanpipe._align import alignment_of_edits, edit_alignment
from hanpipe.builtin.clean._apply import delete_spans
from hanpipe.builtin.clean._kernels import delete_runs
from hanpipe.document import edits_alignment
from hanpipe.errors import InputError


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


@settings(max_examples=300, deadline=None)
@given(doc_and_edits())
def test_apply_edits_alignment_is_the_definition_composed(case: tuple[Document, list[Edit]]) -> None:
    doc, edits = case
    out = doc.apply_edits(edits, step="s")
    text = doc.text
    bounds = [0, *(x for e in edits for x in (e.start, e.end)), len(text)]
    pieces = [text[a:b] for a, b in zip(bounds[::2], bounds[1::2])]
    assert out.text == "".join(p + e.replacement for p, e in zip(pieces, [*edits, Edit(0, 0, "")]))
    starts = np.array([e.start for e in edits], dtype=np.int64)
    ends = np.array([e.end for e in edits], dtype=np.int64)
    lengths = np.array([len(e.replacement) for e in edits], dtype=np.int64)
    if not edits or (lengths == ends - starts).all():
        inner = np.tile(np.arange(len(out.text) + 1), (2, 1))
    else:
        inner = edits_alignment(len(text), starts, ends, lengths)
    outer = doc.alignment if doc.alignment is not None else np.tile(np.arange(len(text) + 1), (2, 1))
    expected = np.stack([outer[0][inner[0]], outer[1][inner[1]]])
    if out.alignment is None:
        assert doc.alignment is None and (inner == np.arange(len(out.text) + 1)).all()
    else:
        np.testing.assert_array_equal(out.alignment, expected)
        assert out.alignment.dtype == np.int32


@settings(max_examples=300, deadline=None)
@given(doc_and_edits())
def test_apply_edits_with_the_kernel_equals_the_default(case: tuple[Document, list[Edit]]) -> None:
    doc, edits = case
    fast = doc.apply_edits(edits, step="s", aligned=alignment_of_edits)
    slow = doc.apply_edits(edits, step="s")
    assert fast.text == slow.text and fast.meta == slow.meta
    if slow.alignment is None:
        assert fast.alignment is None
    else:
        np.testing.assert_array_equal(fast.alignment, slow.alignment)
        assert fast.alignment.dtype == slow.alignment.dtype


def test_a_step_whose_alignment_points_outside_the_text_is_refused() -> None:
    doc = Document.from_text("ab&amp;cd").apply_edits([Edit(2, 7, "&")], step="entities")  # now aligned
    with pytest.raises(InputError, match="points outside the text"):
        doc.rewrite("xy", np.array([[0, 1, 9], [0, 1, 9]]), step="bad", count=1)


@pytest.mark.parametrize("jitted", [True, False], ids=["jit", "py_func"])
@settings(max_examples=300, deadline=None)
@given(case=doc_and_edits())
def test_edit_alignment_kernel_equals_edits_alignment(jitted: bool, case: tuple[Document, list[Edit]]) -> None:
    doc, edits = case
    kernel = edit_alignment if jitted else edit_alignment.py_func
    n = len(doc.text)
    starts = np.array([e.start for e in edits], dtype=np.int64)
    ends = np.array([e.end for e in edits], dtype=np.int64)
    lengths = np.array([len(e.replacement) for e in edits], dtype=np.int64)
    expected = edits_alignment(n, starts, ends, lengths)
    out = np.full(expected.shape, -7, dtype=np.int32)
    kernel(n, starts, ends, lengths, out)
    np.testing.assert_array_equal(out, expected)


@pytest.mark.parametrize("jitted", [True, False], ids=["jit", "py_func"])
@settings(max_examples=300, deadline=None)
@given(case=doc_and_edits())
def test_delete_runs_kernel_keeps_the_rest_and_aligns_as_the_core(
    jitted: bool, case: tuple[Document, list[Edit]]
) -> None:
    doc, edits = case
    kernel = delete_runs if jitted else delete_runs.py_func
    text = doc.text
    starts = np.array([e.start for e in edits], dtype=np.int64)
    ends = np.array([e.end for e in edits], dtype=np.int64)
    kept_text = "".join(text[a:b] for a, b in zip([0, *ends.tolist()], [*starts.tolist(), len(text)]))
    expected = edits_alignment(len(text), starts, ends, np.zeros(len(edits), dtype=np.int64))
    kept = np.full(len(kept_text), 7, dtype=np.uint32)
    out = np.full(expected.shape, -7, dtype=np.int32)
    m = kernel(np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32), starts, ends, kept, out)
    assert m == len(kept_text)
    assert kept.tobytes().decode("utf-32-le") == kept_text
    np.testing.assert_array_equal(out, expected)
    # an alignment of no columns: the kept code points alone
    alone = np.full(len(kept_text), 7, dtype=np.uint32)
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    assert kernel(cps, starts, ends, alone, np.zeros((2, 0), dtype=np.int32)) == len(kept_text)
    assert alone.tobytes().decode("utf-32-le") == kept_text


BAD = [
    [Edit(3, 2, "")],  # ends before it starts
    [Edit(0, 2, "x"), Edit(1, 3, "")],  # overlapping
    [Edit(2, 3, ""), Edit(0, 1, "")],  # out of order
    [Edit(-1, 1, "")],
    [Edit(4, 9, "y")],  # past the end
]


@pytest.mark.parametrize("edits", BAD)
def test_bad_edits_are_refused_by_apply_and_delete(edits: list[Edit]) -> None:
    doc = Document.from_text("abcdef")
    with pytest.raises(InputError) as core:
        doc.apply_edits(edits, step="s")
    with pytest.raises(InputError) as ours:
        doc.apply_edits(edits, step="s", aligned=alignment_of_edits)
    assert str(ours.value) == str(core.value)
    with pytest.raises(InputError):
        delete_spans(doc, [(e.start, e.end) for e in edits], step="s")


def test_apply_edits_hand_checked() -> None:
    """``ab&amp;cd`` -> ``ab&cd``: the ``&`` maps to the whole reference, the rest to themselves."""
    doc = Document.from_text("ab&amp;cd").apply_edits([Edit(2, 7, "&")], step="entities", aligned=alignment_of_edits)
    assert doc.text == "ab&cd"
    assert [doc.source_span(i, i + 1) for i in range(5)] == [(0, 1), (1, 2), (2, 7), (7, 8), (8, 9)]
    # deletions: the boundary behind a deletion begins where it began, on the left
    doc = delete_spans(Document.from_text("a(lǐ)b(x)c"), [(1, 5), (6, 9)], step="pinyin")
    assert doc.text == "abc"
    assert doc.alignment is not None
    assert doc.alignment[0].tolist() == [0, 1, 6, 10] and doc.alignment[1].tolist() == [0, 5, 9, 10]
