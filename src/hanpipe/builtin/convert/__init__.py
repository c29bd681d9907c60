"""Convert stage: between Simplified and Traditional Chinese, in every OpenCC direction.

``opencc`` (:mod:`.opencc`) gives OpenCC's exact output for each configuration
the official wheel ships (t2s by default; see ``_data.VARIANTS``) from
OpenCC's own dictionaries, compiled into a trie and run by a numba kernel.
It registers as a reference: its module (and numba) is imported when a
pipeline builds it.
"""

from __future__ import annotations

from ...hookspecs import EngineRef, Register, hookimpl

__all__ = ["ENGINES", "hanpipe_register_converters"]

#: this stage's built-in engines
ENGINES: tuple[EngineRef, ...] = (
    EngineRef("opencc", "hanpipe.builtin.convert.opencc:OpenCCConverter"),
)


@hookimpl
def hanpipe_register_converters(register: Register) -> None:
    for ref in ENGINES:
        register(ref)
