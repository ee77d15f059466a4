"""The thread classifier: a reply goes where the earlier mail of its thread went, when its
sender took part; a stranger's reply is not vouched for."""

from __future__ import annotations

import json
from email.message import EmailMessage
from pathlib import Path

import pytest

from agent.app import App
from agent.config import Category
from agent.message import Origin, RawMessage, ThreadMail
from agent.parse import parse
from plugins import thread as thread_plugin
from storage import queries

CATEGORIES = {name: Category(description=name) for name in ("work", "personal", "phishing")}


def reply(sender: str) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = "Alex Morgan <alex@example.com>"
    mail["Subject"] = "Re: Offsite venue shortlist"
    mail["Date"] = "Thu, 03 Dec 2026 14:40:00 +0000"
    mail["Message-ID"] = "<venue-2@example.com>"
    mail["In-Reply-To"] = "<venue-1@example.com>"
    mail["References"] = "<venue-1@example.com>"
    mail.set_content("Hi Alex,\n\nThe lake house it is, then. I'll book it tomorrow.\n\nMarcus\n")
    return mail


EARLIER = [
    ThreadMail(
        message_id=7,
        sender="marcus@example.com",
        participants=frozenset({"marcus@example.com", "alex@example.com", "kim@example.com"}),
        category="work",
        confidence=0.97,
    )
]


def test_a_reply_from_someone_in_the_thread_gets_its_category_at_most_max_confidence() -> None:
    for sender in ("Marcus Bell <marcus@example.com>", "Kim <KIM@example.com>"):
        message = parse(RawMessage(bytes(reply(sender)), Origin("test", "INBOX")))
        vote = thread_plugin.classify(message, CATEGORIES, EARLIER, {})
        assert vote is not None and (vote.category, vote.confidence) == ("work", 0.9)
        assert vote.evidence == [
            "message 7 of this thread, from marcus@example.com, is work (0.97)"
        ]
    message = parse(RawMessage(bytes(reply("Marcus <marcus@example.com>")), Origin("t", "I")))
    assert (
        thread_plugin.classify(message, CATEGORIES, EARLIER, {"max_confidence": 0.6}).confidence
        == 0.6
    )  # type: ignore[union-attr]


def test_no_vote_for_a_stranger_an_unsorted_thread_or_a_guess() -> None:
    stranger = parse(RawMessage(bytes(reply("Marcus Bell <m.bell@examp1e.com>")), Origin("t", "I")))
    assert thread_plugin.classify(stranger, CATEGORIES, EARLIER, {}) is None  # reply-chain lure
    marcus = parse(RawMessage(bytes(reply("Marcus <marcus@example.com>")), Origin("t", "I")))
    assert thread_plugin.classify(marcus, CATEGORIES, [], {}) is None
    unsorted = [ThreadMail(7, "marcus@example.com", EARLIER[0].participants, None, None)]
    assert thread_plugin.classify(marcus, CATEGORIES, unsorted, {}) is None
    unsure = [ThreadMail(7, "marcus@example.com", EARLIER[0].participants, "work", 0.3)]
    assert thread_plugin.classify(marcus, CATEGORIES, unsure, {}) is None
    # a forged From of the user's own address takes part in every thread
    forged = parse(RawMessage(bytes(reply("Alex <alex@example.com>")), Origin("t", "I")))
    assert thread_plugin.classify(forged, CATEGORIES, EARLIER, {}) is None
    # a list's or a sender's own category is not carried: only conversations are
    listed = [ThreadMail(7, "marcus@example.com", EARLIER[0].participants, "phishing", 0.99)]
    assert thread_plugin.classify(marcus, CATEGORIES, listed, {}) is None


def test_an_answer_to_your_own_reply_is_a_conversation_not_junk() -> None:
    yours = [ThreadMail(0, "", frozenset({"marcus@example.com"}), None, None, yours=True)]
    marcus = parse(RawMessage(bytes(reply("Marcus <marcus@example.com>")), Origin("t", "I")))
    vote = thread_plugin.classify(marcus, CATEGORIES, yours, {})
    assert vote is not None and vote.scores == pytest.approx(
        {"work": 0.45, "personal": 0.45, "phishing": 0.1}
    )
    assert vote.evidence == [
        "it answers your reply to marcus@example.com: a conversation, not junk"
    ]
    # the earlier mail's own category wins when there is one
    assert thread_plugin.classify(marcus, CATEGORIES, EARLIER + yours, {}).category == "work"  # type: ignore[union-attr]
    stranger = parse(RawMessage(bytes(reply("M <m.bell@examp1e.com>")), Origin("t", "I")))
    assert thread_plugin.classify(stranger, CATEGORIES, yours, {}) is None


@pytest.mark.model
def test_a_relabelled_first_mail_carries_to_its_reply(
    run_cli: object, tmp_path: Path, app: App
) -> None:
    """Processed one after the other: the reply's thread vote is the relabelled category."""
    invoke = run_cli  # type: ignore[assignment]
    first = reply("Marcus Bell <marcus@example.com>")
    for header in ("In-Reply-To", "References"):
        del first[header]
    first.replace_header("Subject", "Offsite venue shortlist")
    first.replace_header("Message-ID", "<venue-1@example.com>")
    first.replace_header("Date", "Tue, 01 Dec 2026 09:12:00 +0000")
    first.set_content("Hi Alex,\n\nHere are three venues for the offsite. Which do you like?\n")
    for name, mail in (("first", first), ("reply", reply("Marcus Bell <marcus@example.com>"))):
        (tmp_path / name).mkdir()
        (tmp_path / name / "1.eml").write_bytes(bytes(mail))
    assert invoke("process", str(tmp_path / "first")).exit_code == 0  # type: ignore[operator]
    (listed,) = json.loads(invoke("messages", "list", "--json").output)  # type: ignore[operator]
    assert invoke("messages", "relabel", str(listed["id"]), "personal").exit_code == 0  # type: ignore[operator]
    assert invoke("process", str(tmp_path / "reply")).exit_code == 0  # type: ignore[operator]
    rows = json.loads(invoke("messages", "list", "--json").output)  # type: ignore[operator]
    (answer,) = [row for row in rows if row["id"] != listed["id"]]
    shown = json.loads(invoke("messages", "show", str(answer["id"]), "--json").output)  # type: ignore[operator]
    (vote,) = [r["output"] for r in shown["results"] if r["plugin"] == "thread"]
    assert (vote["category"], vote["confidence"]) == ("personal", 0.9)
    assert answer["category"] == "personal"


@pytest.mark.model
def test_the_pipeline_finds_the_reply_of_yours_a_message_answers(app: App) -> None:
    with app.db.session() as session:
        queries.add_reply(
            session,
            account="local",
            source="sent",
            reply_key="<venue-1@example.com>",
            answered_sender="marcus@example.com",
            answered_subject="Offsite",
            answered_text="Which venue?",
            reply_text="The lake house, I think.",
            date=None,
        )
    origin = Origin("local", "x")
    pipeline = app.pipeline()
    stored, _ = pipeline.intake.store(
        origin, parse(RawMessage(bytes(reply("M <marcus@example.com>")), origin))
    )
    calls, _ = pipeline.classifying.classify(stored)
    (vote,) = [call.output for call in calls if call.plugin == "thread"]
    assert vote is not None and vote.evidence[0].startswith("it answers your reply to marcus")
