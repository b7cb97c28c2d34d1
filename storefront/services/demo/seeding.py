"""Seeding the shop with the demo catalog: draw the images, then save the products."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from storefront.services.catalog_writer import ProductDraft, SaveSummary, save_drafts
from storefront.services.demo.generator import generate_demo_catalog
from storefront.services.demo.images import product_svg
from storefront.services.ports import MediaStore, UnitOfWork

StageProgress = Callable[[str, int, int], None]


def seed_demo_catalog(
    uow: UnitOfWork,
    media: MediaStore,
    count: int = 5000,
    *,
    seed: int = 2026,
    on_progress: StageProgress | None = None,
) -> SaveSummary:
    """Generate `count` demo products, write their images, save them in one transaction."""
    catalog = generate_demo_catalog(count, seed=seed)
    drafts: list[ProductDraft] = []
    for done, (draft, icon) in enumerate(zip(catalog.products, catalog.icons, strict=True), 1):
        drafts.append(_with_images(draft, icon, media))
        if on_progress and (done % 250 == 0 or done == count):
            on_progress("images", done, count)
    return save_drafts(
        uow,
        drafts,
        categories=catalog.categories,
        on_progress=(lambda done: on_progress("products", done, count)) if on_progress else None,
    )


def _with_images(draft: ProductDraft, icon: str, media: MediaStore) -> ProductDraft:
    public: dict[str, str] = {}
    for number, image in enumerate(draft.images):
        colour = image.option_value or _first_colour(draft)
        svg = product_svg(icon, colour, draft.title, variant=number + len(draft.title))
        public[image.path] = media.write_text(image.path, svg)
    return replace(
        draft,
        images=tuple(replace(i, path=public[i.path]) for i in draft.images),
        variants=tuple(
            replace(v, image_path=public[v.image_path]) if v.image_path in public else v
            for v in draft.variants
        ),
    )


def _first_colour(draft: ProductDraft) -> str:
    for key in ("colour", "finish", "material"):
        values = draft.attributes.get(key)
        if values:
            return values[0]
    return draft.title.split()[0]
