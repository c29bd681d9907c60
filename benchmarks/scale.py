"""At scale: the CLI's memory on big JSONL inputs, and Ray Data beside worker processes.

    python benchmarks/scale.py cli --mb 100 1000 [--format jsonl parquet] [--workers 1]
    python benchmarks/scale.py ray --mb 100

``cli`` writes a JSONL file of about 1 KB documents (groups of the seeds'
lines) of each size, runs ``hanpipe process FILE -o OUT`` on it, and prints
the time, the rate and the peak resident memory of the command and of each
of its worker processes (``VmHWM``, read every 50 ms). Flat means the peaks
do not grow with the input.

``ray`` writes the same documents as Parquet shards, then times, on the
same machine, ``Pipeline.pipe(workers=2)`` over the texts and
``hanpipe.ray.process`` on a local 2-CPU Ray cluster (two actors) from the
shards to a count of the output rows, once Ray has started; it prints both
rates, their ratio, and what starting Ray cost.
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


def ray_vs_workers(mb: int) -> None:
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    import pyarrow as pa
    import pyarrow.parquet as pq
    import ray

    import hanpipe
    import hanpipe.ray

    texts = [d.decode() for d in documents(1024, mb * MB)]
    nbytes = sum(len(t.encode()) for t in texts)
    with tempfile.TemporaryDirectory() as tmp:
        shards = Path(tmp) / "shards"
        shards.mkdir()
        per = (len(texts) + 15) // 16
        for k in range(16):
            pq.write_table(pa.table({"text": texts[k * per : (k + 1) * per]}), shards / f"{k:02d}.parquet")
        hanpipe.Pipeline().process("預熱 warm-up 1200萬美元")
        start = time.perf_counter()
        done = sum(1 for _ in hanpipe.Pipeline().pipe(texts, workers=2))
        pipe_s = time.perf_counter() - start
        assert done == len(texts)
        start = time.perf_counter()
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
        ray.data.DataContext.get_current().enable_progress_bars = False
        # a first small run starts the actors' pool machinery and warms the caches: Ray's fixed cost
        small = ray.data.from_items([{"text": t} for t in texts[:200]])
        hanpipe.ray.process(small, concurrency=2, num_cpus=0.5).count()
        started = time.perf_counter() - start
        start = time.perf_counter()
        ds = ray.data.read_parquet(str(shards), num_cpus=0.25)
        out = hanpipe.ray.process(ds, concurrency=2, num_cpus=0.5)
        rows = sum(b.num_rows for b in out.iter_batches(batch_format="pyarrow"))  # count() would skip the map
        ray_s = time.perf_counter() - start
        ray.shutdown()
        assert rows == len(texts)
    mbs = nbytes / 1e6
    print(f"{mb} MB ({len(texts)} documents of about 1 KB)")
    print(f"  Pipeline.pipe(workers=2):           {pipe_s:7.1f} s, {mbs / pipe_s:5.2f} MB/s")
    print(f"  hanpipe.ray.process, 2 actors:      {ray_s:7.1f} s, {mbs / ray_s:5.2f} MB/s ({pipe_s / ray_s:.2f}x)")
    print(f"  starting Ray and a first small run: {started:7.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    c = sub.add_parser("cli")
    c.add_argument("--mb", type=int, nargs="+", default=[100, 1000])
    c.add_argument("--format", nargs="+", default=["jsonl", "parquet"], choices=["jsonl", "parquet"])
    c.add_argument("--workers", type=int, default=1)
    r = sub.add_parser("ray")
    r.add_argument("--mb", type=int, default=100)
    args = parser.parse_args()
    if args.what == "cli":
        cli(args.mb, args.format, args.workers)
    else:
        ray_vs_workers(args.mb)


if __name__ == "__main__":
    main()
