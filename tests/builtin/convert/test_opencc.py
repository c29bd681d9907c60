"""The ``opencc`` converter against the official binding, OpenCC's own cases and a naive reference."""

from __future__ import annotations

import difflib
import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hanpipe import ConfigError, DictionaryError, Document, Entity, Pipeline
from hanpipe._text import API_FROM
from hanpipe.api import convert as api_convert
from hanpipe.builtin.convert._data import VARIANTS, load_program, parse_text_dict
from hanpipe.builtin.convert.opencc import OpenCCConverter
from hanpipe.testing import ConverterContract, check_alignment
from tests.builtin.convert.conftest import BACK, HERE
from tests.conftest import TRADITIONAL_SEEDS
from tests.reference import convert_naive
from tests.strategies import any_text

CASES = json.loads((HERE / "opencc_testcases.json").read_text(encoding="utf-8"))["cases"]
SIMPLIFIED_SEEDS = ("000_f95afbe425cd4988.txt", "002_cabd379895d3200d.txt", "003_c76b33a41cce0777.txt")


@pytest.fixture(scope="module", params=list(BACK))
def variant(request: pytest.FixtureRequest) -> str:
    """A Traditional-to-Simplified variant (every direction: ``test_directions.py``)."""
    return str(request.param)


@pytest.fixture(scope="module", params=list(VARIANTS))
def any_variant(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def engine(variant: str) -> OpenCCConverter:
    return OpenCCConverter(variant=variant)


class TestContract(ConverterContract):
    def make_engine(self) -> OpenCCConverter:
        return OpenCCConverter()


# -- identical output to the official binding ---------------------------------


@pytest.mark.parametrize("name", TRADITIONAL_SEEDS)
def test_convert_traditional_seed_equals_official(name, variant, engine, official, seed_texts):
    text = seed_texts[name]
    expected = official(variant).convert(text)
    assert engine(text) == expected
    assert expected != text  # the seed really is Traditional


@pytest.mark.parametrize("name", SIMPLIFIED_SEEDS)
def test_convert_simplified_seed_made_traditional_equals_official(name, variant, engine, official, seed_texts):
    traditional = official(BACK[variant]).convert(seed_texts[name])
    assert traditional != seed_texts[name]
    assert engine(traditional) == official(variant).convert(traditional)


def _pieces(text: str, size: int) -> list[str]:
    """``text`` cut into pieces of at most ``size`` bytes of UTF-8, between characters."""
    out: list[str] = []
    start = used = 0
    for i, ch in enumerate(text):
        n = len(ch.encode("utf-8"))
        if used + n > size and i > start:
            out.append(text[start:i])
            start, used = i, 0
        used += n
    return [*out, text[start:]]


@pytest.mark.parametrize("size", [60, 200, 1024])
def test_convert_short_strings_equal_official(size, variant, engine, official, seed_texts):
    """Strings of a line or a paragraph, one call each (the engine's short path): the official output, from
    ``__call__``, ``convert_text`` and ``convert`` alike, and an alignment that maps back wherever one is made."""
    for name in (*TRADITIONAL_SEEDS, SIMPLIFIED_SEEDS[0]):
        for piece in _pieces(seed_texts[name], size):
            expected = official(variant).convert(piece)
            assert engine(piece) == expected
            converted, alignment, changes = engine.convert_text(piece)
            assert converted == expected and (changes == 0) == (converted is piece)
            assert alignment is None or alignment.shape == (2, len(converted) + 1)
            doc = engine.convert(Document.from_text(piece))
            assert doc.text == expected
            check_alignment(doc)


@pytest.mark.parametrize("length", [API_FROM - 1, API_FROM, API_FROM + 1])
def test_convert_either_side_of_the_long_text_path_equals_official(length, variant, engine, official, seed_texts):
    """Texts just shorter than ``API_FROM`` characters take the one-text kernel, the others the batch kernel."""
    text = "".join(seed_texts[name] for name in TRADITIONAL_SEEDS)[:length]
    assert len(text) == length
    expected = official(variant).convert(text)
    assert engine(text) == expected
    assert engine.convert_text(text)[0] == expected
    assert engine.convert(Document.from_text(text)).text == expected


@pytest.mark.parametrize(
    ("case_id", "text", "variant_", "expected"),
    [(c["id"], c["input"], v, e) for c in CASES for v, e in c["expected"].items()],
)
def test_convert_opencc_published_case(case_id, text, variant_, expected, official):
    assert OpenCCConverter(variant=variant_)(text) == expected, case_id
    assert official(variant_).convert(text) == expected, case_id  # the oracle agrees with its own vectors


#: for the directions testcases.json leaves out: its tw2t pairs read backwards, OpenCC's hk2sp.in/.ans,
#: and its s2hk pairs that hold no Hong Kong phrase
REVERSED_CASES = [
    # case_051
    ("t2tw", "爲了衆人化妝牀頭裏面衛生，醞釀羣峯鐵鉤嘆氣事件", "為了眾人化妝床頭裡面衛生，醞釀群峰鐵鉤嘆氣事件"),
    ("t2tw", "在廚房裏做手擀麪", "在廚房裡做手擀麵"),  # case_052
    ("hk2sp", "虛偽歎息\n機會率不大", "虚伪叹息\n概率不大"),
    ("s2hkp", "虚伪叹息", "虛偽嘆息"),  # case_010
    ("s2hkp", "为了核实这说法", "為了核實這説法"),  # case_013
]


@pytest.mark.parametrize(("variant_", "text", "expected"), REVERSED_CASES)
def test_convert_reversed_published_case(variant_, text, expected, official):
    assert OpenCCConverter(variant=variant_)(text) == expected
    assert official(variant_).convert(text) == expected


def test_convert_published_cases_cover_every_direction():
    covered = {v for c in CASES for v in c["expected"]} | {v for v, _, _ in REVERSED_CASES}
    assert covered == set(VARIANTS)


def test_convert_round_trip_accuracy_beside_official(variant, engine, official, seed_texts):
    """t2s(s2t(x)) == x as % of characters, hanpipe and the official binding side by side."""
    matched = {"hanpipe": 0, "official": 0}
    total = 0
    for name in SIMPLIFIED_SEEDS:
        text = seed_texts[name]
        traditional = official(BACK[variant]).convert(text)
        for who, back in (("hanpipe", engine(traditional)), ("official", official(variant).convert(traditional))):
            blocks = difflib.SequenceMatcher(None, text, back, autojunk=False).get_matching_blocks()
            matched[who] += sum(b.size for b in blocks)
        total += len(text)
    ours, theirs = (100.0 * matched[w] / total for w in ("hanpipe", "official"))
    print(f"\nround trip {BACK[variant]}→{variant}: hanpipe {ours:.3f}%  official {theirs:.3f}%  ({total} chars)")
    assert ours == theirs


def test_convert_tw2sp_uses_taiwan_phrases():
    assert api_convert("軟體資訊", "tw2sp") == "软件信息"
    assert api_convert("軟體資訊", "t2s") == "软体资讯"
    assert api_convert("軟體資訊") == "软体资讯"


# -- hypothesis: dictionary keys mixed with ASCII and punctuation -------------


@pytest.fixture(scope="module")
def key_pool(reference_program):
    for v in VARIANTS:
        tables = reference_program(v)["tables"]
    return sorted({k for table in tables.values() for k in table})


def _texts(pool: list[str]) -> st.SearchStrategy[str]:
    piece = st.one_of(
        st.sampled_from(pool),
        st.sampled_from(pool).map(lambda k: k[1:]),
        st.sampled_from(pool).map(lambda k: k[:-1]),
        st.text(st.sampled_from(list("ab 1,.，。「」\n")), max_size=3),
    )
    return st.lists(piece, max_size=12).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_convert_dictionary_keys_equal_official_and_reference(data, key_pool, official, reference_program):
    text = data.draw(_texts(key_pool))
    for variant in VARIANTS:
        ours = OpenCCConverter(variant=variant)(text)
        assert ours == official(variant).convert(text), variant
        program = reference_program(variant)
        naive = convert_naive.convert(text, program["normalization"], program["segmentation"], program["chain"])
        assert ours == naive, variant


# -- pass-through, bad input ------------------------------------------------


@pytest.mark.parametrize("name", SIMPLIFIED_SEEDS)
def test_convert_simplified_text_passes_through_uncopied(name, seed_texts):
    text = seed_texts[name]
    engine = OpenCCConverter()
    converted, alignment, changes = engine.convert_text(text)
    assert converted is text and alignment is None and changes == 0
    doc = Document.from_text(text)
    assert engine.convert(doc).text is text


@pytest.mark.parametrize(
    "odd",
    [("\ud800", "\udfff"), ("\x00", "\x00", "\x00"), ("\ufffe\uffff", "\U0010ffff\U0001fffe"), ("plain ascii",)],
)
@pytest.mark.parametrize("word", ["頭髮", "头发", "國"])
def test_convert_odd_code_points_pass_through(odd, word, any_variant):
    """No key holds these code points, so a match never crosses one and they come out as they went in."""
    engine = OpenCCConverter(variant=any_variant)
    assert engine(word.join(odd)) == engine(word).join(odd)
    assert engine("".join(odd)) == "".join(odd)
    assert engine("") == ""


def test_convert_unknown_variant_lists_the_variants():
    with pytest.raises(ConfigError, match="t2s, tw2s, tw2sp, hk2s, hk2sp, s2t, s2tw"):
        OpenCCConverter(variant="s2x")
    with pytest.raises(ConfigError, match="variants: t2s"):
        api_convert("頭髮", "zz")


# -- offsets ---------------------------------------------------------------


def _length_changing_key(variant: str, table: dict[str, str]) -> tuple[str, str]:
    """A key whose conversion changes the text's length (found in the data, not hard-coded)."""
    engine = OpenCCConverter(variant=variant)
    for key in sorted(table, key=lambda k: (len(k), k)):
        out = engine(key)
        if len(out) != len(key):
            return key, out
    raise AssertionError("no length-changing phrase found")


def test_convert_length_change_keeps_source_spans(reference_program):
    key, out = _length_changing_key("tw2sp", reference_program("tw2sp")["tables"]["TWPhrasesRev.ocd2"])
    text = f"前文，{key}，後文"
    doc = OpenCCConverter(variant="tw2sp").convert(Document.from_text(text))
    check_alignment(doc)
    assert doc.alignment is not None
    start = doc.text.index(out)
    placed = doc.with_entities([Entity("phrase", start, start + len(out), out)]).entities[0]
    assert text[placed.source_start : placed.source_end] == key
    tail = doc.text.index("后文")
    assert doc.source_span(tail, tail + 2) == (len(text) - 2, len(text))


def test_convert_records_the_step_and_variant():
    doc = OpenCCConverter(variant="hk2s").convert(Document.from_text("頭髮"))
    assert doc.text == "头发"
    assert doc.meta["variant"] == "hk2s"
    assert doc.meta["repairs"][-1]["step"] == "convert:opencc"
    assert doc.alignment is None  # same length, one to one


# -- overrides -------------------------------------------------------------


def test_convert_overrides_take_precedence():
    p = Pipeline(convert_variant="tw2sp", convert_overrides={"軟體": "軟體"}, segment=None, extract=None)
    assert p.convert(Document.from_text("這個軟體很好")).text == "这个軟體很好"
    plain = OpenCCConverter(variant="tw2sp")
    assert plain("這個軟體很好") == "这个软件很好"


def test_convert_override_is_not_converted_again_and_maps_back():
    engine = OpenCCConverter(variant="tw2s", overrides={"電腦": "计算机", "頭": "頭"})
    doc = engine.convert(Document.from_text("我的電腦頭髮"))
    assert doc.text == "我的计算机頭发"
    check_alignment(doc)
    placed = doc.with_entities([Entity("x", 2, 5, "计算机")]).entities[0]
    assert (placed.source_start, placed.source_end) == (2, 4)


def test_convert_overrides_match_the_reference(reference_program):
    overrides = {"電腦": "计算机", "髮": "髪", "資訊科技": "IT", "科技": "科學技術"}
    text = "我的電腦資訊科技與頭髮科技，軟體資訊"
    for variant in VARIANTS:
        program = reference_program(variant)
        expected = convert_naive.convert(
            text, program["normalization"], program["segmentation"], program["chain"], overrides
        )
        assert OpenCCConverter(variant=variant, overrides=overrides)(text) == expected


def test_convert_overrides_file(tmp_path):
    path = tmp_path / "phrases.txt"
    path.write_text("電腦\t计算机 电脑\n\n軟體\t软体\n", encoding="utf-8")
    engine = OpenCCConverter(variant="tw2sp", overrides_file=str(path), overrides={"軟體": "软 件"})
    assert engine("電腦軟體") == "计算机软 件"  # the mapping beats the file


@pytest.mark.parametrize(
    ("content", "line"),
    [("電腦\t计算机\n軟體软体\n", 2), ("\t空\n", 1), ("好\t好\n\n壞\t\n", 3)],
)
def test_convert_malformed_overrides_file_names_the_line(tmp_path, content, line):
    path = tmp_path / "bad.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DictionaryError, match=f"line {line}") as info:
        OpenCCConverter(overrides_file=path)
    assert info.value.line == line and info.value.path == str(path)


def test_convert_overrides_file_missing_or_not_utf8(tmp_path):
    with pytest.raises(DictionaryError, match="cannot read"):
        OpenCCConverter(overrides_file=tmp_path / "missing.txt")
    bad = tmp_path / "big5.txt"
    bad.write_bytes("電腦\t计算机\n".encode("big5", errors="replace"))
    with pytest.raises(DictionaryError, match="not UTF-8"):
        OpenCCConverter(overrides_file=bad)


def test_parse_text_dict_takes_the_first_candidate():
    assert parse_text_dict(["乾\t干 乾\n", "\n", "著\t着\r\n"]) == {"乾": "干", "著": "着"}


def test_hanpipe_convert_stays_callable_after_the_stage_is_imported():
    import hanpipe

    Pipeline(segment=None, extract=None)  # imports the hanpipe.convert package
    assert hanpipe.convert("軟體資訊", "tw2sp") == "软件信息"
    assert hanpipe.convert("頭髮") == "头发"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_convert_alignment_maps_the_whole_text_back(data, key_pool):
    text = data.draw(_texts(key_pool))
    overrides = {"網際網路": "互联网络", "頭": "脑袋瓜"}
    doc = OpenCCConverter(variant="tw2sp", overrides=overrides).convert(Document.from_text(text))
    check_alignment(doc)
    assert doc.source_span(0, len(doc.text)) == (0, len(text))


@settings(max_examples=60, deadline=None)
@given(text=any_text)
def test_convert_any_text_gives_a_document(text):
    for variant in VARIANTS:
        doc = OpenCCConverter(variant=variant).convert(Document.from_text(text))
        check_alignment(doc)
        # below the lowest code point that starts a key, nothing can change
        starts = np.nonzero(load_program(variant).trie.root_slot >= 0)[0]
        if all(ord(ch) < starts.min() for ch in text):
            assert doc.text is text
