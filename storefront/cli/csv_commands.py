"""Catalog CSV commands: import-catalog, export-catalog."""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, cast

from storefront.bootstrap import get_shop
from storefront.cli.progress import progress_bar
from storefront.services.catalog_csv import (
    CatalogFileInvalid,
    FileFormat,
    ParsedCatalog,
    catalog_size,
    check_catalog,
    export_catalog,
    parse_catalog,
    save_catalog,
    with_shop_problems,
)
from storefront.services.errors import InvalidProduct
from storefront.settings import get_settings

_REPORT_EVERY_LINES = 2_000


def register(commands: Any) -> None:
    importing = commands.add_parser(
        "import-catalog",
        help="create or update products from a CSV file (all rows valid, or nothing written)",
    )
    importing.add_argument("path", type=Path, help="the CSV file (UTF-8)")
    importing.add_argument("--format", choices=("auto", "generic", "shopify"), default="auto")
    importing.add_argument(
        "--currency", type=_currency, default=None, help="currency of the prices (default: shop's)"
    )
    importing.add_argument(
        "--dry-run", action="store_true", help="check the file against the shop, write nothing"
    )
    importing.set_defaults(run=run_import)

    exporting = commands.add_parser("export-catalog", help="write every product to a CSV file")
    exporting.add_argument("path", type=Path, help="the CSV file to write (replaced)")
    exporting.add_argument("--format", choices=("generic", "shopify"), default="generic")
    exporting.set_defaults(run=run_export)


def run_import(args: argparse.Namespace) -> int:
    path: Path = args.path
    if not path.is_file():
        print(f"no such file: {path}", file=sys.stderr)
        return 2
    currency = args.currency or get_settings().currency
    shop = get_shop()
    started = time.perf_counter()
    try:
        try:
            parsed = _read(path, args.format, currency)
        except CatalogFileInvalid as refused:
            # With what the shop finds wrong (SKUs of other products), as the admin's page
            # says it: one round of fixes (QA).
            raise shop.run(with_shop_problems, refused) from None
        read_seconds = time.perf_counter() - started
        if args.dry_run:
            summary = shop.run(check_catalog, parsed)
            print(
                f"dry run: {path} is valid; {summary.created} products would be created and "
                f"{summary.updated} updated, {summary.unchanged} left as they are "
                f"(read in {read_seconds:.1f} s); nothing was written"
            )
            for category in summary.new_categories:
                print(f"new category: {' > '.join(category)}")
            return 0
        saving = time.perf_counter()
        with progress_bar("Saving products", total=len(parsed.drafts)) as update:
            summary = shop.run(save_catalog, parsed, on_progress=update)
    except CatalogFileInvalid as exc:
        return _refused(path, exc)
    except InvalidProduct as exc:  # the reader checks the same rules; kept as a safety net
        print(f"{path}: refused: {exc.message}; nothing was written", file=sys.stderr)
        return 1
    save_seconds = time.perf_counter() - saving
    print(
        f"imported {len(parsed.drafts)} products from {path}: {summary.created} created, "
        f"{summary.updated} updated, {summary.unchanged} left as they are "
        f"(read {read_seconds:.1f} s, saved {save_seconds:.1f} s)"
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    path: Path = args.path
    if not path.parent.is_dir():
        print(f"no such folder: {path.parent}", file=sys.stderr)
        return 2
    shop = get_shop()
    total = shop.run(catalog_size)
    # Written beside the target, then renamed: a failed export never leaves half a file.
    partial = path.with_name(f".{path.name}.partial")
    started = time.perf_counter()
    try:
        with (
            partial.open("w", encoding="utf-8", newline="") as stream,
            progress_bar("Exporting products", total=total) as update,
        ):
            written = shop.run(export_catalog, stream, file_format=args.format, on_progress=update)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    seconds = time.perf_counter() - started
    print(f"exported {written} products to {path} ({args.format} format, {seconds:.1f} s)")
    return 0


def _read(path: Path, file_format: str, currency: str) -> ParsedCatalog:
    size = path.stat().st_size
    with path.open("rb") as raw, progress_bar("Reading file", total=size) as update:
        # utf-8-sig drops a byte order mark; newline="" leaves line ends inside quoted
        # fields to the CSV parser, as the csv module requires; bytes that are not UTF-8
        # are kept escaped for the reader to name their line (a strict decoding fails a
        # chunk ahead: "line 1" for a bad byte further down; QA).
        stream = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")
        parsed = parse_catalog(
            _reporting(stream, raw, update),
            file_format=cast(FileFormat, file_format),
            currency=currency,
        )
        update(size)
    return parsed


def _reporting(lines: Iterator[str], raw: BinaryIO, update: Callable[[int], None]) -> Iterator[str]:
    """The file's lines, reporting how many bytes were read now and then."""
    for number, line in enumerate(lines, start=1):
        if number % _REPORT_EVERY_LINES == 0:
            update(raw.tell())
        yield line


def _refused(path: Path, exc: CatalogFileInvalid) -> int:
    for problem in exc.problems:
        print(f"{path}: {problem}", file=sys.stderr)
    count = len(exc.problems)
    noun = "problem" if count == 1 else "problems"
    print(f"{path}: refused ({count} {noun}); nothing was written", file=sys.stderr)
    return 1


def _currency(value: str) -> str:
    if len(value) != 3 or not value.isascii() or not value.isalpha():
        raise argparse.ArgumentTypeError(f"{value!r} is not an ISO 4217 code such as EUR")
    return value.upper()
