"""Text of the shopper's withdrawal from a shipped order (the EU withdrawal function): the
order page's and the guest page's two steps, the refusals, the acknowledgement mail and the
admin's view of statements (merged into storefront.i18n.MESSAGES)."""

from __future__ import annotations

from typing import Final

N = "\u202f"  # French: before : ; ? ! » and after «

WITHDRAWAL_MESSAGES: Final[dict[str, dict[str, str]]] = {
    "withdraw.offer": {
        "en": "Withdraw from contract here",
        "fr": "Se rétracter du contrat ici",
    },
    # The period counts from the day the shopper receives the goods, as the refund policy
    # says; the shop records no delivery, so it counts from the last day its delivery
    # promise gives, and says so (services/orders/withdrawal_period.py). On the order page
    # and in the shipping mail.
    "withdraw.period": {
        "en": "You may withdraw from this order until {date}: {days} days from receiving it.",
        "fr": f"Vous pouvez vous rétracter de cette commande jusqu’au {{date}}{N}: {{days}} "
        "jours suivant sa réception.",
    },
    "withdraw.period.basis": {
        "en": "We are not told the day your parcel arrives: we count from {received}, the last "
        "day of its delivery time ({method}) after it shipped on {shipped}. If it reached you "
        "later, your period runs from that day: write to us.",
        "fr": f"Nous ne savons pas quel jour votre colis arrive{N}: nous comptons à partir du "
        "{received}, dernier jour de son délai de livraison ({method}) après son expédition "
        f"le {{shipped}}. S’il vous est parvenu plus tard, votre délai court à partir de ce "
        f"jour-là{N}: écrivez-nous.",
    },
    "withdraw.step1": {
        "en": "Withdrawal statement: check your details and choose what you send back.",
        "fr": f"Déclaration de rétractation{N}: vérifiez vos coordonnées et choisissez "
        "ce que vous renvoyez.",
    },
    "withdraw.name": {"en": "Your name", "fr": "Votre nom"},
    "withdraw.email": {
        "en": "Email for the acknowledgement",
        "fr": "E-mail pour l’accusé de réception",
    },
    "withdraw.order": {"en": "Order", "fr": "Commande"},
    "withdraw.quantity": {
        "en": "Quantity withdrawn (of {left})",
        "fr": "Quantité retournée (sur {left})",
    },
    "withdraw.next": {"en": "Continue", "fr": "Continuer"},
    "withdraw.back": {"en": "Back", "fr": "Retour"},
    "withdraw.abandon": {"en": "Keep my order", "fr": "Garder ma commande"},
    "withdraw.step2": {
        "en": "Please confirm: you withdraw from the contract for these items.",
        "fr": f"Veuillez confirmer{N}: vous vous rétractez du contrat pour ces articles.",
    },
    "withdraw.confirm": {"en": "Confirm withdrawal", "fr": "Confirmer la rétractation"},
    "withdraw.done": {
        "en": "Your withdrawal was received on {at}. An acknowledgement is on its way to {email}.",
        "fr": "Votre rétractation a été reçue le {at}. Un accusé de réception part vers {email}.",
    },
    "withdraw.sent": {
        "en": "Withdrawal received on {at}: {items}.",
        "fr": f"Rétractation reçue le {{at}}{N}: {{items}}.",
    },
    # Beside an order's status, on its page and in the account's list of orders, once the
    # shopper sent a statement (services/orders/withdrawal_status.py).
    "order.withdrawn.whole": {"en": "Withdrawal received", "fr": "Rétractation reçue"},
    "order.withdrawn.partial": {
        "en": "Partial withdrawal received",
        "fr": "Rétractation partielle reçue",
    },
    # What a statement will be or was refunded, under it on the order page.
    "withdraw.refund.due": {
        "en": "To be refunded: {amount}, by {date} at the latest, once the items are back or "
        "you show you sent them.",
        "fr": f"À rembourser{N}: {{amount}}, au plus tard le {{date}}, dès le retour des "
        "articles ou la preuve de leur envoi.",
    },
    "withdraw.refund.due_rest": {
        "en": "Refunded so far: {refunded}. Still to be refunded: {amount}, by {date} at the "
        "latest, once the items are back or you show you sent them.",
        "fr": f"Déjà remboursé{N}: {{refunded}}. Reste à rembourser{N}: {{amount}}, au plus "
        "tard le {date}, dès le retour des articles ou la preuve de leur envoi.",
    },
    "withdraw.refund.done": {
        "en": "Refunded: {amount}, on {date}.",
        "fr": f"Remboursé{N}: {{amount}}, le {{date}}.",
    },
    "withdraw.refund.nothing_paid": {
        "en": "No refund due: nothing was paid for these items.",
        "fr": f"Aucun remboursement dû{N}: rien n’a été payé pour ces articles.",
    },
    "withdraw.refund.nothing_left": {
        "en": "No refund due: nothing is left to refund on this order.",
        "fr": f"Aucun remboursement dû{N}: il ne reste rien à rembourser sur cette commande.",
    },
    "withdraw.error.closed": {
        "en": "This order offers no withdrawal here: it has not shipped (an order not shipped "
        "yet is canceled instead), or it is canceled or refunded in full.",
        "fr": f"Cette commande n’offre pas de rétractation ici{N}: elle n’est pas expédiée (une "
        "commande pas encore expédiée s’annule), ou elle est annulée ou remboursée en totalité.",
    },
    "withdraw.error.over": {
        "en": "The withdrawal period of this order ended on {date}: {days} days from receiving "
        "it, counted from {received}, the last day of its delivery time. If your parcel "
        "reached you later, your period runs from that day: write to us.",
        "fr": "Le délai de rétractation de cette commande a pris fin le "
        f"{{date}}{N}: {{days}} jours suivant sa réception, comptés à partir du {{received}}, "
        "dernier jour de son délai de livraison. Si votre colis vous est parvenu plus tard, "
        f"votre délai court à partir de ce jour-là{N}: écrivez-nous.",
    },
    "withdraw.error.name": {
        "en": "Type your name (at most 120 characters).",
        "fr": "Saisissez votre nom (120 caractères au plus).",
    },
    "withdraw.error.email": {
        "en": "Type a valid email address for the acknowledgement.",
        "fr": "Saisissez une adresse e-mail valide pour l’accusé de réception.",
    },
    "withdraw.error.nothing": {
        "en": "Choose at least one item to withdraw from.",
        "fr": "Choisissez au moins un article.",
    },
    "withdraw.error.quantity": {
        "en": "A quantity is more than you bought, less what you withdrew already.",
        "fr": "Une quantité dépasse ce que vous avez acheté, "
        "moins ce dont vous vous êtes déjà rétracté.",
    },
    "withdraw.error.all_withdrawn": {
        "en": "You have already withdrawn from everything in this order.",
        "fr": "Vous vous êtes déjà rétracté de tout le contenu de cette commande.",
    },
    "withdraw.error.expired": {
        "en": "This form has expired; start again.",
        "fr": "Ce formulaire a expiré\u202f; recommencez.",
    },
    "withdraw.error.no_match": {
        "en": "No order matches this reference and email address. Check both (the reference "
        "is in your order confirmation).",
        "fr": "Aucune commande ne correspond à cette référence et cette adresse e-mail. "
        "Vérifiez les deux (la référence figure dans la confirmation de commande).",
    },
    "withdraw.error.throttled": {
        "en": "Too many tries from this connection; try again in a quarter of an hour.",
        "fr": f"Trop d’essais depuis cette connexion{N}; réessayez dans un quart d’heure.",
    },
    "withdraw.error.unavailable": {
        "en": "Withdrawals cannot be received right now; try again in a moment.",
        "fr": f"Les rétractations ne peuvent être reçues pour l’instant{N}; "
        "réessayez dans un instant.",
    },
    "withdraw.guest.title": {"en": "Withdraw from a contract", "fr": "Se rétracter d’un contrat"},
    "withdraw.guest.intro": {
        "en": "Type your order reference and the email address you ordered with. "
        "Signed in? Your orders are under your account.",
        "fr": "Saisissez la référence de votre commande et l’adresse e-mail "
        "utilisée pour commander. "
        f"Connecté{N}? Vos commandes sont dans votre compte.",
    },
    "withdraw.guest.reference": {"en": "Order reference", "fr": "Référence de la commande"},
    "withdraw.guest.email": {
        "en": "Email address of the order",
        "fr": "Adresse e-mail de la commande",
    },
    "withdraw.guest.find": {"en": "Find my order", "fr": "Trouver ma commande"},
    "withdraw.guest.not_open": {
        "en": "This order can no longer be withdrawn from: its withdrawal period is over, or "
        "everything in it was withdrawn already.",
        "fr": f"Cette commande ne peut plus faire l’objet d’une rétractation{N}: son délai est "
        "passé, ou tout a déjà été retourné.",
    },
    # Not shipped yet: canceling it is the withdrawal, from its page, whose link (with its
    # key) goes to the order's email only: the reference and an email typed here open no page.
    "withdraw.guest.not_shipped": {
        "en": "This order has not shipped yet: you may cancel it from its page. We have sent "
        "the link to its page to the email address of the order.",
        "fr": f"Cette commande n’est pas encore expédiée{N}: vous pouvez l’annuler depuis sa "
        "page. Nous avons envoyé le lien de sa page à l’adresse e-mail de la commande.",
    },
    "withdraw.guest.canceling": {
        "en": "This order is being canceled: it will not ship, and its refund is under way. "
        "There is nothing more to do.",
        "fr": f"Cette commande est en cours d’annulation{N}: elle ne sera pas expédiée, et son "
        "remboursement est en cours. Vous n’avez rien d’autre à faire.",
    },
    "withdraw.guest.contact": {
        "en": "This order has not shipped, but a cancel of it could not be completed and it "
        "can no longer be canceled online: please contact the shop.",
        "fr": f"Cette commande n’est pas expédiée, mais son annulation n’a pas pu aboutir et "
        f"elle ne peut plus être annulée en ligne{N}: veuillez contacter la boutique.",
    },
    "withdraw.guest.nothing": {
        "en": "There is nothing in this order to withdraw from: it has not shipped, and it is "
        "unpaid, canceled or refunded in full.",
        "fr": "Il n’y a rien dans cette commande dont se rétracter\u202f: elle n’est pas "
        "expédiée, et elle est impayée, annulée ou remboursée en totalité.",
    },
    "withdraw.link.subject": {
        "en": "The link to your order {reference}",
        "fr": "Le lien de votre commande {reference}",
    },
    "withdraw.link.body": {
        "en": "You asked to withdraw from order {reference}. It has not shipped yet: you may "
        "cancel it from its page, and what you paid (less any part refunded already) is "
        "refunded.\n\n{url}\n\nIf you did not "
        "ask, you may ignore this email.",
        "fr": "Vous avez demandé à vous rétracter de la commande {reference}. Elle n’est pas "
        f"encore expédiée{N}: vous pouvez l’annuler depuis sa page, et ce que vous avez payé "
        "(moins ce qui vous a déjà été remboursé) vous est remboursé.\n\n{url}\n\nSi vous "
        "n’avez rien demandé, ignorez cet e-mail.",
    },
    "withdraw.footer": {"en": "Withdraw from a contract", "fr": "Se rétracter d’un contrat"},
    "withdraw.mail.subject": {
        "en": "Withdrawal received: order {reference}",
        "fr": f"Rétractation reçue{N}: commande {{reference}}",
    },
    "withdraw.mail.greeting": {"en": "Hello {name},", "fr": "Bonjour {name},"},
    "withdraw.mail.received": {
        "en": "We received your withdrawal from order {reference}.",
        "fr": "Nous avons bien reçu votre rétractation de la commande {reference}.",
    },
    "withdraw.mail.received_at": {
        "en": "Received on {at}.",
        "fr": "Reçue le {at}.",
    },
    "withdraw.mail.at": {
        "en": "{day} at {time} ({zone} time)",
        "fr": "{day} à {time} (heure {zone})",
    },
    "withdraw.mail.content": {
        "en": "Your statement:",
        "fr": f"Votre déclaration{N}:",
    },
    "withdraw.mail.name": {"en": "Name: {name}", "fr": f"Nom{N}: {{name}}"},
    "withdraw.mail.order": {"en": "Order: {reference}", "fr": f"Commande{N}: {{reference}}"},
    "withdraw.mail.email": {"en": "Email: {email}", "fr": f"E-mail{N}: {{email}}"},
    "withdraw.mail.items": {
        "en": "Items withdrawn from:",
        "fr": f"Articles concernés{N}:",
    },
    "withdraw.mail.item": {"en": "- {quantity} × {title}", "fr": "- {quantity} × {title}"},
    "withdraw.mail.refund": {
        "en": "We will refund you {amount} for these items.",
        "fr": "Nous vous rembourserons {amount} pour ces articles.",
    },
    "withdraw.mail.next": {
        "en": "Please send the items back within 14 days. We refund you within 14 days of "
        "this statement, once the items are back or you show you sent them.",
        "fr": "Merci de renvoyer les articles sous 14 jours. Nous vous remboursons sous 14 jours "
        "à compter de cette déclaration, dès le retour des articles ou la preuve de leur envoi.",
    },
    "withdraw.mail.return_to": {
        "en": "Send them to: {address}.",
        "fr": "À renvoyer à\u202f: {address}.",
    },
    "admin.order.withdrawals": {"en": "Withdrawals", "fr": "Rétractations"},
    "admin.order.withdrawal_received": {
        "en": "Received {at} from {name} ({email})",
        "fr": "Reçue le {at}, envoyée par {name} ({email})",  # not "de Alice"
    },
    # While refunds since the statement do not cover what it owes (its goods at the price
    # paid less their share of the discount; the delivery too with the last of the goods).
    "admin.order.withdrawal_due": {
        "en": "Refund due by {date}: {amount} for these goods, once they are back "
        "(the refund below).",
        "fr": "Remboursement dû au plus tard le {date}\u202f: {amount} pour ces articles, "
        "dès leur retour (remboursement ci-dessous).",
    },
    "admin.order.withdrawal_due_rest": {
        "en": "Refund due by {date}: {amount} more for these goods ({refunded} refunded), "
        "once they are back (the refund below).",
        "fr": "Remboursement dû au plus tard le {date}\u202f: encore {amount} pour ces "
        "articles ({refunded} remboursés), dès leur retour (remboursement ci-dessous).",
    },
    "admin.order.withdrawal_refunded": {
        "en": "Refunded {amount} on {date}.",
        "fr": "{amount} remboursés le {date}.",
    },
    "admin.order.withdrawal_nothing_paid": {
        "en": "No refund due: nothing was paid for these goods.",
        "fr": "Aucun remboursement dû\u202f: rien n’a été payé pour ces articles.",
    },
    "admin.order.withdrawal_nothing_left": {
        "en": "No refund due: nothing is left to refund on this order.",
        "fr": "Aucun remboursement dû\u202f: il ne reste rien à rembourser sur cette commande.",
    },
    "admin.orders.withdrawn": {"en": "With a withdrawal", "fr": "Avec une rétractation"},
    "admin.orders.withdrawn_badge": {"en": "Withdrawal", "fr": "Rétractation"},
    "admin.orders.withdrawal_owed": {
        "en": "Withdrawal to refund",
        "fr": "Rétractation à rembourser",
    },
    "admin.orders.withdrawal_owed_badge": {
        "en": "Withdrawal to refund",
        "fr": "Rétractation à rembourser",
    },
}
