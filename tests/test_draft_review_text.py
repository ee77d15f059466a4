"""What a reviewer reads of the message a draft answers."""

from __future__ import annotations

from agent.cli.drafts import key_lines


def test_a_paragraph_on_one_line_is_wrapped_not_cut() -> None:
    """A trial's preview stopped at "advice ab…", hiding the times the choice came from."""
    paragraph = (
        "A friend recommended you. My husband and I have decided to separate and I would like "
        "some advice about divorce and what happens with the house. Could I book an "
        "appointment with you next week? I'm free Tuesday or Wednesday afternoon."
    )
    shown = key_lines(f"Hello Ms Adeyemi,\n\n{paragraph}\n")
    assert " ".join(shown.split()) == f"Hello Ms Adeyemi, {paragraph}"
    assert all(len(line) <= 100 for line in shown.splitlines())


def test_past_the_limit_the_rest_is_counted() -> None:
    shown = key_lines("\n".join(f"line {n}" for n in range(15)), limit=12)
    assert shown.splitlines()[-2:] == ["line 11", "[... 3 more lines]"]
