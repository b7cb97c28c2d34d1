"""The withdrawal function's states (state/order_withdrawal.py, state/withdraw_lookup.py) on the
fake shop with the in-memory order and statements of tests/unit/services/test_withdrawal.py:
two steps, bad input refused with nothing recorded, a double confirmation recorded once, and
the guest's lookup granting nothing on a mismatch."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from reflex.istate.data import RouterData

from models.orders import OrderStatus
from models.types import utc_now
from state.admin.order_withdrawals import statement_row
from state.checkout import CheckoutState
from state.order import OrderState
from state.order_withdrawal import OrderWithdrawalState
from state.withdraw_lookup import WithdrawLookupState
from storefront.adapters.throttle import InProcessThrottle
from storefront.bootstrap import Shop, set_shop
from storefront.i18n import translations
from storefront.services.accounts.service import Accounts
from storefront.services.admin.order_views import RefundView
from storefront.services.orders.withdrawal import Draft, Statement, Withdrawals, WithdrawnItem
from storefront.services.orders.withdrawal_period import (
    over_text,
    period_lines,
    withdrawal_period,
)
from storefront.services.orders.withdrawal_refunds import Settlement
from tests.unit.services.test_accounts import Mails, MemoryAccounts, PlainHasher
from tests.unit.services.test_withdrawal import SHIPPED, Orders, World
from tests.unit.state.test_listing_state import at


@pytest.fixture
def world() -> World:
    return World(replace(SHIPPED, fulfilled_at=utc_now()))  # within its period now


@pytest.fixture(autouse=True)
def withdrawal_shop(seeded: Shop, world: World) -> Iterator[Shop]:
    seeded.accounts = Accounts(
        MemoryAccounts(), PlainHasher(), Mails(), throttle=InProcessThrottle()
    )
    orders = Orders(world)
    withdrawals = Withdrawals(orders, world, world.published.extend, InProcessThrottle(), 30)  # type: ignore[arg-type]
    world.links = []  # type: ignore[attr-defined]  # the orders whose link was mailed
    seeded.commerce = SimpleNamespace(  # type: ignore[assignment]
        orders=orders,
        withdrawals=withdrawals,
        withdrawal_mail=SimpleNamespace(send_order_link=world.links.append),  # type: ignore[attr-defined]
    )
    set_shop(seeded)
    yield seeded
    set_shop(None)


async def opened(world: World, key: str = "k3y") -> Any:
    """The withdrawal function as the order's page, opened by its link, grants it."""
    order_page: Any = at(OrderState, f"/order/{world.order.reference}", {"key": key})
    await order_page.load()
    return await order_page.get_state(OrderWithdrawalState)


async def test_the_order_link_offers_the_function_prefilled_and_two_steps_record_once(
    world: World,
) -> None:
    page = await opened(world)
    assert page.offered
    # The link's holder types the order's email, as to cancel: the page masks it (QA).
    assert (page.name, page.email, page.about) == ("Gita Gast", "", "ABCDEF2345")
    assert [(x.title, x.left) for x in page.lines] == [("Chair number 1", 2), ("Lamp number 2", 1)]
    page.open()
    assert page.step == "form"
    assert [x.chosen for x in page.lines] == [2, 1]  # the form offers all of each
    await page.review(
        {"name": "Gita Gast", "email": "gita@example.com", "qty-0": "1", "qty-1": "0"}
    )
    assert (page.step, page.error) == ("confirm", {})
    assert [(x.title, x.chosen) for x in page.lines] == [
        ("Chair number 1", 1),
        ("Lamp number 2", 0),
    ]
    assert world.statements == []  # step 1 records nothing
    page.back()  # the form again, as it was filled in
    assert (page.step, [x.chosen for x in page.lines]) == ("form", [1, 0])
    await page.review(
        {"name": "Gita Gast", "email": "gita@example.com", "qty-0": "1", "qty-1": "0"}
    )
    await page.confirm()
    await page.confirm()  # a double click's second, after the first went through
    assert len(world.statements) == 1
    assert len(world.published) == 1
    assert page.done["en"].startswith("Your withdrawal was received on ")
    assert page.step == ""
    assert [(x.title, x.left) for x in page.lines] == [("Chair number 1", 1), ("Lamp number 2", 1)]
    ((sent),) = page.sent  # the page keeps saying what was sent, and when
    assert sent.received["en"].startswith("Withdrawal received on ")
    assert sent.received["en"].endswith(" (UTC time): 1 × Chair number 1 (Oak).")
    assert sent.received["fr"].endswith(" (heure UTC)\u202f: 1 × Chair number 1 (Oak).")
    # And how much it will refund, by when (QA: the page did not say).
    assert sent.refund["en"].startswith("To be refunded: €20.00, by ")
    assert sent.refund["fr"].startswith("À rembourser\u202f: 20,00\u00a0€, au plus tard le ")
    assert page.mark == translations("order.withdrawn.partial")  # beside its status


