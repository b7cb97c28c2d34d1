"""Reusable UI pieces. A component is a function of state vars; it holds no logic of its own."""
