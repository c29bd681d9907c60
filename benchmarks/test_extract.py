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
* ``extract-money-dense``: the seeds' lines that hold an amount of money or a
  percentage, repeated to about 4 MB, as financial reports read: hanpipe runs
  the number, percent, money, quantity and date extractors once over the lines
  joined as a batch joins them (``SEPARATOR`` between them, as
  ``Batch.joined``), beside ``cn2an.transform(line, "cn2an")`` called on each line.

* ``extract-per-call-200B`` and ``-1024B``: one call per short string, as most people call an
  extractor (500 consecutive pieces of the corpus of about that size): ``hanpipe.extract(s)``
  (the default extractors, no clean-up or conversion) beside ``cn2an.transform(s, "cn2an")``.

Each peer is skipped when it is not installed.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from benchmarks.corpus import TARGET_BYTES
from hanpipe.batch import SEPARATOR
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


def _rounds(role: str) -> int:
    """hanpipe's rounds take a fraction of a second: nine of them keep one slow round on a busy
    machine from setting the median; the peers' take seconds, and three do."""
    return 9 if role.startswith("hanpipe") else 3


ENGINES = {"hanpipe": _hanpipe, "hanpipe-objects": lambda: _hanpipe(objects=True), "cn2an": _cn2an, "jionlp": _jionlp}


@pytest.mark.benchmark(group="extract-numeric")
@pytest.mark.parametrize("role", list(ENGINES))
def test_extract_numeric(measure: Any, corpus_mixed: str, role: str) -> None:
    fn = ENGINES[role]()
    out = measure(fn, corpus_mixed, nbytes=_size(corpus_mixed), role=role, rounds=_rounds(role))
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


DENSE = ["number", "percent", "money", "quantity", "date"]
_NUMERAL = "0-9０-９.,零〇一二两兩三四五六七八九十百千万萬亿億"
_CURRENCY = "美元|美金|港元|港币|港幣|欧元|歐元|日元|英镑|英鎊|台币|台幣|人民币|人民幣|元|块钱|塊錢"
#: a numeral (with the pinyin a converter site put after its unit, 2萬(wàn)美元) before a currency
#: word or a percent sign, 百分之 before a numeral, or a currency sign before digits
_AMOUNT = re.compile(
    rf"[{_NUMERAL}]+(?:\([a-zü\u00e0-\u01dc]+\))? ?(?:多|余|餘)?(?:{_CURRENCY}|[%％‰])"
    rf"|百分之[{_NUMERAL}]|[$¥￥€£＄][0-9]"
)


