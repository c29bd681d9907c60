"""OpenCC's dictionaries and configurations, read from the installed wheel and compiled.

The official ``opencc`` wheel ships each dictionary as a marisa-trie ``.ocd2``
file and each conversion as a JSON configuration, plus the ``opencc_dict``
tool that turns an ``.ocd2`` file back into OpenCC's text format
(``key<TAB>value[ value...]``). We read a variant's configuration, dump the
dictionaries it names, and compile them into one :class:`Trie`: a set of flat
numpy arrays the kernels walk. The result is cached on disk under
``cache_dir("convert")`` (:func:`hanpipe._cache.cached`, keyed by the
configuration and dictionary files), so a new process loads it in milliseconds.

A configuration is a list of *levels*. Each level is one dictionary as
OpenCC sees it: a single file, or a ``group`` of files. In a
``short_circuit`` group the first member with any match wins, so members get
increasing *ranks*; a ``union`` group's members share a rank and the longest
match wins. A variant's program is then: normalization levels (each run over
the whole text), an optional segmentation level (maximum forward matching
cuts the text into segments), and the conversion chain (levels run one after
another on each segment).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from ..._cache import cache_key, cached
from ...errors import ConfigError, DictionaryError
from ._script import HAN_BIT, HAN_RANGES, LEVEL_LIMIT, SCRIPT_TABLES, SIMPLIFIED_BIT, TRADITIONAL_BIT, classes

__all__ = [
    "VARIANTS",
    "Program",
    "Spec",
    "Trie",
    "build_trie",
    "compile_spec",
    "growth_bound",
    "keeps_length",
    "load_program",
    "opencc_share_dir",
    "parse_text_dict",
    "read_candidates",
    "read_dict",
    "read_script",
    "with_script",
]

#: variant name -> OpenCC configuration file
VARIANTS: dict[str, str] = {
    name: f"{name}.json"
    for name in (
        # to Simplified
        "t2s",
        "tw2s",
        "tw2sp",
        "hk2s",
        "hk2sp",
        # to Traditional
        "s2t",
        "s2tw",
        "s2twp",
        "s2hk",
        "s2hkp",
        # between Traditional standards
        "t2tw",
        "t2hk",
        "tw2t",
        "hk2t",
        # Japanese kanji: Kyūjitai to Shinjitai and back
        "t2jp",
        "jp2t",
    )
}

#: bump when the compiled layout changes, so old caches are not read
FORMAT = 5

Leaves = list[tuple[int, str]]  # (rank, dictionary file) of one level


def opencc_share_dir() -> Path:
    """The directory holding the official wheel's ``.ocd2`` files and configs."""
    spec = importlib.util.find_spec("opencc")
    origin = spec.origin if spec is not None else None
    if origin is None:
        raise ConfigError("the official OpenCC package is not installed; Try: pip install opencc")
    share = Path(origin).parent / "clib" / "share" / "opencc"
    if not (share / "t2s.json").is_file() or not (share / "TSCharacters.ocd2").is_file():
        raise ConfigError(
            f"the 'opencc' module at {Path(origin).parent} is not the official OpenCC wheel "
            "(opencc-python-reimplemented installs a module of the same name); "
            "Try: pip uninstall opencc-python-reimplemented && pip install --force-reinstall opencc"
        )
    return share


def _dict_tool(share: Path) -> Path:
    tool = share.parent.parent / "bin" / "opencc_dict"
    if not tool.is_file():
        raise ConfigError(f"the OpenCC wheel has no opencc_dict tool at {tool}; reinstall opencc")
    return tool


# -- text dictionaries --------------------------------------------------------


