"""``hanpipe plugin new``: the skeleton of a plugin package, one small working engine per stage.

For ``NAME`` and a stage it writes ``hanpipe-NAME/`` holding
``pyproject.toml`` (distribution ``hanpipe-NAME``, an entry point in the group
``hanpipe``, a ``test`` extra), ``hanpipe_NAME/__init__.py`` (the engine and
its hook implementation), ``tests/test_NAME.py`` (the stage's contract from
:mod:`hanpipe.testing` and a behaviour test) and ``README.md``. The package
installs and passes its own tests as written. An existing folder is never
touched: the skeleton's folder is created first, and removed again if
writing it fails.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from string import Template

from . import __version__
from .config import STAGES
from .errors import HanpipeError

__all__ = ["ScaffoldError", "Skeleton", "check_name", "render", "write"]

#: lower-case ASCII letters and digits, words joined by single '-' or '_', starting with a letter
_NAME = re.compile(r"[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*")


class ScaffoldError(HanpipeError, ValueError):
    """The skeleton cannot be written: a bad name, or its folder exists."""


def check_name(name: str) -> str:
    """``name`` if it can name a plugin (``hanpipe-NAME``, module ``hanpipe_NAME``); a ScaffoldError otherwise."""
    if name.startswith(("hanpipe-", "hanpipe_")):
        raise ScaffoldError(f"give the name without the hanpipe- prefix: {name[8:]!r} makes hanpipe-{name[8:]}")
    if not _NAME.fullmatch(name):
        raise ScaffoldError(
            f"{name!r} cannot name a plugin: use lower-case ASCII letters and digits, starting with a letter, "
            "words joined by single '-' or '_' (e.g. 'book-titles'), so that hanpipe_NAME is a Python module"
        )
    return name


@dataclass(frozen=True)
class Skeleton:
    """The names a plugin ``name`` for ``stage`` is made of."""

    name: str
    stage: str

    @property
    def snake(self) -> str:
        return self.name.replace("-", "_")

    @property
    def distribution(self) -> str:
        return "hanpipe-" + self.name.replace("_", "-")

    @property
    def module(self) -> str:
        return "hanpipe_" + self.snake

    @property
    def cls(self) -> str:
        return "".join(part.capitalize() for part in self.snake.split("_")) + _KINDS[self.stage][0]

    @property
    def folder(self) -> str:
        return self.distribution

    def files(self) -> dict[str, str]:
        """Relative path -> content of every file of the skeleton."""
        return render(self)


#: stage -> (class suffix, what the engine is, the hook, the contract, how to run it from Python)
_KINDS: dict[str, tuple[str, str, str, str, str]] = {
    "decode": ("Decoder", "decoder", "hanpipe_register_decoders", "DecoderContract", 'decode="$name"'),
    "clean": ("Cleaner", "clean-up pass", "hanpipe_register_cleaners", "CleanerContract",
              'clean=[*DEFAULT.clean, "$name"]'),
    "convert": ("Converter", "converter", "hanpipe_register_converters", "ConverterContract", 'convert="$name"'),
    "segment": ("Segmenter", "segmenter", "hanpipe_register_segmenters", "SegmenterContract", 'segment="$name"'),
    "extract": ("Extractor", "extractor", "hanpipe_register_extractors", "ExtractorContract",
                'extract=[*DEFAULT.extract, "$name"]'),
}  # fmt: skip


#: stage -> the input of the README's example
_EXAMPLES: dict[str, str] = {
    "decode": '"我读了《三体》".encode("gb18030")',
    "clean": '"太好了！！！我读了《三体》"',
    "convert": '"他們說：我讀了《三體》"',
    "segment": '"GPT4 模型读了《三体》"',
    "extract": '"我读了《三体》和《红楼梦》"',
}


def render(skeleton: Skeleton) -> dict[str, str]:
    """Relative path -> content of every file of ``skeleton``."""
    _, kind, hook, contract, select = _KINDS[skeleton.stage]
    major, minor = __version__.split(".")[:2]
    values = {
        "name": skeleton.name,
        "snake": skeleton.snake,
        "dist": skeleton.distribution,
        "module": skeleton.module,
        "Class": skeleton.cls,
        "stage": skeleton.stage,
        "kind": kind,
        "hook": hook,
        "Contract": contract,
        "hanpipe_req": f"hanpipe>={major}.{minor}",
    }
    values["select"] = Template(select).substitute(values)
    values["imports"] = "import hanpipe\n" + ("from hanpipe.config import DEFAULT\n" if "DEFAULT" in select else "")
    values["example"] = _EXAMPLES[skeleton.stage]
    engine_doc, engine_code, test_code = _ENGINES[skeleton.stage]
    values["summary"] = Template(engine_doc).substitute(values)
    cli = _CLI_EXTRACT if skeleton.stage == "extract" else _CLI_OTHER
    values["cli"] = Template(cli).substitute(values)
    return {
        "pyproject.toml": Template(_PYPROJECT).substitute(values),
        "README.md": Template(_README).substitute(values),
        f"{skeleton.module}/__init__.py": Template(engine_code).substitute(values),
        f"tests/test_{skeleton.snake}.py": Template(test_code).substitute(values),
    }


def write(name: str, stage: str, parent: Path) -> tuple[Path, list[str]]:
    """Write the skeleton of plugin ``name`` for ``stage`` into ``parent/hanpipe-NAME``.

    Returns the folder and the files written, relative to it. Raises
    :class:`ScaffoldError` for a bad name or stage, a ``parent`` that is not a
    folder, or a folder that already exists (nothing is written then).
    """
    if stage not in _KINDS:
        raise ScaffoldError(f"no stage named {stage!r}; stages: {', '.join(STAGES)}")
    skeleton = Skeleton(check_name(name), stage)
    if not parent.is_dir():
        raise ScaffoldError(f"{str(parent)!r} is not a folder; create it first or choose another --dir")
    files = skeleton.files()
    target = parent / skeleton.folder
    try:
        target.mkdir()  # claims the folder: fails if anything is there already
    except FileExistsError:
        raise ScaffoldError(
            f"{str(target)!r} already exists; nothing was written (choose another name or --dir)"
        ) from None
    try:
        for relative, content in files.items():
            path = target / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    return target, list(files)


# -- templates ---------------------------------------------------------------------------------------
# string.Template: $name and friends are replaced; $$ is a dollar sign.

_PYPROJECT = """\
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "$dist"
version = "0.1.0"
description = "hanpipe $kind '$name'."
readme = "README.md"
requires-python = ">=3.10"
dependencies = ["$hanpipe_req"]

