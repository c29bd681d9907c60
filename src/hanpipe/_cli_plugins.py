"""``hanpipe plugins [--check]`` and ``hanpipe plugin new``: the installed engines, and a new plugin's skeleton."""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from ._scaffold import ScaffoldError, Skeleton, check_name, write
from .config import DEFAULT, STAGES
from .errors import HanpipeError
from .hookspecs import check_signature
from .registry import EngineInfo, Registry, default_registry

__all__ = ["new_plugin_command", "plugins_command"]


def _say(text: str) -> None:
    """A line on stderr; a closed stderr is no reason to fail."""
    try:
        print(text, file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


_LEGEND = "* in the default pipeline (hanpipe.config.DEFAULT)"


def _version(distribution: str, known: dict[str, str]) -> str:
    """The installed version of ``distribution``; empty for a plugin object that is not a distribution."""
    if distribution not in known:
        try:
            known[distribution] = importlib.metadata.version(distribution)
        except (importlib.metadata.PackageNotFoundError, ValueError):
            known[distribution] = ""
    return known[distribution]


def _problem(info: EngineInfo) -> str | None:
    """Why the engine cannot be used, naming it: its class cannot be loaded or does not follow its protocol."""
    label = f"{info.stage} engine {info.name!r} from {info.distribution}"
    try:
        cls = info.cls  # imports a referenced class and checks it against the stage's protocol
    except HanpipeError as exc:
        return str(exc)  # names the engine and its distribution
    except Exception as exc:
        return f"{label}: {type(exc).__name__}: {exc}"
    try:
        info.options()
    except Exception as exc:
        return f"{label}: its options cannot be read from __init__: {type(exc).__name__}: {exc}"
    why = check_signature(info.stage, cls)
    return None if why is None else f"{label}: {why}"


def _why(exc: BaseException) -> str:
    """An error's message; an unexpected error's type too."""
    return str(exc) if isinstance(exc, HanpipeError) else f"{type(exc).__name__}: {exc}"


def _entry_points() -> Iterable[importlib.metadata.EntryPoint]:
    """The installed entry points of the group ``hanpipe``."""
    return importlib.metadata.entry_points(group="hanpipe")


def _alone() -> list[str]:
    """Each installed plugin registered on its own: what is wrong with each one that fails."""
    problems = []
    for ep in _entry_points():
        dist = ep.dist.name if ep.dist is not None else ep.value
        try:
            plugin = ep.load()
        except Exception as exc:
            problems.append(f"{dist}: entry point {ep.name} = {ep.value} cannot be imported: {_why(exc)}")
            continue
        try:
            Registry([plugin], entry_points=False)
        except Exception as exc:
            problems.append(f"{dist} (entry point {ep.name} = {ep.value}): {_why(exc)}")
    return problems


def _registry(check: bool) -> Registry | None:
    """The registry the CLI lists; None, with the reasons said, when the plugins cannot be registered."""
    try:
        return default_registry()
    except Exception as exc:
        _say(f"hanpipe: the installed plugins cannot be registered: {_why(exc)}")
        if not check:
            _say("hanpipe: run 'hanpipe plugins --check' to test each installed plugin on its own")
            return None
        for problem in _alone():
            print(problem)
        return None


def plugins_command(args: argparse.Namespace) -> int:
    registry = _registry(args.check)
    if registry is None:
        return 1
    return _check(registry) if args.check else _list(registry)


def _list(registry: Registry) -> int:
    versions: dict[str, str] = {}
    broken = 0
    for stage in STAGES:
        print(f"{stage}:")
        default = {engine.engine for engine in DEFAULT.engines(stage)}
        for name, info in sorted(registry.engines[stage].items()):
            mark = "*" if name in default else " "
            source = f"{info.distribution} {_version(info.distribution, versions)}".rstrip()
            try:
                options = info.options()
            except Exception:
                broken += 1
                print(f"  {mark} {name:<16} {source:<28} fails to load (hanpipe plugins --check says why)")
                continue
            opts = "any" if options is None else (", ".join(options) or "-")
            print(f"  {mark} {name:<16} {source:<28} options: {opts}")
    print(_LEGEND)
    if broken:
        _say(f"hanpipe: {broken} engine(s) fail to load; run 'hanpipe plugins --check'")
        return 1
    return 0


def _check(registry: Registry) -> int:
    infos = [info for stage in STAGES for _, info in sorted(registry.engines[stage].items())]
    failed = 0
    for info in infos:
        problem = _problem(info)
        if problem is not None:
            failed += 1
            print(f"FAILED {problem}")
    if failed:
        print(f"hanpipe plugins --check: {failed} of {len(infos)} engines failed")
        return 1
    print(f"hanpipe plugins --check: all {len(infos)} engines load and follow their stage's protocol")
    return 0


def new_plugin_command(args: argparse.Namespace) -> int:
    try:
        name = check_name(args.name)
        skeleton = Skeleton(name, args.stage)
        taken = _taken(args.stage, name)
        if taken is not None:
            article = "an" if args.stage[0] in "aeiou" else "a"
            raise ScaffoldError(
                f"{article} {args.stage} engine named {name!r} is installed already (from {taken}); "
                "two engines of one stage cannot share a name: choose another"
            )
        folder, files = write(name, args.stage, Path(args.dir))
    except ScaffoldError as exc:
        _say(f"hanpipe: {exc}")
        return 2
    except OSError as exc:  # the skeleton's folder was removed again
        _say(f"hanpipe: cannot write the skeleton into {args.dir!r}: {exc.strerror or exc}; nothing was left behind")
        return 1
    print(f"created {folder}{os.sep} ({skeleton.distribution}: {args.stage} engine {name!r}):")
    for relative in files:
        print(f"  {relative}")
    print(f"next: cd {folder} && pip install -e '.[test]' && pytest")
    return 0


def _taken(stage: str, name: str) -> str | None:
    """The distribution of an installed engine of ``stage`` named ``name`` (None if there is none)."""
    try:
        table = default_registry().engines[stage]
    except Exception:  # broken plugins are for 'hanpipe plugins --check' to report; they take no name
        return None
    return table[name].distribution if name in table else None
