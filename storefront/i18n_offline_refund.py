"""Text of refunds made outside the payment provider (a bank transfer, a cheque, cash): the
admin order page's form recording one, its refunds table, and what the shopper's refund mail
and order page say of it (merged into storefront.i18n.MESSAGES)."""

from __future__ import annotations

from typing import Final

from storefront.i18n_entry import en_fr as _m

N = "\u202f"  # French: before : ; ? ! » and after «

OFFLINE_REFUND_MESSAGES: Final[dict[str, dict[str, str]]] = {
    "admin.offline_refund.title": _m(
        "Refunded outside the payment provider", "Remboursé hors du prestataire de paiement"
    ),
    "admin.offline_refund.intro": _m(
        "Paid the customer back yourself (the card is closed, say)? Record it here once the"
        " money has gone: nothing is sent to the payment provider.",
        f"Vous avez remboursé le client vous-même (sa carte est fermée, par exemple){N}?"
        " Enregistrez-le ici une fois l’argent versé\u202f: rien n’est envoyé au prestataire"
        " de paiement.",
    ),
    "admin.offline_refund.method": _m("Method", "Moyen"),
    "admin.offline_refund.method_choose": _m("Choose…", "Choisir…"),
    "admin.offline_refund.method.bank_transfer": _m("Bank transfer", "Virement bancaire"),
    "admin.offline_refund.method.cheque": _m("Cheque", "Chèque"),
    "admin.offline_refund.method.cash": _m("Cash", "Espèces"),
    "admin.offline_refund.method.other": _m("Other", "Autre"),
    "admin.offline_refund.reference": _m("Reference or note", "Référence ou remarque"),
    "admin.offline_refund.record": _m("Record…", "Enregistrer…"),
    # {method}: the method's name as above.
    "admin.offline_refund.confirm": _m(
        "Record {amount} as refunded to the customer ({method})?",
        f"Enregistrer {{amount}} comme remboursé au client ({{method}}){N}?",
    ),
    "admin.offline_refund.confirm_body": _m(
        "It counts as refunded at once: the customer is emailed, a credit note is issued and"
        " the refunds download lists it. Nothing is sent to the payment provider.",
        f"Il compte aussitôt comme remboursé{N}: le client reçoit un e-mail, un avoir est émis"
        " et le téléchargement des remboursements le liste. Rien n’est envoyé au prestataire"
        " de paiement.",
    ),
    "admin.offline_refund.recorded": _m(
        "Refund recorded for order {reference}.",
        "Remboursement enregistré pour la commande {reference}.",
    ),
    "admin.offline_refund.already_recorded": _m(
        "This refund is recorded already.", "Ce remboursement est déjà enregistré."
    ),
    "admin.offline_refund.error.method": _m(
        "Choose how the money went back.", "Choisissez comment l’argent a été rendu."
    ),
    "admin.offline_refund.error.reference": _m(
        "Say how the money went back (a reference or a note).",
        "Précisez comment l’argent a été rendu (une référence ou une remarque).",
    ),
    "admin.audit.action.order.refund_offline": _m(
        "Refund recorded (made outside the payment provider)",
        "Remboursement enregistré (fait hors du prestataire de paiement)",
    ),
    "admin.refund.offline_note": _m(
        "Paid outside the payment provider, recorded here.",
        "Versé hors du prestataire de paiement, enregistré ici.",
    ),
    # The shopper's refund mail and order page, for money paid back another way than the card.
    "refund.offline.bank_transfer": _m(
        "{amount} was paid to you by bank transfer.",
        "{amount} vous a été versé par virement bancaire.",
    ),
    "refund.offline.cheque": _m(
        "{amount} was paid to you by cheque.", "{amount} vous a été versé par chèque."
    ),
    "refund.offline.cash": _m(
        "{amount} was paid to you in cash.", "{amount} vous a été versé en espèces."
    ),
    "refund.offline.other": _m(
        "{amount} was paid to you directly, not to your card.",
        "{amount} vous a été versé directement, et non sur votre carte.",
    ),
}
