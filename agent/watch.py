"""Watching one folder for new mail on a connection that never goes deaf.

The watcher holds its own connection to the folder in IDLE (or polls where the server has
no IDLE) and asks the worker for a sync when mail arrives, after every (re)connect, so mail
that came while it was away is caught up, and at least every ``idle_renew_s``. Every
``keepalive_s`` it leaves IDLE and sends a NOOP, so a connection that died silently is
found within minutes, not at the next renewal. After any error it reconnects, re-selects
and re-enters IDLE, waiting between attempts with exponential backoff and full jitter.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from agent.accounts import AccountConfig
from agent.errors import SourceError
from agent.sources.imap import ImapConnection, ImapLoginError

logger = logging.getLogger(__name__)

RECONNECT_CAP_S = 10.0
"""The longest wait between two reconnection attempts: mail is read soon after an outage."""


LOGIN_BASE_S = 60.0
LOGIN_CAP_S = 6 * 3600.0
"""Waits after a refused login: from a minute, doubling, to six hours. A server that refuses
the password will not take it later, and trying every few seconds gets accounts locked."""


@dataclass
class Backoff:
    """Exponential backoff: a wait up to ``base_s * 2**n``, capped, with jitter.

    Full jitter waits anywhere from 0 to the bound (reconnects spread out and stay quick);
    without it the wait is at least half the bound, so it really grows.
    """

    cap_s: float
    base_s: float = 1.0
    full_jitter: bool = True
    failures: int = 0

    def next_delay(self) -> float:
        """Count one more failure; the seconds to wait before the next attempt."""
        self.failures += 1
        bound = min(self.cap_s, self.base_s * 2.0 ** (self.failures - 1))
        return random.uniform(0 if self.full_jitter else bound / 2, bound)

    def reset(self) -> None:
        """Start again from the shortest wait (after a success)."""
        self.failures = 0


class Watcher:
    """Watches ``folder`` of ``account`` until ``stop``, calling ``request`` when a sync is due."""

    def __init__(
        self,
        account: AccountConfig,
        folder: str,
        request: Callable[[], None],
        stop: threading.Event,
        max_backoff_s: float,
    ) -> None:
        self.account = account
        self.folder = folder
        self.request = request
        self.stop = stop
        self.reconnect = Backoff(cap_s=RECONNECT_CAP_S)
        self.refused = Backoff(cap_s=LOGIN_CAP_S, base_s=LOGIN_BASE_S, full_jitter=False)
        self.max_backoff_s = max_backoff_s

    def run(self) -> None:
        """Watch until stopped; no error ends the watch, none makes it spin."""
        where = f"{self.account.name}/{self.folder}"
        while not self.stop.is_set():
            try:
                self.watch()
            except ImapLoginError as error:
                delay = self.refused.next_delay()
                logger.error(
                    "%s (%d times in a row); check its password setting; trying again in %s",
                    error,
                    self.refused.failures,
                    _duration(delay),
                )
                self.stop.wait(delay)
            except SourceError as error:
                delay = self.reconnect.next_delay()
                logger.warning("%s; reconnecting %s in %.1f s", error, where, delay)
                self.stop.wait(delay)
            except Exception:
                logger.exception("watcher of %s failed; restarting it", where)
                self.stop.wait(self.max_backoff_s)

    def watch(self) -> None:
        """One connection's life: select, catch up, then wait for mail until it fails."""
        account = self.account
        with ImapConnection(account) as connection:
            connection.select(self.folder, readonly=True)
            self.refused.reset()
            self.request()
            renew_at = time.monotonic() + account.idle_renew_s
            while not self.stop.is_set():
                wait_s = min(account.keepalive_s, max(0.0, renew_at - time.monotonic()))
                news = connection.wait_for_mail(wait_s, self.stop)
                if self.stop.is_set():
                    return
                news = connection.noop() or news
                # Only a connection that outlived a keepalive earns short waits again: a
                # server ending every session at once must not make the watcher spin.
                self.reconnect.reset()
                if news or time.monotonic() >= renew_at:
                    self.request()
                    renew_at = time.monotonic() + account.idle_renew_s


def _duration(seconds: float) -> str:
    """``"45 s"``, ``"12 min"`` or ``"3.5 h"``."""
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
