"""Text of the notices every page may show: the server lost, an event that failed on it
(merged into storefront.i18n.MESSAGES)."""

from __future__ import annotations

from typing import Final

NOTICE_MESSAGES: Final[dict[str, dict[str, str]]] = {
    # The page lost the shop's server (components/connection_notice.py); gone once back.
    "connection.lost": {
        "en": "Connection to the shop lost: trying again…",
        "fr": "Connexion à la boutique perdue\u202f: nouvelle tentative…",
    },
    # An event failed because the shop could not reach its Redis or database; the page
    # reloads once /readyz says it is back (components/failure_notices.py).
    "outage.title": {
        "en": "The shop can't be reached for a moment.",
        "fr": "La boutique est momentanément injoignable.",
    },
    "outage.next": {
        "en": "Your last action did not go through. This page will reload by itself as soon "
        "as the shop is back.",
        "fr": "Votre dernière action n’a pas abouti. Cette page se rechargera d’elle-même dès "
        "le retour de la boutique.",
    },
    # At checkout and in the admin, or after a few reloads: the shopper reloads.
    "outage.manual": {
        "en": "Your last action did not go through. Try again in a moment, or reload this page.",
        "fr": "Votre dernière action n’a pas abouti. Réessayez dans un instant, ou rechargez "
        "cette page.",
    },
    "outage.reload": {"en": "Reload", "fr": "Recharger"},
    # Those pages once /readyz answers again.
    "outage.back": {"en": "The shop is back.", "fr": "La boutique est de retour."},
    "outage.again": {
        "en": "Try your last action again, or reload this page.",
        "fr": "Refaites votre dernière action, ou rechargez cette page.",
    },
    # An event handler failed on the server (storefront/event_failures.py; logged with its id).
    "error.event.title": {"en": "Something went wrong.", "fr": "Un problème est survenu."},
    "error.event.next": {
        "en": "It was on our side, and it is logged. Please try again in a moment.",
        "fr": "Il vient de chez nous, et il est noté. Réessayez dans un instant.",
    },
}
