"""Traditional→Simplified conversion beside the official OpenCC binding, zhconv-rs and str.translate.

One group per corpus. ``str.translate`` uses OpenCC's character table
(``TSCharacters``), so it is fast but wrong wherever a phrase decides. The
``long-line`` group converts the Traditional corpus as one line, at two
sizes: the MB/s of the two should match (linear time). The ``per-call``
groups call the converter once per string of 200 bytes or 1 KB, where a
fixed cost per call shows (the ``per-call-api`` groups call
``hanpipe.convert``, the others the engine); the ``documents`` groups convert documents of
about 200 bytes with the batch form, one at a time, and with OpenCC. The
``direction`` groups run every OpenCC configuration, hanpipe beside the
official binding, on 100,000 characters of the Simplified corpus made into
that direction's input script by the binding.
"""

from __future__ import annotations

from typing import Any

import pytest

from hanpipe.builtin.convert._data import VARIANTS, opencc_share_dir, read_dict
from hanpipe.builtin.convert.opencc import OpenCCConverter


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


@pytest.fixture(scope="module")
def char_table() -> dict[int, str]:
    table = read_dict(opencc_share_dir(), "TSCharacters.ocd2")
    return {ord(k): v for k, v in table.items() if len(k) == 1}


def _engines(variant: str, char_table: dict[int, str]) -> list[tuple[str, Any]]:
    """(role, convert function) of hanpipe and each installed peer."""
    ours = OpenCCConverter(variant=variant)
    out: list[tuple[str, Any]] = [("hanpipe", ours)]
    try:
        import opencc

        out.append(("opencc", opencc.OpenCC(variant).convert))
    except ImportError:
        pass
    try:
        import zhconv_rs

        out.append(("zhconv-rs", lambda text: zhconv_rs.zhconv(text, "zh-hans")))
    except ImportError:
        pass
    if variant == "t2s":
        out.append(("str.translate", lambda text: text.translate(char_table)))
    return out


ROLES = ["hanpipe", "opencc", "zhconv-rs", "str.translate"]


def _run(measure: Any, text: str, variant: str, role: str, char_table: dict[int, str]) -> None:
    engines = dict(_engines(variant, char_table))
    if role not in engines:
        pytest.skip(f"{role} is not installed or has no {variant}")
    fn = engines[role]
    fn(text)  # warm up: JIT, caches
    out = measure(fn, text, nbytes=_size(text), role=role)
    assert isinstance(out, str) and len(out) > 0


@pytest.mark.benchmark(group="convert-traditional")
@pytest.mark.parametrize("role", ROLES)
def test_convert_traditional(measure: Any, corpus_traditional: str, char_table: dict[int, str], role: str) -> None:
    _run(measure, corpus_traditional, "t2s", role, char_table)


@pytest.mark.benchmark(group="convert-simplified")
@pytest.mark.parametrize("role", ROLES)
def test_convert_simplified(measure: Any, corpus_simplified: str, char_table: dict[int, str], role: str) -> None:
    _run(measure, corpus_simplified, "t2s", role, char_table)


@pytest.mark.benchmark(group="convert-traditional-tw2sp")
@pytest.mark.parametrize("role", ["hanpipe", "opencc"])
def test_convert_traditional_tw2sp(
    measure: Any, corpus_traditional: str, char_table: dict[int, str], role: str
) -> None:
    _run(measure, corpus_traditional, "tw2sp", role, char_table)


