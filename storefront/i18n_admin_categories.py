"""UI text of the admin's Categories page: the tree, a category's names and description
edited, an empty category deleted (merged into storefront.i18n.MESSAGES)."""

from __future__ import annotations

from typing import Final

from storefront.i18n_entry import en_fr as _m

ADMIN_CATEGORY_MESSAGES: Final[dict[str, dict[str, str]]] = {
    "admin.nav.categories": _m("Categories", "Catégories"),
    # A category's own name is in the catalog's language (BOUTIQUE_CATALOG_LANGUAGE, else
    # BOUTIQUE_LANGUAGE), its translations in the others: a key per locale of LOCALES.
    "admin.category.note_en": _m(
        "The shop's menu, listings and search show these names. Each category's name is in "
        "English, the catalog's language; a name left empty in French shows the English one. "
        "A category can be deleted once it holds no product and no subcategory: move its "
        "products on the Products page first.",
        "Le menu, les listes et la recherche de la boutique montrent ces noms. Le nom de "
        "chaque catégorie est en anglais, la langue du catalogue\u202f; un nom laissé vide en "
        "français affiche le nom anglais. Une catégorie peut être supprimée quand elle ne "
        "contient plus ni produit ni sous-catégorie\u202f: déplacez d’abord ses produits "
        "depuis la page Produits.",
    ),
    "admin.category.note_fr": _m(
        "The shop's menu, listings and search show these names. Each category's name is in "
        "French, the catalog's language; a name left empty in English shows the French one. "
        "A category can be deleted once it holds no product and no subcategory: move its "
        "products on the Products page first.",
        "Le menu, les listes et la recherche de la boutique montrent ces noms. Le nom de "
        "chaque catégorie est en français, la langue du catalogue\u202f; un nom laissé vide en "
        "anglais affiche le nom français. Une catégorie peut être supprimée quand elle ne "
        "contient plus ni produit ni sous-catégorie\u202f: déplacez d’abord ses produits "
        "depuis la page Produits.",
    ),
    "admin.category.name": _m("Category", "Catégorie"),
    "admin.category.name_en": _m("Name in English", "Nom en anglais"),
    "admin.category.name_fr": _m("Name in French", "Nom en français"),
    "admin.category.column_en": _m("English name", "Nom anglais"),
    "admin.category.column_fr": _m("French name", "Nom français"),
    # A translation left empty: the shop shows the category's own name there.
    "admin.category.own_en": _m("(the English name)", "(le nom anglais)"),
    "admin.category.own_fr": _m("(the French name)", "(le nom français)"),
    "admin.category.description": _m(
        "Description (search engines show it under the category page's link)",
        "Description (les moteurs de recherche l’affichent sous le lien de la page)",
    ),
    "admin.category.products": _m("Products", "Produits"),
    "admin.category.subcategories": _m("Subcategories", "Sous-catégories"),
    "admin.category.edit_title": _m("Edit the category", "Modifier la catégorie"),
    "admin.category.none": _m(
        "No category yet: a product form or a catalog import makes them.",
        "Aucune catégorie pour l’instant\u202f: le formulaire produit ou un import les crée.",
    ),
    "admin.category.delete": _m("Delete", "Supprimer"),
    "admin.category.delete_title": _m("Delete this category?", "Supprimer cette catégorie\u202f?"),
    "admin.category.delete_body": _m(
        "It leaves the shop's menu and every list. This cannot be undone.",
        "Elle quitte le menu de la boutique et toutes les listes. C’est définitif.",
    ),
    "admin.category.delete_blocked_products": _m(
        "It holds {count} products, so it cannot be deleted yet: move them to another "
        "category first (Products page, Move to category).",
        "Elle contient {count} produits, elle ne peut donc pas encore être supprimée\u202f: "
        "déplacez-les d’abord vers une autre catégorie (page Produits, Déplacer vers la "
        "catégorie).",
    ),
    "admin.category.delete_blocked_products.one": _m(
        "It holds {count} product, so it cannot be deleted yet: move it to another category "
        "first (Products page, Move to category).",
        "Elle contient {count} produit, elle ne peut donc pas encore être supprimée\u202f: "
        "déplacez-le d’abord vers une autre catégorie (page Produits, Déplacer vers la "
        "catégorie).",
    ),
    "admin.category.delete_blocked_subcategories": _m(
        "It holds {count} subcategories, so it cannot be deleted yet: delete them first.",
        "Elle contient {count} sous-catégories, elle ne peut donc pas encore être "
        "supprimée\u202f: supprimez-les d’abord.",
    ),
    "admin.category.delete_blocked_subcategories.one": _m(
        "It holds {count} subcategory, so it cannot be deleted yet: delete it first.",
        "Elle contient {count} sous-catégorie, elle ne peut donc pas encore être "
        "supprimée\u202f: supprimez-la d’abord.",
    ),
    "admin.category.saved": _m("Category {name} saved.", "Catégorie {name} enregistrée."),
    "admin.category.deleted": _m("Category {name} deleted.", "Catégorie {name} supprimée."),
    # The name in the catalog's language (services/admin/categories.py), one per locale.
    "admin.category.error.name_required_en": _m(
        "Give the category a name in English.", "Donnez un nom anglais à la catégorie."
    ),
    "admin.category.error.name_required_fr": _m(
        "Give the category a name in French.", "Donnez un nom français à la catégorie."
    ),
    "admin.category.error.name_long": _m(
        "At most {limit} characters.", "{limit} caractères au plus."
    ),
    "admin.category.error.description_long": _m(
        "At most {limit} characters.", "{limit} caractères au plus."
    ),
    "admin.category.error.control": _m(
        "This holds an invisible or control character: type it again.",
        "Ce texte contient un caractère invisible ou de contrôle\u202f: saisissez-le à nouveau.",
    ),
    "admin.category.error.taken": _m(
        "Another category beside it has this name (capitals aside): choose another.",
        "Une autre catégorie au même niveau porte ce nom (aux majuscules près)\u202f: "
        "choisissez-en un autre.",
    ),
    "admin.category.error.unchanged": _m(
        "Nothing changed: the category is saved as it is.",
        "Rien n’a changé\u202f: la catégorie est déjà enregistrée ainsi.",
    ),
    "admin.category.error.gone": _m(
        "This category no longer exists: someone deleted it. Nothing was changed.",
        "Cette catégorie n’existe plus\u202f: quelqu’un l’a supprimée. Rien n’a été modifié.",
    ),
    "admin.category.error.changed": _m(
        "This category changed since the page showed it: look at it again. Nothing was changed.",
        "Cette catégorie a changé depuis l’affichage de la page\u202f: regardez-la à nouveau. "
        "Rien n’a été modifié.",
    ),
    "admin.category.error.has_products": _m(
        "This category holds {count} products: move them to another category (Products page, "
        "Move to category) before deleting it. Nothing was deleted.",
        "Cette catégorie contient {count} produits\u202f: déplacez-les vers une autre catégorie "
        "(page Produits, Déplacer vers la catégorie) avant de la supprimer. Rien n’a été "
        "supprimé.",
    ),
    "admin.category.error.has_products.one": _m(
        "This category holds {count} product: move it to another category (Products page, "
        "Move to category) before deleting it. Nothing was deleted.",
        "Cette catégorie contient {count} produit\u202f: déplacez-le vers une autre catégorie "
        "(page Produits, Déplacer vers la catégorie) avant de la supprimer. Rien n’a été "
        "supprimé.",
    ),
    "admin.category.error.has_subcategories": _m(
        "This category holds {count} subcategories: delete them first. Nothing was deleted.",
        "Cette catégorie contient {count} sous-catégories\u202f: supprimez-les d’abord. Rien "
        "n’a été supprimé.",
    ),
    "admin.category.error.has_subcategories.one": _m(
        "This category holds {count} subcategory: delete it first. Nothing was deleted.",
        "Cette catégorie contient {count} sous-catégorie\u202f: supprimez-la d’abord. Rien n’a "
        "été supprimé.",
    ),
}
