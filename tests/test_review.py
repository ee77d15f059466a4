"""Draft review from the terminal, and approved drafts saved to the IMAP Drafts folder."""

from __future__ import annotations

import email
import email.policy
import re
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
from sqlalchemy import select

from agent.compose import compose_reply
from agent.drafts import DRAFTS_LOCK, DraftError, choose
from agent.message import Address, Origin, RawMessage
from agent.parse import parse
from storage import queries
from storage.locks import folder_lock
from storage.tables import DraftRow, Event, MessageRow
from tests.dovecot import DovecotServer, needs_dovecot
from tests.imap_helpers import (
    child_env,
    database,
    make_message,
    spawn,
    wait_for,
    write_config,
)

pytestmark = needs_dovecot


def mailagent(config: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "agent", "--config", str(config), *args],
        env=child_env() | env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def drafted(tmp_path: Path, dovecot: DovecotServer) -> Path:
    """Three messages processed by the fast test plugin: three pending drafts."""
    original = make_message(1).replace(
        b"To: Alex Morgan <alex@example.com>",
        b"To: Alex Morgan <alex@example.com>, Kim <kim@example.org>\nReply-To: list@example.org",
    )
    dovecot.append("alex", "INBOX", original)
    dovecot.append("alex", "INBOX", make_message(2))
    dovecot.append("alex", "INBOX", make_message(3))
    config = write_config(
        tmp_path / "config.toml",
        dovecot.port,
        account='address = "alex@example.com"',
        extra='[drafting]\nname = "Alex Morgan"\n',
    )
    result = mailagent(config, "run", "--once")
    assert result.returncode == 0, result.stderr
    return config


def drafts_on_server(dovecot: DovecotServer) -> list[tuple[email.message.EmailMessage, tuple]]:  # type: ignore[type-arg]
    client = dovecot.client()
    client.select_folder("Drafts", readonly=True)
    uids = client.search(["ALL"])
    fetched = client.fetch(uids, ["BODY.PEEK[]", "FLAGS"]) if uids else {}
    client.logout()
    return [
        (
            email.message_from_bytes(data[b"BODY[]"], policy=email.policy.default),  # type: ignore[misc]
            data[b"FLAGS"],
        )
        for data in fetched.values()
    ]


def test_approve_saves_one_threaded_draft(drafted: Path, dovecot: DovecotServer) -> None:
    db = database(drafted)
    with db.session() as session:
        message = session.scalars(select(MessageRow).where(MessageRow.uid == 1)).one()
        draft = session.scalars(select(DraftRow).where(DraftRow.message_id == message.id)).one()
        draft.body = "Danke, bis bald! Grüße 🙂"

    result = mailagent(drafted, "drafts", "approve", str(draft.id))
    assert result.returncode == 0, result.stderr
    assert "saved to the Drafts folder" in result.stdout

    ((saved, flags),) = drafts_on_server(dovecot)
    assert b"\\Draft" in flags
    assert saved["From"] == "Alex Morgan <alex@example.com>"
    assert saved["To"] == "list@example.org"
    assert saved["Cc"] == "Kim <kim@example.org>"
    assert saved["Subject"] == "Re: Test work message 1"
    assert saved["In-Reply-To"] == message.message_id
    assert saved["References"] == message.message_id
    # the user's text, then the message it answers quoted below (introduced in the text's
    # language), as mail clients reply
    mine, _, quote = saved.get_content().replace("\r\n", "\n").partition("\n\n")
    assert mine == "Danke, bis bald! Grüße 🙂"
    assert re.fullmatch(
        r"Am 01\.11\.2026 um \d\d:01 schrieb Sender 1 <sender1@example.org>:\n"
        r"> Hello Alex,\n>\n> This is message number 1\. Could you confirm you got it\?\n",
        quote,
    ), quote
    with db.session() as session:
        row = session.get_one(DraftRow, draft.id)
        assert row.status == "saved"
        assert saved["Message-ID"] == row.imap_message_id
        kinds = set(session.scalars(select(Event.kind).where(Event.draft_id == draft.id)))
        assert {"draft_approved", "draft_saved"} <= kinds

    again = mailagent(drafted, "drafts", "approve", str(draft.id))
    assert again.returncode == 0, again.stderr
    assert again.stdout == f"draft {draft.id} is already in the Drafts folder\n"
    assert len(drafts_on_server(dovecot)) == 1


