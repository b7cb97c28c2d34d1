"""An uploaded picture whose header announces more pixels than browsers can afford to draw
(a decompression bomb: a small file, a huge canvas) is refused, whatever its format."""

from __future__ import annotations

import struct
import zlib

import pytest

from storefront.i18n import LOCALES, MESSAGES
from storefront.services.admin.images import MAX_PIXELS, check_image
from storefront.services.errors import Refusal

TOO_MANY = "admin.image.error.too_many_pixels"


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def jpeg(width: int, height: int, marker: int = 0xC0) -> bytes:
    jfif = b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    frame = bytes([0xFF, marker]) + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    scan = b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00" + b"\x12\x34"
    return b"\xff\xd8" + jfif + frame + scan + b"\xff\xd9"


def webp(kind: bytes, chunk: bytes) -> bytes:
    body = b"WEBP" + kind + struct.pack("<I", len(chunk)) + chunk
    return b"RIFF" + struct.pack("<I", len(body)) + body


def vp8(width: int, height: int) -> bytes:
    return webp(
        b"VP8 ", b"\x00\x00\x00\x9d\x01\x2a" + struct.pack("<HH", width, height) + b"\0" * 4
    )


def vp8l(width: int, height: int) -> bytes:
    bits = (width - 1) | ((height - 1) << 14)
    return webp(b"VP8L", b"\x2f" + struct.pack("<I", bits) + b"\0" * 5)


def vp8x(width: int, height: int) -> bytes:
    sizes = (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    return webp(b"VP8X", b"\0" * 4 + sizes)


BOMBS = [
    ("bomb.png", png(40_000, 40_000)),
    ("bomb.jpg", jpeg(30_000, 30_000)),
    ("bomb.jpg", jpeg(30_000, 30_000, marker=0xC2)),  # progressive
    ("bomb.webp", vp8(16_000, 16_000)),
    ("bomb.webp", vp8l(16_000, 16_000)),
    ("bomb.webp", vp8x(60_000, 60_000)),
]


@pytest.mark.parametrize(("filename", "data"), BOMBS)
def test_a_picture_announcing_too_many_pixels_is_refused(filename: str, data: bytes) -> None:
    with pytest.raises(Refusal) as refused:
        check_image(filename, data)
    assert refused.value.code == TOO_MANY
    assert refused.value.fields == {"image": TOO_MANY}


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (png(8_000, 6_000), "png"),
        (jpeg(8_000, 6_000), "jpg"),
        (vp8(8_000, 6_000), "webp"),
        (vp8l(8_000, 6_000), "webp"),
        (vp8x(8_000, 6_000), "webp"),
    ],
)
def test_a_full_size_photo_is_taken(data: bytes, kind: str) -> None:
    assert MAX_PIXELS >= 8_000 * 6_000
    assert check_image("photo", data)[0] == kind


def test_the_refusal_is_said_in_every_language() -> None:
    assert all(MESSAGES[TOO_MANY][locale] for locale in LOCALES)
