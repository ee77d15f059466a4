"""Parsing: the bundled sample, HTML, quotes and signatures, and 500+ real malformed messages."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from agent.message import Origin, RawMessage
from agent.parse import parse
from agent.sources.local import SAMPLE_DAY, read_mailbox, sample_mailbox
from tests.conftest import shared_dir

ORIGIN = Origin(account="test", folder="test")


def sample(name: str) -> RawMessage:
    path = next(sample_mailbox().glob(f"{name}*.eml"))
    return RawMessage(data=path.read_bytes(), origin=ORIGIN)


def test_every_sample_message_parses_cleanly() -> None:
    messages = [parse(raw) for raw in read_mailbox(sample_mailbox())]
    assert 10 <= len(messages) <= 20
    assert all(not message.defects for message in messages)
    assert all(message.sender and message.subject and message.new_text for message in messages)
    assert len({message.message_id for message in messages}) == len(messages)


def test_the_sample_day_is_the_day_of_its_newest_message() -> None:
    """``process --sample`` drafts as of SAMPLE_DAY: the sample's last day, not a later one."""
    days = [parse(raw).date for raw in read_mailbox(sample_mailbox())]
    assert max(day for day in days if day is not None).date() == SAMPLE_DAY


def test_thread_of_three_shares_one_thread_key() -> None:
    first, second, third = (parse(sample(name)) for name in ("06", "07", "08"))
    assert first.thread_key == second.thread_key == third.thread_key == first.message_id
    assert third.in_reply_to == second.message_id
    assert third.references == (first.message_id, second.message_id)


def test_quoted_reply_is_separated_from_new_text() -> None:
    reply = parse(sample("07"))
    assert "wrote:" in reply.quoted_text
    assert not any(line.startswith(">") for line in reply.new_text.splitlines())
    assert "Q4" in reply.quoted_text


def test_signature_is_separated() -> None:
    note = parse(sample("03"))
    assert "Jamie Okafor" in note.signature
    assert "Jamie Okafor" not in note.new_text


def test_html_only_message_becomes_text() -> None:
    promo = parse(sample("02"))
    assert promo.html
    assert "<" not in promo.new_text
    assert "sale" in promo.new_text.lower()


def test_attachments_are_metadata_only() -> None:
    invoice = parse(sample("04"))
    (pdf,) = invoice.attachments
    assert pdf.filename.endswith(".pdf")
    assert pdf.content_type == "application/pdf"
    assert pdf.size > 0


def test_encoded_subject_and_quoted_printable_body() -> None:
    french = parse(sample("12"))
    assert "Dîner" in french.subject
    assert "é" in french.new_text


def test_garbage_is_stored_with_defects_not_an_exception() -> None:
    message = parse(RawMessage(data=b"\xff\xfe\x00garbage without headers", origin=ORIGIN))
    assert message.defects
    assert message.sha256


def test_missing_boundary_is_a_recorded_defect() -> None:
    raw = (
        b"From: a@example.com\r\nSubject: broken\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="nope"\r\n\r\nno parts here\r\n'
    )
    message = parse(RawMessage(data=raw, origin=ORIGIN))
    assert any("Boundary" in defect for defect in message.defects)


def robustness_files() -> list[Path]:
    root = shared_dir("robustness")
    return sorted(path for path in root.rglob("*") if path.is_file() and path.name != "README.md")


def test_every_robustness_message_parses_without_an_exception() -> None:
    files = robustness_files()
    assert len(files) >= 500
    with_defects = 0
    for path in files:
        message = parse(RawMessage(data=path.read_bytes(), origin=ORIGIN))
        assert message.sha256 and message.size == path.stat().st_size
        with_defects += bool(message.defects)
    # About a hundred fixtures are broken on purpose; their defects must be recorded.
    assert with_defects >= 80


@pytest.mark.parametrize("name", ["enclosed-endless.eml", "torture.eml"])
def test_notorious_fixtures_keep_their_text_bounded(name: str) -> None:
    (path,) = [p for p in robustness_files() if p.name.endswith(name)]
    message = parse(RawMessage(data=path.read_bytes(), origin=ORIGIN))
    assert len(message.text) <= 3 * 200_000


def test_a_base64_body_with_a_list_footer_is_decoded_and_keeps_the_footer() -> None:
    """List software appends plain footers to base64 bodies; the stdlib leaves them encoded."""
    encoded = base64.encodebytes(b"Dear member, the meeting moved to Thursday.").decode()
    raw = (
        "From: a@example.org\nSubject: moved\nContent-Type: text/plain; charset=utf-8\n"
        f"Content-Transfer-Encoding: base64\n\n{encoded}\n"
        "_______________________________________________\nlist mailing list\n"
    )
    message = parse(RawMessage(data=raw.encode(), origin=ORIGIN))
    assert message.new_text.startswith("Dear member, the meeting moved to Thursday.")
    assert "list mailing list" in message.new_text
    assert any("after the base64 body" in defect for defect in message.defects)


def test_a_single_part_decoding_defect_is_recorded() -> None:
    raw = b"From: a@example.org\nSubject: x\nContent-Transfer-Encoding: base64\n\nQUJDRA=\n"
    assert "InvalidBase64PaddingDefect" in parse(RawMessage(data=raw, origin=ORIGIN)).defects


def test_thanks_opening_a_paragraph_of_questions_is_no_signature() -> None:
    """A twelfth trial's freelancer wrote "Thanks, got it. Two things ...: can you send me
    the updated glossary ...?" and the parser took everything after "Hi Noor," for a
    sign-off: the draft lost all three asks."""
    raw = (
        b"From: Lukas <lukas@example.de>\r\nTo: noor@example.org\r\nSubject: Re: Glossary\r\n"
        b"Message-ID: <g1@example.de>\r\n\r\nHi Noor,\r\n\r\nThanks, got it. Two things: can "
        b"you send me the updated glossary?\r\n\r\nAlso, should it stay as it is?\r\n\r\n"
        b"Cheers,\r\nLukas\r\n"
    )
    message = parse(RawMessage(raw, Origin("local", "test")))
    assert "can you send me the updated glossary?" in message.new_text
    assert "should it stay as it is?" in message.new_text
