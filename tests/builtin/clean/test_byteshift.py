"""Byte-shift damage: GBK text decoded one byte out of step after a lost byte, re-read in step.

Damage is made the way it happens: the GBK bytes of a text, with the lead
byte of the character before it lost, decoded as GBK. Hand-checked:
為 is 9E E9, so ``"為深入到各行各業".encode("gbk")[1:]`` decodes to
``樯钊氲礁餍懈鳂I`` (E9 C9 | EE C8 | ... | F7 98 | 49: the trail byte 49
of 業 is ASCII ``I`` and brings the decoder back into step).
"""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import hanpipe
from hanpipe import Document
from hanpipe.batch import Batch
from hanpipe.builtin.clean._byteshift import candidate_runs, shifted_runs
from hanpipe.builtin.clean.damage import DamageCleaner
from hanpipe.builtin.clean.mojibake import MojibakeCleaner
from hanpipe.testing import check_alignment
from tests.builtin.clean.test_crawler import HAN_WORDS, PUNCT, equal_except_flagged, flagged_positions

CLEANER = MojibakeCleaner()


def repair(text: str) -> Document:
    doc = CLEANER.clean(Document.from_text(text))
    check_alignment(doc)
    return doc


def shifted(text: str, lost: str = "為") -> str:
    """``text`` decoded one byte out of step: the lead byte of ``lost`` before it was lost."""
    return (lost.encode("gbk")[1:] + text.encode("gbk")).decode("gbk", errors="replace")


def test_byteshift_damage_is_made_as_described() -> None:
    assert shifted("深入到各行各業") == "樯钊氲礁餍懈鳂I"
    assert shifted("大模型時代已經到來") == "榇竽Ｐ蜁r代已經到來"


CASES = [
    # (text, expected text, the characters a flagged span must cover)
    ("因?樯钊氲礁餍懈鳂I中去", "因?深入到各行各業中去", "?深"),
    ("因\ufffd樯钊氲礁餍懈鳂I中去", "因\ufffd深入到各行各業中去", "深"),
    ("因?yàn)樯钊氲礁餍懈鳂I(yè)中去", "因?yàn)深入到各行各業(yè)中去", "深"),  # a pinyin annotation between
    ("報道：?榇竽Ｐ蜁r代已經到來", "報道：?大模型時代已經到來", "?大"),
    # the seeds' runs: 樗 is E9 CB, so its re-read first character is 祟 (CB EE), not 深 (C9 EE): flagged
    ("因?樗钊氲礁餍懈鳂I(yè)中去", "因?祟入到各行各業(yè)中去", "?祟"),
    # 榭赡 = E9 BF | C9 C4, then the trail DC of 能 was lost before ',': 可, and 能 lost at the end
    ("變?榭赡,這將是", "變?可,這將是", "?可"),
]


@pytest.mark.parametrize(("text", "expected", "covered"), CASES)
def test_byteshift_runs_are_reread_and_the_lost_characters_flagged(text: str, expected: str, covered: str) -> None:
    doc = repair(text)
    assert doc.text == expected
    flags = flagged_positions(doc)
    start = expected.index(covered)
    assert all(flags[start : start + len(covered)]), (doc.text, doc.meta)
    assert doc.meta["repairs"] == [{"step": "mojibake", "edits": doc.meta["repairs"][0]["edits"]}]


