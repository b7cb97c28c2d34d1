"""UI text of the admin's order pages: the list, an order, shipping, an unpaid cancel,
refunds, and the mail telling a shopper their order shipped (merged into
storefront.i18n.MESSAGES; the cancels of paid orders: i18n_admin_cancel.py)."""

from __future__ import annotations

from typing import Final

from storefront.i18n_entry import en_fr as _m

ADMIN_ORDER_MESSAGES: Final[dict[str, dict[str, str]]] = {
    # Orders
    "admin.orders.all": _m("All", "Toutes"),
    "admin.orders.to_ship": _m("To ship", "À expédier"),
    "admin.orders.never_paid": _m("Never paid", "Jamais payée"),
    # Canceled, and a refund of it failed since: the filter's choice and its rows' badge.
    "admin.orders.refund_owed": _m("Refund owed", "Remboursement dû"),
    "admin.orders.from": _m("Placed from", "Passées du"),
    "admin.orders.to": _m("to", "au"),
    "admin.orders.customer": _m("Customer", "Client"),
    # The filter's field: part of an email or name, the start of a reference, or a number whole.
    "admin.orders.find": _m(
        "Customer, order, invoice or payment", "Client, commande, facture ou paiement"
    ),
    "admin.orders.found": _m("orders", "commandes"),
    "admin.orders.found.one": _m("order", "commande"),
    "admin.orders.empty": _m("No order matches.", "Aucune commande ne correspond."),
    "admin.orders.error.dates": _m(
        "The From date is after the To date: no order can match. Swap them to see the orders.",
        "La date de début est après la date de fin\u202f: aucune commande ne peut correspondre. "
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
    "admin.order.method": _m("Shipping:", "Livraison\u202f:"),
    "admin.order.payment": _m("Payment", "Paiement"),
    "admin.order.stock_short": _m(
        "Paid after its stock hold ran out, when the stock had sold out meanwhile: restock it "
        "or refund before shipping.",
        "Payée après la fin de sa réservation, quand le stock était épuisé\u202f: réapprovisionnez "
        "ou remboursez avant d’expédier.",
    ),
    "admin.order.ship_title": _m("Ship this order", "Expédier cette commande"),
    "admin.order.carrier": _m("Carrier", "Transporteur"),
    "admin.order.tracking": _m("Tracking number", "Numéro de suivi"),
    "admin.order.ship": _m(
        "Mark shipped and email the shopper", "Marquer expédiée et prévenir le client"
    ),
    "admin.order.shipped": _m(
        "Order {reference} shipped; the shopper was emailed.",
        "Commande {reference} expédiée\u202f; le client a été prévenu.",
    ),
    "admin.order.shipped_on": _m("Shipped on", "Expédiée le"),
    "admin.order.resend": _m("Email the tracking number again", "Renvoyer le numéro de suivi"),
    "admin.order.mail_sent": _m("Email sent.", "E-mail envoyé."),
    "admin.order.cancel": _m("Cancel order", "Annuler la commande"),
    "admin.order.keep": _m("Keep order", "Garder la commande"),
    "admin.order.cancel_confirm": _m(
        "Cancel this unpaid order and release its stock?",
        "Annuler cette commande impayée et libérer son stock\u202f?",
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
        "Le prestataire de paiement n’a pas encore rendu cet argent.",
    ),
    "admin.refund.failed_note": _m(
        "Not made: nothing was given back.", "Non effectué\u202f: rien n’a été rendu."
    ),
    "admin.refund.reversed_note": _m(
        "Went through, then failed on {date}: the money came back to the shop's payment "
        "account and the customer has not received it.",
        "Passé, puis échoué le {date}\u202f: l’argent est revenu sur le compte de paiement de la "
        "boutique et le client ne l’a pas reçu.",
    ),
    "admin.order.refund_reversed": _m(
        "A refund of this order failed after it went through (the customer's card was closed, "
        "say): the payment provider gave the money back to the shop, not to the customer. "
        "The customer was mailed that it did not reach them and that they will be refunded "
        "another way: do so, by a bank transfer for instance.",
        "Un remboursement de cette commande a échoué après être passé (la carte du client a été "
        "fermée, par exemple)\u202f: le prestataire a rendu l’argent à la boutique, pas au client. "
        "Le client a été prévenu par e-mail qu’il ne l’a pas reçu et qu’il sera remboursé "
        "autrement\u202f: faites-le, par virement par exemple.",
    ),
    "admin.order.refund_owed": _m(
        "This order is canceled, but a refund of it failed after it went through (the "
        "customer's card was closed, say): the payment provider gave the money back to the "
        "shop, not to the customer, who was mailed that they will be refunded another way. "
        "Refund it again below, or another way (a bank transfer, say) if the card cannot take "
        "it; the order stays canceled.",
        "Cette commande est annulée, mais un de ses remboursements a échoué après être passé "
        "(la carte du client a été fermée, par exemple)\u202f: le prestataire a rendu l’argent "
        "à la boutique, pas au client, qui a été prévenu par e-mail qu’il sera remboursé "
        "autrement. Remboursez-le de nouveau ci-dessous, ou autrement (par virement, par "
        "exemple) si la carte ne peut pas le recevoir\u202f; la commande reste annulée.",
    ),
    "admin.order.refundable": _m("Left to refund:", "Reste à rembourser\u202f:"),
    "admin.order.amount": _m("Amount", "Montant"),
    "admin.order.reason": _m("Reason (optional)", "Motif (facultatif)"),
    "admin.order.refund": _m("Refund…", "Rembourser…"),
    "admin.order.refund_confirm": _m(
        "Refund {amount} to the shopper's card?",
        "Rembourser {amount} sur la carte du client\u202f?",
    ),
    "admin.order.refund_confirm_body": _m(
        "The payment provider is asked at once; this cannot be undone.",
        "Le prestataire de paiement est sollicité aussitôt\u202f; c’est irréversible.",
    ),
    "admin.order.refunded": _m(
        "Refund of order {reference} made.", "Remboursement de la commande {reference} effectué."
    ),
    "admin.order.refund_pending": _m(
        "Refund of order {reference} asked: the payment provider is still processing it; it "
        "counts as refunded once it goes through.",
        "Remboursement de la commande {reference} demandé\u202f: le prestataire de paiement le "
        "traite encore\u202f; il comptera comme remboursé une fois passé.",
    ),
    "admin.carrier.colissimo": _m("Colissimo", "Colissimo"),
    "admin.carrier.chronopost": _m("Chronopost", "Chronopost"),
    "admin.carrier.la_poste": _m("La Poste", "La Poste"),
    "admin.carrier.dhl": _m("DHL", "DHL"),
    "admin.carrier.ups": _m("UPS", "UPS"),
    "admin.carrier.fedex": _m("FedEx", "FedEx"),
    "admin.carrier.other": _m("Other carrier", "Autre transporteur"),
    "admin.order.error.not_found": _m("There is no such order.", "Cette commande n’existe pas."),
    "admin.order.error.stock_short": _m(
        "Part of this order is still out of stock: restock it, or refund the order.",
        "Une partie de cette commande est toujours en rupture\u202f: réapprovisionnez, ou "
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
        "Cette commande est déjà expédiée\u202f; rien n’a été modifié.",
    ),
    "admin.order.error.refunded_meanwhile": _m(
        "Part of this order was refunded meanwhile: check what is left, then ship it.",
        "Une partie de cette commande a été remboursée entre-temps\u202f: vérifiez ce qui reste, "
        "puis expédiez-la.",
    ),
    "admin.order.error.refunded": _m(
        "This order was refunded.", "Cette commande a été remboursée."
    ),
    "admin.order.error.not_fulfilled": _m(
        "This order has not shipped yet.", "Cette commande n’est pas encore expédiée."
    ),
    "admin.order.error.refund_instead": _m(
        "This order is paid: refund it instead.",
        "Cette commande est payée\u202f: remboursez-la plutôt.",
    ),
    "admin.order.error.already_canceled": _m(
        "This order is canceled; nothing more was changed.",
        "Cette commande est annulée\u202f; rien d’autre n’a changé.",
    ),
    "admin.order.error.not_cancelable": _m(
        "This order can no longer be canceled.", "Cette commande ne peut plus être annulée."
    ),
    "admin.order.error.provider": _m(
        "The payment provider could not be reached; try again.",
        "Le prestataire de paiement est injoignable\u202f; réessayez.",
    ),
    "admin.order.error.paid_meanwhile": _m(
        "The shopper paid meanwhile: the order stays paid.",
        "Le client a payé entre-temps\u202f: la commande reste payée.",
    ),
    "admin.refund.error.amount": _m(
        "An amount above zero, at most what is left to refund.",
        "Un montant supérieur à zéro, au plus le reste à rembourser.",
    ),
    "admin.refund.error.over_left": _m(
        "That is more than is left to refund: {left} at most.",
        "C’est plus que le reste à rembourser\u202f: {left} au plus.",
    ),
    "refund.error.not_refundable": _m(
        "Only a paid order can be refunded.", "Seule une commande payée peut être remboursée."
    ),
    "refund.error.amount": _m(
        "This amount cannot be refunded.", "Ce montant ne peut pas être remboursé."
    ),
    "refund.error.key": _m(
        "This refund request is invalid; reload the page.",
        "Cette demande de remboursement est invalide\u202f; rechargez la page.",
    ),
    "refund.error.exceeds_paid": _m(
        "That would refund more than was paid.", "Cela rembourserait plus que le montant payé."
    ),
    "refund.error.key_reused": _m(
        "This refund request was already used; reload the page.",
        "Cette demande de remboursement a déjà servi\u202f; rechargez la page.",
    ),
    "refund.error.provider": _m(
        "The payment provider could not be reached; try again.",
        "Le prestataire de paiement est injoignable\u202f; réessayez.",
    ),
    "refund.error.failed": _m(
        "The payment provider refused this refund, or never received it: nothing was"
        " refunded. You may ask again.",
        "Le prestataire de paiement a refusé ce remboursement, ou ne l’a jamais reçu\u202f:"
        " rien n’a été remboursé. Vous pouvez le redemander.",
    ),
    "refund.error.cancel_claimed": _m(
        "The customer is canceling this order; it will be refunded in full.",
        "Le client annule cette commande\u202f; elle sera remboursée en totalité.",
    ),
    "refund.error.not_claimed": _m(
        "The customer's cancel request was released; nothing was refunded.",
        "La demande d’annulation du client a été levée\u202f; rien n’a été remboursé.",
    ),
    # The mail telling a shopper their order shipped
    "mail.shipped.subject": _m(
        "Your order {reference} is on its way", "Votre commande {reference} est en route"
    ),
    "mail.shipped.greeting": _m("Hello {name},", "Bonjour {name},"),
    "mail.shipped.intro": _m(
        "Good news: your order {reference} has left our workshop.",
        "Bonne nouvelle\u202f: votre commande {reference} a quitté notre atelier.",
    ),
    "mail.shipped.carrier": _m("Carrier: {carrier}", "Transporteur\u202f: {carrier}"),
    "mail.shipped.tracking": _m("Tracking number: {tracking}", "Numéro de suivi\u202f: {tracking}"),
    "mail.shipped.carrier_other": _m("another carrier", "autre transporteur"),
    "mail.shipped.tracking_page": _m(
        "Follow the parcel on the carrier's site:",
        "Suivez le colis sur le site du transporteur\u202f:",
    ),
    "mail.shipped.link": _m(
        "Follow your order at any time:", "Suivez votre commande à tout moment\u202f:"
    ),
}
