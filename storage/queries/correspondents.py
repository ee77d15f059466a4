"""The people the user has written to, kept per account from the Sent folder."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy.orm import Session

from storage.tables import CorrespondentRow


def add_written(
    session: Session, account: str, addresses: Iterable[str], date: datetime | None
) -> None:
    """Record a sent message, dated ``date``, to each of ``addresses`` (lower-cased); the
    same message recorded again changes nothing."""
    for address in {a.strip().lower() for a in addresses} - {""}:
        row = session.get(CorrespondentRow, (account, address))
        if row is None:
            row = CorrespondentRow(account=account, address=address)
            session.add(row)
        if date is not None:
            row.first_written = min(filter(None, (row.first_written, date)))
            row.last_written = max(filter(None, (row.last_written, date)))
    session.flush()


def correspondent(session: Session, account: str, address: str) -> CorrespondentRow | None:
    """What is known of the user writing to ``address`` from ``account`` (None: never)."""
    return session.get(CorrespondentRow, (account, address.strip().lower()))
