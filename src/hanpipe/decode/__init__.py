"""Decode stage: bytes to text (detector ``auto``), then the clean-up passes.

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
"""

from __future__ import annotations

from ..hookspecs import Register
from ..plugins import hookimpl
from .auto import AutoDetector
from .cleaners import EntityCleaner, NewlineCleaner, SpaceCleaner, WidthCleaner
from .damage import DamageCleaner
from .mojibake import MojibakeCleaner
from .pinyin import PinyinCleaner


@hookimpl
def hanpipe_register_detectors(register: Register) -> None:
    register(AutoDetector)


#: every clean-up pass, in the documented order
CLEANERS = (
    MojibakeCleaner,
    EntityCleaner,
    NewlineCleaner,
    SpaceCleaner,
    WidthCleaner,
    PinyinCleaner,
    DamageCleaner,
)

#: their names, in that order
CLEAN_ORDER = tuple(cls.name for cls in CLEANERS)


@hookimpl
def hanpipe_register_cleaners(register: Register) -> None:
    for cls in CLEANERS:
        register(cls)
