"""Decode stage: bytes to text (detector ``auto``), then the clean-up passes.

The detector also tells text from binary data (:mod:`hanpipe.decode.binary`):
an image, an archive or random bytes come out with ``meta["binary"] = True``,
a confidence near 0, and their unreadable spans in ``meta["damaged"]``.

The passes, in the order ``DEFAULT_CONFIG["clean"]`` runs them:

1. ``mojibake`` — undo UTF-8/GBK/Big5 text decoded with the wrong codec
   (lossless repairs only); first, because the later passes would change the
   characters that carry the lost bytes (NBSP, C1 controls);
2. ``entities`` — HTML/XML character references (``&#xff0c;``, ``&nbsp;``);
3. ``newlines`` — CRLF, CR, NEL, U+2028/2029 to LF;
4. ``spaces`` — NBSP and ideographic spaces to ASCII space; zero-width
   characters, stray BOMs and C0/C1 controls removed;
5. ``width`` — full-width ASCII to half width, Chinese punctuation kept;
6. ``pinyin`` — pinyin annotations after characters removed, real
   parentheses kept;
7. ``damaged`` — U+FFFD and byte-loss fragments listed in ``meta["damaged"]``
   (source coordinates); nothing is rewritten.

The engines register as references; their modules (and numba) are imported
when an engine is built, or when one of the names below is first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..plugins import Registrar, hookimpl, lazy_getattr, register_table

if TYPE_CHECKING:
    from .auto import AutoDetector
    from .cleaners import EntityCleaner, NewlineCleaner, SpaceCleaner, WidthCleaner
    from .damage import DamageCleaner
    from .mojibake import MojibakeCleaner
    from .pinyin import PinyinCleaner

    #: every clean-up pass, in the documented order
    CLEANERS: tuple[type, ...]

__all__ = [
    "CLEANERS",
    "CLEAN_ORDER",
    "AutoDetector",
    "DamageCleaner",
    "EntityCleaner",
    "MojibakeCleaner",
    "NewlineCleaner",
    "PinyinCleaner",
    "SpaceCleaner",
    "WidthCleaner",
    "hanpipe_register_cleaners",
    "hanpipe_register_decoders",
]

#: class name -> (engine name, module); the cleaners in the documented order
_DETECTORS = {"AutoDetector": ("auto", ".auto")}
_CLEANERS = {
    "MojibakeCleaner": ("mojibake", ".mojibake"),
    "EntityCleaner": ("entities", ".cleaners"),
    "NewlineCleaner": ("newlines", ".cleaners"),
    "SpaceCleaner": ("spaces", ".cleaners"),
    "WidthCleaner": ("width", ".cleaners"),
    "PinyinCleaner": ("pinyin", ".pinyin"),
    "DamageCleaner": ("damaged", ".damage"),
}

#: the clean-up passes' names, in the documented order
CLEAN_ORDER = tuple(name for name, _ in _CLEANERS.values())


@hookimpl
def hanpipe_register_decoders(register: Registrar) -> None:
    register_table(register, __name__, _DETECTORS)


@hookimpl
def hanpipe_register_cleaners(register: Registrar) -> None:
    register_table(register, __name__, _CLEANERS)


__getattr__ = lazy_getattr(__name__, {**_DETECTORS, **_CLEANERS}, {"CLEANERS": _CLEANERS})
