"""UI text of the admin product page's images: the gallery, its moves and text, the upload
and why a file is refused (merged into storefront.i18n.MESSAGES)."""

from __future__ import annotations

from typing import Final

from storefront.i18n_entry import en_fr as _m

ADMIN_IMAGE_MESSAGES: Final[dict[str, dict[str, str]]] = {
    "admin.product.image": _m("Images", "Images"),
    "admin.image.main": _m("Thumbnail", "Vignette"),
    "admin.image.first": _m("Make it the thumbnail", "En faire la vignette"),
    "admin.image.earlier": _m("Move up", "Monter"),
    "admin.image.later": _m("Move down", "Descendre"),
    "admin.image.remove": _m("Remove the image", "Retirer l’image"),
    "admin.image.remove_title": _m(
        "Remove this image from the product?", "Retirer cette image du produit\u202f?"
    ),
    "admin.image.remove_body": _m(
        "Shoppers will no longer see it on the product's page. To show it again, upload it again.",
        "Les clients ne la verront plus sur la page du produit. Pour la remontrer, envoyez-la "
        "à nouveau.",
    ),
    "admin.image.alt": _m("Text of the image", "Texte de l’image"),
    "admin.image.alt_placeholder": _m(
        "What it shows, for screen readers (the title if empty)",
        "Ce qu’elle montre, pour les lecteurs d’écran (le titre si vide)",
    ),
    "admin.image.alt_save": _m("Save text", "Enregistrer le texte"),
    "admin.image.removed": _m("Image removed.", "Image retirée."),
    "admin.image.moved": _m("Images reordered.", "Images réordonnées."),
    "admin.image.described": _m("Image text saved.", "Texte de l’image enregistré."),
    # Which option value (a colour) an image shows: the shop's page shows it when picked.
    "admin.image.shows": _m("Shown for", "Montrée pour"),
    "admin.image.shows_all": _m("(all)", "(toutes)"),
    "admin.image.shows_saved": _m(
        "Saved: the shop's page shows this image for that choice.",
        "Enregistré : la page du produit montre cette image pour ce choix.",
    ),
    "admin.product.image_drop": _m(
        "Drop a PNG, JPEG or WebP image here, or click to choose one",
        "Déposez une image PNG, JPEG ou WebP ici, ou cliquez pour la choisir",
    ),
    "admin.product.image_upload": _m("Upload", "Envoyer"),
    "admin.product.image_help": _m("At most 5 MB.", "5 Mo au plus."),
    "admin.product.image_saved": _m("Image saved.", "Image enregistrée."),
    "admin.image.error.empty": _m("Choose an image first.", "Choisissez d’abord une image."),
    "admin.image.error.too_large": _m(
        "Images may be at most 5 MB.", "Les images font 5 Mo au plus."
    ),
    "admin.image.error.too_many_pixels": _m(
        "This picture is too large to show: at most 50 megapixels (8,000 x 6,000, say).",
        "Cette image est trop grande pour être affichée\u202f: 50 mégapixels au plus"
        " (8 000 x 6 000 par exemple).",
    ),
    "admin.image.error.damaged": _m(
        "This image file is incomplete or damaged: save or download it again, then upload it.",
        "Ce fichier d’image est incomplet ou abîmé\u202f: enregistrez-le ou téléchargez-le à "
        "nouveau, puis envoyez-le.",
    ),
    "admin.image.error.gone": _m(
        "This image is no longer on the product (changed in another tab): the page now shows "
        "its images as they are.",
        "Cette image n’est plus sur le produit (modifié dans un autre onglet)\u202f: la page "
        "montre "
        "maintenant ses images telles qu’elles sont.",
    ),
    "admin.image.error.option": _m(
        "This product has no such option value (its variants changed in another tab): the"
        " page now shows its choices as they are.",
        "Ce produit n’a pas cette valeur d’option (ses variantes ont changé dans un autre"
        " onglet) : la page montre maintenant ses choix tels qu’ils sont.",
    ),
    "admin.image.error.move": _m(
        "This image cannot move so.", "Cette image ne peut pas bouger ainsi."
    ),
    "admin.image.error.alt": _m(
        "An image's text may be at most {limit} characters.",
        "Le texte d’une image fait {limit} caractères au plus.",
    ),
    "admin.image.error.svg": _m(
        "SVG images are not accepted (they can carry scripts).",
        "Les images SVG ne sont pas acceptées (elles peuvent contenir des scripts).",
    ),
    "admin.image.error.too_many": _m("One image at a time.", "Une image à la fois."),
    "admin.image.error.type": _m(
        "Only PNG, JPEG and WebP images.", "Images PNG, JPEG ou WebP uniquement."
    ),
}
