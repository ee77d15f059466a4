"""Log lines go to the stderr of the moment, so a progress bar that redirects it keeps them
whole above itself."""

from __future__ import annotations

import io
import logging
import sys

import pytest
from rich.console import Console
from rich.progress import Progress

from agent.cli import CurrentStderrHandler


def test_log_lines_follow_stderr_when_it_is_redirected(monkeypatch: pytest.MonkeyPatch) -> None:
    logger = logging.getLogger("mailagent-test")
    handler = CurrentStderrHandler()
    logger.addHandler(handler)
    try:
        first, second = io.StringIO(), io.StringIO()
        monkeypatch.setattr(sys, "stderr", first)
        logger.warning("before")
        monkeypatch.setattr(sys, "stderr", second)
        logger.warning("after")
    finally:
        logger.removeHandler(handler)
    assert (first.getvalue(), second.getvalue()) == ("before\n", "after\n")


def test_a_log_line_during_a_progress_bar_is_printed_above_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    screen = io.StringIO()
    monkeypatch.setattr(sys, "stderr", screen)
    logger = logging.getLogger("mailagent-test")
    handler = CurrentStderrHandler()
    logger.addHandler(handler)
    console = Console(file=screen, force_terminal=True, width=60)
    try:
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("processing", total=2)
            logger.warning("a line of its own")
            progress.advance(task)
    finally:
        logger.removeHandler(handler)
    lines = screen.getvalue().replace("\r", "\n").split("\n")
    assert any(line.strip().endswith("a line of its own") for line in lines)
    assert not any("processing" in line and "a line of its own" in line for line in lines)
