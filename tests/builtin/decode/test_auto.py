"""Detector ``auto``: the seeds, encoded by Python's codecs, decode back to themselves."""

from __future__ import annotations

import codecs
import random

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from benchmarks.corpus import encodable, prefix
from hanpipe import DecodeError, HanpipeError
from hanpipe._charmodel import big5_tables, char_scores, gb_table
from hanpipe.api import decode as hanpipe_decode
from hanpipe.builtin.decode import _kernels as K
from hanpipe.builtin.decode.auto import AutoDecoder, detect
from hanpipe.builtin.decode.latin import IN_WORD, latin_table
from hanpipe.testing import check_alignment
from tests.conftest import TRADITIONAL_SEEDS
from tests.reference.decode_detect import reference_score
from tests.strategies import byte_windows

DETECTOR = AutoDecoder()
ENCODINGS = ["utf-8", "gb18030", "utf-16-le", "utf-16-be"]
BOMS = {"utf-8-sig": "utf-8", "utf-16": None}  # Python's "utf-16" writes a BOM in native order
PREFIXES = [16, 24, 64, 256, 1024, None]


def cases(seed_texts: dict[str, str]) -> list[tuple[str, str, str]]:
    out = []
    for name, text in seed_texts.items():
        encodings = ENCODINGS + (["big5"] if name in TRADITIONAL_SEEDS else [])
        for enc in encodings:
            out.append((name, enc, encodable(text, enc) if enc == "big5" else text))
    return out


def same_codec(a: str, b: str) -> bool:
    return codecs.lookup(a).name == codecs.lookup(b).name or {a, b} <= {"big5", "big5hkscs"}


def test_auto_decodes_every_seed_in_every_encoding_whole_and_cut(seed_texts: dict[str, str]) -> None:
    checked = 0
    for name, enc, text in cases(seed_texts):
        for limit in PREFIXES:
            sub, data = prefix(text, enc, limit)
            doc = DETECTOR.decode(data, encoding=None)
            assert doc.text == sub, (name, enc, limit)
            if not sub.isascii():
                assert same_codec(doc.meta["encoding"], enc), (name, enc, limit, doc.meta)
            assert 0.0 <= doc.meta["confidence"] <= 1.0
            assert "damaged" not in doc.meta
            checked += 1
    assert checked == 5 * 4 * 6 + 2 * 6


@pytest.mark.parametrize("bom_codec", list(BOMS))
def test_auto_decodes_seeds_with_a_bom(seed_texts: dict[str, str], bom_codec: str) -> None:
    for text in seed_texts.values():
        for limit in (16, 64, None):
            sub = text if limit is None else text[:limit]
            doc = DETECTOR.decode(sub.encode(bom_codec), encoding=None)
            assert doc.text == sub
            assert doc.meta["confidence"] == 1.0 and doc.meta["bom"] is True


@pytest.mark.parametrize("size", [16, 24])
def test_auto_is_right_from_16_bytes_cut_at_any_character_boundary(seed_texts: dict[str, str], size: int) -> None:
    """Windows starting at every 3rd character, holding at least three Han characters."""
    wrong = []
    total = 0
    for name, enc, text in cases(seed_texts):
        for sub, data in byte_windows(text, enc, size, 3, min_han=3):
            total += 1
            if DETECTOR.decode(data, encoding=None).text != sub:
                wrong.append((name, enc, sub))
    assert total > 10_000
    assert wrong == []


def test_auto_forced_encoding_is_used_as_given() -> None:
    data = "大模型".encode("gb18030")
    doc = DETECTOR.decode(data, encoding="big5")
    assert doc.meta["encoding"] == "big5" and doc.meta["confidence"] == 1.0
    assert doc.text == data.decode("big5", errors="replace")


def test_auto_unknown_forced_encoding_raises_a_decode_error() -> None:
    with pytest.raises(DecodeError, match="unknown encoding 'klingon'"):
        DETECTOR.decode(b"abc", encoding="klingon")


def test_auto_undecodable_bytes_are_replaced_and_listed_as_damaged() -> None:
    good = "人工智能大模型时代".encode("gb18030")
    data = good[:6] + b"\xff" + good[6:]
    doc = DETECTOR.decode(data, encoding=None)
    assert doc.meta["encoding"] == "gb18030"
    assert doc.text == "人工智\ufffd能大模型时代"
    assert doc.meta["damaged"] == [[3, 4]]
    assert doc.source[3:4] == "\ufffd"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
    ],
)
def test_auto_a_bare_byte_order_mark_is_the_empty_text_with_full_confidence(data: bytes, encoding: str) -> None:
    """Nothing after the mark: no bytes weigh against text, and the confidence is a number (it was NaN)."""
    doc = DETECTOR.decode(data, encoding=None)
    assert doc.text == ""
    assert doc.meta == {"encoding": encoding, "confidence": 1.0, "bom": True}


def test_sniff_of_no_bytes_is_what_the_detector_decodes_them_with() -> None:
    from hanpipe.builtin.decode.auto import sniff

    assert DETECTOR.decode(b"", encoding=None).meta == {"encoding": "utf-8", "confidence": 1.0}
    assert sniff(b"") == ("utf-8", 1.0)


