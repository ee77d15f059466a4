"""The sha256 check every model file passes before its first load."""

from __future__ import annotations

import hashlib
from pathlib import Path

from models.errors import IntegrityError
from models.filecache import cached_fact

_CHUNK = 4 * 1024 * 1024


def sha256_file(path: Path) -> str:
    """The sha256 hex digest of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(_CHUNK):
            digest.update(block)
    return digest.hexdigest()


def file_digest(path: Path, refresh: bool = False) -> str:
    """The sha256 of ``path``, hashed once per version of the file (again with ``refresh``)."""
    digest: str = cached_fact(path, "sha256", sha256_file, refresh)
    return digest


def verify(path: Path, expected: str, refresh: bool = False) -> str:
    """Check ``path`` against the pinned ``expected`` sha256 and return the actual digest.

    With no pinned digest the file is only hashed, so results can still name its version.
    ``refresh`` hashes it again whatever the cached verdict says.
    """
    actual = file_digest(path, refresh)
    if expected and actual != expected.lower():
        raise IntegrityError(
            f"refusing to load {path}: its sha256 is {actual}, expected {expected.lower()}. "
            "The file is corrupt or was replaced: restore it, or pin the new sha256 if you "
            "trust it."
        )
    return actual
