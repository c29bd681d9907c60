"""What `hanpipe process` reads: JSONL records and their ids, folder walks, names and values UTF-8 cannot hold.

Every record that can be read is written; one that cannot becomes an error
record for its line, and the output is valid UTF-8 JSONL whatever the input.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hanpipe
import hanpipe.cli
from hanpipe import Document, Entity, hookimpl
from hanpipe.cli import main
from hanpipe.pipeline import Pipeline

FAST = ["--no-convert", "--no-segment", "--extract", "", "--no-progress"]


def _lines(path: Path) -> list[dict]:
    """The output's records; fails unless every line is strict UTF-8 holding strict JSON."""
    data = path.read_bytes()
    text = data.decode("utf-8")  # strict: no lone surrogates, no invalid bytes
    records = []
    for line in text.split("\n")[:-1]:
        records.append(json.loads(line, parse_constant=lambda c: pytest.fail(f"non-JSON constant {c}")))
    assert text.endswith("\n") or not text
    return records


def _has_surrogate(s: str) -> bool:
    return any(0xD800 <= ord(c) <= 0xDFFF for c in s)


def _jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# -- lone surrogates and other values UTF-8 JSON cannot hold -------------------


@pytest.mark.parametrize(
    ("line", "expect"),
    [
        (rb'{"t": "a\ud800b"}', "U+D800"),  # the example: a lone high surrogate
        (rb'{"t": "a\udc00b"}', "U+DC00"),  # a lone low surrogate
        (rb'{"t": "\udc00\ud800"}', "U+DC00"),  # a pair in the wrong order
        (rb'{"t": "ok\udbff"}', "U+DBFF"),  # at the very end
        (rb'{"t": "ok", "id": "k\ud800"}', "U+D800"),  # in the id carried to the output
        (b'{"t": "ok", "id": NaN}', "nan"),  # Python's json reads NaN; strict JSON has none
        (b'{"t": "ok", "id": [1, Infinity]}', "inf at [1]"),
        (b'{"t": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "nested too deeply"),
        (b'{"t": "ok"', "not JSON"),
        (b'{"t": "\xff"}', "not JSON"),  # a byte that is not UTF-8
    ],
)
def test_cli_unwritable_jsonl_line_gets_an_error_record_and_the_run_goes_on(
    tmp_path: Path, line: bytes, expect: str
) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(
        b"\n".join(['{"t": "前一行", "id": 1}'.encode(), line, '{"t": "后一行", "id": 3}'.encode()]) + b"\n"
    )
    out = tmp_path / "out.jsonl"
    assert main(["process", str(src), "--jsonl-field", "t", "-o", str(out), *FAST]) == 1
    first, bad, last = _lines(out)
    assert (first["id"], first["text"]) == (1, "前一行")
    assert (last["id"], last["text"]) == (3, "后一行")
    assert bad["input"] == f"{src}:2" and bad["error"] == "InputError"
    assert expect in bad["message"] and "text" not in bad


def test_cli_surrogate_pair_escapes_are_one_character_not_an_error(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "in.jsonl", [r'{"text": "\ud83d\ude00 \u5927"}'])
    out = tmp_path / "out.jsonl"
    assert main(["process", str(src), "-o", str(out), *FAST]) == 0
    assert _lines(out)[0]["text"] == "\U0001f600 大"


alphabet = st.one_of(st.characters(), st.integers(0xD800, 0xDFFF).map(chr))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(alphabet, max_size=12), min_size=1, max_size=6))
def test_cli_property_every_line_gets_one_strict_record(tmp_path: Path, texts: list[str]) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"text": t, "id": i}) + "\n" for i, t in enumerate(texts)), encoding="ascii")
    out = tmp_path / "out.jsonl"
    code = main(["process", str(src), "-o", str(out), *FAST])
    records = _lines(out)
    assert [r["id"] for r in records] == list(range(len(texts)))
    # what a JSON reader makes of the line: an escaped pair in order is one character
    unpaired = [_has_surrogate(json.loads(json.dumps(t))) for t in texts]
    assert [("error" in r) for r in records] == unpaired
    assert code == (1 if any(unpaired) else 0)


