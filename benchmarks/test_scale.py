"""Ray Data beside worker processes, on the same 1 KB documents (``nox -s bench`` installs the ray extra).

The local cluster has 2 CPUs, as this machine has; it is started once for the
module, and its start is timed on its own (Ray's fixed cost). The documents
are put in Ray's object store first, as a read would leave them; each Ray
round is a new execution, so it includes starting the two actors that hold a
Pipeline each, as every Ray job pays.
"""

from __future__ import annotations

import os
import time
from typing import Any

import pytest

from benchmarks.rss_stream import documents

os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
ray = pytest.importorskip("ray", reason="needs the ray extra: nox -s ray (or nox -s bench) installs it")
pytest.importorskip("ray.data")

import hanpipe  # noqa: E402
import hanpipe.ray  # noqa: E402

MB = 1 << 20


@pytest.fixture(scope="module")
def docs() -> list[str]:
    return [d.decode() for d in documents(1024, 8 * MB)]


@pytest.fixture(scope="module")
def cluster() -> Any:
    start = time.perf_counter()
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    print(f"\nstarting the local Ray cluster: {time.perf_counter() - start:.1f} s")
    yield
    ray.shutdown()


@pytest.mark.benchmark(group="scale-1KB-docs")
def test_scale_pipe_two_workers(measure: Any, docs: list[str]) -> None:
    p = hanpipe.Pipeline()
    assert sum(1 for _ in measure(lambda: list(p.pipe(docs, workers=2)), nbytes=_size(docs), rounds=2)) == len(docs)


@pytest.mark.benchmark(group="scale-1KB-docs")
def test_scale_ray_two_actors(measure: Any, docs: list[str], cluster: None) -> None:
    import pyarrow as pa

    ds = ray.data.from_arrow(pa.table({"text": docs})).repartition(16).materialize()  # in Ray's object store

    def run() -> int:
        out = hanpipe.ray.process(ds, concurrency=2, num_cpus=0.5)
        return sum(batch.num_rows for batch in out.iter_batches(batch_format="pyarrow"))  # count() would skip the map

    assert measure(run, nbytes=_size(docs), role="ray (2 actors)", rounds=2) == len(docs)


def _size(docs: list[str]) -> int:
    return sum(len(d.encode()) for d in docs)
