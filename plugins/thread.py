"""Classifies a reply as the earlier mail of its thread was sorted, when its sender took part.

No model is involved. A message that answers mail mailagent has stored usually belongs where
that mail went: the vote is the category of the latest earlier message of the thread (as
sorted, or as you relabelled it) whose sender or recipients include this message's sender,
at that message's confidence, at most ``[plugins.thread] max_confidence`` (default 0.9).
Only the conversation categories (work, personal) are carried: a sender of newsletters or
lists writes its own References, and could otherwise vouch for its next mail.
So a correction of a thread's first mail carries to its replies, and the two mails of one
conversation stop landing in different categories.

A message answering one of your own replies (read from your Sent folder, or a draft you
approved), from the person you replied to, is a conversation: when no earlier mail of the
thread says which kind, the vote shares ``max_confidence`` between work and personal, so such
mail is not sorted as junk with confidence.

A sender who took no part in the thread gets no vote: a reply slipped into a stolen thread
from another address (reply-chain phishing) is not vouched for by the thread; nor does mail
whose sender is also its recipient (a forged From of the user's own address). The vote is
pooled with the other classifiers at ``[plugins.thread] weight`` (default 1).
"""

from __future__ import annotations

from typing import Any

from agent.combine import CONVERSATION, spread
from agent.config import Category
from agent.hookspecs import hookimpl
from agent.message import Message, ThreadMail
from agent.results import Vote


@hookimpl
def classify(
    message: Message,
    categories: dict[str, Category],
    thread: list[ThreadMail],
    settings: dict[str, Any],
) -> Vote | None:
    """The category of the latest earlier mail of the thread that the sender took part in,
    else a conversation when the message answers one of the user's replies to its sender."""
    sender = message.sender.email.lower() if message.sender else ""
    if not sender or message.from_a_recipient():
        return None
    most = float(settings.get("max_confidence", 0.9))
    taking_part = [mail for mail in thread if sender in mail.participants]
    for earlier in reversed(taking_part):
        if earlier.category not in CONVERSATION or earlier.category not in categories:
            continue
        if earlier.confidence is None:
            continue
        confidence = min(earlier.confidence, most)
        if confidence * len(categories) <= 1:
            break  # no better than a guess
        return Vote(
            category=earlier.category,
            confidence=confidence,
            evidence=[
                f"message {earlier.message_id} of this thread, from {earlier.sender}, is "
                f"{earlier.category} ({earlier.confidence:.2f})"
            ],
        )
    scores = spread(categories, CONVERSATION, most)
    if not scores or not any(mail.yours for mail in taking_part):
        return None
    category = next(c for c in CONVERSATION if c in scores)
    return Vote(
        category=category,
        confidence=round(scores[category], 4),
        scores=scores,
        evidence=[f"it answers your reply to {sender}: a conversation, not junk"],
    )
