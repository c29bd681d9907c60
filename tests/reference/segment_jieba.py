"""Plain-Python versions of the ``jieba`` segmenter's kernels, written for reading, not speed.

The dictionary is a dict ``{word or prefix: freq}`` (prefixes 0), like
jieba's ``FREQ``; the HMM tables are the arrays of ``_dict.load_hmm`` (states
B, M, E, S; emission rows per character). Everything works on str.
"""

from __future__ import annotations

import math

HAN_FIRST, HAN_LAST = 0x4E00, 0x9FD5
BLOCK_EXTRA = set("+#&._%-")
STATES = "BMES"
# predecessors of each state, as jieba's finalseg allows them
PREV = {"B": "ES", "M": "MB", "E": "BM", "S": "SE"}


def is_han(ch: str) -> bool:
    return HAN_FIRST <= ord(ch) <= HAN_LAST


def is_ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def in_block(ch: str) -> bool:
    return is_han(ch) or is_ascii_alnum(ch) or ch in BLOCK_EXTRA


def freq_table(words: dict[str, int]) -> dict[str, int]:
    """Words and all their prefixes (prefixes at 0 unless they are words)."""
    table: dict[str, int] = {}
    for word in words:
        for i in range(1, len(word)):
            table.setdefault(word[:i], 0)
    table.update(words)
    return table


def route(block: str, freq: dict[str, int], total: int) -> list[int]:
    """End of the best word starting at each position (jieba's route, ties to the longer word)."""
    n = len(block)
    logtotal = math.log(total)
    score = [0.0] * (n + 1)
    ends = [0] * n
    for i in range(n - 1, -1, -1):
        candidates = []
        j = i + 1
        while j <= n and block[i:j] in freq:
            if freq[block[i:j]]:
                candidates.append(j)
            j += 1
        if not candidates:
            candidates = [i + 1]
        best = None
        for j in candidates:
            f = freq.get(block[i:j]) or 1
            value = math.log(f) - logtotal + score[j]
            if best is None or (value, j) > best:
                best = (value, j)
        assert best is not None
        score[i], ends[i] = best
    return ends


def viterbi(run: str, start_p, trans, emit) -> list[str]:
    """The most likely B/M/E/S state of each Han character of ``run``."""

    def em(state: str, ch: str) -> float:
        return float(emit[ord(ch) - HAN_FIRST, STATES.index(state)])

    prob = {y: float(start_p[STATES.index(y)]) + em(y, run[0]) for y in STATES}
    paths = {y: [y] for y in STATES}
    for ch in run[1:]:
        new_prob, new_paths = {}, {}
        for y in STATES:
            e = em(y, ch)
            best = max((prob[y0] + float(trans[STATES.index(y0), STATES.index(y)]) + e, y0) for y0 in PREV[y])
            new_prob[y] = best[0]
            new_paths[y] = paths[best[1]] + [y]
        prob, paths = new_prob, new_paths
    last = max((prob[y], y) for y in "ES")[1]
    return paths[last]


def hmm_words(run: str, start_p, trans, emit, force_split: set[str]) -> list[str]:
    states = viterbi(run, start_p, trans, emit)
    words = []
    begin = nexti = 0
    for i, state in enumerate(states):
        if state == "B":
            begin = i
        elif state == "E":
            words.append(run[begin : i + 1])
            nexti = i + 1
        elif state == "S":
            words.append(run[i])
            nexti = i + 1
    if nexti < len(run):
        words.append(run[nexti:])
    out = []
    for w in words:
        out.extend(list(w) if w in force_split else [w])
    return out


def skip_split(text: str) -> list[str]:
    """Alphanumeric runs with an optional ``.digits`` and ``%``, and the text between them."""
    out = []
    gap = pos = 0
    n = len(text)
    while pos < n:
        if not is_ascii_alnum(text[pos]):
            pos += 1
            continue
        j = pos
        while j < n and is_ascii_alnum(text[j]):
            j += 1
        if j + 1 < n and text[j] == "." and text[j + 1] in "0123456789":
            j += 1
            while j < n and text[j] in "0123456789":
                j += 1
        if j < n and text[j] == "%":
            j += 1
        if gap < pos:
            out.append(text[gap:pos])
        out.append(text[pos:j])
        gap = pos = j
    if gap < n:
        out.append(text[gap:])
    return out


