"""Worker processes started beside a fetcher (``run --workers N``, ``worker --workers N``).

Each is ``mailagent worker`` in a session of its own, so a Ctrl-C on the terminal reaches
only the parent, which passes one SIGTERM to each: every worker finishes its message. A
worker whose parent ends (even by ``kill -9``) finishes its message and stops. The egress
guard allows exactly that command line.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from agent import egress
from agent.queue.status import is_idle
from models.runtime import physical_cores
from storage.db import Database

logger = logging.getLogger(__name__)

POLL_S = 0.5
RESTART_AFTER_S = 10.0
"""A worker that ended is started again, but not sooner than this after its last start."""


class WorkerProcesses:
    """``count`` worker processes on the config at ``config_path``."""

    def __init__(self, config_path: str | Path | None, count: int, threads: int = 0) -> None:
        """``threads``: llama.cpp's threads in each worker; 0: the physical cores divided
        among the workers (several workers each running on every core slow one another
        down many times over)."""
        threads = threads or max(1, physical_cores() // count)
        self.argv = [sys.executable, "-m", "agent"]
        if config_path is not None:
            self.argv += ["--config", str(config_path)]
        self.argv += ["worker", "--parent", str(os.getpid()), "--threads", str(threads)]
        egress.allow_command(self.argv)
        self.count = count
        self.processes: list[subprocess.Popen[bytes]] = []
        self.started: list[float] = []

    def start(self) -> None:
        """Start the workers."""
        self.processes = [self._spawn() for _ in range(self.count)]
        self.started = [time.monotonic()] * self.count
        pids = ", ".join(str(process.pid) for process in self.processes)
        logger.info("started %d workers: processes %s", self.count, pids)

    def _spawn(self) -> subprocess.Popen[bytes]:
        return subprocess.Popen(self.argv, start_new_session=True)

    def alive(self) -> int:
        """How many workers still run."""
        return sum(process.poll() is None for process in self.processes)

    def keep(self, stop: threading.Event) -> None:
        """Until ``stop`` is set, start again each worker that ended (see RESTART_AFTER_S)."""
        while not stop.wait(POLL_S):
            for slot, process in enumerate(self.processes):
                ended = process.poll()
                if ended is None or time.monotonic() - self.started[slot] < RESTART_AFTER_S:
                    continue
                self.processes[slot] = self._spawn()
                self.started[slot] = time.monotonic()
                logger.warning(
                    "worker %d ended (exit status %d); started %d in its place",
                    process.pid,
                    ended,
                    self.processes[slot].pid,
                )

    def wait_idle(self, db: Database, stop: threading.Event) -> bool:
        """Wait until no job waits or runs: True then, False when every worker has ended or
        ``stop`` was set first."""
        while not stop.is_set():
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
