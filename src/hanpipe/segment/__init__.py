"""Segment stage: words with offsets."""

from __future__ import annotations

from ..hookspecs import Register
from ..plugins import hookimpl
from .jieba_ref import JiebaRefSegmenter


@hookimpl
def hanpipe_register_segmenters(register: Register) -> None:
    register(JiebaRefSegmenter)
