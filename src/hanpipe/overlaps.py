"""Overlap resolution between entities of different extractors."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from .document import Entity

__all__ = ["resolve_overlaps"]


def resolve_overlaps(groups: Iterable[tuple[int | None, Sequence[Entity]]]) -> list[Entity]:
    """Keep the richest reading where entities overlap.

    ``groups`` holds each extractor's priority with the entities it found.
    Extractors declare ``priority`` (an int, or ``None`` to opt out). An entity
    is dropped when it overlaps a kept entity of higher priority, or one of
    its own kind (leftmost, then longest, wins). Entities of different kinds
    with equal priority may overlap. O(n log n) in the number of entities.
    """
    free: list[Entity] = []
    levels: dict[int, dict[str, list[Entity]]] = {}
    for prio, ents in groups:
        if prio is None:
            free.extend(ents)
            continue
        kinds = levels.setdefault(prio, {})
        for ent in ents:
            kinds.setdefault(ent.kind, []).append(ent)
    kept: list[Entity] = []
    union_s = np.zeros(0, dtype=np.int64)  # merged spans kept at higher levels
    union_e = np.zeros(0, dtype=np.int64)
    for prio in sorted(levels, reverse=True):
        level_s: list[np.ndarray] = []
        level_e: list[np.ndarray] = []
        for ents in levels[prio].values():
            s = np.fromiter((x.start for x in ents), dtype=np.int64, count=len(ents))
            e = np.fromiter((x.end for x in ents), dtype=np.int64, count=len(ents))
            e1 = np.maximum(e, s + 1)  # an empty span still occupies its position
            blocked = _blocked(union_s, union_e, s, e1)
            order = np.lexsort((-e, s))
            chosen: list[int] = []
            last_end = -1
            for i, start, end, skip in zip(
                order.tolist(), s[order].tolist(), e[order].tolist(), blocked[order].tolist()
            ):
                if skip or start < last_end:
                    continue
                chosen.append(i)
                last_end = end
            kept.extend(ents[i] for i in chosen)
            level_s.append(s[chosen])
            level_e.append(e1[chosen])
        union_s, union_e = _merge(np.concatenate([union_s, *level_s]), np.concatenate([union_e, *level_e]))
    return kept + free


def _blocked(us: np.ndarray, ue: np.ndarray, s: np.ndarray, e1: np.ndarray) -> np.ndarray:
    """Which spans ``[s, e1)`` overlap one of the sorted, disjoint spans ``[us, ue)``."""
    if not len(us):
        return np.zeros(len(s), dtype=bool)
    i = np.searchsorted(us, s, side="right") - 1
    before = (i >= 0) & (ue[np.maximum(i, 0)] > s)
    j = i + 1
    after = (j < len(us)) & (us[np.minimum(j, len(us) - 1)] < e1)
    return before | after


def _merge(s: np.ndarray, e: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted, disjoint spans covering the spans ``[s, e)``."""
    if not len(s):
        return s, e
    order = np.argsort(s, kind="stable")
    s, e = s[order], e[order]
    reach = np.maximum.accumulate(e)
    new = np.ones(len(s), dtype=bool)
    new[1:] = s[1:] >= reach[:-1]
    heads = np.flatnonzero(new)
    return s[heads], np.maximum.reduceat(e, heads)
