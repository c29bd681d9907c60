"""The on-disk cache: keys follow what the content depends on, damaged files are rebuilt,
an unwritable directory falls back to memory and says so once per process."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hanpipe import _cache, _charmodel
from hanpipe._cache import cache_key, cached
from hanpipe.builtin.convert import _data
from hanpipe.builtin.segment import _dict

VALUE = np.arange(10, dtype=np.float32)


def _load(path: Path) -> np.ndarray:
    arr = np.load(path, allow_pickle=False)
    if arr.shape != VALUE.shape or arr.dtype != VALUE.dtype:
        raise ValueError("not the value")
    return arr


def _save(arr: np.ndarray, fh: BinaryIO) -> None:
    np.save(fh, arr)


class Builds:
    """A build function that counts its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> np.ndarray:
        self.calls += 1
        return VALUE.copy()


def _cached(key: str = "k", build: Builds | None = None) -> np.ndarray:
    return cached("test", "value", key, build=build or Builds(), load=_load, save=_save, suffix=".npy")


@pytest.fixture
def cache_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HANPIPE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(_cache, "_warned", False)
    return tmp_path / "cache"


@pytest.fixture
def unwritable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache directory below a regular file: mkdir fails, even for root."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("HANPIPE_CACHE", str(blocker / "cache"))
    monkeypatch.setattr(_cache, "_warned", False)
    return blocker


def _cache_warnings(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "hanpipe" and "cannot write its cache" in r.getMessage()]


# -- read, build, write -----------------------------------------------------------


def test_cache_builds_once_then_reads_the_file(cache_root: Path) -> None:
    build = Builds()
    first = _cached(build=build)
    assert np.array_equal(first, VALUE) and build.calls == 1
    files = sorted(p.name for p in (cache_root / "test").iterdir())
    assert files == ["value-k.npy"]  # no temporary file left behind
    again = _cached(build=build)
    assert np.array_equal(again, VALUE) and build.calls == 1


def test_cache_rebuilds_a_damaged_file(cache_root: Path) -> None:
    _cached()
    path = cache_root / "test" / "value-k.npy"
    for damage in (b"", b"garbage", path.read_bytes()[:40], b"\x93NUMPY\x01\x00" + b"{" * 30):
        path.write_bytes(damage)
        build = Builds()
        assert np.array_equal(_cached(build=build), VALUE)
        assert build.calls == 1
        assert np.array_equal(np.load(path), VALUE)  # replaced by a whole file


def test_cache_rebuilds_a_file_of_another_layout(cache_root: Path) -> None:
    _cached()
    path = cache_root / "test" / "value-k.npy"
    np.save(path, np.zeros(3, dtype=np.int64))  # loads, but the loader rejects it
    build = Builds()
    assert np.array_equal(_cached(build=build), VALUE) and build.calls == 1
    assert np.array_equal(np.load(path), VALUE)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from([b"", b"\x93NUMPY", b"\x93NUMPY\x01\x00v\x00", b"PK\x03\x04"]), st.binary(max_size=200))
def test_cache_survives_any_damaged_file(cache_root: Path, prefix: bytes, tail: bytes) -> None:
    (cache_root / "test").mkdir(parents=True, exist_ok=True)
    path = cache_root / "test" / "value-k.npy"
    path.write_bytes(prefix + tail)
    assert np.array_equal(_cached(), VALUE)
    assert np.array_equal(np.load(path), VALUE)


def test_cache_failed_save_leaves_no_file(cache_root: Path) -> None:
    def broken(arr: np.ndarray, fh: BinaryIO) -> None:
        fh.write(b"half")
        raise OSError(28, "No space left on device")

    value = cached("test", "value", "k", build=Builds(), load=_load, save=broken, suffix=".npy")
    assert np.array_equal(value, VALUE)
    assert list((cache_root / "test").iterdir()) == []


def test_cache_save_bug_is_not_hidden(cache_root: Path) -> None:
    def buggy(arr: np.ndarray, fh: BinaryIO) -> None:
        raise TypeError("a bug in the writer")

    with pytest.raises(TypeError, match="a bug in the writer"):
        cached("test", "value", "k", build=Builds(), load=_load, save=buggy, suffix=".npy")
    assert list((cache_root / "test").iterdir()) == []


# -- an unwritable directory ----------------------------------------------------------


def test_cache_unwritable_directory_builds_in_memory(unwritable: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="hanpipe")
    build = Builds()
    assert np.array_equal(_cached(build=build), VALUE)
    assert np.array_equal(_cached(build=build), VALUE)
    assert build.calls == 2  # nothing on disk: built each time
    assert unwritable.read_text() == "not a directory"
    (record,) = _cache_warnings(caplog)
    assert record.levelno == logging.WARNING
    assert str(unwritable / "cache") in record.getMessage() and "HANPIPE_CACHE" in record.getMessage()


