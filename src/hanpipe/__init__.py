"""hanpipe: raw Chinese web text to clean Simplified text, words and typed facts.

Importing the package is cheap: the names below are imported when first used
(PEP 562), and the stage packages register their engines without importing
them, so numba is imported only when a compiled engine is built or used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# The stage packages share their names with the API functions convert, decode,
# extract and segment. Import them now (they are light): importing a package
# binds it as an attribute of its parent, and a later import finds it in
# sys.modules and binds nothing, so the names below stay the API functions
# whatever the user imports afterwards. Then drop the bindings this import
# made, so that __getattr__ resolves the names to the functions.
from . import convert as _convert_stage  # noqa: F401
from . import decode as _decode_stage  # noqa: F401
from . import extract as _extract_stage  # noqa: F401
from . import segment as _segment_stage  # noqa: F401
from .errors import (
    ConfigError,
    DecodeError,
    DictionaryError,
    HanpipeError,
    InputError,
    NotText,
    PluginError,
    WorkerDied,
)
from .plugins import hookimpl

for _stage in ("convert", "decode", "extract", "segment"):
    globals().pop(_stage, None)
del _stage

if TYPE_CHECKING:
    from .api import convert, decode, extract, process, segment
    from .document import Document, Edit, Entity, Tokens
    from .pipeline import ErrorRecord, Pipeline

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "DecodeError",
    "DictionaryError",
    "Document",
    "Edit",
    "Entity",
    "ErrorRecord",
    "HanpipeError",
    "InputError",
    "NotText",
    "Pipeline",
    "PluginError",
    "Tokens",
    "WorkerDied",
    "convert",
    "decode",
    "extract",
    "hookimpl",
    "process",
    "segment",
]

#: name -> the module that defines it, imported on first use
_LAZY = {
    "convert": ".api",
    "decode": ".api",
    "extract": ".api",
    "process": ".api",
    "segment": ".api",
    "Document": ".document",
    "Edit": ".document",
    "Entity": ".document",
    "Tokens": ".document",
    "ErrorRecord": ".pipeline",
    "Pipeline": ".pipeline",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*__all__, "__version__"])