def test_cli_file_names_that_are_not_utf8_are_escaped_and_still_read(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    odd = os.fsdecode(b"n\xff\xfe.txt")  # bytes no UTF-8 decoder accepts
    (folder / odd).write_text("文字", encoding="utf-8")
    (folder / "plain.txt").write_text("正文", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["process", str(folder), str(folder / odd), "-o", str(out), *FAST]) == 0
    records = _lines(out)
    escaped = str(folder / "n") + "\\xff\\xfe.txt"  # backslash, x, f, f: as `ls -b` shows it
    assert [(r["input"], r["text"]) for r in records] == [
        (escaped, "文字"),
        (str(folder / "plain.txt"), "正文"),
        (escaped, "文字"),
    ]


def _surrogate_value_plugin() -> object:
    class SurrogateValue:
        """An extractor with a bug: its value holds half a surrogate pair."""

        name = "surrogate-value"

        def extract(self, doc: Document) -> list[Entity]:
            i = doc.text.find("坏")
            return [Entity("odd", i, i + 1, "坏", value="x\udc80")] if i >= 0 else []

    class Plugin:
        @hookimpl
        def hanpipe_register_extractors(self, register):  # type: ignore[no-untyped-def]
            register(SurrogateValue)

    return Plugin()


def test_cli_result_that_json_cannot_hold_becomes_an_output_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        hanpipe.cli,
        "Pipeline",
        functools.partial(Pipeline, plugins=[_surrogate_value_plugin()], extract=["surrogate-value"]),
    )
    src = _jsonl(tmp_path / "in.jsonl", ['{"text": "好", "id": "a"}', '{"text": "坏", "id": "b"}', '{"text": "好"}'])
    out = tmp_path / "out.jsonl"
    assert main(["process", str(src), "-o", str(out), "--no-convert", "--no-segment", "--no-progress"]) == 1
    good, bad, last = _lines(out)
    assert good["text"] == "好" and last["text"] == "好" and "id" not in last
    assert (bad["id"], bad["error"]) == ("b", "OutputError")
    assert bad["message"] == (
        "the result cannot be written as UTF-8 JSON: it holds a lone surrogate U+DC80 at entities[0].value, offset 1"
    )


# -- JSONL records and ids -------------------------------------------------------


@pytest.mark.parametrize("name", ["pages.jsonl", "pages.ndjson", "PAGES.JSONL"])
def test_cli_jsonl_files_are_records_with_field_text_by_default(tmp_path: Path, name: str) -> None:
    src = _jsonl(tmp_path / name, ['{"id": "p1", "text": "联系 a@b.com"}', "", '{"id": 2, "text": "第三行"}'])
    out = tmp_path / "out.jsonl"
    assert main(["process", str(src), "-o", str(out), "--no-convert", "--no-segment", "--extract", "email"]) == 0
    records = _lines(out)
    assert [(r["input"], r["id"], r["text"]) for r in records] == [
        (f"{src}:1", "p1", "联系 a@b.com"),
        (f"{src}:3", 2, "第三行"),  # a blank line gives no record; line numbers stay those of the file
    ]
    assert records[0]["entities"][0]["value"] == "a@b.com"


@pytest.mark.parametrize(
    "data",
    [bytes(range(256)) * 12, '{"text": "一"}\n{"text": "二"}\n'.encode("utf-16")],
    ids=["binary", "utf-16"],
)
def test_cli_jsonl_file_with_a_nul_byte_is_one_error_record(tmp_path: Path, data: bytes) -> None:
    src = tmp_path / "pages.jsonl"
    src.write_bytes(data)
    out = tmp_path / "out.jsonl"
    assert main(["process", str(src), "-o", str(out), *FAST]) == 1
    (record,) = _lines(out)
    assert record["input"] == str(src) and record["error"] == "InputError"
    assert "NUL byte" in record["message"]
    assert src.read_bytes() == data
    # read whole, the same file is one input as any other file is
    assert main(["process", str(src), "--jsonl-as-text", "-o", str(out), *FAST]) in (0, 1)
    (record,) = _lines(out)
    assert record["input"] == str(src)


