"""The convert kernels on small made-up dictionaries, jitted and as plain Python.

Every check runs on ``kernel`` and on ``kernel.py_func`` and compares with
the naive converter in ``tests/reference/convert_naive.py``. For the
``py_func`` runs the ``fns`` fixture puts every kernel's plain-Python
function in its place, so the converter and the kernels calling each other
all run as Python. A text is converted by both kernels, :func:`convert_one`
(one string, what ``Runner.run`` uses below ``API_FROM`` characters) and
:func:`convert_kernel` (a batch, here of one), and both must give the
reference's result (:func:`_run`).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hanpipe import Document
from hanpipe._text import API_FROM, code_points_into
from hanpipe.batch import Batch
from hanpipe.builtin.convert import _kernels, opencc
from hanpipe.builtin.convert._data import Program, Spec, build_trie, compile_spec, load_program
from hanpipe.builtin.convert._kernels import best_key, convert_kernel, start_levels
from hanpipe.builtin.convert.opencc import Runner
from hanpipe.errors import PluginError
from tests.reference import convert_naive

ALPHABET = "abcd"


@pytest.fixture(params=["jit", "py_func"])
def fns(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    """The kernels a test checks: compiled, or as plain Python also inside :class:`Runner`."""
    if request.param == "jit":
        return convert_kernel, start_levels, best_key
    for module in (_kernels, opencc):
        for name, value in vars(module).copy().items():
            if hasattr(value, "py_func"):
                monkeypatch.setattr(module, name, value.py_func)
    return convert_kernel.py_func, start_levels.py_func, best_key.py_func


def _cps(text: str) -> np.ndarray:
    """Writable code points, as the converter passes them."""
    return code_points_into(text, np.empty(len(text), dtype=np.uint32))


def _run(compiled: Program, text: str, overrides: dict[str, str] | None = None) -> tuple:
    """``Runner.run(text)``, checked equal to the batch kernel's result for the batch of ``text`` alone and to
    ``Runner.converted(text)``."""
    runner = Runner(compiled, overrides)
    got = runner.run(text)
    (converted, alignment, changes), _ = runner.run_batch(Batch([Document.from_text(text)]))[0]
    assert (converted, changes) == got[::2]
    assert (alignment is None) == (got[1] is None)
    if alignment is not None:
        assert alignment.tolist() == got[1].tolist()
    assert runner.converted(text) == got[0]
    return got


keys = st.text(st.sampled_from(ALPHABET), min_size=1, max_size=4)
values = st.text(st.sampled_from("abcdXYZ"), min_size=0, max_size=5)
tables = st.dictionaries(keys, values, max_size=8)
texts = st.text(st.sampled_from(ALPHABET + "x"), max_size=30)
overrides_tables = st.dictionaries(keys, values.filter(bool), max_size=4)


@st.composite
def specs(draw: st.DrawFn) -> tuple[Spec, dict[str, dict[str, str]]]:
    """A program of 1-3 levels of 1-3 ranked members, with optional normalization and segmentation."""
    named: dict[str, dict[str, str]] = {}
    levels = []
    for _ in range(draw(st.integers(2, 5))):
        members = []
        rank = 0
        for _ in range(draw(st.integers(1, 3))):
            name = f"d{len(named)}"
            table = draw(tables)
            # OpenCC's values are never empty; overrides may be
            named[name] = {k: v or k for k, v in table.items()}
            members.append((rank, name))
            rank += draw(st.integers(0, 1))  # 0: union with the previous member
        levels.append(tuple(members))
    n = len(levels)
    use_norm = draw(st.booleans())
    use_seg = draw(st.booleans())
    normalization = (0,) if use_norm else ()
    segmentation = 1 if use_seg else -1
    chain = tuple(range(2 if use_seg else 1, n)) or (n - 1,)
    return Spec(tuple(levels), normalization, segmentation, chain), named


def _naive_levels(spec: Spec, named: dict[str, dict[str, str]]) -> dict:
    levels = [[(rank, named[name]) for rank, name in level] for level in spec.levels]
    return {
        "normalization": [levels[i] for i in spec.normalization],
        "segmentation": levels[spec.segmentation] if spec.segmentation >= 0 else None,
        "chain": [levels[i] for i in spec.chain],
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(level=st.lists(st.tuples(st.integers(0, 2), tables), min_size=1, max_size=3), text=texts)
def test_best_key_is_lowest_rank_then_longest(fns, level, text):
    _, _, match = fns
    trie = build_trie([level])
    arrays = trie.arrays()
    cps = _cps(text)
    for i in range(len(text)):
        for end in (i + 1, len(text)):
            length, value = match(cps, i, end, 0, *arrays[:8])
            want_len, want_val = convert_naive.match(level, text, i, end)
            assert length == want_len
            if length:
                vs, ve = trie.value_start[value], trie.value_start[value + 1]
                assert "".join(map(chr, trie.value_cps[vs:ve])) == want_val


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(program=specs(), text=texts, overrides=st.one_of(st.none(), overrides_tables))
def test_convert_kernel_equals_reference(fns, program, text, overrides):
    spec, named = program
    compiled = compile_spec(spec, named, variant="test")
    converted, alignment, changes = _run(compiled, text, overrides)
    naive = _naive_levels(spec, named)
    want = convert_naive.convert(text, naive["normalization"], naive["segmentation"], naive["chain"], overrides)
    assert converted == want
    assert (changes == 0) == (converted is text)
    if alignment is not None:
        assert alignment.shape == (2, len(converted) + 1)
        assert alignment[0, 0] == 0 and alignment[0, -1] == len(text)
        assert (np.diff(alignment, axis=1) >= 0).all()
    else:
        assert len(converted) == len(text)


def test_convert_kernel_alignment_spreads_a_longer_value(fns):
    spec = Spec((((0, "p"),),), (), -1, (0,))
    compiled = compile_spec(spec, {"p": {"ab": "WXYZ", "c": "C"}}, variant="test")
    converted, alignment, changes = _run(compiled, "xabc")
    assert converted == "xWXYZC" and changes == 2
    assert alignment[0].tolist() == [0, 1, 1, 2, 2, 3, 4]


@pytest.mark.parametrize(
    ("first", "second", "converted", "positions"),
    [
        # the length-changing level first: the next one keeps lengths and leaves the positions as they are
        ({"ab": "WXYZ"}, {"c": "C", "W": "w"}, "xwXYZC", [0, 1, 1, 2, 2, 3, 4]),
        # the length-keeping level first: positions are tracked from the input all the same
        ({"c": "C", "a": "A"}, {"C": "PQ"}, "xAbPQ", [0, 1, 2, 3, 3, 4]),
        # two length-changing levels: the second spreads over what the first made
        ({"ab": "W"}, {"Wc": "UVWXYZ"}, "xUVWXYZ", [0, 1, 1, 1, 3, 3, 3, 4]),
    ],
)
def test_convert_kernel_positions_survive_levels_that_keep_lengths(fns, first, second, converted, positions):
    spec = Spec((((0, "first"),), ((0, "second"),)), (), -1, (0, 1))
    compiled = compile_spec(spec, {"first": first, "second": second}, variant="test")
    out, alignment, _ = _run(compiled, "xabc")
    assert out == converted
    assert alignment[0].tolist() == positions


def test_convert_kernel_segments_block_phrases_across_them(fns):
    """With segmentation, a phrase of a later level cannot span two segments (OpenCC's rule)."""
    tables = {"seg": {"ab": "ab"}, "conv": {"bc": "Q", "a": "A"}}
    with_seg = compile_spec(Spec((((0, "seg"),), ((0, "conv"),)), (), 0, (1,)), tables, variant="t")
    without = compile_spec(Spec((((0, "seg"),), ((0, "conv"),)), (), -1, (1,)), tables, variant="t")
    assert _run(with_seg, "abc")[0] == "Abc"
    assert _run(without, "abc")[0] == "AQ"


@pytest.mark.parametrize(
    ("text", "mask"), [("", 0), ("zzz", 0), ("a", 0b01), ("cb", 0b10), ("xacx", 0b11), ("ba", 0b11)]
)
def test_start_levels_ors_the_levels_of_key_starts(fns, text, mask):
    _, levels, _ = fns
    trie = build_trie([[(0, {"ab": "x"})], [(0, {"b": "y", "c": "z"})]])
    assert levels(_cps(text), trie.start_mask) == mask


def test_build_trie_drops_only_harmless_identities():
    # "a"→"a" at rank 0 shadows rank 1's "a"→"b": dropping it would let "b" through
    kept = build_trie([[(0, {"a": "a"}), (1, {"a": "b"})]], [True])
    assert kept.root_slot[ord("a")] >= 0
    dropped = build_trie([[(0, {"a": "a", "bc": "x"}), (1, {"b": "y"})]], [True])
    assert dropped.root_slot.shape[0] <= ord("a") or dropped.root_slot[ord("a")] < 0
    # segmentation levels keep every key
    seg = build_trie([[(0, {"a": "a"})]], [False])
    assert seg.root_slot[ord("a")] >= 0


def test_convert_kernel_segments_text_that_normalization_lengthened(fns):
    tables = {"norm": {"a": "bbbb"}, "seg": {"b": "b"}, "conv": {"b": "c"}}
    spec = Spec((((0, "norm"),), ((0, "seg"),), ((0, "conv"),)), (0,), 1, (2,))
    compiled = compile_spec(spec, tables, variant="t")
    converted, alignment, _ = _run(compiled, "xaax")
    assert converted == "x" + "c" * 8 + "x"
    assert alignment[0].tolist() == [0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 4]


@pytest.mark.parametrize("variant", ["t2s", "tw2sp"])
def test_pack_program_unpacks_to_the_same_arrays(monkeypatch, variant):
    """The kernel's views of a packed program are the program's arrays (as plain Python; the jitted
    unpacking is what every conversion test runs)."""
    for name, value in vars(_kernels).copy().items():
        if hasattr(value, "py_func"):
            monkeypatch.setattr(_kernels, name, value.py_func)
    program = load_program(variant)
    overrides = build_trie([[(0, {"電腦": "计算机", "頭": "頭"})]])
    program_ = _kernels.pack_program(
        program.trie.arrays(),
        overrides.arrays(),
        program.normalization,
        program.segmentation,
        program.chain,
        program.keeps_length,
        program.seg_redundant,
        True,
        False,
    )
    assert program_.dtype == np.int64 and program_.ndim == 1
    words, masks, index = _kernels._split_program(program_)
    assert masks.tolist() == program.trie.start_mask.tolist() + overrides.start_mask.tolist()
    for k, trie in enumerate((program.trie, overrides)):
        unpacked = _kernels._unpack_trie(words, masks, index, k)
        assert len(unpacked) == len(trie.arrays())
        for got, want in zip(unpacked, trie.arrays()):
            assert got.shape == want.shape and (got == want).all()
    piece = _kernels._piece
    assert piece(words, index, _kernels._NORMALIZATION).tolist() == program.normalization.tolist()
    assert piece(words, index, _kernels._CHAIN).tolist() == program.chain.tolist()
    assert piece(words, index, _kernels._KEEPS).tolist() == program.keeps_length.astype(int).tolist()
    assert piece(words, index, _kernels._SEG_REDUNDANT).tolist() == program.seg_redundant.astype(int).tolist()
    assert index[_kernels._SEGMENTATION] == program.segmentation
    assert (index[_kernels._HAS_OVERRIDES], index[_kernels._OVERRIDES_KEEP]) == (1, 0)


def _fake_kernel(status: int, same_lengths: bool):
    """A batch kernel that "converts" one text to itself, with one change, and returns ``status``."""

    def kernel(cps, starts, program, out, *args):
        results = args[-1]
        n = cps.shape[0]
        out[:n] = cps
        results[0, :] = 0
        results[0, :5] = (0, -1, n, 1, 1 if same_lengths else 0)  # AT .. SAME_LENGTHS
        return status, (-1 if status == _kernels.OK else 0), n

    return kernel


def _fake_one(status: int, same_lengths: bool):
    """:func:`_fake_kernel` as :func:`convert_one`: the text to itself, one change, no positions."""

    def kernel(data, program, work):
        n = len(data) // 4
        work[: 4 * n].view(np.uint32)[:] = np.frombuffer(data, dtype="<u4")
        return status, n, 1, same_lengths, -1, 0, 0, 0

    return kernel


@pytest.mark.parametrize("length", [3, API_FROM + 1])  # convert_one's texts, convert_kernel's
@pytest.mark.parametrize(
    ("status", "same_lengths", "says"),
    [
        (_kernels.OVERFLOW, True, "status 1 (an output buffer was too small)"),
        (7, True, "status 7 (an unknown status)"),
        (_kernels.OK, False, "which was not tracked"),
    ],
)
def test_runner_reports_an_impossible_kernel_result_as_a_plugin_error(monkeypatch, status, same_lengths, says, length):
    """A kernel result that no input can cause is hanpipe's bug: a PluginError naming the engine."""
    spec = Spec((((0, "p"),),), (), -1, (0,))
    compiled = compile_spec(spec, {"p": {"a": "b"}}, variant="test")
    monkeypatch.setattr(opencc, "convert_kernel", _fake_kernel(status, same_lengths))
    monkeypatch.setattr(opencc, "convert_one", _fake_one(status, same_lengths))
    text = "xa" + "x" * (length - 2)
    with pytest.raises(PluginError) as info:
        Runner(compiled).run(text)
    err = info.value
    assert (err.stage, err.engine, err.distribution) == ("convert", "opencc", "hanpipe")
    assert says in str(err) and f"{length} characters" in str(err) and "bug in hanpipe" in str(err)
    if status != _kernels.OK:  # the text alone needs no alignment, so only a failed status is an error
        with pytest.raises(PluginError, match="bug in hanpipe"):
            Runner(compiled).converted(text)
    else:
        assert Runner(compiled).converted(text) == text


#: a program that changes some letters' lengths, for texts of any other code points around them
_LETTERS = {"a": "WXYZ", "bc": "Q", "d": "D"}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.one_of(st.sampled_from("abcd"), st.characters(codec=None, exclude_categories=())), max_size=40))
def test_convert_one_reads_any_code_point(fns, text):
    """Lone surrogates, NUL and code points beyond the BMP come through both kernels as they went in."""
    spec = Spec((((0, "p"),),), (), -1, (0,))
    compiled = compile_spec(spec, {"p": _LETTERS}, variant="test")
    converted, alignment, _ = _run(compiled, text)
    naive = _naive_levels(spec, {"p": _LETTERS})
    assert converted == convert_naive.convert(text, naive["normalization"], naive["segmentation"], naive["chain"])
    if alignment is not None:
        assert alignment[0, 0] == 0 and alignment[0, -1] == len(text)


