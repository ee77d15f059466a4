"""The typed values plugins return: classification votes, extracted fields, drafted replies."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Vote(BaseModel):
    """One classifier's answer for a message, with the evidence it rests on."""

    model_config = ConfigDict(extra="forbid")

    category: str
    confidence: float = Field(ge=0.0, le=1.0)
    urgent: bool = False
    evidence: list[str] = []
    scores: dict[str, float] = {}
    """Optionally, the plugin's probability for every category (summing to 1); the
    combination uses it instead of spreading ``1 - confidence`` evenly over the others."""


class Classification(BaseModel):
    """The combined verdict of every classifier that voted."""

    model_config = ConfigDict(extra="forbid")

    category: str
    confidence: float = Field(ge=0.0, le=1.0)
    urgent: bool = False
    votes: dict[str, Vote] = {}
    """Each plugin's vote, by plugin name."""
    combination: list[str] = []
    """How the votes were combined: the learned combination's reading of its witnesses
    (``agent.stacking``) and the hand weights of the other votes."""
    settled: bool = False
    """The classifiers that need no model were sure enough (``[combination] settle_at``)
    that the model was not asked."""
    set_aside: list[str] = []
    """Sentences of the mail that spoke to an AI agent (``agent.instructions``): no
    classifier saw them, so they cannot steer the verdict; shown to the reviewer."""


class Source(StrEnum):
    """Where an extracted value came from."""

    HEADER = "header"
    PARSER = "parser"
    MODEL = "model"


class Found(BaseModel):
    """One extracted value and where it came from."""

    model_config = ConfigDict(extra="forbid")

    value: str
    source: Source


class Amount(BaseModel):
    """A sum of money found in a message."""

    model_config = ConfigDict(extra="forbid")

    value: str
    """The amount as a decimal string, e.g. ``"1249.50"``."""
    currency: str
    """ISO 4217 code where known, e.g. ``"EUR"``."""
    source: Source


class Extraction(BaseModel):
    """Everything extracted from a message; each value records its source."""

    model_config = ConfigDict(extra="forbid")

    people: list[Found] = []
    organisations: list[Found] = []
    dates: list[Found] = []
    """ISO 8601 dates or date-times mentioned in the message."""
    deadlines: list[Found] = []
    """ISO 8601 dates by which something is asked for."""
    amounts: list[Amount] = []
    order_numbers: list[Found] = []
    invoice_numbers: list[Found] = []
    phone_numbers: list[Found] = []
    addresses: list[Found] = []
    action_items: list[Found] = []
    links: list[Found] = []
    unsubscribe: list[Found] = []
    fields: dict[str, list[Found]] = {}
    """Fields that plugins add, by name (e.g. ``tracking_numbers``)."""

    def merged(self, other: Extraction) -> Extraction:
        """Both extractions together, each value kept once (the first source wins)."""
        data = self.model_dump()
        theirs = other.model_dump()
        for name, items in theirs.pop("fields").items():
            _merge_into(data["fields"].setdefault(name, []), items)
        for name, items in theirs.items():
            _merge_into(data[name], items)
        return Extraction.model_validate(data)


def _merge_into(kept: list[dict[str, str]], items: list[dict[str, str]]) -> None:
    seen = {_key(item) for item in kept}
    for item in items:
        if _key(item) not in seen:
            kept.append(item)
            seen.add(_key(item))


def _key(item: dict[str, str]) -> tuple[str, ...]:
    return tuple(str(value).casefold() for name, value in item.items() if name != "source")


class DraftReply(BaseModel):
    """A drafted reply, waiting for a person to review it."""

    model_config = ConfigDict(extra="forbid")

    body: str = Field(min_length=1)
