"""The hanpipe command: records, order, summary and exit codes."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from hanpipe.cli import main


def _records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_cli_process_seeds_writes_one_simplified_record_each(seeds_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "seeds.jsonl"
    assert main(["process", str(seeds_dir), "-o", str(out), "--no-progress"]) == 0
    records = _records(out.read_text(encoding="utf-8"))
    names = sorted(p.name for p in seeds_dir.glob("*.txt"))
    assert [Path(r["input"]).name for r in records] == names
    assert [r["index"] for r in records] == list(range(5))
    by_name = {Path(r["input"]).name: r for r in records}
    traditional = by_name["001_8a7838785014c413.txt"]
    # hand-checked: the title reads 引領的大模型時代 in the source
    assert "大模型时代" in traditional["text"] and "時代" not in traditional["text"]
    for r in records:
        assert r["tokens"] and "".join(r["tokens"]) == r["text"]
        assert len(r["token_spans"]) == len(r["tokens"])
    found = {(e["kind"], e["value"]) for e in by_name["003_c76b33a41cce0777.txt"]["entities"]}
    assert ("email", "809451989@qq.com") in found
    assert ("url", "http://www.hqwc.cn/news/217188.html") in found


def test_cli_unreadable_path_gives_error_record_and_exit_1(seeds_dir: Path, tmp_path: Path, capsys) -> None:
    first = sorted(seeds_dir.glob("*.txt"))[0]
    missing = tmp_path / "missing.txt"
    code = main(["process", str(missing), str(first), "--no-convert", "--no-segment", "--no-progress"])
    captured = capsys.readouterr()
    assert code == 1
    records = _records(captured.out)
    assert len(records) == 2
    assert records[0]["input"] == str(missing) and records[0]["error"] == "InputError"
    assert "cannot read" in records[0]["message"]
    assert records[1]["input"] == str(first) and "text" in records[1]
    assert "2 inputs, 1 document," in captured.err and "1 error" in captured.err


@pytest.mark.parametrize("quiet", [False, True])
def test_cli_says_why_a_first_result_is_slow(
    seeds_dir: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch, quiet: bool
) -> None:
    """A first result that takes longer than FIRST_WAIT gets one line on stderr saying a first run compiles
    (here the wait is made 0 s and the first input slow); ``-q`` says nothing."""
    import time

    import hanpipe.cli

    monkeypatch.setattr(hanpipe.cli, "FIRST_WAIT", 0.0)
    slow = hanpipe.cli._record

    def record(*a, **kw):
        time.sleep(0.3)  # the timer thread runs meanwhile
        return slow(*a, **kw)

    monkeypatch.setattr(hanpipe.cli, "_record", record)
    first = sorted(seeds_dir.glob("*.txt"))[0]
    argv = ["process", str(first), "-o", str(tmp_path / "o.jsonl"), "--no-progress", *(["-q"] if quiet else [])]
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert (hanpipe.cli.FIRST_WAIT_NOTE in err) is not quiet
    assert err.count("first run compiles") <= 1


@pytest.mark.parametrize(
    "argv",
    [
        ["process"],
        ["process", "x", "--workers", "zero"],
        ["process", "x", "--workers", "0"],
        ["frobnicate"],
        [],
    ],
)
def test_cli_usage_errors_exit_2(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2


def test_cli_unknown_extractor_exits_2(tmp_path: Path, capsys) -> None:
    assert main(["process", str(tmp_path), "--extract", "nope", "--no-convert"]) == 2
    assert "no extract engine named 'nope'" in capsys.readouterr().err


def test_cli_jsonl_input_keeps_order_and_flags_bad_lines(tmp_path: Path, capsys) -> None:
    src = tmp_path / "pages.jsonl"
    lines = [
        json.dumps({"text": "联系 a@b.com"}, ensure_ascii=False),
        "{not json",
        json.dumps({"body": "没有 text 字段"}, ensure_ascii=False),
        json.dumps({"text": "访问 https://example.com/a."}, ensure_ascii=False),
    ]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = main(["process", str(src), "--jsonl-field", "text", "--no-convert", "--no-segment", "--no-progress"])
    records = _records(capsys.readouterr().out)
    assert code == 1
    assert [r["input"] for r in records] == [f"{src}:{n}" for n in (1, 2, 3, 4)]
    assert [("error" in r) for r in records] == [False, True, True, False]
    assert records[0]["entities"][0]["value"] == "a@b.com"
    assert records[3]["entities"][0]["text"] == "https://example.com/a"


def test_cli_stdin_bytes_in_any_encoding(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    data = "標題：大模型\r\n".encode("big5")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["process", "-", "--no-segment", "--no-progress"]) == 0
    (record,) = _records(capsys.readouterr().out)
    assert record["input"] == "-"
    assert record["text"] == "标题：大模型\n"
    assert record["meta"]["encoding"].startswith("big5")


def test_cli_stdin_of_json_lines_read_as_text_says_how_to_read_records(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    data = '{"id": 1, "text": "你好"}\n{"id": 2, "text": "世界"}\n'.encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["process", "-", "--no-segment", "--no-progress"]) == 0
    captured = capsys.readouterr()
    assert len(_records(captured.out)) == 1  # one text, as documented
    assert "--jsonl-field FIELD reads a record per line" in captured.err
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("{不是JSON}\n第二行".encode())))
    assert main(["process", "-", "--no-segment", "--no-progress"]) == 0
    assert "--jsonl-field" not in capsys.readouterr().err


def test_cli_workers_give_the_same_records(seeds_dir: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["process", str(seeds_dir), "-o", str(one), "--no-progress", "--no-segment"]) == 0
    assert main(["process", str(seeds_dir), "-o", str(two), "--no-progress", "--no-segment", "--workers", "2"]) == 0
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")


def test_cli_plugins_lists_engines_with_distribution(capsys) -> None:
    assert main(["plugins"]) == 0
    out = capsys.readouterr().out
    assert "segment:" in out and "jieba-ref" in out and "hanpipe-testplugin" in out
