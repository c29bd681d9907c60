"""Converter ``opencc-ref``: the official OpenCC binding as a hanpipe engine."""

from __future__ import annotations

import re
from typing import ClassVar

import numpy as np
import opencc

from hanpipe import ConfigError, Document, hookimpl
from hanpipe.hookspecs import Register

__all__ = ["OpenCCRefConverter", "hanpipe_register_converters"]

# The binding takes UTF-8, so lone surrogates cannot reach it, and it stops at
# NUL. No dictionary key holds either, nor a line break, so converting the
# text between them gives the same result as converting the whole.
_CUT = re.compile(r"[\x00\n\ud800-\udfff]")


def _configs() -> list[str]:
    return sorted(name[: -len(".json")] for name in opencc.CONFIGS)


class OpenCCRefConverter:
    """Converts with ``opencc.OpenCC(variant)``."""

    name: ClassVar[str] = "opencc-ref"

    def __init__(self, variant: str = "t2s") -> None:
        known = _configs()
        if variant not in known:
            raise ConfigError(f"unknown OpenCC configuration {variant!r}; configurations: {', '.join(known)}")
        self.variant = variant
        self._cc = opencc.OpenCC(variant)

    def convert_text(self, text: str) -> tuple[str, np.ndarray | None]:
        """The converted text and its alignment into ``text`` (``None`` when one to one)."""
        if not _CUT.search(text):
            out = self._cc.convert(text)
            if len(out) == len(text):
                return out, None
        parts: list[str] = []
        spans: list[tuple[int, int, int]] = []  # (old start, old end, new length) of each piece
        pos = 0
        for m in _CUT.finditer(text):
            self._piece(text, pos, m.start(), parts, spans)
            parts.append(m.group())
            spans.append((m.start(), m.end(), 1))
            pos = m.end()
        self._piece(text, pos, len(text), parts, spans)
        out = "".join(parts)
        if len(out) == len(text):
            return out, None
        pos_row = np.empty(len(out) + 1, dtype=np.int32)
        at = 0
        for start, end, k in spans:
            pos_row[at : at + k] = start + (np.arange(k, dtype=np.int64) * (end - start)) // max(k, 1)
            at += k
        pos_row[at] = len(text)
        return out, np.stack([pos_row, pos_row])

    def _piece(self, text: str, start: int, end: int, parts: list[str], spans: list[tuple[int, int, int]]) -> None:
        if end > start:
            converted = self._cc.convert(text[start:end])
            parts.append(converted)
            spans.append((start, end, len(converted)))

    def convert(self, doc: Document) -> Document:
        text, alignment = self.convert_text(doc.text)
        if text == doc.text:
            return doc
        changed = sum(a != b for a, b in zip(text, doc.text)) if alignment is None else 1
        out = doc.rewrite(text, alignment, step=f"convert:{self.name}", count=max(changed, 1))
        return out.with_meta(variant=self.variant)

    def __call__(self, text: str) -> str:
        return self.convert_text(text)[0]


@hookimpl
def hanpipe_register_converters(register: Register) -> None:
    register(OpenCCRefConverter)
