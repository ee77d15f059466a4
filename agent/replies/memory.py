"""The user's own replies: kept from their Sent folder and from the drafts they approve,
and found again for a new message that resembles what they answered before.

A pair is (the message answered, the reply the user actually sent). Similarity is the
cosine of the classify model's embeddings of the answered messages, centred on their mean
(a small model's mean-pooled states all point one way: uncentred, any two emails score
about 0.99), with a small bonus for the same sender (then the same domain), since people
answer the same correspondent alike. With fewer than :data:`MIN_TO_COMPARE` replies kept the
mean says too little, and replies are ranked by sender and recency alone.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from agent.language import language
from agent.message import Message
from agent.replies.asks import asked_times
from agent.replies.templates import SIGN_OFF, SIGNED_NAME, Voice, first_name
from models.runtime import ModelHandle
from storage import queries
from storage.db import Database
from storage.tables import ReplyRow

logger = logging.getLogger(__name__)

REPLY_TOKENS = 192
"""Tokens of an answered message the embedding reads."""
REPLY_QUESTION = "Question: what does this email ask its reader to do?\nAnswer: it asks"
"""Asked after the answered message, so the embedding describes what it asks."""
REPLY_FEATURES = "reply-question-v1"
"""Names how answered messages were embedded; others are embedded again."""
EMBED_PER_MESSAGE = 64
"""At most this many kept replies are embedded while one message is drafted; the rest
follow with the next messages, so a large Sent folder never stalls one message."""
MIN_TO_COMPARE = 10
ALIKE = 0.5
"""How alike (centred cosine) the mail a past reply answered must be to the new message for
that reply to serve it: as the draft itself, or as an example to a model."""
SAME_SENDER = 0.05
SAME_DOMAIN = 0.02
_GREETING = re.compile(r"^\s*(hi|hello|hey|dear|good morning|bonjour|salut|hallo|hola)\b", re.I)
_OPENER = re.compile(
    r"^(?:thanks|thank you|many thanks)\b(?: (?:so much|very much))? for (?:(?:your|the) "
    r"(?:email|e-mail|message|note|mail)|getting in touch|getting back to me)[.!]",
    re.I,
)
"""A thanks opening a reply that fits any mail ("Thank you for your email."), not one about
its matter ("Thanks for the photos")."""
_CLOSING_LINE_WORDS = 5
"""A line under a sign-off with more words than this (or a sentence) is no name or contact."""


@dataclass(frozen=True)
class PastReply:
    """One of the user's replies and the message it answered, with its likeness to a new one."""

    answered_sender: str
    answered_subject: str
    answered_text: str
    reply_text: str
    similarity: float
    source: str


def reply_text_for_embedding(subject: str, text: str) -> str:
    """What the embedding of an answered message reads: its subject, then its text."""
    return f"Email:\nSubject: {subject}\n\n{' '.join(text[:4000].split())}"


def embed_answered(model: ModelHandle, subject: str, text: str) -> np.ndarray:
    """The unit-length embedding of an answered message."""
    vector = np.asarray(
        model.embed(reply_text_for_embedding(subject, text), REPLY_TOKENS, REPLY_QUESTION),
        dtype=np.float32,
    )
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def similar_replies(
    db: Database, model: ModelHandle, account: str, message: Message, limit: int = 3
) -> list[PastReply]:
    """The user's replies to the messages most like ``message``, most similar first."""
    with db.session() as session:
        rows = list(queries.replies_of(session, account))
        if not rows:
            return []
        digest = model.identity
        missing = [row for row in rows if not _current(row, digest)][:EMBED_PER_MESSAGE]
        for row in missing:
            row.embedding = embed_answered(model, row.answered_subject, row.answered_text).tobytes()
            row.model_sha256, row.features = digest, REPLY_FEATURES
        ready = [row for row in rows if _current(row, digest)]
        if not ready:
            return []
        query = embed_answered(model, message.subject, message.new_text or message.quoted_text)
        matrix = np.stack([np.frombuffer(row.embedding or b"", dtype=np.float32) for row in ready])
        scores = _centred_cosines(matrix, query) if len(ready) >= MIN_TO_COMPARE else None
        sender = message.sender.email.lower() if message.sender else ""
        found = [
            PastReply(
                answered_sender=row.answered_sender,
                answered_subject=row.answered_subject,
                answered_text=row.answered_text,
                reply_text=row.reply_text,
                similarity=round(
                    (float(scores[i]) if scores is not None else 0.0)
                    + _bonus(row.answered_sender, sender),
                    4,
                ),
                source=row.source,
            )
            for i, row in enumerate(ready)
        ]
    # Most similar first; among equals (few replies kept), the most recent first.
    found.reverse()
    found.sort(key=lambda past: past.similarity, reverse=True)
    return found[:limit]


