"""UI text of shoppers' product reviews: why one may not write a review, a review form's
faults, where a review stands, and the admin's moderation (merged into
storefront.i18n.MESSAGES)."""

from __future__ import annotations

from typing import Final

from storefront.i18n_entry import en_fr as _m

REVIEW_MESSAGES: Final[dict[str, dict[str, str]]] = {
    # Who may write (services.reviews.Eligibility), as a note and as a refusal.
    "review.error.sign_in": _m(
        "Sign in to review this product.", "Connectez-vous pour donner votre avis sur ce produit."
    ),
    "review.error.buyers_only": _m(
        "Only shoppers who bought this product can review it.",
        "Seuls les clients ayant acheté ce produit peuvent donner leur avis.",
    ),
    "review.error.not_on_sale": _m(
        "This product is not on sale: it cannot be reviewed.",
        "Ce produit n’est pas en vente : il ne peut pas recevoir d’avis.",
    ),
    "review.error.throttled": _m(
        "You have written or edited many reviews in the last hour. Please try again later.",
        "Vous avez écrit ou modifié beaucoup d’avis depuis une heure. Réessayez plus tard.",
    ),
    "review.form.error": _m(
        "Please correct the review below.", "Veuillez corriger votre avis ci-dessous."
    ),
    "review.error.rating": _m("Choose from 1 to 5 stars.", "Choisissez de 1 à 5 étoiles."),
    "review.error.short": _m("At least {limit} characters.", "Au moins {limit} caractères."),
    "review.error.long": _m("At most {limit} characters.", "Au plus {limit} caractères."),
    "review.error.control": _m(
        "Remove the invisible control characters.",
        "Retirez les caractères de contrôle invisibles.",
    ),
    # Where the shopper's own review stands (models.reviews.ReviewStatus).
    "review.status.pending": _m(
        "Thank you! Your review will appear once our team has read it.",
        "Merci\u202f! Votre avis apparaîtra une fois relu par notre équipe.",
    ),
    "review.status.edited": _m(
        "Your changes are saved. Your review will appear again once our team has read it.",
        "Vos modifications sont enregistrées. Votre avis réapparaîtra une fois relu par notre "
        "équipe.",
    ),
    "review.status.published": _m("Your review is published.", "Votre avis est publié."),
    "review.status.hidden": _m("Your review was not published.", "Votre avis n’a pas été publié."),
    # Beside the form, where the shopper's review stands (the form's note is for new ones).
    "review.own.pending": _m(
        "Your review will appear once our team has read it.",
        "Votre avis apparaîtra une fois relu par notre équipe.",
    ),
    "review.own.published": _m(
        "Your review is published. Editing it takes it off the page until our team has "
        "read it again.",
        "Votre avis est publié. Le modifier le retire de la page jusqu’à ce que notre équipe "
        "l’ait relu.",
    ),
    "review.own.hidden": _m(
        "Your review was not published. You may edit it: our team will read it again.",
        "Votre avis n’a pas été publié. Vous pouvez le modifier\u202f: notre équipe le relira.",
    ),
    # A buyer refunded since (not a buyer any more): their review stays theirs to delete.
    "review.own.kept": _m(
        "Your review of this product stays yours: you may delete it.",
        "Votre avis sur ce produit reste le vôtre\u202f: vous pouvez le supprimer.",
    ),
    "review.verified": _m("Verified purchase", "Achat vérifié"),
    "review.deleted": _m("Your review is deleted.", "Votre avis est supprimé."),
    # The product page's section.
    "review.heading": _m("Customer reviews", "Avis clients"),
    "review.none": _m("No reviews published yet.", "Aucun avis publié pour l’instant."),
    # No review written here, yet a rating (imported with the catalog) above: where it is from.
    "review.none_rated": _m(
        "No written reviews yet: the rating above comes from {count} ratings.",
        "Aucun avis rédigé pour l’instant : la note ci-dessus repose sur {count} évaluations.",
    ),
    "review.none_rated.one": _m(
        "No written reviews yet: the rating above comes from one rating.",
        "Aucun avis rédigé pour l’instant : la note ci-dessus repose sur une évaluation.",
    ),
    "review.anonymous": _m("A customer", "Un client"),
    "review.show_more": _m("Show more reviews", "Afficher plus d’avis"),
    "review.write": _m("Write a review", "Donner votre avis"),
    "review.edit": _m("Your review", "Votre avis"),
    "review.note": _m(
        "Reviews appear once our team has read them.",
        "Les avis apparaissent une fois relus par notre équipe.",
    ),
    "review.field.rating": _m("Your rating", "Votre note"),
    "review.stars": _m("{count} stars out of 5", "{count} étoiles sur 5"),
    "review.stars.one": _m("1 star out of 5", "1 étoile sur 5"),
    "review.rated": _m("Rated {rating} out of 5", "Noté {rating} sur 5"),
    "review.field.title": _m("Title (optional)", "Titre (facultatif)"),
    "review.field.body": _m("Review", "Avis"),  # under the heading "Your review"
    "review.save": _m("Send the review", "Envoyer l’avis"),
    "review.save_changes": _m("Save the changes", "Enregistrer les modifications"),
    "review.delete": _m("Delete my review", "Supprimer mon avis"),
    # The admin's page.
    "admin.nav.reviews": _m("Reviews", "Avis"),
    "admin.reviews.note": _m(
        "Shoppers' reviews wait here until you publish them. A published review shows on its "
        "product's page and counts in its rating; hide it to take it off again.",
        "Les avis des clients attendent ici que vous les publiiez. Un avis publié paraît sur la "
        "page de son produit et compte dans sa note\u202f; masquez-le pour l’en retirer.",
    ),
    "admin.reviews.empty": _m("No reviews yet.", "Aucun avis pour l’instant."),
    "admin.reviews.product": _m("Product", "Produit"),
    "admin.reviews.reviewer": _m("Reviewer", "Auteur"),
    "admin.reviews.review": _m("Review", "Avis"),
    "admin.reviews.status": _m("Status", "Statut"),
    "admin.reviews.publish_named": _m(
        "Publish the review by {reviewer} of {product}",
        "Publier l’avis de {reviewer} sur {product}",
    ),
    "admin.reviews.hide_named": _m(
        "Hide the review by {reviewer} of {product}",
        "Masquer l’avis de {reviewer} sur {product}",
    ),
    "admin.reviews.publish": _m("Publish", "Publier"),
    "admin.reviews.hide": _m("Hide", "Masquer"),
    "admin.reviews.published": _m("Review published.", "Avis publié."),
    "admin.reviews.hidden": _m("Review hidden.", "Avis masqué."),
    "admin.reviews.status.pending": _m("Pending", "En attente"),
    "admin.reviews.status.published": _m("Published", "Publié"),
    "admin.reviews.status.hidden": _m("Hidden", "Masqué"),
    # The admin's moderation (services.admin.reviews).
    "admin.review.error.unknown": _m("Unknown action.", "Action inconnue."),
    "admin.review.error.gone": _m("This review no longer exists.", "Cet avis n’existe plus."),
    "admin.review.error.changed": _m(
        "Someone changed this review meanwhile: look again.",
        "Quelqu’un a modifié cet avis entre-temps\u202f: regardez à nouveau.",
    ),
}
