"""The checks a drafted reply passes before a person sees it.

Whichever plugin or model wrote a draft, it is shown only when it is a reply a person could
send after reading it: enough words, no markup, no greeting to the user themself, no date,
time, amount, number or name that the thread or the user's own text does not hold, no sentence
copied from the incoming mail, no link or address the user never wrote, no assistant's talk
("I can't assist with that", "Here is a draft") or template placeholder (``[Name]``), and
nothing taken out of it. Slots (``[your answer]``) are instructions to the user, not text:
the checks skip them, and approval refuses a draft until they are filled.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Set
from dataclasses import dataclass, field

from agent.draft_check import remove_copied_text, remove_foreign_links
from agent.language import LANGUAGES, sure_language
from agent.language import language as guess_language  # `language`: a parameter
from agent.months import MONTHS, WEEKDAY_NAMES, WRITTEN_MONTHS
from agent.replies.memory import PastReply
from agent.replies.templates import FORMAL, PHRASES

MIN_WORDS = 8
_TOLD = 2
"""A number or name the user wrote to this many different people is theirs to repeat."""

SLOT = re.compile(r"\[(?:your|choose|add|check)\b[^\]\n]*\]", re.I)
"""A part of a draft only the user can write: ``[your answer to: ...]``."""
REMOVED = re.compile(r"\[(?:text|link|address) removed\]")
"""Where a check took something out of a draft."""

_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*", re.UNICODE)
_MARKUP = re.compile(
    r"</?[a-z][^>\n]{0,200}>|&(?:[a-z]{2,8}|#\d{2,6});|\*\*|__|`|^\s*#{1,6}\s|\]\(|(?<!\w)#[a-z]\w+",
    re.I | re.M,
)
_NUMBER = re.compile(r"\d+")
_WRITTEN_WHEN = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th|\.)?\s+(?:of\s+|de\s+)?{WRITTEN_MONTHS}\b\.?(?:,?\s+\d{{4}})?"
    rf"|\b{WRITTEN_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\d)(?:,?\s+\d{{4}})?"
    r"|\b\d{1,2}[:.h]\d{2}(?!\d)|\b\d{1,2}\s?(?:am|pm|h|uhr)\b"
    r"|\b(?:at|around|um|à|a las|vers)\s+\d{1,2}(?:[:.h]\d{2})?(?!\d)"
    r"|\b\d{4}-\d{1,2}-\d{1,2}(?!\d)|\b\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?(?!\d)"
    r"|\b(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\b|\b(?:19|20)\d{2}(?!\d)",
    re.I,
)
"""A date, a time or a year as written, in English, French, German or Spanish: "22
September", "le 22 septembre à 10h", "22. Oktober", "10:30am", "3pm", "2026-09-22"."""
_CALENDAR = re.compile(
    rf"\b(?:{WEEKDAY_NAMES}|tomorrow|tonight|yesterday|übermorgen|demain|ayer"
    rf"|{'|'.join(name for name in MONTHS if len(name) > 3 and name != 'sept')}|mai)\b",
    re.I,
)
"""Day and month names, and words for the days around today, in English, German, French and
Spanish (not the abbreviations, "may", French "sept", nor "morgen" and "mañana", which also
mean morning). Some are also names ("June", "Julio", "Domingo"): one the thread holds passes."""
_ASSISTANT = re.compile(
    r"\bas an ai\b|\blanguage model\b|\bi can(?:'|\u2019|no)t (?:assist|help) with (?:that|this)"
    r"|\bi(?:'m|\u2019m| am) (?:sorry|unable)\b[^.\n]{0,30}\b(?:assist|help)\b"
    r"|\bhere(?:'s|\u2019s| is) (?:a|the|your) (?:draft|reply|response)\b|^\s*subject\s*:",
    re.I | re.M,
)
_SENTENCE = re.compile(
    r"(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bMrs\.)(?<!\bProf\.)(?<=[.!?:;])\s+|\n+"
)
"""Where a sentence begins (not after "Mr." and the like)."""
_NOT_NAMES = {
    *("i'm", "i'll", "i've", "i'd"),
    *("mr", "mrs", "ms", "miss", "dr", "prof", "sir", "madam", "herr", "frau"),
    *("monsieur", "madame", "mademoiselle", "señor", "señora", "sr", "sra", "don", "doña"),
    *("regards", "wishes", "best", "thanks", "cheers", "sincerely", "salutations", "saludos"),
}
"""Capitalised words that name no one: "I'm" and the like, titles, and the words of a sign-off
("Kind Regards")."""
_BRACKETED = re.compile(r"\[[^\]\n]{1,60}\]")
_GREETING = re.compile(
    r"^\W*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|bonjour|salut|hallo|hola|ciao)"
    r"\b[\s,]*(?P<name>[^\W\d_][\w'-]*)",
    re.I,
)


