"""The tagging kernels (``_kernels.pos_text``, ``_posseg``) jitted and as plain Python, against
the plain-Python jieba.posseg in ``posseg_reference``.

Small made-up dictionaries with tags and jieba's tagging model, and small
made-up models whose values come from a few numbers, so that many paths tie.
"""

from __future__ import annotations

import itertools
import math

import jieba.posseg as pseg
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanpipe.builtin.segment import _dict, _posmodel, _tagging
from hanpipe.builtin.segment import _kernels as K
from hanpipe.builtin.segment import _posseg as P
from hanpipe.builtin.segment._posmodel import MIN_FLOAT
from tests.builtin.segment import posseg_reference as ref
from tests.builtin.segment.test_segment_kernels import cps_of, hmm_tables, jit_and_py
from tests.reference import segment_jieba as seg

ALPHABET = "中国人民大学生abc1."
TEXT_ALPHABET = ALPHABET + "口x%-+#&_，, \n\r𠀀魑魅"
TAGS = ("n", "v", "nr", "zz")
words_st = st.dictionaries(
    st.text(st.sampled_from(ALPHABET), min_size=1, max_size=4),
    st.tuples(st.integers(0, 4), st.sampled_from((None, *TAGS))),
    min_size=1,
    max_size=14,
)
texts_st = st.text(st.sampled_from(TEXT_ALPHABET), max_size=30)


def real_model() -> tuple[_posmodel.PosModel, ref.Model]:
    """The model's arrays, and jieba's tables as jieba.posseg loads them (for the reference)."""
    return _posmodel.pos_model(), ref.Model(pseg.start_P, pseg.trans_P, pseg.emit_P, pseg.char_state_tab_P)


def make_dict(entries: dict[str, tuple[int, str | None]]) -> _dict.Dictionary:
    words = {w: f for w, (f, _) in entries.items()}
    tags = {w: t for w, (_, t) in entries.items() if t}
    total = sum(words.values()) or 1
    return _dict.build(words, total, dict(zip(("start_p", "trans", "emit"), hmm_tables())), tags)


def expand(kernel, model: _posmodel.PosModel, st_tag: np.ndarray, cps: np.ndarray, in_s, in_e, in_t, count: int,
           room: int | None = None, out: int | None = None) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    ns = model.n_states
    n = cps.shape[0]
    longest = max(n, 1)
    room = ns * longest + ns if room is None else room
    size = n if out is None else out
    out_s = np.full(size, -7, np.int32)
    out_e = np.full(size, -7, np.int32)
    out_t = np.full(size, -7, np.int16)
    k = kernel(cps, in_s, in_e, in_t, count, model.st_pos, st_tag, model.start, model.trans, model.live,
               model.succ_ptr, model.succ, model.cs_ptr, model.cs, model.em_ptr, model.em_state, model.em_val,
               np.empty(ns), np.empty(ns), np.full(ns, MIN_FLOAT), np.zeros(ns, np.int8), np.empty(ns, np.int16),
               np.empty(ns, np.int16), np.empty(ns, np.int16), np.empty(longest + 1, np.int32),
               np.empty(room, np.int16), np.empty(room, np.int16), np.empty(longest, np.int16), out_s, out_e, out_t)
    return k, out_s, out_e, out_t


def run_pos(text_kernel, expand_kernel, d: _dict.Dictionary, text: str, hmm: bool,
            model: _posmodel.PosModel) -> list[tuple[str, str]]:
    cps = cps_of(text)
    n = len(cps)
    bc, wscore = d.seg_arrays()
    tmp_s = np.full(n, -7, np.int32)
    tmp_e = np.full(n, -7, np.int32)
    tmp_t = np.full(n, -7, np.int16)
    k = text_kernel(cps, d.charmap, bc, wscore, d.tag_array(), d.logtotal, hmm, np.zeros(n, np.int32),
                    np.zeros(n + 1), np.zeros(n + 1, np.int32), tmp_s, tmp_e, tmp_t)
    assert k >= 0
    st_tag = _tagging.state_tags(d, model)
    k, out_s, out_e, out_t = expand(expand_kernel, model, st_tag, cps, tmp_s, tmp_e, tmp_t, k)
    assert k >= 0
    return [(text[s:e], d.tag_names[t]) for s, e, t in zip(out_s[:k].tolist(), out_e[:k].tolist(), out_t[:k].tolist())]


def reference_cut(entries: dict[str, tuple[int, str | None]], text: str, hmm: bool,
                  model: ref.Model) -> list[tuple[str, str]]:
    words = {w: f for w, (f, _) in entries.items()}
    tags = {w: t for w, (_, t) in entries.items() if t}
    return ref.cut(text, seg.freq_table(words), sum(words.values()) or 1, tags, hmm, model)


