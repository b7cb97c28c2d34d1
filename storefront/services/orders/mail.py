"""The mails an order sends, in the language the shopper ordered in."""

from __future__ import annotations

from collections.abc import Sequence

from models.orders import OrderStatus
from storefront.i18n import translate
from storefront.i18n_format import format_money
from storefront.services.checkout.pricing import vat_percent_text
from storefront.services.orders.delivery import delivery_line
from storefront.services.orders.ports import OrderRecord

# Who sends a mail claims it first; a claim older than this is taken to have died with its
# sender. Longer than any mail send takes (the SMTP timeout is 10 s).
CLAIM_MINUTES = 5


def _country(code: str, locale: str) -> str:
    """The country's name in `locale` ("Germany", not "DE"); its code when it has none."""
    key = f"country.{code}"
    name = translate(locale, key)
    return code if name == key else name


def amount_line(
    lang: str, key: str, minor: int, currency: str, suffix: str = "", *, zero_key: str = ""
) -> str:
    """ "Subtotal: €40.00" / "Sous-total\u202f: 40,00\u00a0€"; a negative amount (a discount) with a
    minus sign, as the order page writes it ("−€4.00", not "-€4.00"); nothing to pay said by
    the text of `zero_key` when given ("Shipping: Free", as the pages say it)."""
    if minor == 0 and zero_key:
        return translate(
            lang,
            "mail.order.amount",
            label=translate(lang, key) + suffix,
            amount=translate(lang, zero_key),
        )
    amount = format_money(lang, abs(minor), currency)
    label = translate(lang, key) + suffix
    shown = f"−{amount}" if minor < 0 else amount
    return translate(lang, "mail.order.amount", label=label, amount=shown)


def confirmation_mail(
    order: OrderRecord, order_url: str, refund_policy_url: str = "", withdrawal_days: int = 30
) -> tuple[str, str]:
    """(subject, body) of the mail confirming a paid order; with `refund_policy_url`, a line
    pointing to the shop's refund policy (the right of withdrawal, `withdrawal_days`)."""
    lang, amounts = order.locale, order.amounts
    cur = amounts.currency
    # Which variant was bought, as the cart named it (the SKU means nothing to a shopper).
    lines = [
        f"  {line.quantity} × {line.title}{f' ({line.options})' if line.options else ''} — "
        f"{format_money(lang, line.unit_price_minor * line.quantity, cur)}"
        for line in order.lines
    ]
    address = order.address
    body = "\n".join(
        [
            translate(lang, "mail.order.greeting", name=address.name),
            "",
            translate(lang, "mail.order.intro", reference=order.reference),
            "",
            *lines,
            "",
            amount_line(lang, "checkout.subtotal", amounts.subtotal_minor, cur),
            *(
                [
                    amount_line(
                        lang,
                        "checkout.discount",
                        -amounts.discount_minor,
                        cur,
                        suffix=f" {order.discount_code}" if order.discount_code else "",
                    )
                ]
                if amounts.discount_minor
                else []
            ),
            amount_line(
                lang,
                "checkout.shipping",
                amounts.shipping_minor,
                cur,
                zero_key="checkout.shipping_free",
            ),
            amount_line(lang, "checkout.total", amounts.total_minor, cur),
            translate(
                lang,
                "checkout.vat_included",
                rate=vat_percent_text(amounts.vat_rate_bp, lang),
                amount=format_money(lang, amounts.vat_included_minor, cur),
            ),
            "",
            *([delivery] if (delivery := delivery_line(order.shipping_method, lang)) else []),
            translate(lang, "mail.order.ship_to"),
            f"  {address.name}",
            f"  {address.line1}",
            *([f"  {address.line2}"] if address.line2 else []),
            f"  {address.postal_code} {address.city}",
            f"  {_country(address.country, lang)}",
            "",
            translate(lang, "mail.order.link"),
            order_url,
            *(
                [
                    "",
                    translate(lang, "mail.order.refund_policy", days=withdrawal_days),
                    refund_policy_url,
                ]
                if refund_policy_url
                else []
            ),
        ]
    )
    return translate(lang, "mail.order.subject", reference=order.reference), body


