"""hanpipe's results as Apache Arrow: one schema for Parquet output and the Ray adapter.

``pip install 'hanpipe[arrow]'`` installs pyarrow. One row per input:

==================  ======================================  =========================================
column              type                                    holds
==================  ======================================  =========================================
``index``           int64                                   the input's place in the run (CLI)
``input``           string                                  where it came from: path, ``path:line``,
                                                            ``path:row`` (CLI)
``id``              string                                  the input record's id, as text (CLI)
``source``          string                                  the decoded source (``--include-source``)
``text``            string                                  the clean text
``meta``            string                                  the document's meta, as JSON
``tokens``          list<string>                            the words (null when not segmented)
``tags``            list<string>                            their part-of-speech tags (null unless
                                                            tagged: ``segment_pos=True``)
``token_starts``    list<int32>                             each word's start in ``text``
``token_ends``      list<int32>                             each word's end in ``text``
``entities``        list<struct<...>>                       ``kind``, ``start``, ``end``, ``text``,
                                                            ``value`` (JSON), ``unit``,
                                                            ``source_start``, ``source_end``,
                                                            ``attrs`` (JSON)
``error``           string                                  null, or the error's name
``message``         string                                  what went wrong
``stage``           string                                  the failing engine's stage
``engine``          string                                  the failing engine
``distribution``    string                                  the package that provides it
==================  ======================================  =========================================

The fields are the JSONL records' (see the README), with two changes that
suit columns: a word's span is two lists (``token_starts``, ``token_ends``)
rather than a list of pairs, and the values that may be of any JSON type
(``meta``, an entity's ``value`` and ``attrs``) are JSON text. An ``id`` that
is not a string is written as JSON text (``7`` for the number 7).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .document import encode_json

__all__ = ["ENTITY_FIELDS", "entity_type", "records_table", "result_schema"]

#: the fields of one entity, in order
ENTITY_FIELDS = ("kind", "start", "end", "text", "value", "unit", "source_start", "source_end", "attrs")


def _pa() -> Any:
    try:
        import pyarrow as pa
    except ImportError:
        raise ImportError("Arrow and Parquet output need pyarrow: pip install pyarrow (the 'arrow' extra)") from None
    return pa


def entity_type() -> Any:
    pa = _pa()
    int64, string = pa.int64(), pa.string()
    types = {"start": int64, "end": int64, "source_start": int64, "source_end": int64}
    return pa.struct([(name, types.get(name, string)) for name in ENTITY_FIELDS])


def result_schema(*, record: bool = True, include_source: bool = False) -> Any:
    """The schema of a result row; ``record`` adds the CLI's ``index``, ``input`` and ``id`` first."""
    pa = _pa()
    string, words = pa.string(), pa.list_(pa.int32())
    fields: list[tuple[str, Any]] = []
    if record:
        fields += [("index", pa.int64()), ("input", string), ("id", string)]
    if include_source:
        fields.append(("source", string))
    fields += [
        ("text", string),
        ("meta", string),
        ("tokens", pa.list_(string)),
        ("tags", pa.list_(string)),
        ("token_starts", words),
        ("token_ends", words),
        ("entities", pa.list_(entity_type())),
    ]
    fields += [(name, string) for name in ("error", "message", "stage", "engine", "distribution")]
    return pa.schema(fields)


_json = encode_json


def _row(record: dict[str, Any]) -> dict[str, Any]:
    """A JSONL record (``Document.to_dict`` plus the CLI's fields) as a row of :func:`result_schema`."""
    row = dict(record)
    if "id" in row and not isinstance(row["id"], str):
        row["id"] = _json(row["id"])
    if "meta" in row:
        row["meta"] = _json(row["meta"])
    spans = row.pop("token_spans", None)
    if spans is not None:
        row["token_starts"] = [s for s, _ in spans]
        row["token_ends"] = [e for _, e in spans]
    if "entities" in row:
        row["entities"] = [
            dict(e, value=None if e["value"] is None else _json(e["value"]), attrs=_json(e["attrs"]))
            for e in row["entities"]
        ]
    return row


def records_table(records: Sequence[dict[str, Any]], schema: Any) -> Any:
    """JSONL records (as ``hanpipe process`` writes them) as a ``pyarrow.Table`` of ``schema``."""
    return _pa().Table.from_pylist([_row(r) for r in records], schema=schema)
