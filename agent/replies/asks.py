"""What a message asks of its reader, and whether it needs an answer at all.

Read with patterns from the sender's new text only (never the quoted history), so the
reading is the same on every machine and every model. A small model cannot write a reply a
person would send, but knowing *what* is asked (a time, a document, a payment, an answer
to a question) lets mailagent fill a short reply from the user's own phrasings or from
written templates, and leave a marked slot where only the user can answer.
"""

from __future__ import annotations

import itertools
import re
from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel

from agent.message import Message
from agent.months import WEEKDAY_NAMES, WRITTEN_MONTHS
from agent.relative_days import said_on
from agent.sentences import ASKED_SENTENCE, LIST_MARK, upper_first


class AskKind(StrEnum):
    """The kinds of request a reply can answer."""

    MEETING = "meeting"
    DOCUMENT = "document"
    PAYMENT = "payment"
    INTRODUCTION = "introduction"
    QUESTION = "question"
    THANKS = "thanks"
    NOTE = "note"
    """Nothing is asked, but the mail is personal and deserves an answer."""


class Ask(BaseModel):
    """One request found in a message, with the sentence that makes it."""

    kind: AskKind
    sentence: str
    detail: str = ""
    """What is asked for: the time proposed, the document named, the invoice number."""
    by: str = ""
    """The deadline as written ("by Friday 4 December 2026"), where the sentence sets one."""


class Asks(BaseModel):
    """Whether a message needs the user's answer, why, and what it asks."""

    needs_reply: bool
    reason: str
    asks: list[Ask] = []
    urgent: bool = False
    """The writer says it is urgent ("URGENT - server down", "as soon as possible",
    "dringend"): the digest lists it first."""
    offered: list[str] = []
    """The times the mail offers outside its meeting asks ("How about Thursday or Friday
    evening?" under "Are you free for dinner next week?"): a reply chooses among them when
    the asks name no day."""
    accepted: str = ""
    """The time the writer accepts ("Wednesday at 6pm is perfect, thank you!"): a reply
    confirms it."""
    late: bool = False
    """The reply is made after a deadline the mail set ("I expect a response by Friday",
    answered the Monday after): it apologises for the delay."""

    def of(self, kind: AskKind) -> list[Ask]:
        """The asks of one kind, in the order the mail makes them."""
        return [ask for ask in self.asks if ask.kind == kind]

    def urged(self) -> bool:
        """Whether an ask itself wants its answer urgently ("I need you back here as soon as
        possible"), not only the mail ("Es eilt nicht.", "I'll transfer it asap.")."""
        return any(_URGENT.search(ask.sentence) for ask in self.asks)

    def said_on(self, written: datetime | None, today: date, text: str = "") -> Asks:
        """These asks as a reply made on ``today`` repeats them, when the mail was
        ``written`` earlier: the deadlines and the times offered that name a day from the
        day of writing carry its date where they would name another day ("by Friday" written
        on Monday 30 November, answered on 7 December: "by Friday 4 December"). A weekday
        named alone keeps its words where the mail's ``text`` names dates it may be one of
        ("am Samstag" in a mail about a stay from 15 to 18 January)."""
        if written is None:
            return self
        day = written.date()
        meetings = self.of(AskKind.MEETING)
        asked = [f"{ask.detail} {ask.sentence}" for ask in meetings]
        next_week = any(_NEXT_WEEK.search(said) for said in [*asked, *self.offered])
        alone = not A_DATE.search(text)

        def again(ask: Ask) -> Ask:
            meeting = ask.kind == AskKind.MEETING and not _EVERY_WEEKDAY.search(ask.sentence)
            detail = said_on(ask.detail, day, today, next_week, alone) if meeting else ask.detail
            return ask.model_copy(update={"detail": detail, "by": said_on(ask.by, day, today)})

        asks = [again(ask) for ask in self.asks]
        offered = [said_on(time, day, today, next_week, alone) for time in self.offered]
        accepted = said_on(self.accepted, day, today, alone=alone)
        return self.model_copy(update={"asks": asks, "offered": offered, "accepted": accepted})

    def named(self) -> list[str]:
        """What is asked for as the mail names it, each with its deadline ("den
        überarbeiteten Entwurf bis Freitag, den 11. Dezember"), a document after "send"
        ("send Mr Mehta his receipts"), and the time the writer accepts: a reply may repeat
        these."""
        return [
            " ".join(filter(None, ("send" if a.kind == AskKind.DOCUMENT else "", a.detail, a.by)))
            for a in self.asks
        ] + ([self.accepted] if self.accepted else [])