NEGATIVES = [
    "他說：樯钊氲礁餍懈鳂I中去",  # no mark of a lost byte (? or U+FFFD) before it: left as it is
    "dd 删除集合 del s",  # 删除: two rare-ish characters; one byte on, 境: a common character by chance
    "邱锡鹏：大模型",  # names of rare characters
    "刘晔：两个模型",
    "螞蟻集團(tuán)",
    "娛樂(lè)",
    "肖嶸認(rèn)為",
    "蹶",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_byteshift_text_that_reads_better_as_it_is_stays(text: str) -> None:
    doc = repair(text)
    assert doc.text == text
    assert "damaged" not in doc.meta


sentences = st.lists(
    st.one_of(st.sampled_from(HAN_WORDS), st.sampled_from(HAN_WORDS), st.sampled_from(PUNCT)), min_size=2, max_size=30
).map("".join)


@settings(max_examples=300, deadline=None)
@given(sentences)
def test_byteshift_clean_text_decoded_normally_is_unchanged(text: str) -> None:
    doc = repair(text)
    assert doc.text == text
    assert "damaged" not in doc.meta


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(HAN_WORDS), min_size=3, max_size=12).map("".join), st.sampled_from("為的"))
def test_byteshift_shifted_words_are_restored_except_flagged_spans(text: str, lost: str) -> None:
    """The lost character's trail byte is a lead byte (為 9E E9, 的 B5 C4): the decoder is out of step.

    The ``?`` before it is what a decoder puts for the lone lead byte.
    """
    garbled = shifted(text, lost)
    # an ASCII trail byte among the first two characters brings the decoder back into step at once:
    # one garbled character is too little to re-read (SINGLE_GAIN), and it stays as it came
    assume(not any(ch.isascii() or ch == "\ufffd" for ch in garbled[:2]))
    doc = DamageCleaner().clean(repair("新聞：?" + garbled))  # U+FFFD where the decoder met a bad pair
    if doc.text == "新聞：?" + garbled:
        # too little to re-read without a mark of the loss before it: one re-read character, as when
        # an ASCII trail byte or a bad pair (U+FFFD) comes within three characters
        assert any(ch.isascii() or ch == "\ufffd" for ch in garbled[:4])
        return
    assert equal_except_flagged(doc, "新聞：?" + text.rstrip(), widest=4)


#: the byte-shifted runs of the seeds, found by hand (the flagged fragments of each seed, read
#: one byte on): (seed, run, its right reading where known)
SEED_RUNS = [
    ("001", "臻g", "間"),  # 規?臻g: 空間, 空 lost
    ("001", "榭赡", "可"),  # 變?yōu)榭赡,: 可能, 能 lost
    ("001", "崿F", "現"),  # ?qū)崿F(xiàn): 實現, 實 lost
    ("004", "樗钊氲礁餍懈鳂I", "深入到各行各業"),  # 樗 is E9 CB: the re-read 祟 is flagged
    ("004", "榭蛻籼峁┓⻊", "客戶提供服務"),
    ("004", "槲覀兌贾溃竽P", "我們都知道，大模"),  # a byte changed besides the one lost
    ("004", "捅旧硇枰罅康乃懔", "本身需要大量的算力"),  # the same run after 竽P: no ? before it
    ("004", "橐粋", "一個"),
    ("004", "煲肀硎荆竽P蛶", "翼表示，大模型帶"),
    ("004", "煲碚J", "翼認"),
]


def test_byteshift_seed_runs_repaired_and_remaining(seed_texts: dict[str, str]) -> None:
    """Which of the seeds' byte-shifted runs are re-read; nothing else in the seeds is."""
    repaired = []
    for name, text in sorted(seed_texts.items()):
        repaired += [(name[:3], text[s.start : s.end], s.fixed) for s in shifted_runs(text)]
    assert repaired == [
        ("001", "榭赡", "可"),
        ("001", "崿F", "現"),
        ("004", "樗钊氲礁餍懈鳂I", "祟入到各行各業"),
        ("004", "榭蛻籼峁┓", "客戶提供"),  # ⻊ after it is flagged by the damaged pass
        ("004", "橐粋", "一"),
        ("004", "煲碚J", "翼認"),
    ]
    hit = {run for _, run, _ in repaired}
    done = [r for r in SEED_RUNS if any(r[1].startswith(h) for h in hit)]
    remaining = [r for r in SEED_RUNS if r not in done]
    print(f"byte-shifted runs in the seeds: {len(SEED_RUNS)}; re-read {len(done)}, remaining {len(remaining)}")
    assert (len(done), len(remaining)) == (6, 4)
    # 臻 is not rare enough to look at; 竽P: a byte changed besides the one lost, the re-read has too
    # many very rare characters; 捅旧…: no ? before it
    assert [r[1] for r in remaining] == ["臻g", "槲覀兌贾溃竽P", "捅旧硇枰罅康乃懔", "煲肀硎荆竽P蛶"]


