from __future__ import annotations

import difflib
import re
from pathlib import Path

import jieba
import pytest
import rjieba
from hanpipe_rjieba import RjiebaSegmenter
from hypothesis import given, settings
from hypothesis import strategies as st

import hanpipe
from hanpipe.testing import SAMPLES, SegmenterContract

SEEDS = Path(__file__).resolve().parents[3] / "seeds"

jieba.setLogLevel(60)


def seed_lines() -> list[str]:
    if not SEEDS.is_dir():
        pytest.skip("the seeds live in the hanpipe repository")
    return [
        line
        for path in sorted(SEEDS.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


class TestContract(SegmenterContract):
    def make_engine(self) -> RjiebaSegmenter:
        return RjiebaSegmenter()


class TestContractHmmOff(SegmenterContract):
    def make_engine(self) -> RjiebaSegmenter:
        return RjiebaSegmenter(hmm=False)


def spans(tokens: hanpipe.Tokens) -> list[tuple[int, int]]:
    return list(zip(tokens.starts.tolist(), tokens.ends.tolist()))


@pytest.mark.parametrize("hmm", [True, False])
def test_rjieba_spans_are_rjiebas_tokenize_spans_on_the_seeds(hmm: bool) -> None:
    engine = RjiebaSegmenter(hmm=hmm)
    for line in [*seed_lines(), *SAMPLES[:4], SAMPLES[6]]:
        tokens = engine.segment(line)
        assert tokens.strings(line) == rjieba.cut(line, hmm=hmm)
        assert spans(tokens) == [(s, e) for _, s, e in rjieba.tokenize(line, hmm=hmm)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60), st.booleans())
def test_rjieba_spans_match_tokenize_on_any_text(text: str, hmm: bool) -> None:
    tokens = RjiebaSegmenter(hmm=hmm).segment(text)
    assert spans(tokens) == [(s, e) for _, s, e in rjieba.tokenize(text, hmm=hmm)]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.booleans())
def test_rjieba_words_partition_any_text_even_with_surrogates(text: str, hmm: bool) -> None:
    tokens = RjiebaSegmenter(hmm=hmm).segment(text)
    starts, ends = tokens.starts.tolist(), tokens.ends.tolist()
    assert starts == [0, *ends[:-1]][: len(starts)]
    assert (ends[-1] if ends else 0) == len(text)
    assert all(s < e for s, e in zip(starts, ends))


def test_rjieba_lone_surrogates_are_words_of_their_own() -> None:
    # jieba gives the same words; rjieba alone cannot take the surrogate
    text = "大模型\ud800时代\udc00\udfffa"
    assert RjiebaSegmenter().cut(text) == ["大", "模型", "\ud800", "时代", "\udc00", "\udfff", "a"]
    assert RjiebaSegmenter().cut(text) == jieba.lcut(text)


AGREEING = [
    "我来到北京清华大学",
    "他来到了网易杭研大厦",
    "小明硕士毕业于中国科学院计算所，后在日本京都大学深造",
    "大模型时代，小模型还有机会吗？",
    "工信处女干事每月经过下属科室都要亲口交代24口交换机等技术性器件的安装工作",
    "结婚的和尚未结婚的",
    "ChatGPT引领的大模型时代",
]


@pytest.mark.parametrize("hmm", [True, False])
@pytest.mark.parametrize("text", AGREEING)
def test_rjieba_equals_jieba_on_chosen_sentences(text: str, hmm: bool) -> None:
    assert RjiebaSegmenter(hmm=hmm).cut(text) == jieba.lcut(text, HMM=hmm)


def test_rjieba_keeps_latin_runs_joined_by_hyphen_or_dot_with_the_hmm() -> None:
    # the difference the README documents, checked by hand
    text = "GPT-4 见 qq.com"
    assert RjiebaSegmenter(hmm=True).cut(text) == ["GPT-4", " ", "见", " ", "qq.com"]
    assert jieba.lcut(text) == ["GPT", "-", "4", " ", "见", " ", "qq", ".", "com"]
    assert RjiebaSegmenter(hmm=False).cut(text) == jieba.lcut(text, HMM=False)


def agreement(hmm: bool) -> tuple[int, int, list[tuple[str, str]]]:
    """(lines with equal word lists, non-empty lines, the differing spans as (rjieba, jieba) strings)."""
    engine = RjiebaSegmenter(hmm=hmm)
    lines = seed_lines()
    same = 0
    differences: list[tuple[str, str]] = []
    for line in lines:
        ours, theirs = engine.cut(line), jieba.lcut(line, HMM=hmm)
        if ours == theirs:
            same += 1
            continue
        matcher = difflib.SequenceMatcher(a=ours, b=theirs, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "equal":
                differences.append(("|".join(ours[i1:i2]), "|".join(theirs[j1:j2])))
    return same, len(lines), differences


# measured 2026-12-06 with rjieba 0.2.2 and jieba 0.42.1: 284/284 lines (HMM off), 262/284 (HMM on)
FLOOR = {False: 0.98, True: 0.90}


@pytest.mark.parametrize("hmm", [False, True])
def test_rjieba_agreement_with_jieba_on_the_seeds(hmm: bool) -> None:
    same, total, differences = agreement(hmm)
    print(f"\nhmm={hmm}: {same}/{total} lines identical ({same / total:.1%}), {len(differences)} differing spans")
    assert total == 284
    assert same / total >= FLOOR[hmm]


def test_rjieba_differs_from_jieba_on_the_seeds_only_in_joined_latin_runs() -> None:
    # every difference is one rjieba word that jieba splits at "-" or "." inside a Latin/digit run
    _, _, differences = agreement(True)
    joined = re.compile(r"[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)+")
    assert differences
    for ours, theirs in differences:
        assert "|" not in ours and joined.fullmatch(ours), ours
        assert theirs.replace("|", "") == ours
        assert set(theirs.split("|")) & {"-", "."}


def test_rjieba_found_through_the_entry_point_with_its_option() -> None:
    p = hanpipe.Pipeline(clean=None, convert=None, extract=None, segment={"engine": "rjieba", "hmm": False})
    assert p.registry.info("segment", "rjieba").distribution == "hanpipe-rjieba"
    assert p.process("他来到了网易杭研大厦").words == ["他", "来到", "了", "网易", "杭", "研", "大厦"]
    assert hanpipe.Pipeline(segment="rjieba", extract=None).process("他来到了网易杭研大厦").words == [
        "他", "来到", "了", "网易", "杭研", "大厦",
    ]


def test_rjieba_rejects_a_wrong_option() -> None:
    with pytest.raises(hanpipe.ConfigError, match="hmm"):
        hanpipe.Pipeline(segment={"engine": "rjieba", "hmm": "no"})
    with pytest.raises(hanpipe.ConfigError, match="mode"):
        hanpipe.Pipeline(segment={"engine": "rjieba", "mode": "search"})
