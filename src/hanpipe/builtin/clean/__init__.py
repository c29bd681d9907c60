"""Clean stage: the clean-up passes, in the order the default configuration runs them.

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

Engines register as references: a module (and numba) is imported when a
pipeline builds its engine.
"""

from __future__ import annotations

from ...hookspecs import EngineRef, Register, hookimpl

__all__ = ["ENGINES", "hanpipe_register_cleaners"]

#: this stage's built-in engines, in the documented order
ENGINES: tuple[EngineRef, ...] = (
    EngineRef("mojibake", "hanpipe.builtin.clean.mojibake:MojibakeCleaner"),
    EngineRef("entities", "hanpipe.builtin.clean.cleaners:EntityCleaner"),
    EngineRef("newlines", "hanpipe.builtin.clean.cleaners:NewlineCleaner"),
    EngineRef("spaces", "hanpipe.builtin.clean.cleaners:SpaceCleaner"),
    EngineRef("width", "hanpipe.builtin.clean.cleaners:WidthCleaner"),
    EngineRef("pinyin", "hanpipe.builtin.clean.pinyin:PinyinCleaner"),
    EngineRef("damaged", "hanpipe.builtin.clean.damage:DamageCleaner"),
)


@hookimpl
def hanpipe_register_cleaners(register: Register) -> None:
    for ref in ENGINES:
        register(ref)
