"""Local stand-ins for outside services, for the demo shop and the tests (never production)."""
