"""Time the ``rjieba`` segmenter beside hanpipe's built-in ``jieba`` engine; prints MB/s.

    python plugins/hanpipe-rjieba/bench.py [--seeds DIR] [--mb 4] [--rounds 3]

The seed pages are repeated to about ``--mb`` MB of UTF-8 and segmented two
ways: as one text in one call, and page by page (one call per seed page).
Each figure is the best of ``--rounds`` runs, after one untimed warm-up run.
The jieba package itself (``jieba.lcut``, pure Python) is timed once, page
by page, for scale; ``--no-peer`` skips it. Last, the cold start: a fresh
interpreter imports hanpipe, builds the engine and segments one short line
(compiled code and dictionaries already in hanpipe's cache).
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import hanpipe

HERE = Path(__file__).resolve().parent


def _best(fn: Callable[[], object], rounds: int) -> float:
    fn()
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=HERE.parents[1] / "seeds")
    parser.add_argument("--mb", type=float, default=4.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-peer", action="store_true", help="skip the pure-Python jieba package")
    args = parser.parse_args()

    pages = [p.read_text(encoding="utf-8") for p in sorted(args.seeds.glob("*.txt"))]
    size = sum(len(p.encode("utf-8")) for p in pages)
    copies = max(1, round(args.mb * 1e6 / size))
    corpus = pages * copies
    text = "".join(corpus)
    mb = len(text.encode("utf-8")) / 1e6
    print(f"{len(corpus)} pages, {mb:.2f} MB; python {platform.python_version()}, {platform.machine()}")
    print(f"{'engine':<8} {'hmm':<5} {'one text MB/s':>14} {'per page MB/s':>14}")
    for hmm in (True, False):
        rates = {}
        for name in ("jieba", "rjieba"):
            pipeline = hanpipe.Pipeline(clean=None, convert=None, extract=None, segment={"engine": name, "hmm": hmm})
            engine = pipeline.engine("segment")
            whole = _best(lambda e=engine: e.segment(text), args.rounds)
            paged = _best(lambda e=engine: [e.segment(p) for p in corpus], args.rounds)
            rates[name] = (mb / whole, mb / paged)
            print(f"{name:<8} {hmm!s:<5} {mb / whole:>14.2f} {mb / paged:>14.2f}")
        ratio = [r / j for r, j in zip(rates["rjieba"], rates["jieba"])]
        print(f"{'ratio':<8} {hmm!s:<5} {ratio[0]:>13.2f}x {ratio[1]:>13.2f}x   (rjieba / jieba engine)")
        if not args.no_peer:
            import jieba

            jieba.setLogLevel(60)
            jieba.lcut("预热", HMM=hmm)
            t0 = time.perf_counter()
            for p in corpus:
                jieba.lcut(p, HMM=hmm)
            print(f"{'jieba.lcut (pure Python)':<29} {mb / (time.perf_counter() - t0):>14.2f}")
    cold = (
        "import hanpipe; hanpipe.Pipeline(clean=None, convert=None, extract=None, segment={name!r})"
        ".engine('segment').segment('大模型时代')"
    )
    for name in ("jieba", "rjieba"):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", cold.format(name=name)], check=True)
        print(f"cold start {name:<8} {time.perf_counter() - t0:.2f} s")


if __name__ == "__main__":
    main()
