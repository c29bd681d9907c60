"""The built-in engines pass the contracts offered to plugin authors."""

from __future__ import annotations

from typing import Any

import pytest

from hanpipe.registry import default_registry
from hanpipe.testing import SAMPLES, CleanerContract, ConverterContract, ExtractorContract, SegmenterContract
from tests.strategies import SEED_TEXTS

REGISTRY = default_registry()

#: the samples and a window of each seed page: random batches are cut from their amounts, dates and contacts
PAGE_SAMPLES = SAMPLES + tuple(text[:4000] for text in SEED_TEXTS)


def _builtin(stage: str) -> list[str]:
    return sorted(name for name, info in REGISTRY.engines[stage].items() if info.distribution == "hanpipe")


class TestSegmenters(SegmenterContract):
    samples = PAGE_SAMPLES
    batch_rounds = 150

    @pytest.fixture(autouse=True, params=_builtin("segment"))
    def _engine(self, request: pytest.FixtureRequest) -> None:
        self.name = request.param

    def make_engine(self) -> Any:
        return REGISTRY.build("segment", self.name).impl


class TestConverters(ConverterContract):
    samples = PAGE_SAMPLES
    batch_rounds = 150

    @pytest.fixture(autouse=True, params=_builtin("convert"))
    def _engine(self, request: pytest.FixtureRequest) -> None:
        self.name = request.param

    def make_engine(self) -> Any:
        return REGISTRY.build("convert", self.name).impl


class TestCleaners(CleanerContract):
    samples = PAGE_SAMPLES
    batch_rounds = 150

    @pytest.fixture(autouse=True, params=_builtin("clean"))
    def _engine(self, request: pytest.FixtureRequest) -> None:
        self.name = request.param

    def make_engine(self) -> Any:
        return REGISTRY.build("clean", self.name).impl


class TestExtractors(ExtractorContract):
    samples = PAGE_SAMPLES
    batch_rounds = 150

    @pytest.fixture(autouse=True, params=_builtin("extract"))
    def _engine(self, request: pytest.FixtureRequest) -> None:
        self.name = request.param

    def make_engine(self) -> Any:
        return REGISTRY.build("extract", self.name).impl


def test_testing_every_builtin_stage_is_covered() -> None:
    assert all(_builtin(stage) for stage in ("segment", "convert", "clean", "extract"))
