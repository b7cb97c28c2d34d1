"""What a catalog import's audit entry keeps of the products it wrote, bounded whatever the
file's size: every product it created or changed by id and external id (the first
MAX_LISTED of them, and how many more), and for the first MAX_DETAILED it changed, the
fields that changed, before and after, as product edits record them (products.snapshot)."""

from __future__ import annotations

from typing import Any

from storefront.services.admin.product_writes import snapshot
from storefront.services.catalog_writer import SavedProduct, SaveSummary

MAX_LISTED = 500  # as many as one bulk action may change
MAX_DETAILED = 10  # up to MAX_VARIANTS variants each


def import_snapshots(
    summary: SaveSummary, file_format: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The (before, after) of an import's audit entry."""
    listed = summary.saved[:MAX_LISTED]
    changed = [s for s in summary.saved if s.before is not None][:MAX_DETAILED]
    fields = {str(s.product_id): changed_fields(s) for s in changed}
    before = {"products": {i: old for i, (old, _) in fields.items()}}
    after = {
        "format": file_format,
        "created": summary.created,
        "updated": summary.updated,
        "products": [
            {
                "id": s.product_id,
                "external_id": s.after.external_id,
                "change": "created" if s.before is None else "updated",
            }
            for s in listed
        ],
        "products_not_listed": len(summary.saved) - len(listed),
        "changes": {i: new for i, (_, new) in fields.items()},
        "changes_not_shown": summary.updated - len(changed),
    }
    return before, after


def changed_fields(saved: SavedProduct) -> tuple[dict[str, Any], dict[str, Any]]:
    """The snapshot fields an update changed, before and after; variants by SKU (None: the
    variant was not there). Fields a snapshot leaves out (description, images) do not show."""
    old = snapshot(saved.before) if saved.before is not None else {}
    new = snapshot(saved.after)
    old_variants, new_variants = old.pop("variants", {}), new.pop("variants", {})
    for sku, variant in new_variants.items():
        if sku in old_variants:  # the save keeps the stock a variant has
            variant["stock"] = old_variants[sku]["stock"]
    before = {k: v for k, v in old.items() if new.get(k) != v}
    after = {k: new[k] for k in before}
    skus = sorted(
        sku
        for sku in old_variants.keys() | new_variants.keys()
        if old_variants.get(sku) != new_variants.get(sku)
    )
    if skus:
        before["variants"] = {sku: old_variants.get(sku) for sku in skus}
        after["variants"] = {sku: new_variants.get(sku) for sku in skus}
    return before, after
