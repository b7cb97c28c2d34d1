"""The delivery method an order was placed with, as its page and its mail name it."""

from __future__ import annotations

from storefront.i18n import normalize_locale, translate


def delivery_line(method: str, locale: str) -> str:
    """The line naming `method` in `locale` ("fr", "fr-FR", ...), such as "Delivery: Express,
    next working day"; empty for a method the shop does not name (none recorded)."""
    lang = normalize_locale(locale)
    key = f"order.method.{method}"
    name = translate(lang, key)
    return "" if name == key else translate(lang, "order.delivery", method=name)
