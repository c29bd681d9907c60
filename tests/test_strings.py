"""Token strings: the kernels against plain-Python references, and the strings they make."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanpipe.builtin.segment import _strings as S
from hanpipe.document import Tokens
from hanpipe.errors import InputError


def jit_and_py(kernel):
    return [pytest.param(kernel, id="jit"), pytest.param(kernel.py_func, id="py_func")]


def cps_of(text: str) -> np.ndarray:
    return S.code_points(text)


def token_classes_ref(words: list[str]) -> tuple[list[int], list[int]]:
    """Each word's class (equal words alike, numbered by first appearance) and each class's first word."""
    seen: dict[str, int] = {}
    classes = []
    first = []
    for i, w in enumerate(words):
        if w not in seen:
            seen[w] = len(first)
            first.append(i)
        classes.append(seen[w])
    return classes, first


@pytest.mark.parametrize("kernel", jit_and_py(S.join_tokens))
def test_join_tokens(kernel) -> None:
    text = "ab中国𠀀x"
    cps = cps_of(text)
    starts = np.array([0, 2, 4, 2], np.int32)
    ends = np.array([2, 4, 6, 3], np.int32)
    out = np.zeros(16, np.uint32)
    m = kernel(cps, starts, ends, 4, 0, out)
    assert out[:m].tobytes().decode("utf-32-le").split("\x00") == ["ab", "中国", "𠀀x", "中", ""]
    assert kernel(cps, starts, ends, 4, 0, np.zeros(5, np.uint32)) == S.ERR_CAPACITY
    assert kernel(cps, starts, np.array([2, 4, 9, 3], np.int32), 4, 0, out) == S.ERR_CAPACITY


def _classes_agree(kernel, text: str, spans: list[tuple[int, int]]) -> None:
    """``kernel`` numbers the tokens ``text[s:s + k]`` as the reference does."""
    cps = cps_of(text)
    starts = np.array([s for s, _ in spans], np.int32)
    ends = np.array([s + k for s, k in spans], np.int32)
    classes = np.full(len(spans), -1, np.int32)
    distinct, first = kernel(cps, starts, ends, len(spans), classes)
    want_classes, want_first = token_classes_ref([text[s : s + k] for s, k in spans])
    assert classes.tolist() == want_classes
    assert first[:distinct].tolist() == want_first


@pytest.mark.parametrize("kernel", jit_and_py(S.token_classes))
@settings(max_examples=60, deadline=None)
@given(
    spans=st.lists(st.tuples(st.integers(0, 12), st.integers(0, 3)), max_size=1500),
    text=st.text(st.sampled_from("中国a𠀀\x00"), min_size=16, max_size=16),
)
def test_token_classes_equals_reference(kernel, spans: list[tuple[int, int]], text: str) -> None:
    """Up to 1500 tokens, empty ones included, cut from a 16-character text: mostly repeats."""
    _classes_agree(kernel, text, spans)


@pytest.mark.parametrize("kernel", jit_and_py(S.token_classes))
def test_token_classes_many_distinct_words(kernel) -> None:
    """Every token distinct (each four-digit number): the table grows from 1,024 slots to 32,768."""
    text = "".join(f"{i:04d}" for i in range(10_000))
    cps = cps_of(text)
    starts = np.arange(0, len(text), 4, dtype=np.int32)
    ends = starts + 4
    classes = np.empty(len(starts), np.int32)
    distinct, first = kernel(cps, starts, ends, len(starts), classes)
    assert distinct == 10_000
    assert classes.tolist() == list(range(10_000)) and first[:distinct].tolist() == list(range(10_000))


@pytest.mark.parametrize("kernel", jit_and_py(S.token_classes))
@pytest.mark.parametrize("seed", range(3))
def test_token_classes_one_character_tokens_among_longer_ones(kernel, seed: int) -> None:
    """Thousands of one-character classes (found by code point) among words of two and three
    characters and astral ones (found by hash), while the table grows."""
    rng = random.Random(seed)
    alphabet = [chr(0x4E00 + i) for i in range(3000)] + ["𠀀", "𠀁"]
    text = "".join(rng.choice(alphabet) for _ in range(20_000))
    spans = [(s, rng.choice((1, 1, 1, 2, 3))) for s in (rng.randrange(len(text) - 3) for _ in range(30_000))]
    _classes_agree(kernel, text, spans)


def test_cut_shares_one_string_per_distinct_word() -> None:
    """A long text's repeated words are one string each (memory); a short text's may be equal copies,
    which cost less to make than to share."""
    from hanpipe.builtin.segment.jieba import DISTINCT_FROM, JiebaSegmenter

    text = "我来到北京清华大学，我来到北京。" * 50 + "GPT-4𠀀\x00"
    assert len(text) > DISTINCT_FROM
    words = JiebaSegmenter().cut(text)
    assert "".join(words) == text
    by_value: dict[str, int] = {}
    for w in words:
        assert by_value.setdefault(w, id(w)) == id(w)


@settings(max_examples=100, deadline=None)
@given(text=st.text(st.sampled_from("中国人a1 𠀀\x00\uffff\U0010ffff\ufdd0"), max_size=40), data=st.data())
def test_token_strings_equal_slices(text: str, data) -> None:
    """Any spans, any text (the separator characters included): the strings equal the slices."""
    n = len(text)
    cuts = sorted(data.draw(st.lists(st.integers(0, n), max_size=12)))
    spans = list(zip([0, *cuts], [*cuts, n]))
    extra = st.tuples(st.integers(0, n), st.integers(0, 5)).map(lambda p: (p[0], min(n, p[0] + p[1])))
    spans += data.draw(st.lists(extra, max_size=6))
    plain = Tokens.from_arrays([s for s, _ in spans], [e for _, e in spans])
    compiled = Tokens(plain.starts, plain.ends, spell=S.token_strings)
    for tokens in (plain, compiled):
        words = tokens.strings(text)
        assert words == [text[s:e] for s, e in spans]
        first = {}
        for w in words:
            assert first.setdefault(w, id(w)) == id(w)


def test_token_strings_reject_spans_outside_the_text() -> None:
    with pytest.raises(InputError, match="outside"):
        Tokens.from_arrays([0, 3], [2, 9]).strings("abc")
    with pytest.raises(InputError, match="outside"):
        Tokens.from_arrays([2], [1]).strings("abc")
    assert Tokens.from_arrays([], []).strings("abc") == []
