"""The recommendation rows a shopper sees, by the names their impressions and clicks are
counted under: the shop's rows and the admin's analytics read this one list."""

from __future__ import annotations

from typing import Final

WIDGETS: Final = ("similar", "bought_together", "for_you")  # in the dashboard's order
