"""The listing's title takes the focus after a link that replaces the results wholesale: the
focus had stayed on the link, far below the results the window scrolled up to, or landed on
whatever option took the link's place (QA). The title's live count (pages/category.py) says
what the page now holds."""

from __future__ import annotations

import reflex as rx

from state.listing import LISTING_TITLE

# Another page of the same results: the title, whose words stay, takes the focus at once.
TO_LISTING_TITLE = rx.call_script(f"document.getElementById('{LISTING_TITLE}')?.focus()")

# Another category: the link lets the focus go, and assets/page_focus.js gives it to the
# title once the new page has loaded (given at once, the title was read with the old
# category's name, its element kept from one category to the next).
LEAVE_FOR_TITLE = rx.call_script(
    "const link = document.activeElement; if (link?.closest?.('.facet-link')) link.blur();"
)
