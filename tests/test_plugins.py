"""Plugin discovery, selection by name, and how failures are reported."""

from __future__ import annotations

import pytest

import hanpipe
from hanpipe import ConfigError, Document, Pipeline, PluginError
from hanpipe.registry import Registry


def test_plugins_entry_point_plugin_is_found_with_its_distribution() -> None:
    registry = Registry()
    info = registry.info("segment", "test-chars")
    assert info.distribution == "hanpipe-testplugin"
    assert registry.info("segment", "jieba-ref").distribution == "hanpipe"


def test_plugins_entry_points_can_be_switched_off() -> None:
    registry = Registry(entry_points=False)
    assert "test-chars" not in registry.engines["segment"]


def test_plugins_entry_point_engine_selected_by_name() -> None:
    doc = Pipeline(convert=None, segment="test-chars", extract=None).process("大模型")
    assert doc.words == ["大", "模", "型"]


def test_plugins_failure_names_stage_engine_and_distribution() -> None:
    p = Pipeline(convert=None, segment=None, extract=["test-boom"])
    with pytest.raises(PluginError, match="extract engine 'test-boom' from hanpipe-testplugin") as info:
        p.process("文本")
    err = info.value
    assert (err.stage, err.engine, err.distribution) == ("extract", "test-boom", "hanpipe-testplugin")
    assert isinstance(err.__cause__, RuntimeError) and str(err.__cause__) == "boom on purpose"


def test_plugins_unknown_engine_lists_installed_ones() -> None:
    with pytest.raises(ConfigError, match=r"no segment engine named 'pkuseg'; installed: .*jieba-ref.*test-chars"):
        Pipeline(convert=None, segment="pkuseg")


def test_plugins_unknown_option_lists_options() -> None:
    with pytest.raises(ConfigError, match=r"has no option 'hmmm'; options: hmm, mode, userdict"):
        Pipeline(convert=None, segment={"engine": "jieba-ref", "hmmm": False})


class _Dup:
    name = "jieba-ref"

    def segment(self, text: str) -> hanpipe.Tokens:
        return hanpipe.Tokens.from_words([text])


class _DupPlugin:
    @hanpipe.hookimpl
    def hanpipe_register_segmenters(self, register):  # type: ignore[no-untyped-def]
        register(_Dup)


def test_plugins_duplicate_names_are_an_error_naming_both() -> None:
    with pytest.raises(ConfigError, match=r"two segment engines are named 'jieba-ref': one from hanpipe, one from"):
        Registry([_DupPlugin()], entry_points=False)


class _Nameless:
    def clean(self, doc: Document) -> Document:
        return doc


class _BadRegistrar:
    @hanpipe.hookimpl
    def hanpipe_register_cleaners(self, register):  # type: ignore[no-untyped-def]
        register(_Nameless)


def test_plugins_engine_without_name_is_rejected() -> None:
    with pytest.raises(ConfigError, match="without a string 'name'"):
        Registry([_BadRegistrar()], entry_points=False)


class _Shout:
    name = "shout"

    def __init__(self, *, suffix: str = "!") -> None:
        self.suffix = suffix

    def clean(self, doc: Document) -> Document:
        return doc.apply_edits([hanpipe.Edit(len(doc.text), len(doc.text), self.suffix, "shout")], step=self.name)


class _ShoutPlugin:
    @hanpipe.hookimpl
    def hanpipe_register_cleaners(self, register):  # type: ignore[no-untyped-def]
        register(_Shout)


def test_plugins_local_plugin_object_runs_with_options() -> None:
    p = Pipeline(
        plugins=[_ShoutPlugin()],
        entry_points=False,
        clean=[{"engine": "shout", "suffix": "！！"}],
        convert=None,
        segment=None,
        extract=None,
    )
    doc = p.process("好")
    assert doc.text == "好！！"
    assert doc.meta["repairs"] == [{"step": "shout", "edits": 1}]


def test_plugins_unknown_engine_names_the_way_to_the_real_plugin() -> None:
    with pytest.raises(ConfigError, match=r"Try: pip install \./plugins/hanpipe-hashtags"):
        Pipeline(extract=["hashtag"], plugins=[object()], entry_points=False)
    with pytest.raises(ConfigError, match="Try: hanpipe plugins") as info:
        Pipeline(extract=["pkuseg-ner"], entry_points=False)
    assert "hanpipe-pkuseg-ner" not in str(info.value)  # no guess at a package that may not exist


def test_plugins_an_installed_plugin_given_again_is_registered_once() -> None:
    import hanpipe_testplugin

    p = Pipeline(plugins=[hanpipe_testplugin], convert=None, segment="test-chars", extract=None)
    assert p.registry.info("segment", "test-chars").distribution == "hanpipe-testplugin"
    assert p.process("你好").words == ["你", "好"]


def test_plugins_an_entry_point_that_fails_to_load_names_its_distribution(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import metadata

    broken = metadata.EntryPoint("broken", "hanpipe_no_such_module", "hanpipe")
    monkeypatch.setattr(metadata, "entry_points", lambda group: [broken] if group == "hanpipe" else [])
    with pytest.raises(PluginError, match=r"plugin 'broken' \(hanpipe_no_such_module\).*could not be loaded"):
        Registry()
