"""The life of a draft after the pipeline made it: edit, reject, approve, save, regenerate.

A draft that still holds a slot for the user (``[your answer]``) or a removal mark is not
approved. Approving is one transaction (status ``approved``, a fresh Message-ID fixed for
good, and the reply kept among the user's own replies for drafting later ones); saving
appends the reply to the account's Drafts folder and marks it ``saved`` only after the server
has it. Before appending, the folder is searched for that Message-ID, so approving or saving
twice leaves one draft on the server. A draft whose server is unreachable stays approved and
is saved by the next ``mailagent run``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parseaddr

from sqlalchemy.orm import Session

from agent.accounts import AccountConfig
from agent.compose import compose_reply, name_given, new_message_id
from agent.config import Config
from agent.errors import MailAgentError, SourceError
from agent.message import Address, Message
from agent.replies.choices import picks, settle
from agent.replies.gates import unfinished
from agent.sources.imap import ImapConnection
from agent.store import message_from_row
from storage import queries
from storage.db import Database
from storage.locks import folder_lock
from storage.states import DraftStatus
from storage.tables import DraftRow, MessageRow, utcnow

logger = logging.getLogger(__name__)

DRAFTS_LOCK = "\\Drafts"
"""The lock name under which drafts are looked up and appended, one process at a time."""


class DraftError(MailAgentError):
    """A draft that does not exist or is not in a state that allows the change."""


@dataclass
class SaveReport:
    """What saving approved drafts did."""

    saved: list[int]
    failed: dict[int, str]
    """Drafts that stay approved, each with why; the daemon tries them again."""
    unsaveable: dict[int, str] = field(default_factory=dict)
    """Drafts of mail from no configured IMAP account (a local folder), each with its source:
    they have no Drafts folder to go to."""


def _draft(session: Session, draft_id: int) -> DraftRow:
    draft = queries.get_draft(session, draft_id)
    if draft is None:
        raise DraftError(f"no draft with id {draft_id}")
    return draft


def _pending(session: Session, draft_id: int, verb: str) -> DraftRow:
    draft = _draft(session, draft_id)
    if draft.status != DraftStatus.PENDING:
        raise DraftError(f"draft {draft_id} is {draft.status}; only pending drafts are {verb}")
    return draft


def edit(db: Database, draft_id: int, body: str) -> bool:
    """Replace a pending draft's text; returns False when nothing changed. An empty text is
    refused: rejecting is how a draft is dropped."""
    if not body.strip():
        raise DraftError(
            f"an empty draft is not kept; draft {draft_id} stays as it was "
            f"(to drop it: mailagent drafts reject {draft_id})"
        )
    with db.session() as session:
        draft = _pending(session, draft_id, "edited")
        if body.strip() == draft.body.strip():
            return False
        _save_edit(session, draft, body.rstrip() + "\n")
    return True


def _save_edit(session: Session, draft: DraftRow, body: str) -> None:
    """Give a pending draft the user's text, marked edited, in the audit log."""
    draft.body, draft.edited = body, True
    queries.add_event(session, "draft_edited", message_id=draft.message_id, draft_id=draft.id)


def choose(db: Database, draft_id: int, chosen: list[int], shown: str | None = None) -> str:
    """Settle a pending draft's ``[choose: ...]`` and ``[check: ...]`` slots in order, each
    number the option kept (1-based; a check's 1 keeps it, 2 leaves it out), and save it as
    an edit; the new text. With ``shown`` (the text the numbers were picked from), a draft
    changed since then is refused rather than settled by position."""
    with db.session() as session:
        draft = _pending(session, draft_id, "edited")
        if shown is not None and draft.body != shown:
            raise DraftError(f"draft {draft_id} changed while you chose; nothing was changed")
        try:
            body = settle(draft.body, chosen)
        except ValueError as error:
            raise DraftError(f"draft {draft_id}: {error}") from None
        if body != draft.body:
            _save_edit(session, draft, body)
    return body


def reject(db: Database, draft_id: int, reason: str = "") -> None:
    """Reject a pending draft, with an optional reason for the audit log."""
    with db.session() as session:
        draft = _draft(session, draft_id)
        if draft.status != DraftStatus.PENDING:
            raise DraftError(
                f"draft {draft_id} is {draft.status}; only pending drafts are rejected"
            )
        draft.status, draft.reason = DraftStatus.REJECTED, reason or None
        queries.add_event(
            session, "draft_rejected", message_id=draft.message_id, draft_id=draft.id, reason=reason
        )


