"""Every hook has a test named ``test_hook_<name>``, and the example external plugin works.

``examples/mailagent-tracking`` is installed next to mailagent (``.ci/run`` does it) and
loaded through the entry-point group like any third-party plugin.
"""

from __future__ import annotations

import inspect
import re
import types
from collections.abc import Generator, Iterator
from pathlib import Path

import click
import numpy as np
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from agent import hookimpl, hookspecs
from agent.app import App
from agent.cli import cli
from agent.examples import Example, ExampleSet
from agent.message import Message, Origin, RawMessage
from agent.parse import parse
from agent.results import Classification, DraftReply, Extraction, Vote
from storage.tables import Event, MessageRow
from tests.conftest import NO_MODEL_PLUGINS

TESTS = Path(__file__).resolve().parent
HOOKS = [
    name
    for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
    if hasattr(function, "mailagent_spec")
]

ORDER = (
    b"From: Shop <orders@shop.example>\nTo: alex@example.com\nSubject: Your order has shipped\n"
    b"Message-ID: <order-1@shop.example>\nDate: Wed, 25 Nov 2026 10:00:00 +0000\n\n"
    b"Your parcel is on its way: tracking number 1Z999AA10123456784.\n"
)


@pytest.mark.parametrize("name", HOOKS)
def test_every_hook_has_a_test(name: str) -> None:
    source = "\n".join(path.read_text() for path in TESTS.glob("test_*.py"))
    assert re.search(rf"^def test_hook_{name}\(", source, re.M), f"no test_hook_{name}"


@pytest.fixture
def no_model_app(tmp_path: Path) -> Iterator[App]:
    """An App whose plugins need no model, with the example plugin's 'receipts' category."""
    config = tmp_path / "config.toml"
    config.write_text(
        f'[storage]\nurl = "sqlite:///{tmp_path / "db"}"\n'
        f"{NO_MODEL_PLUGINS}"
        '[categories.receipts]\ndescription = "Order confirmations and receipts."\n'
    )
    app = App(config)
    yield app
    app.close()


def order() -> Message:
    return parse(RawMessage(ORDER, Origin("t", "t")))


def test_hook_register_models(no_model_app: App) -> None:
    registered: list[str] = []
    no_model_app.pm.hook.register_models(register=lambda spec: registered.append(spec.name))
    assert {"gemma3-270m", "smollm2-135m"} <= set(registered)


def test_hook_register_commands(no_model_app: App) -> None:
    @hookimpl
    def register_commands(cli: click.Group) -> None:
        @cli.command()
        def hello() -> None:
            click.echo("hello from a plugin")

    plugin = types.ModuleType("hello_plugin")
    plugin.register_commands = register_commands  # type: ignore[attr-defined]
    no_model_app.pm.register(plugin, name="hello")
    group = click.Group(commands=dict(cli.commands))
    try:
        no_model_app.pm.hook.register_commands(cli=group)
    finally:
        no_model_app.pm.unregister(plugin)
    result = CliRunner().invoke(group, ["hello"])
    assert result.output == "hello from a plugin\n"


def test_hook_classify(no_model_app: App) -> None:
    """The installed example plugin votes for the category it adds to the config."""
    names = {row.plugin_name for row in no_model_app.pm.hook.classify.get_hookimpls()}
    assert "tracking" in names
    calls, classification = no_model_app.pipeline().classifying.classify(order())
    vote = next(call.output for call in calls if call.plugin == "tracking")
    assert vote is not None and vote.category == "receipts"
    assert classification is not None and classification.category == "receipts"


