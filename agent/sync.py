"""Syncing one IMAP folder: fetch what is new since the last UID, process it, apply rules.

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

from agent.accounts import AccountConfig
from agent.message import Origin, RawMessage
from agent.pipeline import Outcome, Pipeline
from agent.rules import Action, actions_for
from agent.sources.imap import ImapConnection
from storage import queries

logger = logging.getLogger(__name__)


@dataclass
class SyncReport:
    """What one folder sync did."""

    account: str
    folder: str
    fetched: int = 0
    processed: int = 0
    skipped: int = 0
    actions: list[str] = field(default_factory=list)


def sync_folder(
    connection: ImapConnection,
    folder: str,
    pipeline: Pipeline,
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
    uids = connection.uids_after(last_uid, since)
    if on_total:
        on_total(len(uids))
    for uid, data, truncated in connection.fetch(uids):
        if stop is not None and stop.is_set():
            break
        report.fetched += 1
        origin = Origin(account.name, folder, uidvalidity, uid)
        outcome = pipeline.process(RawMessage(data=data, origin=origin, truncated=truncated))
        if outcome.status == "processed":
            report.processed += 1
            for action in actions_for(account, outcome.classification):
                report.actions.append(
                    apply_action(connection, pipeline, outcome, uid, action, dry_run)
                )
        else:
            report.skipped += 1
        if on_message:
            on_message(outcome)
    with pipeline.db.session() as session:
        queries.set_folder_status(session, account.name, folder, uidvalidity=uidvalidity)
    return report


def apply_action(
    connection: ImapConnection,
    pipeline: Pipeline,
    outcome: Outcome,
    uid: int,
    action: Action,
    dry_run: bool,
) -> str:
    """Carry out (or, dry-run, only log) one rule action, and record it in the audit log."""
    account: AccountConfig = connection.account
    description = f"{action.kind} {action.target}"
    if dry_run:
        logger.info("dry run: would %s on message %s", description, outcome.message.db_id)
    elif action.kind == "move":
        connection.move([uid], action.target)
    else:
        connection.add_flags([uid], [action.target])
    with pipeline.db.session() as session:
        queries.add_event(
            session,
            "action",
            message_id=outcome.message.db_id,
            account=account.name,
            folder=connection.selected,
            uid=uid,
            action=action.kind,
            target=action.target,
            dry_run=dry_run,
        )
    return description
