"""Writing drafts to the catalog: bulk saves from the seeder, the importers and the admin's
product form, and what such a save would do (plan_drafts). Edits of products already saved
are in product_edits.py; the rules both follow, in product_records.py.

Drafts name their category by path and their brand by name (settled to ids, and created
when missing, by catalog_names.py); this module settles the products' slugs, then saves in one
transaction, so a failed import writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from models.catalog import ProductStatus
from models.events import CatalogRestructured, ProductChanged
from models.records import ImageRecord, ProductRecord, VariantRecord
from storefront.services.catalog_fingerprints import (
    EditedMeanwhile,
    changed_since,
    fingerprints_of,
)
from storefront.services.catalog_limits import sku_key
from storefront.services.catalog_names import (
    CategorySpec,
    category_paths,
    ensure_brands,
    ensure_categories,
    new_category_paths,
    path_key,
    spelled_paths,
)
from storefront.services.category_tree import CategoryTree
from storefront.services.errors import InvalidProduct, SkuTaken
from storefront.services.ports import UnitOfWork
from storefront.services.product_records import bump_facets, ids_of, validate_record
from storefront.services.slugs import slugify, unique_slug

BATCH_SIZE = 500
# The most variants a product may have: the admin's product form shows and saves them all on
# one page, and a catalog import refuses a product with more.
MAX_VARIANTS = 100
# Beyond this many products, one "restructured" event replaces per-product events.
BULK_EVENT_THRESHOLD = 50
Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class ProductDraft:
    external_id: str
    title: str
    description: str
    currency: str
    variants: tuple[VariantRecord, ...]
    category_path: tuple[str, ...] = ()
    brand: str | None = None
    attributes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    images: tuple[ImageRecord, ...] = ()
    status: ProductStatus = ProductStatus.ACTIVE
    featured: bool = False
    rating: float = 0.0
    review_count: int = 0
    created_at: datetime | None = None
    # An existing category by id (the admin form picks one); `category_path` wins if set.
    category_id: int | None = None
    # Image details the draft's source does not carry (the generic CSV format has neither,
    # Shopify's no colour link): for an image at a path the product has already, the shop's
    # alt text and the option value the image shows are kept rather than cleared.
    keep_image_alt: bool = False
    keep_image_option: bool = False


@dataclass(frozen=True, slots=True)
class SavedProduct:
    """A product a save wrote: as the shop had it (None: created) and as saved. A save keeps
    the stock of the variants the product had (CatalogStore.save_products), whatever `after`
    says of them."""

    product_id: int
    before: ProductRecord | None
    after: ProductRecord


@dataclass(frozen=True, slots=True)
class SaveSummary:
    created: int
    updated: int  # products the save changes: those it would leave as they are count below
    unchanged: int = 0
    # The categories the save creates, by path, parents first: a typo in a file's category
    # ("Pets > Dog Toyz") makes a new one rather than being refused.
    new_categories: tuple[tuple[str, ...], ...] = ()
    # The variants of the shop's products the save deletes, as (SKU, stock), since their
    # product's draft lacks them (plan_drafts only): a file of one row of a two-variant
    # product deleted the other and its stock without a word (QA).
    removed_variants: tuple[tuple[str, int], ...] = ()
    # The external ids of the shop's products the save leaves as they are (plan_drafts only):
    # the preview tells them from those it changes.
    unchanged_ids: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    # The products written, in the drafts' order (save_drafts only; for the audit log).
    saved: tuple[SavedProduct, ...] = field(default=(), compare=False, repr=False)


def same_product(before: ProductRecord, after: ProductRecord) -> bool:
    """Whether saving `after` over `before` would change nothing. A save keeps the creation
    date, and the stock of the variants the product has already (CatalogStore.save_products)."""
    stock = {v.sku: v.stock for v in before.variants}
    variants = tuple(replace(v, stock=stock.get(v.sku, v.stock)) for v in after.variants)
    return replace(after, variants=variants, created_at=before.created_at, id=before.id) == before


def plan_drafts(uow: UnitOfWork, drafts: Sequence[ProductDraft]) -> SaveSummary:
    """What save_drafts would do with these drafts now, read in `uow`'s transaction; nothing
    is written."""
    existing = uow.catalog.product_keys()
    tree = CategoryTree(uow.catalog.categories())
    paths = category_paths(tree)
    brands = {b.name.casefold(): b.id for b in uow.catalog.brands()}
    before = _records_before(uow, drafts, existing)
    created = 0
    unchanged: set[str] = set()
    removed: list[tuple[str, int]] = []
    for draft in drafts:
        known = existing.get(draft.external_id)
        if known is None:
            created += 1
            continue
        if (held := before.get(known[0])) is not None:
            kept = {v.sku for v in draft.variants}
            removed += [(v.sku, v.stock) for v in held.variants if v.sku not in kept]
        category_id = (
            paths.get(path_key(draft.category_path)) if draft.category_path else draft.category_id
        )
        brand_id = brands.get(draft.brand.casefold()) if draft.brand else None
        if (draft.category_path and category_id is None) or (draft.brand and brand_id is None):
            continue  # a category or a brand to create: it changes
        record = _record(draft, known, category_id, brand_id, before.get(known[0]))
        if known[0] in before and same_product(before[known[0]], record):
            unchanged.add(draft.external_id)
    return SaveSummary(
        created=created,
        updated=len(drafts) - created - len(unchanged),
        unchanged=len(unchanged),
        new_categories=new_category_paths(spelled_paths(tree), _draft_paths(drafts)),
        removed_variants=tuple(removed),
        unchanged_ids=frozenset(unchanged),
    )


def save_drafts(
    uow: UnitOfWork,
    drafts: Sequence[ProductDraft],
    *,
    categories: Sequence[CategorySpec] = (),
    on_progress: Progress | None = None,
    seen: Mapping[str, str] | None = None,
) -> SaveSummary:
    """Create or update products by external id, all in one transaction. With `seen` (what
    their preview saw: catalog_fingerprints), raise EditedMeanwhile, writing nothing, if one of
    their products is not as it was then."""
    _refuse_duplicates(drafts)
    with uow:
        # Held before any write, in the order checkouts take them: writing products first
        # would deadlock with a checkout holding one of their variants. Read again once
        # held: an edit that committed meanwhile may have moved a slug or a category.
        keys = uow.catalog.product_keys()
        uow.catalog.lock_for_edit(
            [known[0] for d in drafts if (known := keys.get(d.external_id)) is not None]
        )
        existing = uow.catalog.product_keys()
        before = _records_before(uow, drafts, existing)
        if seen is not None:
            now = fingerprints_of([d.external_id for d in drafts], before.values())
            if edited := changed_since(seen, now):
                raise EditedMeanwhile(edited)
        known_paths = spelled_paths(CategoryTree(uow.catalog.categories()))
        category_ids = ensure_categories(
            uow, [*categories, *(CategorySpec(d.category_path) for d in drafts if d.category_path)]
        )
        restructured = len(category_ids) > len(known_paths)
        brand_ids = ensure_brands(uow, {d.brand for d in drafts if d.brand})
        _refuse_foreign_skus(uow, drafts)
        taken_slugs = {slug for _, slug, _ in existing.values()}
        records: list[ProductRecord] = []
        changes: list[ProductChanged] = []
        unchanged = 0
        for draft in drafts:
            known = existing.get(draft.external_id)
            key: tuple[int | None, str, int | None]
            if known is None:
                key = (None, unique_slug(slugify(draft.title), taken_slugs.__contains__), None)
                taken_slugs.add(key[1])
            else:
                key = known
            record = validate_record(
                _record(
                    draft,
                    key,
                    (
                        category_ids[path_key(draft.category_path)]
                        if draft.category_path
                        else draft.category_id
                    ),
                    brand_ids[draft.brand.casefold()] if draft.brand else None,
                    before.get(known[0]) if known is not None else None,
                )
            )
            if known is not None:
                if known[0] in before and same_product(before[known[0]], record):
                    # Left alone: not written, nor announced, nor counted as updated.
                    unchanged += 1
                    continue
                old_category = (known[2],) if known[2] is not None else ()
                changes.append(
                    ProductChanged(
                        known[0], (record.slug,), (*old_category, *ids_of(record.category_id))
                    )
                )
            records.append(record)
        done = 0
        saved: list[SavedProduct] = []
        for start in range(0, len(records), BATCH_SIZE):
            batch = records[start : start + BATCH_SIZE]
            try:
                ids = uow.catalog.save_products(batch)
            except SkuTaken:
                # Taken by another save since the check above: said as the check says it.
                _refuse_foreign_skus(uow, drafts)
                raise
            for record, product_id in zip(batch, ids, strict=True):
                had = before.get(record.id) if record.id is not None else None
                saved.append(SavedProduct(product_id, had, replace(record, id=product_id)))
                if record.id is None:
                    changes.append(
                        ProductChanged(product_id, (record.slug,), ids_of(record.category_id))
                    )
            done += len(batch)
            if on_progress:
                on_progress(unchanged + done)
        if on_progress and not records:
            on_progress(unchanged)
        if restructured or len(changes) > BULK_EVENT_THRESHOLD:
            uow.catalog.bump_facet_generations(None)
            changed = tuple(change.product_id for change in changes)
            uow.add_event(CatalogRestructured(f"saved {len(records)} products", changed))
        else:
            bump_facets(uow, changes)
            for change in changes:
                uow.add_event(change)
        uow.commit()
    created = sum(1 for d in drafts if d.external_id not in existing)
    return SaveSummary(
        created=created,
        updated=len(drafts) - created - unchanged,
        unchanged=unchanged,
        new_categories=new_category_paths(known_paths, _draft_paths(drafts)),
        saved=tuple(saved),
    )


def _record(
    draft: ProductDraft,
    known: tuple[int | None, str, int | None],
    category_id: int | None,
    brand_id: int | None,
    before: ProductRecord | None,
) -> ProductRecord:
    """The product a draft saves: `known` is its (id, slug, category id), or (None, a new
    slug, None); `before`, the product as the shop has it, if it has it."""
    return ProductRecord(
        id=known[0],
        external_id=draft.external_id,
        slug=known[1],
        title=draft.title.strip(),
        description=draft.description,
        category_id=category_id,
        brand_id=brand_id,
        currency=draft.currency,
        variants=draft.variants,
        attributes=draft.attributes,
        images=_images(draft, before),
        status=draft.status,
        featured=draft.featured,
        rating=draft.rating,
        review_count=draft.review_count,
        created_at=draft.created_at,
    )


def _images(draft: ProductDraft, before: ProductRecord | None) -> tuple[ImageRecord, ...]:
    """The draft's images, with the details its source does not carry taken from the shop's
    image at the same path."""
    if before is None or not (draft.keep_image_alt or draft.keep_image_option):
        return draft.images
    shop = {image.path: image for image in before.images}
    return tuple(
        replace(
            image,
            alt=shop[image.path].alt if draft.keep_image_alt else image.alt,
            option_value=(
                shop[image.path].option_value if draft.keep_image_option else image.option_value
            ),
        )
        if image.path in shop
        else image
        for image in draft.images
    )


def _records_before(
    uow: UnitOfWork,
    drafts: Sequence[ProductDraft],
    existing: Mapping[str, tuple[int, str, int | None]],
) -> dict[int, ProductRecord]:
    """The shop's products these drafts update, as they stand."""
    ids = [known[0] for d in drafts if (known := existing.get(d.external_id)) is not None]
    return uow.catalog.product_records(ids) if ids else {}


