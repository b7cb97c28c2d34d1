"""A category's products as columns (numpy arrays), ready for vectorised filtering and counting.

Built once per category and change, cached, and stored in the database beside the catalog so
that a cold cache costs one read, not one per product. Serialised with numpy's own format
(no pickle), so a stored table is plain data.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from models.views import FacetRow

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
FORMAT_VERSION = 1
# Bayesian prior of `popularity`: a rating is trusted in proportion to its reviews.
PRIOR_MEAN, PRIOR_WEIGHT = 3.5, 20


@dataclass(frozen=True)
class AttributeColumn:
    """One attribute as (row, value) pairs: row `rows[i]` has value `labels[values[i]]`."""

    labels: tuple[str, ...]
    rows: IntArray
    values: IntArray


@dataclass(frozen=True)
class FacetTable:
    product_id: IntArray
    category_id: IntArray  # -1: no category
    brand_id: IntArray  # -1: no brand
    price: IntArray
    rating: FloatArray
    reviews: IntArray
    in_stock: BoolArray
    created: FloatArray
    featured: BoolArray
    attributes: dict[str, AttributeColumn]

    def __len__(self) -> int:
        return int(self.product_id.shape[0])

    @property
    def popularity(self) -> FloatArray:
        return (self.rating * self.reviews + PRIOR_MEAN * PRIOR_WEIGHT) / (
            self.reviews + PRIOR_WEIGHT
        )

    @classmethod
    def from_rows(cls, rows: Sequence[FacetRow]) -> FacetTable:
        """Columns from row objects (the slow path, taken once per category and change)."""
        labels: dict[str, dict[str, int]] = {}
        pairs: dict[str, tuple[list[int], list[int]]] = {}
        for index, row in enumerate(rows):
            for key, values in row.attributes.items():
                vocabulary = labels.setdefault(key, {})
                row_list, value_list = pairs.setdefault(key, ([], []))
                for value in values:
                    row_list.append(index)
                    value_list.append(vocabulary.setdefault(value, len(vocabulary)))
        return cls(
            product_id=np.array([r.product_id for r in rows], dtype=np.int64),
            category_id=np.array(
                [-1 if r.category_id is None else r.category_id for r in rows], dtype=np.int64
            ),
            brand_id=np.array(
                [-1 if r.brand_id is None else r.brand_id for r in rows], dtype=np.int64
            ),
            price=np.array([r.price_minor for r in rows], dtype=np.int64),
            rating=np.array([r.rating for r in rows], dtype=np.float64),
            reviews=np.array([r.review_count for r in rows], dtype=np.int64),
            in_stock=np.array([r.in_stock for r in rows], dtype=np.bool_),
            created=np.array([r.created_ts for r in rows], dtype=np.float64),
            featured=np.array([r.featured for r in rows], dtype=np.bool_),
            attributes={
                key: AttributeColumn(
                    labels=tuple(labels[key]),
                    rows=np.array(pairs[key][0], dtype=np.int64),
                    values=np.array(pairs[key][1], dtype=np.int64),
                )
                for key in labels
            },
        )

    def to_bytes(self) -> bytes:
        arrays: dict[str, npt.NDArray[np.generic]] = {
            name: getattr(self, name) for name in _COLUMNS
        }
        keys = sorted(self.attributes)
        for number, key in enumerate(keys):
            arrays[f"attr{number}_rows"] = self.attributes[key].rows
            arrays[f"attr{number}_values"] = self.attributes[key].values
        meta = {
            "version": FORMAT_VERSION,
            "keys": keys,
            "labels": [self.attributes[key].labels for key in keys],
        }
        arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
        buffer = io.BytesIO()
        np.savez(buffer, allow_pickle=False, **arrays)  # type: ignore[arg-type]
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> FacetTable | None:
        """The stored table, or None when it was written in an older format."""
        with np.load(io.BytesIO(data), allow_pickle=False) as stored:
            meta = json.loads(stored["meta"].tobytes())
            if meta.get("version") != FORMAT_VERSION:
                return None
            columns = {name: stored[name] for name in _COLUMNS}
            attributes = {
                key: AttributeColumn(
                    labels=tuple(meta["labels"][number]),
                    rows=stored[f"attr{number}_rows"],
                    values=stored[f"attr{number}_values"],
                )
                for number, key in enumerate(meta["keys"])
            }
        return cls(attributes=attributes, **columns)


_COLUMNS = (
    "product_id",
    "category_id",
    "brand_id",
    "price",
    "rating",
    "reviews",
    "in_stock",
    "created",
    "featured",
)
