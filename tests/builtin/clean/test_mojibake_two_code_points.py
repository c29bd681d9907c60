"""Big5-HKSCS decodes four byte pairs to two code points each (0x8862 is Ê and a combining macron);
mojibake repair must count their bytes together, not fail on the second code point."""

from __future__ import annotations

import pytest

import hanpipe

PAIRS = {b"\x88\x62": "Ê\u0304", b"\x88\x64": "Ê\u030c", b"\x88\xa3": "ê\u0304", b"\x88\xa5": "ê\u030c"}


@pytest.mark.parametrize(("raw", "chars"), PAIRS.items())
def test_the_four_pairs_are_what_python_decodes(raw: bytes, chars: str) -> None:
    assert raw.decode("big5hkscs") == chars  # the facts the repair relies on


@pytest.mark.parametrize("chars", PAIRS.values())
def test_big5hkscs_mojibake_holding_a_pair_is_repaired_whole(chars: str) -> None:
    original = f"香港特別行政區{chars}政府公佈的數據顯示，訪港旅客人數上升。"
    garbled = original.encode("big5hkscs").decode("latin-1")
    doc = hanpipe.Pipeline(convert=None, segment=None, extract=None).process(garbled)
    assert doc.text == original


@pytest.mark.parametrize("text", ["\x88b¡", "\x88b", "ab\x88d\x88b\x88£\x88¥ 中文", "\x88\xa3\x88\xa5"])
def test_text_that_reads_as_a_pair_gives_a_document(text: str) -> None:
    doc = hanpipe.process(text)  # found by the invariants' hypothesis test: it raised UnicodeEncodeError
    assert "\x88" not in doc.text  # the C1 control is not text
