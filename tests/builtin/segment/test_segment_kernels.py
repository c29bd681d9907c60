"""The segment kernels on small made-up dictionaries, jitted and as plain Python.

Every check runs on ``kernel`` and on ``kernel.py_func`` and compares with
the plain-Python versions in ``tests/reference/segment_jieba.py``. Frequencies
are small, so many routes are decided by ties.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanpipe._text import SPACE
from hanpipe.builtin.segment import _dict
from hanpipe.builtin.segment import _kernels as K
from tests.reference import segment_jieba as ref

ALPHABET = "中国人民大学生abc"
TEXT_ALPHABET = ALPHABET + "口x1.%，, \n\r𠀀"
words_st = st.dictionaries(st.text(st.sampled_from(ALPHABET), min_size=1, max_size=4), st.integers(0, 4),
                           min_size=1, max_size=14)
texts_st = st.text(st.sampled_from(TEXT_ALPHABET), max_size=30)


def jit_and_py(kernel):
    return [pytest.param(kernel, id="jit"), pytest.param(kernel.py_func, id="py_func")]


def hmm_tables() -> tuple:
    d = _dict.default_dictionary()
    return d.start_p, d.trans, d.emit


def make_dict(words: dict[str, int]) -> _dict.Dictionary:
    total = sum(words.values()) or 1
    return _dict.build(words, total, dict(zip(("start_p", "trans", "emit"), hmm_tables())))


def cps_of(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def run_segment(kernel, d: _dict.Dictionary, text: str, hmm: bool) -> list[tuple[int, int]]:
    cps = cps_of(text)
    n = len(cps)
    m = ref.block_lengths(text)
    out_s = np.full(n, -1, dtype=np.int32)
    out_e = np.full(n, -1, dtype=np.int32)
    bc, wscore = d.seg_arrays()
    k = kernel(cps, d.charmap, bc, wscore, d.flags, d.logtotal, d.start_p, d.trans, d.emit, hmm,
               np.zeros(n, np.int32), np.zeros(n + 1), np.zeros(n + 1, np.int32), np.zeros(4 * m, np.int8),
               np.zeros(m, np.int8), out_s, out_e)
    assert k >= 0
    return list(zip(out_s[:k].tolist(), out_e[:k].tolist()))


def reference_cut(words: dict[str, int], text: str, hmm: bool, force_split=frozenset()) -> list[str]:
    total = sum(words.values()) or 1
    return ref.cut(text, ref.freq_table(words), total, hmm, hmm_tables(), force_split)


@pytest.mark.parametrize("kernel", jit_and_py(K.segment_text))
@pytest.mark.parametrize("hmm", [True, False])
@settings(max_examples=40, deadline=None)
@given(words=words_st, texts=st.lists(texts_st, min_size=1, max_size=4))
def test_segment_text_equals_reference(kernel, hmm: bool, words: dict[str, int], texts: list[str]) -> None:
    d = make_dict(words)
    for text in texts:
        words_out = [text[s:e] for s, e in run_segment(kernel, d, text, hmm)]
        assert words_out == reference_cut(words, text, hmm)


@pytest.mark.parametrize("kernel", jit_and_py(K.segment_text))
def test_segment_text_ties_take_the_longer_word(kernel) -> None:
    # "ab" + "c" and "a" + "bc" score the same; jieba keeps the larger end at each position
    words = {"a": 1, "b": 1, "c": 1, "ab": 1, "bc": 1}
    d = make_dict(words)
    for text in ["abc", "abcabc", "cab"]:
        got = [text[s:e] for s, e in run_segment(kernel, d, text, False)]
        assert got == reference_cut(words, text, False)


PREVIOUS = {"B": "ES", "M": "MB", "E": "BM", "S": "SE"}  # jieba's finalseg PrevStatus
STATE = {"B": K.ST_B, "M": K.ST_M, "E": K.ST_E, "S": K.ST_S}


@pytest.mark.parametrize("kernel", jit_and_py(K._enter))
@settings(max_examples=200, deadline=None)
@given(y=st.sampled_from("BMES"), v=st.lists(st.sampled_from([-3.0, -2.5, -1.0, -0.5]), min_size=2, max_size=2),
       tr=st.lists(st.sampled_from([-1.0, -0.5, 0.0]), min_size=2, max_size=2), em=st.sampled_from([-2.0, -1.0]))
def test_enter_is_jiebas_tuple_max(kernel, y: str, v: list[float], tr: list[float], em: float) -> None:
    # values from small sets: many ties, which jieba breaks by the state letter
    y0, y1 = PREVIOUS[y]
    trans = np.full((4, 4), K.MIN_FLOAT)
    trans[STATE[y0], STATE[y]] = tr[0]
    trans[STATE[y1], STATE[y]] = tr[1]
    prob, state = max((v[0] + tr[0] + em, y0), (v[1] + tr[1] + em, y1))
    lo, hi = sorted((y0, y1))
    v_lo, v_hi = (v[0], v[1]) if lo == y0 else (v[1], v[0])
    bp = np.full(8, -1, np.int8)
    at = 4 + STATE[y]
    got = kernel(bp, at, STATE[lo], v_lo, trans[STATE[lo], STATE[y]], STATE[hi], v_hi, trans[STATE[hi], STATE[y]], em)
    assert got == prob
    assert bp[4 + STATE[y]] == STATE[state]
    assert sum(int(x) != -1 for x in bp) == 1


@pytest.mark.parametrize("kernel", jit_and_py(K.segment_text))
def test_segment_text_reports_short_arrays(kernel) -> None:
    d = make_dict({"中国": 3})
    cps = cps_of("中国人")
    bc, wscore = d.seg_arrays()
    k = kernel(cps, d.charmap, bc, wscore, d.flags, d.logtotal, d.start_p, d.trans, d.emit, True,
               np.zeros(1, np.int32), np.zeros(2), np.zeros(2, np.int32), np.zeros(4, np.int8), np.zeros(1, np.int8),
               np.zeros(3, np.int32), np.zeros(3, np.int32))
    assert k == K.ERR_CAPACITY
    k = kernel(cps, d.charmap, bc, wscore, d.flags, d.logtotal, d.start_p, d.trans, d.emit, True,
               np.zeros(3, np.int32), np.zeros(4), np.zeros(4, np.int32), np.zeros(12, np.int8), np.zeros(3, np.int8),
               np.zeros(1, np.int32), np.zeros(1, np.int32))
    assert k == K.ERR_CAPACITY


@pytest.mark.parametrize("kernel", jit_and_py(K.dat_lookup))
@settings(max_examples=30, deadline=None)
@given(words=words_st, probes=st.lists(st.text(st.sampled_from(ALPHABET + "x"), min_size=1, max_size=5), max_size=10))
def test_dat_lookup_finds_every_prefix(kernel, words: dict[str, int], probes: list[str]) -> None:
    d = make_dict(words)
    table = ref.freq_table(words)
    for probe in list(table) + probes:
        codes = d.codes(probe)
        slot = -1 if codes is None else int(kernel(codes, d.seg_arrays()[0]))
        if probe in table:
            assert slot >= 0 and int(d.freq[slot]) == table[probe], probe
            assert bool(d.flags[slot] & K.WORD) == bool(table[probe])
            assert d.logf[slot] == (math.log(table[probe]) if table[probe] else 0.0)
        else:
            assert slot == -1, probe


@pytest.mark.parametrize("kernel", jit_and_py(K.dat_build))
def test_dat_build_jit_and_python_agree(kernel) -> None:
    # a trie of "ab", "ac", "b": root -> a(1) -> b(3), c(4); root -> b(2)
    child_start = np.array([0, 2, 4, 4, 4, 4], dtype=np.int64)
    child_code = np.array([1, 2, 2, 3], dtype=np.int32)
    child_node = np.array([1, 2, 3, 4], dtype=np.int32)
    order = np.arange(5, dtype=np.int64)
    arrays = [np.zeros(64, np.int32) for _ in range(4)]
    slot_of = np.zeros(5, np.int64)
    used = kernel(child_start, child_code, child_node, order, 2, 1 << 16, *arrays, slot_of,
                  np.zeros(5, np.int64), np.zeros(5, np.int64))
    base, check = arrays[0], arrays[1]
    assert used > 0
    for node, parent, code in [(1, 0, 1), (2, 0, 2), (3, 1, 2), (4, 1, 3)]:
        assert check[slot_of[node]] == slot_of[parent]
        assert base[slot_of[parent]] + code == slot_of[node]
    small = [np.zeros(3, np.int32) for _ in range(4)]
    assert kernel(child_start, child_code, child_node, order, 2, 1 << 16, *small, slot_of,
                  np.zeros(5, np.int64), np.zeros(5, np.int64)) == K.ERR_CAPACITY


@pytest.mark.parametrize("kernel", jit_and_py(K.dat_insert))
@settings(max_examples=30, deadline=None)
@given(
    words=words_st,
    added=st.lists(st.tuples(st.text(st.sampled_from("中国人民大学生abcxyz口"), min_size=1, max_size=5),
                             st.integers(0, 6)), min_size=1, max_size=10),
    texts=st.lists(texts_st, max_size=3),
)
def test_dat_insert_keeps_every_word(kernel, words, added, texts) -> None:
    d = make_dict(words)
    table = dict(words)
    force = set()
    for word, freq in added:
        codes = d._codes_growing(word)
        for _ in range(8):
            slot = int(kernel(codes, d.base, d.check, d.child, d.sibling, d.logf, d.flags, d.freq, d.tag_array(),
                              np.empty(d.n_codes + 2, np.int32), d.state))
            if slot >= 0:
                break
            d._grow(d.check.shape[0] + 64)
        assert slot >= 0
        d.freq[slot] = freq
        d.logf[slot] = math.log(freq) if freq else 0.0
        d.flags[slot] = int(d.flags[slot]) | K.WORD if freq else (int(d.flags[slot]) & ~K.WORD) | K.FORCE_SPLIT
        d.add_total(freq)
        table[word] = freq
        if freq == 0:
            force.add(word)
    full = ref.freq_table(table)
    for word, freq in full.items():
        assert d.get(word) == freq, word
    for text in texts:
        for hmm in (True, False):
            got = [text[s:e] for s, e in run_segment(K.segment_text, d, text, hmm)]
            expected = ref.cut(text, full, d.total, hmm, hmm_tables(), force)
            assert got == expected


@pytest.mark.parametrize("kernel", jit_and_py(K.search_expand))
@settings(max_examples=30, deadline=None)
@given(words=words_st, text=texts_st)
def test_search_expand_equals_reference(kernel, words: dict[str, int], text: str) -> None:
    d = make_dict(words)
    spans = run_segment(K.segment_text, d, text, True)
    cps = cps_of(text)
    in_s = np.array([s for s, _ in spans], dtype=np.int32)
    in_e = np.array([e for _, e in spans], dtype=np.int32)
    out_s = np.zeros(2 * len(cps) + 1, np.int32)
    out_e = np.zeros(2 * len(cps) + 1, np.int32)
    bc, wscore = d.seg_arrays()
    k = kernel(cps, d.charmap, bc, wscore, in_s, in_e, len(spans), out_s, out_e)
    got = [text[s:e] for s, e in zip(out_s[:k].tolist(), out_e[:k].tolist())]
    assert got == ref.search_expand([text[s:e] for s, e in spans], ref.freq_table(words))
    assert kernel(cps, d.charmap, bc, wscore, in_s, in_e, len(spans) + 1, out_s, out_e) == \
        K.ERR_CAPACITY


@pytest.mark.parametrize("kernel", jit_and_py(K.max_block))
@given(text=texts_st)
@settings(max_examples=30, deadline=None)
def test_max_block_equals_reference(kernel, text: str) -> None:
    assert kernel(cps_of(text)) == ref.block_lengths(text)


@pytest.mark.parametrize("viterbi", jit_and_py(K._viterbi))
@settings(max_examples=30, deadline=None)
@given(run=st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FD5), min_size=1, max_size=20))
def test_viterbi_equals_reference(viterbi, run: str) -> None:
    d = _dict.default_dictionary()
    cps = cps_of(run)
    n = len(cps)
    codes = np.zeros(n, np.int32)  # no word: no forced split
    out_s = np.zeros(n, np.int32)
    out_e = np.zeros(n, np.int32)
    bc, wscore = d.seg_arrays()
    k = viterbi(cps, codes, 0, n, 0, d.start_p, d.trans, d.emit, bc, wscore, d.flags,
                np.zeros(4 * n, np.int8), np.zeros(n, np.int8), out_s, out_e, 0)
    got = [run[s:e] for s, e in zip(out_s[:k].tolist(), out_e[:k].tolist())]
    assert got == ref.hmm_words(run, d.start_p, d.trans, d.emit, set())


@pytest.mark.parametrize("route", jit_and_py(K._route))
@settings(max_examples=30, deadline=None)
@given(words=words_st, block=st.text(st.sampled_from(ALPHABET + "口，"), min_size=1, max_size=25))
def test_route_equals_reference(route, words: dict[str, int], block: str) -> None:
    d = make_dict(words)
    cps = cps_of(block)
    codes = np.array([(d.charmap[c] if c < len(d.charmap) else 0) if ref.in_block(chr(c)) else -1
                      for c in cps.tolist()], np.int32)
    n = len(codes)
    score = np.zeros(n + 1)
    nxt = np.zeros(n + 1, np.int32)
    bc, wscore = d.seg_arrays()
    route(codes, n, bc, wscore, d.logtotal, score, nxt)
    total = sum(words.values()) or 1
    expected = []
    for part in block.split("，"):
        expected += [len(expected) + e for e in ref.route(part, ref.freq_table(words), total)] if part else []
        expected.append(len(expected) + 1)  # the comma: a barrier, one character
    assert nxt[:n].tolist() == expected[:n]


@pytest.mark.parametrize("viterbi", jit_and_py(K._viterbi))
def test_viterbi_long_run_equals_reference(viterbi) -> None:
    # back pointers are int8: positions past 32 must not wrap when read back as plain Python
    run = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(300))
    test_viterbi_equals_reference.hypothesis.inner_test(viterbi, run)  # type: ignore[attr-defined]


@pytest.mark.parametrize("kernel", jit_and_py(K.next_cut))
@settings(max_examples=40, deadline=None)
@given(text=texts_st, start=st.integers(0, 30), target=st.integers(1, 12))
def test_next_cut_equals_reference(kernel, text: str, start: int, target: int) -> None:
    start = min(start, len(text))
    assert kernel(cps_of(text), start, target) == ref.next_cut(text, start, target)


def run_full(kernel, d: _dict.Dictionary, text: str, size: int | None = None) -> tuple[int, list[tuple[int, int, int]]]:
    cps = cps_of(text)
    n = len(cps)
    size = 3 * n + 64 if size is None else size
    out_s = np.full(size, -1, np.int32)
    out_e = np.full(size, -1, np.int32)
    join = np.full(size, -1, np.int8)
    bc, wscore = d.seg_arrays()
    k = kernel(cps, d.charmap, bc, wscore, np.zeros(n, np.int32), np.zeros(n, np.int32), out_s, out_e, join)
    m = min(k, size)
    return k, list(zip(out_s[:m].tolist(), out_e[:m].tolist(), join[:m].tolist()))


def reference_full(words: dict[str, int], text: str) -> list[tuple[int, int, int]]:
    return [(s, e, int(q > 0)) for token in ref.full_spans(text, ref.freq_table(words))
            for q, (s, e) in enumerate(token)]


@pytest.mark.parametrize("kernel", jit_and_py(K.full_text))
@settings(max_examples=60, deadline=None)
@given(words=words_st, texts=st.lists(texts_st, min_size=1, max_size=4))
def test_full_text_equals_reference(kernel, words: dict[str, int], texts: list[str]) -> None:
    # the alphabet's ASCII letters make words of letters alone: a pending run's pieces may not touch
    d = make_dict(words)
    for text in texts:
        k, spans = run_full(kernel, d, text)
        assert spans == reference_full(words, text)
        assert k == len(spans)


@pytest.mark.parametrize("kernel", jit_and_py(K.full_text))
def test_full_text_joins_pieces_that_do_not_touch(kernel) -> None:
    words = {"ab": 2, "bc": 2, "中国": 3, "国人": 1}
    d = make_dict(words)
    text = "xabcd中国人 \r\n,"
    k, spans = run_full(kernel, d, text)
    assert spans == [(2, 4, 0), (0, 3, 0), (4, 5, 1), (5, 7, 0), (6, 8, 0), (8, 8, 0), (8, 9, 0), (9, 9, 0),
                     (9, 11, 0), (11, 12, 0)]
    assert k == len(spans)
    assert spans == reference_full(words, text)


@pytest.mark.parametrize("kernel", jit_and_py(K.full_text))
@settings(max_examples=30, deadline=None)
@given(words=words_st, text=texts_st, size=st.integers(0, 8))
def test_full_text_counts_past_short_output(kernel, words: dict[str, int], text: str, size: int) -> None:
    """Arrays too short for every span: the count is still right, and the spans that fit are written."""
    d = make_dict(words)
    k, spans = run_full(kernel, d, text, size)
    expected = reference_full(words, text)
    assert k == len(expected)
    assert spans == expected[:size]


@pytest.mark.parametrize("kernel", jit_and_py(K.full_text))
def test_full_text_reports_bad_arrays(kernel) -> None:
    d = make_dict({"ab": 2, "bc": 2})
    cps = cps_of("xabcd")
    bc, wscore = d.seg_arrays()
    out = [np.zeros(10, np.int32), np.zeros(10, np.int32), np.zeros(10, np.int8)]
    # the pending run "xab" + "d" needs two pieces
    assert kernel(cps, d.charmap, bc, wscore, np.zeros(1, np.int32), np.zeros(1, np.int32), *out) == \
        K.ERR_CAPACITY
    assert kernel(cps, d.charmap, bc, wscore, np.zeros(5, np.int32), np.zeros(5, np.int32), out[0], out[1],
                  np.zeros(9, np.int8)) == K.ERR_CAPACITY


def test_space_table_is_python_whitespace() -> None:
    """The table the kernels share, read as they read it, is ``str.isspace`` on all of Unicode."""
    table = SPACE
    flags = [bool(c < table.shape[0] and table[c]) for c in range(0x110000)]
    assert flags == [chr(c).isspace() for c in range(0x110000)]
    assert {chr(c) for c, flag in enumerate(flags) if flag} == ref.SPACES


SPACE_ALPHABET = "中国ab,x" + "".join(sorted(ref.SPACES)) + "\u180e\u200b\ufeff\u3001\u2fff\u0084\u001b"


@pytest.mark.parametrize("kernel", jit_and_py(K.full_text))
@settings(max_examples=80, deadline=None)
@given(text=st.text(st.sampled_from(SPACE_ALPHABET), max_size=30))
def test_full_text_splits_at_every_python_space(kernel, text: str) -> None:
    words = {"中国": 3, "ab": 2}
    k, spans = run_full(kernel, make_dict(words), text)
    assert spans == reference_full(words, text)
    assert k == len(spans)


@pytest.mark.parametrize("kernel", jit_and_py(K.full_text))
def test_full_text_spaces_by_hand(kernel) -> None:
    # U+3000 and U+2028 are spaces, U+200B (zero width) and U+3001 (、) are not
    text = ",\u3000,\u200b\u2028、"
    k, spans = run_full(kernel, make_dict({"中国": 3}), text)
    assert spans == [(0, 1, 0), (1, 2, 0), (2, 4, 0), (4, 5, 0), (5, 6, 0)]
    assert k == len(spans)


# -- cut_joined: one short text, one call -------------------------------------------


def run_joined(kernel, d: _dict.Dictionary, text: str, hmm: bool, search: bool, sep: str = "\x00",
               as_array: bool = False, extra: int = 0, distinct: bool = False) -> tuple[int, np.ndarray]:
    data = text.encode("utf-32-le", "surrogatepass")
    size = K.JOINED_WORK * len(text) + K.JOINED_FIXED + extra
    work = np.full(size, 0xABCDEF, dtype=np.uint32)  # not a code point: a word read from scratch would show
    opts = (K.JOINED_HMM if hmm else 0) + (K.JOINED_SEARCH if search else 0) + K.JOINED_SEP * ord(sep)
    opts += K.JOINED_DISTINCT if distinct else 0
    arg = np.frombuffer(data, dtype=np.uint8) if as_array else data
    m = kernel(arg, *d.joined_args(), opts, work)
    return m, work


def joined_words(m: int, work: np.ndarray, sep: str) -> list[str]:
    return "".join(map(chr, work[:m].tolist())).split(sep) if m else []


@pytest.mark.parametrize("kernel", jit_and_py(K.cut_joined))
@pytest.mark.parametrize("hmm", [True, False])
@pytest.mark.parametrize("search", [False, True])
@settings(max_examples=40, deadline=None)
@given(words=words_st, texts=st.lists(texts_st, min_size=1, max_size=4), as_array=st.booleans())
def test_cut_joined_equals_reference(kernel, hmm: bool, search: bool, words: dict[str, int], texts: list[str],
                                     as_array: bool) -> None:
    d = make_dict(words)
    freq = ref.freq_table(words)
    for text in texts:
        expected = reference_cut(words, text, hmm)
        if search:
            expected = ref.search_expand(expected, freq)
        m, work = run_joined(kernel, d, text, hmm, search, as_array=as_array)
        assert m == sum(map(len, expected)) + max(len(expected) - 1, 0)
        assert joined_words(m, work, "\x00") == expected


@pytest.mark.parametrize("kernel", jit_and_py(K.cut_joined))
@pytest.mark.parametrize("search", [False, True])
@settings(max_examples=40, deadline=None)
@given(words=words_st, texts=st.lists(texts_st, min_size=1, max_size=4))
def test_cut_joined_distinct_words_and_classes(kernel, search: bool, words: dict[str, int],
                                               texts: list[str]) -> None:
    """``JOINED_DISTINCT``: each distinct word once, in order of first appearance, and each token's
    number among them; the tokens rebuilt from them equal the reference's."""
    d = make_dict(words)
    freq = ref.freq_table(words)
    for text in texts:
        expected = reference_cut(words, text, True)
        if search:
            expected = ref.search_expand(expected, freq)
        distinct = list(dict.fromkeys(expected))
        result, work = run_joined(kernel, d, text, True, search, distinct=True)
        count, m = divmod(result, K.JOINED_COUNT)
        assert count == len(expected)
        assert joined_words(m, work, "\x00") == distinct
        at = K.JOINED_CLASSES * len(text) + K.JOINED_CLASSES_FIXED
        classes = work.view(np.int32)[at : at + count].tolist()
        assert classes == [distinct.index(w) for w in expected]


