import re
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from storefront.bootstrap import Shop
from storefront.services.demo import generate_demo_catalog, seed_demo_catalog
from storefront.services.demo.images import product_svg
from storefront.services.demo.taxonomy import DEPARTMENTS
from storefront.services.demo.wording import is_a
from tests.fakes import CatalogData, FakeMediaStore


def test_same_seed_and_count_give_the_same_catalog() -> None:
    assert generate_demo_catalog(300) == generate_demo_catalog(300)
    assert generate_demo_catalog(300, seed=1) != generate_demo_catalog(300)


def test_a_bigger_catalog_starts_with_the_smaller_one() -> None:
    assert generate_demo_catalog(300).products[:100] == generate_demo_catalog(100).products


def test_departments_and_categories_are_many_translated_and_faceted() -> None:
    catalog = generate_demo_catalog(100)
    departments = [c for c in catalog.categories if len(c.path) == 1]
    leaves = [c for c in catalog.categories if len(c.path) == 2]
    assert len(departments) >= 8
    assert len(leaves) >= 40
    assert all(c.name_i18n.get("fr") for c in catalog.categories)
    assert all(leaf.facet_keys for leaf in leaves)


def test_five_thousand_products_are_varied_and_consistent() -> None:
    products = generate_demo_catalog(5000).products
    assert len({p.external_id for p in products}) == 5000
    skus = [v.sku for p in products for v in p.variants]
    assert len(set(skus)) == len(skus)
    assert len({p.title for p in products}) >= 0.95 * 5000
    assert len({p.category_path for p in products}) >= 40
    assert all(len(p.description.split(". ")) >= 2 for p in products)
    for product in products:
        option_keys = {k for v in product.variants for k in v.options}
        assert not option_keys & set(product.attributes), product.external_id
        for variant in product.variants:
            assert variant.price_minor > 0
            assert variant.stock >= 0
            if variant.compare_at_minor is not None:
                # A believable discount, after rounding to shop prices (4.90 was 7.90).
                assert 1.1 * variant.price_minor < variant.compare_at_minor, product.external_id
                assert variant.compare_at_minor < 2 * variant.price_minor, product.external_id
        # A sale is one offer: variants at one price were one price, whichever is shown.
        was = {(v.price_minor, v.compare_at_minor) for v in product.variants}
        assert len({price for price, _ in was}) == len(was), product.external_id
    sold_out = sum(all(v.stock == 0 for v in p.variants) for p in products)
    assert 0.04 * 5000 < sold_out < 0.15 * 5000
    departments = Counter(p.category_path[0] for p in products)
    assert min(departments.values()) > 5000 / len(departments) / 2


def test_count_outside_the_range_is_refused() -> None:
    with pytest.raises(ValueError, match="between 1 and 100000"):
        generate_demo_catalog(0)


def test_images_are_valid_svg_in_the_product_colour() -> None:
    svg = product_svg("sofa", "Terracotta", 'Sofa "Riva" <3 & co')
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "#c8643b" in svg


def test_seeding_writes_an_image_for_every_product_and_colour(
    fake_shop: Shop, data: CatalogData
) -> None:
    media = FakeMediaStore()
    summary = fake_shop.run(seed_demo_catalog, media, 120)
    assert (summary.created, summary.updated) == (120, 0)
    assert len(data.products) == 120
    for record in data.products.values():
        assert record.images
        for image in record.images:
            assert image.path.startswith("/media/products/")
            ET.fromstring(media.files[image.path.removeprefix("/media/")])
        for variant in record.variants:
            if "colour" in variant.options:
                assert variant.image_path is not None


def test_every_demo_title_reads_as_a_whole_name() -> None:
    leaves = {
        (department.name, leaf.name): leaf
        for department in DEPARTMENTS
        for leaf in department.leaves
    }
    # "in" is not there: sizes end with it ("inside leg 32 in").
    dangling = {"and", "with", "or", "for", "to", "of", "the", "a", "an", "from"}
    # The seeded 5,000 and more: rare combinations come late.
    for product in generate_demo_catalog(20_000).products:
        name = product.title.split(" — ", maxsplit=1)[0]
        assert name.split()[-1].lower() not in dangling, product.title
        assert not name.endswith((",", "-", "—")), product.title
        if ", " in name:
            # After the comma, a size or a feature, named whole, never cut at a comma of its
            # own ("removable, washable covers").
            named = name.split(", ", maxsplit=1)[1]
            leaf = leaves[product.category_path]
            sizes = {spec for specs in (leaf.specs, *leaf.noun_specs.values()) for spec in specs}
            assert named in leaf.features or named in sizes, product.title


def test_demo_descriptions_say_a_an_or_are_as_english_does() -> None:
    assert is_a("Ottoman Bed") == "is an ottoman bed"
    assert is_a("USB Hub") == "is a USB hub"  # "you-ess-bee": a, and the acronym kept
    assert is_a("LED Strip") == "is an LED strip"
    assert is_a("Espadrilles") == "are espadrilles"
    assert is_a("Chest of Drawers") == "is a chest of drawers"
    assert is_a("Maxi Dress") == "is a maxi dress"
    assert is_a("Slip-On Sneakers") == "are slip-on sneakers"
    assert is_a("Utensil Holder") == "is a utensil holder"
    assert is_a("French Press") == "is a French press"
    assert is_a("3D Puzzle") == "is a 3D puzzle"
    for product in generate_demo_catalog(2_000).products:
        assert " is a a" not in product.description, product.description
        assert " is a e" not in product.description, product.description
        assert not re.search(r" is an? \w+s made", product.description), product.description


def test_a_size_in_a_title_is_one_its_noun_can_have() -> None:
    for department in DEPARTMENTS:
        for leaf in department.leaves:
            assert set(leaf.noun_specs) <= set(leaf.nouns), leaf.name  # no misspelt noun
    titles = {p.title.split(" — ")[0] for p in generate_demo_catalog(5_000).products}
    for absurd in ("Hub, 20,000 mAh", "Pen Pot, holds 20 kg", "Eau de Parfum, 200 g"):
        assert not any(title.endswith(absurd) for title in titles), absurd
