"""The ``opencc`` converter: OpenCC's exact conversions, compiled.

It reads the official OpenCC wheel's dictionaries and configurations (see
:mod:`hanpipe.builtin.convert._data`) and runs them with a numba kernel that matches
OpenCC's output for every configuration the wheel ships: to Simplified
(``t2s``, ``tw2s``, ``tw2sp``, ``hk2s``, ``hk2sp``), to Traditional (``s2t``,
``s2tw``, ``s2twp``, ``s2hk``, ``s2hkp``), between Traditional standards
(``t2tw``, ``t2hk``, ``tw2t``, ``hk2t``) and Japanese kanji (``t2jp``,
``jp2t``). It keeps the alignment to the text it was given, and takes overrides::

    Pipeline(convert_variant="tw2sp", convert_overrides={"著作": "著作"})
    Pipeline(convert={"engine": "opencc", "overrides_file": "my_phrases.txt"})

An override wins wherever its phrase occurs (leftmost, then longest, among
the overrides); the text between overrides is converted as usual.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from typing import ClassVar

import numpy as np

from ..._text import (
    API_FROM,
    Scratch,
    code_points,
    code_points_into,
    decode_utf32,
    encode_utf32_le,
    from_code_points,
    scratch,
)
from ...batch import Batch
from ...document import Document
from ...errors import ConfigError, DictionaryError, InputError, PluginError
from ._data import VARIANTS, Program, Trie, build_trie, growth_bound, keeps_length, load_program, parse_text_dict
from ._kernels import (
    AT,
    CHANGES,
    HAN,
    LENGTH,
    OK,
    ONE_BYTES_PER_ITEM,
    ONE_SLACK,
    OVERFLOW,
    POSITIONS_AT,
    RESULT_COLUMNS,
    SAME_LENGTHS,
    SIMPLIFIED,
    TRADITIONAL,
    convert_kernel,
    convert_one,
    pack_program,
)
from ._script import describe

__all__ = ["OpenCCConverter", "Runner"]

_EMPTY_TRIE = build_trie([[]])

#: what one text gives: (converted, alignment or None, changes)
Result = tuple[str, "np.ndarray | None", int]
#: its characters by script: (traditional-only, simplified-only, han), see ._script
Counts = tuple[int, int, int]
#: the kernel's arrays: out, out_pos (the output), buf, pos, bounds, frozen, seg_value (one document's
#: work space), results
Arrays = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]


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


class _Work:
    """One thread's arrays for :func:`convert_kernel` (batches, and texts of ``API_FROM`` characters or more).

    A kernel call takes two output arrays, five work arrays and a results
    table; on a short text, fetching them one by one
    (:class:`hanpipe._text.Scratch`) costs more than the conversion, so they
    are kept together and handed over as they are: the kernel uses the part
    it needs. Arrays larger than ``Scratch.KEEP`` items are not kept.
    """

    #: the fewest items a kept array has: a text of a few hundred characters never allocates
    LEAST = 1 << 12

    def __init__(self) -> None:
        self.output = self.space = self.rows = 0  # what the kept arrays hold
        self.kept: Arrays | None = None
        #: the starts of a batch of one text; the wrapper sets the second
        self.one = np.zeros(2, dtype=np.int64)

    def arrays(self, output: int, space: int, rows: int) -> Arrays:
        """The kernel's arrays: output arrays of ``output`` items, work arrays of ``space``, ``rows`` result rows."""
        if self.kept is not None and output <= self.output and space <= self.space and rows <= self.rows:
            return self.kept
        output = max(output, self.LEAST, min(2 * self.output, Scratch.KEEP))
        space = max(space, self.LEAST, min(2 * self.space, Scratch.KEEP))
        rows = max(rows, 2 * self.rows, 16)
        arrays = (
            np.empty(output, dtype=np.uint32),
            np.empty(output, dtype=np.int32),
            np.empty(space, dtype=np.uint32),
            np.empty(space, dtype=np.int32),
            np.empty(space, dtype=np.int32),
            np.empty(space, dtype=np.bool_),
            np.empty(space, dtype=np.int32),
            np.empty((rows, RESULT_COLUMNS), dtype=np.int64),
        )
        if output <= Scratch.KEEP and space <= Scratch.KEEP:
            self.kept = arrays
            self.output, self.space, self.rows = output, space, rows
        return arrays


