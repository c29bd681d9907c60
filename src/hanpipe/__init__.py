"""hanpipe: raw Chinese web text to clean Simplified text, words and typed facts."""

from __future__ import annotations

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
