"""Extractor ``keyword``: TF-IDF (or TextRank) over the pipeline's segmentation.

TF-IDF ranks as ``jieba.analyse.extract_tags`` does on the same words: words
shorter than two characters (after stripping) and a few English function
words are skipped, a word's weight is its count times its IDF divided by the
number of counted words, unknown words get the median IDF, and ties keep the
order of first occurrence. The IDF table is jieba's, read at run time from
the installed ``jieba`` package (``jieba/analyse/idf.txt``).

Each keyword entity spans the word's **first occurrence**; ``value`` is its
weight, ``attrs`` holds ``rank`` (1 is the best), ``count`` and ``method``.
Keywords take no part in overlap resolution (``priority = None``).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from ...document import Document, Entity
from ...errors import ConfigError, DictionaryError

__all__ = ["KeywordExtractor"]

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
    freq: dict[str, float] = {}
    for w in words:
        if len(w.strip()) < 2 or w.lower() in STOP_WORDS:
            continue
        freq[w] = freq.get(w, 0.0) + 1.0
    total = sum(freq.values())
    counts = dict(freq)
    for w in freq:
        freq[w] *= idf.get(w, median) / total
    ranked = sorted(freq, key=freq.__getitem__, reverse=True)
    if top_k:
        ranked = ranked[:top_k]
    return [(w, freq[w], int(counts[w])) for w in ranked]


def textrank(
    words: list[str], top_k: int | None, window: int = 5, iterations: int = 10
) -> list[tuple[str, float, int]]:
    """TextRank over the co-occurrence graph of the counted words (window of ``window``)."""
    kept = [w for w in words if len(w.strip()) >= 2 and w.lower() not in STOP_WORDS]
    counts: dict[str, int] = {}
    for w in kept:
        counts[w] = counts.get(w, 0) + 1
    edges: dict[str, dict[str, float]] = {w: {} for w in counts}
    for i, w in enumerate(kept):
        for v in kept[i + 1 : i + window]:
            if v != w:
                edges[w][v] = edges[w].get(v, 0.0) + 1.0
                edges[v][w] = edges[v].get(w, 0.0) + 1.0
    out_sum = {w: sum(e.values()) for w, e in edges.items()}
    score = dict.fromkeys(edges, 1.0)
    d = 0.85
    for _ in range(iterations):
        score = {
            w: (1 - d) + d * sum(wt / out_sum[v] * score[v] for v, wt in edges[w].items() if out_sum[v]) for w in edges
        }
    if score:
        top = max(score.values())
        score = {w: s / top for w, s in score.items()}
    ranked = sorted(score, key=score.__getitem__, reverse=True)
    if top_k:
        ranked = ranked[:top_k]
    return [(w, score[w], counts[w]) for w in ranked]


class KeywordExtractor:
    """The ``top_k`` keywords of the document (``method``: ``tfidf`` or ``textrank``)."""

    name = "keyword"
    needs_tokens = True
    priority = None

    def __init__(
        self,
        top_k: int | None = 20,
        method: Literal["tfidf", "textrank"] = "tfidf",
        idf_path: str | os.PathLike[str] | None = None,
    ) -> None:
        if top_k is not None and (not isinstance(top_k, int) or isinstance(top_k, bool) or top_k < 0):
            raise ConfigError(
                "keyword engine: option 'top_k' must be an integer of at least 0 (or None for every word), "
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
        if method == "tfidf":
            load_idf(path)  # a malformed or unreadable table fails here, when the extractor is built
        self.top_k = top_k
        self.method = method
        self.idf_path = path

    def extract(self, doc: Document) -> Iterator[Entity]:
        if doc.tokens is None:
            return
        text = doc.text
        spans = doc.token_spans
        words = [text[s:e] for s, e in spans]
        if self.method == "tfidf":
            ranked = tfidf(words, self.top_k, self.idf_path)
        else:
            ranked = textrank(words, self.top_k)
        first: dict[str, tuple[int, int]] = {}
        wanted = {w for w, _, _ in ranked}
        for w, span in zip(words, spans):
            if w in wanted and w not in first:
                first[w] = span
        for rank, (w, weight, count) in enumerate(ranked, 1):
            s, e = first[w]
            yield Entity("keyword", s, e, w, value=weight, attrs={"rank": rank, "count": count, "method": self.method})
