"""Numerals in running text: the forms cn2an reads (一千零十, 负一, 廿三, 卅, 一百点123), 成 as tenths,
words that begin with a numeral character but are no number, and linear work on hostile text."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanpipe.document import Document
from hanpipe.errors import InputError
from hanpipe.numbers import parse, to_chinese
from hanpipe.pipeline import Pipeline

NUMERIC = ["number", "percent", "money", "quantity", "date", "time"]
CN = "零一二三四五六七八九"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(clean=None, convert=None, segment=None, extract=NUMERIC, entry_points=False)


def read(pipeline: Pipeline, text: str) -> list[tuple]:
    return [(e.kind, e.text, e.value) for e in pipeline.extract(Document.from_text(text)).entities]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # numerals cn2an reads, in sentences
        ("共有一千零十人。", [("quantity", "一千零十人", 1010)]),
        ("编号一千零十一，", [("number", "一千零十一", 1011)]),
        ("一百十一", [("number", "一百十一", 111)]),
        ("温度为负一，", [("number", "负一", -1)]),
        ("停在负一层", [("quantity", "负一层", -1)]),
        ("得分负十", [("number", "负十", -10)]),
        ("廿三，", [("number", "廿三", 23)]),
        ("已有卅年", [("quantity", "卅年", 30)]),
        ("一百廿个", [("quantity", "一百廿个", 120)]),
        ("读数为一百点123，", [("number", "一百点123", 100.123)]),
        ("一百点五万人", [("quantity", "一百点五万人", 1_005_000)]),
        # 成 as tenths
        ("有三成的人", [("percent", "三成", 0.3)]),
        ("七八成新", [("percent", "七八成", 0.7)]),
        ("两三成", [("percent", "两三成", 0.2)]),
        ("增长一成", [("percent", "一成", 0.1)]),
        ("一成以上", [("percent", "一成", 0.1)]),
        ("近三成", [("percent", "近三成", 0.3)]),
        ("十成把握", [("percent", "十成", 1)]),
        ("约3成", [("percent", "约3成", 0.3)]),
        ("7到8成", [("percent", "7到8成", 0.7)]),
    ],
)
def test_numerals_text_reads(pipeline: Pipeline, text: str, want: list) -> None:
    assert read(pipeline, text) == want


@pytest.mark.parametrize(
    "text",
    [
        # words that begin with a numeral character
        "零售",
        "一律",
        "万一",
        "千万别",
        "千万不要",
        "一些",
        "一样",
        "万分感谢",
        "十分重要",
        "一成不变",
        "一定",
        "一切",
        "万万没想到",
        "百分百",
        # 负 as a verb, 胜负
        "负一定责任",
        "负一切责任",
        "胜负十分明显",
        "负一点责任",
        # a lone character that only a whole string reads
        "十",
        "卅",
        "廿",
        "一",
        # 十 with 点 is a clock time, not 10.5 or 10.30
        "十点三十分",
    ],
)
def test_numerals_text_not_numbers(pipeline: Pipeline, text: str) -> None:
    assert [e for e in read(pipeline, text) if e[0] != "time"] == []


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # 成 that starts a word, or 八成 as "most likely": no percent
        ("三成员", {"percent"}),
        ("他八成是忘了", {"percent"}),
        ("五成熟", {"percent"}),
        ("3.5成", {"percent"}),
        ("30成", {"percent"}),
        ("负三成", {"percent"}),
    ],
)
def test_numerals_text_cheng_not_tenths(pipeline: Pipeline, text: str, kinds: set) -> None:
    assert not [e for e in read(pipeline, text) if e[0] in kinds]


def test_numerals_text_whole_string_reads_lone_characters() -> None:
    """What running text leaves alone, a whole string given to parse() reads."""
    for text, value in (("十", 10), ("卅", 30), ("一", 1), ("万", 10_000), ("负一", -1)):
        assert parse(text) == value


# -- hypothesis ----------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.integers(11, 10**15), st.sampled_from(["共", "是", "为", "，"]), st.sampled_from(["，", "。", " ", "的"]))
def test_numerals_text_embedded_reads_as_parse(n: int, before: str, after: str) -> None:
    """A numeral of two characters or more reads the same in a sentence as whole, from the same kernel."""
    pipeline = Pipeline(clean=None, convert=None, segment=None, extract=["number"], entry_points=False)
    for written in (to_chinese(n), to_chinese(n, "up"), to_chinese(-n)):
        ents = pipeline.extract(Document.from_text(f"{before}{written}{after}")).entities
        assert [(e.text, e.value) for e in ents] == [(written, n if written[0] != "负" else -n)]
        assert parse(written, "strict") == (n if written[0] != "负" else -n)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 9), st.integers(1, 9))
def test_numerals_text_tenths(tens: int, units: int) -> None:
    """X成 is X/10 (two forms: 三成 and 3成); 二十X and 廿X read the same."""
    pipeline = Pipeline(clean=None, convert=None, segment=None, extract=NUMERIC, entry_points=False)
    digit = "两" if tens == 2 else CN[tens]
    for written in (f"{digit}成", f"{tens}成"):
        ents = list(pipeline.extract(Document.from_text(f"增长了{written}，")).entities)
        assert [(e.kind, e.text, e.value) for e in ents] == [("percent", written, tens / 10)]
    for written in (f"廿{CN[units]}", f"卅{CN[units]}"):
        want = (20 if written[0] == "廿" else 30) + units
        ents = list(pipeline.extract(Document.from_text(f"第{written}，共{written}，")).entities)
        assert [(e.text, e.value) for e in ents] == [(written, want)]
        assert parse(written, "strict") == parse(to_chinese(want), "strict") == want


# -- linear work -------------------------------------------------------------------------

HOSTILE = {
    "zero_ten": "一千零十",
    "zero_ten_run": "一零十零十零十零",
    "neg_lone": "负一负",
    "neg_word": "负一定",
    "tens": "廿卅卌廿",
    "hundred_point": "一百点1",
    "hundred_point_clock": "一百点123分",
    "point_run": "一百点一二三四五六七八九",
    "tenths": "七八成三成一成",
    "hundred_ten": "一百十一百十",
}
#: work per character at 8 times the size over work per character at the smallest size
MAX_GROWTH = 1.25
_COUNTER = r"""
import json, sys
import numpy as np
from hanpipe.builtin.extract import _kernels as K
from hanpipe._text import code_points

