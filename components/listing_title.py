"""The listing's title takes the focus after a link that replaces the results wholesale
(another page of them, a subcategory): the focus had stayed on the link, far below the results
the window scrolled up to, or landed on whatever option took the link's place (QA). The title's
live count (pages/category.py) says what the page now holds."""

from __future__ import annotations

import reflex as rx

from state.listing import LISTING_TITLE

TO_LISTING_TITLE = rx.call_script(f"document.getElementById('{LISTING_TITLE}')?.focus()")
