"""A small multinomial logistic regression in numpy, for the embeddings and the combination."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np


class SoftmaxRegression:
    """A multinomial logistic regression on standardised vectors, with an L2 penalty.

    Fit by accelerated gradient descent (Nesterov's momentum) with the step set from the
    data: one over the gradient's Lipschitz constant, from the largest singular value of
    the standardised examples. A fixed step overshoots on the wide vectors of the embedding
    (2,560 dimensions for Gemma 3 270M), where the fit then depended on the penalty's exact
    value; with this step it converges for any penalty.
    """

    ITERATIONS = 300

    def __init__(
        self, labels: list[str], vectors: np.ndarray, l2: float = 1e-2, min_spread: float = 1e-6
    ) -> None:
        """Fit on ``vectors`` and their ``labels``. A feature whose standard deviation over the
        examples is at most ``min_spread`` tells nothing: it is left unscaled, so its weight
        stays near 0 and a new value of it cannot blow up the standardised vector."""
        self.classes = sorted(set(labels))
        targets = np.eye(len(self.classes))[[self.classes.index(x) for x in labels]]
        self.mean = vectors.mean(axis=0)
        spread = vectors.std(axis=0)
        self.scale = np.where(spread > min_spread, spread, 1.0)
        z = np.hstack([(vectors - self.mean) / self.scale, np.ones((len(labels), 1))])
        penalty = np.full((z.shape[1], 1), l2)
        penalty[-1] = 0.0  # the last column is the bias, which is not penalised
        step = 1.0 / (0.5 * _largest_singular_value(z) ** 2 / len(labels) + l2)
        weights = ahead = np.zeros((z.shape[1], len(self.classes)))
        momentum = 1.0
        for _ in range(self.ITERATIONS):
            gradient = z.T @ (self._softmax(z @ ahead) - targets) / len(labels)
            updated = ahead - step * (gradient + penalty * ahead)
            following = (1 + (1 + 4 * momentum**2) ** 0.5) / 2
            ahead = updated + (momentum - 1) / following * (updated - weights)
            weights, momentum = updated, following
        self.weights, self.bias = weights[:-1], weights[-1]

    @staticmethod
    def _softmax(scores: np.ndarray) -> np.ndarray:
        shifted = np.exp(scores - scores.max(axis=-1, keepdims=True))
        return shifted / shifted.sum(axis=-1, keepdims=True)

    def probabilities(self, vector: np.ndarray) -> dict[str, float]:
        """The probability of each class for one vector."""
        scores = ((vector - self.mean) / self.scale) @ self.weights + self.bias
        return dict(zip(self.classes, self._softmax(scores).tolist(), strict=True))


def restricted(probabilities: dict[str, float], names: Iterable[str]) -> dict[str, float]:
    """``probabilities`` of the classes in ``names`` only, normalised again."""
    wanted = set(names)
    kept = {c: p for c, p in probabilities.items() if c in wanted}
    total = sum(kept.values()) or 1.0
    return {c: p / total for c, p in kept.items()}


def _largest_singular_value(matrix: np.ndarray, iterations: int = 30) -> float:
    """The largest singular value of ``matrix`` by power iteration, with a 5% margin above."""
    vector = np.ones(matrix.shape[1]) / np.sqrt(matrix.shape[1])
    value = 0.0
    for _ in range(iterations):
        product = matrix.T @ (matrix @ vector)
        value = float(np.linalg.norm(product))
        if value == 0.0:
            return 0.0
        vector = product / value
    return 1.05 * np.sqrt(value)
