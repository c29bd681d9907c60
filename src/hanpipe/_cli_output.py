"""Where ``hanpipe process`` writes: the output file, replaced only when the run is complete.

A regular output file (``-o out.jsonl``, or the file a link there points to)
is written as a partial file beside it (``out.jsonl.partial-XXXXXXXX``),
flushed to disk and renamed onto ``out.jsonl`` when every input has a record:
a reader never sees half a file, an existing ``out.jsonl`` stays whole until
the new one is complete, and it keeps its permission bits (a new file gets
the umask's). When the run stops early (Ctrl-C, SIGTERM, a full disk), the
partial file is cut back to its last complete line and kept: it becomes
``out.jsonl`` if there was no such file, and otherwise stays beside the
untouched old one, under the name the summary gives. A run killed outright
(SIGKILL) leaves the partial file, not a truncated output.

Standard output and outputs that are not regular files (``/dev/null``, a
FIFO) are written in place; paths that name an open file (``/dev/stdout``,
``/dev/fd/N``, ``/proc/...``) are appended to, never truncated.

Nothing is opened before :func:`plan` has checked the path: a missing folder,
a folder, or a read-only file is a usage error, and no folder is created.
"""

from __future__ import annotations

import io
import json
import os
import secrets
import stat
import sys
from dataclasses import dataclass
from typing import IO, Any

from ._cli_inputs import FileId, file_id, label

#: paths that name an open file (``/dev/stdout``, ``/proc/self/fd/3``): appended to in place
_SPECIAL = ("/dev/fd/", "/dev/stdout", "/dev/stderr", "/proc/")


class UsageError(Exception):
    """The output cannot be written; the message says why and what to do."""


