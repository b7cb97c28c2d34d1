"""The shopping cart: lines by SKU, checked against today's prices and stock on every view."""
