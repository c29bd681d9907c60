"""Overlap resolution between entities of different extractors."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from .document import Entities, Entity

__all__ = ["resolve_overlaps"]


def resolve_overlaps(groups: Iterable[tuple[int | None, Iterable[Entity]]]) -> Entities:
    """Keep the richest reading where entities overlap.

    ``groups`` holds each extractor's priority with the entities it found
    (:class:`Entities` columns, or any iterable of :class:`Entity`).
    Extractors that read the same facts in competing ways declare
    ``priority`` (an int); every other extractor has ``None`` and its entities
    are kept whatever they overlap. An entity with a priority is dropped when
    it overlaps a kept entity of higher priority, or one of its own kind
    (leftmost, then longest, wins). Entities of different kinds with equal
    priority may overlap. O(n log n) in the number of entities.
    """
    free: list[Entities] = []
    levels: dict[int, list[Entities]] = {}
    for prio, found in groups:
        ents = Entities.of(found)
        if not len(ents):
            continue
        if prio is None:
            free.append(ents)
        else:
            levels.setdefault(prio, []).append(ents)
    if sum(len(ents) for group in levels.values() for ents in group) <= FEW:
        return Entities.concat(_kept_few(levels) + free)
    return Entities.concat(_kept(levels) + free)


#: at most this many entities with a priority are resolved in plain Python, where array calls cost more
FEW = 32


def _kept(levels: dict[int, list[Entities]]) -> list[Entities]:
    """The entities kept at each priority level, highest first, with array operations."""
    kept: list[Entities] = []
    union_s = np.zeros(0, dtype=np.int64)  # merged spans kept at higher levels
    union_e = np.zeros(0, dtype=np.int64)
    for prio in sorted(levels, reverse=True):
        level = Entities.concat(levels[prio])
        s, e = level.start, level.end
        e1 = np.maximum(e, s + 1)  # an empty span still occupies its position
        blocked = _blocked(union_s, union_e, s, e1)
        picked = np.sort(np.concatenate([_leftmost_longest(s, e, blocked, rows) for rows in _by_kind(level.kind)]))
        kept.append(level if len(picked) == len(s) else level.take(picked))
        union_s, union_e = _merge(np.concatenate([union_s, s[picked]]), np.concatenate([union_e, e1[picked]]))
    return kept


def _kept_few(levels: dict[int, list[Entities]]) -> list[Entities]:
    """What :func:`_kept` keeps, one entity at a time: the same passes over a few entities."""
    kept: list[Entities] = []
    union: list[tuple[int, int]] = []  # spans kept at higher levels
    for prio in sorted(levels, reverse=True):
        level = Entities.concat(levels[prio])
        s, e, kinds = level.start.tolist(), level.end.tolist(), level.kind
        e1 = [max(b, a + 1) for a, b in zip(s, e)]
        last_end: dict[str, int] = {}  # each kind's greedy pass, leftmost then longest
        picked: list[int] = []
        for i in sorted(range(len(s)), key=lambda i: (s[i], -e[i])):
            if any(us < e1[i] and s[i] < ue for us, ue in union) or s[i] < last_end.get(kinds[i], -1):
                continue
            picked.append(i)
            last_end[kinds[i]] = e[i]
        picked.sort()
        kept.append(level if len(picked) == len(s) else level.take(picked))
        union.extend((s[i], e1[i]) for i in picked)
    return kept


def _by_kind(kinds: list[str]) -> list[np.ndarray]:
    """The rows of each kind."""
    distinct = set(kinds)
    if len(distinct) == 1:
        return [np.arange(len(kinds))]
    codes = {k: i for i, k in enumerate(distinct)}
    code = np.fromiter(map(codes.__getitem__, kinds), dtype=np.int64, count=len(kinds))  # a C-level loop
    return [np.flatnonzero(code == c) for c in range(len(codes))]


def _leftmost_longest(s: np.ndarray, e: np.ndarray, blocked: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The ``rows`` kept by one greedy pass: leftmost first, then longest, skipping blocked ones and overlaps."""
    order = rows[np.lexsort((-e[rows], s[rows]))]
    free = order[~blocked[order]]
    if (s[free][1:] >= e[free][:-1]).all():  # nothing left overlaps: the pass keeps them all
        return free
    chosen: list[int] = []
    last_end = -1
    for i, start, end in zip(free.tolist(), s[free].tolist(), e[free].tolist()):
        if start >= last_end:
            chosen.append(i)
            last_end = end
    return np.asarray(chosen, dtype=np.int64)


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
