"""Use cases as plain functions and small classes. No web, cache, payment or ML imports here."""
