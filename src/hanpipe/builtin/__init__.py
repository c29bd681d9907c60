"""The built-in engines, one package per stage.

Each package registers its engines through the same hooks as any third-party
plugin (:mod:`hanpipe.hookspecs`); the registry loads these packages as its
default plugins (``hanpipe.registry.DEFAULT_PLUGINS``). Engines import the core and shared helpers of the core
(``hanpipe._text``, ``hanpipe._charmodel``, ``hanpipe._cache``), never
another stage's package; each stage's numba kernels live in its
``_kernels.py``.
"""