def parse_text_candidates(lines: Iterable[str], *, path: str | None = None) -> dict[str, list[str]]:
    """``{key: [candidates]}`` from OpenCC's text format, one ``key<TAB>value[ value...]`` a line.

    Blank lines are skipped. Anything else without a tab, with an empty key or
    with no value raises :class:`DictionaryError` naming the line. A later
    line for the same key replaces the earlier one.
    """
    out: dict[str, list[str]] = {}
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        key, tab, values = line.partition("\t")
        where = f"{path or '<overrides>'}, line {number}"
        if not tab:
            raise DictionaryError(
                f"{where}: expected 'phrase<TAB>replacement', got {line!r} (no tab)", path=path, line=number
            )
        if not key:
            raise DictionaryError(f"{where}: the phrase before the tab is empty in {line!r}", path=path, line=number)
        candidates = values.split(" ")
        if not candidates[0]:
            raise DictionaryError(f"{where}: no replacement after the tab in {line!r}", path=path, line=number)
        out[key] = [c for c in candidates if c]
    return out


def parse_text_dict(lines: Iterable[str], *, path: str | None = None) -> dict[str, str]:
    """``{key: first value}`` from OpenCC's text format (see :func:`parse_text_candidates`): what OpenCC writes."""
    return {key: values[0] for key, values in parse_text_candidates(lines, path=path).items()}


def read_dict(share: Path, name: str, kind: str = "ocd2") -> dict[str, str]:
    """``{key: first value}`` of one dictionary named in a configuration (relative to ``share``, or absolute).

    ``kind`` is its type in the configuration: ``text`` is parsed here,
    ``ocd2`` and ``ocd`` are dumped with the wheel's ``opencc_dict`` first.
    """
    return {key: values[0] for key, values in read_candidates(share, name, kind).items()}


def read_candidates(share: Path, name: str, kind: str = "ocd2") -> dict[str, list[str]]:
    """``{key: [candidates]}`` of one dictionary, read as :func:`read_dict` reads it."""
    source = share / name
    if not source.is_file():
        raise ConfigError(f"OpenCC dictionary {name!r} not found in {share}")
    if kind not in DICT_TYPES:
        supported = ", ".join(DICT_TYPES)
        raise ConfigError(f"unsupported OpenCC dictionary type {kind!r} for {name!r}; supported: {supported}")
    if kind == "text":
        try:
            with open(source, encoding="utf-8") as fh:
                return parse_text_candidates(fh, path=str(source))
        except UnicodeDecodeError as exc:
            raise DictionaryError(f"{source}: the dictionary is not UTF-8 ({exc})", path=str(source)) from exc
    with tempfile.TemporaryDirectory(prefix="hanpipe-opencc-") as tmp:
        target = Path(tmp) / "dict.txt"
        done = subprocess.run(
            [str(_dict_tool(share)), "-i", str(source), "-o", str(target), "-f", DICT_TYPES[kind], "-t", "text"],
            check=False,
            capture_output=True,
        )
        if done.returncode != 0 or not target.is_file():
            detail = done.stderr.decode("utf-8", "replace").strip() or f"exit status {done.returncode}"
            raise DictionaryError(
                f"cannot read OpenCC dictionary {source}: {detail}; reinstall opencc", path=str(source)
            )
        with open(target, encoding="utf-8") as fh:
            return parse_text_candidates(fh, path=str(source))


# -- configurations -----------------------------------------------------------


#: dictionary types of a configuration -> the format ``opencc_dict -f`` reads them in ("text" is parsed here)
DICT_TYPES = {"ocd2": "ocd2", "ocd": "ocd", "text": "text"}
#: how a group picks among its members
MATCH_POLICIES = ("short_circuit", "union")


def _leaves(node: Any, formats: dict[str, str], where: str, rank: int = 0) -> Leaves:
    """Flatten one dictionary node of a configuration into ranked files, noting each file's type in ``formats``."""
    if not isinstance(node, Mapping):
        raise ConfigError(f"{where}: a dictionary must be a JSON object, got {node!r}")
    kind = node.get("type")
    if kind == "group":
        policy = node.get("match_policy", "short_circuit")
        if policy not in MATCH_POLICIES:
            raise ConfigError(
                f"{where}: unsupported group match_policy {policy!r}; supported: {', '.join(MATCH_POLICIES)}"
            )
        members = node.get("dicts")
        if not isinstance(members, list) or not members:
            raise ConfigError(f"{where}: a group needs a non-empty list 'dicts', got {members!r}")
        out: Leaves = []
        next_rank = rank
        for member in members:
            sub = _leaves(member, formats, where, next_rank)
            out.extend(sub)
            if policy != "union":
                next_rank = max(r for r, _ in sub) + 1
        return out
    if kind in DICT_TYPES:
        name = node.get("file")
        if not isinstance(name, str) or not name:
            raise ConfigError(f"{where}: a {kind!r} dictionary needs a 'file', got {node!r}")
        if formats.setdefault(name, str(kind)) != kind:
            raise ConfigError(f"{where}: dictionary file {name!r} is named with two types")
        return [(rank, name)]
    raise ConfigError(
        f"{where}: unsupported OpenCC dictionary type {kind!r}; supported: group, {', '.join(DICT_TYPES)}"
    )


