"""The checkout page's parts as compiled for the browser."""

from __future__ import annotations

import pytest
import reflex as rx

from components import layout, policy_links
from components.amounts import amounts_table
from components.checkout_form import _method
from components.form_fields import address_fields, country_select, refusable_form
from state.cart import CartState
from state.checkout import CHECKOUT_FORM, CheckoutState
from storefront.pages.checkout import _message, _summary_line
from storefront.services.checkout.address import ADDRESS_LIMITS
from storefront.settings import get_settings


def test_a_refusal_marking_no_field_takes_the_focus_to_the_forms_message() -> None:
    form = refusable_form(form_id=CHECKOUT_FORM, refused=CheckoutState.refused)
    (hook,) = [h for h in form._get_all_hooks() if "useEffect" in h]
    assert (
        """form?.querySelector('[aria-invalid="true"]') ?? form?.querySelector("""
        '"[data-refusal-note]")' in hook
    )
    # The message by Pay is that note, and can take the focus (not a Tab stop of its own).
    message = str(_message())
    assert '"data-refusal-note":"true"' in message
    assert "tabIndex:-1" in message


def test_a_free_delivery_is_priced_too() -> None:
    """Reflex reads `.get(key, default)` with a truth test: a free delivery's 0 came out as
    the default, and the choice showed no price. Shown when the method is priced at all."""
    choice = str(_method("standard"))
    assert 'method_prices_rx_state_.hasOwnProperty("standard")' in choice
    assert "isTrue(reflex___state____state__state___checkout____checkout_state.method" not in (
        choice
    )


def test_countries_are_listed_by_their_name_in_the_shoppers_language() -> None:
    compiled = str(country_select())
    english, french = compiled.index('"Austria"'), compiled.index('"Allemagne"')
    assert english < compiled.index('"Belgium"') < compiled.index('"Germany"')
    assert french < compiled.index('"Autriche"')  # DE before AT: by name, not by code


def test_the_vat_rate_is_written_by_the_browser_from_its_basis_points() -> None:
    """Intl writes 25.5 and 25,5 per the shopper's language (test_checkout.py in Chromium)."""
    compiled = str(amounts_table(CheckoutState.amounts))
    assert (
        "new Intl.NumberFormat(reflex___state____state__state___locale____locale_state.intl_tag"
        "_rx_state_)).format((reflex___state____state__state___checkout____checkout_state"
        '.amounts_rx_state_?.["vat_rate_bp"] / 100))),'
    ) in compiled
    # then the sign, as each language writes it: 25.5% and 25,5\u202f%
    assert 'return ("\\u202f%");  break;default:  return ("%");' in compiled


def test_address_fields_stop_typing_at_the_length_the_server_takes() -> None:
    """A long street said only "Too long." once submitted: the limit was nowhere."""
    compiled = str(rx.fragment(*address_fields(CheckoutState.errors)))
    assert set(ADDRESS_LIMITS) == {"name", "line1", "line2", "city"}
    for name, limit in ADDRESS_LIMITS.items():
        at = compiled.index(f'"data-testid":"field-{name}"')
        field = compiled[compiled.rindex("jsx(", 0, at) : compiled.index("}", at)]  # its props
        assert f"maxLength:{limit}" in field, name


def test_the_withdrawal_period_said_is_the_shops(monkeypatch: pytest.MonkeyPatch) -> None:
    """The footer said "30-day returns" and checkout "your 14-day right of withdrawal" (QA):
    both say BOUTIQUE_WITHDRAWAL_DAYS, and a shop setting 60 says 60."""
    for days in (30, 60):
        settings = get_settings().model_copy(update={"withdrawal_days": days})
        monkeypatch.setattr(layout, "get_settings", lambda s=settings: s)
        monkeypatch.setattr(policy_links, "get_settings", lambda s=settings: s)
        compiled = str(layout.footer()) + str(policy_links.acceptance_note())
        # Filled in the browser, in the reader's language's sentence.
        assert compiled.count(f'({{ ["days"] : "{days}" }})') == 2


def test_a_summary_line_names_its_options_two_sizes_of_a_product_read_apart() -> None:
    # Two sizes of one pair of jeans read "1 × Wren Jeans" twice on a phone (QA).
    drawn = str(rx.foreach(CartState.lines, _summary_line))
    assert '"data-testid":"summary-line-options"' in drawn
    assert '["options"]' in drawn
    assert 'lang:"' in drawn  # catalog text, in the catalog's language