def dumps_line(record: dict[str, Any]) -> bytes:
    """``record`` as one line of UTF-8 JSON; ValueError when it holds a lone surrogate or NaN."""
    return (json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n").encode("utf-8")


@dataclass(frozen=True)
class Target:
    """The checked output: ``kind`` is ``stdout``, ``direct`` (written in place) or ``replace``."""

    name: str
    kind: str
    path: str
    existing: os.stat_result | None = None

    def ids(self) -> frozenset[FileId]:
        """The files this output is (to refuse them as inputs and leave them out of walks)."""
        return frozenset() if self.existing is None else frozenset({file_id(self.existing)})


def plan(name: str) -> Target:
    """Check the output path ``name`` (``-`` for stdout) without opening or creating anything."""
    if name == "-":
        try:
            st = os.fstat(sys.stdout.fileno())
        except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
            st = None
        return Target(name, "stdout", "-", st if st is not None and stat.S_ISREG(st.st_mode) else None)
    shown = label(name)
    if os.path.isdir(name):
        raise UsageError(
            f"-o {shown!r} is a folder; give the path of a file, such as {os.path.join(shown, 'out.jsonl')!r}"
        )
    if name.endswith(os.sep):
        raise UsageError(f"-o {shown!r} names a folder, which does not exist; give the path of a file")
    if os.path.abspath(name).startswith(_SPECIAL):
        try:
            st = os.stat(name)
        except OSError:
            st = None
        return Target(name, "direct", name, st if st is not None and stat.S_ISREG(st.st_mode) else None)
    real = os.path.realpath(name)
    folder = os.path.dirname(real)
    if not os.path.isdir(folder):
        raise UsageError(f"cannot write {shown!r}: the folder {label(folder)!r} does not exist; create it first")
    try:
        st = os.stat(real)
    except FileNotFoundError:
        return Target(name, "replace", real)
    except OSError as exc:
        raise UsageError(f"cannot write {shown!r}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        return Target(name, "direct", name)
    if not os.access(real, os.W_OK):
        raise UsageError(f"cannot write {shown!r}: permission denied (the file is read-only)")
    return Target(name, "replace", real, st)


class Sink:
    """Lines to the target; :meth:`commit` when complete, :meth:`abandon` when not."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self.records = 0
        self._good = 0  # bytes of complete lines written
        self._tty = False
        self.partial: str | None = None
        self._file: IO[bytes] | None = None
        self._text: IO[str] | None = None
        if target.kind == "stdout":
            sys.stdout.flush()
            buffer = getattr(sys.stdout, "buffer", None)
            if buffer is None:
                self._text = sys.stdout
            else:
                self._file = buffer
            try:
                self._tty = sys.stdout.isatty()
            except (AttributeError, ValueError):
                pass
            return
        try:
            if target.kind == "direct":
                self._file = open(target.path, "ab")
            else:
                self._file = self._create_partial(target.path)
        except OSError as exc:
            raise UsageError(f"cannot write {label(target.name)!r}: {exc.strerror or exc}") from None

    def _create_partial(self, path: str) -> IO[bytes]:
        while True:
            partial = f"{path}.partial-{secrets.token_hex(4)}"
            try:
                fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
            except FileExistsError:
                continue
            self.partial = partial
            return os.fdopen(fd, "wb")

    def ids(self) -> frozenset[FileId]:
        """The output and the partial file being written."""
        ids = set(self.target.ids())
        if self._file is not None and self.target.kind != "stdout":
            ids.add(file_id(os.fstat(self._file.fileno())))
        return frozenset(ids)

    def write(self, line: bytes) -> None:
        if self._text is not None:
            self._text.write(line.decode("utf-8"))
        else:
            assert self._file is not None
            self._file.write(line)
            if self._tty:
                self._file.flush()
        self._good += len(line)
        self.records += 1

    def flush(self) -> None:
        """Hand what is written so far to the file or pipe."""
        if self._text is not None:
            self._text.flush()
        elif self._file is not None:
            self._file.flush()

    def commit(self) -> None:
        """Every record is written: flush, and put the file in place."""
        if self._text is not None:
            self._text.flush()
            return
        assert self._file is not None
        if self.target.kind == "stdout":
            self._file.flush()
            return
        if self.partial is None:
            self._file.close()
            return
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        if self.target.existing is not None:
            os.chmod(self.partial, stat.S_IMODE(self.target.existing.st_mode))
        os.replace(self.partial, self.target.path)
        self.partial = None
        _sync_folder(os.path.dirname(self.target.path))

    def abandon(self) -> str:
        """The run stopped early: keep the complete lines; say where they are."""
        shown = label(self.target.name)
        where = "standard output" if self.target.kind == "stdout" else repr(shown)
        flushed = True
        try:
            if self._text is not None:
                self._text.flush()
            elif self._file is not None and (self.partial is None or not self._file.closed):
                self._file.flush()
        except (OSError, ValueError):
            flushed = False
        if self.partial is None:
            if self.target.kind == "direct" and self._file is not None:
                try:
                    self._file.close()
                except (OSError, ValueError):
                    flushed = False
            if not flushed:
                return f"the last of the {self.records} records may be missing from {where}"
            return f"{self.records} records written to {where}"
        assert self._file is not None
        try:
            self._file.close()
        except (OSError, ValueError):
            pass
        partial, self.partial = self.partial, None
        records = _whole_lines(partial, self._good, self.records)
        if records == 0:
            os.unlink(partial)
            return f"no records written; {where} left as it was" if self.target.existing else "no records written"
        if self.target.existing is None and not os.path.lexists(self.target.path):
            os.replace(partial, self.target.path)
            return f"{records} records written to {where}"
        return f"{where} left as it was; the {records} records written are in {label(partial)!r}"


def _whole_lines(path: str, good: int, records: int) -> int:
    """Cut the file at ``path`` back to its last complete line; how many lines it holds.

    ``good`` bytes (``records`` lines) were handed to the file; after a failed
    write fewer may have reached it, and the lines are counted again.
    """
    size = os.path.getsize(path)
    if size >= good:
        os.truncate(path, good)
        return records
    with open(path, "r+b") as fh:
        end = size
        while end > 0:
            start = max(0, end - (1 << 16))
            fh.seek(start)
            block = fh.read(end - start)
            cut = block.rfind(b"\n")
            if cut >= 0:
                end = start + cut + 1
                break
            end = start
        fh.truncate(end)
        fh.seek(0)
        return sum(block.count(b"\n") for block in iter(lambda: fh.read(1 << 20), b""))


def _sync_folder(folder: str) -> None:
    """Make a rename in ``folder`` durable (best effort: not every system can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
