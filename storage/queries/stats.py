"""Counts and measurements for ``mailagent stats``: mail by day, drafts, model latency, cost."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from storage.tables import DraftRow, MessageRow, ResultRow


def category_counts_by_day(
    session: Session, since: datetime | None = None
) -> Sequence[tuple[str, str | None, int]]:
    """(day, category, count) of processed messages, by the day they were sent."""
    day = func.date(MessageRow.date)
    query = select(day, MessageRow.category, func.count()).group_by(day, MessageRow.category)
    if since:
        query = query.where(MessageRow.date >= since)
    return [(str(d), c, n) for d, c, n in session.execute(query.order_by(day.desc()))]


def draft_counts(session: Session) -> dict[str, int]:
    """Drafts by status."""
    rows = session.execute(select(DraftRow.status, func.count()).group_by(DraftRow.status))
    return {status: count for status, count in rows}


def model_latencies(
    session: Session, since: datetime | None = None
) -> dict[tuple[str, str], list[float]]:
    """Latencies (ms) of every model-backed result, by (model, task)."""
    query = select(ResultRow.model_name, ResultRow.task, ResultRow.latency_ms).where(
        ResultRow.model_name.is_not(None)
    )
    if since:
        query = query.where(ResultRow.created_at >= since)
    found: dict[tuple[str, str], list[float]] = {}
    for model, task, latency in session.execute(query):
        found.setdefault((str(model), task), []).append(latency)
    return found


def call_costs(
    session: Session, since: datetime | None = None
) -> list[tuple[str | None, int, float, float, int | None]]:
    """Measured plugin calls per task, then over every task (task None).

    Each row: task, messages, total CPU ms, total wall ms, total energy in µJ (None unless
    every call of the row has it). Calls recorded before costs were measured are left out.
    """
    measured: ColumnElement[bool] = ResultRow.cpu_ms.is_not(None)
    if since:
        measured = and_(measured, ResultRow.created_at >= since)
    columns = (
        func.count(func.distinct(ResultRow.message_id)),
        func.sum(ResultRow.cpu_ms),
        func.sum(ResultRow.latency_ms),
        func.sum(ResultRow.energy_uj),
        func.count(ResultRow.energy_uj),
        func.count(),
    )
    by_task = select(ResultRow.task, *columns).where(measured).group_by(ResultRow.task)
    overall = select(*columns).where(measured)
    rows: list[tuple[Any, ...]] = list(session.execute(by_task.order_by(ResultRow.task)))
    rows += [(None, *row) for row in session.execute(overall) if row[0]]
    return [
        (
            task,
            int(messages),
            float(cpu),
            float(wall),
            int(energy) if with_energy == calls else None,
        )
        for task, messages, cpu, wall, energy, with_energy, calls in rows
    ]
