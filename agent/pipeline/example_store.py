"""The classify model's examples as the classifiers see them: loaded, kept fresh, seeded.

A new install learns the bundled starter examples on the first message it sees; after
that, the user's own examples and corrections (from any process) are picked up on the next
message. After an upgrade that embeds messages another way, or a switch of classify model,
the user's corrections are embedded again from their stored messages.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

from agent.config import Config
from agent.errors import MailAgentError
from agent.examples import EMBED_FEATURES, ExampleSet
from agent.learning import learn_files, load_examples, make_example, save_example, starter_files
from agent.store import message_from_row
from models.tasks import TaskModels
from storage import queries
from storage.db import Database

logger = logging.getLogger(__name__)


def _quietly(total: int) -> Callable[[], None]:
    return lambda: None


class ExampleStore:
    """The stored examples of the classify model, reloaded whenever they change."""

    def __init__(self, config: Config, models: TaskModels, db: Database) -> None:
        self.config = config
        self.models = models
        self.db = db
        self._loaded: tuple[object, ExampleSet] | None = None
        self._corrections_checked = False
        """Whether this process has embedded the corrections the classify model lacked: an
        upgrade or a switch of model comes with a restart, so once is enough."""

    def current(self) -> ExampleSet:
        """The examples as stored now.

        One small query per message keeps a long-running agent in step with corrections
        made from another process (``mailagent messages relabel``).
        """
        model = self.models.handle("classify")
        digest = model.identity
        with self.db.session() as session:
            stamp = queries.examples_stamp(session, digest)
        if self._loaded is None or self._loaded[0] != stamp:
            starter = self.config.learning.starter_examples
            examples = load_examples(self.db, model, self.config.categories, starter)
            self._loaded = (stamp, examples)
            with self.db.session() as session:
                outdated = queries.outdated_examples(session, digest, EMBED_FEATURES)
            if outdated:
                logger.warning(
                    "%d of your examples were learned by an earlier mailagent or for another "
                    "classify model and are not used with %s; run 'mailagent learn DIR' again "
                    "on your labelled folders",
                    outdated,
                    model.name,
                )
        return self._loaded[1]

    @cached_property
    def starter(self) -> dict[str, tuple[str, Path]]:
        """The starter examples of the configured categories by sha256, read once."""
        return {
            hashlib.sha256(path.read_bytes()).hexdigest(): (category, path)
            for category, path in starter_files(self.config.categories)
        }

    def embed_corrections_again(self) -> int:
        """Embed the user's corrections for the classify model where it lacks them (embedded
        by an earlier mailagent another way, or for another classify model); how many.

        A correction (``messages relabel``) keeps its message in the database, so it is
        embedded again from there, one commit each; examples learned from folders are not
        (the warning of :meth:`current` asks for ``mailagent learn``). A model that cannot
        embed them is logged; the message goes on.
        """
        model = self.models.handle("classify")
        done = 0
        try:
            digest = model.identity
            with self.db.session() as session:
                outdated = [
                    (row.message_id, row.label, row.source)
                    for row in queries.corrections_to_embed(session, digest, EMBED_FEATURES)
                    if row.message_id is not None
                ]
            if outdated:
                logger.info(
                    "embedding %d of your corrections again with %s (embedded by an earlier "
                    "mailagent or for another classify model)",
                    len(outdated),
                    model.name,
                )
            for message_id, label, source in outdated:
                with self.db.session() as session:
                    row = queries.get_message(session, message_id)
                    message = message_from_row(row) if row is not None else None
                if message is None:
                    continue
                example = make_example(message, label, model, source)
                with self.db.session() as session:
                    save_example(session, message, example, model, message_id=message_id)
                done += 1
            self._corrections_checked = True
        except MailAgentError as error:
            logger.warning("corrections not embedded again: %s", error)
        return done

    def learn_starter(self, started: Callable[[int], Callable[[], None]] = _quietly) -> int:
        """Learn the bundled starter examples if due; how many were learned.

        The user's corrections the classify model lacks are embedded first, once per process
        (:meth:`embed_corrections_again`): once they are, they count as the user's own.

        Due while ``[learning] starter_examples`` is on, the classify model has none of the
        user's examples, and its stored starter examples differ from the bundled files: files
        not yet learned (a new install, an interrupted first start, an upgrade that added or
        relabelled some) are learned, and starter examples of files no longer bundled are
        deleted. A model that cannot embed them is logged; the message goes on.
        ``started`` is told how many are about to be learned and returns what to call after
        each one (a progress bar's step).
        """
        if not self._corrections_checked:  # this runs before every message
            self.embed_corrections_again()
        files = self.starter
        if not self.config.learning.starter_examples or not files:
            return 0
        model = self.models.handle("classify")
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
            learn_files(self.db, model, missing, step=started(len(missing)), source="starter")
        except MailAgentError as error:
            logger.warning("starter examples not learned: %s", error)
            return 0
        return len(missing)
