"""Traditional→Simplified conversion beside the official OpenCC binding, zhconv-rs and str.translate.

One group per corpus. ``str.translate`` uses OpenCC's character table
(``TSCharacters``), so it is fast but wrong wherever a phrase decides. The
``long-line`` group converts the Traditional corpus as one line, at two
sizes: the MB/s of the two should match (linear time).
"""

from __future__ import annotations

from typing import Any

import pytest

from hanpipe.builtin.convert._data import opencc_share_dir, read_dict
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
