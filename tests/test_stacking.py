"""The learned combination: fitted on cross-fitted scores, it trusts the witness that is right."""

from __future__ import annotations

from email.message import EmailMessage

import numpy as np

from agent.app import App
from agent.combine import combine
from agent.config import CombinationConfig
from agent.examples import Example, ExampleSet
from agent.learning import make_example
from agent.message import Message, Origin, RawMessage
from agent.parse import parse
from agent.pipeline import Pipeline
from agent.results import Vote
from agent.stacking import LearnedCombiner, cross_fitted, learn_combiner

CATEGORIES = ["spam", "work", "personal"]


def sure_of(label: str, p: float) -> dict[str, float]:
    rest = (1 - p) / (len(CATEGORIES) - 1)
    return {c: p if c == label else rest for c in CATEGORIES}


def invoice_votes() -> dict[str, Vote]:
    """The sample invoice: the embeddings say spam 0.64, the token statistics work 0.9996."""
    return {
        "examples": Vote(category="spam", confidence=0.64, scores=sure_of("spam", 0.64)),
        "bayes": Vote(category="work", confidence=0.9996, scores=sure_of("work", 0.9996)),
    }


def test_the_learned_combination_follows_the_witness_that_is_right() -> None:
    rng = np.random.default_rng(0)
    labels = [CATEGORIES[n % 3] for n in range(60)]
    scores = [
        {
            "bayes": sure_of(label, 0.98),  # always right, and sure
            "examples": dict(zip(CATEGORIES, rng.dirichlet([1, 1, 1]).tolist(), strict=True)),
        }
        for label in labels
    ]
    learned = LearnedCombiner(["bayes", "examples"], CATEGORIES, scores, labels, 1e-2)
    votes = invoice_votes()

    by_hand = combine(votes, {"bayes": 0.0}, CATEGORIES)
    assert by_hand is not None and by_hand.category == "spam"  # weight 0: bayes ignored
    assert by_hand.combination == ["hand weights: examples 1, bayes 0"]

    result = combine(votes, {"bayes": 0.0}, CATEGORIES, learned)
    assert result is not None
    assert result.category == "work" and result.confidence > 0.9
    assert set(result.votes) == {"examples", "bayes"}
    (evidence,) = result.combination
    assert evidence.startswith("learned combination of bayes, examples from 60 cross-fitted")
    pushes = dict(part.rsplit(" ", 1) for part in evidence.split(": ")[-1].split(", "))
    assert float(pushes["bayes"]) > 3 > abs(float(pushes["examples"]))


def test_other_votes_keep_their_hand_weights_beside_the_learned_one() -> None:
    labels = [CATEGORIES[n % 3] for n in range(30)]
    learned = LearnedCombiner(
        ["bayes"], CATEGORIES, [{"bayes": sure_of(x, 0.9)} for x in labels], labels, 1e-2
    )
    votes = {"bayes": invoice_votes()["bayes"], "rule": Vote(category="spam", confidence=0.99)}
    assert combine(votes, {}, CATEGORIES, learned).category == "work"  # type: ignore[union-attr]
    outweighed = combine(votes, {"rule": 5.0}, CATEGORIES, learned)
    assert outweighed is not None and outweighed.category == "spam"
    assert outweighed.combination[-1] == "hand weights: rule 5"


def examples_where_only_tokens_tell(count: int, source: str = "learned") -> ExampleSet:
    """Examples whose tokens name their label and whose embeddings are noise."""
    rng = np.random.default_rng(1)
    return ExampleSet.of(
        Example(
            label=CATEGORIES[n % 3],
            vector=rng.normal(size=16).astype(np.float32),
            tokens=(f"s:{CATEGORIES[n % 3]}-word", f"w{n}"),
            source=source,
        )
        for n in range(count)
    )


