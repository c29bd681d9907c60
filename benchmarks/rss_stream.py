"""Peak memory over a long stream of short documents: does it stay flat?

    python benchmarks/rss_stream.py --mb 1000 --workers 1
    python benchmarks/rss_stream.py --mb 1000 --workers 2

Feeds ``Pipeline().pipe()`` a generator of documents of about 1 KB (groups of
lines of the seeds, as UTF-8 bytes, each made as it is needed), and every
100 MB prints the documents and MB done, the rate, and the peak resident
memory so far of this process and of each worker process (``VmHWM``). Flat
means the peaks stop growing after the first marks.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import multiprocessing
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import hanpipe
from benchmarks import corpus

MB = 1 << 20


def documents(size: int, total: int) -> Iterator[bytes]:
    """Documents of about ``size`` bytes, cut from the seeds' lines, until ``total`` bytes were given."""
    lines = [line.encode() for text in corpus.seed_texts().values() for line in text.splitlines() if line.strip()]
    given = 0
    group: list[bytes] = []
    length = 0
    for line in itertools.cycle(lines):
        group.append(line)
        length += len(line) + 1
        if length >= size:
            doc = b"\n".join(group)
            yield doc
            given += len(doc)
            group, length = [], 0
            if given >= total:
                return


def peak_kb(pid: int) -> int:
    """The peak resident set size of ``pid`` in KiB (``VmHWM``), or 0 if it cannot be read."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=int, default=1000, help="MB of documents to stream")
    parser.add_argument("--size", type=int, default=1024, help="bytes per document")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    pipeline = hanpipe.Pipeline()
    pipeline.process("預熱 warm-up 1200萬美元")
    print(f"documents of ~{args.size} B, {args.mb} MB, workers={args.workers}, pid {os.getpid()}")
    print("MB done | docs | MB/s | peak RSS parent MiB | peak RSS per worker MiB")
    start = time.perf_counter()
    done = 0
    count = 0
    mark = 100 * MB
    sizes = documents(args.size, args.mb * MB)
    sized = ((len(d), d) for d in sizes)
    pending: collections.deque[int] = collections.deque()

    def feed() -> Iterator[bytes]:
        for n, doc in sized:
            pending.append(n)
            yield doc

    for _ in pipeline.pipe(feed(), workers=args.workers):
        done += pending.popleft()
        count += 1
        if done >= mark:
            rate = done / MB / (time.perf_counter() - start)
            workers = sorted(peak_kb(p.pid) // 1024 for p in multiprocessing.active_children())
            print(f"{done / MB:7.0f} | {count} | {rate:.1f} | {peak_kb(os.getpid()) // 1024} | {workers}", flush=True)
            mark += 100 * MB
    rate = done / MB / (time.perf_counter() - start)
    print(f"total {done / MB:.0f} MB, {count} documents, {rate:.1f} MB/s")


if __name__ == "__main__":
    main()
