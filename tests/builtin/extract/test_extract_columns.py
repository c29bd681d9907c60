"""The number scan's columns."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanpipe.builtin.extract import _kernels as K
from hanpipe.builtin.extract import numerals
from hanpipe.builtin.extract.numerals import Num, Rows, number_rows, number_scan
from hanpipe.document import Document


def scan(text: str) -> Rows:
    return number_scan(Document.from_text(text))


def _char(text: str, pos: int) -> int:
    if 0 <= pos < len(text) and ord(text[pos]) < 65536:
        return ord(text[pos])
    return 0


@pytest.mark.parametrize(
    "text",
    ["", "1200万美元", "约3584张H100，新台币 177.1 亿元", "𠀀12𠀀", "2023年9月22日", "三分之一和85%", " 5"],
)
def test_extract_columns_rows_are_num_rows(text: str) -> None:
    rows = scan(text)
    assert all(isinstance(r, Num) for r in rows)
    assert list(rows) == [rows[i] for i in range(len(rows))]
    assert rows[-1:] == list(rows)[-1:]
    for i, r in enumerate(rows):
        assert (r.start, r.end, r.cstart, r.cend, r.flags) == (
            rows.start[i],
            rows.end[i],
            rows.cstart[i],
            rows.cend[i],
            rows.flags[i],
        )
        assert rows.after[i] == _char(text, r.end)
        assert rows.after2[i] == _char(text, r.end + 1)
        assert rows.cafter[i] == _char(text, r.cend)
        assert rows.before[i] == _char(text, r.start - 1)
        assert rows.before2[i] == _char(text, r.start - 2)
        assert rows.none[i] == (r.value is None)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**20), st.integers(1, 25))
def test_extract_columns_decimal_values_are_exact(mant: int, places: int) -> None:
    """Decimals read with one array division equal the exact reading: a float only where it is exact."""
    digits = str(mant).rjust(places + 1, "0")
    text = f"{digits[:-places]}.{digits[-places:]}"
    (row,) = scan(text)
    d = Decimal(text)
    if d == d.to_integral_value():
        want: object = int(d)
    else:
        f = float(d)
        want = f if Decimal(repr(f)) == d else d
    assert row.value == want and type(row.value) is type(want)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**22), st.integers(0, 5))
def test_extract_columns_integer_values_are_exact(mant: int, zeros: int) -> None:
    text = str(mant) + "0" * zeros
    rows = scan(text)
    assert len(rows) == 1 and rows[0].value == int(text) and type(rows[0].value) is int


@pytest.mark.parametrize("kernel", [K.neighbours, K.neighbours.py_func], ids=["jit", "py_func"])
@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789一二十百万约%元年 𠀀\ufdd0ab", max_size=40))
def test_extract_columns_neighbours_kernel(kernel, text: str) -> None:
    """The code points around each row, from the kernel compiled and as plain Python, are the
    characters at those places (0 outside the text and past the BMP; the separator as it is)."""
    cps = Document.from_text(text).code_points
    raw = number_rows(cps)
    out = np.full((len(raw), 5), -1, dtype=np.int64)
    kernel(cps, raw, out)
    for row, got in zip(raw.tolist(), out.tolist()):
        start, end, _cstart, cend = row[:4]
        assert got == [
            _char(text, end),
            _char(text, end + 1),
            _char(text, cend),
            _char(text, start - 1),
            _char(text, start - 2),
        ]


@pytest.mark.parametrize("kernel", [K.neighbours, K.neighbours.py_func], ids=["jit", "py_func"])
def test_extract_columns_neighbours_at_the_edges(kernel) -> None:
    """Hand-checked: rows at the start and the end of the text, and next to a character past the BMP."""
    text = "5元𠀀12"
    cps = Document.from_text(text).code_points
    raw = number_rows(cps)
    out = np.zeros((len(raw), 5), dtype=np.int64)
    kernel(cps, raw, out)
    assert out.tolist() == [[ord("元"), 0, ord("元"), 0, 0], [0, 0, 0, 0, ord("元")]]


# -- entity texts cut from the text in one go ---------------------------------------------


@st.composite
def texts_and_spans(draw) -> tuple[str, list[tuple[int, int]]]:
    """A text of any characters (NUL, lone surrogates, past the BMP) and spans inside it."""
    text = draw(
        st.text(
            alphabet=st.one_of(
                st.sampled_from("12万元年 \x00\ud800\udc00𠀀é"), st.characters(codec=None, blacklist_categories=())
            ),
            min_size=1,
            max_size=60,
        )
    )
    count = draw(st.sampled_from([0, 1, numerals.CUT_FROM - 1, numerals.CUT_FROM, numerals.CUT_FROM + 37]))
    bounds = st.integers(0, len(text))
    spans = [tuple(sorted(draw(st.tuples(bounds, bounds)))) for _ in range(count)]
    return text, spans


@settings(max_examples=150, deadline=None)
@given(texts_and_spans())
def test_extract_columns_cut_equals_slices(case) -> None:
    """cut() gives the slices of the text, whatever the characters (a NUL in a piece sends it
    the slow way), on either side of the count where it starts gathering."""
    text, spans = case
    starts = np.array([s for s, _ in spans], dtype=np.int64)
    ends = np.array([e for _, e in spans], dtype=np.int64)
    got = numerals.cut(text, Document.from_text(text).code_points, starts, ends)
    assert got == [text[s:e] for s, e in spans]


def test_extract_columns_cut_examples() -> None:
    """Hand-checked: empty pieces, a piece at the end, a NUL inside and past the BMP."""
    text = "约3584张𠀀和\x001200万"
    spans = [(0, 5), (5, 5), (6, 7), (8, 9), (9, 14), (0, 0)] * (numerals.CUT_FROM // 6 + 1)
    starts, ends = (np.array(c, dtype=np.int64) for c in zip(*spans))
    want = ["约3584", "", "𠀀", "\x00", "1200万", ""] * (numerals.CUT_FROM // 6 + 1)
    assert numerals.cut(text, Document.from_text(text).code_points, starts, ends) == want
    assert numerals.cut(text, Document.from_text(text).code_points, starts[:6], ends[:6]) == want[:6]


def _exact_of(written: str) -> object:
    d = Decimal(written)
    if d == d.to_integral_value():
        return int(d)
    f = float(d)
    return f if Decimal(repr(f)) == d else d


def _written(mant: int, places: int) -> str:
    """``mant / 10**places`` written out with ``places`` decimals."""
    if not places:
        return str(mant)
    digits = str(mant).rjust(places + 1, "0")
    return f"{digits[:-places]}.{digits[-places:]}"


decimals = st.builds(_written, st.integers(0, 10**22), st.integers(0, 20))


@settings(max_examples=300, deadline=None)
@given(decimals, decimals, st.sampled_from(["到", "至", "-", "~"]))
def test_extract_columns_range_ends_are_exact(low: str, high: str, dash: str) -> None:
    """Both ends of a range, made with array arithmetic where they are short and row by row
    where not, equal the exact reading of what is written: an int, a float only where it is
    exact, else a Decimal."""
    if not Decimal(low) < Decimal(high):
        low, high = high, low
    if not Decimal(low) < Decimal(high):
        return
    text = f"{low}{dash}{high}亿"
    rows = [r for r in scan(text) if r.flags & K.RANGE]
    if not rows:  # a dash after a leading zero is no range (010-6552): nothing to check
        return
    (row,) = rows
    for got, written in ((row.value, low), (row.high, high)):
        want = _exact_of(written)
        if isinstance(want, int):
            want *= 10**8
        else:
            want = _exact_of(str(Decimal(written).scaleb(8)))
        assert got == want and type(got) is type(want), (text, got, want)
