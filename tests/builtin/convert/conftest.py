"""Fixtures for the convert stage: the official binding and reference levels."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hanpipe.builtin.convert._data import VARIANTS, opencc_share_dir, read_dict, read_spec

HERE = Path(__file__).resolve().parent

#: Traditional-to-Simplified variant -> the official configuration that makes such text from Simplified
BACK = {"t2s": "s2t", "tw2s": "s2tw", "tw2sp": "s2twp", "hk2s": "s2hk", "hk2sp": "s2hkp"}

#: variant -> the official configurations that, run in order, make its input from a Simplified text
FROM_SIMPLIFIED: dict[str, tuple[str, ...]] = {
    **{variant: (back,) for variant, back in BACK.items()},
    **{variant: () for variant in ("s2t", "s2tw", "s2twp", "s2hk", "s2hkp")},
    "t2tw": ("s2t",),
    "t2hk": ("s2t",),
    "t2jp": ("s2t",),
    "tw2t": ("s2tw",),
    "hk2t": ("s2hk",),
    "jp2t": ("s2t", "t2jp"),
}
#: the same from a Traditional text (the Traditional seeds are Taiwan pages)
FROM_TRADITIONAL: dict[str, tuple[str, ...]] = {
    **{variant: () for variant in BACK},
    **{variant: ("t2s",) for variant in ("s2t", "s2tw", "s2twp", "s2hk", "s2hkp")},
    "t2tw": (),
    "t2hk": (),
    "t2jp": (),
    "tw2t": (),
    "hk2t": ("t2hk",),
    "jp2t": ("t2jp",),
}


@pytest.fixture(scope="session")
def official() -> Callable[[str], Any]:
    """``official(config)``: the official OpenCC binding for ``config``, built once."""
    import opencc  # a runtime dependency: the oracle must never be skipped
    cache: dict[str, Any] = {}

    def get(config: str) -> Any:
        if config not in cache:
            cache[config] = opencc.OpenCC(config)
        return cache[config]

    return get


@pytest.fixture(scope="session")
def reference_program() -> Callable[[str], dict[str, Any]]:
    """``reference_program(variant)``: the variant's levels as plain dicts, for the naive converter."""
    share = opencc_share_dir()
    tables: dict[str, dict[str, str]] = {}
    programs: dict[str, dict[str, Any]] = {}

    def table(name: str, kind: str) -> dict[str, str]:
        if name not in tables:
            tables[name] = read_dict(share, name, kind)
        return tables[name]

    def get(variant: str) -> dict[str, Any]:
        if variant not in programs:
            spec = read_spec(share, VARIANTS[variant])
            kinds = dict(spec.files())
            levels = [[(rank, table(name, kinds[name])) for rank, name in level] for level in spec.levels]
            programs[variant] = {
                "normalization": [levels[i] for i in spec.normalization],
                "segmentation": levels[spec.segmentation] if spec.segmentation >= 0 else None,
                "chain": [levels[i] for i in spec.chain],
                "tables": tables,
            }
        return programs[variant]

    return get
