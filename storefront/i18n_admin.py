"""UI text of the merchandiser admin (merged into storefront.i18n.MESSAGES)."""

from __future__ import annotations

from typing import Final


def _m(en: str, fr: str) -> dict[str, str]:
    return {"en": en, "fr": fr}


ADMIN_MESSAGES: Final[dict[str, dict[str, str]]] = {
    # Frame
    "admin.nav.label": _m("Admin sections", "Sections de l'administration"),
    "admin.nav.dashboard": _m("Dashboard", "Tableau de bord"),
    "admin.nav.products": _m("Products", "Produits"),
    "admin.nav.stock": _m("Stock", "Stock"),
    "admin.nav.import": _m("Import and export", "Import et export"),
    "admin.nav.orders": _m("Orders", "Commandes"),
    "admin.nav.discounts": _m("Discount codes", "Codes de réduction"),
    "admin.nav.merchandising": _m("Merchandising", "Merchandising"),
    "admin.nav.team": _m("Team", "Équipe"),
    "admin.nav.audit": _m("Audit log", "Journal d'audit"),
    "admin.nav.storefront": _m("Back to the shop", "Retour à la boutique"),
    "admin.denied.title": _m("Staff only", "Réservé à l'équipe"),
    "admin.denied.body": _m(
        "Sign in with a staff or admin account to use the admin.",
        "Connectez-vous avec un compte de l'équipe pour accéder à l'administration.",
    ),
    "admin.error.denied": _m(
        "Your account may not do this.", "Votre compte n'a pas le droit de faire cela."
    ),
    "admin.form.error": _m(
        "Please correct the fields marked below.", "Veuillez corriger les champs indiqués."
    ),
    "admin.save": _m("Save", "Enregistrer"),
    "admin.edit": _m("Edit", "Modifier"),
    "admin.cancel": _m("Cancel", "Annuler"),
    "admin.confirm": _m("Confirm", "Confirmer"),
    "admin.filter": _m("Filter", "Filtrer"),
    "admin.status": _m("Status", "Statut"),
    "admin.actions": _m("Actions", "Actions"),
    "admin.role.shopper": _m("Shopper (no admin access)", "Client (sans accès)"),
    "admin.role.staff": _m("Staff", "Équipe"),
    "admin.role.admin": _m("Admin", "Administrateur"),
    # Team
    "admin.team.email": _m("Email", "E-mail"),
    "admin.team.name": _m("Name", "Nom"),
    "admin.team.role": _m("Role", "Rôle"),
    "admin.team.help": _m(
        "Staff manage the catalog, stock, orders and discounts, and refund up to the staff "
        "limit; admins also manage the team and refund any amount.",
        "L'équipe gère le catalogue, le stock, les commandes et les réductions, et rembourse "
        "jusqu'à la limite fixée ; les administrateurs gèrent aussi l'équipe et remboursent "
        "sans limite.",
    ),
    "admin.team.saved": _m("{email}: role saved.", "{email} : rôle enregistré."),
    "admin.team.error.role": _m("Choose a role.", "Choisissez un rôle."),
    "admin.team.error.unknown": _m(
        "No account has this email; ask them to sign up first.",
        "Aucun compte n'a cet e-mail ; demandez d'abord à la personne de s'inscrire.",
    ),
    "admin.team.error.last_admin": _m(
        "The shop must keep at least one admin.",
        "La boutique doit garder au moins un administrateur.",
    ),
    # Audit
    "admin.audit.at": _m("When", "Quand"),
    "admin.audit.actor": _m("Who", "Qui"),
    "admin.audit.action": _m("Action", "Action"),
    "admin.audit.subject": _m("Subject", "Objet"),
    "admin.audit.before": _m("Before", "Avant"),
    "admin.audit.after": _m("After", "Après"),
    # Discounts
    "admin.discount.new_title": _m("New code", "Nouveau code"),
    "admin.discount.edit_title": _m("Edit code", "Modifier le code"),
    "admin.discount.code": _m("Code", "Code"),
    "admin.discount.kind": _m("Kind", "Type"),
    "admin.discount.percent": _m("Percentage", "Pourcentage"),
    "admin.discount.fixed": _m("Fixed amount", "Montant fixe"),
    "admin.discount.value": _m("Value", "Valeur"),
    "admin.discount.minimum": _m("Minimum subtotal", "Sous-total minimum"),
    "admin.discount.expires": _m("Expires after", "Expire après le"),
    "admin.discount.limit": _m("Usage limit", "Limite d'utilisation"),
    "admin.discount.used": _m("Used", "Utilisé"),
    "admin.discount.expire": _m("Expire now", "Expirer"),
    "admin.discount.on": _m("Switch on", "Activer"),
    "admin.discount.off": _m("Switch off", "Désactiver"),
    "admin.discount.saved": _m("Code {code} saved.", "Code {code} enregistré."),
    "admin.discount.expired": _m("Code {code} has expired.", "Le code {code} a expiré."),
    "admin.discount.error.code": _m(
        "3 to 40 letters, digits, - or _.", "3 à 40 lettres, chiffres, - ou _."
    ),
    "admin.discount.error.taken": _m("This code exists already.", "Ce code existe déjà."),
    "admin.discount.error.kind": _m("Choose percentage or fixed amount.", "Choisissez un type."),
    "admin.discount.error.value": _m(
        "A percentage from 1 to 100, or an amount above zero.",
        "Un pourcentage de 1 à 100, ou un montant supérieur à zéro.",
    ),
    "admin.discount.error.minimum": _m(
        "An amount, e.g. 50 or 49,90.", "Un montant, ex. 50 ou 49,90."
    ),
    "admin.discount.error.limit": _m(
        "A whole number above zero.", "Un nombre entier supérieur à zéro."
    ),
    "admin.discount.error.expires": _m("A date.", "Une date."),
    "admin.discount.error.unknown": _m("This code does not exist.", "Ce code n'existe pas."),
    "admin.refund.error.over_staff_limit": _m(
        "Refunds above the staff limit need an admin.",
        "Un remboursement au-delà de la limite de l'équipe demande un administrateur.",
    ),
}
