"""The ``hanpipe`` command.

    hanpipe process PATH... [-o OUT.jsonl] [--workers N] [--jsonl-field FIELD]
    hanpipe plugins

``process`` writes one JSONL record per input, in input order (schema in the
README), a progress bar and a one-line summary on stderr. Exit status: 0 when
every input was processed, 1 when some failed (their records carry ``error``),
2 for usage errors.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .errors import HanpipeError
from .pipeline import ErrorRecord, Pipeline
from .plugins import STAGES, default_registry

__all__ = ["main"]

JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass
class _Item:
    """One input: where it came from, what to process, or why it cannot be."""

    label: str
    payload: Any = None
    size: int = 0
    error: str | None = None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hanpipe", description="Raw Chinese web text to clean text, words and facts.")
    sub = parser.add_subparsers(dest="command", required=True)
    proc = sub.add_parser("process", help="run the pipeline over files, folders, JSONL or stdin")
    proc.add_argument("paths", nargs="+", metavar="PATH", help="file, folder (recursive), JSONL file, or - for stdin")
    proc.add_argument("-o", "--output", default="-", help="output JSONL file (default: stdout)")
    proc.add_argument("--workers", type=int, default=1, help="worker processes (default: 1)")
    proc.add_argument("--jsonl-field", metavar="FIELD", help="read .jsonl files (and stdin) as records; take FIELD")
    proc.add_argument("--encoding", help="force this encoding for byte input")
    proc.add_argument("--variant", help="conversion variant: t2s (default), tw2s, tw2sp, hk2s")
    proc.add_argument("--no-convert", action="store_true", help="skip Traditional to Simplified conversion")
    proc.add_argument("--no-segment", action="store_true", help="skip word segmentation")
    proc.add_argument("--extract", metavar="KINDS", help="comma-separated extractors (default: the built-in set)")
    proc.add_argument("--include-source", action="store_true", help="add the decoded source text to each record")
    proc.add_argument("--no-progress", action="store_true", help="no progress bar")
    sub.add_parser("plugins", help="list the registered engines per stage")
    return parser


def _config(args: argparse.Namespace) -> dict[str, Any]:
    config: dict[str, Any] = {"encoding": args.encoding}
    if args.no_convert:
        config["convert"] = None
    elif args.variant:
        config["convert_variant"] = args.variant
    if args.no_segment:
        config["segment"] = None
    if args.extract is not None:
        config["extract"] = [k.strip() for k in args.extract.split(",") if k.strip()]
    return config


def _jsonl_items(lines: Iterator[bytes], label: str, field: str) -> Iterator[_Item]:
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        where = f"{label}:{number}"
        try:
            record = json.loads(raw)
        except ValueError as exc:
            yield _Item(where, error=f"line {number} is not JSON: {exc}")
            continue
        value = record.get(field) if isinstance(record, dict) else None
        if not isinstance(value, str):
            yield _Item(where, error=f"line {number} has no string field {field!r}")
            continue
        yield _Item(where, value, len(raw))


def _items(paths: list[str], field: str | None) -> Iterator[_Item]:
    for arg in paths:
        if arg == "-":
            if field:
                yield from _jsonl_items(iter(sys.stdin.buffer), "-", field)
            else:
                data = sys.stdin.buffer.read()
                yield _Item("-", data, len(data))
            continue
        path = Path(arg)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if field and file.suffix in JSONL_SUFFIXES:
                try:
                    with file.open("rb") as fh:
                        yield from _jsonl_items(iter(fh), str(file), field)
                except OSError as exc:
                    yield _Item(str(file), error=f"cannot read {str(file)!r}: {exc.strerror or exc}")
                continue
            try:
                size = file.stat().st_size
            except OSError as exc:
                yield _Item(str(file), error=f"cannot read {str(file)!r}: {exc.strerror or exc}")
                continue
            yield _Item(str(file), file, size)


def _run(pipeline: Pipeline, items: Iterator[_Item], workers: int) -> Iterator[tuple[_Item, Any, bool]]:
    """(item, record, ok) for every input, in order; unreadable inputs never reach the pipeline."""
    pending: collections.deque[_Item] = collections.deque()

    def feed() -> Iterator[Any]:
        for item in items:
            pending.append(item)
            if item.error is None:
                yield item.payload

    def failed(item: _Item) -> tuple[_Item, Any, bool]:
        return item, {"error": "InputError", "message": item.error}, False

    for result in pipeline.pipe(feed(), workers=workers):
        while pending[0].error is not None:
            yield failed(pending.popleft())
        item = pending.popleft()
        if isinstance(result, ErrorRecord):
            yield item, {"error": result.error, "message": result.message}, False
        else:
            yield item, result, True
    while pending:
        yield failed(pending.popleft())


def _process(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.workers < 1:
        parser.error(f"--workers must be at least 1, got {args.workers}")
    try:
        pipeline = Pipeline(**_config(args))
    except HanpipeError as exc:
        print(f"hanpipe: {exc}", file=sys.stderr)
        return 2
    out: IO[str] = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    from tqdm import tqdm

    docs = errors = nbytes = 0
    started = time.perf_counter()
    try:
        bar = tqdm(unit="doc", file=sys.stderr, disable=True if args.no_progress else None, leave=False)
        for index, (item, result, ok) in enumerate(_run(pipeline, _items(args.paths, args.jsonl_field), args.workers)):
            record: dict[str, Any] = {"index": index, "input": item.label}
            if ok:
                record.update(result.to_dict(include_source=args.include_source))
                docs += 1
            else:
                record.update(result)
                errors += 1
            nbytes += item.size
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            bar.update()
        bar.close()
    finally:
        if out is not sys.stdout:
            out.close()
    seconds = max(time.perf_counter() - started, 1e-9)
    mb = nbytes / 1e6
    print(
        f"hanpipe: {docs + errors} inputs, {docs} documents, {mb:.2f} MB in {seconds:.2f} s "
        f"({mb / seconds:.2f} MB/s), {errors} errors",
        file=sys.stderr,
    )
    return 1 if errors else 0


def _plugins() -> int:
    registry = default_registry()
    for stage in STAGES:
        print(f"{stage}:")
        for name, info in sorted(registry.engines[stage].items()):
            options = info.options()
            opts = "any" if options is None else (", ".join(options) or "-")
            print(f"  {name:<16} {info.distribution:<24} options: {opts}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "plugins":
        return _plugins()
    return _process(args, parser)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
