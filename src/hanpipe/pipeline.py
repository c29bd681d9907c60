"""Pipeline: builds the stages from configuration and runs them.

Configuration, per stage (defaults in ``hanpipe.config.DEFAULT``; the same as data:
``Pipeline.from_config(PipelineConfig.of(...))``)::

    Pipeline(
        decode="auto",                      # engine name, or {"engine": name, **options}
        clean=["newlines"],                 # names or {"engine": ..., ...} dicts, run in order
        convert={"engine": "opencc", "variant": "tw2s"},
        segment="jieba",                    # None or False switches a stage off
        extract=["email", "url"],
        encoding=None,                      # force one encoding for byte input
        convert_variant="tw2s",             # flat form: <stage>_<option>
    )
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Generator, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from . import errors
from ._workers import BATCH_BYTES, WORKER_BATCH_BYTES, batches, pipe_parallel
from .batch import Batch, BatchResult, collector_held, split_entities
from .config import DEFAULT, STAGES, PipelineConfig, check_encoding
from .document import Document, Entities, ErrorRecord
from .errors import ConfigError, HanpipeError, InputError, PluginError
from .overlaps import resolve_overlaps
from .registry import Engine, Registry, default_registry

__all__ = ["ErrorRecord", "Pipeline"]

class Pipeline:
    """decode → clean → convert → segment → extract, each stage a chosen engine.

    Each stage takes an engine name, ``{"engine": name, **options}``, or
    ``None``/``False`` to switch it off (decode cannot be); ``clean`` and
    ``extract`` take a list of those, run in order. Flat keywords
    ``<stage>_<option>=value`` set one option of a single-engine stage
    (``convert_variant="tw2s"``, ``segment_hmm=False``). Every engine and
    option is checked when the pipeline is built: a mistake is a
    :class:`~hanpipe.errors.ConfigError` naming it and what exists.

    ``encoding`` forces one encoding for byte input. ``plugins`` adds plugin
    objects beside the installed ones; ``entry_points=False`` ignores
    installed third-party plugins.
    """

    def __init__(
        self,
        *,
        decode: Any = DEFAULT.decode,
        clean: Any = DEFAULT.clean,
        convert: Any = DEFAULT.convert,
        segment: Any = DEFAULT.segment,
        extract: Any = DEFAULT.extract,
        encoding: str | None = None,
        plugins: Iterable[object] = (),
        entry_points: bool = True,
        **flat: Any,
    ) -> None:
        config = PipelineConfig.of(
            decode=decode, clean=clean, convert=convert, segment=segment, extract=extract, encoding=encoding, **flat
        )
        self._setup(config, plugins, entry_points)

    @classmethod
    def from_config(
        cls, config: PipelineConfig, *, plugins: Iterable[object] = (), entry_points: bool = True
    ) -> Pipeline:
        """A pipeline that runs ``config``."""
        if not isinstance(config, PipelineConfig):
            raise ConfigError(f"expected a PipelineConfig, got {type(config).__name__}")
        pipeline = cls.__new__(cls)
        pipeline._setup(config, plugins, entry_points)
        return pipeline

    def _setup(self, config: PipelineConfig, plugins: Iterable[object], entry_points: bool) -> None:
        if isinstance(plugins, (str, bytes)) or not isinstance(plugins, Iterable):
            raise ConfigError(f"plugins must be a list of plugin objects, got {plugins!r}")
        if not isinstance(entry_points, bool):
            raise ConfigError(f"entry_points must be True or False, got {entry_points!r}")
        plugins = list(plugins)
        self.config = config
        self.encoding = config.encoding
        self.registry: Registry = (
            Registry(plugins, entry_points=entry_points) if plugins or not entry_points else default_registry()
        )
        self.engines: dict[str, list[Engine]] = {
            stage: [self.registry.build(stage, e.engine, e.options) for e in config.engines(stage)]
            for stage in STAGES
        }
        extractors = [e.impl for e in self.engines["extract"]]
        self._priorities = [getattr(impl, "priority", None) for impl in extractors]
        self._needs_tokens = any(getattr(impl, "needs_tokens", False) for impl in extractors)

    def __repr__(self) -> str:
        return f"Pipeline.from_config({self.config!r})"

    # -- stages ----------------------------------------------------------

    def decode(self, data: bytes | str | os.PathLike[str], encoding: str | None = None) -> Document:
        """Bytes, str or a file path to clean text: detection (for bytes), then the clean-up passes."""
        doc = self._read(data, check_encoding(encoding) or self.encoding)
        for cleaner in self.engines["clean"]:
            doc = cleaner(doc)
        return doc

    def convert(self, doc: Document) -> Document:
        for engine in self.engines["convert"]:
            doc = engine(doc)
        return doc

    def segment(self, doc: Document) -> Document:
        for engine in self.engines["segment"]:
            doc = doc.with_tokens(engine(doc.text))
        return doc

    def extract(self, doc: Document) -> Document:
        with collector_held():
            return self._extract(doc)

    def _extract(self, doc: Document) -> Document:
        if doc.tokens is None and self._needs_tokens:
            doc = self.segment(doc)
        found: list[tuple[int | None, Entities]] = [
            (priority, engine(doc)) for priority, engine in zip(self._priorities, self.engines["extract"])
        ]
        if not any(ents for _, ents in found) and not doc.entities:
            return doc
        return doc.with_entities(resolve_overlaps(found), check=False)

    def engine(self, stage: str, index: int = 0) -> Any:
        """The engine object of ``stage`` (e.g. the segmenter, for ``add_word``)."""
        if stage not in STAGES:
            raise ConfigError(f"no stage {stage!r}: the stages are {', '.join(STAGES)}")
        engines = self.engines.get(stage)
        if not engines:
            raise ConfigError(f"the {stage} stage has no engine in this pipeline")
        return engines[index].impl

    def process(self, data: bytes | str | os.PathLike[str]) -> Document:
        """Run every stage on one input."""
        with collector_held():  # as for a batch: a big document makes many objects that live to the end
            return self.extract(self.segment(self.convert(self.decode(data))))

    __call__ = process

    def process_batch(
        self, inputs: Sequence[bytes | str | os.PathLike[str]], *, first_index: int = 0
    ) -> list[Document | ErrorRecord]:
        """Run every stage over many inputs at once: one result per input, in order.

        Each input gives what :meth:`process` gives it, or the
        :class:`ErrorRecord` of its failure (``index`` counts from
        ``first_index``). Detection runs per input; the other stages run each
        engine once over the batch, through its batch form where it has one
        (see :class:`hanpipe.batch.Batch`).
        """
        if isinstance(inputs, (str, bytes, bytearray, memoryview)) or not isinstance(inputs, Sequence):
            raise InputError(f"process_batch() takes a list of inputs, got {type(inputs).__name__}")
        with collector_held():
            return self._process_batch(inputs, first_index)

    def _process_batch(self, inputs: Sequence[Any], first_index: int) -> list[Document | ErrorRecord]:
        run = _BatchRun(len(inputs), first_index)
        docs: list[Document] = []
        for i, data in enumerate(inputs):
            try:
                docs.append(self._read(data, self.encoding))
                run.live.append(i)
            except Exception as exc:
                run.fail(i, exc)
        batch = Batch(docs)
        for engine in (*self.engines["clean"], *self.engines["convert"]):
            out, failed = engine.run_batch(batch)
            docs = run.drop(out, failed)
            batch = batch.after(docs)
        if self.engines["segment"] and docs:
            batch = self._segment_batch(batch, run)
            docs = list(batch.docs)
        if self.engines["extract"] and docs:
            docs = self._extract_batch(batch, run)
        for i, doc in zip(run.live, docs):
            run.results[i] = doc
        return run.results

    def process_columns(self, inputs: Sequence[bytes | str | os.PathLike[str]]) -> BatchResult:
        """:meth:`process_batch` as columns (:class:`~hanpipe.batch.BatchResult`): ``.to_arrow()``, ``.documents()``."""
        return BatchResult(self.process_batch(inputs))

    def _read(self, data: Any, encoding: str | None) -> Document:
        """One input to a Document: read, detected and decoded (bytes), not yet cleaned."""
        if isinstance(data, os.PathLike):
            try:
                data = Path(data).read_bytes()
            except OSError as exc:
                raise InputError(f"cannot read {os.fspath(data)!r}: {exc.strerror or exc}") from exc
        if isinstance(data, (bytes, bytearray, memoryview)):
            return self.engines["decode"][0](bytes(data), encoding=encoding)
        if isinstance(data, str):
            return Document.from_text(data)
        raise InputError(f"hanpipe takes bytes, str or a path, got {type(data).__name__}")

    def _segment_batch(self, batch: Batch, run: _BatchRun) -> Batch:
        for engine in self.engines["segment"]:
            tokens, failed = engine.run_batch(batch)
            batch = batch.after(run.drop([d.evolve(tokens=t) for d, t in zip(batch.docs, tokens)], failed))
        return batch

    def _extract_batch(self, batch: Batch, run: _BatchRun) -> list[Document]:
        docs = list(batch.docs)
        found: list[tuple[int | None, Entities]] = []
        lost: dict[int, Exception] = {}
        for priority, engine in zip(self._priorities, self.engines["extract"]):
            ents, failed = engine.run_batch(batch)
            found.append((priority, ents))
            for i, exc in failed.items():
                lost.setdefault(i, exc)
        resolved = resolve_overlaps(found)
        if len(resolved) or any(len(d.entities) for d in docs):
            per_doc = split_entities(batch, _sorted_entities(resolved), sources=True)
            docs = [d.evolve(entities=e) if len(e) or len(d.entities) else d for d, e in zip(docs, per_doc)]
        return run.drop(docs, lost)

    # -- batches ---------------------------------------------------------

    def pipe(
        self,
        inputs: Iterable[bytes | str | os.PathLike[str]],
        *,
        workers: int = 1,
        on_error: str = "record",
        chunksize: int = 4096,
        batch_bytes: int | None = None,
    ) -> Generator[Document | ErrorRecord, None, None]:
        """One result per input, in input order.

        Inputs are read ahead (files too) and processed in batches
        (:meth:`process_batch`) of at most ``chunksize`` inputs and about
        ``batch_bytes`` of text, so each engine runs once per batch; a batch
        closes early when the next input is not ready yet (a slow stream).
        ``batch_bytes`` is 1 MiB by default, and 256 KiB with ``workers > 1``,
        so that the workers' first results come back sooner and no worker
        waits long for the last batch of another.

        A failed input yields an :class:`ErrorRecord` (``on_error="record"``)
        or raises (``on_error="raise"``), whatever the failure: an engine that
        raises or returns nonsense, an input of the wrong type, a worker
        process that dies. With ``workers > 1`` batches go to worker processes
        in bounded windows, so memory stays flat on long streams; a batch
        whose worker died is run again in a fresh one, one input at a time if
        need be, so only an input that kills its worker every time is lost
        (as an ``ErrorRecord`` with ``error="WorkerDied"``).
        """
        groups = self.pipe_batches(
            inputs, workers=workers, on_error=on_error, chunksize=chunksize, batch_bytes=batch_bytes
        )
        return (result for group in groups for result in group)

    def pipe_batches(
        self,
        inputs: Iterable[bytes | str | os.PathLike[str]],
        *,
        workers: int = 1,
        on_error: str = "record",
        chunksize: int = 4096,
        batch_bytes: int | None = None,
        finish: Callable[[list[Document | ErrorRecord]], list[Any]] | None = None,
    ) -> Generator[list[Any], None, None]:
        """:meth:`pipe`, a batch at a time: one list of results per batch, in input order.

        ``finish``, a function of a batch's results, runs where the batch was
        processed (in the worker process, with ``workers > 1``) and its list is
        yielded in their place: work on each result that is better done in
        parallel, such as writing it out (the CLI writes each record's JSON
        there). It must give one item per result, leave an
        :class:`ErrorRecord` as it is, and not raise; with workers it must
        pickle (a module-level function, or a ``functools.partial`` of one),
        and so must what it returns.
        """
        if isinstance(inputs, (str, bytes, bytearray, memoryview)) or not isinstance(inputs, Iterable):
            raise InputError(
                f"pipe() takes an iterable of inputs, got {type(inputs).__name__}; "
                "to process one text, use process() or wrap it in a list"
            )
        if on_error not in ("record", "raise"):
            raise ConfigError(f"on_error must be 'record' or 'raise', got {on_error!r}")
        if batch_bytes is None:
            batch_bytes = BATCH_BYTES if workers == 1 else WORKER_BATCH_BYTES
        for label, value in (("workers", workers), ("chunksize", chunksize), ("batch_bytes", batch_bytes)):
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ConfigError(f"{label} must be an integer of at least 1, got {value!r}")
        if finish is not None and not callable(finish):
            raise ConfigError(f"finish must be a function of a batch's results, got {finish!r}")
        return self._pipe(inputs, workers, on_error, chunksize, batch_bytes, finish)

    def _pipe(
        self,
        inputs: Iterable[Any],
        workers: int,
        on_error: str,
        chunksize: int,
        batch_bytes: int,
        finish: Callable[[list[Any]], list[Any]] | None = None,
    ) -> Generator[list[Any], None, None]:
        if workers == 1:
            groups: Iterable[tuple[list[Any], list[Any]]] = (
                (items, self.run_batch(items) if finish is None else finish(self.run_batch(items)))
                for items in batches(enumerate(inputs), chunksize, batch_bytes)
                if items
            )
        else:
            groups = pipe_parallel(self, enumerate(inputs), workers, chunksize, batch_bytes, finish)
        for items, results in groups:
            if on_error == "raise":
                for (_, data), result in zip(items, results):
                    if isinstance(result, ErrorRecord):
                        if workers == 1:
                            self.process(data)  # raises the input's own exception
                        raise _reraise(result)
            yield results

    def run_one(self, index: int, data: Any, on_error: str = "record") -> Document | ErrorRecord:
        """``process(data)``, or the :class:`ErrorRecord` of its failure (raised if ``on_error="raise"``)."""
        try:
            return self.process(data)
        except Exception as exc:
            if on_error == "raise":
                raise
            return ErrorRecord.of(index, exc)

    def run_batch(self, items: Sequence[tuple[int, Any]]) -> list[Document | ErrorRecord]:
        """:meth:`process_batch` over ``(index, input)`` pairs; error records carry each input's index."""
        results = self.process_batch([data for _, data in items])
        return [
            r if isinstance(r, Document) or r.index == i else dataclasses.replace(r, index=i)
            for (i, _), r in zip(items, results)
        ]


