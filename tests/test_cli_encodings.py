"""`hanpipe process` gives one clean text whatever encoding or mojibake a page arrives in."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.corpus import encodable
from hanpipe.cli import main
from tests.conftest import TRADITIONAL_SEEDS


def _gbk_mojibake_lines(text: str) -> str:
    """The lines of ``text`` whose UTF-8 bytes read as GBK survive the round trip (the repair can be lossless)."""
    keep = []
    for line in text.splitlines():
        try:
            garbled = line.encode("utf-8").decode("gbk")
        except UnicodeDecodeError:
            continue
        if garbled.encode("gbk") == line.encode("utf-8") and any("\u4e00" <= c <= "\u9fff" for c in line):
            keep.append(line)
    return "\n".join(keep)


def _forms(name: str, text: str) -> dict[str, bytes]:
    forms = {
        "utf-8": text.encode("utf-8"),
        "gb18030": text.encode("gb18030"),
        "utf-16-bom": text.encode("utf-16"),
        "utf-16-le": text.encode("utf-16-le"),
        "utf-16-be": text.encode("utf-16-be"),
        "utf-8-as-latin-1": text.encode("utf-8").decode("latin-1").encode("utf-8"),
    }
    if name in TRADITIONAL_SEEDS:
        forms["big5"] = text.encode("big5")
    return forms


def _clean_texts(folder: Path, tmp_path: Path) -> dict[str, str]:
    out = tmp_path / f"{folder.name}.jsonl"
    assert main(["process", str(folder), "-o", str(out), "--no-segment", "--extract", "", "--no-progress"]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return {Path(r["input"]).name: r["text"] for r in records}


def test_cli_every_encoding_and_mojibake_form_gives_the_same_clean_text(
    seed_texts: dict[str, str], tmp_path: Path
) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    expected_names: dict[str, str] = {}
    for name, raw in seed_texts.items():
        text = encodable(raw, "big5") if name in TRADITIONAL_SEEDS else raw
        (folder / f"{name}.reference").write_bytes(text.encode("utf-8"))
        for form, data in _forms(name, text).items():
            (folder / f"{name}.{form}").write_bytes(data)
            expected_names[f"{name}.{form}"] = f"{name}.reference"
        lines = _gbk_mojibake_lines(raw)
        (folder / f"{name}.gbk-lines.reference").write_bytes(lines.encode("utf-8"))
        (folder / f"{name}.gbk-lines.utf-8-as-gbk").write_bytes(lines.encode("utf-8").decode("gbk").encode("utf-8"))
        expected_names[f"{name}.gbk-lines.utf-8-as-gbk"] = f"{name}.gbk-lines.reference"
    texts = _clean_texts(folder, tmp_path)
    wrong = [form for form, ref in expected_names.items() if texts[form] != texts[ref]]
    assert not wrong, wrong
    assert len(expected_names) >= 5 * 7
