"""Drafting benchmark: drafts for mail that really got a reply, against the reply sent.

Pairs come from replies that quote the message they answer (by default the work and
personal mail of ../shared/eval/dev, Enron, and the cases written for this benchmark in
benchmarks/draft_cases). For each pair the incoming message is the quoted original; every
method drafts a reply to it, and each draft is compared with the reply the person sent:

- no reply: how many pairs the method judged to need no reply, as mailagent does before
  drafting (the person did reply to each: these are misses, and make no draft); the model
  methods draft every pair, as mailagent did before;
- pass: of the pairs the method drafts for, how many drafts pass mailagent's checks
  (agent/replies/gates; a model that gives no valid answer counts as a failed draft);
- slot: of the same pairs, how many drafts hold a slot for the user to fill;
- similarity: cosine of the classify model's embeddings of draft and real reply, centred
  on the real replies' mean (0 where no draft is made);
- shown: the same similarity counting 0 for a draft that fails the checks (mailagent shows
  no such draft, so this is how close what a person is shown comes);
- rouge-l: ROUGE-L F1 over lower-cased words, draft against the real reply;
- invented: numbers, days, months and names in the draft that the thread does not hold, per
  draft;
- latency per pair (a pair judged to need no reply takes next to none).

Methods: ``plain`` (the model with the plain drafting prompt, no past replies: mailagent's
drafting before replies were grounded), ``retrieval`` (the model, with the user's replies to
the two most similar other pairs as examples, however unlike; mailagent shows only replies
to alike mail), ``structured`` (a close past reply fitted to the
new message, else the written phrasings, no model), and ``mailagent`` (what a user gets:
each drafting plugin in turn until one passes the checks, else a skeleton), and ``echo``
(a reference point, not a draft: the incoming mail's own text sent back, to show how much
of a method's similarity copying the mail alone earns). Retrieval is leave-one-out: a
pair's own reply is never among its examples.

    python benchmarks/drafts.py [--pairs DIR ...] [--models smollm2-135m,/srv/m/qwen.gguf]
                                [--limit N] [--show K]
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EVAL_DEV = ROOT.parent / "shared" / "eval" / "dev"
CASES = ROOT / "benchmarks" / "draft_cases"
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from sqlalchemy import select  # noqa: E402

from agent.app import App  # noqa: E402
from agent.message import Address, Message, Origin, RawMessage  # noqa: E402
from agent.parse import parse  # noqa: E402
from agent.pipeline import Pipeline  # noqa: E402
from agent.replies.asks import read_asks  # noqa: E402
from agent.replies.gates import SLOT, check, invented  # noqa: E402
from agent.replies.memory import PastReply, similar_replies, voice_of  # noqa: E402
from agent.replies.templates import sign  # noqa: E402
from agent.results import Classification, DraftReply, Extraction  # noqa: E402
from agent.store import message_fields  # noqa: E402
from plugins import draft as model_draft  # noqa: E402
from plugins import draft_memory, draft_templates  # noqa: E402
from storage import queries  # noqa: E402
from storage.tables import ReplyRow  # noqa: E402

METHODS = ("plain", "retrieval", "structured", "mailagent", "echo")
ACCOUNT = "local"
_HEADER = re.compile(r"^\s*(from|sent|to|cc|subject|date)\s*:\s*(.*)$", re.I)
_ORIGINAL = re.compile(r"-{2,}\s*original message\s*-{2,}|^on .{5,200} wrote:\s*$", re.I | re.M)
_FORWARD = re.compile(r"forwarded by|-{3,}\s*forwarded", re.I)
_TOKEN = re.compile(r"\w+")


@dataclass
class Pair:
    """An incoming message and the reply its recipient really sent."""

    name: str
    category: str
    incoming: Message
    reply: str


@dataclass
class Scores:
    """One method's figures over every pair."""

    passed: int = 0
    no_reply: int = 0
    """Pairs the method judged to need no reply, so drafted nothing (the person did reply)."""
    slots: int = 0
    similarity: list[float] = field(default_factory=list)
    shown: list[float] = field(default_factory=list)
    """similarity, 0 for a draft that fails the checks"""
    rouge: list[float] = field(default_factory=list)
    invented: list[int] = field(default_factory=list)
    latency: list[float] = field(default_factory=list)
    samples: list[tuple[str, str, list[str]]] = field(default_factory=list)
    """(pair, draft, what the checks found wrong with it)"""