class _BatchRun:
    """One batch's results so far: the inputs still going, and error records for the rest."""

    __slots__ = ("first_index", "live", "results")

    def __init__(self, n: int, first_index: int) -> None:
        self.results: list[Any] = [None] * n
        self.live: list[int] = []
        self.first_index = first_index

    def fail(self, position: int, exc: Exception) -> None:
        self.results[position] = ErrorRecord.of(self.first_index + position, exc)

    def drop(self, docs: list[Any], failed: dict[int, Exception]) -> list[Any]:
        """``docs`` (one per live input) without those that failed, whose records are kept."""
        if not failed:
            return docs
        for k in sorted(failed):
            self.fail(self.live[k], failed[k])
        self.live = [i for k, i in enumerate(self.live) if k not in failed]
        return [d for k, d in enumerate(docs) if k not in failed]


def _sorted_entities(ents: Entities) -> Entities:
    """Entities in text order, as :meth:`Document.with_entities` orders them (start, end, kind)."""
    kinds = sorted(set(ents.kind))
    codes = {k: i for i, k in enumerate(kinds)}
    kind_code = np.fromiter(map(codes.__getitem__, ents.kind), dtype=np.int64, count=len(ents))
    order = np.lexsort((kind_code, ents.end, ents.start))
    return ents.take(order) if (order[1:] < order[:-1]).any() else ents


def _reraise(record: ErrorRecord) -> HanpipeError:
    """The error a worker reported, raised in the parent."""
    if record.error == "PluginError":
        return PluginError(
            record.message,
            stage=record.stage or "",
            engine=record.engine or "",
            distribution=record.distribution or "",
        )
    cls = getattr(errors, record.error, None)
    if isinstance(cls, type) and issubclass(cls, HanpipeError):
        return cls(record.message)
    return PluginError(f"input {record.index}: {record.message}", stage="", engine="", distribution="")
