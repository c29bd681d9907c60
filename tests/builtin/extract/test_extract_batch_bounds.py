"""A batch's documents are joined by U+FDD0 for the numeric extractors' one pass; what stands
before or after that separator must count as the edge of a text, so nothing reads across it:
a word that ends one document (约, 超过, 负, 第, 下午, 大, 港币) never qualifies a number that
starts the next, and a date or an amount never runs on into the next document."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from hanpipe.batch import Batch, split_entities
from hanpipe.builtin.extract.dates import DateExtractor, TimeExtractor
from hanpipe.builtin.extract.numbers import MoneyExtractor, NumberExtractor, PercentExtractor, QuantityExtractor
from hanpipe.document import Document, Entities

EXTRACTORS = {
    "number": NumberExtractor(),
    "percent": PercentExtractor(),
    "money": MoneyExtractor(),
    "quantity": QuantityExtractor(),
    "date": DateExtractor(reference_date=dt.date(2024, 3, 16)),
    "time": TimeExtractor(),
}


def rows(entities: Any) -> list[tuple[Any, ...]]:
    return [(e.kind, e.start, e.end, e.text, repr(e.value), e.unit, repr(e.attrs)) for e in entities]


def alone_and_batched(texts: list[str]) -> dict[str, list[list[tuple[Any, ...]]]]:
    """Each extractor's entities for each text, read alone; asserts the batch gives the same."""
    docs = [Document.from_text(t) for t in texts]
    batch = Batch(docs)
    assert batch.joinable
    found = {}
    for name, extractor in EXTRACTORS.items():
        alone = [rows(extractor.extract(d)) for d in docs]
        batched = [rows(e) for e in split_entities(batch, Entities.of(extractor.extract_batch(batch)))]
        assert batched == alone, (name, texts)
        found[name] = alone
    return found


def read(found: dict[str, list[list[tuple[Any, ...]]]], kind: str, doc: int) -> list[tuple[str, Any, str]]:
    """(text, value, attrs) of one document's entities of ``kind``, values and attrs as repr."""
    return [(r[3], r[4], r[6]) for r in found[kind][doc]]


# Hand-checked: what the second document holds, which is what it holds alone.
@pytest.mark.parametrize(
    ("first", "second", "kind", "want"),
    [
        # an approximation word ending the first document does not reach the second
        ("价格约", "100元", "money", [("100元", "100", "{'approx': False}")]),
        ("价格约", "100元", "number", [("100", "100", "{'approx': False}")]),
        ("收入超过", "50%", "percent", [("50%", "0.5", "{'approx': False}")]),
        ("将", "近100元", "money", [("近100元", "100", "{'approx': True, 'qualifier': '近'}")]),
        ("上", "百人", "number", [("百", "100", "{'approx': False}")]),
        # nor does a sign, an ordinal mark or a vague word
        ("负", "5度", "number", [("5", "5", "{'approx': False}")]),
        ("零下", "5度", "quantity", [("5度", "5", "{'approx': False}")]),
        ("第", "六届", "number", [("六", "6", "{'approx': False}")]),
        ("数", "十个", "quantity", [("十个", "10", "{'approx': False}")]),
        ("GPT-", "4", "number", [("4", "4", "{'approx': False}")]),
        # a currency named before the amount must stand in the same document
        ("港币", "100元", "money", [("100元", "100", "{'approx': False}")]),
        ("US", "$5", "money", [("$5", "5", "{'approx': False}")]),
        ("增长", ".5%", "percent", [(".5%", "0.005", "{'approx': False}")]),
        # a date does not take a month or a day from the next document
        ("2024年", "3月", "date", [("3月", "'--03'", "{}")]),
        ("2024年", "3月5日", "date", [("3月5日", "'--03-05'", "{}")]),
        ("7月6日至", "8日", "date", [("8日", "'---08'", "{}")]),  # a day alone, not July's
        # a day part ending the first document does not make a clock time of the second
        ("下午", "三点半", "time", [("三点半", "'03:30'", "{}")]),
        ("晚上", "8点", "time", []),
        # nor do the words of a relative date join across
        ("大", "后天", "date", [("后天", "'2024-03-18'", "{'relative': True, 'offset_days': 2}")]),
        ("2", "前年", "date", [("前年", "'2022'", "{'relative': True, 'offset_years': -2}")]),
        ("今", "天", "date", []),
        ("3天", "后", "date", []),
    ],
)
def test_extract_batch_bounds_second_document(first: str, second: str, kind: str, want: list[Any]) -> None:
    found = alone_and_batched([first, second])
    assert read(found, kind, 1) == want


@pytest.mark.parametrize(
    ("first", "second", "kind", "want"),
    [
        ("2024年", "3月", "date", [("2024年", "'2024'", "{}")]),
        ("7月6日至", "8日", "date", [("7月6日", "'--07-06'", "{}")]),
        ("三块", "五", "money", [("三块", "3", "{'approx': False}")]),
        ("3元", "多", "money", [("3元", "3", "{'approx': False}")]),
        ("5", "%", "percent", []),
        ("5", "%", "number", [("5", "5", "{'approx': False}")]),
        ("100", "元", "money", []),
        ("3", "个月", "quantity", []),
        ("约100", "左右", "number", [("约100", "100", "{'approx': True, 'qualifier': '约'}")]),
        ("2023-11-", "24", "date", []),
        ("3天", "后", "quantity", [("3天", "3", "{'approx': False, 'duration': 'P3D'}")]),
    ],
)
def test_extract_batch_bounds_first_document(first: str, second: str, kind: str, want: list[Any]) -> None:
    """What ends the first document is read as at the end of a text: nothing after the
    separator (a unit, a currency, 多, 左右, a month) joins it."""
    found = alone_and_batched([first, second])
    assert read(found, kind, 0) == want


#: words that qualify, sign, name or continue what stands next to them, and numbers, dates and units
PIECES = (
    "约 近 将 超过 至少 大约 负 零下 - 第 数 几 上 下 午 下午 晚上 凌晨 一 点 点半 三点 三 五 十 百 千 万 亿 个 "
    "2024年 2024 年 3月 3 月 5日 日 号 至 到 ~ 8日 100元 100 元 块 三块 毛 角 分 钱 港币 人民币 新台币 US $ $5 ¥ "
    "% 50% .5% . 1,2 00 , 今 天 后天 后 前 3天 周 下周一 去 GPT- 4 G 十个 百人 多 余 左右 上下 2023-11- 24 : 12:30 "
    "分之 百分之 百分点 个百分点 "
).split()
docs = st.lists(st.sampled_from([*PIECES, " "]), max_size=5).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(docs, min_size=2, max_size=5))
@example(["价格约", "100元"])
@example(["2024年", "3月"])
@example(["下午", "三点半"])
@example(["", "约", "", "100元", ""])
def test_extract_batch_bounds_any_split(texts: list[str]) -> None:
    """However documents end and begin, each reads in a batch as it reads alone."""
    alone_and_batched(texts)
