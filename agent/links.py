"""The links of a message body: anchors of its HTML part, or the URLs of its plain text.

An anchor keeps the text a reader sees beside the address it goes to, which is what a link
whose text shows one domain and whose target is another is made of. HTML is parsed with
lxml (already installed for inscriptis), which copes with the broken markup of real mail.
"""

from __future__ import annotations

import re

from agent.message import Link

MAX_LINKS = 50
"""Links kept per message; a lure needs only a few, a newsletter's footer has dozens."""
_TEXT_CHARS = 200
_HREF_CHARS = 2000
_URL = re.compile(r"https?://[^\s<>\"')\]]+", re.I)


def _clean(text: str, limit: int) -> str:
    return " ".join(text.split())[:limit]


def from_html(html: str, max_chars: int) -> tuple[Link, ...]:
    """The ``<a href>`` links of an HTML document (its first ``max_chars``), in order."""
    import lxml.etree
    import lxml.html

    try:
        document = lxml.html.document_fromstring(html[:max_chars])
    except (lxml.etree.ParserError, ValueError):
        return ()
    found: list[Link] = []
    for anchor in document.iter("a"):
        href = (anchor.get("href") or "").strip()
        if href:
            found.append(Link(_clean(anchor.text_content(), _TEXT_CHARS), href[:_HREF_CHARS]))
        if len(found) == MAX_LINKS:
            break
    return tuple(found)


def from_text(text: str) -> tuple[Link, ...]:
    """The ``http(s)://`` URLs written out in plain text, with no separate visible text."""
    return tuple(Link("", url[:_HREF_CHARS]) for url in _URL.findall(text)[:MAX_LINKS])
