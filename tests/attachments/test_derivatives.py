"""Derivatives: right way up, viewable in 8 bits, small, and carrying no metadata."""

from __future__ import annotations

import io

from PIL import Image

from opencen.attachments.derivatives import DISPLAY_SIZE, THUMBNAIL_SIZE, render_derivatives
from tests.attachments.files import GPS_IFD, image_bytes, jpeg_bytes, tiff16_bytes


def _loaded(content: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(content))
    image.load()
    return image


def _no_metadata(jpeg: bytes) -> None:
    image = Image.open(io.BytesIO(jpeg))
    assert image.format == "JPEG"
    assert dict(image.getexif()) == {}
    assert not set(image.info) & {"exif", "xmp", "icc_profile", "comment", "photoshop"}
    assert b"Exif" not in jpeg
    assert b"EvidenceCam" not in jpeg


def test_exif_and_gps_are_stripped_after_applying_the_orientation():
    original = _loaded(jpeg_bytes(size=(80, 40), gps=True, orientation=6))
    assert original.getexif().get_ifd(GPS_IFD)  # the original does carry GPS coordinates
    derivatives = render_derivatives(original)
    _no_metadata(derivatives.thumbnail)
    _no_metadata(derivatives.display)
    # Orientation 6: the camera was turned; the picture is shown upright, portrait.
    assert (derivatives.width, derivatives.height) == (40, 80)
    assert Image.open(io.BytesIO(derivatives.display)).size == (40, 80)


def test_large_images_are_scaled_down_never_up():
    derivatives = render_derivatives(_loaded(image_bytes("PNG", size=(4000, 1000))))
    assert Image.open(io.BytesIO(derivatives.display)).size == (DISPLAY_SIZE, 400)
    assert Image.open(io.BytesIO(derivatives.thumbnail)).size == (THUMBNAIL_SIZE, 80)
    small = render_derivatives(_loaded(image_bytes("PNG", size=(100, 50))))
    assert Image.open(io.BytesIO(small.display)).size == (100, 50)


def test_a_16_bit_xray_tiff_is_stretched_to_the_full_8_bit_range():
    original = _loaded(tiff16_bytes())
    assert original.mode == "I;16"
    display = Image.open(io.BytesIO(render_derivatives(original).display))
    assert display.mode == "L"
    darkest, brightest = display.getextrema()
    assert darkest <= 5 and brightest >= 250  # not clipped to white, not all black


def test_transparency_is_flattened_onto_white():
    image = Image.new("RGBA", (20, 20), (0, 0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    display = Image.open(io.BytesIO(render_derivatives(_loaded(buffer.getvalue())).display))
    assert display.mode == "RGB"
    assert display.getpixel((10, 10)) == (255, 255, 255)


def test_palette_and_bilevel_images_are_converted():
    for mode in ("P", "1", "CMYK"):
        fmt = "TIFF" if mode == "CMYK" else "PNG"
        derivatives = render_derivatives(_loaded(image_bytes(fmt, mode=mode)))
        assert Image.open(io.BytesIO(derivatives.thumbnail)).mode in {"L", "RGB"}


def test_every_orientation_turns_the_picture_upright():
    upright = _loaded(jpeg_bytes(size=(80, 40)))
    for orientation, size in [(1, (80, 40)), (3, (80, 40)), (6, (40, 80)), (8, (40, 80))]:
        turned = _loaded(jpeg_bytes(size=(80, 40), orientation=orientation))
        derivatives = render_derivatives(turned)
        display = Image.open(io.BytesIO(derivatives.display))
        assert (derivatives.width, derivatives.height) == display.size == size
    # The red block, top left in the upright picture, is bottom right after a half turn.
    half_turn = Image.open(
        io.BytesIO(render_derivatives(_loaded(jpeg_bytes(size=(80, 40), orientation=3))).display)
    )
    red, _green, _blue = half_turn.convert("RGB").getpixel((80 - 15, 40 - 8))
    assert red > 150
    assert upright.convert("RGB").getpixel((15, 8))[0] > 150