def finalseg(text: str, start_p, trans, emit, force_split: set[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(text):
        han = is_han(text[i])
        j = i
        while j < len(text) and is_han(text[j]) == han:
            j += 1
        part = text[i:j]
        out.extend(hmm_words(part, start_p, trans, emit, force_split) if han else skip_split(part))
        i = j
    return out


def cut_block(block: str, freq, total, hmm, hmm_tables, force_split) -> list[str]:
    ends = route(block, freq, total)
    words = []
    i = 0
    while i < len(block):
        words.append(block[i : ends[i]])
        i = ends[i]
    out: list[str] = []
    pending = ""
    if not hmm:
        for w in words:
            if len(w) == 1 and is_ascii_alnum(w):
                pending += w
                continue
            if pending:
                out.append(pending)
                pending = ""
            out.append(w)
        if pending:
            out.append(pending)
        return out

    def flush() -> None:
        if len(pending) == 1:
            out.append(pending)
        elif freq.get(pending):
            out.extend(pending)
        else:
            out.extend(finalseg(pending, *hmm_tables, force_split))

    for w in words:
        if len(w) == 1:
            pending += w
            continue
        if pending:
            flush()
            pending = ""
        out.append(w)
    if pending:
        flush()
    return out


def cut(text: str, freq, total, hmm, hmm_tables, force_split=frozenset()) -> list[str]:
    """jieba's ``lcut``: blocks of Han/ASCII word characters are segmented, everything else is one token a
    character, except ``\\r\\n``."""
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        if in_block(text[i]):
            j = i
            while j < n and in_block(text[j]):
                j += 1
            out.extend(cut_block(text[i:j], freq, total, hmm, hmm_tables, force_split))
            i = j
        elif text[i] == "\r" and i + 1 < n and text[i + 1] == "\n":
            out.append("\r\n")
            i += 2
        else:
            out.append(text[i])
            i += 1
    return out


def search_expand(words: list[str], freq: dict[str, int]) -> list[str]:
    """``cut_for_search``: the dictionary 2- and 3-grams inside longer words, then the word."""
    out = []
    for w in words:
        for size, longer_than in ((2, 2), (3, 3)):
            if len(w) > longer_than:
                out.extend(w[i : i + size] for i in range(len(w) - size + 1) if freq.get(w[i : i + size]))
        out.append(w)
    return out


def spans(words: list[str]) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for w in words:
        out.append((pos, pos + len(w)))
        pos += len(w)
    return out


def block_lengths(text: str) -> int:
    """The longest run of block characters."""
    best = run = 0
    for ch in text:
        run = run + 1 if in_block(ch) else 0
        best = max(best, run)
    return best


def next_cut(text: str, start: int, target: int) -> int:
    """The first end at least ``target`` on from ``start`` that follows a non-block character other than ``\\r``."""
    e = start + target
    if e >= len(text):
        return len(text)
    while e < len(text) and (text[e - 1] == "\r" or in_block(text[e - 1])):
        e += 1
    return e


# -- full mode ------------------------------------------------------------------

# what Python's ``\s`` matches in a str pattern
SPACES = set("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | {
    chr(c) for c in range(0x2000, 0x200B)
}


def words_at(block: str, i: int, freq: dict[str, int]) -> list[int]:
    """Ends (exclusive) of the dictionary words starting at ``i``, shortest first; ``[i + 1]`` if none."""
    ends = []
    j = i + 1
    while j <= len(block) and block[i:j] in freq:  # longer words have this one as a prefix
        if freq[block[i:j]]:
            ends.append(j)
        j += 1
    return ends or [i + 1]


def full_block(block: str, freq: dict[str, int]) -> list[list[tuple[int, int]]]:
    """Full mode over one block: each token as the list of spans it is made of.

    At each position, its dictionary words longer than one character are
    tokens, unless the position has just one candidate and lies past the end
    of the last token: then that candidate is a token even if it is one
    character. Such a candidate that starts with an ASCII letter or digit
    is not a token on its own but is appended to a pending run; the run is
    a token when a character that is no ASCII letter or digit comes, or at
    the block's end. The appended pieces need not touch.
    """
    tokens: list[list[tuple[int, int]]] = []
    last_end = 0  # end of the most recent token or appended piece (positions before it are covered)
    pending: list[tuple[int, int]] = []
    for i, ch in enumerate(block):
        if pending and not is_ascii_alnum(ch):
            tokens.append(pending)
            pending = []
        ends = words_at(block, i, freq)
        if len(ends) == 1 and i >= last_end:
            span = (i, ends[0])
            if is_ascii_alnum(ch):
                if pending and pending[-1][1] == i:
                    pending[-1] = (pending[-1][0], span[1])
                else:
                    pending.append(span)
            else:
                tokens.append([span])
            last_end = ends[0]
        else:
            for j in ends:
                if j > i + 1:
                    tokens.append([(i, j)])
                    last_end = j
    if pending:
        tokens.append(pending)
    return tokens


def full_gap(text: str, a: int, b: int) -> list[list[tuple[int, int]]]:
    """Full mode over characters outside the blocks: each whitespace character (``\\r\\n`` as one) is a
    token, and so is each stretch between them, even an empty one, and the stretches at both ends."""
    out = []
    piece = i = a
    while i < b:
        width = 2 if text[i : i + 2] == "\r\n" and i + 1 < b else 1 if text[i] in SPACES else 0
        if not width:
            i += 1
            continue
        out.append([(piece, i)])
        out.append([(i, i + width)])
        i += width
        piece = i
    out.append([(piece, b)])
    return out


def full_spans(text: str, freq: dict[str, int]) -> list[list[tuple[int, int]]]:
    """jieba's full mode (``cut_all=True``) over ``text``: each token as the spans it is made of."""
    out: list[list[tuple[int, int]]] = []
    i = 0
    while i < len(text):
        inside = in_block(text[i])
        j = i
        while j < len(text) and in_block(text[j]) == inside:
            j += 1
        if inside:
            out.extend([[(s + i, e + i) for s, e in token] for token in full_block(text[i:j], freq)])
        else:
            out.extend(full_gap(text, i, j))
        i = j
    return out


def full_cut(text: str, freq: dict[str, int]) -> list[str]:
    return ["".join(text[s:e] for s, e in token) for token in full_spans(text, freq)]
