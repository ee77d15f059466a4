"""Month and weekday names in the languages mail is read and drafted in, for every place
that reads dates: extraction (``plugins/extract_rules``), what a mail asks
(``agent.replies.asks``) and the draft checks (``agent.replies.gates``)."""

from __future__ import annotations

MONTHS: dict[str, int] = {
    name: index
    for index, names in enumerate(
        [
            ("january", "jan", "januar", "jänner", "janvier", "enero"),
            ("february", "feb", "februar", "février", "fevrier", "febrero"),
            ("march", "mar", "märz", "maerz", "mars", "marzo"),
            ("april", "apr", "avril", "abril"),
            ("may", "mai", "mayo"),
            ("june", "jun", "juni", "juin", "junio"),
            ("july", "jul", "juli", "juillet", "julio"),
            ("august", "aug", "août", "aout", "agosto"),
            ("september", "sep", "sept", "septembre", "septiembre", "setiembre"),
            ("october", "oct", "oktober", "okt", "octobre", "octubre"),
            ("november", "nov", "novembre", "noviembre"),
            ("december", "dec", "dezember", "dez", "décembre", "decembre", "diciembre"),
        ],
        start=1,
    )
    for name in names
}
"""Month names in English, German, French and Spanish, the languages drafts are written in."""

MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
"""Every month name of :data:`MONTHS` as one regex alternation, longest first."""

WRITTEN_MONTHS = f"(?:{MONTH_NAMES})"
"""Every month name of :data:`MONTHS` as one regex group."""

WEEKDAY_NAMES = (
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|(?:mon|diens|donners|frei|sams|sonn)tag|mittwoch|sonnabend"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    r"|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo"
)
"""The days of the week in English, German, French and Spanish, as one regex alternation."""

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
"""The English days of the week, Monday first (``date.weekday()`` indexes it)."""

WEEKDAYS_ABROAD = {
    **{"montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4},
    **{"samstag": 5, "sonnabend": 5, "sonntag": 6, "lundi": 0, "mardi": 1, "mercredi": 2},
    **{"jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6, "lunes": 0, "martes": 1},
    **{"miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4, "sábado": 5, "sabado": 5},
    "domingo": 6,
}
"""German, French and Spanish weekdays, each with its number in :data:`WEEKDAYS`."""


def english_weekday(weekday: str) -> str:
    """The English name of a weekday named in English, German, French or Spanish."""
    name = weekday.lower()
    return WEEKDAYS[WEEKDAYS_ABROAD[name]] if name in WEEKDAYS_ABROAD else name


MONTHS_IN: dict[str, tuple[str, ...]] = {
    "en": (
        *("January", "February", "March", "April", "May", "June", "July", "August"),
        *("September", "October", "November", "December"),
    ),
    "de": (
        *("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August"),
        *("September", "Oktober", "November", "Dezember"),
    ),
    "fr": (
        *("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août"),
        *("septembre", "octobre", "novembre", "décembre"),
    ),
    "es": (
        *("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto"),
        *("septiembre", "octubre", "noviembre", "diciembre"),
    ),
}
"""The months as a date is written in each language drafts are written in, January first."""

WEEKDAY_LANGUAGE = {
    **dict.fromkeys(WEEKDAYS, "en"),
    **dict.fromkeys(("montag", "dienstag", "mittwoch", "donnerstag", "freitag"), "de"),
    **dict.fromkeys(("samstag", "sonnabend", "sonntag"), "de"),
    **dict.fromkeys(("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"), "fr"),
    **dict.fromkeys(("dimanche",), "fr"),
    **dict.fromkeys(("lunes", "martes", "miércoles", "miercoles", "jueves", "viernes"), "es"),
    **dict.fromkeys(("sábado", "sabado", "domingo"), "es"),
}
"""The language of each weekday name of :data:`WEEKDAYS` and :data:`WEEKDAYS_ABROAD`."""
