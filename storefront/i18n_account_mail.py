"""The mails an account sends its owner, in the language of the page that asked (merged into
MESSAGES; storefront/services/accounts/mail.py writes them)."""

from __future__ import annotations

from typing import Final

from storefront.i18n_entry import en_fr

ACCOUNT_MAIL_MESSAGES: Final[dict[str, dict[str, str]]] = {
    "account.mail.closed.subject": en_fr(
        "Your Boutique account is closed", "Votre compte Boutique est fermé"
    ),
    "account.mail.closed.body": en_fr(
        "Your Boutique account is closed: your sign-in, saved addresses, wishlist, cart, "
        "product reviews and back-in-stock alerts are deleted, with what you browsed and "
        "searched from the browsers you signed in or "
        "ordered from. The orders you placed stay with the shop, which must keep its sales "
        "records, no longer linked to an account.\n\nIf you did not close it, reply to this "
        "email.",
        "Votre compte Boutique est fermé\u202f: votre identifiant, vos adresses "
        "enregistrées, votre liste d’envies, votre panier, vos avis sur les produits et vos "
        "alertes de retour en stock sont supprimés, avec ce que vous "
        "avez consulté et recherché depuis les navigateurs où vous vous êtes connecté ou avez "
        "commandé. Vos commandes restent à la boutique, qui doit conserver ses registres de "
        "ventes, sans lien avec un compte.\n\nSi vous ne l’avez pas fermé, répondez à cet "
        "e-mail.",
    ),
    "account.mail.changed.subject": en_fr(
        "Your Boutique password was changed", "Votre mot de passe Boutique a été modifié"
    ),
    "account.mail.changed.at": en_fr(
        "{day} at {time} ({zone} time)", "{day} à {time} (heure {zone})"
    ),
    "account.mail.changed.body": en_fr(
        "The password of your Boutique account was changed on {at}, and every other "
        "browser signed in to it was signed out.",
        "Le mot de passe de votre compte Boutique a été modifié le {at}, et tous les autres "
        "navigateurs qui y étaient connectés ont été déconnectés.",
    ),
    "account.mail.changed.not_you": en_fr(
        "If you did not change it, someone else may know it: choose a new one at once with "
        '"Forgot your password?" on the sign-in page.',
        "Si vous ne l’avez pas modifié, quelqu’un d’autre le connaît peut-être\u202f: "
        "choisissez-en un nouveau dès maintenant avec «\u202fMot de passe oublié\u202f?\u202f» "
        "sur la page de connexion.",
    ),
    "account.mail.changed.not_you_link": en_fr(
        "If you did not change it, someone else may know it: choose a new one at once "
        "(the link it mails signs out every browser again):\n{link}",
        "Si vous ne l’avez pas modifié, quelqu’un d’autre le connaît peut-être\u202f: "
        "choisissez-en un nouveau dès maintenant (le lien envoyé déconnecte à nouveau tous "
        "les navigateurs)\u202f:\n{link}",
    ),
    "account.mail.changed.contact": en_fr(
        "Then tell the shop at {contact}: it can look into it with you.",
        "Prévenez ensuite la boutique à {contact}\u202f: elle pourra vérifier avec vous.",
    ),
    "account.mail.changed.reply": en_fr(
        "Then tell the shop by replying to this email: it can look into it with you.",
        "Prévenez ensuite la boutique en répondant à cet e-mail\u202f: elle pourra vérifier "
        "avec vous.",
    ),
    "account.mail.email_link.subject": en_fr(
        "Confirm your new email for Boutique", "Confirmez votre nouvel e-mail pour Boutique"
    ),
    "account.mail.email_link.body": en_fr(
        "Open this link within {minutes} minutes to make this address the email of your "
        "Boutique account (it was {old}):\n{link}\n\nIf you did not ask for this, ignore "
        "this email: nothing changes.",
        "Ouvrez ce lien dans les {minutes}\u00a0minutes pour faire de cette adresse l’e-mail "
        "de votre compte Boutique (c’était {old})\u202f:\n{link}\n\nSi vous ne l’avez pas "
        "demandé, ignorez cet e-mail\u202f: rien ne change.",
    ),
    "account.mail.email_changed.subject": en_fr(
        "Your Boutique email was changed", "L’e-mail de votre compte Boutique a changé"
    ),
    "account.mail.email_changed.body": en_fr(
        "Your Boutique account now signs in with {new}, and its mail goes there: this "
        "address no longer belongs to it.\n\nIf you did not change it, reply to this email "
        "at once.",
        "Votre compte Boutique se connecte désormais avec {new}, où partent ses e-mails\u202f: "
        "cette adresse n’y est plus liée.\n\nSi vous ne l’avez pas modifié, répondez tout de "
        "suite à cet e-mail.",
    ),
    "account.mail.reset.subject": en_fr(
        "Reset your Boutique password", "Réinitialisez votre mot de passe Boutique"
    ),
    "account.mail.team.subject": en_fr(
        "You joined the Boutique team: choose your password",
        "Vous rejoignez l’équipe Boutique\u202f: choisissez votre mot de passe",
    ),
    "account.mail.team.body": en_fr(
        "You were given access to the shop's admin. So that it is yours alone, your account "
        "was signed out everywhere and its password cleared: open this link within {minutes} "
        'minutes to choose a new one:\n{link}\n\nLater, "Forgot your password?" on '
        "the sign-in page mails a new link.",
        "Vous avez reçu l’accès à l’administration de la boutique. Pour qu’il ne soit qu’à "
        "vous, votre compte a été déconnecté partout et son mot de passe effacé\u202f: "
        "ouvrez ce lien dans les {minutes}\u00a0minutes pour en choisir un nouveau\u202f:"
        "\n{link}\n\nPlus tard, «\u202fMot de passe oublié\u202f?\u202f» sur la page "
        "de connexion en envoie un nouveau.",
    ),
    "account.mail.reset.body": en_fr(
        "Open this link within {minutes} minutes to choose a new password:\n{link}\n\n"
        "If you did not ask for this, ignore this email.",
        "Ouvrez ce lien dans les {minutes}\u00a0minutes pour choisir un nouveau mot de "
        "passe\u202f:\n{link}\n\nSi vous ne l’avez pas demandé, ignorez cet e-mail.",
    ),
}
