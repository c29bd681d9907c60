"""Document, Tokens, Entity and the alignment between text and source."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hanpipe
from hanpipe import Document, Edit, Entity, InputError, Tokens
from hanpipe.testing import check_alignment
from tests.strategies import edits_for, mixed_text


def _model_apply(model: list[tuple[int, int] | None], edits: list[Edit]) -> list[tuple[int, int] | None]:
    """A per-character model: the source span of each character that is an untouched original, else None."""
    out: list[tuple[int, int] | None] = []
    pos = 0
    for ed in edits:
        out.extend(model[pos : ed.start])
        out.extend([None] * len(ed.replacement))
        pos = ed.end
    out.extend(model[pos:])
    return out


@settings(max_examples=150, deadline=None)
@given(st.data(), mixed_text)
def test_document_alignment_keeps_untouched_characters_on_their_source(data: st.DataObject, text: str) -> None:
    doc = Document.from_text(text)
    model: list[tuple[int, int] | None] = [(i, i + 1) for i in range(len(text))]
    for _ in range(3):
        edits = data.draw(edits_for(doc.text))
        doc = doc.apply_edits(edits, step="test")
        model = _model_apply(model, edits)
        assert len(model) == len(doc.text)
        for i, span in enumerate(model):
            if span is not None:
                assert doc.source_span(i, i + 1) == span
                assert doc.source[span[0] : span[1]] == doc.text[i]
        check_alignment(doc)


@settings(max_examples=150, deadline=None)
@given(st.data(), mixed_text)
def test_document_replacement_maps_to_what_it_replaced(data: st.DataObject, text: str) -> None:
    doc = Document.from_text(text)
    edits = data.draw(edits_for(text))
    new = doc.apply_edits(edits, step="test")
    shift = 0
    for ed in edits:
        start = ed.start + shift
        end = start + len(ed.replacement)
        if ed.replacement and ed.end > ed.start:
            assert new.source_span(start, end) == (ed.start, ed.end)
        shift += len(ed.replacement) - (ed.end - ed.start)


def test_document_deletion_belongs_to_neither_neighbour() -> None:
    doc = Document.from_text("領(lǐng)導(dǎo)人")
    doc = doc.apply_edits([Edit(1, 7, "", "pinyin"), Edit(8, 13, "", "pinyin")], step="pinyin")
    assert doc.text == "領導人"
    assert doc.source_span(0, 1) == (0, 1)
    assert doc.source_span(1, 2) == (7, 8)
    assert doc.source_span(0, 2) == (0, 8)  # 領(lǐng)導: the annotation inside stays inside
    assert doc.source_span(2, 3) == (13, 14)
    assert doc.meta["repairs"] == [{"step": "pinyin", "edits": 2}]


def test_document_entity_source_span_is_the_original_surface_form() -> None:
    source = "規模&#xff0c;引領(lǐng)達到1200萬美元"
    doc = Document.from_text(source)
    doc = doc.apply_edits([Edit(2, 10, "，", "entity")], step="references")
    start = doc.text.index("(")
    doc = doc.apply_edits([Edit(start, start + 6, "", "pinyin")], step="pinyin")
    converted = doc.text.replace("萬", "万").replace("規", "规").replace("領", "领").replace("達", "达")
    doc = doc.rewrite(converted, None, step="convert", count=4)
    assert doc.text == "规模，引领达到1200万美元"
    at = doc.text.index("1200")
    doc = doc.with_entities([Entity("money", at, at + 7, "1200万美元", 12_000_000, "USD")])
    (ent,) = doc.entities
    assert doc.text[ent.start : ent.end] == ent.text
    assert source[ent.source_start : ent.source_end] == "1200萬美元"
    s, e = doc.source_span(2, 3)
    assert source[s:e] == "&#xff0c;"


def test_document_rewrite_composes_alignments() -> None:
    doc = Document.from_text("abc")
    # "abc" -> "aXXc": b becomes XX
    inner = np.array([[0, 1, 1, 2, 3], [0, 1, 1, 2, 3]], dtype=np.int32)
    doc = doc.rewrite("aXXc", inner, step="one", count=1)
    # "aXXc" -> "aXXXXc": each X doubles
    inner2 = np.array([[0, 1, 1, 2, 2, 3, 4], [0, 1, 1, 2, 2, 3, 4]], dtype=np.int32)
    doc = doc.rewrite("aXXXXc", inner2, step="two", count=2)
    assert doc.source_span(1, 5) == (1, 2)
    assert doc.source_span(5, 6) == (2, 3)


def test_document_rewrite_adds_meta_as_with_meta_does() -> None:
    doc = Document.from_text("甲乙", variant="old", keep=1)
    one = doc.rewrite("甲丙", None, step="s", count=1, meta={"variant": "t2s", "script": "x"})
    two = doc.rewrite("甲丙", None, step="s", count=1).with_meta(variant="t2s", script="x")
    assert one.meta == two.meta == {
        "variant": "t2s", "keep": 1, "repairs": [{"step": "s", "edits": 1}], "script": "x"
    }  # fmt: skip
    assert list(one.meta) == list(two.meta)  # keys in the same order
    assert doc.rewrite("甲乙", None, step="s", count=0, meta={"variant": "t2s"}).meta == {"variant": "t2s", "keep": 1}
    assert doc.rewrite("甲乙", None, step="s", count=0) is doc


def test_document_rewrite_rejects_bad_alignments() -> None:
    doc = Document.from_text("abc")
    with pytest.raises(InputError, match="changed the length"):
        doc.rewrite("ab", None, step="bad", count=1)
    with pytest.raises(InputError, match="shape"):
        doc.rewrite("ab", np.zeros((2, 2), dtype=np.int32), step="bad", count=1)


def test_document_apply_edits_rejects_overlaps() -> None:
    doc = Document.from_text("abcdef")
    with pytest.raises(InputError, match="non-overlapping"):
        doc.apply_edits([Edit(0, 3, "x"), Edit(2, 4, "y")], step="bad")
    with pytest.raises(InputError):
        doc.apply_edits([Edit(4, 9, "x")], step="bad")


def test_document_without_edits_keeps_identity_alignment() -> None:
    doc = Document.from_text("不变的文本")
    assert doc.apply_edits([], step="noop") is doc
    same = doc.apply_edits([Edit(0, 1, "变")], step="same-length")
    assert same.alignment is None and same.text == "变变的文本"


def test_document_with_entities_rejects_a_wrong_text() -> None:
    doc = Document.from_text("价格100元")
    with pytest.raises(InputError, match="does not match"):
        doc.with_entities([Entity("money", 2, 6, "100")])


def test_tokens_from_words_and_strings() -> None:
    tokens = Tokens.from_words(["我", "来到", "北京"])
    assert tokens.starts.tolist() == [0, 1, 3]
    assert tokens.ends.tolist() == [1, 3, 5]
    assert tokens.strings("我来到北京") == ["我", "来到", "北京"]
    assert tokens.starts.dtype == np.int32


def test_document_to_dict_is_json_safe() -> None:
    from decimal import Decimal

    doc = Document.from_text("约1.5万亿元", encoding="utf-8")
    doc = doc.with_tokens(Tokens.from_words(["约", "1.5", "万亿元"]))
    doc = doc.with_entities(
        [Entity("money", 0, 7, "约1.5万亿元", Decimal("1500000000000"), "CNY", {"approx": True, "x": np.int64(3)})]
    )
    record = json.loads(json.dumps(doc.to_dict(include_source=True)))
    assert record["tokens"] == ["约", "1.5", "万亿元"]
    assert record["token_spans"] == [[0, 1], [1, 4], [4, 7]]
    assert record["entities"][0]["value"] == "1500000000000"
    assert record["entities"][0]["attrs"] == {"approx": True, "x": 3}
    assert record["source"] == "约1.5万亿元"


def test_document_view_is_computed_once_per_document_and_not_carried_over() -> None:
    import pickle

    calls: list[str] = []

    def count_han(doc: Document) -> int:
        calls.append(doc.text)
        return sum("\u4e00" <= c <= "\u9fff" for c in doc.text)

    doc = Document.from_text("大模型 GPT")
    assert doc.view(count_han) == 3 and doc.view(count_han) == 3
    assert calls == ["大模型 GPT"]
    edited = doc.apply_edits([Edit(0, 1, "")], step="cut")
    assert edited.view(count_han) == 2 and calls == ["大模型 GPT", "模型 GPT"]
    assert pickle.loads(pickle.dumps(doc)).view(count_han) == 3 and len(calls) == 3


def test_document_code_points_are_the_texts_and_read_only() -> None:
    doc = Document.from_text("a字\ud800😀")
    assert doc.code_points.tolist() == [0x61, 0x5B57, 0xD800, 0x1F600]
    assert doc.code_points is doc.code_points
    assert not doc.code_points.flags.writeable


def test_document_sentences_are_spans_of_the_clean_text() -> None:
    doc = hanpipe.Pipeline(segment=None, extract=None).process("大模型是什麼？它很大。 “真的嗎？”\n第二行")
    assert [doc.text[a:b] for a, b in doc.sentences] == ["大模型是什么？", "它很大。", "“真的吗？”", "第二行"]
    assert doc.source_span(*doc.sentences[0]) == (0, 7)
    doc.sentences.clear()  # a copy: the document's own spans stay
    assert len(doc.sentences) == 4


def test_numbers_is_reachable_from_the_package() -> None:
    assert hanpipe.numbers.parse("一千零十") == 1010
    assert "numbers" in dir(hanpipe)


@pytest.mark.parametrize("by_slots", [True, False], ids=["slots", "constructor"])
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sizes=st.lists(st.integers(0, 5), max_size=8), tagged=st.booleans())
def test_tokens_split_makes_what_the_constructor_makes(
    by_slots: bool, sizes: list[int], tagged: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hanpipe import document

    monkeypatch.setattr(document, "_TOKENS_BY_SLOTS", by_slots)
    n = sum(sizes)
    starts, ends = np.arange(n, dtype=np.int32), np.arange(1, n + 1, dtype=np.int32)
    codes = np.arange(n, dtype=np.int16) % 3 if tagged else None
    names = ("n", "v", "x") if tagged else ()
    cuts = [0, *np.cumsum(sizes).tolist()]
    made = Tokens.split(starts, ends, cuts, None, codes, names)
    assert len(made) == len(sizes)
    for a, b, tokens in zip(cuts, cuts[1:], made):
        assert type(tokens) is Tokens and tokens.spell is None and tokens.tag_names == names
        assert tokens.starts.tolist() == list(range(a, b)) and tokens.ends.tolist() == list(range(a + 1, b + 1))
        assert tokens.tags() == ([names[i % 3] for i in range(a, b)] if tagged else [])
        assert (tokens.tag_codes is None) == (not tagged)
