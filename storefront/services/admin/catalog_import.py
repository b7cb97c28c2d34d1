"""Catalog CSV import from the browser: upload, check and preview; then apply all or nothing.

An uploaded file is parsed and checked against the shop at once. A bad file is refused with
every problem (line, column, reason) and never kept; a good one is staged with a token and
previewed (what will be created and updated, the first products). Applying reads the staged
file again and saves it in one transaction, reporting progress as it goes.
"""

from __future__ import annotations

import io
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from models.records import ProductRecord
from storefront.services.admin.access import Permission, Staff, require
from storefront.services.admin.audit import AuditRecord
from storefront.services.admin.import_audit import import_snapshots
from storefront.services.admin.import_diff import (
    SampleRow,
    changed_first,
    review_prices,
    sample_rows,
)
from storefront.services.catalog_csv import (
    CatalogFileInvalid,
    FileFormat,
    RowProblem,
    check_catalog,
    parse_catalog,
    save_catalog,
    with_shop_problems,
)
from storefront.services.catalog_fingerprints import EditedMeanwhile, fingerprints_of
from storefront.services.catalog_writer import ProductDraft, Progress, SaveSummary
from storefront.services.errors import Refusal
from storefront.services.ports import UnitOfWork
from storefront.services.use_cases import UseCaseRunner

MAX_FILE_BYTES = 20 * 1024 * 1024
SAMPLE_ROWS = 10
NAMED_EDITED = 3  # products named when an apply finds some edited since the preview
MAX_PROBLEMS_SHOWN = 200
STAGED_FOR = timedelta(days=1)
FORMATS: tuple[FileFormat, ...] = ("auto", "generic", "shopify")
CATEGORY_SEPARATOR = " › "


@dataclass(frozen=True, slots=True)
class StagedFile:
    token: str
    filename: str
    file_format: str
    content: str
    applied: bool
    # What the preview saw of its products (catalog_fingerprints): applying refuses
    # the file when one of them is not so any more.
    seen: Mapping[str, str]


class ImportStaging(Protocol):
    def stage(self, file: StagedFile, actor_id: int, now: datetime) -> None: ...

    def get(self, token: str) -> StagedFile | None: ...

    def claim(self, token: str, now: datetime) -> bool:
        """Mark it applied; False when it was already (a double click, another admin)."""
        ...

    def release(self, token: str) -> None:
        """Undo a claim whose save failed, so the file may be applied again."""
        ...

    def forget_content(self, token: str) -> None: ...

    def prune(self, before: datetime) -> int: ...


@dataclass(frozen=True, slots=True)
class ImportPreview:
    token: str  # "" when the file was refused
    filename: str
    file_format: str
    products: int
    created: int
    updated: int  # only those the file changes: the others count as unchanged
    sample: tuple[SampleRow, ...]
    problems: tuple[RowProblem, ...]  # every problem, in file order (empty when valid)
    problem_count: int
    unchanged: int = 0
    # The categories applying would create ("Pets › Dog Toyz"): a typo in the file's
    # category is not refused, so the merchant sees it here before applying.
    new_categories: tuple[str, ...] = ()
    # The variants of the shop's products applying deletes (the file's row lacks them): their
    # number, their units in stock, which go with them, and the first SKUs.
    removed_variants: int = 0
    removed_units: int = 0
    removed_skus: tuple[str, ...] = ()
    # The prices of the shop's variants the file changes, and those moving so far that they
    # look like a slip ("9,90 €" for 259.99): their number and the first few.
    price_changes: int = 0
    price_alarms: int = 0
    price_alarm_examples: tuple[str, ...] = ()


