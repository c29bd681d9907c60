"""Engine options checked against the engine's ``__init__`` annotations.

An engine states its options as annotated keyword parameters
(``hmm: bool = True``, ``mode: Literal["default", "search"]``). When a
pipeline builds the engine, every given value is checked against its
annotation, so ``segment_hmm="no"`` is a :class:`ConfigError` naming the option
and what it allows, at build time, instead of a truthy string that silently
means ``True``. Annotations this module does not understand (callables,
protocols, type variables) accept any value; the engine's own ``__init__``
may check further.
"""

from __future__ import annotations

import collections.abc as cabc
import inspect
import os
import types
import typing
from typing import Any, Literal, Union

__all__ = ["check_option", "describe", "explain", "option_types"]

_SEQUENCES = (list, tuple, set, frozenset, cabc.Sequence, cabc.Iterable, cabc.Collection, cabc.Set)
_MAPPINGS = (dict, cabc.Mapping, cabc.MutableMapping)


def option_types(cls: type) -> dict[str, Any]:
    """Parameter name -> annotation for ``cls.__init__`` (empty when they cannot be resolved)."""
    try:
        hints = typing.get_type_hints(vars(cls).get("__init__") or cls.__init__)  # type: ignore[misc]
    except Exception:  # names only importable under TYPE_CHECKING: accept anything
        return {}
    hints.pop("return", None)
    return hints


def check_option(annotation: Any, value: Any) -> bool:
    """Whether ``value`` fits ``annotation`` (unknown annotations fit anything)."""
    if annotation is Any or annotation is inspect.Parameter.empty:
        return True
    if annotation is None or annotation is type(None):
        return value is None
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is Union or origin is types.UnionType:
        return any(check_option(arm, value) for arm in args)
    if origin is Literal:
        return any(type(value) is type(choice) and value == choice for choice in args)
    if annotation is bool:
        return isinstance(value, bool)
    if annotation is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if annotation is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if annotation is str:
        return isinstance(value, str)
    if origin in _MAPPINGS or annotation in _MAPPINGS:
        if not isinstance(value, cabc.Mapping):
            return False
        if len(args) == 2:
            return all(check_option(args[0], k) and check_option(args[1], v) for k, v in value.items())
        return True
    if origin in _SEQUENCES or annotation in _SEQUENCES:
        if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple, set, frozenset)):
            return False
        if len(args) == 1 or (origin is tuple and len(args) == 2 and args[1] is Ellipsis):
            return all(check_option(args[0], item) for item in value)
        return True
    if origin is os.PathLike or annotation is os.PathLike:
        return isinstance(value, os.PathLike)
    if isinstance(annotation, type) and not _is_protocol(annotation):
        return isinstance(value, annotation)
    return True


def explain(annotation: Any, value: Any) -> str | None:
    """Why ``value`` does not fit ``annotation``, in words (``None`` when it fits).

    For a list or mapping of the right kind, the first item that does not fit
    is named (``item 'NYSE' must be one of 'SH', 'SZ'``).
    """
    if check_option(annotation, value):
        return None
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is Union or origin is types.UnionType:
        for arm in args:  # an arm of the value's own kind explains best (a list for a list)
            if _same_kind(arm, value):
                return explain(arm, value)
        return f"must be {describe(annotation)}, got {value!r}"
    if isinstance(value, (list, tuple, set, frozenset)) and (origin in _SEQUENCES or annotation in _SEQUENCES):
        item_type = args[0] if args else Any
        for item in value:
            why = explain(item_type, item)
            if why is not None:
                return f"item {item!r} {why.split(', got ')[0]}"
    if isinstance(value, cabc.Mapping) and (origin in _MAPPINGS or annotation in _MAPPINGS) and len(args) == 2:
        for key, item in value.items():
            for part, kind in ((key, args[0]), (item, args[1])):
                why = explain(kind, part)
                if why is not None:
                    return f"{'key' if part is key else 'value'} {part!r} {why.split(', got ')[0]}"
    return f"must be {describe(annotation)}, got {value!r}"


def _same_kind(annotation: Any, value: Any) -> bool:
    origin = typing.get_origin(annotation) or annotation
    if isinstance(value, cabc.Mapping):
        return origin in _MAPPINGS
    if isinstance(value, (list, tuple, set, frozenset)):
        return origin in _SEQUENCES
    return False


def describe(annotation: Any) -> str:
    """The annotation in words a user reads in an error message."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if annotation is None or annotation is type(None):
        return "None"
    if origin is Union or origin is types.UnionType:
        return " or ".join(dict.fromkeys(describe(arm) for arm in args))
    if origin is Literal:
        return "one of " + ", ".join(repr(a) for a in args)
    if annotation is bool:
        return "True or False"
    if origin is os.PathLike or annotation is os.PathLike:
        return "a path"
    if origin in _MAPPINGS or annotation in _MAPPINGS:
        return "a mapping"
    if origin in _SEQUENCES or annotation in _SEQUENCES:
        return "a list"
    if isinstance(annotation, type):
        return {int: "an integer", float: "a number", str: "a string"}.get(annotation, annotation.__name__)
    return str(annotation)


def _is_protocol(cls: type) -> bool:
    return bool(getattr(cls, "_is_protocol", False))
