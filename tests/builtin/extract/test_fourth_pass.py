"""Wrong values found on unseen pages (medicine, history, government reports, e-commerce, tech news),
each class fixed and checked against readings written by hand."""

from __future__ import annotations

import pytest

import hanpipe

NUMERIC = ("number", "quantity", "money", "percent", "date", "time")


def found(text: str) -> list[tuple[str, str, object, object]]:
    return [(e.kind, e.text, e.value, e.unit) for e in hanpipe.process(text).entities if e.kind in NUMERIC]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a four-digit number of years (each was the date of that year)
        ("这座古镇有着1300年的历史。", [("quantity", "1300年", 1300, "年")]),
        ("长达2000年历史", [("quantity", "2000年", 2000, "年")]),
        ("延续了1000年之久", [("quantity", "1000年", 1000, "年")]),
        ("距今2000年的汉代古墓", [("quantity", "2000年", 2000, "年")]),
        ("大约在5000年前，黄河流域", [("date", "5000年前", None, None)]),  # 5000 years ago
        # ... and years that stay years
        ("回顾1949年的历史", [("date", "1949年", "1949", None)]),
        ("2000年前完成", [("date", "2000年", "2000", None)]),  # before the year 2000
    ],
)
def test_fourth_pass_years_counted(text: str, want: list) -> None:
    assert found(text) == want


def test_fourth_pass_years_ago_offset() -> None:
    (e,) = [e for e in hanpipe.process("3000年前的青铜器出土").entities if e.kind == "date"]
    assert e.attrs["offset_years"] == -3000


@pytest.mark.parametrize(
    ("text", "surface", "kind", "value", "unit"),
    [
        ("国内生产总值增长5%左右。", "5%左右", "percent", 0.05, None),  # was exact, 左右 left out
        ("这家火锅人均120元左右", "120元左右", "money", 120, "CNY"),
        ("打车到家一般25块左右。", "25块左右", "money", 25, "CNY"),  # was a quantity of 25 块
    ],
)
def test_fourth_pass_zuoyou_is_approximate(text: str, surface: str, kind: str, value: object, unit: object) -> None:
    (e,) = [e for e in hanpipe.process(text).entities if e.kind in NUMERIC]
    assert (e.kind, e.text, e.value, e.unit, e.attrs["approx"]) == (kind, surface, value, unit, True)


def test_fourth_pass_zuoyou_in_a_long_text_as_alone() -> None:
    """The column path of percent and money (a scan of many rows) reads 左右 as a short text does."""
    text = "，".join(f"增长{k}%左右，人均{k}元左右，物价涨{k}%" for k in range(1, 40))
    percents = [(e.text, e.attrs["approx"]) for e in hanpipe.process(text).entities if e.kind == "percent"]
    assert percents == [x for k in range(1, 40) for x in ((f"{k}%左右", True), (f"{k}%", False))]
    money = [e.text for e in hanpipe.process(text).entities if e.kind == "money"]
    assert money == [f"{k}元左右" for k in range(1, 40)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("歼-20是中国第五代战斗机", []),  # was -20
        ("运-20是大型运输机", []),
        ("东风-41导弹亮相", []),
        ("温度-5度", [("quantity", "-5度", -5, "度")]),  # a sign after a word that names no model
        ("他一直-5分", [("number", "-5", -5, None)]),
    ],
)
def test_fourth_pass_model_names(text: str, want: list) -> None:
    assert found(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("一二线城市房价上涨，三四线城市下跌", []),  # were 1-2 and 3-4
        ("二三等奖各5万元", [("money", "5万元", 50000, "CNY")]),
        ("一二等座票价", []),
        ("来了两三个人", [("quantity", "两三个", 2, "个")]),  # a pair that counts
    ],
)
def test_fourth_pass_tiers(text: str, want: list) -> None:
    assert found(text) == want