_EVERY_WEEKDAY = re.compile(rf"\b(?:le|les|los|every|jeden)\s+(?:{WEEKDAY_NAMES})\b", re.I)
"""A weekday that recurs ("le mardi ou le jeudi matin", "los martes", "every Tuesday"):
a time offered on it is no one day to date."""
A_DATE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th|er)?\.?\s+(?:de\s+)?{WRITTEN_MONTHS}\b"
    rf"|\b{WRITTEN_MONTHS}\s+\d{{1,2}}\b",
    re.I,
)
"""A day of a month written out ("18. Januar", "16 January", "January 16", "5 de mayo")."""
_NEXT_WEEK = re.compile(r"\bnext week\b", re.I)
"""A meeting asked for next week, or times offered "any of those next week": the weekdays
offered with it are that week's."""
_URGENT = re.compile(
    r"(?<!not )(?<!n't )(?<!not that )(?<!not too )(?<!nothing )(?<!never )(?<!nicht )"
    r"(?<!nicht so )(?<!nichts )(?<!no es )(?<!nada )(?<!rien d')(?<!pas )(?<!pas très )"
    r"(?<!pas d')(?<!pas d\u2019)(?<!cas d')(?<!cas d\u2019)(?<!envío )(?<!envio )(?<!envoi )"
    r"(?<!entrega )(?<!livraison )"
    r"\b(?:urgent(?:ly)?(?! (?:delivery|shipping|post|courier))|asap|as soon as (?:possible"
    r"|you can)"
    r"|emergency(?! (?:contact|number|exit|services|fund|kit))|dringend|eilig|eilt"
    r"|so schnell wie möglich|urgence|urgente?s?|au plus vite|dès que possible"
    r"|lo antes posible|cuanto antes|lo más pronto posible)\b",
    re.I,
)
"""The writer's word that their mail is urgent (not "Not urgent at all, but ...", "Es ist
nicht dringend", "the emergency contact form", a price for "envío urgente", express
shipping)."""
_REPLY_SUBJECT = re.compile(r"^\s*(?:re|aw|sv|antw|r|rif|réf|fwd?|wg)\s*:", re.I)
"""A reply's or forward's subject: "Re: URGENT - burst pipe" repeats the first mail's word."""
_AUTOMATED_SENDER = re.compile(
    r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer-daemon|postmaster|bounces?|notifications?)"
    r"(?:[-+_.].*)?@",
    re.I,
)
_AUTOMATED_TEXT = re.compile(
    r"\b(?:this is an (?:automated|automatic|auto-?generated) (?:e-?mail|message|notification"
    r"|reply|response)|this (?:e-?mail|message) (?:was|has been|is) (?:sent |generated )?"
    r"(?:automatically|auto-?generated)"
    r"|please do not reply to this (?:e-?mail|message|address|mailbox)"
    r"|do not reply to this (?:e-?mail|message|address)"
    r"|bitte antworten sie nicht auf diese (?:e-?mail|nachricht)"
    r"|diese (?:e-?mail|nachricht) wurde automatisch (?:erstellt|generiert|versendet)"
    r"|merci de ne pas (?:y répondre|répondre à (?:ce|cet) (?:e-?mail|message|courriel))"
    r"|ceci est un (?:e-?mail|message|courriel) (?:automatique|généré automatiquement)"
    r"|dies ist eine automatisch (?:erstellte|generierte|versendete) (?:e-?mail|nachricht)"
    r"|(?:este|esto) es un (?:correo|mensaje) (?:automático|generado automáticamente)"
    r"|(?:ce|cet) (?:e-?mail|message|courriel) (?:a été|est) (?:envoyé|généré) automatiquement"
    r"|(?:por favor,? )?no (?:responda|respondas|conteste) a este (?:correo|mensaje|e-?mail)"
    r"|este (?:correo|mensaje) (?:ha sido|es|fue) (?:generado|enviado) automáticamente)",
    re.I,
)
"""A mail that says a machine sent it and no one reads the answer ("This is an automated
message - please do not reply to this address", "Bitte antworten Sie nicht auf diese
Nachricht")."""
_FYI = re.compile(
    r"\b(?:fyi|for your (?:information|records|reference)|no (?:need to|reply|response|action)"
    r"\b[^.!?\n]{0,20}\b(?:reply|respond|needed|required|necessary)|just (?:a heads[- ]up|"
    r"letting you know|so you know|to let you know)|heads[- ]up"
    r"|(?:juste |simplement )?pour (?:info|information)|(?:nur )?zur (?:info|kenntnis)"
    r"|para (?:tu|su) (?:información|conocimiento)|a título informativo)\b",
    re.I,
)
_NO_REPLY = re.compile(
    r"(?:\b(?:(?:there's )?no need to|you (?:don't|do not) (?:need|have) to)"
    r" (?:reply|respond|answer|write back)(?: to (?:this|my) (?:e-?mail|message|note))?"
    r"|\bdon'?t (?:go |bother )?(?:writing|write) back\b|\bdon'?t (?:bother|feel you have to)"
    r" (?:replying|to reply|answering|responding)\b"
    r"|\b(?:ihr müsst|du musst|sie müssen) (?:mir |uns )?(?:nicht|nichts)"
    r" (?:antworten|zurückschreiben)"
    r"|\b(?:(?:eine )?antwort(?:en)?|zurückschreiben) (?:(?:ist|sind) )?(?:nicht|kein(?:e)?)"
    r" (?:nötig|notwendig|erforderlich)|\bkeine antwort (?:nötig|notwendig|erforderlich)"
    r"|\b(?:ihr )?braucht (?:mir |uns )?nicht (?:zu )?(?:antworten|zurückzuschreiben)"
    r"|\bdu brauchst (?:mir |uns )?nicht (?:zu )?(?:antworten|zurückzuschreiben)"
    r"|\bno (?:reply|response|answer) (?:is )?(?:needed|necessary|required)"
    r"|\b(?:pas besoin|inutile|pas la peine) de (?:me |nous )?répondre"
    r"|\bno (?:hace falta|es necesario) (?:que )?(?:contest|respond)\w*"
    r"|\b(?:nothing (?:(?:more|else|further) )?(?:for you to do|to do on your (?:side|end))"
    r"|you (?:don't|do not) need to do anything (?:further|else|more)"
    r"|there(?:'s| is) nothing (?:(?:more|else|further) )?(?:you need|for you) to do"
    r"|nothing needs to be done(?: on your (?:part|side|end)| by you)"
    r"|rien à faire de (?:ton|votre) côté|(?:für dich|für Sie) (?:ist )?nichts zu tun"
    r"|no (?:tienes|tiene) que hacer nada)"
    r"|\bno (?:further )?action (?:is )?(?:needed|required|necessary)"
    r"|\bkeine (?:weitere )?(?:aktion|handlung) (?:ist )?(?:nötig|notwendig|erforderlich)"
    r"|\baucune action (?:n'est )?(?:requise|nécessaire)|\bno se requiere ninguna acción)"
    r"(?![ \t]*(?:right away|yet|now|immediately|today|straight away|tout de suite|maintenant"
    r"|sofort|jetzt|heute|todavía|ahora|hoy|all|à tou|a tod|to\b|if\b|unless|wenn|falls|sofern"
    r"|sauf|si\b|a menos|question|before|until|till|by\b|this\b|in\b|at\b|hasta|salvo|excepto"
    r"|por ahora|avant|bis\b|vor\b|außer)"
    r"|[^.!?\n]*\b(?:but|aber|mais|pero|salvo|sino|except|außer|sauf)\b)",
    re.I,
)
"""The writer's word that no answer is needed ("Ihr müsst nicht antworten", "Antworten ist
nicht nötig", "no reply needed", "Pas besoin de
répondre, bonne fin de semaine !", "rien à faire de ton côté"); not "no need to reply right
away", "... to the client", "... if Friday works" or "inutile de répondre à toutes les
questions". It holds only where nothing else in the mail wants an answer (:data:`_ANSWER`)."""
_WILL_WRITE = re.compile(
    r"\b(?:(?:i|we)(?:'ll| will) (?:be in touch|write (?:again|more|soon|properly)|get back to"
    r" you|call you|give you a (?:call|ring))|ich melde mich|wir melden uns"
    r"|ich (?:schreibe|rufe) (?:dir|euch|Ihnen) (?:bald|später|nochmal|wieder)"
    r"|je (?:te|vous) (?:redis|recontacte|réécris|rappelle|tiens au courant)"
    r"|je reviens vers (?:toi|vous)|(?:te|le|os) (?:escribo|llamo|cuento) (?:pronto|luego|más))",
    re.I,
)
"""The writer's word that they will write again ("Ich melde mich nach den Feiertagen"): a
thank-you that says it closes the conversation for now, and needs no reply."""
_ANSWER = re.compile(
    r"\?|\b(?:let (?:me|us) know|tell (?:me|us)|get back to|sag(?:t)? (?:mir|uns)"
    r"|gebt? (?:mir|uns) bescheid|dis-moi|dites-(?:moi|nous)|d[ií]me|av[íi]same|confirm)",
    re.I,
)
"""An ask that wants an answer by mail, which a "no need to reply" elsewhere does not
cancel ("you don't need to write back. But let me know whether you're coming!"); so do a
document, a payment or a meeting asked for ("No need to reply, just send me the form")."""
_RECALLING = re.compile(
    r"^\W*(?:(?:do you |d'you )?remember (?:when|how|the time)|tu te souviens (?:quand|de quand)"
    r"|weißt du noch,? (?:wie|als)|¿?te acuerdas de cuando)\b",
    re.I,
)
"""A question that recalls old times ("Remember when you were making hummus in the staff
kitchen?"), which a "No need to reply" beside it is not undone by."""
_DISCLAIMER = re.compile(
    r"\b(?:received|got) (?:it|this|this (?:e-?mail|message|communication)) (?:in error|by mistake)"
    r"|\bintended (?:solely |only )?for the (?:named |designated )?(?:recipient|addressee)"
    r"|\b(?:disregard|ignore) this (?:e-?mail|message|reminder|notice|letter)\b"
    r"|\bbetrachten Sie (?:dieses Schreiben|diese \w+|es|sie) (?:bitte )?als gegenstandslos"
    r"|\bne (?:pas )?tenir compte (?:de|du) (?:ce|cet|cette|la présente|présent)\b"
    r"|\bhagan? caso omiso\b",
    re.I,
)
"""A confidentiality footer ("If you have received it in error, please notify the sender and
delete it."), or a reminder's "if you have paid, ignore this" ("Sollten Sie die Zahlung
bereits veranlasst haben, betrachten Sie dieses Schreiben bitte als gegenstandslos."): no ask
of the reader."""
_SHORT_WEEKDAY = (
    r"(?:(?<=\bor )|(?<=\band )|(?<=/))(?:mon|tues?|weds?|thu(?:rs?)?|fri|sat|sun)\b\.?"
    r"|(?:mon|tues?|weds?|thu(?:rs?)?|fri|sat|sun)\.?(?=\s+(?:\d|the\b|at\b|from\b|after\b"
    r"|before\b|or\b|morning|afternoon|evening|night)|\s*/)"
)
"""An English weekday cut short before a day, a time or another day ("Tue 15th at 10",
"mon from 2 or tues 8ish", "Sat/Sun"); not "mon ami" or "the sun"."""
WEEKDAY = f"(?:{WEEKDAY_NAMES}|{_SHORT_WEEKDAY})"
"""A day of the week in English, German, French or Spanish, as a regex."""
_SPOKEN_HOUR = (
    r"(?:(?:half|quarter)\s+(?:past|to)\s+|half\s+)(?:one|two|three|four|five|six|seven|eight"
    r"|nine|ten|eleven|twelve|\d{1,2})\b|(?:one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|\d{1,2})\s+o'clock"
)
"""A clock time said in words: "half nine", "quarter past ten", "eleven o'clock"."""
_HOUR = rf"(?:{_SPOKEN_HOUR}|\d{{1,2}}(?:[:.]\d{{2}})?\s?(?:am|pm|uhr|h\d{{0,2}})?(?:ish)?)"
"""A clock time: "10", "10:30", "3pm", "10 Uhr", "9h30", "8ish", "half nine"."""
_CLOCK = rf"{_HOUR}(?:\s?(?:-|\u2013|to|bis)\s?\d{{1,2}}(?:[:.]\d{{2}})?\s?(?:am|pm|uhr)?)?"
_TIMED = (
    rf"(?:{_SPOKEN_HOUR}|\d{{1,2}}(?:[:.]\d{{2}}\s?(?:am|pm|uhr|h)?|\s?(?:am|pm|uhr)\b|h\d{{0,2}}))"
)
"""A clock time that cannot be a bare number: "10:30", "3pm", "12 Uhr", "9h30"."""
_AT = r"(?:at|from|around|um|gegen|ab|à|vers|a las|sobre las)\s+(?:about\s+|around\s+)?"
"""Words before a clock time: "at 10", "from about 7", "um 10 Uhr", "à 10h", "a las 10"."""
_AROUND = r"(?:after|before|nach|vor|après|avant)\s+"
"""Words before a clock time that bound a day offered: "Thursday 17th after 4"."""
_INSTEAD = re.compile(
    r"\b(?:if|instead|otherwise|or|else|sonst|oder|stattdessen|sinon|plutôt|ou|si no|o)\b", re.I
)
"""Words that make an hour asked after a day another offer, not the day's hour."""
_INSTEAD_OF = re.compile(
    r"\b(?:(?:prefer|rather)\b[^.?!]{0,60}\binstead"
    r"|if (?:that|this|the) (?:\w+ )?(?:is not|isn't|doesn't|does not|won't|is no)"
    r"\b|stattdessen|falls (?:dieser|der) (?:termin|zeitraum) (?:nicht|ihnen nicht)"
    r"|à la place|si (?:ce|cette) (?:créneau|date|horaire) ne|en su lugar|si (?:esa|esta) "
    r"(?:fecha|hora) no)",
    re.I,
)
"""Words that offer times in place of one set before ("If that slot is not convenient, ...
which you would prefer instead")."""
_CLOCK_ONLY = re.compile(rf"(?:{_AT})?{_CLOCK}", re.I)
"""A time that names only an hour ("gegen 18 Uhr", "at 7pm")."""
_SPAN = rf"(?:between|zwischen|entre)\s+{_HOUR}\s+(?:and|und|et|y)\s+{_HOUR}"
"""A span of hours: "between 9 and 11", "zwischen 9 und 11 Uhr", "entre 9h et 11h"."""
_TIMED_HOUR = r"\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm)\b|\d{1,2}[:.]\d{2}"
"""An hour that says it is one: "10am", "3.30pm", "15:00"."""
_EITHER_HOUR = rf"(?:at\s+)?either\s+(?:{_TIMED_HOUR})\s+or\s+(?:{_TIMED_HOUR})"
"""Two hours of one day to choose from: "Wednesday 9 December at either 10am or 3pm"."""
_EITHER = re.compile(
    rf"^(?P<day>.+?)\s+(?:at\s+)?either\s+(?P<one>{_TIMED_HOUR})\s+or\s+(?P<other>{_TIMED_HOUR})$",
    re.I,
)
_DAY = (
    rf"(?:{WRITTEN_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
    rf"|\d{{1,2}}(?!\d|[:.]\d|\s?(?:am|pm|uhr|h)\b|ish)(?:st|nd|rd|th|er|\.)?"
    rf"(?:\s+(?:de\s+)?{WRITTEN_MONTHS}\b\.?)?)"
    rf"(?:,?\s+(?:de\s+)?\d{{4}})?"
)
"""A day of the month, after a weekday: "26 November 2026", "March 7", "the 12th", "26.
November", "1er décembre", "26 de noviembre"; not an hour ("Friday 5pm")."""
_RELATIVE = (
    r"(?:tomorrow|demain)(?:\s+(?:morning|afternoon|evening|night|matin|midi|après-midi|soir))?"
    r"|(?:(?<!guten )(?<!heute )(?-i:morgen)|(?-i:^Morgen))"
    r"(?:\s+(?:früh|vormittag|mittag|nachmittag|abend))?|übermorgen"
    r"|(?<!la )(?<!esta )(?<!media )mañana(?:\s+por la (?:mañana|tarde|noche))?"
    r"|tonight|this weekend|next week|heute abend|nächste woche|(?:dieses|am) wochenende"
    r"|ce soir|ce week-end(?!-là)|la semaine prochaine|esta (?:tarde|noche)|este fin de semana"
    r"|la próxima semana|la semana que viene"
)
"""Days named from today: "tomorrow evening", "morgen früh" (in lower case, or opening the
sentence: "Guten Morgen" and "heute Morgen" are no day), "demain soir", "mañana por la
tarde" (not "esta mañana", this morning), "next week"."""
WHEN = re.compile(
    rf"\b(?:(?:next|this|nächsten|kommenden|diesen)\s+)?{WEEKDAY}"
    rf"(?:\s+(?:morning|afternoon|evening|night|lunchtime|first thing|vormittag|nachmittag"
    rf"|abend|matin|après-midi|soir))?"
    rf"(?:,?\s+(?:the\s+|den\s+|dem\s+)?{_DAY}|\s+\({_DAY}\))?"
    rf"(?:,?\s+(?:in the|por la|de la) (?:morning|afternoon|evening|mañana|tarde|noche)"
    rf"|,?\s+(?:vormittags|nachmittags|abends|morgens)\b)?"
    rf"(?:,?\s+(?:{_SPAN}|{_EITHER_HOUR}|(?:{_AT}|(?:any ?time\s+)?{_AROUND})?{_CLOCK})(?=\W|$))?"
    rf"|\b(?:{_RELATIVE})(?!\w)(?:,?\s+(?:{_AT}{_CLOCK}|{_TIMED})(?=\W|$))?"
    rf"|\b(?:at|around)\s+\d{{1,2}}(?::\d{{2}})?\s?(?:am|pm)\b"
    rf"|\b(?:um|gegen)\s+\d{{1,2}}(?:[:.]\d{{2}})?\s?uhr\b|\bà\s+\d{{1,2}}h\d{{0,2}}"
    rf"|\ba las\s+\d{{1,2}}(?::\d{{2}})?(?!\d)",
    re.I,
)
"""A time someone proposes, as they wrote it: "Thursday 26 November 2026, 10:00-11:00",
"Friday (11th)", "Donnerstag, 26. November um 10 Uhr", "jeudi 26 novembre à 10h", "el jueves a
las 10"."""
_PART_OF_DAY = r"(?:abends|morgens|nachmittags|au soir|soir|evening|morning|afternoon)"
_DAY_OF_MONTH = re.compile(
    rf"(?:(?<=\bon )|(?<=\bon the )|(?<=\bam )|(?<=\ble )|(?<=\bel ))"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?{WRITTEN_MONTHS}\b\.?(?:\s+{_PART_OF_DAY})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th|\.)\s+{_PART_OF_DAY})"
    rf"(?:,?\s+(?:{_SPAN}|{_AT}{_CLOCK})(?=\W|$))?",
    re.I,
)
"""A day of the month without its weekday, after "on", "am", "le" or "el", with its month
or a part of the day ("on 23 December", "am 29. abends"): a time proposed only in a
sentence that speaks of meeting ("Can we meet on 23 December?"; not "I sent it on 2
November")."""
_DATE = (
    rf"{WEEKDAY}(?:,?\s+(?:the\s+|den\s+)?{_DAY})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th|er|\.(?!\d))?\s+(?:de\s+)?{WRITTEN_MONTHS}\b"
    rf"(?:,?\s+(?:de\s+)?\d{{4}})?"
    rf"|{WRITTEN_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?"
    rf"|tomorrow|the end of (?:the |this |next )?(?:week|month)|übermorgen|(?-i:morgen)|demain"
    rf"|mañana(?!\w)"
)
DEADLINE = re.compile(
    rf"\b(?:by|before|no later than|bis(?:\s+(?:zum|spätestens))?|spätestens(?:\s+am)?"
    rf"|avant|d'ici|au plus tard|antes del?|a más tardar|para el)\s+(?:the\s+|le\s+|am\s+|el\s+)?"
    rf"(?:end of (?:the )?day\s+|\d{{1,2}}(?:[:.]\d{{2}})?\s?(?:am|pm)\s+on\s+)?"
    rf"(?:(?:next|this)\s+)?(?:{_DATE})"
    rf"(?:,?\s+(?:{_AT})?{_TIMED}|\s+(?:at|um|à|a)\s+(?:noon|midday|midnight|mittag|midi|mediodía))?",
    re.I,
)
"""A deadline as written: "by Friday 4 December 2026", "by Thursday 26 Nov, 12:00", "by
Friday 5pm", "by 5pm on Tuesday 8 December", "bis zum 4. Dezember", "bis Freitag, 12 Uhr",
"avant vendredi", "antes del viernes"."""
_NOT_PROPOSED = re.compile(
    r"\b(?:by|before|until|till|no later than|latest|due|from|since|after|last"
    r"|bis|spätestens|seit|nach|avant|depuis|après|d'ici|jusqu'(?:au|à)|antes|hasta|desde"
    r"|después|au plus tard|a más tardar|como muy tarde)"
    r"\s+(?:the\s+|zum\s+|am\s+|le\s+|del?\s+|el\s+)?"
    r"(?:end of (?:the )?day\s+|end of\s+)?$"
    r"|\b(?:by|before|no later than)\s+\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm)\s+(?:on\s+)?$"
    r"|\b(?:from|vom|du|del?)\b[^.?!]{0,30}\s(?:to|until|till|bis|zum|au|al|hasta)\s+$"
    r"|\b(?:proposed|arrived|happened|born|died|passed away|engaged|married|went|came|met|left"
    r"|started|finished|was|were)\s+(?:\w+\s+){0,2}?(?:on|last)\s+(?:the\s+)?$"
    r"|\blet (?:me|us) know\s+(?:by\s+)?(?:\w+\s+or\s+)?$"
    r"|\b(?:lose|miss|lost|missed|losing|missing)\s+(?:the|our|my|your|that)\s+$"
    r"|\b(?:except|apart from|but not|other than|besides|außer|sauf|excepto|menos"
    r"|instead of|rather than|statt|au lieu d[eu]|en lugar del?)"
    r"\s+(?:for\s+)?(?:the\s+|am\s+|le\s+|el\s+)?(?:usual\s+|normal\s+|regular\s+)?$"
    r"|\b(?:tengo (?:clases?|trabajo|exámenes|examen|turno)|trabajo|estoy ocupad[oa]"
    r"|i (?:have|'ve got) (?:class|classes|lectures?|work|school|a shift|shifts)|i work"
    r"|i'?m (?:busy|working|at work|teaching|on shift)|j'ai (?:cours|travail)|je travaille"
    r"|je suis (?:pris|prise|occupée?)|ich (?:arbeite|habe (?:Unterricht|Vorlesung|Schule|Dienst))"
    r"|ich bin (?:beschäftigt|verplant)"
    r"|(?:as|because|since) (?:we|i) (?:have|'ve got|are having) (?:a|an|our|my)"
    r"(?!\s+(?:free|spare|quiet|day off|half-day|half day)\b)"
    r"|(?:da|weil) (?:wir|ich) (?:am \w+ )?(?:haben|habe)|(?:car|parce qu') (?:nous avons|j'ai)"
    r"|(?:porque|ya que) (?:tenemos|tengo))\b"
    r"(?:(?!\b(?:but|so|then|pero|así que|mais|donc|aber|also)\b)[^.?!]){0,40}$",
    re.I,
)
"""Words before a time that make it a deadline or a bound, not a time proposed; the end of a
span ("in Cologne from Wednesday 2nd to Saturday 5th Dec"); a day something happened
("Ben proposed on Saturday!", "we met last Tuesday"); a day ruled out ("any evening
except the Wednesday"); and the writer's own busy days ("Tengo clase el martes y el jueves
por la mañana, pero el resto del tiempo estoy libre", "ideally before Thursday, as we have a
partners' meeting on Friday"; not "I work until 2.30, so anything after 3pm")."""
_MOVED = re.compile(
    r"\b(?:move|moving|moved|reschedul\w*|postpon\w*|push(?:ed|ing)? back|cancel\w*"
    r"|can'?t make|cannot make|won'?t (?:be able to )?make|unable to make|away|out of office"
    r"|flying|travell?ing|on holiday|on vacation|urlaub|verreist|unterwegs|vacances|absente?"
    r"|en d[ée]placement|vacaciones|de viaje)\b",
    re.I,
)
"""A sentence giving a time that is being moved or called off ("I need to move our 1:1 on
Monday"): its time is not one offered."""
_MEETING = re.compile(
    r"\b(?:meet(?:ing|up)?|(?<!returned my )(?<!return my )(?<!returned our )(?<!missed )"
    r"call(?!\s+(?:him|her|them)\b)"
    r"|catch[- ]up|catch up|get together|lunch|coffee|dinner|drinks"
    r"|visit|visite|besichtigung|slot|(?<!n't )(?<!not )(?<!un)availab(?:le|ility)"
    r"|rehearsal|appointment"
    r"|session"
    r"|are you (?:around|free)"
    r"|join us|come (?:over|round|along|in and)|plans?|invite|d[iî]ner|r[ée]union|rendez-vous"
    r"|treffen"
    r"|termine?|cita|reuni[óo]n"
    r"|quedar(?!\s+(?:a dormir|en (?:tu|su|vuestr[oa]|mi) (?:casa|sof[áa]|piso|habitaci[óo]n)))"
    r"|quedamos|quedemos|vernos|reunirnos|rencontrer|retrouver"
    r"|(?<![-\w])(?:nous|vous|te|se) voir"
    r"|(?:hast du|habt ihr|haben sie|hättest du|hätten sie)\b"
    r"(?![^.!?]{0,40}\b(?:schon|gehabt|gefunden)\b)(?:[^.!?]|(?<=\d)\.){0,80}\b(?:zeit|lust)"
    r"|(?:have|got) time for (?:a|an)"
    r"|auf (?:ein|einen) (?:bier|kaffee|wein)|essen gehen|abendessen|mittagessen"
    r"|(?:boire|prendre) un (?:verre|café|coup)|déjeuner|apéro|es-tu libre|tu es libre"
    r"|videollamada|una llamada(?! perdida)|videoanruf|telefonat|visioconférence"
    r"|(?:une|en|la|appel) (?-i:visio)|un appel(?: vidéo| téléphonique)?"
    r"|êtes-vous libre|tomar (?:algo|un café|una caña|una cerveza)|cenar|comer juntos"
    r"|est[áa]s libre)\b",
    re.I,
)
_BEFORE_EVENT = re.compile(
    r"\b(?:before|ahead of|prior to|vor|avant|antes de"
    r"|(?:take|bring|present|put)\s+(?:it|this|that|them|these)\s+(?:to|at|before))"
    r"\s+(?:the|our|your|my|this|dem|der"
    r"|unserem|unserer|la|le|notre|el|nuestra|nuestro)\s+(?:[\w'-]+\s+){0,2}?"
    rf"{_MEETING.pattern}(?:\s+(?:[\w'-]+\s+){{0,2}}?(?:on|at|am|um|le|du|à|el|del|a las)"
    rf"\s+(?:{_DATE})(?:,?\s+(?:{_AT})?{_CLOCK}(?=\W|$))?)?",
    re.I,
)
"""A meeting named as a bound, not proposed: "before the meeting on Friday", "before our
call on Thursday at 3pm", "antes de la reunión del consejo del 14 de diciembre", the
writer's own meeting that what is asked goes to ("I can take it to our budget meeting on
Monday"). Its time is a deadline for what is asked."""
_PROPOSING = re.compile(
    r"\b(?:propos\w*|suggest\w*|offer\w*|how about|what about|shall we|let'?s|suits?"
    r"|works? for (?:you|me|us)|booked|scheduled|pencil+ed|arranged|would you rather|prefer"
    r"|slots?|availab\w*|options?|either|we could|could do|free|join|come|invit\w*"
    r"|(?:were|are|'re|was|am|'m) thinking of|(?:is|would be) fine too"
    r"|(?:otherwise|failing that|alternatively|sinon|ansonsten|sonst|si no)(?=,?\s+(?:(?:on|at|le"
    r"|am|um|el|the|any)\s+)?(?:today|tomorrow|demain|morgen|mañana|(?:mon|tues|wednes|thurs|fri"
    r"|satur|sun)day|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|(?:mon|diens|donners|frei"
    r"|sams|sonn)tag|mittwoch|lunes|martes|miércoles|jueves|viernes|sábado|domingo|\d))"
    r"|on pensait|nous pensions|wir dachten an|(?:pensábamos|estábamos pensando) en"
    r"|vorschlag\w*|schlage\w*|anbiet\w*|propon\w*|disponib\w*|verfügbar|libre|frei"
    r"|(?:nos|me) (?:vendr[íi]an?|ir[íi]an?) bien|nous conviendrai\w*|uns (?:passen|passt|würden?)"
    r"|würden? uns"
    r"|i could|ich könnte|wir könnten|je pourrais|(?:me|nos) (?:viene|va) (?:genial|bien|perfecto)"
    r"|(?<!no )(?:yo )?puedo(?=\s+(?:el|los|mañana|pasado))|je peux(?=\s+(?:le|demain|lundi"
    r"|mardi|mercredi|jeudi|vendredi|samedi|dimanche))|ich kann(?=\s+(?:am|um|morgen|montag"
    r"|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag))(?![^.,;]*\bnicht\b))\b",
    re.I,
)
"""Words that offer a time, where a time beside a meeting word may only recall one
("thanks for jumping on the call on Saturday night")."""
_ALTERNATIVE = re.compile(
    r"\b(?:otherwise|alternatively|or else|failing that|if not|alternativ|ansonsten|sonst"
    r"|sinon|à défaut|ou bien|si no|o bien|de lo contrario)\b|^\W*(?:or|oder|ou|o)\b",
    re.I,
)
"""Words offering another time in the sentence after a proposal ("Or Saturday if that's
easier for you")."""
_OFFERED = re.compile(
    r"\b(?:works?|suits?|fine|ok|okay|geht|ginge|passt|passen|würde|could|can|me va|me viene"
    r"|podr[íi]amos|podemos|pourrions|pourrait|convient|conviendrait|possible|m[öo]glich"
    r"|easier|better|(?:more )?convenient|lieber|einfacher|mieux|plus simple|mejor)\b",
    re.I,
)
"""Words that make the sentence after a proposal offer its time, not merely name one ("if
not, I'm flying to Berlin on Wednesday" offers nothing)."""
_WRITER_WILL = re.compile(
    r"\b(?:(?:i'll|i will|i'm going to|we'll)\s+(?:e-?mail|call|ring|phone|text|write|message"
    r"|send|get back|let you know)"
    r"|(?<!what )(?:if|once|when|after|as soon as) (?:we|i) (?!(?:can|could|should|met|came)\b"
    r"|meet|move|moved|push|come|drop|call|pop|see)\w+"
    r"|ich (?:melde mich|rufe dich|schreibe)|je (?:t'|vous )"
    r"(?:appelle|écris|rappelle)|(?:te|le) (?:llamo|escribo))\b[^.,;]*$",
    re.I,
)
"""The writer's word that they will get in touch, just before a time ("and I'll email you on
Friday", "si no, te llamo el jueves"): that time is no meeting offered. "Je vous propose
jeudi" and "I'll be free on Friday" offer theirs."""
_TIME_FRAME = re.compile(
    r"^\W*(?:(?:could|can|shall|should) (?:we|you)|how about|what about)\b", re.I
)
_ASKS_OF_TIME = re.compile(r"^\W*(?:is|does|do|would|will)\s+(?:the\s+)?", re.I)
_SUITS = re.compile(r"^\W*(?:ok|okay|good|fine|convenient|works?|suits?)\b", re.I)
_DONE = re.compile(
    r"\b(?:went|was|were|did|arrived|came|happened|received|war|waren|hatten|était|étaient"
    r"|avez-vous eu|fue|fueron|estuvo|s'est passée?)\b",
    re.I,
)
"""A question in the past tense asks about a time gone by, however it is worded."""
_DATE_OF_WORK = re.compile(
    r"\b(?:deliver\w*|deadline|due date|turnaround|completion|go-live|launch date|lieferterm\w*"
    r"|swap\w* my\b|(?:switch|trade|cover)\w*\b[^.?!]{0,40}\bshifts?|schicht\w*"
    r"|liefer(?:datum|zeit)|abgabe\w*|date de (?:livraison|remise)|délai|fecha de entrega"
    r"|plazo)\b",
    re.I,
)
"""Words that make a date in a sentence the date of a piece of work ("the earliest delivery
date you could commit to - the client is hoping for Friday 18 December") or of a shift ("Any
chance I could swap my Saturday 12th shift for Monday 14th?"), not a time to meet, unless
the sentence also speaks of meeting."""
_BARE = 4
"""A question of at most this many words besides its time proposes it ("Tuesday at 10:00?",
"Any chance of Friday at 2pm?")."""
_BETWEEN = (
    r"(?!(?:or|and|by|from|to|for|before|until|with|in|on|at|since|after|over|during|when|whenever"
    r"|as|so|if|please|because|while|you|i|we|they|he|she|it)\b)"
)
"""What a word inside the name of a thing asked for is not: a word that links on or a
subject ("a copy of the invoice | you sent to the Trust")."""
_NOT_END = rf"{_BETWEEN}(?!(?:the|a|an|your|my|our|of)\b)"
"""What the name of a thing asked for does not end on ("a copy of your passport or ID card",
not "a copy of your passport or")."""
_DOCUMENT = re.compile(
    r"(?:(?<!we )(?<!\bi )(?<!'ll )(?<!will )(?<!shall )(?<!me to )(?<!us to )(?<!me )"
    r"(?<!did you )(?<!you ever )(?<!have you )(?<!did you already )"
    r"(?<!\bi can )(?<!we can )(?<!\bi could )(?<!we could )"
    r"\b(?:send|share|forward|attach|provide|upload|return|submit|pass on|pull|gather|dig out)"
    r"|\b(?<!n't )(?<!not )(?<!no longer )(?<!you )(?<!you will )(?<!you'll )(?<!do we )(?<!do i )"
    r"(?<!will we )(?<!would we )(?<!does it )need(?!\s+to\b))\b"
    r"(?:\s+(?:me|us|over|back|along))*\s+(?P<what>(?:(?:the|your|a|an|this|that|those|these|our|my)\s+)"
    r"?(?:(?!(?:to|i|we|need)\b)\w[\w-]*\s+){0,3}?(?:contract|document|file|report|numbers|figures|slide|deck|draft"
    r"|proposal|form|pdf|spreadsheet|sheet|details|copy|cv|resume|agenda|minutes|notes"
    r"|presentation|photos?|pictures?|recipe|quote|estimate|statement|schedule|list|plan|copies"
    r"|declaration"
    r"|summary|invoice|receipt|signature|address|availability|version|lease|renewal|log"
    r"|certificate|payslip|accounts|analysis|mandate|passport|bio|biography|headshot|letter"
    r"|glossary|glossaries|nda|agreement|undertaking|sample|termbase|id|forecast|budget)s?"
    r"(?:\s+(?:form|document|file|sheet|report|pdf)s?)?"
    rf"(?:\s+of\s+(?:{_BETWEEN}[\w-]+\s+){{0,5}}{_NOT_END}[\w-]+(?:\s+or\s+(?:[\w-]+\s+)?{_NOT_END}[\w-]+)?)?"
    rf"(?:\s+and\s+(?:a|an|the|my|your|our)\s+(?:{_BETWEEN}[\w-]+\s+){{0,2}}{_NOT_END}[\w-]+)?)\b",
    re.I,
)
_AND_MORE = re.compile(
    r"\s+(?:and|&)\s+(?!(?:i|we|you|he|she|they|it|then|also|let|please|if|so|this|that|to"
    r"|confirm|check|pay|put|send|sign|remind|describe|cc|bring|give|tell|call|ask|forward"
    r"|return|keep|leave|drop|add|attach|include|make|get|take|email|e-mail|text|ring"
    r"|fill|print|scan|share|book|order|update|see|look|note|mark|write|read|use|copy)\b)"
    r"(?:[\w£€$'-]+\s+){0,5}?[\w£€$'-]+"
    r"(?=\s*(?:[,.;:!?()]|$)|\s+(?:by|before|for|to|so|please|as|when|if|until|asap|today"
    r"|tomorrow|this|next|in|at|on|from|with|via|back|over)\b)",
    re.I,
)
"""More things asked beside the first ("your entry form and the £25 fee by Friday 4th", "a
copy of your current contents and public liability insurance certificate for our file")."""
_AND_MORE_ABROAD = re.compile(
    r"\s(?:y|et|und)\s+(?=(?:el|la|los|las|un|una|le|les|l'|une|der|die|das|den|ein|eine[nm]?)"
    r"(?:\b|(?<=l')))",
    re.I,
)
"""More asked after a thing in Spanish, French or German (:func:`_things_abroad`)."""
_THING = r"(?:[\w-]+\s+){0,2}?"
"""Up to two words between an article and the thing asked for ("un devis détaillé" has
none, "die aktuelle Rechnung" one)."""
_DE_THING = (
    r"(\b(?:der|die|das|den|dem|diese[nmrs]?|ein|eine[nm]?|Ihre?[nmr]?|deine?[nmr]?"
    r"|unsere?[nmr]?)\s+(?:[\w-]+\s+){0,3}?[\wäöüß]*(?:rechnung|angebot|vertrag|unterlagen|dokument"
    r"|bericht|formular|präsentation|preisliste|entwurf|datei|tabelle|kostenvoranschlag"
    r"|bescheinigung|nachweis|beleg|foto|lebenslauf)(?:e|en|n|s)?)\b"
)
_DE_SENDING = (
    r"\b(?:(?:benötigen|brauchen|bräuchten?)(?!\s+(?:Sie|du|ihr)\b)|senden|sende|sendest|sendet|schicken|schicke|schick|schickst|schickt|zusenden|zuschicken"
    r"|zukommen|übermitteln|weiterleiten)\b"
)
_FR_THING = (
    r"((?:\bl'|\b(?<!pour )(?<!sur )(?:le|la|les|un|une|votre|vos|ta|ton|tes)\s+)"
    rf"{_THING}(?:facture|devis|contrat|document|rapport|formulaire|attestation|fichier"
    r"|présentation|partie du rapport|biographie|photo|cv|justificatif|relevé)s?"
    r"(?:\s+(?!été\b)\w+(?:ée?s?|ifs?|ives?))?)\b"
)
_FR_SENDING = (
    r"\b(?:envoyer|envoyez|envoies?|renvoyer|renvoyez|transmettre|transmettez|transmets"
    r"|faire parvenir|faites parvenir)\b"
)
_ES_THING = (
    r"(\b(?<!para )(?<!por )(?:el|la|los|las|un|una|su|sus|tu|tus)\s+"
    rf"{_THING}(?:factura|presupuesto|contrato|documento|informe|formulario|archivo|excel"
    r"|lista|foto|certificado|justificante|documentación)s?"
    r"(?:\s+(?!(?:pasado|nada|cuidado|todo|lado)\b)\w+(?:ad[oa]s?|id[oa]s?|iv[oa]s?))?)\b"
)
_ES_SENDING = (
    r"\b(?:enviar(?:me|nos)?|env[ií]a(?:me|nos)?|env[ií]e(?:me|nos)?|env[ií]es|enviara|enviase"
    r"|mandar(?:me|nos)?|m[aá]nda(?:me|nos)|m[aá]nde(?:me|nos)?|mandas|pasar(?:me|nos)?"
    r"|p[aá]same|p[aá]senos|pasas)\b"
)
_OF_THING = re.compile(
    r"(?:\s+(?:de|del|des|du|d'|von|vom)\b[^,;.?!()]{0,30}|\s*\([^()]{0,40}\))?\s*", re.I
)
"""What may stand between a thing and a second ask ("las fotos de los daños y ...")."""
_CLAUSE_ABROAD = re.compile(
    r"\b(?:c[óo]mo|qu[ée]|cu[áa]nto|cu[áa]ndo|por qu[ée]|comment|pourquoi|combien|quand|wie|warum"
    r"|wann|weshalb|wieso)\b",
    re.I,
)
"""A question word after a second thing asked ("el detalle de cómo se ha calculado")."""
_ANY_THING_ABROAD = re.compile(f"{_DE_THING}|{_FR_THING}|{_ES_THING}", re.I)
_NEAR = r".{0,60}?"
_DOCUMENT_ELSEWHERE = re.compile(
    rf"{_DE_SENDING}{_NEAR}{_DE_THING}|{_DE_THING}{_NEAR}{_DE_SENDING}"
    rf"|{_FR_SENDING}{_NEAR}{_FR_THING}|{_ES_SENDING}{_NEAR}{_ES_THING}",
    re.I,
)
"""A document asked for in German, French or Spanish: a verb that asks for it sent near
the thing with its article, before it (and in German also after it): "Können Sie mir das
Angebot bis zum 4. Dezember schicken?", "Pourriez-vous m'envoyer le devis", "envíame el
presupuesto". Past forms ("envoyé", "geschickt") are no request."""


_SERVICE = re.compile(
    r"^(?:\s*\([^)]*\))?[^.?!]{0,40}?\b(?:translated|proofread|reviewed|checked|edited|revised|locali[sz]ed"
    r"|bound|rebound|printed|framed|repaired|restored|laminated"
    r"|übersetzt|korrigiert|traduit|traducido|revisado)\b"
    r"|^\s+to\s+(?!(?:me|us)\b)(?:(?:the|a|an|his|her|their)\b|(?-i:[A-Z]))",
    re.I,
)
"""Work asked on a thing ("need the share purchase agreement and its two schedules
translated"), or the thing asked to go to someone else ("send the final accounts to the
auditor"): not something to promise the writer, so the ask is a question."""


_ORDERED = re.compile(r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten) copies", re.I)
"""Copies counted and needed with nothing named they are of ("I need three copies"): how
many the writer orders, not a thing to send (unlike "two copies of your passport")."""
_COUNTED = re.compile(r"numbers|figures|final numbers", re.I)
"""Bare "numbers" needed ("I need numbers for the lamb by Wednesday"): how many are coming,
an answer in the reply, not a document to send (unlike "the numbers")."""


def _things_abroad(sentence: str, found: re.Match[str]) -> str:
    """The thing a German, French or Spanish request names, with a second thing asked after
    it ("une courte biographie et une photo"); empty where a question is asked after it
    ("las fotos de los daños y el detalle de cómo se ha calculado el importe"), which a
    promise to send the thing would leave out."""
    at = next(n for n, group in enumerate(found.groups(), 1) if group)
    more = _AND_MORE_ABROAD.search(sentence, found.end(at))
    if more is None or not _OF_THING.fullmatch(sentence[found.end(at) : more.start()]):
        return found.group(at)
    second = _ANY_THING_ABROAD.match(sentence, more.end())
    if second:
        return sentence[found.start(at) : second.end()]
    return "" if _CLAUSE_ABROAD.search(sentence, more.end()) else found.group(at)


