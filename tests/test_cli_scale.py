"""`hanpipe process` at scale: Parquet in and out, and runs that resume where they stopped.

The kill tests run the real command in a subprocess, kill it (SIGKILL, the
whole process group, workers too) once it has written a random number of
records, resume it, and compare the output with an uninterrupted run's.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hanpipe import Pipeline
from hanpipe.cli import main

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

HANPIPE = [sys.executable, "-m", "hanpipe"]
ENV = {**os.environ, "PYTHONHASHSEED": "0"}
QUIET = ["--no-progress"]


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _docs(seed_texts: dict[str, str], size: int = 300) -> list[str]:
    """The seeds cut into documents of about ``size`` characters."""
    docs = []
    for text in seed_texts.values():
        docs += [text[i : i + size] for i in range(0, len(text), size)]
    return docs


def _write_parquet(path: Path, columns: dict[str, list], schema: pa.Schema | None = None, **kw) -> Path:
    pq.write_table(pa.table(columns, schema=schema), path, **kw)
    return path


# -- Parquet in -------------------------------------------------------------------


def test_parquet_rows_give_the_records_pipe_gives(tmp_path: Path, seed_texts: dict[str, str]) -> None:
    docs = _docs(seed_texts)[:60]
    shard = _write_parquet(
        tmp_path / "shard.parquet", {"doc": docs, "key": list(range(100, 100 + len(docs)))}, row_group_size=7
    )
    out = tmp_path / "out.jsonl"
    assert main(["process", str(shard), "--text-column", "doc", "--id-field", "key", "-o", str(out), *QUIET]) == 0
    records = _jsonl(out)
    expected = [d.to_dict() for d in Pipeline().pipe(docs)]
    assert [r["input"] for r in records] == [f"{shard}:{i}" for i in range(1, len(docs) + 1)]
    assert [r["id"] for r in records] == list(range(100, 100 + len(docs)))
    assert [{k: r[k] for k in expected[0]} for r in records] == expected


def test_a_binary_text_column_is_decoded_like_a_file(tmp_path: Path) -> None:
    texts = ["臺灣的資料庫", "简体中文的句子，三成"]
    data = [texts[0].encode("big5"), texts[1].encode("gb18030"), bytes(range(256)) * 8]
    shard = _write_parquet(tmp_path / "b.parquet", {"text": pa.array(data, pa.binary())})
    out = tmp_path / "out.jsonl"
    assert main(["process", str(shard), "-o", str(out), *QUIET]) == 1
    records = _jsonl(out)
    assert [r["text"] for r in records[:2]] == [Pipeline().process(t.encode("utf-8")).text for t in texts]
    assert records[2]["error"] == "NotText"  # binary data in the column: an error row


@pytest.mark.parametrize(
    ("columns", "why"),
    [
        ({"body": ["文本"]}, "has no column 'text' (its columns: body)"),
        ({"text": [1, 2]}, "holds int64, not text or bytes"),
        ({"text": [[1.5]]}, "holds list<element: double>, not text or bytes"),
    ],
)
def test_a_shard_without_a_text_column_is_one_error_and_the_run_goes_on(
    tmp_path: Path, columns: dict, why: str
) -> None:
    bad = _write_parquet(tmp_path / "bad.parquet", columns)
    good = tmp_path / "good.txt"
    good.write_text("后面的输入", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["process", str(bad), str(good), "-o", str(out), *QUIET]) == 1
    first, second = _jsonl(out)
    assert first["input"] == str(bad) and first["error"] == "InputError" and why in first["message"]
    assert second["text"] == "后面的输入" and "error" not in second


def test_parquet_round_trip_adds_no_id(tmp_path: Path) -> None:
    """hanpipe's Parquet output read back: its null ``id`` column is no id, so none is written."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("甲乙", encoding="utf-8")
    pages = tmp_path / "pages.parquet"
    assert main(["process", str(src), "-o", str(pages), *QUIET]) == 0
    again = tmp_path / "again.jsonl"
    assert main(["process", str(pages), "-o", str(again), *QUIET]) == 0
    (record,) = _jsonl(again)
    assert record["text"] == "甲乙" and "id" not in record


