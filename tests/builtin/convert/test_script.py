"""``doc.meta["script"]``: Traditional, Simplified, mixed or neither, counted in the conversion's own pass.

The classes come from OpenCC's character tables (``_script.classes``); they
are checked on hand-picked characters and, for every character, against
what the official binding does to it alone. The kernel's counts are checked
against ``script_reference.py``, jitted and as plain Python.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hanpipe import Document, Pipeline
from hanpipe.batch import Batch
from hanpipe.builtin.convert import _kernels, opencc
from hanpipe.builtin.convert._data import VARIANTS, load_program, opencc_share_dir, read_script
from hanpipe.builtin.convert._script import FIELD, LEVEL_LIMIT, describe
from hanpipe.builtin.convert.opencc import OpenCCConverter, Runner
from tests.builtin.convert import script_reference
from tests.conftest import TRADITIONAL_SEEDS

SIMPLIFIED_SEEDS = ("000_f95afbe425cd4988.txt", "002_cabd379895d3200d.txt", "003_c76b33a41cce0777.txt")


@pytest.fixture(scope="module")
def classes() -> tuple[set[str], set[str]]:
    return read_script(opencc_share_dir())


@pytest.fixture(params=["jit", "py_func"])
def plain(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Run the kernels compiled, or as plain Python also inside :class:`Runner`.

    As plain Python, ``scan`` reads its counters out every 5 characters, so
    short texts cross many chunk bounds (compiled: ``test_scan_counts_across_chunks``).
    """
    if request.param == "py_func":
        for module in (_kernels, opencc):
            for name, value in vars(module).copy().items():
                if hasattr(value, "py_func"):
                    monkeypatch.setattr(module, name, value.py_func)
        monkeypatch.setattr(_kernels, "_SCAN_CHUNK", 5)
    return request.param == "py_func"


# -- the classes ------------------------------------------------------------


@pytest.mark.parametrize(
    ("ch", "kind"),
    [
        *((c, "traditional") for c in "發髮國為爲臺灣麵裡裏隻餘沖衝鐘體"),
        *((c, "simplified") for c in "发国为湾冲钟体时们这说"),
        # written alike, or a form of both scripts: 干涉, 皇后, 公里, 台風, 乾隆, 於 (surname), 祇
        *((c, "shared") for c in "的人中大模型干后里台乾於只祇面余"),
        # decided only inside phrases
        *((c, "shared") for c in "著着"),
    ],
)
def test_script_class_of_hand_checked_characters(classes, ch, kind):
    traditional, simplified = classes
    got = "traditional" if ch in traditional else "simplified" if ch in simplified else "shared"
    assert got == kind


def test_script_classes_agree_with_what_the_official_binding_does_to_each_character(classes, official):
    """t2s changes each Traditional-only character and s2t leaves it; the reverse for Simplified-only."""
    traditional, simplified = classes
    assert not traditional & simplified
    assert len(traditional) > 3000 and len(simplified) > 3000
    for chars, changes, keeps in ((traditional, "t2s", "s2t"), (simplified, "s2t", "t2s")):
        ordered = sorted(chars)
        text = "\n".join(ordered)  # no key holds a newline: each character is converted alone
        changed = official(changes).convert(text).split("\n")
        kept = official(keeps).convert(text).split("\n")
        assert [c for c, out in zip(ordered, changed) if out == c] == []
        assert [c for c, out in zip(ordered, kept) if out != c] == []


def test_script_classes_are_han(classes):
    traditional, simplified = classes
    assert all(script_reference.is_han(c) for c in traditional | simplified)


# -- the counts ---------------------------------------------------------------


@st.composite
def mixed_texts(draw: st.DrawFn, pool: list[str]) -> str:
    odd = list("ab ,.\n。「」あア😀\ud800\U000e0100\U0010ffff\uf900\U00020000\U000323af\U000323b0")
    return "".join(draw(st.lists(st.sampled_from(pool) | st.sampled_from(odd), max_size=40)))


