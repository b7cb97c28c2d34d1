"""The account page's order history follows the session cookie, not what the tab last knew."""

from __future__ import annotations

from sqlmodel import Session

from models.orders import SalesOrder
from models.types import utc_now
from state.order_history import OrderHistoryState
from storefront.bootstrap import Shop
from tests.integration.admin_fixtures import sign_up
from tests.integration.test_admin_authorization import state_at


async def test_orders_stop_showing_once_the_session_has_ended(current_shop: Shop) -> None:
    session = sign_up(current_shop, "ada@example.com")
    assert current_shop.accounts is not None
    assert current_shop.engine is not None
    account_id = current_shop.accounts.session(session, utc_now())
    with Session(current_shop.engine) as db:
        db.add(SalesOrder(reference="B7K2", account_id=account_id, email="ada@example.com"))
        db.commit()
    page = state_at(OrderHistoryState, session, {})
    await page.load()  # type: ignore[attr-defined]
    assert [o.reference for o in page.orders] == ["B7K2"]  # type: ignore[attr-defined]
    current_shop.accounts.sign_out(session)  # elsewhere (a password reset ends them all)
    await page.load()  # type: ignore[attr-defined]  # the tab asks again
    assert page.orders == []  # type: ignore[attr-defined]
