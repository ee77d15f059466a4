"""A private, throw-away PostgreSQL cluster for tests, on 127.0.0.1.

``initdb`` makes a cluster in a temporary directory, ``pg_ctl`` starts it on a free port with
its socket in that directory, and :meth:`PostgresCluster.create_database` gives each test a
fresh database. PostgreSQL refuses to run as root, so when the tests do, the cluster's files
and processes belong to the ``postgres`` OS user (Debian's ``postgresql`` package makes it).
The directory lives directly under /tmp, not in pytest's tmp dir (mode 0700, root's only).
"""

from __future__ import annotations

import itertools
import os
import pwd
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.dovecot import HOST, free_port

DEBIAN_BINARIES = Path("/usr/lib/postgresql")
"""Debian's server binaries: /usr/lib/postgresql/<version>/bin, not on PATH."""


def postgres_bindir() -> Path | None:
    """The directory holding ``initdb`` and ``pg_ctl`` (Debian's newest, else PATH's)."""
    versions = sorted(
        (path.parent for path in DEBIAN_BINARIES.glob("*/bin/initdb")),
        key=lambda bindir: [int(part) for part in re.findall(r"\d+", bindir.parent.name)],
    )
    if versions:
        return versions[-1]
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def postgres_unavailable_reason() -> str | None:
    """Why a cluster cannot start here (for ``pytest.skip``), or None when it can."""
    if postgres_bindir() is None:
        return "the PostgreSQL server binaries are absent (apt-get install postgresql)"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install 'mailagent[postgres]')"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "tests run as root and there is no postgres OS user to run the server as"
    return None


class PostgresCluster:
    """A cluster in ``base`` that only the tests use, trusting every local connection."""

    def __init__(self, base: Path) -> None:
        bindir = postgres_bindir()
        if bindir is None:
            raise RuntimeError(postgres_unavailable_reason())
        self.bindir = bindir
        self.base = base
        self.data = base / "data"
        self.port = 0
        self._names = itertools.count(1)
        self._owner = pwd.getpwnam("postgres") if os.geteuid() == 0 else None

    def _run(self, *argv: str) -> None:
        """Run a server binary as the cluster's owner; its output is in the error on failure."""
        owner = self._owner
        result = subprocess.run(
            [str(self.bindir / argv[0]), *argv[1:]],
            cwd=self.base,
            capture_output=True,
            text=True,
            user=owner.pw_uid if owner else None,
            group=owner.pw_gid if owner else None,
            extra_groups=[] if owner else None,
            env={**os.environ, "LC_ALL": "C.UTF-8"},
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} failed:\n{result.stdout}{result.stderr}")

    def start(self) -> None:
        """Create the cluster and start it, waiting until it accepts connections."""
        if self._owner is not None:
            os.chown(self.base, self._owner.pw_uid, self._owner.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-sync")
        self.port = free_port(HOST)
        # Durability is off: the cluster is thrown away, and the tests need no fsync.
        options = (
            f"-c listen_addresses={HOST} -p {self.port} -k {self.base} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        log = str(self.base / "server.log")
        self._run("pg_ctl", "-D", str(self.data), "-l", log, "-o", options, "-w", "start")

    def stop(self) -> None:
        """Stop the server (it is gone once this returns) and remove its files."""
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        shutil.rmtree(self.base, ignore_errors=True)

    def url(self, database: str) -> str:
        """The SQLAlchemy URL of ``database`` on this cluster."""
        return f"postgresql+psycopg://postgres@{HOST}:{self.port}/{database}"

    def create_database(self) -> str:
        """A new, empty database; its SQLAlchemy URL."""
        import psycopg

        name = f"test_{next(self._names)}"
        with psycopg.connect(self.url("postgres").replace("+psycopg", ""), autocommit=True) as c:
            c.execute(f"CREATE DATABASE {name}")
        return self.url(name)


def new_cluster() -> PostgresCluster:
    """A started cluster in a new directory under /tmp."""
    cluster = PostgresCluster(Path(tempfile.mkdtemp(prefix="mailagent-postgres-")))
    try:
        cluster.start()
    except BaseException:
        cluster.stop()
        raise
    return cluster
