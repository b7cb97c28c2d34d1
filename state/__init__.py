"""Reflex state, one module per feature. Thin: call a service, map results and errors for the UI."""
