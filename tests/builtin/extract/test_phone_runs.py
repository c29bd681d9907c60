"""The phone extractor's run scan equals the pattern it stands for, on any text."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanpipe._text import code_points
from hanpipe.builtin.extract import _runs
from hanpipe.builtin.extract._runs import DIGIT, PATTERN, RUN, phone_runs, run_table

#: digits of several scripts (ASCII, fullwidth, Arabic-Indic, Devanagari, mathematical bold), the run
#: characters, and what ends a run: Han, letters, a Han numeral, a fraction, a lone surrogate
ALPHABET = "0123456789５٣३𝟏()（）+＋ -\n电话Tel〇½\ud800"

Scan = Callable[[np.ndarray, np.ndarray, np.ndarray], int]


def _spans(text: str, kernel: Scan) -> list[tuple[int, int]]:
    cps = code_points(text)
    out = np.empty((len(cps) // 3 + 1, 2), dtype=np.int64)
    count = kernel(cps, run_table(), out)
    return [(s, e) for s, e in out[:count].tolist()]


@pytest.mark.parametrize("kernel", [_runs._runs, _runs._runs.py_func], ids=["jit", "py_func"])
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_runs_are_the_patterns_matches(kernel: Scan, text: str) -> None:
    assert _spans(text, kernel) == [m.span() for m in PATTERN.finditer(text)]


def test_runs_hand_checked() -> None:
    text = "电话：010-6552 1234，共12人，(852) 2888 1234，٣٤٥"
    # 12 is two characters; a run begins at a digit, after the bracket
    assert phone_runs(code_points(text)) == [(3, 16), (23, 37), (38, 41)]
    assert phone_runs(code_points("12ab 1-")) == []  # two characters, then a run of two from its digit
    assert phone_runs(code_points("12 ab")) == [(0, 3)]  # a space is a run character


def test_table_knows_digits_of_every_script() -> None:
    table = run_table()
    for digit in "05５٣३𝟏":
        assert table[ord(digit)] == DIGIT | RUN, digit
    for other in "()（）+＋ -":
        assert table[ord(other)] == RUN, other
    for neither in "〇½一a\n\ufdd0":  # a Han numeral and a fraction are no \d
        assert table[ord(neither)] == 0, neither
