"""hanpipe: raw Chinese web text to clean Simplified text, words and typed facts."""

from __future__ import annotations

# The stage packages share their names with the API functions below. Import
# them first: a later import finds them in sys.modules and leaves the
# functions bound to these names.
from . import convert as _convert_stage  # noqa: F401
from . import decode as _decode_stage  # noqa: F401
from . import extract as _extract_stage  # noqa: F401
from . import segment as _segment_stage  # noqa: F401
from .api import convert, decode, extract, process, segment
from .document import Document, Edit, Entity, Tokens
from .errors import ConfigError, DecodeError, DictionaryError, HanpipeError, InputError, PluginError
from .pipeline import ErrorRecord, Pipeline
from .plugins import hookimpl

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
    "Pipeline",
    "PluginError",
    "Tokens",
    "convert",
    "decode",
    "extract",
    "hookimpl",
    "process",
    "segment",
]
