"""The pinyin scan kernels, jitted and as plain Python, against regular expressions.

``find_annotations`` finds the annotations; ``find_pinyin`` (what the pass
runs) also finds those whose ``(`` was lost after a ``?`` or U+FFFD and the
characters to flag before them: :func:`pinyin_rows` below is its plain
reference, written from the rules in the pass's docstring with regular
expressions.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanpipe.builtin.clean._kernels import find_annotations, find_pinyin
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
        "\ufffd",
        "A",
        "yàn",
        "規",
        "ㄅ",
        "\ufdd0",
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


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def pinyin_rows(text: str) -> list[tuple[int, int, int]]:
    """``(start, end, damaged)``: annotations (the reference regular expression), each with the position of
    the character before it when that is ``?``/U+FFFD or a non-Han character before a Han one, else -1;
    and ``syllable)`` right after a ``?`` or U+FFFD, with the position of the mark. In text order."""
    words = "|".join(re.escape(w) for w in sorted(_tables()[0], key=len, reverse=True))
    rows = []
    for start, end in annotation_spans(text):
        before, after = text[start - 1], text[end : end + 1]
        flag = before in "?\ufffd" or (not _is_han(before) and after != "" and _is_han(after))
        rows.append((start, end, start - 1 if flag else -1))
    orphan = re.compile(f"(?:{words})[)\uff09]")
    for mark in (i for i, ch in enumerate(text) if ch in "?\ufffd"):
        m = orphan.match(text, mark + 1)
        if m is not None:
            rows.append((m.start(), m.end(), mark))
    return sorted(rows)


def kernel_rows(fn, text: str) -> list[tuple[int, int, int]]:
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    out = np.empty((3, len(cps) // 3 + 1), dtype=np.int64)
    found, flagged = fn(cps, *_tables()[1], out)
    rows = [(int(a), int(b), int(c)) for a, b, c in out[:, :found].T.tolist()]
    assert flagged == sum(1 for row in rows if row[2] >= 0)
    return rows


@pytest.mark.parametrize("jitted", [True, False], ids=["jit", "py_func"])
@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_find_pinyin_agrees_with_the_reference(jitted: bool, text: str) -> None:
    fn = find_pinyin if jitted else find_pinyin.py_func
    assert kernel_rows(fn, text) == pinyin_rows(text)


@pytest.mark.parametrize("jitted", [True, False], ids=["jit", "py_func"])
def test_find_pinyin_hand_checked(jitted: bool) -> None:
    fn = find_pinyin if jitted else find_pinyin.py_func
    cases = {
        "引領(lǐng)的": [(2, 8, -1)],
        "因?yàn素": [],  # no closing parenthesis: nothing
        "因?yàn)素": [(2, 6, 1)],  # the '(' was lost with the bytes of the character before
        "因?yan)素": [],  # no tone mark: not a syllable of the table
        "因\ufffdyàn）素": [(2, 6, 1)],
        "規?(guī)臻": [(2, 7, 1)],  # after '?': the character before is flagged
        "A(chǔ)軟件": [(1, 6, 0)],  # an ASCII letter that carried an annotation, before Han
        "A(chǔ) 軟件": [(1, 6, -1)],  # not before Han: not flagged
        "字符串(token)": [],
        "(lǐng)": [],  # nothing before it
        "字 (lǐng)": [],  # a space before it
        "?(yàn)?yàn)": [(1, 6, 0), (7, 11, 6)],
        "字(lǐ)(lǐ)": [(1, 5, -1), (5, 9, -1)],
        "字\ufdd0(lǐ)": [],  # first in a batch's document
        "?\ufdd0lǐ)": [],
    }
    for text, rows in cases.items():
        assert kernel_rows(fn, text) == rows, text
        assert pinyin_rows(text) == rows, text


@pytest.mark.parametrize("jitted", [True, False], ids=["jit", "py_func"])
def test_find_pinyin_on_the_seeds(seed_texts: dict[str, str], jitted: bool) -> None:
    fn = find_pinyin if jitted else find_pinyin.py_func
    for text in seed_texts.values():
        rows = kernel_rows(fn, text)
        assert rows == pinyin_rows(text)
        assert [(a, b) for a, b, _ in rows if text[a] in "(\uff08"] == annotation_spans(text)
