"""Sentence spans of Chinese (and mixed ASCII) text, in one linear pass.

A sentence ends:

* after a run of terminators: the Chinese ``。！？；…`` end a sentence
  wherever they stand; a run of only ASCII ``!`` and ``?`` (with or without
  ``.``) ends one when what follows is the end of the text, whitespace or a
  character outside ASCII (``真的吗?是的``), so ``a.com/?q=1`` stays whole;
  a run of only ``.`` ends one when followed by the end of the text or
  whitespace, so ``3.14``, ``a.com`` and ``完成.接下来`` stay whole.
  The closing quotes and brackets right after the run (``”』」）】》"'``
  and the like) belong to the sentence they close: ``“好。”他说`` ends
  after ``”``.
* at a line break (``str.splitlines``' boundaries): a line never continues
  a sentence of the line before.
* at the end of the text.

A span never starts or ends with whitespace, and whitespace between two
sentences belongs to neither. Abbreviations (``e.g. this``) are not known:
a ``.`` followed by a space ends a sentence. The text is read once, by a
regular expression whose pattern is a run of one character class followed
by a run of a disjoint class, so it cannot backtrack.
"""

from __future__ import annotations

import re

__all__ = ["ASCII_TERMINATORS", "CHINESE_TERMINATORS", "CLOSERS", "LINE_BREAKS", "sentence_spans"]

#: end a sentence wherever they stand
CHINESE_TERMINATORS = "。！？；…"
#: end a sentence under conditions (see the module's doc)
ASCII_TERMINATORS = "!?."
#: closing quotes and brackets kept with the sentence they close
CLOSERS = "”’」』）】》〉〕〗〙〛］｝)]}\"'»›"
#: where str.splitlines breaks a line
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

_MARK = re.compile(
    f"(?P<run>[{re.escape(CHINESE_TERMINATORS + ASCII_TERMINATORS)}]+)(?P<close>[{re.escape(CLOSERS)}]*)"
    f"|[{re.escape(LINE_BREAKS)}]"
)


def _ends(run: str, following: str) -> bool:
    """Whether a run of terminators, followed by the character ``following`` ("" at the end), ends a sentence."""
    if not following or following.isspace():
        return True
    for ch in run:
        if ch in CHINESE_TERMINATORS:
            return True
    if ord(following) < 128:
        return False
    return "!" in run or "?" in run


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    """Add ``text[start:end]`` without its leading and trailing whitespace, unless nothing is left."""
    piece = text[start:end]
    body = piece.strip()
    if body:
        first = start + len(piece) - len(piece.lstrip())
        spans.append((first, first + len(body)))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``[(start, end), ...]`` of each sentence of ``text``, in order; see the module's doc for where one ends.

    >>> text = "大模型是什么?它很大。 “真的吗？”\\n第二行"
    >>> [text[a:b] for a, b in sentence_spans(text)]
    ['大模型是什么?', '它很大。', '“真的吗？”', '第二行']
    """
    if not isinstance(text, str):
        raise TypeError(f"sentence_spans() takes str, got {type(text).__name__}")
    spans: list[tuple[int, int]] = []
    n = len(text)
    start = 0
    for mark in _MARK.finditer(text):
        run = mark.group("run")
        if run is None:  # a line break
            _add(spans, text, start, mark.start())
            start = mark.end()
            continue
        end = mark.end()
        if _ends(run, text[end] if end < n else ""):
            _add(spans, text, start, end)
            start = end
    _add(spans, text, start, n)
    return spans
