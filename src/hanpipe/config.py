"""Pipeline configuration as data: frozen, hashable, printable.

A :class:`PipelineConfig` names the engine of each stage and its options.
It is built from the forms a user writes (an engine name,
``{"engine": name, **options}``, a list for the multi-engine stages,
``None``/``False`` for a stage switched off, flat ``<stage>_<option>=value``
keywords) and checked as it is built: a mistake in its shape is a
:class:`~hanpipe.errors.ConfigError` naming the stage and what is allowed.
Whether an engine exists and takes the options given is checked when a
:class:`~hanpipe.pipeline.Pipeline` builds the engines from it.

Being hashable, a configuration is the key under which ``hanpipe.process``
and friends keep their pipelines; being plain data, it pickles to worker
processes; its ``repr`` shows only what differs from the defaults::

    >>> PipelineConfig.of(segment_hmm=False, convert=None)
    PipelineConfig(convert=None, segment=jieba(hmm=False))
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from .errors import ConfigError

__all__ = ["DEFAULT", "STAGES", "EngineConfig", "FrozenOptions", "PipelineConfig"]

#: the stages, in the order a document passes through them
STAGES: tuple[str, ...] = ("decode", "clean", "convert", "segment", "extract")

#: stages that run a list of engines in order; the others run one engine, or none
MULTI_STAGES = frozenset({"clean", "extract"})


class FrozenOptions(Mapping[str, Any]):
    """An immutable, hashable mapping: engine options, and any mapping inside them."""

    __slots__ = ("_items", "_key")

    def __init__(self, items: Mapping[Any, Any] | Iterable[tuple[Any, Any]] = ()) -> None:
        pairs = items.items() if isinstance(items, Mapping) else items
        frozen = {key: _freeze(value) for key, value in pairs}
        self._items: tuple[tuple[Any, Any], ...] = tuple(sorted(frozen.items(), key=lambda kv: repr(kv[0])))
        #: equality and hash look at types too: ``hmm=1`` is not ``hmm=True`` (the first is an error)
        self._key = tuple((k, _typed(v)) for k, v in self._items)

    def __getitem__(self, key: Any) -> Any:
        for k, v in self._items:
            if k == key:
                return v
        raise KeyError(key)

    def __iter__(self) -> Iterator[Any]:
        return (k for k, _ in self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(self._key)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenOptions):
            return self._key == other._key
        return isinstance(other, Mapping) and dict(self._items) == dict(other)

    def __repr__(self) -> str:
        return "{" + ", ".join(f"{k!r}: {v!r}" for k, v in self._items) + "}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenOptions, (self._items,))


def _typed(value: Any) -> Any:
    """``value`` with the type of every part beside it, so that values equal across types (1, 1.0, True) differ."""
    if isinstance(value, FrozenOptions):
        return value._key
    if isinstance(value, (tuple, frozenset)):
        return type(value), tuple(_typed(v) for v in value) if isinstance(value, tuple) else frozenset(
            _typed(v) for v in value
        )
    return type(value), value


def _freeze(value: Any) -> Any:
    """``value`` made hashable: mappings frozen, lists and tuples as tuples, sets as frozensets."""
    if isinstance(value, FrozenOptions):
        return value
    if isinstance(value, Mapping):
        return FrozenOptions(value)
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return frozenset(_freeze(v) for v in value)
    try:
        hash(value)
    except TypeError:
        message = f"an option value must be plain data (str, number, path, list, dict); got {value!r}"
        raise ConfigError(message) from None
    return value


def thaw(value: Any) -> Any:
    """A frozen option value as the plain data it was given as: mappings as dicts, tuples as lists."""
    if isinstance(value, FrozenOptions):
        return {key: thaw(v) for key, v in value.items()}
    if isinstance(value, tuple):
        return [thaw(v) for v in value]
    if isinstance(value, frozenset):
        return {thaw(v) for v in value}
    return value


@dataclass(frozen=True)
class EngineConfig:
    """One engine of a stage: its name and options."""

    engine: str
    options: FrozenOptions = field(default_factory=FrozenOptions)

    @classmethod
    def of(cls, stage: str, value: Any) -> EngineConfig:
        """From a name, ``{"engine": name, **options}`` or an :class:`EngineConfig`."""
        if isinstance(value, EngineConfig):
            return value
        if isinstance(value, str):
            return cls(_name(stage, value))
        if isinstance(value, Mapping) and "engine" in value:
            options = dict(value)
            return cls(_name(stage, options.pop("engine")), FrozenOptions(options))
        raise ConfigError(f"{stage}: expected an engine name or {{'engine': name, ...}}, got {value!r}")

    def with_option(self, option: str, value: Any) -> EngineConfig:
        return EngineConfig(self.engine, FrozenOptions({**self.options, option: value}))

    def __repr__(self) -> str:
        if not self.options:
            return self.engine
        return f"{self.engine}({', '.join(f'{k}={v!r}' for k, v in self.options.items())})"


def _name(stage: str, name: Any) -> str:
    if not isinstance(name, str) or not name:
        raise ConfigError(f"{stage}: an engine name must be a non-empty string, got {name!r}")
    return name


def _stage(stage: str, value: Any) -> Any:
    """One stage's user form -> an EngineConfig (or None), or a tuple of them for a multi-engine stage."""
    if stage not in MULTI_STAGES:
        return None if value is None or value is False else EngineConfig.of(stage, value)
    if value is None or value is False:
        return ()
    if isinstance(value, (str, EngineConfig)):
        return (EngineConfig.of(stage, value),)
    if isinstance(value, Mapping):
        if "engine" in value:
            return (EngineConfig.of(stage, value),)
        return tuple(EngineConfig(_name(stage, k), FrozenOptions(_options(stage, k, v))) for k, v in value.items())
    if isinstance(value, bytes) or not isinstance(value, Iterable):
        raise ConfigError(
            f"{stage}: expected a list of engine names (or {{'engine': name, ...}} dicts), "
            f"None or False to switch it off; got {value!r}"
        )
    return tuple(EngineConfig.of(stage, v) for v in list(value))


