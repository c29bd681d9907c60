"""Convert stage: Traditional to Simplified.

The built-in engine ``opencc`` (:class:`OpenCCConverter`) registers through
the same hook as third-party converters.
"""

from __future__ import annotations

from ..hookspecs import Register
from ..plugins import hookimpl
from .opencc import OpenCCConverter

__all__ = ["OpenCCConverter", "hanpipe_register_converters"]


@hookimpl
def hanpipe_register_converters(register: Register) -> None:
    register(OpenCCConverter)
