"""Admin states: one per admin page, all under AdminState, whose guard every handler calls."""
