"""The drafting plugin's prompt: the user's voice in the instructions, mail only as data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from agent.config import DraftingConfig
from agent.message import Origin, RawMessage
from agent.parse import parse
from agent.sources.local import sample_mailbox
from models.config import TaskBudget
from plugins import draft


@dataclass
class RecordingModel:
    """Stands in for a ModelHandle: records what the plugin asks, answers a fixed reply."""

    budget: TaskBudget = field(default_factory=TaskBudget)
    asked: list[tuple[str, str]] = field(default_factory=list)

    def fit(self, text: str, max_tokens: int | None = None) -> str:
        return text[: (max_tokens or 512) * 4]

    def structured(self, schema: Any, instructions: str, data: str) -> Any:
        self.asked.append((instructions, data))
        return schema(body="Saturday at nine works for me, see you at the trailhead.")


def thread_messages() -> list[Any]:
    paths = sorted(sample_mailbox().glob("0[678]-thread-*.eml"))
    return [parse(RawMessage(path.read_bytes(), Origin("t", "t"))) for path in paths]


def test_the_voice_is_in_the_instructions_and_the_mail_only_in_the_data() -> None:
    *earlier, last = thread_messages()
    voice = DraftingConfig(name="Alex Morgan", signature="-- \nAlex", tone="warm and brief")
    model = RecordingModel()
    reply = draft.draft_reply(message=last, thread=earlier, model=model, voice=voice)  # type: ignore[arg-type]
    instructions, data = model.asked[0]
    assert "You are Alex Morgan" in instructions and "warm and brief" in instructions
    assert last.subject not in instructions  # mail text never reaches the instructions
    assert last.subject in data and earlier[0].new_text[:40] in data
    assert all(str(m.sender) in data for m in earlier)
    assert reply.body.endswith("-- \nAlex")


def test_without_a_signature_the_draft_is_signed_with_the_name() -> None:
    *_, last = thread_messages()
    model = RecordingModel()
    reply = draft.draft_reply(  # type: ignore[arg-type]
        message=last, thread=[], model=model, voice=DraftingConfig(name="Alex Morgan")
    )
    assert reply.body.endswith("\n\nAlex Morgan")
