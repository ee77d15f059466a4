"""Cost per message: CPU time stored with each call, energy where RAPL reads, the price."""

from __future__ import annotations

import json
import multiprocessing
import shutil
import time
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from agent import hookimpl
from agent.app import App
from agent.costs import PROC_STATUS, cost_per_1000, metered, peak_rss_mb
from agent.results import Vote
from storage.tables import ResultRow
from tests.conftest import NO_MODEL_PLUGINS

BUSY_S = 0.05
"""CPU seconds the busy classifier spends on each message, by the process's own clock."""

CPU_HOUR = 2.0

SAMPLE = Path(__file__).resolve().parents[1] / "agent" / "sample"


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    """No plugin asks a model, and a CPU-hour price other than the default."""
    path = tmp_path / "config.toml"
    path.write_text(
        f'[storage]\nurl = "sqlite:///{tmp_path / "mailagent.db"}"\n{NO_MODEL_PLUGINS}'
        f"[costs]\ncpu_hour = {CPU_HOUR}\n"
    )
    return path


@pytest.fixture
def busy(app: App) -> Iterator[None]:
    """A classifier that keeps the CPU busy for BUSY_S seconds of CPU time, then votes."""

    @hookimpl
    def classify() -> Vote:
        end = time.process_time() + BUSY_S
        while time.process_time() < end:
            pass
        return Vote(category="personal", confidence=0.9)

    plugin = types.ModuleType("busy")
    plugin.classify = classify  # type: ignore[attr-defined]
    app.pm.register(plugin, name="busy")
    yield
    app.pm.unregister(plugin)


def test_stats_cost_per_message_is_the_stored_cpu_time_at_the_configured_price(
    tmp_path: Path, app: App, run_cli: Any, busy: None
) -> None:
    mailbox = tmp_path / "mail"
    mailbox.mkdir()
    for name in ("03-personal-weekend-hike.eml", "05-work-meeting-request.eml"):
        shutil.copy(SAMPLE / name, mailbox / name)
    assert run_cli("process", str(mailbox)).exit_code == 0

    with app.db.session() as session:
        rows = session.scalars(select(ResultRow).where(ResultRow.cpu_ms.is_not(None))).all()
        busy_rows = [row for row in rows if row.plugin == "busy"]
        classify_ms = sum(row.cpu_ms or 0 for row in rows if row.task == "classify")
        all_ms = sum(row.cpu_ms or 0 for row in rows)
    assert len(busy_rows) == 2
    assert all((row.cpu_ms or 0) >= BUSY_S * 1000 for row in busy_rows)

    result = run_cli("stats", "--json")
    assert result.exit_code == 0, result.output
    costs = json.loads(result.output)["costs"]
    assert costs["cpu_hour"] == CPU_HOUR
    by_task = {row["task"]: row for row in costs["per_message"]}
    classify, overall = by_task["classify"], by_task["all"]
    assert classify["messages"] == overall["messages"] == 2
    assert classify["cpu_s_per_message"] == pytest.approx(classify_ms / 1000 / 2, abs=1e-6)
    assert overall["cpu_s_per_message"] == pytest.approx(all_ms / 1000 / 2, abs=1e-6)
    assert classify["cpu_s_per_message"] >= BUSY_S
    expected = classify_ms / 1000 / 2 / 3600 * CPU_HOUR * 1000
    assert classify["cost_per_1000"] == pytest.approx(expected, abs=2e-6)
    # Energy is reported only where RAPL is readable, and then for every figure.
    assert (costs["energy"] == "none") == (classify["energy_j_per_message"] is None)

    table = run_cli("stats")
    assert "cost per message (at 2 per CPU-hour)" in table.output


@pytest.mark.model
def test_bench_reports_the_cost_per_message(tmp_path: Path, run_cli: Any, busy: None) -> None:
    root = tmp_path / "labelled"
    for label in ("personal", "work"):
        (root / label).mkdir(parents=True)
        for index in range(2):
            text = f"From: a@example.org\nSubject: {label} {index}\n\nBody {index}.\n"
            (root / label / f"{index}.eml").write_text(text)
    result = run_cli("bench", str(root), "--train", str(root), "--classifiers", "busy", "--json")
    assert result.exit_code == 0, result.output
    cost = json.loads(result.output)["cost"]
    assert cost["messages"] == 4 and cost["cpu_hour"] == CPU_HOUR
    assert cost["cpu_s_per_message"] >= BUSY_S
    expected = cost_per_1000(cost["cpu_s_per_message"], CPU_HOUR)
    assert cost["cost_per_1000"] == pytest.approx(expected, abs=1e-6)


def test_cost_per_1000_messages() -> None:
    # 3.6 CPU-seconds a message is a CPU-hour per 1,000 messages.
    assert cost_per_1000(3.6, 0.05) == pytest.approx(0.05)


def test_rapl_energy_is_the_counters_difference_across_a_wrap(tmp_path: Path) -> None:
    (tmp_path / "max_energy_range_uj").write_text("1000000\n")
    counter = tmp_path / "energy_uj"
    counter.write_text("999000\n")
    with metered(tmp_path) as usage:
        counter.write_text("500\n")
    assert usage.energy_uj == 1500
    with metered(tmp_path / "absent") as usage:
        pass
    assert usage.energy_uj is None


def _own_peak_rss_mb() -> float:
    return peak_rss_mb()


@pytest.mark.skipif(not PROC_STATUS.exists(), reason="reads /proc/self/status (Linux)")
def test_a_spawned_child_reports_its_own_peak_memory_not_its_parents() -> None:
    """getrusage's ru_maxrss keeps the peak of the image exec replaced: a bench child spawned
    by a parent that once held 300 MB reported those 300 MB as its own."""
    held = bytearray(300 * 1024 * 1024)
    held[::4096] = b"\x01" * len(held[::4096])
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        child = pool.apply(_own_peak_rss_mb)
    assert peak_rss_mb() >= 300
    assert child < 150