def test_null_rows_are_error_rows_between_good_ones(tmp_path: Path) -> None:
    shard = _write_parquet(tmp_path / "n.parquet", {"text": ["一", None, "三", None]})
    out = tmp_path / "out.jsonl"
    assert main(["process", str(shard), "-o", str(out), *QUIET]) == 1
    records = _jsonl(out)
    assert [r.get("text") for r in records] == ["一", None, "三", None]
    assert [r.get("error") for r in records] == [None, "InputError", None, "InputError"]
    assert records[1]["message"] == "row 2: the column 'text' is null"


def test_truncated_and_empty_shards(tmp_path: Path) -> None:
    whole = _write_parquet(tmp_path / "whole.parquet", {"text": ["甲", "乙"]})
    cut = tmp_path / "cut.parquet"
    cut.write_bytes(whole.read_bytes()[:-40])  # the footer is lost
    empty_file = tmp_path / "empty.parquet"
    empty_file.write_bytes(b"")
    no_rows = _write_parquet(tmp_path / "rows0.parquet", {"text": pa.array([], pa.string())})
    out = tmp_path / "out.jsonl"
    assert main(["process", str(cut), str(empty_file), str(no_rows), str(whole), "-o", str(out), *QUIET]) == 1
    records = _jsonl(out)
    assert [r["input"] for r in records] == [str(cut), str(empty_file), f"{whole}:1", f"{whole}:2"]
    assert "cannot read" in records[0]["message"] and "as Parquet" in records[0]["message"]
    assert records[1]["error"] == "InputError"
    assert [r.get("text") for r in records[2:]] == ["甲", "乙"]


def test_a_row_of_50_mb_is_processed(tmp_path: Path) -> None:
    row = "大模型时代的数据。" * (50_000_000 // 27)
    shard = _write_parquet(tmp_path / "big.parquet", {"text": [row, "小"]})
    out = tmp_path / "out.jsonl"
    args = ["process", str(shard), "-o", str(out), "--no-segment", "--extract", "", *QUIET]
    assert main(args) == 0
    records = _jsonl(out)
    assert [len(r["text"]) for r in records] == [len(row), 1]


def test_inputs_over_the_size_limit_get_error_records_and_the_rest_goes_on(tmp_path: Path, capsys) -> None:
    big = tmp_path / "big.txt"
    big.write_text("共1200万元。" * 40_000, encoding="utf-8")  # 640,000 bytes
    small = tmp_path / "small.txt"
    small.write_text("共1200万元。", encoding="utf-8")
    lines = tmp_path / "lines.jsonl"
    long_line = json.dumps({"text": "长" * 200_000}, ensure_ascii=False)  # 600,012 bytes
    lines.write_text(long_line + "\n" + json.dumps({"text": "短"}) + "\n", encoding="utf-8")
    shard = _write_parquet(tmp_path / "rows.parquet", {"text": ["大" * 200_000, "小"]})  # 600,000 bytes
    out = tmp_path / "out.jsonl"
    paths = [str(big), str(small), str(lines), str(shard)]
    assert main(["process", *paths, "-o", str(out), "--max-input-size", "500K", *QUIET]) == 1
    records = _jsonl(out)
    assert [r["input"] for r in records] == [
        str(big), str(small), f"{lines}:1", f"{lines}:2", f"{shard}:1", f"{shard}:2"
    ]  # fmt: skip
    failed = [r["input"] for r in records if r.get("error")]
    assert failed == [str(big), f"{lines}:1", f"{shard}:1"]
    assert [r["message"][:58] for r in records if r.get("error")] == [
        "the input is 625 KB, larger than --max-input-size (500 KB)",
        "the input is 586 KB, larger than --max-input-size (500 KB)",
        "the input is 586 KB, larger than --max-input-size (500 KB)",
    ]
    assert [r["text"] for r in records if not r.get("error")] == ["共1200万元。", "短", "小"]
    assert main(["process", str(big), "-o", str(out), "--max-input-size", "0", *QUIET]) == 0  # 0: no limit
    assert _jsonl(out)[0]["text"] == "共1200万元。" * 40_000


@pytest.mark.parametrize(
    ("spelled", "size"),
    [("64M", 64 << 20), ("500K", 500 << 10), ("500k", 500 << 10), ("1.5G", 3 << 29), ("0", 0), ("1048576", 1 << 20)],
)
def test_max_input_size_spellings(spelled: str, size: int) -> None:
    from hanpipe.cli import _size

    assert _size(spelled) == size


@pytest.mark.parametrize("spelled", ["12X", "-1M", "M", "", "nan"])
def test_a_bad_max_input_size_is_a_usage_error_of_the_process_command(tmp_path: Path, capsys, spelled: str) -> None:
    (tmp_path / "a.txt").write_text("中文", encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        main(["process", str(tmp_path / "a.txt"), "--max-input-size", spelled])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: hanpipe process") and "--max-input-size" in err


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"garbage\n", "its last line is not a record of hanpipe process"),
        (b'{"index": 4, "input": "x"}\n', "it holds 1 lines but the last record's index is 4"),
    ],
)
def test_resuming_an_output_that_is_not_a_run_names_the_output_and_leaves_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, content: bytes, why: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("中文", encoding="utf-8")
    Path("r.jsonl").write_bytes(content)
    assert main(["process", "a.txt", "-o", "r.jsonl", "--resume", *QUIET]) == 2
    assert f"cannot resume from 'r.jsonl': {why}" in capsys.readouterr().err
    assert sorted(os.listdir()) == ["a.txt", "r.jsonl"] and Path("r.jsonl").read_bytes() == content


