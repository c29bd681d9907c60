"""`hanpipe process` never destroys what it was given, and fails with a message, not a traceback.

Behaviour about processes, signals and pipes runs the real command in a
subprocess; the rest calls ``main()``.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import hanpipe
from hanpipe.cli import main

FAST = ["--no-convert", "--no-segment", "--extract", "", "--no-progress"]
HANPIPE = [sys.executable, "-m", "hanpipe"]
ENV = {**os.environ, "PYTHONHASHSEED": "0"}


def _records(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (links not followed) with its bytes, to show nothing changed."""
    return {
        str(p.relative_to(folder)): (b"->" + os.readlink(p).encode() if p.is_symlink() else p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_symlink() or p.is_file()
    }


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "o"
    d.mkdir()
    (d / "a.txt").write_text("大模型时代，原文。\n", encoding="utf-8")
    (d / "b.txt").write_text("第二篇。\n", encoding="utf-8")
    return d


# -- the output is never an input ---------------------------------------------


@pytest.mark.parametrize(
    ("inputs", "output", "setup"),
    [
        (["a.txt"], "a.txt", None),  # the example
        (["b.txt", "a.txt"], "a.txt", None),  # not the first input
        (["a.txt"], "../o/./a.txt", None),  # another spelling of the same path
        (["link.txt"], "a.txt", "symlink"),  # the input is a link to the output
        (["a.txt"], "link.txt", "symlink"),  # the output is a link to the input
        (["hard.txt"], "a.txt", "hardlink"),  # two names, one file
        (["pages.jsonl"], "pages.jsonl", "jsonl"),
        (["missing.txt"], "missing.txt", None),  # a path given twice, even before it exists
    ],
)
def test_cli_output_that_is_an_input_is_refused_before_anything_is_written(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys, inputs: list[str], output: str, setup: str | None
) -> None:
    if setup == "symlink":
        (folder / "link.txt").symlink_to("a.txt")
    elif setup == "hardlink":
        os.link(folder / "a.txt", folder / "hard.txt")
    elif setup == "jsonl":
        (folder / "pages.jsonl").write_text('{"text": "一"}\n', encoding="utf-8")
    before = _tree(folder)
    monkeypatch.chdir(folder)
    assert main(["process", *inputs, "-o", output, *FAST]) == 2
    err = capsys.readouterr().err
    assert "is the input" in err and "Traceback" not in err
    assert _tree(folder) == before  # not truncated, no partial file left


@pytest.mark.parametrize(
    ("setup", "output"),
    [
        ("plain", "o/a.txt"),  # a text file the walk of o/ would read
        ("link", "o/link.jsonl"),  # a link, in the folder, to a file in it
        ("walked link", "e/x.txt"),  # outside the folder, but the walk reaches it through a link to its folder
        ("parquet", "o/data.parquet"),  # a Parquet input that is not hanpipe's output
        ("jsonl", "o/pages.jsonl"),  # JSON lines that are not hanpipe records
    ],
)
def test_cli_output_among_a_walks_files_is_refused_and_left_as_it_was(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys, setup: str, output: str
) -> None:
    root = folder.parent
    if setup == "link":
        (folder / "link.jsonl").symlink_to("a.txt")
    elif setup == "walked link":
        (root / "e").mkdir()
        (root / "e" / "x.txt").write_text("外面的文件。", encoding="utf-8")
        (folder / "link").symlink_to(root / "e")
    elif setup == "parquet":
        pa = pytest.importorskip("pyarrow")
        import pyarrow.parquet as pq

        pq.write_table(pa.table({"text": ["中文", "你好"]}), folder / "data.parquet")
    elif setup == "jsonl":
        (folder / "pages.jsonl").write_text('{"text": "一", "index": 3}\n', encoding="utf-8")
    before = _tree(root)
    monkeypatch.chdir(root)
    assert main(["process", "o", "-o", output, *FAST]) == 2
    err = capsys.readouterr().err
    assert "is not the output of an earlier run" in err and "Traceback" not in err
    assert _tree(root) == before  # the file is as it was, and no partial file is left


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_cli_output_of_an_earlier_run_in_the_folder_is_left_out_and_replaced(
    folder: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    if suffix == ".parquet":
        pytest.importorskip("pyarrow")
    monkeypatch.chdir(folder.parent)
    out = f"o/out{suffix}"
    assert main(["process", "o", "-o", out, *FAST]) == 0
    first = (folder.parent / out).read_bytes()
    assert main(["process", "o", "-o", out, *FAST]) == 0  # the second run does not read the first one's output
    if suffix == ".jsonl":
        assert [r["input"] for r in _records(first)] == ["o/a.txt", "o/b.txt"]
        assert (folder.parent / out).read_bytes() == first


def test_cli_empty_file_in_the_folder_is_left_out_and_replaced(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty file holds nothing to lose (a run stopped before its first record leaves one): as the
    output, it is no input, and the run replaces it."""
    (folder / "empty.txt").write_bytes(b"")
    monkeypatch.chdir(folder.parent)
    assert main(["process", "o", "-o", "o/empty.txt", *FAST]) == 0
    assert [r["input"] for r in _records((folder / "empty.txt").read_bytes())] == ["o/a.txt", "o/b.txt"]


def test_cli_output_that_is_stdin_is_refused(folder: Path) -> None:
    before = _tree(folder)
    with open(folder / "a.txt", "rb") as stdin:
        run = subprocess.run(
            [*HANPIPE, "process", "-", "-o", str(folder / "a.txt"), *FAST], stdin=stdin, capture_output=True, env=ENV
        )
    assert run.returncode == 2
    assert b"is the input standard input" in run.stderr
    assert _tree(folder) == before


def test_cli_stdout_appending_to_an_input_is_refused(folder: Path) -> None:
    before = _tree(folder)
    with open(folder / "a.txt", "ab") as stdout:
        run = subprocess.run(
            [*HANPIPE, "process", str(folder / "a.txt"), *FAST], stdout=stdout, stderr=subprocess.PIPE, env=ENV
        )
    assert run.returncode == 2
    assert b"the output standard output is the input" in run.stderr
    assert _tree(folder) == before


def test_cli_folder_walk_leaves_its_own_output_out(folder: Path) -> None:
    out = folder / "out.jsonl"
    for _ in range(2):  # the second run finds the first run's output in the folder
        assert main(["process", str(folder), "-o", str(out), *FAST]) == 0
        records = _records(out.read_bytes())
        assert [Path(r["input"]).name for r in records] == ["a.txt", "b.txt"]
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt", "b.txt", "out.jsonl"]


def test_cli_folder_walk_leaves_out_the_file_stdout_writes_to(folder: Path) -> None:
    with open(folder / "out.jsonl", "wb") as stdout:
        run = subprocess.run([*HANPIPE, "process", str(folder), *FAST], stdout=stdout, stderr=subprocess.PIPE, env=ENV)
    assert run.returncode == 0, run.stderr
    records = _records((folder / "out.jsonl").read_bytes())
    assert [Path(r["input"]).name for r in records] == ["a.txt", "b.txt"]


# -- where the output goes -----------------------------------------------------


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("missing/out.jsonl", "does not exist; create it first"),
        ("missing/deeper/out.jsonl", "does not exist; create it first"),
        (".", "is a folder"),
        ("sub", "is a folder"),
        ("newdir/", "names a folder"),
    ],
)
def test_cli_output_into_a_missing_folder_or_onto_a_folder_is_a_usage_error(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys, output: str, message: str
) -> None:
    (folder / "sub").mkdir()
    before = sorted(p.name for p in folder.rglob("*"))
    monkeypatch.chdir(folder)
    assert main(["process", "a.txt", "-o", output, *FAST]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert sorted(p.name for p in folder.rglob("*")) == before  # no folder created


def test_cli_read_only_output_is_a_usage_error_and_stays(folder: Path, capsys) -> None:
    out = folder / "old.jsonl"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o444)
    if os.access(out, os.W_OK):
        pytest.skip("running as a user who may write read-only files")
    assert main(["process", str(folder / "a.txt"), "-o", str(out), *FAST]) == 2
    assert "read-only" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "old\n"


def test_cli_existing_output_is_replaced_whole_and_keeps_its_mode(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("old line\n" * 1000, encoding="utf-8")
    out.chmod(0o640)
    assert main(["process", str(folder / "a.txt"), "-o", str(out), *FAST]) == 0
    (record,) = _records(out.read_bytes())
    assert record["text"] == "大模型时代，原文。\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o", "out.jsonl"]  # no partial file left


def test_cli_new_output_gets_the_umask_mode(folder: Path, tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        assert main(["process", str(folder / "a.txt"), "-o", str(tmp_path / "new.jsonl"), *FAST]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.jsonl").stat().st_mode) == 0o640  # 0o666 & ~0o027


def test_cli_output_through_a_link_writes_the_linked_file(folder: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.jsonl"
    real.write_text("old\n", encoding="utf-8")
    (tmp_path / "link.jsonl").symlink_to(real)
    assert main(["process", str(folder / "b.txt"), "-o", str(tmp_path / "link.jsonl"), *FAST]) == 0
    assert (tmp_path / "link.jsonl").is_symlink()
    assert [r["text"] for r in _records(real.read_bytes())] == ["第二篇。\n"]


def test_cli_output_to_dev_null_is_written_in_place(folder: Path) -> None:
    assert main(["process", str(folder / "a.txt"), "-o", os.devnull, *FAST]) == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_cli_full_disk_is_reported_without_traceback(folder: Path) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    run = subprocess.run([*HANPIPE, "process", str(folder), "-o", "/dev/full", *FAST], capture_output=True, env=ENV)
    assert run.returncode == 1
    assert b"No space left on device" in run.stderr and b"Traceback" not in run.stderr


# -- usage errors and the summary -----------------------------------------------


@pytest.mark.parametrize("encoding", ["nope", "base64", "rot13", "utf-99"])
def test_cli_unknown_encoding_is_a_usage_error(folder: Path, capsys, encoding: str) -> None:
    with pytest.raises(SystemExit) as info:
        main(["process", str(folder / "a.txt"), "--encoding", encoding, *FAST])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: hanpipe process")  # the command's usage, not the top level's
    assert f"unknown text encoding {encoding!r}; try utf-8, gb18030, big5, big5hkscs or utf-16" in err


@pytest.mark.parametrize("encoding", ["utf-8", "GBK", "gb18030", "big5", "big5hkscs", "utf-16"])
def test_cli_known_encoding_runs(folder: Path, capsys, encoding: str) -> None:
    assert main(["process", str(folder / "a.txt"), "--encoding", encoding, *FAST]) in (0, 1)
    assert len(_records(capsys.readouterr().out.encode())) == 1


def test_cli_version_prints_the_package_version(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out == f"hanpipe {hanpipe.__version__}\n"
    run = subprocess.run([*HANPIPE, "--version"], capture_output=True, env=ENV)
    assert (run.returncode, run.stdout) == (0, f"hanpipe {hanpipe.__version__}\n".encode())


def test_cli_failures_are_summarized_on_stderr(folder: Path, capsys) -> None:
    missing = [str(folder / f"missing{i}.txt") for i in range(7)]
    code = main(["process", missing[0], str(folder / "a.txt"), *missing[1:], *FAST])
    captured = capsys.readouterr()
    assert code == 1
    lines = captured.err.splitlines()
    # hand-written: the count, the first five by name, how many more, then the counts line
    assert lines[0] == "hanpipe: 7 of 8 inputs failed:"
    assert lines[1:6] == [f"  {m}: InputError: cannot read {m!r}: No such file or directory" for m in missing[:5]]
    assert lines[6] == '  ... and 2 more (the records with "error" in standard output)'
    assert lines[7].startswith("hanpipe: 8 inputs, 1 document,") and lines[7].endswith(", 7 errors")
    assert len(lines) == 8


def test_cli_clean_run_prints_only_the_counts_line(folder: Path, capsys) -> None:
    assert main(["process", str(folder), *FAST]) == 0
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("hanpipe: 2 inputs, 2 documents,") and line.endswith(", 0 errors")


# -- pipes and signals (the real command) -----------------------------------------


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2000 small pages: far more output than a pipe buffer holds."""
    d = tmp_path_factory.mktemp("big")
    for i in range(2000):
        (d / f"{i:05d}.txt").write_text(f"第{i}页，共有1200万美元的投资。\n", encoding="utf-8")
    return d


@pytest.mark.parametrize("workers", ["1", "2"])
def test_cli_closed_pipe_exits_quietly(big: Path, workers: str) -> None:
    proc = subprocess.Popen(
        [*HANPIPE, "process", str(big), "--workers", workers, *FAST],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()  # like `| head -1`
    proc.stdout.close()
    err = proc.stderr.read()
    code = proc.wait(timeout=120)
    assert json.loads(first)["input"].endswith("00000.txt")
    assert code == 141  # 128 + SIGPIPE, as if the pipe had killed it
    assert err == b""


def _start_blocked(
    args: list[str], fifo: Path, *, written: int = 0, output: str = "out.jsonl*", **kwargs: object
) -> subprocess.Popen[bytes]:
    """Start hanpipe on ``args`` whose last input is ``fifo``; return once it has opened the FIFO
    and written ``written`` records (the inputs before the FIFO, which it reads ahead of them).

    Opening the FIFO for writing waits until hanpipe opens it for reading; the
    writer stays open and silent, so hanpipe waits on it until it is signalled.
    """
    os.mkfifo(fifo)
    proc = subprocess.Popen([*HANPIPE, "process", *args], stderr=subprocess.PIPE, env=ENV, **kwargs)  # type: ignore[call-overload]
    opened: list[int] = []
    opener = threading.Thread(target=lambda: opened.append(os.open(fifo, os.O_WRONLY)), daemon=True)
    opener.start()
    opener.join(timeout=120)
    assert opened, "hanpipe never reached the FIFO"
    proc.fifo_writer = opened[0]  # type: ignore[attr-defined]
    deadline = time.monotonic() + 120
    while _lines_written(fifo.parent, output) < written:
        assert time.monotonic() < deadline, "hanpipe never wrote the records of the inputs before the FIFO"
        time.sleep(0.05)
    return proc


def _lines_written(folder: Path, pattern: str) -> int:
    """Complete records in the output files ``pattern`` of ``folder``."""
    return max((p.read_bytes().count(b"\n") for p in folder.glob(pattern)), default=0)


def _finish(proc: subprocess.Popen[bytes]) -> tuple[int, str]:
    try:
        _, err = proc.communicate(timeout=120)
    finally:
        os.close(proc.fifo_writer)  # type: ignore[attr-defined]
    return proc.returncode, err.decode("utf-8")


def test_cli_ctrl_c_keeps_the_records_written_and_says_so(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    args = [str(folder / "a.txt"), str(folder / "b.txt"), str(tmp_path / "fifo"), "-o", str(out), *FAST]
    proc = _start_blocked(args, tmp_path / "fifo", written=2)
    proc.send_signal(signal.SIGINT)
    code, err = _finish(proc)
    assert code == 130
    assert "Traceback" not in err
    (line,) = err.splitlines()
    assert line.startswith("hanpipe: interrupted (SIGINT): 2 inputs, 2 documents,")
    assert line.endswith(f"2 records written to {str(out)!r}")
    assert [r["text"] for r in _records(out.read_bytes())] == ["大模型时代，原文。\n", "第二篇。\n"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo", "o", "out.jsonl"]


def test_cli_ctrl_c_leaves_an_existing_output_as_it_was(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"old": 1}\n')
    args = [str(folder / "a.txt"), str(tmp_path / "fifo"), "-o", str(out), *FAST]
    proc = _start_blocked(args, tmp_path / "fifo", written=1, output="out.jsonl.partial-*")
    proc.send_signal(signal.SIGINT)
    code, err = _finish(proc)
    assert code == 130 and "Traceback" not in err
    assert out.read_bytes() == b'{"old": 1}\n'
    (partial,) = tmp_path.glob("out.jsonl.partial-*")
    assert err.rstrip().endswith(f"{str(out)!r} left as it was; the 1 records written are in {str(partial)!r}")
    assert [r["text"] for r in _records(partial.read_bytes())] == ["大模型时代，原文。\n"]


def test_cli_ctrl_c_with_workers_exits_quietly(big: Path, tmp_path: Path) -> None:
    """Ctrl-C reaches the whole process group: the workers leave quietly, the parent reports."""
    out = tmp_path / "out.jsonl"
    args = [str(big), str(tmp_path / "fifo"), "-o", str(out), "--workers", "2", *FAST]
    proc = _start_blocked(args, tmp_path / "fifo", written=1, start_new_session=True)
    os.killpg(proc.pid, signal.SIGINT)
    code, err = _finish(proc)
    assert code == 130
    assert "Traceback" not in err and err.startswith("hanpipe: interrupted (SIGINT): ")
    records = _records(out.read_bytes())
    assert [r["index"] for r in records] == list(range(len(records)))
    assert f"{len(records)} records written to {str(out)!r}" in err


def test_cli_sigterm_to_the_parent_alone_stops_its_workers(big: Path, tmp_path: Path) -> None:
    """A worker blocked on its input must not keep the run alive after the parent is told to stop."""
    out = tmp_path / "out.jsonl"
    args = [str(big), str(tmp_path / "fifo"), "-o", str(out), "--workers", "2", *FAST]
    proc = _start_blocked(args, tmp_path / "fifo", written=1)
    proc.send_signal(signal.SIGTERM)
    code, err = _finish(proc)
    assert code == 143
    assert "Traceback" not in err and err.startswith("hanpipe: interrupted (SIGTERM): ")
    assert all("error" not in r for r in _records(out.read_bytes()))


@pytest.mark.parametrize(
    ("data", "good", "records", "kept", "count"),
    [
        (b'{"a": 1}\n{"b": 2}\n', 9, 1, b'{"a": 1}\n', 1),  # interrupted: cut back to what was counted
        (b'{"a": 1}\n{"b": 2}\n{"c"', 30, 3, b'{"a": 1}\n{"b": 2}\n', 2),  # a failed write left half a line
        (b'{"a"', 30, 3, b"", 0),
        (b"", 0, 0, b"", 0),
    ],
)
def test_cli_partial_file_is_cut_back_to_whole_lines(
    tmp_path: Path, data: bytes, good: int, records: int, kept: bytes, count: int
) -> None:
    from hanpipe._cli_output import _whole_lines

    path = tmp_path / "partial"
    path.write_bytes(data)
    assert _whole_lines(str(path), good, records) == count
    assert path.read_bytes() == kept
