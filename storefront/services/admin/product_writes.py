"""Creating and editing one product from the admin form, through the catalog writer and
product edits (so slugs, roll-ups, facet generations and ProductChanged events are settled as
for imports).

Use cases take the unit of work first: run them with `Shop.run(create_product, form, ...)`.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, replace
from typing import Any

from models.records import ProductRecord
from storefront.services.admin.product_form import (
    E,
    ParsedProduct,
    ProductForm,
    form_of,
    form_version,
    parse_id,
    parse_product_form,
    with_parsed,
)
from storefront.services.catalog_writer import ProductDraft, save_drafts
from storefront.services.errors import InvalidProduct, NotFound, Refusal, SkuTaken
from storefront.services.ports import UnitOfWork
from storefront.services.product_edits import edit_products
from storefront.services.slugs import slugify, unique_slug


@dataclass(frozen=True, slots=True)
class ProductChange:
    """One product before and after an admin action, as JSON-ready snapshots for the audit
    log (`before` is None for a product just created)."""

    product_id: int
    title: str
    before: dict[str, Any] | None
    after: dict[str, Any]


def create_product(uow: UnitOfWork, form: ProductForm, *, currency: str) -> int:
    """Create a product from the form; return its id. Raise Refusal with per-field keys."""
    given_id = form.external_id.strip()
    external_id = given_id or f"admin-{uuid.uuid4().hex[:12]}"
    with uow:
        taken = {}
        if given_id and given_id in uow.catalog.product_keys():
            # save_drafts would quietly update that product instead of creating one.
            taken["external_id"] = E + "external_id_taken"
        parsed = _checked(uow, form, currency, external_id, taken)
        brands = {b.id: b.name for b in uow.catalog.brands()}
    brand = brands[parsed.brand] if isinstance(parsed.brand, int) else parsed.brand
    draft = ProductDraft(
        external_id=external_id,
        title=parsed.title,
        description=parsed.description,
        currency=currency,
        variants=parsed.variants,
        category_id=parsed.category_id,
        brand=brand,
        status=parsed.status,
    )
    try:
        save_drafts(uow, [draft])
    except InvalidProduct:
        # Everything else was checked above: only a SKU taken meanwhile gets here.
        raise _taken_meanwhile(uow, [v.sku for v in parsed.variants], external_id) from None
    with uow:
        return uow.catalog.product_keys()[external_id][0]


def update_product(uow: UnitOfWork, product_id: int, form: ProductForm) -> ProductChange:
    """Apply the form to the product (its external id and the stock of existing variants
    are kept); raise Refusal with per-field keys, 'admin.product.error.not_found', or
    'admin.product.error.changed' when the form's version is not the product's any more."""

    def edit(record: ProductRecord) -> ProductRecord:
        # Runs inside edit_products' transaction, so the checks and the brand it may
        # create commit or roll back with the edit; the product is held, so the version
        # compared is the one written over.
        if form.version and form.version != form_version(_form_of(uow, record)):
            raise Refusal(E + "changed")
        # An existing variant's stock is kept (with_parsed), not checked: one above what the
        # form takes (units given back past it) must not refuse every save of the product.
        existing = {v.sku for v in record.variants}
        kept = tuple(
            replace(v, stock="0") if v.sku.strip() in existing else v for v in form.variants
        )
        parsed = _checked(uow, replace(form, variants=kept), record.currency, record.external_id)
        _check_removable(uow, record, {v.sku for v in parsed.variants})
        return with_parsed(record, parsed, _brand_id(uow, parsed.brand))

    try:
        [(before, after)] = edit_products(uow, [product_id], edit, skip_unchanged=False)
    except NotFound:
        raise Refusal(E + "not_found") from None
    except SkuTaken:
        with uow:
            record = uow.catalog.product_record(product_id)
        owner = record.external_id if record is not None else ""
        raise _taken_meanwhile(uow, [v.sku.strip() for v in form.variants], owner) from None
    return ProductChange(product_id, after.title, snapshot(before), snapshot(after))


def _taken_meanwhile(uow: UnitOfWork, skus: list[str], owner: str) -> Refusal:
    """The refusal of a save another one beat to a SKU after the form's check (the database
    refused it, and nothing of the save was written): as the check says it, on the field."""
    with uow:
        fields = _store_errors(uow, None, None, skus, owner)
    return Refusal(E + "invalid", fields or {"variants": E + "sku_taken"})


def _check_removable(uow: UnitOfWork, record: ProductRecord, kept: set[str]) -> None:
    """A variant the form leaves out is deleted with its row: refused while it has stock (its
    units would go without a stock move saying why: an adjustment to 0 first) or a checkout
    holds some (its payment may still go through, and the order could never be filled)."""
    removed = [v for v in record.variants if v.sku not in kept]
    in_stock = sum(v.stock for v in removed if v.stock > 0)
    if in_stock:
        raise Refusal(
            E + "remove_stock",
            {"variants": E + "remove_stock"},
            params={"stock": in_stock},  # the page's banner names it too (QA)
            field_params={"variants": {"stock": in_stock}},
        )
    if removed and uow.catalog.held_skus([v.sku for v in removed]):
        raise Refusal(E + "remove_held", {"variants": E + "remove_held"})


def product_form_of(uow: UnitOfWork, product_id: int) -> ProductForm:
    """The edit form filled with the product as it stands; raise Refusal if it is gone."""
    with uow:
        record = uow.catalog.product_record(product_id)
        if record is None:
            raise Refusal(E + "not_found")
        return _form_of(uow, record)


def _form_of(uow: UnitOfWork, record: ProductRecord) -> ProductForm:
    brands = {b.id: b.name for b in uow.catalog.brands()}
    return form_of(record, brands.get(record.brand_id) if record.brand_id else None)


def snapshot(record: ProductRecord) -> dict[str, Any]:
    """What the audit log keeps of a product: the fields the admin can change. The
    description (up to 100,000 characters) by its length and a digest: an edit of it alone
    was no change to the log, and went unrecorded (QA)."""
    description = record.description or ""
    return {
        "title": record.title,
        "description": {
            "chars": len(description),
            "sha256": hashlib.sha256(description.encode()).hexdigest()[:16],
        },
        "status": record.status.value,
        "category_id": record.category_id,
        "brand_id": record.brand_id,
        "variants": {
            v.sku: {
                "price_minor": v.price_minor,
                "compare_at_minor": v.compare_at_minor,
                "stock": v.stock,
                "options": dict(v.options),
            }
            for v in record.variants
        },
    }


def _checked(
    uow: UnitOfWork,
    form: ProductForm,
    currency: str,
    owner: str,
    errors: dict[str, str] | None = None,
) -> ParsedProduct:
    """The form parsed, or a Refusal naming every field at fault at once (with `errors`
    found before): those the form holds wrong and those only the database knows, so a
    merchandiser is not sent back once per kind of mistake."""
    known = dict(errors or {})
    try:
        parsed = parse_product_form(form, currency)
    except Refusal as refused:
        skus = [v.sku.strip() for v in form.variants]
        known |= _store_errors(uow, parse_id(form.category_id), None, skus, owner)
        raise Refusal(
            refused.code, known | refused.fields, field_params=refused.field_params
        ) from None
    skus = [v.sku for v in parsed.variants]
    known |= _store_errors(uow, parsed.category_id, parsed.brand, skus, owner)
    if known:
        raise Refusal(E + "invalid", known)
    return parsed


def _store_errors(
    uow: UnitOfWork,
    category_id: int | None,
    brand: str | int | None,
    skus: list[str],
    owner: str,
) -> dict[str, str]:
    """What only the database knows: the category and brand exist, the SKUs are free (a
    missing category is the form's to say)."""
    errors: dict[str, str] = {}
    if category_id is not None and category_id not in {c.id for c in uow.catalog.categories()}:
        errors["category_id"] = E + "category"
    if isinstance(brand, int) and brand not in {b.id for b in uow.catalog.brands()}:
        errors["brand"] = E + "brand"
    owners = uow.catalog.sku_owners([sku for sku in skus if sku])
    for index, sku in enumerate(skus):
        if sku and sku in owners and owners[sku].external_id != owner:
            errors[f"variants.{index}.sku"] = E + "sku_taken"
    return errors


def _brand_id(uow: UnitOfWork, brand: str | int | None) -> int | None:
    """The brand's id; a name not known yet creates the brand (as imports do)."""
    if brand is None or isinstance(brand, int):
        return brand
    existing = uow.catalog.brands()
    for known in existing:
        if known.name.casefold() == brand.casefold():
            return known.id
    taken = {b.slug for b in existing}
    return uow.catalog.add_brand(slug=unique_slug(slugify(brand), taken.__contains__), name=brand)
