"""UI text of the admin's customers pages: the list, a customer's detail, and the GDPR
requests carried out for them (merged into storefront.i18n.MESSAGES)."""

from __future__ import annotations

from typing import Final

from storefront.i18n_entry import en_fr as _m

CUSTOMER_MESSAGES: Final[dict[str, dict[str, str]]] = {
    "admin.nav.customers": _m("Customers", "Clients"),
    "admin.customers.search": _m("Email or name", "E-mail ou nom"),
    "admin.customers.search_hint": _m(
        "Part of an email or a name", "Partie d’un e-mail ou d’un nom"
    ),
    "admin.customers.sort": _m("Sort by", "Trier par"),
    "admin.customers.sort.joined": _m("Sign-up date", "Date d’inscription"),
    "admin.customers.sort.spent": _m("Total spent", "Total dépensé"),
    "admin.customers.sort.last_order": _m("Last order", "Dernière commande"),
    "admin.customers.email": _m("Email", "E-mail"),
    "admin.customers.name": _m("Name", "Nom"),
    "admin.customers.joined": _m("Signed up", "Inscrit le"),
    "admin.customers.paid_orders": _m("Paid orders", "Commandes payées"),
    "admin.customers.spent": _m("Spent", "Dépensé"),
    "admin.customers.last_order": _m("Last order", "Dernière commande"),
    "admin.customers.count": _m("customers", "clients"),
    "admin.customers.count.one": _m("customer", "client"),
    "admin.customers.empty": _m("No customer matches.", "Aucun client ne correspond."),
    "admin.customers.none": _m(
        "No customers yet: shopper accounts show here once someone signs up (guests' orders"
        " are on the orders page).",
        "Aucun client pour l’instant : les comptes clients s’affichent ici dès qu’une"
        " personne s’inscrit (les commandes des invités sont sur la page des commandes).",
    ),
    "admin.customers.note": _m(
        "Shopper accounts only: guests' orders are on the orders page. Spent: what the paid "
        "orders came to, less what was refunded.",
        "Comptes clients seulement\u202f: les commandes des invités sont sur la page des "
        "commandes. Dépensé\u202f: le montant des commandes payées, moins les remboursements.",
    ),
    "admin.customer.title": _m("Customer", "Client"),
    "admin.customer.back": _m("← All customers", "← Tous les clients"),
    "admin.customer.addresses": _m("Saved addresses", "Adresses enregistrées"),
    "admin.customer.no_addresses": _m("No saved address.", "Aucune adresse enregistrée."),
    "admin.customer.orders": _m("Orders", "Commandes"),
    "admin.customer.no_orders": _m("No order.", "Aucune commande."),
    "admin.customer.order": _m("Order", "Commande"),
    "admin.customer.placed": _m("Placed", "Passée le"),
    "admin.customer.total": _m("Total", "Total"),
    "admin.customer.refunded": _m("Refunded", "Remboursé"),
    "admin.customer.email_confirmed": _m("Email confirmed", "E-mail confirmé"),
    "admin.customer.email_unconfirmed": _m(
        "Not yet (no mail it did not ask for)", "Pas encore (aucun e-mail non demandé)"
    ),
    "admin.customer.wishlist": _m("Wishlist items", "Articles en liste d’envies"),
    "admin.customer.alerts": _m(
        "Back-in-stock alerts waiting", "Alertes de retour en stock en attente"
    ),
    "admin.customer.alerts_refused": _m(
        "Of which not mailed (address refused by the mail server)",
        "Dont non envoyées (adresse refusée par le serveur de messagerie)",
    ),
    "admin.customer.requests": _m("Requests from the customer (GDPR)", "Demandes du client (RGPD)"),
    "admin.customer.data": _m("Download their data", "Télécharger ses données"),
    "admin.customer.data_confirm": _m(
        "Download this customer's data?", "Télécharger les données de ce client\u202f?"
    ),
    "admin.customer.data_help": _m(
        "The same file the customer downloads from their account: send it only to them. "
        "The download is written in the audit log.",
        "Le même fichier que celui que le client télécharge depuis son compte\u202f: ne "
        "l’envoyez qu’à lui. Le téléchargement est inscrit au journal d’audit.",
    ),
    "admin.customer.data_go": _m("Download", "Télécharger"),
    "admin.customer.close": _m("Close their account", "Fermer son compte"),
    "admin.customer.close_confirm": _m(
        "Close this account for good?", "Fermer ce compte définitivement\u202f?"
    ),
    "admin.customer.close_help": _m(
        "Only at the customer's request. As when they close it themselves: their profile, "
        "addresses, wishlist, alerts, reviews and browsing are deleted, their orders stay "
        "without their name on the account, and they get a receipt by mail. Type their "
        "email to confirm.",
        "Seulement à la demande du client. Comme s’il le fermait lui-même\u202f: son profil, ses "
        "adresses, sa liste d’envies, ses alertes, ses avis et sa navigation sont supprimés, "
        "ses commandes restent sans lien avec le compte, et il reçoit un accusé par e-mail. "
        "Saisissez son e-mail pour confirmer.",
    ),
    "admin.customer.confirm_email": _m("Their email", "Son e-mail"),
    "admin.customer.close_go": _m("Close the account", "Fermer le compte"),
    "admin.customer.closed": _m("{email}: account closed.", "{email}\u202f: compte fermé."),
    "admin.customer.error.gone": _m(
        "No such customer (closed, or a staff account).",
        "Ce client n’existe pas (compte fermé, ou compte de l’équipe).",
    ),
    "admin.customer.error.confirm": _m(
        "That is not this customer's email: type it exactly as shown above. Nothing was done.",
        "Ce n’est pas l’e-mail de ce client\u202f: saisissez-le exactement comme affiché "
        "ci-dessus. Rien n’a été fait.",
    ),
    # The merchant's closing (or data download) refused: each says why, and that nothing
    # was done.
    "admin.customer.error.closed": _m(
        "This customer's account is already closed: nothing was done.",
        "Le compte de ce client est déjà fermé\u202f: rien n’a été fait.",
    ),
    "admin.customer.error.staff": _m(
        "This is a staff account, not a customer's: take its role away on the Team page "
        "first. Nothing was done.",
        "C’est un compte de l’équipe, pas celui d’un client\u202f: retirez d’abord son rôle "
        "sur la page Équipe. Rien n’a été fait.",
    ),
    "admin.customer.error.ticket": _m(
        "This download has expired or was used already: ask for it again from the customer's page.",
        "Ce téléchargement a expiré ou a déjà servi\u202f: demandez-le à nouveau depuis la "
        "page du client.",
    ),
}
