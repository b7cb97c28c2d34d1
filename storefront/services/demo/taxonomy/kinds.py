"""What the demo catalog's categories are made of: a department, its leaf categories, and the
sizes and colour ranges several of them share."""

from __future__ import annotations

from dataclasses import dataclass, field

APPAREL_SIZES = ("XS", "S", "M", "L", "XL", "XXL")
SHOE_SIZES = ("36", "37", "38", "39", "40", "41", "42", "43", "44", "45", "46")
BED_SIZES = ("90 x 190 cm", "140 x 190 cm", "160 x 200 cm", "180 x 200 cm")

NEUTRALS = ("Black", "White", "Charcoal", "Stone", "Sand", "Ivory", "Grey")
EARTH = ("Terracotta", "Olive", "Ochre", "Rust", "Moss Green", "Walnut Brown", "Clay")
BRIGHT = ("Red", "Cobalt Blue", "Mustard", "Emerald", "Coral", "Teal", "Lilac", "Pink")
DENIM = ("Indigo", "Light Blue", "Black", "Stone Wash", "Mid Blue")
APPAREL = ("Navy", "Black", "White", "Camel", "Burgundy", "Forest Green", "Grey Marl", "Ecru")
METALS = ("Brass", "Matte Black", "Brushed Steel", "Copper", "Chrome", "Antique Bronze")
WOODS = ("Oak", "Walnut", "Ash", "Beech", "Teak", "Pine", "Bamboo")


@dataclass(frozen=True)
class Leaf:
    name: str
    name_fr: str
    icon: str
    nouns: tuple[str, ...]
    facet_keys: tuple[str, ...]
    price: tuple[int, int]  # euros
    materials: tuple[str, ...] = ()
    colours: tuple[str, ...] = ()
    # Variant axis: "size", "colour", "shoe_size", "finish", "capacity"... or "" for one SKU.
    axes: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    styles: tuple[str, ...] = ()
    features: tuple[str, ...] = ()
    uses: tuple[str, ...] = ()
    specs: tuple[str, ...] = ()  # those that fit every noun
    extra: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # A noun's own specs, instead of `specs`: no "USB Hub, 20,000 mAh" in a leaf of chargers.
    noun_specs: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def specs_of(self, noun: str) -> tuple[str, ...]:
        return self.noun_specs.get(noun, self.specs)


@dataclass(frozen=True)
class Department:
    name: str
    name_fr: str
    leaves: tuple[Leaf, ...]