@pytest.mark.parametrize(
    ("form", "code"),
    [
        (
            {"name": "Gita", "email": "gita@example.com", "qty-0": "3", "qty-1": "0"},
            "withdraw.error.quantity",
        ),
        (
            {"name": "Gita", "email": "gita@example.com", "qty-0": "x", "qty-1": "0"},
            "withdraw.error.quantity",
        ),
        (
            {"name": "Gita", "email": "gita@example.com", "qty-0": "0", "qty-1": "0"},
            "withdraw.error.nothing",
        ),
        (
            {"name": "", "email": "gita@example.com", "qty-0": "1", "qty-1": "0"},
            "withdraw.error.name",
        ),
        ({"name": "Gita", "email": "nope", "qty-0": "1", "qty-1": "0"}, "withdraw.error.email"),
        ({"name": "Gi\x00ta", "email": "gita@example.com", "qty-0": "1"}, "form.error.control"),
    ],
)
async def test_bad_input_keeps_step_one_with_its_message_and_records_nothing(
    world: World, form: dict[str, str], code: str
) -> None:
    page = await opened(world)
    page.open()
    await page.review(form)
    assert (page.step, page.error) == ("form", translations(code))
    await page.confirm()  # crafted: no reviewed statement to confirm
    assert page.error == translations("withdraw.error.expired")
    assert (world.statements, world.published) == ([], [])


async def test_a_visitor_without_the_key_is_offered_nothing(world: World) -> None:
    page = await opened(world, key="wrong")
    assert (page.offered, page.about) == (False, "")
    page.open()
    await page.review({"name": "Gita", "email": "gita@example.com", "qty-0": "1"})
    await page.confirm()
    assert world.statements == []


async def test_the_guest_page_grants_the_function_only_on_a_match(world: World) -> None:
    lookup: Any = at(WithdrawLookupState, "/withdraw")
    await lookup.load()
    await lookup.find({"reference": world.order.reference, "email": "other@example.com"})
    assert lookup.error == translations("withdraw.error.no_match")
    withdrawal = await lookup.get_state(OrderWithdrawalState)
    assert (withdrawal.offered, withdrawal.about, lookup.found) == (False, "", False)
    await lookup.find({"reference": world.order.reference.lower(), "email": "GITA@example.com"})
    assert (lookup.error, lookup.found) == ({}, True)
    assert (withdrawal.offered, withdrawal.about) == (True, world.order.reference)


async def test_a_guest_whose_order_has_not_shipped_is_sent_its_link_to_cancel_it(
    world: World,
) -> None:
    """Canceling is the withdrawal before shipping, from the order's page, which needs the
    mail's link: the guest without it was told to "cancel it from its page" (QA). The link
    goes to the order's email only, twice an hour at most whatever the lookups."""
    world.order = replace(world.order, status=OrderStatus.PAID, fulfilled_at=None)
    lookup: Any = at(WithdrawLookupState, "/withdraw")
    await lookup.load()
    for _ in range(4):
        await lookup.find({"reference": world.order.reference, "email": "gita@example.com"})
        assert lookup.error == translations("withdraw.guest.not_shipped")
    assert [order.reference for order in world.links] == [world.order.reference] * 2  # type: ignore[attr-defined]
    withdrawal = await lookup.get_state(OrderWithdrawalState)
    assert not withdrawal.offered
    # Not shipped, and nothing to cancel either: not "its period is over".
    for status in (OrderStatus.CANCELED, OrderStatus.PENDING, OrderStatus.REFUNDED):
        world.order = replace(world.order, status=status)
        await lookup.find({"reference": world.order.reference, "email": "gita@example.com"})
        assert lookup.error == translations("withdraw.guest.nothing"), status
    assert len(world.links) == 2  # type: ignore[attr-defined]


