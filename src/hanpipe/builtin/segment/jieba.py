"""Segmenter ``jieba``: jieba's exact words from compiled code, with offsets.

Output equals ``jieba.lcut(text)`` (``hmm=True``), ``jieba.lcut(text,
HMM=False)`` (``hmm=False``), ``jieba.lcut_for_search(text)``
(``mode="search"``) and ``jieba.lcut(text, cut_all=True)`` (``mode="full"``,
where ``hmm`` plays no part) token for token, with jieba's own dictionary and
HMM read from the installed jieba package. The word graph, the best route and
the Viterbi pass run in numba kernels (``_kernels``) over the text's code
points.

A text of up to ``JOINED`` characters (a sentence, a line, a post, a page:
how most people call jieba) costs one kernel call in ``cut``: ``cut_joined`` writes
the words joined by a separator the text lacks, and one decode and one
split make the list. ``segment`` takes one call of it too (in every mode,
but not with ``pos=True``), for the spans, which it copies into the
result's two arrays; the thread's buffer serves both. Above ``DISTINCT_FROM`` characters, equal words are
one string object (the kernel writes each distinct word once), as for longer
texts (``_strings``); below it the list is short and they may be several.
Full mode takes the one call up to ``DISTINCT_FROM`` characters (and where
its words fit the buffer).

Full mode's tokens overlap, and some are empty (jieba yields an empty string
between two adjacent whitespace characters): an empty token is an empty span.
One token of full mode may be no span at all: jieba joins the ASCII letters
and digits of a stretch into one token even where a word it yielded meanwhile
covered characters between them (only a user word made of ASCII letters and
digits alone can cause that, e.g. ``AI`` and ``AIGC`` in ``useAIGCtool``,
which gives ``usetool``). :meth:`JiebaSegmenter.cut` gives jieba's string;
:meth:`JiebaSegmenter.segment` gives the token's pieces as separate spans.

With ``pos=True`` the engine tags parts of speech as ``jieba.posseg`` does:
its tokens are ``jieba.posseg.lcut(text, HMM=hmm)``'s words (which differ
from ``jieba.lcut``'s: jieba.posseg does not join ``%`` and ``-`` into
words, and cuts runs of unknown characters with its own tagging HMM), and
they carry the tags as codes (``Tokens.tag_codes``, names in
``Tokens.tag_names``). Dictionary words get their dictionary tag (the third
field of ``dict.txt``, or the tag given to ``add_word``/``load_userdict``),
``x`` where they have none (a main dictionary may have lines without a tag,
which jieba.posseg refuses). :meth:`JiebaSegmenter.cut_pos` gives
``(word, tag)`` pairs. Only the default mode tags (jieba.posseg has no
search or full mode).

User dictionaries belong to one engine (so to one Pipeline), never to the
process: :meth:`JiebaSegmenter.load_userdict`, :meth:`~JiebaSegmenter.add_word`,
:meth:`~JiebaSegmenter.del_word` and :meth:`~JiebaSegmenter.suggest_freq`
behave as ``jieba.Tokenizer``'s methods do. One difference: jieba keeps the
words that ``del_word`` forces the HMM to split in one process-wide set; here
they stay with the engine that deleted them.

User dictionary files are parsed as jieba parses them (``word [freq] [tag]``
per line, UTF-8, blank lines skipped; a word may contain spaces). A line that
is not UTF-8, or whose frequency is 2**62 or more, raises
:class:`~hanpipe.errors.DictionaryError` naming the file and the line.
"""

from __future__ import annotations

import io
import operator
import os
import threading
from collections.abc import Iterable
from typing import Any

import numpy as np

from ..._text import code_points, decode_utf32, encode_utf32_le, scratch
from ...batch import SegmentJoined
from ...document import Tokens
from ...errors import ConfigError, DictionaryError, InputError
from . import _kernels as K
from ._dict import MAX_FREQ, Dictionary, default_dictionary
from ._kernels import (
    JOINED_CLASSES,
    JOINED_CLASSES_FIXED,
    JOINED_COUNT,
    JOINED_DISTINCT,
    JOINED_FULL,
    JOINED_HMM,
    JOINED_SEARCH,
    JOINED_SEP,
    JOINED_SPANS,
    cut_joined,
)
from ._modes import MODES, check_hmm, check_mode
from ._posmodel import pos_model
from ._strings import token_strings
from ._tagging import pos_spans, state_tags, tag_name_array, tagged_pairs

