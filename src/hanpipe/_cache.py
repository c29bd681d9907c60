"""The on-disk cache of compiled data: one keying rule, one way to read and write.

Engines keep what is slow to build and quick to load (OpenCC's compiled
programs, jieba's dictionary as a trie, the character model) in files under
:func:`cache_dir`, one sub-directory per stage. :func:`cached` reads such a
file, or builds the value and writes it:

* The file is ``<name>-<key><suffix>``; :func:`cache_key` hashes everything
  the content depends on: hanpipe's version, the entry's format number, each
  source file by identity (resolved path, size, modification time in
  nanoseconds, as Python's own bytecode cache checks a source) and any other
  value (a package version) as text. A new key names a new file, so a stale
  file is never read; old files are left for the user to delete.
* A file that is present but does not load (cut short, overwritten, an old
  layout) is built again and replaced.
* Writing goes to a temporary file in the same directory, then
  ``os.replace``: a reader never sees half a file, and two processes
  building at once both leave a whole one.
* If the directory cannot be created or written (a read-only home, a full
  disk), the value is built and kept in memory by the caller, and the first
  such failure in a process is logged once as a warning on the ``hanpipe``
  logger: every process then pays the build time, which is worth knowing,
  but the results are the same and nothing a program does can fix it, so
  it is not a Python warning (which ``-W error`` would turn into a failure).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
import tempfile
import zipfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import BinaryIO, TypeVar

__all__ = ["cache_dir", "cache_key", "cached"]

T = TypeVar("T")

logger = logging.getLogger("hanpipe")

#: what a damaged or foreign cache file raises when loaded (numpy's readers and the loaders' own checks)
LOAD_ERRORS = (OSError, EOFError, ValueError, KeyError, zipfile.BadZipFile)

_warned = False


def cache_dir(*parts: str) -> Path:
    """``$HANPIPE_CACHE`` or ``$XDG_CACHE_HOME/hanpipe`` (default ``~/.cache/hanpipe``), created on demand.

    Raises ``OSError`` if the directory cannot be created.
    """
    root = os.environ.get("HANPIPE_CACHE")
    if root:
        base = Path(root)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        base = (Path(xdg) if xdg else Path.home() / ".cache") / "hanpipe"
    path = base.joinpath(*parts)
    path.mkdir(parents=True, exist_ok=True)
    return path


@functools.cache
def _hanpipe_version() -> str:
    try:
        return metadata.version("hanpipe")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree that is not installed
        return "unknown"


def cache_key(fmt: int | str, *depends: Path | str) -> str:
    """The key of a cache entry: a hash of hanpipe's version, ``fmt`` and ``depends``.

    A :class:`~pathlib.Path` stands for a source file, taken by identity
    (resolved path, size and modification time, not contents: hashing
    jieba's 5 MB dictionary would cost more than loading the cache); a
    ``str`` is taken as it is (a package version, a setting). Raises
    ``OSError`` if a file does not exist.
    """
    digest = hashlib.blake2b(digest_size=12)
    parts = [f"hanpipe {_hanpipe_version()}", f"format {fmt}"]
    for dep in depends:
        if isinstance(dep, Path):
            st = dep.stat()
            parts.append(f"file {dep.resolve()} {st.st_size} {st.st_mtime_ns}")
        else:
            parts.append(f"value {dep}")
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def cached(
    stage: str,
    name: str,
    key: str,
    *,
    build: Callable[[], T],
    load: Callable[[Path], T],
    save: Callable[[T, BinaryIO], None],
    suffix: str = ".npz",
) -> T:
    """The value stored as ``<name>-<key><suffix>`` under ``cache_dir(stage)``, or ``build()`` (then stored).

    ``load(path)`` reads a file (raising one of :data:`LOAD_ERRORS` when it
    is damaged or not what it should be); ``save(value, fh)`` writes the
    value to an open binary file. Failing to create the directory or to
    write the file is logged once per process; the built value is returned
    all the same.
    """
    try:
        path: Path | None = cache_dir(stage) / f"{name}-{key}{suffix}"
    except OSError as exc:
        _cannot_write(stage, exc)
        path = None
    if path is not None and path.is_file():
        try:
            return load(path)
        except LOAD_ERRORS:
            pass  # damaged or foreign: build it again and replace it
    value = build()
    if path is not None:
        try:
            _write(path, value, save)
        except OSError as exc:
            _cannot_write(stage, exc)
    return value


def _write(path: Path, value: T, save: Callable[[T, BinaryIO], None]) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f"{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            save(value, fh)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _cannot_write(stage: str, exc: OSError) -> None:
    global _warned
    if _warned:
        return
    _warned = True
    logger.warning(
        "hanpipe cannot write its cache (%s: %s); compiled data are kept in memory and rebuilt by every "
        "process. Set HANPIPE_CACHE to a writable directory to keep them between runs.",
        stage,
        exc,
    )
