"""jieba's dictionary and HMM as arrays: built once from jieba's files, cached on disk.

:class:`Dictionary` holds what ``jieba.Tokenizer`` keeps in ``FREQ`` and
``total`` (every word and every prefix of a word, prefixes with frequency 0)
as a double-array trie (see ``_kernels``), plus the ``finalseg`` HMM tables.

The data come from the installed jieba package, read as files (``dict.txt``
and ``finalseg/prob_*.py``), with each word's part-of-speech tag (the third
field of ``dict.txt``) as a code per slot; the compiled arrays are kept in the on-disk
cache (:func:`hanpipe._cache.cached`, stage ``segment``, keyed by those
files), so a new process loads them instead of parsing 350 000 lines.
"""

from __future__ import annotations

import ast
import collections
import importlib.util
import io
import json
import math
import os
import threading
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from ..._cache import cache_key, cached
from ..._text import code_points
from ...errors import ConfigError, DictionaryError
from . import _kernels as K

__all__ = ["Dictionary", "default_dictionary", "jieba_dir"]

FORMAT = 5
ROOT_RESERVE = 1024  # slots kept beside the root for first characters added later
MAX_FREQ = 1 << 62
BUILD_WINDOW = 1 << 16  # how far back the trie builder looks for holes
HMM_STATES = "BMES"
EMIT_WIDTH = K.HAN_LAST - K.HAN_FIRST + 1
SLOT_ARRAYS = ("base", "check", "child", "sibling", "logf", "flags", "freq", "tag")
SLOT_FILL = {
    "base": K.NO_CHILDREN,
    "check": K.FREE,
    "child": -1,
    "sibling": -1,
    "logf": 0.0,
    "flags": 0,
    "freq": 0,
    "tag": 0,
}
SLOT_DTYPES = {
    "base": np.int32,
    "check": np.int32,
    "child": np.int32,
    "sibling": np.int32,
    "logf": np.float64,
    "flags": np.uint8,
    "freq": np.int64,
    "tag": np.int16,
}
#: the first tag codes: ``x`` (also every word without a tag), and what jieba.posseg gives ASCII runs
BASE_TAGS = ("x", "eng", "m")


