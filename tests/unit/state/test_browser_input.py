"""Reading what the browser sends: control characters in forms and in words searched."""

from __future__ import annotations

from state.browser_input import holds_control, search_text
from storefront.i18n import LOCALES, MESSAGES
from storefront.services.search.analysis import clean_query


def test_a_form_holding_a_nul_or_another_control_character_is_caught() -> None:
    assert holds_control({"title": "Chair\x00"})
    assert holds_control({"sku": "A", "note": "ring \x07"})
    assert not holds_control({"description": "Two lines\r\nand\ta tab", "stock": 3, "on": True})
    assert set(MESSAGES["form.error.control"]) == set(LOCALES)


def test_words_searched_lose_their_control_characters() -> None:
    assert clean_query("\x00x \x1b[2Jchair\x00 ") == "x [2Jchair"
    assert search_text("  ada\x00@example.com\x01 ", 254) == "ada@example.com"
    assert search_text("a\x00" * 300, 120) == "a" * 120
