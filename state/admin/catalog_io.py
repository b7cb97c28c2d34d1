"""Import and export page: a CSV file uploaded, checked and previewed (or refused with
every bad row), then applied all or nothing with a progress bar; exports as downloads."""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import reflex as rx

from models.types import utc_now
from state.admin.downloads import post_download
from state.admin.dropped_files import refusal
from state.admin.guard import AdminState, admin
from storefront.i18n import translate, translations
from storefront.services.admin.access import Permission
from storefront.services.admin.catalog_import import (
    FORMATS,
    MAX_FILE_BYTES,
    ImportPreview,
    SampleRow,
)
from storefront.services.admin.exports import ROUTES
from storefront.services.catalog_csv import RowProblem

CATALOG_UPLOAD = "catalog-file"  # the import's drop zone's upload id
PROGRESS_EVERY_SECONDS = 0.25

QUOTED_LIST = re.compile(r'"[^"]*"(?:, "[^"]*")+')  # quoted(), joined by ", "


@dataclass
class ProblemItem:
    line: int = 0
    column: str = ""
    reason: str = ""
    reason_fr: str = ""  # the French admin's; the same English text while it has none


def problem_item(problem: RowProblem) -> ProblemItem:
    """A file's problem as the page shows it, in English and French."""
    key = f"import.problem.{problem.key}"
    texts = (
        translations(key, problem.reason, **problem_params(problem, "en")) if problem.key else {}
    )
    french = (
        translations(key, problem.reason, **_in_guillemets(problem_params(problem, "fr")))
        if problem.key
        else {}
    )
    return ProblemItem(
        problem.line,
        problem.column,
        texts.get("en", problem.reason),
        french.get("fr", problem.reason),
    )


def problem_params(problem: RowProblem, locale: str) -> dict[str, str | int]:
    """A problem's {placeholders} for `locale`: an empty list named by its word there
    ("none", "aucune"; the French message said "none", QA)."""
    word = translate(locale, "import.none")
    return {name: word if value == "" else value for name, value in problem.params}


def _in_guillemets(params: dict[str, str | int]) -> dict[str, str | int]:
    """The cell values a problem quotes ("12,5") as French quotes them: «\u202f12,5\u202f»;
    a list of them ("brand", "image") each in its own (it read « brand", "image »; QA)."""
    return {
        name: _guillemets(value)
        if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"'
        else value
        for name, value in params.items()
    }


def _guillemets(value: str) -> str:
    items = value[1:-1].split('", "') if QUOTED_LIST.fullmatch(value) else [value[1:-1]]
    return ", ".join(f"«\u202f{item}\u202f»" for item in items)


@dataclass
class SampleItem:
    external_id: str = ""
    title: str = ""
    category: str = ""
    price: str = ""
    stock: int = 0  # after the import: the shop's for the variants it has (kept_stock)
    variants: int = 0
    kept_stock: int = 0
    status: str = "new"  # "new", "changed" or "unchanged" (import_diff.status_of)
    old_title: str = ""  # the shop's, when the file changes it
    price_changes: list[str] = field(default_factory=list)  # "SKU: 259.99 → 9.90"
    more_price_changes: int = 0
    price_alarm: bool = False
    file_stock: int = 0  # the file's figure, shown when it was ignored
    stock_ignored: bool = False