@pytest.mark.parametrize("kernel", jit_and_py(K.cut_joined))
@settings(max_examples=60, deadline=None)
@given(words=words_st, texts=st.lists(texts_st, min_size=1, max_size=4), extra=st.sampled_from([0, 2, 400]))
def test_cut_joined_full_mode_equals_reference(kernel, words: dict[str, int], texts: list[str], extra: int) -> None:
    """``JOINED_FULL``: jieba's ``cut_all`` tokens, empty ones and ones of pieces that do not touch
    included; a text with more spans or characters than the buffer holds is refused, never cut short."""
    d = make_dict(words)
    freq = ref.freq_table(words)
    for text in texts:
        n = len(text)
        data = text.encode("utf-32-le", "surrogatepass")
        work = np.full(K.JOINED_WORK * n + K.JOINED_FIXED + extra, 0xABCDEF, dtype=np.uint32)
        m = kernel(data, *d.joined_args(), K.JOINED_FULL + K.JOINED_SEP * ord("|"), work)
        expected = ref.full_cut(text, freq)
        spans = reference_full(words, text)
        room = (work.shape[0] - (11 * n + 2) - 2 * n) // 3
        if len(spans) > room or sum(map(len, expected)) + len(expected) - 1 > 8 * n:
            assert m == K.ERR_CAPACITY
        elif not text:
            assert m == 0
        else:
            assert "".join(map(chr, work[:m].tolist())).split("|") == expected


