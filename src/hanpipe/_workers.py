"""Worker processes for ``Pipeline.pipe(workers=N)``: nothing lost, whatever a worker does.

Inputs travel to workers in batches (:func:`batches`: bounded by count and by
bytes), at most ``4 * workers`` in flight, so memory stays flat on long
streams. Each worker holds the pipeline it was forked with, runs a batch with
``run_batch`` (each engine once over the batch) and turns every failure into
an :class:`ErrorRecord`. It sends the results back as one
:class:`~hanpipe.batch.BatchResult` without what the parent holds (its str
inputs, and texts no stage changed), or, given ``finish``, what ``finish``
makes of them (the CLI's records as JSON). Both sides pickle and unpickle a
BatchResult themselves with the cycle collector held: in the pool's own
threads, the collector would walk every live object once per few hundred
that pickling makes (a quarter of the cost of sending a batch back).

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
import gc
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Protocol

from .batch import BatchResult, collector_held
from .document import Document, ErrorRecord
from .errors import PluginError, WorkerDied


class Runner(Protocol):
    """What a worker needs of the pipeline: inputs to their results or error records."""

    def run_one(self, index: int, data: Any) -> Document | ErrorRecord: ...

    def run_batch(self, items: list[tuple[int, Any]]) -> list[Document | ErrorRecord]: ...


__all__ = ["BATCH_BYTES", "WORKER_BATCH_BYTES", "batches", "pipe_parallel"]

#: the default size of a batch, in bytes of input (characters for str input)
BATCH_BYTES = 1 << 20
#: the default size of a batch sent to a worker process: a worker's first batch runs slower (a forked
#: process copies the memory it writes), and the last batch of one worker keeps the others waiting
WORKER_BATCH_BYTES = 1 << 18

#: how often a worker checks that its parent is still alive, where the kernel cannot tell it, in seconds
PARENT_POLL = 0.5
#: prctl(2) option: the signal a process gets when its parent dies
PR_SET_PDEATHSIG = 1
#: chunks in flight per worker
WINDOW_PER_WORKER = 4

_WORKER: Runner | None = None

Item = tuple[int, Any]


def batches(items: Iterable[Item], chunksize: int, batch_bytes: int) -> Iterator[list[Item]]:
    """``(index, input)`` pairs in consecutive groups of at most ``chunksize`` inputs and about ``batch_bytes``.

    The inputs are read ahead in a thread (files are read there too, so
    reading overlaps processing), at most one batch ahead. A group closes early
    when the next input is not ready — a slow stream, a pipe, a terminal — so
    what has arrived is processed without waiting for the rest.
    """
    reader = _ReadAhead(items, chunksize, batch_bytes)
    try:
        group: list[Item] = []
        size = 0
        while True:
            got = reader.take()
            if got is _NOT_READY:
                yield group  # empty when nothing came: the caller may deliver work in flight meanwhile
                group, size = [], 0
                continue
            if got is _END:
                break
            for item, item_size in got:
                group.append(item)
                size += item_size
                if len(group) >= chunksize or size >= batch_bytes:
                    yield group
                    group, size = [], 0
        if group:
            yield group
        reader.raise_failure()
    finally:
        reader.stop()


_END: Any = object()
_NOT_READY: Any = object()
#: how long a group waits for an input that is not ready yet, in seconds
LINGER = 0.02


class _ReadAhead:
    """Reads an iterable in a thread, at most ``limit`` items and ``limit_bytes`` ahead.

    A path is read into bytes there (one that cannot be read is left as it
    is, and fails in the pipeline as it would have). A failure of the
    iterable itself is raised in the caller's thread after the items before it.
    """

    def __init__(self, items: Iterable[Item], limit: int, limit_bytes: int) -> None:
        self.ready: collections.deque[tuple[Item, int]] = collections.deque()
        self.bytes = 0
        self.done = False
        self.limit = max(1, limit)
        self.limit_bytes = limit_bytes
        self.failure: BaseException | None = None
        self.stopped = False
        self.reader_waits = False
        self.caller_waits = False
        self.cond = threading.Condition()
        self.thread = threading.Thread(target=self._read, args=(iter(items),), name="hanpipe-read-ahead", daemon=True)
        self.thread.start()

    def _read(self, items: Iterator[Item]) -> None:
        try:
            for index, data in items:
                data = _loaded(data)
                if not self._put((index, data), _size(data)):
                    return
        except BaseException as exc:  # the caller's iterable failed: raised in the caller's thread
            self.failure = exc
        with self.cond:
            self.done = True
            self.cond.notify_all()

    # Each side wakes the other only when it waits: the reader when the queue has
    # drained to half, the caller when an item has come. A wake-up per item would
    # hand the interpreter between the threads once per input.

    def _put(self, item: Item, size: int) -> bool:
        with self.cond:
            if self.ready and (len(self.ready) >= self.limit or self.bytes + size > self.limit_bytes):
                self.reader_waits = True
                while self.ready and (len(self.ready) > self.limit // 2 or self.bytes > self.limit_bytes // 2):
                    if self.stopped:
                        return False
                    self.cond.wait(0.1)
                self.reader_waits = False
            if self.stopped:
                return False
            self.ready.append((item, size))
            self.bytes += size
            if self.caller_waits:
                self.cond.notify_all()
            return True

    def take(self) -> Any:
        """Every ``(item, size)`` read so far (a list), :data:`_END`, or :data:`_NOT_READY` if none comes
        within :data:`LINGER`: one hand-over for all that is ready, not a lock per input."""
        with self.cond:
            deadline = time.monotonic() + LINGER
            while not self.ready and not self.done:
                left = deadline - time.monotonic()
                if left <= 0:
                    return _NOT_READY
                self.caller_waits = True
                self.cond.wait(left)
                self.caller_waits = False
            if not self.ready:
                return _END
            got = list(self.ready)
            self.ready.clear()
            self.bytes = 0
            if self.reader_waits:
                self.cond.notify_all()
            return got

    def raise_failure(self) -> None:
        if self.failure is not None:
            raise self.failure

    def stop(self) -> None:
        with self.cond:
            self.stopped = True
            self.cond.notify_all()


def _loaded(data: Any) -> Any:
    """A path's bytes, read now; anything else (and a path that cannot be read) as it is."""
    if isinstance(data, os.PathLike):
        try:
            return Path(data).read_bytes()
        except Exception:
            return data
    return data


