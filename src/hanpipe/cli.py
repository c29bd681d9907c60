"""The ``hanpipe`` command.

    hanpipe process PATH... [-o OUT.jsonl] [--workers N] [--jsonl-field FIELD] [--binary] ...
    hanpipe plugins [--check]
    hanpipe plugin new NAME --stage STAGE [--dir PATH]
    hanpipe --version

``process`` writes one JSONL record per input, in input order (schema in the
README), a progress bar and a summary on stderr: the inputs that failed (how
many, and the first few messages), then one line of counts. Exit status: 0
when every input was processed, 1 when some failed (their records carry
``error``), 2 for usage errors, 130 when interrupted (Ctrl-C; 143 for SIGTERM),
141 when the reader of standard output went away (``| head``), quietly.

Inputs. A PATH is a file, a folder (walked recursively, in name order), or
``-`` for stdin. ``.jsonl``/``.ndjson`` files are read as one record per line,
the text taken from the field ``text`` (``--jsonl-field`` picks another,
``--jsonl-as-text`` reads them as plain text); the record's ``id`` (or
``--id-field``) is carried into the output record as ``id``, and its input
label is ``path:line``. A line that is not a JSON object, has no string text
field, or holds a value UTF-8 cannot write (a lone surrogate such as
``"\\ud800"``, NaN) gets an error record; the lines after it go on. Stdin is
one text, in any encoding, unless ``--jsonl-field`` is given: then it is
JSONL too. A folder walk follows links to folders and reads regular files
only: a FIFO, socket, device, a link to nothing or a link back to a folder
above it gets an error record and is never opened. File names that are not
UTF-8 appear in ``input`` with ``\\xNN`` escapes.

Inputs that look like binary data (an image, an archive: the decoder sets
``meta["binary"]``) get an error record ``NotText`` unless ``--binary`` asks
to process them anyway.

``plugins`` lists the engines of every stage with the distribution that
provides it and its version, a ``*`` marking those the default pipeline runs;
``plugins --check`` loads every engine class and checks it against its
stage's protocol, and names each one that fails (exit 1). ``plugin new``
writes the skeleton of a plugin package (see ``hanpipe._scaffold``); it never
writes into a folder that exists (exit 2).

Output. Nothing a user gave is overwritten or half-written: the output may
not be one of the inputs (compared as files, so through links too; exit 2),
and a folder walk leaves the output out. A missing output folder, or a folder
given as output, is a usage error; no folder is created. An output file is
written beside its final name and renamed onto it when every input has a
record, so an interrupted run never leaves a truncated file where a good one
was (see ``hanpipe._cli_output``). Every line written is valid UTF-8 JSON:
a result that cannot be written that way becomes an ``OutputError`` record.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import functools
import io
import math
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from . import __version__
from ._cli_inputs import NO_ID, PARQUET_SUFFIXES, Item, OutputInWalk, Reading, count_inputs, file_id, items, label
from ._cli_output import Body, PartsSink, ResumeError, Sink, Target, UsageError, bodies, plan, with_head, writable
from ._cli_plugins import new_plugin_command, plugins_command
from ._cli_signals import Interrupted, Signals
from .arrow import result_schema
from .config import STAGES, check_encoding
from .errors import HanpipeError
from .pipeline import ErrorRecord, Pipeline

__all__ = ["main"]

#: failures listed on stderr at the end of a run
SHOWN_FAILURES = 5

_EPILOG = """\
.jsonl/.ndjson files are read as one record per line, the text in the field
"text" (--jsonl-field to choose another); a record's "id" (--id-field) is
written to its output record as "id". Stdin is one text unless --jsonl-field
is given. Inputs that look like binary data get an error record "NotText"
unless --binary is given. The output file is replaced only when the run is
complete; it may not be one of the inputs, and its folder must exist.
Exit status: 0 all processed, 1 some inputs failed, 2 usage error,
130 interrupted (143 on SIGTERM), 141 when the reader of stdout went away.
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hanpipe", description="Raw Chinese web text to clean text, words and facts.")
    parser.add_argument("--version", action="version", version=f"hanpipe {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    proc = sub.add_parser(
        "process",
        help="run the pipeline over files, folders, JSONL or stdin",
        description="Run the pipeline over each input; write one JSONL record per input, in order.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    proc.add_argument(
        "paths", nargs="+", metavar="PATH", help="file, folder (recursive), JSONL or Parquet file, or - for stdin"
    )
    proc.add_argument(
        "-o", "--output", default="-", help="output file, JSONL or .parquet (default: stdout); its folder must exist"
    )
    proc.add_argument(
        "--format",
        choices=("jsonl", "parquet"),
        help="output format (default: parquet for a .parquet/.pq output, else jsonl)",
    )
    proc.add_argument(
        "--resume",
        action="store_true",
        help="continue the output of a run that was stopped or killed, after its last record",
    )
    proc.add_argument("--workers", type=int, default=1, help="worker processes (default: 1)")
    proc.add_argument(
        "--batch-size",
        type=int,
        default=4096,
        metavar="N",
        help="at most N inputs (and about 1 MB of text) per batch; each batch's records are written together "
        "(default: 4096)",
    )
    proc.add_argument(
        "--max-input-size",
        type=_size,
        default=MAX_INPUT,
        metavar="SIZE",
        help="an input larger than SIZE bytes (a file, a JSONL line, a Parquet row; K, M and G allowed) gets an "
        "error record instead of being processed: one input is processed whole, and needs up to about 100 times "
        "its size in memory (default: 64M; 0: no limit)",
    )
    jsonl = proc.add_mutually_exclusive_group()
    jsonl.add_argument(
        "--jsonl-field",
        metavar="FIELD",
        help="the field holding the text in .jsonl/.ndjson records (default: text); also reads stdin as JSONL",
    )
    jsonl.add_argument("--jsonl-as-text", action="store_true", help="read .jsonl/.ndjson files as plain text")
    proc.add_argument(
        "--text-column",
        metavar="COLUMN",
        default="text",
        help="the column holding the text in .parquet files (default: text)",
    )
    proc.add_argument(
        "--id-field",
        metavar="FIELD",
        default="id",
        help='the JSONL field or Parquet column written to the output as "id" (default: id)',
    )
    proc.add_argument("--encoding", help="force this encoding for byte input (e.g. gb18030, big5, utf-16)")
    proc.add_argument("--binary", action="store_true", help="process inputs that look like binary data, not skip them")
    proc.add_argument(
        "--variant",
        help="conversion variant: t2s (default), tw2s, tw2sp, hk2s, hk2sp; to Traditional: s2t, s2tw, s2twp, s2hk, "
        "s2hkp; t2tw, t2hk, tw2t, hk2t, t2jp, jp2t (docs/convert.md)",
    )
    proc.add_argument("--no-convert", action="store_true", help="skip Traditional to Simplified conversion")
    proc.add_argument("--no-segment", action="store_true", help="skip word segmentation")
    proc.add_argument("--extract", metavar="KINDS", help="comma-separated extractors (default: the built-in set)")
    proc.add_argument("--include-source", action="store_true", help="add the decoded source text to each record")
    proc.add_argument("--no-progress", action="store_true", help="no progress bar")
    proc.add_argument(
        "-q", "--quiet", action="store_true", help="nothing on stderr but usage errors (see the exit status)"
    )
    plugins = sub.add_parser(
        "plugins",
        help="list the registered engines per stage",
        description="List the engines of every stage: name, distribution and version, options; "
        "* marks the engines the default pipeline runs.",
    )
    plugins.add_argument(
        "--check",
        action="store_true",
        help="load every engine class and check it against its stage's protocol; exit 1 if any fails",
    )
    plugin = sub.add_parser("plugin", help="write the skeleton of a new plugin package")
    plugin_sub = plugin.add_subparsers(dest="plugin_command", required=True)
    new = plugin_sub.add_parser(
        "new",
        help="write the skeleton of a new plugin package",
        description="Write hanpipe-NAME/: pyproject.toml (entry point in group hanpipe), hanpipe_NAME/__init__.py "
        "(a small working engine for the stage), tests/test_NAME.py (hanpipe.testing's contract and a behaviour "
        "test) and README.md. An existing folder is never touched (exit 2).",
    )
    new.add_argument(
        "name", metavar="NAME", help="the engine's name, e.g. book-titles (lower-case letters, digits, - and _)"
    )
    new.add_argument("--stage", required=True, choices=STAGES, help="the stage the engine works in")
    new.add_argument("--dir", default=".", metavar="PATH", help="the folder to create hanpipe-NAME in (default: .)")
    proc.set_defaults(command_parser=proc)
    return parser


