"""Pipeline configuration, batches and overlap resolution."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hanpipe
from hanpipe import ConfigError, Document, Entity, ErrorRecord, InputError, Pipeline, PluginError, overlaps
from hanpipe.config import EngineConfig, FrozenOptions
from hanpipe.document import Entities
from hanpipe.overlaps import resolve_overlaps
from tests.reference.overlaps_naive import resolve_naive

LIGHT = {"convert": None, "segment": None}


def test_pipeline_accepts_bytes_str_and_paths(tmp_path: Path) -> None:
    p = Pipeline(**LIGHT)
    path = tmp_path / "page.txt"
    path.write_bytes("联系 a@b.com\r\n".encode("gb18030"))
    assert p.process(path.read_bytes()).text == "联系 a@b.com\n"
    assert p.process(path).text == "联系 a@b.com\n"
    assert p.process("联系 a@b.com").text == "联系 a@b.com"


def test_pipeline_rejects_other_types_clearly() -> None:
    with pytest.raises(InputError, match="takes bytes, str or a path, got int"):
        Pipeline(**LIGHT).process(42)  # type: ignore[arg-type]


def test_pipeline_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        Pipeline(**LIGHT).process(tmp_path / "absent.txt")


@pytest.mark.parametrize("workers", [1, 2])
def test_pipeline_pipe_keeps_order_and_records_failures(workers: int) -> None:
    p = Pipeline(**LIGHT)
    inputs: list[object] = [f"第{i}页 u{i}@example.com" for i in range(30)]
    inputs[7] = 3.5
    inputs[20] = None
    results = list(p.pipe(inputs, workers=workers, chunksize=4))  # type: ignore[arg-type]
    assert len(results) == 30
    for i, result in enumerate(results):
        if i in (7, 20):
            assert isinstance(result, ErrorRecord)
            assert result.index == i and result.error == "InputError"
        else:
            assert isinstance(result, Document)
            assert result.entities[0].value == f"u{i}@example.com"


def test_pipeline_pipe_can_raise() -> None:
    with pytest.raises(InputError):
        list(Pipeline(**LIGHT).pipe(["好", 1], on_error="raise"))  # type: ignore[list-item]


def test_pipeline_pipe_workers_carry_plugin_errors_back() -> None:
    p = Pipeline(convert=None, segment=None, extract=["test-boom"])
    (result,) = list(p.pipe(["x"], workers=2))
    assert isinstance(result, ErrorRecord) and result.error == "PluginError"
    assert "test-boom" in result.message
    with pytest.raises(PluginError) as info:
        list(p.pipe(["x"], workers=2, on_error="raise"))
    assert info.value.engine == "test-boom"


def test_pipeline_flat_options_reach_the_engine() -> None:
    p = Pipeline(convert=None, extract=None, segment="jieba-ref", segment_mode="search")
    assert p.config.segment == EngineConfig("jieba-ref", FrozenOptions({"mode": "search"}))
    assert "清华大学" in p.process("我来到北京清华大学").words
    assert "华大" in p.process("我来到北京清华大学").words


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"segment_bogus": 1, "convert": None}, "has no option 'bogus'"),
        ({"frobnicate": 1}, "unknown option 'frobnicate'"),
        ({"segment": None, "segment_hmm": False, "convert": None}, "segment stage is switched off"),
        ({"decode": None}, "cannot be switched off"),
        ({"segment": 3, "convert": None}, "expected an engine name"),
        ({"extract": ["nope"], "convert": None}, "no extract engine named 'nope'"),
    ],
)
def test_pipeline_config_errors(config: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Pipeline(**config)


def test_pipeline_pipe_validates_arguments() -> None:
    with pytest.raises(ConfigError):
        list(Pipeline(**LIGHT).pipe([], on_error="ignore"))
    with pytest.raises(ConfigError):
        list(Pipeline(**LIGHT).pipe([], workers=0))


def _e(kind: str, start: int, end: int) -> Entity:
    return Entity(kind, start, end, "x" * (end - start))


def test_resolve_overlaps_keeps_the_richest_reading() -> None:
    money, number, inner, later = _e("money", 0, 7), _e("number", 0, 5), _e("number", 1, 2), _e("number", 9, 11)
    kept = resolve_overlaps([(10, [number, inner]), (30, [money]), (10, [later])])
    assert kept == [money, later]


def test_resolve_overlaps_one_kind_never_overlaps_itself() -> None:
    a, b, c = _e("date", 0, 4), _e("date", 0, 6), _e("date", 5, 8)
    assert resolve_overlaps([(20, [a, b]), (20, [c])]) == [b]


def test_resolve_overlaps_equal_priority_kinds_and_opt_outs_coexist() -> None:
    email, url, kw = _e("email", 0, 10), _e("url", 5, 15), _e("keyword", 0, 3)
    kept = resolve_overlaps([(0, [email]), (0, [url]), (None, [kw, kw])])
    assert kept == [email, url, kw, kw]


span_entities = st.lists(
    st.tuples(
        st.sampled_from([None, 10, 30, 30, 40]),
        st.sampled_from(["number", "money", "quantity"]),
        st.integers(0, 30),
        st.integers(0, 6),
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(span_entities)
def test_resolve_overlaps_equals_the_naive_reference(items: list[tuple[int | None, str, int, int]]) -> None:
    found = [(prio, _e(kind, start, start + length)) for prio, kind, start, length in items]
    groups = [(prio, [ent]) for prio, ent in found]
    assert sorted(resolve_overlaps(groups), key=_key) == sorted(resolve_naive(found), key=_key)


def _key(ent: Entity) -> tuple[int, int, str]:
    return (ent.start, ent.end, ent.kind)


def test_pipeline_extractor_without_priority_keeps_what_overlaps_builtin_facts() -> None:
    class StockCode:
        name = "stock-code"

        def extract(self, doc: Document) -> list[Entity]:
            i = doc.text.find("(300476)")
            return [Entity("stock", i, i + 8, "(300476)", value="300476")] if i >= 0 else []

    class Plugin:
        @hanpipe.hookimpl
        def hanpipe_register_extractors(self, register):  # type: ignore[no-untyped-def]
            register(StockCode)

    p = Pipeline(plugins=[Plugin()], convert=None, segment=None, extract=["number", "stock-code"])
    doc = p.process("胜宏科技(300476)涨停")
    assert [(e.kind, e.text) for e in doc.entities] == [("stock", "(300476)"), ("number", "300476")]


@settings(max_examples=300, deadline=None)
@given(span_entities)
def test_resolve_overlaps_few_and_array_passes_keep_the_same_entities_in_the_same_order(
    items: list[tuple[int | None, str, int, int]],
) -> None:
    """The plain pass for a few entities and the array pass for many are one rule: equal on any input,
    order included, and equal to the naive reference."""
    levels: dict[int, list[Entities]] = {}
    for prio, kind, start, length in items:
        if prio is not None:
            levels.setdefault(prio, []).append(Entities.of([_e(kind, start, start + length)]))
    few, arrays = Entities.concat(overlaps._kept_few(levels)), Entities.concat(overlaps._kept(levels))
    assert list(few) == list(arrays)
    found = [(prio, _e(kind, start, start + length)) for prio, kind, start, length in items if prio is not None]
    assert sorted(few, key=_key) == sorted(resolve_naive(found), key=_key)
