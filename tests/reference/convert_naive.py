"""A slow, obvious OpenCC converter in plain Python, for testing the kernel.

It follows OpenCC's algorithm as written in its sources, over ``{key:
value}`` dicts rather than tries: normalization over the whole text, then
maximum-match segmentation, then each dictionary of the conversion chain on
each segment in turn. A group dictionary with ``short_circuit`` takes the
first member that matches; a ``union`` takes the longest match.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

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


def pieces(level: Level, text: str) -> Iterator[tuple[str, str | None]]:
    """Maximum forward matching: ``(key, value)`` for each match, ``(character, None)`` between them."""
    i = 0
    while i < len(text):
        length, value = match(level, text, i, len(text))
        if length == 0:
            yield text[i], None
            i += 1
        else:
            yield text[i : i + length], value
            i += length


def cuts(level: Level, text: str) -> Iterator[tuple[str, str | None]]:
    """:func:`pieces` with the characters between two matches gathered: ``(gap, None)``."""
    gap = ""
    for piece, value in pieces(level, text):
        if value is None:
            gap += piece
            continue
        if gap:
            yield gap, None
            gap = ""
        yield piece, value
    if gap:
        yield gap, None


def convert_segment(level: Level, text: str) -> str:
    return "".join(piece if value is None else value for piece, value in pieces(level, text))


def segment(level: Level | None, text: str) -> list[str]:
    """OpenCC's segmentation: each match a segment, and the characters between two matches one."""
    if level is None:
        return [text] if text else []
    return [piece for piece, _ in cuts(level, text)]


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
    if overrides:
        # (text, frozen): an override's value stays as it is
        parts = [(piece, False) if value is None else (value, True) for piece, value in cuts([(0, overrides)], text)]
    else:
        parts = [(text, False)]
    out = []
    for part, frozen in parts:
        if frozen:
            out.append(part)
            continue
        for seg in segment(segmentation, part):
            for level in chain:
                seg = convert_segment(level, seg)
            out.append(seg)
    return "".join(out)
