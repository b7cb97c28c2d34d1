"""The account pages' forms as compiled for the browser: a new password's rule is shown under
its field and read with it."""

from __future__ import annotations

import re

import pytest

from state.account import RESET_FORM, SIGN_UP_FORM
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
