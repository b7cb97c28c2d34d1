"""The demo shop's Office & Stationery department."""

from __future__ import annotations

from storefront.services.demo.taxonomy.kinds import NEUTRALS, Department, Leaf

DEPARTMENT = Department(
    "Office & Stationery",
    "Bureau & papeterie",
    (
        Leaf(
            "Notebooks & Paper",
            "Carnets & papier",
            "notebook",
            (
                "Notebook",
                "Planner",
                "Sketchbook",
                "Bullet Journal",
                "Notepad",
                "Weekly Planner",
            ),
            ("colour", "material"),
            (4, 39),
            materials=("Recycled Paper", "Linen Cover", "Vegan Leather Cover", "Kraft Card"),
            colours=("Black", "Navy", "Terracotta", "Sage", "Mustard", "Lilac"),
            axes=("colour",),
            features=(
                "dot grid pages",
                "lay-flat binding",
                "120 gsm fountain-pen-friendly paper",
                "ribbon bookmark",
            ),
            uses=("journaling", "meeting notes", "sketching", "planning the year"),
            specs=("A5", "A4", "192 pages"),
        ),
        Leaf(
            "Pens & Writing",
            "Stylos & écriture",
            "pen",
            (
                "Fountain Pen",
                "Ballpoint Pen",
                "Gel Pen Set",
                "Mechanical Pencil",
                "Fineliner Set",
                "Highlighters",
            ),
            ("colour",),
            (3, 129),
            materials=("Brass", "Aluminium", "Resin", "Recycled Plastic"),
            colours=("Black", "Blue", "Red", "Green", "Assorted"),
            axes=("colour",),
            features=("refillable", "smooth medium nib", "quick-drying ink", "0.5 mm lead"),
            uses=("everyday writing", "calligraphy", "studying", "drawing"),
            specs=("set of 6", "set of 12"),
        ),
        Leaf(
            "Desk Accessories",
            "Accessoires de bureau",
            "lamp",
            (
                "Desk Organiser",
                "Monitor Stand",
                "Desk Mat",
                "Letter Tray",
                "Pen Pot",
                "Bookends",
            ),
            ("material", "colour"),
            (9, 99),
            materials=("Oak", "Walnut", "Felt", "Cork", "Powder-Coated Steel"),
            colours=NEUTRALS + ("Natural",),
            axes=("colour",),
            features=("keeps cables tidy", "non-slip base", "raises the screen to eye level"),
            uses=("home offices", "studios", "students"),
            specs=(),
            noun_specs={
                "Desk Organiser": ("5 compartments",),
                "Monitor Stand": ("holds 20 kg",),
                "Desk Mat": ("60 x 30 cm", "90 x 40 cm"),
                "Letter Tray": ("A4",),
                "Pen Pot": ("ø 8 cm",),
                "Bookends": ("set of 2",),
            },
        ),
    ),
)
