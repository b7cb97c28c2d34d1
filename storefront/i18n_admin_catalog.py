"""UI text of the admin's catalog pages: products, stock, import and export, merchandising
(merged into storefront.i18n.MESSAGES)."""

from __future__ import annotations

from typing import Final


def _m(en: str, fr: str) -> dict[str, str]:
    return {"en": en, "fr": fr}


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
    "admin.bulk.selected": _m("selected", "sélectionné(s)"),
    "admin.bulk.page": _m("Select this page", "Sélectionner cette page"),
    "admin.bulk.action": _m("Bulk action", "Action groupée"),
    "admin.bulk.publish": _m("Publish", "Publier"),
    "admin.bulk.unpublish": _m("Unpublish (draft)", "Dépublier (brouillon)"),
    "admin.bulk.archive": _m("Archive", "Archiver"),
    "admin.bulk.price": _m("Change prices by %", "Changer les prix de %"),
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
    "admin.product.error.too_long": _m(
        "At most {limit} characters.", "{limit} caractères au plus."
    ),
    "admin.product.error.category": _m("Choose a category.", "Choisissez une catégorie."),
    "admin.product.error.brand": _m(
        "This brand name is not valid.", "Ce nom de marque n’est pas valide."
    ),
    "admin.product.error.status": _m("Choose a status.", "Choisissez un statut."),
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
        "Another product uses this SKU.", "Un autre produit utilise cette référence."
    ),
    "admin.product.error.options": _m(
        "Write options as name=value, separated by commas.",
        "Écrivez les options sous la forme nom=valeur, séparées par des virgules.",
    ),
    "admin.product.error.options_repeated": _m(
        "Two variants have the same options.", "Deux variantes ont les mêmes options."
    ),
    "admin.product.error.price": _m("A price, e.g. 12.90.", "Un prix, ex. 12,90."),
    "admin.product.error.compare_at": _m(
        "A price above the price, or nothing.", "Un prix supérieur au prix, ou rien."
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
    "admin.bulk.error.percent": _m(
        "A percentage from -90 to +500.", "Un pourcentage de -90 à +500."
    ),
    "admin.bulk.error.price_too_high": _m(
        "A price would become too high.", "Un prix deviendrait trop élevé."
    ),
    "admin.bulk.error.category": _m("Choose a category.", "Choisissez une catégorie."),
    "admin.stock.error.unknown_sku": _m(
        "There is no variant with this SKU.", "Aucune variante n’a cette référence."
    ),
    "admin.stock.error.below_zero": _m(
        "Stock cannot go below zero.", "Le stock ne peut pas être négatif."
    ),
    "admin.stock.error.delta": _m(
        "A whole number other than zero, at most {limit} either way, e.g. +10 or -2.",
        "Un nombre entier non nul, {limit} au plus dans un sens ou l’autre, ex. +10 ou -2.",
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
    # Import and export
    "admin.import.title": _m("Import a catalog file", "Importer un fichier catalogue"),
    "admin.import.help": _m(
        "CSV in UTF-8: Boutique's format (product_id, title, description and optional columns) "
        "or Shopify's product export. The file is checked whole first; nothing is written "
        "until you apply it, and then every product or none. Variants the shop has keep "
        "their stock (adjust it on the product's page); new ones take the file's.",
        "CSV en UTF-8\u202f: format Boutique (product_id, title, description et colonnes "
        "facultatives) ou export produits de Shopify. Le fichier est d’abord vérifié en "
        "entier\u202f; rien n’est écrit avant que vous l’appliquiez, et alors tous les produits "
        "ou aucun. Les variantes que la boutique a déjà gardent leur stock (ajustez-le sur la "
        "page du produit)\u202f; les nouvelles prennent celui du fichier.",
    ),
    "admin.import.format": _m("Format", "Format"),
    "admin.import.format.auto": _m("Detect", "Détecter"),
    "admin.import.format.generic": _m("Boutique CSV", "CSV Boutique"),
    "admin.import.format.shopify": _m("Shopify CSV", "CSV Shopify"),
    "admin.import.drop": _m(
        "Drop a CSV file here, or click to choose one",
        "Déposez un fichier CSV ici, ou cliquez pour le choisir",
    ),
    "admin.import.check": _m("Check the file", "Vérifier le fichier"),
    "admin.import.problems": _m(
        "problems: the file was refused", "problèmes\u202f: le fichier est refusé"
    ),
    "admin.import.problems.one": _m(
        "problem: the file was refused", "problème\u202f: le fichier est refusé"
    ),
    "admin.import.nothing_written": _m(
        "Nothing was written. Fix these rows and check the file again.",
        "Rien n’a été écrit. Corrigez ces lignes et vérifiez à nouveau.",
    ),
    "admin.import.refused": _m(
        "The file was refused; see its problems below.",
        "Le fichier est refusé\u202f; voyez ses problèmes ci-dessous.",
    ),
    "admin.import.line": _m("Line", "Ligne"),
    "admin.import.column": _m("Column", "Colonne"),
    "admin.import.reason": _m("Problem", "Problème"),
    "admin.import.preview": _m("Ready to import:", "Prêt à importer\u202f:"),
    "admin.import.products": _m("products", "produits"),
    "admin.import.products.one": _m("product", "produit"),
    "admin.import.created": _m("new", "nouveaux"),
    "admin.import.updated": _m("updated", "mis à jour"),
    "admin.import.unchanged": _m("unchanged", "inchangés"),
    "admin.import.new_categories": _m(
        "Applying creates these categories, which the shop does not have: check their names.",
        "L’import crée ces catégories, que la boutique n’a pas\u202f: vérifiez leurs noms.",
    ),
    "admin.import.id": _m("Id", "Id"),
    "admin.import.stock_after": _m("Stock after import", "Stock après l’import"),
    "admin.import.stock_kept": _m("shop's kept", "celui de la boutique"),
    "admin.import.stock_note": _m(
        "An import sets the stock of new variants only: variants the shop has already keep "
        "their stock (marked “shop's kept”), and the file's figures for them are ignored. "
        "Stock moves through stock adjustments on the product page.",
        "Un import ne fixe le stock que des nouvelles variantes\u202f: celles que la boutique a "
        "déjà gardent leur stock (marqué «\u202fcelui de la boutique\u202f») et les chiffres du "
        "fichier sont ignorés pour elles. Le stock se modifie par les ajustements de la page "
        "produit.",
    ),
    "admin.import.apply": _m("Apply the import…", "Appliquer l’import…"),
    "admin.import.nothing_to_change": _m(
        "Nothing to import: the shop has every product of this file as it is.",
        "Rien à importer\u202f: la boutique a déjà chaque produit de ce fichier tel quel.",
    ),
    "admin.import.confirm": _m(
        "Import these products now?", "Importer ces produits maintenant\u202f?"
    ),
    "admin.import.applied": _m(
        "Imported: {created} new, {updated} updated.",
        "Importé\u202f: {created} nouveaux, {updated} mis à jour.",
    ),
    "admin.import.error.no_file": _m("Choose a file first.", "Choisissez d’abord un fichier."),
    "admin.import.error.empty": _m(
        "This file holds no products: it is empty, or has a header only.",
        "Ce fichier ne contient aucun produit\u202f: il est vide, ou n’a qu’un en-tête.",
    ),
    "admin.import.error.too_large": _m(
        "Files may be at most 20 MB.", "Les fichiers font 20 Mo au plus."
    ),
    "admin.import.error.encoding": _m(
        "Save the file as UTF-8 and try again.", "Enregistrez le fichier en UTF-8 et réessayez."
    ),
    "admin.import.error.unknown": _m(
        "This import expired; check the file again.",
        "Cet import a expiré\u202f; vérifiez à nouveau le fichier.",
    ),
    "admin.import.error.applied": _m(
        "This file was already imported.", "Ce fichier a déjà été importé."
    ),
    "admin.import.error.changed": _m(
        "The shop changed since the check; check the file again.",
        "La boutique a changé depuis la vérification\u202f; vérifiez à nouveau.",
    ),
    "admin.export.title": _m("Export the catalog", "Exporter le catalogue"),
    "admin.export.error.format": _m(
        "Export as Boutique or Shopify CSV.", "Exportez en CSV Boutique ou Shopify."
    ),
    "admin.export.error.ticket": _m(
        "This download has expired or was used already: ask for it again.",
        "Ce téléchargement a expiré ou a déjà servi\u202f: demandez-le à nouveau.",
    ),
    # Merchandising
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
