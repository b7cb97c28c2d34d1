"""The carriers an order may ship with: their codes and their names as shoppers know them."""

from __future__ import annotations

from typing import Final
from urllib.parse import quote

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


# Each carrier's public tracking page, the number in its address ("other" has none).
TRACKING_PAGES: Final[dict[str, str]] = {
    "colissimo": "https://www.laposte.fr/outils/suivre-vos-envois?code={number}",
    "la_poste": "https://www.laposte.fr/outils/suivre-vos-envois?code={number}",
    "chronopost": "https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT={number}",
    "dhl": "https://www.dhl.com/global-en/home/tracking.html?tracking-id={number}",
    "ups": "https://www.ups.com/track?tracknum={number}",
    "fedex": "https://www.fedex.com/fedextrack/?trknbr={number}",
}


def carrier_name(carrier: str, locale: str) -> str:
    """The carrier as the shopper reads it, in their locale ("fr", "fr-FR", ...)."""
    return CARRIERS.get(carrier) or translate(
        normalize_locale(locale), "mail.shipped.carrier_other"
    )


def tracking_url(carrier: str, tracking_number: str) -> str:
    """The carrier's page following the parcel, "" when the shop knows none (QA: the mail
    gave "Colissimo / 6A12345678901" and left the shopper to find where to type it). The
    number is written without the spaces a merchant may have typed in it."""
    page = TRACKING_PAGES.get(carrier)
    number = "".join(tracking_number.split())
    if not page or not number:
        return ""
    return page.format(number=quote(number, safe=""))
