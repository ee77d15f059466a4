"""Ingest throughput: ``mailagent run --once`` with models off against a raw imapclient fetch.

Appends real messages (../shared/eval and ../shared/robustness, repeated) to a private
dovecot on 127.0.0.1, then times, in one run, a plain imapclient fetch of every message and
mailagent's ingest (fetch, parse, store, header plugins; no model). Prints messages per second
for both and their ratio.

    python benchmarks/ingest.py [--count 2000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from tests.dovecot import DovecotServer, dovecot_unavailable_reason  # noqa: E402


def corpus(count: int) -> list[bytes]:
    """``count`` real messages, the shared corpora repeated as needed."""
    files = sorted(SHARED.glob("eval/*/*/*.eml")) + sorted(
        path
        for path in (SHARED / "robustness").rglob("*")
        if path.is_file() and path.suffix != ".md"
    )
    if not files:
        sys.exit(f"no messages under {SHARED}: the shared corpora are needed")
    blobs = [path.read_bytes() for path in files]
    return [blobs[index % len(blobs)] for index in range(count)]


def raw_fetch(server: DovecotServer) -> int:
    """Fetch every message of INBOX with BODY.PEEK[] in batches, as mailagent does."""
    client = server.client()
    client.select_folder("INBOX", readonly=True)
    uids = client.search(["ALL"])
    fetched = 0
    for start in range(0, len(uids), 50):
        fetched += len(client.fetch(uids[start : start + 50], ["BODY.PEEK[]"]))
    client.logout()
    return fetched


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    args = parser.parse_args()
    if reason := dovecot_unavailable_reason():
        sys.exit(reason)
    messages = corpus(args.count)
    base = Path(tempfile.mkdtemp(prefix="mailagent-bench-"))
    base.chmod(0o755)
    server = DovecotServer(base / "dovecot")
    server.start()
    try:
        client = server.client()
        started = time.perf_counter()
        for raw in messages:
            client.append("INBOX", raw)
        client.logout()
        print(f"appended {len(messages)} messages in {time.perf_counter() - started:.1f} s")

        started = time.perf_counter()
        fetched = raw_fetch(server)
        raw_seconds = time.perf_counter() - started

        config = base / "config.toml"
        config.write_text(
            f'[storage]\nurl = "sqlite:///{base / "bench.db"}"\n'
            '[plugins]\ndisabled = ["generative", "extract-model", "draft"]\n'
            "[[accounts]]\n"
            f'name = "bench"\nhost = "127.0.0.1"\nport = {server.port}\n'
            'username = "alex"\ntls = "none"\npassword_env = "BENCH_PASSWORD"\n'
            "max_message_mb = 50\n"
        )
        env = dict(os.environ, BENCH_PASSWORD=server.users["alex"])
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "agent", "--config", str(config), "run", "--once"],
            env=env,
            check=True,
        )
        agent_seconds = time.perf_counter() - started
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)

    raw_rate = fetched / raw_seconds
    agent_rate = len(messages) / agent_seconds
    print(
        f"raw imapclient fetch : {fetched} messages in {raw_seconds:.1f} s = {raw_rate:.0f} msg/s"
    )
    print(
        f"mailagent run --once : {len(messages)} messages in {agent_seconds:.1f} s "
        f"= {agent_rate:.0f} msg/s (fetch, parse, store; models off)"
    )
    print(f"ratio mailagent/raw  : {agent_rate / raw_rate:.2f}")


if __name__ == "__main__":
    main()
