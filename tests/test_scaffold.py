"""``hanpipe plugin new`` writes a package that passes its own tests, for every stage; and the contracts it uses.

Each generated package is tested three ways: its own tests run in a
subprocess with the package folder on ``PYTHONPATH``; a Pipeline built with
the generated module as a plugin finds the engine and runs it on hand-checked
inputs; ruff finds nothing in it. One slow test installs a package with pip
into a fresh virtual environment and finds its entry point with
``hanpipe plugins`` there.
"""

from __future__ import annotations

import dataclasses
import importlib.metadata
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import types
import venv
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import tomllib
from hypothesis import given
from hypothesis import strategies as st

import hanpipe
from hanpipe import Document, Entity, Tokens
from hanpipe._scaffold import ScaffoldError, Skeleton, check_name
from hanpipe.cli import main
from hanpipe.errors import PluginError
from hanpipe.registry import default_registry
from hanpipe.testing import (
    CleanerContract,
    ConverterContract,
    DecoderContract,
    ExtractorContract,
    SegmenterContract,
    check_signature,
)

STAGES = ("decode", "clean", "convert", "segment", "extract")
#: PEP 508's rule for a distribution name
DISTRIBUTION = re.compile(r"^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", re.I)


def _new(tmp_path: Path, name: str, stage: str) -> int:
    return main(["plugin", "new", "--stage", stage, "--dir", str(tmp_path), "--", name])


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def _env(*paths: Path) -> dict[str, str]:
    """This process's environment with ``paths`` first on PYTHONPATH."""
    env = dict(os.environ)
    path = os.pathsep.join([*map(str, paths), *filter(None, [env.get("PYTHONPATH")])])
    if path:
        env["PYTHONPATH"] = path
    return env


@pytest.fixture(params=STAGES)
def generated(request: pytest.FixtureRequest, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, Path]:
    stage = request.param
    assert _new(tmp_path, f"my-{stage}", stage) == 0
    capsys.readouterr()
    return stage, tmp_path / f"hanpipe-my-{stage}"


# -- what is written --------------------------------------------------------------------------------------


def test_scaffold_writes_the_four_files_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _new(tmp_path, "book-titles", "extract") == 0
    folder = tmp_path / "hanpipe-book-titles"
    assert _files(folder) == {
        "pyproject.toml", "README.md", "hanpipe_book_titles/__init__.py", "tests/test_book_titles.py",
    }  # fmt: skip
    assert capsys.readouterr().out.splitlines() == [
        f"created {folder}/ (hanpipe-book-titles: extract engine 'book-titles'):",
        "  pyproject.toml",
        "  README.md",
        "  hanpipe_book_titles/__init__.py",
        "  tests/test_book_titles.py",
        f"next: cd {folder} && pip install -e '.[test]' && pytest",
    ]


def test_scaffold_pyproject_declares_the_entry_point(generated: tuple[str, Path]) -> None:
    stage, folder = generated
    data = tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))
    project = data["project"]
    assert project["name"] == f"hanpipe-my-{stage}"
    assert project["entry-points"] == {"hanpipe": {f"my-{stage}": f"hanpipe_my_{stage}"}}
    assert project["optional-dependencies"]["test"] == ["pytest"]
    assert any(dep.startswith("hanpipe") for dep in project["dependencies"])
    assert data["tool"]["setuptools"]["packages"] == [f"hanpipe_my_{stage}"]


def test_scaffold_package_passes_its_own_tests(generated: tuple[str, Path]) -> None:
    stage, folder = generated
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-v", "-p", "no:cacheprovider"],
        cwd=folder, env=_env(folder), capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    passed = [test.split("::")[-1] for test in re.findall(r"::(\S+) PASSED", run.stdout)]
    assert "test_follows_the_protocol" in passed  # the contract ran
    assert any(name.startswith(f"test_my_{stage}_") for name in passed)  # and the behaviour tests
    assert not re.search(r"FAILED|ERROR|SKIPPED|XFAIL", run.stdout)


def _load(folder: Path, module: str, monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(module, folder / module / "__init__.py")
    assert spec is not None and spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, module, loaded)
    spec.loader.exec_module(loaded)
    return loaded


