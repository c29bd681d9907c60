"""Cleaner ``mojibake``: undo a wrong decoding, only where the undo is lossless.

Kinds repaired (``Edit.reason`` names the kind):

* ``utf8-as-gbk``: UTF-8 bytes decoded as GBK / GB18030 / cp936 (``鍩虹``,
  ``锟斤拷`` — the latter is two U+FFFD and is restored as such, to be flagged
  as damaged);
* ``utf8-as-latin1``: UTF-8 decoded as Latin-1 or cp1252 (``å¤§æ¨¡åž‹``);
* ``gbk-as-latin1`` / ``big5-as-latin1``: GB18030 or Big5 bytes decoded as
  Latin-1 or cp1252 (``´óÄ£ÐÍ``).

A candidate is a run of characters that could be such mis-decoded bytes. It
is re-encoded the way it was mis-decoded and decoded strictly the right way;
any error means no repair. A repair is made only where the result is much more
probable than the run under the character model of
:mod:`hanpipe.decode._model` (common Han characters instead of rare ones or
Latin letters). Once a text holds strong evidence of one kind (at least
``DOC_EVIDENCE`` Han characters restored by confident repairs), shorter runs
of that kind are repaired too if the result is at least as probable.

Each repair is split at the points where the mis-decoded and the restored
characters share a byte boundary, so every restored character is aligned to
exactly the garbled characters that carried its bytes. Linear time: every
candidate is decoded once, in windows that do not overlap.
"""

from __future__ import annotations

import functools

import numpy as np
import regex

from ..document import Document, Edit
from ._model import char_scores

__all__ = ["MojibakeCleaner"]

#: a confident repair yields characters this probable on average
MIN_MEAN = -11.5
#: and this much more probable than the garbled run, per character
MIN_GAIN = 2.0
#: Han characters restored by confident repairs that make a text "of that kind"
DOC_EVIDENCE = 4
#: characters decoded at first when following a UTF-8-as-GBK candidate (doubles while valid)
WINDOW = 16

_CP1252_SPECIALS = "".join(
    ch for b in range(0x80, 0xA0) if (ch := bytes([b]).decode("cp1252", errors="ignore"))
)
#: cp1252's specials back to the Latin-1 character of their byte
_TO_LATIN1 = {ord(bytes([b]).decode("cp1252")): b for b in range(0x80, 0xA0) if bytes([b]).decode("cp1252", "ignore")}
_LATIN_CLASS = "\\x80-\\xff" + regex.escape(_CP1252_SPECIALS, special_only=True)
#: a run of characters that are single bytes under Latin-1/cp1252; ASCII
#: letters inside (double-byte trail bytes) only between such characters, or last
_LATIN_RUN = regex.compile(f"[{_LATIN_CLASS}](?:[{_LATIN_CLASS}]|[\\x40-\\x7e](?=[{_LATIN_CLASS}]))*+[\\x40-\\x7e]?")
_NON_ASCII_RUN = regex.compile("[^\\x00-\\x7f]++[\\x40-\\x7e]?")


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


@functools.lru_cache(maxsize=1)
def _gbk_start() -> regex.Pattern[str]:
    """Two or more characters that GB18030-encode like the start of UTF-8 Chinese.

    The first is a double-byte character whose bytes are a UTF-8 lead and a
    continuation byte; the next ones start with a continuation byte.
    """
    lead: list[str] = []
    cont: list[str] = []
    for b1 in range(0x81, 0xFF):
        for b2 in [*range(0x40, 0x7F), *range(0x80, 0xFF)]:
            ch = bytes((b1, b2)).decode("gb18030", errors="ignore")
            if len(ch) != 1:
                continue
            if 0xC2 <= b1 <= 0xF4 and 0x80 <= b2 <= 0xBF:
                lead.append(ch)
            if 0x80 <= b1 <= 0xBF:
                cont.append(ch)
    return regex.compile(f"[{_charclass(lead)}][{_charclass(cont)}]++")


def _charclass(chars: list[str]) -> str:
    cps = sorted({ord(c) for c in chars})
    parts: list[str] = []
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        a, b = chr(cps[i]), chr(cps[j])
        parts.append(regex.escape(a) if i == j else f"{regex.escape(a)}-{regex.escape(b)}")
        i = j + 1
    return "".join(parts)


