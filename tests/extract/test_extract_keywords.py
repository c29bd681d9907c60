"""Keywords: TF-IDF ranking equal to jieba.analyse.extract_tags; TextRank as an option."""

from __future__ import annotations

import jieba
import jieba.analyse
import pytest

from hanpipe.document import Document, Tokens
from hanpipe.errors import ConfigError
from hanpipe.extract.keywords import KeywordExtractor
from hanpipe.pipeline import Pipeline


def segmented(text: str) -> Document:
    return Document.from_text(text).with_tokens(Tokens.from_words(jieba.lcut(text)))


@pytest.mark.parametrize("top_k", [5, 20, 50])
def test_extract_keywords_equal_jieba_on_seeds(seed_texts: dict[str, str], top_k: int) -> None:
    for name, text in seed_texts.items():
        doc = segmented(text)
        got = list(KeywordExtractor(top_k=top_k).extract(doc))
        want = jieba.analyse.extract_tags(text, topK=top_k, withWeight=True)
        assert [(e.text, e.value) for e in got] == [(w, v) for w, v in want], name


def test_extract_keywords_span_is_first_occurrence() -> None:
    text = "大模型的训练需要算力。算力决定大模型的规模，大模型很贵。"
    doc = segmented(text)
    ents = list(KeywordExtractor(top_k=5).extract(doc))
    assert [e.attrs["rank"] for e in ents] == list(range(1, len(ents) + 1))
    for e in ents:
        assert e.start == text.index(e.text) and text[e.start : e.end] == e.text
    counts = {e.text: e.attrs["count"] for e in ents}
    assert counts["模型"] == 3 and counts["算力"] == 2


def test_extract_keywords_through_the_pipeline() -> None:
    text = "大模型的训练需要算力。算力决定大模型的规模。"
    doc = Pipeline(clean=None, convert=None, extract=["keyword"]).process(text)
    assert doc.tokens is not None
    keywords = sorted((e for e in doc.entities if e.kind == "keyword"), key=lambda e: e.attrs["rank"])
    assert [e.text for e in keywords] == jieba.analyse.extract_tags(text, topK=20)


def test_extract_keywords_textrank() -> None:
    doc = segmented("大模型的训练需要算力。算力决定大模型的规模。大模型需要数据，数据需要清洗。")
    ents = list(KeywordExtractor(top_k=3, method="textrank").extract(doc))
    assert len(ents) == 3 and ents[0].value == 1.0
    assert all(e.attrs["method"] == "textrank" for e in ents)
    assert ents[0].value >= ents[1].value >= ents[2].value


def test_extract_keywords_options_checked() -> None:
    with pytest.raises(ConfigError):
        KeywordExtractor(method="lda")
    with pytest.raises(ConfigError):
        KeywordExtractor(top_k=-1)


def test_extract_keywords_without_tokens_gives_nothing() -> None:
    assert list(KeywordExtractor().extract(Document.from_text("大模型"))) == []
