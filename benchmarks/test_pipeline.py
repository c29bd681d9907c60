"""The whole pipeline on the seeds as pages of bytes, beside the same job done with the peers."""

from __future__ import annotations

from typing import Any

import pytest

import hanpipe
from benchmarks import corpus


@pytest.fixture(scope="module")
def pages() -> list[bytes]:
    return corpus.pages()


def _size(pages: list[bytes]) -> int:
    return sum(len(p) for p in pages)


@pytest.mark.benchmark(group="pipeline")
def test_pipeline_hanpipe(measure: Any, pages: list[bytes]) -> None:
    pipeline = hanpipe.Pipeline()

    def run() -> int:
        return sum(1 for _ in pipeline.pipe(pages))

    assert measure(run, nbytes=_size(pages), rounds=1) == len(pages)


@pytest.mark.benchmark(group="pipeline")
def test_pipeline_peers(measure: Any, pages: list[bytes]) -> None:
    """charset-normalizer, then OpenCC t2s, then jieba.lcut: the job as done without hanpipe."""
    charset_normalizer = pytest.importorskip("charset_normalizer")
    opencc = pytest.importorskip("opencc")
    import jieba

    converter = opencc.OpenCC("t2s")
    jieba.initialize()

    def run() -> int:
        n = 0
        for page in pages:
            text = str(charset_normalizer.from_bytes(page).best())
            n += len(jieba.lcut(converter.convert(text))) > 0
        return n

    assert measure(run, nbytes=_size(pages), role="charset-normalizer+opencc+jieba", rounds=1) == len(pages)


def _strings_of_about(pages: list[bytes], size: int, count: int = 400) -> list[str]:
    """``count`` consecutive pieces of the seeds' text of about ``size`` bytes of UTF-8 each."""
    text = "".join(p.decode("utf-8", "replace") for p in pages[:5])
    step = max(1, size // 3)  # Chinese text: about three bytes a character
    return [text[i * step : (i + 1) * step] for i in range(count)]


@pytest.mark.benchmark(group="process-per-call-200B")
@pytest.mark.parametrize("role", ["hanpipe", "opencc+jieba"])
def test_process_one_string_per_call(measure: Any, benchmark: Any, pages: list[bytes], role: str) -> None:
    """One call per 200-byte string, as a service calls it: ``hanpipe.process`` (every stage) beside
    OpenCC t2s then ``jieba.lcut`` on the string (no detection to do on a str). The time per call is
    the median time over the number of strings."""
    strings = _strings_of_about(pages, 200)
    if role == "hanpipe":
        fn = hanpipe.process
    else:
        opencc = pytest.importorskip("opencc")
        import jieba

        converter = opencc.OpenCC("t2s")
        jieba.initialize()

        def fn(text: str) -> Any:
            return jieba.lcut(converter.convert(text))

    def run() -> int:
        return sum(1 for s in strings if fn(s) is not None)

    nbytes = sum(len(s.encode()) for s in strings)
    assert measure(run, nbytes=nbytes, role=role, rounds=5) == len(strings)
    if benchmark.stats is not None:
        benchmark.extra_info["us_per_call"] = round(benchmark.stats.stats.median / len(strings) * 1e6, 1)
