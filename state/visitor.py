"""An anonymous visitor id (a cookie) that personalisation and the search log hang on."""

from __future__ import annotations

import reflex as rx

from state.cookies import cookie_value, shop_cookie
from storefront.services.browser_ids import VISITOR_COOKIE, is_visitor_id, new_visitor_id


class VisitorState(rx.State):
    visitor: str = shop_cookie(VISITOR_COOKIE)

    def _visitor_id(self) -> str:
        """This visitor's id: the cookie's, else the one the tab's connection brought (the
        page's answer set it: a tab whose state was lost finds it there), else a new one."""
        if not is_visitor_id(self.visitor):
            brought = cookie_value(self.router.headers.cookie, VISITOR_COOKIE)
            self.visitor = brought if is_visitor_id(brought) else new_visitor_id()
        return self.visitor

    def _start_afresh(self) -> None:
        """A new visitor id (at sign-out): the next person at this browser inherits none of
        the history, recommendations or recently viewed products of the one who left."""
        self.visitor = new_visitor_id()


async def visitor_of(state: rx.State) -> str:
    """The visitor id of the session `state` belongs to."""
    return (await state.get_state(VisitorState))._visitor_id()
