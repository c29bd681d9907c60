"""Signals during ``hanpipe process``: stop between two records, and say what was written.

SIGINT (Ctrl-C) and SIGTERM raise :class:`Interrupted` in the main thread,
except while a line is being written to a file (``critical``): then the run
stops right after that line. The first signal goes on to the worker processes
(a ``kill`` may reach the parent alone, and a worker blocked on its input
would keep the pool from closing); forked workers inherit the handler and
exit at once, so no worker prints a traceback. A second signal is ignored
while the run winds down.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from types import FrameType
from typing import Any

__all__ = ["Interrupted", "Signals"]


class Interrupted(KeyboardInterrupt):
    """The run was stopped by the signal ``signum``."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class Signals:
    """Installs the handler for the ``with`` block (in the main thread only) and restores the old one."""

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.signum = 0
        self.critical = False
        self._old: dict[int, Any] = {}

    def __enter__(self) -> Signals:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self._old[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, old in self._old.items():
            signal.signal(sig, old if old is not None else signal.SIG_DFL)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if os.getpid() != self.pid:
            os._exit(128 + signum)
        if self.signum:
            return
        self.signum = signum
        for child in multiprocessing.active_children():
            try:
                os.kill(child.pid, signum)  # type: ignore[arg-type]
            except (OSError, TypeError):
                pass
        if not self.critical:
            raise Interrupted(signum)

    def check(self) -> None:
        if self.signum:
            raise Interrupted(self.signum)