@pytest.fixture(scope="module")
def pool(classes) -> list[str]:
    traditional, simplified = classes
    return sorted(traditional)[::40] + sorted(simplified)[::40] + list("的人中干后里台乾著")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_scan_counts_equal_the_reference(plain, data, pool, classes):
    text = data.draw(mixed_texts(pool))
    want = script_reference.count(text, *classes)
    for variant in ("t2s", "s2twp", "jp2t"):
        program = load_program(variant)
        assert Runner(program).run_counted(text)[1] == want, variant


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_scan_alone_equals_the_reference(plain, data, pool, classes):
    text = data.draw(mixed_texts(pool))
    scan = _kernels.scan  # the plain fixture has put the Python function in its place
    assert hasattr(scan, "py_func") != plain
    cps = np.array([ord(c) for c in text], dtype=np.uint32)
    program = load_program("tw2sp")
    levels, simplified, traditional, han = scan(cps, program.trie.start_mask)
    assert (traditional, simplified, han) == script_reference.count(text, *classes)
    assert levels == _kernels.start_levels(cps, program.trie.start_mask)
    assert levels >> LEVEL_LIMIT == 0  # only level bits


def test_scan_counts_across_chunks(classes):
    """Past ``_SCAN_CHUNK`` characters the packed counters are read out before they could carry."""
    traditional = sorted(classes[0])
    chunk = _kernels._SCAN_CHUNK
    assert chunk == (1 << FIELD) - 1
    text = "".join(traditional[i % 50] for i in range(chunk + 7)) + "发的a" * 3
    want = script_reference.count(text, *classes)
    assert want == (chunk + 7, 3, chunk + 7 + 6)
    assert Runner(load_program("t2s")).run_counted(text)[1] == want
    cps = np.array([ord(c) for c in text], dtype=np.uint32)
    _, simplified, traditional_n, han = _kernels.scan(cps, load_program("t2s").trie.start_mask)
    assert (traditional_n, simplified, han) == want


@pytest.mark.parametrize("name", SIMPLIFIED_SEEDS + TRADITIONAL_SEEDS)
def test_scan_counts_the_seeds_as_the_reference(name, seed_texts, classes):
    text = seed_texts[name]
    assert Runner(load_program("t2s")).run_counted(text)[1] == script_reference.count(text, *classes)


# -- what meta says -------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "script"),
    [
        ((0, 0, 0), "neither"),
        ((0, 0, 50), "neither"),
        ((1, 0, 1), "traditional"),
        ((9, 1, 100), "traditional"),  # 90% of the telling characters
        ((19, 1, 100), "traditional"),
        ((8, 1, 100), "mixed"),  # 89%
        ((8, 2, 100), "mixed"),
        ((5, 5, 100), "mixed"),
        ((2, 8, 100), "mixed"),
        ((1, 9, 100), "simplified"),
        ((0, 1, 1), "simplified"),
    ],
)
def test_describe_thresholds(counts, script):
    meta = describe(*counts)
    assert meta["script"] == script
    traditional, simplified, han = counts
    assert (meta["traditional"], meta["simplified"], meta["han"]) == counts
    assert meta["traditional_share"] == (round(traditional / han, 4) if han else 0.0)
    assert meta["simplified_share"] == (round(simplified / han, 4) if han else 0.0)


def test_describe_shares_by_hand():
    assert describe(31, 0, 100) == {
        "script": "traditional",
        "traditional_share": 0.31,
        "simplified_share": 0.0,
        "traditional": 31,
        "simplified": 0,
        "han": 100,
    }