def test_cache_warns_once_per_process(unwritable: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="hanpipe")
    for key in ("a", "b", "c"):
        _cached(key=key)
    cached("other-stage", "value", "k", build=Builds(), load=_load, save=_save, suffix=".npy")
    assert len(_cache_warnings(caplog)) == 1


def test_cache_write_failure_in_an_existing_directory_warns_once(
    cache_root: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="hanpipe")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(_cache.tempfile, "mkstemp", refuse)
    assert np.array_equal(_cached(key="a"), VALUE)
    assert np.array_equal(_cached(key="b"), VALUE)
    assert list((cache_root / "test").iterdir()) == []
    (record,) = _cache_warnings(caplog)
    assert "Permission denied" in record.getMessage()


def test_cache_no_warning_when_writable(cache_root: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="hanpipe")
    _cached()
    _cached()
    assert _cache_warnings(caplog) == []


# -- the key --------------------------------------------------------------------------


def test_cache_key_follows_a_source_file(tmp_path: Path) -> None:
    path = tmp_path / "dict.txt"
    path.write_text("中国 5\n", encoding="utf-8")
    first = cache_key(1, path)
    assert cache_key(1, path) == first  # nothing changed
    path.write_text("中国人 5\n", encoding="utf-8")  # a new size
    second = cache_key(1, path)
    assert second != first
    path.write_text("人民人 5\n", encoding="utf-8")  # the same size: the modification time tells
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    third = cache_key(1, path)
    assert third not in (first, second)


def test_cache_key_follows_format_values_and_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "dict.txt"
    path.write_text("中国 5\n", encoding="utf-8")
    base = cache_key(1, path, "opencc 1.1.9")
    assert cache_key(2, path, "opencc 1.1.9") != base
    assert cache_key(1, path, "opencc 1.2.0") != base
    assert cache_key(1, path) != base
    assert cache_key(1, "opencc 1.1.9", path) != base  # order counts
    copy = tmp_path / "copy.txt"
    copy.write_bytes(path.read_bytes())
    assert cache_key(1, copy, "opencc 1.1.9") != base  # another file
    monkeypatch.setattr(_cache, "_hanpipe_version", lambda: "99.0")
    assert cache_key(1, path, "opencc 1.1.9") != base


def test_cache_key_of_a_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        cache_key(1, tmp_path / "missing.txt")


def test_cache_key_is_a_safe_file_name(tmp_path: Path) -> None:
    key = cache_key("v3", tmp_path, "a/b\\c d:é\0")
    assert len(key) == 24 and all(c in "0123456789abcdef" for c in key)


# -- the three caches go through it -------------------------------------------------------


def test_cache_serves_the_convert_programs(unwritable: Path, monkeypatch: pytest.MonkeyPatch,
                                           caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="hanpipe")
    monkeypatch.setattr(_data, "_PROGRAMS", {})
    program = _data.load_program("t2s")
    assert program.trie.node_value.size > 0
    assert len(_cache_warnings(caplog)) == 1


def test_cache_serves_the_segment_dictionary(unwritable: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="hanpipe")
    monkeypatch.setattr(_dict, "_LOADED", {})
    path = tmp_path / "small.txt"
    path.write_text("中国 5\n人民 4\n", encoding="utf-8")
    dic = _dict.default_dictionary(path)
    assert dic.get("中国") == 5 and dic.get("人民") == 4 and dic.get("中") == 0 and dic.get("国") is None
    assert len(_cache_warnings(caplog)) == 1


def test_cache_serves_the_character_model(cache_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = np.linspace(-20.0, -1.0, 0x10000, dtype=np.float32)
    monkeypatch.setattr(_charmodel, "_build_char_scores", lambda: model.copy())
    built = _charmodel.char_scores.__wrapped__()
    assert np.array_equal(built, model)
    (path,) = (cache_root / "decode").glob("charmodel-*.npy")
    monkeypatch.setattr(_charmodel, "_build_char_scores", lambda: pytest.fail("rebuilt despite the cache"))
    assert np.array_equal(_charmodel.char_scores.__wrapped__(), model)
    np.save(path, model[:100])  # the wrong shape: rebuilt
    monkeypatch.setattr(_charmodel, "_build_char_scores", lambda: model.copy())
    assert np.array_equal(_charmodel.char_scores.__wrapped__(), model)
    assert np.load(path).shape == (0x10000,)
