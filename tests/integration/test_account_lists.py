"""Saved addresses and the wishlist on SQLite and PostgreSQL: kept once, per account, within
their limits even when two requests race, and archived products leave the wishlist view."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from models.catalog import ProductStatus
from storefront.adapters.sql_account_lists import SqlWishlist
from storefront.bootstrap import Shop
from storefront.services.accounts.address_book import MAX_ADDRESSES, AddressBook
from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.wishlist import Wishlist
from storefront.services.product_edits import edit_product
from tests.integration.catalog_fixtures import seed_small_catalog
from tests.integration.checkout_fixtures import ADDRESS, NOW


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop]) -> Shop:
    shop = make_shop(database_url)
    seed_small_catalog(shop)
    return shop


def new_account(shop: Shop, email: str) -> int:
    assert shop.accounts is not None
    return shop.accounts.sign_up(email, "correct horse battery", "", NOW).account_id


def book(shop: Shop) -> AddressBook:
    assert shop.address_book is not None
    return shop.address_book


def wishlist(shop: Shop) -> Wishlist:
    assert shop.wishlist is not None
    return shop.wishlist


def product_ids(shop: Shop) -> dict[str, int]:
    with shop.uow() as uow:
        return {key: ids[0] for key, ids in uow.catalog.product_keys().items()}


def test_addresses_are_kept_once_per_account_and_removed_only_by_their_owner(shop: Shop) -> None:
    ann, bob = new_account(shop, "ann@example.com"), new_account(shop, "bob@example.com")
    saved = book(shop).add(ann, ADDRESS, NOW)
    assert book(shop).add(ann, {**ADDRESS, "postal_code": " 75011 "}, NOW).id == saved.id
    office = book(shop).add(ann, {**ADDRESS, "line1": "3 quai Voltaire"}, NOW)
    assert [a.id for a in book(shop).addresses(ann)] == [saved.id, office.id]
    assert book(shop).addresses(ann)[0].address == saved.address
    assert book(shop).addresses(bob) == []
    with pytest.raises(AccountError, match="address_unknown"):
        book(shop).remove(bob, saved.id)
    with pytest.raises(AccountError) as refused:
        book(shop).add(ann, {**ADDRESS, "country": "US"}, NOW)
    assert refused.value.fields == {"country": "checkout.error.country"}
    book(shop).remove(ann, saved.id)
    assert [a.id for a in book(shop).addresses(ann)] == [office.id]


def test_racing_additions_never_pass_the_address_limit(shop: Shop) -> None:
    ann = new_account(shop, "ann@example.com")
    forms = [{**ADDRESS, "line1": f"{n} rue des Lilas"} for n in range(1, MAX_ADDRESSES + 6)]

    def add(form: dict[str, str]) -> bool:
        try:
            book(shop).add(ann, form, NOW)
        except AccountError:
            return False
        return True

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(add, forms))
    assert sum(results) == MAX_ADDRESSES
    assert len(book(shop).addresses(ann)) == MAX_ADDRESSES


def test_the_wishlist_follows_the_catalog(shop: Shop) -> None:
    ann, bob = new_account(shop, "ann@example.com"), new_account(shop, "bob@example.com")
    ids = product_ids(shop)
    wishlist(shop).add(ann, ids["P1"], NOW)
    wishlist(shop).add(ann, ids["P2"], datetime(2026, 12, 1, tzinfo=UTC))
    wishlist(shop).add(ann, ids["P1"], NOW)  # a repeat changes nothing
    assert [c.id for c in wishlist(shop).items(ann)] == [ids["P2"], ids["P1"]]
    assert wishlist(shop).product_ids(bob) == []
    with pytest.raises(AccountError, match="unknown"):
        wishlist(shop).add(ann, 999_999, NOW)

    shop.run(edit_product, ids["P2"], lambda d: replace(d, status=ProductStatus.ARCHIVED))
    assert [c.id for c in wishlist(shop).items(ann)] == [ids["P1"]]
    wishlist(shop).remove(ann, ids["P1"])
    assert wishlist(shop).product_ids(ann) == [ids["P2"]]


def test_racing_wishlist_additions_never_pass_the_limit(shop: Shop) -> None:
    ann = new_account(shop, "ann@example.com")
    assert shop.engine is not None
    store = SqlWishlist(shop.engine)  # a small limit, so the race is on its edge
    ids = sorted(product_ids(shop).values())[:8]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda pid: store.add(ann, pid, 3, NOW), ids))
    assert sum(results) == 3
    assert len(store.product_ids(ann)) == 3
    kept = store.product_ids(ann)[0]
    assert store.add(ann, kept, 3, NOW)  # already there: fine at the limit


def test_an_edit_replaces_the_address_in_place_only_while_it_reads_as_shown(shop: Shop) -> None:
    ann, bob = new_account(shop, "ann@example.com"), new_account(shop, "bob@example.com")
    home = book(shop).add(ann, ADDRESS, NOW)
    office = book(shop).add(ann, {**ADDRESS, "line1": "3 quai Voltaire"}, NOW)
    edited = book(shop).edit(ann, home.id, home.address, {**ADDRESS, "line2": "Bât. B; 3e étage"})
    assert book(shop).addresses(ann) == [edited, office]
    assert edited.address.line2 == "Bât. B; 3e étage"
    # Made on what the page showed before: refused, the saved text stays.
    with pytest.raises(AccountError, match=r"address_changed$"):
        book(shop).edit(ann, home.id, home.address, {**ADDRESS, "line2": "Porte 2"})
    with pytest.raises(AccountError, match=r"address_duplicate$"):
        book(shop).edit(ann, office.id, office.address, {**ADDRESS, "line2": "Bât. B; 3e étage"})
    with pytest.raises(AccountError, match=r"address_unknown$"):
        book(shop).edit(bob, office.id, office.address, ADDRESS)  # not bob's
    with pytest.raises(AccountError) as refused:
        book(shop).edit(ann, office.id, office.address, {**ADDRESS, "city": ""})
    assert refused.value.fields == {"city": "checkout.error.required"}
    assert book(shop).addresses(ann) == [edited, office]
    book(shop).remove(ann, office.id)
    with pytest.raises(AccountError, match=r"address_unknown$"):
        book(shop).edit(ann, office.id, office.address, ADDRESS)  # removed: not recreated
    assert book(shop).addresses(ann) == [edited]


def test_a_removed_address_is_put_back_under_its_id_in_its_place(shop: Shop) -> None:
    ann = new_account(shop, "ann@example.com")
    home = book(shop).add(ann, ADDRESS, NOW)
    office = book(shop).add(ann, {**ADDRESS, "line1": "3 quai Voltaire"}, NOW)
    removed = book(shop).remove(ann, home.id)
    assert removed == home  # read as it was deleted: what the Undo keeps again
    assert book(shop).addresses(ann) == [office]
    assert book(shop).put_back(ann, removed, NOW) == home
    assert book(shop).addresses(ann) == [home, office]
    later = book(shop).add(ann, {**ADDRESS, "line1": "5 quai Voltaire"}, NOW)
    assert later.id > office.id  # the id taken back leaves the numbering alone


def test_a_put_back_whose_id_another_row_took_meanwhile_is_kept_under_a_new_one(
    shop: Shop,
) -> None:
    """SQLite numbers a new row after the highest there is: the last address removed, the
    next one added (here another account's) may get its id."""
    ann, bob = new_account(shop, "ann@example.com"), new_account(shop, "bob@example.com")
    book(shop).add(ann, ADDRESS, NOW)
    office = book(shop).add(ann, {**ADDRESS, "line1": "3 quai Voltaire"}, NOW)
    removed = book(shop).remove(ann, office.id)
    bobs = book(shop).add(bob, {**ADDRESS, "name": "Bob Martin"}, NOW)
    kept = book(shop).put_back(ann, removed, NOW)
    assert kept.address == office.address
    assert kept.id != bobs.id
    assert book(shop).addresses(ann)[-1] == kept
    assert book(shop).addresses(bob) == [bobs]


def test_a_put_back_keeps_an_address_once_and_within_the_limit(shop: Shop) -> None:
    ann = new_account(shop, "ann@example.com")
    home = book(shop).add(ann, ADDRESS, NOW)
    removed = book(shop).remove(ann, home.id)
    with ThreadPoolExecutor(max_workers=4) as pool:  # Undo pressed in two tabs at once
        kept = list(pool.map(lambda _: book(shop).put_back(ann, removed, NOW), range(4)))
    assert kept == [home] * 4
    assert book(shop).addresses(ann) == [home]
    removed = book(shop).remove(ann, home.id)
    for n in range(MAX_ADDRESSES):  # filled up in another tab meanwhile
        book(shop).add(ann, {**ADDRESS, "line1": f"{n + 1} quai Voltaire"}, NOW)
    with pytest.raises(AccountError, match="address_book_full"):
        book(shop).put_back(ann, removed, NOW)
    assert home not in book(shop).addresses(ann)


def test_an_address_is_not_put_back_on_an_account_closed_meanwhile(shop: Shop) -> None:
    ann = new_account(shop, "ann@example.com")
    removed = book(shop).remove(ann, book(shop).add(ann, ADDRESS, NOW).id)
    assert shop.accounts is not None
    shop.accounts.close(ann, "correct horse battery", NOW)
    with pytest.raises(AccountError, match="signed_out"):
        book(shop).put_back(ann, removed, NOW)
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        assert connection.execute(text("select count(*) from saved_address")).scalar_one() == 0
