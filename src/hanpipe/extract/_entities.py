"""Entities made in bulk, a column per field.

The numeric extractors make thousands of entities per text. ``Entity`` is a
frozen dataclass with slots, whose ``__init__`` sets each field through
``object.__setattr__``; :func:`make` fills the slots one column at a time
instead (a C-level loop per field), which takes half the time. A field left
out takes its default. Should ``Entity`` ever lose its slots or gain a
``__post_init__``, :func:`make` calls the constructor.
"""

from __future__ import annotations

import dataclasses
import types
from collections import deque
from collections.abc import Iterable, Sequence
from itertools import repeat
from typing import Any

import numpy as np

from ..document import Entity

__all__ = ["in_order", "make"]

_FIELDS = dataclasses.fields(Entity)
_BY_SLOTS = not hasattr(Entity, "__post_init__") and all(
    isinstance(Entity.__dict__.get(f.name), types.MemberDescriptorType) for f in _FIELDS
)


def make(
    kind: str,
    starts: Sequence[int],
    ends: Iterable[int],
    texts: Iterable[str],
    values: Iterable[Any],
    units: Iterable[str | None],
    attrs: Iterable[Any],
) -> list[Entity]:
    """``Entity(kind, starts[i], ends[i], texts[i], values[i], units[i], attrs[i])`` for each ``i``."""
    n = len(starts)
    if not _BY_SLOTS:
        return list(map(Entity, repeat(kind, n), starts, ends, texts, values, units, attrs))
    given: dict[str, Iterable[Any]] = {
        "kind": repeat(kind, n),
        "start": starts,
        "end": ends,
        "text": texts,
        "value": values,
        "unit": units,
        "attrs": attrs,
    }
    made = list(map(object.__new__, repeat(Entity, n)))
    for f in _FIELDS:
        column = given.get(f.name)
        if column is None:
            if f.default is not dataclasses.MISSING:
                column = repeat(f.default, n)
            elif f.default_factory is not dataclasses.MISSING:
                column = (f.default_factory() for _ in range(n))
            else:
                raise TypeError(f"Entity field {f.name!r} has no default")
        deque(map(Entity.__dict__[f.name].__set__, made, column), maxlen=0)
    return made


def in_order(
    first: list[Entity], first_rows: np.ndarray, second: list[Entity], second_rows: np.ndarray
) -> list[Entity]:
    """Two lists of entities merged in the order of the rows they were made from."""
    if not second:
        return first
    if not first:
        return second
    order = np.argsort(np.concatenate((first_rows, second_rows)), kind="stable").tolist()
    both = first + second
    return [both[k] for k in order]
