"""UI text of the admin's merchandising page: searches that found nothing, near-duplicate
products, thin descriptions, and the suggestions on the product page (merged into
storefront.i18n.MESSAGES)."""

from __future__ import annotations

from typing import Final

from storefront.i18n_entry import en_fr as _m

ADMIN_MERCHANDISING_MESSAGES: Final[dict[str, dict[str, str]]] = {
    "admin.product.suggested": _m("Suggested categories:", "Catégories suggérées\u202f:"),
    "admin.product.suggested_attributes": _m("Similar products have", "Les produits proches ont"),
    "admin.merch.index_loading": _m(
        "The search index is still loading; come back in a minute.",
        "L’index de recherche se charge encore\u202f; revenez dans une minute.",
    ),
    "admin.merch.zero_title": _m("Searches that found nothing", "Recherches sans résultat"),
    "admin.merch.zero_help": _m(
        "Shoppers searched these words in the last 90 days and found nothing. The products "
        "nearest in meaning are listed: add the words to their title, description or "
        "attributes so the next search finds them.",
        "Des clients ont cherché ces mots ces 90 derniers jours sans rien trouver. Les produits "
        "les plus proches en sens sont listés\u202f: ajoutez ces mots à leur titre, description ou "
        "attributs pour que la prochaine recherche les trouve.",
    ),
    "admin.merch.add_words": _m("Add:", "Ajouter\u202f:"),
    "admin.merch.duplicates_title": _m("Near-duplicate products", "Produits quasi identiques"),
    "admin.merch.duplicates_help": _m(
        "Pairs of products whose texts mean nearly the same, or whose titles are the same: "
        "merge or tell them apart.",
        "Paires de produits dont les textes disent presque la même chose, ou de même titre\u202f: "
        "fusionnez-les ou distinguez-les.",
    ),
    "admin.merch.threshold": _m("Similarity at least (%)", "Similarité d’au moins (%)"),
    "admin.merch.find": _m("Find them", "Les trouver"),
    "admin.merch.no_duplicates": _m(
        "No near-duplicates at this similarity.", "Aucun quasi-doublon à cette similarité."
    ),
    "admin.merch.closest_of": _m(
        "The most similar pairs are shown:", "Les paires les plus proches sont affichées\u202f:"
    ),
    "admin.merch.raise_threshold": _m(
        "Raise the similarity to see fewer, closer pairs.",
        "Augmentez la similarité pour voir moins de paires, plus proches.",
    ),
    "admin.merch.same_title": _m("same title", "même titre"),
    "admin.merch.thin_title": _m("Thin descriptions", "Descriptions trop minces"),
    "admin.merch.thin_help": _m(
        "Products whose description is missing, repeats the title or has fewer than 12 words: "
        "search and recommendations have little to go on.",
        "Produits sans description, dont la description répète le titre ou compte moins de "
        "12 mots\u202f: la recherche et les recommandations ont peu de matière.",
    ),
    "admin.merch.missing": _m("missing", "absente"),
    "admin.merch.same_as_title": _m("same as the title", "identique au titre"),
    "admin.merch.short": _m("short", "courte"),
    "admin.merch.nothing": _m("Nothing to fix here.", "Rien à corriger ici."),
    # The tables' column headers.
    "admin.merch.col.search": _m("Search", "Recherche"),
    "admin.merch.col.nearest": _m("Nearest products", "Produits les plus proches"),
    "admin.merch.col.fix": _m("Suggested words", "Mots suggérés"),
    "admin.merch.col.product": _m("Product", "Produit"),
    "admin.merch.col.twin": _m("Near duplicate", "Quasi-doublon"),
    "admin.merch.col.similarity": _m("Similarity", "Similarité"),
    "admin.merch.col.note": _m("Note", "Remarque"),
    "admin.merch.col.status": _m("Status", "Statut"),
    "admin.merch.col.words": _m("Words", "Mots"),
    "admin.merch.col.problem": _m("Problem", "Problème"),
}
