"""Time the built-in cleaners a document at a time and in their batch forms, in µs per document.

Documents are groups of consecutive seed lines of about ``size`` UTF-8
bytes (long lines cut), repeated to about ``--docs`` documents, cleaned by the seven default
passes in their order (each pass gets what the one before it made, as in the
pipeline). Run from the repository root::

    python benchmarks/clean_batch.py

Not a test: nothing asserts on time.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from hanpipe import Document
from hanpipe.batch import Batch
from hanpipe.builtin.clean import ENGINES

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def line_groups(size: int) -> list[str]:
    """Consecutive lines of each seed joined until they reach ``size`` UTF-8 bytes; longer lines cut at ``size``."""
    out: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        group: list[str] = []
        used = 0
        for line in path.read_bytes().decode("utf-8", errors="replace").splitlines(keepends=True):
            while len(line.encode("utf-8")) > size + size // 2:  # a long line: pieces of about ``size`` bytes
                cut = len(line.encode("utf-8")[:size].decode("utf-8", errors="ignore"))
                out.append(line[:cut])
                line = line[cut:]
            group.append(line)
            used += len(line.encode("utf-8"))
            if used >= size:
                out.append("".join(group))
                group, used = [], 0
        if group:
            out.append("".join(group))
    return out


def best(run: Callable[[], object], seconds: float) -> float:
    """The fastest of repeated runs of ``run`` within about ``seconds``."""
    times = []
    stop = time.perf_counter() + seconds
    while not times or time.perf_counter() < stop:
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000, help="documents per batch (default 2000)")
    parser.add_argument("--seconds", type=float, default=0.6, help="time spent on each figure (default 0.6)")
    args = parser.parse_args()
    cleaners = [ref.load()() for ref in ENGINES]
    print(f"{'':22} {'bytes':>6} {'docs':>5} {'per doc':>9} {'batch':>9}  (µs per document)")
    for size in (200, 1024):
        groups = line_groups(size)
        texts = (groups * (args.docs // len(groups) + 1))[: args.docs]
        n = len(texts)
        mean = sum(len(t.encode("utf-8")) for t in texts) // n
        inputs = [[Document.from_text(t) for t in texts]]  # each pass's input, made by the passes before it
        for c in cleaners:
            inputs.append([c.clean(d) for d in inputs[-1]])
        for c, before, after in zip(cleaners, inputs, inputs[1:]):
            # per document: the inputs keep their code points from the first run (a lower bound)
            t_doc = best(lambda c=c, before=before: [c.clean(d) for d in before], args.seconds)
            t_batch = best(lambda c=c, before=before: c.clean_batch(Batch(before)), args.seconds)
            got = c.clean_batch(Batch(before))
            assert [d.text for d in got] == [d.text for d in after], c.name
            print(f"{c.name:22} {mean:>6} {n:>5} {t_doc / n * 1e6:>9.2f} {t_batch / n * 1e6:>9.2f}")

        # the seven in order from new documents, as the pipeline runs them (documents made in both)
        def chain_per_doc(texts: list[str] = texts) -> None:
            for t in texts:
                d = Document.from_text(t)
                for c in cleaners:
                    d = c.clean(d)

        def chain_batch(texts: list[str] = texts) -> None:
            docs = [Document.from_text(t) for t in texts]
            for c in cleaners:
                docs = c.clean_batch(Batch(docs))

        t_doc = best(chain_per_doc, 3 * args.seconds)
        t_batch = best(chain_batch, 3 * args.seconds)
        print(f"{'all seven, new docs':22} {mean:>6} {n:>5} {t_doc / n * 1e6:>9.2f} {t_batch / n * 1e6:>9.2f}")


if __name__ == "__main__":
    main()
