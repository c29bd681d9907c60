"""European text in cp1252 / Latin-1 is read as cp1252, never as invented Chinese; Chinese stays Chinese."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.corpus import encodable
from hanpipe._charmodel import ERROR_COST, char_scores
from hanpipe.api import decode as hanpipe_decode
from hanpipe.builtin.decode import _kernels as K
from hanpipe.builtin.decode.auto import AutoDecoder, _decide, _rows, sniff
from hanpipe.builtin.decode.latin import IN_WORD, OUTSIDE, RUN, latin_table
from tests.builtin.decode.test_fast_path import assert_same
from tests.conftest import TRADITIONAL_SEEDS
from tests.strategies import SEED_TEXTS, byte_windows

DETECTOR = AutoDecoder()

#: sentences written for these tests, several per language, short ones (10-20 bytes) among them
LATIN = {
    "fr": [
        "café crème brûlée",
        "Le café est très bon à Paris. Il coûte cher.",
        "Où est la gare ?",
        "Noël à la forêt",
        "Il a déjà mangé.",
        "L'été dernier, nous sommes allés à Genève.",
        "Ça coûte cher",
        "une fenêtre ouverte",
        "le cœur léger",
        "« Bonjour », dit-elle.",
        "ÉCOLE NATIONALE",
        "It’s a café",
    ],
    "de": [
        "Größe Straße über",
        "Schöne Grüße aus München",
        "Die Tür ist geöffnet.",
        "Ärger im Büro",
        "Fünf Brötchen, bitte!",
        "Wir fahren über die Brücke nach Köln.",
        "Das Mädchen läuft schnell.",
        "süß und sauer",
        "Übermorgen früh",
        "ÜBER ALLES",
    ],
    "es": [
        "señor año",
        "¿Dónde está la estación?",
        "El niño comió mañana.",
        "Mañana será otro día.",
        "la canción española",
        "¡Qué rápido corre!",
        "Él habló con su mamá.",
        "el corazón",
        "Buenos días, señora.",
    ],
    "pt": [
        "não coração",
        "A informação está disponível.",
        "São Paulo é grande.",
        "Obrigado pela atenção",
        "as lições de português",
        "Você já comeu pão?",
        "mãe e irmã",
        "É difícil, não é?",
    ],
    "it": [
        "città perché",
        "Perché non vieni più?",
        "È già tardi.",
        "La città è bellissima.",
        "caffè e tè",
        "Lunedì andrò in università.",
        "così così",
        "virtù e libertà",
    ],
    "sv": [
        "för så här",
        "Välkommen till Göteborg!",
        "Jag är trött på väder.",
        "Björn åker skidor.",
        "Räksmörgås",
        "Öppna dörren, tack.",
        "fågel och älg",
        "Hej då, vi ses på måndag.",
    ],
}
SENTENCES = [(lang, s) for lang, texts in LATIN.items() for s in texts]

#: short Chinese texts, hand-picked to look most like Latin words in cp1252: a Han character
#: next to ASCII letters (T恤, K线, AI模型) and two-character words
CHINESE = [
    "中文",
    "你好世界",
    "AI模型",
    "T恤衫",
    "A股市场",
    "K线图",
    "3D打印",
    "X光片",
    "使用Python训练",
    "Apple发布iPhone 15",
    "大模型ChatGPT为何火了",
    "e书",
    "B超检查",
    "卡拉OK厅",
]
TRADITIONAL = ["臺灣", "資料庫", "軟體開發", "人工智慧AI", "微軟Copilot", "雲端運算服務", "下載App"]


def test_latin_the_reported_examples_read_as_cp1252() -> None:
    for data, want in (
        (b"caf\xe9 cr\xe8me br\xfbl\xe9e", "café crème brûlée"),
        (b"Le caf\xe9 est tr\xe8s bon \xe0 Paris. Il co\xfbte cher.", "Le café est très bon à Paris. Il coûte cher."),
        (b"Sch\xf6ne Gr\xfc\xdfe aus M\xfcnchen", "Schöne Grüße aus München"),
    ):
        doc = DETECTOR.decode(data, encoding=None)
        assert (doc.text, doc.meta["encoding"]) == (want, "cp1252")
        assert "damaged" not in doc.meta


def _encoded(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
    except UnicodeEncodeError:  # œ is in cp1252, not in Latin-1
        return False
    return True


ENCODED = [(lang, text, codec) for codec in ("cp1252", "latin-1") for lang, text in SENTENCES if _encoded(text, codec)]


@pytest.mark.parametrize(
    ("lang", "text", "codec"), ENCODED, ids=[f"{codec}-{lang}-{i}" for i, (lang, _, codec) in enumerate(ENCODED)]
)
def test_latin_sentences_decode_exactly(lang: str, text: str, codec: str) -> None:
    data = text.encode(codec)
    doc = DETECTOR.decode(data, encoding=None)
    assert doc.text == text and doc.meta["encoding"] == "cp1252"
    assert sniff(data)[0] == "cp1252"
    assert hanpipe_decode(data).text == text  # and no clean-up pass takes it for mojibake


def test_latin_there_are_short_sentences_in_every_language() -> None:
    for lang, texts in LATIN.items():
        assert len(texts) >= 5 and any(10 <= len(t.encode("cp1252")) <= 20 for t in texts), lang


@pytest.mark.parametrize("text", CHINESE)
@pytest.mark.parametrize("codec", ["gbk", "gb18030"])
def test_latin_short_simplified_chinese_is_not_cp1252(text: str, codec: str) -> None:
    doc = DETECTOR.decode(text.encode(codec), encoding=None)
    assert doc.meta["encoding"] == "gb18030" and doc.text == text


@pytest.mark.parametrize("text", TRADITIONAL)
@pytest.mark.parametrize("codec", ["big5", "gb18030"])
def test_latin_short_traditional_chinese_is_not_cp1252(text: str, codec: str) -> None:
    doc = DETECTOR.decode(text.encode(codec), encoding=None)
    assert doc.meta["encoding"] in {codec, "big5hkscs"} and doc.text == text


@pytest.mark.parametrize("size", [4, 8, 16, 32, 64])
def test_latin_no_seed_window_in_gbk_or_big5_reads_as_cp1252(size: int) -> None:
    """Every 3rd character of the seeds: no window with a Chinese character is called cp1252."""
    checked = 0
    wrong = []
    for i, text in enumerate(SEED_TEXTS):
        traditional = i in {int(name[:3]) for name in TRADITIONAL_SEEDS}
        for codec in ("gbk", "gb18030", *(("big5",) if traditional else ())):
            body = encodable(text, codec) if codec != "gb18030" else text
            for sub, data in byte_windows(body, codec, size, 3, min_han=1):
                checked += 1
                if sniff(data)[0] == "cp1252":
                    wrong.append((codec, sub))
    assert checked > 5_000
    assert wrong == []


@pytest.mark.parametrize("codec", ["utf-8", "utf-16"])
def test_latin_european_text_in_utf8_or_utf16_keeps_its_encoding(codec: str) -> None:
    """In UTF-8, ``ä`` (C3 A4) is also GBK's 盲 and ``ñ`` (C3 B1) 帽: a letter in a Latin word counts for UTF-8."""
    wrong = []
    for _, text in SENTENCES:
        doc = DETECTOR.decode(text.encode(codec), encoding=None)
        if doc.text != text or not doc.meta["encoding"].startswith(codec):
            wrong.append((text, doc.text, doc.meta["encoding"]))
    assert wrong == []


