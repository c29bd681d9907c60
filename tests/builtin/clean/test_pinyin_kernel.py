"""The pinyin scan kernel, jitted and as plain Python, against a regular expression."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanpipe.builtin.clean._kernels import find_annotations
from hanpipe.builtin.clean.pinyin import _tables
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
        "\t",
        "\xa0",
        "\u2028",
        "\x1c",
        "\u200b",
        "、",
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
    k = fn(cps, *_tables()[1], out)
    return [(int(a), int(b)) for a, b in out[:k]]


@pytest.mark.parametrize("jitted", [True, False], ids=["jit", "py_func"])
@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_find_annotations_agrees_with_the_regex(jitted: bool, text: str) -> None:
    fn = find_annotations if jitted else find_annotations.py_func
    assert kernel_spans(fn, text) == annotation_spans(text)


@pytest.mark.parametrize("jitted", [True, False], ids=["jit", "py_func"])
def test_find_annotations_not_after_a_space(jitted: bool) -> None:
    fn = find_annotations if jitted else find_annotations.py_func
    # after a space (str.isspace) the parenthesis is real; after U+200B or 、 (not spaces) it is an annotation
    for space in ("\t", "\xa0", "\u2028", "\x1c", "\u3000", "\u205f"):
        assert kernel_spans(fn, f"字{space}(lǐng)") == [], repr(space)
    for other in ("\u200b", "、", "\u0084", "\u180e"):
        assert kernel_spans(fn, f"字{other}(lǐng)") == [(2, 8)], repr(other)


@pytest.mark.parametrize("jitted", [True, False], ids=["jit", "py_func"])
def test_find_annotations_on_the_seeds(seed_texts: dict[str, str], jitted: bool) -> None:
    fn = find_annotations if jitted else find_annotations.py_func
    for text in seed_texts.values():
        assert kernel_spans(fn, text) == annotation_spans(text)
