"""UI text of checkout and payments (merged into storefront.i18n.MESSAGES); the orders' is
storefront/i18n_order.py."""

from __future__ import annotations

from typing import Final

CHECKOUT_MESSAGES: Final[dict[str, dict[str, str]]] = {
    "checkout.title": {"en": "Checkout", "fr": "Commande"},
    "checkout.go": {"en": "Checkout", "fr": "Commander"},
    "checkout.contact": {"en": "Contact", "fr": "Contact"},
    "checkout.email": {"en": "Email", "fr": "E-mail"},
    "checkout.address": {"en": "Shipping address", "fr": "Adresse de livraison"},
    "checkout.name": {"en": "Full name", "fr": "Nom complet"},
    "checkout.line1": {"en": "Address", "fr": "Adresse"},
    "checkout.line2": {
        "en": "Apartment, building (optional)",
        "fr": "Appartement, bâtiment (facultatif)",
    },
    "checkout.postal_code": {"en": "Postal code", "fr": "Code postal"},
    "checkout.city": {"en": "City", "fr": "Ville"},
    "checkout.country": {"en": "Country", "fr": "Pays"},
    "checkout.method": {"en": "Delivery", "fr": "Livraison"},
    "checkout.method.standard": {
        # The threshold applies to the goods after any discount (pricing.py shipping_price):
        # said here, so a code that takes the cart under it does not seem to break it.
        "en": "Standard, 3–5 working days (free from {amount} after discounts)",
        "fr": "Standard, 3 à 5 jours ouvrés (offerte dès {amount} après remise)",
    },
    "checkout.method.standard_plain": {  # where delivery is never free
        "en": "Standard, 3–5 working days",
        "fr": "Standard, 3 à 5 jours ouvrés",
    },
    # On a product page in stock, by the add-to-cart button ({amount}: where it ships free).
    "product.delivery": {
        "en": "Standard delivery in 3–5 working days, free from {amount}.",
        "fr": "Livraison standard en 3 à 5 jours ouvrés, offerte dès {amount}.",
    },
    "product.delivery_paid": {
        "en": "Standard delivery in 3–5 working days.",
        "fr": "Livraison standard en 3 à 5 jours ouvrés.",
    },
    # By a price (components/price.py): VAT is in it, delivery is not ({amount}: standard
    # delivery's price, {threshold}: from where it is free), linked to the shipping policy.
    "price.vat_included": {"en": "Incl. VAT", "fr": "TTC"},
    "price.plus_delivery": {"en": "plus delivery {amount}", "fr": "livraison {amount} en sus"},
    "price.plus_delivery_free_from": {
        "en": "plus delivery {amount}, free from {threshold}",
        "fr": "livraison {amount} en sus, offerte dès {threshold}",
    },
    "price.all_vat_included": {
        "en": "All prices incl. VAT",
        "fr": "Tous les prix sont TTC",
    },
    "checkout.method.express": {
        "en": "Express, next working day",
        "fr": "Express, le jour ouvré suivant",
    },
    "checkout.discount": {"en": "Discount", "fr": "Remise"},
    "checkout.discount_code": {"en": "Discount code", "fr": "Code de réduction"},
    "checkout.apply": {"en": "Apply", "fr": "Appliquer"},
    "checkout.code_applied": {"en": "Code {code} applied", "fr": "Code {code} appliqué"},
    "checkout.code_kept": {
        "en": "Code {code} stays applied.",
        "fr": "Le code {code} reste appliqué.",
    },
    "checkout.code_removed": {"en": "Code {code} removed", "fr": "Code {code} retiré"},
    "checkout.code_remove": {"en": "Remove code {code}", "fr": "Retirer le code {code}"},
    "checkout.code_delivery": {
        "en": "With it your goods come under {threshold}: delivery is no longer free ({amount}).",
        "fr": "Avec lui, vos articles passent sous {threshold}\u202f: la livraison n’est plus "
        "offerte ({amount}).",
    },
    "checkout.code_dearer": {
        "en": "Without it, your order would cost {amount} less.",
        "fr": "Sans lui, votre commande coûterait {amount} de moins.",
    },
    "checkout.subtotal": {"en": "Subtotal", "fr": "Sous-total"},
    "checkout.shipping": {"en": "Shipping", "fr": "Frais de livraison"},  # not the method (QA)
    "checkout.free": {"en": "Free", "fr": "Offerte"},  # a delivery option (la livraison)
    "checkout.shipping_free": {"en": "Free", "fr": "Offerts"},  # its cost (les frais)
    "checkout.total": {"en": "Total", "fr": "Total"},
    "checkout.vat": {"en": "Including VAT", "fr": "Dont TVA"},
    "checkout.vat_included": {
        "en": "Including VAT at {rate}%: {amount}",
        "fr": "Dont TVA à {rate}\u202f%\u202f: {amount}",
    },
    "checkout.card": {"en": "Card", "fr": "Carte"},
    "checkout.pay": {"en": "Pay now", "fr": "Payer maintenant"},
    "checkout.paying": {"en": "Processing payment…", "fr": "Paiement en cours…"},
    "checkout.secure_note": {
        "en": "Card details go straight to our payment provider, never to our servers.",
        "fr": "Les données de carte vont directement à notre prestataire de paiement, "
        "jamais à nos serveurs.",
    },
    "checkout.test_mode": {
        "en": "Test mode: no real payment is taken. Use card 4242 4242 4242 4242, "
        "any future date and CVC.",
        "fr": "Mode test\u202f: aucun paiement réel. Carte 4242 4242 4242 4242, "
        "date future et CVC au choix.",
    },
    "checkout.payments_off": {
        "en": "Payments are not configured on this shop yet.",
        "fr": "Les paiements ne sont pas encore configurés sur cette boutique.",
    },
    "checkout.summary": {"en": "Order summary", "fr": "Récapitulatif"},
    # On a phone, above the form (the summary is below it): "3 items · €84.00", and a link.
    "checkout.glance.items": {"en": "items", "fr": "articles"},
    "checkout.glance.items.one": {"en": "item", "fr": "article"},
    "checkout.glance.see_summary": {"en": "See the order summary", "fr": "Voir le récapitulatif"},
    "checkout.nothing_to_order": {
        "en": "Nothing in your cart can be ordered now: it is sold out or no longer sold. "
        "Nothing was charged.",
        "fr": "Rien dans votre panier ne peut être commandé\u202f: épuisé ou plus vendu. "
        "Rien n’a été débité.",
    },
    "checkout.back_to_cart": {"en": "Back to your cart", "fr": "Retour au panier"},
    "checkout.error.required": {"en": "Required.", "fr": "Obligatoire."},
    "checkout.error.too_long": {"en": "Too long.", "fr": "Trop long."},
    "checkout.error.characters": {
        "en": "Contains an invisible control character (often pasted): please retype it.",
        "fr": "Contient un caractère de contrôle invisible (souvent collé)\u202f: ressaisissez-le.",
    },
    "checkout.error.country": {
        "en": "We do not deliver to this country.",
        "fr": "Nous ne livrons pas dans ce pays.",
    },
    "checkout.error.postal_code": {
        "en": "This postal code does not fit the country.",
        "fr": "Ce code postal ne correspond pas au pays.",
    },
    "checkout.error.email": {
        "en": "Enter an email address like name@example.com.",
        "fr": "Saisissez une adresse comme nom@exemple.fr.",
    },
    "checkout.error.shipping_method": {
        "en": "Choose a delivery method.",
        "fr": "Choisissez un mode de livraison.",
    },
    # A code never made, or one switched off (it may have been valid a moment ago: QA).
    "checkout.error.discount_unknown": {
        "en": "This discount code is not valid.",
        "fr": "Ce code de réduction n’est pas valide.",
    },
    "checkout.error.discount_expired": {
        "en": "This discount code has expired.",
        "fr": "Ce code de réduction a expiré.",
    },
    "checkout.error.discount_used_up": {
        "en": "This discount code has been used up.",
        "fr": "Ce code de réduction a atteint sa limite d’utilisation.",
    },
    "checkout.error.discount_held": {
        "en": "This code's last uses are held by orders awaiting payment. If they are not"
        " paid, it applies again within about 15 minutes.",
        "fr": "Les dernières utilisations de ce code sont retenues par des commandes en attente"
        " de paiement. Si elles ne sont pas payées, il s’applique de nouveau d’ici 15\u00a0minutes"
        " environ.",
    },
    "checkout.error.discount_minimum": {
        "en": "This code needs a subtotal of {minimum} or more.",
        "fr": "Ce code demande un sous-total d’au moins {minimum}.",
    },
    "checkout.error.amount": {"en": "Invalid amount.", "fr": "Montant invalide."},
    "checkout.error.empty_cart": {
        "en": "Your cart is empty.",
        "fr": "Votre panier est vide.",
    },
    "checkout.error.cart_changed": {
        "en": "Prices or stock changed since you added these items: check your cart.",
        "fr": "Des prix ou des stocks ont changé depuis l’ajout\u202f: vérifiez votre panier.",
    },
    "checkout.error.code_dropped": {
        "en": "Code {code} no longer applies (see beside it), so the total has changed: check"
        " it, then press “Pay now” again to pay it.",
        "fr": "Le code {code} ne s’applique plus (voir à côté), le total a donc changé\u202f:"
        " vérifiez-le, puis appuyez de nouveau sur «\u202fPayer maintenant\u202f» pour le"
        " régler.",
    },
    "checkout.error.total_changed": {
        "en": "The total changed since this page was priced: check the new total, then pay.",
        "fr": "Le total a changé depuis l’affichage de la page\u202f: vérifiez-le, puis payez.",
    },
    "checkout.error.form": {
        "en": "Please correct the highlighted fields above.",
        "fr": "Corrigez les champs signalés plus haut.",
    },
    "checkout.error.out_of_stock": {
        "en": "Someone bought the last items first: your cart has been updated.",
        "fr": "Les derniers articles viennent d’être achetés\u202f: votre panier a été mis à jour.",
    },
    "checkout.error.provider": {
        "en": "The payment service did not answer. Nothing was charged; please try again.",
        "fr": "Le service de paiement ne répond pas. Rien n’a été débité\u202f; réessayez.",
    },
    "checkout.error.card": {
        "en": "Check your card details.",
        "fr": "Vérifiez les données de votre carte.",
    },
    "checkout.error.too_many_codes": {
        "en": "Too many codes tried from your network: please try again later.",
        "fr": "Trop de codes essayés depuis votre réseau\u202f: réessayez plus tard.",
    },
    "checkout.error.too_many_orders": {
        "en": "Too many orders started from your network: please try again later.",
        "fr": "Trop de commandes commencées depuis votre réseau\u202f: réessayez plus tard.",
    },
    "checkout.error.no_order": {"en": "This order does not exist.", "fr": "Commande inconnue."},
    "checkout.error.in_progress": {
        "en": "A payment for this cart is under way in another tab or window: finish it "
        "there, or try again here in a few minutes. Nothing was charged here.",
        "fr": "Un paiement de ce panier est en cours dans un autre onglet ou une autre "
        "fenêtre\u202f: terminez-le là-bas, ou réessayez ici dans quelques minutes. Rien "
        "n’a été débité ici.",
    },
    "checkout.replaced_paid": {
        "en": "This cart was paid in another tab or window, so this payment was stopped: "
        "nothing was charged here.",
        "fr": "Ce panier a été payé dans un autre onglet ou une autre fenêtre, ce paiement a "
        "donc été arrêté\u202f: rien n’a été débité ici.",
    },
    "checkout.replaced": {
        "en": "A payment started in another tab or window replaced this one: nothing was "
        "charged here. Finish paying there, or press Pay now to pay here instead.",
        "fr": "Un paiement commencé dans un autre onglet ou une autre fenêtre a remplacé "
        "celui-ci\u202f: rien n’a été débité ici. Terminez-le là-bas, ou appuyez sur "
        "«\u202fPayer maintenant\u202f» pour payer ici.",
    },
    "checkout.interrupted": {
        "en": "Your last payment was interrupted before it finished: nothing was charged. "
        "Press Pay now to try again.",
        "fr": "Votre dernier paiement a été interrompu avant la fin\u202f: rien n’a été débité. "
        "Appuyez sur Payer maintenant pour réessayer.",
    },
    "checkout.paid_elsewhere": {
        "en": "This cart has just been paid, in another tab or window: its order's "
        "confirmation is on its way to your email, and nothing more was charged.",
        "fr": "Ce panier vient d’être payé, dans un autre onglet ou une autre fenêtre\u202f: "
        "la confirmation de la commande arrive par e-mail, et rien de plus n’a été débité.",
    },
    "checkout.paid_here": {
        "en": "Your order is paid: its confirmation is on its way to your email.",
        "fr": "Votre commande est payée\u202f: sa confirmation arrive par e-mail.",
    },
    "checkout.see_order": {"en": "See your order", "fr": "Voir votre commande"},
    "checkout.error.reload": {
        "en": "This page is out of date: reload it, then pay. Nothing was charged.",
        "fr": "Cette page n’est plus à jour\u202f: rechargez-la, puis payez. Rien n’a été débité.",
    },
    "checkout.error.already_paid": {
        "en": "This order is already paid.",
        "fr": "Cette commande est déjà payée.",
    },
    # The countries we ship to (state/address_book.py), by name in the country list.
    "country.AT": {"en": "Austria", "fr": "Autriche"},
    "country.BE": {"en": "Belgium", "fr": "Belgique"},
    "country.DE": {"en": "Germany", "fr": "Allemagne"},
    "country.DK": {"en": "Denmark", "fr": "Danemark"},
    "country.ES": {"en": "Spain", "fr": "Espagne"},
    "country.FI": {"en": "Finland", "fr": "Finlande"},
    "country.FR": {"en": "France", "fr": "France"},
    "country.IE": {"en": "Ireland", "fr": "Irlande"},
    "country.IT": {"en": "Italy", "fr": "Italie"},
    "country.LU": {"en": "Luxembourg", "fr": "Luxembourg"},
    "country.NL": {"en": "Netherlands", "fr": "Pays-Bas"},
    "country.PL": {"en": "Poland", "fr": "Pologne"},
    "country.PT": {"en": "Portugal", "fr": "Portugal"},
    "country.SE": {"en": "Sweden", "fr": "Suède"},
    "checkout.error.declined": {
        # {reason} is the card issuer's words, often "Your card was declined."
        "en": "The payment did not go through: {reason} Nothing was charged; try another card.",
        "fr": (
            "Le paiement n’a pas abouti\u202f: {reason} Rien n’a été débité\u202f; essayez une "
            "autre carte."
        ),
    },
    # The reasons a bank or the provider gives for a declined card, by the provider's code.
    "checkout.decline.card_declined": {
        "en": "Your card was declined.",
        "fr": "Votre carte a été refusée.",
    },
    "checkout.decline.generic_decline": {
        "en": "Your card was declined.",
        "fr": "Votre carte a été refusée.",
    },
    "checkout.decline.insufficient_funds": {
        "en": "Your card has insufficient funds.",
        "fr": "Le solde de votre carte est insuffisant.",
    },
    "checkout.decline.expired_card": {
        "en": "Your card has expired.",
        "fr": "Votre carte a expiré.",
    },
    "checkout.decline.incorrect_cvc": {
        "en": "Your card's security code is incorrect.",
        "fr": "Le code de sécurité de votre carte est incorrect.",
    },
    "checkout.decline.incorrect_number": {
        "en": "Your card number is incorrect.",
        "fr": "Le numéro de votre carte est incorrect.",
    },
    "checkout.decline.processing_error": {
        "en": "An error occurred while processing your card.",
        "fr": "Une erreur s’est produite lors du traitement de votre carte.",
    },
    "checkout.decline.payment_intent_authentication_failure": {
        "en": "Your card's authentication failed.",
        "fr": "L’authentification de votre carte a échoué.",
    },
    "checkout.error.authentication": {
        "en": "The card's authentication did not complete. Nothing was charged.",
        "fr": "L’authentification de la carte n’a pas abouti. Rien n’a été débité.",
    },
}
