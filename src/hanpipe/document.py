"""Document, Entity, Edit, Tokens and the alignment that ties text to source.

The alignment maps every boundary of ``Document.text`` (positions 0 to
``len(text)``, inclusive) to a boundary of ``Document.source``. It is an int32
array of shape ``(2, len(text) + 1)``, or ``None`` while the text still equals
the source position for position:

* row ``LEFT`` is where a span *ending* at that boundary ends in the source;
* row ``RIGHT`` is where a span *starting* at that boundary starts.

The two rows differ only where text was deleted: after ``領(lǐng)`` → ``領`` the
boundary behind ``領`` ends the source span before ``(lǐng)`` and starts the
next one after it, so neither neighbour swallows the deleted annotation.

Stages never edit strings or offsets themselves. They hand :class:`Edit` values
to :meth:`Document.apply_edits`, or a whole new text with its alignment to
:meth:`Document.rewrite`; both compose the new alignment onto the old one
(``outer[inner]``) in one linear pass and record the step in ``meta``.
"""

from __future__ import annotations

import dataclasses
import decimal
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .errors import InputError

__all__ = [
    "LEFT",
    "RIGHT",
    "Document",
    "Edit",
    "Entity",
    "Tokens",
    "edits_alignment",
]

LEFT = 0
RIGHT = 1

Alignment = np.ndarray


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``, for ``reason``."""

    start: int
    end: int
    replacement: str
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Entity:
    """A typed fact found in ``Document.text``.

    ``start``/``end`` index ``Document.text``; ``source_start``/``source_end``
    index ``Document.source`` and are filled in by the pipeline.
    """

    kind: str
    start: int
    end: int
    text: str
    value: Any = None
    unit: str | None = None
    attrs: Mapping[str, Any] = field(default_factory=dict)
    source_start: int = -1
    source_end: int = -1

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": _json_safe(self.value),
            "unit": self.unit,
            "attrs": _json_safe(dict(self.attrs)),
            "source_start": self.source_start,
            "source_end": self.source_end,
        }


@dataclass(frozen=True, slots=True)
class Tokens:
    """Token spans as two int32 arrays; strings are made only on request."""

    starts: np.ndarray
    ends: np.ndarray

    @classmethod
    def from_arrays(cls, starts: Any, ends: Any) -> Tokens:
        s = np.ascontiguousarray(starts, dtype=np.int32)
        e = np.ascontiguousarray(ends, dtype=np.int32)
        if s.shape != e.shape or s.ndim != 1:
            raise InputError(f"token starts and ends must be 1-d arrays of one length, got {s.shape} and {e.shape}")
        return cls(s, e)

    @classmethod
    def from_words(cls, words: Iterable[str]) -> Tokens:
        """Spans of consecutive words that concatenate to the text."""
        lengths = np.fromiter((len(w) for w in words), dtype=np.int64)
        ends = np.cumsum(lengths)
        return cls.from_arrays(ends - lengths, ends)

    def __len__(self) -> int:
        return int(self.starts.shape[0])

    def strings(self, text: str) -> list[str]:
        return [text[s:e] for s, e in zip(self.starts.tolist(), self.ends.tolist())]


def _entity_order(ent: Entity) -> tuple[int, int, str]:
    return (ent.start, ent.end, ent.kind)


def _json_safe(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if isinstance(value, np.generic):
        return _json_safe(value.item())
    return str(value)


def edits_alignment(n_old: int, starts: np.ndarray, ends: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The alignment, into the old text, of the text that sorted, non-overlapping edits make.

    Edit ``i`` replaces ``old[starts[i]:ends[i]]`` with ``lengths[i]`` characters.
    Untouched positions map to themselves; position ``j`` of a replacement of
    ``k`` characters for a span of ``s`` maps to ``start + j * s // k``; the
    boundary behind a deletion ends where the deletion (the first of adjacent
    ones) began. Linear in the length of the text, with no Python loop.
    """
    starts = np.asarray(starts, dtype=np.int64)
    ends = np.asarray(ends, dtype=np.int64)
    k = np.asarray(lengths, dtype=np.int64)
    count = len(starts)
    span = ends - starts
    # the new text is gap 0, replacement 0, gap 1, ..., replacement E-1, gap E
    begin = np.concatenate(([0], ends))
    stop = np.concatenate((starts, [n_old]))
    seg_len = np.empty(2 * count + 1, dtype=np.int64)
    seg_len[0::2] = stop - begin
    seg_len[1::2] = k
    seg_base = np.empty_like(seg_len)
    seg_base[0::2] = begin
    seg_base[1::2] = starts
    seg_start = np.concatenate(([0], np.cumsum(seg_len)[:-1]))
    m = int(seg_len.sum())
    right = np.empty(m + 1, dtype=np.int64)
    # every position as if in a gap: its segment's base plus its offset in the segment
    right[:-1] = np.arange(m, dtype=np.int64) + np.repeat(seg_base - seg_start, seg_len)
    right[-1] = n_old
    # replacement positions spread over the span they replace
    owner = np.repeat(np.arange(count), k)
    if len(owner):
        within = np.arange(len(owner), dtype=np.int64) - np.repeat(np.cumsum(k) - k, k)
        right[seg_start[1::2][owner] + within] = starts[owner] + (within * span[owner]) // k[owner]
    out = np.empty((2, m + 1), dtype=np.int32)
    out[LEFT] = right
    out[RIGHT] = right
    deletions = np.flatnonzero(k == 0)
    at = seg_start[2 * deletions + 2] if len(deletions) else deletions
    first = np.ones(len(at), dtype=bool)
    first[1:] = at[1:] != at[:-1]
    out[LEFT][at[first]] = starts[deletions][first]
    return out


