"""The drafting step: what the mail asks, and a checked reply when it needs one.

Each drafting plugin is asked in turn until one's reply passes the checks
(``agent.replies.gates``); the failures are recorded as the plugins' errors. When none
passes, the reply is a skeleton for the user to finish, and says so.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from agent.accounts import own_addresses
from agent.compose import name_given, named_as
from agent.config import Config
from agent.dates import ISO_DAY, WEEKDAY_THE, find_dates
from agent.drafts import own_address
from agent.errors import MailAgentError
from agent.language import sure_language
from agent.message import Message
from agent.parse import attribution, quote_levels
from agent.pipeline.calls import Dispatcher, PluginCall, record_calls, record_model_calls
from agent.replies.asks import A_DATE, Ask, AskKind, Asks, read_asks
from agent.replies.gates import DraftContext, check
from agent.replies.memory import PastReply, similar_replies, voice_of
from agent.replies.templates import first_name, sign, skeleton
from agent.results import Classification, DraftReply, Extraction
from agent.store import message_from_row
from models.errors import ModelError
from models.runtime import CallRecord
from models.tasks import TaskModels
from storage import queries
from storage.db import Database

logger = logging.getLogger(__name__)


@dataclass
class Drafted:
    """A drafting attempt: what the mail asks, the reply (if any), who wrote it, the flags."""

    asks: Asks | None = None
    reply: DraftReply | None = None
    plugin: str = ""
    model: str | None = None
    flags: list[str] = field(default_factory=list)
    calls: list[PluginCall] = field(default_factory=list)
    searches: list[CallRecord] = field(default_factory=list)
    """The model calls that searched the user's past replies."""

    def record(self, session: Session, message_id: int) -> None:
        """Put the drafting plugins' calls and the searches' model calls on record."""
        record_calls(session, message_id, self.calls)
        record_model_calls(session, message_id, "draft", "past-replies", self.searches)

    def stored(self) -> dict[str, Any]:
        """The draft row's fields (call only when there is a reply)."""
        assert self.reply is not None
        return {
            "body": self.reply.body,
            "model_name": self.model,
            "plugin": self.plugin,
            "flags": self.flags,
        }


