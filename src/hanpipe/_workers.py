"""Worker processes for ``Pipeline.pipe(workers=N)``: nothing lost, whatever a worker does.

Inputs travel to workers in chunks, at most ``4 * workers`` chunks in flight,
so memory stays flat on long streams. Each worker holds the pipeline it was
forked with and turns every failure into an :class:`ErrorRecord`.

When a worker dies (killed, out of memory, a plugin that calls ``os._exit``),
the pool is replaced and every chunk not yet delivered is run again in the new
pool, one chunk at a time; a chunk that kills its worker again is run one
input at a time, and an input that kills a worker on its own gets an
``ErrorRecord`` with ``error="WorkerDied"``. Results come back in input order.
A chunk whose result cannot be sent back (say, an engine put an unpicklable
value in ``meta``) is run one input at a time too, and only the input at fault
gets an error record.

Inputs are made portable before they are sent: ``bytearray`` and
``memoryview`` become ``bytes``, subclasses of ``str`` and ``bytes`` their base
type, path-like objects a ``Path``; anything else fails in the parent exactly
as ``process()`` would fail on it, with the same record for any number of
workers. A worker exits when its parent dies: on Linux the kernel kills it
(``PR_SET_PDEATHSIG``), elsewhere a thread watches the parent.
"""

from __future__ import annotations

import collections
import concurrent.futures as cf
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Protocol

from .document import Document, ErrorRecord
from .errors import WorkerDied


class Runner(Protocol):
    """What a worker needs of the pipeline: one input to its result or its error record."""

    def run_one(self, index: int, data: Any) -> Document | ErrorRecord: ...

__all__ = ["pipe_parallel"]

#: how often a worker checks that its parent is still alive, where the kernel cannot tell it, in seconds
PARENT_POLL = 0.5
#: prctl(2) option: the signal a process gets when its parent dies
PR_SET_PDEATHSIG = 1
#: chunks in flight per worker
WINDOW_PER_WORKER = 4

_WORKER: Runner | None = None

Item = tuple[int, Any]


def pipe_parallel(
    pipeline: Runner, items: Iterable[Item], workers: int, chunksize: int
) -> Iterator[Document | ErrorRecord]:
    """``(index, input)`` pairs to results, in order, through ``workers`` processes."""
    pool = _Pool(pipeline, workers)
    window: collections.deque[_Chunk] = collections.deque()
    try:
        for chunk in _chunks(pipeline, items, chunksize):
            chunk.submit(pool)
            window.append(chunk)
            while len(window) >= WINDOW_PER_WORKER * workers:
                yield from window.popleft().results(pool)
        while window:
            yield from window.popleft().results(pool)
    finally:
        pool.close()


class _Pool:
    """A process pool that can be replaced when one of its workers dies."""

    def __init__(self, pipeline: Runner, workers: int) -> None:
        self.pipeline = pipeline
        self.workers = workers
        self.generation = 0
        self.executor = self._new()

    def _new(self) -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_init_worker,
            initargs=(self.pipeline, os.getpid()),
        )

    def submit(self, items: list[Item]) -> tuple[cf.Future[list[Any]], int]:
        try:
            return self.executor.submit(_work, items), self.generation
        except BrokenProcessPool:  # a worker died since the last submit: the chunks it lost are rescued when read
            self.renew(self.generation)
            return self.executor.submit(_work, items), self.generation

    def renew(self, generation: int) -> None:
        """Replace the pool broken in ``generation`` (once, however many futures report it)."""
        if generation == self.generation:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = self._new()
            self.generation += 1

    def run(self, items: list[Item]) -> list[Any]:
        """Run ``items`` now and wait; a dead worker raises :class:`BrokenProcessPool` after renewing."""
        future, generation = self.submit(items)
        try:
            return future.result()
        except BrokenProcessPool:
            self.renew(generation)
            raise

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


class _Chunk:
    """Consecutive inputs: those to send, and records already settled in the parent."""

    __slots__ = ("future", "generation", "settled", "to_send")

    def __init__(self) -> None:
        self.to_send: list[Item] = []
        self.settled: dict[int, Any] = {}
        self.future: cf.Future[list[Any]] | None = None
        self.generation = 0

    def submit(self, pool: _Pool) -> None:
        if self.to_send:
            self.future, self.generation = pool.submit(self.to_send)

    def results(self, pool: _Pool) -> Iterator[Any]:
        """This chunk's results in input order, rescuing inputs a dead worker took with it."""
        done = self._sent_results(pool)
        sent = iter(done)
        indices = sorted([i for i, _ in self.to_send] + list(self.settled))
        for index in indices:
            yield self.settled[index] if index in self.settled else next(sent)

    def _sent_results(self, pool: _Pool) -> list[Any]:
        if self.future is None:
            return []
        try:
            return self.future.result()
        except BrokenProcessPool:
            pool.renew(self.generation)
            try:
                return pool.run(self.to_send)  # the worker may have been killed from outside: try the chunk again
            except BrokenProcessPool:
                return [_alone(pool, item) for item in self.to_send]
        except Exception:
            return [_alone(pool, item) for item in self.to_send]


def _alone(pool: _Pool, item: Item) -> Any:
    """One input in a worker of its own chunk: its result, or the record of why it has none."""
    index = item[0]
    try:
        (result,) = pool.run([item])
        return result
    except BrokenProcessPool:
        return ErrorRecord.of(
            index, WorkerDied(f"a worker process died while processing input {index}, each time it was tried")
        )
    except Exception as exc:
        return ErrorRecord.of(index, exc)


def _chunks(pipeline: Runner, items: Iterable[Item], chunksize: int) -> Iterator[_Chunk]:
    chunk = _Chunk()
    count = 0
    for index, data in items:
        portable = _portable(data)
        if portable is None:
            chunk.settled[index] = pipeline.run_one(index, data)  # fails here as it would in a worker
        else:
            chunk.to_send.append((index, portable))
        count += 1
        if count == chunksize:
            yield chunk
            chunk, count = _Chunk(), 0
    if count:
        yield chunk


def _portable(data: Any) -> Any:
    """``data`` as a plain type that pickles, or None if no worker could process it."""
    if isinstance(data, str):
        return data if type(data) is str else str.__str__(data)
    if isinstance(data, (bytes, bytearray, memoryview)):
        return data if type(data) is bytes else bytes(data)
    if isinstance(data, os.PathLike):
        try:
            path = os.fspath(data)
        except Exception:
            return None
        return Path(os.fsdecode(path))
    return None


def _init_worker(pipeline: Runner, parent: int) -> None:
    global _WORKER
    _WORKER = pipeline
    if not _die_with_parent():
        watch = threading.Thread(target=_exit_with_parent, args=(parent,), name="hanpipe-parent-watch", daemon=True)
        watch.start()
    if os.getppid() != parent:  # the parent died before the worker was set up
        os._exit(1)


def _die_with_parent() -> bool:
    """Ask Linux to kill this process when its parent dies (``PR_SET_PDEATHSIG``); False where it cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _exit_with_parent(parent: int) -> None:
    # signals sent to the process must reach the main thread, or a main thread
    # blocked in a read would never see them
    signal.pthread_sigmask(signal.SIG_BLOCK, signal.valid_signals())
    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    os._exit(1)


def _work(items: list[Item]) -> list[Any]:
    assert _WORKER is not None
    return [_WORKER.run_one(index, data) for index, data in items]
