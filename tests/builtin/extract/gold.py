"""Score the extract stage against the hand-written gold file (shared by the test and a report)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from hanpipe.pipeline import Pipeline

GOLD_PATH = Path(__file__).resolve().parents[2] / "cases" / "extract_gold.json"
SEEDS_DIR = Path(__file__).resolve().parents[3] / "seeds"
KINDS = ("number", "money", "percent", "quantity", "date", "time", "email", "url", "phone")


def load_gold() -> dict[str, list[list]]:
    return json.loads(GOLD_PATH.read_text(encoding="utf-8"))["seeds"]


def _key(kind: str, text: str, value: object, unit: object) -> tuple:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return (kind, text, repr(value) if value is not None else None, unit)


def found(pipeline: Pipeline, name: str) -> Counter:
    doc = pipeline.process((SEEDS_DIR / name).read_bytes())
    return Counter(_key(e.kind, e.text, e.value, e.unit) for e in doc.entities)


def score(pipeline: Pipeline | None = None) -> tuple[dict[str, tuple[float, float]], Counter, Counter]:
    """Per kind ``(precision, recall)``, and the missed and spurious entries."""
    pipeline = pipeline or Pipeline(segment=None, extract=list(KINDS))
    gold_all: Counter = Counter()
    got_all: Counter = Counter()
    for name, entries in load_gold().items():
        gold = Counter(_key(*e) for e in entries)
        got = found(pipeline, name)
        gold_all.update({(name, *k): v for k, v in gold.items()})
        got_all.update({(name, *k): v for k, v in got.items()})
    missed = gold_all - got_all
    spurious = got_all - gold_all
    result = {}
    for kind in KINDS:
        g = sum(v for k, v in gold_all.items() if k[1] == kind)
        t = sum(v for k, v in got_all.items() if k[1] == kind)
        hit = sum(min(v, got_all[k]) for k, v in gold_all.items() if k[1] == kind)
        result[kind] = (hit / t if t else 1.0, hit / g if g else 1.0)
    return result, missed, spurious


if __name__ == "__main__":
    res, missed, spurious = score()
    for kind, (p, r) in res.items():
        print(f"{kind:<10} precision {p:.3f} recall {r:.3f}")
    for k, v in sorted(missed.items()):
        print("MISSED", v, k)
    for k, v in sorted(spurious.items()):
        print("SPURIOUS", v, k)
