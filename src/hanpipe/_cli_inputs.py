"""What ``hanpipe process`` reads: paths, folder walks, JSONL records, Parquet rows and stdin.

Each input becomes an :class:`Item`: a label for the output record, the
payload for the pipeline (a path, bytes or str), or the reason it cannot be
read. Nothing here raises for a bad input; it becomes an item with an error.

Folder walks go depth first in name order (the order of sorted paths), follow
links to folders (a link back to a folder being walked is an error item, not a
loop), and leave out the files and folders listed in ``skip`` (the output,
its partial file or parts folder), unless the output is a file the run would
replace that is not an earlier hanpipe output: meeting that one stops the
walk (:class:`OutputInWalk`). Only regular files are read: a FIFO, socket or device met in a walk,
and a link to nothing, give an error item and are never opened.
"""

from __future__ import annotations

import json
import math
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet", ".pq")

#: Parquet rows read at a time (memory stays bounded whatever the file's size)
PARQUET_ROWS = 1024

#: a file's identity: (device, inode)
FileId = tuple[int, int]

#: ``Item.id`` when the input carries no id
NO_ID: Any = type("NoId", (), {"__repr__": lambda self: "NO_ID"})()


@dataclass
class Item:
    """One input: where it came from, what to process, or why it cannot be."""

    label: str
    payload: Any = None
    size: int = 0
    error: str | None = None
    id: Any = NO_ID


@dataclass(frozen=True)
class Reading:
    """How to read the inputs.

    ``field``: the JSONL field holding the text for ``.jsonl``/``.ndjson``
    files (None: read them as plain text); ``stdin_field``: the same for stdin
    (None: stdin is one text); ``column``: the column holding the text in
    ``.parquet`` files; ``id_field``: the JSONL field or Parquet column carried
    into the output as ``id``; ``skip``: files a walk leaves out; ``keep``:
    files a walk must not meet (an output the run would replace that is not an
    earlier hanpipe output): meeting one raises :class:`OutputInWalk`.
    """

    field: str | None = "text"
    stdin_field: str | None = None
    column: str = "text"
    id_field: str = "id"
    skip: frozenset[FileId] = frozenset()
    keep: frozenset[FileId] = frozenset()


class OutputInWalk(Exception):
    """A folder walk met the output, which the run would replace: the run must stop before it does."""

    def __init__(self, path: str) -> None:
        super().__init__(label(path))
        self.path = label(path)


def file_id(st: os.stat_result) -> FileId:
    return st.st_dev, st.st_ino


