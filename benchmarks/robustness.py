"""Every message of ../shared/robustness through the whole pipeline on the real default models.

Reports time and peak memory per message: the slowest messages, the time percentiles, the
peak resident memory, and any message that failed or hit the time limit.

    python benchmarks/robustness.py [--limit N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "robustness"
sys.path.insert(0, str(ROOT))

from agent.app import App  # noqa: E402
from agent.costs import peak_rss_mb  # noqa: E402
from agent.message import Origin, RawMessage  # noqa: E402
from tests.corpus import robustness_files  # noqa: E402


def main() -> None:
    """Run the corpus and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    files = robustness_files(CORPUS)
    if not files:
        sys.exit(f"{CORPUS} is absent: the robustness corpus is needed")
    files = files[: args.limit] if args.limit else files
    timings: list[tuple[float, float, str, str]] = []
    with tempfile.TemporaryDirectory() as scratch:
        config = Path(scratch) / "config.toml"
        config.write_text(f'[storage]\nurl = "sqlite:///{scratch}/robustness.db"\n')
        app = App(config)
        pipeline = app.pipeline()
        for uid, path in enumerate(files, start=1):
            started = time.perf_counter()
            outcome = pipeline.process(RawMessage(path.read_bytes(), Origin("r", "INBOX", 1, uid)))
            seconds = time.perf_counter() - started
            timings.append((seconds, peak_rss_mb(), outcome.status, str(path.relative_to(CORPUS))))
        app.close()
    seconds = [row[0] for row in timings]
    failed = [row for row in timings if row[2] != "processed"]
    print(f"messages           : {len(timings)}, {len(failed)} not processed")
    print(
        f"time per message   : p50 {statistics.median(seconds):.2f} s, "
        f"p95 {sorted(seconds)[int(0.95 * (len(seconds) - 1))]:.2f} s, max {max(seconds):.2f} s"
    )
    print(f"total              : {sum(seconds):.0f} s")
    print(f"peak RSS           : {max(row[1] for row in timings):.0f} MB")
    print("slowest:")
    for row in sorted(timings, reverse=True)[:8]:
        print(f"  {row[0]:6.2f} s  {row[1]:6.0f} MB  {row[2]:9}  {row[3]}")
    for row in failed:
        print(f"  not processed: {row[3]} ({row[2]})")


if __name__ == "__main__":
    main()