@pytest.mark.parametrize("kernel", jit_and_py(K.cut_joined))
def test_cut_joined_full_mode_by_hand(kernel) -> None:
    # the case of test_full_text_joins_pieces_that_do_not_touch, checked with jieba.Tokenizer on this
    # dictionary: "bc", then "xab" + "d" (pieces that do not touch); the space gives empty tokens
    d = make_dict({"ab": 2, "bc": 2, "中国": 3, "国人": 1})
    text = "xabcd中国人 \r\n,"
    data = text.encode("utf-32-le")
    work = np.zeros(K.JOINED_WORK * len(text) + K.JOINED_FIXED, dtype=np.uint32)
    m = kernel(data, *d.joined_args(), K.JOINED_FULL + K.JOINED_SEP * ord("|"), work)
    words = "".join(map(chr, work[:m].tolist())).split("|")
    assert words == ["bc", "xabd", "中国", "国人", "", " ", "", "\r\n", ","]
    assert words == ref.full_cut(text, ref.freq_table({"ab": 2, "bc": 2, "中国": 3, "国人": 1}))


@pytest.mark.parametrize("kernel", jit_and_py(K.cut_joined))
def test_cut_joined_full_mode_refuses_more_than_fits(kernel) -> None:
    # every piece of "中国人民大学" a word: 15 words of two characters or more, 50 characters and 14
    # separators, more than the 48 (8 a character) the output holds
    text = "中国人民大学"
    words = {text[i:j]: 2 for i in range(6) for j in range(i + 1, 7)}
    work = np.zeros(K.JOINED_WORK * 6 + K.JOINED_FIXED, dtype=np.uint32)
    m = kernel(text.encode("utf-32-le"), *make_dict(words).joined_args(), K.JOINED_FULL, work)
    assert m == K.ERR_CAPACITY
    assert sum(map(len, ref.full_cut(text, ref.freq_table(words)))) > 8 * 6