def _document(sentence: str) -> str | None:
    """The thing a sentence asks to be sent, as it names it; None when it asks for none, and
    empty when it asks for it to go elsewhere or to be worked on (:data:`_SERVICE`)."""
    found = _DOCUMENT.search(sentence) or _DOCUMENT_ELSEWHERE.search(sentence)
    if found is None or _SO_I_CAN.search(sentence[: found.start()]):
        return None  # "let me know by Tuesday so I can send the letter home to parents"
    if _SERVICE.match(sentence[found.end() :]):
        return ""
    what = found.group("what") if found.re is _DOCUMENT else ""
    if found.group(0).lower().startswith("need") and _COUNTED.fullmatch(what):
        return None  # "I need numbers for the lamb": a count to answer, not a thing to send
    if re.fullmatch(r"(?:\d+|a few|a couple of|several|ten|twenty|thirty)\s+minutes", what, re.I):
        return None  # "He'll only need 20 minutes or so": time, not a meeting's minutes
    if re.match(r"(?:new|fresh|more)\s", what, re.I):
        return None  # "We need new headshots for 28 people": work to do, not a thing to send
    if found.group(0).lower().startswith("need") and _ORDERED.fullmatch(what):
        return None  # "I need three copies - library, supervisor ...": how many to make
    if found.re is not _DOCUMENT:
        return _things_abroad(sentence, found)
    more = _AND_MORE.match(sentence, found.end())
    return what + more.group(0) if more else what


_SO_I_CAN = re.compile(
    r"\b(?:so|so that|then|in order that|damit|pour que|para que)\s+(?:i|we|ich|wir|je|nous)\b"
    r"[^.?!]{0,20}$",
    re.I,
)
"""The writer's own purpose just before a verb of sending ("... so I can send the letter
home"): the thing is theirs to send, not asked of the reader."""
_PAYMENT = re.compile(
    r"\b(?:invoice(?!s? (?:list|number|address|template|history|records?)\b)|amount due"
    r"|balance due|unpaid(?! (?:leave|work|overtime|internship))"
    r"|outstanding (?:amount|balance|invoice|payment|sum))\b"
    r"|\b(?:invoice|payment|balance|amount|bill|fee|rent|account|sum)s?\b[^.!?]{0,60}"
    r"\boverdue\b|\boverdue\b[^.!?]{0,40}(?:\b(?:invoice|payment|balance|amount|bill|fee|rent"
    r"|account|sum)s?\b|[£€$]|\b(?:eur|gbp|usd)\b)"
    r"|^\W*pay (?:the|your|our|us|me)\b"
    r"|\b(?<!did )(?<!when )(?:you|please)\b(?:\s+\w+){0,3}?\s+(?:pay|settle|remit|reimburse"
    r"|transfer"
    r"|(?:arrange|make) (?:the )?payment)\b"
    r"|\bpayment\b(?:\s+\w+){0,2}?\s+(?:is|was) (?:now )?(?:due|overdue|late)\b"
    r"|\b(?:scheduled|approved|submitted|released) for payment\b"
    r"|\b\d{1,3} ?% (?:up ?front|deposit|in advance)\b|\b(?:a|the) deposit of\b"
    r"|\b(?:send|transfer|pay)\b[^.!?]{0,20}\b(?:to|into|on) (?:my|our) (?:revolut|paypal|monzo"
    r"|bank account|account)\b"
    r"|\b(?:zahlungserinnerung|mahnung|offene[nr]? (?:betrag|rechnung|posten))\b"
    r"|\b(?:bitte|könnten sie|können sie|würden sie)\b(?![^.!?]*\bich\b)[^.!?]{0,40}"
    r"\b(?:überweisen|begleichen|bezahlen|zahlen)\b"
    r"|\b(?:wenn|falls) (?:du|sie|ihr)\b[^.!?]{0,60}\b(?:überweisen|begleichen|bezahlen)\b"
    r"|\b(?:impayée?s?|montant dû|en attente de (?:paiement|règlement))\b"
    r"|\b(?:merci de|veuillez|pourriez-vous|pouvez-vous)\b(?![^.!?]*(?:\bje\b|\bj'))[^.!?]{0,30}"
    r"\b(?:régler|payer|verser|procéder au (?:règlement|paiement|virement))\b"
    r"|\b(?:pendiente de pago|importe pendiente|factura vencida|factura impagada)\b"
    r"|\b(?:rogamos|ruego|por favor|podr[íi]a)\b(?![^.!?]*\b(?:decirme|indicarme|saber)\b)"
    r"[^.!?]{0,30}\b(?:pagar|abonar|abonen?|realic(?:e|ar) (?:el pago|la transferencia))\b",
    re.I,
)
"""Money asked of the reader: an invoice or a sum due named, the reader asked to pay
("could you reimburse me", "please settle"), or a payment's progress ("scheduled for
payment"). A "pay" elsewhere in a request is not one
("we need to ... so that Enron would pay the breakage fee"), nor "payments", which names a
system more often ("the payments API") than a sum due, nor "reimbursement", which names the
process ("this month's reimbursement run"). In German, French and Spanish: a reminder or a
sum due named ("Zahlungserinnerung", "facture impayée", "pendiente de pago"), or the reader
asked to pay ("Bitte überweisen Sie", "merci de procéder au règlement", "le rogamos que
realice la transferencia"; not the writer asking how they may pay: "Können Sie mir sagen,
ob ich per PayPal bezahlen kann?")."""
_DUE = re.compile(
    r"^(?=.*\b(?:invoice|fee|subscription|balance|payment|rent|bill|amount)s?\b)"
    r".*\b(?:unpaid|overdue|(?:still|remains?) outstanding|outstanding (?:amount|balance|invoice)"
    r"|\breminder that (?:our|the) invoice\b[^.!?]{0,80}\b(?:is|will be) (?:now )?(?:due|payable)\b"
    r"|(?:has|have)n'?t (?:yet )?been paid|(?:has|have) not (?:yet )?been paid"
    r"|\brent\b[^.!?]{0,40}\b(?:has|have)(?:n'?t| not) (?:yet )?(?:come through|arrived"
    r"|been received))\b"
    r"|\b(?:rechnung|betrag|beitrag|gebühr|miete)\w*\b[^!?]{0,140}\b(?:noch offen"
    r"|noch nicht (?:bezahlt|beglichen|überwiesen)|unbezahlt|überfällig|seit\b[^!?]{0,25}\bfällig"
    r"|keinen? zahlungseingang)"
    r"|\b(?:cotisation|facture|paiement|montant|loyer)s?\b[^!?]{0,80}"
    r"(?:\bn'est pas (?:encore )?réglée?|\bimpayée?|\breste(?:nt)? à (?:régler|payer)|\ben retard)"
    r"|\b(?:cuota|factura|pago|importe|recibo|alquiler)s?\b[^!?]{0,80}\b(?:sigue pendiente"
    r"|est[áa] pendiente|pendiente de pago|sin pagar|vencid[oa])\b"
    r"|\b(?:tiene|tienen) que estar pagad[oa]s?\b"
    r"|\bfalta\b[^!?]{0,30}\brestante\b(?=[^!?]{0,30}(?:€|eur|euros|importe|pago|%))",
    re.I,
)
"""A sum due to be paid named as unpaid, without a request ("the invoice ... is still
outstanding", "ta cotisation 2027 (120 €) n'est pas encore réglée"): a reminder, which asks
to be paid as much as a request does."""


_PAYING_YOU = re.compile(
    r"\b(?:let me|(?:i|we)(?:'ll| will| can| want to|'d like to| would like to)?) pay you\b"
    r"|\bhow much (?:do|shall|should|will) (?:i|we) (?:owe|pay)\b|\bwhat do (?:i|we) owe you\b"
    r"|\bcombien (?:je te dois|je vous dois)\b|\bwas (?:schulde|schulden) (?:ich|wir)\b"
    r"|\bcu[áa]nto te debo\b|\b(?:did|does|do|has|have|will) (?:\w+ ){0,2}invoice (?:you|us|me)\b"
    r"|\b(?:able to|can you|could you|would you|will you) invoice\b"
    r"|\b(?:credit(?:ed)?(?!\s*card)|refund(?:ed)?|waived?|reversed?|written off|write off"
    r"|gutschr\w*|erstatt\w*|storn\w*|rembours\w*|annul\w*|reembols\w*)\b",
    re.I,
)
"""The writer offering to pay the reader ("Please let me pay you something - how much do I
owe you?") or asking the reader to credit or refund an invoice ("I'd like that invoice
credited"): no money asked of the reader, a question."""
_WRITER_PAYS = re.compile(
    r"\b(?:i(?:'ve| have)? (?:just |already )?(?:paid|transferred|settled)|i'll pay"
    r"|ich (?:habe|hab) [^.!?]{0,40}(?:überwiesen|bezahlt)|ich (?:überweise|zahle|bezahle)"
    r"|je (?:l'ai|vous ai|t'ai) (?:payée?|réglée?|viré)|je (?:la |le )?(?:paie|règle)"
    r"|(?:lo|la|te lo|te la|te) (?:pago|pagaré|transfiero|paso)|te he pagado|me falta"
    r"|me ha(?:n)? pagado|\?"
    r"|deine Rechnung|Ihre Rechnung|your invoice|ta facture|votre facture|tu factura"
    r"|su factura|(?:mi|my|mein) (?:casero|landlord|vermieter))",
    re.I,
)
"""The writer paying, or the bill being the reader's: no reminder to the reader."""


_SUM_DUE = re.compile(
    r"^(?!\W*(?:ist|sind|est-ce|es|est)\b)(?![^?]*\b(?:rien|nichts|nicht|kein\w*|bereits|déjà"
    r"|ne|n')\b)[^?]*\b(?:(?:est|sont|reste|restent|sera|seront) à (?:régler|payer|verser)"
    r"|(?:ist|sind)\b[^!?]{0,40}\bzu (?:überweisen|zahlen|bezahlen|begleichen)"
    r"|(?:i(?:'ve| have)|we(?:'ve| have)) (?:also )?attached (?:my|our) invoice"
    r"(?![^.!?]*\b(?:paid|records|reissue|wrong|incorrect)\b))\b[^?]*$",
    re.I,
)
"""A sum the writer states is due from the reader ("un acompte de 50 % est à régler par
virement avant le 10 décembre", "Der Restbetrag ist bis 18.12. zu überweisen", "I've attached
my invoice ..."; not "... for your records, it was paid by card"); not a
question ("Ist es möglich, in zwei Raten zu zahlen?") nor nothing due ("Rien n'est à
régler aujourd'hui")."""


def reminds(sentence: str) -> bool:
    """Whether ``sentence`` says a sum the reader owes is unpaid (a payment reminder); not
    when the writer pays it, or it is the reader's own bill ("deine Rechnung ... ist seit
    dem 1.12. fällig, ich habe sie heute überwiesen")."""
    return bool(_DUE.search(sentence)) and not _WRITER_PAYS.search(sentence)


