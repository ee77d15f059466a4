"""How long the command line takes to start: wall time (best of N runs) and import time.

Runs the ``mailagent`` script next to this Python (else ``python -m agent``). ``--help`` is
timed twice: as installed (it imports every installed plugin from another distribution to
list the commands it adds; mailagent's own add none and are not imported), and with a
scratch config that disables those plugins, which is what a plain install measures.

    python benchmarks/cli_startup.py [--runs 5]

Measured here (2 shared cores, the example plugin installed), best of 5, before the command
line was made lazy and after: ``mailagent --help`` 1003 ms and 191 ms (106 ms with the
installed plugins disabled: the rest is the example plugin's import of pydantic), ``import
agent.cli`` 990 ms and 29 ms, ``mailagent process --help`` 991 ms and 701 ms, ``mailagent
drafts list --help`` 1372 ms and 642 ms (a command's help imports its own module).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from importlib.metadata import entry_points
from pathlib import Path

COMMAND_LINES = [["--help"], ["--version"], ["process", "--help"], ["drafts", "list", "--help"]]


def mailagent() -> list[str]:
    """The ``mailagent`` script of this environment, or ``python -m agent``."""
    script = Path(sys.executable).with_name("mailagent")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "agent"]


def best_wall_time(argv: list[str], env: dict[str, str], runs: int) -> float:
    """The fastest of ``runs`` runs of ``argv``, in seconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return min(times)


def import_times() -> tuple[int, list[tuple[int, str]]]:
    """``python -X importtime -c "import agent.cli"``: its cumulative µs, and (cumulative µs,
    module) of each module it imported, slowest first."""
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import agent.cli"],
        check=True,
        capture_output=True,
        text=True,
    )
    under: list[tuple[int, str]] = []
    for line in run.stderr.splitlines()[1:]:
        _, cumulative, name = line.split("|")
        if name.startswith("  "):  # imported under the top-level import that follows
            under.append((int(cumulative), name.strip()))
        elif name.strip() == "agent.cli":
            return int(cumulative), sorted(under, reverse=True)
        else:
            under = []
    raise RuntimeError("python -X importtime did not report agent.cli")


def without_installed_plugins(folder: str) -> dict[str, str]:
    """The environment with a config that disables every plugin of another distribution."""
    others = [p.name for p in entry_points(group="mailagent") if p.dist.name != "mailagent"]
    config = Path(folder) / "config.toml"
    config.write_text(f"[plugins]\ndisabled = {others!r}\n".replace("'", '"'))
    return {**os.environ, "MAILAGENT_CONFIG": str(config)}


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"wall time, best of {args.runs}:")
    for line in COMMAND_LINES:
        seconds = best_wall_time([*mailagent(), *line], dict(os.environ), args.runs)
        print(f"  mailagent {' '.join(line):<36} {seconds * 1000:6.0f} ms")
    with tempfile.TemporaryDirectory() as folder:
        env = without_installed_plugins(folder)
        seconds = best_wall_time([*mailagent(), "--help"], env, args.runs)
    print(f"  mailagent {'--help (installed plugins disabled)':<36} {seconds * 1000:6.0f} ms")
    total, rows = import_times()
    print(f"import agent.cli: {total / 1000:.0f} ms; slowest modules under it:")
    for cumulative, name in rows[:6]:
        print(f"  {cumulative / 1000:6.1f} ms  {name}")


if __name__ == "__main__":
    main()
