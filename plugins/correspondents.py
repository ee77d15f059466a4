"""Classifies mail from someone the user has written to as a conversation, not junk.

No model is involved. The user's Sent folder shows whom they write to (``agent.replies.sent``
keeps every sent message's recipients). Mail from one of those addresses is rarely spam or
phishing, and the commonest harm of a spam filter is a friend's or a client's mail moved out
of the inbox. The vote shares ``[plugins.correspondents] max_confidence`` (default 0.97)
evenly among the categories that are not ``junk`` (default spam and phishing) and gives the
junk categories the rest: with the six default categories each other category is 16 times
as likely as each junk one. It leans against junk and leaves the kind of mail (work,
personal, newsletter, list) to the other classifiers; the category it names is work (or
personal), for show, at its share. Pooled at ``[plugins.correspondents] weight`` (default 1),
it turns a borderline junk verdict around (phishing at 0.67, the rest evenly spread) and
leaves a sure one standing (phishing at 0.95).

A From address is easy to forge. No vote is given when the receiving server's
authentication results fail (SPF, DKIM or DMARC), when replies go to another domain than
the sender's (``Reply-To``, as in invoice fraud), or when the sender is also a recipient
(a forged From of the user's own address). A forged exact address that passes all these
is still vouched for; the other classifiers' evidence then has to outweigh this vote.
The weight is set by hand: examples carry no Sent folder to learn it from.
"""

from __future__ import annotations

from typing import Any

from agent.combine import CONVERSATION, JUNK, spread
from agent.config import Category
from agent.hookspecs import hookimpl
from agent.message import Correspondent, Message
from agent.results import Vote
from agent.signals import forgery


@hookimpl
def classify(
    message: Message,
    categories: dict[str, Category],
    correspondent: Correspondent | None,
    settings: dict[str, Any],
) -> Vote | None:
    """Not junk, when the sender is someone the user has written to and nothing says the
    address is forged."""
    if correspondent is None or message.sender is None:
        return None
    sender = message.sender.email.lower()
    if sender != correspondent.address:
        return None
    if sender in {a.email.lower() for a in (*message.to, *message.cc)} or forgery(message):
        return None
    junk = set(settings.get("junk", JUNK))
    others = [c for c in categories if c not in junk]
    scores = spread(categories, others, float(settings.get("max_confidence", 0.97)))
    if not scores:
        return None  # no junk category configured, or nothing else
    shown = next((c for c in CONVERSATION if c in others), others[0])
    since = f" since {correspondent.first_written:%Y-%m-%d}" if correspondent.first_written else ""
    times = "once" if correspondent.written == 1 else f"{correspondent.written} times"
    return Vote(
        category=shown,
        confidence=round(scores[shown], 4),
        scores=scores,
        evidence=[f"you have written to {sender} {times}{since}: not junk"],
    )
