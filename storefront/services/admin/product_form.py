"""The product form as a person fills it in, checked field by field.

Parsing needs no database: it returns a ParsedProduct, and the use cases in `products` check
what only the database knows (the category exists, a SKU is free) in their transaction.
Errors are collected, not raised one at a time, so the form shows every fault at once.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from models.catalog import ProductStatus
from models.money import (
    MoneyParseError,
    format_major_amount,
    minor_exponent,
    parse_major_amount,
    ungrouped,
)
from models.records import ProductRecord, VariantRecord
from storefront.services.admin.variant_options import (
    MAX_OPTIONS_TEXT,
    OptionRepeated,
    format_options,
    parse_options,
)
from storefront.services.catalog_limits import (
    MAX_DESCRIPTION,
    MAX_PRICE_MINOR,
    MAX_SKU,
    MAX_STOCK,
    MAX_TITLE,
    is_sku,
)
from storefront.services.catalog_writer import MAX_VARIANTS
from storefront.services.errors import Refusal
from storefront.services.product_records import variant_title
from storefront.services.text import has_disguise

MAX_BRAND = 160
# A price, a stock or an id as typed: a longer one is refused, never read (int() refuses
# more than 4,300 digits, and leading zeros must not make a cut value look valid).
MAX_NUMBER_TEXT = 40
_WHOLE = re.compile(r"[0-9]+\Z")  # ASCII digits only: not "١٢", nor "1_0"
E = "admin.product.error."
# The longest text each field of the form may hold, once trimmed: anything longer is refused
# (as too long, or as not a valid value), so a page may cut what it is sent one character
# past these, never shorter: a value cut to fit would be saved silently changed.
FIELD_LIMITS = {
    "title": MAX_TITLE,
    "description": MAX_DESCRIPTION,
    "brand": MAX_BRAND,
    "category_id": MAX_NUMBER_TEXT,
    "status": MAX_NUMBER_TEXT,  # any text not a status is refused
}
VARIANT_LIMITS = {
    "sku": MAX_SKU,
    "options": MAX_OPTIONS_TEXT,
    "price": MAX_NUMBER_TEXT,
    "compare_at": MAX_NUMBER_TEXT,
    "stock": MAX_NUMBER_TEXT,
}


@dataclass(frozen=True, slots=True)
class VariantForm:
    sku: str
    price: str  # as typed: "12.90", "12,90", "12"
    stock: str | int = "0"
    options: str | Mapping[str, str] = ""  # "size=M, colour=Blue" or {"size": "M"}
    compare_at: str = ""  # optional "was" price, above the price
    title: str = ""


@dataclass(frozen=True, slots=True)
class ProductForm:
    title: str
    variants: tuple[VariantForm, ...]
    description: str = ""
    category_id: int | str | None = None  # a select's value may arrive as text
    brand: str | int | None = None  # an id, or a name (a new name creates the brand)
    status: str = ProductStatus.DRAFT.value
    external_id: str = ""  # the merchant's own key; generated when left empty
    # The product an edit form was filled from (form_version); empty: saved unchecked.
    version: str = ""


@dataclass(frozen=True, slots=True)
class ParsedProduct:
    title: str
    description: str
    category_id: int
    brand: str | int | None
    status: ProductStatus
    variants: tuple[VariantRecord, ...]
    external_id: str = ""


def parse_product_form(form: ProductForm, currency: str) -> ParsedProduct:
    """Check every field; raise Refusal('admin.product.error.invalid', {field: key}).

    Variant fields are named 'variants.<index>.<field>', e.g. 'variants.0.price'."""
    errors: dict[str, str] = {}
    limits: dict[str, dict[str, int]] = {}  # the limit each "too long" message names
    title = form.title.strip()
    if not title:
        errors["title"] = E + "title"
    elif len(title) > MAX_TITLE:
        errors["title"], limits["title"] = E + "too_long", {"limit": MAX_TITLE}
    elif has_disguise(title):
        errors["title"] = E + "disguised"
    if len(form.description.strip()) > MAX_DESCRIPTION:
        errors["description"] = E + "too_long"
        limits["description"] = {"limit": MAX_DESCRIPTION}
    category_id = parse_id(form.category_id)
    if category_id is None:
        errors["category_id"] = E + "category"
    brand = form.brand.strip() if isinstance(form.brand, str) else form.brand
    if isinstance(brand, str) and len(brand) > MAX_BRAND:
        errors["brand"], limits["brand"] = E + "too_long", {"limit": MAX_BRAND}
    elif isinstance(brand, str) and has_disguise(brand):
        errors["brand"] = E + "disguised"
    try:
        status = ProductStatus(form.status)
    except ValueError:
        errors["status"] = E + "status"
        status = ProductStatus.DRAFT
    published = status is ProductStatus.ACTIVE
    variants = _parse_variants(form.variants, currency, errors, published=published)
    highest_price = MAX_PRICE_MINOR // 10 ** minor_exponent(currency)  # in major units
    for name, key in errors.items():
        if key == E + "stock":
            limits[name] = {"limit": MAX_STOCK}
        elif key == E + "price":  # "1000000000" was told only "A price, e.g. 12.90" (QA)
            limits[name] = {"limit": highest_price}
    if errors:
        raise Refusal(E + "invalid", errors, field_params=limits)
    assert category_id is not None
    return ParsedProduct(
        title=title,
        description=form.description.strip(),
        category_id=category_id,
        brand=brand or None,
        status=status,
        variants=variants,
        external_id=form.external_id.strip(),
    )


def _parse_variants(
    forms: tuple[VariantForm, ...], currency: str, errors: dict[str, str], *, published: bool
) -> tuple[VariantRecord, ...]:
    """The variants typed; a published product's at price 0 refused (a slipped "0" would put
    it on sale for nothing at once: a draft may wait for its price)."""
    if not forms:
        errors["variants"] = E + "variants"
    elif len(forms) > MAX_VARIANTS:
        errors["variants"] = E + "too_many_variants"
    variants: list[VariantRecord] = []
    seen_skus: set[str] = set()
    seen_options: set[tuple[tuple[str, str], ...]] = set()
    names: set[str] | None = None  # the option names of the first variant that has readable ones
    for index, form in enumerate(forms):
        at = f"variants.{index}."
        sku = form.sku.strip()
        if not is_sku(sku):
            errors[at + "sku"] = E + "sku"
        elif sku.casefold() in seen_skus:  # "ab-1" beside "AB-1": one SKU to a reader (QA)
            errors[at + "sku"] = E + "sku_repeated"
        seen_skus.add(sku.casefold())
        options = _options_or_error(form.options, at, errors)
        key = tuple(sorted(options.items()))
        if at + "options" in errors:
            pass  # unreadable: said so
        elif key in seen_options:  # the picker could not tell them apart
            # Two with no options: the page showed the first only, and the catalog's export
            # could not be imported again (QA).
            errors[at + "options"] = E + ("options_repeated" if options else "options_missing")
        else:
            seen_options.add(key)
            # A name of its own ("taille" beside "size") made a second picker (QA).
            if names is not None and set(options) != names:
                errors[at + "options"] = E + "option_names"
            names = set(options) if names is None else names
        price = _price_or_error(form.price, currency, at + "price", errors)
        if price == 0 and published:
            errors[at + "price"] = E + "price_free"
        compare_at = None
        if form.compare_at.strip():
            compare_at = _price_or_error(form.compare_at, currency, at + "compare_at", errors)
            if compare_at is not None and price is not None and compare_at <= price:
                errors[at + "compare_at"] = E + "compare_at"
        stock = parse_stock(form.stock)
        if stock is None:
            errors[at + "stock"] = E + "stock"
        if price is not None and stock is not None:
            variants.append(
                VariantRecord(
                    sku=sku,
                    price_minor=price,
                    stock=stock,
                    options=options,
                    title=form.title.strip() or variant_title(options),
                    compare_at_minor=compare_at,
                )
            )
    return tuple(variants)


def parse_price(text: str, currency: str) -> int:
    """'12.90', '12,90' or '12' in major units to integer minor units (no float on the way);
    raise MoneyParseError for anything else, negative or above MAX_PRICE_MINOR."""
    if len(text.strip()) > MAX_NUMBER_TEXT:
        raise MoneyParseError(f"{text[:40]!r}... is too long for a price")
    minor = parse_major_amount(text.strip(), currency)
    if minor > MAX_PRICE_MINOR:
        raise MoneyParseError(f"{text!r} is above the highest price")
    return minor


def parse_stock(value: str | int) -> int | None:
    """A whole number of items between 0 and MAX_STOCK ("1 000" too), or None."""
    text = ungrouped(str(value).strip())
    if len(text) > MAX_NUMBER_TEXT or not _WHOLE.match(text):
        return None
    stock = int(text)
    return stock if stock <= MAX_STOCK else None


def form_of(record: ProductRecord, brand_name: str | None) -> ProductForm:
    """The form that edits this product as it stands, with its version."""
    form = _filled(record, brand_name)
    return replace(form, version=form_version(form))


def form_version(form: ProductForm) -> str:
    """What the form shows of the product, stock left out (sales move it and a save keeps
    it): a form saved over another version would undo a change made since it was opened."""
    shown = replace(form, variants=tuple(replace(v, stock="") for v in form.variants))
    return hashlib.sha256(repr(replace(shown, version="")).encode()).hexdigest()


def _filled(record: ProductRecord, brand_name: str | None) -> ProductForm:
    currency = record.currency
    return ProductForm(
        title=record.title,
        description=record.description,
        category_id=record.category_id,
        brand=brand_name,
        status=record.status.value,
        external_id=record.external_id,
        variants=tuple(
            VariantForm(
                sku=v.sku,
                price=format_major_amount(v.price_minor, currency),
                stock=str(v.stock),
                options=format_options(v.options),
                compare_at=(
                    format_major_amount(v.compare_at_minor, currency)
                    if v.compare_at_minor is not None
                    else ""
                ),
                title=v.title,
            )
            for v in record.variants
        ),
    )


def with_parsed(
    record: ProductRecord, parsed: ParsedProduct, brand_id: int | None
) -> ProductRecord:
    """The record edited by the form. Existing variants keep their stock and image: stock
    moves only through stock adjustments (which say why), and a form saved minutes after it
    was opened must not undo the sales made meanwhile."""
    current = {v.sku: v for v in record.variants}
    variants = tuple(
        replace(v, stock=current[v.sku].stock, image_path=current[v.sku].image_path)
        if v.sku in current
        else v
        for v in parsed.variants
    )
    return replace(
        record,
        title=parsed.title,
        description=parsed.description,
        category_id=parsed.category_id,
        brand_id=brand_id,
        status=parsed.status,
        variants=variants,
    )


def _options_or_error(
    value: str | Mapping[str, str], at: str, errors: dict[str, str]
) -> dict[str, str]:
    try:
        return parse_options(value)
    except OptionRepeated:  # well written, but which value? (the format's help said nothing)
        errors[at + "options"] = E + "option_twice"
        return {}
    except ValueError:
        errors[at + "options"] = E + "options"
        return {}


def _price_or_error(text: str, currency: str, name: str, errors: dict[str, str]) -> int | None:
    try:
        return parse_price(text, currency)
    except MoneyParseError:
        errors[name] = E + "price" if name.endswith("price") else E + "compare_at"
        return None


def parse_id(value: int | str | None) -> int | None:
    """A picker's id as typed or sent, or None when it is none."""
    if isinstance(value, int):
        return value if value > 0 else None
    text = (value or "").strip()
    if len(text) > MAX_NUMBER_TEXT or not _WHOLE.match(text):
        return None
    return int(text) or None