def _centred_cosines(matrix: np.ndarray, query: np.ndarray) -> np.ndarray:
    """Cosines of ``query`` with each row, after taking the rows' mean out of both."""
    mean = matrix.mean(axis=0)
    rows, centred = matrix - mean, query - mean
    norms = np.linalg.norm(rows, axis=1) * (np.linalg.norm(centred) or 1.0)
    return np.asarray((rows @ centred) / np.where(norms == 0, 1.0, norms))


def voice_of(replies: list[PastReply]) -> Voice:
    """The greeting, opening thanks, sign-off and name the user writes most often in
    ``replies``."""
    greetings: Counter[str] = Counter()
    openers: Counter[str] = Counter()
    sign_offs: Counter[str] = Counter()
    names: Counter[str] = Counter()
    for past in replies:
        lines = [line.strip() for line in past.reply_text.splitlines() if line.strip()]
        if lines and (greeting := _GREETING.match(lines[0])):
            greetings[greeting.group(1).capitalize()] += 1
            if len(lines) > 1 and (opener := _OPENER.match(lines[1])):
                said = opener.group(0)
                openers[said[0].upper() + said[1:].lower()] += 1
        for at, line in enumerate(lines[1:], start=1):
            if SIGN_OFF.match(line):
                sign_offs[line.strip().rstrip(",.!") + ","] += 1
                if at + 1 < len(lines) and SIGNED_NAME.fullmatch(lines[at + 1]):
                    names[lines[at + 1]] += 1
                break
    return Voice(
        greeting=greetings.most_common(1)[0][0] if greetings else "",
        opener=next((line for line, count in openers.most_common(1) if count >= 2), ""),
        sign_off=sign_offs.most_common(1)[0][0] if sign_offs else "",
        name=names.most_common(1)[0][0] if names else "",
        language=language(" ".join(past.reply_text for past in replies)),
    )


def without_sign_off(reply: str) -> str:
    """``reply`` without its closing: the last sign-off line ("Best regards,") when only
    names and contact lines follow it (a "Thanks," above more text is part of the reply)."""
    lines = reply.strip().splitlines()
    for i in range(len(lines) - 1, 0, -1):
        if SIGN_OFF.match(lines[i]):
            under = [line.strip() for line in lines[i + 1 :] if line.strip()]
            if all(_closing_line(line) for line in under):
                return "\n".join(lines[:i]).strip()
            break
    return "\n".join(lines)


def _closing_line(line: str) -> bool:
    """Whether ``line`` may be a name or contact line under a sign-off, not a sentence."""
    return len(line.split()) <= _CLOSING_LINE_WORDS and not line.endswith((".", "?", "!"))


def adapt(past: PastReply, message: Message) -> str:
    """``past``'s reply fitted to ``message``: its greeting names the new sender, the times
    the old message proposed become the new one's, and its sign-off is left to mailagent."""
    lines = without_sign_off(past.reply_text).splitlines()
    name = first_name(message.sender)
    if lines and (greeting := _GREETING.match(lines[0])):
        lines[0] = f"{greeting.group(0).strip()} {name},".replace(" ,", ",")
    body = "\n".join(lines).strip()
    new_times = asked_times(message.new_text)
    for old, new in zip(asked_times(past.answered_text), new_times, strict=False):
        body = body.replace(old, new)
    return body


def _current(row: ReplyRow, digest: str) -> bool:
    return (
        row.embedding is not None
        and row.model_sha256 == digest
        and (row.features == REPLY_FEATURES)
    )


def _bonus(answered: str, sender: str) -> float:
    answered = answered.lower()
    if not sender or not answered:
        return 0.0
    if answered == sender:
        return SAME_SENDER
    return SAME_DOMAIN if answered.rpartition("@")[2] == sender.rpartition("@")[2] else 0.0
