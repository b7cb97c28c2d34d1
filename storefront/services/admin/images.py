"""Product images uploaded in the admin: checked by their bytes, stored under a name of ours.

The type is read from the file's first bytes, never from its name: a renamed text or HTML
file is refused. SVG is refused outright because it can carry script that would run on the
shop's own origin when the image is opened. A file cut short (an upload interrupted, a
download half done) is refused too: its structure is checked to its end, so shoppers never
get a half-drawn picture.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
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
    """(extension, content type) of a whole PNG, JPEG or WebP image of at most 5 MB; raise
    Refusal('admin.image.error.<empty|too_large|damaged|svg|type>') for anything else."""
    if not data:
        raise Refusal(E + "empty", {"image": E + "empty"})
    if len(data) > MAX_IMAGE_BYTES:
        raise Refusal(E + "too_large", {"image": E + "too_large"})
    for complete, extension, content_type in (
        (_whole_png, "png", "image/png"),
        (_whole_jpeg, "jpg", "image/jpeg"),
        (_whole_webp, "webp", "image/webp"),
    ):
        whole = complete(data)
        if whole is None:
            continue
        if not whole:
            raise Refusal(E + "damaged", {"image": E + "damaged"})
        return extension, content_type
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


def _whole_png(data: bytes) -> bool | None:
    """None if not a PNG; else whether its chunks run whole, each with its checksum, from
    IHDR to IEND."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return None
    at, first = 8, True
    while at + 12 <= len(data):
        (length,) = struct.unpack_from(">I", data, at)
        kind = data[at + 4 : at + 8]
        end = at + 8 + length
        if end + 4 > len(data) or (first and kind != b"IHDR"):
            return False
        (crc,) = struct.unpack_from(">I", data, end)
        if zlib.crc32(data[at + 4 : end]) != crc:
            return False
        if kind == b"IEND":
            return True
        at, first = end + 4, False
    return False


def _whole_jpeg(data: bytes) -> bool | None:
    """None if not a JPEG; else whether it ends with its end-of-image marker (some cameras
    pad the file after it)."""
    if not data.startswith(b"\xff\xd8\xff"):
        return None
    return data.rstrip(b"\x00").endswith(b"\xff\xd9")


def _whole_webp(data: bytes) -> bool | None:
    """None if not a WebP; else whether the file holds all the bytes its header announces."""
    if not (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return None
    size = int.from_bytes(data[4:8], "little")
    return size >= 4 and len(data) >= size + 8


def _named_svg(filename: str) -> bool:
    return filename.lower().rstrip().endswith((".svg", ".svgz"))