units, sizes = json.loads(sys.argv[1])
cls, val, flg = K.tables()
out = {}
for name, unit in units.items():
    counts = []
    for n in sizes:
        text = (unit * (n // len(unit) + 1))[:n]
        cps = code_points(text)
        rows = np.zeros((n + 1, K.NFIELDS), dtype=np.int64)
        lines = [0]
        def tracer(frame, event, arg):
            if frame.f_code.co_filename == K.__file__:
                lines[0] += 1
                return tracer
            return None
        sys.settrace(tracer)
        K.find_numbers(cps, 0, cls, val, flg, rows, np.zeros(n // 2 + 1, dtype=np.int64), 0)
        sys.settrace(None)
        counts.append(lines[0] / n)
    out[name] = counts
print(json.dumps(out))
"""


def test_numerals_text_hostile_linear() -> None:
    """The scan's work per character does not grow with hostile runs of the new forms.

    The kernels run interpreted (``NUMBA_DISABLE_JIT``) in a child process, every
    line of ``_kernels.py`` counted, at 500 and 4000 characters.
    """
    sizes = [500, 4000]
    env = dict(os.environ, NUMBA_DISABLE_JIT="1")
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run(
        [sys.executable, "-c", _COUNTER, json.dumps([HOSTILE, sizes])],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        check=True,
        timeout=600,
    )
    counts = json.loads(done.stdout)
    for name, (small, large) in counts.items():
        assert large <= small * MAX_GROWTH + 1, (name, small, large)


def test_numerals_parse_hostile_linear() -> None:
    """parse() on long strings: one pass (a quadratic one would not finish in the test's time)."""
    for text in ("一" * 100_000, "一百点" + "1" * 100_000, "1" * 100_000, "负" * 100_000, "一千零十" * 25_000):
        with pytest.raises(InputError):
            parse(text)
    assert parse("一" * 64) == int("1" * 64)
    with pytest.raises(InputError):
        to_chinese(10**100_000 if sys.get_int_max_str_digits() == 0 else 10**4000, "direct")