@dataclass(frozen=True)
class Spec:
    """A variant's program before compilation: levels and how they are used."""

    levels: tuple[tuple[tuple[int, str], ...], ...]
    normalization: tuple[int, ...]
    segmentation: int  # level index, or -1
    chain: tuple[int, ...]
    #: (file, type) of each dictionary file the levels name, type one of :data:`DICT_TYPES`
    formats: tuple[tuple[str, str], ...] = ()

    def files(self) -> list[tuple[str, str]]:
        """``(file, type)`` of every dictionary file, sorted; a file without a recorded type is ``ocd2``."""
        known = dict(self.formats)
        return sorted({(f, known.get(f, "ocd2")) for level in self.levels for _, f in level})


def read_spec(share: Path, config_file: str) -> Spec:
    """Read an OpenCC configuration; anything this converter cannot run exactly raises :class:`ConfigError`."""
    where = f"OpenCC configuration {config_file}"
    try:
        config = json.loads((share / config_file).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read {where} in {share}: {exc}") from exc
    if not isinstance(config, Mapping):
        raise ConfigError(f"{where}: expected a JSON object")
    levels: list[tuple[tuple[int, str], ...]] = []
    formats: dict[str, str] = {}

    def steps(key: str) -> list[Any]:
        value = config.get(key, [])
        if not isinstance(value, list) or not all(isinstance(step, Mapping) and "dict" in step for step in value):
            raise ConfigError(f"{where}: {key!r} must be a list of {{'dict': ...}} steps, got {value!r}")
        return value

    def level(node: Any, what: str) -> int:
        levels.append(tuple(_leaves(node, formats, f"{where}, {what}")))
        return len(levels) - 1

    normalization = tuple(level(step["dict"], "normalization") for step in steps("normalization"))
    seg = config.get("segmentation")
    if seg is not None and (not isinstance(seg, Mapping) or seg.get("type") != "mmseg"):
        kind = seg.get("type") if isinstance(seg, Mapping) else seg
        raise ConfigError(f"{where}: unsupported segmentation {kind!r}; supported: mmseg")
    segmentation = level(seg.get("dict"), "segmentation") if seg is not None else -1
    if not config.get("conversion_chain"):
        raise ConfigError(f"{where}: no conversion_chain")
    chain = tuple(level(step["dict"], "conversion_chain") for step in steps("conversion_chain"))
    return Spec(tuple(levels), normalization, segmentation, chain, tuple(sorted(formats.items())))


# -- compiled tries -----------------------------------------------------------


@dataclass(frozen=True)
class Trie:
    """Several dictionaries ("levels") compiled into one set of flat arrays.

    * ``root_slot[cp]``: the slot of a code point that starts some key, or -1;
      ``start_mask[cp]`` has bit ``level`` set if it starts a key of that level
      (one load per character: a scan for the levels a text can use reads only
      this, several times faster than through ``root_slot``), and above the
      levels the script class of ``cp`` (:mod:`._script`, :func:`with_script`),
      so the same load counts the characters that tell the scripts apart.
    * ``root_node[level, slot]``: the node for that one-character prefix, or -1.
    * children of ``node``: ``child_cp``/``child_node[child_start[node]:child_start[node + 1]]``,
      sorted by code point.
    * ``node_value[node]``: the value ending there (-1 if none), with ``node_rank``;
      value ``v`` is ``value_cps[value_start[v]:value_start[v + 1]]``.
    """

    root_slot: np.ndarray
    start_mask: np.ndarray
    root_node: np.ndarray
    child_start: np.ndarray
    child_cp: np.ndarray
    child_node: np.ndarray
    node_value: np.ndarray
    node_rank: np.ndarray
    value_start: np.ndarray
    value_cps: np.ndarray

    FIELDS = (
        "root_slot",
        "start_mask",
        "root_node",
        "child_start",
        "child_cp",
        "child_node",
        "node_value",
        "node_rank",
        "value_start",
        "value_cps",
    )

    def arrays(self) -> tuple[np.ndarray, ...]:
        return tuple(getattr(self, f) for f in self.FIELDS)

    @property
    def n_levels(self) -> int:
        return int(self.root_node.shape[0])


def build_trie(levels: list[list[tuple[int, Mapping[str, str]]]], drop_identity: list[bool] | None = None) -> Trie:
    """Compile ranked dictionaries into a :class:`Trie`.

    ``levels[i]`` lists ``(rank, {key: value})`` members of level ``i``. For a
    key present in several members, the lowest rank wins, then the member
    listed first.

    Where ``drop_identity[i]``, a one-character key that maps to itself is
    left out when no worse-ranked member has a key starting with that
    character: converting it or copying it gives the same text, and leaving
    it out lets text that needs no conversion skip the work. (Segmentation
    levels keep every key, since there a match also cuts the text.)
    """
    n_levels = len(levels)
    if n_levels > LEVEL_LIMIT:
        raise ConfigError(f"at most {LEVEL_LIMIT} dictionary levels are supported, got {n_levels}")
    # per level: key -> (rank, value); then a dict-of-dicts trie
    slots: dict[int, int] = {}
    nodes_children: list[dict[int, int]] = []
    nodes_value: list[int] = []
    nodes_rank: list[int] = []
    values: list[str] = []
    value_ids: dict[str, int] = {}
    roots: list[dict[int, int]] = []

    def new_node() -> int:
        nodes_children.append({})
        nodes_value.append(-1)
        nodes_rank.append(0)
        return len(nodes_value) - 1

    for members in levels:
        best: dict[str, tuple[int, str]] = {}
        for rank, table in members:
            for key, value in table.items():
                if not key:
                    continue
                old = best.get(key)
                if old is None or rank < old[0]:
                    best[key] = (rank, value)
        if drop_identity is not None and drop_identity[len(roots)]:
            firsts = [(rank, {k[0] for k in table if k}) for rank, table in members]
            for key in [k for k, (r, v) in best.items() if len(k) == 1 and v == k]:
                rank = best[key][0]
                if not any(r > rank and key in f for r, f in firsts):
                    del best[key]
        level_roots: dict[int, int] = {}
        roots.append(level_roots)
        for key, (rank, value) in best.items():
            first = ord(key[0])
            slots.setdefault(first, len(slots))
            node = level_roots.get(first)
            if node is None:
                node = level_roots[first] = new_node()
            for ch in key[1:]:
                cp = ord(ch)
                nxt = nodes_children[node].get(cp)
                if nxt is None:
                    nxt = new_node()
                    nodes_children[node][cp] = nxt
                node = nxt
            vid = value_ids.get(value)
            if vid is None:
                vid = value_ids[value] = len(values)
                values.append(value)
            nodes_value[node] = vid
            nodes_rank[node] = rank

    # renumber nodes breadth-first so that children follow their parents
    order: list[int] = []
    for level_roots in roots:
        order.extend(level_roots.values())
    head = 0
    while head < len(order):
        node = order[head]
        head += 1
        order.extend(nodes_children[node][cp] for cp in sorted(nodes_children[node]))
    new_id = {old: new for new, old in enumerate(order)}
    n_nodes = len(order)

    max_cp = max(slots, default=0)
    root_slot = np.full(max_cp + 1, -1, dtype=np.int32)
    start_mask = np.zeros(max_cp + 1, dtype=np.int64)
    root_node = np.full((n_levels, len(slots)), -1, dtype=np.int32)
    for cp, slot in slots.items():
        root_slot[cp] = slot
    for level, level_roots in enumerate(roots):
        for cp, node in level_roots.items():
            root_node[level, slots[cp]] = new_id[node]
            start_mask[cp] |= np.int64(1) << np.int64(level)
    child_start = np.zeros(n_nodes + 1, dtype=np.int32)
    child_cp_list: list[int] = []
    child_node_list: list[int] = []
    node_value = np.full(n_nodes, -1, dtype=np.int32)
    node_rank = np.zeros(n_nodes, dtype=np.int32)
    for new, old_id in enumerate(order):
        kids = nodes_children[old_id]
        for cp in sorted(kids):
            child_cp_list.append(cp)
            child_node_list.append(new_id[kids[cp]])
        child_start[new + 1] = len(child_cp_list)
        node_value[new] = nodes_value[old_id]
        node_rank[new] = nodes_rank[old_id]
    value_start = np.zeros(len(values) + 1, dtype=np.int32)
    value_start[1:] = np.cumsum([len(v) for v in values], dtype=np.int64)
    value_cps = np.array([ord(ch) for v in values for ch in v], dtype=np.int32)
    return Trie(
        root_slot=root_slot,
        start_mask=start_mask,
        root_node=root_node,
        child_start=child_start,
        child_cp=np.array(child_cp_list, dtype=np.int32),
        child_node=np.array(child_node_list, dtype=np.int32),
        node_value=node_value,
        node_rank=node_rank,
        value_start=value_start,
        value_cps=value_cps,
    )


def with_script(trie: Trie, traditional: Iterable[str], simplified: Iterable[str]) -> Trie:
    """``trie`` whose ``start_mask`` also marks Han, Traditional-only and Simplified-only code points.

    The mask grows to cover every Han code point (:data:`HAN_RANGES`); the
    level bits, and so every match, stay as they were.
    """
    marks = {HAN_BIT: [], TRADITIONAL_BIT: [ord(c) for c in traditional], SIMPLIFIED_BIT: [ord(c) for c in simplified]}
    size = max(trie.start_mask.shape[0], HAN_RANGES[-1][1] + 1, *(max(cps, default=0) + 1 for cps in marks.values()))
    mask = np.zeros(size, dtype=np.int64)
    mask[: trie.start_mask.shape[0]] = trie.start_mask
    for lo, hi in HAN_RANGES:
        mask[lo : hi + 1] |= np.int64(1) << np.int64(HAN_BIT)
    for bit in (TRADITIONAL_BIT, SIMPLIFIED_BIT):
        mask[np.array(marks[bit], dtype=np.int64)] |= np.int64(1) << np.int64(bit)
    return replace(trie, start_mask=mask)


def read_script(share: Path) -> tuple[set[str], set[str]]:
    """``(traditional_only, simplified_only)`` characters of the wheel's tables (:func:`._script.classes`)."""
    st, *ts = (read_candidates(share, name) for name in SCRIPT_TABLES)
    return classes(st, ts)


# -- programs -----------------------------------------------------------------


@dataclass(frozen=True)
class Program:
    """A compiled variant: its trie and how the levels are used."""

    variant: str
    trie: Trie
    normalization: np.ndarray  # int32 level indices
    segmentation: int
    chain: np.ndarray  # int32 level indices
    growth: np.ndarray  # int64, per level: most output characters per input character
    keeps_length: np.ndarray  # bool, per level: every value is as long as its key
    seg_redundant: np.ndarray  # bool, per chain level: segmentation cannot change a lone pass
    key: str  # hash of the data it was compiled from


def growth_bound(table: Mapping[str, str]) -> int:
    """The most output characters one input character can become under ``table``."""
    return max((-(-len(v) // len(k)) for k, v in table.items() if k), default=1) or 1


def keeps_length(table: Mapping[str, str]) -> bool:
    """Whether every value in ``table`` is exactly as long as its key."""
    return all(len(k) == len(v) for k, v in table.items())


def _data_key(share: Path, config_file: str, spec: Spec) -> str:
    """The cache key of a variant: its configuration file, every dictionary file it names, and the script tables."""
    names = sorted({name for name, _ in spec.files()} | set(SCRIPT_TABLES))
    return cache_key(FORMAT, share / config_file, *(share / name for name in names))


def _compile(variant: str, share: Path, spec: Spec, key: str) -> Program:
    tables = {name: read_dict(share, name, kind) for name, kind in spec.files()}
    return compile_spec(spec, tables, variant=variant, key=key, script=read_script(share))


def compile_spec(
    spec: Spec,
    tables: Mapping[str, Mapping[str, str]],
    *,
    variant: str,
    key: str = "",
    script: tuple[Iterable[str], Iterable[str]] | None = None,
) -> Program:
    """Compile ``spec`` whose levels name entries of ``tables`` (dictionary name -> {key: value}).

    ``script`` is ``(traditional_only, simplified_only)`` characters to mark
    (:func:`with_script`); without it the converter counts no characters.
    """
    keeps = np.array([all(keeps_length(tables[name]) for _, name in level) for level in spec.levels], dtype=np.bool_)
    drop = [i != spec.segmentation for i in range(len(spec.levels))]
    trie = build_trie([[(rank, tables[name]) for rank, name in level] for level in spec.levels], drop)
    if script is not None:
        trie = with_script(trie, *script)
    growth = np.array([max(growth_bound(tables[name]) for _, name in level) for level in spec.levels], dtype=np.int64)
    redundant = np.zeros(len(spec.chain), dtype=np.bool_)
    if spec.segmentation >= 0:
        seg_files = sorted(f for _, f in spec.levels[spec.segmentation])
        for i, level in enumerate(spec.chain):
            members = spec.levels[level]
            top = min(r for r, _ in members)
            top_files = sorted(f for r, f in members if r == top)
            rest_single = all(len(k) == 1 for r, f in members if r != top for k in tables[f])
            redundant[i] = top_files == seg_files and rest_single
    return Program(
        variant=variant,
        trie=trie,
        normalization=np.array(spec.normalization, dtype=np.int32),
        segmentation=spec.segmentation,
        chain=np.array(spec.chain, dtype=np.int32),
        growth=growth,
        keeps_length=keeps,
        seg_redundant=redundant,
        key=key,
    )


def _save(program: Program, fh: BinaryIO) -> None:
    arrays = {f"trie_{f}": getattr(program.trie, f) for f in Trie.FIELDS}
    arrays.update(
        normalization=program.normalization,
        segmentation=np.array([program.segmentation], dtype=np.int32),
        chain=program.chain,
        growth=program.growth,
        keeps_length=program.keeps_length,
        seg_redundant=program.seg_redundant,
    )
    np.savez(fh, **arrays)


def _load(path: Path, variant: str, key: str) -> Program:
    with np.load(path) as data:
        trie = Trie(**{f: data[f"trie_{f}"] for f in Trie.FIELDS})
        return Program(
            variant=variant,
            trie=trie,
            normalization=data["normalization"],
            segmentation=int(data["segmentation"][0]),
            chain=data["chain"],
            growth=data["growth"],
            keeps_length=data["keeps_length"],
            seg_redundant=data["seg_redundant"],
            key=key,
        )


_PROGRAMS: dict[str, Program] = {}


def load_program(variant: str) -> Program:
    """The compiled program of ``variant``: from memory, the disk cache, or compiled now."""
    program = _PROGRAMS.get(variant)
    if program is not None:
        return program
    if variant not in VARIANTS:
        raise ConfigError(f"unknown conversion variant {variant!r}; variants: {', '.join(VARIANTS)}")
    share = opencc_share_dir()
    spec = read_spec(share, VARIANTS[variant])
    key = _data_key(share, VARIANTS[variant], spec)
    program = cached(
        "convert",
        variant,
        key,
        build=lambda: _compile(variant, share, spec, key),
        load=lambda path: _load(path, variant, key),
        save=_save,
    )
    _PROGRAMS[variant] = program
    return program
