"""What a catalog file's preview saw of the shop's products, so that saving the file refuses
to write over a product changed since (a colleague's edit would be undone unseen).

A product's fingerprint is a digest of what an edit or an import changes, compared by
content rather than by save times (clocks and commit order let an edit through). Stock (moved
by sales and adjustments, kept by a save) and the ratings reviews add are left out: they do not
make a save undo anything."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from models.records import ProductRecord
from storefront.services.ports import UnitOfWork


class EditedMeanwhile(Exception):
    """Products of a previewed file changed since its preview (a colleague's edit): saving
    the file would undo that edit unseen."""

    def __init__(self, external_ids: Sequence[str]) -> None:
        super().__init__(f"{len(external_ids)} products changed since the preview")
        self.external_ids = tuple(external_ids)  # in the file's order

    @property
    def count(self) -> int:
        return len(self.external_ids)


def fingerprints(uow: UnitOfWork, external_ids: Sequence[str]) -> dict[str, str]:
    """The shop's products of these external ids as they stand now: external id ->
    fingerprint ("" for a product the shop has not)."""
    with uow:
        keys = uow.catalog.product_keys()
        ids = [known[0] for external_id in external_ids if (known := keys.get(external_id))]
        records = uow.catalog.product_records(ids) if ids else {}
    return fingerprints_of(external_ids, records.values())


def fingerprints_of(
    external_ids: Sequence[str], records: Iterable[ProductRecord]
) -> dict[str, str]:
    """`fingerprints` of records already read (those the shop has among the ids)."""
    by_id = {record.external_id: record for record in records}
    return {external_id: _fingerprint(by_id.get(external_id)) for external_id in external_ids}


def changed_since(seen: Mapping[str, str], now: Mapping[str, str]) -> list[str]:
    """The external ids of `now`'s products that are not as `seen` saw them."""
    return [external_id for external_id, mark in now.items() if seen.get(external_id, "") != mark]


def _fingerprint(record: ProductRecord | None) -> str:
    if record is None:
        return ""
    unstocked = tuple(replace(v, stock=0) for v in record.variants)
    edited = replace(record, variants=unstocked, created_at=None)
    return hashlib.sha256(repr(edited).encode()).hexdigest()[:32]
