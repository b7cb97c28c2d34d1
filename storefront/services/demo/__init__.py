"""The deterministic demo catalog: departments, categories, brands, products, images."""

from storefront.services.demo.generator import DemoCatalog, generate_demo_catalog
from storefront.services.demo.seeding import seed_demo_catalog

__all__ = ["DemoCatalog", "generate_demo_catalog", "seed_demo_catalog"]
