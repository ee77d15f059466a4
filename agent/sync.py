"""Syncing one IMAP folder: fetch what is new since the last UID, process it, apply rules.

Rule actions go through the outbox (``agent.outbox``): the pipeline writes them with the
verdict, and the sync applies what is pending before the new mail and after each message,
including the actions of messages an interrupted run left for ``Pipeline.resume``.

The folder's UIDVALIDITY and last UID are stored with each message (see
:meth:`Pipeline.process`), so an interrupted sync resumes right after the last message it
stored. When UIDVALIDITY changes the folder is read again from the start and messages
already known are recognised (``agent.identity``) rather than processed again.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from agent.message import Origin, RawMessage
from agent.outbox import apply_pending
from agent.pipeline import Outcome
from agent.sources.imap import ImapConnection
from storage import queries
from storage.db import Database

logger = logging.getLogger(__name__)


class Processor(Protocol):
    """What a sync hands new mail to: the pipeline itself, or a job queue's fetcher
    (``agent.queue.fetcher.Enqueuer``)."""

    db: Database

    def process(self, raw: RawMessage) -> Outcome:
        """Store ``raw`` and process it (or queue it); what happened to it."""

    def resume(self, account: str, folder: str) -> list[Outcome]:
        """Finish (or queue) what an interrupted run left pending in the folder."""


@dataclass
class SyncReport:
    """What one folder sync did."""

    account: str
    folder: str
    fetched: int = 0
    processed: int = 0
    queued: int = 0
    skipped: int = 0
    actions: list[str] = field(default_factory=list)

    def count(self, outcome: Outcome) -> None:
        """Count a message as processed, queued (for a worker) or skipped (done before)."""
        if outcome.status == "processed":
            self.processed += 1
        elif outcome.status == "queued":
            self.queued += 1
        else:
            self.skipped += 1


def sync_folder(
    connection: ImapConnection,
    folder: str,
    pipeline: Processor,
    *,
    since: date | None = None,
    dry_run: bool = False,
    stop: threading.Event | None = None,
    on_total: Callable[[int], None] | None = None,
    on_message: Callable[[Outcome], None] | None = None,
) -> SyncReport:
    """Process every message of ``folder`` above its last stored UID."""
    account = connection.account
    report = SyncReport(account.name, folder)
    writes = bool(account.rules or account.mark_processed) and not dry_run
    uidvalidity = connection.select(folder, readonly=not writes)
    with pipeline.db.session() as session:
        state = queries.folder(session, account.name, folder)
        last_uid = state.last_uid
        if state.uidvalidity and state.uidvalidity != uidvalidity:
            logger.warning(
                "account %s folder %s: UIDVALIDITY changed from %d to %d; reading it again",
                account.name,
                folder,
                state.uidvalidity,
                uidvalidity,
            )
            queries.add_event(
                session,
                "uidvalidity_changed",
                account=account.name,
                folder=folder,
                old=state.uidvalidity,
                new=uidvalidity,
            )
            last_uid = 0
            state.last_uid, state.uidvalidity = 0, uidvalidity
    if writes or dry_run:
        report.actions += apply_pending(connection, folder, uidvalidity, pipeline.db, dry_run)
    uids = connection.uids_after(last_uid, since)
    if on_total:
        on_total(len(uids))
    for uid, data, truncated in connection.fetch(uids):
        if stop is not None and stop.is_set():
            break
        report.fetched += 1
        origin = Origin(account.name, folder, uidvalidity, uid)
        outcome = pipeline.process(RawMessage(data=data, origin=origin, truncated=truncated))
        report.count(outcome)
        if writes or dry_run:
            report.actions += apply_pending(connection, folder, uidvalidity, pipeline.db, dry_run)
        if on_message:
            on_message(outcome)
    with pipeline.db.session() as session:
        queries.set_folder_status(session, account.name, folder, uidvalidity=uidvalidity)
    return report
