"""The merchandiser admin: access, audit log, catalog, stock, orders, discounts, analytics."""
