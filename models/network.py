"""Where a host name leads: the loopback check behind the promise that mail stays here."""

from __future__ import annotations

import ipaddress
import socket


def is_loopback(host: str) -> bool:
    """Whether every address ``host`` resolves to is on this machine.

    Raises OSError (socket.gaierror) when the name cannot be resolved.
    """
    addresses = {str(info[4][0]) for info in socket.getaddrinfo(host.strip("[]"), None)}
    return bool(addresses) and all(
        ipaddress.ip_address(address.split("%")[0]).is_loopback for address in addresses
    )
