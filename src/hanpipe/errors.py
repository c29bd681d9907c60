"""The exception tree.

    HanpipeError                      every error hanpipe raises on purpose
    ├── ConfigError (ValueError)      unknown engine, unknown option, bad value
    ├── PluginError (RuntimeError)    an engine failed; names stage, engine, distribution
    ├── DecodeError (ValueError)      bytes that cannot become text
    │   └── NotText                   bytes that look like binary data (an image, an archive), not text
    ├── DictionaryError (ValueError)  a malformed dictionary or override file; names the line
    ├── InputError (ValueError)       input of the wrong type or shape
    └── WorkerDied (RuntimeError)     a worker process died on this input, every time it was tried

Each error also subclasses the builtin a caller would catch, so
``except ValueError`` keeps working around hanpipe calls.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "DecodeError",
    "DictionaryError",
    "HanpipeError",
    "InputError",
    "NotText",
    "PluginError",
    "WorkerDied",
]


class HanpipeError(Exception):
    """Base of every error hanpipe raises on purpose."""

    def __reduce__(self) -> tuple[object, ...]:
        # keyword-only context attributes survive pickling (worker processes)
        return (_rebuild, (type(self), self.args, self.__dict__))


def _rebuild(cls: type[HanpipeError], args: tuple[object, ...], state: dict[str, object]) -> HanpipeError:
    err = cls.__new__(cls)
    Exception.__init__(err, *args)
    err.__dict__.update(state)
    return err


class ConfigError(HanpipeError, ValueError):
    """The pipeline configuration names something that does not exist."""


class PluginError(HanpipeError, RuntimeError):
    """An engine raised while doing its work.

    The original exception is chained as ``__cause__``.
    """

    def __init__(self, message: str, *, stage: str, engine: str, distribution: str) -> None:
        super().__init__(message)
        self.stage = stage
        self.engine = engine
        self.distribution = distribution


class DecodeError(HanpipeError, ValueError):
    """Bytes that cannot be turned into text with the requested encoding."""

    def __init__(self, message: str, *, encoding: str | None = None, offset: int | None = None) -> None:
        super().__init__(message)
        self.encoding = encoding
        self.offset = offset


class NotText(DecodeError):
    """The input looks like binary data (an image, an archive, random bytes), not text."""


class DictionaryError(HanpipeError, ValueError):
    """A dictionary, user dictionary or override file is malformed."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.line = line


class InputError(HanpipeError, ValueError):
    """Input of a type or shape hanpipe does not accept."""


class WorkerDied(HanpipeError, RuntimeError):
    """A worker process died (killed, out of memory) while processing this input, each time it was tried."""
