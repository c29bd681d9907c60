"""Text as code points: one way from ``str`` to uint32 arrays and back, work buffers, and
characters of a class found with numpy instead of a regular-expression scan.

Every engine turns text into code points here. :func:`code_points` gives a
fresh read-only array (what ``Document.code_points`` holds);
:func:`code_points_into` writes into a buffer the caller owns, for kernels
that need a writable one; :func:`from_code_points` goes back. On CPython,
``PyUnicode_AsUCS4`` and ``PyUnicode_FromKindAndData`` copy code points
without the codec's per-character work (on 1.8 million characters, 0.7 ms
instead of 2.8 ms one way and 0.5 ms instead of 7 ms the other), but a
call through ``ctypes`` with a new array costs about a microsecond more
than a codec call, so :func:`code_points` and :func:`from_code_points` use
the codecs for texts shorter than :data:`API_FROM` characters.
:func:`code_points_into` has its buffer already and takes the API at any
length. Lone surrogates survive both ways.

:class:`Scratch` keeps per-thread work buffers (:func:`scratch`), so a
stream of documents does not page in new memory for each one.

A character-class scan with ``re`` reads about 120 million characters a
second; indexing a 65,536-entry table with the code points is several times
faster, and most passes find nothing on most pages. Code points beyond the
BMP are looked up as U+FFFF (never in a table).
"""

from __future__ import annotations

import codecs
import ctypes
import platform
import re
import sys
import threading
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

__all__ = [
    "API_FROM",
    "SPACE",
    "Scratch",
    "code_points",
    "code_points_into",
    "decode_utf32",
    "encode_utf32_le",
    "from_code_points",
    "merge_spans",
    "replacement_spans",
    "scratch",
    "table",
]

#: from this many characters on, new arrays and strings are made through CPython's API, not the codecs
API_FROM = 4096

_UTF32 = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"
#: the codecs' own functions (no look-up by name, a fair part of a short text's call): a text to
#: UTF-32-LE bytes, which the kernels read, and uint32 code points in this machine's order to a str
encode_utf32_le = codecs.utf_32_le_encode
decode_utf32 = codecs.utf_32_le_decode if sys.byteorder == "little" else codecs.utf_32_be_decode
_UCS4_KIND = 4


def _capi() -> tuple[Callable[..., Any], Callable[..., Any]] | None:
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


def _copy_in(text: str, out: np.ndarray) -> None:
    """Copy the code points of ``text`` into ``out`` (writable, uint32, at least ``len(text)`` long)."""
    assert _CAPI is not None
    # from_buffer takes the address without building numpy's ctypes object (half the fixed cost)
    if _CAPI[0](text, ctypes.addressof(ctypes.c_char.from_buffer(out.data)), len(text), 0) is None:
        raise MemoryError("could not copy the text's code points")


def code_points(text: str) -> np.ndarray:
    """``text`` as a new read-only uint32 array of code points (lone surrogates included).

    Engines that share a document's code points read ``Document.code_points``,
    which computes them once per document.
    """
    n = len(text)
    if _CAPI is None or n < API_FROM:
        return np.frombuffer(text.encode(_UTF32, "surrogatepass"), dtype=np.uint32)
    out = np.empty(n, dtype=np.uint32)
    _copy_in(text, out)
    out.flags.writeable = False
    return out


def code_points_into(text: str, out: np.ndarray) -> np.ndarray:
    """The code points of ``text`` in ``out[:len(text)]``, writable; a new array when ``out`` will not do.

    ``out`` will do when it is a writable, C-contiguous uint32 array of at
    least ``len(text)`` entries (a :class:`Scratch` buffer).
    """
    n = len(text)
    if out.shape[0] < n or out.dtype != np.uint32 or not out.flags.c_contiguous or not out.flags.writeable:
        out = np.empty(n, dtype=np.uint32)
    out = out[:n]
    if not n:
        return out
    if _CAPI is None:
        out[:] = np.frombuffer(text.encode(_UTF32, "surrogatepass"), dtype=np.uint32)
    else:
        _copy_in(text, out)
    return out


