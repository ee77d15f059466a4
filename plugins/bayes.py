"""Token statistics learned from the labelled examples, as SpamAssassin's Bayes does.

A multinomial naive Bayes over each message's distinct tokens (subject and body words, the
sender's domain, link domains, list headers and a few structural marks; see
``agent.examples.tokens``), with add-one smoothing. It needs no model and costs a
millisecond, and it sees what an embedding of the first 128 tokens misses: the exact words
and domains spammers and lists repeat. It abstains with fewer than ``[plugins.bayes]
min_examples`` examples (default 2 of at least 2 categories). The evidence names the tokens
that weighed most for the winner.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from agent.config import Category
from agent.examples import Example, ExampleSet, tokens
from agent.hookspecs import hookimpl
from agent.message import Message
from agent.results import Vote


class TokenCounts:
    """Per-category counts of distinct tokens, with add-one smoothed log probabilities."""

    def __init__(self, examples: ExampleSet, categories: dict[str, Category]) -> None:
        self.counts: dict[str, Counter[str]] = {}
        self.documents: Counter[str] = Counter()
        for example in examples.examples:
            if example.label in categories:
                self.counts.setdefault(example.label, Counter()).update(set(example.tokens))
                self.documents[example.label] += 1
        self.vocabulary = set().union(*self.counts.values()) if self.counts else set()
        self.totals = {label: sum(c.values()) for label, c in self.counts.items()}

    def log_probability(self, label: str, token: str) -> float:
        """log P(token | label), smoothed."""
        size = len(self.vocabulary)
        return math.log((self.counts[label][token] + 1) / (self.totals[label] + size))

    def scores(self, found: set[str]) -> tuple[dict[str, float], dict[str, float]]:
        """The posterior of each label, and each known token's weight for it."""
        known = [token for token in found if token in self.vocabulary]
        logs = {label: 0.0 for label in self.counts}
        for label in logs:
            logs[label] = sum(self.log_probability(label, token) for token in known)
        top = max(logs.values())
        exp = {label: math.exp(value - top) for label, value in logs.items()}
        total = sum(exp.values())
        return {label: value / total for label, value in exp.items()}, logs


def _counts(
    examples: ExampleSet, categories: dict[str, Category], settings: dict[str, Any]
) -> TokenCounts | None:
    """The token counts of ``examples`` (once per set), or None with too few."""
    model = examples.cached("bayes.counts", lambda: TokenCounts(examples, categories))
    assert isinstance(model, TokenCounts)
    if sum(model.documents.values()) < int(settings.get("min_examples", 2)):
        return None
    return model if len(model.counts) >= 2 else None


@hookimpl
def score_example(
    example: Example,
    examples: ExampleSet,
    categories: dict[str, Category],
    settings: dict[str, Any],
) -> dict[str, float] | None:
    """The posterior of each label for the example's stored tokens."""
    model = _counts(examples, categories, settings)
    return model.scores(set(example.tokens))[0] if model else None


@hookimpl
def classify(
    message: Message,
    categories: dict[str, Category],
    examples: ExampleSet,
    settings: dict[str, Any],
) -> Vote | None:
    """The category whose examples' tokens best explain this message's tokens."""
    model = _counts(examples, categories, settings)
    if model is None:
        return None
    found = set(tokens(message))
    posterior, _ = model.scores(found)
    category = max(posterior, key=lambda label: posterior[label])
    others = [label for label in model.counts if label != category]

    def weight(token: str) -> float:
        return model.log_probability(category, token) - max(
            model.log_probability(other, token) for other in others
        )

    telling = sorted((t for t in found if t in model.vocabulary), key=weight, reverse=True)[:5]
    return Vote(
        category=category,
        confidence=round(posterior[category], 4),
        scores={label: round(p, 4) for label, p in posterior.items()},
        evidence=[
            f"token statistics of {sum(model.documents.values())} examples: {category} "
            f"{posterior[category]:.2f}",
            f"telling tokens: {', '.join(telling)}",
        ],
    )
