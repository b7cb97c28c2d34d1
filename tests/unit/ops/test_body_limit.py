"""Request bodies are capped before anything reads them: uploads before Reflex spools them
to disk (and before any role check), the webhook, session and admin download forms before
they are read."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from storefront.api.body_limit import LIMITS, BodyLimit
from storefront.services.admin.customers import CUSTOMER_DATA
from storefront.services.admin.exports import CATALOG_CSV
from storefront.services.admin.order_export import ORDERS_CSV
from storefront.services.admin.refund_export import REFUNDS_CSV


def app(max_bytes: int) -> TestClient:
    async def upload(request: Request) -> PlainTextResponse:
        return PlainTextResponse(str(len(await request.body())))

    inner = Starlette(
        routes=[
            Route("/_upload", upload, methods=["POST"]),
            Route("/other", upload, methods=["POST"]),
        ]
    )
    return TestClient(BodyLimit(inner, {"/_upload": max_bytes}))


def test_an_upload_within_the_limit_goes_through() -> None:
    response = app(100).post("/_upload", content=b"x" * 100)
    assert (response.status_code, response.text) == (200, "100")


def test_an_upload_over_the_limit_is_refused_before_it_is_read() -> None:
    response = app(100).post("/_upload", content=b"x" * 101)
    assert response.status_code == 413


def test_an_upload_without_a_length_is_refused() -> None:
    def chunks():  # type: ignore[no-untyped-def]
        yield b"x" * 10

    response = app(100).post("/_upload", content=chunks())
    assert response.status_code == 411


def test_other_routes_are_not_limited() -> None:
    response = app(100).post("/other", content=b"x" * 500)
    assert (response.status_code, response.text) == (200, "500")


def test_the_webhook_session_and_admin_download_routes_are_capped_too() -> None:
    async def read(request: Request) -> PlainTextResponse:
        return PlainTextResponse(str(len(await request.body())))

    # The admin's downloads: a form read before the staff check once spooled 300 MB (QA).
    downloads = (CATALOG_CSV, ORDERS_CSV, REFUNDS_CSV, CUSTOMER_DATA)
    paths = ("/api/stripe/webhook", "/api/session", "/api/session/end", *downloads)
    inner = Starlette(routes=[Route(path, read, methods=["POST"]) for path in paths])
    client = TestClient(BodyLimit(inner))
    for path in paths:
        cap = next(cap for prefix, cap in LIMITS.items() if path.startswith(prefix))
        assert client.post(path, content=b"x" * cap).status_code == 200
        assert client.post(path, content=b"x" * (cap + 1)).status_code == 413


def test_a_webhook_sent_in_chunks_without_a_length_is_read_within_its_cap() -> None:
    """Stripe, or a proxy passing its request on in chunks: no Content-Length to read."""

    async def read(request: Request) -> PlainTextResponse:
        return PlainTextResponse(str(len(await request.body())))

    inner = Starlette(routes=[Route("/api/stripe/webhook", read, methods=["POST"])])
    client = TestClient(BodyLimit(inner, {"/api/stripe/webhook": 100}))

    def chunks(total: int):  # type: ignore[no-untyped-def]
        for _ in range(total // 10):
            yield b"x" * 10

    answer = client.post("/api/stripe/webhook", content=chunks(100))
    assert (answer.status_code, answer.text) == (200, "100")
    answer = client.post("/api/stripe/webhook", content=chunks(200))
    assert (answer.status_code, answer.text) == (413, "Request too large.")


def test_a_body_sent_in_chunks_past_its_cap_is_refused_before_the_route_runs() -> None:
    """It was cut off under the route, which failed on it: 500 and a traceback (operator QA)."""
    reached: list[str] = []

    async def read(request: Request) -> PlainTextResponse:
        reached.append(request.url.path)
        return PlainTextResponse(str(len(await request.body())))

    paths = ("/api/stripe/webhook", "/api/session", "/api/session/end")
    inner = Starlette(routes=[Route(path, read, methods=["POST"]) for path in paths])
    client = TestClient(BodyLimit(inner), raise_server_exceptions=True)

    def chunks(total: int):  # type: ignore[no-untyped-def]
        for _ in range(total // 1024):
            yield b"x" * 1024
        yield b"x" * (total % 1024)

    for path in paths:
        cap = next(cap for prefix, cap in LIMITS.items() if path.startswith(prefix))
        assert client.post(path, content=chunks(cap + 1)).status_code == 413
        assert client.post(path, content=chunks(cap)).text == str(cap)
    assert reached == list(paths)  # only the bodies within their cap
