"""Thumbnail and display images made from an accepted image, without any metadata.

They are generated in the request that uploads the image (a few tenths of a second for a
12-megapixel photo); a worker queue can take this over later without changing the model.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import ExifTags, Image

THUMBNAIL_SIZE = 320
DISPLAY_SIZE = 1600
JPEG_QUALITY = 85
DERIVATIVE_MEDIA_TYPE = "image/jpeg"

#: EXIF orientation -> the turn that shows the picture upright (as ImageOps.exif_transpose).
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_SWAPS_SIDES = {
    Image.Transpose.TRANSPOSE,
    Image.Transpose.ROTATE_270,
    Image.Transpose.TRANSVERSE,
    Image.Transpose.ROTATE_90,
}

#: Modes Pillow scales well with a Lanczos filter.
_SCALABLE_MODES = {"L", "LA", "RGB", "RGBA", "CMYK", "YCbCr"}
#: Modes holding more than 8 bits per sample (16-bit X-ray TIFFs are "I;16").
_WIDE_MODES = {"I;16", "I;16L", "I;16B", "I;16N", "I", "F"}


@dataclass(frozen=True)
class Derivatives:
    """JPEG bytes of both derivatives, and the image's size as displayed (after rotation)."""

    thumbnail: bytes
    display: bytes
    width: int
    height: int


def render_derivatives(image: Image.Image) -> Derivatives:
    """Scale down, turn as the camera says, make it viewable in 8 bits, encode clean JPEGs."""
    # Read before anything else: the metadata holding the orientation is dropped afterwards.
    orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
    transpose = _TRANSPOSE.get(orientation)
    # Palette, bilevel and wide images are made viewable first, since they scale badly.
    source = image if image.mode in _SCALABLE_MODES else _viewable(image)
    # Scaling first keeps the work small: the full-size image is neither copied nor turned.
    display = source.resize(
        _fit(source.size, DISPLAY_SIZE), Image.Resampling.LANCZOS, reducing_gap=3.0
    )
    if transpose is not None:
        display = display.transpose(transpose)
    display = _viewable(display)
    thumbnail = display.resize(_fit(display.size, THUMBNAIL_SIZE), Image.Resampling.LANCZOS)
    width, height = image.size
    if transpose in _SWAPS_SIDES:
        width, height = height, width
    return Derivatives(
        thumbnail=_clean_jpeg(thumbnail),
        display=_clean_jpeg(display),
        width=width,
        height=height,
    )


def _fit(size: tuple[int, int], box: int) -> tuple[int, int]:
    """The size that fits in a ``box`` square keeping the proportions; never larger."""
    width, height = size
    scale = min(1.0, box / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _viewable(image: Image.Image) -> Image.Image:
    """An "L" or "RGB" image a JPEG can hold; transparency is flattened onto white."""
    if image.mode in _WIDE_MODES:
        return _stretch_to_8_bits(image)
    if image.mode in {"L", "RGB"}:
        return image
    if image.mode in {"RGBA", "LA", "PA", "La", "RGBa"} or "transparency" in image.info:
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    if image.mode == "1":
        return image.convert("L")
    return image.convert("RGB")  # P, CMYK, YCbCr, LAB


def _stretch_to_8_bits(image: Image.Image) -> Image.Image:
    """Map the darkest to the brightest sample onto 0-255, as X-ray viewers do by default."""
    wide = image if image.mode in {"I", "F"} else image.convert("I")
    low, high = wide.getextrema()
    if high <= low:
        return Image.new("L", wide.size, 0)
    scale = 255.0 / (high - low)
    offset = -low * scale
    return wide.point(lambda value: value * scale + offset).convert("L")


def _clean_jpeg(image: Image.Image) -> bytes:
    """Encode as JPEG with no EXIF, GPS, XMP, ICC profile or comment."""
    # Pillow copies some metadata (comment, XMP) from ``info`` when saving: start empty.
    image.info = {}
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True, exif=b"")
    return buffer.getvalue()
