"""The account page's saved addresses on in-memory fakes: a removal is named in the note with
its Undo, which puts the address back in its place (the SQL twin:
tests/integration/test_account_pages_state.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from state.account import AccountState
from state.address_book import AddressBookState
from storefront.adapters.throttle import InProcessThrottle
from storefront.bootstrap import Shop, set_shop
from storefront.i18n import translations
from storefront.services.accounts.address_book import MAX_ADDRESSES, AddressBook
from storefront.services.accounts.service import Accounts
from tests.unit.services.test_account_lists import HOME, NOW, MemoryAddresses
from tests.unit.services.test_accounts import Mails, MemoryAccounts, PlainHasher
from tests.unit.state.test_account_state import connected
from tests.unit.state.test_listing_state import at

OFFICE = {**HOME, "line1": "3 quai Voltaire"}
HOME_EN = "Camille Martin, 12 rue des Lilas, 75011 Paris, France"


@pytest.fixture(autouse=True)
def book_shop(fake_shop: Shop) -> Iterator[Shop]:
    fake_shop.accounts = Accounts(
        MemoryAccounts(), PlainHasher(), Mails(), throttle=InProcessThrottle()
    )
    fake_shop.address_book = AddressBook(MemoryAddresses())
    set_shop(fake_shop)
    yield fake_shop
    set_shop(None)


async def signed_in(email: str = "ann@example.com") -> Any:
    """The address book of a tab signed in to a new account."""
    account: Any = at(AccountState, "/account")
    await account.sign_up({"email": email, "password": "long enough pw", "name": ""})
    connected(account, f"boutique_session={account._session_token()}")
    book: Any = await account.get_state(AddressBookState)
    await book.load()
    return book


def lines(book: Any) -> list[str]:
    return [item.fields["line1"] for item in book.addresses]


async def test_a_removal_is_named_with_its_undo_which_puts_it_back_in_its_place() -> None:
    book = await signed_in()
    await book.add(HOME)
    await book.add(OFFICE)
    home = book.addresses[0].id
    changes = book.changes
    await book.remove(home)
    assert lines(book) == ["3 quai Voltaire"]
    assert book.removed_note == {
        "en": f"Address removed: {HOME_EN}.",
        "fr": "Adresse supprimée\u202f: Camille Martin, 12 rue des Lilas, 75011 Paris, France.",
    }
    assert book.undo_label["en"] == f"Undo, put back {HOME_EN}"
    assert book.undo_label["fr"].startswith("Annuler, remettre Camille Martin")
    assert (book.message, book.changes) == ({}, changes + 1)  # the note takes the focus
    await book.undo_removal()
    assert lines(book) == ["12 rue des Lilas", "3 quai Voltaire"]  # first again
    assert book.addresses[0].id == home
    assert book.message == {
        "en": f"Address put back: {HOME_EN}.",
        "fr": f"Adresse remise\u202f: {HOME_EN}.",
    }
    assert (book.removed_note, book.undo_label, book.changes) == ({}, {}, changes + 2)
    await book.undo_removal()  # a second click on its way: nothing more
    assert lines(book) == ["12 rue des Lilas", "3 quai Voltaire"]


async def test_only_the_last_removal_is_offered_until_the_page_is_left() -> None:
    book = await signed_in()
    await book.add(HOME)
    await book.add(OFFICE)
    await book.remove(book.addresses[0].id)
    await book.remove(book.addresses[0].id)
    assert "3 quai Voltaire" in book.removed_note["en"]
    await book.undo_removal()
    assert lines(book) == ["3 quai Voltaire"]  # not the one before
    await book.remove(book.addresses[0].id)
    await book.load()  # the page opened again
    assert (book.removed_note, book._removed) == ({}, None)
    await book.undo_removal()
    assert lines(book) == []


async def test_an_unknown_address_offers_no_undo() -> None:
    book = await signed_in()
    await book.remove(12345)
    assert book.message == translations("account.error.address_unknown")
    assert book.removed_note == {}


async def test_an_undo_into_a_book_filled_meanwhile_says_it_could_not_and_keeps_nothing(
    book_shop: Shop,
) -> None:
    book = await signed_in()
    await book.add(HOME)
    await book.remove(book.addresses[0].id)
    assert book_shop.address_book is not None
    account_id = (await book.get_state(AccountState)).account_id
    for n in range(MAX_ADDRESSES):  # another tab
        book_shop.address_book.add(account_id, {**HOME, "line1": f"{n + 1} quai Voltaire"}, NOW)
    await book.undo_removal()
    assert book.message["en"] == (
        f"Address not put back: {HOME_EN}. You can keep up to 10 addresses: remove one first."
    )
    assert book.message["fr"].startswith("Adresse non remise\u202f: Camille Martin")
    assert "12 rue des Lilas" not in lines(book)
    assert len(book.addresses) == MAX_ADDRESSES


async def test_an_undo_after_another_account_signed_in_elsewhere_gives_it_nothing() -> None:
    """Ann removes an address; on the shared computer, another tab signs her out and Bob in
    (the cookie is the browser's): her Undo must not put her address in his book."""
    book = await signed_in()
    await book.add(HOME)
    await book.remove(book.addresses[0].id)
    bob = await signed_in("bob@example.com")
    bob_cookie = f"boutique_session={(await bob.get_state(AccountState))._session_token()}"
    connected(await book.get_state(AccountState), bob_cookie)
    await book.undo_removal()
    assert book.message == translations("account.error.signed_out")
    assert lines(book) == []  # Bob's book, still empty
    await bob.load()
    assert lines(bob) == []


async def test_signing_out_forgets_the_removal() -> None:
    book = await signed_in()
    await book.add(HOME)
    await book.remove(book.addresses[0].id)
    await (await book.get_state(AccountState)).sign_out()
    assert (book.removed_note, book._removed, book._removed_from) == ({}, None, 0)
