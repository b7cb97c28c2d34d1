"""Accounts: sign-up, sign-in with throttling, sessions, single-use password resets."""
