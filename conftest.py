"""Makes the project root importable for pytest (models, storefront, state, components)."""
