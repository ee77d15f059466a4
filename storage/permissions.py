"""Who else can read the mail: the database files and the directory holding them.

The database holds mail text, so it is created for its owner only; a file or directory
that others can read (made by an older version, copied, or created under a loose umask)
gets a warning naming the ``chmod`` that fixes it.
"""

from __future__ import annotations

import stat
from pathlib import Path

SQLITE_SUFFIXES = ("", "-wal", "-shm")
"""The database file and the files SQLite keeps beside it in WAL mode."""


def make_private_dir(path: Path) -> None:
    """Create ``path`` (and its parents) if missing; the directory itself is mode 0700."""
    if path.is_dir():
        return
    path.mkdir(parents=True, mode=0o700)
    path.chmod(0o700)  # mkdir's mode passes through the umask, which can only narrow it


def exposure_warnings(database: Path) -> list[str]:
    """One line for each of the database's files and directory that others can read or
    write (a directory they may only pass through, mode 701 or 711, is not one)."""
    warnings = []
    paths = [database.with_name(database.name + suffix) for suffix in SQLITE_SUFFIXES]
    for path in [database.parent, *paths]:
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            continue
        if mode & 0o066:  # search (x) alone lists nothing: the files' own modes decide
            private = "700" if path.is_dir() else "600"
            warnings.append(
                f"{path} is {_open_to(mode)} by other users (mode {mode:o}) and holds your "
                f"mail: "
                f"chmod {private} {path}"
            )
    return warnings


def _open_to(mode: int) -> str:
    """What others may do to a file of ``mode``: "readable", "writable" or both."""
    can = [word for bits, word in ((0o044, "readable"), (0o022, "writable")) if mode & bits]
    return " and ".join(can)
