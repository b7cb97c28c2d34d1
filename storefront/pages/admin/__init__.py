"""Admin pages: one module per page, each a function of components."""
