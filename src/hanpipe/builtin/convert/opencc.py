"""The ``opencc`` converter: OpenCC's exact Traditional→Simplified, compiled.

It reads the official OpenCC wheel's dictionaries and configurations (see
:mod:`hanpipe.builtin.convert._data`) and runs them with a numba kernel that matches
OpenCC's output for the variants ``t2s``, ``tw2s``, ``tw2sp`` and ``hk2s``,
keeps the alignment to the Traditional text, and takes overrides::

    Pipeline(convert_variant="tw2sp", convert_overrides={"著作": "著作"})
    Pipeline(convert={"engine": "opencc", "overrides_file": "my_phrases.txt"})

An override wins wherever its phrase occurs (leftmost, then longest, among
the overrides); the text between overrides is converted as usual.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import ClassVar

import numpy as np

from ..._text import code_points_into, from_code_points, scratch
from ...document import Document
from ...errors import ConfigError, DictionaryError, InputError, PluginError
from ._data import VARIANTS, Program, Trie, build_trie, growth_bound, keeps_length, load_program, parse_text_dict
from ._kernels import OK, OVERFLOW, convert_kernel, start_levels

__all__ = ["OpenCCConverter", "Runner"]

_EMPTY_TRIE = build_trie([[]])


def _read_overrides_file(path: str | os.PathLike[str]) -> dict[str, str]:
    name = os.fspath(path)
    try:
        with open(name, encoding="utf-8") as fh:
            return parse_text_dict(fh, path=name)
    except UnicodeDecodeError as exc:
        raise DictionaryError(f"{name}: the override file is not UTF-8 ({exc})", path=name) from exc
    except OSError as exc:
        raise DictionaryError(f"cannot read override file {name}: {exc}", path=name) from exc


_STATUS = {OVERFLOW: "an output buffer was too small"}


def _internal(what: str) -> PluginError:
    """The error for a result the converter cannot give on any input: a bug in hanpipe, not in the text."""
    return PluginError(
        f"convert engine {OpenCCConverter.name!r} from hanpipe failed: {what}; "
        "this is a bug in hanpipe, please report it with the text",
        stage="convert",
        engine=OpenCCConverter.name,
        distribution="hanpipe",
    )


class Runner:
    """A compiled program with its overrides: text in, converted text and alignment out."""

    def __init__(self, program: Program, overrides: Mapping[str, str] | None = None) -> None:
        table = dict(overrides or {})
        self.program = program
        self.overrides = table
        self._otrie: Trie = build_trie([[(0, table)]]) if table else _EMPTY_TRIE
        self._ogrowth = growth_bound(table) if table else 1
        self._okeeps = keeps_length(table)
        self._trie = program.trie.arrays()
        self._oarrays = self._otrie.arrays()
        self._norm_bits = [(int(level), 1 << int(level)) for level in program.normalization]
        self._chain_bits = [(int(level), 1 << int(level)) for level in program.chain]

    def run(self, text: str) -> tuple[str, np.ndarray | None, int]:
        """``(converted, alignment or None, changes)`` for one string.

        The alignment has shape ``(2, len(converted) + 1)`` and maps into
        ``text``; it is ``None`` when every replacement kept its length.
        ``converted is text`` when nothing changed.
        """
        if not isinstance(text, str):
            raise InputError(f"the converter takes str, got {type(text).__name__}")
        if not text:
            return text, None, 0
        work = scratch("convert.opencc")
        cps = code_points_into(text, work.get("cps", len(text), np.uint32))
        program = self.program
        trie = program.trie
        mask = int(start_levels(cps, trie.root_slot, trie.slot_mask))
        use_overrides = bool(self.overrides) and (
            # normalization may make the start of an override, so then look for them anyway
            any(mask & bit for _, bit in self._norm_bits)
            or int(start_levels(cps, self._otrie.root_slot, self._otrie.slot_mask)) != 0
        )
        growth = self._ogrowth if use_overrides else 1
        track = use_overrides and not self._okeeps
        active = False
        norm: list[int] = []
        for level, bit in self._norm_bits:
            if active or mask & bit:
                norm.append(level)
                growth *= int(program.growth[level])
                track = track or not program.keeps_length[level]
                active = True
        chain: list[int] = []
        lone: list[int] = []
        for index, (level, bit) in enumerate(self._chain_bits):
            if active or mask & bit:
                chain.append(level)
                lone.append(index)
                growth *= int(program.growth[level])
                track = track or not program.keeps_length[level]
                active = True
        if not chain and not norm and not use_overrides:
            return text, None, 0
        seg_level = program.segmentation
        if not chain or (len(chain) == 1 and bool(program.seg_redundant[lone[0]])):
            seg_level = -1
        cutting = seg_level >= 0 or use_overrides
        n = cps.shape[0]
        cap = n * growth
        status, final, length, changes, same_lengths = convert_kernel(
            cps,
            self._trie,
            np.array(norm, dtype=np.int32),
            np.int64(seg_level),
            np.array(chain, dtype=np.int32),
            self._oarrays,
            use_overrides,
            bool(track),
            buf_a := work.get("a", cap, np.uint32),
            pos_a := work.get("pos_a", cap + 1 if track else 1, np.int32),
            buf_b := work.get("b", cap, np.uint32),
            pos_b := work.get("pos_b", cap + 1 if track else 1, np.int32),
            work.get("bounds", cap + 2 if cutting else 2, np.int32),
            work.get("frozen", cap + 1 if cutting else 1, np.bool_),
            work.get("seg_value", cap + 1 if cutting else 1, np.int32),
        )
        if status != OK:
            what = _STATUS.get(status, "an unknown status")
            raise _internal(f"the conversion kernel returned status {status} ({what}) for a text of {n} characters")
        if changes == 0:
            return text, None, 0
        converted = from_code_points((buf_a if final == 0 else buf_b)[:length])
        if same_lengths:
            return converted, None, int(changes)
        if not track:
            raise _internal(f"a replacement changed the length of a text of {n} characters, which was not tracked")
        pos = (pos_a if final == 0 else pos_b)[: length + 1]
        return converted, np.stack([pos, pos]), int(changes)  # a copy: the buffers are reused


class OpenCCConverter:
    """Traditional to Simplified with OpenCC's dictionaries and semantics."""

    name: ClassVar[str] = "opencc"

    def __init__(
        self,
        variant: str = "t2s",
        overrides: Mapping[str, str] | None = None,
        overrides_file: str | os.PathLike[str] | None = None,
    ) -> None:
        if variant not in VARIANTS:
            raise ConfigError(f"unknown conversion variant {variant!r}; variants: {', '.join(VARIANTS)}")
        self.variant = variant
        self.program: Program = load_program(variant)
        table: dict[str, str] = {}
        if overrides_file is not None:
            table.update(_read_overrides_file(overrides_file))
        if overrides is not None:
            if not isinstance(overrides, Mapping):
                raise ConfigError(f"overrides must map phrases to replacements, got {type(overrides).__name__}")
            for key, value in overrides.items():
                if not isinstance(key, str) or not isinstance(value, str) or not key or not value:
                    raise ConfigError(
                        f"overrides must map non-empty strings to non-empty strings, got {key!r}: {value!r}; "
                        "removing text is a clean-up pass's job"
                    )
                table[key] = value
        self.overrides = table
        self._runner = Runner(self.program, table)

    # -- the work ----------------------------------------------------------

    def convert_text(self, text: str) -> tuple[str, np.ndarray | None, int]:
        """``(converted, alignment or None, changes)`` for one string.

        The alignment has shape ``(2, len(converted) + 1)`` and maps into
        ``text``; it is ``None`` when every replacement kept its length.
        ``converted is text`` when nothing changed.
        """
        return self._runner.run(text)

    def convert(self, doc: Document) -> Document:
        """Convert ``doc.text``; entities found later still map to the Traditional source."""
        text, alignment, changes = self.convert_text(doc.text)
        if changes == 0:
            return doc if doc.meta.get("variant") == self.variant else doc.with_meta(variant=self.variant)
        out = doc.rewrite(text, alignment, step=f"convert:{self.name}", count=changes)
        return out.with_meta(variant=self.variant)

    def __call__(self, text: str) -> str:
        """Convert one string."""
        return self.convert_text(text)[0]

    def __repr__(self) -> str:
        extra = f", overrides={len(self.overrides)}" if self.overrides else ""
        return f"{type(self).__name__}(variant={self.variant!r}{extra})"
