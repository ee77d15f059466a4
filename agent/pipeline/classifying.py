"""The classification step: the classifiers' votes, their combination, the verdict stored.

The classifiers that need no model vote first; when their learned combination is sure
enough (``[combination] settle_at``), the verdict is final and the model is not asked.
The verdict is committed at once, with the server actions the account's rules give it
(the outbox), so the category is visible and acted on before extraction and drafting.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from agent.accounts import own_addresses
from agent.combine import combine
from agent.config import Config
from agent.examples import Example, ExampleSet
from agent.instructions import without_instructions
from agent.message import Correspondent, Message, ThreadMail
from agent.pipeline.calls import Dispatcher, PluginCall, record_calls
from agent.pipeline.example_store import ExampleStore
from agent.results import Classification, Vote
from agent.rules import actions_for
from agent.stacking import LearnedCombiner, Scorer, learn_combiner
from agent.store import thread_mail, your_reply
from models.tasks import TaskModels
from storage import queries
from storage.db import Database
from storage.tables import MessageRow


@dataclass(frozen=True)
class _Context:
    """What the store knows around a message: its thread and the user writing to its sender."""

    thread: list[ThreadMail]
    correspondent: Correspondent | None


class Classifying:
    """Asks the classifiers, combines their votes and stores the verdict."""

    def __init__(
        self,
        config: Config,
        dispatcher: Dispatcher,
        models: TaskModels,
        db: Database,
    ) -> None:
        self.config = config
        self.dispatcher = dispatcher
        self.models = models
        self.db = db
        self.examples = ExampleStore(config, models, db)

    def classify(
        self, message: Message, examples: ExampleSet | None = None
    ) -> tuple[list[PluginCall], Classification | None]:
        """Every classifier's vote on ``message`` and their combination (nothing stored).

        The classifiers see the message without its sentences that speak to an AI agent
        (``agent.instructions``); the classification names them in ``set_aside``.
        """
        shown, set_aside = without_instructions(message)
        example_set = self.examples.current() if examples is None else examples
        context = self._context(message)
        votes: dict[str, Vote] = {}
        calls = self._votes(shown, example_set, context, votes, needs_model=False)
        classification = self._combined(votes, example_set)
        if classification and self._settles(classification, example_set):
            classification = classification.model_copy(update={"settled": True})
        else:
            calls += self._votes(shown, example_set, context, votes, needs_model=True)
            classification = self._combined(votes, example_set)
        if classification and set_aside:
            classification = classification.model_copy(update={"set_aside": set_aside})
        return calls, classification

    def combiner(self, examples: ExampleSet) -> LearnedCombiner | None:
        """The combination learned from ``examples`` (once per set), or None for hand weights."""
        return examples.cached(  # type: ignore[return-value]
            "pipeline.combiner",
            lambda: learn_combiner(
                examples, self._witnesses(), list(self.config.categories), self.config.combination
            ),
        )

    def stored(self, message_id: int) -> tuple[bool, Classification | None]:
        """Whether ``message_id``'s verdict is committed, and what it is."""
        with self.db.session() as session:
            row = queries.combined_result(session, message_id)
            if row is None or row.output is None:
                return False, None
            message = queries.get_message(session, message_id)
            assert message is not None
            stored = queries.verdict(message, [row])
        return True, Classification.model_validate(stored) if stored else None

    def commit(
        self, message_id: int, calls: list[PluginCall], classification: Classification | None
    ) -> None:
        """Store the votes, the verdict and the actions it earns; the message stays pending."""
        with self.db.session() as session:
            record_calls(session, message_id, calls)
            queries.add_result(
                session,
                message_id,
                task="combined",
                plugin="mailagent",
                output={
                    "classification": classification.model_dump(
                        mode="json", exclude=set(queries.VERDICT_COLUMNS)
                    )
                    if classification
                    else None,
                    "extraction": None,
                },
            )
            row = queries.get_message(session, message_id)
            assert row is not None
            if classification:
                row.category, row.confidence = classification.category, classification.confidence
                row.urgent = classification.urgent
            self._enqueue_actions(session, row, classification)
            queries.add_event(
                session,
                "classified",
                message_id=message_id,
                category=classification.category if classification else None,
            )

    def _settles(self, classification: Classification, examples: ExampleSet) -> bool:
        """Whether a verdict of the model-free classifiers is final: sure enough, by a learned
        combination (hand-weighted confidences are not calibrated enough to skip the model)."""
        settle_at = self.config.combination.settle_at
        return (
            settle_at < 1
            and classification.confidence >= settle_at
            and self.combiner(examples) is not None
        )

    def _context(self, message: Message) -> _Context:
        """What the store knows around ``message`` (nothing for mail not stored, as in
        ``bench``): the stored earlier mail of its thread, oldest first, then the user's own
        replies it answers; and what the Sent folder shows of the user writing to its sender
        (nothing for mail "from" one of the user's own addresses)."""
        if message.db_id is None:
            return _Context([], None)
        sender = message.sender.email.lower() if message.sender else ""
        with self.db.session() as session:
            row = queries.get_message(session, message.db_id)
            earlier = queries.thread_before(session, row) if row is not None else []
            answered = queries.replies_with_keys(
                session, {message.in_reply_to, *message.references}
            )
            thread = [thread_mail(item) for item in earlier] + [your_reply(r) for r in answered]
            known = None
            if row is not None and sender and sender not in own_addresses(self.config.accounts):
                known = queries.correspondent(session, queries.account_of(session, row), sender)
            if known is None:
                return _Context(thread, None)
            return _Context(
                thread, Correspondent(known.address, known.first_written, known.last_written)
            )

    def _votes(
        self,
        message: Message,
        examples: ExampleSet,
        context: _Context,
        votes: dict[str, Vote],
        needs_model: bool,
    ) -> list[PluginCall]:
        """The calls of the classifiers that take a model (or of those that do not), their
        valid votes added to ``votes``; ``context`` holds the thread and the correspondent."""
        calls = self.dispatcher.call_each(
            "classify",
            self.models.handle("classify"),
            needs_model=needs_model,
            message=message,
            categories=dict(self.config.categories),
            examples=examples,
            thread=context.thread,
            correspondent=context.correspondent,
        )
        for call in calls:
            if isinstance(call.output, Vote):
                if call.output.category in self.config.categories:
                    votes[call.plugin] = call.output
                else:
                    call.error = f"voted for unknown category {call.output.category!r}"
                    call.output = None
        return calls

    def _combined(self, votes: dict[str, Vote], examples: ExampleSet) -> Classification | None:
        return combine(
            votes, self._weights(), list(self.config.categories), self.combiner(examples)
        )

    def _weights(self) -> dict[str, float]:
        """Each plugin's hand weight (``[plugins.<name>] weight``, default 1)."""
        pm = self.dispatcher.pm
        weights = {}
        for plugin in pm.get_plugins():
            name = pm.get_name(plugin) or ""
            weights[name] = float(self.config.plugins.settings_for(name).get("weight", 1.0))
        return weights

    def _witnesses(self) -> dict[str, Scorer]:
        """Each ``score_example`` implementation, called through pluggy with its settings."""
        witnesses: dict[str, Scorer] = {}
        for impl in self.dispatcher.implementations("score_example"):

            def score(
                example: Example, examples: ExampleSet, impl: Any = impl
            ) -> dict[str, float] | None:
                return self.dispatcher.call_one(
                    "score_example",
                    impl,
                    example=example,
                    examples=examples,
                    categories=dict(self.config.categories),
                )

            witnesses[impl.plugin_name] = score
        return witnesses

    def _enqueue_actions(
        self, session: Session, row: MessageRow, classification: Classification | None
    ) -> None:
        """Put the actions the account's rules give this verdict in the outbox.

        They are written with the verdict, in its transaction, and applied by the folder's
        next sync (``agent.outbox``); only mail read from an IMAP folder has any.
        """
        if row.uid is None:
            return
        name = queries.account_of(session, row)
        account = next((a for a in self.config.accounts if a.name == name), None)
        if account is not None:
            actions = actions_for(account, classification)
            queries.add_actions(session, row, [(action.kind, action.target) for action in actions])
