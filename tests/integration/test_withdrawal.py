"""The withdrawal function on SQLite and PostgreSQL (services/orders/withdrawal.py,
adapters/sql_withdrawals.py): a confirmed statement is one row with its audit entry and its
WithdrawalReceived event in the same transaction; the order-mail group's handler mails the
acknowledgement once however often the bus delivers it; two confirmations at once never
withdraw more than was bought, nor record a double click twice; outside the period nothing is
recorded; the guest's lookup answers a mismatch as an unknown reference and is limited per
client in Redis; the admin sees the statements and filters the orders that have one."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text

from models.events import WithdrawalReceived
from models.orders import OrderStatus
from models.types import utc_now
from storefront.adapters.sql_admin_orders import SqlAdminOrders
from storefront.adapters.throttle import RedisThrottle
from storefront.bootstrap import Shop
from storefront.services.accounts.personal_data import _order
from storefront.services.admin.access import Permission
from storefront.services.admin.order_views import OrderFilter
from storefront.services.errors import Refusal
from storefront.services.orders.ports import OrderRecord
from storefront.services.orders.withdrawal import GUEST_LOOKUPS, Draft, Withdrawals
from storefront.services.orders.withdrawal_period import period_lines
from storefront.subscriptions import ORDER_MAIL, consumer_groups
from tests.integration.admin_fixtures import admin_of, staff_of, team_sessions
from tests.integration.bus_fixtures import outbox_events
from tests.integration.checkout_fixtures import VISA, checkout, commerce, paying_shop, place

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop], localstripe_url: str) -> Shop:
    return paying_shop(make_shop, database_url, localstripe_url)


def shipped_order(
    shop: Shop, guest: str = "g1", locale: str = "en", **choices: object
) -> OrderRecord:
    """A paid order of two units of one product and one of another, shipped now; `choices`:
    the checkout form's others (a discount code)."""
    assert shop.carts is not None
    shop.carts.add(guest, None, "SKU-2-0", 1)
    placed = place(shop, guest, "SKU-1-0", 2, locale=locale, **choices)
    assert checkout(shop).pay(placed.order_id, VISA).status is OrderStatus.PAID
    assert shop.engine is not None
    assert SqlAdminOrders(shop.engine).fulfil(
        placed.order_id, "dhl", "JD1", utc_now(), from_status=OrderStatus.PAID, refunded_minor=0
    )
    order = commerce(shop).orders.get(placed.order_id)
    assert order is not None
    return order


def sql(shop: Shop, statement: str, **params: object) -> list[tuple[object, ...]]:
    assert shop.engine is not None
    with shop.engine.begin() as connection:
        return [tuple(r) for r in connection.execute(text(statement), params)]


def everything(order: OrderRecord) -> Draft:
    return Draft("Gita Gast", order.email, {i: ln.quantity for i, ln in enumerate(order.lines)})


def withdrawal_events(shop: Shop) -> list[WithdrawalReceived]:
    return [e for e in outbox_events(shop) if isinstance(e, WithdrawalReceived)]


def deliver(shop: Shop, times: int = 2) -> None:
    events = withdrawal_events(shop)
    for handle in consumer_groups(shop)[ORDER_MAIL][WithdrawalReceived]:
        handle(events * times)


def acknowledgements(shop: Shop) -> list[tuple[object, ...]]:
    return sql(
        shop,
        "select recipient, subject, body from mail_outbox"
        " where subject like 'Withdrawal received%' or subject like 'Rétractation reçue%'"
        " order by id",
    )


def test_a_statement_is_recorded_audited_and_acknowledged_once_through_the_bus(
    shop: Shop,
) -> None:
    order = shipped_order(shop, locale="fr")
    withdrawals = commerce(shop).withdrawals
    lines = [(ln.title, ln.quantity) for ln in order.lines]
    chair = next(i for i, ln in enumerate(order.lines) if ln.sku == "SKU-1-0")
    draft = Draft(" Gita Gast ", "Gita@Example.com", {chair: 1})
    now = utc_now()
    statement, created = withdrawals.withdraw(order.id, draft, "key-1", now)
    again, created_again = withdrawals.withdraw(order.id, draft, "key-1", now)
    assert (created, created_again, again) == (True, False, statement)
    rows = sql(shop, "select order_id, name, email, locale, ack_sent_at from withdrawal_statement")
    assert rows == [(order.id, "Gita Gast", "gita@example.com", "fr", None)]
    audit = sql(shop, "select action, subject from admin_audit where action = 'order.withdrawal'")
    assert audit == [("order.withdrawal", f"order:{order.reference}")]
    assert withdrawal_events(shop) == [WithdrawalReceived(order.id, statement.id)]
    assert acknowledgements(shop) == []  # the event's handler sends it, not the call
    deliver(shop)
    deliver(shop)
    ((to, subject, body),) = acknowledgements(shop)
    assert to == "gita@example.com"
    assert subject == f"Rétractation reçue\u202f: commande {order.reference}"
    assert "(heure UTC)." in str(body)
    # Where the items go back: the seller's address, as its invoices give it (QA).
    settings = shop.settings
    street = settings.seller_address.split("|")[0].strip()
    assert f"À renvoyer à\u202f: {settings.seller_name}, {street}, " in str(body)
    line = order.lines[chair]
    assert f"- 1 × {line.title} ({line.options})\n" in str(body)
    assert sum(str(body).count(f"× {ln.title}") for ln in order.lines) == 1  # that one only
    # What it will refund: the chair at the price paid (QA: the mail did not say).
    assert "\nNous vous rembourserons 20,00\u00a0€ pour ces articles.\n" in str(body)
    assert sql(shop, "select ack_sent_at is not null from withdrawal_statement") == [(True,)]
    left = withdrawals.open_lines(order, utc_now())
    assert left == [q - (1 if i == chair else 0) for i, (_, q) in enumerate(lines)]