class Drafting:
    """Drafts replies from what the mail asks, the thread and the user's own replies."""

    def __init__(
        self, config: Config, dispatcher: Dispatcher, models: TaskModels, db: Database
    ) -> None:
        self.config = config
        self.dispatcher = dispatcher
        self.models = models
        self.db = db
        self._usual_by_folder: dict[int, tuple[int, str]] = {}
        """Each local mailbox's usual recipient, with how many messages it had then."""
        self.today: Callable[[], date] = date.today
        """The day drafts are made on: a reply repeats a day the mail named from its own
        day of writing with its date, where the two differ (``Asks.said_on``)."""

    def draft(
        self,
        message: Message,
        classification: Classification,
        extraction: Extraction,
        variant: int = 0,
    ) -> Drafted:
        """A checked reply to ``message``, or none when it needs no answer."""
        own = self.own_addresses(message)
        asks = read_asks(message, classification.category, own)
        if asks.needs_reply and (answered := self.answered(message)):
            asks = Asks(needs_reply=False, reason=answered)
        drafted = Drafted(asks=asks)
        if not asks.needs_reply:
            return drafted
        thread = self.thread_of(message)
        today = self.today()
        earlier = self.open_asks(message, asks, today)
        asks = repeated(asks, message.date, message.new_text, message.quoted_text, today)
        late = asks.late or answered_late(message, extraction, today, asks.urged())
        asks = asks.model_copy(update={"asks": [*asks.asks, *earlier], "late": late})
        with self.models.handle("classify").recording() as drafted.searches:
            past = self.past_replies(message)
        context = self.context(message, thread, own)
        context.restated = asks.named()
        context.draws_on(past)
        voice = voice_of(past)
        you = self.config.drafting

        name = you.name or voice.name or name_given(message, own)

        def signed(body: str) -> str:
            work = classification.category == "work"
            return sign(body, voice, message, name, you.signature, you.sign_off, work)

        def checked(output: Any) -> list[str]:
            return check(signed(output.body), context) if isinstance(output, DraftReply) else []

        drafted.calls = self.dispatcher.call_each(
            "draft",
            self.models.handle("draft"),
            hook="draft_reply",
            first_result=True,
            accept=checked,
            message=message,
            thread=thread,
            classification=classification,
            extraction=extraction,
            asks=asks,
            past_replies=past,
            voice=you,
            variant=variant,
        )
        for call in drafted.calls:
            if isinstance(call.output, DraftReply) and call.error is None:
                drafted.reply = DraftReply(body=signed(call.output.body))
                drafted.plugin = call.plugin
                drafted.model = call.records[0].model if call.records else None
        if drafted.reply is None:
            drafted.reply = DraftReply(body=signed(skeleton(asks, message, voice)))
            drafted.plugin = "mailagent"
            drafted.flags = [
                "a skeleton: no drafted reply passed the checks; write your answer in the "
                "[brackets]",
                *(f"{c.plugin}: {c.error}" for c in drafted.calls if c.error),
            ]
        return drafted

    def redraft(self, message_id: int, model: str | None = None) -> Drafted:
        """Draft the reply to a stored message again, on ``model`` if given.

        Each new attempt is another variant (a model samples it with its own seed), so
        regenerating gives another text. The pending draft (if any) takes the new text; the
        calls are recorded as results.
        """
        if model:
            self.models.pin("draft", model)
        with self.db.session() as session:
            row = queries.get_message(session, message_id)
            if row is None:
                raise MailAgentError(f"no message with id {message_id}")
            message = message_from_row(row)
            classification = Classification(
                category=row.category or "", confidence=row.confidence or 0.0, urgent=row.urgent
            )
            stored = queries.combined_part(queries.results_of(session, message_id), "extraction")
            variant = queries.draft_attempts(session, message_id) + 1
        extraction = Extraction.model_validate(stored) if stored else Extraction()
        drafted = self.draft(message, classification, extraction, variant=variant)
        with self.db.session() as session:
            drafted.record(session, message_id)
            if drafted.reply:
                queries.replace_draft(session, message_id, **drafted.stored())
        return drafted

    def open_asks(self, message: Message, current: Asks, today: date) -> list[Ask]:
        """What earlier mail of the thread asked that is still unanswered (its drafts were
        superseded by this one): questions, meetings, documents and payments, each once, as
        a reply made on ``today`` repeats them.

        Only mail of a drafted category between the same people counts, the mail whose drafts
        this one replaces (``queries.same_people``): a stranger's mail in the thread
        (References are the sender's word) is not answered with another person's questions.
        """
        if message.db_id is None:
            return []
        with self.db.session() as session:
            row = queries.get_message(session, message.db_id)
            earlier_mail = queries.open_asks(session, row) if row is not None else []
            outputs = [
                repeated(
                    Asks.model_validate(output),
                    earlier_row.date,
                    earlier_row.new_text,
                    earlier_row.quoted_text,
                    today,
                )
                for earlier_row, output in earlier_mail
                if earlier_row.category in self.config.drafting.categories
                and row is not None
                and queries.same_people(row, earlier_row)
            ]
        found: dict[str, Ask] = {}
        for earlier in outputs:
            for ask in earlier.asks:
                if ask.kind in (AskKind.THANKS, AskKind.NOTE) or not ask.sentence:
                    continue
                found.setdefault(ask.sentence, ask)
        asked = {ask.sentence for ask in current.asks}
        return [ask for sentence, ask in found.items() if sentence not in asked]

    def own_addresses(self, message: Message) -> set[str]:
        """The user's addresses (lower case): the configured accounts' (``own_addresses``),
        those ``message`` gives under the user's full name (``[drafting] name``), and for
        stored mail of a local mailbox the address most of that mailbox's mail went to
        (``agent.drafts.own_address``)."""
        found = own_addresses(self.config.accounts)
        you = self.config.drafting.name
        found |= {a.email.lower() for a in (*message.to, *message.cc) if named_as(a, you)}
        if message.db_id is not None:
            with self.db.session() as session:
                row = queries.get_message(session, message.db_id)
                if row is not None:
                    found.add(own_address(session, self.config, row, self._usual).lower())
        return found - {""}

    def _usual(self, session: Session, folder_id: int) -> str:
        """A local mailbox's usual recipient, worked out again each time the mailbox has
        doubled since (reading its mail for every message drafted would be slow)."""
        size = queries.folder_size(session, folder_id)
        counted, address = self._usual_by_folder.get(folder_id, (0, ""))
        if size >= 2 * counted:
            address = queries.usual_recipient(session, folder_id)
            self._usual_by_folder[folder_id] = (max(size, 1), address)
        return address

    def past_replies(self, message: Message) -> list[PastReply]:
        """The user's replies to the messages most like ``message`` (none when unavailable)."""
        with self.db.session() as session:
            row = queries.get_message(session, message.db_id or 0)
            account = queries.account_of(session, row) if row else ""
        try:
            return similar_replies(self.db, self.models.handle("classify"), account, message)
        except ModelError as error:
            logger.warning("past replies not searched: %s", error)
            return []

    def answered(self, message: Message) -> str:
        """Why ``message`` needs no draft because the user already answered it from their own
        client (a reply read from Sent), or ""."""
        if message.db_id is None:
            return ""
        with self.db.session() as session:
            row = queries.get_message(session, message.db_id)
            reply = queries.reply_answering(session, row) if row else None
            return queries.answered_reason(reply.date) if reply else ""

    def context(
        self, message: Message, thread: list[Message], own: set[str] | None = None
    ) -> DraftContext:
        """What a draft to ``message`` is checked against: who wrote what, and the user's names
        (``own``: their addresses, :meth:`own_addresses` when not given)."""
        own_addresses = self.own_addresses(message) if own is None else own
        mine: list[str] = [self.config.drafting.signature, self.config.drafting.name]
        others: list[str] = [message.subject, message.new_text, message.quoted_text]
        quoting = attribution(message.quoted_text).casefold()
        user = self.config.drafting.name.casefold()
        if quoting and (any(a in quoting for a in own_addresses) or (user and user in quoting)):
            # the user's own reply quoted back ("On ..., Noor Haddad <noor@...> wrote:")
            quoted_reply, older = quote_levels(message.quoted_text)
            mine.append(quoted_reply)
            others[2] = older
        for m in thread:
            yours = m.sender is not None and m.sender.email.lower() in own_addresses
            (mine if yours else others).append(m.new_text)
        names = {first_name(a) for a in message.to if a.email.lower() in own_addresses}
        if len(message.to) == 1:
            names.add(first_name(message.to[0]))
        if self.config.drafting.name:
            names.add(self.config.drafting.name.split()[0])
        addresses = [
            address
            for m in (message, *thread)
            for address in ((m.sender,) if m.sender else ()) + m.to + m.cc + m.reply_to
        ]
        people = [
            *(m.signature for m in (message, *thread)),
            *(a.name for a in addresses),
            *(first_name(a) for a in addresses),  # what a greeting calls them
        ]
        return DraftContext(
            mail_texts=others,
            people=[part for part in people if part],
            own_texts=[text for text in mine if text],
            own_names={name.casefold() for name in names if name},
            language=sure_language(message.new_text),
        )

    def thread_of(self, message: Message) -> list[Message]:
        """The stored earlier messages of ``message``'s thread, oldest first."""
        if message.db_id is None:
            return []
        with self.db.session() as session:
            row = queries.get_message(session, message.db_id)
            assert row is not None
            return [message_from_row(item) for item in queries.thread_before(session, row)]


