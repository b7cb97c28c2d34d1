"""The demo shop's Beauty & Care department."""

from __future__ import annotations

from storefront.services.demo.taxonomy.kinds import Department, Leaf

DEPARTMENT = Department(
    "Beauty & Care",
    "Beauté & soins",
    (
        Leaf(
            "Skincare",
            "Soins du visage",
            "bottle",
            (
                "Face Serum",
                "Moisturiser",
                "Cleansing Balm",
                "Face Oil",
                "Eye Cream",
                "Sunscreen SPF 50",
                "Face Mask",
            ),
            ("skin_type", "volume"),
            (9, 89),
            materials=(
                "Vitamin C",
                "Hyaluronic Acid",
                "Niacinamide",
                "Retinol",
                "Ceramides",
                "Squalane",
            ),
            features=(
                "fragrance-free",
                "vegan formula",
                "dermatologist tested",
                "fast-absorbing",
                "refillable glass bottle",
            ),
            uses=("morning routines", "sensitive skin", "dry winter skin", "the night routine"),
            specs=("30 ml", "50 ml", "100 ml"),
            extra={"skin_type": ("All skin types", "Dry", "Oily", "Sensitive", "Combination")},
        ),
        Leaf(
            "Hair Care",
            "Soins capillaires",
            "bottle",
            ("Shampoo", "Conditioner", "Hair Mask", "Hair Oil", "Styling Cream", "Shampoo Bar"),
            ("volume",),
            (6, 49),
            materials=("Argan Oil", "Rosemary", "Keratin", "Aloe Vera", "Shea Butter"),
            features=(
                "sulphate-free",
                "colour safe",
                "silicone-free",
                "plastic-free packaging",
            ),
            uses=("curly hair", "fine hair", "dry ends", "daily washing"),
            specs=("250 ml", "500 ml"),
            noun_specs={
                "Hair Mask": ("200 ml",),
                "Hair Oil": ("50 ml",),
                "Styling Cream": ("100 ml",),
                "Shampoo Bar": ("80 g bar",),
            },
        ),
        Leaf(
            "Fragrance",
            "Parfums",
            "perfume",
            (
                "Eau de Parfum",
                "Eau de Toilette",
                "Scented Candle",
                "Reed Diffuser",
                "Perfume Oil",
            ),
            ("scent", "volume"),
            (14, 159),
            materials=("Glass", "Soy Wax", "Rattan Reeds"),
            features=("long-lasting", "hand-poured", "45-hour burn time", "refillable flacon"),
            uses=("evenings out", "gifting", "relaxing baths", "every day"),
            specs=("50 ml", "100 ml"),
            noun_specs={
                "Scented Candle": ("200 g", "45-hour burn"),
                "Reed Diffuser": ("100 ml", "200 ml"),
            },
            extra={
                "scent": (
                    "Fig & Cedar",
                    "Neroli",
                    "Sea Salt & Sage",
                    "Amber & Vanilla",
                    "Vetiver",
                    "Rose & Oud",
                    "Bergamot",
                )
            },
        ),
        Leaf(
            "Bath & Body",
            "Bain & corps",
            "soap",
            ("Body Wash", "Hand Cream", "Body Lotion", "Bath Salts", "Soap Bar", "Body Scrub"),
            ("scent", "volume"),
            (5, 45),
            materials=("Shea Butter", "Olive Oil", "Oat Milk", "Dead Sea Salt", "Coconut Oil"),
            features=("cold-process", "vegan", "palm-oil free", "for sensitive skin"),
            uses=("long baths", "dry hands", "after-sun care", "gifting"),
            specs=("250 ml", "500 ml"),
            noun_specs={
                "Hand Cream": ("75 ml",),
                "Bath Salts": ("500 g",),
                "Soap Bar": ("100 g",),
                "Body Scrub": ("200 ml",),
            },
            extra={
                "scent": ("Lavender", "Eucalyptus", "Unscented", "Orange Blossom", "Sandalwood")
            },
        ),
    ),
)
