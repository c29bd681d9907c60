"""The byte-shift kernels, jitted and as plain Python, against a plain-Python reference.

The reference below is the pass as it was first written, on ``str``: the
GBK codec of the standard library encodes and decodes each run, the
characters are scored one by one. The kernels must find the same runs and
re-read them the same way, to the same flagged spans.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanpipe.builtin.clean import _byteshift
from hanpipe.builtin.clean._byteshift import (
    DOUBTFUL,
    GAP,
    LOOK_BACK,
    LOSS_REACH,
    MARGIN,
    MIN_GAIN,
    MIN_GAIN_PER_CHAR,
    MIN_MEAN,
    RARE,
    RARE_SHARE,
    SINGLE_GAIN,
    TAIL,
    VERY_RARE,
    _double,
    _scores,
    candidate_runs,
    shifted_runs,
)
from hanpipe.builtin.clean._kernels import shift_candidates, shift_rereads

# -- the reference -------------------------------------------------------------


def ref_score(text: str) -> float:
    scores = _scores()
    return float(sum(scores[ord(ch)] if ord(ch) < 0x10000 else -16.0 for ch in text))


def ref_is_double(ch: str) -> bool:
    return ord(ch) < 0x10000 and bool(_double()[ord(ch)])


def ref_marks(text: str) -> list[int]:
    return sorted(i for i, ch in enumerate(text) if ch in "?\ufffd")


def ref_candidate_runs(text: str) -> list[tuple[int, int]]:
    scores = _scores()
    n = len(text)
    out: list[tuple[int, int]] = []
    done = 0
    for mark in ref_marks(text):
        if mark < done:
            continue
        k = mark + 1
        stop = min(n, mark + 1 + LOSS_REACH + LOOK_BACK)
        while k < stop and not (ref_is_double(text[k]) and scores[ord(text[k])] < RARE):
            k += 1
        if k >= stop:
            continue
        last_rare = k
        e = k + 1
        while e < n and ref_is_double(text[e]):
            if scores[ord(text[e])] < RARE:
                if e - last_rare - 1 > GAP:
                    break
                last_rare = e
            e += 1
        done = e
        run_end = e
        while run_end < n and run_end - last_rare <= TAIL + 1 and ref_is_double(text[run_end]):
            run_end += 1
        if run_end - last_rare - 1 <= TAIL and (run_end >= n or not ref_is_double(text[run_end])):
            out.append((k, run_end))
            done = run_end
    return out


def ref_loss_before(text: str, start: int, reach: int = LOSS_REACH) -> bool:
    before = text[max(0, start - reach) : start]
    return "?" in before or "\ufffd" in before


def ref_reread(text: str, start: int, stop: int) -> tuple[str, bool] | None:
    try:
        raw = text[start:stop].encode("gbk")
    except UnicodeEncodeError:
        return None
    body = raw[1:]
    dangling = len(body) % 2 == 1
    if dangling:
        body = body[:-1]
    try:
        fixed = body.decode("gbk")
    except UnicodeDecodeError:
        return None
    if not fixed or len(fixed) * 2 != len(body):
        return None
    return fixed, dangling


def ref_shifted_runs(text: str) -> list[tuple[int, int, str, list[tuple[int, int]]]]:
    found = []
    last = 0
    for first, end in ref_candidate_runs(text):
        tail = text[end : end + 1]
        stop = end + 1 if tail and "\x40" <= tail <= "\x7e" else end
        base = first
        while base > max(last, first - LOOK_BACK) and ref_is_double(text[base - 1]):
            base -= 1
        if not ref_loss_before(text, first, LOSS_REACH + first - base):
            continue
        tried = []
        for start in range(base, first + 1):
            read = ref_reread(text, start, stop)
            if read is not None:
                tried.append((ref_score(text[base:start]) + ref_score(read[0]), start, *read))
        if not tried:
            continue
        total, start, fixed, dangling = max(tried)
        gain = ref_score(fixed) - ref_score(text[start:stop])
        head = min(t[1] for t in tried if t[0] >= total - MARGIN)
        if gain < MIN_GAIN or gain < MIN_GAIN_PER_CHAR * len(fixed) or ref_score(fixed) / len(fixed) < MIN_MEAN:
            continue
        if (len(fixed) == 1 and gain < SINGLE_GAIN) or not ref_loss_before(text, head):
            continue
        if sum(1 for ch in fixed if ref_score(ch) < VERY_RARE) * RARE_SHARE > len(fixed):
            continue
        head = head - 1 if head and text[head - 1] == "?" else head
        lost = [(head, start + 1)]
        lost += [(start + k, start + k + 1) for k, ch in enumerate(fixed) if k and ref_score(ch) < DOUBTFUL]
        if dangling:
            lost.append((stop - 1, stop + 1 if text[stop : stop + 1] == "\ufffd" else stop))
        found.append((start, stop, fixed, lost))
        last = stop
    return found


# -- the kernels, both ways ---------------------------------------------------------


@contextlib.contextmanager
def kernels(jitted: bool) -> Iterator[None]:
    """The pass with its kernels jitted, or run as plain Python (``.py_func``)."""
    if jitted:
        yield
        return
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_byteshift, "shift_candidates", shift_candidates.py_func)
        mp.setattr(_byteshift, "shift_rereads", shift_rereads.py_func)
        yield


def found(text: str) -> list[tuple[int, int, str, list[tuple[int, int]]]]:
    return [(s.start, s.end, s.fixed, s.lost) for s in shifted_runs(text)]


def shifted(text: str, lost: str = "為") -> str:
    """``text`` decoded one byte out of step: the lead byte of ``lost`` before it was lost."""
    return (lost.encode("gbk")[1:] + text.encode("gbk")).decode("gbk", errors="replace")


WORDS = ["深入到各行各業", "大模型時代已經到來", "客戶提供服務", "我們都知道", "人工智能", "一個", "翼認為", "算力"]
PIECES = st.one_of(
    st.sampled_from(WORDS).map(shifted),
    st.sampled_from(WORDS).flatmap(lambda w: st.sampled_from("為的是個").map(lambda lost: shifted(w, lost))),
    st.sampled_from(WORDS),
    st.sampled_from(["?", "?", "\ufffd", "I", "g", "J", "P", "(yè)", "，", "。", " ", "\n", "Ａ", "％", "𠀀", "€"]),
    st.sampled_from("樗钊氲礁餍懈鳂榭赡崿臻煲碚粋蛻籼峁┓⻊槲覀兌贾溃竽捅旧硇枰罅康乃懔"),
    st.text(alphabet=st.characters(max_codepoint=0xFFFF, exclude_categories=["Cs"]), max_size=4),
)
texts = st.lists(PIECES, max_size=16).map("".join)


@pytest.mark.parametrize("jitted", [True, False], ids=["jit", "py_func"])
@settings(max_examples=400, deadline=None)
@given(text=texts)
def test_byteshift_kernels_agree_with_the_reference(jitted: bool, text: str) -> None:
    with kernels(jitted):
        assert candidate_runs(text) == ref_candidate_runs(text)
        assert found(text) == ref_shifted_runs(text)


@pytest.mark.parametrize("jitted", [True, False], ids=["jit", "py_func"])
def test_byteshift_kernels_agree_on_the_seeds(jitted: bool, seed_texts: dict[str, str]) -> None:
    total = 0
    with kernels(jitted):
        for text in seed_texts.values():
            assert candidate_runs(text) == ref_candidate_runs(text)
            expected = ref_shifted_runs(text)
            assert found(text) == expected
            total += len(expected)
    assert total == 6  # the seeds' re-read runs (test_byteshift lists them)


CASES = [
    "因?樯钊氲礁餍懈鳂I中去",  # ends in step at the ASCII trail byte
    "變?榭赡,這將是",  # ends out of step: a lost character's lead byte
    "變?榭赡\ufffd這將是",  # with the replacement character a decoder put for it
    "?榭赡",  # at the end of the text
    "樗钊氲礁?",  # the mark after the run
    "?",
    "",
    "??樗樗樗樗樗樗樗樗樗樗",
    "?𠀀樗钊氲",  # a character beyond the BMP before the run
    "?樗钊€氲礁",  # a character GBK cannot encode inside
]


@pytest.mark.parametrize("jitted", [True, False], ids=["jit", "py_func"])
@pytest.mark.parametrize("text", CASES)
def test_byteshift_kernels_agree_on_edges(jitted: bool, text: str) -> None:
    with kernels(jitted):
        assert candidate_runs(text) == ref_candidate_runs(text)
        assert found(text) == ref_shifted_runs(text)


def test_byteshift_codec_tables_are_gbk() -> None:
    """Every two-byte GBK character's bytes, and back, as the codec says."""
    enc, dec = _byteshift._codec()
    double = _double()
    for cp in np.flatnonzero(double).tolist():
        code = chr(cp).encode("gbk")
        assert len(code) == 2 and int(enc[cp]) == code[0] << 8 | code[1]
    assert not enc[~double].any()
    for pair in range(0x10000):
        try:
            ch = pair.to_bytes(2, "big").decode("gbk")
        except UnicodeDecodeError:
            ch = ""
        assert int(dec[pair]) == (ord(ch) if len(ch) == 1 else 0), hex(pair)


