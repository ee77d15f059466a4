"""Stopping on SIGTERM or SIGINT, as the daemon and the queue's workers do.

The first signal asks to stop after the current message; a second exits at once.
"""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import Callable
from types import FrameType

logger = logging.getLogger(__name__)


def stop_on_signals(stop: Callable[[], None]) -> None:
    """First SIGTERM/SIGINT: call ``stop`` (finish the current message). Second: exit now."""
    received = 0

    def handle(signum: int, frame: FrameType | None) -> None:
        nonlocal received
        received += 1
        if received > 1:
            logger.warning("second %s: exiting now", signal.Signals(signum).name)
            os._exit(1)
        logger.info("%s: stopping after the current message", signal.Signals(signum).name)
        stop()

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, handle)
