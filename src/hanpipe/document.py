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
import functools
import json
import math
import operator
import types
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, pairwise, repeat
from typing import Any, TypeVar, overload

import numpy as np

from ._sentences import sentence_spans
from ._text import code_points, from_code_points, merge_spans
from .errors import HanpipeError, InputError, PluginError

__all__ = [
    "LEFT",
    "RIGHT",
    "Document",
    "Edit",
    "Entities",
    "Entity",
    "ErrorRecord",
    "Tokens",
    "edits_alignment",
]

LEFT = 0
RIGHT = 1

T = TypeVar("T")


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
        return _entity_dict(*(getattr(self, name) for name in _COLUMNS))


#: the columns of Entities, in Entity's field order
_COLUMNS = ("kind", "start", "end", "text", "value", "unit", "attrs", "source_start", "source_end")


class Entities(Sequence[Entity]):
    """Entities held as columns; an :class:`Entity` is made when one is read.

    Extractors that find thousands of entities in a text return them this
    way, so a text's entities cost a few lists and arrays, not an object
    each (and Python's garbage collector has almost nothing to walk).
    ``start``/``end``/``source_start``/``source_end`` are int64 arrays; the
    other columns are lists. It compares equal to any sequence holding the
    same entities in the same order.
    """

    __slots__ = _COLUMNS

    def __init__(
        self,
        kind: str | list[str],
        start: Any,
        end: Any,
        text: list[str],
        value: list[Any] | None = None,
        unit: list[str | None] | None = None,
        attrs: list[Mapping[str, Any]] | None = None,
        source_start: Any = None,
        source_end: Any = None,
    ) -> None:
        self.start = np.asarray(start, dtype=np.int64).reshape(-1)
        self.end = np.asarray(end, dtype=np.int64).reshape(-1)
        n = self.start.shape[0]
        self.kind = [kind] * n if isinstance(kind, str) else list(kind)
        self.text = list(text)
        self.value = [None] * n if value is None else list(value)
        self.unit = [None] * n if unit is None else list(unit)
        self.attrs = [{} for _ in range(n)] if attrs is None else list(attrs)
        self.source_start = _positions(source_start, n)
        self.source_end = _positions(source_end, n)
        lengths = [len(c) for c in self._columns()]
        if lengths.count(n) != len(lengths):
            raise InputError(f"entity columns differ in length: {sorted(set(lengths))}")

    @classmethod
    def empty(cls) -> Entities:
        """No entities. One object serves every document that has none (columns are never changed in place)."""
        if cls is not Entities:
            return cls([], [], [], [])
        return _NO_ENTITIES

    @classmethod
    def of(cls, entities: Iterable[Entity]) -> Entities:
        """``entities`` as columns (returned as is when already columns)."""
        if isinstance(entities, Entities):
            return entities
        ents = list(entities)
        if not ents:
            return cls.empty()
        for e in ents:
            if not isinstance(e, Entity):
                raise InputError(f"expected Entity objects, got {type(e).__name__}")
        return cls(
            [e.kind for e in ents],
            [e.start for e in ents],
            [e.end for e in ents],
            [e.text for e in ents],
            [e.value for e in ents],
            [e.unit for e in ents],
            [e.attrs for e in ents],
            [e.source_start for e in ents],
            [e.source_end for e in ents],
        )

    @classmethod
    def concat(cls, parts: Iterable[Entities]) -> Entities:
        parts = [p for p in parts if len(p)]
        if len(parts) == 1:
            return parts[0]
        if not parts:
            return cls.empty()
        columns: list[Any] = [
            np.concatenate(c) if isinstance(c[0], np.ndarray) else list(chain.from_iterable(c))
            for c in zip(*(part._columns() for part in parts))
        ]
        return cls(*columns)

    def _columns(self) -> tuple[Any, ...]:
        """The columns in ``_COLUMNS`` order."""
        return (
            self.kind, self.start, self.end, self.text, self.value, self.unit, self.attrs,
            self.source_start, self.source_end,
        )  # fmt: skip

    def check(self, text: str, cps: np.ndarray | None = None) -> None:
        """Raise :class:`InputError` unless every entity's span lies in ``text`` and reads its ``text``.

        ``cps``: ``text``'s code points, when the caller has them (a document's are kept).
        """
        n = len(text)
        starts, ends = self.start, self.end
        count = len(self)
        if not count:
            return
        if count <= _CHECK_BY_ARRAYS:  # a few entities: one pass in Python costs less than the array calls
            for i, (s, e, t) in enumerate(zip(starts.tolist(), ends.tolist(), self.text)):
                if not 0 <= s <= e <= n:
                    raise InputError(f"entity {self.kind[i]!r} {t!r} falls outside the text (length {n})")
                if text[s:e] != t:
                    raise self._mismatch(i, text)
            return
        if int(starts.min()) < 0 or int(ends.max()) > n or bool((starts > ends).any()):
            bad = int(np.flatnonzero((starts < 0) | (ends > n) | (starts > ends))[0])
            raise InputError(f"entity {self.kind[bad]!r} {self.text[bad]!r} falls outside the text (length {n})")
        if _reads_alike(text if cps is None else cps, starts, ends, self.text):
            return
        for i, (s, e, t) in enumerate(zip(starts.tolist(), ends.tolist(), self.text)):
            if text[s:e] != t:
                raise self._mismatch(i, text)

    def _mismatch(self, i: int, text: str) -> InputError:
        s, e, t = int(self.start[i]), int(self.end[i]), self.text[i]
        return InputError(
            f"entity {self.kind[i]!r} {t!r} does not match the text at [{s}:{e}], which reads {text[s:e]!r}"
        )

    def take(self, indices: Any) -> Entities:
        """The entities at ``indices`` (an int array), in that order."""
        idx = np.asarray(indices, dtype=np.int64).reshape(-1)
        picked = idx.tolist()
        columns: list[Any] = [c[idx] if isinstance(c, np.ndarray) else _pick(c, picked) for c in self._columns()]
        return Entities(*columns)

    def rows(self, start: int, stop: int) -> Entities:
        """The entities ``start:stop``, sharing this one's columns' memory (no copy of the arrays)."""
        if start >= stop:
            return Entities.empty()
        out = Entities.__new__(Entities)
        out.kind, out.text, out.value = self.kind[start:stop], self.text[start:stop], self.value[start:stop]
        out.unit, out.attrs = self.unit[start:stop], self.attrs[start:stop]
        out.start, out.end = self.start[start:stop], self.end[start:stop]
        out.source_start, out.source_end = self.source_start[start:stop], self.source_end[start:stop]
        return out

    def with_spans(self, start: Any, end: Any) -> Entities:
        """These entities at other text positions (int64 arrays, one per entity); the other columns are shared."""
        return self._replace(start=np.asarray(start, dtype=np.int64), end=np.asarray(end, dtype=np.int64))

    def with_source(self, source_start: Any, source_end: Any) -> Entities:
        return self._replace(
            source_start=np.asarray(source_start, dtype=np.int64), source_end=np.asarray(source_end, dtype=np.int64)
        )

    def _replace(self, **columns: Any) -> Entities:
        out = Entities.__new__(Entities)
        for name in _COLUMNS:
            setattr(out, name, columns[name] if name in columns else getattr(self, name))
        return out

    def __len__(self) -> int:
        return len(self.kind)

    @overload
    def __getitem__(self, index: int) -> Entity: ...

    @overload
    def __getitem__(self, index: slice) -> Entities: ...

    def __getitem__(self, index: int | slice) -> Entity | Entities:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step == 1:
                return self.rows(start, max(start, stop))
            return self.take(np.arange(len(self))[index])
        i = range(len(self))[index]
        return Entity(
            self.kind[i],
            int(self.start[i]),
            int(self.end[i]),
            self.text[i],
            self.value[i],
            self.unit[i],
            self.attrs[i],
            int(self.source_start[i]),
            int(self.source_end[i]),
        )

    def __iter__(self) -> Iterator[Entity]:
        return iter(self.to_list())

    def to_list(self) -> list[Entity]:
        """Every entity as an :class:`Entity`, made in bulk."""
        n = len(self)
        columns = [c.tolist() if isinstance(c, np.ndarray) else c for c in self._columns()]
        if not _BY_SLOTS:
            return list(map(Entity, *columns))
        made = list(map(object.__new__, repeat(Entity, n)))
        for name, column in zip(_COLUMNS, columns):
            deque(map(Entity.__dict__[name].__set__, made, column), maxlen=0)
        return made

    def to_dicts(self) -> list[dict[str, Any]]:
        """``[e.to_dict() for e in self]``, made from the columns (no Entity objects)."""
        columns = [c.tolist() if isinstance(c, np.ndarray) else c for c in self._columns()]
        return list(map(_entity_dict, *columns))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and self.to_list() == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Entities({self.to_list()!r})"


