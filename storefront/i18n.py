"""The one translation layer: every UI string, in English and French. The texts of the
listings, cart, checkout, account and admin pages live beside this module (`i18n_*.py`) and
are merged into `MESSAGES` here.

Components show them through `components.i18n.t` (switched in the browser, no round trip);
state and e-mails use `translate`. Add a language by adding a column to every entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from storefront.i18n_account import ACCOUNT_MESSAGES
from storefront.i18n_account_mail import ACCOUNT_MAIL_MESSAGES
from storefront.i18n_admin import ADMIN_MESSAGES
from storefront.i18n_admin_cancel import ADMIN_CANCEL_MESSAGES
from storefront.i18n_admin_catalog import ADMIN_CATALOG_MESSAGES
from storefront.i18n_admin_catalog_io import ADMIN_CATALOG_IO_MESSAGES
from storefront.i18n_admin_categories import ADMIN_CATEGORY_MESSAGES
from storefront.i18n_admin_customers import CUSTOMER_MESSAGES
from storefront.i18n_admin_images import ADMIN_IMAGE_MESSAGES
from storefront.i18n_admin_import import ADMIN_IMPORT_PROBLEM_MESSAGES
from storefront.i18n_admin_merchandising import ADMIN_MERCHANDISING_MESSAGES
from storefront.i18n_admin_orders import ADMIN_ORDER_MESSAGES
from storefront.i18n_cancel import CANCEL_MESSAGES
from storefront.i18n_cart import CART_MESSAGES
from storefront.i18n_checkout import CHECKOUT_MESSAGES
from storefront.i18n_elision import elide
from storefront.i18n_email_confirm import EMAIL_CONFIRM_MESSAGES
from storefront.i18n_format import format_number
from storefront.i18n_invoice import INVOICE_MESSAGES
from storefront.i18n_listing import LISTING_MESSAGES
from storefront.i18n_notices import NOTICE_MESSAGES
from storefront.i18n_offline_refund import OFFLINE_REFUND_MESSAGES
from storefront.i18n_order import ORDER_MESSAGES
from storefront.i18n_policies import POLICY_MESSAGES
from storefront.i18n_recs import RECS_MESSAGES
from storefront.i18n_restock import RESTOCK_MESSAGES
from storefront.i18n_reviews import REVIEW_MESSAGES
from storefront.i18n_search import SEARCH_MESSAGES
from storefront.i18n_withdrawal import WITHDRAWAL_MESSAGES

LOCALES: Final = ("en", "fr")
DEFAULT_LOCALE: Final = "en"
LANG_COOKIE: Final = "boutique_lang"  # the language a shopper chose (state/locale.py)
# The BCP 47 tag handed to the browser's Intl formatters.
INTL_TAGS: Final = {"en": "en-GB", "fr": "fr-FR"}
LANGUAGE_NAMES: Final = {"en": "English", "fr": "Français"}
# The counts that take a message's singular form, `<key>.one`, per language (where that key
# exists; the key itself is the plural): English 1 product, French 0 produit and 1 produit.
# Counts here are whole and never negative, so these sets say all of CLDR's "one" rule.
ONE: Final = {"en": frozenset({1}), "fr": frozenset({0, 1})}

MESSAGES: Final[dict[str, dict[str, str]]] = {
    # Shell
    "shop.tagline": {
        "en": "Considered things for everyday life",
        "fr": "Des objets choisis pour tous les jours",
    },
    "nav.skip": {"en": "Skip to content", "fr": "Aller au contenu"},
    # The browser tab's title of each page (components/i18n.py page_title adds the shop).
    "title.sign_in": {"en": "Sign in", "fr": "Connexion"},
    "title.reset": {"en": "Reset your password", "fr": "Nouveau mot de passe"},
    "title.closed": {"en": "Account closed", "fr": "Compte fermé"},
    "title.email": {"en": "Your new email", "fr": "Votre nouvel e-mail"},
    "title.account": {"en": "Your account", "fr": "Votre compte"},
    "title.cart": {"en": "Your cart", "fr": "Votre panier"},
    "title.checkout": {"en": "Checkout", "fr": "Paiement"},
    "title.order": {"en": "Your order", "fr": "Votre commande"},
    "title.not_found": {"en": "Page not found", "fr": "Page introuvable"},
    "nav.home": {"en": "Home", "fr": "Accueil"},
    "nav.home_link": {"en": "Boutique — home", "fr": "Boutique — accueil"},
    "nav.breadcrumb": {"en": "Breadcrumb", "fr": "Fil d’Ariane"},
    "nav.departments": {"en": "Departments", "fr": "Rayons"},
    "nav.all_departments": {"en": "All departments", "fr": "Tous les rayons"},
    "nav.language": {"en": "Language", "fr": "Langue"},
    "nav.shop_all": {"en": "Shop all", "fr": "Tout voir"},
    "footer.rights": {
        "en": "Boutique, an open-source shop.",
        "fr": "Boutique, une boutique open source.",
    },
    "footer.payments": {"en": "Secure payments", "fr": "Paiement sécurisé"},
    "footer.delivery": {"en": "Delivery across Europe", "fr": "Livraison dans toute l’Europe"},
    # {days}: BOUTIQUE_WITHDRAWAL_DAYS, the shop's period for withdrawing (returns).
    "footer.returns": {"en": "{days}-day returns", "fr": "Retours sous {days} jours"},
    # Before BOUTIQUE_CONTACT_EMAIL (or the sender's address), a mailto link.
    "footer.contact": {
        "en": "Questions? Write to us:",
        "fr": "Une question\u202f? Écrivez-nous\u202f:",
    },
    # Home
    "home.hero_title": {
        "en": "Well-made things, fairly priced",
        "fr": "Des objets bien faits, au juste prix",
    },
    "home.hero_text": {
        "en": "Furniture, kitchen, fashion and more, chosen for how long they last.",
        "fr": "Mobilier, cuisine, mode et plus encore, choisis pour leur durabilité.",
    },
    "home.featured": {"en": "Featured", "fr": "À la une"},
    "home.newest": {"en": "New arrivals", "fr": "Nouveautés"},
    "home.best_rated": {"en": "Best rated", "fr": "Les mieux notés"},
    "home.departments": {"en": "Shop by department", "fr": "Acheter par rayon"},
    # Product
    "product.in_stock": {"en": "In stock", "fr": "En stock"},
    # A size is never chosen for the shopper (QA: the first, highlighted, was bought unchosen).
    "product.size_to_choose": {"en": "choose one", "fr": "à choisir"},
    "product.choose_size": {
        "en": "Choose a size first.",
        "fr": "Choisissez d’abord une taille.",
    },
    "product.choose_shoe_size": {
        "en": "Choose a size first.",
        "fr": "Choisissez d’abord une pointure.",
    },
    # "Only 3 left": the words around the count of a variant nearly sold out.
    "product.only": {"en": "Only", "fr": "Plus que"},
    "product.left": {"en": "left", "fr": "en stock"},
    "product.out_of_stock": {"en": "Out of stock", "fr": "Rupture de stock"},
    "product.price_from": {"en": "from", "fr": "à partir de"},
    "product.choose": {"en": "Choose", "fr": "Choisir"},
    "product.unavailable": {
        "en": "This combination is not available.",
        "fr": "Cette combinaison n’est pas disponible.",
    },
    "product.sku": {"en": "SKU", "fr": "Référence"},
    # Between a label and its value ("Size: M"): French puts a space before the colon, one
    # that does not break, so that the colon never starts a line ("Taille : M").
    "punct.colon": {"en": ": ", "fr": "\u202f: "},
    # After a number: 20% in English, 20 % in French (the same narrow no-break space).
    "punct.percent": {"en": "%", "fr": "\u202f%"},
    # Around a shopper's words: “sofa” in English, « canapé » in French.
    "punct.open_quote": {"en": "“", "fr": "«\u202f"},
    "punct.close_quote": {"en": "”", "fr": "\u202f»"},
    "product.description": {"en": "Description", "fr": "Description"},
    "product.details": {"en": "Details", "fr": "Caractéristiques"},
    "product.brand": {"en": "Brand", "fr": "Marque"},
    "product.rated": {
        "en": "Rated {rating} out of 5, {count} reviews",
        "fr": "Noté {rating} sur 5, {count} avis",
    },
    "product.rated.one": {
        "en": "Rated {rating} out of 5, 1 review",
        "fr": "Noté {rating} sur 5, 1 avis",
    },
    "product.no_reviews": {"en": "No reviews yet", "fr": "Pas encore d’avis"},
    "product.save": {"en": "Save", "fr": "Économisez"},
    "product.was": {"en": "Was", "fr": "Au lieu de"},  # read before a crossed-out price
    "product.listed_on": {"en": "In the shop since", "fr": "En boutique depuis le"},
    "word.and": {"en": "and", "fr": "et"},
    # Accounts
    "account.title": {"en": "Your account", "fr": "Votre compte"},
    "account.sign_in": {"en": "Sign in", "fr": "Se connecter"},
    "account.sign_up": {"en": "Create an account", "fr": "Créer un compte"},
    "account.sign_out": {"en": "Sign out", "fr": "Se déconnecter"},
    "account.email": {"en": "Email", "fr": "E-mail"},
    "account.password": {"en": "Password", "fr": "Mot de passe"},
    "account.new_password": {"en": "New password", "fr": "Nouveau mot de passe"},
    "account.name": {"en": "Name", "fr": "Nom"},
    "account.password_hint": {
        "en": "At least 10 characters.",
        "fr": "Au moins 10 caractères.",
    },
    "account.forgot": {"en": "Forgot your password?", "fr": "Mot de passe oublié\u202f?"},
    "account.reset_title": {"en": "Reset your password", "fr": "Réinitialiser le mot de passe"},
    "account.reset_send": {"en": "Email me a link", "fr": "M’envoyer un lien"},
    # The reset page's two forms, under its title (which they repeated).
    "account.reset_choose": {
        "en": "Choose a new password",
        "fr": "Choisissez un nouveau mot de passe",
    },
    "account.reset_ask": {
        "en": "Get a reset link by email",
        "fr": "Recevoir un lien par e-mail",
    },
    "account.reset_save": {"en": "Save the new password", "fr": "Enregistrer le mot de passe"},
    "account.reset_sent": {
        "en": "If an account uses this email, a link to reset its password is on its way.",
        "fr": "Si un compte utilise cet e-mail, un lien de réinitialisation vient d’être envoyé.",
    },
    "account.signed_in_as": {"en": "Signed in as", "fr": "Connecté en tant que"},
    "account.error.email": {
        "en": "Please enter a valid email address.",
        "fr": "Veuillez saisir une adresse e-mail valide.",
    },
    "account.error.password_short": {
        "en": "The password needs at least 10 characters.",
        "fr": "Le mot de passe doit compter au moins 10 caractères.",
    },
    "account.error.password_guessable": {
        "en": "This password is too easy to guess (a common word, a repeated pattern, a "
        "keyboard row or the name in your email): try a few words of your own.",
        "fr": "Ce mot de passe est trop facile à deviner (mot courant, motif répété, suite "
        "de touches ou nom de votre adresse e-mail)\u202f: essayez quelques mots à vous.",
    },
    "account.error.password_long": {
        "en": "The password is too long (256 characters at most).",
        "fr": "Le mot de passe est trop long (256 caractères au plus).",
    },
    "account.error.taken": {
        "en": "An account already uses this email. Sign in instead?",
        "fr": "Un compte utilise déjà cet e-mail. Se connecter\u202f?",
    },
    "account.error.credentials": {
        "en": "This email and password do not match.",
        "fr": "Cet e-mail et ce mot de passe ne correspondent pas.",
    },
    "account.error.locked": {
        "en": "Too many attempts. Please wait 15 minutes, or reset your password.",
        "fr": "Trop de tentatives. Patientez 15 minutes, ou réinitialisez le mot de passe.",
    },
    "account.error.too_many": {
        "en": "Too many attempts from your network. Nothing was done; please try again later.",
        "fr": (
            "Trop de tentatives depuis votre réseau. Rien n’a été fait\u202f; réessayez plus tard."
        ),
    },
    "account.error.reset_invalid": {
        "en": "This link has expired or was already used. Ask for a new one.",
        "fr": "Ce lien a expiré ou a déjà servi. Demandez-en un nouveau.",
    },
    # Errors
    "form.error.control": {
        "en": "A field holds an invisible control character: remove it and try again.",
        "fr": "Un champ contient un caractère de contrôle invisible\u202f: retirez-le et "
        "réessayez.",
    },
    "notfound.title": {"en": "Page not found", "fr": "Page introuvable"},
    "notfound.text": {
        "en": "We could not find this page. It may have moved, or the link may be wrong.",
        "fr": (
            "Nous n’avons pas trouvé cette page. "
            "Elle a peut-être été déplacée, ou le lien est erroné."
        ),
    },
    "notfound.product": {
        "en": "This product does not exist or is no longer sold.",
        "fr": "Ce produit n’existe pas ou n’est plus vendu.",
    },
    "notfound.category": {
        "en": "This category does not exist.",
        "fr": "Cette catégorie n’existe pas.",
    },
    "notfound.back_home": {"en": "Back to the home page", "fr": "Retour à l’accueil"},
    "loading": {"en": "Loading…", "fr": "Chargement…"},
}

MESSAGES.update(LISTING_MESSAGES)
MESSAGES.update(SEARCH_MESSAGES)
MESSAGES.update(RECS_MESSAGES)
MESSAGES.update(CART_MESSAGES)
MESSAGES.update(RESTOCK_MESSAGES)
MESSAGES.update(CANCEL_MESSAGES)
MESSAGES.update(WITHDRAWAL_MESSAGES)
MESSAGES.update(NOTICE_MESSAGES)
MESSAGES.update(OFFLINE_REFUND_MESSAGES)
MESSAGES.update(REVIEW_MESSAGES)
MESSAGES.update(CUSTOMER_MESSAGES)
MESSAGES.update(CHECKOUT_MESSAGES)
MESSAGES.update(ORDER_MESSAGES)
MESSAGES.update(INVOICE_MESSAGES)
MESSAGES.update(ACCOUNT_MESSAGES)
MESSAGES.update(ACCOUNT_MAIL_MESSAGES)
MESSAGES.update(EMAIL_CONFIRM_MESSAGES)
MESSAGES.update(ADMIN_MESSAGES)
MESSAGES.update(ADMIN_CATALOG_MESSAGES)
MESSAGES.update(ADMIN_CATALOG_IO_MESSAGES)
MESSAGES.update(ADMIN_CATEGORY_MESSAGES)
MESSAGES.update(ADMIN_MERCHANDISING_MESSAGES)
MESSAGES.update(ADMIN_IMAGE_MESSAGES)
MESSAGES.update(ADMIN_IMPORT_PROBLEM_MESSAGES)
MESSAGES.update(ADMIN_ORDER_MESSAGES)
MESSAGES.update(ADMIN_CANCEL_MESSAGES)
MESSAGES.update(POLICY_MESSAGES)


def translate(locale: str, key: str, **params: object) -> str:
    """The text of `key` in `locale` (English when missing), with {placeholders} filled (a
    French word elided before a value that starts with a vowel: qu’Hélène); with a `count`,
    in its singular or plural form."""
    entry = MESSAGES.get(plural_key(locale, key, params["count"]) if "count" in params else key)
    if entry is None:
        return key
    text = entry.get(locale) or entry[DEFAULT_LOCALE]
    return elide(locale, text, params).format(**params) if params else text


def plural_key(locale: str, key: str, count: object) -> str:
    """`key`, or its singular `<key>.one` when it has one and `count` takes it in `locale`."""
    one = f"{key}.one"
    return one if one in MESSAGES and count in ONE.get(locale, ONE[DEFAULT_LOCALE]) else key


def translations(key: str, fallback: str | None = None, **params: object) -> dict[str, str]:
    """Every locale's text for `key`; `fallback` (or the key) where it has none; with
    {placeholders} filled from `params` when given, whole numbers written as each locale
    writes them (100,000 in English, 100 000 in French)."""
    entry = MESSAGES.get(key, {})
    default = entry.get(DEFAULT_LOCALE) or fallback or key
    texts = {locale: entry.get(locale) or default for locale in LOCALES}
    if not params:
        return texts
    filled = {}
    for locale, text in texts.items():
        values = {k: _localized(locale, v) for k, v in params.items()}
        filled[locale] = elide(locale, text, values).format(**values)
    return filled


def country_name(locale: str, code: str) -> str:
    """A country's name in `locale` from the checkout's list (country.<ISO code>), or its code
    when the list has none."""
    key = f"country.{code.upper()}"
    return translate(locale, key) if key in MESSAGES else code


def _localized(locale: str, value: object) -> object:
    return format_number(locale, value) if type(value) is int else value


def attribute_labels(attribute_key: str) -> dict[str, str]:
    """Labels of an attribute key, e.g. 'colour' -> {'en': 'Colour', 'fr': 'Couleur'}."""
    return translations(f"attr.{attribute_key}", attribute_key.replace("_", " ").capitalize())


def attribute_lines(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Attributes or options named by their labels as the shop shows them, in each locale:
    [("screen_size", '13"'), ("colour", "Red")] -> {"en": 'Screen size: 13" · Colour: Red',
    "fr": 'Taille d’écran : 13" · Couleur : Red'}; the values as the merchant wrote
    them, as the shop shows them too."""
    named = [(attribute_labels(key), value) for key, value in pairs]
    return {
        locale: " · ".join(
            f"{labels[locale]}{translate(locale, 'punct.colon')}{value}" for labels, value in named
        )
        for locale in LOCALES
    }


def normalize_locale(value: str | None, fallback: str = DEFAULT_LOCALE) -> str:
    """A supported locale from a cookie or an Accept-Language header; `fallback` (English
    unless the shop's language is given) otherwise."""
    if not value:
        return fallback
    for part in value.split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in LOCALES:
            return tag
    return fallback
