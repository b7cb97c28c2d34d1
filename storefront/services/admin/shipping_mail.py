"""The mail telling a shopper their order has shipped, in the language they ordered in."""

from __future__ import annotations

from storefront.i18n import translate
from storefront.services.orders.carriers import carrier_name, tracking_url
from storefront.services.orders.ports import OrderRecord
from storefront.services.orders.withdrawal_period import WithdrawalPeriod, period_lines


def _text(lang: str, key: str, **values: str) -> str:
    return translate(lang, key, **values)


def _lang(locale: str) -> str:
    # "fr-FR" and "fr" read the same mail; anything unknown reads English.
    return locale.split("-", maxsplit=1)[0].lower()


def shipped_mail(
    order: OrderRecord,
    carrier: str,
    tracking_number: str,
    order_url: str,
    period: WithdrawalPeriod | None = None,
) -> tuple[str, str]:
    """(subject, body) of the mail saying the order shipped, with how to track it and, given
    its withdrawal `period`, until when the shopper may withdraw (as its page says)."""
    lang = _lang(order.locale)
    body = "\n".join(
        [
            _text(lang, "mail.shipped.greeting", name=order.address.name),
            "",
            _text(lang, "mail.shipped.intro", reference=order.reference),
            "",
            _text(lang, "mail.shipped.carrier", carrier=carrier_name(carrier, lang)),
            _text(lang, "mail.shipped.tracking", tracking=tracking_number),
            *_tracking_page(lang, carrier, tracking_number),
            *(["", *period_lines(lang, period)] if period else []),
            "",
            _text(lang, "mail.shipped.link"),
            order_url,
        ]
    )
    return _text(lang, "mail.shipped.subject", reference=order.reference), body


def _tracking_page(lang: str, carrier: str, tracking_number: str) -> list[str]:
    url = tracking_url(carrier, tracking_number)
    return [_text(lang, "mail.shipped.tracking_page"), url] if url else []
