"""Extractors ``hashtag`` (``#话题#``) and ``mention`` (``@用户``) for hanpipe."""

from __future__ import annotations

from collections.abc import Iterator

import regex

import hanpipe
from hanpipe import Document, Entity

__all__ = ["HashtagExtractor", "MentionExtractor"]

# Bounded repetitions keep both scans linear in the length of the text.
_HASHTAG = regex.compile(r"[#＃]([^#＃\n\r]{1,40})[#＃]")
_MENTION = regex.compile(r"(?<![A-Za-z0-9_.\-])@([\p{Han}A-Za-z0-9_\-]{1,30})")


class HashtagExtractor:
    """``#topic#``; the value is the topic with surrounding spaces removed."""

    name = "hashtag"

    def extract(self, doc: Document) -> Iterator[Entity]:
        for m in _HASHTAG.finditer(doc.text):
            topic = m.group(1).strip()
            if topic:
                yield Entity("hashtag", m.start(), m.end(), m.group(), value=topic)


class MentionExtractor:
    """``@name``; the value is the name."""

    name = "mention"

    def extract(self, doc: Document) -> Iterator[Entity]:
        for m in _MENTION.finditer(doc.text):
            yield Entity("mention", m.start(), m.end(), m.group(), value=m.group(1))


@hanpipe.hookimpl
def hanpipe_register_extractors(register):  # type: ignore[no-untyped-def]
    register(HashtagExtractor)
    register(MentionExtractor)
