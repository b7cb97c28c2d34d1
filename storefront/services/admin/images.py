"""Product images uploaded in the admin: checked by their bytes, stored under a name of ours.

The type is read from the file's first bytes, never from its name: a renamed text or HTML
file is refused. SVG is refused outright because it can carry script that would run on the
shop's own origin when the image is opened.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from models.records import ImageRecord, ProductRecord
from storefront.services.admin.products import ProductChange
from storefront.services.errors import Refusal
from storefront.services.ports import MediaStore, UnitOfWork
from storefront.services.product_edits import edit_product

MAX_IMAGE_BYTES = 5 * 1024 * 1024
E = "admin.image.error."
_SVG_MARKERS = (b"<svg", b"<?xml", b"<!doctype svg")


def check_image(filename: str, data: bytes) -> tuple[str, str]:
    """(extension, content type) of a PNG, JPEG or WebP image of at most 5 MB; raise
    Refusal('admin.image.error.<empty|too_large|svg|type>') for anything else."""
    if not data:
        raise Refusal(E + "empty", {"image": E + "empty"})
    if len(data) > MAX_IMAGE_BYTES:
        raise Refusal(E + "too_large", {"image": E + "too_large"})
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png", "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg", "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp", "image/webp"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(_SVG_MARKERS) or b"<svg" in head or _named_svg(filename):
        raise Refusal(E + "svg", {"image": E + "svg"})
    raise Refusal(E + "type", {"image": E + "type"})


def attach_image(
    uow: UnitOfWork,
    media: MediaStore,
    product_id: int,
    filename: str,
    data: bytes,
    *,
    alt: str = "",
) -> ProductChange:
    """Check the upload, store it and make it the product's first image (its thumbnail)."""
    extension, _content_type = check_image(filename, data)
    with uow:
        if uow.catalog.product_record(product_id) is None:
            raise Refusal("admin.product.error.not_found")
    # Named by content: uploading the same image twice stores one file, and a new image
    # gets a new URL, so no browser or proxy keeps showing the old one. Written before the
    # product points at it: a failed save leaves an unused file, never a broken image.
    digest = hashlib.sha256(data).hexdigest()[:20]
    path = media.write_bytes(f"products/{product_id}/{digest}.{extension}", data)
    before_path: list[str | None] = []

    def edit(record: ProductRecord) -> ProductRecord:
        before_path.append(record.images[0].path if record.images else None)
        others = tuple(image for image in record.images if image.path != path)
        return replace(record, images=(ImageRecord(path=path, alt=alt.strip()[:300]), *others))

    after = edit_product(uow, product_id, edit)
    return ProductChange(product_id, after.title, {"image": before_path[0]}, {"image": path})


def _named_svg(filename: str) -> bool:
    return filename.lower().rstrip().endswith((".svg", ".svgz"))
