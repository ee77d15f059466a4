"""Classification throughput on the labelled dev mail: the naive way, mailagent, raw llama.cpp.

    python benchmarks/classify_throughput.py [--limit N] [--config FILE]

In one run, on the classify task's model:

1. the naive way: one chat completion per message over the whole body, a fresh context
   each time (no prefix reuse), free text up to a generous 256 tokens, library defaults;
2. mailagent: the real Pipeline storing each message in a scratch database and running the
   classify plugins (fixed instructions first and cached, the message cut to its token
   budget, the answer constrained to the schema), extraction and drafting switched off;
3. llama.cpp's raw prompt-evaluation rate on the same model.

Then the peak RSS once the draft model is loaded too. It prints figures; it is not a test.
The machine's load average is printed with them, since other work on it skews them.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from agent.app import App
from agent.costs import peak_rss_mb
from agent.message import RawMessage
from agent.parse import parse
from agent.pipeline import Pipeline
from agent.sources.local import read_mailbox

EVAL_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"
NAIVE_MAX_TOKENS = 256


def dev_messages(folder: Path, limit: int | None) -> list[tuple[str, RawMessage]]:
    """(label, message) pairs, taken from each label folder in turn so any limit is balanced."""
    labels = sorted(path for path in folder.iterdir() if path.is_dir())
    per_label = [[(label.name, raw) for raw in read_mailbox(label)] for label in labels]
    mixed = [item for row in itertools.zip_longest(*per_label) for item in row if item]
    return mixed[:limit] if limit else mixed


class Counter:
    """Counts, through the Llama instance, the prompt tokens read and the ones evaluated."""

    def __init__(self, llm: Any) -> None:
        self.llm = llm
        self.prompt = 0
        self.evaluated = 0
        self._first_eval = False

    @contextmanager
    def counting(self) -> Iterator[None]:
        """Count while inside the block."""
        generate, evaluate = self.llm.generate, self.llm.eval

        def counted_generate(tokens: list[int], **kwargs: Any) -> Any:
            self.prompt += len(tokens)
            self._first_eval = True
            return generate(tokens, **kwargs)

        def counted_eval(tokens: list[int]) -> None:
            if self._first_eval:
                self.evaluated += len(tokens)
                self._first_eval = False
            evaluate(tokens)

        self.llm.generate, self.llm.eval = counted_generate, counted_eval
        try:
            yield
        finally:
            del self.llm.generate, self.llm.eval


def naive(llm: Any, messages: list[tuple[str, RawMessage]], categories: list[str]) -> float:
    """Seconds for the naive way over ``messages``; prints its accuracy."""
    system = (
        "You are an email classifier. Classify the email into one of these categories: "
        f"{', '.join(categories)}. Reply with the category."
    )
    room = llm.n_ctx() - NAIVE_MAX_TOKENS - len(llm.tokenize(system.encode())) - 32
    right = 0
    started = time.perf_counter()
    for label, raw in messages:
        message = parse(raw)
        body = f"Subject: {message.subject}\nFrom: {message.header('From')}\n\n{message.text}"
        tokens = llm.tokenize(body.encode(), add_bos=False)
        if len(tokens) > room:  # a real tool would fail on the overflow; cut to fit instead
            body = llm.detokenize(tokens[:room]).decode("utf-8", errors="ignore")
        llm.reset()
        reply = llm.create_chat_completion(
            messages=[{"role": "system", "content": system}, {"role": "user", "content": body}],
            max_tokens=NAIVE_MAX_TOKENS,
        )
        text = str(reply["choices"][0]["message"]["content"] or "").lower()
        named = sorted((text.find(c), c) for c in categories if c in text)
        right += bool(named) and named[0][1] == label
    elapsed = time.perf_counter() - started
    print(f"  accuracy {right}/{len(messages)}")
    return elapsed


def mailagent(pipeline: Pipeline, messages: list[tuple[str, RawMessage]]) -> float:
    """Seconds for the pipeline over ``messages``; prints its accuracy."""
    right = errors = 0
    started = time.perf_counter()
    for label, raw in messages:
        outcome = pipeline.process(raw)
        errors += len(outcome.errors)
        right += bool(outcome.classification) and outcome.classification.category == label  # type: ignore[union-attr]
    elapsed = time.perf_counter() - started
    print(f"  accuracy {right}/{len(messages)}, {errors} plugin errors")
    return elapsed


def raw_rate(llm: Any, text: str, batch: int = 512, runs: int = 3) -> float:
    """llama.cpp's prompt evaluation in tokens per second: one full batch, best of ``runs``."""
    tokens = (llm.tokenize(text.encode()) * batch)[:batch]
    best = float("inf")
    for _ in range(runs):
        llm.reset()
        started = time.perf_counter()
        llm.eval(tokens)
        best = min(best, time.perf_counter() - started)
    llm.reset()
    return batch / best


