"""Sentence splitting for the checks that act on whole sentences of mail or draft text.

A stop inside a word or number ("$200.00", "example.com") does not end a sentence.
"""

from __future__ import annotations

import re

from agent.months import MONTHS

SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?![\s.!?]|$))*(?:[.!?]+|\n|$)")
"""One sentence with its end: stops, or a line break (for a draft, written line by line)."""


BULLET = r"[-*\u2022\u2013]"
"""The mark of an unnumbered list item: a hyphen, an asterisk, a bullet or an en dash."""
_MONTH_AFTER = "|".join([name for name in MONTHS if len(name) > 3] + ["mai"])
LIST_MARK = (
    rf"(?:\d{{1,2}}(?:\.(?![ \t]*(?:(?i:{_MONTH_AFTER})\b|bis\b|und\b|au\b|al\b))|\))"
    rf"|\(\d{{1,2}}\)|[a-h]\)|{BULLET})"
)
"""The mark of a list item: "1.", "2)", "(3)", "a)" or a :data:`BULLET` (not the day of a
date wrapped onto a line of its own: "am Freitag,\n11. Dezember", "vom\n22. bis 25. Januar")."""


_GOES_ON = r"(?:and|or|but|which|who|whether|then|so|und|oder|aber|et|ou|mais|y|o|pero)"
"""Words after a dash opening a line that carry a sentence on ("I wonder\n- and tell me if
this is mad - whether ..."): no list item."""


def _prose(no_end: str = "", items: bool = False) -> re.Pattern[str]:
    """A sentence of mail prose; ``no_end``: an alternation of more stops that do not end it;
    ``items``: a line opening on a list mark starts a sentence of its own."""
    item = rf"[ \t]*{LIST_MARK}[ \t](?!{_GOES_ON}\b)"  # a line that opens a list item
    line = rf"\n(?![ \t]*\n|{item})" if items else r"\n(?![ \t]*\n)"
    end = rf"|(?=\n{item})" if items else ""
    return re.compile(
        rf"(?:[^.!?\n]|{line}{no_end}|[.!?]+(?=[)\]])|[.!?](?![\s.!?]|$))*"
        rf"(?:[.!?]+|\n[ \t]*\n|${end})"
    )


PROSE_SENTENCE = _prose()
"""One sentence of mail prose with its end: stops, or a blank line. Hard-wrapped lines
(plain-text mail is wrapped at about 72 characters) stay in one sentence."""

_WORDS_TOO = {"march", "april", "june", "august"}
_OTHER_MONTHS = "|".join(
    [name for name in MONTHS if len(name) > 3 and name not in _WORDS_TOO] + ["mai"]
)
_TITLES = ("M", "Mr", "Ms", "Mrs", "Dr", "Prof", "Sr", "Sra", "Srta", "Mme", "Mlle", "Hr")
_AFTER_TITLE = "|".join(rf"(?<=(?<![\w.]){title})" for title in _TITLES)
_SHORT_MONTHS = ("jan", "feb", "apr", "jun", "jul", "aug", "sep", "oct", "okt", "nov", "dec", "dez")
_AFTER_SHORT_MONTH = "|".join(
    rf"(?<=(?<![\w.])(?i:{'|'.join(names)}))" for names in (_SHORT_MONTHS, ("sept",))
)
_ABBREVIATIONS = (
    *("Nr", "nr", "No", "inkl", "incl", "bzw", "evtl", "ggf", "ca", "approx", "vgl", "vs"),
    *(r"e\.g", r"i\.e", r"z\.B"),
)
_AFTER_ABBREVIATION = "|".join(rf"(?<=(?<![\w.]){word})" for word in _ABBREVIATIONS)
_NO_END = (
    rf"(?<=\d)\.(?=[ \t]+(?:[a-zäöüß]|(?i:{_OTHER_MONTHS}|{'|'.join(_SHORT_MONTHS)}|sept)\b))"
    rf"|(?:(?<=(?<!\d)\d)|(?<=(?<!\d)\d\d))\.(?=[ \t]+(?i:{'|'.join(_WORDS_TOO)})[ \t]+\d{{4}}\b)"
    rf"|(?:{_AFTER_TITLE})\.(?=[ \t]+\S)|(?:{_AFTER_SHORT_MONTH})\.(?=[ \t]+(?:\d|[a-zäöüß]))"
    rf"|(?:{_AFTER_ABBREVIATION})\.(?=[ \t]+\S)|(?<=(?<![\w.])no)\.(?=[ \t]+\d)"
    r"|(?<=\(\d)\.(?=[ \t]+\S)|(?<=\(\d\d)\.(?=[ \t]+\S)"
    r"|\.{3}(?=[ \t]+[a-zäöüßà-ÿ][^.!?\n]*[.!])"
)
"""Stops inside a sentence of German, French or Spanish mail: a German ordinal date's ("am 26.
November", "am 26.11. um 10 Uhr", "bis 17. April 2027"; not before a month that is also a word
or a name unless a year follows: "at 10. May I..."), a title's before a
name ("M. Garnier", "Sra. Lee"; not "3 P.M."), and a short month's before a year or a lower-case
word ("am 3. Okt. kommen", "Dec. 2026"), and an abbreviation's inside a sentence ("Rechnung Nr.
2026-118", "inkl. Lagerung", "the neighbour at no. 14", "(e.g. 2m)", "business vs. private
miles"), an ordinal's in brackets ("(2. Advent)"), and an ellipsis before a lower-case word
("vin... tout ce que tu veux")."""

ASKED_SENTENCE = _prose(f"|{_NO_END}", items=True)
"""A sentence of mail prose, as :data:`PROSE_SENTENCE`, for reading what a mail asks: a
German date or a title does not end it, and each item of a list is a sentence of its own
(an itinerary's lines are not run together). Not for the injection checks, whose patterns
look for a sentence's start."""


def upper_first(text: str) -> str:
    """The text with its first letter in capitals and the rest as written ("dad": "Dad")."""
    return text[:1].upper() + text[1:]