_MONEY = re.compile(
    r"^(?:(?:the|a|an|your|my|our)\s+)?(?:payment|money|amount|balance|sum)s?\b", re.I
)
_BILLING = re.compile(
    r"\b(?:receive|get|have|split|issue|raise|address|make out)\b[^.?!]{0,30}\binvoices?\b"
    r"|\binvoice (?:us|me|them)\b|\b(?:purchase order|PO|order) (?:number|no\.?|ref\w*)\b"
    r"|\binvoices? (?:go|goes|be sent|be addressed|be made out)\b",
    re.I,
)
"""The reader asked to bill the writer ("is it still possible to receive the invoice in two
parts?", "could you invoice us in euros?", "could the invoice go to accounts@..."): no money
asked of the reader. Nor is an invoice
asked to be sent ("Could you send us the invoice by Wednesday?"), which is a document."""
_PAYS = re.compile(r"\b(?:pay|paid|settle|remit|transfer|reimburse)\b", re.I)
"""A sentence asking for money whatever else it names ("I have attached the invoice, please
pay it by Friday")."""
_INVOICE_NUMBER = re.compile(r"\b(?:(?-i:INV)[-/]?[A-Z0-9][\w/-]*\d)\b", re.I)
_INTRODUCTION = re.compile(
    r"\b(?:introduc(?:e|ing)\s+(?:you\b|the two of you|(?:my|our)\s+(?:\w+\s+)?(?:colleague"
    r"|friend|partner|boss|manager|co-?founder|cousin|sister|brother|client|contact|neighbou?r"
    r"|wife|husband)|(?-i:[A-Z]))|(?<!for the )(?<!for your )introduction\b(?!\s+of\b)"
    r"|i'?d like you to meet|connect(?:ing)? you (?:with|to)"
    r"|put you in touch|connect(?:ing)? (?:the two of you|you two|you both)"
    r"|(?:i'll|i will|i'm going to) leave (?:you two|you both|the two of you)"
    r"|(?:i'll|i will|i'm going to) let (?:you two|you both|the two of you)"
    r" (?:take it from here|take it on|talk|chat|connect|get on with it)"
    r"|^\W*(?-i:[A-Z])\w+\s*[-\u2013,:]\s*meet (?-i:[A-Z])\w+,"
    r"|over to you (?:two|both)\b|you (?:two|both) should (?:talk|meet|connect|chat)"
    r"|(?:dir|euch)\s+(?:gerne\s+|kurz\s+)?(?-i:[A-ZÄÖÜ][\w-]+)(?:\s+(?-i:[A-ZÄÖÜ][\w-]+))?"
    r"\s+vorstellen|(?:dir|ihnen|euch)\s+(?:gerne\s+|kurz\s+)?(?:meine[nr]?\s+|unsere[nr]?\s+)?"
    r"(?-i:Herrn|Frau|Kollegin|Kollegen)\s+[\w. -]{2,40}?vorstellen"
    r"|in kontakt bringen"
    r"|(?:je|j'aimerais|je voudrais)\s+(?:te|vous)\s+présenter?\s+"
    r"(?:(?:mon|ma|notre)\s+\w+\s+)?(?-i:[A-ZÀ-Ý])"
    r"|(?:mettre|(?:te|vous) mets?) en (?:contact|relation)"
    r"|(?:(?:te|le|os|les) presento|presentar(?:te|le|os))\s+(?:a\s+)?"
    r"(?:(?:mi|nuestr[oa])\s+\w+\s+)?(?-i:[A-ZÁÉÍÓÚÑ])|poner(?:te|le|os) en contacto)",
    re.I,
)
"""An introduction to someone: "I'd like to introduce you to Sam", "let me introduce my
colleague Ana", "Marta - meet Noor, who runs ..." (not "introduced new menu items",
"introduce myself"), "ich möchte dir Jonas vorstellen",
"Ihnen Frau Berg vorstellen" (not "kannst du dir das vorstellen", can you imagine, nor
"Ihnen unser Produkt vorstellen"), "je te présente Paul" (not "je vous présente mes
excuses"), "te presento a Carlos" (not "le presentamos nuestra oferta")."""
_THANKS = re.compile(
    r"\b(?:thanks|thank you|many thanks|cheers for|much appreciated|grateful|merci"
    r"|danke(?:schön)?|(?:vielen|herzlichen|besten|tausend|lieben) dank|gracias)\b",
    re.I,
)
_COURTESY = re.compile(
    r"\b(?:thank you|thanks|many thanks) for (?:your|the) (?:order|enquiry|inquiry|interest"
    r"|payment|booking|request|application|patience|instruction)\b"
    r"|\b(?:vielen |herzlichen )?dank für (?:ihren|ihre|ihr|deinen|deine|dein)"
    r" (?:auftrag|anfrage|bestellung|interesse|zahlung|buchung|bewerbung|geduld)\b"
    r"|\bmerci (?:pour|de) (?:votre|ta) (?:commande|demande|intérêt|paiement|réservation"
    r"|candidature|patience)\b"
    r"|\bgracias por (?:su|tu) (?:pedido|consulta|interés|pago|reserva|solicitud|paciencia)\b",
    re.I,
)
"""Thanks that open a business's reply to what the reader did ("vielen Dank für Ihren
Auftrag"): a courtesy that wants no welcome."""
_IN_ADVANCE = re.compile(
    r"\b(?:in advance|im voraus|d'avance|par avance|de antemano|por adelantado)\b", re.I
)
"""Thanks for what is yet to come ("Thanks in advance for your help", "Vielen Dank im
Voraus"): a sign-off, not thanks that wants a welcome."""
_THANKS_AND_REGARDS = re.compile(
    r"^\W*(?:(?:vielen|herzlichen|besten|tausend|lieben) dank|danke|(?:many )?thanks|merci"
    r"(?: beaucoup)?|(?:muchas )?gracias)\W+(?:(?:und|and|et|y|&)\W+)?"
    r"(?:(?:viele|liebe|beste|freundliche|herzliche|schöne)n?\s+)?(?:gr(?:ü|u)(?:ß|ss)e?\b"
    r"|(?:best |kind |warm )?regards|bonne (?:journée|soirée|semaine)|(?:un )?saludos?)",
    re.I,
)
"""Thanks fused with a closing, with nothing thanked for ("Vielen Dank und viele Grüße",
"Thanks and regards", "Merci et bonne journée"): a sign-off."""
_BUT = re.compile(r",?\s+(?:but|pero|mais|aber|however|sin embargo|cependant)\b", re.I)
"""Thanks followed by a "but", which thank for nothing."""
_FEW_THINGS = (
    r"(?:a few|a couple of|two|three|four|some|several) (?:more |other )?(?:things|items|details"
    r"|documents|bits)"
)
"""What a writer needs, counted before the list of it ("I need two things from you:")."""
_REQUEST = re.compile(
    r"^\W*(?:(?:and|also|so|plus),? )?(?:could|can|would|will|do|did|are|is|have|has|should"
    r"|shall) you\b"
    r"|^\W*(?:also |and |so )?(?:can|could|should|shall|may) (?:i|we)\b(?!\s+(?:just )?say\b)"
    r"|^\W*(?:also |and |so )?how (?:long|much|many|often|far|soon) (?:does|do|is|are|will|would"
    r"|can|should|did)\b"
    r"|(?:[,:]|\s[-\u2013])\s+(?:could|can|would|will) you\b(?!\s+believe)"
    r"|^\W*(?:before|after|when|once|while)\s(?:(?!\b(?:asked|wondered|said|told)\b)[^,.?!])"
    r"{1,60}?\s(?:could|can|would|will) you\b"
    r"(?!\s+believe)"
    r"|\b(?:i|we) (?:would|'d) like to (?:understand|hear|see) (?:what|why|how|whether)\b"
    r"|\bask (?:whether|if) you (?:would|could|can|will|might)\b"
    r"|\b(?:i|we)(?:'d| would) (?:also |really |greatly )?appreciate (?:(?:a bit |a little )?more"
    r" notice|a (?:quick |prompt )?(?:reply|response|call|update|answer|explanation))\b"
    r"|\byou can (?:send|transfer|pay) (?:it|the money|that|your share)\b[^.!?]{0,30}\b(?:to|into)"
    r" my\b"
    r"|\b(?:(?:je me permets|je voudrais|j'aimerais|je souhaiterais|puis-je|permettez-moi)"
    r"(?: donc| aussi| également)?(?: de)? (?:vous|te) demander"
    r"|(?:ich möchte|darf ich|ich wollte) (?-i:Sie|dich) (?:\w+ )?fragen"
    r"|(?:quisiera|quería|me gustaría|permítame) preguntar(?:le|te|os))(?:\s*:?\s*$|,?\s+"
    r"(?:et )?(?:si|s'il|ob|quand|où|comment|combien|wann|wie|was|cuándo|cómo|qué)\b)"
    r"|\b(?:i|we) (?:think|feel|believe)\b[^.?!]{0,60}\bwould be (?:appropriate|fair"
    r"|reasonable|the least)\b"
    r"|\b(?:we|i) (?:would )?(?:kindly |politely )?(?:ask|request) (?:you|that you) (?:to )?"
    r"(?=(?:kindly )?(?:pay|transfer|settle|remit|send|return|confirm)\b)"
    r"|\bplease\b(?!\s+(?:find|see|note|ignore|disregard|do not|don't|be (?:advised|aware))\b)"
    r"(?!\s+quote\s+(?:\S*\d|(?:the|this|our|your) (?:invoice|reference|ref|order|account)))"
    r"(?=,?\s*[a-z(]|\s*$)"
    r"|(?:(?<!know )(?<!know that )(?<!understand )(?<!realise )(?<!realize )"
    r"\b(?:i|we)(?: will|'ll| do)?|^\W*(?:i|we)(?:'d| would)|^\W*(?:just|still|also|really))"
    r" (?:really |urgently |still |also )?(?:need|require)"
    r" (?:a|an|the|your|yours|you|all|from you|confirmation|a decision|someone|somebody|\d+|[£€$]"
    r"|copies"
    r"|to (?:know|hear|have|see|receive|confirm))\b"
    r"|(?:^\W*|\bso\s+|,\s*(?:and\s+)?)(?:i|we)(?:'d| would) (?:really |also |just )?like"
    r" (?:(?:either |a |an )?(?:(?:partial|full) )?(?:refund|replacements?|quote|response"
    r"|reply|call ?back)"
    r"|an (?:explanation|apology|answer|update)"
    r"|a written|someone|somebody|you to"
    r"|to (?:book"
    r"|order|buy|return|cancel|reserve|know|ask|arrange|request|enquire|inquire|join|come|take"
    r"|include|add(?! that\b)))\b"
    r"|\b(?:let (?:me|us) know|get back to (?:me|us)|r[ée]ponds?-moi|dis-moi"
    r"|tiens-moi au courant|av[íi]same)\b"
    r"|^\W*(?:and )?if you could (?:send|share|forward|tell|let (?:me|us) know|check|confirm)\b"
    r"|^\W*(?:könnten|können|würden) (?-i:Sie)\b"
    r"|^(?!\W*(?:falls|wenn|bei|sollten|sofern)\b)[^.!?]*[,:;]\s+könnten (?-i:Sie)\b"
    r"|\bwürden (?:wir|ich) uns\b[^.!?]{0,40}\bfreuen"
    r"|\bbitte\b(?!\s+(?:sehr|schön|beachten)\b)(?![^.!?]*\bnicht\b)"
    r"|(?:^\W*|[,:;]\s+)(?:pourriez|pouvez)-vous\b|\bmerci de (?!votre|vos|ton|ta|tes|notre|nos)"
    r"(?:bien vouloir|(?:me|nous|le|la|les|lui|leur)\b|m'|l'|[a-zé]+(?:er|ir|re)\b)(?!\s*avoir)"
    r"|\bje vous prie de (?!croire|recevoir|trouver)|\bpor favor\b"
    r"|\b(?:le|les|te|os)? ?(?:rogamos|ruego)\b|\b(?:te|le|os|les) pido que\b(?!\s+(?:me |nos )?"
    r"(?:disculp|perdon|no te preocupes|no se preocupe|no os preocupéis|teng\w* paciencia))"
    r"|\bje (?:te|vous) demande de\b(?!\s+(?:bien vouloir\s+)?(?:m'|nous\s+)?(?:excuser|pardonner"
    r"|patienter))"
    r"|\b(?:would|'d) be (?:very |most )?grateful if you\b"
    r"|\b(?:would|'d) be (?:very |most )?grateful for (?:the|your|a|an|any|those|these)\b"
    r"(?!\s+(?:patience|understanding|co-?operation|support|kind words|feedback)\b)"
    r"|\b(?:wir|ich) bitten? (?-i:Sie|dich|euch)\b(?!\s+um\s+(?:Ihr|Ihre|dein|deine|euer)"
    r"\s+(?:Verständnis|Geduld|Nachsicht))|\bvous remerci(?:e|ons) de bien vouloir\b"
    r"|\b(?:j'aimerais|je voudrais|je souhaiterais|nous aimerions|nous voudrions"
    r"|nous souhaiterions) savoir\b"
    r"|\b(?:ich (?:würde|möchte)|(?:würden|möchten) (?:wir|ich)|wir (?:würden|möchten))"
    r" (?:(?:auch|noch|außerdem)\s+)?gerne? (?:(?:auch|noch)\s+)?wissen\b"
    r"|\b(?:(?<!if )(?<!when )(?<!once )you choose(?!\s+(?:to|from|a|an|the)\b)"
    r"|your (?:choice|call)|(?:it'?s |totally |entirely )?up to you"
    r"|whichever (?:is|'s|would be) (?:easier|better|best|more convenient|simpler) for you"
    r"|whichever (?:\w+ )?(?:suits you|works (?:best |better )?for you|you prefer)"
    r"|du entscheidest|du hast die wahl|wie es (?:dir|euch|(?-i:Ihnen)) lieber ist"
    r"|c'est toi qui (?:vois|choisis)"
    r"|à toi de (?:voir|choisir)|tú eliges|tú decides|lo que (?:tú )?prefieras)(?!\w)"
    r"|\b(?:necesitar[íi]a(?:mos)?|quisiera|(?:me|nos) gustar[íi]a) (?:saber|conocer)\b"
    r"|\bnecesit(?:o|amos|ar[íi]a|ar[íi]amos) (?:es )?(?:tu|su|vuestr[oa]s?|tus|sus|que (?:me|nos"
    r"|tú|usted|ustedes|vosotros)|que \w+(?:es|éis|áis))\b"
    r"|\b(?:il (?:me|nous) faudrait|il faudrait|il faut|j'ai besoin|nous avons besoin)"
    r" que (?:tu|vous)\b(?!\s+(?:sachiez|saches|sachez|soyez))"
    r"|\b(?:quisiera|me gustar[íi]a|nos gustar[íi]a) (?:también )?(?:incluir|añadir(?! que)"
    r"|encargar|reservar)\b"
    r"|\b(?:appelle|rappelle|écris)-moi\b|\bruf(?:e)? mich\b|\bmeld(?:e)? dich\b"
    r"|\bsag(?:e|t)? (?:mir|uns) (?:(?:einfach|doch|bitte|kurz|noch)\W+)*"
    r"(?:ob|wann|was|wie|welche\w*|wo)\b"
    r"|^\W*(?:(?:et|alors|donc)\s+)?(?:choisis|choisissez|réserve|réservez|préviens-moi|prévenez-moi"
    r"|apporte|apportez|envoie-moi|envoyez-moi)\b"
    r"|\bcu[ée]nta(?:me|nos)\s+(?:si|qué|cuándo|cómo|dónde|cuál)\b"
    r"|\b(?:llámame|escríbeme)\b|\bd[ií](?:me|nos|game|ganos)\s+(?:si|qu[ée]|cu[áa]ndo|c[óo]mo"
    r"|d[óo]nde|cu[áa]l(?:es)?|a qu[ée])\b|\bagradecer[íi]a(?:mos)?\b"
    r"|\bif you(?:'re| are) (?:willing|happy|able) to\b|\bif you don'?t mind\b"
    r"|\b(?:i|we) (?:would |'d )?(?:expect|want) (?:a (?:full )?refund|an? (?:apology|explanation"
    r"|reply|response))\b|\b(?:i|we) want to know\b"
    r"|\b(?:i'd|i would|we'd|we would) (?:really |so )?love (?:for )?you to\b"
    r"|\b(?:a|an) (?:partial |full )?refund\b[^.!?]{0,30}\bwould be (?:fair|reasonable|right)\b"
    r"|\b(?:(?:it'?d|it would|it'?s) be )?(?:useful|helpful|good) to know\b"
    r"|\b(?:it )?(?:would|'d|will) (?:also |really )?help (?:us |me )?(?:to )?know\b"
    r"|\b(?:i|we) (?:want|wanted|would like|'d like) to ask (?:if|whether) you\b|\b(?:pls|plz)\b"
    r"|\b(?:we|i) (?:can|could) [^.?!]{3,80}\bif (?:you(?:'d)? (?:prefer|like|want|wish|need)"
    r"|(?:that|it|this) (?:helps|would help))\b"
    r"|\b(?:falls|wenn) (?:das|es) (?:hilft|helfen würde)\b"
    r"|\bsi (?:ça|cela) peut (?:vous |t')?aider\b"
    r"|\bsi (?:necesita|necesitas|quiere|quieres|lo desea)\b[^.?!]{0,60}\b(?:se|te|le|os)"
    r" (?:las|los|la|lo) (?:envío|mando|paso)\b"
    r"|\b(?:nous pouvons|je peux|on peut) [^.?!]{3,80}\bsi (?:vous|tu) (?:le )?(?:préférez|préfères"
    r"|voulez|veux|souhaitez)\b|\b(?:wir können|ich kann) [^.?!]{3,80}\b(?:wenn|falls) (?-i:Sie|du)"
    r" (?:das )?(?:möchten|möchtest|willst|wollen|lieber)\b|\b(?:podemos|puedo) [^.?!]{3,80}\bsi"
    r" (?:lo )?(?:prefiere|prefieres|quiere|quieres|desea)\b"
    r"|^\W*(?:i|we) want (?:them|it|this|these|the \w+) (?:\w+ed|put right|sorted|fixed|redone)\b"
    r"|\bsi (?:puedes|pudieras|podéis|puede)\b[^.?!]{3,120}?\b(?:me|le|nos)"
    r" (?:har[íi]a|encantar[íi]a|ayudar[íi]a)\b"
    r"|\bpodr[íi]as? (?:traer|mandar|enviar|llamar|pasar|decir|hacer|comprar|llevar)\w*"
    r"|\bif you could\b[^.?!]{3,160}?\b(?:that|it|this)(?:'d| would| will)? be (?:a |an )?"
    r"(?:huge |great |big |real |massive |enormous )?(?:help|helpful|great|brilliant|amazing"
    r"|ideal|perfect)\b"
    r"|\bit (?:would|'d|will) (?:also |really )?help (?:us |me )?(?:to )?have\b"
    r"|^\W*if you (?:can |could )?(?:confirm|order|book|sign|decide)\b[^,.?!]{0,40}"
    r"\b(?:by|before) (?:(?:next|this|the) )?(?:\d|today|tonight|tomorrow|noon|midday|end of"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
    r"|\b(?:sag|gib|gebt) (?:mir |uns )?(?:einfach |kurz |bitte |doch )?bescheid\b"
    r"|\bwrit(?:e|ing) to ask (?:if|whether) you\b|\blet (?:me|us) have\b"
    r"|\b(?:i|we)(?:'d| would)? need (?:everything|all of (?:it|this|these|them))(?: back)?"
    r" (?:by|before)\b"
    r"|\b(?:i|we|and) (?:wondered|was wondering|were wondering) (?:if|whether) you(?:'d be|'re"
    r"| might| could| would| are| were)(?: be)? (?:free|able|available|interested|willing|happy)\b"
    r"|\byou(?:'ve got| have got| have| need| must|'ll have) to tell (?:me|us)"
    r" (?:where|what|which|how|who|when|if|whether)\b"
    r"|^\W*(?:i|we)(?:'d| would) (?:really |also )?like\s*$"
    r"|\b(?:j'aurais|j'ai|nous aurions|nous avons|il nous faudrait|il me faudrait)\b[^.!?]{0,20}"
    r"\b(?:besoin (?:des|de quelques|de la|du)|les) (?:éléments|informations|documents|pièces"
    r"|renseignements)\b"
    r"|^\W*if\b[^,.?!]{1,60}?,?\s(?:can|could|would|will) you\b"
    r"|\bif (?:that's|that is|it's|it is|that'd be|that would be) (?:alright|all right|ok|okay"
    r"|fine)\b|\b(?:wenn|falls) (?:das|es) (?:(?:für )?(?:dich|dir|euch|(?-i:Sie|Ihnen)) )?(?:okay"
    r"|ok|in ordnung|recht)(?: für (?:dich|euch|(?-i:Sie)))? ist\b"
    r"|\bwenn es (?:dir|euch|(?-i:Ihnen)) passt\b|\bsi (?:ça|cela) (?:te|vous) (?:va|convient"
    r"|dérange pas)\b|\bsi (?:te|os) (?:parece bien|va bien|viene bien|importa)\b"
    r"|^\W*si le (?:parece bien|va bien|viene bien)\b"
    r"|\bif so,? (?:can|could|would|will) you\b"
    r"|\byou(?:'re| are) (?:more than |very |most )?welcome to (?:stay|sleep|crash|borrow|use)\b"
    r"|\byou can (?:stay|sleep|crash) (?:with us|with me|at ours|at mine|here)\b"
    r"|\b(?:du kannst|ihr könnt|Sie können) (?:gerne? )?(?:bei (?:uns|mir) )?(?:schlafen"
    r"|übernachten|wohnen)\b|\b(?:tu peux|vous pouvez) (?:dormir|rester|loger) chez\b"
    r"|\b(?:puedes|podéis) quedarte\b|\btienes (?:habitación|cama|sitio) en (?:casa|mi casa)\b"
    r"|\b(?:i'd|i would|we'd|we would) (?:like|want|expect) (?:that|the|this|my|our|it)"
    r"(?: \w+){0,2} (?:credited|refunded|cancell?ed|replaced|fixed|repaired|redone|waived"
    r"|corrected|reversed)\b"
    r"|\b(?:(?:i'm|i am|we're|we are) not sure|(?:i|we) (?:don't|do not) know|no idea) (?:if"
    r"|whether) you\b|\bno s[ée] si (?:tienes|tiene|puedes|puede|haces|hace|aceptas|acepta"
    r"|ofreces|ofrece|sirve|vale|te|le)\b|\bje ne sais pas si (?:tu|vous)\b"
    r"|\bich weiß nicht,? ob (?:du|ihr|(?-i:Sie))\b"
    rf"|\b(?:i|we) need(?: {_FEW_THINGS})? from you\b"
    r"|\b(?:i'd|i would|we'd|we would) appreciate\b"
    r"|^\W*(?:(?:also|and|to be honest|honestly),?\s+)?(?:i|we)(?:'d| would) (?:also |much"
    r" |really )?(?:prefer|rather) (?:that|if|it if)\b(?![^.!?]*\b(?:didn'?t|did not|don'?t|do not"
    r"|wouldn'?t|would not)\b)"
    r"|(?<!not )(?<!n't )\b(?:keen|eager) for you to\b"
    r"|\bwäre(?:n)? (?:ich|wir) (?:(?:Ihnen|dir|euch) )?(?:sehr )?dankbar\b"
    r"|\b(?:je vous serais|nous vous serions) (?:(?:très|également|donc) )?reconnaissante?s?"
    r"\s+de\s+(?:bien vouloir\s+)?(?:nous |me |m'|l'|le |la |les )?\w+(?:er|ir|re)\b"
    r"|\basked (?:if|whether) you (?:could|can|would)\b"
    r"|\bnecesit(?:o|amos) (?:que|cerrar|confirmar|saber(?:lo)?|decidir)\b"
    r"|(?:^\W*(?:(?:también|además|y|pues|entonces)\s+)?|\b(?:así que|por eso|por lo que)\s+"
    r"|,\s*y\s+)"
    r"necesitar[íi]a(?:mos)? (?:tu|su|sus|tus|vuestr[oa]s?|un|una)\b"
    r"|\b(?:il (?:nous|me) faut|nous (?:avons|aurons|aurions) (?:aussi |également )?besoin"
    r"|j'(?:ai|aurai|aurais) (?:aussi |également )?besoin)"
    r" (?:que|de (?:ton|ta|tes|votre|vos))\b"
    r"|\b(?:nous aurions|j'aurais) (?:aussi |également )?besoin d'une?\b(?! peu\b)"
    r"|\b(?:benötigen|brauchen) wir (?:von (?-i:Ihnen|dir|euch) )?noch\b"
    r"|\bwir (?:benötigen|brauchen) (?:von (?-i:Ihnen|dir|euch) )?noch\b"
    r"|\b(?:wir brauchen|ich brauche|wir benötigen|ich benötige|benötigen wir|brauchen wir)"
    r"\b(?![^.!?]*\bnicht\b).{0,60}?\b(?:(?-i:Ihre|deine|eure)\b|(?:noch )?(?:die )?folgende)"
    r"|\b(?:(?:ich|wir) bräuchten?|bräuchten? (?:ich|wir))\b(?![^.!?]*\bnicht\w*)",
    re.I,
)
"""A sentence that asks something of the reader: a question put to them, a "please" that is not
"please find attached", "please note" or how to pay ("please quote INV-88213"), "I need the
...", "I need to know", "I'd like a refund", "let me know", "you have to tell me", and their
German, French and Spanish forms ("Könnten Sie", "über eine Preisliste würden wir uns freuen",
"bitte" but not "bitte antworten Sie nicht", "wir bitten Sie", "pourriez-vous", "merci de me",
"nous vous remercions de bien vouloir", "por favor", "agradecería", "necesitaría saber", "ruf
mich an", "appelle-moi", "llámame"); not "we need to move quickly", which says what the writer
will do, nor a formal closing ("Je vous prie d'agréer ...")."""
_IMPERATIVE = re.compile(
    r"^\W*(?:(?:just|so|and|also|then|kindly|pls|plz|oh,?)\s+){0,2}"
    r"(?:bring\b(?!\s+(?:whoever|anyone|anybody|whatever|someone|friends|a friend"
    r"|(?:a|your) (?:partner|plus-one|date))\b)|(?:send|forward|give|tell|show"
    r"|e-?mail|text|call|ring|ping|remind|message|drop) (?:me|us)\b(?!\s+(?:know|a line)?\s*$)"
    r"|(?:send|forward|sign|return|review|check|confirm|share|print|scan|fill (?:in|out)"
    r"|pick up|bring back|send back|look over|read through) (?:(?:it|them)\b|(?:the|your|this"
    r"|that|these|those|a|an|all|both|over)\s)"
    r"|(?:pay|label|complete|book|arrange|update|submit|upload|provide|order|register|choose)"
    r" (?:the|your|this|that|these|those|all|both)\s)"
    r"|^\W*(?:(?:oh|and|also)\W+){0,2}if\b[^,.?!]{1,80},\s*(?:(?:just|please|do)\s+)?"
    r"(?:bring|send|forward|drop|pass|give|return)\s+(?:it|them|me|us|the|your|my|that|this)\b"
    r"|(?:,\s+(?:just|so)|\s[-\u2013](?:\s+just)?|;(?:\s+(?:just|so|and|also|then|please))?"
    r"|\band(?: please)?)"
    r"\s+(?:tell|send|give|show|forward|remind) (?:me|us)\b"
    r"|\b(?:it )?(?:would|'d) (?:also )?be (?:really |very |also )?(?:helpful|useful|great|good"
    r"|lovely|nice) if you (?:could|can|would)\b"
    r"|\bwäre (?:es )?(?:sehr |wirklich )?(?:hilfreich|schön|gut|toll|super|nett),? wenn"
    r" (?-i:Sie|du|ihr)\b"
    r"|\b(?:wants?|would like|wanted|asks?|asked|needs?|will need|'ll need) to know"
    r" (?:if|whether|when|what|which|how)\b"
    r"|\b(?:asked|wanted|wants|needs) (?:me|us) to (?:check|find out|ask|see) (?:if|whether)"
    r" you\b"
    r"|\bwhat (?:i|we) (?:do |really |still )?need\b[^.?!]{0,20}\b(?:is|are)\b"
    r"|\b(?:demande|veut savoir|voudrait savoir|aimerait savoir) (?:si (?:tu|vous)\b|s'il)"
    r"|^\W*(?:(?:also|and) )?ask (?:\w+ )?(?:if|whether)\b"
    r"|\b(?:veut|voudrait|aimerait) savoir (?:à quelle heure|quand|où|comment|combien|quel)"
    r"|\b(?:fragt|will wissen|möchte wissen|wollte wissen)(?: \w+)?,? ob (?:du|ihr|(?-i:Sie))\b"
    r"|\b(?:will|möchte|wollte) wissen,? (?:wie|was|wann|wo|welche[rsn]?)\b[^.?!]{0,80}"
    r"\b(?:du|dir|dich|dein\w*|ihr|euch|eur\w*|(?-i:Sie|Ihne?n?|Ihr\w*))\b"
    r"|\b(?:pregunta|quiere saber|quería saber|me preguntaba) si\b|\bje me demandais si\b"
    r"|\bd[íi]melo\b|\bdis-le-moi\b|\bsag(?:'s| es) mir\b"
    r"|^\W*(?:y )?(?:d[íi]me|decidme|d[íi]game|d[íi]ganme|contadme|cuéntame) (?:cuál|cuáles|qué"
    r"|si|cuándo|dónde|cómo|cuánto|cuántos|a qué)\b"
    r"|\b(?:(?:wir|ich) bitten?|bitten (?:wir|ich)(?: (?-i:Sie))?) um\b"
    r"(?!\s+(?:Ihr|Ihre|dein|deine|euer|eure)?\s*(?:Verständnis|Geduld|Nachsicht|Entschuldigung))"
    r"|\bwüssten (?:wir|ich) gerne?\b|\bwüsste ich gerne?\b|\b(?:ich|wir) wüssten? gerne?\b"
    r"|\b(?:würde|wird) (?:mich|uns) (?:\w+ )?interessieren,? (?:ob|was|wie|wann|wo|welche\w*)\b"
    r"|\bhätten? (?:ich|wir) (?:auch |noch )?gerne? gewusst\b"
    r"|^\W*(?:schicken|senden|geben|sagen|teilen|nennen|bestätigen|schreiben) (?-i:Sie)"
    r" (?:mir|uns)\b|^\W*(?:und |aber )?(?:schick|send|sag|gib|nenn|zeig|schreib)e? (?:mir|uns)\b"
    r"|\b(?!excus|permet|croy|pardonn|laiss)[a-zé]+(?:ez|e|s)-(?:moi|nous)\b"
    r"|\btr[áa]e(?:te|me|nos)(?:lo|la|los|las)?\b"
    r"|\b(?:env[íi]a|m[áa]nda|p[áa]sa|conf[íi]rma|ind[íi]ca|comp[áa]rte|reenv[íi]a|env[íi]e"
    r"|m[áa]nde|conf[íi]rme|ind[íi]que|p[áa]se)(?:me|nos)(?:lo|la|los|las)?\b"
    r"|\b(?:me|nos) (?:(?:lo|la|los|las) )?(?:puedes|podr[íi]as|puede|podr[íi]a) (?:pasar|enviar"
    r"|mandar|decir|confirmar|reenviar)\b",
    re.I,
)
"""A request in the imperative, which asks without a question mark or a "please": "Send me
the slides by Friday.", "Just tell me which one you prefer.", "Forward the contract when you
get a chance.", "Wir bitten um Zusendung Ihres Angebots", "wüssten wir gern, ob ...",
"Schicken Sie mir die Rechnung.", "Envoyez-moi le devis.", "Mándame las fotos.", "me los
puedes pasar", "Also bring Wingspan", "tráete el juego"; not "Give my love to Sam", "Bring
whoever you like!", "Excusez-moi", nor "wir bitten um Verständnis"."""


_DONT_FORGET = re.compile(
    r"(?:^|[:;\u2013-])\W*(?:(?:and|also|oh|but|please|so|und|et|y|pero|bitte)\W+)*"
    r"(?:(?:please )?(?:don'?t|do not) forget to(?! (?:have fun|enjoy|relax))"
    r"|(?:please )?(?:do )?remember to|do (?:give (?:him|her|them|\w+) a (?:ring|call|bell)"
    r"|(?:call|ring|phone|text|visit) (?:him|her|them)\b)"
    r"|n'oublie(?:z)? pas (?:de |d')|no (?:te )?olvides(?: de)?"
    r"|(?:vergiss|vergesst) (?:(?:bitte|aber|auch|bloß|ja) )*nicht|vergessen (?-i:Sie) nicht"
    r"|denk (?:(?:bitte|aber|auch) )*(?:daran|dran)|denken (?-i:Sie) (?:bitte )?(?:daran|dran))\b"
    r"(?!,? (?:dass|que)\b)|\b(?:acuérdate|acuérdese|acordaos) de\b",
    re.I,
)
"""A reminder ("Dernière chose : n'oublie pas d'appeler ton père jeudi", "acuérdate de
llamarla", "Do give him a ring when you can"): a request to answer, but never a meeting to
set, whatever times it names."""


def _asking(sentence: str) -> bool:
    """Whether ``sentence`` is a question (with any deadline set after it: "Kannst du mir die
    Rechnung schicken? Bis Freitag wäre super.") or a request (:func:`requests`)."""
    _, mark, after = sentence.rstrip().rpartition("?")
    question = bool(mark) and (not after or bool(_ONLY_A_DEADLINE.match(after.strip())))
    return question or requests(sentence)


def requests(sentence: str) -> bool:
    """Whether ``sentence`` asks something of the reader (:data:`_REQUEST`, :data:`_IMPERATIVE`,
    :data:`_DONT_FORGET`)."""
    return bool(
        _REQUEST.search(sentence) or _IMPERATIVE.search(sentence) or _DONT_FORGET.search(sentence)
    )


