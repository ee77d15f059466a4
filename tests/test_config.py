"""Config loading: defaults, merging, lookup order, and errors that name file and key."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from agent.cli import cli
from agent.config import bundled_defaults_text, load_config, merge
from agent.errors import ConfigError


def test_bundled_defaults_work_as_they_are() -> None:
    config, path = load_config()
    assert path is None
    assert list(config.categories) == [
        "spam",
        "phishing",
        "newsletter",
        "mailing-list",
        "work",
        "personal",
    ]
    assert config.tasks.classify == ["gemma3-270m"]
    assert config.storage.url == ""
    assert config.storage.resolved_url.endswith("mailagent/mailagent.db")


def test_repository_config_is_the_bundled_default(tmp_path: Path) -> None:
    # what an install falls back on without a user file is the documented config.toml
    empty = tmp_path / "empty.toml"
    empty.write_text("")
    defaults, _ = load_config(empty)
    documented, _ = load_config(Path(__file__).resolve().parents[1] / "config.toml")
    assert defaults == documented
    assert tomllib.loads(bundled_defaults_text()) == tomllib.loads(
        (Path(__file__).resolve().parents[1] / "config.toml").read_text()
    )


def test_user_file_with_one_key_is_merged_over_defaults(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('[storage]\nurl = "sqlite:///x.db"\n')
    config, found = load_config(path)
    assert found == path
    assert config.storage.url == "sqlite:///x.db"
    assert config.storage.busy_timeout_s == 30.0
    assert "work" in config.categories


def test_user_category_is_added_to_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('[categories.invoices]\ndescription = "Bills to pay"\n')
    config, _ = load_config(path)
    assert config.categories["invoices"].description == "Bills to pay"
    assert "spam" in config.categories


def test_merge_replaces_lists_and_merges_tables() -> None:
    merged = merge({"a": {"x": 1, "y": [1, 2]}, "b": 1}, {"a": {"y": [3]}})
    assert merged == {"a": {"x": 1, "y": [3]}, "b": 1}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[storage]\nurll = 'x'\n", "storage.urll: unknown key"),
        ("[inference]\nthreads = -1\n", "inference.threads: Input should be greater than"),
        ("[tasks]\nclassify = []\n", "tasks.classify: name at least one model"),
        ("[drafting]\ncategories = ['bogus']\n", "unknown categories ['bogus']"),
        ("[models.m]\nbackend = 'llama_cpp'\n", "models.m: set exactly one of"),
        ("[models.m]\npath = '/x.gguf'\nsha256 = 'abc'\n", "models.m.sha256: sha256 must be 64"),
        ("[storage\nurl = 1\n", "not valid TOML"),
    ],
)
def test_bad_file_error_names_file_and_key(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert str(path) in str(raised.value)
    assert expected in str(raised.value)


def test_lookup_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user_dir = tmp_path / "xdg-config" / "mailagent"
    user_dir.mkdir(parents=True)
    (user_dir / "config.toml").write_text('[storage]\nurl = "sqlite:///user.db"\n')
    assert load_config()[0].storage.url == "sqlite:///user.db"

    env_file = tmp_path / "env.toml"
    env_file.write_text('[storage]\nurl = "sqlite:///env.db"\n')
    monkeypatch.setenv("MAILAGENT_CONFIG", str(env_file))
    assert load_config()[0].storage.url == "sqlite:///env.db"

    explicit = tmp_path / "explicit.toml"
    explicit.write_text('[storage]\nurl = "sqlite:///explicit.db"\n')
    assert load_config(explicit)[0].storage.url == "sqlite:///explicit.db"


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read config file"):
        load_config(tmp_path / "nope.toml")


def test_cli_reports_bad_config_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("[storage]\nbogus = 1\n")
    result = CliRunner().invoke(cli, ["--config", str(path), "messages", "list"])
    assert result.exit_code == 1
    assert f"Error: {path}: invalid configuration" in result.output
    assert "storage.bogus: unknown key" in result.output
    assert "Traceback" not in result.output


def test_task_naming_unknown_model_lists_the_known_ones(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(f'[storage]\nurl = "sqlite:///{tmp_path}/db"\n[tasks]\nclassify = "nope"\n')
    result = CliRunner().invoke(cli, ["--config", str(path), "models", "list"])
    assert result.exit_code == 1
    assert "unknown model 'nope'" in result.output
    assert "gemma3-270m" in result.output
