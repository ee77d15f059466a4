"""How classifier votes become one classification: a confidence-weighted vote.

Each plugin's vote adds ``confidence * weight`` to its category, where ``weight`` is the
plugin's ``[plugins.<name>] weight`` setting (default 1.0). The category with the largest
total wins; its confidence is that total divided by the weight of every plugin that voted,
so agreeing classifiers raise it and disagreeing ones lower it. Ties go to the vote cast
first. The message is urgent when the winning votes that say so carry at least half of the
winner's total.
"""

from __future__ import annotations

from agent.results import Classification, Vote


def combine(votes: dict[str, Vote], weights: dict[str, float]) -> Classification | None:
    """The combined classification of ``votes`` (plugin name to vote), or None if none voted."""
    if not votes:
        return None
    totals: dict[str, float] = {}
    urgent: dict[str, float] = {}
    weight_cast = 0.0
    for plugin, vote in votes.items():
        weight = weights.get(plugin, 1.0)
        weight_cast += weight
        score = vote.confidence * weight
        totals[vote.category] = totals.get(vote.category, 0.0) + score
        if vote.urgent:
            urgent[vote.category] = urgent.get(vote.category, 0.0) + score
    winner = max(totals, key=lambda category: totals[category])
    confidence = totals[winner] / weight_cast if weight_cast else 0.0
    return Classification(
        category=winner,
        confidence=round(min(confidence, 1.0), 4),
        urgent=urgent.get(winner, 0.0) * 2 >= totals[winner] > 0,
        votes=votes,
    )
