"""Where a shopper may be sent back to (after signing in, say): a path of this shop, never
another site (an open redirect would lend the shop's address to a phishing link)."""

from __future__ import annotations

MAX_PATH = 2_000


def local_path(path: str, default: str = "/") -> str:
    """`path` if it is a path of this shop, else `default`. Browsers read "//host" and
    "/\\host" (a backslash is a slash to them) as another site, and drop tabs and line breaks
    from an address first ("/\\t/host" is "//host"), so none of those passes."""
    if (
        not path.startswith("/")
        or path.startswith("//")
        or "\\" in path
        or len(path) > MAX_PATH
        or any(ord(c) < 0x20 or ord(c) == 0x7F for c in path)
    ):
        return default
    return path
