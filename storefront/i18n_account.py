"""UI text of the account's profile, saved addresses and wishlist (merged into MESSAGES)."""

from __future__ import annotations

from typing import Final

ACCOUNT_MESSAGES: Final[dict[str, dict[str, str]]] = {
    "account.profile": {"en": "Profile", "fr": "Profil"},
    # Two forms on one page: each button says what it saves.
    "account.save_profile": {"en": "Save profile", "fr": "Enregistrer le profil"},
    "account.save_address": {"en": "Save address", "fr": "Enregistrer l’adresse"},
    "account.profile_saved": {"en": "Your profile is saved.", "fr": "Votre profil est enregistré."},
    "account.error.name_long": {
        "en": "A name can have at most 120 characters.",
        "fr": "Un nom compte au plus 120 caractères.",
    },
    # The download's plain-text answer to a browser not signed in (401).
    "account.download_signed_out": {
        "en": "Sign in to download your data.",
        "fr": "Connectez-vous pour télécharger vos données.",
    },
    "account.download_data": {
        "en": "Download your data (profile, addresses, wishlist, orders, reviews, alerts, "
        "browsing) as a JSON file",
        "fr": "Télécharger vos données (profil, adresses, liste d’envies, commandes, avis, "
        "alertes, navigation) en JSON",
    },
    "account.close": {"en": "Close your account", "fr": "Fermer votre compte"},
    "account.close_help": {
        "en": "This deletes your sign-in, saved addresses, wishlist, cart, browsing history, "
        "product reviews and back-in-stock alerts, for good. Your orders stay with the shop, "
        "which must keep its sales records, but no "
        "longer belong to an account. Enter your password to confirm.",
        "fr": "Cela supprime définitivement votre connexion, vos adresses, votre liste "
        "d’envies, votre panier, votre historique de navigation, vos avis sur les produits et "
        "vos alertes de retour en stock. Vos commandes restent "
        "chez la boutique, qui doit garder ses ventes, mais ne sont plus liées à un compte. "
        "Saisissez votre mot de passe pour confirmer.",
    },
    "account.close_button": {"en": "Close my account", "fr": "Fermer mon compte"},
    # Said above the password while some of the account's orders have not shipped: closing
    # might be taken for cancelling them (review).
    "account.close_unshipped": {
        "en": "Your orders {references} have not shipped yet. Closing your account does not "
        "cancel them: they still ship (or are refunded, where you asked to cancel), and the "
        "links in their emails still open them.",
        "fr": "Vos commandes {references} ne sont pas encore expédiées. Fermer votre compte ne "
        "les annule pas\u202f: elles sont tout de même expédiées (ou remboursées, si vous avez "
        "demandé leur annulation), et les liens de leurs e-mails les ouvrent toujours.",
    },
    "account.close_unshipped.one": {
        "en": "Your order {references} has not shipped yet. Closing your account does not "
        "cancel it: it still ships (or is refunded, if you asked to cancel it), and the link "
        "in its emails still opens it.",
        "fr": "Votre commande {references} n’est pas encore expédiée. Fermer votre compte ne "
        "l’annule pas\u202f: elle est tout de même expédiée (ou remboursée, si vous avez "
        "demandé son annulation), et le lien de ses e-mails l’ouvre toujours.",
    },
    "account.go_to_account": {"en": "Go to your account", "fr": "Aller à votre compte"},
    "account.closed_title": {"en": "Account closed", "fr": "Compte fermé"},
    "account.closed_home": {"en": "Back to the shop", "fr": "Retour à la boutique"},
    "account.closed": {
        "en": "Your account is closed, and we emailed you a receipt. Thank you for shopping "
        "with us.",
        "fr": "Votre compte est fermé et nous vous avons envoyé un reçu par e-mail. Merci "
        "de vos achats.",
    },
    "account.error.close_password": {
        "en": "This is not your password: nothing was closed.",
        "fr": "Ce n’est pas votre mot de passe\u202f: rien n’a été fermé.",
    },
    "account.error.current_password": {
        "en": "This is not your current password: nothing was changed.",
        "fr": "Ce n’est pas votre mot de passe actuel\u202f: rien n’a été changé.",
    },
    "account.error.password_same": {
        "en": "The new password is your current one: choose another. Nothing was changed.",
        "fr": "Le nouveau mot de passe est votre mot de passe actuel\u202f: choisissez-en un "
        "autre. Rien n’a été changé.",
    },
    "account.password_title": {"en": "Change your password", "fr": "Changer de mot de passe"},
    "account.current_password": {"en": "Current password", "fr": "Mot de passe actuel"},
    "account.password_save": {"en": "Change password", "fr": "Changer le mot de passe"},
    "account.reset_done": {
        "en": "Your password is changed, and this browser is signed in to your account.",
        "fr": "Votre mot de passe est changé, et ce navigateur est connecté à votre compte.",
    },
    "account.password_changed": {
        "en": "Your password is changed: every other browser signed in to your account was "
        "signed out.",
        "fr": "Votre mot de passe est changé\u202f: tous les autres navigateurs connectés à votre "
        "compte ont été déconnectés.",
    },
    "account.error.close_staff": {
        "en": "A staff account cannot be closed here: ask an admin to remove your role first.",
        "fr": "Un compte de l’équipe ne se ferme pas ici\u202f: demandez d’abord à un "
        "administrateur de retirer votre rôle.",
    },
    "account.error.signed_out": {
        "en": "You are signed out: nothing was done.",
        "fr": "Vous êtes déconnecté\u202f: rien n’a été fait.",
    },
    "account.addresses": {"en": "Saved addresses", "fr": "Adresses enregistrées"},
    "account.address_add": {"en": "Add an address", "fr": "Ajouter une adresse"},
    "account.address_remove": {"en": "Remove", "fr": "Supprimer"},
    "account.address_saved": {"en": "Address saved.", "fr": "Adresse enregistrée."},
    "account.address_known": {
        "en": "This address is in your book already: it is kept once.",
        "fr": "Cette adresse est déjà enregistrée\u202f: elle n’est gardée qu’une fois.",
    },
    # A removal, and its Undo (state/address_undo.py); {address}: the address on one line.
    "account.address_removed": {
        "en": "Address removed: {address}.",
        "fr": "Adresse supprimée\u202f: {address}.",
    },
    "account.address_undo": {"en": "Undo", "fr": "Annuler"},
    "account.address_undo_label": {
        "en": "Undo, put back {address}",
        "fr": "Annuler, remettre {address}",
    },
    "account.address_back": {
        "en": "Address put back: {address}.",
        "fr": "Adresse remise\u202f: {address}.",
    },
    "account.address_undo_full": {
        "en": "Address not put back: {address}. You can keep up to 10 addresses: remove one first.",
        "fr": "Adresse non remise\u202f: {address}. Vous pouvez garder 10 adresses au "
        "plus\u202f: supprimez-en une d’abord.",
    },
    "account.address_edit": {"en": "Edit", "fr": "Modifier"},
    "account.address_editing": {"en": "Edit this address", "fr": "Modifier cette adresse"},
    "account.address_cancel": {"en": "Cancel", "fr": "Annuler"},
    "account.address_updated": {"en": "Address updated.", "fr": "Adresse modifiée."},
    "account.address_unchanged": {
        "en": "Edit cancelled: the address is unchanged.",
        "fr": "Modification annulée\u202f: l’adresse est inchangée.",
    },
    "account.no_addresses": {
        "en": "No saved address yet. Add one here or tick “Save this address” at checkout.",
        "fr": "Aucune adresse enregistrée. Ajoutez-en une ici ou cochez «\u202fEnregistrer cette "
        "adresse\u202f» lors de la commande.",
    },
    "account.error.address": {
        "en": "Please correct the highlighted fields.",
        "fr": "Veuillez corriger les champs signalés.",
    },
    "account.error.address_book_full": {
        "en": "You can keep up to 10 addresses: remove one first.",
        "fr": "Vous pouvez garder 10 adresses au plus\u202f: supprimez-en une d’abord.",
    },
    "account.error.address_changed": {
        "en": "This address was changed in another tab or window meanwhile: nothing was saved. "
        "It is listed as it is now; edit it again if needed.",
        "fr": "Cette adresse a été modifiée entre-temps dans un autre onglet ou une autre "
        "fenêtre\u202f: rien n’a été enregistré. Elle figure telle qu’elle est maintenant\u202f; "
        "modifiez-la de nouveau si besoin.",
    },
    "account.error.address_duplicate": {
        "en": "This address is already saved in your account: nothing was changed.",
        "fr": "Cette adresse est déjà enregistrée dans votre compte\u202f: rien n’a été modifié.",
    },
    "account.error.address_unknown": {
        "en": "This address is no longer in your account.",
        "fr": "Cette adresse ne figure plus dans votre compte.",
    },
    "wishlist.title": {"en": "Wishlist", "fr": "Liste d’envies"},
    "wishlist.add": {"en": "Save to wishlist", "fr": "Ajouter à mes envies"},
    "wishlist.saved": {"en": "On your wishlist", "fr": "Dans vos envies"},
    "wishlist.remove": {"en": "Remove from wishlist", "fr": "Retirer de mes envies"},
    "wishlist.added": {"en": "Saved to your wishlist.", "fr": "Ajouté à vos envies."},
    "wishlist.sign_in_to_keep": {
        "en": "Sign in, or create an account, and the product you chose is saved to your wishlist.",
        "fr": "Connectez-vous, ou créez un compte, et le produit choisi rejoint vos envies.",
    },
    "wishlist.removed": {"en": "Removed from your wishlist.", "fr": "Retiré de vos envies."},
    "wishlist.empty": {
        "en": "Nothing saved yet: use the heart on a product page.",
        "fr": "Rien pour l’instant\u202f: utilisez le cœur sur la page d’un produit.",
    },
    "wishlist.error.unknown": {
        "en": "This product is no longer for sale.",
        "fr": "Ce produit n’est plus en vente.",
    },
    # Buying from the list (state/wishlist_cart.py): a product with options is chosen on its
    # page; beside the row, how its Add to cart went.
    "wishlist.choose": {"en": "Choose options", "fr": "Choisir les options"},
    "wishlist.cart.added": {"en": "Added to your cart.", "fr": "Ajouté à votre panier."},
    "wishlist.cart.sold_out": {
        "en": "Sold out: nothing was added to your cart.",
        "fr": "Épuisé\u202f: rien n’a été ajouté à votre panier.",
    },
    "wishlist.cart.at_limit": {
        "en": "Your cart already holds all we can sell of it: none added.",
        "fr": "Votre panier en contient déjà tout ce que nous pouvons vendre\u202f: rien n’a"
        " été ajouté.",
    },
    "wishlist.cart.unavailable": {
        "en": "No longer sold: nothing was added to your cart.",
        "fr": "N’est plus vendu\u202f: rien n’a été ajouté à votre panier.",
    },
    "wishlist.cart.choose": {
        "en": "This product now comes with options: choose yours on its page.",
        "fr": "Ce produit se décline désormais en plusieurs options\u202f: choisissez la vôtre"
        " sur sa page.",
    },
    "wishlist.error.full": {
        "en": "Your wishlist holds 200 products: remove one first.",
        "fr": "Votre liste compte 200 produits\u202f: retirez-en un d’abord.",
    },
    "checkout.saved_address": {
        "en": "Use a saved address",
        "fr": "Utiliser une adresse enregistrée",
    },
    "checkout.saved_address_none": {
        "en": "Enter a new address",
        "fr": "Saisir une nouvelle adresse",
    },
    "checkout.save_address": {
        "en": "Save this address to my account",
        "fr": "Enregistrer cette adresse dans mon compte",
    },
    # Changing the account's email (state/account_email.py).
    "account.email_title": {"en": "Change your email", "fr": "Changer d’e-mail"},
    "account.new_email": {"en": "New email", "fr": "Nouvel e-mail"},
    "account.email_save": {"en": "Send the confirmation link", "fr": "Envoyer le lien"},
    "account.email_sent": {
        "en": "We sent a link to {email}: open it within {minutes} minutes to make it your "
        "account's email. Until then, you sign in with your current one.",
        "fr": "Nous avons envoyé un lien à {email}\u202f: ouvrez-le dans les "
        "{minutes}\u00a0minutes pour en faire l’e-mail de votre compte. D’ici là, vous vous "
        "connectez avec l’actuel.",
    },
    "account.error.email_same": {
        "en": "This is your account's email already: nothing was changed.",
        "fr": "C’est déjà l’e-mail de votre compte\u202f: rien n’a été changé.",
    },
    "account.error.email_taken": {
        "en": "Another account uses this email: nothing was changed.",
        "fr": "Un autre compte utilise cet e-mail\u202f: rien n’a été changé.",
    },
    "account.error.email_links": {
        "en": "The links we sent lately are still unused: open one of them, or ask again in "
        "an hour.",
        "fr": "Les liens envoyés récemment n’ont pas servi\u202f: ouvrez l’un d’eux, ou "
        "redemandez dans une heure.",
    },
    "account.error.email_link": {
        "en": "This link was used already, or has expired: ask for a new one from your "
        "account page. Nothing was changed.",
        "fr": "Ce lien a déjà servi, ou a expiré\u202f: demandez-en un nouveau depuis votre "
        "compte. Rien n’a été changé.",
    },
    "account.email_link_question": {
        "en": "Make this address your account's email:",
        "fr": "Faire de cette adresse l’e-mail de votre compte\u202f:",
    },
    "account.email_link_confirm": {
        "en": "Confirm the new email",
        "fr": "Confirmer le nouvel e-mail",
    },
    "account.email_changed": {
        "en": "Your account's email is now {email}: sign in with it from now on.",
        "fr": "L’e-mail de votre compte est désormais {email}\u202f: connectez-vous avec lui.",
    },
}