def test_a_reply_quotes_the_whole_message_it_answers_unless_told_not_to() -> None:
    raw = (
        b"From: Kim Lee <kim@example.org>\nTo: alex@example.com\nSubject: Re: plan\n"
        b"Date: Mon, 02 Nov 2026 09:30:00 +0000\nMessage-ID: <k2@example.org>\n"
        b"In-Reply-To: <a1@example.com>\nReferences: <a1@example.com>\n\n"
        b"Tuesday suits me.\n\nKim\n\nOn Sun, 1 Nov 2026, Alex wrote:\n> Tuesday or Wednesday?\n"
    )
    original = parse(RawMessage(raw, Origin("t", "t")))
    alex = Address(name="Alex", email="alex@example.com")
    reply = compose_reply(original, "Tuesday it is.\n", alex, "<r@example.com>")
    mine, _, quote = reply.get_content().partition("\n\n")
    assert mine == "Tuesday it is."
    lines = quote.splitlines()
    attribution = r"On Mon, 2 Nov 2026 at \d\d:30, Kim Lee <kim@example.org> wrote:"
    assert re.fullmatch(attribution, lines[0])
    assert "> Tuesday suits me." in lines and ">> Tuesday or Wednesday?" in lines
    assert all(line.startswith(">") for line in lines[1:])
    bare = compose_reply(original, "Tuesday it is.\n", alex, "<r@example.com>", quote=False)
    assert bare.get_content() == "Tuesday it is.\n"
    # the line above the quote is in the reply's language
    german = compose_reply(original, "Hallo Kim,\n\nDienstag passt mir, danke!\n", alex, "<r>")
    assert re.search(
        r"\n\nAm 02\.11\.2026 um \d\d:30 schrieb Kim Lee <kim@example.org>:\n> ",
        german.get_content(),
    )
    # nothing to quote: no quote
    empty = parse(RawMessage(b"From: Kim <kim@example.org>\nSubject: x\n\n", Origin("t", "t")))
    assert compose_reply(empty, "Noted.\n", alex, "<r@example.com>").get_content() == "Noted.\n"


def test_a_reply_copies_nobody_under_the_users_own_name() -> None:
    """A trial's drafts to friends who wrote to the user's private address copied that
    address: "Cc: Noor Haddad <noor.haddad@gmail.com>" on a reply from her work account; the
    forty-fourth's, where the friend wrote the bare address, did too."""
    raw = (
        b"From: Hannah Price <hannah@example.org>\nTo: Alex Morgan <alex.private@example.net>\n"
        b"Cc: Sam Lee <sam@example.org>, Alex <alex@other.example>\nSubject: drinks\n"
        b"Message-ID: <h1@example.org>\n\nAre you around on Saturday?\n"
    )
    original = parse(RawMessage(raw, Origin("t", "t")))
    alex = Address(name="Alex Morgan", email="alex@example.com")
    reply = compose_reply(original, "Yes!\n", alex, "<r@example.com>", quote=False)
    assert reply["To"] == "Hannah Price <hannah@example.org>"
    # a first name alone may be someone else's
    assert reply["Cc"] == "Sam Lee <sam@example.org>, Alex <alex@other.example>"
    nameless = compose_reply(original, "Yes!\n", Address("", "alex@example.com"), "<r>")
    assert "Alex Morgan" not in nameless["Cc"]  # the one address the mail was sent to
    # the forty-fourth trial: a friend wrote to the bare private address, and six drafts
    # copied it; with the user's work address in Cc, the one To is someone else's
    bare = parse(
        RawMessage(
            b"From: Mark <mark@example.org>\nTo: alex.private@example.net\nSubject: x\n\nHi\n",
            Origin("t", "t"),
        )
    )
    assert compose_reply(bare, "Yes!\n", alex, "<r>")["Cc"] is None
    copied = parse(
        RawMessage(
            b"From: Mark <mark@example.org>\nTo: Sam Lee <sam@example.org>\n"
            b"Cc: alex@example.com\nSubject: x\n\nHi\n",
            Origin("t", "t"),
        )
    )
    assert compose_reply(copied, "Yes!\n", alex, "<r>")["Cc"] == "Sam Lee <sam@example.org>"


