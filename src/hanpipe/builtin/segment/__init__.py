"""Segment stage: words with offsets.

``jieba`` is jieba's segmentation compiled with numba (the default);
``jieba-ref`` is jieba itself, the reference ``jieba`` must equal. Engines
register as references: a module (and numba) is imported when a pipeline
builds its engine.
"""

from __future__ import annotations

from ...hookspecs import EngineRef, Register, hookimpl

__all__ = ["ENGINES", "hanpipe_register_segmenters"]

#: this stage's built-in engines
ENGINES: tuple[EngineRef, ...] = (
    EngineRef("jieba", "hanpipe.builtin.segment.jieba:JiebaSegmenter"),
    EngineRef("jieba-ref", "hanpipe.builtin.segment.jieba_ref:JiebaRefSegmenter"),
)


@hookimpl
def hanpipe_register_segmenters(register: Register) -> None:
    for ref in ENGINES:
        register(ref)
