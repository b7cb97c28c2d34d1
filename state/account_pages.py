"""The states that show what one account owns (its addresses, orders, wishlist, the admin's
lists): signing in or out resets them, since Reflex sends the tab's whole state to the browser
again on every reconnect. Each names itself here, so that the account's state, which resets
them, imports none of them: not the admin's, and no cycle with the pages that import it."""

from __future__ import annotations

from typing import TypeVar

import reflex as rx

Page = TypeVar("Page", bound=type[rx.State])

ACCOUNT_PAGES: list[type[rx.State]] = []


def account_page(page: Page) -> Page:
    """Mark `page` as showing an account's own data: signing in or out resets it."""
    ACCOUNT_PAGES.append(page)
    return page
