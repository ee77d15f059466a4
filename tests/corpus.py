"""The message files of ../shared/robustness, shared by its tests and its benchmark."""

from __future__ import annotations

from pathlib import Path


def robustness_files(root: Path) -> list[Path]:
    """Every message file under ``root``: not the READMEs, not the suites' licence files."""
    return sorted(
        path
        for path in root.rglob("*")
        if path.is_file() and path.suffix != ".md" and not path.name.startswith("LICENSE")
    )