def test_hook_score_example(no_model_app: App) -> None:
    """A plugin's answers on the examples let the learned combination weigh its votes."""

    @hookimpl
    def score_example(example: Example, categories: dict[str, object]) -> dict[str, float]:
        spam = any(token == "s:winner" for token in example.tokens)
        return {"spam": 0.95, "work": 0.05} if spam else {"spam": 0.05, "work": 0.95}

    plugin = types.ModuleType("says_winner")
    plugin.score_example = score_example  # type: ignore[attr-defined]
    no_model_app.pm.register(plugin, name="says-winner")
    examples = ExampleSet.of(
        Example(
            label=label,
            vector=np.zeros(4, dtype=np.float32),
            tokens=("s:winner" if label == "spam" else "s:meeting", f"w{n % 7}"),
        )
        for n, label in enumerate(["spam", "work"] * 20)
    )
    try:
        learned = no_model_app.pipeline().classifying.combiner(examples)
    finally:
        no_model_app.pm.unregister(plugin)
    assert learned is not None and "says-winner" in learned.witnesses
    assert "bayes" in learned.witnesses  # the builtin witness that needs no model


def test_hook_extract(no_model_app: App) -> None:
    """The example plugin's extractor field is merged with the builtin fields."""
    _, extraction = no_model_app.pipeline().extract(order())
    assert [f.value for f in extraction.fields["tracking_numbers"]] == ["1Z999AA10123456784"]
    assert extraction.people  # the builtin extractor still ran
    merged = extraction.merged(extraction)
    assert len(merged.fields["tracking_numbers"]) == 1


def test_hook_draft_reply(no_model_app: App) -> None:
    threads: list[int] = []

    @hookimpl
    def draft_reply(message: Message, thread: list[Message], voice: object) -> DraftReply:
        threads.append(len(thread))
        return DraftReply(body=f"Thanks for {message.subject!r}, I will look out for the parcel.")

    @hookimpl(tryfirst=True)
    def declines(message: Message) -> None:
        return None

    plugin = types.ModuleType("drafter")
    plugin.draft_reply = draft_reply  # type: ignore[attr-defined]
    shy = types.ModuleType("shy")
    shy.draft_reply = declines  # type: ignore[attr-defined]
    no_model_app.pm.register(plugin, name="drafter")
    no_model_app.pm.register(shy, name="shy")
    try:
        drafted = no_model_app.pipeline().drafting.draft(
            order(), Classification(category="personal", confidence=1.0), Extraction()
        )
    finally:
        no_model_app.pm.unregister(plugin)
        no_model_app.pm.unregister(shy)
    assert drafted.reply is not None
    assert drafted.reply.body == (
        "Thanks for 'Your order has shipped', I will look out for the parcel.\n\nSpeak soon,"
    )
    assert threads == [0]
    # the plugin that declined was asked first and left no record
    assert [call.plugin for call in drafted.calls] == ["drafter"]


@pytest.mark.parametrize(
    ("category", "opening"),
    [("personal", "Great to hear from you!"), ("work", "Thanks for your message.")],
)
def test_the_written_drafts_open_by_the_mails_category(
    no_model_app: App, category: str, opening: str
) -> None:
    """The template plugin reads the classification: a friend's informal mail opens warmly,
    the same words from a colleague with the stock thanks."""
    friend = parse(
        RawMessage(
            b"From: Sal Moran <sal@example.com>\r\nTo: Alex <alex@example.com>\r\n"
            b"Subject: thurs\r\nMessage-ID: <sal1@example.com>\r\n\r\n"
            b"Hi Alex,\r\n\r\nClimbing thurs still on??\r\n\r\nSal\r\n",
            Origin("t", "INBOX"),
        )
    )
    drafted = no_model_app.pipeline().drafting.draft(
        friend, Classification(category=category, confidence=1.0), Extraction()
    )
    assert drafted.plugin == "draft-templates"
    assert drafted.reply is not None
    assert drafted.reply.body.split("\n\n")[1] == opening


def test_hook_message_processed(no_model_app: App) -> None:
    seen: list[tuple[str, str | None, Extraction]] = []

    @hookimpl
    def message_processed(
        message: Message, classification: Classification | None, extraction: Extraction
    ) -> None:
        seen.append((message.subject, classification and classification.category, extraction))

    plugin = types.ModuleType("listener")
    plugin.message_processed = message_processed  # type: ignore[attr-defined]
    no_model_app.pm.register(plugin, name="listener")
    try:
        outcome = no_model_app.pipeline().process(RawMessage(ORDER, Origin("t", "INBOX")))
    finally:
        no_model_app.pm.unregister(plugin)
    assert outcome.status == "processed"
    assert [(subject, category) for subject, category, _ in seen] == [
        ("Your order has shipped", "receipts")
    ]
    assert seen[0][2].fields["tracking_numbers"]


