"""The pipeline: one message at a time through classify, extract and draft.

Each message moves through two committed transactions. The first stores it as ``pending``;
the second stores every result, the draft and the ``processed`` state together. A crash
between them leaves a pending row that the next run finishes (:meth:`Pipeline.resume`),
and a processed message is never run again.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pluggy
from sqlalchemy.orm import Session

from agent.combine import combine
from agent.config import Config
from agent.costs import metered
from agent.errors import MailAgentError
from agent.examples import EMBED_FEATURES, Example, ExampleSet
from agent.identity import known_copy
from agent.instructions import without_instructions
from agent.learning import learn_files, load_examples, starter_files
from agent.message import Message, Origin, RawMessage
from agent.parse import parse, unparsed
from agent.replies.asks import Asks, read_asks
from agent.replies.gates import DraftContext, check
from agent.replies.memory import PastReply, similar_replies, voice_of
from agent.replies.templates import first_name, sign, skeleton
from agent.results import Classification, DraftReply, Extraction, Vote
from agent.rules import actions_for
from agent.stacking import LearnedCombiner, Scorer, learn_combiner
from agent.store import message_fields, message_from_row
from agent.timelimit import TimeLimitExceeded, time_limit
from models.errors import ModelError, StructuredOutputError
from models.registry import Registry
from models.runtime import ModelHandle, ModelPool
from storage import queries
from storage.db import Database, StorageError
from storage.tables import MessageRow

logger = logging.getLogger(__name__)


@dataclass
class PluginCall:
    """One hook implementation's answer for one task, as stored in the results table."""

    task: str
    plugin: str
    output: Any
    error: str | None
    latency_ms: float
    model: ModelHandle | None
    cpu_ms: float = 0.0
    """The process's CPU time during the call (llama.cpp's threads included)."""
    energy_uj: int | None = None
    """The CPU package's energy during the call, where RAPL is readable."""


@dataclass
class Drafted:
    """A drafting attempt: what the mail asks, the reply (if any), who wrote it, the flags."""

    asks: Asks | None = None
    reply: DraftReply | None = None
    plugin: str = ""
    model: str | None = None
    flags: list[str] = field(default_factory=list)
    calls: list[PluginCall] = field(default_factory=list)


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


