"""Product slugs: what the writer makes, and what a product URL may hold before any lookup."""

from __future__ import annotations

import pytest

from models.catalog import Product
from storefront.services.slugs import could_be_product_slug, slugify, unique_slug

TITLES = [
    "Chair number 4",
    "Café Crème, 250 g",
    "ÉDITION LIMITÉE — Fauteuil « Lounge » n°7",
    "100% Merino / Wool_Blend (XL)",
    "   --Trailing  & leading--   ",
    "日本の茶碗",  # no ASCII at all: 'item'
    "x" * 500,  # longer than a slug may be
    "word " * 100,
]


@pytest.mark.parametrize("title", TITLES)
def test_every_slug_the_writer_makes_has_the_product_slug_shape(title: str) -> None:
    base = slugify(title)
    taken = {base, *(f"{base}-{n}" for n in range(2, 10_000))}
    for slug in (base, unique_slug(base, taken.__contains__)):
        assert could_be_product_slug(slug), slug


def test_the_longest_slug_the_column_holds_is_accepted_and_no_longer() -> None:
    longest = Product.__table__.c.slug.type.length  # type: ignore[attr-defined]
    assert could_be_product_slug("a" * longest)
    assert not could_be_product_slug("a" * (longest + 1))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "a" * 8_192,
        "Chair-Number-4",
        "chair number 4",
        "chair_number_4",
        "chair%2Fnumber",
        "café",
        "chair-number-4\n",
        "../etc/passwd",
    ],
)
def test_what_cannot_be_a_slug_is_refused(text: str) -> None:
    assert not could_be_product_slug(text)


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Cœur de bœuf", "coeur-de-boeuf"),
        ("Ørsted Jacket Ünïcødé", "orsted-jacket-unicode"),
        ("Straße Æble", "strasse-aeble"),
        ("Łódź", "lodz"),
    ],
)
def test_letters_no_accent_makes_are_spelled_out_not_dropped(title: str, slug: str) -> None:
    assert slugify(title) == slug
