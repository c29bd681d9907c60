"""``hanpipe plugins`` lists engines by stage with distribution and version; ``--check`` names what fails.

The CLI lists the registry ``hanpipe._cli_plugins.default_registry()`` gives; tests put a
registry with broken plugin objects in its place, and the installed entry
points in the place of ``hanpipe._cli_plugins._entry_points()``.
"""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

import pytest
import tomllib

import hanpipe
from hanpipe import Document, EngineRef, Entity
from hanpipe import _cli_plugins as cli_plugins
from hanpipe.cli import main
from hanpipe.registry import Registry

ROOT = Path(__file__).resolve().parent.parent

#: the default pipeline's engines, by hand from the README's feature list and config.py
DEFAULT_ENGINES = {
    "decode": {"auto"},
    "clean": {"mojibake", "entities", "newlines", "spaces", "width", "pinyin", "damaged"},
    "convert": {"opencc"},
    "segment": {"jieba"},
    "extract": {"number", "percent", "money", "quantity", "date", "time", "email", "url", "phone"},
}
LINE = re.compile(r"^  ([* ]) (\S+) +(\S+)(?: (\S+))? +(options: .*|fails to load .*)$")


def _listing(out: str) -> dict[str, dict[str, tuple[bool, str, str | None, str]]]:
    """stage -> engine -> (marked default, distribution, version, the rest), parsed from the listing."""
    table: dict[str, dict[str, tuple[bool, str, str | None, str]]] = {}
    stage = ""
    for line in out.splitlines():
        if line.endswith(":") and not line.startswith(" "):
            stage = line[:-1]
            table[stage] = {}
        elif (m := LINE.match(line)) is not None:
            mark, name, dist, version, rest = m.groups()
            table[stage][name] = (mark == "*", dist, version, rest)
    return table


def _pyproject_version(plugin: str) -> str:
    data = tomllib.loads((ROOT / "plugins" / plugin / "pyproject.toml").read_text(encoding="utf-8"))
    return str(data["project"]["version"])