def test_cross_fitting_gives_no_say_to_a_witness_that_only_remembers() -> None:
    examples = examples_where_only_tokens_tell(30)

    def remembers(example: Example, learned_from: ExampleSet) -> dict[str, float] | None:
        return (
            sure_of(example.label, 1.0)
            if any(example is e for e in learned_from.examples)
            else None
        )

    scored = cross_fitted(examples, {"remembers": remembers}, folds=5)
    assert scored == [{}] * 30  # never asked about an example it learned
    assert (
        learn_combiner(examples, {"remembers": remembers}, CATEGORIES, CombinationConfig()) is None
    )


def test_the_pipeline_learns_to_trust_bayes_from_the_builtin_witnesses(app: App) -> None:
    pipeline = app.pipeline()
    learned = pipeline.classifying.combiner(examples_where_only_tokens_tell(45))
    assert learned is not None and learned.witnesses == ["bayes", "examples"]
    result = combine(invoice_votes(), {"bayes": 0.0}, CATEGORIES, learned)
    assert result is not None and result.category == "work"

    too_few = pipeline.classifying.combiner(examples_where_only_tokens_tell(29))
    assert too_few is None  # below [combination] min_examples: the hand weights decide
    off = CombinationConfig(learned=False)
    assert learn_combiner(examples_where_only_tokens_tell(45), {}, CATEGORIES, off) is None


def test_the_starter_set_alone_does_not_learn_the_combination(app: App) -> None:
    """Written to be clear, the starter examples make every witness look its best: until the
    user has min_examples of their own, the hand weights decide."""
    classifying = app.pipeline().classifying
    starter = examples_where_only_tokens_tell(150, source="starter")
    assert classifying.combiner(starter) is None
    own = examples_where_only_tokens_tell(30)
    mixed = ExampleSet.of([*starter.examples, *own.examples])
    learned = classifying.combiner(mixed)
    # Learned once 30 are yours, and fitted on yours alone.
    assert learned is not None and learned.examples == 30
    assert classifying.combiner(ExampleSet.of([*starter.examples, *own.examples[:29]])) is None


def mail(subject: str, body: str) -> Message:
    message = EmailMessage()
    message["From"] = "Sender <sender@example.org>"
    message["To"] = "Alex Morgan <alex@example.com>"
    message["Subject"] = subject
    message.set_content(body)
    return parse(RawMessage(bytes(message), Origin("local", "test")))


def test_a_verdict_sure_without_the_model_is_final(app: App) -> None:
    """Token statistics sure of spam settle it; a message they cannot tell goes to the model."""
    words = {
        "spam": "cheap pills casino bonus winner jackpot",
        "work": "budget review quarterly roadmap hiring deadline",
        "personal": "grandma birthday dinner picnic cousins holiday",
    }
    settle = CombinationConfig(settle_at=0.9)
    config = app.config.model_copy(update={"combination": settle})
    pipeline = Pipeline(config, app.pm, app.db, app.models)
    model = pipeline.models.handle("classify")
    examples = ExampleSet.of(
        make_example(mail(f"{words[label]} {n}", f"{words[label]} note {n}"), label, model)
        for n in range(12)
        for label in CATEGORIES
    )
    assert pipeline.classifying.combiner(examples) is not None

    sure = mail("casino jackpot winner", "cheap pills, casino bonus: claim your jackpot")
    calls, settled = pipeline.classifying.classify(sure, examples)
    assert settled is not None and settled.category == "spam" and settled.settled
    assert settled.confidence >= 0.9
    assert "examples" not in {call.plugin for call in calls}  # the model was not asked

    unsure = mail("hello", "see you soon")
    calls, verdict = pipeline.classifying.classify(unsure, examples)
    assert verdict is not None and not verdict.settled
    assert "examples" in {call.plugin for call in calls}

    never = app.config.model_copy(update={"combination": CombinationConfig(settle_at=1.0)})
    calls, asked = Pipeline(never, app.pm, app.db, app.models).classifying.classify(sure, examples)
    assert asked is not None and asked.category == "spam" and not asked.settled
    assert "examples" in {call.plugin for call in calls}
