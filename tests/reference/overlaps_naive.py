"""Quadratic, obvious overlap resolution: the reference for hanpipe.overlaps."""

from __future__ import annotations

from hanpipe.document import Entity


def _overlap(a: Entity, b: Entity) -> bool:
    # an empty span occupies its position
    a_end, b_end = max(a.end, a.start + 1), max(b.end, b.start + 1)
    return a.start < b_end and b.start < a_end

def resolve_naive(found: list[tuple[int | None, Entity]]) -> list[Entity]:
    kept: list[tuple[int, Entity]] = []
    for prio in sorted({p for p, _ in found if p is not None}, reverse=True):
        kinds: dict[str, list[Entity]] = {}
        for p, ent in found:
            if p == prio:
                kinds.setdefault(ent.kind, []).append(ent)
        for ents in kinds.values():
            mine: list[Entity] = []
            for ent in sorted(ents, key=lambda x: (x.start, -x.end)):
                if any(ent.start < m.end for m in mine if m.start <= ent.start):
                    continue
                if any(p > prio and _overlap(ent, k) for p, k in kept):
                    continue
                mine.append(ent)
            kept.extend((prio, m) for m in mine)
    return [k for _, k in kept] + [ent for p, ent in found if p is None]