def test_approval_while_the_server_is_down_is_saved_by_the_next_run(
    drafted: Path, dovecot: DovecotServer
) -> None:
    dovecot.stop()
    result = mailagent(drafted, "drafts", "approve", "1")
    assert result.returncode == 0, result.stderr
    assert "approved, not saved yet" in result.stdout
    with database(drafted).session() as session:
        assert session.get_one(DraftRow, 1).status == "approved"
    dovecot.start()
    assert mailagent(drafted, "run", "--once").returncode == 0
    assert len(drafts_on_server(dovecot)) == 1
    with database(drafted).session() as session:
        assert session.get_one(DraftRow, 1).status == "saved"


def test_a_draft_is_saved_once_while_another_process_holds_the_drafts_lock(
    drafted: Path, dovecot: DovecotServer, tmp_path: Path
) -> None:
    dovecot.stop()
    assert "approved, not saved yet" in mailagent(drafted, "drafts", "approve", "1").stdout
    dovecot.start()
    # another process (a person's approve, the daemon's catch-up) is saving drafts
    other = folder_lock(database(drafted), "test", DRAFTS_LOCK)
    assert other.try_acquire()
    log = tmp_path / "run.log"
    child = spawn(drafted, "-v", "run", "--once", log=log)
    try:
        wait_for(lambda: "waiting for process" in log.read_text(), 120, "the run to wait")
        assert drafts_on_server(dovecot) == []
    finally:
        other.release()
    assert child.wait(timeout=300) == 0
    assert len(drafts_on_server(dovecot)) == 1
    assert mailagent(drafted, "run", "--once").returncode == 0
    assert len(drafts_on_server(dovecot)) == 1
    with database(drafted).session() as session:
        saved = session.scalars(select(Event).where(Event.kind == "draft_saved")).all()
        assert [event.draft_id for event in saved] == [1]


PROMPT = r"\[q\]uit > "


def editor_script(tmp_path: Path, code: int, line: str = "") -> str:
    script = tmp_path / f"editor-{code}.sh"
    script.write_text(f'#!/bin/sh\nprintf "{line}\\n" >> "$1"\nexit {code}\n')
    script.chmod(0o755)
    return str(script)


def test_editor_failure_leaves_the_draft_unchanged(drafted: Path, tmp_path: Path) -> None:
    with database(drafted).session() as session:
        before = session.get_one(DraftRow, 2).body
    failing = editor_script(tmp_path, 1, "should not be saved")
    result = mailagent(drafted, "drafts", "edit", "2", EDITOR=failing, VISUAL=failing)
    assert result.returncode != 0
    assert "Editing failed" in result.stderr
    with database(drafted).session() as session:
        draft = session.get_one(DraftRow, 2)
        assert draft.body == before
        assert not draft.edited


def test_an_edit_that_leaves_a_slot_says_approval_waits_for_it(
    drafted: Path, tmp_path: Path
) -> None:
    adds_slot = editor_script(tmp_path, 0, "[your answer to: which room?]")
    result = mailagent(drafted, "drafts", "edit", "2", EDITOR=adds_slot, VISUAL=adds_slot)
    assert result.returncode == 0, result.stderr
    assert "draft 2 edited" in result.stdout
    assert "it still holds [your answer to: which room?]: approval waits" in result.stdout


