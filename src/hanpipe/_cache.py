"""Where compiled dictionaries are kept between processes."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["cache_dir"]


def cache_dir(*parts: str) -> Path:
    """``$HANPIPE_CACHE`` or ``$XDG_CACHE_HOME/hanpipe`` (default ``~/.cache/hanpipe``), created on demand."""
    root = os.environ.get("HANPIPE_CACHE")
    if root:
        base = Path(root)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        base = (Path(xdg) if xdg else Path.home() / ".cache") / "hanpipe"
    path = base.joinpath(*parts)
    path.mkdir(parents=True, exist_ok=True)
    return path