_LOCAL = threading.local()


def _work() -> _Work:
    work: _Work | None = getattr(_LOCAL, "work", None)
    if work is None:
        work = _LOCAL.work = _Work()
    return work


class _One:
    """One thread's work space for :func:`convert_one`: one uint8 array, grown on demand, and a memoryview of it."""

    #: the fewest bytes the array has
    LEAST = 1 << 16
    #: arrays above this many bytes are not kept
    KEEP = 4 * Scratch.KEEP

    def __init__(self) -> None:
        self.work = np.empty(self.LEAST, dtype=np.uint8)
        self.view = self.work.data
        self.size = self.LEAST

    def grow(self, need: int) -> tuple[np.ndarray, memoryview]:
        """A work array of at least ``need`` bytes and its view, kept for the next text if not too large."""
        work = np.empty(max(need, 2 * self.work.shape[0]), dtype=np.uint8)
        view = work.data
        if work.shape[0] <= self.KEEP:
            self.work, self.view, self.size = work, view, work.shape[0]
        return work, view


def _one() -> _One:
    one: _One | None = getattr(_LOCAL, "one", None)
    if one is None:
        one = _LOCAL.one = _One()
    return one


def _writable_code_points(text: str) -> np.ndarray:
    """The code points of ``text`` in an array the kernel may take (writable, like its buffers)."""
    if len(text) < API_FROM:
        return code_points(text).copy()
    return code_points_into(text, scratch("convert.opencc").get("cps", len(text), np.uint32))


