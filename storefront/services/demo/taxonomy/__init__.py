"""Departments and categories of the demo shop, with what each category's products are made of.

Every leaf says which nouns name its products, what they are made of, how they vary (size,
colour, finish...), what they cost, and which attributes shoppers filter by. Names carry
synonyms a shopper might type (sofa/couch, sneakers/trainers) so search has real work to do.
One module per department, in the order the shop lists them below; `kinds` holds the shapes
and the sizes and colour ranges departments share.
"""

from __future__ import annotations

from storefront.services.demo.taxonomy import (
    beauty_care,
    electronics,
    furniture,
    garden,
    home_kitchen,
    lighting,
    mens_fashion,
    office,
    shoes,
    sports_outdoors,
    toys_games,
    womens_fashion,
)
from storefront.services.demo.taxonomy.kinds import BED_SIZES, Department, Leaf

__all__ = ["BED_SIZES", "DEPARTMENTS", "Department", "Leaf"]

DEPARTMENTS: tuple[Department, ...] = (
    home_kitchen.DEPARTMENT,
    furniture.DEPARTMENT,
    lighting.DEPARTMENT,
    womens_fashion.DEPARTMENT,
    mens_fashion.DEPARTMENT,
    shoes.DEPARTMENT,
    sports_outdoors.DEPARTMENT,
    beauty_care.DEPARTMENT,
    electronics.DEPARTMENT,
    toys_games.DEPARTMENT,
    garden.DEPARTMENT,
    office.DEPARTMENT,
)
