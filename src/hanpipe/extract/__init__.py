"""Extract stage: typed entities with offsets.

The numeric extractors (number, percent, money, quantity, date, time) share
one kernel scan per text; see :mod:`hanpipe.extract.scan`.

This package shares its name with the function ``hanpipe.extract``; once the
package is imported, Python binds ``hanpipe.extract`` to it, so the package
is callable and forwards to :func:`hanpipe.api.extract`.
"""

from __future__ import annotations

import sys
import types
from typing import Any

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


class _CallableModule(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from ..api import extract

        return extract(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
