"""Lone surrogates (a str may hold them; no encoding writes them) are listed in meta["damaged"], text unchanged."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import hanpipe
from hanpipe import Pipeline

ONLY_DAMAGE = Pipeline(clean=["damaged"], convert=None, segment=None, extract=None)


def test_lone_surrogates_are_flagged_and_kept() -> None:
    assert hanpipe.process("a\ud800b").meta["damaged"] == [[1, 2]]
    doc = ONLY_DAMAGE.process("中文\udfff\ud800好")
    assert doc.text == "中文\udfff\ud800好" and doc.meta["damaged"] == [[2, 4]]  # a run is one span
    assert "damaged" not in ONLY_DAMAGE.process("中文好 ok 😀").meta  # a pair that makes a character is not one


def test_lone_surrogates_are_flagged_in_a_batch_as_alone() -> None:
    texts = ["a\ud800b", "中文好", "x\udc00", ""]
    assert [d.meta.get("damaged") for d in ONLY_DAMAGE.process_batch(texts)] == [[[1, 2]], None, [[1, 2]], None]


PLAIN = st.text(st.sampled_from("中文字abc 12，。"), max_size=12)
LONE = st.sampled_from(["\ud800", "\udbff", "\udc00", "\udfff"])


@given(st.lists(st.tuples(PLAIN, LONE), max_size=5), PLAIN)
def test_every_lone_surrogate_lies_in_a_damaged_span(pieces: list[tuple[str, str]], tail: str) -> None:
    text = "".join(a + b for a, b in pieces) + tail
    doc = ONLY_DAMAGE.process(text)
    assert doc.text == text
    lone = {i for i, ch in enumerate(text) if 0xD800 <= ord(ch) <= 0xDFFF}
    covered = {i for s, e in doc.meta.get("damaged", []) for i in range(s, e)}
    assert covered == lone
