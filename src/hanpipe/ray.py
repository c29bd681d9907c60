"""hanpipe on a Ray Data cluster: ``pip install 'hanpipe[ray]'``.

    import ray
    import hanpipe.ray

    ray.init()                                   # or ray.init(address="ray://head:10001")
    ds = ray.data.read_parquet("shards/")        # or read_json, from_items...
    out = hanpipe.ray.process(ds, text_column="text", concurrency=8, extract=["money", "date"])
    out.write_parquet("out/")

:func:`process` maps :class:`Processor` over the dataset's Arrow batches
(``map_batches`` with an actor pool): each actor builds one
:class:`~hanpipe.Pipeline` when it starts and processes every batch it is
given as one hanpipe batch. Reading, writing, scheduling, retries and
spilling are Ray's own. Each actor reserves ``num_cpus`` (1 by default);
a fixed pool (``concurrency=N``) must leave CPUs for Ray's own list, read and
write tasks, or they wait for ever: on a 2-CPU machine, two actors of
``num_cpus=0.5`` and ``read_parquet(..., num_cpus=0.25)``.

The output rows are the input rows, in the same order, with the result
columns of :mod:`hanpipe.arrow` added (``text``, ``meta``, ``tokens`` when
``words=True``, ``tags`` when the words are tagged (``segment_pos=True``),
``token_starts``, ``token_ends``, ``entities``, ``error``,
``message``, ``stage``, ``engine``, ``distribution``). The input's text
column is kept; when it is called ``text`` it is renamed ``source``, since
``text`` is the clean text. An input whose text is null, or not a string or
bytes, gets an error row (``error="InputError"``): no row is ever lost. Other
input columns that clash with a result column are refused before anything
runs (rename them with ``Dataset.rename_columns``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .batch import BatchResult, collector_held
from .errors import ConfigError, InputError
from .pipeline import ErrorRecord, Pipeline

__all__ = ["RESULT_COLUMNS", "Processor", "process"]

#: the columns :func:`process` adds (``tokens`` only with ``words=True``)
RESULT_COLUMNS = (
    "text", "meta", "tokens", "tags", "token_starts", "token_ends", "entities",
    "error", "message", "stage", "engine", "distribution",
)  # fmt: skip


def _clash(columns: Sequence[str], text_column: str) -> str | None:
    kept = ["source" if (c == text_column and c == "text") else c for c in columns]
    taken = sorted(set(kept) & set(RESULT_COLUMNS))
    return taken[0] if taken else None


class Processor:
    """The callable ``map_batches`` runs in each actor: one Pipeline, built once, for every batch."""

    def __init__(self, text_column: str = "text", words: bool = False, config: dict[str, Any] | None = None) -> None:
        self.text_column = text_column
        self.words = words
        self.pipeline = Pipeline(**(config or {}))

    def __call__(self, table: Any) -> Any:
        with collector_held():
            return self._process(table)

    def _process(self, table: Any) -> Any:
        import pyarrow as pa

        if self.text_column not in table.column_names:
            raise ConfigError(f"the dataset has no column {self.text_column!r} (its columns: {table.column_names})")
        clash = _clash(table.column_names, self.text_column)
        if clash is not None:
            raise ConfigError(f"the input column {clash!r} has the name of a result column; rename it first")
        values = table.column(self.text_column).to_pylist()
        good = [i for i, v in enumerate(values) if isinstance(v, (str, bytes))]
        processed = iter(self.pipeline.process_batch([values[i] for i in good]))
        results: list[Any] = []
        g = set(good)
        for i, v in enumerate(values):
            if i in g:
                results.append(next(processed))
            else:
                what = "null" if v is None else f"of type {type(v).__name__}, not text or bytes"
                results.append(ErrorRecord.of(i, InputError(f"the column {self.text_column!r} is {what}")))
        batch = BatchResult(results)
        out = batch.to_arrow()
        distribution = [getattr(r, "distribution", None) if isinstance(r, ErrorRecord) else None for r in results]
        out = out.append_column("distribution", pa.array(distribution, pa.string()))
        docs = [None if isinstance(r, ErrorRecord) or r.tokens is None else r for r in results]
        at = out.column_names.index("token_starts")
        if any(d is not None and d.tokens.tag_codes is not None for d in docs):
            tags = [None if d is None or d.tokens.tag_codes is None else d.tags for d in docs]
            out = out.add_column(at, "tags", pa.array(tags, pa.list_(pa.string())))
        if self.words:
            words = [None if d is None else d.words for d in docs]
            out = out.add_column(at, "tokens", pa.array(words, pa.list_(pa.string())))
        if self.text_column == "text":
            table = table.rename_columns(["source" if c == "text" else c for c in table.column_names])
        for name in out.column_names:
            table = table.append_column(name, out.column(name))
        return table


def process(
    ds: Any,
    text_column: str = "text",
    *,
    words: bool = False,
    concurrency: int | tuple[int, int] | None = None,
    batch_size: int = 1024,
    num_cpus: float = 1,
    **config: Any,
) -> Any:
    """``ds`` (a ``ray.data.Dataset``) with hanpipe's result columns added to each row; lazy, as Ray's maps are.

    ``config`` is as for :class:`~hanpipe.Pipeline`. ``concurrency`` is the
    number of actors (an int), or ``(min, max)`` for an autoscaling pool;
    by default, one to as many as the cluster has CPUs. ``batch_size`` rows
    go to an actor at a time and are processed as one batch.
    """
    try:
        import ray.data
    except ImportError:
        raise ImportError("hanpipe.ray needs Ray Data: pip install 'ray[data]' (hanpipe's 'ray' extra)") from None
    Pipeline(**config)  # a bad configuration fails here, not in every actor
    if isinstance(concurrency, int):
        compute = ray.data.ActorPoolStrategy(size=concurrency)
    elif concurrency is not None:
        compute = ray.data.ActorPoolStrategy(min_size=concurrency[0], max_size=concurrency[1])
    else:
        cpus = max(1, int(ray.cluster_resources().get("CPU", 1) // max(num_cpus, 1e-9)))
        compute = ray.data.ActorPoolStrategy(min_size=1, max_size=cpus)
    # blocks of one batch each, so that every actor gets work however the input was read
    # (a read of many small files can give a single block, and a block goes to one actor)
    return ds.repartition(target_num_rows_per_block=batch_size).map_batches(
        Processor,
        fn_constructor_kwargs={"text_column": text_column, "words": words, "config": config},
        batch_format="pyarrow",
        batch_size=batch_size,
        compute=compute,
        num_cpus=num_cpus,
        udf_modifying_row_count=False,
    )
