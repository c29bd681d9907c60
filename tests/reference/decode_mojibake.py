"""Make mojibake the way it happens: encode with one codec, decode with another.

Only lossless garblings are made (the wrong decode is strict), so the
original can be recovered exactly; ``None`` means that text cannot be garbled
that way without loss.
"""

from __future__ import annotations


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
