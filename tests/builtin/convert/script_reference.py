"""A slow, obvious count of characters by script, for testing the convert kernel's scan.

It reads the class of each character from two sets of strings rather than a
bit mask, and decides Han from the block names Unicode gives the ranges.
"""

from __future__ import annotations

from collections.abc import Container

#: (first, last) code point of each CJK ideograph block counted as Han
HAN_BLOCKS = {
    "CJK Unified Ideographs Extension A": (0x3400, 0x4DBF),
    "CJK Unified Ideographs": (0x4E00, 0x9FFF),
    "CJK Compatibility Ideographs": (0xF900, 0xFAFF),
    "Supplementary Ideographic Plane (Extensions B-F, I; Compatibility Supplement)": (0x20000, 0x2FFFF),
    "Tertiary Ideographic Plane (Extensions G, H), as far as Extension H": (0x30000, 0x323AF),
}


def is_han(ch: str) -> bool:
    cp = ord(ch)
    return any(first <= cp <= last for first, last in HAN_BLOCKS.values())


def count(text: str, traditional: Container[str], simplified: Container[str]) -> tuple[int, int, int]:
    """``(traditional_only, simplified_only, han)`` characters of ``text``."""
    t = s = h = 0
    for ch in text:
        if ch in traditional:
            t += 1
        if ch in simplified:
            s += 1
        if is_han(ch):
            h += 1
    return t, s, h