def test_latin_utf8_reported_examples() -> None:
    for text in ("Das Mädchen läuft schnell.", "señor año", "El niño comió mañana."):
        doc = DETECTOR.decode(text.encode("utf-8"), encoding=None)
        assert (doc.text, doc.meta["encoding"]) == (text, "utf-8")


def test_latin_ascii_stays_utf8() -> None:
    for data in (b"hello world", b"Hello, World!", b"abc", b"x" * 300):
        assert DETECTOR.decode(data, encoding=None).meta["encoding"] == "utf-8"


def test_latin_undefined_cp1252_bytes_are_damage_not_text() -> None:
    """0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined in cp1252: replaced and flagged, with a lower confidence."""
    data = b"Le caf\xe9 est tr\xe8s bon \x81 Paris."
    doc = DETECTOR.decode(data, encoding=None)
    clean = DETECTOR.decode(data.replace(b"\x81", b"\xe0"), encoding=None)
    assert doc.meta["encoding"] == "cp1252" and doc.text == "Le café est très bon \ufffd Paris."
    assert doc.meta["damaged"] == [[21, 22]]
    assert doc.meta["confidence"] < clean.meta["confidence"]


def test_latin_cyrillic_in_cp1251_is_not_read_as_confident_cp1252() -> None:
    """A run of high bytes is not Latin text: Russian in cp1251 keeps a low confidence in any reading."""
    doc = DETECTOR.decode("Привет, как дела? Всё хорошо.".encode("cp1251"), encoding=None)
    assert doc.meta["confidence"] < 0.5