# -- Parquet out ------------------------------------------------------------------


def test_parquet_output_holds_the_jsonl_records(tmp_path: Path, seed_texts: dict[str, str]) -> None:
    docs = _docs(seed_texts)[:40]
    src = tmp_path / "in.jsonl"
    lines = [json.dumps({"text": t, "id": f"d{i}"}, ensure_ascii=False) for i, t in enumerate(docs)]
    src.write_text("\n".join([*lines, "not json"]) + "\n", encoding="utf-8")
    jsonl, parquet = tmp_path / "out.jsonl", tmp_path / "out.parquet"
    assert main(["process", str(src), "-o", str(jsonl), *QUIET]) == 1
    assert main(["process", str(src), "-o", str(parquet), *QUIET]) == 1
    rows = pq.read_table(parquet).to_pylist()
    assert not (tmp_path / "out.parquet.parts").exists()
    for record, row in zip(_jsonl(jsonl), rows, strict=True):
        assert row["index"] == record["index"] and row["input"] == record["input"]
        assert row["error"] == record.get("error")
        if "error" in record:
            assert row["text"] is None and row["message"] == record["message"]
            continue
        assert row["id"] == record["id"] and row["text"] == record["text"]
        assert json.loads(row["meta"]) == record["meta"]
        assert row["tokens"] == record["tokens"]
        assert list(zip(row["token_starts"], row["token_ends"])) == [tuple(s) for s in record["token_spans"]]
        assert len(row["entities"]) == len(record["entities"])
        for got, want in zip(row["entities"], record["entities"]):
            value = got.pop("value")
            assert (None if value is None else json.loads(value)) == want.pop("value")
            assert json.loads(got.pop("attrs")) == want.pop("attrs")
            assert got == want


def test_format_flag_and_unwritable_parquet_targets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "a.txt"
    src.write_text("一段文字", encoding="utf-8")
    out = tmp_path / "results.bin"
    assert main(["process", str(src), "-o", str(out), "--format", "parquet", *QUIET]) == 0
    assert pq.read_table(out).column("text").to_pylist() == ["一段文字"]
    assert main(["process", str(src), "--format", "parquet", *QUIET]) == 2  # to stdout
    assert "Parquet output needs an output file" in capsys.readouterr().err


# -- resume -----------------------------------------------------------------------


def _read(out: Path) -> list[dict]:
    if out.suffix == ".parquet":
        return pq.read_table(out).to_pylist()
    return _jsonl(out)


def _written(out: Path) -> int:
    """How many records a running command has written so far (its partial file, or its parts)."""
    if out.suffix == ".parquet":
        parts = out.with_name(out.name + ".parts")
        try:
            return sum(pq.ParquetFile(p).metadata.num_rows for p in parts.glob("part-*.parquet"))
        except (OSError, pa.ArrowException):
            return 0
    total = 0
    for p in out.parent.glob(out.name + ".partial-*"):
        try:
            total = max(total, p.read_bytes().count(b"\n"))
        except OSError:
            pass
    return total


