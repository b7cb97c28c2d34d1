"""The product page's reviews (state/reviews.py) on the fake shop: a guest's page view, once the
product's reviews are cached, costs no thread hop and no store read (the product page is the
shop's hot path), and a signed-in buyer still gets their form."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qs

import pytest
from reflex.istate.data import RouterData

import state.account
import state.reviews
from components.reviews import _not_a_buyer
from state.account import AccountState
from state.product import ProductState
from state.reviews import ReviewItem, ReviewsState
from storefront.adapters.throttle import InProcessThrottle
from storefront.bootstrap import Shop, set_shop
from storefront.i18n import translations
from storefront.services.accounts.service import Accounts
from storefront.services.reviews import REVIEW_WRITES, Reviews
from tests.unit.services.test_accounts import Mails, MemoryAccounts, PlainHasher
from tests.unit.services.test_reviews import PRODUCT, FakeReviewStore
from tests.unit.state.test_listing_state import at
from tests.unit.state.test_wishlist_state import ANN, posted_next, visit


@pytest.fixture
def store() -> FakeReviewStore:
    return FakeReviewStore()


@pytest.fixture(autouse=True)
def reviews_shop(seeded: Shop, store: FakeReviewStore) -> Iterator[Shop]:
    seeded.accounts = Accounts(
        MemoryAccounts(), PlainHasher(), Mails(), throttle=InProcessThrottle()
    )
    seeded.reviews = Reviews(store, seeded.cache)
    set_shop(seeded)
    yield seeded
    set_shop(None)


async def page_of(path: str) -> Any:
    """The reviews of a tab whose product page shows PRODUCT (ProductState.load sets it from
    the catalog, then chains the reviews' load with it)."""
    tab: Any = at(ReviewsState, path)
    (await tab.get_state(ProductState)).product_id = PRODUCT
    return tab


@pytest.fixture
def hops(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The service calls sent to a thread by the reviews' and the account's states."""
    sent: list[str] = []
    for module in (state.reviews, state.account):
        real = module.call

        async def counted(fn: Callable[..., Any], *args: Any, _real: Any = real) -> Any:
            sent.append(getattr(fn, "__name__", repr(fn)))
            return await _real(fn, *args)

        monkeypatch.setattr(module, "call", counted)
    return sent


async def test_a_guests_view_of_cached_reviews_needs_no_thread_and_no_store_read(
    store: FakeReviewStore, hops: list[str]
) -> None:
    first = await page_of("/product/chair-number-1")
    await first.load(PRODUCT)  # fills the cache
    reads, hops_before = store.reads, len(hops)
    assert reads > 0
    again = await page_of("/product/chair-number-1")  # another guest's tab
    await again.load(PRODUCT)
    assert (again.eligibility, again.reviews, again.has_more) == ("sign_in", [], False)
    assert store.reads == reads
    assert hops[hops_before:] == []


async def test_signing_out_takes_the_shoppers_own_review_out_of_the_tab(
    store: FakeReviewStore,
) -> None:
    """A shared computer: what Ann wrote (pending, perhaps hidden) must not stay in the tab's
    state, which Reflex sends to the browser again on every reconnect."""
    tab = await page_of("/product/chair-number-1")
    account: Any = await tab.get_state(AccountState)
    await account.sign_up(ANN)
    store.bought = {(account.account_id, PRODUCT)}
    visit(tab, "/product/chair-number-1", account._session)
    await tab.load(PRODUCT)
    await tab.save({"rating": "2", "title": "Wobbly", "body": "My private gripe, unpublished."})
    assert (tab.eligibility, tab.own_status) == ("can_write", "pending")
    await account.sign_out()
    assert (tab.own_status, tab.title, tab.body, tab.rating) == ("", "", "", "")
    visit(tab, "/product/chair-number-1")  # the next person opens the page
    await tab.load(PRODUCT)
    assert (tab.eligibility, tab.own_status, tab.title, tab.body) == ("sign_in", "", "", "")


async def test_a_review_event_for_a_product_the_tab_does_not_show_reads_nothing(
    store: FakeReviewStore, hops: list[str]
) -> None:
    tab = await page_of("/product/chair-number-1")
    await tab.load(PRODUCT + 1)  # crafted: a draft's id, say
    assert (tab.product_id, tab.reviews, tab.eligibility) == (0, [], "sign_in")
    assert (store.reads, hops) == (0, [])
    await tab.show_more()
    await tab.save({"rating": "5", "title": "", "body": "Never on sale, never sold."})
    assert (
        tab.error["fr"]
        == "Ce produit n\u2019est pas en vente\u202f: il ne peut pas recevoir d\u2019avis."
    )
    assert (store.reads, store.rows, hops) == (0, {}, [])


async def test_an_account_over_the_limit_of_review_writes_is_told_in_its_language(
    reviews_shop: Shop, store: FakeReviewStore
) -> None:
    reviews_shop.reviews = Reviews(store, reviews_shop.cache, InProcessThrottle())
    tab = await page_of("/product/chair-number-1")
    account: Any = await tab.get_state(AccountState)
    await account.sign_up(ANN)
    store.bought = {(account.account_id, PRODUCT)}
    visit(tab, "/product/chair-number-1", account._session)
    await tab.load(PRODUCT)
    for n in range(REVIEW_WRITES.attempts):
        await tab.save({"rating": "4", "title": f"Take {n}", "body": "Sturdy and comfortable."})
        assert tab.error == {}
    await tab.save({"rating": "1", "title": "Spam", "body": "Sturdy and comfortable."})
    assert tab.error == {
        "en": "You have written or edited many reviews in the last hour. Please try again later.",
        "fr": "Vous avez écrit ou modifié beaucoup d\u2019avis depuis une heure. "
        "Réessayez plus tard.",
    }
    [row] = store.rows.values()
    assert row.title == f"Take {REVIEW_WRITES.attempts - 1}"


async def test_a_buyer_refunded_since_keeps_their_review_to_delete(store: FakeReviewStore) -> None:
    """Refunded, Ann was told "Only shoppers who bought this product can review it", her
    review still published under her name, and its delete button gone with the form (QA)."""
    tab = await page_of("/product/chair-number-1")
    account: Any = await tab.get_state(AccountState)
    await account.sign_up(ANN)
    store.bought = {(account.account_id, PRODUCT)}
    visit(tab, "/product/chair-number-1", account._session)
    await tab.load(PRODUCT)
    await tab.save({"rating": "4", "title": "", "body": "Sturdy and comfortable."})
    store.bought = set()  # the order refunded
    await tab.load(PRODUCT)
    assert (tab.eligibility, tab.own_status) == ("buyers_only", "pending")
    kept = str(_not_a_buyer())  # the branch shown to a shopper no longer a buyer
    assert "Your review of this product stays yours" in kept
    assert '"review-delete"' in kept  # with its delete button
    await tab.delete()
    assert (store.rows, tab.own_status) == ({}, "")
    assert tab.message == translations("review.deleted")


async def test_no_star_is_chosen_until_the_shopper_picks_one(store: FakeReviewStore) -> None:
    """Five drawn at first published five-star ratings for whoever typed only a text; and
    the form of one product's review came back on the next product's page (review)."""
    tab = await page_of("/product/chair-number-1")
    account: Any = await tab.get_state(AccountState)
    await account.sign_up(ANN)
    store.bought = {(account.account_id, PRODUCT), (account.account_id, PRODUCT + 1)}
    visit(tab, "/product/chair-number-1", account._session)
    await tab.load(PRODUCT)
    assert tab.rating == ""
    await tab.save({"title": "", "body": "Sturdy and comfortable."})  # no rating sent
    assert "review-rating" in tab.field_errors
    assert store.rows == {}
    await tab.save({"rating": "2", "title": "Wobbly", "body": "Sturdy and comfortable."})
    assert tab.own_status == "pending"
    (await tab.get_state(ProductState)).product_id = PRODUCT + 1  # another product's page
    await tab.load(PRODUCT + 1)
    assert (tab.own_status, tab.rating, tab.title, tab.body) == ("", "", "", "")


def at_path(tab: Any, path: str) -> None:
    """The tab's next event comes from this page (a client-side navigation)."""
    tab.parent_state.router = RouterData.from_router_data({"pathname": path, "asPath": path})


async def test_the_reviews_of_a_product_left_never_show_on_the_next_products_page(
    reviews_shop: Shop, store: FakeReviewStore
) -> None:
    """The product page chains the reviews' load after its own: until it runs, and when the
    page left's load comes late (queued behind the shopper's click), the new page showed the
    old product's reviews, and its form the old product's review, saved onto that product."""
    tab = await page_of("/product/chair-number-1")
    left = ReviewItem(id=7, rating=2, title="Of the product left", body="Wobbly.")
    tab.product_id, tab.reviews, tab.has_more = PRODUCT, [left], True  # as its load left it
    tab.own_status, tab.rating, tab.title, tab.body = "pending", "2", "Mine", "Wobbly."

    next_page = reviews_shop.catalog.product("chair-number-2")
    assert next_page is not None
    assert next_page.product.id != PRODUCT
    at_path(tab, "/product/chair-number-2")
    product: Any = await tab.get_state(ProductState)
    await product.load()  # the next product's page, its reviews' load chained
    assert product.product_id == next_page.product.id
    assert (tab.product_id, tab.reviews, tab.has_more) == (0, [], False)
    assert (tab.own_status, tab.rating, tab.title, tab.body) == ("", "", "", "")

    reads = store.reads
    await tab.load(PRODUCT)  # the page left's load, come late: nothing of it read or shown
    await tab.show_more()
    await tab.save({"rating": "1", "title": "", "body": "Meant for another product."})
    assert (tab.product_id, tab.reviews, store.reads, store.rows) == (0, [], reads, {})
    await tab.load(next_page.product.id)  # the new page's own
    assert tab.product_id == next_page.product.id


async def test_a_load_of_a_product_page_the_tab_has_left_for_the_cart_reads_nothing(
    store: FakeReviewStore, hops: list[str]
) -> None:
    tab = await page_of("/product/chair-number-1")
    at_path(tab, "/cart")  # the shopper went on before the page's reviews were read
    await tab.load(PRODUCT)
    assert (tab.product_id, tab.reviews, store.reads, hops) == (0, [], 0, [])


async def test_a_guests_sign_in_to_review_comes_back_to_the_products_reviews() -> None:
    """QA: signing in from "Sign in to review this product." landed on the account page."""
    tab: Any = at(ReviewsState, "/product/chair-number-1", {"sku": "SKU-1-1"})
    (await tab.get_state(ProductState)).product_id = PRODUCT
    await tab.load(PRODUCT)
    assert tab.eligibility == "sign_in"
    path, _, query = tab.sign_in_href.partition("?")
    assert (path, query) == (
        "/account/sign-in",
        "next=/product/chair-number-1%3Fsku%3DSKU-1-1%23reviews",
    )
    back = parse_qs(query)["next"][0]
    assert back == "/product/chair-number-1?sku=SKU-1-1#reviews"
    account: Any = await tab.get_state(AccountState)
    visit(account, tab.sign_in_href)  # the link followed
    assert posted_next(await account.sign_up(ANN)) == back
