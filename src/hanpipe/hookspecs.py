"""Every hook hanpipe calls, one per stage, and the protocol each stage's engines follow.

A plugin implements any of the hooks with ``@hanpipe.hookimpl`` and calls
``register(EngineClass)`` once per engine it provides, or
``register(EngineRef("name", "package.module:EngineClass"))`` to have the
module imported only when a pipeline builds that engine. The pipeline calls
each hook once when it is built; engines, not hooks, are on the per-document
path.

An engine class follows its stage's protocol below (:data:`PROTOCOLS`): a
``name`` (what the configuration selects), the stage's method, and the
optional attributes the pipeline reads. Its ``__init__`` takes the engine's
options as annotated keyword arguments; the pipeline checks every option
value against its annotation when it builds the engine. The registry checks a
class against its protocol when it is registered (or, for an ``EngineRef``,
first loaded), and a class that does not follow it is a ``ConfigError`` naming
the plugin.

Batch forms. Beside its per-document method, an engine of the clean,
convert, segment or extract stage may have a batch form (:data:`BATCH_METHODS`),
which takes a :class:`hanpipe.batch.Batch` — a sequence of Documents whose
texts are also joined into ``batch.text`` with ``hanpipe.batch.SEPARATOR``
between them — so it can do its work once for many short documents:

- ``clean_batch(batch)`` and ``convert_batch(batch)`` return one Document per
  document, in order;
- ``segment_batch(batch)`` returns Tokens over ``batch.text`` and
  ``extract_batch(batch)`` entities over ``batch.text`` (``batch.joined`` is
  that text as a Document, with the tokens when the text was segmented); a
  token or entity must lie inside one document (tokens that are a separator
  are dropped).

The pipeline calls the batch form when an engine has one and the per-document
method for each document otherwise, so an engine without one works unchanged.
A batch form must give exactly what the per-document method gives for each
document (``hanpipe.testing`` checks it); when it fails, the pipeline runs the
batch's documents one at a time, so only the input at fault gets an error.

Whatever an engine's method raises, or returns that is not its stage's
result, becomes a ``PluginError`` naming the stage, the engine and its
distribution, and ``Pipeline.pipe`` records it for that input alone.
"""

from __future__ import annotations

import importlib
import inspect
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

import pluggy

from ._options import check_option, describe
from .errors import ConfigError

if TYPE_CHECKING:  # annotations only: importing hanpipe stays free of numpy
    from .document import Document, Entity, Tokens

__all__ = [
    "BATCH_METHODS",
    "HOOKS",
    "PROTOCOLS",
    "Cleaner",
    "Converter",
    "Decoder",
    "EngineRef",
    "Extractor",
    "Register",
    "Segmenter",
    "check_engine_class",
    "check_signature",
    "hookimpl",
    "hookspec",
]

hookspec = pluggy.HookspecMarker("hanpipe")
hookimpl = pluggy.HookimplMarker("hanpipe")


