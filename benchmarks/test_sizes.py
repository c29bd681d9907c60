"""The document-size sweep: hanpipe beside two peer chains on documents of 50 B to 1 MB.

The seeds, as bytes, are cut into documents of about each size in
``SIZES`` (``benchmarks.sweep.documents``: consecutive lines, long lines cut
at a character start), about 4 MB per size. Four roles run on them, each in
one group per size (``sizes-1KB``, ...):

* ``hanpipe``: the default pipeline, ``Pipeline().pipe(docs)`` (batches),
  every result read; ``hanpipe-workers2`` is the same with ``workers=2``;
* ``charset-normalizer+opencc+jieba``: each document detected and decoded by
  charset-normalizer, converted by OpenCC t2s, segmented by ``jieba.lcut``;
* ``charset-normalizer+ftfy+opencc+jieba+cn2an+re``: the jobs hanpipe does,
  done with the peers: the chain above with ``ftfy.fix_text`` after decoding,
  then ``cn2an.transform(text, "cn2an")`` and ``re`` patterns for e-mail
  addresses, URLs and phone numbers.

Every role gets the same documents, as bytes; the peers run no hanpipe code.
The pipeline is warmed up on the whole seeds once, and every role on the
first documents of each size. hanpipe's roles are timed for
``HANPIPE_ROUNDS`` rounds (the median counts), the slower peer chains for one.

At the end of the session the sweep is printed as a Markdown table (MB/s,
documents/s, ratio of hanpipe with one worker to each chain) with the fit of
seconds per document to a fixed cost plus a cost per byte. A run that keeps
its results (``--benchmark-autosave`` or ``--benchmark-save``, as ``nox -s
bench`` does) with the whole sweep also redraws ``docs/bench-sizes.svg``.

With ``--benchmark-disable`` (the tests session) each size is cut from
``SMOKE_BYTES`` only, with documents of at most that size, untimed.
"""

from __future__ import annotations

import datetime
import logging
import os
import platform
import re
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

import hanpipe
from benchmarks import sweep
from benchmarks.corpus import ROOT, SEED_PATHS, TARGET_BYTES
from benchmarks.sweep import SIZES, Measurement

#: timed rounds of hanpipe's roles (the peer chains run one)
HANPIPE_ROUNDS = 3
#: bytes per size, and at most per document, when the benchmark is disabled (tests session)
SMOKE_BYTES = 16_000
#: documents every role is warmed up on
WARM_DOCS = 16
CHART = ROOT / "docs" / "bench-sizes.svg"

EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
URL = re.compile(r"https?://[^\s<>\"'，。；、！？（）【】《》]+")
PHONE = re.compile(r"(?<!\d)(?:1[3-9]\d(?:[ -]?\d{4}){2}|0\d{2,3}-\d{7,8}|[48]00-?\d{3}-?\d{4})(?!\d)")


class SweepReport:
    """Collects the sweep's timings; at the end of the session prints them and redraws the chart."""

    def __init__(self) -> None:
        self.found: list[Measurement] = []

    def pytest_terminal_summary(self, terminalreporter: Any, config: Any) -> None:
        if not self.found:
            return
        write = terminalreporter.write_line
        write("")
        write(
            f"document-size sweep: every role on the same documents, {_mb(self.found)} per size; hanpipe "
            f"the median of {HANPIPE_ROUNDS} rounds, the peer chains one round (KB = 1000 bytes)"
        )
        for line in sweep.markdown_table(self.found):
            write(line)
        fits = sweep.fit_table(self.found)
        if fits:
            write("")
            write("fit: seconds per document = fixed + per byte × bytes (least squares on relative error)")
            for line in fits:
                write(line)
        if self._complete() and (config.getoption("benchmark_autosave") or config.getoption("benchmark_save")):
            CHART.write_text(sweep.chart(self.found, _caption()), encoding="utf-8")
            write(f"wrote {CHART.relative_to(ROOT)}")

    def _complete(self) -> bool:
        return all(any(m.size == s and m.role == sweep.HANPIPE for m in self.found) for s in SIZES)


@pytest.fixture(scope="module")
def report(request: Any) -> SweepReport:
    manager = request.config.pluginmanager
    found = manager.get_plugin("hanpipe-size-sweep")
    if found is None:
        found = SweepReport()
        manager.register(found, "hanpipe-size-sweep")
    return found


@pytest.fixture(scope="module")
def pages() -> list[bytes]:
    return [p.read_bytes() for p in SEED_PATHS]


_DOCS: dict[tuple[str, bool], list[bytes]] = {}


