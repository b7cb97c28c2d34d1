"""What a catalog file changes of the products the shop has, as its preview shows it: each
product new, changed or unchanged; prices and titles old → new; the price moves big enough to
be a slip (an Excel "9,90 €" for 259.99 went through unnoticed, QA); and the stock figures of
the file an import ignores (the shop keeps its own)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from models.money import format_major_amount
from models.records import ProductRecord
from storefront.services.catalog_writer import ProductDraft

# A price move is flagged when it falls below half the old price or rises over this many
# times it: a slip of a decimal mark or a digit, not a sale. A warning, never a refusal.
PRICE_RISE_OVER = 5
PRICE_CHANGES_SHOWN = 3  # per product in the preview, then "+n"
ARROW = " → "


def price_alarm(old_minor: int, new_minor: int) -> bool:
    """Whether a price move looks like a slip: it loses more than half or grows over 5×.
    A price that was 0 (a bare catalogue's) is being set, not moved."""
    if old_minor <= 0:
        return False
    return new_minor * 2 < old_minor or new_minor > old_minor * PRICE_RISE_OVER


@dataclass(frozen=True, slots=True)
class PriceChange:
    external_id: str
    sku: str
    old: str  # major units, as the preview shows them ("259.99")
    new: str
    alarming: bool

    def text(self) -> str:
        """ "SKU: 259.99 → 9.90", the same in every language."""
        return f"{self.sku}: {self.old}{ARROW}{self.new}"


def price_changes(draft: ProductDraft, before: ProductRecord | None) -> tuple[PriceChange, ...]:
    """The prices of the shop's variants (matched by SKU, as a save matches them) the draft
    changes; a new product or variant has none to compare."""
    if before is None:
        return ()
    old = {v.sku: v.price_minor for v in before.variants}
    return tuple(
        PriceChange(
            draft.external_id,
            v.sku,
            format_major_amount(old[v.sku], before.currency),
            format_major_amount(v.price_minor, draft.currency),
            price_alarm(old[v.sku], v.price_minor),
        )
        for v in draft.variants
        if v.sku in old and old[v.sku] != v.price_minor
    )


def ignored_stock(draft: ProductDraft, before: ProductRecord | None) -> bool:
    """Whether the file gives a variant the shop has another stock than the shop's: the
    import ignores it (stock moves by adjustments only), which the preview must say."""
    if before is None:
        return False
    shop = {v.sku: v.stock for v in before.variants}
    return any(v.sku in shop and shop[v.sku] != v.stock for v in draft.variants)


def status_of(
    external_id: str, before: Mapping[str, ProductRecord], unchanged: Collection[str]
) -> str:
    """ "new", "changed" or "unchanged": what applying does to the product."""
    if external_id not in before:
        return "new"
    return "unchanged" if external_id in unchanged else "changed"


def changed_first(
    drafts: Sequence[ProductDraft], before: Mapping[str, ProductRecord], unchanged: Collection[str]
) -> list[ProductDraft]:
    """The drafts the preview lists, new and changed products before those left as they
    are (the file's order kept within each): a file of 4 unchanged products and 6 changed
    mixed them with nothing telling them apart (QA)."""
    return sorted(drafts, key=lambda d: status_of(d.external_id, before, unchanged) == "unchanged")


@dataclass(frozen=True, slots=True)
class PriceReview:
    """The file's price changes of the shop's variants: how many, and those that look like
    a slip (their number and the first few, for the preview and the confirm dialog)."""

    changed: int = 0
    alarms: int = 0
    alarm_examples: tuple[str, ...] = ()


def review_prices(
    drafts: Sequence[ProductDraft], before: Mapping[str, ProductRecord], shown: int
) -> PriceReview:
    """Every price the file changes, whichever rows the preview lists."""
    changed = alarms = 0
    examples: list[str] = []
    for draft in drafts:
        for change in price_changes(draft, before.get(draft.external_id)):
            changed += 1
            if change.alarming:
                alarms += 1
                if len(examples) < shown:
                    examples.append(f"{draft.external_id} · {change.text()}")
    return PriceReview(changed, alarms, tuple(examples))


@dataclass(frozen=True, slots=True)
class SampleRow:
    external_id: str
    title: str
    category: str
    price: str
    # The stock the product will have: an import never moves the stock of a variant the shop
    # has already (stock moves by adjustments only), so for those it is the shop's figure
    # and the file's is ignored; new variants get the file's.
    stock: int
    variants: int
    kept_stock: int = 0  # how many of its variants keep the shop's stock, the file's ignored
    status: str = "new"  # status_of
    old_title: str = ""  # the shop's title when the file changes it
    price_changes: tuple[str, ...] = ()  # PriceChange.text(), the first few
    more_price_changes: int = 0  # beyond those
    price_alarm: bool = False  # one of its price moves looks like a slip (price_alarm)
    # The file's stock for the variants the shop has, whose own stock is kept: shown as
    # ignored when it differs (stock_ignored).
    file_stock: int = 0
    stock_ignored: bool = False


def sample_rows(
    drafts: Sequence[ProductDraft],
    before: Mapping[str, ProductRecord],
    unchanged: Collection[str],
    separator: str,
) -> tuple[SampleRow, ...]:
    """The preview's rows for these drafts: what each product will be, and what changes."""
    rows = []
    for draft in drafts:
        held = before.get(draft.external_id)
        kept = {v.sku: v.stock for v in held.variants} if held else {}
        prices = sorted(v.price_minor for v in draft.variants)
        changes = price_changes(draft, held)
        rows.append(
            SampleRow(
                draft.external_id,
                draft.title,
                separator.join(draft.category_path),
                format_major_amount(prices[0], draft.currency) if prices else "",
                sum(kept.get(v.sku, v.stock) for v in draft.variants),
                len(draft.variants),
                sum(v.sku in kept for v in draft.variants),
                status_of(draft.external_id, before, unchanged),
                held.title if held and held.title != draft.title else "",
                tuple(c.text() for c in changes[:PRICE_CHANGES_SHOWN]),
                max(0, len(changes) - PRICE_CHANGES_SHOWN),
                any(c.alarming for c in changes),
                sum(v.stock for v in draft.variants if v.sku in kept),
                ignored_stock(draft, held),
            )
        )
    return tuple(rows)
