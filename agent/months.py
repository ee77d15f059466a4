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
