"""Every OpenCC direction, line for line against the official binding on the seeds.

A direction's input is made from each seed with the official binding
(``FROM_SIMPLIFIED`` / ``FROM_TRADITIONAL`` in the conftest): Simplified text
for ``s2*``, Traditional for ``*2s`` and ``t2*``, Taiwan or Hong Kong
Traditional for ``tw2t`` and ``hk2t``, Japanese Shinjitai for ``jp2t``.
OpenCC's published vectors and hypothesis text from dictionary keys run every
direction in ``test_opencc.py``.
"""

from __future__ import annotations

import pytest

from hanpipe import Document
from hanpipe.builtin.convert._data import VARIANTS
from hanpipe.builtin.convert.opencc import OpenCCConverter
from hanpipe.testing import check_alignment
from tests.builtin.convert.conftest import FROM_SIMPLIFIED, FROM_TRADITIONAL
from tests.conftest import TRADITIONAL_SEEDS

SIMPLIFIED_SEEDS = ("000_f95afbe425cd4988.txt", "002_cabd379895d3200d.txt", "003_c76b33a41cce0777.txt")


def test_every_direction_has_its_inputs():
    assert set(FROM_SIMPLIFIED) == set(FROM_TRADITIONAL) == set(VARIANTS)


def _inputs(variant, seed_texts, official) -> dict[str, str]:
    """The seeds made into ``variant``'s input script, by seed name."""
    out = {}
    for names, steps in ((SIMPLIFIED_SEEDS, FROM_SIMPLIFIED[variant]), (TRADITIONAL_SEEDS, FROM_TRADITIONAL[variant])):
        for name in names:
            text = seed_texts[name]
            for config in steps:
                text = official(config).convert(text)
            out[name] = text
    return out


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_every_direction_equals_official_line_for_line(variant, seed_texts, official):
    engine = OpenCCConverter(variant=variant)
    changed = 0
    for name, text in _inputs(variant, seed_texts, official).items():
        lines = text.splitlines()
        ours = [engine(line) for line in lines]
        theirs = [official(variant).convert(line) for line in lines]
        assert ours == theirs, name
        assert engine(text) == official(variant).convert(text), name
        changed += sum(a != b for a, b in zip(lines, ours))
    assert changed > 0  # the inputs really are in the variant's source script


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_every_direction_keeps_the_alignment(variant, seed_texts, official):
    engine = OpenCCConverter(variant=variant)
    for name, text in _inputs(variant, seed_texts, official).items():
        doc = engine.convert(Document.from_text(text))
        check_alignment(doc)
        assert doc.meta["variant"] == variant, name
        assert doc.source_span(0, len(doc.text)) == (0, len(text))
