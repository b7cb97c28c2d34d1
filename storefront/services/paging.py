"""Counting pages: the one rule for every paged list (listings, search, admin tables)."""

from __future__ import annotations


def page_count(total: int, page_size: int) -> int:
    """Pages needed for `total` items, `page_size` a page; an empty list still has one."""
    return max(1, -(-total // page_size))