def _size(data: Any) -> int:
    """About how many bytes of text ``data`` is (a path here is one that could not be read: nothing)."""
    if isinstance(data, (str, bytes, bytearray)):
        return len(data)
    if isinstance(data, memoryview):
        return data.nbytes
    return 0


Finish = Callable[[list[Any]], list[Any]]


def pipe_parallel(
    pipeline: Runner,
    items: Iterable[Item],
    workers: int,
    chunksize: int,
    batch_bytes: int = WORKER_BATCH_BYTES,
    finish: Finish | None = None,
) -> Iterator[tuple[list[Item], list[Any]]]:
    """``(index, input)`` pairs to results through ``workers`` processes: each batch's items and results, in order.

    ``finish`` (see ``Pipeline.pipe_batches``) runs in the worker on each batch's results; results made in
    this process (an input no worker could take) go through it here.
    """
    pool = _Pool(pipeline, workers, finish)
    window: collections.deque[_Chunk] = collections.deque()
    try:
        for chunk in _chunks(pipeline, items, chunksize, batch_bytes):
            if chunk.empty:  # the input stalled: deliver what the workers have finished meanwhile
                while window and window[0].ready(timeout=LINGER):
                    yield window.popleft().collect(pool)
                continue
            chunk.submit(pool)
            window.append(chunk)
            while len(window) >= WINDOW_PER_WORKER * workers:
                yield window.popleft().collect(pool)
        while window:
            yield window.popleft().collect(pool)
    finally:
        pool.close()


