"""Decode stage: bytes to text, then clean-up passes."""

from __future__ import annotations

from ..hookspecs import Register
from ..plugins import hookimpl
from .auto import AutoDetector
from .cleaners import NewlineCleaner


@hookimpl
def hanpipe_register_detectors(register: Register) -> None:
    register(AutoDetector)


@hookimpl
def hanpipe_register_cleaners(register: Register) -> None:
    register(NewlineCleaner)
