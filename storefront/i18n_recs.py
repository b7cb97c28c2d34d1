"""UI text of the recommendation rows: their headings and the reason under each suggestion
(merged into storefront.i18n.MESSAGES)."""

from __future__ import annotations

from typing import Final

RECS_MESSAGES: Final[dict[str, dict[str, str]]] = {
    "recs.similar": {"en": "Similar products", "fr": "Produits similaires"},
    "recs.bought_together": {"en": "Frequently bought together", "fr": "Souvent achetés ensemble"},
    "recs.goes_with": {"en": "Goes well with it", "fr": "Va bien avec"},
    "recs.for_you": {"en": "Recommended for you", "fr": "Recommandé pour vous"},
    "recs.popular": {"en": "Popular right now", "fr": "Populaires en ce moment"},
    "recs.recently_viewed": {"en": "Recently viewed", "fr": "Vus récemment"},
    "reason.same_attributes": {"en": "Same {what}", "fr": "Même {what}"},
    "reason.category_and_attribute": {
        "en": "Also in {category}, same {what}",
        "fr": "Aussi dans {category}, même {what}",
    },
    "reason.same_category": {"en": "Also in {category}", "fr": "Aussi dans {category}"},
    "reason.same_brand": {"en": "Also by {brand}", "fr": "Aussi chez {brand}"},
    "reason.similar_style": {
        "en": "Close in style and use",
        "fr": "Proche par le style et l’usage",
    },
    "reason.bought_together": {
        "en": "Often in the same order",
        "fr": "Souvent dans la même commande",
    },
    "reason.goes_with": {"en": "Goes well with it", "fr": "Va bien avec"},
    "reason.because_viewed": {
        "en": "Because you viewed {product}",
        "fr": "Parce que vous avez vu {product}",
    },
    "reason.your_searches": {"en": "From your searches", "fr": "D’après vos recherches"},
    "reason.bought_with": {
        "en": "Often bought with {category}",
        "fr": "Souvent acheté avec le rayon {category}",
    },
    "reason.popular": {"en": "Loved by shoppers", "fr": "Apprécié des clients"},
    "reason.bestseller": {"en": "A best seller", "fr": "Parmi nos meilleures ventes"},
}
