"""Classifies by comparing the classify model's embedding of a message with labelled examples.

The message (key headers and the start of its new text, followed by a fixed question about
what kind of email it is) is embedded by the task's GGUF model: the mean of its hidden
states over the message and over the question (``agent.examples.embed_message``). A softmax
regression learned from the examples' embeddings gives a
probability for each category. The regression is refit whenever the example set changes
(a few hundred milliseconds for a few thousand examples), so a correction counts from the
next message on. With fewer than ``[plugins.examples] min_examples`` examples (default 2 of
at least 2 categories) it abstains. The evidence names the nearest examples' labels.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from agent.config import Category
from agent.examples import ExampleSet, embed_message
from agent.hookspecs import hookimpl
from agent.message import Message
from agent.results import Vote
from models.runtime import ModelHandle


class SoftmaxRegression:
    """A multinomial logistic regression on standardised vectors, fit by gradient descent."""

    def __init__(self, labels: list[str], vectors: np.ndarray, l2: float = 1e-2) -> None:
        self.classes = sorted(set(labels))
        targets = np.eye(len(self.classes))[[self.classes.index(x) for x in labels]]
        self.mean = vectors.mean(axis=0)
        self.scale = vectors.std(axis=0) + 1e-6
        z = (vectors - self.mean) / self.scale
        self.weights = np.zeros((z.shape[1], len(self.classes)))
        self.bias = np.zeros(len(self.classes))
        for _ in range(300):
            gradient = (self._softmax(z @ self.weights + self.bias) - targets) / len(labels)
            self.weights -= 0.5 * (z.T @ gradient + l2 * self.weights)
            self.bias -= 0.5 * gradient.sum(axis=0)

    @staticmethod
    def _softmax(scores: np.ndarray) -> np.ndarray:
        shifted = np.exp(scores - scores.max(axis=-1, keepdims=True))
        return shifted / shifted.sum(axis=-1, keepdims=True)

    def probabilities(self, vector: np.ndarray) -> dict[str, float]:
        """The probability of each class for one vector."""
        scores = ((vector - self.mean) / self.scale) @ self.weights + self.bias
        return dict(zip(self.classes, self._softmax(scores).tolist(), strict=True))


def nearest(examples: ExampleSet, vector: np.ndarray, count: int = 3) -> list[tuple[str, float]]:
    """The labels and cosine similarities of the ``count`` most similar examples."""
    matrix = examples.cached("examples.matrix", examples.matrix)
    assert isinstance(matrix, np.ndarray)
    similarity = matrix @ vector
    best = np.argsort(-similarity)[:count]
    return [(examples.examples[i].label, float(similarity[i])) for i in best]


@hookimpl
def classify(
    message: Message,
    model: ModelHandle,
    categories: dict[str, Category],
    examples: ExampleSet,
    settings: dict[str, Any],
) -> Vote | None:
    """The category the example embeddings point to, with the regression's probability."""
    usable = [e for e in examples.examples if e.label in categories]
    if len(usable) < int(settings.get("min_examples", 2)) or len({e.label for e in usable}) < 2:
        return None
    if examples.model_sha256 and examples.model_sha256 != model.sha256:
        return None  # embeddings of another model file are not comparable
    regression = examples.cached(
        "examples.regression",
        lambda: SoftmaxRegression(
            examples.labels, examples.matrix(), float(settings.get("l2", 1e-2))
        ),
    )
    assert isinstance(regression, SoftmaxRegression)
    vector = embed_message(message, model)
    probabilities = {c: p for c, p in regression.probabilities(vector).items() if c in categories}
    total = sum(probabilities.values()) or 1.0
    probabilities = {c: p / total for c, p in probabilities.items()}
    category = max(probabilities, key=lambda c: probabilities[c])
    neighbours = ", ".join(
        f"{label} ({similarity:.2f})" for label, similarity in nearest(examples, vector)
    )
    return Vote(
        category=category,
        confidence=round(probabilities[category], 4),
        scores={c: round(p, 4) for c, p in probabilities.items()},
        evidence=[
            f"embedding of {model.name} vs {len(examples)} examples: {category} "
            f"{probabilities[category]:.2f}",
            f"nearest examples: {neighbours}",
        ],
    )
