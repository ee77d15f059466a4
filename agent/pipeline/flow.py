"""The flow of one message: intake, classification, extraction, drafting, commit.

Each message moves through committed transactions: stored as pending (intake), its verdict
and the actions it earns (classification), then every other result, the draft and the
``processed`` state together. A crash in between leaves a pending message that the next
run finishes (:meth:`Pipeline.resume`), and a processed message is never run again.
``Pipeline`` only orchestrates; each step has its own module.
"""

from __future__ import annotations

import logging
from contextlib import suppress
from dataclasses import dataclass, field

import pluggy

from agent.config import Config
from agent.message import Message, RawMessage
from agent.parse import parse, unparsed
from agent.pipeline.calls import Dispatcher, PluginCall, is_fatal, record_calls
from agent.pipeline.classifying import Classifying
from agent.pipeline.drafting import Drafted, Drafting
from agent.pipeline.intake import Intake
from agent.replies.asks import Asks
from agent.results import Classification, DraftReply, Extraction
from agent.timelimit import TimeLimitExceeded, time_limit
from models.errors import ModelError
from models.tasks import TaskModels
from storage import queries
from storage.db import Database, StorageError
from storage.states import MessageState

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What happened to one message."""

    message: Message
    status: str
    """``processed``, ``skipped`` (already done), or ``failed``."""
    classification: Classification | None = None
    extraction: Extraction | None = None
    asks: Asks | None = None
    draft: DraftReply | None = None
    draft_flags: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def urgent(self) -> bool:
        """Whether the message is urgent (:func:`is_urgent`)."""
        return is_urgent(self.classification, self.asks)


def is_urgent(classification: Classification | None, asks: Asks | None) -> bool:
    """Whether the classifiers' verdict, or the writer ("URGENT - burst pipe"), says so."""
    return bool(classification and classification.urgent) or bool(asks and asks.urgent)


