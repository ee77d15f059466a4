r"""A private, throw-away dovecot IMAP server for tests.

Usage::

    if not dovecot_available():
        pytest.skip(dovecot_unavailable_reason())
    with DovecotServer(tmp_path / "imap") as server:
        uid = server.append("alex", "INBOX", b"Subject: hi\r\n\r\nbody\r\n")
        with server.client("alex") as imap:
            ...

Note: ``imapclient.DRAFTS`` etc. are not exported at package level; use
``imapclient.imapclient.DRAFTS`` with ``find_special_folder()``. Dovecot sends IDLE
notifications (EXISTS) about 0.5 s after another session changed the mailbox.

Only dovecot 2.3 (Debian 12's ``dovecot-imapd``) config syntax is generated; 2.4 changed the
config language and is reported as unavailable.

Permissions, when run as root (dovecot refuses to run login/mail processes as root):

* login processes run as ``dovenull``, internal ones (auth, anvil, stats) as ``dovecot``, and
  the mail processes (userdb uid/gid) as ``nobody:nogroup``; mail directories are chowned to it.
* Those users must be able to *traverse* to ``base_dir``, but pytest's ``tmp_path`` lives under
  ``/tmp/pytest-of-root/`` which is mode 0700. So ``base_dir`` and every ancestor that lacks it
  get the ``o+x`` bit (search only, never read/list). Nothing is made world-readable except the
  test-only passwd file.
* Dovecot's runtime dir holds unix sockets, whose paths are limited to ~107 bytes. If
  ``base_dir/run`` is too long for that, the runtime dir is a short ``/tmp/dovecot-run-*``
  directory instead (symlinked from ``base_dir/run``) and removed again by ``stop()``.

When run as a normal user, every dovecot process runs as that user and chroots are disabled.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import grp
import os
import pwd
import re
import shutil
import signal
import socket
import stat
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    import imapclient

DEFAULT_USERS: dict[str, str] = {"alex": "secret-alex", "sam": "secret-sam"}
HOST = "127.0.0.1"
START_TIMEOUT = 10.0
STOP_TIMEOUT = 10.0
# How long an APPEND may be refused while a DELETE of its folder settles (see ``append``).
_SETTLE_S = 15.0
# Longest socket name dovecot 2.3 creates below its base_dir is ~24 chars ("token-login/...").
_MAX_RUN_DIR_LEN = 70
# Special-use mailboxes: name -> flag. All are auto-created and subscribed.
SPECIAL_MAILBOXES: dict[str, str] = {
    "Drafts": "\\Drafts",
    "Sent": "\\Sent",
    "Trash": "\\Trash",
    "Junk": "\\Junk",
}
# Per-mailbox state files of a Maildir folder (removed when INBOX is recreated).
_MAILDIR_STATE_FILES = (
    "dovecot-uidlist",
    "dovecot-uidlist.lock",
    "dovecot-keywords",
    "dovecot.index",
    "dovecot.index.log",
    "dovecot.index.log.2",
    "dovecot.index.cache",
)


# Servers started and not yet stopped; stopped at interpreter exit as a safety net.
_RUNNING: set[DovecotServer] = set()


@atexit.register
def _stop_all() -> None:
    """Stop servers a crashed or interrupted test run left behind."""
    for server in list(_RUNNING):
        server.stop()


def dovecot_binary() -> str | None:
    """Return the path of the ``dovecot`` binary, or None if it is not installed."""
    found = shutil.which("dovecot")
    if found:
        return found
    fallback = "/usr/sbin/dovecot"
    return fallback if os.access(fallback, os.X_OK) else None


@functools.cache
def dovecot_version() -> tuple[int, int] | None:
    """Return dovecot's (major, minor) version, or None if it cannot be determined."""
    binary = dovecot_binary()
    if binary is None:
        return None
    try:
        out = subprocess.run(
            [binary, "--version"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.match(r"\s*(\d+)\.(\d+)", out)
    return (int(match.group(1)), int(match.group(2))) if match else None


def dovecot_unavailable_reason() -> str | None:
    """Return why DovecotServer cannot run here (for ``pytest.skip``), or None if it can."""
    if dovecot_binary() is None:
        return "dovecot is not installed (apt-get install dovecot-imapd)"
    version = dovecot_version()
    if version is None:
        return "cannot determine the dovecot version (`dovecot --version` failed)"
    if version[:2] != (2, 3):
        return f"dovecot {version[0]}.{version[1]} found; tests/dovecot.py supports 2.3 only"
    return None


needs_dovecot = pytest.mark.skipif(
    dovecot_unavailable_reason() is not None,
    reason=f"needs Debian's dovecot-imapd: {dovecot_unavailable_reason()}",
)
"""Marks the tests that run against a private dovecot server."""


def dovecot_available() -> bool:
    """Return True if a supported ``dovecot`` binary is on PATH or in /usr/sbin."""
    return dovecot_unavailable_reason() is None


def free_port(host: str = HOST) -> int:
    """Return a TCP port on ``host`` that is currently free (bind to port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _session_pids(sid: int) -> list[int]:
    """Return the live (non-zombie) processes whose session id is ``sid``."""
    pids: list[int] = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            data = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # Fields after the command name "(...)": state ppid pgrp session ...
        fields = data[data.rfind(")") + 2 :].split()
        if len(fields) > 3 and fields[0] != "Z" and int(fields[3]) == sid:
            pids.append(int(entry))
    return pids


def _port_open(host: str, port: int) -> bool:
    """Return True if something accepts TCP connections on host:port."""
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


class DovecotServer:
    """A private dovecot IMAP server on 127.0.0.1 for tests (plain IMAP, no TLS)."""

    host: str
    port: int

    def __init__(self, base_dir: Path, users: dict[str, str] | None = None) -> None:
        """Prepare (but do not start) a server keeping all its files in ``base_dir``."""
        self.base_dir = Path(base_dir).absolute()
        if re.search(r"\s", str(self.base_dir)):
            raise ValueError(f"dovecot config cannot hold paths with whitespace: {base_dir}")
        self.users: dict[str, str] = dict(DEFAULT_USERS if users is None else users)
        for name, password in self.users.items():
            if not re.fullmatch(r"[A-Za-z0-9._@+-]+", name) or re.search(r"[:\s]", password):
                raise ValueError(f"unsupported user name or password for {name!r}")
        self.host = HOST
        self.port = 0
        self.config_path = self.base_dir / "dovecot.conf"
        self.passwd_path = self.base_dir / "passwd"
        self.mail_dir = self.base_dir / "mail"
        self.state_dir = self.base_dir / "state"
        self.log_path = self.base_dir / "dovecot.log"
        self.stderr_path = self.base_dir / "dovecot.stderr"
        self.run_dir = self.base_dir / "run"
        self._short_run_dir: Path | None = None
        self._runtime_dir = self.run_dir
        self._proc: subprocess.Popen[bytes] | None = None
        self._as_root = os.geteuid() == 0
        if self._as_root:
            self._login_user = _first_user("dovenull", "nobody")
            self._internal_user = _first_user("dovecot", "nobody")
            self._internal_group = grp.getgrgid(
                _first_gid("dovecot", default=pwd.getpwnam(self._internal_user).pw_gid)
            ).gr_name
            mail_user = pwd.getpwnam(_first_user("nobody", "dovecot"))
            self.mail_uid = mail_user.pw_uid
            self.mail_gid = _first_gid("nogroup", "nobody", default=mail_user.pw_gid)
        else:
            me = pwd.getpwuid(os.getuid()).pw_name
            self._login_user = self._internal_user = me
            self._internal_group = grp.getgrgid(os.getgid()).gr_name
            self.mail_uid, self.mail_gid = os.getuid(), os.getgid()

    # -- lifecycle ---------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        """True while the dovecot master process is alive."""
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> None:
        """Start dovecot and wait (bounded) until it answers with an IMAP greeting."""
        if self.running:
            return
        binary = dovecot_binary()
        reason = dovecot_unavailable_reason()
        if binary is None or reason is not None:
            raise RuntimeError(reason or "dovecot not found")
        if not self.port:
            self.port = free_port(self.host)
        self._prepare_dirs()
        self._write_config()
        self.stderr_path.write_bytes(b"")
        with self.stderr_path.open("ab") as err:
            # -F: stay in the foreground so we own the master; new session so that every
            # dovecot child process can be found (and reaped) by its session id in stop().
            self._proc = subprocess.Popen(
                [binary, "-F", "-c", str(self.config_path)],
                stdin=subprocess.DEVNULL,
                stdout=err,
                stderr=err,
                start_new_session=True,
            )
        _RUNNING.add(self)
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if self._proc.poll() is not None:
                code = self._proc.returncode
                self._cleanup_after_stop()
                raise RuntimeError(f"dovecot exited with code {code} on start:\n{self.log_tail()}")
            if self._greeting_ok():
                return
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(
                    f"dovecot did not greet on {self.host}:{self.port} within "
                    f"{START_TIMEOUT}s:\n{self.log_tail()}"
                )
            time.sleep(0.02)

    def stop(self) -> None:
        """Stop dovecot (SIGTERM to its process group), wait until no process and port is left."""
        proc = self._proc
        if proc is None:
            return
        if proc.poll() is None:
            # SIGTERM to the whole process group (the master and all its children): a SIGTERM
            # to the master alone also works, but dovecot 2.3's master then lingers ~1.1 s.
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=STOP_TIMEOUT)
        # Children that dropped privileges or were still starting may outlive the master.
        deadline = time.monotonic() + STOP_TIMEOUT / 2
        while _session_pids(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.02)
        for pid in _session_pids(proc.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + STOP_TIMEOUT / 2
        while _port_open(self.host, self.port) and time.monotonic() < deadline:
            time.sleep(0.02)
        self._cleanup_after_stop()

    def restart(self) -> None:
        """Stop and start again on the same port, keeping all mail (simulates an outage)."""
        self.stop()
        self.start()

    def __enter__(self) -> DovecotServer:
        """Start the server."""
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Stop the server."""
        self.stop()

    # -- IMAP helpers ------------------------------------------------------------------------

    def client(self, user: str = "alex", timeout: float = 10.0) -> imapclient.IMAPClient:
        """Return an IMAPClient connected to this server and logged in as ``user``."""
        import imapclient

        imap = imapclient.IMAPClient(self.host, self.port, ssl=False, timeout=timeout)
        imap.login(user, self.users[user])
        return imap

    def append(
        self, user: str, folder: str, raw: bytes, flags: tuple[bytes | str, ...] = ()
    ) -> int:
        """APPEND ``raw`` to ``folder`` of ``user`` and return the new message's UID.

        Right after ``recreate_folder`` a session that had the old folder open (a daemon in
        IDLE) can make Dovecot refuse APPEND with "Mailbox was deleted under us" until that
        session has noticed the DELETE. Nothing is stored then, so the APPEND is tried again
        on a new connection, for at most ``_SETTLE_S`` seconds.
        """
        deadline = time.monotonic() + _SETTLE_S
        while True:
            with self.client(user) as imap:
                try:
                    response = imap.append(folder, raw, flags=flags)
                except imap.Error as error:
                    if "deleted under us" not in str(error) or time.monotonic() > deadline:
                        raise
                    time.sleep(0.25)
                    continue
                text = response.decode() if isinstance(response, bytes) else str(response)
                match = re.search(r"APPENDUID \d+ (\d+)", text)
                if match:
                    return int(match.group(1))
                imap.select_folder(folder, readonly=True)
                uids = imap.search(["ALL"])
                if not uids:
                    raise RuntimeError(f"APPEND to {folder!r} succeeded but the folder is empty")
                return int(max(uids))

    def uidvalidity(self, user: str, folder: str) -> int:
        """Return the UIDVALIDITY of ``folder`` (via STATUS)."""
        with self.client(user) as imap:
            return int(imap.folder_status(folder, [b"UIDVALIDITY"])[b"UIDVALIDITY"])

    def recreate_folder(self, user: str, folder: str, attempts: int = 3) -> tuple[int, int]:
        """Delete and re-create ``folder`` so that its UIDVALIDITY changes and its mail is gone.

        Returns ``(old_uidvalidity, new_uidvalidity)``; they are verified to differ. Other
        folders use IMAP DELETE + CREATE (+ SUBSCRIBE). INBOX cannot be deleted over IMAP, so
        for INBOX the server is stopped, the INBOX Maildir state is wiped and the server is
        started again on the same port: this disconnects every client, like a server-side
        maintenance would. UIDs restart at 1 in the new folder.
        """
        old = self.uidvalidity(user, folder)
        for _ in range(attempts):
            if folder.upper() == "INBOX":
                self.stop()
                self._wipe_maildir(self.mail_dir / user / "Maildir")
                self.start()
            else:
                with self.client(user) as imap:
                    imap.delete_folder(folder)
                    imap.create_folder(folder)
                    imap.subscribe_folder(folder)
            new = self.uidvalidity(user, folder)
            if new != old:
                return old, new
            time.sleep(1.05)  # UIDVALIDITY is time based; make sure the clock moved on.
        raise RuntimeError(f"UIDVALIDITY of {folder!r} stayed {old} after {attempts} attempts")

    def kick(self, user: str = "alex") -> None:
        """Disconnect every IMAP session of ``user`` (``doveadm kick``), as an admin would."""
        subprocess.run(
            ["doveadm", "-c", str(self.config_path), "kick", user],
            check=True,
            capture_output=True,
            timeout=STOP_TIMEOUT,
        )

    def idling(self, user: str = "alex") -> int:
        """How many IMAP sessions of ``user`` are in IDLE (from dovecot's process titles)."""
        if self._proc is None:
            return 0
        count = 0
        for pid in _session_pids(self._proc.pid):
            try:
                title = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
            except OSError:
                continue
            count += f"[{user} ".encode() in title and b" IDLE]" in title
        return count

    def log_tail(self, n: int = 50) -> str:
        """Return the last ``n`` lines of dovecot's log (plus anything it wrote to stderr)."""
        parts: list[str] = []
        for path in (self.log_path, self.stderr_path):
            try:
                lines = path.read_text(errors="replace").splitlines()
            except OSError:
                continue
            if lines:
                parts.append(f"--- {path} ---")
                parts.extend(lines[-n:])
        return "\n".join(parts) if parts else "(dovecot wrote no log)"

    # -- internals ---------------------------------------------------------------------------

    def _greeting_ok(self) -> bool:
        """Return True if the port answers with an untagged ``* OK`` greeting."""
        try:
            with socket.create_connection((self.host, self.port), timeout=1.0) as sock:
                sock.settimeout(1.0)
                data = b""
                while b"\n" not in data and len(data) < 4096:
                    chunk = sock.recv(4096)
                    if not chunk:
                        break
                    data += chunk
                return data.startswith(b"* OK")
        except OSError:
            return False

    def _prepare_dirs(self) -> None:
        """Create base_dir's layout with ownership and modes the dovecot users can use."""
        self.base_dir.mkdir(parents=True, exist_ok=True)
        if self._as_root:
            # Let dovenull/dovecot/nobody traverse to base_dir (see the module docstring).
            for directory in [self.base_dir, *self.base_dir.parents]:
                mode = directory.stat().st_mode
                if not mode & stat.S_IXOTH:
                    directory.chmod(stat.S_IMODE(mode) | stat.S_IXOTH)
        self.state_dir.mkdir(exist_ok=True)
        self.mail_dir.mkdir(exist_ok=True)
        self.mail_dir.chmod(0o711)
        for user in self.users:
            home = self.mail_dir / user
            home.mkdir(exist_ok=True)
            home.chmod(0o700)
            if self._as_root:
                os.chown(home, self.mail_uid, self.mail_gid)
        self.passwd_path.write_text(
            "".join(f"{name}:{{PLAIN}}{password}::::::\n" for name, password in self.users.items())
        )
        self.passwd_path.chmod(0o644)  # read by the auth process (default_internal_user)
        if len(str(self.run_dir)) <= _MAX_RUN_DIR_LEN and not self.run_dir.is_symlink():
            self.run_dir.mkdir(exist_ok=True)
            self._runtime_dir = self.run_dir
        else:
            short = Path(tempfile.mkdtemp(prefix="dovecot-run-", dir="/tmp"))
            short.chmod(0o755)
            if self.run_dir.is_symlink():
                self.run_dir.unlink()
            self.run_dir.symlink_to(short)
            self._short_run_dir = short
            self._runtime_dir = short
        self._runtime_dir.chmod(0o755)

    def _write_config(self) -> None:
        """Write a complete, standalone dovecot 2.3 config (nothing from /etc/dovecot)."""
        mailboxes = "".join(
            f"  mailbox {name} {{\n    special_use = {flag}\n    auto = subscribe\n  }}\n"
            for name, flag in SPECIAL_MAILBOXES.items()
        )
        # Non-root: chroot() needs root, so turn the default chroots off.
        no_chroot = "" if self._as_root else "  chroot =\n"
        instance = f"mailagent-test-{self.port}"
        config = f"""\
# Generated by mailagent tests/dovecot.py - private test instance, do not edit.
protocols = imap
listen = {self.host}
base_dir = {self._runtime_dir}
state_dir = {self.state_dir}
instance_name = {instance}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_verbose = yes
default_login_user = {self._login_user}
default_internal_user = {self._internal_user}
default_internal_group = {self._internal_group}
first_valid_uid = 1
first_valid_gid = 1
log_path = {self.log_path}
info_log_path = {self.log_path}
verbose_proctitle = yes
mail_location = maildir:~/Maildir
mail_fsync = never
mail_max_userip_connections = 200
mailbox_idle_check_interval = 1 secs
login_greeting = mailagent test dovecot ready.

passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.passwd_path}
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {self.passwd_path}
  default_fields = uid={self.mail_uid} gid={self.mail_gid} home={self.mail_dir}/%u
}}

namespace inbox {{
  inbox = yes
  separator = /
{mailboxes}}}

service imap-login {{
{no_chroot}  inet_listener imap {{
    address = {self.host}
    port = {self.port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
{no_chroot}}}
"""
        self.config_path.write_text(config)

    def _wipe_maildir(self, maildir: Path) -> None:
        """Remove the messages and dovecot state of one Maildir folder (server stopped)."""
        for sub in ("cur", "new", "tmp"):
            for entry in (maildir / sub).glob("*"):
                entry.unlink()
        for name in _MAILDIR_STATE_FILES:
            (maildir / name).unlink(missing_ok=True)

    def _cleanup_after_stop(self) -> None:
        """Forget the master process and remove a short runtime dir outside base_dir."""
        self._proc = None
        _RUNNING.discard(self)
        if self._short_run_dir is not None:
            shutil.rmtree(self._short_run_dir, ignore_errors=True)
            if self.run_dir.is_symlink():
                self.run_dir.unlink()
            self._short_run_dir = None


def _first_user(*names: str) -> str:
    """Return the first of ``names`` that exists as a system user."""
    for name in names:
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError(f"none of the system users {names} exist")


def _first_gid(*names: str, default: int) -> int:
    """Return the gid of the first existing group in ``names``, else ``default``."""
    for name in names:
        try:
            return grp.getgrnam(name).gr_gid
        except KeyError:
            continue
    return default
