"""Part-of-speech tags: the ``jieba`` engine with ``pos=True`` equals ``jieba.posseg.lcut``, token for token."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import jieba
import jieba.posseg as pseg
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hanpipe
from hanpipe.batch import Batch, BatchResult, split_tokens
from hanpipe.builtin.segment import _tagging
from hanpipe.builtin.segment.jieba import JiebaSegmenter
from hanpipe.errors import ConfigError, InputError
from hanpipe.pipeline import Pipeline
from hanpipe.testing import SegmenterContract
from tests import test_batch
from tests.strategies import any_text, mixed_text

jieba.setLogLevel(logging.WARNING)

ENGINE = JiebaSegmenter(pos=True)
ENGINE_NO_HMM = JiebaSegmenter(pos=True, hmm=False)


def jieba_pairs(text: str, hmm: bool = True, tokenizer: Any = None) -> list[tuple[str, str]]:
    cut = pseg.lcut if tokenizer is None else tokenizer.lcut
    return [(p.word, p.flag) for p in cut(text, HMM=hmm)]


def tagged(engine: JiebaSegmenter, text: str) -> list[tuple[str, str]]:
    tokens = engine.segment(text)
    return list(zip(tokens.strings(text), tokens.tags()))


@pytest.mark.parametrize("hmm", [True, False], ids=["hmm", "no-hmm"])
def test_pos_equals_jieba_posseg_on_seeds(seed_texts: dict[str, str], hmm: bool) -> None:
    engine = ENGINE if hmm else ENGINE_NO_HMM
    for name, text in seed_texts.items():
        want = jieba_pairs(text, hmm)
        assert engine.cut_pos(text) == want, name
        assert tagged(engine, text) == want, name


# hand-checked: dictionary words carry dict.txt's tag; runs of characters the route leaves
# alone go through the tagging HMM (Han) or are m / eng / x (ASCII); '%' and '-' are no part of a word
HAND_CHECKED = [
    ("我爱北京天安门", True, [("我", "r"), ("爱", "v"), ("北京", "ns"), ("天安门", "ns")]),
    ("50%的人", True, [("50", "m"), ("%", "x"), ("的", "uj"), ("人", "n")]),
    ("50%的人", False, [("50", "eng"), ("%", "x"), ("的", "uj"), ("人", "n")]),
    ("iPhone15.5", True, [("iPhone15", "eng"), (".5", "m")]),
    ("iPhone15.5", False, [("iPhone15", "eng"), (".", "x"), ("5", "eng")]),
    ("a-b", True, [("a", "x"), ("-", "x"), ("b", "x")]),  # one-letter runs take their (missing) dictionary tag
    ("\r\n \t", True, [("\r\n", "x"), (" ", "x"), ("\t", "x")]),
    ("", True, []),
]


@pytest.mark.parametrize(("text", "hmm", "want"), HAND_CHECKED)
def test_pos_hand_checked(text: str, hmm: bool, want: list[tuple[str, str]]) -> None:
    assert jieba_pairs(text, hmm) == want  # the hand-checked value is jieba's
    assert (ENGINE if hmm else ENGINE_NO_HMM).cut_pos(text) == want
    assert hanpipe.segment(text, hmm=hmm, pos=True) == want


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(mixed_text, any_text), hmm=st.booleans())
def test_pos_equals_jieba_posseg_on_any_text(text: str, hmm: bool) -> None:
    assert ENGINE.cut_pos(text, hmm=hmm) == jieba_pairs(text, hmm)


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_pos_equals_jieba_posseg_on_seed_windows(seed_texts: dict[str, str], data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(sorted(seed_texts.values())))
    a = data.draw(st.integers(0, len(text) - 1))
    window = text[a : a + data.draw(st.integers(1, 400))]
    assert ENGINE.cut_pos(window) == jieba_pairs(window)


def test_pos_chunks_give_what_one_pass_gives(monkeypatch: pytest.MonkeyPatch, seed_texts: dict[str, str]) -> None:
    text = "\n".join(seed_texts.values())[:6000]
    want = jieba_pairs(text)
    monkeypatch.setattr(_tagging, "CHUNK", 97)  # many chunks, cut where no token crosses
    assert ENGINE.cut_pos(text) == want


def test_pos_user_words_and_their_tags(tmp_path: Path) -> None:
    tok = jieba.Tokenizer()
    ref = pseg.POSTokenizer(tok)
    engine = JiebaSegmenter(pos=True)
    userdict = tmp_path / "user.txt"
    userdict.write_text("大语言模型 5 nz\n云计算 zz\n鸿蒙系统 8\n", encoding="utf-8")
    text = "大语言模型和云计算让鸿蒙系统更快，石墨烯是新材料，韩冰冰来了"
    for target in (tok, engine):
        target.load_userdict(str(userdict))
        target.add_word("石墨烯", tag="nm")  # frequency suggested, tag given
        target.add_word("韩冰冰", 10, "nr")
        target.add_word("新材料", 3)  # a word of jieba's dictionary? its tag stays; a new one has none
    want = jieba_pairs(text, tokenizer=ref)
    assert engine.cut_pos(text) == want
    assert ("大语言模型", "nz") in want and ("云计算", "zz") in want and ("韩冰冰", "nr") in want
    for target in (tok, engine):
        target.del_word("石墨烯")  # deleted: its tag remains for the characters' own use, as in jieba
    assert engine.cut_pos(text) == jieba_pairs(text, tokenizer=ref)
    assert engine.cut_pos(text, hmm=False) == jieba_pairs(text, hmm=False, tokenizer=ref)


def test_pos_user_words_stay_with_their_engine() -> None:
    engine = JiebaSegmenter(pos=True)
    engine.add_word("凸凹咪", 100, "qq")
    text = "他说凸凹咪好"
    tok = jieba.Tokenizer()
    tok.add_word("凸凹咪", 100, "qq")
    assert engine.cut_pos(text) == jieba_pairs(text, tokenizer=pseg.POSTokenizer(tok))
    assert ("凸凹咪", "qq") in engine.cut_pos(text)
    assert ENGINE.cut_pos(text) == jieba_pairs(text)
    assert ("凸凹咪", "qq") not in ENGINE.cut_pos(text)


def test_pos_in_the_pipeline() -> None:
    text = "大模型的训练需要算力。算力决定大模型的规模。"
    doc = Pipeline(clean=None, convert=None, extract=[], segment_pos=True).process(text)
    assert doc.tokens is not None and doc.tokens.tag_codes is not None
    assert doc.tokens.tag_codes.dtype == np.int16
    assert list(zip(doc.words, doc.tags)) == jieba_pairs(text)
    assert doc.to_dict()["tags"] == doc.tags
    plain = Pipeline(clean=None, convert=None, extract=[]).process(text)
    assert plain.tags == [] and "tags" not in plain.to_dict()


def test_pos_options_checked() -> None:
    with pytest.raises(ConfigError, match="default mode"):
        JiebaSegmenter(pos=True, mode="search")
    with pytest.raises(ConfigError, match="pos"):
        JiebaSegmenter(pos=1)  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="default mode"):
        hanpipe.segment("中文", mode="full", pos=True)


def test_pos_tags_survive_the_batch_path() -> None:
    pipeline = Pipeline(segment_pos=True)
    inputs = [*test_batch._windows(5, 30), *test_batch.HOSTILE]
    test_batch._check(pipeline, inputs)  # texts, spans, words and entities as each input alone
    batched = pipeline.process_batch(inputs)
    for data, result in zip(inputs, batched):
        alone = pipeline.run_one(0, data)
        assert getattr(result, "tags", None) == getattr(alone, "tags", None)
    unpacked = BatchResult(batched).documents()
    assert [getattr(d, "tags", None) for d in unpacked] == [getattr(d, "tags", None) for d in batched]


def test_split_tokens_carries_tags() -> None:
    docs = [hanpipe.Document.from_text(t) for t in ("我爱北京", "天安门")]
    batch = Batch(docs)
    tokens = ENGINE.segment_batch(batch)
    parts = split_tokens(batch, tokens)
    assert [list(zip(p.strings(d.text), p.tags())) for p, d in zip(parts, docs)] == [
        jieba_pairs("我爱北京"),
        jieba_pairs("天安门"),
    ]


def test_batch_result_merges_tag_tables() -> None:
    a = hanpipe.Tokens.from_arrays([0], [1]).with_tags([1], ("x", "n"))
    b = hanpipe.Tokens.from_arrays([0, 1], [1, 2]).with_tags([0, 1], ("v", "x"))
    docs = [hanpipe.Document.from_text("甲").with_tokens(a), hanpipe.Document.from_text("乙丙").with_tokens(b)]
    assert [d.tags for d in BatchResult(docs).documents()] == [["n"], ["v", "x"]]


class TestPosSegmenter(SegmenterContract):
    def make_engine(self) -> Any:
        return JiebaSegmenter(pos=True)


def test_pos_with_a_main_dictionary_of_our_own(tmp_path: Path) -> None:
    path = tmp_path / "dict.txt"
    path.write_text("北京 100 ns\n天安门 80 ns\n我 50 r\n爱 40 v\n大学 30 zz\n", encoding="utf-8")
    ref = pseg.POSTokenizer(jieba.Tokenizer(str(path)))
    engine = JiebaSegmenter(dictionary=path, pos=True)
    assert engine.cut_pos("我爱北京天安门") == [("我", "r"), ("爱", "v"), ("北京", "ns"), ("天安门", "ns")]
    for text in ("我爱北京天安门", "北京大学的学生", "他在大学"):
        assert engine.cut_pos(text) == jieba_pairs(text, tokenizer=ref)


def test_pos_main_dictionary_lines_without_a_tag(tmp_path: Path) -> None:
    # jieba.posseg refuses such a dictionary; here a word without a tag is tagged x, as a word jieba has no tag for
    path = tmp_path / "dict.txt"
    path.write_text("北京 100 ns\n大学 30\n", encoding="utf-8")
    assert JiebaSegmenter(dictionary=path, pos=True).cut_pos("北京大学") == [("北京", "ns"), ("大学", "x")]


# -- cut_pos's pairs: a few tokens are sliced in Python, more go through a kernel ----------------


@pytest.fixture(params=[(0, None), (0, 1), (10**9, None)], ids=["kernel", "kernel-growing-table", "sliced"])
def pair_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    few, table = request.param
    monkeypatch.setattr(_tagging, "FEW", few)
    if table is not None:  # a hash table of pairs that starts with four slots and doubles many times
        monkeypatch.setattr(_tagging, "PAIR_TABLE", table)
    return int(few)


# "大" alone is an HMM word here, tagged a twice and n once (jieba's own output, checked by hand)
SAME_WORD_TWO_TAGS = ("包括大模型、大数据的大模型", [
    ("包括", "v"), ("大", "a"), ("模型", "n"), ("、", "x"), ("大", "a"), ("数据", "n"), ("的", "uj"), ("大", "n"),
    ("模型", "n"),
])


@pytest.mark.parametrize("hmm", [True, False], ids=["hmm", "no-hmm"])
def test_cut_pos_pairs_by_either_path_equal_jieba(pair_path: int, seed_texts: dict[str, str], hmm: bool) -> None:
    texts = [*(t[:500] for t in seed_texts.values()), *(text for text, _, _ in HAND_CHECKED)]
    for text in texts:
        assert ENGINE.cut_pos(text, hmm=hmm) == jieba_pairs(text, hmm)


def test_cut_pos_same_word_with_two_tags(pair_path: int) -> None:
    text, want = SAME_WORD_TWO_TAGS
    assert jieba_pairs(text) == want
    got = ENGINE.cut_pos(text)
    assert got == want
    assert got[1] is got[4] and got[2] is got[8]  # one tuple a (word, tag) ...
    assert got[1] is not got[7]  # ... and another for another tag


def test_cut_pos_returns_a_list_of_str_pairs(pair_path: int) -> None:
    text = "大模型的训练需要算力。算力决定大模型的规模。" * 3
    got = ENGINE.cut_pos(text)
    assert type(got) is list and got == jieba_pairs(text)
    assert all(type(p) is tuple and len(p) == 2 and type(p[0]) is str and type(p[1]) is str for p in got)
    firsts: dict[tuple[str, str], tuple[str, str]] = {}
    for p in got:  # equal pairs are one object: a long text holds a tuple per distinct pair
        assert firsts.setdefault(p, p) is p
    assert len(firsts) < len(got)


@pytest.mark.parametrize("hmm", [True, False], ids=["hmm", "no-hmm"])
def test_cut_pos_text_holding_every_separator(pair_path: int, hmm: bool) -> None:
    # the words are joined by a character the text lacks and split; with none left they are sliced
    for marks in ("\x00", "\x00\uffff\U0010ffff", "".join(_tagging.SEPARATORS)):
        text = f"我爱北京{marks}天安门，大模型{marks[::-1]}的训练abc 12.5{marks}" * 3
        assert ENGINE.cut_pos(text, hmm=hmm) == jieba_pairs(text, hmm)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(mixed_text, any_text), hmm=st.booleans(), few=st.sampled_from([0, 10**9]))
def test_cut_pos_either_path_on_any_text(text: str, hmm: bool, few: int) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_tagging, "FEW", few)
        assert ENGINE.cut_pos(text, hmm=hmm) == jieba_pairs(text, hmm)


def test_tagged_pairs_refuses_bad_spans(pair_path: int) -> None:
    names = ENGINE._setup_tagging()[3]
    text = "我爱北京"
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    cases = [
        ([0, 2], [2, 5], [0, 0]),  # past the end
        ([0, 3], [2, 2], [0, 0]),  # ends before it starts
        ([0, 2], [2, 4], [0, len(names)]),  # a tag code with no name
        ([0, 2], [2, 4], [-1, 0]),  # a negative tag code
    ]
    for starts, ends, codes in cases:
        with pytest.raises(InputError):
            _tagging.tagged_pairs(text, cps, np.array(starts, np.int32), np.array(ends, np.int32),
                                  np.array(codes, np.int16), names)