@pytest.mark.parametrize("kind", [bytearray, memoryview])
@pytest.mark.parametrize("encoding", [None, "gb18030"])
def test_auto_takes_a_bytearray_or_memoryview_as_the_bytes_it_holds(kind: type, encoding: str | None) -> None:
    data = "北京时间9月22日，大模型公司发布新品。".encode("gb18030")
    doc = DETECTOR.decode(kind(data), encoding=encoding)
    assert doc.text == "北京时间9月22日，大模型公司发布新品。"
    assert doc.meta == DETECTOR.decode(data, encoding=encoding).meta


def test_auto_empty_and_ascii_input() -> None:
    assert DETECTOR.decode(b"", encoding=None).text == ""
    for short in (b"abc", b"ab", b"OK", b"hello", b"2023-05-20"):
        assert DETECTOR.decode(short, encoding=None).text == short.decode("ascii")
    doc = DETECTOR.decode(b"plain ascii text " * 20, encoding=None)
    assert doc.meta["encoding"] == "utf-8" and doc.text.startswith("plain")


def test_detect_reports_utf16_without_bom_for_ascii_heavy_text() -> None:
    assert detect("ChatGPT 4.0 发布".encode("utf-16-le"))[0] == "utf-16-le"
    assert detect("ChatGPT 4.0 发布".encode("utf-16-be"))[0] == "utf-16-be"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=64))
def test_auto_any_bytes_give_a_document(data: bytes) -> None:
    """Damaged spans are U+FFFD runs; in binary input also controls and the short runs between them."""
    doc = DETECTOR.decode(data, encoding=None)
    assert isinstance(doc.text, str)
    covered = set()
    for start, end in doc.meta.get("damaged", []):
        assert 0 <= start < end <= len(doc.source)
        if not doc.meta.get("binary"):
            assert set(doc.source[start:end]) == {"\ufffd"}
        covered.update(range(start, end))
    assert all(i in covered for i, ch in enumerate(doc.source) if ch == "\ufffd")
    if doc.meta.get("binary"):
        assert doc.meta["confidence"] < 0.5
        assert doc.source == data.decode("utf-8", errors="replace")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=120), st.sampled_from([None, "utf-8", "gb18030", "big5", "utf-16-le", "latin-1"]))
def test_decode_stage_any_bytes_give_a_document_or_a_hanpipe_error(data: bytes, encoding: str | None) -> None:
    """Detection (or a forced encoding) and every clean-up pass."""
    try:
        doc = hanpipe_decode(data, encoding)
    except HanpipeError:
        return
    check_alignment(doc)
    for start, end in doc.meta.get("damaged", []):
        assert 0 <= start < end <= len(doc.source)


@pytest.mark.slow
def test_decode_100k_random_inputs_never_raise_but_a_hanpipe_error() -> None:
    """Detection and every clean-up pass, on random and shuffled multi-byte input."""
    rng = random.Random(20231124)
    pool = [bytes(range(256)), "人工智能大模型時代網絡".encode("gb18030"), "網絡時代".encode("big5")]
    for i in range(100_000):
        n = rng.randrange(0, 48)
        if i % 3 == 0:
            data = rng.randbytes(n)
        else:  # pieces of real multi-byte text, shuffled: the hard cases for a detector
            src = pool[i % len(pool)]
            data = bytes(rng.choice(src) for _ in range(n))
        try:
            doc = hanpipe_decode(data)
        except HanpipeError:  # pragma: no cover - nothing is expected to raise
            continue
        assert isinstance(doc.text, str)


# -- the kernels, jitted and as plain Python, against Python's codecs -------

KERNELS = {
    "utf-8": lambda fn: lambda a, out: fn(a, char_scores(), out),
    "gb18030": lambda fn: lambda a, out: fn(a, char_scores(), gb_table(), out),
    "big5": lambda fn: lambda a, out: fn(a, char_scores(), *big5_tables(), out),
    "utf-16-le": lambda fn: lambda a, out: fn(a, char_scores(), False, out),
    "utf-16-be": lambda fn: lambda a, out: fn(a, char_scores(), True, out),
    "cp1252": lambda fn: lambda a, out: fn(a, latin_table(), IN_WORD, out),
}
FUNCS = {
    "utf-8": K.score_utf8,
    "gb18030": K.score_gb18030,
    "big5": K.score_big5,
    "utf-16-le": K.score_utf16,
    "utf-16-be": K.score_utf16,
}

interesting_bytes = st.lists(
    st.one_of(
        st.integers(0, 255),
        st.integers(0x80, 0xFF),
        st.integers(0x30, 0x39),
        st.integers(0x40, 0x7E),
        st.sampled_from([0xE4, 0xB8, 0xAD, 0xED, 0xF0, 0xF4, 0xD8, 0xDC, 0x00]),
    ),
    max_size=16,
).map(bytes)


