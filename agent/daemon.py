"""The daemon: watch every configured folder, process new mail as it arrives.

One watcher thread per account folder (``agent.watch``) asks for a sync whenever mail may
have come. A single worker, the main thread, does the syncing and the CPU-bound inference
one message at a time. An account that fails never stops the others.

One process works a folder at a time: the worker holds the folder's lock
(``storage.locks``) from its first sync until it stops, and first finishes what an earlier
run left pending there. A folder another process holds is left to it; the daemon tries
again at the folder's next sync request, so a second daemon stands by and takes over.

The first SIGTERM or SIGINT lets the current message finish and stops within seconds; a
second one exits at once. Either way the exactly-once bookkeeping leaves nothing to redo.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
from collections.abc import Callable
from datetime import date
from functools import partial

from agent.accounts import AccountConfig
from agent.config import Config
from agent.drafts import save_approved
from agent.errors import FolderBusy, SourceError
from agent.pipeline import Outcome
from agent.replies.sent import sync_sent
from agent.sources.imap import ImapConnection, ImapError
from agent.stopping import stop_on_signals
from agent.sync import Processor, SyncReport, sync_folder
from agent.watch import Watcher
from storage import queries
from storage.locks import FolderLock, folder_lock

logger = logging.getLogger(__name__)

FolderKey = tuple[str, str]
SENT_LOCK = "\\Sent"
"""The lock name for reading an account's Sent folder (one process at a time)."""


class Daemon:
    """Syncs and processes every folder of every account, once or continuously."""

    def __init__(
        self,
        config: Config,
        pipeline: Processor,
        *,
        dry_run: bool = False,
        since: date | None = None,
        wait: bool = False,
        max_backoff_s: float = 300.0,
        queue_poll_s: float | None = None,
    ) -> None:
        """``pipeline`` processes new mail (or, with a job queue, queues it for workers).

        ``queue_poll_s``, with a job queue: how often each held folder is synced again even
        without new mail, so that the actions the workers' verdicts earned are applied and
        pending messages whose job was lost are queued again.
        """
        self.config = config
        self.accounts = {account.name: account for account in config.accounts}
        self.pipeline = pipeline
        self.dry_run = dry_run
        self.since = since
        self.wait = wait
        self.max_backoff_s = max_backoff_s
        self.queue_poll_s = queue_poll_s
        self.stop = threading.Event()
        self.requests: queue.Queue[FolderKey] = queue.Queue()
        self._connections: dict[str, ImapConnection] = {}
        self._locks: dict[FolderKey, FolderLock] = {}

    # -- signals -----------------------------------------------------------------------

    def install_signal_handlers(self) -> None:
        """First SIGTERM/SIGINT: finish the current message and stop. Second: exit at once."""
        stop_on_signals(self.stop.set)

    # -- one pass ----------------------------------------------------------------------

    def sync_all(
        self,
        on_total: Callable[[int], None] | None = None,
        on_message: Callable[[Outcome], None] | None = None,
    ) -> list[str]:
        """Sync every folder once, each under its lock; returns the errors met (each its own).

        A folder another process is working is waited for when ``wait`` is set, else left
        to it with an error naming that process.
        """
        self.catch_up()
        errors: list[str] = []
        for account in self.accounts.values():
            for folder in account.folders:
                if self.stop.is_set():
                    return errors
                try:
                    self.hold(account.name, folder, wait=self.wait)
                    self.sync(account.name, folder, on_total=on_total, on_message=on_message)
                except (FolderBusy, SourceError) as error:
                    errors.append(str(error))
                finally:
                    self.release(account.name, folder)
        return errors

    def catch_up(self) -> None:
        """Save the approved drafts an earlier run left unsaved."""
        report = save_approved(self.pipeline.db, self.config)
        if report.saved:
            logger.info("saved %d approved drafts to their Drafts folders", len(report.saved))

    def hold(self, account_name: str, folder: str, wait: bool) -> None:
        """Hold the folder's lock, then finish what an earlier run left pending there.

        Raises FolderBusy, naming the process working the folder, when the lock is not free
        (with ``wait``: when it was not freed before the daemon was stopped).
        """
        key = (account_name, folder)
        if key in self._locks:
            return
        lock = folder_lock(self.pipeline.db, account_name, folder)
        where = f"account {account_name} folder {folder}"
        holder = lock.take(
            wait,
            self.stop,
            lambda holder: logger.info("%s is worked by %s; waiting", where, holder),
        )
        if holder is not None:
            raise FolderBusy(f"{where} is being worked by {holder}; left it to that process")
        self._locks[key] = lock
        self.pipeline.resume(account_name, folder)

    def release(self, account_name: str, folder: str) -> None:
        """Give the folder's lock back (nothing when it is not held)."""
        lock = self._locks.pop((account_name, folder), None)
        if lock is not None:
            lock.release()

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
            self._sync_sent(connection)
            if self.queue_poll_s is not None:
                self.pipeline.resume(account_name, folder)
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
                "account %s folder %s: %d processed, %d queued, %d already done",
                account_name,
                folder,
                report.processed,
                report.queued,
                report.skipped,
            )
        return report

    def _sync_sent(self, connection: ImapConnection) -> None:
        """Read the account's Sent folder, unless another process is reading it right now."""
        lock = folder_lock(self.pipeline.db, connection.account.name, SENT_LOCK)
        if lock.try_acquire():
            try:
                sync_sent(connection, self.pipeline.db)
            finally:
                lock.release()

    def _connection(self, account: AccountConfig) -> ImapConnection:
        """The worker's connection to ``account``, checked alive with a NOOP, else a new one."""
        connection = self._connections.get(account.name)
        if connection is not None and connection.client is not None:
            with contextlib.suppress(ImapError):
                connection.noop()
                return connection
        connection = ImapConnection(account)
        connection.connect()
        self._connections[account.name] = connection
        return connection

    def close(self) -> None:
        """Log out of every worker connection and give back every folder lock."""
        for connection in self._connections.values():
            connection.close()
        self._connections.clear()
        for key in list(self._locks):
            self.release(*key)

    # -- continuous --------------------------------------------------------------------

    def run_forever(self) -> None:
        """Watch every folder until stopped; process mail as it arrives."""
        watchers = [
            threading.Thread(
                target=Watcher(
                    account,
                    folder,
                    partial(self.requests.put, (account.name, folder)),
                    self.stop,
                    self.max_backoff_s,
                ).run,
                name=f"watch {account.name}/{folder}",
                daemon=True,
            )
            for account in self.accounts.values()
            for folder in account.folders
        ]
        for watcher in watchers:
            watcher.start()
        self.catch_up()
        polled = time.monotonic()
        try:
            while not self.stop.is_set():
                if self.queue_poll_s and time.monotonic() - polled > self.queue_poll_s:
                    polled = time.monotonic()
                    for key in list(self._locks):
                        self.requests.put(key)
                try:
                    key = self.requests.get(timeout=0.5)
                except queue.Empty:
                    continue
                self._drain_duplicates(key)
                try:
                    self.hold(*key, wait=False)
                    self.sync(*key)
                    self.catch_up()  # drafts approved since the last sync
                except FolderBusy as error:
                    logger.info("%s; trying again at its next sync", error)
                except SourceError:
                    pass  # logged and recorded by sync(); the watcher's next request retries
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
