"""Text of back-in-stock alerts: the product page's offer, the account's list, the mail and
the refusals (merged into storefront.i18n.MESSAGES)."""

from __future__ import annotations

from typing import Final

RESTOCK_MESSAGES: Final[dict[str, dict[str, str]]] = {
    # Sold out in every size, none chosen yet: an alert is for one size.
    "restock.choose_size": {
        "en": "Sold out. Choose a size to get an email when it is back in stock.",
        "fr": "Épuisé. Choisissez une taille pour recevoir un e-mail dès son retour en stock.",
    },
    "restock.offer": {
        "en": "Sold out. Get an email when it is back in stock:",
        "fr": "Épuisé. Recevez un e-mail dès son retour en stock\u202f:",
    },
    "restock.email": {"en": "Your email", "fr": "Votre e-mail"},
    "restock.notify": {"en": "Notify me", "fr": "Me prévenir"},
    "restock.notify_account": {
        "en": "Email me when it is back",
        "fr": "M’écrire à son retour",
    },
    "restock.subscribed": {
        "en": "We'll tell you by email when it is back in stock.",
        "fr": "Nous vous écrirons dès son retour en stock.",
    },
    "restock.subscribed_guest": {
        "en": "Almost done: open the link we emailed to {email} to confirm it is yours. "
        "(If this address already waits for it, or was sent links lately, no new link "
        "goes.)",
        "fr": "Presque fini\u202f: ouvrez le lien envoyé à {email} pour confirmer que "
        "l’adresse est la vôtre. (Si elle attend déjà cet article, ou a reçu des liens "
        "récemment, aucun nouveau lien n’est envoyé.)",
    },
    "restock.error.email": {
        "en": "Enter a valid email address.",
        "fr": "Saisissez une adresse e-mail valide.",
    },
    "restock.error.available": {
        "en": "This item is not sold out: you can buy it now, or it is no longer sold.",
        "fr": "Cet article n’est pas épuisé\u202f: vous pouvez l’acheter, ou il n’est plus vendu.",
    },
    "restock.error.throttled": {
        "en": "Too many alerts asked from this connection. Try again in an hour.",
        "fr": "Trop d’alertes demandées depuis cette connexion. Réessayez dans une heure.",
    },
    "restock.account.title": {
        "en": "Back-in-stock alerts",
        "fr": "Alertes de retour en stock",
    },
    "restock.account.empty": {
        "en": "You are not waiting for any item.",
        "fr": "Vous n’attendez aucun article.",
    },
    "restock.account.remove": {"en": "Stop waiting", "fr": "Ne plus attendre"},
    "restock.account.refused": {
        "en": "We could not email you at {email} when it was back in stock: the address was "
        "refused.",
        "fr": "Nous n’avons pas pu vous écrire à {email} à son retour en stock\u202f: "
        "l’adresse a été refusée.",
    },
    "restock.account.mailed": {
        "en": "Back in stock: we emailed you on {date}.",
        "fr": "De retour en stock\u202f: nous vous avons écrit le {date}.",
    },
    "restock.account.dismiss": {"en": "Remove", "fr": "Retirer"},
    "restock.account.dismissed": {
        "en": "{item}: removed from your list.",
        "fr": "{item}\u202f: retiré de votre liste.",
    },
    "restock.account.dismissed_unnamed": {
        "en": "Removed from your list.",
        "fr": "Retiré de votre liste.",
    },
    "restock.account.removed_unnamed": {
        "en": "You will not be emailed about it.",
        "fr": "Vous ne recevrez pas d’e-mail à ce sujet.",
    },
    "restock.account.removed": {
        "en": "{item}: you will not be emailed about it.",
        "fr": "{item}\u202f: vous ne recevrez pas d’e-mail à ce sujet.",
    },
    "restock.confirm_mail.subject": {
        "en": "Confirm your back-in-stock alert: {product}",
        "fr": "Confirmez votre alerte de retour en stock\u202f: {product}",
    },
    "restock.confirm_mail.intro": {
        "en": "You asked us to email this address once when {product} is back in stock. To "
        "confirm it is yours, open this link within {days} days and press its button:",
        "fr": "Vous nous avez demandé d’écrire à cette adresse une fois, dès le retour en "
        "stock de l’article «\u202f{product}\u202f». Pour confirmer qu’elle est la "
        "vôtre, ouvrez ce lien dans les {days} jours et appuyez sur son bouton\u202f:",
    },
    "restock.confirm_mail.ignore": {
        "en": "If you did not ask, ignore this email: we will not write to you about it.",
        "fr": "Si vous n’avez rien demandé, ignorez cet e-mail\u202f: nous ne vous écrirons "
        "pas à ce sujet.",
    },
    "restock.link.title": {"en": "Back-in-stock alert", "fr": "Alerte de retour en stock"},
    "restock.link.question": {
        "en": "Email {email} once when this is back in stock?",
        "fr": "Écrire à {email} une fois, dès son retour en stock\u202f?",
    },
    "restock.link.waiting": {
        "en": "Confirmed: we will email {email} once when this is back in stock.",
        "fr": "C’est confirmé\u202f: nous écrirons à {email} une fois, dès son retour en stock.",
    },
    "restock.link.in_stock": {
        "en": "Good news: it is back in stock already. Follow its link to order it.",
        "fr": "Bonne nouvelle\u202f: l’article est déjà de retour en stock. Suivez son lien pour "
        "le commander.",
    },
    "restock.link.confirm": {"en": "Yes, email me", "fr": "Oui, m’écrire"},
    "restock.link.stop": {"en": "No, forget it", "fr": "Non, oublier"},
    "restock.link.stopped": {
        "en": "Done: we will not email you about it.",
        "fr": "C’est fait\u202f: nous ne vous écrirons pas à ce sujet.",
    },
    "restock.link.invalid": {
        "en": "This link no longer works: it has expired, or its alert was sent or stopped. "
        "You can ask again on the product's page.",
        "fr": "Ce lien ne fonctionne plus\u202f: il a expiré, ou son alerte a été envoyée ou "
        "annulée. Vous pouvez la demander à nouveau sur la page du produit.",
    },
    "restock.mail.subject": {
        "en": "Back in stock: {product}",
        "fr": "De retour en stock\u202f: {product}",
    },
    "restock.mail.intro": {
        "en": "Good news: {product} is back in stock. Order it here while it lasts:",
        "fr": "Bonne nouvelle\u202f: {product} est de retour en stock. "
        "Commandez ici tant qu’il en reste\u202f:",
    },
    "restock.mail.once": {
        "en": "You asked us to tell you once: we will not write again about it.",
        "fr": "Vous nous avez demandé de vous prévenir une fois\u202f: "
        "nous ne vous écrirons plus à ce sujet.",
    },
}
