"""str ⇄ code points, through CPython's API and through the codecs."""

from __future__ import annotations

import numpy as np
import pytest

from hanpipe.builtin.convert import _text
from hanpipe.builtin.convert._text import Scratch, cps_to_text, text_to_cps

TEXTS = ["", "abc", "頭髮", "a\ud800b\udfff", "\x00\ufffe\uffff\U0010ffff😀𠀀", "é" * 3]


@pytest.fixture(params=["capi", "codecs"])
def path(request, monkeypatch):
    if request.param == "codecs":
        monkeypatch.setattr(_text, "_CAPI", None)
    elif _text._CAPI is None:
        pytest.skip("not CPython")
    return request.param


@pytest.mark.parametrize("text", TEXTS)
def test_text_round_trips_through_code_points(path, text):
    cps = text_to_cps(text)
    assert cps.dtype == np.uint32
    assert cps.tolist() == [ord(ch) for ch in text]
    assert cps_to_text(cps) == text


def test_text_to_cps_writes_into_a_large_enough_buffer(path):
    buf = np.zeros(16, dtype=np.uint32)
    cps = text_to_cps("頭髮", buf)
    assert cps.tolist() == [ord("頭"), ord("髮")]
    if path == "capi":
        assert np.shares_memory(cps, buf)


def test_scratch_reuses_and_grows():
    s = Scratch()
    a = s.get("x", 10, np.int32)
    assert a.shape == (10,)
    assert np.shares_memory(s.get("x", 5, np.int32), a)
    assert s.get("x", 20, np.int32).shape == (20,)
    assert s.get("x", 0, np.int32).shape == (1,)
