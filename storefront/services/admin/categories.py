"""Categories in the admin: the tree with the products each holds, a category's name in each
language and its description edited, and a category deleted while it holds nothing.

A category's own name (`name`) is in the catalog's language, the shop's base locale
(BOUTIQUE_CATALOG_LANGUAGE, else BOUTIQUE_LANGUAGE): imports create categories by it
(catalog_names.py), without translations nor a description, and match them by it. This is
where the merchant names them in the other languages (`name_i18n`), tidies a typo away, or
removes one made by mistake. Each change runs in one unit of work with its audit entry
and a CatalogRestructured event, so every process's cached menu, listings, facets, breadcrumbs
and sitemap, and the search index, follow it as they follow an import.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass

from models.events import CatalogRestructured
from models.views import CategoryNode
from storefront.i18n import LOCALES
from storefront.services.admin.access import Permission, Staff, require
from storefront.services.admin.audit import AuditRecord
from storefront.services.catalog_names import path_key
from storefront.services.category_tree import CategoryTree
from storefront.services.errors import AlreadyDone, Refusal
from storefront.services.ports import UnitOfWork
from storefront.services.text import has_control, has_disguise
from storefront.services.use_cases import UseCaseRunner

MAX_NAME = 160  # as catalog files may name one (catalog_csv/cells.py)
MAX_DESCRIPTION = 2_000  # the page's meta description shows its first 155 characters or so
E = "admin.category.error."


@dataclass(frozen=True, slots=True)
class CategoryRow:
    """A category as the admin lists it, in the tree's order (parents before children)."""

    id: int
    parent_id: int | None
    depth: int  # 0 for a department
    slug: str
    # The name in each of LOCALES: its own at the base locale, else its translation, ""
    # where it has none (the shop shows its own there).
    names: Mapping[str, str]
    description: str
    products: int  # the products it holds itself, whatever their status
    subcategories: int
    version: str  # what an edit form starts from (node_version)


@dataclass(frozen=True, slots=True)
class CategoryText:
    """What the form sets: the name in the catalog's language, its translations into the
    other locales, a description."""

    name: str
    name_i18n: Mapping[str, str]
    description: str


def node_version(node: CategoryNode) -> str:
    """The category as a form was filled from it: an edit or a delete begun on another
    version would undo, or ignore, someone else's change."""
    text = json.dumps([node.name, dict(sorted(node.name_i18n.items())), node.description])
    return hashlib.sha256(text.encode()).hexdigest()


def parse_category_form(form: Mapping[str, str], base: str) -> CategoryText:
    """The names (`name_en`, `name_fr`...) and `description` of the form; Refusal with a
    message per field at fault. The name in `base`, the catalog's language, is required;
    the others are translations, falling back to it when left empty."""
    fields: dict[str, str] = {}
    limits: dict[str, dict[str, int]] = {}
    names: dict[str, str] = {}
    for locale in LOCALES:
        field = f"name_{locale}"
        name = " ".join(str(form.get(field, "")).split())
        if not name and locale == base:
            fields[field] = f"{E}name_required_{base}"
        elif len(name) > MAX_NAME:
            fields[field], limits[field] = E + "name_long", {"limit": MAX_NAME}
        elif has_control(name) or has_disguise(name):
            fields[field] = E + "control"
        names[locale] = name
    description = str(form.get("description", "")).replace("\r\n", "\n").strip()
    if len(description) > MAX_DESCRIPTION:
        fields["description"] = E + "description_long"
        limits["description"] = {"limit": MAX_DESCRIPTION}
    elif has_control(description):
        fields["description"] = E + "control"
    if fields:
        raise Refusal("admin.form.error", fields, field_params=limits)
    translated = {loc: n for loc, n in names.items() if loc != base and n}
    return CategoryText(names[base], translated, description)


def category_rows(uow: UnitOfWork, base: str) -> list[CategoryRow]:
    """Every category, parents first, siblings in the shop menu's order; its own name at
    `base`, the catalog's language."""
    with uow:
        tree = CategoryTree(uow.catalog.categories())
        counts = uow.catalog.category_product_counts()
    rows: list[CategoryRow] = []

    def visit(node: CategoryNode, depth: int) -> None:
        # Its name in `base` as the shop shows it (label: a translation into the catalog's
        # own language, left from when the catalog was said to be in another, wins).
        names = {
            loc: node.label(base) if loc == base else node.name_i18n.get(loc, "") for loc in LOCALES
        }
        children = tree.children(node.id)
        rows.append(
            CategoryRow(
                node.id,
                node.parent_id,
                depth,
                node.slug,
                names,
                node.description,
                counts.get(node.id, 0),
                len(children),
                node_version(node),
            )
        )
        for child in children:
            visit(child, depth + 1)

    for root in tree.roots():
        visit(root, 0)
    return rows


