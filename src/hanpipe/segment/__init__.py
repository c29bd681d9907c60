"""Segment stage: words with offsets.

``jieba`` is jieba's segmentation compiled with numba (the default);
``jieba-ref`` is jieba itself, the reference ``jieba`` must equal.
"""

from __future__ import annotations

from ..hookspecs import Register
from ..plugins import hookimpl
from .jieba import JiebaSegmenter
from .jieba_ref import JiebaRefSegmenter


@hookimpl
def hanpipe_register_segmenters(register: Register) -> None:
    register(JiebaSegmenter)
    register(JiebaRefSegmenter)
