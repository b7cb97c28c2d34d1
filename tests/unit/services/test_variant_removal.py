"""A variant left out of the product form (ticked for removal) is deleted with its row:
refused while it has stock or a checkout holds some (review: its units went without a stock
move, and an order being paid for it could never be filled)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from storefront.bootstrap import Shop
from storefront.services.admin.product_writes import product_form_of, update_product
from storefront.services.errors import Refusal
from tests.fakes import CatalogData


def _p1(data: CatalogData) -> int:
    """P1: two variants (Red, Navy Blue), 5 in stock each."""
    return next(pid for pid, r in data.products.items() if r.external_id == "P1")


def test_a_variant_with_stock_or_held_by_a_checkout_is_not_removed(
    seeded: Shop, data: CatalogData
) -> None:
    product_id = _p1(data)
    form = seeded.run(product_form_of, product_id)
    keep_first = replace(form, variants=form.variants[:1])
    with pytest.raises(Refusal) as refused:
        seeded.run(update_product, product_id, keep_first)
    assert refused.value.fields == {"variants": "admin.product.error.remove_stock"}
    assert refused.value.field_params == {"variants": {"stock": 5}}
    assert refused.value.params == {"stock": 5}  # the banner's text names it too (QA)
    assert len(data.products[product_id].variants) == 2

    second = data.products[product_id].variants[1]
    sold_out = replace(second, stock=0)
    data.products[product_id] = replace(
        data.products[product_id], variants=(data.products[product_id].variants[0], sold_out)
    )
    data.held.add(second.sku)  # out of stock, its last unit held by a payment
    form = seeded.run(product_form_of, product_id)
    keep_first = replace(form, variants=form.variants[:1])
    with pytest.raises(Refusal) as refused:
        seeded.run(update_product, product_id, keep_first)
    assert refused.value.fields == {"variants": "admin.product.error.remove_held"}
    assert len(data.products[product_id].variants) == 2

    data.held.clear()  # the payment given up, its unit back, counted to 0 by an adjustment
    seeded.run(update_product, product_id, keep_first)
    assert [v.sku for v in data.products[product_id].variants] == [form.variants[0].sku]
