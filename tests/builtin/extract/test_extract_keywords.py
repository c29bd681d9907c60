"""Keywords: TF-IDF ranking equal to jieba.analyse.extract_tags; TextRank as an option."""

from __future__ import annotations

import jieba
import jieba.analyse
import pytest

from hanpipe.builtin.extract.keywords import KeywordExtractor
from hanpipe.document import Document, Tokens
from hanpipe.errors import ConfigError, DictionaryError
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


@pytest.mark.parametrize(
    ("options", "option"),
    [
        ({"method": "lda"}, "method"),
        ({"top_k": -1}, "top_k"),
        ({"top_k": 2.5}, "top_k"),
        ({"top_k": True}, "top_k"),
        ({"top_k": "5"}, "top_k"),
        ({"idf_path": "/nonexistent/idf.txt"}, "idf_path"),
        ({"idf_path": 5}, "idf_path"),
    ],
)
def test_extract_keywords_options_checked(options: dict, option: str) -> None:
    """Options that would fail on use fail when the extractor is built, naming the option."""
    with pytest.raises(ConfigError, match=option):
        KeywordExtractor(**options)
    with pytest.raises(ConfigError, match=option):
        Pipeline(clean=None, convert=None, extract=[{"engine": "keyword", **options}], entry_points=False)


def test_extract_keywords_missing_idf_fails_for_textrank_too(tmp_path) -> None:
    with pytest.raises(ConfigError, match="idf_path"):
        KeywordExtractor(method="textrank", idf_path=tmp_path / "missing.txt")
    with pytest.raises(ConfigError, match="idf_path"):
        KeywordExtractor(idf_path=tmp_path)  # a folder


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ("模型 5.0\n算力 x\n", 2),
        ("模型 5.0\n算力 2.0 3.0\n", 2),
        ("模型\n", 1),
        ("", None),
        ("\n\n", None),
    ],
)
def test_extract_keywords_malformed_idf(tmp_path, content: str, line) -> None:
    path = tmp_path / "idf.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DictionaryError) as info:
        KeywordExtractor(idf_path=path)
    assert info.value.line == line and info.value.path == str(path)
    if line is not None:
        assert f"line {line}" in str(info.value)


def test_extract_keywords_idf_not_utf8(tmp_path) -> None:
    path = tmp_path / "idf.txt"
    path.write_bytes("模型 5.0\n".encode("gbk"))
    with pytest.raises(DictionaryError, match="UTF-8"):
        KeywordExtractor(idf_path=path)


def test_extract_keywords_own_idf(tmp_path) -> None:
    """Weights from a small IDF file, by hand: count * idf / counted words; unknown words get the median."""
    path = tmp_path / "idf.txt"
    path.write_text("模型 4.0\n算力 2.0\n训练 1.0\n", encoding="utf-8")
    doc = Document.from_text("模型算力模型数据").with_tokens(Tokens.from_words(["模型", "算力", "模型", "数据"]))
    got = {e.text: e.value for e in KeywordExtractor(idf_path=str(path)).extract(doc)}
    assert got == {"模型": 2 * 4.0 / 4, "算力": 2.0 / 4, "数据": 2.0 / 4}


def test_extract_keywords_without_tokens_gives_nothing() -> None:
    assert list(KeywordExtractor().extract(Document.from_text("大模型"))) == []