class AdminImportState(AdminState):
    file_format: str = "auto"
    token: str = ""
    filename: str = ""
    detected: str = ""
    products: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    new_categories: list[str] = []  # noqa: RUF012
    removed_variants: int = 0
    removed_units: int = 0
    removed_skus: list[str] = []  # noqa: RUF012
    price_changes: int = 0
    price_alarms: int = 0
    price_alarm_examples: list[str] = []  # noqa: RUF012
    sample: list[SampleItem] = []  # noqa: RUF012
    problems: list[ProblemItem] = []  # noqa: RUF012
    problem_count: int = 0
    applying: bool = False
    saved: int = 0

    @rx.var
    def progress(self) -> int:
        return min(100, 100 * self.saved // self.products) if self.products else 0

    @rx.event
    async def download_catalog(self, file_format: str) -> rx.event.EventSpec | None:
        """The catalog as CSV: the audit entry is written here, and the page posts the
        single-use ticket it gets (the format in it) to the download's route."""
        staff = await self._staff(Permission.VIEW)
        if staff is None:
            return None
        exports = admin().exports
        ticket, _ = await self._attempt(exports.catalog_ticket, staff, str(file_format), utc_now())
        if ticket is None:
            return None
        return rx.call_script(post_download(ROUTES["catalog"], {"ticket": ticket}))

    @rx.event
    async def load_page(self) -> None:
        if await self._staff(Permission.VIEW, opening=True) is None:
            return
        self._show(None)

    @rx.event
    async def choose_format(self, value: str) -> None:
        if await self._staff(Permission.CATALOG) is None:
            return
        self.file_format = value if value in FORMATS else "auto"

    @rx.event
    async def refuse_file(self, rejected: list[dict[str, Any]]) -> None:
        """The browser refused the file dropped (too big, not a CSV file)."""
        if await self._staff(Permission.CATALOG) is None:
            return
        why = refusal(rejected)
        await self._problem("admin.import.error." + ("type" if why == "svg" else why))

    @rx.event
    async def check_file(self, files: list[rx.UploadFile]) -> None:
        """Check the uploaded file and preview it (nothing is written yet)."""
        staff = await self._staff(Permission.CATALOG)
        if staff is None:
            return
        if not files:
            await self._problem("admin.import.error.no_file")
            return
        upload = files[0]
        data = await upload.read(MAX_FILE_BYTES + 1)
        found, _ = await self._attempt(
            admin().imports.preview,
            staff,
            upload.name or "catalog.csv",
            data,
            self.file_format,
            utc_now(),
        )
        self._show(found)
        if found is not None and found.problem_count:
            await self._problem("admin.import.refused")

    def _show(self, preview: ImportPreview | None) -> None:
        self.token = preview.token if preview else ""
        self.filename = preview.filename if preview else ""
        self.detected = preview.file_format if preview else ""
        self.products = preview.products if preview else 0
        self.created = preview.created if preview else 0
        self.updated = preview.updated if preview else 0
        self.unchanged = preview.unchanged if preview else 0
        self.new_categories = list(preview.new_categories) if preview else []
        self.removed_variants = preview.removed_variants if preview else 0
        self.removed_units = preview.removed_units if preview else 0
        self.removed_skus = list(preview.removed_skus) if preview else []
        self.price_changes = preview.price_changes if preview else 0
        self.price_alarms = preview.price_alarms if preview else 0
        self.price_alarm_examples = list(preview.price_alarm_examples) if preview else []
        self.sample = [_sample_item(s) for s in preview.sample] if preview else []
        self.problems = [problem_item(p) for p in preview.problems] if preview else []
        self.problem_count = preview.problem_count if preview else 0
        self.saved, self.applying = 0, False

    @rx.event
    async def apply(self) -> AsyncIterator[None]:
        """Save the previewed file, all or nothing, showing progress as products are saved."""
        staff = await self._staff(Permission.CATALOG)
        if staff is None or not self.token or self.applying:
            return
        self.applying, self.saved = True, 0
        yield
        counted = _Counter()
        work = asyncio.ensure_future(
            self._attempt(admin().imports.apply, staff, self.token, utc_now(), counted.set)
        )
        try:
            while not work.done():
                await asyncio.sleep(PROGRESS_EVERY_SECONDS)
                self.saved = counted.value
                yield
            done, _ = await work
        finally:  # a fault (the database gone) must not leave the page applying for ever
            self.applying = False
        if done is None:
            return
        self.saved, self.token = self.products, ""
        await self._tell("admin.import.applied", created=done.created, updated=done.updated)
        # Still listed under the drop zone, the applied file looked waiting to be checked (QA).
        yield rx.clear_selected_files(CATALOG_UPLOAD)


def _sample_item(row: SampleRow) -> SampleItem:
    return SampleItem(
        row.external_id,
        row.title,
        row.category,
        row.price,
        row.stock,
        row.variants,
        row.kept_stock,
        row.status,
        row.old_title,
        list(row.price_changes),
        row.more_price_changes,
        row.price_alarm,
        row.file_stock,
        row.stock_ignored,
    )


class _Counter:
    """Products saved so far, set by the saving thread, read by the event loop."""

    def __init__(self) -> None:
        self.value = 0
        self._lock = threading.Lock()

    def set(self, value: int) -> None:
        with self._lock:
            self.value = value
