"""Tagged spans from the two kernel passes: ``_kernels.pos_text``, then ``_posseg.pos_expand``.

:func:`pos_spans` is what the ``jieba`` engine runs for ``pos=True`` and for
:meth:`~hanpipe.builtin.segment.jieba.JiebaSegmenter.cut_pos`: the text
chunk by chunk (cut where no token can cross), each chunk's words and tags
with the Han runs for the tagging HMM marked, then the runs cut and tagged.
"""

from __future__ import annotations

import numpy as np

from ...errors import InputError
from . import _kernels as K
from . import _posseg as P
from ._dict import Dictionary
from ._posmodel import MIN_FLOAT, PosModel, pos_model

__all__ = ["pos_spans", "state_tags"]

CHUNK = 1 << 16  # characters per kernel call (more where a block is longer)
HISTORY = 16  # path history entries per character tried first (jieba's table lists ten states a character)
MIN_ROOM = 1 << 16  # path history entries tried first at least


def state_tags(d: Dictionary, model: PosModel) -> np.ndarray:
    """The dictionary's tag code of each state of ``model`` (tags the dictionary lacks are added to it)."""
    lookup = np.array([d.tag_code(name) for name in model.tags], dtype=np.int16)
    return np.ascontiguousarray(lookup[model.st_tag])


def pos_spans(d: Dictionary, cps: np.ndarray, hmm: bool, st_tag: np.ndarray | None = None,
              model: PosModel | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``jieba.posseg.lcut`` over ``cps`` as ``(starts, ends, tag codes)`` (codes of ``d.tag_names``)."""
    bc, wscore = d.seg_arrays()
    tag = d.tag_array()
    n = cps.shape[0]
    out_s = np.empty(n, dtype=np.int32)
    out_e = np.empty(n, dtype=np.int32)
    out_t = np.empty(n, dtype=np.int16)
    count = 0
    a = 0
    while a < n:
        b = n if n - a <= CHUNK else int(K.next_cut(cps, a, CHUNK))
        chunk = cps[a:b]
        length = b - a
        tmp_s = np.empty(length, dtype=np.int32)
        tmp_e = np.empty(length, dtype=np.int32)
        tmp_t = np.empty(length, dtype=np.int16)
        found = K.pos_text(chunk, d.charmap, bc, wscore, tag, d.logtotal, hmm, np.empty(length, np.int32),
                           np.empty(length + 1, np.float64), np.empty(length + 1, np.int32), tmp_s, tmp_e, tmp_t)
        if found < 0:
            raise InputError(f"tagging failed with status {found} at {a} of {n} characters")
        marked = tmp_t[:found] == K.TAG_HMM
        if marked.any():
            if model is None:
                model = pos_model()
            if st_tag is None:
                st_tag = state_tags(d, model)
            found = _expand(model, st_tag, chunk, tmp_s, tmp_e, tmp_t, found, marked,
                            out_s[count:], out_e[count:], out_t[count:])
        else:
            out_s[count : count + found] = tmp_s[:found]
            out_e[count : count + found] = tmp_e[:found]
            out_t[count : count + found] = tmp_t[:found]
        if a:
            out_s[count : count + found] += a
            out_e[count : count + found] += a
        count += found
        a = b
    return out_s[:count].copy(), out_e[:count].copy(), out_t[:count].copy()


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