# -- linear time ------------------------------------------------------------------------


#: hostile inputs of the byte-shift kernels: marks before every run, runs of rare characters, a mark
#: every character, rare characters with common ones between, a run without its ASCII trail byte
HOSTILE = {
    "marked-runs": "?樯钊氲礁餍懈鳂I",
    "marked-run-to-the-end": "?樯钊氲礁餍懈鳂",
    "mark-and-rare": "?樗",
    "marks-only": "?\ufffd",
    "rare-with-gaps": "?蹶的的蹶的的的",
    "reread-fails": "?榭€赡",
}


@pytest.mark.parametrize("shape", list(HOSTILE))
def test_byteshift_kernels_work_grows_linearly(shape: str) -> None:
    """Lines run by the kernels as plain Python (helpers too): work per character does not grow with the input."""
    from hanpipe.builtin.clean import _kernels
    from tests.builtin.clean.test_linear import assert_linear

    with pytest.MonkeyPatch.context() as mp:
        for name in ("_is_double", "_loss_before", "_span_score", "_reread", "shift_candidates", "shift_rereads"):
            mp.setattr(_kernels, name, getattr(_kernels, name).py_func)
        mp.setattr(_byteshift, "shift_candidates", _kernels.shift_candidates)
        mp.setattr(_byteshift, "shift_rereads", _kernels.shift_rereads)
        unit = HOSTILE[shape]
        assert_linear(shifted_runs, lambda n: (unit * (n // len(unit) + 1))[:n])