def test_an_emptied_draft_is_not_kept_and_an_edit_is_not_regenerated_away(
    drafted: Path, tmp_path: Path
) -> None:
    with database(drafted).session() as session:
        before = session.get_one(DraftRow, 2).body
    emptier = tmp_path / "empty.sh"
    emptier.write_text('#!/bin/sh\n: > "$1"\n')
    emptier.chmod(0o755)
    result = mailagent(drafted, "drafts", "edit", "2", EDITOR=str(emptier), VISUAL=str(emptier))
    assert result.returncode == 1
    assert "an empty draft is not kept; draft 2 stays as it was" in result.stderr
    edits = editor_script(tmp_path, 0, "See you there.")
    assert mailagent(drafted, "drafts", "edit", "2", EDITOR=edits).returncode == 0
    refused = mailagent(drafted, "drafts", "regenerate", "2")
    assert refused.returncode == 1 and "holds your edit" in refused.stderr
    with database(drafted).session() as session:
        assert session.get_one(DraftRow, 2).body == before.rstrip() + "\nSee you there.\n"
    forced = mailagent(drafted, "drafts", "regenerate", "2", "--force")
    assert forced.returncode == 0, forced.stderr
    with database(drafted).session() as session:
        assert session.get_one(DraftRow, 2).body == before


def test_a_draft_that_is_not_pending_is_refused_before_the_editor_opens(
    drafted: Path, tmp_path: Path
) -> None:
    assert mailagent(drafted, "drafts", "reject", "2").returncode == 0
    opened = tmp_path / "editor-opened"
    editor = tmp_path / "editor.sh"
    editor.write_text(f'#!/bin/sh\ntouch "{opened}"\n')
    editor.chmod(0o755)
    result = mailagent(drafted, "drafts", "edit", "2", EDITOR=str(editor), VISUAL=str(editor))
    assert result.returncode != 0
    assert "draft 2 is rejected; only pending drafts are edited" in result.stderr
    assert not opened.exists()


def review_in_terminal(config: Path, **env: str) -> pexpect.spawn:
    """``mailagent review`` on a pseudo-terminal, as a person runs it."""
    return pexpect.spawn(
        sys.executable,
        ["-m", "agent", "--config", str(config), "review"],
        env=child_env() | {"TERM": "dumb"} | env,
        encoding="utf-8",
        timeout=60,
    )


def test_interactive_review_through_a_pseudo_terminal(
    drafted: Path, tmp_path: Path, dovecot: DovecotServer
) -> None:
    editor = editor_script(tmp_path, 0, "P.S. edited in review [your answer to: which room?]")
    child = review_in_terminal(drafted, EDITOR=editor, VISUAL=editor)
    child.expect(r"\[1/3\]")
    child.expect(PROMPT)
    child.send("a")
    child.expect("saved to the Drafts folder")
    child.expect(r"\[2/3\]")
    child.expect(PROMPT)
    child.send("r")
    child.expect("reason")
    child.sendline("not needed")
    child.expect(r"\[3/3\]")
    child.expect(PROMPT)
    child.send("e")
    child.expect("draft 3 edited")
    child.expect("P.S. edited in review")
    child.expect(PROMPT)
    # an unfinished draft is refused and the review goes on, on the same draft
    child.send("a")
    child.expect("Error: draft 3 is not finished, it still holds")
    child.expect(PROMPT)
    child.send("g")  # drafting again would replace the edit: asked first
    child.expect(r"replace your edit\?")
    child.sendline("n")
    child.expect(PROMPT)
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    with database(drafted).session() as session:
        drafts = {d.id: d for d in session.scalars(select(DraftRow))}
        assert drafts[1].status == "saved"
        assert (drafts[2].status, drafts[2].reason) == ("rejected", "not needed")
        assert drafts[3].status == "pending" and drafts[3].edited
        assert "P.S. edited in review" in drafts[3].body
    assert len(drafts_on_server(dovecot)) == 1


