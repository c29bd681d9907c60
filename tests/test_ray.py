"""hanpipe.ray against a real local Ray cluster (2 CPUs): run by the ``ray`` nox session.

The rows must equal ``Pipeline.pipe`` on the same inputs, bad rows must
become error rows, and a Parquet round trip must keep every input row once.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
ray = pytest.importorskip("ray", reason="needs the ray extra: nox -s ray (or nox -s bench) installs it")
pytest.importorskip("ray.data")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

import hanpipe.ray  # noqa: E402
from hanpipe import ConfigError, Pipeline  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def docs(seed_texts: dict[str, str]) -> list[str]:
    out = []
    for text in seed_texts.values():
        out += [text[i : i + 400] for i in range(0, len(text), 400)]
    return out


def test_rows_equal_pipe_and_bad_rows_are_error_rows(cluster: None, docs: list[str]) -> None:
    values = [*docs[:150], None, "三成的人花了1200萬美元", ""]
    ds = ray.data.from_arrow(pa.table({"text": pa.array(values, pa.string()), "id": list(range(len(values)))}))
    rows = hanpipe.ray.process(ds, words=True, concurrency=2, num_cpus=0.5, batch_size=40).take_all()
    # every row once; Ray Data hands blocks on as they finish (preserve_order is off), so by id
    rows = sorted(rows, key=lambda r: r["id"])
    assert [r["id"] for r in rows] == list(range(len(values)))
    good = [v for v in values if isinstance(v, str)]
    expected = iter(Pipeline().pipe(good))
    for value, row in zip(values, rows):
        assert row["source"] == (value if isinstance(value, str) else None)
        if not isinstance(value, str):
            assert row["error"] == "InputError" and row["message"] == "the column 'text' is null"
            assert row["text"] is None
            continue
        doc = next(expected)
        assert row["error"] is None
        assert row["text"] == doc.text
        assert json.loads(row["meta"]) == doc.to_dict()["meta"]
        assert row["tokens"] == doc.words
        assert list(zip(row["token_starts"], row["token_ends"])) == doc.token_spans
        got = [
            (e["kind"], e["start"], e["end"], e["text"], e["source_start"], e["source_end"]) for e in row["entities"]
        ]
        assert got == [(e.kind, e.start, e.end, e.text, e.source_start, e.source_end) for e in doc.entities]
        assert [json.loads(e["value"]) if e["value"] is not None else None for e in row["entities"]] == [
            e["value"] for e in doc.to_dict()["entities"]
        ]


def test_parquet_round_trip_keeps_every_row_once(cluster: None, docs: list[str], tmp_path: Path) -> None:
    shards = tmp_path / "in"
    shards.mkdir()
    texts = [f"{i}：{docs[i % len(docs)]}" for i in range(2000)]  # about 1.5 MB
    for k in range(4):
        part = texts[k * 500 : (k + 1) * 500]
        pq.write_table(pa.table({"body": part, "key": list(range(k * 500, (k + 1) * 500))}), shards / f"{k}.parquet")
    # the actors take half a CPU each, so Ray's list, read and write tasks find room on the 2-CPU cluster
    ds = ray.data.read_parquet(str(shards), num_cpus=0.25)
    out = tmp_path / "out"
    hanpipe.ray.process(ds, "body", concurrency=2, num_cpus=0.5, extract=["money", "percent"]).write_parquet(str(out))
    table = pq.read_table(out)
    assert sorted(table.column("key").to_pylist()) == list(range(2000))
    by_key = dict(zip(table.column("key").to_pylist(), table.column("text").to_pylist()))
    p = Pipeline(extract=["money", "percent"])
    for key in (0, 777, 1999):
        assert by_key[key] == p.process(texts[key]).text
    assert table.column("error").null_count == 2000
    assert "body" in table.column_names and "source" not in table.column_names


def test_a_column_of_numbers_gives_error_rows(cluster: None) -> None:
    ds = ray.data.from_arrow(pa.table({"text": [1, 2, 3]}))
    rows = hanpipe.ray.process(ds, concurrency=1, num_cpus=0.5).take_all()
    assert [r["source"] for r in rows] == [1, 2, 3]
    assert {r["message"] for r in rows} == {"the column 'text' is of type int, not text or bytes"}


def test_a_clashing_column_or_bad_configuration_is_refused(cluster: None) -> None:
    with pytest.raises(ConfigError):
        hanpipe.ray.process(ray.data.from_items([{"text": "一"}]), convert_variant="nope")
    ds = ray.data.from_items([{"text": "一", "meta": "x"}])
    with pytest.raises(Exception, match="has the name of a result column"):
        hanpipe.ray.process(ds, concurrency=1, num_cpus=0.5).take_all()


def test_tagged_words_come_with_their_tags(cluster: None) -> None:
    ds = ray.data.from_items([{"text": "我爱北京天安门"}, {"text": None}])
    rows = hanpipe.ray.process(ds, words=True, concurrency=1, num_cpus=0.5, segment_pos=True).take_all()
    assert rows[0]["tokens"] == ["我", "爱", "北京", "天安门"]
    assert rows[0]["tags"] == ["r", "v", "ns", "ns"]  # jieba.posseg.lcut("我爱北京天安门")
    assert rows[1]["tags"] is None and rows[1]["error"] == "InputError"


def test_readme_ray_block_runs(cluster: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from tests.test_readme import RAY_BLOCKS, ROOT, run_block

    assert RAY_BLOCKS, "the README shows the Ray adapter"
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(ray, "init", lambda *a, **k: None)  # the module's cluster is already up
    for number in RAY_BLOCKS:
        printed = run_block(number)
        assert printed.strip(), "the block prints what it made"
    for leftover in ("seeds-ray",):
        assert not (ROOT / leftover).exists() or pytest.fail(f"the README block left {leftover} behind")


def test_an_input_of_one_block_is_spread_over_the_actors(cluster: None, docs: list[str]) -> None:
    ds = ray.data.from_arrow(pa.table({"text": docs[:120]}))  # one block, as a read of small files can give
    assert ds.materialize().num_blocks() == 1
    out = hanpipe.ray.process(ds, concurrency=2, num_cpus=0.5, batch_size=40).materialize()
    # tasks of about a batch each, free to go to either actor (a block goes to one actor as a whole)
    tasks = re.search(r"MapBatches\(Processor\): (\d+) tasks executed", out.stats())
    assert tasks is not None and int(tasks.group(1)) >= 2, out.stats()
    assert sorted(r["source"] for r in out.take_all()) == sorted(docs[:120])  # each once, in any order
