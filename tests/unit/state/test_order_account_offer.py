"""The thank-you page's offer to a guest (state/order_account_offer.py): made only to the tab
that placed the order signed out; "create an account" with the address prefilled when no
account has it, "sign in" when one does; nothing to anyone else holding the order's link."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
import reflex as rx

import state.order_account_offer as offers
from models.orders import OrderStatus
from state.order_account_offer import CREATE, SIGN_IN, AccountOfferState
from storefront.services.accounts.ports import AccountRecord
from storefront.services.checkout.pricing import Totals
from storefront.services.orders.ports import Address, OrderItem, OrderRecord

PLACED = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
GUEST = OrderRecord(
    1, "ABCDEF2345", OrderStatus.PAID, None, None, "qa2.guest@example.com", "en",
    Address("Gita Gast", "Unter den Linden 1", "", "10115", "Berlin", "DE"),
    "standard", None, Totals(4_000, 0, 500, 4_500, 1_900, 718, "EUR"), 0, None, "",
    "k3y", PLACED, PLACED, (OrderItem(1, "SKU-1-0", "Chair number 1", 2, 2_000),),
)  # fmt: skip


class _Accounts:
    def __init__(self, *emails: str) -> None:
        self.emails = set(emails)
        self.asked: list[str] = []

    def account_by_email(self, email: str) -> AccountRecord | None:
        self.asked.append(email)
        return AccountRecord(7, email, "", "x", "shopper") if email in self.emails else None


def offer_state() -> AccountOfferState:
    root = rx.State(_reflex_internal_init=True)
    return root.substates[AccountOfferState.get_name()]  # type: ignore[return-value]


@pytest.fixture
def accounts(monkeypatch: pytest.MonkeyPatch) -> _Accounts:
    found = _Accounts("taken@example.com")
    monkeypatch.setattr(offers, "accounts", lambda: found)

    async def direct(function: object, *args: object) -> object:
        return function(*args)  # type: ignore[operator]

    monkeypatch.setattr(offers, "call", direct)
    return found


async def test_a_guest_who_just_placed_an_order_is_offered_an_account_prefilled(
    accounts: _Accounts,
) -> None:
    page = offer_state()
    await page._make(GUEST, placed_here=True, account_id=0)
    assert page.offer == CREATE
    assert page.sign_up_email == ""  # not sent to the browser before it is taken
    redirect = AccountOfferState.event_handlers["create_account"].fn(page)
    assert redirect is not None
    assert page.sign_up_email == "qa2.guest@example.com"


async def test_an_address_with_an_account_is_offered_signing_in_not_a_new_account(
    accounts: _Accounts,
) -> None:
    page = offer_state()
    await page._make(replace(GUEST, email="taken@example.com"), placed_here=True, account_id=0)
    assert page.offer == SIGN_IN
    # A crafted event asking for the sign-up form gets no address either.
    assert AccountOfferState.event_handlers["create_account"].fn(page) is None
    assert page.sign_up_email == ""


async def test_an_order_already_in_a_confirmed_account_is_offered_signing_in(
    accounts: _Accounts,
) -> None:
    page = offer_state()
    await page._make(replace(GUEST, account_id=7), placed_here=True, account_id=0)
    assert page.offer == SIGN_IN
    assert accounts.asked == []  # its account says it: no lookup


async def test_no_offer_to_a_signed_in_shopper_nor_to_another_holder_of_the_link(
    accounts: _Accounts,
) -> None:
    page = offer_state()
    await page._make(GUEST, placed_here=True, account_id=3)
    assert page.offer == ""
    # The link's holder did not type the address here: whether it has an account is not said.
    await page._make(GUEST, placed_here=False, account_id=0)
    assert page.offer == ""
    await page._make(None, placed_here=False, account_id=0)
    assert page.offer == ""
    assert accounts.asked == []
    assert AccountOfferState.event_handlers["create_account"].fn(page) is None
    assert page.sign_up_email == ""
