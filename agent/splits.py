"""How ``mailagent bench`` divides a labelled folder into examples to learn and mail to test.

``k-fold``
    a stratified k-fold split (:func:`stratified_folds`): every message is tested once, by
    examples from the other folds. It measures mail like the examples, and overstates what
    a user gets on mail of another source or a later year.
``by-source``
    trains on one slice of each label and tests on another that differs by source or time
    (:func:`by_source`). This is the figure to report, once per design.
``validation``
    the frozen split for design choices: ``by-source`` applied again to the training side of
    ``by-source``. It never sees a message of the ``by-source`` test side, so choosing a
    setting by it leaves that figure honest. Never report it as the result.
``starter``
    learns only the bundled starter set (``agent/starter``) and tests on the whole folder:
    what a new install sorts before its user has labelled anything.

A message's source is read from ``MANIFEST.txt`` in the folder, a line per message:
``<label>/<file>.eml<TAB><path it came from>``; the folder of that path is its origin. A label
with several origins trains on its largest and tests on the others. A label with a single
origin (or in a folder without a manifest) is ordered by its Date headers, or by file name
when a message has none, and tests on its latest third.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

SPLITS = ("k-fold", "by-source", "validation", "starter")
"""The values of ``mailagent bench --split``."""

MANIFEST = "MANIFEST.txt"
TEST_SHARE = 1 / 3
"""The share of a single-origin label that is tested on: its latest messages."""


@dataclass(frozen=True)
class Item:
    """What the split needs to know of one labelled message."""

    label: str
    path: Path
    date: datetime | None


def stratified_folds(labels: Sequence[str], k: int, seed: int = 0) -> list[int]:
    """A fold number for each item, each label spread evenly over the folds."""
    by_label: dict[str, list[int]] = defaultdict(list)
    for index, label in enumerate(labels):
        by_label[label].append(index)
    folds = [0] * len(labels)
    shuffle = random.Random(seed)
    offset = 0
    for label in sorted(by_label):
        indices = by_label[label]
        shuffle.shuffle(indices)
        for position, index in enumerate(indices):
            folds[index] = (position + offset) % k
        offset += len(indices)
    return folds


def read_origins(root: Path) -> dict[str, str]:
    """Each message's origin (``<label>/<file>.eml`` to a source folder) from the manifest."""
    manifest = root / MANIFEST
    if not manifest.is_file():
        return {}
    origins = {}
    for line in manifest.read_text(encoding="utf-8").splitlines():
        name, _, source = line.partition("\t")
        if source.strip():
            origins[name.strip()] = str(PurePosixPath(source.strip()).parent)
    return origins


def by_source(
    items: Sequence[Item], origins: dict[str, str]
) -> tuple[list[int], dict[str, dict[str, object]]]:
    """The indices of ``items`` to test on, and for each label what was trained and tested.

    ``origins`` maps ``<label>/<file>`` to the message's origin (:func:`read_origins`).
    """
    by_label: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        by_label[item.label].append(index)
    test: list[int] = []
    described: dict[str, dict[str, object]] = {}
    for label, indices in sorted(by_label.items()):
        of = {i: origins.get(f"{label}/{items[i].path.name}", "") for i in indices}
        sizes: dict[str, int] = defaultdict(int)
        for origin in of.values():
            sizes[origin] += 1
        if len(sizes) > 1:
            kept = max(sorted(sizes), key=lambda origin: sizes[origin])
            tested = [i for i in indices if of[i] != kept]
            described[label] = {
                "by": "origin",
                "train": [kept],
                "test": sorted(set(sizes) - {kept}),
            }
        else:
            ordered, by = _in_time_order(items, indices)
            tested = ordered[len(ordered) - round(len(ordered) * TEST_SHARE) :]
            described[label] = {"by": by, "train": len(ordered) - len(tested), "test": len(tested)}
        test += tested
    return sorted(test), described


def _in_time_order(items: Sequence[Item], indices: list[int]) -> tuple[list[int], str]:
    """``indices`` by Date header when every message has one, else by file name."""
    dates = [items[i].date for i in indices]
    if all(date is not None for date in dates):
        return sorted(indices, key=lambda i: (_utc(items[i].date), items[i].path.name)), "date"
    return sorted(indices, key=lambda i: items[i].path.name), "file name"


def _utc(date: datetime | None) -> datetime:
    assert date is not None
    return date.replace(tzinfo=UTC) if date.tzinfo is None else date.astimezone(UTC)


def split(
    items: Sequence[Item], origins: dict[str, str], name: str
) -> tuple[list[int], list[int], dict[str, dict[str, object]]]:
    """The train and test indices of ``items`` for ``by-source`` or ``validation``, and what
    each label trained and tested on."""
    if name not in ("by-source", "validation"):
        raise ValueError(f"{name!r} is not a split of the folder's own messages")
    test, described = by_source(items, origins)
    tested = set(test)
    train = [i for i in range(len(items)) if i not in tested]
    if name == "validation":
        inner, described = by_source([items[i] for i in train], origins)
        validated = set(inner)
        train, test = (
            [i for n, i in enumerate(train) if n not in validated],
            [train[n] for n in inner],
        )
    return train, test, described
