"""Signals that do not age, read from small messages written for these tests."""

from __future__ import annotations

import textwrap

from agent.message import Origin, RawMessage
from agent.parse import parse
from agent.signals import Signal, signals
from agent.store import message_fields
from storage.tables import MessageRow


def message(headers: str, body: str, html: str = "") -> RawMessage:
    """A message with ``headers`` (one per line) and a plain body, or an HTML alternative."""
    head = textwrap.dedent(headers).strip()
    if not html:
        text = f"{head}\nContent-Type: text/plain; charset=utf-8\n\n{body}\n"
    else:
        text = (
            f'{head}\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary="b"\n\n'
            f"--b\nContent-Type: text/plain; charset=utf-8\n\n{body}\n"
            f"--b\nContent-Type: text/html; charset=utf-8\n\n{html}\n--b--\n"
        )
    return RawMessage(text.encode(), Origin("test", "INBOX"))


def found(raw: RawMessage) -> dict[str, str]:
    return {signal.name: signal.detail for signal in signals(parse(raw))}


PLAIN = """
From: Anna Berg <anna@berg-family.example.org>
To: me@example.com
Subject: Sunday lunch
"""


def test_an_ordinary_letter_shows_no_signal() -> None:
    assert found(message(PLAIN, "Lunch at ours on Sunday? Bring the kids.")) == {}


def test_a_lookalike_sender_that_names_a_brand() -> None:
    raw = message(
        """
        From: PayPal Service <service@paypa1.com>
        To: me@example.com
        Subject: Your account
        """,
        "Hello.",
    )
    seen = found(raw)
    assert seen["name-mismatch"] == "the name 'PayPal Service' sends from paypa1.com"
    assert seen["lookalike-domain"] == "paypa1.com spells PayPal in look-alike letters"


def test_a_punycode_link_is_read_in_its_own_letters() -> None:
    seen = found(message(PLAIN, "See https://xn--pypal-4ve.com/signin for details."))
    in_cyrillic = "p\N{CYRILLIC SMALL LETTER A}ypal.com"
    assert seen["idn-domain"] == f"xn--pypal-4ve.com is written in non-ASCII letters: {in_cyrillic}"
    assert "spells PayPal" in seen["lookalike-domain"]


def test_a_link_whose_text_shows_another_domain_than_its_target() -> None:
    html = (
        "<p>Sign in at <a href='http://203.0.113.7/wamu/login.php'>"
        "https://login.personal.wamu.com/</a> to keep your account.</p>"
        "<p><a href='https://www.wamu.com/privacy'>www.wamu.com/privacy</a></p>"
    )
    raw = message(PLAIN, "Sign in to keep your account.", html)
    parsed = parse(raw)
    assert [link.href for link in parsed.links] == [
        "http://203.0.113.7/wamu/login.php",
        "https://www.wamu.com/privacy",
    ]
    seen = found(raw)
    assert seen["link-text-mismatch"] == (
        "a link shows login.personal.wamu.com but goes to 203.0.113.7"
    )
    assert seen["ip-link"] == "a link goes to the IP address 203.0.113.7"


def test_links_are_stored_with_the_message() -> None:
    raw = message(PLAIN, "x", "<a href='https://bit.ly/3abc'>track your parcel</a>")
    fields = message_fields(parse(raw))
    assert MessageRow(**fields).links == [["track your parcel", "https://bit.ly/3abc"]]


def test_failed_dmarc_and_spf_from_the_receiving_server() -> None:
    raw = message(
        """
        Authentication-Results: mx.example.com;
         spf=fail (sender IP is 198.51.100.9) smtp.mailfrom=bank-alerts.example.net;
         dkim=none (message not signed) header.d=none;
         dmarc=fail action=oreject header.from=bank.example.com
        From: Bank <alerts@bank.example.com>
        To: me@example.com
        Subject: Statement
        """,
        "Your statement is ready.",
    )
    seen = found(raw)
    assert seen["spf-fail"] == "Authentication-Results (mx.example.com): spf=fail"
    assert seen["dmarc-fail"] == "Authentication-Results (mx.example.com): dmarc=fail"
    assert not {"dkim-pass", "dkim-fail", "spf-pass", "dmarc-pass"} & seen.keys()


def test_received_spf_and_passing_results_count_too() -> None:
    raw = message(
        """
        Received-SPF: SoftFail (mx.example.com: domain of transitioning x@y.example)
        From: Shop <orders@shop.example.com>
        Subject: Your order
        """,
        "Thanks for your order.",
    )
    assert found(raw) == {"spf-softfail": "Received-SPF: SoftFail"}


def test_a_shortened_link_and_replies_that_go_elsewhere() -> None:
    raw = message(
        """
        From: Parcel Service <notice@parcels.example.co.uk>
        Reply-To: parcels.help@gmail.com
        To: me@example.com
        Subject: Delivery attempt
        """,
        "Reschedule here: https://bit.ly/3xYzAb",
    )
    seen = found(raw)
    assert seen["shortener-link"] == "a link goes through the shortener bit.ly"
    assert seen["reply-to-elsewhere"] == "replies go to gmail.com, not example.co.uk"


def test_a_reply_to_of_the_same_registered_domain_is_no_signal() -> None:
    raw = message(
        """
        From: News <news@mail.shop.co.uk>
        Reply-To: help@shop.co.uk
        """,
        "Hello.",
    )
    assert "reply-to-elsewhere" not in found(raw)


def test_a_credential_request_with_urgency() -> None:
    seen = found(
        message(
            PLAIN,
            "Please verify your account details within 24 hours or it will be suspended.",
        )
    )
    assert seen["credential-request"] == "asks to 'verify your account'"
    assert seen["urgency"] == "hurries: 'within 24 hours'"
    assert "urgent-request" in seen


def test_a_payout_to_the_bank_account_is_no_payment_request() -> None:
    """A fourth trial's real payout notice ("initiated to your bank account ending in 4471")
    was read as asking for payment, and sorted as phishing."""
    payout = "A payout of GBP 1,284.50 has been initiated to your bank account ending in 4471."
    assert "payment-request" not in found(message(PLAIN, payout))
    asked = found(message(PLAIN, "Please confirm the bank account details today."))
    assert asked["payment-request"] == "asks about payment: 'bank account details'"
    changed = found(message(PLAIN, "We have changed our bank account, please pay the new one."))
    assert changed["payment-request"] == "asks about payment: 'changed our bank account'"


def test_html_and_archive_attachments() -> None:
    text = (
        "From: a@example.org\nSubject: invoice\nMIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="m"\n\n'
        "--m\nContent-Type: text/plain\n\nSee attached.\n"
        "--m\nContent-Type: text/html\nContent-Disposition: attachment; "
        'filename="Invoice_0423.html"\n\n<form></form>\n'
        "--m\nContent-Type: application/zip\nContent-Disposition: attachment; "
        'filename="scan.zip"\nContent-Transfer-Encoding: base64\n\nUEsDBA==\n--m--\n'
    )
    seen = signals(parse(RawMessage(text.encode(), Origin("test", "INBOX"))))
    assert seen == [
        Signal("html-attachment", "an HTML attachment: Invoice_0423.html"),
        Signal("archive-attachment", "an archive attached: scan.zip"),
    ]