@dataclass(frozen=True)
class EngineRef:
    """An engine class named by where it lives: ``EngineRef("jieba", "hanpipe.builtin.segment.jieba:JiebaSegmenter")``.

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


#: the ``register`` callable each hook receives: it takes an engine class or an EngineRef
Register = Callable[[type | EngineRef], None]


# -- the engine protocols ------------------------------------------------------


class Decoder(Protocol):
    """The decode stage: bytes to a Document."""

    name: ClassVar[str]

    def decode(self, data: bytes, *, encoding: str | None) -> Document:
        """Detect the encoding unless ``encoding`` forces one, decode, return ``Document.from_text(...)``."""
        ...


class Cleaner(Protocol):
    """A clean-up pass: a Document to a Document, edited only through ``apply_edits``/``rewrite``."""

    name: ClassVar[str]

    def clean(self, doc: Document) -> Document: ...

    # optional batch form: clean_batch(batch: Batch) -> Sequence[Document], one per document


class Converter(Protocol):
    """Script conversion: a Document to a Document, edited only through ``apply_edits``/``rewrite``."""

    name: ClassVar[str]

    def convert(self, doc: Document) -> Document: ...

    # optional batch form: convert_batch(batch: Batch) -> Sequence[Document], one per document


class Segmenter(Protocol):
    """Word segmentation: text to token spans."""

    name: ClassVar[str]

    def segment(self, text: str) -> Tokens: ...

    # optional batch form: segment_batch(batch: Batch) -> Tokens over batch.text


class Extractor(Protocol):
    """Entity extraction: a Document to entities over its text."""

    name: ClassVar[str]
    #: set only by extractors whose entities compete with other readings of the same facts
    priority: ClassVar[int | None] = None
    #: True to have the text segmented before this extractor runs
    needs_tokens: ClassVar[bool] = False

    def extract(self, doc: Document) -> Iterable[Entity]: ...

    # optional batch form: extract_batch(batch: Batch) -> Iterable[Entity] over batch.text


#: stage -> the optional batch form of its method (see "Batch forms" in the module docstring)
BATCH_METHODS: dict[str, str] = {
    "clean": "clean_batch",
    "convert": "convert_batch",
    "segment": "segment_batch",
    "extract": "extract_batch",
}

#: stage -> the protocol its engines follow; the stage's method has the stage's name
PROTOCOLS: dict[str, type] = {
    "decode": Decoder,
    "clean": Cleaner,
    "convert": Converter,
    "segment": Segmenter,
    "extract": Extractor,
}


_CALLS: dict[str, tuple[str, tuple[Any, ...], dict[str, Any]]] = {
    "decode": ("decode(data, encoding=None)", (b"",), {"encoding": None}),
    "clean": ("clean(doc)", (None,), {}),
    "convert": ("convert(doc)", (None,), {}),
    "segment": ("segment(text)", ("",), {}),
    "extract": ("extract(doc)", (None,), {}),
    "clean_batch": ("clean_batch(batch)", (None,), {}),
    "convert_batch": ("convert_batch(batch)", (None,), {}),
    "segment_batch": ("segment_batch(batch)", (None,), {}),
    "extract_batch": ("extract_batch(batch)", (None,), {}),
}


def check_signature(stage: str, cls: type) -> str | None:
    """Why the pipeline cannot call ``cls``'s method ``stage`` the way it does, or ``None`` if it can.

    The pipeline calls ``decode(data, encoding=...)``, ``clean(doc)``,
    ``convert(doc)``, ``segment(text)`` and ``extract(doc)`` on an instance,
    and a batch form (``extract_batch(batch)``...) with one argument.
    """
    shown, args, kwargs = _CALLS[stage]
    attr = inspect.getattr_static(cls, stage, None)
    if isinstance(attr, staticmethod):
        func: Any = attr.__func__
    elif isinstance(attr, classmethod) or not inspect.isfunction(attr):
        func = getattr(cls, stage, None)  # bound to the class, or a callable attribute
    else:
        func, args = attr, (object(), *args)  # a plain method: the instance comes first
    try:
        signature = inspect.signature(func)
    except (TypeError, ValueError):  # a builtin without a signature: nothing to check
        return None
    try:
        signature.bind(*args, **kwargs)
    except TypeError as exc:
        return f"{stage}{signature} cannot be called as the pipeline calls it, {shown}: {exc}"
    return None


def check_engine_class(stage: str, cls: type, *, plugin: str) -> None:
    """Raise :class:`ConfigError`, naming ``plugin``, unless ``cls`` follows ``stage``'s protocol."""
    protocol = PROTOCOLS[stage]
    label = f"{stage} engine {getattr(cls, 'name', cls.__name__)!r} from {plugin}"
    if not callable(getattr(cls, stage, None)):
        raise ConfigError(f"{label} has no {stage}() method ({protocol.__name__} protocol)")
    problem = check_signature(stage, cls)
    if problem:
        raise ConfigError(f"{label}: {problem}")
    batch = BATCH_METHODS.get(stage)
    if batch is not None and getattr(cls, batch, None) is not None:
        if not callable(getattr(cls, batch)):
            raise ConfigError(f"{label}: {batch} must be a method taking a Batch, got {getattr(cls, batch)!r}")
        problem = check_signature(batch, cls)
        if problem:
            raise ConfigError(f"{label}: {problem}")
    for attr, annotation in typing.get_type_hints(protocol).items():
        expected = typing.get_args(annotation)[0] if typing.get_origin(annotation) is ClassVar else annotation
        required = attr not in vars(protocol)
        if not hasattr(cls, attr):
            if required:
                raise ConfigError(f"{label} has no {attr!r} attribute ({protocol.__name__} protocol)")
            continue
        value = getattr(cls, attr)
        if not check_option(expected, value):
            raise ConfigError(f"{label}: {attr} must be {describe(expected)}, got {value!r}")


# -- the hooks ------------------------------------------------------------------


