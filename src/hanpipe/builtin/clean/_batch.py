"""Batch forms of the clean-up passes: find over the joined text, edit only the documents that need it.

A pass's batch form runs its scan once over :attr:`hanpipe.batch.Batch.text`
(the documents' texts joined by U+FDD0, which no pattern of this stage
matches, and which every pass reads as the start or end of a text), so what
it finds lies inside one document. :func:`groups` tells which document each
find is in; a document with none is handed back as the same object.

:func:`rewrite_documents` applies the edits of many documents at once: the
texts of the documents to edit joined by U+FDD0, one new text and one
alignment (:func:`hanpipe._align.alignment_of_edits`, the core's ``edits_alignment``) for them, cut at the
document bounds, then each document's
:meth:`~hanpipe.document.Document.rewrite` with its own text, alignment and
edit count. That is what ``doc.apply_edits`` makes of the document's edits
alone: a position's alignment depends only on the edits before it in its own
document, since the separator between two documents is kept, so no deletion
touches one in another document.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..._align import alignment_of_edits
from ..._text import from_code_points
from ...batch import SEPARATOR, Batch, owners
from ...document import Document, Edit
from ._kernels import delete_runs
from ._work import work

__all__ = ["EditsJoined", "edit_documents", "groups", "mark_damaged", "rewrite_documents"]

#: the documents rewritten together hold about this many characters (bounds the work arrays)
CHUNK = 1 << 16


def groups(batch: Batch, starts: np.ndarray, ends: np.ndarray) -> list[tuple[int, int, int]]:
    """``(document, first, stop)``: spans ``first:stop`` of ``[starts, ends)`` lie in ``document``.

    ``starts`` must be sorted; positions are in :attr:`Batch.text`. Raises
    ``ValueError`` for a span that is not inside one document.
    """
    if not len(starts):
        return []
    owner = owners(batch, starts, ends)
    if (owner < 0).any():
        i = int(np.flatnonzero(owner < 0)[0])
        raise ValueError(f"a span [{int(starts[i])}:{int(ends[i])}] crosses a document bound")
    if len(owner) > 1 and bool((owner[1:] < owner[:-1]).any()):
        raise ValueError("spans out of text order")
    cuts = np.flatnonzero(owner[1:] != owner[:-1]) + 1
    firsts = np.concatenate(([0], cuts))
    stops = np.concatenate((cuts, [len(owner)]))
    return list(zip(owner[firsts].tolist(), firsts.tolist(), stops.tolist()))


def edit_documents(batch: Batch, edits: Sequence[Edit], *, step: str) -> list[Document]:
    """Each document of ``batch`` with the ``edits`` (sorted, over :attr:`Batch.text`) that lie in it applied."""
    if not edits:
        return list(batch.docs)
    count = len(edits)
    starts = np.fromiter((e.start for e in edits), dtype=np.int64, count=count)
    ends = np.fromiter((e.end for e in edits), dtype=np.int64, count=count)
    return rewrite_documents(batch, starts, ends, [e.replacement for e in edits], step=step)


def rewrite_documents(
    batch: Batch,
    starts: np.ndarray,
    ends: np.ndarray,
    replacements: Sequence[str] | None,
    *,
    step: str,
) -> list[Document]:
    """Each document of ``batch`` with the spans ``[starts, ends)`` of :attr:`Batch.text` replaced by ``replacements``.

    ``replacements`` None deletes the spans. Spans must be sorted, must not
    overlap and must each lie inside one document (``ValueError`` otherwise);
    each edited document is what ``doc.apply_edits`` makes of its own edits.
    """
    docs = list(batch.docs)
    starts = np.asarray(starts, dtype=np.int64)
    ends = np.asarray(ends, dtype=np.int64)
    if not len(starts):
        return docs
    if bool((starts > ends).any()) or bool((starts[1:] < ends[:-1]).any()):
        raise ValueError("edits must be sorted and must not overlap")
    found = groups(batch, starts, ends)
    if replacements is None:
        lengths = np.zeros(len(starts), dtype=np.int64)
    else:
        lengths = np.fromiter(map(len, replacements), dtype=np.int64, count=len(starts))
    # per edit: how much it changes the length; per document: whether any edit changes its own span's length
    delta = np.zeros(len(starts) + 1, dtype=np.int64)
    np.cumsum(lengths - (ends - starts), out=delta[1:])
    uneven = np.zeros(len(starts) + 1, dtype=np.int64)
    np.cumsum(lengths != ends - starts, out=uneven[1:])
    bounds = batch.starts
    moved, odd, at_batch = delta.tolist(), uneven.tolist(), bounds.tolist()  # Python ints for the loop below
    # deletions: the batch's new text in one gather of its code points; else each run's, piece by piece
    whole = _deleted(batch, starts, ends) if replacements is None else None
    k = 0
    while k < len(found):
        # documents to edit, about CHUNK characters of them, joined and edited as one text
        m, held = k, 0
        while m < len(found) and (m == k or held < CHUNK):
            held += len(docs[found[m][0]].text) + 1
            m += 1
        run = found[k:m]
        owner = np.array([i for i, _, _ in run], dtype=np.int64)
        sizes = np.fromiter((len(docs[i].text) for i in owner.tolist()), dtype=np.int64, count=len(run))
        at = np.zeros(len(run), dtype=np.int64)  # where each document starts in the run's text
        np.cumsum(sizes[:-1] + 1, out=at[1:])
        lo, hi = run[0][1], run[-1][2]
        shift = np.repeat(bounds[owner] - at, [last - first for _, first, last in run])
        s, e = starts[lo:hi] - shift, ends[lo:hi] - shift
        if whole is None:
            assert replacements is not None
            new = _replaced(SEPARATOR.join([docs[i].text for i in owner.tolist()]), s, e, replacements[lo:hi])
        aligned = None
        if uneven[hi] - uneven[lo]:
            aligned = alignment_of_edits(int(at[-1] + sizes[-1]), s, e, lengths[lo:hi])
        for (i, first, last), old_start in zip(run, at.tolist()):
            doc = docs[i]
            new_start = old_start + moved[first] - moved[lo]  # in the run's new text
            size = len(doc.text) + moved[last] - moved[first]
            inner = None
            if odd[last] - odd[first]:
                assert aligned is not None
                inner = aligned[:, new_start : new_start + size + 1] - np.int32(old_start)
            if whole is not None:
                text_start = at_batch[i] + moved[first]  # in the batch's new text
                text = whole[text_start : text_start + size]
            else:
                text = new[new_start : new_start + size]
            docs[i] = doc.rewrite(text, inner, step=step, count=last - first)
        k = m
    return docs


def _deleted(batch: Batch, starts: np.ndarray, ends: np.ndarray) -> str:
    """:attr:`Batch.text` without the sorted, non-overlapping spans ``[starts, ends)``."""
    cps = batch.joined.code_points
    kept = np.empty(len(cps), dtype=np.uint32)
    count = delete_runs(cps, np.ascontiguousarray(starts), np.ascontiguousarray(ends), kept, _TEXT_ONLY)
    return from_code_points(kept[:count])


#: ``delete_runs``' alignment of no columns: the kept code points alone
_TEXT_ONLY = np.zeros((2, 0), dtype=np.int32)


def _replaced(text: str, starts: np.ndarray, ends: np.ndarray, replacements: Sequence[str]) -> str:
    """``text`` with sorted, non-overlapping spans replaced."""
    pieces: list[str] = []
    at = 0
    for a, b, rep in zip(starts.tolist(), ends.tolist(), replacements):
        pieces.append(text[at:a])
        pieces.append(rep)
        at = b
    pieces.append(text[at:])
    return "".join(pieces)


def mark_damaged(batch: Batch, docs: list[Document], spans: Sequence[tuple[int, int]]) -> list[Document]:
    """``docs`` (one per document of ``batch``) with the damaged ``spans`` of :attr:`Batch.text` added to ``meta``.

    A span is placed in the source through the alignment of the document as
    the batch holds it, as the per-document pass does before it edits.
    """
    if not spans:
        return docs
    arr = np.array(sorted(spans), dtype=np.int64).reshape(-1, 2)
    bounds = batch.starts
    for i, first, stop in groups(batch, arr[:, 0], arr[:, 1]):
        local = arr[first:stop] - bounds[i]
        sources = batch[i].source_spans(local[:, 0].tolist(), local[:, 1].tolist())
        docs[i] = docs[i].with_damaged(zip(*sources))
    return docs


class EditsJoined:
    """A pass whose edits :meth:`find` finds in any Document, the batch's joined text included.

    ``clean`` applies the edits ``find`` gives for the document;
    ``clean_batch`` runs ``find`` once over :attr:`Batch.joined` and gives
    each document the edits that lie in it. ``clean`` does not look at a
    text without one of the classes ``needs`` names. ``find`` must read U+FDD0 as the
    end of one text and the start of the next.
    """

    name: str
    #: the class bits (:mod:`._work`) of which a text holds one if ``find`` can find anything in it
    needs: int

    def find(self, doc: Document) -> list[Edit]:
        raise NotImplementedError

    def clean(self, doc: Document) -> Document:
        if not work(doc) & self.needs:
            return doc
        return doc.apply_edits(self.find(doc), step=self.name, aligned=alignment_of_edits)

    def clean_batch(self, batch: Batch) -> list[Document]:
        # no class scan here: a batch of many documents holds most classes somewhere, and ``find``
        # over the joined text costs about what the scan would
        return edit_documents(batch, self.find(batch.joined), step=self.name)
