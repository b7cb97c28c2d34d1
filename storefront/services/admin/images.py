"""Product images uploaded in the admin: checked by their bytes, stored under a name of ours.

The type is read from the file's first bytes, never from its name: a renamed text or HTML
file is refused. SVG is refused outright because it can carry script that would run on the
shop's own origin when the image is opened. A file cut short (an upload interrupted, a
download half done) is refused too: its structure is checked to its end, so shoppers never
get a half-drawn picture. A picture whose header announces more than MAX_PIXELS is refused
as well: a few megabytes of file can declare a canvas every shopper's browser would need
gigabytes of memory to draw (a decompression bomb), on every page showing the product.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import Callable
from dataclasses import replace
from typing import Literal

from models.records import ImageRecord, ProductRecord
from storefront.services.admin.product_writes import ProductChange
from storefront.services.errors import NotFound, Refusal
from storefront.services.ports import MediaStore, UnitOfWork
from storefront.services.product_edits import edit_product

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_ALT = 300  # the column's length
# 50 megapixels: a phone's full-size photo fits; drawn, it takes 200 MB of a browser's memory.
MAX_PIXELS = 50_000_000
E = "admin.image.error."
# How an image moves among the product's: the first one is its thumbnail.
Move = Literal["remove", "first", "earlier", "later"]
MOVES: tuple[Move, ...] = ("remove", "first", "earlier", "later")
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
        if _declared_pixels(data) > MAX_PIXELS:
            raise Refusal(E + "too_many_pixels", {"image": E + "too_many_pixels"})
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


def product_images(uow: UnitOfWork, product_id: int) -> tuple[ImageRecord, ...]:
    """The product's images, its thumbnail first; refused if there is no such product."""
    with uow:
        record = uow.catalog.product_record(product_id)
    if record is None:
        raise Refusal("admin.product.error.not_found")
    return record.images


def arrange_image(uow: UnitOfWork, product_id: int, path: str, move: str) -> ProductChange:
    """Remove one of the product's images, or move it first (making it the thumbnail), one
    place earlier or one later. Its file stays in the media folder: a variant or an order's
    mail may still show it."""
    if move not in MOVES:
        raise Refusal(E + "move")
    return _edit_images(uow, product_id, path, lambda images, at: _moved(images, at, move))


def describe_image(uow: UnitOfWork, product_id: int, path: str, alt: str) -> ProductChange:
    """Set the text that stands for one of the product's images (for screen readers, and
    when it cannot be shown); empty, the shop uses the product's title."""
    text = " ".join(alt.split())
    if len(text) > MAX_ALT:
        raise Refusal(E + "alt", params={"limit": MAX_ALT})

    def described(images: tuple[ImageRecord, ...], at: int) -> tuple[ImageRecord, ...]:
        return (*images[:at], replace(images[at], alt=text), *images[at + 1 :])

    return _edit_images(uow, product_id, path, described)


def image_choices(uow: UnitOfWork, product_id: int) -> tuple[tuple[str, str], ...]:
    """The (option name, value) pairs the product's images may be shown for: each value of
    its variants' options once, in the variants' order; refused if there is no such product."""
    with uow:
        record = uow.catalog.product_record(product_id)
    if record is None:
        raise Refusal("admin.product.error.not_found")
    return _choices(record)


def show_image_for(uow: UnitOfWork, product_id: int, path: str, value: str) -> ProductChange:
    """Show one of the product's images for one of its option values (a colour): the shop's
    page shows it when the shopper picks that value. Empty, it is shown for all of them. The
    image's link a catalog import keeps (catalog_writer's keep_image_option)."""
    text = value.strip()

    def check(record: ProductRecord) -> None:
        if text and text not in {v for _, v in _choices(record)}:
            raise Refusal(E + "option")

    def shown(images: tuple[ImageRecord, ...], at: int) -> tuple[ImageRecord, ...]:
        return (*images[:at], replace(images[at], option_value=text or None), *images[at + 1 :])

    return _edit_images(uow, product_id, path, shown, check)


def _choices(record: ProductRecord) -> tuple[tuple[str, str], ...]:
    seen: dict[str, str] = {}
    for variant in record.variants:
        for name, value in variant.options.items():
            seen.setdefault(value, name)
    return tuple((name, value) for value, name in seen.items())


