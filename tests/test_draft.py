"""The model drafting plugin's prompt: the user's voice and rules in the instructions, the
mail and the user's past replies only as data; small models are not asked to compose; and an
answer that repeats a past reply shown as an example is refused."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import pytest
from pydantic import ValidationError

from agent.config import DraftingConfig
from agent.draft_check import copied_share
from agent.message import Origin, RawMessage
from agent.parse import parse
from agent.replies.memory import PastReply
from agent.sources.local import sample_mailbox
from models.config import TaskBudget
from models.runtime import ModelHandle
from plugins import draft


@dataclass
class RecordingModel:
    """Stands in for a ModelHandle: records what the plugin asks, answers a fixed reply."""

    budget: TaskBudget = field(default_factory=TaskBudget)
    weights: int | None = None
    asked: list[tuple[str, str]] = field(default_factory=list)

    def parameters(self) -> int | None:
        return self.weights

    capable = ModelHandle.capable  # the real rule, on the weights stated above

    def fit(self, text: str, max_tokens: int | None = None) -> str:
        return text[: (max_tokens or 512) * 4]

    def structured(self, schema: Any, instructions: str, data: str, variant: int = 0) -> Any:
        self.asked.append((instructions, data))
        return schema(body="Saturday at nine works for me, see you at the trailhead.")


def thread_messages() -> list[Any]:
    paths = sorted(sample_mailbox().glob("0[678]-thread-*.eml"))
    return [parse(RawMessage(path.read_bytes(), Origin("t", "t"))) for path in paths]


PAST = PastReply(
    answered_sender="maria@example.com",
    answered_subject="Budget",
    answered_text="Can you send the licence numbers?",
    reply_text="Hey Maria, sure, they are in the sheet now. Cheers, Alex",
    similarity=0.7,
    source="sent",
)


def test_the_voice_is_in_the_instructions_and_the_mail_only_in_the_data() -> None:
    *earlier, last = thread_messages()
    voice = DraftingConfig(name="Alex Morgan", signature="-- \nAlex", tone="warm and brief")
    model = RecordingModel()
    reply = draft.draft_reply(  # type: ignore[arg-type]
        message=last,
        thread=earlier,
        past_replies=[PAST],
        model=model,
        voice=voice,
        variant=0,
        settings={},
    )
    instructions, data = model.asked[0]
    assert "You are Alex Morgan" in instructions and "warm and brief" in instructions
    assert last.subject not in instructions  # mail text never reaches the instructions
    assert last.subject in data and earlier[0].new_text[:40] in data
    assert all(str(m.sender) in data for m in earlier)
    assert "The user replied: Hey Maria, sure, they are in the sheet now." in data
    # mailagent signs the reply, not the plugin
    assert (
        reply is not None
        and reply.body == "Saturday at nine works for me, see you at the trailhead."
    )


def test_a_model_too_small_to_compose_is_not_asked() -> None:
    *_, last = thread_messages()
    small = RecordingModel(weights=135_000_000)
    arguments = {"message": last, "thread": [], "past_replies": [], "voice": DraftingConfig()}
    assert draft.draft_reply(model=small, variant=0, settings={}, **arguments) is None  # type: ignore[arg-type]
    assert small.asked == []
    allowed = {"min_parameters": 100_000_000}
    assert draft.draft_reply(model=small, variant=0, settings=allowed, **arguments) is not None  # type: ignore[arg-type]


CONDOLENCES = parse(
    RawMessage(
        b"From: Maggie Cole <maggie@example.com>\r\nTo: Alex Morgan <alex@example.com>\r\n"
        b"Subject: Dad\r\n\r\nThank you for the flowers. The funeral is on Friday; I would "
        b"like you to be there if you can.\r\n",
        Origin("t", "t"),
    )
)
BABY = PastReply(
    answered_sender="liam@example.com",
    answered_subject="She's here",
    answered_text="Aoife arrived on Saturday morning, mum and baby are doing great.",
    reply_text="Congratulations on your daughter's arrival! Give her a big hug from me, "
    "I'll bring a lasagne when you're up for visitors.",
    similarity=0.6,
    source="sent",
)


@dataclass
class EchoingModel(RecordingModel):
    """Answers each request with ``answer``, through the schema the plugin asks for."""

    answer: str = ""

    def structured(self, schema: Any, instructions: str, data: str, variant: int = 0) -> Any:
        self.asked.append((instructions, data))
        return schema.model_validate({"body": self.answer})


def test_an_answer_that_repeats_a_past_reply_shown_as_an_example_is_invalid() -> None:
    # A model that copies the example (another mail's reply) answers congratulations to a
    # mail about a funeral: that fails validation, so the runtime asks it again.
    arguments = {"message": CONDOLENCES, "thread": [], "voice": DraftingConfig()}
    copier = EchoingModel(answer=f"{BABY.reply_text} Thanks!")
    with pytest.raises(ValidationError, match="repeats a past reply"):
        draft.draft_reply(model=copier, past_replies=[BABY], variant=0, settings={}, **arguments)  # type: ignore[arg-type]
    # The same words are an answer when no example showed them, and a reply that borrows a
    # phrase of the user's own is still one.
    assert draft.draft_reply(model=copier, past_replies=[], variant=0, settings={}, **arguments)  # type: ignore[arg-type]
    own_words = EchoingModel(
        answer="I'm so sorry about your dad. Of course I'll be there on Friday, "
        "give her a big hug from me."
    )
    assert draft.draft_reply(
        model=own_words, past_replies=[BABY], variant=0, settings={}, **arguments
    )  # type: ignore[arg-type]


def test_copied_share_counts_the_words_in_runs_another_text_holds() -> None:
    assert copied_share(BABY.reply_text, [BABY.reply_text]) == 1.0
    assert copied_share("See you on Friday at the church.", [BABY.reply_text]) == 0.0
    # "give her a big hug from me": 7 of the 11 words.
    share = copied_share("Sorry about your dad, give her a big hug from me.", [BABY.reply_text])
    assert share == pytest.approx(7 / 11)
    # Runs the new mail holds too are the new mail's words, not a copy of the example.
    ignored = copied_share(BABY.reply_text, [BABY.reply_text], ignore=[BABY.reply_text])
    assert ignored == 0.0


@pytest.mark.parametrize(
    ("answer", "body"),
    [
        ("Hi Maggie,\nI'll be there.\n\nWarm regards,\n[Your Name]", "Hi Maggie,\nI'll be there."),
        (
            "I'll be there on Friday.\nSincerely.\nPat Doe\nAcme Ltd\n+1 555 0100",
            "I'll be there on Friday.",
        ),
        (
            "Hi Maggie,\nThanks,\nI will be there on Friday.",
            "Hi Maggie,\nThanks,\nI will be there on Friday.",
        ),
        (
            "So sorry.\nTake care\nI will bring food on Friday.",
            "So sorry.\nTake care\nI will bring food on Friday.",
        ),
    ],
)
def test_only_a_closing_at_the_end_is_cut(answer: str, body: str) -> None:
    model = EchoingModel(answer=answer)
    arguments = {"message": CONDOLENCES, "thread": [], "past_replies": []}
    reply = draft.draft_reply(
        model=model, voice=DraftingConfig(), variant=0, settings={}, **arguments
    )  # type: ignore[arg-type]
    assert reply is not None and reply.body == body


def test_a_sign_off_the_model_writes_anyway_is_cut_since_mailagent_signs() -> None:
    model = EchoingModel(
        answer="Hi Maggie,\nOf course I'll be there on Friday.\n\nBest regards,\n[Your Name]"
    )
    arguments = {"message": CONDOLENCES, "thread": [], "past_replies": []}
    reply = draft.draft_reply(
        model=model, voice=DraftingConfig(), variant=0, settings={}, **arguments
    )  # type: ignore[arg-type]
    assert reply is not None and reply.body == "Hi Maggie,\nOf course I'll be there on Friday."


def test_only_replies_to_alike_mail_are_shown_as_examples() -> None:
    unlike = dataclasses.replace(BABY, similarity=0.34)  # the benchmark's condolences case
    arguments = {"message": CONDOLENCES, "thread": [], "voice": DraftingConfig(), "variant": 0}
    for settings, shown in [({}, False), ({"min_similarity": 0.3}, True)]:
        model = EchoingModel(answer="I'm so sorry, of course I'll be there on Friday.")
        draft.draft_reply(model=model, past_replies=[unlike], settings=settings, **arguments)  # type: ignore[arg-type]
        assert ("lasagne" in model.asked[0][1]) is shown
