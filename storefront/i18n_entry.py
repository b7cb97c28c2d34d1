"""One message of the texts modules (`i18n_*.py`): what each of them writes its entries with."""

from __future__ import annotations


def en_fr(en: str, fr: str) -> dict[str, str]:
    """A message in English and French, as storefront.i18n.MESSAGES holds it."""
    return {"en": en, "fr": fr}
