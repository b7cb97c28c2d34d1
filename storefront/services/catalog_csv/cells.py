"""Cell values: parsing them with a merchant-readable reason, and writing them back.

Lists inside a cell use `;` between name=value pairs and `|` between values; a backslash
makes the next character literal, so every value can be written and read back unchanged.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

from models.catalog import ProductStatus
from models.money import MoneyParseError, minor_exponent, parse_major_amount, ungrouped
from storefront.services.catalog_csv.problems import CellError, quoted
from storefront.services.catalog_limits import MAX_PRICE_MINOR, MAX_SKU, MAX_STOCK, is_sku
from storefront.services.text import has_disguise

# PostgreSQL INTEGER columns hold price, stock and review counts.
MAX_INTEGER = 2_147_483_647
MAX_EXTERNAL_ID = 255
MAX_NAME = 160  # category and brand names
MAX_OPTION_VALUE = 120
MAX_KEY = 60
MAX_PATH = 500  # image paths and URLs
MAX_ALT = 300
MAX_CATEGORY_DEPTH = 10

_WHOLE = re.compile(r"[+-]?\d+(?:\.0*)?")
# "1,000" alone: a thousand to some, one to others (a comma is a decimal mark in the file
# too); "1,000,000" or "1,000.50" can be read one way only (models/money.py).
_THOUSANDS = re.compile(r"\d{1,3},\d{3}")
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0", ""}


def text(value: str, *, max_length: int, required: bool = False, name: bool = False) -> str:
    """The cell's text, trimmed; a `name` (a title, a brand) holds no invisible character
    that would disguise it (services/text.py)."""
    cleaned = value.strip()
    if required and not cleaned:
        raise CellError("is empty", "empty")
    if name and has_disguise(cleaned):
        raise CellError(
            "holds an invisible character that changes how the text shows "
            "(a direction override or a zero-width space)",
            "disguised",
        )
    if len(cleaned) > max_length:
        raise CellError(
            f"is {len(cleaned):,} characters long; at most {max_length:,} allowed",
            "too_long_text",
            length=len(cleaned),
            limit=max_length,
        )
    return cleaned


def amount(value: str, currency: str) -> int:
    """Major units ('12.90' or '12,90') into minor units."""
    cleaned = value.strip()
    if not cleaned:
        raise CellError(
            "is empty: every row needs a price when the file has this column", "price_empty"
        )
    if _THOUSANDS.fullmatch(cleaned) and minor_exponent(currency) == 2:
        # parse_major_amount would read "1,000" as 1.000, a thousand times less than meant.
        raise CellError(
            f"{quoted(cleaned)} is ambiguous: write it without a thousands separator",
            "ambiguous",
            value=quoted(cleaned),
        )
    if cleaned.startswith("-"):
        raise CellError(f"{quoted(cleaned)} is negative", "negative", value=quoted(cleaned))
    try:
        minor = parse_major_amount(cleaned, currency)
    except MoneyParseError as exc:
        raise _amount_error(str(exc), cleaned, currency) from None
    if minor > MAX_PRICE_MINOR:  # the most the product form takes
        highest = MAX_PRICE_MINOR // 10 ** minor_exponent(currency)
        raise CellError(
            f"{quoted(cleaned)} is above {highest:,}, the highest price a product may have",
            "price_too_large",
            value=quoted(cleaned),
            limit=highest,
        )
    return minor


def _amount_error(message: str, cleaned: str, currency: str) -> CellError:
    """parse_major_amount's refusal with its message key (models/money.py words it)."""
    value = quoted(cleaned)
    if " decimals for " in message:
        decimals = minor_exponent(currency)
        return CellError(
            f"{value} has more than {decimals} decimals for {currency} "
            "(write amounts like 1000 or 12.90, without thousands separators)",
            "decimals",
            value=value,
            decimals=decimals,
            currency=currency,
        )
    if message.endswith(" is too large"):
        return CellError(f"{value} is too large", "too_large", value=value)
    return CellError(f"{value} is not an amount", "not_amount", value=value)


