"""The jit decorator: its options, and a cache that bounds-checked runs do not share."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from hanpipe._jit import BOUNDSCHECK_CACHE, jit

PROBE = "import json, numba, hanpipe._jit\nprint(json.dumps(numba.config.CACHE_DIR))\n"


def _cache_dir(**env: str) -> str:
    """numba's cache directory in a new interpreter that imported hanpipe._jit with ``env``."""
    clean = {k: v for k, v in os.environ.items() if k not in ("NUMBA_BOUNDSCHECK", "NUMBA_CACHE_DIR")}
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env={**clean, **env}, capture_output=True, text=True, check=True
    )
    return str(json.loads(out.stdout.strip().splitlines()[-1]))


def test_jit_caches_bounds_checked_kernels_apart() -> None:
    assert _cache_dir(NUMBA_BOUNDSCHECK="1") == BOUNDSCHECK_CACHE
    assert _cache_dir(NUMBA_BOUNDSCHECK="0") == ""
    assert _cache_dir() == ""  # "" means numba's default: beside each module, in __pycache__


def test_jit_keeps_a_cache_dir_the_user_set(tmp_path) -> None:
    assert _cache_dir(NUMBA_BOUNDSCHECK="1", NUMBA_CACHE_DIR=str(tmp_path)) == str(tmp_path)


def _add(a, b):
    out = 0
    for i in range(a.shape[0]):
        out += a[i] * b
    return out


@pytest.mark.parametrize(
    "options", [{}, {"inline": "always"}, {"allocates": False}, {"inline": "always", "allocates": False}]
)
def test_jit_options_compile_the_same_function(options) -> None:
    compiled = jit(**options)(_add) if options else jit(_add)
    a = np.arange(5, dtype=np.int64)
    assert compiled(a, 3) == compiled.py_func(a, 3) == 30


def test_jit_rejects_an_unknown_inline_value() -> None:
    with pytest.raises(ValueError, match="inline must be"):
        jit(inline="sometimes")  # type: ignore[call-overload]
