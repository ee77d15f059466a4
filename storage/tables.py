"""The ORM tables. Schema changes go through Alembic revisions in ``storage/migrations``."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from storage.states import ActionState, DraftStatus, MessageState


def utcnow() -> datetime:
    """The current time in UTC, as stored in every timestamp column."""
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    """The declarative base of every table."""

    type_annotation_map: ClassVar = {dict[str, Any]: JSON, list[Any]: JSON}


class Account(Base):
    """A mail source: an IMAP account, or ``local`` for mailboxes on disk."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    folders: Mapped[list[Folder]] = relationship(back_populates="account")


class Folder(Base):
    """A folder of an account (or a local mailbox path) and how far it has been synced."""

    __tablename__ = "folders"
    __table_args__ = (UniqueConstraint("account_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(1000))
    uidvalidity: Mapped[int] = mapped_column(Integer, default=0)
    last_uid: Mapped[int] = mapped_column(Integer, default=0)
    last_sync_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)

    account: Mapped[Account] = relationship(back_populates="folders")


class MessageRow(Base):
    """A message seen by the agent, with what is needed to process it again without its source.

    ``state`` moves pending -> processed (or failed); each move is one transaction.
    """

    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("folder_id", "uidvalidity", "uid"),
        Index("ix_messages_sha256", "sha256"),
        Index("ix_messages_thread_key", "thread_key"),
        Index("ix_messages_message_id", "message_id"),
        Index("ix_messages_state", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    folder_id: Mapped[int] = mapped_column(ForeignKey("folders.id", ondelete="CASCADE"))
    uidvalidity: Mapped[int] = mapped_column(Integer, default=0)
    uid: Mapped[int | None] = mapped_column(Integer)
    message_id: Mapped[str] = mapped_column(String(1000), default="")
    in_reply_to: Mapped[str] = mapped_column(String(1000), default="")
    references: Mapped[list[Any]] = mapped_column(default=list)
    thread_key: Mapped[str] = mapped_column(String(1000), default="")
    sender: Mapped[str] = mapped_column(String(1000), default="")
    recipients: Mapped[dict[str, Any]] = mapped_column(default=dict)
    """``to``, ``cc`` and ``reply_to`` as lists of [name, email]."""
    subject: Mapped[str] = mapped_column(Text, default="")
    date: Mapped[datetime | None]
    size: Mapped[int] = mapped_column(Integer, default=0)
    sha256: Mapped[str] = mapped_column(String(64))
    headers: Mapped[list[Any]] = mapped_column(default=list)
    new_text: Mapped[str] = mapped_column(Text, default="")
    quoted_text: Mapped[str] = mapped_column(Text, default="")
    signature: Mapped[str] = mapped_column(Text, default="")
    html: Mapped[bool] = mapped_column(default=False)
    attachments: Mapped[list[Any]] = mapped_column(default=list)
    defects: Mapped[list[Any]] = mapped_column(default=list)
    truncated: Mapped[bool] = mapped_column(default=False)
    links: Mapped[list[Any]] = mapped_column(default=list)
    """The body's links as [visible text, href] pairs (``agent.links``)."""
    state: Mapped[str] = mapped_column(String(20), default=MessageState.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(String(200))
    confidence: Mapped[float | None]
    urgent: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    processed_at: Mapped[datetime | None]

    results: Mapped[list[ResultRow]] = relationship(back_populates="message")
    drafts: Mapped[list[DraftRow]] = relationship(back_populates="message")

    def addresses(self, *fields: str) -> set[str]:
        """The lower-case addresses of these ``recipients`` fields (from, to, cc, reply_to)."""
        return {email.lower() for name in fields for _, email in self.recipients.get(name, [])}


class ResultRow(Base):
    """One plugin's output for one task on one message, with the model that produced it."""

    __tablename__ = "results"
    __table_args__ = (Index("ix_results_message_task", "message_id", "task"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"))
    task: Mapped[str] = mapped_column(String(50))
    plugin: Mapped[str] = mapped_column(String(200))
    model_name: Mapped[str | None] = mapped_column(String(200))
    model_sha256: Mapped[str | None] = mapped_column(String(64))
    quantization: Mapped[str | None] = mapped_column(String(50))
    output: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    latency_ms: Mapped[float] = mapped_column(default=0.0)
    cpu_ms: Mapped[float | None]
    """The process's CPU time during the plugin's call; None where it was not measured."""
    energy_uj: Mapped[int | None] = mapped_column(BigInteger)
    """The CPU package's energy during the call, where RAPL was readable."""
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    message: Mapped[MessageRow] = relationship(back_populates="results")


class DraftRow(Base):
    """A drafted reply: pending -> approved -> saved, or rejected, or superseded (by later
    mail of its thread, or by the user's own reply from their mail client)."""

    __tablename__ = "drafts"
    __table_args__ = (Index("ix_drafts_status", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(Text)
    model_name: Mapped[str | None] = mapped_column(String(200))
    plugin: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default=DraftStatus.PENDING)
    edited: Mapped[bool] = mapped_column(default=False)
    flags: Mapped[list[Any]] = mapped_column(default=list)
    """Reasons a reviewer should look twice (for instance a link that is not in the thread)."""
    reason: Mapped[str | None] = mapped_column(Text)
    imap_message_id: Mapped[str | None] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    approved_at: Mapped[datetime | None]
    saved_at: Mapped[datetime | None]

    message: Mapped[MessageRow] = relationship(back_populates="drafts")


class ActionRow(Base):
    """The outbox: one server-side action a verdict earned, pending -> done, failed or dry-run.

    Written in the transaction that stores the verdict, applied by the folder's sync, so a
    kill at any instant neither loses an action nor applies it twice.
    """

    __tablename__ = "actions"
    __table_args__ = (
        UniqueConstraint("message_id", "kind", "target"),
        Index("ix_actions_state", "state", "folder_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"))
    folder_id: Mapped[int] = mapped_column(ForeignKey("folders.id", ondelete="CASCADE"))
    uidvalidity: Mapped[int] = mapped_column(Integer)
    uid: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    """``keyword``, ``flag`` or ``move``."""
    target: Mapped[str] = mapped_column(String(1000))
    state: Mapped[str] = mapped_column(String(20), default=ActionState.PENDING)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    done_at: Mapped[datetime | None]


class Event(Base):
    """The audit log: every model call, action and approval."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_at", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(100))
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id", ondelete="SET NULL"))
    draft_id: Mapped[int | None] = mapped_column(ForeignKey("drafts.id", ondelete="SET NULL"))
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


class ExampleRow(Base):
    """A labelled message the learning classifiers compare new mail with.

        ``embedding`` is a float32 vector from the model named by ``model_name`` and
        ``model_sha256``; a different model file invalidates it. ``tokens`` are the message's
        word tokens for token statistics. ``source`` is ``learned`` (from a labelled folder),
        ``corrected`` (a relabelled message) or ``starter`` (the bundled set). One row per
        message (``sha256``) and model file.
    ``features`` names how the embedding was made; examples made another way are not loaded.
    """

    __tablename__ = "examples"
    __table_args__ = (
        UniqueConstraint("sha256", "model_sha256"),
        Index("ix_examples_model_sha256", "model_sha256"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    """The sha256 of the example message's raw bytes."""
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id", ondelete="SET NULL"))
    label: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(20), default="learned")
    subject: Mapped[str] = mapped_column(Text, default="")
    sender: Mapped[str] = mapped_column(String(1000), default="")
    tokens: Mapped[list[Any]] = mapped_column(default=list)
    embedding: Mapped[bytes] = mapped_column(LargeBinary)
    dimensions: Mapped[int] = mapped_column(Integer)
    model_name: Mapped[str] = mapped_column(String(200))
    model_sha256: Mapped[str] = mapped_column(String(64))
    features: Mapped[str] = mapped_column(String(50), default="")
    """How the embedding was made (``agent.examples.EMBED_FEATURES``)."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ReplyRow(Base):
    """A reply the user wrote, with the message it answers: what drafts are made from.

    ``source`` is ``sent`` (read from the account's Sent folder, which is never changed) or
    ``draft`` (a draft the user approved, edited or not). ``embedding`` is the answered
    message's embedding by the model file ``model_sha256``, filled in when first needed.
    """

    __tablename__ = "replies"
    __table_args__ = (
        UniqueConstraint("account", "reply_key"),
        Index("ix_replies_in_reply_to", "in_reply_to"),
        Index("ix_replies_reply_key", "reply_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(20))
    reply_key: Mapped[str] = mapped_column(String(1000))
    """The reply's Message-ID (or ``draft:<id>``), so no reply is kept twice."""
    answered_sender: Mapped[str] = mapped_column(String(1000), default="")
    answered_subject: Mapped[str] = mapped_column(Text, default="")
    answered_text: Mapped[str] = mapped_column(Text, default="")
    reply_text: Mapped[str] = mapped_column(Text)
    date: Mapped[datetime | None]
    in_reply_to: Mapped[str] = mapped_column(String(1000), default="")
    """The Message-ID the reply answers: that mail is answered, and so is the mail of its
    thread dated at or before it. Empty for replies kept before mailagent recorded it."""
    embedding: Mapped[bytes | None] = mapped_column(LargeBinary)
    model_sha256: Mapped[str] = mapped_column(String(64), default="")
    features: Mapped[str] = mapped_column(String(50), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CorrespondentRow(Base):
    """Someone the user has written to: a recipient of mail in the account's Sent folder.

    Mail from them is a conversation, not junk (the ``correspondents`` classifier). Kept per
    account and address (lower-case), with the dates of the first and the latest sent
    message to them: reading a message again changes neither.
    """

    __tablename__ = "correspondents"

    account: Mapped[str] = mapped_column(String(200), primary_key=True)
    address: Mapped[str] = mapped_column(String(1000), primary_key=True)
    first_written: Mapped[datetime | None]
    last_written: Mapped[datetime | None]