def test_cli_jsonl_file_with_one_damaged_line_keeps_its_records(tmp_path: Path) -> None:
    src = tmp_path / "pages.jsonl"
    src.write_bytes(b'{"text": "\xe4\xb8\x80"}\n\x00\x01garbled\n{"text": "\xe4\xba\x8c"}\n')
    out = tmp_path / "out.jsonl"
    assert main(["process", str(src), "-o", str(out), *FAST]) == 1
    assert [(r["input"], r.get("text"), r.get("error")) for r in _lines(out)] == [
        (f"{src}:1", "一", None),
        (f"{src}:2", None, "InputError"),
        (f"{src}:3", "二", None),
    ]


def test_cli_jsonl_as_text_reads_the_file_whole(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "pages.jsonl", ['{"text": "一"}', '{"text": "二"}'])
    out = tmp_path / "out.jsonl"
    assert main(["process", str(src), "--jsonl-as-text", "-o", str(out), *FAST]) == 0
    (record,) = _lines(out)
    assert record["input"] == str(src) and "id" not in record
    assert record["text"] == '{"text": "一"}\n{"text": "二"}\n'


def test_cli_jsonl_field_and_id_field_choose_other_fields(tmp_path: Path) -> None:
    src = _jsonl(
        tmp_path / "pages.jsonl",
        [
            '{"doc": {"n": 7}, "id": "ignored", "body": "正文一"}',
            '{"doc": "d2", "text": "没有 body"}',
            '{"body": "没有 doc"}',
        ],
    )
    out = tmp_path / "out.jsonl"
    argv = ["process", str(src), "--jsonl-field", "body", "--id-field", "doc", "-o", str(out), *FAST]
    assert main(argv) == 1
    one, two, three = _lines(out)
    assert (one["id"], one["text"]) == ({"n": 7}, "正文一")
    assert (two["id"], two["error"], two["message"]) == ("d2", "InputError", "line 2 has no string field 'body'")
    assert "id" not in three and three["text"] == "没有 doc"


@pytest.mark.parametrize(
    "options",
    [["--jsonl-field", "t", "--jsonl-as-text"], ["--jsonl-field", ""], ["--id-field"]],
)
def test_cli_jsonl_option_mistakes_are_usage_errors(options: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["process", "x.jsonl", *options])
    assert info.value.code == 2


def test_cli_stdin_is_one_text_unless_a_field_is_given(tmp_path: Path) -> None:
    data = '{"id": 9, "text": "标准输入"}\n{"id": 10, "text": "第二行"}\n'.encode()
    cmd = [sys.executable, "-m", "hanpipe", "process", "-", *FAST]
    whole = subprocess.run(cmd, input=data, capture_output=True, check=True)
    (record,) = [json.loads(x) for x in whole.stdout.splitlines()]
    assert (record["input"], record["text"]) == ("-", data.decode())
    lines = subprocess.run([*cmd, "--jsonl-field", "text"], input=data, capture_output=True, check=True)
    records = [json.loads(x) for x in lines.stdout.splitlines()]
    assert [(r["input"], r["id"], r["text"]) for r in records] == [("-:1", 9, "标准输入"), ("-:2", 10, "第二行")]