def test_two_confirmations_at_once_never_withdraw_more_than_was_bought(shop: Shop) -> None:
    order = shipped_order(shop)
    withdrawals = commerce(shop).withdrawals

    def confirm(key: str) -> str:
        try:
            withdrawals.withdraw(order.id, everything(order), key, utc_now())
        except Refusal as refused:
            return refused.code
        return "recorded"

    with ThreadPoolExecutor(4) as pool:
        outcomes = list(pool.map(confirm, ["a", "b", "c", "c"]))
    # One of the three keys withdrew everything; a twin of that one's key sees it recorded.
    assert sql(shop, "select count(*) from withdrawal_statement") == [(1,)]
    assert len(withdrawal_events(shop)) == 1
    (key,) = [k for (k,) in sql(shop, "select request_key from withdrawal_statement")]
    refused = [o for o in outcomes if o != "recorded"]
    assert set(refused) <= {"withdraw.error.all_withdrawn"}
    assert len(refused) == (2 if key == "c" else 3)
    assert withdrawals.open_lines(order, utc_now()) is None


def test_a_double_click_that_withdrew_everything_returns_its_statement_not_a_refusal(
    shop: Shop,
) -> None:
    # The twin arriving after the first was recorded was refused "all withdrawn" (CI, once).
    order = shipped_order(shop)
    withdrawals = commerce(shop).withdrawals
    first, created = withdrawals.withdraw(order.id, everything(order), "k", utc_now())
    again, created_again = withdrawals.withdraw(order.id, everything(order), "k", utc_now())
    assert (created, created_again, again) == (True, False, first)
    with pytest.raises(Refusal, match=r"withdraw\.error\.all_withdrawn"):
        withdrawals.withdraw(order.id, everything(order), "other", utc_now())
    assert sql(shop, "select count(*) from withdrawal_statement") == [(1,)]


def test_the_period_counts_from_receipt_and_after_it_nothing_is_recorded(shop: Shop) -> None:
    """It closed 30 days after shipping, where the policy counts 30 days from receipt (QA):
    it closes as the 30th day after the last day standard delivery promises ends."""
    order = shipped_order(shop)
    assert order.fulfilled_at is not None
    withdrawals = commerce(shop).withdrawals
    assert withdrawals.days == 30
    period = withdrawals.period(order)
    assert period is not None
    assert period.ends_at > order.fulfilled_at + timedelta(days=35)  # 5 working days: a week
    with pytest.raises(Refusal, match=r"withdraw\.error\.over"):
        withdrawals.withdraw(order.id, everything(order), "key-1", period.ends_at)
    assert withdrawals.open_lines(order, period.ends_at) is None
    assert sql(shop, "select count(*) from withdrawal_statement") == [(0,)]
    assert withdrawal_events(shop) == []
    # 30 days and a minute after it shipped, where it was refused, it is recorded.
    late = order.fulfilled_at + timedelta(days=30, minutes=1)
    _, created = withdrawals.withdraw(order.id, everything(order), "key-2", late)
    assert created
    assert sql(shop, "select count(*) from withdrawal_statement") == [(1,)]


def test_the_shipping_mail_gives_the_period_the_order_page_gives_in_the_shops_days(
    database_url: str, make_shop: Callable[..., Shop], localstripe_url: str
) -> None:
    """The shop's own settings (its days, its time zone) date the period alike in the mail
    the admin's shipment sends and in the withdrawal function."""
    shop = paying_shop(
        make_shop, database_url, localstripe_url, timezone="Europe/Paris", withdrawal_days=20
    )
    placed = place(shop, "g1", "SKU-1-0", 1, locale="fr")
    assert checkout(shop).pay(placed.order_id, VISA).status is OrderStatus.PAID
    staff = staff_of(shop, team_sessions(shop).admin, Permission.ORDERS)
    admin_of(shop).orders.fulfil(staff, placed.order_id, "colissimo", "6A123456789", utc_now())
    order = commerce(shop).orders.get(placed.order_id)
    assert order is not None
    period = commerce(shop).withdrawals.period(order)
    assert period is not None
    assert (period.days, period.shipped_on) == (20, order.fulfilled_at.astimezone(PARIS).date())  # type: ignore[union-attr]
    ((body,),) = sql(
        shop, "select body from mail_outbox where subject like 'Votre commande % est en route'"
    )
    assert "\n".join(period_lines("fr", period)) in str(body)
    assert "20 jours suivant sa réception." in str(body)