def _documents(pages: list[bytes], size: str, smoke: bool) -> list[bytes]:
    if (size, smoke) not in _DOCS:
        _DOCS.clear()  # sizes run one after the other: keep one size's documents
        if smoke:
            _DOCS[size, smoke] = sweep.documents(pages, min(SIZES[size], SMOKE_BYTES), SMOKE_BYTES)
        else:
            _DOCS[size, smoke] = sweep.documents(pages, SIZES[size], TARGET_BYTES)
    return _DOCS[size, smoke]


@pytest.fixture(scope="module")
def pipeline(pages: list[bytes]) -> hanpipe.Pipeline:
    """The default pipeline, warmed up on the whole seeds: every kernel the documents need is compiled."""
    pipeline = hanpipe.Pipeline()
    for _ in pipeline.pipe(pages):
        pass
    return pipeline


def _hanpipe(pipeline: hanpipe.Pipeline, workers: int) -> Callable[[Sequence[bytes]], int]:
    def run(docs: Sequence[bytes]) -> int:
        n = 0
        for result in pipeline.pipe(docs, workers=workers):
            if isinstance(result, hanpipe.ErrorRecord):
                raise AssertionError(f"input {result.index} failed: {result.error}: {result.message}")
            n += 1
        return n

    return run


def _decoder() -> Callable[[bytes], str]:
    charset_normalizer = pytest.importorskip("charset_normalizer")

    def decode(data: bytes) -> str:
        best = charset_normalizer.from_bytes(data).best()
        return str(best) if best is not None else data.decode("utf-8", errors="replace")

    return decode


def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def _chain_basic() -> Callable[[Sequence[bytes]], int]:
    """charset-normalizer, OpenCC t2s, jieba.lcut: the job as done without hanpipe (as in test_pipeline)."""
    decode = _decoder()
    t2s = pytest.importorskip("opencc").OpenCC("t2s").convert
    lcut = _jieba().lcut

    def run(docs: Sequence[bytes]) -> int:
        n = 0
        for data in docs:
            lcut(t2s(decode(data)))
            n += 1
        return n

    return run


def _chain_same_jobs() -> Callable[[Sequence[bytes]], int]:
    """What hanpipe does, with the peers: decode, repair, convert, segment, read numerals, find contacts."""
    decode = _decoder()
    fix_text = pytest.importorskip("ftfy").fix_text
    t2s = pytest.importorskip("opencc").OpenCC("t2s").convert
    transform = pytest.importorskip("cn2an").transform
    lcut = _jieba().lcut

    def run(docs: Sequence[bytes]) -> int:
        n = 0
        for data in docs:
            text = t2s(fix_text(decode(data)))
            lcut(text)
            transform(text, "cn2an")
            EMAIL.findall(text)
            URL.findall(text)
            PHONE.findall(text)
            n += 1
        return n

    return run


def _runner(role: str, pipeline: hanpipe.Pipeline) -> Callable[[Sequence[bytes]], int]:
    if role == sweep.HANPIPE:
        return _hanpipe(pipeline, 1)
    if role == sweep.WORKERS2:
        return _hanpipe(pipeline, 2)
    if role == sweep.PEERS[0]:
        return _chain_basic()
    return _chain_same_jobs()


@pytest.mark.parametrize("role", list(sweep.ROLES))
@pytest.mark.parametrize("size", list(SIZES))
def test_sizes(
    benchmark: Any, report: SweepReport, pipeline: hanpipe.Pipeline, pages: list[bytes], size: str, role: str
) -> None:
    docs = _documents(pages, size, benchmark.disabled)
    run = _runner(role, pipeline)
    run(docs[:WARM_DOCS])  # warm up: kernels, dictionaries, the peers' caches
    nbytes = sum(len(d) for d in docs)
    benchmark.group = f"sizes-{size}"
    benchmark.extra_info.update(bytes=nbytes, role=role, docs=len(docs), size=size)
    rounds = 1 if role in sweep.PEERS else HANPIPE_ROUNDS
    assert benchmark.pedantic(run, args=(docs,), rounds=rounds, iterations=1, warmup_rounds=0) == len(docs)
    if benchmark.stats is not None:
        report.found.append(Measurement(size, role, nbytes, len(docs), benchmark.stats.stats.median))


def _mb(found: list[Measurement]) -> str:
    sizes = {round(m.nbytes / 1e6, 2) for m in found}
    if not sizes:
        return "nothing"
    return f"{min(sizes)}–{max(sizes)} MB" if len(sizes) > 1 else f"{sizes.pop()} MB"


def _caption() -> str:
    """Date, commit and machine of this run, for the chart."""
    commit = _git("rev-parse", "--short", "HEAD") or "unknown commit"
    if _git("status", "--porcelain", "--untracked-files=no"):
        commit += " with local changes"
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    return f"{today}, commit {commit}; {os.cpu_count()} cores, {cpu}; Python {platform.python_version()}"


def _git(*args: str) -> str:
    try:
        out = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10, check=True)
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.stdout.strip()
