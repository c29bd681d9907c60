"""Ratios to the peers over time: the bench runs pytest-benchmark keeps, and the README's history.

A ratio is hanpipe's MB/s over a peer's in the same group of the same run,
the figure the bench prints (``benchmarks/conftest.py``): for each group, the
best benchmark of role ``hanpipe`` over each benchmark whose role is a peer's
(any role that does not start with ``hanpipe``). Its key is ``"group / role"``.
Ratios survive a noisy machine better than times, since both sides of one
ratio ran minutes apart.

``nox -s bench`` keeps every run in pytest-benchmark's storage
(``--benchmark-autosave``: ``.benchmarks/<interpreter>/NNNN_<commit>_<date>.json``,
with the commit, the date and the machine). ``nox -s bench_check`` times the
bench again without keeping it and runs::

    python -m benchmarks.history check RUN.json [--storage .benchmarks] [--tolerance 0.15]

which compares each ratio of ``RUN.json`` with the same ratio in the last kept
run of the same machine that has it, and exits 1 when one fell by more than
the tolerance (2 when there is nothing to compare with).

``benchmarks/history/readme.json`` holds the ratios of each release of the
README's benchmark table; ``python -m benchmarks.history chart`` draws it as
``docs/bench-history.svg``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.chart import Plot, Series, stacked

__all__ = [
    "Change",
    "Kept",
    "Release",
    "baselines",
    "check",
    "compare",
    "history_chart",
    "kept_runs",
    "load_history",
    "machine",
    "main",
    "ratios",
]

ROOT = Path(__file__).resolve().parent.parent
HISTORY = ROOT / "benchmarks" / "history" / "readme.json"
HISTORY_CHART = ROOT / "docs" / "bench-history.svg"
TOLERANCE = 0.15


def ratios(run: Mapping[str, Any]) -> dict[str, float]:
    """``"group / role"`` -> hanpipe's best MB/s in the group over that peer's, for a pytest-benchmark run.

    ``run`` is a run as pytest-benchmark writes it (``--benchmark-json`` or a
    kept run). Benchmarks without ``extra_info["bytes"]`` or stats, and those
    of ``benchmarks/test_hostile.py`` (no peers), are left out. A role that
    appears twice in a group is keyed by the benchmark's name instead.
    """
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for bench in run.get("benchmarks", []):
        extra = bench.get("extra_info") or {}
        median = (bench.get("stats") or {}).get("median")
        if extra.get("bytes") and not extra.get("hostile") and median:
            groups.setdefault(bench.get("group") or "", []).append(bench)
    out: dict[str, float] = {}
    for group, items in groups.items():
        speed = {b["name"]: b["extra_info"]["bytes"] / b["stats"]["median"] for b in items}
        ours = [speed[b["name"]] for b in items if b["extra_info"].get("role") == "hanpipe"]
        if not ours:
            continue
        peers = [b for b in items if not str(b["extra_info"].get("role", "hanpipe")).startswith("hanpipe")]
        roles = [b["extra_info"]["role"] for b in peers]
        for b, role in zip(peers, roles):
            label = role if roles.count(role) == 1 else b["name"]
            out[f"{group} / {label}"] = max(ours) / speed[b["name"]]
    return out


def machine(run: Mapping[str, Any]) -> tuple[Any, ...]:
    """What makes two runs' machines the same: host name, CPU model and count, Python."""
    info = run.get("machine_info") or {}
    cpu = info.get("cpu") or {}
    return (
        info.get("node"),
        cpu.get("brand_raw"),
        cpu.get("count"),
        info.get("python_implementation"),
        info.get("python_version"),
    )


@dataclass(frozen=True)
class Kept:
    """A kept run: where it is and what it holds."""

    path: Path
    run: Mapping[str, Any]

    @property
    def label(self) -> str:
        commit = str((self.run.get("commit_info") or {}).get("id") or "?")[:7]
        return f"{self.path.stem.split('_')[0]} {commit} {str(self.run.get('datetime', ''))[:10]}"


def kept_runs(storage: Path) -> list[Kept]:
    """The runs pytest-benchmark kept under ``storage`` (one folder per interpreter), oldest first."""
    found = []
    for path in sorted(storage.glob("*/*.json")):
        try:
            run = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(run, dict) and "benchmarks" in run:
            found.append(Kept(path, run))
    return sorted(found, key=lambda k: (str(k.run.get("datetime", "")), k.path.name))


def baselines(runs: Sequence[Kept], current: Mapping[str, Any]) -> dict[str, tuple[float, Kept]]:
    """Each ratio's value in the last of ``runs`` made on ``current``'s machine that has it, and that run."""
    out: dict[str, tuple[float, Kept]] = {}
    for kept in runs:  # oldest first: a later run overwrites
        if machine(kept.run) == machine(current):
            for key, value in ratios(kept.run).items():
                out[key] = (value, kept)
    return out


@dataclass(frozen=True)
class Change:
    """One ratio, before and now."""

    key: str
    before: float
    now: float

    @property
    def change(self) -> float:
        """The relative change: -0.2 is a ratio 20 % lower than before."""
        return self.now / self.before - 1

    def dropped(self, tolerance: float) -> bool:
        """True when the ratio fell by more than ``tolerance`` (0.15 is 15 %)."""
        return self.now < self.before * (1 - tolerance)


