"""IMAP accounts' folders: created on first use, and their sync status."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.tables import Account, Folder, MessageRow, utcnow


def folder(session: Session, account_name: str, folder_name: str) -> Folder:
    """The folder row of ``account_name``/``folder_name``, created on first use."""
    account = session.scalar(select(Account).where(Account.name == account_name))
    if account is None:
        account = Account(name=account_name)
        session.add(account)
        session.flush()
    row = session.scalar(
        select(Folder).where(Folder.account_id == account.id, Folder.name == folder_name)
    )
    if row is None:
        row = Folder(account_id=account.id, name=folder_name, uidvalidity=0, last_uid=0)
        session.add(row)
        session.flush()
    return row


def set_folder_status(
    session: Session,
    account_name: str,
    folder_name: str,
    *,
    uidvalidity: int | None = None,
    last_uid: int | None = None,
    error: str | None = None,
) -> Folder:
    """Record a sync of a folder: when, and the error it ended with (None when it worked)."""
    row = folder(session, account_name, folder_name)
    if uidvalidity is not None:
        row.uidvalidity = uidvalidity
    if last_uid is not None:
        row.last_uid = last_uid
    row.last_sync_at = utcnow()
    row.last_error = error
    return row


def folder_states(session: Session) -> Sequence[tuple[Account, Folder, dict[str, int]]]:
    """Every folder with its account and its messages counted by state."""
    counts: dict[int, dict[str, int]] = {}
    rows = session.execute(
        select(MessageRow.folder_id, MessageRow.state, func.count()).group_by(
            MessageRow.folder_id, MessageRow.state
        )
    )
    for folder_id, state, count in rows:
        counts.setdefault(folder_id, {})[state] = count
    pairs = session.execute(
        select(Account, Folder).join(Folder).order_by(Account.name, Folder.name)
    )
    return [(account, row, counts.get(row.id, {})) for account, row in pairs]