def load() -> str:
    """The 1-minute load average and the core count."""
    return f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"


def timed(label: str, run: Callable[[], float]) -> float:
    """Run one phase, printing its name and the machine's load around it."""
    print(f"{label} ({load()})")
    seconds = run()
    print(f"  {seconds:.1f} s ({load()})")
    return seconds


def main() -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="Only the first N messages, balanced by label.")
    parser.add_argument("--config", help="mailagent config file (default: the usual lookup).")
    parser.add_argument("--eval-dir", type=Path, default=EVAL_DIR, help="Labelled .eml folders.")
    parser.add_argument(
        "--threads", type=int, default=0, help="CPU threads (default: [inference] threads)."
    )
    options = parser.parse_args()
    if not options.eval_dir.is_dir():
        print(f"skipped: {options.eval_dir} is absent (the shared evaluation mail)")
        return 0

    app = App(options.config)
    scratch = tempfile.TemporaryDirectory()
    app.config.storage.url = f"sqlite:///{scratch.name}/benchmark.db"
    app.config.plugins.disabled = [*app.config.plugins.disabled, "extract-model", "draft"]
    app.config.inference.threads = options.threads or app.config.inference.threads
    messages = dev_messages(options.eval_dir, options.limit)
    spec = app.registry.spec_for_task("classify")
    llm = app.pool.backend(spec).llm  # type: ignore[attr-defined]
    n = len(messages)
    print(
        f"{n} messages from {options.eval_dir}; classify model {spec.name}, "
        f"n_ctx {llm.n_ctx()}, {llm.context_params.n_threads} threads"
    )

    naive_s = timed("1. naive", lambda: naive(llm, messages, list(app.config.categories)))
    pipeline = app.pipeline()
    counter = Counter(llm)
    with counter.counting():
        mailagent_s = timed("2. mailagent", lambda: mailagent(pipeline, messages))
    sample_text = "\n".join(parse(raw).text for _, raw in messages[:20])
    raw_tps = 512 / timed("3. raw prompt evaluation", lambda: 512 / raw_rate(llm, sample_text))

    draft = app.registry.spec_for_task("draft")
    app.pool.backend(draft).truncate(sample_text, 64)

    naive_rate, mailagent_rate = n / naive_s, n / mailagent_s
    read_rate = counter.prompt / mailagent_s
    evaluated_rate = counter.evaluated / mailagent_s
    print()
    print(f"naive:      {naive_rate:.3f} messages/s")
    print(f"mailagent:  {mailagent_rate:.3f} messages/s")
    print(f"speed-up:   {mailagent_rate / naive_rate:.1f}x (goal >= 5x)")
    print(f"raw prompt evaluation: {raw_tps:.0f} tokens/s")
    print(
        f"mailagent prompt tokens read: {read_rate:.0f} tokens/s = {read_rate / raw_tps:.2f} "
        f"of raw (goal >= 0.8); {counter.prompt / max(counter.evaluated, 1):.1f} read per "
        "token evaluated, the rest from the instructions' cache"
    )
    print(
        f"mailagent prompt tokens evaluated: {evaluated_rate:.0f} tokens/s = "
        f"{evaluated_rate / raw_tps:.2f} of raw (the rest of the time: generating the answer)"
    )
    peak = peak_rss_mb()
    print(f"peak RSS with {spec.name} and {draft.name} loaded: {peak:.0f} MB")
    app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
