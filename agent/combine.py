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
each vote's whole distribution counts, not only its winner (see docs/sorting.md).

Once there are enough examples, the hand weights of the classifiers that can score an example
give way to a learned combination (``agent.stacking``): their votes enter the pool as one,
the learned regression's distribution, at weight 1. The classification's ``combination``
records how: each learned witness's push towards the winner and the other votes' hand weights.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from agent.results import Classification, Vote

if TYPE_CHECKING:
    from agent.stacking import LearnedCombiner

FLOOR = 0.001


def floored(scores: Mapping[str, float], categories: Sequence[str]) -> dict[str, float]:
    """``scores`` over ``categories``, each at least :data:`FLOOR`, normalised."""
    raw = {c: max(scores.get(c, 0.0), FLOOR) for c in categories}
    total = sum(raw.values())
    return {c: p / total for c, p in raw.items()}


CONVERSATION = ("work", "personal")
"""The categories of mail a person writes to the user."""

JUNK = ("spam", "phishing")
"""The categories of unwanted mail: counted as junk in ``bench``'s junk-versus-legitimate
figure, and what mail from someone the user wrote to is unlikely to be."""


def spread(categories: Iterable[str], favoured: Sequence[str], mass: float) -> dict[str, float]:
    """``mass`` shared by the ``favoured`` categories, the rest evenly over the others (empty
    when either side has none)."""
    names = list(categories)
    chosen = [c for c in favoured if c in names]
    others = [c for c in names if c not in chosen]
    if not chosen or not others:
        return {}
    scores = {c: mass / len(chosen) for c in chosen}
    scores.update({c: (1 - mass) / len(others) for c in others})
    return scores


def distribution(vote: Vote, categories: Sequence[str]) -> dict[str, float]:
    """The probability ``vote`` gives each category, floored and normalised."""
    if vote.scores:
        return floored(vote.scores, categories)
    others = max(len(categories) - 1, 1)
    rest = (1.0 - vote.confidence) / others
    return floored(
        {c: vote.confidence if c == vote.category else rest for c in categories}, categories
    )


def combine(
    votes: dict[str, Vote],
    weights: dict[str, float],
    categories: Sequence[str] | None = None,
    learned: LearnedCombiner | None = None,
) -> Classification | None:
    """The combined classification of ``votes`` (plugin name to vote), or None if none voted.

    ``categories`` are every category a message may have; by default, those the votes name.
    With ``learned``, the votes of its witnesses count through it, as one vote of weight 1,
    whatever their hand weights; the other votes keep theirs.
    """
    if not votes:
        return None
    names = list(categories or [])
    for vote in votes.values():
        for category in (vote.category, *vote.scores):
            if category not in names:
                names.append(category)
    pooled: list[tuple[float, dict[str, float]]] = []
    witnessed: dict[str, dict[str, float]] = {}
    for plugin, vote in votes.items():
        if learned and plugin in learned.witnesses:
            witnessed[plugin] = distribution(vote, names)
        elif weights.get(plugin, 1.0) > 0:
            pooled.append((weights.get(plugin, 1.0), distribution(vote, names)))
    if learned and witnessed:
        pooled.append((1.0, floored(learned.probabilities(witnessed), names)))
    if not pooled:
        return None
    totals = {c: sum(weight * math.log(p[c]) for weight, p in pooled) for c in names}
    voted_first = [vote.category for vote in votes.values()]
    winner = max(
        names,
        key=lambda c: (
            round(totals[c], 9),
            -voted_first.index(c) if c in voted_first else -len(names),
        ),
    )
    shares = {c: math.exp(totals[c] - totals[winner]) for c in names}
    confidence = 1.0 / sum(shares.values())
    for_winner = [(p, v) for p, v in votes.items() if v.category == winner]
    urgent_weight = sum(weights.get(p, 1.0) for p, v in for_winner if v.urgent)
    winner_weight = sum(weights.get(p, 1.0) for p, _ in for_winner)
    if learned and witnessed:
        how = [learned.evidence(witnessed, winner)]
        others = [p for p in votes if p not in witnessed]
    else:
        how, others = [], list(votes)
    if others:
        hand = ", ".join(f"{p} {weights.get(p, 1.0):g}" for p in others)
        how.append(f"hand weights: {hand}")
    return Classification(
        category=winner,
        confidence=round(min(confidence, 1.0), 4),
        urgent=winner_weight > 0 and urgent_weight * 2 >= winner_weight,
        votes=votes,
        combination=how,
    )