# -- the words the property is made of: accented letters where Latin words hold them ----------------------

ASCII_LOWER = "abcdefghijklmnopqrstuvwxyz"
ACCENTED = "àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿœš"
CAPITALS = "ÀÁÂÄÅÇÈÉÊÍÓÔÖØÚÜÑŒŠ"
letters = st.text(ASCII_LOWER, min_size=2, max_size=5)
accented_word = st.one_of(
    st.tuples(letters, st.sampled_from(ACCENTED), st.text(ASCII_LOWER, max_size=4)).map("".join),  # café, crème
    st.tuples(st.sampled_from(CAPITALS), letters).map("".join),  # École, Über
    st.tuples(st.text(ASCII_LOWER, max_size=1), st.sampled_from(ACCENTED), letters).map("".join),  # été, ñoño
)
plain_word = st.text(ASCII_LOWER, min_size=1, max_size=8)


def _lowercase_accent(word: str) -> bool:
    return not word[1:].isascii() or word[:1] in ACCENTED


#: two accented words at least, one with a lowercase accented letter: one accented capital and three
#: ASCII letters (``Ána a``) is as good a Big5 character (``聲a a``) as Latin, and no rule of letters
#: tells them apart; two such words (``Ána Ána``) are no better (see the strict xfail below)
latin_text = st.lists(st.one_of(accented_word, accented_word, plain_word), min_size=2, max_size=12).filter(
    lambda words: sum(not w.isascii() for w in words) >= 2 and any(map(_lowercase_accent, words))
)


@pytest.mark.xfail(strict=True, reason="capital-initial accented words alone read as common Big5 characters")
def test_latin_capital_initial_words_alone_are_read_as_big5() -> None:
    """Pinned, so a change that fixes it is seen: ``Ána Ána`` reads as Big5 ``聲a 聲a`` by 1.55 nats."""
    doc = DETECTOR.decode("Ána Ána".encode("cp1252"), encoding=None)
    assert (doc.text, doc.meta["encoding"]) == ("Ána Ána", "cp1252")


#: in cp1252, three different accented words at least: an accented letter and the ASCII letter after
#: it are one GBK character (ü and c make 點, ó and w 體), so a text of two such words, or of one
#: repeated, may read as well as GB18030 (``tbss, ücdtrp, ücdtrp``, ``Áxa aaów``: the strict xfail
#: below); with three different ones no failing text was found in 30,000 drawn
cp1252_text = latin_text.filter(lambda words: len({w for w in words if not w.isascii()}) >= 3)


