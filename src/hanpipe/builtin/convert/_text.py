"""str ⇄ uint32 code points, without the codec round trip where CPython allows.

On CPython, ``PyUnicode_AsUCS4`` copies a string's code points into a buffer
we own and ``PyUnicode_FromKindAndData`` builds a string from one, both
several times faster than ``encode("utf-32-le")`` / ``decode`` and without a
fresh allocation per text. Elsewhere the codecs are used. Lone surrogates
survive both ways.

:class:`Scratch` keeps per-thread work buffers, so a stream of documents does
not page in new memory for each one.
"""

from __future__ import annotations

import ctypes
import platform
import threading

import numpy as np

__all__ = ["Scratch", "cps_to_text", "scratch", "text_to_cps"]


def _capi() -> tuple[object, object] | None:
    if platform.python_implementation() != "CPython":
        return None
    try:
        as_ucs4 = ctypes.pythonapi.PyUnicode_AsUCS4
        from_kind = ctypes.pythonapi.PyUnicode_FromKindAndData
    except AttributeError:
        return None
    as_ucs4.restype = ctypes.c_void_p
    as_ucs4.argtypes = [ctypes.py_object, ctypes.c_void_p, ctypes.c_ssize_t, ctypes.c_int]
    from_kind.restype = ctypes.py_object
    from_kind.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_ssize_t]
    return as_ucs4, from_kind


_CAPI = _capi()
_UCS4_KIND = 4


def text_to_cps(text: str, out: np.ndarray | None = None) -> np.ndarray:
    """The code points of ``text`` as uint32, written into ``out`` when it is large enough."""
    n = len(text)
    if _CAPI is not None and n:
        if out is None or out.shape[0] < n or out.dtype != np.uint32 or not out.flags.c_contiguous:
            out = np.empty(n, dtype=np.uint32)
        if _CAPI[0](text, out.ctypes.data, n, 0) is None:  # type: ignore[operator]
            raise MemoryError("could not copy the text's code points")
        return out[:n]
    # writable, like the kernels' buffers, so that one compiled kernel serves both
    return np.frombuffer(bytearray(text.encode("utf-32-le", "surrogatepass")), dtype=np.uint32)


def cps_to_text(cps: np.ndarray) -> str:
    """The string of uint32 code points ``cps``."""
    cps = np.ascontiguousarray(cps, dtype=np.uint32)
    if _CAPI is not None and cps.shape[0]:
        return str(_CAPI[1](_UCS4_KIND, cps.ctypes.data, cps.shape[0]))  # type: ignore[operator]
    return cps.tobytes().decode("utf-32-le", "surrogatepass")


class Scratch:
    """Reusable uint32 / int32 / bool buffers, grown on demand."""

    #: buffers above this many entries are dropped after use, not kept
    KEEP = 1 << 23

    def __init__(self) -> None:
        self._arrays: dict[str, np.ndarray] = {}

    def get(self, name: str, size: int, dtype: type) -> np.ndarray:
        arr = self._arrays.get(name)
        if arr is None or arr.shape[0] < size or arr.dtype != dtype:
            arr = np.empty(max(size, 1), dtype=dtype)
            if size <= self.KEEP:
                self._arrays[name] = arr
            else:
                self._arrays.pop(name, None)
        return arr[: max(size, 1)]


_LOCAL = threading.local()


def scratch() -> Scratch:
    """This thread's :class:`Scratch`."""
    s: Scratch | None = getattr(_LOCAL, "scratch", None)
    if s is None:
        s = _LOCAL.scratch = Scratch()
    return s
