"""Convert stage: Traditional to Simplified.

The built-in engine ``opencc`` (:class:`OpenCCConverter`) registers through
the same hook as third-party converters.

This package shares its name with the function ``hanpipe.convert``; once the
package is imported, Python binds ``hanpipe.convert`` to it, so the package
is callable and forwards to :func:`hanpipe.api.convert`.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from ..hookspecs import Register
from ..plugins import hookimpl
from .opencc import OpenCCConverter

__all__ = ["OpenCCConverter", "hanpipe_register_converters"]


@hookimpl
def hanpipe_register_converters(register: Register) -> None:
    register(OpenCCConverter)


class _CallableModule(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from ..api import convert

        return convert(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
