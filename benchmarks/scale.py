"""At scale: the CLI's memory on big JSONL inputs, and Ray Data beside worker processes.

    python benchmarks/scale.py cli --mb 100 1000 [--format jsonl parquet] [--workers 1]
    python benchmarks/scale.py ray --mb 100
    python benchmarks/scale.py workers --mb 32

``cli`` writes a JSONL file of about 1 KB documents (groups of the seeds'
lines) of each size, runs ``hanpipe process FILE -o OUT`` on it, and prints
the time, the rate and the peak resident memory of the command and of each
of its worker processes (``VmHWM``, read every 50 ms). Flat means the peaks
do not grow with the input.

``ray`` writes the same documents as Parquet shards, then times, on the
same machine, ``Pipeline.pipe(workers=2)`` over the texts and
``hanpipe.ray.process`` on a local 2-CPU Ray cluster (two actors) from the
shards to a count of the output rows, on the first 4 MB and on the whole,
after a first run of each, best of two; it prints each run, each engine's rate once running and fixed cost per run
(from the two sizes), their ratios, and what starting Ray cost.

``workers`` times ``Pipeline.pipe`` with one and with two worker processes
over the same 1 KB documents (worker start included), best of two runs each.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.rss_stream import documents, peak_kb

MB = 1 << 20


def write_jsonl(path: Path, total: int) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as fh:
        for count, doc in enumerate(documents(1024, total), 1):
            fh.write(json.dumps({"id": count, "text": doc.decode()}, ensure_ascii=False) + "\n")
    return count


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def run_cli(args: list[str]) -> tuple[float, int, list[int]]:
    """Seconds, the command's peak RSS (KiB) and its workers' peaks, read while it runs."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peaks: dict[int, int] = {}
    while proc.poll() is None:
        for pid in [proc.pid, *_children(proc.pid)]:
            peaks[pid] = max(peaks.get(pid, 0), peak_kb(pid))
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"hanpipe process exited with {proc.returncode}")
    main = peaks.pop(proc.pid, 0)
    return seconds, main, sorted(peaks.values())


