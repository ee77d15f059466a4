"""Plugin loading: builtin and installed plugins alike come from the ``mailagent`` entry points.

mailagent's own plugins are declared in its pyproject under the same entry-point group as
third-party ones, so both take exactly the same path. ``[plugins] disabled`` blocks any of
them by entry-point name.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib.metadata import version as dist_version
from typing import Any

import pluggy

from agent import hookspecs
from agent.errors import PluginError

GROUP = "mailagent"


def get_plugin_manager(disabled: Iterable[str] = ()) -> pluggy.PluginManager:
    """A plugin manager with every installed plugin loaded, except the ``disabled`` ones."""
    pm = pluggy.PluginManager(GROUP)
    pm.add_hookspecs(hookspecs)
    for name in disabled:
        pm.set_blocked(name)
    try:
        pm.load_setuptools_entrypoints(GROUP)
        pm.check_pending()
    except pluggy.PluginValidationError as error:
        raise PluginError(f"a plugin is invalid: {error}") from None
    except (ImportError, AttributeError) as error:
        raise PluginError(f"a plugin failed to load: {error}") from None
    return pm


def describe_plugins(pm: pluggy.PluginManager) -> list[dict[str, Any]]:
    """Every loaded plugin with its hooks and version, for ``mailagent plugins list``."""
    dists = {pm.get_name(plugin): dist for plugin, dist in pm.list_plugin_distinfo()}
    described = []
    for plugin in pm.get_plugins():
        name = pm.get_name(plugin) or repr(plugin)
        hooks = sorted(caller.name for caller in pm.get_hookcallers(plugin) or [])
        dist = dists.get(name)
        described.append(
            {
                "name": name,
                "hooks": hooks,
                "version": str(dist.version) if dist else dist_version("mailagent"),
                "distribution": str(dist.project_name) if dist else "mailagent",
            }
        )
    return sorted(described, key=lambda item: str(item["name"]))
