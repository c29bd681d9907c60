"""The plugin manager: finds engines, builds them by name, wraps their failures.

The built-in engines (the packages of ``hanpipe.builtin``, named in
``DEFAULT_PLUGINS``) register through the same hooks as third-party ones,
which are found through the entry-point group ``hanpipe``.

``register`` takes an engine class or an :class:`EngineRef` (a name and where
the class lives). The built-in engines register references, so building a
registry imports no engine module; an engine's module is imported when the
engine is built or its class is asked for.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import types
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata
from typing import Any

import pluggy

from . import hookspecs
from ._options import explain, option_types
from .batch import Batch, join_entities, owners, split_tokens
from .config import STAGES, thaw
from .document import Document, Entities, Entity, Tokens
from .errors import ConfigError, DecodeError, DictionaryError, HanpipeError, InputError, PluginError
from .hookspecs import BATCH_METHODS, HOOKS, EngineRef, check_engine_class

__all__ = ["DEFAULT_PLUGINS", "KNOWN_PLUGINS", "Engine", "EngineInfo", "Registry", "default_registry"]

#: the built-in engines' packages, registered before any installed plugin
DEFAULT_PLUGINS: tuple[str, ...] = (
    "hanpipe.builtin.decode",
    "hanpipe.builtin.clean",
    "hanpipe.builtin.convert",
    "hanpipe.builtin.segment",
    "hanpipe.builtin.extract",
)

#: engines of known plugins that are not installed by default -> how to install them
KNOWN_PLUGINS: dict[tuple[str, str], str] = {
    ("extract", "hashtag"): "./plugins/hanpipe-hashtags (from a hanpipe checkout)",
    ("extract", "mention"): "./plugins/hanpipe-hashtags (from a hanpipe checkout)",
    ("convert", "opencc-ref"): "./plugins/hanpipe-opencc-ref (from a hanpipe checkout)",
}

BUILTIN_DISTRIBUTION = "hanpipe"
#: the entry-point group third-party plugins are found through
ENTRY_POINT_GROUP = "hanpipe"

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
        check_engine_class(self.stage, cls, plugin=self.distribution)
        return cls

    def options(self) -> list[str] | None:
        """Keyword options the engine accepts; ``None`` if it takes any."""
        params = inspect.signature(self.cls).parameters.values()
        if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params):
            return None
        return [p.name for p in params if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)]


class Engine:
    """A built engine. A call through it runs the engine, consumes and checks
    what it returns, and turns any failure into a :class:`PluginError` naming
    the stage, the engine and its distribution.

    A built-in engine's results are taken as they come (entities made columns,
    a batch's tokens split per document) without the checks of their values:
    those run in the test suite instead, where every built-in engine passes
    the contracts of :mod:`hanpipe.testing` through the checking wrapper, and
    they cost a call a tenth of its time on a short text.

    Errors that are about the input or the configuration (``DecodeError``,
    ``ConfigError``, ``DictionaryError``) pass through as they are.
    """

    __slots__ = ("_batch_check", "_batch_method", "_check", "_method", "impl", "info")

    def __init__(self, info: EngineInfo, impl: Any) -> None:
        self.info = info
        self.impl = impl
        self._method = getattr(impl, info.stage)
        builtin = info.distribution == BUILTIN_DISTRIBUTION
        self._check = (_BUILTIN_RESULTS if builtin else _RESULT_CHECKS)[info.stage]
        self._batch_check = (_BUILTIN_BATCH_RESULTS if builtin else _BATCH_CHECKS).get(info.stage, _as_given)
        batch = BATCH_METHODS.get(info.stage)
        self._batch_method = getattr(impl, batch, None) if batch else None

    @property
    def name(self) -> str:
        return self.info.name

    def __call__(self, subject: Any, **kwargs: Any) -> Any:
        try:
            return self._check(subject, self._method(subject, **kwargs))
        except _PASS_THROUGH:
            raise
        except Exception as exc:
            raise _plugin_error(self.info, "failed", exc) from exc

    def on(self, doc: Document) -> Any:
        """The engine on one document as the pipeline calls it (a segmenter gets the text)."""
        return self(doc.text if self.info.stage == "segment" else doc)

    @property
    def has_batch_form(self) -> bool:
        return self._batch_method is not None

    def batch(self, batch: Batch) -> Any:
        """The engine's batch form over ``batch``, its result checked and split as :meth:`run_batch` returns it.

        Raises :class:`PluginError` when it fails or returns what the
        per-document method could not have (a token or entity across a
        document bound, a wrong number of documents).
        """
        if self._batch_method is None:
            raise ConfigError(f"{self.info.stage} engine {self.info.name!r} has no batch form")
        try:
            return self._batch_check(batch, self._batch_method(batch))
        except _PASS_THROUGH:
            raise
        except Exception as exc:
            raise _plugin_error(self.info, "failed on a batch", exc) from exc

    def run_batch(self, batch: Batch) -> tuple[Any, dict[int, Exception]]:
        """The engine over every document of ``batch``: its results, and the documents it failed on.

        Results are the stage's: one Document per document (clean, convert),
        one Tokens per document (segment), or entities over ``batch.text``
        (extract; none for a failed document). The batch form runs when the
        engine has one and the batch is joinable; if it fails or returns
        nonsense, every document is run alone, so only the one at fault fails.
        """
        if self._batch_method is not None and batch.joinable and len(batch):
            try:
                return self.batch(batch), {}
            except Exception:  # each document alone says which one is at fault
                pass
        stage = self.info.stage
        failed: dict[int, Exception] = {}
        results: list[Any] = []
        for i, doc in enumerate(batch):
            try:
                results.append(self.on(doc))
            except Exception as exc:
                failed[i] = exc
                results.append(doc if stage in ("clean", "convert") else _NOTHING[stage])
        if stage == "extract":
            return join_entities(batch, results), failed
        return results, failed


#: errors an engine may raise on purpose: they say what is wrong with the input or the configuration
_PASS_THROUGH = (PluginError, DecodeError, ConfigError, DictionaryError)


def _expect(value: Any, kind: type, what: str) -> Any:
    if not isinstance(value, kind):
        raise TypeError(f"returned {type(value).__name__}, expected {what}")
    return value


def _check_document(before: Any, after: Any) -> Document:
    doc = _expect(after, Document, "a Document")
    if isinstance(before, Document) and doc.source != before.source:
        raise ValueError("changed Document.source; edit the text with doc.apply_edits() or doc.rewrite()")
    return doc


def _check_tokens(text: str, tokens: Any) -> Tokens:
    tokens = _expect(tokens, Tokens, "Tokens")
    n = len(tokens)
    if n and (int(tokens.starts.min()) < 0 or int(tokens.ends.max()) > len(text)):
        raise ValueError(f"returned token spans outside the text (length {len(text)})")
    if n and bool((tokens.starts > tokens.ends).any()):
        raise ValueError("returned a token that ends before it starts")
    return tokens


def _check_entities(doc: Document, found: Any) -> Entities:
    if found is None or isinstance(found, (str, bytes, Entity)):
        raise TypeError(f"returned {type(found).__name__}, expected an iterable of Entity or Entities")
    if not found and isinstance(found, (list, tuple, Entities)):  # nothing found: nothing to check
        return found if isinstance(found, Entities) else Entities.empty()
    ents = Entities.of(found)  # consumes a generator: its failures are this engine's
    try:
        ents.check(doc.text, doc.code_points if len(ents) else None)  # a document keeps its code points
    except InputError as exc:  # the engine's result is at fault, not the input
        raise ValueError(f"returned an {exc}") from None
    return ents


_RESULT_CHECKS: dict[str, Callable[[Any, Any], Any]] = {
    "decode": _check_document,
    "clean": _check_document,
    "convert": _check_document,
    "segment": _check_tokens,
    "extract": _check_entities,
}


def _check_documents(batch: Batch, docs: Any) -> list[Document]:
    docs = list(docs)
    if len(docs) != len(batch):
        raise ValueError(f"returned {len(docs)} documents for a batch of {len(batch)}")
    for before, after in zip(batch, docs):
        if after is not before:  # a document handed back as it came needs no look
            _check_document(before, after)
    return docs


def _check_batch_tokens(batch: Batch, tokens: Any) -> list[Tokens]:
    return split_tokens(batch, _check_tokens(batch.text, tokens))


def _check_batch_entities(batch: Batch, found: Any) -> Entities:
    ents = _check_entities(batch.joined, found)
    if (owners(batch, ents.start, ents.end) < 0).any():
        raise ValueError("returned an entity that crosses a document bound")
    return ents


_BATCH_CHECKS: dict[str, Callable[[Batch, Any], Any]] = {
    "clean": _check_documents,
    "convert": _check_documents,
    "segment": _check_batch_tokens,
    "extract": _check_batch_entities,
}


def _as_given(subject: Any, result: Any) -> Any:
    return result


def _entity_columns(subject: Any, found: Any) -> Entities:
    return Entities.of(found)


def _documents_as_given(batch: Batch, docs: Any) -> list[Document]:
    return list(docs)


#: what the pipeline needs of a built-in engine's result: its form, unchecked (see :class:`Engine`)
_BUILTIN_RESULTS: dict[str, Callable[[Any, Any], Any]] = {
    "decode": _as_given,
    "clean": _as_given,
    "convert": _as_given,
    "segment": _as_given,
    "extract": _entity_columns,
}
_BUILTIN_BATCH_RESULTS: dict[str, Callable[[Batch, Any], Any]] = {
    "clean": _documents_as_given,
    "convert": _documents_as_given,
    "segment": split_tokens,
    "extract": _entity_columns,
}

_NOTHING: dict[str, Any] = {"segment": Tokens.from_arrays([], []), "extract": Entities.empty()}


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
        pm = pluggy.PluginManager("hanpipe")
        pm.add_hookspecs(hookspecs)
        builtin: set[int] = set()
        for modname in DEFAULT_PLUGINS:
            module = importlib.import_module(modname)
            pm.register(module, name=modname)
            builtin.add(id(module))
        dists: dict[int, str] = {}
        if entry_points:
            for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
                if pm.get_plugin(ep.name) is not None or pm.is_blocked(ep.name):
                    continue
                dist = ep.dist.name if ep.dist is not None else ep.value
                try:
                    plugin = ep.load()
                except Exception as exc:
                    raise PluginError(
                        f"the plugin {ep.name!r} ({ep.value}) from {dist} could not be loaded: "
                        f"{type(exc).__name__}: {exc}; reinstall or uninstall {dist}",
                        stage="",
                        engine=ep.name,
                        distribution=dist,
                    ) from exc
                if not pm.is_registered(plugin):
                    pm.register(plugin, name=ep.name)
                dists[id(plugin)] = dist
        for plugin in plugins:
            if not pm.is_registered(plugin):  # an installed plugin given again is registered once
                pm.register(plugin)
        pm.check_pending()
        self.pm = pm
        self.engines: dict[str, dict[str, EngineInfo]] = {stage: {} for stage in STAGES}
        for stage in STAGES:
            for hookname in HOOKS[stage]:
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
                check_engine_class(stage, cls, plugin=dist)
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
            where = KNOWN_PLUGINS.get((stage, name))
            hint = f"pip install {where}" if where else "hanpipe plugins (lists every engine and its distribution)"
            raise ConfigError(f"no {stage} engine named {name!r}; installed: {known}. Try: {hint}")
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
        options = {key: thaw(value) for key, value in options.items()}  # as the user gave them
        expected = option_types(info.cls)
        for option, value in options.items():
            why = explain(expected[option], value) if option in expected else None
            if why is not None:
                raise ConfigError(f"{stage} engine {name!r}: option {option!r} {why}")
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
