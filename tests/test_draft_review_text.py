"""What a reviewer reads of the message a draft answers."""

from __future__ import annotations

from agent.cli.drafts import key_lines, not_used
from storage.tables import ResultRow


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


def test_only_the_latest_drafting_says_which_writers_were_not_used() -> None:
    """After a regeneration, a writer refused the first time but used now was listed both
    as the draft's writer and as not used."""

    def attempt(plugin: str, error: str | None) -> ResultRow:
        return ResultRow(task="draft", plugin=plugin, error=error)

    first = [attempt("draft-memory", "refused: not in the thread: 22"), attempt("templates", None)]
    again = [attempt("draft-memory", None)]
    assert not_used(first) == ["draft-memory: refused: not in the thread: 22"]
    assert not_used([*first, *again]) == []
    skeleton = [attempt("draft-memory", "refused: 22"), attempt("templates", "refused: 9")]
    assert not_used([*first, *skeleton]) == ["draft-memory: refused: 22", "templates: refused: 9"]
