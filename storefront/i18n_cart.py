"""UI text of the cart: its page, lines, notes (a removal and its Undo) and refusals (merged into
storefront.i18n.MESSAGES)."""

from __future__ import annotations

from typing import Final

CART_MESSAGES: Final[dict[str, dict[str, str]]] = {
    "cart.title": {"en": "Your cart", "fr": "Votre panier"},
    "cart.add": {"en": "Add to cart", "fr": "Ajouter au panier"},
    "cart.added": {"en": "Added to your cart.", "fr": "Ajouté à votre panier."},
    "cart.view": {"en": "View cart", "fr": "Voir le panier"},  # a link after an add
    "cart.empty": {"en": "Your cart is empty.", "fr": "Votre panier est vide."},
    "cart.keep_shopping": {"en": "Continue shopping", "fr": "Continuer mes achats"},
    "cart.subtotal": {"en": "Subtotal", "fr": "Sous-total"},
    "cart.code_kept": {
        "en": "Code {code}: its discount, and the delivery that follows from it, are counted "
        "at checkout.",
        "fr": "Code {code}\u202f: sa remise, et la livraison qui en découle, sont comptées au "
        "paiement.",
    },
    # How far the cart is from free standard delivery: "Add" {amount} "more for ...".
    "cart.free_left_before": {"en": "Add", "fr": "Plus que"},
    "cart.free_left_after": {
        "en": "more for free standard delivery.",
        "fr": "pour profiter de la livraison standard offerte.",
    },
    # What standard delivery (checkout's default) costs this cart as it stands.
    "cart.delivery_cost": {
        "en": "Standard delivery: {amount}.",
        "fr": "Livraison standard\u202f: {amount}.",
    },
    "cart.subtotal_vat": {"en": "incl. VAT", "fr": "TTC"},
    "cart.free_delivery": {
        "en": "Standard delivery is free for this cart.",
        "fr": "La livraison standard est offerte pour ce panier.",
    },
    "cart.quantity": {"en": "Quantity", "fr": "Quantité"},
    "cart.remove": {"en": "Remove", "fr": "Retirer"},
    # A line removed, and its Undo (state/cart_undo.py); {item}: "Oak chair (Red · M)".
    "cart.undo.removed": {
        "en": "{item} removed.",
        "fr": "{item}\u202f: retiré du panier.",
    },
    "cart.undo": {"en": "Undo", "fr": "Annuler"},
    "cart.undo.label": {"en": "Undo, put back {item}", "fr": "Annuler, remettre {item}"},
    "cart.undo.back": {
        "en": "{item} is back in your cart.",
        "fr": "{item}\u202f: de retour dans votre panier.",
    },
    "cart.undo.fewer": {
        "en": "{item}: {held} of the {wanted} removed could be put back, no more can be added.",
        "fr": "{item}\u202f: {held} sur les {wanted} retirés ont pu être remis, impossible d’en"
        " ajouter davantage.",
    },
    "cart.undo.sold_out": {
        "en": "{item} sold out since you removed it: it could not be put back.",
        "fr": "{item}\u202f: épuisé depuis son retrait, il n’a pas pu être remis dans votre"
        " panier.",
    },
    "cart.undo.unavailable": {
        "en": "{item} is no longer sold: it could not be put back.",
        "fr": "{item}\u202f: n’est plus vendu, il n’a pas pu être remis dans votre panier.",
    },
    "cart.was": {"en": "was", "fr": "avant"},
    "cart.each": {"en": "each", "fr": "l’unité"},
    "cart.status.price_changed": {
        "en": "The price has changed since you added it.",
        "fr": "Le prix a changé depuis votre ajout.",
    },
    "cart.status.reduced": {
        "en": "Only this many are left: we reduced the quantity.",
        "fr": "Il n’en reste que ce nombre\u202f: la quantité a été réduite.",
    },
    "cart.status.out_of_stock": {
        "en": "Out of stock now: it will not be ordered.",
        "fr": "En rupture désormais\u202f: il ne sera pas commandé.",
    },
    # The name of a line whose variant the catalog no longer has (an import deleted it).
    "cart.item_gone": {
        "en": "An item no longer in our catalog",
        "fr": "Un article retiré du catalogue",
    },
    "cart.status.unavailable": {
        "en": "No longer sold: it will not be ordered.",
        "fr": "N’est plus vendu\u202f: il ne sera pas commandé.",
    },
    "cart.error.quantity": {
        "en": "Choose a quantity between 1 and 99.",
        "fr": "Choisissez une quantité entre 1 et 99.",
    },
    "cart.error.line_quantity": {
        "en": "Choose a quantity from 0 to 99 (0 removes the line).",
        "fr": "Choisissez une quantité de 0 à 99 (0 retire la ligne).",
    },
    "cart.error.unavailable": {
        "en": "This item is no longer sold.",
        "fr": "Cet article n’est plus vendu.",
    },
    "cart.error.out_of_stock": {
        "en": "This item is out of stock.",
        "fr": "Cet article est en rupture de stock.",
    },
    "cart.error.limited": {
        "en": "We have fewer in stock: your cart holds all that is left.",
        "fr": "Le stock est plus faible\u202f: votre panier contient tout ce qui reste.",
    },
    "cart.error.account_gone": {
        "en": "This account was closed from another window: your cart did not change."
        " Reload the page to shop as a guest.",
        "fr": "Ce compte a été fermé depuis une autre fenêtre\u202f: votre panier n’a pas changé."
        " Rechargez la page pour continuer sans compte.",
    },
    "cart.paying_elsewhere": {
        "en": "A payment of this cart is under way, its bank's check open in another tab or"
        " window: it pays for the cart as it was when Pay was pressed. What you change here"
        " is for your next order.",
        "fr": "Un paiement de ce panier est en cours, la vérification de sa banque ouverte"
        " dans un autre onglet ou une autre fenêtre\u202f: il paie le panier tel qu’il était"
        " quand vous avez appuyé sur Payer. Ce que vous changez ici sera pour votre prochaine"
        " commande.",
    },
}
