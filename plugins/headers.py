"""Classifies from the message headers alone: list headers, bulk markers, authentication.

No model is involved: these headers are set by mail software, which makes them strong
evidence for mailing lists and newsletters and weak evidence of forgery.
"""

from __future__ import annotations

from agent.config import Category
from agent.hookspecs import hookimpl
from agent.message import Message
from agent.results import Vote


def _auth_failures(message: Message) -> list[str]:
    results = " ".join(
        value.lower() for name, value in message.headers if name.lower() == "authentication-results"
    )
    return [check for check in ("spf", "dkim", "dmarc") if f"{check}=fail" in results]


@hookimpl
def classify(message: Message, categories: dict[str, Category]) -> Vote | None:
    """Vote mailing-list or newsletter on list headers; phishing on failed authentication."""
    evidence: list[str] = []
    verdict: tuple[str, float] | None = None
    list_id = message.header("List-Id")
    precedence = message.header("Precedence").lower()
    unsubscribe = message.header("List-Unsubscribe")
    if list_id and (message.header("List-Post") or precedence == "list"):
        evidence.append(f"List-Id {list_id} with List-Post or Precedence: list")
        verdict = ("mailing-list", 0.9)
    elif unsubscribe or precedence == "bulk":
        evidence.append("List-Unsubscribe or Precedence: bulk without List-Post")
        verdict = ("newsletter", 0.7)
    failures = _auth_failures(message)
    if failures:
        evidence.append(f"authentication failed: {', '.join(failures)}")
        verdict = ("phishing", 0.4 + 0.15 * len(failures))
    if verdict is None or verdict[0] not in categories:
        return None
    category, confidence = verdict
    return Vote(category=category, confidence=confidence, evidence=evidence)
