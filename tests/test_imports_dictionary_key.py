"""The cached jieba dictionary is keyed by its files: reused while they stay, never across a change."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hanpipe.builtin.segment import _dict


def test_dictionary_key_is_reused_and_follows_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANPIPE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(_dict, "_LOADED", {})
    path = tmp_path / "dict.txt"
    path.write_text("中国 5\n", encoding="utf-8")
    first = _dict.default_dictionary(path)
    assert first.get("中国") == 5 and first.get("人民") is None
    assert _dict.default_dictionary(path) is first  # the same files: the same object in this process
    assert len(list((tmp_path / "cache" / "segment").glob("jieba-*.npz"))) == 1

    monkeypatch.setattr(_dict, "_LOADED", {})  # a new process: read from disk, not built
    monkeypatch.setattr(_dict, "build", lambda *a, **k: pytest.fail("rebuilt despite the cache"))
    again = _dict.default_dictionary(path)
    assert again is not first and again.get("中国") == 5

    monkeypatch.undo()
    monkeypatch.setenv("HANPIPE_CACHE", str(tmp_path / "cache"))
    path.write_text("人民 5\n", encoding="utf-8")  # same size, new content
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    changed = _dict.default_dictionary(path)
    assert changed.get("人民") == 5 and changed.get("中国") is None
    assert len(list((tmp_path / "cache" / "segment").glob("jieba-*.npz"))) == 2
