"""A link drawn as a button, as compiled for the browser."""

from __future__ import annotations

from components.link_button import link_button
from components.pagination import _step


def test_a_link_button_is_the_link_itself_with_the_buttons_look() -> None:
    drawn = str(link_button("Go", href="/checkout", size="3", data_testid="go"))
    # Radix draws the button's look on its one child: React Router's link, so the page
    # changes without a reload. No button element is left inside the link.
    assert drawn == (
        'jsx(RadixThemesButton,{asChild:true,"data-testid":"go",size:"3"},'
        'jsx(ReactRouterLink,{to:"/checkout"},"Go"))'
    )


def test_the_pages_steps_under_a_listing_hold_no_button_inside_their_link() -> None:
    drawn = str(_step("/c/chairs?page=2", "page.next", "chevron-right", "page-next"))  # type: ignore[arg-type]
    assert "jsx(RadixThemesButton,{asChild:true," in drawn
    assert "RadixThemesLink" not in drawn