@pytest.mark.xfail(strict=True, reason="two accented words of random letters can read as common GBK characters")
def test_latin_two_accented_words_of_random_letters_may_read_as_gbk() -> None:
    """Pinned, so a change that fixes it is seen: found by the property below before it asked for three words."""
    for text in ("tbss, ücdtrp, ücdtrp", "Áxa aaów"):
        doc = DETECTOR.decode(text.encode("cp1252"), encoding=None)
        assert (doc.text, doc.meta["encoding"]) == (text, "cp1252")


@settings(max_examples=300, deadline=None)
@given(words=cp1252_text, sep=st.sampled_from([" ", ", ", ". "]))
def test_latin_random_accented_words_decode_back_exactly(words: list[str], sep: str) -> None:
    text = sep.join(words)
    doc = DETECTOR.decode(text.encode("cp1252"), encoding=None)
    assert (doc.text, doc.meta["encoding"]) == (text, "cp1252")


chinese_slices = st.tuples(
    st.sampled_from(range(len(SEED_TEXTS))), st.integers(0, 5_000), st.integers(2, 40), st.sampled_from(["gbk", "big5"])
)


@settings(max_examples=300, deadline=None)
@given(words=latin_text, sep=st.sampled_from([" ", ", ", ". "]))
def test_latin_random_accented_words_in_utf8_decode_back_exactly(words: list[str], sep: str) -> None:
    text = sep.join(words)
    doc = DETECTOR.decode(text.encode("utf-8"), encoding=None)
    assert (doc.text, doc.meta["encoding"]) == (text, "utf-8")


@settings(max_examples=400, deadline=None)
@given(pick=chinese_slices)
def test_latin_random_seed_slices_in_gbk_or_big5_are_never_cp1252(pick: tuple[int, int, int, str]) -> None:
    index, start, length, codec = pick
    text = encodable(SEED_TEXTS[index], codec)
    piece = text[start % len(text) :][:length]
    data = piece.encode(codec)
    if data.isascii():
        return
    assert sniff(data)[0] != "cp1252"


@pytest.mark.parametrize("codec", ["gbk", "big5"])
def test_latin_seed_windows_are_decoded_as_before_the_latin_evidence(codec: str) -> None:
    """The Latin evidence of UTF-8 changes no decoding of a seed window: every window (4 to 64 bytes,
    every 2nd character) whose winner changes when ``OUT_LATIN`` is ignored is counted."""
    changed = []
    for text in SEED_TEXTS:
        body = encodable(text, codec)
        for size in (4, 8, 16, 64):
            for sub, data in byte_windows(body, codec, size, 2, min_han=1):
                rows = _rows(data)
                with_latin = _decide(data, rows)[0]
                rows[K.CANDIDATES.index("utf-8"), K.OUT_LATIN] = 0.0
                if _decide(data, rows)[0] != with_latin:
                    changed.append(sub)
    assert changed == []


# -- the kernel, jitted and as plain Python, against an obvious reading of the rule -----------------------


