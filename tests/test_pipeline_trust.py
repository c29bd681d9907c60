"""One failure never takes a batch down; options are checked when a pipeline is built."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hanpipe
from hanpipe import ConfigError, Document, Entity, ErrorRecord, InputError, Pipeline, PluginError
from hanpipe.document import Tokens

LIGHT = {"clean": None, "convert": None, "segment": None}


class _Broken:
    """Extractors and engines that misbehave in each way an engine can, on inputs that ask for it."""

    @hanpipe.hookimpl
    def hanpipe_register_extractors(self, register):  # type: ignore[no-untyped-def]
        register(RaisingGenerator)
        register(ReturnsNone)
        register(WrongSpan)
        register(Killer)
        register(KillsOnce)

    @hanpipe.hookimpl
    def hanpipe_register_cleaners(self, register):  # type: ignore[no-untyped-def]
        register(ChangesSource)
        register(LocksMeta)

    @hanpipe.hookimpl
    def hanpipe_register_segmenters(self, register):  # type: ignore[no-untyped-def]
        register(ReturnsList)


class RaisingGenerator:
    name = "gen-raises"

    def extract(self, doc: Document) -> Iterator[Entity]:
        yield Entity("thing", 0, 0, "")
        if "BOOM" in doc.text:
            raise KeyError("boom")


class ReturnsNone:
    name = "returns-none"

    def extract(self, doc: Document) -> None:
        return None


class WrongSpan:
    name = "wrong-span"

    def extract(self, doc: Document) -> list[Entity]:
        return [Entity("thing", 0, 1, "not what the text says")] if doc.text else []


class Killer:
    name = "killer"

    def extract(self, doc: Document) -> list[Entity]:
        if doc.text == "KILL":
            os.kill(os.getpid(), signal.SIGKILL)
        return []


class KillsOnce:
    """Kills its worker the first time it sees ``KILL``, as an out-of-memory killer would, then behaves."""

    name = "kills-once"
    marker: Path | None = None

    def extract(self, doc: Document) -> list[Entity]:
        if doc.text == "KILL" and self.marker is not None and not self.marker.exists():
            self.marker.write_text("killed")
            os.kill(os.getpid(), signal.SIGKILL)
        return []


class ChangesSource:
    name = "changes-source"

    def clean(self, doc: Document) -> Document:
        return Document.from_text(doc.text + "!")


class LocksMeta:
    """Puts a value that cannot be pickled in the meta of ``LOCK``: its result cannot travel back from a worker."""

    name = "locks-meta"

    def clean(self, doc: Document) -> Document:
        return doc.evolve(meta={**doc.meta, "lock": threading.Lock()}) if doc.text == "LOCK" else doc


class ReturnsList:
    name = "returns-list"

    def segment(self, text: str) -> list[str]:
        return list(text)


def _pipeline(**config: object) -> Pipeline:
    return Pipeline(plugins=[_Broken()], entry_points=False, **{**LIGHT, **config})  # type: ignore[arg-type]


def _assert_plugin_record(result: object, index: int, stage: str, engine: str) -> None:
    assert isinstance(result, ErrorRecord), result
    assert result.index == index and result.error == "PluginError"
    assert (result.stage, result.engine) == (stage, engine)
    assert result.distribution and "_Broken" in result.distribution
    assert engine in result.message


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize(
    ("config", "bad", "stage", "engine"),
    [
        ({"extract": ["number", "gen-raises"]}, "BOOM 3", "extract", "gen-raises"),
        ({"extract": ["returns-none"]}, None, "extract", "returns-none"),
        ({"extract": ["wrong-span"]}, None, "extract", "wrong-span"),
        ({"clean": ["changes-source"]}, None, "clean", "changes-source"),
        ({"segment": "returns-list"}, None, "segment", "returns-list"),
    ],
)
def test_pipe_engine_failure_is_one_record_and_the_rest_go_on(
    workers: int, config: dict[str, object], bad: str | None, stage: str, engine: str
) -> None:
    p = _pipeline(**config)
    inputs = [f"第{i}页" for i in range(12)]
    if bad is not None:
        inputs[5] = bad
    results = list(p.pipe(inputs, workers=workers, chunksize=3))
    assert len(results) == len(inputs)
    for i, result in enumerate(results):
        if bad is None or i == 5:
            _assert_plugin_record(result, i, stage, engine)
        else:
            assert isinstance(result, Document) and result.source == inputs[i]


def test_pipe_engine_failure_can_raise_a_plugin_error_naming_the_engine() -> None:
    with pytest.raises(PluginError) as info:
        list(_pipeline(extract=["gen-raises"]).pipe(["a", "BOOM"], on_error="raise"))
    assert (info.value.stage, info.value.engine) == ("extract", "gen-raises")
    assert isinstance(info.value.__cause__, KeyError)


class _Unpicklable(str):
    def __reduce__(self):  # type: ignore[no-untyped-def]
        raise TypeError("cannot pickle this")


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_pipe_inputs_that_cannot_travel_give_the_same_results_with_any_workers(workers: int) -> None:
    p = Pipeline(**LIGHT, extract=["number"])
    inputs: list[object] = [
        "第1页 12",
        _Unpicklable("第2页 34"),  # a str subclass that refuses to pickle: processed as its text
        memoryview("第3页 56".encode()),
        bytearray("第4页 78".encode()),
        lambda: None,  # not an input at all
        object(),
        "第7页 90",
    ]
    results = list(p.pipe(inputs, workers=workers, chunksize=2))  # type: ignore[arg-type]
    assert [type(r).__name__ for r in results] == ["Document"] * 4 + ["ErrorRecord"] * 2 + ["Document"]
    assert [r.entities[0].value for r in results if isinstance(r, Document)] == [12, 34, 56, 78, 90]
    assert [(r.index, r.error) for r in results if isinstance(r, ErrorRecord)] == [(4, "InputError"), (5, "InputError")]


@pytest.mark.parametrize("data", ["abc", b"abc", bytearray(b"abc"), 42, None])
def test_pipe_a_bare_text_is_not_an_iterable_of_inputs(data: object) -> None:
    with pytest.raises(InputError, match="iterable of inputs"):
        Pipeline(**LIGHT).pipe(data)  # type: ignore[arg-type]


def test_pipe_result_that_cannot_travel_back_costs_only_its_input() -> None:
    p = _pipeline(clean=["locks-meta"], extract=["number"])
    inputs = [f"数 {i}" for i in range(10)]
    inputs[4] = "LOCK"
    results = list(p.pipe(inputs, workers=2, chunksize=3))
    assert len(results) == 10
    assert isinstance(results[4], ErrorRecord) and (results[4].index, results[4].error) == (4, "PluginError")
    assert "cannot be sent back from the worker process" in results[4].message and "lock" in results[4].message
    for i, result in enumerate(results):
        if i != 4:
            assert isinstance(result, Document) and result.source == inputs[i]
            assert [e.value for e in result.entities] == [i]


def test_pipe_worker_killed_by_one_input_loses_only_that_input() -> None:
    p = _pipeline(extract=["killer"])
    inputs = [f"页{i}" for i in range(20)]
    inputs[6] = "KILL"
    results = list(p.pipe(inputs, workers=2, chunksize=3))
    assert len(results) == 20
    for i, result in enumerate(results):
        if i == 6:
            assert isinstance(result, ErrorRecord) and (result.index, result.error) == (6, "WorkerDied")
        else:
            assert isinstance(result, Document) and result.source == inputs[i]


def test_pipe_worker_killed_once_is_replaced_and_its_chunk_run_again(tmp_path: Path) -> None:
    p = _pipeline(extract=["kills-once"])
    p.engine("extract").marker = tmp_path / "killed"
    inputs = [f"页{i}" for i in range(30)]
    inputs[11] = "KILL"
    results = list(p.pipe(inputs, workers=2, chunksize=4))
    assert (tmp_path / "killed").exists()  # a worker really died
    assert [r.source for r in results if isinstance(r, Document)] == inputs


def test_pipe_workers_exit_when_the_parent_dies(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    script = textwrap.dedent(
        f"""
        import multiprocessing, os, time
        import hanpipe

        def slow():
            i = 0
            while True:
                i += 1
                yield f"页{{i}}"
                time.sleep(0.01)

        p = hanpipe.Pipeline(clean=None, convert=None, segment=None, extract=["number"])
        for n, _ in enumerate(p.pipe(slow(), workers=2, chunksize=1)):
            if n == 20:
                kids = [c.pid for c in multiprocessing.active_children()]
                open({str(pids)!r}, "w").write(" ".join(map(str, kids)))
                os.kill(os.getpid(), 9)
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], timeout=120)
    assert proc.returncode == -signal.SIGKILL
    children = [int(pid) for pid in pids.read_text().split()]
    assert children
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in children):
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in children)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.text(max_size=12),
            st.just("BOOM"),
            st.binary(max_size=12),
            st.integers(),
            st.none(),
        ),
        max_size=20,
    )
)
def test_pipe_always_one_result_per_input_in_order(inputs: list[object]) -> None:
    results = list(_PROPERTY_PIPELINE.pipe(inputs))  # type: ignore[arg-type]
    assert len(results) == len(inputs)
    for i, (data, result) in enumerate(zip(inputs, results)):
        if isinstance(data, (int, type(None))):
            assert isinstance(result, ErrorRecord) and (result.index, result.error) == (i, "InputError")
        elif isinstance(data, str) and "BOOM" in data:
            _assert_plugin_record(result, i, "extract", "gen-raises")
        else:
            assert isinstance(result, Document)


