"""Every hook is documented, and every hook is exercised by a test."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

import hanpipe
from hanpipe import Document, Entity, Pipeline, Tokens, hookspecs
from hanpipe.hookspecs import HOOKS

HOOKS_BY_STAGE = HOOKS
HOOKS = [name for name, obj in vars(hookspecs).items() if name.startswith("hanpipe_") and callable(obj)]


def test_hookspecs_one_hook_per_stage() -> None:
    assert sorted(HOOKS) == sorted(name for names in HOOKS_BY_STAGE.values() for name in names)
    assert [names[0] for names in HOOKS_BY_STAGE.values()] == [
        "hanpipe_register_decoders",
        "hanpipe_register_cleaners",
        "hanpipe_register_converters",
        "hanpipe_register_segmenters",
        "hanpipe_register_extractors",
    ]


@pytest.mark.parametrize("hook", HOOKS)
def test_hookspecs_hook_is_documented(hook: str) -> None:
    doc = inspect.getdoc(getattr(hookspecs, hook)) or ""
    summary = doc.splitlines()[0] if doc else ""
    assert summary.endswith(".") and len(summary) < 100
    assert ":param register:" in doc
    assert "Example::" in doc and "@hookimpl" in doc


@pytest.mark.parametrize("hook", HOOKS)
def test_hookspecs_hook_is_exercised_here(hook: str) -> None:
    assert hook in Path(__file__).read_text(encoding="utf-8")


class Latin1:
    name = "latin1"

    def decode(self, data: bytes, *, encoding: str | None) -> Document:
        return Document.from_text(data.decode("latin-1"), encoding="latin-1", confidence=1.0)


class Upper:
    name = "upper"

    def clean(self, doc: Document) -> Document:
        edits = [hanpipe.Edit(i, i + 1, c.upper(), "upper") for i, c in enumerate(doc.text) if c.islower()]
        return doc.apply_edits(edits, step=self.name)


class Rot:
    name = "swap"

    def convert(self, doc: Document) -> Document:
        return doc.rewrite(doc.text.replace("A", "Z"), None, step=self.name, count=doc.text.count("A"))


class Spaces:
    name = "spaces"

    def segment(self, text: str) -> Tokens:
        words = text.split(" ")
        starts, pos = [], 0
        for w in words:
            starts.append(pos)
            pos += len(w) + 1
        return Tokens.from_arrays(starts, [s + len(w) for s, w in zip(starts, words)])


class Caps:
    name = "caps"
    needs_tokens = True

    def extract(self, doc: Document) -> list[Entity]:
        return [Entity("word", s, e, doc.text[s:e]) for s, e in doc.token_spans if doc.text[s:e].isupper()]


class EveryHook:
    @hanpipe.hookimpl
    def hanpipe_register_decoders(self, register):  # type: ignore[no-untyped-def]
        register(Latin1)

    @hanpipe.hookimpl
    def hanpipe_register_cleaners(self, register):  # type: ignore[no-untyped-def]
        register(Upper)

    @hanpipe.hookimpl
    def hanpipe_register_converters(self, register):  # type: ignore[no-untyped-def]
        register(Rot)

    @hanpipe.hookimpl
    def hanpipe_register_segmenters(self, register):  # type: ignore[no-untyped-def]
        register(Spaces)

    @hanpipe.hookimpl
    def hanpipe_register_extractors(self, register):  # type: ignore[no-untyped-def]
        register(Caps)


def test_hookspecs_every_hook_drives_its_stage() -> None:
    p = Pipeline(
        plugins=[EveryHook()],
        entry_points=False,
        decode="latin1",
        clean=["upper"],
        convert="swap",
        segment="spaces",
        extract=["caps"],
    )
    doc = p.process(b"abc caf\xe9 9x")
    assert doc.meta["encoding"] == "latin-1"
    assert doc.text == "ZBC CZFÉ 9X"
    assert doc.words == ["ZBC", "CZFÉ", "9X"]
    assert [e.text for e in doc.entities] == ["ZBC", "CZFÉ", "9X"]
    assert [r["step"] for r in doc.meta["repairs"]] == ["upper", "swap"]


class OldName:
    @hanpipe.hookimpl
    def hanpipe_register_detectors(self, register):  # type: ignore[no-untyped-def]
        register(Latin1)


def test_hookspecs_the_old_decode_hook_still_registers_decoders_with_a_warning() -> None:
    with pytest.warns(DeprecationWarning, match="hanpipe_register_decoders"):
        p = Pipeline(plugins=[OldName()], entry_points=False, decode="latin1", clean=None, convert=None, segment=None)
    assert p.process(b"caf\xe9").text == "café"


class Nameless:
    def segment(self, text: str) -> Tokens:
        return Tokens.from_words([text])


class NoMethod:
    name = "no-method"


class WrongTokens:
    name = "wrong-tokens"
    needs_tokens = "yes"

    def extract(self, doc: Document) -> list[Entity]:
        return []


@pytest.mark.parametrize(
    ("stage", "cls", "message"),
    [
        ("segment", Nameless, "without a string 'name'"),
        ("segment", NoMethod, "has no segment\\(\\) method"),
        ("extract", WrongTokens, "needs_tokens must be True or False"),
    ],
)
def test_hookspecs_engine_class_is_checked_against_its_protocol(stage: str, cls: type, message: str) -> None:
    class Plugin:
        pass

    hook = hookspecs.HOOKS[stage][0]
    setattr(Plugin, hook, hanpipe.hookimpl(lambda self, register: register(cls)))
    with pytest.raises(hanpipe.ConfigError, match=message):
        Pipeline(plugins=[Plugin()], entry_points=False)
