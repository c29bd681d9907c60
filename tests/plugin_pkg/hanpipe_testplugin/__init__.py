"""Engines for the hanpipe test suite: a character segmenter and an extractor that fails."""

from __future__ import annotations

import numpy as np

import hanpipe
from hanpipe import Document, Tokens


class CharSegmenter:
    """One token per character."""

    name = "test-chars"

    def segment(self, text: str) -> Tokens:
        return Tokens.from_arrays(np.arange(len(text)), np.arange(1, len(text) + 1))


class BoomExtractor:
    """Raises on every document, to test how failures are reported."""

    name = "test-boom"

    def extract(self, doc: Document) -> list[hanpipe.Entity]:
        raise RuntimeError("boom on purpose")


@hanpipe.hookimpl
def hanpipe_register_segmenters(register):  # type: ignore[no-untyped-def]
    register(CharSegmenter)


@hanpipe.hookimpl
def hanpipe_register_extractors(register):  # type: ignore[no-untyped-def]
    register(BoomExtractor)
