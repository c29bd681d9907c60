"""Cleaner ``mojibake`` on pages a crawler read as UTF-8 where valid and as Latin-1/cp1252 elsewhere.

The crawler model is :func:`tests.reference.decode_mojibake.crawl`. A
repaired page must equal the original except in spans flagged in
``meta["damaged"]``; text that is not mojibake must never change.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hanpipe import Document
from hanpipe.api import decode as hanpipe_decode
from hanpipe.builtin.clean._mixed import crawled_as, readings
from hanpipe.builtin.clean.mojibake import MojibakeCleaner
from hanpipe.testing import check_alignment
from tests.reference.decode_mojibake import CRAWLER_ENCODINGS, crawl, crawl_text

CLEANER = MojibakeCleaner()


def repair(text: str) -> Document:
    doc = CLEANER.clean(Document.from_text(text))
    check_alignment(doc)
    return doc


def flagged_positions(doc: Document) -> list[bool]:
    """For each character of ``doc.text``: does its source span meet a damaged span?"""
    spans = doc.meta.get("damaged", [])
    out = []
    for i in range(len(doc.text)):
        s, e = doc.source_span(i, i + 1)
        out.append(any(a < max(e, s + 1) and s < b for a, b in spans))
    return out


def equal_except_flagged(doc: Document, original: str, widest: int = 16) -> bool:
    """``doc.text`` is ``original`` but in flagged stretches (each at most ``widest`` characters on either side).

    The unflagged pieces of the text, in order, must make up ``original``
    with at most ``widest`` characters of it in place of each flagged
    stretch (a regular expression: the pieces literally, a bounded gap
    between them).
    """
    flags = flagged_positions(doc)
    text = doc.text
    parts = []
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and flags[j] == flags[i]:
            j += 1
        if flags[i]:
            if j - i > widest:
                return False
            parts.append(f"(?s:.{{0,{widest}}}?)")
        else:
            parts.append(re.escape(text[i:j]))
        i = j
    return re.fullmatch("".join(parts), original) is not None


def undamaged_page(text: str) -> str:
    """The lines of a seed page without byte-loss damage of their own (see test_byteshift)."""
    return "\n".join(line for line in text.split("\n") if "damaged" not in hanpipe_decode(line).meta)


# -- the model ----------------------------------------------------------------


def test_crawler_model_reads_valid_utf8_and_single_bytes_otherwise() -> None:
    # 大模型 in GBK: B4 F3 | C4 A3 | D0 CD; C4 A3 is valid UTF-8 (U+0123)
    assert crawl("大模型".encode("gbk")) == "´óģÐÍ"
    assert crawl(b"\x81\x80\xe4\xb8\xad\xed\xa0\x80", "cp1252") == "\x81€中í\xa0€"  # ED A0: a surrogate, not valid
    assert crawl(b"\xe4\xb8", "latin-1") == "ä¸"  # cut short
    # 訓 in Big5 is B0 56: two characters, ASCII V among them
    assert crawl("訓".encode("big5")) == "°V"


def test_crawler_readings_are_consistent_with_the_model() -> None:
    """Each garbled stretch a reading gives back crawls to exactly the characters it stands for."""
    for original in ("大模型的人工智能", "应该非常简单", "論壇后接受", "梅濤說"):
        for encoding, target in (("gbk", "gbk"), ("big5hkscs", "big5")):
            data = original.encode(encoding, errors="ignore")
            text = crawl(data)
            stretches, _ = readings(text, target)
            assert stretches, (original, encoding)
            for i, j, raw, lengths in stretches:
                assert crawl(raw) == text[i:j]
                assert crawled_as(raw, lengths)


def test_crawler_model_hides_a_byte_in_a_latin1_character() -> None:
    """梅 in GBK is C3 B7, valid UTF-8 for ÷: one character for two bytes, restored or flagged.

    ``÷`` alone (B7 or C3 B7) is about as probable as 梅 under a model of
    single characters: the reading is unsure there, and says so.
    """
    original = "梅濤說：梅濤認為，王蕴韬透露"
    text = crawl(original.encode("gbk"))
    assert "÷" in text
    doc = repair(text)
    assert equal_except_flagged(doc, original)
    for i, ch in enumerate(doc.text):
        if ch not in original:
            assert flagged_positions(doc)[i], (ch, doc.text)


# -- pages made from the seeds ---------------------------------------------


@pytest.mark.parametrize(("encoding", "fallback"), CRAWLER_ENCODINGS)
def test_crawler_seed_pages_are_restored_except_flagged_spans(
    seed_texts: dict[str, str], encoding: str, fallback: str
) -> None:
    exact = 0
    flagged = total = 0
    for name, page in seed_texts.items():
        body = "".join(ch for ch in undamaged_page(page) if ch.encode(encoding, errors="ignore"))
        garbled = crawl(body.encode(encoding), fallback)
        doc = repair(garbled)
        assert equal_except_flagged(doc, body), (name, encoding)
        exact += doc.text == body
        flagged += sum(flagged_positions(doc))
        total += len(doc.text)
    assert flagged < 0.06 * total, (flagged, total)
    assert exact >= 1, encoding


# -- hypothesis text through the crawler -----------------------------------

HAN_WORDS = [
    "模型", "人工智能", "技术", "发展", "企业", "数据", "应用", "市场", "我们", "中国", "产业", "服务",
    "經濟", "時代", "電腦", "軟體", "網絡", "資訊", "發佈", "銀行", "學習", "問題", "這個", "國際",
]  # fmt: skip
PUNCT = ["，", "。", "、", "：", "“", "”", "（", "）", " ", ",", "\n"]
sentences = st.lists(
    st.one_of(st.sampled_from(HAN_WORDS), st.sampled_from(HAN_WORDS), st.sampled_from(PUNCT)), min_size=30, max_size=60
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sentences, st.sampled_from(CRAWLER_ENCODINGS))
def test_crawler_hypothesis_text_is_restored_except_flagged_spans(text: str, enc: tuple[str, str]) -> None:
    garbled = crawl_text(text, *enc)
    if garbled is None:
        return  # a Simplified word that Big5 cannot encode
    assert equal_except_flagged(repair(garbled), text)


# -- text that is not mojibake ---------------------------------------------

EUROPEAN = [
    "café", "élevé", "à", "côté", "être", "déjà", "où", "garçon", "français", "naïve", "Noël", "crème", "brûlée",
    "Größe", "für", "Übergänge", "Straße", "Fußgänger", "Bäckerei", "schön", "Mädchen", "Köln", "München",
    "niño", "señor", "acción", "también", "está", "corazón", "São", "ação", "coração", "Ångström", "smörgåsbord",
]  # fmt: skip
ENGLISH = ["the", "model", "data", "GPU", "ChatGPT", "2023", "AI", "is", "of", "and"]
european = st.lists(
    st.one_of(st.sampled_from(EUROPEAN), st.sampled_from(ENGLISH), st.sampled_from([" ", ", ", ". ", "; "])),
    min_size=1,
    max_size=40,
).map("".join)
clean_chinese = st.lists(
    st.one_of(st.sampled_from(HAN_WORDS), st.sampled_from(PUNCT), st.sampled_from(ENGLISH)), max_size=40
).map("".join)


@settings(max_examples=200, deadline=None)
@given(european)
def test_crawler_european_latin1_text_is_never_changed(text: str) -> None:
    doc = repair(text)
    assert doc.text == text
    assert "damaged" not in doc.meta


@settings(max_examples=200, deadline=None)
@given(clean_chinese, european)
def test_crawler_clean_chinese_english_and_mixed_text_is_never_changed(chinese: str, other: str) -> None:
    for text in (chinese, chinese + other, other + "：" + chinese):
        doc = repair(text)
        assert doc.text == text
        assert "damaged" not in doc.meta


NEGATIVES = [
    "Die Größe der Übergänge",
    "très élevé à côté",
    "Ça coûte cher, n'est-ce pas? Où êtes-vous?",
    "Straße Fußgänger Bäckerei",
    "Crème brûlée 与 café 的区别",
    "Pokémon 宝可梦 · São Paulo 圣保罗",
    "温度25°C，价格€100，版权©2023 ®",
    "Ελληνικά、Русский язык、עברית",
    # a quote, guillemet or dash next to a capital-initial word: 93 DC (“Ü) is a GBK pair, but the quote
    # stands beside the word, not in it
    "“Übergänge”",
    "他说“Übergänge”很难",
    "„Übergänge“ sagte er",
    "他说«Ärger»很大",
    "‘Öl’ 与 “Éclair”",
    "—Über alles—",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_crawler_negative_cases_come_out_unchanged(text: str) -> None:
    doc = repair(text)
    assert doc.text == text
    assert "damaged" not in doc.meta


#: the pinyin alphabet with its marks, written out by hand: the four tones of a, e, i, o, u and ü, ü
#: itself, and the marked n and m (ń ň ǹ ḿ)
_PINYIN_BY_HAND = "āáǎà ēéěè īíǐì ōóǒò ūúǔù ǖǘǚǜ ü ńňǹ ḿ".replace(" ", "")


@pytest.mark.parametrize("letter", list(_PINYIN_BY_HAND))
def test_crawler_a_pinyin_letter_after_a_latin_letter_is_no_sign(letter: str) -> None:
    """``网(wǎng)``: a marked letter inside a syllable opens no window for the crawler's reading (ǎ,
    the most common third tone, once did, costing a reading of its window on every annotated page);
    the same letter after a Han character still does where a crawler can make it."""
    from hanpipe.builtin.clean.mojibake import mixed_signs

    inside = "网(w" + letter + "ng)站"
    assert mixed_signs(Document.from_text(inside).code_points).tolist() == []
    alone = "网" + letter + "站"
    expected = [1] if 0x80 <= ord(letter) <= 0x7FF else []  # ḿ is three UTF-8 bytes: no crawler makes it
    assert mixed_signs(Document.from_text(alone).code_points).tolist() == expected
