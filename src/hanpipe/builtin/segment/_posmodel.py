"""jieba.posseg's tagging HMM as arrays: built from jieba's files, cached on disk.

The model's states are (position, tag) pairs: position ``B``, ``M``, ``E`` or
``S`` of a word, and the word's part of speech. jieba ships its tables in the
``posseg`` package as pickles (``prob_start.p``, ``prob_trans.p``,
``prob_emit.p``, ``char_state_tab.p``; the ``.py`` files beside them hold the
same values). They are read here with an unpickler that accepts plain data
only (dicts, tuples, str, float) and laid out for ``_posseg``:

* states are numbered in the order of their ``(position, tag)`` tuples, so
  that jieba's ``max`` over ``(probability, state)`` pairs, which breaks ties
  by the larger tuple, is a comparison of state numbers;
* ``trans`` is a dense ``S x S`` matrix with ``-inf`` where jieba has no
  entry (its ``trans_p[y0].get(y, MIN_INF)``); ``live`` marks the states with
  any transition out, ``succ_ptr``/``succ`` list each state's successors;
* the character tables are indexed by ``code point - 0x4E00`` over the Han
  range jieba.posseg tags (U+4E00..U+9FD5): ``cs_ptr``/``cs`` are each
  character's candidate states (none: the character is not in the table, and
  jieba tries every state), ``em_ptr``/``em_state``/``em_val`` its emission
  log-probabilities (jieba's default for a missing one is ``MIN_FLOAT``).
"""

from __future__ import annotations

import io
import json
import pickle
import threading
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from ..._cache import cache_key, cached
from ...errors import DictionaryError
from ._dict import jieba_dir

__all__ = ["POSITIONS", "PosModel", "pos_model"]

FORMAT = 1
POSITIONS = "BMES"
HAN_FIRST = 0x4E00
HAN_LAST = 0x9FD5
WIDTH = HAN_LAST - HAN_FIRST + 1
MIN_FLOAT = -3.14e100
FILES = ("prob_start.p", "prob_trans.p", "prob_emit.p", "char_state_tab.p")
ARRAYS = ("st_pos", "st_tag", "start", "trans", "live", "succ_ptr", "succ", "cs_ptr", "cs", "em_ptr", "em_state",
          "em_val")  # fmt: skip


class PosModel:
    """The tagging HMM's arrays (see the module's docstring) and ``tags``, the names of ``st_tag``'s codes."""

    def __init__(self, arrays: dict[str, np.ndarray], tags: list[str]) -> None:
        self.arrays = arrays
        self.tags = list(tags)
        for name in ARRAYS:
            setattr(self, name, arrays[name])
        self.st_pos: np.ndarray
        self.st_tag: np.ndarray
        self.start: np.ndarray
        self.trans: np.ndarray
        self.live: np.ndarray
        self.succ_ptr: np.ndarray
        self.succ: np.ndarray
        self.cs_ptr: np.ndarray
        self.cs: np.ndarray
        self.em_ptr: np.ndarray
        self.em_state: np.ndarray
        self.em_val: np.ndarray

    @property
    def n_states(self) -> int:
        return int(self.start.shape[0])

    def write(self, fh: BinaryIO) -> None:
        meta = json.dumps({"format": FORMAT, "tags": self.tags})
        np.savez(fh, meta=np.frombuffer(meta.encode(), dtype=np.uint8), **self.arrays)  # type: ignore[arg-type]

    @classmethod
    def load(cls, path: Path) -> PosModel:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(data["meta"].tobytes().decode())
            if meta.get("format") != FORMAT:
                raise DictionaryError(f"cached tagging model {path} has format {meta.get('format')}, expected {FORMAT}")
            arrays = {k: np.ascontiguousarray(data[k]) for k in ARRAYS}
        return cls(arrays, meta["tags"])


