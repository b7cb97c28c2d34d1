"""Maps recommendations to cards with their reason, written out in every language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from models.views import ProductCard
from state.view_models import CardItem, card_item
from storefront.i18n import LOCALES, attribute_labels, translate
from storefront.services.category_tree import CategoryTree
from storefront.services.recommendations.reasons import Reason
from storefront.services.recommendations.service import Suggestion


@dataclass(frozen=True)
class RecItem(CardItem):
    reason: dict[str, str] = field(default_factory=dict)


def reason_labels(reason: Reason, tree: CategoryTree, titles: Mapping[int, str]) -> dict[str, str]:
    labels = {}
    for locale in LOCALES:
        what = f" {translate(locale, 'word.and')} ".join(
            attribute_labels(key)[locale].lower() for key in reason.attributes
        )
        node = tree.get(reason.category_id)
        labels[locale] = translate(
            locale,
            reason.key,
            what=what,
            category=node.label(locale) if node else "",
            brand=reason.brand,
            product=titles.get(reason.product_id or 0, ""),
        )
    return labels


def rec_items(
    suggestions: Sequence[Suggestion],
    cards: Sequence[ProductCard],
    tree: CategoryTree,
    titles: Mapping[int, str] | None = None,
    widget: str = "",
) -> list[RecItem]:
    """Cards in suggestion order (products gone inactive or out of stock are dropped), each
    with its reason; their links name the widget (?rw=) so a click is counted for it."""
    by_id = {card.id: card for card in cards}
    items = []
    for suggestion in suggestions:
        card = by_id.get(suggestion.product_id)
        if card is None or not card.in_stock:
            continue
        base = card_item(card, f"?rw={widget}" if widget else "")
        items.append(
            RecItem(**vars(base), reason=reason_labels(suggestion.reason, tree, titles or {}))
        )
    return items
