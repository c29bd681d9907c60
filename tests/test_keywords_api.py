"""hanpipe.keywords: equal to jieba.analyse.extract_tags and textrank (withWeight=True, allowPOS)."""

from __future__ import annotations

import logging

import jieba
import jieba.analyse
import jieba.posseg as pseg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hanpipe
from hanpipe.errors import ConfigError, InputError
from tests.strategies import mixed_text

jieba.setLogLevel(logging.WARNING)

JIEBA = {"tfidf": jieba.analyse.extract_tags, "textrank": jieba.analyse.textrank}
POS_CHOICES = [None, ("n", "v"), ("ns", "n", "vn", "v", "nr"), ()]


class _CachedPosseg:
    """jieba.posseg's own cut, kept per text: jieba.analyse asks for it once per call, and it is slow."""

    def __init__(self) -> None:
        self.seen: dict[str, list] = {}

    def cut(self, text: str, HMM: bool = True) -> list:  # jieba names the argument HMM
        key = text if HMM else "\x00" + text
        if key not in self.seen:
            self.seen[key] = pseg.dt.lcut(text, HMM=HMM)
        return self.seen[key]


@pytest.fixture(scope="module", autouse=True)
def _cached_posseg():
    cached = _CachedPosseg()
    saved = jieba.analyse.default_tfidf.postokenizer, jieba.analyse.default_textrank.tokenizer
    jieba.analyse.default_tfidf.postokenizer = jieba.analyse.default_textrank.tokenizer = cached
    yield
    jieba.analyse.default_tfidf.postokenizer, jieba.analyse.default_textrank.tokenizer = saved


def jieba_keywords(text: str, top_k: int | None, method: str, pos: tuple[str, ...] | None) -> list[tuple[str, float]]:
    options = {} if pos is None else {"allowPOS": pos}
    return [(w, v) for w, v in JIEBA[method](text, topK=top_k, withWeight=True, **options)]


def assert_same(got: list[tuple[str, float]], want: list[tuple[str, float]]) -> None:
    assert [w for w, _ in got] == [w for w, _ in want]
    for (_, a), (_, b) in zip(got, want):
        assert a == pytest.approx(b, rel=1e-9, abs=0)


@pytest.mark.parametrize("method", ["tfidf", "textrank"])
@pytest.mark.parametrize("pos", POS_CHOICES, ids=["default", "n-v", "five", "empty"])
def test_keywords_equal_jieba_on_seeds(seed_texts: dict[str, str], method: str, pos) -> None:
    for name, text in seed_texts.items():
        want = jieba_keywords(text, None, method, pos)
        for top_k in (5, 20):
            got = hanpipe.keywords(text, top_k, method, pos)
            assert_same(got, want[:top_k])
            assert got or (method == "textrank" and pos == ()), name


@pytest.mark.parametrize("method", ["tfidf", "textrank"])
def test_keywords_all_words_when_top_k_is_none_or_zero(seed_texts: dict[str, str], method: str) -> None:
    text = next(iter(seed_texts.values()))
    for top_k in (None, 0):
        got = hanpipe.keywords(text, top_k, method)
        assert_same(got, jieba_keywords(text, top_k, method, None))
        assert len(got) > 20


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mixed_text, method=st.sampled_from(["tfidf", "textrank"]), pos=st.sampled_from(POS_CHOICES),
       top_k=st.sampled_from([None, 3, 20]))
def test_keywords_equal_jieba_on_any_text(text: str, method: str, pos, top_k) -> None:
    assert_same(hanpipe.keywords(text, top_k, method, pos), jieba_keywords(text, top_k, method, pos))


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_keywords_equal_jieba_on_seed_windows(seed_texts: dict[str, str], data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(sorted(seed_texts.values())))
    a = data.draw(st.integers(0, len(text) - 1))
    window = text[a : a + data.draw(st.integers(1, 600))]
    method = data.draw(st.sampled_from(["tfidf", "textrank"]))
    assert_same(hanpipe.keywords(window, 10, method), jieba_keywords(window, 10, method, None))


def test_keywords_ties_keep_jiebas_order() -> None:
    # two words unknown to the IDF table, once each: equal weights, in the order they first occur
    text = "賒菁嶗梾震缎样牛"
    got = hanpipe.keywords(text)
    assert [w for w, _ in got] == ["賒菁", "缎样"] and got[0][1] == got[1][1]
    assert got == jieba_keywords(text, 20, "tfidf", None)
    # TextRank: equal scores in the order the words first appear in a linked pair
    text = "津上北天海重海上京广天北"
    got = hanpipe.keywords(text, method="textrank")
    assert [w for w, _ in got] == ["天海", "上北", "天北"] and got[1][1] == got[2][1] and got[0][1] == 1.0
    assert got == jieba_keywords(text, 20, "textrank", None)


def test_keywords_hand_checked() -> None:
    # 北京 twice and 上海 twice: TF-IDF weight = count * idf / 4 counted words
    got = hanpipe.keywords("北京上海北京上海")
    idf = dict(line.split() for line in open(jieba.analyse.default_tfidf.idf_loader.path, encoding="utf-8"))
    assert got == [("北京", 2 * float(idf["北京"]) / 4), ("上海", 2 * float(idf["上海"]) / 4)]
    assert hanpipe.keywords("的了是") == []  # one-character words are never keywords
    assert hanpipe.keywords("北京上海", method="textrank", pos=()) == []  # jieba's empty allowPOS: no word for TextRank


def test_keywords_check_their_arguments() -> None:
    with pytest.raises(InputError, match="str"):
        hanpipe.keywords(b"abc")  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="pos"):
        hanpipe.keywords("北京", pos="n")
    with pytest.raises(ConfigError, match="method"):
        hanpipe.keywords("北京", method="lda")
    with pytest.raises(ConfigError, match="top_k"):
        hanpipe.keywords("北京", top_k=-1)


def test_keywords_is_public() -> None:
    assert "keywords" in hanpipe.__all__ and callable(hanpipe.keywords)
