"""Recommendations: similar products with reasons, bought together, recommended for you."""
