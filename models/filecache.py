"""Facts about model files (sha256, GGUF metadata), cached by path, size and mtime.

Hashing a 4 GB file or reading a GGUF's tokenizer tables takes seconds, so each fact is
computed once per version of the file; any change to the file's size or mtime drops them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from platformdirs import user_cache_dir


def _cache_path() -> Path:
    return Path(user_cache_dir("mailagent")) / "model-files.json"


def _read() -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(_cache_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write(cache: dict[str, dict[str, Any]]) -> None:
    path = _cache_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(cache, indent=1), encoding="utf-8")
    temporary.replace(path)


def cached_fact(
    path: Path, fact: str, compute: Callable[[Path], Any], refresh: bool = False
) -> Any:
    """Return ``compute(path)``, cached under ``fact`` until the file changes.

    ``refresh`` computes it again whatever the cache holds, for a check that must not trust
    size and mtime (both can be forged).
    """
    resolved = path.resolve()
    stat = resolved.stat()
    cache = _read()
    entry = cache.get(str(resolved), {})
    if entry.get("size") != stat.st_size or entry.get("mtime_ns") != stat.st_mtime_ns:
        entry = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    if refresh or fact not in entry:
        entry[fact] = compute(resolved)
        cache[str(resolved)] = entry
        _write(cache)
    return entry[fact]