def snapshot(node: CategoryNode) -> dict[str, object]:
    """What the audit log keeps of a category."""
    return {
        "name": node.name,
        "name_i18n": dict(sorted(node.name_i18n.items())),
        "description": node.description,
        "parent_id": node.parent_id,
        "slug": node.slug,
    }


def edit_category(
    uow: UnitOfWork, category_id: int, text: CategoryText, version: str, base: str
) -> tuple[CategoryNode, CategoryNode]:
    """Save the category's names (its own in `base`, translations into the other locales)
    and description, if it is still as the form's `version` saw it; (before, after).
    AlreadyDone when the form changes nothing."""
    with uow:
        tree = CategoryTree(uow.catalog.categories())
        node = _current(tree, category_id, version)
        siblings = tree.children(node.parent_id) if node.parent_id else tree.roots()
        if any(path_key([s.name]) == path_key([text.name]) for s in siblings if s.id != node.id):
            # Imports find a category by its path of names whatever their capitals: two
            # siblings named alike could not be told apart.
            raise Refusal("admin.form.error", {f"name_{base}": E + "taken"})
        # The form's translations replace those it shows; a language's it does not show is
        # kept. One in the base locale itself (left from when the catalog was said to be in
        # another) goes: the form showed it as the name, and the shop would show it still
        # (CategoryNode.label prefers it) whatever the name saved.
        kept = {k: v for k, v in node.name_i18n.items() if k not in LOCALES}
        after = CategoryNode(
            node.id,
            node.parent_id,
            node.slug,
            text.name,
            {**kept, **text.name_i18n},
            node.position,
            node.facet_keys,
            text.description,
        )
        if snapshot(after) == snapshot(node):
            raise AlreadyDone(E + "unchanged")
        uow.catalog.update_category(
            node.id,
            name=after.name,
            name_i18n=dict(after.name_i18n),
            description=after.description,
        )
        uow.catalog.bump_facet_generations(tree.chain_ids(node.id))
        uow.add_event(CatalogRestructured(f"category {node.id} edited"))
        uow.commit()
    return node, after


def delete_category(uow: UnitOfWork, category_id: int, version: str) -> CategoryNode:
    """Delete the category, refused while it holds a product or a subcategory (move them
    first: a product would lose its place in the menu unseen)."""
    with uow:
        tree = CategoryTree(uow.catalog.categories())
        node = _current(tree, category_id, version)
        if children := len(tree.children(node.id)):
            raise Refusal(E + "has_subcategories", params={"count": children})
        if products := uow.catalog.category_product_counts().get(node.id, 0):
            raise Refusal(E + "has_products", params={"count": products})
        if not uow.catalog.delete_category(node.id):
            raise Refusal(E + "changed")  # filled meanwhile, by a save committed since
        uow.catalog.bump_facet_generations(tree.chain_ids(node.parent_id))
        uow.add_event(CatalogRestructured(f"category {node.id} deleted"))
        uow.commit()
    return node


def _current(tree: CategoryTree, category_id: int, version: str) -> CategoryNode:
    node = tree.get(category_id)
    if node is None:
        raise Refusal(E + "gone")
    if node_version(node) != version:
        raise Refusal(E + "changed")
    return node


class CategoryDesk:
    """The admin's category use cases, with their permission checks and audit entries."""

    def __init__(self, run: UseCaseRunner, *, base_locale: str) -> None:
        if base_locale not in LOCALES:
            raise ValueError(f"the catalog's language {base_locale!r} is not one of {LOCALES}")
        self._run = run
        self.base_locale = base_locale  # the catalog's language: a category's own name's

    def rows(self, actor: Staff) -> list[CategoryRow]:
        require(actor, Permission.VIEW)
        return self._run(category_rows, self.base_locale)

    def edit(
        self, actor: Staff, category_id: int, form: Mapping[str, str], version: str
    ) -> CategoryNode:
        """Save the form's names and description; the category as saved."""
        require(actor, Permission.CATALOG)
        text = parse_category_form(form, self.base_locale)

        def entry(uow: UnitOfWork, done: tuple[CategoryNode, CategoryNode]) -> list[AuditRecord]:
            before, after = done
            subject = f"category:{category_id}"
            return [
                AuditRecord.of(actor, "category.edit", subject, snapshot(before), snapshot(after))
            ]

        done = self._run.audited(entry, edit_category, category_id, text, version, self.base_locale)
        return done[1]

    def delete(self, actor: Staff, category_id: int, version: str) -> CategoryNode:
        """Delete an empty category; the category as it was."""
        require(actor, Permission.CATALOG)

        def entry(uow: UnitOfWork, node: CategoryNode) -> list[AuditRecord]:
            subject = f"category:{category_id}"
            return [AuditRecord.of(actor, "category.delete", subject, snapshot(node), None)]

        return self._run.audited(entry, delete_category, category_id, version)
