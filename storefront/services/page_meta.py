"""What a page tells search engines and link previews of itself, beyond its title: a short
description taken from the page's own text, and absolute URLs (an og:image must be one).

The text is plain: React escapes attribute values when it writes the <meta> tags, and the
server's HTML writer (api/page_head.py) when it writes them into the page it sends."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from models.views import CategoryNode, ProductDetail
from storefront.i18n import LOCALES, translate, translations
from storefront.services.catalog import ProductPage
from storefront.services.structured_data import SalesTerms, product_data, script_text
from storefront.services.text import without_control

# Search engines show about 155-160 characters of a description; more is cut where they choose.
DESCRIPTION_LIMIT = 160
# Runs of spaces a line may break at; the no-break ones (French "Chaises\u202f:", "12\u00a0€")
# are kept, so that a sign or a currency stays with its word in a preview too.
_SPACES = re.compile(r"[^\S\u00a0\u202f]+")


def meta_description(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """`text` on one line, its runs of spaces and line breaks made one space, cut before
    `limit` characters at the end of a word, with an ellipsis where it was cut. No-break spaces
    stay as they are."""
    flat = _SPACES.sub(" ", without_control(text)).strip()
    if len(flat) <= limit:
        return flat
    head = flat[: limit - 1]  # room for the ellipsis
    cut = head.rfind(" ")
    if cut > limit // 2:  # a word boundary not too far back; else cut inside the long word
        head = head[:cut]
    return head.rstrip(" ,;:.-–—\u00a0\u202f") + "…"


def absolute_url(public_url: str, url: str) -> str:
    """`url` as an absolute URL under the shop's public address; one already absolute as is."""
    if not url or url.startswith(("http://", "https://")):
        return url
    return public_url.rstrip("/") + "/" + url.lstrip("/")


HOME_TITLE = "Boutique"
# What the server writes is in the shop's language (settings.language, `locale` here); the
# shopper's own is picked by the page's code.


def product_description(locale: str) -> str:
    """What a product says of itself until it has loaded, or with no text of its own."""
    return translate(locale, "meta.product")


def home_description(locale: str) -> str:
    return translate(locale, "meta.home")


@dataclass(frozen=True, slots=True)
class PageHead:
    """The <title>, description and Open Graph tags of one page, as plain text (the HTML
    writer escapes them). `url` and `image` are absolute."""

    title: str
    description: str
    kind: str  # og:type: "website" or "product"
    url: str
    image: str
    # A product's schema.org data, as the JSON a <script> element holds (structured_data.py).
    structured: str = ""


def first_picture(product: ProductDetail) -> str | None:
    """The path of the product's first picture (the one its page shows first), if any."""
    return product.images[0].path if product.images else product.image_path


def picture_url(public_url: str, media_base_url: str, path: str | None) -> str:
    """A media path as an absolute URL ("" for none), under the media host when there is one."""
    if not path:
        return ""
    return absolute_url(public_url, path if "://" in path else media_base_url + path)


def category_descriptions(category: CategoryNode) -> dict[str, str]:
    """A category's description in each language: its own text where it has one, else a
    sentence naming it."""
    own = meta_description(category.description)
    if own:
        return dict.fromkeys(LOCALES, own)
    return {
        locale: meta_description(translations("listing.meta", name=category.label(locale))[locale])
        for locale in LOCALES
    }


def product_head(
    page: ProductPage,
    url: str,
    image: str,
    locale: str,
    pictures: Sequence[str] = (),
    *,
    terms: SalesTerms | None = None,
) -> PageHead:
    """A product page's head: its title, its own text, its `image` (absolute, its first
    picture's; the caller picks a shop picture when it has none), and its structured data
    naming its `pictures` (absolute URLs, none when it has none of its own) and the shop's
    delivery and returns `terms`."""
    product = page.product
    return PageHead(
        title=f"{product.title} · Boutique",
        description=meta_description(product.description) or product_description(locale),
        kind="product",
        url=url,
        image=image,
        structured=script_text(product_data(page, url, pictures, terms)),
    )


def category_head(category: CategoryNode, url: str, image: str, locale: str) -> PageHead:
    """A category page's head, in the shop's language."""
    name = category.label(locale)
    return PageHead(
        title=f"{name} · Boutique" if name else "Boutique",
        description=category_descriptions(category)[locale],
        kind="website",
        url=url,
        image=image,
    )


def home_head(public_url: str, image: str, locale: str) -> PageHead:
    """The home page's head."""
    url = public_url.rstrip("/") + "/"
    return PageHead(HOME_TITLE, home_description(locale), "website", url, image)
