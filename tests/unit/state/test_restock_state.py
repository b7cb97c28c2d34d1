"""The product page's back-in-stock offer and the account's list (state/restock.py), on the
fake shop with an in-memory alert store (tests/restock_fakes.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from state.account import AccountState
from state.account_confirm import EmailConfirmState
from state.product import ProductState
from state.restock import RestockState
from state.restock_link import RestockLinkState
from storefront.adapters.throttle import InProcessThrottle
from storefront.bootstrap import Shop, set_shop
from storefront.i18n import translations
from storefront.services.accounts.email_confirmation import EmailConfirmations
from storefront.services.accounts.service import Accounts
from storefront.services.restock import RestockAlerts
from tests.confirmation_fakes import MemoryConfirmations, bus_welcomes
from tests.restock_fakes import FakeRestockStore, FakeVariant, MailBox
from tests.unit.services.test_accounts import NOW, Mails, MemoryAccounts, PlainHasher
from tests.unit.state.test_listing_state import at
from tests.unit.state.test_wishlist_state import ANN, visit


@pytest.fixture
def store() -> FakeRestockStore:
    return FakeRestockStore()


@pytest.fixture
def mailbox() -> MailBox:
    return MailBox()


@pytest.fixture
def account_store() -> MemoryAccounts:
    return MemoryAccounts()


@pytest.fixture
def welcome_mails() -> Mails:
    return Mails()


@pytest.fixture(autouse=True)
def restock_shop(
    seeded: Shop,
    store: FakeRestockStore,
    mailbox: MailBox,
    account_store: MemoryAccounts,
    welcome_mails: Mails,
) -> Iterator[Shop]:
    seeded.accounts = Accounts(account_store, PlainHasher(), Mails(), throttle=InProcessThrottle())
    confirmations = EmailConfirmations(
        account_store,
        MemoryConfirmations(account_store, store),
        welcome_mails,
        InProcessThrottle(),
        "https://shop.example",
    )
    seeded.accounts.publish = bus_welcomes(confirmations)  # as the bus delivers it
    seeded.email_confirmations = confirmations
    seeded.restock = RestockAlerts(
        store, store, mailbox, InProcessThrottle(), "https://shop.example",
        email_confirmed=confirmations.is_confirmed,
    )  # fmt: skip
    set_shop(seeded)
    yield seeded
    set_shop(None)


async def subscribe(offer: Any, form: dict[str, str]) -> None:
    """The background event run in place (`async with` a state is a no-op outside Reflex's
    background task)."""
    await RestockState.event_handlers["subscribe"].fn(offer, form)


async def sold_out_page(store: FakeRestockStore) -> tuple[Any, Any]:
    product: Any = at(ProductState, "/product/chair-number-1", {"sku": "SKU-1-0"})
    await product.load()
    store.variants[product.variant.id] = FakeVariant(product_id=product.product_id, stock=0)
    return product, await product.get_state(RestockState)


async def test_a_guest_gets_a_clear_refusal_for_a_bad_email_and_nothing_is_kept(
    store: FakeRestockStore,
) -> None:
    _, offer = await sold_out_page(store)
    await subscribe(offer, {"email": "not an email"})
    assert offer.error == translations("restock.error.email")
    assert offer.message == {}
    assert store.alerts == {}
    await subscribe(offer, {"email": "ann@\x00example.com"})
    assert store.alerts == {}


async def test_a_guest_asking_twice_is_told_the_same_and_kept_once(
    store: FakeRestockStore,
) -> None:
    product, offer = await sold_out_page(store)
    for _ in range(2):
        await subscribe(offer, {"email": "Bea@Example.com"})
        # Told to confirm by the link (the second time too: nothing tells a link went).
        assert offer.message == translations("restock.subscribed_guest", email="Bea@Example.com")
        assert (offer.error, offer.told_sku) == ({}, product.variant.sku)
    [alert] = store.alerts.values()
    assert (alert.email, alert.account_id, alert.variant_id) == (
        "bea@example.com",
        None,
        product.variant.id,
    )


async def test_a_signed_in_shopper_waits_with_their_account_email_and_can_stop(
    store: FakeRestockStore, account_store: MemoryAccounts, mailbox: MailBox
) -> None:
    product, offer = await sold_out_page(store)
    account: Any = await product.get_state(AccountState)
    await account.sign_up(ANN)
    account_store.confirm_email(account.account_id, NOW)  # its welcome link was opened
    visit(product, "/product/chair-number-1?sku=SKU-1-0", account._session)
    # A field crafted into the event is not the shopper's email: the account's is used.
    await subscribe(offer, {"email": "someone-else@example.com"})
    [alert] = store.alerts.values()
    assert (alert.email, alert.account_id) == (ANN["email"], account.account_id)
    assert alert.confirmed_at is not None  # waiting at once: no link mailed
    assert (offer.message, mailbox.sent) == (translations("restock.subscribed"), [])

    await offer.load()
    assert [item.variant for item in offer.waiting] == ["Navy"]
    await offer.remove(offer.waiting[0].id)
    assert offer.waiting == []
    assert store.alerts == {}


async def test_an_alert_whose_address_was_refused_is_listed_as_refused_not_as_waiting(
    store: FakeRestockStore, restock_shop: Shop, mailbox: MailBox, account_store: MemoryAccounts
) -> None:
    product, offer = await sold_out_page(store)
    account: Any = await product.get_state(AccountState)
    await account.sign_up(ANN)
    account_store.confirm_email(account.account_id, NOW)
    visit(product, "/product/chair-number-1?sku=SKU-1-0", account._session)
    await subscribe(offer, {})
    store.variants[product.variant.id].stock = 1
    mailbox.refused.add(ANN["email"])
    assert restock_shop.restock is not None
    assert restock_shop.restock.notify(product.product_id) == 0

    await offer.load()
    [item] = offer.waiting
    assert (item.variant, item.refused_email) == ("Navy", ANN["email"])
    await offer.remove(item.id)  # the shopper clears it from the list
    assert offer.waiting == []
    assert store.alerts == {}


async def test_the_link_page_names_the_alert_and_confirms_or_stops_it_by_its_buttons(
    store: FakeRestockStore, mailbox: MailBox
) -> None:
    product, offer = await sold_out_page(store)
    pid = product.product_id
    await subscribe(offer, {"email": "bea@example.com"})
    [(_, _, body)] = mailbox.sent
    token = body.split("/restock/confirm?token=")[1].split()[0]

    page: Any = at(RestockLinkState, "/restock/confirm", {"token": token})
    await page.load()  # opening the link confirms nothing (a mail scanner opens it too)
    assert (page.email, page.product, page.confirmed) == (
        "bea@example.com",
        f"Product {pid} (Navy)",
        False,
    )
    assert page.href == f"/product/product-{pid}?sku=CHAIR-NAVY"
    assert not store.is_waiting(product.variant.id, "bea@example.com")
    await page.confirm()
    assert (page.confirmed, page.error) == (True, {})
    assert store.is_waiting(product.variant.id, "bea@example.com")
    await page.stop()
    assert (page.email, page.done) == ("", translations("restock.link.stopped"))
    assert store.alerts == {}

    await page.load()  # the link of an alert stopped no longer works
    assert (page.email, page.error) == ("", translations("restock.link.invalid"))
    await page.confirm()
    assert page.error == translations("restock.link.invalid")
    wrong: Any = at(RestockLinkState, "/restock/confirm", {"token": "x" * 5000})
    await wrong.load()
    assert wrong.error == translations("restock.link.invalid")


async def test_a_guest_is_answered_the_same_when_the_link_cannot_be_mailed(
    store: FakeRestockStore, mailbox: MailBox, caplog: pytest.LogCaptureFixture
) -> None:
    """Answered before the mail goes (the answer must not tell whether the address waits
    already): a failing mail server is the operator's to learn, from the log."""
    _, offer = await sold_out_page(store)
    mailbox.broken = True
    await subscribe(offer, {"email": "bea@example.com"})
    assert offer.message == translations("restock.subscribed_guest", email="bea@example.com")
    assert offer.error == {}
    assert store.alerts == {}  # nothing kept: asking again mails a link
    assert "confirmation link not mailed" in caplog.text