def _draft_paths(drafts: Sequence[ProductDraft]) -> list[tuple[str, ...]]:
    return [d.category_path for d in drafts if d.category_path]


def _refuse_duplicates(drafts: Sequence[ProductDraft]) -> None:
    seen_ids: set[str] = set()
    seen_skus: dict[str, tuple[str, str]] = {}
    for draft in drafts:
        if draft.external_id in seen_ids:
            raise InvalidProduct(f"product {draft.external_id!r} appears twice")
        seen_ids.add(draft.external_id)
        for variant in draft.variants:
            owner, sku = seen_skus.setdefault(
                sku_key(variant.sku), (draft.external_id, variant.sku)
            )
            if owner != draft.external_id:
                raise InvalidProduct(
                    f"SKU {variant.sku!r} is used by both {owner!r} and {draft.external_id!r}"
                    + (f" (as {sku!r})" if sku != variant.sku else "")
                )


def _refuse_foreign_skus(uow: UnitOfWork, drafts: Sequence[ProductDraft]) -> None:
    """A SKU may only be saved on the product that already owns it."""
    wanted = {v.sku: d.external_id for d in drafts for v in d.variants}
    for sku, owner in uow.catalog.sku_owners(list(wanted)).items():
        if owner.external_id != wanted[sku]:
            raise SkuTaken(
                f"SKU {sku!r} already belongs to product {owner.external_id!r}"
                + (f" (as {owner.sku!r})" if owner.sku != sku else "")
            )
