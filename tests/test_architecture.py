"""Imports go one way: no cycles, no imports hidden in functions, the core knows no engine.

The graph is read from the source with :mod:`ast` (imports under
``if TYPE_CHECKING:`` are for annotations only and do not count).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "hanpipe"
#: the modules of the core: they know no engine and import no kernel
CORE = {
    "hanpipe",
    "hanpipe.api",
    "hanpipe.cli",
    "hanpipe.config",
    "hanpipe.document",
    "hanpipe.errors",
    "hanpipe.hookspecs",
    "hanpipe.overlaps",
    "hanpipe.pipeline",
    "hanpipe.registry",
    "hanpipe.testing",
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> list[str]:
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        target = ".".join([*base, node.module] if node.module else base)
    else:
        target = node.module or ""
    names = [f"{target}.{alias.name}" for alias in node.names]
    found = [n for n in names if n in MODULES]  # "from . import errors" imports a module
    return found or [target]


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(module: str) -> tuple[set[str], set[str]]:
    """(module-level imports, imports inside functions) of hanpipe modules."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    top: set[str] = set()
    nested: set[str] = set()

    def visit(node: ast.AST, inside: bool) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            return
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            inside = True
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            targets = _resolve(module, is_package, node)
        for target in targets:
            if target == "hanpipe" or target.startswith("hanpipe."):
                (nested if inside else top).add(target)
        for child in ast.iter_child_nodes(node):
            visit(child, inside)

    visit(tree, False)
    return top, nested


GRAPH = {module: _imports(module)[0] for module in MODULES}


def test_architecture_no_import_cycles() -> None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(module: str) -> None:
        state[module] = 1
        stack.append(module)
        for target in sorted(GRAPH.get(module, ())):
            target = target if target in GRAPH else target.rsplit(".", 1)[0]
            if target not in GRAPH or target == module:
                continue
            if state.get(target) == 1:
                cycle = [*stack[stack.index(target) :], target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if target not in state:
                walk(target)
        stack.pop()
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            walk(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_architecture_no_imports_hidden_in_functions(module: str) -> None:
    assert _imports(module)[1] == set(), "import at module level, or move the shared code to where both can import it"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m in CORE))
def test_architecture_core_knows_no_engine_and_no_kernel(module: str) -> None:
    for target in GRAPH[module]:
        assert not target.startswith("hanpipe.builtin"), f"{module} imports {target}"
        assert not target.endswith("_kernels") and target != "hanpipe._jit", f"{module} imports {target}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.startswith("hanpipe.builtin.")))
def test_architecture_engines_import_no_other_stage(module: str) -> None:
    stage = module.split(".")[2]
    for target in GRAPH[module]:
        if target.startswith("hanpipe.builtin."):
            assert target.split(".")[2] == stage, f"{module} imports {target}: share it through the core instead"


def test_architecture_every_stage_has_its_package() -> None:
    for stage in ("decode", "clean", "convert", "segment", "extract"):
        assert f"hanpipe.builtin.{stage}" in MODULES


def _engine_modules() -> set[str]:
    """The modules the built-in packages name in their EngineRefs."""
    found = set()
    for module in MODULES:
        if module.count(".") == 2 and module.startswith("hanpipe.builtin."):
            text = MODULES[module].read_text(encoding="utf-8")
            found.update(m.split(":")[0] for m in __import__("re").findall(r'"(hanpipe\.builtin\.[\w.]+:\w+)"', text))
    return found


ENGINE_MODULES = _engine_modules()


def test_architecture_engine_modules_are_found() -> None:
    assert {"hanpipe.builtin.segment.jieba", "hanpipe.builtin.segment.jieba_ref"} <= ENGINE_MODULES
    assert len(ENGINE_MODULES) >= 10


@pytest.mark.parametrize("module", sorted(ENGINE_MODULES))
def test_architecture_engines_do_not_import_one_another(module: str) -> None:
    others = (ENGINE_MODULES - {module}) & GRAPH[module]
    assert not others, f"{module} imports the engine module(s) {sorted(others)}: share through a helper module"
