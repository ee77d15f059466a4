"""Turning labelled messages into stored examples, and stored examples into an ExampleSet.

``mailagent learn DIR`` and ``mailagent messages relabel`` both go through
:func:`save_example`; the pipeline loads the set with :func:`load_examples` and hands it to
the classifiers. Until a model has examples of the user's, the pipeline learns the bundled
starter set (:func:`starter_files`) so that a new install sorts by examples from its first
message.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
from sqlalchemy.orm import Session

from agent.errors import MailAgentError
from agent.examples import EMBED_FEATURES, Example, ExampleSet, embed_message, tokens
from agent.instructions import without_instructions
from agent.message import Message, Origin, RawMessage
from agent.parse import parse
from models.runtime import ModelHandle
from storage import queries
from storage.db import Database
from storage.tables import ExampleRow

STARTER = Path(__file__).parent / "starter"
"""Labelled examples written for mailagent, one ``<category>/*.eml`` folder per default category."""


class LearnError(MailAgentError):
    """A labelled folder or a correction cannot be learned from."""


def labelled_files(root: Path, categories: Iterable[str]) -> list[tuple[str, Path]]:
    """Every ``root/<category>/*.eml`` as (category, path); unknown folders are an error."""
    if not root.is_dir():
        raise LearnError(f"{root}: not a folder of <category>/*.eml folders")
    known = list(categories)
    folders = sorted(item for item in root.iterdir() if item.is_dir())
    unknown = [folder.name for folder in folders if folder.name not in known]
    if unknown:
        raise LearnError(
            f"{root}: folders {', '.join(unknown)} are not configured categories "
            f"(known: {', '.join(known)}); rename them or add [categories.<name>] to the config"
        )
    files = [
        (folder.name, path)
        for folder in folders
        for path in sorted(folder.glob("*.eml"))
        if path.is_file()
    ]
    if not files:
        raise LearnError(f"{root}: no <category>/*.eml files found")
    return files


def starter_files(categories: Iterable[str]) -> list[tuple[str, Path]]:
    """The bundled starter examples of the configured ``categories``, as (category, path)."""
    return [
        (category, path)
        for category in categories
        for path in sorted((STARTER / category).glob("*.eml"))
    ]


def make_example(
    message: Message, label: str, model: ModelHandle, source: str = "learned"
) -> Example:
    """``message`` as an example of ``label``: the model's embedding and its tokens.

    Like the classifiers, the example leaves out sentences that speak to an AI agent.
    """
    message, _ = without_instructions(message)
    vector = embed_message(message, model)
    return Example(label=label, vector=vector, tokens=tuple(tokens(message)), source=source)


def learn_files(
    db: Database,
    model: ModelHandle,
    files: Iterable[tuple[str, Path]],
    step: Callable[[], None] = lambda: None,
    source: str = "learned",
) -> Counter[str]:
    """Store each (label, .eml path) of :func:`labelled_files` as an example; counts per label.

    Each message is committed on its own, so an interrupted run keeps what it learned;
    ``step`` is called after each one (for a progress bar).
    """
    learned: Counter[str] = Counter()
    for label, path in files:
        message = parse(RawMessage(path.read_bytes(), Origin("learn", str(path.parent.parent))))
        example = make_example(message, label, model, source)
        with db.session() as session:
            save_example(session, message, example, model)
        learned[label] += 1
        step()
    return learned


def save_example(
    session: Session,
    message: Message,
    example: Example,
    model: ModelHandle,
    message_id: int | None = None,
) -> ExampleRow:
    """Store ``example`` of ``message`` (replacing an earlier one of the same message)."""
    vector = example.vector.astype(np.float32)
    return queries.save_example(
        session,
        sha256=message.sha256,
        message_id=message_id,
        label=example.label,
        source=example.source,
        subject=message.subject[:1000],
        sender=str(message.sender or "")[:1000],
        tokens=list(example.tokens),
        embedding=vector.tobytes(),
        dimensions=int(vector.shape[0]),
        model_name=model.name,
        model_sha256=model.sha256,
        features=EMBED_FEATURES,
    )


def example_from_row(row: ExampleRow) -> Example:
    """The example a row stores."""
    return Example(
        label=row.label,
        vector=np.frombuffer(row.embedding, dtype=np.float32, count=row.dimensions),
        tokens=tuple(str(token) for token in row.tokens),
        source=row.source,
    )


def load_examples(
    db: Database, model: ModelHandle, categories: Iterable[str], starter: bool = True
) -> ExampleSet:
    """The stored examples embedded by ``model``'s file, for the configured categories.

    With ``starter`` false, the bundled starter examples are left out.
    """
    known = set(categories)
    digest = model.identity
    with db.session() as session:
        rows = queries.examples_for(session, digest, EMBED_FEATURES)
        examples = [
            example_from_row(row)
            for row in rows
            if row.label in known and (starter or row.source != "starter")
        ]
    return ExampleSet.of(examples, model.name, digest)
