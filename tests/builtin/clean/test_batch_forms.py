"""The clean-up passes' batch forms give every document exactly what ``clean`` gives it alone.

Batches are drawn from windows of the seeds, texts made of what each pass
acts on, empty and one-character documents, and documents an earlier stage
has already edited. Hand-checked cases pin what must not happen at a
document bound: a reference, a line end, a run of spaces, an annotation or a
garbled run split over two documents is not joined back together.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hanpipe import Document, Edit, Pipeline
from hanpipe._text import code_points, table
from hanpipe.batch import SEPARATOR, Batch
from hanpipe.builtin.clean import ENGINES as CLEAN_ENGINES
from hanpipe.builtin.clean import _batch
from hanpipe.builtin.clean._batch import groups, rewrite_documents
from hanpipe.builtin.clean._classes import LATIN_ONLY, PINYIN_LATIN1, gbk_classes
from hanpipe.builtin.clean._kernels import find_annotations, find_signs, table_runs
from hanpipe.builtin.clean._scan import find_runs
from hanpipe.builtin.clean.mojibake import _signs
from hanpipe.builtin.clean.pinyin import _tables
from hanpipe.testing import check_alignment
from tests.reference.decode_mojibake import KINDS, garble
from tests.strategies import SEED_TEXTS

CLEANERS = {ref.name: ref.load()() for ref in CLEAN_ENGINES}

#: garbled words of every kind the mojibake pass repairs, cut from the seeds' Han runs
_WORDS = ("大模型的", "人工智能", "生成式人工智能", "數據", "發展階段", "企业出海")
GARBLED = tuple(g for w in _WORDS for k in KINDS if (g := garble(w, k)) is not None and g != w)

#: what each pass acts on, and what it must leave alone
PIECES: dict[str, tuple[str, ...]] = {
    "mojibake": (*GARBLED, "锟斤拷", "\xa0", "é", "lián", "·", "©", "¢²¼", "“", "”"),
    "entities": (
        "&amp;", "&amp", "&am", "p;", "&nbsp;", "&nbsp", "&#xff0c;", "&#65292;", "&#x4e2d", "&#128;",
        "&#xfdd0;", "&#0;", "&", "#", "x", "ff0c;", "&lt", "=", "&notin;", "&not", "in",
    ),
    "newlines": ("\r", "\n", "\r\n", "\r\r", "\x85", "\u2028", "\u2029"),
    "spaces": (
        "\xa0", "\u3000", "\u2003", "\u200b", "\u200d", "\ufeff", "\x00", "\x1f", "\xad", "\x7f", "\x9f",
        "👨", "👩", "\ufe0f", "☀", " ", "\t",
    ),
    "width": ("Ａ", "ｚ", "１", "，", "（", "）", "！", "￥", "\uffe0", "＄", "ＡＩ"),
    "pinyin": (
        "領(lǐng)", "(lǐng)", "來(lái)", "（wǎng）", "?yàn)", "\ufffdguó)", "A(chǔ)", "軟件", "字符串(token)",
        "(", ")", "lǐng", "?", " ", "(ér)", "兒",
    ),
    "damaged": ("\ufffd", "?", "規?臻g至", "規", "臻", "g", "至", "非?,", "┓", "⻊", "\ue000", "峁", "，"),
}  # fmt: skip
COMMON = ("字", "中文", "AI", "a", "1", "。", "\n")
ALL_PIECES = tuple(p for pieces in PIECES.values() for p in pieces)


@st.composite
def pieces_text(draw: st.DrawFn, pieces: tuple[str, ...]) -> str:
    """A text of a few of ``pieces`` (so that each kind of garbling, say, also comes alone) and common ones."""
    chosen = draw(st.lists(st.sampled_from(pieces), min_size=1, max_size=3))
    return "".join(draw(st.lists(st.sampled_from(chosen + list(COMMON)), max_size=12)))


@st.composite
def seed_window(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SEED_TEXTS))
    start = draw(st.integers(0, len(text) - 1))
    return text[start : start + draw(st.integers(0, 120))]


def one_char(pieces: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.sampled_from("".join(pieces + COMMON)) | seed_window().map(lambda t: t[:1])


@st.composite
def document(draw: st.DrawFn, pieces: tuple[str, ...]) -> Document:
    text = draw(st.one_of(seed_window(), pieces_text(pieces), pieces_text(pieces), st.just(""), one_char(pieces)))
    shape = draw(st.sampled_from(["plain", "edited", "damaged"]))
    if shape == "plain":
        return Document.from_text(text)
    # as an earlier stage left it: two characters removed in front, and a damaged span noted
    doc = Document.from_text("\ufffd " + text).apply_edits([Edit(0, 2, "", "earlier")], step="earlier")
    return doc.with_damaged([(0, 1)]) if shape == "damaged" else doc


def documents(pieces: tuple[str, ...]) -> st.SearchStrategy[list[Document]]:
    return st.lists(document(pieces), max_size=8)


def assert_same(out: Document, alone: Document, doc: Document) -> None:
    """``out`` (from the batch form) is ``alone`` (from ``clean``); ``doc`` came in."""
    assert out.source == alone.source
    assert out.text == alone.text, doc.text
    assert (out.alignment is None) == (alone.alignment is None), doc.text
    if out.alignment is not None:
        assert out.alignment.dtype == np.int32
        assert out.alignment.tolist() == alone.alignment.tolist(), doc.text
    assert out.meta == alone.meta, doc.text
    assert (out is doc) == (alone is doc), doc.text  # nothing to change: the same object back
    check_alignment(out)


def batch_equals_alone(cleaner: Any, docs: list[Document]) -> list[Document]:
    batch = Batch(docs)
    assert batch.joinable
    alone = [cleaner.clean(d) for d in docs]
    got = cleaner.clean_batch(batch)
    assert isinstance(got, list) and len(got) == len(docs)
    for out, one, doc in zip(got, alone, docs):
        assert_same(out, one, doc)
    return got


# -- every pass, random batches ---------------------------------------------------


@pytest.mark.parametrize("name", list(CLEANERS))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_batch_clean_batch_equals_clean_on_each_document(name: str, data: st.DataObject) -> None:
    docs = data.draw(documents(PIECES[name]))
    batch_equals_alone(CLEANERS[name], docs)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=documents(ALL_PIECES))
def test_batch_all_seven_in_order_equal_each_document_alone(docs: list[Document]) -> None:
    alone = docs
    batched = docs
    for cleaner in CLEANERS.values():
        alone = [cleaner.clean(d) for d in alone]
        batch = Batch(batched)
        # a reference to U+FDD0 (&#xfdd0;) makes a text the batch cannot join: the pipeline runs those alone
        batched = cleaner.clean_batch(batch) if batch.joinable else [cleaner.clean(d) for d in batched]
        for out, one in zip(batched, alone):
            assert out.text == one.text and out.meta == one.meta
            assert (out.alignment is None) == (one.alignment is None)
            if out.alignment is not None:
                assert out.alignment.tolist() == one.alignment.tolist()


def test_batch_empty_batch_and_untouched_documents() -> None:
    for cleaner in CLEANERS.values():
        assert cleaner.clean_batch(Batch([])) == []
        docs = [Document.from_text(t) for t in ("", "中文", "a", "", "人工智能大模型。")]
        out = cleaner.clean_batch(Batch(docs))
        assert all(a is b for a, b in zip(out, docs)), cleaner.name


def test_batch_seed_pages_cut_in_lines() -> None:
    docs = [Document.from_text(line) for text in SEED_TEXTS for line in text.splitlines(keepends=True)]
    for cleaner in CLEANERS.values():
        docs = batch_equals_alone(cleaner, docs)


# -- hand-checked cases at document bounds ---------------------------------------------

BOUNDS = [
    # a reference cut in two is two texts, each left alone
    ("entities", ["x&am", "p;y"], ["x&am", "p;y"]),
    ("entities", ["&#x4e", "2d;"], ["N", "2d;"]),  # a numeric reference needs no ';'
    ("entities", ["&#x", "4e2d;"], ["&#x", "4e2d;"]),
    ("entities", ["&#", "65292;"], ["&#", "65292;"]),
    # a legacy name ends at the end of its text, whatever the next document starts with
    ("entities", ["&amp", ";x"], ["&", ";x"]),
    ("entities", ["&not", "in;"], ["¬", "in;"]),
    ("entities", ["a&#x4e2d", "b"], ["a中", "b"]),
    ("entities", ["&#xfdd0;", "&lt;"], ["\ufdd0", "<"]),
    # CR at the end of one text and LF at the start of the next: two line ends
    ("newlines", ["a\r", "\nb"], ["a\n", "\nb"]),
    ("newlines", ["\r", "\r\n", "\n"], ["\n", "\n", "\n"]),
    # a run of spaces is each text's own; a joiner at a text's edge joins nothing
    ("spaces", ["a\xa0", "\xa0\xa0b"], ["a ", "  b"]),
    ("spaces", ["👨\u200d", "👩"], ["👨", "👩"]),
    ("spaces", ["👨", "\u200d👩"], ["👨", "👩"]),
    ("spaces", ["👨\u200d👩"], ["👨\u200d👩"]),
    ("spaces", ["\ufeff中", "\ufeff"], ["中", ""]),
    ("width", ["ＡＢ", "Ｃ１"], ["AB", "C1"]),
    ("width", ["（", "ａ）"], ["（", "a）"]),
    # an annotation at the start of a text is a real parenthesis; one cut in two is nothing
    ("pinyin", ["領", "(lǐng)"], ["領", "(lǐng)"]),
    ("pinyin", ["領(lǐ", "ng)"], ["領(lǐ", "ng)"]),
    ("pinyin", ["領(lǐng", ")導"], ["領(lǐng", ")導"]),
    ("pinyin", ["引領(lǐng)", "(dǎo)"], ["引領", "(dǎo)"]),
    ("pinyin", ["因?", "yàn)"], ["因?", "yàn)"]),
    ("pinyin", ["因?yàn)", "爲(wèi)"], ["因?", "爲"]),
    # a garbled word cut in two: neither half holds the bytes of 模
    ("mojibake", ["å¤§æ¨", "¡åž‹"], ["å¤§æ¨", "¡åž‹"]),
    ("mojibake", ["好", "å¤§æ¨¡åž‹", "中"], ["好", "大模型", "中"]),
    ("mojibake", ["澶фā鍨嬬殑", "好"], ["大模型的", "好"]),
    # a weak reading (×÷, GBK bytes of 作) needs evidence in its own text, not in the one before it
    ("mojibake", ["´óÄ£ÐÍµÄÈË¹¤ÖÇÄÜ", "我们×÷了"], ["大模型的人工智能", "我们×÷了"]),
    ("mojibake", ["我们×÷了", "´óÄ£ÐÍµÄÈË¹¤ÖÇÄÜ 我们×÷了"], ["我们×÷了", "大模型的人工智能 我们作了"]),
]


@pytest.mark.parametrize(("name", "texts", "expected"), BOUNDS, ids=lambda v: repr(v)[:24])
def test_batch_nothing_crosses_a_document_bound(name: str, texts: list[str], expected: list[str]) -> None:
    out = batch_equals_alone(CLEANERS[name], [Document.from_text(t) for t in texts])
    assert [d.text for d in out] == expected


def test_batch_damaged_spans_stay_in_their_document() -> None:
    damaged = CLEANERS["damaged"]
    # 規?臻g至 is damaged; cut after 臻, neither half is
    out = batch_equals_alone(damaged, [Document.from_text(t) for t in ("規?臻", "g至", "規?臻g至")])
    assert [d.meta.get("damaged") for d in out] == [None, None, [[1, 4]]]
    # a box-drawing character is damage only next to Han in its own text
    out = batch_equals_alone(damaged, [Document.from_text(t) for t in ("峁", "┓", "峁┓", "\ufffd")])
    assert [d.meta.get("damaged") for d in out] == [None, None, [[1, 2]], [[0, 1]]]
    # in source positions of a text an earlier stage edited (two characters removed in front)
    edited = Document.from_text("ab峁┓").apply_edits([Edit(0, 2, "")], step="earlier")
    assert batch_equals_alone(damaged, [Document.from_text("x"), edited])[1].meta["damaged"] == [[3, 4]]


def test_batch_pinyin_damage_in_source_positions() -> None:
    pinyin = CLEANERS["pinyin"]
    edited = Document.from_text("ab因?yàn)爲").apply_edits([Edit(0, 2, "")], step="earlier")
    out = batch_equals_alone(pinyin, [Document.from_text("(lǐng)"), edited])
    assert out[1].text == "因?爲"
    assert out[1].meta["damaged"] == [[3, 4]]  # the '?' that lost the annotation's '('
    assert out[1].meta["repairs"] == [{"step": "earlier", "edits": 1}, {"step": "pinyin", "edits": 1}]


def test_batch_repairs_count_each_documents_own_edits() -> None:
    out = CLEANERS["width"].clean_batch(Batch([Document.from_text(t) for t in ("ＡＢ", "ａ", "，", "Ａ中Ｂ")]))
    assert [d.meta.get("repairs") for d in out] == [
        [{"step": "width", "edits": 1}],
        [{"step": "width", "edits": 1}],
        None,
        [{"step": "width", "edits": 2}],
    ]


# -- what the batch forms rest on ------------------------------------------------------


@pytest.mark.parametrize("jitted", [True, False], ids=["jit", "py_func"])
def test_batch_pinyin_kernel_reads_the_separator_as_a_start(jitted: bool) -> None:
    fn = find_annotations if jitted else find_annotations.py_func
    for text, expected in [
        ("字\ufdd0(lǐng)", []),
        ("字(lǐng)\ufdd0字(lǐng)", [(1, 7), (9, 15)]),
        ("字(lǐng\ufdd0)", []),
        ("(lǐng)", []),
    ]:
        cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        out = np.empty((len(cps) // 3 + 1, 2), dtype=np.int64)
        k = fn(cps, *_tables()[1], out)
        assert [(int(a), int(b)) for a, b in out[:k]] == expected, text


def foreign_latin(text: str) -> list[int]:
    """Plain reference: Latin-1 letters and signs Chinese text does not hold, pinyin letters outside a word."""
    out = []
    for i, ch in enumerate(text):
        if not "\xa1" <= ch <= "\xff" or ch in "©®°±·×÷":
            continue
        before = text[i - 1] if i else ""
        if ch not in "àáèéìíòóùúü" or not (before.isascii() and before.isalpha()):
            out.append(i)
    return out


def _gb_bytes(ch: str) -> bytes:
    try:
        return ch.encode("gb18030")
    except UnicodeEncodeError:
        return b""


def gbk_triples(text: str) -> list[int]:
    """Plain reference: three characters whose GB18030 bytes are (UTF-8 lead, continuation),
    (continuation, lead), (continuation, continuation): UTF-8 Han read as GBK."""

    def pair(ch: str, first: range, second: range) -> bool:
        raw = _gb_bytes(ch)
        return len(raw) == 2 and raw[0] in first and raw[1] in second

    lead, cont = range(0xE1, 0xF0), range(0x80, 0xC0)
    return [
        i
        for i in range(len(text) - 2)
        if pair(text[i], lead, cont) and pair(text[i + 1], cont, lead) and pair(text[i + 2], cont, cont)
    ]


SIGN_CHARS = "aZ1 é·àü©ÿ\xa0\xa1字" + "".join(GARBLED[:4]) + "\U0002000b"


@pytest.mark.parametrize("jitted", [True, False], ids=["jit", "py_func"])
@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.text(st.sampled_from(SIGN_CHARS), max_size=12)).map("\ufdd0".join))
def test_batch_mojibake_signs_over_a_joined_text(jitted: bool, text: str) -> None:
    cps = code_points(text)
    if jitted:
        latin, triples = _signs(cps)
    else:
        out = np.empty((len(cps), 2), dtype=np.int64)
        rows = out[: find_signs.py_func(cps, *gbk_classes()[:3], LATIN_ONLY, PINYIN_LATIN1, out)]
        latin, triples = rows[(rows[:, 1] & 1) != 0, 0], rows[(rows[:, 1] & 2) != 0, 0]
    assert latin.tolist() == foreign_latin(text)
    assert triples.tolist() == gbk_triples(text)


RUN_TABLE = table("a\xa0\u200b字")


@pytest.mark.parametrize("jitted", [True, False], ids=["jit", "py_func"])
@settings(max_examples=300, deadline=None)
@given(text=st.text(st.sampled_from("a\xa0\u200b字b \ufdd0\U0001f600\uffff"), max_size=30))
def test_batch_table_runs_agree_with_a_regex(jitted: bool, text: str) -> None:
    expected = [m.span() for m in re.finditer("[a\xa0\u200b字]+", text)]
    cps = code_points(text)
    if jitted:
        assert find_runs(cps, RUN_TABLE) == expected
    else:
        out = np.empty(((len(cps) + 1) // 2, 2), dtype=np.int64)
        count = table_runs.py_func(cps, RUN_TABLE, out)
        assert [tuple(r) for r in out[:count].tolist()] == expected


def test_batch_separator_is_in_no_table() -> None:
    sep = ord(SEPARATOR)
    assert not any(t[sep] for t in gbk_classes()[:3])
    assert SEPARATOR not in gbk_classes()[3]
    assert not SEPARATOR.isspace() and not SEPARATOR.isalnum()


def test_batch_groups_rejects_a_span_across_a_bound() -> None:
    batch = Batch([Document.from_text(t) for t in ("ab", "cd")])
    assert groups(batch, np.array([0, 1, 3]), np.array([1, 2, 5])) == [(0, 0, 2), (1, 2, 3)]
    with pytest.raises(ValueError, match="crosses a document bound"):
        groups(batch, np.array([1]), np.array([4]))
    with pytest.raises(ValueError, match="crosses a document bound"):
        groups(batch, np.array([2]), np.array([3]))  # the separator itself
    with pytest.raises(ValueError, match="overlap"):
        rewrite_documents(batch, np.array([0, 1]), np.array([2, 2]), ["x", "y"], step="t")


@st.composite
def docs_and_edits(draw: st.DrawFn) -> tuple[list[Document], list[list[Edit]]]:
    docs = draw(st.lists(document(("ab", "字", "\xa0", "😀", "(x)")), max_size=6))
    edits = []
    for doc in docs:
        n = len(doc.text)
        cuts = sorted(draw(st.lists(st.integers(0, n), max_size=10)))
        mine = []
        for a, b in zip(cuts[::2], cuts[1::2]):
            kind = draw(st.integers(0, 2))
            rep = "" if kind == 0 else "Z" * (b - a) if kind == 1 else draw(st.text("XY\ufdd0", max_size=4))
            mine.append(Edit(a, b, rep))
        edits.append(mine)
    return docs, edits


@pytest.mark.parametrize("deletions", [False, True], ids=["edits", "deletions"])
@pytest.mark.parametrize("chunk", [1 << 16, 5], ids=["one-run", "many-runs"])
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=docs_and_edits())
def test_batch_rewrite_documents_equals_apply_edits(
    chunk: int, deletions: bool, case: tuple[list[Document], list[list[Edit]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_batch, "CHUNK", chunk)
    docs, edits = case
    if deletions:
        edits = [[Edit(e.start, e.end, "") for e in mine] for mine in edits]
    batch = Batch(docs)
    starts = batch.starts.tolist()
    flat = [Edit(e.start + s, e.end + s, e.replacement) for mine, s in zip(edits, starts) for e in mine]
    if deletions:
        spans = np.array([(e.start, e.end) for e in flat], dtype=np.int64).reshape(-1, 2)
        got = rewrite_documents(batch, spans[:, 0], spans[:, 1], None, step="t")
    else:
        got = _batch.edit_documents(batch, flat, step="t")
    for doc, mine, out in zip(docs, edits, got):
        assert_same(out, doc.apply_edits(mine, step="t"), doc)


def test_batch_pipeline_cleans_a_batch_as_it_cleans_each_input() -> None:
    pipe = Pipeline(convert=None, segment=None, extract=None, entry_points=False)
    assert all(engine.has_batch_form for engine in pipe.engines["clean"])
    lines = [line for text in SEED_TEXTS for line in text.splitlines()[:12]]
    texts = [*lines, "x&am", "p;y", "a\r", "\nb", *GARBLED, "", "領", "(lǐng)"]
    inputs: list[str | bytes] = [*texts, *(t.encode("gb18030") for t in lines[:10])]
    docs = [Document.from_text(t) for t in texts]
    for engine in pipe.engines["clean"]:  # engine.batch raises where run_batch would quietly fall back
        docs = engine.batch(Batch(docs))
    for got, data in zip(pipe.process_batch(inputs), inputs):
        alone = pipe.process(data)
        assert isinstance(got, Document)
        assert (got.text, got.meta) == (alone.text, alone.meta)
        assert (got.alignment is None) == (alone.alignment is None)
        if got.alignment is not None:
            assert got.alignment.tolist() == alone.alignment.tolist()
