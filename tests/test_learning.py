"""Learning from labelled folders and corrections, the learning classifiers, and bench."""

from __future__ import annotations

import json
import logging
import shutil
import types
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import func, select

import agent.bench
from agent import hookimpl
from agent.app import App
from agent.bench import by_confidence, scores
from agent.cli.output import STARTER, progress_bar, stage
from agent.config import load_config
from agent.examples import EMBED_FEATURES, Example, ExampleSet, header_marks, tokens
from agent.learning import LearnError, labelled_files, starter_files
from agent.message import Message, Origin, RawMessage
from agent.parse import parse
from agent.results import Vote
from agent.sources.local import sample_mailbox
from agent.splits import stratified_folds
from models.runtime import ModelPool
from plugins import bayes, examples, headers
from storage import queries
from storage.tables import Event, ExampleRow
from tests.conftest import MODEL_PLUGINS_OFF

LABELLED = {
    "newsletter": ["01", "02"],
    "personal": ["03", "12"],
    "work": ["05", "13"],
    "spam": ["09"],
    "phishing": ["10"],
    "mailing-list": ["11"],
}


def sample_path(prefix: str) -> Path:
    return next(sample_mailbox().glob(f"{prefix}-*.eml"))


def sample(prefix: str) -> Message:
    return parse(RawMessage(sample_path(prefix).read_bytes(), Origin("t", "t")))


@pytest.fixture
def labelled(tmp_path: Path) -> Path:
    """A labelled folder made of sample messages: <category>/*.eml."""
    root = tmp_path / "labelled"
    for category, prefixes in LABELLED.items():
        (root / category).mkdir(parents=True)
        for prefix in prefixes:
            shutil.copy(sample_path(prefix), root / category)
    return root


def test_an_unknown_category_folder_is_a_clear_error(labelled: Path, run_cli: object) -> None:
    (labelled / "receipts").mkdir()
    with pytest.raises(LearnError, match="receipts"):
        labelled_files(labelled, LABELLED)
    result = run_cli("learn", str(labelled))  # type: ignore[operator]
    assert result.exit_code != 0
    assert "receipts" in result.output and "not configured categories" in result.output


def fake_examples(*items: tuple[str, str]) -> ExampleSet:
    """Examples whose vectors are simple one-hot directions, labelled, with tokens."""
    made = []
    for index, (label, text) in enumerate(items):
        vector = np.zeros(8, dtype=np.float32)
        vector[index % 8] = 1.0
        made.append(Example(label=label, vector=vector, tokens=tuple(text.split())))
    return ExampleSet.of(made)


CATEGORIES = {name: None for name in ("spam", "work", "personal")}


def test_bayes_votes_for_the_category_whose_tokens_match() -> None:
    message = sample("09")  # "lose weight" spam
    found = tokens(message)
    spammy = " ".join(found[:40])
    known = fake_examples(("spam", spammy), ("work", "meeting agenda budget quarterly"))
    vote = bayes.classify(message=message, categories=CATEGORIES, examples=known, settings={})
    assert vote is not None and vote.category == "spam"
    assert set(vote.scores) == {"spam", "work"}
    assert vote.evidence[1].startswith("telling tokens:")


def test_learning_classifiers_abstain_without_examples() -> None:
    message = sample("09")
    empty = ExampleSet()
    assert (
        bayes.classify(message=message, categories=CATEGORIES, examples=empty, settings={}) is None
    )
    vote = examples.classify(
        message=message, model=None, categories=CATEGORIES, examples=empty, settings={}
    )  # type: ignore[arg-type]
    assert vote is None


def test_softmax_regression_separates_clusters() -> None:
    rng = np.random.default_rng(0)
    a = rng.normal(0, 0.1, (20, 4)) + np.array([1, 0, 0, 0])
    b = rng.normal(0, 0.1, (20, 4)) + np.array([0, 1, 0, 0])
    regression = examples.SoftmaxRegression(["a"] * 20 + ["b"] * 20, np.vstack([a, b]))
    assert regression.probabilities(np.array([1.0, 0, 0, 0]))["a"] > 0.9
    assert regression.probabilities(np.array([0, 1.0, 0, 0]))["b"] > 0.9


