"""UI text of search: the header's box and its suggestions, and the results page's notes
(merged into storefront.i18n.MESSAGES)."""

from __future__ import annotations

from typing import Final

SEARCH_MESSAGES: Final[dict[str, dict[str, str]]] = {
    "search.label": {"en": "Search the shop", "fr": "Rechercher dans la boutique"},
    "search.placeholder": {"en": "Search products…", "fr": "Rechercher des produits…"},
    "search.all_results": {"en": "See all results", "fr": "Voir tous les résultats"},
    "search.results_for": {"en": "Results for", "fr": "Résultats pour"},
    "search.heading": {"en": "Search", "fr": "Recherche"},
    # Below "Results for …" (the words typed): the words searched after a spelling fix.
    "search.corrected": {"en": "Showing results for", "fr": "Affichage des résultats pour"},
    "search.left_out": {
        "en": "Results without the words no product has:",
        "fr": "Résultats sans les mots qu’aucun produit ne contient\u202f:",
    },
    # Below it: the words taken as a price filter ("dress under 50" searches "dress").
    "search.price_words": {
        "en": "Read as a price filter:",
        "fr": "Compris comme un filtre de prix\u202f:",
    },
    "search.nearest": {
        "en": "No close match. These are the nearest products we have:",
        "fr": "Aucun résultat exact. Voici les produits les plus proches\u202f:",
    },
    "search.none": {
        "en": "No product matches “{words}”.",
        "fr": "Aucun produit ne correspond à «\u202f{words}\u202f».",
    },
    "search.none_hint": {
        "en": "Check the spelling, or try other or fewer words.",
        "fr": "Vérifiez l’orthographe, ou essayez d’autres mots, ou moins de mots.",
    },
    "search.none_browse": {"en": "Or browse our departments", "fr": "Ou parcourez nos rayons"},
    # Said under the language of the page when the catalog is written in another.
    "search.catalog_in.en": {
        "en": "Our products are described in English.",
        "fr": "Nos produits sont décrits en anglais.",
    },
    "search.catalog_in.fr": {
        "en": "Our products are described in French.",
        "fr": "Nos produits sont décrits en français.",
    },
    "search.warming_up": {
        "en": "Search is getting ready. Please try again in a few seconds.",
        "fr": "La recherche se prépare. Réessayez dans quelques secondes.",
    },
    # Said to screen readers as the header box's suggestions come.
    "search.suggestions": {
        "en": "{count} suggestions: the up and down arrows choose one.",
        "fr": "{count} suggestions\u202f: les flèches haut et bas en choisissent une.",
    },
    "search.suggestions.one": {
        "en": "One suggestion: the down arrow chooses it.",
        "fr": "Une suggestion\u202f: la flèche bas la choisit.",
    },
    "search.empty_query": {
        "en": "Type what you are looking for in the search box.",
        "fr": "Saisissez ce que vous cherchez dans le champ de recherche.",
    },
}