def test_the_guest_lookup_tells_no_mismatch_apart_and_is_limited_per_client_in_redis(
    shop: Shop, redis_server: str, prefix: str
) -> None:
    order = shipped_order(shop)
    service = commerce(shop).withdrawals
    withdrawals = Withdrawals(
        commerce(shop).orders,
        service._store,
        lambda events: None,
        RedisThrottle(redis_server, prefix=prefix),
        30,
    )
    now = utc_now()
    refusals = []
    for reference, email in [(order.reference, "someone@example.com"), ("ZZZZZZZZ", order.email)]:
        with pytest.raises(Refusal) as refused:
            withdrawals.find_for_guest(reference, email, "192.0.2.1", now)
        refusals.append(refused.value.code)
    assert refusals == ["withdraw.error.no_match", "withdraw.error.no_match"]
    found = withdrawals.find_for_guest(
        order.reference.lower(), order.email.upper(), "192.0.2.1", now
    )
    assert found.id == order.id
    for _ in range(GUEST_LOOKUPS.attempts - 3):
        withdrawals.find_for_guest(order.reference, order.email, "192.0.2.1", now)
    with pytest.raises(Refusal, match=r"withdraw\.error\.throttled"):
        withdrawals.find_for_guest(order.reference, order.email, "192.0.2.1", now)
    assert withdrawals.find_for_guest(order.reference, order.email, "192.0.2.2", now).id == order.id


def test_the_admin_sees_each_statement_and_filters_the_orders_with_one(shop: Shop) -> None:
    withdrawn = shipped_order(shop, "g1")
    other = shipped_order(shop, "g2")
    withdrawals = commerce(shop).withdrawals
    received = utc_now()
    withdrawals.withdraw(withdrawn.id, Draft("Gita", withdrawn.email, {0: 1}), "k1", received)
    (statement,) = withdrawals.statements(withdrawn.id)
    assert statement.refund_due_by == statement.received_at + timedelta(days=14)
    assert [i.quantity for i in statement.items] == [1]
    assert withdrawals.statements(other.id) == []
    assert shop.engine is not None
    admin = SqlAdminOrders(shop.engine)
    only = OrderFilter(withdrawn=True)
    assert [(r.id, r.withdrawn) for r in admin.rows(only, 0, 10)] == [(withdrawn.id, True)]
    assert admin.count(only) == 1
    every = {r.id: r.withdrawn for r in admin.rows(OrderFilter(), 0, 10)}
    assert every == {withdrawn.id: True, other.id: False}
    assert OrderFilter.of_described(only.described()) == only
    assert OrderFilter.typed({"status": "withdrawn"}).withdrawn


def test_the_shoppers_data_download_holds_their_statements_of_withdrawal(shop: Shop) -> None:
    """The name and email given in a statement are the shopper's data too (GDPR, art. 15):
    the download left them out (QA)."""
    order = shipped_order(shop)
    withdrawals = commerce(shop).withdrawals
    chair = next(i for i, ln in enumerate(order.lines) if ln.sku == "SKU-1-0")
    withdrawals.withdraw(
        order.id, Draft("Gita Gast", "gita@example.com", {chair: 1}), "k", utc_now()
    )
    [entry] = _order(order, withdrawals)["withdrawals"]
    assert (entry["name"], entry["email"]) == ("Gita Gast", "gita@example.com")
    assert [(item["sku"], item["quantity"]) for item in entry["items"]] == [("SKU-1-0", 1)]
    assert _order(order, None)["withdrawals"] == []


def test_a_guest_asks_for_the_link_of_an_order_not_shipped_and_it_goes_to_its_email(
    shop: Shop,
) -> None:
    placed = place(shop, "g1")
    assert checkout(shop).pay(placed.order_id, VISA).status is OrderStatus.PAID
    order = commerce(shop).orders.get(placed.order_id)
    assert order is not None
    commerce(shop).withdrawal_mail.send_order_link(order)
    [(to, subject, body)] = sql(
        shop, "select recipient, subject, body from mail_outbox where subject like 'The link%'"
    )
    assert (to, subject) == (order.email, f"The link to your order {order.reference}")
    assert f"/order/{order.reference}?key={order.access_key}" in str(body)
