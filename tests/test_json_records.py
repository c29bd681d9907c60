"""``Document.to_json`` writes what the JSON encoder writes of ``to_dict``, without the lists.

The reference is the encoder itself on the record dict (``encode_json``, the
standard library's encoder); the CLI's line is that text in UTF-8, or, for a
record JSON in UTF-8 cannot hold, the ``OutputError`` record both ways lead to.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanpipe import Document, Pipeline
from hanpipe._cli_output import Body, bodies, with_head, writable
from hanpipe.document import Tokens, encode_json

SEEDS = sorted(Path(__file__).resolve().parent.parent.joinpath("seeds").iterdir())
HEAD = {"index": 7, "input": "pages/a.html", "id": "x-1"}


def _expected(doc: Document, head: dict[str, Any], include_source: bool = False) -> str:
    return encode_json({**head, **doc.to_dict(include_source=include_source)})


def _line(doc: Document, head: dict[str, Any], include_source: bool = False) -> bytes:
    """The CLI's line: to_json in UTF-8, or the record's own way when that cannot be written."""
    try:
        return (doc.to_json(head, include_source=include_source) + "\n").encode("utf-8")
    except ValueError:
        return writable({**head, **doc.to_dict(include_source=include_source)})[1]


@pytest.fixture(scope="module")
def seed_docs() -> list[Document]:
    pieces: list[bytes] = []
    for path in SEEDS:
        data = path.read_bytes()
        pieces.append(data)
        text = data.decode("utf-8", "replace")
        pieces += [text[i : i + 300].encode() for i in range(0, min(len(text), 6000), 300)]
    return [d for d in Pipeline().process_batch(pieces) if isinstance(d, Document)]


def test_to_json_equals_the_encoder_on_the_seeds(seed_docs: list[Document]) -> None:
    assert len(seed_docs) > 50
    for doc in seed_docs:
        assert doc.to_json(HEAD) == _expected(doc, HEAD)
        assert doc.to_json({}, include_source=True) == _expected(doc, {}, include_source=True)


def test_to_json_with_tags_without_tokens_and_with_spans_that_do_not_tile() -> None:
    text = '他说："我爱北京\\天安门"\n\t𠀀'
    tagged = Pipeline(segment_pos=True).process(text)
    plain = Pipeline(segment=None).process(text)
    gaps = Document.from_text("abcdef").with_tokens(Tokens.from_arrays([0, 0, 2, 1], [0, 3, 6, 2]))
    empty = Document.from_text("").with_tokens(Tokens.from_arrays([], []))
    none_of_a_text = Document.from_text("ab").with_tokens(Tokens.from_arrays([], []))
    for doc in (tagged, plain, gaps, empty, none_of_a_text):
        assert doc.to_json(HEAD) == _expected(doc, HEAD)
    # hand-checked: the words and spans of a text that needs escapes
    doc = Document.from_text('a"\\\n').with_tokens(Tokens.from_arrays([0, 1, 2, 3], [1, 2, 3, 4]))
    assert doc.to_json() == (
        '{"text": "a\\"\\\\\\n", "meta": {}, "tokens": ["a", "\\"", "\\\\", "\\n"], '
        '"token_spans": [[0, 1], [1, 2], [2, 3], [3, 4]], "entities": []}'
    )


def test_to_json_of_tiled_spans_past_the_positions_written_in_advance() -> None:
    """Tiled spans are written from strings made for positions below 65,536, and beyond them by format."""
    for n in (1, 2, 65_535, 65_536, 65_537, 70_001):
        text = "中国" * (n // 2) + "人" * (n % 2)
        bounds = [0, *range(3, n, 3), n]  # words of three characters, the last shorter
        doc = Document.from_text(text).with_tokens(Tokens.from_arrays(bounds[:-1], bounds[1:]))
        assert doc.to_json(HEAD) == _expected(doc, HEAD), n
    one = Document.from_text("中国人").with_tokens(Tokens.from_arrays([0], [3]))
    assert '"token_spans": [[0, 3]]' in one.to_json()  # hand-checked: one token


ALPHABET = ['"', "\\", "\n", "\x00", "\x1f", "\x7f", "\ufdd0", "\ud800", "𠀀", "中", "国", "人", "1", "a", " ", "。"]
TEXT = st.text(st.sampled_from(ALPHABET), max_size=30)


@settings(max_examples=200, deadline=None)
@given(text=TEXT)
def test_to_json_line_equals_the_record_line_on_any_text(text: str) -> None:
    """Any text (quotes, backslashes, control characters, the bound character, lone surrogates): the
    line equals the encoder's, or both are the same OutputError record."""
    doc = _PIPELINE.process(text)
    expected = writable({**HEAD, **doc.to_dict()})[1]
    assert _line(doc, HEAD) == expected


_PIPELINE = Pipeline()


def test_to_json_makes_values_json_cannot_hold_safe_as_to_dict_does() -> None:
    """NaN, a Decimal, NumPy scalars, keys that are not strings, a read-only mapping: written as to_dict writes them."""
    import decimal
    import types

    import numpy as np

    from hanpipe import Entity

    doc = Pipeline().process("价格是100元，增长3%。")
    odd = [
        {"nan": float("nan")},
        {"price": decimal.Decimal("1.5")},
        {"count": np.int64(3), "share": np.float32(0.5)},
        {"keys": {1: "one", None: "none", (1, 2): "pair"}},
        {"nested": {"inf": float("inf"), "list": (1, 2)}},
    ]
    for meta in odd:
        with_meta = doc.with_meta(**meta)
        assert with_meta.to_json(HEAD) == _expected(with_meta, HEAD)
    ent = Entity("price", 3, 7, doc.text[3:7], value=decimal.Decimal("100"), attrs=types.MappingProxyType({"a": 1}))
    with_entity = doc.with_entities([ent])
    assert with_entity.to_json(HEAD) == _expected(with_entity, HEAD)


# -- a record's JSON written in the worker, its head put in front by the writing process ---------------


def _from_body(doc: Document, head: dict[str, Any], include_source: bool = False, binary: bool = False) -> Any:
    """What the CLI writes of ``doc`` when its JSON was made where it was processed: ``(line, record)``,
    or the Document itself when the worker left it to the writing process."""
    (made,) = bodies([doc], include_source=include_source, binary=binary)
    return (with_head(head, made), head) if isinstance(made, Body) else made


def test_record_from_a_body_is_the_encoders_record(seed_docs: list[Document]) -> None:
    for doc in seed_docs:
        for include_source in (False, True):
            line, record = _from_body(doc, HEAD, include_source)
            assert line == writable({**HEAD, **doc.to_dict(include_source=include_source)})[1]
            assert record == HEAD


@settings(max_examples=200, deadline=None)
@given(text=TEXT)
def test_record_from_a_body_on_any_text(text: str) -> None:
    """A text a line cannot hold (a lone surrogate) stays a Document, whose record the writing process makes."""
    doc = _PIPELINE.process(text)
    got = _from_body(doc, HEAD)
    if isinstance(got, Document):
        assert got is doc and "\ud800" in doc.text
    else:
        assert got == (writable({**HEAD, **doc.to_dict()})[1], HEAD)


def test_binary_documents_stay_for_the_writing_process() -> None:
    doc = Pipeline(clean=[], convert=None, segment=None, extract=[]).process(bytes(range(256)) * 4)
    assert doc.meta.get("binary")
    assert bodies([doc], include_source=False, binary=False) == [doc]
    (made,) = bodies([doc], include_source=False, binary=True)  # --binary: written like any other
    assert with_head(HEAD, made) == writable({**HEAD, **doc.to_dict()})[1]
