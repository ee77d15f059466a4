"""The audit log: what was done, by whom, when."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.tables import Event


def add_event(
    session: Session,
    kind: str,
    *,
    message_id: int | None = None,
    draft_id: int | None = None,
    **detail: Any,
) -> None:
    """Append an entry to the audit log."""
    session.add(Event(kind=kind, message_id=message_id, draft_id=draft_id, detail=detail))


def list_events(
    session: Session,
    *,
    kind: str | None = None,
    since: datetime | None = None,
    limit: int | None = None,
) -> Sequence[Event]:
    """Audit log entries, newest first."""
    query = select(Event).order_by(Event.at.desc(), Event.id.desc())
    if kind:
        query = query.where(Event.kind == kind)
    if since:
        query = query.where(Event.at >= since)
    return session.scalars(query.limit(limit)).all()
