"""Segment stage: words with offsets.

``jieba`` is jieba's segmentation compiled with numba (the default);
``jieba-ref`` is jieba itself, the reference ``jieba`` must equal.

The engines register as references; their modules (and numba) are imported
when an engine is built, or when one of the names below is first used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ..plugins import EngineRef, Registrar, hookimpl

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
    for cls, (name, module) in _ENGINES.items():
        register(EngineRef(name, f"{__name__}{module}:{cls}"))


def __getattr__(name: str) -> Any:
    if name in _ENGINES:
        value = getattr(importlib.import_module(_ENGINES[name][1], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