def _kill_after(args: list[str], out: Path, records: int, timeout: float = 120) -> bool:
    """Run the command and SIGKILL it (and its workers) once ``records`` are written; whether it was killed."""
    proc = subprocess.Popen(args, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + timeout
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if _written(out) >= records:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                return True
            time.sleep(0.005)
        return False
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, seed_texts: dict[str, str]) -> Path:
    """1,200 short documents as JSONL, one of them not JSON (an error record must survive a resume too)."""
    docs = _docs(seed_texts, 200)
    docs = [f"{i}：{docs[i % len(docs)]}" for i in range(1200)]
    path = tmp_path_factory.mktemp("corpus") / "docs.jsonl"
    lines = [json.dumps({"text": t, "id": i}, ensure_ascii=False) for i, t in enumerate(docs)]
    lines[517] = "{broken"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seed_texts(seed_bytes: dict[str, bytes]) -> dict[str, str]:  # module scope for the corpus fixture
    return {name: Pipeline(convert=None, segment=None, extract=None).process(b).text for name, b in seed_bytes.items()}


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_killed_runs_resume_with_nothing_lost_or_repeated(
    tmp_path: Path, corpus: Path, suffix: str, workers: int
) -> None:
    base = [*HANPIPE, "process", str(corpus), "--batch-size", "25", "--workers", str(workers), *QUIET]
    reference = tmp_path / f"reference{suffix}"
    subprocess.run([*base, "-o", str(reference)], env=ENV, check=False, capture_output=True)
    expected = _read(reference)
    assert len(expected) == 1200
    rng = random.Random(f"{suffix}-{workers}")
    out = tmp_path / f"out{suffix}"
    kills = 0
    for _ in range(3):  # killed up to three times, at random points, each run resuming the last
        args = [*base, "-o", str(out), "--resume"]
        kills += _kill_after(args, out, rng.randrange(1, 1200))
    done = subprocess.run([*base, "-o", str(out), "--resume"], env=ENV, capture_output=True, check=False)
    # the status is this run's: 1 when the broken line fell to it, 0 when an earlier run wrote its error record
    assert done.returncode in (0, 1), done.stderr
    assert b"records of an earlier run" in done.stderr
    assert kills >= 1
    got = _read(out)
    assert [r["index"] for r in got] == list(range(1200))
    assert got == expected
    assert not list(tmp_path.glob("out*.partial-*")) and not (tmp_path / f"out{suffix}.parts").exists()


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_resume_refuses_other_inputs(tmp_path: Path, corpus: Path, suffix: str) -> None:
    out = tmp_path / f"out{suffix}"
    args = [*HANPIPE, "process", str(corpus), "--batch-size", "25", "-o", str(out), "--resume", *QUIET]
    for records in (100, 50, 10):  # a fast run may finish before it is killed: try again, earlier
        if _kill_after(args, out, records):
            break
        out.unlink()
    else:
        pytest.fail("the run always finished before it could be killed")
    written = _written(out)
    other = tmp_path / "other.jsonl"
    other.write_text(corpus.read_text(encoding="utf-8"), encoding="utf-8")
    refused = subprocess.run(
        [*HANPIPE, "process", str(other), "-o", str(out), "--resume", *QUIET], env=ENV, capture_output=True, text=True
    )
    assert refused.returncode == 2
    assert "cannot resume: the earlier run's record" in refused.stderr and "same inputs" in refused.stderr
    assert _written(out) == written  # the earlier records are still there to resume from
    assert not out.exists()


def test_resume_after_ctrl_c_and_after_a_complete_run(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"text": f"第{i}篇"}) + "\n" for i in range(30)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    lines = src.read_text().splitlines(keepends=True)
    half = tmp_path / "half.jsonl"
    half.write_text("".join(lines[:12]), encoding="utf-8")
    # an interrupted run leaves its whole records in the output itself; resuming continues it
    assert main(["process", str(half), "-o", str(out), *QUIET]) == 0
    out.write_text(out.read_text().replace(str(half), str(src)), encoding="utf-8")  # as if the same input
    assert main(["process", str(src), "-o", str(out), "--resume", *QUIET]) == 0
    first = _jsonl(out)
    assert [r["text"] for r in first] == [f"第{i}篇" for i in range(30)]
    assert main(["process", str(src), "-o", str(out), "--resume", *QUIET]) == 0  # complete: nothing to add
    assert _jsonl(out) == first


