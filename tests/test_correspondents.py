"""Mail from someone the user has written to: the Sent folder's recipients are kept, and the
correspondents classifier leans against junk unless the sender's address looks forged."""

from __future__ import annotations

import types
from datetime import datetime
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import pytest
from sqlalchemy import select

from agent import hookimpl
from agent.app import App
from agent.combine import JUNK, combine
from agent.config import Category
from agent.daemon import Daemon
from agent.message import Correspondent, Message, Origin, RawMessage
from agent.parse import parse
from agent.results import Vote
from models.runtime import ModelPool
from plugins import correspondents
from storage.tables import CorrespondentRow, MessageRow, ResultRow
from tests.dovecot import DovecotServer, dovecot_unavailable_reason
from tests.imap_helpers import PASSWORD_ENV, write_config

CATEGORIES = {
    name: Category(description=name)
    for name in ("spam", "phishing", "newsletter", "mailing-list", "work", "personal")
}
ANA = Correspondent("ana@example.org", datetime(2025, 4, 2, 9, 0), datetime(2026, 11, 30))
PASSED = {
    "Authentication-Results": "mx.example.com; dkim=pass header.d=example.org; "
    "dmarc=pass header.from=example.org"
}
"""What the user's server writes of mail that is really from example.org."""


def mail(sender: str, *, headers: dict[str, str] | None = None) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "Alex Morgan <alex@example.com>"
    message["Subject"] = "Please confirm your bank details"
    message["Date"] = "Wed, 02 Dec 2026 10:00:00 +0000"
    message["Message-ID"] = make_msgid("confirm", domain="example.org")
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(
        "Hi Alex,\n\nBefore we pay your invoice, please confirm your IBAN and account holder "
        "name by Friday.\n\nAna\n"
    )
    return bytes(message)


def parsed(data: bytes) -> Message:
    return parse(RawMessage(data, Origin("test", "INBOX")))


def test_someone_you_wrote_to_is_voted_not_junk() -> None:
    message = parsed(mail("Ana Ruiz <Ana@Example.org>", headers=PASSED))
    vote = correspondents.classify(message, CATEGORIES, ANA, {})
    assert vote is not None
    assert vote.scores == pytest.approx(
        {
            "spam": 0.015,
            "phishing": 0.015,
            "newsletter": 0.2425,
            "mailing-list": 0.2425,
            "work": 0.2425,
            "personal": 0.2425,
        }
    )
    assert (vote.category, vote.confidence) == ("work", 0.2425)
    assert vote.evidence == [
        "you have written to ana@example.org since 2025-04-02 (DMARC pass): not junk"
    ]
    spf = {"Authentication-Results": "mx.example.com; spf=pass smtp.mailfrom=bounce@example.org"}
    undated = Correspondent("ana@example.org", None, None)
    vote = correspondents.classify(
        parsed(mail("ana@example.org", headers=spf)), CATEGORIES, undated, {"junk": ["spam"]}
    )
    assert vote is not None and vote.evidence == [
        "you have written to ana@example.org (SPF pass for example.org): not junk"
    ]
    assert vote.scores is not None and vote.scores["spam"] == pytest.approx(0.03)
    assert vote.scores["phishing"] == pytest.approx(0.194)


@pytest.mark.parametrize(
    ("results", "settings", "vouched"),
    [
        ("", {}, False),  # the server wrote nothing: the From address is unchecked
        (
            "mx.example.com; spf=pass smtp.mailfrom=evil.test; dkim=pass header.d=evil.test; "
            "dmarc=none",
            {},
            False,
        ),  # the sender's own domain passes, not example.org
        ("mx.example.com; dmarc=pass header.from=evil.test", {}, False),
        ("mx.example.com; dkim=pass header.d=mail.example.org", {}, True),
        ("", {"require_authentication": False}, True),
        ("mx.evil.test; dmarc=pass", {"authserv_id": "mx.example.com"}, False),
        ("mx.example.com; dmarc=pass", {"authserv_id": "mx.example.com"}, True),
    ],
)
def test_the_sender_must_be_authenticated_unless_the_user_says_otherwise(
    results: str, settings: dict[str, object], vouched: bool
) -> None:
    headers = {"Authentication-Results": results} if results else {}
    message = parsed(mail("Ana Ruiz <ana@example.org>", headers=headers))
    assert (correspondents.classify(message, CATEGORIES, ANA, settings) is not None) == vouched