def compare(before: Mapping[str, float], now: Mapping[str, float]) -> list[Change]:
    """The ratios in both, by key."""
    return [Change(key, before[key], now[key]) for key in sorted(before.keys() & now.keys())]


def check(current: Mapping[str, Any], runs: Sequence[Kept], tolerance: float, write: Callable[[str], None]) -> int:
    """Print every ratio of ``current`` beside its kept value; 1 if one dropped by more than ``tolerance``.

    2 when no kept run of this machine shares a ratio with ``current`` (so
    nothing was checked), 0 otherwise.
    """
    now = ratios(current)
    kept = baselines(runs, current)
    changes = compare({k: v for k, (v, _) in kept.items()}, now)
    node, cpu, count, _, python = machine(current)
    write(
        f"ratios to the peers, now and in the last kept run on this machine ({node}, {count} × {cpu}, Python {python})"
    )
    if not changes:
        write(
            f"nothing to compare: {len(now)} ratios now, none in a kept run of this machine "
            "(keep one with `nox -s bench`)"
        )
        return 2
    width = max(len(c.key) for c in changes)
    write(f"{'ratio':<{width}}  {'kept':>7}  {'now':>7}  {'change':>7}  kept run")
    failed = []
    for c in changes:
        mark = "  DROP" if c.dropped(tolerance) else ""
        write(f"{c.key:<{width}}  {c.before:>7.2f}  {c.now:>7.2f}  {c.change:>+7.1%}  {kept[c.key][1].label}{mark}")
        if c.dropped(tolerance):
            failed.append(c)
    for key in sorted(now.keys() - kept.keys()):
        write(f"{key:<{width}}  {'—':>7}  {now[key]:>7.2f}  (no kept value)")
    if failed:
        names = ", ".join(f"{c.key} ({c.change:+.1%})" for c in failed)
        write(f"FAILED: {len(failed)} of {len(changes)} ratios fell by more than {tolerance:.0%}: {names}")
        return 1
    write(f"ok: {len(changes)} ratios, none fell by more than {tolerance:.0%}")
    return 0


@dataclass(frozen=True)
class Release:
    """One release of the README's benchmark table: its ratios and where they come from."""

    label: str
    date: str | None
    commit: str | None
    machine: str
    source: str
    ratios: Mapping[str, float]


def load_history(path: Path = HISTORY) -> list[Release]:
    """The releases in ``path``, in the file's order (oldest first)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        Release(r["label"], r.get("date"), r.get("commit"), r["machine"], r["source"], dict(r["ratios"]))
        for r in data["releases"]
    ]


#: the panels of the history chart: title -> the first word of the groups it shows
PANELS = {
    "whole pipeline, and by document size": ("pipeline", "sizes"),
    "decode: detection": ("detect",),
    "decode: clean-up": ("clean",),
    "convert": ("convert",),
    "segment": ("segment",),
    "extract": ("extract",),
}


def history_chart(releases: Sequence[Release]) -> str:
    """Each ratio across the releases (log y), a panel per stage: a line per key, a dot per release that has it."""
    keys: list[str] = []
    for release in releases:
        keys.extend(k for k in release.ratios if k not in keys)
    panels: dict[str, list[str]] = {title: [] for title in PANELS}
    for key in keys:
        stage = key.split(" / ")[0].split("-")[0]
        title = next((t for t, stages in PANELS.items() if stage in stages), stage)
        panels.setdefault(title, []).append(key)
    ticks = [(float(i), r.label) for i, r in enumerate(releases)]
    plots = []
    for title, members in panels.items():
        if not members:
            continue
        series = [
            Series(key, [(float(i), r.ratios[key]) for i, r in enumerate(releases) if key in r.ratios])
            for key in members
        ]
        caption = "" if plots else "hanpipe's MB/s over each peer's; data and sources: benchmarks/history/readme.json"
        plots.append(
            Plot(
                series,
                title,
                "release of the README table",
                "ratio (log)",
                log_y=True,
                x_ticks=ticks,
                caption=caption,
                height=150,
            )
        )
    return stacked(plots)


def _run_file(path: str) -> Mapping[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def main(argv: Iterable[str] | None = None, write: Callable[[str], None] = print) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.history", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("check", help="compare a run's ratios with the last kept run on this machine")
    run.add_argument("current", help="the run to check, as written by --benchmark-json")
    run.add_argument("--storage", default=str(ROOT / ".benchmarks"), help="pytest-benchmark's storage folder")
    run.add_argument("--tolerance", type=float, default=TOLERANCE, help="largest drop allowed (default 0.15)")
    draw = sub.add_parser("chart", help=f"draw {HISTORY_CHART.relative_to(ROOT)} from the README's history")
    draw.add_argument("--history", default=str(HISTORY))
    draw.add_argument("--output", default=str(HISTORY_CHART))
    args = parser.parse_args(None if argv is None else list(argv))
    if args.command == "check":
        return check(_run_file(args.current), kept_runs(Path(args.storage)), args.tolerance, write)
    Path(args.output).write_text(history_chart(load_history(Path(args.history))), encoding="utf-8")
    write(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