class Runner:
    """A compiled program with its overrides: texts in, converted texts and alignments out."""

    def __init__(self, program: Program, overrides: Mapping[str, str] | None = None) -> None:
        table = dict(overrides or {})
        self.program = program
        self.overrides = table
        self._otrie: Trie = build_trie([[(0, table)]]) if table else _EMPTY_TRIE
        levels = [int(level) for level in (*program.normalization, *program.chain)]
        growth = int(np.prod([int(program.growth[level]) for level in levels], dtype=np.int64))
        if table:
            growth *= growth_bound(table)
        #: how many characters one input character can become, at most
        self.growth = growth
        # convert_one's work space for n characters: n * _one_per_char + _one_fixed bytes
        self._one_per_char = 4 + ONE_BYTES_PER_ITEM * growth
        self._one_fixed = ONE_SLACK + ONE_BYTES_PER_ITEM * (growth + 2)
        self._program = pack_program(
            program.trie.arrays(),
            self._otrie.arrays(),
            program.normalization,
            program.segmentation,
            program.chain,
            program.keeps_length,
            program.seg_redundant,
            bool(table),
            keeps_length(table),
        )

    def _convert(
        self, work: _Work, cps: np.ndarray, starts: np.ndarray, total: int, longest: int
    ) -> tuple[np.ndarray, int, Arrays]:
        """Run the kernel over ``cps`` cut at ``starts`` (``total``: ``starts[-1]``; ``longest``: the longest document).

        Returns its results table, how many characters it wrote to ``out``, and its arrays.
        """
        n_docs = starts.shape[0] - 1
        growth = self.growth
        arrays = work.arrays(growth * total + n_docs + 1, growth * longest + 2, n_docs)
        status, doc, written = convert_kernel(cps, starts, self._program, *arrays)
        if status != OK:
            raise self._failed(status, int(starts[doc + 1] - starts[doc] - 1) if 0 <= doc < n_docs else cps.shape[0])
        return arrays[7], written, arrays

    @staticmethod
    def _failed(status: int, n: int) -> PluginError:
        what = _STATUS.get(status, "an unknown status")
        return _internal(f"the conversion kernel returned status {status} ({what}) for a text of {n} characters")

    @staticmethod
    def _untracked(text: str) -> PluginError:
        return _internal(f"a replacement changed the length of a text of {len(text)} characters, which was not tracked")

    @staticmethod
    def _alignment(text: str, row: list[int], out_pos: np.ndarray) -> np.ndarray:
        """The alignment of a converted text whose length changed, from its row of the kernel's results."""
        at, length = row[POSITIONS_AT], row[LENGTH]
        if at < 0:
            raise Runner._untracked(text)
        alignment = np.empty((2, length + 1), dtype=np.int32)  # a copy: the arrays are reused
        alignment[0] = alignment[1] = out_pos[at : at + length + 1]
        return alignment

    def converted(self, text: str) -> str:
        """The converted string alone: :meth:`run`'s first item, without the alignment."""
        n = len(text) if type(text) is str else 0
        if 0 < n < API_FROM:  # self._one(text), written out: a call costs a short text a tenth of its time
            one = getattr(_LOCAL, "one", None) or _one()
            need = n * self._one_per_char + self._one_fixed
            work, view = (one.work, one.view) if need <= one.size else one.grow(need)
            found = convert_one(encode_utf32_le(text, "surrogatepass")[0], self._program, work)
            if found[0] != OK:
                raise self._failed(found[0], n)
            return decode_utf32(view[: 4 * found[1]], "surrogatepass")[0] if found[2] else text
        if not isinstance(text, str):
            raise InputError(f"the converter takes str, got {type(text).__name__}")
        if not text:
            return text
        if len(text) < API_FROM:  # a subclass of str
            return self.run(text)[0]
        row, arrays = self._long(text)
        return text if row[AT] < 0 else from_code_points(arrays[0][: row[LENGTH]])

    def _one(self, text: str) -> tuple[tuple[int, int, int, bool, int, int, int, int], memoryview]:
        """:func:`convert_one`'s result for ``text`` (``0 < len(text) < API_FROM``), and the view of its work."""
        n = len(text)
        one = _one()
        need = n * self._one_per_char + self._one_fixed
        work, view = (one.work, one.view) if need <= one.size else one.grow(need)
        found = convert_one(encode_utf32_le(text, "surrogatepass")[0], self._program, work)
        if found[0] != OK:
            raise self._failed(found[0], n)
        return found, view

    def run(self, text: str) -> Result:
        """``(converted, alignment or None, changes)`` for one string.

        The alignment has shape ``(2, len(converted) + 1)`` and maps into
        ``text``; it is ``None`` when every replacement kept its length.
        ``converted is text`` when nothing changed.
        """
        return self.run_counted(text)[0]

    def run_counted(self, text: str) -> tuple[Result, Counts]:
        """:meth:`run` and the counts of ``text``'s characters by script, from the same kernel call.

        A text shorter than ``API_FROM`` characters goes through
        :func:`convert_one` (one kernel call with three arguments), a longer
        one through :func:`convert_kernel` as a batch of one.
        """
        if not isinstance(text, str):
            raise InputError(f"the converter takes str, got {type(text).__name__}")
        n = len(text)
        if not n:
            return (text, None, 0), (0, 0, 0)
        if n < API_FROM:
            found, view = self._one(text)
            _, length, changes, same_lengths, positions_at, simplified, traditional, han = found
            counts = (traditional, simplified, han)
            if not changes:
                return (text, None, 0), counts
            alignment = None
            if not same_lengths:
                if positions_at < 0:
                    raise self._untracked(text)
                alignment = np.empty((2, length + 1), dtype=np.int32)
                alignment[0] = alignment[1] = np.frombuffer(view, np.int32, length + 1, positions_at)
            return (decode_utf32(view[: 4 * length], "surrogatepass")[0], alignment, changes), counts
        row, arrays = self._long(text)
        counts = (row[TRADITIONAL], row[SIMPLIFIED], row[HAN])
        if row[AT] < 0:
            return (text, None, 0), counts
        alignment = None if row[SAME_LENGTHS] else self._alignment(text, row, arrays[1])
        return (from_code_points(arrays[0][: row[LENGTH]]), alignment, row[CHANGES]), counts

    def _long(self, text: str) -> tuple[list[int], Arrays]:
        """:func:`convert_kernel`'s row for ``text`` (not empty) as a batch of one, and its arrays."""
        n = len(text)
        work = _work()
        starts = work.one
        starts[1] = n + 1
        results, _, arrays = self._convert(work, _writable_code_points(text), starts, n + 1, n)
        return results[0].tolist(), arrays

    def run_batch(self, batch: Batch) -> list[tuple[Result, Counts]]:
        """:meth:`run_counted` of each document's text, in one kernel call over the batch.

        Each document is converted as a text of its own (the kernel never
        reads the position between two documents), so this holds for any
        batch, whatever its texts or the overrides contain.
        """
        n_docs = len(batch)
        if n_docs == 0:
            return []
        text, starts = batch.text, batch.starts
        cps = code_points_into(text, scratch("convert.opencc").get("cps", len(text), np.uint32))
        longest = int(np.diff(starts).max()) - 1
        results, written, arrays = self._convert(_work(), cps, starts, len(text) + 1, longest)
        rows = results[:n_docs].tolist()
        converted = from_code_points(arrays[0][:written])  # every converted text, one after the other
        out_pos = arrays[1]
        found: list[tuple[Result, Counts]] = []
        for doc, row in zip(batch, rows):
            at = row[AT]
            counts = (row[TRADITIONAL], row[SIMPLIFIED], row[HAN])
            if at < 0:
                found.append(((doc.text, None, 0), counts))
            else:
                alignment = None if row[SAME_LENGTHS] else self._alignment(doc.text, row, out_pos)
                found.append(((converted[at : at + row[LENGTH]], alignment, row[CHANGES]), counts))
        return found