def reference_cp1252(data: bytes) -> tuple[float, int, int]:
    """(score, undefined bytes, characters) of ``data`` read as cp1252, as the module doc of
    ``hanpipe.builtin.decode.latin`` states the rule, with Python's codec and str methods."""
    bmp = char_scores()
    chars = [bytes((b,)).decode("cp1252", errors="replace") for b in data]
    high = [b >= 0x80 for b in data]

    def ascii_letter(k: int, lower: bool | None = None) -> bool:
        if not 0 <= k < len(data) or high[k] or not chars[k].isalpha():
            return False
        return lower is None or chars[k].islower() == lower

    def latin_letter(b: int) -> bool:
        return (b >= 0xC0 and b not in (0xD7, 0xF7)) or b in (0x8A, 0x8C, 0x8E, 0x9A, 0x9C, 0x9E, 0x9F)

    score, errors, count, i = 0.0, 0, 0, 0
    while i < len(data):
        if not high[i]:
            score += float(bmp[data[i]])
            count += 1
            i += 1
            continue
        j = i
        while j < len(data) and high[j]:
            j += 1
        run = data[i:j]
        word = False
        if len(run) <= 2:
            after = 0
            while after < 2 and ascii_letter(j + after, lower=True):
                after += 1
            before = 0
            while before < 2 and ascii_letter(i - 1 - before, lower=True):
                before += 1
            if before < 2 and ascii_letter(i - 1 - before, lower=False) and not ascii_letter(i - 2 - before):
                before += 1
            first = chars[i]
            if len(run) == 1 and run[0] == 0x92:
                word = ascii_letter(i - 1) and after >= 1
            elif all(latin_letter(b) for b in run) and (len(run) == 1 or chars[i + 1].islower()):
                if first.isupper():
                    caps = len(run) == 1 and ascii_letter(j, lower=False) and ascii_letter(j + 1, lower=False)
                    word = not ascii_letter(i - 1) and (after >= 2 or caps)
                else:
                    word = before + after >= (1 if run[1:] == b"\xdf" else 2)
                    ends_word = j == len(data) or not (chars[j].isascii() and chars[j].isalnum())
                    word = word or (len(run) == 1 and before >= 1 and ends_word)
        for k in range(i, j):
            if chars[k] == "\ufffd":
                errors += 1
                continue
            count += 1
            base = float(bmp[ord(chars[k])])
            score += IN_WORD if word else min(base, RUN if len(run) >= 3 else OUTSIDE)
        i = j
    return score, errors, count


def reference_utf8_latin(data: bytes) -> float:
    """What ``OUT_LATIN`` holds for valid UTF-8 ``data``: for each letter of cp1252 from À up that
    stands as in a Latin word (the cp1252 rule for one letter, without the word-final case),
    ``IN_WORD`` less the character model's score of it."""
    bmp = char_scores()
    text = data.decode("utf-8")
    total = 0.0
    for i, ch in enumerate(text):
        if not ("\xc0" <= ch <= "\xff" or ch in "ŒœŠšŽžŸ") or not ch.isalpha():  # À..ÿ but × ÷
            continue

        def lower_ascii(k: int) -> bool:
            return 0 <= k < len(text) and "a" <= text[k] <= "z"

        def ascii_letter(k: int) -> bool:
            return 0 <= k < len(text) and text[k].isascii() and text[k].isalpha()

        after = 0
        while after < 2 and lower_ascii(i + 1 + after):
            after += 1
        if ch.isupper():
            word = not ascii_letter(i - 1) and after >= 2
        else:
            before = 0
            while before < 2 and lower_ascii(i - 1 - before):
                before += 1
            k = i - 1 - before
            if before < 2 and ascii_letter(k) and text[k].isupper() and not ascii_letter(k - 1):
                before += 1
            word = before + after >= 2
        if word:
            total += IN_WORD - float(bmp[ord(ch)])
    return total


utf8_latin_text = st.text(st.sampled_from("abcdeXYZ é,ñÉüßœ×ª中"), max_size=16)


@pytest.mark.parametrize("jitted", [True, False], ids=["jit", "py_func"])
@settings(max_examples=300, deadline=None)
@given(text=utf8_latin_text)
def test_kernel_utf8_latin_evidence_agrees_with_the_reference(jitted: bool, text: str) -> None:
    fn = K.score_utf8 if jitted else K.score_utf8.py_func
    out = np.zeros(K.N_OUT, dtype=np.float64)
    fn(text.encode("utf-8"), char_scores(), out)
    assert out[K.OUT_LATIN] == pytest.approx(reference_utf8_latin(text.encode("utf-8")), abs=1e-6)


def test_kernel_latin_in_word_is_one_value() -> None:
    assert K.LATIN_IN_WORD == IN_WORD


