"""The plugin guide (docs/plugins.md) is true: its code runs, its commands print what it shows.

- Every ```python block runs. A block whose first line is ``# file: PATH``
  is that file of the guide's example package: ``hanpipe_models/__init__.py``
  becomes the module ``hanpipe_models`` for the blocks that import it, and a
  test file's test classes and functions are run here, as pytest would.
- Every ``$ hanpipe ...`` line of a ```console block runs through the CLI and
  prints what the block shows under it (``...`` stands for any lines, or any
  text within a line). The other commands (pip, pytest, build, twine) are not
  run here; tests/test_scaffold.py installs a generated package with pip and
  runs its tests.
- The ```toml block is what ``hanpipe plugin new`` writes; the tables of hooks,
  methods and priorities match the code; the command line cannot do what the
  guide says it cannot.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import linecache
import re
import shlex
import sys
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hanpipe import hookspecs, testing
from hanpipe._scaffold import Skeleton
from hanpipe.cli import _parser, main
from hanpipe.registry import default_registry

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
FENCES: list[tuple[str, str]] = re.findall(r"^```(\w*)\n(.*?)^```", GUIDE, flags=re.S | re.M)
PYTHON = [body for lang, body in FENCES if lang == "python"]
CONSOLE = [body for lang, body in FENCES if lang == "console"]
FILE = re.compile(r"# file: (\S+)\n")

#: commands of the console blocks that are not run here, and why
NOT_RUN = {
    "cd ": "changes folder only",
    "pip install -e '.[test]'": "test_scaffold installs a generated package with pip (slow test)",
    "pytest": "test_scaffold runs the generated package's tests",
    "python -m pip install build twine": "needs the network",
    "python -m build": "needs the build package and the network for build isolation",
    "python -m twine upload dist/*": "publishes",
}


def _compile(block: str, filename: str) -> types.CodeType:
    """``block`` compiled; a failure's traceback shows the block's lines."""
    linecache.cache[filename] = (len(block), None, block.splitlines(keepends=True), filename)
    return compile(block, filename, "exec")


def _file_of(block: str) -> str | None:
    m = FILE.match(block)
    return m.group(1) if m else None


def _module_name(path: str) -> str:
    p = Path(path)
    return p.parent.name if p.name == "__init__.py" else p.stem


@pytest.fixture
def guide_package(monkeypatch: pytest.MonkeyPatch) -> None:
    """The guide's package modules (``# file: pkg/__init__.py`` blocks), importable by their names."""
    for block in PYTHON:
        path = _file_of(block)
        if path is not None and path.endswith("__init__.py"):
            module = types.ModuleType(_module_name(path))
            module.__file__ = str(ROOT / "docs" / path)
            monkeypatch.setitem(sys.modules, module.__name__, module)
            exec(_compile(block, f"docs/plugins.md {path}"), module.__dict__)


def _run_tests(namespace: dict[str, Any], module: str) -> list[str]:
    """Run the test classes and test functions a block defines, as pytest would collect them; their names."""
    ran = []
    for name, obj in list(namespace.items()):
        if getattr(obj, "__module__", None) != module:
            continue
        if isinstance(obj, type) and name.startswith("Test"):
            for attr in sorted(dir(obj)):
                if attr.startswith("test_"):
                    getattr(obj(), attr)()
                    ran.append(f"{name}.{attr}")
        elif isinstance(obj, types.FunctionType) and name.startswith("test_"):
            for args in _parameters(obj):
                obj(**args)
            ran.append(name)
    return ran


def _parameters(func: Any) -> Iterator[dict[str, Any]]:
    marks = [m for m in getattr(func, "pytestmark", []) if m.name == "parametrize"]
    if not marks:
        yield {}
        return
    (mark,) = marks
    names, values = mark.args
    names = [n.strip() for n in names.split(",")] if isinstance(names, str) else list(names)
    for value in values:
        yield dict(zip(names, value if len(names) > 1 else (value,), strict=True))


def test_plugin_guide_has_the_blocks_it_needs() -> None:
    assert len(PYTHON) >= 10
    assert {lang for lang, _ in FENCES} <= {"python", "console", "toml", "text"}, "an unknown kind of block"
    assert [_file_of(b) for b in PYTHON if _file_of(b)] == ["hanpipe_models/__init__.py", "tests/test_models.py"]


