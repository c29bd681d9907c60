"""The clean-up passes: case table, the seeds, and alignment after every pass."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hanpipe import Document, Pipeline
from hanpipe._text import merge_spans
from hanpipe.builtin.clean import ENGINES as CLEAN_ENGINES
from hanpipe.builtin.clean.damage import DamageCleaner
from hanpipe.builtin.clean.pinyin import is_pinyin_syllable
from hanpipe.config import DEFAULT
from hanpipe.testing import check_alignment
from tests.conftest import TRADITIONAL_SEEDS
from tests.strategies import mixed_text

CLEANERS = tuple(ref.load() for ref in CLEAN_ENGINES)
CLEAN_ORDER = tuple(ref.name for ref in CLEAN_ENGINES)

CASES = json.loads((Path(__file__).resolve().parents[2] / "cases" / "decode_cleaners.json").read_text("utf-8"))
PASSES = {cls.name: cls for cls in CLEANERS}
DECODE = Pipeline(convert=None, segment=None, extract=None, entry_points=False)

TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
#: anything that looks like an annotation: letters with a tone mark, then ')'
ANNOTATION_LIKE = regex.compile(f"[(（]?+([a-zü{TONED}]{{1,6}}+)[)）]")


def case_id(case: dict[str, str]) -> str:
    return f"{case['pass']}:{case['input'][:16]!r}"


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=c.get("note", ""))) if c["expect"] == "fail" else c
        for c in CASES
    ],
    ids=case_id,
)
def test_cleaner_case_table(case: dict[str, str]) -> None:
    doc = PASSES[case["pass"]]().clean(Document.from_text(case["input"]))
    assert doc.text == case["output"]
    check_alignment(doc)
    if case["output"] != case["input"]:
        assert doc.meta["repairs"][-1]["step"] == case["pass"]
    else:
        assert doc.meta.get("repairs") is None


def test_cleaner_default_order_is_the_documented_one() -> None:
    assert tuple([e.engine for e in DEFAULT.clean]) == tuple(CLEAN_ORDER)
    assert set(CLEAN_ORDER) == set(PASSES)


def test_cleaner_pinyin_syllables() -> None:
    for word in ("lǐng", "wǎng", "guī", "xiàn", "zhuǎn", "nǚ", "lüè", "ér", "ǎi"):
        assert is_pinyin_syllable(word), word
    for word in ("token", "ai", "café", "lingǎ", "xyzā", "āā", "Lǐ"):
        assert not is_pinyin_syllable(word), word


def test_cleaner_no_pinyin_annotation_is_left_in_the_traditional_seeds(seed_bytes: dict[str, bytes]) -> None:
    for name in TRADITIONAL_SEEDS:
        doc = DECODE.decode(seed_bytes[name])
        left = [m.group() for m in ANNOTATION_LIKE.finditer(doc.text) if is_pinyin_syllable(m.group(1))]
        assert left == [], name
        removed = sum(r["edits"] for r in doc.meta["repairs"] if r["step"] == "pinyin")
        assert removed > {"001_8a7838785014c413.txt": 281, "004_5f3c4ba81d80bda7.txt": 657}[name]


def test_cleaner_every_real_parenthesis_in_the_seeds_is_kept(seed_bytes: dict[str, bytes]) -> None:
    group = regex.compile(r"[(（][^()（）\n]{0,80}[)）]")
    checked = 0
    for name, data in seed_bytes.items():
        source = data.decode("utf-8")
        text = DECODE.decode(data).text
        for m in group.finditer(source):
            inner = m.group()[1:-1]
            if is_pinyin_syllable(inner):
                continue
            assert text.count(m.group()) >= 1, (name, m.group())
            checked += 1
    assert checked > 20


def test_cleaner_damaged_spans_of_the_seeds_are_in_source_coordinates(seed_bytes: dict[str, bytes]) -> None:
    found = {}
    for name in TRADITIONAL_SEEDS:
        doc = DECODE.decode(seed_bytes[name])
        found[name] = [doc.source[s:e] for s, e in doc.meta["damaged"]]
        assert doc.meta["damaged"] == merge_spans(doc.meta["damaged"])
    assert "?臻g" in found["001_8a7838785014c413.txt"]
    assert "┓⻊?" in found["004_5f3c4ba81d80bda7.txt"]
    assert found["004_5f3c4ba81d80bda7.txt"].count("?") >= 6  # the '?' of ?(yàn), ?(zhí) and the like


def test_cleaner_damaged_lists_replacement_characters_and_keeps_the_text() -> None:
    text = "发展\ufffd\ufffd规模 非?,可以"
    doc = DamageCleaner().clean(Document.from_text(text))
    assert doc.text == text
    assert doc.meta["damaged"] == [[2, 4], [8, 9]]


def test_cleaner_damaged_spans_stay_in_source_coordinates_after_deletions() -> None:
    doc = DECODE.decode("領(lǐng)域\u200b規(guī)?臻g至少&amp;\ufffd")
    assert doc.text == "領域規?臻g至少&\ufffd"
    assert [doc.source[s:e] for s, e in doc.meta["damaged"]] == ["?臻g", "\ufffd"]


def test_cleaner_seed_003_references_become_chinese_punctuation(seed_bytes: dict[str, bytes]) -> None:
    doc = DECODE.decode(seed_bytes["003_c76b33a41cce0777.txt"])
    assert "&#x" not in doc.text and "\xa0" not in doc.text
    assert doc.text.count("，") >= 11


def run_each_pass(doc: Document) -> Document:
    for name in CLEAN_ORDER:
        doc = PASSES[name]().clean(doc)
        check_alignment(doc)
    return doc


def test_cleaner_alignment_holds_after_every_pass_on_the_seeds(seed_texts: dict[str, str]) -> None:
    """A Han character or ASCII letter comes from itself, or (re-read after a byte shift) from the GBK bytes it has."""
    for text in seed_texts.values():
        doc = run_each_pass(Document.from_text(text))
        for i, ch in enumerate(doc.text):
            if "\u4e00" <= ch <= "\u9fff" or (ch.isascii() and ch.isalnum()):
                s, e = doc.source_span(i, i + 1)
                if doc.source[s:e] != ch:  # its lead byte is the second of the source character, its trail next
                    assert ch.encode("gbk") in doc.source[s : e + 1].encode("gb18030"), (i, ch, doc.source[s:e])
                    continue
                assert doc.source[s:e] == ch, (i, ch, doc.source[s:e])


def test_cleaner_annotation_is_aligned_to_nothing() -> None:
    doc = DECODE.decode("引領(lǐng)的")
    assert doc.text == "引領的"
    assert doc.source_span(1, 2) == (1, 2)
    assert doc.source_span(2, 3) == (8, 9)


PAGE_BITS = st.sampled_from(
    [
        "&#xff0c;",
        "&amp;",
        "&nbsp;",
        "(lǐng)",
        "(wǎng)",
        "?yàn)",
        "\u3000",
        "\u200b",
        "\r\n",
        "ＡＢ１２",
        "(token)",
        "\ufffd",
        "å¤§æ¨¡åž‹",
        "´óÄ£ÐÍ",
        "锟斤拷",
        "\x07",
        "網絡時代",
        "?臻g至",
    ]
)
page_text = st.lists(st.one_of(mixed_text, PAGE_BITS), max_size=10).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page_text)
def test_cleaner_alignment_holds_after_every_pass_on_page_like_text(text: str) -> None:
    doc = run_each_pass(Document.from_text(text))
    for s, e in doc.meta.get("damaged", []):
        assert 0 <= s < e <= len(doc.source)
    for i, ch in enumerate(doc.text):
        if "\u4e00" <= ch <= "\u9fff":
            s, e = doc.source_span(i, i + 1)
            assert s < e  # a Han character always comes from somewhere


@settings(max_examples=150, deadline=None)
@given(mixed_text)
def test_cleaner_passes_are_idempotent(text: str) -> None:
    once = run_each_pass(Document.from_text(text)).text
    assert run_each_pass(Document.from_text(once)).text == once


def test_cleaner_space_table_is_the_union_of_the_two_classes() -> None:
    from hanpipe.builtin.clean._classes import SPACE_OR_INVISIBLE
    from hanpipe.builtin.clean.cleaners import _INVISIBLE, _SPACES

    for cp in range(0x10000):
        ch = chr(cp)
        expected = bool(_SPACES.match(ch) or _INVISIBLE.match(ch))
        assert bool(SPACE_OR_INVISIBLE[cp]) == expected, hex(cp)