def _penalised_loss(
    regression: examples.SoftmaxRegression, labels: list[str], vectors: np.ndarray, l2: float
) -> float:
    scores = ((vectors - regression.mean) / regression.scale) @ regression.weights
    scores += regression.bias
    scores -= scores.max(axis=1, keepdims=True)
    log_p = scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))
    truth = [regression.classes.index(label) for label in labels]
    fit = -log_p[np.arange(len(labels)), truth].mean()
    return float(fit + 0.5 * l2 * (regression.weights**2).sum())


@pytest.mark.parametrize("l2", [1e-3, 1e-2, 1.0])
def test_softmax_regression_converges_on_wide_vectors(
    l2: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As wide as an embedding, fewer examples than dimensions: near the optimum anyway."""
    rng = np.random.default_rng(1)
    centres = rng.normal(0, 1, (3, 1024))
    labels = [label for label in "abc" for _ in range(20)]
    vectors = np.vstack([centres["abc".index(x)] + rng.normal(0, 2, 1024) for x in labels])
    fitted = examples.SoftmaxRegression(labels, vectors, l2)
    monkeypatch.setattr(examples.SoftmaxRegression, "ITERATIONS", 2000)
    reference = examples.SoftmaxRegression(labels, vectors, l2)
    loss = _penalised_loss(fitted, labels, vectors, l2)
    assert loss <= _penalised_loss(reference, labels, vectors, l2) + 1e-3


def test_the_embedding_regression_holds_back_until_the_user_has_examples_of_their_own() -> None:
    """On the starter set alone the regression is strongly penalised, so a message between
    the written examples gets a modest vote; the user's own examples restore the close fit."""
    rng = np.random.default_rng(2)
    centres = {"spam": rng.normal(0, 1, 64), "work": rng.normal(0, 1, 64)}
    labels = [label for label in centres for _ in range(20)]
    vectors = [centres[label] + rng.normal(0, 0.5, 64) for label in labels]
    between = 0.6 * centres["spam"] + 0.4 * centres["work"]
    probe = Example("spam", between, ())
    categories = {"spam": None, "work": None}

    def confidence(source: str, settings: dict[str, float]) -> float:
        known = ExampleSet.of(
            Example(label, vector, (), source)
            for label, vector in zip(labels, vectors, strict=True)
        )
        scores = examples.score_example(
            example=probe, examples=known, categories=categories, settings=settings
        )
        return max(scores.values())

    starter, own = confidence("starter", {}), confidence("learned", {})
    assert 0.5 < starter < 0.65 and own > 0.8
    # fewer of their own than own_examples: still the new install's penalty
    assert confidence("learned", {"own_examples": 41}) == starter
    assert confidence("starter", {"new_install_l2": 0.01}) == own
    # a cross-fitting fold is fitted as the whole set it comes from: the learned combination
    # learns from votes like those it will combine
    whole = ExampleSet.of(
        Example(label, vector, (), "learned") for label, vector in zip(labels, vectors, strict=True)
    )
    fold = whole.without(range(0, 40, 4))
    assert (len(fold), fold.own, whole.own) == (30, 40, 40)
    assert examples.penalty(fold, {"own_examples": 35}) == 0.01


def test_headers_vote_on_list_headers_and_reply_chains() -> None:
    categories = {name: None for name in LABELLED}
    untaught = {"categories": categories, "examples": ExampleSet(), "settings": {}}
    listed = headers.classify(message=sample("11"), **untaught)
    assert listed is not None and listed.category == "mailing-list"
    reply = headers.classify(message=sample("08"), **untaught)
    assert reply is not None and reply.category in {"work", "personal"}
    assert reply.scores["work"] == reply.scores["personal"] > reply.scores["spam"]
    assert headers.classify(message=sample("03"), **untaught) is None


def test_examples_with_the_same_headers_correct_the_header_rule() -> None:
    """Spam that arrives through a list: the user's examples outweigh the list rule."""
    categories = {name: None for name in LABELLED}
    listed = sample("11")
    marks = " ".join(header_marks(listed))
    taught = fake_examples(*[("spam", marks)] * 5, ("mailing-list", marks))
    asked = {"message": listed, "categories": categories, "examples": taught}
    vote = headers.classify(**asked, settings={})
    assert vote is not None and vote.category == "spam"
    assert vote.scores["spam"] > vote.scores["mailing-list"] > vote.scores["work"]
    assert "6 of your examples with these headers: spam 83%" in " ".join(vote.evidence)
    settings = {"calibrate_after": 7}  # more than the examples that share the marks
    vote = headers.classify(**asked, settings=settings)
    assert vote is not None and vote.category == "mailing-list"


def test_stratified_folds_spread_each_label_whatever_the_seed() -> None:
    labels = ["a"] * 10 + ["b"] * 5
    splits = [stratified_folds(labels, 5, seed) for seed in (0, 1)]
    assert splits[0] != splits[1]  # bench --seed shows another split
    for folds in splits:
        for fold in range(5):
            in_fold = [label for label, f in zip(labels, folds, strict=True) if f == fold]
            assert in_fold.count("a") == 2 and in_fold.count("b") == 1


def test_scores_on_known_predictions() -> None:
    truth = ["spam", "spam", "work", "personal"]
    predicted = ["spam", "phishing", "personal", "personal"]
    result = scores(truth, predicted, ["spam", "phishing", "work", "personal"])
    assert result["accuracy"] == 0.5
    assert result["junk_accuracy"] == 1.0
    assert result["per_label"]["personal"] == {
        "precision": 0.5,
        "recall": 1.0,
        "f1": 0.6667,
        "support": 1,
    }
    assert result["confusion"]["work"]["personal"] == 1
    # macro-F1 over the labels present: spam 0.6667, work 0, personal 0.6667
    assert result["macro_f1"] == pytest.approx((2 / 3 + 0 + 2 / 3) / 3, abs=1e-3)


def test_by_confidence_counts_the_verdicts_a_rule_would_act_on() -> None:
    truth = ["spam", "work", "work", "personal"]
    predicted = ["spam", "personal", "work", None]
    rows = by_confidence(truth, predicted, [0.95, 0.6, 0.85, 0.0])
    assert [(r["min_confidence"], r["share"], r["accuracy"]) for r in rows] == [
        (0.5, 0.75, 0.6667),
        (0.7, 0.5, 1.0),
        (0.8, 0.5, 1.0),
        (0.9, 0.25, 1.0),
    ]


def test_by_confidence_counts_legitimate_mail_called_junk() -> None:
    truth = ["work", "personal", "newsletter", "spam"]
    predicted = ["spam", "phishing", "newsletter", "work"]
    rows = by_confidence(truth, predicted, [0.95, 0.75, 0.99, 0.99])
    assert [r["legit_as_junk"] for r in rows] == [2, 2, 1, 1]


@pytest.fixture
def subject_says(app: App) -> Iterator[None]:
    """A classifier that believes the first word of the subject, when it is a category."""

    @hookimpl
    def classify(message: Message, categories: dict[str, object]) -> Vote | None:
        word = message.subject.split()[0].lower() if message.subject else ""
        return Vote(category=word, confidence=0.9) if word in categories else None

    plugin = types.ModuleType("subject_says")
    plugin.classify = classify  # type: ignore[attr-defined]
    app.pm.register(plugin, name="subject-says")
    yield
    app.pm.unregister(plugin)


@pytest.mark.model
def test_bench_on_a_tiny_folder_with_known_results(
    tmp_path: Path, run_cli: object, subject_says: None
) -> None:
    root = tmp_path / "tiny"
    subjects = {"spam": ["spam a", "spam b"], "work": ["work c", "spam d"], "personal": ["hi e"]}
    for label, lines in subjects.items():
        (root / label).mkdir(parents=True)
        for index, subject in enumerate(lines):
            text = f"From: a@example.org\nSubject: {subject}\n\nBody {index} of {label}.\n"
            (root / label / f"{index}.eml").write_text(text)
    result = run_cli(  # type: ignore[operator]
        "bench", str(root), "--train", str(root), "--classifiers", "subject-says", "--json"
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    # spam a, spam b right; work c right; "spam d" (work) wrong; "hi e" gets no vote.
    assert figures["accuracy"] == 0.6
    assert figures["junk_accuracy"] == 0.6
    assert figures["confusion"]["work"]["spam"] == 1
    assert figures["confusion"]["personal"]["none"] == 1
    assert figures["per_label"]["spam"]["precision"] == pytest.approx(0.6667)
    assert figures["classifiers"]["subject-says"]["voted"] == 0.8
    # every vote is 0.9 sure; the message with no vote counts as confidence 0
    assert {(row["share"], row["accuracy"]) for row in figures["by_confidence"]} == {(0.8, 0.75)}
    assert set(figures["latency_ms"]) == {"p50", "p95"}
    assert figures["messages_per_second"] > 0 and figures["peak_rss_mb"] > 0


def test_bench_by_source_on_a_tiny_folder(
    tmp_path: Path, run_cli: object, subject_says: None
) -> None:
    root = tmp_path / "tiny"
    # work: three from one origin, one (tested) from another; spam: one origin, by date.
    mail = {
        "work": [("work a", 1), ("work b", 2), ("work c", 3), ("spam d", 4)],
        "spam": [("spam e", 1), ("spam f", 2), ("work g", 3)],
    }
    manifest = []
    for label, lines in mail.items():
        (root / label).mkdir(parents=True)
        for index, (subject, day) in enumerate(lines):
            text = (
                f"From: a@example.org\nSubject: {subject}\n"
                f"Date: Mon, {day} Mar 2003 10:00:00 +0000\n\nBody {index} of {label}.\n"
            )
            (root / label / f"{index}.eml").write_text(text)
            if label == "work":
                manifest.append(f"work/{index}.eml\tenron/{'4' if index == 3 else '1'}/{index}.txt")
    (root / "MANIFEST.txt").write_text("\n".join(manifest) + "\n")

    result = run_cli(  # type: ignore[operator]
        "bench", str(root), "--split", "by-source", "--classifiers", "subject-says", "--json"
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["mode"] == "by-source" and figures["messages"] == 2
    assert figures["split"]["train"] == 5
    assert figures["split"]["per_label"]["work"] == {
        "by": "origin",
        "train": ["enron/1"],
        "test": ["enron/4"],
    }
    assert figures["split"]["per_label"]["spam"] == {"by": "date", "train": 2, "test": 1}
    # Tested: "spam d" (work, from origin 4) and "work g" (the latest spam): both wrong.
    assert figures["confusion"]["work"]["spam"] == 1
    assert figures["confusion"]["spam"]["work"] == 1

    validation = json.loads(
        run_cli(  # type: ignore[operator]
            "bench", str(root), "--split", "validation", "--classifiers", "subject-says", "--json"
        ).output
    )
    # work's training side (origin 1) by date: "work c" validates; spam: "spam f".
    assert validation["mode"] == "validation" and validation["accuracy"] == 1.0
    assert validation["messages"] == 2 and validation["split"]["train"] == 3

    refused = run_cli("bench", str(root), "--train", str(root), "--split", "by-source")  # type: ignore[operator]
    assert refused.exit_code != 0 and "exclude each other" in refused.output


@pytest.mark.model
def test_bench_starter_split_learns_the_starter_set_and_tests_the_whole_folder(
    app: App,
    tmp_path: Path,
    run_cli: object,
    subject_says: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    starter, root = tmp_path / "starter", tmp_path / "tiny"
    for folder, mail in ((starter, ["spam x", "spam y", "work z"]), (root, ["work a", "spam b"])):
        for index, subject in enumerate(mail):
            label = subject.split()[0]
            (folder / label).mkdir(parents=True, exist_ok=True)
            (folder / label / f"{index}.eml").write_text(
                f"From: a@example.org\nSubject: {subject}\n\nBody {index}.\n"
            )
    monkeypatch.setattr(agent.bench, "STARTER", starter)
    sources: set[str] = set()

    @hookimpl
    def classify(examples: ExampleSet) -> None:
        sources.update(example.source for example in examples.examples)

    recorder = types.ModuleType("recorder")
    recorder.classify = classify  # type: ignore[attr-defined]
    app.pm.register(recorder, name="recorder")
    only = "subject-says,recorder"
    result = run_cli(  # type: ignore[operator]
        "bench", str(root), "--split", "starter", "--classifiers", only, "--json"
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["mode"] == "starter" and figures["messages"] == 2
    assert figures["split"]["train"] == 3
    assert figures["split"]["per_label"]["spam"] == {"by": "starter", "train": 2, "test": 1}
    assert figures["split"]["per_label"]["personal"] == {"by": "starter", "train": 0, "test": 0}
    assert figures["accuracy"] == 1.0
    # Learned as a new install learns them: as starter examples, not as the user's own.
    assert sources == {"starter"}
    sources.clear()
    trained = run_cli(  # type: ignore[operator]
        "bench", str(root), "--train", str(starter), "--classifiers", only, "--json"
    )
    assert trained.exit_code == 0, trained.output
    assert sources == {"learned"}
    app.pm.unregister(recorder)


@pytest.mark.model
def test_learn_then_a_correction_changes_the_next_verdict(
    app: App, labelled: Path, run_cli: object, tmp_path: Path
) -> None:
    invoke = run_cli
    learned = invoke("learn", str(labelled))  # type: ignore[operator]
    assert learned.exit_code == 0, learned.output
    assert "newsletter" in learned.output

    photo = sample_path("16").read_bytes()
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.eml").write_bytes(photo)
    first = json.loads(invoke("process", str(inbox), "--json").output)  # type: ignore[operator]
    before = first[0]["category"]
    corrected = "newsletter" if before != "newsletter" else "work"
    relabel = invoke("messages", "relabel", str(first[0]["id"]), corrected)  # type: ignore[operator]
    assert relabel.exit_code == 0, relabel.output

    # The same sender writes again, much the same: the correction decides it.
    again = photo.replace(b"Sunset from the pier", b"Another sunset from the pier").replace(
        b"nora.photo.20261121181240.3391", b"nora.photo.20261128181240.4410"
    )
    (inbox / "b.eml").write_bytes(again)
    second = json.loads(invoke("process", str(inbox), "--json").output)  # type: ignore[operator]
    new = next(row for row in second if row["status"] == "processed")
    assert new["category"] == corrected

    shown = json.loads(invoke("messages", "show", str(first[0]["id"]), "--json").output)  # type: ignore[operator]
    assert shown["category"] == corrected and shown["confidence"] == 1.0
    # the verdict is stored once, on the message: the votes' record holds no second category
    evidence = next(r for r in shown["results"] if r["task"] == "combined")["output"]
    assert "category" not in evidence["classification"] and evidence["classification"]["votes"]


def test_relabel_to_an_unknown_category_is_refused(run_cli: object) -> None:
    result = run_cli("messages", "relabel", "1", "receipts")  # type: ignore[operator]
    assert result.exit_code != 0 and "not a category" in result.output


def test_starter_files_cover_the_configured_default_categories() -> None:
    files = starter_files(["spam", "work", "receipts"])
    assert {label for label, _ in files} == {"spam", "work"}
    assert all(path.parent.name == label for label, path in files)


STARTER_PER_CATEGORY = 25
"""At least this many starter examples of each default category (agent/starter)."""


def test_the_starter_set_covers_every_default_category_evenly_with_clean_messages() -> None:
    categories = list(load_config()[0].categories)
    files = starter_files(categories)
    counts = Counter(label for label, _ in files)
    assert set(counts) == set(categories)
    assert min(counts.values()) >= STARTER_PER_CATEGORY
    # balanced: no label's share of the examples (the regression's prior) dominates, but
    # work's, which leans a new install to work on purpose (docs/sorting.md: 40 work
    # examples against 25, then 41 with a legitimate overdue reminder, measured unchanged
    # on validation, dev and the by-source test side)
    others = [count for label, count in counts.items() if label != "work"]
    assert max(others) <= 1.25 * min(others)
    assert min(others) < counts["work"] <= 1.7 * min(others)
    digests = set()
    for _, path in files:
        data = path.read_bytes()
        message = parse(RawMessage(data, Origin("t", "t")))
        assert message.subject and (message.new_text or message.quoted_text), path
        assert message.sender and message.date and message.message_id, path
        assert not message.defects, (path, message.defects)
        digests.add(message.sha256)
    assert len(digests) == len(files), "two starter files are the same message"


@pytest.mark.model
def test_a_new_install_sorts_with_the_starter_examples_learned_once(
    tmp_path: Path, model_pool: ModelPool
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[storage]\nurl = "sqlite:///{tmp_path / "db"}"\n{MODEL_PLUGINS_OFF}')
    app = App(config, pool=model_pool)
    bundled = Counter(label for label, _ in starter_files(app.config.categories))
    total = sum(bundled.values())
    pipeline = app.pipeline()
    named = {"09": "spam", "10": "phishing", "11": "mailing-list", "05": "work"}
    verdicts: dict[str, str] = {}
    consulted: dict[str, bool] = {}
    for prefix in named:
        outcome = pipeline.process(RawMessage(sample_path(prefix).read_bytes(), Origin("t", "t")))
        assert outcome.classification is not None
        verdicts[prefix] = outcome.classification.category
        # the model is asked unless the model-free classifiers already settled it
        consulted[prefix] = "examples" in outcome.classification.votes
        assert consulted[prefix] != outcome.classification.settled
    with app.db.session() as session:
        rows = session.scalars(select(ExampleRow)).all()
    assert len(rows) == total and {row.source for row in rows} == {"starter"}
    assert Counter(row.label for row in rows) == bundled
    # the starter examples, written for the project, sort the bundled sample's plain cases
    assert verdicts == named and any(consulted.values())
    # every embedding the examples classifier asked for is in the audit log
    digest = pipeline.models.handle("classify").sha256
    with app.db.session() as session:
        calls = session.scalars(select(Event).where(Event.kind == "model_call")).all()
        embedded = {e.message_id for e in calls if e.detail["plugin"] == "examples"}
        embeds = [e.detail for e in calls if e.detail["plugin"] == "examples"]
    assert len(embedded) == sum(consulted.values())
    assert all(d["call"] == "embed" and d["sha256"] == digest for d in embeds)
    assert all(d["tokens_in"] > 0 and d["model"] == "gemma3-270m" for d in embeds)

    # a second start on the same database learns nothing again
    again = app.pipeline()
    assert again.classifying.examples.learn_starter() == 0
    assert len(again.classifying.examples.current()) == total

    # an interrupted first start finishes the set (embeddings come from the handle's cache)
    with app.db.session() as session:
        for row in rows[:25]:
            session.delete(session.get(ExampleRow, row.id))
    assert pipeline.classifying.examples.learn_starter() == 25
    with app.db.session() as session:
        assert session.scalar(select(func.count()).select_from(ExampleRow)) == total

    # an upgrade relearns what changed: a file relabelled, one no longer bundled
    with app.db.session() as session:
        first, second = session.scalars(select(ExampleRow).order_by(ExampleRow.id).limit(2))
        relabelled, dropped = first.sha256, second.sha256
        first.label = "personal" if first.label != "personal" else "work"
        second.sha256 = "0" * 64  # stands for a starter file an earlier version bundled
    assert pipeline.classifying.examples.learn_starter() == 2
    with app.db.session() as session:
        stored = queries.starter_labels(
            session, pipeline.models.handle("classify").sha256, EMBED_FEATURES
        )
    assert "0" * 64 not in stored and dropped in stored and len(stored) == total
    assert Counter(stored.values()) == bundled and relabelled in stored

    # a user's own example stops the starter set from changing
    with app.db.session() as session:
        session.get_one(ExampleRow, rows[-1].id).source = "learned"
        session.get_one(ExampleRow, rows[-2].id).sha256 = "1" * 64
    assert pipeline.classifying.examples.learn_starter() == 0

    # and a user who wants none of them turns them off: only their own example is left
    app.config.learning.starter_examples = False
    left = app.pipeline().classifying.examples.current()
    assert [example.source for example in left.examples] == ["learned"]
    app.close()


def test_examples_of_an_earlier_version_or_another_model_are_named_in_a_warning(
    app: App, caplog: pytest.LogCaptureFixture
) -> None:
    """An upgrade that changes how messages are embedded, or a switch of the classify model,
    must not drop the examples learned from folders silently."""
    pipeline = app.pipeline()
    digest = app.registry.spec_for_task("classify").sha256
    kept = [
        ("0", "email+question-v1", digest),  # an earlier way of embedding
        ("1", EMBED_FEATURES, digest),  # in use
        ("2", EMBED_FEATURES, "f" * 64),  # another model file only
        ("1", EMBED_FEATURES, "f" * 64),  # another model file, and this one too
    ]
    with app.db.session() as session:
        for name, features, model_sha256 in kept:
            queries.save_example(
                session, sha256=name * 64, message_id=None, label="work", source="learned",
                subject="s", sender="a@example.org", tokens=[], embedding=b"\0" * 8,
                dimensions=2, model_name="gemma3-270m", model_sha256=model_sha256,
                features=features,
            )  # fmt: skip
    with caplog.at_level(logging.WARNING, logger="agent.pipeline"):
        examples = pipeline.classifying.examples.current()
    assert len(examples) == 1
    assert "2 of your examples were learned by an earlier mailagent or for another" in caplog.text
    assert "not used with gemma3-270m; run 'mailagent learn DIR' again" in caplog.text


def test_corrections_are_embedded_again_after_an_upgrade_or_a_model_switch(
    app: App, run_cli: object, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A correction keeps its message, so a new way of embedding or model does not lose it."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.eml").write_bytes(sample_path("16").read_bytes())
    processed = json.loads(run_cli("process", str(inbox), "--json").output)  # type: ignore[operator]
    relabel = run_cli("messages", "relabel", str(processed[0]["id"]), "newsletter")  # type: ignore[operator]
    assert relabel.exit_code == 0, relabel.output
    with app.db.session() as session:
        row = session.scalars(select(ExampleRow).where(ExampleRow.source == "corrected")).one()
        fresh, row_id = row.embedding, row.id
        row.features, row.embedding = "email+question-v1", b"\0" * len(fresh)  # an earlier way
    store = app.pipeline().classifying.examples
    assert "corrected" not in [example.source for example in store.current().examples]

    with caplog.at_level(logging.INFO, logger="agent.pipeline"):
        store.learn_starter()
    with app.db.session() as session:
        row = session.get_one(ExampleRow, row_id)
        assert (row.features, row.label, row.message_id) == (
            EMBED_FEATURES,
            "newsletter",
            processed[0]["id"],
        )
        assert np.allclose(
            np.frombuffer(row.embedding, np.float32), np.frombuffer(fresh, np.float32), atol=1e-5
        )
    assert "embedding 1 of your corrections again" in caplog.text
    assert "corrected" in [example.source for example in store.current().examples]
    assert store.embed_corrections_again() == 0

    # a correction made while another classify model was configured is embedded for this one
    with app.db.session() as session:
        session.get_one(ExampleRow, row_id).model_sha256 = "f" * 64  # the other model's
    assert store.embed_corrections_again() == 1
    with app.db.session() as session:
        rows = session.scalars(select(ExampleRow).where(ExampleRow.source == "corrected")).all()
    assert sorted(row.model_sha256 == "f" * 64 for row in rows) == [False, True]
    assert {row.label for row in rows} == {"newsletter"}


def test_a_first_run_without_a_progress_bar_says_what_it_waits_for(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with progress_bar(disable=True) as progress:  # as under --json, or piped
        step = stage(progress, STARTER)(150)
        step()
    assert capsys.readouterr().err == "learning 150 starter examples (once) ...\n"


def test_the_nearest_examples_are_compared_around_their_mean() -> None:
    """Raw embeddings share a large common part; the evidence's similarities must not all
    read 1.00 (they read 3.99 for every neighbour before)."""
    common = np.full(8, 5.0, dtype=np.float32)
    rows = [("work", [1, 0]), ("work", [0.9, 0.1]), ("personal", [0, 1]), ("spam", [-1, -1])]
    stored = ExampleSet.of(
        Example(label, common + np.pad(np.asarray(v, dtype=np.float32), (0, 6)), ("t",))
        for label, v in rows
    )
    probe = common + np.pad(np.asarray([1.0, 0.05], dtype=np.float32), (0, 6))
    found = examples.nearest(stored, probe, count=4)
    assert [label for label, _ in found] == ["work", "work", "personal", "spam"]
    assert found[0][1] > 0.9 and found[-1][1] < 0 and all(-1 <= s <= 1.0001 for _, s in found)
