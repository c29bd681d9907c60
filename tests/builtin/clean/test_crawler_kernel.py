"""The crawler reading's kernel against its plain-Python reference (a dict of states per character).

:func:`hanpipe.builtin.clean._mixed.readings` runs one kernel call per
window; :func:`tests.reference.crawler_readings.readings_reference` is the
same Viterbi pass written plainly. They must agree exactly: the stretches,
their bytes and byte lengths, and the unsure positions, for both target
encodings, crawled or read as plain Latin-1/cp1252, jitted and as
``py_func``.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanpipe.builtin.clean import _mixed
from tests.reference.crawler_readings import readings_reference
from tests.reference.decode_mojibake import CRAWLER_ENCODINGS, crawl, crawl_text

TARGETS = ("gbk", "big5")

#: the characters crawled pages are made of: ASCII, Latin-1 and cp1252's specials, pinyin letters, two-byte
#: UTF-8 letters, Han characters and Chinese punctuation, a full-width letter, an astral character, a
#: lone surrogate
_POOL = (
    "aZ09 .:<\n"
    + "".join(map(chr, range(0x80, 0x100, 3)))
    + "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
    + "āáǎàēéěèǘü"
    + "ģĳŁΩЖאع"
    + "大模型的人工智能說論壇梅濤"
    + "，。“”：（）！Ａ"
    + "\U00020000\ud800"
)

texts = st.text(alphabet=st.sampled_from(_POOL), max_size=40)


@pytest.fixture(params=["jit", "py_func"])
def kernels(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the readings with the kernels compiled, or as plain Python (the outer kernel and the pass)."""
    if request.param == "py_func":
        monkeypatch.setattr(_mixed, "crawler_viterbi", _mixed.crawler_viterbi.py_func)
        monkeypatch.setattr(_mixed, "_viterbi", _mixed._viterbi.py_func)
    return str(request.param)


def _same(text: str) -> None:
    points = np.array([ord(c) for c in text], dtype=np.int64)
    for target in TARGETS:
        for crawler in (True, False):
            expected = readings_reference(text, target, crawler)
            assert _mixed.readings(text, target, crawler) == expected, (text, target, crawler)
            assert _mixed.readings(text, target, crawler, points) == expected  # code points given


@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_crawler_kernel_equals_the_reference_on_any_text(text: str) -> None:
    _same(text)


@given(text=st.text(alphabet=st.sampled_from("大模型的人工智能梅濤說論壇后接受“”，。 aA1"), max_size=30))
@settings(max_examples=150, deadline=None)
def test_crawler_kernel_equals_the_reference_on_crawled_pages(text: str) -> None:
    for encoding, fallback in CRAWLER_ENCODINGS:
        crawled = crawl_text(text, encoding, fallback)
        if crawled is not None:
            _same(crawled)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "a",
        "´óÄ£ÐÍ",
        crawl("大模型的人工智能".encode("gbk")),
        crawl("梅濤說：梅濤認為，王蕴韬透露".encode("gbk")),  # ÷: a byte hidden in a two-byte character
        crawl("論壇后接受".encode("big5hkscs")),
        "語料幾乎用完了。”不過",  # clean text with cp1252's quotes: nothing to restore
        "côtécôté",
        "ÀÁÂ" * 30,  # many states
    ],
)
def test_crawler_kernel_equals_the_reference_by_hand(kernels: str, text: str) -> None:
    _same(text)


def test_crawler_kernel_by_hand_values(kernels: str) -> None:
    """Hand-checked: 大模型 in GBK is B4 F3 | C4 A3 | D0 CD, crawled as ´ ó ģ Ð Í (C4 A3 is valid UTF-8)."""
    stretches, _ = _mixed.readings("´óģÐÍ", "gbk")
    assert stretches == [(0, 5, b"\xb4\xf3\xc4\xa3\xd0\xcd", [1, 1, 2, 1, 1])]
    assert b"\xb4\xf3\xc4\xa3\xd0\xcd".decode("gbk") == "大模型"
    assert _mixed.readings("語料幾乎用完了", "gbk") == ([], [])  # plain text: kept, and sure


@pytest.mark.parametrize("text", ["´óģÐÍ", "".join(map(chr, range(0xC2, 0xF5))) * 3, crawl("梅濤說".encode("gbk"))])
def test_crawler_kernel_grows_its_room_for_states(kernels: str, text: str) -> None:
    """With room for one state per character the pass runs out and starts again with more: same reading."""
    cps = np.array([ord(c) for c in text], dtype=np.int64)
    scores, single, signs = _mixed._tables()
    found = []
    for room in (1, 8):
        picks = np.empty(len(text), dtype=np.int64)
        unsure = np.zeros(len(text), dtype=np.bool_)
        pairs = _mixed._pair_array("gbk")
        done = _mixed.crawler_viterbi(cps, True, True, pairs, scores, single, signs, picks, unsure, room)
        found.append((done, picks.tolist(), unsure.tolist()))
    assert found[0] == found[1]
    assert found[0][0]
    _same(text)
