"""The detector's lean path (``_examine``, what ``AutoDecoder`` runs) decides exactly as the step-by-step
path the module doc describes (``_examine_full``): same text, encoding, confidence, damaged spans, binary
flag and evidence, to the bit, on any bytes."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.corpus import encodable
from hanpipe._charmodel import ERROR_COST, big5_tables, char_scores, gb_table, utf8_text_scores
from hanpipe.builtin.decode import _kernels as K
from hanpipe.builtin.decode.auto import (
    GAP_CAP,
    AutoDecoder,
    _decided,
    _detect,
    _examine,
    _examine_full,
    _tables,
    detect,
    sniff,
)
from hanpipe.builtin.decode.binary import row_total
from hanpipe.builtin.decode.latin import IN_WORD, latin_table
from tests.conftest import TRADITIONAL_SEEDS
from tests.strategies import SEED_TEXTS, byte_windows

DETECTOR = AutoDecoder()
ENCODINGS = ["utf-8", "gb18030", "big5", "utf-16-le", "utf-16-be"]
BOMS = ["utf-8-sig", "utf-16", "utf-32"]


def assert_same(data: bytes) -> None:
    fast, full = _examine(data), _examine_full(data)
    assert (fast.encoding, fast.confidence, fast.bom, fast.evidence, fast.text) == (
        full.encoding,
        full.confidence,
        full.bom,
        full.evidence,
        full.text,
    ), data
    doc, ref = DETECTOR.decode(data, encoding=None), _decided(data, full)
    assert (doc.source, doc.text, doc.meta) == (ref.source, ref.text, ref.meta), data
    assert detect(data) == _detect(data)[:2], data
    assert sniff(data) == (ref.meta["encoding"], ref.meta["confidence"]), data


def pieces() -> list[bytes]:
    """Short pieces of the seeds in every encoding: the stuff shuffled inputs are made of."""
    rng = random.Random(7)
    out = []
    for text in SEED_TEXTS:
        for _ in range(40):
            start = rng.randrange(len(text))
            sub = text[start : start + rng.randrange(1, 12)]
            enc = rng.choice(ENCODINGS)
            out.append(encodable(sub, enc).encode(enc))
    return [p for p in out if p]


#: seed pieces in mixed encodings, random bytes, NUL and 0xFF runs and BOMs, concatenated
mixed_bytes = st.lists(
    st.one_of(
        st.sampled_from(pieces()),
        st.binary(max_size=6),
        st.sampled_from([b"\x00" * 8, b"\xff" * 8, b"\xef\xbb\xbf", b"\xff\xfe", b"<p>", b"\r\n"]),
    ),
    max_size=60,
).map(b"".join)


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=300))
def test_fast_path_equals_full_path_on_any_bytes(data: bytes) -> None:
    assert_same(data)


@settings(max_examples=400, deadline=None)
@given(mixed_bytes)
def test_fast_path_equals_full_path_on_mixed_encodings_and_binary(data: bytes) -> None:
    assert_same(data)


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("size", [16, 60, 200, 1024])
def test_fast_path_equals_full_path_on_seed_windows(seed_texts: dict[str, str], encoding: str, size: int) -> None:
    checked = 0
    for name, text in seed_texts.items():
        if encoding == "big5" and name not in TRADITIONAL_SEEDS:
            continue
        step = max(1, size // 16)
        for _, data in byte_windows(encodable(text, encoding), encoding, size, step):
            assert_same(data)
            checked += 1
    assert checked > 100


@pytest.mark.parametrize("bom_codec", BOMS)
def test_fast_path_equals_full_path_after_a_byte_order_mark(bom_codec: str) -> None:
    for text in SEED_TEXTS:
        for limit in (0, 1, 16, 200, None):
            assert_same(text[:limit].encode(bom_codec))


def test_fast_path_equals_full_path_when_detection_looks_past_the_first_kib() -> None:
    """ASCII markup first: the scan goes on to 8 and 64 KiB, and stops on a decisive gap."""
    text = SEED_TEXTS[4]
    for head in (1000, 5000, 20_000, 70_000):
        for enc in ("gb18030", "big5", "utf-16-le"):
            page = "<html>" + "a" * head + encodable(text[:300], enc)
            assert_same(page.encode(enc))


def test_fast_path_equals_full_path_on_damaged_and_binary_input() -> None:
    rng = random.Random(11)
    gb = SEED_TEXTS[0].encode("gb18030")
    for _ in range(300):
        start = rng.randrange(len(gb) - 1100)
        window = bytearray(gb[start : start + rng.choice([20, 200, 1024])])
        for _ in range(rng.randrange(0, 4)):  # a few bytes lost or flipped
            window[rng.randrange(len(window))] = rng.randrange(256)
        assert_same(bytes(window))
        assert_same(rng.randbytes(rng.choice([16, 64, 1024])))
    for blob in (b"\x00" * 100, b"\xff" * 1000, b"\x01" * 300, b"a" * 300, b"a" * 255 + "鍩".encode()):
        assert_same(blob)


def test_the_character_model_scores_no_character_above_zero() -> None:
    """Log-probabilities: what the kernels add per character never raises a candidate's score."""
    pairs, _ = big5_tables()
    for table in (char_scores(), utf8_text_scores(), gb_table(), pairs):
        assert np.nanmax(table) <= 0.0