@pytest.mark.parametrize("kernel", jit_and_py(K.cut_joined))
def test_cut_joined_distinct_by_hand(kernel) -> None:
    # equal words of one length and one hash bucket still differ by their characters
    d = make_dict({"中国": 5, "人民": 5})
    text = "中国人民，中国，人民中国。"
    result, work = run_joined(kernel, d, text, False, False, distinct=True, sep="|")
    count, m = divmod(result, K.JOINED_COUNT)
    assert count == 8
    assert joined_words(m, work, "|") == ["中国", "人民", "，", "。"]
    at = K.JOINED_CLASSES * len(text) + K.JOINED_CLASSES_FIXED
    assert work.view(np.int32)[at : at + count].tolist() == [0, 1, 2, 0, 2, 1, 0, 3]


@pytest.mark.parametrize("kernel", jit_and_py(K.cut_joined))
def test_cut_joined_by_hand(kernel) -> None:
    # hand-checked: 中国 and 人民 are words, 大学生 a word whose 大学 and 学生 search mode adds
    words = {"中国": 5, "人民": 5, "大学": 3, "学生": 3, "大学生": 4, "中": 1, "国": 1}
    d = make_dict(words)
    text = "中国人民大学生, x1.5%\r\n口"
    m, work = run_joined(kernel, d, text, False, False, sep="|")
    assert joined_words(m, work, "|") == ["中国", "人民", "大学生", ",", " ", "x1", ".", "5", "%", "\r\n", "口"]
    m, work = run_joined(kernel, d, text, False, True, sep="\uffff")
    assert joined_words(m, work, "\uffff")[:5] == ["中国", "人民", "大学", "学生", "大学生"]
    # the separator is any code point, the astral plane's included
    m, work = run_joined(kernel, d, "人民𠀀", True, False, sep="\U0010ffff")
    assert joined_words(m, work, "\U0010ffff") == ["人民", "𠀀"]
    assert run_joined(kernel, d, "", True, False)[0] == 0


