"""Serves a page rendered ahead of time at the path the shop links to, not after a redirect.

React Router writes each such page as `<path>/index.html` (and an identical `<path>.html`).
The static files server finds the folder first and answers `/policies/terms` with a 307 to
`/policies/terms/`: every link of the shop (the footer's, the sitemap's, the admin's "view
in the shop") took a detour, and a crawler was sent from the URL the sitemap lists to
another. Here such a path is handed on as its folder's (`/policies/terms/`), which the static
files server answers with the page: 200 at the URL asked. The page's code reads the
browser's address, which stays as it was.

Without a production build (development mode) it steps aside."""

from __future__ import annotations

from pathlib import Path

from starlette.types import ASGIApp, Receive, Scope, Send

from storefront.api.route_preload import frontend_dir

_FOUND: dict[Path, frozenset[str]] = {}


def prerendered_paths(static_dir: Path) -> frozenset[str]:
    """The paths of the pages rendered ahead of time in `static_dir` ("/cart", not "/"),
    read once (a process serves one build); none while there is no build, looked for again
    on the next request."""
    if static_dir in _FOUND:
        return _FOUND[static_dir]
    if not (static_dir / "index.html").is_file():
        return frozenset()
    paths = frozenset(
        "/" + index.parent.relative_to(static_dir).as_posix()
        for index in static_dir.rglob("index.html")
        if index.parent != static_dir and not index.parent.name.startswith((".", "_"))
    )
    _FOUND[static_dir] = paths
    return paths


class PrerenderedPaths:
    def __init__(self, app: ASGIApp, static_dir: Path | None = None) -> None:
        self.app = app
        self.static_dir = static_dir or frontend_dir()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("method") in ("GET", "HEAD"):
            path = scope.get("path", "")
            if path in prerendered_paths(self.static_dir):
                folder = path + "/"
                scope = {**scope, "path": folder, "raw_path": folder.encode()}
        await self.app(scope, receive, send)