def test_resume_needs_a_file_and_leftover_parts_need_resume(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "a.txt"
    src.write_text("一段文字", encoding="utf-8")
    assert main(["process", str(src), "--resume", *QUIET]) == 2
    assert "--resume needs an output file" in capsys.readouterr().err
    (tmp_path / "o.parquet.parts").mkdir()
    assert main(["process", str(src), "-o", str(tmp_path / "o.parquet"), *QUIET]) == 2
    assert "--resume continues it" in capsys.readouterr().err


# -- progress ---------------------------------------------------------------------


def test_quiet_prints_nothing_and_the_summary_counts_rates(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "一"}\nnot json\n', encoding="utf-8")
    loud = subprocess.run(
        [*HANPIPE, "process", str(src), "-o", str(tmp_path / "a.jsonl")], env=ENV, capture_output=True, text=True
    )
    assert loud.returncode == 1
    summary = loud.stderr.strip().splitlines()[-1]
    assert summary.startswith("hanpipe: 2 inputs, 1 document,") and "inputs/s" in summary
    assert summary.endswith(", 1 error")
    quiet = subprocess.run(
        [*HANPIPE, "process", str(src), "-o", str(tmp_path / "b.jsonl"), "-q"], env=ENV, capture_output=True, text=True
    )
    assert quiet.returncode == 1 and quiet.stderr == ""


def test_parquet_output_carries_tags_when_tokens_are_tagged(tmp_path: Path) -> None:
    from hanpipe.arrow import records_table, result_schema

    doc = Pipeline(segment_pos=True).process("我爱北京天安门")
    record = {"index": 0, "input": "-", **doc.to_dict()}
    (row,) = records_table([record], result_schema()).to_pylist()
    assert row["tags"] == ["r", "v", "ns", "ns"]  # jieba.posseg.lcut("我爱北京天安门")
    (plain,) = records_table(
        [{"index": 0, "input": "-", **Pipeline().process("我爱").to_dict()}], result_schema()
    ).to_pylist()
    assert plain["tags"] is None and plain["tokens"] == ["我", "爱"]


def test_a_record_parquet_cannot_hold_becomes_an_output_error_row(tmp_path: Path) -> None:
    from hanpipe._cli_output import PartsSink, plan
    from hanpipe.arrow import result_schema

    sink = PartsSink(plan(str(tmp_path / "out.parquet")), result_schema())
    good = {"index": 0, "input": "a", "text": "好", "meta": {}, "entities": []}
    bad = {"index": 1, "input": "b", "id": 7, "text": "坏\ud800", "meta": {}, "entities": []}
    nan = {"index": 2, "input": "c", "text": "好", "meta": {"x": float("nan")}, "entities": []}
    for record in (good, bad, nan):
        sink.write(None, record)
    sink.commit()
    rows = pq.read_table(tmp_path / "out.parquet").to_pylist()
    assert [(r["index"], r["input"], r["text"], r["error"]) for r in rows] == [
        (0, "a", "好", None),
        (1, "b", None, "OutputError"),
        (2, "c", None, "OutputError"),
    ]
    assert rows[1]["id"] == "7" and "lone surrogate U+D800" in rows[1]["message"]
    assert "nan" in rows[2]["message"]


def test_resume_of_a_finished_parquet_run_adds_nothing_and_checks_its_inputs(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"text": f"第{i}篇"}) + "\n" for i in range(30)), encoding="utf-8")
    out = tmp_path / "out.parquet"
    assert main(["process", str(src), "-o", str(out), *QUIET]) == 0
    before = out.read_bytes()
    assert main(["process", str(src), "-o", str(out), "--resume", *QUIET]) == 0
    assert pq.read_table(out).to_pylist() == pq.read_table(pa.BufferReader(before)).to_pylist()
    other = tmp_path / "other.jsonl"
    other.write_bytes(src.read_bytes())
    assert main(["process", str(other), "-o", str(out), "--resume", *QUIET]) == 2
    assert not (tmp_path / "out.parquet.parts").exists()
    assert pq.read_table(out).num_rows == 30


def test_the_readmes_at_scale_commands_run(tmp_path: Path, seeds_dir: Path) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## At scale", 1)[1].split("\n## ", 1)[0]
    commands = [line[2:].split() for line in section.splitlines() if line.startswith("$ hanpipe ")]
    assert len(commands) >= 3
    import shutil

    shutil.copytree(seeds_dir, tmp_path / "seeds")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        for argv in commands:
            assert main([*argv[1:], "--no-progress"]) == 0, argv
    finally:
        os.chdir(cwd)
    assert pq.read_table(tmp_path / "pages.parquet").num_rows == len(list(seeds_dir.iterdir()))
    assert len(_jsonl(tmp_path / "again.jsonl")) == len(list(seeds_dir.iterdir()))