class CatalogImports:
    def __init__(
        self,
        staging: ImportStaging,
        run: UseCaseRunner,
        currency: str,
    ) -> None:
        self._staging = staging
        self._run = run
        self._currency = currency

    def preview(
        self, actor: Staff, filename: str, data: bytes, file_format: str, now: datetime
    ) -> ImportPreview:
        """Check an uploaded file; stage it for applying when it is valid."""
        require(actor, Permission.CATALOG)
        text = _decoded(data)
        chosen: FileFormat = file_format if file_format in FORMATS else "auto"  # type: ignore[assignment]
        name = filename.strip()[:200] or "catalog.csv"
        try:
            parsed = parse_catalog(
                io.StringIO(text, newline=""), file_format=chosen, currency=self._currency
            )
            # Read first: an edit landing between this and the check is refused at apply.
            # The preview compares the file with these same records, so what it shows as
            # the shop's (old prices, stock) is what applying guards.
            before = self._run(_shop_records, parsed.drafts)
            seen = fingerprints_of([d.external_id for d in parsed.drafts], before.values())
            summary = self._run(check_catalog, parsed)
        except CatalogFileInvalid as refused:
            problems = tuple(self._run(with_shop_problems, refused).problems)
            return ImportPreview(
                "", name, chosen, 0, 0, 0, (), problems[:MAX_PROBLEMS_SHOWN], len(problems)
            )
        if not parsed.drafts:  # a header only: nothing to apply, say so rather than "0 products"
            raise Refusal("admin.import.error.empty")
        detected = parsed.file_format  # as read: apply reads the text again the same way
        token = secrets.token_urlsafe(24)
        self._staging.prune(now - STAGED_FOR)
        staged = StagedFile(token, name, detected, text, False, seen)
        self._staging.stage(staged, actor.account_id, now)
        listed = changed_first(parsed.drafts, before, summary.unchanged_ids)[:SAMPLE_ROWS]
        prices = review_prices(parsed.drafts, before, SAMPLE_ROWS)
        return ImportPreview(
            token,
            name,
            detected,
            len(parsed.drafts),
            summary.created,
            summary.updated,
            sample_rows(listed, before, summary.unchanged_ids, CATEGORY_SEPARATOR),
            (),
            0,
            summary.unchanged,
            tuple(CATEGORY_SEPARATOR.join(path) for path in summary.new_categories),
            len(summary.removed_variants),
            sum(stock for _, stock in summary.removed_variants),
            tuple(sku for sku, _ in summary.removed_variants[:SAMPLE_ROWS]),
            prices.changed,
            prices.alarms,
            prices.alarm_examples,
        )

    def apply(
        self, actor: Staff, token: str, now: datetime, on_progress: Progress | None = None
    ) -> SaveSummary:
        """Save a previewed file: every product or none."""
        require(actor, Permission.CATALOG)
        staged = self._staging.get(token)
        if staged is None:
            raise Refusal("admin.import.error.unknown")
        if staged.applied:
            raise Refusal("admin.import.error.applied")
        file_format: FileFormat = "shopify" if staged.file_format == "shopify" else "generic"
        # Claimed before saving: of two applies racing, one saves and the other is told.
        if not self._staging.claim(token, now):
            raise Refusal("admin.import.error.applied")
        try:
            parsed = parse_catalog(
                io.StringIO(staged.content, newline=""),
                file_format=file_format,
                currency=self._currency,
            )
            summary = self._run.audited(
                # A file that changes nothing writes nothing, nor an empty audit entry.
                lambda _uow, saved: (
                    [
                        AuditRecord.of(
                            actor,
                            "catalog.import",
                            f"import:{staged.filename}",
                            *import_snapshots(saved, file_format),
                        )
                    ]
                    if saved.saved
                    else []
                ),
                save_catalog,
                parsed,
                on_progress=on_progress,
                seen=staged.seen,
            )
        except EditedMeanwhile as edited:
            self._staging.release(token)
            # A colleague's edit since the preview: the file would undo it unseen (QA).
            raise Refusal(
                "admin.import.error.edited",
                params={"count": edited.count},
                texts={"names": _named(parsed.drafts, edited.external_ids)},
            ) from None
        except CatalogFileInvalid:
            self._staging.release(token)
            # The shop changed since the preview (a SKU was taken meanwhile): preview again.
            raise Refusal("admin.import.error.changed") from None
        except BaseException:
            self._staging.release(token)
            raise
        self._staging.forget_content(token)
        return summary


def _decoded(data: bytes) -> str:
    if not data:
        raise Refusal("admin.import.error.empty")
    if len(data) > MAX_FILE_BYTES:
        raise Refusal("admin.import.error.too_large")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Refusal("admin.import.error.encoding") from None


def _named(drafts: Sequence[ProductDraft], external_ids: Sequence[str]) -> str:
    """ "BTQ-11 (Bunk bed), BTQ-12 (Chest), …": the first few products, as the file names
    them, so the merchant knows which to look at (the message named none, QA)."""
    titles = {d.external_id: d.title for d in drafts}
    named = ", ".join(f"{i} ({titles.get(i, '')})" for i in external_ids[:NAMED_EDITED])
    return named + (", …" if len(external_ids) > NAMED_EDITED else "")


def _shop_records(uow: UnitOfWork, drafts: Sequence[ProductDraft]) -> dict[str, ProductRecord]:
    """The shop's products of these drafts as they stand now, by external id."""
    with uow:
        keys = uow.catalog.product_keys()
        ids = [known[0] for d in drafts if (known := keys.get(d.external_id))]
        records = uow.catalog.product_records(ids) if ids else {}
    return {record.external_id: record for record in records.values()}
