"""A page rendered ahead of time answers at the path the shop links to (/policies/terms),
not with a redirect to its folder (/policies/terms/), from the static files server the
production start uses (Starlette's, in HTML mode)."""

from __future__ import annotations

from pathlib import Path

from starlette.staticfiles import StaticFiles
from starlette.testclient import TestClient

from storefront.api.prerendered_paths import _FOUND, PrerenderedPaths, prerendered_paths


def build(static_dir: Path) -> None:
    """As React Router writes them: <path>.html and <path>/index.html, alike."""
    (static_dir / "index.html").write_text("home")
    (static_dir / "404.html").write_text("not found")
    (static_dir / "assets").mkdir()
    (static_dir / "assets" / "app.js").write_text("js")
    for path in ("cart", "policies/terms", "account/sign-in", "account"):
        (static_dir / path).mkdir(parents=True, exist_ok=True)
        (static_dir / path / "index.html").write_text(f"page {path}")
        (static_dir / f"{path}.html").write_text(f"page {path}")


def client(static_dir: Path) -> TestClient:
    _FOUND.clear()
    inner = StaticFiles(directory=static_dir, html=True)
    return TestClient(PrerenderedPaths(inner, static_dir=static_dir), follow_redirects=False)


def test_a_prerendered_page_answers_at_its_own_path(tmp_path: Path) -> None:
    build(tmp_path)
    shop = client(tmp_path)
    for path in ("/policies/terms", "/cart", "/account", "/account/sign-in"):
        answer = shop.get(path)
        assert answer.status_code == 200, path
        assert answer.text == f"page {path[1:]}"
    assert shop.get("/policies/terms?from=footer").text == "page policies/terms"
    assert shop.head("/cart").status_code == 200
    assert shop.get("/policies/terms/").text == "page policies/terms"  # as before


def test_other_paths_are_left_as_they_were(tmp_path: Path) -> None:
    build(tmp_path)
    shop = client(tmp_path)
    assert shop.get("/").text == "home"
    assert shop.get("/assets/app.js").text == "js"
    assert shop.get("/policies").status_code == 404  # a folder without a page of its own
    assert shop.get("/product/oak-chair").status_code == 404
    assert prerendered_paths(tmp_path) == {
        "/cart",
        "/policies/terms",
        "/account",
        "/account/sign-in",
    }


def test_without_a_build_it_steps_aside_and_looks_again_later(tmp_path: Path) -> None:
    shop = client(tmp_path)
    assert prerendered_paths(tmp_path) == frozenset()
    build(tmp_path)
    assert shop.get("/cart").status_code == 200
