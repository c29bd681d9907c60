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

Resuming (``--resume``). The records of a JSONL output are whole lines in
input order, each with its ``index``; a killed run's partial file (the newest
``out.jsonl.partial-*``), or else the output an interrupted run left, holds
the first N. :class:`Sink` continues such a file: it is cut back to whole
lines, checked (the last line's ``index`` is N - 1) and appended to, and the
run skips the first N inputs, checking that the N-th is the input the last
record names. Parquet output (:class:`PartsSink`) is written in parts: each
batch's records become ``part-NNNNNN.parquet`` in ``out.parquet.parts/``,
written beside its final name and renamed into place, so a killed run leaves
only whole parts; the parts are joined into ``out.parquet`` when the run is
complete, and ``--resume`` continues after the last part.
"""

from __future__ import annotations

import glob
import io
import json
import os
import re
import secrets
import shutil
import stat
import sys
from dataclasses import dataclass
from typing import IO, Any

from ._cli_inputs import PARQUET_SUFFIXES, FileId, count_lines, file_id, label, unwritable
from .arrow import records_table
from .document import Document, encode_json

#: paths that name an open file (``/dev/stdout``, ``/proc/self/fd/3``): appended to in place
_SPECIAL = ("/dev/fd/", "/dev/stdout", "/dev/stderr", "/proc/")


class UsageError(Exception):
    """The output cannot be written; the message says why and what to do."""


class ResumeError(UsageError):
    """The earlier run's output cannot be continued; the message says why."""


def dumps_line(record: dict[str, Any]) -> bytes:
    """``record`` as one line of UTF-8 JSON; ValueError when it holds a lone surrogate or NaN."""
    return (encode_json(record) + "\n").encode("utf-8")


def writable(record: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    """``record`` and its line, or, when it cannot be written as UTF-8 JSON (a lone surrogate, NaN), an
    ``OutputError`` record in its place (keeping ``index``, ``input`` and ``id``) and that one's line."""
    try:
        return record, dumps_line(record)
    except (ValueError, TypeError, RecursionError) as exc:
        why = unwritable(record) or f"{type(exc).__name__}: {exc}"
        head: dict[str, Any] = {k: record[k] for k in ("index", "input", "id") if k in record}
        record = dict(head, error="OutputError", message=f"the result cannot be written as UTF-8 JSON: it holds {why}")
        return record, dumps_line(record)


@dataclass(frozen=True, slots=True)
class Body:
    """A document's record as one line of UTF-8 JSON, made where the document was processed, without the
    head (index, input, id) that the writing process puts in front: ``{"text": ...}``."""

    json: bytes


def bodies(results: list[Any], *, include_source: bool, binary: bool) -> list[Any]:
    """Each Document of ``results`` as its :class:`Body` (``Pipeline.pipe_batches``' ``finish``: the JSON is
    written in the worker). A Document that is binary (unless ``binary``) or whose record cannot be written
    as UTF-8 JSON stays as it is, and so does an error record: the writing process says what it says of them."""
    out: list[Any] = []
    for result in results:
        if isinstance(result, Document) and (binary or not result.meta.get("binary")):
            try:
                out.append(Body(result.to_json(include_source=include_source).encode("utf-8")))
                continue
            except (ValueError, TypeError, RecursionError):  # as the writing process's own attempt fails
                pass
        out.append(result)
    return out


def with_head(head: dict[str, Any], body: Body) -> bytes:
    """The line of the record of ``head`` (index, input and id, which the CLI's reading has made sure
    JSON holds) and a document's ``body``: what encoding them as one record writes, ``head``'s keys first."""
    return encode_json(head).encode("utf-8")[:-1] + b", " + body.json[1:] + b"\n"


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

    def replaceable(self) -> bool:
        """Whether replacing the existing file loses nothing: there is none, it is empty, or hanpipe wrote it."""
        if self.existing is None or self.existing.st_size == 0 or self.kind == "stdout":
            return True
        return earlier_output(self.path)


#: the fields every record of ``hanpipe process`` starts with
RECORD_HEAD = ("index", "input")


def earlier_output(path: str) -> bool:
    """Whether ``path`` holds the output of an earlier run: Parquet of the result schema, or JSON lines of records."""
    if path.lower().endswith(PARQUET_SUFFIXES):
        try:
            import pyarrow.parquet as pq

            names = set(pq.read_schema(path).names)
        except Exception:  # not Parquet, unreadable, or no pyarrow: not known to be hanpipe's
            return False
        return {*RECORD_HEAD, "text", "meta"} <= names
    try:
        with open(path, "rb") as fh:
            first = fh.readline(1 << 20)
        record = json.loads(first)
    except (OSError, ValueError):
        return False
    return isinstance(record, dict) and all(key in record for key in RECORD_HEAD)


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

    def __init__(self, target: Target, *, resume: bool = False) -> None:
        self.target = target
        self.records = 0
        #: records an earlier run wrote (``resume``), and the ``input`` of the last one
        self.done = 0
        self.last_input: str | None = None
        self._good = 0  # bytes of complete lines written
        self._tty = False
        self.partial: str | None = None
        self._made = False  # the partial file is this run's (not a killed run's)
        self._file: IO[bytes] | None = None
        self._text: IO[str] | None = None
        if resume and target.kind != "replace":
            raise UsageError("--resume needs an output file (-o FILE): what went to a pipe cannot be continued")
        if resume:
            self._resume(target.path)
            return
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
                self._made = True
        except OSError as exc:
            raise UsageError(f"cannot write {label(target.name)!r}: {exc.strerror or exc}") from None

    def _create_partial(self, path: str) -> IO[bytes]:
        fh, self.partial = new_partial(path)
        return fh

    def _resume(self, path: str) -> None:
        """Open the earlier run's records for appending: its newest partial file, else the output."""
        partials = [p for p in glob.glob(glob.escape(path) + ".partial-*") if os.path.isfile(p)]
        if partials:
            self.partial = max(partials, key=os.path.getmtime)
            self._file = open(self.partial, "r+b")
        else:
            self._file = self._create_partial(path)
            self._made = True
            if self.target.existing is not None:
                try:
                    with open(path, "rb") as old:
                        shutil.copyfileobj(old, self._file, 1 << 20)
                except OSError as exc:
                    self._file.close()
                    os.unlink(self.partial)  # type: ignore[arg-type]
                    raise UsageError(f"cannot resume from {label(path)!r}: {exc.strerror or exc}") from None
                self._file.flush()
        try:
            # a copy of the output is named as the output: the copy is removed when it cannot be resumed
            shown = (self.partial or path) if partials else self.target.name
            self.done, self.last_input = _resumable(self._file, shown)
        except ResumeError:
            self._file.close()
            if not partials:
                os.unlink(self.partial)  # type: ignore[arg-type]
            self.partial = None
            raise
        self.records = self.done
        self._good = self._file.tell()

    def ids(self) -> frozenset[FileId]:
        """The output and the partial file being written."""
        ids = set(self.target.ids())
        if self._file is not None and self.target.kind != "stdout":
            ids.add(file_id(os.fstat(self._file.fileno())))
        return frozenset(ids)

    def write(self, line: bytes | None, record: dict[str, Any] | None = None) -> None:
        assert line is not None
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

    def leave(self) -> None:
        """The run did not start: close the output, leaving an earlier run's records as they were."""
        if self._file is None or self.target.kind == "stdout":
            return
        self._file.close()
        if self.partial is not None and self._made:
            os.unlink(self.partial)

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


def new_partial(path: str) -> tuple[IO[bytes], str]:
    """A new file ``path.partial-XXXXXXXX`` beside ``path``, open for reading and writing, and its name."""
    while True:
        partial = f"{path}.partial-{secrets.token_hex(4)}"
        try:
            fd = os.open(partial, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
        except FileExistsError:
            continue
        return os.fdopen(fd, "r+b"), partial


def _resumable(fh: IO[bytes], name: str) -> tuple[int, str | None]:
    """Cut the records file ``fh`` back to whole lines; how many it holds, and the last one's ``input``.

    The file is left positioned at its end, ready to be appended to.
    """
    fh.seek(0, os.SEEK_END)
    end = fh.tell()
    cut = _last_newline(fh, end)
    fh.truncate(cut)
    fh.seek(0)
    count = count_lines(fh)
    if count == 0:
        return 0, None
    start = _last_newline(fh, cut - 1)
    fh.seek(start)
    line = fh.read(cut - start)
    fh.seek(0, os.SEEK_END)
    try:
        record = json.loads(line)
        index, where = record["index"], record["input"]
    except (ValueError, KeyError, TypeError):
        raise ResumeError(
            f"cannot resume from {label(name)!r}: its last line is not a record of hanpipe process"
        ) from None
    if index != count - 1:
        raise ResumeError(
            f"cannot resume from {label(name)!r}: it holds {count} lines but the last record's index is {index}"
        )
    return count, where


def _last_newline(fh: IO[bytes], end: int) -> int:
    """The offset just after the last ``\n`` before ``end`` (0 when there is none)."""
    while end > 0:
        start = max(0, end - (1 << 16))
        fh.seek(start)
        at = fh.read(end - start).rfind(b"\n")
        if at >= 0:
            return start + at + 1
        end = start
    return 0


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
        fh.truncate(_last_newline(fh, size))
        fh.seek(0)
        return count_lines(fh)


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


#: the name of a finished part in a parts folder
_PART = re.compile(r"part-(\d{6})\.parquet")


class PartsSink:
    """Records to a Parquet file, by way of a folder of whole parts (see the module's notes).

    ``write`` keeps a batch's records; ``flush`` writes them as the next part;
    ``commit`` joins the parts into the output and removes the folder;
    ``abandon`` writes what it holds and leaves the folder for ``--resume``.
    """

    def __init__(self, target: Target, schema: Any, *, resume: bool = False) -> None:
        if target.kind != "replace":
            raise UsageError("Parquet output needs an output file (-o out.parquet), not a pipe or a device")
        self.target = target
        self.schema = schema
        self.folder = target.path + ".parts"
        self.partial: str | None = None
        self.records = 0
        self.done = 0
        self.last_input: str | None = None
        self._rows: list[dict[str, Any]] = []
        self._parts: list[str] = []
        self._made = not os.path.isdir(self.folder)
        if os.path.isdir(self.folder):
            if not resume:
                raise UsageError(
                    f"{label(self.folder)!r} holds the parts of a run that did not finish: "
                    "--resume continues it, or remove the folder to start again"
                )
            self._resume()
        elif os.path.lexists(self.folder):
            raise UsageError(f"cannot write {label(target.name)!r}: {label(self.folder)!r} is in the way")
        else:
            try:
                os.mkdir(self.folder)
                if resume and target.existing is not None:  # the output of a run that ended: its records come first
                    first = os.path.join(self.folder, "part-000000.parquet")
                    shutil.copyfile(target.path, first + ".tmp")
                    os.replace(first + ".tmp", first)
            except OSError as exc:
                shutil.rmtree(self.folder, ignore_errors=True)
                raise UsageError(f"cannot write {label(target.name)!r}: {exc.strerror or exc}") from None
            if resume and target.existing is not None:
                try:
                    self._resume()
                except ResumeError:
                    shutil.rmtree(self.folder, ignore_errors=True)
                    raise

    def _resume(self) -> None:
        import pyarrow.parquet as pq

        names = sorted(os.listdir(self.folder))
        for name in names:
            if name.endswith(".tmp"):
                os.unlink(os.path.join(self.folder, name))  # a part a killed run did not finish
        numbered = [(int(m.group(1)), n) for n in names if (m := _PART.fullmatch(n))]
        parts = [n for _, n in numbered]
        if [k for k, _ in numbered] != list(range(len(parts))):
            raise ResumeError(f"cannot resume from {label(self.folder)!r}: its parts are not numbered 0, 1, 2...")
        self._parts = [os.path.join(self.folder, n) for n in parts]
        for path in self._parts:
            try:
                pf = pq.ParquetFile(path)
            except Exception as exc:  # pyarrow raises several kinds for a damaged file
                raise ResumeError(f"cannot resume from {label(path)!r}: {exc}") from None
            if not pf.schema_arrow.equals(self.schema):
                raise ResumeError(
                    f"cannot resume from {label(self.folder)!r}: its parts were written with other options "
                    "(--include-source, --format)"
                )
            self.done += pf.metadata.num_rows
        if self._parts and self.done:
            tail = pq.read_table(self._parts[-1], columns=["index", "input"])
            last = tail.slice(tail.num_rows - 1).to_pylist()[0]
            if last["index"] != self.done - 1:
                raise ResumeError(
                    f"cannot resume from {label(self.folder)!r}: its parts hold {self.done} records "
                    f"but the last one's index is {last['index']}"
                )
            self.last_input = last["input"]
        self.records = self.done

    def ids(self) -> frozenset[FileId]:
        """The output and the parts folder (a walk leaves both out)."""
        return self.target.ids() | {file_id(os.stat(self.folder))}

    def write(self, line: bytes | None, record: dict[str, Any] | None = None) -> None:
        assert record is not None
        self._rows.append(record)
        self.records += 1

    def flush(self) -> None:
        """The records kept so far become the next part."""
        if not self._rows:
            return
        import pyarrow.parquet as pq

        path = os.path.join(self.folder, f"part-{len(self._parts):06d}.parquet")
        try:
            table = records_table(self._rows, self.schema)
        except (ValueError, TypeError, RecursionError, UnicodeError):  # pyarrow's errors are ValueErrors too
            table = records_table([writable(r)[0] for r in self._rows], self.schema)
        pq.write_table(table, path + ".tmp")
        os.replace(path + ".tmp", path)
        self._parts.append(path)
        self._rows = []

    def commit(self) -> None:
        """Every record is written: join the parts into the output, then remove them."""
        import pyarrow.parquet as pq

        self.flush()
        fh, partial = new_partial(self.target.path)
        with fh:
            with pq.ParquetWriter(fh, self.schema) as writer:
                if not self._parts:
                    writer.write_table(self.schema.empty_table())
                for path in self._parts:
                    pf = pq.ParquetFile(path)
                    for group in range(pf.num_row_groups):
                        writer.write_table(pf.read_row_group(group))
            fh.flush()
            os.fsync(fh.fileno())
        if self.target.existing is not None:
            os.chmod(partial, stat.S_IMODE(self.target.existing.st_mode))
        os.replace(partial, self.target.path)
        _sync_folder(os.path.dirname(self.target.path))
        shutil.rmtree(self.folder, ignore_errors=True)

    def leave(self) -> None:
        """The run did not start: leave the parts folder as it was (removed when this run made it)."""
        if self._made:
            shutil.rmtree(self.folder, ignore_errors=True)

    def abandon(self) -> str:
        """The run stopped early: write the records held as a part; say where the parts are."""
        try:
            self.flush()
        except OSError:
            pass
        written = self.records - len(self._rows)
        return (
            f"{written} records written in parts to {label(self.folder)!r} "
            f"({label(self.target.name)!r} left as it was); --resume continues the run"
        )