PAIRS = [
    pytest.param(K.pos_text, P.pos_expand, id="jit"),
    pytest.param(K.pos_text.py_func, P.pos_expand.py_func, id="py_func"),
]


@pytest.mark.parametrize(("text_kernel", "expand_kernel"), PAIRS)
@pytest.mark.parametrize("hmm", [True, False])
@settings(max_examples=40, deadline=None)
@given(entries=words_st, texts=st.lists(texts_st, min_size=1, max_size=4))
def test_pos_kernels_equal_reference(text_kernel, expand_kernel, hmm: bool, entries, texts: list[str]) -> None:
    model, ref_model = real_model()
    d = make_dict(entries)
    for text in texts:
        assert run_pos(text_kernel, expand_kernel, d, text, hmm, model) == reference_cut(entries, text, hmm, ref_model)


@pytest.mark.parametrize(("text_kernel", "expand_kernel"), PAIRS)
def test_pos_kernels_hand_checked(text_kernel, expand_kernel) -> None:
    model, _ = real_model()
    d = make_dict({"中国": (5, "ns"), "人民": (4, "n"), "大学": (3, None), "ab": (2, "zz")})
    got = run_pos(text_kernel, expand_kernel, d, "中国人民大学 ab a1.5 x+y\r\n50%", False, model)
    assert got == [
        ("中国", "ns"), ("人民", "n"), ("大学", "x"), (" ", "x"), ("ab", "zz"), (" ", "x"),
        # without the HMM, one-character ASCII letters and digits join as eng; '.' stands alone
        ("a1", "eng"), (".", "x"), ("5", "eng"), (" ", "x"), ("x", "eng"), ("+", "x"), ("y", "eng"),
        ("\r\n", "x"), ("50", "eng"), ("%", "x"),
    ]  # fmt: skip
    got = run_pos(text_kernel, expand_kernel, d, "x+y a1.5_", True, model)
    # with it, the run of one-character words goes through __cut_detail: eng, m and x pieces
    assert got == [("x", "eng"), ("+", "x"), ("y", "eng"), (" ", "x"), ("a1", "eng"), (".5", "m"), ("_", "x")]


@pytest.mark.parametrize("kernel", jit_and_py(K.pos_text))
def test_pos_text_reports_short_arrays(kernel) -> None:
    d = make_dict({"中国": (3, "ns")})
    cps = cps_of("中国人")
    bc, wscore = d.seg_arrays()
    short = np.zeros(1, np.int32)
    assert kernel(cps, d.charmap, bc, wscore, d.tag_array(), d.logtotal, True, short, np.zeros(4),
                  np.zeros(4, np.int32), np.zeros(3, np.int32), np.zeros(3, np.int32), np.zeros(3, np.int16)) \
        == K.ERR_CAPACITY
    assert kernel(cps, d.charmap, bc, wscore, d.tag_array(), d.logtotal, True, np.zeros(3, np.int32), np.zeros(4),
                  np.zeros(4, np.int32), np.zeros(1, np.int32), np.zeros(1, np.int32), np.zeros(1, np.int16)) \
        == K.ERR_CAPACITY


def run_viterbi(kernel, model: _posmodel.PosModel, run: str, room: int | None = None) -> tuple[int, list[int]]:
    cps = cps_of(run)
    ns = model.n_states
    n = len(cps)
    room = ns * n + ns if room is None else room
    route = np.full(n, -1, np.int16)
    emrow = np.full(ns, MIN_FLOAT)
    mark = np.zeros(ns, np.int8)
    status = kernel(cps, 0, n, model.st_pos, model.start, model.trans, model.live, model.succ_ptr, model.succ,
                    model.cs_ptr, model.cs, model.em_ptr, model.em_state, model.em_val, np.empty(ns), np.empty(ns),
                    emrow, mark, np.empty(ns, np.int16), np.empty(ns, np.int16), np.empty(ns, np.int16),
                    np.empty(n + 1, np.int32), np.empty(room, np.int16), np.empty(room, np.int16), route)
    if status == 0:
        assert (emrow == MIN_FLOAT).all() and not mark.any()  # scratch left as it was found
    return status, route.tolist()


def state_names(model_states: list[tuple[str, str]], route: list[int]) -> list[tuple[str, str]]:
    return [model_states[y] for y in route]