@pytest.mark.parametrize("number", range(len(PYTHON)))
def test_plugin_guide_python_block_runs(number: int, guide_package: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # a block reads seeds/ as a reader in a checkout would
    block = PYTHON[number]
    name = f"plugin_guide_block_{number + 1}"
    module = types.ModuleType(name)
    monkeypatch.setitem(sys.modules, name, module)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(_compile(block, f"docs/plugins.md python block {number + 1}"), module.__dict__)
        ran = _run_tests(module.__dict__, name)
    if _file_of(block) == "tests/test_models.py":
        assert "TestModelExtractor.test_follows_the_protocol" in ran and "test_models_values" in ran


def _matches(shown: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` lines are ``shown``: a line ``...`` stands for any lines, ``...`` in a line for any text."""

    def pattern(line: str) -> re.Pattern[str]:
        parts = [r"\s+".join(map(re.escape, piece.split())) for piece in line.split("...")]
        return re.compile(".*?".join(parts))

    def walk(i: int, j: int) -> bool:
        if i == len(shown):
            return j == len(actual)
        if shown[i].strip() == "...":
            return any(walk(i + 1, k) for k in range(j, len(actual) + 1))
        return j < len(actual) and bool(pattern(shown[i].strip()).fullmatch(actual[j].strip())) and walk(i + 1, j + 1)

    return walk(0, 0)


def _commands(block: str) -> list[tuple[str, list[str]]]:
    """(command, the output lines shown under it) of a console block."""
    out: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            out.append((line[2:], []))
        else:
            out[-1][1].append(line)
    return out


@pytest.mark.parametrize("number", range(len(CONSOLE)))
def test_plugin_guide_console_block_prints_what_it_shows(
    number: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for command, shown in _commands(CONSOLE[number]):
        if not command.startswith("hanpipe "):
            assert any(command.startswith(prefix) for prefix in NOT_RUN), f"{command!r} is neither run nor excused"
            assert not shown
            continue
        assert main(shlex.split(command)[1:]) == 0, command
        actual = capsys.readouterr().out.splitlines()
        assert _matches(shown, actual), f"{command}:\n" + "\n".join(actual)


def test_plugin_guide_matching_of_shown_output_is_strict() -> None:
    assert _matches(["a", "...", "z"], ["a", "b", "c", "z"])
    assert _matches(["x ... y"], ["x 12 engines y"])
    assert _matches(["  * auto   hanpipe 0.1.0  options: -"], ["  * auto hanpipe 0.1.0 options: -"])
    assert not _matches(["a", "z"], ["a", "b", "z"])
    assert not _matches(["* auto hanpipe"], ["  auto hanpipe"])
    assert not _matches(["a", "..."], ["b"])


def test_plugin_guide_pyproject_is_what_the_skeleton_writes() -> None:
    (toml,) = [body for lang, body in FENCES if lang == "toml"]
    assert toml == Skeleton("book-titles", "extract").files()["pyproject.toml"]


def test_plugin_guide_stage_table_names_the_hooks_and_methods() -> None:
    for stage in hookspecs.PROTOCOLS:
        hook = hookspecs.HOOKS[stage][0]
        row = next(line for line in GUIDE.splitlines() if line.startswith(f"| {stage} "))
        assert f"`{hook}`" in row and f"`{stage}(self, " in row


def _signature(protocol: type, method: str) -> str:
    """``method(self, ...) -> R`` as the protocol declares it, annotations as written."""
    sig = inspect.signature(getattr(protocol, method))
    return f"{method}{sig}".replace("'", "")


@pytest.mark.parametrize("stage", list(hookspecs.PROTOCOLS))
def test_plugin_guide_gives_each_method_as_the_protocol_declares_it(stage: str) -> None:
    assert f"The method: `{_signature(hookspecs.PROTOCOLS[stage], stage)}`." in GUIDE


def test_plugin_guide_priority_table_matches_the_builtin_extractors() -> None:
    registry = default_registry()
    rows = re.findall(r"^  \| ((?:`[a-z]+`(?:, )?)+)\s*\| (\d+|none)\s*\|$", GUIDE, flags=re.M)
    table = {
        name: None if prio == "none" else int(prio) for names, prio in rows for name in re.findall(r"`(\w+)`", names)
    }
    builtin = {n: i for n, i in registry.engines["extract"].items() if i.distribution == "hanpipe"}
    assert set(table) == set(builtin)
    for name, info in builtin.items():
        assert getattr(info.cls, "priority", None) == table[name], name


def test_plugin_guide_protocol_attributes_are_the_ones_documented() -> None:
    hints = typing.get_type_hints(hookspecs.Extractor)
    assert set(hints) == {"name", "priority", "needs_tokens"}
    assert hookspecs.Extractor.priority is None and hookspecs.Extractor.needs_tokens is False
    assert "**`priority: int | None = None`.**" in GUIDE and "**`needs_tokens: bool = False`.**" in GUIDE


def test_plugin_guide_command_line_selects_only_what_the_guide_says() -> None:
    process = next(
        a for a in _parser()._subparsers._group_actions[0].choices.values() if a.prog.endswith(" process")  # type: ignore[union-attr]
    )
    flags = {flag for action in process._actions for flag in action.option_strings}
    for said in ("--extract", "--variant", "--no-convert", "--no-segment", "--encoding"):
        assert said in flags and f"`{said}" in GUIDE
    chooses = {"--decode", "--clean", "--convert", "--segment", "--cleaners", "--segmenter", "--converter"}
    assert not flags & chooses, "the CLI can select more engines now: update docs/plugins.md section 7"
    assert "**It cannot select a decoder, a clean-up\npass, a converter or a segmenter" in GUIDE


def test_plugin_guide_contracts_listed_are_the_contracts_offered() -> None:
    contracts = sorted(n for n in testing.__all__ if n.endswith("Contract"))
    assert contracts == [
        "CleanerContract", "ConverterContract", "DecoderContract", "ExtractorContract", "SegmenterContract",
    ]  # fmt: skip
    for name in contracts:
        assert f"`{name}`" in GUIDE
