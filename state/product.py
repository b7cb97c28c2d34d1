"""A product page: details, gallery, and the variant picker."""

from __future__ import annotations

import json
from typing import TypeVar

import reflex as rx

from state.browser_input import whole
from state.cart import CartState
from state.listing import last_segment
from state.live_updates import changed_since, changes_heard, watch
from state.product_view import (
    AttributeItem,
    ImageItem,
    OptionGroup,
    VariantItem,
    attribute_items,
    closest_variant,
    image_items,
    initial_selection,
    main_image,
    matching_variant,
    named_variant,
    option_groups,
    option_names,
    option_values,
    shown_without_size,
    size_option,
    stock_level,
    variant_items,
)
from state.recommendations import ProductRecsState
from state.reviews import ReviewsState
from state.shop import call, call_cached, shop
from state.view_models import Crumb, crumbs
from storefront.services.catalog import ProductPage
from storefront.services.facet_values import shown_rating
from storefront.services.page_meta import absolute_url, meta_description, product_description
from storefront.settings import get_settings

T = TypeVar("T")

# The address names the variant chosen (`?sku=`, which the page's load reads), so a reload or
# a shared link shows it: replaced in place, not pushed (Back leaves the product, as before),
# with the address's other parameters kept (a listing's `variant=` gives way to it), and only
# while the product's page is still the one open (the shopper may have moved on since).
_SKU_IN_ADDRESS = """(() => {
  const url = new URL(window.location.href);
  if (url.pathname.split("/").filter(Boolean).pop() !== %s) return;
  if (url.searchParams.get("sku") === %s && !url.searchParams.has("variant")) return;
  url.searchParams.delete("variant");
  url.searchParams.set("sku", %s);
  window.history.replaceState(window.history.state, "", url);
})()"""


# The first size, focused: the arrow keys then move through the sizes (assets/keyboard.js).
_FOCUS_SIZES = """document.querySelector(`[data-testid=${JSON.stringify(%s)}] [role=radio]`)
  ?.focus()"""


def _raw(value: T) -> T:
    """A state var's value itself, not Reflex's change-tracking proxy of it (read only)."""
    return getattr(value, "__wrapped__", value)  # type: ignore[no-any-return]


# Until a product has loaded (the prerendered page), or for one not found: in the shop's
# language, as the server's head of the page is (api/page_heads.py).
DEFAULT_DESCRIPTION = product_description(get_settings().language)