def _mean(text: str) -> float:
    if not text:
        return 0.0
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    table = char_scores()
    bmp = cps < 0x10000
    total = float(table[cps[bmp]].astype(np.float64).sum()) - 16.0 * int((~bmp).sum())
    return total / len(cps)


def _byte_lengths(text: str, encoding: str) -> list[int]:
    if encoding == "latin":
        return [1] * len(text)
    return [len(ch.encode(encoding, "surrogatepass")) for ch in text]


def _aligned_edits(start: int, garbled: str, bad_enc: str, fixed: str, good_enc: str, reason: str) -> list[Edit]:
    """Edits that turn ``garbled`` (at ``start``) into ``fixed``, split at shared byte boundaries."""
    a = _byte_lengths(garbled, bad_enc)
    b = _byte_lengths(fixed, good_enc)
    edits: list[Edit] = []
    i = j = 0
    ai = bj = 0  # byte offsets reached in garbled and fixed
    gi = fj = 0  # where the current segment began
    while i < len(a) or j < len(b):
        if ai <= bj and i < len(a):
            ai += a[i]
            i += 1
        else:
            bj += b[j]
            j += 1
        if ai == bj:
            g, f = garbled[gi:i], fixed[fj:j]
            if g != f:
                edits.append(Edit(start + gi, start + i, f, reason))
            gi, fj = i, j
    return edits


class _Candidate:
    __slots__ = ("end", "fixed", "garbled", "kind", "start", "strong")

    def __init__(self, start: int, garbled: str, fixed: str, kind: str, strong: bool) -> None:
        self.start = start
        self.end = start + len(garbled)
        self.garbled = garbled
        self.fixed = fixed
        self.kind = kind
        self.strong = strong


_KIND_ENCODINGS = {
    "utf8-as-gbk": ("gb18030", "utf-8"),
    "utf8-as-latin1": ("latin", "utf-8"),
    "gbk-as-latin1": ("latin", "gb18030"),
    "big5-as-latin1": ("latin", "big5hkscs"),
}


def _judge(garbled: str, fixed: str, kind: str) -> tuple[bool, bool]:
    """(acceptable at all, confident on its own)."""
    if fixed == garbled:
        return False, False
    if kind == "utf8-as-gbk" and fixed and set(fixed) <= {"\ufffd"} and len(garbled) >= 3:
        return True, True  # 锟斤拷: U+FFFD bytes read as GBK
    gain = _mean(fixed) - _mean(garbled)
    acceptable = gain >= 0.0
    han = sum(1 for ch in fixed if _is_han(ch))
    need = 2 if kind == "utf8-as-gbk" else 1
    strong = acceptable and han >= need and gain >= MIN_GAIN and _mean(fixed) >= MIN_MEAN
    if kind == "utf8-as-latin1":  # valid multi-byte UTF-8 from Latin letters does not happen by chance
        strong = acceptable = any(ord(ch) > 0xFF for ch in fixed) or gain >= 0.0
    return acceptable, strong


