"""Real files made in the tests: images drawn by Pillow, a tiny PDF written byte by byte."""

from __future__ import annotations

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def _picture(size=(64, 48), mode="RGB") -> Image.Image:
    """A picture with some structure (a gradient and a block), not a flat colour."""
    width, height = size
    image = Image.linear_gradient("L").resize(size).convert(mode)
    block = Image.new(mode, (width // 4, height // 4), "red" if mode == "RGB" else 200)
    image.paste(block, (width // 8, height // 8))
    return image


def jpeg_bytes(size=(64, 48), *, gps: bool = False, orientation: int | None = None) -> bytes:
    """A JPEG, optionally with GPS coordinates, a camera make and an orientation in EXIF."""
    exif = Image.Exif()
    if gps:
        exif[0x010F] = "EvidenceCam"
        exif[GPS_IFD] = {1: "N", 2: (51.0, 30.0, 12.5), 3: "E", 4: (0.0, 7.0, 39.0)}
    if orientation is not None:
        exif[ORIENTATION] = orientation
    buffer = io.BytesIO()
    _picture(size).save(buffer, "JPEG", quality=90, exif=exif.tobytes())
    return buffer.getvalue()


def image_bytes(format: str, size=(64, 48), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    _picture(size, mode).save(buffer, format)
    return buffer.getvalue()


def tiff16_bytes(size=(120, 80)) -> bytes:
    """A 16-bit grayscale TIFF like an X-ray scanner writes, values over the full range."""
    width, height = size
    image = Image.new("I;16", size)
    image.putdata([(x * 65535) // (width - 1) for _y in range(height) for x in range(width)])
    buffer = io.BytesIO()
    image.save(buffer, "TIFF")
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    """A minimal valid one-page PDF, with a correct cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png_bytes(width: int = 30_000, height: int = 30_000) -> bytes:
    """A PNG declaring 900 megapixels (1-bit), a few hundred bytes long."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (1 + width // 8) * 4)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", rows)
        + _png_chunk(b"IEND", b"")
    )


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)
