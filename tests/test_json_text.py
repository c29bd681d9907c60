"""json_text: entity values, attrs and meta as JSON text, equal to the encoder run on their safe form."""

from __future__ import annotations

import decimal
import json
import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from hanpipe.document import _json_safe, json_text

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),
    st.decimals(allow_nan=False, allow_infinity=False).map(decimal.Decimal),
    st.integers(-(2**31), 2**31 - 1).map(np.int64),
    st.floats(width=32).map(np.float32),
)
KEYS = st.one_of(st.text(), st.integers(), st.booleans(), st.none(), st.floats())
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4) | st.tuples(inner, inner),
    max_leaves=12,
)


def _reference(value: object) -> str:
    return json.dumps(_json_safe(value), ensure_ascii=False, allow_nan=False)


@given(VALUES)
def test_json_text_is_the_safe_form_encoded(value: object) -> None:
    assert json_text(value) == _reference(value)


def test_json_text_hand_checked() -> None:
    assert json_text(0.3) == "0.3"
    assert json_text(12000000) == "12000000"
    assert json_text({}) == "{}"
    assert json_text(math.nan) == '"nan"'
    assert json_text({"approx": True, "unit": "万"}) == '{"approx": true, "unit": "万"}'
    assert json_text({2: "a", False: "b", None: "c", 1.5: "d"}) == '{"2": "a", "false": "b", "null": "c", "1.5": "d"}'
    assert json_text(decimal.Decimal("1.20")) == '"1.20"'
    assert json_text([np.int64(3), (1, 2)]) == "[3, [1, 2]]"
