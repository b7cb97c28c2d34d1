"""The admin's product form as the browser sends it and as the page shows it: fields cut
to their limits, variant rows numbered as the page numbers them (state/admin/product_edit.py)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from state.admin.guard import Errors
from storefront.services.admin.product_form import (
    FIELD_LIMITS,
    VARIANT_LIMITS,
    ProductForm,
    VariantForm,
)

_VARIANT_FIELD = re.compile(r"variants\.(\d+)\.(.+)")


def cut(value: Any, limit: int) -> str:
    """A field as sent, trimmed and cut one character past the service's limit: a value too
    long is refused as such, never saved cut short."""
    return str(value).strip()[: limit + 1]


def product_form(form: Mapping[str, Any], rows: int) -> tuple[ProductForm, tuple[int, ...]]:
    """The typed form (fields as the browser sent them, variants from
    `variants.<i>.<field>` for each of the page's `rows`), and the page row each of its
    variants came from: blank rows are left out, and so are rows ticked for removal
    (`variants.<i>.remove`: an existing variant's SKU and stock cannot be blanked), so the
    service numbers them otherwise."""
    text = {k: cut(form.get(k, ""), limit) for k, limit in FIELD_LIMITS.items()}
    variants, kept = [], []
    for i in range(rows):
        row = {f: cut(form.get(f"variants.{i}.{f}", ""), n) for f, n in VARIANT_LIMITS.items()}
        if any(row.values()) and not form.get(f"variants.{i}.remove"):
            variants.append(VariantForm(**row))
            kept.append(i)
    typed = ProductForm(
        title=text["title"],
        description=text["description"],
        category_id=text["category_id"] or None,
        brand=text["brand"] or None,
        status=text["status"] if "status" in form else "draft",
        variants=tuple(variants),
    )
    return typed, tuple(kept)


def on_page_rows(errors: Errors, rows: Sequence[int]) -> Errors:
    """The service's messages with `variants.<i>.<field>` renumbered from its variants to the
    page rows they came from (product_form)."""
    moved: Errors = {}
    for name, message in errors.items():
        found = _VARIANT_FIELD.fullmatch(name)
        on_row = found is not None and int(found[1]) < len(rows)
        moved[f"variants.{rows[int(found[1])]}.{found[2]}" if on_row else name] = message
    return moved


def form_values(form: ProductForm) -> tuple[dict[str, str], list[dict[str, str]]]:
    values = {
        "title": form.title,
        "description": form.description,
        "category_id": str(form.category_id or ""),
        "brand": str(form.brand or ""),
        "status": form.status,
        "external_id": form.external_id,
    }
    variants = [
        {
            "sku": v.sku,
            "options": v.options if isinstance(v.options, str) else "",
            "price": v.price,
            "compare_at": v.compare_at,
            "stock": str(v.stock),
            "existing": "1",
        }
        for v in form.variants
    ]
    return values, variants