def approve(db: Database, config: Config, draft_id: int) -> str:
    """Approve a draft (idempotent) and return the Message-ID it will be saved under."""
    with db.session() as session:
        draft = _draft(session, draft_id)
        if draft.status in (DraftStatus.APPROVED, DraftStatus.SAVED):
            return str(draft.imap_message_id)
        if draft.status != DraftStatus.PENDING:
            why = f" ({draft.reason})" if draft.reason else ""
            raise DraftError(f"draft {draft_id} is {draft.status}{why}; it cannot be approved")
        if not draft.body.strip():
            raise DraftError(f"draft {draft_id} is empty; it cannot be approved")
        left = unfinished(draft.body)
        if left:
            how = (
                f"choose first (mailagent drafts choose {draft_id} N...)"
                if len(picks(draft.body)) == len(left)
                else f"write your part first (mailagent drafts edit {draft_id})"
            )
            raise DraftError(
                f"draft {draft_id} is not finished, it still holds {', '.join(left[:3])}: {how}"
            )
        name = queries.account_of(session, draft.message)
        account = account_named(config, name)
        sender = account.email if account else "mailagent@localhost"
        draft.status, draft.approved_at = DraftStatus.APPROVED, utcnow()
        draft.imap_message_id = new_message_id(sender)
        original = draft.message
        queries.add_reply(
            session,
            account=name,
            source="draft",
            reply_key=draft.imap_message_id,
            answered_sender=parseaddr(original.sender)[1].lower(),
            answered_subject=original.subject,
            answered_text=original.new_text,
            reply_text=draft.body,
            date=draft.approved_at,
            in_reply_to=original.message_id,
        )
        queries.add_event(
            session,
            "draft_approved",
            message_id=draft.message_id,
            draft_id=draft.id,
            edited=draft.edited,
            model=draft.model_name,
        )
        return draft.imap_message_id


def account_named(config: Config, name: str) -> AccountConfig | None:
    """The configured account called ``name`` (None for a local mailbox's mail)."""
    return next((account for account in config.accounts if account.name == name), None)


def own_address(
    session: Session,
    config: Config,
    message: MessageRow,
    usual: Callable[[Session, int], str] = queries.usual_recipient,
) -> str:
    """The user's address for ``message``: its account's, or for mail of a local mailbox the
    address most of that mailbox's mail was sent to (``usual``; empty when none stands out)."""
    account = account_named(config, queries.account_of(session, message))
    return account.email if account else usual(session, message.folder_id)


def user_address(config: Config, original: Message, email: str) -> Address:
    """The user as their reply to ``original`` comes from: ``email`` under their configured
    name, else under the name ``original`` gives that address."""
    return Address(name=config.drafting.name or name_given(original, {email.lower()}), email=email)


@dataclass(frozen=True)
class _Approved:
    """An approved draft with what saving it needs, read in one transaction."""

    draft_id: int
    account: str
    original: Message
    body: str
    message_id: str


def save_approved(db: Database, config: Config, only: set[int] | None = None) -> SaveReport:
    """Append every approved, unsaved draft (or those in ``only``) to its Drafts folder."""
    report = SaveReport(saved=[], failed={})
    by_account: dict[str, list[_Approved]] = {}
    with db.session() as session:
        for draft in queries.approved_unsaved(session):
            if only is None or draft.id in only:
                name = queries.account_of(session, draft.message)
                by_account.setdefault(name, []).append(
                    _Approved(
                        draft.id,
                        name,
                        message_from_row(draft.message),
                        draft.body,
                        str(draft.imap_message_id),
                    )
                )
    for name, drafts in by_account.items():
        account = account_named(config, name)
        if account is None:
            for item in drafts:
                report.unsaveable[item.draft_id] = name
            continue
        # One process at a time looks a draft up and appends it, so the daemon's catch-up
        # and a person's approval at the same moment save it once.
        lock = folder_lock(db, account.name, DRAFTS_LOCK)
        lock.take(True, threading.Event(), lambda holder: logger.info("waiting for %s", holder))
        try:
            with ImapConnection(account) as connection:
                folder = connection.drafts_folder()
                for item in drafts:
                    if _saved_meanwhile(db, item.draft_id):
                        continue  # by the process that held the lock before us
                    if not connection.find_message_id(folder, item.message_id):
                        reply = compose_reply(
                            item.original,
                            item.body,
                            user_address(config, item.original, account.email),
                            item.message_id,
                            quote=config.drafting.quote,
                        )
                        connection.append(folder, bytes(reply), ["\\Draft", "\\Seen"])
                    _mark_saved(db, item.draft_id, account.name, folder)
                    report.saved.append(item.draft_id)
        except SourceError as error:
            logger.warning("drafts for %s stay approved, not saved: %s", name, error)
            for item in drafts:
                if item.draft_id not in report.saved:
                    report.failed[item.draft_id] = str(error)
        finally:
            lock.release()
    return report


def _saved_meanwhile(db: Database, draft_id: int) -> bool:
    with db.session() as session:
        return _draft(session, draft_id).status == DraftStatus.SAVED


def _mark_saved(db: Database, draft_id: int, account: str, folder: str) -> None:
    with db.session() as session:
        draft = _draft(session, draft_id)
        draft.status, draft.saved_at = DraftStatus.SAVED, utcnow()
        queries.add_event(
            session,
            "draft_saved",
            message_id=draft.message_id,
            draft_id=draft.id,
            account=account,
            folder=folder,
            imap_message_id=draft.imap_message_id,
        )
