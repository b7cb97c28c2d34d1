"""Maps a product page to what the browser shows, and picks the variant for a selection."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from state.shop import media_url
from state.view_models import same_in_every_locale
from storefront.i18n import attribute_labels
from storefront.services.catalog import ProductPage

LOW_STOCK = 5
# Options a shopper must choose themselves, never picked for them (QA: the first shoe size,
# highlighted, was bought unchosen): the demo's and imports' names for sizes.
SIZE_OPTIONS = frozenset({"size", "shoe_size", "taille", "pointure"})
_NEVER = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass
class VariantItem:
    id: int = 0
    sku: str = ""
    options: dict[str, str] = field(default_factory=dict)
    price_minor: int = 0
    compare_at_minor: int = 0
    stock: int = 0
    image: str = ""


@dataclass
class OptionValueItem:
    value: str = ""
    selected: bool = False
    in_stock: bool = True  # the variant a click on it shows has stock
    # Its group's one Tab stop: the chosen value, or the first when none is (a variant
    # without this option).
    tab_stop: bool = False


@dataclass
class OptionGroup:
    name: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    choices: list[OptionValueItem] = field(default_factory=list)


@dataclass
class ImageItem:
    src: str = ""
    alt: str = ""
    option_value: str = ""


@dataclass
class AttributeItem:
    labels: dict[str, str] = field(default_factory=dict)
    value: str = ""


def as_shown(page: ProductPage | None) -> ProductPage | None:
    """The page as a shopper sees it: stock as its badge shows it (in stock, the count when
    low, out), no edit time. Two pages equal so look the same (live_updates.py pushes a
    change only when they differ: a sale from a well-stocked product shows nothing new)."""
    if page is None:
        return None
    product = page.product
    variants = tuple(replace(v, stock=_badge_stock(v.stock)) for v in product.variants)
    shown = replace(
        product, stock=_badge_stock(product.stock), variants=variants, updated_at=_NEVER
    )
    return replace(page, product=shown)


def _badge_stock(stock: int) -> int:
    return min(max(stock, 0), LOW_STOCK + 1)


def variant_items(page: ProductPage) -> list[VariantItem]:
    return [
        VariantItem(
            id=v.id,
            sku=v.sku,
            options=dict(v.options),
            price_minor=v.price_minor,
            compare_at_minor=v.compare_at_minor or 0,
            stock=v.stock,
            image=media_url(v.image_path),
        )
        for v in page.product.variants
    ]


def image_items(page: ProductPage) -> list[ImageItem]:
    images = [
        ImageItem(media_url(i.path), i.alt or page.product.title, i.option_value or "")
        for i in page.product.images
    ]
    if not images and page.product.image_path:
        images = [ImageItem(media_url(page.product.image_path), page.product.title, "")]
    return images


def attribute_items(page: ProductPage) -> list[AttributeItem]:
    return [
        AttributeItem(attribute_labels(key), ", ".join(values))
        for key, values in page.product.attributes.items()
        if values
    ]


def option_names(page: ProductPage) -> list[str]:
    return [name for name, _values in page.options]


def option_values(page: ProductPage) -> dict[str, list[str]]:
    return {name: list(values) for name, values in page.options}


def size_option(values: dict[str, list[str]]) -> str:
    """The product's size option when it offers several sizes, else ""."""
    return next((n for n, vs in values.items() if n.casefold() in SIZE_OPTIONS and len(vs) > 1), "")


def named_variant(
    variants: list[VariantItem], wanted_sku: str = "", wanted_id: int = 0
) -> VariantItem | None:
    """The variant the URL names (by a listing's filters, by id; by SKU), if any."""
    chosen = next((v for v in variants if wanted_id and v.id == wanted_id), None)
    return chosen or next((v for v in variants if wanted_sku and v.sku == wanted_sku), None)


def initial_selection(
    variants: list[VariantItem], wanted_sku: str = "", wanted_id: int = 0
) -> dict[str, str]:
    """The variant named in the URL, else the first in stock, else the first."""
    chosen = named_variant(variants, wanted_sku, wanted_id)
    chosen = chosen or next((v for v in variants if v.stock > 0), None)
    chosen = chosen or (variants[0] if variants else None)
    return dict(chosen.options) if chosen else {}


def matching_variant(variants: list[VariantItem], selected: dict[str, str]) -> VariantItem | None:
    """The variant of the choices, the first in stock when some are left open (a size).
    Stops at the first in stock: it runs for every option value of a page drawn."""
    first = None
    for variant in variants:
        if all(variant.options.get(n) == c for n, c in selected.items()):
            if variant.stock > 0:
                return variant
            first = first or variant
    return first


def shown_without_size(
    variants: list[VariantItem], selected: dict[str, str], size: str
) -> tuple[VariantItem | None, bool]:
    """The variant the page shows for the choices, and whether its price is "from" the
    lowest: with the size still open (`size`), the cheapest in stock of the sizes, the
    price "from" it when theirs differ (a size shown priced as another was; review)."""
    if not size:
        return matching_variant(variants, selected), False
    matching = [v for v in variants if all(v.options.get(n) == c for n, c in selected.items())]
    if not matching:
        return None, False
    cheapest = min(matching, key=lambda v: (v.stock <= 0, v.price_minor))
    return cheapest, len({v.price_minor for v in matching}) > 1


def closest_variant(
    variants: list[VariantItem], selected: dict[str, str], name: str, value: str
) -> VariantItem | None:
    """The variant a click on `value` shows: the exact combination with the other choices
    kept, else one with that value, in stock first, then keeping most of the choices."""
    trial = {**selected, name: value}
    exact = matching_variant(variants, trial)
    if exact is not None:
        return exact
    having = [v for v in variants if v.options.get(name) == value]

    def rank(variant: VariantItem) -> tuple[bool, int]:
        kept = sum(variant.options.get(n) == c for n, c in selected.items())
        return variant.stock > 0, kept

    return max(having, key=rank, default=None)


def main_image(
    images: list[ImageItem],
    selected: dict[str, str],
    variant: VariantItem | None,
    clicked_src: str,
    title: str,
) -> ImageItem:
    """The big picture: a thumbnail the shopper clicked, else one of the chosen options,
    else the chosen variant's (`variant`), else the first."""
    clicked = next((image for image in images if image.src == clicked_src), None)
    if clicked is not None:
        return clicked
    chosen = set(selected.values())
    for image in images:
        if image.option_value and image.option_value in chosen:
            return image
    if variant is not None and variant.image:
        return ImageItem(variant.image, title, "")
    return images[0] if images else ImageItem()


def stock_level(variant: VariantItem | None) -> str:
    """'out', 'low' or 'in', for the stock badge of the selected variant."""
    if variant is None or variant.stock <= 0:
        return "out"
    return "low" if variant.stock <= LOW_STOCK else "in"


def option_groups(
    names: list[str],
    values: dict[str, list[str]],
    variants: list[VariantItem],
    selected: dict[str, str],
) -> list[OptionGroup]:
    groups = []
    for name in names:
        items = []
        for value in values.get(name, []):
            shown = closest_variant(variants, selected, name, value)
            items.append(
                OptionValueItem(
                    value=value,
                    selected=selected.get(name) == value,
                    in_stock=shown is not None and shown.stock > 0,
                    tab_stop=selected.get(name) == value,
                )
            )
        if items and not any(item.selected for item in items):
            items[0].tab_stop = True
        labels = attribute_labels(name) if name else same_in_every_locale(name)
        groups.append(OptionGroup(name=name, labels=labels, choices=items))
    return groups
