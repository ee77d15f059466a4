"""Labelled examples: what the learning classifiers compare a message with.

An example is a message the user labelled (``mailagent learn``) or corrected (``mailagent
messages relabel``), kept as the classify model's embedding of it and its word tokens. The
agent loads them from the database into an :class:`ExampleSet` and hands that value to the
classifiers, which never touch the database. Embeddings belong to one model file: examples
made with another model (another sha256) are not loaded, and ``mailagent learn`` rebuilds them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from agent.domains import of_address
from agent.language import register
from agent.message import Message
from agent.signals import as_tokens, signals
from models.runtime import ModelHandle

EMBED_TOKENS = 128
"""Tokens of a message the embedding reads: key headers, then the start of the new text.

Chosen on ``bench --split validation`` (Gemma 3 270M, 57 messages): 128 tokens gave
macro-F1 0.846 and junk accuracy 0.983, 192 gave 0.830 / 0.965, 256 gave 0.813 / 0.983;
the model pass costs about half of what 256 did."""

EMBED_QUESTION = (
    "Question: is this email spam, phishing, a newsletter, a mailing list post, work mail or "
    "personal mail?\nAnswer: this email is"
)
"""Asked after the message, so the model's states over it summarise what the message is.

A fixed text, whatever categories are configured: it only steers what the embedding
describes, and changing it would invalidate every stored example. With it, a softmax
regression over the embeddings went from macro-F1 0.77 to 0.83 on ../shared/eval/dev
(Gemma 3 270M, 5-fold), at the same cost: one pass over the message either way.
"""

EMBED_FEATURES = "email+question-mid-layers-128-v3"
"""Names how examples were embedded; examples embedded another way are not loaded.

v2: the llama.cpp backend reads two middle layers instead of the last one
(``models.backends.hidden_states``).
"""

_WORD = re.compile(r"[^\W_][\w'$€£%.-]*[^\W_]|[^\W_]", re.UNICODE)
_URL = re.compile(r"https?://([^\s/<>\"')\]]+)", re.I)
_MAX_TOKENS = 400
_TEXT_CHARS = 6000
REGISTER_PREFIX = "register:"
"""The token naming a mail's register (``register:formal``, ``register:familiar``)."""


def embedding_text(message: Message) -> str:
    """What the model embeds: sender, recipients, subject, attachment names, new text."""
    lines = [
        "Email:",
        f"From: {message.sender or ''}",
        f"To: {', '.join(str(a) for a in message.to[:3])}",
        f"Subject: {message.subject}",
    ]
    if message.attachments:
        names = ", ".join(item.filename or item.content_type for item in message.attachments)
        lines.append(f"Attachments: {names}")
    body = message.new_text or message.quoted_text
    return "\n".join(lines) + "\n\n" + " ".join(body[:_TEXT_CHARS].split())


def tokens(message: Message) -> list[str]:
    """The word tokens a token-statistics classifier counts, as SpamAssassin's Bayes does.

    Subject and body words, the sender's domain and display name, link domains, a few
    structural marks, the message's signals (``agent.signals``) and the register of German,
    French or Spanish mail (``agent.language.register``). Relay and id headers
    (Received, Message-ID...) are left out on purpose: they describe where a corpus was
    collected more than what a message is.
    """
    found: list[str] = []
    found += [f"s:{word}" for word in _words(message.subject)]
    if message.sender:
        found.append(f"from:{of_address(message.sender.email)}")
        found += [f"fromname:{word}" for word in _words(message.sender.name)]
    recipients = len(message.to) + len(message.cc)
    found.append(f"mark:recipients-{min(recipients, 5)}")
    found.append("mark:html" if message.html else "mark:plain")
    if message.quoted_text:
        found.append("mark:quotes")
    found += header_marks(message)
    found += as_tokens(signals(message))
    found += [f"att:{item.content_type}" for item in message.attachments]
    body = (message.new_text or message.quoted_text)[:_TEXT_CHARS]
    said = register(body)
    found += [f"{REGISTER_PREFIX}{said}"] if said else []
    found += [f"url:{host.lower().split(':')[0]}" for host in _URL.findall(body)[:20]]
    found += _words(_URL.sub(" ", body))[:_MAX_TOKENS]
    return found


