"""SpamAssassin against mailagent on the same messages: junk-versus-legitimate accuracy and speed.

Usage::

    python benchmarks/vs_spamassassin.py TEST_DIR [--train TRAIN_DIR] [--model gemma3-270m]

Both folders hold ``<category>/*.eml``; spam and phishing are junk, everything else is
legitimate. Without ``--train``, each label of TEST_DIR is split in two halves: one to learn
from, one to measure on. SpamAssassin is Debian's (``apt-get install spamassassin spamc
spamd``): ``spamd`` listens on 127.0.0.1 only and runs local tests only (no network tests),
its Bayes learned with ``sa-learn`` from the same training messages mailagent learns from
(active from 10 messages of each kind instead of 200, so that it counts on small folders),
at its default threshold (5.0). Everything lives in a temporary directory.

Measured on ../shared/eval/dev split in halves (120 / 120), in one run on an otherwise idle
2-core machine: SpamAssassin 4.0.1 junk-versus-legitimate 0.958 at 14.73 messages per
second; mailagent (gemma3-270m, examples learned from the same 120) 0.983 at 4.11 messages
per second. What limits mailagent is the model pass per message (13 of Gemma's 18 layers
over up to 128 tokens and a question); SpamAssassin's rules and Bayes are regular
expressions and token counts. On 2026-12-06: SpamAssassin 0.958 at 7.44, mailagent 0.967 at
4.10 in the same run; with Gemma unpacked to F16, 0.967 at 6.22 beside 7.77
(docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from agent.app import App
from agent.bench import Labelled, bench_model, read_labelled
from agent.combine import JUNK


def split(items: list[Labelled]) -> tuple[list[Labelled], list[Labelled]]:
    """Every other message of each label to train on, the rest to test on."""
    train: list[Labelled] = []
    test: list[Labelled] = []
    seen: dict[str, int] = {}
    for item in items:
        index = seen.get(item.label, 0)
        (train if index % 2 == 0 else test).append(item)
        seen[item.label] = index + 1
    return train, test


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def spamassassin(train: list[Labelled], test: list[Labelled]) -> dict[str, float]:
    """SpamAssassin's junk accuracy and messages per second on ``test``."""
    for tool in ("spamd", "spamc", "sa-learn"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is missing: apt-get install spamassassin spamc spamd")
    with tempfile.TemporaryDirectory(prefix="vs-sa-") as scratch:
        root = Path(scratch)
        os.chmod(root, 0o755)
        site = root / "site"
        shutil.copytree("/etc/spamassassin", site)
        (site / "zz_bench.cf").write_text(
            f"bayes_path {root}/bayes/bayes\nbayes_file_mode 0777\nuse_bayes 1\n"
            "bayes_auto_learn 0\nbayes_min_spam_num 10\nbayes_min_ham_num 10\n"
        )
        (root / "bayes").mkdir(mode=0o777)
        for kind, items in (
            ("--spam", [i for i in train if i.label in JUNK]),
            ("--ham", [i for i in train if i.label not in JUNK]),
        ):
            subprocess.run(
                ["sa-learn", "--siteconfigpath", str(site), kind, *(str(i.path) for i in items)],
                check=True,
                capture_output=True,
            )
        subprocess.run(["chmod", "-R", "a+rwX", str(root / "bayes")], check=True)
        port = free_port()
        daemon = subprocess.Popen(
            [
                "spamd",
                "--listen",
                f"127.0.0.1:{port}",
                "--local",
                "--siteconfigpath",
                str(site),
                "-x",
                "-u",
                "nobody",
                "--max-children",
                "2",
                "--syslog",
                "stderr",
            ],
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                with socket.socket() as probe:
                    if probe.connect_ex(("127.0.0.1", port)) == 0:
                        break
                time.sleep(0.5)
            right = 0
            started = time.perf_counter()
            for item in test:
                verdict = subprocess.run(
                    ["spamc", "-d", "127.0.0.1", "-p", str(port), "-c"],
                    input=item.path.read_bytes(),
                    capture_output=True,
                    check=False,
                )
                right += (verdict.returncode == 1) == (item.label in JUNK)
            elapsed = time.perf_counter() - started
        finally:
            daemon.terminate()
            daemon.wait(timeout=30)
    return {
        "junk_accuracy": round(right / len(test), 4),
        "messages_per_second": len(test) / elapsed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("test", type=Path)
    parser.add_argument("--train", type=Path)
    parser.add_argument("--model", default="gemma3-270m")
    args = parser.parse_args()
    app = App()
    categories = list(app.config.categories)
    test = read_labelled(args.test, categories)
    if args.train:
        train = read_labelled(args.train, categories)
    else:
        train, test = split(test)
    sa = spamassassin(train, test)
    ours = bench_model(app.config, app.pm, app.registry, args.model, test, train)
    print(f"{len(train)} training and {len(test)} test messages")
    print(f"{'':24} {'junk-vs-legit':>14} {'messages/s':>11}")
    sa_row = f"{sa['junk_accuracy']:>14.3f} {sa['messages_per_second']:>11.2f}"
    print(f"{'SpamAssassin (Bayes)':24} {sa_row}")
    print(
        f"{'mailagent ' + args.model:24} {ours['junk_accuracy']:>14.3f} "
        f"{ours['messages_per_second']:>11.2f}"
    )
    app.close()


if __name__ == "__main__":
    main()