@pytest.mark.parametrize("jitted", [True, False], ids=["jit", "py_func"])
@pytest.mark.parametrize("encoding", list(FUNCS))
@settings(max_examples=120, deadline=None)
@given(data=interesting_bytes)
def test_kernel_agrees_with_the_codec(encoding: str, jitted: bool, data: bytes) -> None:
    fn = FUNCS[encoding] if jitted else FUNCS[encoding].py_func
    out = np.zeros(K.N_OUT, dtype=np.float64)
    KERNELS[encoding](fn)(np.frombuffer(data, dtype=np.uint8), out)
    expected = reference_score(data, encoding)
    clean = out[K.OUT_ERRORS] == 0 and out[K.OUT_PARTIAL] == 0
    assert clean == (expected is not None)
    if expected is not None:
        assert out[K.OUT_SCORE] == pytest.approx(expected, abs=1e-3)


CODEC_OF = {"utf-8": "utf-8", "gb18030": "gb18030", "big5": "big5hkscs"}


@pytest.mark.parametrize("jitted", [True, False], ids=["jit", "py_func"])
@pytest.mark.parametrize("encoding", list(CODEC_OF))
@settings(max_examples=200, deadline=None)
@given(data=interesting_bytes)
def test_kernel_counts_each_invalid_sequence_as_the_codec_replaces_it(encoding: str, jitted: bool,
                                                                      data: bytes) -> None:
    """One error per U+FFFD of the codec's 'replace' handler, the cut-off tail counting as partial.

    GB18030 after a 0x80 or 0xFF lead: Python's codec takes the next byte into the error too
    (``b"\\xff7"`` is one U+FFFD, the '7' lost); the kernel reads that byte again, so those
    inputs are left out here.
    """
    assume(not (encoding == "gb18030" and (b"\x80" in data or b"\xff" in data)))
    fn = FUNCS[encoding] if jitted else FUNCS[encoding].py_func
    out = np.zeros(K.N_OUT, dtype=np.float64)
    KERNELS[encoding](fn)(np.frombuffer(data, dtype=np.uint8), out)
    codec = CODEC_OF[encoding]
    replaced = data.decode(codec, "replace").count("\ufffd") - data.decode(codec, "ignore").count("\ufffd")
    assert out[K.OUT_ERRORS] + out[K.OUT_PARTIAL] == replaced


@pytest.mark.parametrize("jitted", [True, False], ids=["jit", "py_func"])
def test_kernel_scores_seed_text_like_the_reference(seed_texts: dict[str, str], jitted: bool) -> None:
    text = seed_texts["004_5f3c4ba81d80bda7.txt"][:300]
    for encoding in FUNCS:
        data = encodable(text, "big5" if encoding == "big5" else encoding).encode(
            "big5hkscs" if encoding == "big5" else encoding
        )
        fn = FUNCS[encoding] if jitted else FUNCS[encoding].py_func
        out = np.zeros(K.N_OUT, dtype=np.float64)
        KERNELS[encoding](fn)(np.frombuffer(data, dtype=np.uint8), out)
        assert out[K.OUT_ERRORS] == 0
        assert out[K.OUT_SCORE] == pytest.approx(reference_score(data, encoding), abs=1e-2)


def test_auto_looks_past_ascii_markup_for_the_chinese_text(seed_texts: dict[str, str]) -> None:
    head = "<html><head><meta name='x' content='" + "a" * 20_000 + "'></head><body>"
    for enc in ("gb18030", "big5"):
        text = head + encodable(seed_texts["004_5f3c4ba81d80bda7.txt"][:200], enc)
        doc = DETECTOR.decode(text.encode(enc), encoding=None)
        assert doc.text == text and same_codec(doc.meta["encoding"], enc)


@pytest.mark.parametrize("jitted", [True, False], ids=["jit", "py_func"])
def test_kernel_score_all_is_every_candidate_in_one_call(seed_texts: dict[str, str], jitted: bool) -> None:
    data = np.frombuffer(seed_texts["001_8a7838785014c413.txt"][:100].encode("gb18030"), dtype=np.uint8)
    out = np.zeros((len(K.CANDIDATES), K.N_OUT), dtype=np.float64)
    fn = K.score_all if jitted else K.score_all.py_func
    fn(data, char_scores(), gb_table(), *big5_tables(), latin_table(), IN_WORD, out)
    for row, name in zip(out, K.CANDIDATES):
        one = np.zeros(K.N_OUT, dtype=np.float64)
        KERNELS[name](FUNCS.get(name, K.score_cp1252))(data, one)
        np.testing.assert_array_equal(row, one)


def test_sniff_names_what_the_detector_decodes_with(seed_texts: dict[str, str]) -> None:
    from hanpipe.builtin.decode.auto import sniff

    for _, enc, text in cases(seed_texts):
        for limit in (16, 64, None):
            _, data = prefix(text, enc, limit)
            doc = DETECTOR.decode(data, encoding=None)
            assert sniff(data) == (doc.meta["encoding"], doc.meta["confidence"])
    assert sniff("標題".encode("utf-8-sig")) == ("utf-8", 1.0)