@pytest.mark.parametrize("kernel", jit_and_py(K.cut_joined))
@given(text=st.text(st.characters(codec=None, exclude_categories=()), max_size=12))
@settings(max_examples=40, deadline=None)
def test_cut_joined_reads_every_code_point(kernel, text: str) -> None:
    # the kernel reads UTF-32-LE bytes itself: lone surrogates and astral characters come back whole
    sep = next(s for s in ("\x00", "\uffff", "\U0010ffff", "\ufdd0", "\x01") if s not in text)
    d = make_dict({"中国": 3})
    m, work = run_joined(kernel, d, text, True, False, sep=sep)
    assert "".join(joined_words(m, work, sep)) == text


@pytest.mark.parametrize("kernel", jit_and_py(K.cut_joined))
def test_cut_joined_reports_short_work(kernel) -> None:
    d = make_dict({"中国": 3})
    text = "中国人"
    assert run_joined(kernel, d, text, True, True, extra=-2)[0] == K.ERR_CAPACITY  # too short
    assert run_joined(kernel, d, text, True, True, extra=1)[0] == K.ERR_CAPACITY  # odd: no float64 view
    m, work = run_joined(kernel, d, text, True, True, extra=2)
    assert joined_words(m, work, "\x00") == ["中国", "人"]


