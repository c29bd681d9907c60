"""The content key of jieba's dictionary files is remembered by (path, size, mtime), never reused across a change."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hanpipe.builtin.segment import _dict


def test_dictionary_key_is_remembered_and_follows_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANPIPE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(_dict, "_KEYS", {})
    path = tmp_path / "dict.txt"
    path.write_text("中国 5\n", encoding="utf-8")
    first = _dict._content_key([path])
    assert first == _dict._hash_files([path])
    assert len(list((tmp_path / "cache" / "segment").glob("key-*.txt"))) == 1

    monkeypatch.setattr(_dict, "_KEYS", {})
    monkeypatch.setattr(_dict, "_hash_files", lambda files: pytest.fail("hashed again despite the memo"))
    assert _dict._content_key([path]) == first

    monkeypatch.undo()
    monkeypatch.setenv("HANPIPE_CACHE", str(tmp_path / "cache"))
    path.write_text("人民 5\n", encoding="utf-8")  # same size, new content
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    second = _dict._content_key([path])
    assert second != first and second == _dict._hash_files([path])
