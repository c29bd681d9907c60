"""Extractor ``keyword``: TF-IDF or TextRank over the pipeline's segmentation.

TF-IDF ranks as ``jieba.analyse.extract_tags`` does on the same words: words
shorter than two characters (after stripping) and a few English function
words are skipped, a word's weight is its count times its IDF divided by the
number of counted words, unknown words get the median IDF, and ties keep the
order of first occurrence. The IDF table is jieba's, read at run time from
the installed ``jieba`` package (``jieba/analyse/idf.txt``).

TextRank ranks as ``jieba.analyse.textrank`` does: the counted words whose
tag is allowed are linked when they lie fewer than five tokens apart, the
links weighted by how often each ordered pair occurs; ten sweeps of the
weighted PageRank update (damping 0.85) visit the words in sorted order,
each update using the values of the words visited before it in the same
sweep; the scores are then scaled as jieba scales them (the best is 1.0).
Ties keep the order in which the words first appear in a link.

The ``pos`` option keeps only words with those part-of-speech tags (jieba's
``allowPOS``); it needs tagged tokens (``segment_pos=True``). ``None`` is
each method's jieba default: every word for TF-IDF, the tags ``ns``, ``n``,
``vn``, ``v`` for TextRank. An empty ``pos`` means no filter for TF-IDF and
no word for TextRank, as in jieba. TextRank over untagged tokens with
``pos=None`` ranks every counted word (``attrs["pos"]`` is then ``None``:
no filter was applied).

Each keyword entity spans the word's **first occurrence**; ``value`` is its
weight, ``attrs`` holds ``rank`` (1 is the best), ``count``, ``method`` and
``pos`` (the tags allowed, ``None`` for none filtered).
Keywords take no part in overlap resolution (``priority = None``).

Over a batch (``extract_batch``) TF-IDF ranks every document's words in one
pass over the joined tokens: each distinct word is looked up once for the
batch, and the counts, weights and ranks of all (document, word) pairs are
computed as arrays, with the same arithmetic as for one document, so each
document gets exactly the keywords it gets alone. TextRank, and TF-IDF with
a ``pos`` filter, run document by document.
"""

from __future__ import annotations

import collections
import functools
import os
import sys
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from typing import Literal

import numpy as np

from ...batch import Batch, join_entities
from ...document import Document, Entities, Entity
from ...errors import ConfigError, DictionaryError

__all__ = ["TEXTRANK_POS", "KeywordExtractor", "rank", "textrank", "tfidf"]

#: the tags jieba's TextRank allows by default
TEXTRANK_POS = ("ns", "n", "vn", "v")
DAMPING = 0.85
SPAN = 5  # TextRank links words fewer than this many tokens apart
SWEEPS = 10

#: English function words skipped by the ranking (the list jieba's TF-IDF skips)
STOP_WORDS = frozenset(
    "the of is and to in that we for an are by be as on with can if from which you it "
    "this then at have all not one has or".split()
)