latin_bytes = st.lists(
    st.one_of(
        st.integers(0, 255),
        st.integers(0x61, 0x7A),
        st.integers(0x41, 0x5A),
        st.integers(0xC0, 0xFF),
        st.sampled_from([0x20, 0x2E, 0x81, 0x92, 0x9C, 0xDF]),
    ),
    max_size=24,
).map(bytes)


@pytest.mark.parametrize("jitted", [True, False], ids=["jit", "py_func"])
@settings(max_examples=300, deadline=None)
@given(data=latin_bytes)
def test_kernel_score_cp1252_agrees_with_the_reference(jitted: bool, data: bytes) -> None:
    fn = K.score_cp1252 if jitted else K.score_cp1252.py_func
    out = np.zeros(K.N_OUT, dtype=np.float64)
    fn(data, latin_table(), IN_WORD, out)
    score, errors, count = reference_cp1252(data)
    assert out[K.OUT_SCORE] == pytest.approx(score, abs=1e-6)
    assert (out[K.OUT_ERRORS], out[K.OUT_CHARS], out[K.OUT_PARTIAL]) == (errors, count, 0)


def test_kernel_score_cp1252_by_hand() -> None:
    """``café`` (``é`` ends a word of three letters), ``Ärger`` (a capital begins it), Chinese bytes (a run),
    a word-final ``é``, an ``é`` with one letter and a digit after it, an undefined byte."""
    bmp = char_scores()
    out = np.zeros(K.N_OUT, dtype=np.float64)
    K.score_cp1252(b"caf\xe9", latin_table(), IN_WORD, out)
    assert out[K.OUT_SCORE] == pytest.approx(3 * float(bmp[ord("a")]) + IN_WORD)
    K.score_cp1252(b"\xc4rger", latin_table(), IN_WORD, out)
    assert out[K.OUT_SCORE] == pytest.approx(IN_WORD + 4 * float(bmp[ord("r")]))
    K.score_cp1252("中文".encode("gbk"), latin_table(), IN_WORD, out)  # ÖÐÎÄ
    assert out[K.OUT_SCORE] == pytest.approx(4 * RUN)
    K.score_cp1252(b"a\xe9 ", latin_table(), IN_WORD, out)  # é ends a word: GB18030 and Big5 end no character so
    assert out[K.OUT_SCORE] == pytest.approx(float(bmp[ord("a")]) + IN_WORD + float(bmp[0x20]))
    K.score_cp1252(b" \xe9a1 \x81", latin_table(), IN_WORD, out)  # one letter next to é, then a digit: not a word
    ascii_part = 2 * float(bmp[0x20]) + float(bmp[ord("a")]) + float(bmp[ord("1")])
    assert out[K.OUT_SCORE] == pytest.approx(ascii_part + OUTSIDE)
    assert out[K.OUT_ERRORS] == 1 and not math.isnan(out[K.OUT_SCORE])
    assert ERROR_COST > -3 * IN_WORD  # an undefined byte costs more than any byte's score can make up


# -- the fast path decides Latin text as the step-by-step reference does -----------------------------------


@pytest.mark.parametrize("codec", ["cp1252", "utf-8", "gbk"])
def test_latin_fast_path_equals_full_path_on_the_sentences(codec: str) -> None:
    for _, text in SENTENCES:
        assert_same(text.encode(codec, errors="replace"))


@settings(max_examples=200, deadline=None)
@given(
    parts=st.lists(
        st.one_of(
            latin_text.map(lambda words: " ".join(words).encode("cp1252")),
            latin_text.map(lambda words: " ".join(words).encode("utf-8")),
            st.sampled_from(CHINESE).map(lambda text: text.encode("gbk")),
            st.sampled_from(TRADITIONAL).map(lambda text: text.encode("big5")),
            st.binary(max_size=4),
        ),
        max_size=8,
    )
)
def test_latin_fast_path_equals_full_path_on_latin_and_chinese_pieces(parts: list[bytes]) -> None:
    assert_same(b"".join(parts))
