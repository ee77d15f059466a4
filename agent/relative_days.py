"""Days named from the day a mail was written: reading them (:data:`RELATIVE`,
:func:`named_day`), saying them again on a later day (:func:`said_on`), and their German,
French and Spanish words said in the English the reader resolves ("bis nächsten Mittwoch"
as "by next wednesday", "d'ici la fin du mois" as "by end of the month", "dans quinze jours"
as "in 14 days"), and the fixed holidays by name ("Boxing Day", "Nochevieja")."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from agent.months import (
    MONTH_NAMES,
    MONTHS_IN,
    WEEKDAY_LANGUAGE,
    WEEKDAYS,
    WEEKDAYS_ABROAD,
    english_weekday,
)

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

_TOMORROW_ABROAD = (
    r"(?<![Gg]uten )(?<!heute )(?<!gestern )(?<!jeden )(?-i:\bmorgen\b)",
    r"(?<!\bde )(?<!\bdu )\bdemain\b",
    r"(?<!la )(?<!esta )(?<!media )(?<!por )(?<!una )(?<!cada )(?<!toda )\bmañana\b",
)
"""Tomorrow in German, French and Spanish (not "Guten Morgen", "esta mañana")."""
_END_OF_NEXT_WEEK_ABROAD = (
    r"(?:(?:la\s+|el\s+)?fin(?:al)?(?:es)?\s+de\s+la\s+(?:semana\s+que\s+viene|próxima\s+semana)"
    r"|(?:la\s+)?fin\s+de\s+la\s+semaine\s+prochaine|ende\s+(?:der\s+)?nächste[nr]\s+woche)\b"
)
"""The end of next week in German, French and Spanish."""

_SAID: tuple[tuple[str, str | Callable[[re.Match[str]], str]], ...] = (
    (r"\b(?:übermorgen|après-demain|pasado mañana)\b", "the day after tomorrow"),
    *((tomorrow, "tomorrow") for tomorrow in _TOMORROW_ABROAD),
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
    # the end of next week, of the week or of the month
    (
        r"\b(?P<by>bis\s+(?:zum\s+)?|d'ici\s+(?:à\s+)?|avant\s+|para\s+|antes\s+del?\s+)?"
        + _END_OF_NEXT_WEEK_ABROAD,
        lambda m: f"{'by ' if m['by'] else ''}the end of next week",
    ),
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
    return english_weekday(match["wd"])


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


DATE_FOLLOWS = re.compile(
    rf",?\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\b|\s+\(\d{{1,2}}(?:st|nd|rd|th)\)"
    rf"|,?\s+(?:{MONTH_NAMES})\.?\s+\d{{1,2}}\b",
    re.I,
)
"""What follows a weekday that a written date completes ("Friday 4 December 2026", "Friday
(11th)")."""
RELATIVE = re.compile(
    r"\b(?P<word>today|tonight|tomorrow|the day after tomorrow"
    rf"|(?:(?P<weekon>a week on)|(?P<which>next|this|last|on|by|until|before|first thing))"
    rf"\s+(?P<day>{'|'.join(WEEKDAYS)})(?P<week>\s+week\b(?!\s*\d))?"
    rf"|(?P<dayweek>{'|'.join(WEEKDAYS)})\s+week(?!\w|\s*\d)"
    r"|(?P<eow>end of (?:the |this |(?P<nextweek>next ))?week)|(?P<eom>end of (?:the |this )?month)"
    rf"|(?<![\d%])(?<!\d\s)(?<!kg\s)(?:in|within)\s+(?P<n>\d{{1,3}}|{'|'.join(COUNTS)})"
    r"\s+(?P<unit>days|weeks)(?:'\s+time)?"
    r"(?!\s+of\b(?!\s+(?:the\s+date\s+of\s+)?this\s+(?:letter|e-?mail|notice|message)))"
    r")\b",
    re.I,
)
"""Days named from the day of writing: "tomorrow", "by Friday", "next Monday", "a week on
Friday" and "Friday week" (the Friday after next), "end of next week", "in two weeks"."""


LATER_THAT_DAY = re.compile(
    r"[ \t]+(?:morning|afternoon|evening|night|lunchtime|noon|midday|close of business|eod"
    r"|at\b|\d)",
    re.I,
)
"""An hour or part of the day after a weekday ("by Thursday evening"): written on that
weekday, it can be the same day."""


BY = ("by", "until", "before")


def named_day(match: re.Match[str], sent: date, past: bool, same_day: bool) -> date:
    """The day a relative phrase names; ``past``: "on Monday" said of a day gone by;
    ``same_day``: a deadline on the sending day's own weekday may be that day ("by Thursday
    evening" written on a Thursday morning), else it is next week's ("by Tuesday" written on
    a Tuesday)."""
    word = (match["word"] or "").lower()
    which = (match["which"] or "").lower()
    if match["day"] or match["dayweek"]:
        target = WEEKDAYS.index((match["day"] or match["dayweek"]).lower())
        if which == "last" or (which == "on" and past):
            back = (sent.weekday() - target) % 7
            return sent - timedelta(days=back or (7 if which == "last" else 0))
        ahead = (target - sent.weekday()) % 7
        if ahead == 0 and (which == "next" or (which in BY and not same_day)):
            ahead = 7
        later = bool(match["weekon"] or match["week"] or match["dayweek"])
        return sent + timedelta(days=ahead + (7 if later else 0))
    if match["eow"]:
        return sent + timedelta(days=(4 - sent.weekday()) % 7 + (7 if match["nextweek"] else 0))
    if match["n"]:  # "in two weeks", "within 30 days"
        days = count(match["n"]) * (7 if match["unit"].lower().startswith("w") else 1)
        return sent + timedelta(days=days)
    if match["eom"]:
        following = date(sent.year + sent.month // 12, sent.month % 12 + 1, 1)
        return following - timedelta(days=1)
    offsets = {"today": 0, "tonight": 0, "tomorrow": 1, "the day after tomorrow": 2}
    return sent + timedelta(days=offsets[" ".join(word.split())])


def written_as(day: date, language: str, today: date) -> str:
    """``day`` after its weekday, as a date is written in ``language`` (" 11 December",
    ", 11. Dezember", " 11 décembre", " 11 de diciembre"), with its year when it is not
    ``today``'s."""
    month = MONTHS_IN[language][day.month - 1]
    year = f" {day.year}" if day.year != today.year else ""
    return {
        "de": f", {day.day}. {month}{year}",
        "es": f" {day.day} de {month}{year}",
    }.get(language, f" {day.day} {month}{year}")


def said_on(
    phrase: str, written: date, today: date, next_week: bool = False, alone: bool = True
) -> str:
    """``phrase``, written on ``written``, as a reply made on ``today`` says it: each day it
    names from the day of writing that would name another day read on ``today`` is given
    its date ("by Friday" written on Monday 30 November and said on 7 December: "by Friday
    4 December"; "by the end of next week": "by Friday 11 December"; "next week": "this
    week"; "d'ici la fin de la semaine prochaine": "d'ici vendredi 11 décembre", "bis
    morgen": "bis Dienstag, 1. Dezember"); the days that still hold stay as written.
    ``next_week``: a weekday named alone is in the week after the week of writing (the mail
    asked about next week); ``alone`` false: a weekday named alone is left as written (the
    mail names dates it may be one of: "am Samstag" in a mail about a stay from 15 to 18
    January)."""
    if today <= written:
        return phrase

    def again(match: re.Match[str]) -> str:
        if match["day"] and DATE_FOLLOWS.match(match.string, match.end()):
            return match[0]  # "by Friday 4 December": the written date says which Friday
        same_day = bool(LATER_THAT_DAY.match(match.string, match.end()))
        then = named_day(match, written, False, same_day)
        ahead = (match["which"] or "").lower() == "next"  # "next Saturday" reads two ways
        if then == named_day(match, today, False, same_day) and not ahead:
            return match[0]
        if match["eom"]:
            return f"{match['the'] or ''}end of {MONTHS_IN['en'][then.month - 1]}"
        which = (match["which"] or "").lower()
        kept = f"{match['which']} " if which in (*BY, "on", "first thing") else ""
        if match["n"]:
            kept = "by " if match[0].lower().startswith("within") else "on "
        weekday = WEEKDAYS[then.weekday()].capitalize()
        dated = f"{weekday}{written_as(then, 'en', today)}"
        if (match["word"] or "").lower() == "tonight":
            return f"the evening of {dated}"
        return f"{kept}{dated}"

    def weekday_again(match: re.Match[str]) -> str:
        name = match["wd"].lower()
        day = english_weekday(name)
        same_day = bool(LATER_THAT_DAY.match(match.string, match.end()))
        bare = not (match["by"] or match["next"] or match["prochain"])
        if bare and not alone:
            return match[0]
        # a day offered alone on its own weekday is next week's, unless an hour follows
        which = "by" if match["by"] else "on" if bare and same_day else "next"
        english = RELATIVE.fullmatch(f"{which} {day}")
        assert english is not None
        then = named_day(english, written, False, same_day)
        if bare and next_week:  # "Are you free next week? I could do Thursday"
            then = written + timedelta(days=7 - written.weekday() + WEEKDAYS.index(day))
        ahead = bool(match["next"] or match["prochain"])  # "nächsten Samstag" reads two ways
        if then == named_day(english, today, False, same_day) and not ahead:
            return match[0]
        said = f"{match['by'] or ''}{match['article'] or ''}{match['wd']}"
        return f"{said}{written_as(then, WEEKDAY_LANGUAGE[name], today)}"

    def week_again(match: re.Match[str]) -> str:
        weekend = bool(match["end"])
        start = 5 if weekend else 0  # a weekend from its Saturday, a week from its Monday
        ahead = 7 if match["which"].lower() == "next" else 0
        then = written + timedelta(days=start - written.weekday() + ahead)
        now = today + timedelta(days=start - today.weekday())
        if then == now + timedelta(days=ahead):
            return match[0]
        kind = "weekend" if weekend else "week"
        if then in (now, now + timedelta(days=7)):
            return f"{'this' if then == now else 'next'} {kind}"
        return f"the {kind} of {then.day} {MONTHS_IN['en'][then.month - 1]}"

    def abroad_again(match: re.Match[str]) -> str:
        english = RELATIVE.search(in_english(match["day"]))
        if english is None:
            return match[0]
        then = named_day(english, written, False, False)
        if then == named_day(english, today, False, False):
            return match[0]
        language = _language_of(match["day"])
        weekday = WEEKDAYS_IN[language][then.weekday()]
        article = "" if match["by"] and language != "es" else _ON[language]
        return f"{match['by'] or ''}{article}{weekday}{written_as(then, language, today)}"

    def week_abroad_again(match: re.Match[str]) -> str:
        language = _language_of(match[0])
        then = written + timedelta(days=7 - written.weekday())
        now = today - timedelta(days=today.weekday())
        if then == now + timedelta(days=7):
            return match[0]
        this, of_week = _WEEKS_IN[language]
        if then == now:
            return this
        return f"{of_week}{written_as(then, language, today).lstrip(', ')}"

    phrase = _ABROAD_SAID.sub(abroad_again, phrase)
    phrase = _NEXT_WEEK_ABROAD.sub(week_abroad_again, phrase)
    phrase = _RELATIVE_SAID.sub(again, phrase)
    phrase = _WEEKDAY_SAID.sub(weekday_again, phrase)
    return _WEEK_SAID.sub(week_again, phrase)


WEEKDAYS_IN = {
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
}
"""The weekdays as a date is written in German, French and Spanish, Monday first."""
_ON = {"de": "am ", "fr": "", "es": "el "}
"""The word before a weekday and its date said alone ("am Dienstag, 1. Dezember")."""
_WEEKS_IN = {
    "de": ("diese Woche", "die Woche vom "),
    "fr": ("cette semaine", "la semaine du "),
    "es": ("esta semana", "la semana del "),
}
"""This week, and the week of a day, in German, French and Spanish."""
_ABROAD_SAID = re.compile(
    r"(?P<by>\b(?:bis|d'ici|avant|para|antes\s+del?|hasta)\s+(?:zum\s+|à\s+)?)?"
    rf"(?P<day>{'|'.join(_TOMORROW_ABROAD)}|\b{_END_OF_NEXT_WEEK_ABROAD})",
    re.I,
)
"""A German, French or Spanish day named from the day of writing, with the word for "by"
before it: "bis morgen", "demain", "d'ici la fin de la semaine prochaine"."""
_NEXT_WEEK_ABROAD = re.compile(
    r"\b(?:nächste\s+woche|la\s+semaine\s+prochaine|la\s+semana\s+que\s+viene"
    r"|la\s+próxima\s+semana)\b",
    re.I,
)
"""Next week, in German, French and Spanish."""


def _language_of(said: str) -> str:
    """The language of a German, French or Spanish day said (:data:`_ABROAD_SAID`)."""
    if re.search(r"morgen|ende|woche", said, re.I):
        return "de"
    return "fr" if re.search(r"demain|semaine", said, re.I) else "es"


_RELATIVE_SAID = re.compile(rf"(?P<the>\bthe\s+)?{RELATIVE.pattern}", re.I)
"""A day named from the day of writing, with the "the" of "the end of next week"."""
_WEEKDAY_SAID = re.compile(
    r"(?<!\bnext )(?<!\bthis )(?<!\blast )(?<!\bon )(?<!\bby )(?<!\buntil )(?<!\bbefore )"
    r"(?<!\bthing )(?<!\bweek on )"
    r"(?P<by>\b(?:bis|d'ici|avant|para|antes\s+del?|hasta)\s+(?:spätestens\s+|zum\s+)?)?"
    r"(?P<article>\b(?:am|el)\s+)?(?P<next>(?:nächsten|kommenden|próximo)\s+)?"
    r"(?<!\ble )(?<!\bles )(?<!\blos )"
    rf"\b(?P<wd>{'|'.join([*WEEKDAYS, *WEEKDAYS_ABROAD])})\b(?P<prochain>\s+prochain\b)?"
    rf"(?!\s+week\b|\s+(?:dernier|pasado|que\s+viene)\b|{DATE_FOLLOWS.pattern}"
    r"|,?\s*(?:den\s+|le\s+|el\s+)?\d)",
    re.I,
)
"""A weekday named alone ("Saturday morning", "domingo") or with the German, French or
Spanish words for "by" and "next" ("bis Freitag", "mardi prochain", "el próximo viernes"):
the English ones with a word before them are :data:`RELATIVE`'s, and French "le mardi" and
Spanish "los martes" are every Tuesday."""
_WEEK_SAID = re.compile(r"\b(?P<which>this|next)\s+week(?P<end>end)?\b", re.I)
"""A week or weekend named from the week of writing."""