@pytest.mark.parametrize("kernel", jit_and_py(P.viterbi_run))
@settings(max_examples=40, deadline=None)
# common characters, and rare ones that jieba's table lacks (every state is tried)
@given(run=st.text(st.one_of(st.sampled_from("的是中国人民大学生魑魅魍魉龘靐齉"),
                             st.characters(min_codepoint=0x4E00, max_codepoint=0x9FD5)), min_size=1, max_size=16))
def test_viterbi_run_equals_reference_on_jiebas_model(kernel, run: str) -> None:
    model, ref_model = real_model()
    status, route = run_viterbi(kernel, model, run)
    assert status == 0
    assert state_names(sorted(ref_model.trans), route) == ref.viterbi(run, ref_model)


HAN4 = "甲乙丙丁"
SMALL_STATES = [(p, t) for p in "BMES" for t in ("a", "b")]
values = st.sampled_from([-2.0, -1.0, -0.5, 0.0])


@st.composite
def small_models(draw: st.DrawFn) -> ref.Model:
    """A model of eight states over four characters, its numbers from a few values (many ties)."""
    start = {y: draw(st.sampled_from([-1.0, -0.5, MIN_FLOAT])) for y in SMALL_STATES}
    trans = {y0: draw(st.dictionaries(st.sampled_from(SMALL_STATES), values, max_size=4)) for y0 in SMALL_STATES}
    emit = {y: draw(st.dictionaries(st.sampled_from(HAN4), values, max_size=4)) for y in SMALL_STATES}
    states = draw(st.dictionaries(st.sampled_from(HAN4), st.lists(st.sampled_from(SMALL_STATES), min_size=1,
                                                                  max_size=4, unique=True), max_size=3))
    return ref.Model(start, trans, emit, {ch: tuple(v) for ch, v in states.items()})


@pytest.mark.parametrize("kernel", jit_and_py(P.viterbi_run))
@settings(max_examples=150, deadline=None)
@given(model=small_models(), run=st.text(st.sampled_from(HAN4), min_size=1, max_size=8))
def test_viterbi_run_breaks_ties_as_jieba(kernel, model: ref.Model, run: str) -> None:
    arrays = _posmodel.build(model.start, model.trans, model.emit, model.char_states)
    status, route = run_viterbi(kernel, arrays, run)
    try:
        want = ref.viterbi(run, model)
    except ValueError:  # jieba's max() of nothing: no state with a transition out (its own tables never do this)
        assert status == P.ERR_MODEL
        return
    assert status == 0
    assert state_names(sorted(model.trans), route) == want


@pytest.mark.parametrize("kernel", jit_and_py(P.viterbi_run))
def test_viterbi_run_asks_for_room(kernel) -> None:
    model, ref_model = real_model()
    run = "魑魅魍魉龘靐齉"  # characters the table lacks: many states a step
    status, _ = run_viterbi(kernel, model, run, room=40)
    assert status == P.ERR_ROOM
    status, route = run_viterbi(kernel, model, run)
    assert status == 0 and state_names(sorted(ref_model.trans), route) == ref.viterbi(run, ref_model)


@pytest.mark.parametrize("kernel", jit_and_py(P.pos_expand))
def test_pos_expand_checks_its_input(kernel) -> None:
    model, _ = real_model()
    d = make_dict({"中国": (3, "ns")})
    st_tag = _tagging.state_tags(d, model)
    cps = cps_of("中国a")
    spans = (np.array([0, 2], np.int32), np.array([2, 3], np.int32))
    # a marked span that is not Han, a span past the text, output too short
    assert expand(kernel, model, st_tag, cps, *spans, np.array([K.TAG_HMM, K.TAG_HMM], np.int16), 2)[0] \
        == P.ERR_CAPACITY
    assert expand(kernel, model, st_tag, cps, np.array([0], np.int32), np.array([9], np.int32),
                  np.array([0], np.int16), 1)[0] == P.ERR_CAPACITY
    k, _, out_e, out_t = expand(kernel, model, st_tag, cps, *spans, np.array([K.TAG_HMM, K.TAG_ENG], np.int16), 2)
    assert k >= 2 and out_e[k - 1] == 3 and out_t[k - 1] == K.TAG_ENG
    assert expand(kernel, model, st_tag, cps, *spans, np.array([K.TAG_HMM, K.TAG_ENG], np.int16), 2, out=1)[0] \
        == P.ERR_CAPACITY


