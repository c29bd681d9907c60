"""Make mojibake the way it happens: encode with one codec, decode with another.

Only lossless garblings are made (the wrong decode is strict), so the
original can be recovered exactly; ``None`` means that text cannot be garbled
that way without loss.
"""

from __future__ import annotations

import codecs


def cp1252_whatwg(data: bytes) -> str:
    """cp1252 as browsers decode it: the five undefined bytes become C1 controls."""
    return "".join(bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b) for b in data)


def garble(text: str, kind: str) -> str | None:
    """``text`` garbled as ``kind`` (e.g. ``"utf8-as-gbk"``), or ``None``."""
    right, _, wrong = kind.partition("-as-")
    source = {"utf8": "utf-8", "gbk": "gb18030", "big5": "big5"}[right]
    try:
        data = text.encode(source)
    except UnicodeEncodeError:
        return None
    try:
        if wrong == "latin1":
            return data.decode("latin-1")
        if wrong == "cp1252":
            return cp1252_whatwg(data)
        return data.decode({"gbk": "gbk", "gb18030": "gb18030"}[wrong])
    except UnicodeDecodeError:
        return None


KINDS = (
    "utf8-as-gbk",
    "utf8-as-gb18030",
    "utf8-as-latin1",
    "utf8-as-cp1252",
    "gbk-as-latin1",
    "gbk-as-cp1252",
    "big5-as-latin1",
    "big5-as-cp1252",
)


def _one_byte(fallback: str) -> str:
    """Name of a codecs error handler that reads one undecodable byte as ``fallback`` and goes on after it."""
    name = f"hanpipe-tests-crawler-{fallback}"

    def handler(exc: UnicodeError) -> tuple[str, int]:
        assert isinstance(exc, UnicodeDecodeError)
        byte = exc.object[exc.start]
        if fallback == "cp1252":
            return cp1252_whatwg(bytes([byte])), exc.start + 1
        return chr(byte), exc.start + 1

    try:
        codecs.lookup_error(name)
    except LookupError:
        codecs.register_error(name, handler)
    return name


def crawl(data: bytes, fallback: str = "latin-1") -> str:
    """``data`` as a crawler that does not know the page's encoding decodes it.

    The model: such a crawler decodes the page as UTF-8, and where a byte
    does not begin a valid UTF-8 sequence it reads that one byte alone as
    Latin-1 (or cp1252, with the five bytes cp1252 leaves undefined kept as
    C1 controls, as browsers do) and tries UTF-8 again from the next byte.
    So a GBK or Big5 page comes out as Latin-1 mojibake (``´óÄ£ÐÍ``) broken
    wherever two to four bytes happened to be valid UTF-8 (``C4 A3`` is
    ``ģ``): ``"大模型".encode("gbk")`` crawls as ``´óģÐÍ``. Nothing is lost,
    but a character of ``U+0080``-``U+00FF`` may stand for one byte or two
    (``´`` for ``B4`` or for ``C2 B4``).

    Python's own strict UTF-8 decoder decides what is valid (no overlong
    forms, no surrogates, nothing past U+10FFFF); an error handler reads
    the first byte it rejects and resumes right after that byte.
    """
    return data.decode("utf-8", errors=_one_byte(fallback))


def crawl_text(text: str, encoding: str, fallback: str = "latin-1") -> str | None:
    """``text`` encoded in ``encoding`` (``None`` if it cannot be) and read by :func:`crawl`."""
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return None
    return crawl(data, fallback)


#: the page encodings the crawler tests cover, each with the fallback its pages are read with
CRAWLER_ENCODINGS = (("gbk", "latin-1"), ("gb18030", "cp1252"), ("big5", "cp1252"), ("big5hkscs", "latin-1"))
