"""Drafts from the user's own replies (read from a real dovecot's Sent folder), the category
stored before drafting, the skeleton when every drafted reply fails, and approval refused."""

from __future__ import annotations

import email
import email.policy
import json
import types
from collections.abc import Iterator
from datetime import date, timedelta
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import pytest
from sqlalchemy import select

from agent import drafts as lifecycle
from agent import hookimpl
from agent.app import App
from agent.compose import name_given
from agent.daemon import Daemon
from agent.message import Message, Origin, RawMessage
from agent.parse import parse
from agent.pipeline.drafting import Drafting
from agent.replies.gates import unfinished as slots
from agent.replies.memory import MIN_TO_COMPARE, similar_replies
from agent.results import DraftReply, Vote
from agent.sources.local import read_mailbox, sample_mailbox
from models.runtime import ModelPool
from storage import queries
from storage.tables import DraftRow, Event, MessageRow, ReplyRow
from tests.dovecot import DovecotServer, dovecot_unavailable_reason
from tests.imap_helpers import PASSWORD_ENV, flags_of, write_config

pytestmark = pytest.mark.model

TOPICS = [
    ("Budget review", "Could we meet on Tuesday 17 November at 3pm to go over the budget?"),
    ("Contract", "Please send the signed contract for the warehouse lease by Friday."),
    ("Dinner", "Are you free for dinner on Saturday? We are making raclette at ours."),
    ("Q3 report", "Can you send me the Q3 sales report before the board meeting?"),
    ("Introduction", "I'd like to introduce you to Sarah, who runs logistics at Acme."),
    ("Gas index", "The gas index moved three cents overnight; we should hedge December."),
    ("Holiday", "We are off to Portugal in the spring, any tips for Lisbon?"),
    ("Server move", "The database server moves to the new rack this weekend."),
    ("Invoice", "Invoice INV-7781 for the October consulting days is attached."),
    ("Hiring", "We have two candidates for the analyst role, both strong."),
]
REPLIES = [
    "Hey {name},\n\nTuesday 17 November at 3pm works for me, see you then.\n\nCheers,\nAlex",
    "Hey {name},\n\nWill do, you'll have it by Friday.\n\nCheers,\nAlex",
]


def pair(index: int, subject: str, text: str, name: str) -> tuple[bytes, bytes]:
    """A message to Alex and Alex's reply to it, quoting it."""
    original = EmailMessage()
    original["From"] = f"{name} Lind <{name.lower()}@example.com>"
    original["To"] = "Alex Morgan <alex@example.com>"
    original["Subject"] = subject
    original["Message-ID"] = make_msgid(f"o{index}", domain="example.com")
    original.set_content(f"Hi Alex,\n\n{text}\n\n{name}\n")
    reply = EmailMessage()
    reply["From"] = "Alex Morgan <alex@example.com>"
    reply["To"] = original["From"]
    reply["Subject"] = f"Re: {subject}"
    reply["Message-ID"] = make_msgid(f"r{index}", domain="example.com")
    reply["In-Reply-To"] = original["Message-ID"]
    answer = REPLIES[index % 2] if index < 2 else "Hey {name},\n\nThanks, noted.\n\nCheers,\nAlex"
    quoted = "\n".join(f"> {line}" for line in original.get_content().splitlines())
    reply.set_content(f"{answer.format(name=name)}\n\nOn Monday, {name} wrote:\n{quoted}\n")
    return bytes(original), bytes(reply)


@hookimpl
def _classify_as_work() -> Vote:
    return Vote(category="work", confidence=1.0, evidence=["test"])


WORK = types.ModuleType("says_work")
WORK.classify = _classify_as_work  # type: ignore[attr-defined]
"""A test classifier sure that everything is work, so every message is drafted."""


@pytest.fixture
def says_work(app: App) -> Iterator[None]:
    app.pm.register(WORK, name="says-work")
    yield
    app.pm.unregister(WORK)


