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
