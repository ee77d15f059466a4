"""What a LoRA adapter costs a model: load time, memory and speed, with and without one.

    python benchmarks/lora_cost.py [--model smollm2-135m] [--rank 16] [--threads 1] [--runs 3]

Writes an adapter of the given rank over every attention projection (q, k, v, output) of
every layer, the usual shape of a fine-tuning adapter, with random weights (the cost does
not depend on what they are), then loads the model in a fresh process each way and
measures the load, the peak RSS, the prompt-evaluation rate over a fixed text of about
300 tokens and the greedy generation rate over 64 tokens, the best of ``--runs``. It prints
figures; it is not a test. The machine's load average is printed with them, since other work
on it skews them (llama.cpp's threads wait for each other by spinning, so more threads than
idle cores slows every configuration by an order of magnitude: hence one thread by default).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from agent.app import App
from agent.costs import peak_rss_mb
from models.gguf_meta import read_info
from tests.tiny_lora import write_lora

PROJECTIONS = ("attn_q", "attn_k", "attn_v", "attn_output")
TEXT = " ".join(
    ["Hello Sam, the quarterly invoice INV-2041 is attached; please confirm the delivery"] * 20
)
GENERATED = 64


def measure(model: str, adapter: str, threads: int) -> dict[str, float]:
    """Load ``model`` (with ``adapter`` unless empty) here and time it; for a child process."""
    from llama_cpp import Llama

    started = time.perf_counter()
    llm = Llama(
        model_path=model,
        n_ctx=1024,
        n_threads=threads,
        n_threads_batch=threads,
        lora_path=adapter or None,
        verbose=False,
    )
    loaded = time.perf_counter() - started
    tokens = llm.tokenize(TEXT.encode())
    started = time.perf_counter()
    llm.eval(tokens)
    prompt = len(tokens) / (time.perf_counter() - started)
    started = time.perf_counter()
    for _ in range(GENERATED):
        llm.eval([llm.sample(temp=0.0)])
    generation = GENERATED / (time.perf_counter() - started)
    peak_mb = peak_rss_mb()
    return {"load_s": loaded, "peak_rss_mb": peak_mb, "prompt_tps": prompt, "gen_tps": generation}


def run(model: Path, adapter: Path | None, threads: int, runs: int) -> dict[str, float]:
    """The best of ``runs`` runs of :func:`measure`, each in a fresh process (its own RSS)."""
    argv = [sys.executable, __file__, "--measure", str(model), str(adapter or ""), str(threads)]
    results = [
        json.loads(subprocess.run(argv, check=True, capture_output=True).stdout)
        for _ in range(runs)
    ]
    lowest = {"load_s", "peak_rss_mb"}
    return {
        key: (min if key in lowest else max)(result[key] for result in results)
        for key in results[0]
    }


def main() -> None:
    if sys.argv[1:2] == ["--measure"]:
        print(json.dumps(measure(sys.argv[2], sys.argv[3], int(sys.argv[4]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="smollm2-135m")
    parser.add_argument("--rank", type=int, default=16)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    model = App(None).registry.get(args.model).path()
    layers = read_info(model).layers
    targets = [f"blk.{n}.{p}.weight" for n in range(layers) for p in PROJECTIONS]
    with tempfile.TemporaryDirectory() as folder:
        adapter = write_lora(Path(folder) / "adapter.gguf", model, args.rank, targets=targets)
        print(
            f"{args.model}: {model.stat().st_size / 1e6:.0f} MB; adapter of rank {args.rank} "
            f"over {len(targets)} weights: {adapter.stat().st_size / 1e6:.1f} MB"
        )
        print(f"load average {os.getloadavg()[0]:.2f}; {args.threads} threads")
        for label, path in (("without", None), ("with", adapter)):
            figures = run(model, path, args.threads, args.runs)
            print(
                f"{label:>8} adapter: load {figures['load_s']:.2f} s, "
                f"peak RSS {figures['peak_rss_mb']:.0f} MB, "
                f"prompt {figures['prompt_tps']:.0f} tokens/s, "
                f"generation {figures['gen_tps']:.1f} tokens/s"
            )


if __name__ == "__main__":
    main()
