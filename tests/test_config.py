"""Configuration as data: one frozen, hashable, printable object per pipeline."""

from __future__ import annotations

import dataclasses
import pickle
from typing import Literal

import pytest

from hanpipe import ConfigError, Pipeline
from hanpipe._options import explain
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


@pytest.mark.parametrize(
    ("annotation", "value", "why"),
    [
        (list[Literal["SH", "SZ"]] | None, ["NYSE"], "item 'NYSE' must be one of 'SH', 'SZ'"),
        (list[int], ["q"], "item 'q' must be an integer"),
        (tuple[int, ...], [1, "q"], "item 'q' must be an integer"),
        (dict[str, str], {"a": 1}, "value 1 must be a string"),
        (bool, "no", "must be True or False, got 'no'"),
        (int | None, 2.5, "must be an integer or None, got 2.5"),
        (list[int], "abc", "must be a list, got 'abc'"),
        (list[int] | None, [1, 2], None),
        (Literal["a", "b"], "b", None),
    ],
)
def test_options_explain_names_what_does_not_fit(annotation: object, value: object, why: str | None) -> None:
    assert explain(annotation, value) == why


def test_options_a_bad_item_of_a_list_option_is_named_at_build_time() -> None:
    import hanpipe
    from hanpipe import Document, Entity

    class Stock:
        name = "stock"

        def __init__(self, *, exchanges: list[Literal["SH", "SZ", "HK"]] | None = None) -> None:
            self.exchanges = exchanges

        def extract(self, doc: Document) -> list[Entity]:
            return []

    class Plugin:
        @hanpipe.hookimpl
        def hanpipe_register_extractors(self, register):  # type: ignore[no-untyped-def]
            register(Stock)

    with pytest.raises(ConfigError, match=r"option 'exchanges' item 'NYSE' must be one of 'SH', 'SZ', 'HK'"):
        Pipeline(plugins=[Plugin()], entry_points=False, extract=[{"engine": "stock", "exchanges": ["NYSE"]}])
    p = Pipeline(plugins=[Plugin()], entry_points=False, extract=[{"engine": "stock", "exchanges": ["HK"]}])
    assert p.engine("extract").exchanges == ["HK"]  # plain data, as given


def test_config_values_equal_across_types_are_different_options() -> None:
    # 1 == True in Python, but hmm=1 is a mistake and must not find the pipeline built for hmm=True
    assert PipelineConfig.of(segment_hmm=1) != PipelineConfig.of(segment_hmm=True)
    assert PipelineConfig.of(extract=[{"engine": "keyword", "top_k": 5.0}]) != PipelineConfig.of(
        extract=[{"engine": "keyword", "top_k": 5}]
    )
    import hanpipe

    assert hanpipe.segment("我来到北京", hmm=True) == ["我", "来到", "北京"]
    for bad in (1, 0, [1], "false"):
        with pytest.raises(ConfigError, match="option 'hmm' must be True or False"):
            hanpipe.segment("我来到北京", hmm=bad)  # type: ignore[arg-type]


def test_one_call_functions_find_their_engine_by_plain_options_and_still_refuse_bad_ones() -> None:
    import hanpipe

    assert hanpipe.convert("漢字與詞語") == "汉字与词语"
    assert hanpipe.convert("汉字", "s2t") == "漢字"
    for bad in (["t2s"], {"t2s"}, "x2y", 1):
        with pytest.raises(ConfigError):
            hanpipe.convert("漢字", bad)  # type: ignore[arg-type]
    searched = ["我", "来到", "北京", "清华", "华大", "大学", "清华大学"]  # jieba.lcut_for_search
    assert hanpipe.segment("我来到北京清华大学", mode="search") == searched
    with pytest.raises(ConfigError):
        hanpipe.segment("我来到北京", mode=["search"])  # type: ignore[arg-type]