@functools.lru_cache(maxsize=4)
def load_idf(path: str | None = None) -> tuple[dict[str, float], float]:
    """``(idf by word, median idf)`` from a ``word idf`` per line file (jieba's by default).

    Raises :class:`DictionaryError` naming the line for a line that is not a word and
    a number, and :class:`ConfigError` when the file cannot be read.
    """
    if path is None:
        try:
            import jieba
        except ImportError as exc:
            raise ConfigError(
                "keyword engine: the TF-IDF method reads jieba's IDF table, and jieba is not installed; "
                "pip install jieba, or give idf_path"
            ) from exc
        path = str(Path(jieba.__file__).parent / "analyse" / "idf.txt")
    idf: dict[str, float] = {}
    try:
        with open(path, encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                parts = line.split()
                if not parts:
                    continue
                try:
                    if len(parts) != 2:
                        raise ValueError
                    idf[parts[0]] = float(parts[1])
                except ValueError:
                    raise DictionaryError(
                        f"{path}, line {number}: expected 'word idf' (a word, a space, a number), got {line.strip()!r}",
                        path=path,
                        line=number,
                    ) from None
    except UnicodeDecodeError as exc:
        raise DictionaryError(f"{path} is not UTF-8 text: {exc.reason}", path=path) from None
    except OSError as exc:
        raise ConfigError(f"keyword engine: cannot read idf_path {path!r}: {exc.strerror or exc}") from exc
    if not idf:
        raise DictionaryError(f"{path}: no 'word idf' lines", path=path)
    values = sorted(idf.values())
    return idf, values[len(values) // 2]


def tfidf(words: list[str], top_k: int | None, idf_path: str | None = None) -> list[tuple[str, float, int]]:
    """``(word, weight, count)`` best first."""
    idf, median = load_idf(idf_path)
    # counted in C, then each distinct word checked once; a dict keeps the order of first occurrence,
    # and counts are whole numbers, which jieba's float sums hold exactly
    counts = {w: c for w, c in collections.Counter(words).items() if counted(w)}
    freq = {w: float(c) for w, c in counts.items()}
    total = sum(freq.values())
    for w in freq:
        freq[w] *= idf.get(w, median) / total
    ranked = sorted(freq, key=freq.__getitem__, reverse=True)
    if top_k:
        ranked = ranked[:top_k]
    return [(w, freq[w], int(counts[w])) for w in ranked]


def counted(word: str) -> bool:
    """Whether the ranking counts ``word``: two characters or more after stripping, and no English function word."""
    return len(word.strip()) >= 2 and word.lower() not in STOP_WORDS


def textrank(
    words: Sequence[str], tags: Sequence[str] | None, allow: Collection[str] | None, top_k: int | None
) -> list[tuple[str, float, int]]:
    """``(word, weight, count)`` best first, as ``jieba.analyse.textrank(text, topK, withWeight=True, allowPOS)``.

    ``tags`` are the words' tags (``None``: untagged, and ``allow`` must be
    ``None``: every counted word is kept); ``allow`` the tags kept.
    """
    if tags is None:
        keep = [counted(w) for w in words]
    else:
        allowed = frozenset(allow or ())
        keep = [t in allowed and counted(w) for w, t in zip(words, tags)]
    pairs: dict[tuple[str, str], int] = {}
    n = len(words)
    counts: dict[str, int] = {}
    for i in range(n):
        if not keep[i]:
            continue
        w = words[i]
        counts[w] = counts.get(w, 0) + 1
        for j in range(i + 1, min(i + SPAN, n)):
            if keep[j]:
                pair = (w, words[j])
                pairs[pair] = pairs.get(pair, 0) + 1
    graph: dict[str, list[tuple[str, int]]] = {}
    for (a, b), weight in pairs.items():
        graph.setdefault(a, []).append((b, weight))
        graph.setdefault(b, []).append((a, weight))
    score = dict.fromkeys(graph, 1.0 / (len(graph) or 1.0))
    out_sum = {w: sum((weight for _, weight in out), 0.0) for w, out in graph.items()}
    order = sorted(graph)
    for _ in range(SWEEPS):
        for w in order:
            s: float = 0
            for v, weight in graph[w]:
                s += weight / out_sum[v] * score[v]
            score[w] = (1 - DAMPING) + DAMPING * s
    # jieba's scaling, from its starting bounds (the largest float, and sys.float_info[3])
    low: float = sys.float_info[0]
    high: float = sys.float_info[3]
    for value in score.values():
        if value < low:
            low = value
        if value > high:
            high = value
    for w, value in score.items():
        score[w] = (value - low / 10.0) / (high - low / 10.0)
    ranked = sorted(score.items(), key=lambda item: item[1], reverse=True)
    if top_k:
        ranked = ranked[:top_k]
    return [(w, weight, counts[w]) for w, weight in ranked]


def rank(
    words: Sequence[str],
    tags: Sequence[str] | None,
    method: str,
    pos: Collection[str] | None,
    top_k: int | None,
    idf_path: str | None = None,
) -> list[tuple[str, float, int]]:
    """The keywords of one text's tokens, best first: what the ``keyword`` extractor and ``hanpipe.keywords`` rank.

    Raises ``ValueError`` when ``pos`` filters and ``tags`` is ``None``.
    """
    if method == "textrank":
        allow = TEXTRANK_POS if pos is None else pos
        if tags is None:
            if pos is not None:
                raise ValueError(_UNTAGGED.format(pos=tuple(pos)))
            return textrank(words, None, None, top_k)
        return textrank(words, tags, allow, top_k)
    if pos:
        if tags is None:
            raise ValueError(_UNTAGGED.format(pos=tuple(pos)))
        allowed = frozenset(pos)
        words = [w for w, t in zip(words, tags) if t in allowed]
    return tfidf(list(words), top_k, idf_path)


_UNTAGGED = "keywords with pos={pos} need part-of-speech tags: segment with pos=True (segment_pos=True)"


class KeywordExtractor:
    """The ``top_k`` keywords of the document (``method``: ``tfidf`` or ``textrank``; ``top_k`` 0 or
    None: every word, as jieba reads 0)."""

    name = "keyword"
    needs_tokens = True
    priority = None

    def __init__(
        self,
        top_k: int | None = 20,
        method: Literal["tfidf", "textrank"] = "tfidf",
        idf_path: str | os.PathLike[str] | None = None,
        pos: Collection[str] | None = None,
    ) -> None:
        if top_k is not None and (not isinstance(top_k, int) or isinstance(top_k, bool) or top_k < 0):
            raise ConfigError(
                "keyword engine: option 'top_k' must be an integer of at least 0 (0 or None for every word, "
                "as jieba reads 0), "
                f"got {top_k!r}"
            )
        if method not in ("tfidf", "textrank"):
            raise ConfigError(f"keyword engine: option 'method' must be 'tfidf' or 'textrank', got {method!r}")
        path = None
        if idf_path is not None:
            if not isinstance(idf_path, (str, os.PathLike)):
                raise ConfigError(f"keyword engine: option 'idf_path' must be a path or None, got {idf_path!r}")
            path = os.fspath(idf_path)
            if not os.path.isfile(path):
                raise ConfigError(
                    f"keyword engine: option 'idf_path' names no file: {path!r}; give a file with one "
                    f"'word idf' per line, or leave it out for jieba's table"
                )
        if pos is not None and (
            isinstance(pos, str) or not isinstance(pos, Collection) or not all(isinstance(t, str) for t in pos)
        ):
            raise ConfigError(f"keyword engine: option 'pos' must be a list of tags such as ['n', 'v'], got {pos!r}")
        if method == "tfidf":
            load_idf(path)  # a malformed or unreadable table fails here, when the extractor is built
        self.top_k = top_k
        self.method = method
        self.idf_path = path
        self.pos: tuple[str, ...] | None = None if pos is None else tuple(pos)

    def extract(self, doc: Document) -> Iterator[Entity]:
        if doc.tokens is None:
            return
        text = doc.text
        spans = doc.token_spans
        words = doc.tokens.strings(text)
        tags = doc.tokens.tags() if doc.tokens.tag_codes is not None else None
        try:
            ranked = rank(words, tags, self.method, self.pos, self.top_k, self.idf_path)
        except ValueError as exc:
            raise ConfigError(f"keyword engine: {exc}") from None
        if self.method == "textrank":
            applied = (self.pos or ()) if self.pos is not None else (TEXTRANK_POS if tags is not None else None)
        else:
            applied = self.pos or None
        first: dict[str, tuple[int, int]] = {}
        wanted = {w for w, _, _ in ranked}
        for w, span in zip(words, spans):
            if w in wanted and w not in first:
                first[w] = span
        for place, (w, weight, count) in enumerate(ranked, 1):
            s, e = first[w]
            yield Entity(
                "keyword", s, e, w, value=weight,
                attrs={"rank": place, "count": count, "method": self.method, "pos": applied},
            )

    def extract_batch(self, batch: Batch) -> Entities:
        """Each document's keywords, as ``extract`` gives them, over ``batch.text``.

        TF-IDF over the joined tokens when every document has tokens; otherwise,
        and for TextRank, document by document.
        """
        if self.method != "tfidf" or self.pos or not len(batch) or any(d.tokens is None for d in batch):
            return join_entities(batch, [Entities.of(self.extract(d)) for d in batch])
        found = tfidf_batch(batch, self.top_k, self.idf_path)
        if found is None:
            return join_entities(batch, [Entities.of(self.extract(d)) for d in batch])
        return found


def tfidf_batch(batch: Batch, top_k: int | None, idf_path: str | None = None) -> Entities | None:
    """The TF-IDF keywords of every document of ``batch`` (all with tokens), best first within each
    document, as entities over ``batch.text``; ``None`` where a weight is not a number (NaN in the
    IDF table), whose order only the document-by-document ranking defines.

    For one document this is :func:`tfidf`: a word's weight is its count times
    ``idf / total`` (the document's counted words), computed in that order, and
    words of equal weight keep the order of their first occurrence.
    """
    joined = batch.joined
    tokens = joined.tokens
    if tokens is None or not len(tokens):
        return Entities.empty()
    text = joined.text
    starts, ends = tokens.starts.astype(np.int64), tokens.ends.astype(np.int64)
    words = [text[s:e] for s, e in zip(starts.tolist(), ends.tolist())]
    distinct = dict.fromkeys(words)
    vocab = {w: k for k, w in enumerate(distinct)}
    ids = np.fromiter(map(vocab.__getitem__, words), dtype=np.int64, count=len(words))
    idf, median = load_idf(idf_path)
    counted = np.array([len(w.strip()) >= 2 and w.lower() not in STOP_WORDS for w in distinct], dtype=bool)
    weights = np.array([idf.get(w, median) for w in distinct], dtype=np.float64)
    owner = np.searchsorted(batch.starts, starts, side="right") - 1
    kept = np.flatnonzero(counted[ids])
    if not len(kept):
        return Entities.empty()
    # one entry per (document, word): its first token and its count
    key = owner[kept] * len(vocab) + ids[kept]
    pairs, first, count = np.unique(key, return_index=True, return_counts=True)
    doc, word = np.divmod(pairs, len(vocab))
    first = kept[first]
    total = np.bincount(doc, weights=count, minlength=len(batch))
    weight = count.astype(np.float64) * (weights[word] / total[doc])
    if np.isnan(weight).any():
        return None
    # best first within each document; equal weights in the order of their first occurrence
    order = np.lexsort((first, -weight, doc))
    doc, word, first, count, weight = doc[order], word[order], first[order], count[order], weight[order]
    begins = np.searchsorted(doc, np.arange(len(batch)), side="left")
    rank = np.arange(len(doc)) - begins[doc] + 1
    if top_k:
        keep = rank <= top_k
        doc, first, count, weight, rank = doc[keep], first[keep], count[keep], weight[keep], rank[keep]
    at = first.tolist()
    return Entities(
        "keyword",
        starts[first],
        ends[first],
        [words[i] for i in at],
        weight.tolist(),
        None,
        [{"rank": r, "count": c, "method": "tfidf", "pos": None} for r, c in zip(rank.tolist(), count.tolist())],
    )
