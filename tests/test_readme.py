"""The README's code runs as written: every Python block, and the main job's command."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
from pathlib import Path

import pytest

from hanpipe.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```python\n(.*?)^```", README, flags=re.S | re.M)


def test_readme_has_python_blocks() -> None:
    assert len(BLOCKS) >= 3


#: blocks that start a Ray cluster run in the ray session (tests/test_ray.py)
RAY_BLOCKS = [n for n, block in enumerate(BLOCKS) if "import ray" in block]


def run_block(number: int) -> str:
    """Run README block ``number`` from the project's folder; what it printed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(BLOCKS[number], f"README.md block {number + 1}", "exec"), {"__name__": "__readme__"})
    return out.getvalue()


@pytest.mark.parametrize("number", [n for n in range(len(BLOCKS)) if n not in RAY_BLOCKS])
def test_readme_python_block_runs(number: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the blocks name seeds/ as the README's reader sees it
    run_block(number)


def test_readme_main_job_command_writes_a_record_per_seed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (command,) = re.findall(r"pip install \. && (hanpipe process .*)", README)
    argv = command.split()
    assert argv[:2] == ["hanpipe", "process"]
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    assert main([*argv[1:], "--no-progress"]) == 0
    output = argv[argv.index("-o") + 1]
    lines = Path(output).read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(os.listdir(tmp_path / "seeds"))
