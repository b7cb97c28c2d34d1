"""Options of the admin's pickers, as the pages' selects take them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from storefront.i18n import LOCALES


def category_options(pairs: Sequence[tuple[int, Mapping[str, str]]]) -> list[list[str]]:
    """[id, its path in each of LOCALES, in their order] per category, for
    components.admin_form.category_option."""
    return [[str(i), *(paths[locale] for locale in LOCALES)] for i, paths in pairs]
