"""The scan that tells the clean-up passes whether they could have work (``._work``).

The kernel ``classes_seen`` is checked, jitted and as plain Python, against
:func:`bits_of`, a plain reference written from the definitions in
``._work`` and ``._kernels``. Then the claim the passes rely on: a pass whose
bits a text lacks would have found nothing in it, had it looked (each pass's
own scan, run without the shortcut), and the whole decode stage gives the
same documents with the shortcut as with every pass looking at everything.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hanpipe
from hanpipe import Document, Pipeline
from hanpipe._text import replacement_spans
from hanpipe.builtin.clean import _batch, _work, damage, mojibake, pinyin
from hanpipe.builtin.clean._byteshift import LOOK_BACK, LOSS_REACH, candidate_runs, shifted_runs
from hanpipe.builtin.clean._byteshift import RARE as SHIFT_RARE
from hanpipe.builtin.clean._byteshift import _double as gbk_double
from hanpipe.builtin.clean._byteshift import _scores as shift_scores
from hanpipe.builtin.clean._classes import LATIN_ONLY, SPACE_OR_INVISIBLE, WIDE_TABLE, gbk_classes
from hanpipe.builtin.clean._kernels import (
    K_AMPERSAND,
    K_CONT_CONT,
    K_CONT_LEAD,
    K_HAN,
    K_LATIN_ONLY,
    K_LATIN_SIGN,
    K_LEAD_CONT,
    K_LINE_END,
    K_LOSS,
    K_PARENTHESIS,
    K_PINYIN_LATIN1,
    K_QUESTION_HAN,
    K_RARE,
    K_REPLACEMENT,
    K_SHIFT,
    K_SHIFT_RARE,
    K_SPACE,
    K_TONE,
    K_TRIPLE,
    K_WIDE,
    classes_seen,
)
from hanpipe.builtin.clean._work import class_table, has_pinyin, work
from hanpipe.builtin.clean.cleaners import EntityCleaner, NewlineCleaner, SpaceCleaner, WidthCleaner
from hanpipe.builtin.clean.mojibake import _signs
from tests.reference.decode_mojibake import KINDS, garble
from tests.strategies import SEED_TEXTS

_WORDS = ("大模型的", "人工智能", "數據", "企业出海")
GARBLED = tuple(g for w in _WORDS for k in KINDS if (g := garble(w, k)) is not None and g != w)

#: what some pass acts on, what looks like it, and plain text
PIECES = (
    *GARBLED, "锟斤拷", "樗钊氲礁餍懈鳂I", "榭赡", "\xa0", "é", "lián", "·", "©", "“", "ù)",
    "&amp;", "&#xff0c;", "&#x3f;", "&#xfffd;", "&#xa0;", "&", "#", "\r\n", "\r", "\x85", "\u2028",
    "\u3000", "\u200b", "\u200d", "\ufeff", "\x00", "\xad", "👨", "Ａ", "１", "，", "（", "）", "￥",
    "領(lǐng)", "(lǐng)", "來(lái)", "?yàn)", "\ufffdguó)", "A(chǔ)", "字符串(token)", "(", ")", "lǐng", "ǐ",
    "\ufffd", "?", "規?臻g至", "非?,", "┓", "⻊", "\ue000", "\ud800", "\udfff", "峁",
    "字", "中文", "AI", "a", "1", "。", "\n", " ", "?id=1",
)  # fmt: skip

texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=14).map("".join),
    st.tuples(st.sampled_from(SEED_TEXTS), st.integers(0, 20_000), st.integers(0, 300)).map(
        lambda t: t[0][t[1] % len(t[0]) :][: t[2]]
    ),
    st.text(max_size=20),
)


# -- the kernel ------------------------------------------------------------------------


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


REACH = LOSS_REACH + LOOK_BACK


def _rare_double(ch: str) -> bool:
    """A character GBK writes in two bytes that the byte-shift scan counts rare."""
    return bool(gbk_double()[ord(ch)]) and float(shift_scores()[ord(ch)]) < SHIFT_RARE


def bits_of(text: str) -> int:
    """:func:`classes_seen` of ``text``, character by character from the classes' definitions."""
    lead_cont, cont_lead, cont_cont, _ = gbk_classes()
    classes = (
        (K_LATIN_ONLY, lambda ch: bool(LATIN_ONLY[ord(ch)])),
        (K_PINYIN_LATIN1, lambda ch: ch in "àáèéìíòóùúü"),
        (K_LEAD_CONT, lambda ch: bool(lead_cont[ord(ch)])),
        (K_CONT_LEAD, lambda ch: bool(cont_lead[ord(ch)])),
        (K_CONT_CONT, lambda ch: bool(cont_cont[ord(ch)])),
        (K_LOSS, lambda ch: ch in "?\ufffd"),
        (K_REPLACEMENT, lambda ch: ch == "\ufffd"),
        (K_AMPERSAND, lambda ch: ch == "&"),
        (K_LINE_END, lambda ch: ch in "\r\x85\u2028\u2029"),
        (K_SPACE, lambda ch: bool(SPACE_OR_INVISIBLE[ord(ch)])),
        (K_WIDE, lambda ch: bool(WIDE_TABLE[ord(ch)])),
        (K_TONE, lambda ch: ch in "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"),
        (K_PARENTHESIS, lambda ch: ch in "()（）"),
        (K_HAN, _is_han),
        (
            K_RARE,
            lambda ch: (
                "\u2500" <= ch <= "\u257f"
                or "\u2e80" <= ch <= "\u2eff"
                or "\ue000" <= ch <= "\uf8ff"
                or "\ud800" <= ch <= "\udfff"
            ),
        ),
        (K_SHIFT_RARE, _rare_double),
    )
    out = 0
    for i, ch in enumerate(text):
        if ord(ch) > 0xFFFE:  # beyond the tables (U+FFFF is a noncharacter no table holds)
            continue
        out |= sum(bit for bit, member in classes if member(ch))
        prev, nxt = text[i - 1 : i] if i else "", text[i + 1 : i + 2]
        if LATIN_ONLY[ord(ch)] or (ch in "àáèéìíòóùúü" and not (prev.isascii() and prev.isalpha())):
            out |= K_LATIN_SIGN
        if ord(ch) <= 0xFFFF and lead_cont[ord(ch)] and len(text) > i + 2:
            b, c = ord(text[i + 1]), ord(text[i + 2])
            if b <= 0xFFFF and cont_lead[b] and c <= 0xFFFF and cont_cont[c]:
                out |= K_TRIPLE
        if ch == "?" and ((prev and _is_han(prev)) or (nxt and _is_han(nxt))):
            out |= K_QUESTION_HAN
        if _rare_double(ch) and any(m in "?\ufffd" for m in text[max(0, i - REACH) : i]):
            out |= K_SHIFT
    return out


