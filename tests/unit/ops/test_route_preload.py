"""Pages with a route parameter get their own code preloaded in the fallback HTML."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from storefront.api.route_preload import _LOADED, RoutePreload, route_pattern

FALLBACK = (
    '<!DOCTYPE html><html><head><link rel="modulepreload" href="/assets/manifest-ab12.js"/>'
    '<link rel="modulepreload" href="/assets/entry.js"/></head><body></body></html>'
)
MANIFEST = {
    "entry": {"module": "/assets/entry.js", "imports": []},
    "routes": {
        "root": {"id": "root", "path": "", "module": "/assets/root.js", "imports": []},
        "product": {
            "path": "product/:slug",
            "module": "/assets/product-1.js",
            "imports": ["/assets/icons.js", "/assets/product-1.js"],
        },
        "order": {"path": "order/:reference", "module": "/assets/order-2.js", "imports": []},
        "search": {"path": "search", "module": "/assets/search.js", "imports": []},
        "not_found": {"path": "*", "module": "/assets/404.js", "imports": []},
    },
}


def build(static_dir: Path) -> None:
    (static_dir / "assets").mkdir()
    (static_dir / "__spa-fallback.html").write_text(FALLBACK)
    manifest = "window.__reactRouterManifest=" + json.dumps(MANIFEST) + ";"
    (static_dir / "assets" / "manifest-ab12.js").write_text(manifest)


def client(tmp_path: Path, *, built: bool = True) -> TestClient:
    if built:
        build(tmp_path)
    _LOADED.clear()

    async def static(_request: object) -> PlainTextResponse:
        return PlainTextResponse("static")

    inner = Starlette(routes=[Route("/{path:path}", static, methods=["GET", "HEAD", "POST"])])
    return TestClient(RoutePreload(inner, static_dir=tmp_path))


def preloads(html: str) -> list[str]:
    return [part.split('"')[0] for part in html.split('rel="modulepreload" href="')[1:]]


def test_a_dynamic_page_preloads_its_module_and_imports_once(tmp_path: Path) -> None:
    response = client(tmp_path).get("/product/oak-chair", headers={"accept-encoding": "identity"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert preloads(response.text) == [
        "/assets/manifest-ab12.js",
        "/assets/entry.js",
        "/assets/product-1.js",
        "/assets/icons.js",
    ]


def test_each_route_gets_its_own_module_and_gzip_is_served_when_accepted(tmp_path: Path) -> None:
    app = client(tmp_path)
    response = app.get("/order/BTQ-7/", headers={"accept-encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert "/assets/order-2.js" in response.text  # the client inflated it
    assert "/assets/product-1.js" not in response.text
    raw = app.head("/order/BTQ-7", headers={"accept-encoding": "gzip"})
    assert raw.status_code == 200
    assert raw.content == b""
    assert int(raw.headers["content-length"]) == len(
        gzip.compress(response.content.decode().encode(), mtime=0)
    )


def test_other_paths_and_methods_go_to_the_static_files(tmp_path: Path) -> None:
    app = client(tmp_path)
    for path in ("/search", "/", "/no/such/page", "/product/a/b", "/api/product/x"):
        assert app.get(path).text == "static", path
    assert app.post("/product/oak-chair").text == "static"


def test_without_a_build_everything_goes_through_until_the_build_is_there(
    tmp_path: Path,
) -> None:
    app = client(tmp_path, built=False)
    assert app.get("/product/oak-chair").text == "static"
    build(tmp_path)  # the build lands while the server runs
    assert "/assets/product-1.js" in app.get("/product/oak-chair").text


def test_route_patterns_cover_parameters_only() -> None:
    pattern = route_pattern("admin/products/:id")
    assert pattern is not None
    assert pattern.match("/admin/products/12")
    assert not pattern.match("/admin/products")
    assert route_pattern("admin/products") is None
    assert route_pattern("*") is None