def run_spans(kernel, d: _dict.Dictionary, text: str, opts: int, extra: int = 0) -> tuple[int, list[tuple[int, int]]]:
    """``cut_joined`` with ``JOINED_SPANS``: its result and the spans it left at the start of ``work``."""
    data = text.encode("utf-32-le", "surrogatepass")
    work = np.full(K.JOINED_WORK * len(text) + K.JOINED_FIXED + extra, 0xABCDEF, dtype=np.uint32)
    count = kernel(data, *d.joined_args(), opts + K.JOINED_SPANS, work)
    if count < 0:
        return count, []
    ints = work.view(np.int32)
    return count, list(zip(ints[:count].tolist(), ints[count : 2 * count].tolist()))


def reference_search_spans(words: list[str], freq: dict[str, int]) -> list[tuple[int, int]]:
    """``jieba.tokenize(mode="search")``'s spans of the default mode's ``words``."""
    out = []
    pos = 0
    for w in words:
        for size in (2, 3):
            if len(w) > size:
                out.extend((pos + i, pos + i + size) for i in range(len(w) - size + 1) if freq.get(w[i : i + size]))
        out.append((pos, pos + len(w)))
        pos += len(w)
    return out


@pytest.mark.parametrize("kernel", jit_and_py(K.cut_joined))
@pytest.mark.parametrize("hmm", [True, False])
@pytest.mark.parametrize("search", [False, True])
@settings(max_examples=40, deadline=None)
@given(words=words_st, texts=st.lists(texts_st, min_size=1, max_size=4), sep=st.sampled_from([0, ord("|")]),
       distinct=st.booleans())
