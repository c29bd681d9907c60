"""Hypothesis strategies shared by the suite."""

from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

from hanpipe import Edit

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
ASCII = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
PUNCT = st.sampled_from(list("，。：？！“”、（）《》,.;:!?()[] \n\t"))
RARE = st.sampled_from(["\U00020000", "\U0002a6d6", "😀", "\u3007", "\ufffd", "\x00", "\u200b"])

#: short mixed texts: Han, ASCII, punctuation and a few rare code points
mixed_text = st.text(st.one_of(HAN, HAN, ASCII, PUNCT, RARE), max_size=60)

#: any code point, lone surrogates included
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)

any_bytes = st.binary(max_size=200)


@st.composite
def edits_for(draw: st.DrawFn, text: str) -> list[Edit]:
    """Sorted, non-overlapping edits over ``text``: deletions, insertions, replacements of any length."""
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=12)))
    edits = []
    pos = 0
    for a, b in zip(cuts[::2], cuts[1::2]):
        if a < pos:
            continue
        replacement = draw(st.text(st.one_of(HAN, ASCII), max_size=4))
        edits.append(Edit(a, b, replacement, "test"))
        pos = b
    return edits


def byte_windows(text: str, encoding: str, size: int, step: int, *, min_han: int = 0) -> list[tuple[str, bytes]]:
    """``(piece, its bytes)`` for pieces of ``text`` starting every ``step`` characters, at most ``size`` bytes long
    in ``encoding`` and never cut inside a character; pieces with fewer than ``min_han`` Han characters are left out.
    """
    lengths = [len(ch.encode(encoding)) for ch in text]
    out = []
    for start in range(0, len(text), step):
        end, used = start, 0
        while end < len(text) and used + lengths[end] <= size:
            used += lengths[end]
            end += 1
        sub = text[start:end]
        if sum(1 for ch in sub if "\u4e00" <= ch <= "\u9fff") >= min_han:
            out.append((sub, sub.encode(encoding)))
    return out


def _seed_texts() -> tuple[str, ...]:
    root = Path(__file__).resolve().parent.parent / "seeds"
    return tuple(p.read_bytes().decode("utf-8", errors="replace") for p in sorted(root.glob("*.txt")))


#: the seed pages as text (damaged bytes replaced)
SEED_TEXTS: tuple[str, ...] = _seed_texts()
