"""Days named from the day a mail was written, said again on the day a reply is made."""

from __future__ import annotations

from datetime import date

import pytest

from agent.relative_days import said_on

MONDAY = date(2026, 11, 30)
"""The day the mails here were written: Monday 30 November 2026."""


@pytest.mark.parametrize(
    ("phrase", "today", "said"),
    [
        # the same day, and later days on which the words still name the same day
        ("by Friday", MONDAY, "by Friday"),
        ("by Friday", date(2026, 12, 2), "by Friday"),
        ("by the end of next week", date(2026, 12, 4), "by the end of next week"),
        ("Saturday morning", date(2026, 12, 3), "Saturday morning"),
        # later days on which they would name another day
        ("by Friday", date(2026, 12, 7), "by Friday 4 December"),
        ("by the end of next week", date(2026, 12, 7), "by Friday 11 December"),
        ("by the end of this week", date(2026, 12, 7), "by Friday 4 December"),
        ("by 5pm on Friday", date(2026, 12, 7), "by 5pm on Friday 4 December"),
        ("next Monday", date(2026, 12, 7), "Monday 7 December"),
        ("a week on Friday", date(2026, 12, 7), "Friday 11 December"),
        ("Saturday morning", date(2026, 12, 7), "Saturday 5 December morning"),
        ("Friday at 10", date(2026, 12, 7), "Friday 4 December at 10"),
        ("tomorrow", date(2026, 12, 2), "Tuesday 1 December"),
        ("tonight", date(2026, 12, 2), "the evening of Monday 30 November"),
        ("within 30 days", date(2026, 12, 2), "by Wednesday 30 December"),
        ("in two weeks", date(2026, 12, 2), "on Monday 14 December"),
        ("by the end of the month", date(2026, 12, 2), "by the end of November"),
        ("next week", date(2026, 12, 7), "this week"),
        ("next week", date(2026, 12, 14), "the week of 7 December"),
        ("this weekend", date(2026, 12, 7), "the weekend of 5 December"),
        ("by Friday", date(2027, 1, 4), "by Friday 4 December 2026"),
        # "next Saturday" read on another day may be either of two Saturdays: dated (the
        # forty-third trial's "next Saturday afternoon", written on a Saturday)
        ("next Saturday", date(2026, 12, 2), "Saturday 5 December"),
        ("nächsten Samstag", date(2026, 12, 2), "Samstag, 5. Dezember"),
        ("samedi prochain", date(2026, 12, 2), "samedi 5 décembre"),
        ("next Saturday", MONDAY, "next Saturday"),
        # a written date says which day: nothing to add
        ("by Friday 4 December 2026", date(2026, 12, 7), "by Friday 4 December 2026"),
        ("Sunday the 6th, in the afternoon", date(2026, 12, 7), "Sunday the 6th, in the afternoon"),
        # German, French and Spanish days, in their own words
        ("bis Freitag", date(2026, 12, 7), "bis Freitag, 4. Dezember"),
        ("am nächsten Mittwoch", date(2026, 12, 7), "am Mittwoch, 2. Dezember"),
        ("bis Mittwoch, den 9. Dezember", date(2026, 12, 7), "bis Mittwoch, den 9. Dezember"),
        ("mardi prochain", date(2026, 12, 7), "mardi 1 décembre"),
        ("jeudi matin", date(2026, 12, 7), "jeudi 3 décembre matin"),
        ("antes del viernes", date(2026, 12, 7), "antes del viernes 4 de diciembre"),
        ("el próximo viernes", date(2026, 12, 7), "el viernes 4 de diciembre"),
        # their days named from the day of writing, in their own words (a late reply to
        # "d'ici la fin de la semaine prochaine" repeated it as written)
        ("d'ici la fin de la semaine prochaine", date(2026, 12, 7), "d'ici vendredi 11 décembre"),
        ("bis Ende nächster Woche", date(2026, 12, 7), "bis Freitag, 11. Dezember"),
        (
            "para finales de la semana que viene",
            date(2026, 12, 7),
            "para el viernes 11 de diciembre",
        ),
        ("bis morgen", date(2026, 12, 2), "bis Dienstag, 1. Dezember"),
        ("morgen", date(2026, 12, 2), "am Dienstag, 1. Dezember"),
        ("demain matin", date(2026, 12, 2), "mardi 1 décembre matin"),
        ("mañana", date(2026, 12, 2), "el martes 1 de diciembre"),
        ("mañana", MONDAY, "mañana"),
        ("esta mañana", date(2026, 12, 2), "esta mañana"),
        ("Guten Morgen", date(2026, 12, 2), "Guten Morgen"),
        ("la semaine prochaine", date(2026, 12, 7), "cette semaine"),
        ("nächste Woche", date(2026, 12, 14), "die Woche vom 7. Dezember"),
        ("la semana que viene", date(2026, 12, 2), "la semana que viene"),
        # every Tuesday is no one Tuesday
        ("le mardi", date(2026, 12, 7), "le mardi"),
        ("los martes", date(2026, 12, 7), "los martes"),
    ],
)
def test_a_day_named_from_the_day_of_writing_is_dated_when_it_would_name_another(
    phrase: str, today: date, said: str
) -> None:
    assert said_on(phrase, MONDAY, today) == said


def test_a_day_offered_on_its_own_weekday_is_next_weeks() -> None:
    """ "I could do Monday" written on a Monday offers the Monday after, not that day: on
    the Wednesday between, "Monday" still says it."""
    assert said_on("Monday", MONDAY, date(2026, 12, 2)) == "Monday"
    assert said_on("Monday", MONDAY, date(2026, 12, 8)) == "Monday 7 December"


def test_a_weekday_offered_for_next_week_is_in_next_week() -> None:
    """ "Are you free next week? I could do Thursday": Thursday 10, not Thursday 3."""
    assert said_on("Thursday", MONDAY, date(2026, 12, 14), next_week=True) == (
        "Thursday 10 December"
    )
    assert said_on("Thursday", MONDAY, date(2026, 12, 14)) == "Thursday 3 December"


def test_a_reply_made_before_the_mail_was_written_changes_nothing() -> None:
    """A clock behind the mail's Date (a wrong clock on either side) leaves the words."""
    assert said_on("by Friday", MONDAY, date(2026, 11, 28)) == "by Friday"
