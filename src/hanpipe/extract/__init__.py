"""Extract stage: typed entities with offsets.

The numeric extractors (number, percent, money, quantity, date, time) share
one kernel scan per text; see :mod:`hanpipe.extract.scan`.
"""

from __future__ import annotations

from ..hookspecs import Register
from ..plugins import hookimpl
from .contacts import EmailExtractor, PhoneExtractor, UrlExtractor
from .dates import DateExtractor, TimeExtractor
from .keywords import KeywordExtractor
from .numbers import MoneyExtractor, NumberExtractor, PercentExtractor, QuantityExtractor

EXTRACTORS = (
    NumberExtractor,
    PercentExtractor,
    MoneyExtractor,
    QuantityExtractor,
    DateExtractor,
    TimeExtractor,
    EmailExtractor,
    UrlExtractor,
    PhoneExtractor,
    KeywordExtractor,
)


@hookimpl
def hanpipe_register_extractors(register: Register) -> None:
    for cls in EXTRACTORS:
        register(cls)
