"""Every hook hanpipe calls, one per stage.

A plugin implements any of these with ``@hanpipe.hookimpl`` and calls
``register(EngineClass)`` once per engine it provides, or
``register(EngineRef("name", "package.module:EngineClass"))`` to have the
module imported only when a pipeline builds that engine. The engine class has a
``name`` (what the pipeline configuration selects) and an ``__init__`` that
takes the engine's options as keyword arguments. The pipeline calls each hook
once when it is built; engines, not hooks, are on the per-document path.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar, Protocol

import pluggy

from .document import Document, Entity, Tokens
from .plugins import Registrar

hookspec = pluggy.HookspecMarker("hanpipe")

#: the ``register`` callable each hook receives: it takes an engine class or an EngineRef
Register = Registrar


class Detector(Protocol):
    name: ClassVar[str]

    def decode(self, data: bytes, *, encoding: str | None) -> Document: ...


class Cleaner(Protocol):
    name: ClassVar[str]

    def clean(self, doc: Document) -> Document: ...


class Converter(Protocol):
    name: ClassVar[str]

    def convert(self, doc: Document) -> Document: ...


class Segmenter(Protocol):
    name: ClassVar[str]

    def segment(self, text: str) -> Tokens: ...


class Extractor(Protocol):
    name: ClassVar[str]
    priority: ClassVar[int | None]
    needs_tokens: ClassVar[bool]

    def extract(self, doc: Document) -> Iterable[Entity]: ...


@hookspec
def hanpipe_register_detectors(register: Register) -> None:
    """Register engines that turn bytes into text (the decode stage).

    :param register: call it with each detector class.

    A detector has ``name`` and ``decode(data: bytes, *, encoding: str | None)
    -> Document``: it detects the encoding unless one is forced, decodes, and
    returns ``Document.from_text(text, encoding=..., confidence=...)``. Bytes
    it cannot decode are replaced and listed in ``meta["damaged"]``.

    Example::

        @hookimpl
        def hanpipe_register_detectors(register):
            register(Latin1Detector)
    """


@hookspec
def hanpipe_register_cleaners(register: Register) -> None:
    """Register clean-up passes that run on decoded text, in configured order.

    :param register: call it with each cleaner class.

    A cleaner has ``name`` and ``clean(doc: Document) -> Document``. It never
    edits strings itself: it returns ``doc.apply_edits(edits, step=name)``,
    ``doc.rewrite(text, alignment, step=name, count=n)`` or ``doc`` unchanged,
    so the alignment to the source stays true.

    Example::

        @hookimpl
        def hanpipe_register_cleaners(register):
            register(StripTrackingParams)
    """


@hookspec
def hanpipe_register_converters(register: Register) -> None:
    """Register script converters (Traditional to Simplified and the like).

    :param register: call it with each converter class.

    A converter has ``name`` and ``convert(doc: Document) -> Document``, built
    with ``doc.apply_edits`` or ``doc.rewrite`` so that entities found later
    still map to their original surface form. Options such as ``variant`` and
    ``overrides`` arrive as keyword arguments to ``__init__``.

    Example::

        @hookimpl
        def hanpipe_register_converters(register):
            register(MyConverter)
    """


@hookspec
def hanpipe_register_segmenters(register: Register) -> None:
    """Register word segmenters.

    :param register: call it with each segmenter class.

    A segmenter has ``name`` and ``segment(text: str) -> Tokens``: token
    spans as two int32 arrays over ``text``. Options such as ``hmm`` and
    ``mode`` arrive as keyword arguments to ``__init__``.

    Example::

        @hookimpl
        def hanpipe_register_segmenters(register):
            register(CharSegmenter)
    """


@hookspec
def hanpipe_register_extractors(register: Register) -> None:
    """Register entity extractors; every enabled one runs, in configured order.

    :param register: call it with each extractor class.

    An extractor has ``name`` (usually the entity kind) and
    ``extract(doc: Document) -> Iterable[Entity]`` (or ``Entities`` columns)
    with spans over ``doc.text``. The pipeline consumes the result as part of
    the engine call, checks that each entity's ``text`` is
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

