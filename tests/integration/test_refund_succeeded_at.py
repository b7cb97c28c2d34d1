"""Each refund records when it went through, wherever it does, on SQLite and PostgreSQL: the
provider's answer to a request, the webhook or the reconciliation settling one pending, one
made in the provider's dashboard, one made outside the provider; set once, kept when it fails
later, never for one that never went through."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from sqlalchemy import select

from models.types import utc_now
from storefront.adapters.sql_offline_refunds import SqlOfflineRefundStore
from storefront.adapters.sql_refunds import REFUND
from storefront.bootstrap import Shop
from storefront.services.orders.offline_refunds import OfflineRefund
from tests.integration.test_admin_orders import Desk, make_desk
from tests.integration.test_refund_store import made, ours, store_of


@pytest.fixture
def desk(database_url: str, make_shop: Callable[..., Shop]) -> Desk:
    return make_desk(database_url, make_shop)


def went_through(desk: Desk) -> dict[str, tuple[str, datetime | None]]:
    """Each refund's (status, succeeded_at) by its request key."""
    assert desk.shop.engine is not None
    columns = (REFUND.c.request_key, REFUND.c.status, REFUND.c.succeeded_at)
    with desk.shop.engine.connect() as connection:
        rows = connection.execute(select(*columns).order_by(REFUND.c.id)).all()
    return {key: (status, at) for key, status, at in rows}


def test_a_refund_goes_through_once_wherever_the_shop_hears_it(desk: Desk) -> None:
    order_id = desk.paid(1)  # 25.00
    store = store_of(desk)
    before = utc_now()
    ours(store, order_id, "answered", 300, "succeeded")  # the provider's answer
    ours(store, order_id, "refused", 300, "failed")
    ours(store, order_id, "held", 300, "pending")  # the provider holds it pending
    asked = store.open(order_id, 300, "unanswered", "")  # its answer lost (a timeout)
    assert not isinstance(asked, str)
    # The reconciliation finds the lost answer by its key; a refund made in the provider's
    # dashboard is recorded, gone through or failed.
    store.sync(
        order_id,
        [made("re_unanswered", 300, "succeeded", "unanswered"), made("re_dash", 300, "succeeded"),
         made("re_dash_failed", 300, "failed")],
        answer_requests=True,
    )  # fmt: skip
    SqlOfflineRefundStore(desk.shop.engine).record(  # type: ignore[arg-type]
        OfflineRefund(order_id, 300, "offline:k", "cash", ""), None, lambda _: []
    )
    after = utc_now()
    rows = went_through(desk)
    assert {key: status for key, (status, _) in rows.items()} == {
        "answered": "succeeded", "refused": "failed", "held": "pending",
        "unanswered": "succeeded", "provider:re_dash": "succeeded",
        "provider:re_dash_failed": "failed", "offline:k": "succeeded",
    }  # fmt: skip
    for key, (status, at) in rows.items():
        if status == "succeeded":
            assert at is not None, key
            assert before <= at <= after, key
        else:
            assert at is None, key
    assert desk.sql("select succeeded_at = created_at from order_refund where method = 'cash'") in (
        [(True,)], [(1,)],
    )  # fmt: skip

    # The webhook: the held one goes through now, once; then fails (a closed card).
    settled = utc_now()
    store.sync(order_id, [made("re_held", 300, "succeeded", "held")])
    _, held_at = went_through(desk)["held"]
    assert held_at is not None
    assert held_at >= settled
    store.sync(order_id, [made("re_held", 300, "succeeded", "held")])  # repeated
    store.sync(order_id, [made("re_held", 300, "failed", "held")])  # reversed
    store.sync(order_id, [made("re_held", 300, "succeeded", "held")])  # late: nothing
    assert went_through(desk)["held"] == ("failed", held_at)  # it did go through then
    assert went_through(desk)["answered"] == rows["answered"]


def test_a_request_taking_over_its_webhooks_row_keeps_when_it_went_through_and_was_told(
    desk: Desk,
) -> None:
    """A webhook overtook the answer of a refund asked without its key in the provider's
    metadata: recorded as made in the dashboard, mailed; the request's answer takes its row
    over, with when it went through and its mail, so it is not told again."""
    order_id = desk.paid(1)
    store = store_of(desk)
    asked = store.open(order_id, 1_000, "a", "")
    assert not isinstance(asked, str)
    store.sync(order_id, [made("re_a", 1_000, "succeeded")])  # no key: the dashboard's
    _, webhook_at = went_through(desk)["provider:re_a"]
    assert desk.shop.commerce is not None
    assert desk.shop.commerce.refund_mail.send(order_id)
    assert store.close(asked.id, "re_a", "succeeded")
    assert went_through(desk) == {"a": ("succeeded", webhook_at)}
    assert desk.sql("select refund_mailed from order_refund") in ([(True,)], [(1,)])
    ours(store, order_id, "b", 500, "succeeded")
    assert desk.shop.commerce.refund_mail.send(order_id)
    body = str(desk.mails()[-1][2])
    assert "We have refunded €5.00 of your order" in body
    assert "goes back to the card you paid with" in body
