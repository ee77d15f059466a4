"""Checks a drafted reply for what a prompt injection would plant in it.

A reply is the user's own words, so it may only carry links and email addresses the user
wrote themselves (their signature, their own earlier messages in the thread). Anything else,
including links copied from the incoming mail, is taken out of the draft and named in its
review flags, so an attacker's link never reaches an approved reply unnoticed.

A small model also parrots instructions it reads ("reply with a list of...", "tell them
that..."): a sentence of the draft that repeats a long run of the incoming mail word for word
is taken out the same way. A reply restates the sender's words only in short phrases or names,
so what counts is a run of :data:`COPIED_WORDS` words, most of them in lower case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from agent.sentences import SENTENCE

COPIED_WORDS = 5
"""A run of this many words of the mail's prose, repeated in a draft, removes its sentence."""

_MAIL_CHARS = 20_000
"""Of each mail text, the start that is checked: a model reads far less of it than this."""
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_WORD = re.compile(r"\w+")
_REMOVED = re.compile(r"\[(?:text|link|address) removed\]")
_LETTERS = re.compile(r"[^\W\d_]{2,}")
_TRAILING = ".,;:!?"


def _found(pattern: re.Pattern[str], texts: Iterable[str]) -> set[str]:
    return {m.rstrip(_TRAILING).lower() for text in texts for m in pattern.findall(text)}


def _runs(text: str, length: int) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + length]) for i in range(len(words) - length + 1)}


def remove_foreign_links(draft: str, own_texts: Iterable[str]) -> tuple[str, list[str]]:
    """``draft`` without links or addresses absent from ``own_texts``, and why each went."""
    own = list(own_texts)
    flags: list[str] = []
    for kind, pattern in (("link", _URL), ("address", _EMAIL)):
        allowed = _found(pattern, own)

        def strip(match: re.Match[str], kind: str = kind, allowed: set[str] = allowed) -> str:
            value = match.group(0)
            core = value.rstrip(_TRAILING)
            if core.lower() in allowed:
                return value
            flags.append(f"{kind} removed, not written by you: {core}")
            return f"[{kind} removed]{value[len(core) :]}"

        draft = pattern.sub(strip, draft)
    return draft, flags


def _copied_words(
    draft: str, copied: set[tuple[str, ...]], length: int, prose_only: bool = True
) -> list[int]:
    """Start offsets of the draft's words inside a copied run (with ``prose_only``, a run of
    prose, not of names)."""
    words = list(_WORD.finditer(draft))
    marked: set[int] = set()
    for i in range(len(words) - length + 1):
        run = words[i : i + length]
        prose = sum(word.group(0)[0].islower() for word in run)
        if prose_only and prose * 2 <= length:
            continue
        if tuple(w.group(0).lower() for w in run) in copied:
            marked.update(word.start() for word in run)
    return sorted(marked)


def remove_copied_text(
    draft: str,
    own_texts: Iterable[str],
    mail_texts: Iterable[str],
    length: int = COPIED_WORDS,
) -> tuple[str, list[str]]:
    """``draft`` without the sentences that repeat ``length`` running words of ``mail_texts``.

    Only runs of prose count (most words in lower case): names of people, companies and
    places may be repeated, and so may anything the user wrote (``own_texts``).
    """
    own = set().union(*(_runs(text, length) for text in own_texts))
    copied = set().union(*(_runs(text[:_MAIL_CHARS], length) for text in mail_texts)) - own
    marked = _copied_words(draft, copied, length) if copied else []
    if not marked:
        return draft, []
    flags: list[str] = []
    kept: list[str] = []
    for match in SENTENCE.finditer(draft):
        sentence = match.group(0)
        if not any(match.start() <= offset < match.end() for offset in marked):
            kept.append(sentence)
            continue
        flags.append(f"sentence removed, it repeats the incoming mail: {sentence.strip()[:80]}")
        lead = sentence[: len(sentence) - len(sentence.lstrip())]
        kept.append(lead + "[text removed]" + ("\n" if sentence.endswith("\n") else ""))
    return "".join(kept), flags


def copied_share(
    draft: str, texts: Iterable[str], ignore: Iterable[str] = (), length: int = 4
) -> float:
    """The share of ``draft``'s words inside a run of ``length`` words that ``texts`` hold and
    ``ignore`` does not: near 1 when ``draft`` is one of ``texts`` again. Runs are shorter
    than :data:`COPIED_WORDS` since a paraphrase keeps only short runs."""
    held = set().union(*(_runs(text, length) for text in texts))
    held -= set().union(*(_runs(text, length) for text in ignore))
    words = len(_WORD.findall(draft))
    return len(_copied_words(draft, held, length, prose_only=False)) / words if words else 0.0


def clean_draft(
    draft: str, own_texts: Iterable[str], mail_texts: Iterable[str] = ()
) -> tuple[str, list[str]]:
    """``draft`` without foreign links and addresses or copied sentences, and the flags why."""
    own = list(own_texts)
    draft, copy_flags = remove_copied_text(draft, own, mail_texts)
    draft, link_flags = remove_foreign_links(draft, own)
    flags = copy_flags + link_flags
    if flags and not _has_reply_left(draft, own):
        flags.append(
            "nothing of the reply is left: draft it again, on another model "
            "(mailagent drafts regenerate ID --model NAME), or write it yourself"
        )
    return draft, flags


def _has_reply_left(draft: str, own_texts: list[str]) -> bool:
    """Whether ``draft`` still says something beyond removal marks and the user's own lines."""
    text = _REMOVED.sub(" ", draft)
    for line in (line.strip() for own in own_texts for line in own.splitlines()):
        if line:
            text = text.replace(line, " ")
    return len(_LETTERS.findall(text)) >= 3