_PROPERTY_PIPELINE = _pipeline(extract=["number", "gen-raises"])


# -- options checked at build time -------------------------------------------


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Pipeline(segment_hmm="no"), "option 'hmm' must be True or False, got 'no'"),
        (lambda: hanpipe.segment("我来到北京", hmm="false"), "option 'hmm' must be True or False"),  # type: ignore[arg-type]
        (lambda: hanpipe.segment("我来到北京", mode="fast"), "mode must be one of"),
        (lambda: Pipeline(encoding="klingon"), "unknown text encoding 'klingon'"),
        (lambda: Pipeline(encoding="base64"), "unknown text encoding 'base64'"),
        (lambda: Pipeline(encoding=8), "encoding must be a string"),
        (lambda: hanpipe.decode(b"abc", encoding="klingon"), "unknown text encoding 'klingon'"),
        (lambda: Pipeline(**LIGHT).decode(b"abc", encoding="rot13"), "unknown text encoding 'rot13'"),
        (lambda: Pipeline(extract=5), "extract: expected a list of engine names"),
        (lambda: Pipeline(clean=True), "clean: expected a list of engine names"),
        (lambda: Pipeline(convert=True), "convert: expected an engine name"),
        (lambda: Pipeline(extract=["money", 3]), "expected an engine name"),
        (lambda: Pipeline(extract={"money": 3}), "options of 'money' must be a dict"),
        (lambda: hanpipe.extract("一百元", kinds=5), "extract: expected a list of engine names"),  # type: ignore[arg-type]
        (lambda: Pipeline(extract=[{"engine": "keyword", "top_k": 2.5}]), "option 'top_k' must be an integer"),
        (lambda: Pipeline(convert_variant=7), "option 'variant' must be a string"),
        (lambda: Pipeline(plugins="hanpipe_hashtags"), "plugins must be a list"),
    ],
)
def test_pipeline_bad_options_are_config_errors_at_build_time(build, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError, match=message):
        build()


