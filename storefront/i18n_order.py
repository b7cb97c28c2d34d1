"""UI and mail text of orders: the account's list, the order page, its statuses and delivery,
and the mails of a paid or refunded order (merged into storefront.i18n.MESSAGES)."""

from __future__ import annotations

from typing import Final

ORDER_MESSAGES: Final[dict[str, dict[str, str]]] = {
    "account.orders": {"en": "Your orders", "fr": "Vos commandes"},
    "account.no_orders": {
        "en": "No orders yet.",
        "fr": "Aucune commande pour l’instant.",
    },
    # Guest orders stay apart (sign-up proves no address): said where they are looked for (QA).
    "account.guest_orders": {
        "en": "Orders placed without signing in are not listed here: each one's confirmation "
        "email holds a link to it.",
        "fr": "Les commandes passées sans être connecté n’apparaissent pas ici\u202f: le "
        "mail de confirmation de chacune contient un lien vers elle.",
    },
    "order.title": {"en": "Thank you for your order", "fr": "Merci pour votre commande"},
    "order.heading": {"en": "Your order", "fr": "Votre commande"},
    "order.back_to_orders": {"en": "← Your orders", "fr": "← Vos commandes"},
    "order.reference": {"en": "Order", "fr": "Commande"},
    "order.placed": {"en": "Placed", "fr": "Passée le"},
    "order.status": {"en": "Status", "fr": "Statut"},
    "order.shipped_on": {"en": "Shipped on", "fr": "Expédiée le"},
    "order.tracking": {"en": "Tracking number:", "fr": "Numéro de suivi\u202f:"},
    "order.refunded": {"en": "Refunded to you", "fr": "Remboursé"},
    "order.mail_sent": {
        "en": "A confirmation has been sent to {email}.",
        "fr": "Une confirmation a été envoyée à {email}.",
    },
    "order.mail_due": {
        "en": "A confirmation will be sent to {email}.",
        "fr": "Une confirmation sera envoyée à {email}.",
    },
    # A paid order whose confirmation never went out, and never will (a day on).
    "order.mail_missed": {
        "en": "No confirmation email will be sent for this order: keep this page, or write to"
        " us if you need one.",
        "fr": "Aucun e-mail de confirmation ne sera envoyé pour cette commande\u202f: gardez"
        " cette page, ou écrivez-nous si vous en avez besoin.",
    },
    "order.canceled_unpaid": {
        "en": "This order was canceled before it was paid: nothing was charged.",
        "fr": "Cette commande a été annulée avant d’être payée\u202f: rien n’a été débité.",
    },
    "order.waiting": {
        "en": "We are waiting for your bank's answer; this page updates by itself.",
        "fr": "Nous attendons la réponse de votre banque\u202f; cette page se met à jour seule.",
    },
    "order.authentication_left": {
        "en": "Your card's authentication with your bank was not completed: nothing was "
        "charged. Go back to checkout to pay; otherwise this order is canceled by itself "
        "within {minutes} minutes.",
        "fr": "L’authentification de votre carte auprès de votre banque n’a pas abouti\u202f: "
        "rien n’a été débité. Retournez au paiement pour payer\u202f; sinon, cette commande "
        "s’annule d’elle-même sous {minutes}\u00a0minutes.",
    },
    "order.declined": {
        "en": "Your bank declined the payment: nothing was charged. Go back to checkout to "
        "pay, with another card if need be; otherwise this order is canceled by itself "
        "shortly after {time}.",
        "fr": "Votre banque a refusé le paiement\u202f: rien n’a été débité. Retournez au "
        "paiement pour payer, avec une autre carte au besoin\u202f; sinon, cette commande "
        "s’annule d’elle-même peu après le {time}.",
    },
    "order.to_checkout": {"en": "Back to checkout", "fr": "Retour au paiement"},
    "order.not_found_title": {"en": "Order not found", "fr": "Commande introuvable"},
    "order.not_found": {
        "en": "There is no such order, or it is not yours to see. If it is yours, sign in, or"
        " open the link from your order's email.",
        "fr": "Cette commande n’existe pas, ou vous ne pouvez pas la voir. Si elle est à vous,"
        " connectez-vous, ou ouvrez le lien de l’e-mail de votre commande.",
    },
    "order.status.pending": {"en": "Awaiting payment", "fr": "En attente de paiement"},
    "order.status.requires_action": {
        "en": "Awaiting card authentication",
        "fr": "Authentification de la carte en attente",
    },
    "order.status.failed": {"en": "Payment failed", "fr": "Paiement refusé"},
    "order.status.paid": {"en": "Paid", "fr": "Payée"},
    "order.status.fulfilled": {"en": "Shipped", "fr": "Expédiée"},
    "order.status.partially_refunded": {
        "en": "Partially refunded",
        "fr": "Partiellement remboursée",
    },
    "order.status.refunded": {"en": "Refunded", "fr": "Remboursée"},
    "order.status.canceled": {"en": "Canceled", "fr": "Annulée"},
    "mail.order.subject": {
        "en": "Your Boutique order {reference}",
        "fr": "Votre commande Boutique {reference}",
    },
    "mail.order.greeting": {"en": "Hello {name},", "fr": "Bonjour {name},"},
    "mail.order.intro": {
        "en": "Thank you: we received your payment for order {reference}.",
        "fr": "Merci\u202f: nous avons bien reçu votre paiement pour la commande {reference}.",
    },
    "mail.order.ship_to": {"en": "Delivered to:", "fr": "Livraison à\u202f:"},
    # An amount of the mail's summary, as the order page shows it; French puts a space before
    # the colon, as the mail's other lines do ("Livraison : Express").
    "mail.order.amount": {"en": "{label}: {amount}", "fr": "{label}\u202f: {amount}"},
    # The method an order was placed with, on its page and in its mail (without the price
    # conditions the checkout's choices state).
    "order.delivery": {"en": "Delivery: {method}", "fr": "Livraison\u202f: {method}"},
    "order.method.standard": {
        "en": "Standard, 3–5 working days",
        "fr": "Standard, 3 à 5 jours ouvrés",
    },
    "order.method.express": {
        "en": "Express, next working day",
        "fr": "Express, le jour ouvré suivant",
    },
    "mail.order.link": {
        "en": "Follow your order here:",
        "fr": "Suivez votre commande ici\u202f:",
    },
    "mail.refund.subject": {
        "en": "A refund for your Boutique order {reference}",
        "fr": "Un remboursement pour votre commande Boutique {reference}",
    },
    "mail.refund.intro": {
        "en": "We have refunded {amount} of your order {reference}.",
        "fr": "Nous vous avons remboursé {amount} sur votre commande {reference}.",
    },
    "mail.refund.total": {
        "en": "In all, {refunded} of the {total} you paid has been refunded.",
        "fr": "Au total, {refunded} des {total} payés vous ont été remboursés.",
    },
    "mail.refund.closed": {
        "en": "As it had not shipped, the order is now canceled: it will not be sent.",
        "fr": "Comme elle n’était pas expédiée, la commande est maintenant annulée\u202f: "
        "elle ne sera pas envoyée.",
    },
    "mail.refund_failed.subject": {
        "en": "A refund for your Boutique order {reference} did not reach you",
        "fr": "Un remboursement de votre commande Boutique {reference} ne vous est pas parvenu",
    },
    "mail.refund_failed.intro": {
        "en": "The refund of {amount} for your order {reference} could not be completed:"
        " your bank sent it back to us (the card it went to may be closed).",
        "fr": "Le remboursement de {amount} pour votre commande {reference} n’a pas pu"
        " aboutir\u202f: votre banque nous l’a renvoyé (la carte concernée est peut-être fermée).",
    },
    "mail.refund_failed.next": {
        "en": "Nothing is lost: we will refund you another way.",
        "fr": "Rien n’est perdu\u202f: nous vous rembourserons autrement.",
    },
    "mail.refund.delay": {
        "en": "The refund goes back to the card you paid with; your bank may take 5 to 10 days"
        " to show it.",
        "fr": "Le remboursement arrive sur la carte utilisée pour payer\u202f; votre banque peut"
        " mettre 5 à 10 jours à l’afficher.",
    },
}
