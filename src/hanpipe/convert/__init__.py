"""Convert stage: Traditional to Simplified.

The built-in engine ``opencc`` (:class:`OpenCCConverter`) registers through
the same hook as third-party converters, as a reference: its module (and
numba) is imported when the engine is built or the class is first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..plugins import EngineRef, Registrar, hookimpl

if TYPE_CHECKING:
    from .opencc import OpenCCConverter

__all__ = ["OpenCCConverter", "hanpipe_register_converters"]


@hookimpl
def hanpipe_register_converters(register: Registrar) -> None:
    register(EngineRef("opencc", f"{__name__}.opencc:OpenCCConverter"))


def __getattr__(name: str) -> Any:
    if name == "OpenCCConverter":
        from .opencc import OpenCCConverter

        globals()[name] = OpenCCConverter
        return OpenCCConverter
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