def optional_amount(value: str, currency: str) -> int | None:
    return amount(value, currency) if value.strip() else None


def count(value: str) -> int:
    """A whole number >= 0 (stock, review count; "1 000" too); empty means 0."""
    cleaned = ungrouped(value.strip())
    if not cleaned:
        return 0
    if not _WHOLE.fullmatch(cleaned):
        raise CellError(
            f"{quoted(cleaned)} is not a whole number", "not_whole", value=quoted(cleaned)
        )
    number = int(Decimal(cleaned))
    if number < 0:
        raise CellError(f"{quoted(cleaned)} is negative", "negative", value=quoted(cleaned))
    if number > MAX_INTEGER:
        raise CellError(f"{quoted(cleaned)} is too large", "too_large", value=quoted(cleaned))
    return number


def stock(value: str) -> int:
    """A variant's units: a whole number from 0 to MAX_STOCK, as the product form takes."""
    number = count(value)
    if number > MAX_STOCK:
        raise CellError(
            f"{quoted(value.strip())} is above {MAX_STOCK:,}, the most a variant may hold",
            "stock_too_large",
            value=quoted(value.strip()),
            limit=MAX_STOCK,
        )
    return number


def sku(value: str) -> str:
    """A SKU typed, or "" for none (one is made then): one word, as the form takes."""
    cleaned = text(value, max_length=MAX_SKU)
    if cleaned and not is_sku(cleaned):
        raise CellError(
            f"{quoted(cleaned)} has a space: a SKU is one word, e.g. CHAIR-OAK-2",
            "sku_space",
            value=quoted(cleaned),
        )
    return cleaned


def rating(value: str) -> float:
    cleaned = value.strip()
    if not cleaned:
        return 0.0
    try:
        number = Decimal(cleaned.replace(",", "."))
    except InvalidOperation:
        raise CellError(
            f"{quoted(cleaned)} is not a number", "not_number", value=quoted(cleaned)
        ) from None
    if not number.is_finite() or not 0 <= number <= 5:
        raise CellError(
            f"{quoted(cleaned)} is not a rating from 0 to 5", "not_rating", value=quoted(cleaned)
        )
    return float(number)


def flag(value: str) -> bool:
    cleaned = value.strip().casefold()
    if cleaned in _TRUE:
        return True
    if cleaned in _FALSE:
        return False
    raise CellError(
        f"{quoted(value.strip())} is not true or false", "not_flag", value=quoted(value.strip())
    )


def status(value: str) -> ProductStatus:
    cleaned = value.strip().casefold()
    if not cleaned:
        return ProductStatus.ACTIVE
    try:
        return ProductStatus(cleaned)
    except ValueError:
        raise CellError(
            f"{quoted(value.strip())} is not a status (active, draft or archived)",
            "not_status",
            value=quoted(value.strip()),
        ) from None


def currency_code(value: str) -> str:
    cleaned = value.strip().upper()
    if len(cleaned) != 3 or not cleaned.isascii() or not cleaned.isalpha():
        raise CellError(
            f"{quoted(value.strip())} is not an ISO 4217 currency code such as EUR",
            "not_currency",
            value=quoted(value.strip()),
        )
    return cleaned


def category_path(value: str) -> tuple[str, ...]:
    """'Furniture > Chairs' -> ('Furniture', 'Chairs')."""
    if not value.strip():
        return ()
    names = tuple(n for n in (unescape(p.strip()) for p in split_escaped(value, ">")) if n)
    if len(names) > MAX_CATEGORY_DEPTH:
        raise CellError(
            f"has {len(names)} levels; at most {MAX_CATEGORY_DEPTH} allowed",
            "category_depth",
            levels=len(names),
            limit=MAX_CATEGORY_DEPTH,
        )
    for name in names:
        if len(name) > MAX_NAME:
            raise CellError(
                f"category {quoted(name)} is longer than {MAX_NAME} characters",
                "category_too_long",
                name=quoted(name),
                limit=MAX_NAME,
            )
    return names


