"""The policies' default texts, shown until the merchant writes their own in the admin.

Written for a shop selling to consumers in the European Union (the right of withdrawal, 14
days at least, here the shop's BOUTIQUE_WITHDRAWAL_DAYS: `{withdrawal_days}` in a text; the
GDPR); the merchant must still check them against their own business. The legal notice lists
the seller's details from the settings, the shipping policy checkout's delivery rates.
Plain text: blank lines part paragraphs, "- " starts a list item.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from storefront.i18n import translate
from storefront.i18n_format import format_money
from storefront.services.checkout.delivery_times import DELIVERY_TIMES
from storefront.services.checkout.pricing import SHIPPING, ShippingMethod
from storefront.services.legal_notice import SellerDetails, seller_paragraphs

DEFAULTS: Final[dict[str, dict[str, str]]] = {
    "terms": {
        "en": """These terms of sale apply to every order placed on this shop by a consumer.

Placing an order means accepting these terms as they stand on the day of the order. The contract is concluded when we confirm the order by email after your payment has been accepted.

Prices are in euros and include VAT at the rate of the destination country; delivery costs are shown before you pay. Payment is taken by card when you place the order.

You have a right of withdrawal of {withdrawal_days} days, set out in our refund and returns policy. The legal guarantee of conformity (two years from delivery) and the guarantee against hidden defects apply to every product, whatever these terms say.