class OpenCCConverter:
    """OpenCC's conversions (``variant``: any of ``_data.VARIANTS``) with its dictionaries and semantics."""

    name: ClassVar[str] = "opencc"

    def __init__(
        self,
        variant: str = "t2s",
        overrides: Mapping[str, str] | None = None,
        overrides_file: str | os.PathLike[str] | None = None,
        script: bool = True,
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
        #: whether :meth:`convert` writes ``meta["script"]`` (the kernel counts either way)
        self.script = bool(script)
        self._runner = Runner(self.program, table)

    # -- the work ----------------------------------------------------------

    def convert_text(self, text: str) -> tuple[str, np.ndarray | None, int]:
        """``(converted, alignment or None, changes)`` for one string.

        The alignment has shape ``(2, len(converted) + 1)`` and maps into
        ``text``; it is ``None`` when every replacement kept its length.
        ``converted is text`` when nothing changed.
        """
        return self._runner.run_counted(text)[0]  # what run does, one call fewer

    def script_of(self, text: str) -> Mapping[str, object]:
        """What ``doc.meta["script"]`` says of ``text`` (:func:`hanpipe.builtin.convert._script.describe`)."""
        return describe(*self._runner.run_counted(text)[1])

    def convert(self, doc: Document) -> Document:
        """Convert ``doc.text``; entities found later still map to the source as it was.

        ``meta["variant"]`` names the variant, and ``meta["script"]`` says
        whether the text was Traditional, Simplified, mixed or neither
        (:mod:`hanpipe.builtin.convert._script`), counted in the same pass;
        ``script=False`` leaves it out (it costs short documents a few
        tenths of a microsecond each).
        """
        return self._finish(doc, *self._runner.run_counted(doc.text))

    def convert_batch(self, batch: Batch) -> list[Document]:
        """:meth:`convert` of each document of ``batch``, with one kernel call for the whole batch."""
        return [self._finish(doc, *found) for doc, found in zip(batch, self._runner.run_batch(batch))]

    def _finish(self, doc: Document, result: Result, counts: Counts) -> Document:
        text, alignment, changes = result
        if not self.script:
            if changes == 0:
                return doc if doc.meta.get("variant") == self.variant else doc.with_meta(variant=self.variant)
            step = f"convert:{self.name}"
            return doc.rewrite(text, alignment, step=step, count=changes, meta={"variant": self.variant})
        script = describe(*counts)
        if changes == 0:
            meta = doc.meta
            if meta.get("script") is script and meta.get("variant") == self.variant:
                return doc
            return doc.with_meta(variant=self.variant, script=script)
        meta = {"variant": self.variant, "script": script}
        return doc.rewrite(text, alignment, step=f"convert:{self.name}", count=changes, meta=meta)

    def __call__(self, text: str) -> str:
        """Convert one string."""
        return self._runner.converted(text)

    def __repr__(self) -> str:
        extra = f", overrides={len(self.overrides)}" if self.overrides else ""
        return f"{type(self).__name__}(variant={self.variant!r}{extra})"
