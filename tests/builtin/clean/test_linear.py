"""Every clean-up pass does work in proportion to its input, on hostile inputs too.

A test cannot assert on time, so these count work instead: every line of
hanpipe's own Python run (loops show up there), and every character a
module-level regular expression of the decode stage reads (the C-level scans
that line counts miss: a pattern matched again from many positions of one
long run was the quadratic part of the mojibake pass). The patterns are
written without backtracking, so a match reads what it matches plus one
character, and a scan (``finditer``, ``findall``, ``search``) reads the rest
of the text. Work per input character must not grow with the input: over an
eight-fold size increase it may rise by 25% (plus ``ALLOWANCE``) at most,
where a quadratic pass grows eight-fold. What runs inside numpy, numba or a
codec is not counted: those calls take whole arrays once per pass, and the
lines that call them are counted. ``benchmarks/test_hostile.py`` times the
same shapes, and the other stages, at 1 to 8 MB.
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hanpipe
from hanpipe import Document
from hanpipe._text import code_points
from hanpipe.batch import Batch
from hanpipe.builtin.clean import ENGINES as CLEAN_ENGINES
from hanpipe.builtin.clean import cleaners, damage, mojibake, pinyin
from tests.reference.decode_mojibake import crawl, garble

CLEANERS = tuple(ref.load() for ref in CLEAN_ENGINES)

HANPIPE_DIR = str(Path(hanpipe.__file__).resolve().parent)
DECODE_MODULES = (mojibake, cleaners, damage, pinyin)
SIZES = (2_000, 4_000, 8_000, 16_000)
#: work per character at the largest size over work per character at the smallest
MAX_GROWTH = 1.25
#: plus this much per character: passes with nothing to do count almost nothing (numpy's work is
#: not counted), while a scan repeated from every k-th position of a run adds n / 2k per character
ALLOWANCE = 0.5


class _CountingPattern:
    """A compiled pattern that adds the characters each call reads to ``tally[0]``."""

    def __init__(self, pattern: Any, tally: list[int]) -> None:
        self._pattern = pattern
        self._tally = tally

    def _read(self, string: str, pos: int) -> None:
        self._tally[0] += len(string) - pos + 1

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        m = self._pattern.match(string, pos, endpos)
        self._tally[0] += (m.end() - pos if m else 0) + 1
        return m

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[Any]:
        self._read(string, pos)
        return self._pattern.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        self._read(string, pos)
        return self._pattern.findall(string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        self._read(string, pos)
        return self._pattern.search(string, pos, endpos)

    def __getattr__(self, name: str) -> Any:
        raise AttributeError(f"counting pattern: {name} is not counted; add it to the test")


def _patterns(module: ModuleType) -> list[str]:
    return [name for name, value in vars(module).items() if isinstance(value, re.Pattern)]


@contextmanager
def counting() -> Iterator[list[int]]:
    """Count lines run in hanpipe's modules and characters read by the decode stage's patterns."""
    tally = [0]
    with pytest.MonkeyPatch.context() as mp:
        for module in DECODE_MODULES:
            for name in _patterns(module):
                mp.setattr(module, name, _CountingPattern(getattr(module, name), tally))
        with tracing(tally):
            yield tally


@contextmanager
def tracing(tally: list[int]) -> Iterator[None]:
    """Add one to ``tally[0]`` for every line run in hanpipe's own modules."""

    def local(frame: FrameType, event: str, arg: object) -> Callable[..., Any] | None:
        if event == "line":
            tally[0] += 1
        return local

    def trace(frame: FrameType, event: str, arg: object) -> Callable[..., Any] | None:
        return local if frame.f_code.co_filename.startswith(HANPIPE_DIR) else None

    old = sys.gettrace()
    sys.settrace(trace)
    try:
        yield
    finally:
        sys.settrace(old)


def work(fn: Callable[[str], object], text: str) -> int:
    with counting() as tally:
        fn(text)
    return tally[0]


def assert_linear(fn: Callable[[str], object], make: Callable[[int], str]) -> None:
    fn(make(100))  # first use builds tables and compiles kernels: not part of the count
    per_char = []
    for n in SIZES:
        text = make(n)
        assert len(text) >= n * 0.9
        per_char.append(work(fn, text) / len(text))
    assert per_char[-1] <= MAX_GROWTH * per_char[0] + ALLOWANCE, [round(x, 2) for x in per_char]


