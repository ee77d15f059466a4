"""The daemon: watch every configured folder, process new mail as it arrives.

One watcher thread per account folder holds an IMAP connection in IDLE (or polls) and asks
for a sync whenever mail arrives, after every (re)connect, and at every IDLE renewal. A
single worker, the main thread, does the syncing and the CPU-bound inference one message at a
time. Connections that fail are retried with exponential backoff and jitter; an account that
fails never stops the others.

The first SIGTERM or SIGINT lets the current message finish and stops within seconds; a
second one exits at once. Either way the exactly-once bookkeeping leaves nothing to redo.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import random
import signal
import threading
from collections.abc import Callable
from datetime import date
from types import FrameType

from agent.accounts import AccountConfig
from agent.config import Config
from agent.drafts import save_approved
from agent.errors import SourceError
from agent.pipeline import Outcome, Pipeline
from agent.replies.sent import sync_sent
from agent.sources.imap import ImapConnection
from agent.sync import SyncReport, sync_folder
from storage import queries

logger = logging.getLogger(__name__)

FolderKey = tuple[str, str]


class Daemon:
    """Syncs and processes every folder of every account, once or continuously."""

    def __init__(
        self,
        config: Config,
        pipeline: Pipeline,
        *,
        dry_run: bool = False,
        since: date | None = None,
        max_backoff_s: float = 300.0,
    ) -> None:
        self.config = config
        self.accounts = {account.name: account for account in config.accounts}
        self.pipeline = pipeline
        self.dry_run = dry_run
        self.since = since
        self.max_backoff_s = max_backoff_s
        self.stop = threading.Event()
        self.requests: queue.Queue[FolderKey] = queue.Queue()
        self._connections: dict[str, ImapConnection] = {}
        self._signals = 0

    # -- signals -----------------------------------------------------------------------

    def install_signal_handlers(self) -> None:
        """First SIGTERM/SIGINT: finish the current message and stop. Second: exit at once."""
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self._on_signal)

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        self._signals += 1
        if self._signals > 1:
            logger.warning("second %s: exiting now", signal.Signals(signum).name)
            os._exit(1)
        logger.info("%s: stopping after the current message", signal.Signals(signum).name)
        self.stop.set()

    # -- one pass ----------------------------------------------------------------------

    def sync_all(
        self,
        on_total: Callable[[int], None] | None = None,
        on_message: Callable[[Outcome], None] | None = None,
    ) -> list[str]:
        """Sync every folder once; returns the errors met (each account's own)."""
        self.catch_up()
        errors: list[str] = []
        for account in self.accounts.values():
            for folder in account.folders:
                if self.stop.is_set():
                    return errors
                try:
                    self.sync(account.name, folder, on_total=on_total, on_message=on_message)
                except SourceError as error:
                    errors.append(str(error))
        return errors

    def catch_up(self) -> None:
        """Finish what an earlier run left: pending messages, approved drafts not yet saved."""
        self.pipeline.resume()
        report = save_approved(self.pipeline.db, self.config)
        if report.saved:
            logger.info("saved %d approved drafts to their Drafts folders", len(report.saved))

    def sync(
        self,
        account_name: str,
        folder: str,
        on_total: Callable[[int], None] | None = None,
        on_message: Callable[[Outcome], None] | None = None,
    ) -> SyncReport:
        """Sync one folder on the worker's connection to its account.

        The account's Sent folder is read first, so the drafts made in this sync can use
        the replies the user sent since the last one.
        """
        account = self.accounts[account_name]
        try:
            connection = self._connection(account)
            sync_sent(connection, self.pipeline.db)
            report = sync_folder(
                connection,
                folder,
                self.pipeline,
                since=self.since,
                dry_run=self.dry_run,
                stop=self.stop,
                on_total=on_total,
                on_message=on_message,
            )
        except SourceError as error:
            self._connections.pop(account_name, None)
            logger.error("%s", error)
            with self.pipeline.db.session() as session:
                queries.set_folder_status(session, account_name, folder, error=str(error))
            raise
        if report.fetched:
            logger.info(
                "account %s folder %s: %d processed, %d already done",
                account_name,
                folder,
                report.processed,
                report.skipped,
            )
        return report

    def _connection(self, account: AccountConfig) -> ImapConnection:
        connection = self._connections.get(account.name)
        if connection is None or connection.client is None:
            connection = ImapConnection(account)
            connection.connect()
            self._connections[account.name] = connection
        return connection

    def close(self) -> None:
        """Log out of every worker connection."""
        for connection in self._connections.values():
            connection.close()
        self._connections.clear()

    # -- continuous --------------------------------------------------------------------

    def run_forever(self) -> None:
        """Watch every folder until stopped; process mail as it arrives."""
        watchers = [
            threading.Thread(
                target=self._watch, args=(account, folder), name=f"watch {account.name}/{folder}"
            )
            for account in self.accounts.values()
            for folder in account.folders
        ]
        for watcher in watchers:
            watcher.daemon = True
            watcher.start()
        self.catch_up()
        try:
            while not self.stop.is_set():
                try:
                    key = self.requests.get(timeout=0.5)
                except queue.Empty:
                    continue
                self._drain_duplicates(key)
                # A failure is logged and recorded by sync(); the watcher's next request retries.
                with contextlib.suppress(SourceError):
                    self.sync(*key)
        finally:
            self.stop.set()
            for watcher in watchers:
                watcher.join(timeout=5)
            self.close()

    def _drain_duplicates(self, key: FolderKey) -> None:
        """Drop queued requests for the same folder: one sync serves them all."""
        kept = []
        while True:
            try:
                other = self.requests.get_nowait()
            except queue.Empty:
                break
            if other != key:
                kept.append(other)
        for other in kept:
            self.requests.put(other)

    def _watch(self, account: AccountConfig, folder: str) -> None:
        """Hold a connection to ``folder`` and request a sync whenever mail may have come.

        A failed connection is retried after an exponential backoff with full jitter,
        starting again from one second once a connection succeeds.
        """
        failures = 0
        while not self.stop.is_set():
            try:
                with ImapConnection(account) as connection:
                    connection.select(folder, readonly=True)
                    failures = 0
                    self.requests.put((account.name, folder))  # catch up on what came meanwhile
                    while not self.stop.is_set():
                        connection.wait_for_mail(account.idle_renew_s, self.stop)
                        if not self.stop.is_set():
                            self.requests.put((account.name, folder))
            except SourceError as error:
                failures += 1
                delay = random.uniform(0, min(self.max_backoff_s, 2.0**failures))
                logger.warning(
                    "%s; reconnecting %s/%s in %.1f s", error, account.name, folder, delay
                )
                self.stop.wait(delay)
            except Exception:
                logger.exception("watcher of %s/%s failed; restarting it", account.name, folder)
                self.stop.wait(self.max_backoff_s)
