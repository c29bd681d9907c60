"""The pinyin scan kernel, jitted and as plain Python, against a regular expression."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanpipe import Document, Edit
from hanpipe.decode import _apply
from hanpipe.decode._apply import delete_spans
from hanpipe.decode._kernels import find_annotations
from hanpipe.decode.pinyin import _TRIE
from tests.reference.decode_pinyin import annotation_spans

PIECES = st.sampled_from(
    [
        "(",
        ")",
        "（",
        "）",
        "lǐng",
        "wǎng",
        "guó",
        "token",
        "l",
        "ǐ",
        "ng",
        "a",
        " ",
        "\u3000",
        "字",
        "網",
        "?",
        "\n",
        "ā",
    ]
)
texts = st.lists(PIECES, max_size=30).map("".join)


def kernel_spans(fn, text: str) -> list[tuple[int, int]]:
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    out = np.empty((len(cps) // 3 + 1, 2), dtype=np.int64)
    k = fn(cps, *_TRIE, out)
    return [(int(a), int(b)) for a, b in out[:k]]


@pytest.mark.parametrize("jitted", [True, False], ids=["jit", "py_func"])
@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_find_annotations_agrees_with_the_regex(jitted: bool, text: str) -> None:
    fn = find_annotations if jitted else find_annotations.py_func
    assert kernel_spans(fn, text) == annotation_spans(text)


@pytest.mark.parametrize("jitted", [True, False], ids=["jit", "py_func"])
def test_find_annotations_on_the_seeds(seed_texts: dict[str, str], jitted: bool) -> None:
    fn = find_annotations if jitted else find_annotations.py_func
    for text in seed_texts.values():
        assert kernel_spans(fn, text) == annotation_spans(text)


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from("ab(字\u00a0\U0001f600"), max_size=60), st.data())
def test_delete_spans_with_code_points_equals_apply_edits(text: str, data: st.DataObject) -> None:
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=20)))
    spans = list(zip(cuts[::2], cuts[1::2]))
    doc = Document.from_text(text)
    old = _apply.MIN_VECTOR
    _apply.MIN_VECTOR = 0
    try:
        cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        fast = delete_spans(doc, spans, step="s", cps=cps)
    finally:
        _apply.MIN_VECTOR = old
    slow = doc.apply_edits([Edit(s, e, "") for s, e in spans], step="s")
    assert fast.text == slow.text and fast.meta == slow.meta
    if slow.alignment is None:
        assert fast.alignment is None
    else:
        np.testing.assert_array_equal(fast.alignment, slow.alignment)
