"""docs/convert.md is true: its table lists every variant, its example runs and gives what it says."""

from __future__ import annotations

import re
from pathlib import Path

from hanpipe.builtin.convert._data import VARIANTS

DOC = (Path(__file__).resolve().parents[3] / "docs" / "convert.md").read_text(encoding="utf-8")


def test_convert_doc_lists_every_variant():
    listed = re.findall(r"^\| `([a-z0-9]+)`", DOC, flags=re.M)
    assert listed == list(VARIANTS)


def test_convert_doc_example_runs_as_shown():
    block = DOC.split("```python\n", 1)[1].split("```", 1)[0]
    shown = re.findall(r"^(hanpipe\.convert\(.*\))\s+# '(.*)'$", block, flags=re.M)
    assert shown
    namespace: dict[str, object] = {}
    exec(block, namespace)
    for call, output in shown:
        assert eval(call, namespace) == output