_POINTING = re.compile(
    r"\b(?:(?:either|any|one|both|all|each|none|which) of (?:these|those|them|the following)"
    r"|th(?:ese|ose) (?:times|slots|dates|days(?!\s*[?.!,]|\s*$)|options)"
    r"|the following (?:times|slots|dates|days)"
    r"|which (?:one|day|time|slot|date|option)s?|whichever (?:one |time |slot |day |date )?"
    r"(?:suits|works|is better|you prefer)"
    r"|which (?:(?:one |of them )?(?:works|suits|is better|would (?:work|suit)))"
    r"|eine[rsn]? (?:der|dieser) (?:termine|zeiten|tage|vorschläge|optionen)"
    r"|welche[rsn]? (?:termin|tag|zeit|option)"
    r"|l'une? de ces (?:dates|heures|options|propositions)|quel(?:le)? (?:date|créneau|option)"
    r"|alguna de estas (?:fechas|horas|opciones)|cu[áa]l (?:de estas|te viene|le viene)"
    r"|(?:alguno|alguna|cualquiera) de (?:los|las) dos|(?:l'un|l'une|lequel|laquelle) des deux"
    r"|einer der beiden|either (?:one|time|day|slot)"
    r"|(?:lequel|laquelle|lesquels|lesquelles) (?:vous|te) (?:convien\w*|va|irait|arrange\w*)"
    r"|(?:confirm|let (?:me|us) know) (?:that |whether |if )?(?:this|that|the (?:time|date|slot"
    r"|day)) (?:is|would be|works|suits)\b)\b",
    re.I,
)
"""A question about times written in another sentence ("Would either of these work for
you?" above a list of slots, "let us know which works", "Passt Ihnen einer der Termine?")."""
_INVITING = re.compile(
    r"\b(?:if you (?:could|can|'d like to|want to) (?:come|make it|join)"
    r"|hope (?:you can|you'll) (?:come|make it|join)\b"
    r"|would (?:love|be (?:great|lovely|nice)) (?:to see you|if you)"
    r"|would be (?:very |most )?(?:delighted|happy|pleased|honou?red) if you (?:could |would "
    r"|can )?(?:join(?:ed)?|come|came|attend(?:ed)?|spoke|speak|took part|take part)"
    r"|can you (?:come|make it|join)|you(?:'re| are) (?:very )?welcome to (?:come|join)"
    r"|are you (?:coming|able to come|free)|(?:whether|if) you(?:'re| are) coming"
    r"|(?:whether|if) you can (?:come|make it)|tu accepterais|vous accepteriez"
    r"|(?:tu pourrais|vous pourriez) venir|kannst du kommen|könnten Sie kommen"
    r"|(?:puedes|podrías|podría) venir)\b"
    r"(?!\s+(?:and |to )?(?:get|pick|fetch|collect|me chercher|nous chercher|chercher"
    r"|a (?:buscar|recoger)\w*|abholen)\b)",
    re.I,
)
"""A sentence inviting the reader ("Would be great if you could come.", "Est-ce que tu
accepterais ?"), whose time may be in the sentence before it; not a favour asked ("Tu
pourrais venir me chercher à l'aéroport ?", "Can you come and pick me up?")."""
_WORD_OF_A_DAY = (
    r"(?!(?:how|what|which|whether|if|who|when|where|wie|was|welche\w*|ob|wann|si|sur|quand"
    r"|combien|quel\w*|cu[áa]nt\w*|qu[ée]|qui[ée]n|c[óo]mo|d[óo]nde)\b)[\w.'-]+"
)
_FEW_WORDS = rf"(?:{_WORD_OF_A_DAY}\s+){{0,4}}?{_WORD_OF_A_DAY}"
"""A deadline's few words after its "by" ("Friday", "the end of next week", "nächsten
Dienstag"), none asking a question ("by Friday how many are coming")."""
_BECAUSE = (
    r"(?:,?\s+(?:as|since|because|so(?: that)?|da|weil|damit|denn|ya que|porque|pues|para que"
    r"|afin|pour|car|puisque)\b[^?]*)?\W*$"
)
"""The reason a deadline statement may end on ("..., as I need to decide"), and its end."""
_GENERIC = re.compile(
    r"^\W*(?:(?:i|we)(?:'d| would)? need|(?:nous |j')(?:aurions|aurais|avons|ai) besoin de"
    r"|(?:wir|ich) (?:bräuchten?|brauchen|brauche)|necesit\w+) (?:your|votre|ta|(?-i:Ihre)|deine"
    r"|tu|su|vuestra) (?:answers?|reply|response|réponse|antwort|rückmeldung|respuesta)"
    r"(?:\s+(?:by|before|au plus tard|avant|d'ici|bis|spätestens|antes|para)\b[^,;:]{0,40})?"
    r"(?:\s+(?:to|so|pour|afin|para|um|damit)\b[^,;:]{0,60})?\W*$"
    r"|^\W*(?:if\b[^,.?!]{0,50}?,?\s+)?(?:i|we)(?:'ll|'d| will| would| shall)? (?:need to"
    r" (?:know|hear(?: back)?(?: from you)?)|expect (?:a|your) (?:reply|response|answer))"
    r"(?:\s+(?:by|before|within|no later than)\b[^,;:]{0,40})?"
    r"(?:\s+(?:so|to|in order to|for)\b[^,;:]{0,60})?\W*$"
    r"|\b(?:so|and) (?:i|we)(?:'ll| will|'d| would)? need to know(?: numbers| soon)?\W*$"
    r"|^\W*it would (?:help|be (?:great|helpful|useful))(?: a (?:great deal|lot))? if you could"
    rf" (?:let (?:me|us) know|get back to (?:me|us))\s+(?:by|before)\s+{_FEW_WORDS}{_BECAUSE}"
    r"|^\W*(?:bitte )?(?:(?:geben|könnten|können|würden|sagen) (?-i:Sie)|gib|gebt|sag|sagt"
    r"|kannst du|könntest du) (?:mir|uns) (?:bitte )?(?:(?:bis|spätestens|vor) [^,.?!]{1,30} )?"
    r"Bescheid(?: geben| sagen)?(?:,\s+(?:dann|damit|da|weil|denn)\b[^?]*)?\W*$"
    r"|^\W*(?:could|can|would) you (?:please )?let (?:me|us) know\s+(?:by|before)\s+"
    rf"{_FEW_WORDS}{_BECAUSE}"
    r"|^\W*if you (?:could|can) (?:let (?:me|us) know|get back to (?:me|us)|reply|confirm)\s+"
    rf"(?:by|before)\s+{_FEW_WORDS},?\s+(?:i|we)(?:'ll| will| can| could| would)\b[^?]*$"
    r"|^\W*(?:si possible,?\s+)?merci de (?:me|nous) répondre(?:\s+(?:avant|d'ici)\s+"
    rf"{_FEW_WORDS})?{_BECAUSE}"
    r"|^\W*(?:für\s+)?(?:eine|Ihre|deine|eure)\s+(?:kurze\s+|baldige\s+)?(?:Antwort|Rückmeldung)"
    rf"\s+(?:(?:bis|vor)\s+{_FEW_WORDS}\s+)?(?:wäre|wären)\s+(?:ich|wir)\s+(?:Ihnen\s+|dir\s+"
    rf"|euch\s+)?(?:sehr\s+|wirklich\s+)?(?:dankbar|froh){_BECAUSE}"
    r"|^\W*(?:le|te|os|les)\s+agradecer[íi]a(?:mos)?\s+(?:que\s+(?:me|nos)\s+respond\w+"
    r"|(?:una|su|tu|vuestra)\s+(?:pronta\s+)?respuesta)"
    rf"(?:\s+(?:antes\s+del?|para|hasta)\s+{_FEW_WORDS})?{_BECAUSE}"
    r"|^\W*(?:je vous serais|nous vous serions|je te serais)\s+(?:très\s+)?reconnaissante?s?\s+de"
    rf"\s+(?:me|nous)\s+répondre(?:\s+(?:avant|d'ici)\s+{_FEW_WORDS})?{_BECAUSE}"
    r"|^\W*(?:please )?(?:let (?:me|us) know(?!\s+(?:which|what|when|where|how|who)\b"
    r"|(?:\s+by\s+[\w ]{1,20}?)?\s+(?:if|whether)\s+(?!(?:that|this|it|there|anything)\b"
    r"|you (?:have|need) (?:any|anything|more)\b|you(?:'ve| have) (?:got )?any\b))"
    r"|get back to (?:me|us)"
    r"|confirm\b(?!\s+(?:by (?:reply|return|e-?mail)\s+)?(?:that|whether|receipt|the|your|you|any"
    r"|all|how|which|what|when|who|an?)\b))"
    r"|^\W*(?:r[ée]ponds?-moi|dis-moi(?!\s+(?:aussi\s+)?(?:ce qu|si\b|quand|où|comment|quel|combien"
    r"|qui\b))|tiens-moi au courant|(?:sag|gib) mir bescheid"
    r"|av[íi]same|avisadme|d[íi]me algo|decidme algo)\b"
    r"|\blet (?:me|us) know (?:either way|what (?:works|you think)|if (?:that|this) works)"
    r"|^\W*(?:dis-moi ce que tu en penses|dites-moi ce que vous en pensez|sag (?:mir|uns),? was"
    r" du davon hältst|sagen Sie (?:mir|uns),? was Sie davon halten|dime qué te parece"
    r"|d[íi]game qué le parece)\W*$"
    r"|\bgrateful for (?:a|an|your) (?:reply|response|answer)\b"
    r"|^[^.?!]{0,40}\b(?:have a think|no rush|no pressure|take your time)\b[^.?!]{0,30}"
    r"\blet (?:me|us) know\W*$"
    r"|\bif not,?\s+(?:just\s+)?let (?:me|us) know\b(?!\s+(?:which|what|when|where|how|who)\b)"
    r"|^\W*(?:please )?confirm (?:that )?(?:this|that|it|the (?:time|date|slot|appointment))"
    r" (?:is|would be|works)\b"
    r"|\b(?:could|can|would) you (?:please )?confirm\b(?!\s+(?:who|what|which|whether|how|where"
    r"|when|the|your|that|an?|some(?:one|body)|any(?:one|body)|it(?:'s| has| is) (?:come|arrived"
    r"|reached|gone|been)|(?:you(?:'ve| have) )?(?:received|got))\b)",
    re.I,
)
"""A request that another ask in the same mail already covers ("let me know either way",
"Totally fine if not, just let me know so I can book somewhere",
"Réponds-moi quand tu as une minute.", "Nous aurions besoin de votre réponse au plus tard le
jeudi 10 décembre.")."""
_ITEM = re.compile(rf"^[ \t]*{LIST_MARK}[ \t]+(?P<item>\S.*)$")
"""A line of a list: "1. ...", "2) ...", "a) ...", "- ...", "* ...", "• ..."."""
_FOLLOWING = re.compile(
    r"(?<=\s)(?:the following|these(?=\s*$)|(?:die |das |den )?folgenden?|les? suivante?s?"
    r"|les (?:éléments|informations|documents|pièces|points) suivante?s|lo siguiente"
    r"|(?:los|las) siguientes (?:datos|documentos|puntos))\b"
    r"(?:\s+(?:documents?|items?|things|details|information|papers|records|Unterlagen"
    r"|Dokumente|Angaben|Informationen|Punkte|Nachweise)\b"
    r"(?:\s+(?:bzw\.|und|oder|and|or)\s+(?:documents?|details|information|papers|records"
    r"|Unterlagen|Dokumente|Angaben|Informationen|Nachweise)\b)?)?",
    re.I,
)
"""Words of a lead-in that its items replace ("Could you send us the following so we can
prepare the return:")."""
_NEEDED = re.compile(
    rf"(?:\b(?:i|we)(?:'d| would|'ll| will)? (?:still |also |do |really |just )?(?:need|require)"
    rf"(?: (?P<counted>{_FEW_THINGS})|(?P<following> the following))?(?: from you)?"
    rf"|\b{_FEW_THINGS} (?:that )?(?:i|we) (?:still )?(?:don't|do not|haven't|have not)(?: yet)?"
    r" (?:have|got|received)(?: yet)?(?: from you)?)"
    r"(?P<rest>\s+(?:for|before|by|until)\b[^:]*)?$",
    re.I,
)
"""A lead-in saying what the writer needs and stopping there ("Here is what we still need
from you for the audit:", "there are a few bits I still don't have:"): each item is asked
to be sent."""
_ASKING_WORDS = {
    *("whether", "if", "when", "what", "which", "how", "who", "ob", "wann", "was", "wie"),
    *("welche", "si", "quand", "quel", "quelle", "comment", "cuándo", "qué", "cuál", "cómo"),
    *("is", "are", "do", "does", "can", "could", "will", "would", "has", "have", "should"),
}
"""Words opening an item that asks a question of its own: it follows the lead-in."""
_LOWER_OPENINGS = {
    *("the", "a", "an", "your", "our", "my", "this", "that", "these", "those", "any", "all"),
    *("send", "confirm", "book", "check", "let", "sign", "review", "share", "forward"),
    *("der", "die", "das", "den", "dem", "ein", "eine", "einen", "unsere"),
    *("le", "la", "les", "l'", "un", "une", "votre", "vos", "nous", "me"),
    *("el", "los", "las", "su", "sus", "nos", "si", "que", "quién", "qui", "quand", "cuándo"),
}
"""Words that open a list item with a capital only because it is an item (not German "Ihre",
which is "your" only with its capital)."""
_QUESTION_OPENING = re.compile(
    r"^\W*(?:would|could|do|does|can|will|is|are|which|what|when|passt|passen|welche[rsn]?"
    r"|quel(?:le)?s?|est-ce|cu[áa]l(?:es)?|te va|le va)\b",
    re.I,
)
"""How a question written without its question mark opens ("Would any of these work for
you:" above a list of times; not "Any of these work on our side:")."""
_SEND_THESE = re.compile(
    r"^\W*(?:(?:could|can|would|will) you (?:please )?|please )(?:send|provide|forward|share"
    r"|email)\s+(?:(?:me|us)\s+)?(?:these|them|all of (?:these|them|this)|everything)"
    r"(?:\s+(?:over|across|back))?(?:\s+to (?:me|us))?\s+(?P<by>[^.?!]*)[.?!]?",
    re.I,
)
"""A request just after a list to send what it lists, and nothing else ("Could you send
these to me by Friday, 4 December?"): its deadline is the items'. "Could you send them to
Sarah by Friday?" or "Can you check them and send them back?" asks more."""
_WORDS = re.compile(r"\w+")
_CHOICE = re.compile(r"\b(?:if|whether|si|ob)\b[^.?!]*\b(?:or|ou|oder|o)\b", re.I)
"""A choice asked in a request to answer ("Dis-moi vite si tu es partant, et si tu viens en
train ou en avion"): it says what to answer, so it is no generic request."""
_TELL_ME = (
    r"(?:(?:tell|let) (?:me|us)(?: know)?|decir(?:me|nos)|d[ií](?:me|nos|game|ganos)"
    r"|(?:mir|uns) sagen|sagen Sie (?:mir|uns)|dites-(?:moi|nous)|(?:me|nous) dire)\s+"
)
_SECOND_ASK = re.compile(
    r"(?:,\s*(?=ob\b|en qué|qué día|cuándo|whether\b(?![^.?!;,]*\bor not\b))"
    rf"|\s+(?:and|und|et|y)\s+(?:{_TELL_ME})?)"
    r"(?P<ask>(?:(?:whether|ob)\b(?!\s+(?:by|via|per|mit|signed|unterschrieben|or|oder)\b)"
    r"|en qué \w+|qué día|cuándo)\b[^.?!;,]*(?:,?\s+and (?:any|your|what|which|how)\b[^.?!;,]*)?)"
    rf"|\s+(?:and|und|et|y)\s+{_TELL_ME}(?P<told>(?:when|what|which|if|where|how|wann|was|wie"
    r"|welche[rsn]?|wo|quand|quel(?:le)?s?|si|où|comment|cómo|dónde|cuál|qué)\b[^.?!;,]*)",
    re.I,
)
"""A second question in a sentence that asks for a meeting, a document or a payment: after
"and" ("und ob jemand vor Ort ist", "and let me know when you can start"), or after a comma
(", ob dieser Termin machbar ist", "whether you can come, whether you will be bringing a
guest, and any dietary requirements"); not a concession ("by Friday, whether it's finished
or not")."""
_YOUR_PICK = re.compile(
    r"(?:^|[-\u2013,;:]\s+)(?P<pick>[^-\u2013,;:.?!]*\bor\b[^-\u2013,;:.?!]*?,?\s+(?:your"
    r" (?:pick|choice|call)|you (?:pick|choose|decide)|(?:it's )?up to you|whichever you"
    r" (?:prefer|like|fancy)))\b",
    re.I,
)
"""A choice left to the reader beside the times of a meeting ("I'm free Thursday or Friday
after 6 - The Raven or The Bell, your pick.")."""
_ASKING_ON = r"(?:(?:could|can|would|will|do|are|did|have) you|how(?:'s| is| are))\b"
_MORE_ASKS = re.compile(
    rf"(?:,?\s+and|,)\s+(?P<more>{_ASKING_ON}(?:(?!(?:,?\s+and|,)\s+{_ASKING_ON})[^.?!;])*)",
    re.I,
)
"""English questions run on after a meeting, a document or a payment ("are we still on for
dinner on saturday, and could you bring back the Catan box, and how's your mum doing?",
"Dinner at mine on Saturday 12th, can you bring a dessert?")."""
_GOING_ON = re.compile(r"^\W*(?:and|und|et|y) (?:whether|ob|si)\b[^.?!]*\b(?:or|oder|ou|o)\b", re.I)
_CHOOSING = re.compile(r"\b(?:or|oder|ou|o|which|welche[rs]?|lequel|laquelle|cu[áa]l)\b", re.I)
"""A choice in a meeting ask with no time ("do you prefer Teams or a phone call?", "stay for
a coffee, or drop off - just tell me which"): a question to answer, not a time to settle."""
_WHETHER = re.compile(
    r"\b(?:whether|ob)\b(?!\s+(?:that|this|it|das|es|dies|there(?:'s| is)|you have any"
    r"|Sie (?:noch )?Fragen)\b)",
    re.I,
)
"""A question asked inside a request to confirm ("could you confirm by 10 December and send
us whether you need a hotel room"): what to answer, so no generic request."""
_SHORT = 4
"""Thanks in fewer words than this, opening its sentence, is a sign-off ("Thanks, Maria"), not
what the mail is for; "Got them, thanks!" is thanks, and so is a whole mail of "Thank you!"."""


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, each on one line, without empty ones."""
    found = (" ".join(m.group(0).split()) for m in ASKED_SENTENCE.finditer(text))
    return [sentence for sentence in found if sentence]


_IF_YES = r"if (?:so|yes)|falls ja|wenn ja|si (?:c'est le cas|oui)|si es así|en caso afirmativo"
"""The words of a request that holds only if the question before it is answered yes."""
_IF_SO = re.compile(
    rf"^\W*(?:and\s+)?(?:{_IF_YES}|if (?:you did|you have|you do)"
    r"|falls (?:dem so ist|zutreffend))\b",
    re.I,
)
"""A request that holds only if the question before it is answered yes ("Did you make any
pension contributions? If so please send the annual statement too."): the two are one
question, and the thing is not promised outright."""


_IF_SO_INSIDE = re.compile(rf"[,;]\s*(?:and\s+|und\s+|et\s+|y\s+)?(?:{_IF_YES})\b", re.I)
"""A request that holds only if the question before it in the same sentence is answered
yes: the sentence is one question, and nothing in it is promised."""
_AND_WHO = re.compile(r"^\W*(?:and|what about|und|et|y|¿y)\s+\w+(?:\s+\w+)?\s*\?$", re.I)
"""A bare question naming someone or something ("¿Y Sam?", "And the kids?") that the
question after it spells out ("¿Se viene también?"): the two are one ask."""
_BACK_TO_IT = re.compile(
    r"^\W*(?:\w+\W+){0,6}?(?:he|she|they|him|her|them|too|also|as well|también|él|ella"
    r"|ellos|aussi|il|elle|ils|auch|er|sie)\b[^?]*\?$",
    re.I,
)
"""A short question that refers back to the one before it ("Is he coming too?")."""


_ONLY_A_DEADLINE = re.compile(
    r"^\W*(?:(?:he|she|they|we|i)(?:'d| would)? (?:needs?|need|must have|has to have)"
    r" (?:to know|it|them|this|that|an answer|a reply|your (?:answer|reply|decision))\s+"
    r"|(?:i|we)(?:'d| would) (?:(?:really |very )?appreciate|be (?:very )?grateful for|like)"
    r" (?:a|an|your) (?:response|reply|answer)\s+|please (?:reply|respond)\s+"
    r"|(?:please )?(?:can|could) you (?:please )?(?:come|get) back to (?:me|us)\s+"
    r"|please (?:come|get) back to (?:me|us)\s+"
    r"|please (?:send|return) (?:it|them|these|this|those)(?: over| back)?\s+"
    r"|(?:ideally|preferably|if possible|if you can|idealerweise|möglichst|wenn möglich"
    r"|idéalement|si possible|a ser posible|si puede[sn]?),?\s+)?"
    rf"(?:{DEADLINE.pattern}|within \d{{1,3}} (?:working )?days(?: of [^.?!]{{1,40}})?"
    r"|this week|today|as soon as possible|at your earliest convenience)"
    rf"(?:,?\s+(?:so|so that|as|to)\b[^.?!]*)?"
    rf"(?:,?\s+(?:please|if possible|bitte|wenn möglich|s'il (?:te|vous)"
    r" pla[iî]t|si possible|por favor|si puede[sn]?|would be (?:great|ideal|perfect|good|lovely)"
    r"|wäre (?:super|toll|ideal|gut|prima)|serait (?:idéal|parfait)|ser[íi]a (?:ideal|perfecto)))?"
    r"\W*$",
    re.I,
)
"""A sentence that only sets the deadline of the ask before it ("He needs to know by 11
December.", "Ideally by Friday.", "Bis Freitag, bitte.")."""


def _conditions_joined(said: list[str]) -> list[str]:
    """``said`` with each sentence that opens "If so" and asks for a thing or a payment
    joined to the question before it ("Is Saturday still free? If so, could you hold two
    places?" stays two asks: a meeting and a question), and a bare "And Sam?" joined to the
    question it opens, and a sentence that only sets a deadline (:data:`_ONLY_A_DEADLINE`)
    joined to the ask before it that sets none ("... whether you want to keep the standing
    order. He needs to know by 11 December.")."""
    joined: list[str] = []
    for sentence in said:
        if joined and _ONLY_A_DEADLINE.match(sentence) and _deadline_for(joined[-1]):
            stop = "" if joined[-1].rstrip()[-1:] in ".?!;:" else "."  # a list item has none
            joined[-1] = f"{joined[-1]}{stop} {sentence}"
            continue
        before = _ask_of(joined[-1]) if joined and _IF_SO.match(sentence) else None
        promised = (AskKind.DOCUMENT, AskKind.PAYMENT)
        bare = bool(joined) and bool(_AND_WHO.match(joined[-1]))
        if (before and before.kind == AskKind.QUESTION and _kind(sentence) in promised) or (
            bare
            and len(sentence.split()) <= 8
            and bool(_BACK_TO_IT.match(sentence))
            and not requests(sentence)
        ):
            joined[-1] = f"{joined[-1]} {sentence}"
        else:
            joined.append(sentence)
    return joined


def _deadline_for(sentence: str) -> bool:
    """Whether ``sentence`` asks for an answer, a thing or a payment and sets no deadline."""
    ask = _ask_of(sentence)
    return ask is not None and ask.kind != AskKind.MEETING and not _deadline(sentence)


def _unmoved(text: str) -> list[str]:
    """The sentences of ``text`` that move or call off no time."""
    return [s for s in sentences(text) if not _MOVED.search(s)]


def _offering(said: list[str]) -> list[str]:
    return [time for s in said if _PROPOSING.search(s) for time in proposed_times(s)]


def offering_times(text: str) -> list[str]:
    """The times of the sentences of ``text`` with a word that offers ("we can offer", "how
    about"), each once ("Saturday" again after "Saturday morning" is the same); none that is
    being moved."""
    times = list(dict.fromkeys(_offering(_unmoved(text))))
    return [time for time in times if not any(time != other and time in other for other in times)]


_ACCEPTED_AFTER = re.compile(
    r"\s*(?:(?:is|would be|sounds|looks)\s+(?:perfect|great|fine|good|ideal|lovely|brilliant|grand"
    r"|best|better for (?:me|us))"
    r"|(?:works|suits)\b(?!\s+for\s+you)|passt\b(?!\s+(?:dir|ihnen|euch)\b)"
    r"|,?\s*please\s*[.!]"
    r"|(?:me|nous)\s+(?:convient|va)\b|(?:me|nos)\s+(?:va|viene)\s+(?:perfecto|bien|genial)\b)",
    re.I,
)
"""Words after a time that accept it ("is perfect", "works for me", "passt mir gut", "me
convient", "me va perfecto")."""
_ACCEPTED_BEFORE = re.compile(
    r"\W*(?:(?:great|perfect|lovely|brilliant|ok(?:ay)?|yes|super|parfait|perfecto|genial|prima)"
    r"\W+)?(?:(?:el|le|am)\s+)?",
    re.I,
)
"""What may open a sentence before the time it accepts ("Great, Thursday at 10 works")."""


def accepted_time(text: str) -> str:
    """The time a sentence of ``text`` opens with and accepts ("Wednesday at 6pm is
    perfect, thank you!"), not in a question or a condition, nor right after a question
    (where it offers the time asked about); empty when none does."""
    said = sentences(text)
    for before, sentence in zip(["", *said], said, strict=False):
        if sentence.rstrip().endswith("?") or before.rstrip().endswith("?"):
            continue  # "¿Hablamos este fin de semana? El sábado por la tarde me viene genial."
        for time in proposed_times(sentence)[:1]:
            at = sentence.find(time)
            if (
                at >= 0
                and _ACCEPTED_BEFORE.fullmatch(sentence[:at])
                and _ACCEPTED_AFTER.match(sentence, at + len(time))
            ):
                return time
    return ""


def offered_times(text: str) -> list[str]:
    """The times ``text`` offers (:func:`offering_times`), else every time it proposes; none
    that is being moved."""
    said = _unmoved(text)
    return _offering(said) or [time for s in said for time in proposed_times(s)]


def asked_times(text: str) -> list[str]:
    """The times ``text`` puts to the reader (those of its meeting asks), else the times it
    offers: "Passt dir Donnerstag um 10 Uhr?" after "ich bin morgen im Büro" asks Thursday."""
    asked = [t for a in _asks_in(text) if a.kind == AskKind.MEETING for t in a.detail.split("; ")]
    return [t for t in asked if t] or offered_times(text)


_BY_ITS_DAY = re.compile(
    r"\s+(?:class(?:es)?|group|lessons?|sessions?|shifts?|clinic|club|market|team|rota|regulars"
    r"|crowd|service|collections?|bins?|delivery|deliveries|evenings? class|morning class"
    r"|kurs|gruppe|training|cours|clase|grupo)\b",
    re.I,
)
"""A thing named by the day it recurs on ("the Wednesday class", "the Monday regulars"):
that day is no time offered."""
_ANY_SUCH = re.compile(
    r"\b(?:a|an|any|every|each|regular|jeden|chaque|cada|un|todos los|todas las|tous les)\s+$",
    re.I,
)
"""Words that make the weekday after them any such day, not one offered."""
_BARE_DAY = re.compile(
    rf"(?:the\s+)?{WEEKDAY}(?:\s+(?:morning|afternoon|evening|por la (?:mañana|tarde|noche)))?",
    re.I,
)


_COUNTED_DAY = re.compile(
    r"\s+(?:before|after|antes|después|davor|danach|d'avant|d'après|avant|après)\s*(?=[?.!,;]|$)",
    re.I,
)
"""What makes a bare weekday a day counted from an event ("el viernes antes?", "the Friday
after."), no day offered."""


_DAY_IN_BRACKETS = re.compile(r"\s*\((?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)(?:day)?\.?\)", re.I)
"""A weekday in brackets after "tomorrow" or a date, saying which day it is."""


_BRACKETED_DAY = re.compile(r"\s+\((\d{1,2}(?:st|nd|rd|th)?)\)")
"""A day of the month in brackets after its weekday ("Friday (11th)")."""


def proposed_times(sentence: str) -> list[str]:
    """The times a sentence proposes, as written; a deadline ("by Monday", "send the slides
    before the meeting on Friday") is not one, nor when the writer will write or call."""
    sentence = _DAY_IN_BRACKETS.sub("", sentence)  # "tomorrow (Tues) at 8am": one time
    meets = _meets(sentence)
    bounds = [] if meets else [b.span() for b in _BEFORE_EVENT.finditer(sentence)]
    times = []
    own: list[int] = []
    found = list(WHEN.finditer(sentence))
    if not found and meets and _asking(sentence):
        found = list(_DAY_OF_MONTH.finditer(sentence))
    for match in found:
        before = sentence[: match.start()]
        if _NOT_PROPOSED.search(before) or _WRITER_WILL.search(before):
            continue
        if _BY_ITS_DAY.match(sentence, match.end()) and _BARE_DAY.fullmatch(match.group(0)):
            continue
        if _ANY_SUCH.search(before) and _BARE_DAY.fullmatch(match.group(0)):
            continue  # "on a Sunday", "every Monday"
        if _BARE_DAY.fullmatch(match.group(0)) and (
            _COUNTED_DAY.match(sentence, match.end())
            or (sentence[match.end() : match.end() + 1] == "s" and not _asking(sentence))
        ):
            continue  # "el viernes antes?"; "Saturdays from April" ("on Tuesdays, whichever")
        if any(start <= match.start() < end for start, end in bounds):
            continue
        time = _BRACKETED_DAY.sub(r" \1", match.group(0).strip(" ,"))  # "Friday 11th"
        time = time if re.search(r"\b[ap]\.m\.$|\d\.$", time) else time.rstrip(".")
        either = _EITHER.match(time)
        if either:  # "Wednesday 9 December at either 10am or 3pm": two times
            times += [
                f"{either['day']} at {either['one']}",
                f"{either['day']} at {either['other']}",
            ]
        else:
            plans = _OWN_PLANS.search(before)
            if plans and not _OFFERED_TOO.search(before[: plans.start()] + plans.group(0)):
                own.append(len(times))
            times.append(time)
    if len(own) == len(times):
        return _month_shared(times)
    return _month_shared([time for at, time in enumerate(times) if at not in own])


def _month_shared(times: list[str]) -> list[str]:
    """``times`` with the month of a later one on each day before it written without one
    ("Monday 14 or Tuesday 15 December": "Monday 14 December")."""
    shared = []
    for at, time in enumerate(times):
        later = (_MONTH_AFTER_DAY.search(t) for t in times[at + 1 :])
        found = next((found for found in later if found), None)
        alone = _DAY_ALONE.fullmatch(time)
        if found and alone and int(alone.group("day")) <= int(found.group("day")):
            time = f"{time} {found.group('month')}"  # not "Monday 30 or Tuesday 1 December"
        shared.append(time)
    return shared


_DAY_ALONE = re.compile(rf"(?:{WEEKDAY_NAMES})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?", re.I)
"""A weekday with a day of the month and no month ("Monday 14")."""
_MONTH_AFTER_DAY = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{WRITTEN_MONTHS})\b", re.I
)
"""A day of a month written day first ("15 December")."""