def _options(stage: str, name: str, value: Any) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ConfigError(f"{stage}: options of {name!r} must be a dict, got {value!r}")
    return value


def check_encoding(encoding: Any) -> str | None:
    """``encoding`` if Python knows it (or None); a :class:`ConfigError` otherwise."""
    if encoding is None:
        return None
    if not isinstance(encoding, str):
        raise ConfigError(f"encoding must be a string such as 'gb18030', or None to detect it; got {encoding!r}")
    try:
        "".encode(encoding)  # looks the codec up, and refuses codecs that are not text encodings (base64, rot13)
    except LookupError:
        raise ConfigError(
            f"unknown text encoding {encoding!r}; try utf-8, gb18030, big5, big5hkscs or utf-16"
        ) from None
    return encoding


@dataclass(frozen=True)
class PipelineConfig:
    """Which engine each stage runs, with its options; ``encoding`` forces one for byte input."""

    decode: EngineConfig = EngineConfig("auto")
    clean: tuple[EngineConfig, ...] = tuple(
        EngineConfig(n) for n in ("mojibake", "entities", "newlines", "spaces", "width", "pinyin", "damaged")
    )
    convert: EngineConfig | None = EngineConfig("opencc")
    segment: EngineConfig | None = EngineConfig("jieba")
    extract: tuple[EngineConfig, ...] = tuple(
        EngineConfig(n) for n in ("number", "percent", "money", "quantity", "date", "time", "email", "url", "phone")
    )
    encoding: str | None = None

    def __post_init__(self) -> None:
        for stage in STAGES:
            value = getattr(self, stage)
            normal = _stage(stage, value)
            if normal != value or type(normal) is not type(value):
                object.__setattr__(self, stage, normal)
        if self.decode is None:
            raise ConfigError("the decode stage cannot be switched off; name a detector (e.g. 'auto')")
        object.__setattr__(self, "encoding", check_encoding(self.encoding))

    @classmethod
    def of(cls, **given: Any) -> PipelineConfig:
        """From the user's forms, stage by stage, plus flat ``<stage>_<option>=value`` keywords."""
        flat = {key: given.pop(key) for key in list(given) if key not in _FIELDS}
        config = cls(**given)
        for key, value in flat.items():
            stage, _, option = key.partition("_")
            if stage not in STAGES or not option or stage in MULTI_STAGES:
                raise ConfigError(
                    f"unknown option {key!r}; use a stage's own configuration, "
                    f"or <stage>_<option> for one of: decode, convert, segment"
                )
            current = getattr(config, stage)
            if current is None:
                raise ConfigError(f"option {key!r} given but the {stage} stage is switched off")
            config = config.replace(**{stage: current.with_option(option, value)})
        return config

    def replace(self, **changes: Any) -> PipelineConfig:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        return PipelineConfig(**{**values, **changes})

    def engines(self, stage: str) -> tuple[EngineConfig, ...]:
        """The engines ``stage`` runs, in order (none when it is switched off)."""
        value = getattr(self, stage)
        if value is None:
            return ()
        return value if isinstance(value, tuple) else (value,)

    def __repr__(self) -> str:
        changed = [
            f"{f.name}={getattr(self, f.name)!r}"
            for f in fields(self)
            if getattr(self, f.name) != getattr(DEFAULT, f.name, getattr(self, f.name))
        ]
        return f"PipelineConfig({', '.join(changed)})"


_FIELDS = frozenset(f.name for f in fields(PipelineConfig))

#: what ``Pipeline()`` runs
DEFAULT = PipelineConfig()
