"""`hanpipe process` skips inputs that are not text (``NotText``) unless ``--binary`` forces them.

The CLI reads the decoder's verdict from ``meta["binary"]``. The first tests
use a decoder of their own that flags two magic numbers, so they pin the
CLI's part whatever the built-in detector decides.
"""

from __future__ import annotations

import functools
import gzip
import json
from pathlib import Path

import pytest

import hanpipe.cli
from hanpipe import Document, hookimpl
from hanpipe.cli import main
from hanpipe.pipeline import Pipeline

FAST = ["--no-convert", "--no-segment", "--extract", "", "--no-progress"]

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
GZIP_MAGIC = b"\x1f\x8b"


class MagicDecoder:
    """Flags PNG and gzip by their first bytes; reads everything else as UTF-8."""

    name = "magic-test"

    def decode(self, data: bytes, *, encoding: str | None) -> Document:
        if data.startswith((PNG_MAGIC, GZIP_MAGIC)):
            return Document.from_text(data.decode("latin-1"), encoding="latin-1", confidence=0.0, binary=True)
        return Document.from_text(data.decode("utf-8", "replace"), encoding="utf-8", confidence=1.0)


class MagicPlugin:
    @hookimpl
    def hanpipe_register_decoders(self, register):  # type: ignore[no-untyped-def]
        register(MagicDecoder)


@pytest.fixture()
def pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(
        hanpipe.cli, "Pipeline", functools.partial(Pipeline, plugins=[MagicPlugin()], decode="magic-test")
    )
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text("大模型时代", encoding="utf-8")
    (folder / "b.png").write_bytes(PNG_MAGIC + bytes(range(256)))
    (folder / "c.gz").write_bytes(gzip.compress("正文".encode()))
    (folder / "d.txt").write_text("第二篇", encoding="utf-8")
    return folder


def _records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_cli_binary_inputs_get_a_not_text_record(pages: Path, capsys, workers: str) -> None:
    assert main(["process", str(pages), "--workers", workers, *FAST]) == 1
    captured = capsys.readouterr()
    records = _records(captured.out)
    assert [(Path(r["input"]).name, r.get("error")) for r in records] == [
        ("a.txt", None),
        ("b.png", "NotText"),
        ("c.gz", "NotText"),
        ("d.txt", None),
    ]
    assert (
        records[1]["message"]
        == f"{str(pages / 'b.png')!r} looks like binary data, not text; skipped (--binary processes it anyway)"
    )
    assert "text" not in records[1] and "meta" not in records[1]
    assert [r["text"] for r in records if "text" in r] == ["大模型时代", "第二篇"]
    assert "2 of 4 inputs failed" in captured.err and "b.png: NotText" in captured.err


def test_cli_binary_flag_processes_them(pages: Path, capsys) -> None:
    assert main(["process", str(pages), "--binary", *FAST]) == 0
    records = _records(capsys.readouterr().out)
    assert [(Path(r["input"]).name, r["meta"].get("binary", False)) for r in records] == [
        ("a.txt", False),
        ("b.png", True),
        ("c.gz", True),
        ("d.txt", False),
    ]
    assert "PNG" in records[1]["text"]  # processed as text, whatever the clean-up made of the control bytes
