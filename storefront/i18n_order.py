"""UI and mail text of orders: the account's list (and adding the orders placed as a guest to
it), the order page, its statuses and delivery, buying it again, and the mails of a paid or
refunded order (merged into storefront.i18n.MESSAGES)."""

from __future__ import annotations

from typing import Final

from storefront.i18n_entry import en_fr

ORDER_MESSAGES: Final[dict[str, dict[str, str]]] = {
    "account.orders": {"en": "Your orders", "fr": "Vos commandes"},
    # After the first line's product in the list: how many more lines the order has.
    "history.more": en_fr("+ {count} more", "+ {count} autres"),
    "history.more.one": en_fr("+ 1 more", "+ 1 autre"),
    "account.no_orders": {
        "en": "No orders yet.",
        "fr": "Aucune commande pour l’instant.",
    },
    # Guest orders join the account only when its owner adds them (i18n_guest_orders.py):
    # said where they are looked for (QA).
    "account.guest_orders": {
        "en": "Orders placed without signing in are listed here once you add them with the "
        "button below; each one's confirmation email holds a link to it too.",
        "fr": "Les commandes passées sans être connecté apparaissent ici une fois ajoutées "
        "avec le bouton ci-dessous ; le mail de confirmation de chacune contient aussi "
        "un lien vers elle.",
    },
    "order.title": {"en": "Thank you for your order", "fr": "Merci pour votre commande"},
    # Opened any other way than the checkout's return (the account's list, a mail): named.
    "order.heading": {"en": "Order {reference}", "fr": "Commande {reference}"},
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
    # Adding the orders placed as a guest to the account (services/accounts/guest_orders.py):
    # the account page's offer and its answers, the mail carrying the link, and the link's
    # page. None of them says whether the address has guest orders before the link is used.
    "title.guest_orders": en_fr(
        "Add your guest orders", "Ajouter vos commandes passées sans compte"
    ),
    # The account page, under its orders.
    "guest_orders.ask": en_fr(
        "Add the orders I placed as a guest", "Ajouter les commandes passées sans compte"
    ),
    "guest_orders.sent": en_fr(
        "We emailed a link to {email}. Open it within {minutes} minutes in this browser, "
        "signed in to this account: the paid orders placed as a guest with that address are "
        "then added.",
        "Nous avons envoyé un lien à {email}. Ouvrez-le dans les {minutes}\u00a0minutes dans "
        "ce navigateur, connecté à ce compte\u202f: les commandes payées sans compte avec "
        "cette adresse y sont alors ajoutées.",
    ),
    "guest_orders.error.too_many": en_fr(
        "A link was emailed to you a few minutes ago: open it (look in the spam folder too), "
        "or ask again in a few minutes.",
        "Un lien vous a été envoyé il y a quelques minutes\u202f: ouvrez-le (regardez aussi "
        "dans les indésirables), ou redemandez dans quelques minutes.",
    ),
    "guest_orders.error.not_mailed": en_fr(
        "The email could not be sent just now. Please try again in a few minutes.",
        "L’e-mail n’a pas pu être envoyé pour l’instant. Réessayez dans quelques minutes.",
    ),
    # The mail.
    "account.mail.guest_orders.subject": en_fr(
        "Add your guest orders to your Boutique account",
        "Ajoutez vos commandes passées sans compte à votre compte Boutique",
    ),
    "account.mail.guest_orders.body": en_fr(
        "You asked, signed in to your Boutique account, to add to it the orders you placed "
        "without signing in with this email address.\n\n"
        "Open this link within {minutes} minutes in the browser where you are signed in to "
        "that account, and press the button on its page:\n\n{link}\n\n"
        "Only paid orders are added. If you did not ask for this, ignore this email: nothing "
        "is added unless the link is used while signed in to that account.",
        "Vous avez demandé, connecté à votre compte Boutique, d’y ajouter les commandes "
        "passées sans être connecté avec cette adresse e-mail.\n\n"
        "Ouvrez ce lien dans les {minutes}\u00a0minutes dans le navigateur où vous êtes "
        "connecté à ce compte, et appuyez sur le bouton de sa page\u202f:\n\n{link}\n\n"
        "Seules les commandes payées sont ajoutées. Si vous ne l’avez pas demandé, ignorez "
        "cet e-mail\u202f: rien n’est ajouté tant que le lien n’est pas utilisé en étant "
        "connecté à ce compte.",
    ),
    # The link's page (a button adds them: opening the link does not).
    "guest_orders.question": en_fr(
        "Add to your account the paid orders placed as a guest with this email address:",
        "Ajouter à votre compte les commandes payées sans compte avec cette adresse e-mail\u202f:",
    ),
    "guest_orders.button": en_fr("Add my guest orders", "Ajouter mes commandes"),
    "guest_orders.done": en_fr(
        "{count} orders placed as a guest with {email} were added to your account.",
        "{count}\u00a0commandes passées sans compte avec {email} ont été ajoutées à votre compte.",
    ),
    "guest_orders.done.one": en_fr(
        "{count} order placed as a guest with {email} was added to your account.",
        "{count}\u00a0commande passée sans compte avec {email} a été ajoutée à votre compte.",
    ),
    "guest_orders.done.none": en_fr(
        "No paid order placed as a guest with {email} was found: nothing was added to your "
        "account. An order placed with another email address is reached by the link in its "
        "confirmation email.",
        "Aucune commande payée sans compte avec {email} n’a été trouvée\u202f: rien n’a été "
        "ajouté à votre compte. Une commande passée avec une autre adresse e-mail s’ouvre "
        "par le lien de son e-mail de confirmation.",
    ),
    "guest_orders.error.unknown": en_fr(
        "This link does not work: it may be cut short. Copy the whole link from the email, or "
        "ask for a new one from your account page. Nothing was added.",
        "Ce lien ne fonctionne pas\u202f: il est peut-être incomplet. Copiez le lien entier "
        "depuis l’e-mail, ou demandez-en un nouveau depuis votre page de compte. Rien n’a "
        "été ajouté.",
    ),
    "guest_orders.error.used": en_fr(
        "This link has been used already. To add orders placed since, ask for a new one from "
        "your account page.",
        "Ce lien a déjà été utilisé. Pour ajouter des commandes passées depuis, demandez-en "
        "un nouveau depuis votre page de compte.",
    ),
    "guest_orders.error.expired": en_fr(
        "This link has expired: it works for {minutes} minutes. Ask for a new one from your "
        "account page. Nothing was added.",
        "Ce lien a expiré\u202f: il fonctionne {minutes}\u00a0minutes. Demandez-en un nouveau "
        "depuis votre page de compte. Rien n’a été ajouté.",
    ),
    "guest_orders.error.replaced": en_fr(
        "This link was sent to an email address your account no longer has: nothing was "
        "added. Ask for a new one from your account page.",
        "Ce lien a été envoyé à une adresse e-mail que votre compte n’a plus\u202f: rien n’a "
        "été ajouté. Demandez-en un nouveau depuis votre page de compte.",
    ),
    "guest_orders.error.sign_in": en_fr(
        "Sign in to the account you asked for this link from, then open the link again. "
        "Nothing was added.",
        "Connectez-vous au compte depuis lequel vous avez demandé ce lien, puis ouvrez de "
        "nouveau le lien. Rien n’a été ajouté.",
    ),
    "guest_orders.error.other_account": en_fr(
        "This browser is signed in to another account than the one this link was asked "
        "from: nothing was added. Sign out, sign in to that account, then open the link "
        "again.",
        "Ce navigateur est connecté à un autre compte que celui depuis lequel ce lien a été "
        "demandé\u202f: rien n’a été ajouté. Déconnectez-vous, connectez-vous à ce compte, "
        "puis ouvrez de nouveau le lien.",
    ),
    # Buying the order again from its page (state/order_buy_again.py).
    "reorder.button": en_fr("Buy again", "Acheter à nouveau"),
    # How it went, over the list of its lines, and a link to the cart ("cart.view").
    "reorder.done.all": en_fr(
        "Everything from this order is in your cart again, at today’s prices:",
        "Tout le contenu de cette commande est de nouveau dans votre panier, aux prix"
        " actuels\u202f:",
    ),
    "reorder.done.part": en_fr(
        "Only part of this order could go into your cart, at today’s prices:",
        "Une partie seulement de cette commande a pu être ajoutée à votre panier, aux prix"
        " actuels\u202f:",
    ),
    "reorder.done.none": en_fr(
        "Nothing from this order could go into your cart:",
        "Rien de cette commande n’a pu être ajouté à votre panier\u202f:",
    ),
    # One line each; {item}: "Oak chair (Red · M)".
    "reorder.line.added": en_fr(
        "{item} × {quantity}: in your cart.", "{item} × {quantity}\u202f: dans votre panier."
    ),
    "reorder.line.fewer": en_fr(
        "{item}: quantity reduced to {added} (of {wanted} ordered), no more can be added.",
        "{item}\u202f: quantité réduite à {added} (sur {wanted} commandés), impossible d’en"
        " ajouter davantage.",
    ),
    "reorder.line.at_limit": en_fr(
        "{item}: your cart already holds all we can sell of it, none added.",
        "{item}\u202f: votre panier en contient déjà tout ce que nous pouvons vendre, rien n’a"
        " été ajouté.",
    ),
    "reorder.line.sold_out": en_fr(
        "{item}: out of stock, not added.",
        "{item}\u202f: en rupture de stock, rien n’a été ajouté.",
    ),
    "reorder.line.unavailable": en_fr(
        "{item}: no longer sold, not added.",
        "{item}\u202f: n’est plus vendu, rien n’a été ajouté.",
    ),
    "reorder.line.price": en_fr(
        "Price now {price} ({paid} in this order).",
        "Prix actuel\u202f: {price} ({paid} dans cette commande).",
    ),
    # The order is no longer this visitor's to see (signed out in another tab, say).
    "reorder.error.not_found": en_fr(
        "This order can no longer be opened here: nothing was added to your cart.",
        "Cette commande ne peut plus être ouverte ici\u202f: rien n’a été ajouté à votre panier.",
    ),
}