def pairs_in(folders: Iterable[Path]) -> list[Pair]:
    """Every reply under ``folders`` (``<category>/*.eml``) that quotes what it answers."""
    found = []
    for folder in folders:
        for path in sorted(folder.glob("*/*.eml")):
            category = path.parent.name
            if category not in ("work", "personal"):
                continue
            reply = parse(RawMessage(path.read_bytes(), Origin(ACCOUNT, "bench")))
            pair = _pair(path.stem, category, reply)
            if pair is not None:
                found.append(pair)
    return found


def _pair(name: str, category: str, reply: Message) -> Pair | None:
    """The quoted original of ``reply`` as an incoming message, with the reply's own text."""
    if _FORWARD.search(reply.new_text) or _FORWARD.search(reply.quoted_text[:300]):
        return None
    if not _ORIGINAL.search(reply.quoted_text) or len(_TOKEN.findall(reply.new_text)) < 3:
        return None
    before_original = _ORIGINAL.split(reply.quoted_text, maxsplit=1)[0]
    if any(_HEADER.match(line) for line in before_original.splitlines()):
        return None  # the reply answers a Notes-style quote above the marked original
    lines = [re.sub(r"^\s*>\s?", "", line) for line in reply.quoted_text.splitlines()]
    start = next((i for i, line in enumerate(lines) if _ORIGINAL.search(line)), -1) + 1
    headers: dict[str, str] = {}
    body: list[str] = []
    for line in lines[start:]:
        if _ORIGINAL.search(line):
            break
        header = _HEADER.match(line)
        if header and not body:
            headers[header.group(1).lower()] = header.group(2).strip()
        elif line.strip() or body:
            body.append(line)
    text = "\n".join(body).strip()
    if len(_TOKEN.findall(text)) < 5:
        return None
    sender = _address(headers.get("from", "")) or (reply.to[0] if reply.to else None)
    incoming = Message(
        message_id=f"<{name}@bench.invalid>",
        subject=headers.get(
            "subject", re.sub(r"^\s*(re|fw|fwd)\s*:\s*", "", reply.subject, flags=re.I)
        ),
        sender=sender,
        to=(reply.sender,) if reply.sender else (),
        cc=(),
        reply_to=(),
        date=None,
        in_reply_to="",
        references=(),
        thread_key=name,
        headers=(),
        new_text=text,
        quoted_text="",
        signature="",
        html=False,
        attachments=(),
        defects=(),
        size=len(text),
        sha256=name,
    )
    return Pair(name=name, category=category, incoming=incoming, reply=reply.new_text.strip())


