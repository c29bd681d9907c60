"""Numeric extraction (number, percent, money, quantity, date, time) beside cn2an and JioNLP.

Two groups on the mixed seeds corpus (about 4 MB):

* ``extract-numeric``: hanpipe runs the six numeric extractors through
  ``Pipeline.extract`` (one kernel scan, entities built, overlaps resolved,
  entities attached to the Document as columns) on a new Document each call,
  so nothing is carried over from the last. ``hanpipe-objects`` does the same and then reads every
  entity back as an ``Entity`` object. The peers: ``cn2an.transform(text, "cn2an")`` on the whole text, and
  JioNLP's ``extract_money`` line by line (it finds money only).
* ``extract-scan``: the number kernel alone on the text's code points
  (every numeric expression with its span, value and flags, as arrays; no
  entities) beside
  ``cn2an.transform``, which likewise only rewrites the numerals it finds.

Each peer is skipped when it is not installed.
"""

from __future__ import annotations

from typing import Any

import pytest

from hanpipe.builtin.extract.numerals import number_rows
from hanpipe.document import Document
from hanpipe.pipeline import Pipeline

NUMERIC = ["number", "percent", "money", "quantity", "date", "time"]


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _hanpipe(objects: bool = False) -> Any:
    pipeline = Pipeline(clean=None, convert=None, segment=None, extract=NUMERIC, entry_points=False)

    def run(text: str) -> Any:
        entities = pipeline.extract(Document.from_text(text)).entities
        return entities.to_list() if objects else entities

    return run


def _cn2an() -> Any:
    cn2an = pytest.importorskip("cn2an")
    return lambda text: cn2an.transform(text, "cn2an")


def _jionlp() -> Any:
    jio = pytest.importorskip("jionlp")

    def run(text: str) -> list[Any]:
        found = []
        for line in text.splitlines():
            if line:
                found.extend(jio.ner.extract_money(line))
        return found

    return run


ENGINES = {"hanpipe": _hanpipe, "hanpipe-objects": lambda: _hanpipe(objects=True), "cn2an": _cn2an, "jionlp": _jionlp}


@pytest.mark.benchmark(group="extract-numeric")
@pytest.mark.parametrize("role", list(ENGINES))
def test_extract_numeric(measure: Any, corpus_mixed: str, role: str) -> None:
    fn = ENGINES[role]()
    out = measure(fn, corpus_mixed, nbytes=_size(corpus_mixed), role=role)
    assert out


def _scan() -> Any:
    return lambda text: number_rows(Document.from_text(text).code_points)


SCAN_ENGINES = {"hanpipe": _scan, "cn2an": _cn2an}


@pytest.mark.benchmark(group="extract-scan")
@pytest.mark.parametrize("role", list(SCAN_ENGINES))
def test_extract_scan(measure: Any, corpus_mixed: str, role: str) -> None:
    fn = SCAN_ENGINES[role]()
    out = measure(fn, corpus_mixed, nbytes=_size(corpus_mixed), role=role)
    assert len(out)
