"""UI text of the admin's catalog pages: the products, a product's page, stock, and
the catalog's refusals (merged into storefront.i18n.MESSAGES; the import and export page's
texts are in i18n_admin_catalog_io.py, the merchandising page's in i18n_admin_merchandising.py)."""

from __future__ import annotations

from typing import Final

from storefront.i18n_entry import en_fr as _m

ADMIN_CATALOG_MESSAGES: Final[dict[str, dict[str, str]]] = {
    # Products
    "admin.products.search": _m("Search", "Rechercher"),
    "admin.products.search_hint": _m("Title, SKU or id", "Titre, référence ou id"),
    "admin.products.low_stock": _m("Stock at most", "Stock au plus"),
    "admin.products.sort": _m("Sort by", "Trier par"),
    "admin.products.order": _m("Order", "Ordre"),
    "admin.products.found": _m("products", "produits"),
    "admin.products.found.one": _m("product", "produit"),
    # The list's stock cell: "1,051 in 27 variants", its products' variants together.
    "admin.products.stock_in": _m("in", "sur"),
    "admin.products.variants": _m("variants", "variantes"),
    "admin.products.variants.one": _m("variant", "variante"),
    "admin.sort.updated": _m("Last edited", "Dernière modification"),
    "admin.sort.newest": _m("Newest", "Nouveautés"),
    "admin.sort.title": _m("Title", "Titre"),
    "admin.sort.price": _m("Price", "Prix"),
    "admin.sort.stock": _m("Stock", "Stock"),
    "admin.sort.desc": _m("Descending", "Décroissant"),
    "admin.sort.asc": _m("Ascending", "Croissant"),
    "admin.product.new": _m("New product", "Nouveau produit"),
    "admin.product.page": _m("Product", "Produit"),
    "admin.product.back": _m("← All products", "← Tous les produits"),
    "admin.product.view": _m("See it in the shop", "Voir en boutique"),
    "admin.product.not_in_shop": _m(
        "Not in the shop: it shows there once active.",
        "Absent de la boutique\u202f: il y apparaîtra une fois actif.",
    ),
    "admin.product.title": _m("Title", "Titre"),
    "admin.product.description": _m("Description", "Description"),
    "admin.product.category": _m("Category", "Catégorie"),
    "admin.product.brand": _m("Brand", "Marque"),
    "admin.product.price": _m("Price", "Prix"),
    "admin.product.stock": _m("Stock", "Stock"),
    "admin.product.variants": _m("Variants", "Variantes"),
    "admin.product.add_variant": _m("Add a variant", "Ajouter une variante"),
    "admin.product.stock_help": _m(
        "Stock of existing variants changes only through a stock adjustment, which says why.",
        "Le stock des variantes existantes ne change que par un ajustement motivé.",
    ),
    "admin.product.status.active": _m("Published", "Publié"),
    "admin.product.status.draft": _m("Draft", "Brouillon"),
    "admin.product.status.archived": _m("Archived", "Archivé"),
    "admin.product.saved": _m("{title} saved.", "{title} enregistré."),
    "admin.variant.sku": _m("SKU", "Référence"),
    "admin.variant.options": _m("Options", "Options"),
    "admin.variant.price": _m("Price", "Prix"),
    "admin.variant.compare_at": _m("Compare-at price", "Prix barré"),
    "admin.variant.stock": _m("Stock", "Stock"),
    "admin.variant.remove": _m("Remove", "Supprimer"),
    "admin.variant.remove_one": _m("Remove the variant", "Supprimer la variante"),
    "admin.bulk.selected": _m("selected", "sélectionné(s)"),
    "admin.bulk.page": _m("Select this page", "Sélectionner cette page"),
    "admin.bulk.action": _m("Bulk action", "Action groupée"),
    "admin.bulk.publish": _m("Publish", "Publier"),
    "admin.bulk.unpublish": _m("Unpublish (draft)", "Dépublier (brouillon)"),
    "admin.bulk.archive": _m("Archive", "Archiver"),
    # The home page's featured row and the "Featured" sort put these first.
    "admin.bulk.feature": _m("Feature on the home page", "Mettre en avant sur l’accueil"),
    "admin.bulk.unfeature": _m("Stop featuring", "Ne plus mettre en avant"),
    "admin.bulk.price": _m("Change prices by %", "Changer les prix de %"),
    "admin.bulk.price_by": _m("Change prices by", "Changer les prix de"),  # then +25,5 %
    "admin.bulk.percent_example": _m("-10, 5.5", "-10\u202f; 5,5"),
    "admin.bulk.move": _m("Move to category", "Déplacer vers la catégorie"),
    "admin.bulk.percent": _m("Percent", "Pourcentage"),
    "admin.bulk.to_category": _m("Category", "Catégorie"),
    "admin.bulk.apply": _m("Apply…", "Appliquer…"),
    "admin.bulk.confirm": _m(
        "Apply this to the selected products?", "Appliquer aux produits sélectionnés\u202f?"
    ),
    "admin.bulk.done": _m("{count} products changed.", "{count} produits modifiés."),
    "admin.bulk.done.one": _m("{count} product changed.", "{count} produit modifié."),
    # Stock
    "admin.stock.adjust": _m("Adjust stock", "Ajuster le stock"),
    "admin.stock.delta": _m("Change", "Variation"),
    "admin.stock.counted": _m("Counted on the shelf", "Compté en rayon"),
    "admin.stock.counted_help": _m(
        "Units held for checkouts and ordered but not shipped yet are taken off: the stock "
        "for sale is what is left.",
        "Les unités réservées par des paiements en cours ou commandées mais pas encore "
        "expédiées sont déduites\u202f: le stock en vente est ce qui reste.",
    ),
    "admin.stock.reason": _m("Reason", "Motif"),
    "admin.stock.note": _m("Note", "Note"),
    "admin.stock.after": _m("Stock after", "Stock après"),
    "admin.stock.threshold": _m("Show stock at most", "Afficher le stock jusqu’à"),
    "admin.stock.more": _m(
        "Only the 100 lowest are shown: lower the threshold to see the rest in turn, or filter "
        "the product list by low stock.",
        "Seuls les 100 plus bas sont affichés\u202f: baissez le seuil pour voir les suivants, ou "
        "filtrez la liste des produits par stock bas.",
    ),
    "admin.stock.adjusted": _m("{sku}: stock now {stock}.", "{sku}\u202f: stock à {stock}."),
    "admin.stock.reason.received": _m("Received", "Réception"),
    "admin.stock.reason.damaged": _m("Damaged", "Endommagé"),
    "admin.stock.reason.returned": _m("Returned", "Retour"),
    "admin.stock.reason.recount": _m("Recount", "Inventaire"),
    "admin.stock.reason.correction": _m("Correction", "Correction"),
    # Catalog refusals
    "admin.product.error.invalid": _m(
        "Please correct the fields marked below.", "Veuillez corriger les champs indiqués."
    ),
    "admin.product.error.not_found": _m("There is no such product.", "Ce produit n’existe pas."),
    "admin.product.error.changed": _m(
        "Someone changed this product meanwhile: reload the page to see it as it is now.",
        "Quelqu’un a modifié ce produit entre-temps\u202f: rechargez la page pour le voir tel "
        "qu’il est.",
    ),
    "admin.product.error.title": _m("Give the product a title.", "Donnez un titre au produit."),
    "admin.product.error.disguised": _m(
        "Holds an invisible character that changes how the text shows (a direction override "
        "or a zero-width space): type it again rather than paste it.",
        "Contient un caractère invisible qui change l’affichage du texte (inversion du sens "
        "d’écriture, espace sans largeur)\u202f: saisissez-le plutôt que de le coller.",
    ),
    "admin.product.error.too_long": _m(
        "At most {limit} characters.", "{limit} caractères au plus."
    ),
    "admin.product.error.category": _m("Choose a category.", "Choisissez une catégorie."),
    "admin.product.error.brand": _m(
        "This brand name is not valid.", "Ce nom de marque n’est pas valide."
    ),
    "admin.product.error.status": _m("Choose a status.", "Choisissez un statut."),
    "admin.product.error.remove_stock": _m(
        "A variant ticked for removal still has stock ({stock} in all): bring it to 0 with a "
        "stock adjustment first, which says why.",
        "Une variante cochée pour suppression a encore du stock ({stock} en tout)\u202f: "
        "ramenez-le à 0 par un ajustement de stock d’abord, qui dit pourquoi.",
    ),
    "admin.product.error.remove_held": _m(
        "A variant ticked for removal is being paid for in a checkout: try again once that "
        "payment is done or given up.",
        "Une variante cochée pour suppression est en cours de paiement\u202f: réessayez une "
        "fois ce paiement abouti ou abandonné.",
    ),
    "admin.product.error.variants": _m(
        "Add at least one variant.", "Ajoutez au moins une variante."
    ),
    "admin.product.error.too_many_variants": _m(
        "At most 100 variants per product.", "100 variantes au plus par produit."
    ),
    "admin.product.error.sku": _m(
        "1 to 120 letters, digits, dots, dashes or underscores.",
        "1 à 120 lettres, chiffres, points, tirets ou soulignés.",
    ),
    "admin.product.error.sku_repeated": _m(
        "Each variant needs its own SKU.", "Chaque variante a sa propre référence."
    ),
    "admin.product.error.sku_taken": _m(
        "Another product uses this SKU (in capitals or not).",
        "Un autre produit utilise cette référence (en majuscules ou non).",
    ),
    "admin.product.error.option_twice": _m(
        "An option is named twice (size=M, size=L): give each option one value per variant.",
        "Une option est nommée deux fois (taille=M, taille=L)\u202f: donnez à chaque option une"
        " seule valeur par variante.",
    ),
    "admin.product.error.options": _m(
        "Write options as name=value, separated by commas or semicolons; a backslash before"
        " a comma, semicolon or = that belongs to a value (width=10\\,5 cm).",
        "Écrivez les options sous la forme nom=valeur, séparées par des virgules ou des"
        " points-virgules\u202f; une barre oblique inverse avant une virgule, un point-virgule"
        " ou un = qui fait partie d’une valeur (largeur=10\\,5 cm).",
    ),
    "admin.product.error.option_names": _m(
        "Use the same option names as the product's other variants: a name of its own"
        " (taille beside size) makes a second picker on the product page.",
        "Reprenez les noms d’options des autres variantes du produit\u202f: un nom à part"
        " (taille à côté de size) crée un second sélecteur sur la page du produit.",
    ),
    "admin.product.error.options_missing": _m(
        "Several variants need options to tell them apart, e.g. size=M.",
        "Plusieurs variantes ont besoin d’options pour les distinguer, ex. taille=M.",
    ),
    "admin.product.error.options_repeated": _m(
        "Two variants have the same options.", "Deux variantes ont les mêmes options."
    ),
    "admin.product.error.price": _m(
        "A price up to {limit}, e.g. 12.90.", "Un prix jusqu’à {limit}, ex. 12,90."
    ),
    "admin.product.error.price_free": _m(
        "A published product needs a price above zero (or keep it as a draft until it has one).",
        "Un produit publié a besoin d’un prix au-dessus de zéro (ou gardez-le en brouillon "
        "d’ici là).",
    ),
    "admin.product.error.compare_at": _m(
        "The compare-at price must be above the price, or left empty.",
        "Le prix barré doit être supérieur au prix de vente, ou laissé vide.",
    ),
    "admin.product.error.stock": _m(
        "A whole number from 0 to {limit}.", "Un nombre entier de 0 à {limit}."
    ),
    "admin.product.error.external_id_taken": _m(
        "Another product has this id.", "Un autre produit a cet identifiant."
    ),
    "admin.bulk.error.empty": _m(
        "Select products and an action first.", "Sélectionnez d’abord des produits et une action."
    ),
    "admin.bulk.error.too_many": _m(
        "At most 500 products at once.", "500 produits au plus à la fois."
    ),
    "admin.bulk.error.not_found": _m(
        "Some of these products no longer exist.", "Certains de ces produits n’existent plus."
    ),
    "admin.bulk.error.status": _m("Choose a status.", "Choisissez un statut."),
    "admin.bulk.error.free": _m(
        "A product selected has a variant at price 0: give it a price before publishing it. "
        "Nothing was changed.",
        "Un produit choisi a une variante à 0\u202f: donnez-lui un prix avant de le publier. "
        "Rien n’a été modifié.",
    ),
    "admin.bulk.error.percent": _m(
        "A percentage from -90 to +500, other than 0.", "Un pourcentage de -90 à +500, autre que 0."
    ),
    "admin.bulk.error.price_too_high": _m(
        "A price would become too high.", "Un prix deviendrait trop élevé."
    ),
    "admin.bulk.error.price_free": _m(
        "A published product's price would become 0. Nothing was changed.",
        "Le prix d’un produit publié deviendrait 0. Rien n’a été modifié.",
    ),
    "admin.bulk.error.category": _m("Choose a category.", "Choisissez une catégorie."),
    "admin.stock.error.unknown_sku": _m(
        "There is no variant with this SKU.", "Aucune variante n’a cette référence."
    ),
    "admin.stock.error.below_zero": _m(
        "Stock cannot go below zero.", "Le stock ne peut pas être négatif."
    ),
    "admin.stock.error.above_max": _m(
        "A variant holds at most {limit} units.", "Une variante a {limit} unités au plus."
    ),
    "admin.stock.error.delta": _m(
        "A whole number other than zero, at most {limit} either way, e.g. +10 or -2.",
        "Un nombre entier non nul, {limit} au plus dans un sens ou l’autre, ex. +10 ou -2.",
    ),
    "admin.stock.error.adds": _m(
        "Received and Returned add units: a number above zero, e.g. +10 (Damaged or "
        "Correction take units away).",
        "Réception et Retour ajoutent des unités\u202f: un nombre au-dessus de zéro, ex. +10 "
        "(Endommagé ou Correction en retirent).",
    ),
    "admin.stock.error.removes": _m(
        "Damaged takes units away: a number below zero, e.g. -2 (Received, Returned or "
        "Correction add units).",
        "Endommagé retire des unités\u202f: un nombre au-dessous de zéro, ex. -2 (Réception, "
        "Retour ou Correction en ajoutent).",
    ),
    "admin.stock.error.counted": _m(
        "The number counted: a whole number from 0 to {limit}.",
        "Le nombre compté\u202f: un nombre entier de 0 à {limit}.",
    ),
    "admin.stock.error.below_owed": _m(
        "Fewer units were counted than are held for checkouts or ordered and not shipped "
        "yet. Nothing was changed: count again, or record the units missing as Damaged or "
        "Correction.",
        "Moins d’unités comptées que de réservées ou commandées et pas encore expédiées. "
        "Rien n’a changé\u202f: recomptez, ou enregistrez les unités manquantes en Endommagé ou "
        "Correction.",
    ),
    "admin.stock.error.reason": _m("Choose a reason.", "Choisissez un motif."),
    "admin.stock.error.note": _m("At most {limit} characters.", "{limit} caractères au plus."),
}
