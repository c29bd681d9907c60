"""The code-point layer: str ⇄ uint32 through CPython's API and through the codecs, and work buffers.

Every check runs on both paths (the ``path`` fixture turns CPython's API
off for ``codecs``) and at both sides of ``API_FROM``, where the API path
switches from the codecs to CPython's API. The truth is ``ord`` and ``chr``.
"""

from __future__ import annotations

import threading

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hanpipe import _text
from hanpipe._text import API_FROM, Scratch, code_points, code_points_into, from_code_points, scratch

SHORT = ["", "a", "abc", "頭髮", "a\ud800b\udfff", "\x00\ufffe\uffff\U0010ffff😀𠀀", "é" * 3, "\x00\x00"]
LONG = [
    "頭髮" * API_FROM,
    "a" * API_FROM,  # one byte a character inside CPython
    "a" * (API_FROM - 1) + "😀",  # just long enough, and four bytes a character
    "\ud800x\udfff" * API_FROM,
    "\x00" * (API_FROM + 1),
]
TEXTS = SHORT + LONG

#: any character, lone surrogates included
any_text = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=()), max_size=40)


@pytest.fixture(params=["capi", "codecs"])
def path(request, monkeypatch):
    if request.param == "codecs":
        monkeypatch.setattr(_text, "_CAPI", None)
    elif _text._CAPI is None:
        pytest.skip("not CPython")
    return request.param


def _ords(text: str) -> list[int]:
    return [ord(ch) for ch in text]


@pytest.mark.parametrize("text", TEXTS, ids=lambda t: f"{len(t)}:{t[:3]!r}")
def test_code_points_are_the_ords_read_only(path, text):
    cps = code_points(text)
    assert cps.dtype == np.uint32 and cps.shape == (len(text),)
    assert cps.tolist() == _ords(text)
    assert not cps.flags.writeable  # one array type for every kernel, whatever the length
    assert from_code_points(cps) == text


def test_code_points_are_a_new_array_each_time(path):
    text = "頭髮" * API_FROM
    a, b = code_points(text), code_points(text)
    assert not np.shares_memory(a, b)


@pytest.mark.parametrize("text", TEXTS, ids=lambda t: f"{len(t)}:{t[:3]!r}")
def test_code_points_into_writes_into_a_large_enough_buffer(path, text):
    buf = np.zeros(len(text) + 8, dtype=np.uint32)
    cps = code_points_into(text, buf)
    assert cps.tolist() == _ords(text)
    assert cps.flags.writeable and cps.dtype == np.uint32
    assert np.shares_memory(cps, buf) or not text
    assert from_code_points(cps) == text


@pytest.mark.parametrize(
    "buf",
    [
        np.zeros(3, dtype=np.uint32),  # too short
        np.zeros(16, dtype=np.int32),  # wrong type
        np.zeros(32, dtype=np.uint32)[::2],  # not contiguous
        np.frombuffer(bytes(64), dtype=np.uint32),  # read-only
    ],
    ids=["short", "int32", "strided", "read-only"],
)
def test_code_points_into_makes_a_new_array_when_the_buffer_will_not_do(path, buf):
    before = buf.copy()
    cps = code_points_into("頭髮abc", buf)
    assert cps.tolist() == _ords("頭髮abc")
    assert cps.flags.writeable and cps.dtype == np.uint32
    assert not np.shares_memory(cps, buf)
    assert (buf == before).all()


@pytest.mark.parametrize("dtype", [np.uint32, np.int32, np.int64, np.uint16])
def test_from_code_points_takes_any_integer_array(path, dtype):
    text = "頭髮abc" * API_FROM
    cps = np.array(_ords(text), dtype=np.int64)
    if dtype == np.uint16:
        cps = cps[cps < 0x10000]
        text = "".join(map(chr, cps.tolist()))
    assert from_code_points(cps.astype(dtype)) == text
    assert from_code_points(cps.astype(dtype)[::2]) == text[::2]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=any_text, repeat=st.sampled_from([1, API_FROM // 4 + 1]))
def test_code_points_round_trip_any_text(path, text, repeat):
    text = text * repeat
    assert code_points(text).tolist() == _ords(text)
    assert code_points_into(text, np.empty(0, dtype=np.uint32)).tolist() == _ords(text)
    assert from_code_points(code_points(text)) == text


@pytest.mark.parametrize("dtype", [np.uint32, np.int32, np.float64, np.int8, np.bool_])
def test_scratch_reuses_and_grows(monkeypatch, dtype):
    monkeypatch.setattr(Scratch, "SMALL", 0)
    s = Scratch()
    a = s.get("x", 10, dtype)
    assert a.shape == (10,) and a.dtype == dtype and a.flags.writeable and a.flags.c_contiguous
    assert np.shares_memory(s.get("x", 5, dtype), a)
    assert s.get("x", 10, dtype).shape == (10,)
    assert not np.shares_memory(s.get("y", 5, dtype), a)
    assert s.get("x", 20, dtype).shape == (20,)
    assert s.get("x", 0, dtype).shape == (1,)
    other = np.int16 if dtype is not np.int16 else np.int32
    assert s.get("x", 4, other).dtype == other


def test_scratch_makes_small_arrays_anew():
    s = Scratch()
    a = s.get("x", Scratch.SMALL - 1, np.int32)
    b = s.get("x", Scratch.SMALL - 1, np.int32)
    assert a.shape == b.shape == (Scratch.SMALL - 1,) and not np.shares_memory(a, b)
    big = s.get("x", Scratch.SMALL, np.int32)
    assert np.shares_memory(s.get("x", Scratch.SMALL, np.int32), big)
    assert s.get("x", 0, np.int32).shape == (1,)


def test_scratch_drops_a_buffer_above_keep(monkeypatch):
    monkeypatch.setattr(Scratch, "SMALL", 0)
    monkeypatch.setattr(Scratch, "KEEP", 8)
    s = Scratch()
    small = s.get("x", 8, np.int32)
    big = s.get("x", 9, np.int32)
    assert big.shape == (9,)
    assert not np.shares_memory(s.get("x", 9, np.int32), big)  # not kept: made anew
    assert not np.shares_memory(s.get("x", 8, np.int32), small)  # and the small one went with it


def test_scratch_is_one_per_thread_and_owner():
    mine = scratch("a")
    assert scratch("a") is mine and scratch("b") is not mine
    other: list[Scratch] = []
    thread = threading.Thread(target=lambda: other.append(scratch("a")))
    thread.start()
    thread.join()
    assert other[0] is not mine
