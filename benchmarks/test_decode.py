"""The decode stage beside its peers: detection (charset-normalizer, chardet, cchardet) and clean-up (ftfy).

Detection inputs are the 22 seed encodings (five seeds in UTF-8, GB18030,
UTF-16-LE and UTF-16-BE without BOM, the two Traditional ones in Big5), whole
and cut to 64 bytes at a character boundary. ``hanpipe`` is detection alone
(``sniff``); ``hanpipe+decode`` is the whole detector, bytes to Document. Accuracy, ours and the peers', at
16 and 64 bytes and whole, is printed by ``test_decode_detection_accuracy``
(run with ``-s``): a detection is right when the bytes decoded with the
encoding it names give back the original text.

Per document (``decode-doc-*`` groups): the seeds cut into consecutive documents of at
most 1 KiB and 200 bytes, in UTF-8, GB18030 and (the Traditional seeds) Big5, each run
through the detector one at a time as a crawler's pages are. ``hanpipe`` is the decode
engine (detection and decoding, bytes to Document); ``hanpipe+clean`` is
``hanpipe.decode`` (the engine and every clean-up pass); the peer is
``charset_normalizer.from_bytes(data).best()`` with its text (``str(best)``).
``extra_info["us_per_doc"]`` is the median time per document in microseconds.

Clean-up runs every default pass on the mixed corpus, beside ``ftfy.fix_text``.
``detect-scoring-64-bytes`` shows whether the numba scan pays: the kernels
beside decoding with each codec and scoring the characters with numpy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import hanpipe
from benchmarks.corpus import TRADITIONAL, encodable, prefix
from hanpipe import Pipeline
from hanpipe.builtin.decode.auto import AutoDecoder, sniff

ENCODINGS = ("utf-8", "gb18030", "utf-16-le", "utf-16-be")


def inputs(seed_texts: dict[str, str], limit: int | None) -> list[tuple[str, bytes]]:
    """(text, bytes) of the 22 seed encodings, whole or cut to ``limit`` bytes."""
    out = []
    for name, text in seed_texts.items():
        for enc in ENCODINGS + (("big5",) if name in TRADITIONAL else ()):
            body = "".join(ch for ch in text if ch.encode(enc, errors="ignore")) if enc == "big5" else text
            out.append(prefix(body, enc, limit))
    return out


def _detectors() -> dict[str, Callable[[bytes], str | None]]:
    """role -> bytes to the name of the encoding it detects (None: no answer)."""
    ours = AutoDecoder()
    found: dict[str, Callable[[bytes], str | None]] = {
        "hanpipe": lambda data: sniff(data)[0],
        "hanpipe+decode": lambda data: ours.decode(data, encoding=None).meta["encoding"],
    }
    try:
        import charset_normalizer

        def cn(data: bytes) -> str | None:
            best = charset_normalizer.from_bytes(data).best()
            return None if best is None else best.encoding

        found["charset-normalizer"] = cn
    except ImportError:
        pass
    try:
        import chardet

        found["chardet"] = lambda data: chardet.detect(data)["encoding"]
    except ImportError:
        pass
    try:
        import cchardet

        found["cchardet"] = lambda data: cchardet.detect(data)["encoding"]
    except ImportError:
        pass
    return found


ROLES = ["hanpipe", "hanpipe+decode", "charset-normalizer", "chardet", "cchardet"]


def _right(text: str, data: bytes, encoding: str | None) -> bool:
    if not encoding:
        return False
    try:
        return data.decode(encoding) == text
    except (LookupError, UnicodeDecodeError):
        return False


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("limit", [64, None], ids=["64-bytes", "whole"])
def test_decode_detect(measure: Any, seed_texts: dict[str, str], role: str, limit: int | None, benchmark: Any) -> None:
    detectors = _detectors()
    if role not in detectors:
        pytest.skip(f"{role} is not installed")
    detect = detectors[role]
    cases = inputs(seed_texts, limit)
    benchmark.group = f"detect-{'whole' if limit is None else f'{limit}-bytes'}"

    datas = [data for _, data in cases]

    def run() -> list[str | None]:
        return [detect(data) for data in datas]

    # both of ours count as "hanpipe": the ratio to each peer is taken from the faster (detection alone)
    names = measure(run, nbytes=sum(len(d) for d in datas), role="hanpipe" if role.startswith("hanpipe") else role)
    right = sum(_right(text, data, name) for (text, data), name in zip(cases, names))
    benchmark.extra_info["right"] = f"{right}/{len(cases)}"


def test_decode_detection_accuracy(seed_texts: dict[str, str]) -> None:
    """Print each detector's accuracy at 16 and 64 bytes and whole (not timed)."""
    detectors = _detectors()
    lines = [f"{'detector':<20} {'16 bytes':>9} {'64 bytes':>9} {'whole':>9}"]
    for role, detect in detectors.items():
        cells = []
        for limit in (16, 64, None):
            cases = inputs(seed_texts, limit)
            right = sum(_right(text, data, detect(data)) for text, data in cases)
            cells.append(f"{right}/{len(cases)}")
        lines.append(f"{role:<20} {cells[0]:>9} {cells[1]:>9} {cells[2]:>9}")
    print("\n" + "\n".join(lines))


