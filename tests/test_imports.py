"""Importing the package is lazy, and the API names survive any import order.

Each case runs in a new interpreter, since the point is what an import does
to a fresh ``sys.modules``.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from hanpipe import ConfigError, PluginError, hookimpl
from hanpipe.hookspecs import EngineRef
from hanpipe.registry import Registry

API = ("convert", "decode", "extract", "segment")

CHECK_API = (
    "import hanpipe, hanpipe.api, json\n"
    f"print(json.dumps({{n: getattr(hanpipe, n) is getattr(hanpipe.api, n) for n in {API!r}}}))\n"
)


def _run(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize(
    "first",
    [
        "import hanpipe",
        "import hanpipe.builtin.convert.opencc",
        "from hanpipe.builtin.extract import numbers",
        "from hanpipe.builtin.segment.jieba import JiebaSegmenter",
        "import hanpipe.builtin.decode.auto, hanpipe.builtin.segment, hanpipe.builtin.extract",
        "from hanpipe import convert, decode, extract, segment",
        "import hanpipe; hanpipe.convert; import hanpipe.builtin.convert.opencc",
        "from hanpipe.pipeline import Pipeline; Pipeline(convert=None, extract=None)",
        "import hanpipe.cli",
    ],
)
def test_imports_api_names_stay_functions(first: str) -> None:
    results = json.loads(_run(first + "\n" + CHECK_API))
    assert results == dict.fromkeys(API, True)


def test_imports_from_import_gives_the_functions() -> None:
    code = (
        "import hanpipe.builtin.extract.numbers, hanpipe.builtin.segment.jieba\n"
        "from hanpipe import extract, segment\n"
        "import hanpipe.api as api\n"
        "print(extract is api.extract and segment is api.segment)\n"
    )
    assert _run(code) == "True"


def test_imports_every_public_name_resolves() -> None:
    code = (
        "import hanpipe\n"
        "missing = [n for n in hanpipe.__all__ if getattr(hanpipe, n, None) is None]\n"
        "print(missing, set(hanpipe.__all__) <= set(dir(hanpipe)))\n"
    )
    assert _run(code) == "[] True"


def test_imports_star_import() -> None:
    code = "from hanpipe import *\nprint(callable(convert) and Pipeline.__name__ == 'Pipeline')\n"
    assert _run(code) == "True"


HEAVY = (
    "numba",
    "hanpipe._jit",
    "hanpipe.builtin.convert.opencc",
    "hanpipe.builtin.decode.auto",
    "hanpipe.builtin.clean.mojibake",
    "hanpipe.builtin.extract.numbers",
    "hanpipe.builtin.extract.dates",
    "hanpipe.builtin.segment.jieba",
)


def _loaded(code: str, names: tuple[str, ...] = HEAVY) -> list[str]:
    probe = f"\nimport sys, json\nprint(json.dumps([m for m in {names!r} if m in sys.modules]))\n"
    return list(json.loads(_run(code + probe)))


def test_imports_package_imports_no_engine_module() -> None:
    assert _loaded("import hanpipe") == []
    assert _loaded("import hanpipe\nhanpipe.Pipeline, hanpipe.Document, hanpipe.convert") == []


def test_imports_registry_imports_no_engine_module() -> None:
    assert _loaded("from hanpipe.registry import Registry\nRegistry(entry_points=False)") == []


def test_imports_segmenter_imports_only_its_stage() -> None:
    loaded = _loaded("from hanpipe.builtin.segment.jieba import JiebaSegmenter")
    assert loaded == ["numba", "hanpipe._jit", "hanpipe.builtin.segment.jieba"]


def test_imports_pipeline_imports_the_engines_it_builds() -> None:
    code = (
        "import hanpipe\n"
        "hanpipe.Pipeline(convert=None, extract=None, clean=None, segment='jieba', entry_points=False)"
    )
    assert _loaded(code) == ["numba", "hanpipe._jit", "hanpipe.builtin.decode.auto", "hanpipe.builtin.segment.jieba"]


def test_imports_builtin_engine_references_load_their_classes() -> None:
    code = (
        "from hanpipe.builtin import clean, convert, decode, extract, segment\n"
        "refs = [r for p in (decode, clean, convert, segment, extract) for r in p.ENGINES]\n"
        "print(all(r.load().name == r.name for r in refs), len(refs))\n"
    )
    assert _run(code) == "True 21"


def test_imports_builtin_packages_import_no_engine_module() -> None:
    code = "from hanpipe.builtin import clean, convert, decode, extract, segment"
    assert _loaded(code) == []


class _RefPlugin:
    """Registers engines by reference, as the built-in stages do."""

    def __init__(self, *refs: object) -> None:
        self.refs = refs

    @hookimpl
    def hanpipe_register_segmenters(self, register):  # type: ignore[no-untyped-def]
        for ref in self.refs:
            register(ref)


def test_imports_engine_ref_is_loaded_when_built() -> None:
    ref = EngineRef("jieba-again", "hanpipe.builtin.segment.jieba_ref:JiebaRefSegmenter")
    registry = Registry([_RefPlugin(ref)], entry_points=False)
    info = registry.info("segment", "jieba-again")
    assert info.target is ref
    with pytest.raises(ConfigError, match=r"'jieba-again' .* is named 'jieba-ref'"):
        registry.build("segment", "jieba-again")


def test_imports_engine_ref_that_cannot_be_imported_is_a_plugin_error() -> None:
    registry = Registry([_RefPlugin(EngineRef("nowhere", "hanpipe_no_such_module:Seg"))], entry_points=False)
    assert "nowhere" in registry.engines["segment"]
    with pytest.raises(PluginError, match=r"segment engine 'nowhere' .* could not be loaded"):
        registry.build("segment", "nowhere")


def test_imports_engine_ref_duplicate_names_are_an_error() -> None:
    with pytest.raises(ConfigError, match=r"two segment engines are named 'jieba'"):
        Registry([_RefPlugin(EngineRef("jieba", "x:y"))], entry_points=False)


def test_imports_package_is_free_of_numpy() -> None:
    assert _loaded("import hanpipe\nhanpipe.hookimpl, hanpipe.EngineRef, hanpipe.ConfigError", ("numpy",)) == []
