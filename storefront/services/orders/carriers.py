"""The carriers an order may ship with: their codes and their names as shoppers know them."""

from __future__ import annotations

from typing import Final

from storefront.i18n import normalize_locale, translate

# The codes the admin may pick when shipping; "other" is named per language by the messages.
CARRIERS: Final[dict[str, str]] = {
    "colissimo": "Colissimo",
    "chronopost": "Chronopost",
    "la_poste": "La Poste",
    "dhl": "DHL",
    "ups": "UPS",
    "fedex": "FedEx",
    "other": "",
}


def carrier_name(carrier: str, locale: str) -> str:
    """The carrier as the shopper reads it, in their locale ("fr", "fr-FR", ...)."""
    return CARRIERS.get(carrier) or translate(
        normalize_locale(locale), "mail.shipped.carrier_other"
    )
