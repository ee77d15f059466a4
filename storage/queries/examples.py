"""Labelled examples for the learning classifiers, per model file and feature set."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Exists, func, select
from sqlalchemy.orm import Session, aliased

from storage.tables import ExampleRow

_Other = aliased(ExampleRow)


def save_example(session: Session, **fields: Any) -> ExampleRow:
    """Store a labelled example, replacing the one of the same message and model file."""
    row = session.scalar(
        select(ExampleRow).where(
            ExampleRow.sha256 == fields["sha256"],
            ExampleRow.model_sha256 == fields["model_sha256"],
        )
    )
    if row is None:
        row = ExampleRow(**fields)
        session.add(row)
    else:
        for name, value in fields.items():
            setattr(row, name, value)
    session.flush()
    return row


def examples_for(session: Session, model_sha256: str, features: str) -> Sequence[ExampleRow]:
    """Every example embedded with the model file ``model_sha256`` in the ``features`` way."""
    return session.scalars(
        select(ExampleRow)
        .where(ExampleRow.model_sha256 == model_sha256, ExampleRow.features == features)
        .order_by(ExampleRow.id)
    ).all()


def example_sources(session: Session, model_sha256: str, features: str) -> dict[str, int]:
    """How many examples of each source (learned, corrected, starter) a model file has."""
    rows = session.execute(
        select(ExampleRow.source, func.count())
        .where(ExampleRow.model_sha256 == model_sha256, ExampleRow.features == features)
        .group_by(ExampleRow.source)
    ).all()
    return {str(source): int(count) for source, count in rows}


def starter_labels(session: Session, model_sha256: str, features: str) -> dict[str, str]:
    """The starter examples a model file has: each message's sha256 with its label."""
    rows = session.execute(
        select(ExampleRow.sha256, ExampleRow.label).where(
            ExampleRow.model_sha256 == model_sha256,
            ExampleRow.features == features,
            ExampleRow.source == "starter",
        )
    ).all()
    return {str(sha256): str(label) for sha256, label in rows}


def delete_starter_examples(session: Session, model_sha256: str, sha256s: Iterable[str]) -> None:
    """Delete a model file's starter examples of the messages ``sha256s``."""
    for row in session.scalars(
        select(ExampleRow).where(
            ExampleRow.model_sha256 == model_sha256,
            ExampleRow.source == "starter",
            ExampleRow.sha256.in_(list(sha256s)),
        )
    ):
        session.delete(row)


def outdated_examples(session: Session, model_sha256: str, features: str) -> int:
    """How many of the user's examples learned from folders the model file ``model_sha256``
    lacks in the ``features`` way: embedded by an earlier mailagent or for another classify
    model.

    They are not loaded; ``mailagent learn`` embeds them again. Corrections whose message is
    stored are left out (the agent embeds those again itself), and so are starter examples.
    """
    return int(
        session.scalar(
            select(func.count(func.distinct(_Other.sha256))).where(
                _Other.source != "starter",
                _Other.message_id.is_(None),
                ~_current(model_sha256, features),
            )
        )
        or 0
    )


def _current(model_sha256: str, features: str) -> Exists:
    """Whether the message of an ``_Other`` row has an example of this model file and way."""
    return (
        select(ExampleRow.id)
        .where(
            ExampleRow.sha256 == _Other.sha256,
            ExampleRow.model_sha256 == model_sha256,
            ExampleRow.features == features,
        )
        .exists()
    )


def corrections_to_embed(session: Session, model_sha256: str, features: str) -> list[ExampleRow]:
    """The user's examples whose message is stored (corrections made with ``messages
    relabel``) that the model file ``model_sha256`` lacks in the ``features`` way: embedded
    by an earlier mailagent or for another classify model. They can be embedded again
    without the user's folders; the latest row of each message is returned."""
    rows = session.scalars(
        select(_Other)
        .where(
            _Other.source != "starter",
            _Other.message_id.is_not(None),
            ~_current(model_sha256, features),
        )
        .order_by(_Other.updated_at, _Other.id)
    ).all()
    return list({row.sha256: row for row in rows}.values())


def examples_stamp(session: Session, model_sha256: str) -> tuple[int, int, str]:
    """A cheap fingerprint of a model's examples that changes whenever they do."""
    count, last_id, last_update = session.execute(
        select(func.count(), func.max(ExampleRow.id), func.max(ExampleRow.updated_at)).where(
            ExampleRow.model_sha256 == model_sha256
        )
    ).one()
    return int(count), int(last_id or 0), str(last_update or "")
