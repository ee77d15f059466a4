"""Brands commonly named by phishing, and the domains and names that imitate them.

The brands and their own domains are bundled in ``agent/data/brands.toml``. A domain imitates
a brand when it is not one of the brand's and its name spells the brand's in look-alike
letters (Unicode homoglyphs mapped by the ``confusable_homoglyphs`` package's copy of
Unicode's confusables table, so a Cyrillic a reads as ``a`` and ``0`` as ``o``; ``rn`` as
``m``), is one edit from it (``paypall``), or carries it as a part (``paypal-secure.com``,
``paypal.com.example.net``). A domain named exactly as the brand in plain letters
(``yahoo.ca``) is taken for the brand's own: the bundled list cannot name every country's.
A display name names a brand when it contains the brand's name as words.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from agent.domains import registrable, unicode_form

BRANDS_FILE = Path(__file__).parent / "data" / "brands.toml"
_SHORTEST_PART = 4
"""Brand names shorter than this (``ups``, ``dhl``) are ordinary syllables inside names."""
_SHORTEST_INSIDE = 6
"""Brand names shorter than this are one edit from, or inside, too many ordinary words."""
_LETTER_PAIRS = (("rn", "m"), ("vv", "w"), ("cl", "d"))
"""Pairs of letters that read as one, which a character table cannot map."""
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Brand:
    """A brand as phishing names it, and the registrable domains that are its own."""

    name: str
    domains: frozenset[str]

    @property
    def key(self) -> str:
        """The name as one lowercase word, as it would be written in a domain."""
        return _NOT_ALNUM.sub("", self.name.lower())

    @property
    def words(self) -> str:
        """The name as lowercase words separated by single spaces."""
        return " ".join(_NOT_ALNUM.sub(" ", self.name.lower()).split())


@functools.cache
def _data() -> dict[str, object]:
    with BRANDS_FILE.open("rb") as handle:
        return tomllib.load(handle)


@functools.cache
def brands() -> tuple[Brand, ...]:
    """The bundled brands."""
    table = _data()["brands"]
    assert isinstance(table, dict)
    return tuple(Brand(name, frozenset(domains)) for name, domains in table.items())


@functools.cache
def shorteners() -> frozenset[str]:
    """The bundled link shorteners' hosts."""
    table = _data()["shorteners"]
    assert isinstance(table, dict)
    return frozenset(table["hosts"])


@functools.cache
def _owned() -> frozenset[str]:
    return frozenset(domain for brand in brands() for domain in brand.domains)


def latin(text: str) -> str:
    """``text`` lowercased with every character that looks like a Latin letter or digit read
    as that letter (homoglyphs from Unicode's confusables table)."""
    from confusable_homoglyphs import confusables

    found = confusables.is_confusable(text, greedy=True, preferred_aliases=["latin"]) or []
    mapping = {}
    for item in found:
        ascii_forms = [h["c"] for h in item["homoglyphs"] if h["c"].isascii()]
        if ascii_forms:
            mapping[item["character"]] = ascii_forms[0]
    return "".join(mapping.get(char, char) for char in text).lower()


def _one_edit(word: str, name: str) -> bool:
    from rapidfuzz.distance import DamerauLevenshtein

    return DamerauLevenshtein.distance(word, name, score_cutoff=1) == 1


def imitated(name: str) -> tuple[Brand, str] | None:
    """The brand a domain name imitates and how, or None (for the brand's own domains too)."""
    owner = registrable(name)
    if "." not in owner or owner in _owned():
        return None
    shown = unicode_form(name)
    labels = shown.split(".")[: len(shown.split(".")) - owner.count(".")]
    if not labels:
        return None
    registered = _NOT_ALNUM.sub("", latin(labels[-1]))
    merged = functools.reduce(lambda text, pair: text.replace(*pair), _LETTER_PAIRS, registered)
    parts = {part for label in labels for part in re.split(r"[-_]", latin(label))}
    for brand in brands():
        key = brand.key
        if registered == merged == labels[-1] == key:
            continue
        spelled = registered != labels[-1] or merged != registered
        if len(key) >= _SHORTEST_PART and spelled and key in (registered, merged):
            return brand, f"{shown} spells {brand.name} in look-alike letters"
        if len(key) >= _SHORTEST_INSIDE and _one_edit(merged, key):
            return brand, f"{shown} is one letter from {key}"
        inside = len(key) >= _SHORTEST_INSIDE and any(key in part for part in parts)
        if inside or (len(key) >= _SHORTEST_PART and key in parts):
            return brand, f"{name} carries {key} but is not one of {brand.name}'s domains"
    return None


def named_brand(display_name: str) -> Brand | None:
    """The brand a display name names as words (``PayPal Service``, ``Wells Fargo Online``)."""
    words = f" {' '.join(_NOT_ALNUM.sub(' ', latin(display_name)).split())} "
    for brand in brands():
        if f" {brand.words} " in words or f" {brand.key} " in words:
            return brand
    return None
