"""The bench splits: by source or time, and the frozen validation split inside it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from agent.splits import Item, by_source, read_origins, split


def items(label: str, dates: list[datetime | None]) -> list[Item]:
    return [Item(label, Path(f"{label}/{n}.eml"), date) for n, date in enumerate(dates)]


def test_by_source_trains_on_the_largest_origin_and_tests_on_the_others() -> None:
    work = items("work", [None] * 4)
    origins = {"work/0.eml": "a", "work/1.eml": "b", "work/2.eml": "a", "work/3.eml": "a"}
    test, described = by_source(work, origins)
    assert test == [1]
    assert described["work"] == {"by": "origin", "train": ["a"], "test": ["b"]}


def test_one_origin_tests_on_its_latest_third_by_date_else_by_file_name() -> None:
    dated = items("spam", [datetime(2002, m, 1) for m in (5, 1, 3, 2, 6, 4)])
    test, described = by_source(dated, {})
    assert test == [0, 4]  # May and June
    assert described["spam"] == {"by": "date", "train": 4, "test": 2}
    undated = items("spam", [datetime(2002, 1, 1), None, None])
    test, described = by_source(undated, {})
    assert test == [2] and described["spam"]["by"] == "file name"


def test_validation_never_sees_a_message_by_source_tests_on() -> None:
    many = items("phishing", [datetime(2004, 1, 1 + n) for n in range(12)])
    train, test = split(many, {}, "by-source")[:2]
    inner_train, validation, _ = split(many, {}, "validation")
    assert test == [8, 9, 10, 11]
    assert validation == [5, 6, 7] and inner_train == [0, 1, 2, 3, 4]
    assert not set(validation) & set(test) and set(inner_train) <= set(train)


def test_origins_are_the_folders_the_manifest_names(tmp_path: Path) -> None:
    (tmp_path / "MANIFEST.txt").write_text(
        "spam/spam-000.eml\tspamassassin/data/spam-1/00192.txt\n"
        "phishing/phishing-000.eml\tnazario/phishing0.mbox\n"
    )
    assert read_origins(tmp_path) == {
        "spam/spam-000.eml": "spamassassin/data/spam-1",
        "phishing/phishing-000.eml": "nazario",
    }
    assert read_origins(tmp_path / "none") == {}