async def test_an_account_whose_address_is_not_confirmed_asks_as_a_guest_until_it_is(
    store: FakeRestockStore, mailbox: MailBox, welcome_mails: Mails
) -> None:
    """Anyone may sign up with someone else's address: its ask waits for the link mailed to
    the address, and the account's list says so; confirming the account's address (its
    welcome link's button) makes it wait for good."""
    product, offer = await sold_out_page(store)
    account: Any = await product.get_state(AccountState)
    await account.sign_up(ANN)
    visit(product, "/product/chair-number-1?sku=SKU-1-0", account._session)
    await subscribe(offer, {})
    assert offer.message == translations("restock.subscribed_unconfirmed", email=ANN["email"])
    [(to, _, body)] = mailbox.sent
    assert to == ANN["email"]
    assert "/restock/confirm?token=" in body
    [alert] = store.alerts.values()
    assert (alert.account_id, alert.confirmed_at) == (account.account_id, None)
    assert not store.is_waiting(product.variant.id, ANN["email"])
    await offer.load()
    [item] = offer.waiting
    assert item.unconfirmed_email == ANN["email"]  # listed, waiting for its link

    [(to, _, welcome)] = welcome_mails
    token = welcome.split("/account/confirm?token=")[1].split()[0]
    page: Any = at(EmailConfirmState, "/account/confirm", {"token": token})
    await page.load_link_page()
    assert store.alerts[alert.id].confirmed_at is None  # opening the link confirms nothing
    await page.confirm()
    assert page.link_done == translations("account.confirm.done", email=ANN["email"])
    assert store.is_waiting(product.variant.id, ANN["email"])
    await offer.load()
    assert [w.unconfirmed_email for w in offer.waiting] == [""]
