"""Tagged spans from the two kernel passes: ``_kernels.pos_text``, then ``_posseg.pos_expand``.

:func:`pos_spans` is what the ``jieba`` engine runs for ``pos=True`` and for
:meth:`~hanpipe.builtin.segment.jieba.JiebaSegmenter.cut_pos`: the text
chunk by chunk (cut where no token can cross), each chunk's words and tags
with the Han runs for the tagging HMM marked, then the runs cut and tagged.
:func:`tagged_pairs` turns the spans into ``cut_pos``'s ``(word, tag)``
tuples, one tuple object per distinct pair.
"""

from __future__ import annotations

import numpy as np

from ..._text import from_code_points
from ...errors import InputError
from . import _kernels as K
from . import _posseg as P
from ._dict import Dictionary
from ._posmodel import MIN_FLOAT, PosModel, pos_model

__all__ = ["pos_spans", "state_tags", "tag_name_array", "tagged_pairs"]

CHUNK = 1 << 16  # characters per kernel call (more where a block is longer)
HISTORY = 16  # path history entries per character tried first (jieba's table lists ten states a character)
MIN_ROOM = 1 << 16  # path history entries tried first at least
#: characters that may separate words in one joined string; the first the text lacks is used
SEPARATORS = ("\x00", "\uffff", "\U0010ffff", "\ufdd0")


def state_tags(d: Dictionary, model: PosModel) -> np.ndarray:
    """The dictionary's tag code of each state of ``model`` (tags the dictionary lacks are added to it)."""
    lookup = np.array([d.tag_code(name) for name in model.tags], dtype=np.int16)
    return np.ascontiguousarray(lookup[model.st_tag])


