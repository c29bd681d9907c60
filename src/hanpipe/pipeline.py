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

import os
from collections.abc import Generator, Iterable
from pathlib import Path
from typing import Any

from . import errors
from ._workers import pipe_parallel
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
        encoding = check_encoding(encoding) or self.encoding
        if isinstance(data, os.PathLike):
            try:
                data = Path(data).read_bytes()
            except OSError as exc:
                raise InputError(f"cannot read {os.fspath(data)!r}: {exc.strerror or exc}") from exc
        if isinstance(data, (bytes, bytearray, memoryview)):
            doc = self.engines["decode"][0](bytes(data), encoding=encoding)
        elif isinstance(data, str):
            doc = Document.from_text(data)
        else:
            raise InputError(f"hanpipe takes bytes, str or a path, got {type(data).__name__}")
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
        engines = self.engines.get(stage)
        if not engines:
            raise ConfigError(f"the {stage} stage has no engine in this pipeline")
        return engines[index].impl

    def process(self, data: bytes | str | os.PathLike[str]) -> Document:
        """Run every stage on one input."""
        return self.extract(self.segment(self.convert(self.decode(data))))

    __call__ = process

    # -- batches ---------------------------------------------------------

    def pipe(
        self,
        inputs: Iterable[bytes | str | os.PathLike[str]],
        *,
        workers: int = 1,
        on_error: str = "record",
        chunksize: int = 8,
    ) -> Generator[Document | ErrorRecord, None, None]:
        """One result per input, in input order.

        A failed input yields an :class:`ErrorRecord` (``on_error="record"``)
        or raises (``on_error="raise"``), whatever the failure: an engine that
        raises or returns nonsense, an input of the wrong type, a worker
        process that dies. With ``workers > 1`` inputs go to worker processes
        in bounded windows, so memory stays flat on long streams; a chunk
        whose worker died is run again in a fresh one, one input at a time if
        need be, so only an input that kills its worker every time is lost
        (as an ``ErrorRecord`` with ``error="WorkerDied"``).
        """
        if isinstance(inputs, (str, bytes, bytearray, memoryview)) or not isinstance(inputs, Iterable):
            raise InputError(
                f"pipe() takes an iterable of inputs, got {type(inputs).__name__}; "
                "to process one text, use process() or wrap it in a list"
            )
        if on_error not in ("record", "raise"):
            raise ConfigError(f"on_error must be 'record' or 'raise', got {on_error!r}")
        for label, value in (("workers", workers), ("chunksize", chunksize)):
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ConfigError(f"{label} must be an integer of at least 1, got {value!r}")
        return self._pipe(inputs, workers, on_error, chunksize)

    def _pipe(
        self, inputs: Iterable[Any], workers: int, on_error: str, chunksize: int
    ) -> Generator[Document | ErrorRecord, None, None]:
        if workers == 1:
            for index, data in enumerate(inputs):
                yield self.run_one(index, data, on_error)
            return
        for result in pipe_parallel(self, enumerate(inputs), workers, chunksize):
            if on_error == "raise" and isinstance(result, ErrorRecord):
                raise _reraise(result)
            yield result

    def run_one(self, index: int, data: Any, on_error: str = "record") -> Document | ErrorRecord:
        """``process(data)``, or the :class:`ErrorRecord` of its failure (raised if ``on_error="raise"``)."""
        try:
            return self.process(data)
        except Exception as exc:
            if on_error == "raise":
                raise
            return ErrorRecord.of(index, exc)


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