def test_byteshift_looks_only_at_runs_of_rare_characters_after_a_mark() -> None:
    text = "人工智能大模型時代已經到來。因?樯钊氲礁餍懈鳂I中去"
    # 14 characters, 因 at 14, ? at 15, the 7 of the run from 16; I at 23 ends the run
    assert candidate_runs(text) == [(16, 23)]
    assert candidate_runs(text.replace("?", "")) == []
    assert candidate_runs("因?人工智能大模型") == []  # no rare character


@pytest.mark.parametrize("line", ["使人工智能能够?q)崿F(xin)更多场景", "张?zh)煲碚J(rn)为，大模型"])
def test_byteshift_under_a_latin1_layer_is_read_as_without_it(line: str) -> None:
    """A byte-shifted run inside text a crawler then read as Latin-1 is re-read once that layer is undone."""
    p = hanpipe.Pipeline(convert=None, segment=None, extract=None)
    plain = p.process(line)
    layered = p.process(line.encode("utf-8").decode("latin-1"))
    assert plain.text != line  # the run is re-read in the plain text (现 / 翼认, the seeds' own readings)
    assert layered.text == plain.text
    assert layered.meta["damaged"]  # the lost character is flagged in both
    assert plain.meta["damaged"]


# -- over a batch: each document's runs are those of its own text --------------------------------

_PIECES = st.one_of(
    st.lists(st.sampled_from(HAN_WORDS), min_size=1, max_size=6).map("".join).map(shifted),  # a shifted run
    st.lists(st.sampled_from(HAN_WORDS), min_size=1, max_size=4).map("".join),
    st.sampled_from(["?", "\ufffd", "？", "。", "a", ""]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=4).map("".join), min_size=1, max_size=6))
def test_byteshift_runs_over_a_batch_are_each_documents_own(texts: list[str]) -> None:
    """A mark at the end of one document reaches no rare character at the start of the next, and a lost
    byte is looked for only in the run's own document: the batch's re-read runs, each moved into its
    document, are the runs that document's text gives alone, and the pass cleans each alike."""
    batch = Batch([Document.from_text(t) for t in texts])
    bounds = batch.starts.tolist()
    found = shifted_runs(batch.text)
    for i, text in enumerate(texts):
        lo, hi = bounds[i], bounds[i + 1] - 1
        mine = [(s.start - lo, s.end - lo, s.fixed, [(a - lo, b - lo) for a, b in s.lost]) for s in found]
        mine = [m for m, s in zip(mine, found) if lo <= s.start < hi]
        alone = [(s.start, s.end, s.fixed, s.lost) for s in shifted_runs(text)]
        assert mine == alone, (i, texts)
    for doc, text in zip(CLEANER.clean_batch(batch), texts, strict=True):
        alone = CLEANER.clean(Document.from_text(text))
        assert (doc.text, doc.meta) == (alone.text, alone.meta)


def test_byteshift_a_mark_in_the_document_before_reaches_nothing() -> None:
    """Hand-checked: 樯钊氲礁 (a shifted run) after a ? is re-read; at the start of a document after one that
    ends in ?, it is not (alone it has no mark of a lost byte)."""
    run = shifted("深入到各行各業")
    assert shifted_runs("?" + run)
    batch = Batch([Document.from_text("文字?"), Document.from_text(run)])
    assert shifted_runs(batch.text) == []
    assert [d.text for d in CLEANER.clean_batch(batch)] == ["文字?", run]