def jieba_dir() -> Path:
    """The installed jieba package's directory, found without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("the 'jieba' segmenter reads jieba's dictionary; install it: pip install jieba")
    return Path(next(iter(spec.submodule_search_locations)))


def _source_files(root: Path) -> list[Path]:
    return [root / "dict.txt"] + [root / "finalseg" / f"prob_{p}.py" for p in ("start", "trans", "emit")]


_TAG_LOCK = threading.Lock()
EDIT_ARRAYS = ("child", "sibling", "logf", "freq")  # read from the cache only when words change
#: ``cut_joined``'s arrays of the dictionary: charmap, bc, wscore, flags, model, emit
JoinedArgs = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]
SEG_ARRAYS = ("bc", "wscore", "flags", "charmap", "state", "start_p", "trans", "emit")


class Dictionary:
    """jieba's ``FREQ``/``total`` as a double-array trie, and the HMM tables.

    Segmentation reads ``bc`` ((base, check) rows), ``wscore`` (jieba's
    ``log(freq) - logtotal`` per slot, NaN where the prefix is no word) and
    ``flags``. Changing words also needs ``base``/``check`` as separate
    arrays, the child chains, ``logf`` and ``freq``: a dictionary loaded from
    the cache reads those only when first needed. Not shared between
    engines once changed: :meth:`copy` first.
    """

    def __init__(
        self,
        arrays: dict[str, np.ndarray],
        total: int,
        n_codes: int,
        source: Path | None = None,
        tag_names: list[str] | None = None,
    ) -> None:
        self.flags: np.ndarray = arrays["flags"]
        self.charmap: np.ndarray = arrays["charmap"]
        self.state: np.ndarray = arrays["state"]
        self.start_p: np.ndarray = arrays["start_p"]
        self.trans: np.ndarray = arrays["trans"]
        self.emit: np.ndarray = arrays["emit"]
        self.base: np.ndarray | None = arrays.get("base")
        self.check: np.ndarray | None = arrays.get("check")
        self.child: np.ndarray | None = arrays.get("child")
        self.sibling: np.ndarray | None = arrays.get("sibling")
        self.logf: np.ndarray | None = arrays.get("logf")
        self.freq: np.ndarray | None = arrays.get("freq")
        self.tag: np.ndarray | None = arrays.get("tag")
        #: tag code -> name; codes only ever get appended
        self.tag_names: list[str] = list(tag_names or BASE_TAGS)
        self._tag_codes = {name: i for i, name in enumerate(self.tag_names)}
        self.total = int(total)
        self.n_codes = int(n_codes)
        self.logtotal = math.log(self.total) if self.total > 0 else 0.0
        self._source = source
        self.bc: np.ndarray
        self.wscore: np.ndarray
        self._args: JoinedArgs | None = None
        if "bc" in arrays and "wscore" in arrays:
            self.bc, self.wscore = arrays["bc"], arrays["wscore"]
            self._stale = False
        else:
            self._stale = True
            self.seg_arrays()

    def seg_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """``bc`` and ``wscore``, remade after words changed.

        numpy subtracts as Python does (IEEE, correctly rounded), so the
        route adds the very numbers jieba adds.
        """
        if self._stale:
            base, check, logf = self._edit("base"), self._edit("check"), self._edit("logf")
            bc = np.empty((base.shape[0], 2), dtype=np.int32)
            bc[:, 0] = base
            bc[:, 1] = check
            self.bc = bc
            self.wscore = np.ascontiguousarray(np.where(self.flags & K.WORD, logf - self.logtotal, np.nan))
            self._stale = False
            self._args = None
        return self.bc, self.wscore

    def joined_args(self) -> JoinedArgs:
        """The dictionary's arrays in ``cut_joined``'s order: ``(charmap, bc, wscore, flags, model,
        emit)``, ``model`` the HMM's start row, its transition rows and ``logtotal``; made again
        after words changed."""
        args = self._args
        if args is None or self._stale:
            bc, wscore = self.seg_arrays()
            model = np.zeros((6, 4), dtype=np.float64)
            model[0] = self.start_p
            model[1:5] = self.trans
            model[5, 0] = self.logtotal
            args = self._args = (self.charmap, bc, wscore, self.flags, model, self.emit)
        return args

    # -- part-of-speech tags ----------------------------------------------

    def tag_code(self, name: str) -> int:
        """The code of tag ``name``, added to :attr:`tag_names` if new (under a lock: engines share dictionaries)."""
        code = self._tag_codes.get(name)
        if code is None:
            with _TAG_LOCK:
                code = self._tag_codes.get(name)
                if code is None:
                    if len(self.tag_names) >= np.iinfo(np.int16).max:
                        raise DictionaryError(f"too many distinct part-of-speech tags (adding {name!r})")
                    code = len(self.tag_names)
                    self.tag_names.append(name)
                    self._tag_codes[name] = code
        return code

    def tag_array(self) -> np.ndarray:
        """The tag code of each slot (0, ``x``, where the word has none); read from the cache on first use."""
        if self.tag is None:
            self.tag = self._load_arrays(("tag",))["tag"]
        return self.tag

    def set_tag(self, word: str, name: str) -> None:
        """Give ``word`` (already in the trie) the tag ``name``, as ``add_word(word, freq, tag)`` does."""
        slot = self.node(word)
        if slot >= 0:
            self.tag_array()[slot] = self.tag_code(name)

    def tag_of(self, word: str) -> str:
        """``word``'s tag as jieba.posseg looks it up: ``x`` where it has none."""
        slot = self.node(word)
        return self.tag_names[int(self.tag_array()[slot])] if slot >= 0 else "x"

    def _load_arrays(self, names: tuple[str, ...]) -> dict[str, np.ndarray]:
        if self._source is None:  # pragma: no cover - built dictionaries have every array
            raise DictionaryError("this dictionary has no editable arrays")
        try:
            with np.load(self._source, allow_pickle=False) as data:
                return {name: np.ascontiguousarray(data[name]) for name in names}
        except (OSError, KeyError, ValueError) as exc:
            raise DictionaryError(
                f"cannot read the cached dictionary {self._source}: {exc}; delete it to have it rebuilt",
                path=str(self._source),
            ) from exc

    def _edit(self, name: str) -> np.ndarray:
        self._ensure_edit()
        value = getattr(self, name)
        assert value is not None
        return value

    def _ensure_edit(self) -> None:
        """Read the arrays that changing words needs (a loaded dictionary has only what segmenting needs)."""
        self.tag_array()  # slots move with their tags
        if self.freq is not None:
            return
        loaded = self._load_arrays(EDIT_ARRAYS)
        self.base = np.ascontiguousarray(self.bc[:, 0])
        self.check = np.ascontiguousarray(self.bc[:, 1])
        for name in ("child", "sibling", "logf"):
            setattr(self, name, loaded[name])
        self.freq = loaded["freq"]

    # -- persistence -------------------------------------------------------

    def arrays(self) -> dict[str, np.ndarray]:
        self.seg_arrays()
        self._ensure_edit()
        names = (*SEG_ARRAYS, *EDIT_ARRAYS)
        return {**{name: getattr(self, name) for name in names}, "tag": self.tag_array()}

    def copy(self) -> Dictionary:
        arrays = {k: v.copy() for k, v in self.arrays().items()}
        arrays["base"] = np.ascontiguousarray(self._edit("base")).copy()
        arrays["check"] = np.ascontiguousarray(self._edit("check")).copy()
        return Dictionary(arrays, self.total, self.n_codes, tag_names=self.tag_names)

    def write(self, fh: BinaryIO) -> None:
        """Write every array and the totals to ``fh`` (an ``.npz`` archive that :meth:`load` reads)."""
        meta = json.dumps(
            {"format": FORMAT, "total": str(self.total), "n_codes": self.n_codes, "tag_names": self.tag_names}
        )
        np.savez(fh, meta=np.frombuffer(meta.encode(), dtype=np.uint8), **self.arrays())  # type: ignore[arg-type]

    @classmethod
    def load(cls, path: Path) -> Dictionary:
        """What segmenting needs from a cache file; the rest is read on the first change."""
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(data["meta"].tobytes().decode())
            if meta.get("format") != FORMAT:
                raise DictionaryError(f"cached dictionary {path} has format {meta.get('format')}, expected {FORMAT}")
            arrays = {k: np.ascontiguousarray(data[k]) for k in SEG_ARRAYS}
        return cls(arrays, int(meta["total"]), int(meta["n_codes"]), source=path, tag_names=meta["tag_names"])

    # -- FREQ --------------------------------------------------------------

    def codes(self, word: str) -> np.ndarray | None:
        """The character codes of ``word``, or ``None`` if a character is in no word."""
        cps = code_points(word)
        if cps.size and int(cps.max()) >= self.charmap.shape[0]:
            return None
        codes = self.charmap[cps] if cps.size else np.zeros(0, dtype=np.int32)
        if codes.size and int(codes.min()) <= 0:
            return None
        return np.ascontiguousarray(codes, dtype=np.int32)

    def node(self, word: str) -> int:
        """The slot of ``word`` (a word or a prefix of one), or -1."""
        codes = self.codes(word)
        if codes is None:
            return -1
        return int(K.dat_lookup(codes, self.seg_arrays()[0]))

    def get(self, word: str, default: int | None = None) -> int | None:
        """``FREQ.get(word, default)``: 0 for a prefix that is no word."""
        if word == "":
            return default
        slot = self.node(word)
        return default if slot < 0 else int(self._edit("freq")[slot])

    def set_word(self, word: str, freq: int) -> None:
        """``FREQ[word] = freq`` and the prefixes, as ``Tokenizer.add_word`` does; no change to ``total``."""
        if word == "":
            return
        self._ensure_edit()
        slot = self._insert(self._codes_growing(word))
        self._edit("freq")[slot] = freq
        self._edit("logf")[slot] = math.log(freq) if freq else 0.0
        flags = int(self.flags[slot])
        self.flags[slot] = flags | K.WORD if freq else (flags & ~K.WORD) | K.FORCE_SPLIT
        self._stale = True

    def add_total(self, freq: int) -> None:
        self.total += freq
        self.logtotal = math.log(self.total) if self.total > 0 else 0.0
        self._stale = True
        self._args = None

    def _codes_growing(self, word: str) -> np.ndarray:
        cps = code_points(word)
        top = int(cps.max())
        if top >= self.charmap.shape[0]:
            grown = np.zeros(top + 1, dtype=np.int32)
            grown[: self.charmap.shape[0]] = self.charmap
            self.charmap = grown
            self._args = None
        for cp in cps.tolist():
            if self.charmap[cp] == 0:
                self.n_codes += 1
                self.charmap[cp] = self.n_codes
        return np.ascontiguousarray(self.charmap[cps], dtype=np.int32)

    def _insert(self, codes: np.ndarray) -> int:
        for _ in range(32):
            kids = np.empty(self.n_codes + 2, dtype=np.int32)
            slot = int(
                K.dat_insert(codes, self._edit("base"), self._edit("check"), self._edit("child"),
                             self._edit("sibling"), self._edit("logf"), self.flags, self._edit("freq"),
                             self.tag_array(), kids, self.state)
            )
            if slot >= 0:
                return slot
            self._grow(self._edit("check").shape[0] // 2 + 2 * (self.n_codes + 2))
        raise DictionaryError("the dictionary trie could not make room for a word")  # pragma: no cover

    def _grow(self, extra: int) -> None:
        self.tag_array()
        for name in SLOT_ARRAYS:
            old = getattr(self, name)
            new = np.full(old.shape[0] + extra, SLOT_FILL[name], dtype=old.dtype)
            new[: old.shape[0]] = old
            setattr(self, name, new)
        self._stale = True
        self._args = None


# -- building from jieba's files ------------------------------------------------


def parse_main_dict(data: bytes, name: str) -> tuple[dict[str, int], int, dict[str, str]]:
    """``Tokenizer.gen_pfdict`` without the prefixes: ``{word: freq}`` and the total; and
    ``{word: tag}`` for the lines of three fields (jieba.posseg's ``word_tag_tab``)."""
    words: dict[str, int] = {}
    tags: dict[str, str] = {}
    total = 0
    for lineno, raw in enumerate(io.BytesIO(data), 1):
        try:
            line = raw.strip().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DictionaryError(f"{name} line {lineno} is not UTF-8: {exc}", path=name, line=lineno) from None
        try:
            fields = line.split(" ")
            word, freq_text = fields[:2]
            freq = int(freq_text)
        except ValueError:
            raise DictionaryError(
                f"invalid dictionary entry in {name} at line {lineno}: {line!r}; expected 'word freq [tag]'",
                path=name,
                line=lineno,
            ) from None
        if not 0 <= freq < MAX_FREQ:
            raise DictionaryError(
                f"frequency {freq} in {name} at line {lineno} is out of range (0 to 2**62)", path=name, line=lineno
            )
        words[word] = freq
        total += freq
        if len(fields) == 3:
            tags[word] = fields[2]
    return words, total, tags


def build(
    words: dict[str, int], total: int, hmm: dict[str, np.ndarray], tags: dict[str, str] | None = None
) -> Dictionary:
    """Lay out ``words`` (and all their prefixes) as a double-array trie; ``tags``: a tag by word."""
    # codes by how often a character labels an edge: frequent ones get small
    # codes, so a node's children lie close together
    ids: dict[str, int] = {"": 0}
    parents: list[int] = []
    labels: list[str] = []
    for word in words:
        for i in range(1, len(word) + 1):
            prefix = word[:i]
            if prefix not in ids:
                ids[prefix] = len(ids)
                parents.append(ids[word[: i - 1]])
                labels.append(word[i - 1])
    counts = collections.Counter(labels)
    chars = sorted(counts, key=lambda ch: (-counts[ch], ch))
    code_of = {ch: i + 1 for i, ch in enumerate(chars)}
    codes = [code_of[ch] for ch in labels]
    del labels
    n_nodes = len(ids)
    parent = np.array(parents, dtype=np.int64)
    code = np.array(codes, dtype=np.int32)
    node = np.arange(1, n_nodes, dtype=np.int32)
    order = np.lexsort((code, parent))
    parent, code, node = parent[order], np.ascontiguousarray(code[order]), np.ascontiguousarray(node[order])
    child_start = np.searchsorted(parent, np.arange(n_nodes + 1)).astype(np.int64)
    order = np.arange(n_nodes, dtype=np.int64)  # creation order: a parent comes before its children
    cap = int(n_nodes * 1.3) + len(chars) + ROOT_RESERVE + 1024
    slot_of = np.empty(n_nodes, dtype=np.int64)
    node_base = np.empty(n_nodes, dtype=np.int64)
    queue = np.empty(n_nodes, dtype=np.int64)
    while True:
        arrays = {name: np.empty(cap, dtype=SLOT_DTYPES[name]) for name in ("base", "check", "child", "sibling")}
        used = int(K.dat_build(child_start, code, node, order, ROOT_RESERVE, BUILD_WINDOW, arrays["base"],
                               arrays["check"], arrays["child"], arrays["sibling"], slot_of, node_base, queue))
        if used >= 0:
            break
        cap *= 2
    spare = used + 4 * 1024
    for name in ("base", "check", "child", "sibling"):
        full = np.full(spare, SLOT_FILL[name], dtype=SLOT_DTYPES[name])
        full[:used] = arrays[name][:used]
        arrays[name] = full
    freq = np.zeros(spare, dtype=np.int64)
    logf = np.zeros(spare, dtype=np.float64)
    flags = np.zeros(spare, dtype=np.uint8)
    tag = np.zeros(spare, dtype=np.int16)
    tag_names = list(BASE_TAGS)
    tag_codes = {t: i for i, t in enumerate(tag_names)}
    for word, name in (tags or {}).items():
        if word in ids:
            if name not in tag_codes:
                tag_codes[name] = len(tag_names)
                tag_names.append(name)
            tag[slot_of[ids[word]]] = tag_codes[name]
    for word, f in words.items():
        slot = slot_of[ids[word]]
        freq[slot] = f
        if f:
            logf[slot] = math.log(f)
            flags[slot] = K.WORD
    charmap = np.zeros(max((ord(c) for c in chars), default=0) + 1, dtype=np.int32)
    for ch, c in code_of.items():
        charmap[ord(ch)] = c
    first_free = 1
    while first_free < used and arrays["check"][first_free] != K.FREE:
        first_free += 1
    arrays.update(
        freq=freq,
        tag=tag,
        logf=logf,
        flags=flags,
        charmap=charmap,
        state=np.array([first_free, used], dtype=np.int64),
        **hmm,
    )
    return Dictionary(arrays, total, len(chars), tag_names=tag_names)


def _literal(path: Path) -> Any:
    """The ``P = {...}`` literal of one of jieba's ``finalseg/prob_*.py`` files."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "P" for t in stmt.targets):
            return ast.literal_eval(stmt.value)
    raise DictionaryError(f"no 'P = ...' table in {path}", path=str(path))


def load_hmm(root: Path) -> dict[str, np.ndarray]:
    """jieba's ``finalseg`` start, transition and emission log-probabilities as arrays (states B, M, E, S)."""
    fin = root / "finalseg"
    start, trans, emit = (_literal(fin / f"prob_{p}.py") for p in ("start", "trans", "emit"))
    start_p = np.array([float(start.get(y, K.MIN_FLOAT)) for y in HMM_STATES])
    trans_p = np.full((4, 4), K.MIN_FLOAT)
    emit_p = np.full((EMIT_WIDTH, 4), K.MIN_FLOAT)  # one row per character: one cache line a step
    for i, y0 in enumerate(HMM_STATES):
        for j, y in enumerate(HMM_STATES):
            if y in trans.get(y0, {}):
                trans_p[i, j] = float(trans[y0][y])
        for ch, p in emit.get(y0, {}).items():
            cp = ord(ch)
            if K.HAN_FIRST <= cp <= K.HAN_LAST:
                emit_p[cp - K.HAN_FIRST, i] = float(p)
    return {"start_p": start_p, "trans": trans_p, "emit": emit_p}


_LOCK = threading.Lock()
_LOADED: dict[str, Dictionary] = {}


def default_dictionary(path: str | os.PathLike[str] | None = None) -> Dictionary:
    """jieba's dictionary (or the main dictionary at ``path``, in jieba's format) and jieba's HMM.

    Loaded from the disk cache, or built now and cached. The returned object
    is shared: copy it before changing it.
    """
    root = jieba_dir()
    sources = _source_files(root)
    if path is not None:
        dict_path = Path(path)
        if not dict_path.is_file():
            raise DictionaryError(f"no dictionary file at {dict_path}", path=str(dict_path))
        sources[0] = dict_path
    with _LOCK:
        key = cache_key(FORMAT, *sources)
        if key not in _LOADED:
            _LOADED[key] = cached(
                "segment",
                "jieba",
                key,
                build=lambda: _build_from(root, sources[0]),
                load=Dictionary.load,
                save=Dictionary.write,
            )
        return _LOADED[key]


def _build_from(root: Path, main: Path) -> Dictionary:
    """The dictionary of ``main`` (jieba's format) with the HMM of the jieba package at ``root``."""
    words, total, tags = parse_main_dict(main.read_bytes(), str(main))
    return build(words, total, load_hmm(root), tags)
