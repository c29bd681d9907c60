"""Keywords: TF-IDF ranking equal to jieba.analyse.extract_tags; TextRank as an option."""

from __future__ import annotations

import random

import jieba
import jieba.analyse
import pytest

from hanpipe.batch import Batch, split_entities
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
    # untagged tokens: no POS filter, every counted word ranked (attrs say so)
    doc = segmented("大模型的训练需要算力。算力决定大模型的规模。大模型需要数据，数据需要清洗。")
    ents = list(KeywordExtractor(top_k=3, method="textrank").extract(doc))
    assert len(ents) == 3 and ents[0].value == 1.0
    assert all(e.attrs["method"] == "textrank" and e.attrs["pos"] is None for e in ents)
    assert ents[0].value >= ents[1].value >= ents[2].value


def tagged(text: str) -> Document:
    return Pipeline(clean=None, convert=None, extract=[], segment_pos=True).process(text)


@pytest.mark.parametrize("pos", [None, ("n", "v"), ("ns", "n", "vn", "v", "nr")])
def test_extract_keywords_textrank_equals_jieba_over_tagged_tokens(seed_texts: dict[str, str], pos) -> None:
    for name, text in list(seed_texts.items())[:2]:
        got = list(KeywordExtractor(top_k=20, method="textrank", pos=pos).extract(tagged(text)))
        want = jieba.analyse.textrank(text, topK=20, withWeight=True, **({} if pos is None else {"allowPOS": pos}))
        assert [(e.text, e.value) for e in got] == [(w, v) for w, v in want], name
        assert all(e.attrs["pos"] == (pos or ("ns", "n", "vn", "v")) for e in got)


def test_extract_keywords_tfidf_with_pos_equals_jieba() -> None:
    text = "大模型的训练需要算力。算力决定大模型的规模。北京和上海的企业都在发布大模型。"
    got = list(KeywordExtractor(top_k=10, pos=("n", "ns")).extract(tagged(text)))
    want = jieba.analyse.extract_tags(text, topK=10, withWeight=True, allowPOS=("n", "ns"))
    assert [(e.text, e.value) for e in got] == [(w, v) for w, v in want]
    doc = Pipeline(
        clean=None, convert=None, extract=[{"engine": "keyword", "pos": ["n", "ns"]}], segment_pos=True
    ).process(text)
    ranked = sorted((e for e in doc.entities if e.kind == "keyword"), key=lambda e: e.attrs["rank"])
    assert [(e.text, e.value) for e in ranked] == [(w, v) for w, v in want]


def test_extract_keywords_pos_filter_needs_tags() -> None:
    doc = segmented("大模型的训练需要算力。")
    with pytest.raises(ConfigError, match="segment_pos=True"):
        list(KeywordExtractor(pos=("n",)).extract(doc))
    with pytest.raises(ConfigError, match="pos"):
        KeywordExtractor(pos="n")  # type: ignore[arg-type]


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


# -- the batch form -------------------------------------------------------------------------


def words_of(text: str, words: list[str]) -> Document:
    assert "".join(words) == text
    return Document.from_text(text).with_tokens(Tokens.from_words(words))


def rows(entities) -> list[tuple]:
    """Entities as rows that tell 1 from 1.0 and keep attrs' order."""
    return [(e.kind, e.start, e.end, e.text, repr(e.value), e.unit, repr(e.attrs)) for e in entities]


def per_document(extractor: KeywordExtractor, batch: Batch) -> list[list[tuple]]:
    return [rows(extractor.extract(d)) for d in batch]


def from_batch(extractor: KeywordExtractor, batch: Batch) -> list[list[tuple]]:
    return [rows(e) for e in split_entities(batch, extractor.extract_batch(batch))]


def seed_windows(seed_texts: dict[str, str], count: int, seed: int) -> list[Document]:
    whole = "".join(seed_texts.values())
    rng = random.Random(seed)
    docs = []
    for _ in range(count):
        start = rng.randrange(len(whole))
        text = whole[start : start + rng.choice([0, 1, 2, 30, 200, 600])]
        docs.append(Document.from_text(text).with_tokens(Tokens.from_words(jieba.lcut(text))))
    return docs


@pytest.mark.parametrize("top_k", [None, 0, 1, 5, 20])
def test_extract_keywords_batch_equals_each_document(seed_texts: dict[str, str], top_k) -> None:
    """Each document's keywords from one pass over a batch are those it gets alone: the same
    words, spans, weights (to the last bit), ranks and counts, in the same order."""
    extractor = KeywordExtractor(top_k=top_k)
    for seed in range(3):
        batch = Batch(seed_windows(seed_texts, 40, seed))
        assert from_batch(extractor, batch) == per_document(extractor, batch)