def test_cut_joined_spans_equal_reference(kernel, hmm: bool, search: bool, words: dict[str, int], texts: list[str],
                                          sep: int, distinct: bool) -> None:
    """``JOINED_SPANS``: the spans of the reference's words (search mode's 2- and 3-grams before their
    word), whatever separator or ``JOINED_DISTINCT`` bit comes with the option."""
    d = make_dict(words)
    freq = ref.freq_table(words)
    opts = (K.JOINED_HMM if hmm else 0) + (K.JOINED_SEARCH if search else 0) + K.JOINED_SEP * sep
    opts += K.JOINED_DISTINCT if distinct else 0
    for text in texts:
        expected_words = reference_cut(words, text, hmm)
        expected = reference_search_spans(expected_words, freq) if search else ref.spans(expected_words)
        count, spans = run_spans(kernel, d, text, opts)
        assert count == len(expected)
        assert spans == expected


@pytest.mark.parametrize("kernel", jit_and_py(K.cut_joined))
@settings(max_examples=60, deadline=None)
@given(words=words_st, texts=st.lists(texts_st, min_size=1, max_size=4), extra=st.sampled_from([0, 2, 400]))
def test_cut_joined_full_mode_spans_equal_reference(kernel, words: dict[str, int], texts: list[str],
                                                    extra: int) -> None:
    """``JOINED_FULL`` + ``JOINED_SPANS``: full mode's pieces in jieba's order, empty ones included; a
    text with more of them than the buffer holds is refused, never cut short."""
    d = make_dict(words)
    for text in texts:
        n = len(text)
        expected = [(s, e) for s, e, _ in reference_full(words, text)]
        count, spans = run_spans(kernel, d, text, K.JOINED_FULL, extra)
        room = (K.JOINED_WORK * n + K.JOINED_FIXED + extra - (11 * n + 2) - 2 * n) // 3
        if len(expected) > room:
            assert count == K.ERR_CAPACITY
        else:
            assert spans == expected


@pytest.mark.parametrize("kernel", jit_and_py(K.cut_joined))
def test_cut_joined_spans_by_hand(kernel) -> None:
    # the words of test_cut_joined_by_hand, as spans (jieba.Tokenizer's tokenize on this dictionary gives
    # the same): 中国 人民 大学生 , space x1 . 5 % \r\n 口
    words = {"中国": 5, "人民": 5, "大学": 3, "学生": 3, "大学生": 4, "中": 1, "国": 1}
    d = make_dict(words)
    text = "中国人民大学生, x1.5%\r\n口"
    count, spans = run_spans(kernel, d, text, 0)
    assert spans == [(0, 2), (2, 4), (4, 7), (7, 8), (8, 9), (9, 11), (11, 12), (12, 13), (13, 14), (14, 16),
                     (16, 17)]
    assert count == 11
    count, spans = run_spans(kernel, d, text, K.JOINED_SEARCH)
    assert spans[:5] == [(0, 2), (2, 4), (4, 6), (5, 7), (4, 7)]
    # full mode (checked with jieba.Tokenizer on this dictionary: 中国, "", " ", ","): the block's
    # one word of two characters, then an empty token before the space
    count, spans = run_spans(kernel, d, "中国 ,", K.JOINED_FULL)
    assert spans == [(0, 2), (2, 2), (2, 3), (3, 4)]
    assert run_spans(kernel, d, "", K.JOINED_HMM) == (0, [])
    assert run_spans(kernel, d, "", K.JOINED_FULL) == (0, [])


@pytest.mark.parametrize("kernel", jit_and_py(K.cut_joined))
def test_cut_joined_full_mode_spans_refuses_more_than_fits(kernel) -> None:
    # words of 2 to 12 口: each of 40 positions starts up to 11 of them, about 400 spans, more than the
    # buffer of 40 characters holds (its room is 310)
    text = "口" * 40
    words = {"口" * size: 3 for size in range(2, 13)}
    expected = [(s, e) for s, e, _ in reference_full(words, text)]
    assert len(expected) > (K.JOINED_WORK * 40 + K.JOINED_FIXED - (11 * 40 + 2) - 2 * 40) // 3
    assert run_spans(kernel, make_dict(words), text, K.JOINED_FULL)[0] == K.ERR_CAPACITY
    # with room enough the same text comes out whole
    assert run_spans(kernel, make_dict(words), text, K.JOINED_FULL, extra=3 * len(expected)) == (
        len(expected), expected)


