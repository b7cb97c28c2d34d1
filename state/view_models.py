"""What the browser receives: small, flat dataclasses mapped from the services' read models.

Labels that depend on the language travel as {"en": ..., "fr": ...} and are picked in the
browser, so switching language needs no round trip.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from models.views import CategoryNode, ProductCard
from state.shop import media_url
from storefront.i18n import LOCALES
from storefront.services.facet_values import shown_rating


def labels_of(node: CategoryNode) -> dict[str, str]:
    return {locale: node.label(locale) for locale in LOCALES}


def same_in_every_locale(text: str) -> dict[str, str]:
    return dict.fromkeys(LOCALES, text)


@dataclass(frozen=True)
class CardItem:
    id: int = 0
    href: str = ""
    title: str = ""
    brand: str = ""
    price_minor: int = 0
    compare_at_minor: int = 0
    currency: str = "EUR"
    rating: float = 0.0
    review_count: int = 0
    image: str = ""
    in_stock: bool = True
    discounted: bool = False
    price_from: bool = False  # its variants' prices differ: "from" the lowest


def card_item(card: ProductCard, href_suffix: str = "") -> CardItem:
    compare_at = card.compare_at_minor or 0
    if card.variant_id:  # priced as a listing's filters matched: opens on that variant
        href_suffix += f"{'&' if href_suffix else '?'}variant={card.variant_id}"
    return CardItem(
        id=card.id,
        href=f"/product/{card.slug}{href_suffix}",
        title=card.title,
        brand=card.brand_name,
        price_minor=card.price_minor,
        compare_at_minor=compare_at,
        currency=card.currency,
        rating=shown_rating(card.rating),
        review_count=card.review_count,
        image=media_url(card.image_path),
        in_stock=card.in_stock,
        discounted=compare_at > card.price_minor,
        price_from=card.price_varies,
    )


@dataclass(frozen=True)
class Crumb:
    labels: dict[str, str] = field(default_factory=dict)
    href: str = ""


def crumbs(nodes: tuple[CategoryNode, ...]) -> list[Crumb]:
    return [Crumb(labels=labels_of(n), href=f"/category/{n.slug}") for n in nodes]


@dataclass
class NavChild:
    labels: dict[str, str] = field(default_factory=dict)
    href: str = ""


@dataclass
class NavItem:
    labels: dict[str, str] = field(default_factory=dict)
    href: str = ""
    slug: str = ""
    children: list[NavChild] = field(default_factory=list)