__all__ = ["JiebaSegmenter", "parse_userdict_line"]

_ASCII_DIGITS = frozenset("0123456789")
_ASCII_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")


CHUNK = 1 << 16  # characters segmented per kernel call (more where a block is longer)
SHORT = 1 << 10  # up to this many characters, one call on arrays of their own
JOINED = 1 << 13  # up to this many characters, ``cut`` gets its words from one call of ``cut_joined``
JOINED_BUFFER = 1 << 10  # a thread's buffer for ``cut_joined`` serves this many characters at first
#: above this many characters, ``cut`` makes one string per distinct word (below, the list is short)
DISTINCT_FROM = 512

#: characters that may separate words in ``cut_joined``'s output; the first the text lacks is used
_SEPARATORS = ("\x00", "\uffff", "\U0010ffff", "\ufdd0")
_JOINED = threading.local()  # each thread's buffer for cut_joined


def _joined_work(n: int) -> tuple[np.ndarray, memoryview, np.ndarray, int]:
    """``cut_joined``'s buffer for texts of ``n`` characters (at least ``JOINED_BUFFER``, grown by
    powers of two), a byte view of it (slicing that costs less than slicing the array), an int32
    view (the word classes) and the number of characters it serves."""
    size = JOINED_BUFFER
    while size < n:
        size *= 2
    work = np.empty(K.JOINED_WORK * size + K.JOINED_FIXED, dtype=np.uint32)
    return work, work.data.cast("B"), work.view(np.int32), size


def _joined_opts(hmm: bool, mode: str) -> int:
    """``cut_joined``'s options for ``hmm`` and ``mode``, with the separator U+0000."""
    if mode == "full":
        return JOINED_FULL
    return (JOINED_HMM if hmm else 0) + (JOINED_SEARCH if mode == "search" else 0)


def _trim(arrays: tuple[np.ndarray, ...], count: int) -> None:
    """Shrink each array to its first ``count`` items in place: no copy, and the rest is freed.

    Only for arrays of :meth:`JiebaSegmenter._spans`, which no view outlives
    (``refcheck`` would count the caller's own names as other references).
    """
    for a in arrays:
        if a.shape[0] != count:
            a.resize(count, refcheck=False)