# -- the ranking kernel, jitted and as plain Python, against scoring every candidate to the end -------


def ranked_in_full(data: bytes) -> tuple[int, float, float, float, float, float, tuple[int, ...]]:
    """What ``K.detect_sample`` returns, from ``score_all``'s rows and ``_decide``'s totals (no walk stopped)."""
    rows = np.zeros((len(K.CANDIDATES), K.N_OUT), dtype=np.float64)
    K.score_all(data, *_tables()[:5], IN_WORD, rows)
    totals = [K.candidate_total.py_func(row, i, len(data), data.isascii(), _tables()[-1]) for i, row in enumerate(rows)]
    best = totals.index(max(totals))
    gap = totals[best] - max(totals[:best] + totals[best + 1 :])
    raw = max(row_total(row) for row in rows.tolist())
    repeats = tuple(sum(data[i] == data[i - k] for i in range(k, len(data))) for k in (1, 2, 4))
    _, errors, chars, _, hk = rows[best].tolist()[: K.OUT_HKSCS + 1]
    return best, gap, errors, chars, hk, raw, repeats


@pytest.mark.parametrize("jitted", [True, False], ids=["jit", "py_func"])
@settings(max_examples=150, deadline=None)
@given(data=st.one_of(st.binary(min_size=1, max_size=200), mixed_bytes.filter(bool)))
def test_detect_sample_is_scoring_every_candidate_to_the_end(jitted: bool, data: bytes) -> None:
    """Same best row and counts; the gap exact below the cap and at least the cap above it."""
    fn = K.detect_sample if jitted else K.detect_sample.py_func
    got = fn(data, *_tables(), data.isascii())
    want = ranked_in_full(data)
    assert (got[0], *got[2:]) == (want[0], *want[2:])
    if want[1] < GAP_CAP:
        assert got[1] == want[1]
    else:
        assert got[1] >= GAP_CAP


PER_BYTE = {
    "utf-8": K.W_PER_BYTE_UTF8,
    "gb18030": K.W_PER_BYTE_GB,
    "big5": K.W_PER_BYTE_BIG5,
    "utf-16-le": K.W_PER_BYTE_UTF16,
    "utf-16-be": K.W_PER_BYTE_UTF16,
    "cp1252": K.W_PER_BYTE_CP1252,
}
WALKS = {
    "utf-8": lambda fn: lambda data, cut, per_byte, out: fn(data, char_scores(), cut, ERROR_COST, per_byte, out),
    "gb18030": lambda fn: (
        lambda data, cut, per_byte, out: fn(
            data, char_scores(), gb_table(), K._NO_HK, True, cut, ERROR_COST, per_byte, out
        )
    ),
    "big5": lambda fn: (
        lambda data, cut, per_byte, out: fn(data, char_scores(), *big5_tables(), False, cut, ERROR_COST, per_byte, out)
    ),
    "utf-16-le": lambda fn: (
        lambda data, cut, per_byte, out: fn(
            data, char_scores(), False, K._NO_FLAGS, -1, 0.0, cut, ERROR_COST, per_byte, out
        )
    ),
    "utf-16-be": lambda fn: (
        lambda data, cut, per_byte, out: fn(
            data, char_scores(), True, K._NO_FLAGS, -1, 0.0, cut, ERROR_COST, per_byte, out
        )
    ),
    "cp1252": lambda fn: (
        lambda data, cut, per_byte, out: fn(data, latin_table(), IN_WORD, cut, ERROR_COST, per_byte, out)
    ),
}
WALK_KERNELS = {"utf-8": K._utf8, "gb18030": K._double_byte, "big5": K._double_byte}
WALK_KERNELS.update(dict.fromkeys(["utf-16-le", "utf-16-be"], K._utf16), cp1252=K._cp1252)


