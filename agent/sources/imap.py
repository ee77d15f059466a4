"""One connection to an IMAP account, through imapclient.

The agent never marks mail as read: folders are fetched with ``BODY.PEEK[]``. Messages
above the account's size cap are fetched as their headers plus the start of their body and
recorded as truncated. Every failure becomes an :class:`ImapError` whose message names the
account and what went wrong, and never the password.
"""

from __future__ import annotations

import functools
import logging
import socket
import ssl
import threading
import time
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any, NoReturn

from agent.accounts import AccountConfig, password
from agent.errors import SourceError

logger = logging.getLogger(__name__)

FETCH_BATCH = 50
TRUNCATED_BODY_BYTES = 256 * 1024
IDLE_CHECK_S = 1.0
"""How long one IDLE check blocks: the longest a stop request waits."""


class ImapError(SourceError):
    """The server could not be reached, refused the login, or dropped the connection."""


class ImapLoginError(ImapError):
    """The server refused the account's credentials."""


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """The TLS context every connection shares: the system's CA certificates, loaded once
    (loading them costs more CPU than the rest of a reconnect)."""
    return ssl.create_default_context()


def _describe(error: BaseException, account: AccountConfig) -> str:
    where = f"{account.host}:{account.resolved_port}"
    if isinstance(error, socket.gaierror):
        return f"cannot resolve {account.host}"
    if isinstance(error, ConnectionRefusedError):
        return f"connection refused by {where}"
    if isinstance(error, ssl.SSLError):
        return (
            f"TLS failed with {where} ({error.reason or type(error).__name__}); "
            f'is tls = "{account.tls}" right for port {account.resolved_port}?'
        )
    if isinstance(error, TimeoutError | socket.timeout):
        return f"{where} timed out"
    return f"connection to {where} failed: {type(error).__name__}: {error}"