@pytest.fixture(scope="module")
def money_lines(seed_texts: dict[str, str]) -> list[str]:
    """The seeds' lines that hold an amount or a percentage, repeated to about 4 MB."""
    lines = [line for text in seed_texts.values() for line in text.splitlines() if _AMOUNT.search(line)]
    assert len(lines) >= 5
    unit = sum(len(line.encode("utf-8")) for line in lines)
    return lines * max(1, -(-TARGET_BYTES // unit))


def _dense_hanpipe() -> Any:
    pipeline = Pipeline(clean=None, convert=None, segment=None, extract=DENSE, entry_points=False)
    return lambda lines: pipeline.extract(Document.from_text(SEPARATOR.join(lines))).entities


def _dense_cn2an() -> Any:
    cn2an = pytest.importorskip("cn2an")
    return lambda lines: [cn2an.transform(line, "cn2an") for line in lines]


DENSE_ENGINES = {"hanpipe": _dense_hanpipe, "cn2an": _dense_cn2an}


@pytest.mark.benchmark(group="extract-money-dense")
@pytest.mark.parametrize("role", list(DENSE_ENGINES))
def test_extract_money_dense(measure: Any, money_lines: list[str], role: str) -> None:
    fn = DENSE_ENGINES[role]()
    nbytes = sum(len(line.encode("utf-8")) for line in money_lines)
    out = measure(fn, money_lines, nbytes=nbytes, role=role, rounds=_rounds(role))
    assert len(out)


PER_CALL_SIZES = (200, 1024)


def _pieces(text: str, size: int, count: int = 500) -> list[str]:
    """``count`` consecutive pieces of ``text`` of about ``size`` bytes of UTF-8 each (Chinese: three a character)."""
    step = max(1, size // 3)
    return [text[i * step : (i + 1) * step] for i in range(count)]


def _per_call_engines() -> dict[str, Any]:
    def ours() -> Any:
        import hanpipe

        return lambda pieces: sum(len(hanpipe.extract(p)) for p in pieces)

    def peer() -> Any:
        cn2an = pytest.importorskip("cn2an")
        return lambda pieces: sum(len(cn2an.transform(p, "cn2an")) for p in pieces)

    return {"hanpipe": ours, "cn2an": peer}


@pytest.mark.parametrize("size", PER_CALL_SIZES)
@pytest.mark.parametrize("role", list(_per_call_engines()))
def test_extract_one_string_per_call(measure: Any, benchmark: Any, corpus_mixed: str, role: str, size: int) -> None:
    """One call per short string: the extractors' fixed cost per document, beside cn2an's."""
    benchmark.group = f"extract-per-call-{size}B"
    pieces = _pieces(corpus_mixed, size)
    fn = _per_call_engines()[role]()
    out = measure(fn, pieces, nbytes=sum(_size(p) for p in pieces), role=role, rounds=5)
    assert out > 0


# -- numerals as functions: hanpipe.numbers beside cn2an ------------------------------------------
#
# ``numerals-parse``: 3000 strings, each one numeral (Chinese as to_chinese writes it, financial,
# mixed such as 10.1万, Arabic, decimals), read with ``hanpipe.numbers.parse(s)`` beside
# ``cn2an.cn2an(s, "smart")``. ``numerals-write``: 3000 ints and floats written with
# ``hanpipe.numbers.to_chinese(v)`` beside ``cn2an.an2cn(v)``. Bytes are those of the strings read
# and of ``str(v)`` written.


@pytest.fixture(scope="module")
def numeral_values() -> list[Any]:
    import random

    rng = random.Random(15)
    values: list[Any] = []
    for k in range(3000):
        n = rng.randrange(10 ** rng.randrange(1, 13))
        values.append(n if k % 3 else round(n / 100, 2))
    return values


@pytest.fixture(scope="module")
def numeral_strings(numeral_values: list[Any]) -> list[str]:
    from hanpipe.numbers import to_chinese

    forms = (
        lambda v: to_chinese(v),
        lambda v: to_chinese(v, "up"),
        lambda v: f"{int(v) % 10000 + 1}.{int(v) % 10}万",
        lambda v: str(v),
    )
    return [forms[k % 4](v) for k, v in enumerate(numeral_values)]


def _parse_engines() -> dict[str, Any]:
    def ours() -> Any:
        from hanpipe.numbers import parse

        return lambda strings: [parse(s) for s in strings]

    def peer() -> Any:
        cn2an = pytest.importorskip("cn2an")
        return lambda strings: [cn2an.cn2an(s, "smart") for s in strings]

    return {"hanpipe": ours, "cn2an": peer}


@pytest.mark.benchmark(group="numerals-parse")
@pytest.mark.parametrize("role", list(_parse_engines()))
def test_numerals_parse(measure: Any, numeral_strings: list[str], role: str) -> None:
    fn = _parse_engines()[role]()
    nbytes = sum(len(s.encode("utf-8")) for s in numeral_strings)
    out = measure(fn, numeral_strings, nbytes=nbytes, role=role, rounds=_rounds(role))
    assert len(out) == len(numeral_strings)


def _write_engines() -> dict[str, Any]:
    def ours() -> Any:
        from hanpipe.numbers import to_chinese

        return lambda values: [to_chinese(v) for v in values]

    def peer() -> Any:
        cn2an = pytest.importorskip("cn2an")
        return lambda values: [cn2an.an2cn(v) for v in values]

    return {"hanpipe": ours, "cn2an": peer}


@pytest.mark.benchmark(group="numerals-write")
@pytest.mark.parametrize("role", list(_write_engines()))
def test_numerals_to_chinese(measure: Any, numeral_values: list[Any], role: str) -> None:
    fn = _write_engines()[role]()
    nbytes = sum(len(str(v)) for v in numeral_values)
    out = measure(fn, numeral_values, nbytes=nbytes, role=role, rounds=_rounds(role))
    assert len(out) == len(numeral_values)
