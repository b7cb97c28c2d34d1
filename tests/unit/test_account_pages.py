"""The account pages' forms as compiled for the browser: a new password's rule is shown under
its field and read with it."""

from __future__ import annotations

import re

import pytest
from reflex.components.component import Component

from components.account_forms import form
from state.account import RESET_FORM, SIGN_UP_FORM, AccountState
from state.account_security import PASSWORD_FORM
from storefront.pages.account import account_page, admin_link, reset_page, sign_in_page


@pytest.mark.parametrize(
    ("page", "form"),
    [(sign_in_page, SIGN_UP_FORM), (reset_page, RESET_FORM), (account_page, PASSWORD_FORM)],
)
def test_a_new_password_field_shows_its_rule_and_is_described_by_it(
    page: object, form: str
) -> None:
    drawn = str(page())  # type: ignore[operator]
    hint = f"{form}-password-hint"
    assert f'"data-testid":"password-hint",id:"{hint}"' in drawn
    # Described by its rule, and by the form's error too while it is in error.
    described = re.search(
        rf'"aria-describedby":\(\S+\.includes\("{form}/password"\) \? "(\S+) {hint}" : "{hint}"\)',
        drawn,
    )
    assert described is not None


def test_the_admin_link_is_one_element_drawn_as_a_button() -> None:
    # A button inside the link was two interactive elements, two Tab stops, for one way.
    assert str(admin_link()).startswith("jsx(RadixThemesButton,{asChild:true,")


def test_an_account_form_turns_busy_before_its_event_and_idle_after_it() -> None:
    """The button shows busy as soon as the form is sent (a sign-in hashes a password):
    `working`'s answer comes back before the form's own event runs; `worked` follows it,
    whatever that event did (refused, returned early, signed out)."""
    drawn = form("account.sign_in", AccountState.sign_in, "account.sign_in", testid="f")
    hooks = "".join(str(hook) for hook in _forms(drawn)[0]._get_all_hooks())
    sent = re.findall(r'ReflexEvent\("[\w.]+_account_state\.(\w+)"', hooks)
    assert sent == ["working", "sign_in", "worked"]


def _forms(component: Component) -> list[Component]:
    found = [component] if component.tag == "form" else []
    for child in component.children:
        found += _forms(child)
    return found
