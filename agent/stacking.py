"""The learned combination: how far to trust each classifier, fitted on the examples.

The classifiers that can score a stored example (the ``score_example`` hook: ``examples`` and
``bayes``) are its witnesses. Each example is scored by every witness trained without it
(cross-fitting: a stratified k-fold split of the examples, ``[combination] folds``), so the
fit sees how each witness does on mail it has not learned, not on mail it remembers. A
softmax regression (``agent.regression``) over the witnesses' floored log-probabilities of
every category then learns, from those scores and the examples' labels, how much each
witness's opinion of each category is worth: a witness that is right when it is sure gets a
large weight, whatever its hand weight. With fewer than ``[combination] min_examples`` of
the user's own examples, or with no witness, the hand weights decide (``agent.combine``).
The bundled starter examples do not count, and the regression is fitted on the user's
examples alone (the witnesses still learn from the starter set): written to be clear, the
starter examples show every witness at its best, and a combination fitted on them trusted
the token statistics on real mail they had never seen (on the frozen validation split, 4
to 5 legitimate messages of 39 sorted as junk at confidence 0.8 or more, against 2 with
the hand weights).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from agent.combine import floored
from agent.config import CombinationConfig
from agent.examples import Example, ExampleSet
from agent.regression import SoftmaxRegression
from agent.splits import stratified_folds

MIN_SPREAD = 0.01
"""Log-probabilities that vary less than this over the examples (a category a witness never
gives, floored the same way every time) are not features: scaled up, their rounding noise
outweighed every witness."""

Scorer = Callable[[Example, ExampleSet], dict[str, float] | None]
"""A witness: the probabilities it gives an example when it learned from a set without it."""


class LearnedCombiner:
    """A softmax regression over the witnesses' log-probabilities, one feature per
    (witness, category).

    A verdict is read with the regression fitted on the witnesses that answered it: when one
    abstains (or was not asked, as when the model-free classifiers settle a message), the
    others are weighed as the examples show them to be worth on their own. A witness that
    abstained on a training example counts as even odds there.
    """

    def __init__(
        self,
        witnesses: Sequence[str],
        categories: Sequence[str],
        scores: Sequence[Mapping[str, Mapping[str, float]]],
        labels: Sequence[str],
        l2: float,
    ) -> None:
        """Fit on each example's ``scores`` (witness name to probabilities) and its label."""
        self.witnesses = list(witnesses)
        self.categories = list(categories)
        self.examples = len(labels)
        self._scores, self._labels, self._l2 = list(scores), list(labels), l2
        self._fits: dict[tuple[str, ...], SoftmaxRegression] = {}
        self.regression = self._fitted(tuple(self.witnesses))

    def _fitted(self, witnesses: tuple[str, ...]) -> SoftmaxRegression:
        """The regression over ``witnesses`` alone (fitted once)."""
        if witnesses not in self._fits:
            rows = np.stack([self.features(row, witnesses) for row in self._scores])
            self._fits[witnesses] = SoftmaxRegression(
                self._labels, rows, self._l2, min_spread=MIN_SPREAD
            )
        return self._fits[witnesses]

    def _answered(self, scores: Mapping[str, Mapping[str, float]]) -> tuple[str, ...]:
        """The witnesses that gave ``scores`` (all of them when none did)."""
        return tuple(w for w in self.witnesses if scores.get(w)) or tuple(self.witnesses)

    def features(
        self, scores: Mapping[str, Mapping[str, float]], witnesses: Sequence[str] | None = None
    ) -> np.ndarray:
        """The log-probabilities each witness (default: all) gives each category."""
        values: list[float] = []
        for witness in self.witnesses if witnesses is None else witnesses:
            given = scores.get(witness)
            spread = floored(given, self.categories) if given else None
            values += [
                math.log(spread[c]) if spread else -math.log(len(self.categories))
                for c in self.categories
            ]
        return np.asarray(values)

    def probabilities(self, scores: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
        """The combined probability of every category (0 for those no example has)."""
        answered = self._answered(scores)
        fitted = self._fitted(answered).probabilities(self.features(scores, answered))
        return {c: fitted.get(c, 0.0) for c in self.categories}

    def evidence(self, scores: Mapping[str, Mapping[str, float]], winner: str) -> str:
        """How much each witness pushed ``winner`` above the runner-up, in log-odds."""
        fitted = self.probabilities(scores)
        runner_up = max((c for c in self.categories if c != winner), key=lambda c: fitted[c])
        answered = self._answered(scores)
        regression = self._fitted(answered)
        if winner not in regression.classes or runner_up not in regression.classes:
            return f"learned combination of {self.examples} examples: {winner}"
        z = (self.features(scores, answered) - regression.mean) / regression.scale
        margin = z * (
            regression.weights[:, regression.classes.index(winner)]
            - regression.weights[:, regression.classes.index(runner_up)]
        )
        size = len(self.categories)
        pushes = ", ".join(
            f"{witness} {margin[n * size : (n + 1) * size].sum():+.1f}"
            for n, witness in enumerate(answered)
        )
        return (
            f"learned combination of {', '.join(answered)} from {self.examples} "
            f"cross-fitted examples: {winner} {fitted[winner]:.2f}; log-odds over "
            f"{runner_up}: {pushes}"
        )


def cross_fitted(
    examples: ExampleSet,
    witnesses: Mapping[str, Scorer],
    folds: int,
    only: Sequence[int] | None = None,
) -> list[dict[str, dict[str, float]]]:
    """Each example's probabilities from each witness, trained on the other folds; with
    ``only``, just those examples' (the others' rows stay empty, though they train)."""
    fold_of = stratified_folds(examples.labels, folds)
    wanted = set(range(len(fold_of)) if only is None else only)
    rows: list[dict[str, dict[str, float]]] = [{} for _ in examples.examples]
    for fold in range(folds):
        held_out = [i for i, f in enumerate(fold_of) if f == fold]
        rest = examples.without(held_out)
        for index in filter(wanted.__contains__, held_out):
            for name, score in witnesses.items():
                given = score(examples.examples[index], rest)
                if given:
                    rows[index][name] = given
    return rows


def learn_combiner(
    examples: ExampleSet,
    witnesses: Mapping[str, Scorer],
    categories: Sequence[str],
    settings: CombinationConfig,
) -> LearnedCombiner | None:
    """The combiner fitted on the user's own ``examples`` (the witnesses trained on every
    other example, the starter set's too), or None when the hand weights should decide."""
    known = [e for e in examples.examples if e.label in categories]
    own = [i for i, e in enumerate(known) if e.own]
    if not settings.learned or not witnesses or len(own) < settings.min_examples:
        return None
    if len({known[i].label for i in own}) < 2:
        return None
    usable = ExampleSet.of(known, examples.model_name, examples.model_sha256)
    every = cross_fitted(usable, witnesses, settings.folds, only=own)
    scores = [every[i] for i in own]
    answered = sorted({name for row in scores for name in row})
    if not answered:
        return None
    return LearnedCombiner(answered, categories, scores, [known[i].label for i in own], settings.l2)