def test_pos_model_loaded_once_reads_no_file_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Once loaded, the tagging model comes back without looking for jieba or its files (a cost that
    was paid on every tagged text): the same object, even where jieba could no longer be found."""
    from hanpipe.builtin.segment.jieba import JiebaSegmenter

    model = _posmodel.pos_model()

    def no_jieba() -> None:
        raise AssertionError("jieba looked for again")

    monkeypatch.setattr(_posmodel, "jieba_dir", no_jieba)
    monkeypatch.setattr(_posmodel, "cache_key", no_jieba)
    assert _posmodel.pos_model() is model
    text = "南京市长江大桥的研究生命起源，魑魅魍魉"  # a Han run the tagging HMM cuts
    engine = JiebaSegmenter(pos=True)
    assert engine.cut_pos(text) == [tuple(p) for p in pseg.lcut(text)]
    tokens = engine.segment(text)
    assert list(zip(tokens.strings(text), tokens.tags())) == [tuple(p) for p in pseg.lcut(text)]


def test_pos_model_missing_table_before_loading(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """Before the model is loaded, a missing table of jieba's is still named."""
    from hanpipe.errors import DictionaryError

    monkeypatch.setattr(_posmodel, "_READY", [])
    monkeypatch.setattr(_posmodel, "jieba_dir", lambda: tmp_path)
    with pytest.raises(DictionaryError, match="reinstall jieba"):
        _posmodel.pos_model()


def test_pos_model_matches_jiebas_tables() -> None:
    model, ref_model = real_model()
    states = sorted(ref_model.trans)
    assert model.n_states == len(states) == 256
    for i, y in enumerate(states):
        assert model.start[i] == ref_model.start[y]
        assert model.tags[model.st_tag[i]] == y[1] and "BMES"[model.st_pos[i]] == y[0]
        assert bool(model.live[i]) == bool(ref_model.trans[y])
        for j, y1 in enumerate(states):
            assert model.trans[i, j] == ref_model.trans[y].get(y1, -math.inf)
    for ch in "的中魑":
        c = ord(ch) - 0x4E00
        listed = [states[y] for y in model.cs[model.cs_ptr[c] : model.cs_ptr[c + 1]].tolist()]
        assert listed == list(ref_model.char_states.get(ch, ()))
        emits = dict(zip(model.em_state[model.em_ptr[c] : model.em_ptr[c + 1]].tolist(),
                         model.em_val[model.em_ptr[c] : model.em_ptr[c + 1]].tolist()))
        assert emits == {i: ref_model.emit[y][ch] for i, y in enumerate(states) if ch in ref_model.emit[y]}


# -- (word, tag) classes for cut_pos --------------------------------------------------


def pair_reference(text: str, spans: list[tuple[int, int]], tags: list[int]) -> tuple[list[int], list[int], str]:
    """Plain Python: the class of each token (by word and tag, numbered in order of first appearance),
    the first token of each class, and the classes' words each followed by ``"|"``."""
    number: dict[tuple[str, int], int] = {}
    classes, first = [], []
    for i, ((s, e), t) in enumerate(zip(spans, tags)):
        key = (text[s:e], t)
        if key not in number:
            number[key] = len(number)
            first.append(i)
        classes.append(number[key])
    return classes, first, "".join(text[spans[i][0] : spans[i][1]] + "|" for i in first)


def run_pairs(kernel, text: str, spans: list[tuple[int, int]], tags: list[int], *, n_tags: int = 4,
              size: int | None = None, sep: str | None = "|", room: int | None = None, grow: bool = True):
    """The kernel's ``(classes, class of each token, first token of each class, joined words)``, called
    again with a table twice as long while it asks for one (once only without ``grow``)."""
    count = len(spans)
    cps = cps_of(text)
    starts = np.array([s for s, _ in spans], dtype=np.int32)
    ends = np.array([e for _, e in spans], dtype=np.int32)
    size = size if size is not None else max(2, 1 << (2 * count).bit_length())
    classes = np.full(count, -7, dtype=np.int32)
    first = np.full(count, -7, dtype=np.int32)
    joined = np.zeros(room if room is not None else len(text) + count, dtype=np.uint32)
    done = u = m = 0
    while True:
        u, m, done = kernel(cps, starts, ends, np.array(tags, dtype=np.int16), n_tags, count,
                            -1 if sep is None else ord(sep), np.full(size, -1, dtype=np.int32), classes, first,
                            joined, done, u, m)
        if u < 0 or done == count or not grow:
            break
        assert u == size // 2  # it stops only on a half-full table
        size *= 2
    if u >= 0 and done < count:
        return "full", done, u
    return u, classes.tolist(), first[: max(u, 0)].tolist(), "".join(map(chr, joined[:m].tolist()))