_WRITTEN = [
    re.sub(r"\{\w+\}", " ", phrase)
    for book in (*PHRASES.values(), *FORMAL.values())
    for phrase in book.values()
]
"""The phrasings every written reply uses, without their slots: a reply saying one ("Thank
you, I'm delighted you'd like to go ahead.") copies nothing from the mail ("We'd like to go
ahead"), whatever words the two share."""


@dataclass
class DraftContext:
    """What a draft is checked against."""

    mail_texts: list[str]
    """What others wrote: the message (subject, new and quoted text) and its thread."""
    own_texts: list[str] = field(default_factory=list)
    """What the user wrote: their signature, name, their own messages in the thread."""
    own_names: set[str] = field(default_factory=set)
    """The user's first names (casefolded): a greeting to them is a mistake."""
    language: str | None = None
    """The language the mail is clearly in (``templates.sure_language``): a draft clearly in
    another is a mistake."""
    standing: list[str] = field(default_factory=list)
    """Numbers and names the user wrote to several people, outside any date or time ("14
    Carlton Street"): their own facts, which a reply may repeat (:func:`standing_facts`)."""
    people: list[str] = field(default_factory=list)
    """The names of the people the thread's mail is from and to, and their signatures: a
    reply may name them."""
    elsewhere_names: set[str] = field(default_factory=set)
    """The names (casefolded) in what other threads hold that a draft may have drawn on: the
    user's similar replies and the mail they answered. One that this thread does not hold is
    another person's, carried over."""
    restated: list[str] = field(default_factory=list)
    """What the mail asks for, as it names it, with its deadline ("the final Q4 churn numbers
    by Wednesday, December 9", "den überarbeiteten Entwurf bis Freitag, den 11. Dezember"):
    a reply may repeat these without copying the mail, with the dates a later reply gives
    the days they name (``Asks.said_on``)."""

    def draws_on(self, past: Iterable[PastReply]) -> None:
        """Note the user's similar replies a draft may draw on: the numbers and names they
        state to several people may be repeated, their other names not."""
        replies = list(past)
        self.standing = standing_facts((p.answered_sender, p.reply_text) for p in replies)
        self.elsewhere_names = {
            name.casefold()
            for p in replies
            for text in (p.answered_text, p.reply_text)
            for name in names_in(text)
        }


def unfinished(body: str) -> list[str]:
    """The slots and removal marks left in ``body``: approval waits until there are none."""
    return [m.group(0) for m in SLOT.finditer(body)] + [m.group(0) for m in REMOVED.finditer(body)]


def check(body: str, context: DraftContext) -> list[str]:
    """Every reason ``body`` may not be shown as a draft (empty: it passes)."""
    text = SLOT.sub(" ", body)
    problems: list[str] = []
    own = "\n".join(context.own_texts)
    words = len(_WORD.findall(_unsigned(body, context.own_texts)))
    if words < MIN_WORDS:
        problems.append(f"too short: {words} words, at least {MIN_WORDS} wanted")
    markup = _markup(text)
    if markup:
        problems.append(f"markup or emoji: {markup}")
    greeted = _GREETING.match(text)
    if greeted and greeted.group("name").casefold() in context.own_names:
        problems.append(f"greets the user themself: {greeted.group(0).strip()}")
    made_up = invented(
        _without(text, context.own_texts),
        [
            *context.mail_texts,
            own,
            " ".join(context.standing),
            " ".join(context.people),
            *context.restated,
        ],
        context.language,
        context.elsewhere_names,
    )
    if made_up:
        problems.append(f"not in the thread: {', '.join(made_up)}")
    written = sure_language(_without(text, context.own_texts))
    if context.language and written and written != context.language:
        problems.append(
            f"written in {LANGUAGES[written]}, the mail is in {LANGUAGES[context.language]}"
        )
    assistant = _ASSISTANT.search(text)
    if assistant:
        problems.append(f"speaks as an assistant, not as the user: {assistant.group(0).strip()}")
    if REMOVED.search(text):
        problems.append("something was taken out of it")
    else:
        problems += [f"a placeholder left: {p}" for p in _BRACKETED.findall(text)]
    _, copied = remove_copied_text(
        text, [*context.own_texts, *context.restated, *_WRITTEN], context.mail_texts
    )
    problems += [flag.replace("sentence removed, it", "a sentence") for flag in copied]
    _, foreign = remove_foreign_links(text, context.own_texts)
    problems += [flag.replace(" removed,", ",") for flag in foreign]
    return problems