def refund_mail(
    order: OrderRecord,
    amount_minor: int,
    refunded_minor: int,
    order_url: str,
    *,
    outside: Sequence[tuple[str, int]] | None = (),
) -> tuple[str, str]:
    """(subject, body) of the mail telling the shopper `amount_minor` went back to them,
    `refunded_minor` of the order in all; an order it ended canceled (refunded in full
    before it shipped: status.closed_by_refund) says it will not ship. `outside`: the parts
    of it paid outside the payment provider (method, amount), said so, the card's delay
    only said of the rest; None: not known, neither is said."""
    lang, cur = order.locale, order.amounts.currency
    closed = (
        order.status is OrderStatus.CANCELED
        and order.fulfilled_at is None
        and refunded_minor >= order.amounts.total_minor
    )
    body = "\n".join(
        [
            translate(lang, "mail.order.greeting", name=order.address.name),
            "",
            translate(
                lang,
                "mail.refund.intro",
                amount=format_money(lang, amount_minor, cur),
                reference=order.reference,
            ),
            translate(
                lang,
                "mail.refund.total",
                refunded=format_money(lang, refunded_minor, cur),
                total=format_money(lang, order.amounts.total_minor, cur),
            ),
            *([translate(lang, "mail.refund.closed")] if closed else []),
            *[
                translate(lang, f"refund.offline.{method}", amount=format_money(lang, part, cur))
                for method, part in outside or ()
            ],
            *(
                [translate(lang, "mail.refund.delay")]
                if outside is not None and sum(part for _, part in outside) < amount_minor
                else []
            ),
            "",
            translate(lang, "mail.order.link"),
            order_url,
        ]
    )
    return translate(lang, "mail.refund.subject", reference=order.reference), body


def refund_failed_mail(order: OrderRecord, amount_minor: int, order_url: str) -> tuple[str, str]:
    """(subject, body) of the mail telling the shopper a refund never reached them (their
    bank sent it back to the shop) and that they will be refunded another way."""
    lang, cur = order.locale, order.amounts.currency
    amount = format_money(lang, amount_minor, cur)
    body = "\n".join(
        [
            translate(lang, "mail.order.greeting", name=order.address.name),
            "",
            translate(lang, "mail.refund_failed.intro", amount=amount, reference=order.reference),
            translate(lang, "mail.refund_failed.next"),
            "",
            translate(lang, "mail.order.link"),
            order_url,
        ]
    )
    return translate(lang, "mail.refund_failed.subject", reference=order.reference), body


def cancel_mail(
    order: OrderRecord, refunded_minor: int, order_url: str, *, told_minor: int = 0
) -> tuple[str, str]:
    """(subject, body) of the one mail of the shopper's own cancel, or of the shop's: the
    order is canceled and, when it was paid, `refunded_minor` went back to their card, of
    which `told_minor` was mailed before (a partial refund before the cancel): the mail
    gives what went back now, and the total when that is not all of it."""
    lang = order.locale.split("-", maxsplit=1)[0].lower()
    ref, cur = order.reference, order.amounts.currency
    said: list[str] = []
    if refunded_minor:
        money = format_money(lang, refunded_minor - told_minor, cur)
        key = "cancel.mail.shop_paid" if order.cancel_by_shop else "cancel.mail.paid"
        said.append(translate(lang, key, reference=ref, amount=money))
        if told_minor:
            total = format_money(lang, order.amounts.total_minor, cur)
            refunded = format_money(lang, refunded_minor, cur)
            said.append(translate(lang, "mail.refund.total", refunded=refunded, total=total))
        if order.cancel_by_shop:
            said += ["", translate(lang, "cancel.mail.shop_next")]
    else:
        said.append(translate(lang, "cancel.mail.unpaid", reference=ref))
    body = "\n".join(
        [
            translate(lang, "cancel.mail.greeting", name=order.address.name),
            "",
            *said,
            "",
            translate(lang, "cancel.mail.link"),
            order_url,
        ]
    )
    return translate(lang, "cancel.mail.subject", reference=ref), body


def cancel_released_mail(order: OrderRecord, order_url: str) -> tuple[str, str]:
    """(subject, body) of the one mail telling the shopper their cancel of a paid order was
    given up: nothing was refunded, the order stands, the shop will contact them."""
    lang = order.locale.split("-", maxsplit=1)[0].lower()
    ref = order.reference
    body = "\n".join(
        [
            translate(lang, "cancel.mail.greeting", name=order.address.name),
            "",
            translate(lang, "cancel.mail.released", reference=ref),
            translate(lang, "cancel.mail.released_next"),
            "",
            translate(lang, "cancel.mail.link"),
            order_url,
        ]
    )
    return translate(lang, "cancel.mail.released_subject", reference=ref), body


def is_cancel_refund(order: OrderRecord, told_minor: int, refunded_minor: int) -> bool:
    """Whether a rise of the refunded total to `refunded_minor` (the shopper told of
    `told_minor`) is the shopper's own cancel (or the shop's) refunding what was left of
    the order: while it claims the order no other refund is taken, so its mail says it is
    canceled (and, after a partial refund told before, what went back now and in all)."""
    return (
        order.cancel_requested_at is not None
        and told_minor < refunded_minor
        and refunded_minor >= order.amounts.total_minor
    )