def _address(value: str) -> Address | None:
    """``Name [SMTP:x@y]``, ``Name <x@y>`` or ``Last, First`` as an Address."""
    email = re.search(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", value)
    name = re.sub(r"[\[<(].*$", "", value).strip().strip('"')
    if not name and not email:
        return None
    if email is None:
        return Address(name=name, email=f"{name.split()[0].lower()}@example.invalid")
    return Address(name=name, email=email.group(0))


def rouge_l(candidate: str, reference: str) -> float:
    """ROUGE-L F1: the longest common subsequence of words, over both lengths."""
    a = [w.lower() for w in _TOKEN.findall(candidate)]
    b = [w.lower() for w in _TOKEN.findall(reference)]
    if not a or not b:
        return 0.0
    previous = [0] * (len(b) + 1)
    for word in a:
        current = [0]
        for j, other in enumerate(b):
            current.append(previous[j] + 1 if word == other else max(previous[j + 1], current[j]))
        previous = current
    lcs = previous[-1]
    if not lcs:
        return 0.0
    precision, recall = lcs / len(a), lcs / len(b)
    return 2 * precision * recall / (precision + recall)


def run(pairs: list[Pair], model: str, methods: tuple[str, ...], show: int) -> dict[str, Scores]:
    """Draft every pair with every method on ``model`` (a registered name or a GGUF file's
    path); the figures per method."""
    scores = {method: Scores() for method in methods}
    model_name, registration = _registered(model)
    with tempfile.TemporaryDirectory() as scratch:
        config = Path(scratch) / "config.toml"
        config.write_text(
            f'[storage]\nurl = "sqlite:///{scratch}/bench.db"\n{registration}'
            f'[tasks]\ndraft = ["{model_name}"]\n[learning]\nstarter_examples = false\n'
            '[drafting]\nname = "Pat"\n'
        )
        app = App(config)
        try:
            pipeline = app.pipeline()
            stored = _store(app, pipeline, pairs)
            embedder = pipeline.models.handle("classify")
            # Small models' mean-pooled states all point one way: centre on the replies' mean.
            center = np.mean([_vector(embedder, pair.reply) for pair in pairs], axis=0)
            for pair, message in zip(pairs, stored, strict=True):
                classification = Classification(category=pair.category, confidence=1.0)
                past = [
                    p
                    for p in similar_replies(app.db, embedder, ACCOUNT, message, limit=4)
                    if p.reply_text != pair.reply
                ][:3]
                for method in methods:
                    started = time.perf_counter()
                    with _without_own_reply(app, pair):
                        body = _draft(method, pipeline, message, classification, past)
                    elapsed = time.perf_counter() - started
                    if body is None:
                        scores[method].no_reply += 1
                    problems = _score(
                        scores[method],
                        pipeline,
                        message,
                        pair,
                        body or "",
                        elapsed,
                        embedder,
                        center,
                        past,
                    )
                    if len(scores[method].samples) < show and body:
                        scores[method].samples.append((pair.name, body, problems))
        finally:
            app.close()
    return scores


def _registered(model: str) -> tuple[str, str]:
    """A model's name in the registry, and the config entry that registers it when ``model``
    is the path of a GGUF file (as a user registers a bigger model)."""
    if not model.endswith(".gguf"):
        return model, ""
    path = Path(model).resolve()
    if not path.is_file():
        sys.exit(f"no such model file: {path}")
    name = re.sub(r"[^\w-]", "-", path.stem)
    return name, f'[models.{name}]\npath = "{path}"\n'


def _store(app: App, pipeline: Pipeline, pairs: list[Pair]) -> list[Message]:
    """Each incoming message stored (so drafting sees it as mail), each real reply kept."""
    stored = []
    with app.db.session() as session:
        folder = queries.folder(session, ACCOUNT, "bench")
        for pair in pairs:
            row = queries.add_message(session, folder, message_fields(pair.incoming))
            row.state, row.category = "processed", pair.category
            stored.append(dataclasses.replace(pair.incoming, db_id=row.id))
            queries.add_reply(
                session,
                account=ACCOUNT,
                source="sent",
                reply_key=pair.name,
                answered_sender=pair.incoming.sender.email if pair.incoming.sender else "",
                answered_subject=pair.incoming.subject,
                answered_text=pair.incoming.new_text,
                reply_text=pair.reply,
                date=None,
            )
    return stored


def _draft(
    method: str,
    pipeline: Pipeline,
    message: Message,
    classification: Classification,
    past: list[PastReply],
) -> str | None:
    """One method's draft of a reply to ``message`` ("" when it makes none, None when it
    judges that the mail needs no reply, as mailagent does before drafting)."""
    if method == "mailagent":
        # as of the day the mail came, as the real reply was: not years late
        day = message.date.date() if message.date else date.today()
        pipeline.drafting.today = lambda: day
        drafted = pipeline.drafting.draft(message, classification, Extraction())
        return drafted.reply.body if drafted.reply else None
    if method == "echo":
        return message.new_text
    voice = pipeline.config.drafting
    asks = read_asks(message, classification.category, set())
    answer: DraftReply | None
    if method == "structured":
        if not asks.needs_reply:
            return None
        answer = draft_memory.draft_reply(message, past, {}) or draft_templates.draft_reply(
            message, classification, asks, past
        )
    else:
        try:
            answer = model_draft.draft_reply(
                message,
                [],
                past if method == "retrieval" else [],
                pipeline.models.handle("draft"),
                voice,
                0,
                {"min_parameters": 0, "min_similarity": -1.0},
            )
        except Exception as error:  # a model that gives no valid answer drafts nothing
            print(f"  {method}: {error}", file=sys.stderr)
            answer = None
    if answer is None:
        return ""
    return sign(answer.body, voice_of(past), message, voice.name, voice.signature)


def _score(
    scores: Scores,
    pipeline: Pipeline,
    message: Message,
    pair: Pair,
    body: str,
    elapsed: float,
    embedder: Any,
    center: np.ndarray,
    past: list[PastReply],
) -> list[str]:
    """Add one draft's figures to ``scores``; what the checks found wrong with it (drafted
    with ``past`` at hand)."""
    scores.latency.append(elapsed)
    if not body:
        scores.similarity.append(0.0)
        scores.shown.append(0.0)
        scores.rouge.append(0.0)
        return ["no draft"]
    context = pipeline.drafting.context(message, [])
    context.draws_on(past)
    problems = check(body, context)
    if not problems:
        scores.passed += 1
    if SLOT.search(body):
        scores.slots += 1
    text = SLOT.sub(" ", body)
    known = [*context.mail_texts, *context.own_texts, *context.people, *context.standing]
    scores.invented.append(len(invented(text, known, context.language, context.elsewhere_names)))
    a = _vector(embedder, text) - center
    b = _vector(embedder, pair.reply) - center
    similarity = float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b) or 1.0))
    scores.similarity.append(similarity)
    scores.shown.append(0.0 if problems else similarity)
    scores.rouge.append(rouge_l(text, pair.reply))
    return problems