def test_cli_help_documents_jsonl_and_binary(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["process", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for words in ("--jsonl-field", "default: text", "--jsonl-as-text", "--id-field", '"id"', "--binary", "NotText"):
        assert words in text


# -- folder walks ----------------------------------------------------------------------


def test_cli_walk_reads_regular_files_in_name_order_and_reports_the_rest(tmp_path: Path) -> None:
    root = tmp_path / "w"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("甲", encoding="utf-8")
    (root / "sub" / "b.txt").write_text("乙", encoding="utf-8")
    (root / "a-c.txt").write_text("丙", encoding="utf-8")
    os.mkfifo(root / "fifo")
    (root / "dangling").symlink_to("nowhere")
    (root / "sub" / "up").symlink_to("..")
    (root / "subl").symlink_to("sub")
    out = tmp_path / "out.jsonl"
    # a subprocess with a timeout: a FIFO that were opened would block the run for ever
    run = subprocess.run(
        [sys.executable, "-m", "hanpipe", "process", str(root), "-o", str(out), *FAST],
        capture_output=True,
        timeout=120,
    )
    assert run.returncode == 1, run.stderr
    got = [(Path(r["input"]).relative_to(root).as_posix(), r.get("text", r.get("message"))) for r in _lines(out)]
    # hand-written: depth first, names in code point order ("a-c.txt" < "a.txt" since "-" < ".")
    assert got == [
        ("a-c.txt", "丙"),
        ("a.txt", "甲"),
        ("dangling", f"cannot read {str(root / 'dangling')!r}: a link to 'nowhere', which does not exist"),
        ("fifo", f"not read: {str(root / 'fifo')!r} is a FIFO (named pipe), not a regular file"),
        ("sub/b.txt", "乙"),
        ("sub/up", f"not read: {str(root / 'sub' / 'up')!r} links back to a folder above it"),
        ("subl/b.txt", "乙"),  # a link to a folder is followed
        ("subl/up", f"not read: {str(root / 'subl' / 'up')!r} links back to a folder above it"),
    ]
    assert b"4 of 8 inputs failed" in run.stderr


def test_cli_walk_leaves_an_earlier_runs_output(tmp_path: Path) -> None:
    """A JSONL file in a folder that holds hanpipe's records (an earlier run wrote it there) is not read
    again as input, whether it begins with a result or an error record; named, it is read."""
    root = tmp_path / "w"
    root.mkdir()
    (root / "a.txt").write_text("甲", encoding="utf-8")
    assert main(["process", str(root), "-o", str(root / "out.jsonl"), *FAST]) == 0
    (root / "errs.jsonl").write_text('{"index": 0, "input": "x", "error": "InputError", "message": "m"}\n')
    (root / "corpus.jsonl").write_text('{"index": 7, "input": "mine", "text": "乙"}\n')  # no entities: a corpus
    again = tmp_path / "again.jsonl"
    assert main(["process", str(root), "-o", str(again), *FAST]) == 1
    got = [(Path(r["input"].split(":")[0]).name, r.get("text"), r.get("error")) for r in _lines(again)]
    assert got == [
        ("a.txt", "甲", None),
        ("corpus.jsonl", "乙", None),
        ("errs.jsonl", None, "InputError"),
        ("out.jsonl", None, "InputError"),
    ]
    assert "earlier run" in _lines(again)[3]["message"]
    named = tmp_path / "named.jsonl"
    assert main(["process", str(root / "out.jsonl"), "-o", str(named), *FAST]) == 0
    assert [r["text"] for r in _lines(named)] == ["甲"]


def test_cli_engine_of_no_stage_says_so() -> None:
    with pytest.raises(hanpipe.ConfigError, match=r"no stage 'segmnt': the stages are decode, clean"):
        Pipeline().engine("segmnt")


def test_cli_walk_unreadable_folder_gets_an_error_record(tmp_path: Path, capsys) -> None:
    root = tmp_path / "w"
    (root / "locked").mkdir(parents=True)
    (root / "z.txt").write_text("后", encoding="utf-8")
    (root / "locked").chmod(0)
    try:
        if os.access(root / "locked", os.R_OK):
            pytest.skip("running as a user who may read any folder")
        assert main(["process", str(root), *FAST]) == 1
    finally:
        (root / "locked").chmod(0o755)
    records = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [r["input"] for r in records] == [str(root / "locked"), str(root / "z.txt")]
    assert "Permission denied" in records[0]["message"]


def test_cli_explicit_dangling_link_names_its_target(tmp_path: Path, capsys) -> None:
    (tmp_path / "gone.txt").symlink_to("target.txt")
    assert main(["process", str(tmp_path / "gone.txt"), *FAST]) == 1
    (record,) = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert (
        record["message"] == f"cannot read {str(tmp_path / 'gone.txt')!r}: a link to 'target.txt', which does not exist"
    )
