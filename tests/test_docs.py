"""The documentation stays honest: every hook with its exact signature, every config key."""

from __future__ import annotations

import inspect
import re
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from agent import hookspecs
from agent.config import Config

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "plugins.md").read_text()
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


def settings(model: type[BaseModel]) -> set[tuple[str, str]]:
    """Every (model, key) a config file may set, through nested sections, lists and tables."""
    found: set[tuple[str, str]] = set()
    for name, field in model.model_fields.items():
        found.add((model.__name__, name))
        for inner in typing.get_args(field.annotation) or (field.annotation,):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                found |= settings(inner)
    return found


@pytest.mark.parametrize(("section", "key"), sorted(settings(Config)))
def test_every_config_key_is_in_the_documented_defaults(section: str, key: str) -> None:
    defaults = (ROOT / "config.toml").read_text()
    assert re.search(rf"(\b{key} =|[\[.]{key}[\].])", defaults), (
        f"{section}.{key} is not shown in config.toml"
    )