class ImapConnection:
    """A logged-in connection to one account; use as a context manager."""

    def __init__(self, account: AccountConfig) -> None:
        self.account = account
        self.client: Any = None
        self.selected: str | None = None
        self.readonly = True

    def __enter__(self) -> ImapConnection:
        self.connect()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def connect(self) -> None:
        """Connect, negotiate TLS as configured, and log in."""
        from imapclient import IMAPClient
        from imapclient.exceptions import LoginError

        account = self.account
        context = _tls_context()
        try:
            client = IMAPClient(
                account.host,
                port=account.resolved_port,
                ssl=account.tls == "ssl",
                ssl_context=context,
                timeout=account.timeout_s,
            )
            if account.tls == "starttls":
                client.starttls(context)
        except Exception as error:
            raise ImapError(f"account {account.name}: {_describe(error, account)}") from None
        secret = password(account)
        try:
            client.login(account.username, secret)
        except LoginError:
            _shutdown(client)
            raise ImapLoginError(
                f"account {account.name}: the server refused the login of {account.username}"
            ) from None
        except Exception as error:
            _shutdown(client)
            raise ImapError(f"account {account.name}: {_describe(error, account)}") from None
        self.client = client
        self.selected = None
        logger.info("account %s: connected to %s", account.name, account.host)

    def close(self) -> None:
        """Log out, falling back to closing the socket; never raises."""
        if self.client is not None:
            try:
                self.client.logout()
            except Exception:
                _shutdown(self.client)
            self.client = None

    def _call(self, what: str, function: Any, *args: Any, **kwargs: Any) -> Any:
        """Run one client call, turning any failure into an ImapError naming the account."""
        if self.client is None:
            raise ImapError(f"account {self.account.name}: not connected")
        try:
            return function(*args, **kwargs)
        except ImapError:
            raise
        except Exception as error:
            self.client = None
            raise ImapError(
                f"account {self.account.name}: {what} failed: {_describe(error, self.account)}"
            ) from None

    @property
    def has_idle(self) -> bool:
        """Whether the server supports IDLE."""
        return bool(self._call("CAPABILITY", self.client.has_capability, "IDLE"))

    def select(self, folder: str, readonly: bool = True) -> int:
        """Select ``folder`` and return its UIDVALIDITY."""
        info = self._call(f"SELECT {folder}", self.client.select_folder, folder, readonly=readonly)
        self.selected, self.readonly = folder, readonly
        return int(info[b"UIDVALIDITY"])

    def uids_after(self, last_uid: int, since: date | None = None) -> list[int]:
        """UIDs above ``last_uid`` in the selected folder (and on or after ``since``)."""
        criteria: list[Any] = ["UID", f"{last_uid + 1}:*"]
        if since is not None:
            criteria += ["SINCE", since]
        found = self._call("SEARCH", self.client.search, criteria)
        # "n:*" always matches the highest UID, even when it is below n.
        return sorted(uid for uid in found if uid > last_uid)

    def fetch(self, uids: Sequence[int]) -> Iterator[tuple[int, bytes, bool]]:
        """``(uid, raw bytes, truncated)`` for each UID, in order, without setting \\Seen."""
        cap = int(self.account.max_message_mb * 1024 * 1024)
        for start in range(0, len(uids), FETCH_BATCH):
            batch = list(uids[start : start + FETCH_BATCH])
            sizes = self._call("FETCH", self.client.fetch, batch, ["RFC822.SIZE"])
            small = [uid for uid in batch if sizes.get(uid, {}).get(b"RFC822.SIZE", 0) <= cap]
            large = [uid for uid in batch if uid in sizes and uid not in small]
            bodies = self._call("FETCH", self.client.fetch, small, ["BODY.PEEK[]"]) if small else {}
            parts = (
                self._call(
                    "FETCH",
                    self.client.fetch,
                    large,
                    ["BODY.PEEK[HEADER]", f"BODY.PEEK[TEXT]<0.{TRUNCATED_BODY_BYTES}>"],
                )
                if large
                else {}
            )
            for uid in batch:
                if uid in bodies:
                    yield uid, bytes(_item(bodies[uid], b"BODY[]")), False
                elif uid in parts:
                    head = bytes(_item(parts[uid], b"BODY[HEADER]"))
                    yield uid, head + bytes(_item(parts[uid], b"BODY[TEXT]")), True

    def add_flags(self, uids: Sequence[int], flags: Sequence[str]) -> None:
        """Set flags or keywords on messages of the selected folder."""
        self._call("STORE", self.client.add_flags, list(uids), [f.encode() for f in flags])

    def move(self, uids: Sequence[int], target: str) -> None:
        """Move messages of the selected folder to ``target``.

        MOVE where the server has it; else COPY, mark deleted, and UID EXPUNGE where the
        server has UIDPLUS. Without UIDPLUS the originals stay marked ``\\Deleted`` for the
        user's client to expunge: a plain EXPUNGE would also remove what the user deleted.
        """
        if self._call("CAPABILITY", self.client.has_capability, "MOVE"):
            self._call("MOVE", self.client.move, list(uids), target)
            return
        self._call("COPY", self.client.copy, list(uids), target)
        self._call("STORE", self.client.delete_messages, list(uids))
        if self._call("CAPABILITY", self.client.has_capability, "UIDPLUS"):
            self._call("EXPUNGE", self.client.uid_expunge, list(uids))

    def present(self, uid: int) -> bool:
        """Whether ``uid`` is in the selected folder and not marked ``\\Deleted``."""
        flags = self._call("FETCH", self.client.get_flags, [uid]).get(uid)
        return flags is not None and b"\\Deleted" not in flags

    def drafts_folder(self) -> str:
        """The folder with the ``\\Drafts`` special use, else the configured one (created)."""
        from imapclient.imapclient import DRAFTS

        found = self._call("LIST", self.client.find_special_folder, DRAFTS)
        if found:
            return str(found)
        name = self.account.drafts_folder
        if not self._call("LIST", self.client.folder_exists, name):
            self._call("CREATE", self.client.create_folder, name)
        return name

    def sent_folder(self) -> str | None:
        """The folder with the ``\\Sent`` special use, else the configured one if it exists."""
        from imapclient.imapclient import SENT

        if not self.account.sent_folder:
            return None
        found = self._call("LIST", self.client.find_special_folder, SENT)
        if found:
            return str(found)
        name = self.account.sent_folder
        return name if self._call("LIST", self.client.folder_exists, name) else None

    def find_message_id(self, folder: str, message_id: str) -> list[int]:
        """UIDs of the messages of ``folder`` whose Message-ID header is ``message_id``."""
        self.select(folder, readonly=True)
        return list(self._call("SEARCH", self.client.search, ["HEADER", "Message-ID", message_id]))

    def append(self, folder: str, raw: bytes, flags: Sequence[str]) -> None:
        """Store a message in ``folder`` with ``flags``."""
        self._call("APPEND", self.client.append, folder, raw, [f.encode() for f in flags])

    def noop(self) -> bool:
        """Make the server answer, proving the connection alive; True when it reports new mail."""
        _, responses = self._call("NOOP", self.client.noop)
        self._check(responses)
        return any(_is_new_mail(response) for response in responses)

    def wait_for_mail(self, timeout_s: float, stop: threading.Event) -> bool:
        """Wait in IDLE (or poll) until new mail, ``timeout_s`` or ``stop``; True on new mail.

        An untagged BYE or NO, or a socket closed under the IDLE, raises an ImapError at
        once: a closed socket makes ``idle_check`` answer nothing immediately, forever.
        """
        if not (self.account.idle and self.has_idle):
            stop.wait(min(timeout_s, self.account.poll_interval_s))
            return not stop.is_set()
        self._call("IDLE", self.client.idle)
        deadline = time.monotonic() + timeout_s
        news = False
        empty_at_once = 0
        try:
            while not stop.is_set() and time.monotonic() < deadline and not news:
                asked = time.monotonic()
                responses = self._call("IDLE", self.client.idle_check, timeout=IDLE_CHECK_S)
                self._check(responses)
                news = any(_is_new_mail(response) for response in responses)
                quick = not responses and time.monotonic() - asked < IDLE_CHECK_S / 2
                empty_at_once = empty_at_once + 1 if quick else 0
                if empty_at_once >= 3:
                    self._lost("the server closed the connection")
        finally:
            if self.client is not None:
                _, after = self._call("IDLE DONE", self.client.idle_done)
                news = news or any(_is_new_mail(response) for response in after)
        return news

    def _check(self, responses: list[Any]) -> None:
        """Raise on an untagged BYE (the session is over) or NO (the folder is gone, e.g.
        deleted and re-created): either way only a new connection sees new mail."""
        for response in responses:
            if isinstance(response, tuple) and response and response[0] in (b"BYE", b"NO"):
                self._lost(f"the server ended the session: {_text(response)}")

    def _lost(self, reason: str) -> NoReturn:
        """Drop a connection the server has ended and raise the ImapError saying so."""
        _shutdown(self.client)
        self.client = None
        raise ImapError(f"account {self.account.name}: {reason}")


def _text(parts: Any) -> str:
    return " ".join(p.decode(errors="replace") if isinstance(p, bytes) else str(p) for p in parts)


def _is_new_mail(response: Any) -> bool:
    return (
        isinstance(response, tuple) and len(response) >= 2 and response[1] in (b"EXISTS", b"RECENT")
    )


def _item(data: dict[bytes, Any], prefix: bytes) -> Any:
    """A FETCH item by name, whatever partial-range suffix the server put on it."""
    for key, value in data.items():
        if key.startswith(prefix):
            return value or b""
    return b""


def _shutdown(client: Any) -> None:
    try:
        client.shutdown()
    except Exception:
        logger.debug("closing the socket failed", exc_info=True)
