"""Cleaner ``mojibake``: garbled text made with Python's codecs is restored exactly; good text is left alone."""

from __future__ import annotations

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hanpipe import Document
from hanpipe.api import decode as hanpipe_decode
from hanpipe.builtin.clean.mojibake import MojibakeCleaner
from hanpipe.testing import check_alignment
from tests.reference.decode_mojibake import KINDS, garble

CLEANER = MojibakeCleaner()


def repair(text: str) -> Document:
    doc = CLEANER.clean(Document.from_text(text))
    check_alignment(doc)
    return doc


def damaged_line(line: str) -> bool:
    """Lines of the seeds that hold byte-loss garbage of their own (``樗钊氲礁``)."""
    return "damaged" in hanpipe_decode(line).meta


def test_mojibake_every_kind_of_every_seed_line_is_restored_exactly(seed_lines: list[str]) -> None:
    """Lines with byte-loss damage of their own are left out: their bytes have more than one reading."""
    made = dict.fromkeys(KINDS, 0)
    lines = [line for line in seed_lines if not damaged_line(line)]
    for kind in KINDS:
        for line in lines:
            garbled = garble(line, kind)
            if garbled is None or garbled == line:
                continue
            made[kind] += 1
            assert repair(garbled).text == line, (kind, line)
    # every kind is exercised; UTF-8 read as GBK is lossless for few whole lines
    assert all(n >= 10 for n in made.values()), made


def test_mojibake_fragments_inside_good_text_are_restored_exactly(seed_lines: list[str]) -> None:
    checked = 0
    for line in seed_lines[::2]:
        if damaged_line(line):
            continue
        for m in list(regex.finditer(r"\p{Han}{4,12}", line))[:3]:
            for kind in KINDS:
                garbled = garble(m.group(), kind)
                if garbled is None or garbled == m.group():
                    continue
                text = line[: m.start()] + garbled + line[m.end() :]
                assert repair(text).text == line, (kind, m.group(), line)
                checked += 1
    assert checked > 1000


def test_mojibake_good_seed_lines_are_never_changed(seed_lines: list[str]) -> None:
    """Lines with byte-loss damage of their own are re-read where a byte shift garbled them (test_byteshift)."""
    for line in seed_lines:
        if damaged_line(line):
            continue
        doc = repair(line)
        assert doc.text == line
        assert "repairs" not in doc.meta


def test_mojibake_signatures() -> None:
    assert repair("锟斤拷锟斤拷").text == "\ufffd\ufffd\ufffd\ufffd"
    assert repair("å¤§æ¨¡åž‹").text == "大模型"
    assert repair("´óÄ£ÐÍ").text == "大模型"
    assert repair("新闻：" + "基础模型发布".encode().decode("gb18030") + "。").text == "新闻：基础模型发布。"
    assert repair("¤j¼Ò«¬®É¥N").text == "大模型時代"
    assert repair("cafÃ©").text == "café"


def test_mojibake_records_the_step_and_reason() -> None:
    doc = repair("标题：å¤§æ¨¡åž‹")
    assert doc.meta["repairs"] == [{"step": "mojibake", "edits": 3}]


def test_mojibake_source_span_of_each_restored_piece_carries_its_bytes() -> None:
    """Split at shared byte boundaries: each restored piece maps to the garbled characters with its bytes."""
    original = "人工智能大模型時代已經到來"
    for kind in KINDS:
        garbled = garble(original, kind)
        if garbled is None:
            continue
        doc = repair("前言 " + garbled + " 结语")
        assert doc.text == "前言 " + original + " 结语", kind
        assert doc.source_span(3, 3 + len(original)) == (3, 3 + len(garbled))
        # walk the restored text piece by piece: the shortest prefix whose source span garbles back
        a = 3
        pieces = 0
        while a < 3 + len(original):
            b = a + 1
            while garble(doc.text[a:b], kind) != doc.source[slice(*doc.source_span(a, b))]:
                b += 1
                assert b <= 3 + len(original), (kind, a)
            pieces += 1
            a = b
        assert pieces >= len(original) // 2, kind


NEGATIVES = [
    "在9月22日于广州举办的2023年中国企业出海高质量发展创新大会上",
    "“人工智能”……——《大模型》·第二章",
    "温度25°C，价格¥100，版权©2023 ®",
    "Pokémon、café、naïve、Ελληνικά、Русский",
    "ÄÖÜ äöü ß",  # German text without Chinese
    "长的字符串(token)来做相",
    "啊阿埃挨哎唉哀皑癌蔼矮艾碍爱隘",  # common characters with GBK bytes in the UTF-8 continuation range
]


def test_mojibake_negative_cases_come_out_unchanged() -> None:
    for text in NEGATIVES:
        assert repair(text).text == text


HAN_COMMON = st.sampled_from(
    list(
        "的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生"
        "自会那后能对着事其里所去行过家十用发天如然作方成者多日都三小军二无同么经法当起与好看"
        "網絡時說這們來會發"
    )
)
HAN_ANY = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
ASCII = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
PUNCT = st.sampled_from(list("，。：；？！“”‘’、（）《》【】…—·,.;:!?()[]-\n\t "))
texts = st.text(st.one_of(HAN_COMMON, HAN_COMMON, HAN_ANY, ASCII, PUNCT), max_size=80)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_mojibake_random_chinese_ascii_and_punctuation_are_never_altered(text: str) -> None:
    assert repair(text).text == text


han_words = st.text(HAN_COMMON, min_size=2, max_size=6)
# "·" is left out: its UTF-8 bytes read as GBK are 路, as probable as "·" itself (see the xfail below)
PUNCT_NO_DOT = st.sampled_from(list("，。：；？！“”‘’、（）《》【】…—,.;:!?()[]-\n\t "))
sentences = st.lists(
    st.one_of(han_words, han_words, PUNCT_NO_DOT, st.text(ASCII, max_size=5)), min_size=2, max_size=12
).map("".join)


@settings(max_examples=150, deadline=None)
@given(sentences, st.sampled_from(KINDS))
def test_mojibake_random_sentences_garbled_are_restored(text: str, kind: str) -> None:
    """Sentences of common words (runs of two or more Han characters) with eight Han characters or more."""
    garbled = garble(text, kind)
    if garbled is None or garbled == text or sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff") < 8:
        return
    assert repair(garbled).text == text


@pytest.mark.xfail(strict=True, reason="known gap: a trailing '·' read as GBK is the common 路, kept by the model")
def test_mojibake_trailing_middle_dot_read_as_gbk() -> None:
    text = "三一三一三一三一·"
    assert repair(garble(text, "utf8-as-gbk") or "").text == text
