"""The plugin manager: finds engines, builds them by name, wraps their failures.

Built-in engines live in ``DEFAULT_PLUGINS`` and register through the same
hooks as third-party ones, which are found through the entry-point group
``hanpipe``. ``DEFAULT_CONFIG`` names the engines a plain ``Pipeline()`` uses.

``register`` takes an engine class or an :class:`EngineRef` (a name and where
the class lives). The built-in engines register references, so building a
registry imports no engine module; an engine's module is imported when the
engine is built or its class is asked for.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import sys
import types
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pluggy

from .errors import ConfigError, HanpipeError, PluginError

__all__ = [
    "DEFAULT_CONFIG",
    "DEFAULT_PLUGINS",
    "STAGES",
    "Engine",
    "EngineInfo",
    "EngineRef",
    "EngineTable",
    "Registrar",
    "Registry",
    "default_registry",
    "hookimpl",
    "lazy_getattr",
    "register_table",
]

hookimpl = pluggy.HookimplMarker("hanpipe")

#: stage name -> the hook that registers its engines
STAGES: dict[str, str] = {
    "decode": "hanpipe_register_detectors",
    "clean": "hanpipe_register_cleaners",
    "convert": "hanpipe_register_converters",
    "segment": "hanpipe_register_segmenters",
    "extract": "hanpipe_register_extractors",
}

#: stage name -> the method the stage calls on its engine
METHODS: dict[str, str] = {
    "decode": "decode",
    "clean": "clean",
    "convert": "convert",
    "segment": "segment",
    "extract": "extract",
}

DEFAULT_PLUGINS: tuple[str, ...] = (
    "hanpipe.decode",
    "hanpipe.convert",
    "hanpipe.segment",
    "hanpipe.extract",
)

#: what ``Pipeline()`` runs; single-engine stages name one engine, the
#: others a list run in order.
DEFAULT_CONFIG: dict[str, Any] = {
    "decode": "auto",
    "clean": ["mojibake", "entities", "newlines", "spaces", "width", "pinyin", "damaged"],
    "convert": "opencc",
    "segment": "jieba",
    "extract": ["number", "percent", "money", "quantity", "date", "time", "email", "url", "phone"],
}

MULTI_STAGES = frozenset({"clean", "extract"})

BUILTIN_DISTRIBUTION = "hanpipe"


@dataclass(frozen=True)
class EngineRef:
    """An engine class named by where it lives: ``EngineRef("jieba", "hanpipe.segment.jieba:JiebaSegmenter")``.

    ``register`` accepts one in place of the class; the module is imported
    when the engine is first built or its class is asked for, and the class's
    ``name`` must equal ``name``.
    """

    name: str
    target: str

    def load(self) -> type:
        module, _, attr = self.target.partition(":")
        cls = getattr(importlib.import_module(module), attr)
        if not isinstance(cls, type):
            raise TypeError(f"{self.target} is not a class")
        return cls


#: the ``register`` callable a hook receives: it takes an engine class or an EngineRef
Registrar = Callable[[type | EngineRef], None]

#: a stage package's engines: class name -> (engine name, module relative to the package)
EngineTable = Mapping[str, tuple[str, str]]


def register_table(register: Registrar, package: str, engines: EngineTable) -> None:
    """Register every engine of ``package``'s table as an :class:`EngineRef`, in table order."""
    for cls, (name, module) in engines.items():
        register(EngineRef(name, f"{package}{module}:{cls}"))


def lazy_getattr(
    package: str, engines: EngineTable, groups: Mapping[str, Iterable[str]] | None = None
) -> Callable[[str], Any]:
    """A module ``__getattr__`` (PEP 562) for a stage package.

    It imports an engine class of ``engines``, or a tuple of them named in
    ``groups``, on first use and keeps it in the package's namespace.
    """
    namespace = sys.modules[package].__dict__
    grouped = {key: tuple(names) for key, names in (groups or {}).items()}

    def __getattr__(name: str) -> Any:
        value: Any
        if name in grouped:
            value = tuple(__getattr__(cls) for cls in grouped[name])
        elif name in engines:
            value = getattr(importlib.import_module(engines[name][1], package), name)
        else:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        namespace[name] = value
        return value

    return __getattr__


@dataclass(frozen=True)
class EngineInfo:
    stage: str
    name: str
    #: the engine class, or a reference to it that :attr:`cls` resolves
    target: type | EngineRef
    distribution: str

    @property
    def cls(self) -> type:
        """The engine class (imported now if it was registered as an :class:`EngineRef`)."""
        if isinstance(self.target, type):
            return self.target
        try:
            cls = self.target.load()
        except Exception as exc:
            raise _plugin_error(self, f"could not be loaded from {self.target.target}", exc) from exc
        if getattr(cls, "name", None) != self.name:
            raise ConfigError(
                f"{self.stage} engine {self.name!r} from {self.distribution}: {self.target.target} "
                f"is named {getattr(cls, 'name', None)!r}"
            )
        _check_method(self.stage, self.name, cls, self.distribution)
        return cls

    def options(self) -> list[str] | None:
        """Keyword options the engine accepts; ``None`` if it takes any."""
        params = inspect.signature(self.cls).parameters.values()
        if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params):
            return None
        return [p.name for p in params if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)]


