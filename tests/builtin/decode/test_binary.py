"""What is not text is not Chinese: binary formats made here are flagged; short Chinese in every encoding is not."""

from __future__ import annotations

import gzip
import io
import itertools
import random
import struct
import zipfile
import zlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.corpus import encodable
from hanpipe._charmodel import char_scores, text_chars
from hanpipe.builtin.decode import _kernels as K
from hanpipe.builtin.decode.auto import AutoDecoder, sniff
from hanpipe.builtin.decode.binary import (
    BLOCK_FLOOR,
    MIN_STRING,
    PADDING_RUN,
    THRESHOLD,
    assess,
    binary_damage,
)
from tests.conftest import TRADITIONAL_SEEDS
from tests.reference import decode_binary as ref
from tests.strategies import byte_windows

DETECTOR = AutoDecoder()


def decode(data: bytes):  # type: ignore[no-untyped-def]
    return DETECTOR.decode(data, encoding=None)


# -- binary formats, made with the standard library ----------------------------


def png(width: int = 24, height: int = 24, seed: int = 1) -> bytes:
    """A true-colour PNG of noise: signature, IHDR, zlib-compressed IDAT, IEND."""
    rng = random.Random(seed)
    raw = b"".join(b"\x00" + rng.randbytes(3 * width) for _ in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def zip_archive(text: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("page.txt", text)
    return buf.getvalue()


def pdf(text: str) -> bytes:
    """A PDF header, its binary comment line and a Flate-compressed content stream."""
    stream = zlib.compress(text.encode("utf-8"))
    return (
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length "
        + str(len(stream)).encode()
        + b" /Filter /FlateDecode >>\nstream\n"
        + stream
        + b"\nendstream\nendobj\n"
    )


def elf() -> bytes:
    """An x86-64 ELF header, one program header, a few instructions and zero padding."""
    ident = b"\x7fELF" + bytes([2, 1, 1, 0]) + bytes(8)
    header = ident + struct.pack("<HHIQQQIHHHHHH", 2, 0x3E, 1, 0x401000, 64, 0, 0, 64, 56, 1, 64, 0, 0)
    program = struct.pack("<IIQQQQQQ", 1, 5, 0, 0x400000, 0x400000, 200, 200, 0x1000)
    code = bytes.fromhex("b83c00000031ff0f05") + b"\x00" * 64  # mov eax, 60; xor edi, edi; syscall
    return header + program + code


@pytest.fixture(scope="module")
def formats(seed_texts: dict[str, str]) -> dict[str, bytes]:
    text = "\n".join(seed_texts.values())
    return {
        "png": png(),
        "png-small": png(4, 4),
        "gzip": gzip.compress(text.encode("utf-8")),
        "gzip-gb18030": gzip.compress(encodable(text, "gb18030").encode("gb18030")),
        "zip": zip_archive(text),
        "pdf": pdf(text),
        "elf": elf(),
        "ff-1000": b"\xff" * 1000,
        "nul-100": b"\x00" * 100,
        "soh-300": b"\x01" * 300,
        "urandom-4096": random.Random(4).randbytes(4096),
    }


FORMATS = [
    *("png", "png-small", "gzip", "gzip-gb18030", "zip", "pdf", "elf"),
    *("ff-1000", "nul-100", "soh-300", "urandom-4096"),
]


@pytest.mark.parametrize("name", FORMATS)
def test_binary_formats_are_flagged_with_low_confidence_and_damage(formats: dict[str, bytes], name: str) -> None:
    data = formats[name]
    doc = decode(data)
    assert doc.meta.get("binary") is True, (name, assess(data[:1024]))
    assert doc.meta["confidence"] < 0.05
    # decoded as UTF-8 with replacement characters: nothing invented, readable ASCII kept
    assert doc.meta["encoding"] == "utf-8"
    assert doc.source == data.decode("utf-8", errors="replace")
    damaged = doc.meta["damaged"]
    assert sum(e - s for s, e in damaged) >= 0.5 * len(doc.source), damaged[:5]
    assert sniff(data) == (doc.meta["encoding"], doc.meta["confidence"])


def test_binary_signatures_are_named(formats: dict[str, bytes]) -> None:
    for name, signature in (("png", "png"), ("gzip", "gzip"), ("zip", "zip"), ("pdf", "pdf"), ("elf", "elf")):
        assert assess(formats[name][:1024]).signature == signature


def test_binary_readable_ascii_of_a_binary_file_is_not_damaged(formats: dict[str, bytes]) -> None:
    """As ``strings`` reads them: printable runs of four or more characters stay readable."""
    doc = decode(formats["png"])
    damaged = doc.meta["damaged"]

    def is_damaged(i: int) -> bool:
        return any(s <= i < e for s, e in damaged)

    start = doc.source.index("IHDR")
    assert not any(is_damaged(i) for i in range(start, start + 4))
    pdf_doc = decode(formats["pdf"])
    head = pdf_doc.source.index("/FlateDecode")
    assert not any(s <= head < e for s, e in pdf_doc.meta["damaged"])


def test_binary_damage_spans_by_hand() -> None:
    assert binary_damage("") == []
    assert binary_damage("plain text") == []
    assert binary_damage("\x00\x00ab\x00IHDR\x01") == [[0, 5], [9, 10]]  # "ab" is too short to read
    assert binary_damage("\ufffd" * 3 + "text" + "\x7f") == [[0, 3], [7, 8]]
    assert binary_damage("\ufffd\t\n\r\ufffd") == [[0, 5]]  # whitespace alone is no string either
    assert binary_damage("\ufffe\uffffwords here") == [[0, 2]]
    assert MIN_STRING == 4


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=300).map(lambda b: b.decode("utf-8", "replace")), st.text(max_size=80)))
def test_binary_damage_holds_every_replacement_run(text: str) -> None:
    """The damaged spans of binary input are binary_damage's alone: each run of U+FFFD lies inside one
    of its spans, none of which touch (so merging the runs in would change nothing)."""
    spans = binary_damage(text)
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end < start
    for i, ch in enumerate(text):
        if ch == "\ufffd":
            assert any(s <= i < e for s, e in spans), (text, i)