class _DataOnly(pickle.Unpickler):
    """An unpickler for tables of plain values: it refuses every class and function."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"a table may hold plain data only, found {module}.{name}")


def read_table(path: Path) -> Any:
    try:
        return _DataOnly(io.BytesIO(path.read_bytes())).load()
    except (OSError, pickle.UnpicklingError, EOFError, ValueError) as exc:
        raise DictionaryError(f"cannot read jieba's tagging table {path}: {exc}", path=str(path)) from exc


def build(start_p: dict, trans_p: dict, emit_p: dict, char_states: dict) -> PosModel:
    """The arrays of jieba.posseg's four tables (as the dicts jieba loads)."""
    states = sorted(trans_p)
    if not states or set(start_p) != set(states) or not set(emit_p) <= set(states):
        raise DictionaryError("jieba's tagging tables do not name the same states")
    index = {y: i for i, y in enumerate(states)}
    n = len(states)
    tags = sorted({tag for _, tag in states})
    tag_code = {t: i for i, t in enumerate(tags)}
    st_pos = np.array([POSITIONS.index(p) for p, _ in states], dtype=np.int8)
    st_tag = np.array([tag_code[t] for _, t in states], dtype=np.int16)
    start = np.array([float(start_p[y]) for y in states], dtype=np.float64)
    trans = np.full((n, n), -np.inf, dtype=np.float64)
    succ_ptr = np.zeros(n + 1, dtype=np.int32)
    succ: list[int] = []
    for i, y0 in enumerate(states):
        for y, p in trans_p[y0].items():
            trans[i, index[y]] = float(p)
        succ.extend(sorted(index[y] for y in trans_p[y0]))
        succ_ptr[i + 1] = len(succ)
    live = (succ_ptr[1:] > succ_ptr[:-1]).astype(np.uint8)
    cs_ptr = np.zeros(WIDTH + 1, dtype=np.int32)
    cs: list[int] = []
    em_ptr = np.zeros(WIDTH + 1, dtype=np.int32)
    em_state: list[int] = []
    em_val: list[float] = []
    by_char: dict[str, list[tuple[int, float]]] = {}
    for y, row in emit_p.items():
        for ch, p in row.items():
            by_char.setdefault(ch, []).append((index[y], float(p)))
    for k in range(WIDTH):
        ch = chr(HAN_FIRST + k)
        cs.extend(index[y] for y in char_states.get(ch, ()))
        cs_ptr[k + 1] = len(cs)
        for y, p in sorted(by_char.get(ch, ())):
            em_state.append(y)
            em_val.append(p)
        em_ptr[k + 1] = len(em_state)
    arrays: dict[str, np.ndarray] = {
        "st_pos": st_pos,
        "st_tag": st_tag,
        "start": start,
        "trans": trans,
        "live": live,
        "succ_ptr": succ_ptr,
        "succ": np.array(succ, dtype=np.int16),
        "cs_ptr": cs_ptr,
        "cs": np.array(cs, dtype=np.int16),
        "em_ptr": em_ptr,
        "em_state": np.array(em_state, dtype=np.int16),
        "em_val": np.array(em_val, dtype=np.float64),
    }
    return PosModel(arrays, tags)


def _build_from(root: Path) -> PosModel:
    tables = [read_table(root / "posseg" / name) for name in FILES]
    if not all(isinstance(t, dict) for t in tables):
        raise DictionaryError(f"jieba's tagging tables in {root / 'posseg'} are not dicts")
    return build(*tables)


_LOCK = threading.Lock()
_LOADED: dict[str, PosModel] = {}
#: the model once loaded: later calls return it without finding jieba and reading its files' stats again
#: (that cost about 0.2 ms a call, more than tagging a sentence)
_READY: list[PosModel] = []


def pos_model() -> PosModel:
    """jieba.posseg's tagging HMM, from the installed jieba package (cached on disk, shared: do not change)."""
    if _READY:
        return _READY[0]
    root = jieba_dir()
    sources = [root / "posseg" / name for name in FILES]
    for path in sources:
        if not path.is_file():
            raise DictionaryError(f"jieba's tagging table {path} is missing; reinstall jieba", path=str(path))
    with _LOCK:
        key = cache_key(FORMAT, *sources)
        if key not in _LOADED:
            _LOADED[key] = cached(
                "segment", "posseg", key, build=lambda: _build_from(root), load=PosModel.load, save=PosModel.write
            )
        if not _READY:
            _READY.append(_LOADED[key])
        return _LOADED[key]