def test_review_settles_choices_with_one_key_each(drafted: Path, dovecot: DovecotServer) -> None:
    with database(drafted).session() as session:
        session.get_one(DraftRow, 1).body = (
            "Hi Sender,\n\nThursday at 10:00 [choose: works for me. / doesn't work for me, "
            "could we find another time?]\n\nThanks for the invoice. [check: I'll pay it.]\n"
        )
    child = review_in_terminal(drafted)
    child.expect(r"\[1/3\]")
    child.expect(PROMPT)
    child.send("c")
    child.expect(r"2  doesn't work for me, could we find another time\?")
    child.send("9")  # no such option: nothing changes, the same draft is shown again
    child.expect("no option '9'; nothing was changed")
    child.expect(PROMPT)
    child.send("c")
    child.expect(r"2  doesn't work for me, could we find another time\?")
    child.send("2")
    child.expect(r"2  \(leave it out\)")
    child.send("1")
    child.expect(PROMPT)
    child.send("a")
    child.expect("saved to the Drafts folder")
    child.expect(r"\[2/3\]")
    child.expect(PROMPT)
    child.send("c")  # its only slot is for the user to write
    child.expect("nothing to choose in this draft")
    child.expect(PROMPT)
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    ((saved, _),) = drafts_on_server(dovecot)
    mine = saved.get_content().replace("\r\n", "\n").split("\n\nOn ")[0]
    assert mine == (
        "Hi Sender,\n\nThursday at 10:00 doesn't work for me, could we find another time?"
        "\n\nThanks for the invoice. I'll pay it."
    )


def test_drafts_choose_settles_by_number_and_refuses_what_it_cannot(drafted: Path) -> None:
    with database(drafted).session() as session:
        session.get_one(DraftRow, 1).body = "Hi,\n\nThanks. [check: I'll pay it.]\n"
    refused = mailagent(drafted, "drafts", "approve", "1")
    assert refused.returncode == 1
    assert "choose first (mailagent drafts choose 1 N...)" in refused.stderr
    # numbers picked from a text that has changed since are not applied by position
    with pytest.raises(DraftError, match="changed while you chose; nothing was changed"):
        choose(database(drafted), 1, [1], shown="Hi,\n\nThanks. [check: an older text]\n")
    wrong = mailagent(drafted, "drafts", "choose", "1", "3")
    assert wrong.returncode == 1 and "choose 1 to 2 for [check: I'll pay it.]" in wrong.stderr
    settled = mailagent(drafted, "drafts", "choose", "1", "1")
    assert settled.returncode == 0, settled.stderr
    assert "Thanks. I'll pay it." in settled.stdout
    assert mailagent(drafted, "drafts", "reject", "2").returncode == 0
    rejected = mailagent(drafted, "drafts", "choose", "2", "1")
    assert rejected.returncode == 1 and "only pending drafts are edited" in rejected.stderr
    with database(drafted).session() as session:
        draft = session.get_one(DraftRow, 1)
        assert draft.body == "Hi,\n\nThanks. I'll pay it.\n" and draft.edited


def test_stats_digest_and_log(drafted: Path) -> None:
    import json

    assert mailagent(drafted, "drafts", "reject", "2", "--reason", "no").returncode == 0
    stats = json.loads(mailagent(drafted, "stats", "--json").stdout)
    assert sum(row["count"] for row in stats["by_day"]) == 3
    assert stats["drafts"] == {"pending": 2, "rejected": 1}
    digest = json.loads(mailagent(drafted, "digest", "--json").stdout)
    assert len(digest["arrived"]) == 3
    assert [item["draft"] for item in digest["needs_reply"]] == [3, 1]
    log = json.loads(mailagent(drafted, "log", "--json", "--kind", "draft_rejected").stdout)
    assert [(row["draft_id"], row["detail"]["reason"]) for row in log] == [(2, "no")]
    listed = json.loads(
        mailagent(drafted, "drafts", "list", "--json", "--status", "pending").stdout
    )
    assert [row["id"] for row in listed] == [3, 1]