def test_extract_keywords_batch_by_hand(tmp_path) -> None:
    """Two documents, weights by hand (count * idf / counted words; the median idf, 2.0, for 数据);
    a word in both documents is counted in each apart, and its span is its first occurrence there."""
    path = tmp_path / "idf.txt"
    path.write_text("模型 4.0\n算力 2.0\n训练 1.0\n", encoding="utf-8")
    extractor = KeywordExtractor(idf_path=str(path))
    batch = Batch([words_of("模型算力模型", ["模型", "算力", "模型"]), words_of("数据模型", ["数据", "模型"])])
    found = split_entities(batch, extractor.extract_batch(batch))
    assert [(e.text, e.start, e.value, e.attrs["rank"], e.attrs["count"]) for e in found[0]] == [
        ("模型", 0, 2 * 4.0 / 3, 1, 2),
        ("算力", 2, 2.0 / 3, 2, 1),
    ]
    assert [(e.text, e.start, e.value, e.attrs["rank"], e.attrs["count"]) for e in found[1]] == [
        ("模型", 2, 4.0 / 2, 1, 1),
        ("数据", 0, 2.0 / 2, 2, 1),
    ]
    joined = extractor.extract_batch(batch)
    assert [batch.text[s:e] for s, e in zip(joined.start.tolist(), joined.end.tolist())] == joined.text


def test_extract_keywords_batch_ties_keep_first_occurrence(tmp_path) -> None:
    """Words of equal weight rank in the order they first occur, in each document."""
    path = tmp_path / "idf.txt"
    path.write_text("甲乙 1.0\n丙丁 1.0\n戊己 1.0\n", encoding="utf-8")
    extractor = KeywordExtractor(idf_path=str(path))
    batch = Batch(
        [words_of("丙丁甲乙戊己", ["丙丁", "甲乙", "戊己"]), words_of("戊己甲乙丙丁", ["戊己", "甲乙", "丙丁"])]
    )
    found = split_entities(batch, extractor.extract_batch(batch))
    assert [e.text for e in found[0]] == ["丙丁", "甲乙", "戊己"]
    assert [e.text for e in found[1]] == ["戊己", "甲乙", "丙丁"]
    assert from_batch(extractor, batch) == per_document(extractor, batch)


def test_extract_keywords_batch_skips_short_and_stop_words() -> None:
    """One-character words, words that are blank after stripping and English stop words count in
    neither form; a document with none of them left has no keywords."""
    extractor = KeywordExtractor()
    batch = Batch(
        [
            words_of("the 模型", ["the", " ", "模型"]),
            words_of("a b", ["a", " ", "b"]),
            words_of("", []),
            words_of("  x", ["  x"]),
        ]
    )
    got = from_batch(extractor, batch)
    assert got == per_document(extractor, batch)
    assert [[r[3] for r in doc] for doc in got] == [["模型"], [], [], []]


def test_extract_keywords_batch_without_tokens_goes_by_document(seed_texts: dict[str, str]) -> None:
    """A document without tokens has no keywords; the others keep theirs."""
    docs = seed_windows(seed_texts, 6, 7)
    docs[2] = Document.from_text(docs[2].text)
    batch = Batch(docs)
    extractor = KeywordExtractor(top_k=5)
    got = from_batch(extractor, batch)
    assert got == per_document(extractor, batch)
    assert got[2] == []


def test_extract_keywords_batch_textrank(seed_texts: dict[str, str]) -> None:
    extractor = KeywordExtractor(top_k=5, method="textrank")
    batch = Batch(seed_windows(seed_texts, 12, 3))
    assert from_batch(extractor, batch) == per_document(extractor, batch)


def test_extract_keywords_batch_nan_idf_goes_by_document(tmp_path) -> None:
    """A weight that is not a number has no order of its own: the batch form hands such a batch to
    the per-document ranking rather than guess."""
    path = tmp_path / "idf.txt"
    path.write_text("模型 nan\n算力 2.0\n", encoding="utf-8")
    extractor = KeywordExtractor(idf_path=str(path))
    batch = Batch([words_of("模型算力", ["模型", "算力"]), words_of("算力", ["算力"])])
    assert repr(from_batch(extractor, batch)) == repr(per_document(extractor, batch))


def test_extract_keywords_through_a_pipeline_batch(seed_texts: dict[str, str]) -> None:
    """``process_batch`` (the keyword batch form over the joined tokens) gives each text what
    ``process`` gives it alone."""
    pipeline = Pipeline(clean=None, convert=None, extract=["keyword"], entry_points=False)
    texts = [d.text for d in seed_windows(seed_texts, 10, 11)]
    batch_docs = pipeline.process_batch(texts)
    for text, doc in zip(texts, batch_docs):
        assert rows(doc.entities) == rows(pipeline.process(text).entities), text
