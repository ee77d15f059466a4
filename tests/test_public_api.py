"""The plugin API: ``agent`` re-exports what plugins may use, and the example uses only that."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import agent

EXAMPLE = Path(__file__).resolve().parents[1] / "examples/mailagent-tracking/mailagent_tracking.py"


@pytest.mark.parametrize("name", agent.__all__)
def test_every_public_name_resolves_to_its_module(name: str) -> None:
    module = importlib.import_module(agent._MODULE_OF[name])
    assert getattr(agent, name) is getattr(module, name)


def test_the_public_names_are_exactly_the_lazy_ones() -> None:
    assert sorted(agent.__all__) == sorted(agent._MODULE_OF)
    assert set(agent.__all__) <= set(dir(agent))


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Pipeline'"):
        agent.Pipeline  # noqa: B018


def test_importing_agent_imports_no_dependency() -> None:
    code = "import sys, agent; print(sorted(m for m in sys.modules if m.startswith('agent')))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "['agent']"


def test_the_example_plugin_imports_only_public_names() -> None:
    tree = ast.parse(EXAMPLE.read_text())
    used: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            assert all(alias.name in sys.stdlib_module_names for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.module == "agent" or node.module in sys.stdlib_module_names, node.module
            if node.module == "agent":
                used |= {alias.name for alias in node.names}
    assert used and used <= set(agent.__all__)


def test_every_error_mailagent_raises_shares_one_root() -> None:
    """A caller (the CLI, the daemon, a plugin) catches every room's errors with one class."""
    import importlib
    import pkgutil

    from agent.errors import MailAgentError

    found = []
    for package in ("agent", "models", "storage"):
        for info in pkgutil.walk_packages(importlib.import_module(package).__path__, f"{package}."):
            if "migrations" in info.name or info.name.endswith("__main__"):
                continue
            module = importlib.import_module(info.name)
            found += [
                value
                for value in vars(module).values()
                if isinstance(value, type)
                and issubclass(value, Exception)
                and value.__module__ == module.__name__
            ]
    assert len(found) > 10
    assert [error for error in found if not issubclass(error, MailAgentError)] == []