def repeated(
    asks: Asks, written: datetime | None, new_text: str, quoted_text: str, today: date
) -> Asks:
    """``asks``, read in mail written on ``written``, as a reply made on ``today`` repeats
    them: the days named from the day of writing dated, reading the days of an offer the
    mail quotes ("Thursday" accepted under "Thursday 10 December at 10"), and the days gone
    dropped (:func:`still_due`)."""
    offer = quote_levels(quoted_text)[0]
    return still_due(asks.said_on(written, today, f"{new_text}\n{offer}"), written, today)


def still_due(asks: Asks, written: datetime | None, today: date) -> Asks:
    """``asks`` without the days that passed before ``today``: a late reply promises no day
    gone ("I'll send my numbers over.", not "... over by Tuesday 24 November."), offers and
    confirms no time gone, and asks the user what to say of a meeting whose every time has
    gone (unless another meeting ask is left for the reply to answer: "If the slot doesn't
    work, please suggest two alternatives"). A reply after every time of a meeting, an
    offer or an acceptance has gone is a late one ("Fancy a pint tomorrow after work?")."""

    def gone(said: str) -> bool:  # a day with its date: said_on has dated the relative ones
        dated = A_DATE.search(said) or WEEKDAY_THE.search(said)  # "Friday 4th" too
        days = find_dates(said, written)[0] if dated else []
        return bool(days) and max(days) < today.isoformat()

    def left(ask: Ask) -> str:  # the times of a meeting ask still ahead
        return "; ".join(time for time in ask.detail.split("; ") if not gone(time))

    timed = {at: left(ask) for at, ask in enumerate(asks.asks) if ask.kind == AskKind.MEETING}
    meets = any(times or not asks.asks[at].detail for at, times in timed.items())
    kept = []
    for at, ask in enumerate(asks.asks):
        if at not in timed or not ask.detail:
            kept.append(ask.model_copy(update={"by": ""}) if ask.by and gone(ask.by) else ask)
        elif timed[at]:
            kept.append(ask.model_copy(update={"detail": timed[at]}))
        elif not meets:  # every time gone and no other meeting ask: the user says what to
            kept.append(Ask(kind=AskKind.QUESTION, sentence=ask.sentence))
    offered = [time for time in asks.offered if not gone(time)]
    accepted = "" if gone(asks.accepted) else asks.accepted
    missed = (
        any(ask.detail and not timed[at] for at, ask in enumerate(asks.asks) if at in timed)
        or (asks.offered and not offered)
        or accepted != asks.accepted
    )
    return asks.model_copy(
        update={
            "asks": kept,
            "offered": offered,
            "accepted": accepted,
            "late": asks.late or bool(missed),
        }
    )


LATE_AFTER = 7
"""Days after which a reply is a late one, whatever the mail wanted it by."""


def answered_late(
    message: Message, extraction: Extraction, today: date, urgent: bool = False
) -> bool:
    """Whether a reply made on ``today`` is late: a deadline found in ``message`` fell
    between the day it was written and ``today`` (the digest's "Overdue" also counts the
    deadlines of a thread's earlier mail), or it comes more than :data:`LATE_AFTER` days
    after the mail (a friend's news two weeks old), or more than a day after an ``urgent``
    one ("I need you back here as soon as possible"). A meeting whose times have all gone
    makes it late too (:func:`still_due`)."""
    if message.date is None:
        return False
    written, now = message.date.date().isoformat(), today.isoformat()
    days = (found.value[:10] for found in extraction.deadlines)
    overdue = any(written <= day < now for day in days if ISO_DAY.fullmatch(day))
    waited = (today - message.date.date()).days
    return overdue or waited > LATE_AFTER or (urgent and waited > 1)