class _Pool:
    """A process pool that can be replaced when one of its workers dies."""

    def __init__(self, pipeline: Runner, workers: int, finish: Finish | None = None) -> None:
        self.pipeline = pipeline
        self.workers = workers
        self.finish = finish
        self.generation = 0
        self.executor = self._new()

    def _new(self) -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_init_worker,
            initargs=(self.pipeline, os.getpid()),
        )

    def submit(self, items: list[Item]) -> tuple[cf.Future[Any], int]:
        try:
            return self.executor.submit(_work, items, self.finish), self.generation
        except BrokenProcessPool:  # a worker died since the last submit: the chunks it lost are rescued when read
            self.renew(self.generation)
            return self.executor.submit(_work, items, self.finish), self.generation

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
            return _unpacked(future.result(), items)
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
        self.future: cf.Future[BatchResult] | None = None
        self.generation = 0

    @property
    def empty(self) -> bool:
        return not self.to_send and not self.settled

    def ready(self, timeout: float) -> bool:
        """True once this chunk's results can be had without waiting (waits up to ``timeout`` seconds)."""
        if self.future is None:
            return True
        cf.wait([self.future], timeout=timeout)
        return self.future.done()

    def submit(self, pool: _Pool) -> None:
        if self.to_send:
            self.future, self.generation = pool.submit(self.to_send)

    def collect(self, pool: _Pool) -> tuple[list[Item], list[Any]]:
        """This chunk's items and results in input order, rescuing inputs a dead worker took with it."""
        if not self.settled:  # every input went to a worker, in order
            return self.to_send, self._sent_results(pool)
        sent = iter(self._sent_results(pool))
        items = sorted([*self.to_send, *self.settled.items()], key=lambda item: item[0])
        settled = self.settled
        if pool.finish is not None:  # results made here go through what the workers do to theirs
            settled = dict(zip(settled, pool.finish(list(settled.values()))))
        return items, [settled[i] if i in settled else next(sent) for i, _ in items]

    def _sent_results(self, pool: _Pool) -> list[Any]:
        if self.future is None:
            return []
        try:
            return _unpacked(self.future.result(), self.to_send)
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


def _chunks(pipeline: Runner, items: Iterable[Item], chunksize: int, batch_bytes: int) -> Iterator[_Chunk]:
    for group in batches(items, chunksize, batch_bytes):
        chunk = _Chunk()
        for index, data in group:
            portable = _portable(data)
            if portable is None:
                chunk.settled[index] = pipeline.run_one(index, data)  # fails here as it would in a worker
            else:
                chunk.to_send.append((index, portable))
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
    # What the worker inherited stays as it is: were the cycle collector to walk those objects, it
    # would write to every one of them and make the process copy the parent's memory page by page
    # (twice the time of a worker's first batch).
    gc.freeze()
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


def _work(items: list[Item], finish: Finish | None) -> Any:
    """A batch's results as they travel back: one object of a few lists and arrays, not a Document each,
    without what the parent holds (its inputs); or what ``finish`` makes of them."""
    assert _WORKER is not None
    results = _WORKER.run_batch(items)
    if finish is not None:
        return finish(results)
    with collector_held():
        result = BatchResult(results).shed_inputs([data for _, data in items])
        try:
            return pickle.dumps(result, pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # the parent runs the batch again one input at a time, to find the one at fault
            raise PluginError(
                "the result cannot be sent back from the worker process: an engine left a value in it that does "
                f"not pickle ({type(exc).__name__}: {exc})",
                stage="",
                engine="",
                distribution="",
            ) from None


def _unpacked(sent: Any, items: list[Item]) -> list[Any]:
    """The results of ``items`` from what :func:`_work` sent back."""
    if isinstance(sent, bytes):  # a BatchResult, unpickled here rather than in the pool's thread, where
        # the cycle collector would walk every object alive once per few hundred that unpickling makes
        with collector_held():
            result: BatchResult = pickle.loads(sent)
            return result.restore_inputs([data for _, data in items]).documents()
    return list(sent)
