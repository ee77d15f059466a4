"""``mailagent learn``: import a labelled folder as examples for the learning classifiers."""

from __future__ import annotations

from pathlib import Path

import click

from agent.app import App
from agent.cli.output import print_table, progress_bar
from agent.learning import labelled_files, learn_files


@click.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.pass_obj
def learn(app: App, folder: Path) -> None:
    """Learn from a labelled folder: FOLDER/<category>/*.eml become examples.

    Each message is embedded by the classify model and stored with its label; the
    learning classifiers use the examples from the next message on. Learning the same
    message again replaces its label.
    """
    files = labelled_files(folder, app.config.categories)
    model = app.models.handle("classify")
    with progress_bar() as progress:
        task = progress.add_task(f"learning with {model.name}", total=len(files))
        learned = learn_files(app.db, model, files, lambda: progress.advance(task))
    print_table(
        f"examples learned from {folder} with {model.name}",
        ["category", "examples"],
        sorted(learned.items()),
    )


def register(cli: click.Group) -> None:
    """Add the ``learn`` command."""
    cli.add_command(learn)
