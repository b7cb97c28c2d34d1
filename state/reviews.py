"""Product reviews on the product page: the published ones (newest first, "show more"), and
the shopper's own review form, or why they cannot write one (sign in / only buyers).

The product is the one the tab's product page shows (ProductState, read from the catalog,
which serves active products only): `load` names it, and an id crafted into the event (a
draft's, an archived product's) reads and writes nothing. When the product's published
reviews change, live_updates.py refreshes the open pages (ProductState._refresh calls
`_refresh`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import reflex as rx

from models.types import utc_now
from state.account import AccountState
from state.account_pages import account_page
from state.browser_input import as_form, whole
from state.locale import LocaleState
from state.refusals import refusal
from state.shop import call, call_cached, shop, with_database
from storefront.i18n import translations
from storefront.services.errors import Refusal
from storefront.services.paths import local_path
from storefront.services.reviews import MAX_BODY, Eligibility, Reviews, ShownReview

MAX_TYPED = MAX_BODY * 2  # longer is refused anyway: cut before any service sees it
FORM_ID = "review-form"
ANCHOR = "reviews"  # the reviews' section: where signing in to write one comes back to


def _reviews() -> Reviews:
    return with_database(shop().reviews, "reviews")


@dataclass
class ReviewItem:
    id: int = 0
    rating: int = 0
    title: str = ""
    body: str = ""
    reviewer: str = ""
    published_on: str = ""  # ISO, written in the reader's language by the page
    verified: bool = False


def _item(review: ShownReview) -> ReviewItem:
    return ReviewItem(
        review.review_id,
        review.rating,
        review.title,
        review.body,
        review.reviewer,
        review.published_at.isoformat(),
        review.verified,
    )


# The shopper's own review (its text, its status) leaves the tab when their account does.
@account_page
class ReviewsState(rx.State):
    product_id: int = 0
    reviews: list[ReviewItem] = []  # noqa: RUF012
    has_more: bool = False
    page: int = 1
    # sign_in | buyers_only | can_write (services.reviews.Eligibility)
    eligibility: str = "sign_in"
    own_status: str = ""  # "" when the shopper wrote none yet
    # No star until the shopper picks one: five drawn already published five-star ratings
    # for whoever only typed a text.
    rating: str = ""
    title: str = ""
    body: str = ""
    message: dict[str, str] = {}  # noqa: RUF012
    error: dict[str, str] = {}  # noqa: RUF012
    field_errors: dict[str, dict[str, str]] = {}  # noqa: RUF012
    refused: str = ""
    # A guest's way to write one: the sign-in page, which brings them back to this page's
    # reviews (its `next`, a path of this shop only: AccountState._enter).
    sign_in_href: str = ""

    @rx.event
    async def load(self, product_id: int) -> None:
        """The product page opened: its first page of reviews and the shopper's own."""
        await self._open(whole(product_id, 0))

    async def _open(self, wanted: int) -> None:
        """`load`, also for a page whose product came back on sale while open (state/
        product.py). A load of a page the tab has left since (its event queued behind the
        shopper's next click: another product, a listing, the cart) reads nothing and leaves
        no product's reviews in the tab."""
        if not wanted or not await self._on_page_of(wanted):
            self._clear()  # not the product this tab shows: nothing read, nothing kept
            return
        self.product_id, self.page = wanted, 1
        self.message, self.error, self.field_errors = {}, {}, {}
        # Every product page view: from this process's memory when it holds them, no thread.
        found = await call_cached(_reviews().page, self.product_id, 1)
        self.reviews, self.has_more = [_item(r) for r in found.reviews], found.has_more
        await self._load_own()

    def _clear(self) -> None:
        """No product's reviews: the tab left the page they were read for (ProductState.load
        clears them as it opens another product's, before that product's own are read)."""
        self.product_id, self.page = 0, 1
        self.reviews, self.has_more, self.own_status = [], False, ""
        self.eligibility = Eligibility.SIGN_IN.value
        self.rating, self.title, self.body = "", "", ""
        self.message, self.error, self.field_errors = {}, {}, {}

    async def _on_page_of(self, product_id: int) -> bool:
        """Whether the tab shows the product's page now (its last event came from it), as
        ProductRecsState asks before filling its rows."""
        from state.product import ProductState  # it chains this event: imports this module

        product = await self.get_state(ProductState)
        on_product_page = self.router.url.path.startswith("/product/")
        return on_product_page and not product.not_found and product.product_id == product_id

    async def _load_own(self) -> None:
        account_id = await (await self.get_state(AccountState))._current_account()
        if not account_id:  # a guest (or signed out elsewhere): nothing of anyone's to show
            self.eligibility, self.own_status = Eligibility.SIGN_IN.value, ""
            self.rating, self.title, self.body = "", "", ""
            self.sign_in_href = self._sign_in_href()
            return
        reviews = _reviews()
        self.eligibility = (await call(reviews.eligibility, account_id, self.product_id)).value
        own = await call(reviews.own, account_id, self.product_id)
        self.own_status = own.status if own else ""
        if own:
            self.rating, self.title, self.body = str(own.rating), own.title, own.body
        else:  # not another product's review, opened before in this tab
            self.rating, self.title, self.body = "", "", ""

    def _sign_in_href(self) -> str:
        """The sign-in page, back to this product page (the variant its address names) at
        its reviews."""
        url = self.router.url
        here = local_path(url.path + (f"?{url.query}" if url.query else ""))
        return f"/account/sign-in?next={quote(f'{here}#{ANCHOR}', safe='/')}"

    async def _refresh(self) -> None:
        """The product's published reviews changed (a publish, a hide, a deletion): read again
        the pages the shopper has open, and where their own review stands (it said "published"
        under a list the shop had just hidden it from; QA); the form and what they typed are
        left alone."""
        if not self.product_id:
            return
        if self.own_status and (
            account_id := await (await self.get_state(AccountState))._current_account()
        ):
            own = await call(_reviews().own, account_id, self.product_id)
            status = own.status if own else ""
            if status != self.own_status:  # the note of its saving is out of date too
                self.own_status, self.message = status, {}
        shown: list[ReviewItem] = []
        pages, has_more = 0, False
        while pages < self.page:
            pages += 1
            found = await call_cached(_reviews().page, self.product_id, pages)
            shown.extend(_item(r) for r in found.reviews)
            has_more = found.has_more
            if not has_more:
                break
        self.reviews, self.has_more, self.page = shown, has_more, pages

    @rx.event
    def set_rating(self, value: str) -> None:
        self.rating = str(value)[:2]

    @rx.event
    async def show_more(self) -> None:
        if not self.product_id or not await self._on_page_of(self.product_id):
            return  # pressed on a page the tab has left: not its list to grow
        found = await call_cached(_reviews().page, self.product_id, self.page + 1)
        self.page += 1
        self.reviews = [*self.reviews, *(_item(r) for r in found.reviews)]
        self.has_more = found.has_more

    @rx.event
    async def save(self, form: Any = None) -> None:
        """Write or edit the shopper's review: pending until the shop publishes it."""
        fields = as_form(form)
        self.rating = str(fields.get("rating", ""))[:2]
        self.title = str(fields.get("title", ""))[:MAX_TYPED]
        self.body = str(fields.get("body", ""))[:MAX_TYPED]
        self.message, self.error, self.field_errors = {}, {}, {}
        if not self.product_id or not await self._on_page_of(self.product_id):
            # No product page loaded in this tab (a crafted event), or not this one's: a
            # review is never written on a product the shopper has left.
            self.error = translations("review.error.not_on_sale")
            return
        account_id = await (await self.get_state(AccountState))._current_account()
        locale = (await self.get_state(LocaleState)).locale
        review = (whole(self.rating, 0), self.title, self.body)
        republished = self.own_status == "published"  # an edit takes it off the page
        try:
            own = await call(
                _reviews().write, account_id or None, self.product_id, review, locale, utc_now()
            )
        except Refusal as exc:
            self.error = translations(exc.code)
            self.field_errors = {
                f"review-{field}": translations(key, **exc.field_params.get(field, {}))
                for field, key in exc.fields.items()
            }
            self.refused = refusal(FORM_ID, self.refused)
            return
        self.own_status = own.status
        saved = "edited" if republished and own.status == "pending" else own.status
        self.message = translations(f"review.status.{saved}")

    @rx.event
    async def delete(self) -> None:
        """Delete the shopper's own review."""
        if not self.product_id or not await self._on_page_of(self.product_id):
            return
        account_id = await (await self.get_state(AccountState))._current_account()
        deleted = bool(account_id) and await call(_reviews().delete, account_id, self.product_id)
        await self.load(self.product_id)
        if deleted:
            self.rating, self.title, self.body = "", "", ""
            self.message = translations("review.deleted")
