"""Hostile inputs: every stage must take time in proportion to its input.

For each stage — ``detect`` (the ``auto`` decoder on bytes), ``clean`` (every
default clean-up pass, on text), ``convert``, ``segment`` and ``extract``
(the default extractors) — and each crafted input below, the input is timed
at 1, 2, 4 and 8 MB of UTF-8. ``extra_info["per_doubling"]`` holds the time
at a size over the time at half that size: about 2 is linear, 4 quadratic.
The summary at the end of the session (``benchmarks/conftest.py``) prints
every ratio.

A call on a small input first compiles the kernels and fills the caches.
Each size then runs three times after a warm-up, or once if the size before
it took more than half of ``SLOW`` (a quadratic stage at 8 MB would run for
hours). With ``--benchmark-disable`` (the tests session) the sizes are 8,
16, 32 and 64 KB, so the file checks in seconds that every stage takes every
input.
"""

from __future__ import annotations

import codecs
import random
from collections.abc import Callable
from typing import Any

import pytest

from benchmarks.corpus import seed_texts
from hanpipe.builtin.decode.auto import AutoDecoder
from hanpipe.document import Document
from hanpipe.pipeline import Pipeline

STEPS = (1, 2, 4, 8)
MB = 1_000_000
#: the unit of the sizes when the benchmark is disabled (tests session)
SMOKE_UNIT = 8_000
#: seconds: a size expected to take longer runs once, without a warm-up
SLOW = 1.0

_SEED_HAN = "".join(ch for text in seed_texts().values() for ch in text if "\u4e00" <= ch <= "\u9fff")


def _cut(text: str, n: int) -> str:
    """The longest prefix of ``text`` that is at most ``n`` bytes of UTF-8."""
    return text.encode("utf-8")[:n].decode("utf-8", errors="ignore")


