"""UI text of the admin's cancels of paid orders: the shop's own (refunded, then canceled),
the shopper's request stuck or given up, and the order list's warning of an order still to
ship whose customer asked to cancel it (merged into storefront.i18n.MESSAGES)."""

from __future__ import annotations

from typing import Final

from storefront.i18n_entry import en_fr as _m

ADMIN_CANCEL_MESSAGES: Final[dict[str, dict[str, str]]] = {
    # To ship, but its shopper's cancel was given up (its refund refused, or the request
    # released): the filter's choice, its rows' badge, and "To ship"'s warning.
    "admin.orders.cancel_released": _m(
        "Customer asked to cancel (not done)", "Annulation demandée (non aboutie)"
    ),
    "admin.orders.cancel_released_badge": _m(
        "Customer asked to cancel", "Annulation demandée par le client"
    ),
    "admin.orders.cancel_released_hint": _m(
        "The customer asked to cancel this order, but the cancel could not be completed (its"
        " refund was refused, or the request was released): contact them before shipping it.",
        "Le client a demandé l’annulation de cette commande, mais elle n’a pas pu aboutir"
        " (remboursement refusé, ou demande levée) : contactez-le avant de l’expédier.",
    ),
    "admin.orders.cancel_released_warning": _m(
        "orders to ship were asked to be canceled by their customers, but the cancel could"
        " not be completed (the refund was refused, or the request released). Contact them"
        " before packing.",
        "commandes à expédier ont fait l’objet d’une demande d’annulation du client qui n’a"
        " pas pu aboutir (remboursement refusé, ou demande levée). Contactez les clients"
        " avant d’emballer.",
    ),
    "admin.orders.cancel_released_warning.one": _m(
        "order to ship was asked to be canceled by its customer, but the cancel could not be"
        " completed (the refund was refused, or the request released). Contact them before"
        " packing.",
        "commande à expédier a fait l’objet d’une demande d’annulation du client qui n’a pas"
        " pu aboutir (remboursement refusé, ou demande levée). Contactez le client avant"
        " d’emballer.",
    ),
    "admin.orders.cancel_released_show": _m("Show them", "Les afficher"),
    # The shop's own cancel of a paid, unshipped order: what is left refunded, then canceled
    "admin.order.cancel_paid": _m("Cancel and refund", "Annuler et rembourser"),
    "admin.order.cancel_paid_confirm": _m(
        "Cancel this paid order? What is left of its total is refunded to the customer's"
        " card, its stock goes back on sale, and the customer is emailed.",
        "Annuler cette commande payée\u202f? Ce qui reste de son total est remboursé sur la"
        " carte du client, son stock est remis en vente, et le client est prévenu par e-mail.",
    ),
    "admin.order.cancel_paid_refund": _m("Refunded to the customer:", "Remboursé au client\u202f:"),
    # What it refunds is what is left: a partial refund before it stays given (QA: it said
    # "its total" of an order partly refunded already).
    "admin.order.cancel_needs_admin": _m(
        "Canceling this order refunds {amount} (all that is left to refund of it), over your"
        " refund limit per order: an admin cancels it.",
        "Annuler cette commande rembourse {amount} (tout ce qu’il reste à en rembourser),"
        " au-delà de votre limite de remboursement par commande\u202f: un administrateur"
        " l’annule.",
    ),
    "admin.order.canceled_refunded": _m(
        "Order {reference} canceled and refunded in full; the customer was emailed.",
        "Commande {reference} annulée et remboursée en totalité ; le client a été prévenu.",
    ),
    "admin.order.canceled_by_shop": _m("Canceled by the shop", "Annulée par la boutique"),
    "admin.order.shop_canceling": _m("Canceling", "Annulation en cours"),
    "admin.order.cancel_pending": _m(
        "The refund is pending at the payment provider: the order will not ship, and moves to"
        " canceled once the refund is through.",
        "Le remboursement est en attente chez le prestataire de paiement : la commande ne"
        " sera pas expédiée, et passera annulée une fois le remboursement effectué.",
    ),
    "admin.order.shop_cancel_released": _m(
        "This order's cancel could not be completed: the payment provider refused its refund."
        " Nothing was refunded and the order stands: ship it, or contact the customer and"
        " refund it.",
        "L’annulation de cette commande n’a pas pu aboutir : le prestataire de paiement a"
        " refusé son remboursement. Rien n’a été remboursé et la commande tient :"
        " expédiez-la, ou contactez le client et remboursez-la.",
    ),
    "admin.refund.error.shop_canceling": _m(
        "This order is being canceled; its cancel refunds it in full.",
        "Cette commande est en cours d’annulation ; son annulation la rembourse en totalité.",
    ),
    "admin.order.error.cancel_refund_refused": _m(
        "The payment provider refused the refund: nothing was refunded, and the order stands"
        " (it may ship, or be refunded with the refund form).",
        "Le prestataire de paiement a refusé le remboursement : rien n’a été remboursé, et"
        " la commande tient (elle peut être expédiée, ou remboursée par le formulaire).",
    ),
    "admin.order.error.shop_canceling": _m(
        "This order was canceled by the shop (its refund may still be on its way); it is not"
        " to be shipped.",
        "Cette commande a été annulée par la boutique (son remboursement peut être encore en"
        " cours)\u202f; elle ne doit pas être expédiée.",
    ),
    "admin.order.error.customer_canceling": _m(
        "The customer is canceling this order; its refund is under way.",
        "Le client annule cette commande ; son remboursement est en cours.",
    ),
    "admin.order.error.refund_pending": _m(
        "A refund of this order is pending at the payment provider; cancel it once that"
        " refund is through.",
        "Un remboursement de cette commande est en attente chez le prestataire de paiement ;"
        " annulez-la une fois ce remboursement effectué.",
    ),
    "admin.order.error.cancel_refund_rest": _m(
        "This order cannot be canceled here (a cancel of it was given up, or nothing of it is"
        " left to refund): refund what is left instead, if anything.",
        "Cette commande ne peut pas être annulée ici (une annulation a été abandonnée, ou il"
        " ne reste rien à rembourser)\u202f: remboursez plutôt le reste, s’il y en a.",
    ),
    # The shopper's cancel request, stuck or failed
    "admin.order.customer_canceling": _m("Customer canceling", "Annulation demandée"),
    "admin.order.cancel_released": _m(
        "The customer asked to cancel this order, but the cancel could not be completed (its"
        " refund was refused, or the request was released): the order stands and nothing"
        " was refunded. Contact the customer, then ship or refund it.",
        "Le client a demandé l’annulation de cette commande, mais elle n’a pas pu aboutir"
        " (remboursement refusé, ou demande levée)\u202f: la commande tient et rien n’a été"
        " remboursé. Contactez le client, puis expédiez-la ou remboursez-la.",
    ),
    "admin.order.release_cancel": _m("Release the cancel request", "Lever la demande d’annulation"),
    "admin.order.release_cancel_confirm": _m(
        "Release the customer's cancel request? The order is not refunded and may ship"
        " again; contact the customer.",
        "Lever la demande d’annulation du client\u202f? La commande n’est pas remboursée et"
        " peut de nouveau être expédiée\u202f; contactez le client.",
    ),
    "admin.order.cancel_release_done": _m(
        "The cancel request was released.", "La demande d’annulation a été levée."
    ),
    "admin.order.error.no_cancel_request": _m(
        "This order has no cancel request to release.",
        "Cette commande n’a pas de demande d’annulation à lever.",
    ),
    "admin.order.error.cancel_refunding": _m(
        "A refund under the customer's cancel went through or is under way: it cannot be"
        " released. Wait for the refund's outcome.",
        "Un remboursement de l’annulation du client est fait ou en cours\u202f: elle ne peut"
        " pas être levée. Attendez l’issue du remboursement.",
    ),
}
