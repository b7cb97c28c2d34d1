"""Categories page: the tree with the products each holds, a category's names and
description edited, an empty category deleted (services/admin/categories.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import reflex as rx

from state.admin.edit_form import EditForm
from state.admin.guard import AdminState, admin, one_use_key
from state.browser_input import whole
from storefront.i18n import LOCALES
from storefront.services.admin.access import Permission, Staff
from storefront.services.admin.categories import CategoryRow

FORM_FIELDS = (*(f"name_{locale}" for locale in LOCALES), "description")
MAX_SENT = 10_000  # what a field keeps of a crafted payload; the service says what is too long


@dataclass
class CategoryItem:
    id: int = 0
    slug: str = ""
    indent: str = "0em"  # its depth in the tree, as the name's indent
    name: str = ""  # its own, in the catalog's language (CategoryDesk.base_locale)
    path: str = ""  # its name under its parents', for its buttons: "Toys & Games › Puzzles"
    # Its name in each other locale, "" where the shop shows its own there.
    translations: dict[str, str] = field(default_factory=dict)
    description: str = ""
    products: int = 0
    subcategories: int = 0
    version: str = ""  # what an edit or a delete starts from (node_version)


def category_items(rows: list[CategoryRow], base: str) -> list[CategoryItem]:
    """The rows as listed, named in `base`, the catalog's language, each under its parents
    (listed before it) for its buttons: two departments may each have their "Accessories"."""
    paths: dict[int, str] = {}
    for row in rows:
        parent = paths.get(row.parent_id) if row.parent_id is not None else None
        name = row.names[base]
        paths[row.id] = f"{parent} › {name}" if parent else name
    return [category_item(row, paths[row.id], base) for row in rows]


def category_item(row: CategoryRow, path: str, base: str) -> CategoryItem:
    return CategoryItem(
        row.id,
        row.slug,
        f"{row.depth * 1.5:g}em",
        row.names[base],
        path,
        {loc: row.names.get(loc, "") for loc in LOCALES if loc != base},
        row.description,
        row.products,
        row.subcategories,
        row.version,
    )


class AdminCategoriesState(EditForm, AdminState):
    items: list[CategoryItem] = []  # noqa: RUF012
    loaded: bool = False  # a first answer came: until then "no categories" would be a guess
    editing: int = 0  # the category the form edits; 0: no form
    editing_name: str = ""

    @rx.event
    async def load_page(self) -> None:
        staff = await self._staff(Permission.VIEW, opening=True)
        if staff is not None:
            self.save_key = one_use_key()
            self._close()
            await self._fetch(staff)

    async def _fetch(self, staff: Staff) -> None:
        rows = await self._read(admin().categories.rows, staff)
        self.loaded = self.loaded or rows is not None
        self.items = category_items(rows or [], admin().categories.base_locale)

    def _close(self) -> None:
        self._empty_form(bool(self.editing))
        self.editing, self.editing_name = 0, ""

    @rx.event
    async def edit(self, category_id: int) -> None:
        """Fill the form with a category's names and description, as listed."""
        if await self._staff(Permission.CATALOG) is None:
            return
        item = next((i for i in self.items if i.id == whole(category_id)), None)
        if item is None:
            return
        self.editing, self.editing_name = item.id, item.name
        base = admin().categories.base_locale
        names = {f"name_{loc}": name for loc, name in item.translations.items()}
        self._fill_form(
            {f"name_{base}": item.name, **names, "description": item.description}, item.version
        )

    @rx.event
    async def close(self) -> None:
        if await self._staff(Permission.VIEW) is not None:
            self._close()

    @rx.event
    async def save(self, form: dict[str, Any]) -> None:
        staff = await self._staff_for_form(Permission.CATALOG, form, "save_key")
        if staff is None or not self.editing:
            return
        entered = {k: str(form.get(k, ""))[:MAX_SENT] for k in FORM_FIELDS}
        done, self.errors = await self._attempt(
            admin().categories.edit, staff, self.editing, entered, self._editing_version
        )
        if done is None:
            self.form_values = entered
            await self._fetch(staff)
            return
        await self._tell("admin.category.saved", name=done.name)
        self._close()
        await self._fetch(staff)

    @rx.event
    async def delete(self, category_id: int) -> None:
        staff = await self._staff(Permission.CATALOG)
        if staff is None:
            return
        wanted = whole(category_id)
        item = next((i for i in self.items if i.id == wanted), None)
        done, _ = await self._attempt(
            admin().categories.delete, staff, wanted, item.version if item else ""
        )
        if done is not None:
            await self._tell("admin.category.deleted", name=done.name)
            if self.editing == wanted:
                self._close()
        await self._fetch(staff)
