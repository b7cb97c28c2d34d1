"""Generates the demo catalog: the same seed and count always give the same products.

Product i comes from its own random stream, so a catalog of 5,000 is the first 5,000 products of
a catalog of 50,000. Dates count back from a fixed day, never from today.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from models.records import ImageRecord, VariantRecord
from storefront.services.catalog_names import CategorySpec
from storefront.services.catalog_writer import ProductDraft
from storefront.services.demo.brands import ADJECTIVES, BRANDS, MODEL_NAMES
from storefront.services.demo.taxonomy import BED_SIZES, DEPARTMENTS, Department, Leaf
from storefront.services.demo.wording import is_a
from storefront.services.product_records import variant_title
from storefront.services.slugs import slugify

EPOCH = datetime(2026, 11, 1, tzinfo=UTC)
MAX_PRODUCTS = 100_000
CURRENCY = "EUR"
# Words a shopper may type for what a family of products is called.
SYNONYMS: dict[str, str] = {
    "sofa": "A roomy couch (or settee) for the living room.",
    "sneaker": "Trainers for every day, as comfortable as they look.",
    "runner": "Running trainers built for the miles.",
    "floorlamp": "A standing lamp that lights a whole corner.",
    "tablelamp": "A small light for desks and bedside tables.",
    "pendant": "A hanging ceiling lamp.",
    "walllamp": "A wall-mounted light, or sconce.",
    "headphones": "Over-ear headset or earphones for music and calls.",
    "mug": "For coffee, tea and everything in between.",
    "pan": "A kitchen essential for the hob.",
    "jeans": "Denim trousers cut to last.",
    "tshirt": "A tee for every day.",
    "sweater": "A warm pullover or jumper.",
    "coat": "Outerwear for wind and rain.",
    "laptop": "A portable computer (notebook PC) for work and play.",
    "bulb": "Light bulb with an LED inside.",
    "tent": "A camping shelter.",
    "bear": "A cuddly stuffed animal.",
}


@dataclass(frozen=True)
class Traits:
    """What one product is: the words its title and description are made of."""

    noun: str
    material: str
    style: str
    feature: str
    brand: str


@dataclass(frozen=True)
class DemoCatalog:
    categories: tuple[CategorySpec, ...]
    products: tuple[ProductDraft, ...]
    # The drawing family of each product's category, for its images.
    icons: tuple[str, ...]


def category_specs() -> tuple[CategorySpec, ...]:
    """Departments first (with their French names), then every leaf category."""
    specs = [CategorySpec((d.name,), {"fr": d.name_fr}) for d in DEPARTMENTS]
    specs += [
        CategorySpec((d.name, leaf.name), {"fr": leaf.name_fr}, leaf.facet_keys)
        for d in DEPARTMENTS
        for leaf in d.leaves
    ]
    return tuple(specs)


LEAVES: tuple[tuple[Department, Leaf], ...] = tuple(
    (d, leaf) for d in DEPARTMENTS for leaf in d.leaves
)


def generate_demo_catalog(count: int = 5000, *, seed: int = 2026) -> DemoCatalog:
    """`count` products over every category, deterministic for a given seed."""
    if not 1 <= count <= MAX_PRODUCTS:
        raise ValueError(f"count must be between 1 and {MAX_PRODUCTS}, not {count}")
    products, icons = [], []
    for index in range(1, count + 1):
        rng = random.Random(f"{seed}:{index}")
        department, leaf = (
            LEAVES[(index - 1) % len(LEAVES)] if index <= len(LEAVES) else rng.choice(LEAVES)
        )
        products.append(_product(index, department, leaf, rng))
        icons.append(leaf.icon)
    return DemoCatalog(category_specs(), tuple(products), tuple(icons))


def _product(index: int, department: Department, leaf: Leaf, rng: random.Random) -> ProductDraft:
    external_id = f"BTQ-{index:06d}"
    traits = Traits(
        noun=rng.choice(leaf.nouns),
        material=rng.choice(leaf.materials) if leaf.materials else "",
        style=rng.choice(leaf.styles) if leaf.styles else "",
        feature=rng.choice(leaf.features) if leaf.features else "",
        brand=rng.choice(BRANDS[department.name]),
    )
    title = _title(department, leaf, traits, rng)
    variants = _variants(external_id, leaf, rng)
    attributes = _attributes(leaf, traits, rng, {k for v in variants for k in v.options})
    colours = list(
        dict.fromkeys(
            v.options[k] for v in variants for k in v.options if k in ("colour", "finish")
        )
    )
    images = tuple(
        ImageRecord(
            path=f"products/{external_id}-{slugify(c)}.svg", alt=f"{title}, {c}", option_value=c
        )
        for c in colours
    ) or (ImageRecord(path=f"products/{external_id}.svg", alt=title),)
    image_of = {image.option_value: image.path for image in images if image.option_value}
    variants = tuple(
        _with_image(v, image_of.get(v.options.get("colour") or v.options.get("finish") or ""))
        for v in variants
    )
    reviews = 0 if rng.random() < 0.1 else int(rng.expovariate(1 / 70)) + 1
    rating = 0.0 if reviews == 0 else round(min(5.0, max(1.0, rng.gauss(4.25, 0.45))), 1)
    return ProductDraft(
        external_id=external_id,
        title=title,
        description=_description(leaf, title, traits, variants, rng),
        currency=CURRENCY,
        variants=variants,
        category_path=(department.name, leaf.name),
        brand=traits.brand,
        attributes=attributes,
        images=images,
        featured=rng.random() < 0.03,
        rating=rating,
        review_count=reviews,
        created_at=EPOCH - timedelta(minutes=rng.randrange(0, 730 * 24 * 60)),
    )


def _with_image(variant: VariantRecord, path: str | None) -> VariantRecord:
    if path is None:
        return variant
    return VariantRecord(
        sku=variant.sku,
        price_minor=variant.price_minor,
        stock=variant.stock,
        options=variant.options,
        title=variant.title,
        compare_at_minor=variant.compare_at_minor,
        image_path=path,
    )


def _title(department: Department, leaf: Leaf, traits: Traits, rng: random.Random) -> str:
    noun, material, style, feature = traits.noun, traits.material, traits.style, traits.feature
    model = rng.choice(MODEL_NAMES)
    pattern = rng.randrange(5)
    if pattern == 0 and material:
        title = f"{model} {material} {noun}"
    elif pattern == 1 and feature:
        # The whole feature, after a comma: "with" suits "with belted waist" but not "with
        # lightweight" nor "with OEKO-TEX certified" (features are both kinds).
        title = f"{model} {noun}, {feature}"
    elif pattern == 2 and (
        sizes := [s for s in leaf.specs_of(noun) if any(c.isdigit() for c in s)]
    ):
        made_of = f"{material} " if material else ""
        title = f"{rng.choice(ADJECTIVES)} {made_of}{noun}, {rng.choice(sizes)}"
    elif pattern == 3 and style:
        title = f"{model} {style} {noun}"
    else:
        title = f"{model} {rng.choice(ADJECTIVES)} {noun}"
    if department.name == "Women's Fashion":
        title += " — Women's"
    elif department.name == "Men's Fashion":
        title += " — Men's"
    return title


def _variants(external_id: str, leaf: Leaf, rng: random.Random) -> tuple[VariantRecord, ...]:
    base = _price(leaf, rng)
    discounted = rng.random() < 0.15
    sold_out = rng.random() < 0.08
    axes: list[tuple[str, list[str]]] = []
    for axis in leaf.axes:
        if axis in ("colour", "finish"):
            palette = list(dict.fromkeys(leaf.colours))
            values = rng.sample(palette, k=min(len(palette), rng.choice((1, 1, 2, 3, 4))))
        else:
            pool = list(leaf.sizes)
            start = rng.randrange(0, max(1, len(pool) // 3))
            values = (
                pool[start:]
                if axis in ("size", "shoe_size")
                else rng.sample(pool, k=min(len(pool), rng.choice((1, 2, 3))))
            )
            values.sort(key=pool.index)
        axes.append((axis, values))
    combos: list[dict[str, str]] = [{}]
    for axis, values in axes:
        combos = [{**combo, axis: value} for combo in combos for value in values]
    variants = []
    markup: float | None = None  # a sale takes the same share off every variant
    for options in combos:
        step = _size_step(leaf, options)
        price = _round_price(base * (1 + 0.12 * step))
        stock = (
            0
            if sold_out or rng.random() < 0.08
            else rng.choice((rng.randint(1, 5), rng.randint(6, 120)))
        )
        # Drawn for every variant, the first kept: the catalog's other draws stay as they were.
        drawn = rng.uniform(1.2, 1.5) if discounted else None
        markup = markup or drawn
        code = "-".join(slugify(v, 40).upper() for v in options.values()) or "STD"
        variants.append(
            VariantRecord(
                sku=f"{external_id}-{code}",
                price_minor=price,
                stock=stock,
                options=options,
                title=variant_title(options),
                compare_at_minor=_round_price(price / 100 * markup) if markup else None,
            )
        )
    return tuple(variants)


def _size_step(leaf: Leaf, options: dict[str, str]) -> int:
    """Bigger pans, beds and tents cost more; clothing sizes do not."""
    value = options.get("capacity") or (options.get("size") if leaf.sizes == BED_SIZES else None)
    return leaf.sizes.index(value) if value in leaf.sizes else 0


def _price(leaf: Leaf, rng: random.Random) -> float:
    low, high = leaf.price
    # Log-uniform: plenty of affordable items, a long tail of expensive ones.
    return float(low * (high / low) ** rng.random())


def _round_price(euros: float) -> int:
    """Shop prices: 12.90, 49.99, 1,290.00."""
    if euros >= 500:
        return int(round(euros / 10) * 10) * 100
    if euros >= 30:
        return int(euros) * 100 + 99
    return int(euros) * 100 + 90


def _attributes(
    leaf: Leaf, traits: Traits, rng: random.Random, variant_keys: set[str]
) -> dict[str, tuple[str, ...]]:
    material, style = traits.material, traits.style
    attributes: dict[str, tuple[str, ...]] = {}
    for key in leaf.facet_keys:
        if key in variant_keys:
            continue
        if key == "material" and material:
            attributes[key] = (material,)
        elif key == "style" and style:
            attributes[key] = (style,)
        elif key == "colour" and leaf.colours:
            attributes[key] = (rng.choice(leaf.colours),)
        elif key in leaf.extra:
            attributes[key] = (rng.choice(leaf.extra[key]),)
        elif key in ("capacity", "volume"):
            quantities = [s for s in leaf.specs_of(traits.noun) if any(ch.isdigit() for ch in s)]
            if quantities:
                attributes[key] = (rng.choice(quantities),)
    if material and "material" not in attributes and "material" not in variant_keys:
        attributes["material"] = (material,)
    return attributes


def _listed(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _description(
    leaf: Leaf, title: str, traits: Traits, variants: tuple[VariantRecord, ...], rng: random.Random
) -> str:
    noun, material, feature = traits.noun, traits.material, traits.feature
    name = title.split(" — ", maxsplit=1)[0].split(", ", maxsplit=1)[0]  # no size, no feature
    use = rng.choice(leaf.uses) if leaf.uses else "everyday use"
    others = [f for f in leaf.features if f != feature]
    extra = rng.sample(others, k=min(2, len(others)))
    made = f" made from {material.lower()}" if material else ""
    sentences = [
        f"The {name} from {traits.brand} {is_a(noun)}{made}, designed for {use}.",
        "Highlights: " + _listed([feature or "thoughtful details", *extra]) + ".",
    ]
    if leaf.icon in SYNONYMS:
        sentences.append(SYNONYMS[leaf.icon])
    colours = sorted(
        {v.options[k] for v in variants for k in v.options if k in ("colour", "finish")}
    )
    sizes = list(
        dict.fromkeys(
            v.options[k] for v in variants for k in v.options if k not in ("colour", "finish")
        )
    )
    if len(colours) > 1:
        sentences.append(f"Available in {', '.join(colours[:-1])} and {colours[-1]}.")
    if len(sizes) > 1:
        sentences.append(f"Choose from {sizes[0]} to {sizes[-1]}.")
    if specs := leaf.specs_of(noun):
        spec = rng.choice(specs)
        sentences.append(spec[0].upper() + spec[1:] + ".")
    if rng.random() < 0.5:
        sentences.append(
            rng.choice(
                (
                    "Thoughtfully packaged in recycled cardboard.",
                    "Backed by a two-year guarantee.",
                    "Designed in Europe.",
                    "Free returns within 30 days.",
                )
            )
        )
    return " ".join(sentences)