# -- random bytes ----------------------------------------------------------------

#: measured shares of 400 random samples flagged (see THRESHOLD in hanpipe.builtin.decode.binary), with room
RANDOM_FLAGGED_AT_LEAST = {16: 0.35, 32: 0.6, 64: 0.85, 128: 0.96, 256: 1.0, 1024: 1.0, 4096: 1.0}


@pytest.mark.parametrize("size", list(RANDOM_FLAGGED_AT_LEAST))
def test_binary_random_bytes_of_many_lengths(size: int) -> None:
    """Long random bytes are always binary; short ones are ambiguous, and flagged more the longer they are."""
    rng = random.Random(size)
    count = 400 if size <= 256 else 60
    docs = [decode(rng.randbytes(size)) for _ in range(count)]
    flagged = [d for d in docs if d.meta.get("binary")]
    assert len(flagged) >= RANDOM_FLAGGED_AT_LEAST[size] * count, len(flagged) / count
    assert all(d.meta["confidence"] < 0.5 for d in flagged)


def test_binary_very_short_random_bytes_give_documents() -> None:
    rng = random.Random(3)
    for size in range(0, 16):
        for _ in range(50):
            data = rng.randbytes(size)
            doc = decode(data)
            if doc.meta.get("binary"):
                assert doc.meta["confidence"] < 0.5 and doc.source == data.decode("utf-8", errors="replace")


#: control bytes that no text holds (C0 but NUL, tab, LF, VT, FF, CR and ESC; DEL)
_CONTROLS = [*range(0x01, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F]


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from([2, 4]),
    st.sampled_from(_CONTROLS),
    st.binary(min_size=0, max_size=2),
    st.integers(0, 3),
    st.integers(20, 300),
)
def test_binary_a_repeating_pattern_with_control_bytes_is_binary(
    period: int, control: int, rest: bytes, at: int, times: int
) -> None:
    """A pattern of 2 bytes repeated, holding a zero byte and a control byte that no text holds, is
    binary from 40 bytes on, and one of 4 bytes (``00 01 02 ff`` over and over: a table of records)
    from 200: before, it could read as letters of UTF-16 with full confidence. Shorter, a pattern of 4
    may still read as one letter and a space of UTF-16 (``a2 01 20 00``: 'Ƣ Ƣ Ƣ'); a zero byte and a
    tab is a run of tabs in UTF-16, text, and not drawn here."""
    cells = bytearray((b"\x00" + bytes([control]) + rest)[:period].ljust(period, b"\x00"))
    cells[0], cells[at % period] = cells[at % period], cells[0]  # the zero byte anywhere in the pattern
    data = bytes(cells) * times
    if len(data) < (40 if period == 2 else 200):
        return
    doc = decode(data)
    assert doc.meta.get("binary") is True, (data[:8], doc.meta)


def test_binary_the_pattern_a_new_user_found() -> None:
    doc = decode(b"\x00\x01\x02\xff" * 10)  # was utf-16-le, confidence 1.0, text 'Ā"Ā"…'
    assert doc.meta.get("binary") is True and doc.meta["confidence"] < 0.5
    assert decode(("你好世界，今天天气很好。" * 20).encode("utf-16-be")).meta.get("binary") is None


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(512, 8192))
def test_binary_any_random_bytes_of_half_a_kib_or_more_are_binary(seed: int, size: int) -> None:
    data = random.Random(seed).randbytes(size)
    doc = decode(data)
    assert doc.meta.get("binary") is True
    assert doc.meta["confidence"] < 0.01