In case of a dispute, write to us first: we will look for a friendly solution. You may also refer it, free of charge, to the consumer mediator named in our legal notice. These terms are governed by the law of the seller's country, without depriving you of the protection of the law of your country of residence.""",
        "fr": """Les présentes conditions générales de vente s’appliquent à toute commande passée sur cette boutique par un consommateur.

Passer commande vaut acceptation de ces conditions telles qu’elles existent le jour de la commande. Le contrat est conclu lorsque nous confirmons la commande par e-mail, une fois votre paiement accepté.

Les prix sont en euros, TVA du pays de livraison comprise\u202f; les frais de livraison sont indiqués avant le paiement. Le paiement est débité par carte au moment de la commande.

Vous disposez d’un droit de rétractation de {withdrawal_days} jours, décrit dans notre politique de remboursement et de retours. La garantie légale de conformité (deux ans à compter de la livraison) et la garantie des vices cachés s’appliquent à tous les produits, quoi que disent ces conditions.

En cas de litige, écrivez-nous d’abord\u202f: nous chercherons une solution amiable. Vous pouvez aussi le soumettre gratuitement au médiateur de la consommation indiqué dans nos mentions légales. Ces conditions sont régies par le droit du pays du vendeur, sans vous priver de la protection du droit de votre pays de résidence.""",
    },
    "refund": {
        "en": """You may withdraw from your purchase within {withdrawal_days} days of receiving the goods, without giving any reason (the EU right of withdrawal, which the law sets at 14 days at least).

The period runs from the day you receive the goods. We are not told the day the carrier delivers them: we count from the last day of the delivery time promised for your order's delivery after it ships ({delivery_times}), and your order's page and the email saying it shipped give the date that makes. If your parcel reaches you later, your period runs from the day you receive it: write to us.

To withdraw, use "Withdraw from contract here" on your order's page (from your account's orders, or the link in your order confirmation), or "Withdraw from a contract" at the foot of every page with your order reference and email address: name the items, then confirm. We acknowledge your withdrawal by email at once, with its content and the date and time we received it. Before your order ships, cancelling it from its page is your withdrawal. You may also tell us by email, or use the EU model withdrawal form, but you do not have to.

Send the goods back within 14 days of telling us, complete and in their original condition. The cost of returning them is yours unless the product is faulty or not what you ordered.

We refund the whole amount paid, including the standard delivery cost, within 14 days of your withdrawal, with the card you paid with. We may wait until we have received the goods, or proof that you sent them.

The right of withdrawal does not apply to:
- goods made to your specifications or clearly personalised;
- sealed goods unsealed after delivery that cannot be returned for hygiene reasons.

A faulty product is repaired, replaced or refunded under the legal guarantee of conformity, for two years from delivery.""",
        "fr": """Vous pouvez vous rétracter dans les {withdrawal_days} jours suivant la réception des produits, sans avoir à vous justifier (droit de rétractation européen, que la loi fixe à 14 jours au moins).

Le délai court à partir du jour où vous recevez les produits. Le transporteur ne nous indique pas le jour de la livraison\u202f: nous comptons à partir du dernier jour du délai de livraison promis pour votre commande après son expédition ({delivery_times}), et la page de votre commande comme l’e-mail annonçant son expédition donnent la date qui en résulte. Si votre colis vous parvient plus tard, votre délai court à partir du jour où vous le recevez\u202f: écrivez-nous.

Pour vous rétracter, utilisez «\u202fSe rétracter du contrat ici\u202f» sur la page de votre commande (depuis les commandes de votre compte, ou le lien de votre confirmation de commande), ou «\u202fSe rétracter d’un contrat\u202f» en bas de chaque page avec la référence de votre commande et votre adresse e-mail\u202f: indiquez les articles, puis confirmez. Nous accusons réception de votre rétractation par e-mail aussitôt, avec son contenu et la date et l’heure de sa réception. Avant l’expédition, annuler la commande depuis sa page vaut rétractation. Vous pouvez aussi nous écrire par e-mail, ou utiliser le formulaire type de rétractation, sans obligation.

Renvoyez les produits dans les 14 jours suivant votre demande, complets et dans leur état d’origine. Les frais de retour sont à votre charge, sauf si le produit est défectueux ou ne correspond pas à votre commande.

Nous remboursons la totalité des sommes versées, frais de livraison standard compris, dans les 14 jours suivant votre rétractation, sur la carte utilisée pour le paiement. Nous pouvons attendre d’avoir reçu les produits, ou la preuve de leur expédition.

Le droit de rétractation ne s’applique pas\u202f:
- aux produits confectionnés selon vos spécifications ou nettement personnalisés\u202f;
- aux produits scellés descellés après la livraison et qui ne peuvent être renvoyés pour des raisons d’hygiène.

Un produit défectueux est réparé, remplacé ou remboursé au titre de la garantie légale de conformité, pendant deux ans à compter de la livraison.""",
    },
    "shipping": {
        "en": """We deliver across the European Union.

{rates}

Checkout shows the same options and what each costs for your order, before you pay.

Orders are prepared within two working days of payment. You receive an email with the tracking number when your parcel leaves.

If your parcel arrives damaged, or does not arrive within 30 days, tell us: we send it again or refund it. The goods travel at our risk until you receive them.""",
        "fr": """Nous livrons dans toute l’Union européenne.

{rates}

Le paiement reprend ces modes de livraison et ce que chacun coûte pour votre commande, avant que vous ne payiez.

Les commandes sont préparées dans les deux jours ouvrés suivant le paiement. Vous recevez un e-mail avec le numéro de suivi lorsque votre colis part.

Si votre colis arrive endommagé, ou n’arrive pas dans les 30 jours, prévenez-nous\u202f: nous le renvoyons ou le remboursons. Les produits voyagent à nos risques jusqu’à leur réception.""",
    },
    "privacy": {
        "en": """We process your personal data under the EU General Data Protection Regulation (GDPR).

What we keep and why:
- your name, email and address, to deliver and invoice your orders (the contract);
- your orders, for as long as accounting law requires (legal obligation);
- the email you give for a back-in-stock alert, to write to you once when the item is back (your consent, which the link we email you confirms); without an account, it is kept until the item is back or no longer sold (that link also stops the alert), then deleted 30 days after our email, or 7 days after you asked if never confirmed;
- what you browse and search in this shop, to suggest products (our legitimate interest); you can delete it from your account.

Card payments are handled by our payment provider: we never see or store your card number. We share your data only with the providers that deliver, pay and email for us, and never sell it.

You have the right to access, correct, delete and take away your data, and to object to its processing. Your account lets you download your data and close your account; for anything else, write to us. You may also complain to your data protection authority.

We use only the cookies the shop needs to work (your session and your cart).""",
        "fr": """Nous traitons vos données personnelles conformément au Règlement général sur la protection des données (RGPD).

Ce que nous conservons et pourquoi\u202f:
- vos nom, e-mail et adresse, pour livrer et facturer vos commandes (le contrat)\u202f;
- vos commandes, aussi longtemps que le droit comptable l’exige (obligation légale)\u202f;
- l’e-mail que vous donnez pour une alerte de retour en stock, pour vous écrire une fois à son retour (votre consentement, que confirme le lien que nous vous envoyons)\u202f; sans compte, il est conservé jusqu’au retour de l’article ou la fin de sa vente (ce lien arrête aussi l’alerte), puis effacé 30 jours après notre e-mail, ou 7 jours après votre demande s’il n’est jamais confirmé\u202f;
- ce que vous consultez et cherchez dans la boutique, pour vous suggérer des produits (notre intérêt légitime)\u202f; vous pouvez l’effacer depuis votre compte.

Les paiements par carte sont traités par notre prestataire de paiement\u202f: nous ne voyons ni ne conservons jamais votre numéro de carte. Nous ne partageons vos données qu’avec les prestataires qui livrent, encaissent et envoient nos e-mails, et ne les vendons jamais.

Vous avez le droit d’accéder à vos données, de les rectifier, de les effacer, de les emporter et de vous opposer à leur traitement. Votre compte vous permet de télécharger vos données et de fermer votre compte\u202f; pour le reste, écrivez-nous. Vous pouvez aussi saisir votre autorité de protection des données.

Nous n’utilisons que les cookies nécessaires au fonctionnement de la boutique (votre session et votre panier).""",
    },
    "legal": {
        # {seller}: the seller's details from the settings (services/legal_notice.py).
        "en": """{seller}

The shop runs on Boutique, an open-source shop.""",
        "fr": """{seller}

La boutique fonctionne avec Boutique, une boutique open source.""",
    },
}