@pytest.mark.parametrize("kernel", jit_and_py(K._spans_to_front))
@settings(max_examples=80, deadline=None)
@given(size=st.integers(0, 60), data=st.data())
def test_spans_to_front_moves_spans_that_lie_in_the_output(kernel, size: int, data) -> None:
    """Starts then ends at the front of ``out``, read from anywhere past the entries they go to: the
    copies cut_joined makes from its scratch into the front of the same buffer."""
    out = np.arange(1000, 1000 + size, dtype=np.int32)
    count = data.draw(st.integers(0, size // 2))
    at_s = data.draw(st.integers(0, size - count))
    at_e = data.draw(st.integers(min(count, size - count), size - count))
    starts = out[at_s : at_s + count].tolist()
    ends = out[at_e : at_e + count].tolist()
    assert kernel(out[at_s : at_s + count], out[at_e : at_e + count], count, out) == count
    assert out[:count].tolist() == starts
    assert out[count : 2 * count].tolist() == ends


@pytest.mark.parametrize("kernel", jit_and_py(K._spans_to_front))
def test_spans_to_front_refuses_what_does_not_fit(kernel) -> None:
    src = np.arange(6, dtype=np.int32)
    assert kernel(src, src, 4, np.zeros(7, np.int32)) == K.ERR_CAPACITY  # 8 entries into 7
    assert kernel(src[:3], src, 4, np.zeros(8, np.int32)) == K.ERR_CAPACITY  # 4 starts from 3
    assert kernel(src, src[:3], 4, np.zeros(8, np.int32)) == K.ERR_CAPACITY  # 4 ends from 3
    assert kernel(src, src, -1, np.zeros(8, np.int32)) == K.ERR_CAPACITY
    out = np.zeros(8, np.int32)
    assert kernel(src, src[2:], 4, out) == 4
    assert out.tolist() == [0, 1, 2, 3, 2, 3, 4, 5]


def _join_arrays(text: str, spans: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    cps = cps_of(text).copy()
    starts = np.array([s for s, _ in spans] or [0], dtype=np.int32)
    ends = np.array([e for _, e in spans] or [0], dtype=np.int32)
    out = np.full(8 * len(text) + 8, 0xABCDEF, dtype=np.uint32)
    return cps, starts, ends, out


@pytest.mark.parametrize("kernel", jit_and_py(K._join_contiguous))
@settings(max_examples=60, deadline=None)
@given(text=st.text(st.sampled_from("中国人a1 ，\x00𠀀"), min_size=1, max_size=20), data=st.data())
def test_join_contiguous_equals_joined_slices(kernel, text: str, data) -> None:
    n = len(text)
    cuts = sorted(set(data.draw(st.lists(st.integers(1, n - 1), max_size=8)))) if n > 1 else []
    spans = list(zip([0, *cuts], [*cuts, n]))
    cps, starts, ends, out = _join_arrays(text, spans)
    mark = np.full(n, 7, dtype=np.int32)
    m = kernel(cps, starts, ends, len(spans), ord("|"), mark, out)
    assert "".join(map(chr, out[:m].tolist())) == "|".join(text[s:e] for s, e in spans)


@pytest.mark.parametrize("kernel", jit_and_py(K._join_contiguous))
@pytest.mark.parametrize(
    "spans",
    [
        [(0, 2), (3, 5)],  # a gap
        [(0, 3), (2, 5)],  # an overlap
        [(0, 2), (2, 4)],  # the text's end not reached
        [(0, 2), (2, 2), (2, 5)],  # an empty token
        [(1, 5)],  # the text's start not covered
    ],
)
def test_join_contiguous_refuses_other_spans(kernel, spans: list[tuple[int, int]]) -> None:
    text = "中国人民好"
    cps, starts, ends, out = _join_arrays(text, spans)
    assert kernel(cps, starts, ends, len(spans), ord("|"), np.zeros(5, np.int32), out) == K.NOT_CONTIGUOUS


@pytest.mark.parametrize("kernel", jit_and_py(K._join_words))
@settings(max_examples=60, deadline=None)
@given(text=st.text(st.sampled_from("中国人a1 ，𠀀"), min_size=1, max_size=20), data=st.data())
def test_join_words_equals_joined_slices(kernel, text: str, data) -> None:
    # any spans of at least one character, overlapping as search mode's do
    n = len(text)
    span = st.integers(0, n - 1).flatmap(lambda s: st.tuples(st.just(s), st.integers(s + 1, n)))
    spans = data.draw(st.lists(span, min_size=1, max_size=10))
    cps, starts, ends, out = _join_arrays(text, spans)
    m = kernel(cps, starts, ends, 0, len(spans), ord("|"), out, 0)
    expected = "|".join(text[s:e] for s, e in spans)
    if len(expected) > 8 * n:  # more than search mode can write: refused, not written past
        assert m == K.ERR_CAPACITY
        return
    assert "".join(map(chr, out[:m].tolist())) == expected
    assert kernel(cps, starts, ends, 0, len(spans), ord("|"), out[: m - 1], 0) == K.ERR_CAPACITY