def test_cli_plugins_lists_every_stage_in_order_with_the_legend(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plugins"]) == 0
    out = capsys.readouterr().out
    assert [line for line in out.splitlines() if not line.startswith(" ")] == [
        "decode:", "clean:", "convert:", "segment:", "extract:", "* in the default pipeline (hanpipe.config.DEFAULT)",
    ]  # fmt: skip


def test_cli_plugins_marks_exactly_the_default_engines(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plugins"]) == 0
    table = _listing(capsys.readouterr().out)
    for stage, engines in table.items():
        marked = {name for name, (default, *_) in engines.items() if default}
        assert marked == DEFAULT_ENGINES[stage], stage
    # engines that exist but are not in the default pipeline carry no mark
    assert not table["segment"]["jieba-ref"][0] and not table["extract"]["keyword"][0]


def test_cli_plugins_names_distribution_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plugins"]) == 0
    table = _listing(capsys.readouterr().out)
    assert table["extract"]["hashtag"][1:3] == ("hanpipe-hashtags", _pyproject_version("hanpipe-hashtags"))
    assert table["clean"]["webclean"][1:3] == ("hanpipe-webclean", _pyproject_version("hanpipe-webclean"))
    assert table["segment"]["jieba"][1:3] == ("hanpipe", hanpipe.__version__)
    assert table["segment"]["jieba"][3] == "options: hmm, mode, userdict, dictionary, pos"
    assert table["segment"]["test-chars"][1] == "hanpipe-testplugin"


# -- plugin objects, good and broken --------------------------------------------------------------------


class Good:
    name = "good"

    def extract(self, doc: Document) -> list[Entity]:
        return []


class NoMethod:
    name = "no-method"


class WrongName:
    name = "something-else"

    def extract(self, doc: Document) -> list[Entity]:
        return []


class BadPriority:
    name = "bad-priority"
    priority = "high"

    def extract(self, doc: Document) -> list[Entity]:
        return []


class TakesNothing:
    name = "takes-nothing"

    def extract(self) -> list[Entity]:
        return []


class DecodeWithoutEncoding:
    name = "no-encoding"

    def decode(self, data: bytes) -> Document:
        return Document.from_text(data.decode("latin-1"))


class Broken:
    """Registers, by reference, one good engine and six that cannot be used."""

    @hanpipe.hookimpl
    def hanpipe_register_extractors(self, register):  # type: ignore[no-untyped-def]
        register(Good)
        register(EngineRef("missing-module", "hanpipe_no_such_module_here:Missing"))
        register(EngineRef("no-method", f"{__name__}:NoMethod"))
        register(EngineRef("wrong-name", f"{__name__}:WrongName"))
        register(EngineRef("bad-priority", f"{__name__}:BadPriority"))
        register(EngineRef("takes-nothing", f"{__name__}:TakesNothing"))

    @hanpipe.hookimpl
    def hanpipe_register_decoders(self, register):  # type: ignore[no-untyped-def]
        register(EngineRef("no-encoding", f"{__name__}:DecodeWithoutEncoding"))


class Healthy:
    @hanpipe.hookimpl
    def hanpipe_register_extractors(self, register):  # type: ignore[no-untyped-def]
        register(Good)


class Nameless:
    @hanpipe.hookimpl
    def hanpipe_register_extractors(self, register):  # type: ignore[no-untyped-def]
        register(type("Anonymous", (), {"extract": lambda self, doc: []}))


BROKEN = Broken()
NAMELESS = Nameless()
HEALTHY = Healthy()
LABEL = f"{__name__}.Broken"


def _use(monkeypatch: pytest.MonkeyPatch, *plugins: object) -> None:
    monkeypatch.setattr(cli_plugins, "default_registry", lambda: Registry(list(plugins), entry_points=False))


def test_cli_plugins_check_passes_on_the_installed_plugins(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plugins", "--check"]) == 0
    out = capsys.readouterr().out
    assert "FAILED" not in out
    assert re.fullmatch(r"hanpipe plugins --check: all \d+ engines load and follow their stage's protocol\n", out)


def test_cli_plugins_check_names_each_failing_engine_and_its_problem(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _use(monkeypatch, BROKEN)
    assert main(["plugins", "--check"]) == 1
    failed = [line for line in capsys.readouterr().out.splitlines() if line.startswith("FAILED ")]
    expected = {
        "missing-module": "could not be loaded from hanpipe_no_such_module_here:Missing: ModuleNotFoundError",
        "no-method": "has no extract() method (Extractor protocol)",
        "wrong-name": "is named 'something-else'",
        "bad-priority": "priority must be an integer or None, got 'high'",
        "takes-nothing": "cannot be called as the pipeline calls it, extract(doc)",
        "no-encoding": "cannot be called as the pipeline calls it, decode(data, encoding=None)",
    }
    assert len(failed) == len(expected)
    for name, problem in expected.items():
        (line,) = [f for f in failed if f"engine {name!r} from {LABEL}" in f]
        assert problem in line, line
    assert not any("'good'" in line for line in failed)


def test_cli_plugins_check_counts_the_failures(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _use(monkeypatch, BROKEN)
    main(["plugins", "--check"])
    builtin = len([i for s in Registry(entry_points=False).engines.values() for i in s.values()])
    assert capsys.readouterr().out.splitlines()[-1] == f"hanpipe plugins --check: 6 of {builtin + 7} engines failed"


def test_cli_plugins_check_is_clean_without_broken_engines(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _use(monkeypatch, HEALTHY)
    assert main(["plugins", "--check"]) == 0
    assert "FAILED" not in capsys.readouterr().out


def test_cli_plugins_listing_marks_engines_that_fail_to_load(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _use(monkeypatch, BROKEN)
    assert main(["plugins"]) == 1
    captured = capsys.readouterr()
    table = _listing(captured.out)
    assert table["extract"]["missing-module"][3] == "fails to load (hanpipe plugins --check says why)"
    assert table["extract"]["good"][1:] == (LABEL, None, "options: -")
    # a method the pipeline cannot call is a protocol failure: the class does not load
    assert table["extract"]["takes-nothing"][3] == "fails to load (hanpipe plugins --check says why)"
    assert "run 'hanpipe plugins --check'" in captured.err


def _entry_point(name: str, value: str) -> importlib.metadata.EntryPoint:
    return importlib.metadata.EntryPoint(name=name, value=value, group="hanpipe")


@pytest.fixture
def unregistrable(monkeypatch: pytest.MonkeyPatch) -> None:
    """A registry that cannot be built; three entry points: one that imports not, one broken, one fine."""
    _use(monkeypatch, NAMELESS)
    points = [
        _entry_point("ghost", "hanpipe_no_such_plugin_module"),
        _entry_point("nameless", f"{__name__}:NAMELESS"),
        _entry_point("healthy", f"{__name__}:HEALTHY"),
    ]
    monkeypatch.setattr(cli_plugins, "_entry_points", lambda: points)


def test_cli_plugins_check_tests_each_plugin_alone_when_they_cannot_be_registered(
    unregistrable: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plugins", "--check"]) == 1
    captured = capsys.readouterr()
    assert "the installed plugins cannot be registered" in captured.err and "without a string 'name'" in captured.err
    lines = captured.out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("hanpipe_no_such_plugin_module: entry point ghost = hanpipe_no_such_plugin_module")
    assert "cannot be imported: ModuleNotFoundError" in lines[0]
    assert lines[1].startswith(f"{__name__}:NAMELESS (entry point nameless = {__name__}:NAMELESS): ")
    assert "without a string 'name'" in lines[1]


def test_cli_plugins_listing_says_why_when_they_cannot_be_registered(
    unregistrable: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plugins"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "without a string 'name'" in captured.err and "hanpipe plugins --check" in captured.err


def test_cli_plugins_entry_points_are_the_installed_group() -> None:
    names = {ep.name for ep in cli_plugins._entry_points()}
    assert {"hashtags", "testplugin", "webclean"} <= names
