"""一 and a measure word after a numeral that ends in 百, 千, 万 or 亿: "once", "each", not the next place.

``一万一`` abbreviates 11000 (the 一 takes the place after 万), but in
``10万一次`` ("100,000 a time") and ``一百一个`` ("100 each") the 一 begins
一次 and 一个. Read as 101000 and 101, the values were wrong; the numeral now
ends at the unit. Checked by hand, and the scan against its plain-Python
reference (jitted and as ``py_func``) on texts made of these pieces.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hanpipe
from hanpipe.builtin.extract import _kernels as K
from hanpipe.numbers import parse
from tests.builtin.extract.test_extract_number_kernel import assert_same


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("每人10万一次", "10万", 100_000),
        ("3万一个人", "3万", 30_000),
        ("5千一次", "5千", 5_000),
        ("一百一个", "一百", 100),
        ("一亿一次", "一亿", 100_000_000),
        ("三千一张", "三千", 3_000),
    ],
)
def test_one_each_ends_the_numeral_at_its_unit(text: str, surface: str, value: int) -> None:
    numbers = [(e.text, e.value) for e in hanpipe.extract(text) if e.kind in ("number", "quantity", "money")]
    assert numbers == [(surface, value)]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("一万一", "一万一", 11_000),  # nothing after it: the next place
        ("月薪一万一，", "一万一", 11_000),
        ("一万一千", "一万一千", 11_000),
        ("三百一十", "三百一十", 310),
        ("两万五一个月", "两万五", 25_000),  # a digit other than 一 is the next place; 一个月 after it
        ("1万5一年", "1万5", 15_000),
    ],
)
def test_one_each_leaves_the_next_place_where_no_measure_word_follows(text: str, surface: str, value: int) -> None:
    numbers = [(e.text, e.value) for e in hanpipe.extract(text) if e.kind in ("number", "quantity", "money")]
    assert numbers[0] == (surface, value)


def test_one_each_ten_and_one_stay_eleven() -> None:
    """十 is no place the rule looks at: 十一个 is eleven."""
    assert [(e.kind, e.text, e.value, e.unit) for e in hanpipe.extract("十一个")] == [("quantity", "十一个", 11, "个")]


def test_one_each_a_whole_numeral_keeps_its_next_place() -> None:
    assert parse("一万一") == 11_000
    assert parse("十万一") == 101_000


pieces = st.sampled_from(
    ["一", "二", "十", "百", "千", "万", "亿", "3", "10", "次", "个", "人", "年", "月", "张", "，", "元", "点", "零"]
)
texts = st.lists(pieces, max_size=10).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_one_each_scan_equals_reference(text: str) -> None:
    assert_same(text)


@settings(max_examples=100, deadline=None)
@given(texts)
def test_one_each_scan_py_func_equals_reference(text: str) -> None:
    assert_same(text, K.find_numbers.py_func)
