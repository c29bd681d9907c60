"""Segment stage: words with offsets.

``jieba`` is jieba's segmentation compiled with numba (the default);
``jieba-ref`` is jieba itself, the reference ``jieba`` must equal.

The engines register as references; their modules (and numba) are imported
when an engine is built, or when one of the names below is first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..plugins import Registrar, hookimpl, lazy_getattr, register_table

if TYPE_CHECKING:
    from .jieba import JiebaSegmenter
    from .jieba_ref import JiebaRefSegmenter

__all__ = ["JiebaRefSegmenter", "JiebaSegmenter", "hanpipe_register_segmenters"]

#: class name -> (engine name, module)
_ENGINES = {
    "JiebaSegmenter": ("jieba", ".jieba"),
    "JiebaRefSegmenter": ("jieba-ref", ".jieba_ref"),
}


@hookimpl
def hanpipe_register_segmenters(register: Registrar) -> None:
    register_table(register, __name__, _ENGINES)


__getattr__ = lazy_getattr(__name__, _ENGINES)