@pytest.mark.parametrize(
    "headers",
    [
        {
            "Authentication-Results": "mx.example.com; spf=pass smtp.mailfrom=example.org; "
            "dmarc=fail"
        },
        {
            "Authentication-Results": "mx.example.com; dkim=fail header.d=example.org; spf=pass "
            "smtp.mailfrom=example.org"
        },
        {**PASSED, "Received-SPF": "fail (domain of example.org does not designate 203.0.113.9)"},
        {**PASSED, "Reply-To": "Ana Ruiz <accounts@ana-payments.net>"},
        {**PASSED, "List-Id": "Translators <translators.lists.example.org>"},
    ],
    ids=["dmarc-fail", "dkim-fail", "spf-fail", "reply-to-elsewhere", "list-mail"],
)
def test_no_vote_when_the_address_may_be_forged_or_is_a_list(headers: dict[str, str]) -> None:
    message = parsed(mail("Ana Ruiz <ana@example.org>", headers=headers))
    assert correspondents.classify(message, CATEGORIES, ANA, {}) is None


def test_no_vote_for_strangers_for_your_own_address_or_without_junk() -> None:
    ana = parsed(mail("Ana Ruiz <ana@example.org>", headers=PASSED))
    assert correspondents.classify(ana, CATEGORIES, None, {}) is None
    other = parsed(mail("Ana Ruiz <ana@example.org.evil.test>", headers=PASSED))
    assert correspondents.classify(other, CATEGORIES, ANA, {}) is None
    alex = Correspondent("alex@example.com", None, None)
    forged = parsed(mail("Alex Morgan <alex@example.com>"))  # From the user to the user
    unchecked = {"require_authentication": False}
    assert correspondents.classify(forged, CATEGORIES, alex, unchecked) is None
    work_only = {"work": Category(description="work")}
    assert correspondents.classify(ana, work_only, ANA, {}) is None


def test_the_vote_turns_a_borderline_junk_verdict_and_leaves_a_sure_one() -> None:
    message = parsed(mail("ana@example.org", headers=PASSED))
    vote = correspondents.classify(message, CATEGORIES, ANA, {})
    assert vote is not None
    names = list(CATEGORIES)
    weights = {"model": 1.0, "correspondents": 1.0}
    borderline = Vote(category="phishing", confidence=0.67)
    turned = combine({"model": borderline, "correspondents": vote}, weights, names)
    assert turned is not None and turned.category not in JUNK
    sure = Vote(category="phishing", confidence=0.95)
    kept = combine({"model": sure, "correspondents": vote}, weights, names)
    assert kept is not None and kept.category == "phishing"


def _says_phishing() -> Vote:
    return Vote(category="phishing", confidence=0.67, evidence=["test: borderline phishing"])


PHISHY = types.ModuleType("says_phishing")
PHISHY.classify = hookimpl(_says_phishing)  # type: ignore[attr-defined]


def sent(to: str, *, cc: str = "", bcc: str = "", day: int, answering: str = "") -> bytes:
    message = EmailMessage()
    message["From"] = "Alex Morgan <alex@example.com>"
    message["To"] = to
    if cc:
        message["Cc"] = cc
    if bcc:
        message["Bcc"] = bcc
    message["Subject"] = "Invoice 2026-31"
    message["Date"] = f"Mon, {day:02d} Nov 2026 09:00:00 +0000"
    message["Message-ID"] = make_msgid("sent", domain="example.com")
    if answering:
        message["In-Reply-To"] = answering
    message.set_content("Hi,\n\nMy invoice for November is attached.\n\nAlex\n")
    return bytes(message)


