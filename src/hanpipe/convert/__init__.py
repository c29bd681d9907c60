"""Convert stage: Traditional to Simplified.

The built-in engine ``opencc`` (:class:`OpenCCConverter`) registers through
the same hook as third-party converters, as a reference: its module (and
numba) is imported when the engine is built or the class is first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..plugins import Registrar, hookimpl, lazy_getattr, register_table

if TYPE_CHECKING:
    from .opencc import OpenCCConverter

__all__ = ["OpenCCConverter", "hanpipe_register_converters"]


#: class name -> (engine name, module)
_ENGINES = {"OpenCCConverter": ("opencc", ".opencc")}


@hookimpl
def hanpipe_register_converters(register: Registrar) -> None:
    register_table(register, __name__, _ENGINES)


__getattr__ = lazy_getattr(__name__, _ENGINES)
