"""Plain-Python jieba.posseg, written for reading, not speed: the reference of the tagging kernels.

The dictionary is ``{word or prefix: freq}`` (see ``tests/reference/segment_jieba``)
with ``{word: tag}`` beside it; the tagging model is jieba.posseg's four tables
as dicts keyed by ``(position, tag)`` states (``start``, ``trans``, ``emit``,
``char_states``). Everything works on str.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from tests.reference import segment_jieba as seg

MIN_FLOAT = -3.14e100
POS_EXTRA = set("+#&._")  # jieba.posseg's blocks: Han, ASCII letters and digits, and these


@dataclass
class Model:
    start: dict[tuple[str, str], float]
    trans: dict[tuple[str, str], dict[tuple[str, str], float]]
    emit: dict[tuple[str, str], dict[str, float]]
    char_states: dict[str, tuple[tuple[str, str], ...]]


def in_pos_block(ch: str) -> bool:
    return seg.is_han(ch) or seg.is_ascii_alnum(ch) or ch in POS_EXTRA


def viterbi(run: str, model: Model) -> list[tuple[str, str]]:
    """The best state of each character of the Han run ``run``.

    Candidates at each character: its own states (all states if the table
    lacks it) that a state with transitions before it leads to; if none is,
    every state those lead to (if none, every state, and ``max`` of nothing
    raises ``ValueError`` as jieba's does). Ties go to the larger ``(probability, state)``.
    """
    every = list(model.trans)

    def emit(y: tuple[str, str], ch: str) -> float:
        return model.emit[y].get(ch, MIN_FLOAT)

    score = [{y: model.start[y] + emit(y, run[0]) for y in model.char_states.get(run[0], every)}]
    back: list[dict[tuple[str, str], tuple[str, str]]] = [{}]
    for ch in run[1:]:
        live = [y0 for y0 in score[-1] if model.trans[y0]]
        follows = {y for y0 in live for y in model.trans[y0]}
        candidates = [y for y in model.char_states.get(ch, every) if y in follows] or sorted(follows) or every
        now: dict[tuple[str, str], float] = {}
        came: dict[tuple[str, str], tuple[str, str]] = {}
        for y in candidates:
            options = [(score[-1][y0] + model.trans[y0].get(y, -math.inf) + emit(y, ch), y0) for y0 in live]
            now[y], came[y] = max(options)
        score.append(now)
        back.append(came)
    state = max((p, y) for y, p in score[-1].items())[1]
    path = [state]
    for t in range(len(run) - 1, 0, -1):
        state = back[t][state]
        path.append(state)
    return path[::-1]


def hmm_words(run: str, model: Model) -> list[tuple[str, str]]:
    """The words of a Han run as the tagging HMM cuts and tags them."""
    path = viterbi(run, model)
    out = []
    begin = nexti = 0
    for i, (position, tag) in enumerate(path):
        if position == "B":
            begin = i
        elif position == "E":
            out.append((run[begin : i + 1], tag))
            nexti = i + 1
        elif position == "S":
            out.append((run[i], tag))
            nexti = i + 1
    if nexti < len(run):
        out.append((run[nexti:], path[nexti][1]))
    return out


def _runs(text: str, key) -> list[tuple[str, bool]]:
    """``text`` cut into maximal runs of equal ``key(ch)``."""
    out: list[tuple[str, bool]] = []
    for ch in text:
        k = bool(key(ch))
        if out and out[-1][1] == k:
            out[-1] = (out[-1][0] + ch, k)
        else:
            out.append((ch, k))
    return out


def ascii_pieces(text: str) -> list[tuple[str, str]]:
    """Runs of digits and dots (``m``), runs of letters and digits starting with a letter (``eng``),
    and what lies between (``x``)."""
    out: list[tuple[str, str]] = []
    gap = ""
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "0123456789.":
            kind, ok = "m", lambda c: c in "0123456789."
        elif seg.is_ascii_alnum(ch):
            kind, ok = "eng", seg.is_ascii_alnum
        else:
            gap += ch
            i += 1
            continue
        j = i
        while j < len(text) and ok(text[j]):
            j += 1
        if gap:
            out.append((gap, "x"))
            gap = ""
        out.append((text[i:j], kind))
        i = j
    if gap:
        out.append((gap, "x"))
    return out


def detail(run: str, model: Model) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for part, han in _runs(run, seg.is_han):
        out.extend(hmm_words(part, model) if han else ascii_pieces(part))
    return out


def cut_block(block: str, freq: dict[str, int], total: int, tags: dict[str, str], hmm: bool,
              model: Model) -> list[tuple[str, str]]:
    ends = seg.route(block, freq, total)
    words = []
    i = 0
    while i < len(block):
        words.append(block[i : ends[i]])
        i = ends[i]
    out: list[tuple[str, str]] = []
    pending = ""
    if not hmm:
        for w in words:
            if len(w) == 1 and seg.is_ascii_alnum(w):
                pending += w
                continue
            if pending:
                out.append((pending, "eng"))
                pending = ""
            out.append((w, tags.get(w, "x")))
        if pending:
            out.append((pending, "eng"))
        return out

    def flush() -> None:
        if len(pending) == 1:
            out.append((pending, tags.get(pending, "x")))
        elif freq.get(pending):
            out.extend((ch, tags.get(ch, "x")) for ch in pending)
        else:
            out.extend(detail(pending, model))

    for w in words:
        if len(w) == 1:
            pending += w
            continue
        if pending:
            flush()
            pending = ""
        out.append((w, tags.get(w, "x")))
    if pending:
        flush()
    return out


def cut(text: str, freq: dict[str, int], total: int, tags: dict[str, str], hmm: bool,
        model: Model) -> list[tuple[str, str]]:
    """``jieba.posseg.lcut(text, HMM=hmm)`` as ``(word, tag)`` pairs."""
    out: list[tuple[str, str]] = []
    for part, inside in _runs(text, in_pos_block):
        if inside:
            out.extend(cut_block(part, freq, total, tags, hmm, model))
            continue
        i = 0
        while i < len(part):
            width = 2 if part[i : i + 2] == "\r\n" else 1
            out.append((part[i : i + width], "x"))
            i += width
    return out