@pytest.mark.parametrize("name", SIMPLIFIED_SEEDS + TRADITIONAL_SEEDS)
def test_meta_script_of_the_seeds(name, seed_bytes):
    """Hand-checked: 000, 002 and 003 are Simplified pages, 001 and 004 Traditional (with pinyin)."""
    doc = Pipeline(segment=None, extract=None).process(seed_bytes[name])
    script = doc.meta["script"]
    if name in TRADITIONAL_SEEDS:
        assert script["script"] == "traditional"
        assert 0.2 < script["traditional_share"] < 0.4 and script["simplified_share"] < 0.01
    else:
        assert script["script"] == "simplified"
        assert 0.2 < script["simplified_share"] < 0.4 and script["traditional"] == 0


def test_meta_script_of_a_mixed_text_and_of_text_without_han(seed_texts):
    simplified = seed_texts[SIMPLIFIED_SEEDS[0]][:400]
    traditional = seed_texts[TRADITIONAL_SEEDS[0]][:400]
    engine = OpenCCConverter()
    assert engine.script_of(simplified + traditional)["script"] == "mixed"
    assert engine.script_of("plain ascii, 123")["script"] == "neither"
    assert engine.script_of("的人中大") == describe(0, 0, 4)  # only shared characters
    assert engine.script_of("")["han"] == 0
    # Japanese is judged by the same tables: 日本文 are shared, 語 is the Traditional form of 语
    assert engine.script_of("これは日本語の文です") == describe(1, 0, 4)


def test_meta_script_does_not_depend_on_the_variant(seed_texts):
    text = seed_texts[TRADITIONAL_SEEDS[1]][:2000] + seed_texts[SIMPLIFIED_SEEDS[1]][:300]
    metas = {v: OpenCCConverter(variant=v).convert(Document.from_text(text)).meta["script"] for v in VARIANTS}
    assert len({tuple(sorted(m.items())) for m in metas.values()}) == 1


def test_meta_script_of_a_batch_equals_one_at_a_time(seed_texts):
    texts = [seed_texts[n][:300] for n in SIMPLIFIED_SEEDS + TRADITIONAL_SEEDS] + ["", "abc", "國"]
    docs = [Document.from_text(t) for t in texts]
    engine = OpenCCConverter(variant="s2t")
    batched = engine.convert_batch(Batch(docs))
    assert [d.meta["script"] for d in batched] == [engine.convert(d).meta["script"] for d in docs]
    assert batched[-1].meta["script"]["script"] == "traditional"


def test_meta_script_is_read_only_and_travels():
    """One value is shared by the documents with the same counts: it cannot be changed, and pickles and dumps."""
    import copy
    import json
    import pickle

    meta = OpenCCConverter().convert(Document.from_text("頭髮國")).meta["script"]
    assert meta == describe(3, 0, 3) and meta is describe(3, 0, 3)
    with pytest.raises(TypeError, match="read-only"):
        meta["script"] = "simplified"
    with pytest.raises(TypeError, match="read-only"):
        meta.update(han=0)
    assert meta["script"] == "traditional"
    again = pickle.loads(pickle.dumps(meta))
    assert again == meta and type(again) is type(meta)
    assert json.loads(json.dumps(meta)) == dict(meta)
    assert copy.deepcopy(meta) == meta
    mine = dict(meta)
    mine["script"] = "x"  # a copy is an ordinary dict
    assert meta["script"] == "traditional"


def test_script_false_leaves_meta_script_out():
    docs = [Document.from_text(t) for t in ("頭髮", "头发", "")]
    plain = OpenCCConverter(script=False)
    alone = [plain.convert(d) for d in docs]
    batched = plain.convert_batch(Batch(docs))
    for got in (alone, batched):
        assert [d.text for d in got] == ["头发", "头发", ""]
        assert all("script" not in d.meta and d.meta["variant"] == "t2s" for d in got)
    p = Pipeline(convert={"engine": "opencc", "script": False}, segment=None, extract=None)
    assert "script" not in p.process("頭髮").meta
    assert Pipeline(segment=None, extract=None).process("頭髮").meta["script"]["script"] == "traditional"
