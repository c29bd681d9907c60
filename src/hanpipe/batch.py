"""Batch: many short documents handled as one text, so each kernel runs once per batch.

A corpus of short documents pays a fixed cost per document and per engine
call. A :class:`Batch` holds the documents of one batch and, on request, their
texts joined into one string with :data:`SEPARATOR` between them
(:attr:`Batch.text`, :attr:`Batch.joined`). An engine's batch form works on
that joined text once and hands back results over it; the pipeline splits them
at the document bounds (:attr:`Batch.starts`).

:data:`SEPARATOR` is U+FDD0, a Unicode noncharacter (reserved for a program's
internal use, never assigned): it is not a letter, digit, space, punctuation
or the key of any dictionary, so a built-in engine treats it as the end of
one text and the start of the next, and nothing it finds crosses it. A
document whose own text holds U+FDD0 is not joined (:attr:`Batch.joinable`);
the pipeline runs it alone, so the batch path never changes a result.

Positions in the joined text: document ``i`` is ``text[starts[i]:starts[i + 1] - 1]``;
``starts`` has ``len(batch) + 1`` entries and its last is ``len(text) + 1``.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import operator
from collections.abc import Generator, Iterator, Sequence
from typing import Any, overload

import numpy as np

from .document import Document, Entities, Tokens, has_code_points, json_text, text_with_code_points

__all__ = [
    "SEPARATOR",
    "Batch",
    "BatchResult",
    "ExtractJoined",
    "SegmentJoined",
    "join_entities",
    "owners",
    "split_entities",
    "split_tokens",
]

#: what joins the documents' texts in :attr:`Batch.text`
SEPARATOR = "\ufdd0"
#: :meth:`Batch.after` splices the changed documents into the joined text (and its code points) when
#: they are fewer than one per this many characters of it; more are joined anew, which costs less than
#: the pieces (measured on the seeds' documents of 50 B and 1 KB)
SPLICE_CHARS = 1000


class Batch(Sequence[Document]):
    """The documents of one batch, and their texts joined (made on first use)."""

    __slots__ = ("_joinable", "_joined", "_starts", "_text", "docs")

    def __init__(self, docs: Sequence[Document]) -> None:
        self.docs: tuple[Document, ...] = tuple(docs)
        self._joinable: bool | None = None
        self._text: str | None = None
        self._starts: np.ndarray | None = None
        self._joined: Document | None = None

    def __len__(self) -> int:
        return len(self.docs)

    @overload
    def __getitem__(self, index: int) -> Document: ...

    @overload
    def __getitem__(self, index: slice) -> Batch: ...

    def __getitem__(self, index: int | slice) -> Document | Batch:
        if isinstance(index, slice):
            return Batch(self.docs[index])
        return self.docs[index]

    def __iter__(self) -> Iterator[Document]:
        return iter(self.docs)

    def __repr__(self) -> str:
        return f"Batch({len(self)} documents, {sum(len(d.text) for d in self.docs)} characters)"

    def after(self, docs: Sequence[Document]) -> Batch:
        """The batch of ``docs``: this batch's documents as an engine gave them back, one for one.

        What the new batch would derive again is taken from this one where
        the texts are the same: the joined text (and its code points, if made)
        is this batch's with only the changed documents' texts put in, so a
        stage that edits a few documents does not join the whole batch again.
        """
        if len(docs) != len(self.docs) or self._text is None:
            return Batch(docs)
        old = self.docs
        touched = list(itertools.compress(range(len(docs)), map(operator.is_not, old, docs)))
        if not touched:
            return self
        changed = [i for i in touched if old[i].text != docs[i].text]
        out = Batch(docs)
        if not changed:
            out._text, out._starts, out._joinable = self._text, self._starts, self._joinable
            if self._joined is not None and all(old[i].tokens is docs[i].tokens for i in touched):
                out._joined = self._joined
            return out
        if len(changed) * SPLICE_CHARS > len(self._text):
            return out  # many changed documents: joined anew costs less than the pieces
        bounds = self.starts.tolist()
        # this batch's text between the changed documents, and theirs
        keep = [(0 if k == 0 else bounds[changed[k - 1] + 1] - 1, bounds[i]) for k, i in enumerate(changed)]
        keep.append((bounds[changed[-1] + 1] - 1, len(self._text)))
        text = self._text
        new = [docs[i].text for i in changed]
        out._text = "".join(_between([text[a:b] for a, b in keep], new))
        if self._joinable:  # else a changed document may have lost its separator: counted again when asked
            out._joinable = not any(SEPARATOR in t for t in new)
        # a touched document without tokens: the new joined text has none either (see joined)
        if self._joined is not None and has_code_points(self._joined) and all(docs[i].tokens is None for i in touched):
            cps = self._joined.code_points
            parts = _between([cps[a:b] for a, b in keep], [docs[i].code_points for i in changed])
            out._joined = text_with_code_points(out._text, np.concatenate(parts))
        return out

    @property
    def joinable(self) -> bool:
        """True unless a document's text holds :data:`SEPARATOR` (such a batch is run a document at a time)."""
        if self._joinable is None:  # asked by every engine of a stage: counted once
            self._joinable = self.text.count(SEPARATOR) == max(len(self.docs) - 1, 0)
        return self._joinable

    @property
    def text(self) -> str:
        """The documents' texts joined by :data:`SEPARATOR`."""
        if self._text is None:
            self._text = SEPARATOR.join([d.text for d in self.docs])
        return self._text

    @property
    def starts(self) -> np.ndarray:
        """Where each document starts in :attr:`text`, then ``len(text) + 1`` (int64, ``len(self) + 1`` entries)."""
        if self._starts is None:
            lengths = np.fromiter(map(len, [d.text for d in self.docs]), dtype=np.int64, count=len(self.docs))
            starts = np.zeros(len(self.docs) + 1, dtype=np.int64)
            np.cumsum(lengths + 1, out=starts[1:])
            self._starts = starts
        return self._starts

    @property
    def joined(self) -> Document:
        """:attr:`text` as one Document, with the documents' tokens joined when every document has them.

        Engines that derive something from a text (``doc.view``) share it
        through this one Document, as they do through a single document.
        """
        if self._joined is None:
            joined = Document.from_text(self.text)
            if self.docs and all(d.tokens is not None for d in self.docs):
                joined = joined.with_tokens(self._joined_tokens())
            self._joined = joined
        return self._joined

    def _joined_tokens(self) -> Tokens:
        shift = self.starts[:-1]
        parts = [(d.tokens, s) for d, s in zip(self.docs, shift.tolist()) if d.tokens is not None and len(d.tokens)]
        if not parts:
            return Tokens.from_arrays(np.zeros(0, np.int32), np.zeros(0, np.int32))
        shifts = np.repeat(np.array([s for _, s in parts], dtype=np.int64), [len(t) for t, _ in parts])
        joined = Tokens.from_arrays(
            np.concatenate([t.starts for t, _ in parts]) + shifts, np.concatenate([t.ends for t, _ in parts]) + shifts
        )
        if all(t.tag_codes is not None for t, _ in parts):
            names, codes = _merged_tags([t for t, _ in parts])
            return joined.with_tags(codes, names)
        return joined


