"""Every extractor is registered through the hook; the configuration picks them; kinds share one scan."""

from __future__ import annotations

import hanpipe
from hanpipe.api import extract
from hanpipe.builtin.extract import ENGINES as EXTRACT_ENGINES
from hanpipe.builtin.extract import numerals
from hanpipe.config import DEFAULT
from hanpipe.document import Document, Edit
from hanpipe.pipeline import Pipeline
from hanpipe.registry import Registry

EXTRACTORS = tuple(ref.load() for ref in EXTRACT_ENGINES)


def test_extract_plugins_registered() -> None:
    registry = Registry(entry_points=False)
    names = {cls.name for cls in EXTRACTORS}
    assert names <= set(registry.engines["extract"])
    assert names == {"number", "percent", "money", "quantity", "date", "time", "email", "url", "phone", "keyword"}


def test_extract_plugins_default_config_names_registered_engines() -> None:
    registry = Registry(entry_points=False)
    assert set([e.engine for e in DEFAULT.extract]) <= set(registry.engines["extract"])


def test_extract_plugins_priorities_order_the_readings() -> None:
    prio = {cls.name: cls.priority for cls in EXTRACTORS}
    assert prio["money"] > prio["quantity"] > prio["number"]
    assert prio["percent"] > prio["number"]
    assert prio["time"] > prio["date"] > prio["quantity"]
    assert prio["email"] > prio["date"] and prio["phone"] > prio["number"]
    assert prio["keyword"] is None


def test_extract_plugins_config_chooses() -> None:
    text = "1200万美元，85%，2023年"
    assert hanpipe.extract(text, kinds=["money"])[0].text == "1200万美元"  # the package forwards the call
    only = extract(text, kinds=["percent"])
    assert [(e.kind, e.text) for e in only] == [("percent", "85%")]
    every = extract(text)
    assert [(e.kind, e.text) for e in every] == [("money", "1200万美元"), ("percent", "85%"), ("date", "2023年")]


def test_extract_plugins_numeric_kinds_share_one_scan(monkeypatch) -> None:
    """The six numeric kinds read one number scan, kept with the document: asked again of
    the same document it is not made again; a new document, even with the same text, and
    an edited one are scanned afresh."""
    calls = []
    real = numerals.number_arrays

    def counting(cps):
        calls.append(len(cps))
        return real(cps)

    monkeypatch.setattr(numerals, "number_arrays", counting)
    p = Pipeline(
        clean=None,
        convert=None,
        segment=None,
        extract=["number", "percent", "money", "quantity", "date", "time"],
        entry_points=False,
    )
    text = "第一次扫描：1200万美元和3584张，2023年9月22日"
    doc = Document.from_text(text)
    found = [(e.kind, e.text, e.value) for e in p.extract(doc).entities]
    assert found == [
        ("money", "1200万美元", 12_000_000),
        ("quantity", "3584张", 3584),
        ("date", "2023年9月22日", "2023-09-22"),
    ]
    assert len(calls) == 1
    p.extract(doc)
    assert len(calls) == 1
    p.extract(Document.from_text(text))
    assert len(calls) == 2
    edited = doc.apply_edits([Edit(6, 10, "1300")], step="test")
    money = p.extract(edited).entities[0]
    assert (money.kind, money.text, money.value) == ("money", "1300万美元", 13_000_000)
    assert len(calls) == 3


def test_extract_plugins_source_spans_point_at_the_original() -> None:
    doc = hanpipe.process("開銷約2萬(wàn)美元。".encode())
    (money,) = [e for e in doc.entities if e.kind == "money"]
    assert money.value == 20000 and money.unit == "USD"
    assert doc.text[money.start : money.end] == money.text
    assert doc.source[money.source_start : money.source_end].startswith("約2萬")


def test_extract_plugins_documents_pickle() -> None:
    """Worker processes send Documents back: every entity value and attribute must pickle."""
    import pickle

    text = "约1200万美元，3.5%-4.5%，三分之一，两到三年，2023-05-20 13:21:01，今年3月，156 0057 2229，" + "9" * 30
    doc = Pipeline(clean=None, convert=None, extract=[*[e.engine for e in DEFAULT.extract], "keyword"]).process(text)
    assert len(doc.entities) > 8
    assert pickle.loads(pickle.dumps(doc)).entities == doc.entities


def test_extract_plugins_options_are_annotated() -> None:
    """Every built-in extractor states its options with precise, resolvable annotations (no Any),
    since the pipeline checks option values against them."""
    import inspect
    import typing

    for cls in EXTRACTORS:
        init = vars(cls).get("__init__")
        if init is None:
            continue
        hints = typing.get_type_hints(init)
        params = [p for p in inspect.signature(init).parameters if p != "self"]
        assert params and set(params) <= set(hints), cls
        assert all(hints[p] is not typing.Any for p in params), (cls, hints)
