"""A refund the admin asked for, left pending by a provider timeout and settled later by the
reconciliation pass, gets its audit entry, once; on real SQLite and PostgreSQL, with the
shop wired as in production and a fake provider that loses its first answer."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import text

from models.orders import OrderStatus as S
from models.types import utc_now
from storefront.bootstrap import Shop
from storefront.services.catalog_writer import save_drafts
from storefront.services.checkout.pricing import Totals
from storefront.services.errors import Refusal
from storefront.services.orders.ports import Address, NewOrder, OrderItem
from storefront.services.payments import PaymentError
from tests.integration.admin_fixtures import admin_of, staff_of, team_sessions
from tests.unit.conftest import CHAIRS, draft

KEY = "k" * 24


class LostFirstAnswer:
    """Refunds once per idempotency key; the first call's answer is lost (a timeout)."""

    def __init__(self) -> None:
        self.lost = 1
        self.keys: list[str] = []

    def refund(self, intent_id: str, amount_minor: int, idempotency_key: str) -> str:
        self.keys.append(idempotency_key)
        if self.lost:
            self.lost -= 1
            raise PaymentError("timeout", retryable=True)
        return "re_settled"


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop]) -> Shop:
    # Payments configured, so the bootstrap wires refunds and the reconciliation; the API
    # base is a closed port: nothing here may reach a real provider.
    shop = make_shop(
        database_url,
        stripe_secret_key="sk_test_reconciliation",
        stripe_publishable_key="pk_test_reconciliation",
        stripe_webhook_secret="whsec_reconciliation",
        stripe_api_base="http://127.0.0.1:9",
    )
    shop.run(save_drafts, [draft(1, stock=10, price=2_000)], categories=[CHAIRS])
    return shop


def paid_order(shop: Shop) -> int:
    assert shop.commerce is not None
    assert shop.inventory is not None
    orders = shop.commerce.orders
    order_id = orders.create(
        NewOrder(
            reference="REF0000001", access_key="key-1", account_id=None, cart_id=None,
            email="camille@example.com", locale="fr",
            address=Address("Camille Martin", "12 rue des Lilas", "", "75011", "Paris", "FR"),
            shipping_method="standard", discount_code=None,
            amounts=Totals(2_000, 0, 500, 2_500, 20, 417, "EUR"),
            lines=(OrderItem(1, "SKU-1-0", "Chair number 1", 1, 2_000),),
        )
    )  # fmt: skip
    assert shop.inventory.reserve(f"order:{order_id}", [("SKU-1-0", 1)], utc_now())
    orders.attach_intent(order_id, "pi_reconciled")
    assert orders.move(order_id, S.PAID).applied
    return order_id


def rows(shop: Shop, sql: str) -> list[tuple[object, ...]]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def test_a_refund_settled_by_the_reconciliation_is_audited_once(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    order_id = paid_order(shop)
    assert shop.commerce is not None
    refunds, reconciliation = shop.commerce.refunds, shop.commerce.reconciliation
    assert refunds is not None
    assert reconciliation is not None
    provider = LostFirstAnswer()
    monkeypatch.setattr(refunds, "_payments", provider)
    boss = staff_of(shop, team_sessions(shop).admin)
    with pytest.raises(Refusal) as refused:
        admin_of(shop).orders.refund(boss, order_id, "10", "scratched", KEY)
    assert refused.value.code == "refund.error.provider"
    assert rows(shop, "select status from order_refund") == [("pending",)]
    assert rows(shop, "select action from admin_audit where subject like 'order:%'") == []

    later = utc_now() + timedelta(minutes=11)  # pending for the 10 minutes it waits
    counts = reconciliation.reconcile(later, timedelta(minutes=10), timedelta(minutes=15))
    assert (counts["refunded"], counts["failed"]) == (1, 0)
    again = reconciliation.reconcile(later, timedelta(minutes=10), timedelta(minutes=15))
    assert (again["refunded"], again["failed"]) == (0, 0)

    entries = rows(
        shop,
        "select actor_id, actor_email, action, subject, before, after from admin_audit"
        " where subject like 'order:%'",
    )
    assert [entry[:5] for entry in entries] == [
        (None, "reconciliation", "order.refund.settled", "order:REF0000001", "")
    ]
    assert json.loads(str(entries[0][5])) == {
        "status": "partially_refunded",
        "refunded_minor": 1_000,
        "amount": 1_000,
        "provider_refund_id": "re_settled",
        "request_key": KEY,
    }
    assert rows(shop, "select status, provider_refund_id from order_refund") == [
        ("succeeded", "re_settled")
    ]
    assert provider.keys == [f"refund-{KEY}"] * 2  # the admin's call, then the one retry