def test_a_plugin_that_misbehaves_is_its_own_recorded_error(no_model_app: App) -> None:
    """A wrong return type, an exception and a failing listener: the message is processed."""

    @hookimpl
    def classify(message: Message) -> object:
        return {"category": "spam"}

    @hookimpl
    def extract(message: Message) -> Extraction:
        raise RuntimeError("the extractor broke")

    @hookimpl
    def message_processed(message: Message) -> None:
        raise ValueError("the notifier broke")

    plugin = types.ModuleType("unruly")
    plugin.classify = classify  # type: ignore[attr-defined]
    plugin.extract = extract  # type: ignore[attr-defined]
    plugin.message_processed = message_processed  # type: ignore[attr-defined]
    no_model_app.pm.register(plugin, name="unruly")
    try:
        outcome = no_model_app.pipeline().process(RawMessage(ORDER, Origin("t", "INBOX")))
    finally:
        no_model_app.pm.unregister(plugin)
    assert outcome.status == "processed"
    assert outcome.classification is not None
    assert outcome.classification.category == "receipts"  # the other classifiers' verdict
    assert "unruly" not in outcome.classification.votes
    assert "classify/unruly: returned a dict, not a Vote or None" in outcome.errors
    assert "extract/unruly: RuntimeError: the extractor broke" in outcome.errors
    with no_model_app.db.session() as session:
        row = session.get_one(MessageRow, outcome.message.db_id)
        failed = session.scalars(select(Event).where(Event.kind == "listener_failed")).one()
        assert row.state == "processed"
        assert failed.detail["error"] == "ValueError: the notifier broke"


def test_process_names_a_plugin_error_beside_the_message(no_model_app: App, tmp_path: Path) -> None:
    @hookimpl
    def extract(message: Message) -> Extraction:
        raise RuntimeError("the extractor broke")

    plugin = types.ModuleType("unruly")
    plugin.extract = extract  # type: ignore[attr-defined]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "order.eml").write_bytes(ORDER)
    no_model_app.pm.register(plugin, name="unruly")
    try:
        config = str(no_model_app.config_path)
        result = CliRunner().invoke(
            cli, ["--config", config, "process", str(tmp_path / "in")], obj=no_model_app
        )
    finally:
        no_model_app.pm.unregister(plugin)
    assert result.exit_code == 0, result.output
    assert "processed (plugin errors)" in result.output


@pytest.mark.parametrize("veto", [False, True])
def test_a_wrapper_hookimpl_wraps_each_plugin_call(no_model_app: App, veto: bool) -> None:
    """Plugins are called through pluggy: a wrapper sees each classifier's answer on its
    own, and what it returns is the answer (here: nothing, when it vetoes)."""
    seen: list[list[Vote]] = []

    @hookimpl(wrapper=True)
    def classify(message: Message) -> Generator[None, list[Vote], list[Vote]]:
        answers = yield
        seen.append(answers)
        return [] if veto else answers

    plugin = types.ModuleType("watcher")
    plugin.classify = classify  # type: ignore[attr-defined]
    no_model_app.pm.register(plugin, name="watcher")
    try:
        pipeline = no_model_app.pipeline()
        outcome = pipeline.process(RawMessage(ORDER, Origin("t", "INBOX")))
        answering = pipeline.dispatcher.implementations("classify")
    finally:
        no_model_app.pm.unregister(plugin)
    assert outcome.status == "processed" and not outcome.errors
    assert "watcher" not in [impl.plugin_name for impl in answering]
    assert len(seen) == len(answering) and any(seen)
    if veto:
        assert outcome.classification is None
    else:
        assert outcome.classification is not None
        assert outcome.classification.category == "receipts"
        assert len(outcome.classification.votes) == sum(1 for answers in seen if answers)
