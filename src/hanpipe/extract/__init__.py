"""Extract stage: typed entities with offsets."""

from __future__ import annotations

from ..hookspecs import Register
from ..plugins import hookimpl
from .contacts import EmailExtractor, UrlExtractor


@hookimpl
def hanpipe_register_extractors(register: Register) -> None:
    register(EmailExtractor)
    register(UrlExtractor)
