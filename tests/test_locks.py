"""Folder locks on SQLite (flock) and PostgreSQL (advisory locks), held by real processes."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading

from storage.config import StorageConfig
from storage.db import Database
from storage.locks import folder_lock

HOLD = """
import sys, time
from storage.config import StorageConfig
from storage.db import Database
from storage.locks import folder_lock
lock = folder_lock(Database(StorageConfig(url=sys.argv[1])), "test", "INBOX")
print(lock.try_acquire(), flush=True)
time.sleep(600)
"""


def test_a_folder_lock_names_its_holder_and_dies_with_it(db_url: str) -> None:
    db = Database(StorageConfig(url=db_url))
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, db_url], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "True"
        lock = folder_lock(db, "test", "INBOX")
        stop = threading.Event()
        stop.set()
        busy = lock.take(wait=False, stop=stop, on_wait=print)
        assert busy is not None and f"process {holder.pid} on " in busy
        other = folder_lock(db, "test", "Work")
        assert other.try_acquire()
        other.release()
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        assert lock.take(wait=True, stop=threading.Event(), on_wait=print) is None
        assert not folder_lock(db, "test", "INBOX").try_acquire()
        lock.release()
        again = folder_lock(db, "test", "INBOX")
        assert again.try_acquire()
        again.release()
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait(timeout=30)