def cli(sizes: list[int], formats: list[str], workers: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for mb in sizes:
            src = Path(tmp) / f"in-{mb}.jsonl"
            docs = write_jsonl(src, mb * MB)
            for fmt in formats:
                out = Path(tmp) / f"out.{fmt}"
                args = [sys.executable, "-m", "hanpipe", "process", str(src), "-o", str(out), "--no-progress"]
                seconds, main, workers_kb = run_cli([*args, "--workers", str(workers)])
                size = src.stat().st_size / 1e6
                print(
                    f"{mb:5d} MB JSONL ({docs} documents) -> {fmt:7s}: {seconds:7.1f} s, {size / seconds:5.2f} MB/s, "
                    f"peak RSS {main / 1024:.0f} MiB"
                    + (f", workers {', '.join(f'{k / 1024:.0f}' for k in workers_kb)} MiB" if workers_kb else ""),
                    flush=True,
                )
                out.unlink()
            src.unlink()


def ray_vs_workers(mb: int, small: int = 4) -> None:
    """Both engines on ``small`` MB and on ``mb`` MB: each run's total, and the rate between the two sizes.

    A Ray run starts its actors (a process each, importing Ray and hanpipe and
    building a Pipeline) before the first batch; ``Pipeline.pipe(workers=2)``
    forks its workers. The rate from the difference of the two runs is each
    engine's rate once it is running; the intercept is its fixed cost per run.
    """
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    import pyarrow as pa
    import pyarrow.parquet as pq
    import ray

    import hanpipe
    import hanpipe.ray

    texts = [d.decode() for d in documents(1024, mb * MB)]
    few = texts[: max(1, len(texts) * small // mb)]
    sizes = {n: sum(len(t.encode()) for t in texts[:n]) / 1e6 for n in (len(few), len(texts))}
    times: dict[str, dict[int, float]] = {"pipe": {}, "ray": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            shards = Path(tmp) / f"shards{n}"
            shards.mkdir()
            per = (n + 15) // 16
            for k in range(16):
                pq.write_table(pa.table({"text": texts[k * per : min(n, (k + 1) * per)]}), shards / f"{k:02d}.parquet")
        def pipe(n: int) -> None:
            assert sum(1 for _ in hanpipe.Pipeline().pipe(texts[:n], workers=2)) == n

        def on_ray(n: int) -> None:
            ds = ray.data.read_parquet(str(Path(tmp) / f"shards{n}"), num_cpus=0.25)
            out = hanpipe.ray.process(ds, concurrency=2, num_cpus=0.5)
            assert sum(b.num_rows for b in out.iter_batches(batch_format="pyarrow")) == n  # count() skips the map

        def best(name: str, run: Any) -> None:
            run(n0)  # a first run warms the caches and, for Ray, its worker processes
            for n in (n0, n1, n0, n1):
                start = time.perf_counter()
                run(n)
                times[name][n] = min(times[name].get(n, 1e9), time.perf_counter() - start)

        (n0, mb0), (n1, mb1) = sizes.items()
        best("pipe", pipe)
        start = time.perf_counter()
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
        ray.data.DataContext.get_current().enable_progress_bars = False
        started = time.perf_counter() - start
        best("ray", on_ray)
        ray.shutdown()
    print(f"{mb} MB ({n1} documents of about 1 KB) and its first {mb0:.1f} MB")
    rate = {}
    for name, label in (("pipe", "Pipeline.pipe(workers=2)"), ("ray", "hanpipe.ray.process, 2 actors")):
        t0, t1 = times[name][n0], times[name][n1]
        rate[name] = (mb1 - mb0) / (t1 - t0)
        fixed = t1 - mb1 / rate[name]
        print(
            f"  {label:30} {t1:6.1f} s ({mb1 / t1:5.2f} MB/s) for {mb} MB, {t0:5.1f} s for {mb0:.1f} MB:"
            f" {rate[name]:5.2f} MB/s once running, {fixed:4.1f} s fixed per run"
        )
    print(
        f"  Ray / workers: {times['pipe'][n1] / times['ray'][n1]:.2f}x in total,"
        f" {rate['ray'] / rate['pipe']:.2f}x once running; starting Ray {started:.1f} s"
    )


def workers(mb: int) -> None:
    """``Pipeline.pipe`` with one and with two worker processes over the same 1 KB documents, twice each."""
    import hanpipe

    texts = [d.decode() for d in documents(1024, mb * MB)]
    mbs = sum(len(t.encode()) for t in texts) / 1e6
    pipeline = hanpipe.Pipeline()
    pipeline.process_batch(texts[:200])  # warm up
    best: dict[int, float] = {}
    for n in (1, 2, 1, 2):
        start = time.perf_counter()
        assert sum(1 for _ in pipeline.pipe(texts, workers=n)) == len(texts)
        best[n] = min(best.get(n, 1e9), time.perf_counter() - start)
    print(f"{mbs:.0f} MB ({len(texts)} documents of about 1 KB), best of two runs each, worker start included")
    for n, seconds in best.items():
        print(f"  Pipeline.pipe(workers={n}): {seconds:6.1f} s, {mbs / seconds:5.2f} MB/s")
    print(f"  two workers / one: {best[1] / best[2]:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    c = sub.add_parser("cli")
    c.add_argument("--mb", type=int, nargs="+", default=[100, 1000])
    c.add_argument("--format", nargs="+", default=["jsonl", "parquet"], choices=["jsonl", "parquet"])
    c.add_argument("--workers", type=int, default=1)
    r = sub.add_parser("ray")
    r.add_argument("--mb", type=int, default=100)
    w = sub.add_parser("workers")
    w.add_argument("--mb", type=int, default=32)
    args = parser.parse_args()
    if args.what == "cli":
        cli(args.mb, args.format, args.workers)
    elif args.what == "workers":
        workers(args.mb)
    else:
        ray_vs_workers(args.mb)


if __name__ == "__main__":
    main()
