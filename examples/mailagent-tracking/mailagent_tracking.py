"""An example external mailagent plugin, installed like any other (``pip install -e .``).

It adds an extractor field, ``tracking_numbers`` (UPS, USPS and DHL formats), and votes for
a ``receipts`` category when the user configured one (``[categories.receipts]``) and the
message looks like an order confirmation. Both hooks take only the parameters they need.
It imports only from ``agent``, the stable plugin API; the names it uses only in annotations
are imported for type checkers alone, which keeps ``mailagent --help`` quick.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from agent import Extraction, Found, Source, Vote, hookimpl

if TYPE_CHECKING:
    from agent import Category, Message

_TRACKING = re.compile(
    r"\b(1Z[0-9A-Z]{16}"  # UPS
    r"|9[2-5]\d{20}"  # USPS
    r"|JJD\d{18}|JVGL\d{16})\b"  # DHL
)
_RECEIPT = re.compile(r"\b(order confirmation|your order|receipt|has shipped)\b", re.I)


@hookimpl
def extract(message: Message) -> Extraction:
    """Parcel tracking numbers in the subject and new text."""
    found = dict.fromkeys(_TRACKING.findall(f"{message.subject}\n{message.new_text}"))
    if not found:
        return Extraction()
    return Extraction(
        fields={"tracking_numbers": [Found(value=v, source=Source.PARSER) for v in found]}
    )


@hookimpl
def classify(message: Message, categories: dict[str, Category]) -> Vote | None:
    """``receipts`` for order confirmations, when that category is configured."""
    if "receipts" not in categories or not _RECEIPT.search(message.subject):
        return None
    return Vote(category="receipts", confidence=0.8, evidence=["order words in the subject"])