# -- short real Chinese in every encoding -----------------------------------------

TITLES = [
    "大模型时代的数据治理",
    "人工智能产业发展报告（2023年）发布",
    "北京：新能源汽车销量同比增长35%",
    "國產大模型“百模大戰”進入下半場",
    "臺灣半導體產業鏈的機會與挑戰",
    "ChatGPT 4.0 发布，支持更长上下文",
    "央行：下调存款准备金率0.25个百分点",
    "香港金融管理局發布穩定幣監管框架",
]
ENCODINGS = ["utf-8", "gb18030", "big5", "utf-16-le", "utf-16-be"]
BOM_CODECS = {"utf-8-sig": "utf-8", "utf-16": None}


def same_codec(a: str, b: str) -> bool:
    import codecs

    return codecs.lookup(a).name == codecs.lookup(b).name or {a, b} <= {"big5", "big5hkscs"}


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_binary_short_titles_are_text_and_decoded_right(encoding: str) -> None:
    checked = 0
    for title in TITLES:
        if encoding == "big5" and encodable(title, "big5") != title:
            continue
        data = title.encode(encoding)
        assert 20 <= len(data) <= 60, (title, len(data))
        doc = decode(data)
        assert "binary" not in doc.meta, (title, encoding, assess(data))
        assert doc.text == title and same_codec(doc.meta["encoding"], encoding), (title, encoding, doc.meta)
        checked += 1
    assert checked >= 3


@pytest.mark.parametrize("codec", list(BOM_CODECS))
def test_binary_short_titles_with_a_bom_are_text(codec: str) -> None:
    for title in TITLES:
        doc = decode(title.encode(codec))
        assert "binary" not in doc.meta and doc.meta["bom"] is True and doc.text == title


@pytest.mark.parametrize("size", [20, 40, 60])
def test_binary_no_window_of_the_seeds_is_binary(seed_texts: dict[str, str], size: int) -> None:
    """Windows of 20-60 bytes cut from the seeds at character boundaries, every encoding; with and without BOM."""
    flagged = []
    total = 0
    for name, text in seed_texts.items():
        for enc in ENCODINGS:
            if enc == "big5" and name not in TRADITIONAL_SEEDS:
                continue
            body = encodable(text, enc) if enc == "big5" else text
            for sub, data in byte_windows(body, enc, size, 11):
                total += 1
                for variant in (data, (b"\xef\xbb\xbf" if enc == "utf-8" else b"") + data):
                    if decode(variant).meta.get("binary"):
                        flagged.append((name, enc, sub))
    assert total > 8000
    assert flagged == []


def test_binary_threshold_keeps_the_margins_its_comment_states(seed_texts: dict[str, str]) -> None:
    """The measurement behind THRESHOLD, on a sample: seed windows stay 0.4 nats a byte above it,
    random KiBs 0.3 below it."""
    worst_text = np.inf
    for name, text in seed_texts.items():
        for enc in ENCODINGS:
            if enc == "big5" and name not in TRADITIONAL_SEEDS:
                continue
            body = encodable(text, enc) if enc == "big5" else text
            for _, data in byte_windows(body, enc, 20, 29):
                if len(data) >= 16:
                    worst_text = min(worst_text, assess(data, quick=-np.inf).llr)
    rng = random.Random(20231124)
    best_random = max(assess(rng.randbytes(1024), quick=-np.inf).llr for _ in range(100))
    assert worst_text >= THRESHOLD + 0.4, worst_text
    assert best_random <= THRESHOLD - 0.3, best_random


# -- text that must not be called binary -------------------------------------------

TEXT_NOT_BINARY = {
    "gbk-with-dos-eof": "人工智能大模型发布会在北京举行。".encode("gb18030") + b"\x1a",
    "utf8-nul-terminated": "大模型时代的数据治理".encode() + b"\x00",
    "utf16-ascii-heavy": "Version 4.0 released today 发布".encode("utf-16-le"),
    "russian-utf16-no-bom": "Москва - столица России".encode("utf-16-le"),
    "thai-utf16-no-bom": "กรุงเทพมหานครเป็นเมืองหลวง".encode("utf-16-le"),
    "greek-utf8": "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας".encode(),
    "russian-cp1251": "Москва - столица России, крупнейший город страны".encode("cp1251"),
    "box-drawing-gbk": "┌──┬──┐\n│大│小│\n└──┴──┘".encode("gb18030"),
    "base64": b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    "starts-like-a-signature": "MZ是什么意思？GIF8动图怎么做".encode(),
    "pdf-word-in-text": "%PDF-1.7 文件的结构：头部、正文、交叉引用表和尾部".encode("gb18030"),
    "spaces-and-tabs": b"\t\t  \n\n    \r\n",
}