#: stage -> (pipeline configuration, input, what the document must show), checked by hand
FOUND: dict[str, tuple[dict[str, Any], Any, Any]] = {
    "decode": ({"decode": "my-decode", "clean": []}, "中文网页".encode("gb18030"), ("中文网页", "gb18030", 0.5)),
    "clean": ({"clean": ["my-clean"]}, "好！！！？？吗!!", "好！？吗!"),
    "convert": ({"convert": "my-convert"}, "萬與來說開", "万与来说開"),
    "segment": ({"segment": "my-segment"}, "AB12 中文x", ["AB12", "中", "文", "x"]),
    "extract": ({"extract": ["my-extract"]}, "读《三体》与《 》", [("《三体》", "三体", 1, 5)]),
}


def _shown(stage: str, doc: Document) -> Any:
    if stage == "decode":
        return doc.text, doc.meta["encoding"], doc.meta["confidence"]
    if stage in ("clean", "convert"):
        return doc.text
    if stage == "segment":
        return doc.words
    return [(e.text, e.value, e.start, e.end) for e in doc.entities]


def test_scaffold_engine_is_found_by_a_pipeline(generated: tuple[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    stage, folder = generated
    module = _load(folder, f"hanpipe_my_{stage}", monkeypatch)
    config, data, expected = FOUND[stage]
    base = {"convert": None, "segment": None, "extract": []}
    pipeline = hanpipe.Pipeline(plugins=[module], entry_points=False, **{**base, **config})
    assert pipeline.registry.info(stage, f"my-{stage}").distribution == f"hanpipe_my_{stage}"
    assert _shown(stage, pipeline.process(data)) == expected


def test_scaffold_code_passes_ruff(generated: tuple[str, Path]) -> None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed")
    _, folder = generated
    run = subprocess.run(
        [ruff, "check", "--isolated", "--select", "E,F,W,I,B,UP", "--line-length", "120", "."],
        cwd=folder, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr


# -- what is refused --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["", "Book", "1st", "-a", "a-", "a--b", "a__b", "a_", "a-_b", "with space", "a.b", "名字", "naïve", "a/b",
     "hanpipe-x", "hanpipe_x"],
)  # fmt: skip
def test_scaffold_refuses_a_name_that_cannot_name_a_package(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _new(tmp_path, name, "extract") == 2
    assert list(tmp_path.iterdir()) == []
    assert "hanpipe:" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "module", "distribution"),
    [
        ("a", "hanpipe_a", "hanpipe-a"),
        ("book-titles", "hanpipe_book_titles", "hanpipe-book-titles"),
        ("web_clean2", "hanpipe_web_clean2", "hanpipe-web-clean2"),
        ("x1-y2_z3", "hanpipe_x1_y2_z3", "hanpipe-x1-y2-z3"),
    ],
)
def test_scaffold_names_come_from_the_name(name: str, module: str, distribution: str, tmp_path: Path) -> None:
    assert _new(tmp_path, name, "segment") == 0
    assert (tmp_path / distribution / module / "__init__.py").is_file()
    skeleton = Skeleton(name, "segment")
    assert (skeleton.module, skeleton.distribution) == (module, distribution)


@given(st.text(alphabet="ab1-_ .Zé", max_size=8))
def test_scaffold_an_accepted_name_always_makes_a_module_and_a_distribution(name: str) -> None:
    try:
        check_name(name)
    except ScaffoldError:
        return
    skeleton = Skeleton(name, "extract")
    assert name.replace("-", "_").isidentifier()
    assert skeleton.module.isidentifier() and skeleton.module.isascii()
    assert DISTRIBUTION.match(skeleton.distribution)
    assert skeleton.cls.isidentifier()


