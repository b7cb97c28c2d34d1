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
    "admin.denied.role_title": _m("Admins only", "Réservé aux administrateurs"),
    "admin.denied.role_body": _m(
        "This page is for admins: ask one if you need something done here.",
        "Cette page est réservée aux administrateurs : demandez à l'un d'eux si besoin.",
    ),
    # An action refused while its page is shown: what was typed stays on the page, but the
    # tab signs in again only through a reload (its connection keeps the cookie it had).
    "admin.error.denied": _m(
        "Your session ended or your role changed: nothing was done. What you typed stays on "
        "this page: copy what you need, then reload it to sign in again.",
        "Votre session a pris fin ou votre rôle a changé : rien n'a été fait. Ce que vous avez "
        "saisi reste sur cette page : copiez ce qu'il vous faut, puis rechargez-la pour vous "
        "reconnecter.",
    ),
    "admin.error.role": _m(
        "Your role may not do this: ask an admin.",
        "Votre rôle ne permet pas de faire cela : demandez à un administrateur.",
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
    "admin.discount.expire_title": _m("Expire this code now?", "Faire expirer ce code ?"),
    "admin.discount.expire_body": _m(
        "Shoppers can no longer use it from now on. To use it again, edit its expiry date.",
        "Il ne pourra plus être utilisé dès maintenant. Pour le réutiliser, modifiez sa date "
        "d'expiration.",
    ),
    "admin.discount.on": _m("Switch on", "Activer"),
    "admin.discount.off": _m("Switch off", "Désactiver"),
    "admin.discount.status.active": _m("Active", "Actif"),
    "admin.discount.status.off": _m("Switched off", "Désactivé"),
    "admin.discount.status.expired": _m("Expired", "Expiré"),
    "admin.discount.status.used_up": _m("Used up", "Épuisé"),
    "admin.discount.saved": _m("Code {code} saved.", "Code {code} enregistré."),
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
        "An amount, e.g. 50 or 49,90.", "Un montant, ex. 50 ou 49,90."
    ),
    "admin.discount.error.limit": _m(
        "A whole number from {low} to {high}.", "Un nombre entier de {low} à {high}."
    ),
    "admin.discount.error.expires": _m("A date.", "Une date."),
    "admin.discount.error.past": _m(
        "This date has passed: a new code would never work.",
        "Cette date est passée : un nouveau code ne servirait jamais.",
    ),
    "admin.discount.error.too_large": _m("This amount is too large.", "Ce montant est trop élevé."),
    "admin.discount.error.unknown": _m("This code does not exist.", "Ce code n'existe pas."),
    "admin.discount.error.changed": _m(
        "Someone changed this code meanwhile: open it again to see its terms now.",
        "Quelqu'un a modifié ce code entre-temps : rouvrez-le pour voir ses conditions.",
    ),
    "admin.refund.error.over_staff_limit": _m(
        "Staff may refund up to {limit} of an order, its refunds together: more needs an admin.",
        "L'équipe peut rembourser jusqu'à {limit} par commande, remboursements cumulés : "
        "au-delà, il faut un administrateur.",
    ),
    "admin.order.refund_limit": _m(
        "Your refund limit: {limit} per order, its refunds together ({left} left on this one).",
        "Votre limite de remboursement : {limit} par commande, remboursements cumulés "
        "(il reste {left} sur celle-ci).",
    ),
    # Orders
    "admin.orders.all": _m("All", "Toutes"),
    "admin.orders.to_ship": _m("To ship", "À expédier"),
    "admin.orders.from": _m("Placed from", "Passées du"),
    "admin.orders.to": _m("to", "au"),
    "admin.orders.customer": _m("Customer", "Client"),
    "admin.orders.found": _m("orders", "commandes"),
    "admin.orders.found.one": _m("order", "commande"),
    "admin.orders.error.dates": _m(
        "The From date is after the To date: no order can match. Swap them to see the orders.",
        "La date de début est après la date de fin : aucune commande ne peut correspondre. "
        "Inversez-les pour voir les commandes.",
    ),
    "admin.orders.error.to_before_from": _m("Before the From date.", "Avant la date de début."),
    "admin.orders.export": _m("Download as CSV", "Télécharger en CSV"),
    "admin.orders.export_refunds": _m(
        "Refunds made in these dates (CSV)", "Remboursements faits à ces dates (CSV)"
    ),
    "admin.orders.date": _m("Placed", "Passée le"),
    "admin.orders.items": _m("Items", "Articles"),
    "admin.orders.refunded": _m("Refunded", "Remboursé"),
    "admin.order.title": _m("Order", "Commande"),
    "admin.order.back": _m("← All orders", "← Toutes les commandes"),
    "admin.order.vat": _m("of which VAT", "dont TVA"),
    "admin.order.method": _m("Shipping:", "Livraison :"),
    "admin.order.payment": _m("Payment", "Paiement"),
    "admin.order.stock_short": _m(
        "Paid after its stock hold ran out, when the stock had sold out meanwhile: restock it "
        "or refund before shipping.",
        "Payée après la fin de sa réservation, quand le stock était épuisé : réapprovisionnez "
        "ou remboursez avant d'expédier.",
    ),
    "admin.order.ship_title": _m("Ship this order", "Expédier cette commande"),
    "admin.order.carrier": _m("Carrier", "Transporteur"),
    "admin.order.tracking": _m("Tracking number", "Numéro de suivi"),
    "admin.order.ship": _m(
        "Mark shipped and email the shopper", "Marquer expédiée et prévenir le client"
    ),
    "admin.order.shipped": _m(
        "Order {reference} shipped; the shopper was emailed.",
        "Commande {reference} expédiée ; le client a été prévenu.",
    ),
    "admin.order.shipped_on": _m("Shipped on", "Expédiée le"),
    "admin.order.resend": _m("Email the tracking number again", "Renvoyer le numéro de suivi"),
    "admin.order.mail_sent": _m("Email sent.", "E-mail envoyé."),
    "admin.order.cancel": _m("Cancel order", "Annuler la commande"),
    "admin.order.cancel_confirm": _m(
        "Cancel this unpaid order and release its stock?",
        "Annuler cette commande impayée et libérer son stock ?",
    ),
    "admin.order.canceled": _m("Order {reference} canceled.", "Commande {reference} annulée."),
    "admin.order.refund_title": _m("Refund", "Remboursement"),
    "admin.refund.when": _m("Refunded on", "Remboursé le"),
    "admin.refund.amount": _m("Amount", "Montant"),
    "admin.refund.state": _m("Status", "Statut"),
    "admin.refund.reason": _m("Reason", "Motif"),
    "admin.refund.note": _m("Note", "Remarque"),
    "admin.refund.status.pending": _m("Pending", "En cours"),
    "admin.refund.status.succeeded": _m("Refunded", "Remboursé"),
    "admin.refund.status.failed": _m("Failed", "Échoué"),
    "admin.refund.at_provider": _m(
        "Made in the payment provider's dashboard", "Fait dans le tableau de bord du prestataire"
    ),
    "admin.refund.pending_note": _m(
        "The payment provider has not given this money back yet.",
        "Le prestataire de paiement n'a pas encore rendu cet argent.",
    ),
    "admin.refund.failed_note": _m(
        "Not made: nothing was given back.", "Non effectué : rien n'a été rendu."
    ),
    "admin.refund.reversed_note": _m(
        "Went through, then failed on {date}: the money came back to the shop's payment "
        "account and the customer has not received it.",
        "Passé, puis échoué le {date} : l'argent est revenu sur le compte de paiement de la "
        "boutique et le client ne l'a pas reçu.",
    ),
    "admin.order.refund_reversed": _m(
        "A refund of this order failed after it went through (the customer's card was closed, "
        "say): the payment provider gave the money back to the shop, not to the customer. "
        "The customer was mailed that it did not reach them and that they will be refunded "
        "another way: do so, by a bank transfer for instance.",
        "Un remboursement de cette commande a échoué après être passé (la carte du client a été "
        "fermée, par exemple) : le prestataire a rendu l'argent à la boutique, pas au client. "
        "Le client a été prévenu par e-mail qu'il ne l'a pas reçu et qu'il sera remboursé "
        "autrement : faites-le, par virement par exemple.",
    ),
    "admin.order.refundable": _m("Left to refund:", "Reste à rembourser :"),
    "admin.order.amount": _m("Amount", "Montant"),
    "admin.order.reason": _m("Reason (optional)", "Motif (facultatif)"),
    "admin.order.refund": _m("Refund…", "Rembourser…"),
    "admin.order.refund_confirm": _m(
        "Refund {amount} to the shopper's card?",
        "Rembourser {amount} sur la carte du client ?",
    ),
    "admin.order.refund_confirm_body": _m(
        "The payment provider is asked at once; this cannot be undone.",
        "Le prestataire de paiement est sollicité aussitôt ; c'est irréversible.",
    ),
    "admin.order.refunded": _m(
        "Refund of order {reference} made.", "Remboursement de la commande {reference} effectué."
    ),
    "admin.order.refund_pending": _m(
        "Refund of order {reference} asked: the payment provider is still processing it; it "
        "counts as refunded once it goes through.",
        "Remboursement de la commande {reference} demandé : le prestataire de paiement le traite "
        "encore ; il comptera comme remboursé une fois passé.",
    ),
    "admin.carrier.colissimo": _m("Colissimo", "Colissimo"),
    "admin.carrier.chronopost": _m("Chronopost", "Chronopost"),
    "admin.carrier.la_poste": _m("La Poste", "La Poste"),
    "admin.carrier.dhl": _m("DHL", "DHL"),
    "admin.carrier.ups": _m("UPS", "UPS"),
    "admin.carrier.fedex": _m("FedEx", "FedEx"),
    "admin.carrier.other": _m("Other carrier", "Autre transporteur"),
    "admin.order.error.not_found": _m("There is no such order.", "Cette commande n'existe pas."),
    "admin.order.error.stock_short": _m(
        "Part of this order is still out of stock: restock it, or refund the order.",
        "Une partie de cette commande est toujours en rupture : réapprovisionnez, ou "
        "remboursez la commande.",
    ),
    "admin.order.error.carrier": _m("Choose a carrier.", "Choisissez un transporteur."),
    "admin.order.error.tracking_number": _m(
        "3 to 40 letters, digits, spaces or dashes.", "3 à 40 lettres, chiffres, espaces ou tirets."
    ),
    "admin.order.error.not_paid": _m(
        "Only a paid order can be shipped.", "Seule une commande payée peut être expédiée."
    ),
    "admin.order.error.canceled": _m("This order was canceled.", "Cette commande a été annulée."),
    "admin.order.error.already_fulfilled": _m(
        "This order has already shipped; nothing was changed.",
        "Cette commande est déjà expédiée ; rien n'a été modifié.",
    ),
    "admin.order.error.refunded_meanwhile": _m(
        "Part of this order was refunded meanwhile: check what is left, then ship it.",
        "Une partie de cette commande a été remboursée entre-temps : vérifiez ce qui reste, "
        "puis expédiez-la.",
    ),
    "admin.order.error.refunded": _m(
        "This order was refunded.", "Cette commande a été remboursée."
    ),
    "admin.order.error.not_fulfilled": _m(
        "This order has not shipped yet.", "Cette commande n'est pas encore expédiée."
    ),
    "admin.order.error.refund_instead": _m(
        "This order is paid: refund it instead.", "Cette commande est payée : remboursez-la plutôt."
    ),
    "admin.order.error.already_canceled": _m(
        "This order is canceled; nothing more was changed.",
        "Cette commande est annulée ; rien d'autre n'a changé.",
    ),
    "admin.order.error.not_cancelable": _m(
        "This order can no longer be canceled.", "Cette commande ne peut plus être annulée."
    ),
    "admin.order.error.provider": _m(
        "The payment provider could not be reached; try again.",
        "Le prestataire de paiement est injoignable ; réessayez.",
    ),
    "admin.order.error.paid_meanwhile": _m(
        "The shopper paid meanwhile: the order stays paid.",
        "Le client a payé entre-temps : la commande reste payée.",
    ),
    "admin.refund.error.amount": _m(
        "An amount above zero, at most what is left to refund.",
        "Un montant supérieur à zéro, au plus le reste à rembourser.",
    ),
    "refund.error.not_refundable": _m(
        "Only a paid order can be refunded.", "Seule une commande payée peut être remboursée."
    ),
    "refund.error.amount": _m(
        "This amount cannot be refunded.", "Ce montant ne peut pas être remboursé."
    ),
    "refund.error.key": _m(
        "This refund request is invalid; reload the page.",
        "Cette demande de remboursement est invalide ; rechargez la page.",
    ),
    "refund.error.exceeds_paid": _m(
        "That would refund more than was paid.", "Cela rembourserait plus que le montant payé."
    ),
    "refund.error.key_reused": _m(
        "This refund request was already used; reload the page.",
        "Cette demande de remboursement a déjà servi ; rechargez la page.",
    ),
    "refund.error.provider": _m(
        "The payment provider could not be reached; try again.",
        "Le prestataire de paiement est injoignable ; réessayez.",
    ),
    "refund.error.failed": _m(
        "The payment provider refused this refund, or never received it: nothing was"
        " refunded. You may ask again.",
        "Le prestataire de paiement a refusé ce remboursement, ou ne l'a jamais reçu :"
        " rien n'a été remboursé. Vous pouvez le redemander.",
    ),
    # Dashboard
    "admin.range.7": _m("7 days", "7 jours"),
    "admin.range.30": _m("30 days", "30 jours"),
    "admin.range.90": _m("90 days", "90 jours"),
    "admin.range.365": _m("12 months", "12 mois"),
    "admin.chart.revenue": _m("Revenue", "Chiffre d'affaires"),
    "admin.chart.orders": _m("Orders and average order value", "Commandes et panier moyen"),
    "admin.chart.orders_total": _m("Orders", "Commandes"),
    "admin.chart.funnel": _m("Conversion funnel (visitors)", "Tunnel de conversion (visiteurs)"),
    "admin.chart.products": _m("Top products by revenue", "Meilleurs produits (CA)"),
    "admin.chart.categories": _m("Top categories by revenue", "Meilleures catégories (CA)"),
    "admin.chart.search": _m("Search", "Recherche"),
    "admin.chart.recs": _m("Recommendations", "Recommandations"),
    "admin.series.revenue": _m("Revenue", "Chiffre d'affaires"),
    "admin.series.orders": _m("Orders", "Commandes"),
    "admin.series.average": _m("Average order", "Panier moyen"),
    "admin.series.visitors": _m("Visitors", "Visiteurs"),
    "admin.series.impressions": _m("Shown", "Affichages"),
    "admin.series.clicks": _m("Clicks", "Clics"),
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
    "account.open_admin": _m("Open the admin", "Ouvrir l'administration"),
    # The mail telling a shopper their order shipped
    "mail.shipped.subject": _m(
        "Your order {reference} is on its way", "Votre commande {reference} est en route"
    ),
    "mail.shipped.greeting": _m("Hello {name},", "Bonjour {name},"),
    "mail.shipped.intro": _m(
        "Good news: your order {reference} has left our workshop.",
        "Bonne nouvelle : votre commande {reference} a quitté notre atelier.",
    ),
    "mail.shipped.carrier": _m("Carrier: {carrier}", "Transporteur : {carrier}"),
    "mail.shipped.tracking": _m("Tracking number: {tracking}", "Numéro de suivi : {tracking}"),
    "mail.shipped.carrier_other": _m("another carrier", "autre transporteur"),
    "mail.shipped.link": _m(
        "Follow your order at any time:", "Suivez votre commande à tout moment :"
    ),
}
