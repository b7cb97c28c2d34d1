"""Domain events: facts in the past tense, raised by services and handled after commit."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ProductChanged:
    """A product was created, edited or removed. Old and new slug/category are both listed."""

    product_id: int
    slugs: tuple[str, ...]
    category_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class CatalogRestructured:
    """Categories or brands changed, or a bulk import replaced much of the catalog."""

    reason: str


Event = ProductChanged | CatalogRestructured
