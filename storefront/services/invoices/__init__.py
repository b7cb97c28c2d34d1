"""Invoices: the numbering rule and the document built from what a paid order stored."""