def _vector(embedder: Any, text: str) -> np.ndarray:
    return np.asarray(embedder.embed(text, 192), dtype=np.float32)


@contextmanager
def _without_own_reply(app: App, pair: Pair) -> Iterator[None]:
    """Leave-one-out: the pair's own reply is out of the user's replies while it is drafted."""
    with app.db.session() as session:
        row = session.scalars(select(ReplyRow).where(ReplyRow.reply_key == pair.name)).one()
        kept = {c.name: getattr(row, c.name) for c in ReplyRow.__table__.columns}
        session.delete(row)
    try:
        yield
    finally:
        with app.db.session() as session:
            session.add(ReplyRow(**kept))


def main() -> None:
    """Mine the pairs, draft them with every method and model, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = [str(p) for p in (EVAL_DEV, CASES) if p.is_dir()]
    parser.add_argument("--pairs", nargs="*", default=default, help="DIR/<category>/*.eml")
    parser.add_argument(
        "--models",
        default="smollm2-135m,gemma3-270m",
        help="registered model names or GGUF file paths, comma-separated",
    )
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--limit", type=int, default=0, help="at most this many pairs")
    parser.add_argument("--show", type=int, default=0, help="print this many drafts per method")
    args = parser.parse_args()
    pairs = pairs_in(Path(folder) for folder in args.pairs)
    if args.limit:
        pairs = pairs[: args.limit]
    if not pairs:
        sys.exit("no reply that quotes what it answers was found")
    print(f"{len(pairs)} pairs from {', '.join(args.pairs)}")
    methods = tuple(args.methods.split(","))
    columns = ("no reply", "pass", "slot", "similar", "shown", "rouge-l", "invented", "p50 s")
    print(f"{'model':14} {'method':11} " + " ".join(f"{c:>8}" for c in columns))
    for model in args.models.split(","):
        model_name = _registered(model)[0]
        for method, s in run(pairs, model, methods, args.show).items():
            drafted = len(pairs) - s.no_reply
            print(
                f"{model_name:14} {method:11} {s.no_reply:8} {s.passed / (drafted or 1):8.0%} "
                f"{s.slots / (drafted or 1):8.0%} "
                f"{statistics.mean(s.similarity):8.3f} {statistics.mean(s.shown):8.3f} "
                f"{statistics.mean(s.rouge):8.3f} "
                f"{statistics.mean(s.invented) if s.invented else 0:8.2f} "
                f"{statistics.median(s.latency):8.2f}"
            )
            for name, body, problems in s.samples:
                print(f"    --- {name}: {'; '.join(problems) or 'passes'}")
                print("    " + body.replace("\n", "\n    "))


if __name__ == "__main__":
    main()