def test_the_digest_lists_unsure_verdicts_that_got_no_draft(drafted: Path) -> None:
    """A trial's tax adviser and school mail went to phishing (0.29) and newsletter (0.34):
    no draft, and nothing in the digest said so."""
    import json

    with database(drafted).session() as session:
        rows = session.scalars(select(MessageRow).order_by(MessageRow.uid)).all()
        for row, (category, confidence) in zip(
            rows, [("phishing", 0.29), ("phishing", 0.93), ("newsletter", 0.31)], strict=True
        ):
            row.category, row.confidence = category, confidence
        unsure_id = rows[0].id
        # a machine's mail sorted unsurely is no person's to draft a reply to (a trial's
        # dispatch notice was offered for relabelling)
        rows[2].new_text += "\n\nThis is an automated message - please do not reply."
    digest = json.loads(mailagent(drafted, "digest", "--json").stdout)
    assert [(i["message"], i["category"]) for i in digest["unsure"]] == [(unsure_id, "phishing")]
    shown = mailagent(drafted, "digest").stdout
    assert f"#{unsure_id} phishing 0.29" in shown
    assert "messages relabel ID work or personal" in shown
    # once relabelled, its category is settled
    assert mailagent(drafted, "messages", "relabel", str(unsure_id), "work").returncode == 0
    assert json.loads(mailagent(drafted, "digest", "--json").stdout)["unsure"] == []
    # junk that the correspondents classifier vouched for is listed however sure the verdict
    vouched = "you have written to kim@example.org since 2026-11-02 (DMARC pass): not junk"
    with database(drafted).session() as session:
        sure = session.scalars(select(MessageRow).order_by(MessageRow.uid)).all()[1]
        queries.add_result(
            session,
            sure.id,
            task="classify",
            plugin="correspondents",
            output={"category": "work", "confidence": 0.24, "evidence": [vouched]},
        )
    digest = json.loads(mailagent(drafted, "digest", "--json").stdout)
    assert [(i["message"], i["vouched"]) for i in digest["unsure"]] == [(sure.id, vouched)]
    shown = mailagent(drafted, "digest").stdout
    assert f"#{sure.id} phishing 0.93" in shown and f"but {vouched}" in shown
    # a machine's notice sorted as junk unsurely is listed: a twenty-ninth trial's driving
    # regulator's notice went to phishing at 0.31 and nothing showed it
    with database(drafted).session() as session:
        notice = session.scalars(select(MessageRow).order_by(MessageRow.uid)).all()[2]
        notice.category, notice.confidence = "phishing", 0.31
    digest = json.loads(mailagent(drafted, "digest", "--json").stdout)
    listed = [(i["message"], i["automated"]) for i in digest["unsure"]]
    assert sorted(listed) == [(sure.id, False), (notice.id, True)]
    shown = mailagent(drafted, "digest").stdout
    assert f"#{notice.id} phishing 0.31" in shown and "(automated)" in shown


def test_regenerate_and_account_filter(drafted: Path) -> None:
    import json

    result = mailagent(drafted, "drafts", "regenerate", "1")
    assert result.returncode == 0, result.stderr
    assert "draft 1 regenerated by fast-test" in result.stdout
    small = mailagent(drafted, "drafts", "regenerate", "1", "--model", "smollm2-135m")
    assert "smollm2-135m did not write it (it is below [plugins.draft] min_parameters" in (
        small.stdout
    )
    unknown = mailagent(drafted, "drafts", "regenerate", "1", "--model", "nope")
    assert unknown.returncode == 1
    assert "unknown model 'nope'" in unknown.stderr and "gemma3-270m" in unknown.stderr
    mine = json.loads(mailagent(drafted, "drafts", "list", "--json", "--account", "test").stdout)
    assert len(mine) == 3
    assert (
        json.loads(mailagent(drafted, "messages", "list", "--json", "--account", "x").stdout) == []
    )


def test_times_are_shown_in_the_machines_time_zone_with_the_zone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A trial's mail sent at 15:22 +0100 was shown as "14:22:10", the stored UTC, unlabelled."""
    import time
    from datetime import datetime

    from agent.cli.output import local_time

    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    try:
        assert local_time(datetime(2026, 12, 4, 14, 22, 10)) == "2026-12-04 15:22 CET"
        assert local_time(None) == ""
    finally:
        monkeypatch.undo()
        time.tzset()
