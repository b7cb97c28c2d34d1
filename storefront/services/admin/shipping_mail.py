"""The mail telling a shopper their order has shipped, in the language they ordered in."""

from __future__ import annotations

from storefront.services.orders.ports import OrderRecord

# Carriers the admin may pick, with their names as shoppers know them.
CARRIERS: dict[str, str] = {
    "colissimo": "Colissimo",
    "chronopost": "Chronopost",
    "la_poste": "La Poste",
    "dhl": "DHL",
    "ups": "UPS",
    "fedex": "FedEx",
    "other": "",  # named by the mail's own text, per language
}

# Kept here rather than in storefront/i18n*.py so this mail ships with its service; the
# keys mirror the i18n files' so they can move there unchanged.
TEXT: dict[str, dict[str, str]] = {
    "mail.shipped.subject": {
        "en": "Your order {reference} is on its way",
        "fr": "Votre commande {reference} est en route",
    },
    "mail.shipped.greeting": {"en": "Hello {name},", "fr": "Bonjour {name},"},
    "mail.shipped.intro": {
        "en": "Good news: your order {reference} has left our workshop.",
        "fr": "Bonne nouvelle : votre commande {reference} a quitté notre atelier.",
    },
    "mail.shipped.carrier": {"en": "Carrier: {carrier}", "fr": "Transporteur : {carrier}"},
    "mail.shipped.tracking": {
        "en": "Tracking number: {tracking}",
        "fr": "Numéro de suivi : {tracking}",
    },
    "mail.shipped.carrier_other": {"en": "another carrier", "fr": "autre transporteur"},
    "mail.shipped.link": {
        "en": "Follow your order at any time:",
        "fr": "Suivez votre commande à tout moment :",
    },
}


def _text(lang: str, key: str, **values: str) -> str:
    texts = TEXT[key]
    return (texts.get(lang) or texts["en"]).format(**values)


def carrier_name(carrier: str, locale: str) -> str:
    """The carrier as the shopper reads it."""
    return CARRIERS.get(carrier) or _text(_lang(locale), "mail.shipped.carrier_other")


def _lang(locale: str) -> str:
    # "fr-FR" and "fr" read the same mail; anything unknown reads English.
    return locale.split("-", maxsplit=1)[0].lower()


def shipped_mail(
    order: OrderRecord, carrier: str, tracking_number: str, order_url: str
) -> tuple[str, str]:
    """(subject, body) of the mail saying the order shipped, with how to track it."""
    lang = _lang(order.locale)
    body = "\n".join(
        [
            _text(lang, "mail.shipped.greeting", name=order.address.name),
            "",
            _text(lang, "mail.shipped.intro", reference=order.reference),
            "",
            _text(lang, "mail.shipped.carrier", carrier=carrier_name(carrier, lang)),
            _text(lang, "mail.shipped.tracking", tracking=tracking_number),
            "",
            _text(lang, "mail.shipped.link"),
            order_url,
        ]
    )
    return _text(lang, "mail.shipped.subject", reference=order.reference), body
