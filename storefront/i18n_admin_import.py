"""The catalog import's problems as the admin shows them, by RowProblem.key
(storefront/services/catalog_csv; merged into storefront.i18n.MESSAGES). The English is the
services' own reason, word for word; every problem the services can report has a key here
(tests/unit/test_import_problem_messages.py reads them from the source)."""

from __future__ import annotations

from typing import Final

from storefront.i18n_entry import en_fr as _m

ADMIN_IMPORT_PROBLEM_MESSAGES: Final[dict[str, dict[str, str]]] = {
    "import.problem.empty": _m("is empty", "est vide"),
    "import.problem.price_empty": _m(
        "is empty: every row needs a price when the file has this column",
        "est vide\u202f: chaque ligne a besoin d’un prix quand le fichier a cette colonne",
    ),
    "import.problem.negative": _m("{value} is negative", "{value} est négatif"),
    "import.problem.not_amount": _m("{value} is not an amount", "{value} n’est pas un montant"),
    "import.problem.too_large": _m("{value} is too large", "{value} est trop grand"),
    "import.problem.pairs_with_commas": _m(
        "{value} holds several: separate them with ; in a catalog file",
        "{value} en contient plusieurs\u202f: séparez-les par des points-virgules dans un"
        " fichier catalogue",
    ),
    "import.problem.price_too_large": _m(
        "{value} is above {limit}, the highest price a product may have",
        "{value} dépasse {limit}, le prix le plus élevé qu’un produit puisse avoir",
    ),
    "import.problem.stock_too_large": _m(
        "{value} is above {limit}, the most a variant may hold",
        "{value} dépasse {limit}, le plus qu’une variante puisse avoir en stock",
    ),
    "import.problem.sku_space": _m(
        "{value} has a space: a SKU is one word, e.g. CHAIR-OAK-2",
        "{value} contient une espace : une référence est d’un seul mot, ex. CHAIR-OAK-2",
    ),
    "import.problem.not_whole": _m(
        "{value} is not a whole number", "{value} n’est pas un nombre entier"
    ),
    "import.problem.price_free": _m(
        "is 0 with stock: a published product in stock needs a price above zero (or import "
        "it with status draft until it has one)",
        "vaut 0 avec du stock\u202f: un produit publié en stock a besoin d’un prix au-dessus "
        "de zéro (ou importez-le avec le statut draft d’ici là)",
    ),
    "import.problem.not_status": _m(
        "{value} is not a status (active, draft or archived)",
        "{value} n’est pas un statut (active, draft ou archived)",
    ),
    "import.problem.sku_repeated": _m(
        "{sku} is already used on line {first_line}",
        "{sku} est déjà utilisée à la ligne {first_line}",
    ),
    "import.problem.sku_owned": _m(
        "{sku} already belongs to product {owner} in the shop",
        "{sku} appartient déjà au produit {owner} de la boutique",
    ),
    "import.problem.sku_owned_as": _m(
        "{sku} is {held} of product {owner} in the shop",
        "{sku} est la référence {held} du produit {owner} de la boutique",
    ),
    "import.problem.unknown_format": _m(
        "cannot tell the file's format: missing columns {generic} for the generic format, "
        "or {shopify} for Shopify's",
        "format du fichier non reconnu\u202f: il manque les colonnes {generic} pour le format "
        "Boutique, ou {shopify} pour celui de Shopify",
    ),
    "import.problem.missing_columns": _m(
        "missing required columns: {columns}", "colonnes obligatoires manquantes\u202f: {columns}"
    ),
    "import.problem.differs": _m(
        "{value} differs from {first} on line {first_line} for the same product",
        "{value} diffère de {first} à la ligne {first_line} pour le même produit",
    ),
    "import.problem.field_count": _m(
        "{fields} fields where the header has {header} "
        "(a missing or extra separator, or an unclosed quote?)",
        "{fields} champs là où l’en-tête en a {header} "
        "(un séparateur manquant ou en trop, ou un guillemet non fermé\u202f?)",
    ),
    "import.problem.not_flag": _m("{value} is not true or false", "{value} n’est ni true ni false"),
    "import.problem.ambiguous": _m(
        "{value} is ambiguous: write it without a thousands separator",
        "{value} est ambigu\u202f: écrivez-le sans séparateur de milliers",
    ),
    "import.problem.columns_twice": _m(
        "columns named twice: {columns}", "colonnes nommées deux fois\u202f: {columns}"
    ),
    "import.problem.unknown_columns": _m(
        "unknown columns: {unknown} (known: {known})",
        "colonnes inconnues\u202f: {unknown} (connues\u202f: {known})",
    ),
}
# The rarer problems: lengths and limits, the file as a whole, options, Shopify's own columns.
ADMIN_IMPORT_PROBLEM_MESSAGES.update(
    {
        "import.problem.too_long": _m(
            "is longer than {limit} characters", "dépasse {limit} caractères"
        ),
        "import.problem.disguised": _m(
            "holds an invisible character that changes how the text shows (a direction "
            "override or a zero-width space)",
            "contient un caractère invisible qui change l’affichage du texte (inversion du "
            "sens d’écriture, espace sans largeur)",
        ),
        "import.problem.too_long_text": _m(
            "is {length} characters long; at most {limit} allowed",
            "fait {length} caractères\u202f; {limit} au plus sont permis",
        ),
        "import.problem.decimals": _m(
            "{value} has more than {decimals} decimals for {currency} "
            "(write amounts like 1000 or 12.90, without thousands separators)",
            "{value} a plus de {decimals} décimales pour la devise {currency} "
            "(écrivez les montants comme 1000 ou 12.90, sans séparateur de milliers)",
        ),
        "import.problem.not_number": _m("{value} is not a number", "{value} n’est pas un nombre"),
        "import.problem.not_rating": _m(
            "{value} is not a rating from 0 to 5", "{value} n’est pas une note de 0 à 5"
        ),
        "import.problem.not_a_rating": _m("{value} is not a rating", "{value} n’est pas une note"),
        "import.problem.not_currency": _m(
            "{value} is not an ISO 4217 currency code such as EUR",
            "{value} n’est pas un code de devise ISO 4217 comme EUR",
        ),
        "import.problem.other_currency": _m(
            "{code}: this shop sells in {shop_currency}; convert the prices, "
            "or leave the column empty",
            "{code}\u202f: cette boutique vend en {shop_currency}\u202f; convertissez les prix, "
            "ou laissez la colonne vide",
        ),
        "import.problem.category_depth": _m(
            "has {levels} levels; at most {limit} allowed",
            "a {levels} niveaux\u202f; {limit} au plus sont permis",
        ),
        "import.problem.category_too_long": _m(
            "category {name} is longer than {limit} characters",
            "la catégorie {name} dépasse {limit} caractères",
        ),
        "import.problem.not_image": _m(
            "{value} is not an http(s) URL or a /media path",
            "{value} n’est ni une URL http(s) ni un chemin /media",
        ),
        "import.problem.option_no_value": _m(
            "option {name} has no value", "l’option {name} n’a pas de valeur"
        ),
        "import.problem.option_too_long": _m(
            "value of {name} is longer than {limit} characters",
            "la valeur de {name} dépasse {limit} caractères",
        ),
        "import.problem.attribute_no_value": _m(
            "attribute {name} has no value", "l’attribut {name} n’a pas de valeur"
        ),
        "import.problem.not_pair": _m(
            "{value} is not name=value", "{value} n’est pas de la forme nom=valeur"
        ),
        "import.problem.pair_no_name": _m(
            "{value} has no name before =", "{value} n’a pas de nom avant ="
        ),
        "import.problem.name_too_long": _m(
            "name {name} is longer than {limit} characters",
            "le nom {name} dépasse {limit} caractères",
        ),
        "import.problem.name_twice": _m("names {name} twice", "nomme {name} deux fois"),
        "import.problem.file_empty": _m(
            "the file is empty: expected a header row",
            "le fichier est vide\u202f: une ligne d’en-tête est attendue",
        ),
        "import.problem.too_many_variants": _m(
            "product {product} has {variants} variants: at most {limit} are allowed",
            "le produit {product} a {variants} variantes\u202f: {limit} au plus sont permises",
        ),
        "import.problem.would_reset": _m(
            "the file has no {columns} column, so it would reset that on the {products} "
            "products the shop has already (such as {example}): add the columns, or edit an "
            "export of the catalog",
            "colonnes absentes du fichier\u202f: {columns}\u202f; l’import les remettrait à zéro "
            "sur les {products} produits que la boutique a déjà (comme {example})\u202f; ajoutez "
            "ces colonnes, ou modifiez un export du catalogue",
        ),
        "import.problem.unreadable": _m(
            "unreadable CSV ({detail}; an unclosed quote?); reading stopped here",
            "CSV illisible ({detail}\u202f; un guillemet non fermé\u202f?)\u202f; lecture arrêtée "
            "ici",
        ),
        "import.problem.not_utf8": _m(
            "the file is not UTF-8 text (save it as CSV UTF-8); reading stopped",
            "le fichier n’est pas du texte UTF-8 (enregistrez-le en CSV UTF-8)\u202f; lecture "
            "arrêtée",
        ),
        "import.problem.too_many_rows": _m(
            "the file has more than {limit} rows; split it",
            "le fichier a plus de {limit} lignes\u202f; découpez-le",
        ),
        "import.problem.nul": _m("contains a NUL character", "contient un caractère NUL"),
        # An empty list in a problem's message: "(none)" (problem_params).
        "import.none": _m("none", "aucune"),
        "import.problem.option_names": _m(
            "option names differ from those of line {first_line} ({names}): the product page "
            "would show a second picker",
            "noms d’options différents de ceux de la ligne {first_line} ({names})\u202f: la page "
            "du produit montrerait un second sélecteur",
        ),
        "import.problem.same_options": _m(
            "same options ({options}) as line {first_line}: a shopper could not pick "
            "between these variants",
            "mêmes options ({options}) qu’à la ligne {first_line}\u202f: un client ne pourrait pas "
            "choisir entre ces variantes",
        ),
        "import.problem.sku_generated_repeated": _m(
            "{sku} (made from the product id and options) is already used on line {first_line}",
            "{sku} (faite de l’identifiant du produit et des options) est déjà utilisée à la "
            "ligne {first_line}",
        ),
        "import.problem.missing_shopify_columns": _m(
            "missing required Shopify columns: {columns}",
            "colonnes Shopify obligatoires manquantes\u202f: {columns}",
        ),
        "import.problem.option_repeated": _m("repeats the option {name}", "répète l’option {name}"),
        "import.problem.option_unnamed": _m(
            "{value} has no option name on the product's first row",
            "{value} n’a pas de nom d’option sur la première ligne du produit",
        ),
        "import.problem.tag_too_long": _m(
            "tag {name} is longer than {limit} characters",
            "l’étiquette {name} dépasse {limit} caractères",
        ),
        "import.problem.not_json": _m("is not JSON", "n’est pas du JSON"),
        "import.problem.not_json_lists": _m(
            'is not a JSON object of lists of text, e.g. {"material": ["Oak"]}',
            'n’est pas un objet JSON de listes de textes, par exemple {"material": ["Oak"]}',
        ),
    }
)