_OWN_PLANS = re.compile(
    r"\b(?:i'm|i am|we're|we are|i'll be|we'll be|ich (?:komme|bin)|wir (?:kommen|sind)"
    r"|je (?:viens|serai|suis)|nous (?:venons|serons)|(?:vengo|voy|estaré|estaremos))\s+"
    r"(?:\w+\s+){0,2}?(?:coming|going|flying|travelling|traveling|driving|heading|visiting"
    r"|over|in|back|down|up|to|nach|à|en|a)\b(?:(?!\s[-\u2013]\s)[^;:?!])*$",
    re.I,
)
"""The writer's own plans just before a time, in the same clause ("I'm coming over to
Cardiff for a work thing on Friday 11th and thought I could stay on - are you free Saturday
12th?"): beside another time the sentence offers, that time is not offered."""
_OFFERED_TOO = re.compile(
    r"\b(?:or|otherwise|also|alternatively|else|instead|sonst|oder|auch|sinon|ou|aussi|o|si no"
    r"|también)\b|\?",
    re.I,
)
"""Words that make the writer's plans an offer after all ("or I'm also in town on Thursday",
"otherwise I'm back in the office on Wednesday 16th")."""


_BROUGHT = re.compile(
    r"\b(?:bring|buy|get|pick up|order|make|cook)\s+(?:(?:me|us|the|some|a|an|that|this|good"
    r"|nice|your|my)\s+){0,3}(?:coffee|lunch|dinner|drinks|cake|wine)\b",
    re.I,
)
"""Food and drink asked to be brought or made ("can you bring the good coffee from that shop
near you?"): no meeting."""


_MEETING_THINGS = re.compile(
    r"\b(?:coffee|lunch|dinner) ?(?:machines?|makers?|tables?|cups?|mugs?|beans|grinders?"
    r"|box(?:es)?|menus?)\b|\bpacked lunch(?:es)?\b"
    r"|\b(?:have|has|got)\s+(?:any\s+)?(?!(?:time|slots?|spaces?|places?|dates?|days?)\b)"
    r"[\w-]+(?:\s+[\w-]+)?\s+available\b",
    re.I,
)
"""Things named after a meal ("the drainage for the coffee machine", "packed lunches") and
things in stock ("Do you have e-bikes available?"): no meeting."""


def _meets(sentence: str) -> bool:
    """Whether a sentence speaks of a meeting besides one it names as a deadline: "Let's grab
    a coffee before the meeting on Friday" proposes one, "Can you send the slides before the
    meeting on Friday?" does not."""
    plain = _MEETING_THINGS.sub(" ", _BROUGHT.sub(" ", _BEFORE_EVENT.sub(" ", sentence)))
    return bool(_MEETING.search(_OWN_EVENT.sub(" ", plain)))


_OWN_EVENT = re.compile(
    r"\b(?:as|because|since) (?:we|i) (?:have|'ve got|are having) (?:a|an|our|my)\b"
    r"(?!\s+(?:free|spare|quiet|day off|half-day|half day)\b)[^.?!,;]*"
    r"|\b(?:we're|we are) meeting (?:as (?:a|the) \w+|internally|with (?:the|our) \w+)\b[^.?!,;]*",
    re.I,
)
"""A reason the writer gives from their own diary ("ideally before Thursday, as we have a
partners' meeting on Friday", "We're meeting as a co-op on Friday 18 December to decide"):
no meeting with the reader."""


def automated(message: Message) -> str:
    """Why ``message`` was sent by a machine or to a list (empty when it was not)."""
    auto = message.header("Auto-Submitted").strip().lower()
    if auto and auto != "no":
        return f"Auto-Submitted: {auto}"
    precedence = message.header("Precedence").strip().lower()
    if precedence in ("bulk", "list", "junk"):
        return f"Precedence: {precedence}"
    for name in ("List-Id", "List-Unsubscribe", "List-Post"):
        if message.header(name):
            return f"sent to a list ({name})"
    if message.sender and _AUTOMATED_SENDER.match(message.sender.email):
        return f"sent from {message.sender.email}"
    said = _AUTOMATED_TEXT.search(f"{message.new_text}\n{message.signature}")
    return f'it says "{" ".join(said.group(0).split())}"' if said else ""


def read_asks(message: Message, category: str, own_addresses: set[str]) -> Asks:
    """What ``message`` asks of the user and whether it needs their answer."""
    if message.sender and message.sender.email.lower() in own_addresses:
        return Asks(needs_reply=False, reason="you wrote it")
    machine = automated(message)
    if machine:
        return Asks(needs_reply=False, reason=f"automated or bulk mail ({machine})")
    asks = [a for a in _asks_in(_with_forwarded(message)) if not _DISCLAIMER.search(a.sentence)]
    wanting = (AskKind.DOCUMENT,)
    answer = [
        a
        for a in asks
        if a.kind in wanting
        or (a.kind == AskKind.PAYMENT and not reminds(a.sentence))
        or (_ANSWER.search(a.sentence) and not _RECALLING.match(a.sentence))
    ]
    if _NO_REPLY.search(message.new_text) and not answer:
        return Asks(needs_reply=False, reason="the sender says no reply is needed")
    substantive = [ask for ask in asks if ask.kind != AskKind.THANKS]
    if not substantive and _FYI.search(message.new_text):
        return Asks(needs_reply=False, reason="for your information; nothing is asked")
    if asks and not substantive and _WILL_WRITE.search(message.new_text):
        return Asks(needs_reply=False, reason="thanks, and the sender will write again")
    asks = [_with_introduced(ask, message, own_addresses) for ask in asks]
    if substantive or asks:
        kinds = ", ".join(dict.fromkeys(ask.kind.value for ask in asks))
        subject = "" if _REPLY_SUBJECT.match(message.subject) else message.subject
        urgent = bool(_URGENT.search(f"{subject}\n{own_text(message.new_text)}"))
        return Asks(
            needs_reply=True,
            reason=f"it asks: {kinds}",
            asks=asks,
            urgent=urgent,
            offered=offering_times(message.new_text),
            accepted=accepted_time(own_text(message.new_text)),
        )
    if category == "personal":
        note = Ask(kind=AskKind.NOTE, sentence="")
        return Asks(needs_reply=True, reason="a personal message", asks=[note])
    return Asks(needs_reply=False, reason="nothing is asked")


def _with_introduced(ask: Ask, message: Message, own_addresses: set[str]) -> Ask:
    """An introduction with the display name of the person it introduces as its detail: the
    one other recipient (not the user, not the writer) whom the mail names ("Noor - this is
    Tom Ellis" with Tom in Cc); unchanged where there is not exactly one."""
    if ask.kind != AskKind.INTRODUCTION:
        return ask
    writer = message.sender.email.lower() if message.sender else ""
    named = {
        address.name
        for address in (*message.to, *message.cc)
        if address.email.lower() not in {*own_addresses, writer}
        and any(
            re.search(rf"\b{re.escape(word)}\b", message.new_text)
            for word in address.name.split()
            if len(word) > 2 and word.isalpha()
        )
    }
    return ask.model_copy(update={"detail": named.pop()}) if len(named) == 1 else ask


_FORWARD_MARK = re.compile(
    r"^[ \t]*(?:-{2,}[ \t]*(?:forwarded message|weitergeleitete nachricht"
    r"|message transféré|mensaje reenviado)[ \t]*-*|begin forwarded message:)[ \t]*$",
    re.I | re.M,
)
"""The line a mail client writes above a forwarded message, ending the forwarder's text (not
"-----Original Message-----", above the user's own mail that a reply quotes)."""
_HEADER_LINE = re.compile(r"^[\w-]{1,20} ?:\s")
"""A header line of a forwarded message: "From: ...", "De : ..." (French spaces), "À : ..."."""


def own_text(text: str) -> str:
    """The writer's own text of ``text``: above the line that forwards a message, if any."""
    mark = _FORWARD_MARK.search(text)
    return text[: mark.start()].rstrip() if mark else text


def shown_text(new_text: str, quoted_text: str) -> str:
    """The sender's text as a reviewer reads it: with, where it ends on a forward mark, the
    message it forwards (its header lines too), which the draft may answer."""
    if _FORWARD_MARK.search(new_text) is None:
        return new_text
    return f"{new_text.rstrip()}\n{quoted_text.strip()}"


def _with_forwarded(message: Message) -> str:
    """The sender's text and, where it forwards a message (not "FYI"), the forwarded
    message's text without its header lines: "I'm forwarding her questions below" asks what
    the forwarded message asks."""
    own = message.new_text.rstrip()
    mark = _FORWARD_MARK.search(own)
    if mark is None or _FYI.search(own[: mark.start()]):
        return message.new_text
    lines = f"{own[mark.end() :]}\n{message.quoted_text}".strip().splitlines()
    while lines and _HEADER_LINE.match(lines[0]):
        lines = lines[1:]
    return f"{own[: mark.start()].rstrip()}\n\n" + "\n".join(lines).strip()


def _asks_in(text: str) -> list[Ask]:
    """Every request in the sender's new text, in order; one per sentence (and one per
    item of a list of requests)."""
    said = _conditions_joined(sentences(_itemised(text)))
    read = (
        _with_times_nearby(ask, said, at)
        if ask is not None
        else _invitation(said, at) or _available(said, at) or _going_on(said, at)
        for at, ask in enumerate(map(_ask_of, said))
    )
    found = _same_thing_joined(
        _times_given(
            _hours_joined(
                [each for ask in read if ask is not None for each in (ask, *_also_asked(ask))]
            )
        )
    )
    if not found and len(text.split()) < _SHORT:  # a whole mail of "Thank you!"
        return [Ask(kind=AskKind.THANKS, sentence=s) for s in said[:1] if _THANKS.search(s)]
    generic = [
        ask.kind == AskKind.QUESTION
        and bool(_GENERIC.search(ask.sentence))
        and not _CHOICE.search(ask.sentence)
        and not _WHETHER.search(ask.sentence)
        for ask in found
    ]
    if any(ask.kind != AskKind.THANKS and not g for ask, g in zip(found, generic, strict=True)):
        found = [ask for ask, g in zip(found, generic, strict=True) if not g]
    return _in_context(_by_the_answers_deadline(found, said), said)


_ANSWER_WANTED = re.compile(
    r"\b(?:(?:i|we)(?:'d| would| will|'ll)? need to (?:know|hear(?: back)?)|hear back from you"
    r"|(?:i|we)(?:'d| would| will|'ll)? need to hear back|expect (?:a|your) (?:reply|response"
    r"|answer)|(?:a|an|your) (?:reply|response|answer)\b(?! from (?!you\b))|(?:eine[rn]?|Ihre[rn]?"
    r"|deine[rn]?) (?:Antwort|Rückmeldung)(?! von (?!Ihnen|dir|euch))|(?:votre|ta|une) réponse"
    r"(?! de (?!votre|ta)\b)|(?:su|tu|una) respuesta(?! de (?!usted|ti)\b))",
    re.I,
)
"""Words that want the reader's answer ("I would need to hear back by next Tuesday",
"wären wir für eine Antwort bis Freitag dankbar")."""


def _by_the_answers_deadline(asks: list[Ask], said: list[str]) -> list[Ask]:
    """``asks`` with the one deadline the mail sets for its answer outside them ("so I would
    need to hear back by next Tuesday at the latest") on the documents and payments asked
    without one: a reply promises the quote by then."""
    asked = {ask.sentence for ask in asks}
    wanted = {_deadline(s) for s in said if _ANSWER_WANTED.search(s) and s not in asked} - {""}
    if len(wanted) != 1:
        return asks
    by = wanted.pop()
    promised = (AskKind.DOCUMENT, AskKind.PAYMENT)
    return [a.model_copy(update={"by": by}) if a.kind in promised and not a.by else a for a in asks]


_POINTS_BACK = re.compile(
    r"\b(?:that|this|it|those|these|which|das|dies|damit|dazu|welche[rs]?|ça|cela|cette|ces"
    r"|lequel|laquelle|eso|esto|esa|ese|cu[áa]l)\b",
    re.I,
)
"""Words that point back at what was said before ("Is that OK?", "Ça te va ?", "Which do
you prefer?")."""
_SAME_AGAIN = re.compile(
    r"^\W*(?:could|can|would|will) you (?:please )?(?:send|forward|email|pass"
    r"|let (?:me|us) have) (?:it|them|that|this|those)\b"
    r"(?![^?.!]*\b(?:to|à|aussi|also|as well)\s+(?!(?:me|us)\s*(?:by\b|over\b|[?.!]|$))\w)"
    r"|^\W*(?:könnten|können|würden) Sie (?:uns |mir )?(?:diese\w*|es|sie) (?:bitte )?"
    r"(?:zusenden|schicken|senden|mitteilen)"
    r"|^\W*(?:pourriez|pouvez)-vous (?:nous |me )?(?:l'|les |la |le )(?:envoyer|transmettre"
    r"|faire parvenir)(?![^?.!]*\b(?:aussi|également|à)\b)",
    re.I,
)
"""A request for the thing just asked for again ("I also still need a copy of your insurance
certificate. Could you send it over by 18 December?", "... benötigen wir Ihre EORI-Nummer.
Könnten Sie uns diese bitte zusenden?"): one ask, with the deadline it sets; not "Could you
send them to Sarah by Friday?"."""
_CONTEXT_WORDS = (5, 40)
"""At most this many words in a question pointing back, and in the sentence it points at."""
_AGAIN_WORDS = 10
"""At most this many words in a request for the same thing again (:data:`_SAME_AGAIN`)."""


def _in_context(asks: list[Ask], said: list[str]) -> list[Ask]:
    """A short question pointing back ("Ça te va ?", "Is that OK?", "Which do you prefer?")
    quoted with the sentence before it, where that one asks nothing itself ("Je pensais
    arriver le mardi 22 décembre et repartir le lundi 28. Ça te va ?"): a slot of its own
    says what to answer. A request for the same thing again (:data:`_SAME_AGAIN`) or a bare
    word asked after a question ("Is there anything you want from Hamburg? Franzbrötchen?")
    joins the ask before it."""
    asked = {ask.sentence for ask in asks}
    shown: list[Ask] = []
    for ask in asks:
        at = said.index(ask.sentence) if ask.sentence in said else 0
        before = said[at - 1] if at > 0 else ""
        words = len(_WORDS.findall(ask.sentence))
        if (
            ask.kind == AskKind.QUESTION
            and shown
            and before
            and shown[-1].sentence.endswith(before)
            and shown[-1].kind != AskKind.MEETING
            and (
                (words <= _AGAIN_WORDS and _SAME_AGAIN.search(ask.sentence))
                or (words <= 2 and ask.sentence.endswith("?"))  # "... from Hamburg? Franzbrötchen?"
                or (_OR_ELSE.match(ask.sentence) and before.endswith("?"))  # "Stollen? Oder ...?"
            )
        ):
            last = shown[-1]
            by = last.by or (_deadline(ask.sentence) if last.kind == AskKind.DOCUMENT else "")
            shown[-1] = last.model_copy(
                update={"sentence": f"{last.sentence} {ask.sentence}", "by": by}
            )
            continue
        options = _items_before(said, at)
        if ask.kind == AskKind.QUESTION and options and _WHICH_ONE.search(ask.sentence):
            asked_which = _after_colon(ask.sentence)
            ask = ask.model_copy(update={"sentence": f"{' / '.join(options)}: {asked_which}"})
        elif (
            ask.kind == AskKind.QUESTION
            and words <= _CONTEXT_WORDS[0]
            and _POINTS_BACK.search(ask.sentence)
            and before
            and before not in asked
            and not before.rstrip().endswith("?")
            and len(_WORDS.findall(before)) <= _CONTEXT_WORDS[1]
        ):
            ask = ask.model_copy(update={"sentence": f"{before} {ask.sentence}"})
        elif ask.kind == AskKind.QUESTION and before in asked and _WHICH.match(ask.sentence):
            ask = ask.model_copy(update={"sentence": _with_options(before, ask.sentence)})
        shown.append(ask)
    return shown


def _items_before(said: list[str], at: int) -> list[str]:
    """The items of the list that ends just before ``said[at]``, without their marks."""
    items: list[str] = []
    for sentence in reversed(said[:at]):
        item = _ITEM.match(sentence)
        if item is None:
            break
        items.insert(0, item.group("item").strip())
    return items


_OR_ELSE = re.compile(r"^\W*(?:or|oder|ou|o)\b", re.I)
"""A question opening on "or" ("Oder wieder die Haribo-Sorten?"): another option of the one
before."""
_WHICH = re.compile(
    r"^\W*(?:which|welche[rs]?|lequel|laquelle|cu[áa]l)\b(?:\W+\w+){0,4}\W*\?\s*$", re.I
)
"""A short question asking which of the options before it ("Which would you prefer?")."""


def _with_options(before: str, question: str) -> str:
    """``question`` after the last clause of ``before`` offering options, where that clause
    is not the whole sentence ("..., by phone or Teams. Which would you prefer?" becomes "by
    phone or Teams: which would you prefer?")."""
    clauses = re.split(r"[,;:]\s+|\s[-\u2013]\s", before.rstrip(" .!"))
    options = [c for c in clauses[1:] if re.search(r"\b(?:or|oder|ou|o)\b", c)]
    if before.rstrip().endswith("?") or not options:
        return question
    clause = options[-1].strip()
    return f"{upper_first(clause)}: {_after_colon(question)}"


def _after_colon(question: str) -> str:
    """``question`` going on after the options it follows and a colon: its first letter in
    lower case, unless it is "I" ("I can't decide, which would you go for?")."""
    return question if re.match(r"I\b", question) else f"{question[:1].lower()}{question[1:]}"


_STATE_OF_A_THING = re.compile(
    r"\b(?:the|a|an|your|signed|dated|completed|filled|enclosed|attached|original|back"
    r"|le|la|les|l|votre|sign[ée]e?s?|die|der|das|den|Ihre|unterschrieben\w*|el|los|las|su"
    r"|firmad[oa]s?)\b",
    re.I,
)
"""Words that tell which copy of a thing is meant, not what it is ("the signed
declaration" is "the enclosed declaration form")."""


_THOSE_THINGS = re.compile(
    r"\b(?:(?:the|those|these|both|all the) (?:documents|papers|forms|things|items|files)"
    r"|everything|all of (?:it|this|that|these|them))(?: back)?\s+(?:by|before|no later than)\b",
    re.I,
)
"""Words pointing back at the things asked for before ("I'd be grateful for the documents by
Friday 15 January", "so I would need everything by 5pm on Tuesday 8 December")."""
_PAYMENT_OF = re.compile(r"(?:the )?(?:payment|settlement) of ", re.I)
"""A listed item asking for a sum ("Payment of the application fee of £185."): to pay."""


_ANOTHER = re.compile(r"\b(?:also|too|as well|another|second|auch|aussi|también)\b", re.I)
"""Words that make a thing asked for after one like it another ("Please also send the
contract for the van hire")."""


def _same_thing_joined(asks: list[Ask]) -> list[Ask]:
    """A document asked for again right after it is first asked for ("The enclosed
    declaration form, signed and dated. I'd need the signed declaration back by Friday 4
    December"), as one ask with the deadline either sets; a later ask for "the documents" or
    "everything" by a date gives the things and payments asked for before it without one
    its deadline."""
    joined: list[Ask] = []
    for ask in asks:
        sent = [a.kind in (AskKind.DOCUMENT, AskKind.PAYMENT) and not a.by for a in joined]
        by = _deadline(ask.sentence)
        if any(sent) and by and _THOSE_THINGS.search(ask.sentence):  # "the documents by ..."
            joined = [
                a.model_copy(update={"by": by}) if s else a
                for a, s in zip(joined, sent, strict=True)
            ]
            continue
        before = joined[-1] if joined else None
        if before and before.kind == ask.kind == AskKind.DOCUMENT:
            named = [
                set(_WORDS.findall(_STATE_OF_A_THING.sub(" ", a.detail.lower())))
                for a in (before, ask)
            ]
            again = all(named) and named[1] <= named[0]  # "the signed declaration"
            if again and not _ANOTHER.search(ask.sentence):
                joined[-1] = before.model_copy(update={"by": before.by or ask.by})
                continue
        joined.append(ask)
    return joined