def walked(encoding: str, jitted: bool, data: bytes, cutoff: float) -> tuple[bool, list[float]]:
    """The walk of ``encoding`` over ``data`` with ``cutoff`` and the detector's bound per unread byte."""
    kernel = WALK_KERNELS[encoding] if jitted else WALK_KERNELS[encoding].py_func
    out = np.zeros(K.N_OUT, dtype=np.float64)
    per_byte = float(_tables()[-1][PER_BYTE[encoding]])
    stopped = WALKS[encoding](kernel)(data, cutoff, per_byte, out)
    return stopped, out.tolist()


@pytest.mark.parametrize("jitted", [True, False], ids=["jit", "py_func"])
@pytest.mark.parametrize("encoding", list(WALKS))
@settings(max_examples=100, deadline=None)
@given(data=mixed_bytes, cutoff=st.floats(-400.0, 0.0))
def test_a_walk_stops_only_when_its_full_total_is_below_the_cutoff(
    encoding: str, jitted: bool, data: bytes, cutoff: float
) -> None:
    """What makes stopping safe: where a walk stops, scoring on to the end would have ended below the
    cutoff (the bound on the unread bytes holds), and the sum so far is above that end (sums only fall)."""
    stopped, row = walked(encoding, jitted, data, cutoff)
    never, full = walked(encoding, jitted, data, -math.inf)
    assert not never
    if not stopped:
        assert row == full
        return
    assert row_total(full) < cutoff
    assert row[K.OUT_SCORE] - ERROR_COST * row[K.OUT_ERRORS] >= row_total(full)
    assert row[K.OUT_CHARS] <= full[K.OUT_CHARS] and row[K.OUT_PARTIAL] == 0
    if encoding == "utf-8":  # valid UTF-8 earns a bonus at the end: never stopped before an invalid sequence
        assert row[K.OUT_ERRORS] > 0


def test_the_bound_per_unread_byte_is_what_no_character_exceeds_over_its_width() -> None:
    """Checked code point by code point (UTF-8, UTF-16), pair by pair (GB18030, Big5) and byte by byte (cp1252)."""
    bmp = char_scores().astype(np.float64)
    weights = _tables()[-1]
    cps = np.arange(0x10000)
    width = np.where(cps < 0x80, 1, np.where(cps < 0x800, 2, 3))
    assert np.all(bmp <= width * weights[K.W_PER_BYTE_UTF8])
    assert np.all(bmp <= 2 * weights[K.W_PER_BYTE_UTF16])
    pairs, _ = big5_tables()
    for table, index in ((gb_table(), K.W_PER_BYTE_GB), (pairs, K.W_PER_BYTE_BIG5)):
        assert np.all(bmp[:0x80] <= weights[index])
        assert np.nanmax(table) <= 2 * weights[index]
    assert K.GB_FOUR <= 4 * weights[K.W_PER_BYTE_GB] and K.ASTRAL <= 4 * weights[K.W_PER_BYTE_UTF16]
    latin = latin_table()[:2]  # cp1252: a byte scores its table entry, or IN_WORD in a Latin word
    assert np.nanmax(latin) <= weights[K.W_PER_BYTE_CP1252] and IN_WORD <= weights[K.W_PER_BYTE_CP1252]
    for index in (K.W_PER_BYTE_UTF8, K.W_PER_BYTE_GB, K.W_PER_BYTE_BIG5, K.W_PER_BYTE_UTF16, K.W_PER_BYTE_CP1252):
        assert -4.0 <= weights[index] < -1.0  # a real bound, not the 0.0 that assumes nothing


@pytest.mark.parametrize(("text_encoding", "loser"), [("gb18030", "big5"), ("big5", "utf-8"), ("gb18030", "utf-16-le")])
def test_the_losing_walks_stop_early_on_a_kib_of_chinese(text_encoding: str, loser: str) -> None:
    data = encodable(SEED_TEXTS[4], text_encoding).encode(text_encoding)[:1024]
    _, winner = walked(text_encoding, True, data, -math.inf)
    stopped, row = walked(loser, True, data, row_total(winner) - GAP_CAP - 2.0)
    assert stopped and row[K.OUT_CHARS] < 0.8 * walked(loser, True, data, -math.inf)[1][K.OUT_CHARS]
