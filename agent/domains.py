"""Domain names as a reader of mail must see them: the host of a link, its registrable domain,
its Unicode form, and whether it is a bare IP address.

The registrable domain (``mail.example.co.uk`` -> ``example.co.uk``) comes from the Public
Suffix List bundled in the ``publicsuffixlist`` package, read from the package and never
updated from the network. IDN labels (``xn--...``) are decoded with the ``idna`` package.
"""

from __future__ import annotations

import contextlib
import functools
import ipaddress
import re
from urllib.parse import urlsplit

import idna
from publicsuffixlist import PublicSuffixList

_DOMAIN = re.compile(
    r"(?<![\w.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}\b"
)


@functools.cache
def _suffixes() -> PublicSuffixList:
    """The bundled list, parsed once (about 10,000 rules)."""
    return PublicSuffixList(accept_unknown=False)


def of_address(address: str) -> str:
    """The domain of an email address, lowercased (empty without one)."""
    return address.rpartition("@")[2].strip().strip(">").lower() if "@" in address else ""


def host(url: str) -> str:
    """The host a URL goes to, lowercased, without port or user (empty for a relative one)."""
    try:
        return (urlsplit(url.strip()).hostname or "").rstrip(".")
    except ValueError:
        return ""


def is_ip(name: str) -> bool:
    """Whether ``name`` is an IPv4 or IPv6 address rather than a domain name."""
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


def registrable(name: str) -> str:
    """The domain its owner registered (``a.b.example.co.uk`` -> ``example.co.uk``); an IP
    address or a name under no known suffix as it is."""
    if not name or is_ip(name):
        return name
    return _suffixes().privatesuffix(name.lower()) or name.lower()


def is_domain(name: str) -> bool:
    """Whether ``name`` ends in a known public suffix and has a registrable part."""
    return bool(_suffixes().privatesuffix(name.lower()))


def unicode_form(name: str) -> str:
    """``name`` with its IDN labels (``xn--...``) decoded; labels that do not decode stay."""
    return ".".join(_decoded(label) for label in name.split("."))


def _decoded(label: str) -> str:
    if label.startswith("xn--"):
        with contextlib.suppress(idna.IDNAError):
            return str(idna.decode(label))
    return label


def named_in(text: str) -> list[str]:
    """The domain names written in ``text`` (``paypal.com``, ``www.bank.co.uk/login``)."""
    return [name for name in _DOMAIN.findall(text.lower()) if is_domain(name)]