#: the position columns of empty Entities (shared, so read-only)
_NO_POSITIONS = np.zeros(0, dtype=np.int64)
_NO_POSITIONS.flags.writeable = False


def _no_entities() -> Entities:
    out = Entities.__new__(Entities)
    out.kind, out.text, out.value, out.unit, out.attrs = [], [], [], [], []
    out.start = out.end = out.source_start = out.source_end = _NO_POSITIONS
    return out


_NO_ENTITIES = _no_entities()

#: from this many entities on, Entities.check compares code points in arrays, not one slice at a time
_CHECK_BY_ARRAYS = 32


def _reads_alike(text: str | np.ndarray, starts: np.ndarray, ends: np.ndarray, texts: list[str]) -> bool:
    """Whether ``text[starts[i]:ends[i]] == texts[i]`` for every ``i`` (spans already inside ``text``,
    which may be given as its code points)."""
    lengths = ends - starts
    if not np.array_equal(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)), lengths):
        return False
    total = int(lengths.sum())
    offsets = np.cumsum(lengths) - lengths
    where = np.repeat(starts - offsets, lengths) + np.arange(total, dtype=np.int64)
    cps = code_points(text) if isinstance(text, str) else text
    return bool(np.array_equal(cps[where], code_points("".join(texts))))


def _pick(values: list[Any], indices: list[int]) -> list[Any]:
    """``[values[i] for i in indices]``, in one C-level call."""
    if len(indices) < 2:
        return [values[i] for i in indices]
    return list(operator.itemgetter(*indices)(values))


