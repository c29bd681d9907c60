"""Benchmark corpus and reporting.

Each benchmark calls ``measure(fn, *args, nbytes=..., role=...)``: ``role`` is
``"hanpipe"`` for ours and the peer's name otherwise; benchmarks that belong
together share a pytest-benchmark ``group``. At the end a table gives MB/s for
each and, per group, the ratio of hanpipe's best throughput to each peer's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from benchmarks.corpus import TRADITIONAL, scale
from benchmarks.corpus import seed_texts as _seed_texts


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return _seed_texts()


@pytest.fixture(scope="session")
def corpus_mixed(seed_texts: dict[str, str]) -> str:
    """All five seeds, scaled to about 4 MB of UTF-8."""
    return scale(list(seed_texts.values()))


@pytest.fixture(scope="session")
def corpus_traditional(seed_texts: dict[str, str]) -> str:
    """The two Traditional seeds, scaled to about 4 MB."""
    return scale([t for n, t in seed_texts.items() if n in TRADITIONAL])


@pytest.fixture(scope="session")
def corpus_simplified(seed_texts: dict[str, str]) -> str:
    """The three Simplified seeds, scaled to about 4 MB."""
    return scale([t for n, t in seed_texts.items() if n not in TRADITIONAL])


@pytest.fixture
def measure(benchmark: Any) -> Callable[..., Any]:
    """Time ``fn(*args)``: one warm-up call (JIT, caches), then a few rounds."""

    def run(fn: Callable[..., Any], *args: Any, nbytes: int, role: str = "hanpipe", rounds: int = 3) -> Any:
        benchmark.extra_info["bytes"] = int(nbytes)
        benchmark.extra_info["role"] = role
        return benchmark.pedantic(fn, args=args, rounds=rounds, iterations=1, warmup_rounds=1)

    return run


def _rows(benchmarks: list[Any]) -> list[tuple[str, str, str, float, str]]:
    groups: dict[str, list[Any]] = {}
    for bench in benchmarks:
        hostile = bench.extra_info.get("hostile")  # benchmarks/test_hostile.py has a table of its own
        if bench.extra_info.get("bytes") and not hostile and getattr(bench, "stats", None) is not None:
            groups.setdefault(bench.group or "", []).append(bench)
    rows = []
    for group, items in sorted(groups.items()):
        speeds = {b.name: b.extra_info["bytes"] / b.stats.median / 1e6 for b in items}
        ours = [speeds[b.name] for b in items if b.extra_info.get("role") == "hanpipe"]
        best = max(ours) if ours else None
        for b in sorted(items, key=lambda b: -speeds[b.name]):
            role = b.extra_info.get("role", "?")
            ratio = ""
            if best is not None and role != "hanpipe":
                ratio = f"hanpipe {best / speeds[b.name]:.1f}x"
            rows.append((group, b.name, role, speeds[b.name], ratio))
    return rows


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: Any) -> None:
    session = getattr(config, "_benchmarksession", None)
    if session is None or session.disabled:
        return
    _hostile_summary(terminalreporter.write_line, list(session.benchmarks))
    rows = _rows(list(session.benchmarks))
    if not rows:
        return
    write = terminalreporter.write_line
    write("")
    write(f"{'group':<24} {'benchmark':<44} {'role':<20} {'MB/s':>9}  ratio")
    for group, name, role, mbps, ratio in rows:
        write(f"{group:<24} {name:<44} {role:<20} {mbps:>9.2f}  {ratio}")


def _hostile_summary(write: Callable[[str], None], benchmarks: list[Any]) -> None:
    """benchmarks/test_hostile.py: the time per doubling of each input for each stage (2 is linear)."""
    runs: dict[tuple[str, str], dict[int, Any]] = {}
    for b in benchmarks:
        if b.extra_info.get("hostile") and getattr(b, "stats", None) is not None:
            runs.setdefault((b.extra_info["hostile"], b.extra_info["input"]), {})[b.extra_info["step"]] = b
    if not runs:
        return
    write("")
    write(f"{'stage':<8} {'input':<28} {'MB/s at 1x':>10} {'2x/1x':>6} {'4x/2x':>6} {'8x/4x':>6}  (time per doubling)")
    for (stage, name), steps in sorted(runs.items()):
        first = steps[min(steps)]
        speed = first.extra_info["bytes"] / first.stats.median / 1e6
        ratios = [f"{steps[s].extra_info.get('per_doubling', '-') if s in steps else '-':>6}" for s in (2, 4, 8)]
        write(f"{stage:<8} {name:<28} {speed:>10.2f} {' '.join(ratios)}")