@st.composite
def tagged_partitions(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]], list[int]]:
    """A text of few distinct characters cut into short spans (an empty one now and then), each with a tag."""
    text = draw(st.text(st.sampled_from("中国人大ab𠀀"), max_size=40))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=30)))
    bounds = [0, *cuts, len(text)]
    spans = list(itertools.pairwise(bounds))
    return text, spans, draw(st.lists(st.integers(0, 3), min_size=len(spans), max_size=len(spans)))


@pytest.mark.parametrize("kernel", jit_and_py(P.pair_classes))
@settings(max_examples=150, deadline=None)
@given(case=tagged_partitions(), tight=st.booleans(), spell=st.booleans())
def test_pair_classes_equal_reference(kernel, case, tight: bool, spell: bool) -> None:
    text, spans, tags = case
    classes, first, joined = pair_reference(text, spans, tags)
    # a tight table (two slots, doubled whenever half full) makes long probes that wrap around
    size = 2 if tight else None
    u, got_classes, got_first, got_joined = run_pairs(kernel, text, spans, tags, size=size,
                                                      sep="|" if spell else None)
    assert (u, got_classes, got_first) == (len(first), classes, first)
    assert got_joined == (joined if spell else "")


@pytest.mark.parametrize("kernel", jit_and_py(P.pair_classes))
def test_pair_classes_hand_checked(kernel) -> None:
    text = "中国人中国中国"
    spans = [(0, 2), (2, 3), (3, 5), (5, 7)]
    # the same word with another tag is another class; the same word and tag, the same class
    assert run_pairs(kernel, text, spans, [1, 1, 2, 1]) == (3, [0, 1, 2, 0], [0, 1, 2], "中国|人|中国|")
    assert run_pairs(kernel, text, spans, [0, 0, 0, 0]) == (2, [0, 1, 0, 0], [0, 1], "中国|人|")
    assert run_pairs(kernel, "", [], []) == (0, [], [], "")


@pytest.mark.parametrize("kernel", jit_and_py(P.pair_classes))
def test_pair_classes_checks_its_input(kernel) -> None:
    text = "中国人"
    spans = [(0, 2), (2, 3)]
    bad = [
        {"size": 3},  # not a power of two
        {"size": 1},  # too short to be half full
        {"room": 4},  # the joined words need 2 + 1 + 1 + 1
        {"n_tags": 1},  # tag 1 is not below n_tags
    ]
    for options in bad:
        assert run_pairs(kernel, text, spans, [0, 1], **options)[0] == P.ERR_CAPACITY, options
    assert run_pairs(kernel, text, spans, [0, -1])[0] == P.ERR_CAPACITY  # a negative tag
    assert run_pairs(kernel, text, [(0, 2), (2, 4)], [0, 1])[0] == P.ERR_CAPACITY  # past the end
    assert run_pairs(kernel, text, [(2, 1)], [0])[0] == P.ERR_CAPACITY  # ends before it starts
    assert run_pairs(kernel, text, spans, [0, 1], room=5)[0] == 2  # just enough room
    assert run_pairs(kernel, text, spans, [0, 1], room=0, sep=None)[0] == 2  # nothing spelled: no room needed
    # a table of two holds one class: the call stops at the second, where a longer table goes on
    assert run_pairs(kernel, text, spans, [0, 1], size=2, grow=False) == ("full", 1, 1)
    assert run_pairs(kernel, text, spans, [0, 1], size=2) == (2, [0, 1], [0, 1], "中国|人|")


@pytest.mark.parametrize("kernel", jit_and_py(P.pair_classes))
def test_pair_classes_checks_where_it_resumes(kernel) -> None:
    cps = cps_of("中国人")
    starts = np.array([0, 2], np.int32)
    ends = np.array([2, 3], np.int32)
    tags = np.array([0, 1], np.int16)

    def call(done: int, u: int, m: int, first: list[int], size: int = 8) -> int:
        out = kernel(cps, starts, ends, tags, 4, 2, ord("|"), np.full(size, -1, np.int32), np.zeros(2, np.int32),
                     np.array(first, np.int32), np.zeros(5, np.uint32), done, u, m)
        return int(out[0])

    assert call(1, 1, 3, [0, 0]) == 2  # a proper resumption
    for done, u, m, first in [(3, 1, 3, [0, 0]), (1, 2, 3, [0, 0]), (1, 1, 6, [0, 0]), (1, 1, 3, [1, 0]),
                              (-1, 0, 0, [0, 0]), (1, 1, -1, [0, 0])]:
        assert call(done, u, m, first) == P.ERR_CAPACITY, (done, u, m, first)
    assert call(2, 2, 5, [0, 1], size=2) == P.ERR_CAPACITY  # more classes than half the table
