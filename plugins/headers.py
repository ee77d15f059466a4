"""Classifies from the message headers alone: list headers, bulk markers, replies.

No model is involved: these headers are set by mail software, which makes them strong
evidence for mailing lists and newsletters and good evidence that a message belongs to a
conversation (authentication results are the ``evidence`` plugin's). Each rule's confidence
below is what it is worth on its own; the combination weighs it against the other
classifiers.

Your labelled examples correct the rules: once ``[plugins.headers] calibrate_after``
examples (default 5) carry the same header marks as the message (list, bulk and
auto-submitted headers, a reply), the vote is their labels' distribution instead of the
rule's fixed guess. Where spam arrives through mailing lists, a list header then stops
calling it a list post.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from agent.combine import CONVERSATION, spread
from agent.config import Category
from agent.examples import ExampleSet, header_marks, is_header_mark
from agent.hookspecs import hookimpl
from agent.message import Message
from agent.results import Vote

_LIST_SOFTWARE = ("X-Mailman-Version", "X-BeenThere", "Mailing-List", "X-Ezmlm-Version")


def _labels_by_marks(examples: ExampleSet) -> dict[frozenset[str], Counter[str]]:
    """Each set of header marks among the examples, with the labels of those carrying it."""
    by_marks: dict[frozenset[str], Counter[str]] = {}
    for example in examples.examples:
        marks = frozenset(filter(is_header_mark, example.tokens))
        by_marks.setdefault(marks, Counter())[example.label] += 1
    return by_marks


def _calibrated(
    message: Message, categories: dict[str, Category], examples: ExampleSet, least: int
) -> tuple[dict[str, float], str] | None:
    """The labels of the examples with ``message``'s header marks, smoothed, if enough."""
    if not least:
        return None
    by_marks = examples.cached("headers.by_marks", lambda: _labels_by_marks(examples))
    assert isinstance(by_marks, dict)
    marks = frozenset(header_marks(message))
    labels = Counter({c: n for c, n in by_marks.get(marks, Counter()).items() if c in categories})
    total = sum(labels.values())
    if total < least:
        return None
    scores = {c: (labels[c] + 1) / (total + len(categories)) for c in categories}
    shares = ", ".join(f"{c} {n / total:.0%}" for c, n in labels.most_common(3))
    return scores, f"{total} of your examples with these headers: {shares}"


@hookimpl
def classify(
    message: Message,
    categories: dict[str, Category],
    examples: ExampleSet,
    settings: dict[str, Any],
) -> Vote | None:
    """Vote on list and bulk headers and reply chains."""
    evidence: list[str] = []
    verdict: tuple[str, float] | None = None
    scores: dict[str, float] = {}
    list_id = message.header("List-Id")
    precedence = message.header("Precedence").lower()
    unsubscribe = message.header("List-Unsubscribe")
    list_software = [name for name in _LIST_SOFTWARE if message.header(name)]
    auto = message.header("Auto-Submitted").lower()
    if list_id and (message.header("List-Post") or precedence == "list" or list_software):
        evidence.append(f"List-Id {list_id} with List-Post, Precedence: list or list software")
        verdict = ("mailing-list", 0.9)
    elif list_software or precedence == "list":
        evidence.append(
            f"mailing-list software headers: {', '.join(list_software) or 'Precedence'}"
        )
        verdict = ("mailing-list", 0.75)
    elif unsubscribe or precedence == "bulk" or list_id:
        evidence.append("List-Unsubscribe, List-Id or Precedence: bulk without List-Post")
        verdict = ("newsletter", 0.6)
    elif auto and auto != "no":
        evidence.append(f"Auto-Submitted: {auto}")
        verdict = ("newsletter", 0.5)
    elif message.in_reply_to and message.references and not message.html:
        # A reply within a thread, in plain text, from no list: a conversation.
        evidence.append("a plain-text reply in a thread (In-Reply-To and References)")
        scores = spread(categories, CONVERSATION, 0.7)
        if scores:
            verdict = (max(scores, key=lambda c: scores[c]), max(scores.values()))
    if verdict is not None:
        learned = _calibrated(
            message, categories, examples, int(settings.get("calibrate_after", 5))
        )
        if learned is not None:
            scores, note = learned
            evidence.append(note)
            verdict = (max(scores, key=lambda c: scores[c]), max(scores.values()))
    if verdict is None or verdict[0] not in categories:
        return None
    category, confidence = verdict
    return Vote(category=category, confidence=confidence, evidence=evidence, scores=scores)
