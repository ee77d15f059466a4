"""Fixtures for the real components: SQLite files, PostgreSQL, the GGUF models, the CLI.

Every test runs with its own config, data and config directories; the model cache (where
Gemma is assembled and file hashes are kept) is shared by the whole session so each model
is assembled and hashed once.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from agent.app import App
from agent.cli import cli
from models.config import InferenceConfig
from models.runtime import ModelPool
from tests.dovecot import DovecotServer
from tests.postgres import PostgresCluster, new_cluster, postgres_unavailable_reason

SHARED = Path(__file__).resolve().parents[2] / "shared"


def shared_dir(*parts: str) -> Path:
    """A folder of ../shared, or skip the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.is_dir():
        pytest.skip(f"{path} is absent: the shared evaluation material is not checked out here")
    return path


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache directory for the session: models are assembled and hashed once."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def isolated_dirs(
    tmp_path: Path, model_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Point the user's config and data directories at the test's own tmp dir."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(model_cache))
    monkeypatch.delenv("MAILAGENT_CONFIG", raising=False)
    yield


@pytest.fixture
def dovecot() -> Iterator[DovecotServer]:
    """A private dovecot on 127.0.0.1, stopped and removed afterwards.

    It lives outside pytest's tmp dir: pytest resets /tmp/pytest-of-<user> to mode 0700 when
    a session starts, and dovecot's unprivileged processes must traverse the path.
    """
    base = Path(tempfile.mkdtemp(prefix="mailagent-dovecot-"))
    base.chmod(0o755)
    server = DovecotServer(base)
    server.start()
    yield server
    server.stop()
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    """The session's throw-away PostgreSQL cluster, started when a test first needs it."""
    reason = postgres_unavailable_reason()
    if reason is not None:
        pytest.skip(reason)
    cluster = new_cluster()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of a new, empty database: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'mailagent.db'}"
    cluster: PostgresCluster = request.getfixturevalue("postgres")
    return cluster.create_database()


NO_STARTER = "[learning]\nstarter_examples = false\n"
"""Tests learn only the examples they name: the starter set (60 embeddings) stays out."""

MODEL_PLUGINS_OFF = '[plugins]\ndisabled = ["generative", "extract-model", "draft"]\n'
"""Config lines that disable the plugins asking a model (classify embeddings stay)."""

NO_MODEL_PLUGINS = NO_STARTER + MODEL_PLUGINS_OFF
"""Only the plugins needing no model: the examples classifier abstains untaught."""


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    """A user config holding a database URL in the test's tmp dir, without the starter set."""
    path = tmp_path / "config.toml"
    path.write_text(f'[storage]\nurl = "sqlite:///{tmp_path / "mailagent.db"}"\n{NO_STARTER}')
    return path


@pytest.fixture(scope="session")
def model_pool() -> Iterator[ModelPool]:
    """The session's loaded models: each GGUF is loaded once for every test that needs it."""
    pool = ModelPool(InferenceConfig())
    yield pool
    pool.close()


@pytest.fixture
def app(config_file: Path, model_pool: ModelPool) -> Iterator[App]:
    """An App on the test's config, sharing the session's loaded models."""
    instance = App(config_file, pool=model_pool)
    yield instance
    instance.close()


@pytest.fixture
def run_cli(app: App) -> Iterator[object]:
    """Invoke the CLI in-process on the test's App; returns click's Result."""
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(cli, ["--config", str(app.config_path), *args], obj=app)

    yield invoke
