"""Text of the shopper's own cancel: the order page's offer and confirmation, the refusals
and the mail; and what the shopper is told of the shop's own cancel (merged into
storefront.i18n.MESSAGES)."""

from __future__ import annotations

from typing import Final

CANCEL_MESSAGES: Final[dict[str, dict[str, str]]] = {
    # Before shipping, the cancel is the shopper's withdrawal: its label says so (Art. 11a).
    "cancel.offer": {
        "en": "Cancel order (withdraw from contract)",
        "fr": "Annuler la commande (se rétracter du contrat)",
    },
    "cancel.offer_unpaid": {"en": "Cancel this order", "fr": "Annuler cette commande"},
    "cancel.confirm_paid": {
        "en": "Cancel this order? {amount} will be refunded to your card.",
        "fr": "Annuler cette commande\u202f? {amount} seront remboursés sur votre carte.",
    },
    "cancel.confirm_unpaid": {
        "en": "Cancel this order? Nothing was charged.",
        "fr": "Annuler cette commande\u202f? Rien n’a été débité.",
    },
    "cancel.confirm": {"en": "Yes, cancel it", "fr": "Oui, l’annuler"},
    "cancel.keep": {"en": "Keep my order", "fr": "Garder ma commande"},
    "cancel.email": {
        "en": "The email address on the order",
        "fr": "L’adresse e-mail de la commande",
    },
    "cancel.done_paid": {
        "en": "Your order was canceled and {amount} refunded.",
        "fr": "Votre commande a été annulée et {amount} remboursés.",
    },
    "cancel.done_unpaid": {
        "en": "Your order was canceled.",
        "fr": "Votre commande a été annulée.",
    },
    "cancel.error.shipped": {
        "en": "This order has shipped and can no longer be canceled; you can return it instead.",
        "fr": "Cette commande est expédiée et ne peut plus être annulée\u202f; "
        "vous pouvez la retourner.",
    },
    "cancel.error.refunded": {
        "en": "This order was refunded in full; there is nothing left to cancel.",
        "fr": "Cette commande a été remboursée en totalité\u202f; il n’y a plus rien à annuler.",
    },
    "cancel.error.already_canceled": {
        "en": "This order is already canceled.",
        "fr": "Cette commande est déjà annulée.",
    },
    "cancel.error.busy": {
        "en": "A refund of this order is under way: you can cancel it once it has gone "
        "through. Please try again later.",
        "fr": "Un remboursement de cette commande est en cours\u202f: vous pourrez l’annuler "
        "une fois qu’il aura abouti. Veuillez réessayer plus tard.",
    },
    "cancel.error.not_allowed": {
        "en": "You cannot cancel this order.",
        "fr": "Vous ne pouvez pas annuler cette commande.",
    },
    "cancel.error.email": {
        "en": "This is not the email address the order was placed with.",
        "fr": "Ce n’est pas l’adresse e-mail avec laquelle la commande a été passée.",
    },
    "cancel.error.too_many": {
        "en": "Too many tries for this order; sign in, or try again in an hour.",
        "fr": (
            "Trop d’essais pour cette commande\u202f; connectez-vous, ou réessayez dans une heure."
        ),
    },
    "cancel.error.provider": {
        "en": "The payment provider could not be reached; nothing was changed. Try again "
        "in a moment.",
        "fr": "Le prestataire de paiement est injoignable\u202f; rien n’a été modifié. "
        "Réessayez dans un instant.",
    },
    "cancel.error.pending": {
        "en": "Your refund is under way; the order will show as canceled once it is through.",
        "fr": "Votre remboursement est en cours\u202f; la commande apparaîtra annulée une fois "
        "celui-ci effectué.",
    },
    "cancel.claimed": {
        "en": "You asked to cancel this order: it will not ship, and its refund is under way.",
        "fr": "Vous avez demandé l’annulation de cette commande\u202f: elle ne sera pas "
        "expédiée, et son remboursement est en cours.",
    },
    "cancel.shop_claimed": {
        "en": "The shop canceled this order: it will not ship, and its refund is under way.",
        "fr": "La boutique a annulé cette commande\u202f: elle ne sera pas expédiée, et son "
        "remboursement est en cours.",
    },
    "cancel.error.contact": {
        "en": "This order can no longer be canceled here; contact us about it.",
        "fr": "Cette commande ne peut plus être annulée ici\u202f; contactez-nous à son sujet.",
    },
    "cancel.shop_canceled": {
        "en": "The shop canceled this order and refunded it in full.",
        "fr": "La boutique a annulé cette commande et l’a remboursée en totalité.",
    },
    "cancel.released": {
        # Said after the refund was refused and after the merchant's release alike: the order
        # is paid and may ship, and its cancel is not offered again (its refund's key is spent:
        # asked again, the card would only refuse again). The page follows it with the shop's
        # address.
        "en": "Your cancel could not be completed and nothing was refunded: your order is "
        "not canceled, and it may still ship. It can no longer be canceled from this page: "
        "the shop will contact you to settle it (cancel and refund it another way, or ship "
        "it). You can also write to us:",
        "fr": "Votre annulation n’a pas pu aboutir et rien n’a été remboursé\u202f: votre "
        "commande n’est pas annulée, et elle peut encore être expédiée. Elle ne peut plus être "
        "annulée depuis cette page\u202f: la boutique vous contactera pour régler la question "
        "(l’annuler et vous rembourser autrement, ou l’expédier). Vous pouvez aussi nous "
        "écrire\u202f:",
    },
    "cancel.error.provider_claimed": {
        # The cancel is claimed (the order will not ship) but its refund could not be asked:
        # "nothing was changed" would be untrue, and the claimed notice beside it says so.
        "en": "The payment provider could not be reached, so your refund has not been made "
        "yet. Your cancel is recorded and the order will not ship: try again in a moment; "
        "otherwise the shop makes the refund by itself as soon as the provider answers.",
        "fr": "Le prestataire de paiement est injoignable\u202f: votre remboursement n’est pas "
        "encore fait. Votre annulation est enregistrée et la commande ne sera pas "
        "expédiée\u202f: réessayez dans un instant\u202f; sinon la boutique fera le "
        "remboursement d’elle-même dès que le prestataire répondra.",
    },
    "cancel.refund_owed": {
        # Canceled, and a refund that closed it failed since (RefundFailed: a closed card):
        # the shopper was mailed (mail.refund_failed); the admin lists it as "Refund owed".
        "en": "This order is canceled, but {amount} of its refund did not reach you: your "
        "bank sent it back to us (a closed or replaced card, say). The shop owes it to you "
        "and will refund it, another way if your card cannot take it; we will contact you if "
        "we need your bank details. You can also write to us:",
        "fr": "Cette commande est annulée, mais {amount} de son remboursement ne vous est pas "
        "parvenu\u202f: votre banque nous l’a renvoyé (une carte fermée ou remplacée, par "
        "exemple). La boutique vous le doit et vous le remboursera, autrement si votre carte "
        "ne peut pas le recevoir\u202f; nous vous contacterons s’il nous faut vos coordonnées "
        "bancaires. Vous pouvez aussi nous écrire\u202f:",
    },
    "cancel.mail.subject": {
        "en": "Your order {reference} is canceled",
        "fr": "Votre commande {reference} est annulée",
    },
    "cancel.mail.greeting": {"en": "Hello {name},", "fr": "Bonjour {name},"},
    "cancel.mail.paid": {
        "en": "As you asked, order {reference} is canceled and {amount} was refunded to "
        "the card you paid with. It can take a few days to show on your statement.",
        "fr": "Comme vous l’avez demandé, la commande {reference} est annulée et {amount} "
        "ont été remboursés sur la carte utilisée. Le remboursement peut mettre quelques "
        "jours à apparaître sur votre relevé.",
    },
    "cancel.mail.shop_paid": {
        "en": "We are sorry: we had to cancel order {reference}, and {amount} was refunded to "
        "the card you paid with. It can take a few days to show on your statement.",
        "fr": "Nous sommes désolés\u202f: nous avons dû annuler la commande {reference}, et "
        "{amount} ont été remboursés sur la carte utilisée. Le remboursement peut mettre "
        "quelques jours à apparaître sur votre relevé.",
    },
    "cancel.mail.shop_next": {
        "en": "Reply to this mail if you have any question about it.",
        "fr": "Répondez à ce message pour toute question à ce sujet.",
    },
    "cancel.mail.unpaid": {
        "en": "As you asked, order {reference} is canceled. Nothing was charged.",
        "fr": "Comme vous l’avez demandé, la commande {reference} est annulée. "
        "Rien n’a été débité.",
    },
    "cancel.mail.released_subject": {
        "en": "Your order {reference} could not be canceled",
        "fr": "Votre commande {reference} n’a pas pu être annulée",
    },
    "cancel.mail.released": {
        "en": "Your request to cancel order {reference} could not be completed: nothing was "
        "refunded, and your order stands.",
        "fr": "Votre demande d’annulation de la commande {reference} n’a pas pu aboutir\u202f: "
        "rien n’a été remboursé, et votre commande est maintenue.",
    },
    "cancel.mail.released_next": {
        "en": "We will contact you about it; you may also reply to this mail.",
        "fr": "Nous vous contacterons à ce sujet\u202f; vous pouvez aussi répondre à ce message.",
    },
    "cancel.mail.link": {"en": "Your order:", "fr": "Votre commande\u202f:"},
    "admin.order.error.customer_canceled": {
        "en": "The customer canceled this order; it is not to be shipped.",
        "fr": "Le client a annulé cette commande\u202f; elle ne doit pas être expédiée.",
    },
    "admin.order.canceled_by_customer": {
        "en": "Canceled by the customer",
        "fr": "Annulée par le client",
    },
}
