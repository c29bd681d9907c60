"""The options both segment engines take, checked alike: ``hmm`` and ``mode``."""

from __future__ import annotations

from typing import Literal

from ...errors import ConfigError

__all__ = ["MODES", "Mode", "check_hmm", "check_mode"]

#: ``mode``: jieba's default cut, its search-engine cut, its full cut (``cut_all=True``)
Mode = Literal["default", "search", "full"]
MODES: tuple[str, ...] = ("default", "search", "full")


def check_mode(mode: str) -> None:
    if mode not in MODES:
        raise ConfigError(f"segment mode must be one of {', '.join(MODES)}; got {mode!r}")


def check_hmm(hmm: object) -> None:
    if not isinstance(hmm, bool):
        raise ConfigError(f"segment option 'hmm' must be True or False, got {hmm!r}")
