"""The hooks documentation stays honest: every hook is there with its exact signature."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from agent import hookspecs

DOC = (Path(__file__).resolve().parents[1] / "docs" / "plugins.md").read_text()
HOOKS = [
    name
    for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
    if hasattr(function, "mailagent_spec")
]


def documented_signature(name: str) -> str:
    match = re.search(rf"### {name}\n\n```python\n({name}\(.*?\) -> .*?)\n```", DOC, re.S)
    assert match, f"docs/plugins.md has no signature block for hook {name}"
    return " ".join(match.group(1).split())


def test_every_hook_is_known() -> None:
    assert set(HOOKS) == {
        "register_models",
        "register_commands",
        "classify",
        "score_example",
        "extract",
        "draft_reply",
        "message_processed",
    }


@pytest.mark.parametrize("name", HOOKS)
def test_hook_is_documented_with_its_exact_signature(name: str) -> None:
    signature = inspect.signature(getattr(hookspecs, name))
    expected = f"{name}{signature}".replace("'", "")
    documented = documented_signature(name).replace("( ", "(").replace(", )", ")")
    assert documented == " ".join(expected.split()).replace("( ", "(")