def test_extract_kinds_as_one_name_means_that_extractor() -> None:
    # the same as Pipeline(extract="money"): one name is a list of one
    assert [e.kind for e in hanpipe.extract("花了一百元", kinds="money")] == ["money"]


def test_engine_attributes_are_checked_at_registration() -> None:
    class BadPriority:
        name = "bad-priority"
        priority = "high"

        def extract(self, doc: Document) -> list[Entity]:
            return []

    class Plugin:
        @hanpipe.hookimpl
        def hanpipe_register_extractors(self, register):  # type: ignore[no-untyped-def]
            register(BadPriority)

    with pytest.raises(ConfigError, match=r"bad-priority.*priority must be an integer or None"):
        Pipeline(plugins=[Plugin()], entry_points=False)


def test_tokens_outside_the_text_name_the_segmenter() -> None:
    class Overreach:
        name = "overreach"

        def segment(self, text: str) -> Tokens:
            return Tokens.from_arrays([0], [len(text) + 5])

    class Plugin:
        @hanpipe.hookimpl
        def hanpipe_register_segmenters(self, register):  # type: ignore[no-untyped-def]
            register(Overreach)

    p = Pipeline(plugins=[Plugin()], entry_points=False, segment="overreach", convert=None, extract=None)
    with pytest.raises(PluginError, match=r"overreach.*outside the text"):
        p.process("你好")


def test_only_third_party_results_are_checked_at_run_time() -> None:
    """A built-in engine's results are checked by the contracts in the test suite, not on every call;
    the same engine from any other distribution has each result checked."""
    from hanpipe.registry import BUILTIN_DISTRIBUTION, Engine, EngineInfo

    class Overreach:
        name = "overreach"

        def segment(self, text: str) -> Tokens:
            return Tokens.from_arrays([0], [len(text) + 5])

    def engine(distribution: str) -> Engine:
        return Engine(EngineInfo("segment", "overreach", Overreach, distribution), Overreach())

    assert engine(BUILTIN_DISTRIBUTION)("你好").ends.tolist() == [7]
    with pytest.raises(PluginError, match=r"overreach.*outside the text"):
        engine("someone-elses-plugin")("你好")


def test_public_surface_shows_the_api_and_the_real_defaults() -> None:
    import inspect
    import pydoc

    names = dir(hanpipe)
    assert "Pipeline" in names and "process" in names and "__version__" in names
    assert not {"Any", "importlib", "TYPE_CHECKING", "annotations"} & set(names)
    params = inspect.signature(Pipeline).parameters
    assert repr(params["segment"].default) == "jieba" and repr(params["convert"].default) == "opencc"
    assert "number" in repr(params["extract"].default)
    assert "<object object" not in pydoc.render_doc(Pipeline)


def test_pipe_keeps_going_when_a_worker_dies_between_two_submits() -> None:
    # every third input kills its worker: the pool is often broken when the next chunk is sent
    p = _pipeline(extract=["killer"])
    inputs = ["KILL" if i % 3 == 0 else f"页{i}" for i in range(24)]
    results = []
    for result in p.pipe(inputs, workers=2, chunksize=1):
        results.append(result)
        time.sleep(0.05)  # a slow reader: workers die while the pipe waits to send the next chunk
    assert [isinstance(r, ErrorRecord) and r.error == "WorkerDied" for r in results] == [
        i % 3 == 0 for i in range(24)
    ]
    assert [r.source for r in results if isinstance(r, Document)] == [x for x in inputs if x != "KILL"]
