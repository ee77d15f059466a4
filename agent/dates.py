"""The dates a text names, and which of them it sets as deadlines: absolute dates in the
forms English, German, French and Spanish mail writes them, and, from the day a message
was sent, the relative days of :mod:`agent.relative_days` ("by Friday", "next Tuesday",
"end of the month")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import suppress
from datetime import date, datetime, timedelta

from agent.months import (
    MONTH_NAMES,
    MONTHS,
    WEEKDAY_NAMES,
    WEEKDAYS,
    WEEKDAYS_ABROAD,
    english_weekday,
)
from agent.relative_days import (
    BY,
    DATE_FOLLOWS,
    HOLIDAY,
    HOLIDAYS,
    LATER_THAT_DAY,
    RELATIVE,
    in_english,
    named_day,
)

_OF = r"(?:\s+(?:de|of))?"
"""Spanish writes "19 de diciembre de 2026", English "the 14th of July"."""
_DATE_PATTERNS = (
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    re.compile(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d{2})\b"),  # 11.12.2026
    re.compile(
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th|er)?\.?{_OF}\s+(?P<mon>{MONTH_NAMES})\.?,?{_OF}"
        rf"\s+(?P<y>\d{{4}})\b",
        re.I,
    ),
    re.compile(
        rf"\b(?P<mon>{MONTH_NAMES})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b",
        re.I,
    ),
)
_YEARLESS = (
    re.compile(
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th|er)?\.?{_OF}\s+(?P<mon>{MONTH_NAMES})\b\.?"
        rf"(?!,?{_OF}\s+\d{{4}})",
        re.I,
    ),
    re.compile(
        rf"\b(?P<mon>{MONTH_NAMES})\.?[ \t]+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s+\d{{4}})",
        re.I,
    ),
)
"""A day and month without a year ("4 December", "March 7", not "November" ending a line
above a list's "2."): the year is the one that puts it nearest the message's date."""
WEEKDAY_THE = re.compile(
    rf"\b(?P<day>{'|'.join(WEEKDAYS)}),?\s+\(?(?:the\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th))\b(?!\.?\s+(?:of\s+)?(?:{MONTH_NAMES})\b)",
    re.I,
)
"""A weekday with a day of the month and no month ("Saturday the 12th", "Friday (11th)")."""
_BY_THE_DAY = re.compile(
    r"\b(?P<cue>by|before|no later than|on)(?:\s+close of (?:play|business) on)?"
    r" the (?P<d>\d{1,2})(?:st|nd|rd|th)\b"
    r"(?=[ \t]*(?:\Z|\n[ \t]*\n|[.,;:!?)]|\s*(?:so|if|at|please|to|for|when|because|latest)\b"
    r"|\s*and\b(?!\s+(?:the\s+)?\d)))",
    re.I,
)
"""A day of the month alone, a deadline ("let me know by the 12th so I can book") or a day
to come ("Are you free on the 1st?"): the next such day; not "by the 3rd week", "on the 2nd
floor" (wrapped or not), "by the 12th or 13th of January"."""
_WEEKDAY_DAY_ABROAD = re.compile(
    rf"\b(?P<day>{'|'.join(WEEKDAYS_ABROAD)}),?\s+(?:le\s+|el\s+|den\s+)?(?P<d>\d{{1,2}})"
    rf"(?:\.|er)?(?![\d:]|\.\d|\s*h\b|\s*uhr\b|\.?\s*(?:de\s+)?(?:{MONTH_NAMES})\b)",
    re.I,
)
"""A German, French or Spanish weekday with a day of the month and no month ("domingo 13",
"mardi 15", "Dienstag, den 15.")."""
_NUMERIC_YEARLESS = re.compile(
    r"(?:(?<=\bbis )|(?<=\bzum )|(?<=\bam )|(?<=\bvom )|(?<=\bab ))(?P<d1>\d)\.(?P<m1>\d)\.(?!\d)"
    r"|(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?!\d)"
    r"|(?<![\d/.])(?P<d2>\d{2})/(?P<m2>\d{2})(?:/(?P<y2>\d{4}))?(?![\d/])",
    re.I,
)
"""A day and month without the year: German "15.12.", "bis 1.2." (not a version number:
"1.5."); "14/01" or "12/25", whichever way round a day above 12 makes it (not "07/01")."""
_PAST_VERBS = (
    r"\b(?:was|were|did|had|met|went|came|saw|told|said|spoke|sent|(?<!'ve )(?<!have )(?<!has )got"
    r"|received|called|picked up|collected|dropped off|bought|brought|took|noticed|tried"
    r"|talked|discussed|mentioned|visited|started|finished|arrived|left|signed|paid)\b"
)
_PAST = re.compile(
    _PAST_VERBS
    + r"(?:(?!\b(?:could|would|can|will|shall|going|planning|hoping|wondering|if)\b)[^.!?\n])"
    r"{0,40}$",
    re.I,
)
"""A verb in the past tense shortly before "on Monday" in its sentence: a day gone by (not
"I was wondering if we could meet on Monday")."""
_PAST_ABROAD = (
    r"\b(?:war|waren|warst|hatte|hatten|fue|fueron|fuimos|fui|estuve|estuvimos|était|étions"
    r"|s'était|avait|avons été|sommes allés|geschafft|terminamos|terminé|monté|fini|operaron"
    r"|operó|opérée?|operiert)\b"
)
"""Verbs in the past tense in German, French and Spanish ("Am Montag war ich beim Arzt",
"El lunes fuimos al cine", "Avant le 15, tout s'était bien passé")."""
_GONE = re.compile(
    rf"{_PAST_VERBS}|{_PAST_ABROAD}|\b(?:turned up|raised|sold|spent|last year|letztes jahr"
    r"|l'année dernière|el año pasado)\b",
    re.I,
)
"""A sentence about the past, whose days are gone by."""
_COMING = re.compile(
    r"\b(?:will|'ll|shall|going to|please|must|need|needs|can we|could we|can you|could you"
    r"|let's|let us|catch up|see you|talk|speak|call|back|ends?|expires?|due|payable|free"
    r"|bitte|werden|wird|melden|treffen|können wir|endet|läuft|rappelle|reparle|on se voit"
    r"|vamos|nos vemos|hablamos|te llamo|vence)\b|\b(?:is|are|es|ist|est) on\b|\?",
    re.I,
)
"""A sentence about what is to come ("We'll need your final numbers in two weeks", "Are you
free on the 1st?")."""
_NOT_THE_DAY = re.compile(
    r"\b(?:herrn?|frau|mr|mrs|ms|dr|feliz|happy|frohes|frohe|bonne|buon)\.?\s+$", re.I
)
"""A word before a holiday's name that makes it no day: a surname ("Herrn Silvester"), a
greeting ("¡Feliz año nuevo!")."""
_SLASH_CUE = re.compile(
    r"\b(?:on|by|until|till|due|before|after|from|dated|date|deadline(?: is)?|am|le|el|del|du"
    r"|vom|bis|zum|to|avant|antes del?|hasta|para el)\s+(?:the\s+)?$",
    re.I,
)
"""Words before a day and month written with a slash that make it a date ("Our first event
back is on 14/01"; not "the food was 13/10" or "a 24/10 score")."""


_OWED = re.compile(
    r"\b(?:due|payable|pay|zahlen|payer|pagar|at the latest|deadline|frist|spätestens"
    r"|au plus tard|a más tardar)\b",
    re.I,
)
"""Words that make a day counted from the mail a deadline whatever else the sentence tells
("GBP 2,400 (the sheets we signed off on Tuesday), due in 30 days")."""


def _to_come(sentence: str) -> bool:
    """Whether ``sentence`` speaks of what is to come, and not of the past."""
    return bool(_OWED.search(sentence)) or (
        bool(_COMING.search(sentence)) and not _GONE.search(sentence)
    )


_WRITER_DID = re.compile(
    r"\b(?:i|we) (?:(?:have|had|'ve) )?(?:ordered|bought|booked|placed|paid|rang|phoned|called"
    r"|emailed|wrote)\b[^.!?\n]{0,80}$"
    r"|\b(?:i'll|i will|we'll|we will) (?:be|leave|go|arrive|get going|head off)\b"
    r"(?![^.!?\n]*\b(?:if|please|need\w*|must|so|but|unless|otherwise|hear|confirm|reply|send"
    r"|pay|return)\b)[^.!?\n,;]{0,50}$",
    re.I,
)
"""The writer saying what they did on a day ("I ordered a copy of The Salt Roads by Ines
Carvalho in your shop on 10 November") or where they will be ("I'll be out of your hair by
Saturday lunchtime"): no deadline, whatever "by" it holds."""
_ARRIVAL = re.compile(
    r"(?:\b(?:arriv\w*|be delivered|be with you|reach you)(?:\s+[\w']+){0,4}?\s+(?:by|before)\b"
    r"|\b(?:parcel|package|delivery|shipment|baby)\s+(?:is\s+|was\s+)?due\b"
    r"|\bshould be (?:out|home|back|discharged)\s+(?:by|before)\b)"
    r"[^.\n]{0,40}$",
    re.I,
)
"""When something reaches the reader or the writer gets home ("it should arrive by Monday, 9
March", "your refund will arrive in your account before 20 March", "an Amazon parcel due on
Wednesday", "should be out by Thursday or Friday" of hospital): a date, not a deadline of
the reader's, unless the reader is to see to it (:data:`_INSIST`)."""
_INSIST = re.compile(r"\b(?:please|must|ensure|make sure|need to|needs to|has to|have to)\b", re.I)
_DEADLINE_CUE = re.compile(
    r"\b(?:by|before|due(?! to\b| for renewal\b)|deadline|no later than|until|latest|bis|spätestens"
    r"|avant|d'ici"
    r"|au plus tard|antes del?|hasta|a más tardar|frist)\b[^.\n]{0,30}$",
    re.I,
)
_NEW_PHRASE = re.compile(r"^\S+\s+\w[^.\n]*\s[-\u2013](?:\s[^.\n]*)?$")
"""A dash after a deadline word and the words it governs: the date after it starts a new
phrase ("drinks before Christmas - Thursday 10th or Friday 11th?"); only where the date is
one of a choice (:data:`_CHOICE_AFTER`)."""
_CHOICE_AFTER = re.compile(r"\s*(?:\?|or\b|oder\b|ou\b|o\b)", re.I)
_EVENTS_DAY = re.compile(
    r"^(?![^.\n]*\b(?:due|deadline|latest|frist)\b)[^.\n]*?"
    r"\b(?:is|are|was|were|will be|falls?)\s+on(?:\s+the)?\s*$",
    re.I,
)
"""The day of an event a deadline word named ("The panel's last meeting before Christmas is
on 10 December"); not "The deadline for a response ... is May 18"."""
_NO_DEADLINE = re.compile(
    r"\b(?:from|vom|von|du|del?)\s+[^!?\n]{1,25}?\s+(?:to|until|till|through|bis(?:\s+zum)?"
    r"|au|al|hasta(?:\s+el)?)(?:\s+the)?\s*$"
    r"|\b(?:closed|away|off|out of (?:the )?office|on (?:holiday|leave|vacation)|shut"
    r"|geschlossen|im urlaub|abwesend|fermée?s?|absente?|en congé|cerrad[oa]s?"
    r"|de vacaciones)\b(?!\s+by\b)[^.\n]{0,25}$"
    r"|\b\d{1,2}(?:st|nd|rd|th|er|\.)?\s*(?:to|until|till|bis|au|al|-|\u2013)\s*$"
    r"|\bbetween\s+[^.\n]{1,25}?\s+and\s*$"
    r"|\b(?:from|as of|starting|effective|ab|à partir du|dès le|desde|a partir del?)"
    r"(?:\s+the)?\s*$"
    r"|\b(?:valid|renewed|extended|runs|verlängert|gültig|läuft|valable|prolongée?|válid[oa]"
    r"|renovad[oa])\b[^.\n]{0,40}\b(?:until|till|through|to|bis(?:\s+zum)?|jusqu'(?:au|à)"
    r"|hasta(?:\s+el)?)\s*$",
    re.I,
)
"""Words before a date that make it the end of a span ("we're coming from 15 to 18
January", "vom 15. bis 18. Januar", "so 2. bis 6. April") or its start ("up by about 9%
from 1st January"), of an absence ("the office is
closed until 4 January") or of a validity ("Ihre Mitgliedschaft wurde ... verlängert (bis
31.12.2027)"): no deadline for the reader."""
_ANY_WEEKDAY = "|".join([*WEEKDAYS, *WEEKDAYS_ABROAD])
_NAMED_DAY_BEFORE = re.compile(
    rf"\b(?P<start>(?:from|vom|von|du|del?|desde)\s+[^!?\n]{{0,25}}?\b(?:{MONTH_NAMES}"
    rf"|{_ANY_WEEKDAY})\b[^!?\n]{{0,15}}?\s+(?:to|until|till|through|bis(?:\s+zum)?|au|al"
    rf"|hasta(?:\s+el)?))\s+(?:{_ANY_WEEKDAY}),?(?:\s+(?:the|le|el|den))?\s*$",
    re.I,
)
"""A weekday between a span's word and its date, where the span starts on a day ("von
Samstag 27. März bis Samstag 3. April"; not "den Betrag von 250 Euro bis Montag, 18.
Januar"): :data:`_NO_DEADLINE` reads the words before it."""


def _day_and_month(match: re.Match[str]) -> tuple[int, int] | None:
    """The day and month a match of :data:`_NUMERIC_YEARLESS` names, if it names one."""
    if match["d"] and len(match["d"] + match["m"]) > 2:  # not "Version 1.5."
        day, month = int(match["d"]), int(match["m"])
    elif match["d1"]:
        day, month = int(match["d1"]), int(match["m1"])
    elif not match["d2"]:
        return None
    elif int(match["d2"]) > 12 >= int(match["m2"]):
        day, month = int(match["d2"]), int(match["m2"])
    elif int(match["m2"]) > 12 >= int(match["d2"]):
        day, month = int(match["m2"]), int(match["d2"])
    else:
        return None
    return (day, month) if 1 <= month <= 12 and 1 <= day <= 31 else None


_GOES_ON = r"(?=[^\W\d_A-ZÀ-Ý])"
"""A lower-case letter next: after a line break, a sentence wrapped onto the next line
("am Montag\\noperiert")."""


def _sentence_after(text: str, match: re.Match[str]) -> str:
    """The words of ``match``'s sentence after it (across a line it wraps onto)."""
    after = re.match(rf"(?:[^.!?\n]|\n{_GOES_ON})*", text[match.end() :])
    return after.group(0) if after else ""


def _sentence_before(text: str, match: re.Match[str]) -> str:
    """The words of ``match``'s sentence up to it (across a line it wraps from)."""
    stops = list(re.finditer(rf"[.!?]|\n(?!{_GOES_ON})", text[: match.start()]))
    start = stops[-1].end() if stops else 0
    return text[start : match.start()]


def sentence_around(text: str, match: re.Match[str]) -> str:
    """The whole sentence of ``text`` that ``match`` is in."""
    return f"{_sentence_before(text, match)}{match.group(0)}{_sentence_after(text, match)}"


ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
"""A day as :func:`find_dates` gives it (extraction stores deadlines so)."""


def find_dates(text: str, sent: datetime | None = None) -> tuple[list[str], list[str]]:
    """ISO dates mentioned in ``text``, and the ones phrased as deadlines.

    With ``sent`` (the message's Date), relative days are resolved too: "tomorrow", "next
    Friday", "by Monday", "end of the week" (its Friday), "end of the month", "in two weeks",
    "on the 1st", the holidays of :data:`HOLIDAYS`, and their German, French and Spanish
    words (:func:`agent.relative_days.in_english`); "last Monday", and "on Monday" after a
    verb in the past tense ("we met on Monday"), count back.
    """
    text = in_english(text)
    dates: list[str] = []
    deadlines: list[str] = []

    def found(day: date, match: re.Match[str], cue_chars: int, deadline: bool = False) -> None:
        dates.append(day.isoformat())
        cue = " ".join(text[max(0, match.start() - cue_chars) : match.start()].split())
        said = " ".join(text[max(0, match.start() - max(cue_chars, 45)) : match.end()].split())
        arriving = _ARRIVAL.search(said) and not _INSIST.search(_sentence_before(text, match))
        earlier = re.split(
            r"[.!?]", " ".join(text[max(0, match.start() - 150) : match.start()].split())
        )
        span = _NO_DEADLINE.search(_NAMED_DAY_BEFORE.sub(r"\g<start>", cue))
        gone = re.search(_PAST_ABROAD, f"{earlier[-1]} {_sentence_after(text, match)}", re.I)
        bounded = span or gone or _WRITER_DID.search(earlier[-1])
        cued = _DEADLINE_CUE.search(cue)
        choice = _CHOICE_AFTER.match(text, match.end())
        if cued and (
            (choice and _NEW_PHRASE.search(cue[cued.start() :])) or _EVENTS_DAY.search(cue)
        ):
            cued = None
        if (deadline or cued) and not arriving and not bounded:
            deadlines.append(day.isoformat())

    if sent is not None:
        today = sent.date()
        for match in RELATIVE.finditer(text):
            if match["day"] and DATE_FOLLOWS.match(text, match.end()):
                continue  # "by Friday 4 December": the written date says which Friday
            which = (match["which"] or "").lower()
            sentence = text[max(0, match.start() - 60) : match.start()]
            before, after = _sentence_before(text, match), _sentence_after(text, match)
            if match["n"] and not _to_come(f"{before} {after}"):
                continue  # "In 10 days we raised £2,000", "Lo terminamos en dos semanas"
            same_day = bool(LATER_THAT_DAY.match(text, match.end()))
            past = bool(_PAST.search(sentence) or re.search(_PAST_ABROAD, sentence, re.I))
            past = past or (which == "on" and bool(_GONE.search(after)))
            named = named_day(match, today, past, same_day)
            # "Please send these within 14 days": a deadline, not "ready within two weeks"
            within = match.group(0).lower().startswith("within")
            asked = within and bool(_INSIST.search(before))
            found(named, match, 12, which in BY or asked)
        for match in WEEKDAY_THE.finditer(text):
            day = _day_of_month(int(match["d1"] or match["d2"]), match["day"], today)
            if day is not None:
                found(day, match, 45)
        for match in _BY_THE_DAY.finditer(text):
            before = _sentence_before(text, match)
            on = match["cue"].lower() == "on"
            if on and not _to_come(f"{before}{match.group(0)} {_sentence_after(text, match)}"):
                continue  # "I emailed you on the 3rd", "The parcel turned up on the 3rd"
            day = _in_named_month(int(match["d"]), before, today)
            day = day or next(_days_of_month(int(match["d"]), today, 3), None)
            if day is not None:
                found(day, match, 45, deadline=not on)
        for match in HOLIDAY.finditer(text):
            before = _sentence_before(text, match)
            if _GONE.search(f"{before} {_sentence_after(text, match)}") or _NOT_THE_DAY.search(
                before
            ):
                continue  # "We spent Christmas Eve at my mum's last year", "Herrn Silvester"
            day = _nearest(*HOLIDAYS[match["name"].lower()], today)
            if day is not None:
                found(day, match, 45)
        for match in _WEEKDAY_DAY_ABROAD.finditer(text):
            weekday = english_weekday(match["day"])
            day = _day_of_month(int(match["d"]), weekday, today)
            if day is not None:
                found(day, match, 45)
        for match in _NUMERIC_YEARLESS.finditer(text):
            day_month = _day_and_month(match)
            if day_month is not None and match["y2"]:
                with suppress(ValueError):  # "due on 07/14/2027", not "Forwarded by ... on"
                    found(date(int(match["y2"]), day_month[1], day_month[0]), match, 12)
            elif day_month is not None and (
                match["d2"] is None
                or _SLASH_CUE.search(text[max(0, match.start() - 20) : match.start()])
            ):
                day = _yearless(day_month[1], day_month[0], today, text, match)
                if day is not None:
                    found(day, match, 12 if match["d2"] else 45)
        for pattern in _YEARLESS:
            for match in pattern.finditer(text):
                if match["mon"] == "may":
                    continue  # "option 2 may be": the verb, not the month
                day = _yearless(MONTHS[match["mon"].lower()], int(match["d"]), today, text, match)
                if day is not None:
                    found(day, match, 45)
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            parts = match.groupdict()
            month = int(parts["m"]) if parts.get("m") else MONTHS[parts["mon"].lower()]
            try:
                written = date(int(parts["y"]), month, int(parts["d"]))
            except ValueError:
                continue
            found(written, match, 45)
    return list(dict.fromkeys(dates)), list(dict.fromkeys(deadlines))


_COMING_EVENT = re.compile(
    r"\b(?:on|is|are|meets?|meeting|starts?|opens?|arrive|arrives|until)\s+(?:the\s+)?$", re.I
)
"""Words before a date that make it the day of something to come ("They meet on 15
January")."""
_PAST_DATE = re.compile(
    r"\b(?:dated|since|ago|was|were|sent|paid|issued|last|had|did)\b|\bfrom\b[^.\n]*\bto\b", re.I
)
"""Words that make a date in the sentence one gone by or a span ("Invoice 2231 dated 28
January", "away from 10 December to 8 January")."""


def _in_named_month(day: int, before: str, today: date) -> date | None:
    """``day`` in the month of the one date written in ``before`` (the sentence up to "by the
    8th"), when that date is of something to come and ``day`` falls before it ("They meet on
    15 January so I'd need it by the 8th": 8 January); not a date gone by or a span."""
    named = [m for pattern in _YEARLESS for m in pattern.finditer(before)]
    if len(named) != 1 or _PAST_DATE.search(before):
        return None
    last = named[0]
    if last["mon"].lower() == "may" or day >= int(last["d"]):
        return None
    if not _COMING_EVENT.search(before[: last.start()]):
        return None
    found = _nearest(MONTHS[last["mon"].lower()], day, today)
    return found if found is not None and found >= today else None


_LONG_GONE = timedelta(days=60)
"""How far back a day and month without a year may lie and still be read as this year's
whatever its sentence says."""
_AHEAD = re.compile(
    r"\b(?:getting married|save the date|is booked|are booked|booked for|planned for|wedding is"
    r"|party is|next year|del año que viene|el año que viene|l'année prochaine|nächstes jahr"
    r"|nächsten jahres)\b"
    r"|(?:\b(?:is|are|be|ist|sind|est|es|será|sera|findet)|'s|'re)\s+(?:on|am|le|el)\s+(?:the\s+)?$"
    r"|\b(?:by|before|due|until|bis|avant|antes|hasta|para)\s+(?:the\s+|le\s+|el\s+)?$",
    re.I,
)
"""Words that make a day in the sentence one to come ("We're getting married on 12 June",
"the party is on 14 July", "Die Hochzeit ist am 12. Juni", "please send it by 3 October")."""


_SPAN_END = re.compile(
    rf"\s*(?:to|until|till|through|-|\u2013|bis(?:\s+zum)?|au|al|hasta(?:\s+el)?)\s+(?:the\s+)?"
    rf"\d{{1,2}}(?:st|nd|rd|th|er|\.)?{_OF}\s+(?P<mon>{MONTH_NAMES})\.?,?{_OF}\s+(?P<y>\d{{4}})\b",
    re.I,
)
"""The end of a span with its year after a day and month without one ("1 April to 30
November 2026")."""


_NAMED_WEEKDAY = re.compile(rf"\b(?P<wd>{WEEKDAY_NAMES}),?\s+(?:the\s+|den\s+|le\s+|el\s+)?$", re.I)
"""A weekday written just before a day and month ("Saturday 12 June"), which says its year."""


def _yearless(month: int, day: int, today: date, text: str, match: re.Match[str]) -> date | None:
    """The date a day and month without a year name: the nearest to ``today``, or next year's
    where the nearest lies long gone and its sentence speaks of something to come (written in
    December, "the wedding is on 12 June" is next June; "the Nov. 1 report" and "We got
    married on 12 June" stay this year's)."""
    nearest = _nearest(month, day, today)
    named = _NAMED_WEEKDAY.search(text, max(0, match.start() - 40), match.start())
    if nearest is not None and named:  # "Saturday 12 June", written in December: 2027's
        wanted = WEEKDAYS.index(english_weekday(named["wd"]))
        for year in (nearest.year, nearest.year + 1, nearest.year - 1):
            with suppress(ValueError):
                if date(year, month, day).weekday() == wanted:
                    return date(year, month, day)
    end = _SPAN_END.match(text, match.end())
    if nearest is not None and end:  # "from 1 April to 30 November 2026": that year's April
        year = int(end["y"]) - (month > MONTHS[end["mon"].lower()])
        with suppress(ValueError):
            return date(year, month, day)
    if nearest is None or nearest >= today - _LONG_GONE:
        return nearest
    before = _sentence_before(text, match)
    said = f"{before} {_sentence_after(text, match)}"
    gone = _PAST_DATE.search(before) or _PAST.search(before) or _WRITER_DID.search(before)
    ahead = _AHEAD.search(before) or _AHEAD.search(said)
    if gone or re.search(_PAST_VERBS, said, re.I) or not ahead:
        return nearest
    try:
        return nearest.replace(year=nearest.year + 1)
    except ValueError:  # 29 February
        return nearest


def _nearest(month: int, day: int, today: date) -> date | None:
    """The date of ``day`` ``month`` in the year that puts it nearest ``today``."""
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    return min(candidates, key=lambda c: abs(c - today), default=None)


def _days_of_month(day: int, start: date, months: int) -> Iterator[date]:
    """Each date from ``start`` on that is ``day`` of its month, over ``months`` months."""
    year, month = start.year, start.month
    for _ in range(months):
        try:
            candidate = date(year, month, day)
        except ValueError:
            candidate = None
        if candidate is not None and candidate >= start:
            yield candidate
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _day_of_month(day: int, weekday: str, today: date) -> date | None:
    """The first date from a week before ``today`` on that ``day`` of a month, preferring one
    that falls on ``weekday`` ("Saturday the 12th") within a year."""
    found = list(_days_of_month(day, today - timedelta(days=7), 13))
    on_the_day = (d for d in found if WEEKDAYS[d.weekday()] == weekday.lower())
    return next(on_the_day, found[0] if found else None)