def cycle(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


RNG_HAN = "".join(chr(c) for c in random.Random(7).sample(range(0x4E00, 0x9FA6), 4000))
COMMON = (
    "的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生"
    "自会那后能对着事其里所去行过家十用发天"
)


def han(n: int) -> str:
    return (RNG_HAN * (n // len(RNG_HAN) + 1))[:n]


def utf8_as_gbk_with_gaps(n: int) -> str:
    """UTF-8 Han read as GB18030 with replacement characters: fragments of every length, no ASCII."""
    return (COMMON * (n // 10 + 1)).encode().decode("gb18030", "replace")[:n]


#: hostile inputs of the mojibake pass: long runs without ASCII, an anchor every few characters
MOJIBAKE_INPUTS = {
    "utf8-as-gbk-words": cycle((garble("基础模型", "utf8-as-gbk") or "") + "，"),
    "utf8-as-gbk-gaps": utf8_as_gbk_with_gaps,
    "utf8-as-latin1-run": lambda n: garble(COMMON * (n // 100 + 1), "utf8-as-latin1")[:n],  # type: ignore[index]
    "gbk-as-latin1-run": lambda n: garble(COMMON * (n // 100 + 1), "gbk-as-latin1")[:n],  # type: ignore[index]
    "gbk-lead-repeated": cycle("鍩"),
    "random-han": han,
    # a crawler's reading of GBK: Latin-1 where UTF-8 is not valid, a window around every sign
    "gbk-crawled-run": lambda n: crawl(COMMON.encode("gbk") * (n // 50 + 1))[:n],
    "big5-crawled-run": lambda n: crawl("網絡時說這們來會發經國學".encode("big5") * (n // 10 + 1))[:n],
    "latin1-sign-between-han": cycle("é大模型"),
    "two-byte-utf8-run": cycle("ģé"),
    # byte-shifted GBK: runs that end in an ASCII trail byte, and one run to the end
    "byteshift-runs": cycle("樯钊氲礁餍懈鳂I"),
    "byteshift-one-run": cycle("樯钊氲礁餍懈鳂"),
    "rare-stretches-in-one-run": cycle("蹶的的的"),
}


@pytest.mark.parametrize("shape", list(MOJIBAKE_INPUTS))
def test_mojibake_work_grows_linearly(shape: str) -> None:
    cleaner = mojibake.MojibakeCleaner()
    assert_linear(lambda t: cleaner.clean(Document.from_text(t)), MOJIBAKE_INPUTS[shape])


#: hostile inputs of the other passes: one per thing a pass looks for, packed end to end
CLEAN_INPUTS = {
    "entity-starts": cycle("&#"),
    "entities": cycle("&#xff0c;&amp&nbsp;"),
    "open-parens": cycle("("),
    "pinyin-after-han": cycle("字(zì)"),
    "question-marks": cycle("規?臻g"),
    "replacement-chars": cycle("\ufffd字"),
    "rare-next-to-han": cycle("峁┓⻊?"),
    "spaces-and-controls": cycle("\xa0\u200b\x01\u3000\r\n\u2028"),
    "full-width": cycle("ＡＢ１２，"),
    "at-signs": cycle("a@"),
    "one-character": cycle("亿"),
}


@pytest.mark.parametrize("shape", list(CLEAN_INPUTS))
@pytest.mark.parametrize("cls", CLEANERS, ids=lambda cls: cls.name)
def test_every_pass_work_grows_linearly(cls: type, shape: str) -> None:
    cleaner = cls()
    assert_linear(lambda t: cleaner.clean(Document.from_text(t)), CLEAN_INPUTS[shape])


def test_counting_sees_a_quadratic_scan() -> None:
    """The counter itself: matching a run's pattern from every position of the run is caught."""

    def rescan(text: str) -> None:
        for p in range(0, len(text), 4):
            mojibake._NON_ASCII_RUN.match(text, p)

    with pytest.raises(AssertionError):
        assert_linear(rescan, han)


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from(["鍩", "虹", "a", "@", "~", " ", "，", "\U0001f600", "\ud800", "é"]), max_size=40))
def test_mojibake_run_ends_are_where_the_pattern_match_ends(text: str) -> None:
    """The run lookup that replaced matching at every anchor gives the pattern's answer at every position."""
    ends = mojibake._RunEnds(text, code_points(text))
    for start in range(len(text)):
        m = mojibake._NON_ASCII_RUN.match(text, start)
        assert ends(start) == (m.end() if m else start + 1), start


def in_batch(cleaner: Any, size: int) -> Callable[[str], object]:
    """``cleaner``'s batch form over ``text`` cut into documents of ``size`` characters."""
    return lambda t: cleaner.clean_batch(Batch([Document.from_text(t[i : i + size]) for i in range(0, len(t), size)]))


@pytest.mark.parametrize("size", [3, 40])
@pytest.mark.parametrize("shape", list(CLEAN_INPUTS))
@pytest.mark.parametrize("cls", CLEANERS, ids=lambda cls: cls.name)
def test_every_batch_form_work_grows_linearly(cls: type, shape: str, size: int) -> None:
    assert_linear(in_batch(cls(), size), CLEAN_INPUTS[shape])


@pytest.mark.parametrize("size", [3, 40])
@pytest.mark.parametrize("shape", list(MOJIBAKE_INPUTS))
def test_mojibake_batch_form_work_grows_linearly(shape: str, size: int) -> None:
    assert_linear(in_batch(mojibake.MojibakeCleaner(), size), MOJIBAKE_INPUTS[shape])