def _positions(values: Any, n: int) -> np.ndarray:
    """An int64 column of ``n`` positions; ``None`` gives ``-1`` (not placed yet)."""
    return np.full(n, -1, dtype=np.int64) if values is None else np.asarray(values, dtype=np.int64).reshape(-1)


def _fills_by_slots(cls: type, fields: tuple[str, ...]) -> bool:
    """Whether objects of the frozen dataclass ``cls`` can be made by filling their slots a field at a time,
    in ``fields`` order (a C-level loop per field, half the time of ``__init__``, which sets each field
    through ``object.__setattr__``): it has those slots, those fields and no ``__post_init__``. Should a
    class change, its bulk makers call the constructor instead."""
    return (
        tuple(f.name for f in dataclasses.fields(cls)) == fields
        and not hasattr(cls, "__post_init__")
        and all(isinstance(cls.__dict__.get(name), types.MemberDescriptorType) for name in fields)
    )


#: Entities.to_list fills Entity's slots a column at a time
_BY_SLOTS = _fills_by_slots(Entity, _COLUMNS)


#: spells the tokens of a text from ``[starts, ends]`` (emptying the list), one string per distinct word
Speller = Callable[[str, list[np.ndarray]], list[str]]


@dataclass(frozen=True, slots=True)
class Tokens:
    """Token spans as two int32 arrays; strings are made only on request.

    A segmenter may hand over ``spell``, a faster way to make its tokens'
    strings (the ``jieba`` engine's is compiled); without one they are sliced
    here. Either way equal words share one string object.

    A segmenter that tags parts of speech (the ``jieba`` engine with
    ``pos=True``) also fills ``tag_codes``, an int16 array with one code per
    token, and ``tag_names``, the name of each code (shared by all the tokens a
    segmenter makes): :meth:`tags` gives the names per token. Untagged tokens
    have ``tag_codes=None``.
    """

    starts: np.ndarray
    ends: np.ndarray
    spell: Speller | None = field(default=None, compare=False, repr=False)
    tag_codes: np.ndarray | None = field(default=None, repr=False)
    tag_names: tuple[str, ...] = field(default=(), repr=False)

    def tags(self) -> list[str]:
        """The tag of each token (one string object per tag name); ``[]`` when the tokens are not tagged."""
        if self.tag_codes is None:
            return []
        return _name_array(self.tag_names).take(self.tag_codes).tolist() if len(self.tag_codes) else []

    @property
    def tagged(self) -> bool:
        return self.tag_codes is not None

    def with_tags(self, codes: Any, names: Sequence[str]) -> Tokens:
        """These spans with tag ``names[codes[i]]`` on token ``i``."""
        c = np.ascontiguousarray(codes, dtype=np.int16)
        if c.shape != self.starts.shape:
            raise InputError(f"one tag code per token is needed: {c.shape[0]} codes for {len(self)} tokens")
        if len(c) and (int(c.min()) < 0 or int(c.max()) >= len(names)):
            raise InputError(f"tag codes must index the {len(names)} tag names")
        return Tokens(self.starts, self.ends, self.spell, c, tuple(names))

    @classmethod
    def from_arrays(cls, starts: Any, ends: Any) -> Tokens:
        s = np.ascontiguousarray(starts, dtype=np.int32)
        e = np.ascontiguousarray(ends, dtype=np.int32)
        if s.shape != e.shape or s.ndim != 1:
            raise InputError(f"token starts and ends must be 1-d arrays of one length, got {s.shape} and {e.shape}")
        return cls(s, e)

    @classmethod
    def split(
        cls,
        starts: np.ndarray,
        ends: np.ndarray,
        cuts: Sequence[int],
        spell: Speller | None = None,
        tag_codes: np.ndarray | None = None,
        tag_names: tuple[str, ...] = (),
    ) -> list[Tokens]:
        """``Tokens(starts[a:b], ends[a:b], spell, tag_codes[a:b], tag_names)`` for each pair ``a, b`` of ``cuts``
        that follow each other: the rows of many texts' tokens held in one set of arrays, each text's a view."""
        pairs = list(pairwise(cuts))
        columns = [
            [starts[a:b] for a, b in pairs],
            [ends[a:b] for a, b in pairs],
            repeat(spell),
            repeat(None) if tag_codes is None else [tag_codes[a:b] for a, b in pairs],
            repeat(tag_names),
        ]
        if cls is not Tokens or not _TOKENS_BY_SLOTS:
            return list(map(cls, *columns))
        made = list(map(object.__new__, repeat(Tokens, len(pairs))))
        for name, column in zip(_TOKEN_FIELDS, columns):  # one C-level loop per field, as Entities.to_list
            deque(map(Tokens.__dict__[name].__set__, made, column), maxlen=0)
        return made

    @classmethod
    def from_words(cls, words: Iterable[str]) -> Tokens:
        """Spans of consecutive words that concatenate to the text."""
        lengths = np.fromiter((len(w) for w in words), dtype=np.int64)
        ends = np.cumsum(lengths)
        return cls.from_arrays(ends - lengths, ends)

    def __len__(self) -> int:
        return int(self.starts.shape[0])

    def strings(self, text: str) -> list[str]:
        """The token strings of ``text``; equal words share one string object."""
        n = len(text)
        if len(self) and (
            int(self.starts.min()) < 0 or int(self.ends.max()) > n or bool((self.starts > self.ends).any())
        ):
            raise InputError(f"token spans fall outside the text (length {n})")
        if self.spell is not None:
            return self.spell(text, [self.starts, self.ends])
        words: dict[str, str] = {}
        slices = map(slice, self.starts.tolist(), self.ends.tolist())
        return [words.setdefault(w, w) for w in map(text.__getitem__, slices)]