class Pipeline:
    """Runs messages through the plugins and stores what they return."""

    def __init__(
        self,
        config: Config,
        pm: pluggy.PluginManager,
        registry: Registry,
        db: Database,
        pool: ModelPool | None = None,
    ) -> None:
        self.config = config
        self.pm = pm
        self.registry = registry
        self.db = db
        self.pool = pool or ModelPool(config.inference)
        self._handles: dict[str, ModelHandle] = {}
        self._examples: tuple[object, ExampleSet] | None = None

    def handle(self, task: str) -> ModelHandle:
        """The model handle of ``task`` (nothing is loaded until a plugin calls it)."""
        if task not in self._handles:
            self._handles[task] = ModelHandle(
                spec=self.registry.spec_for_task(task),
                task=task,
                pool=self.pool,
                budget=self.config.inference.budget(task),
                retries=self.config.inference.retries,
            )
        return self._handles[task]

    def examples(self) -> ExampleSet:
        """The stored examples of the classify model, reloaded whenever they change.

        One small query per message keeps a long-running agent in step with corrections
        made from another process (``mailagent messages relabel``).
        """
        model = self.handle("classify")
        digest = model.identity
        with self.db.session() as session:
            stamp = queries.examples_stamp(session, digest)
        if self._examples is None or self._examples[0] != stamp:
            starter = self.config.learning.starter_examples
            examples = load_examples(self.db, model, self.config.categories, starter)
            self._examples = (stamp, examples)
            with self.db.session() as session:
                outdated = queries.outdated_examples(session, digest, EMBED_FEATURES)
            if outdated:
                logger.warning(
                    "%d of your examples for %s were embedded by an earlier mailagent and are "
                    "not used; run 'mailagent learn DIR' again on your labelled folders",
                    outdated,
                    model.name,
                )
        return self._examples[1]

    @cached_property
    def _starter_files(self) -> dict[str, tuple[str, Path]]:
        """The starter examples of the configured categories by sha256, read once per pipeline."""
        return {
            hashlib.sha256(path.read_bytes()).hexdigest(): (category, path)
            for category, path in starter_files(self.config.categories)
        }

    def learn_starter(self) -> int:
        """Learn the bundled starter examples if due; how many were learned.

        Due while ``[learning] starter_examples`` is on, the classify model has none of the
        user's examples, and its stored starter examples differ from the bundled files: files
        not yet learned (a new install, an interrupted first start, an upgrade that added or
        relabelled some) are learned, and starter examples of files no longer bundled are
        deleted. A model that cannot embed them is logged; the message goes on.
        """
        files = self._starter_files
        if not self.config.learning.starter_examples or not files:
            return 0
        model = self.handle("classify")
        try:
            digest = model.identity
            with self.db.session() as session:
                sources = queries.example_sources(session, digest, EMBED_FEATURES)
                stored = queries.starter_labels(session, digest, EMBED_FEATURES)
            sources.pop("starter", None)
            missing = [file for sha256, file in files.items() if stored.get(sha256) != file[0]]
            stale = stored.keys() - files.keys()
            if sources or not (missing or stale):
                return 0
            if stale:
                with self.db.session() as session:
                    queries.delete_starter_examples(session, digest, stale)
            logger.info(
                "learning %d of %d starter examples with %s (once; each is kept as it is "
                "learned, so an interrupted start continues), dropping %d no longer bundled",
                len(missing),
                len(files),
                model.name,
                len(stale),
            )
            learn_files(self.db, model, missing, source="starter")
        except (MailAgentError, ModelError) as error:
            logger.warning("starter examples not learned: %s", error)
            return 0
        return len(missing)

    def classify(
        self, message: Message, examples: ExampleSet | None = None
    ) -> tuple[list[PluginCall], Classification | None]:
        """Every classifier's vote on ``message`` and their combination (nothing stored).

        The classifiers that need no model vote first; when their learned combination reaches
        ``[combination] settle_at``, the verdict is final and the model is not asked. The
        classifiers see the message without its sentences that speak to an AI agent
        (``agent.instructions``); the classification names them in ``set_aside``.
        """
        shown, set_aside = without_instructions(message)
        example_set = self.examples() if examples is None else examples
        votes: dict[str, Vote] = {}
        calls = self._votes(shown, example_set, votes, needs_model=False)
        classification = self._combined(votes, example_set)
        if classification and self._settles(classification, example_set):
            classification = classification.model_copy(update={"settled": True})
        else:
            calls += self._votes(shown, example_set, votes, needs_model=True)
            classification = self._combined(votes, example_set)
        if classification and set_aside:
            classification = classification.model_copy(update={"set_aside": set_aside})
        return calls, classification

    def _settles(self, classification: Classification, examples: ExampleSet) -> bool:
        """Whether a verdict of the model-free classifiers is final: sure enough, by a learned
        combination (hand-weighted confidences are not calibrated enough to skip the model)."""
        settle_at = self.config.combination.settle_at
        return (
            settle_at < 1
            and classification.confidence >= settle_at
            and self.combiner(examples) is not None
        )

    def _votes(
        self, message: Message, examples: ExampleSet, votes: dict[str, Vote], needs_model: bool
    ) -> list[PluginCall]:
        """The calls of the classifiers that take a model (or of those that do not), their
        valid votes added to ``votes``."""
        calls = self._call_each(
            "classify",
            needs_model=needs_model,
            message=message,
            categories=self._categories(),
            examples=examples,
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

    def combiner(self, examples: ExampleSet) -> LearnedCombiner | None:
        """The combination learned from ``examples`` (once per set), or None for hand weights."""
        return examples.cached(  # type: ignore[return-value]
            "pipeline.combiner",
            lambda: learn_combiner(
                examples, self._witnesses(), list(self.config.categories), self.config.combination
            ),
        )

    def _witnesses(self) -> dict[str, Scorer]:
        """Each ``score_example`` implementation, with its plugin's settings."""
        witnesses: dict[str, Scorer] = {}
        for impl in self.pm.hook.score_example.get_hookimpls():
            known = {
                "categories": self._categories(),
                "settings": self.config.plugins.settings_for(impl.plugin_name),
            }

            def score(
                example: Example, examples: ExampleSet, impl: Any = impl, known: Any = known
            ) -> dict[str, float] | None:
                given = {**known, "example": example, "examples": examples}
                return impl.function(*[given[name] for name in impl.argnames])

            witnesses[impl.plugin_name] = score
        return witnesses

    def extract(self, message: Message) -> tuple[list[PluginCall], Extraction]:
        """Every extractor's fields from ``message``, merged (nothing stored)."""
        calls = self._call_each("extract", message=message)
        extraction = Extraction()
        for call in calls:
            if isinstance(call.output, Extraction):
                extraction = extraction.merged(call.output)
        return calls, extraction

    def process(self, raw: RawMessage) -> Outcome:
        """Store and process one raw message, unless it was processed before.

        Parsing and the tasks each have ``[processing] message_timeout_s``; a message that
        exceeds it is stored as failed, with the reason, and the run goes on.
        """
        limit = self.config.processing.message_timeout_s
        try:
            with time_limit(limit):
                message = parse(raw)
        except TimeLimitExceeded as error:
            stored, done = self._store(raw.origin, unparsed(raw, f"parsing {error}"))
            if done:
                return skipped(stored)
            self._begin_attempt(stored)
            return self._fail(stored, f"parsing {error}")
        stored, done = self._store(raw.origin, message)
        return skipped(stored) if done else self.run_limited(stored)

    def run_limited(self, message: Message) -> Outcome:
        """:meth:`run` within the per-message time limit; a message over it is marked failed.

        A due starter set is learned first, and the examples and the combination learned
        from them are loaded, outside the limit: that work is not the message's doing.
        """
        self.learn_starter()
        self.combiner(self.examples())
        crashed = self._begin_attempt(message)
        if crashed:
            return self._fail(message, crashed)
        try:
            with time_limit(self.config.processing.message_timeout_s):
                return self.run(message)
        except TimeLimitExceeded as error:
            return self._fail(message, str(error))
        except (ModelError, StorageError, KeyboardInterrupt):
            self._take_back_attempt(message)
            raise

    def _begin_attempt(self, message: Message) -> str | None:
        """Count an attempt at ``message`` before any work on it, in its own transaction.

        A process that dies on the message (killed, out of memory, a crash in native code)
        never gets to record anything else, so this count is what stops it from retrying the
        message forever. Returns the reason to fail it instead, once ``[processing]
        max_attempts`` attempts never finished.
        """
        with self.db.session() as session:
            row = queries.get_message(session, message.db_id or 0)
            assert row is not None
            if row.attempts >= self.config.processing.max_attempts:
                return f"crashed the process {row.attempts} times"
            row.attempts += 1
        return None

    def _take_back_attempt(self, message: Message) -> None:
        """Uncount an attempt stopped by a broken model, the database or the user."""
        with suppress(StorageError), self.db.session() as session:
            row = queries.get_message(session, message.db_id or 0)
            assert row is not None
            row.attempts -= 1

    def _fail(self, message: Message, reason: str) -> Outcome:
        assert message.db_id is not None
        logger.warning("message %s failed: %s", message.db_id, reason)
        with self.db.session() as session:
            queries.finish_message(session, message.db_id, state="failed", error=reason)
            queries.add_event(session, "failed", message_id=message.db_id, reason=reason)
        return Outcome(message=message, status="failed", errors=[reason])

    def _store(self, origin: Origin, message: Message) -> tuple[Message, bool]:
        """Commit the message as pending, with its folder's progress.

        Returns the stored message and whether it was already done (processed or failed).
        """
        with self.db.session() as session:
            folder = queries.folder(session, origin.account, origin.folder)
            if origin.uid:
                row = queries.message_at(session, folder.id, origin.uidvalidity, origin.uid)
                if row is None:
                    # After a UIDVALIDITY change the same mail comes back under new UIDs; a
                    # row moved to the new UIDVALIDITY is no longer a candidate for another.
                    row = known_copy(
                        message,
                        queries.copies_from_old_uidvalidity(
                            session, folder.id, origin.uidvalidity, message_fields(message)
                        ),
                    )
                    if row is not None:
                        row.uidvalidity, row.uid = origin.uidvalidity, origin.uid
                # The message row and the folder's progress are committed together.
                folder.uidvalidity = origin.uidvalidity
                folder.last_uid = max(folder.last_uid, origin.uid)
            else:
                row = queries.message_by_sha256(session, folder.id, message.sha256)
            if row is None:
                fields = message_fields(message)
                fields.update(uidvalidity=origin.uidvalidity, uid=origin.uid or None)
                row = queries.add_message(session, folder, fields)
            return message_from_row(row), row.state in ("processed", "failed")

    def resume(self, account: str, folder: str) -> list[Outcome]:
        """Finish what an interrupted run left pending in ``account``/``folder``, least tried first.

        Only the process holding the folder's lock may call this (see ``storage.locks``).
        """
        with self.db.session() as session:
            folder_id = queries.folder(session, account, folder).id
            pending = [
                message_from_row(row) for row in queries.pending_messages(session, folder_id)
            ]
        return [self.run_limited(message) for message in pending]

    def run(self, message: Message) -> Outcome:
        """Run every task on a stored message, committing its category as soon as it is known.

        The classification is committed first (the message stays pending), so its category
        is visible, and acted on, before extraction and drafting; the rest of the results
        and the ``processed`` state follow in one later transaction. A run interrupted in
        between takes the stored classification up again instead of classifying twice.
        """
        assert message.db_id is not None
        classified: list[PluginCall] = []
        known, classification = self.stored_classification(message.db_id)
        if not known:
            classified, classification = self.classify(message)
            self._commit_classification(message.db_id, classified, classification)

        calls, extraction = self.extract(message)

        drafted = Drafted()
        if classification and classification.category in self.config.drafting.categories:
            drafted = self.draft(message, classification, extraction)
            calls.extend(drafted.calls)
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
            errors=[f"{c.task}/{c.plugin}: {c.error}" for c in [*classified, *calls] if c.error],
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
            if _is_fatal(problem):
                raise
            logger.exception("a message_processed listener failed on message %s", message.db_id)
            with suppress(StorageError), self.db.session() as session:
                queries.add_event(
                    session,
                    "listener_failed",
                    message_id=message.db_id,
                    error=f"{type(problem).__name__}: {problem}",
                )

    def stored_classification(self, message_id: int) -> tuple[bool, Classification | None]:
        """Whether ``message_id``'s classification is committed, and what it is."""
        with self.db.session() as session:
            row = queries.combined_result(session, message_id)
            if row is None or row.output is None:
                return False, None
            stored = row.output.get("classification")
        return True, Classification.model_validate(stored) if stored else None

    def _commit_classification(
        self, message_id: int, calls: list[PluginCall], classification: Classification | None
    ) -> None:
        """Store the classifiers' votes and the verdict; the message stays pending."""
        with self.db.session() as session:
            self._record_calls(session, message_id, calls)
            queries.add_result(
                session,
                message_id,
                task="combined",
                plugin="mailagent",
                output={
                    "classification": classification.model_dump(mode="json")
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
        if account is None:
            return
        actions = actions_for(account, classification)
        queries.add_actions(session, row, [(action.kind, action.target) for action in actions])

    def draft(
        self,
        message: Message,
        classification: Classification,
        extraction: Extraction,
        variant: int = 0,
    ) -> Drafted:
        """A checked reply to ``message``, or none when it needs no answer.

        Each drafting plugin is asked in turn until one's reply passes the checks
        (``agent.replies.gates``); the failures are recorded as the plugins' errors. When
        none passes, the reply is a skeleton for the user to finish, and says so.
        """
        asks = read_asks(message, classification.category, self._own_addresses)
        drafted = Drafted(asks=asks)
        if not asks.needs_reply:
            return drafted
        thread = self.thread_of(message)
        past = self.past_replies(message)
        context = self.draft_context(message, thread)
        voice = voice_of(past)

        you = self.config.drafting

        def signed(body: str) -> str:
            return sign(body, voice, message, you.name, you.signature)

        def checked(output: Any) -> list[str]:
            return check(signed(output.body), context) if isinstance(output, DraftReply) else []

        drafted.calls = self._call_each(
            "draft",
            hook="draft_reply",
            first_result=True,
            accept=checked,
            message=message,
            thread=thread,
            classification=classification,
            extraction=extraction,
            asks=asks,
            past_replies=past,
            voice=self.config.drafting,
            variant=variant,
        )
        for call in drafted.calls:
            if isinstance(call.output, DraftReply) and call.error is None:
                drafted.reply = DraftReply(body=signed(call.output.body))
                drafted.plugin = call.plugin
                drafted.model = call.model.name if call.model else None
        if drafted.reply is None:
            drafted.reply = DraftReply(body=signed(skeleton(asks, message, voice)))
            drafted.plugin = "mailagent"
            drafted.flags = [
                "a skeleton: no drafted reply passed the checks; write your answer in the "
                "[brackets]",
                *(f"{c.plugin}: {c.error}" for c in drafted.calls if c.error),
            ]
        return drafted

    @cached_property
    def _own_addresses(self) -> set[str]:
        """The user's addresses, from the configured accounts (lower case)."""
        return {account.email.lower() for account in self.config.accounts}

    def past_replies(self, message: Message) -> list[PastReply]:
        """The user's replies to the messages most like ``message`` (none when unavailable)."""
        with self.db.session() as session:
            row = queries.get_message(session, message.db_id or 0)
            account = queries.account_of(session, row) if row else ""
        try:
            return similar_replies(self.db, self.handle("classify"), account, message)
        except ModelError as error:
            logger.warning("past replies not searched: %s", error)
            return []

    def draft_context(self, message: Message, thread: list[Message]) -> DraftContext:
        """What a draft to ``message`` is checked against: who wrote what, and the user's names."""
        own_addresses = self._own_addresses
        mine: list[str] = [self.config.drafting.signature, self.config.drafting.name]
        others: list[str] = [message.subject, message.new_text, message.quoted_text]
        for m in thread:
            own = m.sender is not None and m.sender.email.lower() in own_addresses
            (mine if own else others).append(m.new_text)
        names = {first_name(a) for a in message.to if a.email.lower() in own_addresses}
        if len(message.to) == 1:
            names.add(first_name(message.to[0]))
        if self.config.drafting.name:
            names.add(self.config.drafting.name.split()[0])
        return DraftContext(
            mail_texts=others,
            own_texts=[text for text in mine if text],
            own_names={name.casefold() for name in names if name},
        )

    def redraft(self, message_id: int, model: str | None = None) -> Drafted:
        """Draft the reply to a stored message again, on ``model`` if given.

        Each new attempt is another variant (a model samples it with its own seed), so
        regenerating gives another text. The pending draft (if any) takes the new text; the
        calls are recorded as results.
        """
        if model:
            spec = self.registry.get(model)
            self._handles["draft"] = ModelHandle(
                spec=spec,
                task="draft",
                pool=self.pool,
                budget=self.config.inference.budget("draft"),
                retries=self.config.inference.retries,
            )
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
            self._record_calls(session, message_id, drafted.calls)
            if drafted.reply:
                queries.replace_draft(
                    session,
                    message_id,
                    body=drafted.reply.body,
                    model_name=drafted.model,
                    plugin=drafted.plugin,
                    flags=drafted.flags,
                )
        return drafted

    def _categories(self) -> dict[str, Any]:
        return dict(self.config.categories)

    def _weights(self) -> dict[str, float]:
        weights = {}
        for plugin in self.pm.get_plugins():
            name = self.pm.get_name(plugin) or ""
            weight = self.config.plugins.settings_for(name).get("weight", 1.0)
            weights[name] = float(weight)
        return weights

    def thread_of(self, message: Message) -> list[Message]:
        """The stored earlier messages of ``message``'s thread, oldest first."""
        if message.db_id is None:
            return []
        with self.db.session() as session:
            row = queries.get_message(session, message.db_id or 0)
            assert row is not None
            return [message_from_row(item) for item in queries.thread_before(session, row)]

    def _call_each(
        self,
        task: str,
        *,
        hook: str | None = None,
        first_result: bool = False,
        accept: Callable[[Any], list[str]] | None = None,
        needs_model: bool | None = None,
        **kwargs: Any,
    ) -> list[PluginCall]:
        """Call every implementation of a task's hook separately, in pluggy's order.

        Calling them one by one lets each plugin get its own settings, and records each
        one's output, latency and error on its own: one broken plugin does not hide the
        others' answers. A plugin that declines (returns nothing, fails nothing, asks no
        model) leaves no record. ``accept`` names what is wrong with an output (nothing:
        it is accepted); a refused output is recorded with the reasons as its error, and
        with ``first_result`` the next plugin is asked. ``needs_model`` asks only the plugins
        whose hook takes the model (True) or only those that do not (False).
        """
        caller = getattr(self.pm.hook, hook or task)
        model = self.handle(task)
        kwargs.update(model=model)
        calls = []
        for impl in reversed(caller.get_hookimpls()):
            if needs_model is not None and ("model" in impl.argnames) != needs_model:
                continue
            kwargs["settings"] = self.config.plugins.settings_for(impl.plugin_name)
            arguments = [kwargs[name] for name in impl.argnames]
            used_before = len(model.calls)
            output: Any = None
            error: str | None = None
            with metered() as usage:
                try:
                    output = impl.function(*arguments)
                except StructuredOutputError as problem:
                    error = str(problem)
                except Exception as problem:
                    if _is_fatal(problem):
                        raise
                    logger.exception("plugin %s failed on task %s", impl.plugin_name, task)
                    error = f"{type(problem).__name__}: {problem}"
                expected = _RETURNS.get(hook or task)
                if expected and output is not None and not isinstance(output, expected):
                    error = f"returned a {type(output).__name__}, not a {expected.__name__} or None"
                    output = None
                problems = accept(output) if accept and output is not None else []
                if problems:
                    error = f"refused by the draft checks: {'; '.join(problems)}"
            used_model = len(model.calls) > used_before
            if output is None and error is None and not used_model:
                continue  # the plugin declined (disabled, or not its kind of message)
            calls.append(
                PluginCall(
                    task=task,
                    plugin=impl.plugin_name,
                    output=output,
                    error=error,
                    latency_ms=usage.wall_ms,
                    model=model if used_model else None,
                    cpu_ms=usage.cpu_ms,
                    energy_uj=usage.energy_uj,
                )
            )
            if first_result and output is not None and error is None:
                break
        return calls

    def _commit(
        self,
        message: Message,
        calls: list[PluginCall],
        classification: Classification | None,
        extraction: Extraction,
        drafted: Drafted,
    ) -> None:
        message_id = message.db_id
        assert message_id is not None
        with self.db.session() as session:
            self._record_calls(session, message_id, calls)
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
                draft_id = queries.add_draft(
                    session,
                    message_id,
                    body=drafted.reply.body,
                    model_name=drafted.model,
                    plugin=drafted.plugin,
                    flags=drafted.flags,
                ).id
            queries.finish_message(
                session,
                message_id,
                state="processed",
                category=classification.category if classification else None,
                confidence=classification.confidence if classification else None,
                urgent=classification.urgent if classification else False,
            )
            queries.add_event(
                session,
                "processed",
                message_id=message_id,
                draft_id=draft_id,
                category=classification.category if classification else None,
            )

    def _record_calls(self, session: Session, message_id: int, calls: list[PluginCall]) -> None:
        """Store each plugin call as a result row, and each model call in the audit log."""
        for call in calls:
            record = call.model.calls[-1] if call.model and call.model.calls else None
            output = call.output.model_dump(mode="json") if call.output is not None else None
            queries.add_result(
                session,
                message_id,
                task=call.task,
                plugin=call.plugin,
                model_name=record.model if record else None,
                model_sha256=record.sha256 if record else None,
                quantization=record.quantization if record else None,
                output=output,
                latency_ms=round(call.latency_ms, 2),
                cpu_ms=round(call.cpu_ms, 2),
                energy_uj=call.energy_uj,
                error=call.error,
            )
            if record:
                queries.add_event(
                    session,
                    "model_call",
                    message_id=message_id,
                    task=call.task,
                    plugin=call.plugin,
                    model=record.model,
                    sha256=record.sha256,
                    lora_sha256=record.lora_sha256 or None,
                    latency_ms=round(record.latency_ms, 2),
                    cpu_ms=round(call.cpu_ms, 2),
                    attempts=record.attempts,
                )


_RETURNS: dict[str, type] = {"classify": Vote, "extract": Extraction, "draft_reply": DraftReply}
"""What each task hook must return (or None); anything else is the plugin's recorded error."""


def skipped(message: Message) -> Outcome:
    """The outcome of a message that an earlier run already finished."""
    return Outcome(message=message, status="skipped")


def _is_fatal(problem: Exception) -> bool:
    """Errors that stop the run instead of being recorded against one message.

    A model that cannot load (missing, corrupt, tampered) would fail every message the same
    way; stopping keeps the message pending so it is processed once the model is fixed.
    """
    from models.errors import ModelError

    return isinstance(problem, ModelError) and not isinstance(problem, StructuredOutputError)