[project.optional-dependencies]
test = ["pytest"]

# hanpipe finds the plugin through this entry point: group "hanpipe", the module holding the hook
[project.entry-points.hanpipe]
$name = "$module"

[tool.setuptools]
packages = ["$module"]

[tool.pytest.ini_options]
testpaths = ["tests"]
"""

_README = """\
# $dist

A hanpipe $kind, `$name`: $summary

TODO: this is the skeleton's example engine; replace it, its tests and this
README with yours.

## Install

From this folder, with the test tools:

    pip install -e '.[test]'

Once published, `pip install $dist`. hanpipe finds the engine through the
entry point in `pyproject.toml`;
`hanpipe plugins` lists it under `$stage:` with this distribution.

## Use

```python
$imports
pipeline = hanpipe.Pipeline($select)
doc = pipeline.process($example)
print(doc.text, doc.words, doc.entities)
```

$cli

## Test

    pytest

The tests subclass `$Contract` from `hanpipe.testing`, which checks the
engine against hanpipe's protocol for its stage, and test what it does.

## Publish

    python -m pip install build twine
    python -m build
    python -m twine upload dist/*
"""

_CLI_EXTRACT = """\
From the command line: `hanpipe process page.html --extract number,date,$name`."""

_CLI_OTHER = """\
The command line (`hanpipe process`) cannot choose a $stage engine: use it from Python as above."""

_DECODE = r'''"""hanpipe decoder ``$name``: UTF-8 when the bytes are UTF-8, else ``fallback`` (GB18030 unless told).

TODO: this is the skeleton's example engine; replace it with yours.

Replace the detection with yours. A decoder turns bytes into a Document with
``Document.from_text(text, encoding=..., confidence=...)``; the clean-up
passes run after it. It decodes with replacement characters rather than
failing, so any bytes give a Document; an encoding Python does not know is a
``hanpipe.DecodeError``, reported as it is.
"""

from __future__ import annotations

import codecs

import hanpipe
from hanpipe import Document
from hanpipe.hookspecs import Register

__all__ = ["$Class", "$hook"]


class $Class:
    """Strict UTF-8 first (a byte-order mark is dropped), then ``fallback`` with replacement characters."""

    name = "$name"

    def __init__(self, *, fallback: str = "gb18030") -> None:
        # options arrive as annotated keyword arguments; the pipeline checks their types when it builds the engine
        try:
            codecs.lookup(fallback)
        except LookupError:
            raise hanpipe.ConfigError(f"$name: unknown encoding {fallback!r}; try gb18030 or big5") from None
        self.fallback = fallback

    def decode(self, data: bytes, *, encoding: str | None) -> Document:
        if encoding is not None:
            return Document.from_text(_decode(data, encoding), encoding=encoding, confidence=1.0)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            # not UTF-8: a guess, so the confidence says so
            return Document.from_text(_decode(data, self.fallback), encoding=self.fallback, confidence=0.5)
        return Document.from_text(text, encoding="utf-8", confidence=1.0)


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding, errors="replace")
    except LookupError as exc:
        raise hanpipe.DecodeError(f"$name cannot decode with {encoding!r}: {exc}", encoding=encoding) from None


@hanpipe.hookimpl
def $hook(register: Register) -> None:
    register($Class)
'''

_DECODE_TEST = r'''"""Tests for the $name decoder: hanpipe's contract, and what it decodes."""

from __future__ import annotations

from typing import Any

import hanpipe
import pytest
from hanpipe.testing import $Contract

import $module
from $module import $Class


class Test${Class}Contract($Contract):
    def make_engine(self) -> $Class:
        return $Class()


def _pipeline(**stages: Any) -> hanpipe.Pipeline:
    """A pipeline with this plugin beside the built-in engines (installed plugins left out)."""
    return hanpipe.Pipeline(plugins=[$module], entry_points=False, **stages)


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ("大模型时代".encode(), "大模型时代", "utf-8"),
        ("大模型时代".encode("gb18030"), "大模型时代", "gb18030"),
        (b"\xef\xbb\xbfabc", "abc", "utf-8"),
    ],
)
def test_${snake}_decodes_through_the_pipeline(data: bytes, text: str, encoding: str) -> None:
    pipeline = _pipeline(decode="$name", clean=[], convert=None, segment=None, extract=[])
    doc = pipeline.process(data)
    assert (doc.text, doc.meta["encoding"]) == (text, encoding)


def test_${snake}_checks_its_option() -> None:
    with pytest.raises(hanpipe.ConfigError, match="no-such-codec"):
        _pipeline(decode={"engine": "$name", "fallback": "no-such-codec"})
'''

_CLEAN = r'''"""hanpipe clean-up pass ``$name``: a run of repeated ！ ？ ! ? cut to ``keep`` marks.

TODO: this is the skeleton's example engine; replace it with yours.

Replace the pattern with what your pass removes. A pass never edits the
string itself: it returns ``doc.apply_edits(edits, step=...)``, so the
alignment to the source stays true and every entity found later still points
at its original surface form; the step is recorded in ``meta["repairs"]``.
"""

from __future__ import annotations

import re

import hanpipe
from hanpipe import Document, Edit
from hanpipe.hookspecs import Register

__all__ = ["$Class", "$hook"]

#: one mark repeated; each match is a single step of the scan, so it stays linear
_RUNS = re.compile(r"！{2,}|？{2,}|!{2,}|\?{2,}")


class $Class:
    """``太好了！！！`` → ``太好了！`` (with ``keep=1``)."""

    name = "$name"

    def __init__(self, *, keep: int = 1) -> None:
        # options arrive as annotated keyword arguments; the pipeline checks their types when it builds the engine
        if keep < 1:
            raise hanpipe.ConfigError(f"$name: keep must be at least 1, got {keep}")
        self.keep = keep

    def clean(self, doc: Document) -> Document:
        edits = [
            Edit(m.start() + self.keep, m.end(), "", "repeated mark")
            for m in _RUNS.finditer(doc.text)
            if m.end() - m.start() > self.keep
        ]
        return doc.apply_edits(edits, step=self.name)


@hanpipe.hookimpl
def $hook(register: Register) -> None:
    register($Class)
'''

_CLEAN_TEST = r'''"""Tests for the $name clean-up pass: hanpipe's contract, and what it removes."""

from __future__ import annotations

from typing import Any

import hanpipe
import pytest
from hanpipe.testing import $Contract

import $module
from $module import $Class


class Test${Class}Contract($Contract):
    def make_engine(self) -> $Class:
        return $Class()


def _pipeline(**stages: Any) -> hanpipe.Pipeline:
    """A pipeline with this plugin beside the built-in engines (installed plugins left out)."""
    return hanpipe.Pipeline(plugins=[$module], entry_points=False, **stages)


def test_${snake}_cuts_runs_and_keeps_the_source_spans() -> None:
    pipeline = _pipeline(clean=["$name"], convert=None, segment=None, extract=["email"])
    doc = pipeline.process("太好了！！！联系 a@b.com？？")
    assert doc.text == "太好了！联系 a@b.com？"
    assert doc.meta["repairs"] == [{"step": "$name", "edits": 2}]
    (email,) = doc.entities
    assert doc.source[email.source_start : email.source_end] == "a@b.com"


def test_${snake}_keeps_what_it_is_told_and_checks_it() -> None:
    pipeline = _pipeline(clean=[{"engine": "$name", "keep": 2}], convert=None, segment=None, extract=[])
    assert pipeline.process("真的吗？？？？好！").text == "真的吗？？好！"
    with pytest.raises(hanpipe.ConfigError, match="keep"):
        _pipeline(clean=[{"engine": "$name", "keep": 0}])
'''

_CONVERT = r'''"""hanpipe converter ``$name``: a character table (a few Traditional characters to Simplified).

TODO: this is the skeleton's example engine; replace it with yours.

Replace the table with your conversion. A converter never edits the string
itself. This one maps one character to one character, so the text keeps its
length and ``doc.rewrite(text, None, ...)`` keeps the alignment; a converter
that changes lengths returns ``doc.apply_edits(edits, step=...)`` instead.
"""

from __future__ import annotations

from collections.abc import Mapping

import hanpipe
from hanpipe import Document
from hanpipe.hookspecs import Register

__all__ = ["TABLE", "$Class", "$hook"]

#: a few characters to start from; ``table={...}`` replaces it
TABLE: dict[str, str] = {"萬": "万", "與": "与", "來": "来", "們": "们", "體": "体", "說": "说", "時": "时", "門": "门"}


class $Class:
    """``他們說`` → ``他们说``; characters not in the table stay as they are."""

    name = "$name"

    def __init__(self, *, table: Mapping[str, str] | None = None) -> None:
        # options arrive as annotated keyword arguments; the pipeline checks their types when it builds the engine
        # (a dict given in the configuration arrives as a read-only Mapping, a list as a tuple)
        table = TABLE if table is None else table
        bad = [f"{k!r}: {v!r}" for k, v in table.items() if len(k) != 1 or len(v) != 1]
        if bad:
            shown = ", ".join(bad[:3])
            raise hanpipe.ConfigError(f"$name: the table maps one character to one character; got {shown}")
        self._table = str.maketrans(dict(table))

    def convert(self, doc: Document) -> Document:
        text = doc.text.translate(self._table)
        if text == doc.text:
            return doc
        changed = sum(a != b for a, b in zip(text, doc.text, strict=True))
        return doc.rewrite(text, None, step=self.name, count=changed)


@hanpipe.hookimpl
def $hook(register: Register) -> None:
    register($Class)
'''

_CONVERT_TEST = r'''"""Tests for the $name converter: hanpipe's contract, and what it converts."""

from __future__ import annotations

from typing import Any

import hanpipe
import pytest
from hanpipe.testing import $Contract

import $module
from $module import $Class


class Test${Class}Contract($Contract):
    def make_engine(self) -> $Class:
        return $Class()


def _pipeline(**stages: Any) -> hanpipe.Pipeline:
    """A pipeline with this plugin beside the built-in engines (installed plugins left out)."""
    return hanpipe.Pipeline(plugins=[$module], entry_points=False, **stages)


def test_${snake}_converts_through_the_pipeline() -> None:
    pipeline = _pipeline(convert="$name", segment=None, extract=["email"])
    doc = pipeline.process("他們說萬事開頭難, 來信 a@b.com")
    assert doc.text == "他们说万事開頭難, 来信 a@b.com"
    (email,) = doc.entities
    assert doc.source[email.source_start : email.source_end] == "a@b.com"


def test_${snake}_takes_a_table_and_checks_it() -> None:
    pipeline = _pipeline(convert={"engine": "$name", "table": {"開": "开"}}, segment=None, extract=[])
    assert pipeline.process("他們說萬事開頭難").text == "他們說萬事开頭難"
    with pytest.raises(hanpipe.ConfigError, match="one character"):
        _pipeline(convert={"engine": "$name", "table": {"開頭": "开头"}})
'''

_SEGMENT = r'''"""hanpipe segmenter ``$name``: each Han character a word, a run of Latin letters and digits one word.

TODO: this is the skeleton's example engine; replace it with yours.

Replace the scan with your segmentation. A segmenter returns the words' spans
in the text as ``Tokens`` (two int32 arrays, made by ``Tokens.from_arrays``);
strings are made only when someone reads ``doc.words``.
"""

from __future__ import annotations

import re

import hanpipe
from hanpipe import Tokens
from hanpipe.hookspecs import Register

__all__ = ["$Class", "$hook"]


class $Class:
    """``GPT4 模型`` → ``GPT4``, ``模``, ``型`` (white space is no word)."""

    name = "$name"

    def __init__(self, *, group_latin: bool = True) -> None:
        # options arrive as annotated keyword arguments; the pipeline checks their types when it builds the engine
        self._pattern = re.compile(r"[A-Za-z0-9]+|\S" if group_latin else r"\S")

    def segment(self, text: str) -> Tokens:
        spans = [m.span() for m in self._pattern.finditer(text)]
        return Tokens.from_arrays([s for s, _ in spans], [e for _, e in spans])


@hanpipe.hookimpl
def $hook(register: Register) -> None:
    register($Class)
'''

_SEGMENT_TEST = r'''"""Tests for the $name segmenter: hanpipe's contract, and the words it makes."""

from __future__ import annotations

from typing import Any

import hanpipe
import pytest
from hanpipe.testing import $Contract

import $module
from $module import $Class


class Test${Class}Contract($Contract):
    def make_engine(self) -> $Class:
        return $Class()


def _pipeline(**stages: Any) -> hanpipe.Pipeline:
    """A pipeline with this plugin beside the built-in engines (installed plugins left out)."""
    return hanpipe.Pipeline(plugins=[$module], entry_points=False, **stages)


def test_${snake}_segments_through_the_pipeline() -> None:
    pipeline = _pipeline(convert=None, segment="$name", extract=[])
    doc = pipeline.process("GPT4 模型很强！")
    assert doc.words == ["GPT4", "模", "型", "很", "强", "！"]
    assert doc.token_spans[:2] == [(0, 4), (5, 6)]


def test_${snake}_option_is_checked() -> None:
    pipeline = _pipeline(convert=None, segment={"engine": "$name", "group_latin": False}, extract=[])
    assert pipeline.process("AI 来了").words == ["A", "I", "来", "了"]
    with pytest.raises(hanpipe.ConfigError, match="group_latin"):
        _pipeline(convert=None, segment={"engine": "$name", "group_latin": "no"})
'''

_EXTRACT = r'''"""hanpipe extractor ``$name``: titles of books and articles in 《》, the title as the value.

TODO: this is the skeleton's example engine; replace it with yours.

Replace the pattern and the value with what your extractor finds. An
extractor returns entities over ``doc.text``; the pipeline checks that each
entity's ``text`` is ``doc.text[start:end]`` and fills in where it lies in
the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

import hanpipe
from hanpipe import Document, Entity
from hanpipe.hookspecs import Register

__all__ = ["$Class", "$hook"]


class $Class:
    """``《三体》`` → an entity of kind ``$name`` whose value is ``三体``."""

    name = "$name"
    #: None keeps these entities whatever they overlap; an int makes them compete with
    #: the built-in readings of numbers and dates (see hanpipe's plugin guide)
    priority: ClassVar[int | None] = None
    #: True has the pipeline segment the text first, so that doc.tokens is set
    needs_tokens: ClassVar[bool] = False

    def __init__(self, *, max_length: int = 50) -> None:
        # options arrive as annotated keyword arguments; the pipeline checks their types when it builds the engine
        if max_length < 1:
            raise hanpipe.ConfigError(f"$name: max_length must be at least 1, got {max_length}")
        # a bounded repetition keeps the scan linear in the length of the text
        self._pattern = re.compile(rf"《([^《》\n]{{1,{max_length}}})》")

    def extract(self, doc: Document) -> Iterator[Entity]:
        for m in self._pattern.finditer(doc.text):
            title = m.group(1).strip()
            if title:  # 《 》 holds no title
                yield Entity("$name", m.start(), m.end(), m.group(), value=title)


@hanpipe.hookimpl
def $hook(register: Register) -> None:
    register($Class)
'''

_EXTRACT_TEST = r'''"""Tests for the $name extractor: hanpipe's contract, and what it finds."""

from __future__ import annotations

from typing import Any

import hanpipe
import pytest
from hanpipe.testing import $Contract

import $module
from $module import $Class


class Test${Class}Contract($Contract):
    def make_engine(self) -> $Class:
        return $Class()


def _pipeline(**stages: Any) -> hanpipe.Pipeline:
    """A pipeline with this plugin beside the built-in engines (installed plugins left out)."""
    return hanpipe.Pipeline(plugins=[$module], entry_points=False, **stages)


def test_${snake}_finds_titles_through_the_pipeline() -> None:
    pipeline = _pipeline(convert=None, segment=None, extract=["$name"])
    doc = pipeline.process("我读了《三体》和《 红楼梦 》。《 》《没有合上")
    found = [(e.text, e.value, e.source_start) for e in doc.entities if e.kind == "$name"]
    assert found == [("《三体》", "三体", 3), ("《 红楼梦 》", "红楼梦", 8)]


def test_${snake}_option_is_checked() -> None:
    doc = hanpipe.Document.from_text("《三体》《红楼梦》")
    assert [e.value for e in $Class(max_length=2).extract(doc)] == ["三体"]
    with pytest.raises(hanpipe.ConfigError, match="max_length"):
        _pipeline(convert=None, segment=None, extract=[{"engine": "$name", "max_length": 0}])
'''

#: stage -> (one line for the README, the engine module, its tests)
_ENGINES: dict[str, tuple[str, str, str]] = {
    "decode": ("bytes to text, UTF-8 when they are UTF-8, else GB18030 (or the `fallback` option).",
               _DECODE, _DECODE_TEST),
    "clean": ("cuts a run of repeated `！？!?` to `keep` marks (1 unless told), through `apply_edits`.",
              _CLEAN, _CLEAN_TEST),
    "convert": ("converts the characters of a table (a few Traditional ones to Simplified unless told).",
                _CONVERT, _CONVERT_TEST),
    "segment": ("one word per Han character, one per run of Latin letters and digits.", _SEGMENT, _SEGMENT_TEST),
    "extract": ("titles of books and articles in `《》`, the title as the value.", _EXTRACT, _EXTRACT_TEST),
}  # fmt: skip
