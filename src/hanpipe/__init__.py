"""hanpipe: raw Chinese web text to clean Simplified text, words and typed facts.

Importing the package is cheap: the names below are imported when first used
(PEP 562), and the built-in engines register as references, so numba is
imported only when a compiled engine is built.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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
from .hookspecs import EngineRef, hookimpl

if TYPE_CHECKING:
    from . import numbers
    from .api import convert, decode, extract, keywords, process, segment
    from .config import PipelineConfig
    from .document import Document, Edit, Entity, ErrorRecord, Tokens
    from .pipeline import Pipeline

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "DecodeError",
    "DictionaryError",
    "Document",
    "Edit",
    "EngineRef",
    "Entity",
    "ErrorRecord",
    "HanpipeError",
    "InputError",
    "NotText",
    "Pipeline",
    "PipelineConfig",
    "PluginError",
    "Tokens",
    "WorkerDied",
    "convert",
    "decode",
    "extract",
    "hookimpl",
    "keywords",
    "numbers",
    "process",
    "segment",
]

#: name -> the module that defines it, imported on first use
_LAZY = {
    "convert": ".api",
    "decode": ".api",
    "extract": ".api",
    "keywords": ".api",
    "process": ".api",
    "segment": ".api",
    "Document": ".document",
    "Edit": ".document",
    "Entity": ".document",
    "Tokens": ".document",
    "ErrorRecord": ".document",
    "Pipeline": ".pipeline",
    "PipelineConfig": ".config",
}


def __getattr__(name: str) -> Any:
    if name == "numbers":  # a submodule: hanpipe.numbers.parse, hanpipe.numbers.to_chinese
        return importlib.import_module(".numbers", __name__)
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*__all__, "__version__"])
