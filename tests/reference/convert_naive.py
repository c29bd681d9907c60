"""A slow, obvious OpenCC converter in plain Python, for testing the kernel.

It follows OpenCC's algorithm as written in its sources, over ``{key:
value}`` dicts rather than tries: normalization over the whole text, then
maximum-match segmentation, then each dictionary of the conversion chain on
each segment in turn. A group dictionary with ``short_circuit`` takes the
first member that matches; a ``union`` takes the longest match.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

# a level is a list of (rank, {key: value}) members; lower rank wins first
Level = Sequence[tuple[int, Mapping[str, str]]]


def match(level: Level, text: str, i: int, end: int) -> tuple[int, str | None]:
    """(length, value) of the best key at ``text[i:end]``: lowest rank, then longest."""
    best: tuple[int, int, str] | None = None  # (rank, -length, value)
    for rank, table in level:
        for length in range(1, end - i + 1):
            value = table.get(text[i : i + length])
            if value is None:
                continue
            cand = (rank, -length, value)
            if best is None or cand[:2] < best[:2]:
                best = cand
    if best is None:
        return 0, None
    return -best[1], best[2]


def convert_segment(level: Level, text: str) -> str:
    out = []
    i = 0
    while i < len(text):
        length, value = match(level, text, i, len(text))
        if length == 0:
            out.append(text[i])
            i += 1
        else:
            out.append(value)
            i += length
    return "".join(out)


def segment(level: Level | None, text: str) -> list[str]:
    if level is None:
        return [text] if text else []
    segments = []
    pending = 0
    i = 0
    while i < len(text):
        length, _ = match(level, text, i, len(text))
        if length == 0:
            i += 1
            continue
        if pending < i:
            segments.append(text[pending:i])
        segments.append(text[i : i + length])
        i += length
        pending = i
    if pending < len(text):
        segments.append(text[pending:])
    return segments


def convert(
    text: str,
    normalization: Sequence[Level],
    segmentation: Level | None,
    chain: Sequence[Level],
    overrides: Mapping[str, str] | None = None,
) -> str:
    """OpenCC's conversion of ``text``; overrides are cut out first, leftmost-longest."""
    for level in normalization:
        text = convert_segment(level, text)
    pieces: list[tuple[str, bool]] = []  # (text, frozen)
    if overrides:
        gap = 0
        i = 0
        olevel = [(0, overrides)]
        while i < len(text):
            length, value = match(olevel, text, i, len(text))
            if length == 0:
                i += 1
                continue
            if gap < i:
                pieces.append((text[gap:i], False))
            pieces.append((value or "", True))
            i += length
            gap = i
        if gap < len(text):
            pieces.append((text[gap:], False))
    else:
        pieces.append((text, False))
    out = []
    for piece, frozen in pieces:
        if frozen:
            out.append(piece)
            continue
        for seg in segment(segmentation, piece):
            for level in chain:
                seg = convert_segment(level, seg)
            out.append(seg)
    return "".join(out)