def documents(seed_texts: dict[str, str], encoding: str, size: int) -> list[bytes]:
    """The seeds (the Traditional ones for Big5) cut into consecutive pieces of at most ``size`` bytes in
    ``encoding``, never inside a character."""
    out = []
    for name, text in seed_texts.items():
        if encoding == "big5":
            if name not in TRADITIONAL:
                continue
            text = encodable(text, encoding)
        piece: list[str] = []
        used = 0
        for ch in text:
            n = len(ch.encode(encoding))
            if used + n > size and piece:
                out.append("".join(piece).encode(encoding))
                piece, used = [], 0
            piece.append(ch)
            used += n
        if piece:
            out.append("".join(piece).encode(encoding))
    return out


def _per_document(role: str) -> Callable[[bytes], str]:
    """role -> bytes of one document to its text."""
    if role == "hanpipe":
        engine = Pipeline(clean=[]).engines["decode"][0]
        return lambda data: engine(data, encoding=None).text
    if role == "hanpipe+clean":
        return lambda data: hanpipe.decode(data).text
    charset_normalizer = pytest.importorskip("charset_normalizer")

    def peer(data: bytes) -> str:
        best = charset_normalizer.from_bytes(data).best()
        return "" if best is None else str(best)

    return peer


@pytest.mark.parametrize("role", ["hanpipe", "hanpipe+clean", "charset-normalizer"])
@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "big5"])
@pytest.mark.parametrize("size", [1024, 200], ids=["1KB", "200B"])
def test_decode_per_document(
    measure: Any, seed_texts: dict[str, str], role: str, encoding: str, size: int, benchmark: Any
) -> None:
    """Detection and decoding one short document at a time: the fixed cost per document."""
    benchmark.group = f"decode-doc-{'1KB' if size == 1024 else f'{size}B'}-{encoding}"
    docs = documents(seed_texts, encoding, size)
    decode = _per_document(role)

    def run() -> list[str]:
        return [decode(data) for data in docs]

    # both of ours count as "hanpipe": the ratio to the peer is taken from the engine alone
    texts = measure(
        run, nbytes=sum(len(d) for d in docs), role=role if role.startswith("charset") else "hanpipe", rounds=25
    )
    if role == "hanpipe":  # detection must be right for the timing to mean anything
        assert texts == [d.decode(encoding) for d in docs]
    if getattr(benchmark, "stats", None) is not None:
        benchmark.extra_info["us_per_doc"] = round(benchmark.stats.stats.median / len(docs) * 1e6, 2)
    benchmark.extra_info["docs"] = len(docs)


@pytest.mark.parametrize("role", ["hanpipe", "ftfy"])
def test_decode_clean(measure: Any, corpus_mixed: str, role: str, benchmark: Any) -> None:
    benchmark.group = "clean-mixed"
    if role == "hanpipe":
        pipeline = Pipeline(convert=None, segment=None, extract=None)

        def fn(text: str) -> str:
            return pipeline.decode(text).text
    else:
        ftfy = pytest.importorskip("ftfy")
        fn = ftfy.fix_text
    fn(corpus_mixed[:10_000])  # warm up
    out = measure(fn, corpus_mixed, nbytes=len(corpus_mixed.encode("utf-8")), role=role)
    assert isinstance(out, str) and out


@pytest.mark.parametrize("role", ["hanpipe", "python-codecs"])
def test_decode_detect_scoring(measure: Any, seed_texts: dict[str, str], role: str, benchmark: Any) -> None:
    """Does the numba scan pay? The kernels beside decoding with each codec and scoring with numpy."""
    import numpy as np

    from hanpipe._charmodel import ASTRAL_SCORE, char_scores
    from hanpipe.builtin.decode.auto import _scores

    benchmark.group = "detect-scoring-64-bytes"
    datas = [data for _, data in inputs(seed_texts, 64)]
    table = char_scores()
    codecs = ("utf-8", "gb18030", "big5hkscs", "utf-16-le", "utf-16-be")

    def by_codecs(data: bytes) -> list[float]:
        out = []
        for codec in codecs:
            text = data.decode(codec, errors="replace")
            cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
            bmp = cps < 0x10000
            out.append(float(table[cps[bmp]].sum()) + ASTRAL_SCORE * int((~bmp).sum()))
        return out

    fn = (lambda: [_scores(d) for d in datas]) if role == "hanpipe" else (lambda: [by_codecs(d) for d in datas])
    measure(fn, nbytes=sum(len(d) for d in datas), role=role)