@pytest.mark.model
@pytest.mark.skipif(dovecot_unavailable_reason() is not None, reason="needs dovecot-imapd")
def test_the_sent_folders_recipients_keep_their_mail_out_of_junk(
    tmp_path: Path,
    dovecot: DovecotServer,
    model_pool: ModelPool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client = dovecot.client()
    client.create_folder("Sent")
    dovecot.append("alex", "Sent", sent("Ana Ruiz <Ana@example.org>", cc="ben@example.org", day=2))
    dovecot.append(
        "alex", "Sent", sent("ana@example.org, alex@example.com", bcc="cleo@example.net", day=23)
    )
    dovecot.append("alex", "INBOX", mail("Ana Ruiz <ana@example.org>", headers=PASSED))
    lookalike = mail("Accounts <ana@examp1e.org>")
    dovecot.append("alex", "INBOX", lookalike)
    forged = {"Authentication-Results": "mx.example.com; dmarc=fail header.from=example.org"}
    dovecot.append("alex", "INBOX", mail("Ana Ruiz <ana@example.org>", headers=forged))
    config = write_config(
        tmp_path / "config.toml",
        dovecot.port,
        fast=False,
        account='address = "alex@example.com"',
        extra='[plugins]\ndisabled = ["generative", "extract-model", "draft"]\n',
    )
    monkeypatch.setenv(PASSWORD_ENV, "secret-alex")
    app = App(config, pool=model_pool)
    app.pm.register(PHISHY, name="says-phishing")
    try:
        daemon = Daemon(app.config, app.pipeline())
        assert daemon.sync_all() == []
        assert daemon.sync_all() == []  # nothing is read twice
        dovecot.recreate_folder("alex", "Sent")  # new UIDVALIDITY: UIDs restart at 1
        dovecot.append("alex", "Sent", sent("Dana <dana@example.org>", day=25))
        assert daemon.sync_all() == []
        dovecot.append("alex", "Sent", sent("Eve <eve@example.org>", day=26))  # UID 2 again
        assert daemon.sync_all() == []
        answered = parsed(lookalike).message_id  # sorted phishing: "remove me" vouches not
        dovecot.append("alex", "Sent", sent("ana@examp1e.org", day=27, answering=answered))
        assert daemon.sync_all() == []
        daemon.close()
        with app.db.session() as session:
            kept = {
                row.address: (row.first_written, row.last_written)
                for row in session.scalars(select(CorrespondentRow))
            }
            assert kept == {  # not alex@example.com: Alex's own address
                "ana@example.org": (datetime(2026, 11, 2, 9), datetime(2026, 11, 23, 9)),
                "ben@example.org": (datetime(2026, 11, 2, 9), datetime(2026, 11, 2, 9)),
                "cleo@example.net": (datetime(2026, 11, 23, 9), datetime(2026, 11, 23, 9)),
                "dana@example.org": (datetime(2026, 11, 25, 9), datetime(2026, 11, 25, 9)),
                "eve@example.org": (datetime(2026, 11, 26, 9), datetime(2026, 11, 26, 9)),
            }
            rows = session.scalars(select(MessageRow).order_by(MessageRow.uid)).all()
            verdicts = [row.category for row in rows]
            vouched = [
                session.scalars(
                    select(ResultRow.output).where(
                        ResultRow.message_id == row.id, ResultRow.plugin == "correspondents"
                    )
                ).one_or_none()
                for row in rows
            ]
    finally:
        app.close()
    assert verdicts[0] not in JUNK  # Ana, whom Alex wrote to
    assert verdicts[1:] == ["phishing", "phishing"]  # a look-alike, and Ana's address forged
    assert vouched[0] is not None and vouched[0]["evidence"] == [
        "you have written to ana@example.org since 2026-11-02 (DMARC pass): not junk"
    ]
    assert vouched[1:] == [None, None]
