from __future__ import annotations

import pytest
from hanpipe_hashtags import HashtagExtractor, MentionExtractor

import hanpipe
from hanpipe.testing import ExtractorContract


class TestHashtagContract(ExtractorContract):
    def make_engine(self) -> HashtagExtractor:
        return HashtagExtractor()


class TestMentionContract(ExtractorContract):
    def make_engine(self) -> MentionExtractor:
        return MentionExtractor()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#大模型# 来了", [("#大模型#", "大模型")]),
        ("＃ 人工智能 ＃和#AIGC#", [("＃ 人工智能 ＃", "人工智能"), ("#AIGC#", "AIGC")]),
        ("话题#北京 冬奥#开幕", [("#北京 冬奥#", "北京 冬奥")]),
        ("只有一个#号", []),
        ("##", []),
    ],
)
def test_hashtags_topics(text: str, expected: list[tuple[str, str]]) -> None:
    doc = hanpipe.Document.from_text(text)
    assert [(e.text, e.value) for e in HashtagExtractor().extract(doc)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("转发@新华社 的消息", ["新华社"]),
        ("@user_1 和 @王小明-", ["user_1", "王小明-"]),
        ("邮箱 a@b.com 不是提及", []),
    ],
)
def test_hashtags_mentions(text: str, expected: list[str]) -> None:
    doc = hanpipe.Document.from_text(text)
    assert [e.value for e in MentionExtractor().extract(doc)] == expected


def test_hashtags_found_through_the_entry_point() -> None:
    p = hanpipe.Pipeline(convert=None, segment=None, extract=["hashtag", "mention", "email"])
    doc = p.process("#大模型# @新华社 邮箱 a@b.com")
    assert [(e.kind, e.value) for e in doc.entities] == [
        ("hashtag", "大模型"),
        ("mention", "新华社"),
        ("email", "a@b.com"),
    ]
    assert p.registry.info("extract", "hashtag").distribution == "hanpipe-hashtags"


def test_hashtags_long_input_stays_linear() -> None:
    # many openers without closers: each start scans at most 40 characters
    text = "#" + "话" * 200_000
    assert list(HashtagExtractor().extract(hanpipe.Document.from_text(text))) == []


def test_hashtags_survive_the_builtin_extractors_beside_them() -> None:
    # a topic holding a date and a mention holding digits are other facts than the date and the number
    doc = hanpipe.Pipeline(convert=None, extract=["hashtag", "mention", "date", "number"]).process(
        "#2023年世界人工智能大会# 开幕 @用户2023"
    )
    found = {(e.kind, e.text) for e in doc.entities}
    assert ("hashtag", "#2023年世界人工智能大会#") in found
    assert ("date", "2023年") in found
    assert ("mention", "@用户2023") in found