def image_ref(value: str) -> str:
    """An absolute http(s) URL or a path on this site such as /media/products/x.jpg (not
    `//host/x.jpg`, which a browser loads from that host; nor a backslash, which it reads
    as a slash)."""
    cleaned = value.strip()
    on_site = cleaned.startswith("/") and not cleaned.startswith("//") and "\\" not in cleaned
    if not (cleaned.startswith(("http://", "https://")) or on_site):
        raise CellError(
            f"{quoted(cleaned)} is not an http(s) URL or a /media path",
            "not_image",
            value=quoted(cleaned),
        )
    if len(cleaned) > MAX_PATH:
        raise CellError(f"is longer than {MAX_PATH} characters", "too_long", limit=MAX_PATH)
    return cleaned


def image_refs(value: str) -> tuple[str, ...]:
    """One or more images separated by `|`, the first being the main one."""
    if not value.strip():
        return ()
    refs = [unescape(p.strip()) for p in split_escaped(value, "|")]
    return tuple(dict.fromkeys(image_ref(r) for r in refs if r))


def default_sku(base: str, option_values: Mapping[str, str]) -> str:
    """A SKU for a variant the file gave none: the product id, then its option values.

    Options are taken in name order so that reordering them in the file keeps the SKU,
    and with it the variant's id in the database.
    """
    parts = [base, *(option_values[k] for k in sorted(option_values))]
    parts = [re.sub(r"\s+", "-", part.strip()) for part in parts]
    sku = "-".join(parts)
    if len(sku) > MAX_SKU:
        digest = hashlib.sha1(sku.encode("utf-8")).hexdigest()[:10]
        sku = f"{sku[: MAX_SKU - 11]}-{digest}"
    return sku


def split_escaped(value: str, separator: str) -> list[str]:
    """Split on `separator` except where a backslash escapes it; escapes are kept."""
    if "\\" not in value:
        return value.split(separator)
    pieces: list[str] = []
    current: list[str] = []
    index = 0
    while index < len(value):
        char = value[index]
        if char == "\\" and index + 1 < len(value):
            current.append(value[index : index + 2])
            index += 2
            continue
        if char == separator:
            pieces.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    pieces.append("".join(current))
    return pieces


def unescape(value: str) -> str:
    return _ESCAPED.sub(r"\1", value) if "\\" in value else value


def escape(value: str, specials: str) -> str:
    """Backslash the separators (and backslashes) a value holds, for writing a cell."""
    if not any(c in value for c in specials) and "\\" not in value:
        return value
    return "".join(f"\\{c}" if c in specials or c == "\\" else c for c in value)


def write_options(option_values: Mapping[str, str]) -> str:
    return "; ".join(f"{escape(k, ';=|')}={escape(v, ';=|')}" for k, v in option_values.items())


def write_attributes(values: Mapping[str, Iterable[str]]) -> str:
    return "; ".join(
        f"{escape(k, ';=|')}={'|'.join(escape(v, ';=|') for v in vs)}" for k, vs in values.items()
    )


def write_path(names: Iterable[str]) -> str:
    return " > ".join(escape(n, ">") for n in names)


def write_images(paths: Iterable[str]) -> str:
    return "|".join(escape(p, "|") for p in paths)


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
# The generic export writes such a cell after an apostrophe, so that it is taken as text, and
# its import drops one apostrophe again. A value that itself starts with apostrophes before
# such a character gets one more, so every value round-trips unchanged.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    return "'" + value if value.lstrip("'").startswith(_FORMULA_STARTS) else value


def from_spreadsheet(value: str) -> str:
    """The value `spreadsheet_safe` was given."""
    return (
        value[1:] if value.lstrip("'").startswith(_FORMULA_STARTS) and value[:1] == "'" else value
    )
