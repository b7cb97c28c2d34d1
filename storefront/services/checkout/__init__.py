"""Checkout: totals computed only on the server (pricing), then payment (to come)."""
