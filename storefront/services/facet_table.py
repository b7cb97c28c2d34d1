"""A category's products and their variants as columns (numpy arrays), ready for vectorised
filtering and counting.

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

from models.views import FacetRow, FacetVariant

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
FORMAT_VERSION = 6
# Bayesian prior of `popularity`: a rating is trusted in proportion to its reviews.
PRIOR_MEAN, PRIOR_WEIGHT = 3.5, 20


@dataclass(frozen=True)
class AttributeColumn:
    """One attribute as (variant, value) pairs: variant `variants[i]` carries `labels[values[i]]`.

    A variant carries its own option value and its product's attributes. Pairs are sorted by
    product, then value, so that a product's repeats of one value (size 42 in black and in
    coral) sit side by side and are counted once without a sort per request.
    """

    labels: tuple[str, ...]
    variants: IntArray
    values: IntArray


@dataclass(frozen=True)
class FacetTable:
    product_id: IntArray
    category_id: IntArray  # -1: no category
    brand_id: IntArray  # -1: no brand
    price: IntArray
    rating: FloatArray
    reviews: IntArray
    created: FloatArray
    featured: BoolArray
    # One entry per variant: its product's row, whether it can be bought now, its price.
    variant_row: IntArray
    variant_in_stock: BoolArray
    variant_price: IntArray
    variant_compare_at: IntArray  # -1: none
    variant_id: IntArray
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
        variant_row: list[int] = []
        variant_in_stock: list[bool] = []
        variant_price: list[int] = []
        variant_compare_at: list[int] = []
        variant_ids: list[int] = []

        def pair(key: str, value: str) -> tuple[list[int], list[int], int]:
            """The key's pair lists and the value's code in its labels."""
            vocabulary = labels.setdefault(key, {})
            variants, values = pairs.setdefault(key, ([], []))
            return variants, values, vocabulary.setdefault(value, len(vocabulary))

        for index, row in enumerate(rows):
            # The product's own values are looked up once, then given to each variant, but
            # for a key the variant has as an option: its own value wins (a product listing
            # colours red and blue is not "blue, in stock" through its red variant).
            own = [
                (key, *pair(key, value))
                for key, values in row.attributes.items()
                for value in values
            ]
            # A product without variants (none can be saved so) still takes part, never
            # in stock.
            no_variant = FacetVariant(options={}, in_stock=False, price_minor=row.price_minor)
            for variant in row.variants or (no_variant,):
                number = len(variant_row)
                variant_row.append(index)
                variant_in_stock.append(variant.in_stock)
                variant_price.append(variant.price_minor)
                variant_compare_at.append(variant.compare_at_minor or -1)
                variant_ids.append(variant.variant_id)
                for key, variants, values, code in own:
                    if key not in variant.options:
                        variants.append(number)
                        values.append(code)
                for key, value in variant.options.items():
                    variants, values, code = pair(key, value)
                    variants.append(number)
                    values.append(code)
        rows_of_variants = np.array(variant_row, dtype=np.int64)
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
            created=np.array([r.created_ts for r in rows], dtype=np.float64),
            featured=np.array([r.featured for r in rows], dtype=np.bool_),
            variant_row=rows_of_variants,
            variant_in_stock=np.array(variant_in_stock, dtype=np.bool_),
            variant_price=np.array(variant_price, dtype=np.int64),
            variant_compare_at=np.array(variant_compare_at, dtype=np.int64),
            variant_id=np.array(variant_ids, dtype=np.int64),
            attributes={
                key: _column(tuple(labels[key]), *pairs[key], rows_of_variants) for key in labels
            },
        )

    def to_bytes(self) -> bytes:
        arrays: dict[str, npt.NDArray[np.generic]] = {
            name: getattr(self, name) for name in _COLUMNS
        }
        keys = sorted(self.attributes)
        for number, key in enumerate(keys):
            arrays[f"attr{number}_variants"] = self.attributes[key].variants
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
                    variants=stored[f"attr{number}_variants"],
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
    "created",
    "featured",
    "variant_row",
    "variant_in_stock",
    "variant_price",
    "variant_compare_at",
    "variant_id",
)


def _column(
    labels: tuple[str, ...], variants: list[int], values: list[int], variant_row: IntArray
) -> AttributeColumn:
    """The pairs as arrays, sorted by product then value (see AttributeColumn)."""
    variant_array = np.array(variants, dtype=np.int64)
    value_array = np.array(values, dtype=np.int64)
    order = np.lexsort((value_array, variant_row[variant_array]))
    return AttributeColumn(labels, variant_array[order], value_array[order])
