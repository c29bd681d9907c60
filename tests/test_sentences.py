"""Sentence spans: hand-checked cases, the seeds, and hypothesis properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanpipe._sentences import ASCII_TERMINATORS, CHINESE_TERMINATORS, CLOSERS, LINE_BREAKS, sentence_spans


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("你好。我很好！", ["你好。", "我很好！"]),
        ("甲；乙", ["甲；", "乙"]),
        ("等等……然后呢？！好吧", ["等等……", "然后呢？！", "好吧"]),
        # half-width ! and ? in Chinese text end a sentence before a Chinese character
        ("大模型到底是什么?早在2017年", ["大模型到底是什么?", "早在2017年"]),
        ("Hi!!! OK", ["Hi!!!", "OK"]),
        # closing quotes and brackets stay with their sentence
        ("他说：“我们走吧。”然后离开了。", ["他说：“我们走吧。”", "然后离开了。"]),
        ("（注：见上文。）下一句", ["（注：见上文。）", "下一句"]),
        ("「好嗎？」『好！』", ["「好嗎？」", "『好！』"]),
        ('He said "yes." Then left.', ['He said "yes."', "Then left."]),
        ("(See above.) Next", ["(See above.)", "Next"]),
        # a closer that follows no terminator is plain text
        ("《书名》。下一句", ["《书名》。", "下一句"]),
        # '.' only before whitespace or the end
        ("圆周率是3.14。对吗?", ["圆周率是3.14。", "对吗?"]),
        ("Version 3.14 is out. Try it!", ["Version 3.14 is out.", "Try it!"]),
        ("发生4.4级地震", ["发生4.4级地震"]),
        ("数字1,000.50元", ["数字1,000.50元"]),
        ("完成.接下来", ["完成.接下来"]),
        ("Wait... what", ["Wait...", "what"]),
        # ASCII ! and ? before ASCII stay inside: URLs, queries
        ("访问 a.com/?q=1 了解", ["访问 a.com/?q=1 了解"]),
        ("Yahoo!Japan", ["Yahoo!Japan"]),
        # line breaks end a sentence; whitespace between sentences belongs to none
        ("第一行\n第二行。\r\n\n第三行", ["第一行", "第二行。", "第三行"]),
        ("  前后有空格。  后一句  ", ["前后有空格。", "后一句"]),
        ("一\u2028二\x85三", ["一", "二", "三"]),
        ("\u3000\u3000全角空格开头。", ["全角空格开头。"]),
        ("", []),
        ("   \n \t ", []),
        ("。", ["。"]),
        ("”。", ["”。"]),
    ],
)
def test_sentence_spans_hand_checked(text, expected):
    assert _sentences(text) == expected


def test_sentence_spans_rejects_bytes():
    with pytest.raises(TypeError, match="takes str"):
        sentence_spans(b"abc")  # type: ignore[arg-type]


# -- the seeds, hand-checked ------------------------------------------------------


def test_sentence_spans_of_seed_000_opening(seed_texts):
    lines = seed_texts["000_f95afbe425cd4988.txt"].split("\n")
    counts = [len(sentence_spans(line)) for line in lines[:11]]
    # 2: "…的创新。" + "人工智能…关键作用。"; 2: "…开场演讲。" + "谭教授认为…赋能企业。";
    # one each for the next four; the title, "01 大模型概述" and "大模型到底是什么?" one each;
    # then "早在2017年…进行研发。" "直到2022年…备受关注。" "而ChatGPT…契机。"
    assert counts == [2, 2, 1, 1, 1, 1, 1, 1, 1, 3, 5]
    assert _sentences(lines[0]) == [
        "产品技术的演进,离不开底层科技的创新。",
        "人工智能已经成为新一轮科技革命和产业变革的重要驱动力量,基于强算法、大算力和大数据的大模型发挥着关键作用。",
    ]


def test_sentence_spans_of_seed_003_keep_decimals_and_quotes(seed_texts):
    text = seed_texts["003_c76b33a41cce0777.txt"]
    found = _sentences(text)
    quake = [s for s in found if "4.4级地震" in s]
    assert quake == [
        "2014年,美国《洛杉矶时报》记者Ken Schwencke通过编写的算法程序,"
        "仅用3分钟就完成了当时洛杉矶发生的一场4.4级地震的新闻报道。"
    ]
    asked = ("当下AIGC又有了怎样的颠覆式技术?", "处于一个怎样的发展阶段?", "产业应用如何?")
    questions = [s for s in found if s in asked]
    # the questions stand twice in the page, the second time after "那么,"
    assert len(questions) == 5
    assert "那么,当下AIGC又有了怎样的颠覆式技术?" in found
    quoted = [s for s in found if s.startswith("“和传统基于深度学习")]
    assert len(quoted) == 1 and quoted[0].endswith("再次被点燃。”")
    assert "这是王蕴韬看到的行业变化。" in found


@pytest.mark.parametrize("name", ["001_8a7838785014c413.txt", "004_5f3c4ba81d80bda7.txt"])
def test_sentence_spans_of_the_traditional_seeds(name, seed_texts):
    text = seed_texts[name]
    found = _sentences(text)
    assert found and all(s == s.strip() for s in found)
    if name.startswith("001"):
        assert "隨著ChatGPT的問世,人工智能(AI)行業(yè)進(jìn)入了全新的發(fā)展階段。" in found
    else:
        assert found[0] == (
            "【文/觀察者網(wǎng) 陳思佳】近年來(lái),ChatGPT掀起了一股人工智能(AI)浪潮,"
            "生成式人工智能和人工智能生成內(nèi)容(AIGC)的概念迅速進(jìn)入社會(huì)各界的視野。"
        )


# -- properties -------------------------------------------------------------------

ALPHABET = CHINESE_TERMINATORS + ASCII_TERMINATORS + CLOSERS + "“「（(《" + "\n\r\u2028 \t\u3000" + "中文字ab3.,"
texts = st.text(st.sampled_from(ALPHABET), max_size=60)


def _line_rest(text: str, end: int) -> str:
    """``text`` from ``end`` to the next line break (or the end)."""
    stop = end
    while stop < len(text) and text[stop] not in LINE_BREAKS:
        stop += 1
    return text[end:stop]


@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_sentence_spans_properties(text):
    spans = sentence_spans(text)
    covered = [False] * len(text)
    last = 0
    for a, b in spans:
        assert last <= a < b <= len(text)  # ordered, non-overlapping, non-empty
        last = b
        body = text[a:b]
        assert body == body.strip()  # no whitespace at either end
        assert not any(ch in LINE_BREAKS for ch in body)  # a sentence stays on its line
        for i in range(a, b):
            covered[i] = True
        # each ends at a terminator (or the closers after one), or where its line or the text ends
        tail = body.rstrip(CLOSERS)
        ends_at_terminator = bool(tail) and tail[-1] in CHINESE_TERMINATORS + ASCII_TERMINATORS
        assert ends_at_terminator or _line_rest(text, b).strip() == ""
    assert all(covered[i] or text[i].isspace() for i in range(len(text)))  # every non-space character


@settings(max_examples=200, deadline=None)
@given(text=texts)
def test_sentence_spans_of_joined_lines_are_the_spans_of_each_line(text):
    """A line break always ends a sentence, so the text's spans are its lines' spans, shifted."""
    want = []
    offset = 0
    for line in text.splitlines(keepends=True):
        want += [(offset + a, offset + b) for a, b in sentence_spans(line)]
        offset += len(line)
    assert sentence_spans(text) == want


@settings(max_examples=200, deadline=None)
@given(text=texts)
def test_sentence_spans_after_a_chinese_terminator_always_cut(text):
    for a, b in sentence_spans(text):
        body = text[a:b]
        # inside a sentence, a Chinese terminator is followed only by more terminators or closers
        for i, ch in enumerate(body[:-1]):
            if ch in CHINESE_TERMINATORS:
                assert body[i + 1] in CHINESE_TERMINATORS + ASCII_TERMINATORS + CLOSERS
