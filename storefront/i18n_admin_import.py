"""The catalog import's problems as the admin shows them, by RowProblem.key
(storefront/services/catalog_csv; merged into storefront.i18n.MESSAGES). The English is the
services' own reason, word for word (tests/integration/test_admin_catalog_io.py); a problem
without a key is shown in English in both languages."""

from __future__ import annotations

from typing import Final


def _m(en: str, fr: str) -> dict[str, str]:
    return {"en": en, "fr": fr}


ADMIN_IMPORT_PROBLEM_MESSAGES: Final[dict[str, dict[str, str]]] = {
    "import.problem.empty": _m("is empty", "est vide"),
    "import.problem.price_empty": _m(
        "is empty: every row needs a price when the file has this column",
        "est vide : chaque ligne a besoin d'un prix quand le fichier a cette colonne",
    ),
    "import.problem.negative": _m("{value} is negative", "{value} est négatif"),
    "import.problem.not_amount": _m("{value} is not an amount", "{value} n'est pas un montant"),
    "import.problem.too_large": _m("{value} is too large", "{value} est trop grand"),
    "import.problem.not_whole": _m(
        "{value} is not a whole number", "{value} n'est pas un nombre entier"
    ),
    "import.problem.not_status": _m(
        "{value} is not a status (active, draft or archived)",
        "{value} n'est pas un statut (active, draft ou archived)",
    ),
    "import.problem.sku_repeated": _m(
        "{sku} is already used on line {first_line}",
        "{sku} est déjà utilisée à la ligne {first_line}",
    ),
    "import.problem.sku_owned": _m(
        "{sku} already belongs to product {owner} in the shop",
        "{sku} appartient déjà au produit {owner} de la boutique",
    ),
    "import.problem.unknown_format": _m(
        "cannot tell the file's format: missing columns {generic} for the generic format, "
        "or {shopify} for Shopify's",
        "format du fichier non reconnu : il manque les colonnes {generic} pour le format "
        "Boutique, ou {shopify} pour celui de Shopify",
    ),
    "import.problem.missing_columns": _m(
        "missing required columns: {columns}", "colonnes obligatoires manquantes : {columns}"
    ),
    "import.problem.differs": _m(
        "{value} differs from {first} on line {first_line} for the same product",
        "{value} diffère de {first} à la ligne {first_line} pour le même produit",
    ),
    "import.problem.field_count": _m(
        "{fields} fields where the header has {header} "
        "(a missing or extra comma, or an unclosed quote?)",
        "{fields} champs là où l'en-tête en a {header} "
        "(une virgule manquante ou en trop, ou un guillemet non fermé ?)",
    ),
    "import.problem.not_flag": _m("{value} is not true or false", "{value} n'est ni true ni false"),
    "import.problem.ambiguous": _m(
        "{value} is ambiguous: write it without a thousands separator",
        "{value} est ambigu : écrivez-le sans séparateur de milliers",
    ),
    "import.problem.columns_twice": _m(
        "columns named twice: {columns}", "colonnes nommées deux fois : {columns}"
    ),
    "import.problem.unknown_columns": _m(
        "unknown columns: {unknown} (known: {known})",
        "colonnes inconnues : {unknown} (connues : {known})",
    ),
}
