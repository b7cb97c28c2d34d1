"""UI text of the merchandiser admin (merged into storefront.i18n.MESSAGES)."""

from __future__ import annotations

from typing import Final

from storefront.i18n_entry import en_fr as _m

ADMIN_MESSAGES: Final[dict[str, dict[str, str]]] = {
    # Frame
    "admin.nav.label": _m("Admin sections", "Sections de l’administration"),
    "admin.nav.dashboard": _m("Dashboard", "Tableau de bord"),
    "admin.nav.products": _m("Products", "Produits"),
    "admin.nav.stock": _m("Stock", "Stock"),
    "admin.nav.import": _m("Import and export", "Import et export"),
    "admin.nav.orders": _m("Orders", "Commandes"),
    "admin.nav.discounts": _m("Discount codes", "Codes de réduction"),
    "admin.nav.merchandising": _m("Merchandising", "Merchandising"),
    "admin.nav.team": _m("Team", "Équipe"),
    "admin.nav.audit": _m("Audit log", "Journal d’audit"),
    "admin.nav.storefront": _m("Back to the shop", "Retour à la boutique"),
    # Under every admin page: its dates and times are the shop's (BOUTIQUE_TIMEZONE), not the
    # reader's laptop's.
    "admin.zone_note": _m(
        "Dates and times are in the shop's time zone: {zone}.",
        "Dates et heures selon le fuseau horaire de la boutique\u202f: {zone}.",
    ),
    "admin.denied.title": _m("Staff only", "Réservé à l’équipe"),
    "admin.denied.body": _m(
        "Sign in with a staff or admin account to use the admin.",
        "Connectez-vous avec un compte de l’équipe pour accéder à l’administration.",
    ),
    "admin.denied.role_title": _m("Admins only", "Réservé aux administrateurs"),
    "admin.denied.role_body": _m(
        "This page is for admins: ask one if you need something done here.",
        "Cette page est réservée aux administrateurs\u202f: demandez à l’un d’eux si besoin.",
    ),
    # An action refused while its page is shown: what was typed stays on the page, but the
    # tab signs in again only through a reload (its connection keeps the cookie it had).
    "admin.error.denied": _m(
        "Your session ended or your role changed: nothing was done. What you typed stays on "
        "this page: copy what you need, then reload it to sign in again.",
        "Votre session a pris fin ou votre rôle a changé\u202f: rien n’a été fait. Ce que vous "
        "avez saisi reste sur cette page\u202f: copiez ce qu’il vous faut, puis rechargez-la pour "
        "vous reconnecter.",
    ),
    "admin.error.role": _m(
        "Your role may not do this: ask an admin.",
        "Votre rôle ne permet pas de faire cela\u202f: demandez à un administrateur.",
    ),
    "admin.form.error": _m(
        "Please correct the fields marked below.", "Veuillez corriger les champs indiqués."
    ),
    "admin.save": _m("Save", "Enregistrer"),
    "admin.edit": _m("Edit", "Modifier"),
    "admin.cancel": _m("Cancel", "Annuler"),
    "admin.confirm": _m("Confirm", "Confirmer"),
    "admin.dialog.back": _m("Go back", "Revenir"),
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
        "Staff manage the catalog, stock, orders, discounts and customers (including their "
        "data requests and closing their accounts), and refund up to the staff limit; admins "
        "also manage the team and refund any amount.",
        "L’équipe gère le catalogue, le stock, les commandes, les réductions et les clients "
        "(y compris leurs demandes de données et la fermeture de leur compte), et rembourse "
        "jusqu’à la limite fixée\u202f; les administrateurs gèrent aussi l’équipe et remboursent "
        "sans limite.",
    ),
    "admin.team.saved": _m("{email}: role saved.", "{email}\u202f: rôle enregistré."),
    "admin.team.joined_unmailed": _m(
        "{email}: role saved. They were signed out, and the email with the link to choose"
        ' their password could not be sent: they ask for one with "Forgot your password?"'
        " on the sign-in page.",
        "{email}\u202f: rôle enregistré. Le compte a été déconnecté, et l’e-mail portant le"
        " lien pour choisir son mot de passe n’a pas pu partir\u202f: il en demande un avec"
        " «\u202fMot de passe oublié\u202f?\u202f» sur la page de connexion.",
    ),
    "admin.team.joined": _m(
        "{email}: role saved. They were signed out and emailed a link to choose their"
        " password: the role is theirs once they use it.",
        "{email}\u202f: rôle enregistré. Le compte a été déconnecté et a reçu par e-mail un"
        " lien pour choisir son mot de passe\u202f: le rôle est à lui une fois ce lien utilisé.",
    ),
    "admin.team.error.role": _m("Choose a role.", "Choisissez un rôle."),
    "admin.team.error.unknown": _m(
        "No account has this email; ask them to sign up first.",
        "Aucun compte n’a cet e-mail\u202f; demandez d’abord à la personne de s’inscrire.",
    ),
    "admin.team.error.own_role": _m(
        "You cannot change your own role: another admin can.",
        "Vous ne pouvez pas changer votre propre rôle\u202f: un autre administrateur le peut.",
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
    "admin.audit.filter": _m("Subject starts with", "Objet commençant par"),
    "admin.audit.before": _m("Before", "Avant"),
    "admin.audit.after": _m("After", "Après"),
    # Each audited action, as the log names it (its code stays beside it).
    "admin.audit.action.catalog.export": _m("Catalog exported", "Catalogue exporté"),
    "admin.audit.action.catalog.import": _m("Catalog imported", "Catalogue importé"),
    "admin.audit.action.category.edit": _m("Category edited", "Catégorie modifiée"),
    "admin.audit.action.category.delete": _m("Category deleted", "Catégorie supprimée"),
    "admin.audit.action.product.create": _m("Product created", "Produit créé"),
    "admin.audit.action.product.edit": _m("Product edited", "Produit modifié"),
    "admin.audit.action.product.active": _m("Product published", "Produit publié"),
    "admin.audit.action.product.draft": _m("Product made a draft", "Produit passé en brouillon"),
    "admin.audit.action.product.archived": _m("Product archived", "Produit archivé"),
    "admin.audit.action.product.price": _m("Prices changed", "Prix modifiés"),
    "admin.audit.action.product.move": _m("Product moved", "Produit déplacé"),
    "admin.audit.action.product.feature": _m("Product featured", "Produit mis en avant"),
    "admin.audit.action.product.unfeature": _m(
        "Product no longer featured", "Produit plus mis en avant"
    ),
    "admin.audit.action.product.image": _m("Images changed", "Images modifiées"),
    "admin.audit.action.stock.adjust": _m("Stock adjusted", "Stock ajusté"),
    "admin.audit.action.order.fulfil": _m("Order shipped", "Commande expédiée"),
    "admin.audit.action.order.cancel": _m("Order canceled", "Commande annulée"),
    "admin.audit.action.order.mail_resent": _m(
        "Shipping mail sent again", "Mail d’expédition renvoyé"
    ),
    "admin.audit.action.order.refund": _m("Refund", "Remboursement"),
    "admin.audit.action.order.refund.settled": _m("Refund settled", "Remboursement réglé"),
    "admin.audit.action.order.customer_cancel": _m(
        "Canceled by the customer", "Annulée par le client"
    ),
    "admin.audit.action.order.customer_cancel.released": _m(
        "Customer's cancel given up", "Annulation du client abandonnée"
    ),
    "admin.audit.action.order.shop_cancel.asked": _m(
        "Cancel and refund asked", "Annulation et remboursement demandés"
    ),
    "admin.audit.action.order.shop_cancel": _m("Canceled by the shop", "Annulée par la boutique"),
    "admin.audit.action.order.shop_cancel.released": _m(
        "Shop's cancel given up", "Annulation de la boutique abandonnée"
    ),
    "admin.audit.action.order.refund_close": _m(
        "Canceled: refunded in full before shipping",
        "Annulée\u202f: remboursée en totalité avant expédition",
    ),
    "admin.audit.action.order.withdrawal": _m(
        "Withdrawal statement", "Déclaration de rétractation"
    ),
    "admin.audit.action.order.guest_joined": _m(
        "Guest order added to the customer's account", "Commande sans compte ajoutée au compte"
    ),
    "admin.audit.action.orders.export": _m("Orders exported", "Commandes exportées"),
    "admin.audit.action.refunds.export": _m("Refunds exported", "Remboursements exportés"),
    "admin.audit.action.discount.create": _m("Discount code created", "Code de réduction créé"),
    "admin.audit.action.discount.edit": _m("Discount code edited", "Code de réduction modifié"),
    "admin.audit.action.discount.expire": _m("Discount code expired", "Code de réduction expiré"),
    "admin.audit.action.discount.enable": _m(
        "Discount code switched on", "Code de réduction activé"
    ),
    "admin.audit.action.discount.disable": _m(
        "Discount code switched off", "Code de réduction désactivé"
    ),
    "admin.audit.action.customer.data": _m(
        "Customer data downloaded", "Données client téléchargées"
    ),
    "admin.audit.action.customer.close": _m("Customer account closed", "Compte client fermé"),
    "admin.audit.action.review.publish": _m("Review published", "Avis publié"),
    "admin.audit.action.review.hide": _m("Review hidden", "Avis masqué"),
    "admin.audit.action.policy.edit": _m("Policy edited", "Information légale modifiée"),
    "admin.audit.action.policy.reset": _m("Policy reset", "Information légale rétablie"),
    "admin.audit.action.role.set": _m("Role changed", "Rôle modifié"),
    # Discounts
    "admin.discount.new_title": _m("New code", "Nouveau code"),
    "admin.discount.edit_title": _m("Edit code", "Modifier le code"),
    "admin.discount.code": _m("Code", "Code"),
    "admin.discount.none": _m(
        "No discount code yet: the form above makes one.",
        "Aucun code de réduction pour l’instant\u202f: le formulaire ci-dessus en crée un.",
    ),
    "admin.discount.kind": _m("Kind", "Type"),
    "admin.discount.percent": _m("Percentage", "Pourcentage"),
    "admin.discount.fixed": _m("Fixed amount", "Montant fixe"),
    "admin.discount.value": _m("Value", "Valeur"),
    "admin.discount.minimum": _m("Minimum subtotal", "Sous-total minimum"),
    "admin.discount.expires": _m("Expires after", "Expire après le"),
    # An ended code's expiry cell, in the shop's time zone.
    "admin.discount.expired_on": _m("Expired on {day} at {time}", "Expiré le {day} à {time}"),
    "admin.discount.limit": _m("Usage limit", "Limite d’utilisation"),
    "admin.discount.used": _m("Used", "Utilisé"),
    # Uses counted for orders not paid yet: they come back if those are canceled.
    "admin.discount.awaiting": _m(
        "of which {count} awaiting payment", "dont {count} en attente de paiement"
    ),
    "admin.discount.expire": _m("Expire now", "Expirer"),
    "admin.discount.expire_title": _m("Expire this code now?", "Faire expirer ce code\u202f?"),
    "admin.discount.expire_body": _m(
        "Shoppers can no longer use it from now on. To use it again, edit its expiry date.",
        "Il ne pourra plus être utilisé dès maintenant. Pour le réutiliser, modifiez sa date "
        "d’expiration.",
    ),
    "admin.discount.on": _m("Switch on", "Activer"),
    "admin.discount.off": _m("Switch off", "Désactiver"),
    "admin.discount.status.active": _m("Active", "Actif"),
    "admin.discount.status.off": _m("Switched off", "Désactivé"),
    "admin.discount.status.expired": _m("Expired", "Expiré"),
    "admin.discount.status.held": _m(
        "Held by unpaid orders", "Retenu par des commandes non payées"
    ),
    "admin.discount.status.used_up": _m("Used up", "Épuisé"),
    "admin.discount.saved": _m("Code {code} saved.", "Code {code} enregistré."),
    "admin.discount.switched_on": _m(
        "Code {code} switched on: shoppers can use it.",
        "Code {code} activé\u202f: les clients peuvent l’utiliser.",
    ),
    "admin.discount.switched_on_unused": _m(
        "Code {code} switched on, but shoppers cannot use it: see its status.",
        "Code {code} activé, mais les clients ne peuvent pas l’utiliser\u202f: voyez son état.",
    ),
    "admin.discount.switched_off": _m(
        "Code {code} switched off: shoppers can no longer use it.",
        "Code {code} désactivé\u202f: les clients ne peuvent plus l’utiliser.",
    ),
    "admin.discount.expired": _m("Code {code} has expired.", "Le code {code} a expiré."),
    "admin.discount.error.code": _m(
        "3 to 40 letters, digits, - or _.", "3 à 40 lettres, chiffres, - ou _."
    ),
    "admin.discount.error.taken": _m("This code exists already.", "Ce code existe déjà."),
    "admin.discount.error.kind": _m("Choose percentage or fixed amount.", "Choisissez un type."),
    "admin.discount.error.percent": _m(
        "A whole percentage from {low} to {high}, e.g. 15 (no decimals).",
        "Un pourcentage entier de {low} à {high}, ex. 15 (sans décimales).",
    ),
    "admin.discount.error.amount": _m(
        "An amount above zero, e.g. 5 or 4.90.", "Un montant supérieur à zéro, ex. 5 ou 4,90."
    ),
    "admin.discount.error.minimum": _m(
        "An amount, e.g. 50 or 49.90.", "Un montant, ex. 50 ou 49,90."
    ),
    "admin.discount.error.limit": _m(
        "A whole number from {low} to {high}.", "Un nombre entier de {low} à {high}."
    ),
    "admin.discount.error.expires": _m("A date.", "Une date."),
    "admin.discount.error.past": _m(
        "This date has passed: a new code would never work.",
        "Cette date est passée\u202f: un nouveau code ne servirait jamais.",
    ),
    "admin.discount.error.too_large": _m("This amount is too large.", "Ce montant est trop élevé."),
    "admin.discount.error.unknown": _m("This code does not exist.", "Ce code n’existe pas."),
    "admin.discount.error.changed": _m(
        "Someone changed this code meanwhile: open it again to see its terms now.",
        "Quelqu’un a modifié ce code entre-temps\u202f: rouvrez-le pour voir ses conditions.",
    ),
    "admin.refund.error.over_staff_limit": _m(
        "Staff may refund up to {limit} of an order, its refunds together: more needs an admin.",
        "L’équipe peut rembourser jusqu’à {limit} par commande, remboursements cumulés\u202f: "
        "au-delà, il faut un administrateur.",
    ),
    "admin.order.refund_limit": _m(
        "Your refund limit: {limit} per order, its refunds together ({left} left on this one).",
        "Votre limite de remboursement\u202f: {limit} par commande, remboursements cumulés "
        "(il reste {left} sur celle-ci).",
    ),
    # Dashboard
    "admin.range.7": _m("7 days", "7 jours"),
    "admin.range.30": _m("30 days", "30 jours"),
    "admin.range.90": _m("90 days", "90 jours"),
    "admin.range.365": _m("12 months", "12 mois"),
    "admin.chart.revenue": _m("Revenue", "Chiffre d’affaires"),
    "admin.chart.orders": _m("Orders and average order value", "Commandes et panier moyen"),
    "admin.chart.orders_total": _m("Orders", "Commandes"),
    "admin.chart.funnel": _m("Conversion funnel (visitors)", "Tunnel de conversion (visiteurs)"),
    # Counted as each order is paid, at the lines' prices: what sold, not what was kept (the
    # revenue chart is net of discounts and refunds).
    "admin.chart.products": _m(
        "Top products by sales (before discounts and refunds)",
        "Meilleurs produits par ventes (avant remises et remboursements)",
    ),
    "admin.chart.categories": _m(
        "Top categories by sales (before discounts and refunds)",
        "Meilleures catégories par ventes (avant remises et remboursements)",
    ),
    "admin.chart.search": _m("Search", "Recherche"),
    "admin.chart.recs": _m("Recommendations", "Recommandations"),
    "admin.chart.empty": _m("Nothing in this period.", "Rien sur cette période."),
    "admin.series.revenue": _m("Revenue", "Chiffre d’affaires"),
    "admin.series.orders": _m("Orders", "Commandes"),
    "admin.series.average": _m("Average order", "Panier moyen"),
    "admin.series.visitors": _m("Visitors", "Visiteurs"),
    "admin.series.impressions": _m("Shown", "Affichages"),
    "admin.series.clicks": _m("Clicks", "Clics"),
    "admin.series.searches": _m("Searches", "Recherches"),
    "admin.funnel.viewed": _m("Viewed a product", "Ont vu un produit"),
    "admin.funnel.carted": _m("Added to cart", "Ont ajouté au panier"),
    "admin.funnel.checked_out": _m("Checked out", "Ont commandé"),
    "admin.funnel.paid": _m("Paid", "Ont payé"),
    "admin.widget": _m("Widget", "Module"),
    "admin.widget.similar": _m("Similar", "Similaires"),
    "admin.widget.bought_together": _m("Bought together", "Achetés ensemble"),
    "admin.widget.for_you": _m("For you", "Pour vous"),
    "admin.ctr": _m("Click-through", "Taux de clic"),
    "admin.attributed_orders": _m("Orders led to", "Commandes générées"),
    "admin.attributed_revenue": _m("Revenue led to", "CA généré"),
    "admin.search.count": _m("Searches", "Recherches"),
    "admin.search.zero": _m("Without results", "Sans résultat"),
    "admin.search.zero_queries": _m("Searches that found nothing", "Recherches sans résultat"),
    "admin.search.fix": _m("Fix it", "Corriger"),
    # A search that found nothing then and finds products now: nothing left to fix.
    "admin.search.found_now": _m("Finds products now", "Trouve des produits désormais"),
    "account.open_admin": _m("Open the admin", "Ouvrir l’administration"),
}