def test_convert_one_needs_the_work_space_it_is_promised(fns):
    """A work array smaller than ``growth * (n + 1) + 2`` items per region, or bytes that are not whole code
    points, give OVERFLOW, never a write out of bounds (the tests run with bounds checks)."""
    spec = Spec((((0, "p"),),), (), -1, (0,))
    compiled = compile_spec(spec, {"p": _LETTERS}, variant="test")
    runner = Runner(compiled)
    assert runner.growth == 4
    text = "xaax"
    data = text.encode("utf-32-le")
    n, items = len(text), runner.growth * (len(text) + 1) + 2
    one = _kernels.convert_one
    enough = np.zeros(4 * n + _kernels.ONE_SLACK + _kernels.ONE_BYTES_PER_ITEM * items, dtype=np.uint8)
    status, length, changes, same_lengths, positions_at, *_ = one(data, runner._program, enough)
    assert (status, length, changes, bool(same_lengths)) == (_kernels.OK, 10, 2, False)
    assert enough[: 4 * length].view(np.uint32).tolist() == [ord(c) for c in "xWXYZWXYZx"]
    positions = enough[positions_at : positions_at + 4 * (length + 1)].view(np.int32).tolist()
    assert positions == [0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 4]
    # regions of n items: the output (10 characters) does not fit
    small = np.zeros(4 * n + _kernels.ONE_SLACK + _kernels.ONE_BYTES_PER_ITEM * n, dtype=np.uint8)
    assert one(data, runner._program, small)[0] == _kernels.OVERFLOW
    for work in (np.zeros(0, dtype=np.uint8), np.zeros(_kernels.ONE_SLACK, dtype=np.uint8)):
        assert one(data, runner._program, work)[0] == _kernels.OVERFLOW
    assert one(data[:-1], runner._program, enough)[0] == _kernels.OVERFLOW  # not whole code points
    assert one(b"", runner._program, enough)[:3] == (_kernels.OK, 0, 0)
