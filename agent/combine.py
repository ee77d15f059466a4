"""How classifier votes become one classification: a weighted logarithmic opinion pool.

Each vote is read as a probability for every category: its ``scores`` when the plugin gives
them, otherwise its ``confidence`` for its category and the rest shared evenly by the other
categories. Probabilities are floored at 0.001, so no single plugin can veto a category.
Each category's total is the weighted sum of the log probabilities,
``sum(weight * log p)``, where ``weight`` is the plugin's ``[plugins.<name>] weight``
(default 1.0); the largest total wins. The confidence is the winner's share of the pooled
distribution, ``exp(total)`` normalised over the categories, so one vote (of weight 1) keeps
its own confidence, agreeing votes raise it and disagreeing ones lower it. Ties go to
the category voted first. The message is urgent when the votes for the winner that say so
carry at least half of the winner's weight.

Multiplying the classifiers' probabilities (adding their logs) treats them as independent
witnesses: a classifier that is sure counts for more than several that barely lean, and
each vote's whole distribution counts, not only its winner (see the README).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from agent.results import Classification, Vote

FLOOR = 0.001


def distribution(vote: Vote, categories: Sequence[str]) -> dict[str, float]:
    """The probability ``vote`` gives each category, floored and normalised."""
    if vote.scores:
        raw = {c: max(vote.scores.get(c, 0.0), FLOOR) for c in categories}
    else:
        others = max(len(categories) - 1, 1)
        rest = (1.0 - vote.confidence) / others
        raw = {c: max(vote.confidence if c == vote.category else rest, FLOOR) for c in categories}
    total = sum(raw.values())
    return {c: p / total for c, p in raw.items()}


def combine(
    votes: dict[str, Vote],
    weights: dict[str, float],
    categories: Sequence[str] | None = None,
) -> Classification | None:
    """The combined classification of ``votes`` (plugin name to vote), or None if none voted.

    ``categories`` are every category a message may have; by default, those the votes name.
    """
    if not votes:
        return None
    names = list(categories or [])
    for vote in votes.values():
        for category in (vote.category, *vote.scores):
            if category not in names:
                names.append(category)
    totals = dict.fromkeys(names, 0.0)
    weight_cast = 0.0
    for plugin, vote in votes.items():
        weight = weights.get(plugin, 1.0)
        if weight <= 0:
            continue
        weight_cast += weight
        for category, probability in distribution(vote, names).items():
            totals[category] += weight * math.log(probability)
    if weight_cast == 0:
        return None
    voted_first = [vote.category for vote in votes.values()]
    winner = max(
        names,
        key=lambda c: (
            round(totals[c], 9),
            -voted_first.index(c) if c in voted_first else -len(names),
        ),
    )
    pooled = {c: math.exp(totals[c] - totals[winner]) for c in names}
    confidence = 1.0 / sum(pooled.values())
    for_winner = [(p, v) for p, v in votes.items() if v.category == winner]
    urgent_weight = sum(weights.get(p, 1.0) for p, v in for_winner if v.urgent)
    winner_weight = sum(weights.get(p, 1.0) for p, _ in for_winner)
    return Classification(
        category=winner,
        confidence=round(min(confidence, 1.0), 4),
        urgent=winner_weight > 0 and urgent_weight * 2 >= winner_weight,
        votes=votes,
    )
