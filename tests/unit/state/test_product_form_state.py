"""The admin product page reading its form: every row it shows, every field whole (or cut
one past its limit, to be refused), the service's messages put on the rows they are for, and
the attributes suggested for a new product named as the shop names them."""

from __future__ import annotations

import pytest

from state.admin.guard import field_messages
from state.admin.product_edit import attribute_hints
from state.admin.product_form_fields import on_page_rows, product_form
from storefront.services.admin.merchandising import AttributeSuggestion
from storefront.services.admin.product_form import MAX_VARIANTS, parse_product_form
from storefront.services.catalog_limits import MAX_DESCRIPTION
from storefront.services.errors import Refusal


def page_form(rows: list[dict[str, str]], **fields: str) -> dict[str, str]:
    form = {"title": "Tee", "category_id": "2", "status": "active"} | fields
    for i, row in enumerate(rows):
        form |= {f"variants.{i}.{name}": value for name, value in row.items()}
    return form


def test_every_row_the_page_shows_is_read_up_to_the_shared_limit() -> None:
    rows = [
        {"sku": f"T-{i}", "price": "10", "stock": "1", "options": f"size={i}"}
        for i in range(MAX_VARIANTS)
    ]
    typed, kept = product_form(page_form(rows), len(rows))
    assert [v.sku for v in typed.variants] == [f"T-{i}" for i in range(MAX_VARIANTS)]
    assert kept == tuple(range(MAX_VARIANTS))
    assert len(parse_product_form(typed, "EUR").variants) == MAX_VARIANTS


def test_a_long_description_is_kept_whole_and_a_too_long_one_is_refused() -> None:
    row = [{"sku": "T-1", "price": "10", "stock": "1"}]
    longest = "d" * MAX_DESCRIPTION
    typed, _ = product_form(page_form(row, description=longest), 1)
    assert parse_product_form(typed, "EUR").description == longest
    typed, _ = product_form(page_form(row, description=longest + "more"), 1)
    with pytest.raises(Refusal) as refused:
        parse_product_form(typed, "EUR")
    assert refused.value.fields == {"description": "admin.product.error.too_long"}
    assert field_messages(refused.value) == {
        "description": {
            "en": "At most 100,000 characters.",
            "fr": "100\u202f000 caractères au plus.",
        }
    }


def test_variant_messages_land_on_the_page_row_they_are_for() -> None:
    """A blank row is left out of the form the service checks: its numbering then differs."""
    rows = [
        {},
        {"sku": "T-1", "price": "ten", "stock": "1", "options": "size=M"},
        {},
        {"sku": "T-3", "price": "10", "stock": "-1", "options": "size=L"},
    ]
    typed, kept = product_form(page_form(rows), len(rows))
    assert kept == (1, 3)
    with pytest.raises(Refusal) as refused:
        parse_product_form(typed, "EUR")
    assert refused.value.fields == {
        "variants.0.price": "admin.product.error.price",
        "variants.1.stock": "admin.product.error.stock",
    }
    messages = {name: {"en": key} for name, key in refused.value.fields.items()}
    assert on_page_rows(messages | {"title": {"en": "t"}}, kept) == {
        "variants.1.price": {"en": "admin.product.error.price"},
        "variants.3.stock": {"en": "admin.product.error.stock"},
        "title": {"en": "t"},
    }


def test_the_messages_of_fields_past_their_limits_name_the_limit() -> None:
    row = [{"sku": "T-1", "price": "1000000000", "stock": "1000001"}]
    typed, _ = product_form(page_form(row, title="T" * 501, brand="B" * 161), 1)
    with pytest.raises(Refusal) as refused:
        parse_product_form(typed, "EUR")
    assert field_messages(refused.value) == {
        "title": {"en": "At most 500 characters.", "fr": "500 caractères au plus."},
        "brand": {"en": "At most 160 characters.", "fr": "160 caractères au plus."},
        "variants.0.stock": {
            "en": "A whole number from 0 to 1,000,000.",
            "fr": "Un nombre entier de 0 à 1\u202f000\u202f000.",
        },
        "variants.0.price": {  # a price above the highest says which that is (QA)
            "en": "A price up to 1,000,000, e.g. 12.90.",
            "fr": "Un prix jusqu’à 1\u202f000\u202f000, ex. 12,90.",
        },
    }


def test_a_variant_ticked_for_removal_is_left_out_and_the_others_keep_their_rows() -> None:
    """An existing variant's SKU and stock cannot be blanked: ticked, it is removed on
    saving (there was no way to remove one but an import; merchandiser QA)."""
    rows = [
        {"sku": "T-S", "price": "10", "stock": "1", "options": "size=S"},
        {"sku": "T-M", "price": "10", "stock": "1", "options": "size=M", "remove": "1"},
        {"sku": "T-L", "price": "", "stock": "1", "options": "size=L"},
    ]
    typed, kept = product_form(page_form(rows), len(rows))
    assert [v.sku for v in typed.variants] == ["T-S", "T-L"]
    assert kept == (0, 2)
    with pytest.raises(Refusal) as refused:
        parse_product_form(typed, "EUR")
    assert refused.value.fields == {"variants.1.price": "admin.product.error.price"}
    # The message lands on the page's third row, not the second, the one removed.
    messages = {name: {"en": key} for name, key in refused.value.fields.items()}
    assert set(on_page_rows(messages, kept)) == {"variants.2.price"}


def test_the_attributes_similar_products_have_are_named_by_the_shops_labels() -> None:
    """QA: the hint read "screen_size: 13"", the attribute's key, where the shop's filters
    and product pages say "Screen size" (Taille d’écran); a key with no label of its own
    reads as the shop shows it too."""
    hints = attribute_hints(
        (
            AttributeSuggestion("screen_size", ('13"', '15.6"'), 0.9),
            AttributeSuggestion("colour", ("Red",), 0.6),
            AttributeSuggestion("wood_grain", ("Straight",), 0.5),
        )
    )
    assert hints == {
        "en": 'Screen size: 13", 15.6" · Colour: Red · Wood grain: Straight',
        "fr": 'Taille d’écran\u202f: 13", 15.6" · Couleur\u202f: Red · Wood grain\u202f: Straight',
    }
    assert attribute_hints(()) == {}
