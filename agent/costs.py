"""What processing mail costs: CPU time, wall time, energy where the platform says, money.

CPU time is the process's (``time.process_time``), not the calling thread's: llama.cpp
computes on threads of its own, which a thread clock would leave out. Energy is read from
Linux RAPL (``/sys/class/powercap/intel-rapl:0/energy_uj``), which counts the whole CPU
package, other processes included, and is readable only where the system allows (often
root only); elsewhere there is none, and none is guessed.
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

RAPL = Path("/sys/class/powercap/intel-rapl:0")
PROC_STATUS = Path("/proc/self/status")


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB.

    On Linux, ``VmHWM`` from ``/proc/self/status``: the peak of this program alone.
    ``getrusage``'s ``ru_maxrss`` (the fallback elsewhere) also keeps the peak of the image
    that ``exec`` replaced, so a child spawned by a parent of 1 GB reported 1 GB before it
    loaded anything.
    """
    try:
        for line in PROC_STATUS.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # bytes on macOS, else KB
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


class CostsConfig(BaseModel):
    """The price that turns CPU time into money (``[costs]``)."""

    model_config = ConfigDict(extra="forbid")

    cpu_hour: float = Field(default=0.05, ge=0)
    """What one CPU-hour costs (one core busy for an hour), in your currency."""


def cost_per_1000(cpu_seconds_per_message: float, cpu_hour: float) -> float:
    """The price of 1,000 messages at ``cpu_seconds_per_message`` each."""
    return cpu_seconds_per_message / 3600 * cpu_hour * 1000


def _energy_uj(rapl: Path = RAPL) -> int | None:
    try:
        return int((rapl / "energy_uj").read_text())
    except (OSError, ValueError):
        return None


def _energy_range_uj(rapl: Path = RAPL) -> int | None:
    try:
        return int((rapl / "max_energy_range_uj").read_text())
    except (OSError, ValueError):
        return None


@dataclass
class Usage:
    """What a block of work used; filled in when the block ends."""

    cpu_ms: float = 0.0
    wall_ms: float = 0.0
    energy_uj: int | None = None
    """None where RAPL is not readable."""

    def plus(self, other: Usage) -> Usage:
        """Both usages together; energy only where both have it."""
        energy = None
        if self.energy_uj is not None and other.energy_uj is not None:
            energy = self.energy_uj + other.energy_uj
        return Usage(self.cpu_ms + other.cpu_ms, self.wall_ms + other.wall_ms, energy)


@contextmanager
def metered(rapl: Path = RAPL) -> Iterator[Usage]:
    """Measure the block's CPU time, wall time and (where readable) package energy."""
    usage = Usage()
    energy = _energy_uj(rapl)
    cpu, wall = time.process_time(), time.perf_counter()
    try:
        yield usage
    finally:
        usage.cpu_ms = (time.process_time() - cpu) * 1000
        usage.wall_ms = (time.perf_counter() - wall) * 1000
        after = _energy_uj(rapl) if energy is not None else None
        if energy is not None and after is not None:
            # The counter wraps at max_energy_range_uj.
            usage.energy_uj = (after - energy) % (_energy_range_uj(rapl) or 2**64)


def energy_readable(rapl: Path = RAPL) -> bool:
    """Whether this machine reports the CPU package's energy to this process."""
    return _energy_uj(rapl) is not None


@dataclass(frozen=True)
class TaskCost:
    """One task's cost per message, from stored calls."""

    task: str
    messages: int
    cpu_s_per_message: float
    wall_s_per_message: float
    energy_j_per_message: float | None
    cost_per_1000: float

    @classmethod
    def of(
        cls,
        task: str,
        messages: int,
        cpu_ms: float,
        wall_ms: float,
        energy_uj: int | None,
        cpu_hour: float,
    ) -> TaskCost:
        """The per-message figures of ``messages`` messages that took these totals.

        The price is computed from the CPU time as shown, so the two figures agree.
        """
        cpu = round(cpu_ms / 1000 / messages, 6)
        return cls(
            task=task,
            messages=messages,
            cpu_s_per_message=cpu,
            wall_s_per_message=round(wall_ms / 1000 / messages, 6),
            energy_j_per_message=None
            if energy_uj is None
            else round(energy_uj / 1e6 / messages, 3),
            cost_per_1000=round(cost_per_1000(cpu, cpu_hour), 6),
        )


def task_costs(
    rows: list[tuple[str | None, int, float, float, int | None]], cpu_hour: float
) -> list[TaskCost]:
    """Per-message costs from ``storage.queries.call_costs`` rows; task None is "all"."""
    return [
        TaskCost.of(task or "all", messages, cpu, wall, energy, cpu_hour)
        for task, messages, cpu, wall, energy in rows
        if messages
    ]