def _latin_candidates(text: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    for m in _LATIN_RUN.finditer(text):
        run = m.group()
        high = sum(1 for ch in run if ord(ch) >= 0x80)
        if high < 2:
            continue
        raw = run.translate(_TO_LATIN1).encode("latin-1", errors="ignore")
        if len(raw) != len(run):
            continue
        best: _Candidate | None = None
        best_rank = (False, False, -1e9)
        for kind, codec in (("utf8-as-latin1", "utf-8"), ("gbk-as-latin1", "gb18030"), ("big5-as-latin1", "big5hkscs")):
            body = run
            try:
                fixed = raw.decode(codec)
            except UnicodeDecodeError:
                # the trailing ASCII letter may be text of its own, not a trail byte
                if run[-1] < "\x80":
                    body = run[:-1]
                    try:
                        fixed = raw[:-1].decode(codec)
                    except UnicodeDecodeError:
                        continue
                else:
                    continue
            if kind != "utf8-as-latin1" and not any("\xc0" <= ch <= "\xff" for ch in body):
                continue
            acceptable, strong = _judge(body, fixed, kind)
            if not acceptable:
                continue
            rank = (strong, True, _mean(fixed))
            if rank > best_rank:
                best_rank = rank
                best = _Candidate(m.start(), body, fixed, kind, strong)
        if best is not None:
            found.append(best)
    return found


def _gbk_fragment(text: str, start: int, limit: int) -> tuple[int, str, int]:
    """Longest prefix of ``text[start:limit]`` whose GB18030 bytes are complete UTF-8.

    Returns (end, decoded, where to look next). The window doubles while
    the bytes stay valid, so a long run is encoded O(1) times per character.
    """
    stop = min(limit, start + WINDOW)
    while True:
        chunk = text[start:stop]
        raw = _gb(chunk)
        if raw is None:
            return start, "", start + 1
        try:
            raw.decode("utf-8")
            good = len(raw)
            truncated = False
        except UnicodeDecodeError as exc:
            good = exc.start
            truncated = exc.reason == "unexpected end of data"
        if stop < limit and (good == len(raw) or truncated):
            stop = min(limit, start + 2 * (stop - start))
            continue
        break
    # character boundaries (in bytes) up to ``good``; the last one that is also a UTF-8 boundary ends the fragment
    bounds = [0]
    for ch in chunk:
        nxt = bounds[-1] + len(_gb(ch) or b"????")
        if nxt > good:
            break
        bounds.append(nxt)
    k = len(bounds) - 1
    while k > 0 and bounds[k] < good and 0x80 <= raw[bounds[k]] <= 0xBF:
        k -= 1
    end = start + k
    decoded = raw[: bounds[k]].decode("utf-8") if k else ""
    return end, decoded, start + len(bounds)


def _gb(chunk: str) -> bytes | None:
    try:
        return chunk.encode("gb18030")
    except UnicodeEncodeError:
        return None


def _gbk_candidates(text: str, relaxed: bool, taken: list[tuple[int, int]]) -> list[_Candidate]:
    found: list[_Candidate] = []
    pattern = _NON_ASCII_RUN if relaxed else _gbk_start()
    pos = 0
    n = len(text)
    ti = 0
    while pos < n:
        m = pattern.search(text, pos)
        if m is None:
            break
        start = m.start()
        # the fragment may run past the match, up to the end of the non-ASCII run
        run = _NON_ASCII_RUN.match(text, start)
        limit = run.end() if run else m.end()
        end, decoded, nxt = _gbk_fragment(text, start, limit)
        pos = max(nxt, start + 1)
        if end - start < 1 or not decoded:
            continue
        while ti < len(taken) and taken[ti][1] <= start:
            ti += 1
        if ti < len(taken) and taken[ti][0] < end:
            continue
        garbled = text[start:end]
        acceptable, strong = _judge(garbled, decoded, "utf8-as-gbk")
        if acceptable and (strong or relaxed):
            found.append(_Candidate(start, garbled, decoded, "utf8-as-gbk", strong))
    return found


class MojibakeCleaner:
    """Repair UTF-8, GBK and Big5 text that was decoded with the wrong codec."""

    name = "mojibake"

    def clean(self, doc: Document) -> Document:
        text = doc.text
        if text.isascii():
            return doc
        candidates = _latin_candidates(text)
        candidates += _gbk_candidates(text, False, [])
        evidence: dict[str, int] = {}
        for c in candidates:
            if c.strong:
                evidence[c.kind] = evidence.get(c.kind, 0) + max(1, sum(1 for ch in c.fixed if _is_han(ch)))
        if evidence.get("utf8-as-gbk", 0) >= DOC_EVIDENCE:
            taken = sorted((c.start, c.end) for c in candidates)
            candidates += _gbk_candidates(text, True, taken)
        chosen = _resolve(candidates, evidence)
        if not chosen:
            return doc
        edits: list[Edit] = []
        for c in chosen:
            bad, good = _KIND_ENCODINGS[c.kind]
            edits.extend(_aligned_edits(c.start, c.garbled, bad, c.fixed, good, c.kind))
        return doc.apply_edits(edits, step=self.name)


def _resolve(candidates: list[_Candidate], evidence: dict[str, int]) -> list[_Candidate]:
    """Strong candidates, and weak ones of a kind the text has evidence of; no overlaps."""
    keep = [c for c in candidates if c.strong or evidence.get(c.kind, 0) >= DOC_EVIDENCE]
    keep.sort(key=lambda c: (c.start, -(c.end - c.start)))
    out: list[_Candidate] = []
    last = 0
    for c in keep:
        if c.start >= last:
            out.append(c)
            last = c.end
    return out
