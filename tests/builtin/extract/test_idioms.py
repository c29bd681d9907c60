"""Numerals inside four-character idioms (jieba's dictionary, tag ``i``) and inside the names of
:data:`~hanpipe.builtin.extract.idioms.NAMES` (三元里, 五台山) are no numbers.

Expected entities are written by hand; the kernel's idiom lookup is checked compiled and as
plain Python against a set lookup of the same windows.
"""

from __future__ import annotations

import functools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hanpipe
from hanpipe.builtin.extract import _kernels as K
from hanpipe.builtin.extract.idioms import (
    APPROX_WORDS,
    LITERAL,
    NAMES,
    NUMERAL_CHARS,
    PHRASES,
    approx_blockers,
    financial_words,
    idiom_keys,
    idioms,
    name_blockers,
    pack_chars,
)

NUMERIC = ["number", "quantity", "money", "percent", "date", "time"]


def numeric(text: str) -> list[tuple[str, str, object]]:
    return [(e.kind, e.text, e.value) for e in hanpipe.process(text).entities if e.kind in NUMERIC]


def test_idioms_come_from_jiebas_dictionary() -> None:
    words = idioms()
    assert len(words) > 2000
    assert {"七零八落", "十万火急", "胡说八道", "成千上万", "四面八方", "一石二鸟"} <= set(words)
    assert not LITERAL & set(words)
    assert all(len(w) == 4 for w in words)
    keys = idiom_keys()
    assert keys.dtype == np.uint64 and (keys[1:] > keys[:-1]).all()
    two = set(name_blockers()) | set(financial_words()) | APPROX_WORDS | set(approx_blockers())
    assert len(keys) == len(set(words) | PHRASES | NAMES | two)
    assert {"预约", "签约", "最近"} <= APPROX_WORDS and {"损失", "综合", "持续"} <= set(approx_blockers())
    assert {"队伍", "大陆", "收拾", "登陆", "隊伍", "大陸"} <= set(financial_words())
    assert all(len(w) == 2 and w[0] not in NUMERAL_CHARS for w in financial_words())
    assert {"松树", "谈判", "里程", "关卡"} <= set(name_blockers())
    assert not {"山上", "山区"} & set(name_blockers())  # what follows a place's name does not undo it
    assert all(len(w) in (3, 4) for w in NAMES)
    assert pack_chars("七零八落") == (ord("七") << 48) | (ord("零") << 32) | (ord("八") << 16) | ord("落")


@pytest.mark.parametrize(
    "text",
    [
        "七零八落",  # was the number 708
        "五零二落",  # 502
        "零七八碎",  # 78
        "十成九稳",  # 109 %
        "百两烂盈",  # 120
        "十万火急",  # 100000
        "乱七八糟",  # 7
        "胡说八道",  # 8 道
        "说三道四",  # 3 道
        "四面八方",
        "千方百计",
        "百无一成",  # 10 %
        "五月飞霜",  # the date --05
        "成千上万",  # over 10000
        "略知一二",
        "他说得乱七八糟，大家七嘴八舌",
    ],
)
def test_idioms_hold_no_numbers(text: str) -> None:
    assert numeric(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("我住在三元里附近", []),  # was 3 CNY
        ("北京三元桥", []),  # 3 CNY
        ("游览五台山", []),  # 5 台
        ("明十三陵", []),  # the number 13
        ("五棵松体育馆", []),  # 5 棵
        ("东京六本木", []),  # 6 本
        ("五十铃汽车", []),  # 50
        ("在五台山住了3天，花了三元钱", [("quantity", "3天", 3), ("money", "三元", 3)]),
        ("他买了五台电脑", [("quantity", "五台", 5)]),  # no name: a count
        ("写了十三行代码", [("number", "十三", 13)]),  # left out of the names: as often a count
        # a name's last character that begins a word undoes the name: counts (hand-checked)
        ("院子里有五棵松树", [("quantity", "五棵", 5)]),
        ("经过十日谈判，双方达成协议", [("quantity", "十日", 10)]),
        ("每公里三元里程费", [("money", "三元", 3)]),
        ("沿途要经过四道关卡", [("quantity", "四道", 4)]),
        ("五台山上的寺庙", []),  # 上 often follows a place's name
    ],
)
def test_names_hold_no_numbers(text: str, found: list) -> None:
    assert numeric(text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("今明两年经济增速放缓", [("quantity", "两年", 2)]),  # tagged as an idiom by jieba, a plain phrase
        ("他本场五次犯规", [("quantity", "五次", 5)]),
        ("房间乱七八糟，地上有3个箱子", [("quantity", "3个", 3)]),
        ("十万火急：还差50万元", [("money", "50万元", 500_000)]),
        ("七零八落的2024年", [("date", "2024年", "2024")]),
        ("共七零八元", [("money", "七零八元", 708)]),  # no idiom: 七零八元 is no 七零八落
    ],
)
def test_idioms_numbers_beside_them_stay(text: str, found: list) -> None:
    assert numeric(text) == found


@functools.cache
def _idiom_set() -> frozenset[str]:
    return frozenset(idioms()) | NAMES


@functools.cache
def _blockers() -> frozenset[str]:
    return frozenset(name_blockers())


IDIOM_CHARS = "七零八落十万火急乱糟胡说道四面方成千上百无一二两年3个元三里五台山陵程地区"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=IDIOM_CHARS, max_size=16), st.integers(0, 16), st.integers(0, 4))
def test_idioms_kernel_lookup_equals_a_set(text: str, start: int, width: int) -> None:
    """``_in_idiom``, compiled and as plain Python, says what a set lookup of every window of three
    and of four characters around the span says (a window of three followed by a blocker's second
    character is none)."""
    start = min(start, len(text))
    end = min(len(text), start + width)
    cps = np.array([ord(c) for c in text], dtype=np.uint32)
    words = _idiom_set()
    want = any(
        text[a : a + w] in words and not (w == 3 and text[a + 2 : a + 4] in _blockers())
        for w in (3, 4)
        for a in range(max(0, end - w), start + 1)
        if a + w <= len(text) and end - start <= w
    )
    for fn in (K._in_idiom, K._in_idiom.py_func):
        assert fn(cps, start, end, idiom_keys()) == want, (text, start, end)


def test_idioms_kernel_lookup_needs_a_key() -> None:
    cps = np.array([ord(c) for c in "七零八落"], dtype=np.uint32)
    assert not K._in_idiom(cps, 0, 3, np.zeros(0, dtype=np.uint64))
    assert K._in_idiom(cps, 0, 3, idiom_keys())
    assert not K._in_idiom(cps, 0, 4 + 1, idiom_keys())
