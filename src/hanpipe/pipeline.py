"""Pipeline: builds the stages from configuration and runs them.

Configuration, per stage (defaults in ``hanpipe.plugins.DEFAULT_CONFIG``)::

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

import collections
import concurrent.futures
import multiprocessing
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .document import Document, Entities
from .errors import ConfigError, HanpipeError, InputError
from .overlaps import resolve_overlaps
from .plugins import DEFAULT_CONFIG, MULTI_STAGES, STAGES, Engine, Registry, default_registry

__all__ = ["ErrorRecord", "Pipeline"]

_UNSET: Any = object()


@dataclass(frozen=True, slots=True)
class ErrorRecord:
    """What ``pipe()`` yields for an input that failed."""

    index: int
    error: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "error": self.error, "message": self.message}


def _specs(stage: str, value: Any) -> list[tuple[str, dict[str, Any]]]:
    """Normalise one stage's configuration to ``[(engine name, options), ...]``."""
    if value is None or value is False:
        return []
    if stage in MULTI_STAGES:
        if isinstance(value, str):
            value = [value]
        if isinstance(value, Mapping):
            return [(str(k), dict(v or {})) for k, v in value.items()]
        return [_one(stage, v) for v in value]
    return [_one(stage, value)]


def _one(stage: str, value: Any) -> tuple[str, dict[str, Any]]:
    if isinstance(value, str):
        return value, {}
    if isinstance(value, Mapping) and isinstance(value.get("engine"), str):
        opts = dict(value)
        return opts.pop("engine"), opts
    raise ConfigError(f"{stage}: expected an engine name or {{'engine': name, ...}}, got {value!r}")


class Pipeline:
    """decode → clean → convert → segment → extract, each stage a chosen engine."""

    def __init__(
        self,
        *,
        decode: Any = _UNSET,
        clean: Any = _UNSET,
        convert: Any = _UNSET,
        segment: Any = _UNSET,
        extract: Any = _UNSET,
        encoding: str | None = None,
        plugins: Iterable[object] = (),
        entry_points: bool = True,
        **flat: Any,
    ) -> None:
        plugins = list(plugins)
        self.registry: Registry = (
            Registry(plugins, entry_points=entry_points) if plugins or not entry_points else default_registry()
        )
        given = {"decode": decode, "clean": clean, "convert": convert, "segment": segment, "extract": extract}
        specs = {
            stage: _specs(stage, DEFAULT_CONFIG[stage] if value is _UNSET else value) for stage, value in given.items()
        }
        for key, val in flat.items():
            stage, _, option = key.partition("_")
            if stage not in STAGES or not option or stage in MULTI_STAGES:
                raise ConfigError(
                    f"unknown option {key!r}; use a stage's own configuration, "
                    f"or <stage>_<option> for one of: decode, convert, segment"
                )
            if not specs[stage]:
                raise ConfigError(f"option {key!r} given but the {stage} stage is switched off")
            specs[stage][0][1][option] = val
        if not specs["decode"]:
            raise ConfigError("the decode stage cannot be switched off; name a detector (e.g. 'auto')")
        self.config = {stage: [(n, dict(o)) for n, o in s] for stage, s in specs.items()}
        self.encoding = encoding
        self.engines: dict[str, list[Engine]] = {
            stage: [self.registry.build(stage, name, opts) for name, opts in spec] for stage, spec in specs.items()
        }

    # -- stages ----------------------------------------------------------

    def decode(self, data: bytes | str | os.PathLike[str], encoding: str | None = None) -> Document:
        """Bytes, str or a file path to clean text: detection (for bytes), then the clean-up passes."""
        if isinstance(data, os.PathLike):
            try:
                data = Path(data).read_bytes()
            except OSError as exc:
                raise InputError(f"cannot read {os.fspath(data)!r}: {exc.strerror or exc}") from exc
        if isinstance(data, (bytes, bytearray, memoryview)):
            doc = self.engines["decode"][0](bytes(data), encoding=encoding or self.encoding)
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
        if doc.tokens is None and any(getattr(e.impl, "needs_tokens", False) for e in self.engines["extract"]):
            doc = self.segment(doc)
        found: list[tuple[int | None, Entities]] = []
        for engine in self.engines["extract"]:
            priority = getattr(engine.impl, "priority", None)
            found.append((priority, Entities.of(engine(doc))))
        if not any(ents for _, ents in found) and not doc.entities:
            return doc
        return doc.with_entities(resolve_overlaps(found))

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
        inputs: Iterable[bytes | str],
        *,
        workers: int = 1,
        on_error: str = "record",
        chunksize: int = 8,
    ) -> Iterator[Document | ErrorRecord]:
        """One result per input, in input order.

        A failed input yields an :class:`ErrorRecord` (``on_error="record"``)
        or raises (``on_error="raise"``). With ``workers > 1`` inputs go to
        worker processes in bounded windows, so memory stays flat on long
        streams.
        """
        if on_error not in ("record", "raise"):
            raise ConfigError(f"on_error must be 'record' or 'raise', got {on_error!r}")
        if workers < 1 or chunksize < 1:
            raise ConfigError(f"workers and chunksize must be at least 1, got {workers} and {chunksize}")
        if workers == 1:
            for index, data in enumerate(inputs):
                yield self._one(index, data, on_error)
            return
        yield from self._pipe_parallel(inputs, workers, on_error, chunksize)

    def _one(self, index: int, data: Any, on_error: str) -> Document | ErrorRecord:
        try:
            return self.process(data)
        except HanpipeError as exc:
            if on_error == "raise":
                raise
            return ErrorRecord(index, type(exc).__name__, str(exc))

    def _pipe_parallel(
        self, inputs: Iterable[Any], workers: int, on_error: str, chunksize: int
    ) -> Iterator[Document | ErrorRecord]:
        ctx = multiprocessing.get_context("fork")
        window: collections.deque[concurrent.futures.Future[list[Any]]] = collections.deque()
        with concurrent.futures.ProcessPoolExecutor(
            workers, mp_context=ctx, initializer=_set_worker_pipeline, initargs=(self,)
        ) as pool:
            chunk: list[tuple[int, Any]] = []
            for item in enumerate(inputs):
                chunk.append(item)
                if len(chunk) == chunksize:
                    window.append(pool.submit(_work, chunk, on_error))
                    chunk = []
                    while len(window) >= 4 * workers:
                        yield from window.popleft().result()
            if chunk:
                window.append(pool.submit(_work, chunk, on_error))
            while window:
                yield from window.popleft().result()


_WORKER: Pipeline | None = None


def _set_worker_pipeline(pipeline: Pipeline) -> None:
    global _WORKER
    _WORKER = pipeline


def _work(chunk: list[tuple[int, Any]], on_error: str) -> list[Document | ErrorRecord]:
    assert _WORKER is not None
    return [_WORKER._one(index, data, on_error) for index, data in chunk]
