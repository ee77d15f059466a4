"""The evidence classifier: its signals' weights are learned from examples, and the learned
combination learns how far to trust it."""

from __future__ import annotations

import numpy as np

from agent.combine import combine
from agent.config import Category, CombinationConfig
from agent.examples import Example, ExampleSet, tokens
from agent.message import Origin, RawMessage
from agent.parse import parse
from agent.results import Vote
from agent.stacking import learn_combiner
from plugins import evidence

CATEGORIES = {name: Category(description=name) for name in ("phishing", "work", "personal")}
FAILED_DMARC = parse(
    RawMessage(
        b"Authentication-Results: mx.example.com; spf=pass smtp.mailfrom=x.example.net;\n"
        b" dmarc=fail header.from=bank.example.com\n"
        b"From: Bank <alerts@bank.example.com>\nTo: me@example.com\nSubject: Statement\n\n"
        b"Your statement is ready.\n",
        Origin("test", "INBOX"),
    )
)
PLAIN = parse(
    RawMessage(
        b"From: anna@example.org\nTo: me@example.com\nSubject: lunch\n\nSunday?\n",
        Origin("test", "INBOX"),
    )
)


def examples(count: int, failing: str) -> ExampleSet:
    """Examples of three labels: those of ``failing`` fail DMARC, the others pass it; their
    words and embeddings are noise."""
    rng = np.random.default_rng(3)
    labels = list(CATEGORIES)
    made = []
    for n in range(count):
        label = labels[n % 3]
        signal = "sig:dmarc-fail" if label == failing else "sig:dmarc-pass"
        made.append(
            Example(
                label=label,
                vector=rng.normal(size=8).astype(np.float32),
                tokens=(f"w{rng.integers(5)}", signal),
            )
        )
    return ExampleSet.of(made)


def test_a_failed_dmarc_counts_for_what_the_examples_show() -> None:
    vote = evidence.classify(FAILED_DMARC, CATEGORIES, examples(45, "phishing"), {})
    assert vote is not None and vote.category == "phishing" and vote.confidence > 0.8
    assert vote.evidence[0] == "spf-pass: Authentication-Results (mx.example.com): spf=pass"
    assert vote.evidence[1] == "dmarc-fail: Authentication-Results (mx.example.com): dmarc=fail"
    assert vote.evidence[2].startswith("weights learned from 45 examples: phishing")
    assert "dmarc-fail +" in vote.evidence[2]

    # The same evidence where the examples say failed DMARC is how work mail arrives.
    relearned = evidence.classify(FAILED_DMARC, CATEGORIES, examples(45, "work"), {})
    assert relearned is not None and relearned.category == "work"


def test_it_abstains_without_signals_or_without_enough_examples() -> None:
    assert evidence.classify(PLAIN, CATEGORIES, examples(45, "phishing"), {}) is None
    assert evidence.classify(FAILED_DMARC, CATEGORIES, examples(29, "phishing"), {}) is None
    few = {"min_examples": 20}
    assert evidence.classify(FAILED_DMARC, CATEGORIES, examples(29, "phishing"), few)


def test_an_example_is_scored_as_its_message_would_be_classified() -> None:
    learned_from = examples(45, "phishing")
    example = Example("work", np.zeros(8, np.float32), tuple(tokens(FAILED_DMARC)))
    scored = evidence.score_example(example, learned_from, CATEGORIES, {})
    vote = evidence.classify(FAILED_DMARC, CATEGORIES, learned_from, {})
    assert scored is not None and vote is not None
    assert {c: round(p, 4) for c, p in scored.items()} == vote.scores
    no_signal = Example("work", np.zeros(8, np.float32), tuple(tokens(PLAIN)))
    assert evidence.score_example(no_signal, learned_from, CATEGORIES, {}) is None


def test_the_combination_learns_to_trust_the_evidence_over_a_noisy_witness() -> None:
    learned_from = examples(60, "phishing")
    rng = np.random.default_rng(4)

    def noise(example: Example, examples: ExampleSet) -> dict[str, float]:
        return dict(zip(CATEGORIES, rng.dirichlet([1, 1, 1]).tolist(), strict=True))

    def witness(example: Example, examples: ExampleSet) -> dict[str, float] | None:
        return evidence.score_example(example, examples, CATEGORIES, {})

    combiner = learn_combiner(
        learned_from, {"evidence": witness, "noise": noise}, list(CATEGORIES), CombinationConfig()
    )
    assert combiner is not None and combiner.witnesses == ["evidence", "noise"]
    vote = evidence.classify(FAILED_DMARC, CATEGORIES, learned_from, {})
    assert vote is not None
    says_work = Vote(category="work", confidence=0.9)
    result = combine({"noise": says_work, "evidence": vote}, {}, list(CATEGORIES), combiner)
    assert result is not None and result.category == "phishing"
    pushes = dict(part.rsplit(" ", 1) for part in result.combination[0].split(": ")[-1].split(", "))
    assert float(pushes["evidence"]) > 1 > abs(float(pushes["noise"]))
