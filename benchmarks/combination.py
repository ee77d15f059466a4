"""The combination's settings on the bench splits, in one process with one embedding pass.

    python benchmarks/combination.py [FOLDER] [--splits validation] [--settings hand,...]

Measures, for each split of ``mailagent bench --split`` named (default: validation only) and
each setting below, the figures ``mailagent bench`` reports, through the same code
(``agent.bench.measure``). Every message is embedded once; the settings then differ only
in ``[combination]``. Choose settings on ``validation`` alone; report ``by-source`` (and
``k-fold`` beside it) once, for the setting chosen. Latency here is not a message's cost
(embeddings are reused); ``mailagent bench`` measures that. It prints figures; not a test.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from agent.app import App
from agent.bench import measure, read_labelled, shifted
from agent.config import CombinationConfig
from agent.pipeline import Pipeline
from storage.config import StorageConfig
from storage.db import Database

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"
SETTINGS = {
    "hand": CombinationConfig(learned=False),
    "learned-l2-0.01": CombinationConfig(l2=0.01),
    "learned-l2-0.1": CombinationConfig(l2=0.1),
    "learned-l2-1": CombinationConfig(l2=1.0),
}
"""The settings compared: the hand-weighted pool, and the learned combination's penalty."""


def main() -> int:
    """Print a line of figures per split and setting, then all of them as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEV)
    parser.add_argument("--splits", default="validation", help="k-fold, by-source, validation")
    parser.add_argument(
        "--settings", default=",".join(SETTINGS), help=f"some of {', '.join(SETTINGS)}"
    )
    parser.add_argument("--config", help="mailagent config file (default: the usual lookup)")
    args = parser.parse_args()
    if not args.folder.is_dir():
        print(f"{args.folder}: no such folder (../shared/eval/dev is not here)", file=sys.stderr)
        return 1
    app = App(args.config)
    figures: list[dict[str, Any]] = []
    try:
        items = read_labelled(args.folder, list(app.config.categories))
        with tempfile.TemporaryDirectory(prefix="mailagent-combination-") as scratch:
            db = Database(StorageConfig(url=f"sqlite:///{Path(scratch) / 'bench.db'}"))
            try:
                for split in args.splits.split(","):
                    train, test = (None, items)
                    if split != "k-fold":
                        train, test, _ = shifted(args.folder, items, split)
                    for name in args.settings.split(","):
                        setting = app.config.model_copy(update={"combination": SETTINGS[name]})
                        # a pipeline per setting (its steps keep the config they were made
                        # with); the models, and so the embeddings made, are shared
                        pipeline = Pipeline(setting, app.pm, db, app.models)
                        result = measure(pipeline, test, train, mode=split)
                        figures.append({"split": split, "setting": name, **result})
                        print(
                            f"{split:>10}  {name:<18} n={result['messages']:<4} "
                            f"accuracy {result['accuracy']:.3f}  "
                            f"macro-F1 {result['macro_f1']:.3f}  "
                            f"junk {result['junk_accuracy']:.3f}  "
                            f"learned on {result['learned_combination']:.0%}",
                            flush=True,
                        )
            finally:
                db.close()
    finally:
        app.close()
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
