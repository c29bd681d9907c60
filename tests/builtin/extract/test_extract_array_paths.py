"""The extractors pick rows with array tests; the row-by-row readings must give the same entities."""

from __future__ import annotations

from unittest import mock

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from hanpipe.builtin.extract import _kernels as K
from hanpipe.builtin.extract import dates, numbers
from hanpipe.builtin.extract.numerals import Rows, number_scan
from hanpipe.document import Document, Entity

ALPHABET = (
    "0123456789０１.,，%％‰-/~～ :：年月日号號份至到约近逾超过余多左右上下文"
    "个個家款张台次位名人种项步块塊层米克度公里千厘毫平方立斤瓦赫兹字节周天小时分钟秒庭用民期间部所以"
    "零〇一两二三四五六七八九十百千万亿之负第美元金港币欧英镑新台人民$¥今去明底初GHab"
)
#: pieces that make numbers, units, currencies and dates when put side by side
PIECES = [
    *(
        "2 3 4 12 30 31 29 2023 二〇二三 1.5 两 三十 十二 一千多 约 近 超过 负 余 多 到 至 - / ~ : "
        "年 月 日 号 份 个 個 个月 家 家庭 人 人民币 块 块钱 元 美元 港币 欧元 $ US$ ¥ 分钟 小时 秒 天 周 "
        "米 公里 平方米 左右 上下 文 百分点 个百分点 % ‰ 分之 今年 去年 明年 年底 G , 。"
    ).split(),
    " ",
]
date_texts = st.lists(
    st.one_of(
        st.sampled_from(
            ["2023年", "二〇二三年", "0000年", "年", "今年", "1.5", "约", "号", "份", "至", "到", "-", "个"]
        ),
        st.integers(0, 14).map(lambda m: f"{m}月"),
        st.integers(0, 33).map(lambda d: f"{d}日"),
    ),
    max_size=8,
).map("".join)
texts = st.one_of(
    st.text(alphabet=ALPHABET, max_size=60),
    st.lists(st.sampled_from(PIECES), max_size=14).map("".join),
)
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def scan(text: str) -> Rows:
    return number_scan(Document.from_text(text))


def _number_row_by_row(text: str) -> list[Entity]:
    out = []
    for num in scan(text):
        if num.flags & (K.PERCENT | K.PERMILLE):
            continue
        value, attrs = numbers._number(text, num)
        out.append(Entity("number", num.start, num.end, text[num.start : num.end], value, None, attrs))
    return out


@SETTINGS
@given(texts)
def test_extract_array_paths_number(text: str) -> None:
    doc = Document.from_text(text)
    assert numbers.NumberExtractor().extract(doc) == _number_row_by_row(text)


@SETTINGS
@given(texts)
def test_extract_array_paths_quantity(text: str) -> None:
    doc = Document.from_text(text)
    rows = [num for num in scan(text) if not num.flags & (K.PERCENT | K.PERMILLE | K.FRACTION)]
    want = [e for num in rows if (e := numbers._quantity(text, num)) is not None]
    assert numbers.QuantityExtractor().extract(doc) == want


@SETTINGS
@given(texts)
def test_extract_array_paths_money(text: str) -> None:
    doc = Document.from_text(text)
    rows = [num for num in scan(text) if not num.flags & (K.PERCENT | K.PERMILLE | K.FRACTION)]
    want = [e for num in rows if (e := numbers._money(text, num)) is not None]
    assert numbers.MoneyExtractor().extract(doc) == want


@SETTINGS
@given(st.one_of(texts, date_texts))
@example("2月30日至3月1日")
@example("2023年2月29日，2024年2月29日，4月31号")
def test_extract_array_paths_dates(text: str) -> None:
    fast = dates.dates_and_times(Document.from_text(text))
    with mock.patch.object(dates, "_plain_dates", lambda rows, cols: {}):
        slow = dates.dates_and_times(Document.from_text(text))
    assert slow == fast


@SETTINGS
@given(texts)
def test_extract_array_paths_percent(text: str) -> None:
    doc = Document.from_text(text)
    found = numbers.PercentExtractor().extract(doc)
    # every percent row, and every row followed by 个百分点 or 百分点, is read
    starts = {e.start for e in found}
    for num in scan(text):
        if num.flags & (K.PERCENT | K.PERMILLE):
            assert num.start in starts
        elif not num.flags & K.FRACTION and text.startswith(("个百分点", "個百分點", "百分点", "百分點"), num.end):
            assert num.start in starts
