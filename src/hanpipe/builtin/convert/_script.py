"""Which script a text is written in, from OpenCC's character tables.

The converter counts three kinds of characters in the same pass that decides
which dictionaries a text needs (:func:`hanpipe.builtin.convert._kernels.scan`),
and :func:`describe` turns the counts into ``doc.meta["script"]``.

Definitions, from the official wheel's ``STCharacters`` (Simplified →
Traditional candidates), ``TSCharacters`` and ``TSCharactersExt``
(Traditional → Simplified candidates); ``t2s(c)`` and ``s2t(c)`` are the
first candidate, what OpenCC's character table writes for ``c`` (``c``
itself when the table has no entry for it):

* the *Traditional forms* are the keys of the TS tables and every candidate
  of the ST table; the *Simplified forms* are the keys of the ST table and
  every candidate of the TS tables.
* ``c`` is **Traditional-only** if it is a Traditional form, not a
  Simplified form, and ``t2s(c) != c``: 發 髮 國 為 臺 麵 裡.
* ``c`` is **Simplified-only** if it is a Simplified form, not a Traditional
  form, and ``s2t(c) != c``: 发 国 为 湾.
* Everything else is shared: characters both scripts write alike (的, 人),
  and those each table lists as a form of the other script too, such as 干
  后 里 台 (Traditional 干涉, 皇后, 公里, 台風) and 乾 於 (Simplified 乾隆,
  the surname 於). Characters the tables decide only inside phrases (著, 着)
  are shared as well.
* A **Han** character is one of U+3400–4DBF, U+4E00–9FFF, U+F900–FAFF or
  U+20000–323AF (the CJK ideograph blocks, with Extensions B to I).

Shares are counts over the Han characters. The script is ``"neither"`` when
no character is Traditional-only or Simplified-only (no Han, or only shared
characters: such a text reads the same in both); otherwise, of the
characters that tell the scripts apart, ``"traditional"`` when at least 90%
are Traditional-only, ``"simplified"`` when at least 90% are
Simplified-only, and ``"mixed"`` in between. Japanese kanji text is judged
by the same tables: Shinjitai forms shared with Simplified Chinese (国, 学)
count as Simplified-only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

__all__ = [
    "FIELD",
    "HAN_BIT",
    "HAN_RANGES",
    "LEVEL_LIMIT",
    "SCRIPT_TABLES",
    "SIMPLIFIED_BIT",
    "THRESHOLD",
    "TRADITIONAL_BIT",
    "ScriptInfo",
    "classes",
    "describe",
]

#: the dictionaries the classes come from: (ST table, TS tables)
SCRIPT_TABLES = ("STCharacters.ocd2", "TSCharacters.ocd2", "TSCharactersExt.ocd2")
#: the Han ideograph blocks counted, inclusive
HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x323AF))
#: the least part of the telling characters that decides one script
THRESHOLD = 0.9

#: a compiled trie's ``start_mask[cp]`` has one bit per dictionary level below ``LEVEL_LIMIT``, and
#: above them the class of ``cp``: one bit each, ``FIELD`` bits apart, so that ``mask >> SIMPLIFIED_BIT``
#: adds one to each of three counters packed in an int64 (see ``_kernels.scan``)
LEVEL_LIMIT = 20
FIELD = 21
SIMPLIFIED_BIT = LEVEL_LIMIT
TRADITIONAL_BIT = SIMPLIFIED_BIT + FIELD
HAN_BIT = TRADITIONAL_BIT + FIELD


def classes(
    st: Mapping[str, Sequence[str]], ts: Sequence[Mapping[str, Sequence[str]]]
) -> tuple[set[str], set[str]]:
    """``(traditional_only, simplified_only)`` characters from the ST table and the TS tables, as defined above.

    Each table maps a character to its candidates, the first being OpenCC's
    choice; keys longer than one character are ignored.
    """
    traditional_forms = {v for values in st.values() for v in values}
    simplified_forms = set(st)
    t2s: dict[str, str] = {}
    for table in ts:
        traditional_forms.update(table)
        for key, values in table.items():
            simplified_forms.update(values)
            t2s.setdefault(key, values[0])
    traditional = {c for c in traditional_forms - simplified_forms if len(c) == 1 and t2s.get(c, c) != c}
    simplified = {c for c in simplified_forms - traditional_forms if len(c) == 1 and st.get(c, (c,))[0] != c}
    return traditional, simplified


class ScriptInfo(dict[str, Any]):
    """``doc.meta["script"]``: a dict that cannot be changed.

    Short documents repeat their counts, so one value is made per counts and
    shared by every document that has them (a dict each cost short documents
    a fifth of their conversion time, mostly in the garbage collector).
    Read it as a dict; ``dict(value)`` gives a copy to change.
    """

    __slots__ = ()

    def _read_only(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("meta['script'] is shared between documents and read-only; change a copy: dict(...)")

    __setitem__ = __delitem__ = __ior__ = _read_only
    clear = pop = popitem = setdefault = update = _read_only

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (dict(self),))

    def __copy__(self) -> ScriptInfo:
        return self

    def __deepcopy__(self, memo: Any) -> ScriptInfo:
        return self


def _share(part: int, han: int) -> float:
    """``part / han`` rounded half up to four places (``round`` costs several times more), 0.0 without Han."""
    return (part * 20000 + han) // (2 * han) / 10000 if han else 0.0


@lru_cache(maxsize=4096)
def describe(traditional: int, simplified: int, han: int) -> ScriptInfo:
    """``doc.meta["script"]`` from the counts of Traditional-only, Simplified-only and Han characters.

    ``{"script": "traditional" | "simplified" | "mixed" | "neither",
    "traditional_share": float, "simplified_share": float, "traditional": int,
    "simplified": int, "han": int}`` as a read-only :class:`ScriptInfo`, the
    shares rounded half up to four places.
    """
    telling = traditional + simplified
    if telling == 0:
        script = "neither"
    elif traditional >= THRESHOLD * telling:
        script = "traditional"
    elif simplified >= THRESHOLD * telling:
        script = "simplified"
    else:
        script = "mixed"
    return ScriptInfo(
        script=script,
        traditional_share=_share(traditional, han),
        simplified_share=_share(simplified, han),
        traditional=traditional,
        simplified=simplified,
        han=han,
    )