def _cycle(unit: str) -> Callable[[int], str]:
    """``unit`` repeated to ``n`` bytes of UTF-8."""
    return lambda n: _cut(unit * (n // len(unit.encode("utf-8")) + 1), n)


def _garbled(encode: str, decode: str) -> Callable[[int], str]:
    """The seeds' Han characters (no ASCII, so one long run) encoded one way, decoded another.

    The Han text is cut before it is garbled, so every size is garbled the same way (cutting
    the garbled text could split the bytes of a character, and the run would not be repaired).
    """
    unit = _SEED_HAN.encode(encode).decode(decode, errors="replace")
    per_char = len(unit.encode("utf-8")) / len(_SEED_HAN)

    def make(n: int) -> str:
        chars = max(2, int(n / per_char) // 2 * 2)
        han = _SEED_HAN * (chars // len(_SEED_HAN) + 1)
        return han[:chars].encode(encode).decode(decode, errors="replace")

    return make


def _crawled_gbk(n: int) -> str:
    """The seeds' Han characters in GBK as a crawler reads them: UTF-8 where valid, Latin-1 byte by byte elsewhere.

    A sixteenth of the size the other inputs have: the window-by-window repair reads such pages at about
    40 KB/s, and what this row checks is the time per doubling.
    """
    chars = max(2, n // 48)
    han = (_SEED_HAN * (chars // len(_SEED_HAN) + 1))[:chars]
    return han.encode("gbk", errors="ignore").decode("utf-8", errors="hanpipe-bench-latin1")


codecs.register_error("hanpipe-bench-latin1", lambda exc: (chr(exc.object[exc.start]), exc.start + 1))  # type: ignore[attr-defined]


def _random_han(n: int) -> str:
    rng = random.Random(n)
    return "".join(map(chr, (rng.randrange(0x4E00, 0x9FA6) for _ in range(n // 3))))


#: input name -> (make text of about n UTF-8 bytes)
INPUTS: dict[str, Callable[[int], str]] = {
    "mojibake-utf8-as-gbk": _garbled("utf-8", "gb18030"),
    "mojibake-utf8-as-gbk-words": _cycle("基础模型".encode().decode("gb18030") + "，"),
    "mojibake-utf8-as-latin1": _garbled("utf-8", "latin-1"),
    "mojibake-gbk-as-latin1": _garbled("gb18030", "latin-1"),
    "mojibake-gbk-crawled": _crawled_gbk,
    # GBK text one byte out of step (為's lead lost), an ASCII trail byte bringing it back each time
    "byteshift-runs": _cycle("樯钊氲礁餍懈鳂I"),
    # the same without the ASCII byte: one run to the end, rare characters throughout
    "byteshift-one-run": _cycle("樯钊氲礁餍懈鳂"),
    "yi-run": _cycle("亿"),
    "yi-after-one": lambda n: "一" + _cycle("亿")(n - 3),
    "digits-commas": lambda n: "1" + _cycle(",234")(n - 1),
    "digits-dashes": lambda n: "1" + _cycle("-2")(n - 1),
    "open-parens": _cycle("("),
    "pinyin-annotations": _cycle("字(zì)"),
    "a-at": _cycle("a@"),
    "at-signs": _cycle("@"),
    "long-url": lambda n: "http://example.com/" + _cycle("a/b")(n - 19),
    "entity-starts": _cycle("&#"),
    "one-character": _cycle("字"),
    "random-han": _random_han,
}
STAGES = ("detect", "clean", "convert", "segment", "extract")


def _stage(stage: str) -> Callable[[str], Any]:
    if stage == "detect":
        detector = AutoDecoder()
        return lambda text: detector.decode(text.encode("utf-8"), encoding=None)
    if stage == "clean":
        return Pipeline(convert=None, segment=None, extract=None, entry_points=False).decode
    off = {"clean": None, "convert": None, "segment": None, "extract": None}
    del off[stage]
    pipeline = Pipeline(entry_points=False, **off)
    run = getattr(pipeline, stage)
    return lambda text: run(Document.from_text(text))


#: (stage, input) -> {step: seconds}, filled as the sizes run in order
_TIMES: dict[tuple[str, str], dict[int, float]] = {}


@pytest.fixture(scope="module")
def stages() -> dict[str, Callable[[str], Any]]:
    return {stage: _stage(stage) for stage in STAGES}


@pytest.mark.parametrize("step", STEPS, ids=[f"x{s}" for s in STEPS])
@pytest.mark.parametrize("name", list(INPUTS))
@pytest.mark.parametrize("stage", STAGES)
def test_hostile(benchmark: Any, stages: dict[str, Callable[[str], Any]], stage: str, name: str, step: int) -> None:
    fn = stages[stage]
    unit = SMOKE_UNIT if benchmark.disabled else MB
    text = INPUTS[name](step * unit)
    fn(INPUTS[name](2_000))  # compile kernels, fill caches
    benchmark.group = f"hostile-{stage}-{name}"
    benchmark.extra_info.update(bytes=len(text.encode("utf-8")), role="hanpipe", hostile=stage, input=name, step=step)
    result = benchmark.pedantic(fn, args=(text,), iterations=1, **_rounds(stage, name, step))
    assert result is not None
    _record(benchmark, stage, name, step)


def _rounds(stage: str, name: str, step: int) -> dict[str, int]:
    """Three rounds after a warm-up, unless the size before took so long that one is plenty."""
    before = _TIMES.get((stage, name), {}).get(step // 2)
    if before is not None and 2 * before > SLOW:
        return {"rounds": 1, "warmup_rounds": 0}
    return {"rounds": 3, "warmup_rounds": 1}


def _record(benchmark: Any, stage: str, name: str, step: int) -> None:
    """Keep the time of this size; store the ratio to the size before it."""
    if benchmark.stats is None:  # disabled: nothing was timed
        return
    times = _TIMES.setdefault((stage, name), {})
    times[step] = benchmark.stats.stats.median
    if step // 2 in times:
        benchmark.extra_info["per_doubling"] = round(times[step] / times[step // 2], 2)


#: byte inputs of the detector alone: what is not text
BINARY: dict[str, Callable[[int], bytes]] = {
    "random-bytes": lambda n: random.Random(n).randbytes(n),
    "ff-fill": lambda n: b"\xff" * n,
}


@pytest.mark.parametrize("step", STEPS, ids=[f"x{s}" for s in STEPS])
@pytest.mark.parametrize("name", list(BINARY))
def test_hostile_detect_binary(benchmark: Any, name: str, step: int) -> None:
    detector = AutoDecoder()
    unit = SMOKE_UNIT if benchmark.disabled else MB
    data = BINARY[name](step * unit)
    detector.decode(BINARY[name](2_000), encoding=None)
    benchmark.group = f"hostile-detect-{name}"
    benchmark.extra_info.update(bytes=len(data), role="hanpipe", hostile="detect", input=name, step=step)
    doc = benchmark.pedantic(
        detector.decode, args=(data,), kwargs={"encoding": None}, iterations=1, **_rounds("detect", name, step)
    )
    assert doc.meta.get("binary") is True
    _record(benchmark, "detect", name, step)
