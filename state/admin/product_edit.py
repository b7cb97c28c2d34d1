"""Product page of the admin: create or edit a product and its variants, upload its image,
adjust a variant's stock with a reason, see the stock history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import reflex as rx

from models.catalog import ProductStatus
from models.types import utc_now
from state.admin.dropped_files import refusal
from state.admin.guard import AdminState, Errors, admin, one_use_key
from state.admin.pickers import category_options
from state.admin.product_form_fields import cut, form_values, on_page_rows, product_form
from state.admin.product_images import ImageChoice, ImageItem, image_choices
from state.shop import media_url, shop
from storefront.i18n import LOCALES, attribute_lines, translations
from storefront.services.admin.access import Permission
from storefront.services.admin.images import MAX_ALT as MAX_IMAGE_ALT
from storefront.services.admin.images import MAX_IMAGE_BYTES
from storefront.services.admin.merchandising import AttributeSuggestion
from storefront.services.admin.product_form import MAX_VARIANTS
from storefront.services.admin.stock import StockReason
from storefront.services.catalog_limits import MAX_TITLE

IMAGE_UPLOAD = "product-image"  # the image drop zone's upload id


@dataclass
class HistoryItem:
    at: str = ""
    sku: str = ""
    delta: int = 0
    stock_after: int = 0
    reason: str = ""
    note: str = ""
    actor: str = ""


class AdminProductState(AdminState):
    product_id: int = 0
    missing: bool = False
    values: dict[str, str] = {}  # noqa: RUF012
    variants: list[dict[str, str]] = []  # noqa: RUF012
    categories: list[list[str]] = []  # noqa: RUF012
    images: list[ImageItem] = []  # noqa: RUF012
    # [value, label] an image may be shown for (its options' values): its select's choices.
    image_choices: list[ImageChoice] = []  # noqa: RUF012
    slug: str = ""
    on_sale: bool = False  # saved as active: the shop has its page (a draft's is a 404)
    history: list[HistoryItem] = []  # noqa: RUF012
    errors: Errors = {}  # noqa: RUF012
    stock_errors: Errors = {}  # noqa: RUF012
    form_key: int = 0
    # The stock form has its own: an adjustment draws it again, not the product form, which
    # may hold edits not saved yet.
    stock_form_key: int = 0
    stock_key: str = ""  # the stock form's one-use key (one_use_key)
    stock_reason: str = StockReason.RECEIVED.value  # a recount asks for the figure counted
    stock_sku: str = ""  # the variant last adjusted, chosen again in the form drawn after it
    save_key: str = ""  # the product form's
    # The version of the product the form was filled from (ProductForm.version): a save over
    # a change made since (a bulk price or status change) is refused.
    _version: str = ""
    # Categories and attributes suggested from the nearest products, for a new product.
    suggested: list[list[str]] = []  # noqa: RUF012  [category id, path per locale, percent]
    # "Material: Oak, Walnut · Colour: Red" per locale, named as the shop names them.
    suggested_attributes: dict[str, str] = {}  # noqa: RUF012

    @rx.event
    async def load_page(self) -> rx.event.EventSpec | None:
        staff = await self._staff(Permission.VIEW, opening=True)
        if staff is None:
            return None
        desk = admin().catalog
        pairs, _ = await self._attempt(desk.categories, staff)
        self.categories = category_options(pairs or [])
        self.product_id, self.errors, self.stock_errors = self._path_id(), {}, {}
        self.stock_key, self.save_key = one_use_key(), one_use_key()
        self.missing, self.slug, self.history, self.on_sale = False, "", [], False
        self.images = []
        self.suggested, self.suggested_attributes, self._version = [], {}, ""
        if self._on_new_page():
            self.values = {"status": "draft"}
            self.variants = [{"existing": ""}]
        elif not self.product_id:  # /admin/products/abc: no product, not a new one (QA)
            self.missing = True
        else:
            await self._fill(staff)
        self.form_key += 1
        self.stock_sku = ""
        self._draw_stock_form()
        # A file chosen on the last product's page stays listed in the browser otherwise.
        return rx.clear_selected_files(IMAGE_UPLOAD)

    def _on_new_page(self) -> bool:
        return self.router.url.path.rstrip("/").endswith("/products/new")

    async def _fill(self, staff: Any) -> None:
        form, _ = await self._attempt(admin().catalog.form, staff, self.product_id)
        self.missing = form is None
        if form is None:
            return
        self.values, self.variants = form_values(form)
        self._version = form.version
        await self._show_images(staff)
        await self._show_history(staff)

    async def _show_images(self, staff: Any) -> None:
        # A read: it leaves the refusal of the image action before it shown (it cleared it).
        row = await self._read(admin().catalog.row, staff, self.product_id)
        self.slug = row.slug if row else ""
        self.on_sale = row is not None and row.status == ProductStatus.ACTIVE.value
        images = await self._read(admin().catalog.images, staff, self.product_id)
        self.images = [
            ImageItem(i.path, media_url(i.path), i.alt, i.option_value or "") for i in images or ()
        ]
        pairs = await self._read(admin().catalog.image_choices, staff, self.product_id) or ()
        self.image_choices = image_choices(pairs, [i.shows for i in self.images])

    @rx.event
    async def show_image_for(self, path: str, value: str) -> None:
        """Show the image for one of the product's option values ("": for all)."""
        staff = await self._staff(Permission.CATALOG)
        if staff is None or not self.product_id:
            return
        done, _ = await self._attempt(
            admin().catalog.show_image_for, staff, self.product_id, path, str(value)[:200]
        )
        if done is not None:
            await self._tell("admin.image.shows_saved")
        await self._show_images(staff)

    @rx.event
    async def arrange_image(self, path: str, move: str) -> None:
        """Remove one of the product's images, or move it first, earlier or later."""
        staff = await self._staff(Permission.CATALOG)
        if staff is None or not self.product_id:
            return
        done, _ = await self._attempt(
            admin().catalog.arrange_image, staff, self.product_id, path, move
        )
        if done is not None:
            removed = move == "remove"
            await self._tell("admin.image.removed" if removed else "admin.image.moved")
        await self._show_images(staff)

    @rx.event
    async def describe_image(self, form: dict[str, Any]) -> None:
        staff = await self._staff(Permission.CATALOG)
        if staff is None or not self.product_id:
            return
        path, alt = str(form.get("path", "")), str(form.get("alt", ""))[: MAX_IMAGE_ALT + 1]
        done, _ = await self._attempt(
            admin().catalog.describe_image, staff, self.product_id, path, alt
        )
        if done is not None:
            await self._tell("admin.image.described")
        await self._show_images(staff)

    async def _show_stock(self, staff: Any) -> None:
        """The saved variants' stock as it is now; the rest of the form stays as typed."""
        form = await self._read(admin().catalog.form, staff, self.product_id)
        stock = {v.sku: str(v.stock) for v in form.variants} if form else {}
        self.variants = [
            v | {"stock": stock[v["sku"]]} if v.get("existing") and v.get("sku") in stock else v
            for v in self.variants
        ]
        await self._show_history(staff)

    async def _show_history(self, staff: Any) -> None:
        history = await self._read(admin().catalog.stock_history, staff, self.product_id)
        self.history = [
            HistoryItem(
                h.at.isoformat(), h.sku, h.delta, h.stock_after, h.reason, h.note, h.actor_email
            )
            for h in history or []
        ]

    @rx.event
    async def suggest(self, title: str) -> None:
        """Suggest a category and attributes from the products nearest the title typed."""
        staff = await self._staff(Permission.CATALOG)
        merchandising = admin().merchandising
        if staff is None or merchandising is None or not shop().search_loaded:
            return
        self.values = {**self.values, "title": cut(title, MAX_TITLE)}
        if self._path_id() or len(str(title).strip()) < 3:
            return
        found, _ = await self._attempt(merchandising.suggestions, staff, str(title), "")
        if found is None:
            return
        # Named as the category select names them, in each language (the search index's path
        # is the catalog's language only: a French admin read English ones; QA).
        paths = {c[0]: c[1:] for c in self.categories}
        self.suggested = [
            [
                str(c.category_id),
                *paths.get(str(c.category_id), [" › ".join(c.category_path)] * len(LOCALES)),
                str(round(100 * c.share)),
            ]
            for c in found.categories[:3]
        ]
        self.suggested_attributes = attribute_hints(found.attributes)

    @rx.event
    async def pick_category(self, category_id: str) -> None:
        if await self._staff(Permission.CATALOG) is None:
            return
        valid = {c[0] for c in self.categories}
        self.values = {**self.values, "category_id": category_id if category_id in valid else ""}

    @rx.event
    async def add_variant(self) -> None:
        if await self._staff(Permission.CATALOG) is None:
            return
        if len(self.variants) < MAX_VARIANTS:
            self.variants = [*self.variants, {"existing": ""}]

    @rx.event
    async def save(self, form: dict[str, Any]) -> rx.event.EventSpec | None:
        staff = await self._staff_for_form(Permission.CATALOG, form, "save_key")
        if staff is None:
            return None
        desk = admin().catalog
        # Every row the page shows is read: a row left out would be a variant deleted.
        typed, rows = product_form(form, len(self.variants))
        self.product_id = self._path_id()
        if not self.product_id and not self._on_new_page():
            return None  # a page of no product creates none
        if self.product_id:
            typed = replace(typed, version=self._version)
            done, errors = await self._attempt(desk.update, staff, self.product_id, typed)
        else:
            done, errors = await self._attempt(desk.create, staff, typed)
        self.errors = on_page_rows(errors, rows)
        if done is None:
            self.values = {
                "title": typed.title,
                "description": typed.description,
                "category_id": str(typed.category_id or ""),
                "brand": str(typed.brand or ""),
                "status": typed.status,
            }
            return None
        created = not self.product_id
        await self._tell("admin.product.saved", moving=created, title=typed.title)
        if created:
            return rx.redirect(f"/admin/products/{done}")
        await self._fill(staff)
        self.form_key += 1
        return None

    @rx.event
    async def adjust_stock(self, form: dict[str, Any]) -> None:
        staff = await self._staff_for_form(
            Permission.STOCK, form, "stock_key", errors_var="stock_errors"
        )
        if staff is None:
            return
        sku, delta = str(form.get("sku", ""))[:120], str(form.get("delta", ""))[:12]
        reason, note = str(form.get("reason", ""))[:32], str(form.get("note", ""))[:200]
        done, self.stock_errors = await self._attempt(
            admin().catalog.adjust_stock,
            staff,
            sku,
            delta,
            reason=reason,
            note=note,
            now=utc_now(),
        )
        if done is None:  # the figures as they are now, beside the reason it was refused
            await self._show_stock(staff)
            return
        await self._tell("admin.stock.adjusted", sku=done.sku, stock=done.stock_after)
        await self._show_stock(staff)
        # The next adjustment is often of the same variant: the form keeps it chosen (it went
        # back to the first SKU, and the next units went there; QA).
        self.stock_sku = done.sku
        self._draw_stock_form()

    @rx.event
    async def pick_stock_reason(self, reason: str) -> None:
        if await self._staff(Permission.STOCK) is None:
            return
        self.stock_reason = reason if reason in set(StockReason) else StockReason.RECEIVED.value

    def _draw_stock_form(self) -> None:
        self.stock_form_key += 1
        self.stock_reason = StockReason.RECEIVED.value

    @rx.event
    async def refuse_image(self, rejected: list[dict[str, Any]]) -> None:
        """The browser refused the file dropped (too big, not an image we take): said beside
        the drop zone and at the top of the page, as the server's own refusals are (the top
        kept saying the last file the server refused; merchandiser QA)."""
        if await self._staff(Permission.CATALOG) is None:
            return
        said = translations(f"admin.image.error.{refusal(rejected)}")
        root = await self.get_state(AdminState)
        root.problem, root.notice = said, {}
        self.errors = {**self.errors, "image": said}

    @rx.event
    async def upload_image(self, files: list[rx.UploadFile]) -> rx.event.EventSpec | None:
        staff = await self._staff(Permission.CATALOG)
        self.product_id = self._path_id()
        if staff is None or not files or not self.product_id:
            return None
        upload = files[0]
        # Read one byte past the limit: enough to refuse a big file without holding it all.
        data = await upload.read(MAX_IMAGE_BYTES + 1)
        name = upload.name or upload.filename or "image"
        # No text of its own: the shop reads the product's title for it, as it is then (the
        # title at upload time stayed after a rename; QA). The list's field gives it one.
        done, self.errors = await self._attempt(
            admin().catalog.attach_image, staff, self.product_id, name, data
        )
        if done is None:
            return None  # the file stays chosen beside the reason, to be seen
        await self._tell("admin.product.image_saved")
        await self._show_images(staff)
        # Still listed under the drop zone, the saved file looks waiting to be uploaded.
        return rx.clear_selected_files(IMAGE_UPLOAD)


def attribute_hints(attributes: Sequence[AttributeSuggestion]) -> dict[str, str]:
    """The attributes similar products have, by the labels the shop shows them under (the
    keys read "screen_size"; QA), in each locale; empty when there are none."""
    return attribute_lines((a.key, ", ".join(a.values)) for a in attributes) if attributes else {}