#: Tokens' fields in the order of its constructor; :meth:`Tokens.split` fills their slots a field at a time
_TOKEN_FIELDS = ("starts", "ends", "spell", "tag_codes", "tag_names")
_TOKENS_BY_SLOTS = _fills_by_slots(Tokens, _TOKEN_FIELDS)


def _entity_as_is(
    kind: str,
    start: int,
    end: int,
    text: str,
    value: Any,
    unit: str | None,
    attrs: Mapping[str, Any],
    source_start: int,
    source_end: int,
) -> dict[str, Any]:
    """An entity (its columns' values, in ``_COLUMNS`` order) as the CLI's schema writes it, its value
    and attrs as they are (for an encoder that refuses what is not JSON; :func:`_entity_dict` makes them safe)."""
    return {
        "kind": kind,
        "start": start,
        "end": end,
        "text": text,
        "value": value,
        "unit": unit,
        "attrs": attrs,
        "source_start": source_start,
        "source_end": source_end,
    }


def _entity_dict(*row: Any) -> dict[str, Any]:
    """An entity (its columns' values, in ``_COLUMNS`` order) as a JSON-safe dict (the CLI's schema)."""
    out = _entity_as_is(*row)
    out["value"] = _json_safe(out["value"])
    out["attrs"] = _json_safe(dict(out["attrs"]))
    return out


