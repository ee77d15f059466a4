"""Weighs work against personal mail by whether German, French and Spanish mail addresses
its reader formally (Sie, vous, usted), as clients, offices and strangers write and family
and friends do not.

No model is involved. The register is read by ``agent.language.register`` and kept among
each example's tokens, so what it is worth is learned from the examples: the share of
work examples, and of personal ones, with a register that are formal (add-one smoothed).
The vote only tells work from personal: every other category gets the larger of the two,
so a formal phishing mail is not pushed towards work, only away from personal. Familiar
mail (du, tu, tú) gets no vote: clients write it too (in Spain most do), and the 35th
blind trial's Spanish client who wrote "te escribo" went to personal when it counted.
It abstains on mail without a formal register (English mail, mail that says both), without
a work and a personal category, or with fewer than ``[plugins.register] min_examples``
(default 4) examples that show a register. It implements ``score_example``, so the learned
combination also learns how far to trust it (``agent.stacking``).
"""

from __future__ import annotations

from typing import Any

from agent.combine import CONVERSATION
from agent.config import Category
from agent.examples import REGISTER_PREFIX, Example, ExampleSet
from agent.hookspecs import hookimpl
from agent.language import register
from agent.message import Message
from agent.results import Vote

FORMAL = "formal"
"""The register that votes (see the module's docstring for why familiar mail does not)."""


def _shares(examples: ExampleSet) -> dict[str, dict[str, int]]:
    """How many examples of each of :data:`CONVERSATION` show each register (once per set)."""

    def count() -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = {kind: {} for kind in CONVERSATION}
        for example in examples.examples:
            said = _register_of(example)
            if said and example.label in counts:
                counts[example.label][said] = counts[example.label].get(said, 0) + 1
        return counts

    counted = examples.cached("register.counts", count)
    assert isinstance(counted, dict)
    return counted


def _register_of(example: Example) -> str | None:
    return next(
        (t.removeprefix(REGISTER_PREFIX) for t in example.tokens if t.startswith(REGISTER_PREFIX)),
        None,
    )


def _scores(
    said: str, examples: ExampleSet, categories: dict[str, Category], settings: dict[str, Any]
) -> dict[str, float] | None:
    """Each category's probability for mail in register ``said``, or None to abstain."""
    if not all(kind in categories for kind in CONVERSATION):
        return None
    counts = _shares(examples)
    shown = sum(sum(by_kind.values()) for by_kind in counts.values())
    if shown < int(settings.get("min_examples", 4)):
        return None
    rates = {
        kind: (counts[kind].get(said, 0) + 1) / (sum(counts[kind].values()) + 2)
        for kind in CONVERSATION
    }
    others = max(rates.values())
    raw = {c: rates.get(c, others) for c in categories}
    total = sum(raw.values())
    return {c: p / total for c, p in raw.items()}


@hookimpl
def score_example(
    example: Example,
    examples: ExampleSet,
    categories: dict[str, Category],
    settings: dict[str, Any],
) -> dict[str, float] | None:
    """The example's probabilities by its stored register."""
    said = _register_of(example)
    return _scores(said, examples, categories, settings) if said == FORMAL else None


@hookimpl
def classify(
    message: Message,
    categories: dict[str, Category],
    examples: ExampleSet,
    settings: dict[str, Any],
) -> Vote | None:
    """Work rather than personal, when the mail addresses its reader formally."""
    said = register(message.new_text or message.quoted_text)
    if said != FORMAL:
        return None
    scores = _scores(said, examples, categories, settings)
    if scores is None:
        return None
    counts = _shares(examples)
    category = max(CONVERSATION, key=lambda kind: scores[kind])
    shares = ", ".join(
        f"{kind} {counts[kind].get(said, 0)} of {sum(counts[kind].values())}"
        for kind in CONVERSATION
    )
    return Vote(
        category=category,
        confidence=round(scores[category], 4),
        scores={c: round(p, 4) for c, p in scores.items()},
        evidence=[f"addresses the reader {said}ly; examples with a register: {shares}"],
    )