@dataclass(frozen=True)
class Document:
    """The unit of work: text, where it came from, and what was found in it."""

    source: str
    text: str
    alignment: np.ndarray | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    tokens: Tokens | None = None
    entities: tuple[Entity, ...] = ()

    @classmethod
    def from_text(cls, text: str, **meta: Any) -> Document:
        if not isinstance(text, str):
            raise InputError(f"expected str, got {type(text).__name__}")
        return cls(source=text, text=text, meta=dict(meta))

    # -- alignment -------------------------------------------------------

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``source`` that ``text[start:end]`` came from."""
        if self.alignment is None:
            return start, end
        s = int(self.alignment[RIGHT, start])
        e = int(self.alignment[LEFT, end])
        return s, max(s, e)

    def source_spans(self, starts: Any, ends: Any) -> tuple[list[int], list[int]]:
        """:meth:`source_span` of many spans at once: (source starts, source ends)."""
        if self.alignment is None:
            return list(starts), list(ends)
        src_starts = self.alignment[RIGHT][np.asarray(starts, dtype=np.int64)]
        src_ends = np.maximum(self.alignment[LEFT][np.asarray(ends, dtype=np.int64)], src_starts)
        return src_starts.tolist(), src_ends.tolist()

    def rewrite(self, text: str, alignment: np.ndarray | None, *, step: str, count: int) -> Document:
        """A new Document whose text is ``text``.

        ``alignment`` maps ``text`` into the current text (shape
        ``(2, len(text) + 1)``), or is ``None`` when both have one length
        and correspond position for position.
        """
        if count == 0 and text == self.text:
            return self
        if alignment is None:
            if len(text) != len(self.text):
                raise InputError(f"step {step!r} changed the length of the text but gave no alignment")
            composed = self.alignment
        else:
            if alignment.shape != (2, len(text) + 1):
                raise InputError(
                    f"step {step!r} gave an alignment of shape {alignment.shape}, "
                    f"expected (2, {len(text) + 1})"
                )
            if self.alignment is None:
                composed = np.ascontiguousarray(alignment, dtype=np.int32)
            else:
                composed = np.empty(alignment.shape, dtype=np.int32)
                np.take(self.alignment[LEFT], alignment[LEFT], out=composed[LEFT])
                np.take(self.alignment[RIGHT], alignment[RIGHT], out=composed[RIGHT])
        meta = dict(self.meta)
        meta["repairs"] = [*meta.get("repairs", ()), {"step": step, "edits": int(count)}]
        return dataclasses.replace(self, text=text, alignment=composed, meta=meta, tokens=None, entities=())

    def apply_edits(self, edits: Iterable[Edit], *, step: str) -> Document:
        """Apply sorted, non-overlapping edits in one pass and compose the alignment."""
        edits = list(edits)
        if not edits:
            return self
        n = len(self.text)
        count = len(edits)
        starts = np.fromiter((e.start for e in edits), dtype=np.int64, count=count)
        ends = np.fromiter((e.end for e in edits), dtype=np.int64, count=count)
        lengths = np.fromiter((len(e.replacement) for e in edits), dtype=np.int64, count=count)
        bad = (starts > ends) | (starts < 0) | (ends > n)
        bad[1:] |= starts[1:] < ends[:-1]
        if bad.any():
            i = int(np.argmax(bad))
            raise InputError(
                f"edits must be sorted, non-overlapping and inside the text (length {n}); got {edits[i]!r}"
            )
        text = self.text
        pieces = [text[: edits[0].start]]
        for i, ed in enumerate(edits):
            pieces.append(ed.replacement)
            pieces.append(text[ed.end : edits[i + 1].start if i + 1 < count else n])
        new_text = "".join(pieces)
        inner = None if (lengths == ends - starts).all() else edits_alignment(n, starts, ends, lengths)
        return self.rewrite(new_text, inner, step=step, count=count)

    # -- results ---------------------------------------------------------

    def with_meta(self, **entries: Any) -> Document:
        return dataclasses.replace(self, meta={**self.meta, **entries})

    def with_tokens(self, tokens: Tokens) -> Document:
        n = len(self.text)
        if len(tokens) and (int(tokens.starts.min()) < 0 or int(tokens.ends.max()) > n):
            raise InputError(f"token spans fall outside the text (length {n})")
        return dataclasses.replace(self, tokens=tokens)

    def with_entities(self, entities: Iterable[Entity]) -> Document:
        """Attach entities, checking their text and filling in source spans."""
        ents = list(entities)
        text = self.text
        n = len(text)
        for ent in ents:
            if not (0 <= ent.start <= ent.end <= n) or text[ent.start : ent.end] != ent.text:
                raise InputError(
                    f"entity {ent.kind!r} {ent.text!r} does not match the text at [{ent.start}:{ent.end}]"
                )
        src_starts, src_ends = self.source_spans([e.start for e in ents], [e.end for e in ents])
        placed = [
            Entity(e.kind, e.start, e.end, e.text, e.value, e.unit, e.attrs, s, t)
            for e, s, t in zip(ents, src_starts, src_ends)
        ]
        placed.sort(key=_entity_order)
        return dataclasses.replace(self, entities=tuple(placed))

    @property
    def words(self) -> list[str]:
        """Token strings (made on each call)."""
        return [] if self.tokens is None else self.tokens.strings(self.text)

    @property
    def token_spans(self) -> list[tuple[int, int]]:
        if self.tokens is None:
            return []
        return list(zip(self.tokens.starts.tolist(), self.tokens.ends.tolist()))

    def to_dict(self, *, include_source: bool = False) -> dict[str, Any]:
        """A JSON-safe record: the CLI's output schema (see README)."""
        out: dict[str, Any] = {}
        if include_source:
            out["source"] = self.source
        out["text"] = self.text
        out["meta"] = _json_safe(self.meta)
        if self.tokens is not None:
            out["tokens"] = self.words
            out["token_spans"] = [list(p) for p in self.token_spans]
        out["entities"] = [e.to_dict() for e in self.entities]
        return out