def _hours_joined(asks: list[Ask]) -> list[Ask]:
    """A day proposed and the hour asked right after it as one time ("hast du Lust, nächsten
    Mittwoch ... zu gehen? So gegen 18 Uhr nach der Arbeit?" proposes "nächsten Mittwoch
    gegen 18 Uhr"), not two times to choose between."""
    joined: list[Ask] = []
    for ask in asks:
        day = joined[-1] if joined else None
        if (
            day is not None
            and day.kind == ask.kind == AskKind.MEETING
            and day.detail
            and not re.search(r"\d|;", day.detail)
            and _CLOCK_ONLY.fullmatch(ask.detail)
            and len(_WORDS.findall(ask.sentence)) <= _BARE + 4
            and not _INSTEAD.search(ask.sentence)
        ):
            joined[-1] = day.model_copy(update={"detail": f"{day.detail} {ask.detail}"})
        else:
            joined.append(ask)
    return joined


_ASKS_TO_MEET = re.compile(
    r"^\W*(?:(?:so|and|also|then)\s+)?(?:(?:could|can|shall|should) we|would you like to"
    r"|do you want to|fancy|let'?s)\s+(?:meet(?:ing)?|get together|catch up|have a (?:call|chat))\b"
    r"|^\W*(?:können|könnten) wir uns (?:treffen|sehen)\b|^\W*on (?:peut|pourrait) se (?:voir"
    r"|retrouver)\b|^\W*pourrions-nous nous (?:voir|rencontrer)\b"
    r"|^\W*(?:podemos|podríamos) (?:quedar|vernos|reunirnos)\b",
    re.I,
)
"""A question that only asks to meet ("Could we meet to go through it all?"), which a time
chosen answers."""


def _times_given(asks: list[Ask]) -> list[Ask]:
    """A question that only asks to meet (:data:`_ASKS_TO_MEET`) dropped where the next ask
    offers times ("Could we meet to go through it all? I could do Monday 7th at 12:30 or
    Wednesday 9th any time after 4."): choosing one of them answers both."""
    nexts: list[Ask | None] = [*asks[1:], None]
    return [
        ask
        for ask, after in zip(asks, nexts, strict=False)  # the last ask has none after it
        if not (
            ask.kind == AskKind.MEETING
            and not ask.detail
            and _ASKS_TO_MEET.search(ask.sentence)
            and after is not None
            and after.kind == AskKind.MEETING
            and after.detail
        )
    ]


_OR_INSTEAD = re.compile(rf"^\W*(?:or|oder|ou|o)\b|{_ALTERNATIVE.pattern}", re.I)


def separate_requests(meetings: list[Ask]) -> list[Ask]:
    """Meeting asks that each name one time of their own, none offered instead of another
    ("crash on your sofa bed for the Saturday night?" and "do my hair on the Saturday
    morning?"): requests to answer one by one, with any meeting ask beside them naming no
    time, not times to choose between. "Would Tuesday at 10am work? Or Wednesday at 9:30?"
    is a choice. Beside a choice of times, only a favour on a day of its own is apart; "I'm
    also free on Friday" offers one more time."""
    timed = [ask for ask in meetings if ask.detail]
    times = [ask.detail for ask in timed]
    if len(timed) < 2 or len(set(times)) < len(times):
        return []
    if any(_OR_INSTEAD.search(ask.sentence) or _time_alone(ask) for ask in timed[1:]):
        return []
    if all("; " not in time for time in times):
        return meetings
    return [  # beside a choice of times, a favour on a day of its own ("borrow the van on
        ask  # Sunday 13th?" after "drinks - Thursday 10th or Friday 11th?")
        for ask in timed
        if "; " not in ask.detail and not _meets(ask.sentence)
    ]


def _time_alone(ask: Ask) -> bool:
    """Whether a meeting ask offers its time and little else ("Would Monday 14th work too?",
    "Friday 11th at 11am is my other free slot.", "Ginge auch Freitag, 11. Dezember?"): one
    more time to choose from. "Any chance I could borrow the van on Sunday 13th?" asks a
    favour."""
    if _FAVOUR.search(ask.sentence):
        return False
    rest = ask.sentence
    for time in ask.detail.split("; "):
        rest = rest.replace(time, " ")
    return len(_WORDS.findall(rest)) <= _BARE + 1 or bool(_PROPOSING.search(rest))


_FAVOUR = re.compile(r"\bany chance\b", re.I)
"""A favour asked ("any chance I could borrow the van on Sunday 13th?"), whose "I could" offers
no time."""


def _also_asked(ask: Ask) -> list[Ask]:
    """A question asked beside a meeting, document or payment in the same sentence ("welcher
    Termin Ihnen passt und ob jemand vor Ort ist", "enviarnos un presupuesto y decirnos en
    qué plazo podría entregarlo"), as a question of its own."""
    if ask.kind not in (AskKind.MEETING, AskKind.DOCUMENT, AskKind.PAYMENT):
        return []
    found = _SECOND_ASK.search(ask.sentence)
    asked = [(found.group("ask") or found.group("told"))] if found else []
    pick = _YOUR_PICK.search(ask.sentence)
    asked += [pick.group("pick")] if pick and ask.kind == AskKind.MEETING else []
    if ask.sentence.rstrip().endswith("?"):
        asked += [more.group("more") for more in _MORE_ASKS.finditer(ask.sentence)]
    return [
        Ask(kind=AskKind.QUESTION, sentence=question.strip())
        for question in dict.fromkeys(asked)
        if not any(t and t in question for t in ask.detail.split("; "))
        and not (ask.kind == AskKind.MEETING and (_meets(question) or proposed_times(question)))
    ]


def _itemised(text: str) -> str:
    """``text`` with each item of a list of requests under a lead-in that asks ("Could you
    please:\n- send the contract\n- confirm the date", "nous vous remercions de bien vouloir
    :\n1. confirmer ...\n2. transmettre ...\n\navant le 15 décembre 2026.") as a paragraph of
    its own, with the lead-in and the deadline the list ends on. A list of times under a
    question ("Would any of these work for you:") follows it as one sentence, a list of
    questions ("Ein paar Fragen dazu:\n- Kommst du allein?") is its questions, a list of
    times ("Two slots:\n- Monday ...") one sentence with its lead-in; other lists stay as
    written, each item a sentence of its own. A lead-in may lack its colon, and a list may be
    written inside a sentence (:func:`_inline_list`)."""
    paragraphs = re.split(r"(\n[ \t]*\n)", text)  # with the blank lines between them
    lines = "".join(map(_inline_list, paragraphs)).splitlines()
    out: list[str] = []
    at = 0
    while at < len(lines):
        line = lines[at]
        at += 1
        items, after = _items(lines, at) if _leads_in(line) else ([], at)
        if not line.rstrip().endswith((":", "?")) and not _leads_without_colon(line, items):
            if len(items) > 1:  # the sentence the items end ("Thanks for your help with")
                out += [_one_line(line, items), ""]
                at = after
            else:
                out.append(line)
            continue
        times = bool(items) and all(  # "Thursday 10 December, first thing (8.45?)" offers
            WHEN.search(item) and "?" not in re.sub(r"\([^)]*\)", "", item) for item in items
        )
        if not items or (line.rstrip().endswith("?") and not times):
            out.append(line)
            continue
        if line.rstrip().endswith("?"):  # "Would either of these work?\n- Tuesday ..."
            out += [_one_line(line, items), ""]
            at = after
            continue
        earlier: list[str] = []
        while out and out[-1].strip():
            earlier.insert(0, out.pop().strip())
        *before, lead = sentences(" ".join([*earlier, line.strip()]))  # not at "bzw."
        lead = lead.rstrip(": ")
        tail = lines[after].strip() if after < len(lines) else ""
        these = _SEND_THESE.match(tail)
        rest = ""
        resume = after + 1
        if these and DEADLINE.fullmatch(these.group("by").strip()):  # "... by Friday? If ..."
            tail, rest = these.group("by").strip(), tail[these.end() :].strip()
        elif by := _deadline_of_all(lines, after):  # "If you can get all of this to me by ..."
            tail, rest, resume = by
        ends = bool(tail) and bool(DEADLINE.match(tail) or _BEFORE_EVENT.match(tail))
        if _FOR_THESE.search(lead) and requests(lead):  # "Nous aurions besoin d'un devis pour :"
            listed = [f"{lead}: {'; '.join(item.rstrip(' ;,.') for item in items)}."]
        elif _asks_for_items(lead):  # "If you're in, I need:", "Before you head off could you"
            asked = _OPENING_CLAUSE.sub("", lead) if len(items) > 1 else lead
            asked = upper_first(asked)
            deadline = tail if ends else ""
            listed = [
                _told(item)
                if _asks_alone(item)
                else _ending(_with_item(asked, item), "" if DEADLINE.search(item) else deadline)
                for item in items
            ]
        elif _POINTING.search(lead) and _QUESTION_OPENING.match(lead):
            listed = [f"{lead}?", " ; ".join(items)]
        elif all(map(_whole_question, items)):  # "Ein paar Fragen dazu:\n- Kommst du ...?"
            listed = items
        elif times and (_POINTING.search(tail) or _asking(lead)):
            # "Two slots:\n- Monday at 10am\n- Tuesday at 2pm\n\nWhich works for you?", not an
            # itinerary's days
            out += [*earlier, _one_line(line, items), ""]
            at = after
            continue
        else:  # each item a line of its own, as a bulleted list; things the reader is told to
            # do ("... which you are required to address:\n1) Replace ...") asked
            told = _TOLD.search(lead) is not None
            said = [_told(item) if told else f"- {item}" for item in items]
            out += [*earlier, line, "", *(part for item in said for part in (item, ""))]
            at = after
            continue
        out += [" ".join(before), "", *(part for item in listed for part in (item.strip(), ""))]
        out += [rest, ""] if rest else []
        at = resume if ends else after
    return "\n".join(out)


_ALL_OF_IT = re.compile(
    r"\b(?:all (?:of )?(?:this|these|that|them|the above)|everything|the above|it all|these"
    r"|them|(?:your|a|an) (?:reply|response|answers?)|alles|all das|diese (?:Angaben|Unterlagen"
    r"|Dokumente|Informationen|Punkte|Sachen)|ces (?:éléments|documents"
    r"|informations|pièces|points)|le tout|tout cela|tout ça|(?:une|votre) réponse"
    r"|(?:eine|Ihre) Antwort|estos (?:datos|documentos)|esta información|todo (?:esto|ello)"
    r"|(?:una|su) respuesta)\b",
    re.I,
)
"""Words that take in a whole list just above ("If you can get all of this to me by Friday 11
December", "Bitte senden Sie uns diese Angaben bis ...", "We would be grateful for your
reply by Wednesday 23 December")."""


_WRITER_WILL_DO = re.compile(
    r"^\W*(?:we|i)(?:'ll| will| shall| are going to| am going to| can)\b"
    r"|^\W*(?:wir|ich) (?:werden|werde)\b|^\W*(?:nous|je) (?:allons|vais)\b",
    re.I,
)
"""The writer's own deadline under a list ("We'll confirm these with the kitchen by Friday
11 December"), which is not the reader's."""


def _deadline_of_all(lines: list[str], at: int) -> tuple[str, str, int] | None:
    """The deadline that the paragraph at ``lines[at]``, just below a list, sets for all of it
    in its first sentence, the rest of the paragraph, and the index of the line after it."""
    end = at
    while end < len(lines) and lines[end].strip():
        end += 1
    paragraph = " ".join(line.strip() for line in lines[at:end])
    first = ASKED_SENTENCE.match(paragraph)
    if first is None or not _ALL_OF_IT.search(first.group(0)) or _SEND_THESE.match(paragraph):
        return None  # not "Could you send them to Sarah by Friday?", which asks more
    if _WRITER_WILL_DO.match(first.group(0)):
        return None  # "We will return them to you by Friday 18 December."
    by = DEADLINE.search(first.group(0))
    if by is None:
        return None
    return by.group(0).rstrip(" ."), paragraph[first.end() :].strip(), end


_OPENING_CLAUSE = re.compile(
    r"^(?:(?:before|avant de|antes de|bevor) (?:we|i|you|they|nous|je|wir|ich|que)\b|to|in"
    r" order to|so that|as|since|for|afin de|pour|para|um|damit)\b[^,:;]{5,100},\s+"
    r"(?=(?:please|kindly|could|can|would|will|we|i|i'd|we'd|le|les|nous|je|könnten|können"
    r"|bitte|wir|ich|pourriez|pouvez|merci|por favor|podría|podrías|necesitamos)\b)",
    re.I,
)
"""A clause opening a lead-in before its request ("Before we can obtain renewal terms from
insurers, please confirm the following:", "Para preparar la primera expedición, le
agradecería que nos enviara:"), which each item of several does not repeat; not a deadline
("Before Friday, could you send me:")."""


_INLINE_MARK = re.compile(r"(?:,\s*)?(?:\band\s+)?(?<![\w(])\(?(?P<n>[1-9])\)\s+")
"""The mark of an item of a list written inside a sentence ("Just three things: 1) can we
swap the lamb, 2) is there a children's option, and 3) what time ...?")."""


def _inline_list(paragraph: str) -> str:
    """``paragraph`` with a list written inside it after a colon and numbered from 1 ("Just
    three things: 1) can we swap the lamb, 2) is there a children's option, and 3) what time
    ...?") set out as its lead-in and an item a line, each item a question when the list ends
    on one; else as it is."""
    if any(_ITEM.match(line) for line in paragraph.splitlines()):
        return paragraph
    said = " ".join(paragraph.split())
    marks = list(_INLINE_MARK.finditer(said))
    if len(marks) < 2 or [int(mark["n"]) for mark in marks] != list(range(1, len(marks) + 1)):
        return paragraph
    if not said[: marks[0].start()].rstrip().endswith(":"):
        return paragraph  # not "Would you prefer 1) the barn or 2) the marquee?"
    ends = said[-1:] if said[-1:] in "?." else ""
    items = [
        said[mark.end() : following.start() if following else len(said)].strip(" ,;?.")
        for mark, following in zip(marks, [*marks[1:], None], strict=True)
    ]
    lead = said[: marks[0].start()].rstrip(" :")
    return "\n".join([f"{lead}:", *(f"- {upper_first(item)}{ends}" for item in items)])


_YOU_COULD = re.compile(r"\b(?:could|can|would) you\b(?!\s+believe)", re.I)
"""A request anywhere in a lead-in ("Before you head off on the 24th could you leave me")."""


def _asks_for_items(lead: str) -> bool:
    """Whether a lead-in asks for the items below it: a request, a need ("I'd need from
    you"), or "could you" anywhere in it ("Before you head off on the 24th could you leave
    me")."""
    return requests(lead) or bool(_NEEDED.search(lead) or _YOU_COULD.search(lead))


def _leads_in(line: str) -> bool:
    """Whether ``line`` can lead a list below it: it ends on a colon or a question mark, or
    stops without a stop ("Before you head off could you leave me", "For the food side of
    things I'd need from you", "Ein paar Fragen hätte ich aber noch")."""
    said = line.rstrip()
    return said.endswith((":", "?")) or (
        bool(said) and said[-1].isalnum() and not _ITEM.match(said)
    )


def _leads_without_colon(line: str, items: list[str]) -> bool:
    """Whether ``line``, which lacks a colon, still leads the list ``items`` below it: two or
    more items, under a request or a need ("Before you head off could you leave me", "I'd
    need from you") or all questions ("Ein paar Fragen hätte ich aber noch"); not the options
    of a choice ("Let me know which you'd prefer") nor a sentence they end ("Thanks so much
    for your help with")."""
    if len(items) < 2 or _WHICH_ONE.search(line):
        return False
    return _asks_for_items(line) or all("?" in item for item in items)


_WHICH_ONE = re.compile(
    r"\b(?:which|whichever|prefer|welche[rsnm]?|lequel|laquelle|lesquel(?:le)?s|cu[áa]l(?:es)?)\b",
    re.I,
)
"""Words asking which of the options listed ("Let me know which you'd prefer", "Decidme cuál
os va mejor")."""


def _one_line(lead: str, items: list[str]) -> str:
    """A list as one sentence with its lead-in ("Two slots: - Monday at 10am - Tuesday at
    2pm", "Let me know which you'd prefer - the buffet - the sit-down dinner"), as the
    question about them reads it."""
    return " ".join([lead.strip(), *(f"- {item}" for item in items)])


_FOR_THESE = re.compile(r"\b(?:for|pour|für|para)$", re.I)
"""A lead-in asking for one thing for all the items under it ("Could you quote for:", "Nous
aurions besoin d'un devis pour :"): one ask, the items its detail."""


def _whole_question(item: str) -> bool:
    """An item that asks on its own ("Haben Sie ab dem 11. Januar Kapazität frei?", "Can you
    OK the overtime? It's 14 hours.", "are you coming on the 24th?"), not the end of its
    lead-in's question ("confirm the start date?")."""
    said = re.sub(r"\([^)]*\)", "", item)  # not "The receipt (about £2,400?)"
    opening = said.split(" ", 1)[0].casefold()
    choice = re.match(r"[^?]+\bor\b[^?]+\?", said)  # "train or car?"
    return "?" in said and (
        said[:1].isupper() or said[:1] in "¿¡" or opening in _ASKING_WORDS or bool(choice)
    )


def _asks_alone(item: str) -> bool:
    """An item under a lead-in that asks, which asks on its own: its first sentence is a
    question or a request ("Please confirm whether ..."), or a heading or a statement before
    one ("Parking. Is there space for a van?", "Your submission mentions ... Please confirm
    whether ..."); not "Your expected audience numbers. ... above 150 we need a second
    steward"."""
    first = _first_sentence(item)
    plain = _ASIDE.sub("", first)  # not "A copy of ... (we need to see £5m cover)"
    return (
        _whole_question(first)
        or (_whole_question(item) and len(first.split()) <= 3)
        or (item[:1].isupper() and requests(plain))
        or bool(_ITEM_VERB.match(plain))
        or any(_ASKS_FIRST.match(said) for said in sentences(item)[1:])
    )


def _told(item: str) -> str:
    """A list item that tells the reader what to do ("Replace the door seal") as a request
    ("Please replace the door seal"); any other item as it is."""
    if _ITEM_VERB.match(_ASIDE.sub("", item)) and not requests(item):
        return f"Please {item[:1].lower()}{item[1:]}"
    return item


_TOLD = re.compile(
    r"\b(?:you (?:are|were) (?:required|asked)|you (?:need|have|must|will need|'ll need) to"
    r"|you must|you should|for you to|action(?:s)? (?:for you|required|needed)|your (?:to-?do"
    r"|actions)|things? (?:for you )?to do|we need you to)\b",
    re.I,
)
"""A lead-in telling the reader that the list below is theirs to do ("I identified the
following matters, which you are required to address:"); not the writer's own plans."""
_ASIDE = re.compile(r"\s*\([^()]*\)")
"""A remark in brackets, which does not make a list item a request of its own."""
_ITEM_VERB = re.compile(
    r"(?=[A-Z])(?i:(?:pay|check|send|sign|return|book|arrange|fill in|fill out|bring|label"
    r"|email|e-mail|call|ring|text|tell|order|update|review|print|forward|share|pick up"
    r"|drop off|read|repair|fix|clean|keep|contact|reply to)\s+(?:the|your|a|an|any|all|both"
    r"|this|that|these|those|it|them|us|me|everything|whoever)\b"
    r"|(?:confirm|complete|provide|upload|make sure|ensure|remember|submit|choose|decide"
    r"|register|replace|remove|install|respond)\b)"
)
"""A list item opening on a verb that tells the reader what to do ("Pay the remaining
balance by Monday 14 December", "Check everything against the delivery note"): a request of
its own, not a thing its lead-in asks for."""


_ASKS_FIRST = re.compile(
    r"^\W*(?:please|kindly|could you|can you|would you|will you|let (?:me|us) know)\b", re.I
)
"""A sentence that opens on its request ("Please confirm whether the mature beech ...")."""


def _ending(asked: str, deadline: str) -> str:
    """``asked`` with the list's ``deadline`` at the end of its question ("Could you send the
    receipts by Friday 18 December?"), or of its sentence."""
    if not deadline:
        return asked
    depth = 0
    for at, char in enumerate(asked):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "?" and depth <= 0:
            return f"{asked[:at]} {deadline.rstrip(' .;,')}{asked[at:]}"
    return f"{asked} {deadline}"


def _first_sentence(item: str) -> str:
    """The first sentence of a list item ("The receipt for the ride-on (about £2,400?)." of
    "... Also, did you buy it outright?")."""
    first = ASKED_SENTENCE.match(item)
    return first.group(0).strip() if first and item.startswith(first.group(0).strip()) else item


def _with_item(lead: str, item: str) -> str:
    """The lead-in's request of one item: in place of "the following" where the lead-in says
    it ("could you send us the following so we can ..."), else after it, and before the
    deadline the lead-in ends on ("could you send me by Friday:" asks "could you send me
    the receipt by Friday")."""
    by = DEADLINE.search(lead)
    if by and not lead[by.end() :].strip(" ,"):  # "could you send me by Friday 18 December:"
        return _ending(_with_item(lead[: by.start()].rstrip(" ,"), item), by.group(0))
    following = _FOLLOWING.search(lead)
    needed = _NEEDED.search(lead)
    if following and item.split(" ", 1)[0].casefold() in _ASKING_WORDS:
        return f"{lead}: {item}"  # "I need the following ...: whether you used the car"
    if needed:  # "Here is what we still need from you for the audit:"
        said = _first_sentence(item)
        asked = f"Could you send {_continuing(said, english=True).rstrip(' ?')}"
        if _NOT_A_THING.match(item) and needed.group("counted") and not needed.group("rest"):
            need = lead[needed.start() :]  # "I do need a few things from you"
            return f"{upper_first(need)}: {_continuing(item, english=True)}"
        if not needed.group("following") or _document(asked):  # a site plan, not "Someone"
            more = item[len(said) :].strip()
            return f"{asked}{needed.group('rest') or ''}? {more}".strip()
    english = bool(_ENGLISH_LEAD.search(lead))
    if following:
        continued = _continuing(item, english)
        asked = f"{lead[: following.start()]} {continued} {lead[following.end() :]}"
        if needed and not requests(" ".join(asked.split())):  # "we need Mr Bowen's full name"
            paid = _PAYMENT_OF.match(continued)  # "Payment of the application fee of £185."
            if paid:
                return f"Could you pay {continued[paid.end() :]}{needed.group('rest') or ''}?"
            return f"Could you let us have {continued}{needed.group('rest') or ''}?"
        if _LIST_WORD.search(lead) and not requests(" ".join(asked.split())):
            return f"{lead}: {continued}"  # "Il nous faudrait les informations suivantes"
        return asked
    joined = ": " if _LIST_WORD.search(lead) else " "  # "... des éléments suivants: votre ..."
    return f"{lead}{joined}{_continuing(item, english)}"


_NOT_A_THING = re.compile(r"^(?:no|not|never|don't|do not|nothing|please)\b", re.I)
"""An item of what a writer needs that is no thing to send ("No lilies in anything you
send us from now on, please"): asked in the mail's words, not "Could you send ..."."""
_NEEDS_LEAD = re.compile(
    rf"^(?:i|we) (?:still |also |do |really )?(?:need|require) {_FEW_THINGS}(?: from you)?: ",
    re.I,
)


def quoted(sentence: str) -> str:
    """``sentence`` as a reply's slot quotes it: an item of a list under "I need a few things
    from you:" without that lead-in, which every item repeats."""
    lead = _NEEDS_LEAD.match(sentence)
    if lead is None:
        return sentence
    item = sentence[lead.end() :]
    return upper_first(item)


