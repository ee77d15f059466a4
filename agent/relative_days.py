"""Days named from the day a mail was written, in German, French and Spanish, said again in
the English words the date reader resolves ("bis nächsten Mittwoch" as "by next wednesday",
"d'ici la fin du mois" as "by end of the month", "dans quinze jours" as "in 14 days"), and
the fixed holidays by name ("Boxing Day", "Nochevieja")."""

from __future__ import annotations

import re
from collections.abc import Callable

from agent.months import WEEKDAYS, WEEKDAYS_ABROAD

_WD = f"(?P<wd>{'|'.join(WEEKDAYS_ABROAD)})"
_NO_DAY_AFTER = r"(?!,?\s*(?:den\s+|le\s+|el\s+)?\d)"
"""Not a weekday that a written date completes ("Freitag, den 18.12.", "vendredi 18")."""
COUNTS = {
    **{"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10},
    **{"zwei": 2, "drei": 3, "vier": 4, "zehn": 10},
    **{"deux": 2, "trois": 3, "quatre": 4, "dix": 10, "huit": 7},
    **{"quinze": 14, "dos": 2, "tres": 3, "cuatro": 4, "diez": 10},
    "quince": 14,
}
"""Numbers of days or weeks as words; French "huit jours" and "quinze jours" are a week and
a fortnight, as is Spanish "quince días"."""
_COUNT = rf"(?P<n>\d{{1,3}}|{'|'.join(COUNTS)})"

_SPAN_START = re.compile(r"\b(?:vom|von|ab|du)\s+\d{1,2}\.?\s*$", re.I)
"""The start of a span before its end ("vom 15. bis zum 18."): that end is no deadline."""

_SAID: tuple[tuple[str, str | Callable[[re.Match[str]], str]], ...] = (
    (r"\b(?:übermorgen|après-demain|pasado mañana)\b", "the day after tomorrow"),
    (r"(?<![Gg]uten )(?<!heute )(?<!gestern )(?<!jeden )(?-i:\bmorgen\b)", "tomorrow"),
    (r"(?<!\bde )(?<!\bdu )\bdemain\b", "tomorrow"),
    (r"(?<!la )(?<!esta )(?<!media )(?<!por )(?<!una )(?<!cada )(?<!toda )\bmañana\b", "tomorrow"),
    # a farewell ("¡Hasta el lunes!", "Bis Montag!"), a weekday gone by ("el sábado pasado")
    (rf"\b(?:hasta|bis)\s+(?:el\s+)?{_WD}\s*!", lambda m: f"see you next {_day(m)}!"),
    *(
        (pattern, lambda m: f"last {_day(m)}")
        for pattern in (
            rf"\bel\s+{_WD}\s+pasado\b",
            rf"\b(?:letzten|vergangenen)\s+{_WD}\b",
            rf"\b{_WD}\s+dernier\b",
        )
    ),
    # a deadline on a weekday: "bis nächsten Mittwoch", "d'ici vendredi", "para el viernes"
    (
        rf"\b(?P<by>bis|d'ici|avant|para|antes del?|hasta)\s+(?:spätestens\s+|zum\s+|le\s+"
        rf"|el\s+)?(?P<next>nächsten\s+|kommenden\s+|próximo\s+)?{_WD}(?P<prochain>\s+prochain)?"
        rf"\b{_NO_DAY_AFTER}",
        lambda m: f"{_by(m)} {'next ' if m['next'] or m['prochain'] else ''}{_day(m)}",
    ),
    *(
        (pattern, lambda m: f"next {_day(m)}")
        for pattern in (
            rf"\b(?:am\s+)?(?:nächsten|kommenden)\s+{_WD}\b",
            rf"\b{_WD}\s+prochain\b",
            rf"\bel\s+próximo\s+{_WD}\b",
            rf"\bel\s+{_WD}\s+que\s+viene\b",
        )
    ),
    (rf"\b(?:diesen|ce|este)\s+{_WD}\b{_NO_DAY_AFTER}", lambda m: f"this {_day(m)}"),
    (rf"\b(?:am|el)\s+{_WD}\b{_NO_DAY_AFTER}", lambda m: f"on {_day(m)}"),
    # the end of the week or month
    (
        r"\b(?P<by>bis\s+(?:zum\s+)?|d'ici\s+(?:à\s+)?|avant\s+|para\s+|antes\s+del?\s+)?"
        r"(?:(?:la\s+|el\s+)?fin(?:al)?\s+de\s+(?:la|cette|esta)\s+semana\b|(?:la\s+)?fin\s+de"
        r"\s+(?:la|cette)\s+semaine\b|ende\s+(?:der|dieser)\s+woche\b)",
        lambda m: f"{'by ' if m['by'] else ''}end of the week",
    ),
    (
        r"\b(?P<by>bis\s+(?:zum\s+)?|d'ici\s+(?:à\s+)?|avant\s+|para\s+|antes\s+del?\s+)?"
        r"(?:(?:la\s+)?fin\s+du\s+mois\b|ende\s+(?:des|dieses)\s+monats\b|monatsende\b"
        r"|(?:el\s+)?fin(?:al)?\s+de(?:l)?\s+(?:este\s+)?mes\b)",
        lambda m: f"{'by ' if m['by'] else ''}end of the month",
    ),
    (r"\bantes\s+de\s+que\s+(?:acabe|termine)\s+el\s+mes\b", "by end of the month"),
    # a count of days or weeks: "in zwei Wochen", "dans quinze jours", "en dos semanas"
    (
        rf"\b(?:in|innerhalb\s+von|binnen|dans|d'ici|en|dentro\s+de)\s+{_COUNT}\s+"
        r"(?P<unit>tagen|wochen|jours|semaines|días|dias|semanas)\b",
        lambda m: f"in {count(m['n'])} {'days' if m['unit'][0].lower() in 'tjd' else 'weeks'}",
    ),
    # a day of the month alone: "avant le 15", "el día 3", "bis zum 15."
    (
        r"\b(?:avant|d'ici)\s+le\s+(?P<d>\d{1,2})\b(?!\s*(?:h\b|[:.]?\d))"
        r"|\bbis\s+zum\s+(?P<d2>\d{1,2})\.(?![\d.]|\s*\w)",
        lambda m: (
            m[0] if _SPAN_START.search(m.string, 0, m.start()) else f"by the {m['d'] or m['d2']}th"
        ),
    ),
    (r"\bel\s+día\s+(?P<d>\d{1,2})\b(?!\s*(?:de\b|[:.]?\d))", lambda m: f"on the {m['d']}th"),
)
_RELATIVE_ABROAD = [(re.compile(pattern, re.I), said) for pattern, said in _SAID]

HOLIDAYS = {
    **{"christmas eve": (12, 24), "christmas day": (12, 25), "boxing day": (12, 26)},
    **{"new year's eve": (12, 31), "new years eve": (12, 31), "new year's day": (1, 1)},
    **{"new years day": (1, 1), "heiligabend": (12, 24), "silvester": (12, 31)},
    **{"neujahr": (1, 1), "saint-sylvestre": (12, 31), "jour de l'an": (1, 1)},
    **{"nochebuena": (12, 24), "nochevieja": (12, 31)},
}
"""Holidays on the same day every year, by name (month, day)."""
HOLIDAY = re.compile(
    rf"\b(?P<name>{'|'.join(sorted(map(re.escape, HOLIDAYS), key=len, reverse=True))})\b",
    re.I,
)


def _day(match: re.Match[str]) -> str:
    return WEEKDAYS[WEEKDAYS_ABROAD[match["wd"].lower()]]


_STATE = re.compile(r"\b(?:bin|ist|sind|bist|seid|war|waren|estoy|está|están|estamos)\s+$", re.I)
"""A form of "to be" before "bis"/"hasta": a state until a day ("Ich bin bis Mittwoch im
Urlaub"), not a deadline."""
_TO_DO = re.compile(
    r"\b(?:mand|envi|confirm|pued|pod|necesit|termin|prepar|avis|pag|llam)\w*\b"
    r"|\b(?:bitte|kannst|können|könnten|schick|send|geben|sag|melde|merci|pourr|pouv|envoy)\w*",
    re.I,
)
"""A verb asking something of the reader before "para el viernes" ("¿Me lo puedes mandar para
el viernes?"), which makes it a deadline, not the day of something ("una reserva para el
viernes")."""


def _by(match: re.Match[str]) -> str:
    """The English for the word before a weekday: "by"; "on" after "to be" ("Ich bin bis
    Mittwoch im Urlaub") and after "para" that asks nothing."""
    before = match.string[max(0, match.start() - 80) : match.start()]
    sentence = re.split(r"[.!?]", before)[-1]
    word = match["by"].lower()
    if word in ("bis", "hasta") and _STATE.search(sentence):
        return "on"
    if word == "para" and not _TO_DO.search(sentence):
        return "on"
    return "by"


def count(said: str) -> int:
    """The number a count of days or weeks names: "14", "two", "quinze"."""
    said = said.lower()
    return int(said) if said.isdigit() else COUNTS[said]


def in_english(text: str) -> str:
    """``text`` with its German, French and Spanish days named from today in English words."""
    for pattern, said in _RELATIVE_ABROAD:
        text = pattern.sub(said, text)
    return text
