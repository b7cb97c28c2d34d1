"""The shopper's language, and the shop's own (BOUTIQUE_LANGUAGE) that a page opens in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import reflex as rx
from reflex.compiler.utils import compile_state

from state.locale import LocaleState
from storefront.i18n import normalize_locale
from storefront.services.page_meta import home_description, product_description
from storefront.settings import SettingsError, get_settings


@pytest.fixture
def shop_language(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


def opening_locale() -> dict[str, str]:
    """What the built pages hold for the locale before the browser's first answer."""
    compiled = compile_state(rx.State)
    substate = compiled[LocaleState.get_full_name()]
    return {"locale": substate["locale_rx_state_"], "intl": substate["intl_tag_rx_state_"]}


def test_a_browser_asking_for_no_language_we_have_gets_the_shops() -> None:
    assert normalize_locale("de-DE,de;q=0.9") == "en"
    assert normalize_locale("de-DE,de;q=0.9", "fr") == "fr"
    assert normalize_locale("", "fr") == "fr"
    assert normalize_locale("en-US,en;q=0.9", "fr") == "en"  # asked for: given


def test_a_french_shops_pages_open_in_french(shop_language: pytest.MonkeyPatch) -> None:
    """The HTML the server sends is built from the state's first values: a French shop's
    pages must not show English until the socket answers."""
    shop_language.setenv("BOUTIQUE_LANGUAGE", "fr")
    get_settings.cache_clear()
    assert opening_locale() == {"locale": "fr", "intl": "fr-FR"}
    shop_language.delenv("BOUTIQUE_LANGUAGE")
    get_settings.cache_clear()
    assert opening_locale() == {"locale": "en", "intl": "en-GB"}


def test_an_unknown_shop_language_is_refused_at_start_up(
    shop_language: pytest.MonkeyPatch,
) -> None:
    shop_language.setenv("BOUTIQUE_LANGUAGE", "de")
    get_settings.cache_clear()
    with pytest.raises(SettingsError, match="BOUTIQUE_LANGUAGE"):
        get_settings()


def test_what_the_server_writes_for_crawlers_is_in_the_shops_language() -> None:
    assert home_description("fr").startswith("Mobilier, cuisine, mode")
    assert home_description("en").startswith("Furniture, kitchen, fashion")
    assert product_description("fr").startswith("Détails, tailles")
