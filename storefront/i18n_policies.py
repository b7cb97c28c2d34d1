"""UI text of the shop's policies: their titles, the footer's and checkout's links to them,
the confirmation mail's line, and the admin page that edits them (merged into
storefront.i18n.MESSAGES). The policies' default texts are in services/policy_defaults.py."""

from __future__ import annotations

from typing import Final

from storefront.i18n_entry import en_fr as _m

POLICY_MESSAGES: Final[dict[str, dict[str, str]]] = {
    # Each policy's title (services.policies.KINDS), on its page, in the footer and the admin.
    "policy.title.terms": _m("Terms of sale", "Conditions générales de vente"),
    "policy.title.refund": _m("Refunds and returns", "Remboursements et retours"),
    "policy.title.shipping": _m("Shipping", "Livraison"),
    "policy.title.privacy": _m("Privacy policy", "Politique de confidentialité"),
    "policy.title.legal": _m("Legal notice", "Mentions légales"),
    "policy.footer": _m("Shop policies", "Informations légales"),
    # Checkout, by the pay button: a statement with links, no box to tick.
    "policy.accept.start": _m(
        "By placing your order, you accept our", "En passant commande, vous acceptez nos"
    ),
    "policy.accept.terms": _m("terms of sale", "conditions générales de vente"),
    "policy.accept.and": _m("and our", "et notre"),
    "policy.accept.refund": _m("refund policy", "politique de remboursement"),
    "policy.accept.end": _m(
        "(including your {days}-day right of withdrawal).",
        "(dont votre droit de rétractation de {days} jours).",
    ),
    # Between the delivery methods the refund policy lists with their times ("Standard,
    # 3–5 working days; Express, next working day"), French spacing its semicolon.
    "policy.refund.times_separator": _m("; ", "\u202f; "),
    "mail.order.refund_policy": _m(
        "Returns and refunds ({days}-day right of withdrawal):",
        "Retours et remboursements (droit de rétractation de {days} jours)\u202f:",
    ),
    # The default legal notice, from the seller's settings (services/legal_notice.py): each
    # detail the settings give, one list item each ({value}: the detail).
    "policy.legal.intro": _m("This shop is published by:", "Cette boutique est éditée par\u202f:"),
    "policy.legal.name": _m("Company name: {value}", "Dénomination sociale\u202f: {value}"),
    "policy.legal.legal_form": _m("Legal form: {value}", "Forme juridique\u202f: {value}"),
    "policy.legal.address": _m(
        "Registered office: {value}", "Adresse du siège social\u202f: {value}"
    ),
    "policy.legal.company_id": _m(
        "Company registration: {value}", "Immatriculation\u202f: {value}"
    ),
    "policy.legal.vat_id": _m(
        "VAT number: {value}", "Numéro de TVA intracommunautaire\u202f: {value}"
    ),
    "policy.legal.email": _m("Email: {value}", "E-mail\u202f: {value}"),
    "policy.legal.phone": _m("Telephone: {value}", "Téléphone\u202f: {value}"),
    "policy.legal.representative": _m(
        "Legal representative and publication director: {value}",
        "Représentant légal et directeur de la publication\u202f: {value}",
    ),
    "policy.legal.host": _m(
        "The shop is hosted by {value}.", "La boutique est hébergée par {value}."
    ),
    "policy.legal.mediator": _m(
        "In a dispute, you may refer it free of charge to our consumer mediator: {value}.",
        "En cas de litige, vous pouvez saisir gratuitement notre médiateur de la "
        "consommation\u202f: {value}.",
    ),
    # The default shipping policy's rates (checkout's, services/checkout/pricing.py).
    "policy.shipping.rates": _m(
        "Delivery costs, VAT included:", "Frais de livraison, TVA comprise\u202f:"
    ),
    "policy.shipping.rate": _m("{method}: {price}", "{method}\u202f: {price}"),
    "policy.shipping.rate_free_from": _m(
        "{method}: {price}, free for goods of {threshold} or more after discounts",
        "{method}\u202f: {price}, offerte dès {threshold} d’achats après remise",
    ),
    # Admin
    "admin.nav.policies": _m("Policies", "Informations légales"),
    "admin.policy.intro": _m(
        "What the shop tells shoppers, linked from every page's footer and from checkout."
        ' Plain text: leave a blank line between paragraphs, start a list item with "- ".',
        "Ce que la boutique dit aux clients, en lien en bas de chaque page et au paiement."
        " Texte simple\u202f: laissez une ligne vide entre les paragraphes, commencez un élément"
        " de liste par «\u202f-\u202f».",
    ),
    "admin.policy.kind": _m("Policy", "Texte"),
    "admin.policy.locale": _m("Language", "Langue"),
    "admin.policy.text": _m("Text", "Texte"),
    "admin.policy.state": _m("Text in use", "Texte en vigueur"),
    "admin.policy.default": _m("Default text", "Texte par défaut"),
    "admin.policy.custom": _m("Your text", "Votre texte"),
    "admin.policy.defaults_left": _m(
        'Texts marked "Default text" are those shipped with the shop: check them against'
        " your business and write your own (the legal notice lists the seller's details from the"
        " shop's settings: check them).",
        "Les textes marqués «\u202fTexte par défaut\u202f» sont ceux livrés avec la "
        "boutique\u202f: vérifiez-les pour votre activité et écrivez les vôtres (les mentions "
        "légales reprennent les coordonnées du vendeur des réglages de la boutique\u202f: "
        "vérifiez-les).",
    ),
    "admin.policy.view": _m("View in the shop", "Voir dans la boutique"),
    "admin.policy.saved": _m("Saved: {name}.", "Texte enregistré\u202f: {name}."),
    "admin.policy.reset": _m("Reset to default", "Rétablir le texte par défaut"),
    "admin.policy.reset_title": _m(
        "Replace your text with the shop's default?",
        "Remplacer votre texte par celui livré avec la boutique\u202f?",
    ),
    "admin.policy.reset_body": _m(
        "Shoppers will read the default text in this language from now on. Your text is"
        " deleted (the audit log keeps a copy).",
        "Les clients liront désormais le texte par défaut dans cette langue. Votre texte est"
        " supprimé (le journal d’audit en garde une copie).",
    ),
    "admin.policy.reset_done": _m(
        "Default text restored: {name}.", "Texte par défaut rétabli\u202f: {name}."
    ),
    "admin.policy.error.default_already": _m(
        "This text is the default already.", "Ce texte est déjà le texte par défaut."
    ),
    "admin.policy.error.empty": _m(
        "Write the text: a policy cannot be empty.",
        "Écrivez le texte\u202f: il ne peut pas être vide.",
    ),
    "admin.policy.error.long": _m("At most {limit} characters.", "{limit} caractères au maximum."),
    "admin.policy.error.control": _m(
        "The text holds an invisible control character: type it again rather than paste it.",
        "Le texte contient un caractère de contrôle invisible\u202f: saisissez-le plutôt que de"
        " le coller.",
    ),
    "admin.policy.error.unknown": _m(
        "There is no such policy or language.", "Ce texte ou cette langue n’existe pas."
    ),
    "admin.policy.error.changed": _m(
        "Someone changed this text meanwhile: open it again to see it as it is now.",
        "Quelqu’un a modifié ce texte entre-temps\u202f: rouvrez-le pour le voir tel qu’il est.",
    ),
}