class JiebaSegmenter(SegmentJoined):
    """jieba's segmentation, compiled: ``segment(text) -> Tokens``; ``cut(text) -> list[str]``.

    Options: ``hmm`` (jieba's ``HMM``), ``mode`` (``"default"``,
    ``"search"`` or ``"full"``, jieba's ``cut_all``), ``userdict`` (a user
    dictionary file, loaded as :meth:`load_userdict` does) and
    ``dictionary`` (a main dictionary file in jieba's ``dict.txt`` format
    instead of jieba's own, as ``jieba.Tokenizer(dictionary)``) and ``pos``
    (tag parts of speech, as ``jieba.posseg``).
    """

    name = "jieba"

    def __init__(
        self,
        *,
        hmm: bool = True,
        mode: str = "default",
        userdict: str | os.PathLike[str] | None = None,
        dictionary: str | os.PathLike[str] | None = None,
        pos: bool = False,
    ) -> None:
        check_mode(mode)
        check_hmm(hmm)
        if not isinstance(pos, bool):
            raise ConfigError(f"segment option 'pos' must be True or False, got {pos!r}")
        if pos and mode != "default":
            raise ConfigError(f"segment option pos=True tags the default mode only (jieba.posseg has no {mode} mode)")
        self._hmm = bool(hmm)
        self._mode = mode
        self._opts = _joined_opts(self._hmm, mode)
        self.pos = pos
        # the dictionary the tagging was set up for, the model's states' tag codes in it, its tag names
        # (a tuple, and an object array to index with tag codes)
        self._tagging: tuple[Dictionary, np.ndarray, tuple[str, ...], np.ndarray] | None = None
        self._dict: Dictionary = default_dictionary(dictionary)
        self._owned = False
        self._lock = threading.RLock()
        if userdict is not None:
            self.load_userdict(userdict)

    @property
    def hmm(self) -> bool:
        """jieba's ``HMM``: runs of one-character words go through the HMM."""
        return self._hmm

    @hmm.setter
    def hmm(self, value: bool) -> None:
        check_hmm(value)
        self._hmm = value
        self._opts = _joined_opts(value, self._mode)

    @property
    def mode(self) -> str:
        """``"default"``, ``"search"`` or ``"full"``."""
        return self._mode

    @mode.setter
    def mode(self, value: str) -> None:
        check_mode(value)
        if self.pos and value != "default":
            raise ConfigError(f"segment option pos=True tags the default mode only (jieba.posseg has no {value} mode)")
        self._mode = value
        self._opts = _joined_opts(self._hmm, value)

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        del state["_lock"]  # engines travel to worker processes with their pipeline
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.RLock()

    # -- segmentation ------------------------------------------------------

    def segment(self, text: str) -> Tokens:
        """Token spans of ``text``, as this engine's ``hmm`` and ``mode`` say.

        A text of up to ``JOINED`` characters costs one kernel call (but with
        ``pos=True``): ``cut_joined`` writes the spans into the thread's
        buffer, and the two arrays of the result are copies of them.
        """
        if not self.pos and isinstance(text, str) and (n := len(text)) <= JOINED:
            work = getattr(_JOINED, "work", None)
            if work is None or n > work[3]:
                work = _JOINED.work = _joined_work(n)
            data = encode_utf32_le(text, "surrogatepass")[0]
            count = cut_joined(data, *self._dict.joined_args(), self._opts + JOINED_SPANS, work[0])
            if count >= 0:
                ints = work[2]
                return Tokens(ints[:count].copy(), ints[count : 2 * count].copy(), spell=token_strings)
            if not (self._opts & JOINED_FULL and count == K.ERR_CAPACITY):  # full mode may have too many spans
                raise InputError(f"segmentation failed with status {count} for {n} characters")
        cps = self._check(text)
        if self.pos:
            starts, ends, codes = self._pos_spans(cps, self.hmm)
            return Tokens(starts, ends, token_strings, codes, self._tag_names())
        if self.mode == "full":
            starts, ends, _ = self._full_spans(cps)
        else:
            starts, ends = self._spans(cps, self.hmm, self.mode == "search")
        return Tokens(starts, ends, spell=token_strings)

    def cut(self, text: str, *, hmm: bool | None = None, mode: str | None = None) -> list[str]:
        """The words of ``text`` as strings: ``jieba.lcut`` (``lcut_for_search`` in search mode,
        ``lcut(text, cut_all=True)`` in full mode)."""
        if hmm is None and mode is None:
            opts = self._opts
        else:
            if mode is not None and mode not in MODES:
                check_mode(mode)
            opts = _joined_opts(self._hmm if hmm is None else hmm, self._mode if mode is None else mode)
        if isinstance(text, str) and (n := len(text)) <= JOINED:
            if not n:
                return []
            # one kernel call writes the words joined by a separator the text lacks; one decode and split
            sep = "\x00"
            if sep in text:
                sep = next((s for s in _SEPARATORS if s not in text), "")
                opts += JOINED_SEP * ord(sep) if sep else 0
            if sep:
                work = getattr(_JOINED, "work", None)
                if work is None or n > work[3]:
                    work = _JOINED.work = _joined_work(n)
                if n <= DISTINCT_FROM:
                    m = cut_joined(encode_utf32_le(text, "surrogatepass")[0], *self._dict.joined_args(), opts, work[0])
                    if m > 0:
                        return decode_utf32(work[1][: 4 * m], "surrogatepass")[0].split(sep)
                    if not (opts & JOINED_FULL and m == K.ERR_CAPACITY):  # full mode may have too many words
                        raise InputError(f"segmentation failed with status {m} for {n} characters")
                elif not opts & JOINED_FULL:
                    m = cut_joined(encode_utf32_le(text, "surrogatepass")[0], *self._dict.joined_args(),
                                   opts + JOINED_DISTINCT, work[0])
                    if m <= 0:
                        raise InputError(f"segmentation failed with status {m} for {n} characters")
                    count, m = divmod(m, JOINED_COUNT)
                    words = decode_utf32(work[1][: 4 * m], "surrogatepass")[0].split(sep)
                    if len(words) == count:
                        return words
                    at = JOINED_CLASSES * n + JOINED_CLASSES_FIXED
                    return list(operator.itemgetter(*work[2][at : at + count].tolist())(words))
        if mode is None:
            mode = self._mode
        elif mode not in MODES:
            check_mode(mode)
        if hmm is None:
            hmm = self._hmm
        cps = self._check(text)
        if mode == "full":
            return self._full_cut(text, cps)
        search = mode == "search"
        starts, ends = self._spans(cps, bool(hmm), search)
        if starts.shape[0] == 0:
            return []
        arrays = [starts, ends, cps]
        del cps, starts, ends  # token_strings lets go of each array once it has read it
        return token_strings(text, arrays)

    def cut_pos(self, text: str, *, hmm: bool | None = None) -> list[tuple[str, str]]:
        """``(word, tag)`` pairs of ``text``: ``[tuple(p) for p in jieba.posseg.lcut(text, HMM=hmm)]``.

        Equal pairs are one tuple object (a long text holds one per distinct pair).
        """
        cps = self._check(text)
        d, st_tag, _, names = self._setup_tagging()
        starts, ends, codes = pos_spans(d, cps, self.hmm if hmm is None else bool(hmm), st_tag)
        return tagged_pairs(text, cps, starts, ends, codes, names)

    def _setup_tagging(self) -> tuple[Dictionary, np.ndarray, tuple[str, ...], np.ndarray]:
        """The tagging set up for the current dictionary (again after words or tags changed)."""
        d = self._dict
        tagging = self._tagging
        if tagging is None or tagging[0] is not d or len(tagging[2]) != len(d.tag_names):
            with self._lock:
                st_tag = state_tags(d, pos_model())
                names = tuple(d.tag_names)
                tagging = self._tagging = (d, st_tag, names, tag_name_array(names))
        return tagging

    def _pos_spans(self, cps: np.ndarray, hmm: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        d, st_tag, _, _ = self._setup_tagging()
        return pos_spans(d, cps, hmm, st_tag)

    def _tag_names(self) -> tuple[str, ...]:
        return self._setup_tagging()[2]

    def lcut(self, text: str, HMM: bool = True, *, cut_all: bool = False) -> list[str]:
        """``jieba.lcut(text, HMM=HMM, cut_all=cut_all)``."""
        return self.cut(text, hmm=HMM, mode="full" if cut_all else "default")

    def lcut_for_search(self, text: str, HMM: bool = True) -> list[str]:
        """``jieba.lcut_for_search(text, HMM=HMM)``."""
        return self.cut(text, hmm=HMM, mode="search")

    @staticmethod
    def _check(text: Any) -> np.ndarray:
        if not isinstance(text, str):
            raise InputError(f"the jieba segmenter takes str, got {type(text).__name__}")
        return code_points(text)

    def _spans(self, cps: np.ndarray, hmm: bool, search: bool) -> tuple[np.ndarray, np.ndarray]:
        """Token spans, computed chunk by chunk so that the scratch arrays stay small."""
        d = self._dict
        bc, wscore = d.seg_arrays()
        n = cps.shape[0]
        if n <= SHORT and not search:  # one kernel call on fresh arrays: the chunk loop's bookkeeping costs more
            out_s = np.empty(n, dtype=np.int32)
            out_e = np.empty(n, dtype=np.int32)
            found = K.segment_text(
                cps, d.charmap, bc, wscore, d.flags, d.logtotal, d.start_p, d.trans, d.emit, hmm,
                np.empty(n, np.int32), np.empty(n + 1, np.float64), np.empty(n + 1, np.int32),
                np.empty(4 * n, np.int8), np.empty(n, np.int8), out_s, out_e,
            )
            if found < 0:
                raise InputError(f"segmentation failed with status {found} for {n} characters")
            return out_s[:found], out_e[:found]
        out_s = np.empty(n, dtype=np.int32)
        out_e = np.empty(n, dtype=np.int32)
        work = scratch("segment.jieba")
        count = 0
        a = 0
        while a < n:
            b = n if n - a <= CHUNK else int(K.next_cut(cps, a, CHUNK))
            length = b - a
            found = K.segment_text(
                cps[a:b], d.charmap, bc, wscore, d.flags, d.logtotal, d.start_p, d.trans, d.emit, hmm,
                work.get("codes", length, np.int32), work.get("score", length + 1, np.float64),
                work.get("nxt", length + 1, np.int32), work.get("bp", 4 * length, np.int8),
                work.get("states", length, np.int8), out_s[count:], out_e[count:],
            )
            if found < 0:
                raise InputError(f"segmentation failed with status {found} at {a} of {n} characters")
            if a:
                out_s[count : count + found] += a
                out_e[count : count + found] += a
            count += found
            a = b
        if search:
            wide_s = np.empty(2 * n + 1, dtype=np.int32)  # at most 2L - 2 spans for a word of L > 1
            wide_e = np.empty(2 * n + 1, dtype=np.int32)
            total = K.search_expand(cps, d.charmap, bc, wscore, out_s, out_e, count, wide_s, wide_e)
            if total < 0:
                raise InputError(f"search expansion failed with status {total}")  # pragma: no cover
            del out_s, out_e
            _trim((wide_s, wide_e), total)
            return wide_s, wide_e
        _trim((out_s, out_e), count)
        return out_s, out_e

    def _full_spans(self, cps: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Full mode's spans and join marks (1 where a span continues the token before it).

        The kernel counts the spans the text has; room for twice the text's
        length (plus a little) is tried first, and if the text has more, the
        exact count next.
        """
        d = self._dict
        bc, wscore = d.seg_arrays()
        n = cps.shape[0]
        piece_s = np.empty(n, dtype=np.int32)
        piece_e = np.empty(n, dtype=np.int32)
        size = 2 * n + 16
        while True:
            out_s = np.empty(size, dtype=np.int32)
            out_e = np.empty(size, dtype=np.int32)
            join = np.empty(size, dtype=np.int8)
            count = int(K.full_text(cps, d.charmap, bc, wscore, piece_s, piece_e, out_s, out_e, join))
            if count < 0:
                raise InputError(f"full-mode segmentation failed with status {count}")  # pragma: no cover
            if count <= size:
                break
            size = count
        del piece_s, piece_e
        _trim((out_s, out_e, join), count)
        return out_s, out_e, join

    def _full_cut(self, text: str, cps: np.ndarray) -> list[str]:
        starts, ends, join = self._full_spans(cps)
        if starts.shape[0] == 0:
            return []
        cont = np.flatnonzero(join).tolist()
        del join
        arrays = [starts, ends, cps]
        del cps, starts, ends
        words = token_strings(text, arrays)
        if not cont:
            return words
        # a token of pieces that do not touch: each continuing piece joins the string before it
        out: list[str] = []
        prev = 0
        for i in cont:
            out.extend(words[prev:i])
            out[-1] += words[i]
            prev = i + 1
        out.extend(words[prev:])
        return out

    # -- the user dictionary (jieba.Tokenizer's API) -----------------------

    def _own(self) -> Dictionary:
        if not self._owned:
            self._dict = self._dict.copy()
            self._owned = True
        return self._dict

    def get_freq(self, word: str, default: int | None = None) -> int | None:
        """``FREQ.get(word, default)``: a word's frequency, 0 for a prefix that is no word."""
        return self._dict.get(word, default)

    @property
    def total(self) -> int:
        """The sum of all frequencies, as jieba's ``Tokenizer.total``."""
        return self._dict.total

    def add_word(self, word: str, freq: int | str | None = None, tag: str | None = None) -> None:
        """Add ``word``; without ``freq``, one that makes it come out whole (``suggest_freq``)."""
        word = _word(word)
        with self._lock:
            if freq is None:
                value = self.suggest_freq(word, False)
            else:
                try:
                    value = int(freq)
                except (TypeError, ValueError):
                    raise ConfigError(f"frequency of {word!r} must be an integer, got {freq!r}") from None
            if not 0 <= value < MAX_FREQ:
                raise ConfigError(f"frequency of {word!r} must be between 0 and 2**62, got {value}")
            d = self._own()
            d.set_word(word, value)
            d.add_total(value)
            if tag:
                d.set_tag(word, str(tag))

    def del_word(self, word: str) -> None:
        """Remove ``word``: frequency 0, and the HMM splits it too."""
        self.add_word(word, 0)

    def suggest_freq(self, segment: str | Iterable[str], tune: bool = False) -> int:
        """The frequency that joins ``segment`` (a str) or splits it (a sequence of str); set it if ``tune``."""
        with self._lock:
            d = self._dict
            ftotal = float(d.total)
            freq: float = 1
            if isinstance(segment, str):
                word = segment
                for seg in self.cut(word, hmm=False, mode="default"):
                    freq *= _get(d, seg, 1) / ftotal
                result = max(int(freq * d.total) + 1, _get(d, word, 1))
            else:
                parts = tuple(_word(s) for s in segment)
                word = "".join(parts)
                for seg in parts:
                    freq *= _get(d, seg, 1) / ftotal
                result = min(int(freq * d.total), _get(d, word, 0))
            if tune:
                self.add_word(word, result)
            return result

    def load_userdict(self, f: str | os.PathLike[str] | io.IOBase) -> None:
        """Load a user dictionary in jieba's format: ``word [freq] [tag]`` per line, UTF-8."""
        if isinstance(f, (str, os.PathLike)):
            name = os.fspath(f)
            try:
                with open(name, "rb") as fh:
                    data = fh.read()
            except OSError as exc:
                raise DictionaryError(f"cannot read user dictionary {name}: {exc}", path=name) from exc
        else:
            name = str(getattr(f, "name", repr(f)))
            data = f.read()
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogatepass")
        entries = []
        for lineno, raw in enumerate(io.BytesIO(data), 1):
            line = raw.strip()
            try:
                text = line.decode("utf-8").lstrip("\ufeff")
            except UnicodeDecodeError:
                raise DictionaryError(
                    f"user dictionary {name} line {lineno} is not UTF-8; save the file as UTF-8",
                    path=name,
                    line=lineno,
                ) from None
            if not text:
                continue
            word, freq, tag = parse_userdict_line(text)
            if freq is not None and int(freq) >= MAX_FREQ:
                raise DictionaryError(
                    f"user dictionary {name} line {lineno}: frequency {freq} is too large (at most 2**62 - 1)",
                    path=name,
                    line=lineno,
                )
            entries.append((word, freq, tag))
        with self._lock:
            for word, freq, tag in entries:
                self.add_word(word, freq, tag)


def _word(word: Any) -> str:
    if isinstance(word, bytes):
        try:
            return word.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(f"word {word!r} is not UTF-8") from None
    if not isinstance(word, str):
        raise InputError(f"a word must be str, got {type(word).__name__}")
    return word


def _get(d: Dictionary, word: str, default: int) -> int:
    value = d.get(word, None)
    return default if value is None else value


def parse_userdict_line(line: str) -> tuple[str, str | None, str | None]:
    """Split a stripped, non-empty line as jieba's ``^(.+?)( [0-9]+)?( [a-z]+)?$`` does, in linear time.

    The word is the shortest non-empty prefix whose remainder is empty,
    `` <digits>``, `` <lowercase>`` or `` <digits> <lowercase>``.
    """
    spaces = [i for i in (line.rfind(" "),) if i > 0]
    if spaces:
        before = line.rfind(" ", 0, spaces[0])
        if before > 0:
            spaces.insert(0, before)
    for i in spaces:
        rest = line[i + 1 :].split(" ")
        if len(rest) == 1:
            part = rest[0]
            if part and set(part) <= _ASCII_DIGITS:
                return line[:i], part, None
            if part and set(part) <= _ASCII_LOWER:
                return line[:i], None, part
        elif len(rest) == 2:
            num, tag = rest
            if num and tag and set(num) <= _ASCII_DIGITS and set(tag) <= _ASCII_LOWER:
                return line[:i], num, tag
    return line, None, None

