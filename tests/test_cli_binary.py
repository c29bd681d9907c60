"""`hanpipe process` skips inputs that are not text (``NotText``) unless ``--binary`` forces them.

The CLI reads the decoder's verdict from ``meta["binary"]``. The first tests
use a decoder of their own that flags two magic numbers, so they pin the
CLI's part whatever the built-in detector decides.
"""

from __future__ import annotations

import functools
import gzip
import io
import json
import random
import struct
import zipfile
import zlib
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


# -- the built-in detector, on real formats made here -------------------------------


def _png() -> bytes:
    """A 16x16 true-colour PNG of noise: signature, IHDR, IDAT, IEND."""
    rng = random.Random(7)
    raw = b"".join(b"\x00" + rng.randbytes(48) for _ in range(16))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)
    return PNG_MAGIC + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def _zip(text: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("page.txt", text)
    return buf.getvalue()


def _pdf() -> bytes:
    stream = zlib.compress(random.Random(1).randbytes(400))
    length = str(len(stream)).encode()
    head = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length " + length + b" /Filter /FlateDecode >>\nstream\n"
    return head + stream + b"\nendstream\nendobj\n"


def _elf() -> bytes:
    """An x86-64 ELF header, then code-like bytes."""
    return (
        b"\x7fELF\x02\x01\x01"
        + bytes(9)
        + b"\x02\x00\x3e\x00\x01\x00\x00\x00"
        + bytes(40)
        + random.Random(2).randbytes(600)
    )


PAGE = "北京时间9月22日，大模型公司发布新品，融资1200万美元。"
BINARY = {
    "image.png": _png(),
    "page.txt.gz": gzip.compress(PAGE.encode("utf-8") * 20),
    "pages.zip": _zip(PAGE * 20),
    "doc.pdf": _pdf(),
    "program": _elf(),
    "random.bin": random.Random(3).randbytes(2000),
    "ff.bin": b"\xff" * 1000,
}
TEXT = {
    "page.utf-8": PAGE.encode("utf-8"),
    "page.gb18030": PAGE.encode("gb18030"),
    "page.big5": "北京時間9月22日，大模型公司發佈新品。".encode("big5"),
    "page.utf-16": PAGE.encode("utf-16"),
}


def test_cli_real_binary_files_are_skipped_and_text_in_any_encoding_is_not(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name, data in {**BINARY, **TEXT}.items():
        (folder / name).write_bytes(data)
    assert main(["process", str(folder), "--no-segment", "--extract", "", "--no-progress"]) == 1
    records = {Path(r["input"]).name: r for r in _records(capsys.readouterr().out)}
    assert {name for name, r in records.items() if r.get("error") == "NotText"} == set(BINARY)
    assert {name for name, r in records.items() if "error" not in r} == set(TEXT)
    # hand-checked: each encoding decodes to the Simplified page
    assert records["page.utf-8"]["text"] == PAGE
    assert records["page.gb18030"]["text"] == PAGE
    assert records["page.utf-16"]["text"] == PAGE
    assert records["page.big5"]["text"] == "北京时间9月22日，大模型公司发布新品。"


def test_cli_real_binary_files_are_processed_with_the_binary_flag(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    for name, data in BINARY.items():
        (folder / name).write_bytes(data)
    assert main(["process", str(folder), "--binary", *FAST]) == 0
    records = _records(capsys.readouterr().out)
    assert sorted(Path(r["input"]).name for r in records) == sorted(BINARY)
    assert all(r["meta"]["binary"] is True and "text" in r for r in records)