@hookspec
def hanpipe_register_decoders(register: Register) -> None:
    """Register engines that turn bytes into text (the decode stage).

    :param register: call it with each decoder class (or an ``EngineRef``).

    A decoder follows :class:`Decoder`: ``name`` and ``decode(data: bytes, *,
    encoding: str | None) -> Document``. It detects the encoding unless one is
    forced, decodes, and returns ``Document.from_text(text, encoding=...,
    confidence=...)``. Bytes it cannot decode are replaced and listed in
    ``meta["damaged"]``; input that is not text sets ``meta["binary"]``.

    Example::

        @hookimpl
        def hanpipe_register_decoders(register):
            register(Latin1Decoder)
    """


@hookspec(warn_on_impl=DeprecationWarning("hanpipe_register_detectors is now hanpipe_register_decoders"))
def hanpipe_register_detectors(register: Register) -> None:
    """Deprecated name of :func:`hanpipe_register_decoders`; engines registered here are decoders.

    :param register: call it with each decoder class.

    Example::

        @hookimpl
        def hanpipe_register_detectors(register):  # use hanpipe_register_decoders
            register(Latin1Decoder)
    """


@hookspec
def hanpipe_register_cleaners(register: Register) -> None:
    """Register clean-up passes that run on decoded text, in configured order.

    :param register: call it with each cleaner class (or an ``EngineRef``).

    A cleaner follows :class:`Cleaner`: ``name`` and ``clean(doc: Document)
    -> Document``. It never edits strings itself: it returns
    ``doc.apply_edits(edits, step=name)``, ``doc.rewrite(text, alignment,
    step=name, count=n)`` or ``doc`` unchanged, so the alignment to the source
    stays true. A result whose ``source`` differs from the input's is a
    ``PluginError``.

    Example::

        @hookimpl
        def hanpipe_register_cleaners(register):
            register(StripTrackingParams)
    """


@hookspec
def hanpipe_register_converters(register: Register) -> None:
    """Register script converters (Traditional to Simplified and the like).

    :param register: call it with each converter class (or an ``EngineRef``).

    A converter follows :class:`Converter`: ``name`` and ``convert(doc:
    Document) -> Document``, built with ``doc.apply_edits`` or ``doc.rewrite``
    so that entities found later still map to their original surface form.
    Options such as ``variant`` and ``overrides`` arrive as keyword arguments
    to ``__init__``.

    Example::

        @hookimpl
        def hanpipe_register_converters(register):
            register(MyConverter)
    """


@hookspec
def hanpipe_register_segmenters(register: Register) -> None:
    """Register word segmenters.

    :param register: call it with each segmenter class (or an ``EngineRef``).

    A segmenter follows :class:`Segmenter`: ``name`` and ``segment(text: str)
    -> Tokens``, token spans as two int32 arrays inside ``text``. Options
    such as ``hmm`` and ``mode`` arrive as keyword arguments to ``__init__``.

    Example::

        @hookimpl
        def hanpipe_register_segmenters(register):
            register(CharSegmenter)
    """


@hookspec
def hanpipe_register_extractors(register: Register) -> None:
    """Register entity extractors; every enabled one runs, in configured order.

    :param register: call it with each extractor class (or an ``EngineRef``).

    An extractor follows :class:`Extractor`: ``name`` (usually the entity
    kind) and ``extract(doc: Document) -> Iterable[Entity]`` (or ``Entities``
    columns) with spans over ``doc.text``. The pipeline consumes the result as
    part of the engine call, checks that each entity's ``text`` is
    ``doc.text[start:end]`` (a mismatch, ``None`` or an exception is a
    ``PluginError`` naming the extractor, recorded for that input alone) and
    fills in source spans.

    Two optional class attributes:

    - ``priority: int | None = None``. Leave it unset unless your entities are
      other readings of the facts the built-in extractors read (numbers,
      amounts, percentages, quantities, dates, times, contacts): where
      entities of extractors with a priority overlap, the higher priority
      wins (contacts 100 > time 55 > date 50 > money, percent 40 > quantity
      30 > number 10), and within a kind the leftmost, then longest, wins.
      Entities of an extractor without a priority are always kept, whatever
      they overlap.
    - ``needs_tokens: bool = False``. ``True`` makes the pipeline segment
      the text before this extractor runs, so ``doc.tokens`` is set.

    Example::

        @hookimpl
        def hanpipe_register_extractors(register):
            register(HashtagExtractor)
    """


#: stage -> the hooks whose implementations register its engines (the current name first)
HOOKS: dict[str, tuple[str, ...]] = {
    "decode": ("hanpipe_register_decoders", "hanpipe_register_detectors"),
    "clean": ("hanpipe_register_cleaners",),
    "convert": ("hanpipe_register_converters",),
    "segment": ("hanpipe_register_segmenters",),
    "extract": ("hanpipe_register_extractors",),
}
