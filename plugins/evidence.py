"""Classifies by evidence that does not age: authentication, deceptive links and domains, lures.

The message's signals (``agent.signals``: SPF/DKIM/DMARC results, a display name or Reply-To
of another domain, links whose text shows another domain than their target, shorteners and
IP links, look-alike and IDN domains, credential or payment requests with urgency, HTML and
archive attachments) are recorded as the vote's evidence, one line each. What they are worth
is learned, not set by hand: a softmax regression (``agent.regression``) over which signals
each example shows (kept among its tokens) gives each category's probability, and the vote
names the signals that pushed the winner most. It implements ``score_example``, so the
learned combination also learns how far to trust it (``agent.stacking``).

It abstains on a message with no signal, and with fewer than ``[plugins.evidence]
min_examples`` examples (default 30) or when none of them shows a signal.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from agent.config import Category
from agent.examples import Example, ExampleSet
from agent.hookspecs import hookimpl
from agent.message import Message
from agent.regression import SoftmaxRegression, restricted
from agent.results import Vote
from agent.signals import SIGNALS, in_tokens, signals


def features(names: Iterable[str]) -> np.ndarray:
    """One 0/1 feature per signal of :data:`agent.signals.SIGNALS`."""
    present = set(names)
    return np.asarray([float(name in present) for name in SIGNALS])


def _regression(
    examples: ExampleSet, categories: dict[str, Category], settings: dict[str, Any]
) -> SoftmaxRegression | None:
    """The regression learned from the examples' signals (once per set), or None."""

    def learn() -> SoftmaxRegression | None:
        usable = [e for e in examples.examples if e.label in categories]
        rows = [in_tokens(e.tokens) for e in usable]
        if len(usable) < int(settings.get("min_examples", 30)) or not any(rows):
            return None
        if len({e.label for e in usable}) < 2:
            return None
        return SoftmaxRegression(
            [e.label for e in usable],
            np.stack([features(row) for row in rows]),
            float(settings.get("l2", 0.1)),
        )

    regression = examples.cached("evidence.regression", learn)
    assert regression is None or isinstance(regression, SoftmaxRegression)
    return regression


def _pushes(regression: SoftmaxRegression, names: set[str], winner: str) -> str:
    """How much each present signal moved ``winner`` against the mean of the other classes."""
    vector = (features(names) - regression.mean) / regression.scale
    column = regression.classes.index(winner)
    others = np.delete(regression.weights, column, axis=1).mean(axis=1)
    push = vector * (regression.weights[:, column] - others)
    ranked = sorted(
        (SIGNALS[i] for i in range(len(SIGNALS)) if SIGNALS[i] in names),
        key=lambda name: -push[SIGNALS.index(name)],
    )
    return ", ".join(f"{name} {push[SIGNALS.index(name)]:+.1f}" for name in ranked)


@hookimpl
def score_example(
    example: Example,
    examples: ExampleSet,
    categories: dict[str, Category],
    settings: dict[str, Any],
) -> dict[str, float] | None:
    """The regression's probabilities for the signals the example shows (None if none)."""
    names = in_tokens(example.tokens)
    regression = _regression(examples, categories, settings) if names else None
    if regression is None:
        return None
    return restricted(regression.probabilities(features(names)), categories)


@hookimpl
def classify(
    message: Message,
    categories: dict[str, Category],
    examples: ExampleSet,
    settings: dict[str, Any],
) -> Vote | None:
    """The category the message's signals point to, by weights learned from the examples."""
    found = signals(message)
    regression = _regression(examples, categories, settings) if found else None
    if regression is None:
        return None
    names = {signal.name for signal in found}
    probabilities = restricted(regression.probabilities(features(names)), categories)
    category = max(probabilities, key=lambda c: probabilities[c])
    return Vote(
        category=category,
        confidence=round(probabilities[category], 4),
        scores={c: round(p, 4) for c, p in probabilities.items()},
        evidence=[
            *(f"{signal.name}: {signal.detail}" for signal in found),
            f"weights learned from {len(examples)} examples: {category} "
            f"{probabilities[category]:.2f}; log-odds for it: "
            f"{_pushes(regression, names, category)}",
        ],
    )