def test_scaffold_never_writes_into_an_existing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "hanpipe-book-titles"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    assert _new(tmp_path, "book-titles", "extract") == 2
    assert _files(folder) == {"notes.txt"} and (folder / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert "already exists; nothing was written" in capsys.readouterr().err
    empty = tmp_path / "hanpipe-other"
    empty.mkdir()
    assert _new(tmp_path, "other", "clean") == 2 and list(empty.iterdir()) == []


def test_scaffold_never_replaces_a_file_of_that_name(tmp_path: Path) -> None:
    (tmp_path / "hanpipe-book-titles").write_text("mine", encoding="utf-8")
    assert _new(tmp_path, "book-titles", "extract") == 2
    assert (tmp_path / "hanpipe-book-titles").read_text(encoding="utf-8") == "mine"


def test_scaffold_refuses_a_missing_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _new(tmp_path / "nowhere", "book-titles", "extract") == 2
    assert not (tmp_path / "nowhere").exists()
    assert "is not a folder" in capsys.readouterr().err


def test_scaffold_refuses_the_name_of_an_installed_engine_of_that_stage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _new(tmp_path, "jieba", "segment") == 2
    assert "is installed already (from hanpipe)" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
    assert _new(tmp_path, "jieba", "extract") == 0  # another stage may use the name


def test_scaffold_leaves_nothing_behind_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = Path.write_text
    written: list[Path] = []

    def flaky(self: Path, *args: Any, **kwargs: Any) -> int:
        if written:
            raise OSError(28, "No space left on device")
        written.append(self)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", flaky)
    assert _new(tmp_path, "book-titles", "extract") == 1
    assert written and list(tmp_path.iterdir()) == []
    assert "No space left on device" in capsys.readouterr().err


def test_scaffold_stage_must_be_a_stage(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        _new(tmp_path, "x", "tokenize")
    assert exit_.value.code == 2 and list(tmp_path.iterdir()) == []


# -- one package really installed ---------------------------------------------------------------------------


def _builds_wheels_offline() -> bool:
    """Whether setuptools here builds a wheel without fetching anything (70.1 or later, or the wheel package)."""
    try:
        version = tuple(int(part) for part in importlib.metadata.version("setuptools").split(".")[:2])
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return False
    return version >= (70, 1) or importlib.util.find_spec("wheel") is not None


@pytest.mark.slow
def test_scaffold_package_installs_and_is_found_through_its_entry_point(tmp_path: Path) -> None:
    """pip install --no-deps into a fresh venv that sees this one's packages.

    Without build isolation and offline when this environment's setuptools can
    build a wheel by itself; otherwise pip fetches setuptools and wheel for the
    build from its configured index (skipped when there is none).

    The new environment sees this one's site-packages through a .pth file (a
    venv made from this one's python would see the base interpreter's
    packages instead), so hanpipe, pip, setuptools and pytest need not be
    installed again; the package itself goes into the new environment.
    """
    assert _new(tmp_path, "book-titles", "extract") == 0
    package = tmp_path / "hanpipe-book-titles"
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    here = [p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()]
    # this environment's packages (hanpipe, pip, setuptools) seen from the new one, .pth files included
    Path(site, "_parent_env.pth").write_text(
        "".join(f"import site; site.addsitedir({p!r})\n" for p in here), encoding="utf-8"
    )
    env = _env()
    # offline when this environment's setuptools can build a wheel; else pip fetches the build tools
    offline = ["--no-build-isolation", "--no-index"] if _builds_wheels_offline() else []
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", *offline, "-q", str(package)],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    output = install.stdout + install.stderr
    if install.returncode and not offline and re.search(r"No matching distribution|Could not find a version", output):
        pytest.skip("no package index to fetch setuptools and wheel from, and none installed here")
    assert install.returncode == 0, output
    assert Path(site, "hanpipe_book_titles", "__init__.py").is_file()  # installed into the new environment
    listed = subprocess.run(
        [str(python), "-m", "hanpipe", "plugins"], capture_output=True, text=True, timeout=120, env=env
    )
    assert listed.returncode == 0, listed.stderr
    (line,) = [line for line in listed.stdout.splitlines() if " book-titles " in line]
    assert line.split()[:3] == ["book-titles", "hanpipe-book-titles", "0.1.0"]
    tests = subprocess.run(
        [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=package / "tests", capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert tests.returncode == 0, tests.stdout + tests.stderr
    readme = (package / "README.md").read_text(encoding="utf-8")
    (example,) = re.findall(r"^```python\n(.*?)^```", readme, flags=re.S | re.M)
    ran = subprocess.run([str(python), "-c", example], capture_output=True, text=True, timeout=300, env=env)
    assert ran.returncode == 0, ran.stderr
    assert "value='三体'" in ran.stdout and "value='红楼梦'" in ran.stdout


# -- the contracts the skeletons subclass -----------------------------------------------------------------


class TestBuiltinDecoderFollowsTheDecoderContract(DecoderContract):
    byte_samples = tuple(data for data in DecoderContract.byte_samples if data)

    def make_engine(self) -> Any:
        return default_registry().build("decode", "auto").impl


def test_scaffold_builtin_decoder_confidence_of_empty_input_is_a_number() -> None:
    doc = default_registry().build("decode", "auto")(b"", encoding=None)
    assert doc.text == "" and doc.meta["confidence"] == 1.0


def _fails(contract: type, engine: Any, test: str) -> BaseException:
    """The failure of ``test`` of ``contract`` on ``engine`` (the test must fail)."""
    case = type("Case", (contract,), {"make_engine": lambda self: engine})()
    with pytest.raises((AssertionError, hanpipe.HanpipeError)) as failure:
        getattr(case, test)()
    return failure.value


class Latin1Always:
    """Ignores a forced encoding."""

    name = "latin1-always"

    def decode(self, data: bytes, *, encoding: str | None) -> Document:
        return Document.from_text(data.decode("latin-1"))


class ReturnsText:
    name = "returns-text"

    def decode(self, data: bytes, *, encoding: str | None) -> Any:
        return data.decode("latin-1")


class NewSource:
    """Makes a new document instead of editing the one it was given."""

    name = "new-source"

    def clean(self, doc: Document) -> Document:
        return Document.from_text(doc.text.upper())


class ForgetsMeta:
    name = "forgets-meta"

    def convert(self, doc: Document) -> Document:
        return dataclasses.replace(doc, meta={})


class Int64Spans:
    name = "int64-spans"

    def segment(self, text: str) -> Tokens:
        return Tokens(np.arange(len(text), dtype=np.int64), np.arange(1, len(text) + 1, dtype=np.int64))


class PastTheEnd:
    name = "past-the-end"

    def segment(self, text: str) -> Tokens:
        return Tokens.from_arrays([0], [len(text) + 1])


class OffByOne:
    name = "off-by-one"

    def extract(self, doc: Document) -> list[Entity]:
        return [Entity("x", 0, 1, doc.text[1:2])] if len(doc.text) > 1 else []


class NoDoc:
    name = "no-doc"

    def extract(self) -> list[Entity]:
        return []


@pytest.mark.parametrize(
    ("contract", "engine", "test", "says"),
    [
        (DecoderContract, Latin1Always(), "test_a_forced_encoding_is_used", "utf-8"),
        (DecoderContract, ReturnsText(), "test_any_bytes_give_a_document_with_a_true_alignment", "expected a Document"),
        (CleanerContract, NewSource(), "test_keeps_what_earlier_stages_did", "changed Document.source"),
        (ConverterContract, ForgetsMeta(), "test_keeps_what_earlier_stages_did", ""),
        (SegmenterContract, Int64Spans(), "test_spans_are_int32_and_inside_the_text", ""),
        (SegmenterContract, PastTheEnd(), "test_results_pass_the_pipeline_checks", "outside the text"),
        (ExtractorContract, OffByOne(), "test_results_pass_the_pipeline_checks", "does not match the text"),
        (ExtractorContract, NoDoc(), "test_follows_the_protocol", "extract(doc)"),
    ],
)
def test_scaffold_contracts_fail_an_engine_that_breaks_them(contract: type, engine: Any, test: str, says: str) -> None:
    failure = _fails(contract, engine, test)
    assert says in str(failure)
    if "pipeline_checks" in test or "source" in says:
        assert isinstance(failure, PluginError)


class _Static:
    name = "static"

    @staticmethod
    def extract(doc: Document) -> list[Entity]:
        return []


class _Class:
    name = "class"

    @classmethod
    def segment(cls, text: str) -> Tokens:
        return Tokens.from_arrays([], [])


class _Loose:
    name = "loose"

    def decode(self, *args: Any, **kwargs: Any) -> Document:
        return Document.from_text("")


class _Positional:
    name = "positional"

    def decode(self, data: bytes, encoding: str | None = None) -> Document:
        return Document.from_text("")


class _Extra:
    name = "extra"

    def clean(self, doc: Document, strict: bool) -> Document:
        return doc


class _NoKeyword:
    name = "no-keyword"

    def decode(self, data: bytes, enc: str | None = None) -> Document:
        return Document.from_text("")


@pytest.mark.parametrize(
    ("stage", "cls", "ok"),
    [
        ("extract", _Static, True),
        ("segment", _Class, True),
        ("decode", _Loose, True),
        ("decode", _Positional, True),
        ("clean", _Extra, False),
        ("decode", _NoKeyword, False),
        ("extract", NoDoc, False),
    ],
)
def test_scaffold_check_signature_accepts_what_the_pipeline_can_call(stage: str, cls: type, ok: bool) -> None:
    problem = check_signature(stage, cls)
    assert (problem is None) == ok, problem
