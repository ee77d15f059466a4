"""One worker per folder: a lock a process holds for as long as it works a folder.

On SQLite the lock is an exclusive ``flock`` on a small file beside the database, one per
folder. The kernel frees it the moment its process ends, even by ``kill -9``, so there is no
lease to expire and nothing to renew; the file says who took it, for the next process to
report. On PostgreSQL it is a session advisory lock on a connection kept open while the
folder is worked: the server frees it when that connection ends, and ``pg_locks`` with
``pg_stat_activity`` say who holds it, so workers on several machines share one database.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import socket
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.engine import make_url

from storage.db import Database, StorageError

WAIT_POLL_S = 1.0


def whoami() -> str:
    """This process, as a sentence part: "process 12 on host, since 2026-12-05 12:00:00 UTC"."""
    started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    return f"process {os.getpid()} on {socket.gethostname()}, since {started}"


def _key(account: str, folder: str) -> bytes:
    return hashlib.sha256(f"{account}\0{folder}".encode()).digest()


class FolderLock(ABC):
    """The lock on one folder; take it with :meth:`acquire`, give it back with :meth:`release`."""

    @abstractmethod
    def try_acquire(self) -> bool:
        """Take the lock if it is free (or already ours); whether this process now holds it."""

    @abstractmethod
    def holder(self) -> str | None:
        """Who holds the lock, as a sentence part ("process 12 on host, since ..."), if known."""

    @abstractmethod
    def release(self) -> None:
        """Give the lock back; does nothing when it is not held."""

    def take(
        self, wait: bool, stop: threading.Event, on_wait: Callable[[str], object]
    ) -> str | None:
        """Take the lock: None once it is held, else who holds it (the lock was left to them).

        With ``wait``, tell ``on_wait`` who holds it and keep trying until it is free or
        ``stop`` is set.
        """
        if self.try_acquire():
            return None
        holder = self.holder() or "another process"
        if wait:
            on_wait(holder)
            while not stop.wait(WAIT_POLL_S):
                if self.try_acquire():
                    return None
        return holder


class FileFolderLock(FolderLock):
    """An exclusive ``flock`` on a file in the folder-locks directory beside a SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def try_acquire(self) -> bool:
        if self._fd is not None:
            return True
        self.path.parent.mkdir(mode=0o700, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.pwrite(fd, whoami().encode(), 0)
        self._fd = fd
        return True

    def holder(self) -> str | None:
        if self._fd is None and _flocked(self.path) is False:
            return None  # the file names its last holder, who has let it go
        try:
            return self.path.read_text().strip() or None
        except OSError:
            return None

    def release(self) -> None:
        if self._fd is not None:
            # The file stays: removing it would let a waiter lock an inode nobody else sees.
            os.close(self._fd)
            self._fd = None


def _flocked(path: Path) -> bool | None:
    """Whether some process holds a ``flock`` on ``path``, from Linux's ``/proc/locks``.

    None where that cannot be told (another system, or the file is missing).
    """
    try:
        stat = path.stat()
        table = Path("/proc/locks").read_text()
    except OSError:
        return None
    device = f"{os.major(stat.st_dev):02x}:{os.minor(stat.st_dev):02x}:{stat.st_ino}"
    return any(
        fields[1] == "FLOCK" and fields[5] == device
        for fields in (line.split() for line in table.splitlines())
        if len(fields) > 5
    )


class AdvisoryFolderLock(FolderLock):
    """A PostgreSQL session advisory lock, held on its own connection."""

    def __init__(self, db: Database, key: bytes) -> None:
        self.db = db
        self.key = int.from_bytes(key[:8], "big", signed=True)
        self._connection: Connection | None = None

    def try_acquire(self) -> bool:
        if self._connection is not None:
            return True
        connection = self.db.engine.connect()
        try:
            taken = connection.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": self.key})
            if taken:
                connection.execute(
                    text("SELECT set_config('application_name', :name, false)"),
                    {"name": f"mailagent {whoami()}"[:63]},
                )
            connection.commit()
        except Exception:
            connection.close()
            raise
        if not taken:
            connection.close()
            return False
        self._connection = connection
        return True

    def holder(self) -> str | None:
        unsigned = self.key & 0xFFFFFFFFFFFFFFFF
        with self.db.engine.connect() as connection:
            row: Any = connection.execute(
                text(
                    "SELECT a.application_name, a.client_addr, a.pid FROM pg_locks l "
                    "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' "
                    "AND l.granted AND l.objsubid = 1 AND l.classid = :high AND l.objid = :low"
                ),
                {"high": unsigned >> 32, "low": unsigned & 0xFFFFFFFF},
            ).first()
        if row is None:
            return None
        name, address, backend = row
        return f"{name or 'a client'} (server pid {backend}, from {address or 'a local socket'})"

    def release(self) -> None:
        if self._connection is not None:
            try:
                self._connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": self.key})
                self._connection.commit()
            finally:
                self._connection.close()
                self._connection = None


def folder_lock(db: Database, account: str, folder: str) -> FolderLock:
    """The lock of ``account``/``folder`` on this database."""
    key = _key(account, folder)
    if db.engine.dialect.name == "postgresql":
        return AdvisoryFolderLock(db, key)
    database = make_url(db.url).database
    if db.engine.dialect.name != "sqlite" or not database or database == ":memory:":
        raise StorageError("folder locks need a SQLite database file or PostgreSQL")
    directory = Path(database).expanduser().with_name(Path(database).name + ".locks")
    return FileFolderLock(directory / f"{key.hex()[:32]}.lock")


def message_lock(db: Database, message_id: int) -> FolderLock:
    """The lock a queue worker holds while it processes message ``message_id`` (PostgreSQL).

    Like a folder's, the server frees it when the holder's connection ends, so a worker
    killed mid-message leaves the message to the next one and never to two at once.
    """
    if db.engine.dialect.name != "postgresql":
        raise StorageError("message locks are for the job queue, on PostgreSQL")
    return AdvisoryFolderLock(db, _key("\0message", str(message_id)))