def label(name: str) -> str:
    """``name`` as text UTF-8 can hold: bytes that are not UTF-8 become ``\\xNN``."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        pass
    try:
        return os.fsencode(name).decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return name.encode("utf-8", "backslashreplace").decode("utf-8")


def unwritable(value: Any) -> str | None:
    """Why ``value`` cannot be written as JSON in UTF-8 (a lone surrogate, NaN), or None."""
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        where, v = stack.pop()
        if isinstance(v, str):
            try:
                v.encode("utf-8")
            except UnicodeEncodeError as exc:
                at = f"{where}, offset {exc.start}" if where else f"offset {exc.start}"
                return f"a lone surrogate U+{ord(v[exc.start]):04X} at {at}"
        elif isinstance(v, float):
            if not math.isfinite(v):
                return f"{v!r}{' at ' + where if where else ''}, which JSON cannot hold"
        elif isinstance(v, dict):
            for k, x in reversed(list(v.items())):
                name = label(str(k))
                stack.append((f"{where}.{name}" if where else name, x))
                stack.append((f"the key {name!r}", k))
        elif isinstance(v, (list, tuple)):
            stack.extend((f"{where}[{i}]", x) for i, x in reversed(list(enumerate(v))))
    return None


def _cannot_read(name: str, exc: OSError) -> Item:
    return Item(label(name), error=f"cannot read {label(name)!r}: {exc.strerror or exc}")


def items(paths: Iterable[str], reading: Reading) -> Iterator[Item]:
    """Every input, in order."""
    for arg in paths:
        if arg == "-":
            if reading.stdin_field is not None:
                yield from _records(iter(sys.stdin.buffer), "-", reading.stdin_field, reading.id_field)
            else:
                data = sys.stdin.buffer.read()
                if _looks_like_json_lines(data):
                    print(_JSON_STDIN_HINT, file=sys.stderr, flush=True)
                yield Item("-", data, len(data))
            continue
        try:
            st = os.stat(arg)
        except OSError as exc:
            yield (
                _dangling(arg) if isinstance(exc, FileNotFoundError) and os.path.islink(arg) else _cannot_read(arg, exc)
            )
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(os.fspath(Path(arg)), st, reading)
        else:
            # a path named on the command line is read whatever it is (a FIFO from <(...) too)
            yield from _file(arg, st, reading)


def _file(name: str, st: os.stat_result, reading: Reading) -> Iterator[Item]:
    if name.lower().endswith(PARQUET_SUFFIXES):
        yield from _parquet(name, reading.column, reading.id_field)
        return
    if reading.field is not None and name.lower().endswith(JSONL_SUFFIXES):
        try:
            with open(name, "rb") as fh:
                if _not_json_lines(fh.read(NUL_LOOK)):  # binary data, or UTF-16 text: one record, not one per line
                    yield Item(label(name), size=st.st_size, error=_NOT_JSON_LINES)
                    return
                fh.seek(0)
                yield from _records(fh, name, reading.field, reading.id_field)
        except OSError as exc:
            yield _cannot_read(name, exc)
        return
    yield Item(label(name), Path(name), st.st_size)


#: how far a JSONL file is looked into for a NUL byte, which JSON text in UTF-8 never holds
NUL_LOOK = 1 << 16
_NOT_JSON_LINES = (
    "not JSON lines: it holds a NUL byte, which JSON text in UTF-8 never does, and no line is JSON "
    "(binary data, or text in UTF-16?); --jsonl-as-text reads a file whole"
)


def _not_json_lines(head: bytes) -> bool:
    """Whether the start of a JSONL file (``head``, :data:`NUL_LOOK` bytes at most) is not JSON lines at all:
    it holds a NUL byte and none of its whole lines is JSON in UTF-8. A file of records with a damaged line is read
    line by line, the damaged one an error record of its own."""
    if b"\0" not in head:
        return False
    lines = head.split(b"\n")
    if len(head) == NUL_LOOK:
        lines.pop()  # cut at the end of the look: maybe half a line
    return not any(_is_json(line) for line in lines if line.strip())


def _is_json(line: bytes) -> bool:
    """Whether ``line`` is JSON in UTF-8 (``json.loads`` would also take a line of UTF-16 after its BOM)."""
    try:
        json.loads(line.decode("utf-8"))
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return False
    return True


#: the fields of a record of ``hanpipe process`` output (a result's or an error's): a file of them that a
#: folder holds is an earlier run's output, left out of the walk
_OUTPUT_FIELDS = frozenset(("index", "input"))
_EARLIER_OUTPUT = (
    "not read: it holds hanpipe's output (an earlier run's records); name the file on the command line "
    "to process it again"
)


def _earlier_output(name: str, reading: Reading) -> bool:
    """Whether the JSONL or Parquet file ``name`` holds ``hanpipe process`` records: its first record (or
    its schema) has ``index``, ``input`` and ``entities`` or ``error``."""
    low = name.lower()
    try:
        if reading.field is not None and low.endswith(JSONL_SUFFIXES):
            with open(name, "rb") as fh:
                first = next((line for line in fh if line.strip()), b"")
            record = json.loads(first) if first else None
            fields = set(record) if isinstance(record, dict) else set()
        elif low.endswith(PARQUET_SUFFIXES):
            import pyarrow.parquet as pq

            fields = set(pq.read_schema(name).names)
        else:
            return False
    except Exception:  # unreadable, not JSON, no pyarrow: read (or reported) as any input is
        return False
    return _OUTPUT_FIELDS <= fields and bool(fields & {"entities", "error"})


_JSON_STDIN_HINT = (
    "hanpipe: standard input looks like JSON lines and is read as one text; --jsonl-field FIELD reads "
    "a record per line"
)


def _looks_like_json_lines(data: bytes) -> bool:
    """Whether ``data`` begins with a line that is a JSON object, and holds another line."""
    first, _, rest = data.lstrip().partition(b"\n")
    if not first.startswith(b"{") or not rest.strip():
        return False
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return False


def _dangling(name: str) -> Item:
    try:
        target = os.readlink(name)
    except OSError:
        target = "?"
    return Item(label(name), error=f"cannot read {label(name)!r}: a link to {label(target)!r}, which does not exist")


def _walk(root: str, root_st: os.stat_result, reading: Reading) -> Iterator[Item]:
    """Depth first, entries in name order; ``ancestors`` catches links that loop back."""
    ancestors: list[FileId] = [file_id(root_st)]
    stack: list[Iterator[os.DirEntry[str]]] = []
    entries = _listing(root)
    if isinstance(entries, Item):
        yield entries
        return
    stack.append(iter(entries))
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            ancestors.pop()
            continue
        try:
            st = entry.stat()
        except OSError as exc:
            dangling = isinstance(exc, FileNotFoundError) and entry.is_symlink()
            yield _dangling(entry.path) if dangling else _cannot_read(entry.path, exc)
            continue
        mode = st.st_mode
        if stat.S_ISDIR(mode):
            if file_id(st) in reading.skip:
                continue
            if file_id(st) in ancestors:
                yield Item(label(entry.path), error=f"not read: {label(entry.path)!r} links back to a folder above it")
                continue
            listing = _listing(entry.path)
            if isinstance(listing, Item):
                yield listing
                continue
            ancestors.append(file_id(st))
            stack.append(iter(listing))
        elif stat.S_ISREG(mode):
            if file_id(st) in reading.keep:
                raise OutputInWalk(entry.path)
            if file_id(st) in reading.skip:
                continue
            if _earlier_output(entry.path, reading):
                yield Item(label(entry.path), size=st.st_size, error=_EARLIER_OUTPUT)
                continue
            yield from _file(entry.path, st, reading)
        else:
            kind = _kind(mode)
            yield Item(label(entry.path), error=f"not read: {label(entry.path)!r} is {kind}, not a regular file")


def _listing(folder: str) -> list[os.DirEntry[str]] | Item:
    try:
        with os.scandir(folder) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError as exc:
        return _cannot_read(folder, exc)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _records(lines: Iterable[bytes], name: str, field: str, id_field: str) -> Iterator[Item]:
    """One item per non-blank line of a JSONL stream."""
    where = label(name)
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        at = f"{where}:{number}"
        try:
            record = json.loads(raw)
        except (ValueError, RecursionError) as exc:
            reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            yield Item(at, size=len(raw), error=f"line {number} is not JSON: {reason}")
            continue
        if not isinstance(record, dict):
            yield Item(at, size=len(raw), error=f"line {number} is not a JSON object")
            continue
        ident = record.get(id_field, NO_ID)
        if ident is not NO_ID and (why := unwritable(ident)) is not None:
            yield Item(at, size=len(raw), error=f"line {number}: field {id_field!r} holds {why}")
            continue
        value = record.get(field)
        if not isinstance(value, str):
            yield Item(at, size=len(raw), id=ident, error=f"line {number} has no string field {field!r}")
            continue
        if (why := unwritable(value)) is not None:
            yield Item(at, size=len(raw), id=ident, error=f"line {number}: field {field!r} holds {why}, not text")
            continue
        yield Item(at, value, len(raw), id=ident)


def _parquet(name: str, column: str, id_field: str) -> Iterator[Item]:
    """One item per row of a Parquet file, read a few rows at a time.

    The text column may hold strings (read as text) or binary values (bytes,
    decoded like a file). A file that cannot be read, has no such column, or
    whose column holds another type (numbers, lists) is one error item; a
    null gets an error item of its own; a file that breaks off part way gives
    the rows before the break and an error item for the rest.
    """
    where = label(name)
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        needs = "Parquet input needs pyarrow (pip install pyarrow, hanpipe's 'arrow' extra)"
        yield Item(where, error=f"cannot read {where!r}: {needs}")
        return
    try:
        pf = pq.ParquetFile(name)
        schema = pf.schema_arrow
    except (OSError, pa.ArrowException) as exc:
        yield Item(where, error=f"cannot read {where!r} as Parquet: {exc}")
        return
    if column not in schema.names:
        shown = ", ".join(schema.names[:12]) or "none"
        yield Item(where, error=f"{where!r} has no column {column!r} (its columns: {shown}); --text-column picks one")
        return
    kind = schema.field(column).type
    if not (
        pa.types.is_string(kind)
        or pa.types.is_large_string(kind)
        or pa.types.is_binary(kind)
        or pa.types.is_large_binary(kind)
        or pa.types.is_string_view(kind)
        or pa.types.is_binary_view(kind)
    ):
        yield Item(where, error=f"the column {column!r} of {where!r} holds {kind}, not text or bytes")
        return
    columns = [column] + ([id_field] if id_field in schema.names and id_field != column else [])
    row = 0
    try:
        for block in pf.iter_batches(batch_size=PARQUET_ROWS, columns=columns):
            texts = block.column(0).to_pylist()
            ids = block.column(1).to_pylist() if len(columns) > 1 else None
            for k, value in enumerate(texts):
                row += 1
                at = f"{where}:{row}"
                ident = NO_ID if ids is None or ids[k] is None else ids[k]  # a null is no id
                if ident is not NO_ID and (why := unwritable(ident)) is not None:
                    yield Item(at, error=f"row {row}: column {id_field!r} holds {why}")
                elif value is None:
                    yield Item(at, id=ident, error=f"row {row}: the column {column!r} is null")
                else:
                    size = len(value) if isinstance(value, bytes) else len(value.encode("utf-8", "surrogatepass"))
                    yield Item(at, value, size, id=ident)
    except (OSError, pa.ArrowException) as exc:
        yield Item(f"{where}:{row + 1}", error=f"cannot read {where!r} past row {row}: {exc}")


def count_inputs(path: str, *, jsonl: bool = True) -> int:
    """About how many inputs ``path`` holds, cheaply: a Parquet file's rows (from its footer), a JSONL file's
    lines, a folder's files (JSONL and Parquet files counted as such), 1 for any other file."""
    if os.path.isdir(path):
        return sum(
            count_inputs(os.path.join(root, name), jsonl=jsonl)
            for root, _, names in os.walk(path, followlinks=False)
            for name in names
        )
    low = path.lower()
    if low.endswith(PARQUET_SUFFIXES):
        import pyarrow.parquet as pq

        return int(pq.ParquetFile(path).metadata.num_rows)
    if jsonl and low.endswith(JSONL_SUFFIXES):
        with open(path, "rb") as fh:
            return count_lines(fh)
    return 1


def count_lines(fh: IO[bytes]) -> int:
    """The ``\\n`` in ``fh`` from where it stands to its end, read a MiB at a time."""
    return sum(block.count(b"\n") for block in iter(lambda: fh.read(1 << 20), b""))
