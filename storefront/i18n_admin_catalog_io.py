"""UI text of the admin's catalog import and export page: the file checked, applied, and
the export (merged into storefront.i18n.MESSAGES)."""

from __future__ import annotations

from typing import Final

from storefront.i18n_entry import en_fr as _m

ADMIN_CATALOG_IO_MESSAGES: Final[dict[str, dict[str, str]]] = {
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
    "admin.import.removed_variants": _m(
        "Applying deletes variants the shop has that the file's rows of their products lack "
        "(variants: {count}; units in stock with them: {units}). Add their rows to keep them.",
        "L’import supprime des variantes que la boutique a et que les lignes de leurs produits "
        "n’ont pas (variantes\u202f: {count}\u202f; unités en stock avec elles\u202f: {units}). "
        "Ajoutez leurs lignes pour les garder.",
    ),
    "admin.import.id": _m("Id", "Id"),
    "admin.import.change": _m("Change", "Changement"),
    "admin.import.status.new": _m("new", "nouveau"),
    "admin.import.status.changed": _m("changed", "modifié"),
    "admin.import.status.unchanged": _m("unchanged", "inchangé"),
    "admin.import.price_changes": _m(
        "Prices of the shop's variants this file changes: {count}.",
        "Prix de variantes de la boutique que ce fichier modifie\u202f: {count}.",
    ),
    "admin.import.changed_first": _m(
        "New and changed products are listed first.",
        "Les produits nouveaux et modifiés sont listés en premier.",
    ),
    "admin.import.price_alarms": _m(
        "Check these prices: they fall by more than half or rise over 5 times, which is "
        "often a slip (a decimal mark, a digit). Prices changing so much: {count}.",
        "Vérifiez ces prix\u202f: ils baissent de plus de moitié ou sont multipliés par plus "
        "de 5, souvent une erreur de saisie (virgule, chiffre). Prix qui changent autant\u202f: "
        "{count}.",
    ),
    "admin.import.confirm_creates": _m("and creates", "et crée"),
    "admin.import.categories": _m("categories", "catégories"),
    "admin.import.categories.one": _m("category", "catégorie"),
    "admin.import.confirm_alarms": _m(
        "Prices that fall by more than half or rise over 5 times: {count}. Applying sets "
        "them as the file says.",
        "Prix qui baissent de plus de moitié ou sont multipliés par plus de 5\u202f: {count}. "
        "L’import les fixe tels que le fichier les donne.",
    ),
    "admin.import.stock_ignored": _m(
        "the file's {stock} was ignored: the shop keeps its stock; change it on the",
        "chiffre du fichier ({stock}) ignoré\u202f: la boutique garde son stock\u202f; "
        "modifiez-le sur la",
    ),
    "admin.import.stock_page": _m("stock page", "page Stock"),
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
    "admin.import.error.too_many": _m("One file at a time.", "Un fichier à la fois."),
    "admin.import.error.type": _m(
        "Choose a CSV file (.csv or .txt).", "Choisissez un fichier CSV (.csv ou .txt)."
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
    "admin.import.error.edited": _m(
        "{count} products of this file were changed in the shop since its check: {names}. "
        "Importing it now would undo those changes. Nothing was imported; check the file "
        "again.",
        "{count} produits de ce fichier ont été modifiés dans la boutique depuis sa "
        "vérification\u202f: {names}. L’importer maintenant annulerait ces modifications. "
        "Rien n’a été importé\u202f; vérifiez à nouveau le fichier.",
    ),
    "admin.import.error.edited.one": _m(
        "A product of this file was changed in the shop since its check: {names}. Importing "
        "it now would undo that change. Nothing was imported; check the file again.",
        "Un produit de ce fichier a été modifié dans la boutique depuis sa vérification\u202f: "
        "{names}. L’importer maintenant annulerait cette modification. Rien n’a été "
        "importé\u202f; vérifiez à nouveau le fichier.",
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
}
