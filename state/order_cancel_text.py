"""The words of the order page's cancel, an amount in each language as its readers write it."""

from __future__ import annotations

from storefront.i18n import LOCALES, translate
from storefront.i18n_format import format_money


def cancel_question(refund_minor: int, currency: str) -> dict[str, str]:
    """The confirmation's question in each language, naming the refund when there is one."""
    if not refund_minor:
        return {lang: translate(lang, "cancel.confirm_unpaid") for lang in LOCALES}
    return {
        lang: translate(
            lang, "cancel.confirm_paid", amount=format_money(lang, refund_minor, currency)
        )
        for lang in LOCALES
    }


def cancel_done(refund_minor: int, currency: str) -> dict[str, str]:
    """What the page says once it is canceled."""
    if not refund_minor:
        return {lang: translate(lang, "cancel.done_unpaid") for lang in LOCALES}
    return {
        lang: translate(lang, "cancel.done_paid", amount=format_money(lang, refund_minor, currency))
        for lang in LOCALES
    }


def refund_owed_text(owed_minor: int, currency: str) -> dict[str, str]:
    """What the page says of a canceled order whose refund failed since (nothing: none)."""
    if not owed_minor:
        return {}
    return {
        lang: translate(lang, "cancel.refund_owed", amount=format_money(lang, owed_minor, currency))
        for lang in LOCALES
    }
