"""Which server actions a classification leads to (pure logic; the IMAP path is in test_imap)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from agent.accounts import AccountConfig
from agent.results import Classification
from agent.rules import Action, actions_for


def account(*rules: dict[str, object], mark_processed: str = "") -> AccountConfig:
    return AccountConfig.model_validate(
        {
            "name": "work",
            "host": "127.0.0.1",
            "username": "alex",
            "password_env": "UNUSED",
            "mark_processed": mark_processed,
            "rules": list(rules),
        }
    )


def verdict(category: str, confidence: float) -> Classification:
    return Classification(category=category, confidence=confidence)


def test_only_the_rules_of_the_category_act_and_a_move_comes_last() -> None:
    rules = account(
        {"category": "spam", "action": "move", "target": "Junk"},
        {"category": "spam", "action": "flag", "target": "\\Seen"},
        {"category": "work", "action": "flag", "target": "\\Flagged"},
        mark_processed="$Done",
    )
    assert actions_for(rules, verdict("spam", 0.6)) == [
        Action("keyword", "$Done"),
        Action("flag", "\\Seen"),
        Action("move", "Junk"),
    ]
    assert actions_for(rules, verdict("personal", 0.99)) == [Action("keyword", "$Done")]
    assert actions_for(rules, None) == [Action("keyword", "$Done")]


def test_a_rule_acts_only_from_its_min_confidence() -> None:
    rules = account({"category": "spam", "action": "move", "target": "Junk", "min_confidence": 0.9})
    assert actions_for(rules, verdict("spam", 0.89)) == []
    assert actions_for(rules, verdict("spam", 0.9)) == [Action("move", "Junk")]


@pytest.mark.parametrize("level", [-0.1, 1.5])
def test_min_confidence_outside_zero_to_one_is_refused(level: float) -> None:
    with pytest.raises(ValidationError, match="min_confidence"):
        account({"category": "spam", "action": "move", "target": "Junk", "min_confidence": level})