@pytest.mark.parametrize("name", list(TEXT_NOT_BINARY))
def test_binary_text_is_not_called_binary(name: str) -> None:
    data = TEXT_NOT_BINARY[name]
    doc = decode(data)
    assert "binary" not in doc.meta, (name, assess(data))


def test_binary_text_in_an_encoding_hanpipe_does_not_read_gets_a_low_confidence() -> None:
    doc = decode(TEXT_NOT_BINARY["russian-cp1251"])
    assert "binary" not in doc.meta and doc.meta["confidence"] < 0.5


sentence = st.lists(
    st.sampled_from(["大模型", "人工智能", "数据", "发布", "北京", "，", "。", "网络", "时代", "技术", "公司", "产业"]),
    min_size=6,
    max_size=20,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(sentence, st.sampled_from(["utf-8", "gb18030", "big5", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-16"]))
def test_binary_chinese_in_any_supported_encoding_is_never_binary(text: str, encoding: str) -> None:
    data = encodable(text, "big5").encode("big5") if encoding == "big5" else text.encode(encoding)
    doc = decode(data)
    assert "binary" not in doc.meta


# -- forced encodings ---------------------------------------------------------------


def test_binary_with_a_forced_encoding_is_decoded_as_told_and_flagged(formats: dict[str, bytes]) -> None:
    data = formats["gzip"]
    doc = DETECTOR.decode(data, encoding="gb18030")
    assert doc.meta["encoding"] == "gb18030" and doc.meta["binary"] is True
    assert doc.source == data.decode("gb18030", errors="replace")
    assert doc.meta["damaged"]
    text = DETECTOR.decode("人工智能大模型".encode("gb18030"), encoding="gb18030")
    assert "binary" not in text.meta


# -- kernels against their plain-Python references -----------------------------------


@pytest.mark.parametrize("jitted", [True, False], ids=["jit", "py_func"])
@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=64) | st.lists(st.sampled_from([0, 1, 0x1B, 0x80, 0xFF, 0xA1, 0x41]), max_size=64).map(bytes))
def test_kernel_count_marks_and_repeats(jitted: bool, data: bytes) -> None:
    marks = K.count_marks if jitted else K.count_marks.py_func
    repeats = K.count_repeats if jitted else K.count_repeats.py_func
    arr = np.frombuffer(data, dtype=np.uint8)
    control = np.zeros(256, dtype=np.uint8)
    control[list(ref.CONTROL_BYTES)] = 1
    assert marks(arr, control, PADDING_RUN) == ref.count_marks(data, PADDING_RUN)
    assert repeats(arr) == ref.count_repeats(data)


utf16_units = st.lists(
    st.one_of(st.integers(0x0400, 0x047F), st.integers(0x0E00, 0x0E7F), st.integers(0, 0xFFFF)), max_size=24
)


@pytest.mark.parametrize("jitted", [True, False], ids=["jit", "py_func"])
@pytest.mark.parametrize("big_endian", [False, True], ids=["le", "be"])
@settings(max_examples=120, deadline=None)
@given(units=utf16_units, block=st.sampled_from([0x0400 >> 7, 0x0E00 >> 7, 3]))
def test_kernel_score_utf16_script_agrees_with_the_reference(
    jitted: bool, big_endian: bool, units: list[int], block: int
) -> None:
    data = b"".join(u.to_bytes(2, "big" if big_endian else "little") for u in units)
    fn = K.score_utf16_script if jitted else K.score_utf16_script.py_func
    out = np.zeros(K.N_OUT, dtype=np.float64)
    fn(np.frombuffer(data, dtype=np.uint8), char_scores(), big_endian, text_chars(), block, BLOCK_FLOOR, out)
    expected = ref.score_utf16_script(data, big_endian, block, BLOCK_FLOOR)
    assert (out[K.OUT_ERRORS] == 0 and out[K.OUT_PARTIAL] == 0) == (expected is not None)
    if expected is not None:
        assert out[K.OUT_SCORE] == pytest.approx(expected, abs=1e-3)


def test_kernel_score_utf16_script_with_no_block_is_score_utf16(seed_texts: dict[str, str]) -> None:
    data = np.frombuffer(seed_texts["004_5f3c4ba81d80bda7.txt"][:200].encode("utf-16-le"), dtype=np.uint8)
    plain = np.zeros(K.N_OUT, dtype=np.float64)
    script = np.zeros(K.N_OUT, dtype=np.float64)
    K.score_utf16(data, char_scores(), False, plain)
    K.score_utf16_script(data, char_scores(), False, text_chars(), -1, BLOCK_FLOOR, script)
    np.testing.assert_array_equal(plain, script)
