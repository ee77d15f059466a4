"""Which language a mail is written in, and how it addresses its reader.

The language is one of those drafts are written in (English, French, German, Spanish), read
from frequent words. The register is how German, French and Spanish mail addresses its
reader: formally (Sie, vous, usted), as clients, offices and strangers write, or as family
and friends do (du, tu, tú). Drafts answer in the mail's language and register
(``agent.replies.templates``); the register classifier weighs it between work and personal
mail (``plugins/register.py``).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

_MARKERS = {
    "fr": {
        *("je", "tu", "vous", "nous", "est", "pour", "avec", "les", "des", "une", "merci", "pas"),
        *("bonjour", "du", "au", "mais", "très", "aussi", "pouvez", "pourriez", "votre", "bien"),
        *("salut", "coucou", "bises", "bisous", "ça", "sinon", "avez", "êtes"),
        *("à", "il", "ai", "suis", "faut", "peux", "dans", "chez", "sur"),
    },
    "de": {
        *("ich", "du", "sie", "wir", "ist", "und", "nicht", "mit", "für", "das", "die", "danke"),
        *("hallo", "bitte", "können", "auch", "aber", "sehr", "ein", "eine", "der", "den", "von"),
        *("ihr", "zum", "zur", "ob", "uns", "noch", "mal", "gerne", "wie", "moin", "grüße", "bis"),
        *("einen", "hast", "bist", "habe", "dir", "dich", "mir", "mich", "euch", "schon"),
    },
    "es": {
        *("yo", "tú", "usted", "es", "para", "con", "los", "las", "una", "gracias", "que", "por"),
        *("hola", "el", "del", "puede", "podemos", "muy", "pero", "también", "saludos", "su"),
        *("besos", "abrazo", "nos", "está", "estás"),
    },
    "en": {
        *("i", "you", "we", "is", "and", "for", "with", "the", "to", "thanks", "not", "are"),
        *("hi", "hello", "could", "please", "of", "it", "this", "have", "will", "can", "be"),
        *("at", "in", "on", "my", "me", "your"),
    },
}
"""Frequent words of each language ("de" and "la", French and Spanish both, are neither's;
"du" is French and German)."""
_MARKERS = {code: {word.casefold() for word in words} for code, words in _MARKERS.items()}
"""Compared with a text's words casefolded: "Grüße" is "grüsse"."""

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
"""A word: a run of letters."""


@lru_cache(maxsize=32)
def language(text: str) -> str:
    """The mail's language among the phrasebook's (English when unsure: a foreign word or
    name in English mail, "Café du Monde" or "Su", is outweighed by its English ones).
    Cached: a draft asks it of the same mail for its phrasebook, greeting and sign-off."""
    scores = _language_scores(text)
    best = max(scores, key=lambda code: scores[code])
    return best if scores[best] > scores["en"] else "en"


LANGUAGES = {"en": "English", "fr": "French", "de": "German", "es": "Spanish"}


def sure_language(text: str) -> str | None:
    """The phrasebook language ``text`` is clearly in: at least three of its marker words
    and twice as many as any other's (None when unsure)."""
    scores = sorted(_language_scores(text).items(), key=lambda item: -item[1])
    (best, top), (_, second) = scores[0], scores[1]
    return best if top >= 3 and top >= 2 * second else None


def _language_scores(text: str) -> dict[str, int]:
    words = Counter(word.casefold() for word in WORD.findall(text[:4000]))
    return {code: sum(words[w] for w in marks) for code, marks in _MARKERS.items()}


_FORMAL_WORDS = {
    "fr": (
        re.compile(r"\b(?:vous|votre|vos)\b", re.I),
        re.compile(r"\b(?:tu|toi|te|ton|tes)\b|\bt'", re.I),
    ),
    "de": (
        re.compile(r"(?<![.!?]\s)(?<!^)\b(?:Sie|Ihnen|Ihre?[mnrs]?)\b", re.M),
        re.compile(r"\b(?:du|dich|dir|dein\w*|euch|euer)\b", re.I),
    ),
    "es": (
        re.compile(
            r"\b(?:usted|ustedes)\b|¿\s*(?:puede|podr[íi]a)\b(?!\s+(?:ser|que)\b)"
            r"|\ble escribo\b"
            r"|¿\s*(?:quisiera|le importar[íi]a|le interesar[íi]a)\b|\ble agradecer[íi]a\b"
            r"|\breciba un (?:cordial )?saludo\b",
            re.I,
        ),
        re.compile(r"\b(?:tú|ti|contigo|te|tu|tus|os|vosotr[oa]s|vuestr[oa]s?)\b", re.I),
    ),
}
"""The words that address the reader formally, and as family and friends, per language."""
_CLOSE_WORDS = {
    "fr": re.compile(
        r"^\W*(?:salut|coucou)\b|\b(?:grosses |gros )?(?:bises|bisous|bisou)\b", re.I | re.M
    ),
    "es": re.compile(r"\b(?:besos|besitos|besote?s)\b", re.I),
}
"""The words only family and friends are greeted or signed off with: a mail holding one is
familiar, however often it says "vous" (to a couple: "Salut Maren, salut Anders ... Vous
pourriez venir ? ... Bises")."""
_QUOTED = re.compile(r"«[^»]{0,300}»|“[^”]{0,300}”|„[^“”]{0,300}[“”]")
"""Words the writer quotes (a card's message), which say nothing of how they address the
reader."""


def formality(text: str, code: str) -> int:
    """How formally ``text``, in the language ``code``, addresses its reader: its formal
    words less its familiar ones (0 for English, which has no such words), leaving out what
    it quotes (a card's «Te queremos mucho»)."""
    if code not in _FORMAL_WORDS:
        return 0
    formal, familiar = _FORMAL_WORDS[code]
    said = _QUOTED.sub(" ", text[:4000])
    score = len(formal.findall(said)) - len(familiar.findall(said))
    close = _CLOSE_WORDS.get(code)
    return min(score, -1) if close and close.search(said) else score


def register(text: str) -> str | None:
    """``formal`` or ``familiar`` for mail clearly in German, French or Spanish that
    addresses its reader one way more than the other; None otherwise."""
    code = sure_language(text)
    score = formality(text, code) if code else 0
    return "formal" if score > 0 else "familiar" if score < 0 else None
