"""The one numba decorator hanpipe's kernels use.

``cache=True`` keeps compiled kernels on disk between processes; ``nogil=True``
lets threads run kernels in parallel. Set ``NUMBA_DISABLE_JIT=1`` to run every
kernel as plain Python (the ``tests_nojit`` session does).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from numba import njit

__all__ = ["jit"]

F = TypeVar("F", bound=Callable[..., Any])


def jit(fn: F) -> F:
    """Compile ``fn`` in nopython mode with hanpipe's options.

    ``.py_func`` is the plain-Python function, with the JIT on or off.
    """
    compiled: Any = njit(cache=True, nogil=True)(fn)
    if not hasattr(compiled, "py_func"):  # NUMBA_DISABLE_JIT=1 returns fn itself
        compiled.py_func = fn
    return compiled