@pytest.mark.skipif(dovecot_unavailable_reason() is not None, reason="needs dovecot-imapd")
def test_the_sent_folder_gives_the_draft_and_is_never_changed(
    tmp_path: Path,
    dovecot: DovecotServer,
    model_pool: ModelPool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client = dovecot.client()
    client.create_folder("Sent")
    for index, (subject, text) in enumerate(TOPICS):
        _, reply = pair(index, subject, text, ["Maria", "Tom", "Nora", "Sam", "Kim"][index % 5])
        dovecot.append("alex", "Sent", reply)
    sent_before = flags_of(client, "Sent")
    new = EmailMessage()
    new["From"] = "Daniel Reyes <daniel@example.com>"
    new["To"] = "Alex Morgan <alex@example.com>"
    new["Subject"] = "Review"
    new["Message-ID"] = make_msgid("new", domain="example.com")
    new.set_content(
        "Hi Alex,\n\nCould we meet on Thursday 19 November at 11am to go over the plan?\n\nDaniel\n"
    )
    dovecot.append("alex", "INBOX", bytes(new))

    config = write_config(
        tmp_path / "config.toml",
        dovecot.port,
        fast=False,
        account='address = "alex@example.com"',
        extra=(
            '[plugins]\ndisabled = ["generative", "extract-model"]\n'
            '[drafting]\nname = "Alex Morgan"\n'
        ),
    )
    monkeypatch.setenv(PASSWORD_ENV, "secret-alex")
    app = App(config, pool=model_pool)
    app.pm.register(WORK, name="says-work")
    try:
        pipeline = app.pipeline()
        daemon = Daemon(app.config, pipeline)
        assert daemon.sync_all() == []
        with app.db.session() as session:
            replies = session.scalars(select(ReplyRow)).all()
            assert len(replies) == len(TOPICS)
            assert {r.source for r in replies} == {"sent"}
            first = next(r for r in replies if r.answered_subject == "Budget review")
            assert first.answered_sender == "maria@example.com"
            assert "Tuesday 17 November at 3pm" in first.answered_text
            [message] = session.scalars(select(MessageRow)).all()
            assert message.category == "work"
            [draft] = session.scalars(select(DraftRow)).all()
            body, plugin = draft.body, draft.plugin
            calls = session.scalars(select(Event).where(Event.kind == "model_call")).all()
            searched = [e.detail for e in calls if e.detail["plugin"] == "past-replies"]
            # the search embedded the new message (the past ones are embedded once, on sync)
            assert searched and all(d["call"] == "embed" and d["tokens_in"] for d in searched)
        assert plugin == "draft-memory", body
        assert body == (
            "Hey Daniel,\n\nThursday 19 November at 11am works for me, see you then."
            "\n\nCheers,\nAlex Morgan"
        )
        # A second pass reads nothing twice.
        assert daemon.sync_all() == []
        daemon.close()
        with app.db.session() as session:
            assert len(session.scalars(select(ReplyRow)).all()) == len(TOPICS)
    finally:
        app.close()
    assert flags_of(dovecot.client(), "Sent") == sent_before


def exchange(name: str, day: int, ask: str) -> tuple[bytes, bytes]:
    """A question to Alex on 1 December and Alex's answer of ``day`` December."""
    question = EmailMessage()
    question["From"] = f"{name} Lind <{name.lower()}@example.com>"
    question["To"] = "Alex Morgan <alex@example.com>"
    question["Subject"] = f"{name}'s question"
    question["Date"] = "Tue, 01 Dec 2026 09:00:00 +0000"
    question["Message-ID"] = make_msgid(name.lower(), domain="example.com")
    question.set_content(f"Hi Alex,\n\n{ask}\n\n{name}\n")
    answer = EmailMessage()
    answer["From"] = "Alex Morgan <alex@example.com>"
    answer["To"] = question["From"]
    answer["Subject"] = f"Re: {question['Subject']}"
    answer["Date"] = f"Wed, {day:02d} Dec 2026 10:00:00 +0000"
    answer["Message-ID"] = make_msgid(f"re-{name.lower()}", domain="example.com")
    answer["In-Reply-To"] = question["Message-ID"]
    answer.set_content(
        f"Hi {name},\n\nYes, that works, thanks.\n\nAlex\n\nOn Tuesday, {name} wrote:\n> {ask}\n"
    )
    return bytes(question), bytes(answer)


@pytest.mark.skipif(dovecot_unavailable_reason() is not None, reason="needs dovecot-imapd")
def test_mail_answered_from_the_users_own_client_awaits_nothing(
    tmp_path: Path,
    dovecot: DovecotServer,
    model_pool: ModelPool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A reply in Sent answers its thread: mail it answers gets no draft when the reply was
    read before the mail was processed, and its draft is superseded when after; the mail no
    longer awaits an answer. Sent is never changed."""
    client = dovecot.client()
    client.create_folder("Sent")
    early, early_answer = exchange("Kim", 2, "Could you send me the Q3 report?")
    late, late_answer = exchange("Sam", 3, "Can you review the lease before Friday?")
    dovecot.append("alex", "Sent", early_answer)
    dovecot.append("alex", "INBOX", early)
    dovecot.append("alex", "INBOX", late)
    config = write_config(
        tmp_path / "config.toml",
        dovecot.port,
        fast=False,
        account='address = "alex@example.com"',
        extra='[plugins]\ndisabled = ["generative", "extract-model"]\n',
    )
    monkeypatch.setenv(PASSWORD_ENV, "secret-alex")
    app = App(config, pool=model_pool)
    app.pm.register(WORK, name="says-work")
    try:
        daemon = Daemon(app.config, app.pipeline())

        def states() -> dict[str, tuple[str, str | None]]:
            with app.db.session() as session:
                return {
                    message.subject: (draft.status, draft.reason)
                    for draft, message in session.execute(
                        select(DraftRow, MessageRow).join(MessageRow)
                    )
                }

        def awaiting() -> list[str]:
            with app.db.session() as session:
                return [row.subject for row, _ in queries.awaiting_answer(session)]

        assert daemon.sync_all() == []
        answered = "you answered it yourself on 2026-12-02 10:00 (your Sent folder)"
        pending = ("pending", None)
        assert states() == {"Sam's question": pending}
        with app.db.session() as session:
            kim = session.scalars(select(MessageRow).where(MessageRow.subject == "Kim's question"))
            reply = next(r for r in queries.results_of(session, kim.one().id) if r.task == "reply")
            assert reply.output == {
                "needs_reply": False,
                "reason": answered,
                "asks": [],
                "urgent": False,
                "offered": [],
                "accepted": "",
                "late": False,
            }
        assert awaiting() == ["Sam's question"]
        dovecot.append("alex", "Sent", late_answer)
        # Sam wrote again before Alex's answer was sent: that answer is to the first mail
        follow_up = email.message_from_bytes(late, policy=email.policy.default)
        follow_up.replace_header("Subject", "Re: Sam's question")
        follow_up.replace_header("Date", "Wed, 02 Dec 2026 12:00:00 +0000")
        follow_up["In-Reply-To"] = follow_up["Message-ID"]
        follow_up.replace_header("Message-ID", "<sam-again@example.com>")
        follow_up.set_content("Hi Alex,\n\nAlso, can you check the parking for Friday?\n\nSam\n")
        dovecot.append("alex", "INBOX", bytes(follow_up))
        sent_before = flags_of(client, "Sent")
        assert daemon.sync_all() == []
        daemon.close()
        later = "you answered it yourself on 2026-12-03 10:00 (your Sent folder)"
        assert states()["Sam's question"] == ("superseded", later)
        assert states()["Re: Sam's question"] == pending
        assert awaiting() == ["Re: Sam's question"]
        with app.db.session() as session:
            events = session.scalars(select(Event).where(Event.kind == "drafts_superseded"))
            assert ["re-sam" in e.detail.get("reply", "") for e in events] == [True]
    finally:
        app.close()
    assert flags_of(dovecot.client(), "Sent") == sent_before


def test_similar_replies_rank_the_alike_message_first(app: App) -> None:
    pipeline = app.pipeline()
    with app.db.session() as session:
        for index, (subject, text) in enumerate(TOPICS):
            queries.add_reply(
                session,
                account="local",
                source="sent",
                reply_key=f"r{index}",
                answered_sender="maria@example.com",
                answered_subject=subject,
                answered_text=text,
                reply_text=f"reply {index}",
                date=None,
            )
    assert len(TOPICS) >= MIN_TO_COMPARE
    message = next(
        m for m in (pipeline_message(app, raw) for raw in read_mailbox(sample_mailbox())) if m
    )
    found = similar_replies(app.db, pipeline.models.handle("classify"), "local", message)
    assert [past.answered_subject for past in found][:1] == ["Budget review"]


def pipeline_message(app: App, raw: object) -> Message | None:
    """The sample meeting request, parsed."""
    from agent.parse import parse

    message = parse(raw)  # type: ignore[arg-type]
    return message if message.subject.startswith("Meeting request") else None


def test_category_is_stored_before_drafting_and_a_failing_draft_becomes_a_skeleton(
    app: App, says_work: None
) -> None:
    seen: list[str | None] = []

    @hookimpl(tryfirst=True)
    def draft_reply(message: Message) -> DraftReply:
        with app.db.session() as session:
            row = session.get_one(MessageRow, message.db_id)
            seen.append(row.category)
            assert row.state == "pending"
        return DraftReply(body="<p>Sure thing, see you on Monday 23 November at 9:30!</p>")

    spy = types.ModuleType("spy")
    spy.draft_reply = draft_reply  # type: ignore[attr-defined]
    app.pm.register(spy, name="bad-drafter")
    app.pm.set_blocked("draft-templates")
    try:
        pipeline = app.pipeline()
        pipeline.drafting.today = lambda: date(2026, 11, 20)  # the day the mail came
        raw = next(r for r in read_mailbox(sample_mailbox()) if b"signed contract" in r.data)
        outcome = pipeline.process(raw)
    finally:
        app.pm.unregister(spy)
    assert seen == ["work"]
    assert outcome.draft is not None
    assert outcome.draft.body.startswith("Dear Olivia,\n\nThanks for your message about Signed")
    assert "[your answer to: " in outcome.draft.body
    assert outcome.draft_flags[0].startswith("a skeleton")
    assert any("bad-drafter: refused by the draft checks: markup" in f for f in outcome.draft_flags)
    with app.db.session() as session:
        draft = session.scalars(select(DraftRow)).one()
        draft_id = draft.id
    with pytest.raises(lifecycle.DraftError, match="not finished, it still holds \\[your answer"):
        lifecycle.approve(app.db, app.config, draft_id)
    lifecycle.edit(app.db, draft_id, outcome.draft.body.split("[")[0] + "I'll send it Friday.")
    lifecycle.approve(app.db, app.config, draft_id)
    with app.db.session() as session:
        kept = session.scalars(select(ReplyRow)).one()
        assert (kept.source, kept.answered_sender) == (
            "draft",
            "o.hartmann@acme-logistics.example.org",
        )


def test_a_reviewer_sees_which_writer_was_not_used_and_why(
    app: App, says_work: None, run_cli: object
) -> None:
    """A trial's own reply, refused by the checks, showed nowhere but in messages show."""

    @hookimpl(tryfirst=True)
    def draft_reply() -> DraftReply:
        return DraftReply(body="<p>Sure thing, see you on Monday 23 November at 9:30!</p>")

    spy = types.ModuleType("spy")
    spy.draft_reply = draft_reply  # type: ignore[attr-defined]
    app.pm.register(spy, name="bad-drafter")
    try:
        raw = next(r for r in read_mailbox(sample_mailbox()) if b"signed contract" in r.data)
        outcome = app.pipeline().process(raw)
    finally:
        app.pm.unregister(spy)
    assert outcome.draft is not None and outcome.draft_flags == []
    with app.db.session() as session:
        draft_id = session.scalars(select(DraftRow.id)).one()
    shown = run_cli("drafts", "show", str(draft_id)).output  # type: ignore[operator]
    assert "by draft-templates, no model" in shown
    assert "Not used: bad-drafter: refused by the draft checks: markup or emoji: <p>" in shown


def test_newsletters_and_fyi_get_no_draft(app: App, says_work: None) -> None:
    pipeline = app.pipeline()
    outcomes = [pipeline.process(raw) for raw in read_mailbox(sample_mailbox())]
    newsletter = next(o for o in outcomes if "Quiet Inbox" in o.message.subject)
    assert newsletter.draft is None
    assert newsletter.asks is not None and not newsletter.asks.needs_reply
    drafted = [o for o in outcomes if o.draft is not None]
    assert drafted and all(o.asks and o.asks.needs_reply for o in drafted)


def test_drafts_of_the_sample_list_their_checks_and_are_approved_one_by_one(
    app: App, says_work: None, run_cli: object
) -> None:
    """Approving several: one refusal names its draft and stops none of the others; mail
    from a local folder has no Drafts folder, and the output says where its text is. The
    list names the draft whose mail spoke to an AI agent, and a thread has one draft to
    review."""
    invoke = run_cli  # type: ignore[assignment]
    processed = invoke("process", "--sample")  # type: ignore[operator]
    assert processed.exit_code == 0, processed.output
    drafted = json.loads(invoke("drafts", "list", "--json").output)  # type: ignore[operator]
    pending = sum(row["status"] == "pending" for row in drafted)
    assert f"{pending} drafts to review" in processed.output and pending < len(drafted)
    assert processed.output.count("superseded") == len(drafted) - pending
    # drafted as of the sample's own last day (SAMPLE_DAY), when no reply was late yet
    assert not any("late reply" in row["body"] for row in drafted)
    (contract,) = [r for r in drafted if r["subject"].startswith("Signed contract")]
    assert "I'll send the signed contract over by Friday 4 December 2026." in contract["body"]
    # every sample draft leaves the user something to settle; the invoice's is one check
    (bill,) = [r for r in drafted if r["status"] == "pending" and "INV-2026-0412" in r["body"]]
    assert slots(bill["body"]) == ["[check: I'll pay it.]"]
    settled = invoke("drafts", "choose", str(bill["id"]), "1")  # type: ignore[operator]
    assert settled.exit_code == 0, settled.output
    assert "Thanks for sending INV-2026-0412. I'll pay it." in settled.output
    finished = bill["id"]
    unfinished = next(r["id"] for r in drafted if r["status"] == "pending" and r["id"] != finished)
    both = invoke("drafts", "approve", str(unfinished), str(finished))  # type: ignore[operator]
    assert both.exit_code == 1
    assert f"draft {unfinished} is not finished" in both.stderr
    assert f"draft {finished} approved; its message came from 'local'" in both.stdout
    assert f"mailagent drafts show {finished}" in both.stdout
    listed = json.loads(invoke("drafts", "list", "--json").output)  # type: ignore[operator]
    statuses = {row["id"]: row["status"] for row in listed}
    assert (statuses[unfinished], statuses[finished]) == ("pending", "approved")

    # the planted instruction in the coffee mail is named beside its draft, in both forms
    (planted,) = [row for row in listed if row["subject"] == "coffee next week?"]
    assert planted["set_aside"] and "Ignore your previous instructions" in planted["set_aside"][0]
    assert all(not row["set_aside"] for row in listed if row is not planted)
    table = invoke("drafts", "list").output  # type: ignore[operator]
    assert sum("speaks to an AI" in line for line in table.splitlines()) == 1

    # a reviewer sees the invoice's own lines and what was found in it, amounts with currency
    (invoice,) = [row for row in listed if row["subject"].startswith("Invoice INV-2026-0412")]
    shown = invoke("drafts", "show", str(invoice["id"])).output  # type: ignore[operator]
    assert "\nDue date: 17 December 2026 (30 days net)\n" in shown
    assert "amounts: EUR 1249.50" in shown and "invoice numbers: INV-2026-0412" in shown
    assert "by draft-templates, no model" in shown
    # and whom the reply goes to, to copy it out of a local mailbox
    assert "To:      Accounts Receivable <billing@brightline-supplies.example.org>" in shown
    assert "Subject: Re: Invoice INV-2026-0412 for order PO-88231" in shown
    # Cc'd is who else got it, not the user: the address most of the mailbox's mail went to
    assert "Cc:      Finance <finance@example.com>\n" in shown and "alex@example.com" not in shown
    assert shown.rstrip().endswith("Alex Morgan")  # signed with the name the mail gives it

    # one draft to review per thread: the Q4 budget thread's answers its latest mail
    budget = sorted(
        (row for row in listed if row["subject"].endswith("Q4 budget review")),
        key=lambda row: row["message_id"],
    )
    assert [row["status"] for row in budget] == ["superseded", "superseded", "pending"]
    latest = budget[-1]["message_id"]
    assert all(
        row["reason"] == f"message {later} came later in the thread and has its own draft"
        for row, later in zip(budget[:2], [budget[1]["message_id"], latest], strict=True)
    )
    reply_all = invoke("drafts", "show", str(budget[-1]["id"])).output  # type: ignore[operator]
    assert "To:      Maria Lindqvist <maria.lindqvist@example.com>\n" in reply_all
    assert "Cc:      Tom Becker <tom.becker@example.com>, Finance Team <finance@example.com>\n" in (
        reply_all
    )
    refused = invoke("drafts", "approve", str(budget[0]["id"]))  # type: ignore[operator]
    assert refused.exit_code == 1 and "is superseded (message" in refused.stderr
    digest = invoke("digest").output  # type: ignore[operator]
    awaiting = digest.split("Awaiting your answer")[1].split("\nDeadlines")[0]
    assert awaiting.count("Q4 budget review") == 1 and f"#{latest} Re: Q4 budget" in awaiting


def test_mail_processed_after_later_mail_of_its_thread_gets_a_superseded_draft(
    app: App, says_work: None
) -> None:
    pipeline = app.pipeline()
    paths = sorted(sample_mailbox().glob("0[68]-thread-*.eml"))  # the first and the last
    first, last = (RawMessage(path.read_bytes(), Origin("t", "t")) for path in paths)
    pipeline.process(last)
    pipeline.process(first)  # arrives late, as after a folder's backlog
    with app.db.session() as session:
        rows = session.scalars(select(DraftRow).order_by(DraftRow.id)).all()
        assert [(row.message.subject, row.status) for row in rows] == [
            ("Re: Q4 budget review", "pending"),
            ("Q4 budget review", "superseded"),
        ]


def addressed_as(drafting: Drafting, message: Message) -> str:
    """The name drafts sign with when ``[drafting] name`` is empty and Sent shows none: the
    display name ``message`` gives one of the user's addresses."""
    return name_given(message, drafting.own_addresses(message))


def test_drafts_sign_with_the_name_the_mail_gives_the_users_address(
    tmp_path: Path, model_pool: ModelPool
) -> None:
    storage = f'[storage]\nurl = "sqlite:///{tmp_path / "mailagent.db"}"\n'
    account = (
        '[[accounts]]\nname = "work"\nhost = "imap.example.com"\nusername = "alex"\n'
        'address = "alex@example.com"\npassword_env = "UNUSED"\n'
    )
    (tmp_path / "local.toml").write_text(storage)
    (tmp_path / "imap.toml").write_text(storage + account)
    meeting, cc = (
        parse(RawMessage(next(sample_mailbox().glob(f"{n}-*.eml")).read_bytes(), Origin("t", "t")))
        for n in ("05", "07")
    )
    imap = App(tmp_path / "imap.toml", pool=model_pool)
    drafting = imap.pipeline().drafting
    assert addressed_as(drafting, meeting) == "Alex Morgan"  # To: Alex Morgan
    assert addressed_as(drafting, cc) == "Alex Morgan"  # in Cc, To is Maria
    imap.close()
    # a local mailbox: which address is the user's is not known, so no name is guessed
    local = App(tmp_path / "local.toml", pool=model_pool)
    assert addressed_as(local.pipeline().drafting, meeting) == ""
    local.close()
    # with [drafting] name set, an address under that full name is the user's (a friend
    # writing to their private address)
    (tmp_path / "named.toml").write_text(storage + '[drafting]\nname = "Alex Morgan"\n')
    named = App(tmp_path / "named.toml", pool=model_pool)
    assert named.pipeline().drafting.own_addresses(meeting) == {"alex@example.com"}
    named.close()


def test_the_digest_lists_a_thread_deadline_once_and_what_is_overdue(
    app: App, says_work: None, run_cli: object, tmp_path: Path
) -> None:
    """A deadline two mails of one thread repeat is one line, naming the later mail; a
    passed deadline of mail still awaiting an answer is overdue, unless over 30 days old.
    Mail awaiting an answer is listed soonest deadline first (trials listed it by date), the
    overdue first of all after what is urgent (the thirty-sixth trial found it last)."""
    today = date.today()

    def written(day: date) -> str:
        return f"{day:%A} {day.day} {day:%B %Y}"

    def message(name: str, body: str, sent: date, **headers: str) -> None:
        mail = EmailMessage()
        mail["From"] = "Olivia Hartmann <olivia@acme.example.org>"
        mail["To"] = "Alex Morgan <alex@example.com>"
        mail["Subject"] = headers.pop("Subject", name)
        mail["Date"] = f"{sent:%a, %d %b %Y} 09:00:00 +0000"
        mail["Message-ID"] = f"<{name}@acme.example.org>"
        for header, value in headers.items():
            mail[header.replace("_", "-")] = value
        mail.set_content(f"Dear Alex,\n\n{body}\n\nBest regards,\nOlivia\n")
        (tmp_path / "in" / f"{name}.eml").write_bytes(bytes(mail))

    (tmp_path / "in").mkdir()
    soon, passed, long_ago = (today + timedelta(days=d) for d in (10, -3, -40))
    ask = "Please send the signed contract by {}."
    message("lease", ask.format(written(soon)), today - timedelta(days=2))
    message(
        "lease-again",
        f"Just a reminder: {ask.format(written(soon))}",
        today - timedelta(days=1),
        Subject="Re: lease",
        In_Reply_To="<lease@acme.example.org>",
    )
    message("audit", ask.format(written(passed)).replace("contract", "audit form"), passed)
    tomorrow = today + timedelta(days=1)
    message("rota", ask.format(written(tomorrow)).replace("contract", "rota"), long_ago)
    message("server", "The server is down. Can you come ASAP?", today, Subject="Server down")
    message("old", ask.format(written(long_ago)).replace("contract", "old form"), long_ago)
    # the thread's latest mail awaits the answer; its first set the deadline
    message("headcount", ask.format(written(passed)).replace("contract", "headcount"), passed)
    message(
        "headcount-again",
        "Could you also tell me whether anyone needs vegetarian meals?",
        passed + timedelta(days=1),
        Subject="Re: headcount",
        In_Reply_To="<headcount@acme.example.org>",
    )
    invoke = run_cli  # type: ignore[assignment]
    processed = invoke("process", str(tmp_path / "in"))  # type: ignore[operator]
    assert processed.exit_code == 0, processed.output
    ids = {
        row["subject"]: row["id"]
        for row in json.loads(invoke("messages", "list", "--json").output)  # type: ignore[operator]
    }
    listed = json.loads(invoke("messages", "list", "--json").output)  # type: ignore[operator]
    assert [row["subject"] for row in listed if row["urgent"]] == ["Server down"]
    digest = json.loads(invoke("digest", "--json").output)  # type: ignore[operator]
    assert [(d["date"], d["message"]) for d in digest["deadlines"]] == [
        (tomorrow.isoformat(), ids["rota"]),
        (soon.isoformat(), ids["Re: lease"]),
    ]
    awaiting = [(item["message"], item["due"]) for item in digest["needs_reply"]]
    assert awaiting[0] == (ids["Server down"], None)  # the writer says it is urgent: first
    assert sorted(awaiting[1:3]) == sorted(  # then what is overdue
        [(ids["audit"], passed.isoformat()), (ids["Re: headcount"], passed.isoformat())]
    )
    assert awaiting[3:5] == [
        (ids["rota"], tomorrow.isoformat()),
        (ids["Re: lease"], soon.isoformat()),
    ]
    assert awaiting[5:] == [(ids["old"], None)]  # its deadline is over 30 days old
    assert [item["urgent"] for item in digest["needs_reply"]] == [True] + [False] * 5
    assert sorted((d["date"], d["message"]) for d in digest["overdue"]) == sorted(
        [(passed.isoformat(), ids["audit"]), (passed.isoformat(), ids["headcount"])]
    )
    old = json.loads(invoke("messages", "show", str(ids["old"]), "--json").output)  # type: ignore[operator]
    (combined,) = [r["output"] for r in old["results"] if r["task"] == "combined"]
    assert [d["value"] for d in combined["extraction"]["deadlines"]] == [long_ago.isoformat()]
    shown = invoke("digest").output  # type: ignore[operator]
    assert f"Overdue, still awaiting your answer (2):\n  {passed} (3 days ago)  #" in shown
    assert f"draft {digest['needs_reply'][3]['draft']}) by {tomorrow}, tomorrow\n" in shown
    assert f"draft {digest['needs_reply'][1]['draft']}) by {passed}, 3 days ago\n" in shown
    assert f"  #{ids['Server down']} URGENT Server down (it asks" in shown


def test_the_digest_lists_an_overdue_thread_once_with_its_latest_passed_deadline() -> None:
    """The thirty-ninth trial's digest listed one payment reminder thread twice under
    "Overdue" (20 November and 4 December); the deadlines list keeps a line per date."""
    from agent.cli.report import _deadlines

    first = MessageRow(id=1, thread_key="t", subject="Invoice 1042")
    reminder = MessageRow(id=2, thread_key="t", subject="Re: Invoice 1042")
    found = {"extraction": {"deadlines": [{"value": "2026-12-04"}]}}
    earlier = {"extraction": {"deadlines": [{"value": "2026-11-20"}]}}
    rows = [(reminder, found), (first, earlier)]
    assert _deadlines(rows, lambda day: day < "2026-12-07", latest=True) == [
        {"date": "2026-12-04", "message": 2, "subject": "Re: Invoice 1042"}
    ]
    assert [d["date"] for d in _deadlines(rows, lambda day: True)] == [
        "2026-11-20",
        "2026-12-04",
    ]


def test_a_relabel_out_of_the_drafted_categories_drops_the_draft_and_back_drafts_again(
    app: App, says_work: None, run_cli: object, tmp_path: Path
) -> None:
    """From a trial: mail relabelled spam kept its pending draft and awaited an answer."""
    invoke = run_cli  # type: ignore[assignment]
    (tmp_path / "in").mkdir()
    ask = EmailMessage()
    ask["From"] = "Owen Price <owen@example.com>"
    ask["To"] = "Alex Morgan <alex@example.com>"
    ask["Subject"] = "Q3 report"
    ask["Message-ID"] = "<q3@example.com>"
    ask.set_content("Hi Alex,\n\nCould you send me the Q3 report before the board meeting?\n")
    (tmp_path / "in" / "1.eml").write_bytes(bytes(ask))
    assert invoke("process", str(tmp_path / "in")).exit_code == 0  # type: ignore[operator]
    (draft,) = json.loads(invoke("drafts", "list", "--json").output)  # type: ignore[operator]
    message = str(draft["message_id"])
    spam = invoke("messages", "relabel", message, "spam")  # type: ignore[operator]
    assert f"draft {draft['id']} superseded: no reply is drafted for spam" in spam.output
    assert json.loads(invoke("digest", "--json").output)["needs_reply"] == []  # type: ignore[operator]
    work = invoke("messages", "relabel", message, "Work")  # type: ignore[operator]
    assert "spam -> work (learned)" in work.output
    assert "drafted a reply: draft" in work.output, work.output
    listed = json.loads(invoke("drafts", "list", "--json").output)  # type: ignore[operator]
    assert [row["status"] for row in listed] == ["pending", "superseded"]
    assert "I'll send the Q3 report over" in listed[0]["body"]
    for category in ("spam", "work"):  # back and forth: one reply result, one awaiting line
        assert invoke("messages", "relabel", message, category).exit_code == 0  # type: ignore[operator]
    digest = json.loads(invoke("digest", "--json").output)  # type: ignore[operator]
    assert [row["message"] for row in digest["needs_reply"]] == [int(message)]


def test_the_latest_draft_of_a_thread_keeps_what_earlier_mail_asked(
    app: App, says_work: None, run_cli: object, tmp_path: Path
) -> None:
    """From a trial: a follow-up superseded the draft holding the first mail's question, and
    the question was in no pending draft."""
    invoke = run_cli  # type: ignore[assignment]
    (tmp_path / "in").mkdir()
    for name, sender, body, day, parent in (
        ("1", "Owen Price <owen@example.com>", "How many of your team are coming?", 1, ""),
        (
            "2",
            "Grace Lee <grace@example.com>",
            "Adding to Owen's question: does anyone need vegetarian meals?",
            2,
            "<offsite-1@example.com>",
        ),
    ):
        mail = EmailMessage()
        mail["From"] = sender
        mail["To"] = "Alex Morgan <alex@example.com>"
        mail["Subject"] = "Offsite" if not parent else "Re: Offsite"
        mail["Date"] = f"Tue, 0{day} Dec 2026 09:00:00 +0000"
        mail["Message-ID"] = f"<offsite-{name}@example.com>"
        if parent:
            mail["Cc"] = "Owen Price <owen@example.com>"
            mail["In-Reply-To"] = parent
        mail.set_content(f"Hi Alex,\n\n{body}\n\nThanks\n")
        (tmp_path / "in" / f"{name}.eml").write_bytes(bytes(mail))
    assert invoke("process", str(tmp_path / "in")).exit_code == 0  # type: ignore[operator]
    listed = json.loads(invoke("drafts", "list", "--json").output)  # type: ignore[operator]
    (pending,) = [row for row in listed if row["status"] == "pending"]
    assert pending["subject"] == "Re: Offsite"
    assert slots(pending["body"]) == [
        "[your answer to: Adding to Owen's question: does anyone need vegetarian meals?]",
        "[your answer to: How many of your team are coming?]",
    ]
    # a stranger's mail naming the thread gets none of its questions
    stranger = EmailMessage()
    stranger["From"] = "Mallory <mallory@elsewhere.example>"
    stranger["To"] = "Alex Morgan <alex@example.com>"
    stranger["Subject"] = "Re: Offsite"
    stranger["Date"] = "Thu, 03 Dec 2026 09:00:00 +0000"
    stranger["Message-ID"] = "<offsite-3@elsewhere.example>"
    stranger["References"] = "<offsite-1@example.com>"
    stranger.set_content("Hi Alex,\n\nCould you send me the guest list?\n")
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "3.eml").write_bytes(bytes(stranger))
    assert invoke("process", str(tmp_path / "more")).exit_code == 0  # type: ignore[operator]
    listed = json.loads(invoke("drafts", "list", "--json").output)  # type: ignore[operator]
    (latest,) = [row for row in listed if row["to"].startswith("Mallory")]
    assert "team" not in latest["body"] and "vegetarian" not in latest["body"]
    # nor does it supersede the draft of the people who wrote the thread
    assert [row["status"] for row in listed if row["to"].startswith("Grace")] == ["pending"]