class Pipeline:
    """Runs messages through the plugins, step by step, and stores what they return."""

    def __init__(
        self, config: Config, pm: pluggy.PluginManager, db: Database, models: TaskModels
    ) -> None:
        self.config = config
        self.pm = pm
        self.db = db
        self.models = models
        self.dispatcher = Dispatcher(pm, config.plugins)
        self.intake = Intake(config, db)
        self.classifying = Classifying(config, self.dispatcher, models, db)
        self.drafting = Drafting(config, self.dispatcher, models, db)

    def process(self, raw: RawMessage) -> Outcome:
        """Store and process one raw message, unless it was processed before.

        Parsing and the tasks each have ``[processing] message_timeout_s``; a message that
        exceeds it is stored as failed, with the reason, and the run goes on.
        """
        message, outcome = self.admit(raw)
        return outcome or self.run_limited(message)

    def admit(self, raw: RawMessage) -> tuple[Message, Outcome | None]:
        """Parse ``raw`` and store it as pending: the stored message, and its outcome when
        nothing is left to do (processed before, or parsing failed)."""
        try:
            with time_limit(self.config.processing.message_timeout_s):
                message = parse(raw)
        except TimeLimitExceeded as error:
            stored, done = self.intake.store(raw.origin, unparsed(raw, f"parsing {error}"))
            if done:
                return stored, skipped(stored)
            self.intake.begin_attempt(stored)
            return stored, self._failed(stored, f"parsing {error}")
        stored, done = self.intake.store(raw.origin, message)
        return stored, skipped(stored) if done else None

    def resume(self, account: str, folder: str) -> list[Outcome]:
        """Finish what an interrupted run left pending in ``account``/``folder``.

        Only the process holding the folder's lock may call this (see ``storage.locks``).
        """
        return [self.run_limited(message) for message in self.intake.pending(account, folder)]

    def run_limited(self, message: Message) -> Outcome:
        """:meth:`run` within the per-message time limit; a message over it is marked failed.

        A due starter set is learned first, and the examples and the combination learned
        from them are loaded, outside the limit: that work is not the message's doing.
        """
        self.classifying.examples.learn_starter()
        self.classifying.combiner(self.classifying.examples.current())
        crashed = self.intake.begin_attempt(message)
        if crashed:
            return self._failed(message, crashed)
        try:
            with time_limit(self.config.processing.message_timeout_s):
                return self.run(message)
        except TimeLimitExceeded as error:
            return self._failed(message, str(error))
        except (ModelError, StorageError, KeyboardInterrupt):
            self.intake.take_back_attempt(message)
            raise

    def run(self, message: Message) -> Outcome:
        """Run every step on a stored message, committing its verdict as soon as it is known.

        A run interrupted after the verdict's commit takes the stored verdict up again
        instead of classifying twice.
        """
        assert message.db_id is not None
        classified: list[PluginCall] = []
        known, classification = self.classifying.stored(message.db_id)
        if not known:
            classified, classification = self.classifying.classify(message)
            self.classifying.commit(message.db_id, classified, classification)
        calls, extraction = self.extract(message)
        drafted = Drafted()
        if classification and classification.category in self.config.drafting.categories:
            drafted = self.drafting.draft(message, classification, extraction)
        self._commit(message, calls, classification, extraction, drafted)
        self._notify(message, classification, extraction, drafted.reply)
        return Outcome(
            message=message,
            status="processed",
            classification=classification,
            extraction=extraction,
            asks=drafted.asks,
            draft=drafted.reply,
            draft_flags=drafted.flags,
            errors=[
                f"{c.task}/{c.plugin}: {c.error}"
                for c in [*classified, *calls, *drafted.calls]
                if c.error
            ],
        )

    def extract(self, message: Message) -> tuple[list[PluginCall], Extraction]:
        """Every extractor's fields from ``message``, merged (nothing stored)."""
        calls = self.dispatcher.call_each("extract", self.models.handle("extract"), message=message)
        extraction = Extraction()
        for call in calls:
            if isinstance(call.output, Extraction):
                extraction = extraction.merged(call.output)
        return calls, extraction

    def _failed(self, message: Message, reason: str) -> Outcome:
        self.intake.fail(message, reason)
        return Outcome(message=message, status="failed", errors=[reason])

    def _commit(
        self,
        message: Message,
        calls: list[PluginCall],
        classification: Classification | None,
        extraction: Extraction,
        drafted: Drafted,
    ) -> None:
        """Store the rest of the results, the draft and the ``processed`` state together."""
        message_id = message.db_id
        assert message_id is not None
        with self.db.session() as session:
            record_calls(session, message_id, calls)
            drafted.record(session, message_id)
            combined = queries.combined_result(session, message_id)
            assert combined is not None and combined.output is not None
            combined.output = {**combined.output, "extraction": extraction.model_dump(mode="json")}
            if drafted.asks:
                queries.add_result(
                    session,
                    message_id,
                    task="reply",
                    plugin="mailagent",
                    output=drafted.asks.model_dump(mode="json"),
                )
            draft_id = None
            if drafted.reply:
                draft = queries.add_draft(session, message_id, **drafted.stored())
                draft_id = draft.id
                superseded = queries.supersede_for(session, draft)
                if superseded:
                    queries.add_event(
                        session, "drafts_superseded", message_id=message_id, drafts=superseded
                    )
            category = classification.category if classification else None
            queries.finish_message(
                session,
                message_id,
                state=MessageState.PROCESSED,
                category=category,
                confidence=classification.confidence if classification else None,
                urgent=is_urgent(classification, drafted.asks),
            )
            queries.add_event(
                session, "processed", message_id=message_id, draft_id=draft_id, category=category
            )

    def _notify(
        self,
        message: Message,
        classification: Classification | None,
        extraction: Extraction,
        draft: DraftReply | None,
    ) -> None:
        """Tell ``message_processed`` listeners; the message is committed, so a listener that
        fails is logged and audited, never the message's failure."""
        try:
            self.pm.hook.message_processed(
                message=message, classification=classification, extraction=extraction, draft=draft
            )
        except Exception as problem:
            if is_fatal(problem):
                raise
            logger.exception("a message_processed listener failed on message %s", message.db_id)
            with suppress(StorageError), self.db.session() as session:
                queries.add_event(
                    session,
                    "listener_failed",
                    message_id=message.db_id,
                    error=f"{type(problem).__name__}: {problem}",
                )


def skipped(message: Message) -> Outcome:
    """The outcome of a message that an earlier run already finished."""
    return Outcome(message=message, status="skipped")
