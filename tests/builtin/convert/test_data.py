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
    formats: dict[str, str] = {}
    assert _data._leaves(config, formats, "here") == [(0, "A"), (0, "B"), (1, "C")]
    assert formats == {"A": "ocd2", "B": "ocd2", "C": "ocd2"}
    assert _data._leaves({"type": "text", "file": "x.txt"}, formats, "here") == [(0, "x.txt")]
    assert formats["x.txt"] == "text"


@pytest.mark.parametrize(
    ("node", "message"),
    [
        ({"type": "darts", "file": "x.ocd"}, "unsupported OpenCC dictionary type 'darts'"),
        ({"type": "group", "match_policy": "longest", "dicts": [{"type": "ocd2", "file": "A"}]}, "match_policy"),
        ({"type": "group", "dicts": []}, "non-empty list 'dicts'"),
        ({"type": "ocd2"}, "needs a 'file'"),
        ("TSPhrases.ocd2", "must be a JSON object"),
    ],
)
def test_leaves_reject_what_they_cannot_run(node, message):
    with pytest.raises(ConfigError, match=message) as info:
        _data._leaves(node, {}, "OpenCC configuration my.json")
    assert "my.json" in str(info.value)


def _share_with(tmp_path, config: dict, files: dict[str, str]):
    """A share directory holding ``config`` as my.json and text dictionaries ``files``."""
    (tmp_path / "my.json").write_text(json.dumps(config), encoding="utf-8")
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"segmentation": {"type": "jieba", "dict": {"type": "text", "file": "a.txt"}}}, "segmentation 'jieba'"),
        ({"conversion_chain": []}, "no conversion_chain"),
        ({"conversion_chain": [{"dictionary": {}}]}, "must be a list of"),
        ({"normalization": {"dict": {}}, "conversion_chain": [{"dict": {"type": "text", "file": "a.txt"}}]}, "list"),
    ],
)
def test_read_spec_rejects_what_it_cannot_run(tmp_path, config, message):
    share = _share_with(tmp_path, config, {"a.txt": "a\tb\n"})
    with pytest.raises(ConfigError, match=message):
        read_spec(share, "my.json")
    with pytest.raises(ConfigError, match="cannot read"):
        read_spec(share, "missing.json")


def test_text_dictionaries_compile_and_convert(tmp_path):
    """A configuration naming plain-text dictionaries runs like one naming ocd2 files."""
    from hanpipe.builtin.convert.opencc import Runner
    from tests.reference import convert_naive

    config = {
        "segmentation": {"type": "mmseg", "dict": {"type": "text", "file": "phrases.txt"}},
        "conversion_chain": [
            {
                "dict": {
                    "type": "group",
                    "dicts": [{"type": "text", "file": "phrases.txt"}, {"type": "text", "file": "chars.txt"}],
                }
            }
        ],
    }
    share = _share_with(tmp_path, config, {"phrases.txt": "頭髮\t头发\n", "chars.txt": "髮\t发 髪\n頭\t头\n"})
    spec = read_spec(share, "my.json")
    assert dict(spec.formats) == {"chars.txt": "text", "phrases.txt": "text"}
    tables = {name: read_dict(share, name, kind) for name, kind in spec.files()}
    assert tables["chars.txt"] == {"髮": "发", "頭": "头"}
    runner = Runner(_data.compile_spec(spec, tables, variant="mine"))
    text = "頭髮與髮頭"
    levels = [[(rank, tables[name]) for rank, name in level] for level in spec.levels]
    expected = convert_naive.convert(text, [], levels[spec.segmentation], [levels[i] for i in spec.chain])
    assert runner.run(text)[0] == expected == "头发與发头"
    with pytest.raises(ConfigError, match="unsupported OpenCC dictionary type 'darts'"):
        read_dict(share, "chars.txt", "darts")


def test_every_official_configuration_is_a_variant():
    """A configuration a new OpenCC wheel ships is noticed here, not by a user."""
    shipped = {path.stem for path in opencc_share_dir().glob("*.json")}
    assert shipped == set(VARIANTS)
    for variant, config_file in VARIANTS.items():
        spec = read_spec(opencc_share_dir(), config_file)
        assert spec.chain, variant
        assert {kind for _, kind in spec.files()} == {"ocd2"}, variant


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


def test_with_script_marks_classes_above_the_level_bits():
    from hanpipe.builtin.convert._script import HAN_BIT, LEVEL_LIMIT, SIMPLIFIED_BIT, TRADITIONAL_BIT

    trie = _data.build_trie([[(0, {"ab": "x"})], [(0, {"髮": "发"})]])
    marked = _data.with_script(trie, ["髮"], ["发"])
    levels = (1 << LEVEL_LIMIT) - 1
    n = trie.start_mask.shape[0]
    assert ((marked.start_mask[:n] & levels) == trie.start_mask).all()
    assert not (marked.start_mask[n:] & levels).any()
    bits = {ch: int(marked.start_mask[ord(ch)]) >> LEVEL_LIMIT << LEVEL_LIMIT for ch in "髮发a的𠀀\U000323af"}
    han = 1 << HAN_BIT
    assert bits == {
        "髮": han | 1 << TRADITIONAL_BIT,
        "发": han | 1 << SIMPLIFIED_BIT,
        "a": 0,
        "的": han,
        "𠀀": han,
        "\U000323af": han,
    }
    assert marked.start_mask.shape[0] == 0x323B0
    for name in _data.Trie.FIELDS:
        if name != "start_mask":
            assert getattr(marked, name) is getattr(trie, name)


def test_build_trie_refuses_more_levels_than_the_mask_holds():
    from hanpipe.builtin.convert._script import LEVEL_LIMIT

    _data.build_trie([[(0, {"a": "b"})]] * LEVEL_LIMIT)
    with pytest.raises(ConfigError, match=f"at most {LEVEL_LIMIT}"):
        _data.build_trie([[(0, {"a": "b"})]] * (LEVEL_LIMIT + 1))