def _cps(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


@pytest.mark.parametrize("jitted", [True, False], ids=["jit", "py_func"])
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_classes_seen_agrees_with_the_reference(jitted: bool, text: str) -> None:
    fn = classes_seen if jitted else classes_seen.py_func
    assert fn(_cps(text), class_table(), REACH) == bits_of(text)


@pytest.mark.parametrize("jitted", [True, False], ids=["jit", "py_func"])
def test_classes_seen_on_the_seeds(seed_texts: dict[str, str], jitted: bool) -> None:
    fn = classes_seen if jitted else classes_seen.py_func
    for text in seed_texts.values():
        assert fn(_cps(text), class_table(), REACH) == bits_of(text)


def test_work_hand_checked() -> None:
    def bits(text: str) -> int:
        return work(Document.from_text(text))

    assert bits("") == 0
    assert bits("plain ASCII, no work: 1 + 1 = 2") == 0
    passes = _work.MOJIBAKE_SIGNS | _work.SHIFT | _work.ENTITIES | _work.LINE_ENDS | _work.SPACES | _work.WIDE
    plain = bits("一段没有任何问题的中文。")  # Han, some of it in the GBK classes of the signature triple
    assert plain & K_HAN and not plain & (passes | _work.DAMAGED) and not has_pinyin(plain)
    assert bits("a &amp; b") & _work.ENTITIES
    assert bits("a\r\nb") & _work.LINE_ENDS and not bits("a\nb") & _work.LINE_ENDS
    assert bits("a\xa0b") & _work.SPACES and bits("a\u200bb") & _work.SPACES and not bits("a b") & _work.SPACES
    assert bits("ＡＩ") & _work.WIDE and not bits("，（）") & _work.WIDE  # Chinese punctuation stays
    assert has_pinyin(bits("領(lǐng)")) and has_pinyin(bits("?yàn)"))
    assert not has_pinyin(bits("字符串(token)")) and not has_pinyin(bits("lǐng"))
    assert bits("規?臻g") & _work.DAMAGED and bits("\ufffd") & _work.DAMAGED and bits("┓") & _work.DAMAGED
    assert not bits("https://a.cn/?id=1") & _work.DAMAGED  # a '?' with no Han beside it
    assert bits("非?,") & _work.DAMAGED
    # a byte shift begins with a rare two-byte character soon after a mark of the lost byte
    assert bits("規?樗钊氲礁") & _work.SHIFT
    assert bits("?樗") & _work.SHIFT and not bits("樗钊?") & _work.SHIFT  # the mark must come first
    assert not bits("?中文") & _work.SHIFT  # common characters
    assert bits("?" + "中" * (REACH - 1) + "氲") & _work.SHIFT
    assert not bits("?" + "中" * REACH + "氲") & _work.SHIFT
    assert bits("´óÄ£ÐÍ") & _work.MOJIBAKE_SIGNS and bits("鍩虹璁炬柦") & K_TRIPLE
    assert not bits("lián") & _work.MOJIBAKE_SIGNS  # a pinyin letter inside a word
    assert bits("(ài)") & _work.MOJIBAKE_SIGNS  # outside one: as find_signs reads it
    assert not bits("👨‍👩") & _work.MOJIBAKE_SIGNS


# -- a pass the bits rule out finds nothing ------------------------------------------------


def _all_damage(doc: Document) -> list[tuple[int, int]]:
    """The damaged pass's scan with every pattern looked for, whatever the text holds."""
    text = doc.text
    found = [(s, e) for s, e in replacement_spans(text)]
    found += [m.span() for m in damage._QUESTION.finditer(text)]
    found += [m.span() for m in re.finditer("[\ud800-\udfff]+", text)]  # lone surrogates
    for start, stop in damage.find_runs(doc.code_points, damage.RARE_TABLE):
        m = damage._RARE_RUN.match(text, start)
        end = m.end() if m else stop
        if damage._HAN_RE.match(text, max(0, start - 1), start) or damage._HAN_RE.match(text, end):
            found.append((start, end))
    return found


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_a_pass_ruled_out_finds_nothing(text: str) -> None:
    doc = Document.from_text(text)
    bits = work(doc)
    for cleaner, mask in (
        (EntityCleaner(), _work.ENTITIES),
        (NewlineCleaner(), _work.LINE_ENDS),
        (SpaceCleaner(), _work.SPACES),
        (WidthCleaner(), _work.WIDE),
    ):
        if not bits & mask:
            assert cleaner.find(doc) == [], cleaner.name
    if not has_pinyin(bits):
        starts, ends, damaged = pinyin._annotations(doc)
        assert not len(starts) and not len(ends) and damaged == []
    if not bits & _work.DAMAGED:
        assert _all_damage(doc) == []
    assert sorted(damage._damaged(doc)) == sorted(_all_damage(doc))  # each pattern gated by its own bit
    latin, triples = _signs(doc.code_points)
    assert bool(bits & K_LATIN_SIGN) == bool(len(latin))
    assert bool(bits & K_TRIPLE) == bool(len(triples))
    if not bits & _work.SHIFT:
        assert candidate_runs(text) == [] and shifted_runs(text) == []


# -- the decode stage, with and without the shortcut -----------------------------------------


def _looking_everywhere(monkeypatch: Any) -> None:
    """Every pass looks at every text: the bits say every class is there."""
    for module in (_batch, damage, mojibake, pinyin):
        monkeypatch.setattr(module, "work", lambda doc: -1)


def _same(a: Document, b: Document) -> None:
    assert a.text == b.text
    assert a.meta == b.meta
    assert (a.alignment is None) == (b.alignment is None)
    if a.alignment is not None:
        assert a.alignment.tolist() == b.alignment.tolist()


def _inputs(seed_texts: dict[str, str]) -> list[str | bytes]:
    out: list[str | bytes] = []
    for text in seed_texts.values():
        for size in (60, 300, 1000):
            out += [text[k : k + size] for k in range(0, min(len(text), 6000), size)]
        data = text.encode("utf-8")[:2000]
        out += [data, data.decode("gb18030", errors="replace"), data.decode("latin-1")]
        out.append(text.encode("gb18030", errors="ignore")[:2000].decode("latin-1"))
        out.append(text[:500].encode("gb18030", errors="ignore"))
    out += ["規&#x3f;臻g至", "&#xfffd;", "a&#x2028;b", "&#xff21;", "字&#x28;lǐng&#x29;", "字(lǐng&#41;"]
    return out


def test_decode_with_the_shortcut_equals_looking_everywhere(seed_texts: dict[str, str], monkeypatch: Any) -> None:
    inputs = _inputs(seed_texts)
    pipeline = Pipeline(convert=None, segment=None, extract=None)
    quick = [pipeline.decode(x) for x in inputs]
    quick_batch = pipeline.process_batch(inputs)
    _looking_everywhere(monkeypatch)
    slow = [pipeline.decode(x) for x in inputs]
    slow_batch = pipeline.process_batch(inputs)
    for a, b, c, d in zip(quick, slow, quick_batch, slow_batch):
        _same(a, b)
        assert isinstance(c, Document) and isinstance(d, Document)
        _same(c, a)
        _same(d, b)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_decode_property_with_the_shortcut_equals_looking_everywhere(text: str) -> None:
    pipeline = Pipeline(convert=None, segment=None, extract=None)
    quick = pipeline.decode(text)
    with pytest.MonkeyPatch.context() as monkeypatch:
        _looking_everywhere(monkeypatch)
        slow = pipeline.decode(text)
    _same(quick, slow)


def test_an_edit_that_brings_in_work_is_seen() -> None:
    # the entities pass makes a '?' next to Han (and a U+FFFD): the damaged pass, later, sees them
    doc = hanpipe.decode("規&#x3f;臻g至少")
    assert doc.text == "規?臻g至少"
    assert doc.meta["damaged"] == [[1, 9]]  # the reference that made the "?" and "臻g", in the source
    doc = hanpipe.decode("a&#xfffd;b")
    assert doc.text == "a\ufffdb" and doc.meta["damaged"] == [[1, 9]]
    # a full-width '(' from a reference is still no annotation's: it follows nothing but a space
    assert hanpipe.decode("字 &#xff08;lǐng）").text == "字 （lǐng）"
    # a reference that makes the parenthesis of an annotation: the annotation goes
    assert hanpipe.decode("領&#x28;lǐng&#x29;導").text == "領導"


def test_a_long_text_is_not_scanned_and_every_pass_looks() -> None:
    """Past SCAN_MOST characters every bit is set (each pass looks as it did before the scan), and
    the passes repair a long text as they repair its parts."""
    plain = Document.from_text("中" * (_work.SCAN_MOST + 1))
    assert work(plain) == (1 << 32) - 1
    assert work(Document.from_text("中" * _work.SCAN_MOST)) == K_HAN  # at the limit: scanned, Han alone found
    part = "价格&amp;数量\r\n全角ＡＢＣ１２３，領(lǐng)導(dǎo)\u00a0\u00a0人"
    pipeline = Pipeline(convert=None, segment=None, extract=None)
    whole = pipeline.decode(part * (_work.SCAN_MOST // len(part) + 2)).text
    assert len(whole) > _work.SCAN_MOST // 2
    assert whole == pipeline.decode(part).text * (_work.SCAN_MOST // len(part) + 2)