class ProductState(rx.State):
    loaded: bool = False
    not_found: bool = False
    product_id: int = 0
    title: str = ""
    description: str = ""
    brand: str = ""
    currency: str = "EUR"
    rating: float = 0.0
    listed_on: str = ""
    review_count: int = 0
    breadcrumbs: list[Crumb] = []  # noqa: RUF012
    images: list[ImageItem] = []  # noqa: RUF012
    variants: list[VariantItem] = []  # noqa: RUF012
    attributes: list[AttributeItem] = []  # noqa: RUF012
    option_names: list[str] = []  # noqa: RUF012
    option_values: dict[str, list[str]] = {}  # noqa: RUF012
    selected: dict[str, str] = {}  # noqa: RUF012
    shown_image: str = ""  # a gallery thumbnail the shopper clicked, until a choice of option
    # What the page shows of the choice, set by `_derive` whenever the choice or the product
    # changes. Plain vars, not computed ones: each assignment of a page load had Reflex look
    # for the computed vars depending on it, which it then computed through its proxies.
    variant: VariantItem = VariantItem()
    groups: list[OptionGroup] = []  # noqa: RUF012
    main_image: ImageItem = ImageItem()
    stock_level: str = "out"  # 'out', 'low' or 'in', for the selected variant's badge
    # The size option the shopper has still to choose ("": none, or chosen): never picked
    # for them, unless the link names a variant (QA: the first shoe size was bought unchosen).
    size_unchosen: str = ""
    size_asked: int = 0  # Add to cart pressed before a size was: counted, said by the sizes
    price_from: bool = False  # no size chosen, and the sizes' prices differ: "from" the lowest
    page_title: str = "Boutique"
    # For search engines and link previews: the <meta name="description"> (and og:), from the
    # product's own text, and its picture at an absolute URL (og:image).
    meta_description: str = DEFAULT_DESCRIPTION
    og_image: str = "/favicon.ico"
    _slug: str = ""
    # The product the page is about, shown or not (a draft, archived: "not found"), whose
    # changes are pushed to it: published again, it comes back (0: no such product).
    _watched: int = 0

    @rx.event
    async def load(self) -> list[rx.event.EventSpec] | None:
        router = self.router  # each read of it builds its parts anew
        self._slug = last_segment(router.url.path)
        heard = changes_heard()
        page = await call_cached(shop().catalog.product, self._slug)
        # Not on sale: watched all the same, to come back when published (nothing of it read).
        about = page.product.id if page else await call(shop().catalog.hidden_product, self._slug)
        self._watched = about or 0
        watch(router.session.client_token, "product", [about] if about else [])
        if about and changed_since(heard, [about]):  # a change came while the page was
            # read, before the watch that would have pushed it: read it again (from memory,
            # mostly)
            page = await call_cached(shop().catalog.product, self._slug)
        self.shown_image = ""
        self._show(page)
        reviews = await self.get_state(ReviewsState)
        if page is None or reviews.product_id != page.product.id:
            # Not the reviews of the page left, under this one's product until its own load
            # (chained below) reads them: their list, or a review saved on the wrong product.
            reviews._clear()
        if page is None:
            self._derive({})
            return None
        params = router.url.query_parameters
        wanted = (str(params.get("sku", "")), whole(params.get("variant", "")))
        variants = _raw(self.variants)
        # A SKU in the link (a reload, a shared link, the cart's) names the size chosen; a
        # listing's `variant=` names the variant its filters priced (in stock, a colour, a
        # price), which leaves the size open like any other visit (review).
        named = named_variant(variants, wanted[0]) is not None
        self.size_unchosen = "" if named else size_option(_raw(self.option_values))
        self.size_asked = 0
        self._derive(initial_selection(variants, *wanted))
        opened_from = {k: str(params[k])[:200] for k in ("sid", "sq", "sn", "rw") if k in params}
        return [
            ProductRecsState.load(page.product.id, opened_from),
            ReviewsState.load(page.product.id),
        ]

    async def _refresh(self, slug: str, *, review_moved: bool = False) -> None:
        """Show the product as it is now (its price, stock, slug or rating changed), keeping
        the shopper's choice of variant; `review_moved`: a review's standing moved, though
        no figure did (a pending one hidden), which the shopper's own may be."""
        self._slug = slug
        page = await call_cached(shop().catalog.product, slug)
        rated, hidden = (self.rating, self.review_count), self.not_found
        self._show(page)
        if page is not None and hidden:  # on sale again: its reviews and rows, as a load reads
            await (await self.get_state(ReviewsState))._open(self.product_id)
            await (await self.get_state(ProductRecsState))._open(self.product_id)
        elif page is not None and (review_moved or (self.rating, self.review_count) != rated):
            # A review was published, hidden or deleted (or the imported figures edited):
            # the list under the rating, and the shopper's own review's note, follow it.
            reviews = await self.get_state(ReviewsState)
            if reviews.product_id == self.product_id:
                await reviews._refresh()
        selected, variants = dict(_raw(self.selected)), _raw(self.variants)
        if self.size_unchosen != size_option(_raw(self.option_values)):
            self.size_unchosen = ""  # its sizes are one now, or gone: nothing left to choose
        if page is not None and matching_variant(variants, selected) is None:
            # The variant chosen is gone (an import): none is chosen for the shopper instead.
            self.size_unchosen = size_option(_raw(self.option_values))
            selected = initial_selection(variants, "")
        if all(image.src != self.shown_image for image in _raw(self.images)):
            self.shown_image = ""
        self._derive(selected)

    def _show(self, page: ProductPage | None) -> None:
        self.loaded = True
        self.not_found = page is None
        if page is None:
            self.product_id, self.title, self.variants, self.images = 0, "", [], []
            self.page_title = "Boutique"
            self.meta_description, self.og_image = DEFAULT_DESCRIPTION, "/favicon.ico"
            return
        product = page.product
        self.product_id = product.id
        self.title = product.title
        self.page_title = f"{product.title} · Boutique"
        self.description = product.description
        self.meta_description = meta_description(product.description) or DEFAULT_DESCRIPTION
        self.brand = product.brand.name if product.brand else ""
        self.currency = product.currency
        # Stored combined (imported figures and published reviews), as cards show them.
        self.rating = shown_rating(product.rating)
        self.review_count = product.review_count
        self.listed_on = product.created_at.isoformat()
        self.breadcrumbs = crumbs(page.breadcrumbs)
        self.images = image_items(page)
        first = self.images[0].src if self.images else ""
        self.og_image = absolute_url(shop().settings.public_url, first) or "/favicon.ico"
        self.variants = variant_items(page)
        self.attributes = attribute_items(page)
        self.option_names = option_names(page)
        self.option_values = option_values(page)

    def _derive(self, selected: dict[str, str]) -> None:
        """Set the choice and what the page shows of it. Reads the lists themselves
        (`_raw`): through a proxy, every item read is wrapped anew. Changes none of them, and
        `variant` and `main_image` may be items of them: never change those in place."""
        variants, images = _raw(self.variants), _raw(self.images)
        if self.size_unchosen:  # shown without a size: any in stock, not the first's count
            selected = {n: c for n, c in selected.items() if n != self.size_unchosen}
        chosen, self.price_from = shown_without_size(variants, selected, self.size_unchosen)
        self.selected = selected
        self.variant = chosen or VariantItem()
        self.groups = option_groups(
            _raw(self.option_names), _raw(self.option_values), variants, selected
        )
        self.main_image = main_image(images, selected, chosen, self.shown_image, self.title)
        level = stock_level(chosen)
        self.stock_level = "in" if self.size_unchosen and level == "low" else level

    @rx.event
    async def select_option(self, name: str, value: str) -> rx.event.EventSpec | None:
        if value not in _raw(self.option_values).get(name, []):
            return None
        shown = closest_variant(_raw(self.variants), dict(_raw(self.selected)), name, value)
        if shown is None:
            return None
        self.shown_image = ""  # the chosen option's picture
        if name == self.size_unchosen:
            self.size_unchosen = ""
        self._derive(dict(shown.options))
        # The note beside Add to cart was about the variant added ("your cart holds all
        # that is left"): under another one it would seem to be about that one.
        cart = await self.get_state(CartState)
        if cart.message:
            cart.message = {}
        if self.size_unchosen:  # the address names a variant once its size is chosen
            return None
        slug, sku = json.dumps(self._slug), json.dumps(shown.sku)
        return rx.call_script(_SKU_IN_ADDRESS % (slug, sku, sku))

    @rx.event
    def ask_size(self) -> rx.event.EventSpec | None:
        """Add to cart pressed before a size was chosen: said by the sizes (components/
        variant_picker.py), and the focus goes to them."""
        if not self.size_unchosen:
            return None
        self.size_asked += 1
        return rx.call_script(_FOCUS_SIZES % json.dumps(f"option-group-{self.size_unchosen}"))

    @rx.event
    def show_image(self, src: str) -> None:
        images = _raw(self.images)
        if any(image.src == src for image in images):
            self.shown_image = src  # the choice stays: only the big picture changes
            self.main_image = main_image(
                images, _raw(self.selected), _raw(self.variant), src, self.title
            )