_LIST_WORD = re.compile(
    r"\b(?:suivante?s?|folgenden?|siguientes?|(?:quelques|des) (?:éléments|informations))\s*$", re.I
)
"""A lead-in ending on the words that name its list, which the items follow after a colon."""
_ENGLISH_LEAD = re.compile(r"\b(?:the|you|your|please|could|would|need|send|me|us)\b", re.I)
"""Words that make a lead-in English, whose items read on in lower case."""


_TITLE = re.compile(r"(?:Mr|Mrs|Ms|Miss|Dr|Prof|Herr|Frau|Mme|Mlle|Sr|Sra)\.?")
"""A title before a name, which keeps its capital."""


def _continuing(item: str, english: bool = False) -> str:
    """An item as the rest of its lead-in's sentence: "The signed contract;" becomes "the
    signed contract" (a name keeps its capital). Under an English lead-in any capitalised
    word is lowered ("Details of any income" becomes "details of any income"), but not one
    in capitals ("HMRC letters"), a title or a name's ("Mr Bowen's full name"): a German noun
    keeps its capital."""
    first, _, rest = item.rstrip(" ;,.").partition(" ")
    opening = first.lower() in _LOWER_OPENINGS | _ASKING_WORDS
    named = _TITLE.fullmatch(first) or first.endswith(("'s", "\u2019s"))  # "Mr Bowen's"
    lower = first.lower() if opening or (english and first.istitle() and not named) else first
    return f"{lower} {rest}".strip()


def _items(lines: list[str], at: int) -> tuple[list[str], int]:
    """The items of a list starting at ``lines[at]`` (blank lines between them allowed, a
    line that continues an item joined to it), and the index of the first non-blank line
    after the list."""
    items: list[str] = []
    while at < len(lines):
        line = lines[at]
        item = _ITEM.match(line)
        if item:
            items.append(item.group("item").strip())
        elif items and line.strip() and lines[at - 1].strip():
            items[-1] += f" {line.strip()}"
        elif line.strip():
            break
        at += 1
    while at < len(lines) and not lines[at].strip():
        at += 1
    return items, at


_OWN_OPTIONS = re.compile(r"\beither\b[^.?!]{3,}\bor\b|\b(?:entweder|soit|o bien)\b", re.I)
"""A sentence offering its own options before it points at a choice."""


def _with_times_nearby(ask: Ask, said: list[str], at: int) -> Ask:
    """A question pointing at times written near it ("either of these", "whether you're
    coming") as a meeting ask with those times (a meeting ask that names none takes them)."""
    if ask.kind == AskKind.MEETING:
        if ask.detail:
            return _with_alternative(_with_booked(ask, said, at), said, at)
        pointing = _POINTING.search(ask.sentence)  # not an invitation: it may recall a time
    else:
        pointing = _POINTING.search(ask.sentence) or _INVITING.search(ask.sentence)
    if ask.kind not in (AskKind.QUESTION, AskKind.MEETING) or not pointing:
        return ask
    if _OWN_OPTIONS.search(ask.sentence[: pointing.start()]):
        return ask  # "either the club hall or Zoom, whichever you prefer": its own choice
    times = _times_beside(said, at)
    return Ask(kind=AskKind.MEETING, sentence=ask.sentence, detail=times) if times else ask


def _with_alternative(ask: Ask, said: list[str], at: int) -> Ask:
    """A meeting ask with the times the next sentence offers instead ("Otherwise Friday at
    2pm.", "Si no, también podríamos vernos el martes a las 16:30.")."""
    after = said[at + 1] if at + 1 < len(said) else ""
    if not _ALTERNATIVE.search(after) or _MOVED.search(after) or _DONE.search(after):
        return ask
    times = [time for time in proposed_times(after) if time not in ask.detail]
    if not times:
        return ask
    besides = _ALTERNATIVE.sub(" ", after)
    for time in times:
        besides = besides.replace(time, " ")
    bare = len(_WORDS.findall(besides)) <= 2  # "Otherwise Friday at 2pm.", "Or Monday?"
    offers = _PROPOSING.search(after) or _MEETING.search(after) or _OFFERED.search(after)
    if not (bare or offers):
        return ask
    return ask.model_copy(update={"detail": "; ".join([ask.detail, *times])})


def _with_booked(ask: Ask, said: list[str], at: int) -> Ask:
    """A meeting ask offering times instead of one booked just before it ("we have booked
    our engineer for Wednesday 9 December ... If that slot is not convenient, let us know
    which of the following you would prefer instead: ..."), with the booked time first."""
    if not _INSTEAD_OF.search(ask.sentence):
        return ask
    booked = [
        time
        for s in said[max(0, at - 3) : at]
        if _PROPOSING.search(s) and not _MOVED.search(s)
        for time in proposed_times(s)
        if time not in ask.detail
    ]
    return ask.model_copy(update={"detail": "; ".join([*booked[-1:], ask.detail])})


def _invitation(said: list[str], at: int) -> Ask | None:
    """An invitation that asks nothing outright ("Would be great if you could come.", "we
    would be delighted if you joined our panel on Thursday 18 March"), as a meeting ask with
    its own time, else that of the sentence before or after it; a choice it asks without a
    time ("whether you are coming on the 24th or the 25th") is a question."""
    if not _INVITING.search(said[at]):
        return None
    own = "; ".join(proposed_times(said[at]))
    if not own and _CHOICE.search(said[at]):  # "if you are coming on the 24th or the 25th"
        return Ask(kind=AskKind.QUESTION, sentence=said[at])
    return Ask(kind=AskKind.MEETING, sentence=said[at], detail=own or _times_beside(said, at))


def _available(said: list[str], at: int) -> Ask | None:
    """The writer saying when they are free (:data:`_AVAILABLE`) with no meeting asked in the
    sentence before or after, as a meeting ask with those times and the ones the next
    sentence offers instead ("Or Saturday if that's easier for you"); beside one ("On se fait un
    dîner ? Je suis libre le lundi soir ou le mardi soir.") the times are that ask's."""
    times = proposed_times(said[at])
    listed = not times and said[at].rstrip().endswith(":")  # "I could do any of these:"
    if listed:  # above "- next Tuesday (8th) at 10am ...", "- Wednesday 9th ..."
        items = itertools.takewhile(_ITEM.match, said[at + 1 :])
        times = [time for item in items for time in proposed_times(item)]
    if not times or not _AVAILABLE.search(said[at]) or _DONE.search(said[at]):
        return None
    beside = [_kind(said[n]) for n in (at - 1, at + 1) if 0 <= n < len(said)]
    if AskKind.MEETING in beside and not listed:
        return None
    return _with_alternative(
        Ask(kind=AskKind.MEETING, sentence=said[at], detail="; ".join(times)), said, at
    )


def _going_on(said: list[str], at: int) -> Ask | None:
    """A choice going on from an ask in the sentence before ("Dime qué día llegas. Y si te
    quedas en casa o con tu prima Lucía."), as a question; "Y si llueve o hace frío, lo
    dejamos" after no ask is a condition."""
    if not _GOING_ON.match(said[at]) or at == 0 or _ask_of(said[at - 1]) is None:
        return None
    return Ask(kind=AskKind.QUESTION, sentence=said[at])


def _times_beside(said: list[str], at: int) -> str:
    """The times proposed in the nearest of the three sentences before ``at`` that has any,
    else in the one after it; a time being moved or called off is not one. Before it, a
    sentence that speaks of meeting comes first ("We're having a lunch on Sunday 17 January,
    from 1pm" over "you can stay with us on the Saturday and Sunday nights" after it); the
    one after it comes last ("Which one do you want me to book? ... or we lose the Tuesday
    slot" points at the times before it)."""
    before = [said[n] for n in (at - 1, at - 2, at - 3) if n >= 0 and _still_on(said[n])]
    after = [said[n] for n in (at + 1,) if n < len(said) and _still_on(said[n])]
    for sentence in [*filter(_meets, before), *before, *after]:
        times = proposed_times(sentence)
        if times:
            return "; ".join(times)
    return ""


def _still_on(sentence: str) -> bool:
    """Whether the times of ``sentence`` may be offered: not moved or called off, not gone by
    ("La réparation a été faite jeudi 3 décembre")."""
    return not (
        _MOVED.search(sentence) or _GONE_BY.search(sentence) or _OPENING_HOURS.search(sentence)
    )


_OPENING_HOURS = re.compile(
    r"\b(?:abrimos|cerramos|we open|we close|(?:we're|we are|is|are) (?:open|closed) (?:from|until"
    r"|till|at)|opens|closes|on ouvre|on ferme|nous ouvrons|nous fermons|wir öffnen|geöffnet)\b",
    re.I,
)
"""Opening hours told beside an ask ("Abrimos a las 17h, así que mejor por la mañana"): no
time offered to meet."""


_GONE_BY = re.compile(
    r"\b(?:a été|ont été|(?:j'ai|nous avons|on a|vous avez|tu as) (?:reçu|fait|eu)"
    r"|(?:he|hemos|has|ha) (?:recibido|hecho)|vino|vinieron|llegó|llegaron|estuvo"
    r"|came (?:round|over|by|out)|was here|visited us)\b",
    re.I,
)
"""A French or Spanish perfect, or a visit told in the past ("El inspector de incendios vino
el jueves", "the surveyor came round on Monday"): what it dates is past."""


_NAMED_DEADLINE = re.compile(r"\s+(?:deadline|filing deadline|frist|date limite|plazo)\b", re.I)
"""A deadline named, not set ("before the 31 January deadline I'll need ... by Friday")."""


_AFTER = re.compile(
    r"\b(?:after|once) (?:the|our|your|my) (?:event|concert|show|performance|wedding|party"
    r"|visit|job|work|course|trip|tour|season|festival)\b"
    r"|\bnach (?:dem|der|unserem|unserer|Ihrem|Ihrer) (?:Konzert|Veranstaltung|Fest|Besuch"
    r"|Hochzeit|Auftritt|Reise|Kurs)\b"
    r"|\baprès (?:le|la|notre|votre) (?:concert|événement|fête|visite|mariage|festival)\b"
    r"|\bdespués (?:del|de la|de nuestro|de nuestra) (?:concierto|evento|fiesta|visita|boda)\b",
    re.I,
)
"""When a thing is asked for after an event ("Please send your invoice after the event"): a
reply promises it then, not now."""
_SENDING = re.compile(
    r"\b(?:send|forward|return|pay|bring|submit|post|invoice|schick\w*|send\w*|überweis\w*"
    r"|envoy\w*|transmet\w*|envi\w*|mand\w*)\b",
    re.I,
)
"""A verb of sending or paying: what comes after it may be asked for after an event."""


def _deadline(sentence: str) -> str:
    """The deadline a sentence sets, as written, in lower case where it opened the sentence
    ("Before Friday, could you ..." is promised "before Friday"), or the event it is asked
    for after ("after the event")."""
    named = [d for d in DEADLINE.finditer(sentence) if not _NAMED_DEADLINE.match(sentence, d.end())]
    after = _AFTER.search(sentence)
    if after and not _SENDING.search(sentence[: after.start()]):
        after = None  # "I got sick after the trip, so could you send me the receipts?"
    found = next(iter(named), None) or _BEFORE_EVENT.search(sentence) or after
    if found is None:
        return ""
    by = found.group(0).rstrip(".")
    opens = sentence[: found.start()].strip("¿¡ ")  # "... details? By Monday." opens too
    return by[0].lower() + by[1:] if not opens or opens.endswith((".", "?", "!")) else by


def _puts_time(sentence: str, times: list[str]) -> bool:
    """Whether a question without a meeting word puts one of ``times`` to the reader ("Could
    we do Tuesday at 3?", "Does Friday work?", "Friday at 2pm ok?", "Can you pick up the
    kids on Thursday?"); one that only names a time ("are there places left on the course
    starting Tuesday 7 April at 18:30?", "Is the shop open on Saturday?") is a question to
    answer, and so is one about a time gone by ("did the parcel come on Monday?")."""
    if _TIME_FRAME.search(sentence):
        return True
    asked = _ASKS_OF_TIME.match(sentence)
    rest = sentence[asked.end() :].lower() if asked else ""
    for time in times:
        if rest.startswith(time.lower()):
            return True
        at = sentence.find(time)
        if at >= 0 and _SUITS.match(sentence[at + len(time) :]):
            return True
    besides = sentence
    for time in times:
        besides = besides.replace(time, " ")
    return len(_WORDS.findall(besides)) <= _BARE


_MONEY_ASKED = re.compile(
    r"\b(?:anzahlung|vorauszahlung|deposit|acompte|arrhes|señal|depósito|fianza|upfront|up front"
    r"|pay anything|(?:be )?charg(?:e|ing) (?:for|me|us)|(?:is|be) (?:there )?(?:a )?charge)\b",
    re.I,
)
"""A deposit or a charge asked about beside a meeting word ("Brauchen Sie eine Anzahlung, um
den Termin zu reservieren?", "whether you'll be charging for the return visit"): a question,
not a time to set (a call "to talk about the cost" is one)."""
_HOW_MANY = re.compile(
    r"\b(?:how many|how much|wie viele|combien|cu[áa]nt[oa]s)\b"
    r"|\b(?:ask|know|tell me|wondering|wondered) what (?!time\b)"
    r"|\b(?:fragt|will wissen|möchte wissen|wollte wissen),? (?:ob|wie|was|wann|wo|welche[rsn]?)\b"
    r"|\basks? (?:if|whether)\b|\bdemande si\b"
    r"|\bpregunta si\b|\bwants to know\b",
    re.I,
)
"""A count or a thing asked about a meeting ("how many for Christmas Eve dinner", "I wanted
to ask what Anders eats on Christmas Eve"): a question."""
_AVAILABLE = re.compile(
    r"^\W*(?:if (?:it|that) helps,\s*)?(?:(?:i|we) )?(?:can|could) do\b"
    r"|\b(?:i'm|i am|we're|we are) (?:free|available)\b"
    r"|^\W*(?:(?:if|si|wenn|falls) [^,.?!]{1,30},\s*)?(?:(?:i|we|he|she) could start"
    r"|(?:je|il|elle|on|nous) pourr(?:ais|ait|ions) commencer|(?:würde|möchte) (?:ich|er|sie)"
    r" gerne?\b[^!?]{0,60}\banfangen|(?:ich|wir) (?:würden?|möchten?) gerne?\b[^!?]{0,60}"
    r"\banfangen|(?:podría|podríamos) empezar"
    r"|(?:yo )?(?:podría|puedo)(?: (?:ir|venir|pasarme))?(?= (?:el|este|esta) [^.!?]{3,60}\bo (?:el"
    r"|este|esta)\b))"
    r"|\b(?:dates?|days?|times?) that (?:work|suit)s? (?:best )?for (?:us|me)\b"
    r"|\b(?:wir|ich) (?:könnten|könnte)\b"
    r"|\b(?:ich habe|ich hätte|wir haben|wir hätten)\b[^.!?]{0,30}\bzeit\b"
    r"|\b(?:je suis|nous sommes) (?:libres?|disponibles?)\b|\b(?:estoy|estamos) (?:libres?"
    r"|disponibles?)\b",
    re.I,
)
"""The writer saying when they are free ("Can do either Mon 14th or Tue 15th", "I'm free
Tuesday afternoon ... or Thursday before 11"): the times are for the reader to choose."""


def _kind(sentence: str) -> AskKind | None:
    ask = _ask_of(sentence)
    return ask.kind if ask else None


def _ask_of(sentence: str) -> Ask | None:
    ask = _sentence_ask(sentence)
    if ask is not None and ask.kind == AskKind.MEETING and _DONT_FORGET.search(sentence):
        return Ask(kind=AskKind.QUESTION, sentence=sentence)  # "Don't forget to call Dad"
    return ask


_NOTHING_TO_BRING = re.compile(
    r"^\W*(?:(?:and |y |et |und )?(?:tú |vosotros )?no (?:tienes|tenéis|tiene|hace falta) que"
    r" (?:traer|hacer|preparar|llevar) nada|you (?:don't|do not) (?:need|have) to (?:bring"
    r"|do|prepare|cook|make) anything|tu n'as rien à (?:apporter|faire|préparer)|vous n'avez"
    r" rien à (?:apporter|faire|préparer)|(?:du musst|ihr müsst|du brauchst|ihr braucht) nichts"
    r" (?:mitbringen|mitzubringen|machen|vorbereiten))"
    r"(?![^?]*\b(?:but|pero|mais|aber|just|only|except)\b)[^?]*[,\s]+¿?(?:eh|vale|de acuerdo"
    r"|right|ok|okay|yeah|hein|d'accord|oder|ja|gell|gelle|ne)\s*\?\W*$",
    re.I,
)
"""The reader told they need do nothing, with a tag asking them to agree ("Tú no tienes que
traer nada, ¿eh?", "You don't need to bring anything, OK?"): nothing asked."""


_IF_IT_SUITS = re.compile(
    r",?\s+if (?:(?:that|this)(?: suits(?: you)?| works(?: for you)?)|it (?:suits|works for) you"
    r"|(?:that|this|it)(?:'s| is) (?:ok|okay|alright"
    r"|convenient)(?: (?:with|for) you)?)\W*$",
    re.I,
)
"""A plan put to the reader at the end of a sentence ("I'll collect it on Saturday 12th, if
that suits you."): its time, the last the sentence names, is a meeting to agree; one naming
no time is a question to answer."""


_RHETORICAL = re.compile(
    r"^\W*(?:(?:can|could|would) you believe|guess what|who knew|how (?:crazy|mad|cool|amazing"
    r"|weird|funny|lucky|sad) is that|kannst du (?:das )?glauben|(?:tu te rends compte|tu y crois)"
    r"|¿?(?:te lo puedes creer|(?:a que )?no es increíble))\b[^?]*\?[!?]*\s*$",
    re.I,
)
"""A question that wants no answer ("Can you believe it's nearly December?!", "Guess
what?", "Tu te rends compte ?"), when it is short."""


_OFFER_OF_HELP = re.compile(
    r"^\W*(?:(?:(?:if|should) you (?:have|need|require) (?:any )?(?:(?:further|more|other) )?"
    r"(?:questions|queries|help|assistance)|if (?:anything|something) (?:is (?:unclear|wrong)"
    r"|does(?:n't| not) (?:match|look right)|looks wrong))\b[^,.?!]{0,60},?\s*(?:please\s+)?"
    r"(?:(?:do not|don't) hesitate|feel free|let (?:me|us) know|get in touch|contact|call|reply"
    r"|ask|give (?:me|us) a (?:call|ring))\b[^?]*$"
    r"|(?:please )?(?:do not|don't) hesitate to (?:contact|get in touch|call|ask|reach out)"
    r"|(?:please )?feel free to (?:contact|get in touch|call|reach out)"
    r"|(?:bei|für) (?:weitere[n]? |eventuelle[n]? )?(?:Fragen|Rückfragen)\b"
    r"|(?:wenn|falls) (?:Sie|du) (?:noch )?(?:Fragen|Rückfragen) ha(?:ben|st)\b"
    r"|n'hésite[zr]? pas à (?:me|nous) (?:contacter|écrire|joindre|appeler)"
    r"|pour toute (?:question|information|demande)\b|si vous avez (?:des|la moindre) questions?"
    r"|(?:si tiene|si tienes|si necesita|si necesitas) (?:alguna|cualquier) (?:duda|pregunta"
    r"|consulta)|no dude[sn]? en (?:contactar|escribir|ponerse|llamar))",
    re.I,
)
"""A closing offer of help ("If you have any questions, please let me know.", "Bei Fragen
stehe ich gerne zur Verfügung.", "N'hésitez pas à me contacter."): nothing asked."""


_ROLE_ASKED = re.compile(
    r"\b(?:(?:like|love) you to be|(?:will|would) you be (?:my|our|his|her|their) \w+\s*\?"
    r"|(?:aimerions|aimerais|voudrions|voudrais) que (?:tu sois|vous soyez)"
    r"|(?:möchten|würden|möchte|würde) (?:gern |gerne )?(?:dich|Sie) (?:\w+ )?als"
    r"|(?:queremos|quiero|nos encantaría|me encantaría) que (?:seas|sea)\b)",
    re.I,
)
"""A role the reader is asked to take on ("we'd really love you to be Alfie's godmother",
"Will you be my bridesmaid?") beside the day of the writer's own event: the role is asked,
not the day."""


def _sentence_ask(sentence: str) -> Ask | None:
    if _NOTHING_TO_BRING.match(sentence) or _OFFER_OF_HELP.match(sentence):
        return None
    if _RHETORICAL.match(sentence) and len(sentence.split()) <= 10:
        return None
    if "?" in sentence and _IF_SO.match(sentence.split("?")[-1]):  # :func:`_conditions_joined`
        return Ask(kind=AskKind.QUESTION, sentence=sentence)
    if _IF_SO_INSIDE.search(sentence):  # "can I pay by transfer, and if so could you send ..."
        return Ask(kind=AskKind.QUESTION, sentence=sentence)
    listed = _ITEM.match(sentence)  # an itinerary's "- Friday 22: lunch" proposes none
    asking = _asking(sentence)
    if listed and asking and "?" not in sentence and not _REQUEST.search(sentence):
        asking = False  # "- Book the photographer" in the writer's own plan, "- Bring a jumper"
    if asking and _ROLE_ASKED.search(sentence):  # the day is theirs: the role is asked
        return Ask(kind=AskKind.QUESTION, sentence=sentence)
    meeting = _meets(sentence)
    times = [] if _DATE_OF_WORK.search(sentence) and not meeting else proposed_times(sentence)
    if _IF_IT_SUITS.search(sentence):  # "I'll collect it on Saturday 12th, if that suits you"
        if not times:  # "We could drop the dresses off any Saturday in December if that suits."
            return Ask(kind=AskKind.QUESTION, sentence=sentence)
        return Ask(kind=AskKind.MEETING, sentence=sentence, detail=times[-1])
    proposing = bool(_PROPOSING.search(sentence))
    if times and (
        (
            asking
            and not _DONE.search(sentence)
            and (meeting or proposing or _puts_time(sentence, times))
        )
        or (meeting and proposing and not listed)
    ):
        return Ask(kind=AskKind.MEETING, sentence=sentence, detail="; ".join(times))
    document = _document(sentence)
    if document == "" and asking:  # "send the invoice to Maria in accounts"
        return Ask(kind=AskKind.QUESTION, sentence=sentence)
    if document and _MONEY.match(document):
        document = None  # "send payment for the invoice" pays
    billing = bool(_BILLING.search(sentence) or document) and not _PAYS.search(sentence)
    billing = billing or bool(_PAYING_YOU.search(sentence))
    billed = _PAYMENT.search(sentence) and not billing
    if (
        (billed and (asking or "please" in sentence.lower()))
        or reminds(sentence)
        or _SUM_DUE.search(sentence)
    ):
        number = _INVOICE_NUMBER.search(sentence)
        detail = number.group(0) if number else ""
        return Ask(kind=AskKind.PAYMENT, sentence=sentence, detail=detail, by=_deadline(sentence))
    if document and (asking or "need" in sentence.lower()):
        return Ask(
            kind=AskKind.DOCUMENT, sentence=sentence, detail=document, by=_deadline(sentence)
        )
    if (
        meeting
        and asking
        and not _DONE.search(sentence)
        and not _CHOOSING.search(sentence)
        and not _HOW_MANY.search(sentence)
        and not _MONEY_ASKED.search(sentence)
    ):
        return Ask(kind=AskKind.MEETING, sentence=sentence)
    if _INTRODUCTION.search(sentence):
        return Ask(kind=AskKind.INTRODUCTION, sentence=sentence)
    if asking:
        return Ask(kind=AskKind.QUESTION, sentence=sentence)
    thanks = _THANKS.search(sentence)
    if thanks is None or _IN_ADVANCE.search(sentence) or _THANKS_AND_REGARDS.match(sentence):
        return None
    if _BUT.search(sentence, thanks.end()):
        return None  # "Gracias por tu mensaje, pero no estoy de acuerdo con el cargo"
    if _COURTESY.search(sentence):
        return None
    if len(sentence.split()) >= _SHORT or re.search(r"\w", sentence[: thanks.start()]):
        return Ask(kind=AskKind.THANKS, sentence=sentence)
    return None
