"""Text of confirming an account's email: the welcome mail and its link, the link's page, the
account page's note and its "send the link again", and what back-in-stock alerts say while
the address is not confirmed (merged into storefront.i18n.MESSAGES)."""

from __future__ import annotations

from typing import Final

from storefront.i18n_entry import en_fr

EMAIL_CONFIRM_MESSAGES: Final[dict[str, dict[str, str]]] = {
    "title.confirm_email": en_fr("Confirm your email", "Confirmer votre e-mail"),
    "account.mail.welcome.subject": en_fr(
        "Welcome to Boutique: please confirm your email",
        "Bienvenue chez Boutique\u202f: merci de confirmer votre e-mail",
    ),
    "account.mail.welcome.body": en_fr(
        "Welcome to Boutique! Your account is ready: you can shop and pay right away.\n\n"
        "Please confirm that this email address is yours: open this link within {days} days "
        "and press the button on its page.\n\n{link}\n\n"
        "Until you do, we email you only what you ask for directly (your orders, password "
        "resets), and each back-in-stock alert you ask for waits for a link of its own.\n\n"
        "If you did not create this account, ignore this email: the address stays "
        "unconfirmed.",
        "Bienvenue chez Boutique\u202f! Votre compte est prêt\u202f: vous pouvez commander "
        "et payer dès maintenant.\n\n"
        "Merci de confirmer que cette adresse e-mail est la vôtre\u202f: ouvrez ce lien dans "
        "les {days} jours et appuyez sur le bouton de sa page.\n\n{link}\n\n"
        "D’ici là, nous ne vous écrivons que pour ce que vous demandez directement (vos "
        "commandes, un nouveau mot de passe), et chaque alerte de retour en stock demandée "
        "attend un lien qui lui est propre.\n\n"
        "Si vous n’avez pas créé ce compte, ignorez cet e-mail\u202f: l’adresse reste non "
        "confirmée.",
    ),
    "account.mail.confirm.subject": en_fr(
        "Confirm your email address", "Confirmez votre adresse e-mail"
    ),
    "account.mail.confirm.body": en_fr(
        "To confirm that this email address is yours, open this link within {days} days and "
        "press the button on its page:\n\n{link}\n\n"
        "If you did not ask for it, ignore this email: the address stays unconfirmed.",
        "Pour confirmer que cette adresse e-mail est la vôtre, ouvrez ce lien dans les {days} "
        "jours et appuyez sur le bouton de sa page\u202f:\n\n{link}\n\n"
        "Si vous ne l’avez pas demandé, ignorez cet e-mail\u202f: l’adresse reste non "
        "confirmée.",
    ),
    # The link's page (a button confirms: a mail scanner opening the link does not).
    "account.confirm.question": en_fr(
        "Confirm that this email address is yours:",
        "Confirmez que cette adresse e-mail est la vôtre\u202f:",
    ),
    "account.confirm.button": en_fr("Confirm my email address", "Confirmer mon adresse e-mail"),
    "account.confirm.done": en_fr(
        "Thank you: your email address {email} is confirmed.",
        "Merci\u202f: votre adresse e-mail {email} est confirmée.",
    ),
    "account.confirm.error.unknown": en_fr(
        "This link does not work: it may be cut short. Copy the whole link from the email, or "
        "sign in and send a new one from your account page.",
        "Ce lien ne fonctionne pas\u202f: il est peut-être incomplet. Copiez le lien entier "
        "depuis l’e-mail, ou connectez-vous et envoyez-en un nouveau depuis votre page de "
        "compte.",
    ),
    "account.confirm.error.used": en_fr(
        "This link has been used already. Your account page says whether your email address "
        "is confirmed; if it is not, send a new link from there.",
        "Ce lien a déjà servi. Votre page de compte indique si votre adresse e-mail est "
        "confirmée\u202f; sinon, envoyez-vous un nouveau lien depuis celle-ci.",
    ),
    "account.confirm.error.expired": en_fr(
        "This link has expired (a link works {days} days). Sign in and send a new one from your "
        "account page.",
        "Ce lien a expiré (un lien fonctionne {days}\u00a0jours). Connectez-vous et envoyez-vous "
        "un nouveau lien depuis votre page de compte.",
    ),
    "account.confirm.error.replaced": en_fr(
        "This link was sent to an address your account no longer uses. Your account page "
        "says whether its current address is confirmed.",
        "Ce lien a été envoyé à une adresse que votre compte n’utilise plus. Votre page de "
        "compte indique si son adresse actuelle est confirmée.",
    ),
    "account.confirm.error.too_many": en_fr(
        "Several links were sent within the hour: open the latest one in your inbox (or its "
        "spam folder), or ask again in an hour.",
        "Plusieurs liens ont été envoyés dans l’heure\u202f: ouvrez le plus récent dans votre "
        "boîte de réception (ou ses indésirables), ou redemandez dans une heure.",
    ),
    "account.confirm.error.already": en_fr(
        "Your email address is confirmed already: nothing more to do.",
        "Votre adresse e-mail est déjà confirmée\u202f: rien de plus à faire.",
    ),
    "account.confirm.error.not_mailed": en_fr(
        "The email could not be sent just now. Please try again in a few minutes.",
        "L’e-mail n’a pas pu être envoyé pour l’instant. Réessayez dans quelques minutes.",
    ),
    # The account page, while the address is not confirmed.
    "account.confirm.note": en_fr(
        # Not "the link we emailed": an account from before confirmation links, or whose
        # welcome did not go, never got one (review).
        "Your email address {email} is not confirmed yet: send yourself a link below and "
        "open it (look in the spam folder too); a link we emailed you before works as well. "
        "Until then, each back-in-stock alert you ask for waits for a link of its own.",
        "Votre adresse e-mail {email} n’est pas encore confirmée\u202f: envoyez-vous un lien "
        "ci-dessous et ouvrez-le (regardez aussi dans les indésirables)\u202f; un lien déjà "
        "reçu de notre part fonctionne aussi. D’ici là, chaque alerte de retour en stock "
        "demandée attend un lien qui lui est propre.",
    ),
    "account.confirm.resend": en_fr("Send me a link", "M’envoyer un lien"),
    "account.confirm.sent": en_fr(
        "We emailed a new link to {email}. It works for {days} days.",
        "Nous avons envoyé un nouveau lien à {email}. Il fonctionne {days}\u00a0jours.",
    ),
    # Back-in-stock alerts asked for while the account's address is not confirmed.
    "restock.subscribed_unconfirmed": en_fr(
        "Almost done: open the link we emailed to {email} to confirm this alert. Once your "
        "email address is confirmed (see your account page), your alerts start at once.",
        "Presque fini\u202f: ouvrez le lien envoyé à {email} pour confirmer cette alerte. "
        "Une fois votre adresse e-mail confirmée (voir votre page de compte), vos alertes "
        "démarrent aussitôt.",
    ),
    "restock.account.unconfirmed": en_fr(
        "Waiting for you to open the link we emailed to {email}.",
        "En attente du lien envoyé à {email}\u202f: ouvrez-le pour confirmer.",
    ),
}
