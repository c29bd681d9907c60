"""Decode stage: bytes to text.

The decoder ``auto`` (:mod:`.auto`) detects the encoding from as few as 16
bytes and decodes; it also tells text from binary data (:mod:`.binary`): an
image, an archive or random bytes come out with ``meta["binary"] = True``, a
confidence near 0, and their unreadable spans in ``meta["damaged"]``.

Engines register as references: a module (and numba) is imported when a
pipeline builds its engine.
"""

from __future__ import annotations

from ...hookspecs import EngineRef, Register, hookimpl

__all__ = ["ENGINES", "hanpipe_register_decoders"]

#: this stage's built-in engines
ENGINES: tuple[EngineRef, ...] = (
    EngineRef("auto", "hanpipe.builtin.decode.auto:AutoDecoder"),
)


@hookimpl
def hanpipe_register_decoders(register: Register) -> None:
    for ref in ENGINES:
        register(ref)
