"""The scan's columns and the entities made in bulk from them."""

from __future__ import annotations

import pickle
from decimal import Decimal
from itertools import repeat

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanpipe.document import Entity
from hanpipe.extract import _entities
from hanpipe.extract.scan import Num, scan


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


FIELDS = [
    ("number", 0, 2, "12", 12, None, {"approx": False}),
    ("money", 3, 9, "1200万美元", 12_000_000, "USD", {"approx": True, "qualifier": "约"}),
    ("percent", 10, 13, "85%", 0.85, None, {}),
]


@pytest.mark.parametrize("by_slots", [True, False], ids=["slots", "constructor"])
def test_extract_entities_make_equals_the_constructor(monkeypatch, by_slots: bool) -> None:
    monkeypatch.setattr(_entities, "_BY_SLOTS", by_slots)
    for kind, *columns in FIELDS:
        made = _entities.make(kind, *([c] for c in columns))
        want = [Entity(kind, *columns)]
        assert made == want
        assert pickle.loads(pickle.dumps(made)) == want
        assert (made[0].source_start, made[0].source_end) == (-1, -1)


def test_extract_entities_make_takes_one_value_for_all() -> None:
    made = _entities.make("number", [0, 5], [1, 6], ["1", "2"], [1, 2], repeat(None), [{}, {}])
    assert made == [Entity("number", 0, 1, "1", 1, None, {}), Entity("number", 5, 6, "2", 2, None, {})]
    assert _entities.make("number", [], [], [], [], repeat(None), []) == []


def test_extract_entities_in_order_merges_by_row() -> None:
    a = [Entity("number", k, k + 1, "x") for k in (0, 4, 5)]
    b = [Entity("number", k, k + 1, "x") for k in (1, 9)]
    merged = _entities.in_order(a, np.array([0, 4, 5]), b, np.array([1, 9]))
    assert [e.start for e in merged] == [0, 1, 4, 5, 9]
    assert _entities.in_order(a, np.array([0, 4, 5]), [], np.array([], dtype=np.int64)) is a
    assert _entities.in_order([], np.array([], dtype=np.int64), b, np.array([1, 9])) is b
