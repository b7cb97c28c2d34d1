"""The shopper's language: a cookie, defaulting to the browser's Accept-Language, then to
the shop's own (BOUTIQUE_LANGUAGE), which is also what a page shows until it knows."""

from __future__ import annotations

import reflex as rx

from state.cookies import cookie_value, shop_cookie
from storefront.i18n import INTL_TAGS, LANG_COOKIE, LOCALES, normalize_locale
from storefront.settings import get_settings


class LocaleState(rx.State):
    lang: str = shop_cookie(LANG_COOKIE)

    @rx.var
    def locale(self) -> str:
        language = get_settings().language
        # The cookie the tab's connection brought when the tab's state was lost meanwhile.
        chosen = self.lang or cookie_value(self.router.headers.cookie, LANG_COOKIE)
        return normalize_locale(chosen or self.router.headers.accept_language, language)

    @rx.var
    def intl_tag(self) -> str:
        return INTL_TAGS[self.locale]

    @rx.event
    def set_language(self, lang: str) -> None:
        if lang in LOCALES:
            self.lang = lang