@pytest.mark.benchmark(group="convert-long-line")
@pytest.mark.parametrize("megabytes", [25, 50])
def test_convert_long_line(measure: Any, corpus_traditional: str, megabytes: int) -> None:
    """One line of ``megabytes`` MB: throughput stays flat as the line grows."""
    line = corpus_traditional.replace("\n", "，")
    line = line * max(1, -(-megabytes * 1_000_000 // _size(line)))
    engine = OpenCCConverter()
    engine(line[:100_000])
    out = measure(engine, line, nbytes=_size(line), role="hanpipe", rounds=1)
    assert len(out) == len(line)


PER_CALL_SIZES = (200, 1024)


def _pieces(text: str, size: int, count: int | None = None) -> list[str]:
    """``text`` cut into pieces of at most ``size`` bytes of UTF-8 (between characters), the first ``count`` of them."""
    out: list[str] = []
    start = used = 0
    for i, ch in enumerate(text):
        n = len(ch.encode("utf-8"))
        if used + n > size and i > start:
            out.append(text[start:i])
            if len(out) == count:
                return out
            start, used = i, 0
        used += n
    if start < len(text):
        out.append(text[start:])
    return out[:count]


@pytest.mark.parametrize("entry", ["engine", "api"])
@pytest.mark.parametrize("size", PER_CALL_SIZES)
@pytest.mark.parametrize("corpus", ["traditional", "simplified"])
@pytest.mark.parametrize("role", ["hanpipe", "opencc"])
def test_convert_one_string_per_call(
    measure: Any, benchmark: Any, request: pytest.FixtureRequest, corpus: str, role: str, size: int, entry: str
) -> None:
    """One call per short string, as most people call OpenCC: the engine's ``__call__`` (``entry="engine"``) or
    ``hanpipe.convert`` (``"api"``, its own groups) beside ``OpenCC.convert``."""
    import hanpipe

    benchmark.group = f"convert-per-call{'-api' if entry == 'api' else ''}-{corpus}-{size}B"
    pieces = _pieces(request.getfixturevalue(f"corpus_{corpus}"), size, count=500)
    engines = dict(_engines("t2s", {}))
    if role not in engines:
        pytest.skip(f"{role} is not installed")
    fn = hanpipe.convert if role == "hanpipe" and entry == "api" else engines[role]
    fn(pieces[0])

    def run() -> int:
        return sum(len(fn(p)) for p in pieces)

    assert measure(run, nbytes=sum(_size(p) for p in pieces), role=role, rounds=5) > 0


def _documents(text: str, size: int = 250) -> list[str]:
    """The lines of ``text`` (longer ones cut) grouped into documents of at most ``size`` bytes, 200 on average."""
    docs: list[str] = []
    lines: list[str] = []
    used = 0
    for line in text.splitlines():
        for piece in _pieces(line, size) if line.strip() else []:
            n = _size(piece) + 1
            if lines and used + n > size:
                docs.append("\n".join(lines))
                lines, used = [], 0
            lines.append(piece)
            used += n
    if lines:
        docs.append("\n".join(lines))
    return docs


@pytest.mark.parametrize("corpus", ["traditional", "simplified"])
@pytest.mark.parametrize("way", ["batch", "per-document", "opencc"])
def test_convert_short_documents(
    measure: Any, benchmark: Any, request: pytest.FixtureRequest, corpus: str, way: str
) -> None:
    """Documents of about 200 bytes: ``convert_batch`` over all of them, ``convert`` on each, OpenCC on each text."""
    from hanpipe import Document
    from hanpipe.batch import Batch

    benchmark.group = f"convert-documents-{corpus}-200B"
    texts = _documents(request.getfixturevalue(f"corpus_{corpus}")[:300_000])
    docs = [Document.from_text(t) for t in texts]
    engine = OpenCCConverter()
    if way == "batch":
        out = measure(lambda: engine.convert_batch(Batch(docs)), nbytes=sum(_size(t) for t in texts), role="hanpipe")
    elif way == "per-document":
        out = measure(lambda: [engine.convert(d) for d in docs], nbytes=sum(_size(t) for t in texts), role="hanpipe")
    else:
        engines = dict(_engines("t2s", {}))
        if "opencc" not in engines:
            pytest.skip("opencc is not installed")
        peer = engines["opencc"]
        out = measure(lambda: [peer(t) for t in texts], nbytes=sum(_size(t) for t in texts), role="opencc")
    assert len(out) == len(docs)


#: variant -> the official configurations that make its input from Simplified text
_MAKE_INPUT = {
    **{v: () for v in ("s2t", "s2tw", "s2twp", "s2hk", "s2hkp")},
    **{v: ("s2t",) for v in ("t2s", "t2tw", "t2hk", "t2jp")},
    **{v: ("s2tw",) for v in ("tw2s", "tw2t")},
    **{v: ("s2hk",) for v in ("hk2s", "hk2t")},
    "tw2sp": ("s2twp",),
    "hk2sp": ("s2hkp",),
    "jp2t": ("s2t", "t2jp"),
}


@pytest.fixture(scope="module")
def direction_inputs(corpus_simplified: str) -> dict[str, str]:
    """Each variant's input: 100,000 characters of the Simplified corpus in its source script."""
    import opencc

    base = corpus_simplified[:100_000]
    out = {}
    for variant in VARIANTS:
        text = base
        for config in _MAKE_INPUT[variant]:
            text = opencc.OpenCC(config).convert(text)
        out[variant] = text
    return out


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("role", ["hanpipe", "opencc"])
def test_convert_direction(
    measure: Any, benchmark: Any, direction_inputs: dict[str, str], variant: str, role: str
) -> None:
    """One direction on about 300 KB: hanpipe's converter beside ``opencc.OpenCC(variant).convert``."""
    benchmark.group = f"convert-direction-{variant}"
    text = direction_inputs[variant]
    if role == "hanpipe":
        fn: Any = OpenCCConverter(variant=variant)
    else:
        import opencc

        fn = opencc.OpenCC(variant).convert
    fn(text[:1000])
    out = measure(fn, text, nbytes=_size(text), role=role)
    assert len(out) > 0
