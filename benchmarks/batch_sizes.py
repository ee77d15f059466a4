"""Would batching messages speed classification up? Tokens per second by batch size.

    python benchmarks/batch_sizes.py [--model gemma3-270m] [--sizes 32,64,128,256,512,1024]

Loads the model once and times one llama.cpp decode of a fixed text cut to each size (one
sequence, the whole model, the best of ``--runs``). Several messages in one call make one
bigger batch, so where the rate stops rising with the size, batching gains nothing: the
embedding reads up to 128 tokens of a message (``agent.examples.EMBED_TOKENS``). It prints
figures; it is not a test. The machine's load average is printed with them.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from agent.app import App
from models.runtime import physical_cores

TEXT = "Hello Sam, the quarterly invoice INV-2041 is attached; please confirm the delivery. "


def main() -> None:
    """Print the decode rate of the model at each batch size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="gemma3-270m", help="a registered GGUF model")
    parser.add_argument("--sizes", default="32,64,128,256,512,1024")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]

    from llama_cpp import Llama

    path = App(None).registry.get(args.model).path()
    threads = physical_cores()
    llm = Llama(
        model_path=str(path),
        n_ctx=max(sizes),
        n_batch=max(sizes),
        n_ubatch=max(sizes),
        n_threads=threads,
        n_threads_batch=threads,
        verbose=False,
    )
    tokens = llm.tokenize((TEXT * (max(sizes) // 8)).encode())
    print(f"{args.model}, {threads} threads, load average {os.getloadavg()[0]:.2f}")
    for size in sizes:
        best = float("inf")
        for _ in range(args.runs):
            llm.reset()
            started = time.perf_counter()
            llm.eval(tokens[:size])
            best = min(best, time.perf_counter() - started)
        print(f"{size:5d} tokens in one call: {size / best:6.0f} tokens/s")


if __name__ == "__main__":
    main()