@dataclass(frozen=True, slots=True)
class ShopFacts:
    """What the defaults say of the shop, from its settings."""

    withdrawal_days: int = 30
    currency: str = "EUR"  # its delivery rates (services/checkout/pricing.py)
    seller: SellerDetails = field(default_factory=SellerDetails)


def default_text(kind: str, locale: str, facts: ShopFacts) -> str:
    """The default text of `kind` in `locale`, with the shop's facts in it."""
    text = DEFAULTS[kind][locale].replace("{withdrawal_days}", str(facts.withdrawal_days))
    if "{seller}" in text:
        text = text.replace("{seller}", seller_paragraphs(facts.seller, locale))
    if "{rates}" in text:
        text = text.replace("{rates}", delivery_rates(facts.currency, locale))
    if "{delivery_times}" in text:
        text = text.replace("{delivery_times}", delivery_times(locale))
    return text


def delivery_times(locale: str) -> str:
    """Each delivery method with the time it promises, as an order names it: "Standard, 3–5
    working days; Express, next working day" (the withdrawal period counts from its end)."""
    names = [translate(locale, f"order.method.{method.value}") for method in DELIVERY_TIMES]
    return translate(locale, "policy.refund.times_separator").join(names)


def delivery_rates(currency: str, locale: str) -> str:
    """Checkout's delivery methods with their prices in `currency`, as a list."""
    lines = [translate(locale, "policy.shipping.rates")]
    for method, rate in SHIPPING.get(currency, {}).items():
        name = translate(locale, f"checkout.method.{method.value}")
        if method == ShippingMethod.STANDARD:
            name = translate(locale, "checkout.method.standard_plain")
        price = format_money(locale, rate.price_minor, currency)
        if rate.free_from_minor is None:
            line = translate(locale, "policy.shipping.rate", method=name, price=price)
        else:
            threshold = format_money(locale, rate.free_from_minor, currency)
            line = translate(
                locale,
                "policy.shipping.rate_free_from",
                method=name,
                price=price,
                threshold=threshold,
            )
        lines.append(f"- {line}")
    return "\n".join(lines)
