"""A product page: details, gallery, and the variant picker."""

from __future__ import annotations

from typing import TypeVar

import reflex as rx

from state.listing import last_segment
from state.live_updates import watch
from state.product_view import (
    AttributeItem,
    ImageItem,
    OptionGroup,
    VariantItem,
    attribute_items,
    closest_variant,
    image_items,
    initial_selection,
    matching_variant,
    option_groups,
    option_names,
    option_values,
    variant_items,
)
from state.recommendations import ProductRecsState
from state.shop import call_cached, shop
from state.view_models import Crumb, crumbs
from storefront.services.catalog import ProductPage

LOW_STOCK = 5
T = TypeVar("T")


def _raw(value: T) -> T:
    """A state var's value itself, not Reflex's change-tracking proxy of it (read only)."""
    return getattr(value, "__wrapped__", value)  # type: ignore[no-any-return]


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
    _slug: str = ""

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        self._slug = last_segment(self.router.url.path)
        page = await call_cached(shop().catalog.product, self._slug)
        self.shown_image = ""
        self._show(page)
        if page is None:
            return None
        watch(self.router.session.client_token, [page.product.id])
        params = self.router.url.query_parameters
        self.selected = initial_selection(self.variants, params.get("sku", ""))
        opened_from = {k: str(params[k])[:200] for k in ("sid", "sq", "sn", "rw") if k in params}
        return ProductRecsState.load(page.product.id, opened_from)

    async def refresh(self, slug: str) -> None:
        """Show the product as it is now (its price, stock or slug changed), keeping the
        shopper's choice of variant."""
        self._slug = slug
        page = await call_cached(shop().catalog.product, slug)
        self._show(page)
        if page is not None and matching_variant(self.variants, self.selected) is None:
            self.selected = initial_selection(self.variants, "")
        if all(image.src != self.shown_image for image in self.images):
            self.shown_image = ""

    def _show(self, page: ProductPage | None) -> None:
        self.loaded = True
        self.not_found = page is None
        if page is None:
            self.product_id, self.title, self.variants, self.images = 0, "", [], []
            return
        product = page.product
        self.product_id = product.id
        self.title = product.title
        self.description = product.description
        self.brand = product.brand.name if product.brand else ""
        self.currency = product.currency
        self.rating = round(product.rating, 1)
        self.listed_on = product.created_at.isoformat()
        self.review_count = product.review_count
        self.breadcrumbs = crumbs(page.breadcrumbs)
        self.images = image_items(page)
        self.variants = variant_items(page)
        self.attributes = attribute_items(page)
        self.option_names = option_names(page)
        self.option_values = option_values(page)

    @rx.event
    def select_option(self, name: str, value: str) -> None:
        if value not in self.option_values.get(name, []):
            return
        shown = closest_variant(_raw(self.variants), _raw(self.selected), name, value)
        if shown is not None:
            self.selected = dict(shown.options)
            self.shown_image = ""  # the chosen option's picture

    @rx.event
    def show_image(self, src: str) -> None:
        if any(image.src == src for image in self.images):
            self.shown_image = src

    @rx.var
    def page_title(self) -> str:
        return f"{self.title} · Boutique" if self.title else "Boutique"

    # The computed vars read the raw lists (`_raw`): through Reflex's change-tracking proxy,
    # every attribute read wraps a new object, and matching a picker's options against 44
    # variants took a millisecond of each product page. They still name `self.variants`:
    # Reflex finds a computed var's dependencies in those reads (`get_value("variants")`
    # would hide them). What they return must not be changed in place.

    @rx.var
    def variant(self) -> VariantItem:
        return matching_variant(_raw(self.variants), _raw(self.selected)) or VariantItem()

    @rx.var
    def groups(self) -> list[OptionGroup]:
        return option_groups(
            _raw(self.option_names),
            _raw(self.option_values),
            _raw(self.variants),
            _raw(self.selected),
        )

    @rx.var
    def main_image(self) -> ImageItem:
        selected = _raw(self.selected)
        chosen = set(selected.values())
        images = _raw(self.images)
        clicked = next((image for image in images if image.src == self.shown_image), None)
        if clicked is not None:
            return clicked
        for image in images:
            if image.option_value and image.option_value in chosen:
                return image
        variant = matching_variant(_raw(self.variants), selected)
        if variant is not None and variant.image:
            return ImageItem(variant.image, self.title, "")
        return images[0] if images else ImageItem()

    @rx.var
    def stock_level(self) -> str:
        """'out', 'low' or 'in', for the stock badge of the selected variant."""
        variant = matching_variant(_raw(self.variants), _raw(self.selected))
        if variant is None or variant.stock <= 0:
            return "out"
        return "low" if variant.stock <= LOW_STOCK else "in"