def pos_spans(d: Dictionary, cps: np.ndarray, hmm: bool, st_tag: np.ndarray | None = None,
              model: PosModel | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``jieba.posseg.lcut`` over ``cps`` as ``(starts, ends, tag codes)`` (codes of ``d.tag_names``)."""
    n = cps.shape[0]
    if n <= CHUNK:  # one chunk: the kernels write the result's own arrays
        s, e, t, found = _pos_chunk(d, cps, hmm, st_tag, model, 0, n)
        return s[:found].copy(), e[:found].copy(), t[:found].copy()
    out_s = np.empty(n, dtype=np.int32)
    out_e = np.empty(n, dtype=np.int32)
    out_t = np.empty(n, dtype=np.int16)
    count = 0
    a = 0
    while a < n:
        b = n if n - a <= CHUNK else int(K.next_cut(cps, a, CHUNK))
        s, e, t, found = _pos_chunk(d, cps[a:b], hmm, st_tag, model, a, n)
        out_s[count : count + found] = s[:found]
        out_e[count : count + found] = e[:found]
        out_t[count : count + found] = t[:found]
        if a:
            out_s[count : count + found] += a
            out_e[count : count + found] += a
        count += found
        a = b
    return out_s[:count].copy(), out_e[:count].copy(), out_t[:count].copy()


def _pos_chunk(d: Dictionary, chunk: np.ndarray, hmm: bool, st_tag: np.ndarray | None, model: PosModel | None,
               a: int, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """The tagged spans of one chunk (offsets in the chunk) in arrays of the chunk's length, and their number."""
    length = chunk.shape[0]
    bc, wscore = d.seg_arrays()
    s = np.empty(length, dtype=np.int32)
    e = np.empty(length, dtype=np.int32)
    t = np.empty(length, dtype=np.int16)
    found = K.pos_text(chunk, d.charmap, bc, wscore, d.tag_array(), d.logtotal, hmm, np.empty(length, np.int32),
                       np.empty(length + 1, np.float64), np.empty(length + 1, np.int32), s, e, t)
    if found < 0:
        raise InputError(f"tagging failed with status {found} at {a} of {n} characters")
    if not hmm:  # only the HMM's Han runs are marked TAG_HMM
        return s, e, t, found
    marked = t[:found] == K.TAG_HMM
    if not marked.any():
        return s, e, t, found
    if model is None:
        model = pos_model()
    if st_tag is None:
        st_tag = state_tags(d, model)
    out_s = np.empty(length, dtype=np.int32)
    out_e = np.empty(length, dtype=np.int32)
    out_t = np.empty(length, dtype=np.int16)
    found = _expand(model, st_tag, chunk, s, e, t, found, marked, out_s, out_e, out_t)
    return out_s, out_e, out_t, found


def tag_name_array(names: tuple[str, ...] | list[str]) -> np.ndarray:
    """``names`` as an object array, to index with tag codes."""
    out = np.empty(len(names), dtype=object)
    out[:] = names
    return out


def tagged_pairs(text: str, cps: np.ndarray, starts: np.ndarray, ends: np.ndarray, codes: np.ndarray,
                 names: np.ndarray) -> list[tuple[str, str]]:
    """``list(zip(words, tags))`` of the spans of ``text``: tag ``names[codes[i]]`` on token ``i``.

    The spans do not overlap (``pos_spans`` gives them so). Equal pairs are
    one tuple object, as equal words are one string in ``token_strings``: a
    class per distinct pair from :func:`_posseg.pair_classes`, one decode and
    one split for the words of all classes, a tuple per class, and the list
    read from the classes with one take.
    """
    count = starts.shape[0]
    if count <= FEW:
        return _few_pairs(text, starts, ends, codes, names)
    sep = next((c for c in SEPARATORS if c not in text), None)
    classes = np.empty(count, dtype=np.int32)
    first = np.empty(count, dtype=np.int32)
    joined = np.empty(0 if sep is None else cps.shape[0] + count, dtype=np.uint32)
    # a table for twice the tokens (up to PAIR_TABLE), twice as long each time it is half full
    size = 1 << (2 * min(count, PAIR_TABLE)).bit_length()
    done = u = m = 0
    while True:
        u, m, done = P.pair_classes(cps, starts, ends, codes, names.shape[0], count, -1 if sep is None else ord(sep),
                                    np.full(size, -1, dtype=np.int32), classes, first, joined, done, u, m)
        if u < 0 or done == count:
            break
        size *= 2
    if u < 0:
        raise InputError(f"cannot make (word, tag) pairs of {count} spans over {cps.shape[0]} characters and "
                         f"{names.shape[0]} tag names: a span or tag code is out of range, or spans overlap")
    first = first[:u]
    if sep is None:
        words = [text[a:b] for a, b in zip(starts[first].tolist(), ends[first].tolist())]
    else:
        words = from_code_points(joined[:m]).split(sep)
        words.pop()
    pairs = np.fromiter(zip(words, names.take(codes.take(first)).tolist()), dtype=object, count=u)
    return pairs.take(classes).tolist()  # take: faster than indexing an object array


#: up to this many tokens, slices of the text and a dict of equal pairs cost less than the kernel
FEW = 24
#: the hash table of pairs is first made for twice this many pairs at most (a text has few distinct pairs)
PAIR_TABLE = 1 << 14


def _few_pairs(text: str, starts: np.ndarray, ends: np.ndarray, codes: np.ndarray,
               names: np.ndarray) -> list[tuple[str, str]]:
    """:func:`tagged_pairs` of a few tokens."""
    s = starts.tolist()
    e = ends.tolist()
    c = codes.tolist()
    if s and (min(s) < 0 or max(e) > len(text) or any(map(int.__gt__, s, e)) or min(c) < 0
              or max(c) >= names.shape[0]):
        raise InputError(f"cannot make (word, tag) pairs of {len(s)} spans over {len(text)} characters and "
                         f"{names.shape[0]} tag names: a span or tag code is out of range")
    tags = names[c].tolist()
    seen: dict[tuple[str, str], tuple[str, str]] = {}
    return [seen.setdefault(p, p) for p in zip(map(text.__getitem__, map(slice, s, e)), tags)]


def _expand(model: PosModel, st_tag: np.ndarray, cps: np.ndarray, in_s: np.ndarray, in_e: np.ndarray,
            in_t: np.ndarray, count: int, marked: np.ndarray, out_s: np.ndarray, out_e: np.ndarray,
            out_t: np.ndarray) -> int:
    """``_posseg.pos_expand`` with scratch arrays, given more path history until it fits."""
    ns = model.n_states
    runs = (in_e[:count] - in_s[:count])[marked]
    longest = int(runs.max())
    # the history is kept for one run at a time: at most every state at every character
    room = min(ns * longest, max(HISTORY * longest, MIN_ROOM)) + ns
    while True:
        found = P.pos_expand(
            cps, in_s, in_e, in_t, count, model.st_pos, st_tag, model.start, model.trans, model.live,
            model.succ_ptr, model.succ, model.cs_ptr, model.cs, model.em_ptr, model.em_state, model.em_val,
            np.empty(ns, np.float64), np.empty(ns, np.float64), np.full(ns, MIN_FLOAT), np.zeros(ns, np.int8),
            np.empty(ns, np.int16), np.empty(ns, np.int16), np.empty(ns, np.int16), np.empty(longest + 1, np.int32),
            np.empty(room, np.int16), np.empty(room, np.int16), np.empty(longest, np.int16), out_s, out_e, out_t,
        )
        if found != P.ERR_ROOM or room >= ns * longest + ns:
            break
        room = min(2 * room, ns * longest + ns)
    if found < 0:
        raise InputError(f"the tagging HMM failed with status {found}")
    return int(found)
