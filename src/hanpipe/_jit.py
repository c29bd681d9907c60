"""The one numba decorator hanpipe's kernels use.

``cache=True`` keeps compiled kernels on disk between processes; ``nogil=True``
lets threads run kernels in parallel. Set ``NUMBA_DISABLE_JIT=1`` to run every
kernel as plain Python (the ``tests_nojit`` session does).

Two options let kernels share small helpers without paying per call:

* ``allocates=False``: the kernel allocates nothing, so it is compiled
  without numba's runtime. Array arguments and array variables are then not
  reference-counted; with the runtime, every array handed to a helper costs
  two atomic operations per call, and a helper called once per character
  with a trie's seven arrays made the convert kernels thirty times slower.
  An allocation in such a kernel fails to compile.
* ``inline="always"``: a helper is compiled into each caller (at the level
  of numba's IR) instead of being called. It stays callable on its own, for
  its tests.

numba's on-disk cache knows a compiled kernel by its signature, bytecode
and CPU, not by ``NUMBA_BOUNDSCHECK``: a test run (which sets it) would
load kernels compiled without bounds checks, and later runs would load the
test run's slower checked code. So when bounds checks are on and
``NUMBA_CACHE_DIR`` is not set, kernels are cached in a directory of their
own, :data:`BOUNDSCHECK_CACHE`.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from typing import Any, Literal, TypeVar, overload

from numba import config, njit

__all__ = ["BOUNDSCHECK_CACHE", "jit"]

#: where kernels compiled with bounds checks are cached (unless ``NUMBA_CACHE_DIR`` says otherwise)
BOUNDSCHECK_CACHE = os.path.join(tempfile.gettempdir(), "hanpipe-numba-boundscheck")

_config: Any = config  # numba sets its options at run time; the type checker sees none of them
if _config.BOUNDSCHECK and not _config.CACHE_DIR:
    _config.CACHE_DIR = BOUNDSCHECK_CACHE

F = TypeVar("F", bound=Callable[..., Any])
Inline = Literal["never", "always"]


@overload
def jit(fn: F, *, inline: Inline = "never", allocates: bool = True) -> F: ...


@overload
def jit(fn: None = None, *, inline: Inline = "never", allocates: bool = True) -> Callable[[F], F]: ...


def jit(fn: F | None = None, *, inline: Inline = "never", allocates: bool = True) -> F | Callable[[F], F]:
    """Compile ``fn`` in nopython mode with hanpipe's options: ``@jit``, or ``@jit(inline=..., allocates=...)``.

    ``.py_func`` is the plain-Python function, with the JIT on or off.
    """
    if inline not in ("never", "always"):
        raise ValueError(f"inline must be 'never' or 'always', got {inline!r}")
    if fn is None:
        return lambda f: jit(f, inline=inline, allocates=allocates)
    options: dict[str, Any] = {"cache": True, "nogil": True, "inline": inline}
    if not allocates:
        options["_nrt"] = False
    compiled: Any = njit(**options)(fn)
    if not hasattr(compiled, "py_func"):  # NUMBA_DISABLE_JIT=1 returns fn itself
        compiled.py_func = fn
    return compiled
