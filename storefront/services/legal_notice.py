"""The seller's details as the default legal notice lists them (services/policy_defaults.py),
from the shop's settings: the seller every invoice names, and what a legal notice asks more
(legal form, telephone, representative, host, consumer mediator). A detail the settings do not
give is left out of the text, and `check-settings` names it (`missing_details`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Final

from storefront.i18n import translate

# In the order the notice lists them; a detail's label is policy.legal.<field>.
LISTED: Final = (
    "name",
    "legal_form",
    "address",
    "company_id",
    "vat_id",
    "email",
    "phone",
    "representative",
)
_LINES = re.compile(r"\s*(?:\||\n)\s*")


@dataclass(frozen=True, slots=True)
class SellerDetails:
    """Plain text each; an address's lines are separated by "|" or newlines."""

    name: str = ""
    legal_form: str = ""
    address: str = ""
    company_id: str = ""
    vat_id: str = ""
    email: str = ""
    phone: str = ""
    representative: str = ""  # the legal representative, also the publication director
    host: str = ""  # the hosting provider's name and address
    mediator: str = ""  # the consumer mediator's name and website


def one_line(text: str) -> str:
    """A detail on one line: an address's lines joined by commas."""
    return ", ".join(part for part in _LINES.split(text.strip()) if part)


def missing_details(seller: SellerDetails) -> list[str]:
    """The fields the legal notice cannot give (empty, or an e-mail address no one outside
    this machine can write to), in SellerDetails' order."""
    return [
        field.name
        for field in fields(seller)
        if not one_line(getattr(seller, field.name))
        or (field.name == "email" and not _reachable(seller.email))
    ]


def _reachable(address: str) -> bool:
    domain = address.rpartition("@")[2].lower()
    return "." in domain and not domain.endswith((".localhost", ".local", ".invalid"))


def seller_paragraphs(seller: SellerDetails, locale: str) -> str:
    """The legal notice's text about the seller, the host and the mediator, in `locale`."""
    missing = set(missing_details(seller)) - {"email"}
    items = [
        "- " + translate(locale, f"policy.legal.{name}", value=one_line(getattr(seller, name)))
        for name in LISTED
        if name not in missing and (name != "email" or seller.email.strip())
    ]
    parts = [translate(locale, "policy.legal.intro"), *items]
    text = "\n".join(parts)
    if "host" not in missing:
        text += "\n\n" + translate(locale, "policy.legal.host", value=one_line(seller.host))
    if "mediator" not in missing:
        text += "\n\n" + translate(locale, "policy.legal.mediator", value=one_line(seller.mediator))
    return text