def _unsigned(text: str, own_texts: Iterable[str]) -> str:
    """``text`` without the lines it ends on that the user wrote themself (their sign-off,
    name and signature); a line of theirs inside it ("Thanks for your message.", quoted
    back to them) stays."""
    own = {line.strip() for own in own_texts for line in own.splitlines() if line.strip()}
    lines = text.rstrip().splitlines()
    while lines and (not lines[-1].strip() or lines[-1].strip() in own):
        lines.pop()
    return "\n".join(lines)


def _without(text: str, own_texts: Iterable[str]) -> str:
    """``text`` without the lines the user wrote themself (their signature, their name)."""
    for line in (line.strip() for own in own_texts for line in own.splitlines()):
        if line:
            text = text.replace(line, " ")
    return text


def _markup(text: str) -> str:
    found = _MARKUP.search(text)
    if found:
        return found.group(0).strip()
    for char in text:
        if unicodedata.category(char) == "So" or 0x1F000 <= ord(char) <= 0x1FAFF:
            return char
    return ""


def standing_facts(replies: Iterable[tuple[str, str]]) -> list[str]:
    """The numbers and names the user states to more than one person: in their replies
    (``(to whom, text)``) to at least two senders, and no part of a date, a time or a year
    (their fee, their street, their firm, a colleague). One said to one person only (another
    client's balance or name, the day they proposed to them) is not one: no mail can draw
    it into a reply to another."""
    told: dict[str, set[str]] = {}
    for sender, text in replies:
        facts = {*_NUMBER.findall(_WRITTEN_WHEN.sub(" ", text)), *names_in(text, leading=True)}
        for fact in facts:
            told.setdefault(fact, set()).add(sender.casefold())
    return [fact for fact, senders in told.items() if len(senders) >= _TOLD]


def names_in(text: str, leading: bool = False, language: str | None = None) -> list[str]:
    """The capitalised words of ``text`` that do not start a sentence or a line (the names
    it gives; with ``leading``, those that do too), without a possessive ("Max's": "Max"),
    less titles and day and month names. German capitalises every noun, so a text in
    German (or answering mail in ``language`` German) gives none."""
    if "de" in (language, guess_language(text)):
        return []
    found = []
    for sentence in _SENTENCE.split(text.replace("\u2019", "'")):
        for index, match in enumerate(_WORD.finditer(sentence)):
            word = re.sub(r"'s?$", "", match.group(0))
            titled = word[:1].isupper() and not word.isupper() and (leading or index > 0)
            ordinary = word.casefold() in _NOT_NAMES or word.casefold() in MONTHS
            if titled and not ordinary and not _CALENDAR.fullmatch(word):
                found.append(word)
    return list(dict.fromkeys(found))


def invented(
    text: str, sources: list[str], language: str | None = None, carried: Set[str] = frozenset()
) -> list[str]:
    """Numbers, days and months in ``text`` that none of ``sources`` mention, and names it
    shares with ``carried`` (other threads' names, casefolded) that none of them mention
    (``language``: the mail's, see :func:`names_in`)."""
    known = "\n".join(sources).casefold().replace("\u2019", "'")
    numbers = set(_NUMBER.findall(known))
    found = [n for n in _NUMBER.findall(text) if n not in numbers]
    found += [
        word for word in _CALENDAR.findall(text) if not re.search(rf"\b{word.casefold()}", known)
    ]
    found += [
        name
        for name in names_in(text, language=language)
        if name.casefold() in carried and not re.search(rf"\b{re.escape(name.casefold())}\b", known)
    ]
    return list(dict.fromkeys(found))
