"""Configuration as data: one frozen, hashable, printable object per pipeline."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from hanpipe import ConfigError, Pipeline
from hanpipe.api import pipeline_for
from hanpipe.config import DEFAULT, EngineConfig, FrozenOptions, PipelineConfig


def test_config_forms_that_mean_the_same_are_equal_and_hash_alike() -> None:
    flat = PipelineConfig.of(segment_hmm=False, convert_variant="tw2s")
    nested = PipelineConfig.of(
        segment={"engine": "jieba", "hmm": False}, convert={"engine": "opencc", "variant": "tw2s"}
    )
    assert flat == nested and hash(flat) == hash(nested)
    assert PipelineConfig.of(extract="money") == PipelineConfig.of(extract=["money"])
    assert PipelineConfig.of(extract={"money": None}) == PipelineConfig.of(extract=("money",))
    assert PipelineConfig.of(segment=False) == PipelineConfig.of(segment=None)
    assert PipelineConfig.of() == DEFAULT


def test_config_repr_shows_only_what_differs_from_the_defaults() -> None:
    assert repr(DEFAULT) == "PipelineConfig()"
    config = PipelineConfig.of(segment_hmm=False, convert=None, extract=["money", {"engine": "keyword", "top_k": 5}])
    assert repr(config) == "PipelineConfig(convert=None, segment=jieba(hmm=False), extract=(money, keyword(top_k=5)))"


def test_config_is_frozen_and_pickles() -> None:
    config = PipelineConfig.of(convert={"engine": "opencc", "overrides": {"軟體": "软件"}}, encoding="big5")
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.encoding = "utf-8"  # type: ignore[misc]
    again = pickle.loads(pickle.dumps(config))
    assert again == config and hash(again) == hash(config)
    overrides = config.convert.options["overrides"]  # type: ignore[union-attr]
    assert isinstance(overrides, FrozenOptions) and dict(overrides) == {"軟體": "软件"}


def test_config_options_must_be_plain_data() -> None:
    class Opaque:
        __hash__ = None  # type: ignore[assignment]

    with pytest.raises(ConfigError, match="must be plain data"):
        PipelineConfig.of(segment={"engine": "jieba", "userdict": Opaque()})


def test_config_builds_the_pipeline_and_keys_the_api_cache() -> None:
    config = PipelineConfig.of(convert=None, segment=None, extract=["number"])
    assert Pipeline.from_config(config).config == config
    assert Pipeline(convert=None, segment=None, extract=["number"]).config == config
    assert pipeline_for(segment_hmm=False) is pipeline_for(segment={"engine": "jieba", "hmm": False})
    with pytest.raises(ConfigError, match="expected a PipelineConfig"):
        Pipeline.from_config({"segment": None})  # type: ignore[arg-type]


def test_config_engine_config_spells_itself() -> None:
    assert repr(EngineConfig("jieba")) == "jieba"
    assert repr(EngineConfig.of("segment", {"engine": "jieba", "mode": "search"})) == "jieba(mode='search')"