def from_code_points(cps: np.ndarray) -> str:
    """The string of the code points ``cps`` (any integer array of values below 0x110000)."""
    cps = np.ascontiguousarray(cps, dtype=np.uint32)
    n = cps.shape[0]
    if _CAPI is None or n < API_FROM:
        return decode_utf32(cps.data, "surrogatepass")[0]
    return str(_CAPI[1](_UCS4_KIND, cps.ctypes.data, n))


class Scratch:
    """Reusable work buffers by name, grown on demand (:func:`scratch` gives each thread its own)."""

    #: requests for fewer entries get a new array: numpy makes a small one faster than a kept one is found
    SMALL = 1 << 12
    #: buffers above this many entries are dropped after use, not kept
    KEEP = 1 << 23

    def __init__(self) -> None:
        self._arrays: dict[str, np.ndarray] = {}

    def get(self, name: str, size: int, dtype: type) -> np.ndarray:
        """A writable, C-contiguous array of ``size`` items (one at least) of ``dtype`` (a numpy scalar type).

        Its contents are undefined, and it is good until the next ``get``
        of the same ``name``, which may give the same memory again.
        """
        if size < 1:
            size = 1
        if size < self.SMALL:
            return np.empty(size, dtype=dtype)
        arr = self._arrays.get(name)
        if arr is None or arr.shape[0] < size or arr.dtype.type is not dtype:
            arr = np.empty(size, dtype=dtype)
            if size <= self.KEEP:
                self._arrays[name] = arr
            else:
                self._arrays.pop(name, None)
        return arr[:size]


_LOCAL = threading.local()


def scratch(owner: str) -> Scratch:
    """This thread's :class:`Scratch` for ``owner`` (an engine's name: engines never share buffers)."""
    mine: dict[str, Scratch] | None = getattr(_LOCAL, "scratch", None)
    if mine is None:
        mine = _LOCAL.scratch = {}
    work = mine.get(owner)
    if work is None:
        work = mine[owner] = Scratch()
    return work


#: the one definition of whitespace the kernels of every stage read: a uint8 flag per code
#: point up to U+3000 (the last whitespace character in Unicode): 1 where
#: ``str.isspace`` holds, which is ``\s`` of ``re``. A kernel tests ``c < SPACE.shape[0] and SPACE[c]``.
#: Kernels read it as a global, which numba freezes into a kernel when it compiles it, and numba's
#: on-disk cache of a kernel file does not notice a change here. The table is Python's own
#: definition and numba keeps one cache per Python version, so a cached kernel never holds a
#: stale table unless this line changes: then delete the ``*.nbi`` / ``*.nbc`` files under ``src``.
SPACE = np.array([chr(cp).isspace() for cp in range(0x3001)], dtype=np.uint8)


def table(chars: Iterable[str] = (), ranges: Iterable[tuple[int, int]] = ()) -> np.ndarray:
    """A boolean table of the BMP: True for ``chars`` and the inclusive code point ``ranges``."""
    out = np.zeros(0x10000, dtype=bool)
    for ch in chars:
        if ord(ch) < 0xFFFF:
            out[ord(ch)] = True
    for lo, hi in ranges:
        out[lo : min(hi, 0xFFFE) + 1] = True
    return out


def merge_spans(spans: Iterable[tuple[int, int] | list[int]]) -> list[list[int]]:
    """Sorted, merged ``[start, end]`` pairs (touching spans join)."""
    out: list[list[int]] = []
    for s, e in sorted((int(a), int(b)) for a, b in spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return out


def replacement_spans(text: str) -> list[list[int]]:
    """``[start, end]`` of every run of U+FFFD in ``text``."""
    return [list(m.span()) for m in _REPLACEMENT.finditer(text)] if "\ufffd" in text else []


_REPLACEMENT = re.compile("\ufffd++")