async def test_the_page_dates_the_period_from_receipt_and_says_what_that_rests_on(
    world: World,
) -> None:
    """It said "until" 30 days after shipping, the policy 30 days from receipt (QA): the page
    gives the period's last day from the day of receipt the delivery promises, and says so,
    in the shipping mail's words."""
    page = await opened(world)
    period = withdrawal_period(world.order, 30, UTC)
    assert period is not None
    assert period.last_day > world.order.fulfilled_at.date() + timedelta(days=30)  # type: ignore[union-attr]
    for lang in ("en", "fr"):
        assert [page.period[lang], page.period_basis[lang]] == period_lines(lang, period)
    assert "30 days from receiving it" in page.period["en"]
    assert page.period_basis["fr"].startswith("Nous ne savons pas quel jour votre colis arrive")


async def test_a_confirmation_after_the_period_is_refused_with_its_last_day(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = await opened(world)
    page.open()
    period = withdrawal_period(world.order, 30, UTC)
    assert period is not None
    monkeypatch.setattr("state.order_withdrawal.utc_now", lambda: period.ends_at)
    await page.review({"name": "Gita", "email": "gita@example.com", "qty-0": "1", "qty-1": "0"})
    assert page.step == "form"
    assert page.error == {lang: over_text(lang, period) for lang in ("en", "fr")}
    assert world.statements == []


async def test_the_guest_whose_period_is_over_is_told_its_last_day(world: World) -> None:
    world.order = replace(world.order, fulfilled_at=utc_now() - timedelta(days=60))
    lookup: Any = at(WithdrawLookupState, "/withdraw")
    await lookup.load()
    await lookup.find({"reference": world.order.reference, "email": "gita@example.com"})
    period = withdrawal_period(world.order, 30, UTC)
    assert period is not None
    assert lookup.error == {lang: over_text(lang, period) for lang in ("en", "fr")}
    assert lookup.error["en"].startswith("The withdrawal period of this order ended on ")
    withdrawal = await lookup.get_state(OrderWithdrawalState)
    assert not withdrawal.offered


async def test_only_the_checkouts_return_in_the_tab_that_paid_thanks_for_the_order(
    world: World,
) -> None:
    """The page said "Thank you for your order" whenever opened within the hour, from the
    account's list too, shipped or withdrawn from (QA): only the checkout's return does."""
    world.order = replace(
        world.order, status=OrderStatus.PAID, fulfilled_at=None, created_at=utc_now()
    )
    reference = world.order.reference
    back = {"key": "k3y", "paid": "1"}  # where the checkout sends the tab that paid
    page: Any = at(OrderState, f"/order/{reference}", back)
    await page.load()
    assert page.just_placed is False  # that address in a tab that did not pay it
    checkout: Any = await page.get_state(CheckoutState)
    checkout._paid_in_this_tab(world.order.id, f"/order/{reference}?key=k3y")
    await page.load()
    assert page.just_placed is True
    # The same tab, from the account's list of orders (or the mail's link): named, no thanks.
    page.parent_state.router = RouterData.from_router_data(
        {"pathname": f"/order/{reference}", "asPath": f"/order/{reference}?key=k3y",
         "query": {"key": "k3y"}}
    )  # fmt: skip
    await page.load()
    assert (page.found, page.just_placed) == (True, False)


async def test_a_withdrawn_order_says_so_beside_its_status_and_what_it_will_refund(
    world: World, withdrawal_shop: Shop
) -> None:
    withdrawals = withdrawal_shop.commerce.withdrawals  # type: ignore[union-attr]
    everything = Draft("Gita Gast", "gita@example.com", {0: 2, 1: 1})
    withdrawals.withdraw(world.order.id, everything, "key-1", utc_now())
    page = await opened(world)
    assert page.mark == translations("order.withdrawn.whole")
    ((sent),) = page.sent
    # Everything, with the delivery; never more than the order's 45.00 paid, all left.
    assert sent.refund["en"].startswith("To be refunded: €45.00, by ")
    assert sent.refund["en"].endswith(", once the items are back or you show you sent them.")
    world.refunds.append(RefundView(1, 4_500, "succeeded", "", utc_now() + timedelta(days=1)))
    world.order = replace(world.order, status=OrderStatus.REFUNDED, refunded_minor=4_500)
    page = await opened(world)
    ((sent),) = page.sent
    assert page.mark == translations("order.withdrawn.whole")  # refunded since: still said
    assert sent.refund["en"].startswith("Refunded: €45.00, on ")
    assert sent.refund["fr"].startswith("Remboursé\u202f: 45,00\u00a0€, le ")


def test_the_admin_sees_when_and_from_whom_which_items_and_what_they_owe() -> None:
    """While owed: the day and the amount still due for these goods (QA: it said "Refund due
    by" for good, with no amount); once covered: how much was refunded, and when."""
    received = datetime(2026, 12, 4, 20, 5, tzinfo=UTC)
    chair = WithdrawnItem(0, "SKU-1-0", "Chair number 1", "Oak", 1)
    statement = Statement(1, 1, "Gita Gast", "gita@example.com", (chair,), received, "fr", 3_959)
    row = statement_row(statement, Settlement(3_959, 0, 3_959, None), "EUR")
    assert row.received == {
        "en": "Received 4 December 2026 at 20:05 (UTC time) from Gita Gast (gita@example.com)",
        "fr": "Reçue le 4 décembre 2026 à 20\u202fh\u202f05 (heure UTC), envoyée par Gita Gast "
        "(gita@example.com)",
    }
    assert row.refund == {
        "en": "Refund due by 18 December 2026: €39.59 for these goods, once they are back "
        "(the refund below).",
        "fr": "Remboursement dû au plus tard le 18 décembre 2026\u202f: 39,59\u00a0€ pour ces "
        "articles, dès leur retour (remboursement ci-dessous).",
    }
    assert (row.goods, row.owed) == (["1 × Chair number 1 (Oak)"], True)
    part = statement_row(statement, Settlement(3_959, 2_000, 1_959, received), "EUR")
    assert part.refund["en"] == (
        "Refund due by 18 December 2026: €19.59 more for these goods (€20.00 refunded), "
        "once they are back (the refund below)."
    )
    refunded_at = datetime(2026, 12, 9, 23, 30, tzinfo=UTC)
    done = statement_row(statement, Settlement(3_959, 3_959, 0, refunded_at), "EUR")
    assert done.refund == {
        "en": "Refunded €39.59 on 9 December 2026.",
        "fr": "39,59\u00a0€ remboursés le 9 décembre 2026.",
    }
    assert not done.owed
    free = statement_row(statement, Settlement(0, 0, 0, None), "EUR")
    assert free.refund["en"] == "No refund due: nothing was paid for these goods."
    gone = statement_row(statement, Settlement(3_959, 0, 0, None), "EUR")
    assert gone.refund["en"] == "No refund due: nothing is left to refund on this order."


async def test_the_tab_that_placed_the_order_finds_the_form_filled_with_its_email(
    world: World,
) -> None:
    order_page: Any = at(OrderState, f"/order/{world.order.reference}", {"key": "k3y"})
    await order_page.load()  # by its link first: not filled in
    page: Any = await order_page.get_state(OrderWithdrawalState)
    assert (page.name, page.email) == ("Gita Gast", "")
    checkout: Any = await order_page.get_state(CheckoutState)
    checkout.email = world.order.email  # typed: a field any browser may set (security)
    await order_page.load()
    assert page.email == ""
    checkout._placed_here = [world.order.reference]
    await order_page.load()  # the same tab, known now: filled at this visit (review)
    assert (page.name, page.email) == ("Gita Gast", "gita@example.com")
    checkout._placed_here = []
    await order_page.load()  # no longer known (another visitor of the tab): gone again
    assert page.email == ""
