"""The register classifier: how German, French and Spanish mail addresses its reader tells
work from personal mail, by what the examples show."""

from __future__ import annotations

import numpy as np
import pytest

from agent.config import Category
from agent.examples import Example, ExampleSet, tokens
from agent.language import register
from agent.learning import starter_files
from agent.message import Message, Origin, RawMessage
from agent.parse import parse
from plugins import register as register_plugin

CATEGORIES = {name: Category(description=name) for name in ("phishing", "work", "personal")}


def mail(body: str) -> Message:
    raw = f"From: a@example.org\nTo: me@example.com\nSubject: hello\n\n{body}\n".encode()
    return parse(RawMessage(raw, Origin("test", "INBOX")))


ENQUIRY = mail(
    "Bonjour Madame,\n\nPourriez-vous m'indiquer vos tarifs pour une séance individuelle ? "
    "Je vous remercie par avance de votre réponse.\n\nCamille Durand"
)
FRIEND = mail(
    "Coucou !\n\nTu viens samedi ? Je t'attends avec ta sœur, on fera des crêpes.\n\nBises"
)


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("Pourriez-vous m'envoyer votre devis ? Je vous remercie.", "formal"),
        ("Können Sie mir bitte Ihre Preise für den Kurs schicken? Vielen Dank.", "formal"),
        (
            "Buenos días, ¿podría usted enviarme su presupuesto para el taller? Un cordial saludo.",
            "formal",
        ),
        ("Tu viens samedi ? Je t'attends avec ta sœur.", "familiar"),
        ("Hast du am Sonntag Zeit? Ich ruf dich an, wenn ich da bin.", "familiar"),
        ("¿Cuándo vienes? Tu tía te espera con los primos, que están muy contentos.", "familiar"),
        ("Could you send me your prices for the course? Thanks.", None),
        ("Merci pour ton message, et merci pour votre accueil.", None),
        (  # the fortieth trial: "vous" to a couple, from a friend
            "Salut Maren, salut Anders,\n\nVous pourriez venir ? Si oui, vous dormez chez nous, "
            "le canapé-lit est à vous. Dites-moi si vous pensez venir !\n\nBises,\nJulien",
            "familiar",
        ),
        ("¿Podrían ustedes venir el sábado? Nos hace mucha ilusión.\n\nBesos,\nNuria", "familiar"),
    ],
)
def test_the_register_of_mail_clearly_in_german_french_or_spanish(
    body: str, said: str | None
) -> None:
    assert register(body) == said


def examples(
    formal_work: int, familiar_personal: int, familiar_work: int = 1, others: int = 3
) -> ExampleSet:
    """Work examples that say vous, personal ones that say tu, work mail that says tu, and
    phishing and more mail without a register."""
    made = [("work", "register:formal")] * formal_work
    made += [("work", "register:familiar")] * familiar_work
    made += [("personal", "register:familiar")] * familiar_personal
    made += [(label, "w") for label in CATEGORIES for _ in range(others)]
    vector = np.zeros(8, np.float32)
    return ExampleSet.of([Example(label, vector, ("w", token)) for label, token in made])


def test_formal_mail_is_work_rather_than_personal_and_no_nearer_junk() -> None:
    vote = register_plugin.classify(ENQUIRY, CATEGORIES, examples(5, 5), {})
    assert vote is not None and vote.category == "work"
    # (5 + 1) / (6 + 2) of work examples, (0 + 1) / (5 + 2) of personal ones say vous
    assert vote.scores["work"] / vote.scores["personal"] == pytest.approx(0.75 / (1 / 7), 0.01)
    assert vote.scores["phishing"] == vote.scores["work"]  # only away from personal
    assert "formally; examples with a register: work 5 of 6, personal 0 of 5" in vote.evidence[0]


def test_familiar_mail_gets_no_vote() -> None:
    """Clients write du, tu and tú too: the 35th blind trial's Spanish client ("Te escribo
    de parte de un grupo de seis amigos") went to personal while familiar mail counted."""
    assert register_plugin.classify(FRIEND, CATEGORIES, examples(5, 5), {}) is None
    familiar = Example("personal", np.zeros(8, np.float32), tuple(tokens(FRIEND)))
    assert register_plugin.score_example(familiar, examples(5, 5), CATEGORIES, {}) is None


def test_what_the_examples_show_decides() -> None:
    """Where the user's family write vous and their clients tu, formal mail is personal."""
    vote = register_plugin.classify(ENQUIRY, CATEGORIES, examples(0, 0, 0, 0), {"min_examples": 0})
    assert vote is not None and vote.scores["work"] == vote.scores["personal"]
    flipped = ExampleSet.of(
        [Example("work", np.zeros(8, np.float32), ("register:familiar",))] * 4
        + [Example("personal", np.zeros(8, np.float32), ("register:formal",))] * 4
    )
    vote = register_plugin.classify(ENQUIRY, CATEGORIES, flipped, {})
    assert vote is not None and vote.category == "personal"


def test_it_abstains_without_a_register_or_enough_examples() -> None:
    assert (
        register_plugin.classify(mail("Are you free on Sunday?"), CATEGORIES, examples(5, 5), {})
        is None
    )
    assert register_plugin.classify(ENQUIRY, CATEGORIES, examples(1, 1), {}) is None
    no_personal = {name: CATEGORIES[name] for name in ("phishing", "work")}
    assert register_plugin.classify(ENQUIRY, no_personal, examples(5, 5), {}) is None


def test_an_example_is_scored_as_its_message_would_be_classified() -> None:
    learned_from = examples(5, 5)
    example = Example("work", np.zeros(8, np.float32), tuple(tokens(ENQUIRY)))
    scored = register_plugin.score_example(example, learned_from, CATEGORIES, {})
    vote = register_plugin.classify(ENQUIRY, CATEGORIES, learned_from, {})
    assert scored is not None and vote is not None
    assert {c: round(p, 4) for c, p in scored.items()} == vote.scores


def test_the_starter_set_teaches_a_new_install_that_vous_is_work() -> None:
    """The thirty-third and thirty-fourth trials' French and Spanish clients ("Pourriez-vous
    m'indiquer vos tarifs", a studio booked "para un cumpleaños" with usted) were sorted as
    personal on a new install; the bundled starter set's work mail says vous, Sie and
    usted, and none of its family mail does."""
    categories = {name: Category(description=name) for name in ("work", "personal", "spam")}
    starter = [
        Example(
            label,
            np.zeros(8, np.float32),
            tuple(tokens(parse(RawMessage(path.read_bytes(), Origin("starter", label))))),
        )
        for label, path in starter_files(categories)
    ]
    learned_from = ExampleSet.of(starter)
    formal = register_plugin.classify(ENQUIRY, categories, learned_from, {})
    assert formal is not None and formal.category == "work"
    assert formal.scores["personal"] < formal.scores["spam"] == formal.scores["work"]
