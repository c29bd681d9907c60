"""Reading OpenCC's configurations and dictionaries, compiling them, and the disk cache."""

from __future__ import annotations

import importlib.machinery
import json

import numpy as np
import pytest

from hanpipe import ConfigError
from hanpipe.builtin.convert import _data
from hanpipe.builtin.convert._data import VARIANTS, load_program, opencc_share_dir, read_dict, read_spec


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """An empty cache directory and no program held in memory."""
    monkeypatch.setenv("HANPIPE_CACHE", str(tmp_path))
    monkeypatch.setattr(_data, "_PROGRAMS", {})
    return tmp_path


def test_read_spec_follows_the_config_groups():
    spec = read_spec(opencc_share_dir(), VARIANTS["tw2sp"])
    assert [spec.levels[i] for i in spec.normalization] == [((0, "CJK_Compatibility_Ideographs.ocd2"),)]
    assert spec.levels[spec.segmentation] == ((0, "TSPhrases.ocd2"),)
    first, second = (spec.levels[i] for i in spec.chain)
    # short_circuit groups: one rank per member, in order
    assert first == ((0, "TWPhrasesRev.ocd2"), (1, "TWVariantsRevPhrases.ocd2"), (2, "TWVariantsRev.ocd2"))
    assert second == ((0, "TSPhrases.ocd2"), (1, "TSCharactersExt.ocd2"), (2, "TSCharacters.ocd2"))
    assert read_spec(opencc_share_dir(), VARIANTS["t2s"]).segmentation == -1


def test_leaves_give_union_members_one_rank():
    config = json.loads(
        '{"type": "group", "match_policy": "short_circuit", "dicts": ['
        '{"type": "group", "match_policy": "union", "dicts": ['
        '{"type": "ocd2", "file": "A"}, {"type": "ocd2", "file": "B"}]},'
        '{"type": "ocd2", "file": "C"}]}'
    )
    assert _data._leaves(config) == [(0, "A"), (0, "B"), (1, "C")]
    with pytest.raises(ConfigError, match="unsupported"):
        _data._leaves({"type": "text", "file": "x.txt"})


def test_read_dict_dumps_the_wheels_dictionary():
    table = read_dict(opencc_share_dir(), "TSCharacters.ocd2")
    assert table["髮"] == "发" and table["頭"] == "头"
    assert len(table) > 3000


def test_load_program_compiles_once_then_reads_the_cache(fresh_cache, monkeypatch):
    program = load_program("hk2s")
    files = list((fresh_cache / "convert").glob("hk2s-*.npz"))
    assert len(files) == 1
    monkeypatch.setattr(_data, "_PROGRAMS", {})

    def no_compile(*args, **kwargs):
        raise AssertionError("compiled again although the cache was warm")

    monkeypatch.setattr(_data, "_compile", no_compile)
    again = load_program("hk2s")
    assert again is not program and again.key == program.key
    for name in _data.Trie.FIELDS:
        assert np.array_equal(getattr(again.trie, name), getattr(program.trie, name))


def test_load_program_rebuilds_a_damaged_cache(fresh_cache, monkeypatch):
    load_program("t2s")
    (path,) = (fresh_cache / "convert").glob("t2s-*.npz")
    path.write_bytes(b"not a zip file")
    monkeypatch.setattr(_data, "_PROGRAMS", {})
    program = load_program("t2s")
    assert program.trie.node_value.size > 0
    assert path.stat().st_size > 1000


def test_opencc_share_dir_names_the_impostor(tmp_path, monkeypatch):
    """opencc-python-reimplemented installs a module 'opencc' without the wheel's data."""
    fake = tmp_path / "opencc"
    fake.mkdir()
    (fake / "__init__.py").write_text("")
    spec = importlib.machinery.ModuleSpec("opencc", None, origin=str(fake / "__init__.py"))
    monkeypatch.setattr(_data.importlib.util, "find_spec", lambda name: spec)
    with pytest.raises(ConfigError, match="opencc-python-reimplemented"):
        opencc_share_dir()
    monkeypatch.setattr(_data.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ConfigError, match="pip install opencc"):
        opencc_share_dir()
