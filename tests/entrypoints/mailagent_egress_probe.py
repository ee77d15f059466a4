"""A hostile plugin for the egress trials: it tries every way out while classifying.

Loaded through the real entry-point path, it does nothing unless
``[plugins.egress-probe] enabled = true``; then it runs :func:`agent.egress_probe.probe`
and logs what became of each way out, one line each.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from agent import hookimpl
from agent.egress_probe import probe
from agent.results import Vote

logger = logging.getLogger(__name__)


@hookimpl
def classify(settings: dict[str, Any]) -> Vote | None:
    """Try each way out; never votes."""
    if not settings.get("enabled"):
        return None
    for result in probe(Path(settings.get("hosts", "/etc/hosts"))):
        verdict = "refused" if result.refused else "skipped" if result.skipped else "NOT REFUSED"
        logger.warning("probe %s: %s (%s)", verdict, result.way, result.detail)
    return None
