"""Worker processes started beside a fetcher (``run --workers N``, ``worker --workers N``).

Each is ``mailagent worker`` in a session of its own, so a Ctrl-C on the terminal reaches
only the parent, which passes one SIGTERM to each: every worker finishes its message. A
worker whose parent ends (even by ``kill -9``) finishes its message and stops.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from agent import egress
from agent.queue.status import is_idle
from storage.db import Database

logger = logging.getLogger(__name__)

POLL_S = 0.5


class WorkerProcesses:
    """``count`` worker processes on the config at ``config_path``."""

    def __init__(self, config_path: str | Path | None, count: int) -> None:
        self.argv = [sys.executable, "-m", "agent"]
        if config_path is not None:
            self.argv += ["--config", str(config_path)]
        self.argv += ["worker", "--parent", str(os.getpid())]
        self.count = count
        self.processes: list[subprocess.Popen[bytes]] = []

    def start(self) -> None:
        """Start the workers (mailagent's own program, started before any plugin runs)."""
        with egress.lifted("mailagent's worker processes"):
            for _ in range(self.count):
                self.processes.append(subprocess.Popen(self.argv, start_new_session=True))
        logger.info(
            "started %d workers: processes %s",
            self.count,
            ", ".join(str(process.pid) for process in self.processes),
        )

    def alive(self) -> int:
        """How many workers still run."""
        return sum(process.poll() is None for process in self.processes)

    def wait_idle(
        self, db: Database, stop: threading.Event, on_poll: Callable[[], object] = lambda: None
    ) -> bool:
        """Wait until no job waits or runs: True then, False when every worker has ended or
        ``stop`` was set first. ``on_poll`` is called at each look at the queue."""
        while not stop.is_set():
            on_poll()
            if is_idle(db):
                return True
            if not self.alive():
                return False
            stop.wait(POLL_S)
        return False

    def stop(self, timeout_s: float = 600.0) -> None:
        """SIGTERM each worker and wait for it to finish its message (killed after
        ``timeout_s``)."""
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                logger.warning("worker %d did not stop in %g s: killed", process.pid, timeout_s)
                process.kill()
                process.wait()
        self.processes.clear()

    def join(self, stop: threading.Event) -> None:
        """Wait until every worker has ended or ``stop`` is set."""
        while self.alive() and not stop.wait(POLL_S):
            pass