def _between(kept: list[Any], put: list[Any]) -> list[Any]:
    """``kept[0], put[0], kept[1], put[1], ..., kept[-1]`` (``kept`` has one more item than ``put``)."""
    out = [kept[0]]
    for a, b in zip(put, kept[1:]):
        out += (a, b)
    return out


def owners(batch: Batch, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The document each span ``[starts, ends)`` of :attr:`Batch.text` lies in; -1 for one that is in none."""
    owner, inside, _ = _owners(batch, starts, ends)
    return np.where(inside, owner, -1)


def _owners(batch: Batch, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each span: the document its start is in (or -1, or ``len(batch)``), whether the span lies in that
    document, and whether it is the separator right after it."""
    bounds = batch.starts
    n = len(bounds) - 1
    owner = np.searchsorted(bounds, starts, side="right") - 1
    # where each document ends; before the first and past the last, no document
    end = np.concatenate(([-1], bounds[1:] - 1, [-1]))[owner + 1]
    known = (owner >= 0) & (owner < n)
    inside = known & (starts >= 0) & (ends <= end)
    return owner, inside, (owner >= 0) & (owner < n - 1) & (starts == end) & (ends == end + 1)


def split_tokens(batch: Batch, tokens: Tokens) -> list[Tokens]:
    """Tokens over :attr:`Batch.text`, in text order, as each document's own; a token that is a separator is dropped.

    Raises ``ValueError`` for a token that crosses a document bound, or tokens out of order.
    """
    s, e = tokens.starts, tokens.ends
    n = len(batch)
    bounds = batch.starts
    if n == 0 or len(s) < 2 or not bool((s[1:] >= s[:-1]).all()):
        return _split_tokens_in_any_order(batch, tokens)
    # starts in text order, as segmenters give them: the bounds cut the rows, a search per document
    cut = np.searchsorted(s, bounds, side="left")
    if cut[0] != 0 or cut[-1] != len(s):
        return _split_tokens_in_any_order(batch, tokens)  # a start before the text or past its end
    counts = np.diff(cut)
    end = np.repeat((bounds[1:] - 1).astype(np.int32), counts)  # where each token's document ends
    over = e > end
    codes = tokens.tag_codes
    if over.any():  # the separator after a document, and nothing else, may pass its end
        separator = over & (s == end) & (e == end + 1)
        separator[cut[-2] :] = False  # the last document has none after it
        if (over & ~separator).any():
            return _split_tokens_in_any_order(batch, tokens)
        keep = ~separator
        s, e = s[keep], e[keep]
        if codes is not None:
            codes = codes[keep]
        cut = np.searchsorted(s, bounds, side="left")
        counts = np.diff(cut)
    shift = np.repeat(bounds[:-1].astype(np.int32), counts)
    return _cut_tokens(tokens, (s - shift).astype(np.int32), (e - shift).astype(np.int32), codes, cut.tolist())


def _split_tokens_in_any_order(batch: Batch, tokens: Tokens) -> list[Tokens]:
    """:func:`split_tokens` for tokens in any order, and the errors it raises."""
    bounds = batch.starts
    s = tokens.starts.astype(np.int64)
    e = tokens.ends.astype(np.int64)
    owner, inside, separators = _owners(batch, s, e)
    codes = tokens.tag_codes
    if not inside.all():
        if (~inside & ~separators).any():
            i = int(np.flatnonzero(~inside & ~separators)[0])
            raise ValueError(f"returned a token [{int(s[i])}:{int(e[i])}] that crosses a document bound")
        s, e, owner = s[inside], e[inside], owner[inside]
        if codes is not None:
            codes = codes[inside]
    if len(owner) > 1 and bool((owner[1:] < owner[:-1]).any()):
        raise ValueError("returned tokens out of text order")
    shift = bounds[owner]
    s32 = (s - shift).astype(np.int32)
    e32 = (e - shift).astype(np.int32)
    cuts = np.searchsorted(owner, np.arange(len(batch) + 1), side="left").tolist()
    return _cut_tokens(tokens, s32, e32, codes, cuts)


def _cut_tokens(tokens: Tokens, s32: np.ndarray, e32: np.ndarray, codes: Any, cuts: list[int]) -> list[Tokens]:
    """Each document's Tokens: rows ``cuts[i]:cuts[i + 1]`` of the spans (and tag codes) in document positions."""
    return Tokens.split(s32, e32, cuts, tokens.spell, codes, tokens.tag_names if codes is not None else ())


def _merged_tags(tokens: Sequence[Tokens]) -> tuple[tuple[str, ...], np.ndarray]:
    """The tag codes of all ``tokens`` (each tagged) in one array, over one table of names."""
    tables = {t.tag_names for t in tokens}
    if len(tables) == 1:
        return tables.pop(), np.concatenate([t.tag_codes for t in tokens if t.tag_codes is not None])
    merged: dict[str, int] = {}
    parts = []
    for t in tokens:
        lookup = np.array([merged.setdefault(name, len(merged)) for name in t.tag_names], dtype=np.int16)
        parts.append(lookup[t.tag_codes] if len(lookup) else np.zeros(0, np.int16))
    return tuple(merged), np.concatenate(parts)


def join_entities(batch: Batch, parts: Sequence[Entities]) -> Entities:
    """Each document's entities (one Entities per document) as entities over :attr:`Batch.text`."""
    counts = np.fromiter((len(p) for p in parts), dtype=np.int64, count=len(parts))
    joined = Entities.concat(parts)
    shift = np.repeat(batch.starts[: len(parts)], counts)
    return joined.with_spans(joined.start + shift, joined.end + shift)


def split_entities(batch: Batch, ents: Entities, *, sources: bool = False) -> list[Entities]:
    """Entities over :attr:`Batch.text` as each document's own, keeping their order within each document.

    ``sources``: also place each entity in its document's source (``source_start``, ``source_end``),
    through the document's alignment, as ``doc.source_spans`` does. Raises ``ValueError`` for an entity
    that is not inside one document.
    """
    owner = owners(batch, ents.start, ents.end)
    if (owner < 0).any():
        i = int(np.flatnonzero(owner < 0)[0])
        raise ValueError(f"returned an entity {ents.kind[i]!r} {ents.text[i]!r} that crosses a document bound")
    if len(owner) > 1 and bool((owner[1:] < owner[:-1]).any()):
        order = np.argsort(owner, kind="stable")
        ents, owner = ents.take(order), owner[order]
    shift = batch.starts[owner]
    ents = ents.with_spans(ents.start - shift, ents.end - shift)
    cuts = np.searchsorted(owner, np.arange(len(batch) + 1), side="left").tolist()
    if sources:  # one pair of columns for the batch: a document with an alignment writes its rows of them
        src_start, src_end = ents.start.copy(), ents.end.copy()
        for i in np.unique(owner).tolist():
            doc = batch.docs[i]
            if doc.alignment is not None:
                a, b = cuts[i], cuts[i + 1]
                src_start[a:b], src_end[a:b] = doc._source_arrays(ents.start[a:b], ents.end[a:b])
        ents = ents.with_source(src_start, src_end)
    return [ents.rows(a, b) for a, b in itertools.pairwise(cuts)]


class ExtractJoined:
    """The batch form of an extractor that finds nothing across :data:`SEPARATOR`: one ``extract`` over the batch.

    An extractor whose patterns and scans stop at a character that is not a
    letter, digit, space or punctuation inherits this; ``hanpipe.testing``
    checks that its batch results equal its per-document ones.
    """

    def extract_batch(self, batch: Batch) -> Any:
        return self.extract(batch.joined)  # type: ignore[attr-defined]


class SegmentJoined:
    """The batch form of a segmenter that never joins :data:`SEPARATOR` to a word: one ``segment`` over the batch."""

    def segment_batch(self, batch: Batch) -> Tokens:
        return self.segment(batch.text)  # type: ignore[attr-defined]


class BatchResult:
    """A batch's results as columns: texts, sources, alignments and meta as lists, every
    document's tokens in two arrays, every entity in one set of columns, and the
    error records of the inputs that failed.

    ``Pipeline.process_columns(inputs)`` gives one; ``BatchResult(results)``
    makes one from a list of results. It is how worker processes send a batch
    back (pickling a list of Documents costs a call per document and per
    array). :meth:`documents` gives the results back, each Document's tokens
    and entities slices of the shared arrays; :meth:`to_arrow` makes an Apache
    Arrow table (``pip install hanpipe[arrow]``).
    """

    __slots__ = (
        "alignment", "entities", "entity_counts", "errors", "meta", "n", "source", "spell", "tag_names", "text",
        "token_counts", "token_ends", "token_starts", "token_tags",
    )  # fmt: skip

    def __init__(self, results: Sequence[Document | Any]) -> None:
        docs = [r for r in results if isinstance(r, Document)]
        self.n = len(results)
        self.errors = {i: r for i, r in enumerate(results) if not isinstance(r, Document)}
        # str; None where shed_inputs left what the receiver holds behind
        self.source: list[str | None] = [d.source for d in docs]
        self.text: list[str | None] = [d.text for d in docs]
        self.alignment = [d.alignment for d in docs]
        self.meta = [d.meta for d in docs]
        tokens = [d.tokens for d in docs]
        # -1: no tokens (not segmented); a count otherwise
        self.token_counts = np.fromiter((-1 if t is None else len(t) for t in tokens), dtype=np.int64, count=len(docs))
        have = [t for t in tokens if t is not None]
        self.token_starts = np.concatenate([t.starts for t in have]) if have else np.zeros(0, np.int32)
        self.token_ends = np.concatenate([t.ends for t in have]) if have else np.zeros(0, np.int32)
        # tags travel when every segmented document has them, codes renumbered into one table of names
        self.tag_names: tuple[str, ...] = ()
        self.token_tags: np.ndarray | None = None
        if have and all(t.tag_codes is not None for t in have):
            self.tag_names, self.token_tags = _merged_tags(have)
        spells = {id(t.spell): t.spell for t in have}
        self.spell: Any = next(iter(spells.values())) if len(spells) == 1 else [t.spell for t in have]
        self.entity_counts = np.fromiter((len(d.entities) for d in docs), dtype=np.int64, count=len(docs))
        self.entities = Entities.concat([d.entities for d in docs])

    def __len__(self) -> int:
        return self.n

    def __getstate__(self) -> dict[str, Any]:
        """The columns, the alignments packed into one array: pickling an array costs a call of its own, and
        a batch of short documents holds hundreds of them."""
        state = {name: getattr(self, name) for name in self.__slots__}
        kept = [a for a in self.alignment if a is not None]
        if kept:
            flat = np.concatenate([np.ascontiguousarray(a, dtype=np.int32).reshape(-1) for a in kept])
            widths = np.fromiter((-1 if a is None else a.shape[1] for a in self.alignment), dtype=np.int64)
            state["alignment"] = (flat, widths)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        packed = state["alignment"]
        if isinstance(packed, tuple):  # each alignment back as a view of the one array
            flat, widths = packed
            alignment: list[np.ndarray | None] = []
            at = 0
            for width in widths.tolist():
                if width < 0:
                    alignment.append(None)
                else:
                    alignment.append(flat[at : at + 2 * width].reshape(2, width))
                    at += 2 * width
            state = {**state, "alignment": alignment}
        for name, value in state.items():
            setattr(self, name, value)

    def shed_inputs(self, inputs: Sequence[Any]) -> BatchResult:
        """Make this result lighter to send to the process that holds ``inputs`` (one per result):
        a source that is its own str input, and a text equal to its source, become None.
        :meth:`restore_inputs` with the same inputs puts them back. Returns ``self``."""
        held = [inputs[i] for i in self._document_positions()]
        self.text = [None if t is s or t == s else t for t, s in zip(self.text, self.source)]
        self.source = [None if s is x else s for s, x in zip(self.source, held)]
        return self

    def restore_inputs(self, inputs: Sequence[Any]) -> BatchResult:
        """Undo :meth:`shed_inputs` with the same ``inputs``. Returns ``self``."""
        held = [inputs[i] for i in self._document_positions()]
        self.source = [x if s is None else s for s, x in zip(self.source, held)]
        self.text = [s if t is None else t for t, s in zip(self.text, self.source)]
        return self

    def _document_positions(self) -> list[int]:
        """The position among the results of each document (the results that are not error records)."""
        if not self.errors:
            return list(range(self.n))
        return [i for i in range(self.n) if i not in self.errors]

    def documents(self) -> list[Any]:
        """The results, in order: Documents and error records."""
        with collector_held():
            return self._documents()

    def _documents(self) -> list[Any]:
        t_cuts = np.concatenate([[0], np.cumsum(np.maximum(self.token_counts, 0))]).tolist()
        e_cuts = np.concatenate([[0], np.cumsum(self.entity_counts)]).tolist()
        out: list[Any] = []
        k = 0  # the document being unpacked
        tokens_of = self._tokens(t_cuts)
        for i in range(self.n):
            if i in self.errors:
                out.append(self.errors[i])
                continue
            tokens = tokens_of[k]
            doc = object.__new__(Document)
            doc.__dict__.update(
                source=self.source[k],
                text=self.text[k],
                alignment=self.alignment[k],
                meta=self.meta[k],
                tokens=tokens,
                entities=self.entities.rows(e_cuts[k], e_cuts[k + 1]),
                _views={},
            )
            out.append(doc)
            k += 1
        return out

    def _tokens(self, cuts: list[int]) -> Sequence[Tokens | None]:
        """Each document's Tokens (None where it was not segmented), views of the shared arrays."""
        counts = self.token_counts.tolist()
        if not isinstance(self.spell, list) and all(c >= 0 for c in counts):  # every document segmented alike
            return Tokens.split(self.token_starts, self.token_ends, cuts, self.spell, self.token_tags, self.tag_names)
        out: list[Tokens | None] = []
        t = 0  # the tokens' index among documents that have tokens
        for k, count in enumerate(counts):
            if count < 0:
                out.append(None)
                continue
            a, b = cuts[k], cuts[k + 1]
            spell = self.spell[t] if isinstance(self.spell, list) else self.spell
            tags = None if self.token_tags is None else self.token_tags[a:b]
            out.append(Tokens(self.token_starts[a:b], self.token_ends[a:b], spell, tags, self.tag_names))
            t += 1
        return out

    def to_arrow(self) -> Any:
        """The results as a ``pyarrow.Table``, one row per input, in order.

        Columns: ``text`` (null for a failed input), ``meta`` (JSON),
        ``token_starts`` and ``token_ends`` (``list<int32>``, null when the
        text was not segmented), ``entities`` (``list<struct<kind, start, end,
        text, value, unit, source_start, source_end, attrs>>``, with ``value``
        and ``attrs`` as JSON), and ``error``, ``message``, ``stage``,
        ``engine`` (null for a processed input).
        """
        try:
            import pyarrow as pa
        except ImportError:
            raise ImportError("to_arrow() needs pyarrow: pip install pyarrow (hanpipe's 'arrow' extra)") from None
        ok = np.ones(self.n, dtype=bool)
        ok[list(self.errors)] = False
        rows = np.flatnonzero(ok)

        def spread(values: list[Any]) -> list[Any]:
            out: list[Any] = [None] * self.n
            for i, v in zip(rows.tolist(), values):
                out[i] = v
            return out

        def lists(counts: np.ndarray, values: Any) -> Any:
            """One list per input from per-document counts (-1 or a failed input: null)."""
            full = np.full(self.n, -1, dtype=np.int64)
            full[rows] = counts
            offsets = np.zeros(self.n + 1, dtype=np.int32)
            np.cumsum(np.maximum(full, 0), out=offsets[1:])
            mask = pa.array(full < 0)
            return pa.ListArray.from_arrays(pa.array(offsets), values, mask=mask)

        ents = self.entities
        entity_rows = pa.StructArray.from_arrays(
            [
                pa.array(ents.kind, pa.string()),
                pa.array(ents.start, pa.int64()),
                pa.array(ents.end, pa.int64()),
                pa.array(ents.text, pa.string()),
                pa.array([None if v is None else json_text(v) for v in ents.value], pa.string()),
                pa.array(ents.unit, pa.string()),
                pa.array(ents.source_start, pa.int64()),
                pa.array(ents.source_end, pa.int64()),
                pa.array([json_text(a) for a in ents.attrs], pa.string()),
            ],
            names=["kind", "start", "end", "text", "value", "unit", "source_start", "source_end", "attrs"],
        )
        errors = {name: [None] * self.n for name in ("error", "message", "stage", "engine")}
        for i, record in self.errors.items():
            for name in errors:
                errors[name][i] = getattr(record, name, None)
        return pa.table(
            {
                "text": pa.array(spread(self.text), pa.string()),
                "meta": pa.array(spread([json_text(m) for m in self.meta]), pa.string()),
                "token_starts": lists(self.token_counts, pa.array(self.token_starts, pa.int32())),
                "token_ends": lists(self.token_counts, pa.array(self.token_ends, pa.int32())),
                "entities": lists(self.entity_counts, entity_rows),
                **{name: pa.array(values, pa.string()) for name, values in errors.items()},
            }
        )


@contextlib.contextmanager
def collector_held() -> Generator[None, None, None]:
    """Python's cycle collector held off while a batch is made or unpacked, and let go after.

    A batch makes many small objects that live until its end (documents,
    arrays, entity columns), and every few hundred of them the collector would
    walk all the objects alive, a third of the time of a batch of short
    documents. A batch makes few reference cycles, and they are collected
    when it ends. When the collector is already off, it stays so.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()