#: one encoder for every value written as JSON text (``json.dumps`` with options builds one per call)
encode_json = json.JSONEncoder(ensure_ascii=False, allow_nan=False, check_circular=False).encode


def json_text(value: Any) -> str:
    """``value`` as JSON text, made safe as :func:`_json_safe` makes it.

    Values JSON holds as they are (most of them) go straight to the encoder;
    the others (NaN, Decimal, NumPy scalars, keys of other types) are made safe first.
    """
    kind = type(value)
    if kind is float and math.isfinite(value):
        return float.__repr__(value)
    if kind is int:
        return int.__repr__(value)
    if kind is dict and not value:
        return "{}"
    try:
        return encode_json(value)
    except (TypeError, ValueError):
        return encode_json(_json_safe(value))


def _json_key(key: Any) -> str:
    """A mapping's key as JSON writes it."""
    if isinstance(key, str):
        return key
    if key is None or isinstance(key, (bool, int, float)):
        return encode_json(key) if not isinstance(key, float) or math.isfinite(key) else str(key)
    return str(key)


def _json_safe(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, Mapping):
        return {_json_key(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if isinstance(value, np.generic):
        return _json_safe(value.item())
    return str(value)


#: marks the word bounds in :func:`_words_json` (a noncharacter: texts hardly hold it, and JSON keeps it as it is)
_BOUND = "\ufdd0"


def _tiles(text: str, tokens: Tokens) -> bool:
    """Whether ``tokens`` tile ``text``: the first starts at 0, each starts where the one before ends, the last
    ends with the text."""
    starts, ends = tokens.starts, tokens.ends
    if not len(starts):
        return not text
    return bool(starts[0] == 0 and ends[-1] == len(text) and np.array_equal(ends[:-1], starts[1:]))


def _words_json(text: str, cps: np.ndarray, tokens: Tokens) -> str | None:
    """``encode_json(words)`` for tokens that tile ``text`` (None for a text holding :data:`_BOUND`):
    the text (``cps``, its code points) with a bound before each word but the first, encoded once,
    each bound then written as ``", "``."""
    starts = tokens.starts
    n = len(starts)
    if not n:
        return "[]"
    if _BOUND in text:
        return None
    out = np.full(len(cps) + n - 1, ord(_BOUND), dtype=np.uint32)
    keep = np.ones(len(out), dtype=bool)
    keep[starts[1:] + np.arange(n - 1)] = False  # bound k stands before word k + 1, k places further on
    out[keep] = cps
    joined = from_code_points(out)
    return "[" + encode_json(joined).replace(_BOUND, '", "') + "]"


def _spans_json(tokens: Tokens, tiled: bool) -> str:
    """``encode_json([[s, e], ...])`` of the token spans; ``tiled``: each token starts where the one before ends,
    the first at 0.

    Tiled spans are ``[[0, a], [a, b], [b, c]]``: each bound but the last written twice, as ``a], [a``, a
    string made once per position (:func:`_bounds_json`), so the record joins strings it has. Other
    spans, and positions past the table, take one %-format of all the positions.
    """
    n = len(tokens.starts)
    if not n:
        return "[]"
    if tiled:
        ends = tokens.ends.tolist()
        table = _bounds_json()
        if ends[-1] < len(table):
            return "[[0, " + ", ".join(map(table.__getitem__, ends[:-1])) + (", " if n > 1 else "") + f"{ends[-1]}]]"
    flat = np.empty(2 * n, dtype=np.int64)
    flat[0::2], flat[1::2] = tokens.starts, tokens.ends
    return ("[" + ", ".join(["[%d, %d]"] * n) + "]") % tuple(flat.tolist())


#: tiled token spans are written with a string made in advance for each position below this
_BOUNDS = 1 << 16


@functools.cache
def _bounds_json() -> list[str]:
    """``f"{p}], [{p}"`` for every position ``p`` below :data:`_BOUNDS`: a bound between two tiled tokens."""
    return [f"{p}], [{p}" for p in range(_BOUNDS)]


@functools.lru_cache(maxsize=32)
def _name_array(names: tuple[str, ...]) -> np.ndarray:
    """``names`` as an object array to index with codes (one per tag set, kept)."""
    out = np.empty(len(names), dtype=object)
    out[:] = names
    out.flags.writeable = False
    return out


def edits_alignment(n_old: int, starts: np.ndarray, ends: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The alignment, into the old text, of the text that sorted, non-overlapping edits make.

    Edit ``i`` replaces ``old[starts[i]:ends[i]]`` with ``lengths[i]`` characters.
    Untouched positions map to themselves; position ``j`` of a replacement of
    ``k`` characters for a span of ``s`` maps to ``start + j * s // k``; the
    boundary behind a deletion ends where the deletion (the first of adjacent
    ones) began. Linear in the length of the text, with no Python loop; the
    definition that the engines' one-pass kernel :func:`hanpipe._align.edit_alignment`
    is tested against.
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
    entities: Entities = field(default_factory=Entities.empty)
    #: what engines derive from this document's text, computed once (see :meth:`view`)
    _views: dict[Callable[[Document], Any], Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.entities, Entities):
            object.__setattr__(self, "entities", Entities.of(self.entities))

    def __getstate__(self) -> tuple[Any, ...]:
        # views are caches: a document sent to another process leaves them behind
        return (self.source, self.text, self.alignment, self.meta, self.tokens, self.entities)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        for name, value in zip(_DOCUMENT_FIELDS, state):
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_views", {})

    def evolve(self, **changes: Any) -> Document:
        """This document with some fields changed (as ``dataclasses.replace``, at a fraction of its cost).

        ``entities`` must be :class:`Entities`; the new document starts with no views.
        """
        out = object.__new__(Document)
        fields = out.__dict__
        fields.update(self.__dict__)
        fields.update(changes)
        fields["_views"] = {}
        return out

    def view(self, make: Callable[[Document], T]) -> T:
        """``make(self)``, computed once for this document and kept with it.

        This is how engines share what they derive from the same text (its
        code points, the number scan of the numeric extractors): each asks
        the document for ``view(make)``, and the first to ask computes it. A
        new Document (a stage that changed the text) starts with no views.
        """
        views = self._views
        if make not in views:
            views[make] = make(self)
        return views[make]

    @property
    def code_points(self) -> np.ndarray:
        """``text`` as a read-only uint32 array of code points (lone surrogates included)."""
        return self.view(_code_points)

    @classmethod
    def from_text(cls, text: str, **meta: Any) -> Document:
        if not isinstance(text, str):
            raise InputError(f"expected str, got {type(text).__name__}")
        if cls is not Document:
            return cls(source=text, text=text, meta=dict(meta))
        doc = object.__new__(Document)  # what the generated __init__ does, without its calls per field
        doc.__dict__.update(
            source=text, text=text, alignment=None, meta=meta, tokens=None, entities=Entities.empty(), _views={}
        )
        return doc

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
        src_starts, src_ends = self._source_arrays(np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64))
        return src_starts.tolist(), src_ends.tolist()

    def _source_arrays(self, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`source_spans` as int arrays."""
        if self.alignment is None:
            return starts, ends
        src_starts = self.alignment[RIGHT][starts]
        return src_starts, np.maximum(self.alignment[LEFT][ends], src_starts)

    def rewrite(
        self,
        text: str,
        alignment: np.ndarray | None,
        *,
        step: str,
        count: int,
        code_points: np.ndarray | None = None,
        meta: Mapping[str, Any] | None = None,
    ) -> Document:
        """A new Document whose text is ``text``.

        ``alignment`` maps ``text`` into the current text (shape
        ``(2, len(text) + 1)``), or is ``None`` when both have one length
        and correspond position for position. ``code_points`` are ``text``'s,
        when the caller made them together (kept as the new document's
        :attr:`code_points`). ``meta``: entries to add to the new document's
        meta, as ``with_meta`` adds them.
        """
        if count == 0 and text == self.text:
            return self.with_meta(**meta) if meta else self
        if alignment is None:
            if len(text) != len(self.text):
                raise InputError(f"step {step!r} changed the length of the text but gave no alignment")
            composed = self.alignment
        else:
            if alignment.shape != (2, len(text) + 1):
                raise InputError(
                    f"step {step!r} gave an alignment of shape {alignment.shape}, expected (2, {len(text) + 1})"
                )
            if self.alignment is None:
                composed = np.ascontiguousarray(alignment, dtype=np.int32)
            else:
                if alignment.size and (int(alignment.min()) < 0 or int(alignment.max()) > len(self.text)):
                    raise InputError(f"step {step!r} gave an alignment that points outside the text it changed")
                composed = np.empty(alignment.shape, dtype=np.int32)  # checked above: no bounds check per index
                np.take(self.alignment[LEFT], alignment[LEFT], out=composed[LEFT], mode="clip")
                np.take(self.alignment[RIGHT], alignment[RIGHT], out=composed[RIGHT], mode="clip")
        entries = dict(self.meta)
        entries["repairs"] = [*entries.get("repairs", ()), {"step": step, "edits": int(count)}]
        if meta:
            entries.update(meta)
        doc = self.evolve(text=text, alignment=composed, meta=entries, tokens=None, entities=Entities.empty())
        if code_points is not None:
            if code_points.shape != (len(text),):
                raise InputError(f"step {step!r} gave {code_points.shape[0]} code points for a text of {len(text)}")
            code_points.flags.writeable = False
            doc._views[_code_points] = code_points
        return doc

    def apply_edits(
        self,
        edits: Iterable[Edit],
        *,
        step: str,
        aligned: Callable[[int, np.ndarray, np.ndarray, np.ndarray], np.ndarray] = edits_alignment,
    ) -> Document:
        """Apply sorted, non-overlapping edits in one pass and compose the alignment.

        ``aligned(n, starts, ends, lengths)`` makes the alignment of edits that change
        lengths: :func:`edits_alignment` by default; engines that edit big texts pass
        the one-pass kernel :func:`hanpipe._align.alignment_of_edits`, which makes the same array.
        """
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
        inner = None if (lengths == ends - starts).all() else aligned(n, starts, ends, lengths)
        return self.rewrite(new_text, inner, step=step, count=count)

    # -- results ---------------------------------------------------------

    def with_meta(self, **entries: Any) -> Document:
        return self.evolve(meta={**self.meta, **entries})

    def with_damaged(self, source_spans: Iterable[tuple[int, int]]) -> Document:
        """This document with ``source_spans`` (positions in ``source``) added to ``meta["damaged"]``, merged."""
        spans = list(source_spans)
        if not spans:
            return self
        return self.with_meta(damaged=merge_spans([*self.meta.get("damaged", ()), *spans]))

    def with_tokens(self, tokens: Tokens) -> Document:
        n = len(self.text)
        if len(tokens) and (int(tokens.starts.min()) < 0 or int(tokens.ends.max()) > n):
            raise InputError(f"token spans fall outside the text (length {n})")
        return self.evolve(tokens=tokens)

    def with_entities(self, entities: Iterable[Entity], *, check: bool = True) -> Document:
        """Attach entities in text order, checking their text and filling in source spans.

        ``check=False`` skips the check for entities already checked with
        :meth:`Entities.check` against this text.
        """
        ents = Entities.of(entities)
        if check:
            ents.check(self.text)
        starts, ends = ents.start, ents.end
        placed = ents.with_source(*self._source_arrays(starts, ends))
        kinds = sorted(set(placed.kind))
        codes = {k: i for i, k in enumerate(kinds)}
        kind_code = np.fromiter(map(codes.__getitem__, placed.kind), dtype=np.int64, count=len(placed))
        order = np.lexsort((kind_code, placed.end, placed.start))
        if (order[1:] < order[:-1]).any():
            placed = placed.take(order)
        return self.evolve(entities=placed)

    @property
    def words(self) -> list[str]:
        """Token strings (made on each call)."""
        return [] if self.tokens is None else self.tokens.strings(self.text)

    @property
    def tags(self) -> list[str]:
        """The part-of-speech tag of each token (made on each call); ``[]`` when the tokens carry none."""
        return [] if self.tokens is None else self.tokens.tags()

    @property
    def sentences(self) -> list[tuple[int, int]]:
        """``(start, end)`` of each sentence in ``text`` (Chinese and ASCII terminators, quotes and brackets
        kept with their sentence, a line break ends one; see :mod:`hanpipe._sentences`), made once per
        document; ``source_span`` maps one to the page."""
        return list(self.view(_sentences))

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
            out["token_spans"] = np.column_stack((self.tokens.starts, self.tokens.ends)).tolist()
            if self.tokens.tag_codes is not None:
                out["tags"] = self.tokens.tags()
        out["entities"] = self.entities.to_dicts()
        return out

    def to_json(self, head: Mapping[str, Any] | None = None, *, include_source: bool = False) -> str:
        """``encode_json({**head, **self.to_dict(include_source=...)})``: the record as JSON text.

        The words and token spans, most of a record, are written as JSON from
        the arrays without a list of them (the lists cost more to make than the
        document did to process), and values go to the encoder as they are;
        a record holding what JSON cannot hold as it is (NaN, a Decimal) is
        made safe first, as ``to_dict`` makes it. Like the encoder, it keeps a
        lone surrogate, which writing the text as UTF-8 refuses.
        """
        front: dict[str, Any] = dict(head or {})
        try:
            return self._json(front, include_source)
        except (TypeError, ValueError):
            front.update(self.to_dict(include_source=include_source))
            return encode_json(front)

    def _json(self, front: dict[str, Any], include_source: bool) -> str:
        if include_source:
            front["source"] = self.source
        front["text"] = self.text
        front["meta"] = self.meta
        parts = [encode_json(front)[:-1]]
        tokens = self.tokens
        if tokens is not None:
            tiled = _tiles(self.text, tokens)
            words = _words_json(self.text, self.code_points, tokens) if tiled else None
            parts += [', "tokens": ', encode_json(self.words) if words is None else words]
            parts += [', "token_spans": ', _spans_json(tokens, tiled)]
            if tokens.tag_codes is not None:
                parts += [', "tags": ', encode_json(tokens.tags())]
        ents = self.entities
        columns = [c.tolist() if isinstance(c, np.ndarray) else c for c in ents._columns()]
        parts += [', "entities": ', encode_json(list(map(_entity_as_is, *columns))), "}"]
        return "".join(parts)


@dataclass(frozen=True, slots=True)
class ErrorRecord:
    """What ``pipe()`` yields for an input that failed.

    ``error`` is the exception's class name (``PluginError``, ``InputError``,
    ``WorkerDied``…); for a failing engine, ``stage``, ``engine`` and
    ``distribution`` name it.
    """

    index: int
    error: str
    message: str
    stage: str | None = None
    engine: str | None = None
    distribution: str | None = None

    @classmethod
    def of(cls, index: int, exc: BaseException) -> ErrorRecord:
        if isinstance(exc, PluginError):
            return cls(index, "PluginError", str(exc), exc.stage, exc.engine, exc.distribution)
        message = str(exc) if isinstance(exc, HanpipeError) else f"{type(exc).__name__}: {exc}"
        return cls(index, type(exc).__name__, message)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"index": self.index, "error": self.error, "message": self.message}
        for key in ("stage", "engine", "distribution"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        return out


_DOCUMENT_FIELDS = ("source", "text", "alignment", "meta", "tokens", "entities")


def _sentences(doc: Document) -> list[tuple[int, int]]:
    return sentence_spans(doc.text)


def _code_points(doc: Document) -> np.ndarray:
    return code_points(doc.text)


def has_code_points(doc: Document) -> bool:
    """Whether ``doc.code_points`` is made already (asking for it costs nothing)."""
    return _code_points in doc._views


def text_with_code_points(text: str, cps: np.ndarray) -> Document:
    """``Document.from_text(text)`` whose code points are known: ``cps``, which must be ``text``'s."""
    doc = Document.from_text(text)
    cps.flags.writeable = False
    doc._views[_code_points] = cps
    return doc