def is_header_mark(token: str) -> bool:
    """Whether ``token`` is one of :func:`header_marks`' (to find them among stored tokens)."""
    return token == "mark:reply" or token.startswith("hdr:")


def header_marks(message: Message) -> list[str]:
    """The tokens that mark a reply and list, bulk or auto-submitted headers."""
    found = ["mark:reply"] if message.in_reply_to or message.references else []
    for name in ("List-Id", "List-Unsubscribe", "List-Post", "Precedence", "Auto-Submitted"):
        if message.header(name):
            found.append(f"hdr:{name.lower()}")
    return found


def _words(text: str) -> list[str]:
    return [word.lower()[:30] for word in _WORD.findall(text) if len(word) <= 40]


def embed_message(message: Message, model: ModelHandle) -> np.ndarray:
    """The classify model's embedding of ``message``, as the examples store it."""
    vector = model.embed(embedding_text(message), EMBED_TOKENS, EMBED_QUESTION)
    return np.asarray(vector, dtype=np.float32)


@dataclass(frozen=True)
class Example:
    """One labelled message as the classifiers see it."""

    label: str
    vector: np.ndarray
    tokens: tuple[str, ...]
    source: str = "learned"
    """``learned`` (imported from a labelled folder), ``corrected`` (a relabelled message) or
    ``starter`` (the bundled starter set)."""

    @property
    def own(self) -> bool:
        """Whether the user labelled it (learned or corrected), not the starter set."""
        return self.source != "starter"


@dataclass(frozen=True)
class ExampleSet:
    """The labelled examples of one classify model, as one value handed to the classifiers.

    ``model_sha256`` names the model file whose embeddings ``vectors`` holds; a classifier
    must not compare them with another model's embeddings. ``version`` changes whenever the
    set does, so classifiers can cache what they learn from it.
    """

    model_name: str = ""
    model_sha256: str = ""
    examples: tuple[Example, ...] = ()
    version: str = ""
    own_in_whole: int | None = None
    """For a fold taken out of a set (:meth:`without`), how many of the whole set's examples
    are the user's own, so that a classifier fitting by that count fits each fold as the
    whole set (cross-fitting then learns from votes like those it will combine)."""
    _cache: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def __len__(self) -> int:
        return len(self.examples)

    @property
    def own(self) -> int:
        """How many of the examples are the user's own (of the whole set, for a fold)."""
        if self.own_in_whole is not None:
            return self.own_in_whole
        return sum(example.own for example in self.examples)

    @property
    def labels(self) -> list[str]:
        """The label of each example, in order."""
        return [example.label for example in self.examples]

    def matrix(self) -> np.ndarray:
        """The embeddings as one (examples x dimensions) array."""
        if not self.examples:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([example.vector for example in self.examples]).astype(np.float32)

    def cached(self, key: str, build: object) -> object:
        """A value built once per set (``build()``), e.g. a model a classifier learned."""
        if key not in self._cache:
            assert callable(build)
            self._cache[key] = build()
        return self._cache[key]

    @classmethod
    def of(
        cls, examples: Iterable[Example], model_name: str = "", model_sha256: str = ""
    ) -> ExampleSet:
        """A set of ``examples`` with a version derived from their count and labels."""
        items = tuple(examples)
        version = f"{len(items)}:{hash(tuple(e.label for e in items)) & 0xFFFFFFFF:x}"
        return cls(
            model_name=model_name, model_sha256=model_sha256, examples=items, version=version
        )

    def without(self, indices: Sequence[int]) -> ExampleSet:
        """This set less the examples at ``indices`` (for cross-validation)."""
        drop = set(indices)
        fold = ExampleSet.of(
            (e for i, e in enumerate(self.examples) if i not in drop),
            self.model_name,
            self.model_sha256,
        )
        return replace(fold, own_in_whole=self.own)
