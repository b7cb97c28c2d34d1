"""UI text of the category and search listings: counts, notes, sort, pages, filters and the
attribute names they show (merged into storefront.i18n.MESSAGES)."""

from __future__ import annotations

from typing import Final

LISTING_MESSAGES: Final[dict[str, dict[str, str]]] = {
    "listing.products": {"en": "products", "fr": "produits"},
    "listing.product": {"en": "product", "fr": "produit"},
    # After the count, when the results take more than one page: "368 products · page 2 of 16".
    "listing.page_of": {"en": "page {page} of {count}", "fr": "page {page} sur {count}"},
    "listing.filters": {"en": "Filters", "fr": "Filtres"},
    "listing.clear": {"en": "Clear all filters", "fr": "Effacer les filtres"},
    "listing.sort": {"en": "Sort by", "fr": "Trier par"},
    "listing.empty": {
        "en": "No product matches these filters.",
        "fr": "Aucun produit ne correspond à ces filtres.",
    },
    "listing.empty_hint": {
        "en": "Remove a filter to see more products.",
        "fr": "Retirez un filtre pour voir plus de produits.",
    },
    "listing.ignored": {
        "en": "Some filters in the link were not understood and were ignored:",
        "fr": "Certains filtres du lien n’ont pas été compris et ont été ignorés\u202f:",
    },
    # A brand or value of the link that no product here carries (a brand since removed):
    # left out, so the page lists products rather than none, and said so.
    "listing.unknown.one": {
        "en": "Filter left out, as this page does not offer it: {values}.",
        "fr": "Filtre retiré, car cette page ne le propose pas\u202f: {values}.",
    },
    "listing.unknown": {
        "en": "Filters left out, as this page does not offer them: {values}.",
        "fr": "Filtres retirés, car cette page ne les propose pas\u202f: {values}.",
    },
    "listing.unknown_value": {"en": "{group} “{value}”", "fr": "{group} «\u202f{value}\u202f»"},
    # A category's description for search engines and link previews, when it has none of its own.
    "listing.meta": {
        "en": "{name} at Boutique: browse, filter and sort the collection, chosen to last.",
        "fr": (
            "{name} chez Boutique\u202f: parcourez, filtrez et triez la collection, choisie pour "
            "durer."
        ),
    },
    # The home page's description, and a product's until it has loaded (or with no text).
    "meta.home": {
        "en": "Furniture, kitchen, fashion and more, chosen to last.",
        "fr": "Mobilier, cuisine, mode et plus encore, choisis pour durer.",
    },
    "meta.product": {
        "en": "Product details, sizes, colours and availability at Boutique.",
        "fr": "Détails, tailles, couleurs et disponibilité du produit chez Boutique.",
    },
    "listing.meta_default": {  # until the page has loaded
        "en": "Browse, filter and sort the collection at Boutique.",
        "fr": "Parcourez, filtrez et triez la collection chez Boutique.",
    },
    "listing.meta_search": {
        "en": "Search results at Boutique.",
        "fr": "Résultats de recherche chez Boutique.",
    },
    "listing.named_more": {"en": "and {count} more", "fr": "et {count} de plus"},
    # A parameter of the link that was not understood (listing.ignored names them).
    "listing.problem.category": {"en": "category “{text}”", "fr": "catégorie «\u202f{text}\u202f»"},
    "listing.problem.filter": {"en": "filter “{text}”", "fr": "filtre «\u202f{text}\u202f»"},
    "listing.problem.price": {"en": "price “{text}”", "fr": "prix «\u202f{text}\u202f»"},
    "listing.problem.rating": {"en": "rating “{text}”", "fr": "note «\u202f{text}\u202f»"},
    "listing.problem.sort": {"en": "sort “{text}”", "fr": "tri «\u202f{text}\u202f»"},
    "listing.problem.page": {"en": "page “{text}”", "fr": "page «\u202f{text}\u202f»"},
    "listing.page_past": {
        "en": "There is no page {asked}: here is the last one, page {last}.",
        "fr": "Il n’y a pas de page {asked}\u202f: voici la dernière, la page {last}.",
    },
    "sort.featured": {"en": "Featured", "fr": "Mis en avant"},
    "sort.relevance": {"en": "Relevance", "fr": "Pertinence"},
    "sort.price_asc": {"en": "Price: low to high", "fr": "Prix croissant"},
    "sort.price_desc": {"en": "Price: high to low", "fr": "Prix décroissant"},
    "sort.newest": {"en": "Newest", "fr": "Nouveautés"},
    "sort.rating": {"en": "Best rated", "fr": "Mieux notés"},
    "page.previous": {"en": "Previous", "fr": "Précédent"},
    "page.next": {"en": "Next", "fr": "Suivant"},
    "page.of": {"en": "of", "fr": "sur"},
    "page.label": {"en": "Page", "fr": "Page"},
    "page.pagination": {"en": "Pagination", "fr": "Pagination"},
    # Facets
    "facet.category": {"en": "Category", "fr": "Catégorie"},
    "facet.brand": {"en": "Brand", "fr": "Marque"},
    "facet.price": {"en": "Price", "fr": "Prix"},
    "facet.rating": {"en": "Rating", "fr": "Note"},
    "facet.stock": {"en": "Availability", "fr": "Disponibilité"},
    "facet.in_stock": {"en": "In stock only", "fr": "En stock uniquement"},
    "facet.and_up": {"en": "& up", "fr": "et plus"},
    "facet.star": {"en": "star", "fr": "étoile"},
    "facet.stars": {"en": "stars", "fr": "étoiles"},
    "facet.under": {"en": "Under", "fr": "Moins de"},
    "facet.over": {"en": "Over", "fr": "Plus de"},
    # Heard after a price or rating group's name: ticking another option unticks the first.
    "facet.one_at_a_time": {"en": "(one at a time)", "fr": "(un seul à la fois)"},
    "facet.more": {"en": "Show more", "fr": "Voir plus"},
    "facet.fewer": {"en": "Show fewer", "fr": "Voir moins"},
    "attr.colour": {"en": "Colour", "fr": "Couleur"},
    "attr.color": {"en": "Colour", "fr": "Couleur"},
    "attr.size": {"en": "Size", "fr": "Taille"},
    "attr.shoe_size": {"en": "Shoe size", "fr": "Pointure"},
    "attr.material": {"en": "Material", "fr": "Matière"},
    "attr.style": {"en": "Style", "fr": "Style"},
    "attr.finish": {"en": "Finish", "fr": "Finition"},
    "attr.capacity": {"en": "Capacity", "fr": "Capacité"},
    "attr.fit": {"en": "Fit", "fr": "Coupe"},
    "attr.wattage": {"en": "Wattage", "fr": "Puissance"},
    "attr.power": {"en": "Power", "fr": "Puissance"},
    "attr.length": {"en": "Length", "fr": "Longueur"},
    "attr.dimensions": {"en": "Dimensions", "fr": "Dimensions"},
    "attr.volume": {"en": "Volume", "fr": "Volume"},
    "attr.weight": {"en": "Weight", "fr": "Poids"},
    "attr.age": {"en": "Age", "fr": "Âge"},
    "attr.pattern": {"en": "Pattern", "fr": "Motif"},
    "attr.scent": {"en": "Scent", "fr": "Parfum"},
    "attr.skin_type": {"en": "Skin type", "fr": "Type de peau"},
    "attr.connectivity": {"en": "Connectivity", "fr": "Connectivité"},
    "attr.screen_size": {"en": "Screen size", "fr": "Taille d’écran"},
    "attr.storage": {"en": "Storage", "fr": "Stockage"},
    "attr.colour_temperature": {"en": "Colour temperature", "fr": "Température de couleur"},
    "attr.seats": {"en": "Seats", "fr": "Places"},
    "attr.tags": {"en": "Tags", "fr": "Étiquettes"},
}
