"""Invariants of the default pipeline on any input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hanpipe
from hanpipe import Document, HanpipeError
from hanpipe.testing import check_alignment
from tests.strategies import any_bytes, any_text, mixed_text

PIPELINE = hanpipe.Pipeline()

TRADITIONAL = st.sampled_from(list("網絡時代規模發展機會來領導萬億美元資訊軟體們說這"))
PAGE_BITS = st.sampled_from(
    ["&#xff0c;", "&amp;", "&nbsp;", "(lǐng)", "(wǎng)", "\u3000", "\u200b", "\r\n", "１２３", "1200萬美元", "a@b.com"]
)
page_text = st.lists(st.one_of(mixed_text, TRADITIONAL, PAGE_BITS), max_size=12).map("".join)


def _check(doc: Document) -> None:
    check_alignment(doc)
    if doc.tokens is not None:
        assert all(0 <= s < e <= len(doc.text) for s, e in doc.token_spans)
    for ent in doc.entities:
        assert doc.text[ent.start : ent.end] == ent.text
        assert 0 <= ent.source_start <= ent.source_end <= len(doc.source)
        assert (ent.source_start, ent.source_end) == doc.source_span(ent.start, ent.end)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page_text)
def test_invariants_hold_on_page_like_text(text: str) -> None:
    _check(PIPELINE.process(text))


@settings(max_examples=150, deadline=None)
@given(any_text)
def test_invariants_any_text_gives_a_document(text: str) -> None:
    _check(PIPELINE.process(text))


@settings(max_examples=200, deadline=None)
@given(any_bytes)
def test_invariants_any_bytes_give_a_document_or_a_hanpipe_error(data: bytes) -> None:
    try:
        doc = PIPELINE.process(data)
    except HanpipeError:
        return
    _check(doc)


@settings(max_examples=60, deadline=None)
@given(any_bytes, st.sampled_from(["utf-8", "gb18030", "big5", "utf-16-le", "ascii", "latin-1", "no-such-codec"]))
def test_invariants_forced_encoding_never_escapes_as_a_builtin_error(data: bytes, encoding: str) -> None:
    try:
        doc = PIPELINE.decode(data, encoding=encoding)
    except HanpipeError:
        return
    _check(doc)
