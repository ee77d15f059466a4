"""The lazy command line: its table matches the code, and help loads nothing it need not."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import agent.cli
from agent.cli import cli
from agent.cli.commands import BUILTIN, builtin_command, commands_of
from agent.plugins import GROUP, get_plugin_manager

ROOT = Path(__file__).resolve().parents[1]


def command_modules() -> list[str]:
    """Every module of agent.cli that registers commands."""
    names = (f"agent.cli.{info.name}" for info in pkgutil.iter_modules(agent.cli.__path__))
    return [name for name in names if hasattr(__import__(name, fromlist=["_"]), "register")]


def test_the_lazy_table_names_every_command_of_every_module() -> None:
    registered = {name: module for module in command_modules() for name in commands_of(module)}
    assert registered == {name: entry.module for name, entry in BUILTIN.items()}


@pytest.mark.parametrize("name", sorted(BUILTIN))
def test_a_listed_command_has_the_help_of_its_module(name: str) -> None:
    command = builtin_command(name)
    listed = click.Command(name, help=BUILTIN[name].help)
    assert command.name == name and not command.hidden
    for limit in range(10, 120):
        assert listed.get_short_help_str(limit) == command.get_short_help_str(limit)


def test_mailagents_own_plugins_add_no_command() -> None:
    """The command listing skips them on that promise."""
    own = {p.name for p in entry_points(group=GROUP) if p.dist and p.dist.name == "mailagent"}
    pm = get_plugin_manager()
    adding = {impl.plugin_name for impl in pm.hook.register_commands.get_hookimpls()}
    assert own and not own & adding


def imported_after(*argv: str, config: Path | None = None) -> tuple[str, set[str]]:
    """Run ``mailagent ARGV`` in a fresh process: its output and the modules it imported."""
    script = (
        "import sys\nfrom agent.cli import cli\n"
        "try:\n    cli(sys.argv[1:], prog_name='mailagent')\n"
        "except SystemExit:\n    pass\n"
        "print('\\n'.join(sys.modules), file=sys.stderr)\n"
    )
    env_config = ["--config", str(config)] if config else []
    run = subprocess.run(
        [sys.executable, "-c", script, *env_config, *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return run.stdout, set(run.stderr.split())


def test_help_lists_every_command_and_imports_none() -> None:
    output, modules = imported_after("--help")
    assert all(f"  {name} " in output for name in BUILTIN)
    loaded = {m for m in modules if m.startswith(("agent.cli.", "plugins."))}
    assert loaded == {"agent.cli.commands", "agent.cli.group"}
    assert not {"agent.config", "agent.app", "storage.db", "sqlalchemy", "numpy"} & modules


@pytest.mark.parametrize(
    ("argv", "shown"),
    [
        (["plugins", "--help"], "Installed plugins, builtin and external."),
        (["drafts", "list", "--help"], "Usage: mailagent drafts list [OPTIONS]"),
    ],
)
def test_a_commands_help_needs_no_config_and_loads_no_plugin(
    argv: list[str], shown: str, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[storage\n")
    output, modules = imported_after(*argv, config=broken)
    assert shown in output
    assert not any(m.startswith("plugins.") for m in modules)
    assert "alembic" not in modules


def test_an_option_value_that_reads_help_still_runs_the_command(tmp_path: Path) -> None:
    """Only a real --help skips loading the config: here it is the value of --format."""
    broken = tmp_path / "broken.toml"
    broken.write_text("[storage\n")
    result = CliRunner().invoke(cli, ["--config", str(broken), "digest", "--since", "--help"])
    assert result.exit_code == 1
    assert "not valid TOML" in result.output


HELLO = '''
import click
from agent import hookimpl


@hookimpl
def register_commands(cli):
    @cli.command()
    def hello():
        """Say hello from a plugin."""
        from agent import egress

        click.echo(f"hello, egress guard armed: {egress.guard().policy is not None}")

    @cli.command("stats")
    def stats():
        """Not the builtin stats."""
'''


@pytest.fixture
def hello_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An installed plugin, ``hello``, that adds a ``hello`` command (and tries ``stats``)."""
    (tmp_path / "mailagent_hello.py").write_text(HELLO)
    info = tmp_path / "mailagent_hello-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: mailagent-hello\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[mailagent]\nhello = mailagent_hello\n")
    monkeypatch.syspath_prepend(str(tmp_path))


@pytest.mark.usefixtures("hello_plugin")
def test_a_plugins_command_is_listed_and_runs_guarded(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[storage]\nurl = "sqlite:///{tmp_path}/db"\n')
    listing = CliRunner().invoke(cli, ["--config", str(config), "--help"])
    assert "  hello     Say hello from a plugin." in listing.output
    assert "Not the builtin" not in listing.output
    result = CliRunner().invoke(cli, ["--config", str(config), "hello"])
    assert (result.exit_code, result.output) == (0, "hello, egress guard armed: True\n")


@pytest.mark.usefixtures("hello_plugin")
def test_a_disabled_plugin_adds_no_command(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[plugins]\ndisabled = ["hello"]\n')
    listing = CliRunner().invoke(cli, ["--config", str(config), "--help"])
    assert "hello" not in listing.output
    result = CliRunner().invoke(cli, ["--config", str(config), "hello"])
    assert result.exit_code == 2 and "No such command 'hello'" in result.output
