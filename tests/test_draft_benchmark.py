"""benchmarks/drafts.py on a tiny pair set: which replies become pairs, and the figures of the
structured method on pairs whose outcome is known."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "drafts.py"

MEETING = """\
From: Alex Morgan <alex@example.com>
To: Dana Smith <dana@example.com>
Subject: RE: Budget review
Message-ID: <r1@example.com>

Thursday at 3pm works for me, I'll bring the spreadsheet.

Alex

-----Original Message-----
From: Dana Smith <dana@example.com>
Sent: Monday, March 2, 2026 9:12 AM
To: Alex Morgan <alex@example.com>
Subject: Budget review

Hi Alex,

Could we meet on Thursday at 3pm to go over the budget for the spring campaign?

Dana
"""

HEADS_UP = """\
From: Alex Morgan <alex@example.com>
To: Sam Reed <sam@example.com>
Subject: RE: Office closed
Message-ID: <r2@example.com>

Thanks for letting me know, I will work from home then.

-----Original Message-----
From: Sam Reed <sam@example.com>
Sent: Friday, March 6, 2026 4:40 PM
To: Alex Morgan <alex@example.com>
Subject: Office closed

Hi Alex,

Just a heads up that the office will be closed on Monday for the floor works.

Sam
"""

FORWARD = """\
From: Alex Morgan <alex@example.com>
To: Kim Lee <kim@example.com>
Subject: FW: Budget review
Message-ID: <r3@example.com>

See below, for your information.

-----Original Message-----
From: Dana Smith <dana@example.com>
Subject: Budget review

-------- Forwarded by Dana Smith --------
Could we meet on Thursday at 3pm to go over the budget for the spring campaign?
"""

NOTES_QUOTE = """\
From: Alex Morgan <alex@example.com>
To: Paul Kay <paul@example.com>
Subject: RE: Conference
Message-ID: <r4@example.com>

Good for you, enjoy the speeches.

\tPaul Kay
\t05/10/2001 01:51 PM
\t\t To: Alex Morgan
\t\t Subject: RE: Conference

I'll be there, are you going?

-----Original Message-----
From: Alex Morgan
Subject: Conference

I just got my invitation to the conference in June, oh dear.
"""


@pytest.fixture(scope="module")
def drafts() -> ModuleType:
    """The benchmark script, imported as a module."""
    spec = importlib.util.spec_from_file_location("drafts_benchmark", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def pair_folder(tmp_path: Path) -> Path:
    for category, name, text in [
        ("work", "meeting", MEETING),
        ("work", "forward", FORWARD),
        ("personal", "heads-up", HEADS_UP),
        ("personal", "notes-quote", NOTES_QUOTE),
        ("spam", "ignored", MEETING),
    ]:
        (tmp_path / category).mkdir(exist_ok=True)
        (tmp_path / category / f"{name}.eml").write_text(text)
    return tmp_path


def test_pairs_are_replies_that_quote_what_they_answer(
    drafts: ModuleType, pair_folder: Path
) -> None:
    pairs = {p.name: p for p in drafts.pairs_in([pair_folder])}
    # A forward is no reply, a Notes-style quote above the marked original cannot be
    # attributed, and only work and personal mail is drafted for.
    assert set(pairs) == {"meeting", "heads-up"}
    meeting = pairs["meeting"]
    assert meeting.category == "work"
    assert meeting.incoming.sender.email == "dana@example.com"
    assert meeting.incoming.subject == "Budget review"
    assert "Thursday at 3pm to go over the budget" in meeting.incoming.new_text
    assert meeting.reply.startswith("Thursday at 3pm works for me")


def test_rouge_l_on_known_strings(drafts: ModuleType) -> None:
    assert drafts.rouge_l("see you on Thursday", "see you on Thursday") == 1.0
    assert drafts.rouge_l("nothing alike", "see you on Thursday") == 0.0
    # Longest common subsequence "see thursday": 2 of 3 words and 2 of 4.
    assert drafts.rouge_l("see you Thursday", "see them on Thursday") == pytest.approx(
        2 * (2 / 3) * (2 / 4) / (2 / 3 + 2 / 4)
    )


@pytest.mark.model
def test_structured_drafts_on_a_tiny_pair_set(drafts: ModuleType, pair_folder: Path) -> None:
    pairs = drafts.pairs_in([pair_folder])
    both = drafts.run(pairs, "smollm2-135m", ("structured", "echo"), show=5)
    scores = both["structured"]
    # The heads-up asks nothing, so no draft is made for it: a miss, counted apart.
    assert scores.no_reply == 1
    assert [name for name, _, _ in scores.samples] == ["meeting"]
    _, body, problems = scores.samples[0]
    assert problems == []
    assert scores.passed == 1
    assert body.startswith("Hi Dana,")
    assert "Thursday" in body
    assert scores.invented == [0]
    assert len(scores.similarity) == len(scores.latency) == 2
    # The draft passes, so what a person is shown counts its similarity.
    assert scores.shown == scores.similarity
    # The mail sent back is no draft: it copies the mail, so a person is shown nothing.
    echo = both["echo"]
    assert echo.no_reply == 0 and echo.passed == 0
    assert echo.shown == [0.0, 0.0]
    assert all(s != 0.0 for s in echo.similarity)