def _edit_images(
    uow: UnitOfWork,
    product_id: int,
    path: str,
    change: Callable[[tuple[ImageRecord, ...], int], tuple[ImageRecord, ...]],
    check: Callable[[ProductRecord], None] | None = None,
) -> ProductChange:
    before: list[tuple[ImageRecord, ...]] = []

    def edit(record: ProductRecord) -> ProductRecord:
        at = next((n for n, image in enumerate(record.images) if image.path == path), None)
        if at is None:  # removed or replaced meanwhile, in another tab
            raise Refusal(E + "gone")
        if check is not None:  # against the product as it stands, in the same transaction
            check(record)
        before.append(record.images)
        return replace(record, images=change(record.images, at))

    try:
        after = edit_product(uow, product_id, edit)
    except NotFound as exc:
        raise Refusal("admin.product.error.not_found") from exc
    return ProductChange(
        product_id,
        after.title,
        {"images": _snapshot(before[0])},
        {"images": _snapshot(after.images)},
    )


def _moved(images: tuple[ImageRecord, ...], at: int, move: Move) -> tuple[ImageRecord, ...]:
    rest = [*images[:at], *images[at + 1 :]]
    if move == "remove":
        return tuple(rest)
    to = {"first": 0, "earlier": max(at - 1, 0), "later": min(at + 1, len(rest))}[move]
    return (*rest[:to], images[at], *rest[to:])


def _snapshot(images: tuple[ImageRecord, ...]) -> list[dict[str, str]]:
    return [{"path": i.path, "alt": i.alt, "shows": i.option_value or ""} for i in images]


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
    """None if not a JPEG; else whether its segments run whole to the image data and the
    end-of-image marker follows it. An EXIF thumbnail's own end marker sits inside a segment
    and does not count; what a phone appends after the end (a motion photo's video) is let be.
    """
    if not data.startswith(b"\xff\xd8\xff"):
        return None
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return False
        marker = data[at + 1]
        if marker == 0xFF:  # a fill byte before the marker
            at += 1
            continue
        length = int.from_bytes(data[at + 2 : at + 4], "big")
        if length < 2:
            return False
        if marker == 0xDA:  # start of scan: the image data, up to the end marker
            return data.find(b"\xff\xd9", at + 2 + length) != -1
        at += 2 + length
    return False


def _whole_webp(data: bytes) -> bool | None:
    """None if not a WebP; else whether the file holds all the bytes its header announces."""
    if not (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return None
    size = int.from_bytes(data[4:8], "little")
    return size >= 4 and len(data) >= size + 8


# JPEG start-of-frame markers (baseline, progressive, lossless...): height and width follow.
_JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def _declared_pixels(data: bytes) -> int:
    """Width x height as the image's header announces it (0 when it says none)."""
    if data.startswith(b"\x89PNG"):  # IHDR comes first: width, height
        width, height = struct.unpack_from(">II", data, 16) if len(data) >= 24 else (0, 0)
        return int(width) * int(height)
    if data.startswith(b"\xff\xd8"):
        return _jpeg_pixels(data)
    return _webp_pixels(data)


def _jpeg_pixels(data: bytes) -> int:
    at = 2
    while at + 9 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xFF:
            at += 1
            continue
        if marker in _JPEG_FRAMES:
            height, width = struct.unpack_from(">HH", data, at + 5)
            return int(width) * int(height)
        if marker == 0xDA:
            return 0
        at += 2 + int.from_bytes(data[at + 2 : at + 4], "big")
    return 0


def _webp_pixels(data: bytes) -> int:
    kind, body = data[12:16], data[20:30]
    if kind == b"VP8X" and len(body) >= 10:  # the canvas, 24-bit sizes minus one
        return (int.from_bytes(body[4:7], "little") + 1) * (
            int.from_bytes(body[7:10], "little") + 1
        )
    if kind == b"VP8 " and len(body) >= 10 and body[3:6] == b"\x9d\x01\x2a":
        width, height = struct.unpack_from("<HH", body, 6)
        return int(width & 0x3FFF) * int(height & 0x3FFF)
    if kind == b"VP8L" and len(body) >= 5 and body[0] == 0x2F:
        bits = int.from_bytes(body[1:5], "little")
        return ((bits & 0x3FFF) + 1) * (((bits >> 14) & 0x3FFF) + 1)
    return 0


def _named_svg(filename: str) -> bool:
    return filename.lower().rstrip().endswith((".svg", ".svgz"))
