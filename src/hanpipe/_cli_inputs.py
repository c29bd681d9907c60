"""What ``hanpipe process`` reads: paths, folder walks, JSONL records and stdin.

Each input becomes an :class:`Item`: a label for the output record, the
payload for the pipeline (a path, bytes or str), or the reason it cannot be
read. Nothing here raises for a bad input; it becomes an item with an error.

Folder walks go depth first in name order (the order of sorted paths), follow
links to folders (a link back to a folder being walked is an error item, not a
loop), and leave out the files listed in ``skip`` (the output and its partial
file). Only regular files are read: a FIFO, socket or device met in a walk,
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
from typing import Any

JSONL_SUFFIXES = (".jsonl", ".ndjson")

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
    (None: stdin is one text); ``id_field``: the JSONL field carried into the
    output as ``id``; ``skip``: files a walk leaves out.
    """

    field: str | None = "text"
    stdin_field: str | None = None
    id_field: str = "id"
    skip: frozenset[FileId] = frozenset()


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
    if reading.field is not None and name.lower().endswith(JSONL_SUFFIXES):
        try:
            with open(name, "rb") as fh:
                yield from _records(fh, name, reading.field, reading.id_field)
        except OSError as exc:
            yield _cannot_read(name, exc)
        return
    yield Item(label(name), Path(name), st.st_size)


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
            if file_id(st) not in reading.skip:
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
