"""Entities: entity columns that read back as the Entity objects they hold."""

from __future__ import annotations

import dataclasses
import pickle

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanpipe import document
from hanpipe.document import Document, Entities, Entity
from hanpipe.errors import InputError

HAND = [
    Entity("number", 0, 2, "12", 12, None, {"approx": False}),
    Entity("money", 3, 9, "1200万美元", 12_000_000, "USD", {"approx": True, "qualifier": "约"}, 3, 10),
    Entity("percent", 10, 13, "85%", 0.85, None, {}),
]

entity = st.builds(
    Entity,
    kind=st.sampled_from(["number", "money", "date"]),
    start=st.integers(0, 50),
    end=st.integers(0, 50),
    text=st.text(max_size=3),
    value=st.one_of(st.none(), st.integers(), st.floats(allow_nan=False), st.text(max_size=2)),
    unit=st.one_of(st.none(), st.sampled_from(["USD", "CNY"])),
    attrs=st.dictionaries(st.sampled_from(["approx", "low"]), st.integers(), max_size=2),
    source_start=st.integers(-1, 60),
    source_end=st.integers(-1, 60),
)


@pytest.mark.parametrize("by_slots", [True, False], ids=["slots", "constructor"])
def test_entities_read_back_as_the_objects(monkeypatch: pytest.MonkeyPatch, by_slots: bool) -> None:
    monkeypatch.setattr(document, "_BY_SLOTS", by_slots)
    cols = Entities.of(HAND)
    made = list(cols)
    assert made == HAND
    assert [type(e.start) for e in made] == [int, int, int]
    assert [cols[i] for i in range(3)] == HAND
    assert cols[-1] == HAND[-1]
    assert list(cols[1:]) == HAND[1:]
    with pytest.raises(IndexError):
        cols[3]


def test_entities_columns_default_like_the_dataclass() -> None:
    cols = Entities("number", [0, 5], [1, 6], ["1", "2"], [1, 2])
    assert cols == [Entity("number", 0, 1, "1", 1), Entity("number", 5, 6, "2", 2)]
    assert cols == tuple(cols)
    assert cols != [Entity("number", 0, 1, "1", 1)]
    assert Entities.empty() == [] and len(Entities.empty()) == 0
    with pytest.raises(InputError, match="differ in length"):
        Entities("number", [0, 5], [1], ["1", "2"])
    with pytest.raises(InputError, match="Entity"):
        Entities.of(["not an entity"])  # type: ignore[list-item]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(entity, max_size=6), max_size=4), st.randoms())
def test_entities_concat_and_take_equal_list_operations(parts: list[list[Entity]], rnd) -> None:
    flat = [e for part in parts for e in part]
    joined = Entities.concat(Entities.of(p) for p in parts)
    assert list(joined) == flat
    order = list(range(len(flat))) * 2
    rnd.shuffle(order)
    assert list(joined.take(np.array(order, dtype=np.int64))) == [flat[i] for i in order]
    assert pickle.loads(pickle.dumps(joined)) == flat
    assert joined.to_dicts() == [e.to_dict() for e in flat]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 8), st.integers(0, 4), st.sampled_from("abc")), max_size=12))
def test_entities_attached_in_text_order(spans: list[tuple[int, int, str]]) -> None:
    text = "0123456789abcdef"
    ents = [Entity(kind, s, s + k, text[s : s + k], i) for i, (s, k, kind) in enumerate(spans)]
    doc = Document.from_text(text).with_entities(ents)
    placed = [dataclasses.replace(e, source_start=e.start, source_end=e.end) for e in ents]
    assert list(doc.entities) == sorted(placed, key=lambda e: (e.start, e.end, e.kind))
    assert pickle.loads(pickle.dumps(doc)).entities == doc.entities


@settings(max_examples=100, deadline=None)
@given(
    st.text(st.sampled_from("ab字😀\ud800"), min_size=1, max_size=30),
    st.lists(
        st.tuples(st.integers(0, 29), st.integers(0, 4), st.sampled_from([False] * 30 + [True])),
        min_size=33,
        max_size=80,
    ),
)
def test_entities_check_of_many_agrees_with_slicing_each(text: str, rows: list[tuple[int, int, bool]]) -> None:
    """From 33 entities on the check compares code points in arrays; it accepts and refuses what slicing does."""
    ents = []
    for start, length, wrong in rows:
        start = min(start, len(text))
        end = min(start + length, len(text))
        surface = text[start:end] + ("x" if wrong else "")
        ents.append(Entity("k", start, end, surface))
    columns = Entities.of(ents)
    first_wrong = next((e for e in ents if text[e.start : e.end] != e.text), None)
    cps = Document.from_text(text).code_points
    for points in (None, cps):  # with the text's code points given, as a document's are, or made
        if first_wrong is None:
            columns.check(text, points)
        else:
            where = f"\\[{first_wrong.start}:{first_wrong.end}\\]"
            with pytest.raises(InputError, match=f"does not match the text at {where}"):
                columns.check(text, points)
