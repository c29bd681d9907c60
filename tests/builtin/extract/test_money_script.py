"""元 alone in a page written in Traditional characters names no currency (Taiwan, Hong Kong and
Macau write their dollars so); named currencies keep theirs. Hand-checked, alone and in batches."""

from __future__ import annotations

import pytest

import hanpipe


def money(doc: hanpipe.Document) -> list[tuple[str, object, str | None]]:
    return [(e.text, e.value, e.unit) for e in doc.entities if e.kind == "money"]


@pytest.mark.parametrize(
    ("page", "want"),
    [
        ("台北市政府補助每戶3000元", [("3000元", 3000, None)]),  # was 3000 CNY
        ("香港一碗雲吞麵要40元", [("40元", 40, None)]),
        ("這台相機賣二十塊", [("二十块", 20, None)]),
        # a currency named with the amount keeps it
        ("新台幣3000元", [("新台币3000元", 3000, "TWD")]),
        ("港幣40元", [("港币40元", 40, "HKD")]),
        ("這件衣服人民幣300元，約合新台幣1300元", [("人民币300元", 300, "CNY"), ("新台币1300元", 1300, "TWD")]),
        ("售價¥300元", [("¥300元", 300, "CNY")]),
        ("售價300美元", [("300美元", 300, "USD")]),
        # the page's other amounts do not name it (the conversion's currency is another)
        ("香港一碗雲吞麵要40元，即人民幣36元", [("40元", 40, None), ("人民币36元", 36, "CNY")]),
        ("大陸售價300元，約合新台幣1,300元", [("300元", 300, None), ("新台币1,300元", 1300, "TWD")]),
        # a currency named right after 元 (before, 15元 was CNY with 人民幣 left out, 300元新台币 CNY)
        ("大陸一碗麵只要15元人民幣", [("15元人民币", 15, "CNY")]),
        ("这本书300元新台币", [("300元新台币", 300, "TWD")]),
        ("門票500元港幣", [("500元港币", 500, "HKD")]),
        # ... and after 块, which before a word is a measure word (20块美金 was a quantity of 20 块)
        ("换了20块美金", [("20块美金", 20, "USD")]),
        ("三块港币", [("三块港币", 3, "HKD")]),
        ("10块日元", [("10块日元", 10, "JPY")]),
        ("10元加币", [("10元加币", 10, "CAD")]),  # any named currency (was CNY)
        ("五块澳元", [("五块澳元", 5, "AUD")]),
        ("100元加元器件费", [("100元", 100, "CNY")]),  # 加元 after 元 may be "plus": not read as CAD
        ("央行将发行10元新币", [("10元", 10, "CNY")]),  # 新币 after 元: as often new notes
        ("花了300元加币种兑换手续费", [("300元", 300, "CNY")]),  # 币种: a kind of currency
        ("一千多块芯片", []),
        # a page in Simplified characters: 元 is the renminbi
        ("北京一碗面40元", [("40元", 40, "CNY")]),
        ("台北市政府补助每户3000元", [("3000元", 3000, "CNY")]),
    ],
)
def test_money_script_bare_yuan(page: str, want: list) -> None:
    assert money(hanpipe.process(page)) == want


def test_money_script_in_a_batch_as_alone() -> None:
    pages = ["台北市政府補助每戶3000元", "北京一碗面40元", "", "香港一碗雲吞麵要40元，即人民幣36元", "港幣40元"]
    batch = hanpipe.Pipeline().process_batch(pages)
    assert [money(d) for d in batch] == [money(hanpipe.process(p)) for p in pages]
    assert [money(d) for d in batch][3] == [("40元", 40, None), ("人民币36元", 36, "CNY")]
