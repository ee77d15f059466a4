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

A From address is easy to forge, so, like SpamAssassin's ``whitelist_auth``, the vote needs
the receiving server to have authenticated the From domain (DMARC pass, or DKIM or SPF pass
for that domain: ``agent.signals.authenticated_sender``). Set ``authserv_id`` to your
server's name in ``Authentication-Results`` so that a header the sender wrote is not read;
``require_authentication = false`` vouches without (for servers that add no such header),
which a forged exact address then passes. No vote either when any check fails (SPF, DKIM
or DMARC), when replies go to another domain (``Reply-To``, as in invoice fraud), for list
mail (``List-Id``: a list that rewrites From writes as the list address you posted to), or
when the sender is also a recipient (a forged From of the user's own address). The weight is
set by hand: examples carry no Sent folder to learn it from.
"""

from __future__ import annotations

from typing import Any

from agent.combine import CONVERSATION, JUNK, spread
from agent.config import Category
from agent.hookspecs import hookimpl
from agent.message import Correspondent, Message
from agent.results import Vote
from agent.signals import authenticated_sender, forgery


@hookimpl
def classify(
    message: Message,
    categories: dict[str, Category],
    correspondent: Correspondent | None,
    settings: dict[str, Any],
) -> Vote | None:
    """Not junk, when the sender is someone the user has written to and their server
    authenticated the address."""
    if correspondent is None or message.sender is None or message.header("List-Id"):
        return None
    sender = message.sender.email.lower()
    if sender != correspondent.address:
        return None
    if message.from_a_recipient() or forgery(message):
        return None
    authenticated = authenticated_sender(message, str(settings.get("authserv_id", "")))
    if not authenticated and settings.get("require_authentication", True):
        return None
    junk = set(settings.get("junk", JUNK))
    others = [c for c in categories if c not in junk]
    scores = spread(categories, others, float(settings.get("max_confidence", 0.97)))
    if not scores:
        return None  # no junk category configured, or nothing else
    shown = next((c for c in CONVERSATION if c in others), others[0])
    since = f" since {correspondent.first_written:%Y-%m-%d}" if correspondent.first_written else ""
    checked = f" ({authenticated})" if authenticated else " (not authenticated)"
    return Vote(
        category=shown,
        confidence=round(scores[shown], 4),
        scores=scores,
        evidence=[f"you have written to {sender}{since}{checked}: not junk"],
    )