class Engine:
    """A built engine; calls through it turn failures into ``PluginError``."""

    __slots__ = ("_method", "impl", "info")

    def __init__(self, info: EngineInfo, impl: Any) -> None:
        self.info = info
        self.impl = impl
        self._method = getattr(impl, METHODS[info.stage])

    @property
    def name(self) -> str:
        return self.info.name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return self._method(*args, **kwargs)
        except HanpipeError:
            raise
        except Exception as exc:
            raise _plugin_error(self.info, "failed", exc) from exc


def _check_method(stage: str, name: str, cls: type, dist: str) -> None:
    if not callable(getattr(cls, METHODS[stage], None)):
        raise ConfigError(f"{stage} engine {name!r} from {dist} has no {METHODS[stage]}() method")


def _plugin_error(info: EngineInfo, what: str, exc: BaseException) -> PluginError:
    return PluginError(
        f"{info.stage} engine {info.name!r} from {info.distribution} {what}: {type(exc).__name__}: {exc}",
        stage=info.stage,
        engine=info.name,
        distribution=info.distribution,
    )


class Registry:
    """Every engine the installed plugins provide, by stage and name."""

    def __init__(self, plugins: Iterable[object] = (), *, entry_points: bool = True) -> None:
        from . import hookspecs

        pm = pluggy.PluginManager("hanpipe")
        pm.add_hookspecs(hookspecs)
        builtin: set[int] = set()
        for modname in DEFAULT_PLUGINS:
            module = importlib.import_module(modname)
            pm.register(module, name=modname)
            builtin.add(id(module))
        for plugin in plugins:
            pm.register(plugin)
        if entry_points:
            pm.load_setuptools_entrypoints("hanpipe")
        pm.check_pending()
        dists = {id(p): d.project_name for p, d in pm.list_plugin_distinfo()}
        self.pm = pm
        self.engines: dict[str, dict[str, EngineInfo]] = {stage: {} for stage in STAGES}
        for stage, hookname in STAGES.items():
            for impl in getattr(pm.hook, hookname).get_hookimpls():
                if id(impl.plugin) in builtin:
                    dist = BUILTIN_DISTRIBUTION
                else:
                    dist = dists.get(id(impl.plugin)) or _label(impl.plugin)
                self._collect(stage, impl, dist)

    def _collect(self, stage: str, impl: Any, dist: str) -> None:
        table = self.engines[stage]

        def register(cls: type | EngineRef) -> None:
            name = getattr(cls, "name", None)
            if not isinstance(name, str) or not name:
                raise ConfigError(f"{dist} registered a {stage} engine {cls!r} without a string 'name'")
            if not isinstance(cls, EngineRef):
                _check_method(stage, name, cls, dist)
            if name in table:
                raise ConfigError(
                    f"two {stage} engines are named {name!r}: one from {table[name].distribution}, "
                    f"one from {dist}; uninstall one of them"
                )
            table[name] = EngineInfo(stage, name, cls, dist)

        try:
            impl.function(register=register)
        except HanpipeError:
            raise
        except Exception as exc:
            info = EngineInfo(stage, impl.plugin_name, object, dist)
            raise _plugin_error(info, "failed to register", exc) from exc

    def info(self, stage: str, name: str) -> EngineInfo:
        if stage not in self.engines:
            raise ConfigError(f"no stage named {stage!r}; stages: {', '.join(STAGES)}")
        table = self.engines[stage]
        if name not in table:
            known = ", ".join(sorted(table)) or "none"
            raise ConfigError(f"no {stage} engine named {name!r}; installed: {known}. Try: pip install hanpipe-{name}")
        return table[name]

    def build(self, stage: str, name: str, options: Mapping[str, Any] | None = None) -> Engine:
        """Instantiate engine ``name`` of ``stage`` with ``options``."""
        info = self.info(stage, name)
        options = dict(options or {})
        accepted = info.options()
        if accepted is not None:
            unknown = sorted(set(options) - set(accepted))
            if unknown:
                raise ConfigError(
                    f"{stage} engine {name!r} has no option {unknown[0]!r}; options: {', '.join(accepted) or 'none'}"
                )
        try:
            impl = info.cls(**options)
        except HanpipeError:
            raise
        except Exception as exc:
            raise _plugin_error(info, "could not be built", exc) from exc
        return Engine(info, impl)


def _label(plugin: object) -> str:
    """A readable name for a plugin that was not installed as a distribution."""
    if isinstance(plugin, types.ModuleType):
        return plugin.__name__
    cls = type(plugin)
    return f"{cls.__module__}.{cls.__qualname__}"


@functools.lru_cache(maxsize=2)
def default_registry(entry_points: bool = True) -> Registry:
    """The registry of built-in and installed plugins, built once per process."""
    return Registry(entry_points=entry_points)
