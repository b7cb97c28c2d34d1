"""Orders refunded in full before they shipped, left `refunded` from before such refunds
canceled them, closed by the operator's command on SQLite and PostgreSQL: listed first,
then canceled with their stock and discount use given back, audited, each once; shipped,
partly refunded and claimed orders are left as they are."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from storefront.bootstrap import Shop, set_shop
from storefront.cli.__main__ import main as cli
from tests.integration.test_admin_orders import NOW, Desk, make_desk

STATES = "select reference, status, refunded_minor from sales_order order by id"
HOLDS = "select holder, status from stock_reservation order by id"
CODE_USES = "select used_count from discount_code where code = 'OLD10'"
CLOSES = "select actor_email, subject from admin_audit where action = 'order.refund_close'"
EVENTS = "select count(*) from outbox_message where event_type = 'ProductChanged'"


@pytest.fixture
def desk(database_url: str, make_shop: Callable[..., Shop]) -> Desk:
    return make_desk(database_url, make_shop)


def refunded_long_ago(desk: Desk, n: int, **changes: object) -> int:
    """A paid order refunded in full as the shop left it before refunds closed orders."""
    order_id = desk.paid(n)
    values = {"status": "refunded", "refunded_minor": 2_500} | changes
    assignments = ", ".join(f"{column} = :{column}" for column in values)
    desk.sql(f"update sales_order set {assignments} where id = :id", id=order_id, **values)
    return order_id


def run(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    capsys.readouterr()
    assert cli(["close-refunded-orders", *args]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_orders_refunded_before_shipping_are_listed_then_closed_once_stock_and_code_back(
    desk: Desk, capsys: pytest.CaptureFixture[str]
) -> None:
    desk.sql(
        "insert into discount_code (code, kind, value, min_subtotal_minor, used_count, active,"
        " created_at) values ('OLD10', 'percent', 10, 0, 1, true, :now)",
        now=NOW,
    )
    stuck = refunded_long_ago(desk, 1, discount_code="OLD10")
    refunded_long_ago(desk, 2, fulfilled_at=NOW)  # shipped: its goods left
    refunded_long_ago(desk, 3, cancel_requested_at=NOW)  # the cancel finishes it
    refunded_long_ago(desk, 4, status="partially_refunded", refunded_minor=1_000)
    assert desk.stock() == 46
    set_shop(desk.shop)
    try:
        before = desk.sql(STATES), desk.sql(HOLDS), desk.sql(EVENTS)
        listed = run(capsys)
        assert listed == [
            {
                "reference": "REF0000001",
                "total": "25.00",
                "currency": "EUR",
                "units": 1,
                "discount_code": "OLD10",
            },
            {"found": 1},
        ]
        # Listing changes nothing.
        assert (desk.sql(STATES), desk.sql(HOLDS), desk.sql(EVENTS)) == before
        assert (desk.stock(), desk.sql(CODE_USES), desk.sql(CLOSES)) == (46, [(1,)], [])

        closed = run(capsys, "--apply")
        assert closed[-1] == {"found": 1, "closed": 1}
        assert closed[0]["closed"] is True
        assert desk.sql(STATES) == [
            ("REF0000001", "canceled", 2_500),
            ("REF0000002", "refunded", 2_500),
            ("REF0000003", "refunded", 2_500),
            ("REF0000004", "partially_refunded", 1_000),
        ]
        assert desk.sql(HOLDS)[0] == (f"order:{stuck}", "released")
        assert [status for _, status in desk.sql(HOLDS)[1:]] == ["committed"] * 3
        assert (desk.stock(), desk.sql(CODE_USES)) == (47, [(0,)])
        assert desk.sql(CLOSES) == [("cli", "order:REF0000001")]
        assert desk.sql(EVENTS) > before[2]

        # Run again: nothing left to close, nothing given back twice.
        assert run(capsys, "--apply") == [{"found": 0, "closed": 0}]
        assert (desk.stock(), desk.sql(CODE_USES), len(desk.sql(CLOSES))) == (47, [(0,)], 1)
    finally:
        set_shop(None)
