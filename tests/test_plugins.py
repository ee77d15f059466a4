"""The plugin loader and the combination rule."""

from __future__ import annotations

import types

import pluggy
import pytest

from agent import hookimpl, hookspecs
from agent.combine import combine
from agent.errors import PluginError
from agent.plugins import describe_plugins, get_plugin_manager
from agent.results import Vote

BUILTINS = {
    "pypi-models",
    "headers",
    "examples",
    "bayes",
    "generative",
    "extract-rules",
    "extract-model",
    "draft",
}


def test_builtins_load_through_the_entry_point_group() -> None:
    pm = get_plugin_manager()
    names = {pm.get_name(plugin) for plugin in pm.get_plugins()}
    assert names >= BUILTINS
    described = {row["name"]: row for row in describe_plugins(pm)}
    assert described["headers"]["hooks"] == ["classify"]
    assert described["draft"]["distribution"] == "mailagent"
    # every hook a plugin implements is one mailagent calls (pluggy's own check skips
    # names starting with "_", so a decorator slipped onto a helper goes unnoticed)
    specified = {name for name in dir(hookspecs) if pm.hook.__dict__.get(name) is not None}
    assert all(set(row["hooks"]) <= specified for row in described.values()), described
    assert described["extract-rules"]["hooks"] == ["extract"]


def test_disabled_plugins_are_blocked() -> None:
    pm = get_plugin_manager(disabled=["generative"])
    assert pm.get_plugin("generative") is None
    assert pm.is_blocked("generative")
    assert pm.get_plugin("headers") is not None


def plugin_module(name: str, **hooks: object) -> types.ModuleType:
    """A plugin module made in memory, as an installed plugin module would be."""
    module = types.ModuleType(name)
    for hook_name, function in hooks.items():
        setattr(module, hook_name, function)
    return module


def make_plugin() -> types.ModuleType:
    @hookimpl
    def classify() -> Vote:
        return Vote(category="work", confidence=0.9, evidence=["test plugin"])

    return plugin_module("test_plugin", classify=classify)


def test_a_plugin_is_registered_and_unregistered() -> None:
    pm = get_plugin_manager()
    plugin = make_plugin()
    pm.register(plugin, name="test-plugin")
    try:
        assert "test-plugin" in {row["name"] for row in describe_plugins(pm)}
        impls = {impl.plugin_name for impl in pm.hook.classify.get_hookimpls()}
        assert "test-plugin" in impls
    finally:
        pm.unregister(plugin)
    assert "test-plugin" not in {impl.plugin_name for impl in pm.hook.classify.get_hookimpls()}


def test_an_implementation_without_a_spec_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    @hookimpl
    def clasify() -> None:  # misspelt on purpose
        """Not a hook."""

    bad = plugin_module("bad", clasify=clasify)

    def load(self: pluggy.PluginManager, group: str, name: str | None = None) -> int:
        self.register(bad, name="bad")
        return 1

    monkeypatch.setattr(pluggy.PluginManager, "load_setuptools_entrypoints", load)
    with pytest.raises(PluginError, match="bad"):
        get_plugin_manager()


def vote(category: str, confidence: float, urgent: bool = False, **scores: float) -> Vote:
    return Vote(category=category, confidence=confidence, urgent=urgent, scores=scores)


CATEGORIES = ["work", "spam", "personal"]


def test_combine_agreeing_votes_raise_the_confidence() -> None:
    result = combine({"a": vote("work", 0.6), "b": vote("work", 0.8)}, {}, CATEGORIES)
    assert result is not None
    assert result.category == "work"
    # work: 0.6 and 0.8; each other category 0.4/2 and 0.2/2: products, normalised.
    pooled = {"work": 0.6 * 0.8, "other": 0.2 * 0.1}
    expected = pooled["work"] / (pooled["work"] + 2 * pooled["other"])
    assert result.confidence == pytest.approx(expected, abs=1e-3)
    assert result.confidence > 0.8


def test_combine_a_sure_vote_outweighs_two_that_barely_lean() -> None:
    votes = {"a": vote("work", 0.4), "b": vote("work", 0.4), "c": vote("spam", 0.99)}
    result = combine(votes, {}, CATEGORIES)
    assert result is not None and result.category == "spam"
    assert set(result.votes) == {"a", "b", "c"}


def test_combine_weights_change_the_winner() -> None:
    votes = {"a": vote("work", 0.6), "b": vote("spam", 0.5)}
    assert combine(votes, {}, CATEGORIES).category == "work"  # type: ignore[union-attr]
    assert combine(votes, {"b": 3.0}, CATEGORIES).category == "spam"  # type: ignore[union-attr]
    assert combine(votes, {"a": 0.0}, CATEGORIES).category == "spam"  # type: ignore[union-attr]


def test_combine_uses_the_scores_a_vote_gives() -> None:
    # "a" leans to work but says personal is nearly as likely; "b" says it is no work at all.
    votes = {
        "a": vote("work", 0.5, work=0.5, personal=0.45, spam=0.05),
        "b": vote("personal", 0.5, work=0.01, personal=0.5, spam=0.49),
    }
    result = combine(votes, {}, CATEGORIES)
    assert result is not None and result.category == "personal"


def test_combine_single_vote_keeps_its_confidence_and_urgency() -> None:
    result = combine({"a": vote("personal", 0.4, urgent=True)}, {}, CATEGORIES)
    assert result is not None
    assert (result.category, result.confidence, result.urgent) == ("personal", 0.4, True)


def test_combine_nothing() -> None:
    assert combine({}, {}) is None
    assert combine({"a": vote("work", 0.9)}, {"a": 0.0}) is None