#: the default of --max-input-size: a document this large needs a few GB while it is processed
MAX_INPUT = 64 << 20
_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}


def _size(text: str) -> int:
    """A size such as ``64M``, ``500K`` or ``1048576`` in bytes, for argparse."""
    spelled = text.strip().upper()
    unit = spelled[-1:] if spelled[-1:] in ("K", "M", "G") else ""
    try:
        value = float(spelled[: len(spelled) - len(unit)])
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a size such as 64M, 500K or 1048576, got {text!r}") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"expected a size of 0 or more, got {text!r}")
    return int(value * _UNITS[unit])


def _too_big(item: Item, limit: int) -> Item:
    """``item``, or an error item in its place when it is larger than ``limit`` bytes (0: no limit)."""
    if not limit or item.error is not None or item.size <= limit:
        return item
    return dataclasses.replace(
        item,
        payload=None,
        error=f"the input is {_mb(item.size)}, larger than --max-input-size ({_mb(limit)}): processed whole, it "
        "would need up to about 100 times that in memory; split it, or raise the limit to process it",
    )


def _mb(size: int) -> str:
    if size >= 1 << 20:
        return f"{size / (1 << 20):.1f} MB"
    return f"{size / (1 << 10):.0f} KB" if size >= 1 << 10 else f"{size} bytes"


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


def _say(text: str) -> None:
    """A line on stderr; a closed stderr is no reason to fail."""
    try:
        print(text, file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


def _stdin_id() -> tuple[int, int] | None:
    try:
        st = os.fstat(sys.stdin.fileno())
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return None
    return file_id(st)


def _clash(paths: list[str], target: Target) -> str | None:
    """Why the output may not be written: it is one of the inputs (or None)."""
    ids = target.ids()
    real = target.path if target.kind == "replace" else None
    output = "standard output" if target.kind == "stdout" else repr(label(target.name))
    for arg in paths:
        if arg == "-":
            same = _stdin_id() in ids
        else:
            try:
                same = file_id(os.stat(arg)) in ids
            except OSError:
                same = False
            same = same or (real is not None and os.path.realpath(arg) == real)
        if same:
            shown = "standard input" if arg == "-" else repr(label(arg))
            return f"the output {output} is the input {shown}; write the results to another file"
    if real is not None and not target.replaceable():
        for arg in paths:
            if arg != "-" and os.path.isdir(arg) and real.startswith(os.path.join(os.path.realpath(arg), "")):
                return _in_walk(output, f"in the input folder {label(arg)!r}")
    return None


def _in_walk(output: str, where: str) -> str:
    return (
        f"the output {output} is {where} and is not the output of an earlier run: "
        "the run would replace a file it reads; write the results to another file"
    )


class _PipeClosed(Exception):
    """The reader of standard output went away."""


class _WriteFailed(Exception):
    def __init__(self, exc: OSError) -> None:
        super().__init__(exc.strerror or str(exc))


def _write_failure(exc: OSError, target: Target) -> Exception:
    if isinstance(exc, BrokenPipeError) and target.kind == "stdout":
        return _PipeClosed()
    return _WriteFailed(exc)


def _many(n: int, word: str) -> str:
    """``n`` and ``word``, plural but for one: 1 input, 2 inputs."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@dataclass
class _Stats:
    inputs: int = 0
    docs: int = 0
    errors: int = 0
    nbytes: int = 0
    resumed: int = 0
    quiet: bool = False
    failures: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)

    def rates(self) -> str:
        seconds = max(time.perf_counter() - self.started, 1e-9)
        return f"{self.nbytes / 1e6 / seconds:.2f} MB/s, {_many(self.errors, 'error')}"

    def line(self) -> str:
        seconds = max(time.perf_counter() - self.started, 1e-9)
        mb = self.nbytes / 1e6
        earlier = f" (after {self.resumed} records of an earlier run)" if self.resumed else ""
        return (
            f"{_many(self.inputs, 'input')}{earlier}, {_many(self.docs, 'document')}, {mb:.2f} MB in {seconds:.2f} s "
            f"({mb / seconds:.2f} MB/s, {self.inputs / seconds:.1f} inputs/s), {_many(self.errors, 'error')}"
        )

    def say(self, text: str) -> None:
        if not self.quiet:
            _say(text)

    def report(self, output: str) -> None:
        if self.errors:
            self.say(f"hanpipe: {self.errors} of {self.inputs} inputs failed:")
            for text in self.failures:
                self.say(f"  {text}")
            if self.errors > len(self.failures):
                self.say(f'  ... and {self.errors - len(self.failures)} more (the records with "error" in {output})')


def _run(
    pipeline: Pipeline,
    inputs: Iterator[Item],
    workers: int,
    batch_size: int,
    flush: Callable[[], None],
    max_input: int = MAX_INPUT,
    finish: Callable[[list[Any]], list[Any]] | None = None,
) -> Iterator[tuple[Item, Any, bool]]:
    """(item, result or error fields, ok) for every input, in order; unreadable inputs never reach the pipeline.

    ``finish`` runs on each batch's results where the batch was processed (``Pipeline.pipe_batches``).
    """
    pending: collections.deque[Item] = collections.deque()

    def feed() -> Iterator[Any]:
        for item in inputs:
            item = _too_big(item, max_input)
            pending.append(item)
            if item.error is None:
                yield item.payload

    def failed(item: Item) -> tuple[Item, Any, bool]:
        return item, {"error": "InputError", "message": item.error}, False

    groups = pipeline.pipe_batches(feed(), workers=workers, chunksize=batch_size, finish=finish)
    try:
        for group in groups:
            for result in group:
                while pending[0].error is not None:
                    yield failed(pending.popleft())
                item = pending.popleft()
                if isinstance(result, ErrorRecord):
                    fields = result.to_dict()
                    fields.pop("index", None)
                    yield item, fields, False
                else:
                    yield item, result, True
            flush()  # a batch is done: its records reach the output before the next batch is waited for
        while pending:
            yield failed(pending.popleft())
    finally:
        groups.close()


def _record(
    index: int, item: Item, result: Any, ok: bool, args: argparse.Namespace, *, line: bool = True
) -> tuple[bytes | None, dict[str, Any]]:
    """The output line for one input (None unless ``line``), and its record (``error`` in it when the input failed).

    The line is also the check that the record can be written; a sink that
    takes records alone checks them itself (:func:`writable`). For a line, a
    document comes as the :class:`Body` its worker wrote (``bodies``), and its
    record is then the head alone (index, input, id), which is all a line's
    sink reads; a document still whole here is binary, or one whose record
    UTF-8 JSON cannot hold.
    """
    head: dict[str, Any] = {"index": index, "input": item.label}
    if item.id is not NO_ID:
        head["id"] = item.id
    record = dict(head)
    if not ok:
        record.update(result)
    elif isinstance(result, Body):  # the record's JSON, written where the document was processed
        return with_head(head, result), record
    elif result.meta.get("binary") and not args.binary:
        record["error"] = "NotText"
        record["message"] = f"{item.label!r} looks like binary data, not text; skipped (--binary processes it anyway)"
    else:  # for a sink of records; for lines, one whose JSON the worker could not write (writable says why)
        record.update(result.to_dict(include_source=args.include_source))
    if not line:
        return None, record
    record, text = writable(record)
    return text, record


def _resumed(inputs: Iterator[Item], sink: Sink | PartsSink) -> Iterator[Item]:
    """``inputs`` after the ``sink.done`` an earlier run wrote, checking that its last record is of the same input."""
    for k in range(sink.done):
        item = next(inputs, None)
        if item is None:
            raise ResumeError(
                f"cannot resume: the earlier run wrote {sink.done} records, but there are only {k} inputs"
            )
        if k == sink.done - 1 and item.label != sink.last_input:
            raise ResumeError(
                f"cannot resume: the earlier run's record {k} is of {sink.last_input!r}, but input {k} is "
                f"{item.label!r}; resume with the same inputs and options"
            )
    yield from inputs


def _loop(
    args: argparse.Namespace, pipeline: Pipeline, sink: Sink | PartsSink, signals: Signals, stats: _Stats
) -> None:
    reading = Reading(
        field=None if args.jsonl_as_text else (args.jsonl_field or "text"),
        stdin_field=args.jsonl_field,
        column=args.text_column,
        id_field=args.id_field,
        skip=sink.ids(),
        keep=frozenset() if sink.target.replaceable() else sink.target.ids(),
    )
    stats.resumed = sink.done
    inputs = _resumed(items(args.paths, reading), sink)
    bar = _Progress(args, stats, sink.done)
    lines = not isinstance(sink, PartsSink)  # Parquet takes records; it checks them a batch at a time
    # a line's JSON is written where its document is processed: in the workers, beside the pipeline
    finish = functools.partial(bodies, include_source=args.include_source, binary=args.binary) if lines else None

    def flush() -> None:
        signals.critical = sink.partial is not None or isinstance(sink, PartsSink)
        try:
            sink.flush()
        except OSError as exc:
            raise _write_failure(exc, sink.target) from exc
        finally:
            signals.critical = False
        signals.check()
        bar.batch()

    waiting = threading.Timer(FIRST_WAIT, bar.say, (FIRST_WAIT_NOTE,))  # a first run compiles in silence
    waiting.daemon = True
    if not args.quiet:
        waiting.start()
    try:
        for index, (item, result, ok) in enumerate(
            _run(pipeline, inputs, args.workers, args.batch_size, flush, args.max_input_size, finish), sink.done
        ):
            waiting.cancel()
            line, record = _record(index, item, result, ok, args, line=lines)
            signals.critical = sink.partial is not None  # a file can be cut back to whole lines; a pipe cannot
            try:
                sink.write(line, record)
            except OSError as exc:
                raise _write_failure(exc, sink.target) from exc
            stats.inputs += 1
            stats.nbytes += item.size
            if "error" in record:
                stats.errors += 1
                if len(stats.failures) < SHOWN_FAILURES:
                    message = " ".join(str(record["message"]).split())[:300]
                    stats.failures.append(f"{record['input']}: {record['error']}: {message}")
            else:
                stats.docs += 1
            signals.critical = False
            signals.check()
    finally:
        waiting.cancel()
        signals.critical = False
        bar.close()


#: after this many seconds with no result yet, the command says why (a first run compiles its kernels)
FIRST_WAIT = 5.0
FIRST_WAIT_NOTE = (
    "hanpipe: the first result is taking a while: a first run compiles hanpipe's kernels (about 30 s, once; "
    "later runs start in about a second)"
)


class _Progress:
    """The progress bar on stderr: documents/s, MB/s, errors, and an ETA once the number of inputs is known.

    The inputs are counted in a background thread (a Parquet file's rows from
    its metadata, a JSONL file's lines, a folder's files); stdin is never
    counted, so a run that reads it has no ETA.
    """

    def __init__(self, args: argparse.Namespace, stats: _Stats, done: int) -> None:
        from tqdm import tqdm

        self.stats = stats
        off = args.no_progress or args.quiet
        self.bar = tqdm(unit="doc", file=sys.stderr, disable=True if off else None, leave=False, initial=done)
        self.shown = 0
        if not self.bar.disable and "-" not in args.paths:
            threading.Thread(target=self._count, args=(args,), daemon=True).start()

    def _count(self, args: argparse.Namespace) -> None:
        try:
            total = sum(count_inputs(path, jsonl=not args.jsonl_as_text) for path in args.paths)
        except Exception:  # counting is only for the ETA; the run itself reports unreadable inputs
            return
        self.bar.total = total  # read by the bar at its next refresh

    def batch(self) -> None:
        if self.bar.disable:
            return
        self.bar.set_postfix_str(self.stats.rates(), refresh=False)
        self.bar.update(self.stats.inputs - self.shown)
        self.shown = self.stats.inputs

    def say(self, text: str) -> None:
        """A line on stderr that leaves the bar whole."""
        if self.bar.disable:
            _say(text)
        else:
            self.bar.write(text, file=sys.stderr)

    def close(self) -> None:
        self.bar.close()


def _quiet_stdout() -> None:
    """Send what is left for standard output to /dev/null, so exiting does not fail on the closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        pass


def _process(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.workers < 1:
        parser.error(f"--workers must be at least 1, got {args.workers}")
    if args.batch_size < 1:
        parser.error(f"--batch-size must be at least 1, got {args.batch_size}")
    if args.jsonl_field == "":
        parser.error("--jsonl-field needs a field name; --jsonl-as-text reads .jsonl files as plain text")
    try:
        check_encoding(args.encoding)
    except HanpipeError as exc:
        parser.error(f"--encoding: {exc}")
    try:
        target = plan(args.output)
    except UsageError as exc:
        _say(f"hanpipe: {exc}")
        return 2
    clash = _clash(args.paths, target)
    if clash is not None:
        _say(f"hanpipe: {clash}")
        return 2
    with Signals() as signals:
        try:
            return _write(args, target, signals)
        except Interrupted as exc:
            _say(f"hanpipe: interrupted ({signal.Signals(exc.signum).name}) before any input was read")
            return 128 + exc.signum


def _parquet_out(args: argparse.Namespace, target: Target) -> bool:
    return args.format == "parquet" or (args.format is None and target.path.lower().endswith(PARQUET_SUFFIXES))


def _sink(args: argparse.Namespace, target: Target) -> Sink | PartsSink:
    if not _parquet_out(args, target):
        return Sink(target, resume=args.resume)
    return PartsSink(target, result_schema(include_source=args.include_source), resume=args.resume)


def _write(args: argparse.Namespace, target: Target, signals: Signals) -> int:
    try:
        if _parquet_out(args, target):
            result_schema()  # without pyarrow, say so before the dictionaries load
        pipeline = Pipeline(**_config(args))
        sink = _sink(args, target)
    except (HanpipeError, UsageError, ImportError) as exc:
        _say(f"hanpipe: {exc}")
        return 2
    output = "standard output" if target.kind == "stdout" else repr(label(target.name))
    stats = _Stats(quiet=args.quiet)
    try:
        _loop(args, pipeline, sink, signals, stats)
        signals.critical = True
        try:
            sink.commit()
        except OSError as exc:
            raise _write_failure(exc, target) from exc
    except _PipeClosed:
        _quiet_stdout()
        return 141
    except ResumeError as exc:
        sink.leave()
        _say(f"hanpipe: {exc}")
        return 2
    except OutputInWalk as exc:
        sink.leave()  # nothing of this run is kept: its output must go elsewhere
        _say(f"hanpipe: {_in_walk(output, f'among the inputs (met as {exc.path!r})')}")
        return 2
    except Interrupted as exc:
        where = sink.abandon()
        stats.report(output)
        _say(f"hanpipe: interrupted ({signal.Signals(exc.signum).name}): {stats.line()}; {where}")
        return 128 + exc.signum
    except _WriteFailed as exc:
        where = sink.abandon()
        stats.report(output)
        _say(f"hanpipe: cannot write {output}: {exc}; stopped after {stats.line()}; {where}")
        return 1
    except BaseException:
        sink.abandon()
        raise
    stats.report(output)
    stats.say(f"hanpipe: {stats.line()}")
    return 1 if stats.errors else 0


#: printed under the list of engines
def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "plugins":
        return plugins_command(args)
    if args.command == "plugin":
        return new_plugin_command(args)
    return _process(args, args.command_parser)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
